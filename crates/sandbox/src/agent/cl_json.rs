//! Table rows as `/ui2/cl_json=>serialize` writes them (no pretty name, compress off): what the
//! as-implemented `/preview` puts into ROWS. Written as text so that numbers keep ABAP's
//! digits (a packed `12.50` stays `12.50`).

use abap_system::{FieldDef, Row, Value as Cell};
use base64::Engine;

/// Data elements whose CHAR1 fields the serializer writes as `true`/`false` (its `mc_bool_types`).
const BOOL_TYPES: [&str; 6] = [
    "ABAP_BOOL",
    "BOOLEAN",
    "BOOLE_D",
    "XFELD",
    "XSDBOOLEAN",
    "WDY_BOOLEAN",
];

/// `[{"FIELD":value,...},...]` for every column of every row, in field order.
pub(crate) fn rows(fields: &[FieldDef], rows: &[Row]) -> String {
    let objects: Vec<String> = rows
        .iter()
        .map(|row| {
            let members: Vec<String> = fields
                .iter()
                .zip(row)
                .map(|(field, cell)| format!("{}:{}", quoted(&field.name), value(field, cell)))
                .collect();
            format!("{{{}}}", members.join(","))
        })
        .collect();
    format!("[{}]", objects.join(","))
}

/// One value as the serializer's `dump_type` writes it for the field's type kind.
pub(crate) fn value(field: &FieldDef, cell: &Cell) -> String {
    match cell {
        // NUMC: a number without its leading zeros; the initial value is 0.
        Cell::Numc(digits) => {
            let trimmed = digits.trim().trim_start_matches('0');
            if trimmed.is_empty() {
                "0".to_string()
            } else {
                trimmed.to_string()
            }
        }
        // Dates `YYYY-MM-DD`, times `HH:MM:SS`; the initial value is an empty string.
        Cell::Date(text) if is_initial(text) => "\"\"".to_string(),
        Cell::Date(text) if text.len() == 8 => {
            format!("\"{}-{}-{}\"", &text[0..4], &text[4..6], &text[6..8])
        }
        Cell::Time(text) if is_initial(text) => "\"\"".to_string(),
        Cell::Time(text) if text.len() == 6 => {
            format!("\"{}:{}:{}\"", &text[0..2], &text[2..4], &text[4..6])
        }
        Cell::Int(number) => number.to_string(),
        Cell::Packed { units: 0, .. } => "0".to_string(),
        Cell::Packed { units, decimals } => abap_system::data::format_packed(*units, *decimals),
        Cell::Char(text) if field.ddic_type == "RAW" => raw_as_base64(text),
        Cell::Char(text) if is_bool(field) => {
            if text == "X" { "true" } else { "false" }.to_string()
        }
        other => quoted(other.to_text().trim_end()),
    }
}

fn is_initial(text: &str) -> bool {
    text.trim().chars().all(|c| c == '0')
}

fn is_bool(field: &FieldDef) -> bool {
    field.ddic_type == "CHAR"
        && field.length == 1
        && BOOL_TYPES.contains(&field.data_element.as_str())
}

/// RAW fields: `hex_as_base64` is on by default.
fn raw_as_base64(hex: &str) -> String {
    let bytes: Vec<u8> = (0..hex.len() / 2)
        .filter_map(|i| u8::from_str_radix(hex.get(i * 2..i * 2 + 2)?, 16).ok())
        .collect();
    if bytes.is_empty() {
        return "\"\"".to_string();
    }
    quoted(&base64::engine::general_purpose::STANDARD.encode(bytes))
}

fn quoted(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, ddic_type: &str, length: u32, data_element: &str) -> FieldDef {
        FieldDef {
            name: name.to_string(),
            key: false,
            ddic_type: ddic_type.to_string(),
            length,
            decimals: 0,
            data_element: data_element.to_string(),
            description: String::new(),
        }
    }

    #[test]
    fn values_as_the_serializer_writes_them() {
        let numc = field("CONNID", "NUMC", 4, "S_CONN_ID");
        assert_eq!(value(&numc, &Cell::Numc("0400".into())), "400");
        assert_eq!(value(&numc, &Cell::Numc("0000".into())), "0");
        let date = field("FLDATE", "DATS", 8, "S_DATE");
        assert_eq!(
            value(&date, &Cell::Date("20261031".into())),
            "\"2026-10-31\""
        );
        assert_eq!(value(&date, &Cell::Date("00000000".into())), "\"\"");
        let time = field("DEPTIME", "TIMS", 6, "S_DEP_TIME");
        assert_eq!(value(&time, &Cell::Time("143005".into())), "\"14:30:05\"");
        let price = field("PRICE", "CURR", 15, "S_PRICE");
        let packed = |units| Cell::Packed { units, decimals: 2 };
        assert_eq!(value(&price, &packed(1250)), "12.50");
        assert_eq!(value(&price, &packed(-1250)), "-12.50");
        assert_eq!(value(&price, &packed(0)), "0");
        let raw = field("COLOR", "RAW", 3, "ZFL_COLOR");
        assert_eq!(value(&raw, &Cell::Char("FF8000".into())), "\"/4AA\"");
        let flag = field("ACTIVE", "CHAR", 1, "XFELD");
        assert_eq!(value(&flag, &Cell::Char("X".into())), "true");
        assert_eq!(value(&flag, &Cell::Char(String::new())), "false");
        let text = field("NAME", "CHAR", 20, "S_CARRNAME");
        assert_eq!(
            value(&text, &Cell::Char("Say \"hi\"".into())),
            r#""Say \"hi\"""#
        );
    }

    #[test]
    fn rows_are_an_array_of_objects() {
        let fields = [
            field("CARRID", "CHAR", 3, "S_CARR_ID"),
            field("CONNID", "NUMC", 4, "S_CONN_ID"),
        ];
        let text = rows(
            &fields,
            &[vec![Cell::Char("LH".into()), Cell::Numc("0400".into())]],
        );
        assert_eq!(text, r#"[{"CARRID":"LH","CONNID":400}]"#);
        assert_eq!(rows(&fields, &[]), "[]");
    }
}
