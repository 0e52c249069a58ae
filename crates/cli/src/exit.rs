//! Exit codes a pipeline can rely on, and the one error type every command returns.
//!
//! | code | meaning |
//! | --- | --- |
//! | 0 | success |
//! | 1 | findings: syntax errors, failed tests, inspection errors, failed objects in a pull, a refused status change, a failed transport check, a deployment that ended in ERROR, FAILED messages (`--fail-on-failed`), a transaction that refused the call (failed step, wrong screen), failed rows of a mass run |
//! | 2 | usage: bad arguments, unreadable input file, unknown system, unknown bridge app or operation, bridge input refused |
//! | 3 | connection or authentication: network, TLS, timeout, logon, locked user, ended session, CSRF token, OAuth token refused, no password or secret |
//! | 4 | server: the system answered with an error, something unreadable or too large |
//! | 130 | interrupted (Ctrl-C) |

use std::fmt;

use sap_http::SapError;
use serde::Serialize;
use serde_json::{json, Value};
use transaction_bridge::mass_run::{CsvRefused, MassRunError};
use transaction_bridge::{BridgeError, BridgeFailure, FailureReason, Remedy};

/// How a command ended, ordered by how bad it is for a pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    Success,
    Findings,
    Usage,
    Connection,
    Server,
    Interrupted,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Findings => 1,
            Self::Usage => 2,
            Self::Connection => 3,
            Self::Server => 4,
            Self::Interrupted => 130,
        }
    }

    /// The exit for a protocol error.
    pub fn of(error: &SapError) -> Self {
        match error {
            SapError::Network { .. }
            | SapError::Timeout { .. }
            | SapError::Authentication { .. }
            | SapError::AccountLocked { .. }
            | SapError::LogonWithheld { .. }
            | SapError::SessionEnded { .. }
            | SapError::Csrf { .. }
            | SapError::TokenRejected { .. }
            | SapError::TokenEndpointUnreachable { .. }
            | SapError::TokenAnswerInvalid { .. } => Self::Connection,
            SapError::HttpStatus { .. }
            | SapError::Sap { .. }
            | SapError::Decode { .. }
            | SapError::ResponseTooLarge { .. } => Self::Server,
            SapError::Config { .. } | SapError::ReadOnly { .. } => Self::Usage,
            SapError::Cancelled => Self::Interrupted,
        }
    }
}

impl Serialize for Exit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.code())
    }
}

/// Why a command could not do its job. Messages never contain a secret: they are built
/// from `SapError`s (which carry none) and from the CLI's own words.
#[derive(Debug)]
pub struct CliError {
    pub exit: Exit,
    /// `usage`, `input`, `system`, `password`, `interrupted`, or the `SapError` kind.
    pub kind: String,
    pub message: String,
    /// The protocol error behind it, for `--json`.
    pub sap: Option<SapError>,
    /// Anything else that explains it in `--json` (a bridge failure, the problems of a CSV).
    /// Boxed: errors travel by value through every `?`.
    pub detail: Option<Box<Value>>,
}

impl CliError {
    pub fn new(exit: Exit, kind: &str, message: impl Into<String>) -> Self {
        Self {
            exit,
            kind: kind.to_owned(),
            message: message.into(),
            sap: None,
            detail: None,
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Exit::Usage, "usage", message)
    }

    /// A local file or stream that cannot be used.
    pub fn input(message: impl Into<String>) -> Self {
        Self::new(Exit::Usage, "input", message)
    }

    pub fn interrupted(message: impl Into<String>) -> Self {
        Self::new(Exit::Interrupted, "interrupted", message)
    }

    /// With `detail`'s members in the `--json` error.
    pub fn with_detail(mut self, detail: &impl Serialize) -> Self {
        self.detail = serde_json::to_value(detail).ok().map(Box::new);
        self
    }

