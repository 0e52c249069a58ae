//! Long-running work owned by the app, not by a page: a job runs in a spawned task, reports
//! progress to any number of `Channel<JobEvent>` watchers, can be cancelled, and is remembered
//! in the store so that a job the server still runs can be watched again after a restart.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};

use abapgit_agent::{ImportResult, JobHandle, JobProgress, PullResult};
use profiles::{DocumentStore, ProfileId};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use tauri::async_runtime::JoinHandle;
use tauri::ipc::Channel;
use transaction_bridge::mass_run::MassRunSummary;

use crate::error::AppError;

/// How many finished jobs are remembered.
const MAX_REMEMBERED: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Running,
    Succeeded,
    Failed,
    Cancelled,
    /// The app was closed while the job ran; if it has a server job it can be watched again.
    Detached,
}

/// A finished job's typed answer. Internally tagged: the JSON is the result's own fields plus
/// `outcome` (`"pull"`, `"import"`, `"cpi_deploy"`), so it reads as the result itself too.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum JobOutcome {
    // Boxed: a pull result is much larger than an import result.
    Pull(Box<PullResult>),
    Import(ImportResult),
    /// A transaction bridge mass run: rows per status when it ended or stopped.
    MassRun(MassRunSummary),
    /// A Cloud Integration deployment that reached STARTED.
    CpiDeploy(Box<cloud_integration::DeployOutcome>),
}

#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct JobRecord {
    pub id: String,
    pub profile_id: ProfileId,
    /// What the job does: `agent_import`, `agent_pull`, ...
    pub kind: String,
    /// A line for the job list, e.g. "Export $ZDEMO to https://github.com/...".
    pub title: String,
    /// RFC 3339.
    pub started_at: String,
    pub finished_at: Option<String>,
    pub state: JobState,
    /// The job on the SAP server, once it accepted it: the key to re-attach.
    pub server_job: Option<JobHandle>,
    pub last_progress: Option<JobProgress>,
    /// The command's typed answer, once it succeeded.
    #[serde(default, deserialize_with = "outcome_or_none")]
    pub result: Option<JobOutcome>,
    /// Why it failed, in words (the typed error goes to the watchers when it happens).
    pub error: Option<String>,
}

/// What a watcher's channel receives: a snapshot first, then progress, then the end.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum JobEvent {
    Snapshot {
        record: JobRecord,
    },
    Progress {
        progress: JobProgress,
    },
    Finished {
        record: JobRecord,
        error: Option<AppError>,
    },
}

struct JobEntry {
    record: JobRecord,
    task: Option<JoinHandle<()>>,
    watchers: Vec<Channel<JobEvent>>,
}

pub struct JobRegistry {
    jobs: Mutex<HashMap<String, JobEntry>>,
    store: Box<dyn DocumentStore>,
    /// Stored records this version cannot read, written back untouched after the others.
    unreadable: Vec<Value>,
    /// What was skipped at start, for the start-up notice.
    skipped: Vec<String>,
}

/// Given to a running job to report its progress and its server job handle.
#[derive(Clone)]
pub struct JobReporter {
    registry: Arc<JobRegistry>,
    id: String,
}

impl JobReporter {
    pub fn progress(&self, progress: JobProgress) {
        let mut jobs = self.registry.lock();
        if let Some(entry) = jobs.get_mut(&self.id) {
            entry.record.last_progress = Some(progress.clone());
            let event = JobEvent::Progress { progress };
            entry
                .watchers
                .retain(|channel| channel.send(event.clone()).is_ok());
        }
    }

    /// Records the server's job (persisted at once: it is what survives a restart).
    pub fn server_job(&self, handle: JobHandle) {
        {
            let mut jobs = self.registry.lock();
            if let Some(entry) = jobs.get_mut(&self.id) {
                entry.record.server_job = Some(handle);
            }
        }
        self.registry.persist();
    }
}

