//! Native file dialogs, opened here and never by the webview (see [`crate::file_access`]),
//! and the text files the user exports (JUnit XML, CSV).

use std::path::Path;

use tauri::{AppHandle, Runtime, State};

use abapgit_agent::junit::{self, JUnitObject, JUnitRun};
use abapgit_agent::UnitResult;

use crate::error::{AppError, CommandResult};
use crate::file_access::{self, Access, FileFilter, PickedFile};
use crate::state::AppState;

/// Opens the native open dialog. Answers a handle per chosen file (none when cancelled);
/// the commands that read files take these handles.
#[tauri::command]
#[specta::specta]
pub async fn pick_files<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    title: String,
    multiple: bool,
    filters: Vec<FileFilter>,
) -> CommandResult<Vec<PickedFile>> {
    let chosen = file_access::pick_open(&app, &title, multiple, &filters).await?;
    Ok(chosen
        .into_iter()
        .map(|path| state.files.grant(path, Access::Read))
        .collect())
}

/// Opens the native save dialog on `suggested_name` (reduced to a base name, with the
/// filter's extension), so that the dialog asks before replacing a file. Answers a handle
/// that the command writing the file takes, or `null` when cancelled.
#[tauri::command]
#[specta::specta]
pub async fn pick_save_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    title: String,
    suggested_name: String,
    filter: Option<FileFilter>,
) -> CommandResult<Option<PickedFile>> {
    let extension = filter
        .as_ref()
        .and_then(|f| f.extensions.first())
        .map(String::as_str);
    let suggested = file_access::suggested_with_extension(&suggested_name, extension);
    let chosen = file_access::pick_save(&app, &title, &suggested, filter.as_ref()).await?;
    Ok(chosen.map(|path| state.files.grant(path, Access::Write)))
}

/// Asks where to save (starting with `suggested_name` and the first of `extensions`) and
/// writes `content` there. Answers the path written, or `null` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_text_file<R: Runtime>(
    app: AppHandle<R>,
    suggested_name: String,
    content: String,
    filter_name: String,
    extensions: Vec<String>,
) -> CommandResult<Option<String>> {
    let filter = (!extensions.is_empty()).then(|| FileFilter {
        name: filter_name,
        extensions: extensions.clone(),
    });
    let suggested = file_access::suggested_with_extension(
        &suggested_name,
        extensions.first().map(String::as_str),
    );
    let title = format!("Save {suggested}");
    // The name is written as the dialog answered it: adding an extension afterwards could
    // replace a file the dialog never asked about.
    let Some(path) = file_access::pick_save(&app, &title, &suggested, filter.as_ref()).await?
    else {
        return Ok(None);
    };
    write_text_file(&path, &content).await?;
    Ok(Some(path.display().to_string()))
}

/// The most a text file read for the UI may hold (a mass run's CSV of many thousand rows).
const MAX_TEXT_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Reads a text file the user chose in `pick_files` (its handle), e.g. the CSV of a mass run:
/// UTF-8 (a byte order mark is dropped), at most 32 MB.
#[tauri::command]
#[specta::specta]
pub async fn read_text_file(state: State<'_, AppState>, file: String) -> CommandResult<String> {
    let path = state.files.path(&file, Access::Read)?;
    let invalid = |message: String| AppError::InvalidFile {
        path: path.display().to_string(),
        message,
    };
    let size = tokio::fs::metadata(&path)
        .await
        .map_err(|error| invalid(format!("cannot read it: {error}")))?
        .len();
    if size > MAX_TEXT_FILE_BYTES {
        return Err(invalid(format!(
            "it has {} MB; at most {} MB can be opened",
            size / (1024 * 1024),
            MAX_TEXT_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|error| invalid(format!("cannot read it: {error}")))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        invalid("it is not UTF-8 text: save it from the spreadsheet as CSV UTF-8".to_owned())
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_owned)
        .unwrap_or(text))
}

/// Writes an ABAP Unit result as JUnit XML into `file` (a handle from `pick_save_file`).
/// `classes_under_test` are the classes the run was for.
#[tauri::command]
#[specta::specta]
pub async fn junit_save_unit(
    state: State<'_, AppState>,
    file: String,
    run: JUnitRun,
    result: UnitResult,
    classes_under_test: Vec<String>,
) -> CommandResult<String> {
    let path = state.files.path(&file, Access::Write)?;
    write_text_file(
        &path,
        &junit::unit_report(&run, &result, &classes_under_test),
    )
    .await?;
    Ok(path.display().to_string())
}

/// Writes a syntax check or inspection as JUnit XML into `file` (a handle from
/// `pick_save_file`).
#[tauri::command]
#[specta::specta]
pub async fn junit_save_checks(
    state: State<'_, AppState>,
    file: String,
    run: JUnitRun,
    objects: Vec<JUnitObject>,
) -> CommandResult<String> {
    let path = state.files.path(&file, Access::Write)?;
    write_text_file(&path, &junit::checks_report(&run, &objects)).await?;
    Ok(path.display().to_string())
}

/// Writes (or replaces) a text file.
pub async fn write_text_file(path: &Path, content: &str) -> Result<(), AppError> {
    tokio::fs::write(path, content)
        .await
        .map_err(|error| AppError::storage(format!("cannot write {}: {error}", path.display())))
}
