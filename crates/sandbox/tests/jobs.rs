//! Background jobs: import runs through its stages, pull with many files answers 202.

mod support;

use std::time::Duration;

use abap_system::System;
use reqwest::StatusCode;
use sandbox::Dialect;
use serde_json::{json, Value};
use support::*;

/// A registered repository whose package serializes to more than ten files.
fn registered_repo() -> (String, String) {
    let system = System::seeded();
    let repo = system
        .repos()
        .iter()
        .find(|r| {
            system
                .serialize_package(&r.package)
                .map(|files| files.len() > 10)
                .unwrap_or(false)
        })
        .expect("seed registers a repository for a package with more than 10 files");
    (repo.url.clone(), repo.package.clone())
}

/// Polls until the job is final; returns every poll answer and the raw responses' content types.
async fn poll_until_done(agent: &Agent, resource: &str, job: &str) -> Vec<(Option<String>, Value)> {
    let mut polls = Vec::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while std::time::Instant::now() < deadline {
        let response = agent.get(&format!("{resource}?jobNumber={job}")).await;
        assert_eq!(response.status(), StatusCode::OK);
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string());
        let body: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
        let status = body["status"].as_str().unwrap_or("").to_string();
        polls.push((content_type, body));
        if status == "completed" || status == "error" {
            return polls;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("job {job} did not finish");
}

#[tokio::test]
async fn import_runs_in_the_background_with_increasing_progress_as_implemented() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let (url, package) = registered_repo();
    let files = System::seeded().serialize_package(&package).unwrap().len();

    let (status, accepted) = agent.post("import", json!({"url": url})).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(accepted["success"], true);
    assert_eq!(accepted["command"], "Import");
    assert_eq!(accepted["status"], "accepted");
    assert!(accepted["jobName"]
        .as_str()
        .unwrap()
        .starts_with("ABGAGT_IMPORT_"));
    let job = accepted["jobNumber"].as_str().unwrap().to_string();
    assert_eq!(job.len(), 8);
    assert!(job.chars().all(|c| c.is_ascii_digit()));

    let polls = poll_until_done(&agent, "import", &job).await;
    assert!(
        polls.iter().all(|(content_type, _)| content_type.is_none()),
        "no Content-Type on import GET"
    );
    let progress: Vec<u64> = polls
        .iter()
        .map(|(_, b)| b["progress"].as_u64().unwrap())
        .collect();
    assert!(
        progress.windows(2).all(|w| w[0] <= w[1]),
        "progress never falls: {progress:?}"
    );
    assert!(polls
        .iter()
        .any(|(_, b)| b["stage"] == "STAGE_FILES" && b["total"] == files));
    // The command's own texts, and its staging events: every tenth file and the last, at
    // 60 + index * 10 / total rounded as ABAP divides integers.
    let message_of = |stage: &str| {
        polls
            .iter()
            .find(|(_, b)| b["stage"] == stage)
            .map(|(_, b)| b["message"].as_str().unwrap().to_string())
    };
    for (stage, text) in [
        ("PARSE_PARAMS", "Parsing import parameters"),
        ("FIND_REPO", "Finding repository"),
        ("REFRESH_REPO", "Refreshing repository"),
    ] {
        if let Some(message) = message_of(stage) {
            assert_eq!(message, text, "{stage}");
        }
    }
    for (_, poll) in polls.iter().filter(|(_, b)| b["stage"] == "STAGE_FILES") {
        let current = poll["current"].as_u64().unwrap_or(0) as usize;
        if current == 0 {
            assert_eq!(poll["message"], "Staging local files");
            assert_eq!(poll["progress"], 60);
            continue;
        }
        assert!(current % 10 == 0 || current == files, "{poll}");
        let expected = 60 + (2 * current * 10 + files) / (2 * files);
        assert_eq!(poll["progress"], expected, "{poll}");
        assert_eq!(
            poll["message"],
            format!("Staging files ({current} of {files})")
        );
    }

    let (_, last) = polls.last().unwrap();
    assert_eq!(last["status"], "completed");
    // Z_ABGAGT_BG_EXECUTOR writes the last record after the command's own COMPLETED event.
    assert_eq!(last["stage"], "FINISHED");
    assert_eq!(last["message"], "Command completed successfully");
    if polls[0].1["status"] == "scheduled" {
        assert_eq!(polls[0].1["stage"], "INITIALIZATION");
        assert_eq!(polls[0].1["message"], "Job scheduled, waiting to start");
    }
    assert_eq!(last["progress"], 100);
    assert_eq!(last["startedAt"], 0, "startedAt drops to 0");
    assert_eq!(last["jobName"], "");
    assert!(last["completedAt"].as_u64().unwrap() > 20_000_000_000_000);
    let result: Value = serde_json::from_str(last["result"].as_str().unwrap()).unwrap();
    assert_eq!(result["success"], "X");
    assert_eq!(result["files_staged"], files);
    assert_eq!(
        result["commit_message"],
        format!("feat: initial import from ABAP package {package}")
    );
}

