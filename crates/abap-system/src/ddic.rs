//! ABAP Dictionary: tables, structures, data elements, domains, table types.

use serde::Serialize;

/// Transparent table or structure (both are TABL in abapGit; TADIR says TABL/STRU).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TableKind {
    Transparent,
    Structure,
}

/// A table or structure definition (DD02L + DD03L).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableDef {
    pub name: String,
    pub kind: TableKind,
    pub description: String,
    /// Delivery class: A (application), C (customizing), E, L, S, G, W. Empty for structures.
    pub delivery_class: String,
    pub fields: Vec<FieldDef>,
}

impl TableDef {
    /// Position of a field, case-insensitively.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields
            .iter()
            .position(|f| f.name.eq_ignore_ascii_case(name.trim()))
    }

    pub fn field(&self, name: &str) -> Option<&FieldDef> {
        self.field_index(name).map(|i| &self.fields[i])
    }

    pub fn key_fields(&self) -> impl Iterator<Item = &FieldDef> {
        self.fields.iter().filter(|f| f.key)
    }
}

/// One field of a table or structure, as `/view` components show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldDef {
    pub name: String,
    pub key: bool,
    /// DDIC built-in type: CLNT, CHAR, NUMC, DATS, TIMS, CURR, CUKY, QUAN, UNIT, DEC, INT4, INT1, LANG, STRG, RAW, FLTP.
    pub ddic_type: String,
    pub length: u32,
    pub decimals: u32,
    pub data_element: String,
    pub description: String,
}

/// The RTTI view of a field that the as-implemented `/preview` sends:
/// a type-kind letter and a length in bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RttiField {
    pub field: String,
    /// `C`, `N`, `D`, `T`, `P`, `I`, `F`, `X`, `g` (string), `b` (INT1), `s` (INT2).
    pub type_kind: String,
    /// Byte length (characters take 2 bytes in a Unicode system).
    pub length: u32,
    pub decimals: u32,
}

impl FieldDef {
    /// RTTI type kind and byte length, as `cl_abap_typedescr` reports them.
    pub fn rtti(&self) -> RttiField {
        let (kind, length) = match self.ddic_type.as_str() {
            "NUMC" | "ACCP" => ("N", self.length.saturating_mul(2)),
            "DATS" => ("D", 16),
            "TIMS" => ("T", 12),
            "CURR" | "QUAN" | "DEC" => ("P", self.length / 2 + 1),
            "INT4" => ("I", 4),
            "INT2" => ("s", 2),
            "INT1" => ("b", 1),
            "INT8" => ("8", 8),
            "FLTP" => ("F", 8),
            "STRG" | "SSTR" => ("g", 8),
            "RAW" => ("X", self.length),
            "RSTR" => ("y", 8),
            _ => ("C", self.length.saturating_mul(2)),
        };
        RttiField {
            field: self.name.clone(),
            type_kind: kind.to_string(),
            length,
            decimals: self.decimals,
        }
    }

    /// The ABAP type kind letter alone (used to validate customizing values).
    pub fn type_kind(&self) -> String {
        self.rtti().type_kind
    }
}

/// A domain (DD01L): technical type and optional fixed values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Domain {
    pub name: String,
    pub description: String,
    pub data_type: String,
    pub length: u32,
    pub decimals: u32,
    /// Conversion routine (DD01L-CONVEXIT), e.g. `ALPHA`; empty when none.
    pub conversion_exit: String,
    /// Value table (DD01L-ENTITYTAB); empty when none.
    pub value_table: String,
    /// Fixed values (DD07L/DD07T) in value-position order: VALPOS is the index + 1.
    pub fixed_values: Vec<FixedValue>,
}

/// A domain fixed value: a single value, or an interval when `high` is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FixedValue {
    pub low: String,
    pub high: String,
    pub text: String,
}

/// A data element (DD04L) with its domain's technical attributes resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataElement {
    pub name: String,
    pub description: String,
    pub domain: String,
    pub data_type: String,
    pub length: u32,
    pub decimals: u32,
    /// Medium field label, as SE11 shows it.
    pub label: String,
}

/// A table type (DD40L).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableType {
    pub name: String,
    pub description: String,
    /// Name of the row type (a structure, table or data element).
    pub row_type: String,
    /// STANDARD, SORTED or HASHED.
    pub access: String,
    /// Key definition, e.g. "DEFAULT KEY" or the key fields.
    pub key: String,
}

impl TableType {
    /// DD40L-ACCESSMODE: T standard, S sorted, H hashed, I index, A any table.
    pub fn access_mode_code(&self) -> &'static str {
        match self.access.as_str() {
            "SORTED" => "S",
            "HASHED" => "H",
            "INDEX" => "I",
            "ANY" => "A",
            _ => "T",
        }
    }

    /// The access mode a DD40L-ACCESSMODE code stands for (standard when unknown).
    pub fn access_from_code(code: &str) -> &'static str {
        match code {
            "S" => "SORTED",
            "H" => "HASHED",
            "I" => "INDEX",
            "A" => "ANY",
            _ => "STANDARD",
        }
    }

    /// DD40L-KEYDEF: D standard (default) key, R row type, N not specified
    /// (generic), K key components.
    pub fn key_definition_code(&self) -> &'static str {
        match self.key.as_str() {
            "DEFAULT KEY" => "D",
            "TABLE_LINE" => "R",
            "" => "N",
            _ => "K",
        }
    }
}
