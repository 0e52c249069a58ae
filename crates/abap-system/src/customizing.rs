//! Writing one customizing table entry as `ZCL_ABGAGT_COMMAND_CUSTOMIZE` does: the delivery
//! class, then the transport, then each field's check and ABAP assignment, then `MODIFY`.
//! What the command does not check it does not refuse: a key field left out stays initial,
//! a long text is cut to the field's length, `20261399` is a "date".

use crate::data::Value;
use crate::ddic::{FieldDef, TableDef, TableKind};
use crate::error::SystemError;
use crate::maintenance::{CustomizeOutcome, CustomizeRequest, FieldValue};
use crate::repository::ObjectType;
use crate::system::System;
use crate::transports::{TransportKind, TransportStatus};

pub(crate) fn write_entry(
    system: &mut System,
    request: &CustomizeRequest,
) -> Result<CustomizeOutcome, SystemError> {
    // `to_upper( table_name )`: blanks are kept, so " T100" is no table.
    let name = request.table_name.to_ascii_uppercase();
    let table = system
        .table(&name)
        .filter(|t| t.kind == TableKind::Transparent)
        .ok_or_else(|| SystemError::TableNotFound(name.clone()))?
        .clone();
    if table.delivery_class != "C" && table.delivery_class != "E" {
        return Err(SystemError::DeliveryClassNotAllowed {
            table: name,
            delivery_class: table.delivery_class,
        });
    }
    let package = system
        .object(ObjectType::Tabl, &name)
        .map(|o| o.package.clone())
        .unwrap_or_default();
    let transport = check_transport(system, &name, &package, request)?;
    let row = build_row(system, &name, &table, &request.field_values)?;
    let inserted = modify(system, &name, &table, row);
    if !transport.is_empty() {
        system.record_in_transport(&transport, "TABU", &name);
    }
    Ok(CustomizeOutcome {
        table_name: name,
        action: "MODIFIED".to_string(),
        transport,
        delivery_class: table.delivery_class,
        inserted,
    })
}

/// Steps 2 and 3 of the command: a transportable package needs a request unless
/// `no_transport`; a request that is given is checked (and later used) even with
/// `no_transport`. The number is compared as sent (E070 keys are upper case).
fn check_transport(
    system: &System,
    table: &str,
    package: &str,
    request: &CustomizeRequest,
) -> Result<String, SystemError> {
    let given = request
        .transport
        .as_deref()
        .map(str::trim_end)
        .filter(|t| !t.is_empty());
    let Some(number) = given else {
        if system.transport_required(package) && !request.no_transport {
            return Err(SystemError::TransportRequired(table.to_string()));
        }
        return Ok(String::new());
    };
    let transport = system
        .all_transports()
        .iter()
        .find(|t| t.number == number)
        .ok_or_else(|| SystemError::TransportNotFound(number.to_string()))?;
    if transport.kind != TransportKind::Customizing
        || transport.status != TransportStatus::Modifiable
    {
        return Err(SystemError::TransportWrongKind {
            number: number.to_string(),
            expected: "customizing".to_string(),
        });
    }
    Ok(number.to_string())
}

/// `write_entry`'s loop: each named field must exist (as sent, upper-cased), passes the
/// command's check for its type kind and is assigned with ABAP's conversion rules; every
/// other field stays initial. The client field is always the logon client (Open SQL's
/// implicit client handling).
fn build_row(
    system: &System,
    name: &str,
    table: &TableDef,
    field_values: &[FieldValue],
) -> Result<Vec<Value>, SystemError> {
    let mut row: Vec<Value> = table.fields.iter().map(Value::initial_for).collect();
    for pair in field_values {
        let upper = pair.field.to_ascii_uppercase();
        let index = table
            .fields
            .iter()
            .position(|f| f.name == upper)
            .ok_or_else(|| SystemError::UnknownField {
                table: name.to_string(),
                field: upper.clone(),
            })?;
        let field = &table.fields[index];
        command_check(field, &pair.value)?;
        row[index] = assign(field, &pair.value)?;
    }
    for (index, field) in table.fields.iter().enumerate() {
        if field.ddic_type == "CLNT" {
            row[index] = Value::Char(system.client().to_string());
        }
    }
    Ok(row)
}

