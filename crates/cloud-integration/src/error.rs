//! The tenant's refusals in their variants, made into [`SapError`]s that say what happened.
//!
//! Seen on real tenants: `{"error":{"code":"Bad Request","message":{"lang":"en","value":"…"}}}`
//! (the code is the HTTP reason phrase, not a message id), `value: null` on some 403s, the
//! XML-to-JSON variant `{"message":{"@lang":"en","#text":"…"}}`, the API hub sandbox's flat
//! `{"code":"…","message":"…"}`, the OData XML error document, plain text (`400 Cannot
//! download the artifact from a configure only package.`) and HTML pages of the platform
//! in front of the tenant (5xx, 429).

use std::time::Duration;

use sap_http::{text_excerpt, HttpResponse, SapError};
use serde_json::Value;

use crate::wire::Fields;

/// A `Retry-After` of at most this long is waited for once, for reads.
pub const MAX_RETRY_AFTER_WAIT: Duration = Duration::from_secs(5);

/// A 2xx answer, or the tenant's refusal as a specific error.
pub fn check(response: HttpResponse) -> Result<HttpResponse, SapError> {
    if response.is_success() {
        return Ok(response);
    }
    Err(refusal(&response))
}

/// What a non-2xx answer means.
pub fn refusal(response: &HttpResponse) -> SapError {
    let status = response.status;
    if status == 429 {
        return too_many_requests(response);
    }
    if response.is_html() {
        return response
            .clone()
            .error_for_status()
            .err()
            .unwrap_or_else(|| SapError::HttpStatus {
                status,
                title: None,
                excerpt: String::new(),
            });
    }
    let text = response.text();
    if let Some(message) = tenant_error(&text) {
        let mut details = Vec::new();
        if let Some(code) = message.code.filter(|code| !code.is_empty()) {
            details.push(format!("code {code}"));
        }
        return SapError::Sap {
            status,
            message: message.text.unwrap_or_else(|| reason_text(status)),
            details,
        };
    }
    let plain = text_excerpt(&text, 500);
    if !plain.is_empty() && !text.trim_start().starts_with(['{', '[', '<']) {
        // A plain-text explanation (the tenant answers some refusals this way).
        return SapError::Sap {
            status,
            message: plain,
            details: Vec::new(),
        };
    }
    SapError::HttpStatus {
        status,
        title: None,
        excerpt: plain,
    }
}

/// 429: how long the tenant asks to wait, in the message and in `details` (`retry-after
/// <seconds>`), so a caller can wait and the user reads when to try again.
fn too_many_requests(response: &HttpResponse) -> SapError {
    let wait = retry_after(response);
    let message = match wait {
        Some(wait) => format!(
            "The tenant is receiving too many requests (HTTP 429); try again in {} s",
            wait.as_secs().max(1)
        ),
        None => "The tenant is receiving too many requests (HTTP 429); try again shortly".into(),
    };
    SapError::Sap {
        status: 429,
        message,
        details: wait
            .map(|wait| vec![format!("retry-after {}", wait.as_secs())])
            .unwrap_or_default(),
    }
}

/// `Retry-After` in seconds (the HTTP-date form is not used by the platform and is ignored).
pub fn retry_after(response: &HttpResponse) -> Option<Duration> {
    let value = response.header("retry-after")?.trim();
    value.parse::<u64>().ok().map(Duration::from_secs)
}

/// The reason phrase when the tenant gave no text (`value: null`).
fn reason_text(status: u16) -> String {
    match status {
        400 => "The tenant refused the request as invalid (400 Bad Request)".into(),
        401 => "The tenant did not accept the credentials (401 Unauthorized)".into(),
        403 => "The user or client lacks the role for this (403 Forbidden)".into(),
        404 => "Not found on the tenant (404)".into(),
        409 => "It exists already (409 Conflict)".into(),
        500 => "The tenant failed to process the request (500)".into(),
        503 => "The tenant is not available (503)".into(),
        _ => format!("The tenant refused the request (HTTP {status})"),
    }
}

/// The code and text of an error body, in any of its variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantError {
    pub code: Option<String>,
    /// `None` when the tenant sent `value: null`.
    pub text: Option<String>,
}

/// Reads a JSON or XML error body; `None` for anything that is no error document.
pub fn tenant_error(body: &str) -> Option<TenantError> {
    let trimmed = body.trim_start();
    if trimmed.starts_with('{') {
        let value: Value = serde_json::from_str(trimmed).ok()?;
        let object = value.as_object()?;
        // `{"error": {...}}`, or the flat variants `{"code": ..., "message": ...}`.
        let error = match Fields(object).get("error") {
            Some(Value::Object(inner)) => inner,
            Some(Value::String(text)) => {
                return Some(TenantError {
                    code: None,
                    text: Some(text.trim().to_owned()).filter(|t| !t.is_empty()),
                })
            }
            _ if object.contains_key("message") || object.contains_key("code") => object,
            _ => return None,
        };
        let fields = Fields(error);
        let text = match fields.get("message") {
            Some(Value::String(text)) => Some(text.trim().to_owned()),
            Some(Value::Object(message)) => Fields(message).text_any(&["value", "#text", "text"]),
            _ => None,
        }
        .filter(|text| !text.is_empty());
        return Some(TenantError {
            code: fields.text("code"),
            text,
        });
    }
    if trimmed.starts_with('<') && trimmed.contains("<error") && !trimmed.contains("<html") {
        return Some(TenantError {
            code: xml_text(trimmed, "code"),
            text: xml_text(trimmed, "message"),
        });
    }
    None
}

