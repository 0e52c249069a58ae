//! Every operation of the client against the sandbox's Focused Build service, over HTTP.

mod support;

use focused_build::{NewAttachment, NewText, WorkItemGuid};
use sap_http::SapError;
use support::{start, unknown_guid};

#[tokio::test]
async fn reads_a_work_item_with_everything_expanded() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0017").await;
    let item = fixture.client.work_item(&guid).await.expect("work item");
    assert_eq!(item.guid, guid);
    assert_eq!(item.process_type.as_deref(), Some("S1MJ"));
    assert_eq!(item.process_type_text.as_deref(), Some("Normal Change"));
    assert_eq!(item.status.label, "To Be Corrected (E0017)");
    assert!(item.status.known);
    assert!(item.object_id.as_deref().is_some_and(|id| id.len() == 10));
    assert!(item
        .created_at
        .as_deref()
        .is_some_and(|d| d.starts_with("2025-")));
    let release = item.actual_release.expect("release expanded");
    assert!(release.release_id.is_some() && release.go_live_date.is_some());
    let texts = item.texts.expect("texts expanded");
    assert!(texts
        .iter()
        .any(|t| t.text_type == "S115" && t.text_type_name.as_deref() == Some("Description")));
    assert!(
        texts.iter().any(|t| t.is_rich_text),
        "the tester's rich text comment"
    );
    let attachments = item.attachments.expect("attachments expanded");
    assert!(attachments
        .iter()
        .any(|a| a.mime_type.as_deref() == Some("image/png")));
    let categories = item.categories.expect("categories expanded");
    assert_eq!(categories.len(), 2);
    assert!(
        categories.iter().any(|c| c.level == Some(1))
            && categories.iter().any(|c| c.level == Some(2))
    );
}

#[tokio::test]
async fn the_gui_spelling_of_a_guid_reads_the_same_item() {
    let fixture = start().await;
    let guid = fixture.item("S1HF", "E0004").await;
    let raw = WorkItemGuid::parse(&guid.to_raw_hex()).expect("raw form");
    let item = fixture.client.work_item(&raw).await.expect("work item");
    assert_eq!(item.guid, guid);
}

#[tokio::test]
async fn general_changes_are_named_from_their_own_profile() {
    let fixture = start().await;
    let guid = fixture.item("S1CG", "E0014").await;
    let item = fixture.client.work_item(&guid).await.expect("work item");
    assert_eq!(item.status.label, "In Development (E0014)");
}

#[tokio::test]
async fn texts_are_listed_and_appended() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0002").await;
    let before = fixture.client.texts(&guid).await.expect("texts");

    let comment = fixture
        .client
        .add_text(&guid, &NewText::comment("Pipeline run 4711: ATC clean"))
        .await
        .expect("comment added");
    assert_eq!(comment.text_type, "S105");
    assert_eq!(comment.text_type_name.as_deref(), Some("Comment"));
    assert_eq!(comment.created_by.as_deref(), Some("DEVELOPER"));
    assert!(comment.created_at.is_some());

    let memo = NewText {
        text_type: Some("s114".into()),
        content: "Check the table buffer after import".into(),
        is_rich_text: false,
    };
    let memo = fixture
        .client
        .add_text(&guid, &memo)
        .await
        .expect("memo added");
    assert_eq!(memo.text_type, "S114");

    let after = fixture.client.texts(&guid).await.expect("texts");
    assert_eq!(after.len(), before.len() + 2);
    assert_eq!(
        after[after.len() - 2].content,
        "Pipeline run 4711: ATC clean"
    );
    assert_eq!(
        after[after.len() - 1].text_type_name.as_deref(),
        Some("Memo")
    );
}

#[tokio::test]
async fn a_text_type_the_system_does_not_allow_is_refused_by_the_server() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0002").await;
    let text = NewText {
        text_type: Some("Z999".into()),
        content: "x".into(),
        is_rich_text: false,
    };
    match fixture.client.add_text(&guid, &text).await {
        Err(SapError::Sap {
            status,
            message,
            details,
        }) => {
            assert_eq!(status, 400);
            assert!(message.contains("Z999"), "{message}");
            assert!(
                details.iter().any(|d| d.contains("/SALM/EXT_DEVOPS/")),
                "{details:?}"
            );
        }
        other => panic!("expected a Gateway error, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_input_is_refused_before_anything_is_sent() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0002").await;
    let sent = fixture.sandbox.request_count();
    let bad_type = NewText {
        text_type: Some("COMMENT".into()),
        content: "x".into(),
        is_rich_text: false,
    };
    let empty = NewText::comment("   ");
    let no_name = NewAttachment {
        file_name: "../etc/passwd".into(),
        mime_type: None,
        content: vec![1],
    };
    let errors = [
        fixture.client.add_text(&guid, &bad_type).await.err(),
        fixture.client.add_text(&guid, &empty).await.err(),
        fixture.client.add_attachment(&guid, &no_name).await.err(),
        fixture.client.change_status(&guid, "done").await.err(),
    ];
    for (error, field) in
        errors
            .iter()
            .zip(["text_type", "text_content", "file_name", "user_status"])
    {
        match error {
            Some(SapError::Config { field: named, .. }) => assert_eq!(named, field),
            other => panic!("{field}: {other:?}"),
        }
    }
    assert_eq!(
        fixture.sandbox.request_count(),
        sent,
        "nothing reached the server"
    );
}

