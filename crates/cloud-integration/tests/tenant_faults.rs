//! The simulated tenant's faults as the client meets them: 429 with Retry-After, the
//! platform's 5xx page, a stale CSRF token, a slow answer.

mod support;

use std::time::Duration;

use cloud_integration::{CloudIntegrationClient, NewPackage};
use sandbox::{Expiry, FaultConfig, SlowResponse};
use sap_http::{SapError, Session, TimeoutPhase};
use support::*;

#[tokio::test]
async fn throttled_reads_wait_as_asked_and_go_through() {
    let fixture = start().await;
    fixture.sandbox.faults().set(FaultConfig {
        too_many_requests_every: Some(2),
        retry_after_seconds: Some(1),
        ..FaultConfig::default()
    });
    for _ in 0..3 {
        assert!(!fixture.client.partners().await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn a_5xx_page_is_an_http_error_with_its_title() {
    let fixture = start().await;
    fixture.sandbox.faults().set(FaultConfig {
        server_error_every: Some(1),
        server_error_status: Some(503),
        ..FaultConfig::default()
    });
    match fixture.client.packages().await {
        Err(SapError::HttpStatus { status: 503, .. }) | Err(SapError::Sap { status: 503, .. }) => {}
        other => panic!("expected a 503, got {other:?}"),
    }
}

#[tokio::test]
async fn a_stale_csrf_token_is_fetched_again_for_a_change() {
    let fixture = start().await;
    fixture.sandbox.faults().set(FaultConfig {
        csrf_expiry: Some(Expiry {
            after_requests: Some(2),
            after_seconds: None,
        }),
        ..FaultConfig::default()
    });
    let package = NewPackage {
        id: "AgentDesk.Csrf".into(),
        name: "CSRF test".into(),
        short_text: "stale token".into(),
        description: None,
        version: None,
        vendor: None,
    };
    fixture.client.create_package(&package).await.unwrap();
    fixture.client.packages().await.unwrap();
    fixture.client.packages().await.unwrap();
    fixture
        .client
        .delete_package("AgentDesk.Csrf")
        .await
        .unwrap();
    assert!(fixture.client.session().stats().csrf_fetches >= 2);
}

#[tokio::test]
async fn a_slow_tenant_is_a_timeout() {
    let fixture = start().await;
    fixture.sandbox.faults().set(FaultConfig {
        slow_response: Some(SlowResponse {
            every: 1,
            delay_ms: 3_000,
        }),
        ..FaultConfig::default()
    });
    let mut config = api_config(&fixture.sandbox);
    config.auth = basic_client(&fixture.sandbox)
        .session()
        .config()
        .auth
        .clone();
    config.timeout = Duration::from_secs(1);
    let client = CloudIntegrationClient::new(Session::new(config).unwrap());
    match client.packages().await {
        Err(SapError::Timeout {
            phase: TimeoutPhase::Response,
            ..
        }) => {}
        other => panic!("expected a timeout, got {other:?}"),
    }
}
