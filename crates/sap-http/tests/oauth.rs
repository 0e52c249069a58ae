//! OAuth 2.0 client credentials and API keys against a small BTP-like tenant over loopback:
//! a token endpoint that counts its token requests (and checks their shape), and a service
//! that accepts only the tokens it issued, for as long as it says they live, without any
//! CSRF token.

mod support;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, post};
use axum::{Json, Router};
use base64::Engine as _;
use sap_http::{
    Auth, OAuthClientCredentials, SapError, SapRequest, Secret, Session, SessionConfig,
};
use serde_json::json;
use url::Url;

/// Shaped like a real XSUAA client id (`!` and `|` included).
const CLIENT_ID: &str = "sb-7d1a2b3c-4d5e!b1234|it!b5678";
const CLIENT_SECRET: &str = "p4ss=w0rd+/x$";

#[derive(Default)]
struct Tenant {
    token_requests: AtomicU64,
    /// Token requests that arrived with SAP headers or cookies of the service session.
    token_requests_with_service_headers: AtomicU64,
    /// Issued tokens the service accepts, with the time they stop being accepted.
    valid: Mutex<Vec<(String, Instant)>>,
    /// Lifetime announced in `expires_in`.
    announced_seconds: AtomicU64,
    /// How long the service really accepts a token (milliseconds; 0: as announced).
    real_lifetime_ms: AtomicU64,
    /// The token endpoint waits this long before answering.
    token_delay_ms: AtomicU64,
    /// The service answers 401 to every token (a token URL of another subaccount).
    refuse_every_token: AtomicBool,
    service_requests: AtomicU64,
    /// POSTs the service processed (answered 202).
    processed_posts: AtomicU64,
    csrf_headers: AtomicU64,
    last_api_key: Mutex<Option<String>>,
}

impl Tenant {
    fn tokens(&self) -> u64 {
        self.token_requests.load(Ordering::SeqCst)
    }
    fn service_requests(&self) -> u64 {
        self.service_requests.load(Ordering::SeqCst)
    }
    fn revoke_all(&self) {
        self.valid.lock().unwrap().clear();
    }
}

/// XSUAA's token endpoint: Basic client authentication, a form body, JSON answers.
async fn token(State(tenant): State<Arc<Tenant>>, headers: HeaderMap, body: String) -> Response {
    let number = tenant.token_requests.fetch_add(1, Ordering::SeqCst) + 1;
    if headers.contains_key("sap-client") || headers.contains_key("cookie") {
        tenant
            .token_requests_with_service_headers
            .fetch_add(1, Ordering::SeqCst);
    }
    let delay = tenant.token_delay_ms.load(Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(delay)).await;
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    );
    if headers
        .get("authorization")
        .is_none_or(|value| value != expected.as_str())
    {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({"error": "unauthorized", "error_description": "Bad credentials"})),
        )
            .into_response();
    }
    let form = headers
        .get("content-type")
        .is_some_and(|value| value == "application/x-www-form-urlencoded");
    if !form || body != "grant_type=client_credentials" {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"error": "unsupported_grant_type",
                        "error_description": "Unsupported grant type"})),
        )
            .into_response();
    }
    let announced = tenant.announced_seconds.load(Ordering::SeqCst);
    let real = match tenant.real_lifetime_ms.load(Ordering::SeqCst) {
        0 => Duration::from_secs(announced),
        ms => Duration::from_millis(ms),
    };
    let access_token = format!("eyJhbGciOiJSUzI1NiJ9.token-{number}.sig");
    tenant
        .valid
        .lock()
        .unwrap()
        .push((access_token.clone(), Instant::now() + real));
    Json(json!({
        "access_token": access_token,
        "token_type": "bearer",
        "expires_in": announced,
        "scope": "it!b5678.ESBDataStore.read uaa.resource",
        "jti": format!("jti-{number}"),
    }))
    .into_response()
}

async fn service(
    State(tenant): State<Arc<Tenant>>,
    method: Method,
    headers: HeaderMap,
) -> Response {
    tenant.service_requests.fetch_add(1, Ordering::SeqCst);
    if headers.contains_key("x-csrf-token") {
        tenant.csrf_headers.fetch_add(1, Ordering::SeqCst);
    }
    if let Some(key) = headers.get("apikey") {
        *tenant.last_api_key.lock().unwrap() = key.to_str().ok().map(str::to_owned);
        return Json(json!({"d": {"results": []}})).into_response();
    }
    let bearer = headers
        .get("authorization")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::to_owned);
    let now = Instant::now();
    let accepted = !tenant.refuse_every_token.load(Ordering::SeqCst)
        && bearer.is_some_and(|token| {
            tenant
                .valid
                .lock()
                .unwrap()
                .iter()
                .any(|(valid, until)| *valid == token && now < *until)
        });
    if !accepted {
        return (StatusCode::UNAUTHORIZED, "Unauthorized").into_response();
    }
    match method {
        Method::POST => {
            tenant.processed_posts.fetch_add(1, Ordering::SeqCst);
            (StatusCode::ACCEPTED, "task-1").into_response()
        }
        _ => Json(json!({"d": {"results": [{"Id": "Orders"}]}})).into_response(),
    }
}

