//! The client on an OAuth 2.0 client-credentials session of the simulated tenant: one token
//! for a whole session of work, a new one only when the tenant says the old one expired, no
//! CSRF fetch with a bearer token; and an API key session that refuses changes unsent.

mod support;

use cloud_integration::{
    ArtifactKind, CloudIntegrationClient, MessageFilter, NewPackage, RuntimeFilter,
};
use sandbox::cloud_integration::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use sandbox::SandboxHandle;
use sap_http::{Auth, OAuthClientCredentials, SapError, Secret, Session};
use support::*;
use url::Url;

fn oauth_client(sandbox: &SandboxHandle, secret: &str) -> CloudIntegrationClient {
    let mut config = api_config(sandbox);
    config.auth = Some(Auth::OAuthClientCredentials(OAuthClientCredentials {
        token_url: Url::parse(&sandbox.cloud_integration_token_url()).unwrap(),
        client_id: DEMO_CLIENT_ID.into(),
        client_secret: Secret::new(secret),
    }));
    CloudIntegrationClient::new(Session::new(config).unwrap())
}

#[tokio::test]
async fn one_token_serves_a_session_of_work_and_writes_need_no_csrf() {
    let fixture = start().await;
    let client = oauth_client(&fixture.sandbox, DEMO_CLIENT_SECRET);
    let before = fixture.sandbox.cloud_integration_token_requests();
    for _ in 0..3 {
        let packages = client.packages().await.unwrap();
        client.package_artifacts(&packages[0].id).await.unwrap();
        client
            .runtime_artifacts(&RuntimeFilter::default())
            .await
            .unwrap();
        client
            .message_counts(&MessageFilter::default())
            .await
            .unwrap();
        client.keystore_entries().await.unwrap();
    }
    let package = NewPackage {
        id: "AgentDesk.OAuth".into(),
        name: "Created with a bearer token".into(),
        short_text: "OAuth test".into(),
        description: None,
        version: None,
        vendor: None,
    };
    client.create_package(&package).await.unwrap();
    client.delete_package("AgentDesk.OAuth").await.unwrap();
    assert_eq!(
        fixture.sandbox.cloud_integration_token_requests() - before,
        1
    );
    assert_eq!(client.session().stats().csrf_fetches, 0);
}

#[tokio::test]
async fn an_expired_token_is_replaced_once() {
    let fixture = start().await;
    let client = oauth_client(&fixture.sandbox, DEMO_CLIENT_SECRET);
    client.packages().await.unwrap();
    let before = fixture.sandbox.cloud_integration_token_requests();
    // The tenant's clock moves past the token's lifetime: the next call gets a 401.
    fixture
        .sandbox
        .advance_clock(std::time::Duration::from_secs(13 * 3600));
    client.packages().await.unwrap();
    client.partners().await.unwrap();
    assert_eq!(
        fixture.sandbox.cloud_integration_token_requests() - before,
        1
    );
}

#[tokio::test]
async fn a_wrong_client_secret_is_its_own_error() {
    let fixture = start().await;
    let client = oauth_client(&fixture.sandbox, "not the secret");
    match client.packages().await {
        Err(SapError::TokenRejected { error, .. }) => assert_eq!(error, "invalid_client"),
        other => panic!("expected the token endpoint's refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn an_api_key_session_refuses_changes_before_sending() {
    let fixture = start().await;
    let mut config = api_config(&fixture.sandbox);
    config.auth = Some(Auth::ApiKey(Secret::new("sandbox-api-key")));
    let client = CloudIntegrationClient::new(Session::new(config).unwrap());
    let before = fixture.sandbox.request_count();
    let refused = client
        .deploy(ArtifactKind::IntegrationFlow, "Any_Flow", "active")
        .await
        .unwrap_err();
    assert!(matches!(refused, SapError::ReadOnly { .. }), "{refused:?}");
    assert!(client.delete_package("Any").await.is_err());
    assert_eq!(fixture.sandbox.request_count(), before, "a change was sent");
}
