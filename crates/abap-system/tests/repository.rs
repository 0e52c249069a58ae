use abap_system::{
    class_include_name, sql_like, wildcard_match, ObjectFilter, ObjectType, System, SystemError,
    TadirSelect, BIG_CLASS,
};

#[test]
fn package_tree_respects_depth_and_counts() {
    let system = System::seeded();
    let tree = system.package_tree("zflight", 3).unwrap();
    assert_eq!(tree[0].package, "ZFLIGHT");
    assert_eq!(tree[0].depth, 0);
    assert_eq!(tree.len(), 5);
    let core = tree.iter().find(|n| n.package == "ZFLIGHT_CORE").unwrap();
    assert_eq!(core.parent, "ZFLIGHT");
    assert_eq!(core.depth, 1);
    let listed = system
        .objects_in_package("ZFLIGHT_CORE", &ObjectFilter::default())
        .unwrap();
    let without_devc = listed.iter().filter(|o| o.object_type != ObjectType::Devc);
    assert_eq!(core.object_count, without_devc.count());
    let shallow = system.package_tree("$ZDEMO", 1).unwrap();
    assert!(shallow.iter().all(|n| n.depth <= 1));
    assert!(!shallow.iter().any(|n| n.package == "$ZDEMO_SANDBOX_OLD"));
    assert!(system
        .package_tree("$ZDEMO", 2)
        .unwrap()
        .iter()
        .any(|n| n.package == "$ZDEMO_SANDBOX_OLD"));
    assert_eq!(
        system.package_tree("$NOPE", 3),
        Err(SystemError::PackageNotFound("$NOPE".to_string()))
    );
}

#[test]
fn list_filters_by_type_and_wildcard() {
    let system = System::seeded();
    let filter = ObjectFilter {
        types: vec![ObjectType::Clas],
        name_pattern: Some("zcl_flight_*".to_string()),
        include_subpackages: true,
    };
    let classes = system.objects_in_package("ZFLIGHT", &filter).unwrap();
    let names: Vec<&str> = classes.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "ZCL_FLIGHT_BOOKING_SERVICE",
            "ZCL_FLIGHT_PRICING",
            "ZCL_FLIGHT_REPOSITORY",
            "ZCL_FLIGHT_STATISTICS"
        ]
    );
    assert!(wildcard_match("Z*_LH", "ZC_FLIGHT_LH"));
    assert!(wildcard_match("SFL+GHT", "SFLIGHT") && !wildcard_match("SFL+GHT", "SPFLI"));
}

#[test]
fn view_type_detection_follows_the_server() {
    let system = System::seeded();
    assert_eq!(
        system.detect_view_type("zcl_flight_pricing"),
        Some(ObjectType::Clas)
    );
    assert_eq!(system.detect_view_type("SFLIGHT"), Some(ObjectType::Tabl));
    assert_eq!(system.detect_view_type("S_CARR_ID"), Some(ObjectType::Dtel));
    assert_eq!(
        system.detect_view_type("SFLIGHT_KEY"),
        Some(ObjectType::Stru)
    );
    assert_eq!(system.detect_view_type("ZI_FLIGHT"), Some(ObjectType::Ddls));
    // Domains need an explicit type.
    assert_eq!(
        system.detect_view_type("S_DISTANCE"),
        Some(ObjectType::Dtel)
    );
    assert_eq!(system.detect_view_type("ZFLIGHT"), None);
    let include = class_include_name("ZCL_FLIGHT_PRICING", "CM001");
    assert_eq!(include.len(), 35);
    assert_eq!(system.detect_view_type(&include), Some(ObjectType::Clas));
    assert_eq!(system.detect_where_type("ZIF_ANYTHING"), ObjectType::Intf);
    assert_eq!(system.detect_where_type("ZFLIGHT_REPORT"), ObjectType::Prog);
    assert_eq!(system.detect_preview_type("ZI_FLIGHT"), ObjectType::Ddls);
    assert_eq!(system.detect_preview_type("SFLIGHT"), ObjectType::Tabl);
}

#[test]
fn class_sections_partition_the_main_source() {
    let system = System::seeded();
    for object in system
        .objects()
        .filter(|o| o.object_type == ObjectType::Clas)
    {
        let class = system.class(&object.name).unwrap();
        let sections = class.sections();
        let suffixes: Vec<&str> = sections.iter().map(|s| s.suffix.as_str()).take(3).collect();
        assert_eq!(suffixes, vec!["CU", "CO", "CP"], "{}", object.name);
        assert!(sections[0].lines[0].starts_with("CLASS "));
        assert!(sections[1]
            .lines
            .first()
            .is_none_or(|l| l.contains("PROTECTED SECTION")));
        for method in sections.iter().filter(|s| s.suffix.starts_with("CM")) {
            assert!(method.lines[0]
                .trim_start()
                .to_uppercase()
                .starts_with("METHOD "));
            assert!(method
                .lines
                .last()
                .unwrap()
                .trim()
                .eq_ignore_ascii_case("ENDMETHOD."));
            assert!(!method.method_name.is_empty());
        }
        if !class.testclasses.is_empty() {
            let tests = sections.iter().find(|s| s.suffix == "CCAU").unwrap();
            assert_eq!(tests.file, "testclasses");
        }
        assert!(class.public_section().contains("PUBLIC SECTION."));
    }
    let big = system.class(BIG_CLASS).unwrap();
    let methods = big.methods();
    assert_eq!(methods[9].suffix, "CM00A");
    assert_eq!(methods[35].suffix, "CM010");
}

