//! One command per SAP Cloud Integration operation (the tenant's OData API `/api/v1`), each
//! one call of `CloudIntegrationClient` on the profile's warm session. Deploy runs as a job
//! (progress, survives navigation and restart). Files are read and written through handles
//! from `pick_files` / `pick_save_file`. Writes on a read-only profile (API key) are refused
//! before anything is sent.

use cloud_integration::{
    ArtifactError, ArtifactKind, BinaryParameter, CloudIntegrationClient, ConfigurationChange,
    ConfigurationParameter, DeployOutcome, DeployPhase, DeployProgress, DesigntimeArtifact,
    IntegrationPackage, KeystoreEntry, LogFile, MessageDetail, MessageFilter, MessagePage,
    NewPackage, OAuth2ClientCredential, Partner, PayloadContent, RuntimeArtifact, RuntimeFilter,
    SavedFile, SecureParameter, ServiceEndpoint, StatusCount, StringParameter, UserCredential,
    WaitOptions,
};
use profiles::{ProfileId, ServiceKind};
use sap_http::SapError;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::error::{AppError, CommandResult};
use crate::file_access::Access;
use crate::jobs::{JobEvent, JobOutcome, JobRecord, JobReporter};
use crate::state::AppState;

/// The job kind of a deployment.
pub const DEPLOY_JOB_KIND: &str = "cpi_deploy";
/// Rows of a CSV export at most.
const MAX_EXPORT_ROWS: usize = 100_000;

/// The Cloud Integration client on the profile's warm session.
fn tenant(state: &AppState, profile_id: &ProfileId) -> Result<CloudIntegrationClient, AppError> {
    let profile = state.book.get(profile_id)?;
    if profile.settings.service_kind != ServiceKind::CloudIntegration {
        return Err(AppError::not_found(
            "service",
            format!(
                "{} is not a Cloud Integration tenant",
                profile.settings.display_name
            ),
        ));
    }
    Ok(CloudIntegrationClient::new(
        state.sessions.session(&state.book, profile_id)?,
    ))
}

/// The client for a change: refused on a read-only profile (API key access).
fn tenant_for_change(
    state: &AppState,
    profile_id: &ProfileId,
) -> Result<CloudIntegrationClient, AppError> {
    if let Some(reason) = state.book.get(profile_id)?.settings.read_only_reason() {
        return Err(AppError::Sap(SapError::ReadOnly { message: reason }));
    }
    tenant(state, profile_id)
}

/// A file written from the tenant.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SavedDownload {
    /// Where it was written.
    pub path: String,
    pub bytes: f64,
    /// The name the tenant suggested (`Content-Disposition`).
    pub suggested_name: Option<String>,
}

/// Streams a download into the file behind `handle`; a failed download leaves no file.
async fn save_to<F, Fut>(
    state: &AppState,
    handle: &str,
    download: F,
) -> CommandResult<SavedDownload>
where
    F: FnOnce(tokio::fs::File) -> Fut,
    Fut: std::future::Future<Output = Result<SavedFile, SapError>>,
{
    let path = state.files.path(handle, Access::Write)?;
    let path = path.display().to_string();
    let file = tokio::fs::File::create(&path)
        .await
        .map_err(|error| AppError::storage(format!("{path}: {error}")))?;
    match download(file).await {
        Ok(saved) => Ok(SavedDownload {
            path,
            bytes: saved.bytes,
            suggested_name: saved.suggested_name,
        }),
        Err(error) => {
            let _ = tokio::fs::remove_file(&path).await;
            Err(error.into())
        }
    }
}

// ----- integration content ----------------------------------------------------------------

/// `GET IntegrationPackages`: the design-time packages.
#[tauri::command]
#[specta::specta]
pub async fn cpi_packages(
    state: State<'_, AppState>,
    profile_id: ProfileId,
) -> CommandResult<Vec<IntegrationPackage>> {
    Ok(tenant(&state, &profile_id)?.packages().await?)
}

/// `GET IntegrationPackages('<Id>')`.
#[tauri::command]
#[specta::specta]
pub async fn cpi_package(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    package_id: String,
) -> CommandResult<IntegrationPackage> {
    Ok(tenant(&state, &profile_id)?.package(&package_id).await?)
}

