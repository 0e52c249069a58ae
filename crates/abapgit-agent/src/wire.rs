//! Lenient reading of the agent's answers.
//!
//! The handler answers the same data in UPPER_CASE, lower_case and camelCase keys,
//! with booleans as `"X"`/`""`, `true`/`false` or `"true"`, numbers as strings and
//! some payloads as JSON text nested in a string (see the wire reference §4.2).
//! Everything here turns that into one canonical shape: snake_case keys, then
//! typed structs whose fields are read through the `de` helpers below.
//! Nothing in this module panics on any input.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use sap_http::{html_title, text_excerpt, HttpResponse, SapError};

/// Keys whose values are data, not protocol: their inner keys keep their case
/// (preview rows are keyed by column names such as `CARRID`).
const VERBATIM_KEYS: &[&str] = &["rows"];

/// `UPPER_SNAKE` -> `upper_snake`, `camelCase` -> `camel_case`, `snake_case` unchanged.
pub fn normalize_key(key: &str) -> String {
    if !key.chars().any(|c| c.is_lowercase()) {
        return key.to_lowercase();
    }
    let mut out = String::with_capacity(key.len() + 4);
    let mut previous: Option<char> = None;
    for c in key.chars() {
        if c.is_uppercase() {
            if previous.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()) {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
        previous = Some(c);
    }
    out
}

/// Rewrites every object key of `value` with [`normalize_key`], except inside
/// [`VERBATIM_KEYS`]. When two keys collide after normalisation the first
/// non-empty value wins, so a documented key and its as-implemented twin merge.
pub fn normalize_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::with_capacity(map.len());
            for (key, inner) in map {
                let key = normalize_key(&key);
                let inner = if VERBATIM_KEYS.contains(&key.as_str()) {
                    inner
                } else {
                    normalize_keys(inner)
                };
                match out.get(&key) {
                    Some(existing) if !is_blank(existing) => {}
                    _ => {
                        out.insert(key, inner);
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.into_iter().map(normalize_keys).collect()),
        other => other,
    }
}

fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

/// Reads a JSON value that may have been sent as JSON text inside a string
/// (preview `ROWS`, import `result`). Text that is not JSON stays a string.
pub fn unnest_json(value: Value) -> Value {
    match value {
        Value::String(text) => {
            let trimmed = text.trim_start();
            if trimmed.starts_with('{') || trimmed.starts_with('[') {
                serde_json::from_str(trimmed).unwrap_or(Value::String(text))
            } else {
                Value::String(text)
            }
        }
        other => other,
    }
}

/// `true` for `"X"`, `true`, `"true"`, `1`; `false` for `""`, `false`, null, anything else.
pub fn value_flag(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::String(s) => {
            let s = s.trim();
            s.eq_ignore_ascii_case("x") || s.eq_ignore_ascii_case("true") || s == "1"
        }
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        _ => false,
    }
}

/// A number from a JSON number or a numeric string; `None` for `""`, null or junk.
pub fn value_f64(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite()),
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        _ => None,
    }
}

/// A non-negative count or line number, saturating at `u32::MAX`.
pub fn value_u32(value: &Value) -> Option<u32> {
    let number = value_f64(value)?;
    if number <= 0.0 {
        return Some(0);
    }
    // `as` saturates for floats, which is what a count wants.
    Some(number.trunc() as u32)
}

/// Text from a string, number or boolean; empty for null, arrays and objects.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// Field readers for `#[serde(deserialize_with = "...")]`. Each one accepts any
/// JSON value and never fails, so a wrong type degrades to the default.
pub mod de {
    use super::*;

