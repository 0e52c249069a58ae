//! Request bodies read the way `/ui2/cl_json=>deserialize` reads them: keys matched
//! case-insensitively, unknown keys ignored, an empty or broken body left initial, and a
//! value of the wrong type failing only where ABAP would fail to convert it.

use serde_json::{Map, Value};

/// A conversion failure, worded like the ABAP exception text.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub(crate) struct ConversionError(pub String);

/// A JSON object from a request, possibly empty.
#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    fields: Map<String, Value>,
}

impl Body {
    /// Parses a request body; anything but a JSON object gives an empty body.
    pub(crate) fn parse(bytes: &[u8]) -> Self {
        match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(fields)) => Self { fields },
            _ => Self::default(),
        }
    }

    fn from_value(value: &Value) -> Self {
        match value {
            Value::Object(fields) => Self {
                fields: fields.clone(),
            },
            _ => Self::default(),
        }
    }

    fn get(&self, key: &str) -> Option<&Value> {
        self.fields
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(key))
            .map(|(_, value)| value)
            .filter(|value| !value.is_null())
    }

    /// A string field; numbers and booleans are converted, missing gives "".
    pub(crate) fn text(&self, key: &str) -> String {
        match self.get(key) {
            Some(Value::String(text)) => text.clone(),
            Some(Value::Number(number)) => number.to_string(),
            Some(Value::Bool(flag)) => if *flag { "X" } else { "" }.to_string(),
            _ => String::new(),
        }
    }

    /// A `c` field of `length` characters: kept as sent (no case folding), cut to its length,
    /// trailing blanks dropped.
    pub(crate) fn char(&self, key: &str, length: usize) -> String {
        let text: String = self.text(key).chars().take(length).collect();
        text.trim_end().to_string()
    }

    /// An integer field; missing gives 0, text that is no number fails like ABAP's conversion.
    pub(crate) fn int(&self, key: &str) -> Result<i64, ConversionError> {
        match self.get(key) {
            None => Ok(0),
            Some(Value::Number(number)) => number
                .as_i64()
                .or_else(|| number.as_f64().map(|f| f.trunc() as i64))
                .ok_or_else(|| overflow(&number.to_string())),
            Some(Value::String(text)) if text.trim().is_empty() => Ok(0),
            Some(Value::String(text)) => text.trim().parse::<i64>().map_err(|_| not_a_number(text)),
            Some(other) => Err(not_a_number(&other.to_string())),
        }
    }

    /// An ABAP `i` field as `/ui2/cl_json=>deserialize` fills it outside strict mode: a value
    /// that is no number or does not fit (beyond 2147483647) raises a conversion exception
    /// that the deserializer catches, leaving the field initial (0). Decimals are rounded.
    pub(crate) fn abap_int(&self, key: &str) -> i64 {
        let value = match self.get(key) {
            Some(Value::Number(number)) => number.as_f64(),
            Some(Value::String(text)) if text.trim().is_empty() => Some(0.0),
            Some(Value::String(text)) => text.trim().parse::<f64>().ok(),
            _ => None,
        };
        value
            .map(f64::round)
            .filter(|v| (f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(v))
            .map_or(0, |v| v as i64)
    }

    /// A boolean field: `true`, `"X"` and `"true"` are true.
    pub(crate) fn flag(&self, key: &str) -> bool {
        match self.get(key) {
            Some(Value::Bool(flag)) => *flag,
            Some(Value::String(text)) => {
                let text = text.trim();
                text.eq_ignore_ascii_case("x") || text.eq_ignore_ascii_case("true")
            }
            Some(Value::Number(number)) => number.as_i64() == Some(1),
            _ => false,
        }
    }

    /// A list of strings; a single string counts as a one-element list.
    pub(crate) fn texts(&self, key: &str) -> Vec<String> {
        match self.get(key) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|item| match item {
                    Value::String(text) => Some(text.clone()),
                    Value::Number(number) => Some(number.to_string()),
                    _ => None,
                })
                .collect(),
            Some(Value::String(text)) if !text.is_empty() => vec![text.clone()],
            _ => Vec::new(),
        }
    }

    /// A list of objects (e.g. syntax `objects`); other items become empty bodies.
    pub(crate) fn objects(&self, key: &str) -> Vec<Body> {
        match self.get(key) {
            Some(Value::Array(items)) => items.iter().map(Body::from_value).collect(),
            _ => Vec::new(),
        }
    }
}

fn not_a_number(text: &str) -> ConversionError {
    ConversionError(format!("Unable to interpret \"{text}\" as a number."))
}

fn overflow(text: &str) -> ConversionError {
    ConversionError(format!("Overflow converting from \"{text}\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_match_case_insensitively_and_broken_bodies_are_empty() {
        let body = Body::parse(br#"{"URL":"u","Limit":"5","full":"X"}"#);
        assert_eq!(body.text("url"), "u");
        assert_eq!(body.int("limit"), Ok(5));
        assert!(body.flag("full"));
        let broken = Body::parse(b"{not json");
        assert_eq!(broken.text("url"), "");
    }

    #[test]
    fn abap_int_clears_what_does_not_convert() {
        let body =
            Body::parse(br#"{"a":"abc","b":2147483648,"c":"2147483647","d":-5,"e":5.5,"f":true}"#);
        assert_eq!(body.abap_int("a"), 0);
        assert_eq!(body.abap_int("b"), 0);
        assert_eq!(body.abap_int("c"), 2_147_483_647);
        assert_eq!(body.abap_int("d"), -5);
        assert_eq!(body.abap_int("e"), 6);
        assert_eq!(body.abap_int("f"), 0);
        assert_eq!(body.abap_int("missing"), 0);
    }

    #[test]
    fn non_numeric_text_fails_conversion() {
        let body = Body::parse(br#"{"limit":"abc"}"#);
        assert!(body.int("limit").is_err());
    }
}
