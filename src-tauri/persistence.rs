//! The app's non-secret state on disk: one JSON file with a key per document (`profiles`,
//! `jobs`, `sandbox`), handled by `profiles::StoreFile` (atomic writes, backup, damaged files
//! kept aside, read-only when too new or held by another instance), and what the window is told
//! about it at start ([`StoreStatus`]).

use std::path::Path;
use std::sync::Mutex;

use profiles::{LoadOutcome, StoreFile};
use serde::Serialize;

/// File name under the app data folder (`~/.local/share/<identifier>/` on Linux).
pub const STORE_FILE: &str = "agent-desk.json";

pub const PROFILES_KEY: &str = "profiles";
pub const JOBS_KEY: &str = "jobs";
pub const SANDBOX_KEY: &str = "sandbox";
pub const STATUS_HISTORY_KEY: &str = "status_history";
/// Transaction bridge input variants, per system and operation.
pub const BRIDGE_VARIANTS_KEY: &str = "bridge_variants";

/// Why the app cannot use its store file at all: the window shows an error screen instead of
/// the app, and nothing is written.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum StoreBlocked {
    /// Written by a newer Agent Desk (its schema version).
    TooNew { version: u32 },
    /// Another Agent Desk is running on the same data folder.
    Locked,
    /// The file is JSON but its profiles cannot be read at all.
    Unreadable { message: String },
}

/// The store file as found at start, for the window's notice.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct StoreStatus {
    /// The store file's path.
    pub path: String,
    pub blocked: Option<StoreBlocked>,
    /// The file did not parse: kept at `kept_path`, the app started without it.
    pub damaged: Option<DamagedStore>,
    /// Stored profiles and jobs this version could not read (kept in the file untouched).
    pub skipped: Vec<String>,
    /// Path of the previous version, when one exists to be restored.
    pub backup_path: Option<String>,
    /// A backup was restored in this session: the app must start again to use it.
    pub restored: bool,
}

#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct DamagedStore {
    pub kept_path: String,
    pub reason: String,
}

impl StoreStatus {
    pub fn from_outcome(file: &StoreFile, outcome: &LoadOutcome) -> Self {
        let (blocked, damaged) = match outcome {
            LoadOutcome::Missing | LoadOutcome::Loaded => (None, None),
            LoadOutcome::TooNew { version } => (
                Some(StoreBlocked::TooNew {
                    version: u32::try_from(*version).unwrap_or(u32::MAX),
                }),
                None,
            ),
            LoadOutcome::Locked => (Some(StoreBlocked::Locked), None),
            LoadOutcome::Damaged {
                quarantined_path,
                reason,
            } => (
                None,
                Some(DamagedStore {
                    kept_path: display(quarantined_path),
                    reason: reason.clone(),
                }),
            ),
        };
        Self {
            path: display(file.path()),
            blocked,
            damaged,
            skipped: Vec::new(),
            backup_path: None,
            restored: false,
        }
    }
}

/// The store file and what was found in it, managed as Tauri state.
pub struct AppStore {
    pub file: std::sync::Arc<StoreFile>,
    pub status: Mutex<StoreStatus>,
}

impl AppStore {
    /// The status found at start, with the backup as it is now (the first save writes it).
    pub fn status(&self) -> StoreStatus {
        let mut status = self
            .status
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        let backup = self.file.backup_path();
        status.backup_path =
            (status.blocked.is_none() && backup.is_file()).then(|| display(&backup));
        status
    }

    pub fn update(&self, change: impl FnOnce(&mut StoreStatus)) {
        change(
            &mut self
                .status
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        );
    }
}

pub fn display(path: &Path) -> String {
    path.display().to_string()
}
