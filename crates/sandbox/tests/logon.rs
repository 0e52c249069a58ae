//! Logon, sessions, CSRF and routing, over real HTTP.

mod support;

use reqwest::StatusCode;
use sandbox::{Dialect, SandboxConfig};
use support::*;

#[tokio::test]
async fn missing_or_wrong_credentials_get_401_with_the_sap_realm() {
    let sandbox = start(Dialect::AsImplemented).await;
    let client = plain_client();
    let url = format!("{}health", sandbox.agent_url());

    let anonymous = client.get(&url).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        anonymous.headers()["www-authenticate"],
        "Basic realm=\"SAP NetWeaver Application Server [DEV/100]\""
    );
    assert!(anonymous.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(anonymous.text().await.unwrap().contains("<html>"));

    let wrong = client
        .get(&url)
        .basic_auth(USER, Some("wrong"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(wrong
        .text()
        .await
        .unwrap()
        .contains("Name or password is incorrect"));

    let right = client
        .get(&url)
        .basic_auth("developer", Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(
        right.status(),
        StatusCode::OK,
        "user names are case-insensitive"
    );
}

#[tokio::test]
async fn unknown_client_is_refused_by_header_and_by_query_parameter() {
    let sandbox = start(Dialect::AsImplemented).await;
    let client = plain_client();
    let url = format!("{}health", sandbox.agent_url());
    let by_header = client
        .get(&url)
        .basic_auth(USER, Some(PASSWORD))
        .header("sap-client", "999")
        .send()
        .await
        .unwrap();
    assert_eq!(by_header.status(), StatusCode::UNAUTHORIZED);
    assert!(by_header
        .text()
        .await
        .unwrap()
        .contains("Client 999 is not available"));

    let by_query = client
        .get(format!("{url}?sap-client=999"))
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(by_query.status(), StatusCode::UNAUTHORIZED);

    let known = client
        .get(format!("{url}?sap-client=100"))
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(known.status(), StatusCode::OK);
}

#[tokio::test]
async fn first_contact_sets_session_cookies_and_the_cookie_alone_logs_on_later() {
    let sandbox = start(Dialect::AsImplemented).await;
    let client = cookie_client();
    let url = format!("{}health", sandbox.agent_url());
    let first = client
        .get(&url)
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    let cookies: Vec<String> = first
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    assert!(cookies
        .iter()
        .any(|c| c.starts_with("SAP_SESSIONID_DEV_100=")));
    assert!(cookies
        .iter()
        .any(|c| c.starts_with("sap-usercontext=sap-client=100")));

    // No Authorization header: the session cookie is enough, and no new session starts.
    let second = client.get(&url).send().await.unwrap();
    assert_eq!(second.status(), StatusCode::OK);
    assert!(second.headers().get("set-cookie").is_none());
    assert_eq!(sandbox.session_count(), 1);
}

#[tokio::test]
async fn csrf_token_is_fetched_required_and_bound_to_the_session() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    assert!(!agent.token.is_empty());

    // Missing token.
    let missing = agent
        .client
        .post(agent.url("status"))
        .basic_auth(USER, Some(PASSWORD))
        .body(r#"{"url":"https://example.org/x.git"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::FORBIDDEN);
    assert_eq!(missing.headers()["x-csrf-token"], "Required");
    assert_eq!(
        missing.text().await.unwrap(),
        "CSRF token validation failed"
    );

    // Wrong token.
    let wrong = agent
        .client
        .post(agent.url("status"))
        .basic_auth(USER, Some(PASSWORD))
        .header("x-csrf-token", "not-the-token")
        .body(r#"{"url":"https://example.org/x.git"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);

    // Right token in the right session.
    let (status, _) = agent
        .post(
            "status",
            serde_json::json!({"url": "https://example.org/x.git"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    // The same token without the session cookie: Basic auth starts a new session, whose token differs.
    let other = plain_client()
        .post(agent.url("status"))
        .basic_auth(USER, Some(PASSWORD))
        .header("x-csrf-token", &agent.token)
        .body(r#"{"url":"https://example.org/x.git"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::FORBIDDEN);
    assert_eq!(other.headers()["x-csrf-token"], "Required");

    // A second session's token is different and does not work in the first session.
    let second = Agent::logon(&sandbox).await;
    assert_ne!(second.token, agent.token);
}

#[tokio::test]
async fn fetching_again_in_a_session_returns_the_same_token() {
    let sandbox = start(Dialect::Documented).await;
    let agent = Agent::logon(&sandbox).await;
    let again = fetch_token(&agent.client, &agent.url("health")).await;
    assert_eq!(again, agent.token);
}

#[tokio::test]
async fn routing_follows_the_last_segment_rules() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    for path in ["nope", "", "extra/health", "health/"] {
        let response = agent.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "path {path:?}");
        assert!(response.text().await.unwrap().contains("<title>404"));
    }
    // The segment is case-insensitive (it is uppercased into a class name).
    assert_eq!(agent.get("HEALTH").await.status(), StatusCode::OK);

    let post_health = agent.post_raw("health", "{}").await;
    assert_eq!(post_health.status(), StatusCode::METHOD_NOT_ALLOWED);
    let put = agent
        .client
        .put(agent.url("pull"))
        .basic_auth(USER, Some(PASSWORD))
        .header("x-csrf-token", &agent.token)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), StatusCode::METHOD_NOT_ALLOWED);

    let elsewhere = plain_client()
        .get(format!("{}sap/bc/other", sandbox.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn focused_build_sits_behind_the_same_logon() {
    let sandbox = start(Dialect::AsImplemented).await;
    let url = sandbox.focused_build_url();
    let anonymous = plain_client().get(&url).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    let client = cookie_client();
    let fetched = client
        .get(&url)
        .basic_auth(USER, Some(PASSWORD))
        .header("x-csrf-token", "Fetch")
        .send()
        .await
        .unwrap();
    assert_eq!(
        fetched.status(),
        StatusCode::OK,
        "service document at the base URL"
    );
    assert!(fetched.headers().get("x-csrf-token").is_some());

    let post_without_token = client
        .post(format!("{url}WorkItemSet"))
        .basic_auth(USER, Some(PASSWORD))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(post_without_token.status(), StatusCode::FORBIDDEN);
    assert_eq!(post_without_token.headers()["x-csrf-token"], "Required");
}

#[tokio::test]
async fn configured_users_and_clients_are_honoured() {
    let sandbox = start_with(SandboxConfig {
        sid: "QAS".into(),
        clients: vec!["200".into(), "300".into()],
        users: vec![("TESTER".into(), "s3cret".into())],
        ..SandboxConfig::default()
    })
    .await;
    let client = plain_client();
    let url = format!("{}health", sandbox.agent_url());
    let ok = client
        .get(&url)
        .basic_auth("TESTER", Some("s3cret"))
        .header("sap-client", "300")
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), StatusCode::OK);
    assert!(ok
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("SAP_SESSIONID_QAS_300=")));
    let refused = client
        .get(&url)
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        refused.headers()["www-authenticate"],
        "Basic realm=\"SAP NetWeaver Application Server [QAS/200]\""
    );
}

#[tokio::test]
async fn shutdown_stops_the_listener() {
    let sandbox = start(Dialect::AsImplemented).await;
    let url = format!("{}health", sandbox.agent_url());
    sandbox.shutdown().await;
    let after = plain_client().get(&url).send().await;
    assert!(after.is_err(), "connection refused after shutdown");
}
