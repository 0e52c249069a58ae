//! SAP-like logon and sessions: Basic auth, `sap-client`, session cookies and CSRF tokens.
//!
//! Written as axum middleware so the agent resources and the Focused Build OData service sit
//! behind exactly the same logon.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use rand::Rng;

use crate::faults::{RequestFaults, SessionExpiryMode};
use crate::sap_pages;
use crate::state::AppState;

/// Who the request is logged on as; put into the request extensions for the handlers.
#[derive(Debug, Clone)]
pub struct Logon {
    pub user: String,
    pub client: String,
}

struct Session {
    user: String,
    client: String,
    csrf_token: String,
    token_issued: Instant,
    requests_since_token: u64,
    token_stale: bool,
    last_seen: Instant,
    requests: u64,
}

/// All live sessions of one server, plus the ids of sessions that expired and still owe the
/// client a logon page.
#[derive(Default)]
pub(crate) struct SessionStore {
    inner: Mutex<Sessions>,
}

#[derive(Default)]
struct Sessions {
    live: HashMap<String, Session>,
    expired: HashMap<String, SessionExpiryMode>,
}

impl SessionStore {
    fn lock(&self) -> MutexGuard<'_, Sessions> {
        self.inner
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// Number of live sessions (for tests and diagnostics).
    pub(crate) fn live_count(&self) -> usize {
        self.lock().live.len()
    }
}

fn random_token(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::rng().fill(buffer.as_mut_slice());
    base64::engine::general_purpose::STANDARD.encode(buffer)
}

fn random_session_id() -> String {
    let mut buffer = [0u8; 30];
    rand::rng().fill(&mut buffer[..]);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buffer)
}

fn is_modifying(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn query_param<'a>(query: Option<&'a str>, name: &str) -> Option<&'a str> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value)
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// `Some(Ok((user, password)))` for a well-formed Basic header, `Some(Err)` for a malformed one.
fn basic_credentials(headers: &HeaderMap) -> Option<Result<(String, String), ()>> {
    let value = header_str(headers, header::AUTHORIZATION.as_str())?;
    let parsed = (|| {
        let (scheme, encoded) = value.split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("basic") {
            return None;
        }
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .ok()?;
        let text = String::from_utf8(decoded).ok()?;
        let (user, password) = text.split_once(':')?;
        Some((user.to_string(), password.to_string()))
    })();
    Some(parsed.ok_or(()))
}

