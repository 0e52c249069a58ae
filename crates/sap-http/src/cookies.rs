//! The session's cookie jar, which can be emptied when the system ends the session.

use std::sync::{Arc, RwLock};

use reqwest::cookie::{CookieStore, Jar};
use reqwest::header::HeaderValue;
use url::Url;

/// reqwest's own jar behind a lock, so that a session the system ended can start over
/// without its stale session cookies (reqwest's jar cannot be emptied).
#[derive(Default)]
pub(crate) struct SessionCookies {
    jar: RwLock<Arc<Jar>>,
}

impl SessionCookies {
    /// Forgets every cookie: the next request logs on afresh.
    pub(crate) fn clear(&self) {
        *self
            .jar
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::default();
    }

    fn current(&self) -> Arc<Jar> {
        self.jar
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}

impl CookieStore for SessionCookies {
    fn set_cookies(&self, cookie_headers: &mut dyn Iterator<Item = &HeaderValue>, url: &Url) {
        self.current().set_cookies(cookie_headers, url);
    }

    fn cookies(&self, url: &Url) -> Option<HeaderValue> {
        self.current().cookies(url)
    }
}
