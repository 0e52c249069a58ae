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
//!   401 -> `SapError::Authentication`; 403 `x-csrf-token: Required` after the retry -> `SapError::Csrf`;
//!   transport failures -> `SapError::Network` / `SapError::Timeout`.
//!   Callers decide what 400/404/500 mean for their API; `HttpResponse::error_for_status`
//!   turns a non-2xx status into `SapError::HttpStatus` with a short excerpt.
//! - Dropping the returned future cancels the request.
//!
//! Notes for service crates:
//! - Logon pages: an SAP system often answers `200 OK` with an HTML logon page where the
//!   service normally answers JSON (expired session, SSO/SAML). Check
//!   [`HttpResponse::is_html`] before decoding, or call [`HttpResponse::reject_logon_page`]
//!   to turn it into `SapError::Authentication`.
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
//! - Logging: `tracing` debug events carry method, path, status and elapsed time, never
//!   headers, bodies or credentials.

mod classify;
mod client;
mod config;
mod csrf;
mod error;
mod html;
mod response;
mod session;

pub use config::{Credentials, ProxyMode, Secret, SessionConfig, TlsOptions};
pub use error::{CertificateProblem, NetworkPhase, SapError, TimeoutPhase};
pub use response::{html_title, text_excerpt, HttpResponse};
pub use session::{SapRequest, Session, SessionStats};
