//! Client for SAP Cloud Integration's OData API (`https://<tenant>/api/v1`): integration
//! packages and their artifacts (integration flows, value mappings, message mappings, script
//! collections), downloads, configuration parameters, deploy with build-status polling and
//! readable deploy errors, undeploy, runtime artifacts and service endpoints, the message
//! monitor (filters, paging via `__next`, counts per status, detail, CSV), the Partner
//! Directory, security content (keystore validity) and log files.
//!
//! Build the [`sap_http::Session`] with the API URL as base URL and `""` as
//! `csrf_fetch_path`; the session handles Basic or OAuth authentication, cookies and the
//! CSRF token. Every call asks for verbose JSON (`$format=json`).
//!
//! Errors: the tenant's error bodies in all their variants become [`sap_http::SapError::Sap`]
//! with the tenant's text (`value: null` gets a sentence); 429 says when to try again (a
//! read with `Retry-After` of at most 5 s is repeated once); HTML error pages are
//! `HttpStatus` with their title; input is checked before anything is sent
//! (`SapError::Config` naming the field).

mod client;
pub mod content;
mod deploy;
pub mod deploy_error;
pub mod error;
pub mod log_files;
pub mod messages;
pub mod partners;
pub mod runtime;
pub mod security;
pub mod wire;

pub use client::{CloudIntegrationClient, SavedFile, MAX_DOWNLOAD_BYTES, MAX_PREVIEW_BYTES};
pub use content::{
    ArtifactKind, ConfigurationChange, ConfigurationParameter, DesigntimeArtifact,
    IntegrationPackage, NewPackage,
};
pub use deploy::{DeployPhase, DeployProgress, WaitOptions};
pub use deploy_error::{parse_artifact_error, ArtifactError};
pub use log_files::LogFile;
pub use messages::{
    messages_csv, ArtifactRef, CustomHeaderFilter, CustomHeaderProperty, MessageAttachment,
    MessageDetail, MessageFilter, MessageLog, MessagePage, MessageRun, MessageStatus,
    MessageStoreEntry, PayloadContent, RunStep, StatusCount,
};
pub use partners::{BinaryParameter, BinaryValue, ChangeInfo, Partner, StringParameter};
pub use runtime::{
    BuildStatus, DeployOutcome, EntryPoint, RuntimeArtifact, RuntimeFilter, ServiceEndpoint,
    RUNTIME_STATUSES,
};
pub use security::{
    CertificateValidity, Deployment, KeystoreEntry, OAuth2ClientCredential, SecureParameter,
    UserCredential, EXPIRY_WARNING_DAYS,
};

/// The API's path below the tenant's host.
pub const API_PATH: &str = "/api/v1/";
