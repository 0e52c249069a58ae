//! The OData V2 error body in the variants SAP's services send:
//! - Gateway JSON: `{"error": {"code", "message": {"lang", "value"}, "innererror":
//!   {"errordetails": [...]}}}`;
//! - Cloud Integration: `code` is the HTTP reason phrase, some 403s carry `"value": null`;
//! - the XML-to-JSON form: `"message": {"@lang": "en", "#text": "…"}`;
//! - a plain string message (`"message": "…"`), and the XML `<error><code/><message/>`.

use serde_json::Value;

use super::xml;
use super::Fields;
use crate::{HttpResponse, SapError};

/// What an error body says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayError {
    pub code: Option<String>,
    /// The message, or the code when the body has no message (`value: null`).
    pub message: String,
    /// `innererror.errordetails[]`, each `code: message`, without repeats of the main message.
    pub details: Vec<String>,
}

impl GatewayError {
    /// `SapError::Sap` with the code as the first detail.
    pub fn into_sap_error(self, status: u16) -> SapError {
        let mut details = Vec::new();
        if let Some(code) = self.code.as_ref().filter(|code| **code != self.message) {
            details.push(format!("message code {code}"));
        }
        details.extend(self.details);
        SapError::Sap {
            status,
            message: self.message,
            details,
        }
    }
}

/// Reads an error body, JSON (`{"error": {...}}`) or XML (`<error>...</error>`).
pub fn gateway_error(body: &str) -> Option<GatewayError> {
    let trimmed = body.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        gateway_error_json(trimmed)
    } else if trimmed.starts_with('<') {
        gateway_error_xml(trimmed)
    } else {
        None
    }
}

fn gateway_error_json(body: &str) -> Option<GatewayError> {
    let value: Value = serde_json::from_str(body).ok()?;
    let error = value.get("error")?.as_object()?;
    let fields = Fields(error);
    let code = fields.text("code");
    let message = match fields.get("message") {
        Some(Value::String(text)) => Some(text.trim().to_owned()).filter(|text| !text.is_empty()),
        Some(Value::Object(map)) => Fields(map).text_any(&["value", "#text", "$"]),
        Some(Value::Null) | None => None,
        Some(_) => return None,
    }
    // `"value": null` (Cloud Integration on some 403s): the code is all the body says.
    .or_else(|| code.clone())?;
    let mut details = Vec::new();
    let entries = error
        .get("innererror")
        .and_then(Value::as_object)
        .and_then(|inner| Fields(inner).get("errordetails"))
        .and_then(Value::as_array);
    for entry in entries.into_iter().flatten().filter_map(Value::as_object) {
        let entry = Fields(entry);
        let text = match entry.get("message") {
            Some(Value::Object(map)) => Fields(map).text_any(&["value", "#text"]),
            _ => entry.text("message"),
        };
        if let Some(detail) = detail(text, entry.text("code"), &message, code.as_deref()) {
            details.push(detail);
        }
    }
    Some(GatewayError {
        code,
        message,
        details,
    })
}

/// `code: text`, or nothing when it repeats the main message.
fn detail(
    text: Option<String>,
    entry_code: Option<String>,
    message: &str,
    code: Option<&str>,
) -> Option<String> {
    let text = text?;
    if text == message && (entry_code.is_none() || entry_code.as_deref() == code) {
        return None;
    }
    Some(match entry_code {
        Some(entry_code) => format!("{entry_code}: {text}"),
        None => text,
    })
}

fn gateway_error_xml(body: &str) -> Option<GatewayError> {
    let document = xml::parse(body).ok()?;
    let root = document.root_element();
    if xml::local_name(root) != "error" {
        return None;
    }
    let text = |element: Option<roxmltree::Node<'_, '_>>| {
        element
            .map(|element| xml::text(element).trim().to_owned())
            .filter(|text| !text.is_empty())
    };
    let code = text(xml::child(root, "code"));
    let message = text(xml::child(root, "message")).or_else(|| code.clone())?;
    let mut details = Vec::new();
    let entries = xml::child(root, "innererror")
        .and_then(|inner| xml::child(inner, "errordetails"))
        .into_iter()
        .flat_map(xml::elements);
    for entry in entries {
        let entry_text = text(xml::child(entry, "message"));
        let entry_code = text(xml::child(entry, "code"));
        if let Some(detail) = detail(entry_text, entry_code, &message, code.as_deref()) {
            details.push(detail);
        }
    }
    Some(GatewayError {
        code,
        message,
        details,
    })
}

