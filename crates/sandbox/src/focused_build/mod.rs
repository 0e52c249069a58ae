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
mod batch;
mod config;
mod errors;
mod metadata;
pub(crate) mod path;
mod routes;
mod seed;
mod store;
mod wire;

use std::sync::{Arc, Mutex};

use axum::routing::any;
use axum::Router;

pub use config::{FocusedBuildConfig, StatusProfile};
pub(crate) use errors::{escape_xml, ServiceError};
pub(crate) use routes::Service;
pub use seed::SEEDED_WORK_ITEMS;

/// The service with the default customizing and the seeded work items.
pub fn router() -> Router<()> {
    router_with(FocusedBuildConfig::default())
}

/// The service with other status profiles or text types (the seeded work items stay the same).
pub fn router_with(config: FocusedBuildConfig) -> Router<()> {
    service_router(Arc::new(Service::seeded(config, SEEDED_WORK_ITEMS)))
}

/// The routes over a service the caller keeps (to reset it).
pub(crate) fn service_router(service: Arc<Service>) -> Router<()> {
    Router::new()
        .route("/", any(routes::service_root))
        .route("/{*resource}", any(routes::resource))
        .with_state(service)
}

impl Service {
    /// `count` seeded work items under `config`.
    pub(crate) fn seeded(config: FocusedBuildConfig, count: usize) -> Self {
        Self {
            store: Mutex::new(store::WorkItemStore::new(config, seed::work_items(count))),
            seeded_count: count,
        }
    }

    /// Back to the seeded work items (texts, attachments and status changes are dropped).
    pub(crate) fn reset(&self) {
        let mut store = self
            .store
            .lock()
            .unwrap_or_else(|poison| poison.into_inner());
        let config = store.config.clone();
        *store = store::WorkItemStore::new(config, seed::work_items(self.seeded_count));
    }
}

#[cfg(test)]
mod tests;