impl JobRegistry {
    /// Loads remembered jobs; those that were running when the app stopped become `Detached`.
    /// One record that does not read is kept as found (and reported), never the whole list lost.
    pub fn open(store: Box<dyn DocumentStore>) -> Self {
        let stored = match store.load() {
            Ok(Value::Array(items)) => items,
            Ok(Value::Null) => Vec::new(),
            Ok(other) => vec![other],
            Err(error) => {
                tracing::warn!(%error, "cannot read the remembered jobs");
                Vec::new()
            }
        };
        let mut remembered = Vec::new();
        let mut unreadable = Vec::new();
        let mut skipped = Vec::new();
        for (index, raw) in stored.into_iter().enumerate() {
            match serde_json::from_value::<JobRecord>(raw.clone()) {
                Ok(record) => remembered.push(record),
                Err(error) => {
                    let title = raw
                        .get("title")
                        .and_then(Value::as_str)
                        .unwrap_or("no title");
                    skipped.push(format!("job #{index} (\"{title}\"): {error}"));
                    unreadable.push(raw);
                }
            }
        }
        let jobs = remembered
            .into_iter()
            .map(|mut record| {
                if record.state == JobState::Running {
                    record.state = JobState::Detached;
                }
                let entry = JobEntry {
                    record: record.clone(),
                    task: None,
                    watchers: Vec::new(),
                };
                (record.id, entry)
            })
            .collect();
        Self {
            jobs: Mutex::new(jobs),
            store,
            unreadable,
            skipped,
        }
    }

    /// The stored records that could not be read at start (kept in the file), with the reason.
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// Starts `work` in the background. `watcher` (the caller's channel) gets every event.
    pub fn spawn<F, Fut>(
        self: &Arc<Self>,
        profile_id: ProfileId,
        kind: &str,
        title: String,
        server_job: Option<JobHandle>,
        watcher: Channel<JobEvent>,
        work: F,
    ) -> JobRecord
    where
        F: FnOnce(JobReporter) -> Fut,
        Fut: Future<Output = Result<JobOutcome, AppError>> + Send + 'static,
    {
        let record = JobRecord {
            id: new_job_id(),
            profile_id,
            kind: kind.to_owned(),
            title,
            started_at: now(),
            finished_at: None,
            state: JobState::Running,
            server_job,
            last_progress: None,
            result: None,
            error: None,
        };
        self.lock().insert(
            record.id.clone(),
            JobEntry {
                record: record.clone(),
                task: None,
                watchers: Vec::new(),
            },
        );
        self.run(record.id.clone(), watcher, work);
        record
    }

    /// Runs `work` for an existing (detached) job again.
    pub fn reattach<F, Fut>(self: &Arc<Self>, id: &str, watcher: Channel<JobEvent>, work: F)
    where
        F: FnOnce(JobReporter) -> Fut,
        Fut: Future<Output = Result<JobOutcome, AppError>> + Send + 'static,
    {
        if let Some(entry) = self.lock().get_mut(id) {
            entry.record.state = JobState::Running;
            entry.record.finished_at = None;
            entry.record.error = None;
        }
        self.run(id.to_owned(), watcher, work);
    }

    fn run<F, Fut>(self: &Arc<Self>, id: String, watcher: Channel<JobEvent>, work: F)
    where
        F: FnOnce(JobReporter) -> Fut,
        Fut: Future<Output = Result<JobOutcome, AppError>> + Send + 'static,
    {
        self.add_watcher(&id, watcher);
        self.persist();
        let reporter = JobReporter {
            registry: self.clone(),
            id: id.clone(),
        };
        let future = work(reporter);
        let registry = self.clone();
        let job_id = id.clone();
        let task = tauri::async_runtime::spawn(async move {
            let outcome = future.await;
            registry.finish(&job_id, outcome);
        });
        if let Some(entry) = self.lock().get_mut(&id) {
            // A very fast job may have finished already: only keep the handle while running.
            if entry.record.state == JobState::Running {
                entry.task = Some(task);
            }
        }
    }

    /// Sends the job's current state to `watcher`, then its events until it ends.
    pub fn watch(&self, id: &str, watcher: Channel<JobEvent>) -> Result<JobRecord, AppError> {
        let record = self.record(id)?;
        self.add_watcher(id, watcher);
        Ok(record)
    }

