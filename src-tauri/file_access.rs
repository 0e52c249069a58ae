//! Files the user chose in a native dialog that the app opened. The webview never names a
//! path: it asks for a dialog and gets back opaque handles, which the file commands take.
//! So a compromised or buggy page cannot make the app read or write where the user did not
//! choose.
//!
//! End-to-end tests cannot drive the native dialogs; with `AGENT_DESK_DIALOG_ANSWERS` set to
//! a JSON file (`{"open": ["/path", ...], "save": "/path"}`) the dialogs answer from it
//! instead. The variable is read from the app's environment, out of the webview's reach.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rand::Rng;
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

use crate::error::AppError;

/// The environment variable that replaces the native dialogs in end-to-end tests.
pub const DIALOG_ANSWERS_ENV: &str = "AGENT_DESK_DIALOG_ANSWERS";

/// What the app may do with a chosen file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// A file chosen in a dialog, as the webview sees it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PickedFile {
    /// Pass this to the command that reads or writes the file.
    pub handle: String,
    /// The file name, for display.
    pub name: String,
    /// The full path, for display (and for settings that keep a path, such as a CA file).
    pub path: String,
}

/// A filter offered in the dialog: `{"name": "XML", "extensions": ["xml"]}`.
#[derive(Debug, Clone, Deserialize, specta::Type)]
pub struct FileFilter {
    pub name: String,
    pub extensions: Vec<String>,
}

/// The handles handed out in this run of the app.
#[derive(Default)]
pub struct FileGrants {
    grants: Mutex<HashMap<String, (PathBuf, Access)>>,
}

impl FileGrants {
    /// Records a chosen file and answers its handle.
    pub fn grant(&self, path: PathBuf, access: Access) -> PickedFile {
        let handle = format!("{:032x}", rand::rng().random::<u128>());
        let picked = PickedFile {
            handle: handle.clone(),
            name: path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path: path.display().to_string(),
        };
        self.lock().insert(handle, (path, access));
        picked
    }

    /// The path behind a handle, if it was granted for `access`.
    pub fn path(&self, handle: &str, access: Access) -> Result<PathBuf, AppError> {
        match self.lock().get(handle) {
            Some((path, granted)) if *granted == access => Ok(path.clone()),
            _ => Err(AppError::InvalidFile {
                path: String::new(),
                message: "choose the file again: the app only uses files picked in its own dialogs"
                    .to_owned(),
            }),
        }
    }

    /// Whether `path` was chosen in an open dialog of this run (settings that keep a path,
    /// such as the CA file, accept only those).
    pub fn was_picked_for_reading(&self, path: &str) -> bool {
        self.lock()
            .values()
            .any(|(granted, access)| *access == Access::Read && granted == Path::new(path))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, (PathBuf, Access)>> {
        self.grants
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Scripted answers for end-to-end tests (see the module documentation).
#[derive(Debug, Default, Deserialize)]
struct ScriptedAnswers {
    #[serde(default)]
    open: Vec<PathBuf>,
    #[serde(default)]
    save: Option<PathBuf>,
}

fn scripted_answers() -> Option<ScriptedAnswers> {
    let file = std::env::var_os(DIALOG_ANSWERS_ENV)?;
    let text = std::fs::read_to_string(file).ok()?;
    serde_json::from_str(&text).ok()
}

/// Opens the native open dialog; empty when the user cancelled.
pub async fn pick_open<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    multiple: bool,
    filters: &[FileFilter],
) -> Result<Vec<PathBuf>, AppError> {
    if let Some(answers) = scripted_answers() {
        return Ok(answers.open);
    }
    let mut dialog = app.dialog().file().set_title(title);
    for filter in filters {
        let patterns: Vec<&str> = filter.extensions.iter().map(String::as_str).collect();
        dialog = dialog.add_filter(&filter.name, &patterns);
    }
    let (chosen_tx, chosen_rx) = tokio::sync::oneshot::channel();
    if multiple {
        dialog.pick_files(move |chosen| {
            let _ = chosen_tx.send(chosen.unwrap_or_default());
        });
    } else {
        dialog.pick_file(move |chosen| {
            let _ = chosen_tx.send(chosen.into_iter().collect());
        });
    }
    chosen_rx
        .await
        .unwrap_or_default()
        .into_iter()
        .map(into_path)
        .collect()
}

/// Opens the native save dialog on `suggested_name` (its extension included, so that the
/// dialog's own overwrite question covers the name written); `None` when cancelled.
pub async fn pick_save<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    suggested_name: &str,
    filter: Option<&FileFilter>,
) -> Result<Option<PathBuf>, AppError> {
    if let Some(answers) = scripted_answers() {
        return Ok(answers.save);
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(suggested_name);
    if let Some(filter) = filter {
        let patterns: Vec<&str> = filter.extensions.iter().map(String::as_str).collect();
        dialog = dialog.add_filter(&filter.name, &patterns);
    }
    let (chosen_tx, chosen_rx) = tokio::sync::oneshot::channel();
    dialog.save_file(move |chosen| {
        let _ = chosen_tx.send(chosen);
    });
    chosen_rx.await.ok().flatten().map(into_path).transpose()
}

fn into_path(chosen: tauri_plugin_dialog::FilePath) -> Result<PathBuf, AppError> {
    let shown = chosen.to_string();
    chosen.into_path().map_err(|error| AppError::InvalidFile {
        path: shown,
        message: error.to_string(),
    })
}

/// `name` with `extension` unless it already ends with it: the name the save dialog starts on.
pub fn suggested_with_extension(name: &str, extension: Option<&str>) -> String {
    let name = sap_http::clean_file_name(name);
    match extension.map(|e| e.trim_start_matches('.')) {
        Some(extension)
            if !extension.is_empty()
                && !name
                    .to_ascii_lowercase()
                    .ends_with(&format!(".{}", extension.to_ascii_lowercase())) =>
        {
            format!("{name}.{extension}")
        }
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handle_opens_only_its_own_file_for_its_own_access() {
        let grants = FileGrants::default();
        let read = grants.grant(PathBuf::from("/tmp/in.txt"), Access::Read);
        let write = grants.grant(PathBuf::from("/tmp/out.txt"), Access::Write);
        assert_eq!(read.name, "in.txt");
        assert_eq!(
            grants.path(&read.handle, Access::Read).unwrap(),
            Path::new("/tmp/in.txt")
        );
        assert!(grants.path(&read.handle, Access::Write).is_err());
        assert!(grants.path(&write.handle, Access::Read).is_err());
        assert!(grants.path("/etc/passwd", Access::Read).is_err());
        assert!(grants.was_picked_for_reading("/tmp/in.txt"));
        assert!(!grants.was_picked_for_reading("/tmp/out.txt"));
    }

    #[test]
    fn the_save_dialog_starts_on_a_clean_name_with_its_extension() {
        assert_eq!(
            suggested_with_extension("unit-results", Some("xml")),
            "unit-results.xml"
        );
        assert_eq!(suggested_with_extension("a.XML", Some(".xml")), "a.XML");
        assert_eq!(suggested_with_extension("../../x.sh", None), "x.sh");
        assert_eq!(
            suggested_with_extension("~/.bashrc", Some("txt")),
            "bashrc.txt"
        );
    }
}
