use abapgit_agent::{
    ConflictKind, ConflictMode, CreateRequest, DeleteRequest, FolderLogic, GitCredentials,
    PullOutcome, PullRequest, TransportKind, TransportScope,
};
use sandbox::Dialect;
use sap_http::Secret;

use crate::support::{sap_message, start, DIALECTS};

const UNKNOWN_REPO: &str = "https://github.com/example/unknown.git";
/// Seeded remotes: ZFLIGHT and the demo are registered, hello-world is not.
const ZFLIGHT_REPO: &str = "https://github.com/agent-desk/zflight.git";
const DEMO_REPO: &str = "https://github.com/agent-desk/abap-demo.git";
const HELLO_REPO: &str = "https://github.com/abapgit-tests/hello-world.git";

#[tokio::test]
async fn health_costs_one_request_and_no_csrf_fetch() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let health = fixture.client.health().await.expect("health");
        assert!(health.is_ok(), "{dialect:?}: {health:?}");
        let expected = if dialect == Dialect::Documented {
            "1.0.0"
        } else {
            "1.18.1"
        };
        assert_eq!(health.version, expected);
        let stats = fixture.client.session().stats();
        assert_eq!((stats.requests, stats.csrf_fetches), (1, 0), "{dialect:?}");
        assert_eq!(fixture.requests(), 1);
    }
}

#[tokio::test]
async fn status_of_an_unknown_repository() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let status = fixture.client.status(UNKNOWN_REPO).await.expect("status");
        assert!(!status.exists(), "{dialect:?}: {status:?}");
        assert_eq!(status.status, "Not found");
        assert_eq!(status.repo_key, None);
        // First modifying call: CSRF fetch + POST.
        assert_eq!(fixture.requests(), 2, "{dialect:?}");
        fixture
            .client
            .status(UNKNOWN_REPO)
            .await
            .expect("status again");
        assert_eq!(
            fixture.requests(),
            3,
            "{dialect:?}: warm session, one request"
        );
    }
}

#[tokio::test]
async fn create_reports_the_servers_reason() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let git = GitCredentials {
            username: "octo".into(),
            password: Secret::new("ghp_secret"),
        };
        let request = CreateRequest {
            url: UNKNOWN_REPO.into(),
            package: "$zdemo_utils".into(),
            folder_logic: Some(FolderLogic::Prefix),
            folder: Some("/src/".into()),
            ..CreateRequest::default()
        };
        let (status, message) = sap_message(fixture.client.create(&request, Some(&git)).await);
        assert_eq!(status, 200, "{dialect:?}");
        assert!(message.contains("not reachable"), "{dialect:?}: {message}");

        // Validation errors are HTTP 400 with the server's text.
        let missing = CreateRequest {
            url: String::new(),
            package: String::new(),
            ..CreateRequest::default()
        };
        let (status, message) = sap_message(fixture.client.create(&missing, None).await);
        assert_eq!(
            (status, message.as_str()),
            (400, "URL and package are required"),
            "{dialect:?}"
        );
    }
}

#[tokio::test]
async fn delete_of_an_unknown_repository_fails() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = DeleteRequest {
            url: UNKNOWN_REPO.into(),
        };
        let (status, message) = sap_message(fixture.client.delete(&request).await);
        assert_eq!(status, 200);
        let expected = match dialect {
            Dialect::Documented => "No suitable repository found",
            Dialect::AsImplemented => "Repository not found",
        };
        assert!(message.contains(expected), "{dialect:?}: {message}");
    }
}

#[tokio::test]
async fn pull_of_an_unknown_repository_is_an_error_with_the_servers_message() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = PullRequest {
            url: UNKNOWN_REPO.into(),
            ..PullRequest::default()
        };
        let (_, message) = sap_message(fixture.client.pull(&request, None).await);
        assert_eq!(
            message,
            format!("Repository not found: {UNKNOWN_REPO}"),
            "{dialect:?}"
        );
        let (status, message) =
            sap_message(fixture.client.pull(&PullRequest::default(), None).await);
        assert_eq!(
            (status, message.as_str()),
            (400, "URL is required"),
            "{dialect:?}"
        );
    }
}

#[tokio::test]
async fn pull_of_many_files_becomes_a_job() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = PullRequest {
            url: UNKNOWN_REPO.into(),
            files: (1..=11)
                .map(|n| format!("src/zprog{n}.prog.abap"))
                .collect(),
            ..PullRequest::default()
        };
        let outcome = fixture
            .client
            .pull(&request, None)
            .await
            .expect("pull accepted");
        let PullOutcome::Job(handle) = outcome else {
            panic!("{dialect:?}: expected a job, got {outcome:?}");
        };
        assert_eq!(handle.resource, "pull");
        assert_eq!(handle.job_number.len(), 8, "{handle:?}");
        // The handle survives a round trip through storage (re-attach after restart).
        let stored = serde_json::to_string(&handle).expect("serialise");
        let restored: abapgit_agent::JobHandle =
            serde_json::from_str(&stored).expect("deserialise");
        let mut seen = Vec::new();
        let finished = fixture
            .client
            .wait_pull(&restored, &crate::support::fast_jobs(), |p| {
                seen.push(p.status)
            })
            .await;
        assert!(!seen.is_empty(), "{dialect:?}: progress reported");
        let (_, message) = sap_message(finished);
        assert_eq!(
            message,
            format!("Repository not found: {UNKNOWN_REPO}"),
            "{dialect:?}"
        );
    }
}

