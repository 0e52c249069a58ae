use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use reqwest::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::Method;
use serde::Serialize;
use url::Url;

use crate::classify::{classify, Destination, Limits};
use crate::client::{build_client, bypasses_proxy, parse_proxy_url};
use crate::csrf::{CsrfCache, CsrfToken};
use crate::html::text_excerpt;
use crate::{HttpResponse, ProxyMode, SapError, SessionConfig};

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
    csrf: CsrfCache,
    requests: AtomicU64,
    csrf_fetches: AtomicU64,
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
}

impl SapRequest {
    /// A request without body.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: None,
            content_type: None,
            timeout: None,
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

impl Session {
    /// Checks the configuration and builds the HTTP client; nothing is sent yet.
    /// A base URL without a trailing `/` gets one.
    pub fn new(config: SessionConfig) -> Result<Self, SapError> {
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
        let client = build_client(&config)?;
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                client,
                csrf: CsrfCache::default(),
                requests: AtomicU64::new(0),
                csrf_fetches: AtomicU64::new(0),
            }),
        })
    }

    pub fn config(&self) -> &SessionConfig {
        &self.inner.config
    }

    /// Sends one request: the CSRF token is added to modifying methods (fetched first
    /// if the session has none), and a 403 `x-csrf-token: Required` answer refetches
    /// the token and retries once. Any other status is returned as it is.
    pub async fn send(&self, request: SapRequest) -> Result<HttpResponse, SapError> {
        let url = self.resolve_url(&request.path, &request.query)?;
        if !is_modifying(&request.method) {
            let response = self.exchange(&request, &url, None).await?;
            if csrf_required(&response) {
                return Err(SapError::Csrf {
                    message: format!(
                        "the system asks for a CSRF token on {} {}",
                        request.method,
                        url.path()
                    ),
                });
            }
            return Ok(response);
        }

        let token = self
            .inner
            .csrf
            .get_or_fetch(|| self.request_csrf_token())
            .await?;
        let response = self.exchange(&request, &url, Some(&token)).await?;
        if !csrf_required(&response) {
            return Ok(response);
        }
        tracing::debug!(path = url.path(), "CSRF token rejected, fetching a new one");
        let token = self
            .inner
            .csrf
            .replace(&token, || self.request_csrf_token())
            .await?;
        let response = self.exchange(&request, &url, Some(&token)).await?;
        if csrf_required(&response) {
            return Err(SapError::Csrf {
                message: format!(
                    "the system rejected a freshly fetched token for {} {}",
                    request.method,
                    url.path()
                ),
            });
        }
        Ok(response)
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
    pub async fn fetch_csrf_token(&self) -> Result<(), SapError> {
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

    /// `GET <csrf_fetch_path>` with `X-CSRF-Token: fetch`.
    async fn request_csrf_token(&self) -> Result<CsrfToken, SapError> {
        let config = &self.inner.config;
        let request = SapRequest::get(config.csrf_fetch_path.clone()).header(CSRF_HEADER, "fetch");
        let url = self.resolve_url(&request.path, &[])?;
        self.inner.csrf_fetches.fetch_add(1, Ordering::Relaxed);
        let response = self.exchange(&request, &url, None).await?;
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
                // An HTML page instead of the service's answer is a logon page.
                let response = response.reject_logon_page()?;
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

    /// One HTTP round trip: counted, logged, timed, and a 401 turned into an error.
    async fn exchange(
        &self,
        request: &SapRequest,
        url: &Url,
        csrf: Option<&CsrfToken>,
    ) -> Result<HttpResponse, SapError> {
        let config = &self.inner.config;
        let timeout = request.timeout.unwrap_or(config.timeout);
        let builder = self.prepare(request, url, csrf)?;
        self.inner.requests.fetch_add(1, Ordering::Relaxed);
        let started = Instant::now();
        let outcome = tokio::time::timeout(timeout, async {
            let mut response = builder.send().await?;
            let status = response.status().as_u16();
            let headers = std::mem::take(response.headers_mut());
            let body = response.bytes().await?;
            Ok::<_, reqwest::Error>(HttpResponse {
                status,
                headers,
                body,
            })
        })
        .await;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        let result = match outcome {
            Err(_elapsed) => Err(SapError::Timeout {
                phase: crate::TimeoutPhase::Response,
                seconds: timeout.as_secs_f64(),
            }),
            Ok(Err(error)) => Err(classify(
                &error,
                &self.destination(url),
                &Limits {
                    connect: config.connect_timeout,
                    response: timeout,
                },
            )),
            Ok(Ok(response)) => Ok(response),
        };
        match &result {
            Ok(response) => tracing::debug!(
                method = %request.method,
                path = url.path(),
                status = response.status,
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
        let response = result?;
        if response.status == 401 {
            return Err(self.authentication_error(&response));
        }
        Ok(response)
    }

    fn prepare(
        &self,
        request: &SapRequest,
        url: &Url,
        csrf: Option<&CsrfToken>,
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
        if let Some(CsrfToken::Issued(token)) = csrf {
            builder = builder.header(CSRF_HEADER, token.clone());
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        Ok(builder)
    }

    fn authentication_error(&self, response: &HttpResponse) -> SapError {
        let message = match &self.inner.config.credentials {
            Some(credentials) => format!(
                "the system rejected the logon of user {} (HTTP 401): check the user and password",
                credentials.user
            ),
            None => "the system requires a logon (HTTP 401) and no user is set".to_owned(),
        };
        SapError::Authentication {
            status: response.status,
            message,
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
fn encode_query(query: &[(String, String)]) -> String {
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
