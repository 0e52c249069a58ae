//! What can go wrong on the bridge, each case with what the user can do about it.

use sap_http::SapError;
use serde::{Deserialize, Serialize};

use crate::answer::{BridgeState, ErrorBody};
use crate::request::FieldProblem;

/// Every error of this crate: the shared session's (network, timeout, logon, HTTP) or the
/// bridge's own.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize)]
#[serde(untagged)]
pub enum BridgeError {
    #[error(transparent)]
    Sap(#[from] SapError),
    /// Boxed: a failure carries the bridge's whole answer.
    #[error(transparent)]
    Bridge(Box<BridgeFailure>),
}

impl From<BridgeFailure> for BridgeError {
    fn from(failure: BridgeFailure) -> Self {
        Self::Bridge(Box::new(failure))
    }
}

impl BridgeError {
    /// The bridge's failure, when it is one.
    pub fn failure(&self) -> Option<&BridgeFailure> {
        match self {
            Self::Bridge(failure) => Some(failure),
            Self::Sap(_) => None,
        }
    }
}

/// Why the bridge (or this client, before sending) refused or failed a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum FailureReason {
    /// 404: no recording is published under this app id.
    ApplicationNotFound,
    /// 404: the app has no such sequence (operation).
    SequenceNotFound,
    /// 500/100: the sequence cannot run on the screen SAP GUI is on.
    InvalidScreenState,
    /// 500/200: a step of the recorded batch failed (see `steps`).
    BatchExecutionFailed,
    /// 500/300 (or refused before sending): input values are wrong (see `fields`).
    InvalidInput,
    /// 500/400: the bridge could not reach the back end.
    RestguiCallFailed,
    /// 500/500: the back end refused the logon.
    LoginFailed,
    /// 500/600: the back end's output does not match the app's definition.
    InvalidOutput,
    /// 500/700: the bridge session is invalid or expired.
    SessionInvalid,
    /// 500/999.
    UnknownError,
    /// An internal code this client does not know.
    UnexpectedCode,
    /// The connection was lost after a data-changing call was sent: it may or may not have
    /// run in the back end.
    OutcomeUnknown,
    /// The app's metadata cannot be used, or does not declare the operation.
    Metadata,
    /// An answer that is not what the bridge documents.
    UnexpectedAnswer,
}

/// What the user can do next; the UI offers it as a button or an instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Remedy {
    /// Run `Home`, then run the operation again (offered as one button).
    GoHomeAndRetry,
    /// Log on again (a new bridge session), then decide whether to run the call again.
    LogOnAgain,
    /// Correct the fields named in `fields`.
    CorrectInput,
    /// Check in the SAP system whether the call took effect before running it again.
    CheckInSystem,
    /// Check the app id or the recording (an administrator publishes apps).
    CheckRecording,
    /// Ask the bridge's administrator (destination, back-end user).
    ContactAdministrator,
    /// Try again later.
    Retry,
}

/// One step of a recorded batch, from `Details` of a `BATCH_EXECUTION_FAILED`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StepStatus {
    /// The step's position in the recording.
    pub ord: String,
    pub code: String,
    pub status: String,
}

/// A bridge error with everything the bridge said about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[error("{message}")]
pub struct BridgeFailure {
    pub reason: FailureReason,
    /// In words, for the user.
    pub message: String,
    pub remedy: Remedy,
    /// The operation called, when there was one.
    pub operation: Option<String>,
    /// The HTTP status, `null` when nothing was answered (or nothing sent).
    pub http_status: Option<u16>,
    /// The bridge's internal code (100 ... 999).
    pub error_code: Option<u32>,
    /// The bridge's message as it sent it.
    pub server_message: Option<String>,
    /// `State` of the error answer (status bar, subsequent and preceding actions).
    pub state: Option<BridgeState>,
    /// Per field, for invalid input.
    pub fields: Vec<FieldProblem>,
    /// Per recorded step, for a failed batch.
    pub steps: Vec<StepStatus>,
    /// Further details the bridge sent.
    pub details: Vec<String>,
    /// The request reached the bridge (false: refused before sending, nothing happened).
    pub sent: bool,
}

impl BridgeFailure {
    pub fn new(reason: FailureReason, remedy: Remedy, message: impl Into<String>) -> Self {
        Self {
            reason,
            message: message.into(),
            remedy,
            operation: None,
            http_status: None,
            error_code: None,
            server_message: None,
            state: None,
            fields: Vec::new(),
            steps: Vec::new(),
            details: Vec::new(),
            sent: false,
        }
    }

    pub fn operation(mut self, name: &str) -> Self {
        self.operation = Some(name.to_owned());
        self
    }

