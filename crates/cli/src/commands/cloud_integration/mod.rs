//! `cpi`: SAP Cloud Integration, one `CloudIntegrationClient` call per command as the app's
//! Cloud Integration commands. `cpi deploy --wait` watches with the crate's
//! `wait_for_deploy`, the watch of the app's deploy job, and fails as that job fails.

mod messages;

use std::time::Duration;

use cloud_integration::{
    ArtifactKind, DeployOutcome, RuntimeFilter, WaitOptions, RUNTIME_STATUSES,
};
use profiles::ServiceKind;
use sap_http::SapError;
use serde::Serialize;

use super::confirm;
use crate::cli::{ArtifactKindArg, CpiCommand};
use crate::context::Run;
use crate::exit::{CliError, CliResult, Exit};
use crate::output::{fields, table, Report};
use crate::progress::Progress;

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
        CpiCommand::Messages(args) => messages::messages(run, args).await,
        CpiCommand::Message { guid } => messages::message(run, guid).await,
        CpiCommand::Endpoints => endpoints(run).await,
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

async fn endpoints(run: &mut Run) -> CliResult<Report> {
    let endpoints = run.cloud_integration()?.service_endpoints().await?;
    let rows: Vec<[String; 4]> = endpoints
        .iter()
        .flat_map(|endpoint| {
            endpoint.entry_points.iter().map(|point| {
                [
                    endpoint.name.clone(),
                    or_empty(&endpoint.protocol),
                    or_empty(&point.entry_type),
                    point.url.clone(),
                ]
            })
        })
        .collect();
    let text = if rows.is_empty() {
        "No endpoints: no deployed flow has a sender endpoint.\n".to_owned()
    } else {
        table(["flow", "protocol", "type", "url"], rows)
    };
    Ok(Report::new(&endpoints, text))
}
