//! Turns a [`SessionConfig`] into a reqwest client: headers, TLS trust, proxy, timeouts.

use std::sync::Arc;

use base64::Engine as _;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::CertificateDer;
use url::Url;

use crate::cookies::SessionCookies;
use crate::{Auth, Credentials, ProxyMode, SapError, Secret, SessionConfig, TlsOptions};

const EXTRA_CA_FIELD: &str = "tls.extra_ca_pem";
const PROXY_FIELD: &str = "proxy.url";

pub(crate) fn build_client(
    config: &SessionConfig,
    cookies: Arc<SessionCookies>,
) -> Result<reqwest::Client, SapError> {
    let builder = reqwest::Client::builder()
        .default_headers(default_headers(config)?)
        .user_agent(header_value("user_agent", &config.user_agent)?)
        .cookie_provider(cookies)
        .connect_timeout(config.connect_timeout)
        // A redirect is returned to the caller, not followed: SAP redirects are logon
        // pages, and following one would turn a POST into a GET behind the caller's back.
        .redirect(reqwest::redirect::Policy::none());
    let builder = with_tls(builder, &config.tls)?;
    let builder = with_proxy(builder, &config.proxy)?;
    builder.build().map_err(|error| SapError::Config {
        field: "tls".into(),
        message: format!(
            "cannot set up HTTPS: {}",
            crate::classify::describe_chain(&error)
        ),
    })
}

/// The client for the OAuth token endpoint: the session's TLS trust, proxy and timeouts,
/// but none of its cookies or SAP headers (the token endpoint is another host).
pub(crate) fn build_token_client(config: &SessionConfig) -> Result<reqwest::Client, SapError> {
    let builder = reqwest::Client::builder()
        .user_agent(header_value("user_agent", &config.user_agent)?)
        .connect_timeout(config.connect_timeout)
        .redirect(reqwest::redirect::Policy::none());
    let builder = with_tls(builder, &config.tls)?;
    let builder = with_proxy(builder, &config.proxy)?;
    builder.build().map_err(|error| SapError::Config {
        field: "tls".into(),
        message: format!(
            "cannot set up HTTPS: {}",
            crate::classify::describe_chain(&error)
        ),
    })
}

/// `Basic base64(user:password)`, marked sensitive so it never appears in debug output.
pub(crate) fn basic_header(
    user: &str,
    password: &Secret,
    field: &str,
) -> Result<HeaderValue, SapError> {
    let pair = format!("{user}:{}", password.expose());
    let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
    let mut value =
        HeaderValue::from_str(&format!("Basic {encoded}")).map_err(|_| SapError::Config {
            field: field.into(),
            message: "cannot be sent in an HTTP header".into(),
        })?;
    value.set_sensitive(true);
    Ok(value)
}

fn default_headers(config: &SessionConfig) -> Result<HeaderMap, SapError> {
    let mut headers = HeaderMap::new();
    if let Some(client) = non_blank(&config.sap_client) {
        headers.insert(
            HeaderName::from_static("sap-client"),
            header_value("sap_client", client)?,
        );
    }
    if let Some(language) = non_blank(&config.sap_language) {
        headers.insert(
            HeaderName::from_static("sap-language"),
            header_value("sap_language", language)?,
        );
    }
    match &config.auth {
        Some(Auth::Basic(credentials)) => {
            headers.insert(AUTHORIZATION, basic_authorization(credentials)?);
        }
        Some(Auth::ApiKey(key)) => {
            let mut value = header_value("api_key", key.expose().trim())?;
            value.set_sensitive(true);
            headers.insert(HeaderName::from_static("apikey"), value);
        }
        // The bearer token is added per request (it changes during the session).
        Some(Auth::OAuthClientCredentials(_)) | None => {}
    }
    Ok(headers)
}

fn non_blank(value: &Option<String>) -> Option<&str> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|value| !value.is_empty())
}

fn header_value(field: &str, value: &str) -> Result<HeaderValue, SapError> {
    HeaderValue::from_str(value).map_err(|_| SapError::Config {
        field: field.into(),
        message: "contains characters that cannot be sent in an HTTP header".into(),
    })
}

/// Basic authorization for the session's user (which cannot contain `:`).
fn basic_authorization(credentials: &Credentials) -> Result<HeaderValue, SapError> {
    if credentials.user.contains(':') {
        return Err(SapError::Config {
            field: "credentials.user".into(),
            message: "a user name cannot contain ':' for basic authentication".into(),
        });
    }
    basic_header(&credentials.user, &credentials.password, "credentials")
}

