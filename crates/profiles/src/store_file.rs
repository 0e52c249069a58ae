//! The app's store file (`agent-desk.json`): one JSON object with a document per key
//! (`profiles`, `jobs`, `sandbox`), read and written so that nothing is lost.
//!
//! - Opening never erases: a file that does not parse is renamed aside
//!   (`agent-desk.json.damaged-<timestamp>`) and reported as [`LoadOutcome::Damaged`].
//! - A file written by a newer Agent Desk, or a data folder another instance holds, is
//!   opened read-only ([`LoadOutcome::TooNew`], [`LoadOutcome::Locked`]): no write at all.
//! - Writes are atomic: a temporary file in the same folder, fsync, rename, fsync of the folder.
//!   A crash leaves either the old or the new file, never a mix.
//! - The file as it was at start is kept as `agent-desk.json.bak` before the first write of a
//!   session, so the previous version can be restored ([`StoreFile::restore_backup`]).
//! - The folder is created 0700 and every file 0600 on Unix: only the user reads them.
//! - A document changes in memory only after it is on disk: a failed save leaves nothing behind
//!   that the next save of another key would write.
//!
//! Tools (the command-line companion) use [`StoreFile::open_read_only`]: no lock, no writes.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::{Map, Value};

use crate::book::DocumentStore;
use crate::migration::CURRENT_SCHEMA_VERSION;

/// What was found when the store file was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadOutcome {
    /// No file yet: the documents start empty.
    Missing,
    /// The file was read.
    Loaded,
    /// The file did not parse. It was renamed to `quarantined_path` (kept, never overwritten);
    /// the documents start empty.
    Damaged {
        quarantined_path: PathBuf,
        reason: String,
    },
    /// Written by a newer Agent Desk (`version` > [`CURRENT_SCHEMA_VERSION`]). Read-only.
    TooNew { version: u64 },
    /// Another Agent Desk holds this data folder. Nothing was read; read-only.
    Locked,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreFileError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("the store file is read-only: {0}")]
    ReadOnly(String),
    #[error("no backup to restore")]
    NoBackup,
    #[error("the backup {path} cannot be read: {reason}")]
    BadBackup { path: PathBuf, reason: String },
}

/// The store file, opened. Cheap to share (`Arc`); every method takes `&self`.
pub struct StoreFile {
    path: PathBuf,
    /// Why saves are refused (too new, locked, read-only tool, restored), if they are.
    read_only: Mutex<Option<String>>,
    state: Mutex<State>,
    // Held for the life of the app: the OS releases it when the process ends, even on a crash.
    _lock: Option<File>,
}

struct State {
    documents: Map<String, Value>,
    /// Whether `.bak` was already written this session.
    backed_up: bool,
}

