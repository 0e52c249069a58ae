//! The client against the sandbox's simulated bridge over loopback: metadata, literals, the
//! session (implicit Login, cookie, Logout, Home), every error code and the rule that a call
//! that may have changed data is never repeated on its own.

mod support;

use std::sync::Arc;
use std::time::Duration;

use sandbox::FaultConfig;
use sap_http::{SapError, SapRequest};
use serde_json::json;
use support::{app, app_with_log, calls_of, inputs, sandbox, session};
use support::{MATERIAL_APP, SALES_ORDER_APP, USER_ADMIN_APP};
use transaction_bridge::{
    read_answer, BridgeApp, BridgeError, CallLog, FailureReason, MessageType, OperationKind, Remedy,
};

fn failure(error: BridgeError) -> transaction_bridge::BridgeFailure {
    match error {
        BridgeError::Bridge(failure) => *failure,
        BridgeError::Sap(error) => panic!("expected a bridge failure, got {error:?}"),
    }
}

#[tokio::test]
async fn every_app_s_metadata_becomes_runnable_operations() {
    let sandbox = sandbox().await;
    for app_id in [USER_ADMIN_APP, MATERIAL_APP, SALES_ORDER_APP] {
        let metadata = app(&sandbox, app_id).metadata().await.expect(app_id);
        assert!(
            metadata.operations.iter().all(|op| op.problem.is_none()),
            "{app_id}: {:?}",
            metadata.operations
        );
        for generic in ["Login", "Logout", "Home"] {
            assert!(
                metadata.operation(generic).unwrap().generic,
                "{app_id} {generic}"
            );
        }
    }
    let su01 = app(&sandbox, USER_ADMIN_APP).metadata().await.unwrap();
    let details = su01.operation("GetUserDetails").unwrap();
    assert_eq!(details.kind, OperationKind::Function);
    assert!(details.parameter("UserName").unwrap().required);
    let roles = details.output.iter().find(|f| f.name == "Roles").unwrap();
    assert!(roles.collection && roles.fields.iter().any(|f| f.name == "Role"));
    assert_eq!(
        su01.operation("LockUser").unwrap().kind,
        OperationKind::Action
    );
}

#[tokio::test]
async fn a_warm_session_needs_one_request_per_operation_and_the_log_holds_no_secret() {
    let sandbox = sandbox().await;
    let log = Arc::new(CallLog::default());
    let su01 = app_with_log(&sandbox, USER_ADMIN_APP, log.clone());
    let first = su01
        .run("FindUsers", &inputs(&[("Department", "Sales")]))
        .await
        .expect("first call logs on");
    assert!(su01.is_logged_on());
    let users = first.output["Users"].as_array().unwrap();
    assert!(users.iter().any(|u| u["UserName"] == "JSMITH"), "{users:?}");
    assert_eq!(
        first.state.status_bar.as_ref().unwrap().message_type,
        MessageType::Success
    );
    assert!(first
        .state
        .subsequent_actions
        .contains(&"GetUserDetails".to_owned()));

    let warm = su01
        .run("GetUserDetails", &inputs(&[("UserName", "JSMITH")]))
        .await
        .unwrap();
    assert_eq!(warm.requests, 1, "a warm call is one request");
    assert_eq!(warm.output["LastName"], "Smith");
    assert_eq!(
        calls_of(&log, "$metadata"),
        1,
        "metadata read once per session"
    );
    assert_eq!(calls_of(&log, "Login"), 1);

    let text = serde_json::to_string(&log.entries()).unwrap();
    for secret in [
        "mtbsession",
        sandbox::DEFAULT_PASSWORD,
        "Authorization",
        "Basic ",
    ] {
        assert!(!text.contains(secret), "{secret} in the call log");
    }
}

#[tokio::test]
async fn quotes_and_separators_in_a_literal_reach_the_bridge_intact() {
    let sandbox = sandbox().await;
    let su01 = app(&sandbox, USER_ADMIN_APP);
    // Unescaped, each of these would end the literal or the path: the bridge answers 400.
    for name in ["O'Brien", "a,b)", "x/y?z#", "100%", "Müller & Co"] {
        let result = su01
            .run("FindUsers", &inputs(&[("LastName", name)]))
            .await
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(result.output["Users"], json!([]), "{name}");
        assert_eq!(
            result.state.status_bar.unwrap().message_type,
            MessageType::Information
        );
    }
    let umlaut = su01
        .run("FindUsers", &inputs(&[("LastName", "Müller")]))
        .await
        .unwrap();
    assert_eq!(umlaut.output["Users"][0]["UserName"], "MMUELLER");
}