    pub fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
        Ok(value_flag(&Value::deserialize(d)?))
    }

    pub fn opt_flag<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        let value = Value::deserialize(d)?;
        Ok(match value {
            Value::Null => None,
            Value::String(ref s) if s.trim().is_empty() => Some(false),
            ref other => Some(value_flag(other)),
        })
    }

    pub fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
        Ok(value_u32(&Value::deserialize(d)?).unwrap_or(0))
    }

    pub fn opt_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        Ok(value_u32(&Value::deserialize(d)?))
    }

    /// Line numbers: 0 means "no line" (inspect sends `"0"` for object-level messages).
    pub fn opt_line<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
        Ok(value_u32(&Value::deserialize(d)?).filter(|n| *n > 0))
    }

    pub fn opt_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        Ok(value_f64(&Value::deserialize(d)?))
    }

    pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(value_text(&Value::deserialize(d)?))
    }

    /// Text where `""` means absent.
    pub fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        let text = value_text(&Value::deserialize(d)?);
        Ok((!text.trim().is_empty()).then_some(text))
    }

    /// `YYYYMMDDhhmmss` as number or string; 0 and `""` mean absent.
    pub fn timestamp<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        let value = Value::deserialize(d)?;
        let text = match &value {
            Value::Number(n) => match n.as_u64() {
                Some(whole) => whole.to_string(),
                None => n
                    .as_f64()
                    .map(|f| format!("{:.0}", f.trunc()))
                    .unwrap_or_default(),
            },
            other => value_text(other).trim().to_owned(),
        };
        let absent = text.is_empty() || text.chars().all(|c| c == '0' || c == '.');
        Ok((!absent).then_some(text))
    }

    /// A list of strings; a single string or number becomes a one-element list.
    pub fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        Ok(match unnest_json(Value::deserialize(d)?) {
            Value::Array(items) => items
                .iter()
                .map(value_text)
                .filter(|s| !s.is_empty())
                .collect(),
            Value::Null => Vec::new(),
            other => {
                let text = value_text(&other);
                if text.is_empty() {
                    Vec::new()
                } else {
                    vec![text]
                }
            }
        })
    }

    /// Source lines: like [`strings`] but empty lines are kept.
    pub fn strings_keep_empty<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        Ok(match unnest_json(Value::deserialize(d)?) {
            Value::Array(items) => items.iter().map(value_text).collect(),
            Value::String(text) => text.lines().map(str::to_owned).collect(),
            _ => Vec::new(),
        })
    }

    /// A list of records; null is empty, one object is a list of one, elements
    /// that cannot be read are skipped rather than failing the whole answer.
    pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: DeserializeOwned,
    {
        let items = match unnest_json(Value::deserialize(d)?) {
            Value::Array(items) => items,
            object @ Value::Object(_) => vec![object],
            _ => Vec::new(),
        };
        Ok(items
            .into_iter()
            .filter_map(|item| match serde_json::from_value(item) {
                Ok(record) => Some(record),
                Err(error) => {
                    tracing::debug!(%error, "skipping an unreadable list element");
                    None
                }
            })
            .collect())
    }

    /// A nested record that may be missing, null, a wrong type or JSON text.
    pub fn record<'de, D, T>(d: D) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: DeserializeOwned + Default,
    {
        match unnest_json(Value::deserialize(d)?) {
            object @ Value::Object(_) => Ok(serde_json::from_value(object).unwrap_or_default()),
            _ => Ok(T::default()),
        }
    }

    pub fn opt_record<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: DeserializeOwned,
    {
        match unnest_json(Value::deserialize(d)?) {
            object @ Value::Object(_) => Ok(serde_json::from_value(object).ok()),
            _ => Ok(None),
        }
    }
}

/// What a POST or GET answered, once the transport-level cases are sorted out.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A 2xx JSON body, keys normalised.
    Body(Value),
    /// 202: the work runs as a background job.
    Accepted {
        job_number: String,
        job_name: String,
    },
}

/// Sorts an HTTP answer into a body, a job, or the error it means.
///
/// - 202 -> [`Answer::Accepted`] (`jobNumber` / `JOB_NUMBER` / `job_number`).
/// - 2xx JSON -> [`Answer::Body`]; anything else with 2xx -> `Decode` (a logon page
///   never gets here: the session handles it, see `sap_http::Session::send`).
/// - 4xx/5xx with an agent error body (even invalid JSON) -> `Sap` with that status.
/// - other errors -> `HttpStatus` with the HTML title or an excerpt.
pub fn read_answer(response: &HttpResponse) -> Result<Answer, SapError> {
    let text = response.text();
    if response.is_success() {
        let value = match parse_body(&text) {
            Ok(value) => value,
            // Concatenated JSON with a quote in the message: still the server's words.
            Err(error) => {
                return Err(salvaged_error(response.status, &text, false).unwrap_or(error))
            }
        };
        if response.status == 202 {
            return accepted(&value, &text);
        }
        return Ok(Answer::Body(value));
    }
    Err(error_answer(response.status, response, &text))
}

fn parse_body(text: &str) -> Result<Value, SapError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.is_empty() {
        return Err(SapError::Decode {
            message: "the server sent an empty answer where JSON was expected".into(),
            excerpt: String::new(),
        });
    }
    serde_json::from_str::<Value>(trimmed)
        .map(normalize_keys)
        .map_err(|error| SapError::Decode {
            message: format!("the answer is not valid JSON ({error})"),
            excerpt: text_excerpt(text, 300),
        })
}