/// The checks every data answer goes through: a 2xx, or the service's own error (its error
/// body) or a plain HTTP error. (A logon page never gets here: the session handles it.)
pub fn check_response(response: HttpResponse) -> Result<HttpResponse, SapError> {
    if response.is_success() {
        return Ok(response);
    }
    if !response.is_html() {
        if let Some(error) = gateway_error(&response.text()) {
            return Err(error.into_sap_error(response.status));
        }
    }
    response.error_for_status()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn gateway_json_error_with_details() {
        let body = json!({"error": {
            "code": "/SALM/EXT_DEVOPS/012",
            "message": {"lang": "en", "value": "Status change from In Development to Completed is not allowed"},
            "innererror": {"errordetails": [
                {"code": "/SALM/EXT_DEVOPS/012", "message": "Status change from In Development to Completed is not allowed", "severity": "error"},
                {"code": "/IWBEP/CX_MGW_BUSI_EXCEPTION", "message": "Business error", "severity": "error"}
            ]}
        }})
        .to_string();
        let error = gateway_error(&body).unwrap();
        assert_eq!(error.code.as_deref(), Some("/SALM/EXT_DEVOPS/012"));
        assert_eq!(
            error.message,
            "Status change from In Development to Completed is not allowed"
        );
        assert_eq!(
            error.details,
            vec!["/IWBEP/CX_MGW_BUSI_EXCEPTION: Business error".to_owned()]
        );
        match error.into_sap_error(400) {
            SapError::Sap {
                status, details, ..
            } => {
                assert_eq!(status, 400);
                assert_eq!(details[0], "message code /SALM/EXT_DEVOPS/012");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn cloud_integration_variants() {
        let plain = r#"{"error":{"code":"Bad Request","message":"Unknown literal"}}"#;
        assert_eq!(gateway_error(plain).unwrap().message, "Unknown literal");
        let converted =
            r##"{"error":{"code":"Not Found","message":{"@lang":"en","#text":"gone"}}}"##;
        assert_eq!(gateway_error(converted).unwrap().message, "gone");
        let null_value = r#"{"error":{"code":"Forbidden","message":{"lang":"en","value":null}}}"#;
        let error = gateway_error(null_value).unwrap();
        assert_eq!(error.message, "Forbidden");
        match error.into_sap_error(403) {
            SapError::Sap { details, .. } => assert!(details.is_empty(), "{details:?}"),
            other => panic!("{other:?}"),
        }
        assert!(gateway_error(r#"{"error":{"message":null}}"#).is_none());
    }

    #[test]
    fn xml_errors() {
        let xml = r#"<?xml version="1.0" encoding="utf-8"?><error xmlns="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"><code>/IWBEP/CM_MGW_RT/020</code><message xml:lang="en">Resource not found for segment &apos;WorkItem&apos;</message><innererror><errordetails><errordetail><code>/X/1</code><message>Detail one</message></errordetail></errordetails></innererror></error>"#;
        let error = gateway_error(xml).unwrap();
        assert_eq!(error.code.as_deref(), Some("/IWBEP/CM_MGW_RT/020"));
        assert_eq!(error.message, "Resource not found for segment 'WorkItem'");
        assert_eq!(error.details, vec!["/X/1: Detail one".to_owned()]);
        assert!(gateway_error("<html><body>Error</body></html>").is_none());
        assert!(gateway_error("<error><code>x</code>").is_none());
        assert!(gateway_error("{\"d\":{}}").is_none());
        assert!(gateway_error("CSRF token validation failed").is_none());
    }
}
