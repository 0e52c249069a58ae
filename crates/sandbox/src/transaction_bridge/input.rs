//! The parameters of a call, from the URL (functions) or the JSON body (actions), checked
//! against the recording: every problem becomes one `INVALID_INPUT` detail naming its field.

use chrono::NaiveDate;
use serde_json::Value as Json;

use super::errors::{BridgeError, Detail, ErrorCode};
use super::literal::Literal;
use super::model::{Edm, Param, Sequence};
use super::status_bar::StatusBar;

/// A checked parameter value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Str(String),
    Int(i32),
    Decimal(f64),
    Bool(bool),
    Date(NaiveDate),
    Timestamp(String),
}

/// The parameters of one call, each of its declared type (or `Null` when nullable and not given).
#[derive(Debug, Default)]
pub(crate) struct Args {
    values: Vec<(&'static str, Value)>,
}

impl Args {
    fn get(&self, name: &str) -> Option<&Value> {
        self.values
            .iter()
            .find(|(param, _)| *param == name)
            .map(|(_, value)| value)
    }

    /// A string parameter; `None` when null or not given.
    pub(crate) fn str(&self, name: &str) -> Option<&str> {
        match self.get(name) {
            Some(Value::Str(text)) => Some(text),
            _ => None,
        }
    }

    pub(crate) fn decimal(&self, name: &str) -> Option<f64> {
        match self.get(name) {
            Some(Value::Decimal(value)) => Some(*value),
            _ => None,
        }
    }

    pub(crate) fn int(&self, name: &str) -> Option<i32> {
        match self.get(name) {
            Some(Value::Int(value)) => Some(*value),
            _ => None,
        }
    }

    pub(crate) fn bool(&self, name: &str) -> Option<bool> {
        match self.get(name) {
            Some(Value::Bool(value)) => Some(*value),
            _ => None,
        }
    }

    pub(crate) fn date(&self, name: &str) -> Option<NaiveDate> {
        match self.get(name) {
            Some(Value::Date(value)) => Some(*value),
            _ => None,
        }
    }
}

/// A value as it came, before its type is checked.
enum Given<'a> {
    Literal(&'a Literal),
    Json(&'a Json),
}

/// Parameters of a function call.
pub(crate) fn from_literals(
    sequence: &Sequence,
    given: &[(String, Literal)],
) -> Result<Args, BridgeError> {
    check(
        sequence,
        given
            .iter()
            .map(|(name, literal)| (name.as_str(), Given::Literal(literal)))
            .collect(),
    )
}

/// Parameters of an action: the JSON object in the body (empty for none).
pub(crate) fn from_json(sequence: &Sequence, body: &[u8]) -> Result<Args, BridgeError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return check(sequence, Vec::new());
    }
    let parsed: Json = serde_json::from_slice(body).map_err(|error| {
        BridgeError::Malformed(format!("The request body is not valid JSON: {error}"))
    })?;
    let Json::Object(object) = &parsed else {
        return Err(BridgeError::Malformed(
            "The request body must be a JSON object of the action's parameters".into(),
        ));
    };
    check(
        sequence,
        object
            .iter()
            .map(|(name, value)| (name.as_str(), Given::Json(value)))
            .collect(),
    )
}

