//! Serialising a package into abapGit files (`/import` file counts and
//! contents, and the content of the seeded remote repositories).

use crate::abapgit_xml::{document, element};
use crate::ddic::{Domain, TableKind};
use crate::error::SystemError;
use crate::git_repos::GitFile;
use crate::repository::{ObjectType, RepoObject};
use crate::system::{HookImplementation, System};

/// The `.abapgit.xml` of a repository root.
pub(crate) fn dot_abapgit(folder: &str, folder_logic: &str) -> GitFile {
    let values = element(
        "DATA",
        &[
            ("MASTER_LANGUAGE", "E".to_string()),
            ("STARTING_FOLDER", folder.to_string()),
            ("FOLDER_LOGIC", folder_logic.to_string()),
        ],
        3,
    );
    GitFile {
        path: ".abapgit.xml".to_string(),
        content: document("", &values).replace(
            " serializer=\"LCL_OBJECT_\" serializer_version=\"v1.0.0\"",
            "",
        ),
    }
}

impl System {
    /// The files the package and its subpackages serialise to (PREFIX folder
    /// logic, starting folder `/src/`), `.abapgit.xml` first, then by path.
    pub fn serialize_package(&self, package: &str) -> Result<Vec<GitFile>, SystemError> {
        let root = self
            .package(package)
            .ok_or_else(|| SystemError::PackageNotFound(package.trim().to_ascii_uppercase()))?
            .name
            .clone();
        let mut files = Vec::new();
        for name in self.package_with_subpackages(&root) {
            let folder = self.prefix_folder(&root, &name);
            let description = self
                .package(&name)
                .map(|p| p.description.clone())
                .unwrap_or_default();
            files.push(GitFile {
                path: format!("{folder}package.devc.xml"),
                content: document("DEVC", &element("DEVC", &[("CTEXT", description)], 3)),
            });
            for object in self
                .objects()
                .filter(|o| o.package == name && o.object_type != ObjectType::Devc)
            {
                files.extend(self.object_files(object, &folder));
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files.insert(0, dot_abapgit("/src/", "PREFIX"));
        Ok(files)
    }

    /// The folder of `package` under `root` with PREFIX logic: `src/`, `src/core/`, ...
    pub(crate) fn prefix_folder(&self, root: &str, package: &str) -> String {
        let mut segments = Vec::new();
        let mut current = package.to_string();
        while current != root {
            let Some(parent) = self.package(&current).map(|p| p.parent.clone()) else {
                break;
            };
            let prefix = format!("{parent}_");
            let segment = current
                .strip_prefix(&prefix)
                .unwrap_or(&current)
                .to_ascii_lowercase();
            segments.push(segment);
            if parent.is_empty() {
                break;
            }
            current = parent;
        }
        segments.reverse();
        let mut folder = "src/".to_string();
        for segment in segments {
            folder.push_str(&segment);
            folder.push('/');
        }
        folder
    }

    /// The git files of one object.
    pub(crate) fn object_files(&self, object: &RepoObject, folder: &str) -> Vec<GitFile> {
        let base = format!("{folder}{}", object.name.to_ascii_lowercase());
        let file = |suffix: &str, content: String| GitFile {
            path: format!("{base}.{suffix}"),
            content,
        };
        let description = object.description.clone();
        match object.object_type {
            ObjectType::Clas => {
                let Some(class) = self.class(&object.name) else {
                    return Vec::new();
                };
                let mut files = vec![file("clas.abap", class.main.clone())];
                for (suffix, text) in [
                    ("clas.locals_def.abap", &class.locals_def),
                    ("clas.locals_imp.abap", &class.locals_imp),
                    ("clas.testclasses.abap", &class.testclasses),
                ] {
                    if !text.trim().is_empty() {
                        files.push(file(suffix, text.clone()));
                    }
                }
                let flag = |b: bool| if b { "X".to_string() } else { String::new() };
                files.push(file(
                    "clas.xml",
                    document(
                        "CLAS",
                        &element(
                            "VSEOCLASS",
                            &[
                                ("CLSNAME", object.name.clone()),
                                ("LANGU", "E".to_string()),
                                ("DESCRIPT", description),
                                ("STATE", "1".to_string()),
                                ("CLSCCINCL", flag(!class.locals_def.trim().is_empty())),
                                ("FIXPT", "X".to_string()),
                                ("UNICODE", "X".to_string()),
                                (
                                    "WITH_UNIT_TESTS",
                                    flag(!class.testclasses.trim().is_empty()),
                                ),
                            ],
                            3,
                        ),
                    ),
                ));
                files
            }
            ObjectType::Intf => vec![
                file(
                    "intf.abap",
                    self.source(ObjectType::Intf, &object.name)
                        .unwrap_or_default(),
                ),
                file(
                    "intf.xml",
                    document(
                        "INTF",
                        &element(
                            "VSEOINTERF",
                            &[
                                ("CLSNAME", object.name.clone()),
                                ("LANGU", "E".to_string()),
                                ("DESCRIPT", description),
                                ("EXPOSURE", "2".to_string()),
                                ("STATE", "1".to_string()),
                                ("UNICODE", "X".to_string()),
                            ],
                            3,
                        ),
                    ),
                ),
            ],
            ObjectType::Prog => vec![
                file(
                    "prog.abap",
                    self.source(ObjectType::Prog, &object.name)
                        .unwrap_or_default(),
                ),
                file(
                    "prog.xml",
                    document(
                        "PROG",
                        &(element(
                            "PROGDIR",
                            &[
                                ("NAME", object.name.clone()),
                                ("SUBC", "1".to_string()),
                                ("RLOAD", "E".to_string()),
                                ("FIXPT", "X".to_string()),
                                ("UCCHECK", "X".to_string()),
                            ],
                            3,
                        ) + &element("TPOOL", &[("ENTRY", description)], 3)),
                    ),
                ),
            ],
            ObjectType::Ddls => vec![
                file(
                    "ddls.asddls",
                    self.source(ObjectType::Ddls, &object.name)
                        .unwrap_or_default(),
                ),
                file(
                    "ddls.xml",
                    document(
                        "DDLS",
                        &element(
                            "DDLS",
                            &[
                                ("DDLNAME", object.name.clone()),
                                ("DDLANGUAGE", "E".to_string()),
                                ("DDTEXT", description),
                                ("SOURCE_TYPE", "W".to_string()),
                            ],
                            3,
                        ),
                    ),
                ),
            ],
            ObjectType::Dcls => vec![
                file(
                    "dcls.asdcls",
                    self.source(ObjectType::Dcls, &object.name)
                        .unwrap_or_default(),
                ),
                file(
                    "dcls.xml",
                    document(
                        "DCLS",
                        &element(
                            "DCLS",
                            &[("DCLNAME", object.name.clone()), ("DDTEXT", description)],
                            3,
                        ),
                    ),
                ),
            ],
            ObjectType::Tabl | ObjectType::Stru => self
                .table(&object.name)
                .map(|table| vec![file("tabl.xml", table_xml(table))])
                .unwrap_or_default(),
            ObjectType::Dtel => self
                .data_element(&object.name)
                .map(|d| {
                    vec![file(
                        "dtel.xml",
                        document(
                            "DTEL",
                            &element(
                                "DD04V",
                                &[
                                    ("ROLLNAME", d.name.clone()),
                                    ("DDLANGUAGE", "E".to_string()),
                                    ("DOMNAME", d.domain.clone()),
                                    ("DDTEXT", d.description.clone()),
                                    ("SCRTEXT_M", d.label.clone()),
                                    ("DATATYPE", d.data_type.clone()),
                                    ("LENG", format!("{:06}", d.length)),
                                    ("DECIMALS", format!("{:06}", d.decimals)),
                                ],
                                3,
                            ),
                        ),
                    )]
                })
                .unwrap_or_default(),
            ObjectType::Doma => self
                .domain(&object.name)
                .map(|d| vec![file("doma.xml", document("DOMA", &domain_values(d)))])
                .unwrap_or_default(),
            ObjectType::Ttyp => self
                .table_type(&object.name)
                .map(|t| {
                    vec![file(
                        "ttyp.xml",
                        document(
                            "TTYP",
                            &element(
                                "DD40V",
                                &[
                                    ("TYPENAME", t.name.clone()),
                                    ("DDLANGUAGE", "E".to_string()),
                                    ("ROWTYPE", t.row_type.clone()),
                                    ("ROWKIND", "S".to_string()),
                                    ("ACCESSMODE", t.access_mode_code().to_string()),
                                    ("KEYDEF", t.key_definition_code().to_string()),
                                    ("DDTEXT", t.description.clone()),
                                ],
                                3,
                            ),
                        ),
                    )]
                })
                .unwrap_or_default(),
            ObjectType::Msag => {
                let mut values = element(
                    "T100A",
                    &[
                        ("ARBGB", object.name.clone()),
                        ("MASTERLANG", "E".to_string()),
                        ("STEXT", description),
                    ],
                    3,
                );
                values.push_str("   <T100>\n");
                for (number, text) in self.message_class(&object.name).unwrap_or_default() {
                    values.push_str(&element(
                        "T100",
                        &[
                            ("SPRSL", "E".to_string()),
                            ("ARBGB", object.name.clone()),
                            ("MSGNR", number.clone()),
                            ("TEXT", text.clone()),
                        ],
                        4,
                    ));
                }
                values.push_str("   </T100>\n");
                vec![file("msag.xml", document("MSAG", &values))]
            }
            ObjectType::Fugr => vec![
                file(
                    "fugr.xml",
                    document(
                        "FUGR",
                        &self.function_group_values(&object.name, description),
                    ),
                ),
                file(
                    &format!("fugr.sapl{}.abap", object.name.to_ascii_lowercase()),
                    self.source(ObjectType::Fugr, &object.name)
                        .unwrap_or_default(),
                ),
            ],
            ObjectType::Enho => vec![
                file(
                    "enho.xml",
                    document(
                        "ENHO",
                        &enhancement_values(description, self.hook_implementation(&object.name)),
                    ),
                ),
                file(
                    "enho.3f2a91c4.abap",
                    self.source(ObjectType::Enho, &object.name)
                        .unwrap_or_default(),
                ),
            ],
            ObjectType::Ddlx => vec![file(
                "ddlx.xml",
                document(
                    "DDLX",
                    &element(
                        "DDLX",
                        &[("DDLXNAME", object.name.clone()), ("DDTEXT", description)],
                        3,
                    ),
                ),
            )],
            // STOB is generated from the CDS view; DEVC has its own file; XSLT is not seeded.
            ObjectType::Stob | ObjectType::Devc | ObjectType::Xslt => Vec::new(),
        }
    }
}

fn table_xml(table: &crate::ddic::TableDef) -> String {
    let header = element(
        "DD02V",
        &[
            ("TABNAME", table.name.clone()),
            ("DDLANGUAGE", "E".to_string()),
            (
                "TABCLASS",
                if table.kind == TableKind::Structure {
                    "INTTAB"
                } else {
                    "TRANSP"
                }
                .to_string(),
            ),
            ("DDTEXT", table.description.clone()),
            ("CONTFLAG", table.delivery_class.clone()),
        ],
        3,
    );
    let mut fields = String::from("   <DD03P_TABLE>\n");
    for field in &table.fields {
        fields.push_str(&element(
            "DD03P",
            &[
                ("FIELDNAME", field.name.clone()),
                ("KEYFLAG", if field.key { "X" } else { "" }.to_string()),
                ("ROLLNAME", field.data_element.clone()),
                ("DATATYPE", field.ddic_type.clone()),
                ("LENG", format!("{:06}", field.length)),
                ("DECIMALS", format!("{:06}", field.decimals)),
                ("DDTEXT", field.description.clone()),
            ],
            4,
        ));
    }
    fields.push_str("   </DD03P_TABLE>\n");
    document("TABL", &(header + &fields))
}

/// doma.xml's values: DD01V, then DD07V_TAB with the fixed values when there are some.
fn domain_values(d: &Domain) -> String {
    let mut values = element(
        "DD01V",
        &[
            ("DOMNAME", d.name.clone()),
            ("DDLANGUAGE", "E".to_string()),
            ("DATATYPE", d.data_type.clone()),
            ("LENG", format!("{:06}", d.length)),
            ("DECIMALS", format!("{:06}", d.decimals)),
            (
                "VALEXI",
                if d.fixed_values.is_empty() { "" } else { "X" }.to_string(),
            ),
            ("DDTEXT", d.description.clone()),
            ("CONVEXIT", d.conversion_exit.clone()),
            ("ENTITYTAB", d.value_table.clone()),
        ],
        3,
    );
    if !d.fixed_values.is_empty() {
        values.push_str("   <DD07V_TAB>\n");
        for (index, value) in d.fixed_values.iter().enumerate() {
            values.push_str(&element(
                "DD07V",
                &[
                    ("DOMNAME", d.name.clone()),
                    ("VALPOS", format!("{:04}", index + 1)),
                    ("DDLANGUAGE", "E".to_string()),
                    ("DOMVALUE_L", value.low.clone()),
                    ("DOMVALUE_H", value.high.clone()),
                    ("DDTEXT", value.text.clone()),
                ],
                4,
            ));
        }
        values.push_str("   </DD07V_TAB>\n");
    }
    values
}

impl System {
    /// fugr.xml's values: the group text, then each module's short text and remote mode.
    fn function_group_values(&self, group: &str, description: String) -> String {
        let mut values = element("AREAT", &[("AREAT", description)], 3);
        let modules = self.function_modules(group);
        if modules.is_empty() {
            return values;
        }
        values.push_str("   <FUNCTIONS>\n");
        for (module, _) in modules {
            let attributes = self.function_attributes(&module);
            values.push_str(&element(
                "item",
                &[
                    ("FUNCNAME", module),
                    ("REMOTE_CALL", attributes.mode),
                    ("SHORT_TEXT", attributes.short_text),
                ],
                4,
            ));
        }
        values.push_str("   </FUNCTIONS>\n");
        values
    }
}

/// enho.xml's values: tool and text, then the enhanced object and the hook's full name.
fn enhancement_values(description: String, hook: Option<&HookImplementation>) -> String {
    let mut values = element(
        "ENHO",
        &[
            ("SHORTTEXT", description),
            ("TOOL", "HOOK_IMPL".to_string()),
        ],
        3,
    );
    if let Some(hook) = hook {
        values.push_str(&element(
            "ORIGINAL_OBJECT",
            &[
                ("PGMID", "R3TR".to_string()),
                ("ORG_OBJ_TYPE", hook.original_type.clone()),
                ("ORG_OBJ_NAME", hook.original_name.clone()),
            ],
            3,
        ));
        values.push_str("   <ENHANCEMENTS>\n");
        values.push_str(&element(
            "ENH_HOOK_IMPL",
            &[
                ("ENHMODE", "D".to_string()),
                ("FULL_NAME", hook.full_name()),
            ],
            4,
        ));
        values.push_str("   </ENHANCEMENTS>\n");
    }
    values
}
