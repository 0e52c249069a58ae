//! `cpi`: SAP Cloud Integration, one `CloudIntegrationClient` call per command as the app's
//! Cloud Integration commands. `cpi deploy --wait` watches with the crate's
//! `wait_for_deploy`, the watch of the app's deploy job, and fails as that job fails.

use std::path::Path;
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use cloud_integration::{
    messages_csv, ArtifactKind, CustomHeaderFilter, DeployOutcome, MessageFilter, MessageLog,
    MessageStatus, RuntimeFilter, WaitOptions, RUNTIME_STATUSES,
};
use profiles::ServiceKind;
use sap_http::SapError;
use serde::Serialize;

use super::{confirm, write_text_file};
use crate::cli::{ArtifactKindArg, CpiCommand, MessagesArgs};
use crate::context::Run;
use crate::exit::{CliError, CliResult, Exit};
use crate::output::{fields, table, Report};
use crate::progress::Progress;

/// Messages shown or exported at most, as the app's export.
const MAX_MESSAGES: u32 = 100_000;

pub async fn execute(run: &mut Run, command: &CpiCommand) -> CliResult<Report> {
    match command {
        CpiCommand::Packages => packages(run).await,
        CpiCommand::Artifacts { package } => artifacts(run, package).await,
        CpiCommand::Deploy {
            artifact_id,
            kind,
            version,
            wait,
            wait_timeout,
        } => {
            let kind = artifact_kind(*kind);
            match wait {
                false => deploy(run, kind, artifact_id, version).await,
                true => deploy_and_wait(run, kind, artifact_id, version, *wait_timeout).await,
            }
        }
        CpiCommand::Undeploy { artifact_id, yes } => undeploy(run, artifact_id, *yes).await,
        CpiCommand::Runtime { statuses, name } => runtime(run, statuses, name.clone()).await,
        CpiCommand::Messages(args) => messages(run, args).await,
    }
}

fn artifact_kind(kind: ArtifactKindArg) -> ArtifactKind {
    match kind {
        ArtifactKindArg::IntegrationFlow => ArtifactKind::IntegrationFlow,
        ArtifactKindArg::ValueMapping => ArtifactKind::ValueMapping,
        ArtifactKindArg::MessageMapping => ArtifactKind::MessageMapping,
        ArtifactKindArg::ScriptCollection => ArtifactKind::ScriptCollection,
    }
}

