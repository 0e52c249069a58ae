//! Background jobs: the status records the handler keeps in its shared buffer, in server memory.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use chrono::{NaiveDateTime, Utc};

/// Lifecycle of a job as the status record names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JobState {
    Scheduled,
    /// The executor has picked the job up (as implemented: written as upper-case `STARTING`).
    Starting,
    Running,
    Completed,
    Error,
}

impl JobState {
    pub(crate) fn is_final(self) -> bool {
        matches!(self, Self::Completed | Self::Error)
    }
}

/// One job's latest status record, dialect neutral.
#[derive(Debug, Clone)]
pub(crate) struct JobRecord {
    pub job_name: String,
    pub job_number: String,
    pub state: JobState,
    pub stage: String,
    pub message: String,
    pub progress: u32,
    pub current: u64,
    pub total: u64,
    /// JSON text of the final result (the handler stores it as a string).
    pub result: String,
    pub error_message: String,
    pub started_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub completed_at: Option<NaiveDateTime>,
}

/// `YYYYMMDDhhmmss`, the ABAP timestamp layout.
pub(crate) fn abap_timestamp(time: NaiveDateTime) -> String {
    time.format("%Y%m%d%H%M%S").to_string()
}

/// The same timestamp as a number, the way packed timestamps serialize.
pub(crate) fn abap_timestamp_number(time: NaiveDateTime) -> u64 {
    abap_timestamp(time).parse().unwrap_or(0)
}

/// `GET TIME STAMP`: UTC.
pub(crate) fn now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

/// All jobs of one server.
pub(crate) struct JobStore {
    jobs: Mutex<HashMap<String, JobRecord>>,
    next_number: AtomicU64,
}

impl Default for JobStore {
    fn default() -> Self {
        Self {
            jobs: Mutex::new(HashMap::new()),
            // Job numbers look like SM37's: eight digits, not starting at 1.
            next_number: AtomicU64::new(10_304_500 + rand::random_range(0..1000u64)),
        }
    }
}

impl JobStore {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, JobRecord>> {
        self.jobs
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// Registers a new job in state `scheduled` and returns its record.
    pub(crate) fn schedule(&self, command: &str, job_name: String) -> JobRecord {
        let number = self.next_number.fetch_add(1, Ordering::Relaxed) % 100_000_000;
        let time = now();
        let record = JobRecord {
            job_name,
            job_number: format!("{number:08}"),
            state: JobState::Scheduled,
            // What ZCL_ABGAGT_RESOURCE_BASE writes right after scheduling.
            stage: "INITIALIZATION".to_string(),
            message: "Job scheduled, waiting to start".to_string(),
            progress: 0,
            current: 0,
            total: 0,
            result: String::new(),
            error_message: String::new(),
            started_at: time,
            updated_at: time,
            completed_at: None,
        };
        tracing::info!(command, job_number = %record.job_number, "job scheduled");
        self.lock()
            .insert(record.job_number.clone(), record.clone());
        record
    }

    /// Changes a job's record; stamps `updated_at` (and `completed_at` for a final state).
    pub(crate) fn update(&self, job_number: &str, change: impl FnOnce(&mut JobRecord)) {
        if let Some(record) = self.lock().get_mut(job_number) {
            change(record);
            let time = now();
            record.updated_at = time;
            if record.state.is_final() && record.completed_at.is_none() {
                record.completed_at = Some(time);
            }
        }
    }

    /// Z_ABGAGT_BG_EXECUTOR's first record: STARTING, INITIALIZATION, a new start time.
    pub(crate) fn executor_started(&self, job_number: &str) {
        self.update(job_number, |r| {
            r.state = JobState::Starting;
            r.stage = "INITIALIZATION".into();
            r.message = "Initializing command execution".into();
            r.progress = 0;
            r.started_at = now();
        });
    }

    /// The executor's record before it calls the command.
    pub(crate) fn executor_running(&self, job_number: &str) {
        self.update(job_number, |r| {
            r.state = JobState::Running;
            r.stage = "EXECUTION".into();
            r.message = "Executing command".into();
            r.progress = 0;
        });
    }

    /// The executor's last record: whatever the command answered is the result.
    pub(crate) fn executor_finished(&self, job_number: &str, result: String) {
        self.update(job_number, |r| {
            r.state = JobState::Completed;
            r.stage = "FINISHED".into();
            r.message = "Command completed successfully".into();
            r.progress = 100;
            r.current = 0;
            r.total = 0;
            r.result = result;
        });
    }

    /// A job's record. Like the shared buffer, any resource's GET reads any job.
    pub(crate) fn get(&self, job_number: &str) -> Option<JobRecord> {
        self.lock().get(job_number.trim()).cloned()
    }
}
