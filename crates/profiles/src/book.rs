//! The profile book: the saved profiles plus their secrets, kept consistent.
//!
//! Non-secret fields go to a [`DocumentStore`] (the app's store file, [`crate::StoreFile`]), secrets to a
//! [`SecretStore`]. Every change is validated first and saved at once.

use std::sync::{Arc, Mutex, MutexGuard};

use sap_http::Secret;
use serde_json::Value;

use crate::migration::{migrate, MigrationError, ProfileDocument};
use crate::model::{
    AuthMethod, Profile, ProfileDraft, ProfileId, ProfileSettings, ProfileView, SecretUpdate,
    ServiceKind,
};
use crate::secrets::{SecretError, SecretKind, SecretStore};
use crate::validation::{validate, FieldError};

/// Where the non-secret document is kept.
pub trait DocumentStore: Send + Sync {
    /// The stored JSON, or `Value::Null` when nothing was saved yet.
    fn load(&self) -> Result<Value, String>;
    fn save(&self, document: &Value) -> Result<(), String>;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookError {
    #[error("the profile has invalid fields")]
    Validation(Vec<FieldError>),
    #[error("no profile with id {0}")]
    NotFound(ProfileId),
    #[error(transparent)]
    Secrets(#[from] SecretError),
    #[error("cannot save the profiles: {0}")]
    Storage(String),
    #[error(transparent)]
    Migration(#[from] MigrationError),
}

pub struct ProfileBook {
    documents: Box<dyn DocumentStore>,
    secrets: Arc<dyn SecretStore>,
    document: Mutex<ProfileDocument>,
    /// Stored profiles this version cannot read, written back untouched on every save.
    unreadable: Vec<Value>,
}

impl ProfileBook {
    /// Loads (and migrates) the stored profiles. Returns the book and the profiles it had to skip.
    pub fn open(
        documents: Box<dyn DocumentStore>,
        secrets: Arc<dyn SecretStore>,
    ) -> Result<(Self, Vec<String>), BookError> {
        let stored = documents.load().map_err(BookError::Storage)?;
        let migrated = migrate(stored)?;
        if migrated.changed {
            let value = document_value(&migrated.document, &migrated.unreadable)?;
            documents.save(&value).map_err(BookError::Storage)?;
        }
        let book = Self {
            documents,
            secrets,
            document: Mutex::new(migrated.document),
            unreadable: migrated.unreadable,
        };
        Ok((book, migrated.skipped))
    }

    pub fn secrets(&self) -> &Arc<dyn SecretStore> {
        &self.secrets
    }

    /// The saved profiles, without looking at their secrets.
    pub fn profiles(&self) -> Vec<Profile> {
        self.lock().profiles.clone()
    }

    pub fn list(&self) -> Result<Vec<ProfileView>, BookError> {
        let profiles = self.lock().profiles.clone();
        profiles.into_iter().map(|p| self.view(p)).collect()
    }

    pub fn get(&self, id: &ProfileId) -> Result<Profile, BookError> {
        self.lock()
            .profiles
            .iter()
            .find(|p| &p.id == id)
            .cloned()
            .ok_or_else(|| BookError::NotFound(id.clone()))
    }

    pub fn view_of(&self, id: &ProfileId) -> Result<ProfileView, BookError> {
        self.view(self.get(id)?)
    }

    pub fn secret(&self, id: &ProfileId, kind: SecretKind) -> Result<Option<Secret>, BookError> {
        Ok(self.secrets.get(id, kind)?)
    }

    pub fn create(&self, draft: ProfileDraft) -> Result<ProfileView, BookError> {
        let draft = normalized(draft);
        check(&draft)?;
        let profile = Profile {
            id: ProfileId::generate(),
            is_demo: false,
            settings: draft.settings.clone(),
        };
        // The document first, the secrets after it: a failed save leaves no orphan secret.
        self.mutate(|doc| doc.profiles.push(profile.clone()))?;
        let secrets = self.apply_secrets(&profile.id, &draft);
        if let Err(error) = secrets {
            // Without its secrets the new profile is not what the user asked for: take it back.
            let _ = self.secrets.delete_all(&profile.id);
            let _ = self.mutate(|doc| doc.profiles.retain(|p| p.id != profile.id));
            return Err(error);
        }
        self.view(profile)
    }

    pub fn update(&self, id: &ProfileId, draft: ProfileDraft) -> Result<ProfileView, BookError> {
        let draft = normalized(draft);
        check(&draft)?;
        let mut profile = self.get(id)?;
        // A stored secret was given for the old host; it must not go to a new one unless the
        // user enters it again (the client secret goes to the token URL's host).
        let old = &profile.settings;
        let new = &draft.settings;
        for (field, update, kind, old_url, new_url, what) in [
            (
                "password",
                &draft.password,
                SecretKind::Password,
                &old.base_url,
                &new.base_url,
                "password",
            ),
            (
                "api_key",
                &draft.api_key,
                SecretKind::ApiKey,
                &old.base_url,
                &new.base_url,
                "API key",
            ),
            (
                "client_secret",
                &draft.client_secret,
                SecretKind::ClientSecret,
                &old.oauth.token_url,
                &new.oauth.token_url,
                "client secret",
            ),
        ] {
            if matches!(update, SecretUpdate::Keep)
                && new.auth.secret_kind() == kind
                && !same_host(old_url, new_url)
                && self.secrets.get(id, kind)?.is_some()
            {
                return Err(BookError::Validation(vec![FieldError::new(
                    field,
                    format!("The address changed: enter the {what} again, so that the stored one is not sent to a different host."),
                )]));
            }
        }
        let method_changed = profile.settings.auth != draft.settings.auth;
        profile.settings = draft.settings.clone();
        // Secrets change only once the settings they belong to are on disk.
        self.replace(profile.clone())?;
        self.apply_secrets(id, &draft)?;
        if method_changed {
            // The secrets of the method given up are no longer needed: out of the keyring.
            for kind in SIGN_IN_SECRETS {
                if kind != profile.settings.auth.secret_kind() {
                    self.secrets.delete(id, kind)?;
                }
            }
        }
        self.view(profile)
    }

    /// Every secret of a draft, in order; an imported secret the app did not resolve is
    /// refused (its value never reached the book).
    fn apply_secrets(&self, id: &ProfileId, draft: &ProfileDraft) -> Result<(), BookError> {
        for (kind, update) in [
            (SecretKind::Password, &draft.password),
            (SecretKind::GitToken, &draft.git_token),
            (SecretKind::ClientSecret, &draft.client_secret),
            (SecretKind::ApiKey, &draft.api_key),
        ] {
            self.apply_secret(id, kind, update)?;
        }
        Ok(())
    }

    /// A copy named "<name> (copy)", with copies of the secrets; never a demo profile.
    pub fn duplicate(&self, id: &ProfileId) -> Result<ProfileView, BookError> {
        let original = self.get(id)?;
        let mut settings = original.settings.clone();
        settings.display_name = format!("{} (copy)", settings.display_name);
        let copy = Profile {
            id: ProfileId::generate(),
            is_demo: false,
            settings,
        };
        self.mutate(|doc| doc.profiles.push(copy.clone()))?;
        for kind in SecretKind::ALL {
            if let Some(value) = self.secrets.get(id, kind)? {
                self.secrets.set(&copy.id, kind, &value)?;
            }
        }
        self.view(copy)
    }

    /// Removes the profile and its keyring entries.
    pub fn delete(&self, id: &ProfileId) -> Result<(), BookError> {
        self.get(id)?;
        self.mutate(|doc| doc.profiles.retain(|p| &p.id != id))?;
        Ok(self.secrets.delete_all(id)?)
    }

    /// Adds a profile built elsewhere (import, the sandbox profile) with its secrets, unvalidated
    /// fields included: callers build them from trusted values or validate first.
    pub fn insert(
        &self,
        profile: Profile,
        password: Option<&Secret>,
        git_token: Option<&Secret>,
    ) -> Result<ProfileView, BookError> {
        let secrets: Vec<(SecretKind, &Secret)> = [
            (SecretKind::Password, password),
            (SecretKind::GitToken, git_token),
        ]
        .into_iter()
        .filter_map(|(kind, value)| Some((kind, value?)))
        .collect();
        self.insert_with_secrets(profile, &secrets)
    }

    /// Like [`ProfileBook::insert`], with secrets of any kind (a demo tenant's client secret).
    pub fn insert_with_secrets(
        &self,
        profile: Profile,
        secrets: &[(SecretKind, &Secret)],
    ) -> Result<ProfileView, BookError> {
        self.mutate(|doc| doc.profiles.push(profile.clone()))?;
        for (kind, value) in secrets {
            self.secrets.set(&profile.id, *kind, value)?;
        }
        self.view(profile)
    }

    /// Replaces a profile's settings without touching its secrets (e.g. the sandbox's new port).
    pub fn replace_settings(
        &self,
        id: &ProfileId,
        settings: ProfileSettings,
    ) -> Result<ProfileView, BookError> {
        let mut profile = self.get(id)?;
        profile.settings = settings;
        self.replace(profile.clone())?;
        self.view(profile)
    }

    /// Every profile as pretty JSON, without any secret.
    pub fn export_json(&self) -> Result<String, BookError> {
        let document = self.lock().clone();
        serde_json::to_string_pretty(&document).map_err(|e| BookError::Storage(e.to_string()))
    }

    fn view(&self, profile: Profile) -> Result<ProfileView, BookError> {
        let is_set = |kind| -> Result<bool, BookError> {
            Ok(self.secrets.get(&profile.id, kind)?.is_some())
        };
        let password_set = is_set(SecretKind::Password)?;
        let git_token_set = is_set(SecretKind::GitToken)?;
        let client_secret_set = is_set(SecretKind::ClientSecret)?;
        let api_key_set = is_set(SecretKind::ApiKey)?;
        let unencrypted_host =
            crate::validation::unencrypted_remote_host(&profile.settings.base_url);
        Ok(ProfileView {
            read_only_reason: profile.settings.read_only_reason(),
            profile,
            password_set,
            git_token_set,
            client_secret_set,
            api_key_set,
            unencrypted_host,
        })
    }

    fn apply_secret(
        &self,
        id: &ProfileId,
        kind: SecretKind,
        update: &SecretUpdate,
    ) -> Result<(), BookError> {
        match update {
            SecretUpdate::Keep => Ok(()),
            SecretUpdate::Set { value } => Ok(self.secrets.set(id, kind, &Secret::new(value))?),
            SecretUpdate::Clear => Ok(self.secrets.delete(id, kind)?),
            SecretUpdate::Imported { .. } => Err(BookError::Validation(vec![FieldError::new(
                kind.field(),
                "The secret read from the service key is no longer available: paste or open the service key again.",
            )])),
        }
    }

    fn replace(&self, profile: Profile) -> Result<(), BookError> {
        self.mutate(|doc| {
            if let Some(slot) = doc.profiles.iter_mut().find(|p| p.id == profile.id) {
                *slot = profile.clone();
            }
        })
    }

    /// Changes the document and saves it; on a failed save the change is rolled back.
    fn mutate(&self, change: impl FnOnce(&mut ProfileDocument)) -> Result<(), BookError> {
        let mut document = self.lock();
        let mut next = document.clone();
        change(&mut next);
        let value = document_value(&next, &self.unreadable)?;
        self.documents.save(&value).map_err(BookError::Storage)?;
        *document = next;
        Ok(())
    }

    fn lock(&self) -> MutexGuard<'_, ProfileDocument> {
        self.document
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Whether two base URLs name the same host and port (a password given for one may go to
/// the other). A URL that does not parse counts as a different host.
fn same_host(old: &str, new: &str) -> bool {
    let endpoint = |raw: &str| {
        url::Url::parse(raw.trim()).ok().and_then(|url| {
            let host = url.host_str()?.to_ascii_lowercase();
            Some((host, url.port_or_known_default()))
        })
    };
    match (endpoint(old), endpoint(new)) {
        (Some(old), Some(new)) => old == new,
        _ => false,
    }
}

fn check(draft: &ProfileDraft) -> Result<(), BookError> {
    let errors = validate(draft);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(BookError::Validation(errors))
    }
}

/// The secrets that sign in (one per method); the git token is something else.
const SIGN_IN_SECRETS: [SecretKind; 3] = [
    SecretKind::Password,
    SecretKind::ClientSecret,
    SecretKind::ApiKey,
];

/// Trimmed fields, nothing the service kind or method does not use, and a bridge app URL
/// typed as the base URL split into host and app id.
fn normalized(mut draft: ProfileDraft) -> ProfileDraft {
    let settings = &mut draft.settings;
    settings.display_name = settings.display_name.trim().to_owned();
    settings.base_url = settings.base_url.trim().to_owned();
    settings.user = settings.user.trim().to_owned();
    settings.language = settings.language.trim().to_ascii_uppercase();
    settings.git_username = settings.git_username.trim().to_owned();
    settings.oauth.token_url = settings.oauth.token_url.trim().to_owned();
    settings.oauth.client_id = settings.oauth.client_id.trim().to_owned();
    let kind = settings.service_kind;
    if !kind.has_sap_client() {
        settings.client.clear();
        settings.language.clear();
    }
    if kind == ServiceKind::TransactionBridge {
        if let Some((base, app_id)) = crate::session::split_bridge_app_url(&settings.base_url) {
            settings.base_url = base;
            if !settings.app_ids.iter().any(|id| id.trim() == app_id) {
                settings.app_ids.insert(0, app_id);
            }
        }
        settings.app_ids = settings
            .app_ids
            .iter()
            .map(|id| id.trim().to_owned())
            .filter(|id| !id.is_empty())
            .collect();
    } else {
        settings.app_ids.clear();
    }
    if settings.auth != AuthMethod::OauthClientCredentials {
        settings.oauth = Default::default();
    }
    if settings.auth != AuthMethod::Basic {
        settings.user.clear();
    }
    draft
}

/// The document as stored: the readable profiles, then the unreadable ones as they were found.
fn document_value(document: &ProfileDocument, unreadable: &[Value]) -> Result<Value, BookError> {
    let mut value =
        serde_json::to_value(document).map_err(|e| BookError::Storage(e.to_string()))?;
    if let Some(Value::Array(profiles)) = value.get_mut("profiles") {
        profiles.extend(unreadable.iter().cloned());
    }
    Ok(value)
}

/// A document store in memory, for tests and tools.
#[derive(Default)]
pub struct MemoryDocumentStore {
    value: Mutex<Value>,
}

impl MemoryDocumentStore {
    pub fn new(initial: Value) -> Self {
        Self {
            value: Mutex::new(initial),
        }
    }
}

impl DocumentStore for MemoryDocumentStore {
    fn load(&self) -> Result<Value, String> {
        Ok(self.value.lock().map_err(|e| e.to_string())?.clone())
    }
    fn save(&self, document: &Value) -> Result<(), String> {
        *self.value.lock().map_err(|e| e.to_string())? = document.clone();
        Ok(())
    }
}

/// A document store in one JSON file, for tools and tests outside the app.
pub struct FileDocumentStore {
    path: std::path::PathBuf,
}

impl FileDocumentStore {
    pub fn new(path: impl Into<std::path::PathBuf>) -> Self {
        Self { path: path.into() }
    }
}

impl DocumentStore for FileDocumentStore {
    fn load(&self) -> Result<Value, String> {
        match std::fs::read(&self.path) {
            Ok(bytes) => {
                serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", self.path.display()))
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Value::Null),
            Err(error) => Err(format!("{}: {error}", self.path.display())),
        }
    }
    fn save(&self, document: &Value) -> Result<(), String> {
        let text = serde_json::to_vec_pretty(document).map_err(|e| e.to_string())?;
        std::fs::write(&self.path, text).map_err(|e| format!("{}: {e}", self.path.display()))
    }
}