fn check(sequence: &Sequence, given: Vec<(&str, Given<'_>)>) -> Result<Args, BridgeError> {
    let mut details = Vec::new();
    for (name, _) in &given {
        if !sequence.params.iter().any(|p| p.name == *name) {
            details.push(Detail::for_field(
                name,
                format!("Parameter {name} is not defined for {}", sequence.name),
            ));
        }
    }
    let mut missing_required = false;
    let mut args = Args::default();
    for param in sequence.params {
        let value = match given.iter().find(|(name, _)| *name == param.name) {
            None => Ok(Value::Null),
            Some((_, Given::Literal(literal))) => from_literal(param, literal),
            Some((_, Given::Json(json))) => from_json_value(param, json),
        };
        match value {
            Ok(value) if is_empty(&value) && !param.nullable => {
                missing_required = true;
                details.push(Detail::for_field(
                    param.name,
                    format!("Parameter {} is mandatory", param.name),
                ));
            }
            Ok(value) => {
                if let (Value::Str(text), Some(max)) = (&value, param.max_length) {
                    let length = text.chars().count();
                    if length > max as usize {
                        details.push(Detail::for_field(
                            param.name,
                            format!(
                                "Parameter {}: the value has {length} characters; the field takes at most {max}",
                                param.name
                            ),
                        ));
                        continue;
                    }
                }
                args.values.push((param.name, value));
            }
            Err(message) => details.push(Detail::for_field(
                param.name,
                format!("Parameter {}: {message}", param.name),
            )),
        }
    }
    if details.is_empty() {
        return Ok(args);
    }
    let mut error = BridgeError::internal(ErrorCode::InvalidInput);
    if missing_required {
        // What SAP GUI says when a required field is left empty.
        error = error.with_status_bar(StatusBar::error("Fill in all required entry fields"));
    }
    for detail in details {
        error = error.with_detail(detail);
    }
    Err(error)
}

/// An empty screen field: null or only blanks.
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Str(text) => text.trim().is_empty(),
        _ => false,
    }
}

fn from_literal(param: &Param, literal: &Literal) -> Result<Value, String> {
    let mismatch = || {
        format!(
            "{} is not a valid {} literal",
            literal.describe(),
            param.edm.name()
        )
    };
    match (param.edm, literal) {
        (_, Literal::Null) => Ok(Value::Null),
        (Edm::String, Literal::Str(text)) => Ok(Value::Str(text.clone())),
        (Edm::Int32, Literal::Number(text)) => int32(text),
        (Edm::Decimal, Literal::Number(text)) => decimal(text),
        (Edm::Boolean, Literal::Bool(value)) => Ok(Value::Bool(*value)),
        (Edm::Date, Literal::Date(text)) => date(text),
        (Edm::DateTimeOffset, Literal::DateTimeOffset(text)) => Ok(Value::Timestamp(text.clone())),
        _ => Err(mismatch()),
    }
}

fn from_json_value(param: &Param, json: &Json) -> Result<Value, String> {
    let mismatch = || format!("{json} is not a valid {} value", param.edm.name());
    match (param.edm, json) {
        (_, Json::Null) => Ok(Value::Null),
        (Edm::String, Json::String(text)) => Ok(Value::Str(text.clone())),
        (Edm::Int32, Json::Number(number)) => int32(&number.to_string()),
        (Edm::Decimal, Json::Number(number)) => decimal(&number.to_string()),
        (Edm::Boolean, Json::Bool(value)) => Ok(Value::Bool(*value)),
        (Edm::Date, Json::String(text)) => date(text),
        (Edm::DateTimeOffset, Json::String(text)) => chrono::DateTime::parse_from_rfc3339(text)
            .map(|_| Value::Timestamp(text.clone()))
            .map_err(|_| mismatch()),
        _ => Err(mismatch()),
    }
}

fn int32(text: &str) -> Result<Value, String> {
    text.parse::<i32>()
        .map(Value::Int)
        .map_err(|_| format!("{text} is not a valid Edm.Int32"))
}

fn decimal(text: &str) -> Result<Value, String> {
    if text.contains(['e', 'E']) {
        return Err(format!("{text} is not a valid Edm.Decimal (no exponent)"));
    }
    text.parse::<f64>()
        .ok()
        .filter(|value| value.is_finite())
        .map(Value::Decimal)
        .ok_or_else(|| format!("{text} is not a valid Edm.Decimal"))
}

fn date(text: &str) -> Result<Value, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Value::Date)
        .map_err(|_| format!("{text} is not a valid Edm.Date (YYYY-MM-DD)"))
}
