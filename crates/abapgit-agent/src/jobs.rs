//! Background jobs: any POST the server answers with 202 runs as an ABAP
//! background job, observed by polling `GET <resource>?jobNumber=N`.
//!
//! The status record comes in camelCase (import) or snake_case (others) and
//! lives in a per-application-server buffer, so "Job not found" can be a
//! transient answer on a load-balanced system: it is retried like a network
//! hiccup. A [`JobHandle`] is plain data, so the app can store it and
//! re-attach with [`crate::AgentClient::wait_job`] after a restart.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use sap_http::{SapError, TimeoutPhase};

use crate::wire::{self, de, Answer};

/// A job the server accepted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JobHandle {
    /// The resource that started it (`import`, `pull`, ...): polls go there.
    pub resource: String,
    /// Eight digits with leading zeros.
    pub job_number: String,
    pub job_name: String,
}

/// How to wait for a job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobOptions {
    /// Pause between polls (2 s, as the documentation recommends).
    pub poll_interval: Duration,
    /// Overall limit (10 min); then `SapError::Timeout { phase: Job }`.
    pub timeout: Duration,
    /// Transient poll failures tolerated in a row before giving up.
    pub max_consecutive_failures: u32,
}

impl Default for JobOptions {
    fn default() -> Self {
        Self {
            poll_interval: Duration::from_secs(2),
            timeout: Duration::from_secs(600),
            max_consecutive_failures: 3,
        }
    }
}

/// One observation of a running job, for a progress bar.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JobProgress {
    /// Lower case: `scheduled`, `starting`, `running`, `completed`, `error`;
    /// `retrying` while a poll failed and is being repeated.
    pub status: String,
    /// `FIND_REPO`, `STAGE_FILES`, `PUSH`, ...
    pub stage: Option<String>,
    pub message: String,
    /// 0..=100 when the server reports it.
    pub percent: Option<u32>,
    pub current: Option<u32>,
    pub total: Option<u32>,
    /// Since the client started waiting.
    pub elapsed_ms: u32,
}

/// The job status record as the server writes it (keys normalised).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct JobStatus {
    #[serde(deserialize_with = "de::text")]
    pub status: String,
    #[serde(deserialize_with = "de::opt_text")]
    pub stage: Option<String>,
    #[serde(deserialize_with = "de::text")]
    pub message: String,
    #[serde(deserialize_with = "de::opt_count")]
    pub progress: Option<u32>,
    #[serde(deserialize_with = "de::opt_count")]
    pub current: Option<u32>,
    #[serde(deserialize_with = "de::opt_count")]
    pub total: Option<u32>,
    pub result: Value,
    #[serde(deserialize_with = "de::opt_text")]
    pub error_message: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    pub error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Running,
    Completed,
    Failed,
    Unknown,
}

impl JobStatus {
    fn phase(&self) -> Phase {
        match self.status.trim().to_ascii_lowercase().as_str() {
            "scheduled" | "starting" | "running" | "released" | "ready" | "active" => {
                Phase::Running
            }
            "completed" | "finished" | "done" => Phase::Completed,
            "error" | "failed" | "aborted" | "cancelled" | "canceled" => Phase::Failed,
            _ => Phase::Unknown,
        }
    }

    fn progress(&self, elapsed: Duration) -> JobProgress {
        JobProgress {
            status: self.status.trim().to_ascii_lowercase(),
            stage: self.stage.clone(),
            message: self.message.clone(),
            percent: self.progress.map(|p| p.min(100)),
            current: self.current,
            total: self.total,
            elapsed_ms: millis(elapsed),
        }
    }
}

fn millis(elapsed: Duration) -> u32 {
    u32::try_from(elapsed.as_millis()).unwrap_or(u32::MAX)
}

/// A finished job: its final message and its `result`, unwrapped from JSON
/// text and normalised (`Value::Null` when the job sent none).
#[derive(Debug, Clone, PartialEq)]
pub struct FinishedJob {
    pub handle: JobHandle,
    pub message: String,
    pub result: Value,
}

/// What a single poll answered, already sorted.
pub(crate) enum Poll {
    Status(JobStatus),
    /// Worth asking again: network trouble, 5xx, "Job not found".
    Transient(SapError),
}

/// Sorts the answer to `GET <resource>?jobNumber=N`.
pub(crate) fn read_poll(answer: Result<Answer, SapError>) -> Result<Poll, SapError> {
    match answer {
        Ok(Answer::Body(value)) => {
            let status: JobStatus = wire::decode(value.clone(), "job status")?;
            if status.status.trim().is_empty() {
                // `{"success":"","error":"Job not found"}` comes with HTTP 200.
                let error = wire::failure_from(&value, 200).unwrap_or_else(|| SapError::Decode {
                    message: "the job status has no status".into(),
                    excerpt: sap_http::text_excerpt(&value.to_string(), 200),
                });
                return if is_transient(&error) {
                    Ok(Poll::Transient(error))
                } else {
                    Err(error)
                };
            }
            Ok(Poll::Status(status))
        }
        Ok(Answer::Accepted { .. }) => Err(SapError::Decode {
            message: "the server answered a job poll by starting another job".into(),
            excerpt: String::new(),
        }),
        Err(error) if is_transient(&error) => Ok(Poll::Transient(error)),
        Err(error) => Err(error),
    }
}