async fn start(announced_seconds: u64) -> (Arc<Tenant>, Url) {
    let tenant = Arc::new(Tenant::default());
    tenant
        .announced_seconds
        .store(announced_seconds, Ordering::SeqCst);
    let router = Router::new()
        .route("/oauth/token", post(token))
        .route("/api/v1/", any(service))
        .route("/api/v1/{*rest}", any(service))
        .with_state(tenant.clone());
    let address = support::serve_http(router).await;
    (tenant, Url::parse(&format!("http://{address}/")).unwrap())
}

fn oauth_config(root: &Url, token_url: Url, secret: &str) -> SessionConfig {
    let mut config = support::config(root.join("api/v1/").unwrap().as_str());
    config.sap_client = Some("100".into());
    config.auth = Some(Auth::OAuthClientCredentials(OAuthClientCredentials {
        token_url,
        client_id: CLIENT_ID.into(),
        client_secret: Secret::new(secret),
    }));
    config
}

fn oauth_session(root: &Url, secret: &str) -> Session {
    support::session(oauth_config(
        root,
        root.join("oauth/token").unwrap(),
        secret,
    ))
}

fn deploy() -> SapRequest {
    SapRequest::new(Method::POST, "DeployIntegrationDesigntimeArtifact")
        .query("Id", "'Orders'")
        .query("Version", "'active'")
}

#[tokio::test]
async fn ten_concurrent_calls_on_a_cold_session_make_one_token_request_and_no_csrf_fetch() {
    let (tenant, root) = start(3600).await;
    tenant.token_delay_ms.store(150, Ordering::SeqCst);
    let session = oauth_session(&root, CLIENT_SECRET);
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let session = session.clone();
            tokio::spawn(async move { session.get("IntegrationPackages", &[]).await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap().status, 200);
    }
    assert_eq!(session.send(deploy()).await.unwrap().status, 202);
    assert_eq!(tenant.tokens(), 1, "one token request for all calls");
    assert_eq!(tenant.csrf_headers.load(Ordering::SeqCst), 0);
    assert_eq!(tenant.service_requests(), 11, "no CSRF fetch, no retry");
    assert_eq!(
        tenant
            .token_requests_with_service_headers
            .load(Ordering::SeqCst),
        0,
        "the token endpoint gets neither sap-client nor the service's cookies"
    );
    let stats = session.stats();
    assert_eq!(
        (stats.token_requests, stats.csrf_fetches, stats.requests),
        (1, 0, 11)
    );
}

#[tokio::test]
async fn a_token_serves_a_whole_lifetime_and_is_renewed_shortly_before_expiry() {
    let (tenant, root) = start(2).await;
    let session = oauth_session(&root, CLIENT_SECRET);
    for _ in 0..5 {
        session.get("IntegrationPackages", &[]).await.unwrap();
    }
    assert_eq!(tenant.tokens(), 1);
    // Renewal is due a tenth of the lifetime (0.2 s) before the 2 s expire.
    tokio::time::sleep(Duration::from_millis(1850)).await;
    session.get("IntegrationPackages", &[]).await.unwrap();
    assert_eq!(tenant.tokens(), 2, "renewed before expiry");
    assert_eq!(tenant.service_requests(), 6, "never a 401 on the way");
}

#[tokio::test]
async fn a_token_that_expires_early_is_replaced_once_after_the_401() {
    let (tenant, root) = start(3600).await;
    // The endpoint announces an hour but the service stops accepting after 300 ms.
    tenant.real_lifetime_ms.store(300, Ordering::SeqCst);
    let session = oauth_session(&root, CLIENT_SECRET);
    session.get("IntegrationPackages", &[]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(400)).await;
    let response = session.get("IntegrationPackages", &[]).await.unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(tenant.tokens(), 2);
    assert_eq!(tenant.service_requests(), 3, "one refused, one repeated");
}

