//! The OData V4 primitive types a recording uses, and how a value typed by the user
//! (a form field, a CSV cell) becomes a JSON value for an action's body or a literal in a
//! function's URL.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A primitive `Edm.*` type. Anything else in `$metadata` is refused with a clear error
/// ([`crate::MetadataError::UnsupportedType`]), never guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum EdmType {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Decimal,
    Double,
    Single,
    /// `2024-01-31`
    Date,
    /// `2024-01-31T10:00:00Z`
    DateTimeOffset,
    /// `10:00:00`
    TimeOfDay,
    Guid,
}

/// How a form shows a field of this type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    Text,
    /// Whole numbers.
    Integer,
    /// Numbers with decimals.
    Number,
    /// Yes/no.
    Boolean,
    Date,
    DateTime,
    Time,
}

impl EdmType {
    /// `Edm.String` -> `String`; `None` for a type this client does not know.
    pub fn parse(qualified: &str) -> Option<Self> {
        let name = qualified.strip_prefix("Edm.")?;
        Some(match name {
            "String" => Self::String,
            "Boolean" => Self::Boolean,
            "Byte" => Self::Byte,
            "SByte" => Self::SByte,
            "Int16" => Self::Int16,
            "Int32" => Self::Int32,
            "Int64" => Self::Int64,
            "Decimal" => Self::Decimal,
            "Double" => Self::Double,
            "Single" => Self::Single,
            "Date" => Self::Date,
            "DateTimeOffset" => Self::DateTimeOffset,
            "TimeOfDay" => Self::TimeOfDay,
            "Guid" => Self::Guid,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::String => "Edm.String",
            Self::Boolean => "Edm.Boolean",
            Self::Byte => "Edm.Byte",
            Self::SByte => "Edm.SByte",
            Self::Int16 => "Edm.Int16",
            Self::Int32 => "Edm.Int32",
            Self::Int64 => "Edm.Int64",
            Self::Decimal => "Edm.Decimal",
            Self::Double => "Edm.Double",
            Self::Single => "Edm.Single",
            Self::Date => "Edm.Date",
            Self::DateTimeOffset => "Edm.DateTimeOffset",
            Self::TimeOfDay => "Edm.TimeOfDay",
            Self::Guid => "Edm.Guid",
        }
    }

    pub fn input_kind(self) -> InputKind {
        match self {
            Self::String | Self::Guid => InputKind::Text,
            Self::Byte | Self::SByte | Self::Int16 | Self::Int32 | Self::Int64 => {
                InputKind::Integer
            }
            Self::Decimal | Self::Double | Self::Single => InputKind::Number,
            Self::Boolean => InputKind::Boolean,
            Self::Date => InputKind::Date,
            Self::DateTimeOffset => InputKind::DateTime,
            Self::TimeOfDay => InputKind::Time,
        }
    }

    /// The user's text as a typed value, or what is wrong with it (in words for the form).
    /// Surrounding blanks are ignored except for strings, which are sent as typed.
    pub fn parse_input(self, text: &str) -> Result<TypedValue, String> {
        let trimmed = text.trim();
        let integer = |min: i64, max: i64| -> Result<TypedValue, String> {
            match trimmed.parse::<i64>() {
                Ok(value) if (min..=max).contains(&value) => Ok(TypedValue::Integer(value)),
                Ok(_) => Err(format!("must be a whole number from {min} to {max}")),
                Err(_) => Err(format!("'{trimmed}' is not a whole number")),
            }
        };
        match self {
            Self::String => Ok(TypedValue::Text(text.to_owned())),
            Self::Boolean => match trimmed.to_ascii_lowercase().as_str() {
                "true" | "x" | "yes" | "1" => Ok(TypedValue::Boolean(true)),
                "false" | "no" | "0" | "-" => Ok(TypedValue::Boolean(false)),
                _ => Err(format!("'{trimmed}' is not yes/no (true, false, X)")),
            },
            Self::Byte => integer(0, 255),
            Self::SByte => integer(-128, 127),
            Self::Int16 => integer(i16::MIN.into(), i16::MAX.into()),
            Self::Int32 => integer(i32::MIN.into(), i32::MAX.into()),
            Self::Int64 => integer(i64::MIN, i64::MAX),
            Self::Decimal => decimal(trimmed).map(TypedValue::Decimal),
            Self::Double | Self::Single => match trimmed.parse::<f64>() {
                Ok(value) if value.is_finite() => Ok(TypedValue::Float(value)),
                _ => Err(format!("'{trimmed}' is not a number")),
            },
            Self::Date => chrono::NaiveDate::parse_from_str(trimmed, "%Y-%m-%d")
                .map(|date| TypedValue::Date(date.format("%Y-%m-%d").to_string()))
                .map_err(|_| format!("'{trimmed}' is not a date (YYYY-MM-DD)")),
            Self::DateTimeOffset => chrono::DateTime::parse_from_rfc3339(trimmed)
                .map(|_| TypedValue::DateTime(trimmed.to_owned()))
                .map_err(|_| format!("'{trimmed}' is not a date and time (YYYY-MM-DDThh:mm:ssZ)")),
            Self::TimeOfDay => chrono::NaiveTime::parse_from_str(trimmed, "%H:%M:%S")
                .or_else(|_| chrono::NaiveTime::parse_from_str(trimmed, "%H:%M"))
                .map(|time| TypedValue::Time(time.format("%H:%M:%S").to_string()))
                .map_err(|_| format!("'{trimmed}' is not a time (hh:mm:ss)")),
            Self::Guid => guid(trimmed).map(TypedValue::Guid),
        }
    }
}

/// A value checked against its Edm type, ready for the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum TypedValue {
    Null,
    Text(String),
    Boolean(bool),
    Integer(i64),
    /// Kept as the user's digits: a decimal must not pass through a float.
    Decimal(String),
    Float(f64),
    Date(String),
    DateTime(String),
    Time(String),
    Guid(String),
}

