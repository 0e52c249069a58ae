//! One app of a bridge on the shared [`sap_http::Session`]: its metadata (read once per
//! session), the bridge session (`Login` before the first call, `Logout`, `Home`), and
//! operations run one at a time (the bridge drives one SAP GUI session).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use sap_http::{HttpResponse, SapError, SapRequest, Session};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use url::Url;

use crate::answer::{member, BridgeState, ErrorBody};
use crate::call_log::{CallLog, CallLogEntry};
use crate::error::{BridgeError, BridgeFailure, FailureReason, Remedy};
use crate::metadata::{parse_metadata, AppMetadata, Operation, OperationKind};
use crate::request::{operation_request, typed_inputs, Inputs};

/// The bridge's root below a host: one app per recording under it.
pub const BRIDGE_ROOT_PATH: &str = "/mtb-bridge/odata/app/";

/// The answer of a successful call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OperationResult {
    pub operation: String,
    pub state: BridgeState,
    /// The `Output` object as the bridge sent it (`null` when the operation has none):
    /// scalars, structures and collections as described by [`Operation::output`].
    #[cfg_attr(feature = "specta", specta(type = crate::json_type::JsonValue))]
    pub output: Value,
    /// Of the call itself, not of an implicit `Login` before it.
    pub duration_ms: u32,
    /// HTTP requests this call needed (1 on a warm session).
    pub requests: u32,
    /// A function was sent a second time after the bridge session had expired and a new
    /// one was opened (never done for an action).
    pub repeated_after_logon: bool,
}

/// A client of one app. Its session's base URL is the app's root
/// (`https://<host>/mtb-bridge/odata/app/<appId>/`, see [`app_url`]) with `""` as CSRF fetch
/// path (the app's service document): one session per app, so each app's `mtbsession_<app>`
/// cookie, `Login` and `Logout` stay its own. The apps of one system share a [`CallLog`].
pub struct BridgeApp {
    session: Session,
    app_id: String,
    app_path: String,
    metadata: Mutex<Option<Arc<AppMetadata>>>,
    logged_on: AtomicBool,
    /// One call at a time: the bridge session is one SAP GUI session.
    gate: tokio::sync::Mutex<()>,
    log: Arc<CallLog>,
}

impl std::fmt::Debug for BridgeApp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BridgeApp")
            .field("app_id", &self.app_id)
            .field("logged_on", &self.is_logged_on())
            .finish_non_exhaustive()
    }
}

/// How a call is sent again after the bridge session expired.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnExpiry {
    /// A read: log on again and send it once more.
    LogOnAndRepeat,
    /// May have changed data: report, the user decides.
    Report,
}

/// Checks an app id: a path segment of letters, digits, `_`, `-` and `.`.
pub fn check_app_id(app_id: &str) -> Result<&str, SapError> {
    let app_id = app_id.trim();
    let valid = !app_id.is_empty()
        && app_id != "."
        && app_id != ".."
        && app_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if valid {
        Ok(app_id)
    } else {
        Err(SapError::Config {
            field: "app_id".into(),
            message: format!("'{app_id}' is not an app id (letters, digits, _ - .)"),
        })
    }
}

/// The app's root below the bridge's: `root` is `https://host/mtb-bridge/odata/app/` (a
/// host alone gets [`BRIDGE_ROOT_PATH`]).
pub fn app_url(root: &Url, app_id: &str) -> Result<Url, SapError> {
    let app_id = check_app_id(app_id)?;
    let mut url = root.clone();
    if url.path() == "/" || url.path().is_empty() {
        url.set_path(BRIDGE_ROOT_PATH);
    } else if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.join(&format!("{app_id}/"))
        .map_err(|error| SapError::Config {
            field: "base_url".into(),
            message: format!("cannot form the app's URL: {error}"),
        })
}

impl BridgeApp {
    /// A client of the app whose root is the session's base URL (its last path segment is
    /// the app id).
    pub fn new(session: Session, log: Arc<CallLog>) -> Result<Self, BridgeError> {
        let base = &session.config().base_url;
        let app_id = base
            .path_segments()
            .and_then(|mut segments| segments.rfind(|s| !s.is_empty()))
            .unwrap_or("");
        let app_id = check_app_id(app_id)?.to_owned();
        Ok(Self {
            session,
            app_id,
            app_path: String::new(),
            metadata: Mutex::new(None),
            logged_on: AtomicBool::new(false),
            gate: tokio::sync::Mutex::new(()),
            log,
        })
    }

    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn call_log(&self) -> &Arc<CallLog> {
        &self.log
    }