    /// Input refused before sending.
    pub fn invalid_input(operation: &str, fields: Vec<FieldProblem>) -> Self {
        let named = fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; ");
        let mut failure = Self::new(
            FailureReason::InvalidInput,
            Remedy::CorrectInput,
            format!("{operation} was not run: {named}"),
        )
        .operation(operation);
        failure.fields = fields;
        failure
    }

    pub fn metadata(message: impl Into<String>) -> Self {
        Self::new(FailureReason::Metadata, Remedy::CheckRecording, message)
    }

    /// The error answer of a sent call: HTTP status and the body's internal code.
    pub(crate) fn from_answer(
        operation: &str,
        parameters: &[String],
        status: u16,
        body: Option<ErrorBody>,
        excerpt: &str,
    ) -> Self {
        let body = body.unwrap_or_default();
        let server = body.message.clone().unwrap_or_else(|| excerpt.to_owned());
        let code = body.code();
        let (reason, remedy, message) = match (status, code) {
            (404, _) if mentions(&server, "application") || operation == "$metadata" => (
                FailureReason::ApplicationNotFound,
                Remedy::CheckRecording,
                "The bridge has no app under this id (no recording published at this URL). Check the app id in the system's settings.".to_owned(),
            ),
            (404, _) => (
                FailureReason::SequenceNotFound,
                Remedy::CheckRecording,
                format!("The app has no sequence {operation}: the recording may have changed. Reload the app's operations."),
            ),
            (_, Some(100)) => (
                FailureReason::InvalidScreenState,
                Remedy::GoHomeAndRetry,
                format!("{operation} cannot run on the screen SAP GUI is on now. Go Home (back to the transaction's first screen) and run it again."),
            ),
            (_, Some(200)) => (
                FailureReason::BatchExecutionFailed,
                Remedy::CheckInSystem,
                format!("A recorded step of {operation} failed in SAP GUI; earlier steps may have run. Check the steps below and the data in the system."),
            ),
            (_, Some(300)) => (
                FailureReason::InvalidInput,
                Remedy::CorrectInput,
                format!("The back end refused the input of {operation}. Correct the fields and run it again."),
            ),
            (_, Some(400)) => (
                FailureReason::RestguiCallFailed,
                Remedy::Retry,
                "The bridge could not call the back-end system (SAP GUI for HTML). Try again later; if it persists, ask the bridge's administrator.".to_owned(),
            ),
            (_, Some(500)) => (
                FailureReason::LoginFailed,
                Remedy::ContactAdministrator,
                "The back-end system refused the bridge's logon. Ask the bridge's administrator to check the destination and your back-end user.".to_owned(),
            ),
            (_, Some(600)) => (
                FailureReason::InvalidOutput,
                Remedy::CheckRecording,
                format!("The back end's output of {operation} does not match the app's definition: the recording needs to be checked."),
            ),
            (_, Some(700)) => (
                FailureReason::SessionInvalid,
                Remedy::LogOnAgain,
                format!("The bridge session is invalid or expired; {operation} was not run. Log on again, then decide whether to run it again."),
            ),
            (_, Some(999)) => (
                FailureReason::UnknownError,
                Remedy::Retry,
                format!("The bridge reported an unknown internal error for {operation}."),
            ),
            (_, Some(other)) => (
                FailureReason::UnexpectedCode,
                Remedy::Retry,
                format!("The bridge answered {operation} with internal code {other}, which this version does not know."),
            ),
            (_, None) => (
                FailureReason::UnexpectedAnswer,
                Remedy::Retry,
                format!("The bridge answered {operation} with HTTP {status} and no error code."),
            ),
        };
        let mut failure = Self::new(reason, remedy, message).operation(operation);
        failure.http_status = Some(status);
        failure.error_code = code;
        failure.server_message = Some(server).filter(|s| !s.is_empty());
        failure.sent = true;
        failure.details = body.details.iter().map(|(_, m)| m.clone()).collect();
        if reason == FailureReason::BatchExecutionFailed {
            failure.steps = body
                .details
                .iter()
                .flat_map(|(_, m)| step_statuses(m))
                .collect();
        }
        if reason == FailureReason::InvalidInput {
            failure.fields = field_problems(&body, parameters);
        }
        failure.state = body.state;
        failure
    }
}

fn mentions(text: &str, word: &str) -> bool {
    text.to_ascii_lowercase().contains(word)
}