/// `MODIFY dbtab FROM wa`: replaces the row with the same key or inserts it.
/// Returns whether a row was inserted.
fn modify(system: &mut System, name: &str, table: &TableDef, row: Vec<Value>) -> bool {
    let rows = system.table_rows.entry(name.to_string()).or_default();
    let is_key: Vec<bool> = table.fields.iter().map(|f| f.key).collect();
    let same_key = |existing: &Vec<Value>| {
        is_key
            .iter()
            .enumerate()
            .all(|(i, key)| !key || existing.get(i) == row.get(i))
    };
    match rows.iter().position(same_key) {
        Some(position) => {
            rows[position] = row;
            false
        }
        None => {
            rows.push(row);
            true
        }
    }
}

/// The command's own checks before it assigns (by RTTI type kind); other kinds are not
/// checked by the command.
fn command_check(field: &FieldDef, value: &str) -> Result<(), SystemError> {
    let digits_only = |text: &str| text.chars().all(|c| c.is_ascii_digit());
    let type_kind = field.type_kind();
    let valid = match type_kind.as_str() {
        "D" => value.chars().count() == 8 && digits_only(value),
        "T" => value.chars().count() == 6 && digits_only(value),
        // `CN '0123456789'` is false for an empty value.
        "N" => digits_only(value),
        "I" | "b" | "s" => {
            let condensed = condense(value);
            let unsigned = condensed.strip_prefix('-').unwrap_or(&condensed);
            !unsigned.is_empty() && digits_only(unsigned)
        }
        "X" => value.chars().count() % 2 == 0 && value.chars().all(|c| c.is_ascii_hexdigit()),
        _ => true,
    };
    if valid {
        Ok(())
    } else {
        Err(SystemError::InvalidFieldValue {
            field: field.name.clone(),
            value: value.to_string(),
            type_kind,
        })
    }
}

