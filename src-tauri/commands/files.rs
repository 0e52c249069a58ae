//! Text files the user exports (JUnit XML, CSV). The path comes from the native save dialog
//! opened here, never from the webview, so the UI cannot write where the user did not choose.

use std::path::{Path, PathBuf};

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::{AppError, CommandResult};

/// Asks where to save (starting with `suggested_name`, offering the `filter_name` filter for
/// `extensions` such as `["xml"]`) and writes `content` there. Answers the path written, or
/// `null` when the user cancelled.
#[tauri::command]
#[specta::specta]
pub async fn save_text_file<R: Runtime>(
    app: AppHandle<R>,
    suggested_name: String,
    content: String,
    filter_name: String,
    extensions: Vec<String>,
) -> CommandResult<Option<String>> {
    let mut dialog = app.dialog().file().set_file_name(&suggested_name);
    if !extensions.is_empty() {
        let patterns: Vec<&str> = extensions.iter().map(String::as_str).collect();
        dialog = dialog.add_filter(&filter_name, &patterns);
    }
    let (chosen_tx, chosen_rx) = tokio::sync::oneshot::channel();
    dialog.save_file(move |chosen| {
        let _ = chosen_tx.send(chosen);
    });
    let Some(chosen) = chosen_rx.await.ok().flatten() else {
        return Ok(None);
    };
    let shown = chosen.to_string();
    let path = chosen.into_path().map_err(|error| AppError::InvalidFile {
        path: shown,
        message: error.to_string(),
    })?;
    let path = with_default_extension(path, &extensions);
    write_text_file(&path, &content).await?;
    Ok(Some(path.display().to_string()))
}

/// Writes (or replaces) a text file; the part of [`save_text_file`] after the dialog.
pub async fn write_text_file(path: &Path, content: &str) -> Result<(), AppError> {
    tokio::fs::write(path, content)
        .await
        .map_err(|error| AppError::storage(format!("cannot write {}: {error}", path.display())))
}

/// Some dialogs (GTK) do not add the filter's extension to a name typed without one.
pub fn with_default_extension(path: PathBuf, extensions: &[String]) -> PathBuf {
    match extensions.first() {
        Some(extension) if path.extension().is_none() && !extension.is_empty() => {
            path.with_extension(extension.trim_start_matches('.'))
        }
        _ => path,
    }
}