    /// A bridge session is open (the last `Login` succeeded and nothing ended it since).
    pub fn is_logged_on(&self) -> bool {
        self.logged_on.load(Ordering::Acquire)
    }

    /// The app's operations, read from `$metadata` once per session.
    pub async fn metadata(&self) -> Result<Arc<AppMetadata>, BridgeError> {
        if let Some(metadata) = self.cached_metadata() {
            return Ok(metadata);
        }
        let _turn = self.gate.lock().await;
        if let Some(metadata) = self.cached_metadata() {
            return Ok(metadata);
        }
        let request = SapRequest::get(format!("{}$metadata", self.app_path))
            .header("Accept", "application/xml");
        let mut response = self.exchange("$metadata", &request).await?;
        if response.status == 500 && error_code(&response) == Some(700) {
            // This bridge wants a session even for the metadata: a read, so log on and ask again.
            self.log_on().await?;
            response = self.exchange("$metadata", &request).await?;
        }
        if !response.is_success() {
            return Err(failure("$metadata", &[], &response)?.into());
        }
        let metadata = Arc::new(
            parse_metadata(&response.text())
                .map_err(|error| BridgeFailure::metadata(error.to_string()))?,
        );
        *self.metadata.lock().unwrap_or_else(|p| p.into_inner()) = Some(metadata.clone());
        Ok(metadata)
    }

