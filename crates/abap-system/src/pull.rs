//! Pulling a remote repository: deserialising its files into objects and
//! activating them, with the syntax checker deciding what fails.

use crate::abapgit_xml::{blocks, tag};
use crate::ddic::{DataElement, Domain, FieldDef, FixedValue, TableDef, TableKind, TableType};
use crate::engines::syntax::{self, Severity, SyntaxMessage};
use crate::error::SystemError;
use crate::files::{file_role, parse_file_to_object, FileRole};
use crate::git_repos::{AbapGitRepo, GitFile, PullMessage, PullOutcome, PullRequest};
use crate::pull_conflicts::ConflictMode;
use crate::repository::{ObjectType, RepoObject};
use crate::source::{CdsView, ClassSource};
use crate::system::{FunctionAttributes, HookImplementation, System};
use crate::transports::{TransportKind, TransportStatus};
use std::collections::BTreeMap;

/// The files of one object in the remote, with the folder it lives in.
struct RemoteObject<'a> {
    object_type: ObjectType,
    name: String,
    folder: String,
    files: Vec<&'a GitFile>,
}

impl RemoteObject<'_> {
    fn file(&self, role: FileRole) -> Option<&str> {
        self.files
            .iter()
            .find(|f| file_role(&f.path) == role)
            .map(|f| f.content.as_str())
    }

    fn xml(&self) -> &str {
        self.file(FileRole::Metadata).unwrap_or("")
    }
}

/// Activation order: dictionary first, then interfaces before their users.
fn activation_rank(object_type: ObjectType) -> u8 {
    match object_type {
        ObjectType::Doma => 0,
        ObjectType::Dtel => 1,
        ObjectType::Tabl | ObjectType::Stru => 2,
        ObjectType::Ttyp => 3,
        ObjectType::Intf => 4,
        ObjectType::Clas => 5,
        ObjectType::Ddls => 6,
        ObjectType::Dcls | ObjectType::Ddlx => 7,
        _ => 8,
    }
}

fn message(
    severity: char,
    number: &str,
    text: String,
    object: (&str, &str),
    exception: String,
) -> PullMessage {
    PullMessage {
        severity,
        id: "ZABAPGIT".to_string(),
        number: number.to_string(),
        text,
        obj_type: object.0.to_string(),
        obj_name: object.1.to_string(),
        exception,
    }
}

