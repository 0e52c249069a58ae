use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::Method;
use serde::Serialize;

use crate::{HttpResponse, SapError, SessionConfig};

/// One logged-on conversation with an SAP service: cookies, CSRF token, credentials.
/// Cheap to clone; clones share the same session.
#[derive(Clone)]
pub struct Session {
    inner: Arc<Inner>,
}

struct Inner {
    config: SessionConfig,
    client: reqwest::Client,
    // csrf token cache, counters, ...
}

/// One request, described independently of reqwest.
#[derive(Debug, Clone)]
pub struct SapRequest {
    pub method: Method,
    /// Relative to the session's base URL.
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Option<Bytes>,
    pub content_type: Option<String>,
    /// Overrides the session's default timeout for this call (pull and unit can take minutes).
    pub timeout: Option<Duration>,
}

impl SapRequest {
    pub fn get(path: impl Into<String>) -> Self {
        todo!()
    }
    pub fn post_json<B: Serialize + ?Sized>(path: impl Into<String>, body: &B) -> Result<Self, SapError> {
        todo!()
    }
    pub fn query(mut self, key: &str, value: &str) -> Self {
        self.query.push((key.to_owned(), value.to_owned()));
        self
    }
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
}

/// Counters for benchmarks and diagnostics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionStats {
    /// HTTP requests sent, CSRF fetches and retries included.
    pub requests: u64,
    pub csrf_fetches: u64,
}

impl Session {
    pub fn new(config: SessionConfig) -> Result<Self, SapError> {
        todo!()
    }

    pub fn config(&self) -> &SessionConfig {
        &self.inner.config
    }

    pub async fn send(&self, request: SapRequest) -> Result<HttpResponse, SapError> {
        todo!()
    }

    pub async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<HttpResponse, SapError> {
        todo!()
    }

    pub async fn post_json<B: Serialize + ?Sized>(&self, path: &str, body: &B) -> Result<HttpResponse, SapError> {
        todo!()
    }

    /// Fetches a CSRF token now (logs on, warms the session). Used by "test connection".
    pub async fn fetch_csrf_token(&self) -> Result<(), SapError> {
        todo!()
    }

    /// Forgets the cached CSRF token, so the next modifying call fetches a new one.
    pub fn forget_csrf_token(&self) {
        todo!()
    }

    pub fn stats(&self) -> SessionStats {
        todo!()
    }
}