#[tokio::test]
async fn logout_ends_the_bridge_session_and_the_next_call_logs_on_again() {
    let sandbox = sandbox().await;
    let log = Arc::new(CallLog::default());
    let su01 = app_with_log(&sandbox, USER_ADMIN_APP, log.clone());
    su01.log_on_now().await.unwrap();
    assert_eq!(sandbox.transaction_bridge_session_count(), 1);
    su01.logout().await.unwrap();
    assert!(!su01.is_logged_on());
    assert_eq!(sandbox.transaction_bridge_session_count(), 0);
    su01.logout().await.unwrap();
    assert_eq!(
        calls_of(&log, "Logout"),
        1,
        "nothing to log out the second time"
    );
    su01.run("FindUsers", &inputs(&[])).await.unwrap();
    assert_eq!(calls_of(&log, "Login"), 2);
}

#[tokio::test]
async fn an_unknown_app_and_a_wrong_password_are_named() {
    let sandbox = sandbox().await;
    let nope = app(&sandbox, "nope");
    let error = failure(nope.metadata().await.unwrap_err());
    assert_eq!(error.reason, FailureReason::ApplicationNotFound);
    assert_eq!(error.http_status, Some(404));

    let wrong = BridgeApp::new(
        session(&sandbox, USER_ADMIN_APP, "wrong password"),
        Arc::default(),
    )
    .unwrap();
    match wrong.run("FindUsers", &inputs(&[])).await.unwrap_err() {
        BridgeError::Bridge(failure) => {
            assert_eq!(failure.reason, FailureReason::LoginFailed);
            assert_eq!(failure.error_code, Some(500));
            assert_eq!(failure.remedy, Remedy::ContactAdministrator);
        }
        // The sandbox may refuse the password at the HTTP level instead.
        BridgeError::Sap(sap_http::SapError::Authentication { .. }) => {}
        other => panic!("unexpected {other:?}"),
    }
    assert!(!wrong.is_logged_on());
}

#[tokio::test]
async fn a_wrong_screen_is_invalid_screen_state_and_home_is_the_way_out() {
    let sandbox = sandbox().await;
    let va01 = app(&sandbox, SALES_ORDER_APP);
    let item = inputs(&[("Material", "CP-100"), ("Quantity", "2")]);
    let error = failure(va01.run("AddItem", &item).await.unwrap_err());
    assert_eq!(error.reason, FailureReason::InvalidScreenState);
    assert_eq!(error.error_code, Some(100));
    assert_eq!(error.remedy, Remedy::GoHomeAndRetry);
    assert!(
        error.state.is_some(),
        "State read from the error answer too"
    );

    va01.home().await.expect("Home");
    let start = inputs(&[
        ("OrderType", "OR"),
        ("SalesOrganization", "1710"),
        ("DistributionChannel", "10"),
        ("Division", "00"),
        ("SoldToParty", "17100001"),
    ]);
    let started = va01.run("StartOrder", &start).await.expect("StartOrder");
    assert!(started
        .state
        .subsequent_actions
        .contains(&"AddItem".to_owned()));
    let added = va01
        .run("AddItem", &item)
        .await
        .expect("AddItem after StartOrder");
    assert_eq!(added.output["Items"].as_array().unwrap().len(), 1);
    let saved = va01
        .run("SaveOrder", &inputs(&[]))
        .await
        .expect("SaveOrder");
    assert!(saved
        .state
        .status_bar
        .unwrap()
        .text
        .contains("has been saved"));
}

#[tokio::test]
async fn a_failed_batch_step_and_an_invalid_output_are_reported_with_their_details() {
    let sandbox = sandbox().await;
    let su01 = app(&sandbox, USER_ADMIN_APP);
    let error = failure(
        su01.run("GetUserDetails", &inputs(&[("UserName", "NOBODY")]))
            .await
            .unwrap_err(),
    );
    assert_eq!(error.reason, FailureReason::BatchExecutionFailed);
    assert!(!error.steps.is_empty(), "{error:?}");
    assert!(
        error
            .steps
            .iter()
            .any(|s| s.status.contains("Control not found")),
        "{:?}",
        error.steps
    );
    let status_bar = error.state.unwrap().status_bar.unwrap();
    assert!(status_bar.text.contains("NOBODY"), "{status_bar:?}");

    let mm03 = app(&sandbox, MATERIAL_APP);
    let error = failure(
        mm03.run(
            "DisplayMaterial",
            &inputs(&[("Material", "LEG-9000"), ("WithStock", "false")]),
        )
        .await
        .unwrap_err(),
    );
    assert_eq!(error.reason, FailureReason::InvalidOutput);
    assert_eq!(error.error_code, Some(600));
}