impl System {
    /// Pulls the registered repository for `request.url` (all files or the
    /// objects of the listed files) and activates its objects, in the handler's
    /// order: branch, conflict check (unless `conflict_mode` is `Ignore`), transport,
    /// activation; a pull without activation errors becomes the next conflict check's
    /// baseline. A missing repository is `RepositoryNotFound`; conflicts and activation
    /// errors are reported in the outcome.
    pub fn pull(&mut self, request: &PullRequest) -> Result<PullOutcome, SystemError> {
        let repo = self
            .repo_by_url(&request.url)
            .ok_or(SystemError::RepositoryNotFound)?
            .clone();
        let remote = self
            .remote(&repo.url)
            .ok_or_else(|| SystemError::RemoteNotFound(repo.url.clone()))?
            .clone();
        let branch = request
            .branch
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .unwrap_or(&repo.branch)
            .to_string();
        if !remote.branches.contains(&branch) {
            return Err(SystemError::BranchNotFound {
                url: repo.url.clone(),
                branch,
            });
        }
        // abapGit's select_branch switches the repository before anything else.
        if let Some(registered) = self.repos.iter_mut().find(|r| r.key == repo.key) {
            registered.branch = branch.clone();
        }
        let wanted: Vec<(String, String)> = request
            .files
            .iter()
            .filter_map(|f| parse_file_to_object(f))
            .map(|o| (o.object_type, o.name))
            .collect();
        if !request.files.is_empty() && wanted.is_empty() {
            return Err(SystemError::Invalid(
                "None of the given files names an ABAP object".to_string(),
            ));
        }
        let remote_files = remote.files_of(&branch);
        let entries = self.pull_file_entries(remote_files, &request.files, &repo.package);
        let user = pull_user(request);
        let mut outcome = PullOutcome {
            repo_key: repo.key.clone(),
            transport_request: String::new(),
            activated: Vec::new(),
            failed: Vec::new(),
            log: Vec::new(),
            conflicts: Vec::new(),
        };
        if request.conflict_mode == ConflictMode::Abort {
            outcome.conflicts = self.pull_conflicts(&entries, &branch, &user);
            if !outcome.conflicts.is_empty() {
                return Ok(outcome);
            }
        }
        let mut objects = group_files(remote_files, &repo.folder);
        objects.retain(|o| {
            wanted.is_empty()
                || wanted
                    .iter()
                    .any(|(t, n)| t == o.object_type.code() && *n == o.name)
        });
        objects.sort_by_key(|o| (activation_rank(o.object_type), o.name.clone()));
        let transport = self.pull_transport(&repo, request, &user)?;
        outcome.transport_request = transport.clone();
        for object in &objects {
            let code = object.object_type.code();
            let package = self.package_for_folder(&repo, &object.folder);
            match self.activate(object, &package) {
                Ok(()) => {
                    let entry = message(
                        'S',
                        "000",
                        format!("Object {code} {} activated", object.name),
                        (code, &object.name),
                        String::new(),
                    );
                    outcome.log.push(entry.clone());
                    outcome.activated.push(entry);
                    if !transport.is_empty() {
                        self.record_in_transport(&transport, code, &object.name);
                    }
                }
                Err(errors) => {
                    for error in errors {
                        outcome.log.push(error.clone());
                        outcome.failed.push(error);
                    }
                }
            }
        }
        if outcome.success() {
            self.store_pull_baselines(&entries, &branch, &user);
        }
        Ok(outcome)
    }

    /// The transport for a pull into a package that records changes: the given one (a
    /// modifiable workbench request). Without one, abapGit refuses ("No transport request
    /// was supplied"), unless the request asks for the documented default: the user's newest
    /// modifiable workbench request, created if needed. Local packages use none.
    fn pull_transport(
        &mut self,
        repo: &AbapGitRepo,
        request: &PullRequest,
        user: &str,
    ) -> Result<String, SystemError> {
        if !self.transport_required(&repo.package) {
            return Ok(String::new());
        }
        if let Some(number) = request
            .transport_request
            .as_deref()
            .map(|t| t.trim().to_ascii_uppercase())
            .filter(|t| !t.is_empty())
        {
            let transport = self
                .transport(&number)
                .ok_or_else(|| SystemError::TransportNotFound(number.clone()))?;
            if transport.kind != TransportKind::Workbench
                || transport.status != TransportStatus::Modifiable
            {
                return Err(SystemError::TransportWrongKind {
                    number,
                    expected: "workbench".to_string(),
                });
            }
            return Ok(number);
        }
        if !request.default_transport {
            return Err(SystemError::NoTransportSupplied);
        }
        if let Some(existing) = self.transports.iter().find(|t| {
            t.kind == TransportKind::Workbench
                && t.status == TransportStatus::Modifiable
                && t.owner == user
        }) {
            return Ok(existing.number.clone());
        }
        let created = self.create_transport(
            TransportKind::Workbench,
            &format!("abapGit pull: {}", repo.name),
            user,
        )?;
        Ok(created.number)
    }

    /// Maps a folder of the remote to a package (PREFIX or FULL logic),
    /// creating missing subpackages as abapGit does.
    fn package_for_folder(&mut self, repo: &AbapGitRepo, folder: &str) -> String {
        let start = repo.folder.trim_matches('/');
        let relative = folder.trim_matches('/');
        let relative = relative
            .strip_prefix(start)
            .unwrap_or(relative)
            .trim_matches('/');
        let mut package = repo.package.clone();
        for segment in relative.split('/').filter(|s| !s.is_empty()) {
            let upper = segment.to_ascii_uppercase();
            let name = if repo.folder_logic == "FULL" {
                upper
            } else {
                format!("{package}_{upper}")
            };
            if self.package(&name).is_none() {
                let transportable = self.transport_required(&package);
                crate::seed::add_package_public(
                    self,
                    &name,
                    &package,
                    &format!("{name} (created by abapGit)"),
                    transportable,
                );
            }
            package = name;
        }
        package
    }

