use std::collections::HashSet;

use abapgit_agent::{
    CellValue, DumpRequest, ListRequest, PreviewRequest, TreeRequest, ViewRequest, WhereUsedRequest,
};

use crate::support::{sap_message, start, DIALECTS};
use sandbox::Dialect;

#[tokio::test]
async fn tree_of_a_package_and_of_a_missing_one() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = TreeRequest {
            package: "zflight".into(),
            depth: Some(99),
            include_objects: true,
        };
        let tree = fixture.client.tree(&request).await.expect("tree");
        assert_eq!(tree.package, "ZFLIGHT", "{dialect:?}");
        assert_eq!(tree.nodes.len() as u32, tree.total_packages);
        assert!(tree.nodes.iter().any(|n| n.package == "ZFLIGHT_CORE"
            && n.depth == 1
            && n.parent.as_deref() == Some("ZFLIGHT")));
        assert_eq!(
            tree.object_counts.iter().map(|c| c.count).sum::<u32>(),
            tree.total_objects,
            "{dialect:?}"
        );

        let missing = TreeRequest {
            package: "ZNOPE".into(),
            ..TreeRequest::default()
        };
        let (status, message) = sap_message(fixture.client.tree(&missing).await);
        assert_eq!(status, 200);
        assert!(
            message.contains("ZNOPE") && message.contains("does not exist"),
            "{dialect:?}: {message}"
        );
    }
}

#[tokio::test]
async fn list_pages_and_list_all_collects_every_page() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let page = ListRequest {
            package: "$ZDEMO".into(),
            limit: Some(3),
            ..ListRequest::default()
        };
        let first = fixture.client.list(&page).await.expect("list");
        assert_eq!(first.objects.len(), 3, "{dialect:?}");
        assert!(first.total > 3);
        assert_eq!(first.next_offset(), Some(3));

        let before = fixture.requests();
        let all = fixture.client.list_all(&page).await.expect("list_all");
        let pages = u64::from(all.total.div_ceil(3));
        assert_eq!(
            fixture.requests() - before,
            pages,
            "{dialect:?}: one request per page"
        );
        assert_eq!(all.objects.len() as u32, all.total, "{dialect:?}");
        let unique: HashSet<_> = all
            .objects
            .iter()
            .map(|o| (&o.object_type, &o.object_name))
            .collect();
        assert_eq!(
            unique.len(),
            all.objects.len(),
            "{dialect:?}: no duplicates"
        );

        let filtered = ListRequest {
            package: "$ZDEMO".into(),
            object_types: vec!["prog".into(), "CLAS".into()],
            // Typed in lower case: the client sends it upper case, as TADIR names are
            // (the real handler compares with a case-sensitive LIKE).
            name_pattern: Some("zdemo_*".into()),
            ..ListRequest::default()
        };
        let result = fixture.client.list(&filtered).await.expect("filtered");
        assert!(!result.objects.is_empty(), "{dialect:?}");
        for object in &result.objects {
            assert_eq!(object.object_type, "PROG", "{dialect:?}: {object:?}");
            assert!(object.object_name.starts_with("ZDEMO_"));
        }
    }
}

