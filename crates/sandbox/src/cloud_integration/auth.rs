//! The tenant's authentication: the XSUAA token endpoint (client credentials) and, in front
//! of the API, bearer tokens or Basic with `JSESSIONID` sessions and their CSRF tokens.
//!
//! As on a real Cloud Foundry tenant, only a session (Basic, or its cookie) needs CSRF tokens:
//! OAuth clients never fetch one. A token is bound to its session; a stale or missing one
//! gets `403` with `X-CSRF-Token: Required`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use rand::Rng;
use serde_json::json;

use super::{
    DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PASSWORD, DEMO_USER, MONITOR_PASSWORD, MONITOR_USER,
};
use crate::faults::RequestFaults;
use crate::state::AppState;

/// The session cookie of the tenant's Java runtime.
const SESSION_COOKIE: &str = "JSESSIONID";
/// Sessions idle this long are forgotten when the store grows.
const IDLE_TIMEOUT: Duration = Duration::from_secs(30 * 60);
/// Store size from which idle sessions and expired tokens are pruned.
const PRUNE_ABOVE: usize = 1000;
/// Largest token request body read.
const MAX_TOKEN_BODY: usize = 64 * 1024;
/// What the service key's role collection grants (shown in the token's `scope`).
const SCOPES: &str = "it!b117912.WorkspacePackagesRead it!b117912.WorkspacePackagesEdit \
     it!b117912.WorkspaceArtifactsDeploy it!b117912.MonitoringDataRead \
     it!b117912.MessagePayloadsRead it!b117912.TenantPartnerDirectoryConfigurator \
     it!b117912.AccessAllAccessPoliciesArtifacts uaa.resource";

/// Who a request runs as: the user or client shown in `DeployedBy`, `ModifiedBy`.
#[derive(Debug, Clone)]
pub(crate) struct Principal {
    pub name: String,
}

struct AccessToken {
    client_id: String,
    expires: Instant,
    issued: Instant,
    requests: u64,
}

struct Session {
    principal: String,
    csrf_token: String,
    token_issued: Instant,
    requests_since_token: u64,
    token_stale: bool,
    last_seen: Instant,
    requests: u64,
}

/// Tokens issued, Basic sessions, and how many token requests came in.
#[derive(Default)]
pub(crate) struct AuthState {
    tokens: Mutex<HashMap<String, AccessToken>>,
    sessions: Mutex<HashMap<String, Session>>,
    token_requests: AtomicU64,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poison| poison.into_inner())
}

impl AuthState {
    /// Requests to the token endpoint so far (granted or not).
    pub(crate) fn token_requests(&self) -> u64 {
        self.token_requests.load(Ordering::Relaxed)
    }

    /// Live `JSESSIONID` sessions.
    pub(crate) fn session_count(&self) -> usize {
        lock(&self.sessions).len()
    }

    /// The client a live bearer token was issued to: the transaction bridge's `Login` accepts
    /// the tokens of this token endpoint too (the sandbox has one XSUAA).
    pub(crate) fn bearer_client(&self, token: &str, now: Instant) -> Option<String> {
        lock(&self.tokens)
            .get(token)
            .filter(|record| now < record.expires)
            .map(|record| record.client_id.clone())
    }
}

fn random_base64url(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::rng().fill(buffer.as_mut_slice());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buffer)
}

fn json_response(status: StatusCode, body: serde_json::Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;charset=UTF-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
    response
}

/// XSUAA's refusal of a client it does not know or whose secret is wrong.
fn invalid_client() -> Response {
    let mut response = json_response(
        StatusCode::UNAUTHORIZED,
        json!({"error": "invalid_client", "error_description": "Bad credentials"}),
    );
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(
            "Basic realm=\"UAA/client\", error=\"invalid_client\", error_description=\"Bad credentials\"",
        ),
    );
    response
}

/// `(user, password)` of a `Basic` header; `Err` for a malformed one.
fn basic_credentials(value: &str) -> Option<Result<(String, String), ()>> {
    let (scheme, encoded) = value.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let parsed = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| {
            text.split_once(':')
                .map(|(user, password)| (user.to_owned(), password.to_owned()))
        });
    Some(parsed.ok_or(()))
}

fn authorization(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
}