    /// Checks and stores one object; on failure returns its error messages.
    fn activate(
        &mut self,
        object: &RemoteObject<'_>,
        package: &str,
    ) -> Result<(), Vec<PullMessage>> {
        let code = object.object_type.code();
        let name = object.name.clone();
        if let Some(existing) = self.object(object.object_type, &name) {
            if existing.package != package {
                let text = format!(
                    "Object {code} {name} already exists in package {}",
                    existing.package
                );
                return Err(vec![message('E', "001", text.clone(), (code, &name), text)]);
            }
        }
        let checked =
            |messages: Vec<SyntaxMessage>, file_kind: &str| -> Result<(), Vec<PullMessage>> {
                let errors: Vec<PullMessage> = messages
                    .into_iter()
                    .filter(|m| m.severity == Severity::Error)
                    .take(1)
                    .map(|m| {
                        let file = if m.part == syntax::SourcePart::Main {
                            file_kind.to_string()
                        } else {
                            format!("clas.{}.abap", m.part.include_key())
                        };
                        message(
                            'E',
                            "002",
                            m.text.clone(),
                            (code, &name),
                            format!(
                                "{}.{file} line {}: {}",
                                name.to_ascii_lowercase(),
                                m.line,
                                m.text
                            ),
                        )
                    })
                    .collect();
                if errors.is_empty() {
                    Ok(())
                } else {
                    Err(errors)
                }
            };
        let description = object_description(object);
        match object.object_type {
            ObjectType::Clas => {
                let class = ClassSource {
                    main: object.file(FileRole::Source).unwrap_or("").to_string(),
                    locals_def: object.file(FileRole::LocalsDef).unwrap_or("").to_string(),
                    locals_imp: object.file(FileRole::LocalsImp).unwrap_or("").to_string(),
                    testclasses: object.file(FileRole::Testclasses).unwrap_or("").to_string(),
                };
                checked(syntax::check_class(&class), "clas.abap")?;
                self.classes.insert(name.clone(), class);
            }
            ObjectType::Intf | ObjectType::Prog | ObjectType::Fugr | ObjectType::Enho => {
                let role = if object.object_type == ObjectType::Enho {
                    FileRole::Hook
                } else {
                    FileRole::Source
                };
                let source = object.file(role).unwrap_or("").to_string();
                let kind = format!("{}.abap", code.to_ascii_lowercase());
                checked(syntax::check_program(&source), &kind)?;
                self.sources
                    .insert((object.object_type, name.clone()), source);
                if object.object_type == ObjectType::Fugr {
                    self.pull_function_attributes(object.xml());
                }
                if object.object_type == ObjectType::Enho {
                    self.pull_hook_implementation(&name, object.xml());
                }
            }
            ObjectType::Ddls => {
                let source = object.file(FileRole::Source).unwrap_or("").to_string();
                checked(syntax::check_ddls(&source), "ddls.asddls")?;
                self.cds_views
                    .insert(name.clone(), parse_cds(&name, &source));
                self.insert_object(ObjectType::Stob, &name, package, &description);
            }
            ObjectType::Dcls => {
                let source = object.file(FileRole::Source).unwrap_or("").to_string();
                self.sources
                    .insert((object.object_type, name.clone()), source);
            }
            ObjectType::Tabl | ObjectType::Stru => {
                let table = parse_table(&name, object.xml(), &description);
                self.realign_rows(&table);
                let object_type = if table.kind == TableKind::Structure {
                    ObjectType::Stru
                } else {
                    ObjectType::Tabl
                };
                self.tables.insert(name.clone(), table);
                self.insert_object(object_type, &name, package, &description);
                return Ok(());
            }
            ObjectType::Dtel => {
                let xml = object.xml();
                let number = |tag_name: &str| {
                    tag(xml, tag_name)
                        .and_then(|v| v.parse::<u32>().ok())
                        .unwrap_or(0)
                };
                self.data_elements.insert(
                    name.clone(),
                    DataElement {
                        name: name.clone(),
                        description: description.clone(),
                        domain: tag(xml, "DOMNAME").unwrap_or_default(),
                        data_type: tag(xml, "DATATYPE").unwrap_or_else(|| "CHAR".to_string()),
                        length: number("LENG"),
                        decimals: number("DECIMALS"),
                        label: tag(xml, "SCRTEXT_M").unwrap_or_else(|| description.clone()),
                    },
                );
            }
            ObjectType::Doma => {
                let xml = object.xml();
                let number = |tag_name: &str| {
                    tag(xml, tag_name)
                        .and_then(|v| v.parse::<u32>().ok())
                        .unwrap_or(0)
                };
                self.domains.insert(
                    name.clone(),
                    Domain {
                        name: name.clone(),
                        description: description.clone(),
                        data_type: tag(xml, "DATATYPE").unwrap_or_else(|| "CHAR".to_string()),
                        length: number("LENG"),
                        decimals: number("DECIMALS"),
                        conversion_exit: tag(xml, "CONVEXIT").unwrap_or_default(),
                        value_table: tag(xml, "ENTITYTAB").unwrap_or_default(),
                        fixed_values: blocks(xml, "DD07V")
                            .into_iter()
                            .map(|entry| FixedValue {
                                low: tag(entry, "DOMVALUE_L").unwrap_or_default(),
                                high: tag(entry, "DOMVALUE_H").unwrap_or_default(),
                                text: tag(entry, "DDTEXT").unwrap_or_default(),
                            })
                            .collect(),
                    },
                );
            }
            ObjectType::Ttyp => {
                let xml = object.xml();
                self.table_types.insert(
                    name.clone(),
                    TableType {
                        name: name.clone(),
                        description: description.clone(),
                        row_type: tag(xml, "ROWTYPE").unwrap_or_default(),
                        access: TableType::access_from_code(
                            &tag(xml, "ACCESSMODE").unwrap_or_default(),
                        )
                        .to_string(),
                        key: match tag(xml, "KEYDEF").as_deref() {
                            Some("D") | None => "DEFAULT KEY".to_string(),
                            Some("R") => "TABLE_LINE".to_string(),
                            Some("N") => String::new(),
                            Some(_) => "KEY COMPONENTS".to_string(),
                        },
                    },
                );
            }
            ObjectType::Msag => {
                let messages = blocks(object.xml(), "T100")
                    .into_iter()
                    .filter_map(|entry| Some((tag(entry, "MSGNR")?, tag(entry, "TEXT")?)))
                    .collect();
                self.message_classes.insert(name.clone(), messages);
            }
            ObjectType::Ddlx | ObjectType::Xslt | ObjectType::Stob | ObjectType::Devc => {}
        }
        self.insert_object(object.object_type, &name, package, &description);
        Ok(())
    }

