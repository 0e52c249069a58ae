//! Logging on, against a fake ICF service with SAP's session rules: a logon page instead
//! of data when the session ended, 401 for a wrong password, "user is locked" texts.

mod support;

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use base64::Engine as _;
use sap_http::{
    Auth, Credentials, LogonAttempts, SapError, SapRequest, Secret, Session, MAX_FAILED_LOGONS,
};
use serde_json::json;

const USER: &str = "DEVELOPER";
const PASSWORD: &str = "Welcome1";

#[derive(Default)]
struct Icf {
    /// Requests that reached the service (method and path), logon refusals included.
    seen: Mutex<Vec<(Method, String)>>,
    live: Mutex<HashSet<String>>,
    /// Sessions the server ended: their cookie gets the logon page once.
    ended: Mutex<HashSet<String>>,
    next_session: AtomicU64,
    /// The system takes no Basic logon (SSO): every request gets the logon form.
    interactive_only: AtomicBool,
    locked: AtomicBool,
}

impl Icf {
    fn seen(&self, method: Method, path: &str) -> usize {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|(m, p)| *m == method && p == path)
            .count()
    }
    fn total(&self) -> usize {
        self.seen.lock().unwrap().len()
    }
    /// The server ends every live session (auto-logout, restart of the instance).
    fn end_sessions(&self) {
        let live: Vec<String> = self.live.lock().unwrap().drain().collect();
        self.ended.lock().unwrap().extend(live);
    }
}

fn logon_form() -> Response {
    (
        StatusCode::OK,
        [("content-type", "text/html; charset=utf-8")],
        "<!DOCTYPE html><html><head><title>Logon</title></head><body><form method=\"post\">\
         <input name=\"sap-user\"><input name=\"sap-password\" type=\"password\"></form></body></html>",
    )
        .into_response()
}

fn logon_error(reason: &str) -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [
            ("content-type", "text/html; charset=utf-8"),
            ("www-authenticate", "Basic realm=\"SAP NetWeaver Application Server [DEV/100]\""),
        ],
        format!("<html><head><title>Logon Error Message</title></head><body><h1>Logon failed</h1><p>{reason}</p></body></html>"),
    )
        .into_response()
}

async fn icf(
    State(icf): State<Arc<Icf>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    icf.seen
        .lock()
        .unwrap()
        .push((method.clone(), uri.path().to_owned()));
    if icf.interactive_only.load(Ordering::SeqCst) {
        return logon_form();
    }
    let cookie = headers
        .get("cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(';')
                .find_map(|p| p.trim().strip_prefix("SAP_SESSIONID="))
        })
        .map(str::to_owned);
    if let Some(id) = &cookie {
        if icf.ended.lock().unwrap().remove(id) {
            return logon_form();
        }
    }
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{USER}:{PASSWORD}"))
    );
    if icf.locked.load(Ordering::SeqCst) {
        return logon_error("User is locked. Please notify the person responsible");
    }
    if headers
        .get("authorization")
        .is_none_or(|v| v != expected.as_str())
    {
        return logon_error("Name or password is incorrect (repeat logon)");
    }
    let mut new_cookie = None;
    let known = cookie.filter(|id| icf.live.lock().unwrap().contains(id));
    if known.is_none() {
        let id = format!("s{}", icf.next_session.fetch_add(1, Ordering::SeqCst));
        icf.live.lock().unwrap().insert(id.clone());
        new_cookie = Some(format!("SAP_SESSIONID={id}; path=/"));
    }
    let mut response = if headers.get("x-csrf-token").is_some_and(|v| v == "fetch") {
        ([("x-csrf-token", "token")], "{}").into_response()
    } else {
        axum::Json(json!({"path": uri.path()})).into_response()
    };
    if let Some(cookie) = new_cookie {
        response
            .headers_mut()
            .insert("set-cookie", cookie.parse().unwrap());
    }
    response
}

async fn start() -> (Arc<Icf>, String) {
    let state = Arc::new(Icf::default());
    let router = Router::new().fallback(icf).with_state(state.clone());
    let address = support::serve_http(router).await;
    (state, format!("http://{address}/svc/"))
}

fn session_with(base: &str, password: &str, attempts: LogonAttempts) -> Session {
    let mut config = support::config(base);
    config.auth = Some(Auth::Basic(Credentials {
        user: USER.into(),
        password: Secret::new(password),
    }));
    config.csrf_fetch_path = "health".into();
    Session::with_logon_attempts(config, attempts).expect("session")
}

fn session(base: &str) -> Session {
    session_with(base, PASSWORD, LogonAttempts::default())
}

#[tokio::test]
async fn a_read_after_the_session_ended_is_repeated_on_a_fresh_logon() {
    let (icf, base) = start().await;
    let session = session(&base);
    session.get("data", &[]).await.unwrap();
    icf.end_sessions();

    let response = session.get("data", &[]).await.unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(
        icf.seen(Method::GET, "/svc/data"),
        3,
        "first, logon page, repeated"
    );
    assert_eq!(icf.live.lock().unwrap().len(), 1, "a new server session");
}