#[tokio::test]
async fn status_of_a_registered_repository() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let status = fixture.client.status(ZFLIGHT_REPO).await.expect("status");
        assert!(status.exists(), "{dialect:?}: {status:?}");
        assert_eq!(status.package.as_deref(), Some("ZFLIGHT"));
        assert!(status.repo_key.is_some());
        let expected = match dialect {
            Dialect::AsImplemented => Some(true),
            Dialect::Documented => None,
        };
        assert_eq!(
            status.transport_required, expected,
            "ZFLIGHT is transportable"
        );
    }
}

#[tokio::test]
async fn create_pull_and_delete_a_repository() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = CreateRequest {
            url: HELLO_REPO.into(),
            package: "$zdemo_sandbox".into(),
            branch: Some("main".into()),
            display_name: Some("Hello".into()),
            ..CreateRequest::default()
        };
        let created = fixture.client.create(&request, None).await.expect("create");
        assert!(!created.repo_key.is_empty(), "{dialect:?}: {created:?}");
        let status = fixture.client.status(HELLO_REPO).await.expect("status");
        assert_eq!(status.repo_key.as_deref(), Some(created.repo_key.as_str()));

        let pull = PullRequest {
            url: HELLO_REPO.into(),
            ..PullRequest::default()
        };
        let outcome = fixture.client.pull(&pull, None).await.expect("pull");
        let PullOutcome::Finished(result) = outcome else {
            panic!("{dialect:?}: a small pull runs at once");
        };
        assert!(result.success, "{dialect:?}: {result:?}");
        assert!(
            result.activated_count > 0 && result.failed_count == 0,
            "{dialect:?}: {result:?}"
        );
        assert_eq!(
            result.activated_count as usize,
            result.activated_objects.len()
        );

        let deleted = fixture
            .client
            .delete(&DeleteRequest {
                url: HELLO_REPO.into(),
            })
            .await
            .expect("delete");
        assert_eq!(deleted.repo_key, created.repo_key);
        assert!(!fixture
            .client
            .status(HELLO_REPO)
            .await
            .expect("status")
            .exists());
    }
}

#[tokio::test]
async fn pull_with_failed_objects_is_a_result_not_an_error() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let pull = PullRequest {
            url: DEMO_REPO.into(),
            ..PullRequest::default()
        };
        let result = fixture
            .client
            .pull_and_wait(&pull, None, &crate::support::fast_jobs(), |_| {})
            .await
            .expect("pull");
        // The demo repository carries a class with a typo (ZCL_DEMO_GREETER).
        assert!(!result.success, "{dialect:?}: {result:?}");
        assert_eq!(result.failed_count, 1, "{dialect:?}");
        assert!(result.activated_count > 0);
        let failed = &result.failed_objects[0];
        assert_eq!(failed.severity, abapgit_agent::Severity::Error);
        assert_eq!(
            (failed.object_type.as_str(), failed.object_name.as_str()),
            ("CLAS", "ZCL_DEMO_GREETER")
        );
        assert!(failed.text.contains("LV_GRETING"), "{failed:?}");
        let lines = result.error_lines();
        assert!(
            lines.len() >= 2 && lines[0] == "Error Details:",
            "{lines:?}"
        );
    }
}

#[tokio::test]
async fn pull_of_many_files_runs_as_a_job_with_the_pull_result() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let files: Vec<String> = [
            "src/core/zcl_flight_pricing.clas.abap",
            "src/core/zcl_flight_pricing.clas.testclasses.abap",
            "src/core/zcl_flight_repository.clas.abap",
            "src/core/zcl_flight_booking_service.clas.abap",
            "src/core/zcl_flight_statistics.clas.abap",
            "src/core/zcx_flight_error.clas.abap",
            "src/core/zif_flight_repository.intf.abap",
            "src/core/zif_flight_constants.intf.abap",
            "src/core/zif_flight_notifier.intf.abap",
            "src/ui/zflight_report.prog.abap",
            "src/ui/zflight_bookings_list.prog.abap",
            "src/ui/zflight_carrier_check.prog.abap",
        ]
        .iter()
        .map(|f| f.to_string())
        .collect();
        let pull = PullRequest {
            url: ZFLIGHT_REPO.into(),
            files,
            transport_request: Some(open_request(&fixture).await),
            ..PullRequest::default()
        };
        let mut progress = Vec::new();
        let result = fixture
            .client
            .pull_and_wait(&pull, None, &crate::support::fast_jobs(), |p| {
                progress.push(p)
            })
            .await
            .expect("pull job");
        assert!(!progress.is_empty(), "{dialect:?}: it ran as a job");
        assert!(result.activated_count > 0, "{dialect:?}: {result:?}");
        assert_eq!(
            result.success,
            result.failed_count == 0,
            "{dialect:?}: {result:?}"
        );
    }
}

