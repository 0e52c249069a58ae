use abap_system::engines::syntax::{check_ddls, check_program};
use abap_system::{parse_file_to_object, wildcard_match, ClassSource, Condition, System};
use proptest::prelude::*;
use std::sync::OnceLock;

/// One seeded system for all cases (seeding per case would dominate the run time).
fn system() -> &'static System {
    static SYSTEM: OnceLock<System> = OnceLock::new();
    SYSTEM.get_or_init(System::seeded)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn syntax_checker_never_panics(source in ".{0,400}") {
        let messages = check_program(&source);
        for message in messages {
            prop_assert!(message.line >= 1);
            prop_assert!(message.column >= 1);
        }
        let _ = check_ddls(&source);
        let class = ClassSource { main: source.clone(), locals_def: source.clone(), locals_imp: String::new(), testclasses: source };
        let _ = abap_system::engines::syntax::check_class(&class);
        let _ = abap_system::engines::aunit::run("ZCL_X", &class);
        let _ = class.sections();
    }

    #[test]
    fn abap_like_input_never_panics(source in "(IF|ENDIF|LOOP|ENDLOOP|METHOD|CLASS|DATA|lv_x|'|\\||\\{|\\.|:|,| |\n|=|\\(|\\)|\"|\\*){0,80}") {
        let _ = check_program(&source);
        let _ = check_ddls(&source);
    }

    #[test]
    fn where_parser_never_panics(condition in ".{0,200}") {
        let system = system();
        let fields = &system.table("SFLIGHT").unwrap().fields;
        if let Ok(parsed) = Condition::parse(&condition, fields) {
            for row in system.table_rows("SFLIGHT").unwrap().iter().take(5) {
                let _ = parsed.matches(row);
            }
        }
    }

    #[test]
    fn sql_like_input_never_panics(condition in "(carrid|price|fldate|AND|OR|NOT|LIKE|BETWEEN|IN|=|<>|<=|>|'LH'|'%'|17|-3.5|\\(|\\)|,| ){0,40}") {
        let system = system();
        let fields = &system.table("SFLIGHT").unwrap().fields;
        if let Ok(parsed) = Condition::parse(&condition, fields) {
            let _ = parsed.matches(&system.table_rows("SFLIGHT").unwrap()[0]);
        }
    }

    #[test]
    fn name_helpers_never_panic(text in ".{0,80}") {
        let _ = parse_file_to_object(&text);
        let _ = wildcard_match(&text, "ZCL_FLIGHT_PRICING");
        let _ = abap_system::repository::split_class_include(&text);
    }
}

#[test]
fn deep_nesting_is_rejected_not_overflowing() {
    let system = System::seeded();
    let fields = &system.table("SFLIGHT").unwrap().fields;
    let deep = format!("{}carrid = 'LH'{}", "(".repeat(5000), ")".repeat(5000));
    assert!(Condition::parse(&deep, fields).is_err());
    let long = vec!["carrid = 'LH'"; 3000].join(" AND ");
    assert!(Condition::parse(&long, fields).is_err());
    let nested_source = "IF a = b.\n".repeat(5000);
    assert_eq!(check_program(&nested_source).len(), 5000);
}
