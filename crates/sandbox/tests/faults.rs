//! Every fault kind, configured per server (handle and HTTP control) and per request (header).

mod support;

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use sandbox::{
    Dialect, Expiry, FaultConfig, FaultControlAccess, SandboxConfig, SessionExpiry,
    SessionExpiryMode, SlowResponse, FAULT_HEADER,
};
use serde_json::json;
use support::*;

#[tokio::test]
async fn latency_delays_every_request() {
    let sandbox = start_with_faults(
        Dialect::AsImplemented,
        FaultConfig {
            latency_ms: 150,
            ..FaultConfig::default()
        },
    )
    .await;
    let agent_client = plain_client();
    let started = Instant::now();
    let response = agent_client
        .get(format!("{}health", sandbox.agent_url()))
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(150));

    // Per request, added on top.
    sandbox.faults().clear();
    let started = Instant::now();
    agent_client
        .get(format!("{}health", sandbox.agent_url()))
        .basic_auth(USER, Some(PASSWORD))
        .header(FAULT_HEADER, "latency=120")
        .send()
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(120));
}

#[tokio::test]
async fn slow_response_is_answered_after_the_work_is_done() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    // The client gives up before the answer; the server still creates the transport.
    let timed_out = agent
        .client
        .post(agent.url("transport"))
        .basic_auth(USER, Some(PASSWORD))
        .header("x-csrf-token", &agent.token)
        .header(FAULT_HEADER, "slow=1500")
        .timeout(Duration::from_millis(300))
        .body(r#"{"action":"CREATE","description":"made while the client waited"}"#)
        .send()
        .await;
    assert!(timed_out.unwrap_err().is_timeout());
    // The work ran before the delay: the transport is listed (polled, at most 10 s).
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let (_, listed) = agent
            .post("transport", json!({"action": "LIST", "scope": "mine"}))
            .await;
        let made = listed["transports"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["description"] == "made while the client waited");
        if made {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the transport was never created"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Server-wide: every 2nd request is slow.
    sandbox.faults().set(FaultConfig {
        slow_response: Some(SlowResponse {
            every: 2,
            delay_ms: 800,
        }),
        ..FaultConfig::default()
    });
    let mut elapsed = Vec::new();
    for _ in 0..2 {
        let started = Instant::now();
        agent.get("health").await;
        elapsed.push(started.elapsed());
    }
    assert!(elapsed[0] < Duration::from_millis(800));
    assert!(elapsed[1] >= Duration::from_millis(800));
}

#[tokio::test]
async fn server_errors_are_icf_html_pages() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let response = agent
        .client
        .get(agent.url("health"))
        .header(FAULT_HEADER, "server-error")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("<title>500 Internal Server Error</title>"));

    let unavailable = agent
        .client
        .get(agent.url("health"))
        .header(FAULT_HEADER, "server-error=503")
        .send()
        .await
        .unwrap();
    assert_eq!(unavailable.status(), StatusCode::SERVICE_UNAVAILABLE);

    sandbox.faults().set(FaultConfig {
        server_error_every: Some(3),
        ..FaultConfig::default()
    });
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(agent.get("health").await.status().as_u16());
    }
    assert_eq!(statuses, [200, 200, 500, 200, 200, 500]);
}

#[tokio::test]
async fn connection_reset_drops_the_connection_without_an_answer() {
    let sandbox = start(Dialect::AsImplemented).await;
    let client = plain_client();
    let url = format!("{}health", sandbox.agent_url());
    let dropped = client
        .get(&url)
        .basic_auth(USER, Some(PASSWORD))
        .header(FAULT_HEADER, "connection-reset")
        .send()
        .await;
    let error = dropped.expect_err("no response");
    assert!(!error.is_timeout());
    assert!(error.status().is_none());

    // The server keeps serving afterwards.
    let next = client
        .get(&url)
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(next.status(), StatusCode::OK);

    sandbox.faults().set(FaultConfig {
        connection_reset_every: Some(2),
        ..FaultConfig::default()
    });
    let first = client
        .get(&url)
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await;
    let second = client
        .get(&url)
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await;
    assert!(first.is_ok());
    assert!(second.is_err());
}

