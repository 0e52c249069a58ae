//! SU01: find, show, lock and unlock users; literals in function calls; input checks.

use reqwest::StatusCode;
use sandbox::transaction_bridge::USER_ADMIN_APP;
use sandbox::{SandboxConfig, DEFAULT_PASSWORD, DEFAULT_USER};
use serde_json::{json, Value};

use crate::support::*;

fn users(body: &Value) -> Vec<&str> {
    body["Output"]["Users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["UserName"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn user_details_come_typed_with_their_roles() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    let (status, body) = bridge.get("GetUserDetails(UserName='pnguyen')").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let output = &body["Output"];
    assert_eq!(output["UserName"], "PNGUYEN");
    assert_eq!(output["ValidFrom"], "2017-05-02");
    assert_eq!(output["ValidTo"], "2026-06-30");
    assert_eq!(output["LockStatus"], "Locked by administrator");
    assert_eq!(output["LastLogon"], "2026-06-29T16:20:00Z");
    assert_eq!(output["Roles"][0]["Role"], "SAP_BR_WAREHOUSE_CLERK");
    assert_eq!(body["State"]["ErrorCode"], 0);
    assert_eq!(
        body["State"]["SubsequentActions"],
        json!(["LockUser", "UnlockUser"])
    );
    assert_eq!(body["State"]["PrecedingActions"], json!(["FindUsers"]));
    assert_eq!(
        body["@odata.context"],
        "$metadata#com.sap.mobile.mtb.su01users.RESPONSE_GetUserDetails"
    );
    // A user who never logged on and has no end of validity: nulls.
    let (_, body) = bridge.get("GetUserDetails(UserName='SJOHNSON')").await;
    assert_eq!(body["Output"]["LastLogon"], Value::Null);
    assert_eq!(body["Output"]["ValidTo"], Value::Null);
}

#[tokio::test]
async fn locking_changes_the_user_master_for_later_calls() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    let (status, body) = bridge.post("LockUser", json!({"UserName": "jsmith"})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["State"]["StatusBarMessage"], "User JSMITH locked");
    assert_eq!(body["State"]["StatusBarMessageType"], "S");
    assert_eq!(body["Output"]["LockStatus"], "Locked by administrator");

    let (_, body) = bridge.get("GetUserDetails(UserName='JSMITH')").await;
    assert_eq!(body["Output"]["LockStatus"], "Locked by administrator");
    let (_, body) = bridge.get("FindUsers(UserName='J*')").await;
    assert_eq!(body["Output"]["Users"][0]["Locked"], true);

    // Locking a locked user: SAP GUI's warning, nothing changes.
    let (status, body) = bridge.post("LockUser", json!({"UserName": "JSMITH"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body["State"]["StatusBarMessage"],
        "User JSMITH is already locked"
    );
    assert_eq!(body["State"]["StatusBarMessageType"], "W");

    // Another session sees the same user master.
    let other = App::login(&sandbox, USER_ADMIN_APP).await;
    let (_, body) = other
        .post("UnlockUser", json!({"UserName": "JSMITH"}))
        .await;
    assert_eq!(body["State"]["StatusBarMessage"], "User JSMITH unlocked");
    let (_, body) = bridge
        .post("UnlockUser", json!({"UserName": "JSMITH"}))
        .await;
    assert_eq!(
        body["State"]["StatusBarMessage"],
        "User JSMITH is not locked"
    );
    assert_eq!(body["State"]["StatusBarMessageType"], "W");

    // A reset brings back the seed.
    bridge.post("LockUser", json!({"UserName": "JSMITH"})).await;
    sandbox.reset();
    let (_, body) = bridge.get("GetUserDetails(UserName='JSMITH')").await;
    assert_eq!(body["Output"]["LockStatus"], "Not locked");
}

#[tokio::test]
async fn a_user_locked_in_su01_cannot_log_on_to_the_bridge() {
    let sandbox = start_with(SandboxConfig {
        users: vec![
            (DEFAULT_USER.into(), DEFAULT_PASSWORD.into()),
            ("JSMITH".into(), "Sales2026".into()),
        ],
        ..SandboxConfig::default()
    })
    .await;
    let admin = App::login(&sandbox, USER_ADMIN_APP).await;
    let clerk = App::new(&sandbox, USER_ADMIN_APP);
    assert_eq!(
        clerk.login_as("JSMITH", "Sales2026").await.0,
        StatusCode::OK
    );
    admin.post("LockUser", json!({"UserName": "JSMITH"})).await;
    let (status, body) = clerk.login_as("jsmith", "Sales2026").await;
    let error = assert_internal(status, &body, 500);
    assert_eq!(
        error["ErrorState"]["StatusBarMessage"],
        "User is locked. Please notify the person responsible"
    );
    admin
        .post("UnlockUser", json!({"UserName": "JSMITH"}))
        .await;
    assert_eq!(
        clerk.login_as("JSMITH", "Sales2026").await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn an_unknown_user_fails_a_batch_step_with_its_status_in_details() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    let (status, body) = bridge.get("GetUserDetails(UserName='NOBODY')").await;
    let error = assert_internal(status, &body, 200);
    assert_eq!(error["ErrorMessage"], "Batch execution (partially) failed");
    assert_eq!(
        error["ErrorState"]["StatusBarMessage"],
        "User NOBODY does not exist"
    );
    assert_eq!(error["ErrorState"]["StatusBarMessageType"], "E");
    assert!(error["Target"]
        .as_str()
        .unwrap()
        .ends_with("/su01users/GetUserDetails(UserName='NOBODY')"));
    let detail = error["Details"][0]["message"].as_str().unwrap();
    let steps: Value =
        serde_json::from_str(detail.strip_prefix("Step execution status: ").unwrap()).unwrap();
    assert_eq!(
        steps,
        json!([{"ord": "1", "code": "0", "status": "OK"},
               {"ord": "2", "code": "-1", "status": "Control not found"}])
    );
    // The same for an action.
    let (status, body) = bridge.post("LockUser", json!({"UserName": "NOBODY"})).await;
    assert_internal(status, &body, 200);
}

#[tokio::test]
async fn literals_follow_the_odata_v4_rules() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    // A doubled quote is one quote (and reaches the back end as typed).
    let (status, body) = bridge.get("GetUserDetails(UserName='O''BRIEN')").await;
    let error = assert_internal(status, &body, 200);
    assert_eq!(
        error["ErrorState"]["StatusBarMessage"],
        "User O'BRIEN does not exist"
    );
    // Percent-encoded, quotes included; and a parameter alias.
    for call in [
        "GetUserDetails(UserName=%27JSMITH%27)",
        "GetUserDetails(UserName='J%53MITH')",
        "GetUserDetails(UserName=@u)?@u='JSMITH'",
    ] {
        let (status, body) = bridge.get(call).await;
        assert_eq!(status, StatusCode::OK, "{call}: {body}");
        assert_eq!(body["Output"]["UserName"], "JSMITH", "{call}");
    }
    // Commas inside strings and several parameters; null for an optional one.
    let (status, body) = bridge
        .get("FindUsers(UserName=null,LastName='Smith',Department='S*')")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(users(&body), ["JSMITH"]);
    let (_, body) = bridge.get("FindUsers(LastName='*,*')").await;
    assert_eq!(users(&body), Vec::<&str>::new());
    assert_eq!(body["State"]["StatusBarMessageType"], "I");

    // Malformed literals: the OData layer's 400, before anything runs.
    for call in [
        "GetUserDetails(UserName='O'BRIEN')",
        "GetUserDetails(UserName='JSMITH)",
        "GetUserDetails(UserName=JSMITH)",
        "GetUserDetails(UserName=%ZZ)",
        "GetUserDetails(UserName='A',UserName='B')",
        "GetUserDetails(UserName=@missing)",
    ] {
        let (status, body) = bridge.get(call).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{call}: {body}");
        assert_eq!(body["error"]["Status"], "BAD_REQUEST");
    }
}

#[tokio::test]
async fn invalid_input_names_every_field() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    let (status, body) = bridge
        .get("FindUsers(UserName='ABCDEFGHIJKLM',Role='X',LastName=12)")
        .await;
    let error = assert_internal(status, &body, 300);
    let targets: Vec<&str> = error["Details"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["target"].as_str().unwrap())
        .collect();
    assert_eq!(targets, ["Role", "UserName", "LastName"]);
    assert!(error["Details"][1]["message"]
        .as_str()
        .unwrap()
        .contains("at most 12"));

    // A mandatory field left empty: SAP GUI's message in the status bar.
    for (status, body) in [
        bridge.post("LockUser", json!({})).await,
        bridge.post("LockUser", json!({"UserName": "  "})).await,
        bridge.post("LockUser", json!({"UserName": null})).await,
        bridge.get("GetUserDetails(UserName=null)").await,
    ] {
        let error = assert_internal(status, &body, 300);
        assert_eq!(error["Details"][0]["target"], "UserName");
        assert_eq!(
            error["ErrorState"]["StatusBarMessage"],
            "Fill in all required entry fields"
        );
    }
    // A JSON value of the wrong type.
    let (status, body) = bridge.post("LockUser", json!({"UserName": 42})).await;
    assert_internal(status, &body, 300);
    // A body that is no JSON object is not read at all.
    let response = bridge
        .raw(
            bridge
                .client
                .post(bridge.url("LockUser"))
                .header("content-type", "application/json")
                .body("{\"UserName\":"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn home_answers_state_and_keeps_the_session() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, USER_ADMIN_APP).await;
    let (status, body) = bridge.post("Home", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["State"]["ErrorCode"], 0);
    assert_eq!(bridge.get("FindUsers()").await.0, StatusCode::OK);
}
