//! abapGit file names -> ABAP objects.
//!
//! abapGit stores an object as `name.type.ext` plus, for some types, extra
//! parts (`zcl_x.clas.testclasses.abap`, `zfg.fugr.lzfgtop.abap`,
//! `zenh.enho.1a2b3c4d.abap`). Names are lower case, with namespaces written
//! `#ns#name` for `/NS/NAME`. The server's own parser knows only some of
//! these (wire reference §4.4); this one knows all of §8.2 and says clearly
//! why a name does not parse.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What part of an object a file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FilePart {
    /// The main source (`.abap`, `.asddls`, `.asdcls`, `.asbdef`).
    Source,
    /// The object's XML metadata.
    Metadata,
    ClassLocalsDef,
    ClassLocalsImp,
    ClassTestClasses,
    ClassMacros,
    /// `l<grp>top`: the group's global data.
    FunctionGroupTop {
        include: String,
    },
    /// `sapl<grp>`: the group's main program.
    FunctionGroupMain {
        include: String,
    },
    /// `l<grp>uNN`: the include that holds one function module.
    FunctionModuleInclude {
        include: String,
    },
    /// Any other include of the group (`l<grp>f01`, ...).
    FunctionGroupInclude {
        include: String,
    },
    /// `<fm_name>`: one function module's source.
    FunctionModule {
        name: String,
    },
    /// `<8 hex>`: the source of one enhancement hook.
    EnhancementHook {
        hash: String,
    },
}

/// The object a file belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AbapFile {
    /// Four-letter type, upper case. `.tabl.xml` gives `TABL` for tables and
    /// structures alike (abapGit serialises both with the TABL serializer).
    pub object_type: String,
    /// Upper case, namespaces as `/NS/NAME`.
    pub object_name: String,
    pub part: FilePart,
    /// The file name without directories, as given.
    pub file_name: String,
}

impl AbapFile {
    /// The file name the server's own parser resolves to the same object:
    /// directories stripped, function group parts and DCLS sources replaced
    /// by the object's XML (the server rejects those names).
    pub fn server_file_name(&self) -> String {
        let stem = self
            .file_name
            .split('.')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let type_lower = self.object_type.to_ascii_lowercase();
        match (&self.part, self.object_type.as_str()) {
            (
                FilePart::FunctionGroupTop { .. }
                | FilePart::FunctionGroupMain { .. }
                | FilePart::FunctionModuleInclude { .. }
                | FilePart::FunctionGroupInclude { .. }
                | FilePart::FunctionModule { .. },
                _,
            ) => format!("{stem}.fugr.xml"),
            (FilePart::Source, "DCLS") => format!("{stem}.dcls.xml"),
            (FilePart::Source | FilePart::Metadata, _) if type_lower.len() == 4 => {
                let ext = self
                    .file_name
                    .rsplit('.')
                    .next()
                    .unwrap_or("xml")
                    .to_ascii_lowercase();
                format!("{stem}.{type_lower}.{ext}")
            }
            _ => self.file_name.to_ascii_lowercase(),
        }
    }
}

/// The file name to send where the server parses names itself (pull, inspect,
/// unit, drop): see [`AbapFile::server_file_name`]. Names this parser does
/// not understand are passed on trimmed, for the server to judge.
pub fn to_server_file(path: &str) -> String {
    match parse_file_name(path) {
        Ok(file) => file.server_file_name(),
        Err(_) => path.trim().to_owned(),
    }
}

/// Why a file name does not name an ABAP object.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[error("{file}: {problem}")]
pub struct FileNameError {
    pub file: String,
    pub problem: FileNameProblem,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum FileNameProblem {
    Empty,
    /// Repository settings such as `.abapgit.xml`, not an object.
    NotAnObject,
    /// Fewer than `name.type.ext` parts.
    MissingObjectType,
    UnknownExtension(String),
    UnknownObjectType(String),
    /// A fourth part that does not belong to the type, e.g. `zcl_x.clas.foo.abap`.
    UnknownSubPart(String),
    TooManyParts,
    InvalidObjectName(String),
}

impl fmt::Display for FileNameProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the file name is empty"),
            Self::NotAnObject => {
                f.write_str("this file holds repository settings, not an ABAP object")
            }
            Self::MissingObjectType => f.write_str(
                "expected an abapGit name such as zcl_example.clas.abap (name.type.extension)",
            ),
            Self::UnknownExtension(ext) => write!(
                f,
                "unknown extension \".{ext}\" (abapGit uses .abap, .xml, .asddls, .asdcls, .asbdef)"
            ),
            Self::UnknownObjectType(kind) => write!(f, "\"{kind}\" is not an ABAP object type"),
            Self::UnknownSubPart(part) => {
                write!(f, "\"{part}\" is not a known part of this object type")
            }
            Self::TooManyParts => f.write_str("too many dots for an abapGit file name"),
            Self::InvalidObjectName(name) => write!(f, "\"{name}\" is not a valid object name"),
        }
    }
}