#[tokio::test]
async fn a_post_refused_with_401_is_sent_once_more_with_a_new_token() {
    let (tenant, root) = start(3600).await;
    let session = oauth_session(&root, CLIENT_SECRET);
    session.get("IntegrationPackages", &[]).await.unwrap();
    tenant.revoke_all();
    assert_eq!(session.send(deploy()).await.unwrap().status, 202);
    assert_eq!(tenant.tokens(), 2);
    assert_eq!(tenant.processed_posts.load(Ordering::SeqCst), 1);
    assert_eq!(tenant.csrf_headers.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn a_token_the_service_never_accepts_is_an_authentication_error_after_one_retry() {
    let (tenant, root) = start(3600).await;
    let session = oauth_session(&root, CLIENT_SECRET);
    tenant.refuse_every_token.store(true, Ordering::SeqCst);
    match session.send(deploy()).await {
        Err(SapError::Authentication {
            status: 401,
            message,
        }) => {
            assert!(message.contains("newly issued OAuth token"), "{message}")
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(tenant.tokens(), 2, "one new token, not one per retry");
    assert_eq!(tenant.service_requests(), 2);
    // The next call tries the newest token, then one more new one: still one retry a call.
    assert!(session.get("IntegrationPackages", &[]).await.is_err());
    assert_eq!((tenant.tokens(), tenant.service_requests()), (3, 4));
}

#[tokio::test]
async fn a_rejected_client_is_its_own_error_and_the_service_is_not_called() {
    let (tenant, root) = start(3600).await;
    let session = oauth_session(&root, "wrong-secret");
    match session.get("IntegrationPackages", &[]).await {
        Err(SapError::TokenRejected {
            status,
            error,
            description,
        }) => {
            assert_eq!((status, error.as_str()), (401, "unauthorized"));
            assert_eq!(description, "Bad credentials");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(tenant.service_requests(), 0);
    // A failure is not cached: the next call asks again (the user may have fixed the role).
    assert!(session.get("IntegrationPackages", &[]).await.is_err());
    assert_eq!(tenant.tokens(), 2);
}

#[tokio::test]
async fn an_unreachable_token_endpoint_is_named() {
    let (tenant, root) = start(3600).await;
    let closed = Url::parse(&format!(
        "http://127.0.0.1:{}/oauth/token",
        support::closed_port()
    ))
    .unwrap();
    let session = support::session(oauth_config(&root, closed.clone(), CLIENT_SECRET));
    match session.get("IntegrationPackages", &[]).await {
        Err(SapError::TokenEndpointUnreachable {
            token_url,
            message,
            timed_out,
        }) => {
            assert_eq!(token_url, closed.as_str());
            assert!(!timed_out);
            assert!(message.contains("127.0.0.1"), "{message}");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(tenant.service_requests(), 0);
}

#[tokio::test]
async fn a_token_endpoint_that_does_not_answer_times_out() {
    let (_, root) = start(3600).await;
    // Accepts the connection, reads, never answers.
    let silent = support::serve_raw(|stream| async move {
        tokio::time::sleep(Duration::from_secs(30)).await;
        drop(stream);
    })
    .await;
    let token_url = Url::parse(&format!("http://{silent}/oauth/token")).unwrap();
    let mut config = oauth_config(&root, token_url, CLIENT_SECRET);
    config.timeout = Duration::from_millis(500);
    let session = support::session(config);
    let started = Instant::now();
    match session.get("IntegrationPackages", &[]).await {
        Err(SapError::TokenEndpointUnreachable { timed_out, .. }) => assert!(timed_out),
        other => panic!("unexpected {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[tokio::test]
async fn answers_that_are_no_token_are_their_own_error() {
    let router = Router::new()
        .route(
            "/html/token",
            post(|| async {
                (
                    [("content-type", "text/html")],
                    "<html><head><title>Corporate proxy: sign in</title></head></html>",
                )
            }),
        )
        .route(
            "/empty/token",
            post(|| async { Json(json!({"token_type": "bearer", "expires_in": 60})) }),
        );
    let other = support::serve_http(router).await;
    let (tenant, root) = start(3600).await;
    let other = Url::parse(&format!("http://{other}/")).unwrap();
    for (url, status, expected) in [
        (root.join("oauth/authorize").unwrap(), 404, "404"),
        (other.join("html/token").unwrap(), 200, "HTML page"),
        (
            other.join("empty/token").unwrap(),
            200,
            "without an access_token",
        ),
    ] {
        let session = support::session(oauth_config(&root, url.clone(), CLIENT_SECRET));
        match session.get("IntegrationPackages", &[]).await {
            Err(SapError::TokenAnswerInvalid {
                status: got,
                message,
                excerpt,
            }) => {
                assert!(message.starts_with(url.as_str()), "{message}");
                assert_eq!(got, status, "{url}");
                assert!(message.contains(expected), "{url}: {message}");
                if expected == "HTML page" {
                    assert_eq!(excerpt, "Corporate proxy: sign in");
                }
            }
            other => panic!("{url}: unexpected {other:?}"),
        }
    }
    assert_eq!(tenant.service_requests(), 0);
}

#[tokio::test]
async fn a_token_request_cut_off_leaves_nothing_behind() {
    let (tenant, root) = start(3600).await;
    tenant.token_delay_ms.store(300, Ordering::SeqCst);
    let session = oauth_session(&root, CLIENT_SECRET);
    let cut = tokio::time::timeout(
        Duration::from_millis(50),
        session.get("IntegrationPackages", &[]),
    )
    .await;
    assert!(cut.is_err(), "the call was cut off");
    tenant.token_delay_ms.store(0, Ordering::SeqCst);
    assert_eq!(
        session
            .get("IntegrationPackages", &[])
            .await
            .unwrap()
            .status,
        200
    );
}

#[tokio::test]
async fn test_connection_on_a_bearer_session_reads_the_service_root() {
    let (tenant, root) = start(3600).await;
    let session = oauth_session(&root, CLIENT_SECRET);
    session.fetch_csrf_token().await.unwrap();
    assert_eq!((tenant.tokens(), tenant.service_requests()), (1, 1));
    assert_eq!(tenant.csrf_headers.load(Ordering::SeqCst), 0);
    let wrong = oauth_session(&root, "wrong");
    assert!(matches!(
        wrong.fetch_csrf_token().await,
        Err(SapError::TokenRejected { .. })
    ));
}

#[tokio::test]
async fn secrets_and_tokens_stay_out_of_debug_output() {
    let (_, root) = start(3600).await;
    let config = oauth_config(&root, root.join("oauth/token").unwrap(), CLIENT_SECRET);
    let shown = format!("{config:?}");
    assert!(!shown.contains(CLIENT_SECRET), "{shown}");
    let session = support::session(config);
    session.get("IntegrationPackages", &[]).await.unwrap();
    let shown = format!("{session:?}");
    assert!(
        !shown.contains("token-1") && !shown.contains(CLIENT_SECRET),
        "{shown}"
    );
    let mut key = support::config(root.join("api/v1/").unwrap().as_str());
    key.auth = Some(Auth::ApiKey(Secret::new("hub-key-123")));
    assert!(!format!("{key:?}").contains("hub-key-123"));
}

#[tokio::test]
async fn an_api_key_goes_in_its_header_without_csrf_and_writes_are_refused_unsent() {
    let (tenant, root) = start(3600).await;
    let mut config = support::config(root.join("api/v1/").unwrap().as_str());
    config.auth = Some(Auth::ApiKey(Secret::new("hub-key-123")));
    let session = support::session(config);
    let response = session.get("IntegrationPackages", &[]).await.unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(
        tenant.last_api_key.lock().unwrap().as_deref(),
        Some("hub-key-123")
    );
    // A read the API sends as POST may go; a change may not.
    let read = SapRequest::new(Method::POST, "$batch").repeatable();
    assert!(session.send(read).await.is_ok());
    let before = tenant.service_requests();
    match session.send(deploy()).await {
        Err(SapError::ReadOnly { message }) => {
            assert!(
                message.contains("DeployIntegrationDesigntimeArtifact"),
                "{message}"
            )
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(tenant.service_requests(), before);
    assert_eq!(tenant.csrf_headers.load(Ordering::SeqCst), 0);
    assert_eq!(session.stats().csrf_fetches, 0);
    assert_eq!(tenant.tokens(), 0);
}

#[test]
fn unusable_oauth_settings_are_config_errors() {
    let base = "http://127.0.0.1:1/api/v1/";
    let cases = [
        (
            "ftp://host/oauth/token",
            CLIENT_ID,
            CLIENT_SECRET,
            "oauth.token_url",
        ),
        (
            "https://id:pw@host/oauth/token",
            CLIENT_ID,
            CLIENT_SECRET,
            "oauth.token_url",
        ),
        (
            "https://host/oauth/token",
            " ",
            CLIENT_SECRET,
            "oauth.client_id",
        ),
        (
            "https://host/oauth/token",
            "a:b",
            CLIENT_SECRET,
            "oauth.client_id",
        ),
        (
            "https://host/oauth/token",
            CLIENT_ID,
            "",
            "oauth.client_secret",
        ),
    ];
    for (token_url, client_id, secret, field) in cases {
        let mut config = support::config(base);
        config.auth = Some(Auth::OAuthClientCredentials(OAuthClientCredentials {
            token_url: Url::parse(token_url).unwrap(),
            client_id: client_id.into(),
            client_secret: Secret::new(secret),
        }));
        match Session::new(config) {
            Err(SapError::Config { field: got, .. }) => assert_eq!(got, field, "{token_url}"),
            other => panic!("{token_url} {client_id:?}: unexpected {other:?}"),
        }
    }
    let mut config = support::config(base);
    config.auth = Some(Auth::ApiKey(Secret::new("  ")));
    assert!(matches!(
        Session::new(config),
        Err(SapError::Config { ref field, .. }) if field == "api_key"
    ));
}
