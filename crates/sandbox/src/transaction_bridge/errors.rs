//! The bridge's answers when a call fails: the HTTP status and the `error` body of the API
//! specification (`Status`, `ErrorMessage`, `ErrorState`, `Target`, `Details`).

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use super::status_bar::StatusBar;

/// The internal error codes of the bridge (`ErrorState.ErrorCode`), all sent with HTTP 500.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// 100: the sequence cannot run on the screen the GUI session is on (`Home` first).
    InvalidScreenState,
    /// 200: a recorded step failed; `Details` holds the step status.
    BatchExecutionFailed,
    /// 300: a parameter is missing, of the wrong type or too long (one detail per field).
    InvalidInput,
    /// 400: the call to the back end (SAP GUI for HTML) failed.
    RestguiCallFailed,
    /// 500: the logon to the back end failed.
    LoginFailed,
    /// 600: what the back end showed does not fit the OData definition of the output.
    InvalidOutput,
    /// 700: no session, or it expired or was logged out.
    SessionInvalid,
    /// 999: an unknown internal error.
    UnknownError,
}

impl ErrorCode {
    /// Every code, in the order of the specification's table.
    pub const ALL: [ErrorCode; 8] = [
        Self::InvalidScreenState,
        Self::BatchExecutionFailed,
        Self::InvalidInput,
        Self::RestguiCallFailed,
        Self::LoginFailed,
        Self::InvalidOutput,
        Self::SessionInvalid,
        Self::UnknownError,
    ];

    /// The number in `ErrorState.ErrorCode`.
    pub fn code(self) -> u32 {
        match self {
            Self::InvalidScreenState => 100,
            Self::BatchExecutionFailed => 200,
            Self::InvalidInput => 300,
            Self::RestguiCallFailed => 400,
            Self::LoginFailed => 500,
            Self::InvalidOutput => 600,
            Self::SessionInvalid => 700,
            Self::UnknownError => 999,
        }
    }

    /// The symbolic name of the specification's table.
    pub fn name(self) -> &'static str {
        match self {
            Self::InvalidScreenState => "INVALID_SCREEN_STATE",
            Self::BatchExecutionFailed => "BATCH_EXECUTION_FAILED",
            Self::InvalidInput => "INVALID_INPUT",
            Self::RestguiCallFailed => "RESTGUI_CALL_FAILED",
            Self::LoginFailed => "LOGIN_FAILED",
            Self::InvalidOutput => "INVALID_OUTPUT",
            Self::SessionInvalid => "SESSION_INVALID",
            Self::UnknownError => "UNKNOWN_ERROR",
        }
    }

    /// The code for a number, if it is one of the bridge's.
    pub fn from_code(code: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    fn message(self) -> &'static str {
        match self {
            Self::InvalidScreenState => "Action cannot be executed on the current screen",
            Self::BatchExecutionFailed => "Batch execution (partially) failed",
            Self::InvalidInput => "Invalid input parameters",
            Self::RestguiCallFailed => "The call to the back-end system failed",
            Self::LoginFailed => "The login to the back-end system failed",
            Self::InvalidOutput => {
                "The output received from the back-end does not match the OData definition"
            }
            Self::SessionInvalid => "Session invalid or expired",
            Self::UnknownError => "Unknown internal error",
        }
    }
}

/// One entry of `Details`: a message, and for input errors the parameter it concerns.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Detail {
    pub message: String,
    pub target: Option<String>,
}

impl Detail {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            target: None,
        }
    }

    pub(crate) fn for_field(field: &str, message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            target: Some(field.to_owned()),
        }
    }
}

/// The status of one recorded step, as the bridge reports it inside a batch failure.
#[derive(Debug, Clone)]
pub(crate) struct StepStatus {
    pub ord: u32,
    pub ok: bool,
    pub status: &'static str,
}

/// A failed call.
#[derive(Debug, Clone)]
pub(crate) enum BridgeError {
    /// 404: no published recording under this id.
    ApplicationNotFound,
    /// 404: the app has no sequence of this name.
    SequenceNotFound,
    /// 400: the request could not be read as OData (a malformed literal, a body that is not JSON).
    Malformed(String),
    /// 405: a function called with POST or an action with GET.
    MethodNotAllowed(&'static str),
    /// 401: `Login` without credentials.
    CredentialsRequired,
    /// 401: a bearer token that is unknown or expired.
    InvalidToken,
    /// 500 with an internal code.
    Internal {
        code: ErrorCode,
        status_bar: Option<StatusBar>,
        preceding: Vec<&'static str>,
        details: Vec<Detail>,
    },
}

impl BridgeError {
    pub(crate) fn internal(code: ErrorCode) -> Self {
        Self::Internal {
            code,
            status_bar: None,
            preceding: Vec::new(),
            details: Vec::new(),
        }
    }

    pub(crate) fn with_status_bar(mut self, message: StatusBar) -> Self {
        if let Self::Internal { status_bar, .. } = &mut self {
            *status_bar = Some(message);
        }
        self
    }