#[tokio::test]
async fn a_change_after_the_session_ended_is_not_repeated_but_reported() {
    let (icf, base) = start().await;
    let session = session(&base);
    session.post_json("change", &json!({})).await.unwrap();
    icf.end_sessions();

    let error = session.post_json("change", &json!({})).await.unwrap_err();
    match &error {
        SapError::SessionEnded { message } => {
            assert!(message.contains("POST /svc/change"), "{message}");
            assert!(message.contains("not sent again"), "{message}");
        }
        other => panic!("expected SessionEnded, got {other:?}"),
    }
    assert_eq!(
        icf.seen(Method::POST, "/svc/change"),
        2,
        "sent once, never repeated"
    );

    // The user runs it again: a fresh logon, a fresh token, and it goes through.
    session.post_json("change", &json!({})).await.unwrap();
    assert_eq!(icf.seen(Method::POST, "/svc/change"), 3);
}

#[tokio::test]
async fn a_read_sent_as_post_is_repeated_when_the_caller_says_so() {
    let (icf, base) = start().await;
    let session = session(&base);
    session.post_json("list", &json!({})).await.unwrap();
    icf.end_sessions();

    let request = SapRequest::post_json("list", &json!({}))
        .unwrap()
        .repeatable();
    assert_eq!(session.send(request).await.unwrap().status, 200);
    assert_eq!(icf.seen(Method::POST, "/svc/list"), 3);
}

#[tokio::test]
async fn a_logon_page_on_a_new_session_asks_for_an_interactive_logon() {
    let (icf, base) = start().await;
    icf.interactive_only.store(true, Ordering::SeqCst);
    let session = session(&base);
    let error = session.get("data", &[]).await.unwrap_err();
    match &error {
        SapError::Authentication {
            status: 200,
            message,
        } => {
            assert!(message.contains("interactive logon"), "{message}");
            assert!(message.contains("Logon"), "names the page: {message}");
        }
        other => panic!("expected Authentication, got {other:?}"),
    }
    assert_eq!(icf.total(), 1, "nothing repeated");
}

#[tokio::test]
async fn a_rejected_password_is_sent_once_then_withheld() {
    let (icf, base) = start().await;
    let attempts = LogonAttempts::default();
    let session = session_with(&base, "wrong", attempts.clone());

    // Several calls at once on a new session: only one carries the password to SAP.
    let calls: Vec<_> = (0..5)
        .map(|_| {
            let session = session.clone();
            tokio::spawn(async move { session.get("data", &[]).await })
        })
        .collect();
    let mut errors = Vec::new();
    for call in calls {
        errors.push(call.await.unwrap().unwrap_err());
    }
    assert_eq!(icf.total(), 1, "one failed logon, not five");
    assert_eq!(
        errors
            .iter()
            .filter(|e| matches!(e, SapError::Authentication { status: 401, .. }))
            .count(),
        1
    );
    assert!(errors.iter().all(|e| matches!(
        e,
        SapError::Authentication { .. }
            | SapError::LogonWithheld {
                failed_attempts: 1,
                ..
            }
    )));

    // A new session with the same password (same attempts) does not send it either.
    let again = session_with(&base, "wrong", attempts.clone());
    assert!(matches!(
        again.post_json("change", &json!({})).await,
        Err(SapError::LogonWithheld { .. })
    ));
    assert_eq!(icf.total(), 1);

    // The user asks explicitly: one more attempt, counted.
    assert!(attempts.allow_retry());
    assert!(matches!(
        again.get("data", &[]).await,
        Err(SapError::Authentication { .. })
    ));
    assert_eq!((icf.total(), attempts.failed()), (2, 2));
    assert!(attempts.allow_retry());
    let _ = again.get("data", &[]).await;
    assert_eq!(attempts.failed(), MAX_FAILED_LOGONS);
    assert!(
        !attempts.allow_retry(),
        "the app stops before SAP locks the user"
    );
    assert!(matches!(
        again.get("data", &[]).await,
        Err(SapError::LogonWithheld { .. })
    ));
    assert_eq!(icf.total(), MAX_FAILED_LOGONS as usize);
}

#[tokio::test]
async fn a_successful_logon_resets_the_count() {
    let (_icf, base) = start().await;
    let attempts = LogonAttempts::default();
    let wrong = session_with(&base, "wrong", attempts.clone());
    let _ = wrong.get("data", &[]).await;
    assert_eq!(attempts.failed(), 1);
    assert!(attempts.allow_retry());
    let right = session_with(&base, PASSWORD, attempts.clone());
    right.get("data", &[]).await.unwrap();
    assert_eq!(attempts.failed(), 0);
}

#[tokio::test]
async fn a_locked_user_is_reported_as_such_and_not_tried_again() {
    let (icf, base) = start().await;
    icf.locked.store(true, Ordering::SeqCst);
    let attempts = LogonAttempts::default();
    let session = session_with(&base, PASSWORD, attempts.clone());
    match session.get("data", &[]).await.unwrap_err() {
        SapError::AccountLocked { user, message } => {
            assert_eq!(user, USER);
            assert!(message.contains("User is locked"), "{message}");
        }
        other => panic!("expected AccountLocked, got {other:?}"),
    }
    assert!(!attempts.allow_retry());
    assert!(matches!(
        session.get("data", &[]).await,
        Err(SapError::AccountLocked { .. })
    ));
    assert_eq!(icf.total(), 1);
}
