//! A real sandbox on loopback and clients of its simulated Cloud Integration tenant.
#![allow(dead_code)] // each test binary uses a part of this module

use std::time::Duration;

use cloud_integration::{CloudIntegrationClient, RuntimeArtifact, RuntimeFilter, WaitOptions};
use sandbox::cloud_integration::{DEMO_PASSWORD, DEMO_USER};
use sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use sap_http::{Auth, Credentials, ProxyMode, Secret, Session, SessionConfig};
use url::Url;

pub struct Fixture {
    pub sandbox: SandboxHandle,
    pub client: CloudIntegrationClient,
}

pub async fn start() -> Fixture {
    start_with(SandboxConfig::default()).await
}

pub async fn start_with(config: SandboxConfig) -> Fixture {
    let sandbox = Sandbox::start(config).await.expect("sandbox starts");
    let client = basic_client(&sandbox);
    Fixture { sandbox, client }
}

pub fn api_config(sandbox: &SandboxHandle) -> SessionConfig {
    let base_url = Url::parse(&format!("{}/", sandbox.cloud_integration_url())).expect("URL");
    let mut config = SessionConfig::new(base_url);
    config.proxy = ProxyMode::None;
    config.csrf_fetch_path = String::new();
    config
}

/// A client with its own Basic session (cookies and CSRF token).
pub fn basic_client(sandbox: &SandboxHandle) -> CloudIntegrationClient {
    let mut config = api_config(sandbox);
    config.auth = Some(Auth::Basic(Credentials {
        user: DEMO_USER.into(),
        password: Secret::new(DEMO_PASSWORD),
    }));
    CloudIntegrationClient::new(Session::new(config).expect("session"))
}

/// Polls quickly: the tests wait for the tenant's clock, not for a user.
pub fn quick_wait() -> WaitOptions {
    WaitOptions {
        poll_interval: Duration::from_millis(100),
        timeout: Duration::from_secs(90),
        max_consecutive_failures: 3,
    }
}

impl Fixture {
    /// The deployed artifacts in a status.
    pub async fn deployed(&self, status: &str) -> Vec<RuntimeArtifact> {
        self.client
            .runtime_artifacts(&RuntimeFilter {
                statuses: vec![status.into()],
                name: None,
            })
            .await
            .expect("runtime artifacts")
    }
}

/// Waits until `check` holds, polling; panics with `what` after 30 s.
pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while std::time::Instant::now() < deadline {
        if check().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("not within 30 s: {what}");
}
