//! SAP Cloud Integration's OData API (`/api/v1`) as a simulated tenant, with the token
//! endpoint of its XSUAA (`/oauth/token`).
//!
//! The tenant has its own authentication, not the ABAP logon: OAuth 2.0 client credentials
//! (bearer tokens that expire, no CSRF) or Basic with a user or the client id/secret (a
//! `JSESSIONID` session whose CSRF token every modifying request needs). It answers OData V2
//! as the tenant does: Atom XML unless JSON is asked for, verbose JSON (`d`, `results`,
//! `__metadata`, `__count` as a string, `__next` with `$skiptoken` after 1,000 rows), errors
//! `{"error":{"code":"Bad Request","message":{"lang":"en","value":"…"}}}`, `$filter` with only
//! the operators the real API allows per entity set, function imports with quoted parameters.
//!
//! Content: integration packages with their flows, value mappings, message mappings and script
//! collections (zip downloads), configurations, deploy and undeploy running in time on the
//! sandbox clock, runtime artifacts and their endpoints, about 20,000 message processing logs
//! over the last 7 days (derived from their index, not stored), the Partner Directory and the
//! security content.

mod auth;
mod content;
mod content_routes;
mod errors;
mod filter;
mod log_files;
mod messages;
mod messages_routes;
mod metadata;
mod odata;
mod partners;
mod query;
mod routes;
mod security;
mod seed;
mod zips;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::middleware::from_fn_with_state;
use axum::routing::{any, post};
use axum::Router;

use crate::state::AppState;

pub(crate) use auth::AuthState;

/// Path of the tenant's OData API (the service root, without a trailing slash as in a
/// service key's `url` + `/api/v1`).
pub const API_PATH: &str = "/api/v1";
/// Path of the token endpoint (the tenant's XSUAA in real life, on another host).
pub const TOKEN_PATH: &str = "/oauth/token";
/// Loopback test hook beside `/sandbox/faults` (same admission): `GET` answers
/// `{"token_requests": N, "sessions": N}`.
pub const STATS_PATH: &str = "/sandbox/cloud-integration";
/// The demo service key's client id (plan `api`), as XSUAA forms them.
pub const DEMO_CLIENT_ID: &str = "sb-7c1d2e3f-agentdesk-demo!b41793|it!b117912";
/// The demo service key's client secret.
pub const DEMO_CLIENT_SECRET: &str = "Zk4u7rW2q9LxN3pT5vB8yD1aC6eH0jGm=";
/// A user of the tenant's identity provider for Basic authentication.
pub const DEMO_USER: &str = "integration.developer@example.com";
/// The demo user's password.
pub const DEMO_PASSWORD: &str = "Welcome1!";
/// A support user with the role collection of monitoring only (`MonitoringDataRead`): every
/// change and every payload read is refused with 403 and `"value": null`, as the tenant does
/// for a missing role.
pub const MONITOR_USER: &str = "support.monitor@example.com";
/// The monitoring user's password.
pub const MONITOR_PASSWORD: &str = "Monitor1!";
/// Lifetime of an access token unless changed: XSUAA's default of 12 hours less a second.
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(43_199);
/// Rows per page before the tenant adds `__next`.
pub const PAGE_SIZE: usize = 1000;
/// Message processing logs the tenant holds (over the last 7 days).
pub const SEEDED_MESSAGE_LOGS: usize = 20_000;

/// The tenant: its content (packages, deployments, partner directory, security content), its
/// message log and its authentication state.
pub(crate) struct Tenant {
    content: Mutex<content::Content>,
    pub(crate) messages: messages::MessageLog,
    pub(crate) auth: AuthState,
    token_lifetime_ms: AtomicU64,
}

impl Tenant {
    /// Seeded with "now" (epoch ms of the sandbox clock) as the end of the message log.
    pub(crate) fn seeded(now_ms: i64) -> Self {
        Self {
            content: Mutex::new(content::Content::seeded(now_ms)),
            messages: messages::MessageLog::new(now_ms, SEEDED_MESSAGE_LOGS),
            auth: AuthState::default(),
            token_lifetime_ms: AtomicU64::new(DEFAULT_TOKEN_LIFETIME.as_millis() as u64),
        }
    }

    pub(crate) fn content(&self) -> MutexGuard<'_, content::Content> {
        // Content operations validate before they change anything.
        self.content
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// Back to the seed: packages, deployments, partner directory and security content.
    /// Tokens and sessions stay, so connected clients keep working.
    pub(crate) fn reset(&self, now_ms: i64) {
        *self.content() = content::Content::seeded(now_ms);
    }

    pub(crate) fn token_lifetime(&self) -> Duration {
        Duration::from_millis(self.token_lifetime_ms.load(Ordering::Relaxed))
    }

    pub(crate) fn set_token_lifetime(&self, lifetime: Duration) {
        let millis = u64::try_from(lifetime.as_millis()).unwrap_or(u64::MAX);
        self.token_lifetime_ms.store(millis, Ordering::Relaxed);
    }
}

/// The tenant's routes: the token endpoint, and the API behind the tenant's authentication
/// with the sandbox's faults applied inside it (as for the ABAP services).
pub(crate) fn router(state: Arc<AppState>) -> Router {
    let api = Router::new()
        .route(API_PATH, any(routes::serve))
        .route(&format!("{API_PATH}/"), any(routes::serve))
        .route(&format!("{API_PATH}/{{*resource}}"), any(routes::serve))
        .layer(from_fn_with_state(
            state.clone(),
            crate::fault_layer::inject_faults,
        ))
        .layer(from_fn_with_state(state.clone(), auth::authenticate))
        .layer(from_fn_with_state(
            state.clone(),
            crate::fault_layer::read_fault_header,
        ));
    let token = Router::new()
        .route(
            TOKEN_PATH,
            post(auth::token).fallback(auth::token_method_not_allowed),
        )
        .layer(from_fn_with_state(
            state.clone(),
            crate::fault_layer::inject_faults,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            crate::fault_layer::read_fault_header,
        ));
    api.merge(token).with_state(state)
}
