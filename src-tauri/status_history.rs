//! The history of batch status changes: when, by whom, on which system, and per work item
//! from which status to which, with the result and the system's message. Kept in the store
//! (key `status_history`) like the jobs, so that the user can reopen and export a batch after
//! a restart. Only what the results table shows: no secrets.

use std::sync::{Mutex, MutexGuard};

use profiles::{DocumentStore, ProfileId};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The most recent batches kept; older ones are dropped when a new one is recorded.
pub const MAX_BATCHES: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RowResult {
    Done,
    AlreadyThere,
    Refused,
    Failed,
}

/// One work item of a batch, as its results table showed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct StatusChangeRow {
    pub guid: String,
    /// The work item's number, else its GUID.
    pub work_item: String,
    pub description: String,
    pub from_status: String,
    pub to_status: String,
    pub result: RowResult,
    /// The new status, the system's reason for a refusal, or the error.
    pub message: String,
}

/// One run of a batch (a retry of its failures is a run of its own).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct StatusBatch {
    pub id: String,
    /// RFC 3339, UTC.
    pub at: String,
    /// The SAP user the changes were made with.
    pub user: String,
    pub profile_id: ProfileId,
    /// The system's name in the app.
    pub system: String,
    pub rows: Vec<StatusChangeRow>,
}

pub struct StatusHistory {
    batches: Mutex<Vec<StatusBatch>>,
    store: Box<dyn DocumentStore>,
}

impl StatusHistory {
    /// Loads the stored batches; one that does not read is dropped with a warning, never the
    /// whole history.
    pub fn open(store: Box<dyn DocumentStore>) -> Self {
        let stored = match store.load() {
            Ok(Value::Array(items)) => items,
            Ok(Value::Null) => Vec::new(),
            Ok(_) | Err(_) => {
                tracing::warn!("the stored status change history cannot be read; it starts empty");
                Vec::new()
            }
        };
        let batches = stored
            .into_iter()
            .filter_map(|raw| match serde_json::from_value::<StatusBatch>(raw) {
                Ok(batch) => Some(batch),
                Err(error) => {
                    tracing::warn!(%error, "a stored status change batch cannot be read");
                    None
                }
            })
            .collect();
        Self {
            batches: Mutex::new(batches),
            store,
        }
    }

    /// Adds a batch (newest first) and writes the history; returns the batch as recorded.
    pub fn record(
        &self,
        profile_id: ProfileId,
        user: String,
        system: String,
        rows: Vec<StatusChangeRow>,
    ) -> Result<StatusBatch, String> {
        let at = chrono::Utc::now();
        let batch = StatusBatch {
            id: format!("{}-{}", at.timestamp_millis(), profile_id.0),
            at: at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            user,
            profile_id,
            system,
            rows,
        };
        let snapshot = {
            let mut batches = self.lock();
            batches.insert(0, batch.clone());
            batches.truncate(MAX_BATCHES);
            batches.clone()
        };
        let value = serde_json::to_value(&snapshot).map_err(|error| error.to_string())?;
        self.store.save(&value)?;
        Ok(batch)
    }

    /// Every batch, newest first.
    pub fn list(&self) -> Vec<StatusBatch> {
        self.lock().clone()
    }

    fn lock(&self) -> MutexGuard<'_, Vec<StatusBatch>> {
        self.batches
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use profiles::MemoryDocumentStore;
    use std::sync::Arc;

    struct Shared(Arc<MemoryDocumentStore>);
    impl DocumentStore for Shared {
        fn load(&self) -> Result<Value, String> {
            self.0.load()
        }
        fn save(&self, document: &Value) -> Result<(), String> {
            self.0.save(document)
        }
    }

    fn row(result: RowResult) -> StatusChangeRow {
        StatusChangeRow {
            guid: "0050568b-0000-1ee0-8000-000000000001".into(),
            work_item: "8000001402".into(),
            description: "Pricing report".into(),
            from_status: "To Be Tested (E0004)".into(),
            to_status: "In Development (E0002)".into(),
            result,
            message: "In Development (E0002)".into(),
        }
    }

    #[test]
    fn batches_are_kept_newest_first_across_a_restart() {
        let store = Arc::new(MemoryDocumentStore::default());
        let history = StatusHistory::open(Box::new(Shared(store.clone())));
        let profile = ProfileId::generate();
        history
            .record(
                profile.clone(),
                "DEVELOPER".into(),
                "Sandbox".into(),
                vec![row(RowResult::Done)],
            )
            .unwrap();
        history
            .record(
                profile,
                "DEVELOPER".into(),
                "Sandbox".into(),
                vec![row(RowResult::AlreadyThere)],
            )
            .unwrap();
        let reopened = StatusHistory::open(Box::new(Shared(store)));
        let batches = reopened.list();
        assert_eq!(batches.len(), 2);
        assert_eq!(batches[0].rows[0].result, RowResult::AlreadyThere);
        assert_eq!(batches[1].rows[0].result, RowResult::Done);
        assert_eq!(batches[0].user, "DEVELOPER");
    }

    #[test]
    fn only_the_most_recent_batches_are_kept_and_a_bad_entry_loses_nothing_else() {
        let store = Arc::new(MemoryDocumentStore::default());
        let history = StatusHistory::open(Box::new(Shared(store.clone())));
        for _ in 0..MAX_BATCHES + 5 {
            history
                .record(
                    ProfileId::generate(),
                    "U".into(),
                    "S".into(),
                    vec![row(RowResult::Refused)],
                )
                .unwrap();
        }
        assert_eq!(history.list().len(), MAX_BATCHES);
        let mut stored = store.load().unwrap();
        stored
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({"id": 7}));
        store.save(&stored).unwrap();
        assert_eq!(
            StatusHistory::open(Box::new(Shared(store))).list().len(),
            MAX_BATCHES
        );
    }
}