    /// Keeps stored rows aligned with a changed field list (like a table
    /// conversion): fields are matched by name, new fields start initial.
    fn realign_rows(&mut self, table: &TableDef) {
        let Some(old) = self.tables.get(&table.name) else {
            return;
        };
        if old.fields == table.fields {
            return;
        }
        let mapping: Vec<Option<usize>> = table
            .fields
            .iter()
            .map(|f| old.field_index(&f.name))
            .collect();
        if let Some(rows) = self.table_rows.get_mut(&table.name) {
            for row in rows.iter_mut() {
                *row = mapping
                    .iter()
                    .zip(&table.fields)
                    .map(|(from, field)| {
                        from.and_then(|i| row.get(i).cloned())
                            .unwrap_or_else(|| crate::data::Value::initial_for(field))
                    })
                    .collect();
            }
        }
    }

    fn insert_object(
        &mut self,
        object_type: ObjectType,
        name: &str,
        package: &str,
        description: &str,
    ) {
        self.objects.insert(
            (object_type, name.to_string()),
            RepoObject {
                object_type,
                name: name.to_string(),
                package: package.to_string(),
                description: description.to_string(),
                author: "DEVELOPER".to_string(),
                changed_on: self.reference_time.date().format("%Y%m%d").to_string(),
            },
        );
    }
}