/// Client ids and secrets in a form are `application/x-www-form-urlencoded`; XSUAA decodes
/// Basic credentials of clients the same way (RFC 6749 2.3.1), so `|` and `!` may come encoded.
fn form_decoded(text: &str) -> String {
    form_urlencoded::parse(format!("v={text}").as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_else(|| text.to_owned())
}

/// `POST /oauth/token`: client credentials by Basic or form fields, `grant_type` in the form
/// or the query string (Piper sends it there).
pub(crate) async fn token(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let tenant = &state.cloud_integration;
    tenant.auth.token_requests.fetch_add(1, Ordering::Relaxed);
    let (parts, body) = request.into_parts();
    let Ok(body) = to_bytes(body, MAX_TOKEN_BODY).await else {
        return json_response(
            StatusCode::BAD_REQUEST,
            json!({"error": "invalid_request", "error_description": "Request body too large"}),
        );
    };
    let mut fields: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    if let Some(query) = parts.uri.query() {
        fields.extend(form_urlencoded::parse(query.as_bytes()).into_owned());
    }
    let field = |name: &str| {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let credentials = match authorization(&parts.headers).and_then(basic_credentials) {
        Some(Ok((id, secret))) => Some((form_decoded(&id), form_decoded(&secret))),
        Some(Err(())) => return invalid_client(),
        None => field("client_id").map(|id| {
            (
                id.to_owned(),
                field("client_secret").unwrap_or_default().to_owned(),
            )
        }),
    };
    let Some((client_id, secret)) = credentials else {
        let mut response = json_response(
            StatusCode::UNAUTHORIZED,
            json!({"error": "unauthorized", "error_description": "Full authentication is required to access this resource"}),
        );
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Basic realm=\"UAA/client\", error=\"unauthorized\", error_description=\"Full authentication is required to access this resource\""),
        );
        return response;
    };
    if client_id != DEMO_CLIENT_ID || secret != DEMO_CLIENT_SECRET {
        tracing::info!("token refused: unknown client or wrong secret");
        return invalid_client();
    }
    match field("grant_type") {
        Some("client_credentials") => {}
        None | Some("") => {
            return json_response(
                StatusCode::BAD_REQUEST,
                json!({"error": "invalid_request", "error_description": "Missing grant type"}),
            )
        }
        Some(other) => {
            return json_response(
                StatusCode::BAD_REQUEST,
                json!({"error": "unsupported_grant_type", "error_description": format!("Unsupported grant type: {other}")}),
            )
        }
    }
    let lifetime = tenant.token_lifetime();
    let now = state.clock.now();
    let issued_s = state.clock.epoch_ms() / 1000;
    let expires_in = lifetime.as_secs();
    let jti = random_base64url(16);
    let access_token = jwt(&client_id, issued_s, expires_in, &jti);
    {
        let mut tokens = lock(&tenant.auth.tokens);
        if tokens.len() >= PRUNE_ABOVE {
            tokens.retain(|_, token| token.expires > now);
        }
        tokens.insert(
            access_token.clone(),
            AccessToken {
                client_id: client_id.clone(),
                expires: now + lifetime,
                issued: now,
                requests: 0,
            },
        );
    }
    tracing::debug!(expires_in, "access token issued");
    json_response(
        StatusCode::OK,
        json!({
            "access_token": access_token,
            "token_type": "bearer",
            "expires_in": expires_in,
            "scope": SCOPES,
            "jti": jti,
        }),
    )
}

pub(crate) async fn token_method_not_allowed() -> Response {
    let mut response = json_response(
        StatusCode::METHOD_NOT_ALLOWED,
        json!({"error": "method_not_allowed", "error_description": "Request method not supported"}),
    );
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("POST"));
    response
}

/// A token shaped as XSUAA's JWTs (header, claims, signature); the sandbox only looks it up.
fn jwt(client_id: &str, issued_s: i64, expires_in: u64, jti: &str) -> String {
    let encode = |value: serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string())
    };
    let header = encode(
        json!({"alg": "RS256", "jku": "https://demo.authentication.eu10.hana.ondemand.com/token_keys", "kid": "default-jwt-key-1", "typ": "JWT"}),
    );
    let claims = encode(json!({
        "jti": jti,
        "sub": client_id,
        "client_id": client_id,
        "cid": client_id,
        "azp": client_id,
        "grant_type": "client_credentials",
        "zid": "4f1b6e0c-2a3d-4b5e-8f7a-9c0d1e2f3a4b",
        "iat": issued_s,
        "exp": issued_s.saturating_add(i64::try_from(expires_in).unwrap_or(i64::MAX)),
        "iss": "https://demo.authentication.eu10.hana.ondemand.com/oauth/token",
        "scope": SCOPES.split(' ').collect::<Vec<_>>(),
        "aud": ["it!b117912", "uaa", client_id],
    }));
    format!("{header}.{claims}.{}", random_base64url(64))
}

