//! Turns a reqwest transport error into a specific, human [`SapError`] by walking its
//! source chain (reqwest -> hyper-util -> hyper / io::Error -> rustls::Error).

use std::error::Error as StdError;
use std::io;
use std::time::Duration;

use rustls::CertificateError;

use crate::{CertificateProblem, NetworkPhase, SapError, TimeoutPhase};

/// Where the failed request was going, for the message.
pub(crate) struct Destination {
    /// `host:port` of the SAP system.
    pub server: String,
    pub host: String,
    /// `host:port` of the proxy the request went through, if any.
    pub proxy: Option<String>,
}

/// The time limits that applied to the failed request.
pub(crate) struct Limits {
    pub connect: Duration,
    pub response: Duration,
}

pub(crate) fn classify(error: &reqwest::Error, to: &Destination, limits: &Limits) -> SapError {
    let chain = error_chain(error);

    if let Some(tls) = chain.iter().find_map(|e| e.downcast_ref::<rustls::Error>()) {
        return tls_failure(tls, to);
    }
    if error.is_timeout() {
        return if error.is_connect() {
            SapError::Timeout {
                phase: TimeoutPhase::Connect,
                seconds: limits.connect.as_secs_f64(),
            }
        } else {
            SapError::Timeout {
                phase: TimeoutPhase::Response,
                seconds: limits.response.as_secs_f64(),
            }
        };
    }
    if error.is_builder() {
        return SapError::Config {
            field: "request".into(),
            message: describe_chain(error),
        };
    }
    // hyper-util's tunnel error type is private; its message is the stable part.
    if let Some(tunnel) = chain
        .iter()
        .find(|e| e.to_string().starts_with("tunnel error"))
    {
        let proxy = to.proxy.as_deref().unwrap_or("the proxy");
        return network(
            NetworkPhase::Proxy,
            format!(
                "{proxy} could not open a tunnel to {}: {}",
                to.server,
                tunnel_reason(*tunnel)
            ),
        );
    }
    if error.is_dns() {
        return match &to.proxy {
            Some(proxy) => network(
                NetworkPhase::Proxy,
                format!("the proxy's host name in {proxy} cannot be resolved"),
            ),
            None => network(
                NetworkPhase::Dns,
                format!(
                    "the host name {} cannot be resolved (check its spelling, the VPN and the network)",
                    to.host
                ),
            ),
        };
    }
    let io_kind = chain
        .iter()
        .find_map(|e| e.downcast_ref::<io::Error>())
        .map(io::Error::kind);
    if error.is_connect() {
        let reason = match io_kind {
            Some(io::ErrorKind::ConnectionRefused) => "connection refused".to_owned(),
            _ => innermost_message(&chain),
        };
        return match &to.proxy {
            Some(proxy) => network(
                NetworkPhase::Proxy,
                format!("cannot reach the proxy {proxy}: {reason}"),
            ),
            None if io_kind == Some(io::ErrorKind::ConnectionRefused) => network(
                NetworkPhase::Connect,
                format!(
                    "connection refused by {} (is the port right and the system up?)",
                    to.server
                ),
            ),
            None => network(
                NetworkPhase::Connect,
                format!("cannot connect to {}: {reason}", to.server),
            ),
        };
    }
    transfer_failure(&chain, io_kind, to)
}