#[tokio::test]
async fn view_table_class_sections_and_missing_object() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let table = fixture
            .client
            .view(&ViewRequest {
                objects: vec!["sflight".into()],
                ..ViewRequest::default()
            })
            .await
            .expect("view table");
        let sflight = &table.objects[0];
        assert_eq!(
            (sflight.object_type.as_str(), sflight.not_found),
            ("TABL", false),
            "{dialect:?}"
        );
        let carrid = sflight
            .components
            .iter()
            .find(|c| c.field == "CARRID")
            .expect("CARRID");
        assert!(carrid.key);
        assert_eq!(
            (
                carrid.data_type.as_str(),
                carrid.length,
                carrid.data_element.as_str()
            ),
            ("CHAR", 3, "S_CARR_ID")
        );

        let class = fixture
            .client
            .view(&ViewRequest {
                objects: vec!["ZCL_DEMO_CALCULATOR".into()],
                full: true,
                ..ViewRequest::default()
            })
            .await
            .expect("view class");
        let sections = &class.objects[0].sections;
        assert_eq!(
            sections.first().map(|s| s.suffix.as_str()),
            Some("CU"),
            "{dialect:?}"
        );
        let add = sections
            .iter()
            .find(|s| s.method_name.as_deref() == Some("ADD"))
            .expect("ADD");
        assert!(add.suffix.starts_with("CM") && add.lines.len() >= 3);
        assert!(
            sections[0].lines.iter().any(String::is_empty),
            "empty source lines survive"
        );

        let missing = fixture
            .client
            .view(&ViewRequest {
                objects: vec!["ZIF_NONEXISTENT".into()],
                ..ViewRequest::default()
            })
            .await
            .expect("view missing");
        assert!(missing.objects[0].not_found, "{dialect:?}");
    }
}

#[tokio::test]
async fn where_used_in_both_shapes() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = WhereUsedRequest {
            objects: vec!["zcl_flight_pricing".into()],
            limit: Some(10_000),
            ..WhereUsedRequest::default()
        };
        let result = fixture.client.where_used(&request).await.expect("where");
        let object = &result.objects[0];
        assert_eq!(object.name, "ZCL_FLIGHT_PRICING");
        assert!(!object.references.is_empty(), "{dialect:?}");
        for reference in &object.references {
            assert_eq!(
                (
                    reference.object_type.as_str(),
                    reference.object_name.as_str()
                ),
                ("CLAS", "ZCL_FLIGHT_BOOKING_SERVICE"),
                "{dialect:?}: {reference:?}"
            );
            assert!(reference
                .include
                .as_deref()
                .is_some_and(|i| i.starts_with("ZCL_FLIGHT_BOOKING_SERVICE")));
        }
        assert_eq!(result.total_references, object.count);
    }
}

#[tokio::test]
async fn preview_grid_paging_and_per_object_errors() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = PreviewRequest {
            objects: vec!["scarr".into(), "ZNOPE".into()],
            limit: Some(5000),
            ..PreviewRequest::default()
        };
        let result = fixture
            .client
            .preview(&request)
            .await
            .expect("preview with one bad object");
        assert!(!result.success, "{dialect:?}");
        let scarr = &result.objects[0];
        assert!(scarr.error.is_none());
        assert!(scarr.rows.len() <= 100, "limit clamped to 100");
        assert_eq!(scarr.rows.len() as u32, scarr.total_rows.min(100));
        let carrid = scarr
            .columns
            .iter()
            .position(|c| c.name == "CARRID")
            .expect("CARRID column");
        assert!(scarr
            .rows
            .iter()
            .all(|row| row.len() == scarr.columns.len()));
        assert!(
            matches!(&scarr.rows[0][carrid], CellValue::Text(code) if code.len() == 2),
            "{dialect:?}"
        );
        // The handler's own words (zcl_abgagt_command_preview); the documented server's differ.
        let expected = match dialect {
            Dialect::AsImplemented => "Object not found or not accessible: ZNOPE",
            Dialect::Documented => "Table or view not found: ZNOPE",
        };
        assert_eq!(result.objects[1].error.as_deref(), Some(expected));

        let filtered = PreviewRequest {
            objects: vec!["SCARR".into()],
            where_clause: Some("CURRCODE = 'EUR'".into()),
            columns: vec!["carrid".into(), "carrname".into()],
            ..PreviewRequest::default()
        };
        let result = fixture
            .client
            .preview(&filtered)
            .await
            .expect("filtered preview");
        let table = &result.objects[0];
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            ["CARRID", "CARRNAME"],
            "{dialect:?}: only the asked columns"
        );
        assert!(table.rows.iter().all(|r| r.len() == 2));

        // Paging with offsets: 12 rows in pages of 5 = 3 requests, in order, no repeats.
        let paged = PreviewRequest {
            objects: vec!["SCARR".into()],
            limit: Some(5),
            ..PreviewRequest::default()
        };
        let before = fixture.requests();
        let all = fixture
            .client
            .preview_all(&paged, 12)
            .await
            .expect("preview_all");
        assert_eq!(fixture.requests() - before, 3, "{dialect:?}");
        let table = &all.objects[0];
        assert_eq!(table.rows.len(), 12);
        let carrid = table
            .columns
            .iter()
            .position(|c| c.name == "CARRID")
            .expect("CARRID");
        let codes: Vec<String> = table
            .rows
            .iter()
            .map(|r| format!("{:?}", r[carrid]))
            .collect();
        let unique: HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), 12, "{dialect:?}: {codes:?}");
    }
}

