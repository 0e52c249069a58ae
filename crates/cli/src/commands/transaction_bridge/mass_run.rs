//! `bridge mass-run`: the crate's mass run with its journal: every row checked before the
//! start, rows one at a time with a progress line each, a summary, resume from the journal.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use transaction_bridge::mass_run::{
    status_name, MassRow, MassRun, MassRunSummary, RowStatus, StopSignal,
};
use transaction_bridge::BridgeApp;

use crate::commands::write_text_file;
use crate::context::Run;
use crate::exit::{CliError, CliResult, Exit};
use crate::output::{any_table, Report};
use crate::progress::Progress;

/// A CSV of rows is read up to this size (as the app's open dialog).
const MAX_CSV_BYTES: u64 = 32 * 1024 * 1024;

/// What `bridge mass-run` was asked to do.
pub struct MassRunRequest<'a> {
    pub csv_file: Option<&'a Path>,
    pub journal: Option<&'a Path>,
    pub retry_failed: bool,
    pub retry_rows: &'a [u32],
    pub results: Option<&'a Path>,
}

#[derive(Serialize)]
struct MassRunReport<'a> {
    app_id: &'a str,
    operation: &'a str,
    /// The journal that keeps the run (`null`: a temporary one, gone after the command).
    journal: Option<String>,
    /// The run went on from an existing journal.
    resumed: bool,
    summary: MassRunSummary,
    rows: &'a [MassRow],
}

/// Checks every row of the CSV first (nothing is sent when one is wrong), then runs the
/// pending rows one at a time on the app's session with the crate's mass run. With
/// `--journal` an existing journal is resumed: rows that got an answer are not sent again,
/// a row sent without an answer only with `--retry-rows`.
pub async fn mass_run(
    run: &mut Run,
    app_id: &str,
    operation: &str,
    request: &MassRunRequest<'_>,
) -> CliResult<Report> {
    let app = run.bridge_app(app_id)?;
    let resumed = request.journal.is_some_and(Path::exists);
    // Without --journal the run is kept in a temporary folder, removed at the end.
    let (journal, _temporary) = match request.journal {
        Some(path) => (path.to_owned(), None),
        None => {
            let folder = tempfile::tempdir().map_err(|error| {
                CliError::input(format!("cannot create a temporary journal: {error}"))
            })?;
            (folder.path().join("mass-run.jsonl"), Some(folder))
        }
    };
    let mut mass = if resumed {
        open_journal(&journal, &app, operation)?
    } else {
        let csv_file = request.csv_file.ok_or_else(|| {
            CliError::usage(
                "--csv-file FILE: the rows to run (or --journal FILE of an earlier run)",
            )
        })?;
        let csv = read_csv(csv_file)?;
        let metadata = app.metadata().await?;
        let operation = metadata.runnable_for_rows(operation)?;
        MassRun::create(&journal, app.app_id(), operation, &csv)?
    };
    if request.retry_failed {
        mass.retry_failed()?;
    }
    if !request.retry_rows.is_empty() {
        mass.retry_rows(request.retry_rows)?;
    }
    if resumed && !run.output.quiet {
        eprintln!(
            "{}: resuming from {} (the CSV is not read again)",
            mass.operation(),
            journal.display()
        );
    }
    run.set_interrupt_note(Some(match request.journal {
        Some(path) => format!(
            "the rows answered so far are in {}: the same command resumes the run",
            path.display()
        ),
        None => "the rows sent so far ran; without --journal the run cannot be resumed".to_owned(),
    }));
    let mut progress = Progress::start(run.progress, &format!("mass-run {}", mass.operation()));
    let stop = StopSignal::default();
    run.set_graceful_stop(Some(stop.clone()));
    let outcome = mass
        .run(&app, &stop, |step, row| {
            let summary = &step.summary;
            let done = summary.total - summary.pending;
            let error = match row.status {
                RowStatus::Failed | RowStatus::Unknown => format!(": {}", row_error(row)),
                _ => String::new(),
            };
            progress.say(
                (summary.total > 0).then(|| done * 100 / summary.total),
                format!(
                    "row {} {}{error} ({done} of {} done, {} failed)",
                    row.number,
                    status_name(row.status),
                    summary.total,
                    summary.failed
                ),
            );
        })
        .await;
    run.set_interrupt_note(None);
    run.set_graceful_stop(None);
    let summary = match outcome {
        Ok(summary) => summary,
        Err(error) => {
            progress.finish("stopped");
            return Err(error.into());
        }
    };
    progress.finish(&format!(
        "{} succeeded, {} failed",
        summary.succeeded, summary.failed
    ));
    let results = mass.export_csv()?;
    if let Some(path) = request.results {
        write_text_file(path, &results)?;
    }
    let text = mass_run_text(&mass, &summary, request);
    let incomplete = summary.failed > 0 || summary.unknown > 0 || summary.pending > 0;
    let stopped_by_user = stop.is_stopped() && summary.pending > 0;
    let report = MassRunReport {
        app_id: mass.app_id(),
        operation: mass.operation(),
        journal: request.journal.map(|path| path.display().to_string()),
        resumed,
        summary: summary.clone(),
        rows: mass.rows(),
    };
    let mut report = Report::new(&report, text)
        .with_csv(results)
        .findings_if(incomplete);
    if stopped_by_user {
        report.exit = Exit::Interrupted;
    }
    Ok(report)
}

