//! SAP Focused Build's External DevOps API, `/sap/opu/odata/SALM/EXT_DEVOPS_INTEG_SRV/`, as an
//! OData V2 service over seeded work items.
//!
//! Served behind the sandbox's logon, CSRF and fault layers; this module only answers the
//! OData requests: `$metadata`, the service document, `WorkItemSet` (with `$expand` of
//! `toWIActualRelease`, `toWIAttachment`, `toWIText`, `toWICategory`), append-only texts,
//! attachments (upload, `$value` download) and the `ChangeStatus` function import, whose
//! allowed transitions come from [`FocusedBuildConfig`]. Data and errors (Gateway's error
//! body) come as JSON when JSON was asked for (`$format=json` or `Accept`), else as XML
//! (Atom for data, Gateway's default).

mod atom;
mod config;
mod errors;
mod metadata;
mod path;
mod routes;
mod seed;
mod store;
mod wire;

use std::sync::{Arc, Mutex};

use axum::routing::any;
use axum::Router;

pub use config::{FocusedBuildConfig, StatusProfile};

/// The service with the default customizing and the seeded work items.
pub fn router() -> Router<()> {
    router_with(FocusedBuildConfig::default())
}

/// The service with other status profiles or text types (the seeded work items stay the same).
pub fn router_with(config: FocusedBuildConfig) -> Router<()> {
    let service = Arc::new(routes::Service {
        store: Mutex::new(store::WorkItemStore::new(config, seed::work_items())),
    });
    Router::new()
        .route("/", any(routes::service_root))
        .route("/{*resource}", any(routes::resource))
        .with_state(service)
}

#[cfg(test)]
mod tests;
