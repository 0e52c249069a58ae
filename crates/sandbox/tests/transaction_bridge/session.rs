//! Login, the cookie, Logout, Home, idle expiry and one call at a time per session.

use std::time::Duration;

use reqwest::StatusCode;
use sandbox::transaction_bridge::{
    cookie_name, ConcurrentCalls, TransactionBridgeConfig, USER_ADMIN_APP,
};
use sandbox::{
    FaultConfig, SandboxConfig, SessionExpiry, DEFAULT_PASSWORD, DEFAULT_USER, FAULT_HEADER,
};
use serde_json::json;

use crate::support::*;

const DETAILS: &str = "GetUserDetails(UserName='JSMITH')";

#[tokio::test]
async fn login_sets_the_session_cookie_and_logout_ends_the_session() {
    let sandbox = start().await;
    let bridge = App::new(&sandbox, USER_ADMIN_APP);
    let response = bridge
        .raw(
            bridge
                .client
                .post(bridge.url("Login"))
                .basic_auth(DEFAULT_USER, Some(DEFAULT_PASSWORD)),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["odata-version"], "4.0");
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        set_cookie.starts_with(&format!("{}=", cookie_name(USER_ADMIN_APP))),
        "{set_cookie}"
    );
    assert!(set_cookie.starts_with("mtbsession_su01users="));
    assert!(set_cookie.contains("HttpOnly"));
    assert!(set_cookie.contains("Path=/mtb-bridge"));
    let (_, body) = parse(response).await;
    assert_eq!(
        body,
        json!({"State": {"ErrorCode": 0, "SubsequentActions": [], "PrecedingActions": []}})
    );
    assert_eq!(sandbox.transaction_bridge_session_count(), 1);

    // The cookie alone carries the session: no credentials on later calls.
    let (status, body) = bridge.get(DETAILS).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["State"]["ErrorCode"], 0);
    assert_eq!(body["Output"]["UserName"], "JSMITH");

    let (status, body) = bridge.post("Logout", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["State"]["ErrorCode"], 0);
    assert_eq!(sandbox.transaction_bridge_session_count(), 0);

    let (status, body) = bridge.get(DETAILS).await;
    assert_internal(status, &body, 700);
    assert_eq!(
        body["error"]["ErrorState"]["PrecedingActions"],
        json!(["Login"])
    );
}

#[tokio::test]
async fn calls_without_a_valid_session_are_session_invalid() {
    let sandbox = start().await;
    let bridge = App::new(&sandbox, USER_ADMIN_APP);
    // No cookie, even with credentials: Login comes first.
    let response = bridge
        .raw(
            bridge
                .client
                .get(bridge.url(DETAILS))
                .basic_auth(DEFAULT_USER, Some(DEFAULT_PASSWORD)),
        )
        .await;
    let (status, body) = parse(response).await;
    let error = assert_internal(status, &body, 700);
    assert!(error["Target"].as_str().unwrap().ends_with(DETAILS));

    // A made-up cookie.
    let response = bridge
        .raw(
            bridge
                .client
                .get(bridge.url(DETAILS))
                .header("cookie", "mtbsession_su01users=forged"),
        )
        .await;
    let (status, body) = parse(response).await;
    assert_internal(status, &body, 700);

    // Home and Logout need a session too.
    for action in ["Home", "Logout"] {
        let (status, body) = bridge.post(action, json!({})).await;
        assert_internal(status, &body, 700);
    }

    // A session of one app is no session of another.
    let users = App::login(&sandbox, USER_ADMIN_APP).await;
    let cookie = format!("mtbsession_mm03material=x; {}", "mtbsession_su01users=y");
    let response = users
        .raw(
            users
                .client
                .post(users.url("Home"))
                .header("cookie", cookie),
        )
        .await;
    let (status, body) = parse(response).await;
    assert_internal(status, &body, 700);
}

#[tokio::test]
async fn sessions_expire_after_the_idle_time_on_the_sandbox_clock() {
    let sandbox = start_with(SandboxConfig {
        transaction_bridge: TransactionBridgeConfig {
            idle_timeout: Duration::from_secs(300),
            ..TransactionBridgeConfig::default()
        },
        ..SandboxConfig::default()
    })
    .await;
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    sandbox.advance_clock(Duration::from_secs(299));
    let (status, _) = bridge.get(DETAILS).await;
    assert_eq!(status, StatusCode::OK);
    // Each call starts the idle time again.
    sandbox.advance_clock(Duration::from_secs(299));
    let (status, _) = bridge.get(DETAILS).await;
    assert_eq!(status, StatusCode::OK);
    sandbox.advance_clock(Duration::from_secs(300));
    let (status, body) = bridge.get(DETAILS).await;
    let error = assert_internal(status, &body, 700);
    assert_eq!(error["Details"][0]["message"], "The session has expired");
    assert_eq!(sandbox.transaction_bridge_session_count(), 0);
    // Logging on again gives a working session.
    let again = App::login(&sandbox, USER_ADMIN_APP).await;
    assert_eq!(again.get(DETAILS).await.0, StatusCode::OK);
}