/// An earlier run's journal, if it is a run of this app and operation.
fn open_journal(path: &Path, app: &Arc<BridgeApp>, operation: &str) -> CliResult<MassRun> {
    let mass = MassRun::open(path)?;
    if mass.app_id() != app.app_id() || mass.operation() != operation {
        return Err(CliError::usage(format!(
            "{} is the journal of {} in {}, not of {operation} in {}: give another --journal",
            path.display(),
            mass.operation(),
            mass.app_id(),
            app.app_id()
        )));
    }
    Ok(mass)
}

fn read_csv(path: &Path) -> CliResult<String> {
    use std::io::Read;
    let cannot = |error: &dyn std::fmt::Display| {
        CliError::input(format!("cannot read {}: {error}", path.display()))
    };
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_CSV_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| cannot(&error))?;
    } else {
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_CSV_BYTES + 1).read_to_end(&mut bytes))
            .map_err(|error| cannot(&error))?;
    }
    if bytes.len() as u64 > MAX_CSV_BYTES {
        return Err(CliError::input(format!(
            "{} is larger than {} MB",
            path.display(),
            MAX_CSV_BYTES / 1024 / 1024
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| CliError::input(format!("{} is not UTF-8 text", path.display())))
}

/// Why a row did not succeed, shortest first: SAP GUI's status bar when it said something,
/// else the error, with the fields at fault.
fn row_error(row: &MassRow) -> String {
    let Some(outcome) = &row.outcome else {
        return "sent, no answer: check in the system whether it ran".into();
    };
    if let Some(bar) = outcome
        .status_bar
        .as_ref()
        .filter(|bar| !bar.text.is_empty())
    {
        return bar.text.clone();
    }
    let Some(error) = &outcome.error else {
        return String::new();
    };
    let fields: Vec<String> = error
        .fields
        .iter()
        .map(|f| format!("{}: {}", f.field, f.message))
        .collect();
    match fields.is_empty() {
        true => error.message.clone(),
        false => format!("{} ({})", error.message, fields.join("; ")),
    }
}

fn mass_run_text(mass: &MassRun, summary: &MassRunSummary, request: &MassRunRequest) -> String {
    let mut text = format!(
        "{} in {}: {} rows, {} succeeded, {} failed, {} unknown, {} not run\n",
        mass.operation(),
        mass.app_id(),
        summary.total,
        summary.succeeded,
        summary.failed,
        summary.unknown,
        summary.pending
    );
    let problems = mass
        .rows()
        .iter()
        .filter(|row| matches!(row.status, RowStatus::Failed | RowStatus::Unknown));
    let problem_rows = any_table(
        &["ROW", "STATUS", "ERROR"],
        problems.map(|row| {
            [
                row.number.to_string(),
                status_name(row.status).to_owned(),
                row_error(row),
            ]
        }),
    );
    text.push_str(&problem_rows);
    if let Some(stopped) = &summary.stopped {
        text.push_str(&format!("Stopped: {stopped}\n"));
    }
    if let Some(path) = request.results {
        text.push_str(&format!("Results written to {}\n", path.display()));
    }
    match request.journal {
        Some(journal) if summary.failed > 0 || summary.unknown > 0 || summary.pending > 0 => {
            text.push_str(&format!(
                "The journal {} keeps the run: run the command again to go on, with --retry-failed to send the failed rows again (after correcting the back end), --retry-rows N for a row sent without an answer once you checked it did not run.\n",
                journal.display()
            ));
        }
        _ => {}
    }
    text
}
