use std::time::Duration;

use abapgit_agent::{ImportRequest, JobHandle, JobOptions, JobProgress};
use sandbox::{FaultConfig, SandboxConfig};
use sap_http::{SapError, TimeoutPhase};

use crate::support::{fast_jobs, sap_message, start, start_with, DIALECTS};

fn import_request() -> ImportRequest {
    ImportRequest {
        url: "https://github.com/example/unknown.git".into(),
        package: Some("$zdemo".into()),
        message: Some("feat: test import".into()),
        ..ImportRequest::default()
    }
}

#[tokio::test]
async fn import_reports_progress_until_the_logical_failure() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let handle = fixture
            .client
            .import(&import_request(), None)
            .await
            .expect("import accepted");
        assert_eq!(handle.resource, "import");
        assert!(
            !handle.job_name.is_empty() && handle.job_number.len() == 8,
            "{handle:?}"
        );
        assert_eq!(fixture.requests(), 2, "CSRF fetch + POST");

        let mut progress: Vec<JobProgress> = Vec::new();
        let outcome = fixture
            .client
            .wait_import(&handle, &fast_jobs(), |p| progress.push(p))
            .await;
        // Logical failures end as `completed` with success "" in the result.
        let (_, message) = sap_message(outcome);
        assert_eq!(message, "Repository not found", "{dialect:?}");
        let polls = fixture.requests() - 2;
        assert_eq!(
            polls,
            progress.len() as u64,
            "{dialect:?}: one progress report per poll"
        );
        assert!(
            progress.iter().any(|p| p
                .stage
                .as_deref()
                .is_some_and(|s| s.starts_with("FIND_REPO"))),
            "{dialect:?}: {progress:?}"
        );
        assert_eq!(
            progress.last().map(|p| p.status.as_str()),
            Some("completed")
        );
        assert!(progress
            .windows(2)
            .all(|w| w[0].elapsed_ms <= w[1].elapsed_ms));
        assert!(progress.iter().all(|p| p.status == p.status.to_lowercase()));
    }
}

#[tokio::test]
async fn job_not_found_while_polling_is_retried() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        fixture.faults(FaultConfig {
            job_not_found_every: Some(2),
            ..FaultConfig::default()
        });
        let handle = fixture
            .client
            .import(&import_request(), None)
            .await
            .expect("import");
        let mut retries = 0;
        let outcome = fixture
            .client
            .wait_import(&handle, &fast_jobs(), |p| {
                retries += usize::from(p.status == "retrying")
            })
            .await;
        let (_, message) = sap_message(outcome);
        assert_eq!(
            message, "Repository not found",
            "{dialect:?}: the job's own result, not a poll error"
        );
        assert!(retries > 0, "{dialect:?}");
    }
}

#[tokio::test]
async fn unknown_job_fails_after_three_retries() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let handle = JobHandle {
            resource: "import".into(),
            job_number: "99999999".into(),
            job_name: String::new(),
        };
        let before = fixture.requests();
        let (_, message) =
            sap_message(fixture.client.wait_job(&handle, &fast_jobs(), |_| {}).await);
        assert_eq!(message, "Job not found", "{dialect:?}");
        assert_eq!(
            fixture.requests() - before,
            4,
            "{dialect:?}: one poll and three retries"
        );
        // The base resources' GET answers the same way (400 there).
        let pull_job = JobHandle {
            resource: "pull".into(),
            ..handle
        };
        let (status, message) = sap_message(
            fixture
                .client
                .wait_job(&pull_job, &fast_jobs(), |_| {})
                .await,
        );
        assert_eq!(
            (status, message.as_str()),
            (400, "Job not found"),
            "{dialect:?}"
        );
    }
}

#[tokio::test]
async fn slow_job_times_out_and_can_be_reattached_later() {
    let fixture = start_with(
        SandboxConfig {
            job_speed: 0.05,
            ..SandboxConfig::default()
        },
        |_| {},
    )
    .await;
    let handle = fixture
        .client
        .import(&import_request(), None)
        .await
        .expect("import");
    let short = JobOptions {
        timeout: Duration::from_millis(300),
        ..fast_jobs()
    };
    let outcome = fixture.client.wait_job(&handle, &short, |_| {}).await;
    assert!(
        matches!(
            outcome,
            Err(SapError::Timeout {
                phase: TimeoutPhase::Job,
                ..
            })
        ),
        "{outcome:?}"
    );

    // Re-attach from stored data: the job is still known and still running.
    let stored = serde_json::to_value(&handle).expect("store");
    let handle: JobHandle = serde_json::from_value(stored).expect("load");
    let mut seen = Vec::new();
    let again = fixture
        .client
        .wait_job(&handle, &short, |p| seen.push(p.status))
        .await;
    assert!(matches!(again, Err(SapError::Timeout { .. })));
    assert!(
        seen.iter()
            .all(|s| s == "scheduled" || s == "starting" || s == "running"),
        "{seen:?}"
    );
    assert!(!seen.is_empty());
}

#[tokio::test]
async fn dropping_the_wait_stops_polling() {
    let fixture = start_with(
        SandboxConfig {
            job_speed: 0.05,
            ..SandboxConfig::default()
        },
        |_| {},
    )
    .await;
    let handle = fixture
        .client
        .import(&import_request(), None)
        .await
        .expect("import");
    let options = fast_jobs();
    let wait = fixture.client.wait_job(&handle, &options, |_| {});
    let cancelled = tokio::time::timeout(Duration::from_millis(150), wait).await;
    assert!(cancelled.is_err(), "still running when dropped");
    // A poll sent just before the drop may reach the server a moment later: let it land.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let after_drop = fixture.requests();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        fixture.requests(),
        after_drop,
        "no polls after the future was dropped"
    );
}

#[tokio::test]
async fn import_of_a_registered_repository_stages_files() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = ImportRequest {
            url: "https://github.com/agent-desk/zflight.git".into(),
            ..ImportRequest::default()
        };
        let handle = fixture.client.import(&request, None).await.expect("import");
        let mut progress: Vec<JobProgress> = Vec::new();
        let result = fixture
            .client
            .wait_import(&handle, &fast_jobs(), |p| progress.push(p))
            .await
            .expect("import result");
        assert!(result.files_staged > 0, "{dialect:?}: {result:?}");
        assert_eq!(
            result.commit_message, "feat: initial import from ABAP package ZFLIGHT",
            "{dialect:?}"
        );
        let staging: Vec<&JobProgress> = progress
            .iter()
            .filter(|p| p.stage.as_deref() == Some("STAGE_FILES"))
            .collect();
        assert!(!staging.is_empty(), "{dialect:?}: {progress:?}");
        assert!(
            staging
                .iter()
                .all(|p| p.total.is_some_and(|t| t == result.files_staged) || p.total.is_none()),
            "{dialect:?}: {staging:?}"
        );
        assert!(
            progress
                .windows(2)
                .all(|w| w[0].percent <= w[1].percent || w[1].percent.is_none()),
            "{dialect:?}: progress only grows"
        );
        assert_eq!(progress.last().and_then(|p| p.percent), Some(100));
    }
}