/// `Step execution status: [{"ord":"1","code":"-1","status":"Control not found"}]`.
fn step_statuses(detail: &str) -> Vec<StepStatus> {
    let Some(start) = detail.find('[') else {
        return Vec::new();
    };
    let Ok(items) = serde_json::from_str::<Vec<serde_json::Value>>(&detail[start..]) else {
        return Vec::new();
    };
    let text = |item: &serde_json::Value, name: &str| match item.get(name) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other @ serde_json::Value::Number(_)) => other.to_string(),
        _ => String::new(),
    };
    items
        .iter()
        .map(|item| StepStatus {
            ord: text(item, "ord"),
            code: text(item, "code"),
            status: text(item, "status"),
        })
        .collect()
}

/// Which field each detail is about: its `target`, or a parameter named at the start of its
/// message (`FirstName: ...`) or quoted in it; a detail naming no field is kept under "".
fn field_problems(body: &ErrorBody, parameters: &[String]) -> Vec<FieldProblem> {
    body.details
        .iter()
        .map(|(target, message)| {
            let field = target
                .as_deref()
                .map(|t| t.rsplit(['/', '.']).next().unwrap_or(t).to_owned())
                .filter(|t| parameters.contains(t))
                .or_else(|| {
                    parameters
                        .iter()
                        .filter(|p| {
                            message.starts_with(&format!("{p}:"))
                                || message.contains(&format!("'{p}'"))
                                || message.contains(&format!("\"{p}\""))
                        })
                        .max_by_key(|p| p.len())
                        .cloned()
                })
                .unwrap_or_default();
            FieldProblem {
                field,
                message: message.clone(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn failure(status: u16, body: serde_json::Value) -> BridgeFailure {
        BridgeFailure::from_answer(
            "Lock",
            &["UserName".into(), "Reason".into()],
            status,
            ErrorBody::from_json(&body),
            "",
        )
    }

    fn coded(code: u32, details: serde_json::Value) -> BridgeFailure {
        failure(
            500,
            json!({"error": {"Status": "INTERNAL_SERVER_ERROR", "ErrorMessage": "x",
                "ErrorState": {"ErrorCode": code, "StatusBarMessage": "E: no"}, "Details": details}}),
        )
    }

    #[test]
    fn every_internal_code_has_its_reason_and_remedy() {
        for (code, reason, remedy) in [
            (
                100,
                FailureReason::InvalidScreenState,
                Remedy::GoHomeAndRetry,
            ),
            (
                200,
                FailureReason::BatchExecutionFailed,
                Remedy::CheckInSystem,
            ),
            (300, FailureReason::InvalidInput, Remedy::CorrectInput),
            (400, FailureReason::RestguiCallFailed, Remedy::Retry),
            (
                500,
                FailureReason::LoginFailed,
                Remedy::ContactAdministrator,
            ),
            (600, FailureReason::InvalidOutput, Remedy::CheckRecording),
            (700, FailureReason::SessionInvalid, Remedy::LogOnAgain),
            (999, FailureReason::UnknownError, Remedy::Retry),
            (123, FailureReason::UnexpectedCode, Remedy::Retry),
        ] {
            let failure = coded(code, json!([]));
            assert_eq!((failure.reason, failure.remedy), (reason, remedy), "{code}");
            assert_eq!(failure.error_code, Some(code));
            assert!(failure.state.is_some() && failure.sent);
        }
    }

    #[test]
    fn not_found_tells_app_from_sequence() {
        let app = failure(
            404,
            json!({"error": {"code": "404", "message": "Application not found"}}),
        );
        assert_eq!(app.reason, FailureReason::ApplicationNotFound);
        let sequence = failure(
            404,
            json!({"error": {"ErrorMessage": "Sequence does not exist"}}),
        );
        assert_eq!(sequence.reason, FailureReason::SequenceNotFound);
        let bare = BridgeFailure::from_answer("Lock", &[], 404, None, "Not Found");
        assert_eq!(bare.reason, FailureReason::SequenceNotFound);
        assert_eq!(bare.server_message.as_deref(), Some("Not Found"));
    }

    #[test]
    fn batch_steps_and_input_fields_are_read_from_details() {
        let batch = coded(
            200,
            json!([{"message": "Step execution status: [{\"ord\":\"1\",\"code\":\"0\",\"status\":\"OK\"},{\"ord\":\"2\",\"code\":\"-1\",\"status\":\"Control not found\"}]"}]),
        );
        assert_eq!(batch.steps.len(), 2);
        assert_eq!(batch.steps[1].status, "Control not found");
        let input = coded(
            300,
            json!([{"message": "UserName: user XYZ does not exist"}, {"target": "Reason", "message": "too long"}, {"message": "general"}]),
        );
        let fields: Vec<&str> = input.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["UserName", "Reason", ""]);
        assert!(
            coded(200, json!([{"message": "Step execution status: not json"}]))
                .steps
                .is_empty()
        );
    }
}
