//! The Partner Directory: partners and their string and binary parameters.

use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::invalid;
use crate::wire::{date_text, text_or_empty, Fields};
use sap_http::SapError;

/// A partner (`Partners`): a `Pid` that has parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Partner {
    pub pid: String,
}

/// Who changed a parameter and when (RFC 3339 UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChangeInfo {
    pub created_by: Option<String>,
    pub created_at: Option<String>,
    pub modified_by: Option<String>,
    pub modified_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StringParameter {
    pub pid: String,
    pub id: String,
    /// At most 4,000 characters.
    pub value: String,
    pub changes: ChangeInfo,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BinaryParameter {
    pub pid: String,
    pub id: String,
    /// `xml`, `xsl`, `zip`, `json`, `crt`, or with parameters (`xml;encoding=UTF-8`).
    pub content_type: String,
    pub size_bytes: f64,
    /// The value as text when it is UTF-8 text (XML, XSLT, JSON); `None` for binary.
    pub text: Option<String>,
    pub changes: ChangeInfo,
}

/// A binary parameter's bytes (decoded from base64).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BinaryValue {
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Largest binary value the tenant takes (about 1.5 MB raw).
pub const MAX_BINARY_PARAMETER_BYTES: usize = 1_572_864;
/// Longest string value.
pub const MAX_STRING_PARAMETER_CHARS: usize = 4000;

/// Checks a Pid or parameter Id: `[A-Za-z0-9-._~@]`, Pid at most 60 characters.
pub fn check_key(field: &str, value: &str, max_len: usize) -> Result<(), SapError> {
    if value.is_empty() {
        return Err(invalid(field, "is empty"));
    }
    if value.chars().count() > max_len {
        return Err(invalid(
            field,
            format!("is longer than {max_len} characters"),
        ));
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-._~@".contains(*c)))
    {
        return Err(invalid(
            field,
            format!("'{bad}' is not allowed: use letters, digits and - . _ ~ @"),
        ));
    }
    Ok(())
}

fn changes(fields: Fields<'_>) -> ChangeInfo {
    ChangeInfo {
        created_by: fields.text("CreatedBy"),
        created_at: date_text(fields, "CreatedTime"),
        modified_by: fields.text("LastModifiedBy"),
        modified_at: date_text(fields, "LastModifiedTime"),
    }
}

pub(crate) fn decode_partner(entity: &Map<String, Value>) -> Option<Partner> {
    Some(Partner {
        pid: Fields(entity).text("Pid")?,
    })
}

pub(crate) fn decode_string_parameter(entity: &Map<String, Value>) -> Option<StringParameter> {
    let fields = Fields(entity);
    Some(StringParameter {
        pid: fields.text("Pid")?,
        id: fields.text("Id")?,
        value: text_or_empty(fields, "Value"),
        changes: changes(fields),
    })
}

/// The parameter and its decoded bytes (`None` when the value is no base64).
pub(crate) fn decode_binary_parameter(
    entity: &Map<String, Value>,
) -> Option<(BinaryParameter, Option<Vec<u8>>)> {
    let fields = Fields(entity);
    let encoded = text_or_empty(fields, "Value");
    let bytes = decode_base64(&encoded);
    let parameter = BinaryParameter {
        pid: fields.text("Pid")?,
        id: fields.text("Id")?,
        content_type: text_or_empty(fields, "ContentType"),
        size_bytes: bytes.as_ref().map_or(0.0, |bytes| bytes.len() as f64),
        text: bytes.as_deref().and_then(text_of),
        changes: changes(fields),
    };
    Some((parameter, bytes))
}

/// Base64 as the tenant sends it (standard alphabet; line breaks tolerated).
pub fn decode_base64(encoded: &str) -> Option<Vec<u8>> {
    let compact: String = encoded.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact.as_bytes())
        .or_else(|_| base64::engine::general_purpose::URL_SAFE.decode(compact.as_bytes()))
        .ok()
}

/// UTF-8 without control characters other than whitespace reads as text.
pub fn text_of(bytes: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(bytes).ok()?;
    let readable = text
        .chars()
        .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'));
    readable.then(|| text.trim_start_matches('\u{feff}').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn binary_parameters_text_and_zip() {
        let xsl = json!({"Pid": "Sender_BASIC", "Id": "SENDER_XSLT", "ContentType": "xsl",
            "Value": "PHhzbDpzdHlsZXNoZWV0Lz4=", "LastModifiedTime": "/Date(1516202309300)/", "LastModifiedBy": "Tester"});
        let (parameter, bytes) = decode_binary_parameter(xsl.as_object().unwrap()).unwrap();
        assert_eq!(parameter.text.as_deref(), Some("<xsl:stylesheet/>"));
        assert_eq!(parameter.size_bytes, 17.0);
        assert_eq!(bytes.unwrap(), b"<xsl:stylesheet/>");
        assert_eq!(
            parameter.changes.modified_at.as_deref(),
            Some("2018-01-17T15:18:29.300Z")
        );
        let zip =
            json!({"Pid": "P", "Id": "Z", "ContentType": "zip", "Value": "UEsDBBQAAAAIAOlpEEs="});
        let (parameter, _) = decode_binary_parameter(zip.as_object().unwrap()).unwrap();
        assert_eq!(parameter.text, None);
        let broken = json!({"Pid": "P", "Id": "B", "ContentType": "xml", "Value": "%%%"});
        let (parameter, bytes) = decode_binary_parameter(broken.as_object().unwrap()).unwrap();
        assert_eq!((parameter.size_bytes, bytes), (0.0, None));
    }

    #[test]
    fn keys_are_checked() {
        assert!(check_key("pid", "SUPPLIER_X-1.a~b@c", 60).is_ok());
        assert!(check_key("pid", "", 60).is_err());
        assert!(check_key("pid", "a b", 60).is_err());
        assert!(check_key("pid", "a'b", 60).is_err());
        assert!(check_key("pid", &"x".repeat(61), 60).is_err());
    }
}