    /// Stops waiting for the job. The SAP server has no way to stop a background job, so a
    /// server job may still complete there; the record says "cancelled" here.
    pub fn cancel(&self, id: &str) -> Result<JobRecord, AppError> {
        let record = {
            let mut jobs = self.lock();
            let entry = jobs
                .get_mut(id)
                .ok_or_else(|| AppError::not_found("job", format!("no job {id}")))?;
            if matches!(entry.record.state, JobState::Running | JobState::Detached) {
                if let Some(task) = entry.task.take() {
                    task.abort();
                }
                entry.record.state = JobState::Cancelled;
                entry.record.finished_at = Some(now());
                let event = JobEvent::Finished {
                    record: entry.record.clone(),
                    error: Some(AppError::Sap(sap_http::SapError::Cancelled)),
                };
                for channel in entry.watchers.drain(..) {
                    let _ = channel.send(event.clone());
                }
            }
            entry.record.clone()
        };
        self.persist();
        Ok(record)
    }

    /// Forgets a job that is not running.
    pub fn forget(&self, id: &str) -> Result<(), AppError> {
        {
            let mut jobs = self.lock();
            match jobs.get(id) {
                None => return Err(AppError::not_found("job", format!("no job {id}"))),
                Some(entry) if entry.record.state == JobState::Running => {
                    return Err(AppError::JobRunning {
                        job_id: id.to_owned(),
                    })
                }
                Some(_) => {
                    jobs.remove(id);
                }
            }
        }
        self.persist();
        Ok(())
    }

    /// All remembered jobs, newest first.
    pub fn list(&self) -> Vec<JobRecord> {
        let mut records: Vec<JobRecord> = self.lock().values().map(|e| e.record.clone()).collect();
        records.sort_by(|a, b| b.started_at.cmp(&a.started_at));
        records
    }

    pub fn record(&self, id: &str) -> Result<JobRecord, AppError> {
        self.lock()
            .get(id)
            .map(|entry| entry.record.clone())
            .ok_or_else(|| AppError::not_found("job", format!("no job {id}")))
    }

    fn add_watcher(&self, id: &str, watcher: Channel<JobEvent>) {
        let mut jobs = self.lock();
        let Some(entry) = jobs.get_mut(id) else {
            return;
        };
        let snapshot = JobEvent::Snapshot {
            record: entry.record.clone(),
        };
        if watcher.send(snapshot).is_err() {
            return;
        }
        if entry.record.state == JobState::Running {
            entry.watchers.push(watcher);
        } else {
            let _ = watcher.send(JobEvent::Finished {
                record: entry.record.clone(),
                error: None,
            });
        }
    }

    fn finish(&self, id: &str, outcome: Result<JobOutcome, AppError>) {
        {
            let mut jobs = self.lock();
            let Some(entry) = jobs.get_mut(id) else {
                return;
            };
            if entry.record.state != JobState::Running {
                return; // cancelled meanwhile
            }
            entry.task = None;
            entry.record.finished_at = Some(now());
            let error = match outcome {
                Ok(result) => {
                    entry.record.state = JobState::Succeeded;
                    entry.record.result = Some(result);
                    None
                }
                Err(error) => {
                    entry.record.state = match error {
                        AppError::Sap(sap_http::SapError::Cancelled) => JobState::Cancelled,
                        _ => JobState::Failed,
                    };
                    entry.record.error = Some(error.to_string());
                    Some(error)
                }
            };
            let event = JobEvent::Finished {
                record: entry.record.clone(),
                error,
            };
            for channel in entry.watchers.drain(..) {
                let _ = channel.send(event.clone());
            }
        }
        self.persist();
    }

