//! The simulated ABAP development system behind the sandbox: a package tree
//! with realistic objects and sources, the ABAP Dictionary with typed table
//! data, short dumps, transport requests, abapGit repositories, and small
//! real engines (syntax check, ABAP Unit, OpenSQL WHERE).
//!
//! Pure and deterministic: no HTTP, no clock (callers pass the reference time
//! to [`System::seeded_at`]), no I/O. The sandbox wraps [`System`] in a mutex.

pub mod data;
pub mod ddic;
pub mod dumps;
pub mod engines;
pub mod error;
pub mod files;
pub mod git_repos;
pub mod maintenance;
pub mod preview;
pub mod pull_conflicts;
pub mod repo_ops;
pub mod repository;
pub mod source;
pub mod system;
pub mod transports;
pub mod where_used;

mod abapgit_xml;
mod checks;
mod cts_tables;
mod customizing;
mod pull;
mod seed;
mod serialize;
mod where_used_scan;

pub use data::{Row, Value};
pub use ddic::{
    DataElement, Domain, FieldDef, FixedValue, RttiField, TableDef, TableKind, TableType,
};
pub use dumps::{DumpFilter, ExcerptLine, ShortDump, StackFrame};
pub use engines::aunit::{Coverage, FailureKind, TestOutcome, TestResult, UnitRun};
pub use engines::syntax::{Severity, SourcePart, SyntaxMessage};
pub use engines::where_clause::{Condition, WhereError};
pub use error::SystemError;
pub use files::{parse_file_to_object, FileObject};
pub use git_repos::{
    AbapGitRepo, GitFile, NewRepo, PullMessage, PullOutcome, PullRequest, RemoteRepo,
};
pub use maintenance::{CustomizeOutcome, CustomizeRequest, FieldValue};
pub use preview::{PreviewQuery, PreviewResult};
pub use pull_conflicts::{
    conflict_report, content_sha, ConflictKind, ConflictMode, PullBaseline, PullConflict,
};
pub use repo_ops::normalize_url;
pub use repository::{
    class_include_name, split_class_include, sql_like, wildcard_match, ObjectFilter, ObjectType,
    Package, PackageNode, RepoObject, TadirSelect,
};
pub use seed::{BIG_CLASS, DEMO_URL, FLIGHT_DEMO_URL, HELLO_URL, USERS, WIDE_TABLE, ZFLIGHT_URL};
pub use source::{CdsView, ClassSection, ClassSource, MethodSource};
pub use system::{
    default_reference_time, FunctionAttributes, HookImplementation, System, CLIENT, HOST, SYSTEM_ID,
};
pub use transports::{
    Transport, TransportCheck, TransportKind, TransportObject, TransportScope, TransportStatus,
    TransportTask,
};
pub use where_used::WhereUsedRef;
