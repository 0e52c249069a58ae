//! `bridge`: the mobile transaction bridge, one `BridgeApp` call per command as the app's
//! Transactions area (`Login` before the first call, `Logout` at the end of the run), and
//! `bridge mass-run`, the crate's mass run with its journal.

use std::path::Path;
use std::sync::Arc;

use profiles::ServiceKind;
use serde::Serialize;
use serde_json::Value;
use transaction_bridge::mass_run::{
    status_name, MassRow, MassRun, MassRunSummary, RowStatus, StopSignal,
};
use transaction_bridge::{
    AppMetadata, BridgeApp, BridgeError, BridgeFailure, BridgeState, FailureReason, Inputs,
    Operation, OperationKind, OperationResult, OutputField, Remedy,
};

use super::write_text_file;
use crate::cli::BridgeCommand;
use crate::context::Run;
use crate::exit::{CliError, CliResult};
use crate::output::{any_table, fields, table, Report};
use crate::progress::Progress;

/// A CSV of rows is read up to this size (as the app's open dialog).
const MAX_CSV_BYTES: u64 = 32 * 1024 * 1024;

pub async fn execute(run: &mut Run, command: &BridgeCommand) -> CliResult<Report> {
    match command {
        BridgeCommand::Apps => apps(run).await,
        BridgeCommand::Ops { app } => operations(run, app).await,
        BridgeCommand::Run {
            app,
            operation,
            params,
        } => run_operation(run, app, operation, params).await,
        BridgeCommand::Home { app } => home(run, app).await,
        BridgeCommand::MassRun {
            app,
            operation,
            csv_file,
            journal,
            retry_failed,
            retry_rows,
            results,
        } => {
            let request = MassRunRequest {
                csv_file: csv_file.as_deref(),
                journal: journal.as_deref(),
                retry_failed: *retry_failed,
                retry_rows,
                results: results.as_deref(),
            };
            mass_run(run, app, operation, &request).await
        }
    }
}

#[derive(Serialize)]
struct AppSummary {
    app_id: String,
    url: String,
    /// Recorded sequences (without Login, Logout, Home); `null` when the app cannot be read.
    operations: Option<usize>,
    /// Why the app cannot be used (not published, unusable metadata).
    problem: Option<String>,
}

/// The system's apps with the number of their operations; an app the bridge does not know
/// is listed with the reason (exit 1), a logon or network problem ends the command.
async fn apps(run: &mut Run) -> CliResult<Report> {
    let settings = run.system()?.settings(ServiceKind::TransactionBridge)?;
    if settings.app_ids.is_empty() {
        return Err(CliError::usage(
            "the system names no app: give an app's URL (https://host/mtb-bridge/odata/app/<appId>/), or name the app: `adesk bridge ops <app>`",
        ));
    }
    let mut apps = Vec::new();
    for app_id in &settings.app_ids {
        let app = run.bridge_app(app_id)?;
        let (operations, problem) = match app.metadata().await {
            Ok(metadata) => (Some(recorded(&metadata).count()), None),
            Err(BridgeError::Bridge(failure)) => (None, Some(failure.message)),
            Err(BridgeError::Sap(error)) => return Err(error.into()),
        };
        apps.push(AppSummary {
            app_id: app.app_id().to_owned(),
            url: app.session().config().base_url.to_string(),
            operations,
            problem,
        });
    }
    let text = table(
        ["app", "operations", "url"],
        apps.iter().map(|app| {
            [
                app.app_id.clone(),
                match (&app.operations, &app.problem) {
                    (Some(count), _) => count.to_string(),
                    (None, Some(problem)) => problem.clone(),
                    (None, None) => String::new(),
                },
                app.url.clone(),
            ]
        }),
    );
    let any_problem = apps.iter().any(|app| app.problem.is_some());
    Ok(Report::new(&apps, text).findings_if(any_problem))
}

/// The recorded sequences: every operation but `Login`, `Logout` and `Home`.
fn recorded(metadata: &AppMetadata) -> impl Iterator<Item = &Operation> {
    metadata.operations.iter().filter(|op| !op.generic)
}

#[derive(Serialize)]
struct AppOperations<'a> {
    app_id: &'a str,
    namespace: &'a str,
    operations: Vec<&'a Operation>,
}