fn with_tls(
    builder: reqwest::ClientBuilder,
    tls: &TlsOptions,
) -> Result<reqwest::ClientBuilder, SapError> {
    // rustls with the platform verifier: the OS trust store (and on Windows/macOS the
    // OS's own checks). Extra roots are merged into it, not a replacement for it.
    let mut builder = builder.tls_backend_rustls();
    if let Some(pem) = &tls.extra_ca_pem {
        builder = builder.tls_certs_merge(extra_roots(pem)?);
    }
    if tls.accept_invalid_certs {
        builder = builder.tls_danger_accept_invalid_certs(true);
    }
    Ok(builder)
}

/// Every certificate of a PEM bundle, each checked to be usable as a trust anchor.
pub(crate) fn extra_roots(pem: &[u8]) -> Result<Vec<reqwest::Certificate>, SapError> {
    let invalid = |message: String| SapError::Config {
        field: EXTRA_CA_FIELD.into(),
        message,
    };
    let mut roots = Vec::new();
    for (index, item) in CertificateDer::pem_slice_iter(pem).enumerate() {
        let number = index + 1;
        let der = item.map_err(|error| {
            invalid(format!("certificate {number} is not readable PEM: {error}"))
        })?;
        // Parse it as a trust anchor now, so a broken file is reported as such and not
        // later as a TLS failure against every server.
        rustls::RootCertStore::empty()
            .add(der.clone())
            .map_err(|error| {
                invalid(format!(
                    "certificate {number} cannot be used as a CA: {error}"
                ))
            })?;
        let root = reqwest::Certificate::from_der(&der).map_err(|error| {
            invalid(format!(
                "certificate {number} cannot be used as a CA: {error}"
            ))
        })?;
        roots.push(root);
    }
    if roots.is_empty() {
        return Err(invalid(
            "contains no certificate (expected PEM text with -----BEGIN CERTIFICATE-----)".into(),
        ));
    }
    Ok(roots)
}

fn with_proxy(
    builder: reqwest::ClientBuilder,
    proxy: &ProxyMode,
) -> Result<reqwest::ClientBuilder, SapError> {
    match proxy {
        // reqwest's default: HTTP(S)_PROXY / NO_PROXY and the OS settings.
        ProxyMode::System => Ok(builder),
        ProxyMode::None => Ok(builder.no_proxy()),
        ProxyMode::Manual { url, bypass } => {
            let proxy_url = parse_proxy_url(url)?;
            let proxy = reqwest::Proxy::all(proxy_url)
                .map_err(|error| SapError::Config {
                    field: PROXY_FIELD.into(),
                    message: format!("cannot be used as a proxy: {error}"),
                })?
                .no_proxy(reqwest::NoProxy::from_string(&bypass.join(",")));
            Ok(builder.proxy(proxy))
        }
    }
}

/// A proxy address: `http(s)://host:port`, or `host:port` meaning `http://host:port`.
pub(crate) fn parse_proxy_url(text: &str) -> Result<Url, SapError> {
    let invalid = |message: String| SapError::Config {
        field: PROXY_FIELD.into(),
        message,
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(invalid(
            "is empty: enter the proxy as http://host:port".into(),
        ));
    }
    let with_scheme = if text.contains("://") {
        text.to_owned()
    } else {
        format!("http://{text}")
    };
    let url = Url::parse(&with_scheme).map_err(|error| {
        invalid(format!(
            "is not a valid URL ({error}): enter it as http://host:port"
        ))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(invalid(format!(
            "scheme {}:// is not supported: use http:// or https://",
            url.scheme()
        )));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(invalid(
            "names no host: enter it as http://host:port".into(),
        ));
    }
    Ok(url)
}

/// Whether the manual proxy's bypass list exempts `host` (for naming the failing hop
/// in error messages; reqwest's `NoProxy` does the actual routing).
pub(crate) fn bypasses_proxy(bypass: &[String], host: &str) -> bool {
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    bypass
        .iter()
        .map(|entry| entry.trim().to_ascii_lowercase())
        .any(|entry| {
            let domain = entry.trim_start_matches("*.").trim_start_matches('.');
            entry == "*"
                || host == domain
                || (!domain.is_empty() && host.ends_with(&format!(".{domain}")))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_urls_default_to_http() {
        assert_eq!(
            parse_proxy_url("proxy.corp:8080").unwrap().as_str(),
            "http://proxy.corp:8080/"
        );
        assert!(parse_proxy_url("socks5://p:1080").is_err());
        assert!(parse_proxy_url("http://").is_err());
        assert!(parse_proxy_url("  ").is_err());
    }

    #[test]
    fn bypass_entries_match_hosts_and_domains() {
        let bypass = vec![".corp.local".to_owned(), "sap.example".to_owned()];
        assert!(bypasses_proxy(&bypass, "erp.corp.local"));
        assert!(bypasses_proxy(&bypass, "SAP.example"));
        assert!(bypasses_proxy(&bypass, "dev.sap.example"));
        assert!(!bypasses_proxy(&bypass, "notsap.example"));
        assert!(bypasses_proxy(&["*".to_owned()], "anything"));
    }
}
