//! abapGit file names ↔ objects, as the server's `parse_file_to_object` does it.

use serde::Serialize;

/// The object a git file belongs to. `object_type` is kept as text because the
/// server passes unknown middle parts through verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileObject {
    pub object_type: String,
    pub name: String,
}

/// Parses `src/zcl_x.clas.abap` → (CLAS, ZCL_X) with the server's rules:
/// the directory is stripped at the last `/`, the rest is upper-cased and
/// split on `.`; three parts `name.type.ext` (ext ABAP, ASDDLS or XML) or
/// four parts for class companions and enhancement hooks. Anything else is `None`.
pub fn parse_file_to_object(path: &str) -> Option<FileObject> {
    let file = path.rsplit('/').next().unwrap_or(path).trim();
    let upper = file.to_uppercase();
    let parts: Vec<&str> = upper.split('.').collect();
    let (name, object_type) = match parts.as_slice() {
        [name, kind, ext] => {
            if !matches!(*ext, "ABAP" | "ASDDLS" | "XML") {
                return None;
            }
            let object_type = match *kind {
                "CLAS" | "CLASS" => "CLAS",
                "INTF" | "INTERFACE" => "INTF",
                "PROG" | "PROGRAM" => "PROG",
                "FUGR" | "FUGROUP" => "FUGR",
                "TABL" | "TABLE" => "TABL",
                "DDLS" => "DDLS",
                other => other,
            };
            (*name, object_type.to_string())
        }
        [name, "CLAS", "TESTCLASSES" | "LOCALS_DEF" | "LOCALS_IMP", "ABAP"] => {
            (*name, "CLAS".to_string())
        }
        [name, "ENHO", _, "ABAP"] => (*name, "ENHO".to_string()),
        _ => return None,
    };
    if name.is_empty() || object_type.is_empty() {
        return None;
    }
    Some(FileObject {
        object_type,
        name: name.to_string(),
    })
}

/// Which part of an object a git file holds, for assembling objects from files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    /// `.abap` / `.asddls` main source.
    Source,
    LocalsDef,
    LocalsImp,
    Testclasses,
    /// `.xml` metadata.
    Metadata,
    /// Enhancement hook source `name.enho.<hash>.abap`.
    Hook,
}

/// The role of a file name (after `parse_file_to_object` accepted it).
pub fn file_role(path: &str) -> FileRole {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".locals_def.abap") {
        FileRole::LocalsDef
    } else if lower.ends_with(".locals_imp.abap") {
        FileRole::LocalsImp
    } else if lower.ends_with(".testclasses.abap") {
        FileRole::Testclasses
    } else if lower.ends_with(".xml") {
        FileRole::Metadata
    } else if lower.contains(".enho.") && lower.ends_with(".abap") {
        FileRole::Hook
    } else {
        FileRole::Source
    }
}