const EXTENSIONS: &[&str] = &["abap", "xml", "asddls", "asdcls", "asbdef", "acds", "json"];

/// abapGit's long spellings the server also accepts.
fn object_type(part: &str) -> Option<String> {
    let canonical = match part {
        "class" => "clas",
        "interface" => "intf",
        "program" => "prog",
        "fugroup" => "fugr",
        "table" => "tabl",
        other => other,
    };
    let valid = canonical.len() == 4 && canonical.chars().all(|c| c.is_ascii_alphanumeric());
    valid.then(|| canonical.to_ascii_uppercase())
}

/// `#ns#name` -> `/NS/NAME`; checks the characters.
fn decode_object_name(raw: &str) -> Option<String> {
    let decoded = if let Some(rest) = raw.strip_prefix('#') {
        let (namespace, name) = rest.split_once('#')?;
        if namespace.is_empty() || name.is_empty() {
            return None;
        }
        format!("/{namespace}/{name}")
    } else {
        raw.to_owned()
    };
    let valid = !decoded.is_empty()
        && decoded
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '/' | '$' | '-'));
    valid.then(|| decoded.to_ascii_uppercase())
}

/// `/NS/NAME` -> (`/NS/`, `NAME`).
fn split_namespace(name: &str) -> (&str, &str) {
    if let Some(rest) = name.strip_prefix('/') {
        if let Some(end) = rest.find('/') {
            return (&name[..end + 2], &rest[end + 1..]);
        }
    }
    ("", name)
}

fn function_group_part(group: &str, include: &str) -> FilePart {
    let (_, bare_group) = split_namespace(group);
    let (_, bare_include) = split_namespace(include);
    let include_owned = include.to_owned();
    let prefix = format!("L{bare_group}");
    if bare_include == format!("{prefix}TOP") {
        FilePart::FunctionGroupTop {
            include: include_owned,
        }
    } else if bare_include == format!("SAPL{bare_group}") {
        FilePart::FunctionGroupMain {
            include: include_owned,
        }
    } else if let Some(rest) = bare_include.strip_prefix(&prefix) {
        let is_fm_include = rest.len() == 3
            && rest.starts_with('U')
            && rest[1..].chars().all(|c| c.is_ascii_alphanumeric());
        if is_fm_include {
            FilePart::FunctionModuleInclude {
                include: include_owned,
            }
        } else {
            FilePart::FunctionGroupInclude {
                include: include_owned,
            }
        }
    } else {
        FilePart::FunctionModule {
            name: include_owned,
        }
    }
}