fn unauthorized(challenge: &'static str) -> Response {
    let mut response = StatusCode::UNAUTHORIZED.into_response();
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static(challenge),
    );
    response
}

const BASIC_CHALLENGE: &str = "Basic realm=\"SAP Cloud Integration\"";
const INVALID_TOKEN_CHALLENGE: &str =
    "Bearer realm=\"SAP Cloud Integration\", error=\"invalid_token\", error_description=\"The access token expired or is invalid\"";

fn csrf_required() -> Response {
    let mut response = StatusCode::FORBIDDEN.into_response();
    response
        .headers_mut()
        .insert("x-csrf-token", HeaderValue::from_static("Required"));
    response
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

fn is_modifying(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn wants_csrf_token(headers: &HeaderMap) -> bool {
    headers
        .get("x-csrf-token")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim().eq_ignore_ascii_case("fetch"))
}

/// The principal a Basic header names, if the password is right: the demo user, the monitoring
/// user or the service key's client.
fn basic_principal(user: &str, password: &str) -> Option<String> {
    if user == DEMO_CLIENT_ID && password == DEMO_CLIENT_SECRET {
        return Some(user.to_owned());
    }
    [(DEMO_USER, DEMO_PASSWORD), (MONITOR_USER, MONITOR_PASSWORD)]
        .into_iter()
        .find(|(known, known_password)| {
            user.eq_ignore_ascii_case(known) && password == *known_password
        })
        .map(|(known, _)| known.to_owned())
}

/// What the middleware decided for a request that may go on.
struct Admitted {
    principal: Principal,
    new_session: Option<String>,
    csrf_token: Option<String>,
}

/// In front of `/api/v1`: bearer token, or Basic/session with CSRF for modifying requests.
pub(crate) async fn authenticate(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let admitted = match admit(&state, &request) {
        Ok(admitted) => admitted,
        Err(refusal) => return *refusal,
    };
    request.extensions_mut().insert(admitted.principal);
    let mut response = next.run(request).await;
    if let Some(id) = admitted.new_session {
        if let Ok(value) =
            HeaderValue::from_str(&format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly"))
        {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    if let Some(token) = admitted.csrf_token {
        if let Ok(value) = HeaderValue::from_str(&token) {
            response.headers_mut().insert("x-csrf-token", value);
        }
    }
    response
}

fn admit(state: &AppState, request: &Request<Body>) -> Result<Admitted, Box<Response>> {
    let tenant = &state.cloud_integration;
    let headers = request.headers();
    let faults = request
        .extensions()
        .get::<RequestFaults>()
        .cloned()
        .unwrap_or_default();
    let now = state.clock.now();
    let authorization = authorization(headers);
    if let Some(token) = authorization.and_then(|value| {
        let (scheme, token) = value.trim().split_once(' ')?;
        scheme
            .eq_ignore_ascii_case("bearer")
            .then_some(token.trim())
    }) {
        let expiry = state.faults.token_expiry();
        let mut tokens = lock(&tenant.auth.tokens);
        let Some(record) = tokens.get_mut(token) else {
            return Err(Box::new(unauthorized(INVALID_TOKEN_CHALLENGE)));
        };
        record.requests += 1;
        let by_fault = faults.token_expired
            || expiry.as_ref().is_some_and(|expiry| {
                expiry.after_requests.is_some_and(|n| record.requests > n)
                    || expiry
                        .after_seconds
                        .is_some_and(|s| now.duration_since(record.issued).as_secs_f64() >= s)
            });
        if by_fault || now >= record.expires {
            tokens.remove(token);
            tracing::info!("bearer token expired");
            return Err(Box::new(unauthorized(INVALID_TOKEN_CHALLENGE)));
        }
        let principal = Principal {
            name: record.client_id.clone(),
        };
        // Bearer requests need no CSRF token; a fetch still gets one, as on the tenant.
        let csrf_token = wants_csrf_token(headers).then(|| random_base64url(24));
        return Ok(Admitted {
            principal,
            new_session: None,
            csrf_token,
        });
    }

    let basic = match authorization.and_then(basic_credentials) {
        None if authorization.is_some() => return Err(Box::new(unauthorized(BASIC_CHALLENGE))),
        None => None,
        Some(Err(())) => return Err(Box::new(unauthorized(BASIC_CHALLENGE))),
        Some(Ok((user, password))) => match basic_principal(&user, &password) {
            Some(principal) => Some(principal),
            None => {
                tracing::info!("basic logon refused");
                return Err(Box::new(unauthorized(BASIC_CHALLENGE)));
            }
        },
    };
    let session_expiry = state.faults.session_expiry();
    let csrf_expiry = state.faults.csrf_expiry();
    let mut sessions = lock(&tenant.auth.sessions);
    let cookie_id = cookie(headers, SESSION_COOKIE).map(str::to_owned);
    if let Some(id) = &cookie_id {
        let expired = sessions.get(id).is_some_and(|session| {
            faults.session_expired.is_some()
                || session_expiry.as_ref().is_some_and(|expiry| {
                    expiry.after_requests.is_some_and(|n| session.requests >= n)
                        || expiry.after_seconds.is_some_and(|s| {
                            now.duration_since(session.last_seen).as_secs_f64() >= s
                        })
                })
        });
        if expired {
            sessions.remove(id);
            tracing::info!("session expired");
        }
    }
    let existing = cookie_id.filter(|id| {
        sessions.get(id).is_some_and(|session| {
            basic
                .as_ref()
                .is_none_or(|principal| *principal == session.principal)
        })
    });
    let mut new_session = None;
    let id = match existing {
        Some(id) => id,
        None => {
            let Some(principal) = basic else {
                return Err(Box::new(unauthorized(BASIC_CHALLENGE)));
            };
            if sessions.len() >= PRUNE_ABOVE {
                sessions.retain(|_, session| now.duration_since(session.last_seen) < IDLE_TIMEOUT);
            }
            let id = random_base64url(24).to_ascii_uppercase();
            sessions.insert(
                id.clone(),
                Session {
                    principal,
                    csrf_token: random_base64url(24),
                    token_issued: now,
                    requests_since_token: 0,
                    token_stale: false,
                    last_seen: now,
                    requests: 0,
                },
            );
            new_session = Some(id.clone());
            id
        }
    };
    let Some(session) = sessions.get_mut(&id) else {
        return Err(Box::new(StatusCode::INTERNAL_SERVER_ERROR.into_response()));
    };
    session.requests += 1;
    session.requests_since_token += 1;
    session.last_seen = now;
    if faults.csrf_expired {
        session.token_stale = true;
    }
    if let Some(expiry) = &csrf_expiry {
        let by_count = expiry
            .after_requests
            .is_some_and(|n| session.requests_since_token > n);
        let by_age = expiry
            .after_seconds
            .is_some_and(|s| now.duration_since(session.token_issued).as_secs_f64() >= s);
        session.token_stale |= by_count || by_age;
    }
    let mut csrf_token = None;
    if is_modifying(request.method()) {
        let sent = headers
            .get("x-csrf-token")
            .and_then(|value| value.to_str().ok())
            .map(str::trim);
        if session.token_stale || sent != Some(session.csrf_token.as_str()) {
            tracing::info!("CSRF token validation failed");
            let mut refusal = csrf_required();
            if let Some(id) = &new_session {
                if let Ok(value) =
                    HeaderValue::from_str(&format!("{SESSION_COOKIE}={id}; Path=/; HttpOnly"))
                {
                    refusal.headers_mut().append(header::SET_COOKIE, value);
                }
            }
            return Err(Box::new(refusal));
        }
    } else if wants_csrf_token(headers) {
        if session.token_stale {
            session.csrf_token = random_base64url(24);
            session.token_stale = false;
            session.token_issued = now;
        }
        session.requests_since_token = 0;
        csrf_token = Some(session.csrf_token.clone());
    }
    Ok(Admitted {
        principal: Principal {
            name: session.principal.clone(),
        },
        new_session,
        csrf_token,
    })
}