fn accepted(value: &Value, text: &str) -> Result<Answer, SapError> {
    let job_number = field_text(value, "job_number");
    if job_number.trim().is_empty() {
        return Err(SapError::Decode {
            message: "the server accepted a background job but sent no job number".into(),
            excerpt: text_excerpt(text, 300),
        });
    }
    Ok(Answer::Accepted {
        job_number: job_number.trim().to_owned(),
        job_name: field_text(value, "job_name"),
    })
}

fn looks_like_html(response: &HttpResponse, text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let content_type_html = response
        .headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().contains("html"));
    let body_html = start.starts_with('<');
    // A JSON body wins over a wrong header (the import poll sends none at all).
    body_html || (content_type_html && !(start.starts_with('{') || start.starts_with('[')))
}

fn error_answer(status: u16, response: &HttpResponse, text: &str) -> SapError {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if let Ok(value) = serde_json::from_str::<Value>(trimmed) {
        let value = normalize_keys(value);
        if let Some(error) = failure_from(&value, status) {
            return error;
        }
    } else if let Some(error) = salvaged_error(status, trimmed, true) {
        return error;
    }
    let html = looks_like_html(response, text);
    SapError::HttpStatus {
        status,
        title: if html { html_title(text) } else { None },
        excerpt: text_excerpt(text, 300),
    }
}

/// The handler builds some JSON by string concatenation: a quote in the
/// message makes it invalid, but the message itself is still readable.
/// A 2xx answer counts only with an `error` field (its `message` may be a success text).
fn salvaged_error(status: u16, text: &str, message_will_do: bool) -> Option<SapError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if !trimmed.starts_with('{') {
        return None;
    }
    let message = salvage_field(trimmed, "error").or_else(|| {
        message_will_do
            .then(|| salvage_field(trimmed, "message"))
            .flatten()
    })?;
    Some(SapError::Sap {
        status,
        message,
        details: Vec::new(),
    })
}

/// The value of `"key":"..."` in broken JSON: everything up to the closing
/// `"}` or the next `","<key>":` boundary, case-insensitive on the key.
pub fn salvage_field(text: &str, key: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let needle = format!("\"{}\":\"", key.to_ascii_lowercase());
    let start = lower.find(&needle)? + needle.len();
    let rest = text.get(start..)?;
    let lower_rest = lower.get(start..)?;
    let end = [lower_rest.find("\",\""), lower_rest.rfind("\"}")]
        .into_iter()
        .flatten()
        .filter(|end| {
            // A boundary counts only if a key-looking token follows it.
            let after = lower_rest.get(*end + 2..).unwrap_or("");
            after.starts_with('}') || after.starts_with('"') && after.contains("\":")
        })
        .min()
        .or_else(|| lower_rest.rfind('"'))?;
    let message = rest.get(..end)?.replace("\\n", "\n").replace("\\\"", "\"");
    let message = message.trim().to_owned();
    (!message.is_empty()).then_some(message)
}

/// `Some(SapError::Sap)` when `value` is an agent answer that says it failed:
/// `success` false (any spelling) together with an error text, or any `error` text.
pub fn failure_from(value: &Value, status: u16) -> Option<SapError> {
    let object = value.as_object()?;
    let error = field_text(value, "error");
    let error_message = field_text(value, "error_message");
    let message = field_text(value, "message");
    let succeeded = object.get("success").map(value_flag);
    let failed =
        succeeded == Some(false) || !error.trim().is_empty() || !(200..300).contains(&status);
    if !failed {
        return None;
    }
    let mut details = Vec::new();
    let headline = [&error, &error_message, &message]
        .into_iter()
        .find(|text| !text.trim().is_empty())
        .cloned();
    let headline = match headline {
        Some(text) => text,
        None if succeeded == Some(false) => {
            "the server reported a failure without a message".to_owned()
        }
        None => return None,
    };
    for extra in [&error_message, &message] {
        if !extra.trim().is_empty() && *extra != headline {
            details.push(extra.clone());
        }
    }
    details.extend(detail_lines(&field_text(value, "error_detail")));
    Some(SapError::Sap {
        status,
        message: normalize_newlines(headline.trim()),
        details,
    })
}

/// The server writes a literal backslash-n (`\n  -> `) where it means a new line.
pub fn normalize_newlines(text: &str) -> String {
    text.replace("\\r\\n", "\n")
        .replace("\\n", "\n")
        .replace("\r\n", "\n")
}

