//! The session's CSRF token: fetched once, shared by concurrent calls, replaced when stale.

use std::future::Future;
use std::sync::{Mutex, MutexGuard};

use reqwest::header::HeaderValue;

use crate::SapError;

/// What the last fetch brought back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CsrfToken {
    /// Sent as `X-CSRF-Token` on modifying requests (marked sensitive: never printed).
    Issued(HeaderValue),
    /// The service issued none (CSRF protection off): modifying requests go without.
    NotIssued,
}

#[derive(Default)]
pub(crate) struct CsrfCache {
    /// A std mutex, never held across an await, so `forget` can stay synchronous.
    token: Mutex<Option<CsrfToken>>,
    /// Held while a fetch is under way, so concurrent callers wait for it instead
    /// of each fetching its own token.
    fetching: tokio::sync::Mutex<()>,
}

impl CsrfCache {
    pub(crate) fn forget(&self) {
        *self.slot() = None;
    }

    /// The cached token, or the result of `fetch`, run by one caller at a time.
    /// A cancelled fetch leaves the cache empty for the next caller.
    pub(crate) async fn get_or_fetch<F, Fut>(&self, fetch: F) -> Result<CsrfToken, SapError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<CsrfToken, SapError>>,
    {
        if let Some(token) = self.cached() {
            return Ok(token);
        }
        let _fetching = self.fetching.lock().await;
        if let Some(token) = self.cached() {
            return Ok(token);
        }
        let token = fetch().await?;
        *self.slot() = Some(token.clone());
        Ok(token)
    }

    /// A token to replace `rejected`: another caller's fresh token if it already
    /// replaced it, else the result of `fetch`.
    pub(crate) async fn replace<F, Fut>(
        &self,
        rejected: &CsrfToken,
        fetch: F,
    ) -> Result<CsrfToken, SapError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<CsrfToken, SapError>>,
    {
        let _fetching = self.fetching.lock().await;
        if let Some(token) = self.cached().filter(|token| token != rejected) {
            return Ok(token);
        }
        self.forget();
        let token = fetch().await?;
        *self.slot() = Some(token.clone());
        Ok(token)
    }

    /// Stores a token fetched on request ("test connection"), under the fetch guard.
    pub(crate) async fn refetch<F, Fut>(&self, fetch: F) -> Result<CsrfToken, SapError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<CsrfToken, SapError>>,
    {
        let _fetching = self.fetching.lock().await;
        let token = fetch().await?;
        *self.slot() = Some(token.clone());
        Ok(token)
    }

    fn cached(&self) -> Option<CsrfToken> {
        self.slot().clone()
    }

    fn slot(&self) -> MutexGuard<'_, Option<CsrfToken>> {
        // The guarded value is a plain Option, valid even if a holder panicked.
        self.token
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