/// `condense( )`: no leading or trailing blanks, inner runs of blanks reduced to one.
fn condense(text: &str) -> String {
    text.split(' ')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// ABAP's assignment of a `string` to a field of this type: character fields are cut to
/// their length, NUMC keeps its rightmost digits, RAW is padded or cut on the right;
/// numbers that are none or do not fit raise the conversion exceptions.
fn assign(field: &FieldDef, value: &str) -> Result<Value, SystemError> {
    let length = field.length as usize;
    Ok(match field.type_kind().as_str() {
        "D" => Value::Date(value.to_string()),
        "T" => Value::Time(value.to_string()),
        "N" => {
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            let kept = &digits[digits.len().saturating_sub(length)..];
            Value::Numc(format!("{kept:0>length$}"))
        }
        "I" | "b" | "s" | "8" => {
            let (low, high) = match field.type_kind().as_str() {
                "b" => (0, 255),
                "s" => (i64::from(i16::MIN), i64::from(i16::MAX)),
                "I" => (i64::from(i32::MIN), i64::from(i32::MAX)),
                _ => (i64::MIN, i64::MAX),
            };
            let number = parse_number(value)?;
            let rounded = number.round();
            if rounded < low as f64 || rounded > high as f64 {
                return Err(overflow(value));
            }
            Value::Int(rounded as i64)
        }
        "P" => {
            let number = parse_number(value)?;
            let scale = 10f64.powi(i32::try_from(field.decimals).unwrap_or(0));
            // A DEC field of n digits is stored in n/2+1 bytes: 2 * bytes - 1 digits.
            let digits = (field.length / 2 + 1) * 2 - 1;
            let units = (number * scale).round();
            if units.abs() >= 10f64.powi(i32::try_from(digits).unwrap_or(31)) {
                return Err(overflow(value));
            }
            Value::Packed {
                units: units as i64,
                decimals: field.decimals,
            }
        }
        "X" => {
            let hex: String = value
                .to_ascii_uppercase()
                .chars()
                .take(length * 2)
                .collect();
            Value::Char(format!("{hex:0<width$}", width = length * 2))
        }
        "g" => Value::Char(value.to_string()),
        _ => Value::Char(value.trim_end().chars().take(length).collect()),
    })
}

/// A text read as a number the way ABAP converts `c`/`string` to numeric types: blanks
/// around it, a leading or trailing sign, a decimal point, an exponent; blank is zero.
fn parse_number(value: &str) -> Result<f64, SystemError> {
    let text = value.trim();
    if text.is_empty() {
        return Ok(0.0);
    }
    let normalized = match text.strip_suffix('-') {
        Some(rest) if !rest.starts_with(['-', '+']) => format!("-{}", rest.trim_end()),
        _ => text.to_string(),
    };
    let plain = normalized
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.' | 'E' | 'e'));
    match normalized.parse::<f64>() {
        Ok(number) if plain && number.is_finite() => Ok(number),
        Ok(_) if plain => Err(overflow(value)),
        _ => Err(SystemError::Conversion(format!(
            "Unable to interpret \"{value}\" as a number."
        ))),
    }
}

fn overflow(value: &str) -> SystemError {
    SystemError::Conversion(format!("Overflow converting from \"{value}\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(ddic_type: &str, length: u32, decimals: u32) -> FieldDef {
        FieldDef {
            name: "F".to_string(),
            key: false,
            ddic_type: ddic_type.to_string(),
            length,
            decimals,
            data_element: String::new(),
            description: String::new(),
        }
    }

    #[test]
    fn assignment_cuts_and_pads_like_abap() {
        assert_eq!(
            assign(&field("CHAR", 3, 0), "ABCDE").unwrap(),
            Value::Char("ABC".into())
        );
        assert_eq!(
            assign(&field("NUMC", 3, 0), "12345").unwrap(),
            Value::Numc("345".into())
        );
        assert_eq!(
            assign(&field("NUMC", 3, 0), "").unwrap(),
            Value::Numc("000".into())
        );
        assert_eq!(
            assign(&field("RAW", 2, 0), "ab").unwrap(),
            Value::Char("AB00".into())
        );
        assert_eq!(
            assign(&field("DEC", 5, 2), "12.345").unwrap(),
            Value::Packed {
                units: 1235,
                decimals: 2
            }
        );
        assert_eq!(
            assign(&field("DEC", 5, 2), "7-").unwrap(),
            Value::Packed {
                units: -700,
                decimals: 2
            }
        );
    }

    #[test]
    fn numbers_that_are_none_or_too_big_raise_the_conversion_exceptions() {
        assert_eq!(
            assign(&field("DEC", 5, 2), "1x"),
            Err(SystemError::Conversion(
                "Unable to interpret \"1x\" as a number.".into()
            ))
        );
        assert_eq!(
            assign(&field("DEC", 5, 2), "1000"),
            Err(SystemError::Conversion(
                "Overflow converting from \"1000\"".into()
            ))
        );
        assert_eq!(
            assign(&field("INT1", 3, 0), "300"),
            Err(SystemError::Conversion(
                "Overflow converting from \"300\"".into()
            ))
        );
        assert!(assign(&field("INT8", 19, 0), "12").is_ok());
    }

    #[test]
    fn the_command_checks_only_what_its_source_checks() {
        assert!(command_check(&field("DATS", 8, 0), "20261399").is_ok());
        assert!(command_check(&field("DATS", 8, 0), "2026-12-01").is_err());
        assert!(command_check(&field("TIMS", 6, 0), "256000").is_ok());
        assert!(command_check(&field("NUMC", 3, 0), "").is_ok());
        assert!(command_check(&field("NUMC", 3, 0), "1a").is_err());
        assert!(command_check(&field("INT4", 10, 0), " -12 ").is_ok());
        assert!(command_check(&field("INT4", 10, 0), "-").is_err());
        assert!(command_check(&field("INT4", 10, 0), "1 2").is_err());
        assert!(command_check(&field("RAW", 2, 0), "ABC").is_err());
        assert!(command_check(&field("CHAR", 2, 0), "anything at all").is_ok());
    }
}
