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
        for dialect in DIALECTS {
            // The request as each dialect's resource hands it to the system: as implemented a
            // transportable package needs a request and conflicts stop the pull.
            let transport = system.transport_required(&repo.package).then(|| {
                system
                    .transports(abap_system::TransportScope::Mine, USER)
                    .into_iter()
                    .find(|t| t.kind == abap_system::TransportKind::Workbench)
                    .map(|t| t.number.clone())
                    .unwrap()
            });
            let outcome = System::seeded()
                .pull(&abap_system::PullRequest {
                    url: repo.url.clone(),
                    branch: Some("main".into()),
                    user: USER.into(),
                    transport_request: transport.clone(),
                    conflict_mode: match dialect {
                        Dialect::AsImplemented => abap_system::ConflictMode::Abort,
                        Dialect::Documented => abap_system::ConflictMode::Ignore,
                    },
                    default_transport: dialect == Dialect::Documented,
                    ..abap_system::PullRequest::default()
                })
                .unwrap();
            let sandbox = start(dialect).await;
            let agent = Agent::logon(&sandbox).await;
            let (status, pulled) = agent
                .post(
                    "pull",
                    json!({"url": repo.url, "transport_request": transport.unwrap_or_default()}),
                )
                .await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(
                pulled[upper(dialect, "activated_count")],
                outcome.activated.len()
            );
            assert_eq!(pulled[upper(dialect, "failed_count")], outcome.failed.len());
            if !outcome.conflicts.is_empty() {
                assert_eq!(dialect, Dialect::AsImplemented);
                assert_eq!(pulled["CONFLICT_COUNT"], outcome.conflicts.len());
                continue;
            }
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

/// DEVELOPER's modifiable workbench request in the seed.
fn open_workbench_request() -> String {
    System::seeded()
        .transports(abap_system::TransportScope::Mine, USER)
        .into_iter()
        .find(|t| t.kind == abap_system::TransportKind::Workbench)
        .map(|t| t.number.clone())
        .expect("seed has an open workbench request")
}

const ZFLIGHT: &str = abap_system::ZFLIGHT_URL;
const LOYALTY: &str = "src/core/zcl_flight_loyalty.clas.abap";

#[tokio::test]
async fn pull_into_a_transportable_package_without_a_request_is_refused_as_abapgit_does() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let (status, _) = agent.post("status", json!({"url": ZFLIGHT})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, pulled) = agent
        .post("pull", json!({"url": ZFLIGHT, "files": [LOYALTY]}))
        .await;
    assert_eq!(status, StatusCode::OK);
    // abapGit raises it in deserialize; the handler's handle_exception builds a fresh result.
    assert_eq!(
        pulled,
        json!({
            "SUCCESS": "", "JOB_ID": "", "MESSAGE": "No transport request was supplied",
            "ERROR_DETAIL": "", "TRANSPORT_REQUEST": "", "ACTIVATED_COUNT": 0, "FAILED_COUNT": 0,
            "CONFLICT_COUNT": 0, "CONFLICT_REPORT": "", "LOG_MESSAGES": [],
            "ACTIVATED_OBJECTS": [], "FAILED_OBJECTS": [], "LOCAL_XML_FILES": []
        })
    );
    let (_, viewed) = agent
        .post("view", json!({"objects": ["ZCL_FLIGHT_LOYALTY"]}))
        .await;
    assert_eq!(viewed["OBJECTS"][0]["NOT_FOUND"], true, "nothing activated");
    // No request was chosen for the user either.
    let (_, listed) = agent.post("transport", json!({"action": "LIST"})).await;
    let before = System::seeded()
        .transports(abap_system::TransportScope::Mine, USER)
        .into_iter()
        .filter(|t| t.kind == abap_system::TransportKind::Workbench)
        .count();
    assert_eq!(listed["transports"].as_array().unwrap().len(), before);

    let transport = open_workbench_request();
    let (_, pulled) = agent
        .post(
            "pull",
            json!({"url": ZFLIGHT, "files": [LOYALTY], "transport_request": transport}),
        )
        .await;
    assert_eq!(pulled["SUCCESS"], "X", "{pulled}");
    assert_eq!(pulled["TRANSPORT_REQUEST"], transport.as_str());
    assert_eq!(pulled["ACTIVATED_COUNT"], 1);
}