#[tokio::test]
async fn invalid_json_error_bodies_do_not_parse() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let response = agent
        .client
        .post(agent.url("pull"))
        .basic_auth(USER, Some(PASSWORD))
        .header("x-csrf-token", &agent.token)
        .header(FAULT_HEADER, "invalid-json")
        .body(r#"{"url":"https://example.org/x.git"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let text = response.text().await.unwrap();
    assert!(text.starts_with(r#"{"success":false,"command":"Pull","error":"#));
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_err());

    // On the OData service the broken body is a Gateway error.
    let odata = agent
        .client
        .get(format!("{}WorkItemSet", sandbox.focused_build_url()))
        .basic_auth(USER, Some(PASSWORD))
        .header(FAULT_HEADER, "invalid-json")
        .send()
        .await
        .unwrap();
    assert_eq!(odata.status(), StatusCode::BAD_REQUEST);
    let text = odata.text().await.unwrap();
    assert!(text.starts_with(r#"{"error":{"code":"#));
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_err());
}

#[tokio::test]
async fn logon_page_answers_200_html() {
    let sandbox = start_with_faults(
        Dialect::AsImplemented,
        FaultConfig {
            logon_page_every: Some(2),
            ..FaultConfig::default()
        },
    )
    .await;
    let client = cookie_client();
    let url = format!("{}health", sandbox.agent_url());
    let first = client
        .get(&url)
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(first.headers()["content-type"], "application/json");
    let second = client
        .get(&url)
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), StatusCode::OK);
    assert!(second.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(second
        .text()
        .await
        .unwrap()
        .contains("<title>Logon</title>"));
}

#[tokio::test]
async fn csrf_token_expires_after_n_requests() {
    let sandbox = start_with_faults(
        Dialect::AsImplemented,
        FaultConfig {
            csrf_expiry: Some(Expiry {
                after_requests: Some(2),
                after_seconds: None,
            }),
            ..FaultConfig::default()
        },
    )
    .await;
    let mut agent = Agent::logon(&sandbox).await;
    let body = json!({"url": "https://example.org/x.git"});
    assert_eq!(agent.post("status", body.clone()).await.0, StatusCode::OK);
    assert_eq!(agent.post("status", body.clone()).await.0, StatusCode::OK);
    let stale = agent.post_raw("status", body.to_string()).await;
    assert_eq!(stale.status(), StatusCode::FORBIDDEN);
    assert_eq!(stale.headers()["x-csrf-token"], "Required");

    // Refetch: a new token that works again.
    let fresh = fetch_token(&agent.client, &agent.url("health")).await;
    assert_ne!(fresh, agent.token);
    agent.token = fresh;
    assert_eq!(agent.post("status", body).await.0, StatusCode::OK);
}

#[tokio::test]
async fn csrf_token_expires_after_some_seconds_and_by_header() {
    let sandbox = start_with_faults(
        Dialect::AsImplemented,
        FaultConfig {
            csrf_expiry: Some(Expiry {
                after_requests: None,
                after_seconds: Some(1.0),
            }),
            ..FaultConfig::default()
        },
    )
    .await;
    let agent = Agent::logon(&sandbox).await;
    let body = json!({"url": "https://example.org/x.git"});
    assert_eq!(agent.post("status", body.clone()).await.0, StatusCode::OK);
    sandbox.advance_clock(Duration::from_millis(1100));
    assert_eq!(
        agent.post_raw("status", body.to_string()).await.status(),
        StatusCode::FORBIDDEN
    );

    sandbox.faults().clear();
    let agent = Agent::logon(&sandbox).await;
    let expired = agent
        .client
        .post(agent.url("status"))
        .header("x-csrf-token", &agent.token)
        .header(FAULT_HEADER, "csrf-expired")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn expired_session_shows_the_logon_page_once_then_logs_on_afresh() {
    let sandbox = start_with_faults(
        Dialect::AsImplemented,
        FaultConfig {
            session_expiry: Some(SessionExpiry {
                after_requests: Some(2),
                after_seconds: None,
                mode: SessionExpiryMode::LogonPage,
            }),
            ..FaultConfig::default()
        },
    )
    .await;
    let client = cookie_client();
    let url = format!("{}health", sandbox.agent_url());
    for _ in 0..2 {
        let ok = client
            .get(&url)
            .basic_auth(USER, Some(PASSWORD))
            .send()
            .await
            .unwrap();
        assert_eq!(ok.headers()["content-type"], "application/json");
    }
    let logon = client
        .get(&url)
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(logon.status(), StatusCode::OK);
    assert!(logon.text().await.unwrap().contains("<title>Logon</title>"));
    // The stale cookie was cleared; Basic auth starts a new session.
    let again = client
        .get(&url)
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(again.headers()["content-type"], "application/json");
    assert!(again
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("SAP_SESSIONID_DEV_100=")));
}

#[tokio::test]
async fn expired_session_in_fresh_mode_invalidates_the_csrf_token() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let response = agent
        .client
        .post(agent.url("status"))
        .basic_auth(USER, Some(PASSWORD))
        .header("x-csrf-token", &agent.token)
        .header(FAULT_HEADER, "session-expired=fresh-session")
        .body(r#"{"url":"https://example.org/x.git"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    // The 403 carries the cookies of the new session, so the refetch happens in it.
    assert!(response
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("SAP_SESSIONID_DEV_100=")));
    let sessions = sandbox.session_count();
    let fresh = fetch_token(&agent.client, &agent.url("health")).await;
    assert_ne!(fresh, agent.token);
    assert_eq!(sandbox.session_count(), sessions, "no further session");
}

