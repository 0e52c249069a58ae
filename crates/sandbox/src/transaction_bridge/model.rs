//! What a recording is made of: an app with its sequences, each with typed parameters
//! (the input fields marked while recording) and typed output (the output fields and tables).
//! The `$metadata`, the parameter checks and the output conversion all read these.

/// The Edm types the recorder gives fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edm {
    String,
    Int32,
    Decimal,
    Boolean,
    Date,
    DateTimeOffset,
}

impl Edm {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::String => "Edm.String",
            Self::Int32 => "Edm.Int32",
            Self::Decimal => "Edm.Decimal",
            Self::Boolean => "Edm.Boolean",
            Self::Date => "Edm.Date",
            Self::DateTimeOffset => "Edm.DateTimeOffset",
        }
    }
}

/// An input field of the recording: an OData parameter.
#[derive(Debug)]
pub(crate) struct Param {
    pub name: &'static str,
    pub edm: Edm,
    pub nullable: bool,
    /// The screen field's length (strings only).
    pub max_length: Option<u32>,
}

pub(crate) const fn required(name: &'static str, edm: Edm, max_length: Option<u32>) -> Param {
    Param {
        name,
        edm,
        nullable: false,
        max_length,
    }
}

pub(crate) const fn optional(name: &'static str, edm: Edm, max_length: Option<u32>) -> Param {
    Param {
        name,
        edm,
        nullable: true,
        max_length,
    }
}

/// An output field or table of the recording.
#[derive(Debug)]
pub(crate) enum OutputProp {
    Field {
        name: &'static str,
        edm: Edm,
        nullable: bool,
    },
    /// A table control or list: a collection of rows, each a complex type named `row_type`.
    Table {
        name: &'static str,
        row_type: &'static str,
        columns: &'static [OutputProp],
    },
}

pub(crate) const fn field(name: &'static str, edm: Edm) -> OutputProp {
    OutputProp::Field {
        name,
        edm,
        nullable: false,
    }
}

pub(crate) const fn nullable_field(name: &'static str, edm: Edm) -> OutputProp {
    OutputProp::Field {
        name,
        edm,
        nullable: true,
    }
}

pub(crate) const fn table(
    name: &'static str,
    row_type: &'static str,
    columns: &'static [OutputProp],
) -> OutputProp {
    OutputProp::Table {
        name,
        row_type,
        columns,
    }
}

impl OutputProp {
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Self::Field { name, .. } | Self::Table { name, .. } => name,
        }
    }
}

/// Sequences that change data are published as actions (POST); read-only ones as functions (GET).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Action,
    Function,
}

/// One recorded user interaction flow.
#[derive(Debug)]
pub(crate) struct Sequence {
    pub name: &'static str,
    pub kind: Kind,
    pub params: &'static [Param],
    pub output: &'static [OutputProp],
    /// What the Application Designer chained before and after it (`PrecedingActions`,
    /// `SubsequentActions`).
    pub preceding: &'static [&'static str],
    pub subsequent: &'static [&'static str],
}

/// One published recording: one OData service.
#[derive(Debug)]
pub(crate) struct AppSpec {
    pub id: &'static str,
    /// The transaction the recording starts in.
    pub transaction: &'static str,
    pub title: &'static str,
    pub sequences: &'static [Sequence],
}

/// `Login`, `Logout` and `Home`, present in every app.
pub(crate) const GENERIC_ACTIONS: [&str; 3] = ["Login", "Logout", "Home"];

impl AppSpec {
    pub(crate) fn sequence(&self, name: &str) -> Option<&'static Sequence> {
        self.sequences.iter().find(|s| s.name == name)
    }

    /// The schema namespace (alias `Self`).
    pub(crate) fn namespace(&self) -> String {
        format!("com.sap.mobile.mtb.{}", self.id)
    }
}
