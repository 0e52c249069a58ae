//! Fault injection on SAP paths, in two steps around the logon: [`read_fault_header`] (outside
//! the logon) counts the request and reads `x-sandbox-fault`, so the logon step can see the
//! session faults in it; [`inject_faults`] (inside the logon) applies every other fault. So an
//! unauthenticated request gets the logon's 401 and nothing else: no delay, no error page.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::faults::{FaultHeaderError, RequestFaults};
use crate::sap_pages;
use crate::server::ConnectionKill;
use crate::state::AppState;

/// Header that injects faults into a single request.
pub const FAULT_HEADER: &str = "x-sandbox-fault";

/// An error body with an unescaped `"` in its message. On agent paths it is the handler's
/// `{"success":false,"command":"Pull","error":"Field "X" is unknown"}`; on OData paths a
/// Gateway error whose message was spliced in unescaped; on the transaction bridge its 500
/// error body with the GUI control's name spliced in.
fn invalid_json_error(path: &str) -> Response {
    let bridge = path.starts_with(crate::transaction_bridge::TRANSACTION_BRIDGE_PATH);
    let segment = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let body = if bridge {
        format!(
            "{{\"error\":{{\"Status\":\"INTERNAL_SERVER_ERROR\",\"ErrorMessage\":\"Control \"{segment}\" not found\",\"ErrorState\":{{\"ErrorCode\":999}}}}}}"
        )
    } else if path.starts_with(crate::FOCUSED_BUILD_PATH.trim_end_matches('/')) {
        format!(
            "{{\"error\":{{\"code\":\"/IWBEP/CM_MGW_RT/020\",\"message\":{{\"lang\":\"en\",\"value\":\"Property \"{segment}\" is invalid\"}}}}}}"
        )
    } else if path.starts_with(crate::cloud_integration::API_PATH) {
        format!(
            "{{\"error\":{{\"code\":\"Bad Request\",\"message\":{{\"lang\":\"en\",\"value\":\"Property \"{segment}\" is invalid\"}}}}}}"
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
    let status = if bridge {
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::BAD_REQUEST
    };
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// 429 as a rate limit in front of the services answers it: a short text and `Retry-After`.
fn too_many_requests(seconds: u64) -> Response {
    let mut response = (StatusCode::TOO_MANY_REQUESTS, "Too Many Requests").into_response();
    let headers = response.headers_mut();
    headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// A malformed `x-sandbox-fault` header, answered with 400 once the request is logged on.
#[derive(Clone)]
struct BadFaultHeader(String);

/// Outside the logon: counts the request and puts the header's faults into its extensions.
pub(crate) async fn read_fault_header(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    state.request_count.fetch_add(1, Ordering::Relaxed);
    let parsed = request
        .headers()
        .get(FAULT_HEADER)
        .map(|value| match value.to_str() {
            Ok(text) => RequestFaults::parse_header(text),
            Err(_) => Err(FaultHeaderError("\u{fffd}".into())),
        });
    match parsed {
        None => {}
        Some(Ok(faults)) => {
            request.extensions_mut().insert(faults);
        }
        Some(Err(error)) => {
            request
                .extensions_mut()
                .insert(BadFaultHeader(error.to_string()));
        }
    }
    next.run(request).await
}

/// Inside the logon: decides this request's faults (header and server-wide) and applies them.
pub(crate) async fn inject_faults(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Some(BadFaultHeader(message)) = request.extensions().get::<BadFaultHeader>() {
        return (StatusCode::BAD_REQUEST, message.clone()).into_response();
    }
    let from_header = request
        .extensions()
        .get::<RequestFaults>()
        .cloned()
        .unwrap_or_default();
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
    if let Some(seconds) = faults.too_many_requests {
        tracing::info!(seconds, "fault: too many requests");
        return too_many_requests(seconds);
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