#[tokio::test]
async fn session_faults_end_bridge_sessions() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    let response = bridge
        .raw(
            bridge
                .client
                .get(bridge.url(DETAILS))
                .header(FAULT_HEADER, "session-expired"),
        )
        .await;
    let (status, body) = parse(response).await;
    assert_internal(status, &body, 700);
    assert_eq!(
        bridge.get(DETAILS).await.0,
        StatusCode::INTERNAL_SERVER_ERROR
    );

    // Server-wide: after two calls.
    sandbox.faults().set(FaultConfig {
        session_expiry: Some(SessionExpiry {
            after_requests: Some(2),
            ..SessionExpiry::default()
        }),
        ..FaultConfig::default()
    });
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    assert_eq!(bridge.get(DETAILS).await.0, StatusCode::OK);
    assert_eq!(bridge.get(DETAILS).await.0, StatusCode::OK);
    let (status, body) = bridge.get(DETAILS).await;
    assert_internal(status, &body, 700);
}

#[tokio::test]
async fn a_second_call_on_a_busy_session_is_refused_as_restgui_call_failed() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    // The first call keeps the GUI busy for 600 ms (injected latency).
    let slow = bridge
        .client
        .get(bridge.url(DETAILS))
        .header(FAULT_HEADER, "latency=600")
        .send();
    let second = async {
        tokio::time::sleep(Duration::from_millis(150)).await;
        bridge.get(DETAILS).await
    };
    let (slow, (status, body)) = tokio::join!(slow, second);
    assert_eq!(slow.unwrap().status(), StatusCode::OK);
    let error = assert_internal(status, &body, 400);
    assert_eq!(
        error["ErrorMessage"],
        "The call to the back-end system failed"
    );
    // Once the first has ended, the session takes calls again.
    assert_eq!(bridge.get(DETAILS).await.0, StatusCode::OK);
}

#[tokio::test]
async fn a_queueing_bridge_runs_concurrent_calls_one_after_the_other() {
    let sandbox = start_with(SandboxConfig {
        transaction_bridge: TransactionBridgeConfig {
            concurrent_calls: ConcurrentCalls::Queue,
            ..TransactionBridgeConfig::default()
        },
        ..SandboxConfig::default()
    })
    .await;
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    let started = std::time::Instant::now();
    let call = || {
        bridge
            .client
            .get(bridge.url(DETAILS))
            .header(FAULT_HEADER, "latency=300")
            .send()
    };
    let (first, second) = tokio::join!(call(), call());
    assert_eq!(first.unwrap().status(), StatusCode::OK);
    assert_eq!(second.unwrap().status(), StatusCode::OK);
    assert!(
        started.elapsed() >= Duration::from_millis(600),
        "one after the other"
    );
}

#[tokio::test]
async fn login_again_replaces_the_session() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    let (status, _) = bridge.login_as(DEFAULT_USER, DEFAULT_PASSWORD).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(sandbox.transaction_bridge_session_count(), 1);
    assert_eq!(bridge.get(DETAILS).await.0, StatusCode::OK);
}

/// A token of the sandbox's token endpoint (OAuth client credentials).
async fn bearer_token(sandbox: &sandbox::SandboxHandle) -> String {
    let response = cookie_client()
        .post(sandbox.cloud_integration_token_url())
        .basic_auth(
            sandbox::cloud_integration::DEMO_CLIENT_ID,
            Some(sandbox::cloud_integration::DEMO_CLIENT_SECRET),
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn login_takes_a_bearer_token_of_the_sandbox_token_endpoint() {
    let sandbox = start().await;
    let token = bearer_token(&sandbox).await;
    let bridge = App::new(&sandbox, USER_ADMIN_APP);
    let response = bridge
        .raw(bridge.client.post(bridge.url("Login")).bearer_auth(&token))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    // The metadata too; later calls need only the cookie.
    let response = bridge
        .raw(
            bridge
                .client
                .get(bridge.url("$metadata"))
                .bearer_auth(&token),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(bridge.get(DETAILS).await.0, StatusCode::OK);

    // Unknown and expired tokens: 401 with the bearer challenge, no session.
    let stranger = App::new(&sandbox, USER_ADMIN_APP);
    for request in [
        stranger
            .client
            .post(stranger.url("Login"))
            .bearer_auth("not-a-token"),
        stranger
            .client
            .post(stranger.url("Login"))
            .bearer_auth(&token)
            .header(FAULT_HEADER, "token-expired"),
    ] {
        let response = stranger.raw(request).await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert!(response.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .contains("invalid_token"));
    }
    assert_eq!(
        stranger.get(DETAILS).await.0,
        StatusCode::INTERNAL_SERVER_ERROR
    );
}