/// Reads an abapGit file name or path (`/` or `\` separators) as an object.
pub fn parse_file_name(path: &str) -> Result<AbapFile, FileNameError> {
    let file_name = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_owned();
    let fail = |problem| FileNameError {
        file: path.to_owned(),
        problem,
    };
    if file_name.is_empty() {
        return Err(fail(FileNameProblem::Empty));
    }
    let lower = file_name.to_ascii_lowercase();
    if lower.starts_with('.') {
        return Err(fail(FileNameProblem::NotAnObject));
    }
    let parts: Vec<&str> = lower.split('.').collect();
    if parts.len() < 3 {
        return Err(fail(FileNameProblem::MissingObjectType));
    }
    if parts.len() > 4 {
        return Err(fail(FileNameProblem::TooManyParts));
    }
    let extension = parts[parts.len() - 1];
    if !EXTENSIONS.contains(&extension) {
        return Err(fail(FileNameProblem::UnknownExtension(
            extension.to_owned(),
        )));
    }
    let object_type = object_type(parts[1])
        .ok_or_else(|| fail(FileNameProblem::UnknownObjectType(parts[1].to_owned())))?;
    let object_name = decode_object_name(parts[0])
        .ok_or_else(|| fail(FileNameProblem::InvalidObjectName(parts[0].to_owned())))?;
    let is_xml = extension == "xml";
    let part = if parts.len() == 3 {
        if is_xml {
            FilePart::Metadata
        } else {
            FilePart::Source
        }
    } else {
        let sub = parts[2];
        let unknown = || fail(FileNameProblem::UnknownSubPart(sub.to_owned()));
        match object_type.as_str() {
            "CLAS" if !is_xml => match sub {
                "locals_def" => FilePart::ClassLocalsDef,
                "locals_imp" => FilePart::ClassLocalsImp,
                "testclasses" => FilePart::ClassTestClasses,
                "macros" => FilePart::ClassMacros,
                _ => return Err(unknown()),
            },
            "ENHO" if !is_xml && sub.len() == 8 && sub.chars().all(|c| c.is_ascii_hexdigit()) => {
                FilePart::EnhancementHook {
                    hash: sub.to_owned(),
                }
            }
            "FUGR" => {
                let include = decode_object_name(sub).ok_or_else(unknown)?;
                function_group_part(&object_name, &include)
            }
            _ => return Err(unknown()),
        }
    };
    Ok(AbapFile {
        object_type,
        object_name,
        part,
        file_name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(path: &str) -> AbapFile {
        parse_file_name(path).unwrap_or_else(|e| panic!("{e}"))
    }

    fn object(path: &str) -> (String, String) {
        let file = parsed(path);
        (file.object_type, file.object_name)
    }

    fn pair(kind: &str, name: &str) -> (String, String) {
        (kind.to_owned(), name.to_owned())
    }

    #[test]
    fn classes_and_their_includes() {
        assert_eq!(
            object("zcl_my_class.clas.abap"),
            pair("CLAS", "ZCL_MY_CLASS")
        );
        assert_eq!(parsed("zcl_my_class.clas.xml").part, FilePart::Metadata);
        assert_eq!(
            parsed("zcl_a.clas.locals_def.abap").part,
            FilePart::ClassLocalsDef
        );
        assert_eq!(
            parsed("zcl_a.clas.locals_imp.abap").part,
            FilePart::ClassLocalsImp
        );
        assert_eq!(
            parsed("zcl_a.clas.testclasses.abap").part,
            FilePart::ClassTestClasses
        );
        assert_eq!(parsed("zcl_a.clas.macros.abap").part, FilePart::ClassMacros);
        assert_eq!(object("zcl_a.class.abap"), pair("CLAS", "ZCL_A"));
    }

    #[test]
    fn paths_and_separators() {
        assert_eq!(
            object("src/zcl_my_class.clas.abap"),
            pair("CLAS", "ZCL_MY_CLASS")
        );
        assert_eq!(object("/src/sub/zif_a.intf.abap"), pair("INTF", "ZIF_A"));
        assert_eq!(object("./src/zprog.prog.abap"), pair("PROG", "ZPROG"));
        assert_eq!(
            object("C:\\repo\\src\\zprog.prog.xml"),
            pair("PROG", "ZPROG")
        );
        assert_eq!(
            parsed("src\\ZCL_UPPER.CLAS.ABAP").file_name,
            "ZCL_UPPER.CLAS.ABAP"
        );
    }

    #[test]
    fn function_groups() {
        assert_eq!(object("zfg.fugr.xml"), pair("FUGR", "ZFG"));
        assert_eq!(
            parsed("zfg.fugr.lzfgtop.abap").part,
            FilePart::FunctionGroupTop {
                include: "LZFGTOP".into()
            }
        );
        assert_eq!(
            parsed("zfg.fugr.lzfgtop.xml").part,
            FilePart::FunctionGroupTop {
                include: "LZFGTOP".into()
            }
        );
        assert_eq!(
            parsed("zfg.fugr.saplzfg.abap").part,
            FilePart::FunctionGroupMain {
                include: "SAPLZFG".into()
            }
        );
        assert_eq!(
            parsed("zfg.fugr.lzfgu01.abap").part,
            FilePart::FunctionModuleInclude {
                include: "LZFGU01".into()
            }
        );
        assert_eq!(
            parsed("zfg.fugr.lzfgf01.abap").part,
            FilePart::FunctionGroupInclude {
                include: "LZFGF01".into()
            }
        );
        assert_eq!(
            parsed("zfg.fugr.z_my_fm.abap").part,
            FilePart::FunctionModule {
                name: "Z_MY_FM".into()
            }
        );
        assert_eq!(
            parsed("src/zfg.fugr.z_my_fm.abap").server_file_name(),
            "zfg.fugr.xml"
        );
    }

    #[test]
    fn namespaces() {
        assert_eq!(
            object("#abc#cl_tool.clas.abap"),
            pair("CLAS", "/ABC/CL_TOOL")
        );
        assert_eq!(
            parsed("#abc#fg.fugr.#abc#lfgtop.abap").part,
            FilePart::FunctionGroupTop {
                include: "/ABC/LFGTOP".into()
            }
        );
        assert_eq!(
            parsed("#abc#fg.fugr.#abc#saplfg.abap").part,
            FilePart::FunctionGroupMain {
                include: "/ABC/SAPLFG".into()
            }
        );
        assert!(parse_file_name("#abc.clas.abap").is_err());
    }

    #[test]
    fn cds_enhancements_and_ddic() {
        assert_eq!(object("zc_view.ddls.asddls"), pair("DDLS", "ZC_VIEW"));
        assert_eq!(parsed("zc_view.ddls.asddls").part, FilePart::Source);
        assert_eq!(object("zc_view.dcls.asdcls"), pair("DCLS", "ZC_VIEW"));
        assert_eq!(
            parsed("zc_view.dcls.asdcls").server_file_name(),
            "zc_view.dcls.xml"
        );
        assert_eq!(object("zc_view.dcls.xml"), pair("DCLS", "ZC_VIEW"));
        assert_eq!(
            parsed("zenh.enho.1a2b3c4d.abap").part,
            FilePart::EnhancementHook {
                hash: "1a2b3c4d".into()
            }
        );
        assert_eq!(object("zenh.enho.xml"), pair("ENHO", "ZENH"));
        assert_eq!(object("ztable.tabl.xml"), pair("TABL", "ZTABLE"));
        assert_eq!(object("zstructure.tabl.xml"), pair("TABL", "ZSTRUCTURE"));
        for (file, kind) in [
            ("zde.dtel.xml", "DTEL"),
            ("zdo.doma.xml", "DOMA"),
            ("ztt.ttyp.xml", "TTYP"),
            ("zmsg.msag.xml", "MSAG"),
            ("package.devc.xml", "DEVC"),
        ] {
            assert_eq!(parsed(file).object_type, kind, "{file}");
        }
        assert_eq!(object("$tmp_pkg.devc.xml"), pair("DEVC", "$TMP_PKG"));
    }

    #[test]
    fn bad_names_say_why() {
        let problem = |path: &str| parse_file_name(path).map(|_| ()).err().map(|e| e.problem);
        assert_eq!(problem(""), Some(FileNameProblem::Empty));
        assert_eq!(problem("src/"), Some(FileNameProblem::Empty));
        assert_eq!(problem(".abapgit.xml"), Some(FileNameProblem::NotAnObject));
        assert_eq!(
            problem("README.md"),
            Some(FileNameProblem::MissingObjectType)
        );
        assert_eq!(
            problem("zcl_a.clas.txt"),
            Some(FileNameProblem::UnknownExtension("txt".into()))
        );
        assert_eq!(
            problem("zcl_a.klasse.abap"),
            Some(FileNameProblem::UnknownObjectType("klasse".into()))
        );
        assert_eq!(
            problem("zcl_a.clas.foo.abap"),
            Some(FileNameProblem::UnknownSubPart("foo".into()))
        );
        assert_eq!(
            problem("zenh.enho.xyz.abap"),
            Some(FileNameProblem::UnknownSubPart("xyz".into()))
        );
        assert_eq!(
            problem("zprog.prog.extra.abap"),
            Some(FileNameProblem::UnknownSubPart("extra".into()))
        );
        assert_eq!(problem("a.b.c.d.e"), Some(FileNameProblem::TooManyParts));
        assert_eq!(
            problem("z cl.clas.abap"),
            Some(FileNameProblem::InvalidObjectName("z cl".into()))
        );
        let message = parse_file_name("zcl_a.clas.txt")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            message.contains("zcl_a.clas.txt") && message.contains(".txt"),
            "{message}"
        );
    }
}
