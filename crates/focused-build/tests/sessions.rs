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
async fn a_read_after_the_session_ended_logs_on_again_as_the_agent_client_does() {
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
    // Not "logon failed": the session ended, and a read is simply repeated on a new one.
    let item = fixture
        .client
        .work_item(&guid)
        .await
        .expect("read again on a fresh logon");
    assert_eq!(item.guid, guid);
}

#[tokio::test]
async fn a_write_after_the_session_ended_is_reported_and_not_repeated() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0002").await;
    fixture
        .client
        .add_text(&guid, &NewText::comment("warm-up"))
        .await
        .expect("warm session and token");
    let texts_before = fixture.client.texts(&guid).await.expect("texts").len();
    fixture.sandbox.faults().set(FaultConfig {
        session_expiry: Some(SessionExpiry {
            after_requests: Some(1),
            after_seconds: None,
            mode: SessionExpiryMode::LogonPage,
        }),
        ..FaultConfig::default()
    });
    match fixture
        .client
        .add_text(&guid, &NewText::comment("sent once"))
        .await
    {
        Err(SapError::SessionEnded { message }) => {
            assert!(message.contains("toWIText"), "{message}");
        }
        other => panic!("expected SessionEnded, got {other:?}"),
    }
    fixture.sandbox.faults().clear();
    let texts = fixture.client.texts(&guid).await.expect("texts");
    assert_eq!(texts.len(), texts_before, "the system never ran the write");
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
