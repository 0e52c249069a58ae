//! The app's side of the transaction bridge: one [`BridgeApp`] per (system, app) on a session
//! of its own, one call log per system, the mass runs (journals in the app data folder, one
//! per run) and the input variants kept in the store file. The protocol lives in the
//! `transaction-bridge` crate; this module only holds and finds things.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use profiles::{DocumentStore, ProfileBook, ProfileId, ServiceKind};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use transaction_bridge::mass_run::{MassRow, MassRun, MassRunSummary, StopSignal};
use transaction_bridge::{app_url, BridgeApp, CallLog, Inputs};

use crate::error::AppError;
use crate::state::SessionPool;

/// Where the mass runs' journals live, below the app data folder.
pub const MASS_RUNS_FOLDER: &str = "mass-runs";
/// How long quitting waits for the bridges' `Logout` answers.
pub const LOGOUT_ON_QUIT: Duration = Duration::from_secs(3);

/// A named set of inputs for one operation, like a SAP GUI variant. Kept in the store file
/// with the system; never a secret (the app stores only what the user typed as input).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct InputVariant {
    pub name: String,
    /// Text per parameter name, as in the form.
    pub inputs: Inputs,
}

/// The variants document: system → `app/operation` → variants.
type VariantsDocument = BTreeMap<String, BTreeMap<String, Vec<InputVariant>>>;

/// One mass run the app knows in this session. The run itself is held by its job while it
/// runs; `view` is what the UI reads meanwhile, updated row by row.
pub struct RunSlot {
    pub run: Arc<tokio::sync::Mutex<MassRun>>,
    pub stop: StopSignal,
    pub view: Mutex<RunView>,
}

/// The rows as the UI sees them.
#[derive(Debug, Clone)]
pub struct RunView {
    pub app_id: String,
    pub operation: String,
    pub columns: Vec<String>,
    pub rows: Vec<MassRow>,
    pub stopped: Option<String>,
}

impl RunView {
    pub fn of(run: &MassRun) -> Self {
        Self {
            app_id: run.app_id().to_owned(),
            operation: run.operation().to_owned(),
            columns: run.columns().to_vec(),
            rows: run.rows().to_vec(),
            stopped: run.summary().stopped,
        }
    }

    pub fn summary(&self) -> MassRunSummary {
        MassRunSummary::of(&self.rows, self.stopped.clone())
    }

    /// One row changed (as the run reported it).
    pub fn update(&mut self, row: &MassRow) {
        if let Some(slot) = usize::try_from(row.number)
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|index| self.rows.get_mut(index))
        {
            *slot = row.clone();
        }
    }
}

impl RunSlot {
    fn new(run: MassRun) -> Self {
        Self {
            view: Mutex::new(RunView::of(&run)),
            run: Arc::new(tokio::sync::Mutex::new(run)),
            stop: StopSignal::default(),
        }
    }

    pub fn view(&self) -> MutexGuard<'_, RunView> {
        lock(&self.view)
    }

    /// After a change made with the run in hand (retry, edit, the end of a run).
    pub fn refresh(&self, run: &MassRun) {
        *lock(&self.view) = RunView::of(run);
    }
}

struct AppEntry {
    generation: u64,
    app: Arc<BridgeApp>,
}

