//! Client for SAP Focused Build's External DevOps API, the OData V2 service
//! `/sap/opu/odata/SALM/EXT_DEVOPS_INTEG_SRV/`: read a work item with its release,
//! texts, attachments and categories; append texts; upload and download attachments;
//! change the user status (`ChangeStatus` function import), one item or many. A worklist's
//! items are read in OData `$batch` requests of a hundred reads each
//! ([`FocusedBuildClient::work_items`]), not one request per item.
//!
//! Build the [`sap_http::Session`] with the service root as base URL and `""` as
//! `csrf_fetch_path`; the session handles logon, cookies and the CSRF token.
//!
//! Errors: Gateway's error body becomes [`sap_http::SapError::Sap`] (message, and the
//! message code and error details in `details`); an HTML logon page answered with 200
//! becomes [`sap_http::SapError::Authentication`]; invalid input (a malformed GUID, status
//! or text type) is refused before anything is sent, as [`sap_http::SapError::Config`]
//! naming the field.

mod batch;
mod client;
mod guid;
mod model;
/// The OData V2 envelope, dates and error bodies, shared with the other OData clients.
pub use sap_http::odata;
pub mod status;
mod worklist;

pub use batch::{
    unfinished_requests, StatusChangeOutcome, StatusChangeRequest, StatusChangeResult,
    MAX_CONCURRENCY,
};
pub use client::{FocusedBuildClient, MAX_DOWNLOAD_BYTES, WORK_ITEM_EXPAND};
pub use guid::WorkItemGuid;
pub use model::{
    mime_type_for, text_type_name, text_types, Attachment, AttachmentContent, Category,
    NewAttachment, NewText, Release, SavedAttachment, StatusChange, TextTypeInfo, WorkItem,
    WorkItemText, DEFAULT_TEXT_TYPE, TEXT_TYPES,
};
pub use status::{StatusCatalogue, StatusEntry, StatusKind, StatusProfile, StatusStep, UserStatus};
pub use worklist::{WorkItemRead, BATCHES_IN_FLIGHT, READS_PER_BATCH, SINGLE_READS_IN_FLIGHT};

/// The service's path below the system's root URL.
pub const SERVICE_PATH: &str = "/sap/opu/odata/SALM/EXT_DEVOPS_INTEG_SRV/";
