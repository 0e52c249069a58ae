//! The embedded sandbox as the default system: started in-process on a free loopback port,
//! with a "Sandbox" profile whose base URL follows the port and whose password lives in the
//! keyring like any other.

use std::net::SocketAddr;

use profiles::{
    AuthMethod, DocumentStore, OAuthSettings, Profile, ProfileBook, ProfileId, ProfileSettings,
    ProfileView, ProxySettings, SecretKind, ServiceKind, Timeouts, TlsSettings,
};
use rand::distr::{Alphanumeric, SampleString};
use sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use sap_http::Secret;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub const SANDBOX_PROFILE_NAME: &str = "Sandbox";
pub const FOCUSED_BUILD_PROFILE_NAME: &str = "Sandbox (Focused Build)";
pub const TRANSACTION_BRIDGE_PROFILE_NAME: &str = "Transaction bridge (sandbox)";
pub const CLOUD_INTEGRATION_PROFILE_NAME: &str = "Cloud Integration (sandbox)";

/// The demo profiles, one per service the sandbox serves, created in this order.
const DEMO_KINDS: [ServiceKind; 4] = [
    ServiceKind::AbapgitAgent,
    ServiceKind::FocusedBuild,
    ServiceKind::CloudIntegration,
    ServiceKind::TransactionBridge,
];

/// What is remembered about the sandbox profile between starts.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct SandboxDocument {
    /// Set once the demo profile was created, so that deleting it is respected at the next start.
    #[serde(default)]
    profile_created: bool,
    /// The same for the Focused Build demo profile (added later, hence its own flag).
    #[serde(default)]
    focused_build_profile_created: bool,
    /// The demo profiles of the services added later, each with its own flag.
    #[serde(default)]
    cloud_integration_profile_created: bool,
    #[serde(default)]
    transaction_bridge_profile_created: bool,
}

impl SandboxDocument {
    fn created(&mut self, kind: ServiceKind) -> &mut bool {
        match kind {
            ServiceKind::AbapgitAgent => &mut self.profile_created,
            ServiceKind::FocusedBuild => &mut self.focused_build_profile_created,
            ServiceKind::CloudIntegration => &mut self.cloud_integration_profile_created,
            ServiceKind::TransactionBridge => &mut self.transaction_bridge_profile_created,
        }
    }
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
    /// The "Sandbox (Focused Build)" demo profile.
    pub focused_build_profile_id: Option<ProfileId>,
    /// The "Transaction bridge (sandbox)" demo profile (the sandbox's bridge apps).
    pub transaction_bridge_profile_id: Option<ProfileId>,
    /// The "Cloud Integration (sandbox)" demo profile (OAuth client credentials).
    pub cloud_integration_profile_id: Option<ProfileId>,
    /// HTTP requests the sandbox has served since it started (all its services), for the
    /// benchmarks' requests per screen.
    pub requests_served: f64,
    /// OAuth client-credentials grants the simulated Cloud Integration tenant has answered
    /// (a count only: the app never hands out anything a caller could use).
    pub oauth_grants_served: f64,
}

impl SandboxSystem {
    /// No sandbox, for a start that must not touch anything (a store file the app cannot use):
    /// starting it would create demo profiles and put their password in the keyring.
    pub fn not_started(reason: &str) -> Self {
        Self {
            handle: None,
            password: Secret::new(String::new()),
            start_error: Some(reason.to_owned()),
        }
    }

