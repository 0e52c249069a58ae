//! `bridge`: the mobile transaction bridge, one `BridgeApp` call per command as the app's
//! Transactions area (`Login` before the first call, `Logout` at the end of the run), and
//! `bridge mass-run`, the crate's mass run with its journal.

mod mass_run;

use profiles::ServiceKind;
use serde::Serialize;
use serde_json::Value;
use transaction_bridge::{
    AppMetadata, BridgeError, BridgeState, Inputs, Operation, OperationKind, OperationResult,
    OutputField,
};

use crate::cli::BridgeCommand;
use crate::context::Run;
use crate::exit::{CliError, CliResult};
use crate::output::{any_table, fields, table, Report};
use mass_run::{mass_run, MassRunRequest};

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