/// `POST IntegrationPackages`: creates a package (409 when the id exists).
#[tauri::command]
#[specta::specta]
pub async fn cpi_package_create(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    new_package: NewPackage,
) -> CommandResult<IntegrationPackage> {
    let client = tenant_for_change(&state, &profile_id)?;
    Ok(client.create_package(&new_package).await?)
}

/// `DELETE IntegrationPackages('<Id>')`: the tenant deletes asynchronously; deployed
/// artifacts keep running. The UI asks first.
#[tauri::command]
#[specta::specta]
pub async fn cpi_package_delete(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    package_id: String,
) -> CommandResult<()> {
    let client = tenant_for_change(&state, &profile_id)?;
    Ok(client.delete_package(&package_id).await?)
}

/// The package's artifacts of all four kinds (flows, value mappings, message mappings,
/// script collections) with version and modified by/at.
#[tauri::command]
#[specta::specta]
pub async fn cpi_package_artifacts(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    package_id: String,
) -> CommandResult<Vec<DesigntimeArtifact>> {
    Ok(tenant(&state, &profile_id)?
        .package_artifacts(&package_id)
        .await?)
}

/// One design-time artifact; `version` `active` (or empty) for the newest.
#[tauri::command]
#[specta::specta]
pub async fn cpi_artifact(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    kind: ArtifactKind,
    artifact_id: String,
    version: String,
) -> CommandResult<DesigntimeArtifact> {
    Ok(tenant(&state, &profile_id)?
        .artifact(kind, &artifact_id, &version)
        .await?)
}

/// Downloads the package zip into `file` (a handle from `pick_save_file`).
#[tauri::command]
#[specta::specta]
pub async fn cpi_package_save(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    package_id: String,
    file: String,
) -> CommandResult<SavedDownload> {
    let client = tenant(&state, &profile_id)?;
    save_to(&state, &file, |mut sink| async move {
        client.save_package(&package_id, &mut sink).await
    })
    .await
}

/// Downloads an artifact's zip into `file` (a handle from `pick_save_file`).
#[tauri::command]
#[specta::specta]
pub async fn cpi_artifact_save(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    kind: ArtifactKind,
    artifact_id: String,
    version: String,
    file: String,
) -> CommandResult<SavedDownload> {
    let client = tenant(&state, &profile_id)?;
    save_to(&state, &file, |mut sink| async move {
        client
            .save_artifact(kind, &artifact_id, &version, &mut sink)
            .await
    })
    .await
}

/// The configuration parameters of an integration flow.
#[tauri::command]
#[specta::specta]
pub async fn cpi_configurations(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    flow_id: String,
    version: String,
) -> CommandResult<Vec<ConfigurationParameter>> {
    Ok(tenant(&state, &profile_id)?
        .configurations(&flow_id, &version)
        .await?)
}

/// Saves changed configuration parameters (one `PUT` each, in order; the first refusal
/// stops and names the parameter) and answers the parameters as the tenant has them now.
#[tauri::command]
#[specta::specta]
pub async fn cpi_configurations_update(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    flow_id: String,
    version: String,
    changes: Vec<ConfigurationChange>,
) -> CommandResult<Vec<ConfigurationParameter>> {
    let client = tenant_for_change(&state, &profile_id)?;
    client
        .update_configurations(&flow_id, &version, &changes)
        .await?;
    Ok(client.configurations(&flow_id, &version).await?)
}

// ----- deploy and runtime -----------------------------------------------------------------

/// Deploys an artifact as a job: `POST Deploy…DesigntimeArtifact` (202 and a task id), then
/// the job polls `BuildAndDeployStatus` and the runtime artifact until it is STARTED
/// (succeeded, result `cpi_deploy`) or ERROR (failed, with the readable error text). Events go
/// to `channel`; the job survives navigation and is watched again after a restart.
#[tauri::command]
#[specta::specta]
pub async fn cpi_deploy(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    kind: ArtifactKind,
    artifact_id: String,
    version: String,
    channel: Channel<JobEvent>,
) -> CommandResult<JobRecord> {
    let client = tenant_for_change(&state, &profile_id)?;
    let task_id = client.deploy(kind, &artifact_id, &version).await?;
    let title = format!("Deploy {} {artifact_id}", kind.noun());
    let handle = deploy_handle(&artifact_id, &task_id);
    let record = state.jobs.spawn(
        profile_id,
        DEPLOY_JOB_KIND,
        title,
        Some(handle),
        channel,
        move |reporter| watch_deploy(client, artifact_id, task_id, reporter),
    );
    Ok(record)
}

