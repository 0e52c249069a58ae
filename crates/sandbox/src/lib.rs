//! The sandbox: a simulated SAP system served over HTTP on loopback.
//!
//! It speaks the abapGit Agent REST handler (`/sap/bc/z_abapgit_agent/*`, in the documented or
//! the as-implemented dialect) and hosts the Focused Build OData service
//! (`/sap/opu/odata/SALM/EXT_DEVOPS_INTEG_SRV/`), both behind an SAP-like logon: Basic auth,
//! `sap-client`, session cookies and CSRF tokens. Beside them, with its own authentication
//! (OAuth client credentials at `/oauth/token`, or Basic), a simulated SAP Cloud Integration
//! tenant at `/api/v1` ([`cloud_integration`]). Faults can be injected per server
//! ([`SandboxHandle::faults`], or `POST /sandbox/faults` from loopback with the token of
//! [`SandboxHandle::fault_token`]) or per logged-on request (header `x-sandbox-fault`).
//!
//! Logon: users from [`SandboxConfig::users`] (default `DEVELOPER`/`Welcome1`), clients from
//! [`SandboxConfig::clients`] (default `100`), system ID `DEV` (the seeded system's). Cookies
//! `SAP_SESSIONID_<SID>_<client>` and `sap-usercontext`; a CSRF token per session from any GET
//! with `X-CSRF-Token: fetch`.
//!
//! Faults per request: header `x-sandbox-fault: kind[=value], ...` with the kinds
//! `latency=MS`, `slow=MS` (answer after the work is done), `server-error[=5xx]`,
//! `connection-reset`, `invalid-json`, `job-not-found`, `logon-page`,
//! `session-expired[=logon-page|fresh-session]`, `csrf-expired`, `too-many-requests[=SECONDS]`,
//! `token-expired` (a Cloud Integration bearer token). Faults per server: a
//! [`FaultConfig`] as JSON, e.g.
//! `{"latency_ms":50,"jitter_ms":20,"seed":7,"csrf_expiry":{"after_requests":3},
//! "session_expiry":{"after_seconds":60,"mode":"fresh_session"},"server_error_every":5,
//! "server_error_status":503,"connection_reset_every":7,"slow_response":{"every":4,"delay_ms":2000},
//! "invalid_json_every":6,"job_not_found_every":2,"logon_page_every":9,
//! "too_many_requests_every":3,"retry_after_seconds":2,"token_expiry":{"after_requests":10}}`.
//!
//! ```no_run
//! # async fn demo() -> Result<(), sandbox::SandboxError> {
//! let sandbox = sandbox::Sandbox::start(sandbox::SandboxConfig::default()).await?;
//! println!("agent at {}", sandbox.agent_url());
//! sandbox.shutdown().await;
//! # Ok(()) }
//! ```

mod agent;
mod app;
mod clock;
pub mod cloud_integration;
mod config;
mod fault_control;
mod fault_layer;
mod faults;
pub mod focused_build;
mod jobs;
mod sap_pages;
mod server;
mod session;
mod state;
pub mod transaction_bridge;

use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use config::{
    Dialect, FaultControlAccess, SandboxConfig, DEFAULT_CLIENT, DEFAULT_PASSWORD, DEFAULT_SID,
    DEFAULT_USER,
};
pub use fault_layer::FAULT_HEADER;
pub use faults::{
    Expiry, FaultConfig, FaultConfigError, FaultControl, FaultHeaderError, SessionExpiry,
    SessionExpiryMode, SlowResponse, MAX_FAULT_DELAY,
};

/// Path of the abapGit Agent REST handler.
pub const AGENT_PATH: &str = "/sap/bc/z_abapgit_agent/";
/// Path of the Focused Build External DevOps OData service.
pub const FOCUSED_BUILD_PATH: &str = "/sap/opu/odata/SALM/EXT_DEVOPS_INTEG_SRV/";
/// Path of the fault control endpoint (loopback callers with the token only).
pub const FAULTS_PATH: &str = "/sandbox/faults";

/// Why a sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("invalid sandbox configuration: {0}")]
    Config(String),
}

/// Entry point: starts servers.
pub struct Sandbox;

impl Sandbox {
    /// Binds the listener and serves in the background until the handle is shut down or dropped.
    pub async fn start(config: SandboxConfig) -> Result<SandboxHandle, SandboxError> {
        if config.clients.is_empty() {
            return Err(SandboxError::Config("at least one client is needed".into()));
        }
        if config.users.is_empty() {
            return Err(SandboxError::Config("at least one user is needed".into()));
        }
        if !(config.job_speed.is_finite() && config.job_speed > 0.0) {
            return Err(SandboxError::Config("job_speed must be positive".into()));
        }
        config
            .faults
            .validate()
            .map_err(|error| SandboxError::Config(error.to_string()))?;
        let listener =
            TcpListener::bind(config.bind)
                .await
                .map_err(|source| SandboxError::Bind {
                    addr: config.bind,
                    source,
                })?;
        let addr = listener.local_addr().map_err(|source| SandboxError::Bind {
            addr: config.bind,
            source,
        })?;
        let state = Arc::new(state::AppState::new(config));
        // Seeding takes a moment (thousands of rows); the listener is ready before it ends.
        let seeding = state.clone();
        std::thread::spawn(move || seeding.seed());
        let app = app::build(state.clone());
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(server::serve(listener, app, stopped));
        tracing::info!(%addr, dialect = %state.config.dialect, "sandbox listening");
        Ok(SandboxHandle {
            addr,
            state,
            stop,
            task: Some(task),
        })
    }
}

