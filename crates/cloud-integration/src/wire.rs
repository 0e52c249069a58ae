//! The tenant's OData V2 wire details that are not in the shared envelope: its date
//! spellings (epoch milliseconds as strings besides `/Date(ms)/` and plain ISO), its key
//! literals, collection pages with `__count` and `__next`, and the request shapes.

use chrono::{DateTime, SecondsFormat, Utc};
use sap_http::SapRequest;
use serde_json::{Map, Value};

pub use sap_http::odata::{
    collection_body, data_body, entity_body, expanded_many, expanded_one, parse_date, shape_error,
    skiptoken_of, string_literal, Fields,
};

pub const JSON: &str = "application/json";

/// A `GET` of `path` asking for verbose JSON (the tenant's default is Atom XML).
pub fn json_get(path: &str) -> SapRequest {
    SapRequest::get(path)
        .query("$format", "json")
        .header("Accept", JSON)
}

/// Any of the tenant's timestamp spellings: `/Date(ms)/`, plain ISO without zone (UTC),
/// RFC 3339, or epoch milliseconds as a string or number (`IntegrationPackages`).
pub fn timestamp(fields: Fields<'_>, name: &str) -> Option<DateTime<Utc>> {
    match fields.get(name)? {
        Value::String(text) => parse_date(text),
        Value::Number(number) => number.as_i64().and_then(DateTime::from_timestamp_millis),
        _ => None,
    }
}

/// [`timestamp`] rendered as RFC 3339 UTC, as every date reaches the UI.
pub fn date_text(fields: Fields<'_>, name: &str) -> Option<String> {
    timestamp(fields, name).map(|date| format_date(&date))
}

pub fn format_date(date: &DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A number the tenant may send as a JSON number or a string (Int64): as f64 for the UI.
pub fn number(fields: Fields<'_>, name: &str) -> Option<f64> {
    match fields.get(name)? {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// A text property, the empty string when absent (keys and names the UI always shows).
pub fn text_or_empty(fields: Fields<'_>, name: &str) -> String {
    fields.text(name).unwrap_or_default()
}

/// One page of a collection: entries, `__count` and the `$skiptoken` of `__next`.
pub struct Page<'a> {
    pub entries: Vec<&'a Map<String, Value>>,
    pub count: Option<u64>,
    pub next_skiptoken: Option<String>,
}

/// The shared envelope's page, with the next link reduced to its `$skiptoken`.
pub fn collection_page(body: &Value) -> Option<Page<'_>> {
    let page = sap_http::odata::collection_page(body)?;
    Some(Page {
        next_skiptoken: page.next.as_deref().and_then(skiptoken_of),
        entries: page.entries,
        count: page.count,
    })
}

/// `Name='a',Other='b'`: a composite key with string literals.
pub fn composite_key(parts: &[(&str, &str)]) -> String {
    parts
        .iter()
        .map(|(name, value)| format!("{name}={}", string_literal(value)))
        .collect::<Vec<_>>()
        .join(",")
}

/// Hex of the UTF-8 bytes, upper case: how keystore aliases appear in keys.
pub fn hex_upper(text: &str) -> String {
    text.bytes().map(|byte| format!("{byte:02X}")).collect()
}

/// The text of a hex-encoded key (`6D7920616C696173` → `my alias`), if it is one.
pub fn unhex(hex: &str) -> Option<String> {
    if !hex.len().is_multiple_of(2) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..hex.len())
        .step_by(2)
        .map(|index| u8::from_str_radix(&hex[index..index + 2], 16).ok())
        .collect();
    String::from_utf8(bytes?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_timestamp_spelling_of_the_tenant() {
        let entity = json!({
            "A": "/Date(1706692800000)/", "B": "2024-01-31T09:20:00", "C": "1706692800000",
            "D": 1706692800000_i64, "E": "2024-01-31T09:20:00.000Z", "F": "2024-01-31 09:20:00",
            "G": "", "H": null, "I": "soon",
        });
        let fields = Fields(entity.as_object().unwrap());
        assert_eq!(date_text(fields, "A").unwrap(), "2024-01-31T09:20:00.000Z");
        for name in ["B", "C", "D", "E", "F"] {
            assert_eq!(
                date_text(fields, name).unwrap(),
                "2024-01-31T09:20:00.000Z",
                "{name}"
            );
        }
        for name in ["G", "H", "I", "missing"] {
            assert!(date_text(fields, name).is_none(), "{name}");
        }
    }

    #[test]
    fn pages_carry_count_and_skiptoken() {
        let body = json!({"d": {"__count": "3125", "results": [{"a": 1}],
            "__next": "https://t.example/api/v1/MessageProcessingLogs?$skiptoken=1000"}});
        let page = collection_page(&body).unwrap();
        assert_eq!((page.entries.len(), page.count), (1, Some(3125)));
        assert_eq!(page.next_skiptoken.as_deref(), Some("1000"));
        assert_eq!(
            skiptoken_of("MessageProcessingLogs?%24skiptoken=2000&$top=5").as_deref(),
            Some("2000")
        );
        assert!(skiptoken_of("MessageProcessingLogs?$top=5").is_none());
    }

    #[test]
    fn hex_keys_both_ways() {
        assert_eq!(hex_upper("my alias"), "6D7920616C696173");
        assert_eq!(unhex("6D7920616C696173").as_deref(), Some("my alias"));
        assert_eq!(unhex("6d79").as_deref(), Some("my"));
        assert!(unhex("6D7").is_none());
        assert!(unhex("ZZ").is_none());
        assert_eq!(
            composite_key(&[("Pid", "A'B"), ("Id", "x")]),
            "Pid='A''B',Id='x'"
        );
    }
}
