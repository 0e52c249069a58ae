//! Benchmark objects in `$ZBENCH`: a generated class of about 10,000 lines
//! and a 50-column table with 1,200 rows, for the UI viewer and grid.

use super::add_class;
use super::class_builder::{method, ClassSpec, Visibility};
use super::ddic_helpers::{elementary, table, FieldSpec};
use crate::data::Value;
use crate::ddic::TableKind;
use crate::system::System;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const BENCH: &str = "$ZBENCH";
/// Name of the ~10,000-line class.
pub const BIG_CLASS: &str = "ZCL_BENCH_BIG_CLASS";
/// Name of the 50-column table.
pub const WIDE_TABLE: &str = "ZBENCH_WIDE";

pub(crate) fn seed(system: &mut System) {
    big_class(system);
    wide_table(system);
}

/// 170 methods of about 60 lines each: validation rules with realistic ABAP.
fn big_class(system: &mut System) {
    let mut spec = ClassSpec::new(BIG_CLASS);
    spec.public_decls = vec![
        "TYPES: BEGIN OF ty_result,".to_string(),
        "         rule    TYPE string,".to_string(),
        "         passed  TYPE abap_bool,".to_string(),
        "         message TYPE string,".to_string(),
        "       END OF ty_result .".to_string(),
        "TYPES tt_results TYPE STANDARD TABLE OF ty_result WITH DEFAULT KEY .".to_string(),
    ];
    spec.private_decls = vec!["DATA mt_results TYPE tt_results .".to_string()];
    for index in 1..=170 {
        let name = format!("check_rule_{index:03}");
        let mut body = vec![
            format!(
                "\" Rule {index}: flights of carrier group {} must be consistent",
                index % 17
            ),
            "DATA lv_count TYPE i.".to_string(),
            "DATA lv_limit TYPE i.".to_string(),
            "DATA lt_flights TYPE STANDARD TABLE OF sflight WITH DEFAULT KEY.".to_string(),
            format!("lv_limit = {}.", 50 + index % 40),
            "SELECT * FROM sflight".to_string(),
            "  WHERE carrid = @iv_carrid".to_string(),
            "  INTO TABLE @lt_flights".to_string(),
            "  UP TO @lv_limit ROWS.".to_string(),
            "LOOP AT lt_flights INTO DATA(ls_flight).".to_string(),
            "  IF ls_flight-seatsocc > ls_flight-seatsmax.".to_string(),
            "    lv_count = lv_count + 1.".to_string(),
            format!("  ELSEIF ls_flight-price < {}.", index * 3),
            "    lv_count = lv_count + 2.".to_string(),
            "  ENDIF.".to_string(),
            "ENDLOOP.".to_string(),
        ];
        for step in 0..6 {
            body.push(format!("IF lv_count > {}.", step * 2 + index % 5));
            body.push(format!("  lv_limit = lv_limit - {}.", step + 1));
            body.push("ELSE.".to_string());
            body.push(format!("  lv_limit = lv_limit + {}.", step + 2));
            body.push("ENDIF.".to_string());
        }
        body.push("APPEND VALUE #( rule    = |RULE_{ lv_limit }|".to_string());
        body.push("                passed  = xsdbool( lv_count = 0 )".to_string());
        body.push(format!("                message = |Rule {index}: {{ lv_count }} violation(s)| ) TO mt_results."));
        body.push("rv_passed = xsdbool( lv_count = 0 ).".to_string());
        let body_refs: Vec<&str> = body.iter().map(String::as_str).collect();
        spec.methods.push(method(
            &name,
            Visibility::Public,
            &[
                "IMPORTING",
                "  !iv_carrid TYPE s_carr_id",
                "RETURNING",
                "  VALUE(rv_passed) TYPE abap_bool",
            ],
            &body_refs,
        ));
    }
    add_class(
        system,
        spec,
        BENCH,
        "Benchmark: very large class (about 10,000 lines)",
    );
}

