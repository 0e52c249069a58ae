use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use reqwest::Method;
use serde::Serialize;
use tokio::io::{AsyncWrite, AsyncWriteExt};
use url::Url;

use crate::classify::{classify, Destination, Limits};
use crate::client::{build_client, build_token_client, bypasses_proxy, parse_proxy_url};
use crate::cookies::SessionCookies;
use crate::csrf::{CsrfCache, CsrfToken};
use crate::html::text_excerpt;
use crate::logon::{is_logon_page, logon_error_reason, page_name, says_user_locked};
use crate::oauth::{Bearer, TokenSource};
use crate::{Auth, HttpResponse, LogonAttempts, ProxyMode, SapError, SessionConfig};

const CSRF_HEADER: &str = "x-csrf-token";

/// One logged-on conversation with an SAP service: cookies, CSRF token, credentials.
/// Cheap to clone; clones share the same session.
///
/// Cancellation: every call is a future; dropping it (a `select!`, an aborted task,
/// a closed window) abandons the request at once and closes its connection. A CSRF
/// fetch abandoned that way leaves no token behind; the next call fetches again.
#[derive(Clone)]
pub struct Session {
    inner: Arc<Inner>,
}

struct Inner {
    config: SessionConfig,
    client: reqwest::Client,
    cookies: Arc<SessionCookies>,
    csrf: CsrfCache,
    /// The bearer token of an OAuth session (memory only).
    token: Option<TokenSource>,
    attempts: LogonAttempts,
    /// Held by the first request that sends the password, so that a wrong password fails
    /// once, not once per concurrent call (SAP counts every failed logon).
    logon_gate: tokio::sync::Mutex<()>,
    /// The system answered data on this session's cookies: a logon page now means the
    /// session ended, not that the system wants an interactive logon.
    logged_on: AtomicBool,
    requests: AtomicU64,
    csrf_fetches: AtomicU64,
    /// Bumped by [`Session::cancel_in_flight`]: every call running at that moment stops.
    cancel: tokio::sync::watch::Sender<u64>,
}

impl std::fmt::Debug for Session {
    /// The service and the counters; never credentials or the CSRF token.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("base_url", &self.inner.config.base_url.as_str())
            .field("stats", &self.stats())
            .finish_non_exhaustive()
    }
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
    /// Overrides the session's body limit for this call.
    pub max_body_bytes: Option<u64>,
    /// Safe to send twice: GET and HEAD always are; a POST only when the caller says so
    /// (a read that the API happens to send as POST). Decides whether the request is
    /// repeated on a fresh logon after the session ended.
    pub repeatable: bool,
    /// An HTML page is a legitimate answer (an attachment's content): only a page with a
    /// logon form is taken for a logon page.
    pub html_is_data: bool,
}

impl SapRequest {
    /// A request without body.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            repeatable: matches!(method, Method::GET | Method::HEAD),
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            content_type: None,
            timeout: None,
            max_body_bytes: None,
            html_is_data: false,
        }
    }
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }
    pub fn post_json<B: Serialize + ?Sized>(
        path: impl Into<String>,
        body: &B,
    ) -> Result<Self, SapError> {
        Self::new(Method::POST, path).json(body)
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
    /// Reads up to `bytes` of this call's answer (a download of a known large file).
    pub fn max_body_bytes(mut self, bytes: u64) -> Self {
        self.max_body_bytes = Some(bytes);
        self
    }
    /// Declares a POST (or another method) safe to send twice: it only reads.
    pub fn repeatable(mut self) -> Self {
        self.repeatable = true;
        self
    }
    /// An HTML page is a possible answer of this call (see [`SapRequest::html_is_data`]).
    pub fn html_is_data(mut self) -> Self {
        self.html_is_data = true;
        self
    }
    /// A body of any type.
    pub fn body(mut self, content_type: &str, body: impl Into<Bytes>) -> Self {
        self.content_type = Some(content_type.to_owned());
        self.body = Some(body.into());
        self
    }
    /// `body` serialized as JSON, with `Content-Type: application/json`.
    pub fn json<B: Serialize + ?Sized>(self, body: &B) -> Result<Self, SapError> {
        let json = serde_json::to_vec(body).map_err(|error| SapError::Config {
            field: "body".into(),
            message: format!("cannot be written as JSON: {error}"),
        })?;
        Ok(self.body("application/json", json))
    }
}

/// Counters for benchmarks and diagnostics.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SessionStats {
    /// HTTP requests sent, CSRF fetches and retries included.
    pub requests: u64,
    pub csrf_fetches: u64,
    /// OAuth token requests (not counted in `requests`).
    pub token_requests: u64,
}

