//! The handler's conflict check (ZCL_ABGAGT_CONFLICT_DETECTOR) and its transport rule on the
//! seeded system: JSMITH pulled `main` of zflight six days ago; DEVELOPER has since capped the
//! discount in ZCL_FLIGHT_PRICING (also exported to `main`); JSMITH's `develop` branched before.

use abap_system::{
    conflict_report, content_sha, ConflictKind, ConflictMode, ObjectType, PullRequest, System,
    SystemError, ZFLIGHT_URL,
};

fn pull(branch: &str, user: &str, mode: ConflictMode) -> PullRequest {
    PullRequest {
        url: ZFLIGHT_URL.to_string(),
        branch: Some(branch.to_string()),
        user: user.to_string(),
        conflict_mode: mode,
        transport_request: Some(open_workbench_request()),
        ..PullRequest::default()
    }
}

/// DEVELOPER's modifiable workbench request of the seed.
fn open_workbench_request() -> String {
    let system = System::seeded();
    system
        .transports(abap_system::TransportScope::Mine, "DEVELOPER")
        .into_iter()
        .find(|t| t.kind == abap_system::TransportKind::Workbench)
        .map(|t| t.number.clone())
        .expect("DEVELOPER has an open workbench request")
}

fn kinds(outcome: &abap_system::PullOutcome) -> Vec<(String, &'static str)> {
    outcome
        .conflicts
        .iter()
        .map(|c| (format!("{} {}", c.obj_type, c.obj_name), c.kind.code()))
        .collect()
}

#[test]
fn a_pull_into_a_transportable_package_without_a_request_is_refused() {
    let mut system = System::seeded();
    let without = PullRequest {
        transport_request: None,
        ..pull("main", "DEVELOPER", ConflictMode::Ignore)
    };
    assert_eq!(system.pull(&without), Err(SystemError::NoTransportSupplied));
    assert_eq!(
        SystemError::NoTransportSupplied.to_string(),
        "No transport request was supplied"
    );
    assert!(
        system
            .object(ObjectType::Clas, "ZCL_FLIGHT_LOYALTY")
            .is_none(),
        "nothing was activated"
    );
    let transports_before = system.all_transports().len();
    // The documented API's default: the user's open workbench request, no new one.
    let defaulted = system
        .pull(&PullRequest {
            default_transport: true,
            ..without
        })
        .unwrap();
    assert_eq!(defaulted.transport_request, open_workbench_request());
    assert_eq!(system.all_transports().len(), transports_before);
}

#[test]
fn the_main_branch_reports_the_function_group_as_the_handler_does() {
    let mut system = System::seeded();
    let outcome = system
        .pull(&pull("main", "DEVELOPER", ConflictMode::Abort))
        .unwrap();
    // Git names the group by its XML file (the include files have four name parts), the
    // system side is an include's source: the handler always sees a local edit after a pull.
    assert_eq!(
        kinds(&outcome),
        vec![("FUGR ZFLIGHT_API".to_string(), "LOCAL_EDIT")]
    );
    assert!(outcome.activated.is_empty() && !outcome.success());
    assert!(
        system
            .object(ObjectType::Clas, "ZCL_FLIGHT_LOYALTY")
            .is_none(),
        "an aborted pull activates nothing"
    );
    // ZCL_FLIGHT_PRICING changed in the system and in git the same way: no conflict.
    assert!(system.pull_baseline("CLAS", "ZCL_FLIGHT_PRICING").is_some());
}

#[test]
fn a_pull_from_another_branch_reports_system_edits_and_the_branch_switch() {
    let mut system = System::seeded();
    let outcome = system
        .pull(&pull("develop", "DEVELOPER", ConflictMode::Abort))
        .unwrap();
    assert_eq!(
        kinds(&outcome),
        vec![
            ("CLAS ZCL_FLIGHT_PRICING".to_string(), "SYSTEM_EDIT"),
            ("CLAS ZCL_FLIGHT_STATISTICS".to_string(), "BRANCH_SWITCH"),
            ("FUGR ZFLIGHT_API".to_string(), "LOCAL_EDIT"),
        ]
    );
    let pricing = &outcome.conflicts[0];
    let baseline = system.pull_baseline("CLAS", "ZCL_FLIGHT_PRICING").unwrap();
    assert_eq!(pricing.git_sha_old, baseline.git_sha);
    assert_eq!(pricing.last_pulled_by, "JSMITH");
    let develop_pricing = system
        .remote(ZFLIGHT_URL)
        .unwrap()
        .files_of("develop")
        .iter()
        .find(|f| f.path.ends_with("zcl_flight_pricing.clas.abap"))
        .unwrap()
        .content
        .clone();
    assert_eq!(pricing.git_sha_new, content_sha(&develop_pricing));
    let report = conflict_report(&outcome.conflicts);
    let expected = format!(
        "Pull aborted — 3 conflict(s) detected\n\n\
         Object:        CLAS ZCL_FLIGHT_PRICING\n\
         Conflict type: SYSTEM_EDIT\n\
         Git changed:   {} → {}\n\
         System changed by JSMITH (after last pull by JSMITH)\n\n\
         Object:        CLAS ZCL_FLIGHT_STATISTICS\n\
         Conflict type: BRANCH_SWITCH\n\
         Branch:        main → develop\n\
         Git changed:   {} → {}\n\
         Last pull by JSMITH (different user) — unexpected branch state\n\n\
         Object:        FUGR ZFLIGHT_API\n\
         Conflict type: LOCAL_EDIT\n\
         System modified after last pull by JSMITH\n\
         Git content unchanged — pull would overwrite local edits\n\n\
         To override: abapgit-agent pull --conflict-mode ignore\n",
        pricing.git_sha_old,
        pricing.git_sha_new,
        outcome.conflicts[1].git_sha_old,
        outcome.conflicts[1].git_sha_new,
    );
    assert_eq!(report, expected);
    assert_eq!(outcome.conflicts[2].kind, ConflictKind::LocalEdit);
    assert_eq!(outcome.conflicts[2].git_sha_new, "");
}

