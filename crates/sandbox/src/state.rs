//! What one running server shares between its requests.

use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use abap_system::System;
use chrono::Timelike;

use crate::clock::Clock;
use crate::config::SandboxConfig;
use crate::faults::FaultControl;
use crate::focused_build::{FocusedBuildConfig, Service as FocusedBuildService};
use crate::jobs::JobStore;
use crate::session::SessionStore;
use crate::transaction_bridge::Bridge;

pub(crate) struct AppState {
    pub config: SandboxConfig,
    pub sessions: SessionStore,
    pub faults: FaultControl,
    pub jobs: JobStore,
    /// Seeded on first use or by [`AppState::seed`], so starting the server does not wait for it.
    system: OnceLock<Mutex<System>>,
    /// The Focused Build service's work items.
    pub focused_build: Arc<FocusedBuildService>,
    pub request_count: AtomicU64,
    /// What session and token expiry measure time with.
    pub clock: Clock,
    /// The simulated SAP Cloud Integration tenant (`/api/v1`, `/oauth/token`).
    pub cloud_integration: crate::cloud_integration::Tenant,
    /// The simulated mobile transaction bridge: its sessions and back end.
    pub transaction_bridge: Bridge,
}

impl AppState {
    pub(crate) fn new(config: SandboxConfig) -> Self {
        let work_items = config.work_items;
        let clock = Clock::default();
        let transaction_bridge = Bridge::new(config.transaction_bridge.clone(), &config.users);
        Self {
            cloud_integration: crate::cloud_integration::Tenant::seeded(clock.epoch_ms()),
            faults: FaultControl::new(config.faults.clone()),
            config,
            sessions: SessionStore::default(),
            jobs: JobStore::default(),
            system: OnceLock::new(),
            focused_build: Arc::new(FocusedBuildService::seeded(
                FocusedBuildConfig::default(),
                work_items,
            )),
            request_count: AtomicU64::new(0),
            clock,
            transaction_bridge,
        }
    }

    /// Puts the simulated system and the work items back to their seeded state. Sessions,
    /// faults and the background job log stay.
    pub(crate) fn reset(&self) {
        *self.system() = seeded_system();
        self.focused_build.reset();
        self.cloud_integration.reset(self.clock.epoch_ms());
        self.transaction_bridge.reset();
    }

    /// The simulated system. Handlers hold the lock only for their synchronous work.
    pub(crate) fn system(&self) -> MutexGuard<'_, System> {
        // A handler cannot leave the system half-changed: System methods validate before mutating.
        self.system
            .get_or_init(|| Mutex::new(seeded_system()))
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// Seeds the system if no request has yet (a request meanwhile waits for the same seed).
    pub(crate) fn seed(&self) {
        drop(self.system());
    }
}

/// The demo system seeded around "now", so that "the last 7 days" of dumps is never empty.
/// Whole seconds, like ABAP timestamps, so second-precise filters match exactly.
fn seeded_system() -> System {
    let now = chrono::Utc::now().naive_utc();
    System::seeded_at(now.with_nanosecond(0).unwrap_or(now))
}
