//! Shared helpers: a started sandbox and a cookie-keeping HTTP client that logs on like a CLI.
#![allow(dead_code)]

use reqwest::{Client, Response, StatusCode};
use sandbox::{Dialect, FaultConfig, Sandbox, SandboxConfig, SandboxHandle};
use serde_json::Value;

pub const USER: &str = "DEVELOPER";
pub const PASSWORD: &str = "Welcome1";

pub async fn start(dialect: Dialect) -> SandboxHandle {
    start_with(SandboxConfig {
        dialect,
        job_speed: 40.0,
        ..SandboxConfig::default()
    })
    .await
}

pub async fn start_with(config: SandboxConfig) -> SandboxHandle {
    Sandbox::start(config).await.expect("sandbox starts")
}

pub async fn start_with_faults(dialect: Dialect, faults: FaultConfig) -> SandboxHandle {
    start_with(SandboxConfig {
        dialect,
        job_speed: 40.0,
        faults,
        ..SandboxConfig::default()
    })
    .await
}

/// A client that keeps cookies, as a session-aware SAP client does.
pub fn cookie_client() -> Client {
    Client::builder()
        .cookie_store(true)
        .no_proxy()
        .build()
        .expect("client")
}

/// A client without a cookie store: every request starts a new SAP session.
pub fn plain_client() -> Client {
    Client::builder().no_proxy().build().expect("client")
}

/// A logged-on agent session: cookies, CSRF token and base URL.
pub struct Agent {
    pub client: Client,
    pub base: String,
    pub token: String,
}

impl Agent {
    pub async fn logon(sandbox: &SandboxHandle) -> Agent {
        let client = cookie_client();
        let base = sandbox.agent_url();
        let token = fetch_token(&client, &format!("{base}health")).await;
        Agent {
            client,
            base,
            token,
        }
    }

    pub fn url(&self, resource: &str) -> String {
        format!("{}{resource}", self.base)
    }

    pub async fn post_raw(&self, resource: &str, body: impl Into<reqwest::Body>) -> Response {
        self.client
            .post(self.url(resource))
            .basic_auth(USER, Some(PASSWORD))
            .header("x-csrf-token", &self.token)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("request sent")
    }

    /// POST JSON and return status and parsed body.
    pub async fn post(&self, resource: &str, body: Value) -> (StatusCode, Value) {
        let response = self.post_raw(resource, body.to_string()).await;
        let status = response.status();
        let text = response.text().await.expect("body");
        let value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{resource}: invalid JSON ({e}): {text}"));
        (status, value)
    }

    pub async fn get(&self, path_and_query: &str) -> Response {
        self.client
            .get(self.url(path_and_query))
            .basic_auth(USER, Some(PASSWORD))
            .send()
            .await
            .expect("request sent")
    }
}

/// `GET url` with `X-CSRF-Token: fetch`; returns the token.
pub async fn fetch_token(client: &Client, url: &str) -> String {
    let response = client
        .get(url)
        .basic_auth(USER, Some(PASSWORD))
        .header("x-csrf-token", "fetch")
        .send()
        .await
        .expect("fetch sent");
    assert_eq!(response.status(), StatusCode::OK, "token fetch");
    response
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .expect("x-csrf-token header")
        .to_string()
}

/// Keys of a JSON object, for casing checks.
pub fn keys(value: &Value) -> Vec<String> {
    value
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

pub fn all_upper(value: &Value) -> bool {
    keys(value).iter().all(|k| *k == k.to_ascii_uppercase())
}

pub fn all_lower(value: &Value) -> bool {
    keys(value).iter().all(|k| *k == k.to_ascii_lowercase())
}