/// Errors that a later poll may not repeat.
pub(crate) fn is_transient(error: &SapError) -> bool {
    match error {
        SapError::Network { .. } => true,
        SapError::Timeout { phase, .. } => *phase != TimeoutPhase::Job,
        SapError::HttpStatus { status, .. } => *status >= 500,
        SapError::Sap {
            status, message, ..
        } => *status >= 500 || message.to_ascii_lowercase().contains("job not found"),
        _ => false,
    }
}

/// Turns the final record into the job's outcome: status `error` is a failure;
/// the `result` is checked by [`require_success`] where the caller wants that.
fn finish(handle: &JobHandle, status: JobStatus) -> Result<FinishedJob, SapError> {
    let result = wire::normalize_keys(wire::unnest_json(status.result.clone()));
    if status.phase() == Phase::Failed {
        let message = status
            .error_message
            .clone()
            .or(status.error.clone())
            .or_else(|| result_error(&result))
            .unwrap_or_else(|| non_blank_or(&status.message, "the background job failed"));
        let mut details = Vec::new();
        if !status.message.trim().is_empty() && status.message != message {
            details.push(status.message.clone());
        }
        return Err(SapError::Sap {
            status: 200,
            message,
            details,
        });
    }
    Ok(FinishedJob {
        handle: handle.clone(),
        message: status.message,
        result,
    })
}

/// Logical failures end as `completed` with `success` false in `result`
/// (possibly as broken JSON text): those are failures too.
pub fn require_success(finished: FinishedJob) -> Result<FinishedJob, SapError> {
    let fallback = non_blank_or(&finished.message, "the background job failed");
    if let Value::String(text) = &finished.result {
        // Result JSON written by string concatenation can be invalid (a quote in
        // the message); its success flag and error text are still readable.
        let compact = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        let failed = compact.starts_with('{')
            && (compact.contains("\"success\":\"\"") || compact.contains("\"success\":false"));
        if failed {
            return Err(SapError::Sap {
                status: 200,
                message: wire::salvage_field(text, "error").unwrap_or(fallback),
                details: Vec::new(),
            });
        }
    }
    if let Value::Object(map) = &finished.result {
        let failed = map.get("success").is_some_and(|s| !wire::value_flag(s));
        if failed {
            return Err(
                wire::failure_from(&finished.result, 200).unwrap_or(SapError::Sap {
                    status: 200,
                    message: fallback,
                    details: Vec::new(),
                }),
            );
        }
    }
    Ok(finished)
}

fn result_error(result: &Value) -> Option<String> {
    let error = wire::field_text(result, "error");
    (!error.trim().is_empty()).then_some(error)
}

fn non_blank_or(text: &str, fallback: &str) -> String {
    if text.trim().is_empty() {
        fallback.to_owned()
    } else {
        text.to_owned()
    }
}

