//! The transaction bridge through the app's commands: the demo profile points at the
//! embedded sandbox's bridge apps, a run from a form, its call log, Logout.

mod support;

use serde_json::json;
use support::start;

#[test]
fn the_demo_bridge_profile_runs_an_operation_and_logs_out() {
    let app = start();
    let info = app.invoke("sandbox_info", json!({})).unwrap();
    let profile_id = info["transaction_bridge_profile_id"].clone();
    assert!(profile_id.is_string(), "{info}");
    let profiles = app.invoke("profiles_list", json!({})).unwrap();
    let demo = profiles
        .as_array()
        .unwrap()
        .iter()
        .find(|view| view["profile"]["id"] == profile_id)
        .expect("the demo profile is listed");
    assert_eq!(
        demo["profile"]["settings"]["display_name"],
        "Transaction bridge (sandbox)"
    );
    assert_eq!(
        demo["profile"]["settings"]["app_ids"],
        json!(["su01users", "mm03material", "va01order"])
    );

    let metadata = app
        .invoke(
            "bridge_operations",
            json!({"profileId": profile_id, "appId": "su01users"}),
        )
        .unwrap();
    let names: Vec<&str> = metadata["operations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|op| op["name"].as_str())
        .collect();
    assert!(names.contains(&"GetUserDetails"), "{names:?}");

    let result = app
        .invoke(
            "bridge_run",
            json!({"profileId": profile_id, "appId": "su01users", "operation": "GetUserDetails",
                   "inputs": {"UserName": "JSMITH"}}),
        )
        .unwrap();
    assert_eq!(result["output"]["LastName"], "Smith");
    assert_eq!(result["state"]["error_code"], 0);

    let refused = app
        .invoke(
            "bridge_run",
            json!({"profileId": profile_id, "appId": "su01users", "operation": "GetUserDetails",
                   "inputs": {"UserName": ""}}),
        )
        .unwrap_err();
    assert_eq!(refused["kind"], "bridge");
    assert_eq!(refused["reason"], "invalid_input");
    assert_eq!(refused["fields"][0]["field"], "UserName");

    let log = app
        .invoke("bridge_call_log", json!({"profileId": profile_id}))
        .unwrap();
    let operations: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|entry| entry["operation"].as_str())
        .collect();
    assert_eq!(operations, ["$metadata", "Login", "GetUserDetails"]);

    let logged_out = app
        .invoke(
            "bridge_logout",
            json!({"profileId": profile_id, "appId": null}),
        )
        .unwrap();
    assert_eq!(logged_out, 1);
}

#[test]
fn disconnecting_a_bridge_system_logs_its_apps_off() {
    let app = start();
    let info = app.invoke("sandbox_info", json!({})).unwrap();
    let profile_id = info["transaction_bridge_profile_id"].clone();
    app.invoke(
        "bridge_run",
        json!({"profileId": profile_id, "appId": "su01users", "operation": "GetUserDetails",
               "inputs": {"UserName": "JSMITH"}}),
    )
    .unwrap();

    app.invoke("session_drop", json!({"id": profile_id}))
        .unwrap();

    let log = app
        .invoke("bridge_call_log", json!({"profileId": profile_id}))
        .unwrap();
    let operations: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|entry| entry["operation"].as_str())
        .collect();
    assert_eq!(operations.last(), Some(&"Logout"), "{operations:?}");
    // Nothing left to log off: the disconnect ended the GUI session.
    let logged_out = app
        .invoke(
            "bridge_logout",
            json!({"profileId": profile_id, "appId": null}),
        )
        .unwrap();
    assert_eq!(logged_out, 0);
}
