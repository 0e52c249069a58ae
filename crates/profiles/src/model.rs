//! The profile model. Secrets are never part of it: they live in a [`crate::SecretStore`].

use std::fmt;

use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::secrets::SecretKind;

/// Stable identifier of a profile; also the key of its secrets in the keyring.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(transparent)]
pub struct ProfileId(pub String);

impl ProfileId {
    /// A fresh random identifier (128 bits, hex).
    pub fn generate() -> Self {
        let value: u128 = rand::rng().random();
        Self(format!("{value:032x}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ProfileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Which SAP API a profile talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    /// The abapGit Agent REST handler (`/sap/bc/z_abapgit_agent/`).
    AbapgitAgent,
    /// SAP Focused Build's External DevOps OData API.
    FocusedBuild,
    /// SAP Cloud Integration's OData API (`https://<tenant>/api/v1/`).
    CloudIntegration,
    /// SAP Mobile Services' mobile transaction bridge: recorded SAP GUI transactions as
    /// OData V4 apps under `https://<host>/mtb-bridge/odata/app/<appId>/` (the profile lists
    /// the app ids; the base URL is the host).
    TransactionBridge,
}

impl ServiceKind {
    /// The service root used when the profile's base URL names only the system.
    pub fn default_service_path(self) -> &'static str {
        match self {
            Self::AbapgitAgent => "/sap/bc/z_abapgit_agent/",
            Self::FocusedBuild => "/sap/opu/odata/SALM/EXT_DEVOPS_INTEG_SRV/",
            Self::CloudIntegration => "/api/v1/",
            Self::TransactionBridge => BRIDGE_APPS_PATH,
        }
    }

    /// Path, relative to the service root, fetched for a CSRF token.
    pub fn csrf_fetch_path(self) -> &'static str {
        match self {
            Self::AbapgitAgent => "health",
            // The OData service roots (Cloud Integration fetches with GET /api/v1/).
            Self::FocusedBuild | Self::CloudIntegration | Self::TransactionBridge => "",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::AbapgitAgent => "abapGit Agent",
            Self::FocusedBuild => "Focused Build",
            Self::CloudIntegration => "Cloud Integration",
            Self::TransactionBridge => "Transaction bridge",
        }
    }

    /// The ways of signing in this service offers.
    pub fn auth_methods(self) -> &'static [AuthMethod] {
        match self {
            Self::AbapgitAgent | Self::FocusedBuild => &[AuthMethod::Basic],
            Self::CloudIntegration => &[
                AuthMethod::Basic,
                AuthMethod::OauthClientCredentials,
                AuthMethod::ApiKey,
            ],
            Self::TransactionBridge => &[AuthMethod::Basic, AuthMethod::OauthClientCredentials],
        }
    }

    /// SAP systems take a client and a logon language; BTP services do not.
    pub fn has_sap_client(self) -> bool {
        matches!(self, Self::AbapgitAgent | Self::FocusedBuild)
    }
}

/// Where the transaction bridge serves its apps, below the host.
pub const BRIDGE_APPS_PATH: &str = "/mtb-bridge/odata/app/";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    /// User and password (for Cloud Integration also a service key's client id and secret).
    #[default]
    Basic,
    /// OAuth 2.0 client credentials: token URL and client id in the settings, the client
    /// secret in the keyring.
    OauthClientCredentials,
    /// An API key (SAP API Business Hub sandbox), in the keyring. Read-only.
    ApiKey,
}

impl AuthMethod {
    /// The keyring entry holding this method's secret.
    pub fn secret_kind(self) -> SecretKind {
        match self {
            Self::Basic => SecretKind::Password,
            Self::OauthClientCredentials => SecretKind::ClientSecret,
            Self::ApiKey => SecretKind::ApiKey,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Basic => "User and password",
            Self::OauthClientCredentials => "OAuth client credentials",
            Self::ApiKey => "API key",
        }
    }
}

/// The OAuth 2.0 client of a profile (a BTP service key's `tokenurl` and `clientid`); the
/// client secret is in the keyring.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OAuthSettings {
    /// e.g. `https://<subdomain>.authentication.<region>.hana.ondemand.com/oauth/token`
    #[serde(default)]
    pub token_url: String,
    #[serde(default)]
    pub client_id: String,
}

impl OAuthSettings {
    pub fn is_empty(&self) -> bool {
        self.token_url.is_empty() && self.client_id.is_empty()
    }
}