async fn operations(run: &mut Run, app_id: &str) -> CliResult<Report> {
    let app = run.bridge_app(app_id)?;
    let metadata = app.metadata().await?;
    let mut text = String::new();
    for operation in recorded(&metadata) {
        text.push_str(&describe_operation(operation));
    }
    text.push_str(
        "Login, Logout and Home are the session's own: adesk logs on before the first call and off at the end; `bridge home APP` goes back to the first screen.\n",
    );
    let result = AppOperations {
        app_id: app.app_id(),
        namespace: &metadata.namespace,
        operations: recorded(&metadata).collect(),
    };
    Ok(Report::new(&result, text))
}

fn describe_operation(operation: &Operation) -> String {
    let kind = match operation.kind {
        OperationKind::Action => "action, may change data",
        OperationKind::Function => "function, reads",
    };
    let mut text = format!("{} ({kind})\n", operation.name);
    if let Some(problem) = &operation.problem {
        text.push_str(&format!("  cannot be run: {problem}\n"));
    }
    if !operation.parameters.is_empty() {
        let parameters = any_table(
            &["PARAMETER", "TYPE", "REQUIRED", "MAX LENGTH"],
            operation.parameters.iter().map(|p| {
                [
                    p.name.clone(),
                    p.edm_type.name().to_owned(),
                    if p.required { "yes" } else { "" }.to_owned(),
                    p.max_length.map(|m| m.to_string()).unwrap_or_default(),
                ]
            }),
        );
        for line in parameters.lines() {
            text.push_str(&format!("  {line}\n"));
        }
    }
    if !operation.output.is_empty() {
        let outputs: Vec<String> = operation.output.iter().map(describe_output).collect();
        text.push_str(&format!("  output: {}\n", outputs.join(", ")));
    }
    text.push('\n');
    text
}

/// `Name`, `Table[] (A, B)`, `Structure (A, B)`.
fn describe_output(field: &OutputField) -> String {
    let brackets = if field.collection { "[]" } else { "" };
    if field.fields.is_empty() {
        return format!("{}{brackets}", field.name);
    }
    let inner: Vec<String> = field.fields.iter().map(describe_output).collect();
    format!("{}{brackets} ({})", field.name, inner.join(", "))
}

/// `NAME=VALUE` pairs as the operation's inputs (checked against its parameters by the
/// crate before anything is sent).
fn parse_params(params: &[String]) -> CliResult<Inputs> {
    let mut inputs = Inputs::new();
    for pair in params {
        let (name, value) = pair.split_once('=').ok_or_else(|| {
            CliError::usage(format!(
                "--param {pair:?}: NAME=VALUE, e.g. --param UserName=JDOE"
            ))
        })?;
        let name = name.trim();
        if name.is_empty() {
            return Err(CliError::usage(format!("--param {pair:?}: no name")));
        }
        if inputs.insert(name.to_owned(), value.to_owned()).is_some() {
            return Err(CliError::usage(format!("--param {name} is given twice")));
        }
    }
    Ok(inputs)
}

async fn run_operation(
    run: &mut Run,
    app_id: &str,
    operation: &str,
    params: &[String],
) -> CliResult<Report> {
    let inputs = parse_params(params)?;
    let app = run.bridge_app(app_id)?;
    let result = app.run(operation, &inputs).await?;
    let metadata = app.metadata().await?;
    let text = describe_result(&result, metadata.operation(operation));
    Ok(Report::new(&result, text))
}

async fn home(run: &mut Run, app_id: &str) -> CliResult<Report> {
    let app = run.bridge_app(app_id)?;
    let state = app.home().await?;
    let mut text = describe_state(&state);
    if text.is_empty() {
        text = format!("{}: back on the first screen.\n", app.app_id());
    }
    Ok(Report::new(&state, text))
}

/// SAP GUI's status bar and the operations that may follow.
fn describe_state(state: &BridgeState) -> String {
    let mut text = String::new();
    if let Some(bar) = &state.status_bar {
        if !bar.text.is_empty() {
            let letter = bar.message_type.letter();
            match letter {
                "" => text.push_str(&format!("{}\n", bar.text)),
                _ => text.push_str(&format!("[{letter}] {}\n", bar.text)),
            }
        }
    }
    if !state.subsequent_actions.is_empty() {
        text.push_str(&format!("Next: {}\n", state.subsequent_actions.join(", ")));
    }
    text
}

