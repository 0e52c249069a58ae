//! The outermost middleware on SAP paths: counts requests and applies injected faults.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::faults::RequestFaults;
use crate::sap_pages;
use crate::server::ConnectionKill;
use crate::state::AppState;

/// Header that injects faults into a single request.
pub const FAULT_HEADER: &str = "x-sandbox-fault";

/// An error body with an unescaped `"` in its message. On agent paths it is the handler's
/// `{"success":false,"command":"Pull","error":"Field "X" is unknown"}`; on OData paths a
/// Gateway error whose message was spliced in unescaped.
fn invalid_json_error(path: &str) -> Response {
    let segment = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let body = if path.starts_with(crate::FOCUSED_BUILD_PATH.trim_end_matches('/')) {
        format!(
            "{{\"error\":{{\"code\":\"/IWBEP/CM_MGW_RT/020\",\"message\":{{\"lang\":\"en\",\"value\":\"Property \"{segment}\" is invalid\"}}}}}}"
        )
    } else {
        let mut command: String = segment.to_ascii_lowercase();
        if let Some(first) = command.get(0..1) {
            command = first.to_ascii_uppercase() + command.get(1..).unwrap_or("");
        }
        format!(
            "{{\"success\":false,\"command\":\"{command}\",\"error\":\"Field \"{segment}\" is unknown\"}}"
        )
    };
    let mut response = (StatusCode::BAD_REQUEST, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

pub(crate) async fn inject_faults(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    state.request_count.fetch_add(1, Ordering::Relaxed);
    let from_header = match request
        .headers()
        .get(FAULT_HEADER)
        .map(|value| value.to_str().unwrap_or("\u{fffd}"))
    {
        None => RequestFaults::default(),
        Some(text) => match RequestFaults::parse_header(text) {
            Ok(faults) => faults,
            Err(error) => return (StatusCode::BAD_REQUEST, error.to_string()).into_response(),
        },
    };
    let faults = state.faults.next_request(from_header);
    if !faults.delay.is_zero() {
        tokio::time::sleep(faults.delay).await;
    }
    if faults.connection_reset {
        tracing::info!("fault: dropping the connection");
        if let Some(kill) = request.extensions().get::<ConnectionKill>() {
            kill.kill();
            // The connection task drops this future together with the connection.
            std::future::pending::<()>().await;
        }
        return sap_pages::server_error(StatusCode::INTERNAL_SERVER_ERROR);
    }
    if let Some(status) = faults.server_error {
        tracing::info!(status, "fault: server error page");
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return sap_pages::server_error(status);
    }
    if faults.logon_page {
        tracing::info!("fault: logon page");
        return sap_pages::logon_page(&state.config.sid, state.config.default_client());
    }
    if faults.invalid_json {
        tracing::info!("fault: invalid JSON error body");
        return invalid_json_error(request.uri().path());
    }
    let slow = faults.slow_response;
    request.extensions_mut().insert(faults);
    let response = next.run(request).await;
    if let Some(delay) = slow {
        tokio::time::sleep(delay).await;
    }
    response
}