    /// Starts the sandbox and creates or updates the demo profiles.
    /// A sandbox that cannot start is reported, never fatal: real systems still work.
    pub async fn start(book: &ProfileBook, documents: &dyn DocumentStore) -> Self {
        let stored_password = DEMO_KINDS
            .iter()
            .filter_map(|kind| demo_profile(book, *kind))
            .find_map(|p| book.secret(&p.id, SecretKind::Password).ok().flatten());
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
        let mut newly_created = false;
        for kind in DEMO_KINDS {
            let created = document.created(kind);
            let outcome = match demo_profile(book, kind) {
                Some(profile) => system
                    .follow_port(book, &profile, stored_password.is_none())
                    .map(|_| ()),
                None if !*created => system.create_profile(book, kind).map(|_| ()),
                None => Ok(()),
            };
            match outcome {
                Ok(()) if !*created => {
                    *created = true;
                    newly_created = true;
                }
                Ok(()) => {}
                Err(error) => tracing::warn!(%error, ?kind, "cannot prepare a sandbox profile"),
            }
        }
        if newly_created {
            if let Ok(value) = serde_json::to_value(&document) {
                if let Err(error) = documents.save(&value) {
                    tracing::warn!(%error, "cannot remember the sandbox profiles");
                }
            }
        }
        system
    }

    pub fn info(&self, book: &ProfileBook) -> SandboxInfo {
        SandboxInfo {
            running: self.handle.is_some(),
            base_url: self.handle.as_ref().map(SandboxHandle::base_url),
            error: self.start_error.clone(),
            profile_id: demo_profile(book, ServiceKind::AbapgitAgent).map(|p| p.id),
            focused_build_profile_id: demo_profile(book, ServiceKind::FocusedBuild).map(|p| p.id),
            cloud_integration_profile_id: demo_profile(book, ServiceKind::CloudIntegration)
                .map(|p| p.id),
            transaction_bridge_profile_id: demo_profile(book, ServiceKind::TransactionBridge)
                .map(|p| p.id),
            requests_served: self
                .handle
                .as_ref()
                .map_or(0.0, |h| h.request_count() as f64),
            oauth_grants_served: self
                .handle
                .as_ref()
                .map_or(0.0, |h| h.cloud_integration_token_requests() as f64),
        }
    }

    /// Puts the sandbox's simulated systems (repositories, transports, objects, work items)
    /// back to their seeded state. Profiles and sessions stay.
    pub fn reset_data(&self) -> Result<(), AppError> {
        self.running()?.reset();
        Ok(())
    }

    /// Recreates the demo profiles (after the user deleted or changed them); answers the
    /// abapGit Agent one.
    pub fn reset_profile(&self, book: &ProfileBook) -> Result<ProfileView, AppError> {
        let focused_build = self.recreate_profile(book, ServiceKind::FocusedBuild);
        let cloud_integration = self.recreate_profile(book, ServiceKind::CloudIntegration);
        let bridge = self.recreate_profile(book, ServiceKind::TransactionBridge);
        let agent = self.recreate_profile(book, ServiceKind::AbapgitAgent)?;
        focused_build?;
        cloud_integration?;
        bridge?;
        Ok(agent)
    }

    fn recreate_profile(
        &self,
        book: &ProfileBook,
        kind: ServiceKind,
    ) -> Result<ProfileView, AppError> {
        if let Some(existing) = demo_profile(book, kind) {
            book.delete(&existing.id)?;
        }
        self.create_profile(book, kind)
    }

    fn create_profile(
        &self,
        book: &ProfileBook,
        kind: ServiceKind,
    ) -> Result<ProfileView, AppError> {
        let profile = Profile {
            id: ProfileId::generate(),
            is_demo: true,
            settings: self.settings(kind)?,
        };
        if kind == ServiceKind::CloudIntegration {
            // The tenant's demo client: its secret goes to the keyring like the demo password.
            let secret = Secret::new(sandbox::cloud_integration::DEMO_CLIENT_SECRET);
            return Ok(book.insert_with_secrets(profile, &[(SecretKind::ClientSecret, &secret)])?);
        }
        Ok(book.insert(profile, Some(&self.password), None)?)
    }

