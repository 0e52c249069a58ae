use abap_system::{FailureKind, System, TestOutcome};

fn outcome<'a>(run: &'a abap_system::UnitRun, method: &str) -> &'a TestOutcome {
    &run.tests
        .iter()
        .find(|t| t.method == method)
        .expect(method)
        .outcome
}

#[test]
fn calculator_tests_pass_and_fail_by_evaluation() {
    let system = System::seeded();
    let run = system.run_unit_tests("zcl_demo_calculator").unwrap();
    assert_eq!(run.tests.len(), 5);
    assert_eq!(outcome(&run, "ADD"), &TestOutcome::Passed);
    assert_eq!(outcome(&run, "MULTIPLY"), &TestOutcome::Passed);
    // 7 / 2 rounds to 4 for type i; the test expects 3.
    match outcome(&run, "DIVIDE") {
        TestOutcome::Failed { kind, text } => {
            assert_eq!(*kind, FailureKind::Failure);
            assert_eq!(text, "Integer division: Expected [3] but was [4]");
        }
        other => panic!("{other:?}"),
    }
    match outcome(&run, "DIVIDE_BY_ZERO") {
        TestOutcome::Failed { kind, text } => {
            assert_eq!(*kind, FailureKind::Error);
            assert!(text.contains("CX_SY_ZERODIVIDE"), "{text}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(run.passed_count(), 3);
    assert_eq!(run.failed_count(), 2);
    assert!(run.coverage.total_lines > 0);
    assert!(run.coverage.covered_lines <= run.coverage.total_lines);
}

#[test]
fn pricing_tests_use_constants() {
    let system = System::seeded();
    let run = system.run_unit_tests("ZCL_FLIGHT_PRICING").unwrap();
    assert_eq!(
        outcome(&run, "ECONOMY_PRICE_INCLUDES_FEE"),
        &TestOutcome::Passed
    );
    assert_eq!(
        outcome(&run, "BUSINESS_PRICE_IS_DOUBLED"),
        &TestOutcome::Passed
    );
    match outcome(&run, "DISCOUNT_IS_CAPPED") {
        TestOutcome::Failed { text, .. } => {
            assert_eq!(
                text,
                "Discount must be capped at 30%: Expected [350.00] but was [250.00]"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn explicit_fail_and_all_green_classes() {
    let system = System::seeded();
    let booking = system.run_unit_tests("ZCL_FLIGHT_BOOKING_SERVICE").unwrap();
    match outcome(&booking, "CANCEL_NOTIFIES_CUSTOMER") {
        TestOutcome::Failed { text, .. } => assert!(text.contains("'NULL'"), "{text}"),
        other => panic!("{other:?}"),
    }
    let strings = system.run_unit_tests("ZCL_DEMO_STRING_UTILS").unwrap();
    assert_eq!(strings.tests.len(), 3);
    assert_eq!(strings.failed_count(), 0);
    assert!(system.run_unit_tests("ZCL_NOPE").is_err());
}
