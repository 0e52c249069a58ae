//! `/syntax` requests from a local abapGit checkout, and results mapped back
//! to the files.
//!
//! The server checks source it is given; finding that source is the client's
//! job: for a class, its `locals_def`, `locals_imp` and `testclasses` files
//! and the FIXPT flag from its XML; for a program, FIXPT and SUBC. Result
//! lines are relative to the include they name, so mapping back is a lookup
//! of include -> file.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::checks::{Diagnostic, SyntaxObject, SyntaxRequest, SyntaxResult, UnicodeCheck};
use crate::filenames::{parse_file_name, FileNameError};

/// Which source of an object a file holds, as `/syntax` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SourceRole {
    Main,
    LocalsDef,
    LocalsImp,
    TestClasses,
}

impl SourceRole {
    /// Reads the `include` of a diagnostic: as implemented (`main`,
    /// `locals_imp`, ...), documented ("Main class", "Local implementation", ...)
    /// or a class include name (`ZCL_X=====CCIMP`). `None` for the generated
    /// class pool and unknown includes.
    pub fn from_include(include: &str) -> Option<Self> {
        let text = include.trim().to_ascii_lowercase();
        let role = match text.as_str() {
            "" | "main" | "main class" | "main source" | "source" | "main program" => Self::Main,
            "locals_def" | "local definitions" | "ccdef" => Self::LocalsDef,
            "locals_imp" | "local implementation" | "local implementations" | "ccimp" => {
                Self::LocalsImp
            }
            "testclasses" | "test classes" | "ccau" => Self::TestClasses,
            _ => {
                let suffix = text.rsplit('=').next().unwrap_or_default();
                match suffix {
                    "ccdef" => Self::LocalsDef,
                    "ccimp" => Self::LocalsImp,
                    "ccau" => Self::TestClasses,
                    _ => return None,
                }
            }
        };
        Some(role)
    }
}

/// One local file that went into a check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SourceFile {
    pub role: SourceRole,
    pub path: String,
}

/// The files behind one checked object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CheckedObject {
    pub object_type: String,
    pub object_name: String,
    pub files: Vec<SourceFile>,
}

/// Where a diagnostic points in the checkout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SourceLocation {
    pub path: String,
    /// `None` when the diagnostic is about the object or a generated include.
    pub line: Option<u32>,
    pub column: Option<u32>,
}

/// Include -> file, for every object of a request built here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SourceMap {
    pub objects: Vec<CheckedObject>,
}

impl SourceMap {
    /// The file and line a diagnostic of `object_type`/`object_name` refers to.
    pub fn locate(
        &self,
        object_type: &str,
        object_name: &str,
        diagnostic: &Diagnostic,
    ) -> Option<SourceLocation> {
        let object = self.objects.iter().find(|o| {
            o.object_type.eq_ignore_ascii_case(object_type)
                && o.object_name.eq_ignore_ascii_case(object_name)
        })?;
        let main = object.files.iter().find(|f| f.role == SourceRole::Main)?;
        let include = diagnostic.include.as_deref().unwrap_or("");
        let (file, exact) = match SourceRole::from_include(include) {
            Some(role) => match object.files.iter().find(|f| f.role == role) {
                Some(file) => (file, true),
                None => (main, false),
            },
            // The class pool skeleton or a method include: the object, not a line.
            None => (main, false),
        };
        Some(SourceLocation {
            path: file.path.clone(),
            line: if exact { diagnostic.line } else { None },
            column: if exact { diagnostic.column } else { None },
        })
    }
}

/// One diagnostic of a `/syntax` result with the file and line it points to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LocatedDiagnostic {
    pub object_type: String,
    pub object_name: String,
    pub diagnostic: Diagnostic,
    /// `None` when the result names an object the request did not contain.
    pub location: Option<SourceLocation>,
}

