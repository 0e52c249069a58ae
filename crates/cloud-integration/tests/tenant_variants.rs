//! Answers real tenants give that the simulated tenant does not (or not on demand): pages
//! of 30 binary parameters, 429 with `Retry-After`, `value: null` refusals, HTML error
//! pages of the platform, a task id as plain text, a slow answer. Served by a small axum
//! server on loopback; each case checks what the client sent as well as what it made of it.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use cloud_integration::{
    ArtifactKind, CloudIntegrationClient, CustomHeaderFilter, MessageFilter, MessageStatus,
};
use sap_http::{ProxyMode, SapError, Session, SessionConfig, TimeoutPhase};
use serde_json::json;
use url::Url;

#[derive(Default)]
struct Seen {
    throttled_reads: AtomicU32,
    deploy_calls: AtomicU32,
    queries: Mutex<Vec<String>>,
}

type Shared = State<Arc<Seen>>;

fn json_answer(status: StatusCode, body: serde_json::Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

async fn service_root() -> Response {
    ([("x-csrf-token", "token-1")], "").into_response()
}

/// 65 binary parameters in pages of 30, as the tenant pages them.
async fn binary_parameters(Query(query): Query<Vec<(String, String)>>) -> Response {
    let skip: usize = query
        .iter()
        .find(|(key, _)| key == "$skiptoken")
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    let results: Vec<_> = (skip..(skip + 30).min(65))
        .map(|index| json!({"Pid": "P", "Id": format!("B{index:02}"), "ContentType": "xml", "Value": "PGEvPg=="}))
        .collect();
    let mut d = json!({ "results": results });
    if skip + 30 < 65 {
        d["__next"] = json!(format!(
            "https://t.example/api/v1/BinaryParameters?$skiptoken={}",
            skip + 30
        ));
    }
    json_answer(StatusCode::OK, json!({ "d": d }))
}

/// 429 with `Retry-After: 1` once, then the list.
async fn throttled_once(State(seen): Shared) -> Response {
    if seen.throttled_reads.fetch_add(1, Ordering::SeqCst) == 0 {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            [("retry-after", "1")],
            "Too many requests",
        )
            .into_response();
    }
    json_answer(
        StatusCode::OK,
        json!({"d": {"results": [{"Pid": "SUPPLIER_X"}]}}),
    )
}

/// 429 asking for a minute: not waited for.
async fn throttled_long() -> Response {
    (
        StatusCode::TOO_MANY_REQUESTS,
        [("retry-after", "60"), ("content-type", "text/html")],
        "<html><head><title>429 Too Many Requests</title></head></html>",
    )
        .into_response()
}

async fn forbidden_null() -> Response {
    json_answer(
        StatusCode::FORBIDDEN,
        json!({"error": {"code": "Forbidden", "message": {"lang": "en", "value": null}}}),
    )
}

async fn bad_gateway() -> Response {
    (
        StatusCode::BAD_GATEWAY,
        [(header::CONTENT_TYPE, "text/html")],
        "<html><head><title>502 Bad Gateway</title></head><body>The application is not reachable</body></html>",
    )
        .into_response()
}

/// The documented deploy answer: 202 and the task id as plain text; a throttled POST is
/// never repeated by the client.
async fn deploy(State(seen): Shared, uri: Uri) -> Response {
    seen.queries
        .lock()
        .unwrap()
        .push(uri.query().unwrap_or_default().to_owned());
    if seen.deploy_calls.fetch_add(1, Ordering::SeqCst) == 1 {
        return (StatusCode::TOO_MANY_REQUESTS, [("retry-after", "1")], "").into_response();
    }
    (
        StatusCode::ACCEPTED,
        [(header::CONTENT_TYPE, "text/plain")],
        "8e7c1f0a-task",
    )
        .into_response()
}

async fn count(State(seen): Shared, uri: Uri) -> Response {
    let query = uri.query().unwrap_or_default().to_owned();
    let decoded = url::form_urlencoded::parse(query.as_bytes())
        .map(|(key, value)| format!("{key}={value}"))
        .collect::<Vec<_>>()
        .join("&");
    seen.queries.lock().unwrap().push(decoded);
    ([(header::CONTENT_TYPE, "text/plain")], "17").into_response()
}

async fn zip(headers: HeaderMap) -> Response {
    assert_eq!(headers.get("accept").unwrap(), "*/*");
    (
        [
            (header::CONTENT_TYPE, "application/zip"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"../Orders_Replicate.zip\"",
            ),
        ],
        vec![b'P', b'K', 3, 4, 0, 0],
    )
        .into_response()
}

async fn slow() -> Response {
    tokio::time::sleep(Duration::from_secs(3)).await;
    json_answer(StatusCode::OK, json!({"d": {"results": []}}))
}

