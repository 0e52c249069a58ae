//! What the server does to the session (expired CSRF token, expired session, logon page,
//! wrong password) and how the client reports or survives it.

mod support;

use focused_build::NewText;
use sandbox::{Expiry, FaultConfig, SessionExpiry, SessionExpiryMode};
use sap_http::SapError;
use support::{client_for, start};

#[tokio::test]
async fn an_expired_csrf_token_is_fetched_again_and_the_write_succeeds() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0002").await;
    fixture
        .client
        .add_text(&guid, &NewText::comment("first"))
        .await
        .expect("first write");
    let fetches_before = fixture.client.session().stats().csrf_fetches;
    fixture.sandbox.faults().set(FaultConfig {
        csrf_expiry: Some(Expiry {
            // Good for one request after it was issued: the first write below finds it stale.
            after_requests: Some(1),
            after_seconds: None,
        }),
        ..FaultConfig::default()
    });
    fixture
        .client
        .change_status(&guid, "E0004")
        .await
        .expect("status changed after a token refetch");
    assert!(fixture.client.session().stats().csrf_fetches > fetches_before);
    let item = fixture.client.work_item(&guid).await.expect("work item");
    assert_eq!(item.status.code, "E0004");
}

#[tokio::test]
async fn an_expired_session_answers_a_logon_page_reported_as_authentication() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0002").await;
    fixture.client.work_item(&guid).await.expect("warm session");
    fixture.sandbox.faults().set(FaultConfig {
        session_expiry: Some(SessionExpiry {
            after_requests: Some(1),
            after_seconds: None,
            mode: SessionExpiryMode::LogonPage,
        }),
        ..FaultConfig::default()
    });
    match fixture.client.work_item(&guid).await {
        Err(SapError::Authentication { status, message }) => {
            assert_eq!(status, 200);
            assert!(message.contains("logon page"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // The stale cookie was cleared with the logon page: the next call logs on again.
    fixture.sandbox.faults().clear();
    let item = fixture
        .client
        .work_item(&guid)
        .await
        .expect("logged on again");
    assert_eq!(item.guid, guid);
}

#[tokio::test]
async fn a_silently_renewed_session_keeps_writes_working() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0002").await;
    fixture.client.work_item(&guid).await.expect("warm session");
    // The warm session has served two requests: the next one finds it gone.
    fixture.sandbox.faults().set(FaultConfig {
        session_expiry: Some(SessionExpiry {
            after_requests: Some(2),
            after_seconds: None,
            mode: SessionExpiryMode::FreshSession,
        }),
        ..FaultConfig::default()
    });
    let text = fixture
        .client
        .add_text(&guid, &NewText::comment("after renewal"))
        .await
        .expect("written with a new session and token");
    assert_eq!(text.content, "after renewal");
}

#[tokio::test]
async fn a_logon_page_instead_of_json_is_an_authentication_error() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0002").await;
    fixture.sandbox.faults().set(FaultConfig {
        logon_page_every: Some(1),
        ..FaultConfig::default()
    });
    for result in [
        fixture.client.work_item(&guid).await.map(|_| ()),
        fixture.client.texts(&guid).await.map(|_| ()),
    ] {
        match result {
            Err(SapError::Authentication { status: 200, .. }) => {}
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn a_wrong_password_is_an_authentication_error() {
    let fixture = start().await;
    let client = client_for(&fixture.sandbox, "wrong");
    match client.work_item(&support::unknown_guid()).await {
        Err(SapError::Authentication { status: 401, .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_warm_session_costs_one_round_trip_per_operation() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0002").await;
    fixture
        .client
        .add_text(
            &guid,
            &NewText::comment("warm-up: logs on and fetches the token"),
        )
        .await
        .expect("warm-up");
    let requests = || fixture.sandbox.request_count();

    let before = requests();
    fixture.client.work_item(&guid).await.expect("read");
    assert_eq!(requests() - before, 1, "read");

    let before = requests();
    fixture
        .client
        .add_text(&guid, &NewText::comment("second"))
        .await
        .expect("text");
    assert_eq!(requests() - before, 1, "write with the cached token");

    let before = requests();
    fixture
        .client
        .change_status(&guid, "E0004")
        .await
        .expect("status");
    assert_eq!(
        requests() - before,
        1,
        "function import with the cached token"
    );
}