#[tokio::test]
async fn documented_pull_without_a_request_uses_the_users_open_request() {
    let sandbox = start(Dialect::Documented).await;
    let agent = Agent::logon(&sandbox).await;
    let (_, pulled) = agent
        .post("pull", json!({"url": ZFLIGHT, "files": [LOYALTY]}))
        .await;
    assert_eq!(pulled["success"], "X", "{pulled}");
    assert_eq!(
        pulled["transport_request"],
        open_workbench_request().as_str()
    );
}

#[tokio::test]
async fn pull_from_another_branch_aborts_with_the_handlers_conflict_report() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let transport = open_workbench_request();
    let (status, pulled) = agent
        .post(
            "pull",
            json!({"url": ZFLIGHT, "branch": "develop", "transport_request": transport}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(pulled["SUCCESS"], "");
    assert_eq!(pulled["MESSAGE"], "Pull aborted — 3 conflict(s) detected");
    assert_eq!(pulled["CONFLICT_COUNT"], 3);
    assert_eq!(pulled["ACTIVATED_COUNT"], 0);
    assert_eq!(pulled["TRANSPORT_REQUEST"], transport.as_str());
    assert!(pulled["JOB_ID"].as_str().unwrap().starts_with(USER));
    let report = pulled["CONFLICT_REPORT"].as_str().unwrap();
    assert!(
        report.starts_with("Pull aborted — 3 conflict(s) detected\n\nObject:        CLAS ZCL_FLIGHT_PRICING\nConflict type: SYSTEM_EDIT\nGit changed:   "),
        "{report}"
    );
    for expected in [
        "System changed by JSMITH (after last pull by JSMITH)\n\n",
        "Object:        CLAS ZCL_FLIGHT_STATISTICS\nConflict type: BRANCH_SWITCH\nBranch:        main → develop\n",
        "Last pull by JSMITH (different user) — unexpected branch state\n\n",
        "Object:        FUGR ZFLIGHT_API\nConflict type: LOCAL_EDIT\nSystem modified after last pull by JSMITH\nGit content unchanged — pull would overwrite local edits\n\n",
    ] {
        assert!(report.contains(expected), "{expected:?} in {report}");
    }
    assert!(report.ends_with("To override: abapgit-agent pull --conflict-mode ignore\n"));

    // The handler compares with 'ignore' exactly: other spellings still check.
    let (_, shouted) = agent
        .post(
            "pull",
            json!({"url": ZFLIGHT, "branch": "develop", "transport_request": transport, "conflict_mode": "IGNORE"}),
        )
        .await;
    assert_eq!(shouted["CONFLICT_COUNT"], 3);
    let (_, ignored) = agent
        .post(
            "pull",
            json!({"url": ZFLIGHT, "branch": "develop", "transport_request": transport, "conflict_mode": "ignore"}),
        )
        .await;
    assert_eq!(ignored["SUCCESS"], "X", "{ignored}");
    assert_eq!(ignored["CONFLICT_COUNT"], 0);
    assert_eq!(ignored["CONFLICT_REPORT"], "");
}

#[tokio::test]
async fn pull_over_an_object_changed_in_the_system_aborts() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let transport = open_workbench_request();
    let file = "src/core/zcl_flight_repository.clas.abap";
    let body = json!({"url": ZFLIGHT, "files": [file], "transport_request": transport});
    let (_, first) = agent.post("pull", body.clone()).await;
    assert_eq!(first["SUCCESS"], "X", "{first}");
    sandbox.edit_system(|system| {
        let source = system.class("ZCL_FLIGHT_REPOSITORY").unwrap().main.clone();
        system
            .edit_source(
                abap_system::ObjectType::Clas,
                "ZCL_FLIGHT_REPOSITORY",
                &format!("{source}\n* changed in ADT"),
            )
            .unwrap();
    });
    let (_, again) = agent.post("pull", body).await;
    assert_eq!(again["MESSAGE"], "Pull aborted — 1 conflict(s) detected");
    assert_eq!(
        again["CONFLICT_REPORT"],
        format!(
            "Pull aborted — 1 conflict(s) detected\n\nObject:        CLAS ZCL_FLIGHT_REPOSITORY\nConflict type: LOCAL_EDIT\nSystem modified after last pull by {USER}\nGit content unchanged — pull would overwrite local edits\n\nTo override: abapgit-agent pull --conflict-mode ignore\n"
        )
    );
}

