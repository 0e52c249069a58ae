//! Field-level validation of profile settings, so the form can point at the field at fault.

use serde::Serialize;
use url::Url;

use crate::model::{AuthMethod, ProfileDraft, ProxySettings, SecretUpdate, ServiceKind};

/// One invalid field. `field` is the settings path the UI form uses (`base_url`, `proxy.url`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

const MAX_TIMEOUT_SECONDS: u32 = 3600;

/// Every problem of a draft at once (empty when it can be saved).
/// Reads the extra CA file, if one is named, to check that it is usable.
pub fn validate(draft: &ProfileDraft) -> Vec<FieldError> {
    let settings = &draft.settings;
    let mut errors = Vec::new();

    if settings.display_name.trim().is_empty() {
        errors.push(FieldError::new(
            "display_name",
            "Enter a name for this system.",
        ));
    }
    if let Err(message) = check_base_url(&settings.base_url) {
        errors.push(FieldError::new("base_url", message));
    } else if let Some(host) = unencrypted_remote_host(&settings.base_url) {
        if !settings.tls.allow_plain_http {
            errors.push(FieldError::new(
                "base_url",
                format!("With http:// the password travels unencrypted to {host}. Use https://, or allow unencrypted HTTP for this system under Security and network."),
            ));
        }
    }
    if !settings.client.is_empty() && !is_ascii_of_len(&settings.client, 3, u8::is_ascii_digit) {
        errors.push(FieldError::new(
            "client",
            "The client is three digits, e.g. 100 (leave empty for the system's default).",
        ));
    }
    if !settings.language.is_empty()
        && !is_ascii_of_len(&settings.language, 2, u8::is_ascii_alphabetic)
    {
        errors.push(FieldError::new(
            "language",
            "The logon language is a two-letter code such as EN or DE.",
        ));
    }
    errors.extend(check_auth(draft));
    if settings.service_kind == ServiceKind::TransactionBridge {
        if let Err(message) = check_app_ids(&settings.app_ids) {
            errors.push(FieldError::new("app_ids", message));
        }
    }
    if let Some(path) = settings.tls.extra_ca_file.as_deref() {
        if let Err(message) = check_ca_file(path) {
            errors.push(FieldError::new("tls.extra_ca_file", message));
        }
    }
    if let ProxySettings::Manual { url, bypass } = &settings.proxy {
        if let Err(message) = check_proxy_url(url) {
            errors.push(FieldError::new("proxy.url", message));
        }
        if bypass
            .iter()
            .any(|host| host.trim().is_empty() || host.contains(char::is_whitespace))
        {
            errors.push(FieldError::new(
                "proxy.bypass",
                "Each bypass entry is one host name or suffix (like .corp.local), without spaces.",
            ));
        }
    }
    for (field, value) in [
        (
            "timeouts.connect_seconds",
            settings.timeouts.connect_seconds,
        ),
        (
            "timeouts.request_seconds",
            settings.timeouts.request_seconds,
        ),
    ] {
        if value == 0 || value > MAX_TIMEOUT_SECONDS {
            errors.push(FieldError::new(
                field,
                format!("Use between 1 and {MAX_TIMEOUT_SECONDS} seconds."),
            ));
        }
    }
    if settings.service_kind != ServiceKind::AbapgitAgent {
        if !settings.git_username.is_empty() {
            errors.push(FieldError::new(
                "git_username",
                "Git credentials only apply to abapGit Agent systems.",
            ));
        }
        if matches!(draft.git_token, SecretUpdate::Set { .. }) {
            errors.push(FieldError::new(
                "git_token",
                "Git credentials only apply to abapGit Agent systems.",
            ));
        }
    }
    for (field, update, what) in [
        ("password", &draft.password, "the password"),
        ("client_secret", &draft.client_secret, "the client secret"),
        ("api_key", &draft.api_key, "the API key"),
    ] {
        if matches!(update, SecretUpdate::Set { value } if value.trim().is_empty()) {
            errors.push(FieldError::new(
                field,
                format!("Enter {what}, or keep the stored one."),
            ));
        }
    }
    errors
}

