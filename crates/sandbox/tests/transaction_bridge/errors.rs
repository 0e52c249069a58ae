//! The error answers: 404s, malformed requests, and the internal codes reachable without an
//! app's business data (login, faults).

use reqwest::StatusCode;
use sandbox::transaction_bridge::{ErrorCode, USER_ADMIN_APP};
use sandbox::{DEFAULT_PASSWORD, DEFAULT_USER, FAULT_HEADER};
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn unknown_apps_and_sequences_are_404() {
    let sandbox = start().await;
    let nowhere = App::new(&sandbox, "krHeea");
    let (status, body) = nowhere.login_as(DEFAULT_USER, DEFAULT_PASSWORD).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["ErrorMessage"], "Application not found");
    assert_eq!(
        body["error"]["Target"],
        "/mtb-bridge/odata/app/krHeea/Login"
    );

    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    for (status, body) in [
        bridge
            .post("DeleteUser", json!({"UserName": "JSMITH"}))
            .await,
        bridge.get("DeleteUser(UserName='JSMITH')").await,
    ] {
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(body["error"]["ErrorMessage"], "Sequence does not exist");
    }
}

#[tokio::test]
async fn login_with_a_wrong_password_is_login_failed_and_without_credentials_401() {
    let sandbox = start().await;
    let bridge = App::new(&sandbox, USER_ADMIN_APP);
    let (status, body) = bridge.login_as(DEFAULT_USER, "wrong").await;
    let error = assert_internal(status, &body, 500);
    assert_eq!(
        error["ErrorState"]["StatusBarMessage"],
        "Name or password is incorrect (repeat logon)"
    );
    assert_eq!(error["ErrorState"]["StatusBarMessageType"], "E");
    assert_eq!(sandbox.transaction_bridge_session_count(), 0);

    let response = bridge.raw(bridge.client.post(bridge.url("Login"))).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.headers().contains_key("www-authenticate"));
}

#[tokio::test]
async fn methods_that_do_not_fit_the_operation_are_refused() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    let (status, _) = bridge.get("Login").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    let (status, _) = bridge.get("LockUser(UserName='JSMITH')").await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    let (status, _) = bridge
        .post("GetUserDetails", json!({"UserName": "JSMITH"}))
        .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    // A function is called with parentheses, an action without.
    let (status, body) = bridge.get("GetUserDetails").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    for action in ["Home()", "LockUser(UserName='JSMITH')"] {
        let (status, body) = bridge.post(action, json!({})).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{action}: {body}");
    }
}

#[tokio::test]
async fn the_fault_header_reaches_restgui_call_failed_and_unknown_error() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    for code in [ErrorCode::RestguiCallFailed, ErrorCode::UnknownError] {
        let response = bridge
            .raw(
                bridge
                    .client
                    .post(bridge.url("LockUser"))
                    .json(&json!({"UserName": "JSMITH"}))
                    .header(FAULT_HEADER, format!("bridge-error={}", code.code())),
            )
            .await;
        let (status, body) = parse(response).await;
        assert_internal(status, &body, u64::from(code.code()));
    }
    // Nothing was locked by the failed calls.
    let (_, body) = bridge.get("GetUserDetails(UserName='JSMITH')").await;
    assert_eq!(body["Output"]["LockStatus"], "Not locked");
}

#[tokio::test]
async fn injected_server_errors_are_html_pages_as_on_the_other_services() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    let response = bridge
        .raw(
            bridge
                .client
                .get(bridge.url("GetUserDetails(UserName='JSMITH')"))
                .header(FAULT_HEADER, "server-error=503"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let response = bridge
        .raw(
            bridge
                .client
                .get(bridge.url("GetUserDetails(UserName='JSMITH')"))
                .header(FAULT_HEADER, "invalid-json"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let text = response.text().await.unwrap();
    assert!(
        serde_json::from_str::<serde_json::Value>(&text).is_err(),
        "{text}"
    );
    let reset = bridge
        .client
        .get(bridge.url("GetUserDetails(UserName='JSMITH')"))
        .header(FAULT_HEADER, "connection-reset")
        .send()
        .await;
    assert!(
        reset.is_err(),
        "the connection is dropped without an answer"
    );
    // The session survives all three.
    assert_eq!(
        bridge.get("GetUserDetails(UserName='JSMITH')").await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_server_wide_bridge_fault_fails_every_nth_request() {
    let sandbox = start().await;
    sandbox.faults().set(sandbox::FaultConfig {
        bridge_error_every: Some(3),
        bridge_error_code: Some(ErrorCode::UnknownError.code()),
        ..sandbox::FaultConfig::default()
    });
    // Request 1 is the Login, 3 and 6 fail.
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    let mut codes = Vec::new();
    for _ in 0..5 {
        let (status, body) = bridge.get("GetUserDetails(UserName='JSMITH')").await;
        codes.push(if status.is_success() {
            0
        } else {
            error_code(&body)
        });
    }
    assert_eq!(codes, [0, 999, 0, 0, 999]);
    // Over HTTP a code the bridge does not have is refused.
    let response = cookie_client()
        .post(format!("{}sandbox/faults", sandbox.base_url()))
        .bearer_auth(sandbox.fault_token().unwrap())
        .json(&json!({"bridge_error_every": 2, "bridge_error_code": 123}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}
