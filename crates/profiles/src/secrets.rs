//! Where passwords and tokens live: the OS keyring, or memory for tests and for
//! sessions where no keyring is available.

use std::collections::HashMap;
use std::sync::Mutex;

use sap_http::Secret;
use serde::{Deserialize, Serialize};

use crate::model::ProfileId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SecretKind {
    /// The SAP user's password.
    Password,
    /// The git token sent with abapGit Agent pull/create/import.
    GitToken,
    /// The OAuth client secret of an OAuth client credentials profile.
    ClientSecret,
    /// The API key of an API key profile (SAP API Business Hub sandbox).
    ApiKey,
}

impl SecretKind {
    pub const ALL: [SecretKind; 4] = [
        SecretKind::Password,
        SecretKind::GitToken,
        SecretKind::ClientSecret,
        SecretKind::ApiKey,
    ];

    fn key_suffix(self) -> &'static str {
        self.field()
    }

    /// The draft field (and keyring entry suffix) of this secret.
    pub fn field(self) -> &'static str {
        match self {
            Self::Password => "password",
            Self::GitToken => "git_token",
            Self::ClientSecret => "client_secret",
            Self::ApiKey => "api_key",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// No keyring service to talk to (no D-Bus session, locked or missing Secret Service).
    #[error("the OS keyring is unavailable: {0}")]
    Unavailable(String),
    /// The keyring answered with an error.
    #[error("the OS keyring failed: {0}")]
    Backend(String),
}

/// Secrets per profile and kind. Implementations never log the values.
pub trait SecretStore: Send + Sync {
    fn get(&self, profile: &ProfileId, kind: SecretKind) -> Result<Option<Secret>, SecretError>;
    fn set(&self, profile: &ProfileId, kind: SecretKind, value: &Secret)
        -> Result<(), SecretError>;
    /// Deleting a secret that does not exist is not an error.
    fn delete(&self, profile: &ProfileId, kind: SecretKind) -> Result<(), SecretError>;

    /// Removes every secret of a profile.
    fn delete_all(&self, profile: &ProfileId) -> Result<(), SecretError> {
        for kind in SecretKind::ALL {
            self.delete(profile, kind)?;
        }
        Ok(())
    }
}

/// Secrets kept in this process only (tests, or "keep for this session" when no keyring).
#[derive(Default)]
pub struct MemorySecretStore {
    values: Mutex<HashMap<(ProfileId, SecretKind), Secret>>,
}

impl MemorySecretStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(ProfileId, SecretKind), Secret>> {
        // A panic while holding this lock cannot leave the map half-updated: recover it.
        self.values
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl SecretStore for MemorySecretStore {
    fn get(&self, profile: &ProfileId, kind: SecretKind) -> Result<Option<Secret>, SecretError> {
        Ok(self.lock().get(&(profile.clone(), kind)).cloned())
    }

    fn set(
        &self,
        profile: &ProfileId,
        kind: SecretKind,
        value: &Secret,
    ) -> Result<(), SecretError> {
        self.lock().insert((profile.clone(), kind), value.clone());
        Ok(())
    }

    fn delete(&self, profile: &ProfileId, kind: SecretKind) -> Result<(), SecretError> {
        self.lock().remove(&(profile.clone(), kind));
        Ok(())
    }
}

/// The OS keyring: Secret Service on Linux, Keychain on macOS, Credential Manager on Windows.
/// Entries are `service` / `<profile id>/<kind>`.
pub struct KeyringSecretStore {
    service: String,
}

impl KeyringSecretStore {
    /// A store under the given keyring service name (the app uses its bundle identifier).
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    /// Checks that the keyring can be reached, by reading an entry that need not exist.
    pub fn probe(&self) -> Result<(), SecretError> {
        let entry = keyring::Entry::new(&self.service, "agent-desk-probe").map_err(map_error)?;
        match entry.get_password() {
            Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(map_error(error)),
        }
    }

    fn entry(&self, profile: &ProfileId, kind: SecretKind) -> Result<keyring::Entry, SecretError> {
        let user = format!("{}/{}", profile.as_str(), kind.key_suffix());
        keyring::Entry::new(&self.service, &user).map_err(map_error)
    }
}

impl SecretStore for KeyringSecretStore {
    fn get(&self, profile: &ProfileId, kind: SecretKind) -> Result<Option<Secret>, SecretError> {
        match self.entry(profile, kind)?.get_password() {
            Ok(value) => Ok(Some(Secret::new(value))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(map_error(error)),
        }
    }

    fn set(
        &self,
        profile: &ProfileId,
        kind: SecretKind,
        value: &Secret,
    ) -> Result<(), SecretError> {
        self.entry(profile, kind)?
            .set_password(value.expose())
            .map_err(map_error)
    }

    fn delete(&self, profile: &ProfileId, kind: SecretKind) -> Result<(), SecretError> {
        match self.entry(profile, kind)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(map_error(error)),
        }
    }
}

// keyring's errors name the platform failure; none of them carries the secret.
fn map_error(error: keyring::Error) -> SecretError {
    match error {
        keyring::Error::PlatformFailure(inner) => SecretError::Unavailable(inner.to_string()),
        keyring::Error::NoStorageAccess(inner) => SecretError::Unavailable(inner.to_string()),
        other => SecretError::Backend(other.to_string()),
    }
}