/// The pulling user (upper case), `DEVELOPER` when none is named.
fn pull_user(request: &PullRequest) -> String {
    let user = request.user.trim();
    if user.is_empty() {
        "DEVELOPER".to_string()
    } else {
        user.to_ascii_uppercase()
    }
}

/// Groups remote files by object, keeping only files under the starting folder.
fn group_files<'a>(files: &'a [GitFile], start_folder: &str) -> Vec<RemoteObject<'a>> {
    let start = start_folder.trim_matches('/');
    let mut grouped: BTreeMap<(String, String), RemoteObject<'a>> = BTreeMap::new();
    for file in files {
        let path = file.path.trim_start_matches('/');
        if !start.is_empty() && !path.starts_with(&format!("{start}/")) {
            continue;
        }
        // Function group includes have four name parts, which the server's
        // file parser rejects; abapGit still reads them as part of the group.
        let Some(parsed) = parse_file_to_object(path).or_else(|| companion_file(path)) else {
            continue;
        };
        let Some(object_type) =
            ObjectType::from_code(&parsed.object_type).filter(|t| *t != ObjectType::Devc)
        else {
            continue;
        };
        let folder = path
            .rsplit_once('/')
            .map(|(dir, _)| format!("{dir}/"))
            .unwrap_or_default();
        grouped
            .entry((parsed.object_type.clone(), parsed.name.clone()))
            .or_insert_with(|| RemoteObject {
                object_type,
                name: parsed.name.clone(),
                folder,
                files: Vec::new(),
            })
            .files
            .push(file);
    }
    grouped.into_values().collect()
}

fn object_description(object: &RemoteObject<'_>) -> String {
    let xml = object.xml();
    [
        "DESCRIPT",
        "DDTEXT",
        "CTEXT",
        "STEXT",
        "AREAT",
        "SHORTTEXT",
        "ENTRY",
    ]
    .iter()
    .find_map(|t| tag(xml, t))
    .unwrap_or_else(|| format!("{} {}", object.object_type.code(), object.name))
}

