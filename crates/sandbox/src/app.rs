//! The router: SAP services behind the fault and logon layers, the fault control endpoint
//! beside them, and ICF's 404 page for everything else.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{StatusCode, Uri};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use crate::faults::FaultConfig;
use crate::state::AppState;
use crate::{agent, fault_layer, focused_build, sap_pages, session, FOCUSED_BUILD_PATH};

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
        .layer(from_fn_with_state(state.clone(), session::sap_logon))
        .layer(from_fn_with_state(
            state.clone(),
            fault_layer::inject_faults,
        ));
    Router::new()
        .route(
            crate::FAULTS_PATH,
            get(read_faults).post(write_faults).delete(clear_faults),
        )
        .with_state(state)
        .merge(sap_services)
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

/// `Some(refusal)` unless the caller is on this machine.
fn loopback_only(remote: ConnectInfo<SocketAddr>) -> Option<Response> {
    let ConnectInfo(addr) = remote;
    (!addr.ip().is_loopback()).then(|| {
        (
            StatusCode::FORBIDDEN,
            "fault control is only available from loopback",
        )
            .into_response()
    })
}

async fn read_faults(
    State(state): State<Arc<AppState>>,
    remote: ConnectInfo<SocketAddr>,
) -> Response {
    if let Some(refusal) = loopback_only(remote) {
        return refusal;
    }
    Json(state.faults.get()).into_response()
}

async fn write_faults(
    State(state): State<Arc<AppState>>,
    remote: ConnectInfo<SocketAddr>,
    body: Bytes,
) -> Response {
    if let Some(refusal) = loopback_only(remote) {
        return refusal;
    }
    match serde_json::from_slice::<FaultConfig>(&body) {
        Ok(config) => {
            tracing::info!(?config, "fault configuration changed");
            state.faults.set(config);
            Json(state.faults.get()).into_response()
        }
        Err(error) => (
            StatusCode::BAD_REQUEST,
            format!("invalid fault configuration: {error}"),
        )
            .into_response(),
    }
}

async fn clear_faults(
    State(state): State<Arc<AppState>>,
    remote: ConnectInfo<SocketAddr>,
) -> Response {
    if let Some(refusal) = loopback_only(remote) {
        return refusal;
    }
    state.faults.clear();
    Json(state.faults.get()).into_response()
}