    pub(crate) fn with_detail(mut self, detail: Detail) -> Self {
        if let Self::Internal { details, .. } = &mut self {
            details.push(detail);
        }
        self
    }

    pub(crate) fn with_preceding(mut self, actions: &[&'static str]) -> Self {
        if let Self::Internal { preceding, .. } = &mut self {
            preceding.extend_from_slice(actions);
        }
        self
    }

    /// A recorded step found the screen other than recorded, after the back end showed
    /// `message` in the status bar. Steps before `failed_step` ran.
    pub(crate) fn step_failed(failed_step: u32, status: &'static str, message: StatusBar) -> Self {
        let steps: Vec<StepStatus> = (1..=failed_step)
            .map(|ord| StepStatus {
                ord,
                ok: ord < failed_step,
                status: if ord < failed_step { "OK" } else { status },
            })
            .collect();
        Self::internal(ErrorCode::BatchExecutionFailed)
            .with_status_bar(message)
            .with_detail(Detail::new(step_status_message(&steps)))
    }

    pub(crate) fn code(&self) -> Option<ErrorCode> {
        match self {
            Self::Internal { code, .. } => Some(*code),
            _ => None,
        }
    }

    /// The response, with `target` the request path.
    pub(crate) fn into_response(self, target: &str) -> Response {
        let (status, body) = match self {
            Self::ApplicationNotFound => (
                StatusCode::NOT_FOUND,
                plain_error("NOT_FOUND", "Application not found", target),
            ),
            Self::SequenceNotFound => (
                StatusCode::NOT_FOUND,
                plain_error("NOT_FOUND", "Sequence does not exist", target),
            ),
            Self::Malformed(message) => (
                StatusCode::BAD_REQUEST,
                plain_error("BAD_REQUEST", &message, target),
            ),
            Self::MethodNotAllowed(message) => (
                StatusCode::METHOD_NOT_ALLOWED,
                plain_error("METHOD_NOT_ALLOWED", message, target),
            ),
            Self::CredentialsRequired => {
                let mut response = (
                    StatusCode::UNAUTHORIZED,
                    plain_error("UNAUTHORIZED", "Authentication required", target).to_string(),
                )
                    .into_response();
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Basic realm=\"SAP Mobile Services\""),
                );
                return json_response(response);
            }
            Self::InvalidToken => {
                let mut response = (
                    StatusCode::UNAUTHORIZED,
                    plain_error(
                        "UNAUTHORIZED",
                        "The access token expired or is invalid",
                        target,
                    )
                    .to_string(),
                )
                    .into_response();
                response.headers_mut().insert(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static(
                        "Bearer realm=\"SAP Mobile Services\", error=\"invalid_token\"",
                    ),
                );
                return json_response(response);
            }
            Self::Internal {
                code,
                status_bar,
                preceding,
                details,
            } => {
                let mut state = json!({"ErrorCode": code.code()});
                if let Some(message) = &status_bar {
                    message.write_into(&mut state);
                }
                state["SubsequentActions"] = json!([]);
                state["PrecedingActions"] = json!(preceding);
                let details: Vec<Value> = details
                    .into_iter()
                    .map(|detail| match detail.target {
                        Some(field) => json!({"message": detail.message, "target": field}),
                        None => json!({"message": detail.message}),
                    })
                    .collect();
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    json!({"error": {
                        "Status": "INTERNAL_SERVER_ERROR",
                        "ErrorMessage": code.message(),
                        "ErrorState": state,
                        "Target": target,
                        "Details": details,
                    }}),
                )
            }
        };
        json_response((status, body.to_string()).into_response())
    }
}

/// The `Details` text of a batch failure: the status of every step as JSON inside a string.
fn step_status_message(steps: &[StepStatus]) -> String {
    let steps: Vec<Value> = steps
        .iter()
        .map(|step| {
            json!({
                "ord": step.ord.to_string(),
                "code": if step.ok { "0" } else { "-1" },
                "status": step.status,
            })
        })
        .collect();
    format!("Step execution status: {}", Value::Array(steps))
}

fn plain_error(status: &str, message: &str, target: &str) -> Value {
    json!({"error": {
        "Status": status,
        "ErrorMessage": message,
        "Target": target,
        "Details": [],
    }})
}

/// Marks a JSON answer as OData V4 JSON.
pub(crate) fn json_response(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json;odata.metadata=minimal;charset=utf-8"),
    );
    headers.insert("odata-version", HeaderValue::from_static("4.0"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::from_code(code.code()), Some(code));
        }
        assert_eq!(ErrorCode::from_code(0), None);
    }

    #[test]
    fn step_status_is_json_inside_the_message() {
        let text = step_status_message(&[
            StepStatus {
                ord: 1,
                ok: true,
                status: "OK",
            },
            StepStatus {
                ord: 2,
                ok: false,
                status: "Control not found",
            },
        ]);
        let json = text.strip_prefix("Step execution status: ").unwrap();
        let steps: Value = serde_json::from_str(json).unwrap();
        assert_eq!(steps[1]["code"], "-1");
        assert_eq!(steps[1]["status"], "Control not found");
    }
}