/// The deploy task as the job's server handle: the key to watch it again after a restart.
fn deploy_handle(artifact_id: &str, task_id: &str) -> abapgit_agent::JobHandle {
    abapgit_agent::JobHandle {
        resource: "BuildAndDeployStatus".into(),
        job_number: task_id.to_owned(),
        job_name: artifact_id.to_owned(),
    }
}

/// Watches a deployment again (a job left running when the app closed).
pub fn reattach_deploy_job(
    state: &AppState,
    record: JobRecord,
    channel: Channel<JobEvent>,
) -> Result<(), AppError> {
    let Some(handle) = record.server_job.clone() else {
        return Err(AppError::not_found(
            "job",
            "the deployment has no task to watch",
        ));
    };
    let client = tenant(state, &record.profile_id)?;
    state.jobs.reattach(&record.id, channel, move |reporter| {
        watch_deploy(client, handle.job_name, handle.job_number, reporter)
    });
    Ok(())
}

async fn watch_deploy(
    client: CloudIntegrationClient,
    artifact_id: String,
    task_id: String,
    reporter: JobReporter,
) -> Result<JobOutcome, AppError> {
    let on_progress = |progress: DeployProgress| reporter.progress(job_progress(progress));
    let outcome = client
        .wait_for_deploy(&artifact_id, &task_id, &WaitOptions::default(), on_progress)
        .await?;
    deploy_result(outcome)
}

/// STARTED is a success; anything else fails the job with the tenant's error text.
fn deploy_result(outcome: DeployOutcome) -> Result<JobOutcome, AppError> {
    if outcome.started() {
        return Ok(JobOutcome::CpiDeploy(Box::new(outcome)));
    }
    let error = outcome.error.unwrap_or_else(|| {
        cloud_integration::parse_artifact_error("the tenant gave no error text")
    });
    let state = outcome
        .runtime_status
        .unwrap_or_else(|| outcome.build_status.wire_name().to_owned());
    Err(AppError::Sap(SapError::Sap {
        // The tenant answered every poll; the deployment itself failed.
        status: 200,
        message: format!("{} is in {state}: {}", outcome.artifact_id, error.summary),
        details: error
            .lines
            .iter()
            .map(|line| line.trim().to_owned())
            .collect(),
    }))
}

fn job_progress(progress: DeployProgress) -> abapgit_agent::JobProgress {
    abapgit_agent::JobProgress {
        status: match progress.phase {
            DeployPhase::Retrying => "retrying",
            DeployPhase::Building | DeployPhase::Starting => "running",
        }
        .into(),
        stage: Some(
            match progress.phase {
                DeployPhase::Building => "BUILD",
                DeployPhase::Starting => "START",
                DeployPhase::Retrying => "RETRY",
            }
            .into(),
        ),
        message: progress.message,
        percent: None,
        current: None,
        total: None,
        elapsed_ms: progress.elapsed_ms,
    }
}

/// Deployed artifacts with their status, filtered by status and a part of the name.
#[tauri::command]
#[specta::specta]
pub async fn cpi_runtime_artifacts(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    filter: RuntimeFilter,
) -> CommandResult<Vec<RuntimeArtifact>> {
    Ok(tenant(&state, &profile_id)?
        .runtime_artifacts(&filter)
        .await?)
}

/// One deployed artifact; `null` when it is not deployed.
#[tauri::command]
#[specta::specta]
pub async fn cpi_runtime_artifact(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    artifact_id: String,
) -> CommandResult<Option<RuntimeArtifact>> {
    Ok(tenant(&state, &profile_id)?
        .runtime_artifact(&artifact_id)
        .await?)
}

/// The error of an artifact in ERROR (`ErrorInformation/$value`), readable.
#[tauri::command]
#[specta::specta]
pub async fn cpi_runtime_error(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    artifact_id: String,
) -> CommandResult<ArtifactError> {
    Ok(tenant(&state, &profile_id)?
        .runtime_error(&artifact_id)
        .await?)
}

