use abap_system::{
    parse_file_to_object, NewRepo, ObjectType, PreviewQuery, PullRequest, System, SystemError,
    DEMO_URL, FLIGHT_DEMO_URL, HELLO_URL, ZFLIGHT_URL,
};

fn new_repo(url: &str, package: &str) -> NewRepo {
    NewRepo {
        url: url.to_string(),
        package: package.to_string(),
        user: "DEVELOPER".to_string(),
        ..NewRepo::default()
    }
}

#[test]
fn seeded_repositories_are_registered() {
    let system = System::seeded();
    let zflight = system
        .repo_by_url("https://GITHUB.com/agent-desk/zflight")
        .unwrap();
    assert_eq!(zflight.package, "ZFLIGHT");
    assert!(system.transport_required(&zflight.package));
    assert_eq!(system.repo_by_url(DEMO_URL).unwrap().package, "$ZDEMO");
    assert!(system.repo_by_url(FLIGHT_DEMO_URL).is_none());
    assert_eq!(system.remotes().len(), 4);
}

#[test]
fn create_and_delete_follow_the_server_rules() {
    let mut system = System::seeded();
    assert_eq!(
        system.create_repo(&new_repo(ZFLIGHT_URL, "ZFLIGHT")),
        Err(SystemError::RepositoryAlreadyExists)
    );
    assert_eq!(
        system.create_repo(&new_repo(FLIGHT_DEMO_URL, "$NOPE")),
        Err(SystemError::PackageNotFound("$NOPE".to_string()))
    );
    assert!(matches!(
        system.create_repo(&new_repo("https://github.com/x/unknown.git", "$TMP")),
        Err(SystemError::RemoteNotFound(_))
    ));
    let created = system
        .create_repo(&new_repo(FLIGHT_DEMO_URL, "$zflight_demo"))
        .unwrap();
    assert_eq!(created.package, "$ZFLIGHT_DEMO");
    assert_eq!(created.key, "000000000003");
    assert_eq!(created.folder_logic, "PREFIX");
    let deleted = system.delete_repo(FLIGHT_DEMO_URL).unwrap();
    assert_eq!(deleted.key, created.key);
    assert_eq!(
        system.delete_repo(FLIGHT_DEMO_URL),
        Err(SystemError::RepositoryNotFound)
    );
}

#[test]
fn pull_activates_objects_and_reports_checker_errors() {
    let mut system = System::seeded();
    system
        .create_repo(&new_repo(FLIGHT_DEMO_URL, "$ZFLIGHT_DEMO"))
        .unwrap();
    let outcome = system
        .pull(&PullRequest {
            url: FLIGHT_DEMO_URL.to_string(),
            ..PullRequest::default()
        })
        .unwrap();
    let failed: Vec<(&str, &str)> = outcome
        .failed
        .iter()
        .map(|m| (m.obj_type.as_str(), m.obj_name.as_str()))
        .collect();
    assert_eq!(
        failed,
        vec![
            ("CLAS", "ZCL_FDEMO_BROKEN"),
            ("DDLS", "ZI_FDEMO_OPEN_TRAVEL")
        ]
    );
    assert_eq!(
        outcome.failed[0].text,
        "\"ENDIF.\" expected, not \"ENDMETHOD.\""
    );
    assert!(
        outcome.failed[0].exception.contains("line "),
        "{}",
        outcome.failed[0].exception
    );
    assert!(
        outcome.failed[1].text.contains("\"{\" is not closed"),
        "{}",
        outcome.failed[1].text
    );
    assert!(
        outcome.transport_request.is_empty(),
        "local package needs no transport"
    );
    for activated in &outcome.activated {
        let object_type = ObjectType::from_code(&activated.obj_type).unwrap();
        let object = system
            .object(object_type, &activated.obj_name)
            .expect("activated object exists");
        assert_eq!(object.package, "$ZFLIGHT_DEMO");
    }
    assert!(system
        .object(ObjectType::Clas, "ZCL_FDEMO_BROKEN")
        .is_none());
    // The pulled class runs its tests; the pulled table and view can be previewed.
    assert_eq!(
        system
            .run_unit_tests("ZCL_FDEMO_TRAVEL")
            .unwrap()
            .failed_count(),
        0
    );
    assert_eq!(system.table("ZFDEMO_TRAVEL").unwrap().fields.len(), 9);
    let view = system
        .preview("ZI_FDEMO_TRAVEL", None, &PreviewQuery::default())
        .unwrap();
    assert_eq!(view.fields[0].name, "TRAVELID");
}

/// DEVELOPER's modifiable workbench request of the seed.
fn open_workbench_request(system: &System) -> String {
    system
        .transports(abap_system::TransportScope::Mine, "DEVELOPER")
        .into_iter()
        .find(|t| t.kind == abap_system::TransportKind::Workbench)
        .map(|t| t.number.clone())
        .unwrap()
}