#[tokio::test]
async fn import_follows_the_documented_stages() {
    let sandbox = start(Dialect::Documented).await;
    let agent = Agent::logon(&sandbox).await;
    let (url, _) = registered_repo();
    let (status, accepted) = agent
        .post("import", json!({"url": url, "message": "feat: my import"}))
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(accepted["command"], "import");
    let job = accepted["jobNumber"].as_str().unwrap().to_string();
    let polls = poll_until_done(&agent, "import", &job).await;
    let (_, last) = polls.last().unwrap();
    assert_eq!(last["stage"], "FINISHED");
    assert!(last["started_at"].as_str().unwrap().len() == 14);
    assert!(last["completed_at"].is_string());
    let result: Value = serde_json::from_str(last["result"].as_str().unwrap()).unwrap();
    assert_eq!(result["commitMessage"], "feat: my import");
    assert!(result["filesStaged"].is_string());
}

#[tokio::test]
async fn import_of_an_unknown_repository_completes_with_a_logical_failure() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let (_, accepted) = agent
        .post("import", json!({"url": "https://example.org/none.git"}))
        .await;
    let job = accepted["jobNumber"].as_str().unwrap().to_string();
    let polls = poll_until_done(&agent, "import", &job).await;
    let (_, last) = polls.last().unwrap();
    assert_eq!(last["status"], "completed");
    assert_eq!(
        last["result"],
        r#"{"success":"","error":"Repository not found"}"#
    );
    // The first record is the one the POST wrote: scheduled, with the job name.
    let (_, first) = &polls[0];
    if first["status"] == "scheduled" {
        assert!(first["jobName"]
            .as_str()
            .unwrap()
            .starts_with("ABGAGT_IMPORT_"));
    }
}

#[tokio::test]
async fn import_poll_errors_differ_per_dialect() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let missing = agent.get("import").await;
    assert_eq!(missing.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        missing.text().await.unwrap(),
        r#"{"success":"","error":"jobNumber parameter required"}"#
    );
    let unknown = agent.get("import?jobNumber=00000001").await;
    assert_eq!(unknown.status(), StatusCode::OK);
    assert_eq!(
        unknown.text().await.unwrap(),
        r#"{"success":"","error":"Job not found"}"#
    );
    let base = agent.get("view?jobNumber=00000001").await;
    assert_eq!(base.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        base.text().await.unwrap(),
        r#"{"success":false,"command":"View","error":"Job not found"}"#
    );
    let base_missing = agent.get("list").await;
    assert_eq!(base_missing.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn pull_with_more_than_ten_files_becomes_a_job() {
    for dialect in [Dialect::Documented, Dialect::AsImplemented] {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let files: Vec<String> = (0..11).map(|i| format!("src/zcl_x{i}.clas.abap")).collect();
        let (status, accepted) = agent
            .post(
                "pull",
                json!({"url": "https://example.org/unknown.git", "files": files}),
            )
            .await;
        assert_eq!(status, StatusCode::ACCEPTED);
        assert_eq!(accepted["command"], "Pull");
        let job = accepted["jobNumber"].as_str().unwrap().to_string();
        let polls = poll_until_done(&agent, "pull", &job).await;
        let (content_type, last) = polls.last().unwrap();
        assert_eq!(content_type.as_deref(), Some("application/json"));
        assert_eq!(last["job_number"], job.as_str(), "snake_case poll");
        assert_eq!(last["status"], "completed");
        if dialect == Dialect::AsImplemented {
            // The executor's last record replaces the whole status: no job name, no start.
            assert_eq!(last["stage"], "FINISHED");
            assert_eq!(last["message"], "Command completed successfully");
            assert_eq!(last["job_name"], "");
            assert_eq!(last["started_at"], 0);
        }
        let result: Value = serde_json::from_str(last["result"].as_str().unwrap()).unwrap();
        let message_key = match dialect {
            Dialect::Documented => "message",
            Dialect::AsImplemented => "MESSAGE",
        };
        assert_eq!(
            result[message_key],
            "Repository not found: https://example.org/unknown.git"
        );

        // Ten files stay synchronous.
        let (status, _) = agent
            .post(
                "pull",
                json!({"url": "https://example.org/unknown.git", "files": &files[..10]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
    }
}

/// Distinct statuses in the order they were seen.
fn status_sequence(polls: &[(Option<String>, Value)]) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for (_, body) in polls {
        let status = body["status"].as_str().unwrap_or("").to_string();
        if seen.last() != Some(&status) {
            seen.push(status);
        }
    }
    seen
}

#[tokio::test]
async fn job_statuses_run_scheduled_starting_running_completed() {
    for (dialect, expected) in [
        (
            Dialect::AsImplemented,
            vec!["scheduled", "STARTING", "running", "completed"],
        ),
        (
            Dialect::Documented,
            vec!["scheduled", "running", "completed"],
        ),
    ] {
        // Slow enough (400 ms per stage) that 5 ms polls see every status, even on a busy machine.
        let sandbox = start_with(sandbox::SandboxConfig {
            dialect,
            job_speed: 1.0,
            ..sandbox::SandboxConfig::default()
        })
        .await;
        let agent = Agent::logon(&sandbox).await;
        let (_, accepted) = agent
            .post("import", json!({"url": "https://example.org/none.git"}))
            .await;
        let job = accepted["jobNumber"].as_str().unwrap().to_string();
        let polls = poll_until_done(&agent, "import", &job).await;
        assert_eq!(status_sequence(&polls), expected, "{dialect:?}");
    }
}