#[tokio::test]
async fn input_errors_are_refused_before_sending_or_named_per_field_by_the_bridge() {
    let sandbox = sandbox().await;
    let log = Arc::new(CallLog::default());
    let mm03 = app_with_log(&sandbox, MATERIAL_APP, log.clone());
    let error = failure(
        mm03.run(
            "FindMaterials",
            &inputs(&[("MaxHits", "ten"), ("Plant", "TOOLONG")]),
        )
        .await
        .unwrap_err(),
    );
    assert_eq!(error.reason, FailureReason::InvalidInput);
    assert!(!error.sent);
    let fields: Vec<&str> = error.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["Plant", "MaxHits"]);
    assert_eq!(calls_of(&log, "FindMaterials"), 0, "nothing was sent");

    // The bridge's own check, reached directly: one detail per field.
    let session = session(&sandbox, MATERIAL_APP, sandbox::DEFAULT_PASSWORD);
    let login = session
        .send(SapRequest::post_json("Login", &json!({})).unwrap())
        .await
        .unwrap();
    assert!(login.is_success());
    let response = session
        .send(SapRequest::get("FindMaterials(MaxHits='ten')"))
        .await
        .unwrap();
    let error = failure(read_answer("FindMaterials", &["MaxHits".into()], &response).unwrap_err());
    assert_eq!(error.reason, FailureReason::InvalidInput);
    assert_eq!(error.error_code, Some(300));
    assert_eq!(error.fields[0].field, "MaxHits");
}

#[tokio::test]
async fn injected_bridge_errors_400_and_999_have_their_reasons() {
    let sandbox = sandbox().await;
    let session = session(&sandbox, USER_ADMIN_APP, sandbox::DEFAULT_PASSWORD);
    session
        .send(SapRequest::post_json("Login", &json!({})).unwrap())
        .await
        .unwrap();
    for (code, reason) in [
        ("400", FailureReason::RestguiCallFailed),
        ("999", FailureReason::UnknownError),
    ] {
        let response = session
            .send(
                SapRequest::get("FindUsers()")
                    .header("x-sandbox-fault", &format!("bridge-error={code}")),
            )
            .await
            .unwrap();
        let error = failure(read_answer("FindUsers", &[], &response).unwrap_err());
        assert_eq!(error.reason, reason, "{code}");
    }
}

#[tokio::test]
async fn two_callers_on_one_bridge_session_get_restgui_call_failed() {
    let sandbox = sandbox().await;
    // Two clients sharing one session's cookies, as two windows on one bridge session would.
    let shared = session(&sandbox, USER_ADMIN_APP, sandbox::DEFAULT_PASSWORD);
    let first = BridgeApp::new(shared.clone(), Arc::default()).unwrap();
    let second = BridgeApp::new(shared, Arc::default()).unwrap();
    first.log_on_now().await.unwrap();
    second.metadata().await.unwrap();
    sandbox.faults().set(FaultConfig {
        latency_ms: 300,
        ..FaultConfig::default()
    });
    // `second` thinks it has no session: it logs on (new cookie for both), then calls.
    second.log_on_now().await.unwrap();
    let none = inputs(&[]);
    let (a, b) = tokio::join!(
        first.run("FindUsers", &none),
        second.run("FindUsers", &none)
    );
    let refused = [a, b]
        .into_iter()
        .filter_map(|r| r.err())
        .map(failure)
        .collect::<Vec<_>>();
    assert_eq!(refused.len(), 1, "one of the two is refused");
    assert_eq!(refused[0].reason, FailureReason::RestguiCallFailed);
}