impl StoreFile {
    /// Opens the store for the app: locks the folder, reads the file, quarantines it if damaged.
    /// Errors only for I/O failures that leave nothing to work with (the folder cannot be created).
    pub fn open(path: impl Into<PathBuf>) -> Result<(Arc<Self>, LoadOutcome), StoreFileError> {
        let path = path.into();
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            create_private_dir(folder)?;
        }
        let lock = match take_lock(&lock_path(&path))? {
            Some(lock) => lock,
            None => {
                let store = Self::new(path, Map::new(), Some(locked_message()), None);
                return Ok((store, LoadOutcome::Locked));
            }
        };
        match read(&path)? {
            Read::Missing => Ok((
                Self::new(path, Map::new(), None, Some(lock)),
                LoadOutcome::Missing,
            )),
            Read::Parsed(documents) => match newer_version(&documents) {
                Some(version) => {
                    let why = too_new_message(version);
                    Ok((
                        Self::new(path, documents, Some(why), Some(lock)),
                        LoadOutcome::TooNew { version },
                    ))
                }
                None => Ok((
                    Self::new(path, documents, None, Some(lock)),
                    LoadOutcome::Loaded,
                )),
            },
            Read::Damaged(reason) => {
                let quarantined_path = quarantine(&path, "damaged")?;
                tracing::error!(path = %path.display(), kept = %quarantined_path.display(), %reason,
                    "the store file is damaged: kept aside, starting empty");
                Ok((
                    Self::new(path, Map::new(), None, Some(lock)),
                    LoadOutcome::Damaged {
                        quarantined_path,
                        reason,
                    },
                ))
            }
        }
    }

    /// Reads the store without locking and without ever writing (tools next to a running app).
    /// A damaged file is an error here; nothing is renamed.
    pub fn open_read_only(path: impl Into<PathBuf>) -> Result<Arc<Self>, StoreFileError> {
        let path = path.into();
        let documents = match read(&path)? {
            Read::Missing => Map::new(),
            Read::Parsed(documents) => documents,
            Read::Damaged(reason) => {
                return Err(StoreFileError::Io {
                    path,
                    source: io::Error::new(io::ErrorKind::InvalidData, reason),
                })
            }
        };
        let why = "opened read-only".to_owned();
        Ok(Self::new(path, documents, Some(why), None))
    }

    fn new(
        path: PathBuf,
        documents: Map<String, Value>,
        read_only: Option<String>,
        lock: Option<File>,
    ) -> Arc<Self> {
        Arc::new(Self {
            path,
            read_only: Mutex::new(read_only),
            state: Mutex::new(State {
                documents,
                backed_up: false,
            }),
            _lock: lock,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where the previous version is kept.
    pub fn backup_path(&self) -> PathBuf {
        sibling(&self.path, ".bak")
    }

    /// Whether a backup exists to offer for restoring.
    pub fn has_backup(&self) -> bool {
        self.backup_path().is_file()
    }

    /// Whether saves are refused (and why).
    pub fn read_only_reason(&self) -> Option<String> {
        self.read_only_guard().clone()
    }

    fn refuse_if_read_only(&self) -> Result<(), StoreFileError> {
        match self.read_only_guard().as_ref() {
            Some(why) => Err(StoreFileError::ReadOnly(why.clone())),
            None => Ok(()),
        }
    }

    fn read_only_guard(&self) -> MutexGuard<'_, Option<String>> {
        self.read_only
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The document under `key`, or `Value::Null` when there is none.
    pub fn get(&self, key: &str) -> Value {
        self.lock()
            .documents
            .get(key)
            .cloned()
            .unwrap_or(Value::Null)
    }

    /// Replaces the document under `key` and writes the whole file atomically. The document
    /// changes in memory only when the write succeeded.
    pub fn save(&self, key: &str, document: &Value) -> Result<(), StoreFileError> {
        self.refuse_if_read_only()?;
        let mut state = self.lock();
        let mut next = state.documents.clone();
        next.insert(key.to_owned(), document.clone());
        if !state.backed_up {
            back_up(&self.path, &self.backup_path())?;
            state.backed_up = true;
        }
        write_atomically(&self.path, &to_bytes(&next))?;
        state.documents = next;
        Ok(())
    }

    /// Puts the backup back in place of the current file, whose content is kept as
    /// `agent-desk.json.replaced-<timestamp>`; returns that path. The documents are reloaded,
    /// and the store turns read-only: what the app holds in memory is the replaced version, so
    /// it must start again to use the restored one (and must not write the old one over it).
    pub fn restore_backup(&self) -> Result<PathBuf, StoreFileError> {
        self.refuse_if_read_only()?;
        let backup = self.backup_path();
        let documents = match read(&backup)? {
            Read::Missing => return Err(StoreFileError::NoBackup),
            Read::Damaged(reason) => {
                return Err(StoreFileError::BadBackup {
                    path: backup,
                    reason,
                })
            }
            Read::Parsed(documents) => documents,
        };
        if newer_version(&documents).is_some() {
            return Err(StoreFileError::BadBackup {
                path: backup,
                reason: "written by a newer Agent Desk".into(),
            });
        }
        let mut state = self.lock();
        let kept = if self.path.exists() {
            let kept = timestamped(&self.path, "replaced");
            copy_private(&self.path, &kept)?;
            kept
        } else {
            PathBuf::new()
        };
        write_atomically(&self.path, &to_bytes(&documents))?;
        state.documents = documents;
        *self.read_only_guard() = Some("a backup was restored: start Agent Desk again".into());
        Ok(kept)
    }

    /// A [`DocumentStore`] for one key of this file.
    pub fn document(self: &Arc<Self>, key: &'static str) -> KeyDocument {
        KeyDocument {
            file: self.clone(),
            key,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// One key of a [`StoreFile`], as the profile book and the job list use it.
pub struct KeyDocument {
    file: Arc<StoreFile>,
    key: &'static str,
}

impl DocumentStore for KeyDocument {
    fn load(&self) -> Result<Value, String> {
        Ok(self.file.get(self.key))
    }

    fn save(&self, document: &Value) -> Result<(), String> {
        self.file
            .save(self.key, document)
            .map_err(|error| error.to_string())
    }
}

enum Read {
    Missing,
    Parsed(Map<String, Value>),
    Damaged(String),
}

fn read(path: &Path) -> Result<Read, StoreFileError> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Read::Missing),
        Err(source) => return Err(io_error(path, source)),
    };
    Ok(match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(documents)) => Read::Parsed(documents),
        Ok(_) => Read::Damaged("the file is JSON but not an object of documents".into()),
        Err(error) => Read::Damaged(format!("not valid JSON ({error})")),
    })
}