/// `DELETE IntegrationRuntimeArtifacts('<Id>')`: undeploys (the tenant answers 202 and
/// removes it shortly after). The UI asks first.
#[tauri::command]
#[specta::specta]
pub async fn cpi_undeploy(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    artifact_id: String,
) -> CommandResult<()> {
    let client = tenant_for_change(&state, &profile_id)?;
    Ok(client.undeploy(&artifact_id).await?)
}

/// Endpoints of deployed flows with their URLs (`ServiceEndpoints?$expand=EntryPoints`).
#[tauri::command]
#[specta::specta]
pub async fn cpi_service_endpoints(
    state: State<'_, AppState>,
    profile_id: ProfileId,
) -> CommandResult<Vec<ServiceEndpoint>> {
    Ok(tenant(&state, &profile_id)?.service_endpoints().await?)
}

// ----- message monitor --------------------------------------------------------------------

/// A page of message processing logs matching `filter`, newest first. `next_page` `null`
/// reads the first page (with the total); pass the answer's `next_page` for the next.
#[tauri::command]
#[specta::specta]
pub async fn cpi_messages(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    filter: MessageFilter,
    next_page: Option<String>,
) -> CommandResult<MessagePage> {
    Ok(tenant(&state, &profile_id)?
        .messages(&filter, next_page.as_deref())
        .await?)
}

/// How many messages of `filter` have each status (only the filter's statuses if it names some).
#[tauri::command]
#[specta::specta]
pub async fn cpi_message_counts(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    filter: MessageFilter,
) -> CommandResult<Vec<StatusCount>> {
    Ok(tenant(&state, &profile_id)?.message_counts(&filter).await?)
}

/// A message's detail: error text, attachments, custom header properties, runs and steps,
/// message store entries (parts the tenant refused are named in `unavailable`).
#[tauri::command]
#[specta::specta]
pub async fn cpi_message(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    message_guid: String,
) -> CommandResult<MessageDetail> {
    Ok(tenant(&state, &profile_id)?.message(&message_guid).await?)
}

/// An attachment's content for viewing (text when it is text; larger than 2 MB: truncated,
/// save it instead).
#[tauri::command]
#[specta::specta]
pub async fn cpi_attachment_content(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    attachment_id: String,
) -> CommandResult<PayloadContent> {
    Ok(tenant(&state, &profile_id)?
        .attachment_content(&attachment_id)
        .await?)
}

/// Saves an attachment into `file` (a handle from `pick_save_file`).
#[tauri::command]
#[specta::specta]
pub async fn cpi_attachment_save(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    attachment_id: String,
    file: String,
) -> CommandResult<SavedDownload> {
    let client = tenant(&state, &profile_id)?;
    save_to(&state, &file, |mut sink| async move {
        client.save_attachment(&attachment_id, &mut sink).await
    })
    .await
}

/// A message store entry's payload for viewing.
#[tauri::command]
#[specta::specta]
pub async fn cpi_store_entry_content(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    entry_id: String,
) -> CommandResult<PayloadContent> {
    Ok(tenant(&state, &profile_id)?
        .store_entry_content(&entry_id)
        .await?)
}

/// Saves a message store entry's payload into `file` (a handle from `pick_save_file`).
#[tauri::command]
#[specta::specta]
pub async fn cpi_store_entry_save(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    entry_id: String,
    file: String,
) -> CommandResult<SavedDownload> {
    let client = tenant(&state, &profile_id)?;
    save_to(&state, &file, |mut sink| async move {
        client.save_store_entry(&entry_id, &mut sink).await
    })
    .await
}

/// A CSV export of the monitor's list.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CsvExport {
    pub path: String,
    pub rows: u32,
}

/// Writes every message of `filter` (all pages, at most 100,000) as CSV into `file` (a
/// handle from `pick_save_file`).
#[tauri::command]
#[specta::specta]
pub async fn cpi_messages_export_csv(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    filter: MessageFilter,
    file: String,
) -> CommandResult<CsvExport> {
    let client = tenant(&state, &profile_id)?;
    let path = state.files.path(&file, Access::Write)?;
    let (csv, rows) = client.messages_csv(&filter, MAX_EXPORT_ROWS).await?;
    tokio::fs::write(&path, csv)
        .await
        .map_err(|error| AppError::storage(format!("{}: {error}", path.display())))?;
    Ok(CsvExport {
        path: path.display().to_string(),
        rows: u32::try_from(rows).unwrap_or(u32::MAX),
    })
}