fn parse_table(name: &str, xml: &str, description: &str) -> TableDef {
    let number = |text: &str, tag_name: &str| {
        tag(text, tag_name)
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let fields = blocks(xml, "DD03P")
        .into_iter()
        .map(|entry| FieldDef {
            name: tag(entry, "FIELDNAME").unwrap_or_default(),
            key: tag(entry, "KEYFLAG").as_deref() == Some("X"),
            ddic_type: tag(entry, "DATATYPE").unwrap_or_else(|| "CHAR".to_string()),
            length: number(entry, "LENG"),
            decimals: number(entry, "DECIMALS"),
            data_element: tag(entry, "ROLLNAME").unwrap_or_default(),
            description: tag(entry, "DDTEXT").unwrap_or_default(),
        })
        .collect();
    let kind = if tag(xml, "TABCLASS").as_deref() == Some("INTTAB") {
        TableKind::Structure
    } else {
        TableKind::Transparent
    };
    TableDef {
        name: name.to_string(),
        kind,
        description: description.to_string(),
        delivery_class: if kind == TableKind::Structure {
            String::new()
        } else {
            tag(xml, "CONTFLAG").unwrap_or_else(|| "A".to_string())
        },
        fields,
    }
}

/// Reads base, projection and filter from a simple `define view entity` source.
pub(crate) fn parse_cds(name: &str, source: &str) -> CdsView {
    let lower = source.to_ascii_lowercase();
    let base = lower
        .split_whitespace()
        .skip_while(|w| *w != "from")
        .nth(1)
        .unwrap_or("")
        .trim_end_matches('{')
        .to_ascii_uppercase();
    let body = match (source.find('{'), source.rfind('}')) {
        (Some(open), Some(close)) if open < close => &source[open + 1..close],
        _ => "",
    };
    let projection = body
        .split(',')
        .filter_map(|element| {
            let words: Vec<&str> = element
                .split_whitespace()
                .filter(|w| !w.starts_with('@'))
                .collect();
            let words: Vec<&str> = words
                .into_iter()
                .filter(|w| !w.eq_ignore_ascii_case("key"))
                .collect();
            let field = words.first()?.to_ascii_uppercase();
            let alias = match words.as_slice() {
                [_, as_word, alias, ..] if as_word.eq_ignore_ascii_case("as") => {
                    (*alias).to_string()
                }
                _ => field.clone(),
            };
            Some((alias, field))
        })
        .collect();
    let filter = source
        .rfind('}')
        .map(|close| source[close + 1..].trim())
        .and_then(|rest| {
            rest.strip_prefix("where")
                .or_else(|| rest.strip_prefix("WHERE"))
        })
        .map(|condition| condition.trim().to_string())
        .filter(|c| !c.is_empty());
    CdsView {
        name: name.to_string(),
        source: source.to_string(),
        base,
        projection,
        filter,
    }
}

/// Files the server's parser rejects but abapGit reads as part of an object:
/// function group includes and access control sources (`.dcls.asdcls`).
fn companion_file(path: &str) -> Option<crate::files::FileObject> {
    let file = path.rsplit('/').next().unwrap_or(path).to_ascii_uppercase();
    let parts: Vec<&str> = file.split('.').collect();
    let object_type = match parts.as_slice() {
        [_, "FUGR", .., "ABAP"] => "FUGR",
        [_, "DCLS", "ASDCLS"] => "DCLS",
        _ => return None,
    };
    Some(crate::files::FileObject {
        object_type: object_type.to_string(),
        name: parts.first()?.to_string(),
    })
}

impl System {
    /// fugr.xml's FUNCTIONS: each module's short text and remote mode (TFTIT, TFDIR).
    fn pull_function_attributes(&mut self, xml: &str) {
        let Some(functions) = blocks(xml, "FUNCTIONS").into_iter().next() else {
            return;
        };
        for item in blocks(functions, "item") {
            let Some(module) = tag(item, "FUNCNAME") else {
                continue;
            };
            self.function_attributes.insert(
                module.to_ascii_uppercase(),
                FunctionAttributes {
                    short_text: tag(item, "SHORT_TEXT").unwrap_or_default(),
                    mode: tag(item, "REMOTE_CALL").unwrap_or_default(),
                },
            );
        }
    }

    /// enho.xml's ORIGINAL_OBJECT and the first hook's full name (`\TY:C\ME:M\SE:S\EI`).
    fn pull_hook_implementation(&mut self, name: &str, xml: &str) {
        let part = |full: &str, key: &str| {
            full.split('\\')
                .find_map(|piece| piece.strip_prefix(key))
                .unwrap_or_default()
                .to_ascii_uppercase()
        };
        let Some(full_name) = tag(xml, "FULL_NAME") else {
            self.enhancement_hooks.remove(name);
            return;
        };
        self.enhancement_hooks.insert(
            name.to_string(),
            HookImplementation {
                original_type: tag(xml, "ORG_OBJ_TYPE").unwrap_or_else(|| "CLAS".to_string()),
                original_name: tag(xml, "ORG_OBJ_NAME").unwrap_or_else(|| part(&full_name, "TY:")),
                method: part(&full_name, "ME:"),
                spot: part(&full_name, "SE:"),
            },
        );
    }
}
