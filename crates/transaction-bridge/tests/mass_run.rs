//! Mass runs against the sandbox's bridge: bad rows refused before the start, rows failing
//! in the back end, retry of the failed rows after a fix, and a resume after a restart that
//! never sends a row twice.

mod support;

use std::sync::Arc;
use std::time::Duration;

use sandbox::FaultConfig;
use support::{app_with_log, calls_of, inputs, sandbox, MATERIAL_APP, USER_ADMIN_APP};
use transaction_bridge::mass_run::{MassRun, MassRunError, RowStatus, StopSignal};
use transaction_bridge::{CallLog, FailureReason};

const SEEDED_USERS: [&str; 11] = [
    "JSMITH",
    "AWILSON",
    "MMUELLER",
    "TBAKER",
    "LGARCIA",
    "PNGUYEN",
    "KSCHNEIDER",
    "SJOHNSON",
    "RKOWALSKI",
    "EMARTIN",
    "DSMITH",
];

/// `GetUserDetails` for 50 rows: seeded users, and `NOBODY<n>` in the rows given.
fn details_csv(unknown_rows: &[usize]) -> String {
    let mut csv = String::from("UserName\n");
    for row in 1..=50 {
        if unknown_rows.contains(&row) {
            csv.push_str(&format!("NOBODY{row}\n"));
        } else {
            csv.push_str(SEEDED_USERS[row % SEEDED_USERS.len()]);
            csv.push('\n');
        }
    }
    csv
}

#[tokio::test]
async fn bad_rows_are_refused_before_anything_is_sent() {
    let sandbox = sandbox().await;
    let log = Arc::new(CallLog::default());
    let mm03 = app_with_log(&sandbox, MATERIAL_APP, log.clone());
    let metadata = mm03.metadata().await.unwrap();
    let operation = metadata.operation("FindMaterials").unwrap();
    let mut csv = String::from("Description;Plant;MaxHits\n");
    for row in 1..=50 {
        csv.push_str(&match row {
            3 => "pump;1710;ten\n".to_owned(),   // not a number
            10 => "pump;TOOLONG;5\n".to_owned(), // longer than the field
            20 => "pump;1710;\n".to_owned(),     // required, empty
            _ => format!("pump {row};1710;5\n"),
        });
    }

    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("run.jsonl");
    let before = mm03.session().stats().requests;
    let error = MassRun::create(&path, MATERIAL_APP, operation, &csv).unwrap_err();
    let MassRunError::Refused(refused) = error else {
        panic!("not refused: {error:?}");
    };
    let places: Vec<(u32, u32, Option<&str>)> = refused
        .problems
        .iter()
        .map(|p| (p.row, p.line, p.column.as_deref()))
        .collect();
    assert_eq!(
        places,
        [
            (3, 4, Some("MaxHits")),
            (10, 11, Some("Plant")),
            (20, 21, Some("MaxHits"))
        ]
    );
    assert_eq!(refused.rows, 50);
    assert!(!path.exists(), "no run was created");
    assert_eq!(mm03.session().stats().requests, before, "nothing was sent");
    assert_eq!(calls_of(&log, "FindMaterials"), 0);
}

#[tokio::test]
async fn failing_rows_are_retried_after_a_fix_and_exported() {
    let sandbox = sandbox().await;
    let log = Arc::new(CallLog::default());
    let su01 = app_with_log(&sandbox, USER_ADMIN_APP, log.clone());
    let metadata = su01.metadata().await.unwrap();
    let operation = metadata.operation("GetUserDetails").unwrap().clone();
    let folder = tempfile::tempdir().unwrap();
    let mut run = MassRun::create(
        &folder.path().join("run.jsonl"),
        USER_ADMIN_APP,
        &operation,
        &details_csv(&[17, 42]),
    )
    .unwrap();

    let mut reported = Vec::new();
    let summary = run
        .run(&su01, &StopSignal::default(), |progress, row| {
            reported.push((progress.row, row.status))
        })
        .await
        .unwrap();
    assert_eq!(
        (summary.succeeded, summary.failed, summary.pending),
        (48, 2, 0)
    );
    assert_eq!(reported.len(), 50, "progress after every row");
    assert_eq!(calls_of(&log, "GetUserDetails"), 50, "one call per row");
    let failed = &run.rows()[16];
    assert_eq!(failed.status, RowStatus::Failed);
    let error = failed.outcome.as_ref().unwrap().error.as_ref().unwrap();
    assert_eq!(error.reason, Some(FailureReason::BatchExecutionFailed));
    assert!(failed.outcome.as_ref().unwrap().status_bar.is_some());

    // The fix: the two rows name existing users. Only they are sent again.
    for row in [17, 42] {
        run.edit_row(&operation, row, inputs(&[("UserName", "EMARTIN")]))
            .unwrap();
    }
    assert_eq!(run.retry_failed().unwrap(), 2);
    let summary = run
        .run(&su01, &StopSignal::default(), |_, _| {})
        .await
        .unwrap();
    assert_eq!((summary.succeeded, summary.failed), (50, 0));
    assert_eq!(calls_of(&log, "GetUserDetails"), 52);

    let csv = run.export_csv().unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("Row,UserName,Status,Message type,Status bar message,Error"));
    assert!(
        header.contains("LastName") && header.contains("Roles"),
        "{header}"
    );
    assert_eq!(lines.filter(|l| l.contains(",succeeded,")).count(), 50);
}