/// A running sandbox. Dropping it stops the server (without waiting); prefer
/// [`SandboxHandle::shutdown`] to wait for requests in flight.
pub struct SandboxHandle {
    addr: SocketAddr,
    state: Arc<state::AppState>,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for SandboxHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxHandle")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl SandboxHandle {
    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/`
    pub fn base_url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// `http://127.0.0.1:PORT/sap/bc/z_abapgit_agent/`
    pub fn agent_url(&self) -> String {
        format!("http://{}{}", self.addr, AGENT_PATH)
    }

    /// `http://127.0.0.1:PORT/sap/opu/odata/SALM/EXT_DEVOPS_INTEG_SRV/`
    pub fn focused_build_url(&self) -> String {
        format!("http://{}{}", self.addr, FOCUSED_BUILD_PATH)
    }

    /// `http://127.0.0.1:PORT/mtb-bridge/odata/app/<app_id>/`: a transaction bridge app
    /// (see [`transaction_bridge::APPS`]).
    pub fn transaction_bridge_url(&self, app_id: &str) -> String {
        format!(
            "http://{}{}{app_id}/",
            self.addr,
            transaction_bridge::TRANSACTION_BRIDGE_PATH
        )
    }

    /// Live transaction bridge sessions.
    pub fn transaction_bridge_session_count(&self) -> usize {
        self.state.transaction_bridge.sessions.live_count()
    }

    /// The server's dialect.
    pub fn dialect(&self) -> Dialect {
        self.state.config.dialect
    }

    /// `http://127.0.0.1:PORT/api/v1`: the simulated Cloud Integration tenant's API (a
    /// service key's `url` + `/api/v1`).
    pub fn cloud_integration_url(&self) -> String {
        format!("http://{}{}", self.addr, cloud_integration::API_PATH)
    }

    /// `http://127.0.0.1:PORT/oauth/token`: the tenant's token endpoint (client credentials).
    pub fn cloud_integration_token_url(&self) -> String {
        format!("http://{}{}", self.addr, cloud_integration::TOKEN_PATH)
    }

    /// Requests to the tenant's token endpoint so far (granted or refused), to check that a
    /// client asks for one token per token lifetime.
    pub fn cloud_integration_token_requests(&self) -> u64 {
        self.state.cloud_integration.auth.token_requests()
    }

    /// Live Basic-auth sessions (`JSESSIONID`) of the tenant.
    pub fn cloud_integration_session_count(&self) -> usize {
        self.state.cloud_integration.auth.session_count()
    }

    /// The `expires_in` of access tokens issued from now on (default
    /// [`cloud_integration::DEFAULT_TOKEN_LIFETIME`]).
    pub fn set_cloud_integration_token_lifetime(&self, lifetime: std::time::Duration) {
        self.state.cloud_integration.set_token_lifetime(lifetime);
    }

    /// Runtime fault control.
    pub fn faults(&self) -> FaultControl {
        self.state.faults.clone()
    }

    /// Moves the sandbox's clock forward: idle sessions and old CSRF tokens expire as if
    /// `by` had passed (for tests, instead of waiting in real time).
    pub fn advance_clock(&self, by: std::time::Duration) {
        self.state.clock.advance(by);
    }

    /// The token `/sandbox/faults` requires (`Authorization: Bearer <token>`), unless the
    /// control was opened with [`FaultControlAccess::Open`].
    pub fn fault_token(&self) -> Option<&str> {
        self.state.config.fault_control.token()
    }

    /// Requests received on SAP paths (the fault control endpoint does not count).
    pub fn request_count(&self) -> u64 {
        self.state.request_count.load(Ordering::Relaxed)
    }

    /// Live logon sessions.
    pub fn session_count(&self) -> usize {
        self.state.sessions.live_count()
    }

    /// Puts the simulated system back to its seeded state: repositories, transports, objects,
    /// table rows, dumps, the Focused Build work items and the Cloud Integration tenant's
    /// content (packages, deployments, Partner Directory, security content; its message log
    /// follows the clock). Logon sessions, tokens, faults and the background job log stay, so
    /// connected clients keep working.
    pub fn reset(&self) {
        self.state.reset();
        tracing::info!(addr = %self.addr, "sandbox data reset to the seed");
    }

    /// Changes the simulated system directly, as a developer would in SE80 or ADT (for
    /// example [`abap_system::System::edit_source`]), outside any HTTP request.
    pub fn edit_system<R>(&self, change: impl FnOnce(&mut abap_system::System) -> R) -> R {
        change(&mut self.state.system())
    }

    /// Stops accepting connections and waits (up to a few seconds) for requests in flight.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

/// The app keeps the handle in shared state, across threads.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<SandboxHandle>();
    assert_send_sync::<FaultControl>();
};

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