pub struct BridgeHub {
    apps: Mutex<HashMap<(ProfileId, String), AppEntry>>,
    logs: Mutex<HashMap<ProfileId, Arc<CallLog>>>,
    runs: Mutex<HashMap<String, Arc<RunSlot>>>,
    runs_dir: PathBuf,
    variants: Box<dyn DocumentStore>,
    variants_lock: Mutex<()>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl BridgeHub {
    pub fn new(runs_dir: PathBuf, variants: Box<dyn DocumentStore>) -> Self {
        Self {
            apps: Mutex::default(),
            logs: Mutex::default(),
            runs: Mutex::default(),
            runs_dir,
            variants,
            variants_lock: Mutex::default(),
        }
    }

    /// The system's call log (shared by its apps).
    pub fn call_log(&self, profile_id: &ProfileId) -> Arc<CallLog> {
        lock(&self.logs)
            .entry(profile_id.clone())
            .or_default()
            .clone()
    }

    /// The app's client, opened on first use on a session of its own (base URL: the app's
    /// root below the profile's bridge root). A session the pool dropped or reopened since
    /// (disconnect, new password) gives a new client.
    pub fn app(
        &self,
        sessions: &SessionPool,
        book: &ProfileBook,
        profile_id: &ProfileId,
        app_id: &str,
    ) -> Result<Arc<BridgeApp>, AppError> {
        let profile = book.get(profile_id)?;
        if profile.settings.service_kind != ServiceKind::TransactionBridge {
            return Err(AppError::not_found(
                "service",
                format!(
                    "{} is not a transaction bridge system",
                    profile.settings.display_name
                ),
            ));
        }
        let key = (profile_id.clone(), app_id.trim().to_owned());
        let generation = sessions.generation(profile_id);
        if let Some(entry) = lock(&self.apps).get(&key) {
            if entry.generation == generation {
                return Ok(entry.app.clone());
            }
        }
        let session = sessions.open_service_session(book, profile_id, |config| {
            config.base_url = app_url(&config.base_url, app_id)?;
            // The app's service document: every OData V4 service answers it.
            config.csrf_fetch_path = String::new();
            Ok(())
        })?;
        let app = Arc::new(BridgeApp::new(session, self.call_log(profile_id))?);
        let mut apps = lock(&self.apps);
        let entry = apps.entry(key).or_insert_with(|| AppEntry {
            generation,
            app: app.clone(),
        });
        if entry.generation != generation {
            *entry = AppEntry { generation, app };
        }
        Ok(entry.app.clone())
    }

    /// The apps with an open client of this system (all systems for `None`).
    pub fn open_apps(&self, profile_id: Option<&ProfileId>) -> Vec<Arc<BridgeApp>> {
        lock(&self.apps)
            .iter()
            .filter(|((id, _), _)| profile_id.is_none_or(|p| p == id))
            .map(|(_, entry)| entry.app.clone())
            .collect()
    }

    /// The user's Cancel: stops the calls running on every app's session now. An action cut
    /// off this way is reported as "outcome unknown" (it may have run).
    pub fn cancel_in_flight(&self) -> u32 {
        let apps = self.open_apps(None);
        for app in &apps {
            app.session().cancel_in_flight();
        }
        u32::try_from(apps.len()).unwrap_or(u32::MAX)
    }

    /// `Logout` on every app with an open bridge session (quitting the app).
    pub async fn logout_all(&self) {
        self.logout(None).await;
    }

    /// `Logout` on the apps of one system (all systems for `None`) that have a bridge session:
    /// the GUI sessions behind them end now instead of at the bridge's idle timeout.
    pub async fn logout(&self, profile_id: Option<&ProfileId>) {
        for app in self.open_apps(profile_id) {
            if app.is_logged_on() {
                if let Err(error) = app.logout().await {
                    tracing::warn!(app = app.app_id(), %error, "bridge logout failed");
                }
            }
        }
    }

    /// The journal of run `run_id`.
    pub fn journal_path(&self, run_id: &str) -> Result<PathBuf, AppError> {
        // The id is ours (hex), but it also comes back from the UI: no path in it.
        if run_id.is_empty() || !run_id.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(AppError::not_found(
                "mass run",
                format!("no mass run {run_id}"),
            ));
        }
        Ok(self.runs_dir.join(format!("{run_id}.jsonl")))
    }

    pub fn runs_dir(&self) -> &Path {
        &self.runs_dir
    }

    pub fn add_run(&self, run_id: &str, run: MassRun) -> Arc<RunSlot> {
        let slot = Arc::new(RunSlot::new(run));
        lock(&self.runs).insert(run_id.to_owned(), slot.clone());
        slot
    }

    /// The run, opened from its journal when this session has not seen it yet (after a restart).
    pub fn run(&self, run_id: &str) -> Result<Arc<RunSlot>, AppError> {
        if let Some(slot) = lock(&self.runs).get(run_id) {
            return Ok(slot.clone());
        }
        let path = self.journal_path(run_id)?;
        if !path.is_file() {
            return Err(AppError::not_found(
                "mass run",
                format!("no journal for mass run {run_id}"),
            ));
        }
        let run = MassRun::open(&path).map_err(crate::error::mass_run_error)?;
        let mut runs = lock(&self.runs);
        Ok(runs
            .entry(run_id.to_owned())
            .or_insert_with(|| Arc::new(RunSlot::new(run)))
            .clone())
    }

    /// The variants of one operation, by name.
    pub fn variants(
        &self,
        profile_id: &ProfileId,
        app_id: &str,
        operation: &str,
    ) -> Vec<InputVariant> {
        let document = self.load_variants();
        document
            .get(profile_id.as_str())
            .and_then(|ops| ops.get(&variant_key(app_id, operation)))
            .cloned()
            .unwrap_or_default()
    }

    /// Changes the variants of one operation and saves them; answers the new list.
    pub fn change_variants(
        &self,
        profile_id: &ProfileId,
        app_id: &str,
        operation: &str,
        change: impl FnOnce(&mut Vec<InputVariant>),
    ) -> Result<Vec<InputVariant>, AppError> {
        let _writing = lock(&self.variants_lock);
        // Never written over when unreadable: the user's variants stay in the file.
        let mut document = self.try_load_variants()?;
        let list = document
            .entry(profile_id.to_string())
            .or_default()
            .entry(variant_key(app_id, operation))
            .or_default();
        change(list);
        list.sort_by_key(|a| a.name.to_lowercase());
        let answer = list.clone();
        let value =
            serde_json::to_value(&document).map_err(|e| AppError::storage(e.to_string()))?;
        self.variants.save(&value).map_err(AppError::storage)?;
        Ok(answer)
    }

    fn load_variants(&self) -> VariantsDocument {
        self.try_load_variants().unwrap_or_else(|error| {
            tracing::warn!(%error, "the stored input variants cannot be read");
            VariantsDocument::new()
        })
    }

    fn try_load_variants(&self) -> Result<VariantsDocument, AppError> {
        match self.variants.load().map_err(AppError::storage)? {
            Value::Null => Ok(VariantsDocument::new()),
            value => serde_json::from_value(value).map_err(|error| {
                AppError::storage(format!("the stored input variants cannot be read: {error}"))
            }),
        }
    }
}

fn variant_key(app_id: &str, operation: &str) -> String {
    format!("{}/{}", app_id.trim(), operation.trim())
}
