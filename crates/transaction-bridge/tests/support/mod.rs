//! A real sandbox on loopback and clients of its simulated transaction bridge.
#![allow(dead_code, unused_imports)] // each test binary uses a part of this module

use std::sync::Arc;

use sandbox::{Sandbox, SandboxConfig, SandboxHandle, DEFAULT_PASSWORD, DEFAULT_USER};
use sap_http::{Auth, ProxyMode, Session, SessionConfig};
use transaction_bridge::{BridgeApp, CallLog, Inputs};
use url::Url;

pub use sandbox::transaction_bridge::{MATERIAL_APP, SALES_ORDER_APP, USER_ADMIN_APP};

pub async fn sandbox() -> SandboxHandle {
    Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox starts")
}

/// The session a profile would give an app: its root as base URL, Basic logon, the app's
/// service document as CSRF fetch path.
pub fn session(sandbox: &SandboxHandle, app_id: &str, password: &str) -> Session {
    let mut config =
        SessionConfig::new(Url::parse(&sandbox.transaction_bridge_url(app_id)).unwrap());
    config.auth = Some(Auth::basic(DEFAULT_USER, password));
    config.proxy = ProxyMode::None;
    config.csrf_fetch_path = String::new();
    Session::new(config).expect("session")
}

pub fn app(sandbox: &SandboxHandle, app_id: &str) -> BridgeApp {
    app_with_log(sandbox, app_id, Arc::default())
}

pub fn app_with_log(sandbox: &SandboxHandle, app_id: &str, log: Arc<CallLog>) -> BridgeApp {
    BridgeApp::new(session(sandbox, app_id, DEFAULT_PASSWORD), log).expect("app client")
}

pub fn inputs(pairs: &[(&str, &str)]) -> Inputs {
    pairs
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_string()))
        .collect()
}

/// How often the call log saw `operation`.
pub fn calls_of(log: &CallLog, operation: &str) -> usize {
    log.entries()
        .iter()
        .filter(|e| e.operation == operation)
        .count()
}
