//! `ChangeStatus`, one item and many, against the sandbox's transition table.

mod support;

use focused_build::{unfinished_requests, StatusChangeRequest, StatusChangeResult};
use sap_http::SapError;
use support::{start, unknown_guid};

#[tokio::test]
async fn an_allowed_transition_changes_the_status() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0002").await;
    let change = fixture
        .client
        .change_status(&guid, "e0004")
        .await
        .expect("changed");
    assert_eq!(change.status.code, "E0004");
    assert_eq!(change.status.label, "To Be Tested (E0004)");
    let item = fixture.client.work_item(&guid).await.expect("work item");
    assert_eq!(item.status.code, "E0004");
    assert_eq!(item.changed_by.as_deref(), Some("DEVELOPER"));
}

#[tokio::test]
async fn the_blogs_to_be_corrected_step_is_allowed_after_testing() {
    let fixture = start().await;
    let guid = fixture.item("S1HF", "E0004").await;
    let change = fixture
        .client
        .change_status(&guid, "E0017")
        .await
        .expect("changed");
    assert_eq!(change.status.label, "To Be Corrected (E0017)");
}

#[tokio::test]
async fn a_forbidden_transition_is_refused_naming_both_statuses() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0002").await;
    match fixture.client.change_status(&guid, "E0016").await {
        Err(SapError::Sap {
            status,
            message,
            details,
        }) => {
            assert_eq!(status, 400);
            assert!(message.contains("In Development (E0002)"), "{message}");
            assert!(message.contains("Completed (E0016)"), "{message}");
            assert!(
                details.contains(&"message code /SALM/EXT_DEVOPS/012".to_owned()),
                "{details:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    let item = fixture.client.work_item(&guid).await.expect("work item");
    assert_eq!(item.status.code, "E0002", "unchanged");
}

#[tokio::test]
async fn an_item_already_in_the_target_status_is_already_there_not_refused() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0004").await;
    let change = fixture
        .client
        .change_status(&guid, "E0004")
        .await
        .expect("already there is no error");
    assert!(change.already_there);
    assert_eq!(change.status.code, "E0004");
    let fresh = fixture.item("S1MJ", "E0002").await;
    let change = fixture.client.change_status(&fresh, "E0004").await;
    assert!(!change.expect("changed").already_there);
}

#[tokio::test]
async fn a_batch_reports_items_already_in_the_target_status_apart() {
    let fixture = start().await;
    let tested = fixture.item("S1MJ", "E0004").await;
    let completed = fixture.item("S1MJ", "E0016").await;
    let requests: Vec<StatusChangeRequest> = [&tested, &completed]
        .into_iter()
        .map(|guid| StatusChangeRequest {
            guid: guid.clone(),
            user_status: "E0004".into(),
        })
        .collect();
    let outcomes = fixture.client.change_status_many(requests, 2).await;
    match &outcomes[0].result {
        StatusChangeResult::AlreadyThere { status } => assert_eq!(status.code, "E0004"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        outcomes[1].result,
        StatusChangeResult::Refused { .. }
    ));
    // Nothing to retry for the item that is there.
    let retry = unfinished_requests(&outcomes);
    assert_eq!(retry.len(), 1);
    assert_eq!(retry[0].guid, completed);
    let json = serde_json::to_value(&outcomes[0]).expect("serialisable for the UI");
    assert_eq!(json["result"]["outcome"], "already_there");
}

#[tokio::test]
async fn many_items_change_with_per_item_outcomes_in_request_order() {
    let fixture = start().await;
    let items = fixture.client.list_work_items(None).await.expect("list");
    let in_development: Vec<_> = items
        .iter()
        .filter(|i| i.process_type.as_deref() != Some("S1CG") && i.status.code == "E0002")
        .map(|i| i.guid.clone())
        .collect();
    assert!(
        in_development.len() >= 3,
        "seed has several items in development"
    );
    let completed = fixture.item("S1MJ", "E0016").await;

    let mut requests: Vec<StatusChangeRequest> = in_development
        .iter()
        .map(|guid| StatusChangeRequest {
            guid: guid.clone(),
            user_status: "E0004".into(),
        })
        .collect();
    requests.insert(
        1,
        StatusChangeRequest {
            guid: completed.clone(),
            user_status: "E0004".into(),
        },
    );
    requests.push(StatusChangeRequest {
        guid: unknown_guid(),
        user_status: "E0004".into(),
    });

    let outcomes = fixture.client.change_status_many(requests.clone(), 3).await;
    assert_eq!(outcomes.len(), requests.len());
    for (outcome, request) in outcomes.iter().zip(&requests) {
        assert_eq!(outcome.guid, request.guid, "order kept");
    }
    let done = outcomes.iter().filter(|o| o.is_done()).count();
    assert_eq!(done, in_development.len());
    match &outcomes[1].result {
        StatusChangeResult::Refused {
            http_status,
            reason,
            ..
        } => {
            assert_eq!(*http_status, 400);
            assert!(reason.contains("Completed (E0016)"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    match &outcomes[outcomes.len() - 1].result {
        StatusChangeResult::Refused {
            http_status: 404, ..
        } => {}
        other => panic!("{other:?}"),
    }
    let retry = unfinished_requests(&outcomes);
    assert_eq!(retry.len(), 2);
    assert_eq!(retry[0].guid, completed);

    // The UI's retry of the failures: still refused, the done ones are not sent again.
    let again = fixture.client.change_status_many(retry, 8).await;
    assert!(again.iter().all(|o| !o.is_done()));
    let json = serde_json::to_value(&outcomes[0]).expect("serialisable for the UI");
    assert_eq!(json["result"]["outcome"], "done");
    assert_eq!(json["result"]["status"]["code"], "E0004");
}

/// Items in development of the default profile, as status change requests to E0004.
async fn to_be_tested_requests(fixture: &support::Fixture) -> Vec<StatusChangeRequest> {
    fixture
        .client
        .list_work_items(None)
        .await
        .expect("list")
        .into_iter()
        .filter(|i| i.process_type.as_deref() != Some("S1CG") && i.status.code == "E0002")
        .map(|i| StatusChangeRequest {
            guid: i.guid,
            user_status: "E0004".into(),
        })
        .collect()
}

#[tokio::test]
async fn the_batch_never_has_more_requests_in_flight_than_allowed() {
    let fixture = start().await;
    let requests = to_be_tested_requests(&fixture).await;
    assert!(requests.len() >= 4);
    let rounds = requests.len().div_ceil(2) as u32;
    fixture.sandbox.faults().set(sandbox::FaultConfig {
        latency_ms: 150,
        ..sandbox::FaultConfig::default()
    });
    let started = std::time::Instant::now();
    let outcomes = fixture.client.change_status_many(requests, 2).await;
    let elapsed = started.elapsed();
    assert!(outcomes.iter().all(|o| o.is_done()), "{outcomes:?}");
    // Two at a time: at least one 150 ms round per pair, whatever the machine's speed.
    assert!(
        elapsed >= std::time::Duration::from_millis(150) * rounds,
        "{elapsed:?} for {rounds} rounds"
    );
}

#[tokio::test]
async fn the_batch_runs_requests_side_by_side() {
    let fixture = start().await;
    let requests = to_be_tested_requests(&fixture).await;
    let count = requests.len() as u32;
    assert!(count >= 4);
    fixture.sandbox.faults().set(sandbox::FaultConfig {
        latency_ms: 200,
        ..sandbox::FaultConfig::default()
    });
    let started = std::time::Instant::now();
    let outcomes = fixture.client.change_status_many(requests, 8).await;
    let elapsed = started.elapsed();
    assert!(outcomes.iter().all(|o| o.is_done()), "{outcomes:?}");
    // One after the other would take count × 200 ms (plus the token fetch).
    assert!(
        elapsed < std::time::Duration::from_millis(200) * count,
        "{elapsed:?} for {count} requests"
    );
}

#[tokio::test]
async fn dropping_the_batch_stops_the_requests_not_yet_sent() {
    let fixture = start().await;
    let requests = to_be_tested_requests(&fixture).await;
    let total = requests.len();
    assert!(total >= 4);
    fixture.sandbox.faults().set(sandbox::FaultConfig {
        latency_ms: 300,
        ..sandbox::FaultConfig::default()
    });
    let batch = fixture.client.change_status_many(requests, 1);
    let cut_short = tokio::time::timeout(std::time::Duration::from_millis(450), batch).await;
    assert!(cut_short.is_err(), "the batch cannot finish in 450 ms");
    let before = fixture.sandbox.request_count();
    tokio::time::sleep(std::time::Duration::from_millis(900)).await;
    assert_eq!(
        fixture.sandbox.request_count(),
        before,
        "no request is sent after the batch was dropped"
    );
    fixture.sandbox.faults().clear();
    let still_in_development = fixture
        .client
        .list_work_items(None)
        .await
        .expect("list")
        .iter()
        .filter(|i| i.process_type.as_deref() != Some("S1CG") && i.status.code == "E0002")
        .count();
    assert!(
        still_in_development >= total - 1,
        "at most one change went through"
    );
}
