//! The local demo package `$ZDEMO` (no transports): small classes with unit
//! tests (some failing), a logger interface, reports and a settings table.

use super::class_builder::{interface_method, lines, method, ClassSpec, Visibility};
use super::ddic_helpers::{elementary, table};
use super::{add_class, add_source};
use crate::data::Value;
use crate::ddic::TableKind;
use crate::repository::ObjectType;
use crate::system::System;

const DEMO: &str = "$ZDEMO";
const UTILS: &str = "$ZDEMO_UTILS";
const SANDBOX: &str = "$ZDEMO_SANDBOX";
const OLD: &str = "$ZDEMO_SANDBOX_OLD";

pub(crate) fn seed(system: &mut System) {
    add_source(system, ObjectType::Intf, "ZIF_DEMO_LOGGER", UTILS, "Simple application log", &lines(
        "INTERFACE zif_demo_logger\n  PUBLIC .\n\n  METHODS info\n    IMPORTING\n      !iv_text TYPE string .\n  METHODS error\n    IMPORTING\n      !iv_text TYPE string .\n  METHODS get_messages\n    RETURNING\n      VALUE(rt_messages) TYPE string_table .\nENDINTERFACE.",
    ));
    calculator(system);
    string_utils(system);
    logger(system);
    add_source(system, ObjectType::Prog, "ZDEMO_HELLO_WORLD", DEMO, "Hello world", &lines(
        "REPORT zdemo_hello_world.\n\nPARAMETERS p_name TYPE string LOWER CASE DEFAULT 'World'.\n\nSTART-OF-SELECTION.\n  DATA(lo_logger) = NEW zcl_demo_logger( ).\n  lo_logger->zif_demo_logger~info( |Hello, { p_name }!| ).\n  WRITE: / |Hello, { p_name }!|.",
    ));
    add_source(system, ObjectType::Prog, "ZDEMO_CALCULATOR", DEMO, "Calculator demo", &lines(
        "REPORT zdemo_calculator.\n\nPARAMETERS: p_a TYPE i DEFAULT 10,\n            p_b TYPE i DEFAULT 0.\n\nSTART-OF-SELECTION.\n  DATA lv_result TYPE i.\n  DATA(lo_calculator) = NEW zcl_demo_calculator( ).\n  lv_result = lo_calculator->divide( iv_a = p_a iv_b = p_b ).\n  WRITE: / p_a, '/', p_b, '=', lv_result.",
    ));
    settings_table(system);
    sandbox(system);
}

/// Scratch objects: the kind of thing every development system collects.
fn sandbox(system: &mut System) {
    let mut scratch = ClassSpec::new("ZCL_DEMO_SCRATCH");
    scratch.private_decls = lines("DATA mo_logger TYPE REF TO zif_demo_logger .");
    scratch.methods.push(method(
        "constructor",
        Visibility::Public,
        &[],
        &["mo_logger = NEW zcl_demo_logger( )."],
    ));
    scratch.methods.push(method(
        "try_title_case",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_text TYPE string",
            "RETURNING",
            "  VALUE(rv_text) TYPE string",
        ],
        &[
            "DATA(lo_utils) = NEW zcl_demo_string_utils( ).",
            "rv_text = lo_utils->to_title_case( iv_text ).",
            "mo_logger->info( rv_text ).",
        ],
    ));
    add_class(system, scratch, SANDBOX, "Scratch class for experiments");
    add_source(system, ObjectType::Prog, "ZDEMO_TEST_SELECT", SANDBOX, "Try out Open SQL", &lines(
        "REPORT zdemo_test_select.\n\nPARAMETERS p_price TYPE s_price DEFAULT '500.00'.\n\nSTART-OF-SELECTION.\n  SELECT carrid, connid, fldate, price, currency\n    FROM sflight\n    WHERE price <= @p_price\n    ORDER BY price DESCENDING\n    INTO TABLE @DATA(lt_cheap)\n    UP TO 20 ROWS.\n  cl_demo_output=>display( lt_cheap ).",
    ));
    add_source(system, ObjectType::Prog, "ZDEMO_OLD_REPORT", OLD, "Old-style flight list (FORM routines)", &lines(
        "REPORT zdemo_old_report NO STANDARD PAGE HEADING.\n\nTABLES: spfli.\n\nDATA: gv_count TYPE i.\n\nSELECT-OPTIONS: s_carr FOR spfli-carrid.\n\nSTART-OF-SELECTION.\n  PERFORM list_connections.\n\nEND-OF-SELECTION.\n  WRITE: / gv_count, 'connections'.\n\n*&---------------------------------------------------------------------*\n*& Form list_connections\n*&---------------------------------------------------------------------*\nFORM list_connections.\n  SELECT * FROM spfli WHERE carrid IN s_carr.\n    WRITE: / spfli-carrid, spfli-connid, spfli-cityfrom, spfli-cityto.\n    gv_count = gv_count + 1.\n  ENDSELECT.\nENDFORM.",
    ));
    add_source(system, ObjectType::Prog, "ZTEST_JSMITH", "$TMP", "Test JSMITH (do not transport)", &lines(
        "REPORT ztest_jsmith.\n\nDATA lv_total TYPE p LENGTH 15 DECIMALS 2.\n\nSELECT SUM( paymentsum ) FROM sflight WHERE carrid = 'LH' INTO @lv_total.\nWRITE: / 'Lufthansa revenue:', lv_total.",
    ));
}

