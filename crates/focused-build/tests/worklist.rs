//! Reading a worklist over loopback against the sandbox: the items come in `$batch`
//! requests of a hundred reads, so the number of requests does not grow with each item.

mod support;

use focused_build::{WorkItemGuid, READS_PER_BATCH};
use sandbox::{
    Expiry, FaultConfig, Sandbox, SandboxConfig, SessionExpiry, SessionExpiryMode, DEFAULT_PASSWORD,
};
use sap_http::SapError;
use support::{client_for, start, unknown_guid};

#[tokio::test]
async fn a_worklist_costs_a_list_a_token_and_one_request_per_hundred_items() {
    for (count, batches) in [(25usize, 1u64), (250, 3)] {
        let sandbox = Sandbox::start(SandboxConfig {
            work_items: count,
            ..SandboxConfig::default()
        })
        .await
        .expect("sandbox starts");
        let client = client_for(&sandbox, DEFAULT_PASSWORD);
        let before = sandbox.request_count();
        let listed = client.list_work_items(None).await.expect("list");
        assert_eq!(listed.len(), count);
        let guids: Vec<WorkItemGuid> = listed.iter().map(|item| item.guid.clone()).collect();
        let reads = client.work_items(&guids).await;
        let requests = sandbox.request_count() - before;
        // The list, the CSRF token the first POST needs, and the batches.
        assert_eq!(requests, 2 + batches, "{count} items");
        assert_eq!(batches as usize, count.div_ceil(READS_PER_BATCH));
        assert_eq!(reads.len(), count);
        for (read, guid) in reads.iter().zip(&guids) {
            assert_eq!(&read.guid, guid);
            let item = read.result.as_ref().expect("read");
            assert_eq!(&item.guid, guid, "answers in the order asked");
            assert!(item.texts.as_ref().is_some_and(|texts| !texts.is_empty()));
            assert!(item.categories.is_some() && item.attachments.is_some());
        }
        // Read again on the warm session: the batches only.
        let before = sandbox.request_count();
        client.work_items(&guids).await;
        assert_eq!(sandbox.request_count() - before, batches);
        sandbox.shutdown().await;
    }
}

#[tokio::test]
async fn batched_items_are_the_items_read_alone() {
    let fixture = start().await;
    let listed = fixture.client.list_work_items(Some(6)).await.expect("list");
    let guids: Vec<WorkItemGuid> = listed.iter().map(|item| item.guid.clone()).collect();
    let batched = fixture.client.work_items(&guids).await;
    let before = fixture.sandbox.request_count();
    let alone = fixture.client.work_items_one_by_one(&guids, 2).await;
    assert_eq!(
        fixture.sandbox.request_count() - before,
        6,
        "one request per item"
    );
    for (batched, alone) in batched.iter().zip(&alone) {
        assert_eq!(batched.result.as_ref().ok(), alone.result.as_ref().ok());
    }
}

#[tokio::test]
async fn a_missing_item_fails_alone_with_the_error_a_single_read_gives() {
    let fixture = start().await;
    let listed = fixture.client.list_work_items(Some(2)).await.expect("list");
    let guids = vec![
        listed[0].guid.clone(),
        unknown_guid(),
        listed[1].guid.clone(),
    ];
    let reads = fixture.client.work_items(&guids).await;
    assert!(reads[0].result.is_ok() && reads[2].result.is_ok());
    let batched = reads[1].result.clone().expect_err("unknown");
    let alone = fixture
        .client
        .work_item(&unknown_guid())
        .await
        .expect_err("unknown");
    assert!(
        matches!(batched, SapError::Sap { status: 404, .. }),
        "{batched:?}"
    );
    assert_eq!(batched, alone);
}

#[tokio::test]
async fn an_empty_worklist_sends_nothing_and_one_item_is_one_get() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0002").await;
    let before = fixture.sandbox.request_count();
    assert!(fixture.client.work_items(&[]).await.is_empty());
    assert_eq!(fixture.sandbox.request_count(), before);
    let reads = fixture.client.work_items(std::slice::from_ref(&guid)).await;
    assert_eq!(reads[0].result.as_ref().map(|item| &item.guid), Ok(&guid));
    // No token fetch and no POST: the GET alone.
    assert_eq!(fixture.sandbox.request_count() - before, 1);
    assert_eq!(fixture.client.session().stats().csrf_fetches, 0);
}

#[tokio::test]
async fn a_batch_refused_as_a_whole_fails_each_item_with_the_reason() {
    let fixture = start().await;
    let listed = fixture.client.list_work_items(Some(3)).await.expect("list");
    let guids: Vec<WorkItemGuid> = listed.iter().map(|item| item.guid.clone()).collect();
    // The system answers every request with an ICF error page.
    fixture.sandbox.faults().set(sandbox::FaultConfig {
        server_error_every: Some(1),
        ..sandbox::FaultConfig::default()
    });
    let reads = fixture.client.work_items(&guids).await;
    assert_eq!(reads.len(), 3);
    for read in &reads {
        assert!(
            matches!(read.result, Err(SapError::HttpStatus { status: 500, .. })),
            "{:?}",
            read.result
        );
    }
}

#[tokio::test]
async fn a_worklist_read_survives_a_stale_token_and_an_ended_session() {
    let fixture = start().await;
    let listed = fixture.client.list_work_items(Some(5)).await.expect("list");
    let guids: Vec<WorkItemGuid> = listed.iter().map(|item| item.guid.clone()).collect();
    assert!(fixture
        .client
        .work_items(&guids)
        .await
        .iter()
        .all(|read| read.result.is_ok()));
    // The token is good for one request after it was issued: the batch POST below finds it
    // stale, is refused with 403 and sent again with a token fetched anew.
    let fetches = fixture.client.session().stats().csrf_fetches;
    fixture.sandbox.faults().set(FaultConfig {
        csrf_expiry: Some(Expiry {
            after_requests: Some(1),
            after_seconds: None,
        }),
        ..FaultConfig::default()
    });
    assert!(fixture
        .client
        .work_items(&guids)
        .await
        .iter()
        .all(|read| read.result.is_ok()));
    assert!(fixture.client.session().stats().csrf_fetches > fetches);
    // The session ends (a logon page instead of the answer): a batch of reads is sent again
    // on a fresh logon, as a single read is (the new session lives for its token fetch and
    // the batch).
    fixture.sandbox.faults().set(FaultConfig {
        session_expiry: Some(SessionExpiry {
            after_requests: Some(2),
            after_seconds: None,
            mode: SessionExpiryMode::LogonPage,
        }),
        ..FaultConfig::default()
    });
    let before = fixture.sandbox.request_count();
    let reads = fixture.client.work_items(&guids).await;
    for read in &reads {
        assert!(read.result.is_ok(), "{:?}", read.result);
    }
    assert_eq!(reads.len(), 5);
    // The batch answered by the logon page, the new session's token, the batch again.
    assert_eq!(fixture.sandbox.request_count() - before, 3);
}
