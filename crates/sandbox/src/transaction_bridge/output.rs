//! The bridge reads output fields as the screen shows them (texts in the user's format:
//! `1,234.500`, `31.01.2024`, `X` for a ticked box, `12.50-` for a negative amount) and turns
//! them into the Edm types of the recording. A text that does not convert (asterisks for a
//! value too big for its field, an initial date in a mandatory field) is `INVALID_OUTPUT`.

use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{json, Map, Value as Json};

use super::errors::{BridgeError, Detail, ErrorCode};
use super::model::{Edm, OutputProp};

/// Screen texts: string leaves, tables as arrays of rows.
pub(crate) type ScreenOutput = Map<String, Json>;

/// The typed `Output` object, or `INVALID_OUTPUT` naming the first field that does not fit.
pub(crate) fn convert(props: &[OutputProp], screen: &ScreenOutput) -> Result<Json, BridgeError> {
    convert_row(props, screen, "").map_err(|message| {
        BridgeError::internal(ErrorCode::InvalidOutput).with_detail(Detail::new(message))
    })
}

fn convert_row(props: &[OutputProp], screen: &ScreenOutput, path: &str) -> Result<Json, String> {
    let mut typed = Map::new();
    for prop in props {
        let here = format!("{path}{}", prop.name());
        let shown = screen.get(prop.name());
        let value = match prop {
            OutputProp::Field { edm, nullable, .. } => {
                let text = shown
                    .and_then(Json::as_str)
                    .ok_or_else(|| format!("Output field {here} was not found on the screen"))?;
                field(*edm, *nullable, text).map_err(|expected| {
                    format!("Output field {here}: '{text}' is not a valid {expected}")
                })?
            }
            OutputProp::Table { columns, .. } => {
                let rows = shown
                    .and_then(Json::as_array)
                    .ok_or_else(|| format!("Output table {here} was not found on the screen"))?;
                let mut typed_rows = Vec::with_capacity(rows.len());
                for (index, row) in rows.iter().enumerate() {
                    let row = row.as_object().ok_or_else(|| {
                        format!("Output table {here}: row {} is not a row", index + 1)
                    })?;
                    typed_rows.push(convert_row(
                        columns,
                        row,
                        &format!("{here}[{}].", index + 1),
                    )?);
                }
                Json::Array(typed_rows)
            }
        };
        typed.insert(prop.name().to_owned(), value);
    }
    Ok(Json::Object(typed))
}

/// One field; the error names the expected type.
fn field(edm: Edm, nullable: bool, text: &str) -> Result<Json, &'static str> {
    let text = text.trim();
    let initial = text.is_empty() || text == "00.00.0000" || text == "00.00.0000 00:00:00";
    if initial && nullable && edm != Edm::Boolean {
        return Ok(Json::Null);
    }
    match edm {
        Edm::String => Ok(json!(text)),
        Edm::Int32 => text
            .replace(',', "")
            .parse::<i32>()
            .map(|n| json!(n))
            .map_err(|_| edm.name()),
        Edm::Decimal => decimal(text).map(|n| json!(n)).ok_or(edm.name()),
        Edm::Boolean => match text {
            "X" => Ok(json!(true)),
            "" => Ok(json!(false)),
            _ => Err(edm.name()),
        },
        Edm::Date => NaiveDate::parse_from_str(text, "%d.%m.%Y")
            .map(|d| json!(d.format("%Y-%m-%d").to_string()))
            .map_err(|_| edm.name()),
        Edm::DateTimeOffset => NaiveDateTime::parse_from_str(text, "%d.%m.%Y %H:%M:%S")
            .map(|t| json!(t.format("%Y-%m-%dT%H:%M:%SZ").to_string()))
            .map_err(|_| edm.name()),
    }
}

/// `1,234.500` or `12.50-` (SAP puts the minus sign last).
fn decimal(text: &str) -> Option<f64> {
    let (digits, negative) = match text.strip_suffix('-') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let plain = digits.replace(',', "");
    if plain.is_empty() || !plain.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let value: f64 = plain.parse().ok()?;
    Some(if negative { -value } else { value })
}

/// A number as the screen shows it, with `decimals` places: `1,234.500`.
pub(crate) fn screen_number(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if value < 0.0 { "-" } else { "" };
    if fraction.is_empty() {
        format!("{grouped}{sign}")
    } else {
        format!("{grouped}.{fraction}{sign}")
    }
}

/// A date as the screen shows it: `31.01.2024`.
pub(crate) fn screen_date(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transaction_bridge::model::{field as out, nullable_field, table};

    static PROPS: &[OutputProp] = &[
        out("Weight", Edm::Decimal),
        nullable_field("ValidTo", Edm::Date),
        out("Locked", Edm::Boolean),
        table("Rows", "Row", &[out("Count", Edm::Int32)]),
    ];

    fn screen(value: Json) -> ScreenOutput {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn screen_texts_become_typed_values() {
        let typed = convert(
            PROPS,
            &screen(json!({"Weight": "1,234.500", "ValidTo": "", "Locked": "X",
                           "Rows": [{"Count": "1,200"}]})),
        )
        .unwrap();
        assert_eq!(
            typed,
            json!({"Weight": 1234.5, "ValidTo": null, "Locked": true, "Rows": [{"Count": 1200}]})
        );
    }

    #[test]
    fn texts_that_do_not_fit_are_invalid_output() {
        let error = convert(
            PROPS,
            &screen(json!({"Weight": "**********", "ValidTo": "", "Locked": "", "Rows": []})),
        )
        .unwrap_err();
        assert_eq!(error.code(), Some(ErrorCode::InvalidOutput));
        let bad_row = convert(
            PROPS,
            &screen(json!({"Weight": "1", "ValidTo": "", "Locked": "", "Rows": [{"Count": "x"}]})),
        );
        assert!(bad_row.is_err());
    }

    #[test]
    fn numbers_are_shown_in_the_user_format() {
        assert_eq!(screen_number(1234.5, 3), "1,234.500");
        assert_eq!(screen_number(-12.5, 2), "12.50-");
        assert_eq!(screen_number(999.0, 0), "999");
        assert_eq!(decimal("12.50-"), Some(-12.5));
    }
}