fn or_empty(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

async fn packages(run: &mut Run) -> CliResult<Report> {
    let packages = run.cloud_integration()?.packages().await?;
    let text = if packages.is_empty() {
        "No integration packages.\n".to_owned()
    } else {
        table(
            [
                "id",
                "name",
                "version",
                "mode",
                "modified by",
                "modified at",
            ],
            packages.iter().map(|p| {
                [
                    p.id.clone(),
                    p.name.clone(),
                    or_empty(&p.version),
                    or_empty(&p.mode),
                    or_empty(&p.modified_by),
                    or_empty(&p.modified_at),
                ]
            }),
        )
    };
    Ok(Report::new(&packages, text))
}

async fn artifacts(run: &mut Run, package: &str) -> CliResult<Report> {
    let artifacts = run.cloud_integration()?.package_artifacts(package).await?;
    let text = if artifacts.is_empty() {
        format!("No artifacts in package {package}.\n")
    } else {
        table(
            [
                "kind",
                "id",
                "version",
                "name",
                "modified by",
                "modified at",
            ],
            artifacts.iter().map(|a| {
                [
                    a.kind.noun().to_owned(),
                    a.id.clone(),
                    a.version.clone(),
                    a.name.clone(),
                    or_empty(&a.modified_by),
                    or_empty(&a.modified_at),
                ]
            }),
        )
    };
    Ok(Report::new(&artifacts, text))
}

/// Changes on an API-key system are refused before anything is sent, with the profile's
/// reason (as the app's Cloud Integration commands refuse them).
fn refuse_if_read_only(run: &mut Run) -> CliResult<()> {
    let settings = run.system()?.settings(ServiceKind::CloudIntegration)?;
    match settings.read_only_reason() {
        Some(message) => Err(SapError::ReadOnly { message }.into()),
        None => Ok(()),
    }
}

#[derive(Serialize)]
struct DeployStarted {
    artifact_id: String,
    kind: ArtifactKind,
    version: String,
    task_id: String,
}

async fn deploy(
    run: &mut Run,
    kind: ArtifactKind,
    artifact_id: &str,
    version: &str,
) -> CliResult<Report> {
    refuse_if_read_only(run)?;
    let task_id = run
        .cloud_integration()?
        .deploy(kind, artifact_id, version)
        .await?;
    let text = format!(
        "Deploying {} {artifact_id} (task {task_id}): `adesk cpi runtime --name {artifact_id}` shows its status, `--wait` waits for it.\n",
        kind.noun()
    );
    let started = DeployStarted {
        artifact_id: artifact_id.to_owned(),
        kind,
        version: version.to_owned(),
        task_id,
    };
    Ok(Report::new(&started, text))
}

/// Deploys and watches the build, then the runtime artifact, until STARTED (exit 0) or
/// ERROR (exit 1 with the tenant's root cause, as the app's deploy job ends).
async fn deploy_and_wait(
    run: &mut Run,
    kind: ArtifactKind,
    artifact_id: &str,
    version: &str,
    wait_seconds: Option<u64>,
) -> CliResult<Report> {
    refuse_if_read_only(run)?;
    if wait_seconds == Some(0) {
        return Err(CliError::usage("--wait-timeout must be at least 1 second"));
    }
    let client = run.cloud_integration()?;
    let task_id = client.deploy(kind, artifact_id, version).await?;
    let options = WaitOptions {
        poll_interval: Duration::from_millis(run.output.poll_ms.max(50)),
        timeout: Duration::from_secs(wait_seconds.unwrap_or(600)),
        ..WaitOptions::default()
    };
    run.set_interrupt_note(Some(format!(
        "the deployment of {artifact_id} goes on (task {task_id}): `adesk cpi runtime --name {artifact_id}` shows its status"
    )));
    let mut progress = Progress::start(run.progress, &format!("deploy {artifact_id}"));
    let watched = client
        .wait_for_deploy(artifact_id, &task_id, &options, |step| {
            progress.say(None, step.message)
        })
        .await;
    run.set_interrupt_note(None);
    let outcome = match watched {
        Ok(outcome) => outcome,
        Err(error) => {
            progress.finish("stopped watching");
            let mut error = CliError::from(error);
            error.message = format!(
                "{} (the deployment goes on: `adesk cpi runtime --name {artifact_id}` shows its status)",
                error.message
            );
            return Err(error);
        }
    };
    if outcome.started() {
        progress.finish("STARTED");
        let artifact = outcome.artifact.as_ref();
        let text = format!(
            "Deployed {} {artifact_id}: STARTED\n{}",
            kind.noun(),
            fields(&[
                (
                    "Version",
                    artifact.and_then(|a| a.version.clone()).unwrap_or_default()
                ),
                (
                    "Deployed by",
                    artifact
                        .and_then(|a| a.deployed_by.clone())
                        .unwrap_or_default()
                ),
                (
                    "Deployed on",
                    artifact
                        .and_then(|a| a.deployed_on.clone())
                        .unwrap_or_default()
                ),
                ("Task", outcome.task_id.clone()),
            ])
        );
        return Ok(Report::new(&outcome, text));
    }
    let failed = deploy_failed(outcome);
    progress.finish("failed");
    Err(failed)
}

/// A deployment that ended in ERROR (or whose build failed): the tenant's root cause first,
/// then every line of its error, as the app's deploy job fails.
fn deploy_failed(outcome: DeployOutcome) -> CliError {
    let error = outcome.error.clone().unwrap_or_else(|| {
        cloud_integration::parse_artifact_error("the tenant gave no error text")
    });
    let state = outcome
        .runtime_status
        .clone()
        .unwrap_or_else(|| outcome.build_status.wire_name().to_owned());
    let mut message = format!("{} is in {state}: {}", outcome.artifact_id, error.summary);
    for line in error.lines.iter().map(|line| line.trim()) {
        if !line.is_empty() && line != error.summary {
            message.push_str(&format!("\n  {line}"));
        }
    }
    CliError::new(Exit::Findings, "deploy_failed", message).with_detail(&outcome)
}

#[derive(Serialize)]
struct Undeployed {
    artifact_id: String,
}

async fn undeploy(run: &mut Run, artifact_id: &str, yes: bool) -> CliResult<Report> {
    confirm(
        yes,
        &format!("undeploy {artifact_id} from the tenant's runtime (senders get errors until it is deployed again)"),
    )?;
    refuse_if_read_only(run)?;
    run.cloud_integration()?.undeploy(artifact_id).await?;
    let text = format!(
        "Undeploying {artifact_id}: the tenant stops it now (STOPPING, then it is gone).\n"
    );
    let result = Undeployed {
        artifact_id: artifact_id.to_owned(),
    };
    Ok(Report::new(&result, text))
}

async fn runtime(run: &mut Run, statuses: &[String], name: Option<String>) -> CliResult<Report> {
    let statuses = statuses
        .iter()
        .map(|status| {
            let status = status.trim().to_ascii_uppercase();
            if RUNTIME_STATUSES.contains(&status.as_str()) {
                Ok(status)
            } else {
                Err(CliError::usage(format!(
                    "--status {status}: a runtime status is one of {}",
                    RUNTIME_STATUSES.join(", ")
                )))
            }
        })
        .collect::<CliResult<Vec<_>>>()?;
    let filter = RuntimeFilter { statuses, name };
    let artifacts = run.cloud_integration()?.runtime_artifacts(&filter).await?;
    let text = if artifacts.is_empty() {
        "No deployed artifacts match.\n".to_owned()
    } else {
        table(
            [
                "id",
                "name",
                "type",
                "version",
                "status",
                "deployed by",
                "deployed on",
            ],
            artifacts.iter().map(|a| {
                [
                    a.id.clone(),
                    a.name.clone(),
                    or_empty(&a.artifact_type),
                    or_empty(&a.version),
                    a.status.clone(),
                    or_empty(&a.deployed_by),
                    or_empty(&a.deployed_on),
                ]
            }),
        )
    };
    Ok(Report::new(&artifacts, text))
}

#[derive(Serialize)]
struct MessageList {
    filter: MessageFilter,
    /// Every message of the filter on the tenant (not only those shown).
    total: Option<f64>,
    shown: usize,
    /// FAILED messages of the filter, counted with `--fail-on-failed`.
    failed: Option<f64>,
    csv_file: Option<String>,
    messages: Vec<MessageLog>,
}

/// The monitor's list: newest first, pages followed until `--limit`, the window fixed when
/// the command starts (so that list, count and export are one snapshot).
async fn messages(run: &mut Run, args: &MessagesArgs) -> CliResult<Report> {
    if args.limit == 0 || args.limit > MAX_MESSAGES {
        return Err(CliError::usage(format!(
            "--limit: between 1 and {MAX_MESSAGES}"
        )));
    }
    let filter = message_filter(args)?;
    // Checked before anything is sent: an unreadable time is the caller's, named by its flag.
    filter.to_query().map_err(filter_error)?;
    let client = run.cloud_integration()?;
    let limit = args.limit as usize;
    let mut rows: Vec<MessageLog> = Vec::new();
    let mut total = None;
    let mut next: Option<String> = None;
    loop {
        let page = client.messages(&filter, next.as_deref()).await?;
        total = total.or(page.total);
        rows.extend(page.messages);
        next = page.next_page;
        if next.is_none() || rows.len() >= limit {
            break;
        }
    }
    rows.truncate(limit);
    let failed = match args.fail_on_failed {
        true => Some(failed_count(&client, &filter).await?),
        false => None,
    };
    let csv = messages_csv(&rows)?;
    if let Some(path) = &args.csv_file {
        write_text_file(path, &csv)?;
    }
    let text = messages_text(&rows, total, failed, args.csv_file.as_deref());
    let list = MessageList {
        filter,
        total,
        shown: rows.len(),
        failed,
        csv_file: args.csv_file.as_ref().map(|p| p.display().to_string()),
        messages: rows,
    };
    Ok(Report::new(&list, text)
        .with_csv(csv)
        .findings_if(failed.is_some_and(|count| count > 0.0)))
}

/// FAILED messages of the filter (none when its statuses leave FAILED out): one `$count`.
async fn failed_count(
    client: &cloud_integration::CloudIntegrationClient,
    filter: &MessageFilter,
) -> CliResult<f64> {
    if !filter.statuses.is_empty() && !filter.statuses.contains(&MessageStatus::Failed) {
        return Ok(0.0);
    }
    let only_failed = MessageFilter {
        statuses: vec![MessageStatus::Failed],
        ..filter.clone()
    };
    let counts = client.message_counts(&only_failed).await?;
    Ok(counts.iter().map(|count| count.count).sum())
}

fn message_filter(args: &MessagesArgs) -> CliResult<MessageFilter> {
    let statuses = args
        .statuses
        .iter()
        .map(|status| {
            MessageStatus::parse(status).ok_or_else(|| {
                CliError::usage(format!(
                    "--status {status}: a message status is one of {}",
                    MessageStatus::ALL
                        .iter()
                        .map(|s| s.wire_name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
        })
        .collect::<CliResult<Vec<_>>>()?;
    let (from, to) = match &args.last {
        Some(last) => {
            let span = parse_duration(last)?;
            let now = Utc::now();
            let from = now - span;
            (
                Some(from.to_rfc3339_opts(SecondsFormat::Millis, true)),
                Some(now.to_rfc3339_opts(SecondsFormat::Millis, true)),
            )
        }
        None => (args.since.clone(), args.until.clone()),
    };
    let custom_header = match &args.header {
        None => None,
        Some(pair) => {
            let (name, value) = pair.split_once('=').ok_or_else(|| {
                CliError::usage(format!(
                    "--header {pair:?}: NAME=VALUE, e.g. --header OrderNumber=4711"
                ))
            })?;
            Some(CustomHeaderFilter {
                name: name.trim().to_owned(),
                value: value.to_owned(),
            })
        }
    };
    Ok(MessageFilter {
        statuses,
        from,
        to,
        integration_flow: args.flow.clone(),
        sender: args.sender.clone(),
        receiver: args.receiver.clone(),
        application_message_id: args.app_message_id.clone(),
        correlation_id: args.correlation_id.clone(),
        custom_header,
    })
}

/// A filter the crate refused, named by the flag that set the field.
fn filter_error(error: SapError) -> CliError {
    match error {
        SapError::Config { field, message } => {
            let flag = match field.as_str() {
                "from" => "--since",
                "to" => "--until",
                "custom_header" => "--header",
                other => other,
            };
            CliError::usage(format!("{flag}: {message}"))
        }
        other => other.into(),
    }
}

/// `30m`, `1h`, `24h`, `7d`, `90s`, `2w`.
fn parse_duration(text: &str) -> CliResult<chrono::Duration> {
    let text = text.trim();
    let refused = || {
        CliError::usage(format!(
            "--last {text:?}: a number and a unit (s, m, h, d, w), e.g. 30m, 1h, 7d"
        ))
    };
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(refused)?;
    let (number, unit) = text.split_at(split);
    let number: i64 = number.parse().map_err(|_| refused())?;
    let seconds = match unit {
        "s" => 1,
        "m" | "min" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        _ => return Err(refused()),
    };
    if number == 0 {
        return Err(refused());
    }
    number
        .checked_mul(seconds)
        .and_then(chrono::Duration::try_seconds)
        .ok_or_else(refused)
}

fn messages_text(
    rows: &[MessageLog],
    total: Option<f64>,
    failed: Option<f64>,
    csv_file: Option<&Path>,
) -> String {
    let mut text = if rows.is_empty() {
        "No messages match.\n".to_owned()
    } else {
        table(
            [
                "log end",
                "status",
                "integration flow",
                "sender",
                "receiver",
                "app message id",
                "message guid",
            ],
            rows.iter().map(|m| {
                [
                    or_empty(&m.log_end),
                    m.status.clone(),
                    or_empty(&m.integration_flow),
                    or_empty(&m.sender),
                    or_empty(&m.receiver),
                    or_empty(&m.application_message_id),
                    m.message_guid.clone(),
                ]
            }),
        )
    };
    if let Some(total) = total.filter(|total| *total as usize > rows.len()) {
        text.push_str(&format!(
            "{} of {} messages, newest first (--limit N shows more).\n",
            rows.len(),
            total as u64
        ));
    }
    if let Some(failed) = failed {
        text.push_str(&format!("FAILED messages: {}\n", failed as u64));
    }
    if let Some(path) = csv_file {
        text.push_str(&format!(
            "Wrote {} messages to {}\n",
            rows.len(),
            path.display()
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(parse_duration("1h").unwrap().num_seconds(), 3_600);
        assert_eq!(parse_duration("30m").unwrap().num_seconds(), 1_800);
        assert_eq!(parse_duration("7d").unwrap().num_seconds(), 604_800);
        for bad in ["", "h", "1", "1y", "0h", "-1h", "99999999999999999999d"] {
            let error = parse_duration(bad).err().unwrap();
            assert!(error.message.starts_with("--last"), "{bad}: {error}");
        }
    }
}