fn calculator(system: &mut System) {
    let mut spec = ClassSpec::new("ZCL_DEMO_CALCULATOR");
    spec.methods.push(method(
        "add",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_a TYPE i",
            "  !iv_b TYPE i",
            "RETURNING",
            "  VALUE(rv_result) TYPE i",
        ],
        &["rv_result = iv_a + iv_b."],
    ));
    spec.methods.push(method(
        "subtract",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_a TYPE i",
            "  !iv_b TYPE i",
            "RETURNING",
            "  VALUE(rv_result) TYPE i",
        ],
        &["rv_result = iv_a - iv_b."],
    ));
    spec.methods.push(method(
        "multiply",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_a TYPE i",
            "  !iv_b TYPE i",
            "RETURNING",
            "  VALUE(rv_result) TYPE i",
        ],
        &["rv_result = iv_a * iv_b."],
    ));
    spec.methods.push(method(
        "divide",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_a TYPE i",
            "  !iv_b TYPE i",
            "RETURNING",
            "  VALUE(rv_result) TYPE i",
        ],
        &["rv_result = iv_a / iv_b."],
    ));
    spec.testclasses = lines(
        "*\"* use this source file for your ABAP unit test classes\nCLASS ltcl_calculator DEFINITION FINAL FOR TESTING\n  DURATION SHORT\n  RISK LEVEL HARMLESS.\n\n  PRIVATE SECTION.\n    DATA mo_cut TYPE REF TO zcl_demo_calculator.\n    METHODS setup.\n    METHODS add FOR TESTING.\n    METHODS subtract FOR TESTING.\n    METHODS multiply FOR TESTING.\n    METHODS divide FOR TESTING.\n    METHODS divide_by_zero FOR TESTING.\nENDCLASS.\n\nCLASS ltcl_calculator IMPLEMENTATION.\n\n  METHOD setup.\n    mo_cut = NEW #( ).\n  ENDMETHOD.\n\n  METHOD add.\n    DATA(lv_result) = 2 + 3.\n    cl_abap_unit_assert=>assert_equals( act = lv_result exp = 5 ).\n  ENDMETHOD.\n\n  METHOD subtract.\n    DATA(lv_result) = 10 - 4.\n    cl_abap_unit_assert=>assert_equals( act = lv_result exp = 6 ).\n  ENDMETHOD.\n\n  METHOD multiply.\n    DATA(lv_result) = 6 * 7.\n    cl_abap_unit_assert=>assert_equals( act = lv_result exp = 42 ).\n  ENDMETHOD.\n\n  METHOD divide.\n    \" Integer division rounds in ABAP: 7 / 2 = 4\n    DATA(lv_result) = 7 / 2.\n    cl_abap_unit_assert=>assert_equals( act = lv_result exp = 3 msg = 'Integer division' ).\n  ENDMETHOD.\n\n  METHOD divide_by_zero.\n    DATA(lv_zero) = 0.\n    DATA(lv_result) = 1 / lv_zero.\n    cl_abap_unit_assert=>assert_initial( act = lv_result ).\n  ENDMETHOD.\n\nENDCLASS.",
    );
    add_class(system, spec, DEMO, "Calculator (unit test demo)");
}