/// The sign-in fields of the profile's method, and whether the service offers that method.
fn check_auth(draft: &ProfileDraft) -> Vec<FieldError> {
    let settings = &draft.settings;
    let mut errors = Vec::new();
    let kind = settings.service_kind;
    if !kind.auth_methods().contains(&settings.auth) {
        let offered: Vec<&str> = kind.auth_methods().iter().map(|m| m.label()).collect();
        errors.push(FieldError::new(
            "auth",
            format!(
                "{} systems sign in with: {}.",
                kind.label(),
                offered.join(", ")
            ),
        ));
        return errors;
    }
    match settings.auth {
        AuthMethod::Basic => {
            let user = settings.user.trim();
            if user.is_empty() {
                errors.push(FieldError::new(
                    "user",
                    if kind == ServiceKind::CloudIntegration {
                        "Enter the user (or the service key's client id)."
                    } else {
                        "Enter the SAP user name."
                    },
                ));
            } else if user.contains(':') || user.chars().any(char::is_whitespace) {
                errors.push(FieldError::new(
                    "user",
                    "A user name cannot contain spaces or a colon.",
                ));
            }
        }
        AuthMethod::OauthClientCredentials => {
            let oauth = &settings.oauth;
            if oauth.token_url.trim().is_empty() {
                errors.push(FieldError::new(
                    "oauth.token_url",
                    "Enter the token URL (the service key's tokenurl, ending in /oauth/token).",
                ));
            } else if let Err(message) = check_base_url(&oauth.token_url) {
                errors.push(FieldError::new("oauth.token_url", message));
            } else if let Some(host) = unencrypted_remote_host(&oauth.token_url) {
                errors.push(FieldError::new(
                    "oauth.token_url",
                    format!("With http:// the client secret travels unencrypted to {host}. Use https://."),
                ));
            }
            let client_id = oauth.client_id.trim();
            if client_id.is_empty() {
                errors.push(FieldError::new(
                    "oauth.client_id",
                    "Enter the client id (the service key's clientid).",
                ));
            } else if client_id.contains(':') || client_id.chars().any(char::is_whitespace) {
                errors.push(FieldError::new(
                    "oauth.client_id",
                    "A client id cannot contain spaces or a colon.",
                ));
            }
        }
        AuthMethod::ApiKey => {}
    }
    errors
}

/// A bridge profile's apps: at least one, each an id as it appears in the app URL.
fn check_app_ids(app_ids: &[String]) -> Result<(), String> {
    if app_ids.iter().all(|id| id.trim().is_empty()) {
        return Err(
            "Add at least one app id (the part after /mtb-bridge/odata/app/ in the app's URL)."
                .to_owned(),
        );
    }
    let mut seen = Vec::new();
    for id in app_ids
        .iter()
        .map(|id| id.trim())
        .filter(|id| !id.is_empty())
    {
        let valid = id.len() <= 100
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
            && !id.starts_with('.');
        if !valid {
            return Err(format!(
                "\"{id}\" is not an app id: use letters, digits, _, - and . only (the part after /mtb-bridge/odata/app/)."
            ));
        }
        if seen.contains(&id.to_ascii_lowercase()) {
            return Err(format!("The app id {id} is listed twice."));
        }
        seen.push(id.to_ascii_lowercase());
    }
    Ok(())
}

fn is_ascii_of_len(value: &str, len: usize, allowed: fn(&u8) -> bool) -> bool {
    value.len() == len && value.as_bytes().iter().all(allowed)
}

fn check_base_url(raw: &str) -> Result<(), String> {
    let url = Url::parse(raw.trim()).map_err(|error| {
        format!("Not a valid URL ({error}). Expected something like https://host:44300")
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("The URL must start with https:// (or http://).".to_owned());
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("The URL has no host name.".to_owned());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("Put the user and password in their own fields, not in the URL.".to_owned());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("The URL cannot contain ?query or #fragment parts.".to_owned());
    }
    Ok(())
}

/// The host of a plain `http://` URL that leaves this computer (loopback is not on the wire).
pub fn unencrypted_remote_host(raw: &str) -> Option<String> {
    let url = Url::parse(raw.trim()).ok()?;
    if url.scheme() != "http" {
        return None;
    }
    let loopback = match url.host()? {
        url::Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(address) => address.is_loopback(),
        url::Host::Ipv6(address) => address.is_loopback(),
    };
    (!loopback).then(|| url.host_str().unwrap_or_default().to_owned())
}

fn check_proxy_url(raw: &str) -> Result<(), String> {
    let url = Url::parse(raw.trim())
        .map_err(|error| format!("Not a valid proxy URL ({error}), e.g. http://proxy:8080"))?;
    if url.scheme().starts_with("socks") {
        // The HTTP client is built without SOCKS support: refuse here rather than fail later.
        return Err(
            "SOCKS proxies are not supported; use an HTTP proxy (http://proxy:8080) or the System proxy setting."
                .to_owned(),
        );
    }
    if !matches!(url.scheme(), "http" | "https") {
        return Err("A proxy URL starts with http:// or https://.".to_owned());
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("The proxy URL has no host name.".to_owned());
    }
    // Settings are stored and shown in clear; a proxy password there would leak.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(
            "A proxy user and password cannot be saved in the URL; use a proxy that needs no logon or the System proxy setting."
                .to_owned(),
        );
    }
    Ok(())
}

fn check_ca_file(path: &str) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|error| format!("Cannot read {path}: {error}"))?;
    let text = String::from_utf8_lossy(&bytes);
    if !text.contains("-----BEGIN CERTIFICATE-----") {
        return Err(format!(
            "{path} contains no PEM certificate (-----BEGIN CERTIFICATE-----)."
        ));
    }
    Ok(())
}
