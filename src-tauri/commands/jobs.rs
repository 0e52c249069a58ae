//! Remembered and running jobs: list, watch (re-attach), cancel, forget.

use tauri::ipc::Channel;
use tauri::State;

use crate::commands::agent::reattach_agent_job;
use crate::commands::cloud_integration::{reattach_deploy_job, DEPLOY_JOB_KIND};
use crate::error::CommandResult;
use crate::jobs::{JobEvent, JobRecord, JobState};
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub fn jobs_list(state: State<'_, AppState>) -> Vec<JobRecord> {
    state.jobs.list()
}

/// Streams a job's events to `channel`: a snapshot, then progress until it ends. An agent job
/// left running when the app closed is re-attached to its server job; a mass run left running
/// is only shown (it goes on when the user resumes it: `bridge_mass_run_resume`); a Cloud
/// Integration deployment is watched again by its deploy task.
#[tauri::command]
#[specta::specta]
pub fn job_watch(
    state: State<'_, AppState>,
    job_id: String,
    channel: Channel<JobEvent>,
) -> CommandResult<JobRecord> {
    let record = state.jobs.record(&job_id)?;
    if record.state == JobState::Detached
        && record.server_job.is_some()
        && record.kind == DEPLOY_JOB_KIND
    {
        reattach_deploy_job(&state, record, channel)?;
        return state.jobs.record(&job_id);
    }
    if record.state == JobState::Detached
        && record.server_job.is_some()
        && record.kind.starts_with("agent_")
    {
        reattach_agent_job(&state, record, channel)?;
        return state.jobs.record(&job_id);
    }
    state.jobs.watch(&job_id, channel)
}

#[tauri::command]
#[specta::specta]
pub fn job_cancel(state: State<'_, AppState>, job_id: String) -> CommandResult<JobRecord> {
    state.jobs.cancel(&job_id)
}

#[tauri::command]
#[specta::specta]
pub fn job_forget(state: State<'_, AppState>, job_id: String) -> CommandResult<()> {
    state.jobs.forget(&job_id)
}
