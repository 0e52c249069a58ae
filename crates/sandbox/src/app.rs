//! The router: SAP services behind the logon (faults applied after it), the fault control
//! endpoint beside them, and ICF's 404 page for everything else.

use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::Uri;
use axum::middleware::from_fn_with_state;
use axum::response::Response;
use axum::routing::get;
use axum::Router;

use crate::state::AppState;
use crate::{
    agent, cloud_integration, fault_control, fault_layer, focused_build, sap_pages, session,
    transaction_bridge, FOCUSED_BUILD_PATH,
};

/// Largest request body accepted; bigger ones get 413.
const BODY_LIMIT: usize = 4 * 1024 * 1024;

pub(crate) fn build(state: Arc<AppState>) -> Router {
    let focused_build_mount = FOCUSED_BUILD_PATH.trim_end_matches('/');
    let sap_services = agent::router()
        .with_state(state.clone())
        .nest(
            focused_build_mount,
            focused_build::service_router(state.focused_build.clone()),
        )
        .layer(from_fn_with_state(
            state.clone(),
            fault_layer::inject_faults,
        ))
        .layer(from_fn_with_state(state.clone(), session::sap_logon))
        .layer(from_fn_with_state(
            state.clone(),
            fault_layer::read_fault_header,
        ));
    // The bridge has its own sessions (Login and its cookie) instead of the SAP logon; the
    // faults apply to every bridge request, inside the one-call-per-session gate.
    let bridge = transaction_bridge::router(state.clone())
        .layer(from_fn_with_state(
            state.clone(),
            fault_layer::inject_faults,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            transaction_bridge::serialize_calls,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            fault_layer::read_fault_header,
        ));
    Router::new()
        .route(
            crate::FAULTS_PATH,
            get(fault_control::read_faults)
                .post(fault_control::write_faults)
                .delete(fault_control::clear_faults),
        )
        .route(
            cloud_integration::STATS_PATH,
            get(fault_control::read_cloud_integration),
        )
        .with_state(state.clone())
        .merge(cloud_integration::router(state))
        .merge(sap_services)
        .merge(bridge)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

/// The OData service document lives at the service URL with its trailing slash, but a nested
/// router's root only matches the path without it; so drop that one slash before routing.
pub(crate) fn normalize_path<B>(request: &mut axum::http::Request<B>) {
    if request.uri().path() != FOCUSED_BUILD_PATH {
        return;
    }
    let query = request
        .uri()
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    let target = format!("{}{query}", FOCUSED_BUILD_PATH.trim_end_matches('/'));
    if let Ok(uri) = target.parse::<Uri>() {
        *request.uri_mut() = uri;
    }
}

async fn not_found(uri: Uri) -> Response {
    sap_pages::not_found(uri.path())
}
