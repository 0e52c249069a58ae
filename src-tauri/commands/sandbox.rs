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