/// What [`Session::download`] did with the answer.
#[derive(Debug)]
pub enum Download {
    /// A success answer, written to the sink as it arrived.
    Written {
        status: u16,
        headers: HeaderMap,
        bytes: u64,
    },
    /// Any other answer (an error status, an HTML page), read into memory under the
    /// session's body limit, for the caller to explain. Nothing was written.
    Answer(HttpResponse),
}

/// POST, PUT, PATCH, DELETE and OData's MERGE change data and need the CSRF token.
fn is_modifying(method: &Method) -> bool {
    matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    ) || method.as_str() == "MERGE"
}

/// 403 with `x-csrf-token: Required`: the token is missing or stale. Body text is not
/// looked at: services put "token" in unrelated messages.
fn csrf_required(response: &HttpResponse) -> bool {
    response.status == 403
        && response
            .headers
            .get(CSRF_HEADER)
            .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"required"))
}

/// What a request carries besides its own headers.
#[derive(Clone, Copy)]
enum Stamp<'a> {
    Plain,
    /// A modifying request of a Basic session.
    Csrf(&'a CsrfToken),
    /// Every request of an OAuth session.
    Bearer(&'a Bearer),
}

/// The session's way of logging on must be usable before anything is sent.
fn check_auth(config: &SessionConfig) -> Result<(), SapError> {
    let invalid = |field: &str, message: &str| SapError::Config {
        field: field.into(),
        message: message.into(),
    };
    match &config.auth {
        Some(Auth::OAuthClientCredentials(oauth)) => {
            let url = &oauth.token_url;
            if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty)
            {
                return Err(invalid(
                    "oauth.token_url",
                    "must be an http:// or https:// URL naming a host",
                ));
            }
            if !url.username().is_empty() || url.password().is_some() {
                return Err(invalid(
                    "oauth.token_url",
                    "must not contain a user or password: set the client id and secret instead",
                ));
            }
            if oauth.client_id.trim().is_empty() {
                return Err(invalid("oauth.client_id", "is empty"));
            }
            if oauth.client_id.contains(':') {
                return Err(invalid(
                    "oauth.client_id",
                    "cannot contain ':' (it is sent as HTTP Basic user)",
                ));
            }
            if oauth.client_secret.is_empty() {
                return Err(invalid("oauth.client_secret", "is empty"));
            }
        }
        Some(Auth::ApiKey(key)) if key.expose().trim().is_empty() => {
            return Err(invalid("api_key", "is empty"));
        }
        _ => {}
    }
    Ok(())
}

/// Where one exchange puts a success answer's body.
enum BodyTarget<'a> {
    Memory,
    /// Streamed to the sink when the answer is a success and not an HTML page.
    Sink(&'a mut (dyn AsyncWrite + Unpin + Send)),
}

/// One round trip's result before the session's rules apply.
enum Exchanged {
    Read(HttpResponse),
    Streamed {
        status: u16,
        headers: HeaderMap,
        bytes: u64,
    },
}

impl Session {
    /// Checks the configuration and builds the HTTP client; nothing is sent yet.
    /// A base URL without a trailing `/` gets one.
    pub fn new(config: SessionConfig) -> Result<Self, SapError> {
        Self::with_logon_attempts(config, LogonAttempts::default())
    }

