//! The whole simulated system and its read queries on the repository.

use crate::data::Row;
use crate::ddic::{DataElement, Domain, TableDef, TableType};
use crate::dumps::ShortDump;
use crate::error::SystemError;
use crate::git_repos::{AbapGitRepo, RemoteRepo};
use crate::pull_conflicts::PullBaseline;
use crate::repository::{
    split_class_include, sql_like, wildcard_match, ObjectFilter, ObjectType, Package, PackageNode,
    RepoObject, TadirSelect,
};
use crate::source::{CdsView, ClassSource};
use crate::transports::Transport;
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;

/// Where an enhancement's hook implementation sits: a method's BEGIN or END spot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HookImplementation {
    /// The enhanced object (ORIGINAL_OBJECT): type and name, e.g. CLAS ZCL_FLIGHT_PRICING.
    pub original_type: String,
    pub original_name: String,
    /// Upper-case method name.
    pub method: String,
    /// BEGIN or END.
    pub spot: String,
}

impl HookImplementation {
    /// The hook's full name as the enhancement framework writes it.
    pub fn full_name(&self) -> String {
        format!(
            "\\TY:{}\\ME:{}\\SE:{}\\EI",
            self.original_name, self.method, self.spot
        )
    }
}

/// What TFDIR and TFTIT know of a function module besides its source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FunctionAttributes {
    /// TFTIT-STEXT in English.
    pub short_text: String,
    /// TFDIR-FMODE: `R` remote-enabled, `S` RFC start, blank normal.
    pub mode: String,
}

/// The complete state of the simulated development system `DEV`, client 100.
/// Not thread-safe by itself: the sandbox wraps it in a mutex.
#[derive(Debug, Clone)]
pub struct System {
    pub(crate) reference_time: NaiveDateTime,
    pub(crate) packages: BTreeMap<String, Package>,
    pub(crate) objects: BTreeMap<(ObjectType, String), RepoObject>,
    pub(crate) classes: BTreeMap<String, ClassSource>,
    /// Text sources of INTF, PROG, FUGR, ENHO, DCLS, DDLX, XSLT.
    pub(crate) sources: BTreeMap<(ObjectType, String), String>,
    pub(crate) cds_views: BTreeMap<String, CdsView>,
    pub(crate) tables: BTreeMap<String, TableDef>,
    pub(crate) table_rows: BTreeMap<String, Vec<Row>>,
    pub(crate) data_elements: BTreeMap<String, DataElement>,
    pub(crate) domains: BTreeMap<String, Domain>,
    pub(crate) table_types: BTreeMap<String, TableType>,
    /// Message classes: number → text.
    pub(crate) message_classes: BTreeMap<String, Vec<(String, String)>>,
    /// Hook implementations of enhancements (ENHO), by enhancement name.
    pub(crate) enhancement_hooks: BTreeMap<String, HookImplementation>,
    /// TFTIT short texts and TFDIR modes of function modules, by module name.
    pub(crate) function_attributes: BTreeMap<String, FunctionAttributes>,
    pub(crate) dumps: Vec<ShortDump>,
    pub(crate) transports: Vec<Transport>,
    pub(crate) next_transport: u32,
    pub(crate) repos: Vec<AbapGitRepo>,
    pub(crate) next_repo_key: u64,
    pub(crate) remotes: Vec<RemoteRepo>,
    /// The handler's pull baselines (`ZABGAGT_OBJ_META`) by (type, name).
    pub(crate) pull_baselines: BTreeMap<(String, String), PullBaseline>,
}

/// System ID of the seeded system (in dump ids, host names, transport numbers).
pub const SYSTEM_ID: &str = "DEV";
/// The client the seed's client-dependent rows (`MANDT`) belong to.
pub const CLIENT: &str = "100";
/// Application server host name of the seeded system.
pub const HOST: &str = "sapdev01";

/// The fixed reference time of [`System::seeded`]: 2026-03-05 10:30:00 UTC.
pub fn default_reference_time() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 5)
        .and_then(|d| d.and_hms_opt(10, 30, 0))
        .unwrap_or_default()
}

impl System {
    /// The demo system with a fixed reference time (fully deterministic).
    pub fn seeded() -> System {
        System::seeded_at(default_reference_time())
    }

    /// The demo system with dumps, transport dates and change dates placed
    /// relative to `now` (UTC). The app passes the current time so that
    /// "the last 7 days" of dumps is never empty. Everything else is identical.
    pub fn seeded_at(now: NaiveDateTime) -> System {
        crate::seed::build(now)
    }

