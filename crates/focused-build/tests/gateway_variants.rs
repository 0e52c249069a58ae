//! Answers the sandbox does not give but other Gateway versions do: a `ChangeStatus` with no
//! body or wrapped under the function name, upper-case property names, numbers as strings,
//! an XML error body, an ICF HTML error page. Served by a small axum server on loopback.

use axum::extract::Query;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use focused_build::{FocusedBuildClient, WorkItemGuid};
use sap_http::{ProxyMode, SapError, Session, SessionConfig};
use serde_json::json;
use url::Url;

const NO_CONTENT: &str = "00000000-0000-0000-0000-00000000000a";
const WRAPPED: &str = "00000000-0000-0000-0000-00000000000b";
const XML_ERROR: &str = "00000000-0000-0000-0000-00000000000c";
const HTML_500: &str = "00000000-0000-0000-0000-00000000000d";

async fn change_status(Query(params): Query<Vec<(String, String)>>) -> Response {
    let guid = params
        .iter()
        .find(|(key, _)| key == "guid")
        .map(|(_, value)| value.trim_start_matches("guid'").trim_end_matches('\''))
        .unwrap_or_default()
        .to_owned();
    match guid.as_str() {
        NO_CONTENT => StatusCode::NO_CONTENT.into_response(),
        WRAPPED => (
            [(header::CONTENT_TYPE, "application/json")],
            json!({"d": {"ChangeStatus": {"userStatus": "E0009", "userStatusText": "Erfolgreich getestet"}}})
                .to_string(),
        )
            .into_response(),
        XML_ERROR => (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "application/xml")],
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><error xmlns=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">\
             <code>CRM_ORDER_MISC/010</code><message xml:lang=\"en\">Transaction 8000001408 is being processed by user TESTER01</message></error>",
        )
            .into_response(),
        _ => (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><head><title>500 Internal Server Error</title></head><body>ICF error</body></html>",
        )
            .into_response(),
    }
}

async fn work_item() -> Response {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        json!({"d": {
            "__metadata": {"type": "/SALM/EXT_DEVOPS_INTEG_SRV.WorkItem"},
            "Guid": "0050568B-3F1C-1EDA-A8C2-2D3F4E5A6B7C",
            "ObjectId": 8000001408u64,
            "ProcessType": "S1MJ",
            "Description": "Pricing report enhancement",
            "UserStatus": "E0004",
            "CreatedAt": "/Date(1700000000000+0000)/",
            "toWIActualRelease": {"results": [{"releaseId": "REL-1"}]},
            "toWIAttachment": {"results": [{"docId": "D1", "filename": "a.txt", "fileSize": "12"}]},
            "toWIText": [{"textType": "S105", "textContent": "bare array", "isRichText": "X"}],
            "toWICategory": {"__deferred": {"uri": "x"}}
        }})
        .to_string(),
    )
        .into_response()
}

async fn client() -> FocusedBuildClient {
    client_with(Router::new()).await
}

/// A `$batch` answer whose parts are delimited by another boundary than it names.
async fn garbled_batch() -> Response {
    (
        StatusCode::ACCEPTED,
        [(header::CONTENT_TYPE, "multipart/mixed; boundary=batch_a")],
        "--batch_b\r\nContent-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\n\r\n{}\r\n--batch_b--\r\n",
    )
        .into_response()
}

/// The service's routes and `extra` (e.g. a `$batch`); without one a `$batch` POST gets 405.
async fn client_with(extra: Router) -> FocusedBuildClient {
    let router = Router::new()
        .route(
            "/srv/",
            get(|| async { ([("x-csrf-token", "token-1")], "") }),
        )
        .route("/srv/ChangeStatus", post(change_status))
        .merge(extra)
        .route("/srv/{item}", get(work_item));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    let mut config =
        SessionConfig::new(Url::parse(&format!("http://{address}/srv/")).expect("url"));
    config.proxy = ProxyMode::None;
    FocusedBuildClient::new(Session::new(config).expect("session"))
}