    /// Like [`Session::new`], counting failed logons in `attempts`, which outlives the session:
    /// a new session with the same password does not send it again after a 401 until the
    /// user asks ([`LogonAttempts::allow_retry`]).
    pub fn with_logon_attempts(
        config: SessionConfig,
        attempts: LogonAttempts,
    ) -> Result<Self, SapError> {
        let mut config = config;
        config.base_url = normalize_base_url(config.base_url)?;
        for (field, limit) in [
            ("timeout", config.timeout),
            ("connect_timeout", config.connect_timeout),
        ] {
            if limit.is_zero() {
                return Err(SapError::Config {
                    field: field.into(),
                    message: "must be longer than zero".into(),
                });
            }
        }
        check_auth(&config)?;
        let cookies = Arc::new(SessionCookies::default());
        let client = build_client(&config, cookies.clone())?;
        let token = match &config.auth {
            Some(Auth::OAuthClientCredentials(credentials)) => Some(TokenSource::new(
                credentials.clone(),
                build_token_client(&config)?,
            )),
            _ => None,
        };
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                client,
                cookies,
                csrf: CsrfCache::default(),
                token,
                attempts,
                logon_gate: tokio::sync::Mutex::new(()),
                logged_on: AtomicBool::new(false),
                requests: AtomicU64::new(0),
                csrf_fetches: AtomicU64::new(0),
                cancel: tokio::sync::watch::Sender::new(0),
            }),
        })
    }

    pub fn config(&self) -> &SessionConfig {
        &self.inner.config
    }

    /// The failed logons of this session's password (shared with the sessions opened with
    /// the same [`LogonAttempts`]).
    pub fn logon_attempts(&self) -> &LogonAttempts {
        &self.inner.attempts
    }

    /// Sends one request: the CSRF token is added to modifying methods (fetched first
    /// if the session has none), and a 403 `x-csrf-token: Required` answer refetches
    /// the token and retries once (the system did not run the request). Any other status
    /// is returned as it is, except:
    /// - a logon page instead of data: the session ended. Its cookies and token are
    ///   dropped, and a repeatable request ([`SapRequest::repeatable`]) is sent once more
    ///   on a fresh logon; any other is `SessionEnded` (it could change data twice). On a
    ///   session that never logged on, a logon page is `Authentication` (the system wants
    ///   an interactive logon such as SSO).
    /// - 401 is `Authentication` (or `AccountLocked`); afterwards the password is withheld
    ///   (`LogonWithheld`) until the user asks or changes it.
    pub async fn send(&self, request: SapRequest) -> Result<HttpResponse, SapError> {
        self.check_writable(&request)?;
        match self
            .send_with_logon(&request, &mut BodyTarget::Memory)
            .await?
        {
            Exchanged::Read(response) => Ok(response),
            Exchanged::Streamed { .. } => Err(streamed_without_sink()),
        }
    }

    /// Sends a reading request and writes a success answer's body to `sink` as it arrives,
    /// so a large file never sits in memory. The body limit is the request's
    /// ([`SapRequest::max_body_bytes`]) or the session's. An answer that is no success, or
    /// an HTML page, is returned in memory as [`Download::Answer`]; the logon rules of
    /// [`Session::send`] apply.
    pub async fn download<W>(&self, request: SapRequest, sink: &mut W) -> Result<Download, SapError>
    where
        W: AsyncWrite + Unpin + Send,
    {
        if is_modifying(&request.method) {
            return Err(SapError::Config {
                field: "request".into(),
                message: format!("{} cannot be a download", request.method),
            });
        }
        match self
            .send_with_logon(&request, &mut BodyTarget::Sink(sink))
            .await?
        {
            Exchanged::Read(response) => Ok(Download::Answer(response)),
            Exchanged::Streamed {
                status,
                headers,
                bytes,
            } => Ok(Download::Written {
                status,
                headers,
                bytes,
            }),
        }
    }

    /// Stops every call of this session (and of its clones) that is running now with
    /// `Cancelled`; calls started afterwards run normally. The system may still finish a
    /// change it already received: the caller says so.
    pub fn cancel_in_flight(&self) {
        self.inner.cancel.send_modify(|generation| *generation += 1);
    }

    /// [`Self::exchange_with_logon`], unless [`Self::cancel_in_flight`] stops it first.
    async fn send_with_logon(
        &self,
        request: &SapRequest,
        target: &mut BodyTarget<'_>,
    ) -> Result<Exchanged, SapError> {
        // Subscribing marks the current generation as seen: only a later cancel counts.
        let mut cancelled = self.inner.cancel.subscribe();
        tokio::select! {
            exchanged = self.exchange_with_logon(request, target) => exchanged,
            _ = cancelled.changed() => {
                tracing::info!(path = %request.path, "call cancelled by the user");
                Err(SapError::Cancelled)
            }
        }
    }

    /// [`Self::send_once`], then the rule for a logon page instead of data.
    async fn exchange_with_logon(
        &self,
        request: &SapRequest,
        target: &mut BodyTarget<'_>,
    ) -> Result<Exchanged, SapError> {
        let url = self.resolve_url(&request.path, &request.query)?;
        let mut repeated = false;
        loop {
            let was_logged_on = self.inner.logged_on.load(Ordering::Acquire);
            let exchanged = self.send_once(request, &url, target).await?;
            let response = match &exchanged {
                Exchanged::Read(response) if is_logon_page(response, request.html_is_data) => {
                    response
                }
                _ => return Ok(exchanged),
            };
            if !was_logged_on {
                return Err(interactive_logon_error(response));
            }
            tracing::debug!(
                method = %request.method,
                path = url.path(),
                "logon page instead of data: the session ended"
            );
            self.start_over();
            if repeated {
                // A fresh logon got the logon page too: the system wants an interactive logon.
                return Err(interactive_logon_error(response));
            }
            if !request.repeatable {
                return Err(SapError::SessionEnded {
                    message: format!(
                        "the system answered {} {} with its logon page{}; the request was not \
                         sent again because it could change data twice",
                        request.method,
                        url.path(),
                        page_name(response)
                    ),
                });
            }
            repeated = true;
        }
    }

    /// One request with the CSRF rules: the token for modifying methods, and one retry
    /// after a 403 `x-csrf-token: Required` (the system provably did not run it).
    async fn send_once(
        &self,
        request: &SapRequest,
        url: &Url,
        target: &mut BodyTarget<'_>,
    ) -> Result<Exchanged, SapError> {
        if let Some(source) = &self.inner.token {
            return self.send_with_bearer(source, request, url, target).await;
        }
        let uses_csrf = matches!(self.inner.config.auth, None | Some(Auth::Basic(_)));
        if !is_modifying(&request.method) || !uses_csrf {
            let exchanged = self.exchange(request, url, Stamp::Plain, target).await?;
            if matches!(&exchanged, Exchanged::Read(response) if csrf_required(response)) {
                return Err(SapError::Csrf {
                    message: format!(
                        "the system asks for a CSRF token on {} {}",
                        request.method,
                        url.path()
                    ),
                });
            }
            return Ok(exchanged);
        }

        let token = self
            .inner
            .csrf
            .get_or_fetch(|| self.request_csrf_token())
            .await?;
        let exchanged = self
            .exchange(request, url, Stamp::Csrf(&token), target)
            .await?;
        if !matches!(&exchanged, Exchanged::Read(response) if csrf_required(response)) {
            return Ok(exchanged);
        }
        tracing::debug!(path = url.path(), "CSRF token rejected, fetching a new one");
        let token = self
            .inner
            .csrf
            .replace(&token, || self.request_csrf_token())
            .await?;
        let exchanged = self
            .exchange(request, url, Stamp::Csrf(&token), target)
            .await?;
        if matches!(&exchanged, Exchanged::Read(response) if csrf_required(response)) {
            return Err(SapError::Csrf {
                message: format!(
                    "the system rejected a freshly fetched token for {} {}",
                    request.method,
                    url.path()
                ),
            });
        }
        Ok(exchanged)
    }

    /// A bearer-token request: no CSRF token (the services ask bearer sessions for none).
    /// A 401 discards the token it was sent with and the request goes once more with a new
    /// one (the service did not process it, so this is safe for a POST too).
    async fn send_with_bearer(
        &self,
        source: &TokenSource,
        request: &SapRequest,
        url: &Url,
        target: &mut BodyTarget<'_>,
    ) -> Result<Exchanged, SapError> {
        let bearer = self.bearer(source).await?;
        match self
            .exchange(request, url, Stamp::Bearer(&bearer), target)
            .await
        {
            Err(SapError::Authentication { status: 401, .. }) => {
                tracing::debug!(
                    path = url.path(),
                    "bearer token refused, requesting a new one"
                );
                source.discard(bearer.generation);
                let bearer = self.bearer(source).await?;
                self.exchange(request, url, Stamp::Bearer(&bearer), target)
                    .await
                    .map_err(|error| match error {
                        SapError::Authentication { status: 401, .. } => SapError::Authentication {
                            status: 401,
                            message: "the service rejected a newly issued OAuth token \
                                          (HTTP 401): check that the token URL belongs to this \
                                          service"
                                .into(),
                        },
                        other => other,
                    })
            }
            other => other,
        }
    }

    /// The session's bearer token, requested when there is none fresh.
    async fn bearer(&self, source: &TokenSource) -> Result<Bearer, SapError> {
        let config = &self.inner.config;
        let limits = Limits {
            connect: config.connect_timeout,
            response: config.timeout,
        };
        source
            .bearer(&self.destination(source.token_url()), &limits)
            .await
    }

    /// An API-key session only reads: a request that could change data is refused unsent.
    fn check_writable(&self, request: &SapRequest) -> Result<(), SapError> {
        if matches!(self.inner.config.auth, Some(Auth::ApiKey(_)))
            && is_modifying(&request.method)
            && !request.repeatable
        {
            return Err(SapError::ReadOnly {
                message: format!(
                    "{} {} was not sent: an API key gives read-only access",
                    request.method,
                    request.path.trim_start_matches('/')
                ),
            });
        }
        Ok(())
    }

    /// Drops the ended session's cookies and token: the next request logs on afresh.
    fn start_over(&self) {
        self.inner.cookies.clear();
        self.inner.csrf.forget();
        self.inner.logged_on.store(false, Ordering::Release);
    }

    pub async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<HttpResponse, SapError> {
        let request = query
            .iter()
            .fold(SapRequest::get(path), |request, (key, value)| {
                request.query(key, value)
            });
        self.send(request).await
    }

    pub async fn post_json<B: Serialize + ?Sized>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<HttpResponse, SapError> {
        self.send(SapRequest::post_json(path, body)?).await
    }

    /// Fetches a CSRF token now (logs on, warms the session). Used by "test connection".
    /// A bearer or API-key session fetches no CSRF token: it reads the CSRF fetch path
    /// instead (an OAuth session gets its token first) and checks the answer.
    pub async fn fetch_csrf_token(&self) -> Result<(), SapError> {
        if !matches!(self.inner.config.auth, None | Some(Auth::Basic(_))) {
            let path = self.inner.config.csrf_fetch_path.clone();
            let response = self.send(SapRequest::get(path)).await?;
            return response.error_for_status().map(drop);
        }
        self.inner
            .csrf
            .refetch(|| self.request_csrf_token())
            .await
            .map(drop)
    }

    /// Forgets the cached CSRF token, so the next modifying call fetches a new one.
    pub fn forget_csrf_token(&self) {
        self.inner.csrf.forget();
    }

    pub fn stats(&self) -> SessionStats {
        SessionStats {
            requests: self.inner.requests.load(Ordering::Relaxed),
            csrf_fetches: self.inner.csrf_fetches.load(Ordering::Relaxed),
            token_requests: self.inner.token.as_ref().map_or(0, TokenSource::requests),
        }
    }

    /// The absolute URL of `path` (relative to the base URL; a leading `/` is ignored)
    /// with `query` appended. A path that would leave the service root is refused.
    pub fn resolve_url(&self, path: &str, query: &[(String, String)]) -> Result<Url, SapError> {
        let base = &self.inner.config.base_url;
        let relative = path.trim_start_matches(['/', '\\']);
        let invalid = |message: String| SapError::Config {
            field: "path".into(),
            message,
        };
        let mut url = Url::parse(&format!("{base}{relative}"))
            .map_err(|error| invalid(format!("{path:?} does not make a valid URL: {error}")))?;
        if !url.path().starts_with(base.path()) {
            return Err(invalid(format!(
                "{path:?} leaves the service root {}",
                base.path()
            )));
        }
        if !query.is_empty() {
            let added = encode_query(query);
            let combined = match url.query() {
                Some(existing) if !existing.is_empty() => format!("{existing}&{added}"),
                _ => added,
            };
            url.set_query(Some(&combined));
        }
        Ok(url)
    }

    /// `GET <csrf_fetch_path>` with `X-CSRF-Token: fetch`, under the logon-page rule (a GET
    /// is repeatable: an ended session is logged on afresh once).
    async fn request_csrf_token(&self) -> Result<CsrfToken, SapError> {
        let config = &self.inner.config;
        let request = SapRequest::get(config.csrf_fetch_path.clone()).header(CSRF_HEADER, "fetch");
        let url = self.resolve_url(&request.path, &[])?;
        self.inner.csrf_fetches.fetch_add(1, Ordering::Relaxed);
        let mut repeated = false;
        let response = loop {
            let was_logged_on = self.inner.logged_on.load(Ordering::Acquire);
            let response = self.exchange_read(&request, &url, Stamp::Plain).await?;
            if !is_logon_page(&response, false) {
                break response;
            }
            if !was_logged_on || repeated {
                return Err(interactive_logon_error(&response));
            }
            // Only the cookies: the token cache is held by this fetch.
            self.inner.cookies.clear();
            self.inner.logged_on.store(false, Ordering::Release);
            repeated = true;
        };
        let token = response.headers.get(CSRF_HEADER).filter(|value| {
            !value.is_empty() && !value.as_bytes().eq_ignore_ascii_case(b"required")
        });
        match token {
            Some(token) => {
                let mut token = token.clone();
                token.set_sensitive(true);
                Ok(CsrfToken::Issued(token))
            }
            None if response.is_success() => {
                tracing::debug!(status = response.status, "the service issued no CSRF token");
                Ok(CsrfToken::NotIssued)
            }
            None => Err(SapError::Csrf {
                message: format!(
                    "GET {} answered HTTP {} without a token: {}",
                    url.path(),
                    response.status,
                    status_summary(&response)
                ),
            }),
        }
    }

    /// [`Self::exchange`] with the body in memory.
    async fn exchange_read(
        &self,
        request: &SapRequest,
        url: &Url,
        stamp: Stamp<'_>,
    ) -> Result<HttpResponse, SapError> {
        match self
            .exchange(request, url, stamp, &mut BodyTarget::Memory)
            .await?
        {
            Exchanged::Read(response) => Ok(response),
            Exchanged::Streamed { .. } => Err(streamed_without_sink()),
        }
    }

    /// One HTTP round trip: counted, logged, timed, the body read under its limit, and a
    /// 401 turned into an error. Until the password has been accepted once, requests that
    /// send it go one at a time, and a rejected password is not sent again.
    async fn exchange(
        &self,
        request: &SapRequest,
        url: &Url,
        stamp: Stamp<'_>,
        target: &mut BodyTarget<'_>,
    ) -> Result<Exchanged, SapError> {
        let config = &self.inner.config;
        let _first_logon = match config.basic() {
            Some(_) if !self.inner.logged_on.load(Ordering::Acquire) => {
                Some(self.inner.logon_gate.lock().await)
            }
            _ => None,
        };
        if let Some(credentials) = config.basic() {
            if self.inner.attempts.is_withheld() {
                return Err(if self.inner.attempts.is_locked() {
                    SapError::AccountLocked {
                        user: credentials.user.clone(),
                        message: "the system reported the user as locked; nothing was sent".into(),
                    }
                } else {
                    SapError::LogonWithheld {
                        user: credentials.user.clone(),
                        failed_attempts: self.inner.attempts.failed(),
                    }
                });
            }
        }
        let timeout = request.timeout.unwrap_or(config.timeout);
        let limit = request.max_body_bytes.unwrap_or(config.max_body_bytes);
        let builder = self.prepare(request, url, stamp)?;
        self.inner.requests.fetch_add(1, Ordering::Relaxed);
        let started = Instant::now();
        let outcome = tokio::time::timeout(timeout, async {
            let mut response = builder.send().await.map_err(BodyError::Transport)?;
            let status = response.status().as_u16();
            let headers = std::mem::take(response.headers_mut());
            let streams = (200..300).contains(&status) && !declares_html(&headers);
            match target {
                BodyTarget::Sink(sink) if streams => {
                    let bytes = stream_body(response, limit, &mut **sink).await?;
                    Ok(Exchanged::Streamed {
                        status,
                        headers,
                        bytes,
                    })
                }
                _ => {
                    // An error page or a logon page is small; the session's limit applies.
                    let limit = match target {
                        BodyTarget::Sink(_) => config.max_body_bytes,
                        BodyTarget::Memory => limit,
                    };
                    let body = read_body(response, limit).await?;
                    Ok(Exchanged::Read(HttpResponse {
                        status,
                        headers,
                        body,
                    }))
                }
            }
        })
        .await;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        let result = match outcome {
            Err(_elapsed) => Err(SapError::Timeout {
                phase: crate::TimeoutPhase::Response,
                seconds: timeout.as_secs_f64(),
            }),
            Ok(Err(BodyError::Transport(error))) => Err(classify(
                &error,
                &self.destination(url),
                &Limits {
                    connect: config.connect_timeout,
                    response: timeout,
                },
            )),
            Ok(Err(BodyError::TooLarge { declared })) => Err(SapError::ResponseTooLarge {
                limit_bytes: limit as f64,
                declared_bytes: declared.map(|bytes| bytes as f64),
            }),
            Ok(Err(BodyError::Sink(error))) => Err(SapError::Config {
                field: "download".into(),
                message: format!("the received data cannot be written: {error}"),
            }),
            Ok(Ok(exchanged)) => Ok(exchanged),
        };
        match &result {
            Ok(exchanged) => tracing::debug!(
                method = %request.method,
                path = url.path(),
                status = exchanged.status(),
                elapsed_ms,
                "SAP request"
            ),
            Err(error) => tracing::debug!(
                method = %request.method,
                path = url.path(),
                elapsed_ms,
                %error,
                "SAP request failed"
            ),
        }
        let exchanged = result?;
        if let Exchanged::Read(response) = &exchanged {
            if response.status == 401 {
                return Err(self.authentication_error(response));
            }
            if is_logon_page(response, request.html_is_data) {
                return Ok(exchanged);
            }
        }
        if config.basic().is_some() {
            self.inner.attempts.record_success();
        }
        self.inner.logged_on.store(true, Ordering::Release);
        Ok(exchanged)
    }

    fn prepare(
        &self,
        request: &SapRequest,
        url: &Url,
        stamp: Stamp<'_>,
    ) -> Result<reqwest::RequestBuilder, SapError> {
        let mut builder = self
            .inner
            .client
            .request(request.method.clone(), url.clone());
        for (name, value) in &request.headers {
            let invalid = || SapError::Config {
                field: format!("header {name}"),
                message: "cannot be sent as an HTTP header".into(),
            };
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid())?;
            let value = HeaderValue::from_str(value).map_err(|_| invalid())?;
            builder = builder.header(name, value);
        }
        if let Some(content_type) = &request.content_type {
            let value = HeaderValue::from_str(content_type).map_err(|_| SapError::Config {
                field: "content_type".into(),
                message: "cannot be sent as an HTTP header".into(),
            })?;
            builder = builder.header(CONTENT_TYPE, value);
        }
        match stamp {
            Stamp::Csrf(CsrfToken::Issued(token)) => {
                builder = builder.header(CSRF_HEADER, token.clone());
            }
            Stamp::Bearer(bearer) => {
                builder = builder.header(AUTHORIZATION, bearer.header.clone());
            }
            Stamp::Csrf(CsrfToken::NotIssued) | Stamp::Plain => {}
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        Ok(builder)
    }

    /// A 401: the password was rejected (counted, and withheld from now on) or the user is
    /// locked. Without credentials, the system simply wants a logon.
    fn authentication_error(&self, response: &HttpResponse) -> SapError {
        let credentials = match &self.inner.config.auth {
            Some(Auth::Basic(credentials)) => credentials,
            Some(Auth::OAuthClientCredentials(_)) => {
                return SapError::Authentication {
                    status: response.status,
                    message: "the service rejected the OAuth token (HTTP 401)".to_owned(),
                }
            }
            Some(Auth::ApiKey(_)) => {
                return SapError::Authentication {
                    status: response.status,
                    message: "the service rejected the API key (HTTP 401): check the key"
                        .to_owned(),
                }
            }
            None => {
                return SapError::Authentication {
                    status: response.status,
                    message: "the system requires a logon (HTTP 401) and no user is set".to_owned(),
                }
            }
        };
        let locked = says_user_locked(response);
        self.inner.attempts.record_failure(locked);
        if locked {
            return SapError::AccountLocked {
                user: credentials.user.clone(),
                message: logon_error_reason(response),
            };
        }
        SapError::Authentication {
            status: response.status,
            message: format!(
                "the system rejected the logon of user {} (HTTP 401): check the user and password",
                credentials.user
            ),
        }
    }

    /// The server and, when the request went through the manual proxy, that proxy.
    fn destination(&self, url: &Url) -> Destination {
        let host = url.host_str().unwrap_or_default().to_owned();
        let server = format!("{host}:{}", url.port_or_known_default().unwrap_or_default());
        let proxy = match &self.inner.config.proxy {
            ProxyMode::Manual { url: proxy, bypass } if !bypasses_proxy(bypass, &host) => {
                parse_proxy_url(proxy).ok().map(|proxy| {
                    format!(
                        "{}:{}",
                        proxy.host_str().unwrap_or_default(),
                        proxy.port_or_known_default().unwrap_or_default()
                    )
                })
            }
            _ => None,
        };
        Destination {
            server,
            host,
            proxy,
        }
    }
}

