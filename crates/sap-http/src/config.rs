use std::fmt;
use std::time::Duration;

use url::Url;

/// Everything needed to open a session against one SAP service.
#[derive(Clone, Debug)]
pub struct SessionConfig {
    /// Service root, ending with `/`, e.g. `https://host:44300/sap/bc/z_abapgit_agent/`.
    pub base_url: Url,
    /// Three-digit client sent as the `sap-client` header.
    pub sap_client: Option<String>,
    /// Logon language sent as the `sap-language` header (e.g. `EN`).
    pub sap_language: Option<String>,
    /// How the session authenticates (none: the system asks, or lets anyone in).
    pub auth: Option<Auth>,
    pub tls: TlsOptions,
    pub proxy: ProxyMode,
    /// Default time limit for one request (a call may override it).
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Path, relative to `base_url`, fetched with `X-CSRF-Token: fetch`
    /// (`health` for the abapGit Agent, `""` for an OData service root).
    pub csrf_fetch_path: String,
    pub user_agent: String,
    /// Largest answer body read into memory (a call may raise it, and a download
    /// streams to its sink under its own limit). Bigger answers are `ResponseTooLarge`.
    pub max_body_bytes: u64,
}

/// The default [`SessionConfig::max_body_bytes`]: far above any JSON answer of the
/// services (a page of preview rows, a package's object list), far below what would
/// strain the app's memory.
pub const DEFAULT_MAX_BODY_BYTES: u64 = 64 * 1024 * 1024;

impl SessionConfig {
    /// A config with the product's defaults: system trust store, system proxy,
    /// 120 s per request, 15 s to connect.
    pub fn new(base_url: Url) -> Self {
        Self {
            base_url,
            sap_client: None,
            sap_language: None,
            auth: None,
            tls: TlsOptions::default(),
            proxy: ProxyMode::System,
            timeout: Duration::from_secs(120),
            connect_timeout: Duration::from_secs(15),
            csrf_fetch_path: String::new(),
            user_agent: format!("AgentDesk/{}", env!("CARGO_PKG_VERSION")),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

impl SessionConfig {
    /// The user and password of a Basic session.
    pub fn basic(&self) -> Option<&Credentials> {
        match &self.auth {
            Some(Auth::Basic(credentials)) => Some(credentials),
            _ => None,
        }
    }
}

/// How a session proves who it is.
#[derive(Clone, Debug)]
pub enum Auth {
    /// User and password (or a service key's client id and secret) as HTTP Basic on every
    /// request; modifying requests carry a CSRF token fetched once per session.
    Basic(Credentials),
    /// OAuth 2.0 client credentials: a bearer token from the token endpoint, requested
    /// once per token lifetime and kept in memory only. No CSRF token is fetched.
    OAuthClientCredentials(OAuthClientCredentials),
    /// An API key sent as the `APIKey` header (the SAP API Business Hub sandbox). Such a
    /// session only reads: modifying requests are `SapError::ReadOnly`, unsent.
    ApiKey(Secret),
}

impl Auth {
    /// Basic authentication with `user` and `password`.
    pub fn basic(user: impl Into<String>, password: impl Into<String>) -> Self {
        Self::Basic(Credentials {
            user: user.into(),
            password: Secret::new(password),
        })
    }
}

#[derive(Clone, Debug)]
pub struct Credentials {
    pub user: String,
    pub password: Secret,
}

/// The client of an OAuth 2.0 client-credentials grant (a BTP service key's `oauth` block:
/// `tokenurl`, `clientid`, `clientsecret`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OAuthClientCredentials {
    /// e.g. `https://<subdomain>.authentication.<region>.hana.ondemand.com/oauth/token`
    pub token_url: Url,
    pub client_id: String,
    pub client_secret: Secret,
}

/// A secret string whose `Debug` and `Display` never show the value.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    /// The value itself: call only where it goes on the wire or into the keyring.
    pub fn expose(&self) -> &str {
        &self.0
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Certificate checking. Verified against the OS trust store by default.
#[derive(Clone, Debug, Default)]
pub struct TlsOptions {
    /// Extra trusted CA certificates (PEM, one or more), added to the OS store.
    pub extra_ca_pem: Option<Vec<u8>>,
    /// Accept any certificate. Explicit per profile and shown in the UI.
    pub accept_invalid_certs: bool,
}

#[derive(Clone, Default, PartialEq, Eq)]
pub enum ProxyMode {
    /// Environment / OS proxy settings.
    #[default]
    System,
    /// Direct connection.
    None,
    /// A proxy URL, with hosts (suffixes such as `.corp.local`, or `*`) that bypass it.
    Manual { url: String, bypass: Vec<String> },
}

/// A manual proxy URL may carry `user:password@`: `Debug` shows only its host part.
impl fmt::Debug for ProxyMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::System => f.write_str("System"),
            Self::None => f.write_str("None"),
            Self::Manual { url, bypass } => f
                .debug_struct("Manual")
                .field("url", &redact_userinfo(url))
                .field("bypass", bypass)
                .finish(),
        }
    }
}

/// `http://user:pw@proxy:3128` -> `http://***@proxy:3128`; other text unchanged.
fn redact_userinfo(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let authority_end = url[scheme_end..]
        .find('/')
        .map_or(url.len(), |i| scheme_end + i);
    match url[scheme_end..authority_end].rfind('@') {
        Some(at) => format!("{}***{}", &url[..scheme_end], &url[scheme_end + at..]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_debug_hides_credentials() {
        let proxy = ProxyMode::Manual {
            url: "http://alice:s3cret@proxy.corp:3128/".into(),
            bypass: vec![".corp.local".into()],
        };
        let shown = format!("{proxy:?}");
        assert!(
            !shown.contains("s3cret") && !shown.contains("alice"),
            "{shown}"
        );
        assert!(shown.contains("proxy.corp:3128"), "{shown}");
    }

    #[test]
    fn proxy_debug_keeps_plain_urls() {
        assert_eq!(redact_userinfo("http://proxy:8080"), "http://proxy:8080");
        assert_eq!(redact_userinfo("not a url"), "not a url");
    }
}