#[test]
fn ignore_overwrites_and_becomes_the_baseline_then_the_same_user_may_switch_back() {
    let mut system = System::seeded();
    let outcome = system
        .pull(&pull("develop", "DEVELOPER", ConflictMode::Ignore))
        .unwrap();
    assert!(outcome.success(), "{:?}", outcome.failed);
    assert!(system
        .class("ZCL_FLIGHT_PRICING")
        .unwrap()
        .main
        .contains("A380-800"));
    let baseline = system
        .pull_baseline("CLAS", "ZCL_FLIGHT_STATISTICS")
        .unwrap();
    assert_eq!(
        (baseline.branch.as_str(), baseline.pulled_by.as_str()),
        ("develop", "DEVELOPER")
    );
    assert_eq!(system.repo_by_url(ZFLIGHT_URL).unwrap().branch, "develop");
    // Back to main by the same user: no branch switch conflict (only the group's quirk).
    let back = system
        .pull(&pull("main", "DEVELOPER", ConflictMode::Abort))
        .unwrap();
    assert_eq!(
        kinds(&back),
        vec![("FUGR ZFLIGHT_API".to_string(), "LOCAL_EDIT")]
    );
    // Another user is stopped.
    let other = system
        .pull(&pull("main", "LCHEN", ConflictMode::Abort))
        .unwrap();
    assert!(kinds(&other).contains(&("CLAS ZCL_FLIGHT_STATISTICS".to_string(), "BRANCH_SWITCH")));
}

#[test]
fn an_edit_in_the_system_after_the_pull_is_a_local_edit() {
    let mut system = System::seeded();
    let files = vec!["src/core/zcl_flight_repository.clas.abap".to_string()];
    let first = system
        .pull(&PullRequest {
            files: files.clone(),
            ..pull("main", "DEVELOPER", ConflictMode::Abort)
        })
        .unwrap();
    assert!(first.success(), "{:?}", first.conflicts);
    let edited = system
        .class("ZCL_FLIGHT_REPOSITORY")
        .unwrap()
        .main
        .replace("ENDCLASS.", "ENDCLASS.\n* changed in ADT");
    system
        .edit_source(ObjectType::Clas, "ZCL_FLIGHT_REPOSITORY", &edited)
        .unwrap();
    let again = system
        .pull(&PullRequest {
            files,
            ..pull("main", "DEVELOPER", ConflictMode::Abort)
        })
        .unwrap();
    assert_eq!(
        kinds(&again),
        vec![("CLAS ZCL_FLIGHT_REPOSITORY".to_string(), "LOCAL_EDIT")]
    );
    assert_eq!(again.conflicts[0].last_pulled_by, "DEVELOPER");
    assert!(
        system
            .class("ZCL_FLIGHT_REPOSITORY")
            .unwrap()
            .main
            .contains("changed in ADT"),
        "the aborted pull kept the edit"
    );
}

#[test]
fn objects_outside_the_requested_files_are_not_checked() {
    let mut system = System::seeded();
    let outcome = system
        .pull(&PullRequest {
            files: vec!["src/core/zcl_flight_loyalty.clas.abap".to_string()],
            ..pull("develop", "DEVELOPER", ConflictMode::Abort)
        })
        .unwrap();
    assert!(outcome.conflicts.is_empty());
    assert!(outcome.success(), "{:?}", outcome.failed);
    assert_eq!(
        system
            .pull_baseline("CLAS", "ZCL_FLIGHT_LOYALTY")
            .unwrap()
            .pulled_by,
        "DEVELOPER"
    );
}
