//! BTP service keys as users paste them (a *Process Integration Runtime* instance of plan
//! `api`): the `oauth` block's `url` (the tenant host), `tokenurl`, `clientid` and
//! `clientsecret` become a Cloud Integration profile with OAuth client credentials.
//!
//! Keys are read leniently: property names in any case, extra fields, a missing
//! `createdate`, the `{"credentials": {...}}` wrapper of newer `cf service-key` output and
//! the lines `cf service-key` prints before the JSON. Keys that cannot work are refused with
//! a message that says why: certificate keys (`certificate`/`key`), keys of the runtime plan
//! `integration-flow`, other services' keys and text that is no key at all.

use sap_http::Secret;
use serde_json::{Map, Value};
use url::Url;

use crate::model::{AuthMethod, OAuthSettings, ProfileSettings, ServiceKind};

/// What a service key gives: enough for a Cloud Integration profile with OAuth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceKey {
    /// The API root, `url` + `/api/v1`.
    pub api_url: String,
    pub token_url: String,
    pub client_id: String,
    pub client_secret: Secret,
}

/// Why a text is not a usable service key. The message is meant for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ServiceKeyError(pub String);

fn refuse(message: impl Into<String>) -> ServiceKeyError {
    ServiceKeyError(message.into())
}

/// Reads a pasted or opened service key.
pub fn parse_service_key(text: &str) -> Result<ServiceKey, ServiceKeyError> {
    let text = text.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(refuse(
            "The service key is empty: paste the JSON of the key or open its file.",
        ));
    }
    // `cf service-key <instance> <key>` prints "Getting key ..." before the JSON.
    let json = match text.find('{') {
        Some(start) => &text[start..],
        None => {
            return Err(refuse(
                "This is not a service key: a key is a JSON object starting with '{'. Copy it from the BTP cockpit (Instances and Subscriptions, the instance's service key, View) or from `cf service-key`.",
            ))
        }
    };
    let value: Value = serde_json::from_str(json).map_err(|error| {
        refuse(format!(
            "The service key is not valid JSON ({error}). Copy the whole key, from the first '{{' to the last '}}'."
        ))
    })?;
    let Value::Object(root) = value else {
        return Err(refuse("This is not a service key: expected a JSON object."));
    };
    let root = match field(&root, "credentials").and_then(Value::as_object) {
        Some(inner) => inner,
        None => &root,
    };
    let oauth = match field(root, "oauth") {
        Some(Value::Object(oauth)) => oauth,
        Some(_) => {
            return Err(refuse(
                "The service key's \"oauth\" entry is not an object.",
            ))
        }
        None => return Err(not_a_cloud_integration_key(root)),
    };
    let has = |name: &str| text_field(oauth, name).is_some();
    if (has("certificate") || has("key")) && !has("clientsecret") {
        return Err(refuse(
            "This service key uses a client certificate (it has \"certificate\" and \"key\" instead of \"clientsecret\"). Agent Desk signs in with a client secret: in the BTP cockpit, create a service key for the instance with grant type Client Credentials and key type Binding Secret (Instance Secret), and paste that one.",
        ));
    }
    let mut missing = Vec::new();
    let mut take = |name: &str| {
        let value = text_field(oauth, name);
        if value.is_none() {
            missing.push(format!("\"{name}\""));
        }
        value.unwrap_or_default()
    };
    let url = take("url");
    let token_url = take("tokenurl");
    let client_id = take("clientid");
    let client_secret = take("clientsecret");
    if !missing.is_empty() {
        return Err(refuse(format!(
            "The service key's \"oauth\" block lacks {}. Copy the complete key from the BTP cockpit.",
            missing.join(", ")
        )));
    }
    let tenant = https_url(&url, "url")?;
    let token = https_url(&token_url, "tokenurl")?;
    if tenant.host_str().is_some_and(|host| host.contains("-rt.")) {
        return Err(refuse(format!(
            "This key belongs to the plan integration-flow: its url ({}) is the runtime host that calls integration flows, not the API. Create a service key for an instance of plan api (Process Integration Runtime) and paste that one.",
            tenant.host_str().unwrap_or_default()
        )));
    }
    Ok(ServiceKey {
        api_url: api_root(&tenant),
        token_url: token.to_string(),
        client_id,
        client_secret: Secret::new(client_secret),
    })
}

impl ServiceKey {
    /// Cloud Integration settings with OAuth client credentials, named after the tenant's
    /// subdomain. The client secret stays in [`ServiceKey::client_secret`].
    pub fn settings(&self) -> ProfileSettings {
        let host = Url::parse(&self.api_url)
            .ok()
            .and_then(|url| url.host_str().map(str::to_owned))
            .unwrap_or_default();
        let name = host.split('.').next().unwrap_or_default();
        let mut settings = ProfileSettings::new(ServiceKind::CloudIntegration, &self.api_url);
        settings.display_name = if name.is_empty() {
            "Cloud Integration".to_owned()
        } else {
            format!("Cloud Integration {name}")
        };
        settings.auth = AuthMethod::OauthClientCredentials;
        settings.oauth = OAuthSettings {
            token_url: self.token_url.clone(),
            client_id: self.client_id.clone(),
        };
        settings
    }
}

/// A key without an `oauth` block: say whose key it looks like.
fn not_a_cloud_integration_key(root: &Map<String, Value>) -> ServiceKeyError {
    if field(root, "uaa").is_some() || field(root, "xsappname").is_some() {
        return refuse(
            "This is a service key of another service (it has a \"uaa\" block, as XSUAA and many BTP services do). For Cloud Integration, use a key of the Process Integration Runtime instance of plan api: it has an \"oauth\" block.",
        );
    }
    if text_field(root, "clientid").is_some() && text_field(root, "tokenurl").is_some() {
        return refuse(
            "This key has no \"oauth\" block. Cloud Integration keys of plan api carry url, tokenurl, clientid and clientsecret inside \"oauth\": copy the whole key.",
        );
    }
    refuse("This is not a Cloud Integration service key: it has no \"oauth\" block with url, tokenurl, clientid and clientsecret.")
}

/// A property by name, in any case.
fn field<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    object.get(name).or_else(|| {
        object
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value)
    })
}

fn text_field(object: &Map<String, Value>, name: &str) -> Option<String> {
    field(object, name)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

fn https_url(text: &str, name: &str) -> Result<Url, ServiceKeyError> {
    let url = Url::parse(text).map_err(|error| {
        refuse(format!(
            "The service key's \"{name}\" is not a URL ({error}): {text}"
        ))
    })?;
    if url.scheme() != "https" || url.host_str().is_none_or(str::is_empty) {
        return Err(refuse(format!(
            "The service key's \"{name}\" must be an https:// address: {text}"
        )));
    }
    Ok(url)
}

/// `https://host[/path]` + `/api/v1/`; a `url` that already ends in `/api/v1` keeps it.
fn api_root(tenant: &Url) -> String {
    let mut url = tenant.clone();
    url.set_query(None);
    url.set_fragment(None);
    let path = url.path().trim_end_matches('/').to_owned();
    let path = if path.ends_with("/api/v1") {
        format!("{path}/")
    } else {
        format!("{path}/api/v1/")
    };
    url.set_path(&path);
    url.to_string()
}
