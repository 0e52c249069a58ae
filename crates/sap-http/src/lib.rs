//! The SAP HTTP session shared by every service client.
//!
//! A [`Session`] owns one reqwest client (TLS, proxy, cookie jar), the
//! credentials, the `sap-client`/`sap-language` headers and the CSRF token.
//! It knows nothing about any particular SAP API: service crates build on it.
//!
//! CONTRACT (fixed, other crates code against it):
//! - `Session::new(SessionConfig) -> Result<Session, SapError>`; `Session` is `Clone` (Arc inside).
//! - `session.get(path, query)` and `session.post_json(path, &body)` / `session.send(SapRequest)`
//!   resolve `path` relative to `config.base_url` (which ends with `/`).
//! - Modifying requests (POST, PUT, PATCH, DELETE, MERGE) carry the CSRF token; it is fetched lazily
//!   with `GET <csrf_fetch_path>` + `X-CSRF-Token: fetch`, cached, and refetched once
//!   when a response is 403 with header `x-csrf-token: Required` (then the request is retried once).
//! - Every response is returned as [`HttpResponse`] whatever its status, except:
//!   401 -> `SapError::Authentication` (or `AccountLocked` when the system says the user is
//!   locked); 403 `x-csrf-token: Required` after the retry -> `SapError::Csrf`; a logon page
//!   instead of data (see below); a body above the limit -> `SapError::ResponseTooLarge`;
//!   transport failures -> `SapError::Network` / `SapError::Timeout`.
//!   Callers decide what 400/404/500 mean for their API; `HttpResponse::error_for_status`
//!   turns a non-2xx status into `SapError::HttpStatus` with a short excerpt.
//! - Dropping the returned future cancels the request.
//!
//! The rules every service gets from here, and must not repeat:
//! - Logon page instead of data: SAP answers `200 OK` with an HTML logon page when the
//!   logged-on session ended (auto-logout, a restarted instance). The session then drops its
//!   cookies and CSRF token; a repeatable request (GET, HEAD, or one marked
//!   [`SapRequest::repeatable`], e.g. a read the API sends as POST) is sent once more on a
//!   fresh logon; any other is `SapError::SessionEnded` and is not repeated (it could change
//!   data twice): the user decides. On a session that never got data, a logon page means the
//!   system wants an interactive logon (form, SAML): `SapError::Authentication`. Where HTML
//!   is a legitimate answer (an attachment), [`SapRequest::html_is_data`] limits the rule to
//!   pages with a logon form.
//! - Failed logons: a rejected password is sent once; from then on it is withheld
//!   (`SapError::LogonWithheld`) until the user asks ([`LogonAttempts::allow_retry`], at most
//!   [`MAX_FAILED_LOGONS`] failures in all) or changes it. Until a logon succeeded, requests
//!   that carry the password go one at a time, so concurrent calls fail once, not N times
//!   (SAP locks a user after `login/fails_to_user_lock` failures, 5 by default). Keep one
//!   [`LogonAttempts`] per password across sessions ([`Session::with_logon_attempts`]).
//! - Body limit: [`SessionConfig::max_body_bytes`] (default [`DEFAULT_MAX_BODY_BYTES`]),
//!   per call [`SapRequest::max_body_bytes`]; `Content-Length` is checked before reading.
//!   [`Session::download`] streams a success answer to a sink instead of memory.
//!
//! Authentication ([`SessionConfig::auth`], one [`Auth`]):
//! - [`Auth::Basic`]: user and password on every request; the CSRF rules above.
//! - [`Auth::OAuthClientCredentials`]: a bearer token from the token endpoint
//!   (`grant_type=client_credentials`, client id and secret as HTTP Basic). One token request
//!   per token lifetime, shared by every clone of the session and single-flight (concurrent
//!   calls on a cold session wait for one request); renewed a tenth of its lifetime (at most
//!   five minutes) before expiry, and once when the service answers 401 (the request is then
//!   sent once more, POST included: a 401 means it was not processed). The token lives in
//!   memory only and is never logged. No CSRF token is fetched. Token endpoint failures are
//!   `SapError::TokenRejected` (OAuth `error`/`error_description`),
//!   `SapError::TokenEndpointUnreachable` (network, timeout) and `SapError::TokenAnswerInvalid`
//!   (an answer that is no token). [`SessionStats::token_requests`] counts token requests.
//! - [`Auth::ApiKey`]: the `APIKey` header (SAP API Business Hub sandbox), no CSRF; read-only:
//!   a modifying request not marked [`SapRequest::repeatable`] is `SapError::ReadOnly`, unsent.
//!
//! Notes for service crates:
//! - Redirects are not followed: a 3xx is returned to the caller (SAP redirects point to
//!   logon pages, and following one would turn a POST into a GET).
//! - A 403 with `x-csrf-token: Required` on a GET (nothing to retry) is `SapError::Csrf`.
//! - Cancellation: dropping a call's future (`tokio::select!`, `JoinHandle::abort`,
//!   `tokio::time::timeout`) closes its connection at once. A CSRF fetch cut off that way
//!   stores nothing; the next modifying call fetches again. `SapError::Cancelled` is for
//!   callers that report a cancellation; this crate never returns it.
//! - Time limits: `SessionConfig::timeout` (or `SapRequest::timeout`) bounds the whole
//!   exchange, body included -> `Timeout { phase: Response }`; `connect_timeout` bounds
//!   the TCP connect -> `Timeout { phase: Connect }`.
//! - Proxies: `http://` and `https://` proxies; SOCKS is refused as a configuration error.
//! - Logging: `tracing` debug events carry method, path, status and elapsed time, never
//!   headers, bodies or credentials. Programs set up logging with [`logging::init`], which
//!   holds the cookie store's own (secret-bearing) logging at warn.

pub mod batch;
mod classify;
mod client;
mod config;
mod cookies;
mod csrf;
mod error;
mod file_name;
mod html;
pub mod logging;
mod logon;
mod oauth;
pub mod odata;
mod response;
mod session;

pub use config::{
    Auth, Credentials, OAuthClientCredentials, ProxyMode, Secret, SessionConfig, TlsOptions,
    DEFAULT_MAX_BODY_BYTES,
};
pub use error::{CertificateProblem, NetworkPhase, SapError, TimeoutPhase};
pub use file_name::{clean_file_name, FALLBACK_FILE_NAME};
pub use logon::{LogonAttempts, MAX_FAILED_LOGONS};
pub use response::{html_title, text_excerpt, HttpResponse};
pub use session::{Download, SapRequest, Session, SessionStats};
