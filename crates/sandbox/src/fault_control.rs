//! `/sandbox/faults`: reading and changing the server's faults over HTTP.
//!
//! Switching faults on disturbs everyone using the sandbox, so a request must come from
//! loopback, name a loopback host in `Host` (a web page whose DNS name was rebound to
//! 127.0.0.1 sends its own name), carry the server's token unless the control was opened
//! explicitly, and send its configuration as `application/json` (which a cross-origin page
//! cannot send without a preflight the sandbox never allows).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use subtle::ConstantTimeEq;

use crate::config::FaultControlAccess;
use crate::faults::FaultConfig;
use crate::state::AppState;

pub(crate) async fn read_faults(
    State(state): State<Arc<AppState>>,
    remote: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if let Err(refusal) = admit(&state, remote, &headers) {
        return *refusal;
    }
    Json(state.faults.get()).into_response()
}

pub(crate) async fn write_faults(
    State(state): State<Arc<AppState>>,
    remote: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if let Err(refusal) = admit(&state, remote, &headers) {
        return *refusal;
    }
    if !is_json(&headers) {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the fault configuration with Content-Type: application/json",
        )
            .into_response();
    }
    let config = match serde_json::from_slice::<FaultConfig>(&body) {
        Ok(config) => config,
        Err(error) => {
            return (
                StatusCode::BAD_REQUEST,
                format!("invalid fault configuration: {error}"),
            )
                .into_response()
        }
    };
    if let Err(error) = config.validate() {
        return (StatusCode::BAD_REQUEST, error.to_string()).into_response();
    }
    tracing::info!(?config, "fault configuration changed");
    state.faults.set(config);
    Json(state.faults.get()).into_response()
}

pub(crate) async fn clear_faults(
    State(state): State<Arc<AppState>>,
    remote: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if let Err(refusal) = admit(&state, remote, &headers) {
        return *refusal;
    }
    state.faults.clear();
    Json(state.faults.get()).into_response()
}

/// The Cloud Integration tenant's counters, for tests outside the process (e2e, benchmarks):
/// token requests so far and live Basic sessions.
pub(crate) async fn read_cloud_integration(
    State(state): State<Arc<AppState>>,
    remote: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if let Err(refusal) = admit(&state, remote, &headers) {
        return *refusal;
    }
    let auth = &state.cloud_integration.auth;
    Json(serde_json::json!({
        "token_requests": auth.token_requests(),
        "sessions": auth.session_count(),
    }))
    .into_response()
}

/// Loopback peer, loopback `Host`, and the token when one is required.
fn admit(
    state: &AppState,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: &HeaderMap,
) -> Result<(), Box<Response>> {
    if !peer.ip().is_loopback() {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "fault control is only available from loopback",
        ));
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    if !host.is_some_and(is_loopback_host) {
        return Err(refuse(
            StatusCode::FORBIDDEN,
            "fault control answers only to localhost, 127.0.0.1 or [::1] in the Host header",
        ));
    }
    if let FaultControlAccess::Token(expected) = &state.config.fault_control {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|h| h.to_str().ok())
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim)
            .unwrap_or("");
        if !bool::from(given.as_bytes().ct_eq(expected.as_bytes())) {
            let mut refusal = refuse(
                StatusCode::UNAUTHORIZED,
                "fault control needs the sandbox's token: Authorization: Bearer <token>",
            );
            refusal.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"sandbox fault control\""),
            );
            return Err(refusal);
        }
    }
    Ok(())
}

fn refuse(status: StatusCode, message: &'static str) -> Box<Response> {
    tracing::info!(%status, message, "fault control refused");
    Box::new((status, message).into_response())
}

/// `localhost`, a loopback IP address (IPv6 in brackets), each with an optional port.
pub(crate) fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((address, "")) => address,
            Some((address, port)) if port.strip_prefix(':').is_some_and(is_port) => address,
            _ => return false,
        },
        None => match host.split_once(':') {
            Some((name, port)) if is_port(port) => name,
            Some(_) => return false,
            None => host,
        },
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn is_port(digits: &str) -> bool {
    digits.parse::<u16>().is_ok()
}

/// `application/json`, with or without parameters.
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|h| h.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_are_loopback_hosts() {
        for host in [
            "localhost",
            "LOCALHOST:50000",
            "127.0.0.1",
            "127.0.0.1:8080",
            "127.1.2.3:1",
            "[::1]",
            "[::1]:50000",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "",
            "evil.example",
            "evil.example:50000",
            "localhost.evil.example",
            "10.0.0.1:50000",
            "127.0.0.1:port",
            "127.0.0.1:99999",
            "[::1",
            "[::1]x",
            "::1",
            "[fe80::1]:80",
            "localhost:80:80",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