fn string_utils(system: &mut System) {
    let mut spec = ClassSpec::new("ZCL_DEMO_STRING_UTILS");
    spec.methods.push(method(
        "reverse",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_text TYPE string",
            "RETURNING",
            "  VALUE(rv_text) TYPE string",
        ],
        &["rv_text = reverse( iv_text )."],
    ));
    spec.methods.push(method("to_title_case", Visibility::Public, &[
        "IMPORTING", "  !iv_text TYPE string", "RETURNING", "  VALUE(rv_text) TYPE string",
    ], &[
        "DATA lt_words TYPE string_table.",
        "SPLIT iv_text AT space INTO TABLE lt_words.",
        "LOOP AT lt_words ASSIGNING FIELD-SYMBOL(<lv_word>).",
        "  <lv_word> = to_upper( substring( val = <lv_word> len = 1 ) ) && to_lower( substring( val = <lv_word> off = 1 ) ).",
        "ENDLOOP.",
        "rv_text = concat_lines_of( table = lt_words sep = ` ` ).",
    ]));
    spec.methods.push(method(
        "is_palindrome",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_text TYPE string",
            "RETURNING",
            "  VALUE(rv_result) TYPE abap_bool",
        ],
        &[
            "DATA(lv_clean) = to_lower( condense( val = iv_text del = ` ` ) ).",
            "rv_result = xsdbool( lv_clean = reverse( lv_clean ) ).",
        ],
    ));
    spec.testclasses = lines(
        "*\"* use this source file for your ABAP unit test classes\nCLASS ltcl_string_utils DEFINITION FINAL FOR TESTING\n  DURATION SHORT\n  RISK LEVEL HARMLESS.\n\n  PRIVATE SECTION.\n    CONSTANTS c_word TYPE string VALUE 'abap'.\n    METHODS reverse FOR TESTING.\n    METHODS palindrome FOR TESTING.\n    METHODS not_a_palindrome FOR TESTING.\nENDCLASS.\n\nCLASS ltcl_string_utils IMPLEMENTATION.\n\n  METHOD reverse.\n    cl_abap_unit_assert=>assert_equals( act = 'paba' exp = 'paba' ).\n  ENDMETHOD.\n\n  METHOD palindrome.\n    cl_abap_unit_assert=>assert_true( act = abap_true ).\n  ENDMETHOD.\n\n  METHOD not_a_palindrome.\n    cl_abap_unit_assert=>assert_false( act = abap_false ).\n  ENDMETHOD.\n\nENDCLASS.",
    );
    add_class(system, spec, UTILS, "String helpers");
}

fn logger(system: &mut System) {
    let mut spec = ClassSpec::new("ZCL_DEMO_LOGGER");
    spec.interfaces = vec!["zif_demo_logger".to_string()];
    spec.private_decls = lines("DATA mt_messages TYPE string_table .");
    spec.methods.push(interface_method(
        "zif_demo_logger",
        "info",
        &["APPEND |I: { iv_text }| TO mt_messages."],
    ));
    spec.methods.push(interface_method(
        "zif_demo_logger",
        "error",
        &["APPEND |E: { iv_text }| TO mt_messages."],
    ));
    spec.methods.push(interface_method(
        "zif_demo_logger",
        "get_messages",
        &["rt_messages = mt_messages."],
    ));
    add_class(system, spec, UTILS, "In-memory logger");
}

fn settings_table(system: &mut System) {
    elementary(
        system,
        DEMO,
        "ZDEMO_SETTING_KEY",
        "CHAR",
        30,
        0,
        "Setting name",
    );
    elementary(
        system,
        DEMO,
        "ZDEMO_SETTING_VALUE",
        "CHAR",
        80,
        0,
        "Setting value",
    );
    elementary(system, DEMO, "ZDEMO_CHANGED_ON", "DATS", 8, 0, "Changed on");
    table(
        system,
        DEMO,
        "ZDEMO_SETTINGS",
        TableKind::Transparent,
        "C",
        "Demo application settings",
        &[
            ("MANDT", true, "MANDT"),
            ("SETTING", true, "ZDEMO_SETTING_KEY"),
            ("VALUE", false, "ZDEMO_SETTING_VALUE"),
            ("CHANGED_ON", false, "ZDEMO_CHANGED_ON"),
        ],
    );
    let rows = [
        ("LOG_LEVEL", "INFO"),
        ("MAX_ROWS", "500"),
        ("THEME", "sap_horizon"),
    ]
    .iter()
    .map(|(k, v)| {
        vec![
            Value::Char("100".to_string()),
            Value::Char((*k).to_string()),
            Value::Char((*v).to_string()),
            Value::Date("20260110".to_string()),
        ]
    })
    .collect();
    system.table_rows.insert("ZDEMO_SETTINGS".to_string(), rows);
}
