//! One run of the program: the system, and one warm session per service, shared by every
//! command of the run (several GUIDs, or a `--file` of commands: one logon, one CSRF token).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use abapgit_agent::AgentClient;
use focused_build::FocusedBuildClient;
use profiles::ServiceKind;
use sap_http::{LogonAttempts, Session, SessionStats};

use crate::cli::{OutputArgs, SystemArgs};
use crate::exit::{CliError, CliResult};
use crate::progress::ProgressMode;
use crate::system::System;

pub struct Run {
    system_args: SystemArgs,
    system: Option<System>,
    sessions: HashMap<ServiceKind, Session>,
    /// The run's one password is sent at most until the system rejects it once, whichever
    /// service's session sends it (SAP locks users after a few failed logons).
    logon_attempts: LogonAttempts,
    pub output: OutputArgs,
    pub progress: ProgressMode,
    /// What to tell the user if Ctrl-C stops the command now (e.g. the job keeps running).
    pub interrupt_note: Arc<Mutex<Option<String>>>,
}

impl Run {
    pub fn new(system_args: SystemArgs, output: OutputArgs) -> Self {
        let progress = ProgressMode::detect(output.quiet);
        Self {
            system_args,
            system: None,
            sessions: HashMap::new(),
            logon_attempts: LogonAttempts::default(),
            output,
            progress,
            interrupt_note: Arc::default(),
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

    /// Requests and CSRF fetches of every session of this run.
    pub fn stats(&self) -> SessionStats {
        self.sessions
            .values()
            .map(Session::stats)
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
}
