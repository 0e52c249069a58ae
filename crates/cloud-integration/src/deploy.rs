//! Waiting for a deployment: the build task (`BuildAndDeployStatus`: DEPLOYING, then SUCCESS
//! or FAIL), then the runtime artifact (STARTING, then STARTED or ERROR), and on an error the
//! readable error text. Shared by the app's deploy job and the CLI.

use std::time::{Duration, Instant};

use sap_http::{SapError, TimeoutPhase};
use serde::{Deserialize, Serialize};

use crate::client::CloudIntegrationClient;
use crate::deploy_error::parse_artifact_error;
use crate::error::is_not_found;
use crate::runtime::{BuildStatus, DeployOutcome};

/// How to wait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitOptions {
    pub poll_interval: Duration,
    /// Overall limit; then `SapError::Timeout { phase: Job }`.
    pub timeout: Duration,
    /// Failed polls (network, 5xx, 429) tolerated in a row.
    pub max_consecutive_failures: u32,
}

impl Default for WaitOptions {
    fn default() -> Self {
        Self {
            poll_interval: Duration::from_secs(2),
            timeout: Duration::from_secs(600),
            max_consecutive_failures: 3,
        }
    }
}

/// Where a deployment is while it is being watched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum DeployPhase {
    /// The build task runs (`DEPLOYING`).
    Building,
    /// The build succeeded; the runtime artifact starts.
    Starting,
    /// A poll failed and is repeated.
    Retrying,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeployProgress {
    pub phase: DeployPhase,
    /// A sentence for the job list.
    pub message: String,
    pub runtime_status: Option<String>,
    pub elapsed_ms: u32,
}

impl CloudIntegrationClient {
    /// Watches the deployment of `artifact_id` (task `task_id`) until the runtime artifact
    /// is STARTED or ERROR, or the build failed. Failures of the deployment are an outcome,
    /// not an error: the error is for the watching itself (timeout, polls failing).
    pub async fn wait_for_deploy(
        &self,
        artifact_id: &str,
        task_id: &str,
        options: &WaitOptions,
        mut on_progress: impl FnMut(DeployProgress) + Send,
    ) -> Result<DeployOutcome, SapError> {
        let started = Instant::now();
        let mut failures = 0u32;
        let elapsed_ms =
            |started: Instant| started.elapsed().as_millis().min(u32::MAX as u128) as u32;
        // Phase 1: the build.
        let build_status = loop {
            match self.build_status(task_id).await {
                Ok(status) if status.is_final() => break status,
                Ok(status) => {
                    failures = 0;
                    on_progress(DeployProgress {
                        phase: DeployPhase::Building,
                        message: format!(
                            "Building and deploying {artifact_id} ({})",
                            status.wire_name()
                        ),
                        runtime_status: None,
                        elapsed_ms: elapsed_ms(started),
                    });
                }
                Err(error) => {
                    self.tolerate(&mut failures, options, error, &mut on_progress, started)?;
                }
            }
            pause(options, started).await?;
        };
        if build_status != BuildStatus::Success {
            // The runtime may still hold an older error; the build's own failure is the news.
            let error = match self.runtime_error(artifact_id).await {
                Ok(error) if !error.lines.is_empty() => Some(error),
                _ => Some(parse_artifact_error(&format!(
                    "The build of {artifact_id} ended with {}",
                    build_status.wire_name()
                ))),
            };
            return Ok(DeployOutcome {
                artifact_id: artifact_id.to_owned(),
                task_id: task_id.to_owned(),
                build_status,
                runtime_status: None,
                artifact: None,
                error,
            });
        }
        // Phase 2: the runtime artifact.
        failures = 0;
        loop {
            match self.runtime_artifact(artifact_id).await {
                Ok(Some(artifact)) if artifact.status == "STARTED" => {
                    return Ok(DeployOutcome {
                        artifact_id: artifact_id.to_owned(),
                        task_id: task_id.to_owned(),
                        build_status,
                        runtime_status: Some(artifact.status.clone()),
                        artifact: Some(artifact),
                        error: None,
                    })
                }
                Ok(Some(artifact)) if artifact.status == "ERROR" => {
                    let error = match self.runtime_error(artifact_id).await {
                        Ok(error) => error,
                        Err(error) if is_not_found(&error) => parse_artifact_error(
                            "The artifact is in ERROR; the tenant gave no error text",
                        ),
                        Err(error) => return Err(error),
                    };
                    return Ok(DeployOutcome {
                        artifact_id: artifact_id.to_owned(),
                        task_id: task_id.to_owned(),
                        build_status,
                        runtime_status: Some(artifact.status.clone()),
                        artifact: Some(artifact),
                        error: Some(error),
                    });
                }
                Ok(artifact) => {
                    failures = 0;
                    let status = artifact.map(|artifact| artifact.status);
                    on_progress(DeployProgress {
                        phase: DeployPhase::Starting,
                        message: format!(
                            "Starting {artifact_id} ({})",
                            status.as_deref().unwrap_or("not yet on the runtime")
                        ),
                        runtime_status: status,
                        elapsed_ms: elapsed_ms(started),
                    });
                }
                Err(error) => {
                    self.tolerate(&mut failures, options, error, &mut on_progress, started)?;
                }
            }
            pause(options, started).await?;
        }
    }

    /// A failed poll: transient ones are repeated up to the limit, others end the watch.
    fn tolerate(
        &self,
        failures: &mut u32,
        options: &WaitOptions,
        error: SapError,
        on_progress: &mut (impl FnMut(DeployProgress) + Send),
        started: Instant,
    ) -> Result<(), SapError> {
        let transient = matches!(&error, SapError::Network { .. } | SapError::Timeout { .. })
            || matches!(
                &error,
                SapError::Sap { status, .. } | SapError::HttpStatus { status, .. }
                    if *status == 429 || *status >= 500
            );
        *failures += 1;
        if !transient || *failures > options.max_consecutive_failures {
            return Err(error);
        }
        on_progress(DeployProgress {
            phase: DeployPhase::Retrying,
            message: format!("Asking again: {error}"),
            runtime_status: None,
            elapsed_ms: started.elapsed().as_millis().min(u32::MAX as u128) as u32,
        });
        Ok(())
    }
}

async fn pause(options: &WaitOptions, started: Instant) -> Result<(), SapError> {
    if started.elapsed() + options.poll_interval > options.timeout {
        return Err(SapError::Timeout {
            phase: TimeoutPhase::Job,
            seconds: options.timeout.as_secs_f64(),
        });
    }
    tokio::time::sleep(options.poll_interval).await;
    Ok(())
}
