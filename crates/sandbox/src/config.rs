//! How a sandbox server is set up: address, dialect, system identity, users, speed.

use std::net::SocketAddr;

use base64::Engine;
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::faults::FaultConfig;

/// Which response shapes the abapGit Agent resources speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dialect {
    /// The shapes of the published REST API reference (lower-case keys, `success` as documented).
    Documented,
    /// The shapes the open-source handler really sends (UPPERCASE keys, JSON-encoded strings, quirks).
    #[default]
    AsImplemented,
}

impl std::fmt::Display for Dialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Documented => "documented",
            Self::AsImplemented => "as-implemented",
        })
    }
}

impl std::str::FromStr for Dialect {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "documented" => Ok(Self::Documented),
            "as-implemented" | "asimplemented" => Ok(Self::AsImplemented),
            other => Err(format!(
                "unknown dialect {other:?}: use documented or as-implemented"
            )),
        }
    }
}

/// Everything needed to start one sandbox server.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Where to listen; port 0 picks a free port.
    pub bind: SocketAddr,
    pub dialect: Dialect,
    /// System ID, used in cookie names and the logon realm (e.g. `DEV`).
    pub sid: String,
    /// Clients a user may log on to; the first one is the default when no `sap-client` is sent.
    pub clients: Vec<String>,
    /// Users and their passwords.
    pub users: Vec<(String, String)>,
    /// Speed factor for background jobs: 1.0 is real time, 10.0 is ten times faster.
    pub job_speed: f64,
    /// Faults active from the start; change them at runtime with `SandboxHandle::faults()`.
    pub faults: FaultConfig,
    /// Who may change faults over HTTP (`/sandbox/faults`). In-process control through
    /// `SandboxHandle::faults()` needs nothing.
    pub fault_control: FaultControlAccess,
    /// Focused Build work items the system holds: the seeded ones by default, more for a
    /// large worklist (the same changes again for later rollout waves).
    pub work_items: usize,
    /// The simulated mobile transaction bridge: session idle time, concurrent calls.
    pub transaction_bridge: crate::transaction_bridge::TransactionBridgeConfig,
}

/// What a request to `/sandbox/faults` must carry besides coming from loopback.
#[derive(Clone, PartialEq, Eq)]
pub enum FaultControlAccess {
    /// `Authorization: Bearer <token>`. The default, with a random token.
    Token(String),
    /// No token (for test scripts that start the standalone binary). Loopback peer, a loopback
    /// `Host` and a JSON body are still required.
    Open,
}

impl FaultControlAccess {
    /// A token of 32 random bytes, URL-safe base64.
    pub fn random_token() -> Self {
        let mut bytes = [0u8; 32];
        rand::rng().fill(&mut bytes[..]);
        Self::Token(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
    }

    /// The token to send, if one is needed.
    pub fn token(&self) -> Option<&str> {
        match self {
            Self::Token(token) => Some(token),
            Self::Open => None,
        }
    }
}

impl std::fmt::Debug for FaultControlAccess {
    // The token is a credential: never in logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Token(_) => "Token(..)",
            Self::Open => "Open",
        })
    }
}

/// The user of the standalone binary and of `SandboxConfig::default()`.
pub const DEFAULT_USER: &str = "DEVELOPER";
/// The password of [`DEFAULT_USER`].
pub const DEFAULT_PASSWORD: &str = "Welcome1";
/// The default system ID: the seeded system's, so cookies, realm and dumps agree.
pub const DEFAULT_SID: &str = abap_system::SYSTEM_ID;
/// The default (and only) client: the one the seeded rows (`MANDT`) belong to.
pub const DEFAULT_CLIENT: &str = abap_system::CLIENT;

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            dialect: Dialect::default(),
            sid: DEFAULT_SID.to_string(),
            clients: vec![DEFAULT_CLIENT.to_string()],
            users: vec![(DEFAULT_USER.to_string(), DEFAULT_PASSWORD.to_string())],
            job_speed: 1.0,
            faults: FaultConfig::default(),
            fault_control: FaultControlAccess::random_token(),
            work_items: crate::focused_build::SEEDED_WORK_ITEMS,
            transaction_bridge: Default::default(),
        }
    }
}

impl SandboxConfig {
    /// The client used when a request names none.
    pub fn default_client(&self) -> &str {
        self.clients
            .first()
            .map(String::as_str)
            .unwrap_or(DEFAULT_CLIENT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dialect_names_round_trip() {
        for dialect in [Dialect::Documented, Dialect::AsImplemented] {
            assert_eq!(dialect.to_string().parse::<Dialect>(), Ok(dialect));
        }
        assert_eq!(
            "AS_IMPLEMENTED".parse::<Dialect>(),
            Ok(Dialect::AsImplemented)
        );
        assert!("other".parse::<Dialect>().is_err());
    }
}
