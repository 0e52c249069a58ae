//! A real sandbox on loopback and a client logged on to its Focused Build service.
#![allow(dead_code)] // each test binary uses a part of this module

use focused_build::{FocusedBuildClient, WorkItem, WorkItemGuid};
use sandbox::{
    Sandbox, SandboxConfig, SandboxHandle, DEFAULT_CLIENT, DEFAULT_PASSWORD, DEFAULT_USER,
};
use sap_http::{Auth, Credentials, ProxyMode, Secret, Session, SessionConfig};
use url::Url;

pub struct Fixture {
    pub sandbox: SandboxHandle,
    pub client: FocusedBuildClient,
}

pub async fn start() -> Fixture {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox starts");
    let client = client_for(&sandbox, DEFAULT_PASSWORD);
    Fixture { sandbox, client }
}

/// A client with its own session (own cookies and CSRF token).
pub fn client_for(sandbox: &SandboxHandle, password: &str) -> FocusedBuildClient {
    let base_url = Url::parse(&sandbox.focused_build_url()).expect("sandbox URL");
    let mut config = SessionConfig::new(base_url);
    config.sap_client = Some(DEFAULT_CLIENT.into());
    config.auth = Some(Auth::Basic(Credentials {
        user: DEFAULT_USER.into(),
        password: Secret::new(password),
    }));
    config.proxy = ProxyMode::None;
    config.csrf_fetch_path = String::new();
    FocusedBuildClient::new(Session::new(config).expect("session"))
}

impl Fixture {
    /// The first seeded work item of this process type in this status.
    pub async fn item(&self, process_type: &str, status: &str) -> WorkItemGuid {
        self.client
            .list_work_items(None)
            .await
            .expect("list work items")
            .into_iter()
            .find(|item: &WorkItem| {
                item.process_type.as_deref() == Some(process_type) && item.status.code == status
            })
            .map(|item| item.guid)
            .unwrap_or_else(|| panic!("no seeded {process_type} work item in {status}"))
    }
}

pub fn unknown_guid() -> WorkItemGuid {
    WorkItemGuid::parse("0050568B3F1C1EDAA8C22D3F4E5A6B7C").expect("valid GUID")
}