/// Certificate checking: the OS trust store, plus an optional CA file, or explicitly nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TlsSettings {
    /// PEM file with extra trusted CA certificates (a company CA), added to the OS store.
    #[serde(default)]
    pub extra_ca_file: Option<String>,
    /// Accept any certificate. Shown as a warning wherever the profile appears.
    #[serde(default)]
    pub insecure: bool,
    /// Allow a plain `http://` URL to a host other than this computer: every request then
    /// carries the password unencrypted. Shown as a warning wherever the profile appears.
    #[serde(default)]
    pub allow_plain_http: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum ProxySettings {
    /// Proxy from the environment / OS settings.
    #[default]
    System,
    /// Direct connection.
    None,
    /// An explicit proxy; hosts in `bypass` (names or suffixes like `.corp.local`) go direct.
    Manual { url: String, bypass: Vec<String> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Timeouts {
    pub connect_seconds: u32,
    /// Default for one request; long calls (pull, unit tests) may take longer on their own.
    pub request_seconds: u32,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self {
            connect_seconds: 15,
            request_seconds: 120,
        }
    }
}

/// Everything about a connection the user edits, secrets excluded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProfileSettings {
    pub display_name: String,
    pub service_kind: ServiceKind,
    /// The system (`https://host:44300`) or the full service root.
    pub base_url: String,
    /// Three-digit SAP client; empty means the system's default client.
    #[serde(default)]
    pub client: String,
    /// Logon language (`EN`, `DE`, ...); empty means the user's default.
    #[serde(default)]
    pub language: String,
    pub user: String,
    #[serde(default)]
    pub auth: AuthMethod,
    #[serde(default)]
    pub tls: TlsSettings,
    #[serde(default)]
    pub proxy: ProxySettings,
    #[serde(default)]
    pub timeouts: Timeouts,
    /// abapGit Agent profiles: the git user sent with pull/create/import (token in the keyring).
    #[serde(default)]
    pub git_username: String,
    /// OAuth client credentials profiles: token URL and client id. (Not written when
    /// unused, so profiles of the other kinds are stored as before.)
    #[serde(default, skip_serializing_if = "OAuthSettings::is_empty")]
    pub oauth: OAuthSettings,
    /// Transaction bridge profiles: the app ids of the host (at least one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub app_ids: Vec<String>,
}

impl ProfileSettings {
    /// Settings with the product's defaults for `service_kind` at `base_url`.
    pub fn new(service_kind: ServiceKind, base_url: impl Into<String>) -> Self {
        Self {
            display_name: String::new(),
            service_kind,
            base_url: base_url.into(),
            client: String::new(),
            language: String::new(),
            user: String::new(),
            auth: AuthMethod::Basic,
            tls: TlsSettings::default(),
            proxy: ProxySettings::System,
            timeouts: Timeouts::default(),
            git_username: String::new(),
            oauth: OAuthSettings::default(),
            app_ids: Vec::new(),
        }
    }

    /// Why write actions are off for this profile (an API key only reads), if they are.
    pub fn read_only_reason(&self) -> Option<String> {
        (self.auth == AuthMethod::ApiKey).then(|| {
            "Connected with an API key (SAP API Business Hub sandbox), which only allows \
             reading: changes are switched off."
                .to_owned()
        })
    }

    /// Who the profile signs in as: the user, or the OAuth client id.
    pub fn principal(&self) -> &str {
        match self.auth {
            AuthMethod::Basic => &self.user,
            AuthMethod::OauthClientCredentials => &self.oauth.client_id,
            AuthMethod::ApiKey => "API key",
        }
    }
}

/// A saved profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Profile {
    pub id: ProfileId,
    /// The embedded sandbox's profile: its base URL follows the sandbox's port.
    #[serde(default)]
    pub is_demo: bool,
    pub settings: ProfileSettings,
}

/// What to do with a stored secret when a profile is saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum SecretUpdate {
    /// Leave the stored value as it is (or absent).
    #[default]
    Keep,
    Set {
        value: String,
    },
    Clear,
    /// A secret read from a service key by the app, held there under `handle` so that it
    /// never travels to the UI; the app swaps it for `Set` before saving.
    Imported {
        handle: String,
    },
}

// A hand-written Debug so that a draft can be traced without its secrets.
impl fmt::Debug for ProfileDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProfileDraft")
            .field("settings", &self.settings)
            .field("password", &self.password.redacted())
            .field("git_token", &self.git_token.redacted())
            .field("client_secret", &self.client_secret.redacted())
            .field("api_key", &self.api_key.redacted())
            .finish()
    }
}

impl SecretUpdate {
    fn redacted(&self) -> &'static str {
        match self {
            Self::Keep => "keep",
            Self::Set { .. } => "set(***)",
            Self::Clear => "clear",
            Self::Imported { .. } => "imported(***)",
        }
    }
}

/// A profile as the UI sends it for create or update.
#[derive(Clone, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProfileDraft {
    pub settings: ProfileSettings,
    #[serde(default)]
    pub password: SecretUpdate,
    #[serde(default)]
    pub git_token: SecretUpdate,
    /// The OAuth client secret (OAuth client credentials profiles).
    #[serde(default)]
    pub client_secret: SecretUpdate,
    /// The API key (API key profiles).
    #[serde(default)]
    pub api_key: SecretUpdate,
}

/// A profile as the UI sees it: secrets only as "is one stored?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProfileView {
    pub profile: Profile,
    pub password_set: bool,
    pub git_token_set: bool,
    pub client_secret_set: bool,
    pub api_key_set: bool,
    /// Why write actions are off (an API key profile), for the UI to disable them with it.
    pub read_only_reason: Option<String>,
    /// The host a plain `http://` URL sends the password to unencrypted (loopback excluded):
    /// the UI marks the system wherever it appears.
    pub unencrypted_host: Option<String>,
}