#[tokio::test]
async fn an_expired_session_repeats_a_read_but_never_an_action() {
    let sandbox = sandbox().await;
    let log = Arc::new(CallLog::default());
    let su01 = app_with_log(&sandbox, USER_ADMIN_APP, log.clone());
    su01.run("FindUsers", &inputs(&[])).await.unwrap();

    // The idle time passes: the function is sent again on a new session.
    sandbox.advance_clock(Duration::from_secs(31 * 60));
    let read = su01
        .run("GetUserDetails", &inputs(&[("UserName", "AWILSON")]))
        .await
        .expect("a read is repeated after logging on again");
    assert!(read.repeated_after_logon);
    assert_eq!(calls_of(&log, "Login"), 2);

    // The same for an action: reported, not repeated, and nothing changed.
    sandbox.advance_clock(Duration::from_secs(31 * 60));
    let error = failure(
        su01.run("LockUser", &inputs(&[("UserName", "AWILSON")]))
            .await
            .unwrap_err(),
    );
    assert_eq!(error.reason, FailureReason::SessionInvalid);
    assert_eq!(error.remedy, Remedy::LogOnAgain);
    assert_eq!(calls_of(&log, "LockUser"), 1, "sent once, not repeated");
    assert!(!su01.is_logged_on());
    let details = su01
        .run("GetUserDetails", &inputs(&[("UserName", "AWILSON")]))
        .await
        .unwrap();
    assert_eq!(
        details.output["LockStatus"], "Not locked",
        "the action did not run"
    );
}

#[tokio::test]
async fn a_connection_lost_after_an_action_was_sent_is_outcome_unknown_and_not_repeated() {
    let sandbox = sandbox().await;
    let log = Arc::new(CallLog::default());
    let su01 = app_with_log(&sandbox, USER_ADMIN_APP, log.clone());
    su01.run("FindUsers", &inputs(&[])).await.unwrap();
    sandbox.faults().set(FaultConfig {
        connection_reset_every: Some(1),
        ..FaultConfig::default()
    });
    let error = failure(
        su01.run("LockUser", &inputs(&[("UserName", "SJOHNSON")]))
            .await
            .unwrap_err(),
    );
    assert_eq!(error.reason, FailureReason::OutcomeUnknown);
    assert_eq!(error.remedy, Remedy::CheckInSystem);
    assert!(error.sent);
    assert_eq!(calls_of(&log, "LockUser"), 1);
    sandbox.faults().set(FaultConfig::default());

    // A read lost the same way is simply an error the user may repeat.
    sandbox.faults().set(FaultConfig {
        connection_reset_every: Some(1),
        ..FaultConfig::default()
    });
    let lost_read = su01
        .run("GetUserDetails", &inputs(&[("UserName", "SJOHNSON")]))
        .await
        .unwrap_err();
    assert!(matches!(lost_read, BridgeError::Sap(_)), "{lost_read:?}");
}

/// Runs `operation` for SJOHNSON and presses the user's Cancel once the call is on its way
/// (the sandbox answers slowly); the call's error.
async fn run_then_cancel(app: &Arc<BridgeApp>, operation: &'static str) -> BridgeError {
    let running = {
        let app = app.clone();
        tokio::spawn(async move {
            app.run(operation, &inputs(&[("UserName", "SJOHNSON")]))
                .await
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.session().cancel_in_flight();
    running.await.unwrap().unwrap_err()
}

#[tokio::test]
async fn an_action_the_user_cancels_after_sending_is_outcome_unknown_and_not_repeated() {
    let sandbox = sandbox().await;
    let log = Arc::new(CallLog::default());
    let su01 = Arc::new(app_with_log(&sandbox, USER_ADMIN_APP, log.clone()));
    su01.run("FindUsers", &inputs(&[])).await.unwrap();
    sandbox.faults().set(FaultConfig {
        latency_ms: 2_000,
        ..FaultConfig::default()
    });
    let error = failure(run_then_cancel(&su01, "LockUser").await);
    assert_eq!(error.reason, FailureReason::OutcomeUnknown);
    assert_eq!(error.remedy, Remedy::CheckInSystem);
    assert!(error.sent);
    assert!(
        error.message.contains("You cancelled LockUser"),
        "{}",
        error.message
    );
    assert_eq!(calls_of(&log, "LockUser"), 1, "sent once, not repeated");
    assert!(
        !su01.is_logged_on(),
        "the next call starts a fresh bridge session"
    );

    // A read cancelled the same way is just cancelled: the user may run it again.
    let cancelled = run_then_cancel(&su01, "GetUserDetails").await;
    assert!(
        matches!(cancelled, BridgeError::Sap(SapError::Cancelled)),
        "{cancelled:?}"
    );
}
