//! The one error type every command returns, tagged by `kind` for the UI.

use profiles::{BookError, FieldError, SecretError, SecretKind};
use sap_http::SapError;
use serde::Serialize;
use transaction_bridge::mass_run::MassRunError;
use transaction_bridge::{BridgeError, BridgeFailure};

/// Serialized as `{"kind": "...", ...}`. The SAP kinds (`network`, `timeout`, `authentication`,
/// `account_locked`, `logon_withheld`, `session_ended`, `csrf`, `token_rejected`,
/// `token_endpoint_unreachable`, `token_answer_invalid`, `read_only`, `http_status`, `sap`,
/// `decode`, `response_too_large`, `config`, `cancelled`) come straight from [`SapError`]; the others
/// are the app's own.
#[derive(Debug, Clone, thiserror::Error, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppError {
    /// The form has invalid fields.
    #[error("invalid fields: {}", fields.iter().map(|f| f.field.as_str()).collect::<Vec<_>>().join(", "))]
    Validation { fields: Vec<FieldError> },
    /// The OS keyring cannot be used; passwords are kept for this session only.
    #[error("the OS keyring is unavailable: {message}")]
    KeyringUnavailable { message: String },
    /// The keyring answered with an error.
    #[error("the OS keyring failed: {message}")]
    Keyring { message: String },
    /// `what` is `profile`, `job`, `file`, ...
    #[error("{what} not found: {message}")]
    NotFound { what: String, message: String },
    /// A file the user chose cannot be used (unreadable, not the expected format).
    #[error("{path}: {message}")]
    InvalidFile { path: String, message: String },
    /// Saving or reading the app's own files failed.
    #[error("storage error: {message}")]
    Storage { message: String },
    /// The embedded sandbox could not start.
    #[error("sandbox unavailable: {message}")]
    SandboxUnavailable { message: String },
    /// The job is still running (cancel it first).
    #[error("job {job_id} is still running")]
    JobRunning { job_id: String },
    /// A profile has no password stored (and none was given).
    #[error("no password stored for this system")]
    MissingPassword { profile_id: String },
    /// The transaction bridge refused or failed a call (or it was refused before sending):
    /// its reason, what the user can do (`remedy`), and the bridge's `State`, fields and steps.
    #[error(transparent)]
    Bridge(Box<BridgeFailure>),
    /// A profile has no client secret or API key stored (whichever its sign-in needs).
    #[error("no {} stored for this system", secret.field().replace('_', " "))]
    MissingSecret {
        profile_id: String,
        secret: SecretKind,
    },
    #[error(transparent)]
    #[serde(untagged)]
    Sap(#[from] SapError),
}

impl From<BridgeError> for AppError {
    fn from(error: BridgeError) -> Self {
        match error {
            BridgeError::Sap(error) => Self::Sap(error),
            BridgeError::Bridge(failure) => Self::Bridge(failure),
        }
    }
}

impl From<BridgeFailure> for AppError {
    fn from(failure: BridgeFailure) -> Self {
        Self::Bridge(Box::new(failure))
    }
}

/// A mass run's error in the app's terms: refused rows as invalid fields named by row and
/// column, a journal problem as a storage error.
pub fn mass_run_error(error: MassRunError) -> AppError {
    match error {
        MassRunError::Journal(error) => AppError::storage(error.to_string()),
        MassRunError::Bridge(error) => error.into(),
        MassRunError::Refused(refused) => AppError::Validation {
            fields: refused
                .problems
                .into_iter()
                .map(|problem| {
                    let place = match (problem.row, &problem.column) {
                        (0, Some(column)) => format!("header, {column}"),
                        (0, None) => "header".to_owned(),
                        (row, Some(column)) => {
                            format!("row {row} (line {}), {column}", problem.line)
                        }
                        (row, None) => format!("row {row} (line {})", problem.line),
                    };
                    FieldError::new(&place, problem.message)
                })
                .collect(),
        },
        MassRunError::Row(message) => AppError::Validation {
            fields: vec![FieldError::new("row", message)],
        },
    }
}

pub type CommandResult<T> = Result<T, AppError>;

impl AppError {
    pub fn not_found(what: &str, message: impl Into<String>) -> Self {
        Self::NotFound {
            what: what.to_owned(),
            message: message.into(),
        }
    }

    pub fn storage(message: impl Into<String>) -> Self {
        Self::Storage {
            message: message.into(),
        }
    }
}

impl From<SecretError> for AppError {
    fn from(error: SecretError) -> Self {
        match error {
            SecretError::Unavailable(message) => Self::KeyringUnavailable { message },
            SecretError::Backend(message) => Self::Keyring { message },
        }
    }
}

impl From<BookError> for AppError {
    fn from(error: BookError) -> Self {
        match error {
            BookError::Validation(fields) => Self::Validation { fields },
            BookError::NotFound(id) => Self::not_found("profile", format!("no profile {id}")),
            BookError::Secrets(error) => error.into(),
            BookError::Storage(message) => Self::Storage { message },
            BookError::Migration(error) => Self::storage(error.to_string()),
        }
    }
}

