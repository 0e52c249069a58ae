use abap_system::engines::syntax::{check_class, check_ddls, check_program};
use abap_system::{ClassSource, ObjectType, Severity, SourcePart, System};

#[test]
fn every_seeded_source_is_free_of_errors() {
    let system = System::seeded();
    for object in system.objects() {
        let messages = system
            .syntax_check_object(object.object_type, &object.name)
            .unwrap();
        let errors: Vec<_> = messages
            .iter()
            .filter(|m| m.severity == Severity::Error)
            .collect();
        assert!(
            errors.is_empty(),
            "{} {}: {errors:?}",
            object.object_type,
            object.name
        );
    }
}

#[test]
fn unknown_statement_is_reported_with_line_and_column() {
    let source = "REPORT ztest.\n\nDATA lv_x TYPE i.\n  FOO lv_x.\nWRITE lv_x.";
    let messages = check_program(source);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0].line, 4);
    assert_eq!(messages[0].column, 3);
    assert_eq!(messages[0].text, "The statement \"FOO\" is unexpected.");
}

#[test]
fn undeclared_variable_is_reported() {
    let source = "REPORT ztest.\nDATA lv_text TYPE string.\nlv_text = 'a'.\nlv_test = lv_text.";
    let messages = check_program(source);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0].line, 4);
    assert_eq!(
        messages[0].text,
        "\"LV_TEST\" is not defined. Check your spelling."
    );
}

#[test]
fn inline_declarations_and_parameters_count_as_declared() {
    let source = "REPORT ztest.\nSELECT * FROM sflight INTO TABLE @DATA(lt_flights).\nLOOP AT lt_flights INTO DATA(ls_flight).\n  WRITE ls_flight-carrid.\nENDLOOP.";
    assert!(check_program(source).is_empty());
}

#[test]
fn unbalanced_blocks_and_missing_period() {
    let source = "REPORT ztest.\nIF 1 = 1.\n  WRITE 'x'.\nLOOP AT itab INTO wa.\nENDIF.\nDO 3 TIMES.\n  WRITE 'y'";
    let messages = check_program(source);
    let texts: Vec<(usize, &str)> = messages.iter().map(|m| (m.line, m.text.as_str())).collect();
    assert!(
        texts.contains(&(5, "\"ENDLOOP.\" expected, not \"ENDIF.\"")),
        "{texts:?}"
    );
    assert!(
        texts.contains(&(7, "The last statement is not complete (period missing).")),
        "{texts:?}"
    );
    assert!(
        texts.contains(&(6, "The \"DO\" statement is not closed with \"ENDDO.\"")),
        "{texts:?}"
    );
}

#[test]
fn stray_closing_statement_is_unexpected() {
    let messages = check_program("REPORT ztest.\nENDMETHOD.");
    assert_eq!(
        messages[0].text,
        "The statement \"ENDMETHOD\" is unexpected."
    );
    assert_eq!(messages[0].line, 2);
}

#[test]
fn class_errors_point_into_the_right_file() {
    let class = ClassSource {
        main: "CLASS zcl_x DEFINITION PUBLIC.\n  PUBLIC SECTION.\n    METHODS run.\nENDCLASS.\nCLASS zcl_x IMPLEMENTATION.\n  METHOD run.\n    DATA lv_a TYPE i.\n    lv_a = 1.\n  ENDMETHOD.\nENDCLASS.".to_string(),
        locals_def: String::new(),
        locals_imp: "CLASS lcl_h IMPLEMENTATION.\n  METHOD go.\n    lv_b = 2.\n  ENDMETHOD.\nENDCLASS.".to_string(),
        testclasses: String::new(),
    };
    let messages = check_class(&class);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0].part, SourcePart::LocalsImp);
    assert_eq!(messages[0].line, 3);
    assert_eq!(messages[0].method_name, "GO");
}

#[test]
fn method_outside_implementation_is_unexpected() {
    let class = ClassSource {
        main: "CLASS zcl_x DEFINITION PUBLIC.\n  PUBLIC SECTION.\n  METHOD run.\n  ENDMETHOD.\nENDCLASS.".to_string(),
        ..ClassSource::default()
    };
    let messages = check_class(&class);
    assert_eq!(messages[0].line, 3);
    assert_eq!(messages[0].text, "The statement \"METHOD\" is unexpected.");
}

#[test]
fn ddls_checks() {
    assert!(check_ddls("@AccessControl.authorizationCheck: #CHECK\ndefine view entity ZI_X as select from sflight { key carrid }").is_empty());
    let missing_define =
        check_ddls("@EndUserText.label: 'x'\nview entity ZI_X as select from sflight { carrid }");
    assert!(missing_define.iter().any(|m| m.text.contains("DEFINE")));
    let unbalanced = check_ddls("@AccessControl.authorizationCheck: #CHECK\ndefine view entity ZI_X as select from sflight {\n  key carrid,\n  connid\n");
    let error = unbalanced
        .iter()
        .find(|m| m.severity == Severity::Error)
        .unwrap();
    assert_eq!(
        (error.line, error.text.as_str()),
        (2, "\"{\" is not closed: \"}\" expected.")
    );
    let _ = ObjectType::Ddls;
}

#[test]
fn modern_and_classic_constructs_are_accepted() {
    let source = "REPORT ztest.
DATA: BEGIN OF ls_pair,
        key   TYPE string,
        value TYPE string,
      END OF ls_pair.
DATA lt_words TYPE string_table.
ls_pair-key = 'a'.
NEW zcl_demo_logger( )->zif_demo_logger~info( `x` ).
DATA(lv_text) = COND string( WHEN ls_pair-key = 'a' THEN `yes` ELSE `no` ).
LOOP AT lt_words ASSIGNING FIELD-SYMBOL(<lv_word>).
  AT FIRST.
    WRITE / 'first'.
  ENDAT.
ENDLOOP.
SELECT COUNT(*) FROM sflight INTO @DATA(lv_count).
SELECT * FROM sflight INTO @DATA(ls_flight) UP TO 3 ROWS.
  WRITE / ls_flight-carrid.
ENDSELECT.
DEFINE add_word.
  APPEND &1 TO lt_words.
END-OF-DEFINITION.
EXEC SQL.
  SELECT 1 FROM DUMMY
ENDEXEC.
CASE lv_text.
  WHEN 'yes'.
  WHEN OTHERS.
ENDCASE.
TRY.
    lv_count = lv_count / 0.
  CATCH cx_sy_zerodivide INTO DATA(lx_error).
    MESSAGE lx_error TYPE 'I'.
ENDTRY.";
    let messages = check_program(source);
    assert!(messages.is_empty(), "{messages:?}");
    // The checker still runs after the skipped blocks.
    let broken = format!("{source}\nFOO.");
    let messages = check_program(&broken);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0].word, "FOO");
}

#[test]
fn embedded_expressions_of_string_templates_are_checked() {
    let clean = "REPORT ztest.\nDATA lv_name TYPE string.\nDATA lt_rows TYPE string_table.\nlv_name = |Hello { lv_name WIDTH = 10 }, { lines( lt_rows ) } rows, { 'lv_not_code' }, \\{ lv_escaped \\}|.\nWRITE lv_name.";
    assert_eq!(check_program(clean), Vec::new());
    let broken = "REPORT ztest.\nDATA lv_name TYPE string.\nlv_name = |Hello { lv_nmae }|.";
    let messages = check_program(broken);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0].line, 3);
    assert_eq!(messages[0].column, 20);
    assert_eq!(
        messages[0].text,
        "\"LV_NMAE\" is not defined. Check your spelling."
    );
}