fn wide_table(system: &mut System) {
    elementary(
        system,
        BENCH,
        "ZBENCH_ID",
        "NUMC",
        10,
        0,
        "Benchmark row number",
    );
    elementary(
        system,
        BENCH,
        "ZBENCH_TEXT",
        "CHAR",
        20,
        0,
        "Benchmark text",
    );
    elementary(
        system,
        BENCH,
        "ZBENCH_AMOUNT",
        "CURR",
        13,
        2,
        "Benchmark amount",
    );
    elementary(
        system,
        BENCH,
        "ZBENCH_QTY",
        "INT4",
        10,
        0,
        "Benchmark quantity",
    );
    elementary(system, BENCH, "ZBENCH_DATE", "DATS", 8, 0, "Benchmark date");
    elementary(system, BENCH, "ZBENCH_TIME", "TIMS", 6, 0, "Benchmark time");
    elementary(system, BENCH, "ZBENCH_FLAG", "CHAR", 1, 0, "Benchmark flag");
    let kinds = [
        "ZBENCH_TEXT",
        "ZBENCH_AMOUNT",
        "ZBENCH_QTY",
        "ZBENCH_DATE",
        "ZBENCH_TIME",
        "ZBENCH_FLAG",
        "S_CARR_ID",
        "S_CURRCODE",
    ];
    let names: Vec<String> = (1..=47)
        .map(|i| format!("{}_{i:02}", column_prefix(kinds[i % kinds.len()])))
        .collect();
    let mut fields: Vec<FieldSpec<'_>> = vec![
        ("MANDT", true, "MANDT"),
        ("ROW_ID", true, "ZBENCH_ID"),
        ("CARRID", false, "S_CARR_ID"),
    ];
    for (i, name) in names.iter().enumerate() {
        fields.push((name.as_str(), false, kinds[(i + 1) % kinds.len()]));
    }
    table(
        system,
        BENCH,
        WIDE_TABLE,
        TableKind::Transparent,
        "A",
        "Benchmark: wide table (50 columns)",
        &fields,
    );
    let Some(definition) = system.tables.get(WIDE_TABLE).cloned() else {
        return;
    };
    let mut rng = StdRng::seed_from_u64(0xB16_7AB1E);
    let carriers = super::flight_model::CARRIERS;
    let rows = (1..=1200u32)
        .map(|row| {
            definition
                .fields
                .iter()
                .map(|field| match field.name.as_str() {
                    "MANDT" => Value::Char("100".to_string()),
                    "ROW_ID" => Value::Numc(format!("{row:010}")),
                    _ => random_value(&mut rng, &field.data_element, row, &carriers),
                })
                .collect()
        })
        .collect();
    system.table_rows.insert(WIDE_TABLE.to_string(), rows);
}

fn column_prefix(element: &str) -> &'static str {
    match element {
        "ZBENCH_TEXT" => "TEXT",
        "ZBENCH_AMOUNT" => "AMOUNT",
        "ZBENCH_QTY" => "QTY",
        "ZBENCH_DATE" => "DATE",
        "ZBENCH_TIME" => "TIME",
        "ZBENCH_FLAG" => "FLAG",
        "S_CARR_ID" => "CARRIER",
        _ => "CURRENCY",
    }
}

fn random_value(
    rng: &mut StdRng,
    element: &str,
    row: u32,
    carriers: &[(&str, &str, &str, &str)],
) -> Value {
    const WORDS: [&str; 10] = [
        "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
        "Juliett",
    ];
    match element {
        "ZBENCH_AMOUNT" => Value::Packed {
            units: rng.random_range(0..10_000_000),
            decimals: 2,
        },
        "ZBENCH_QTY" => Value::Int(rng.random_range(0..5000)),
        "ZBENCH_DATE" => {
            let day = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default()
                + chrono::Duration::days(rng.random_range(0..900));
            Value::Date(day.format("%Y%m%d").to_string())
        }
        "ZBENCH_TIME" => Value::Time(format!(
            "{:02}{:02}{:02}",
            rng.random_range(0..24),
            rng.random_range(0..60),
            rng.random_range(0..60)
        )),
        "ZBENCH_FLAG" => Value::Char(if rng.random_bool(0.4) { "X" } else { "" }.to_string()),
        "S_CARR_ID" => Value::Char(carriers[(row as usize) % carriers.len()].0.to_string()),
        "S_CURRCODE" => Value::Char(carriers[rng.random_range(0..carriers.len())].2.to_string()),
        _ => Value::Char(format!(
            "{} {}",
            WORDS[rng.random_range(0..WORDS.len())],
            row
        )),
    }
}
