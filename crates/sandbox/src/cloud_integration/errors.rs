//! The tenant's error body: `{"error":{"code":"<HTTP reason>","message":{"lang":"en","value":"…"}}}`
//! (`code` is the reason phrase, not a message id), or the same as OData V2 XML.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An error the tenant answers with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    /// `None` is sent as `"value": null` (some of the tenant's 403s).
    pub message: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: Some(message.into()),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, message)
    }

    /// A path naming nothing the service has.
    pub fn unknown_segment(segment: &str) -> Self {
        Self::not_found(format!(
            "Could not find an entity set or function import for '{segment}'."
        ))
    }

    pub fn method_not_allowed(method: &str, resource: &str) -> Self {
        Self::new(
            StatusCode::METHOD_NOT_ALLOWED,
            format!("The request method {method} is not allowed for {resource}."),
        )
    }

    /// The body as JSON or XML, as the request asked.
    pub fn into_response(self, json: bool) -> Response {
        let code = self.status.canonical_reason().unwrap_or("Error");
        let (body, content_type) = if json {
            let body =
                json!({"error": {"code": code, "message": {"lang": "en", "value": self.message}}});
            (body.to_string(), "application/json")
        } else {
            let message = match &self.message {
                Some(text) => format!("<message xml:lang=\"en\">{}</message>", escape_xml(text)),
                None => "<message xml:lang=\"en\"/>".to_owned(),
            };
            (
                format!(
                    "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\
                     <error xmlns=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">\
                     <code>{}</code>{message}</error>",
                    escape_xml(code)
                ),
                "application/xml",
            )
        };
        let mut response = (self.status, body).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        response
    }
}

pub(crate) fn escape_xml(text: &str) -> String {
    crate::focused_build::escape_xml(text)
}
