//! SAP Mobile Services' mobile transaction bridge, simulated: recorded SAP GUI transactions
//! published as OData V4 services at `/mtb-bridge/odata/app/<appId>/`, one action (POST, JSON
//! body) or function (GET, `Name(P='v',N=1)`) per recorded sequence, plus `Login`, `Logout`
//! and `Home`. Every answer carries `State` (`ErrorCode`, `StatusBarMessage` with its SAP GUI
//! type in `StatusBarMessageType`, `SubsequentActions`, `PrecedingActions`); recorded sequences
//! add `Output`.
//!
//! The apps ([`APPS`]):
//! - [`USER_ADMIN_APP`] (SU01): `FindUsers`, `GetUserDetails` (functions), `LockUser`,
//!   `UnlockUser` (actions, change the user master).
//! - [`MATERIAL_APP`] (MM03): `FindMaterials`, `DisplayMaterial` (functions; plants with their
//!   storage locations as a nested table).
//! - [`SALES_ORDER_APP`] (VA01): `StartOrder` → `AddItem` (repeatable) → `SaveOrder`, in that
//!   order; `SaveOrder` says "Standard Order 12345 has been saved" and returns the number.
//!
//! The back end (users, materials, customers, orders) is one per sandbox, shared by all
//! sessions like a real system's tables; the screen each session's SAP GUI is on is per session.
//!
//! Session: `POST Login` with Basic credentials of a sandbox user ([`crate::SandboxConfig::users`],
//! default `DEVELOPER`/`Welcome1`) answers `Set-Cookie: mtbsession_<appId>=…; Path=/mtb-bridge;
//! HttpOnly`. `Login` also takes `Authorization: Bearer` with a token of the sandbox's token
//! endpoint ([`crate::cloud_integration::TOKEN_PATH`], OAuth client credentials of
//! [`crate::cloud_integration::DEMO_CLIENT_ID`]); the back end then runs as the destination's
//! technical user, the sandbox's first user. Without credentials `Login` answers 401 (an unknown
//! or expired token: 401 with `error="invalid_token"`). `$metadata` and the service document
//! need the cookie or credentials. Sessions end on `Logout`, after
//! [`TransactionBridgeConfig::idle_timeout`] without a call (the sandbox clock, see
//! [`crate::SandboxHandle::advance_clock`]), or by the session faults. One call at a time per
//! session: a second call while one runs is refused with 400 `RESTGUI_CALL_FAILED`
//! ([`ConcurrentCalls::Refuse`], the default) or waits ([`ConcurrentCalls::Queue`]).
//!
//! How to reach each error:
//! - 404 "Application not found": any app id not in [`APPS`], e.g. `/mtb-bridge/odata/app/nope/Login`.
//! - 404 "Sequence does not exist": an unknown name, e.g. `POST …/su01users/DeleteUser`.
//! - 400 (OData): a malformed function call, e.g. `GetUserDetails(UserName='O'Brien')`, bad
//!   percent-encoding, or an action body that is not a JSON object.
//! - 500/100 `INVALID_SCREEN_STATE`: `AddItem` or `SaveOrder` before `StartOrder`, `StartOrder`
//!   twice; after a failed `StartOrder` on the overview screen every sequence but `Home`.
//! - 500/200 `BATCH_EXECUTION_FAILED`: a step fails because the back end showed an error, e.g.
//!   `GetUserDetails(UserName='NOBODY')` ("User NOBODY does not exist", step 2 "Control not
//!   found" in `Details`), `DisplayMaterial(Material='NOPE',…)`, `StartOrder` with an unknown
//!   sold-to party, `AddItem` with an unknown material, `SaveOrder` without items.
//! - 500/300 `INVALID_INPUT`: one detail per field (`target` names it): a mandatory parameter
//!   missing or blank, a value of the wrong type (`MaxHits='ten'`), longer than its field
//!   (`UserName` over 12 characters), a parameter the sequence does not have.
//! - 500/400 `RESTGUI_CALL_FAILED`: a second call on a session while one runs (e.g. with
//!   `x-sandbox-fault: latency=500` on the first), `x-sandbox-fault: bridge-error=400`, or
//!   server-wide [`crate::FaultConfig::bridge_error_every`] (code in `bridge_error_code`).
//! - 500/500 `LOGIN_FAILED`: `Login` with a wrong password, or as a user locked in SU01 (lock a
//!   second configured user with `LockUser`, then log on as that user).
//! - 500/600 `INVALID_OUTPUT`: `DisplayMaterial(Material='LEG-9000',…)`: its weight overflows
//!   the screen field (asterisks), which is no `Edm.Decimal`.
//! - 500/700 `SESSION_INVALID`: any call but `Login` without the cookie, with an unknown one,
//!   after `Logout`, after the idle time, or with `x-sandbox-fault: session-expired` (or the
//!   server-wide `session_expiry` fault).
//! - 500/999 `UNKNOWN_ERROR`: `x-sandbox-fault: bridge-error=999`, or `bridge_error_every` with
//!   `bridge_error_code: 999`.
//!
//! The other faults (latency, 5xx HTML pages, resets, slow answers, logon pages, an error body
//! that is not JSON, `token-expired` for a bearer `Login`) apply as on the SAP paths.

