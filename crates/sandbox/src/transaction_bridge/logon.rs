//! Who `Login` logs on to the back end as: the user of Basic credentials (checked against the
//! back end's user master: password, lock), or for a bearer token of the sandbox's token
//! endpoint (OAuth client credentials) the destination's technical user, the sandbox's first
//! user (principal propagation needs a user; client credentials carry none).

use axum::http::{header, HeaderMap};
use base64::Engine as _;

use super::backend::LockState;
use super::status_bar::StatusBar;
use crate::state::AppState;

/// What the back end made of the request's credentials.
pub(super) enum Logon {
    User(String),
    /// `LOGIN_FAILED` with SAP GUI's logon message.
    Refused(StatusBar),
    /// A bearer token that is unknown or expired.
    InvalidToken,
}

/// `None` without credentials (or with unreadable ones).
pub(super) fn logon(state: &AppState, headers: &HeaderMap, token_expired: bool) -> Option<Logon> {
    match credentials(headers)? {
        Credentials::Basic { user, password } => {
            Some(back_end_logon(state, &user, Some(&password)))
        }
        Credentials::Bearer(token) => {
            let client = state
                .cloud_integration
                .auth
                .bearer_client(&token, state.clock.now())
                .filter(|_| !token_expired);
            if client.is_none() {
                return Some(Logon::InvalidToken);
            }
            let technical_user = state.config.users.first()?.0.clone();
            Some(back_end_logon(state, &technical_user, None))
        }
    }
}

/// The back end's checks: the password (unless the user is propagated), the lock.
fn back_end_logon(state: &AppState, user: &str, password: Option<&str>) -> Logon {
    let backend = state.transaction_bridge.backend();
    let known = backend.user(user).filter(|u| {
        u.password.is_some() && password.is_none_or(|p| u.password.as_deref() == Some(p))
    });
    match known {
        None => Logon::Refused(StatusBar::error(
            "Name or password is incorrect (repeat logon)",
        )),
        Some(user) if user.lock != LockState::NotLocked => Logon::Refused(StatusBar::error(
            "User is locked. Please notify the person responsible",
        )),
        Some(user) => Logon::User(user.name.clone()),
    }
}

/// What `Authorization` holds.
enum Credentials {
    Basic { user: String, password: String },
    Bearer(String),
}

fn credentials(headers: &HeaderMap) -> Option<Credentials> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, rest) = value.split_once(' ')?;
    if scheme.eq_ignore_ascii_case("bearer") {
        return Some(Credentials::Bearer(rest.trim().to_owned()));
    }
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(rest.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some(Credentials::Basic {
        user: user.to_owned(),
        password: password.to_owned(),
    })
}
