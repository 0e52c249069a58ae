//! Resources that change the system: create/status/pull/delete, drop, customize, transport.

mod support;

use abap_system::System;
use reqwest::StatusCode;
use sandbox::Dialect;
use serde_json::{json, Value};
use support::*;

const DIALECTS: [Dialect; 2] = [Dialect::Documented, Dialect::AsImplemented];

/// A remote the sandbox can reach whose suggested package has no repository yet.
fn free_remote() -> (String, String) {
    let system = System::seeded();
    let remote = system
        .remotes()
        .iter()
        .find(|r| {
            system.repo_by_url(&r.url).is_none()
                && system.package(&r.suggested_package).is_some()
                && system
                    .repos()
                    .iter()
                    .all(|repo| repo.package != r.suggested_package)
        })
        .expect("seed has a remote without repository");
    (remote.url.clone(), remote.suggested_package.clone())
}

fn upper(dialect: Dialect, key: &str) -> String {
    match dialect {
        Dialect::Documented => key.to_string(),
        Dialect::AsImplemented => key.to_ascii_uppercase(),
    }
}

#[tokio::test]
async fn repository_lifecycle_changes_status_and_pull() {
    let (url, package) = free_remote();
    for dialect in DIALECTS {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;

        let (_, before) = agent.post("status", json!({"url": url})).await;
        assert_eq!(
            before,
            json!({"success": true, "url": url, "status": "Not found"})
        );

        let (status, created) = agent
            .post("create", json!({"url": url, "package": package}))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(created["success"], "X");
        assert_eq!(created["message"], "Repository created successfully");
        let key = created["repo_key"].as_str().unwrap().to_string();

        let (_, found) = agent.post("status", json!({"url": url})).await;
        assert_eq!(found["status"], "Found");
        assert_eq!(found["repo_key"], key.as_str());
        assert_eq!(found["package"], package.as_str());
        assert_eq!(
            found.get("transport_required").is_some(),
            dialect == Dialect::AsImplemented
        );

        let (_, again) = agent
            .post("create", json!({"url": url, "package": package}))
            .await;
        assert_eq!(again["success"], "");
        assert_eq!(again["error"], "Repository already exists");

        let (status, pulled) = agent.post("pull", json!({"url": url})).await;
        assert_eq!(status, StatusCode::OK);
        let success = &pulled[upper(dialect, "success")];
        assert!(success == "X" || success == "");
        assert!(pulled[upper(dialect, "activated_count")].is_u64());
        assert!(pulled[upper(dialect, "activated_objects")].is_array());
        if dialect == Dialect::AsImplemented {
            assert!(all_upper(&pulled));
            assert_eq!(pulled["CONFLICT_COUNT"], 0);
            assert!(
                pulled.get("STARTED_AT").is_none(),
                "timestamps are not serialized"
            );
        } else {
            assert!(pulled["started_at"].is_string());
        }

        let (_, deleted) = agent.post("delete", json!({"url": url})).await;
        assert_eq!(deleted["success"], "X");
        assert_eq!(deleted["repo_key"], key.as_str());
        let (_, after) = agent.post("status", json!({"url": url})).await;
        assert_eq!(after["status"], "Not found");
        let (_, gone) = agent.post("delete", json!({"url": url})).await;
        let expected = match dialect {
            Dialect::Documented => "No suitable repository found",
            Dialect::AsImplemented => "Repository not found",
        };
        assert_eq!(gone, json!({"success": "", "error": expected}));
    }
}

#[tokio::test]
async fn pull_of_an_unknown_repository_is_a_200_with_success_blank() {
    for dialect in DIALECTS {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let (status, body) = agent
            .post("pull", json!({"url": "https://example.org/unknown.git"}))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body[upper(dialect, "success")], "");
        assert_eq!(
            body[upper(dialect, "message")],
            "Repository not found: https://example.org/unknown.git"
        );
    }
}