impl From<FieldError> for AppError {
    fn from(error: FieldError) -> Self {
        Self::Validation {
            fields: vec![error],
        }
    }
}

#[cfg(test)]
pub mod samples {
    use super::*;
    use sap_http::{CertificateProblem, NetworkPhase, TimeoutPhase};

    /// One error of every kind the UI can receive, with every field filled.
    pub fn one_of_every_kind() -> Vec<AppError> {
        let sap = [
            SapError::Network {
                phase: NetworkPhase::Connect,
                message: "connection refused".into(),
                certificate: Some(CertificateProblem::UnknownIssuer),
            },
            SapError::Timeout {
                phase: TimeoutPhase::Response,
                seconds: 90.0,
            },
            SapError::Authentication {
                status: 401,
                message: "Logon failed".into(),
            },
            SapError::AccountLocked {
                user: "DEVELOPER".into(),
                message: "User is locked. Please notify the person responsible".into(),
            },
            SapError::LogonWithheld {
                user: "DEVELOPER".into(),
                failed_attempts: 1,
            },
            SapError::SessionEnded {
                message:
                    "the system answered POST /sap/bc/z_abapgit_agent/pull with its logon page"
                        .into(),
            },
            SapError::ResponseTooLarge {
                limit_bytes: 67108864.0,
                declared_bytes: Some(524288000.0),
            },
            SapError::Csrf {
                message: "CSRF token validation failed".into(),
            },
            SapError::TokenRejected {
                status: 401,
                error: "unauthorized".into(),
                description: "Bad credentials".into(),
            },
            SapError::TokenEndpointUnreachable {
                token_url: "https://acme.authentication.eu10.hana.ondemand.com/oauth/token".into(),
                message: "connection refused".into(),
                timed_out: false,
            },
            SapError::TokenAnswerInvalid {
                status: 404,
                message: "https://acme.authentication.eu10.hana.ondemand.com/oauth/authorize \
                          answered HTTP 404: check the token URL"
                    .into(),
                excerpt: "Not Found".into(),
            },
            SapError::ReadOnly {
                message: "POST IntegrationPackages was not sent: an API key gives read-only access"
                    .into(),
            },
            SapError::HttpStatus {
                status: 500,
                title: Some("Internal Server Error".into()),
                excerpt: "500 SAP Internal Server Error".into(),
            },
            SapError::Sap {
                status: 200,
                message: "Repository not found".into(),
                details: vec!["line 1".into()],
            },
            SapError::Decode {
                message: "expected value at line 1".into(),
                excerpt: "<html>".into(),
            },
            SapError::Config {
                field: "tls.extra_ca_file".into(),
                message: "not a PEM file".into(),
            },
            SapError::Cancelled,
        ];
        let app = [
            AppError::Validation {
                fields: vec![FieldError::new("base_url", "Enter a URL.")],
            },
            AppError::KeyringUnavailable {
                message: "no Secret Service".into(),
            },
            AppError::Keyring {
                message: "the collection is locked".into(),
            },
            AppError::not_found("profile", "no profile p1"),
            AppError::InvalidFile {
                path: "agent.json".into(),
                message: "not JSON".into(),
            },
            AppError::storage("disk full"),
            AppError::SandboxUnavailable {
                message: "port in use".into(),
            },
            AppError::JobRunning {
                job_id: "job-1".into(),
            },
            AppError::MissingPassword {
                profile_id: "p1".into(),
            },
            AppError::Bridge(Box::new(bridge_sample())),
            AppError::MissingSecret {
                profile_id: "p1".into(),
                secret: SecretKind::ClientSecret,
            },
        ];
        app.into_iter().chain(sap.map(AppError::Sap)).collect()
    }

    /// A bridge failure with every field filled (an invalid screen state).
    fn bridge_sample() -> transaction_bridge::BridgeFailure {
        use transaction_bridge::{
            BridgeState, FailureReason, FieldProblem, MessageType, Remedy, StatusBarMessage,
            StepStatus,
        };
        let mut failure = transaction_bridge::BridgeFailure::new(
            FailureReason::InvalidScreenState,
            Remedy::GoHomeAndRetry,
            "AddItem cannot run on the screen SAP GUI is on now. Go Home and run it again.",
        )
        .operation("AddItem");
        failure.http_status = Some(500);
        failure.error_code = Some(100);
        failure.server_message = Some("INVALID_SCREEN_STATE".into());
        failure.state = Some(BridgeState {
            error_code: 100,
            status_bar: Some(StatusBarMessage {
                message_type: MessageType::Error,
                text: "Start the order first".into(),
            }),
            subsequent_actions: vec!["Home".into()],
            preceding_actions: vec!["StartOrder".into()],
        });
        failure.fields = vec![FieldProblem {
            field: "Material".into(),
            message: "required".into(),
        }];
        failure.steps = vec![StepStatus {
            ord: "1".into(),
            code: "-1".into(),
            status: "Control not found".into(),
        }];
        failure.details = vec!["Step execution status".into()];
        failure.sent = true;
        failure
    }
}
