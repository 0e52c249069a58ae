//! Client for SAP Mobile Services' mobile transaction bridge: recorded SAP GUI for HTML
//! flows published as OData V4 services, one app per recording under
//! `https://<host>/mtb-bridge/odata/app/<appId>/`, one action or function per recorded
//! sequence, plus `Login`, `Logout` and `Home`.
//!
//! - [`metadata`]: `$metadata` (CSDL 4.0) turned into typed [`Operation`]s for generated forms.
//! - [`request`]: the user's text per field checked against the parameters' `Edm` types,
//!   then an action's JSON body or a function's URL with escaped literals.
//! - [`BridgeApp`]: one app on the shared [`sap_http::Session`] (cookies, TLS, proxy, auth):
//!   `Login` implicitly before the first call, calls one at a time, `State` read from every
//!   answer, errors as [`BridgeFailure`] with a [`Remedy`]. A call that may have changed data
//!   is never repeated on its own.
//! - [`mass_run`]: one operation for every row of a CSV, validated before the start, row by
//!   row on one session, with a journal so that a resumed run never sends a row twice.
//! - [`CallLog`]: every call with request, answer and duration, without headers.

mod answer;
mod call_log;
mod client;
pub mod edm;
mod error;
#[cfg(feature = "specta")]
pub mod json_type;
pub mod mass_run;
pub mod metadata;
pub mod request;

pub use answer::{BridgeState, MessageType, StatusBarMessage};
pub use call_log::{CallLog, CallLogEntry, MAX_BODY_CHARS, MAX_ENTRIES};
pub use client::{
    app_url, check_app_id, read_answer, BridgeApp, OperationResult, BRIDGE_ROOT_PATH,
};
pub use edm::{EdmType, InputKind};
pub use error::{BridgeError, BridgeFailure, FailureReason, Remedy, StepStatus};
pub use metadata::{
    parse_metadata, AppMetadata, MetadataError, Operation, OperationKind, OutputField, Parameter,
    GENERIC_OPERATIONS,
};
pub use request::{FieldProblem, Inputs};
