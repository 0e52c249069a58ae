//! Everything the commands share: the profile book, the warm sessions, the jobs, the sandbox.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use profiles::{session_config, ProfileBook, ProfileDraft, ProfileId, SecretKind, SecretUpdate};
use sap_http::{LogonAttempts, SapError, Secret, Session, SessionConfig};
use serde::Serialize;

use crate::error::AppError;
use crate::file_access::FileGrants;
use crate::jobs::JobRegistry;
use crate::sandbox_system::SandboxSystem;
use crate::status_history::StatusHistory;
use crate::transaction_bridge::BridgeHub;

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
    /// Batch status changes, kept in the store.
    pub status_history: StatusHistory,
    /// Transaction bridge apps, call logs, mass runs and input variants.
    pub bridge: BridgeHub,
    pub sandbox: SandboxSystem,
    /// Files the user chose in the app's dialogs (the webview holds only their handles).
    pub files: FileGrants,
    /// Client secrets read from service keys, until the profile they fill is saved.
    pub imported_secrets: ImportedSecrets,
}

/// Secrets the app read from a service key for a profile form: the form gets a handle, never
/// the value, and sends the handle back with the draft. Memory only; a few at most.
#[derive(Default)]
pub struct ImportedSecrets {
    held: Mutex<Vec<(String, Secret)>>,
}

impl ImportedSecrets {
    const MAX_HELD: usize = 8;

    pub fn hold(&self, secret: Secret) -> String {
        let handle = format!("{:032x}", rand::random::<u128>());
        let mut held = lock(&self.held);
        if held.len() >= Self::MAX_HELD {
            held.remove(0);
        }
        held.push((handle.clone(), secret));
        handle
    }

    /// Swaps every `Imported` secret of the draft for its value (an unknown handle stays, and
    /// the profile book refuses it with a message).
    pub fn resolve(&self, draft: &mut ProfileDraft) {
        let held = lock(&self.held);
        for update in [
            &mut draft.password,
            &mut draft.git_token,
            &mut draft.client_secret,
            &mut draft.api_key,
        ] {
            if let SecretUpdate::Imported { handle } = update {
                if let Some((_, secret)) = held.iter().find(|(held, _)| held == handle) {
                    *update = SecretUpdate::Set {
                        value: secret.expose().to_owned(),
                    };
                }
            }
        }
    }

    /// Forgets the secrets once a profile holds them.
    pub fn clear(&self) {
        lock(&self.held).clear();
    }
}

/// One warm `sap_http::Session` per profile, opened on first use and reused by every command,
/// and per profile the failed logons of its stored password: they outlive the session, so
/// that no new session sends a password SAP rejected (SAP locks users after a few failures).
#[derive(Default)]
pub struct SessionPool {
    sessions: Mutex<HashMap<ProfileId, Session>>,
    attempts: Mutex<HashMap<ProfileId, LogonAttempts>>,
    /// Bumped whenever the profile's session is dropped or replaced, so that holders of
    /// sessions of their own ([`Self::open_service_session`]) open new ones too.
    generations: Mutex<HashMap<ProfileId, u64>>,
}

impl SessionPool {
    /// The profile's session, opening it (with the password from the secret store) if needed.
    pub fn session(&self, book: &ProfileBook, id: &ProfileId) -> Result<Session, AppError> {
        if let Some(session) = lock(&self.sessions).get(id) {
            return Ok(session.clone());
        }
        let session = open_session(book, id, self.attempts(id))?;
        // Two commands may open a session at once: keep the first, so cookies stay in one jar.
        Ok(lock(&self.sessions)
            .entry(id.clone())
            .or_insert(session)
            .clone())
    }