fn transfer_failure(
    chain: &[&(dyn StdError + 'static)],
    io_kind: Option<io::ErrorKind>,
    to: &Destination,
) -> SapError {
    let hyper_error = chain.iter().find_map(|e| e.downcast_ref::<hyper::Error>());
    let message = match io_kind {
        Some(io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted) => {
            format!(
                "{} reset the connection before the answer was complete",
                to.server
            )
        }
        Some(io::ErrorKind::BrokenPipe) => {
            format!(
                "{} closed the connection while the request was being sent",
                to.server
            )
        }
        Some(io::ErrorKind::UnexpectedEof) => {
            format!(
                "{} closed the connection before the answer was complete",
                to.server
            )
        }
        _ => match hyper_error {
            Some(e) if e.is_incomplete_message() => {
                format!(
                    "{} closed the connection before the answer was complete",
                    to.server
                )
            }
            Some(e) if e.is_parse() => {
                format!("the answer from {} is not valid HTTP: {e}", to.server)
            }
            _ => format!(
                "the exchange with {} failed: {}",
                to.server,
                innermost_message(chain)
            ),
        },
    };
    network(NetworkPhase::Transfer, message)
}

fn tunnel_reason(tunnel: &(dyn StdError + 'static)) -> String {
    let text = tunnel.to_string();
    let reason = text.trim_start_matches("tunnel error: ");
    match reason {
        "unsuccessful" => "the proxy refused the connection".to_owned(),
        "proxy authorization required" => "the proxy requires a logon (HTTP 407)".to_owned(),
        "unexpected end of file" => "the proxy closed the connection".to_owned(),
        _ => match tunnel.source() {
            Some(cause) => format!("{reason}: {cause}"),
            None => reason.to_owned(),
        },
    }
}

fn tls_failure(error: &rustls::Error, to: &Destination) -> SapError {
    let (certificate, message) = match error {
        rustls::Error::InvalidCertificate(problem) => {
            let certificate = certificate_problem(problem);
            (
                Some(certificate),
                certificate_message(certificate, problem, to),
            )
        }
        rustls::Error::InvalidMessage(_) => (
            None,
            format!(
                "{} does not answer in TLS: is https:// right for this port?",
                to.server
            ),
        ),
        rustls::Error::AlertReceived(alert) => (
            None,
            format!("{} ended the TLS handshake ({alert:?})", to.server),
        ),
        other => (
            None,
            format!("the TLS handshake with {} failed: {other}", to.server),
        ),
    };
    SapError::Network {
        phase: NetworkPhase::TlsHandshake,
        message,
        certificate,
    }
}

fn certificate_problem(problem: &CertificateError) -> CertificateProblem {
    match problem {
        CertificateError::UnknownIssuer => CertificateProblem::UnknownIssuer,
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
            CertificateProblem::Expired
        }
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            CertificateProblem::NotYetValid
        }
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            CertificateProblem::NameMismatch
        }
        CertificateError::Revoked => CertificateProblem::Revoked,
        _ => CertificateProblem::Other,
    }
}

fn certificate_message(
    certificate: CertificateProblem,
    problem: &CertificateError,
    to: &Destination,
) -> String {
    match certificate {
        CertificateProblem::UnknownIssuer => {
            "the server's certificate is signed by an unknown authority \
             (self-signed or a company CA: add that CA's certificate to the profile)"
                .to_owned()
        }
        CertificateProblem::Expired => "the server's certificate has expired".to_owned(),
        CertificateProblem::NotYetValid => {
            "the server's certificate is not valid yet (check this computer's clock)".to_owned()
        }
        CertificateProblem::NameMismatch => format!(
            "the server's certificate is not valid for the host name {}",
            to.host
        ),
        CertificateProblem::Revoked => "the server's certificate has been revoked".to_owned(),
        CertificateProblem::Other => format!("the server's certificate was rejected: {problem}"),
    }
}

fn network(phase: NetworkPhase, message: String) -> SapError {
    SapError::Network {
        phase,
        message,
        certificate: None,
    }
}

/// The error's sources, innermost last. `io::Error::source` skips the error it wraps,
/// so wrapped errors are added explicitly (that is where rustls errors live).
fn error_chain(error: &reqwest::Error) -> Vec<&(dyn StdError + 'static)> {
    let mut chain = Vec::new();
    let mut next = error.source();
    while let Some(current) = next {
        chain.push(current);
        next = match current
            .downcast_ref::<io::Error>()
            .and_then(io::Error::get_ref)
        {
            Some(wrapped) => Some(wrapped as &(dyn StdError + 'static)),
            None => current.source(),
        };
    }
    chain
}

fn innermost_message(chain: &[&(dyn StdError + 'static)]) -> String {
    chain
        .last()
        .map(|e| e.to_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// The messages of an error's sources, joined: reqwest's own message names the URL,
/// which is left out. Used where no more specific text is known.
pub(crate) fn describe_chain(error: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = error.source();
    while let Some(current) = next {
        let text = current.to_string();
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        next = current.source();
    }
    if parts.is_empty() {
        error.to_string()
    } else {
        parts.join(": ")
    }
}
