//! Bridge sessions: `Login` opens one SAP GUI session per cookie (`mtbsession_<appId>`),
//! every call names it, it ends on `Logout` or after an idle time. A session drives one screen
//! at a time, so a call arriving while another runs on the same session is refused (or queued,
//! as configured).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::http::{header, HeaderMap};
use base64::Engine as _;
use rand::Rng as _;

use super::apps::Screen;
use crate::faults::SessionExpiry;

/// The session cookie's name for an app.
pub fn cookie_name(app_id: &str) -> String {
    format!("{}{app_id}", super::SESSION_COOKIE_PREFIX)
}

struct Session {
    app: &'static str,
    user: String,
    screen: Screen,
    last_seen: Instant,
    requests: u64,
    /// Held while a call runs on this session.
    gate: Arc<tokio::sync::Mutex<()>>,
}

/// A live session, for one call.
pub(crate) struct Active {
    pub user: String,
    pub screen: Screen,
}

/// Why a cookie does not name a usable session.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Invalid {
    Missing,
    Unknown,
    Expired,
}

#[derive(Default)]
pub(crate) struct SessionStore {
    live: Mutex<HashMap<String, Session>>,
}

/// Sessions are pruned when the store grows past this (the idle ones).
const PRUNE_ABOVE: usize = 1000;

/// What decides that a session has ended, besides `Logout`.
pub(crate) struct ExpiryRules<'a> {
    pub idle_timeout: Duration,
    /// The server-wide session fault (after N requests or idle seconds).
    pub fault: Option<&'a SessionExpiry>,
    /// `x-sandbox-fault: session-expired` on this request.
    pub forced: bool,
}

impl SessionStore {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Session>> {
        self.live
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// Opens a session and returns its id (the cookie value).
    pub(crate) fn open(
        &self,
        app: &'static str,
        user: String,
        now: Instant,
        idle_timeout: Duration,
    ) -> String {
        let mut live = self.lock();
        if live.len() >= PRUNE_ABOVE {
            live.retain(|_, s| now.duration_since(s.last_seen) < idle_timeout);
        }
        let mut bytes = [0u8; 24];
        rand::rng().fill(&mut bytes[..]);
        let id = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
        live.insert(
            id.clone(),
            Session {
                app,
                user,
                screen: Screen::Initial,
                last_seen: now,
                requests: 0,
                gate: Arc::default(),
            },
        );
        id
    }

    /// Ends a session; `false` if there was none.
    pub(crate) fn close(&self, id: &str) -> bool {
        self.lock().remove(id).is_some()
    }

    /// The gate of a live session of `app`, if the id names one.
    pub(crate) fn gate(&self, app: &str, id: &str) -> Option<Arc<tokio::sync::Mutex<()>>> {
        self.lock()
            .get(id)
            .filter(|s| s.app == app)
            .map(|s| s.gate.clone())
    }

    /// Starts a call on the session: checks it is live for `app`, counts the call and hands out
    /// its screen (put back with [`SessionStore::put_screen`]).
    pub(crate) fn begin(
        &self,
        app: &str,
        id: Option<&str>,
        now: Instant,
        rules: &ExpiryRules<'_>,
    ) -> Result<Active, Invalid> {
        let id = id.ok_or(Invalid::Missing)?;
        let mut live = self.lock();
        let session = live
            .get_mut(id)
            .filter(|s| s.app == app)
            .ok_or(Invalid::Unknown)?;
        let idle = now.duration_since(session.last_seen);
        let by_fault = rules.fault.is_some_and(|expiry| {
            expiry.after_requests.is_some_and(|n| session.requests >= n)
                || expiry
                    .after_seconds
                    .is_some_and(|s| idle.as_secs_f64() >= s)
        });
        if rules.forced || by_fault || idle >= rules.idle_timeout {
            live.remove(id);
            return Err(Invalid::Expired);
        }
        session.last_seen = now;
        session.requests += 1;
        Ok(Active {
            user: session.user.clone(),
            screen: std::mem::take(&mut session.screen),
        })
    }

    /// Puts the screen back after a call (the session may have ended meanwhile).
    pub(crate) fn put_screen(&self, id: &str, screen: Screen) {
        if let Some(session) = self.lock().get_mut(id) {
            session.screen = screen;
        }
    }

    pub(crate) fn live_count(&self) -> usize {
        self.lock().len()
    }
}

/// The value of a cookie in the request.
pub(crate) fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|line| line.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(idle: u64) -> ExpiryRules<'static> {
        ExpiryRules {
            idle_timeout: Duration::from_secs(idle),
            fault: None,
            forced: false,
        }
    }

    #[test]
    fn sessions_expire_after_the_idle_time_and_belong_to_one_app() {
        let store = SessionStore::default();
        let start = Instant::now();
        let id = store.open("app", "DEVELOPER".into(), start, Duration::from_secs(60));
        assert!(store.begin("app", Some(&id), start, &rules(60)).is_ok());
        assert_eq!(
            store.begin("other", Some(&id), start, &rules(60)).err(),
            Some(Invalid::Unknown)
        );
        let later = start + Duration::from_secs(61);
        assert_eq!(
            store.begin("app", Some(&id), later, &rules(60)).err(),
            Some(Invalid::Expired)
        );
        assert_eq!(store.live_count(), 0);
    }
}
