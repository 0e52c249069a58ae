//! OData V2 as SAP Gateway speaks it: the `d` / `results` envelope, `/Date(ms)/` values and
//! Gateway's error body. (The logon page some systems answer with is the session's concern.)
//!
//! Decoding is lenient: property names are matched case-insensitively and numbers may
//! arrive as JSON strings (Gateway sends Int64/Decimal as strings), because the exact
//! property list of EXT_DEVOPS_INTEG_SRV is not published.

use chrono::{DateTime, SecondsFormat, Utc};
use sap_http::{text_excerpt, HttpResponse, SapError};
use serde_json::{Map, Value};

/// Unwraps `{"d": {...}}` (an entity), accepting the function-import variant
/// `{"d": {"<FunctionName>": {...}}}` when `function` is given.
pub fn entity_body<'a>(body: &'a Value, function: Option<&str>) -> Option<&'a Map<String, Value>> {
    let d = body.get("d")?.as_object()?;
    if let Some(name) = function {
        if let Some(inner) = d.get(name).and_then(Value::as_object) {
            return Some(inner);
        }
    }
    Some(d)
}

/// The entries of `{"d": {"results": [...]}}`, also accepting the older `{"d": [...]}`.
pub fn collection_body(body: &Value) -> Option<Vec<&Map<String, Value>>> {
    let d = body.get("d")?;
    let entries = match d {
        Value::Array(items) => items,
        Value::Object(map) => map.get("results")?.as_array()?,
        _ => return None,
    };
    Some(entries.iter().filter_map(Value::as_object).collect())
}

/// An expanded navigation property: `Some(entries)` for `{"results": [...]}` (or a bare
/// array), `None` while it is still `{"__deferred": ...}` or absent.
pub fn expanded_many<'a>(
    entity: &'a Map<String, Value>,
    name: &str,
) -> Option<Vec<&'a Map<String, Value>>> {
    match Fields(entity).get(name)? {
        Value::Object(map) if map.contains_key("__deferred") => None,
        Value::Object(map) => Some(
            map.get("results")?
                .as_array()?
                .iter()
                .filter_map(Value::as_object)
                .collect(),
        ),
        Value::Array(items) => Some(items.iter().filter_map(Value::as_object).collect()),
        _ => None,
    }
}

/// An expanded 1:1 navigation property; `None` when deferred, absent or null.
pub fn expanded_one<'a>(
    entity: &'a Map<String, Value>,
    name: &str,
) -> Option<&'a Map<String, Value>> {
    let map = Fields(entity).get(name)?.as_object()?;
    if map.contains_key("__deferred") {
        return None;
    }
    // Some Gateway versions wrap even 1:1 expansions in `results`.
    match map.get("results") {
        Some(Value::Object(inner)) => Some(inner),
        Some(Value::Array(items)) => items.first().and_then(Value::as_object),
        _ => Some(map),
    }
}

/// Property access on one entity, forgiving about name case and value types.
#[derive(Clone, Copy)]
pub struct Fields<'a>(pub &'a Map<String, Value>);