    fn cached_metadata(&self) -> Option<Arc<AppMetadata>> {
        self.metadata
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Forgets the metadata: the next call reads it again (the recording changed).
    pub fn forget_metadata(&self) {
        *self.metadata.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// Runs `operation` with the user's text per field: checked against the metadata first
    /// (nothing is sent when a field is wrong), `Login` before it when no bridge session is
    /// open. A function whose session expired is sent once more on a new session; an action
    /// never is (it may have changed data): its error says so and the user decides.
    pub async fn run(
        &self,
        operation: &str,
        inputs: &Inputs,
    ) -> Result<OperationResult, BridgeError> {
        let metadata = self.metadata().await?;
        let operation = find_operation(&metadata, operation)?;
        if operation.generic {
            return Err(BridgeFailure::new(
                FailureReason::Metadata,
                Remedy::CheckRecording,
                format!(
                    "{} is the session's own operation: use log on, Home or Logout",
                    operation.name
                ),
            )
            .into());
        }
        let values = typed_inputs(operation, inputs)
            .map_err(|fields| BridgeFailure::invalid_input(&operation.name, fields))?;
        let request = operation_request(&self.app_path, operation, &values)?;
        let on_expiry = match operation.kind {
            OperationKind::Function => OnExpiry::LogOnAndRepeat,
            OperationKind::Action => OnExpiry::Report,
        };
        let _turn = self.gate.lock().await;
        self.call(operation, request, on_expiry).await
    }

    /// `Home`: back to the transaction's first screen (the remedy for `INVALID_SCREEN_STATE`).
    pub async fn home(&self) -> Result<BridgeState, BridgeError> {
        let _turn = self.gate.lock().await;
        let home = generic("Home");
        let request =
            SapRequest::post_json(format!("{}Home", self.app_path), &serde_json::json!({}))?;
        // Home only moves SAP GUI to its first screen: safe to repeat on a new session.
        let result = self.call(&home, request, OnExpiry::LogOnAndRepeat).await?;
        Ok(result.state)
    }

    /// `Login` now (also done implicitly before the first call).
    pub async fn log_on_now(&self) -> Result<BridgeState, BridgeError> {
        let _turn = self.gate.lock().await;
        self.log_on().await
    }

    /// `Logout` when a bridge session is open; nothing is sent otherwise. The session counts
    /// as closed afterwards whatever the answer (the next call logs on again).
    pub async fn logout(&self) -> Result<(), BridgeError> {
        let _turn = self.gate.lock().await;
        if !self.logged_on.swap(false, Ordering::AcqRel) {
            return Ok(());
        }
        let request =
            SapRequest::post_json(format!("{}Logout", self.app_path), &serde_json::json!({}))?;
        let response = self.exchange("Logout", &request).await?;
        if response.is_success() || error_code(&response) == Some(700) {
            return Ok(()); // an expired session is as logged out as it gets
        }
        Err(failure("Logout", &[], &response)?.into())
    }

    /// Sends a call on an open bridge session (logging on first), reads `State` and `Output`.
    async fn call(
        &self,
        operation: &Operation,
        request: SapRequest,
        on_expiry: OnExpiry,
    ) -> Result<OperationResult, BridgeError> {
        let parameters: Vec<String> = operation
            .parameters
            .iter()
            .map(|p| p.name.clone())
            .collect();
        let mut repeated = false;
        loop {
            if !self.is_logged_on() {
                self.log_on().await?;
            }
            let requests_before = self.session.stats().requests;
            let started = Instant::now();
            let response = match self.exchange(&operation.name, &request).await {
                Ok(response) => response,
                Err(error) => return Err(self.lost(operation, error)),
            };
            let duration_ms = elapsed_ms(started);
            let requests =
                u32::try_from(self.session.stats().requests - requests_before).unwrap_or(u32::MAX);
            match read_answer(&operation.name, &parameters, &response) {
                Ok((state, output)) => {
                    return Ok(OperationResult {
                        operation: operation.name.clone(),
                        state,
                        output,
                        duration_ms,
                        requests,
                        repeated_after_logon: repeated,
                    })
                }
                Err(BridgeError::Bridge(failure))
                    if failure.reason == FailureReason::SessionInvalid =>
                {
                    self.logged_on.store(false, Ordering::Release);
                    if on_expiry == OnExpiry::LogOnAndRepeat && !repeated {
                        tracing::debug!(app = %self.app_id, operation = %operation.name, "bridge session expired: a read, sent again on a new session");
                        repeated = true;
                        continue;
                    }
                    return Err(BridgeError::Bridge(failure));
                }
                Err(error) => return Err(error),
            }
        }
    }

    /// A call that got no answer. The session ended (logon page): the bridge session is gone
    /// too. A lost connection after an action was sent: it may have run.
    fn lost(&self, operation: &Operation, error: SapError) -> BridgeError {
        if matches!(error, SapError::SessionEnded { .. }) {
            self.logged_on.store(false, Ordering::Release);
        }
        let lost_in_flight = matches!(
            error,
            SapError::Network {
                phase: sap_http::NetworkPhase::Transfer,
                ..
            } | SapError::Timeout {
                phase: sap_http::TimeoutPhase::Response,
                ..
            }
        );
        // The user's Cancel stops waiting; the bridge may have received the call all the same.
        let cancelled = matches!(error, SapError::Cancelled);
        if operation.kind == OperationKind::Action && (lost_in_flight || cancelled) {
            // The bridge may hold the GUI session mid-transaction: start afresh next time.
            self.logged_on.store(false, Ordering::Release);
            let what = if cancelled {
                format!("You cancelled {} after it was sent", operation.name)
            } else {
                format!(
                    "The connection was lost after {} was sent ({error})",
                    operation.name
                )
            };
            let mut failure = BridgeFailure::new(
                FailureReason::OutcomeUnknown,
                Remedy::CheckInSystem,
                format!(
                    "{what}. It may have run in the back end: check the data in the system before running it again."
                ),
            )
            .operation(&operation.name);
            failure.sent = true;
            return failure.into();
        }
        error.into()
    }

    /// `Login`; the bridge sets the `mtbsession_<app>` cookie, which the session's jar keeps.
    async fn log_on(&self) -> Result<BridgeState, BridgeError> {
        let request =
            SapRequest::post_json(format!("{}Login", self.app_path), &serde_json::json!({}))?;
        let response = self.exchange("Login", &request).await?;
        let (state, _) = read_answer("Login", &[], &response)?;
        self.logged_on.store(true, Ordering::Release);
        Ok(state)
    }

    /// One request through the shared session, recorded in the call log.
    async fn exchange(
        &self,
        operation: &str,
        request: &SapRequest,
    ) -> Result<HttpResponse, SapError> {
        // Recorded also when the call is cut off (a cancelled job, a closed window): the log
        // then shows a request that got no answer.
        let mut pending = PendingEntry {
            log: &self.log,
            started: Instant::now(),
            entry: Some(CallLogEntry {
                sequence: 0,
                at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                app_id: self.app_id.clone(),
                operation: operation.to_owned(),
                method: request.method.to_string(),
                path: request.path.clone(),
                request_body: request
                    .body
                    .as_ref()
                    .map(|b| String::from_utf8_lossy(b).into_owned()),
                status: None,
                response_body: None,
                duration_ms: 0,
                error: Some("cancelled before the answer arrived".into()),
                truncated: false,
            }),
        };
        let outcome = self.session.send(request.clone()).await;
        if let Some(entry) = pending.entry.as_mut() {
            (entry.status, entry.response_body, entry.error) = match &outcome {
                Ok(response) => (Some(response.status), Some(response.text()), None),
                Err(error) => (None, None, Some(error.to_string())),
            };
        }
        drop(pending);
        outcome
    }
}

/// A call log entry written when its call ends, however it ends.
struct PendingEntry<'a> {
    log: &'a CallLog,
    started: Instant,
    entry: Option<CallLogEntry>,
}

impl Drop for PendingEntry<'_> {
    fn drop(&mut self) {
        if let Some(mut entry) = self.entry.take() {
            entry.duration_ms = elapsed_ms(self.started);
            self.log.record(entry);
        }
    }
}