/// The user's first open workbench request, as the app's picker offers it.
async fn open_request(fixture: &crate::support::Fixture) -> String {
    fixture
        .client
        .list_transports(TransportScope::Mine)
        .await
        .expect("list")
        .transports
        .first()
        .map(|t| t.number.clone())
        .expect("the seed's user has an open request")
}

#[tokio::test]
async fn a_pull_that_needs_a_transport_is_known_before_and_refused_without_one() {
    let loyalty = vec!["src/core/zcl_flight_loyalty.clas.abap".to_string()];
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let status = fixture.client.status(ZFLIGHT_REPO).await.expect("status");
        assert!(status.needs_transport(), "{dialect:?}: {status:?}");
        let demo = fixture.client.status(DEMO_REPO).await.expect("status");
        assert!(!demo.needs_transport(), "{dialect:?}: local package");
        let without = PullRequest {
            url: ZFLIGHT_REPO.into(),
            files: loyalty.clone(),
            ..PullRequest::default()
        };
        let outcome = fixture.client.pull(&without, None).await;
        match dialect {
            Dialect::AsImplemented => {
                let (status, message) = sap_message(outcome);
                assert_eq!(
                    (status, message.as_str()),
                    (200, "No transport request was supplied")
                );
            }
            // The documented API lets abapGit pick a request: the app must not send such a pull.
            Dialect::Documented => {
                let Ok(PullOutcome::Finished(result)) = outcome else {
                    panic!("{outcome:?}");
                };
                assert!(result.transport_request.is_some(), "{result:?}");
            }
        }
        let transport = open_request(&fixture).await;
        let with = PullRequest {
            transport_request: Some(transport.to_lowercase()),
            ..without
        };
        let Ok(PullOutcome::Finished(result)) = fixture.client.pull(&with, None).await else {
            panic!("{dialect:?}: a small pull finishes at once");
        };
        assert!(result.success, "{dialect:?}: {result:?}");
        assert_eq!(
            result.transport_request.as_deref(),
            Some(transport.as_str())
        );
    }
}

#[tokio::test]
async fn customizing_requests_are_listed_on_their_own() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let customizing = fixture
            .client
            .list_transports_of(TransportScope::Mine, Some(TransportKind::Customizing))
            .await
            .expect("list");
        let workbench = fixture
            .client
            .list_transports(TransportScope::Mine)
            .await
            .expect("list");
        assert!(!customizing.transports.is_empty(), "{dialect:?}");
        assert!(
            customizing
                .transports
                .iter()
                .all(|c| workbench.transports.iter().all(|w| w.number != c.number)),
            "{dialect:?}: {customizing:?} {workbench:?}"
        );
    }
}

#[tokio::test]
async fn pull_conflicts_come_per_object_and_ignore_overwrites() {
    let fixture = start(Dialect::AsImplemented).await;
    let transport = open_request(&fixture).await;
    let develop = PullRequest {
        url: ZFLIGHT_REPO.into(),
        branch: Some("develop".into()),
        transport_request: Some(transport.clone()),
        ..PullRequest::default()
    };
    let Ok(PullOutcome::Finished(aborted)) = fixture.client.pull(&develop, None).await else {
        panic!("a conflict is a result, not an error");
    };
    assert!(!aborted.success);
    assert_eq!(aborted.message, "Pull aborted — 3 conflict(s) detected");
    assert_eq!(aborted.conflict_count, 3);
    let read: Vec<(String, ConflictKind, Option<String>)> = aborted
        .conflicts
        .iter()
        .map(|c| (c.object_name.clone(), c.kind, c.last_pulled_by.clone()))
        .collect();
    assert_eq!(
        read,
        vec![
            (
                "ZCL_FLIGHT_PRICING".into(),
                ConflictKind::SystemEdit,
                Some("JSMITH".into())
            ),
            (
                "ZCL_FLIGHT_STATISTICS".into(),
                ConflictKind::BranchSwitch,
                Some("JSMITH".into())
            ),
            (
                "ZFLIGHT_API".into(),
                ConflictKind::LocalEdit,
                Some("JSMITH".into())
            ),
        ]
    );
    assert_eq!(aborted.conflicts[1].branch_new.as_deref(), Some("develop"));
    let overwrite = PullRequest {
        conflict_mode: Some(ConflictMode::Ignore),
        ..develop
    };
    let Ok(PullOutcome::Finished(pulled)) = fixture.client.pull(&overwrite, None).await else {
        panic!("pull with ignore");
    };
    assert!(pulled.success, "{pulled:?}");
    assert!(pulled.conflicts.is_empty());
    assert_eq!(
        pulled.transport_request.as_deref(),
        Some(transport.as_str())
    );
}