#[tokio::test]
async fn a_resume_after_a_restart_never_sends_a_row_twice() {
    let sandbox = sandbox().await;
    let log = Arc::new(CallLog::default());
    let su01 = app_with_log(&sandbox, USER_ADMIN_APP, log.clone());
    let metadata = su01.metadata().await.unwrap();
    let operation = metadata.operation("LockUser").unwrap().clone();
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("run.jsonl");
    let users = [
        "JSMITH",
        "AWILSON",
        "MMUELLER",
        "LGARCIA",
        "KSCHNEIDER",
        "SJOHNSON",
    ];
    let csv = format!("UserName\n{}\n", users.join("\n"));
    let mut run = MassRun::create(&path, USER_ADMIN_APP, &operation, &csv).unwrap();

    // The user stops after two rows.
    let stop = StopSignal::default();
    let stopper = stop.clone();
    let summary = run
        .run(&su01, &stop, move |progress, _| {
            if progress.row == 2 {
                stopper.stop();
            }
        })
        .await
        .unwrap();
    assert_eq!((summary.succeeded, summary.pending), (2, 4));
    assert_eq!(summary.stopped.as_deref(), Some("stopped by the user"));

    // Row 3 is being sent when the app is closed: its answer never arrives.
    sandbox.faults().set(FaultConfig {
        latency_ms: 5_000,
        ..FaultConfig::default()
    });
    let cut = tokio::time::timeout(
        Duration::from_millis(500),
        run.run(&su01, &StopSignal::default(), |_, _| {}),
    )
    .await;
    assert!(cut.is_err(), "the run was cut off mid-row");
    drop(run);
    sandbox.faults().set(FaultConfig::default());
    assert_eq!(calls_of(&log, "LockUser"), 3);

    // The restarted app reads the journal: row 3 is unknown and is not sent on resume.
    let mut resumed = MassRun::open(&path).unwrap();
    let statuses: Vec<RowStatus> = resumed.rows().iter().map(|r| r.status).collect();
    assert_eq!(
        statuses,
        [
            RowStatus::Succeeded,
            RowStatus::Succeeded,
            RowStatus::Unknown,
            RowStatus::Pending,
            RowStatus::Pending,
            RowStatus::Pending
        ]
    );
    let fresh = app_with_log(&sandbox, USER_ADMIN_APP, log.clone());
    let summary = resumed
        .run(&fresh, &StopSignal::default(), |_, _| {})
        .await
        .unwrap();
    assert_eq!((summary.succeeded, summary.unknown), (5, 1));
    assert_eq!(calls_of(&log, "LockUser"), 6, "rows 4 to 6 only");
    assert_eq!(
        resumed.retry_failed().unwrap(),
        0,
        "unknown rows wait for the user"
    );

    // The user checked row 3 (the lock did not reach the back end?) and sends it again.
    resumed.retry_rows(&[3]).unwrap();
    let summary = resumed
        .run(&fresh, &StopSignal::default(), |_, _| {})
        .await
        .unwrap();
    assert_eq!(summary.unknown + summary.succeeded + summary.failed, 6);
    assert_eq!(calls_of(&log, "LockUser"), 7);
    assert_eq!(resumed.rows()[2].attempts, 2);
}