/// The status bar, scalar outputs as fields, structures indented, tables as tables (in the
/// order the metadata declares them), then the operations that may follow.
fn describe_result(result: &OperationResult, operation: Option<&Operation>) -> String {
    let mut text = String::new();
    if let Some(bar) = result
        .state
        .status_bar
        .as_ref()
        .filter(|b| !b.text.is_empty())
    {
        match bar.message_type.letter() {
            "" => text.push_str(&format!("{}\n", bar.text)),
            letter => text.push_str(&format!("[{letter}] {}\n", bar.text)),
        }
    }
    if let Value::Object(output) = &result.output {
        let declared: Vec<OutputField> = operation.map(|op| op.output.clone()).unwrap_or_default();
        let names: Vec<String> = if declared.is_empty() {
            output.keys().cloned().collect()
        } else {
            declared.iter().map(|field| field.name.clone()).collect()
        };
        let mut scalars = Vec::new();
        let mut blocks = String::new();
        for name in &names {
            let value = output.get(name).unwrap_or(&Value::Null);
            let columns: Vec<String> = declared
                .iter()
                .find(|field| &field.name == name)
                .map(|field| field.fields.iter().map(|f| f.name.clone()).collect())
                .unwrap_or_default();
            match value {
                Value::Array(rows) => {
                    let count = match rows.len() {
                        1 => "1 row".to_owned(),
                        n => format!("{n} rows"),
                    };
                    blocks.push_str(&format!("\n{name} ({count})\n"));
                    blocks.push_str(&rows_table(rows, columns));
                }
                Value::Object(structure) => {
                    blocks.push_str(&format!("\n{name}\n"));
                    let pairs: Vec<(&str, String)> = structure
                        .iter()
                        .map(|(key, value)| (key.as_str(), cell(value)))
                        .collect();
                    for line in fields(&pairs).lines() {
                        blocks.push_str(&format!("  {line}\n"));
                    }
                }
                other => scalars.push((name.as_str(), cell(other))),
            }
        }
        text.push_str(&fields(&scalars));
        text.push_str(&blocks);
    }
    if !result.state.subsequent_actions.is_empty() {
        text.push_str(&format!(
            "\nNext: {}\n",
            result.state.subsequent_actions.join(", ")
        ));
    }
    if text.is_empty() {
        text = format!("{}: done.\n", result.operation);
    }
    text
}

/// A table's rows: columns as declared (else as the first row has them); a table of
/// scalars has one column.
fn rows_table(rows: &[Value], declared: Vec<String>) -> String {
    let columns = if !declared.is_empty() {
        declared
    } else {
        match rows.first() {
            Some(Value::Object(first)) => first.keys().cloned().collect(),
            _ => vec!["value".to_owned()],
        }
    };
    let headers: Vec<&str> = columns.iter().map(String::as_str).collect();
    any_table(
        &headers,
        rows.iter().map(|row| match row {
            Value::Object(row) => columns
                .iter()
                .map(|column| cell(row.get(column).unwrap_or(&Value::Null)))
                .collect::<Vec<_>>(),
            scalar => vec![cell(scalar)],
        }),
    )
}

/// A value in a cell: text as it is, nested tables and structures as compact JSON.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// What `bridge mass-run` was asked to do.
struct MassRunRequest<'a> {
    csv_file: Option<&'a Path>,
    journal: Option<&'a Path>,
    retry_failed: bool,
    retry_rows: &'a [u32],
    results: Option<&'a Path>,
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
async fn mass_run(
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
        let operation = runnable(&metadata, operation)?;
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
    let report = MassRunReport {
        app_id: mass.app_id(),
        operation: mass.operation(),
        journal: request.journal.map(|path| path.display().to_string()),
        resumed,
        summary: summary.clone(),
        rows: mass.rows(),
    };
    Ok(Report::new(&report, text)
        .with_csv(results)
        .findings_if(incomplete))
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

/// The operation, if the app declares it and it can be run for rows.
fn runnable<'m>(metadata: &'m AppMetadata, name: &str) -> CliResult<&'m Operation> {
    let operation = metadata.operation(name).ok_or_else(|| {
        BridgeFailure::new(
            FailureReason::SequenceNotFound,
            Remedy::CheckRecording,
            format!("The app's metadata declares no operation {name}."),
        )
        .operation(name)
    });
    let operation = operation.map_err(|failure| CliError::from(BridgeError::from(failure)))?;
    let refused = match (&operation.problem, operation.generic) {
        (Some(problem), _) => format!("{name} cannot be run: {problem}"),
        (None, true) => format!("{name} is the session's own operation and is not run for rows"),
        (None, false) => return Ok(operation),
    };
    Err(BridgeError::from(BridgeFailure::metadata(refused).operation(name)).into())
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