    pub(crate) fn empty(now: NaiveDateTime) -> System {
        System {
            reference_time: now,
            packages: BTreeMap::new(),
            objects: BTreeMap::new(),
            classes: BTreeMap::new(),
            sources: BTreeMap::new(),
            cds_views: BTreeMap::new(),
            tables: BTreeMap::new(),
            table_rows: BTreeMap::new(),
            data_elements: BTreeMap::new(),
            domains: BTreeMap::new(),
            table_types: BTreeMap::new(),
            message_classes: BTreeMap::new(),
            function_attributes: BTreeMap::new(),
            enhancement_hooks: BTreeMap::new(),
            dumps: Vec::new(),
            transports: Vec::new(),
            next_transport: 1,
            repos: Vec::new(),
            next_repo_key: 1,
            remotes: Vec::new(),
            pull_baselines: BTreeMap::new(),
        }
    }

    /// The time the seed was placed around.
    pub fn reference_time(&self) -> NaiveDateTime {
        self.reference_time
    }

    /// System ID ([`SYSTEM_ID`]).
    pub fn system_id(&self) -> &'static str {
        SYSTEM_ID
    }

    /// Client ([`CLIENT`]).
    pub fn client(&self) -> &'static str {
        CLIENT
    }

    /// Application server host name ([`HOST`]).
    pub fn host(&self) -> &'static str {
        HOST
    }

    /// The dialog users that appear in the seed (owners, dump users, authors).
    pub fn users(&self) -> Vec<&'static str> {
        crate::seed::USERS.to_vec()
    }

    // ---- packages ----

    pub fn packages(&self) -> impl Iterator<Item = &Package> {
        self.packages.values()
    }

    /// A package by name, case-insensitively.
    pub fn package(&self, name: &str) -> Option<&Package> {
        self.packages.get(&name.trim().to_ascii_uppercase())
    }

    /// A package by its exact TDEVC key, as `SELECT SINGLE ... WHERE devclass = @name` finds
    /// it: no case folding, trailing blanks ignored (a `c` field).
    pub fn package_exact(&self, name: &str) -> Option<&Package> {
        self.packages.get(name.trim_end())
    }

    /// Direct children of a package, by name.
    pub fn child_packages(&self, name: &str) -> Vec<&Package> {
        let name = name.trim().to_ascii_uppercase();
        self.packages
            .values()
            .filter(|p| p.parent == name)
            .collect()
    }

    /// The package and its subpackages down to `depth` levels (root = depth 0),
    /// depth-first in name order, with direct object counts (DEVC excluded).
    pub fn package_tree(&self, root: &str, depth: u32) -> Result<Vec<PackageNode>, SystemError> {
        let root = self
            .package(root)
            .ok_or_else(|| SystemError::PackageNotFound(root.trim().to_ascii_uppercase()))?;
        let mut nodes = Vec::new();
        let mut stack = vec![(root, 0u32)];
        while let Some((package, level)) = stack.pop() {
            nodes.push(PackageNode {
                package: package.name.clone(),
                parent: if level == 0 {
                    String::new()
                } else {
                    package.parent.clone()
                },
                description: package.description.clone(),
                depth: level,
                object_count: self.direct_object_count(&package.name),
            });
            if level < depth {
                let mut children = self.child_packages(&package.name);
                children.reverse();
                stack.extend(children.into_iter().map(|c| (c, level + 1)));
            }
        }
        Ok(nodes)
    }

    /// Names of a package and all its subpackages, at any depth.
    pub fn package_with_subpackages(&self, root: &str) -> Vec<String> {
        let mut names = Vec::new();
        let mut queue = vec![root.trim().to_ascii_uppercase()];
        while let Some(name) = queue.pop() {
            if !self.packages.contains_key(&name) || names.contains(&name) {
                continue;
            }
            queue.extend(
                self.child_packages(&name)
                    .into_iter()
                    .map(|p| p.name.clone()),
            );
            names.push(name);
        }
        names
    }

    fn direct_object_count(&self, package: &str) -> usize {
        self.objects
            .values()
            .filter(|o| o.package == package && o.object_type != ObjectType::Devc)
            .count()
    }

    /// Whether changes in the package need a transport request (KORRFLAG).
    pub fn transport_required(&self, package: &str) -> bool {
        self.package(package).is_some_and(|p| p.transportable)
    }

    // ---- objects ----

    /// Every TADIR entry, ordered by type then name.
    pub fn objects(&self) -> impl Iterator<Item = &RepoObject> {
        self.objects.values()
    }

    /// Objects of a package (optionally with subpackages), filtered, ordered by type then name.
    pub fn objects_in_package(
        &self,
        package: &str,
        filter: &ObjectFilter,
    ) -> Result<Vec<&RepoObject>, SystemError> {
        let root = self
            .package(package)
            .ok_or_else(|| SystemError::PackageNotFound(package.trim().to_ascii_uppercase()))?;
        let packages = if filter.include_subpackages {
            self.package_with_subpackages(&root.name)
        } else {
            vec![root.name.clone()]
        };
        Ok(self
            .objects
            .values()
            .filter(|o| packages.contains(&o.package))
            .filter(|o| filter.types.is_empty() || filter.types.contains(&o.object_type))
            .filter(|o| {
                filter
                    .name_pattern
                    .as_deref()
                    .filter(|p| !p.trim().is_empty())
                    .is_none_or(|p| wildcard_match(p, &o.name))
            })
            .collect())
    }

    /// TADIR rows as the database returns them for `select`: `ORDER BY object, obj_name`
    /// (the four-letter codes and names in byte order).
    pub fn select_tadir(&self, select: &TadirSelect) -> Vec<&RepoObject> {
        let devclass = select.devclass.trim_end();
        let mut rows: Vec<&RepoObject> = self
            .objects
            .values()
            .filter(|o| o.package == devclass)
            .filter(|o| {
                select.object_in.is_empty()
                    || select
                        .object_in
                        .iter()
                        .any(|code| code.trim_end() == o.object_type.code())
            })
            .filter(|o| {
                select
                    .name_like
                    .as_deref()
                    .is_none_or(|pattern| sql_like(pattern, &o.name))
            })
            .collect();
        rows.sort_by(|a, b| {
            (a.object_type.code(), a.name.as_str()).cmp(&(b.object_type.code(), b.name.as_str()))
        });
        rows
    }

    /// A TADIR entry by exact type and name (name case-insensitive).
    pub fn object(&self, object_type: ObjectType, name: &str) -> Option<&RepoObject> {
        self.objects
            .get(&(object_type, name.trim().to_ascii_uppercase()))
    }

    /// A TADIR entry by name; with no type, the view detection order is used.
    pub fn find_object(&self, name: &str, object_type: Option<ObjectType>) -> Option<&RepoObject> {
        match object_type {
            Some(t) => self.object(t, name),
            None => self
                .detect_view_type(name)
                .and_then(|t| self.object(t, name).or_else(|| self.class_of_include(name))),
        }
    }

    fn class_of_include(&self, include: &str) -> Option<&RepoObject> {
        let (class, _) = split_class_include(include)?;
        self.object(ObjectType::Clas, &class)
    }

    /// `/view` type detection: TADIR lookup for CLAS, INTF, TABL, DTEL, STRU,
    /// TTYP, DDLS, PROG, STOB, ENHO (in that order), or a padded class include
    /// name of 32+ characters. DOMA, DCLS, MSAG, FUGR need an explicit type.
    pub fn detect_view_type(&self, name: &str) -> Option<ObjectType> {
        const ORDER: [ObjectType; 10] = [
            ObjectType::Clas,
            ObjectType::Intf,
            ObjectType::Tabl,
            ObjectType::Dtel,
            ObjectType::Stru,
            ObjectType::Ttyp,
            ObjectType::Ddls,
            ObjectType::Prog,
            ObjectType::Stob,
            ObjectType::Enho,
        ];
        if let Some(found) = ORDER.into_iter().find(|t| self.object(*t, name).is_some()) {
            return Some(found);
        }
        self.class_of_include(name).map(|_| ObjectType::Clas)
    }

    /// `/where` type detection: name prefix ZCL_/CL_ → CLAS, ZIF_/IF_ → INTF,
    /// SAPL* → PROG, else TADIR (CLAS, INTF, PROG), else CLAS.
    pub fn detect_where_type(&self, name: &str) -> ObjectType {
        let upper = name.trim().to_ascii_uppercase();
        if upper.starts_with("ZCL_") || upper.starts_with("CL_") {
            ObjectType::Clas
        } else if upper.starts_with("ZIF_") || upper.starts_with("IF_") {
            ObjectType::Intf
        } else if upper.starts_with("SAPL") {
            ObjectType::Prog
        } else {
            [ObjectType::Clas, ObjectType::Intf, ObjectType::Prog]
                .into_iter()
                .find(|t| self.object(*t, &upper).is_some())
                .unwrap_or(ObjectType::Clas)
        }
    }

    /// `/preview` type detection: DDLS when in TADIR as a CDS view, else TABL.
    pub fn detect_preview_type(&self, name: &str) -> ObjectType {
        if self.object(ObjectType::Ddls, name).is_some() {
            ObjectType::Ddls
        } else {
            ObjectType::Tabl
        }
    }

    // ---- sources ----

    /// The four class files, by class name.
    pub fn class(&self, name: &str) -> Option<&ClassSource> {
        self.classes.get(&name.trim().to_ascii_uppercase())
    }

    /// The source text of a source-based object: the main file for CLAS,
    /// the source for INTF, PROG, DDLS, DCLS, FUGR (all includes joined), ENHO, DDLX, XSLT.
    pub fn source(&self, object_type: ObjectType, name: &str) -> Option<String> {
        let name = name.trim().to_ascii_uppercase();
        match object_type {
            ObjectType::Clas => self.classes.get(&name).map(|c| c.main.clone()),
            ObjectType::Ddls => self.cds_views.get(&name).map(|v| v.source.clone()),
            other => self.sources.get(&(other, name)).cloned(),
        }
    }

    /// The function modules of a function group: (upper-case name, source from
    /// `FUNCTION` to `ENDFUNCTION.`), in source order.
    pub fn function_modules(&self, group: &str) -> Vec<(String, String)> {
        let Some(source) = self.source(ObjectType::Fugr, group) else {
            return Vec::new();
        };
        let mut modules = Vec::new();
        let mut current: Option<(String, Vec<&str>)> = None;
        for line in source.lines() {
            let upper = line.trim_start().to_ascii_uppercase();
            if upper.starts_with("FUNCTION ") && current.is_none() {
                let name = upper["FUNCTION ".len()..]
                    .trim()
                    .trim_end_matches('.')
                    .trim()
                    .to_string();
                current = Some((name, vec![line]));
            } else if let Some((name, mut lines)) = current.take() {
                lines.push(line);
                if upper.starts_with("ENDFUNCTION") {
                    modules.push((name, lines.join("\n")));
                } else {
                    current = Some((name, lines));
                }
            }
        }
        modules
    }

    /// Short text and RFC mode of a function module (default when it has none).
    pub fn function_attributes(&self, module: &str) -> FunctionAttributes {
        self.function_attributes
            .get(&module.trim().to_ascii_uppercase())
            .cloned()
            .unwrap_or_default()
    }

    /// The hook implementation of an enhancement, when it is one.
    pub fn hook_implementation(&self, enhancement: &str) -> Option<&HookImplementation> {
        self.enhancement_hooks
            .get(&enhancement.trim().to_ascii_uppercase())
    }

    /// Every enhancement with a hook implementation, by name.
    pub fn hook_implementations(&self) -> impl Iterator<Item = (&String, &HookImplementation)> {
        self.enhancement_hooks.iter()
    }

    /// A CDS view by name.
    pub fn cds_view(&self, name: &str) -> Option<&CdsView> {
        self.cds_views.get(&name.trim().to_ascii_uppercase())
    }

    /// Messages of a message class: (number, text).
    pub fn message_class(&self, name: &str) -> Option<&[(String, String)]> {
        self.message_classes
            .get(&name.trim().to_ascii_uppercase())
            .map(Vec::as_slice)
    }

    // ---- DDIC ----

    /// A table or structure definition.
    pub fn table(&self, name: &str) -> Option<&TableDef> {
        self.tables.get(&name.trim().to_ascii_uppercase())
    }

    pub fn data_element(&self, name: &str) -> Option<&DataElement> {
        self.data_elements.get(&name.trim().to_ascii_uppercase())
    }

    pub fn domain(&self, name: &str) -> Option<&Domain> {
        self.domains.get(&name.trim().to_ascii_uppercase())
    }

    pub fn table_type(&self, name: &str) -> Option<&TableType> {
        self.table_types.get(&name.trim().to_ascii_uppercase())
    }

    /// Stored rows of a transparent table, aligned with its fields.
    pub fn table_rows(&self, name: &str) -> Option<&[Row]> {
        self.table_rows
            .get(&name.trim().to_ascii_uppercase())
            .map(Vec::as_slice)
    }

    // ---- dumps, transports, repos (read) ----

    /// Every dump, newest first.
    pub fn all_dumps(&self) -> &[ShortDump] {
        &self.dumps
    }

    /// Every transport request, newest first.
    pub fn all_transports(&self) -> &[Transport] {
        &self.transports
    }

    /// Registered abapGit repositories.
    pub fn repos(&self) -> &[AbapGitRepo] {
        &self.repos
    }

    /// Remote git repositories the sandbox can reach.
    pub fn remotes(&self) -> &[RemoteRepo] {
        &self.remotes
    }
}