/// The polling loop, independent of HTTP: `poll` performs one GET.
pub(crate) async fn wait<F, Fut>(
    handle: &JobHandle,
    options: &JobOptions,
    mut poll: F,
    mut on_progress: impl FnMut(JobProgress),
) -> Result<FinishedJob, SapError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Answer, SapError>>,
{
    let started = Instant::now();
    let work = async {
        let mut failures_in_a_row = 0u32;
        loop {
            tokio::time::sleep(options.poll_interval).await;
            match read_poll(poll().await)? {
                Poll::Status(status) => match status.phase() {
                    Phase::Running | Phase::Unknown => {
                        failures_in_a_row = 0;
                        on_progress(status.progress(started.elapsed()));
                    }
                    Phase::Completed | Phase::Failed => {
                        on_progress(status.progress(started.elapsed()));
                        return finish(handle, status);
                    }
                },
                Poll::Transient(error) => {
                    failures_in_a_row += 1;
                    tracing::debug!(job = %handle.job_number, %error, failures_in_a_row, "job poll failed");
                    if failures_in_a_row > options.max_consecutive_failures {
                        return Err(error);
                    }
                    on_progress(JobProgress {
                        status: "retrying".into(),
                        message: error.to_string(),
                        elapsed_ms: millis(started.elapsed()),
                        ..JobProgress::default()
                    });
                }
            }
        }
    };
    match tokio::time::timeout(options.timeout, work).await {
        Ok(outcome) => outcome,
        Err(_) => Err(SapError::Timeout {
            phase: TimeoutPhase::Job,
            seconds: options.timeout.as_secs_f64(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::collections::VecDeque;
    use std::sync::{Arc, Mutex};

    fn handle() -> JobHandle {
        JobHandle {
            resource: "import".into(),
            job_number: "00000042".into(),
            job_name: "IMPORT_1".into(),
        }
    }

    fn fast() -> JobOptions {
        JobOptions {
            poll_interval: Duration::from_millis(1),
            timeout: Duration::from_secs(5),
            max_consecutive_failures: 3,
        }
    }

    async fn run(
        answers: Vec<Result<Answer, SapError>>,
        options: JobOptions,
    ) -> (Result<FinishedJob, SapError>, Vec<JobProgress>, usize) {
        let queue = Arc::new(Mutex::new(VecDeque::from(answers)));
        let polls = Arc::new(Mutex::new(0usize));
        let mut seen = Vec::new();
        let outcome = wait(
            &handle(),
            &options,
            || {
                let queue = queue.clone();
                let polls = polls.clone();
                async move {
                    if let Ok(mut n) = polls.lock() {
                        *n += 1;
                    }
                    let next = queue.lock().ok().and_then(|mut q| q.pop_front());
                    next.unwrap_or_else(|| Ok(Answer::Body(json!({"status": "running"}))))
                }
            },
            |p| seen.push(p),
        )
        .await
        .and_then(require_success);
        let count = polls.lock().map(|n| *n).unwrap_or(0);
        (outcome, seen, count)
    }

    fn body(value: Value) -> Result<Answer, SapError> {
        Ok(Answer::Body(wire::normalize_keys(value)))
    }

    #[tokio::test]
    async fn import_runs_to_completion_with_progress() {
        let (outcome, seen, polls) = run(
            vec![
                body(json!({"jobName": "IMPORT_1", "jobNumber": "00000042", "status": "scheduled", "progress": 0})),
                body(json!({"jobName": "", "status": "STARTING", "stage": "PARSE_PARAMS", "progress": 10})),
                body(json!({"status": "running", "stage": "STAGE_FILES", "progress": 65, "current": "20", "total": "30", "startedAt": 0})),
                body(json!({"status": "completed", "stage": "COMPLETED", "progress": 100,
                    "result": "{\"success\":\"X\",\"files_staged\":30,\"commit_message\":\"feat: x\"}", "completedAt": 20260305103520u64})),
            ],
            fast(),
        )
        .await;
        let finished = outcome.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(finished.result["files_staged"], 30);
        assert_eq!(polls, 4);
        let statuses: Vec<&str> = seen.iter().map(|p| p.status.as_str()).collect();
        assert_eq!(statuses, ["scheduled", "starting", "running", "completed"]);
        assert_eq!(seen[2].current, Some(20));
        assert_eq!(seen[2].percent, Some(65));
    }

    #[tokio::test]
    async fn job_not_found_is_retried_then_fatal() {
        let not_found = || body(json!({"success": "", "error": "Job not found"}));
        let (outcome, seen, _) = run(
            vec![
                not_found(),
                not_found(),
                body(json!({"status": "completed", "result": {"success": "X"}})),
            ],
            fast(),
        )
        .await;
        assert!(outcome.is_ok());
        assert_eq!(seen.iter().filter(|p| p.status == "retrying").count(), 2);

        let (outcome, _, polls) = run(
            vec![not_found(), not_found(), not_found(), not_found()],
            fast(),
        )
        .await;
        assert!(
            matches!(outcome, Err(SapError::Sap { ref message, .. }) if message == "Job not found")
        );
        assert_eq!(polls, 4, "one try and three retries");
    }

    #[tokio::test]
    async fn completed_with_failed_result_is_an_error() {
        let (outcome, _, _) = run(
            vec![body(json!({"status": "completed", "result": "{\"success\":\"\",\"error\":\"Repository not found\"}"}))],
            fast(),
        )
        .await;
        assert!(
            matches!(outcome, Err(SapError::Sap { ref message, .. }) if message == "Repository not found")
        );
        let (outcome, _, _) = run(
            vec![body(json!({"status": "error", "stage": "FAILED", "message": "Error during import", "error_message": "Boom"}))],
            fast(),
        )
        .await;
        assert!(
            matches!(outcome, Err(SapError::Sap { ref message, ref details, .. }) if message == "Boom" && details == &["Error during import"])
        );
    }

    #[tokio::test]
    async fn broken_result_json_still_fails() {
        let (outcome, _, _) = run(
            vec![body(json!({"status": "completed", "result": "{\"success\":\"\",\"error\":\"Branch \"dev\" not found\"}"}))],
            fast(),
        )
        .await;
        assert!(
            matches!(outcome, Err(SapError::Sap { ref message, .. }) if message == "Branch \"dev\" not found")
        );
    }

    #[tokio::test]
    async fn endless_job_times_out() {
        let options = JobOptions {
            timeout: Duration::from_millis(50),
            ..fast()
        };
        let (outcome, _, _) = run(Vec::new(), options).await;
        assert!(matches!(
            outcome,
            Err(SapError::Timeout {
                phase: TimeoutPhase::Job,
                ..
            })
        ));
    }

    #[tokio::test]
    async fn permanent_errors_stop_at_once() {
        let (outcome, _, polls) = run(
            vec![Err(SapError::Authentication {
                status: 401,
                message: "no".into(),
            })],
            fast(),
        )
        .await;
        assert!(matches!(outcome, Err(SapError::Authentication { .. })));
        assert_eq!(polls, 1);
    }
}
