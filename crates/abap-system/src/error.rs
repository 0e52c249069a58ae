//! The one error type of the simulated system. Texts follow the wording of the
//! real abapGit Agent server so the HTTP layer can pass them through.

/// Why an operation on the simulated system was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SystemError {
    #[error("Package {0} does not exist")]
    PackageNotFound(String),
    #[error("Object not found: {0}")]
    ObjectNotFound(String),
    #[error("Table or view not found: {0}")]
    TableNotFound(String),
    /// The WHERE condition of a preview could not be parsed.
    #[error("{0}")]
    InvalidWhere(String),
    #[error("Repository already exists")]
    RepositoryAlreadyExists,
    #[error("Repository not found")]
    RepositoryNotFound,
    /// A create/import named a remote URL the sandbox does not know.
    #[error("Remote repository not reachable: {0}")]
    RemoteNotFound(String),
    #[error("Branch {branch} not found in {url}")]
    BranchNotFound { url: String, branch: String },
    #[error("Package {0} is already used by another repository")]
    PackageAlreadyUsed(String),
    #[error("Invalid folder {0}: the folder must start and end with /")]
    InvalidFolder(String),
    /// abapGit's deserialize into a package that records changes, without a request.
    #[error("No transport request was supplied")]
    NoTransportSupplied,
    #[error("Transport request {0} does not exist")]
    TransportNotFound(String),
    #[error("Transport request {0} is already released")]
    TransportAlreadyReleased(String),
    #[error("Transport request {number} is not a modifiable {expected} request")]
    TransportWrongKind { number: String, expected: String },
    #[error("Object type {0} cannot be deleted with drop (data elements are refused)")]
    DropRefused(String),
    #[error(
        "Table {table} has delivery class {delivery_class}; only C and E tables can be maintained"
    )]
    DeliveryClassNotAllowed {
        table: String,
        delivery_class: String,
    },
    #[error("Field {field} does not exist in table {table}")]
    UnknownField { table: String, field: String },
    #[error("Value '{value}' is not valid for field {field} (type {type_kind})")]
    InvalidFieldValue {
        field: String,
        value: String,
        type_kind: String,
    },
    /// A catchable ABAP conversion exception (`CX_SY_CONVERSION_NO_NUMBER`,
    /// `CX_SY_CONVERSION_OVERFLOW`) escaped the command; the text is the exception's.
    #[error("{0}")]
    Conversion(String),
    #[error("Table {0} is in a transportable package: give a customizing transport request or no_transport")]
    TransportRequired(String),
    #[error("{0}")]
    Invalid(String),
}