/// `ZCL_ABGAGT_COMMAND_TRANSPORT` as written: CHECK is the CTS stub (every number passes, even
/// one that does not exist), actions and scopes match only as the CASE statements spell them,
/// and the messages are the command's.
#[tokio::test]
async fn transport_answers_as_the_handler_writes_them() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let (_, checked) = agent
        .post(
            "transport",
            json!({"action": "CHECK", "number": "DEVK999999"}),
        )
        .await;
    assert_eq!(checked["success"], true);
    assert_eq!(checked["passed"], true);
    assert_eq!(checked["message"], "Transport DEVK999999 passed check");
    let (_, empty) = agent.post("transport", json!({"action": "CHECK"})).await;
    assert_eq!(
        empty["error"],
        "Transport number is required for CHECK action"
    );

    let (_, lower) = agent.post("transport", json!({"action": "list"})).await;
    assert_eq!(lower["success"], false);
    assert_eq!(
        lower["error"],
        "Unknown action: list. Valid: LIST, CREATE, CHECK, RELEASE"
    );
    assert_eq!(lower["action"], "");
    let (_, scope) = agent
        .post("transport", json!({"action": "LIST", "scope": "Mine"}))
        .await;
    assert_eq!(
        scope["error"],
        "Unknown scope: Mine. Valid: mine, task, all"
    );

    // Any type but "customizing" is a workbench request.
    let (_, created) = agent
        .post(
            "transport",
            json!({"action": "CREATE", "description": "Agent Desk test", "type": "Customizing"}),
        )
        .await;
    let number = created["number"].as_str().unwrap().to_string();
    assert_eq!(
        created["message"],
        format!("Workbench request {number} created successfully")
    );
    let (_, listed) = agent.post("transport", json!({"action": "LIST"})).await;
    assert_eq!(listed["scope"], "mine");
    let count = listed["transports"].as_array().unwrap().len();
    assert_eq!(listed["message"], format!("{count} transport(s) found"));

    let (_, released) = agent
        .post("transport", json!({"action": "RELEASE", "number": number}))
        .await;
    assert_eq!(
        released["message"],
        format!("Transport {number} released successfully")
    );
    let (_, twice) = agent
        .post("transport", json!({"action": "RELEASE", "number": number}))
        .await;
    assert_eq!(
        twice["error"],
        format!("Failed to release transport {number} (sy-subrc: 4)")
    );
}

/// ZCL_ABGAGT_COMMAND_CUSTOMIZE's own texts; TABLE_NAME only on success, DELIVERY_CLASS once
/// the table is known.
#[tokio::test]
async fn customize_answers_as_the_handler_writes_them() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let one = |table: &str, field: &str, value: &str| json!({"table_name": table, "field_values": [{"field": field, "value": value}]});
    let (_, written) = agent
        .post(
            "customize",
            json!({"table_name": "ZDEMO_SETTINGS", "field_values": [
                {"field": "SETTING", "value": "THEME"}, {"field": "VALUE", "value": "dark"}]}),
        )
        .await;
    assert_eq!(
        written["message"],
        "Customizing entry MODIFIED in ZDEMO_SETTINGS"
    );
    let (_, refused) = agent
        .post("customize", one("SFLIGHT", "CARRID", "XX"))
        .await;
    assert_eq!(
        refused["error"],
        "Table SFLIGHT is not a customizing table (delivery class: A)"
    );
    assert_eq!(refused["table_name"], "");
    assert_eq!(refused["delivery_class"], "A");
    let (_, unknown) = agent.post("customize", one("ZNOT_THERE", "X", "1")).await;
    assert_eq!(
        unknown["error"],
        "Table ZNOT_THERE not found in ABAP data dictionary"
    );
    assert_eq!(unknown["delivery_class"], "");
    let (_, transportable) = agent
        .post("customize", one("ZFL_FEES", "FEE_CODE", "WIFI"))
        .await;
    assert_eq!(
        transportable["error"],
        "Table ZFL_FEES is in a transportable package. Provide --transport <TRKORR> or use --no-transport."
    );
    let (_, missing) = agent
        .post(
            "customize",
            json!({"table_name": "ZFL_FEES", "transport": "DEVK999999",
                   "field_values": [{"field": "FEE_CODE", "value": "WIFI"}]}),
        )
        .await;
    assert_eq!(missing["error"], "Transport DEVK999999 not found");
}