impl<'a> Fields<'a> {
    pub fn get(&self, name: &str) -> Option<&'a Value> {
        self.0.get(name).or_else(|| {
            self.0
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| value)
        })
    }

    /// A non-empty string (numbers are rendered as text); `None` for null, blank or absent.
    pub fn text(&self, name: &str) -> Option<String> {
        let value = match self.get(name)? {
            Value::String(s) => s.trim().to_owned(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return None,
        };
        (!value.is_empty()).then_some(value)
    }

    /// The first of several candidate names that carries a value.
    pub fn text_any(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|name| self.text(name))
    }

    pub fn flag(&self, name: &str) -> Option<bool> {
        match self.get(name)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "x" => Some(true),
                "false" | "" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn unsigned(&self, name: &str) -> Option<u64> {
        match self.get(name)? {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// An `Edm.DateTime`/`DateTimeOffset` value, rendered as RFC 3339 UTC.
    pub fn date(&self, name: &str) -> Option<String> {
        match self.get(name)? {
            Value::String(s) => parse_date(s).map(|date| format_date(&date)),
            _ => None,
        }
    }
}

/// Parses `/Date(1700000000000)/`, `/Date(1700000000000+0060)/` (the milliseconds are UTC;
/// the offset only says where the value came from) and plain ISO 8601 timestamps, which some
/// Gateway versions emit. A timestamp without a zone is read as UTC, as Gateway means it.
pub fn parse_date(value: &str) -> Option<DateTime<Utc>> {
    let value = value.trim();
    if let Some(inner) = value
        .strip_prefix("/Date(")
        .and_then(|rest| rest.strip_suffix(")/"))
    {
        // The sign of an offset is never the first character (that one belongs to the number).
        let digits_end = inner
            .char_indices()
            .skip(1)
            .find(|(_, c)| *c == '+' || *c == '-')
            .map_or(inner.len(), |(index, _)| index);
        let millis: i64 = inner[..digits_end].parse().ok()?;
        return DateTime::from_timestamp_millis(millis);
    }
    if let Ok(date) = DateTime::parse_from_rfc3339(value) {
        return Some(date.with_timezone(&Utc));
    }
    chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|naive| naive.and_utc())
}

pub fn format_date(date: &DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// What a Gateway error body says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatewayError {
    pub code: Option<String>,
    pub message: String,
    /// `innererror.errordetails[]`, each `code: message`, without repeats of the main message.
    pub details: Vec<String>,
}

impl GatewayError {
    pub fn into_sap_error(self, status: u16) -> SapError {
        let mut details = Vec::new();
        if let Some(code) = &self.code {
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

/// Reads Gateway's error body, JSON (`{"error": {...}}`) or XML (`<error><code/><message/>`).
pub fn gateway_error(body: &str) -> Option<GatewayError> {
    let trimmed = body.trim_start();
    if trimmed.starts_with('{') {
        gateway_error_json(trimmed)
    } else if trimmed.starts_with('<') && !looks_like_html(trimmed) {
        gateway_error_xml(trimmed)
    } else {
        None
    }
}

fn gateway_error_json(body: &str) -> Option<GatewayError> {
    let value: Value = serde_json::from_str(body).ok()?;
    let error = value.get("error")?.as_object()?;
    let fields = Fields(error);
    let message = match fields.get("message")? {
        Value::String(text) => text.clone(),
        Value::Object(map) => Fields(map).text_any(&["value", "#text"])?,
        _ => return None,
    };
    let code = fields.text("code");
    let mut details = Vec::new();
    if let Some(entries) = error
        .get("innererror")
        .and_then(|inner| Fields(inner.as_object()?).get("errordetails"))
        .and_then(Value::as_array)
    {
        for entry in entries.iter().filter_map(Value::as_object) {
            let entry = Fields(entry);
            let Some(text) = entry.text("message") else {
                continue;
            };
            let entry_code = entry.text("code");
            let is_repeat = text == message && (entry_code.is_none() || entry_code == code);
            if is_repeat {
                continue;
            }
            details.push(match entry_code {
                Some(entry_code) => format!("{entry_code}: {text}"),
                None => text,
            });
        }
    }
    Some(GatewayError {
        code,
        message,
        details,
    })
}

fn gateway_error_xml(body: &str) -> Option<GatewayError> {
    if !body.contains("<error") {
        return None;
    }
    let message = xml_element_text(body, "message")?;
    Some(GatewayError {
        code: xml_element_text(body, "code"),
        message,
        details: Vec::new(),
    })
}

/// The text of the first `<name ...>text</name>` element (any namespace prefix omitted).
fn xml_element_text(body: &str, name: &str) -> Option<String> {
    let open = format!("<{name}");
    let mut search_from = 0;
    while let Some(found) = body[search_from..].find(&open) {
        let start = search_from + found;
        let after_name = &body[start + open.len()..];
        // `<messageX` is another element.
        if after_name.starts_with(['>', ' ', '/']) {
            let tag_end = after_name.find('>')?;
            if after_name[..tag_end].ends_with('/') {
                return None;
            }
            let content = &after_name[tag_end + 1..];
            let close = content.find(&format!("</{name}>"))?;
            let text = unescape_xml(content[..close].trim());
            return (!text.is_empty()).then_some(text);
        }
        search_from = start + open.len();
    }
    None
}

fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn looks_like_html(body: &str) -> bool {
    let head = body.trim_start().to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The checks every data answer goes through: a 2xx, or the service's own error (Gateway
/// body) or a plain HTTP error. (A logon page never gets here: the session handles it.)
pub fn check_response(response: HttpResponse) -> Result<HttpResponse, SapError> {
    if response.is_success() {
        return Ok(response);
    }
    if let Some(error) = gateway_error(&response.text()) {
        return Err(error.into_sap_error(response.status));
    }
    response.error_for_status()
}

/// Parses a JSON body, reporting what arrived when it is not JSON.
pub fn json_body(response: &HttpResponse) -> Result<Value, SapError> {
    serde_json::from_slice(&response.body).map_err(|error| SapError::Decode {
        message: format!("expected OData JSON: {error}"),
        excerpt: text_excerpt(&response.text(), 300),
    })
}

pub fn shape_error(what: &str, body: &Value) -> SapError {
    SapError::Decode {
        message: format!("the answer does not contain {what}"),
        excerpt: text_excerpt(&body.to_string(), 300),
    }
}

/// An OData string literal: `'…'` with embedded quotes doubled.
pub fn string_literal(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dates_in_every_gateway_spelling() {
        let expected = "2023-11-14T22:13:20Z";
        for input in [
            "/Date(1700000000000)/",
            "/Date(1700000000000+0000)/",
            "/Date(1700000000000+0060)/",
            "/Date(1700000000000-0300)/",
            "2023-11-14T22:13:20",
            "2023-11-14T22:13:20.000",
            "2023-11-14T23:13:20+01:00",
        ] {
            let parsed = parse_date(input).unwrap_or_else(|| panic!("{input}"));
            assert_eq!(format_date(&parsed), expected, "{input}");
        }
        assert_eq!(
            format_date(&parse_date("/Date(-86400000)/").unwrap()),
            "1969-12-31T00:00:00Z"
        );
        for bad in ["/Date()/", "/Date(abc)/", "yesterday", ""] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn envelope_entity_collection_and_function_wrapper() {
        let entity = json!({"d": {"guid": "x"}});
        assert_eq!(entity_body(&entity, None).unwrap()["guid"], "x");
        let wrapped = json!({"d": {"ChangeStatus": {"userStatus": "E0004"}}});
        assert_eq!(
            entity_body(&wrapped, Some("ChangeStatus")).unwrap()["userStatus"],
            "E0004"
        );
        let list = json!({"d": {"results": [{"a": 1}, {"a": 2}], "__count": "2"}});
        assert_eq!(collection_body(&list).unwrap().len(), 2);
        let old = json!({"d": [{"a": 1}]});
        assert_eq!(collection_body(&old).unwrap().len(), 1);
        assert!(collection_body(&json!({"error": {}})).is_none());
    }

    #[test]
    fn deferred_and_expanded_navigation() {
        let entity = json!({
            "toWIText": {"__deferred": {"uri": "x"}},
            "toWIAttachment": {"results": []},
            "towicategory": {"results": [{"catId": "C1"}]},
            "toWIActualRelease": {"releaseId": "R1"},
        });
        let map = entity.as_object().unwrap();
        assert!(expanded_many(map, "toWIText").is_none());
        assert_eq!(expanded_many(map, "toWIAttachment").unwrap().len(), 0);
        assert_eq!(expanded_many(map, "toWICategory").unwrap().len(), 1);
        assert_eq!(
            Fields(expanded_one(map, "toWIActualRelease").unwrap()).text("releaseId"),
            Some("R1".into())
        );
    }

    #[test]
    fn fields_are_lenient_about_case_and_types() {
        let entity =
            json!({"Guid": "g", "fileSize": "1024", "isRichText": "X", "n": 7, "blank": "  "});
        let fields = Fields(entity.as_object().unwrap());
        assert_eq!(fields.text("guid"), Some("g".into()));
        assert_eq!(fields.unsigned("fileSize"), Some(1024));
        assert_eq!(fields.flag("isRichText"), Some(true));
        assert_eq!(fields.text("n"), Some("7".into()));
        assert_eq!(fields.text("blank"), None);
    }

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
    fn gateway_error_variants() {
        let plain = r#"{"error":{"code":"Bad Request","message":"Unknown literal"}}"#;
        assert_eq!(gateway_error(plain).unwrap().message, "Unknown literal");
        let converted =
            r##"{"error":{"code":"Not Found","message":{"@lang":"en","#text":"gone"}}}"##;
        assert_eq!(gateway_error(converted).unwrap().message, "gone");
        let xml = r#"<?xml version="1.0" encoding="utf-8"?><error xmlns="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"><code>/IWBEP/CM_MGW_RT/020</code><message xml:lang="en">Resource not found for segment &apos;WorkItem&apos;</message><innererror/></error>"#;
        let error = gateway_error(xml).unwrap();
        assert_eq!(error.code.as_deref(), Some("/IWBEP/CM_MGW_RT/020"));
        assert_eq!(error.message, "Resource not found for segment 'WorkItem'");
        assert!(gateway_error("<html><body>Error</body></html>").is_none());
        assert!(gateway_error("{\"d\":{}}").is_none());
        assert!(gateway_error("CSRF token validation failed").is_none());
    }

    #[test]
    fn string_literals_double_quotes() {
        assert_eq!(string_literal("O'Brien"), "'O''Brien'");
    }
}