#[test]
fn pull_into_transportable_package_records_a_transport() {
    let mut system = System::seeded();
    let transport = open_workbench_request(&system);
    let outcome = system
        .pull(&PullRequest {
            url: ZFLIGHT_URL.to_string(),
            files: vec!["src/core/zcl_flight_loyalty.clas.abap".to_string()],
            user: "DEVELOPER".to_string(),
            transport_request: Some(transport.to_lowercase()),
            ..PullRequest::default()
        })
        .unwrap();
    assert_eq!(outcome.transport_request, transport);
    assert!(outcome.success(), "{:?}", outcome.failed);
    assert_eq!(outcome.activated.len(), 1);
    assert_eq!(
        system
            .object(ObjectType::Clas, "ZCL_FLIGHT_LOYALTY")
            .unwrap()
            .package,
        "ZFLIGHT_CORE"
    );
    let recorded = system.transport(&outcome.transport_request).unwrap();
    assert!(recorded
        .objects
        .iter()
        .any(|o| o.name == "ZCL_FLIGHT_LOYALTY"));
    let full = system
        .pull(&PullRequest {
            url: ZFLIGHT_URL.to_string(),
            transport_request: Some(transport),
            // The function group's XML-against-include comparison always conflicts.
            conflict_mode: abap_system::ConflictMode::Ignore,
            ..PullRequest::default()
        })
        .unwrap();
    assert!(full.success(), "{:?}", full.failed);
    assert!(full.activated.len() > 30);
    // A full pull keeps the function group source (its include files are grouped).
    assert!(system
        .source(ObjectType::Fugr, "ZFLIGHT_API")
        .unwrap()
        .contains("FUNCTION z_flight_book."));
}

#[test]
fn pull_of_the_demo_repo_fails_one_object() {
    let mut system = System::seeded();
    let outcome = system
        .pull(&PullRequest {
            url: DEMO_URL.to_string(),
            ..PullRequest::default()
        })
        .unwrap();
    assert_eq!(outcome.failed.len(), 1);
    assert_eq!(outcome.failed[0].obj_name, "ZCL_DEMO_GREETER");
    assert_eq!(
        outcome.failed[0].text,
        "\"LV_GRETING\" is not defined. Check your spelling."
    );
    assert!(matches!(
        system.pull(&PullRequest {
            url: HELLO_URL.to_string(),
            ..PullRequest::default()
        }),
        Err(SystemError::RepositoryNotFound)
    ));
}

#[test]
fn serialized_files_parse_back_to_their_objects() {
    let system = System::seeded();
    let files = system.serialize_package("ZFLIGHT").unwrap();
    assert_eq!(files[0].path, ".abapgit.xml");
    assert!(files
        .iter()
        .any(|f| f.path == "src/core/zcl_flight_pricing.clas.testclasses.abap"));
    assert!(files
        .iter()
        .any(|f| f.path == "src/ui/zi_flight.ddls.asddls"));
    for file in files.iter().skip(1) {
        // Function group includes have four parts: the server's parser rejects them.
        let Some(parsed) = parse_file_to_object(&file.path) else {
            assert!(
                file.path.contains(".fugr.") || file.path.ends_with(".dcls.asdcls"),
                "{}",
                file.path
            );
            continue;
        };
        assert!(
            parsed.object_type == "DEVC"
                || system
                    .find_object(&parsed.name, ObjectType::from_code(&parsed.object_type))
                    .is_some()
                || (parsed.object_type == "TABL" && system.table(&parsed.name).is_some()),
            "{}",
            file.path
        );
    }
}

#[test]
fn pulled_table_changes_keep_rows_aligned_and_view_cycles_are_harmless() {
    use abap_system::{GitFile, RemoteRepo};
    let mut system = System::seeded();
    let mut files: Vec<GitFile> = system
        .serialize_package("ZFLIGHT")
        .unwrap()
        .into_iter()
        .filter(|f| f.path.contains("zfl_fees.tabl.xml"))
        .collect();
    // Add a field in front of AMOUNT: existing rows must follow by field name.
    files[0].content = files[0].content.replacen(
        "    <DD03P>\n     <FIELDNAME>AMOUNT</FIELDNAME>",
        "    <DD03P>\n     <FIELDNAME>VALID_TO</FIELDNAME>\n     <ROLLNAME>S_DATE</ROLLNAME>\n     <DATATYPE>DATS</DATATYPE>\n     <LENG>000008</LENG>\n    </DD03P>\n    <DD03P>\n     <FIELDNAME>AMOUNT</FIELDNAME>",
        1,
    );
    files.push(GitFile {
        path: "src/ui/zi_loop.ddls.asddls".to_string(),
        content: "@AccessControl.authorizationCheck: #NOT_REQUIRED\ndefine view entity ZI_LOOP as select from zi_loop { key carrid }".to_string(),
    });
    system.add_remote(RemoteRepo {
        url: ZFLIGHT_URL.to_string(),
        name: "zflight".to_string(),
        description: String::new(),
        default_branch: "main".to_string(),
        branches: vec!["main".to_string()],
        suggested_package: "ZFLIGHT".to_string(),
        files,
        branch_files: Default::default(),
    });
    let before = system.table_rows("ZFL_FEES").unwrap().to_vec();
    let outcome = system
        .pull(&PullRequest {
            url: ZFLIGHT_URL.to_string(),
            transport_request: Some(open_workbench_request(&system)),
            ..PullRequest::default()
        })
        .unwrap();
    assert!(outcome.success(), "{:?}", outcome.failed);
    let table = system.table("ZFL_FEES").unwrap();
    assert_eq!(table.fields[3].name, "VALID_TO");
    let after = system.table_rows("ZFL_FEES").unwrap();
    assert_eq!(after.len(), before.len());
    for (old, new) in before.iter().zip(after) {
        assert_eq!(new.len(), table.fields.len());
        assert_eq!(new[4], old[3], "AMOUNT moved with its field");
        assert_eq!(new[3].to_text(), "00000000");
    }
    assert!(system
        .preview("ZI_LOOP", None, &PreviewQuery::default())
        .is_err());
}