impl TypedValue {
    /// The value in an action's JSON body. Decimals and 64-bit integers are numbers, as the
    /// OData V4 JSON format writes them by default (IEEE754Compatible=false); a decimal goes
    /// through a double there (15 significant digits, ample for amounts and quantities).
    pub fn to_json(&self) -> Value {
        match self {
            Self::Null => Value::Null,
            Self::Boolean(value) => Value::Bool(*value),
            Self::Integer(value) => Value::from(*value),
            Self::Decimal(digits) => serde_json::from_str::<serde_json::Number>(digits)
                .map(Value::Number)
                .unwrap_or_else(|_| Value::String(digits.clone())),
            Self::Float(value) => serde_json::Number::from_f64(*value)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            Self::Text(text)
            | Self::Date(text)
            | Self::DateTime(text)
            | Self::Time(text)
            | Self::Guid(text) => Value::String(text.clone()),
        }
    }

    /// The value as an OData V4 URL literal, before percent-encoding: strings in single
    /// quotes with quotes doubled; numbers, booleans, dates, times and GUIDs bare.
    pub fn to_literal(&self) -> String {
        match self {
            Self::Null => "null".to_owned(),
            Self::Text(text) => format!("'{}'", text.replace('\'', "''")),
            Self::Boolean(value) => value.to_string(),
            Self::Integer(value) => value.to_string(),
            Self::Decimal(digits) => digits.clone(),
            Self::Float(value) => float_literal(*value),
            Self::Date(text) | Self::DateTime(text) | Self::Time(text) | Self::Guid(text) => {
                text.clone()
            }
        }
    }
}

/// A float as OData writes it: `1.5`, `1E+20`; integral values keep a decimal point
/// (`2.0`) so they stay doubles.
fn float_literal(value: f64) -> String {
    let text = value.to_string();
    if text.contains(['.', 'e', 'E']) {
        text.replace('e', "E")
    } else {
        format!("{text}.0")
    }
}

/// Digits with an optional sign and one decimal point (a comma is refused: the column
/// would be ambiguous in a CSV).
fn decimal(text: &str) -> Result<String, String> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if unsigned.is_empty()
        || (whole.is_empty() && fraction.is_empty())
        || !digits(whole)
        || !digits(fraction)
    {
        return Err(format!(
            "'{text}' is not a decimal number (digits with a point, e.g. 12.50)"
        ));
    }
    Ok(text.strip_prefix('+').unwrap_or(text).to_owned())
}