// ----- partner directory ------------------------------------------------------------------

#[tauri::command]
#[specta::specta]
pub async fn cpi_partners(
    state: State<'_, AppState>,
    profile_id: ProfileId,
) -> CommandResult<Vec<Partner>> {
    Ok(tenant(&state, &profile_id)?.partners().await?)
}

/// Deletes a partner with all its parameters. The UI asks first.
#[tauri::command]
#[specta::specta]
pub async fn cpi_partner_delete(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    pid: String,
) -> CommandResult<()> {
    let client = tenant_for_change(&state, &profile_id)?;
    Ok(client.delete_partner(&pid).await?)
}

/// String parameters, of one partner when `pid` is given.
#[tauri::command]
#[specta::specta]
pub async fn cpi_string_parameters(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    pid: Option<String>,
) -> CommandResult<Vec<StringParameter>> {
    Ok(tenant(&state, &profile_id)?
        .string_parameters(pid.as_deref())
        .await?)
}

/// Creates a string parameter, or with `replace` changes its value.
#[tauri::command]
#[specta::specta]
pub async fn cpi_string_parameter_save(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    pid: String,
    id: String,
    value: String,
    replace: bool,
) -> CommandResult<StringParameter> {
    let client = tenant_for_change(&state, &profile_id)?;
    Ok(client
        .put_string_parameter(&pid, &id, &value, replace)
        .await?)
}

/// Deletes a string parameter. The UI asks first.
#[tauri::command]
#[specta::specta]
pub async fn cpi_string_parameter_delete(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    pid: String,
    id: String,
) -> CommandResult<()> {
    let client = tenant_for_change(&state, &profile_id)?;
    Ok(client.delete_string_parameter(&pid, &id).await?)
}

/// Binary parameters (text values shown as text), of one partner when `pid` is given.
#[tauri::command]
#[specta::specta]
pub async fn cpi_binary_parameters(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    pid: Option<String>,
) -> CommandResult<Vec<BinaryParameter>> {
    Ok(tenant(&state, &profile_id)?
        .binary_parameters(pid.as_deref())
        .await?)
}

/// Creates (or with `replace` changes) a binary parameter from a file (`file`: a handle
/// from `pick_files`); `content_type` e.g. `xml`, `xsl`, `zip`, `json`, `crt`.
#[tauri::command]
#[specta::specta]
pub async fn cpi_binary_parameter_upload(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    pid: String,
    id: String,
    content_type: String,
    file: String,
    replace: bool,
) -> CommandResult<BinaryParameter> {
    let client = tenant_for_change(&state, &profile_id)?;
    let path = state.files.path(&file, Access::Read)?;
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|error| AppError::InvalidFile {
            path: path.display().to_string(),
            message: error.to_string(),
        })?;
    Ok(client
        .put_binary_parameter(&pid, &id, &content_type, &bytes, replace)
        .await?)
}

/// Creates (or with `replace` changes) a binary parameter from text typed in the app
/// (sent as its UTF-8 bytes, base64-encoded).
#[tauri::command]
#[specta::specta]
pub async fn cpi_binary_parameter_save_text(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    pid: String,
    id: String,
    content_type: String,
    text: String,
    replace: bool,
) -> CommandResult<BinaryParameter> {
    let client = tenant_for_change(&state, &profile_id)?;
    Ok(client
        .put_binary_parameter(&pid, &id, &content_type, text.as_bytes(), replace)
        .await?)
}

/// Writes a binary parameter's value into `file` (a handle from `pick_save_file`).
#[tauri::command]
#[specta::specta]
pub async fn cpi_binary_parameter_download(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    pid: String,
    id: String,
    file: String,
) -> CommandResult<SavedDownload> {
    let client = tenant(&state, &profile_id)?;
    let value = client.binary_parameter_value(&pid, &id).await?;
    let path = state.files.path(&file, Access::Write)?;
    tokio::fs::write(&path, &value.bytes)
        .await
        .map_err(|error| AppError::storage(format!("{}: {error}", path.display())))?;
    Ok(SavedDownload {
        path: path.display().to_string(),
        bytes: value.bytes.len() as f64,
        suggested_name: None,
    })
}

