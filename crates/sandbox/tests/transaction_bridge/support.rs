//! A started sandbox and a client that logs on to one bridge app and keeps its cookie.
#![allow(dead_code)]

use reqwest::{Client, Response, StatusCode};
use sandbox::{Sandbox, SandboxConfig, SandboxHandle, DEFAULT_PASSWORD, DEFAULT_USER};
use serde_json::Value;

pub async fn start() -> SandboxHandle {
    start_with(SandboxConfig::default()).await
}

pub async fn start_with(config: SandboxConfig) -> SandboxHandle {
    Sandbox::start(config).await.expect("sandbox starts")
}

pub fn cookie_client() -> Client {
    Client::builder()
        .cookie_store(true)
        .no_proxy()
        .build()
        .expect("client")
}

/// One app's service root and a client with its session cookie (after [`App::login`]).
pub struct App {
    pub client: Client,
    pub root: String,
}

impl App {
    /// A client for the app, not logged on.
    pub fn new(sandbox: &SandboxHandle, app: &str) -> App {
        App {
            client: cookie_client(),
            root: sandbox.transaction_bridge_url(app),
        }
    }

    /// Logged on as the demo user.
    pub async fn login(sandbox: &SandboxHandle, app: &str) -> App {
        let bridge = App::new(sandbox, app);
        let (status, body) = bridge.login_as(DEFAULT_USER, DEFAULT_PASSWORD).await;
        assert_eq!(status, StatusCode::OK, "Login: {body}");
        bridge
    }

    pub async fn login_as(&self, user: &str, password: &str) -> (StatusCode, Value) {
        let response = self
            .client
            .post(self.url("Login"))
            .basic_auth(user, Some(password))
            .send()
            .await
            .expect("Login sent");
        parse(response).await
    }

    pub fn url(&self, resource: &str) -> String {
        format!("{}{resource}", self.root)
    }

    /// POST an action with a JSON body.
    pub async fn post(&self, action: &str, body: Value) -> (StatusCode, Value) {
        let response = self
            .client
            .post(self.url(action))
            .json(&body)
            .send()
            .await
            .expect("request sent");
        parse(response).await
    }

    /// GET a function call, e.g. `GetUserDetails(UserName='JSMITH')` (already encoded).
    pub async fn get(&self, call: &str) -> (StatusCode, Value) {
        let response = self
            .client
            .get(self.url(call))
            .send()
            .await
            .expect("request sent");
        parse(response).await
    }

    pub async fn raw(&self, request: reqwest::RequestBuilder) -> Response {
        request.send().await.expect("request sent")
    }
}

pub async fn parse(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.expect("body");
    let value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}) with {status}: {text}"));
    (status, value)
}

/// `ErrorState.ErrorCode` of an error body.
pub fn error_code(body: &Value) -> u64 {
    body["error"]["ErrorState"]["ErrorCode"]
        .as_u64()
        .unwrap_or_else(|| panic!("no ErrorState.ErrorCode in {body}"))
}

/// Asserts a 500 with the internal code and returns the body's `error`.
pub fn assert_internal(status: StatusCode, body: &Value, code: u64) -> Value {
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR, "{body}");
    assert_eq!(error_code(body), code, "{body}");
    assert_eq!(body["error"]["Status"], "INTERNAL_SERVER_ERROR");
    body["error"].clone()
}