#[tokio::test]
async fn dumps_list_reads_in_both_shapes() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = DumpRequest {
            limit: Some(1000),
            ..DumpRequest::default()
        };
        let list = fixture.client.dumps(&request).await.expect("dumps");
        assert_eq!(list.total as usize, list.dumps.len(), "{dialect:?}");
        assert!(list.dumps.len() <= 100);
        assert!(
            list.message.contains("dump"),
            "{dialect:?}: {}",
            list.message
        );
        for dump in &list.dumps {
            assert!(!dump.id.is_empty() && !dump.error.is_empty(), "{dump:?}");
        }
    }
}

#[tokio::test]
async fn dump_detail_has_the_source_excerpt_apart_from_the_stack() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let list = fixture
            .client
            .dumps(&DumpRequest::default())
            .await
            .expect("dumps");
        let Some(first) = list.dumps.first() else {
            panic!("{dialect:?}: the seeded system has short dumps");
        };
        let detail = fixture
            .client
            .dumps(&DumpRequest {
                detail: Some(first.id.clone()),
                ..DumpRequest::default()
            })
            .await
            .expect("detail");
        let dump = detail
            .dumps
            .iter()
            .find(|d| d.id == first.id)
            .expect("the same dump");
        assert!(
            dump.call_stack.iter().all(|frame| frame.level > 0),
            "{dialect:?}: {dump:?}"
        );
        let excerpt = dump.source_excerpt.as_deref().unwrap_or_default();
        assert!(
            excerpt.lines().any(|line| line.starts_with(">>>>>")),
            "{dialect:?}: {excerpt:?}"
        );
    }
}

#[tokio::test]
async fn requests_without_their_required_fields_are_refused_with_the_servers_text() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let client = &fixture.client;
        let cases = [
            ("view", client.view(&ViewRequest::default()).await.map(drop)),
            (
                "where",
                client
                    .where_used(&WhereUsedRequest::default())
                    .await
                    .map(drop),
            ),
            (
                "preview",
                client.preview(&PreviewRequest::default()).await.map(drop),
            ),
            ("tree", client.tree(&TreeRequest::default()).await.map(drop)),
            ("list", client.list(&ListRequest::default()).await.map(drop)),
            (
                "inspect",
                client
                    .inspect(&abapgit_agent::InspectRequest::default())
                    .await
                    .map(drop),
            ),
            (
                "drop",
                client
                    .drop_object(&abapgit_agent::DropRequest::default())
                    .await
                    .map(drop),
            ),
            (
                "import",
                client
                    .import(&abapgit_agent::ImportRequest::default(), None)
                    .await
                    .map(drop),
            ),
            ("status", client.status("").await.map(drop)),
            (
                "delete",
                client
                    .delete(&abapgit_agent::DeleteRequest::default())
                    .await
                    .map(drop),
            ),
        ];
        for (resource, outcome) in cases {
            let (status, message) = sap_message(outcome);
            assert_eq!(status, 400, "{dialect:?} {resource}: {message}");
            assert!(
                message.to_ascii_lowercase().contains("required"),
                "{dialect:?} {resource}: {message}"
            );
        }
    }
}
