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

#[tokio::test]
async fn the_handler_lists_open_requests_of_one_kind_with_four_fields_only() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let workbench = fixture
            .client
            .list_transports_of(TransportScope::All, Some(TransportKind::Workbench))
            .await
            .expect("workbench");
        let customizing = fixture
            .client
            .list_transports_of(TransportScope::All, Some(TransportKind::Customizing))
            .await
            .expect("customizing");
        assert!(!workbench.transports.is_empty() && !customizing.transports.is_empty());
        assert!(workbench
            .transports
            .iter()
            .all(|w| customizing.transports.iter().all(|c| c.number != w.number)));
        // Newest date first (ORDER BY as4date DESCENDING), released requests never.
        let dates: Vec<&str> = workbench
            .transports
            .iter()
            .map(|t| t.date.as_str())
            .collect();
        assert!(
            dates.windows(2).all(|w| w[0] >= w[1]),
            "{dialect:?}: {dates:?}"
        );
        assert!(
            workbench
                .transports
                .iter()
                .all(|t| !t.description.starts_with("Hotfix")),
            "{dialect:?}: the released hotfix is listed"
        );
        // The user's tasks in others' requests count for the task scope.
        let task = fixture
            .client
            .list_transports(TransportScope::Task)
            .await
            .expect("task");
        assert!(
            task.transports.iter().any(|t| t.owner == "AKUMAR"),
            "{dialect:?}"
        );
    }
}

#[tokio::test]
async fn details_show_type_status_tasks_and_objects_from_the_cts_tables() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let task_list = fixture
            .client
            .list_transports(TransportScope::Task)
            .await
            .expect("list");
        let statistics = task_list
            .transports
            .iter()
            .find(|t| t.description == "ZFLIGHT: statistics report")
            .expect("AKUMAR's request");
        let details = fixture
            .client
            .transport_details(&statistics.number.to_lowercase())
            .await
            .expect("details");
        let request = &details.request;
        assert_eq!(
            (request.function.as_str(), request.type_text.as_str()),
            ("K", "Workbench request"),
            "{dialect:?}"
        );
        assert_eq!((request.status.as_str(), request.released), ("D", false));
        assert_eq!(request.status_text, "Modifiable");
        assert_eq!(request.owner, "AKUMAR");
        assert_eq!(
            request.date, statistics.date,
            "{dialect:?}: the same date as LIST"
        );
        assert!(
            request.time.len() == 8 && request.time.contains(':'),
            "{request:?}"
        );
        assert_eq!(request.target, "QAS");
        assert_eq!(request.description, "ZFLIGHT: statistics report");
        let owners: Vec<&str> = details.tasks.iter().map(|t| t.owner.as_str()).collect();
        assert_eq!(owners, ["AKUMAR", "DEVELOPER"], "{dialect:?}");
        assert!(details
            .tasks
            .iter()
            .all(|t| t.function == "S" && t.parent.as_deref() == Some(request.number.as_str())));
        let objects: Vec<(&str, &str)> = details
            .objects
            .iter()
            .map(|o| (o.object_type.as_str(), o.name.as_str()))
            .collect();
        assert_eq!(
            objects,
            [
                ("CLAS", "ZCL_FLIGHT_STATISTICS"),
                ("PROG", "ZFLIGHT_REPORT")
            ],
            "{dialect:?}"
        );
        // Recorded in the owner's task while the request is open.
        assert_eq!(details.objects[0].holder, details.tasks[0].number);
        assert!(!details.is_empty() && !details.objects_capped);
    }
}

#[tokio::test]
async fn an_empty_request_is_told_apart_although_the_handler_check_passes_it() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let created = fixture
            .client
            .create_transport("Nothing yet", TransportKind::Customizing)
            .await
            .expect("create");
        let number = created.number.expect("number");
        let details = fixture
            .client
            .transport_details(&number)
            .await
            .expect("details");
        assert!(details.is_empty(), "{dialect:?}: {details:?}");
        assert_eq!(details.request.function, "W");
        assert_eq!(details.request.description, "Nothing yet");
        assert_eq!(details.tasks.len(), 1);
        assert_eq!(details.tasks[0].function, "Q", "a customizing task");
        let check = fixture
            .client
            .check_transport(&number)
            .await
            .expect("check");
        assert_eq!(check.passed, Some(true), "{dialect:?}");

        let missing = fixture.client.transport_details("DEVK999999").await;
        let (_, message) = sap_message(missing);
        assert!(message.contains("DEVK999999"), "{dialect:?}: {message}");
        assert!(matches!(
            fixture.client.transport_details("X' OR '1' = '1").await,
            Err(abapgit_agent::SapError::Config { .. })
        ));
    }
}

#[tokio::test]
async fn released_requests_are_found_by_scope_newest_first() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let all = fixture
            .client
            .released_transports(TransportScope::All)
            .await
            .expect("released");
        assert!(all.requests.len() >= 3, "{dialect:?}: {all:?}");
        assert_eq!(all.total as usize, all.requests.len());
        assert!(all
            .requests
            .iter()
            .all(|r| r.released && r.status_text == "Released"));
        assert!(all.requests.iter().all(|r| !r.description.is_empty()));
        let dates: Vec<&str> = all.requests.iter().map(|r| r.date.as_str()).collect();
        assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
        let mine = fixture
            .client
            .released_transports(TransportScope::Mine)
            .await
            .expect("mine");
        assert!(mine.requests.iter().all(|r| r.owner == "DEVELOPER"));
        // JSMITH's booking service, where DEVELOPER had a task.
        let task = fixture
            .client
            .released_transports(TransportScope::Task)
            .await
            .expect("task");
        assert!(task.requests.len() > mine.requests.len(), "{dialect:?}");
        assert!(task.requests.iter().any(|r| r.owner == "JSMITH"));

        // A request released now is found among them, with its objects in the request itself.
        let open = fixture
            .client
            .list_transports(TransportScope::Mine)
            .await
            .expect("list");
        let pricing = open
            .transports
            .iter()
            .find(|t| t.description == "ZFLIGHT: pricing with discounts")
            .expect("pricing request");
        fixture
            .client
            .release_transport(&pricing.number)
            .await
            .expect("release");
        let after = fixture
            .client
            .released_transports(TransportScope::Mine)
            .await
            .expect("after");
        assert!(after.requests.iter().any(|r| r.number == pricing.number));
        let details = fixture
            .client
            .transport_details(&pricing.number)
            .await
            .expect("details");
        assert!(details.request.released && details.tasks.iter().all(|t| t.released));
        assert!(details.objects.iter().all(|o| o.holder == pricing.number));
    }
}
