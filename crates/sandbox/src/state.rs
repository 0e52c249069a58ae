//! What one running server shares between its requests.

use std::sync::atomic::AtomicU64;
use std::sync::{Mutex, MutexGuard};

use abap_system::System;
use chrono::Timelike;

use crate::config::SandboxConfig;
use crate::faults::FaultControl;
use crate::jobs::JobStore;
use crate::session::SessionStore;

pub(crate) struct AppState {
    pub config: SandboxConfig,
    pub sessions: SessionStore,
    pub faults: FaultControl,
    pub jobs: JobStore,
    system: Mutex<System>,
    pub request_count: AtomicU64,
}

impl AppState {
    pub(crate) fn new(config: SandboxConfig) -> Self {
        // Seeded around "now" so that "the last 7 days" of dumps is never empty.
        // Whole seconds, like ABAP timestamps, so second-precise filters match exactly.
        let now = chrono::Utc::now().naive_utc();
        let now = now.with_nanosecond(0).unwrap_or(now);
        let system = System::seeded_at(now);
        Self {
            faults: FaultControl::new(config.faults.clone()),
            config,
            sessions: SessionStore::default(),
            jobs: JobStore::default(),
            system: Mutex::new(system),
            request_count: AtomicU64::new(0),
        }
    }

    /// The simulated system. Handlers hold the lock only for their synchronous work.
    pub(crate) fn system(&self) -> MutexGuard<'_, System> {
        // A handler cannot leave the system half-changed: System methods validate before mutating.
        self.system
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}
