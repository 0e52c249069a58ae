use serde::Serialize;

/// The one error type at every boundary, tagged by kind so the UI can say
/// what failed and what to do next.
#[derive(Debug, Clone, thiserror::Error, Serialize, PartialEq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SapError {
    /// The request never got an HTTP answer.
    #[error("network error while {phase}: {message}")]
    Network {
        phase: NetworkPhase,
        message: String,
        /// Set when the TLS handshake failed on the server's certificate.
        certificate: Option<CertificateProblem>,
    },
    #[error("no answer within {seconds} s ({phase})")]
    Timeout { phase: TimeoutPhase, seconds: f64 },
    /// 401, or a logon page on a session that never logged on (the system wants an
    /// interactive logon such as SSO).
    #[error("authentication failed: {message}")]
    Authentication { status: u16, message: String },
    /// The system says the user is locked (too many failed logons, or locked by an
    /// administrator). Nothing more is sent with this password.
    #[error("user {user} is locked: {message}")]
    AccountLocked { user: String, message: String },
    /// The system rejected this password before, so it was not sent again: SAP locks a user
    /// after a few failed logons, and the app must never be the reason. The user changes the
    /// password or asks explicitly to try it once more.
    #[error("the password of {user} was not sent again: the system rejected it {failed_attempts} time(s)")]
    LogonWithheld { user: String, failed_attempts: u32 },
    /// The logged-on session ended (the system answered with its logon page) and the request
    /// was not repeated, because repeating it could change data twice. The next call logs on
    /// afresh; the user decides whether to run this one again.
    #[error("the session ended: {message}")]
    SessionEnded { message: String },
    /// The answer is larger than the limit for this call (stopped before it was all read).
    #[error("the answer is larger than {limit_bytes} bytes")]
    ResponseTooLarge {
        /// The limit that applied (bytes).
        limit_bytes: f64,
        /// The size the server announced (`Content-Length`), when it announced one.
        declared_bytes: Option<f64>,
    },
    #[error("CSRF token rejected: {message}")]
    Csrf { message: String },
    /// The OAuth token endpoint refused the client (`invalid_client`, `unauthorized`,
    /// `unauthorized_client`, ...): a wrong client id or secret, or a client not allowed
    /// the client-credentials grant. Nothing was sent to the service.
    #[error("the token endpoint refused the client ({error}): {description}")]
    TokenRejected {
        status: u16,
        /// The OAuth `error` code.
        error: String,
        /// The endpoint's `error_description`, or words for the code.
        description: String,
    },
    /// The OAuth token endpoint could not be reached or did not answer in time.
    #[error("the token endpoint {token_url} cannot be reached: {message}")]
    TokenEndpointUnreachable {
        token_url: String,
        message: String,
        /// Set when no answer came within the time limit.
        timed_out: bool,
    },
    /// The token endpoint answered, but not with a token (a wrong token URL, a proxy's
    /// page, JSON without `access_token`, a token type other than bearer).
    #[error("the token endpoint answered without a token: {message}")]
    TokenAnswerInvalid {
        status: u16,
        /// What came instead, naming the token URL.
        message: String,
        /// The start of the answer, HTML reduced to text (a token is never quoted).
        excerpt: String,
    },
    /// The session may only read (an API key gives read-only access): nothing was sent.
    #[error("{message}")]
    ReadOnly { message: String },
    /// An HTTP error status the service did not explain in its own format.
    #[error("HTTP {status}: {}", title.as_deref().unwrap_or(excerpt))]
    HttpStatus {
        status: u16,
        /// The `<title>` of an HTML error page.
        title: Option<String>,
        /// The first few hundred characters of the body, HTML reduced to text.
        excerpt: String,
    },
    /// The service answered and said no (a logical error in its own words).
    #[error("{message}")]
    Sap {
        status: u16,
        message: String,
        details: Vec<String>,
    },
    /// The answer could not be read.
    #[error("unreadable answer: {message}")]
    Decode { message: String, excerpt: String },
    /// A configuration value cannot be used (bad URL, unreadable CA file, bad proxy).
    #[error("{field}: {message}")]
    Config { field: String, message: String },
    #[error("cancelled")]
    Cancelled,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum NetworkPhase {
    Dns,
    Connect,
    Proxy,
    TlsHandshake,
    /// The connection broke after it was established (reset, closed early).
    Transfer,
}

impl std::fmt::Display for NetworkPhase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Dns => "resolving the host name",
            Self::Connect => "connecting",
            Self::Proxy => "talking to the proxy",
            Self::TlsHandshake => "checking the server's certificate",
            Self::Transfer => "exchanging data",
        })
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum TimeoutPhase {
    Connect,
    Response,
    /// A background job did not finish within its overall limit.
    Job,
}

impl std::fmt::Display for TimeoutPhase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Connect => "connecting",
            Self::Response => "waiting for the response",
            Self::Job => "waiting for the background job",
        })
    }
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum CertificateProblem {
    /// Signed by a CA that is not trusted (self-signed or a company CA).
    UnknownIssuer,
    Expired,
    NotYetValid,
    /// The certificate is for another host name.
    NameMismatch,
    Revoked,
    Other,
}
