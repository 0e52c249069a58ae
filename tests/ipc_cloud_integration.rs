//! The Cloud Integration commands through Tauri's IPC (mock runtime), on the demo profile
//! "Cloud Integration (sandbox)" (OAuth client credentials, the client secret in the secret
//! store): the JSON the UI receives, the deploy job to STARTED and to ERROR, errors included.

use std::time::Duration;

use serde_json::{json, Value};

mod support;

use support::{start, Access, TestApp};

/// A channel argument as the UI's `Channel` serialises it; the mock webview drops the events.
const CHANNEL: &str = "__CHANNEL__:7";

impl TestApp {
    fn cloud_integration_profile_id(&self) -> String {
        let info = self.invoke("sandbox_info", json!({})).unwrap();
        info["cloud_integration_profile_id"]
            .as_str()
            .unwrap_or_else(|| panic!("no Cloud Integration demo profile: {info}"))
            .to_owned()
    }

    /// The job's record once it is no longer running.
    fn job_when_done(&self, id: &Value) -> Value {
        for _ in 0..600 {
            let jobs = self.invoke("jobs_list", json!({})).unwrap();
            let record = jobs
                .as_array()
                .unwrap()
                .iter()
                .find(|job| &job["id"] == id)
                .cloned()
                .unwrap_or_else(|| panic!("job {id} is not listed: {jobs}"));
            if record["state"] != "running" {
                return record;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("job {id} did not finish in 60 s");
    }

    fn runtime(&self, profile: &str, status: &str) -> Vec<Value> {
        self.invoke(
            "cpi_runtime_artifacts",
            json!({"profileId": profile, "filter": {"statuses": [status], "name": null}}),
        )
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
    }
}

#[test]
fn the_demo_profile_uses_oauth_with_its_secret_in_the_secret_store() {
    let app = start();
    let id = app.cloud_integration_profile_id();
    let profiles = app.invoke("profiles_list", json!({})).unwrap();
    let view = profiles
        .as_array()
        .unwrap()
        .iter()
        .find(|view| view["profile"]["id"] == json!(id))
        .unwrap();
    let settings = &view["profile"]["settings"];
    assert_eq!(settings["display_name"], "Cloud Integration (sandbox)");
    assert_eq!(settings["service_kind"], "cloud_integration");
    assert_eq!(settings["auth"], "oauth_client_credentials");
    assert!(settings["oauth"]["token_url"]
        .as_str()
        .unwrap()
        .ends_with("/oauth/token"));
    assert!(!view
        .to_string()
        .contains(sandbox::cloud_integration::DEMO_CLIENT_SECRET));
    assert!(!app
        .store_file()
        .contains(sandbox::cloud_integration::DEMO_CLIENT_SECRET));
    let packages = app
        .invoke("cpi_packages", json!({"profileId": id}))
        .unwrap();
    assert!(packages.as_array().unwrap().len() >= 3, "{packages}");
}

#[test]
fn a_deploy_job_ends_at_started_and_one_in_error_with_the_tenants_text() {
    let app = start();
    let id = app.cloud_integration_profile_id();
    let started = app.runtime(&id, "STARTED");
    let flow = started
        .iter()
        .find(|artifact| artifact["artifact_type"] == "INTEGRATION_FLOW")
        .expect("a started flow");
    let record = app
        .invoke(
            "cpi_deploy",
            json!({"profileId": id, "kind": "integration_flow", "artifactId": flow["id"],
                "version": "active", "channel": CHANNEL}),
        )
        .unwrap();
    assert_eq!(record["kind"], "cpi_deploy");
    assert_eq!(record["server_job"]["job_name"], flow["id"]);
    let done = app.job_when_done(&record["id"]);
    assert_eq!(done["state"], "succeeded", "{done}");
    assert_eq!(done["result"]["outcome"], "cpi_deploy", "{done}");
    assert_eq!(done["result"]["runtime_status"], "STARTED", "{done}");

    let failed = app.runtime(&id, "ERROR");
    let broken = failed.first().expect("a seeded artifact in ERROR");
    let record = app
        .invoke(
            "cpi_deploy",
            json!({"profileId": id, "kind": "integration_flow", "artifactId": broken["id"],
                "version": "active", "channel": CHANNEL}),
        )
        .unwrap();
    let done = app.job_when_done(&record["id"]);
    assert_eq!(done["state"], "failed", "{done}");
    let error = done["error"].as_str().unwrap();
    assert!(error.contains("is in ERROR: "), "{error}");
    assert!(
        !error.contains("childMessageInstances"),
        "raw payload: {error}"
    );
}

#[test]
fn monitor_partner_directory_and_saves_through_handles() {
    let app = start();
    let id = app.cloud_integration_profile_id();
    let page = app
        .invoke(
            "cpi_messages",
            json!({"profileId": id, "nextPage": null, "filter": {"statuses": ["FAILED"],
                "from": null, "to": null, "integration_flow": null, "sender": null,
                "receiver": null, "application_message_id": null, "correlation_id": null,
                "custom_header": null}}),
        )
        .unwrap();
    let first = &page["messages"][0];
    assert_eq!(first["status"], "FAILED", "{page}");
    let detail = app
        .invoke(
            "cpi_message",
            json!({"profileId": id, "messageGuid": first["message_guid"]}),
        )
        .unwrap();
    assert!(
        detail["error_text"].as_str().is_some_and(|t| !t.is_empty()),
        "{detail}"
    );

    let partners = app
        .invoke("cpi_partners", json!({"profileId": id}))
        .unwrap();
    let pid = partners[0]["pid"].clone();
    let saved = app
        .invoke(
            "cpi_string_parameter_save",
            json!({"profileId": id, "pid": pid, "id": "Ipc_Test", "value": "v1", "replace": false}),
        )
        .unwrap();
    assert_eq!(saved["value"], "v1");
    let refused = app
        .invoke(
            "cpi_string_parameter_save",
            json!({"profileId": id, "pid": "no spaces allowed", "id": "x", "value": "v", "replace": false}),
        )
        .unwrap_err();
    assert_eq!(refused["kind"], "config", "{refused}");

    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("failed.csv");
    let handle = app.picked(&csv_path, Access::Write);
    let export = app
        .invoke(
            "cpi_messages_export_csv",
            json!({"profileId": id, "file": handle, "filter": {"statuses": ["FAILED"],
                "from": null, "to": null, "integration_flow": null, "sender": null,
                "receiver": null, "application_message_id": null, "correlation_id": null,
                "custom_header": null}}),
        )
        .unwrap();
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert_eq!(
        text.lines().count() as u64,
        export["rows"].as_u64().unwrap() + 1
    );
    let not_granted = app
        .invoke(
            "cpi_log_file_save",
            json!({"profileId": id, "name": "x", "application": "y", "file": "forged"}),
        )
        .unwrap_err();
    assert_eq!(not_granted["kind"], "invalid_file", "{not_granted}");
}