fn set_cookie(response: &mut Response, cookie: String) {
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

fn csrf_required() -> Response {
    let mut response = (StatusCode::FORBIDDEN, "CSRF token validation failed").into_response();
    let headers = response.headers_mut();
    headers.insert("x-csrf-token", HeaderValue::from_static("Required"));
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// What the logon step decided for a request that may proceed.
struct Established {
    logon: Logon,
    /// Cookies to set because a session was started.
    new_session: Option<(String, String)>,
    /// CSRF token to send back (answer to `X-CSRF-Token: fetch`).
    issued_token: Option<String>,
}

/// The logon middleware: client check, authentication, session cookies, CSRF.
pub(crate) async fn sap_logon(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let established = match establish(&state, &request) {
        Ok(established) => established,
        Err(refusal) => return *refusal,
    };
    request.extensions_mut().insert(established.logon.clone());
    let mut response = next.run(request).await;
    if let Some((cookie_name, session_id)) = &established.new_session {
        set_session_cookies(
            &mut response,
            cookie_name,
            session_id,
            &established.logon.client,
        );
    }
    if let Some(token) = established.issued_token {
        if let Ok(value) = HeaderValue::from_str(&token) {
            response.headers_mut().insert("x-csrf-token", value);
        }
    }
    response
}

fn set_session_cookies(response: &mut Response, cookie_name: &str, session_id: &str, client: &str) {
    set_cookie(
        response,
        format!("{cookie_name}={session_id}; path=/; HttpOnly"),
    );
    set_cookie(
        response,
        format!("sap-usercontext=sap-client={client}; path=/"),
    );
}

/// A response that ends the request at the logon step.
type Refusal = Box<Response>;

/// Sessions idle this long are forgotten when the store grows (SAP's default auto-logout).
const IDLE_TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// Store size from which idle sessions are pruned.
const PRUNE_ABOVE: usize = 1000;

/// The synchronous part of the logon: decides, with the session store locked.
fn establish(state: &AppState, request: &Request) -> Result<Established, Refusal> {
    let config = &state.config;
    let headers = request.headers();
    let client = query_param(request.uri().query(), "sap-client")
        .or_else(|| header_str(headers, "sap-client"))
        .filter(|c| !c.is_empty())
        .unwrap_or(config.default_client())
        .to_string();
    let realm_client = if client.len() <= 3 {
        client.as_str()
    } else {
        config.default_client()
    };
    let realm = format!(
        "SAP NetWeaver Application Server [{}/{}]",
        config.sid, realm_client
    );
    if !config.clients.contains(&client) {
        tracing::info!(client, "logon refused: unknown client");
        return Err(Box::new(sap_pages::logon_failed(
            &realm,
            &format!("Client {client} is not available in this system"),
        )));
    }

    let credentials = match basic_credentials(headers) {
        None => None,
        Some(Err(())) => {
            return Err(Box::new(sap_pages::logon_failed(
                &realm,
                "Malformed Authorization header",
            )));
        }
        Some(Ok((user, password))) => {
            let known = config
                .users
                .iter()
                .find(|(u, _)| u.eq_ignore_ascii_case(&user));
            match known {
                Some((known_user, known_password)) if *known_password == password => {
                    Some(known_user.to_ascii_uppercase())
                }
                _ => {
                    tracing::info!(user, "logon refused: wrong user or password");
                    return Err(Box::new(sap_pages::logon_failed(
                        &realm,
                        "Name or password is incorrect (repeat logon)",
                    )));
                }
            }
        }
    };

    let faults = request
        .extensions()
        .get::<RequestFaults>()
        .cloned()
        .unwrap_or_default();
    let cookie_name = format!("SAP_SESSIONID_{}_{}", config.sid, client);
    let cookie_value = cookie(headers, &cookie_name).map(str::to_string);
    let csrf_header = header_str(headers, "x-csrf-token");
    let modifying = is_modifying(request.method());
    let session_expiry = state.faults.session_expiry();
    let csrf_expiry = state.faults.csrf_expiry();
    let now = state.clock.now();

    let mut sessions = state.sessions.lock();
    if let Some(id) = &cookie_value {
        let expire_mode = faults.session_expired.or_else(|| {
            let session = sessions.live.get(id)?;
            let expiry = session_expiry.as_ref()?;
            let by_count = expiry.after_requests.is_some_and(|n| session.requests >= n);
            let by_idle = expiry
                .after_seconds
                .is_some_and(|s| now.duration_since(session.last_seen).as_secs_f64() >= s);
            (by_count || by_idle).then_some(expiry.mode)
        });
        if let Some(mode) = expire_mode {
            if sessions.live.remove(id).is_some() {
                tracing::info!("session expired by fault injection");
                sessions.expired.insert(id.clone(), mode);
            }
        }
        // In fresh-session mode the stale cookie is simply ignored: Basic auth below starts anew.
        if sessions.expired.remove(id) == Some(SessionExpiryMode::LogonPage) {
            let mut response = sap_pages::logon_page(&config.sid, &client);
            set_cookie(
                &mut response,
                format!("{cookie_name}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT"),
            );
            return Err(Box::new(response));
        }
    }

    let existing = cookie_value.filter(|id| {
        sessions.live.get(id).is_some_and(|s| {
            s.client == client && credentials.as_ref().is_none_or(|user| *user == s.user)
        })
    });
    let mut new_session = None;
    let session_id = match existing {
        Some(id) => id,
        None => {
            let Some(user) = credentials else {
                return Err(Box::new(sap_pages::logon_failed(
                    &realm,
                    "No logon data provided",
                )));
            };
            if sessions.live.len() >= PRUNE_ABOVE {
                sessions
                    .live
                    .retain(|_, s| now.duration_since(s.last_seen) < IDLE_TIMEOUT);
            }
            let id = random_session_id();
            sessions.live.insert(
                id.clone(),
                Session {
                    user,
                    client: client.clone(),
                    csrf_token: random_token(18),
                    token_issued: now,
                    requests_since_token: 0,
                    token_stale: false,
                    last_seen: now,
                    requests: 0,
                },
            );
            tracing::debug!("new session started");
            new_session = Some((cookie_name, id.clone()));
            id
        }
    };
    let Some(session) = sessions.live.get_mut(&session_id) else {
        return Err(Box::new(sap_pages::server_error(
            StatusCode::INTERNAL_SERVER_ERROR,
        )));
    };
    session.requests += 1;
    session.last_seen = now;
    session.requests_since_token += 1;
    if faults.csrf_expired {
        session.token_stale = true;
    }
    if let Some(expiry) = &csrf_expiry {
        // A token is good for `after_requests` requests after the one that fetched it.
        let by_count = expiry
            .after_requests
            .is_some_and(|n| session.requests_since_token > n);
        let by_age = expiry
            .after_seconds
            .is_some_and(|s| now.duration_since(session.token_issued).as_secs_f64() >= s);
        session.token_stale |= by_count || by_age;
    }

    let mut issued_token = None;
    if modifying {
        let valid = !session.token_stale && csrf_header == Some(session.csrf_token.as_str());
        if !valid {
            tracing::info!("CSRF token validation failed");
            let mut refusal = csrf_required();
            if let Some((cookie_name, id)) = &new_session {
                // The new session is real: the client can fetch its token with these cookies.
                set_session_cookies(&mut refusal, cookie_name, id, &client);
            }
            return Err(Box::new(refusal));
        }
    } else if csrf_header.is_some_and(|h| h.eq_ignore_ascii_case("fetch")) {
        if session.token_stale {
            session.csrf_token = random_token(18);
            session.token_stale = false;
            session.token_issued = now;
        }
        session.requests_since_token = 0;
        issued_token = Some(session.csrf_token.clone());
    }
    Ok(Established {
        logon: Logon {
            user: session.user.clone(),
            client: session.client.clone(),
        },
        new_session,
        issued_token,
    })
}
