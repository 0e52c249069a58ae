//! Transaction bridge commands: an app's operations (for generated forms), running one,
//! `Home`, `Logout`, the call log, input variants, and mass runs as jobs. Each is a thin call
//! of the `transaction-bridge` crate on the app's own session.
//!
//! Errors a bridge call can give besides the session's (`network`, `authentication`, ...):
//! `{kind: "bridge", reason, remedy, message, state, fields, steps, ...}`; `remedy`
//! `go_home_and_retry` is offered as one button (`bridge_home`, then the same run again),
//! `log_on_again` as a log-on button (`bridge_log_on`). A call that may have changed data is
//! never repeated by the app: `reason: "outcome_unknown"` asks the user to check first.

use std::time::Instant;

use abapgit_agent::{JobHandle, JobProgress};
use profiles::ProfileId;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;
use transaction_bridge::mass_run::{
    check_csv, export_csv, CellProblem, MassRow, MassRun, MassRunProgress, MassRunSummary,
    RowStatus,
};
use transaction_bridge::{
    AppMetadata, BridgeApp, BridgeState, CallLogEntry, Inputs, OperationResult,
};

use crate::error::{mass_run_error, AppError, CommandResult};
use crate::jobs::{JobEvent, JobOutcome, JobRecord, JobReporter};
use crate::state::AppState;
use crate::transaction_bridge::{InputVariant, RunSlot};

/// The job kind of a mass run.
pub const MASS_RUN_JOB: &str = "bridge_mass_run";
/// `JobHandle::resource` of a mass run: its `job_number` is the run's id (its journal).
const MASS_RUN_RESOURCE: &str = "transaction_bridge";

fn bridge_app(
    state: &AppState,
    profile_id: &ProfileId,
    app_id: &str,
) -> Result<std::sync::Arc<BridgeApp>, AppError> {
    state
        .bridge
        .app(&state.sessions, &state.book, profile_id, app_id)
}

/// The app's operations with their parameters (type, input kind, required) and output
/// fields, read from `$metadata` once per session. Recorded sequences come first, then
/// `Login`, `Logout`, `Home` (`generic: true`). An operation with `problem` set cannot run.
#[tauri::command]
#[specta::specta]
pub async fn bridge_operations(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    app_id: String,
) -> CommandResult<AppMetadata> {
    let app = bridge_app(&state, &profile_id, &app_id)?;
    Ok(app.metadata().await?.as_ref().clone())
}

/// Reads the app's `$metadata` again (after the recording changed) and answers it.
#[tauri::command]
#[specta::specta]
pub async fn bridge_reload_operations(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    app_id: String,
) -> CommandResult<AppMetadata> {
    let app = bridge_app(&state, &profile_id, &app_id)?;
    app.forget_metadata();
    Ok(app.metadata().await?.as_ref().clone())
}

/// Runs one operation with the form's text per parameter (empty = not filled). Fields are
/// checked before anything is sent (`reason: "invalid_input"`, `sent: false`, per field);
/// `Login` happens implicitly first. The answer has the status bar, `Output` and the
/// actions that may follow (`state.subsequent_actions`).
#[tauri::command]
#[specta::specta]
pub async fn bridge_run(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    app_id: String,
    operation: String,
    inputs: Inputs,
) -> CommandResult<OperationResult> {
    let app = bridge_app(&state, &profile_id, &app_id)?;
    Ok(app.run(&operation, &inputs).await?)
}

/// `Home`: SAP GUI back to the transaction's first screen (the remedy `go_home_and_retry`).
#[tauri::command]
#[specta::specta]
pub async fn bridge_home(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    app_id: String,
) -> CommandResult<BridgeState> {
    let app = bridge_app(&state, &profile_id, &app_id)?;
    Ok(app.home().await?)
}

/// `Login` now: a new bridge session (the remedy `log_on_again`; runs also log on by
/// themselves when no session is open).
#[tauri::command]
#[specta::specta]
pub async fn bridge_log_on(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    app_id: String,
) -> CommandResult<BridgeState> {
    let app = bridge_app(&state, &profile_id, &app_id)?;
    Ok(app.log_on_now().await?)
}

