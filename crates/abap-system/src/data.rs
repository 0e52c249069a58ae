//! Typed table contents.

use serde::Serialize;

/// One typed cell. Character-like values keep ABAP's external format:
/// DATS `YYYYMMDD`, TIMS `HHMMSS`, NUMC with leading zeros.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Value {
    Char(String),
    Numc(String),
    Date(String),
    Time(String),
    Int(i64),
    /// Packed number: `units / 10^decimals` (e.g. 42294 with 2 decimals = 422.94).
    Packed {
        units: i64,
        decimals: u32,
    },
}

impl Value {
    /// The value as ABAP would print it into a flat text (no thousands separators).
    pub fn to_text(&self) -> String {
        match self {
            Value::Char(s) | Value::Numc(s) | Value::Date(s) | Value::Time(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Packed { units, decimals } => format_packed(*units, *decimals),
        }
    }

    /// The value as the JSON serializer of the server emits it: numbers for
    /// INT and packed, strings for everything character-like.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Int(i) => serde_json::Value::from(*i),
            Value::Packed { units, decimals } => {
                let scale = 10f64.powi(i32::try_from(*decimals).unwrap_or(0));
                serde_json::Number::from_f64(*units as f64 / scale)
                    .map(serde_json::Value::Number)
                    .unwrap_or(serde_json::Value::Null)
            }
            other => serde_json::Value::String(other.to_text()),
        }
    }

    /// Numeric value for comparisons, when the value is numeric.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(i) => Some(*i as f64),
            Value::Packed { units, decimals } => {
                Some(*units as f64 / 10f64.powi(i32::try_from(*decimals).unwrap_or(0)))
            }
            Value::Numc(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        }
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Packed { .. } | Value::Numc(_))
    }
}

/// Formats a packed number with exactly `decimals` decimal places.
pub fn format_packed(units: i64, decimals: u32) -> String {
    if decimals == 0 {
        return units.to_string();
    }
    let sign = if units < 0 { "-" } else { "" };
    let abs = units.unsigned_abs();
    let scale = 10u64.pow(decimals.min(18));
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = decimals as usize
    )
}

/// A row aligned with its table's field list.
pub type Row = Vec<Value>;

use crate::ddic::FieldDef;

impl Value {
    /// The initial value of a field's type (what a new row holds by default).
    pub fn initial_for(field: &FieldDef) -> Value {
        match field.type_kind().as_str() {
            "N" => Value::Numc("0".repeat(field.length as usize)),
            "D" => Value::Date("00000000".to_string()),
            "T" => Value::Time("000000".to_string()),
            "I" | "b" | "s" | "8" => Value::Int(0),
            "P" => Value::Packed {
                units: 0,
                decimals: field.decimals,
            },
            _ => Value::Char(String::new()),
        }
    }

    /// Converts external text into a typed value for `field`, validating it like
    /// the server does for D, T, N, I and X fields. The error is a short reason.
    pub fn parse_for(field: &FieldDef, text: &str) -> Result<Value, String> {
        let text = text.trim();
        let all_digits = text.chars().all(|c| c.is_ascii_digit());
        match field.type_kind().as_str() {
            "D" => {
                let valid = text.len() == 8
                    && all_digits
                    && (text == "00000000"
                        || chrono::NaiveDate::parse_from_str(text, "%Y%m%d").is_ok());
                if valid {
                    Ok(Value::Date(text.to_string()))
                } else {
                    Err("a date must be YYYYMMDD".to_string())
                }
            }
            "T" => {
                let valid = text.len() == 6
                    && all_digits
                    && chrono::NaiveTime::parse_from_str(text, "%H%M%S").is_ok();
                if valid {
                    Ok(Value::Time(text.to_string()))
                } else {
                    Err("a time must be HHMMSS".to_string())
                }
            }
            "N" => {
                if all_digits && text.len() <= field.length as usize {
                    Ok(Value::Numc(format!(
                        "{:0>width$}",
                        text,
                        width = field.length as usize
                    )))
                } else {
                    Err(format!("only digits, at most {}", field.length))
                }
            }
            "I" | "b" | "s" | "8" => text
                .parse::<i32>()
                .map(|i| Value::Int(i64::from(i)))
                .map_err(|_| "an integer is expected".to_string()),
            "X" => {
                if text.len() <= field.length as usize * 2
                    && text.chars().all(|c| c.is_ascii_hexdigit())
                {
                    Ok(Value::Char(text.to_ascii_uppercase()))
                } else {
                    Err(format!("hexadecimal, at most {} bytes", field.length))
                }
            }
            "P" => parse_packed(text, field.decimals)
                .map(|units| Value::Packed {
                    units,
                    decimals: field.decimals,
                })
                .ok_or_else(|| "a decimal number is expected".to_string()),
            _ => {
                if text.chars().count() <= field.length as usize || field.ddic_type == "STRG" {
                    Ok(Value::Char(text.to_string()))
                } else {
                    Err(format!("at most {} characters", field.length))
                }
            }
        }
    }
}

/// Parses `-12.5` into units with `decimals` places (`-1250` for 2); rounds nothing,
/// rejects more decimal places than allowed.
pub fn parse_packed(text: &str, decimals: u32) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
        || fraction.len() > decimals as usize
    {
        return None;
    }
    let padded = format!("{whole}{fraction:0<width$}", width = decimals as usize);
    let units: i64 = if padded.is_empty() {
        0
    } else {
        padded.parse().ok()?
    };
    Some(if negative { -units } else { units })
}
