//! Everything the commands share: the profile book, the warm sessions, the jobs, the sandbox.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use profiles::{session_config, ProfileBook, ProfileId, SecretKind};
use sap_http::Session;
use serde::Serialize;

use crate::error::AppError;
use crate::jobs::JobRegistry;
use crate::sandbox_system::SandboxSystem;

/// Whether secrets go to the OS keyring or only live for this session.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct KeyringStatus {
    pub available: bool,
    /// Why the keyring cannot be used (only when `available` is false).
    pub message: Option<String>,
}

pub struct AppState {
    pub book: ProfileBook,
    pub keyring: KeyringStatus,
    pub sessions: SessionPool,
    pub jobs: Arc<JobRegistry>,
    pub sandbox: SandboxSystem,
}

/// One warm `sap_http::Session` per profile, opened on first use and reused by every command.
#[derive(Default)]
pub struct SessionPool {
    sessions: Mutex<HashMap<ProfileId, Session>>,
}

impl SessionPool {
    /// The profile's session, opening it (with the password from the secret store) if needed.
    pub fn session(&self, book: &ProfileBook, id: &ProfileId) -> Result<Session, AppError> {
        if let Some(session) = self.lock().get(id) {
            return Ok(session.clone());
        }
        let session = open_session(book, id)?;
        // Two commands may open a session at once: keep the first, so cookies stay in one jar.
        Ok(self.lock().entry(id.clone()).or_insert(session).clone())
    }

    /// A new session replacing the warm one (used by "test connection").
    pub fn reopen(&self, book: &ProfileBook, id: &ProfileId) -> Result<Session, AppError> {
        let session = open_session(book, id)?;
        self.lock().insert(id.clone(), session.clone());
        Ok(session)
    }

    /// Forgets the profile's session: the next command logs on again.
    pub fn drop_session(&self, id: &ProfileId) -> bool {
        self.lock().remove(id).is_some()
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<ProfileId, Session>> {
        self.sessions
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn open_session(book: &ProfileBook, id: &ProfileId) -> Result<Session, AppError> {
    let profile = book.get(id)?;
    let password =
        book.secret(id, SecretKind::Password)?
            .ok_or_else(|| AppError::MissingPassword {
                profile_id: id.to_string(),
            })?;
    let config = session_config(&profile.settings, Some(password))?;
    Ok(Session::new(config)?)
}
