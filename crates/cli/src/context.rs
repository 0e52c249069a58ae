//! One run of the program: the system, and one warm session per service (per app for the
//! transaction bridge), shared by every command of the run (several GUIDs, or a `--file` of
//! commands: one logon, one CSRF token or OAuth token, one bridge session per app).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use abapgit_agent::AgentClient;
use cloud_integration::CloudIntegrationClient;
use focused_build::FocusedBuildClient;
use profiles::ServiceKind;
use sap_http::{LogonAttempts, Session, SessionStats};
use transaction_bridge::mass_run::StopSignal;
use transaction_bridge::{app_url, BridgeApp, CallLog};

use crate::cli::{OutputArgs, SystemArgs};
use crate::exit::{CliError, CliResult};
use crate::progress::ProgressMode;
use crate::system::System;

/// How long `Logout` of a bridge app may take at the end of a run.
const LOGOUT_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

pub struct Run {
    system_args: SystemArgs,
    system: Option<System>,
    sessions: HashMap<ServiceKind, Session>,
    /// Transaction bridge apps, each on a session of its own (its own `mtbsession_<app>`
    /// cookie, `Login` and `Logout`), as in the app.
    bridge_apps: HashMap<String, Arc<BridgeApp>>,
    bridge_log: Arc<CallLog>,
    /// The run's one password is sent at most until the system rejects it once, whichever
    /// service's session sends it (SAP locks users after a few failed logons).
    logon_attempts: LogonAttempts,
    pub output: OutputArgs,
    pub progress: ProgressMode,
    /// What to tell the user if Ctrl-C stops the command now (e.g. the job keeps running).
    pub interrupt_note: Arc<Mutex<Option<String>>>,
    /// Set while a command can stop between two steps (a mass run between rows): the first
    /// Ctrl-C asks it to, the second stops it at once.
    pub graceful_stop: Arc<Mutex<Option<StopSignal>>>,
}

impl Run {
    pub fn new(system_args: SystemArgs, output: OutputArgs) -> Self {
        let progress = ProgressMode::detect(output.quiet);
        Self {
            system_args,
            system: None,
            sessions: HashMap::new(),
            bridge_apps: HashMap::new(),
            bridge_log: Arc::default(),
            logon_attempts: LogonAttempts::default(),
            output,
            progress,
            interrupt_note: Arc::default(),
            graceful_stop: Arc::default(),
        }
    }

    pub fn system_args(&self) -> &SystemArgs {
        &self.system_args
    }

    /// The run's system, resolved on first use (`systems` needs none).
    pub fn system(&mut self) -> CliResult<&mut System> {
        if self.system.is_none() {
            self.system = Some(System::resolve(&self.system_args)?);
        }
        self.system
            .as_mut()
            .ok_or_else(|| CliError::usage("no system"))
    }

    /// The warm session for `kind`, opened on first use.
    pub fn session(&mut self, kind: ServiceKind) -> CliResult<Session> {
        if let Some(session) = self.sessions.get(&kind) {
            return Ok(session.clone());
        }
        let config = self.system()?.session_config(kind)?;
        let session = Session::with_logon_attempts(config, self.logon_attempts.clone())?;
        self.sessions.insert(kind, session.clone());
        Ok(session)
    }

    /// A fresh session for `kind`, replacing the warm one (`adesk test` checks a new logon).
    pub fn fresh_session(&mut self, kind: ServiceKind) -> CliResult<Session> {
        self.sessions.remove(&kind);
        self.session(kind)
    }

    pub fn agent(&mut self) -> CliResult<AgentClient> {
        Ok(AgentClient::new(self.session(ServiceKind::AbapgitAgent)?))
    }

    pub fn focused_build(&mut self) -> CliResult<FocusedBuildClient> {
        Ok(FocusedBuildClient::new(
            self.session(ServiceKind::FocusedBuild)?,
        ))
    }

    pub fn cloud_integration(&mut self) -> CliResult<CloudIntegrationClient> {
        Ok(CloudIntegrationClient::new(
            self.session(ServiceKind::CloudIntegration)?,
        ))
    }

    /// The bridge app `app_id`, opened on first use on a session of its own whose base URL
    /// is the app's root below the system's bridge root.
    pub fn bridge_app(&mut self, app_id: &str) -> CliResult<Arc<BridgeApp>> {
        let key = app_id.trim().to_owned();
        if let Some(app) = self.bridge_apps.get(&key) {
            return Ok(app.clone());
        }
        let mut config = self
            .system()?
            .session_config(ServiceKind::TransactionBridge)?;
        config.base_url = app_url(&config.base_url, &key)?;
        // The app's service document: every OData V4 service answers it.
        config.csrf_fetch_path = String::new();
        let session = Session::with_logon_attempts(config, self.logon_attempts.clone())?;
        let app = Arc::new(BridgeApp::new(session, self.bridge_log.clone())?);
        self.bridge_apps.insert(key, app.clone());
        Ok(app)
    }

    /// `Logout` on every bridge app with an open bridge session: the SAP GUI sessions behind
    /// them end now instead of at the bridge's idle timeout. Bounded: a bridge that does not
    /// answer does not hold the pipeline.
    pub async fn log_off_bridges(&self) {
        for app in self.bridge_apps.values().filter(|app| app.is_logged_on()) {
            match tokio::time::timeout(LOGOUT_WAIT, app.logout()).await {
                Ok(Ok(())) => {}
                Ok(Err(error)) => {
                    tracing::warn!(app = app.app_id(), %error, "bridge logout failed")
                }
                Err(_) => {
                    tracing::warn!(app = app.app_id(), "bridge logout did not answer in time")
                }
            }
        }
    }

    /// Requests and CSRF fetches of every session of this run.
    pub fn stats(&self) -> SessionStats {
        self.sessions
            .values()
            .cloned()
            .chain(self.bridge_apps.values().map(|app| app.session().clone()))
            .map(|session| session.stats())
            .fold(SessionStats::default(), |sum, s| SessionStats {
                requests: sum.requests + s.requests,
                csrf_fetches: sum.csrf_fetches + s.csrf_fetches,
                token_requests: sum.token_requests + s.token_requests,
            })
    }

    pub fn set_interrupt_note(&self, note: Option<String>) {
        *self
            .interrupt_note
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = note;
    }

    pub fn set_graceful_stop(&self, stop: Option<StopSignal>) {
        *self
            .graceful_stop
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = stop;
    }
}