/// After a reset the system is the seed again, on the same server and the same session.
#[tokio::test]
async fn reset_brings_back_dropped_objects_and_forgets_new_repositories() {
    let (url, package) = free_remote();
    let sandbox = start(Dialect::Documented).await;
    let agent = Agent::logon(&sandbox).await;
    let (_, created) = agent
        .post("create", json!({"url": url, "package": package}))
        .await;
    assert_eq!(created["success"], "X", "{created}");
    let (_, dropped) = agent
        .post("drop", json!({"file": "zdemo_hello_world.prog.abap"}))
        .await;
    assert_eq!(dropped["success"], "X", "{dropped}");
    let sessions = sandbox.session_count();

    sandbox.reset();

    let (_, status) = agent.post("status", json!({"url": url})).await;
    assert_eq!(status["status"], "Not found", "{status}");
    let (_, viewed) = agent
        .post("view", json!({"objects": ["ZDEMO_HELLO_WORLD"]}))
        .await;
    assert_eq!(viewed["objects"][0]["not_found"], false, "{viewed}");
    assert_eq!(sandbox.session_count(), sessions, "the session survives");
}

#[tokio::test]
async fn drop_removes_an_object_and_refuses_data_elements() {
    for dialect in DIALECTS {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let (_, dropped) = agent
            .post("drop", json!({"file": "src/zdemo_hello_world.prog.abap"}))
            .await;
        assert_eq!(dropped["success"], "X");
        assert_eq!(dropped["object"], "ZDEMO_HELLO_WORLD");
        assert_eq!(dropped["type"], "PROG");

        let (_, viewed) = agent
            .post("view", json!({"objects": ["ZDEMO_HELLO_WORLD"]}))
            .await;
        let objects = &viewed[upper(dialect, "objects")];
        assert_eq!(objects[0][upper(dialect, "not_found")], true);

        let (_, again) = agent
            .post("drop", json!({"file": "zdemo_hello_world.prog.abap"}))
            .await;
        assert_eq!(again["success"], "");

        let (_, refused) = agent
            .post("drop", json!({"file": "zdemo_setting_key.dtel.xml"}))
            .await;
        assert_eq!(refused["success"], "");
    }
}

