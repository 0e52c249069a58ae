//! The message monitor against the simulated tenant's ~20,000 logs over loopback: paging via
//! `__next`, the filters as the tenant reads them, counts per status, detail and CSV.

mod support;

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use cloud_integration::{CustomHeaderFilter, MessageFilter, MessageLog, MessageStatus};
use sap_http::SapError;
use support::*;

fn failed() -> MessageFilter {
    MessageFilter {
        statuses: vec![MessageStatus::Failed],
        ..MessageFilter::default()
    }
}

fn end_of(message: &MessageLog) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(message.log_end.as_deref().expect("LogEnd"))
        .unwrap()
        .with_timezone(&Utc)
}

#[tokio::test]
async fn pages_follow_next_newest_first_without_repeats() {
    let fixture = start().await;
    let first = fixture
        .client
        .messages(&MessageFilter::default(), None)
        .await
        .unwrap();
    let total = first.total.expect("the first page carries the total");
    assert!(total >= 15_000.0, "{total}");
    assert_eq!(first.messages.len(), 1000);
    let next = first.next_page.clone().expect("a next page");
    let second = fixture
        .client
        .messages(&MessageFilter::default(), Some(&next))
        .await
        .unwrap();
    assert_eq!(second.total, None);
    let all: Vec<&MessageLog> = first.messages.iter().chain(&second.messages).collect();
    let guids: HashSet<&str> = all.iter().map(|m| m.message_guid.as_str()).collect();
    assert_eq!(guids.len(), all.len(), "a message came twice");
    let ends: Vec<DateTime<Utc>> = all.iter().map(|m| end_of(m)).collect();
    assert!(
        ends.windows(2).all(|pair| pair[0] >= pair[1]),
        "not newest first"
    );
}

#[tokio::test]
async fn counts_per_status_add_up_to_the_total() {
    let fixture = start().await;
    let counts = fixture
        .client
        .message_counts(&MessageFilter::default())
        .await
        .unwrap();
    assert_eq!(counts.len(), MessageStatus::ALL.len());
    let total = fixture
        .client
        .messages(&MessageFilter::default(), None)
        .await
        .unwrap()
        .total
        .unwrap();
    assert_eq!(counts.iter().map(|c| c.count).sum::<f64>(), total);
    let completed = counts
        .iter()
        .find(|c| c.status == MessageStatus::Completed)
        .unwrap()
        .count;
    let failures = counts
        .iter()
        .find(|c| c.status == MessageStatus::Failed)
        .unwrap()
        .count;
    assert!(completed > failures && failures > 0.0, "{counts:?}");
    let page = fixture.client.messages(&failed(), None).await.unwrap();
    assert_eq!(page.total, Some(failures));
    assert!(page.messages.iter().all(|m| m.status == "FAILED"));
}

#[tokio::test]
async fn a_time_window_and_exact_fields_filter_on_the_tenant() {
    let fixture = start().await;
    let newest = fixture
        .client
        .messages(&MessageFilter::default(), None)
        .await
        .unwrap();
    let sample = newest.messages[5].clone();
    let end = end_of(&newest.messages[0]);
    let window = MessageFilter {
        from: Some((end - Duration::hours(2)).to_rfc3339()),
        to: Some((end + Duration::seconds(1)).to_rfc3339()),
        ..MessageFilter::default()
    };
    let page = fixture.client.messages(&window, None).await.unwrap();
    assert!(!page.messages.is_empty());
    assert!(page.total.unwrap() < newest.total.unwrap());
    assert!(page
        .messages
        .iter()
        .all(|m| end_of(m) > end - Duration::hours(2)));

    let exact = MessageFilter {
        integration_flow: sample.integration_flow.clone(),
        sender: sample.sender.clone(),
        receiver: sample.receiver.clone(),
        ..MessageFilter::default()
    };
    let page = fixture.client.messages(&exact, None).await.unwrap();
    assert!(page
        .messages
        .iter()
        .all(|m| m.integration_flow == sample.integration_flow
            && m.sender == sample.sender
            && m.receiver == sample.receiver));
    assert!(page
        .messages
        .iter()
        .any(|m| m.message_guid == sample.message_guid));

    if let Some(id) = &sample.application_message_id {
        let by_id = MessageFilter {
            application_message_id: Some(id.clone()),
            ..MessageFilter::default()
        };
        let page = fixture.client.messages(&by_id, None).await.unwrap();
        assert!(page
            .messages
            .iter()
            .any(|m| m.message_guid == sample.message_guid));
    }
    let by_correlation = MessageFilter {
        correlation_id: sample.correlation_id.clone(),
        ..MessageFilter::default()
    };
    let page = fixture
        .client
        .messages(&by_correlation, None)
        .await
        .unwrap();
    assert!(page
        .messages
        .iter()
        .any(|m| m.message_guid == sample.message_guid));

    // A quote in a value is a literal, not the end of the string.
    let quoted = MessageFilter {
        sender: Some("O'Brien' or Status eq 'FAILED".into()),
        ..MessageFilter::default()
    };
    let page = fixture.client.messages(&quoted, None).await.unwrap();
    assert_eq!(page.total, Some(0.0));

    let backwards = MessageFilter {
        from: window.to.clone(),
        to: window.from.clone(),
        ..MessageFilter::default()
    };
    assert!(matches!(
        fixture.client.messages(&backwards, None).await,
        Err(SapError::Config { .. })
    ));
}

