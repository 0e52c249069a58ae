//! The embedded sandbox system.

use profiles::ProfileView;
use tauri::State;

use crate::error::CommandResult;
use crate::sandbox_system::SandboxInfo;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub fn sandbox_info(state: State<'_, AppState>) -> SandboxInfo {
    state.sandbox.info(&state.book)
}

/// Recreates the demo profiles, abapGit Agent and Focused Build (after they were deleted or
/// edited); answers the abapGit Agent one.
#[tauri::command]
#[specta::specta]
pub fn sandbox_reset_profile(state: State<'_, AppState>) -> CommandResult<ProfileView> {
    let view = state.sandbox.reset_profile(&state.book)?;
    Ok(view)
}

/// Puts the sandbox's demo data (repositories, transports, dropped objects, work items) back
/// as shipped. Asking the user first is the UI's job.
#[tauri::command]
#[specta::specta]
pub fn sandbox_reset_data(state: State<'_, AppState>) -> CommandResult<()> {
    state.sandbox.reset_data()
}