/// ZCL_ABGAGT_AGENT->drop's texts.
#[tokio::test]
async fn drop_answers_as_the_handler_writes_them() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let (_, dropped) = agent
        .post("drop", json!({"file": "src/zdemo_hello_world.prog.abap"}))
        .await;
    assert_eq!(dropped["message"], "Object deleted successfully");
    let (_, again) = agent
        .post("drop", json!({"file": "src/zdemo_hello_world.prog.abap"}))
        .await;
    assert_eq!(
        again,
        json!({"success": "", "error": "Object ZDEMO_HELLO_WORLD (PROG) not found in TADIR"})
    );
    let (_, dtel) = agent
        .post("drop", json!({"file": "zdemo_setting_key.dtel.xml"}))
        .await;
    assert_eq!(
        dtel["error"],
        "drop does not support DTEL objects. Edit the XML and use pull instead."
    );
    let (_, odd) = agent.post("drop", json!({"file": "README.md"})).await;
    assert_eq!(
        odd["error"],
        "Cannot derive object type/name from file: README.md"
    );
}

/// The command checks formats only, then assigns as ABAP does: no refusal that SAP would not
/// give (a key left out, a long text, an impossible date), the transport checked before the
/// fields and looked up as sent, and a packed number that is none escapes as an exception.
#[tokio::test]
async fn customize_refuses_only_what_the_command_refuses() {
    let customizing = System::seeded()
        .all_transports()
        .iter()
        .find(|t| t.description == "Carrier settings 2026")
        .expect("seeded customizing request")
        .number
        .clone();
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let customize = |table: &str, transport: Option<&str>, pairs: &[(&str, &str)]| {
        let values: Vec<Value> = pairs
            .iter()
            .map(|(field, value)| json!({"field": field, "value": value}))
            .collect();
        let mut body = json!({"table_name": table, "field_values": values});
        if let Some(number) = transport {
            body["transport"] = json!(number);
        }
        body
    };

    // A key field left out stays initial; the row is written.
    let (_, keyless) = agent
        .post(
            "customize",
            customize("ZDEMO_SETTINGS", None, &[("VALUE", "x")]),
        )
        .await;
    assert_eq!(keyless["success"], true, "{keyless}");

    // A text longer than the field is cut to its length.
    let long = "L".repeat(500);
    let (_, cut) = agent
        .post(
            "customize",
            customize(
                "ZDEMO_SETTINGS",
                None,
                &[("SETTING", "LONG"), ("VALUE", &long)],
            ),
        )
        .await;
    assert_eq!(cut["success"], true, "{cut}");
    let (_, rows) = agent
        .post(
            "preview",
            json!({"objects": ["ZDEMO_SETTINGS"], "where": "SETTING = 'LONG'"}),
        )
        .await;
    let stored = rows["OBJECTS"][0]["ROWS"].to_string();
    assert!(!stored.contains(&long), "the value is cut: {stored}");
    assert!(stored.contains("LLLL"), "{stored}");

    // Eight digits are a date to the command, even 13/99.
    let (_, date) = agent
        .post(
            "customize",
            customize(
                "ZFL_CARRIER_CFG",
                Some(&customizing),
                &[("CARRID", "LH"), ("VALID_FROM", "20261399")],
            ),
        )
        .await;
    assert_eq!(date["success"], true, "{date}");
    assert_eq!(
        date["message"],
        format!(
            "Customizing entry MODIFIED in ZFL_CARRIER_CFG and recorded on transport {customizing}"
        )
    );

    // The transport is checked before any field, and looked up exactly as sent.
    let (_, unknown) = agent
        .post(
            "customize",
            customize("ZFL_FEES", Some("DEVK999999"), &[("NOPE", "1")]),
        )
        .await;
    assert_eq!(unknown["error"], "Transport DEVK999999 not found");
    let lower = customizing.to_ascii_lowercase();
    let (_, lowercase) = agent
        .post(
            "customize",
            customize("ZFL_FEES", Some(&lower), &[("FEE_CODE", "WIFI")]),
        )
        .await;
    assert_eq!(lowercase["error"], format!("Transport {lower} not found"));

    // no_transport only lifts the requirement: a request that is given is still used.
    let mut both = customize("ZFL_FEES", Some(&customizing), &[("FEE_CODE", "WIFI")]);
    both["no_transport"] = json!(true);
    let (_, recorded) = agent.post("customize", both).await;
    assert_eq!(recorded["transport"], customizing.as_str(), "{recorded}");

    // No check for packed numbers: CX_SY_CONVERSION_NO_NUMBER reaches the base resource,
    // whose `return_error` concatenates the text unescaped (not valid JSON here).
    let response = agent
        .post_raw(
            "customize",
            customize(
                "ZFL_FEES",
                Some(&customizing),
                &[("FEE_CODE", "WIFI"), ("AMOUNT", "1x")],
            )
            .to_string(),
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        response.text().await.unwrap(),
        r#"{"success":false,"command":"Customize","error":"Unable to interpret "1x" as a number."}"#
    );
}