#[test]
fn domain_values_function_texts_and_hooks_survive_serialize_and_pull() {
    use abap_system::{GitFile, RemoteRepo};
    let mut system = System::seeded();
    let mut files: Vec<GitFile> = system
        .serialize_package("ZFLIGHT")
        .unwrap()
        .into_iter()
        .filter(|f| {
            f.path.ends_with("zfl_priority.doma.xml")
                || f.path.ends_with("zfl_fee_code.doma.xml")
                || f.path.contains("zflight_api.fugr.")
                || f.path.contains("zflight_enh_pricing.enho.")
        })
        .collect();
    assert_eq!(files.len(), 6);
    for file in &mut files {
        // The seeded group and enhancement were changed in the system since their last
        // pull: pull copies.
        for (from, to) in [
            ("zflight_api", "zflight_rfc"),
            ("ZFLIGHT_API", "ZFLIGHT_RFC"),
            ("z_flight_", "z_flight_rfc_"),
            ("Z_FLIGHT_", "Z_FLIGHT_RFC_"),
            ("zflight_enh_pricing", "zflight_enh_begin"),
            ("ZFLIGHT_ENH_PRICING", "ZFLIGHT_ENH_BEGIN"),
            ("\\SE:END", "\\SE:BEGIN"),
        ] {
            file.path = file.path.replace(from, to);
            file.content = file.content.replace(from, to);
        }
        file.content = file
            .content
            .replace("<DDTEXT>High</DDTEXT>", "<DDTEXT>Urgent</DDTEXT>")
            .replace("<DOMVALUE_H>3</DOMVALUE_H>", "<DOMVALUE_H>2</DOMVALUE_H>")
            .replace("<CONVEXIT>ALPHA</CONVEXIT>", "<CONVEXIT>ZFEE</CONVEXIT>")
            .replace("Book a seat on a flight", "Book a flight seat");
    }
    system.add_remote(RemoteRepo {
        url: ZFLIGHT_URL.to_string(),
        name: "zflight".to_string(),
        description: String::new(),
        default_branch: "main".to_string(),
        branches: vec!["main".to_string()],
        suggested_package: "ZFLIGHT".to_string(),
        files,
        branch_files: Default::default(),
    });
    let outcome = system
        .pull(&PullRequest {
            url: ZFLIGHT_URL.to_string(),
            transport_request: Some(open_workbench_request(&system)),
            ..PullRequest::default()
        })
        .unwrap();
    assert!(
        outcome.success(),
        "{:?} {:?}",
        outcome.failed,
        outcome.conflicts
    );
    assert!(system.object(ObjectType::Fugr, "ZFLIGHT_RFC").is_some());
    let priority = system.domain("ZFL_PRIORITY").unwrap();
    assert_eq!(priority.fixed_values.len(), 3);
    assert_eq!(
        (
            priority.fixed_values[0].low.as_str(),
            priority.fixed_values[0].high.as_str(),
            priority.fixed_values[0].text.as_str()
        ),
        ("1", "2", "Urgent")
    );
    assert_eq!(
        system.domain("ZFL_FEE_CODE").unwrap().conversion_exit,
        "ZFEE"
    );
    let hook = system.hook_implementation("ZFLIGHT_ENH_BEGIN").unwrap();
    assert_eq!(
        (
            hook.original_name.as_str(),
            hook.method.as_str(),
            hook.spot.as_str()
        ),
        ("ZCL_FLIGHT_PRICING", "CALCULATE_PRICE", "BEGIN")
    );
    let book = system.function_attributes("Z_FLIGHT_RFC_BOOK");
    assert_eq!(
        (book.short_text.as_str(), book.mode.as_str()),
        ("Book a flight seat", "R")
    );
}
