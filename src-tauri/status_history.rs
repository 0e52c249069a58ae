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
    /// Stored entries this version cannot read (e.g. written by a newer one): kept verbatim
    /// and written back after the readable ones, never dropped.
    unreadable: Vec<Value>,
    /// Set when the stored history is no list at all: it is left untouched, and new batches
    /// are not recorded rather than written over it.
    unwritable: Option<String>,
    /// What was skipped at start, for the start-up notice.
    skipped: Vec<String>,
}

impl StatusHistory {
    /// Loads the stored batches. One that does not read is kept as it is (and reported); a
    /// history that is no list is not overwritten.
    pub fn open(store: Box<dyn DocumentStore>) -> Self {
        let mut unwritable = None;
        let stored = match store.load() {
            Ok(Value::Array(items)) => items,
            Ok(Value::Null) => Vec::new(),
            Ok(_) => {
                unwritable = Some("the stored status change history is not a list".to_owned());
                Vec::new()
            }
            Err(error) => {
                unwritable = Some(format!(
                    "the stored status change history cannot be read: {error}"
                ));
                Vec::new()
            }
        };
        let mut batches = Vec::new();
        let mut unreadable = Vec::new();
        let mut skipped = Vec::new();
        for (index, raw) in stored.into_iter().enumerate() {
            match serde_json::from_value::<StatusBatch>(raw.clone()) {
                Ok(batch) => batches.push(batch),
                Err(error) => {
                    skipped.push(format!("status change batch #{index}: {error}"));
                    unreadable.push(raw);
                }
            }
        }
        if let Some(reason) = &unwritable {
            tracing::warn!(%reason, "the status change history is kept untouched");
            skipped.push(format!(
                "{reason}; it is kept untouched and new batches are not recorded"
            ));
        }
        Self {
            batches: Mutex::new(batches),
            store,
            unreadable,
            unwritable,
            skipped,
        }
    }

    /// What could not be read at start (kept in the file).
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// Adds a batch (newest first) and writes the history; returns the batch as recorded.
    /// The history in memory changes only once the file holds it.
    pub fn record(
        &self,
        profile_id: ProfileId,
        user: String,
        system: String,
        rows: Vec<StatusChangeRow>,
    ) -> Result<StatusBatch, String> {
        if let Some(reason) = &self.unwritable {
            return Err(format!("{reason}, so this batch is not kept"));
        }
        let at = chrono::Utc::now();
        let batch = StatusBatch {
            id: format!("{}-{}", at.timestamp_millis(), profile_id.0),
            at: at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            user,
            profile_id,
            system,
            rows,
        };
        let mut batches = self.lock();
        let mut updated = Vec::with_capacity(MAX_BATCHES);
        updated.push(batch.clone());
        updated.extend(batches.iter().take(MAX_BATCHES - 1).cloned());
        let mut document = serde_json::to_value(&updated).map_err(|error| error.to_string())?;
        if let Value::Array(items) = &mut document {
            items.extend(self.unreadable.iter().cloned());
        }
        self.store.save(&document)?;
        *batches = updated;
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
    fn only_the_most_recent_batches_are_kept() {
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
        assert_eq!(
            StatusHistory::open(Box::new(Shared(store))).list().len(),
            MAX_BATCHES
        );
    }

    #[test]
    fn an_entry_this_version_cannot_read_is_reported_and_written_back_verbatim() {
        let store = Arc::new(MemoryDocumentStore::default());
        let future = serde_json::json!({"id": 7, "kind": "from a newer version"});
        store.save(&serde_json::json!([future.clone()])).unwrap();
        let history = StatusHistory::open(Box::new(Shared(store.clone())));
        assert_eq!(history.list().len(), 0);
        assert_eq!(history.skipped().len(), 1);
        history
            .record(
                ProfileId::generate(),
                "U".into(),
                "S".into(),
                vec![row(RowResult::Done)],
            )
            .unwrap();
        let stored = store.load().unwrap();
        let items = stored.as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[1], future,
            "the unreadable entry was not kept as it was"
        );
    }

    #[test]
    fn a_history_that_is_no_list_is_never_written_over() {
        let store = Arc::new(MemoryDocumentStore::default());
        let odd = serde_json::json!({"batches": "kept"});
        store.save(&odd).unwrap();
        let history = StatusHistory::open(Box::new(Shared(store.clone())));
        assert!(!history.skipped().is_empty());
        let refused = history
            .record(
                ProfileId::generate(),
                "U".into(),
                "S".into(),
                vec![row(RowResult::Done)],
            )
            .unwrap_err();
        assert!(refused.contains("not kept"), "{refused}");
        assert_eq!(store.load().unwrap(), odd);
        assert!(history.list().is_empty());
    }

    struct FailingStore;
    impl DocumentStore for FailingStore {
        fn load(&self) -> Result<Value, String> {
            Ok(Value::Null)
        }
        fn save(&self, _: &Value) -> Result<(), String> {
            Err("disk full".into())
        }
    }

    #[test]
    fn a_batch_that_could_not_be_written_is_not_listed_either() {
        let history = StatusHistory::open(Box::new(FailingStore));
        let error = history
            .record(
                ProfileId::generate(),
                "U".into(),
                "S".into(),
                vec![row(RowResult::Done)],
            )
            .unwrap_err();
        assert_eq!(error, "disk full");
        assert!(history.list().is_empty());
    }
}