    fn follow_port(
        &self,
        book: &ProfileBook,
        profile: &Profile,
        store_password: bool,
    ) -> Result<ProfileView, AppError> {
        let kind = profile.settings.service_kind;
        if kind == ServiceKind::CloudIntegration {
            // The demo client's secret never changes; put it back if the keyring lost it.
            if book
                .secret(&profile.id, SecretKind::ClientSecret)?
                .is_none()
            {
                let secret = Secret::new(sandbox::cloud_integration::DEMO_CLIENT_SECRET);
                book.secrets()
                    .set(&profile.id, SecretKind::ClientSecret, &secret)?;
            }
        } else if store_password {
            book.secrets()
                .set(&profile.id, SecretKind::Password, &self.password)?;
        }
        let current = self.settings(kind)?;
        let mut settings = profile.settings.clone();
        settings.base_url = current.base_url;
        if kind == ServiceKind::CloudIntegration {
            // The token endpoint moves with the port too.
            settings.oauth.token_url = current.oauth.token_url;
        }
        Ok(book.replace_settings(&profile.id, settings)?)
    }

    fn settings(&self, kind: ServiceKind) -> Result<ProfileSettings, AppError> {
        let handle = self.running()?;
        let (display_name, base_url) = match kind {
            ServiceKind::AbapgitAgent => {
                (SANDBOX_PROFILE_NAME, format!("http://{}", handle.addr()))
            }
            ServiceKind::FocusedBuild => (FOCUSED_BUILD_PROFILE_NAME, handle.focused_build_url()),
            // The host: the profile's service root adds /mtb-bridge/odata/app/.
            ServiceKind::TransactionBridge => (
                TRANSACTION_BRIDGE_PROFILE_NAME,
                format!("http://{}", handle.addr()),
            ),
            ServiceKind::CloudIntegration => return Ok(cloud_integration_settings(handle)),
        };
        Ok(ProfileSettings {
            display_name: display_name.to_owned(),
            service_kind: kind,
            base_url,
            client: sandbox::DEFAULT_CLIENT.to_owned(),
            language: "EN".to_owned(),
            user: sandbox::DEFAULT_USER.to_owned(),
            auth: Default::default(),
            tls: TlsSettings::default(),
            // Loopback never goes through a proxy, whatever the environment says.
            proxy: ProxySettings::None,
            timeouts: Timeouts::default(),
            git_username: String::new(),
            oauth: Default::default(),
            app_ids: match kind {
                ServiceKind::TransactionBridge => sandbox::transaction_bridge::APPS
                    .iter()
                    .map(|app| (*app).to_owned())
                    .collect(),
                _ => Vec::new(),
            },
        })
    }

    fn running(&self) -> Result<&SandboxHandle, AppError> {
        self.handle
            .as_ref()
            .ok_or_else(|| AppError::SandboxUnavailable {
                message: self
                    .start_error
                    .clone()
                    .unwrap_or_else(|| "not started".to_owned()),
            })
    }
}

/// The "Cloud Integration (sandbox)" profile: the simulated tenant's API with OAuth client
/// credentials (token URL and client id here, the client secret in the keyring).
fn cloud_integration_settings(handle: &SandboxHandle) -> ProfileSettings {
    let mut settings = ProfileSettings::new(
        ServiceKind::CloudIntegration,
        handle.cloud_integration_url(),
    );
    settings.display_name = CLOUD_INTEGRATION_PROFILE_NAME.to_owned();
    settings.auth = AuthMethod::OauthClientCredentials;
    settings.oauth = OAuthSettings {
        token_url: handle.cloud_integration_token_url(),
        client_id: sandbox::cloud_integration::DEMO_CLIENT_ID.to_owned(),
    };
    // Loopback never goes through a proxy, whatever the environment says.
    settings.proxy = ProxySettings::None;
    settings
}

/// The demo profile for a service; a demo profile whose kind was edited counts as the other.
fn demo_profile(book: &ProfileBook, kind: ServiceKind) -> Option<Profile> {
    book.profiles()
        .into_iter()
        .find(|profile| profile.is_demo && profile.settings.service_kind == kind)
}