impl Exchanged {
    fn status(&self) -> u16 {
        match self {
            Self::Read(response) => response.status,
            Self::Streamed { status, .. } => *status,
        }
    }
}

/// An answer that should have been read was streamed (a bug in this module, not a panic).
fn streamed_without_sink() -> SapError {
    SapError::Config {
        field: "request".into(),
        message: "an answer was streamed without a sink".into(),
    }
}

/// A logon page on a session that never got data: the system does not take the password
/// this way (form logon, SAML or another single sign-on).
fn interactive_logon_error(response: &HttpResponse) -> SapError {
    SapError::Authentication {
        status: response.status,
        message: format!(
            "the system answered with a logon page{} instead of data: it asks for an \
             interactive logon (a logon form or single sign-on), which this connection cannot do",
            page_name(response)
        ),
    }
}

/// Why reading an answer stopped.
enum BodyError {
    Transport(reqwest::Error),
    TooLarge { declared: Option<u64> },
    Sink(std::io::Error),
}

fn declares_html(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.to_ascii_lowercase().contains("html"))
}

fn declared_length(response: &reqwest::Response, limit: u64) -> Result<(), BodyError> {
    match response.content_length() {
        Some(length) if length > limit => Err(BodyError::TooLarge {
            declared: Some(length),
        }),
        _ => Ok(()),
    }
}

