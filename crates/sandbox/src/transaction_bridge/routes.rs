//! Request handling: which app and operation a path names, the session, the parameters, and
//! the answer with `State` (and `Output`) or the error body.

use std::sync::Arc;

use axum::body::{to_bytes, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use serde_json::{json, Value};

use super::apps::{self, App, Gui, Screen};
use super::errors::{json_response, BridgeError, Detail, ErrorCode};
use super::input::{self, Args};
use super::literal::{self, Literal};
use super::logon::{self, Logon};
use super::metadata;
use super::model::{Kind, Sequence};
use super::output;
use super::sessions::{cookie, cookie_name, Active, ExpiryRules, Invalid};
use super::status_bar::StatusBar;
use super::{ConcurrentCalls, TRANSACTION_BRIDGE_PATH};
use crate::faults::RequestFaults;
use crate::state::AppState;

/// Largest request body read.
const MAX_BODY: usize = 1024 * 1024;

pub(crate) fn router(state: Arc<AppState>) -> Router {
    let root = TRANSACTION_BRIDGE_PATH.trim_end_matches('/');
    Router::new()
        .route(&format!("{root}/{{app}}"), any(serve))
        .route(&format!("{root}/{{app}}/"), any(serve))
        .route(&format!("{root}/{{app}}/{{*rest}}"), any(serve))
        .with_state(state)
}

/// The app id and the rest of the path (still percent-encoded) below `/mtb-bridge/odata/app/`.
fn split_path(path: &str) -> Option<(&str, &str)> {
    let below = path.strip_prefix(TRANSACTION_BRIDGE_PATH)?;
    Some(below.split_once('/').unwrap_or((below, "")))
}

/// One GUI session drives one screen at a time: while a call runs on a session, another call
/// with its cookie is refused or waits (outside the fault layer, so injected latency counts
/// as time the GUI is busy).
pub(crate) async fn serialize_calls(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let gate = split_path(request.uri().path()).and_then(|(app, _)| {
        let id = cookie(request.headers(), &cookie_name(app))?;
        state.transaction_bridge.sessions.gate(app, id)
    });
    let Some(gate) = gate else {
        return next.run(request).await;
    };
    let _running = match state.transaction_bridge.config.concurrent_calls {
        ConcurrentCalls::Queue => gate.lock_owned().await,
        ConcurrentCalls::Refuse => match gate.try_lock_owned() {
            Ok(guard) => guard,
            Err(_) => {
                tracing::info!("bridge: call refused, the session is busy");
                return BridgeError::internal(ErrorCode::RestguiCallFailed)
                    .with_detail(Detail::new(
                        "The SAP GUI for HTML session is processing another request",
                    ))
                    .into_response(request.uri().path());
            }
        },
    };
    next.run(request).await
}

async fn serve(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    let body = match to_bytes(body, MAX_BODY).await {
        Ok(body) => body,
        Err(_) => {
            return BridgeError::Malformed("The request body is too large".into())
                .into_response(&path)
        }
    };
    let faults = parts
        .extensions
        .get::<RequestFaults>()
        .cloned()
        .unwrap_or_default();
    let call = Call {
        state: &state,
        method: parts.method,
        headers: parts.headers,
        query: parts.uri.query().map(str::to_owned),
        body,
        faults,
    };
    match call.answer(&path) {
        Ok(response) => response,
        Err(error) => {
            if let Some(code) = error.code() {
                tracing::info!(code = code.code(), %path, "bridge call failed");
            }
            error.into_response(&path)
        }
    }
}

struct Call<'a> {
    state: &'a AppState,
    method: Method,
    headers: HeaderMap,
    query: Option<String>,
    body: Bytes,
    faults: RequestFaults,
}

