//! The profile model. Secrets are never part of it: they live in a [`crate::SecretStore`].

use std::fmt;

use rand::Rng;
use serde::{Deserialize, Serialize};

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
}

impl ServiceKind {
    /// The service root used when the profile's base URL names only the system.
    pub fn default_service_path(self) -> &'static str {
        match self {
            Self::AbapgitAgent => "/sap/bc/z_abapgit_agent/",
            Self::FocusedBuild => "/sap/opu/odata/SALM/EXT_DEVOPS_INTEG_SRV/",
        }
    }

    /// Path, relative to the service root, fetched for a CSRF token.
    pub fn csrf_fetch_path(self) -> &'static str {
        match self {
            Self::AbapgitAgent => "health",
            Self::FocusedBuild => "",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::AbapgitAgent => "abapGit Agent",
            Self::FocusedBuild => "Focused Build",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    #[default]
    Basic,
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
}

// A hand-written Debug so that a draft can be traced without its secrets.
impl fmt::Debug for ProfileDraft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProfileDraft")
            .field("settings", &self.settings)
            .field("password", &self.password.redacted())
            .field("git_token", &self.git_token.redacted())
            .finish()
    }
}

impl SecretUpdate {
    fn redacted(&self) -> &'static str {
        match self {
            Self::Keep => "keep",
            Self::Set { .. } => "set(***)",
            Self::Clear => "clear",
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
}

/// A profile as the UI sees it: secrets only as "is one stored?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProfileView {
    pub profile: Profile,
    pub password_set: bool,
    pub git_token_set: bool,
    /// The host a plain `http://` URL sends the password to unencrypted (loopback excluded):
    /// the UI marks the system wherever it appears.
    pub unencrypted_host: Option<String>,
}