mod apps;
mod backend;
mod errors;
mod input;
mod literal;
mod logon;
mod metadata;
mod model;
mod output;
mod routes;
mod seed;
mod sessions;
mod status_bar;

use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

pub use errors::ErrorCode;
pub use sessions::cookie_name;

pub(crate) use routes::{router, serialize_calls};

/// Where the apps live: `/mtb-bridge/odata/app/<appId>/`.
pub const TRANSACTION_BRIDGE_PATH: &str = "/mtb-bridge/odata/app/";
/// The session cookie is this prefix followed by the app id.
pub const SESSION_COOKIE_PREFIX: &str = "mtbsession_";
/// SU01-like user administration.
pub const USER_ADMIN_APP: &str = "su01users";
/// MM03-like material display.
pub const MATERIAL_APP: &str = "mm03material";
/// VA01-like sales order entry.
pub const SALES_ORDER_APP: &str = "va01order";
/// The user the demo logs on with (password: the sandbox's, [`crate::DEFAULT_PASSWORD`] by default).
pub const DEMO_USER: &str = crate::DEFAULT_USER;
/// How long a session lives without a call, unless configured otherwise.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(30 * 60);

/// A published app, as listed at start-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppInfo {
    pub id: &'static str,
    /// The transaction the recording runs.
    pub transaction: &'static str,
    pub title: &'static str,
}

/// The published apps.
pub fn apps() -> Vec<AppInfo> {
    apps::APPS
        .iter()
        .map(|app| AppInfo {
            id: app.spec.id,
            transaction: app.spec.transaction,
            title: app.spec.title,
        })
        .collect()
}

/// The apps' ids.
pub const APPS: [&str; 3] = [USER_ADMIN_APP, MATERIAL_APP, SALES_ORDER_APP];

/// What a call on a busy session gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ConcurrentCalls {
    /// 500 with `RESTGUI_CALL_FAILED`: the GUI session is processing another request.
    #[default]
    Refuse,
    /// The call waits until the running one has ended.
    Queue,
}

/// How the simulated bridge behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionBridgeConfig {
    /// A session without a call for this long has ended (`SESSION_INVALID`).
    pub idle_timeout: Duration,
    pub concurrent_calls: ConcurrentCalls,
}

impl Default for TransactionBridgeConfig {
    fn default() -> Self {
        Self {
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            concurrent_calls: ConcurrentCalls::default(),
        }
    }
}

/// The bridge's state in a running sandbox.
pub(crate) struct Bridge {
    pub config: TransactionBridgeConfig,
    pub sessions: sessions::SessionStore,
    backend: Mutex<backend::Backend>,
    logon_users: Vec<(String, String)>,
}

impl Bridge {
    pub(crate) fn new(config: TransactionBridgeConfig, logon_users: &[(String, String)]) -> Self {
        Self {
            config,
            sessions: sessions::SessionStore::default(),
            backend: Mutex::new(backend::Backend::seeded(logon_users)),
            logon_users: logon_users.to_vec(),
        }
    }

    fn backend(&self) -> MutexGuard<'_, backend::Backend> {
        // Sequences check before they change anything: a poisoned lock holds consistent data.
        self.backend
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// Back to the seeded back end; sessions and their screens stay.
    pub(crate) fn reset(&self) {
        *self.backend() = backend::Backend::seeded(&self.logon_users);
    }
}
