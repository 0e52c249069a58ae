//! The app's non-secret state on disk, through tauri-plugin-store: one JSON file with a key
//! per document (`profiles`, `jobs`, `sandbox`).

use std::path::PathBuf;
use std::sync::Arc;

use profiles::DocumentStore;
use serde_json::Value;
use tauri::{AppHandle, Runtime};
use tauri_plugin_store::{Store, StoreExt};

/// File name under the app data folder (`~/.local/share/<identifier>/` on Linux).
pub const STORE_FILE: &str = "agent-desk.json";

pub const PROFILES_KEY: &str = "profiles";
pub const JOBS_KEY: &str = "jobs";
pub const SANDBOX_KEY: &str = "sandbox";

/// One key of the store file, saved to disk on every write.
pub struct StoreDocument<R: Runtime> {
    store: Arc<Store<R>>,
    key: &'static str,
}

impl<R: Runtime> StoreDocument<R> {
    pub fn new(store: Arc<Store<R>>, key: &'static str) -> Self {
        Self { store, key }
    }
}

impl<R: Runtime> DocumentStore for StoreDocument<R> {
    fn load(&self) -> Result<Value, String> {
        Ok(self.store.get(self.key).unwrap_or(Value::Null))
    }

    fn save(&self, document: &Value) -> Result<(), String> {
        self.store.set(self.key, document.clone());
        self.store.save().map_err(|error| error.to_string())
    }
}

/// Opens (or creates) the store file. `path` overrides the default location (tests use an
/// absolute temp path).
pub fn open_store<R: Runtime>(
    app: &AppHandle<R>,
    path: Option<PathBuf>,
) -> Result<Arc<Store<R>>, String> {
    let path = path.unwrap_or_else(|| PathBuf::from(STORE_FILE));
    app.store(path).map_err(|error| error.to_string())
}