#[tokio::test]
async fn job_polls_can_answer_job_not_found() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let (status, accepted) = agent
        .post("import", json!({"url": "https://example.org/none.git"}))
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let job = accepted["jobNumber"].as_str().unwrap().to_string();

    sandbox.faults().set(FaultConfig {
        job_not_found_every: Some(2),
        ..FaultConfig::default()
    });
    let mut answers = Vec::new();
    for _ in 0..4 {
        let text = agent
            .get(&format!("import?jobNumber={job}"))
            .await
            .text()
            .await
            .unwrap();
        answers.push(text.contains("Job not found"));
    }
    assert_eq!(answers, [false, true, false, true]);

    sandbox.faults().clear();
    let by_header = agent
        .client
        .get(agent.url(&format!("pull?jobNumber={job}")))
        .header(FAULT_HEADER, "job-not-found")
        .send()
        .await
        .unwrap();
    assert_eq!(by_header.status(), StatusCode::BAD_REQUEST);
    assert!(by_header.text().await.unwrap().contains("Job not found"));
}

#[tokio::test]
async fn fault_control_endpoint_reads_and_writes_the_configuration() {
    let sandbox = start(Dialect::AsImplemented).await;
    let token = sandbox
        .fault_token()
        .expect("a token by default")
        .to_owned();
    let client = plain_client();
    let url = format!("{}sandbox/faults", sandbox.base_url());
    let written = client
        .post(&url)
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(r#"{"server_error_every":1,"server_error_status":502}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(written.status(), StatusCode::OK);
    assert_eq!(sandbox.faults().get().server_error_every, Some(1));
    let health = client
        .get(format!("{}health", sandbox.agent_url()))
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::BAD_GATEWAY);

    let read: serde_json::Value = client
        .get(&url)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(read["server_error_status"], 502);

    for invalid in [
        r#"{"explode":true}"#,
        r#"{"latency_ms":18446744073709551615}"#,
        r#"{"slow_response":{"every":1,"delay_ms":600001}}"#,
        r#"{"server_error_every":1,"server_error_status":404}"#,
    ] {
        let refused = client
            .post(&url)
            .bearer_auth(&token)
            .header("content-type", "application/json")
            .body(invalid)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{invalid}");
    }
    assert_eq!(sandbox.faults().get().server_error_status, Some(502));

    let cleared = client
        .delete(&url)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(cleared.status(), StatusCode::OK);
    assert_eq!(sandbox.faults().get(), FaultConfig::default());
}

