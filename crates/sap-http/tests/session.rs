//! The session against a small fake SAP service over loopback HTTP: CSRF handling,
//! authentication, headers, cookies and HTML answers.

mod support;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::Engine as _;
use sap_http::{Auth, Credentials, SapError, SapRequest, Secret, Session};
use serde_json::{json, Value};

const USER: &str = "DEVELOPER";
const PASSWORD: &str = "s3cret-Passw0rd";

/// What the fake service saw of one request.
#[derive(Clone, Debug)]
struct Seen {
    method: Method,
    path: String,
    query: Option<String>,
    headers: HeaderMap,
}

/// A service under `/svc/` that checks Basic auth and CSRF tokens like an SAP ICF
/// handler, and records every request.
#[derive(Default)]
struct FakeSap {
    seen: Mutex<Vec<Seen>>,
    issued_tokens: AtomicU64,
    /// The token modifying requests must carry (none before the first fetch).
    valid_token: Mutex<Option<String>>,
    /// Issued CSRF tokens are all rejected (a broken server).
    reject_every_token: std::sync::atomic::AtomicBool,
}

impl FakeSap {
    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
    fn fetches(&self) -> usize {
        self.seen()
            .iter()
            .filter(|seen| {
                seen.headers
                    .get("x-csrf-token")
                    .is_some_and(|v| v == "fetch")
            })
            .count()
    }
    /// The server-side session ends: the token held by the client goes stale.
    fn invalidate_token(&self) {
        *self.valid_token.lock().unwrap() = Some("token-from-another-session".into());
    }
}

async fn fake_sap(
    State(sap): State<Arc<FakeSap>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    _body: Bytes,
) -> Response {
    sap.seen.lock().unwrap().push(Seen {
        method: method.clone(),
        path: uri.path().to_owned(),
        query: uri.query().map(str::to_owned),
        headers: headers.clone(),
    });
    let path = uri.path().trim_start_matches("/svc/");

    if path == "logon-page" {
        return html(
            StatusCode::OK,
            "<html><head><title>Logon</title></head><body>SAP NetWeaver Logon</body></html>",
        );
    }
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"))
    );
    if headers
        .get("authorization")
        .is_none_or(|value| *value != *expected)
    {
        return html(
            StatusCode::UNAUTHORIZED,
            "<html><head><title>Logon failed</title></head></html>",
        );
    }

    let csrf_header = headers.get("x-csrf-token").and_then(|v| v.to_str().ok());
    if method == Method::GET && csrf_header == Some("fetch") {
        // Slow enough that concurrent first calls overlap with the fetch.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let token = format!(
            "token-{}",
            sap.issued_tokens.fetch_add(1, Ordering::SeqCst) + 1
        );
        *sap.valid_token.lock().unwrap() = Some(token.clone());
        return (
            [
                ("x-csrf-token", token.as_str()),
                ("set-cookie", "SAP_SESSIONID_DEV_100=cookie-value; Path=/"),
            ],
            axum::Json(json!({"status": "OK"})),
        )
            .into_response();
    }

    let modifying = matches!(
        method.as_str(),
        "POST" | "PUT" | "PATCH" | "DELETE" | "MERGE"
    );
    if modifying {
        let valid = sap.valid_token.lock().unwrap().clone();
        let rejected = sap.reject_every_token.load(Ordering::SeqCst)
            || valid.is_none()
            || csrf_header != valid.as_deref();
        if rejected {
            return (
                StatusCode::FORBIDDEN,
                [("x-csrf-token", "Required")],
                "CSRF token validation failed",
            )
                .into_response();
        }
    }

    match path {
        "forbidden" => (
            StatusCode::FORBIDDEN,
            "You are not authorized: the token for object ZFOO is locked",
        )
            .into_response(),
        "server-error" => html(
            StatusCode::INTERNAL_SERVER_ERROR,
            "<html><head><title>500 Internal Server Error</title></head>\
             <body><h1>Internal Server Error</h1><p>Runtime error   CX_SY_ZERODIVIDE</p></body></html>",
        ),
        "echo" => axum::Json(json!({
            "method": method.as_str(),
            "query": uri.query(),
            "sap_client": header_text(&headers, "sap-client"),
            "sap_language": header_text(&headers, "sap-language"),
            "user_agent": header_text(&headers, "user-agent"),
            "cookie": header_text(&headers, "cookie"),
        }))
        .into_response(),
        _ => axum::Json(json!({"success": "X", "path": path})).into_response(),
    }
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

fn html(status: StatusCode, page: &'static str) -> Response {
    (status, [("content-type", "text/html; charset=utf-8")], page).into_response()
}

async fn start() -> (Arc<FakeSap>, String) {
    let sap = Arc::new(FakeSap::default());
    let router = Router::new().fallback(fake_sap).with_state(sap.clone());
    let address = support::serve_http(router).await;
    (sap, format!("http://{address}/svc/"))
}