    /// The error as the `error` member of a `--json` document.
    pub fn to_json(&self) -> Value {
        let mut value = match (&self.sap, self.detail.as_deref()) {
            (Some(error), _) => serde_json::to_value(error).unwrap_or_else(|_| json!({})),
            (None, Some(Value::Object(detail))) => Value::Object(detail.clone()),
            (None, _) => json!({}),
        };
        if let Value::Object(map) = &mut value {
            if self.sap.is_none() {
                map.insert("kind".into(), Value::String(self.kind.clone()));
            }
            map.insert("message".into(), Value::String(self.message.clone()));
        }
        value
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

impl From<SapError> for CliError {
    fn from(error: SapError) -> Self {
        let kind = serde_json::to_value(&error)
            .ok()
            .and_then(|v| v.get("kind").and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_else(|| "sap".to_owned());
        Self {
            exit: Exit::of(&error),
            kind,
            message: describe(&error),
            sap: Some(error),
            detail: None,
        }
    }
}

impl From<BridgeError> for CliError {
    fn from(error: BridgeError) -> Self {
        match error {
            BridgeError::Sap(error) => error.into(),
            BridgeError::Bridge(failure) => Self::new(
                bridge_exit(failure.reason),
                "bridge",
                describe_failure(&failure),
            )
            .with_detail(&*failure),
        }
    }
}

impl From<MassRunError> for CliError {
    fn from(error: MassRunError) -> Self {
        match error {
            MassRunError::Bridge(error) => error.into(),
            MassRunError::Journal(error) => Self::input(error.to_string()),
            MassRunError::Refused(refused) => {
                Self::input(describe_refusal(&refused)).with_detail(&refused)
            }
            MassRunError::Row(message) => Self::usage(message),
        }
    }
}

/// A bridge failure for a pipeline: the caller's mistake (2), the transaction's refusal (1),
/// the logon or a lost answer (3), the bridge's own trouble (4).
fn bridge_exit(reason: FailureReason) -> Exit {
    match reason {
        FailureReason::ApplicationNotFound
        | FailureReason::SequenceNotFound
        | FailureReason::InvalidInput => Exit::Usage,
        FailureReason::InvalidScreenState | FailureReason::BatchExecutionFailed => Exit::Findings,
        FailureReason::SessionInvalid
        | FailureReason::LoginFailed
        | FailureReason::OutcomeUnknown => Exit::Connection,
        FailureReason::RestguiCallFailed
        | FailureReason::InvalidOutput
        | FailureReason::UnknownError
        | FailureReason::UnexpectedCode
        | FailureReason::UnexpectedAnswer
        | FailureReason::Metadata => Exit::Server,
    }
}

/// The failure's sentence (with its remedy), then what the bridge said: its message, the
/// status bar, the failed steps, the fields at fault.
fn describe_failure(failure: &BridgeFailure) -> String {
    let mut text = failure.message.clone();
    if failure.remedy == Remedy::GoHomeAndRetry {
        text.push_str(
            " (each adesk run logs on afresh on the first screen; within a --file run: `bridge home APP`)",
        );
    }
    if let Some(server) = failure
        .server_message
        .as_deref()
        .filter(|server| !server.is_empty() && !failure.message.contains(server))
    {
        text.push_str(&format!("\n  the bridge said: {server}"));
    }
    if let Some(bar) = failure.state.as_ref().and_then(|s| s.status_bar.as_ref()) {
        if !bar.text.is_empty() {
            text.push_str(&format!(
                "\n  status bar: {} {}",
                bar.message_type.letter(),
                bar.text
            ));
        }
    }
    for step in &failure.steps {
        text.push_str(&format!(
            "\n  step {} {}: {}",
            step.ord, step.code, step.status
        ));
    }
    if failure.sent {
        for field in &failure.fields {
            text.push_str(&format!("\n  {}: {}", field.field, field.message));
        }
    }
    text
}

/// Every problem of a refused CSV with its place, as the app's table of problems.
fn describe_refusal(refused: &CsvRefused) -> String {
    let mut text = format!(
        "the CSV was not run: {} problem(s) in {} row(s); nothing was sent",
        refused.total_problems, refused.rows
    );
    for problem in &refused.problems {
        let place = match (problem.row, &problem.column) {
            (0, Some(column)) => format!("header, {column}"),
            (0, None) => "header".to_owned(),
            (row, Some(column)) => format!("row {row} (line {}), {column}", problem.line),
            (row, None) => format!("row {row} (line {})", problem.line),
        };
        text.push_str(&format!("\n  {place}: {}", problem.message));
    }
    let listed = u32::try_from(refused.problems.len()).unwrap_or(u32::MAX);
    if refused.total_problems > listed {
        text.push_str(&format!(
            "\n  ... and {} more",
            refused.total_problems - listed
        ));
    }
    text
}

/// The error's text plus what to do about it, where the kind suggests something.
fn describe(error: &SapError) -> String {
    let hint = match error {
        SapError::Network {
            certificate: Some(_),
            ..
        } => " (a company CA: --ca-file FILE; only for a test system: --insecure)",
        SapError::Authentication { .. } => {
            " (the password comes from ADESK_PASSWORD, --password-stdin or the OS keyring)"
        }
        SapError::TokenRejected { .. } => {
            " (the client secret comes from ADESK_CLIENT_SECRET, --client-secret-env VAR, --password-stdin or the OS keyring; the client id from the saved system or --client-id)"
        }
        SapError::SessionEnded { .. } => {
            " (a change is never sent twice: check on the system whether it was made, then run the command again)"
        }
        _ => "",
    };
    match error {
        SapError::Sap { details, .. } if !details.is_empty() => {
            let extra: Vec<&str> = details
                .iter()
                .map(String::as_str)
                .filter(|d| *d != error.to_string())
                .collect();
            if extra.is_empty() {
                format!("{error}{hint}")
            } else {
                format!("{error} ({}){hint}", extra.join("; "))
            }
        }
        _ => format!("{error}{hint}"),
    }
}

pub type CliResult<T> = Result<T, CliError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_errors_map_to_the_documented_codes() {
        let auth = SapError::Authentication {
            status: 401,
            message: "no".into(),
        };
        assert_eq!(Exit::of(&auth).code(), 3);
        let sap = SapError::Sap {
            status: 400,
            message: "no".into(),
            details: vec![],
        };
        assert_eq!(Exit::of(&sap).code(), 4);
        let config = SapError::Config {
            field: "guid".into(),
            message: "bad".into(),
        };
        assert_eq!(Exit::of(&config).code(), 2);
        assert!(Exit::Server > Exit::Findings && Exit::Findings > Exit::Success);
    }

    #[test]
    fn json_errors_carry_kind_and_message() {
        let error = CliError::from(SapError::Csrf {
            message: "stale".into(),
        });
        let json = error.to_json();
        assert_eq!(json["kind"], "csrf");
        assert_eq!(json["message"], "CSRF token rejected: stale");
        assert_eq!(CliError::usage("x").to_json()["kind"], "usage");
    }
}
