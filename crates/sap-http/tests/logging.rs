//! Debug logs of a whole session (logon, CSRF fetch, a POST) carry no secret: not the
//! password, not the CSRF token, not the session cookie, whatever the filter asks for.

mod support;

use std::io::Write;
use std::sync::{Arc, Mutex};

use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use base64::Engine as _;
use sap_http::{Auth, Credentials, Secret};
use tracing_subscriber::filter::EnvFilter;

const PASSWORD: &str = "Pa55-word-in-logs?";
const TOKEN: &str = "csrf-token-Zq8w3";
const COOKIE: &str = "session-cookie-Xk2p9";

/// Everything written to the log, shared with the test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn logged_on(headers: &HeaderMap) -> bool {
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("DEVELOPER:{PASSWORD}"))
    );
    headers
        .get("authorization")
        .is_some_and(|value| value == expected.as_str())
}

async fn health(headers: HeaderMap) -> Response {
    if !logged_on(&headers) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    (
        [
            ("x-csrf-token", TOKEN.to_owned()),
            (
                "set-cookie",
                format!("SAP_SESSIONID_DEV_100={COOKIE}; path=/; HttpOnly"),
            ),
        ],
        "{\"status\":\"OK\"}",
    )
        .into_response()
}

async fn pull(headers: HeaderMap) -> Response {
    let token_ok = headers.get("x-csrf-token").is_some_and(|v| v == TOKEN);
    let cookie_ok = headers
        .get("cookie")
        .is_some_and(|v| v.to_str().unwrap_or("").contains(COOKIE));
    if !(logged_on(&headers) && token_ok && cookie_ok) {
        return (StatusCode::FORBIDDEN, [("x-csrf-token", "Required")]).into_response();
    }
    "{\"success\":\"X\"}".into_response()
}

/// Logon, CSRF fetch and a POST, all logged at trace level into `captured`.
async fn full_session(dispatch: tracing::Dispatch) {
    let _guard = tracing::dispatcher::set_default(&dispatch);
    let router = Router::new()
        .route("/svc/health", get(health))
        .route("/svc/pull", post(pull));
    let address = support::serve_http(router).await;
    let mut config = support::config(&format!("http://{address}/svc/"));
    config.auth = Some(Auth::Basic(Credentials {
        user: "DEVELOPER".into(),
        password: Secret::new(PASSWORD),
    }));
    config.csrf_fetch_path = "health".into();
    let session = support::session(config);
    let response = session
        .post_json(
            "pull",
            &serde_json::json!({"url": "https://git.example/repo.git"}),
        )
        .await
        .expect("the POST goes through");
    assert_eq!(response.status, 200);
    tracing::debug!("session done");
}

fn secrets_in(log: &str) -> Vec<&'static str> {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("DEVELOPER:{PASSWORD}"));
    let leaked_basic = log.contains(&basic);
    [PASSWORD, TOKEN, COOKIE]
        .into_iter()
        .filter(|secret| log.contains(secret))
        .chain(leaked_basic.then_some("basic authorization"))
        .collect()
}

#[tokio::test(flavor = "current_thread")]
async fn debug_logs_of_a_full_session_hold_no_secret() {
    // Routes `log` records (the cookie store logs through `log`) into tracing.
    let _ = tracing_log::LogTracer::init();

    // What an unguarded subscriber at trace level writes: the cookie store's own words.
    let unguarded = Captured::default();
    let plain = tracing_subscriber::fmt()
        .with_writer(unguarded.clone())
        .with_max_level(tracing::Level::TRACE)
        .finish();
    full_session(tracing::Dispatch::new(plain)).await;
    let unguarded = unguarded.text();
    assert!(
        unguarded.contains(COOKIE),
        "the cookie store no longer logs Set-Cookie values: this test then proves nothing"
    );

    // The program's subscriber with a filter that asks for everything.
    let captured = Captured::default();
    let subscriber = sap_http::logging::subscriber(EnvFilter::new("trace"), captured.clone());
    full_session(tracing::Dispatch::new(subscriber)).await;
    let log = captured.text();
    assert!(
        log.contains("SAP request"),
        "the session's own events are kept:\n{log}"
    );
    assert!(log.contains("session done"));
    assert_eq!(secrets_in(&log), Vec::<&str>::new(), "{log}");
}