impl Call<'_> {
    fn answer(&self, path: &str) -> Result<Response, BridgeError> {
        let (app_id, rest) = split_path(path).ok_or(BridgeError::ApplicationNotFound)?;
        let app = apps::app(app_id).ok_or(BridgeError::ApplicationNotFound)?;
        match rest {
            "" => {
                self.require_get()?;
                self.require_access(app)?;
                Ok(json_response(
                    Json(metadata::service_document(app.spec)).into_response(),
                ))
            }
            "$metadata" => {
                self.require_get()?;
                self.require_access(app)?;
                let mut response = metadata::csdl(app.spec).into_response();
                let headers = response.headers_mut();
                headers.insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/xml;charset=utf-8"),
                );
                headers.insert("odata-version", HeaderValue::from_static("4.0"));
                Ok(response)
            }
            _ => {
                let call = literal::parse_call(rest, self.query.as_deref())
                    .map_err(|malformed| BridgeError::Malformed(malformed.0))?;
                match call.name.as_str() {
                    "Login" | "Logout" | "Home" => {
                        self.require_post()?;
                        if call.params.is_some() {
                            return Err(BridgeError::Malformed(format!(
                                "The URI is malformed: action {} is invoked without parentheses",
                                call.name
                            )));
                        }
                        match call.name.as_str() {
                            "Login" => self.login(app),
                            "Logout" => self.logout(app),
                            _ => self.home(app),
                        }
                    }
                    name => {
                        let sequence = app
                            .spec
                            .sequence(name)
                            .ok_or(BridgeError::SequenceNotFound)?;
                        self.run(app, sequence, call.params)
                    }
                }
            }
        }
    }

    fn require_get(&self) -> Result<(), BridgeError> {
        if self.method == Method::GET || self.method == Method::HEAD {
            Ok(())
        } else {
            Err(BridgeError::MethodNotAllowed("Only GET is allowed here"))
        }
    }

    fn require_post(&self) -> Result<(), BridgeError> {
        if self.method == Method::POST {
            Ok(())
        } else {
            Err(BridgeError::MethodNotAllowed(
                "An action is invoked with POST",
            ))
        }
    }

    fn session_id(&self, app: &App) -> Option<&str> {
        cookie(&self.headers, &cookie_name(app.spec.id))
    }

    /// Metadata needs a live session or valid credentials.
    fn require_access(&self, app: &App) -> Result<(), BridgeError> {
        let bridge = &self.state.transaction_bridge;
        let has_session = self
            .session_id(app)
            .is_some_and(|id| bridge.sessions.gate(app.spec.id, id).is_some());
        match logon::logon(self.state, &self.headers, self.faults.token_expired) {
            _ if has_session => Ok(()),
            Some(Logon::User(_)) => Ok(()),
            Some(Logon::InvalidToken) => Err(BridgeError::InvalidToken),
            _ => Err(BridgeError::CredentialsRequired),
        }
    }

    fn login(&self, app: &App) -> Result<Response, BridgeError> {
        let user = match logon::logon(self.state, &self.headers, self.faults.token_expired) {
            None => return Err(BridgeError::CredentialsRequired),
            Some(Logon::InvalidToken) => return Err(BridgeError::InvalidToken),
            Some(Logon::Refused(message)) => {
                tracing::info!("bridge: logon to the back end refused");
                return Err(BridgeError::internal(ErrorCode::LoginFailed).with_status_bar(message));
            }
            Some(Logon::User(user)) => user,
        };
        let bridge = &self.state.transaction_bridge;
        if let Some(old) = self.session_id(app) {
            bridge.sessions.close(old);
        }
        let id = bridge.sessions.open(
            app.spec.id,
            user,
            self.state.clock.now(),
            bridge.config.idle_timeout,
        );
        let mut response = state_response(None, None, &[], &[]);
        set_cookie(
            &mut response,
            &format!(
                "{}={id}; Path=/mtb-bridge; HttpOnly",
                cookie_name(app.spec.id)
            ),
        );
        Ok(response)
    }

    fn logout(&self, app: &App) -> Result<Response, BridgeError> {
        self.begin(app)?;
        if let Some(id) = self.session_id(app) {
            self.state.transaction_bridge.sessions.close(id);
        }
        let mut response = state_response(None, None, &[], &[]);
        set_cookie(
            &mut response,
            &format!(
                "{}=; Path=/mtb-bridge; HttpOnly; Max-Age=0",
                cookie_name(app.spec.id)
            ),
        );
        Ok(response)
    }

    fn home(&self, app: &App) -> Result<Response, BridgeError> {
        self.begin(app)?;
        self.end(app, Screen::Initial);
        Ok(state_response(None, None, &[], &[]))
    }

    /// Starts a call on the session; the caller puts the screen back with [`Call::end`].
    fn begin(&self, app: &App) -> Result<Active, BridgeError> {
        let fault = self.state.faults.session_expiry();
        let rules = ExpiryRules {
            idle_timeout: self.state.transaction_bridge.config.idle_timeout,
            fault: fault.as_ref(),
            forced: self.faults.session_expired.is_some(),
        };
        self.state
            .transaction_bridge
            .sessions
            .begin(
                app.spec.id,
                self.session_id(app),
                self.state.clock.now(),
                &rules,
            )
            .map_err(|invalid| {
                let reason = match invalid {
                    Invalid::Missing => "No session: call Login first",
                    Invalid::Unknown => "The session does not exist or has ended",
                    Invalid::Expired => "The session has expired",
                };
                BridgeError::internal(ErrorCode::SessionInvalid)
                    .with_preceding(&["Login"])
                    .with_detail(Detail::new(reason))
            })
    }

    fn end(&self, app: &App, screen: Screen) {
        if let Some(id) = self.session_id(app) {
            self.state
                .transaction_bridge
                .sessions
                .put_screen(id, screen);
        }
    }

    fn run(
        &self,
        app: &App,
        sequence: &'static Sequence,
        params: Option<Vec<(String, Literal)>>,
    ) -> Result<Response, BridgeError> {
        match sequence.kind {
            Kind::Function => {
                self.require_get()?;
                if params.is_none() {
                    return Err(BridgeError::Malformed(format!(
                        "The URI is malformed: function {} is called with parentheses: {}(...)",
                        sequence.name, sequence.name
                    )));
                }
            }
            Kind::Action => {
                self.require_post()?;
                if params.is_some() {
                    return Err(BridgeError::Malformed(format!(
                        "The URI is malformed: action {} takes its parameters in the body",
                        sequence.name
                    )));
                }
                if !self.body.iter().all(u8::is_ascii_whitespace) && !self.sends_json() {
                    return Err(BridgeError::Malformed(
                        "The request body must be sent as application/json".into(),
                    ));
                }
            }
        }
        let Active { user, mut screen } = self.begin(app)?;
        let outcome = self.run_on(app, sequence, params.as_deref(), &user, &mut screen);
        self.end(app, screen);
        let (output, status_bar) = outcome?;
        Ok(state_response(
            Some((app, sequence, output)),
            status_bar.as_ref(),
            sequence.subsequent,
            sequence.preceding,
        ))
    }

    fn run_on(
        &self,
        app: &App,
        sequence: &'static Sequence,
        params: Option<&[(String, Literal)]>,
        user: &str,
        screen: &mut Screen,
    ) -> Result<(Value, Option<StatusBar>), BridgeError> {
        let args: Args = match params {
            Some(params) => input::from_literals(sequence, params)?,
            None => input::from_json(sequence, &self.body)?,
        };
        if let Some(code) = self.faults.bridge_error.and_then(ErrorCode::from_code) {
            tracing::info!(code = code.code(), "fault: bridge error");
            return Err(BridgeError::internal(code)
                .with_detail(Detail::new("Injected by x-sandbox-fault: bridge-error")));
        }
        let mut backend = self.state.transaction_bridge.backend();
        let mut gui = Gui {
            user,
            backend: &mut backend,
            screen,
        };
        let shown = (app.run)(sequence, &args, &mut gui)?;
        let output = output::convert(sequence.output, &shown.output)?;
        Ok((output, shown.status_bar))
    }

    fn sends_json(&self) -> bool {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.to_ascii_lowercase().starts_with("application/json"))
    }
}

struct Json(Value);

impl IntoResponse for Json {
    fn into_response(self) -> Response {
        (StatusCode::OK, self.0.to_string()).into_response()
    }
}

/// A successful answer: `State`, and `Output` for a recorded sequence.
fn state_response(
    output: Option<(&App, &Sequence, Value)>,
    status_bar: Option<&StatusBar>,
    subsequent: &[&str],
    preceding: &[&str],
) -> Response {
    let mut state = json!({"ErrorCode": 0});
    if let Some(message) = status_bar {
        message.write_into(&mut state);
    }
    state["SubsequentActions"] = json!(subsequent);
    state["PrecedingActions"] = json!(preceding);
    let body = match output {
        Some((app, sequence, output)) if !sequence.output.is_empty() => json!({
            "@odata.context": format!("$metadata#{}.RESPONSE_{}", app.spec.namespace(), sequence.name),
            "Output": output,
            "State": state,
        }),
        Some((app, _, _)) => json!({
            "@odata.context": format!("$metadata#{}.Response", app.spec.namespace()),
            "State": state,
        }),
        None => json!({"State": state}),
    };
    json_response(Json(body).into_response())
}

fn set_cookie(response: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}