/// `Logout` of one app, or of every app of the system with an open bridge session when
/// `app_id` is null (disconnect). Answers how many apps were logged out. Quitting Agent Desk
/// logs out every app by itself.
#[tauri::command]
#[specta::specta]
pub async fn bridge_logout(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    app_id: Option<String>,
) -> CommandResult<u32> {
    let apps = match app_id {
        Some(app_id) => vec![bridge_app(&state, &profile_id, &app_id)?],
        None => state.bridge.open_apps(Some(&profile_id)),
    };
    let mut logged_out = 0;
    for app in apps {
        if app.is_logged_on() {
            app.logout().await?;
            logged_out += 1;
        }
    }
    Ok(logged_out)
}

/// The system's call log, oldest first: every call with request, answer and duration
/// (at most 200; headers, so cookies and authorization, are never recorded).
#[tauri::command]
#[specta::specta]
pub fn bridge_call_log(state: State<'_, AppState>, profile_id: ProfileId) -> Vec<CallLogEntry> {
    state.bridge.call_log(&profile_id).entries()
}

#[tauri::command]
#[specta::specta]
pub fn bridge_call_log_clear(state: State<'_, AppState>, profile_id: ProfileId) {
    state.bridge.call_log(&profile_id).clear();
}

/// The saved input variants of one operation, by name.
#[tauri::command]
#[specta::specta]
pub fn bridge_variants(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    app_id: String,
    operation: String,
) -> Vec<InputVariant> {
    state.bridge.variants(&profile_id, &app_id, &operation)
}

/// Saves a variant (replacing one of the same name); answers the operation's variants.
#[tauri::command]
#[specta::specta]
pub fn bridge_variant_save(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    app_id: String,
    operation: String,
    variant: InputVariant,
) -> CommandResult<Vec<InputVariant>> {
    let name = variant.name.trim().to_owned();
    if name.is_empty() {
        return Err(profiles::FieldError::new("name", "Give the variant a name.").into());
    }
    state.book.get(&profile_id)?;
    state
        .bridge
        .change_variants(&profile_id, &app_id, &operation, |variants| {
            variants.retain(|v| v.name != name);
            variants.push(InputVariant {
                name,
                inputs: variant.inputs,
            });
        })
}

/// Deletes a variant by name; answers the operation's variants.
#[tauri::command]
#[specta::specta]
pub fn bridge_variant_delete(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    app_id: String,
    operation: String,
    name: String,
) -> CommandResult<Vec<InputVariant>> {
    state
        .bridge
        .change_variants(&profile_id, &app_id, &operation, |variants| {
            variants.retain(|v| v.name != name);
        })
}

/// What a CSV check found: the columns and rows it would run, or every problem with its
/// row, line and column (then nothing can start).
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct MassRunCheck {
    pub columns: Vec<String>,
    pub rows: u32,
    pub problems: Vec<CellProblem>,
    /// All problems, also those beyond the list (at most 200 are listed).
    pub total_problems: u32,
}

/// Checks a CSV for a mass run of `operation` without starting it.
#[tauri::command]
#[specta::specta]
pub async fn bridge_mass_run_check(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    app_id: String,
    operation: String,
    csv: String,
) -> CommandResult<MassRunCheck> {
    let app = bridge_app(&state, &profile_id, &app_id)?;
    let metadata = app.metadata().await?;
    let operation = metadata.runnable_for_rows(&operation)?;
    Ok(match check_csv(operation, &csv) {
        Ok(checked) => MassRunCheck {
            columns: checked.columns,
            rows: u32::try_from(checked.rows.len()).unwrap_or(u32::MAX),
            problems: Vec::new(),
            total_problems: 0,
        },
        Err(refused) => MassRunCheck {
            columns: Vec::new(),
            rows: refused.rows,
            problems: refused.problems,
            total_problems: refused.total_problems,
        },
    })
}

