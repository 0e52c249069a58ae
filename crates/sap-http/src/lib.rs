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