fn logged_on(base_url: &str) -> Session {
    let mut config = support::config(base_url);
    config.auth = Some(Auth::Basic(Credentials {
        user: USER.into(),
        password: Secret::new(PASSWORD),
    }));
    config.sap_client = Some("100".into());
    config.sap_language = Some("EN".into());
    config.csrf_fetch_path = "health".into();
    support::session(config)
}

#[tokio::test]
async fn csrf_token_is_fetched_lazily_once_and_reused() {
    let (sap, base) = start().await;
    let session = logged_on(&base);

    session.get("status", &[]).await.unwrap();
    assert_eq!(session.stats().csrf_fetches, 0, "a GET needs no token");
    assert_eq!(session.stats().requests, 1);

    let first = session
        .post_json("pull", &json!({"url": "x"}))
        .await
        .unwrap();
    assert_eq!(first.status, 200);
    assert_eq!(session.stats().requests, 3, "fetch + POST");
    let second = session
        .post_json("pull", &json!({"url": "x"}))
        .await
        .unwrap();
    assert_eq!(second.status, 200);
    assert_eq!(
        session.stats().requests,
        4,
        "a warm session costs one round trip"
    );
    assert_eq!(session.stats().csrf_fetches, 1);

    let seen = sap.seen();
    assert_eq!(seen[1].path, "/svc/health");
    assert_eq!(seen[1].headers["x-csrf-token"], "fetch");
    for post in &seen[2..] {
        assert_eq!(post.method, Method::POST);
        assert_eq!(post.headers["x-csrf-token"], "token-1");
        assert_eq!(post.headers["content-type"], "application/json");
    }
}

#[tokio::test]
async fn every_modifying_method_carries_the_token() {
    let (sap, base) = start().await;
    let session = logged_on(&base);
    for method in ["PUT", "PATCH", "DELETE", "MERGE"] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let response = session.send(SapRequest::new(method, "item")).await.unwrap();
        assert_eq!(response.status, 200);
    }
    assert_eq!(sap.fetches(), 1);
    assert_eq!(session.stats().requests, 5);
}

#[tokio::test]
async fn concurrent_first_calls_share_one_fetch() {
    let (sap, base) = start().await;
    let session = logged_on(&base);
    let calls = (0..8).map(|n| {
        let session = session.clone();
        tokio::spawn(async move { session.post_json("unit", &json!({ "n": n })).await })
    });
    for call in calls.collect::<Vec<_>>() {
        assert_eq!(call.await.unwrap().unwrap().status, 200);
    }
    assert_eq!(sap.fetches(), 1);
    assert_eq!(session.stats().csrf_fetches, 1);
    assert_eq!(session.stats().requests, 9);
}

#[tokio::test]
async fn stale_token_is_refetched_and_the_request_retried_once() {
    let (sap, base) = start().await;
    let session = logged_on(&base);
    session.post_json("pull", &json!({})).await.unwrap();
    sap.invalidate_token();

    let response = session.post_json("pull", &json!({})).await.unwrap();
    assert_eq!(response.status, 200);
    // fetch + POST, then POST (403 Required) + fetch + POST
    assert_eq!(session.stats().requests, 5);
    assert_eq!(session.stats().csrf_fetches, 2);
    let last = sap.seen().pop().unwrap();
    assert_eq!(last.headers["x-csrf-token"], "token-2");
}

#[tokio::test]
async fn a_token_rejected_after_the_retry_is_a_csrf_error() {
    let (sap, base) = start().await;
    sap.reject_every_token.store(true, Ordering::SeqCst);
    let session = logged_on(&base);

    let error = session.post_json("pull", &json!({})).await.unwrap_err();
    assert!(matches!(error, SapError::Csrf { .. }), "{error:?}");
    // fetch + POST + fetch + POST: exactly one retry
    assert_eq!(session.stats().requests, 4);
    assert_eq!(sap.fetches(), 2);
}

#[tokio::test]
async fn forbidden_without_the_required_header_is_returned_not_retried() {
    let (_sap, base) = start().await;
    let session = logged_on(&base);
    session.fetch_csrf_token().await.unwrap();

    // The body talks about a "token", but only the header means CSRF.
    let response = session.post_json("forbidden", &json!({})).await.unwrap();
    assert_eq!(response.status, 403);
    assert!(response.text().contains("token"));
    assert_eq!(session.stats().requests, 2, "fetch + one POST, no retry");
    assert_eq!(session.stats().csrf_fetches, 1);
}

