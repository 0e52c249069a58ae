//! Syntax checks of local abapGit files: the request is assembled from the files (companions,
//! FIXPT/SUBC from the XML) by `abapgit_agent::checkout`, and results point back at the files.

use std::path::PathBuf;

use abapgit_agent::checkout::{syntax_request_for, CheckoutError, LocatedDiagnostic, SourceMap};
use abapgit_agent::{AgentClient, SyntaxRequest, SyntaxResult};
use profiles::ProfileId;
use serde::Serialize;
use tauri::State;

use crate::error::{AppError, CommandResult};
use crate::file_access::Access;
use crate::state::AppState;

/// A `/syntax` request built from local files, and the map from its includes to the files.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CheckoutResult {
    pub request: SyntaxRequest,
    pub source_map: SourceMap,
}

/// A syntax check of local files: the server's answer and every diagnostic with its file.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct FileSyntaxResult {
    pub result: SyntaxResult,
    pub source_map: SourceMap,
    /// Errors, then warnings, then infos of each object, with file path and line.
    pub diagnostics: Vec<LocatedDiagnostic>,
}

/// Reads local abapGit files (handles from `pick_files`; any file of an object selects the
/// whole object) into one
/// `/syntax` request. Unreadable files and unsupported names are `invalid_file`.
#[tauri::command]
#[specta::specta]
pub async fn agent_checkout_files(
    state: State<'_, AppState>,
    files: Vec<String>,
) -> CommandResult<CheckoutResult> {
    let (request, source_map) = read_checkout(&state, files).await?;
    Ok(CheckoutResult {
        request,
        source_map,
    })
}

/// Assembles the request from local files, runs `/syntax` on the profile's system, and maps
/// every diagnostic back to its file and line.
#[tauri::command]
#[specta::specta]
pub async fn agent_syntax_files(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    files: Vec<String>,
) -> CommandResult<FileSyntaxResult> {
    let client: AgentClient = super::agent::agent(&state, &profile_id)?;
    let (request, source_map) = read_checkout(&state, files).await?;
    let result = client.syntax(&request).await?;
    Ok(FileSyntaxResult {
        diagnostics: source_map.locate_all(&result),
        result,
        source_map,
    })
}

/// `files` are handles from `pick_files`. File reading is blocking I/O: off the async workers.
async fn read_checkout(
    state: &AppState,
    files: Vec<String>,
) -> Result<(SyntaxRequest, SourceMap), AppError> {
    if files.is_empty() {
        return Err(AppError::InvalidFile {
            path: String::new(),
            message: "no files were given".to_owned(),
        });
    }
    let paths = files
        .iter()
        .map(|file| state.files.path(file, Access::Read))
        .collect::<Result<Vec<PathBuf>, AppError>>()?;
    tauri::async_runtime::spawn_blocking(move || syntax_request_for(&paths, None))
        .await
        .map_err(|error| AppError::storage(format!("reading the files stopped: {error}")))?
        .map_err(invalid_file)
}

fn invalid_file(error: CheckoutError) -> AppError {
    AppError::InvalidFile {
        path: error.path().to_owned(),
        message: error.to_string(),
    }
}