/// An error detail split into non-empty lines.
pub fn detail_lines(detail: &str) -> Vec<String> {
    normalize_newlines(detail)
        .lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

/// The text of a top-level field of a normalised object, `""` when absent.
pub fn field_text(value: &Value, key: &str) -> String {
    value.get(key).map(value_text).unwrap_or_default()
}

/// Reads a normalised value into a typed record; an answer of the wrong shape
/// (an array, a string) is a `Decode` error.
pub fn decode<T: DeserializeOwned>(value: Value, what: &str) -> Result<T, SapError> {
    let excerpt = text_excerpt(&value.to_string(), 300);
    serde_json::from_value(value).map_err(|error| SapError::Decode {
        message: format!("unexpected {what} answer ({error})"),
        excerpt,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_normalise_from_every_casing() {
        assert_eq!(normalize_key("OBJECT_TYPE"), "object_type");
        assert_eq!(normalize_key("jobNumber"), "job_number");
        assert_eq!(normalize_key("errorMessage"), "error_message");
        assert_eq!(normalize_key("filesStaged"), "files_staged");
        assert_eq!(normalize_key("started_at"), "started_at");
        assert_eq!(normalize_key("HAS_MORE"), "has_more");
        assert_eq!(normalize_key("ID"), "id");
    }

    #[test]
    fn normalisation_keeps_row_keys_and_merges_twins() {
        let value = normalize_keys(json!({
            "ROWS": [{"CARRID": "AA"}],
            "jobNumber": "",
            "job_number": "00000042",
            "Nested": {"innerKey": 1}
        }));
        assert_eq!(value["rows"][0]["CARRID"], "AA");
        assert_eq!(value["job_number"], "00000042");
        assert_eq!(value["nested"]["inner_key"], 1);
    }

    #[test]
    fn flags_accept_every_spelling() {
        for yes in [json!("X"), json!("x"), json!(true), json!("true"), json!(1)] {
            assert!(value_flag(&yes), "{yes}");
        }
        for no in [
            json!(""),
            json!(false),
            json!("false"),
            json!(null),
            json!(0),
            json!([]),
        ] {
            assert!(!value_flag(&no), "{no}");
        }
    }

    #[test]
    fn numbers_accept_strings_and_blank() {
        assert_eq!(value_u32(&json!("15")), Some(15));
        assert_eq!(value_u32(&json!(" 7 ")), Some(7));
        assert_eq!(value_u32(&json!("")), None);
        assert_eq!(value_u32(&json!(-3)), Some(0));
        assert_eq!(value_u32(&json!(1e20)), Some(u32::MAX));
        assert_eq!(value_u32(&json!("abc")), None);
    }

    #[test]
    fn nested_json_strings_are_unwrapped() {
        let value = unnest_json(json!("{\"success\":\"X\",\"files_staged\":3}"));
        assert_eq!(value["files_staged"], 3);
        assert_eq!(unnest_json(json!("plain")), json!("plain"));
        assert_eq!(unnest_json(json!("{broken")), json!("{broken"));
    }

    #[test]
    fn broken_error_json_is_salvaged() {
        let body = r#"{"success":false,"command":"Pull","error":"Field "X" is unknown"}"#;
        assert_eq!(
            salvage_field(body, "error").as_deref(),
            Some("Field \"X\" is unknown")
        );
        let body = r#"{"success":"","error":"Class "ZCL_A" not found","command":"Drop"}"#;
        assert_eq!(
            salvage_field(body, "error").as_deref(),
            Some("Class \"ZCL_A\" not found")
        );
        assert_eq!(salvage_field("{\"success\":\"\"}", "error"), None);
    }

    #[test]
    fn failure_reads_error_and_detail() {
        let value = normalize_keys(json!({
            "SUCCESS": "",
            "MESSAGE": "Pull completed with errors",
            "ERROR_DETAIL": "Error Details:\\n  -> CLAS ZCL_A: syntax error"
        }));
        let Some(SapError::Sap {
            status,
            message,
            details,
        }) = failure_from(&value, 200)
        else {
            panic!("expected a failure");
        };
        assert_eq!(status, 200);
        assert_eq!(message, "Pull completed with errors");
        assert_eq!(
            details,
            vec!["Error Details:", "  -> CLAS ZCL_A: syntax error"]
        );
        assert!(failure_from(&json!({"success": "X", "message": "ok"}), 200).is_none());
        assert!(failure_from(&json!({"status": "OK"}), 200).is_none());
    }
}