/// The text of the first `<name …>text</name>` (namespace prefixes tolerated).
fn xml_text(body: &str, name: &str) -> Option<String> {
    let mut rest = body;
    loop {
        let start = rest.find('<')?;
        rest = &rest[start + 1..];
        let tag_end = rest.find('>')?;
        let tag = &rest[..tag_end];
        let tag_name = tag.split_whitespace().next().unwrap_or_default();
        let local = tag_name.rsplit(':').next().unwrap_or_default();
        if local == name && !tag.ends_with('/') {
            let content = &rest[tag_end + 1..];
            let close = content.find("</")?;
            let text = content[..close]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&");
            let text = text.trim().to_owned();
            return (!text.is_empty()).then_some(text);
        }
        rest = &rest[tag_end..];
    }
}

/// Refuses input before anything is sent, naming the field.
pub fn invalid(field: &str, message: impl Into<String>) -> SapError {
    SapError::Config {
        field: field.into(),
        message: message.into(),
    }
}

/// 404: the thing asked for does not exist (or no longer).
pub fn is_not_found(error: &SapError) -> bool {
    matches!(
        error,
        SapError::Sap { status: 404, .. } | SapError::HttpStatus { status: 404, .. }
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderMap, HeaderValue};

    fn answer(status: u16, content_type: &str, body: &str) -> HttpResponse {
        let mut headers = HeaderMap::new();
        headers.insert("content-type", HeaderValue::from_str(content_type).unwrap());
        HttpResponse {
            status,
            headers,
            body: body.to_owned().into(),
        }
    }

    fn sap(error: SapError) -> (u16, String, Vec<String>) {
        match error {
            SapError::Sap {
                status,
                message,
                details,
            } => (status, message, details),
            other => panic!("expected a tenant error, got {other:?}"),
        }
    }

    #[test]
    fn the_documented_error_body() {
        let body = r#"{"error":{"code":"Conflict","message":{"lang":"en","value":"Entity with the specified IntegrationPackage id already exist."}}}"#;
        let (status, message, details) = sap(refusal(&answer(409, "application/json", body)));
        assert_eq!(status, 409);
        assert_eq!(
            message,
            "Entity with the specified IntegrationPackage id already exist."
        );
        assert_eq!(details, vec!["code Conflict"]);
    }

    #[test]
    fn value_null_gets_a_sentence() {
        let body = r#"{"error":{"code":"Forbidden","message":{"lang":"en","value":null}}}"#;
        let (_, message, _) = sap(refusal(&answer(403, "application/json", body)));
        assert!(message.contains("lacks the role"), "{message}");
    }

    #[test]
    fn xml_to_json_and_flat_variants() {
        let hash = r##"{"error":{"code":"Not Found","message":{"@lang":"en","#text":"Integration runtime artifact not found"}}}"##;
        assert_eq!(
            sap(refusal(&answer(404, "application/json", hash))).1,
            "Integration runtime artifact not found"
        );
        let flat = r##"{"code":"Not Found","message":{"@lang":"en","#text":"No such flow"}}"##;
        assert_eq!(
            sap(refusal(&answer(404, "application/json", flat))).1,
            "No such flow"
        );
        let sandbox = r#"{"code":"400","message":"Sandbox is read-only"}"#;
        assert_eq!(
            sap(refusal(&answer(400, "application/json", sandbox))).1,
            "Sandbox is read-only"
        );
    }

    #[test]
    fn xml_error_document_and_plain_text() {
        let xml = r#"<?xml version="1.0" encoding="utf-8"?><error xmlns="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"><code>Bad Request</code><message xml:lang="en">Invalid filter &apos;x&apos;</message></error>"#;
        let (_, message, details) = sap(refusal(&answer(400, "application/xml", xml)));
        assert_eq!(message, "Invalid filter 'x'");
        assert_eq!(details, vec!["code Bad Request"]);
        let plain = "Cannot download the artifact from a configure only package.";
        assert_eq!(sap(refusal(&answer(400, "text/plain", plain))).1, plain);
    }

    #[test]
    fn html_pages_and_throttling() {
        let page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
        match refusal(&answer(502, "text/html", page)) {
            SapError::HttpStatus { status, title, .. } => {
                assert_eq!((status, title.as_deref()), (502, Some("502 Bad Gateway")))
            }
            other => panic!("{other:?}"),
        }
        let mut throttled = answer(429, "text/html", "<html><title>Too many</title></html>");
        throttled
            .headers
            .insert("retry-after", HeaderValue::from_static("7"));
        let (status, message, details) = sap(refusal(&throttled));
        assert_eq!(status, 429);
        assert!(message.contains("try again in 7 s"), "{message}");
        assert_eq!(details, vec!["retry-after 7"]);
        let (_, message, details) = sap(refusal(&answer(429, "text/plain", "")));
        assert!(message.contains("shortly"));
        assert!(details.is_empty());
    }

    #[test]
    fn unreadable_bodies_stay_http_errors() {
        match refusal(&answer(500, "application/json", "{not json")) {
            SapError::HttpStatus { status: 500, .. } => {}
            other => panic!("{other:?}"),
        }
    }
}