/// Deletes a binary parameter. The UI asks first.
#[tauri::command]
#[specta::specta]
pub async fn cpi_binary_parameter_delete(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    pid: String,
    id: String,
) -> CommandResult<()> {
    let client = tenant_for_change(&state, &profile_id)?;
    Ok(client.delete_binary_parameter(&pid, &id).await?)
}

// ----- security content -------------------------------------------------------------------

/// User credentials (passwords are never read: the tenant returns none).
#[tauri::command]
#[specta::specta]
pub async fn cpi_user_credentials(
    state: State<'_, AppState>,
    profile_id: ProfileId,
) -> CommandResult<Vec<UserCredential>> {
    Ok(tenant(&state, &profile_id)?.user_credentials().await?)
}

/// Secure parameters (their values are never read).
#[tauri::command]
#[specta::specta]
pub async fn cpi_secure_parameters(
    state: State<'_, AppState>,
    profile_id: ProfileId,
) -> CommandResult<Vec<SecureParameter>> {
    Ok(tenant(&state, &profile_id)?.secure_parameters().await?)
}

/// OAuth2 client credentials (client secrets are never read).
#[tauri::command]
#[specta::specta]
pub async fn cpi_oauth2_client_credentials(
    state: State<'_, AppState>,
    profile_id: ProfileId,
) -> CommandResult<Vec<OAuth2ClientCredential>> {
    Ok(tenant(&state, &profile_id)?
        .oauth2_client_credentials()
        .await?)
}

/// Keystore entries with validity (`expires_soon` within 30 days, `expired`), soonest
/// expiry first.
#[tauri::command]
#[specta::specta]
pub async fn cpi_keystore_entries(
    state: State<'_, AppState>,
    profile_id: ProfileId,
) -> CommandResult<Vec<KeystoreEntry>> {
    Ok(tenant(&state, &profile_id)?.keystore_entries().await?)
}

// ----- log files --------------------------------------------------------------------------

/// The tenant's log files (where it offers them).
#[tauri::command]
#[specta::specta]
pub async fn cpi_log_files(
    state: State<'_, AppState>,
    profile_id: ProfileId,
) -> CommandResult<Vec<LogFile>> {
    Ok(tenant(&state, &profile_id)?.log_files().await?)
}

/// Downloads a log file into `file` (a handle from `pick_save_file`).
#[tauri::command]
#[specta::specta]
pub async fn cpi_log_file_save(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    name: String,
    application: String,
    file: String,
) -> CommandResult<SavedDownload> {
    let client = tenant(&state, &profile_id)?;
    save_to(&state, &file, |mut sink| async move {
        client.save_log_file(&name, &application, &mut sink).await
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use cloud_integration::BuildStatus;

    fn outcome(runtime_status: Option<&str>) -> DeployOutcome {
        DeployOutcome {
            artifact_id: "Orders_Replicate".into(),
            task_id: "t-1".into(),
            build_status: BuildStatus::Success,
            runtime_status: runtime_status.map(str::to_owned),
            artifact: None,
            error: runtime_status
                .filter(|status| *status == "ERROR")
                .map(|_| cloud_integration::parse_artifact_error(
                    r#"{"parameter":["{\"message\":\"ERROR\",\"childMessageInstances\":[{\"message\":\"CAUSE\",\"parameters\":[\"No credentials for 'smtp_cred' found\"]}]}"]}"#,
                )),
        }
    }

    #[test]
    fn started_is_a_result_and_error_a_readable_failure() {
        assert!(matches!(
            deploy_result(outcome(Some("STARTED"))),
            Ok(JobOutcome::CpiDeploy(_))
        ));
        match deploy_result(outcome(Some("ERROR"))) {
            Err(AppError::Sap(SapError::Sap {
                message, details, ..
            })) => {
                assert_eq!(
                    message,
                    "Orders_Replicate is in ERROR: No credentials for 'smtp_cred' found"
                );
                assert_eq!(details, vec!["No credentials for 'smtp_cred' found"]);
            }
            other => panic!("{other:?}"),
        }
    }
}