impl SourceMap {
    /// Every error, warning and info of `result` (in that order per object), located.
    pub fn locate_all(&self, result: &SyntaxResult) -> Vec<LocatedDiagnostic> {
        result
            .objects
            .iter()
            .flat_map(|object| {
                let all = object
                    .errors
                    .iter()
                    .chain(&object.warnings)
                    .chain(&object.infos);
                all.map(|diagnostic| LocatedDiagnostic {
                    object_type: object.object_type.clone(),
                    object_name: object.object_name.clone(),
                    location: self.locate(&object.object_type, &object.object_name, diagnostic),
                    diagnostic: diagnostic.clone(),
                })
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CheckoutError {
    #[error(transparent)]
    FileName(FileNameError),
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
    #[error("{path} is not UTF-8 text")]
    NotUtf8 { path: String },
    #[error("{object_type} {object_name} has no main source file next to {path}")]
    MissingMainSource {
        object_type: String,
        object_name: String,
        path: String,
    },
    #[error("{path}: syntax check from files supports CLAS, INTF, PROG and DDLS, not {object_type}: use pull or inspect")]
    Unsupported { object_type: String, path: String },
}

impl CheckoutError {
    /// The file the error is about.
    pub fn path(&self) -> &str {
        match self {
            Self::FileName(error) => &error.file,
            Self::Read { path, .. }
            | Self::NotUtf8 { path }
            | Self::MissingMainSource { path, .. }
            | Self::Unsupported { path, .. } => path,
        }
    }
}

/// Builds one `/syntax` request for the given files (any file of an object
/// selects the whole object; duplicates are merged) and the map to read the
/// results back.
pub fn syntax_request_for(
    paths: &[PathBuf],
    unicode_check: Option<UnicodeCheck>,
) -> Result<(SyntaxRequest, SourceMap), CheckoutError> {
    let mut request = SyntaxRequest {
        objects: Vec::new(),
        unicode_check,
    };
    let mut map = SourceMap::default();
    for path in paths {
        let (object, checked) = syntax_object_for(path)?;
        let duplicate = map
            .objects
            .iter()
            .any(|o| o.object_type == checked.object_type && o.object_name == checked.object_name);
        if !duplicate {
            request.objects.push(object);
            map.objects.push(checked);
        }
    }
    Ok((request, map))
}

/// Reads the object behind one file of a checkout.
pub fn syntax_object_for(path: &Path) -> Result<(SyntaxObject, CheckedObject), CheckoutError> {
    let display = path.to_string_lossy().into_owned();
    let file = parse_file_name(&display).map_err(CheckoutError::FileName)?;
    let folder = path.parent().unwrap_or_else(|| Path::new(""));
    let stem = file
        .file_name
        .split('.')
        .next()
        .unwrap_or_default()
        .to_owned();
    let type_lower = file.object_type.to_ascii_lowercase();
    let main_extension = match file.object_type.as_str() {
        "CLAS" | "INTF" | "PROG" => "abap",
        "DDLS" => "asddls",
        other => {
            return Err(CheckoutError::Unsupported {
                object_type: other.to_owned(),
                path: display,
            })
        }
    };
    // Any part of the object (XML, a companion) selects it; the main source must exist.
    let main_path = find_sibling(folder, &format!("{stem}.{type_lower}.{main_extension}"))
        .ok_or_else(|| CheckoutError::MissingMainSource {
            object_type: file.object_type.clone(),
            object_name: file.object_name.clone(),
            path: display.clone(),
        })?;
    let mut object = SyntaxObject {
        object_type: file.object_type.clone(),
        object_name: file.object_name.clone(),
        source: read_source(&main_path)?,
        ..SyntaxObject::default()
    };
    let mut files = vec![SourceFile {
        role: SourceRole::Main,
        path: main_path.to_string_lossy().into_owned(),
    }];
    if file.object_type == "CLAS" {
        for (suffix, role) in [
            ("locals_def", SourceRole::LocalsDef),
            ("locals_imp", SourceRole::LocalsImp),
            ("testclasses", SourceRole::TestClasses),
        ] {
            let Some(companion) = find_sibling(folder, &format!("{stem}.clas.{suffix}.abap"))
            else {
                continue;
            };
            let source = read_source(&companion)?;
            match role {
                SourceRole::LocalsDef => object.locals_def = Some(source),
                SourceRole::LocalsImp => object.locals_imp = Some(source),
                _ => object.testclasses = Some(source),
            }
            files.push(SourceFile {
                role,
                path: companion.to_string_lossy().into_owned(),
            });
        }
    }
    if let Some(xml_path) = find_sibling(folder, &format!("{stem}.{type_lower}.xml")) {
        let xml = read_source(&xml_path)?;
        object.fixpt = xml_value(&xml, "FIXPT").is_some_and(|v| v.eq_ignore_ascii_case("x"));
        if file.object_type == "PROG" {
            object.subc = xml_value(&xml, "SUBC");
        }
    }
    let checked = CheckedObject {
        object_type: file.object_type,
        object_name: file.object_name,
        files,
    };
    Ok((object, checked))
}

/// A file next to the others, matched case-insensitively.
fn find_sibling(folder: &Path, name: &str) -> Option<PathBuf> {
    let exact = folder.join(name);
    if exact.is_file() {
        return Some(exact);
    }
    let directory = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    std::fs::read_dir(directory)
        .ok()?
        .filter_map(Result::ok)
        .find(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .eq_ignore_ascii_case(name)
        })
        .map(|entry| folder.join(entry.file_name()))
}

/// UTF-8 text, BOM removed, line ends as `\n` (the server counts lines on `\n`).
fn read_source(path: &Path) -> Result<String, CheckoutError> {
    let display = || path.to_string_lossy().into_owned();
    let bytes = std::fs::read(path).map_err(|e| CheckoutError::Read {
        path: display(),
        message: e.to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| CheckoutError::NotUtf8 { path: display() })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(text.replace("\r\n", "\n"))
}

/// The text of the first `<TAG>value</TAG>` in abapGit XML.
fn xml_value(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml.find(&open)? + open.len();
    let end = xml.get(start..)?.find(&close)? + start;
    let value = xml.get(start..end)?.trim().to_owned();
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::Severity;

    struct Folder(PathBuf);

    impl Folder {
        fn new(name: &str) -> Self {
            let path = std::env::temp_dir().join(format!(
                "abapgit-agent-checkout-{name}-{}",
                std::process::id()
            ));
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(&path).unwrap_or_else(|e| panic!("{e}"));
            Self(path)
        }
        fn write(&self, name: &str, content: &str) -> PathBuf {
            let path = self.0.join(name);
            std::fs::write(&path, content).unwrap_or_else(|e| panic!("{e}"));
            path
        }
    }

    impl Drop for Folder {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    const CLAS_XML: &str = "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<abapGit version=\"v1.0.0\" serializer=\"LCL_OBJECT_CLAS\" serializer_version=\"v1.0.0\">\n <asx:abap xmlns:asx=\"http://www.sap.com/abapxml\" version=\"1.0\">\n  <asx:values>\n   <VSEOCLASS>\n    <CLSNAME>ZCL_DEMO</CLSNAME>\n    <FIXPT>X</FIXPT>\n    <CLSCCINCL>X</CLSCCINCL>\n   </VSEOCLASS>\n  </asx:values>\n </asx:abap>\n</abapGit>\n";

    #[test]
    fn class_with_companions_and_fixpt() {
        let folder = Folder::new("class");
        folder.write(
            "zcl_demo.clas.abap",
            "\u{feff}CLASS zcl_demo DEFINITION.\r\nENDCLASS.\r\n",
        );
        folder.write(
            "zcl_demo.clas.locals_imp.abap",
            "CLASS lcl IMPLEMENTATION.\nENDCLASS.\n",
        );
        let tests = folder.write(
            "zcl_demo.clas.testclasses.abap",
            "CLASS ltcl DEFINITION FOR TESTING.\n",
        );
        folder.write("zcl_demo.clas.xml", CLAS_XML);
        let (request, map) =
            syntax_request_for(&[tests.clone(), folder.0.join("zcl_demo.clas.abap")], None)
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            request.objects.len(),
            1,
            "two files of one class make one object"
        );
        let object = &request.objects[0];
        assert_eq!(
            (object.object_type.as_str(), object.object_name.as_str()),
            ("CLAS", "ZCL_DEMO")
        );
        assert_eq!(object.source, "CLASS zcl_demo DEFINITION.\nENDCLASS.\n");
        assert!(object.locals_def.is_none());
        assert!(object.locals_imp.is_some());
        assert!(object.fixpt);

        let diagnostic = |include: &str, line| Diagnostic {
            severity: Severity::Error,
            line: Some(line),
            column: Some(3),
            include: Some(include.to_owned()),
            ..Diagnostic::default()
        };
        let located = map.locate("CLAS", "zcl_demo", &diagnostic("testclasses", 1));
        assert_eq!(
            located.as_ref().map(|l| l.path.as_str()),
            Some(tests.to_string_lossy().as_ref())
        );
        assert_eq!(located.and_then(|l| l.line), Some(1));
        let documented = map.locate("CLAS", "ZCL_DEMO", &diagnostic("Local implementation", 2));
        assert!(
            documented.is_some_and(|l| l.path.ends_with("locals_imp.abap") && l.line == Some(2))
        );
        let pool = map.locate("CLAS", "ZCL_DEMO", &diagnostic("class_pool", 9));
        assert!(pool.is_some_and(|l| l.path.ends_with("zcl_demo.clas.abap") && l.line.is_none()));
        assert!(map
            .locate("CLAS", "ZCL_OTHER", &diagnostic("main", 1))
            .is_none());

        let result = SyntaxResult {
            objects: vec![
                crate::checks::ObjectCheck {
                    object_type: "CLAS".into(),
                    object_name: "ZCL_DEMO".into(),
                    errors: vec![diagnostic("locals_imp", 2)],
                    warnings: vec![diagnostic("main", 1)],
                    ..Default::default()
                },
                crate::checks::ObjectCheck {
                    object_type: "PROG".into(),
                    object_name: "ZNOT_SENT".into(),
                    errors: vec![diagnostic("main", 5)],
                    ..Default::default()
                },
            ],
            ..SyntaxResult::default()
        };
        let located = map.locate_all(&result);
        let summary: Vec<(String, Option<u32>)> = located
            .iter()
            .map(|d| {
                let location = d.location.clone();
                let file = location
                    .as_ref()
                    .and_then(|l| Path::new(&l.path).file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (file, location.and_then(|l| l.line))
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("zcl_demo.clas.locals_imp.abap".to_owned(), Some(2)),
                ("zcl_demo.clas.abap".to_owned(), Some(1)),
                (String::new(), None),
            ]
        );
        assert_eq!(located[2].object_name, "ZNOT_SENT");
    }

    #[test]
    fn program_reads_subc_and_interface_and_cds() {
        let folder = Folder::new("prog");
        let prog = folder.write("zdemo.prog.abap", "REPORT zdemo.\n");
        folder.write(
            "zdemo.prog.xml",
            "<PROGDIR><SUBC>1</SUBC><FIXPT>X</FIXPT></PROGDIR>",
        );
        let intf = folder.write("zif_demo.intf.abap", "INTERFACE zif_demo.\nENDINTERFACE.\n");
        let cds = folder.write("zc_demo.ddls.xml", "<DDLS/>");
        folder.write(
            "zc_demo.ddls.asddls",
            "define view entity ZC_DEMO as select from t000 { * }",
        );
        let (request, map) = syntax_request_for(&[prog, intf, cds], Some(UnicodeCheck::Cloud))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(request.objects.len(), 3);
        assert_eq!(request.objects[0].subc.as_deref(), Some("1"));
        assert!(request.objects[0].fixpt);
        assert!(!request.objects[1].fixpt);
        assert_eq!(request.objects[2].object_type, "DDLS");
        assert!(request.objects[2].source.starts_with("define view"));
        assert_eq!(map.objects[2].files[0].role, SourceRole::Main);
    }

    #[test]
    fn errors_are_specific() {
        let folder = Folder::new("errors");
        let only_xml = folder.write("zcl_gone.clas.xml", CLAS_XML);
        assert!(matches!(
            syntax_object_for(&only_xml),
            Err(CheckoutError::MissingMainSource { .. })
        ));
        let table = folder.write("zt.tabl.xml", "<x/>");
        let unsupported = syntax_object_for(&table).err();
        assert!(matches!(
            unsupported,
            Some(CheckoutError::Unsupported { .. })
        ));
        assert_eq!(
            unsupported.as_ref().map(CheckoutError::path),
            Some(table.to_string_lossy().as_ref())
        );
        assert!(matches!(
            syntax_object_for(Path::new("notes.txt")),
            Err(CheckoutError::FileName(_))
        ));
        let binary = folder.write("zbin.prog.abap", "");
        std::fs::write(&binary, [0xff, 0xfe, 0x00]).unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            syntax_object_for(&binary),
            Err(CheckoutError::NotUtf8 { .. })
        ));
    }
}
