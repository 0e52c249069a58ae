//! Typed client for the abapGit Agent REST handler (`/sap/bc/z_abapgit_agent/*`).
//!
//! It speaks both shapes of the API: the documented one and the one the
//! open-source server actually sends (UPPER/camel keys, `"X"` booleans,
//! numbers as strings, JSON nested in strings, top-level arrays, invalid
//! error JSON). See `wire` for the lenient reading and `jobs` for 202 answers.
//!
//! Client-side logic the server lacks: [`filenames`] (abapGit file name ->
//! object), [`checkout`] (syntax requests from a local checkout, results mapped
//! back to files) and [`config_file`] (the reference CLI's `.abapGitAgent`).
//!
//! ```no_run
//! # async fn demo() -> Result<(), abapgit_agent::SapError> {
//! use abapgit_agent::{session_config, AgentClient, ImportRequest, JobOptions};
//! let system = url::Url::parse("https://host:44300").map_err(|e| abapgit_agent::SapError::Config {
//!     field: "url".into(),
//!     message: e.to_string(),
//! })?;
//! let mut config = session_config(&system); // base URL .../sap/bc/z_abapgit_agent/, CSRF from `health`
//! config.sap_client = Some("100".into());
//! let client = AgentClient::new(sap_http::Session::new(config)?);
//! let job = client
//!     .import(&ImportRequest { url: "https://github.com/org/repo.git".into(), ..Default::default() }, None)
//!     .await?;
//! let result = client
//!     .wait_import(&job, &JobOptions::default(), |p| println!("{:?} {:?}%", p.stage, p.percent))
//!     .await?;
//! println!("{} files staged", result.files_staged);
//! # Ok(()) }
//! ```

pub mod admin;
pub mod checkout;
pub mod checks;
mod client;
pub mod common;
pub mod config_file;
pub mod conflicts;
pub mod dump;
pub mod explore;
pub mod filenames;
pub mod jobs;
pub mod junit;
pub mod preview;
#[cfg(test)]
mod proptests;
pub mod repository;
pub mod transport_details;
pub mod wire;

pub use admin::{
    CustomizeRequest, CustomizeResult, DropRequest, DropResult, FieldValue, TransportAnswer,
    TransportKind, TransportRequest, TransportScope,
};
pub use checks::{
    CoverageStats, Diagnostic, InspectRequest, InspectResult, ObjectCheck, SyntaxObject,
    SyntaxRequest, SyntaxResult, TestClassesSource, TestFailure, TestLocation, UnicodeCheck,
    UnitRequest, UnitResult,
};
pub use client::{
    long_call_timeout, service_url, session_config, AgentClient, LONG_CALL_FACTOR, LONG_CALL_MAX,
    SERVICE_PATH,
};
pub use common::{GitCredentials, Pagination, Severity, TypeCount};
pub use conflicts::{parse_conflict_report, ConflictKind, PullConflict};
pub use dump::{CallStackEntry, DumpList, DumpRequest, ShortDump};
pub use explore::{
    Component, ListRequest, ListedObject, ObjectList, PackageNode, PackageTree, Reference,
    SourceSection, TreeRequest, ViewRequest, ViewResult, ViewedObject, WhereUsed, WhereUsedRequest,
    WhereUsedResult,
};
pub use jobs::{FinishedJob, JobHandle, JobOptions, JobProgress};
pub use preview::{CellValue, PreviewColumn, PreviewRequest, PreviewResult, PreviewTable};
pub use repository::{
    ConflictMode, CreateRequest, CreateResult, DeleteRequest, DeleteResult, FolderLogic,
    HealthInfo, ImportRequest, ImportResult, LocalXmlFile, LogMessage, PullOutcome, PullRequest,
    PullResult, RepositoryStatus,
};
pub use sap_http::SapError;
pub use transport_details::{
    request_number, ReleasedTransports, TransportDetails, TransportEntry, TransportHeader,
};