#[tokio::test]
async fn unauthorized_is_an_authentication_error_without_retry() {
    let (sap, base) = start().await;
    let mut config = support::config(&base);
    config.auth = Some(Auth::Basic(Credentials {
        user: USER.into(),
        password: Secret::new("wrong-password"),
    }));
    config.csrf_fetch_path = "health".into();
    let session = support::session(config);

    let error = session.post_json("pull", &json!({})).await.unwrap_err();
    match &error {
        SapError::Authentication { status, message } => {
            assert_eq!(*status, 401);
            assert!(message.contains(USER), "{message}");
        }
        other => panic!("expected Authentication, got {other:?}"),
    }
    assert!(!format!("{error:?}").contains("wrong-password"));
    assert_eq!(
        session.stats().requests,
        1,
        "the CSRF fetch failed, nothing else sent"
    );
    assert_eq!(sap.seen().len(), 1);

    // The rejected password is not sent again (SAP counts failed logons).
    let error = session.get("status", &[]).await.unwrap_err();
    assert!(
        matches!(error, SapError::LogonWithheld { failed_attempts: 1, ref user } if user == USER),
        "{error:?}"
    );
    assert_eq!(session.stats().requests, 1);
    assert_eq!(sap.seen().len(), 1);
}

#[tokio::test]
async fn sap_headers_basic_auth_and_user_agent_are_sent() {
    let (sap, base) = start().await;
    let session = logged_on(&base);
    let response = session
        .get("echo", &[("$filter", "Status eq 'E0002'"), ("top", "5")])
        .await
        .unwrap();
    let echo: Value = response.json().unwrap();
    assert_eq!(echo["sap_client"], "100");
    assert_eq!(echo["sap_language"], "EN");
    let user_agent = echo["user_agent"].as_str().unwrap();
    assert!(user_agent.starts_with("AgentDesk/"), "{user_agent}");
    assert_eq!(echo["query"], "%24filter=Status%20eq%20%27E0002%27&top=5");
    let seen = sap.seen().pop().unwrap();
    assert!(seen.headers["authorization"]
        .to_str()
        .unwrap()
        .starts_with("Basic "));
    assert_eq!(
        seen.query.as_deref(),
        Some("%24filter=Status%20eq%20%27E0002%27&top=5")
    );
}

#[tokio::test]
async fn cookies_set_by_the_system_are_sent_back() {
    let (_sap, base) = start().await;
    let session = logged_on(&base);
    session.fetch_csrf_token().await.unwrap();
    let echo: Value = session.get("echo", &[]).await.unwrap().json().unwrap();
    assert_eq!(echo["cookie"], "SAP_SESSIONID_DEV_100=cookie-value");

    // Another session has its own jar.
    let other = logged_on(&base);
    let echo: Value = other.get("echo", &[]).await.unwrap().json().unwrap();
    assert_eq!(echo["cookie"], Value::Null);
}

#[tokio::test]
async fn forgetting_the_token_fetches_a_new_one() {
    let (sap, base) = start().await;
    let session = logged_on(&base);
    session.post_json("pull", &json!({})).await.unwrap();
    session.forget_csrf_token();
    session.post_json("pull", &json!({})).await.unwrap();
    assert_eq!(sap.fetches(), 2);
    assert_eq!(session.stats().requests, 4);
}

#[tokio::test]
async fn a_leading_slash_stays_under_the_service_root() {
    let (sap, base) = start().await;
    let session = logged_on(&base);
    session.get("/status", &[]).await.unwrap();
    assert_eq!(sap.seen().pop().unwrap().path, "/svc/status");
}

#[tokio::test]
async fn html_error_page_becomes_http_status_with_its_title() {
    let (_sap, base) = start().await;
    let session = logged_on(&base);
    let response = session.get("server-error", &[]).await.unwrap();
    assert_eq!(response.status, 500);
    assert!(response.is_html());
    match response.error_for_status() {
        Err(SapError::HttpStatus {
            status,
            title,
            excerpt,
        }) => {
            assert_eq!(status, 500);
            assert_eq!(title.as_deref(), Some("500 Internal Server Error"));
            assert_eq!(
                excerpt,
                "Internal Server Error Runtime error CX_SY_ZERODIVIDE"
            );
        }
        other => panic!("expected HttpStatus, got {other:?}"),
    }
}

#[tokio::test]
async fn a_logon_page_instead_of_data_is_never_returned_as_data() {
    let (_sap, base) = start().await;
    let session = logged_on(&base);
    // A new session that gets a logon page: the system wants an interactive logon.
    let error = session.get("logon-page", &[]).await.unwrap_err();
    assert!(
        matches!(error, SapError::Authentication { status: 200, ref message } if message.contains("Logon")),
        "{error:?}"
    );
    let json = session.get("status", &[]).await.unwrap();
    assert!(!json.is_html());
}

#[tokio::test]
async fn the_password_never_appears_in_debug_output() {
    let (_sap, base) = start().await;
    let session = logged_on(&base);
    session.post_json("pull", &json!({})).await.unwrap();
    for debug in [format!("{:?}", session.config()), format!("{session:?}")] {
        assert!(!debug.contains(PASSWORD), "{debug}");
        assert!(!debug.contains("token-1"), "{debug}");
    }
    let request = format!("{:?}", SapRequest::post_json("pull", &json!({})).unwrap());
    assert!(!request.contains(PASSWORD));
}
