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
    /// 401, or a logon page where JSON was expected.
    #[error("authentication failed: {message}")]
    Authentication { status: u16, message: String },
    #[error("CSRF token rejected: {message}")]
    Csrf { message: String },
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
