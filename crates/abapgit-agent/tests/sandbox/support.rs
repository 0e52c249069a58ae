use std::time::Duration;

use abapgit_agent::{session_config, AgentClient, JobOptions};
use sandbox::{Dialect, FaultConfig, Sandbox, SandboxConfig, SandboxHandle};
use sap_http::{Auth, Credentials, ProxyMode, Secret, Session, SessionConfig};
use url::Url;

pub const DIALECTS: [Dialect; 2] = [Dialect::AsImplemented, Dialect::Documented];

pub struct Fixture {
    pub sandbox: SandboxHandle,
    pub client: AgentClient,
}

impl Fixture {
    /// Requests the sandbox received so far.
    pub fn requests(&self) -> u64 {
        self.sandbox.request_count()
    }

    pub fn faults(&self, config: FaultConfig) {
        self.sandbox.faults().set(config);
    }
}

pub async fn start(dialect: Dialect) -> Fixture {
    start_with(
        SandboxConfig {
            dialect,
            job_speed: 20.0,
            ..SandboxConfig::default()
        },
        |_| {},
    )
    .await
}

pub async fn start_with(config: SandboxConfig, tweak: impl FnOnce(&mut SessionConfig)) -> Fixture {
    let sandbox = Sandbox::start(config).await.expect("sandbox starts");
    let system = Url::parse(&sandbox.base_url()).expect("sandbox URL");
    let mut session = session_config(&system);
    session.auth = Some(Auth::Basic(Credentials {
        user: sandbox::DEFAULT_USER.into(),
        password: Secret::new(sandbox::DEFAULT_PASSWORD),
    }));
    session.sap_client = Some(sandbox::DEFAULT_CLIENT.into());
    session.sap_language = Some("EN".into());
    session.proxy = ProxyMode::None;
    tweak(&mut session);
    let session = Session::new(session).expect("session");
    let client = AgentClient::new(session).with_job_options(fast_jobs());
    Fixture { sandbox, client }
}

/// Short polls so job tests take milliseconds, not seconds.
pub fn fast_jobs() -> JobOptions {
    JobOptions {
        poll_interval: Duration::from_millis(20),
        timeout: Duration::from_secs(30),
        max_consecutive_failures: 3,
    }
}

/// The `message` of a `SapError::Sap`, or a panic naming what came instead.
pub fn sap_message<T: std::fmt::Debug>(result: Result<T, sap_http::SapError>) -> (u16, String) {
    match result {
        Err(sap_http::SapError::Sap {
            status, message, ..
        }) => (status, message),
        other => panic!("expected SapError::Sap, got {other:?}"),
    }
}