/// 8-4-4-4-12 hex digits.
fn guid(text: &str) -> Result<String, String> {
    let groups: Vec<&str> = text.split('-').collect();
    let lengths = [8, 4, 4, 4, 12];
    let valid = groups.len() == 5
        && groups.iter().zip(lengths).all(|(group, length)| {
            group.len() == length && group.bytes().all(|b| b.is_ascii_hexdigit())
        });
    if valid {
        Ok(text.to_ascii_lowercase())
    } else {
        Err(format!(
            "'{text}' is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_type_round_trips_by_name() {
        for ty in [
            EdmType::String,
            EdmType::Boolean,
            EdmType::Byte,
            EdmType::SByte,
            EdmType::Int16,
            EdmType::Int32,
            EdmType::Int64,
            EdmType::Decimal,
            EdmType::Double,
            EdmType::Single,
            EdmType::Date,
            EdmType::DateTimeOffset,
            EdmType::TimeOfDay,
            EdmType::Guid,
        ] {
            assert_eq!(EdmType::parse(ty.name()), Some(ty));
        }
        assert_eq!(EdmType::parse("Edm.Geography"), None);
        assert_eq!(EdmType::parse("String"), None);
    }

    #[test]
    fn inputs_are_checked_against_their_type() {
        assert_eq!(
            EdmType::Int16.parse_input(" 42 "),
            Ok(TypedValue::Integer(42))
        );
        assert!(EdmType::Int16
            .parse_input("40000")
            .unwrap_err()
            .contains("-32768 to 32767"));
        assert!(EdmType::Byte.parse_input("-1").is_err());
        assert!(EdmType::Int32.parse_input("1.5").is_err());
        assert_eq!(
            EdmType::Decimal.parse_input("+12.50"),
            Ok(TypedValue::Decimal("12.50".into()))
        );
        assert!(EdmType::Decimal.parse_input("12,50").is_err());
        assert!(EdmType::Decimal.parse_input(".").is_err());
        assert_eq!(
            EdmType::Boolean.parse_input("X"),
            Ok(TypedValue::Boolean(true))
        );
        assert!(EdmType::Boolean.parse_input("maybe").is_err());
        assert_eq!(
            EdmType::Date.parse_input("2026-02-28"),
            Ok(TypedValue::Date("2026-02-28".into()))
        );
        assert!(EdmType::Date.parse_input("2026-02-30").is_err());
        assert!(EdmType::Date.parse_input("28.02.2026").is_err());
        assert_eq!(
            EdmType::TimeOfDay.parse_input("9:05"),
            Ok(TypedValue::Time("09:05:00".into()))
        );
        assert!(EdmType::DateTimeOffset
            .parse_input("2026-02-28T10:00:00+01:00")
            .is_ok());
        assert!(EdmType::Guid
            .parse_input("0050568B-3F1C-1EDA-A8C2-2D3F4E5A6B7C")
            .is_ok());
        assert!(EdmType::Guid.parse_input("0050568B3F1C").is_err());
        assert!(EdmType::Double.parse_input("NaN").is_err());
        // Strings are sent as typed, blanks included.
        assert_eq!(
            EdmType::String.parse_input(" a "),
            Ok(TypedValue::Text(" a ".into()))
        );
    }

    #[test]
    fn literals_follow_odata_v4() {
        assert_eq!(
            TypedValue::Text("O'Brien".into()).to_literal(),
            "'O''Brien'"
        );
        assert_eq!(TypedValue::Integer(-7).to_literal(), "-7");
        assert_eq!(TypedValue::Boolean(true).to_literal(), "true");
        assert_eq!(TypedValue::Float(2.0).to_literal(), "2.0");
        assert_eq!(
            TypedValue::Float(1e21).to_literal(),
            "1000000000000000000000.0"
        );
        assert_eq!(
            TypedValue::Date("2026-01-31".into()).to_literal(),
            "2026-01-31"
        );
        assert_eq!(TypedValue::Null.to_literal(), "null");
    }

    #[test]
    fn decimals_are_json_numbers_and_exact_literals() {
        assert_eq!(
            TypedValue::Decimal("12.50".into()).to_json(),
            serde_json::json!(12.5)
        );
        assert_eq!(TypedValue::Decimal("12.50".into()).to_literal(), "12.50");
    }
}
