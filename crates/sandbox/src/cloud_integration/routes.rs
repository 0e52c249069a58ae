//! Request handling for `/api/v1`: reads the request into a [`Call`] and sends it to the
//! module that owns the resource.

use std::sync::Arc;

use axum::body::to_bytes;
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;

use super::auth::Principal;
use super::content::Content;
use super::errors::ApiError;
use super::odata::{self, body_response, Call};
use super::{content_routes, log_files, messages_routes, metadata, partners, security, API_PATH};
use crate::focused_build::path::{self as odata_path, Literal};
use crate::state::AppState;

/// Largest request body read (base64 zip uploads included).
const MAX_BODY: usize = 16 * 1024 * 1024;

pub(crate) async fn serve(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let query = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
        .map(|Query(pairs)| pairs)
        .unwrap_or_default();
    let json = odata::wants_json(&query, &parts.headers);
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("localhost");
    let resource = percent_decode(
        parts
            .uri
            .path()
            .strip_prefix(API_PATH)
            .unwrap_or_default()
            .trim_matches('/'),
    );
    let principal = parts
        .extensions
        .get::<Principal>()
        .map_or_else(String::new, |principal| principal.name.clone());
    let body = match to_bytes(body, MAX_BODY).await {
        Ok(body) => body,
        Err(_) => {
            return ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "The request body is too large.",
            )
            .into_response(json)
        }
    };
    let call = Call {
        method: parts.method,
        json,
        root: format!("http://{host}{API_PATH}/"),
        query,
        body,
        principal,
        now_ms: state.clock.epoch_ms(),
    };
    let tenant = &state.cloud_integration;
    let now = state.clock.now();
    if call.principal == super::MONITOR_USER && !allowed_for_monitoring(&call, &resource) {
        tracing::info!("cloud integration: refused for lack of a role");
        let refusal = ApiError {
            status: StatusCode::FORBIDDEN,
            message: None,
        };
        return refusal.into_response(call.json);
    }
    let result = {
        let mut content = tenant.content();
        content.tick(now);
        route(&mut content, tenant, &call, &resource, now)
    };
    let mut response = match result {
        Ok(response) => response,
        Err(error) => {
            tracing::debug!(status = %error.status, "cloud integration: {:?}", error.message);
            error.into_response(call.json)
        }
    };
    // The tenant's OData library names the protocol version on every answer.
    response
        .headers_mut()
        .insert("dataserviceversion", HeaderValue::from_static("2.0"));
    response
}

fn route(
    content: &mut Content,
    tenant: &super::Tenant,
    call: &Call,
    resource: &str,
    now: std::time::Instant,
) -> Result<Response, ApiError> {
    match resource {
        "" if call.is_read() => return Ok(odata::service_document(call)),
        "$metadata" if call.is_read() => {
            return Ok(body_response(
                StatusCode::OK,
                metadata::edmx(),
                "application/xml",
            ))
        }
        "" | "$metadata" => {
            return Err(ApiError::method_not_allowed(call.method.as_str(), resource))
        }
        _ => {}
    }
    let mut parts = resource.split('/');
    let first = segment(parts.next().unwrap_or_default())?;
    let rest: Vec<&str> = parts.collect();
    if let Some(response) = content_routes::route(content, call, &first, &rest, now)? {
        return Ok(response);
    }
    if let Some(response) = messages_routes::route(&tenant.messages, call, &first, &rest)? {
        return Ok(response);
    }
    if let Some(response) = partners::route(&mut content.partners, call, &first, &rest)? {
        return Ok(response);
    }
    if let Some(response) = security::route(&mut content.security, call, &first, &rest)? {
        return Ok(response);
    }
    if let Some(response) = log_files::route(call, &first, &rest)? {
        return Ok(response);
    }
    Err(ApiError::unknown_segment(first.name))
}

/// What the role `MonitoringDataRead` alone allows: reads, but not of message payloads
/// (`MessagePayloadsRead`) nor of the design time (`WorkspacePackagesRead`).
fn allowed_for_monitoring(call: &Call, resource: &str) -> bool {
    let payload = resource.ends_with("$value")
        && (resource.starts_with("MessageProcessingLogAttachments")
            || resource.starts_with("MessageStoreEntries"));
    let design_time =
        resource.starts_with("IntegrationPackages") || resource.contains("DesigntimeArtifacts");
    call.is_read() && !payload && !design_time
}

/// One path segment: its name and its key predicate, if any.
pub(crate) struct Segment<'a> {
    pub name: &'a str,
    pub key: Option<&'a str>,
}

pub(crate) fn segment(text: &str) -> Result<Segment<'_>, ApiError> {
    let parsed = odata_path::segment(text).map_err(from_gateway)?;
    Ok(Segment {
        name: parsed.name,
        key: parsed.key,
    })
}

fn from_gateway(error: crate::focused_build::ServiceError) -> ApiError {
    ApiError::new(
        StatusCode::from_u16(error.status).unwrap_or(StatusCode::BAD_REQUEST),
        error.message,
    )
}

/// The string values of a key predicate (`'X'` or `Id='X',Version='Y'`), in the order of
/// `names`.
pub(crate) fn string_keys(key: &str, names: &[&str]) -> Result<Vec<String>, ApiError> {
    let pairs = odata_path::key_predicate(key, names).map_err(from_gateway)?;
    names
        .iter()
        .map(|name| match pairs.iter().find(|(key, _)| key == name) {
            Some((_, Literal::Str(value))) => Ok(value.clone()),
            _ => Err(ApiError::bad_request(format!(
                "Invalid key predicate ({key}): '{name}' must be a string literal."
            ))),
        })
        .collect()
}

/// A function import's parameter: present and quoted (`Id='x'`); unquoted is the tenant's 400.
pub(crate) fn function_parameter(call: &Call, name: &str) -> Result<String, ApiError> {
    let Some(raw) = call.param(name) else {
        return Err(ApiError::bad_request(format!(
            "Missing function import parameter '{name}'."
        )));
    };
    match odata_path::literal(raw) {
        Ok(Literal::Str(value)) => Ok(value),
        _ => Err(ApiError::bad_request(format!(
            "Unknown literal {raw} for function import parameter '{name}': enclose the value in single quotes."
        ))),
    }
}

/// `%27` → `'`, `%20` → ` ` (paths arrive percent-encoded; `+` stays a plus in a path).
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_decoded() {
        assert_eq!(percent_decode("A(%27x%20y%27)"), "A('x y')");
        assert_eq!(percent_decode("50%"), "50%");
        assert_eq!(percent_decode("a%2"), "a%2");
    }
}
