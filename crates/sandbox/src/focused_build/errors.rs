//! SAP Gateway's error body, JSON or XML, with the `innererror` Gateway adds.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// An error the service answers with: HTTP status, message code (`<class>/<number>`), text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ServiceError {
    pub status: u16,
    pub code: String,
    pub message: String,
}

impl ServiceError {
    pub fn business(status: u16, code: &str, message: &str) -> Self {
        Self {
            status,
            code: code.to_owned(),
            message: message.to_owned(),
        }
    }

    /// A malformed request as Gateway's runtime reports it.
    pub fn bad_request(message: &str) -> Self {
        Self::business(400, "/IWBEP/CM_MGW_RT/004", message)
    }

    pub fn resource_not_found(segment: &str) -> Self {
        Self::business(
            404,
            "/IWBEP/CM_MGW_RT/020",
            &format!("Resource not found for segment '{segment}'"),
        )
    }

    pub fn work_item_not_found(guid: &str) -> Self {
        Self::business(
            404,
            "/SALM/EXT_DEVOPS/001",
            &format!(
                "Work item {} does not exist",
                guid.replace('-', "").to_ascii_uppercase()
            ),
        )
    }

    pub fn text_type_not_allowed(text_type: &str, process_type: &str) -> Self {
        Self::business(
            400,
            "/SALM/EXT_DEVOPS/021",
            &format!("Text type {text_type} is not allowed for transaction type {process_type}"),
        )
    }

    pub fn no_status_profile(process_type: &str) -> Self {
        Self::business(
            400,
            "/SALM/EXT_DEVOPS/010",
            &format!("No status profile is maintained for transaction type {process_type}"),
        )
    }

    pub fn method_not_allowed(method: &str, resource: &str) -> Self {
        Self::business(
            405,
            "/IWBEP/CM_MGW_RT/021",
            &format!("Method '{method}' not allowed for '{resource}'"),
        )
    }

    pub fn not_implemented(operation: &str) -> Self {
        Self::business(
            501,
            "/IWBEP/CM_MGW_RT/021",
            &format!("Method '{operation}' not implemented in data provider class"),
        )
    }

    /// Gateway's body, JSON or XML as the request asked.
    pub fn into_response(self, json: bool) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let transaction_id = transaction_id(&self.code, &self.message);
        let timestamp = chrono::Utc::now().format("%Y%m%d%H%M%S.%f").to_string();
        let (body, content_type) = if json {
            let body = json!({"error": {
                "code": self.code,
                "message": {"lang": "en", "value": self.message},
                "innererror": {
                    "application": {
                        "component_id": "SV-SMG-OST",
                        "service_namespace": "/SALM/",
                        "service_id": "EXT_DEVOPS_INTEG_SRV",
                        "service_version": "0001",
                    },
                    "transactionid": transaction_id,
                    "timestamp": timestamp,
                    "Error_Resolution": {
                        "SAP_Transaction": "For backend administrators: use ADT feed reader \"SAP Gateway Error Log\" or run transaction /IWFND/ERROR_LOG on SAP Gateway hub system and search for entries with the timestamp above for more details",
                        "SAP_Note": "See SAP Note 1797736 for error analysis (https://service.sap.com/sap/support/notes/1797736)",
                    },
                    "errordetails": [{
                        "code": self.code,
                        "message": self.message,
                        "propertyref": "",
                        "severity": "error",
                        "target": "",
                        "transition": false,
                    }],
                },
            }});
            (body.to_string(), "application/json; charset=utf-8")
        } else {
            let body = format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
                 <error xmlns=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">\
                 <code>{}</code><message xml:lang=\"en\">{}</message>\
                 <innererror><transactionid>{transaction_id}</transactionid><timestamp>{timestamp}</timestamp>\
                 <errordetails><errordetail><code>{}</code><message>{}</message><propertyref/>\
                 <severity>error</severity><target/></errordetail></errordetails></innererror></error>",
                escape_xml(&self.code),
                escape_xml(&self.message),
                escape_xml(&self.code),
                escape_xml(&self.message),
            );
            (body, "application/xml; charset=utf-8")
        };
        let mut response = (status, body).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        response
    }
}

/// A stable 32-hex id per error, as Gateway logs it.
fn transaction_id(code: &str, message: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in code.bytes().chain(message.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!(
        "{hash:016X}{:016X}",
        hash.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15
    )
}

pub(crate) fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
