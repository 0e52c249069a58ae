//! The store file as the window sees it: what was found at start, and restoring the backup.

use tauri::State;

use crate::error::{AppError, CommandResult};
use crate::persistence::{display, AppStore, StoreStatus};
use crate::state::AppState;

/// What was found in the store file at start (damaged and kept, entries skipped, too new,
/// held by another instance) and whether a backup can be restored.
#[tauri::command]
#[specta::specta]
pub fn store_status(store: State<'_, AppStore>) -> StoreStatus {
    store.status()
}

/// Puts the previous version of the store file back (asking the user first is the UI's job)
/// The replaced file is kept; its path is answered. What the app holds in memory is the replaced
/// version, so the store refuses writes until Agent Desk is started again (the UI says so).
#[tauri::command]
#[specta::specta]
pub fn store_restore_backup(
    store: State<'_, AppStore>,
    state: State<'_, AppState>,
) -> CommandResult<String> {
    if let Some(job) = state
        .jobs
        .list()
        .into_iter()
        .find(|job| job.state == crate::jobs::JobState::Running)
    {
        return Err(AppError::JobRunning { job_id: job.id });
    }
    let kept = store
        .file
        .restore_backup()
        .map_err(|error| AppError::Storage {
            message: error.to_string(),
        })?;
    tracing::warn!(replaced = %kept.display(), "the store file's backup was restored");
    store.update(|status| status.restored = true);
    Ok(display(&kept))
}