#[tokio::test]
async fn customize_writes_entries_of_customizing_tables() {
    for dialect in DIALECTS {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let (status, written) = agent
            .post(
                "customize",
                json!({"table_name": "ZDEMO_SETTINGS", "field_values": [
                    {"field": "SETTING", "value": "THEME"},
                    {"field": "VALUE", "value": "dark"}
                ]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(written["success"], true, "{written}");
        assert_eq!(written["action"], "MODIFIED");
        assert_eq!(written["delivery_class"], "C");

        let (_, rows) = agent
            .post(
                "preview",
                json!({"objects": ["ZDEMO_SETTINGS"], "where": "SETTING = 'THEME'"}),
            )
            .await;
        let object = &rows[upper(dialect, "objects")][0];
        assert_eq!(object[upper(dialect, "row_count")], 1);

        let (_, refused) = agent
            .post(
                "customize",
                json!({"table_name": "SFLIGHT", "field_values": [{"field": "CARRID", "value": "XX"}]}),
            )
            .await;
        assert_eq!(refused["success"], false);
        assert!(refused["error"]
            .as_str()
            .unwrap()
            .contains("delivery class"));
    }
}

#[tokio::test]
async fn transports_are_listed_created_checked_and_released() {
    for dialect in DIALECTS {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let (status, created) = agent
            .post(
                "transport",
                json!({"action": "CREATE", "description": "Agent Desk test", "type": "workbench"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(created["success"], true);
        let number = created["number"].as_str().unwrap().to_string();
        assert!(number.len() == 10, "DEVK9xxxxx style: {number}");

        let listed: Value = agent
            .get("transport?scope=mine")
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(listed["action"], "LIST");
        let transports = listed["transports"].as_array().unwrap();
        let mine = transports
            .iter()
            .find(|t| t["number"] == number.as_str())
            .expect("created request listed");
        assert_eq!(mine["owner"], USER);
        assert_eq!(mine["date"].as_str().unwrap().len(), 10);
        for key in [
            "success",
            "action",
            "scope",
            "transports",
            "number",
            "passed",
            "issues",
            "message",
            "error",
        ] {
            assert!(listed.get(key).is_some(), "{key} always present");
        }

        // GET ignores `type`: only workbench requests, although customizing ones are open.
        let system = System::seeded();
        let open_customizing = system
            .transports(abap_system::TransportScope::All, USER)
            .into_iter()
            .any(|t| t.kind == abap_system::TransportKind::Customizing);
        assert!(open_customizing, "seed has an open customizing request");
        let everything: Value = agent
            .get("transport?scope=all&type=customizing")
            .await
            .json()
            .await
            .unwrap();
        for listed in everything["transports"].as_array().unwrap() {
            let number = listed["number"].as_str().unwrap();
            if let Some(known) = system.transport(number) {
                assert_eq!(known.kind, abap_system::TransportKind::Workbench);
            }
        }

        let (_, checked) = agent
            .post("transport", json!({"action": "CHECK", "number": number}))
            .await;
        assert_eq!(checked["success"], true);
        assert_eq!(checked["passed"], true);

        let (_, released) = agent
            .post("transport", json!({"action": "RELEASE", "number": number}))
            .await;
        assert_eq!(released["success"], true);
        let listed_after: Value = agent.get("transport?scope=all").await.json().await.unwrap();
        assert!(listed_after["transports"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["number"] != number.as_str()));

        let (_, twice) = agent
            .post("transport", json!({"action": "RELEASE", "number": number}))
            .await;
        assert_eq!(twice["success"], false);

        let (status, unknown) = agent.post("transport", json!({})).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(unknown["success"], false);
        assert_eq!(
            unknown["error"],
            "Unknown action: . Valid: LIST, CREATE, CHECK, RELEASE"
        );
    }
}

#[tokio::test]
async fn pull_activates_new_objects_and_reports_activation_errors() {
    let system = System::seeded();
    let mut saw_failure = false;
    let mut saw_new_object = false;
    for repo in system.repos() {
        // Classes the remote has and the system does not have yet.
        let new_classes: Vec<String> = system
            .remote(&repo.url)
            .map(|remote| {
                remote
                    .files
                    .iter()
                    .filter_map(|f| abap_system::parse_file_to_object(&f.path))
                    .filter(|o| o.object_type == "CLAS")
                    .filter(|o| {
                        system
                            .object(abap_system::ObjectType::Clas, &o.name)
                            .is_none()
                    })
                    .map(|o| o.name)
                    .collect()
            })
            .unwrap_or_default();
        let outcome = System::seeded()
            .pull(&abap_system::PullRequest {
                url: repo.url.clone(),
                user: USER.into(),
                ..abap_system::PullRequest::default()
            })
            .unwrap();
        for dialect in DIALECTS {
            let sandbox = start(dialect).await;
            let agent = Agent::logon(&sandbox).await;
            let (status, pulled) = agent.post("pull", json!({"url": repo.url})).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(
                pulled[upper(dialect, "activated_count")],
                outcome.activated.len()
            );
            assert_eq!(pulled[upper(dialect, "failed_count")], outcome.failed.len());
            if outcome.failed.is_empty() {
                assert_eq!(pulled[upper(dialect, "success")], "X");
                assert_eq!(
                    pulled[upper(dialect, "message")],
                    "Pull completed successfully"
                );
            } else {
                saw_failure = true;
                assert_eq!(pulled[upper(dialect, "success")], "");
                assert_eq!(
                    pulled[upper(dialect, "message")],
                    "Pull completed with errors"
                );
                assert!(pulled[upper(dialect, "error_detail")]
                    .as_str()
                    .unwrap()
                    .starts_with("Error Details:"));
                let failed = &pulled[upper(dialect, "failed_objects")][0];
                assert_eq!(failed[upper(dialect, "type")], "E");
                assert!(failed[upper(dialect, "obj_name")].is_string());
            }
            for class in &new_classes {
                let activated = outcome.activated.iter().any(|m| m.obj_name == *class);
                saw_new_object |= activated;
                let (_, viewed) = agent.post("view", json!({"objects": [class]})).await;
                assert_eq!(
                    viewed[upper(dialect, "objects")][0][upper(dialect, "not_found")],
                    !activated,
                    "{class} exists after the pull exactly when it was activated"
                );
            }
        }
    }
    assert!(saw_failure, "the seed has a pull with activation errors");
    assert!(saw_new_object, "the seed has a pull that adds a class");
}