/// `State` and `Output` of a success answer; the failure of an error answer (or of a
/// success status whose `State` carries an error code). `parameters` name the operation's
/// fields (to place the bridge's input errors). This is what [`BridgeApp`] does with
/// every answer.
pub fn read_answer(
    operation: &str,
    parameters: &[String],
    response: &HttpResponse,
) -> Result<(BridgeState, Value), BridgeError> {
    if !response.is_success() {
        return Err(failure(operation, parameters, response)?.into());
    }
    let unexpected = |what: &str| {
        let mut failure = BridgeFailure::new(
            FailureReason::UnexpectedAnswer,
            Remedy::Retry,
            format!("The bridge answered {operation} with {what}, not the documented JSON with a State."),
        )
        .operation(operation);
        failure.http_status = Some(response.status);
        failure.server_message = Some(sap_http::text_excerpt(&response.text(), 300));
        failure.sent = true;
        failure
    };
    let body: Value = match serde_json::from_slice(&response.body) {
        Ok(body) => body,
        Err(_) if response.body.is_empty() => return Err(unexpected("an empty body").into()),
        Err(_) => return Err(unexpected("something that is not JSON").into()),
    };
    let object = body.as_object().map(|o| {
        member(o, "value")
            .and_then(Value::as_object)
            .filter(|v| member(v, "State").is_some())
            .unwrap_or(o)
    });
    let Some(object) = object else {
        return Err(unexpected("JSON that is not an object").into());
    };
    let Some(state) = member(object, "State").and_then(BridgeState::from_json) else {
        return Err(unexpected("JSON without a State").into());
    };
    if state.error_code != 0 {
        // A success status with an error in State: read as the error answer it is.
        let mut failure = BridgeFailure::from_answer(
            operation,
            parameters,
            500,
            ErrorBody::from_json(
                &serde_json::json!({"error": {"ErrorState": member(object, "State")}}),
            ),
            "",
        );
        failure.http_status = Some(response.status);
        return Err(failure.into());
    }
    Ok((
        state,
        member(object, "Output").cloned().unwrap_or(Value::Null),
    ))
}

/// The failure an error answer stands for; a plain HTTP error without the bridge's body
/// (a proxy's 502, a 403 from the platform) stays the session's `HttpStatus`.
fn failure(
    operation: &str,
    parameters: &[String],
    response: &HttpResponse,
) -> Result<BridgeFailure, SapError> {
    let body = serde_json::from_slice::<Value>(&response.body)
        .ok()
        .and_then(|json| ErrorBody::from_json(&json));
    let bridge_said_it =
        body.as_ref().is_some_and(|b| b.code().is_some()) || response.status == 404;
    if !bridge_said_it {
        response.clone().error_for_status()?;
    }
    Ok(BridgeFailure::from_answer(
        operation,
        parameters,
        response.status,
        body,
        &sap_http::text_excerpt(&response.text(), 300),
    ))
}

fn find_operation<'m>(metadata: &'m AppMetadata, name: &str) -> Result<&'m Operation, BridgeError> {
    let operation = metadata.operation(name).ok_or_else(|| {
        BridgeFailure::new(
            FailureReason::SequenceNotFound,
            Remedy::CheckRecording,
            format!("The app's metadata declares no operation {name}."),
        )
        .operation(name)
    })?;
    if let Some(problem) = &operation.problem {
        return Err(
            BridgeFailure::metadata(format!("{name} cannot be run: {problem}"))
                .operation(name)
                .into(),
        );
    }
    Ok(operation)
}

/// `Login`, `Logout`, `Home` as operations (whatever the metadata says about them).
fn generic(name: &str) -> Operation {
    Operation {
        name: name.to_owned(),
        kind: OperationKind::Action,
        generic: true,
        parameters: Vec::new(),
        output: Vec::new(),
        problem: None,
    }
}

fn error_code(response: &HttpResponse) -> Option<u32> {
    serde_json::from_slice::<Value>(&response.body)
        .ok()
        .and_then(|json| ErrorBody::from_json(&json))
        .and_then(|body| body.code())
}

fn elapsed_ms(started: Instant) -> u32 {
    u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX)
}
