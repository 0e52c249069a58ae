//! Certificate checking against real rustls servers on loopback, with certificates
//! made by rcgen for each test.

mod support;

use axum::routing::get;
use axum::Router;
use sap_http::{CertificateProblem, NetworkPhase, SapError, Session, SessionConfig};
use support::{TestCa, Validity};

fn hello() -> Router {
    Router::new().route("/svc/ping", get(|| async { "pong" }))
}

/// An HTTPS server for `names`, signed by a fresh CA, and that CA.
async fn https_server(names: &[&str], validity: Validity) -> (u16, TestCa) {
    let ca = TestCa::new("Agent Desk Test CA");
    let certificate = ca.server_certificate(names, validity);
    let address = support::serve_https(hello(), &certificate).await;
    (address.port(), ca)
}

fn config(port: u16) -> SessionConfig {
    support::config(&format!("https://localhost:{port}/svc/"))
}

async fn ping(config: SessionConfig) -> Result<String, SapError> {
    let session = Session::new(config)?;
    let response = session.get("ping", &[]).await?;
    Ok(response.text())
}

fn certificate_problem(result: Result<String, SapError>) -> (CertificateProblem, String) {
    match result {
        Err(SapError::Network {
            phase: NetworkPhase::TlsHandshake,
            certificate: Some(problem),
            message,
        }) => (problem, message),
        other => panic!("expected a certificate problem, got {other:?}"),
    }
}

#[tokio::test]
async fn an_unknown_ca_is_reported_as_unknown_issuer() {
    let (port, _ca) = https_server(&["localhost"], Validity::Current).await;
    let (problem, message) = certificate_problem(ping(config(port)).await);
    assert_eq!(problem, CertificateProblem::UnknownIssuer);
    assert!(
        message.contains("signed by an unknown authority"),
        "{message}"
    );
}

#[tokio::test]
async fn the_same_server_is_trusted_with_its_ca_as_extra_pem() {
    let (port, ca) = https_server(&["localhost"], Validity::Current).await;
    let mut config = config(port);
    config.tls.extra_ca_pem = Some(ca.pem.into_bytes());
    assert_eq!(ping(config).await.unwrap(), "pong");
}

#[tokio::test]
async fn a_bundle_of_several_cas_is_accepted() {
    let (port, ca) = https_server(&["localhost"], Validity::Current).await;
    let unrelated = TestCa::new("Unrelated CA");
    let mut config = config(port);
    config.tls.extra_ca_pem = Some(format!("{}\n{}", unrelated.pem, ca.pem).into_bytes());
    assert_eq!(ping(config).await.unwrap(), "pong");
}

#[tokio::test]
async fn accept_invalid_certs_connects_to_an_untrusted_server() {
    let (port, _ca) = https_server(&["another.example"], Validity::Expired).await;
    let mut config = config(port);
    config.tls.accept_invalid_certs = true;
    assert_eq!(ping(config).await.unwrap(), "pong");
}

#[tokio::test]
async fn a_certificate_for_another_host_is_a_name_mismatch() {
    let (port, ca) = https_server(&["erp.other.example"], Validity::Current).await;
    let mut config = config(port);
    config.tls.extra_ca_pem = Some(ca.pem.into_bytes());
    let (problem, message) = certificate_problem(ping(config).await);
    assert_eq!(problem, CertificateProblem::NameMismatch);
    assert!(message.contains("localhost"), "{message}");
}

#[tokio::test]
async fn an_expired_certificate_is_reported_as_expired() {
    let (port, ca) = https_server(&["localhost"], Validity::Expired).await;
    let mut config = config(port);
    config.tls.extra_ca_pem = Some(ca.pem.into_bytes());
    let (problem, message) = certificate_problem(ping(config).await);
    assert_eq!(problem, CertificateProblem::Expired);
    assert_eq!(message, "the server's certificate has expired");
}

#[tokio::test]
async fn a_future_certificate_is_reported_as_not_yet_valid() {
    let (port, ca) = https_server(&["localhost"], Validity::NotYetValid).await;
    let mut config = config(port);
    config.tls.extra_ca_pem = Some(ca.pem.into_bytes());
    let (problem, _) = certificate_problem(ping(config).await);
    assert_eq!(problem, CertificateProblem::NotYetValid);
}

#[tokio::test]
async fn https_to_a_plain_http_port_says_so() {
    let address = support::serve_http(hello()).await;
    let result = ping(support::config(&format!(
        "https://127.0.0.1:{}/svc/",
        address.port()
    )))
    .await;
    match result {
        Err(SapError::Network {
            phase: NetworkPhase::TlsHandshake,
            certificate: None,
            message,
        }) => assert!(message.contains("does not answer in TLS"), "{message}"),
        other => panic!("expected a TLS handshake failure, got {other:?}"),
    }
}

#[test]
fn unreadable_extra_ca_pem_is_a_config_error() {
    let broken_base64 =
        b"-----BEGIN CERTIFICATE-----\n!!!not base64!!!\n-----END CERTIFICATE-----\n".to_vec();
    let not_a_certificate =
        b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".to_vec();
    for pem in [
        b"just some text".to_vec(),
        Vec::new(),
        broken_base64,
        not_a_certificate,
    ] {
        let mut config = config(443);
        config.tls.extra_ca_pem = Some(pem.clone());
        match Session::new(config) {
            Err(SapError::Config { field, message }) => {
                assert_eq!(field, "tls.extra_ca_pem");
                assert!(!message.is_empty());
            }
            Err(other) => panic!("expected Config for {pem:?}, got {other:?}"),
            Ok(_) => panic!("expected Config for {pem:?}, got a session"),
        }
    }
}
