use abapgit_agent::{
    CustomizeRequest, DropRequest, FieldValue, PreviewRequest, TransportKind, TransportScope,
    ViewRequest,
};

use crate::support::{sap_message, start, DIALECTS};

#[tokio::test]
async fn transport_create_list_check_release() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let created = fixture
            .client
            .create_transport("Agent Desk test", TransportKind::Workbench)
            .await
            .expect("create");
        let number = created.number.clone().expect("new number");
        assert!(
            number.len() == 10 && number.contains('K'),
            "{dialect:?}: {number}"
        );

        let mine = fixture
            .client
            .list_transports(TransportScope::Mine)
            .await
            .expect("list");
        assert!(
            mine.transports
                .iter()
                .any(|t| t.number == number && t.description == "Agent Desk test"),
            "{dialect:?}: {mine:?}"
        );
        let by_get = fixture
            .client
            .transports(TransportScope::Mine)
            .await
            .expect("GET list");
        assert!(
            by_get.transports.iter().any(|t| t.number == number),
            "{dialect:?}"
        );

        let check = fixture
            .client
            .check_transport(&number.to_lowercase())
            .await
            .expect("check");
        assert_eq!(check.passed, Some(true), "{dialect:?}: {check:?}");
        let released = fixture
            .client
            .release_transport(&number)
            .await
            .expect("release");
        assert!(!released.message.is_empty(), "{dialect:?}");
    }
}

#[tokio::test]
async fn drop_deletes_an_object_and_reports_a_missing_one() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let dropped = fixture
            .client
            .drop_object(&DropRequest {
                file: "src/zdemo_hello_world.prog.abap".into(),
                transport_request: None,
            })
            .await
            .expect("drop");
        assert_eq!(
            (dropped.object_type.as_str(), dropped.object_name.as_str()),
            ("PROG", "ZDEMO_HELLO_WORLD"),
            "{dialect:?}"
        );
        let view = fixture
            .client
            .view(&ViewRequest {
                objects: vec!["ZDEMO_HELLO_WORLD".into()],
                object_type: Some("PROG".into()),
                ..ViewRequest::default()
            })
            .await
            .expect("view");
        assert!(
            view.objects[0].not_found,
            "{dialect:?}: dropped object is gone"
        );

        let (status, message) = sap_message(
            fixture
                .client
                .drop_object(&DropRequest {
                    file: "znothing.prog.abap".into(),
                    transport_request: None,
                })
                .await,
        );
        assert_eq!(status, 200);
        assert!(message.contains("ZNOTHING"), "{dialect:?}: {message}");
    }
}

#[tokio::test]
async fn customize_writes_an_entry_that_preview_then_shows() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let field = |field: &str, value: &str| FieldValue {
            field: field.into(),
            value: value.into(),
        };
        let request = CustomizeRequest {
            table_name: "zfl_fees".into(),
            field_values: vec![
                field("FEE_CODE", "WIFI"),
                field("FEE_TEXT", "Onboard wifi"),
                field("AMOUNT", "9.90"),
                field("CURRENCY", "EUR"),
            ],
            transport: None,
            no_transport: true,
        };
        let result = fixture.client.customize(&request).await.expect("customize");
        assert_eq!(result.table_name, "ZFL_FEES", "{dialect:?}");
        assert!(!result.action.is_empty());
        let preview = fixture
            .client
            .preview(&PreviewRequest {
                objects: vec!["ZFL_FEES".into()],
                where_clause: Some("FEE_CODE = 'WIFI'".into()),
                ..PreviewRequest::default()
            })
            .await
            .expect("preview");
        assert_eq!(preview.objects[0].rows.len(), 1, "{dialect:?}: {preview:?}");

        let (status, message) =
            sap_message(fixture.client.customize(&CustomizeRequest::default()).await);
        assert_eq!(status, 400, "{dialect:?}");
        assert!(message.contains("required"), "{message}");
    }
}