/// Starts a mass run of `operation` for every row of `csv` as a job: the CSV is checked first
/// (a `validation` error names each problem's row and column, and nothing starts), then rows
/// are sent one at a time. Progress goes to `channel` (and to `job_watch`); the rows are read
/// with `bridge_mass_run`. The job is remembered across restarts; `bridge_mass_run_resume`
/// goes on where it stopped and never sends a row twice.
#[tauri::command]
#[specta::specta]
pub async fn bridge_mass_run_start(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    app_id: String,
    operation: String,
    csv: String,
    channel: Channel<JobEvent>,
) -> CommandResult<JobRecord> {
    let app = bridge_app(&state, &profile_id, &app_id)?;
    let metadata = app.metadata().await?;
    let operation = metadata.runnable_for_rows(&operation)?;
    let run_id = new_run_id();
    let path = state.bridge.journal_path(&run_id)?;
    let run = MassRun::create(&path, app.app_id(), operation, &csv).map_err(mass_run_error)?;
    let title = format!(
        "{} for {} rows ({})",
        operation.name,
        run.rows().len(),
        app.app_id()
    );
    let slot = state.bridge.add_run(&run_id, run);
    let handle = JobHandle {
        resource: MASS_RUN_RESOURCE.to_owned(),
        job_number: run_id,
        job_name: operation.name.clone(),
    };
    Ok(state.jobs.spawn(
        profile_id,
        MASS_RUN_JOB,
        title,
        Some(handle),
        channel,
        move |reporter| run_rows(app, slot, reporter),
    ))
}

/// The job's work: the pending rows, one at a time, each reported as progress.
async fn run_rows(
    app: std::sync::Arc<BridgeApp>,
    slot: std::sync::Arc<RunSlot>,
    reporter: JobReporter,
) -> Result<JobOutcome, AppError> {
    let started = Instant::now();
    let mut run = slot.run.lock().await;
    slot.stop.reset();
    slot.refresh(&run);
    let view_slot = slot.clone();
    let outcome = run
        .run(&app, &slot.stop, move |progress, row| {
            view_slot.view().update(row);
            reporter.progress(job_progress(progress, started));
        })
        .await;
    slot.refresh(&run);
    Ok(JobOutcome::MassRun(outcome.map_err(mass_run_error)?))
}

fn job_progress(progress: &MassRunProgress, started: Instant) -> JobProgress {
    let summary = &progress.summary;
    let done = summary.total - summary.pending;
    JobProgress {
        status: "running".into(),
        stage: Some("row".into()),
        message: format!(
            "Row {} {}: {} of {} done ({} succeeded, {} failed, {} unknown)",
            progress.row,
            transaction_bridge::mass_run::status_name(progress.status),
            done,
            summary.total,
            summary.succeeded,
            summary.failed,
            summary.unknown
        ),
        percent: (summary.total > 0).then(|| done * 100 / summary.total),
        current: Some(done),
        total: Some(summary.total),
        elapsed_ms: u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX),
    }
}

/// A page of a mass run's rows with their results.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct MassRunView {
    pub job_id: String,
    pub app_id: String,
    pub operation: String,
    /// The input columns (parameter names), in the CSV's order.
    pub columns: Vec<String>,
    pub summary: MassRunSummary,
    /// The job is running now.
    pub running: bool,
    /// Rows of this page (after the status filter), from `offset`.
    pub rows: Vec<MassRow>,
    pub offset: u32,
    /// Rows matching the filter in all.
    pub matching: u32,
}

/// The slot of a mass run job, found by its job id.
fn run_slot(
    state: &AppState,
    job_id: &str,
) -> Result<(JobRecord, std::sync::Arc<RunSlot>), AppError> {
    let record = state.jobs.record(job_id)?;
    let run_id = match &record.server_job {
        Some(handle) if record.kind == MASS_RUN_JOB && handle.resource == MASS_RUN_RESOURCE => {
            handle.job_number.clone()
        }
        _ => {
            return Err(AppError::not_found(
                "mass run",
                format!("job {job_id} is not a mass run"),
            ))
        }
    };
    Ok((record, state.bridge.run(&run_id)?))
}

/// The mass run's rows: `limit` rows from `offset` (all when null), only those in `status`
/// when given.
#[tauri::command]
#[specta::specta]
pub fn bridge_mass_run(
    state: State<'_, AppState>,
    job_id: String,
    offset: u32,
    limit: Option<u32>,
    status: Option<RowStatus>,
) -> CommandResult<MassRunView> {
    let (record, slot) = run_slot(&state, &job_id)?;
    let view = slot.view();
    let matching: Vec<&MassRow> = view
        .rows
        .iter()
        .filter(|row| status.is_none_or(|s| row.status == s))
        .collect();
    let limit = limit.map_or(usize::MAX, |l| l as usize);
    Ok(MassRunView {
        job_id,
        app_id: view.app_id.clone(),
        operation: view.operation.clone(),
        columns: view.columns.clone(),
        summary: view.summary(),
        running: record.state == crate::jobs::JobState::Running,
        matching: u32::try_from(matching.len()).unwrap_or(u32::MAX),
        rows: matching
            .into_iter()
            .skip(offset as usize)
            .take(limit)
            .cloned()
            .collect(),
        offset,
    })
}