async fn start() -> (CloudIntegrationClient, Arc<Seen>) {
    let seen = Arc::new(Seen::default());
    let app = Router::new()
        .route("/api/v1/", get(service_root))
        .route("/api/v1/BinaryParameters", get(binary_parameters))
        .route("/api/v1/Partners", get(throttled_once))
        .route("/api/v1/UserCredentials", get(throttled_long))
        .route("/api/v1/KeystoreEntries", get(forbidden_null))
        .route("/api/v1/IntegrationRuntimeArtifacts", get(bad_gateway))
        .route("/api/v1/DeployIntegrationDesigntimeArtifact", post(deploy))
        .route("/api/v1/MessageProcessingLogs/$count", get(count))
        .route(
            "/api/v1/IntegrationDesigntimeArtifacts(Id='Orders_Replicate',Version='active')/$value",
            get(zip),
        )
        .route("/api/v1/LogFiles", get(slow))
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let mut config = SessionConfig::new(Url::parse(&format!("http://{address}/api/v1/")).unwrap());
    config.proxy = ProxyMode::None;
    config.csrf_fetch_path = String::new();
    config.timeout = Duration::from_secs(1);
    (
        CloudIntegrationClient::new(Session::new(config).unwrap()),
        seen,
    )
}

#[tokio::test]
async fn binary_parameters_are_read_across_pages_of_thirty() {
    let (client, _) = start().await;
    let parameters = client.binary_parameters(None).await.unwrap();
    assert_eq!(parameters.len(), 65);
    assert_eq!(parameters[64].id, "B64");
    assert_eq!(parameters[0].text.as_deref(), Some("<a/>"));
}

#[tokio::test]
async fn a_short_retry_after_is_waited_for_once() {
    let (client, seen) = start().await;
    let partners = client.partners().await.unwrap();
    assert_eq!(partners.len(), 1);
    assert_eq!(seen.throttled_reads.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_long_retry_after_says_when_to_try_again() {
    let (client, _) = start().await;
    match client.user_credentials().await {
        Err(SapError::Sap {
            status: 429,
            message,
            details,
        }) => {
            assert!(message.contains("try again in 60 s"), "{message}");
            assert_eq!(details, vec!["retry-after 60"]);
        }
        other => panic!("expected a 429 refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_refusal_without_text_gets_a_sentence() {
    let (client, _) = start().await;
    match client.keystore_entries().await {
        Err(SapError::Sap {
            status: 403,
            message,
            details,
        }) => {
            assert!(message.contains("lacks the role"), "{message}");
            assert_eq!(details, vec!["code Forbidden"]);
        }
        other => panic!("expected a 403 refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn an_html_error_page_is_named_by_its_title() {
    let (client, _) = start().await;
    match client.runtime_artifacts(&Default::default()).await {
        Err(SapError::HttpStatus {
            status: 502, title, ..
        }) => {
            assert_eq!(title.as_deref(), Some("502 Bad Gateway"))
        }
        other => panic!("expected the platform's error page, got {other:?}"),
    }
}

#[tokio::test]
async fn deploy_sends_quoted_parameters_reads_the_task_id_and_never_repeats_a_throttled_post() {
    let (client, seen) = start().await;
    let task = client
        .deploy(ArtifactKind::IntegrationFlow, "Orders_Replicate", "")
        .await
        .unwrap();
    assert_eq!(task, "8e7c1f0a-task");
    assert_eq!(
        seen.queries.lock().unwrap()[0],
        "Id=%27Orders_Replicate%27&Version=%27active%27"
    );
    let second = client
        .deploy(ArtifactKind::IntegrationFlow, "Orders_Replicate", "active")
        .await;
    assert!(
        matches!(second, Err(SapError::Sap { status: 429, .. })),
        "{second:?}"
    );
    assert_eq!(seen.deploy_calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn counts_send_one_filter_per_status_with_the_custom_header_option() {
    let (client, seen) = start().await;
    let filter = MessageFilter {
        statuses: vec![MessageStatus::Failed, MessageStatus::Retry],
        sender: Some("O'Brien".into()),
        custom_header: Some(CustomHeaderFilter {
            name: "po_number".into(),
            value: "4711".into(),
        }),
        ..MessageFilter::default()
    };
    let counts = client.message_counts(&filter).await.unwrap();
    assert_eq!(counts.len(), 2);
    assert!(counts.iter().all(|count| count.count == 17.0));
    let mut queries = seen.queries.lock().unwrap().clone();
    queries.sort();
    assert_eq!(
        queries,
        vec![
            "$filter=Status eq 'FAILED' and Sender eq 'O''Brien'&filterCustomHeaderProperties='po_number' eq '4711'",
            "$filter=Status eq 'RETRY' and Sender eq 'O''Brien'&filterCustomHeaderProperties='po_number' eq '4711'",
        ]
    );
}

#[tokio::test]
async fn an_artifact_zip_is_streamed_with_a_safe_suggested_name() {
    let (client, _) = start().await;
    let mut file = Vec::new();
    let saved = client
        .save_artifact(
            ArtifactKind::IntegrationFlow,
            "Orders_Replicate",
            "active",
            &mut file,
        )
        .await
        .unwrap();
    assert_eq!(file, vec![b'P', b'K', 3, 4, 0, 0]);
    assert_eq!(saved.bytes, 6.0);
    assert_eq!(
        saved.suggested_name.as_deref(),
        Some("Orders_Replicate.zip")
    );
    assert_eq!(saved.content_type.as_deref(), Some("application/zip"));
}

#[tokio::test]
async fn a_slow_tenant_is_a_timeout() {
    let (client, _) = start().await;
    match client.log_files().await {
        Err(SapError::Timeout {
            phase: TimeoutPhase::Response,
            ..
        }) => {}
        other => panic!("expected a timeout, got {other:?}"),
    }
}