/// The body, at most `limit` bytes: a larger `Content-Length` is refused before reading,
/// and a body without one stops at the limit.
async fn read_body(mut response: reqwest::Response, limit: u64) -> Result<Bytes, BodyError> {
    declared_length(&response, limit)?;
    let expected = response.content_length().unwrap_or(0).min(1024 * 1024);
    let mut body = BytesMut::with_capacity(usize::try_from(expected).unwrap_or(0));
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        if body.len() as u64 + chunk.len() as u64 > limit {
            return Err(BodyError::TooLarge { declared: None });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// Writes the body to `sink` as it arrives, at most `limit` bytes.
async fn stream_body(
    mut response: reqwest::Response,
    limit: u64,
    sink: &mut (dyn AsyncWrite + Unpin + Send),
) -> Result<u64, BodyError> {
    declared_length(&response, limit)?;
    let mut written = 0u64;
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        written += chunk.len() as u64;
        if written > limit {
            return Err(BodyError::TooLarge { declared: None });
        }
        sink.write_all(&chunk).await.map_err(BodyError::Sink)?;
    }
    sink.flush().await.map_err(BodyError::Sink)?;
    Ok(written)
}

/// The HTML title of an error answer, or the start of its text.
fn status_summary(response: &HttpResponse) -> String {
    let text = response.text();
    response
        .is_html()
        .then(|| crate::html_title(&text))
        .flatten()
        .unwrap_or_else(|| text_excerpt(&text, 200))
}

/// Query pairs percent-encoded (spaces as `%20`: SAP does not read `+` as a space).
pub(crate) fn encode_query(query: &[(String, String)]) -> String {
    use url::form_urlencoded::byte_serialize;
    let encode = |text: &str| {
        byte_serialize(text.as_bytes())
            .collect::<String>()
            .replace('+', "%20")
    };
    query
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// An http(s) URL without credentials, query or fragment, ending with `/`.
fn normalize_base_url(mut url: Url) -> Result<Url, SapError> {
    let invalid = |message: &str| SapError::Config {
        field: "base_url".into(),
        message: message.into(),
    };
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(invalid("must start with http:// or https://"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid("names no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid(
            "must not contain a user or password: set them in the profile",
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(
            "must not contain ?… or #…: set the client and language in the profile",
        ));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(base: &str) -> Session {
        Session::new(SessionConfig::new(Url::parse(base).unwrap())).unwrap()
    }

    #[test]
    fn base_url_gets_a_trailing_slash() {
        let session = session("http://127.0.0.1:1/sap/bc/z_abapgit_agent");
        assert_eq!(
            session.config().base_url.as_str(),
            "http://127.0.0.1:1/sap/bc/z_abapgit_agent/"
        );
        assert_eq!(
            session.resolve_url("health", &[]).unwrap().as_str(),
            "http://127.0.0.1:1/sap/bc/z_abapgit_agent/health"
        );
    }

    #[test]
    fn leading_slash_stays_under_the_service_root() {
        let session = session("http://127.0.0.1:1/sap/bc/z_abapgit_agent/");
        for path in ["/health", "//health", "\\health"] {
            assert_eq!(
                session.resolve_url(path, &[]).unwrap().path(),
                "/sap/bc/z_abapgit_agent/health"
            );
        }
        for path in ["../../../sap/other", "a/%2e%2e/%2e%2e/x"] {
            assert!(matches!(
                session.resolve_url(path, &[]),
                Err(SapError::Config { ref field, .. }) if field == "path"
            ));
        }
    }

    #[test]
    fn query_values_are_percent_encoded() {
        let session = session("http://127.0.0.1:1/odata/");
        let url = session
            .resolve_url(
                "Items?$format=json",
                &[("$filter".into(), "Status eq 'E0001' & x+y".into())],
            )
            .unwrap();
        assert_eq!(
            url.query(),
            Some("$format=json&%24filter=Status%20eq%20%27E0001%27%20%26%20x%2By")
        );
    }

    #[test]
    fn bad_base_urls_are_config_errors() {
        for base in [
            "ftp://host/",
            "http://u:p@host/",
            "http://host/?sap-client=100",
        ] {
            let result = Session::new(SessionConfig::new(Url::parse(base).unwrap()));
            assert!(
                matches!(result, Err(SapError::Config { ref field, .. }) if field == "base_url"),
                "{base}"
            );
        }
    }

    #[test]
    fn merge_and_delete_are_modifying() {
        assert!(is_modifying(&Method::from_bytes(b"MERGE").unwrap()));
        assert!(is_modifying(&Method::DELETE));
        assert!(!is_modifying(&Method::GET));
        assert!(!is_modifying(&Method::HEAD));
    }
}