/// The newest `schema_version` found (top level or in a document) if this build cannot read it.
fn newer_version(documents: &Map<String, Value>) -> Option<u64> {
    let top = documents.get("schema_version");
    let inner = documents.values().filter_map(|d| d.get("schema_version"));
    top.into_iter()
        .chain(inner)
        .filter_map(Value::as_u64)
        .filter(|v| *v > u64::from(CURRENT_SCHEMA_VERSION))
        .max()
}

fn too_new_message(version: u64) -> String {
    format!(
        "the file was written by a newer Agent Desk (schema {version}; this version reads up to {CURRENT_SCHEMA_VERSION})"
    )
}

fn locked_message() -> String {
    "another Agent Desk is using this data folder".to_owned()
}

fn to_bytes(documents: &Map<String, Value>) -> Vec<u8> {
    // A map of JSON values always serializes.
    serde_json::to_vec_pretty(documents).unwrap_or_default()
}

/// `None` when another process holds the lock.
fn take_lock(path: &Path) -> Result<Option<File>, StoreFileError> {
    let file = private_options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|e| io_error(path, e))?;
    match file.try_lock() {
        Ok(()) => Ok(Some(file)),
        Err(fs::TryLockError::WouldBlock) => Ok(None),
        Err(fs::TryLockError::Error(source)) => Err(io_error(path, source)),
    }
}

/// Temporary file in the same folder, fsync, rename over the target, fsync the folder.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreFileError> {
    let temporary = write_temporary(path, bytes)?;
    fs::rename(&temporary, path).map_err(|e| io_error(path, e))?;
    sync_folder(path)
}

/// The first half of [`write_atomically`] (tests stop here to play a crash before the rename).
fn write_temporary(path: &Path, bytes: &[u8]) -> Result<PathBuf, StoreFileError> {
    let temporary = sibling(path, ".tmp");
    let mut file = private_options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&temporary)
        .map_err(|e| io_error(&temporary, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| io_error(&temporary, e))?;
    Ok(temporary)
}