fn guid(text: &str) -> WorkItemGuid {
    WorkItemGuid::parse(text).expect("guid")
}

#[tokio::test]
async fn a_change_status_without_a_body_reports_the_requested_status() {
    let change = client()
        .await
        .change_status(&guid(NO_CONTENT), "E0004")
        .await
        .expect("changed");
    assert_eq!(change.status.label, "To Be Tested (E0004)");
}

#[tokio::test]
async fn a_result_wrapped_under_the_function_name_is_read_with_the_servers_text() {
    let change = client()
        .await
        .change_status(&guid(WRAPPED), "E0009")
        .await
        .expect("changed");
    assert_eq!(change.status.code, "E0009");
    assert_eq!(change.status.label, "Erfolgreich getestet (E0009)");
}

#[tokio::test]
async fn an_xml_error_body_becomes_the_servers_message() {
    match client()
        .await
        .change_status(&guid(XML_ERROR), "E0009")
        .await
    {
        Err(SapError::Sap {
            status,
            message,
            details,
        }) => {
            assert_eq!(status, 400);
            assert_eq!(
                message,
                "Transaction 8000001408 is being processed by user TESTER01"
            );
            assert_eq!(details, vec!["message code CRM_ORDER_MISC/010".to_owned()]);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_html_error_page_is_an_http_status_error_with_its_title() {
    match client().await.change_status(&guid(HTML_500), "E0009").await {
        Err(SapError::HttpStatus { status, title, .. }) => {
            assert_eq!(status, 500);
            assert_eq!(title.as_deref(), Some("500 Internal Server Error"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn other_property_spellings_and_expansion_shapes_are_read() {
    let item = client()
        .await
        .work_item(&guid("0050568b3f1c1edaa8c22d3f4e5a6b7c"))
        .await
        .expect("work item");
    assert_eq!(item.object_id.as_deref(), Some("8000001408"));
    assert_eq!(item.status.label, "To Be Tested (E0004)");
    assert_eq!(item.created_at.as_deref(), Some("2023-11-14T22:13:20Z"));
    assert_eq!(
        item.actual_release.and_then(|r| r.release_id).as_deref(),
        Some("REL-1")
    );
    let attachments = item.attachments.expect("expanded");
    assert_eq!(attachments[0].document_id, "D1");
    assert_eq!(attachments[0].file_size, Some(12));
    let texts = item.texts.expect("expanded");
    assert!(texts[0].is_rich_text);
    assert!(item.categories.is_none(), "deferred");
}

#[tokio::test]
async fn a_service_without_batch_is_read_one_item_per_request() {
    let guids = [
        guid("0050568b3f1c1edaa8c22d3f4e5a6b7c"),
        guid("0050568b3f1c1edaa8c22d3f4e5a6b7d"),
    ];
    let reads = client().await.work_items(&guids).await;
    assert_eq!(reads.len(), 2);
    for read in reads {
        let item = read.result.expect("read alone");
        assert_eq!(item.object_id.as_deref(), Some("8000001408"));
    }
}

#[tokio::test]
async fn an_unreadable_batch_answer_fails_each_item_with_the_reason() {
    let client = client_with(Router::new().route("/srv/$batch", post(garbled_batch))).await;
    let guids = [
        guid("0050568b3f1c1edaa8c22d3f4e5a6b7c"),
        guid("0050568b3f1c1edaa8c22d3f4e5a6b7d"),
    ];
    let reads = client.work_items(&guids).await;
    assert_eq!(reads.len(), 2);
    for read in reads {
        match read.result {
            Err(SapError::Decode { message, excerpt }) => {
                assert_eq!(
                    message,
                    "the batch answer holds no part delimited by its boundary \"batch_a\""
                );
                assert!(excerpt.contains("--batch_b"), "{excerpt}");
            }
            other => panic!("{other:?}"),
        }
    }
}