#[test]
fn where_used_points_at_existing_objects_and_lines() {
    let system = System::seeded();
    let (object_type, refs) = system.where_used("ZCL_FLIGHT_STATISTICS", None).unwrap();
    assert_eq!(object_type, ObjectType::Clas);
    assert!(refs
        .iter()
        .any(|r| r.object_name == "ZFLIGHT_REPORT" && r.include_type == "Program"));
    let (_, refs) = system.where_used("zif_flight_repository", None).unwrap();
    assert!(refs.len() >= 3);
    for reference in &refs {
        let user = system
            .object(reference.object_type, &reference.object_name)
            .expect("user exists");
        assert_eq!(user.package, reference.package);
        let line = if reference.object_type == ObjectType::Clas {
            let suffix = &reference.include_name[30..];
            let section = system
                .class(&reference.object_name)
                .unwrap()
                .sections()
                .into_iter()
                .find(|s| s.suffix == suffix)
                .unwrap();
            assert_eq!(section.method_name, reference.method_name);
            section.lines[reference.line - 1].clone()
        } else {
            system
                .source(ObjectType::Prog, &reference.object_name)
                .unwrap()
                .lines()
                .nth(reference.line - 1)
                .unwrap()
                .to_string()
        };
        assert!(
            line.to_uppercase().contains("ZIF_FLIGHT_REPOSITORY"),
            "{line}"
        );
    }
    assert!(refs.iter().any(|r| r.include_type == "Public Section"));
    assert_eq!(
        system.where_used("ZCL_NOPE", None),
        Err(SystemError::ObjectNotFound("ZCL_NOPE".to_string()))
    );
}

#[test]
fn drop_refuses_data_elements_and_missing_objects() {
    let mut system = System::seeded();
    assert!(matches!(
        system.drop_object(ObjectType::Dtel, "S_CARR_ID"),
        Err(SystemError::DropRefused(_))
    ));
    let dropped = system
        .drop_object(ObjectType::Prog, "zdemo_hello_world")
        .unwrap();
    assert_eq!(dropped.package, "$ZDEMO");
    assert!(system.find_object("ZDEMO_HELLO_WORLD", None).is_none());
    assert!(matches!(
        system.drop_object(ObjectType::Prog, "ZDEMO_HELLO_WORLD"),
        Err(SystemError::ObjectNotFound(_))
    ));
}

#[test]
fn function_modules_are_cut_from_their_group() {
    let system = System::seeded();
    let modules = system.function_modules("zflight_api");
    let names: Vec<&str> = modules.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, vec!["Z_FLIGHT_GET_LIST", "Z_FLIGHT_BOOK"]);
    assert!(modules[1].1.starts_with("FUNCTION z_flight_book."));
    assert!(modules[1].1.ends_with("ENDFUNCTION."));
    assert!(system.function_modules("ZNOPE").is_empty());
}

#[test]
fn tadir_select_compares_like_the_database() {
    let system = System::seeded();
    // The package key is compared as stored: a lower-case name finds nothing.
    assert!(system.package_exact("ZFLIGHT_CORE").is_some());
    assert!(system.package_exact("zflight_core").is_none());
    let select = |devclass: &str, object_in: &[&str], name_like: Option<&str>| {
        system
            .select_tadir(&TadirSelect {
                devclass: devclass.to_string(),
                object_in: object_in.iter().map(|c| c.to_string()).collect(),
                name_like: name_like.map(str::to_string),
            })
            .into_iter()
            .map(|o| (o.object_type.code(), o.name.clone()))
            .collect::<Vec<_>>()
    };
    let all = select("ZFLIGHT_CORE", &[], None);
    assert!(!all.is_empty());
    assert!(select("zflight_core", &[], None).is_empty());
    // ORDER BY object, obj_name: the codes in byte order (DDLS before INTF before TABL).
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted);
    assert!(all.iter().any(|(t, _)| *t != "CLAS"), "several types");
    // The package's own DEVC entry sits in the package itself.
    assert!(all.contains(&("DEVC", "ZFLIGHT_CORE".to_string())));
    // LIKE: `%` and `_` are wildcards, case counts.
    let classes = select("ZFLIGHT_CORE", &["CLAS"], Some("ZCL_FLIGHT%"));
    assert!(!classes.is_empty());
    assert!(select("ZFLIGHT_CORE", &["CLAS"], Some("zcl_flight%")).is_empty());
    assert_eq!(
        select("ZFLIGHT_CORE", &["CLAS"], Some("ZCL_FLIGHT_PRICIN_")),
        vec![("CLAS", "ZCL_FLIGHT_PRICING".to_string())]
    );
    // `*` and `+` mean nothing to LIKE.
    assert!(select("ZFLIGHT_CORE", &[], Some("ZCL_FLIGHT*")).is_empty());
    assert!(sql_like("Z%_LH", "ZC_FLIGHT_LH") && !sql_like("Z%_LH", "ZC_FLIGHT_LX"));
    assert!(
        sql_like("ABC   ", "ABC"),
        "trailing blanks of the pattern are ignored"
    );
}
