//! The object directory (TADIR) and the package hierarchy (TDEVC).

use serde::Serialize;
use std::fmt;

/// Object types the simulated system knows (the R3TR types of TADIR).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "&'static str")]
pub enum ObjectType {
    Clas,
    Intf,
    Prog,
    Fugr,
    Tabl,
    Stru,
    Dtel,
    Doma,
    Ttyp,
    Ddls,
    Dcls,
    Ddlx,
    Msag,
    Enho,
    Stob,
    Xslt,
    Devc,
}

impl ObjectType {
    pub const ALL: [ObjectType; 17] = [
        ObjectType::Clas,
        ObjectType::Intf,
        ObjectType::Prog,
        ObjectType::Fugr,
        ObjectType::Tabl,
        ObjectType::Stru,
        ObjectType::Dtel,
        ObjectType::Doma,
        ObjectType::Ttyp,
        ObjectType::Ddls,
        ObjectType::Dcls,
        ObjectType::Ddlx,
        ObjectType::Msag,
        ObjectType::Enho,
        ObjectType::Stob,
        ObjectType::Xslt,
        ObjectType::Devc,
    ];

    /// The four-letter TADIR code, e.g. `CLAS`.
    pub fn code(self) -> &'static str {
        match self {
            ObjectType::Clas => "CLAS",
            ObjectType::Intf => "INTF",
            ObjectType::Prog => "PROG",
            ObjectType::Fugr => "FUGR",
            ObjectType::Tabl => "TABL",
            ObjectType::Stru => "STRU",
            ObjectType::Dtel => "DTEL",
            ObjectType::Doma => "DOMA",
            ObjectType::Ttyp => "TTYP",
            ObjectType::Ddls => "DDLS",
            ObjectType::Dcls => "DCLS",
            ObjectType::Ddlx => "DDLX",
            ObjectType::Msag => "MSAG",
            ObjectType::Enho => "ENHO",
            ObjectType::Stob => "STOB",
            ObjectType::Xslt => "XSLT",
            ObjectType::Devc => "DEVC",
        }
    }

    /// Parses a TADIR code case-insensitively (`clas`, `CLAS`).
    pub fn from_code(code: &str) -> Option<ObjectType> {
        let upper = code.trim().to_ascii_uppercase();
        ObjectType::ALL.into_iter().find(|t| t.code() == upper)
    }

    /// The human-readable type text the view/where/preview endpoints send.
    pub fn type_text(self) -> &'static str {
        match self {
            ObjectType::Clas => "Class",
            ObjectType::Intf => "Interface",
            ObjectType::Prog => "Program",
            ObjectType::Fugr => "Function Group",
            ObjectType::Tabl => "Table",
            ObjectType::Stru => "Structure",
            ObjectType::Dtel => "Data Element",
            ObjectType::Doma => "Domain",
            ObjectType::Ttyp => "Table Type",
            ObjectType::Ddls => "CDS View",
            ObjectType::Dcls => "Access Control",
            ObjectType::Ddlx => "Metadata Extension",
            ObjectType::Msag => "Message Class",
            ObjectType::Enho => "Enhancement Implementation",
            ObjectType::Stob => "Structured Object",
            ObjectType::Xslt => "Transformation",
            ObjectType::Devc => "Package",
        }
    }
}

impl From<ObjectType> for &'static str {
    fn from(t: ObjectType) -> &'static str {
        t.code()
    }
}

impl fmt::Display for ObjectType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A development package (TDEVC row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Package {
    pub name: String,
    /// Empty for a root package.
    pub parent: String,
    pub description: String,
    /// KORRFLAG: changes are recorded in transport requests. `$` packages are local.
    pub transportable: bool,
    pub software_component: String,
    pub responsible: String,
}

/// One row of the object directory (TADIR) with its short text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepoObject {
    pub object_type: ObjectType,
    pub name: String,
    pub package: String,
    pub description: String,
    pub author: String,
    /// Last change date, `YYYYMMDD`.
    pub changed_on: String,
}

