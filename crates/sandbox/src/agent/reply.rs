//! What an agent resource answers, and the serializer habits of the ABAP handler:
//! UPPERCASE keys from `/ui2/cl_json`, and JSON written by string concatenation.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::config::Dialect;

#[derive(Debug)]
pub(crate) enum Reply {
    /// Compact JSON with `Content-Type: application/json`.
    Json(StatusCode, Value),
    /// A body written as text, possibly invalid JSON; `content_type: None` sends no header.
    Raw {
        status: StatusCode,
        body: String,
        content_type: Option<&'static str>,
    },
}

impl Reply {
    pub(crate) fn ok(body: Value) -> Self {
        Self::Json(StatusCode::OK, body)
    }

    /// `/ui2/cl_json=>serialize` without `pretty_name`: every key in upper case.
    pub(crate) fn upper(body: Value) -> Self {
        Self::ok(upper_keys(body))
    }

    /// Lower-case keys in the documented dialect, UPPERCASE keys as implemented.
    pub(crate) fn cased(dialect: Dialect, body: Value) -> Self {
        match dialect {
            Dialect::Documented => Self::ok(body),
            Dialect::AsImplemented => Self::upper(body),
        }
    }

    pub(crate) fn concatenated(status: StatusCode, body: String) -> Self {
        Self::Raw {
            status,
            body,
            content_type: Some("application/json"),
        }
    }

    /// The status code (for logs and tests).
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            Self::Json(status, _) => *status,
            Self::Raw { status, .. } => *status,
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let (status, body, content_type) = match self {
            Reply::Json(status, value) => (status, value.to_string(), Some("application/json")),
            Reply::Raw {
                status,
                body,
                content_type,
            } => (status, body, content_type),
        };
        let mut response = (status, body).into_response();
        match content_type {
            Some(content_type) => {
                response
                    .headers_mut()
                    .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            }
            None => {
                response.headers_mut().remove(header::CONTENT_TYPE);
            }
        }
        response
    }
}

/// Every object key in upper case, recursively.
pub(crate) fn upper_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, value)| (key.to_ascii_uppercase(), upper_keys(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(upper_keys).collect()),
        other => other,
    }
}

/// A literal in a hand-concatenated JSON object.
pub(crate) enum Lit<'a> {
    /// Written between quotes without escaping, as the ABAP string templates do.
    Str(&'a str),
    Bool(bool),
}

/// `{"key":value,...}` written like the ABAP code: strings are not escaped, so a message
/// containing `"` or `\` gives invalid JSON.
pub(crate) fn concat_object(fields: &[(&str, Lit<'_>)]) -> String {
    let members: Vec<String> = fields
        .iter()
        .map(|(key, value)| match value {
            Lit::Str(text) => format!("\"{key}\":\"{text}\""),
            Lit::Bool(flag) => format!("\"{key}\":{flag}"),
        })
        .collect();
    format!("{{{}}}", members.join(","))
}

/// The documented `"X"`/`""` flag.
pub(crate) fn abap_flag(on: bool) -> &'static str {
    if on {
        "X"
    } else {
        ""
    }
}

/// The base resource's validation/exception error: HTTP 400 `{success:false, command, error}`.
pub(crate) fn base_error(dialect: Dialect, command: &str, message: &str) -> Reply {
    match dialect {
        Dialect::AsImplemented => Reply::concatenated(
            StatusCode::BAD_REQUEST,
            concat_object(&[
                ("success", Lit::Bool(false)),
                ("command", Lit::Str(command)),
                ("error", Lit::Str(message)),
            ]),
        ),
        Dialect::Documented => Reply::Json(
            StatusCode::BAD_REQUEST,
            serde_json::json!({"success": false, "command": command, "error": message}),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concatenation_does_not_escape() {
        let text = concat_object(&[
            ("success", Lit::Str("")),
            ("error", Lit::Str("Field \"X\" is unknown")),
        ]);
        assert_eq!(text, r#"{"success":"","error":"Field "X" is unknown"}"#);
        assert!(serde_json::from_str::<Value>(&text).is_err());
    }

    #[test]
    fn upper_keys_is_recursive() {
        let value = upper_keys(serde_json::json!({"a": [{"b": 1}], "c": {"d": "e"}}));
        assert_eq!(value, serde_json::json!({"A": [{"B": 1}], "C": {"D": "e"}}));
    }
}
