//! Small real servers on loopback for the session tests: plain HTTP (axum), HTTPS
//! (axum-server + rustls with rcgen certificates) and raw TCP for broken peers.
#![allow(dead_code)] // each test binary uses a part of this module

use std::future::Future;
use std::net::{SocketAddr, TcpListener as StdTcpListener};
use std::time::Duration;

use axum::Router;
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use sap_http::{Session, SessionConfig};
use tokio::net::{TcpListener, TcpStream};
use url::Url;

/// Serves `router` over plain HTTP on a free loopback port.
pub async fn serve_http(router: Router) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    address
}

/// Serves `router` over HTTPS with the given certificate chain and key (PEM).
pub async fn serve_https(router: Router, certificate: &ServerCertificate) -> SocketAddr {
    let config = axum_server::tls_rustls::RustlsConfig::from_pem(
        certificate.chain_pem.clone().into_bytes(),
        certificate.key_pem.clone().into_bytes(),
    )
    .await
    .expect("server TLS config");
    let listener = StdTcpListener::bind("127.0.0.1:0").expect("bind loopback");
    listener.set_nonblocking(true).expect("non-blocking");
    let address = listener.local_addr().expect("local address");
    let server = axum_server::from_tcp_rustls(listener, config).expect("TLS server");
    tokio::spawn(async move {
        let _ = server.serve(router.into_make_service()).await;
    });
    address
}

/// Accepts connections and hands each to `handle` (for peers that misbehave on purpose).
pub async fn serve_raw<F, Fut>(handle: F) -> SocketAddr
where
    F: Fn(TcpStream) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(handle(stream));
        }
    });
    address
}

/// A loopback port with nothing listening on it.
pub fn closed_port() -> u16 {
    let listener = StdTcpListener::bind("127.0.0.1:0").expect("bind loopback");
    listener.local_addr().expect("local address").port()
    // the listener is dropped here, so connections to the port are refused
}

/// A loopback port that accepts no connection: its accept queue is full and never
/// drained, so the kernel drops further SYNs and a connect attempt hangs.
pub struct UnansweredPort {
    pub port: u16,
    _listener: socket2::Socket,
    _queued: Vec<TcpStream>,
}

pub async fn unanswered_port() -> UnansweredPort {
    let listener =
        socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).expect("socket");
    let address: SocketAddr = "127.0.0.1:0".parse().expect("address");
    listener.bind(&address.into()).expect("bind loopback");
    listener.listen(0).expect("listen");
    let port = listener
        .local_addr()
        .expect("local address")
        .as_socket()
        .expect("IP address")
        .port();
    let mut queued = Vec::new();
    // Fill the queue until a connect no longer completes.
    for _ in 0..8 {
        let attempt = tokio::time::timeout(
            Duration::from_millis(200),
            TcpStream::connect(("127.0.0.1", port)),
        )
        .await;
        match attempt {
            Ok(Ok(stream)) => queued.push(stream),
            _ => break,
        }
    }
    UnansweredPort {
        port,
        _listener: listener,
        _queued: queued,
    }
}

/// A config with short limits, so a failing test fails fast.
pub fn config(base_url: &str) -> SessionConfig {
    let mut config = SessionConfig::new(Url::parse(base_url).expect("test URL"));
    config.timeout = Duration::from_secs(5);
    config.connect_timeout = Duration::from_secs(2);
    config.proxy = sap_http::ProxyMode::None;
    config
}

pub fn session(config: SessionConfig) -> Session {
    Session::new(config).expect("session")
}

/// A test certificate authority.
pub struct TestCa {
    pub pem: String,
    issuer: Issuer<'static, KeyPair>,
}

/// A server certificate chain and its private key, in PEM.
pub struct ServerCertificate {
    pub chain_pem: String,
    pub key_pem: String,
}

/// How long a server certificate is valid.
#[derive(Clone, Copy)]
pub enum Validity {
    Current,
    Expired,
    NotYetValid,
}

impl TestCa {
    pub fn new(name: &str) -> Self {
        let mut params = CertificateParams::new(Vec::new()).expect("CA params");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, name);
        let key = KeyPair::generate().expect("CA key");
        let certificate = params.self_signed(&key).expect("CA certificate");
        Self {
            pem: certificate.pem(),
            issuer: Issuer::new(params, key),
        }
    }

    /// A server certificate for `names`, signed by this CA.
    pub fn server_certificate(&self, names: &[&str], validity: Validity) -> ServerCertificate {
        let names: Vec<String> = names.iter().map(|name| name.to_string()).collect();
        let mut params = CertificateParams::new(names).expect("server params");
        match validity {
            Validity::Current => {}
            Validity::Expired => {
                params.not_before = rcgen::date_time_ymd(2020, 1, 1);
                params.not_after = rcgen::date_time_ymd(2021, 1, 1);
            }
            Validity::NotYetValid => {
                params.not_before = rcgen::date_time_ymd(2090, 1, 1);
                params.not_after = rcgen::date_time_ymd(2091, 1, 1);
            }
        }
        let key = KeyPair::generate().expect("server key");
        let certificate = params
            .signed_by(&key, &self.issuer)
            .expect("server certificate");
        ServerCertificate {
            chain_pem: certificate.pem(),
            key_pem: key.serialize_pem(),
        }
    }
}