    /// A session of the caller's own for a service below the profile's root (each transaction
    /// bridge app has its own session and cookie): the profile's settings and password, the
    /// same failed-logon count, and `adjust` applied to the configuration (its base URL).
    /// The caller keeps it while [`Self::generation`] stays the same.
    pub fn open_service_session(
        &self,
        book: &ProfileBook,
        id: &ProfileId,
        adjust: impl FnOnce(&mut SessionConfig) -> Result<(), SapError>,
    ) -> Result<Session, AppError> {
        open_session_with(book, id, self.attempts(id), adjust)
    }

    /// Changes when the profile's sessions are dropped or replaced.
    pub fn generation(&self, id: &ProfileId) -> u64 {
        lock(&self.generations).get(id).copied().unwrap_or(0)
    }

    fn next_generation(&self, id: &ProfileId) {
        *lock(&self.generations).entry(id.clone()).or_default() += 1;
    }

    /// A new session replacing the warm one (used by "test connection", the user's explicit
    /// request to log on): a password SAP rejected is tried once more, unless it failed
    /// [`sap_http::MAX_FAILED_LOGONS`] times or the user is locked.
    pub fn reopen(&self, book: &ProfileBook, id: &ProfileId) -> Result<Session, AppError> {
        let attempts = self.attempts(id);
        let session = open_session(book, id, attempts.clone())?;
        if attempts.is_withheld() && !attempts.allow_retry() {
            let user = session
                .config()
                .basic()
                .map(|c| c.user.clone())
                .unwrap_or_default();
            return Err(AppError::Sap(if attempts.is_locked() {
                SapError::AccountLocked {
                    user,
                    message: "the system reported the user as locked: change the password once the user is unlocked".into(),
                }
            } else {
                SapError::LogonWithheld {
                    user,
                    failed_attempts: attempts.failed(),
                }
            }));
        }
        lock(&self.sessions).insert(id.clone(), session.clone());
        self.next_generation(id);
        Ok(session)
    }

    /// Stops every call running on any system now (the user's Cancel); answers how many
    /// sessions were open. Jobs are cancelled on their own (`job_cancel`).
    pub fn cancel_in_flight(&self) -> u32 {
        let sessions = lock(&self.sessions);
        for session in sessions.values() {
            session.cancel_in_flight();
        }
        u32::try_from(sessions.len()).unwrap_or(u32::MAX)
    }

    /// Forgets the profile's session: the next command logs on again.
    pub fn drop_session(&self, id: &ProfileId) -> bool {
        self.next_generation(id);
        lock(&self.sessions).remove(id).is_some()
    }

    /// The profile got a new password (or none): its failed logons start from zero.
    pub fn password_changed(&self, id: &ProfileId) {
        lock(&self.attempts).remove(id);
        self.drop_session(id);
    }

    /// Failed logons of the profile's current password.
    pub fn failed_logons(&self, id: &ProfileId) -> u32 {
        lock(&self.attempts)
            .get(id)
            .map_or(0, LogonAttempts::failed)
    }

    fn attempts(&self, id: &ProfileId) -> LogonAttempts {
        lock(&self.attempts).entry(id.clone()).or_default().clone()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn open_session(
    book: &ProfileBook,
    id: &ProfileId,
    attempts: LogonAttempts,
) -> Result<Session, AppError> {
    open_session_with(book, id, attempts, |_| Ok(()))
}

fn open_session_with(
    book: &ProfileBook,
    id: &ProfileId,
    attempts: LogonAttempts,
    adjust: impl FnOnce(&mut SessionConfig) -> Result<(), SapError>,
) -> Result<Session, AppError> {
    let profile = book.get(id)?;
    let kind = profile.settings.auth.secret_kind();
    let secret = book.secret(id, kind)?.ok_or_else(|| match kind {
        SecretKind::Password => AppError::MissingPassword {
            profile_id: id.to_string(),
        },
        secret => AppError::MissingSecret {
            profile_id: id.to_string(),
            secret,
        },
    })?;
    let mut config = session_config(&profile.settings, Some(secret))?;
    adjust(&mut config)?;
    Ok(Session::with_logon_attempts(config, attempts)?)
}