/// Goes on with a stopped, failed or (after a restart) detached mass run: the pending rows
/// only. Rows sent without an answer stay `unknown` until the user retries them.
#[tauri::command]
#[specta::specta]
pub fn bridge_mass_run_resume(
    state: State<'_, AppState>,
    job_id: String,
    channel: Channel<JobEvent>,
) -> CommandResult<JobRecord> {
    restart_run(&state, &job_id, None, channel)
}

/// Runs rows again: the failed ones when `rows` is null, else the rows given (failed or
/// unknown: for an unknown row the user has checked that it did not run). Then goes on like
/// `bridge_mass_run_resume`.
#[tauri::command]
#[specta::specta]
pub fn bridge_mass_run_retry(
    state: State<'_, AppState>,
    job_id: String,
    rows: Option<Vec<u32>>,
    channel: Channel<JobEvent>,
) -> CommandResult<JobRecord> {
    restart_run(&state, &job_id, Some(rows), channel)
}

fn restart_run(
    state: &AppState,
    job_id: &str,
    retry: Option<Option<Vec<u32>>>,
    channel: Channel<JobEvent>,
) -> CommandResult<JobRecord> {
    let (record, slot) = run_slot(state, job_id)?;
    let Ok(mut run) = slot.run.clone().try_lock_owned() else {
        return Err(AppError::JobRunning {
            job_id: job_id.to_owned(),
        });
    };
    if record.state == crate::jobs::JobState::Running {
        return Err(AppError::JobRunning {
            job_id: job_id.to_owned(),
        });
    }
    match retry {
        None => {}
        Some(None) => {
            run.retry_failed().map_err(mass_run_error)?;
        }
        Some(Some(rows)) => {
            run.retry_rows(&rows).map_err(mass_run_error)?;
        }
    }
    slot.refresh(&run);
    let app = bridge_app(state, &record.profile_id, run.app_id())?;
    drop(run);
    state.jobs.reattach(job_id, channel, move |reporter| {
        run_rows(app, slot, reporter)
    });
    state.jobs.record(job_id)
}

/// Corrects a row's input (a row that did not succeed); retry it to send it. Answers the row.
#[tauri::command]
#[specta::specta]
pub async fn bridge_mass_run_edit_row(
    state: State<'_, AppState>,
    job_id: String,
    row: u32,
    inputs: Inputs,
) -> CommandResult<MassRow> {
    let (record, slot) = run_slot(&state, &job_id)?;
    let Ok(mut run) = slot.run.clone().try_lock_owned() else {
        return Err(AppError::JobRunning { job_id });
    };
    let app = bridge_app(&state, &record.profile_id, run.app_id())?;
    let metadata = app.metadata().await?;
    let operation = metadata.runnable_for_rows(run.operation())?;
    run.edit_row(operation, row, inputs)
        .map_err(mass_run_error)?;
    slot.refresh(&run);
    let edited = run.rows()[row as usize - 1].clone();
    Ok(edited)
}

/// Stops a running mass run after the row being sent (nothing is cut off mid-call).
#[tauri::command]
#[specta::specta]
pub fn bridge_mass_run_stop(state: State<'_, AppState>, job_id: String) -> CommandResult<()> {
    let (_, slot) = run_slot(&state, &job_id)?;
    slot.stop.stop();
    Ok(())
}

/// The rows with their results as CSV text (input columns, status, message type, status bar
/// message, error, output fields); the UI saves it with `save_text_file`.
#[tauri::command]
#[specta::specta]
pub fn bridge_mass_run_export(state: State<'_, AppState>, job_id: String) -> CommandResult<String> {
    let (_, slot) = run_slot(&state, &job_id)?;
    let view = slot.view();
    export_csv(&view.columns, &view.rows).map_err(mass_run_error)
}

/// 64 random bits, hex: the journal's file name.
fn new_run_id() -> String {
    use rand::Rng;
    format!("{:016x}", rand::rng().random::<u64>())
}
