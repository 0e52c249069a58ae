//! From a profile to the session configuration the SAP clients use.

use std::time::Duration;

use sap_http::{Auth, Credentials, ProxyMode, Secret, SessionConfig, TlsOptions};
use url::Url;

use crate::model::{ProfileSettings, ProxySettings};
use crate::validation::FieldError;

/// The session configuration for a profile, with its password.
///
/// A base URL that names only the system (`https://host:44300`) gets the service kind's
/// default path; a URL with a path is taken as the service root itself.
pub fn session_config(
    settings: &ProfileSettings,
    password: Option<Secret>,
) -> Result<SessionConfig, FieldError> {
    let base_url = service_root(settings)?;
    let mut config = SessionConfig::new(base_url);
    config.sap_client = non_empty(&settings.client);
    config.sap_language = non_empty(&settings.language).map(|l| l.to_ascii_uppercase());
    config.auth = password.map(|password| {
        Auth::Basic(Credentials {
            user: settings.user.trim().to_owned(),
            password,
        })
    });
    config.tls = TlsOptions {
        extra_ca_pem: match settings.tls.extra_ca_file.as_deref() {
            None => None,
            Some(path) => Some(std::fs::read(path).map_err(|error| {
                FieldError::new("tls.extra_ca_file", format!("Cannot read {path}: {error}"))
            })?),
        },
        accept_invalid_certs: settings.tls.insecure,
    };
    config.proxy = match &settings.proxy {
        ProxySettings::System => ProxyMode::System,
        ProxySettings::None => ProxyMode::None,
        ProxySettings::Manual { url, bypass } => ProxyMode::Manual {
            url: url.trim().to_owned(),
            bypass: bypass.iter().map(|h| h.trim().to_owned()).collect(),
        },
    };
    config.timeout = Duration::from_secs(u64::from(settings.timeouts.request_seconds));
    config.connect_timeout = Duration::from_secs(u64::from(settings.timeouts.connect_seconds));
    config.csrf_fetch_path = settings.service_kind.csrf_fetch_path().to_owned();
    Ok(config)
}

/// The service root URL, always ending with `/`.
pub fn service_root(settings: &ProfileSettings) -> Result<Url, FieldError> {
    let mut url = Url::parse(settings.base_url.trim())
        .map_err(|error| FieldError::new("base_url", format!("Not a valid URL ({error})")))?;
    if url.path() == "/" || url.path().is_empty() {
        url.set_path(settings.service_kind.default_service_path());
    } else if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

fn non_empty(value: &str) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}