#[tokio::test]
async fn attachments_round_trip_byte_for_byte() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0004").await;
    let content: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let file = NewAttachment {
        file_name: "junit-results.bin".into(),
        mime_type: Some("application/octet-stream".into()),
        content: content.clone(),
    };
    let created = fixture
        .client
        .add_attachment(&guid, &file)
        .await
        .expect("uploaded");
    assert_eq!(created.file_name, "junit-results.bin");
    assert_eq!(created.file_size, Some(70_000));

    let listed = fixture
        .client
        .attachments(&guid)
        .await
        .expect("attachments");
    assert!(listed.iter().any(|a| a.document_id == created.document_id));

    let downloaded = fixture
        .client
        .download_attachment(&guid, &created.document_id)
        .await
        .expect("downloaded");
    assert_eq!(downloaded.content, content);
    assert_eq!(
        downloaded.mime_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(downloaded.file_name.as_deref(), Some("junit-results.bin"));
}

#[tokio::test]
async fn an_html_attachment_is_not_mistaken_for_a_logon_page() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0004").await;
    let page = b"<!DOCTYPE html><html><head><title>Coverage</title></head><body>92 %</body></html>"
        .to_vec();
    let file = NewAttachment {
        file_name: "coverage.html".into(),
        mime_type: Some("text/html".into()),
        content: page.clone(),
    };
    let created = fixture
        .client
        .add_attachment(&guid, &file)
        .await
        .expect("uploaded");
    let downloaded = fixture
        .client
        .download_attachment(&guid, &created.document_id)
        .await
        .expect("downloaded");
    assert_eq!(downloaded.content, page);
}

#[tokio::test]
async fn an_attachment_is_saved_by_streaming_and_html_ones_too() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0004").await;
    let pdf: Vec<u8> = (0..300_000u32).map(|n| (n % 251) as u8).collect();
    let page = b"<!DOCTYPE html><html><title>Report</title><body>ok</body></html>".to_vec();
    for (name, mime, content) in [
        ("report.pdf", "application/pdf", pdf),
        ("report.html", "text/html", page),
    ] {
        let created = fixture
            .client
            .add_attachment(
                &guid,
                &NewAttachment {
                    file_name: name.into(),
                    mime_type: Some(mime.into()),
                    content: content.clone(),
                },
            )
            .await
            .expect("uploaded");
        let mut written = Vec::new();
        let saved = fixture
            .client
            .save_attachment(&guid, &created.document_id, &mut written)
            .await
            .expect("saved");
        assert_eq!(written, content, "{name}");
        assert_eq!(saved.bytes, content.len() as u64);
        assert_eq!(
            saved.mime_type.as_deref().map(|m| m.starts_with(mime)),
            Some(true)
        );
    }
    let mut untouched = Vec::new();
    match fixture
        .client
        .save_attachment(&guid, "NOPE", &mut untouched)
        .await
    {
        Err(SapError::Sap { status: 404, .. }) => assert!(untouched.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_unknown_attachment_is_a_gateway_404() {
    let fixture = start().await;
    let guid = fixture.item("S1MJ", "E0004").await;
    match fixture.client.download_attachment(&guid, "NOPE").await {
        Err(SapError::Sap { status: 404, .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_unknown_guid_is_a_gateway_404() {
    let fixture = start().await;
    match fixture.client.work_item(&unknown_guid()).await {
        Err(SapError::Sap {
            status,
            message,
            details,
        }) => {
            assert_eq!(status, 404);
            assert!(message.contains("Resource not found"), "{message}");
            assert!(
                details.iter().any(|d| d.contains("/IWBEP/CM_MGW_RT/020")),
                "{details:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    match fixture.client.change_status(&unknown_guid(), "E0004").await {
        Err(SapError::Sap {
            status: 404,
            message,
            ..
        }) => {
            assert!(
                message.contains("0050568B3F1C1EDAA8C22D3F4E5A6B7C"),
                "{message}"
            );
        }
        other => panic!("{other:?}"),
    }
    match fixture
        .client
        .add_text(&unknown_guid(), &NewText::comment("x"))
        .await
    {
        Err(SapError::Sap { status: 404, .. }) => {}
        other => panic!("{other:?}"),
    }
}