/// A package in a tree listing, as `/tree` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageNode {
    pub package: String,
    pub parent: String,
    pub description: String,
    /// 0 for the root of the listing.
    pub depth: u32,
    /// Objects directly in this package (DEVC excluded).
    pub object_count: usize,
}

/// Selection for objects of a package (`/list`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectFilter {
    /// Empty means every type.
    pub types: Vec<ObjectType>,
    /// Name pattern with `*` (any run) and `+` (one character); case-insensitive.
    pub name_pattern: Option<String>,
    /// Also include objects of subpackages.
    pub include_subpackages: bool,
}

/// Matches an ABAP-style wildcard pattern (`*` any run, `+` one char), case-insensitively.
pub fn wildcard_match(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.trim().to_uppercase().chars().collect();
    let name: Vec<char> = name.to_uppercase().chars().collect();
    // Iterative matcher with single-star backtracking: linear in practice, no recursion.
    let (mut p, mut n) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        if p < pattern.len() && (pattern[p] == '+' || pattern[p] == name[n]) {
            p += 1;
            n += 1;
        } else if p < pattern.len() && pattern[p] == '*' {
            star = Some((p, n));
            p += 1;
        } else if let Some((sp, sn)) = star {
            p = sp + 1;
            n = sn + 1;
            star = Some((sp, sn + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == '*')
}

/// `LIKE` of ABAP SQL: `%` any run, `_` one character, case-sensitive (a database compares
/// bytes), trailing blanks of the pattern ignored as for a `c` host variable.
pub fn sql_like(pattern: &str, value: &str) -> bool {
    let pattern: Vec<char> = pattern.trim_end().chars().collect();
    let value: Vec<char> = value.chars().collect();
    // Iterative matcher with single-`%` backtracking, as in `wildcard_match`.
    let (mut p, mut v) = (0usize, 0usize);
    let mut percent: Option<(usize, usize)> = None;
    while v < value.len() {
        if p < pattern.len() && (pattern[p] == '_' || pattern[p] == value[v]) {
            p += 1;
            v += 1;
        } else if p < pattern.len() && pattern[p] == '%' {
            percent = Some((p, v));
            p += 1;
        } else if let Some((pp, pv)) = percent {
            p = pp + 1;
            v = pv + 1;
            percent = Some((pp, pv + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == '%')
}

/// A `SELECT object, obj_name FROM tadir` as `/list` runs it: `devclass` compared exactly
/// (no case folding), `object IN` the given codes, `obj_name LIKE` the pattern.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TadirSelect {
    pub devclass: String,
    /// `object IN (...)`; empty means no condition.
    pub object_in: Vec<String>,
    /// `obj_name LIKE ...` (SQL wildcards `%` and `_`); `None` means no condition.
    pub name_like: Option<String>,
}

/// The include name of a class part: the class name padded with `=` to 30
/// characters, then the suffix (`ZCL_X=========================CM001`).
pub fn class_include_name(class_name: &str, suffix: &str) -> String {
    let mut name = class_name.to_ascii_uppercase();
    while name.chars().count() < 30 {
        name.push('=');
    }
    name.push_str(suffix);
    name
}

/// Splits a padded include name (`ZCL_X====...CM001`) into class name and suffix.
pub fn split_class_include(include: &str) -> Option<(String, String)> {
    let upper = include.trim().to_ascii_uppercase();
    if upper.len() < 32 || !upper.is_char_boundary(30) {
        return None;
    }
    let (head, suffix) = upper.split_at(30);
    let class = head.trim_end_matches('=');
    if class.is_empty() || !head.contains('=') && class.len() < 30 {
        return None;
    }
    Some((class.to_string(), suffix.to_string()))
}

/// Formats a method index as the three-character base-36 suffix part (`001`, `00A`).
pub fn method_index_suffix(index: usize) -> String {
    const DIGITS: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut value = index;
    let mut out = [b'0'; 3];
    for slot in out.iter_mut().rev() {
        *slot = DIGITS[value % 36];
        value /= 36;
    }
    format!("CM{}", String::from_utf8_lossy(&out))
}