fn sync_folder(path: &Path) -> Result<(), StoreFileError> {
    #[cfg(unix)]
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        File::open(folder)
            .and_then(|dir| dir.sync_all())
            .map_err(|e| io_error(folder, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Keeps the file as it was at start as the backup (atomically, so a crash keeps the old one).
fn back_up(path: &Path, backup: &Path) -> Result<(), StoreFileError> {
    match fs::read(path) {
        Ok(bytes) => write_atomically(backup, &bytes),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(io_error(path, source)),
    }
}

fn quarantine(path: &Path, why: &str) -> Result<PathBuf, StoreFileError> {
    let kept = timestamped(path, why);
    fs::rename(path, &kept).map_err(|e| io_error(path, e))?;
    sync_folder(path)?;
    make_private(&kept, 0o600)?;
    Ok(kept)
}

fn copy_private(from: &Path, to: &Path) -> Result<(), StoreFileError> {
    let bytes = fs::read(from).map_err(|e| io_error(from, e))?;
    write_atomically(to, &bytes)
}

/// `agent-desk.json.<why>-20261205T090102.123Z`, never an existing name.
fn timestamped(path: &Path, why: &str) -> PathBuf {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let mut candidate = sibling(path, &format!(".{why}-{stamp}"));
    let mut n = 1;
    while candidate.exists() {
        candidate = sibling(path, &format!(".{why}-{stamp}-{n}"));
        n += 1;
    }
    candidate
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

fn lock_path(path: &Path) -> PathBuf {
    sibling(path, ".lock")
}

fn private_options() -> OpenOptions {
    #[allow(unused_mut)]
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Creates the folder for the user only; an existing one (an older version created it with the
/// default mode) is narrowed to the user.
fn create_private_dir(folder: &Path) -> Result<(), StoreFileError> {
    if folder.is_dir() {
        return make_private(folder, 0o700);
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(folder).map_err(|e| io_error(folder, e))
}

fn make_private(path: &Path, mode: u32) -> Result<(), StoreFileError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let current = fs::metadata(path)
            .map_err(|e| io_error(path, e))?
            .permissions();
        if current.mode() & 0o077 != 0 {
            fs::set_permissions(path, fs::Permissions::from_mode(mode))
                .map_err(|e| io_error(path, e))?;
        }
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

fn io_error(path: &Path, source: io::Error) -> StoreFileError {
    StoreFileError::Io {
        path: path.to_owned(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn store_path(dir: &tempfile::TempDir) -> PathBuf {
        dir.path().join("data").join("agent-desk.json")
    }

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn on_disk(path: &Path) -> Value {
        serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
    }

    #[test]
    fn a_missing_file_starts_empty_and_the_first_save_creates_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = store_path(&dir);
        let (store, outcome) = StoreFile::open(&path).unwrap();
        assert_eq!(outcome, LoadOutcome::Missing);
        assert_eq!(store.get("profiles"), Value::Null);
        store.save("jobs", &json!([1])).unwrap();
        assert_eq!(on_disk(&path), json!({"jobs": [1]}));
        assert!(!store.has_backup(), "nothing existed to back up");
    }

    #[test]
    fn keys_are_saved_side_by_side_in_the_existing_format() {
        let dir = tempfile::tempdir().unwrap();
        let path = store_path(&dir);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(
            &path,
            r#"{"profiles":{"schema_version":1,"profiles":[]},"sandbox":{"a":1}}"#,
        )
        .unwrap();
        let (store, outcome) = StoreFile::open(&path).unwrap();
        assert_eq!(outcome, LoadOutcome::Loaded);
        store.save("jobs", &json!([])).unwrap();
        assert_eq!(
            on_disk(&path),
            json!({"profiles":{"schema_version":1,"profiles":[]},"sandbox":{"a":1},"jobs":[]})
        );
    }

    #[test]
    fn truncated_and_garbled_files_are_kept_aside_never_overwritten() {
        for damage in [
            &br#"{"profiles":{"schema_version":1,"profi"#[..],
            b"\x00\xffgarbage",
            b"[1,2]",
        ] {
            let dir = tempfile::tempdir().unwrap();
            let path = store_path(&dir);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, damage).unwrap();
            let (store, outcome) = StoreFile::open(&path).unwrap();
            let LoadOutcome::Damaged {
                quarantined_path, ..
            } = outcome
            else {
                panic!("{outcome:?}")
            };
            assert_eq!(fs::read(&quarantined_path).unwrap(), damage);
            assert!(quarantined_path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("agent-desk.json.damaged-"));
            store
                .save("profiles", &json!({"schema_version": 1, "profiles": []}))
                .unwrap();
            assert_eq!(
                fs::read(&quarantined_path).unwrap(),
                damage,
                "kept as found"
            );
        }
    }

    #[test]
    fn a_crash_between_write_and_rename_leaves_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = store_path(&dir);
        let (store, _) = StoreFile::open(&path).unwrap();
        store.save("jobs", &json!(["old"])).unwrap();
        // The crash: the new content reached the temporary file, the rename never happened.
        let temporary = write_temporary(&path, br#"{"jobs":["new"#).unwrap();
        assert!(temporary.exists());
        drop(store);
        let (store, outcome) = StoreFile::open(&path).unwrap();
        assert_eq!(outcome, LoadOutcome::Loaded);
        assert_eq!(store.get("jobs"), json!(["old"]));
        store.save("jobs", &json!(["next"])).unwrap();
        assert_eq!(on_disk(&path), json!({"jobs": ["next"]}));
    }

    #[test]
    fn a_newer_schema_is_read_only_and_the_file_stays_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = store_path(&dir);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = r#"{"profiles":{"schema_version":7,"profiles":[{"x":1}]}}"#;
        fs::write(&path, text).unwrap();
        let (store, outcome) = StoreFile::open(&path).unwrap();
        assert_eq!(outcome, LoadOutcome::TooNew { version: 7 });
        let error = store.save("jobs", &json!([])).unwrap_err();
        assert!(matches!(error, StoreFileError::ReadOnly(_)), "{error}");
        assert!(store.restore_backup().is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), text);
        assert!(!store.has_backup());
    }

    #[test]
    fn a_second_opener_of_the_folder_is_locked_out_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = store_path(&dir);
        let (first, _) = StoreFile::open(&path).unwrap();
        first
            .save("profiles", &json!({"schema_version": 1, "profiles": ["a"]}))
            .unwrap();
        let (second, outcome) = StoreFile::open(&path).unwrap();
        assert_eq!(outcome, LoadOutcome::Locked);
        assert!(second.save("profiles", &json!({})).is_err());
        assert_eq!(on_disk(&path)["profiles"]["profiles"], json!(["a"]));
        drop(first);
        let (_third, outcome) = StoreFile::open(&path).unwrap();
        assert_eq!(
            outcome,
            LoadOutcome::Loaded,
            "the lock goes with its holder"
        );
    }

    #[test]
    fn a_failed_write_changes_nothing_that_a_later_save_could_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = store_path(&dir);
        let (store, _) = StoreFile::open(&path).unwrap();
        store.save("jobs", &json!([])).unwrap();
        // A directory where the temporary file must go makes the next write fail.
        fs::create_dir(sibling(&path, ".tmp")).unwrap();
        assert!(store.save("profiles", &json!({"bad": true})).is_err());
        assert_eq!(store.get("profiles"), Value::Null);
        fs::remove_dir(sibling(&path, ".tmp")).unwrap();
        store.save("jobs", &json!([1])).unwrap();
        assert_eq!(
            on_disk(&path),
            json!({"jobs": [1]}),
            "the failed profiles never landed"
        );
    }

    #[test]
    fn the_file_at_start_is_backed_up_and_can_be_restored() {
        let dir = tempfile::tempdir().unwrap();
        let path = store_path(&dir);
        let (store, _) = StoreFile::open(&path).unwrap();
        store.save("jobs", &json!(["session 1"])).unwrap();
        drop(store);
        let (store, _) = StoreFile::open(&path).unwrap();
        store.save("jobs", &json!(["session 2a"])).unwrap();
        store.save("jobs", &json!(["session 2b"])).unwrap();
        assert_eq!(
            on_disk(&store.backup_path()),
            json!({"jobs": ["session 1"]})
        );
        let kept = store.restore_backup().unwrap();
        assert_eq!(on_disk(&path), json!({"jobs": ["session 1"]}));
        assert_eq!(store.get("jobs"), json!(["session 1"]));
        assert_eq!(on_disk(&kept), json!({"jobs": ["session 2b"]}));
        assert!(
            store.save("jobs", &json!(["stale"])).is_err(),
            "until the app starts again"
        );
        assert_eq!(on_disk(&path), json!({"jobs": ["session 1"]}));
    }

    #[cfg(unix)]
    #[test]
    fn the_folder_and_files_are_the_users_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = store_path(&dir);
        let (store, _) = StoreFile::open(&path).unwrap();
        store.save("jobs", &json!([])).unwrap();
        drop(store);
        let (store, _) = StoreFile::open(&path).unwrap();
        store.save("jobs", &json!([1])).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(path.parent().unwrap()), 0o700);
        for name in files_in(path.parent().unwrap()) {
            assert_eq!(mode(&path.with_file_name(&name)), 0o600, "{name}");
        }
        assert!(store.has_backup());
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_and_file_left_open_by_an_older_version_are_narrowed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = store_path(&dir);
        let folder = path.parent().unwrap();
        fs::create_dir(folder).unwrap();
        fs::set_permissions(folder, fs::Permissions::from_mode(0o755)).unwrap();
        fs::write(&path, "{}").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        let (store, _) = StoreFile::open(&path).unwrap();
        store.save("jobs", &json!([])).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(folder), 0o700);
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn tools_read_without_lock_and_never_write() {
        let dir = tempfile::tempdir().unwrap();
        let path = store_path(&dir);
        let (app, _) = StoreFile::open(&path).unwrap();
        app.save("profiles", &json!({"schema_version": 1, "profiles": []}))
            .unwrap();
        let tool = StoreFile::open_read_only(&path).unwrap();
        assert_eq!(tool.get("profiles")["schema_version"], 1);
        assert!(tool.save("jobs", &json!([])).is_err());
    }
}