    fn persist(&self) {
        let mut records = self.list();
        records.truncate(MAX_REMEMBERED);
        let outcome = serde_json::to_value(&records)
            .map(|value| {
                let mut items = match value {
                    Value::Array(items) => items,
                    other => vec![other],
                };
                items.extend(self.unreadable.iter().cloned());
                Value::Array(items)
            })
            .map_err(|error| error.to_string())
            .and_then(|value| self.store.save(&value));
        if let Err(error) = outcome {
            tracing::warn!(%error, "cannot remember the jobs");
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, JobEntry>> {
        self.jobs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A remembered result that no longer reads as a [`JobOutcome`] (saved by an older version
/// without the tag) is dropped rather than losing the whole job list.
fn outcome_or_none<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<JobOutcome>, D::Error> {
    let value = Option::<Value>::deserialize(deserializer)?;
    Ok(value.and_then(|value| serde_json::from_value(value).ok()))
}

/// 64 random bits, hex: unique enough for the jobs of one installation.
fn new_job_id() -> String {
    use rand::Rng;
    format!("{:016x}", rand::rng().random::<u64>())
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex as StdMutex;
    use std::time::Duration;

    use profiles::MemoryDocumentStore;
    use tauri::ipc::InvokeResponseBody;

    use super::*;

    /// A channel that records every event as JSON.
    fn recording_channel() -> (Channel<JobEvent>, Arc<StdMutex<Vec<Value>>>) {
        let events = Arc::new(StdMutex::new(Vec::new()));
        let sink = events.clone();
        let channel = Channel::new(move |body: InvokeResponseBody| {
            if let InvokeResponseBody::Json(text) = body {
                if let Ok(value) = serde_json::from_str(&text) {
                    sink.lock().unwrap().push(value);
                }
            }
            Ok(())
        });
        (channel, events)
    }

    fn event_names(events: &Arc<StdMutex<Vec<Value>>>) -> Vec<String> {
        events
            .lock()
            .unwrap()
            .iter()
            .map(|e| e["event"].as_str().unwrap_or("?").to_owned())
            .collect()
    }

    /// Polls until the job reaches `state`, for at most 10 s (a slow CI machine included).
    async fn wait_for_state(registry: &JobRegistry, id: &str, state: JobState) -> JobRecord {
        for _ in 0..1000 {
            let record = registry.record(id).unwrap();
            if record.state == state {
                return record;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("job {id} never reached {state:?}");
    }

    fn progress(percent: u32) -> JobProgress {
        JobProgress {
            status: "running".into(),
            percent: Some(percent),
            ..JobProgress::default()
        }
    }

    #[tokio::test]
    async fn a_job_streams_progress_to_every_watcher_and_is_remembered() {
        let store = Arc::new(MemoryDocumentStore::default());
        let registry = Arc::new(JobRegistry::open(Box::new(SharedStore(store.clone()))));
        let (first, first_events) = recording_channel();
        let (gate_tx, gate_rx) = tokio::sync::oneshot::channel::<()>();
        let (reported_tx, reported_rx) = tokio::sync::oneshot::channel::<()>();
        let record = registry.spawn(
            ProfileId("p".into()),
            "agent_import",
            "Import".into(),
            None,
            first,
            |reporter| async move {
                reporter.server_job(JobHandle {
                    resource: "import".into(),
                    job_number: "00000042".into(),
                    job_name: "ZIMPORT".into(),
                });
                reporter.progress(progress(50));
                let _ = reported_tx.send(());
                let _ = gate_rx.await;
                Ok(JobOutcome::Import(ImportResult {
                    files_staged: 3,
                    commit_message: "Import from the IDE".into(),
                }))
            },
        );
        // A second watcher (the UI came back to the page) joins while it runs, once the
        // job has reported its progress (a signal, not a guess at how long that takes).
        reported_rx.await.unwrap();
        let (second, second_events) = recording_channel();
        let snapshot = registry.watch(&record.id, second).unwrap();
        assert_eq!(snapshot.state, JobState::Running);
        assert_eq!(snapshot.last_progress.unwrap().percent, Some(50));
        let _ = gate_tx.send(());

        let done = wait_for_state(&registry, &record.id, JobState::Succeeded).await;
        let Some(JobOutcome::Import(imported)) = done.result else {
            panic!("not an import result: {:?}", done.result);
        };
        assert_eq!(imported.files_staged, 3);
        assert_eq!(
            event_names(&first_events),
            ["snapshot", "progress", "finished"]
        );
        assert_eq!(event_names(&second_events), ["snapshot", "finished"]);

        // Remembered with its server job, so a restarted app can watch it again.
        let saved = store.load().unwrap();
        assert_eq!(saved[0]["server_job"]["job_number"], "00000042");
        assert_eq!(saved[0]["state"], "succeeded");
        assert_eq!(saved[0]["result"]["outcome"], "import");
        assert_eq!(saved[0]["result"]["files_staged"], 3);
        let reopened = JobRegistry::open(Box::new(SharedStore(store.clone())));
        assert_eq!(
            reopened.record(&record.id).unwrap().result,
            Some(JobOutcome::Import(imported))
        );
    }

    #[tokio::test]
    async fn cancel_stops_the_task_and_a_running_job_is_detached_after_a_restart() {
        let store = Arc::new(MemoryDocumentStore::default());
        let registry = Arc::new(JobRegistry::open(Box::new(SharedStore(store.clone()))));
        let (watcher, events) = recording_channel();
        let long = registry.spawn(
            ProfileId("p".into()),
            "agent_pull",
            "Pull".into(),
            None,
            watcher,
            |_| async {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                Ok(JobOutcome::Pull(Box::default()))
            },
        );
        let cancelled = registry.cancel(&long.id).unwrap();
        assert_eq!(cancelled.state, JobState::Cancelled);
        let names = event_names(&events);
        assert_eq!(names.last().map(String::as_str), Some("finished"));
        assert_eq!(
            events.lock().unwrap().last().unwrap()["error"]["kind"],
            "cancelled"
        );

        let (watcher, _) = recording_channel();
        let running = registry.spawn(
            ProfileId("p".into()),
            "agent_import",
            "Import".into(),
            None,
            watcher,
            |_| async {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                Ok(JobOutcome::Pull(Box::default()))
            },
        );
        // The app stops while the import runs; the next start sees it as detached.
        let reopened = JobRegistry::open(Box::new(SharedStore(store.clone())));
        assert_eq!(
            reopened.record(&running.id).unwrap().state,
            JobState::Detached
        );
        assert_eq!(
            reopened.record(&long.id).unwrap().state,
            JobState::Cancelled
        );
        reopened.forget(&long.id).unwrap();
        assert!(reopened.record(&long.id).is_err());
    }

    #[test]
    fn a_result_saved_without_its_outcome_tag_is_dropped_but_the_job_is_kept() {
        let store = MemoryDocumentStore::default();
        store
            .save(&serde_json::json!([{
                "id": "old", "profile_id": "p", "kind": "agent_import", "title": "Import",
                "started_at": "2026-11-01T10:00:00.000Z", "finished_at": null,
                "state": "succeeded", "server_job": null, "last_progress": null,
                "result": {"files_staged": 3, "commit_message": "untagged"}, "error": null
            }]))
            .unwrap();
        let registry = JobRegistry::open(Box::new(store));
        let record = registry.record("old").unwrap();
        assert_eq!(record.state, JobState::Succeeded);
        assert_eq!(record.result, None);
    }

    #[test]
    fn one_unreadable_job_is_reported_and_kept_and_the_others_stay() {
        let store = Arc::new(MemoryDocumentStore::default());
        let good = serde_json::json!({
            "id": "good", "profile_id": "p", "kind": "agent_pull", "title": "Pull",
            "started_at": "2026-11-01T10:00:00.000Z", "finished_at": null,
            "state": "succeeded", "server_job": null, "last_progress": null,
            "result": null, "error": null
        });
        let from_a_newer_version = serde_json::json!({
            "id": "new", "title": "Deploy", "state": "queued_remotely", "kind": "deploy"
        });
        store
            .save(&serde_json::json!([good, from_a_newer_version.clone()]))
            .unwrap();
        let registry = JobRegistry::open(Box::new(SharedStore(store.clone())));
        assert_eq!(registry.list().len(), 1);
        assert!(registry.record("good").is_ok());
        assert_eq!(registry.skipped().len(), 1);
        assert!(
            registry.skipped()[0].contains("\"Deploy\""),
            "{:?}",
            registry.skipped()
        );

        registry.persist();
        let saved = store.load().unwrap();
        assert_eq!(saved.as_array().unwrap().len(), 2);
        assert_eq!(saved[1], from_a_newer_version, "kept as found");
    }

    /// Lets a test keep reading the store the registry writes to.
    struct SharedStore(Arc<MemoryDocumentStore>);

    impl DocumentStore for SharedStore {
        fn load(&self) -> Result<Value, String> {
            self.0.load()
        }
        fn save(&self, document: &Value) -> Result<(), String> {
            self.0.save(document)
        }
    }
}
