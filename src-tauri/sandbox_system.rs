//! The embedded sandbox as the default system: started in-process on a free loopback port,
//! with a "Sandbox" profile whose base URL follows the port and whose password lives in the
//! keyring like any other.

use std::net::SocketAddr;

use profiles::{
    DocumentStore, Profile, ProfileBook, ProfileId, ProfileSettings, ProfileView, ProxySettings,
    SecretKind, ServiceKind, Timeouts, TlsSettings,
};
use rand::distr::{Alphanumeric, SampleString};
use sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use sap_http::Secret;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub const SANDBOX_PROFILE_NAME: &str = "Sandbox";

/// What is remembered about the sandbox profile between starts.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct SandboxDocument {
    /// Set once the demo profile was created, so that deleting it is respected at the next start.
    #[serde(default)]
    profile_created: bool,
}

/// The running sandbox (if it started) and the password its user accepts.
pub struct SandboxSystem {
    handle: Option<SandboxHandle>,
    password: Secret,
    start_error: Option<String>,
}

/// What the UI may know about the sandbox.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SandboxInfo {
    pub running: bool,
    /// `http://127.0.0.1:PORT/` while running.
    pub base_url: Option<String>,
    pub error: Option<String>,
    pub profile_id: Option<ProfileId>,
}

impl SandboxSystem {
    /// Starts the sandbox and creates or updates the Sandbox profile.
    /// A sandbox that cannot start is reported, never fatal: real systems still work.
    pub async fn start(book: &ProfileBook, documents: &dyn DocumentStore) -> Self {
        let demo = demo_profile(book);
        let stored_password = demo
            .as_ref()
            .and_then(|p| book.secret(&p.id, SecretKind::Password).ok().flatten());
        let password = stored_password
            .clone()
            .unwrap_or_else(|| Secret::new(Alphanumeric.sample_string(&mut rand::rng(), 24)));

        let config = SandboxConfig {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            users: vec![(
                sandbox::DEFAULT_USER.to_owned(),
                password.expose().to_owned(),
            )],
            ..SandboxConfig::default()
        };
        let handle = match Sandbox::start(config).await {
            Ok(handle) => handle,
            Err(error) => {
                tracing::warn!(%error, "the sandbox did not start");
                return Self {
                    handle: None,
                    password,
                    start_error: Some(error.to_string()),
                };
            }
        };
        let system = Self {
            handle: Some(handle),
            password,
            start_error: None,
        };

        let mut document: SandboxDocument = documents
            .load()
            .ok()
            .and_then(|value| serde_json::from_value(value).ok())
            .unwrap_or_default();
        let outcome = match demo {
            Some(profile) => system
                .follow_port(book, &profile, stored_password.is_none())
                .map(|_| ()),
            None if !document.profile_created => system.create_profile(book).map(|_| ()),
            None => Ok(()),
        };
        match outcome {
            Ok(()) if !document.profile_created => {
                document.profile_created = true;
                if let Ok(value) = serde_json::to_value(&document) {
                    if let Err(error) = documents.save(&value) {
                        tracing::warn!(%error, "cannot remember the sandbox profile");
                    }
                }
            }
            Ok(()) => {}
            Err(error) => tracing::warn!(%error, "cannot prepare the Sandbox profile"),
        }
        system
    }

    pub fn info(&self, book: &ProfileBook) -> SandboxInfo {
        SandboxInfo {
            running: self.handle.is_some(),
            base_url: self.handle.as_ref().map(SandboxHandle::base_url),
            error: self.start_error.clone(),
            profile_id: demo_profile(book).map(|p| p.id),
        }
    }

    /// Recreates the Sandbox profile (after the user deleted or changed it).
    pub fn reset_profile(&self, book: &ProfileBook) -> Result<ProfileView, AppError> {
        if let Some(existing) = demo_profile(book) {
            book.delete(&existing.id)?;
        }
        self.create_profile(book)
    }

    fn create_profile(&self, book: &ProfileBook) -> Result<ProfileView, AppError> {
        let profile = Profile {
            id: ProfileId::generate(),
            is_demo: true,
            settings: self.settings()?,
        };
        Ok(book.insert(profile, Some(&self.password), None)?)
    }

    fn follow_port(
        &self,
        book: &ProfileBook,
        profile: &Profile,
        store_password: bool,
    ) -> Result<ProfileView, AppError> {
        if store_password {
            book.secrets()
                .set(&profile.id, SecretKind::Password, &self.password)?;
        }
        let mut settings = profile.settings.clone();
        settings.base_url = self.settings()?.base_url;
        Ok(book.replace_settings(&profile.id, settings)?)
    }

    fn settings(&self) -> Result<ProfileSettings, AppError> {
        let handle = self
            .handle
            .as_ref()
            .ok_or_else(|| AppError::SandboxUnavailable {
                message: self
                    .start_error
                    .clone()
                    .unwrap_or_else(|| "not started".to_owned()),
            })?;
        Ok(ProfileSettings {
            display_name: SANDBOX_PROFILE_NAME.to_owned(),
            service_kind: ServiceKind::AbapgitAgent,
            base_url: format!("http://{}", handle.addr()),
            client: sandbox::DEFAULT_CLIENT.to_owned(),
            language: "EN".to_owned(),
            user: sandbox::DEFAULT_USER.to_owned(),
            auth: Default::default(),
            tls: TlsSettings::default(),
            // Loopback never goes through a proxy, whatever the environment says.
            proxy: ProxySettings::None,
            timeouts: Timeouts::default(),
            git_username: String::new(),
        })
    }
}

fn demo_profile(book: &ProfileBook) -> Option<Profile> {
    book.profiles().into_iter().find(|profile| profile.is_demo)
}