/// What a web page (or another local program) could send: no token, a form-like content type,
/// a rebound DNS name in `Host`. None of it changes the faults.
#[tokio::test]
async fn fault_control_refuses_requests_without_token_json_or_loopback_host() {
    let sandbox = start(Dialect::AsImplemented).await;
    let token = sandbox.fault_token().unwrap().to_owned();
    let client = plain_client();
    let url = format!("{}sandbox/faults", sandbox.base_url());
    let body = r#"{"server_error_every":1}"#;

    let cross_origin = client
        .post(&url)
        .header("content-type", "text/plain")
        .header("origin", "http://evil.example")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(cross_origin.status(), StatusCode::UNAUTHORIZED);
    let without_token = client
        .post(&url)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(without_token.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        without_token.headers()["www-authenticate"],
        "Bearer realm=\"sandbox fault control\""
    );
    let wrong_token = client
        .post(&url)
        .bearer_auth(format!("{token}x"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_token.status(), StatusCode::UNAUTHORIZED);
    let not_json = client
        .post(&url)
        .bearer_auth(&token)
        .header("content-type", "text/plain")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let rebound = client
        .post(&url)
        .bearer_auth(&token)
        .header("host", format!("evil.example:{}", sandbox.addr().port()))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(rebound.status(), StatusCode::FORBIDDEN);
    let read_without_token = client.get(&url).send().await.unwrap();
    assert_eq!(read_without_token.status(), StatusCode::UNAUTHORIZED);
    let clear_without_token = client.delete(&url).send().await.unwrap();
    assert_eq!(clear_without_token.status(), StatusCode::UNAUTHORIZED);

    assert_eq!(sandbox.faults().get(), FaultConfig::default());
}

#[tokio::test]
async fn open_fault_control_needs_no_token_but_still_json() {
    let sandbox = start_with(SandboxConfig {
        fault_control: FaultControlAccess::Open,
        ..SandboxConfig::default()
    })
    .await;
    assert_eq!(sandbox.fault_token(), None);
    let client = plain_client();
    let url = format!("{}sandbox/faults", sandbox.base_url());
    let form = client
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(r#"{"latency_ms":5}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let json = client
        .post(&url)
        .header("content-type", "application/json; charset=utf-8")
        .body(r#"{"latency_ms":5}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), StatusCode::OK);
    assert_eq!(sandbox.faults().get().latency_ms, 5);
}

#[tokio::test]
async fn a_bad_fault_header_is_a_400_once_logged_on() {
    let sandbox = start(Dialect::AsImplemented).await;
    let url = format!("{}health", sandbox.agent_url());
    let logged_on = plain_client()
        .get(&url)
        .basic_auth(USER, Some(PASSWORD))
        .header(FAULT_HEADER, "explode")
        .send()
        .await
        .unwrap();
    assert_eq!(logged_on.status(), StatusCode::BAD_REQUEST);
    let anonymous = plain_client()
        .get(&url)
        .header(FAULT_HEADER, "explode")
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

/// Faults act on logged-on requests only: an anonymous caller gets the logon's 401 at once,
/// not a delay, an error page or a dropped connection of its choosing.
#[tokio::test]
async fn faults_apply_after_logon() {
    let sandbox = start_with_faults(
        Dialect::AsImplemented,
        FaultConfig {
            server_error_every: Some(1),
            ..FaultConfig::default()
        },
    )
    .await;
    let client = plain_client();
    let url = format!("{}health", sandbox.agent_url());
    for header in [
        "latency=600000",
        "connection-reset",
        "server-error=503",
        "logon-page",
    ] {
        let anonymous = client
            .get(&url)
            .header(FAULT_HEADER, header)
            .timeout(Duration::from_secs(30))
            .send()
            .await
            .unwrap();
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED, "{header}");
    }
    let wrong_password = client
        .get(&url)
        .basic_auth(USER, Some("wrong"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    let logged_on = client
        .get(&url)
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(logged_on.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn request_count_counts_sap_requests_only() {
    let sandbox = start(Dialect::AsImplemented).await;
    let client = plain_client();
    for _ in 0..3 {
        client
            .get(format!("{}health", sandbox.agent_url()))
            .send()
            .await
            .unwrap();
    }
    client
        .get(format!("{}sandbox/faults", sandbox.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(sandbox.request_count(), 3);
}