#[tokio::test]
async fn a_failed_message_in_detail_and_its_custom_header_as_filter() {
    let fixture = start().await;
    let page = fixture.client.messages(&failed(), None).await.unwrap();
    let mut with_headers = None;
    for message in page.messages.iter().take(20) {
        let detail = fixture.client.message(&message.message_guid).await.unwrap();
        assert!(detail.unavailable.is_empty(), "{:?}", detail.unavailable);
        assert!(
            detail.error_text.as_deref().is_some_and(|t| t.len() > 10),
            "{detail:?}"
        );
        assert!(
            !detail.runs.is_empty() && !detail.runs[0].steps.is_empty(),
            "{:?}",
            detail.runs
        );
        if !detail.custom_headers.is_empty() && !detail.attachments.is_empty() {
            with_headers = Some(detail);
            break;
        }
    }
    let detail = with_headers.expect("a failed message with custom headers and attachments");
    let attachment = &detail.attachments[0];
    let content = fixture
        .client
        .attachment_content(&attachment.id)
        .await
        .unwrap();
    assert!(!content.truncated);
    if attachment.is_text {
        assert!(content.text.as_deref().is_some_and(|t| !t.is_empty()));
    }
    let mut saved = Vec::new();
    let file = fixture
        .client
        .save_attachment(&attachment.id, &mut saved)
        .await
        .unwrap();
    assert_eq!(file.bytes, saved.len() as f64);
    assert_eq!(file.bytes, content.size_bytes);

    let header = &detail.custom_headers[0];
    let by_header = MessageFilter {
        custom_header: Some(CustomHeaderFilter {
            name: header.name.clone(),
            value: header.value.clone(),
        }),
        ..MessageFilter::default()
    };
    let page = fixture.client.messages(&by_header, None).await.unwrap();
    assert!(page
        .messages
        .iter()
        .any(|m| m.message_guid == detail.log.message_guid));
    assert!(page.total.unwrap() < 20_000.0);

    let unknown = fixture
        .client
        .message("AAAAAAAAAAAAAAAAAAAAAAAAAAAA")
        .await
        .unwrap_err();
    assert!(
        matches!(unknown, SapError::Sap { status: 404, .. }),
        "{unknown:?}"
    );
}

#[tokio::test]
async fn message_store_entries_can_be_read() {
    let fixture = start().await;
    let completed = MessageFilter {
        statuses: vec![MessageStatus::Completed],
        ..MessageFilter::default()
    };
    let page = fixture.client.messages(&completed, None).await.unwrap();
    let mut entry = None;
    for message in page.messages.iter().take(60) {
        let detail = fixture.client.message(&message.message_guid).await.unwrap();
        if let Some(first) = detail.store_entries.first() {
            entry = Some(first.clone());
            break;
        }
    }
    let entry = entry.expect("a completed message with a message store entry");
    let content = fixture.client.store_entry_content(&entry.id).await.unwrap();
    assert!(content.size_bytes > 0.0);
}

#[tokio::test]
async fn the_filtered_list_exports_as_csv_across_pages() {
    let fixture = start().await;
    let (csv, rows) = fixture
        .client
        .messages_csv(&MessageFilter::default(), 1_500)
        .await
        .unwrap();
    assert_eq!(rows, 1_500);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(&reader.headers().unwrap()[0], "MessageGuid");
    assert_eq!(reader.records().count(), 1_500);
    let (csv, rows) = fixture
        .client
        .messages_csv(&failed(), 100_000)
        .await
        .unwrap();
    let failures = fixture.client.message_counts(&failed()).await.unwrap()[0].count;
    assert_eq!(rows as f64, failures);
    assert!(csv.lines().skip(1).all(|line| line.contains(",FAILED,")));
}
