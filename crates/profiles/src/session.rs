//! From a profile to the session configuration the SAP clients use.

use std::time::Duration;

use sap_http::{
    Auth, Credentials, OAuthClientCredentials, ProxyMode, Secret, SessionConfig, TlsOptions,
};
use url::Url;

use crate::model::{AuthMethod, ProfileSettings, ProxySettings, ServiceKind, BRIDGE_APPS_PATH};
use crate::validation::FieldError;

/// The session configuration for a profile, with the secret of its sign-in method
/// (`settings.auth.secret_kind()`: the password, the OAuth client secret or the API key).
/// Without a secret the session signs in with nothing (the system then asks).
///
/// A base URL that names only the system (`https://host:44300`) gets the service kind's
/// default path; a URL with a path is taken as the service root itself. A transaction
/// bridge session's root is the apps' root (`.../mtb-bridge/odata/app/`): each app is
/// [`bridge_app_path`] below it.
pub fn session_config(
    settings: &ProfileSettings,
    secret: Option<Secret>,
) -> Result<SessionConfig, FieldError> {
    let base_url = service_root(settings)?;
    let mut config = SessionConfig::new(base_url);
    if settings.service_kind.has_sap_client() {
        config.sap_client = non_empty(&settings.client);
        config.sap_language = non_empty(&settings.language).map(|l| l.to_ascii_uppercase());
    }
    config.auth = match (settings.auth, secret) {
        (_, None) => None,
        (AuthMethod::Basic, Some(password)) => Some(Auth::Basic(Credentials {
            user: settings.user.trim().to_owned(),
            password,
        })),
        (AuthMethod::OauthClientCredentials, Some(client_secret)) => {
            let token_url = Url::parse(settings.oauth.token_url.trim()).map_err(|error| {
                FieldError::new("oauth.token_url", format!("Not a valid URL ({error})"))
            })?;
            Some(Auth::OAuthClientCredentials(OAuthClientCredentials {
                token_url,
                client_id: settings.oauth.client_id.trim().to_owned(),
                client_secret,
            }))
        }
        (AuthMethod::ApiKey, Some(key)) => Some(Auth::ApiKey(key)),
    };
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
    if settings.service_kind == ServiceKind::TransactionBridge {
        if let Some((base, _app)) = split_bridge_app_url(url.as_str()) {
            url = Url::parse(&base).map_err(|error| {
                FieldError::new("base_url", format!("Not a valid URL ({error})"))
            })?;
        }
        if !url.path().contains(BRIDGE_APPS_PATH) {
            let path = format!("{}{BRIDGE_APPS_PATH}", url.path().trim_end_matches('/'));
            url.set_path(&path);
        }
        return Ok(url);
    }
    if url.path() == "/" || url.path().is_empty() {
        url.set_path(settings.service_kind.default_service_path());
    } else if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

/// An app's path below a bridge session's root: `<appId>/` (percent-encoded).
pub fn bridge_app_path(app_id: &str) -> String {
    let encoded: String = url::form_urlencoded::byte_serialize(app_id.trim().as_bytes()).collect();
    format!("{encoded}/")
}

/// The root of one bridge app: `https://<host>/mtb-bridge/odata/app/<appId>/`.
pub fn bridge_app_root(settings: &ProfileSettings, app_id: &str) -> Result<Url, FieldError> {
    let root = service_root(settings)?;
    root.join(&bridge_app_path(app_id))
        .map_err(|error| FieldError::new("app_ids", format!("Not a valid app id ({error})")))
}

/// `https://host/mtb-bridge/odata/app/USERADMIN/$metadata` -> (`https://host`, `USERADMIN`):
/// an app URL typed as the base URL of a bridge profile. `None` when the URL names no app.
pub fn split_bridge_app_url(raw: &str) -> Option<(String, String)> {
    let url = Url::parse(raw.trim()).ok()?;
    let path = url.path();
    let at = path.find(BRIDGE_APPS_PATH)?;
    let app = path[at + BRIDGE_APPS_PATH.len()..].split('/').next()?;
    if app.is_empty() {
        return None;
    }
    let mut base = url.clone();
    base.set_path(&path[..at]);
    base.set_query(None);
    base.set_fragment(None);
    let base = base.as_str().trim_end_matches('/').to_owned();
    Some((base, app.to_owned()))
}

fn non_empty(value: &str) -> Option<String> {
    let trimmed = value.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}
