//! One command per abapGit Agent resource and transport action. Each maps to one
//! `AgentClient` call on the profile's warm session; pull and import run as app jobs.

use abapgit_agent::{
    AgentClient, CreateRequest, CreateResult, CustomizeRequest, CustomizeResult, DeleteRequest,
    DeleteResult, DropRequest, DropResult, DumpList, DumpRequest, GitCredentials, HealthInfo,
    ImportRequest, InspectRequest, InspectResult, JobOptions, ListRequest, ObjectList, PackageTree,
    PreviewRequest, PreviewResult, PullOutcome, PullRequest, ReleasedTransports, RepositoryStatus,
    SyntaxRequest, SyntaxResult, TestClassesSource, TransportAnswer, TransportDetails,
    TransportKind, TransportScope, TreeRequest, UnitRequest, UnitResult, ViewRequest, ViewResult,
    WhereUsedRequest, WhereUsedResult,
};
use profiles::{check_git_url, FieldError, ProfileId, SecretKind, ServiceKind};
use tauri::ipc::Channel;
use tauri::State;

use crate::error::{AppError, CommandResult};
use crate::jobs::{JobEvent, JobOutcome, JobRecord, JobReporter};
use crate::state::AppState;

/// A git URL with a token in it would be shown in job titles, saved in the store file and
/// remembered by the UI: refused with a field error on `url`.
fn git_url(url: &str) -> CommandResult<()> {
    check_git_url("url", url).map_err(|error| AppError::Validation {
        fields: vec![error],
    })
}

/// The abapGit Agent client on the profile's warm session.
pub(crate) fn agent(state: &AppState, profile_id: &ProfileId) -> Result<AgentClient, AppError> {
    let profile = state.book.get(profile_id)?;
    if profile.settings.service_kind != ServiceKind::AbapgitAgent {
        return Err(AppError::not_found(
            "service",
            format!(
                "{} is not an abapGit Agent system",
                profile.settings.display_name
            ),
        ));
    }
    Ok(AgentClient::new(
        state.sessions.session(&state.book, profile_id)?,
    ))
}

/// The profile's git user and token, when both are set.
fn git_credentials(
    state: &AppState,
    profile_id: &ProfileId,
) -> Result<Option<GitCredentials>, AppError> {
    let profile = state.book.get(profile_id)?;
    if profile.settings.git_username.is_empty() {
        return Ok(None);
    }
    Ok(state
        .book
        .secret(profile_id, SecretKind::GitToken)?
        .map(|password| GitCredentials {
            username: profile.settings.git_username.clone(),
            password,
        }))
}

/// `GET /health`: the handler's status and version.
#[tauri::command]
#[specta::specta]
pub async fn agent_health(
    state: State<'_, AppState>,
    profile_id: ProfileId,
) -> CommandResult<HealthInfo> {
    let client = agent(&state, &profile_id)?;
    Ok(client.health().await?)
}

/// `POST /status`: whether a repository exists for `url`.
#[tauri::command]
#[specta::specta]
pub async fn agent_status(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    url: String,
) -> CommandResult<RepositoryStatus> {
    git_url(&url)?;
    let client = agent(&state, &profile_id)?;
    Ok(client.status(&url).await?)
}

/// `POST /create`: creates an abapGit online repository (git credentials from the profile).
#[tauri::command]
#[specta::specta]
pub async fn agent_create(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: CreateRequest,
) -> CommandResult<CreateResult> {
    git_url(&request.url)?;
    let client = agent(&state, &profile_id)?;
    Ok(client
        .create(&request, git_credentials(&state, &profile_id)?.as_ref())
        .await?)
}

/// `POST /delete`: deletes an abapGit repository from the system.
#[tauri::command]
#[specta::specta]
pub async fn agent_delete(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: DeleteRequest,
) -> CommandResult<DeleteResult> {
    git_url(&request.url)?;
    let client = agent(&state, &profile_id)?;
    Ok(client.delete(&request).await?)
}

/// `POST /syntax`: checks source without activating it.
#[tauri::command]
#[specta::specta]
pub async fn agent_syntax(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: SyntaxRequest,
) -> CommandResult<SyntaxResult> {
    let client = agent(&state, &profile_id)?;
    Ok(client.syntax(&request).await?)
}

/// `POST /inspect`: syntax check / Code Inspector for files.
#[tauri::command]
#[specta::specta]
pub async fn agent_inspect(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: InspectRequest,
) -> CommandResult<InspectResult> {
    let client = agent(&state, &profile_id)?;
    Ok(client.inspect(&request).await?)
}

/// `POST /unit`: runs ABAP Unit tests; failures are in the result, each with the line of its
/// method in `test_sources` (the test classes the user gave), else in the system's test classes.
#[tauri::command]
#[specta::specta]
pub async fn agent_unit(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: UnitRequest,
    test_sources: Vec<TestClassesSource>,
) -> CommandResult<UnitResult> {
    let client = agent(&state, &profile_id)?;
    let mut result = client.unit(&request).await?;
    result.locate_failures(&test_sources);
    client.locate_unit_failures(&mut result).await;
    Ok(result)
}

/// `POST /tree`: the package hierarchy.
#[tauri::command]
#[specta::specta]
pub async fn agent_tree(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: TreeRequest,
) -> CommandResult<PackageTree> {
    let client = agent(&state, &profile_id)?;
    Ok(client.tree(&request).await?)
}

/// `POST /list`: one page of the objects of a package.
#[tauri::command]
#[specta::specta]
pub async fn agent_list(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: ListRequest,
) -> CommandResult<ObjectList> {
    let client = agent(&state, &profile_id)?;
    Ok(client.list(&request).await?)
}

/// `POST /view`: object definitions and source.
#[tauri::command]
#[specta::specta]
pub async fn agent_view(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: ViewRequest,
) -> CommandResult<ViewResult> {
    let client = agent(&state, &profile_id)?;
    Ok(client.view(&request).await?)
}

/// `POST /where`: where-used list.
#[tauri::command]
#[specta::specta]
pub async fn agent_where_used(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: WhereUsedRequest,
) -> CommandResult<WhereUsedResult> {
    let client = agent(&state, &profile_id)?;
    Ok(client.where_used(&request).await?)
}

/// `POST /preview`: one page of table or CDS view data.
#[tauri::command]
#[specta::specta]
pub async fn agent_preview(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: PreviewRequest,
) -> CommandResult<PreviewResult> {
    let client = agent(&state, &profile_id)?;
    Ok(client.preview(&request).await?)
}

/// `POST /dump`: ST22 short dumps.
#[tauri::command]
#[specta::specta]
pub async fn agent_dumps(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: DumpRequest,
) -> CommandResult<DumpList> {
    let client = agent(&state, &profile_id)?;
    Ok(client.dumps(&request).await?)
}

/// `GET /transport?scope=`: the quick transport list.
#[tauri::command]
#[specta::specta]
pub async fn agent_transports(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    scope: TransportScope,
) -> CommandResult<TransportAnswer> {
    let client = agent(&state, &profile_id)?;
    Ok(client.transports(scope).await?)
}

/// `POST /transport` LIST: workbench requests, or customizing ones with `transport_kind`.
#[tauri::command]
#[specta::specta]
pub async fn agent_transport_list(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    scope: TransportScope,
    transport_kind: Option<TransportKind>,
) -> CommandResult<TransportAnswer> {
    let client = agent(&state, &profile_id)?;
    Ok(client.list_transports_of(scope, transport_kind).await?)
}

/// `POST /transport` CREATE; the new number is in `number`.
#[tauri::command]
#[specta::specta]
pub async fn agent_transport_create(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    description: String,
    transport_kind: TransportKind,
) -> CommandResult<TransportAnswer> {
    let client = agent(&state, &profile_id)?;
    Ok(client
        .create_transport(&description, transport_kind)
        .await?)
}

/// `POST /transport` CHECK.
#[tauri::command]
#[specta::specta]
pub async fn agent_transport_check(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    number: String,
) -> CommandResult<TransportAnswer> {
    let client = agent(&state, &profile_id)?;
    Ok(client.check_transport(&number).await?)
}

/// `POST /transport` RELEASE.
#[tauri::command]
#[specta::specta]
pub async fn agent_transport_release(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    number: String,
) -> CommandResult<TransportAnswer> {
    let client = agent(&state, &profile_id)?;
    Ok(client.release_transport(&number).await?)
}

/// A request's type, status, target, tasks and objects, read from the CTS tables (E070,
/// E07T, E071) through `/preview`: the handler's LIST answers none of them.
#[tauri::command]
#[specta::specta]
pub async fn agent_transport_details(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    number: String,
) -> CommandResult<TransportDetails> {
    let Some(number) = abapgit_agent::request_number(&number) else {
        return Err(FieldError::new(
            "number",
            format!(
                "“{}” is no transport request number, such as DEVK900042",
                number.trim()
            ),
        )
        .into());
    };
    let client = agent(&state, &profile_id)?;
    Ok(client.transport_details(&number).await?)
}

/// Released requests of the scope, newest first, from E070 through `/preview` (the handler
/// lists modifiable requests only).
#[tauri::command]
#[specta::specta]
pub async fn agent_transports_released(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    scope: TransportScope,
) -> CommandResult<ReleasedTransports> {
    let client = agent(&state, &profile_id)?;
    Ok(client.released_transports(scope).await?)
}

/// `POST /drop`: deletes the object behind one file.
#[tauri::command]
#[specta::specta]
pub async fn agent_drop(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: DropRequest,
) -> CommandResult<DropResult> {
    let client = agent(&state, &profile_id)?;
    Ok(client.drop_object(&request).await?)
}

/// `POST /customize`: writes one customizing entry.
#[tauri::command]
#[specta::specta]
pub async fn agent_customize(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: CustomizeRequest,
) -> CommandResult<CustomizeResult> {
    let client = agent(&state, &profile_id)?;
    Ok(client.customize(&request).await?)
}

/// A pull into a package that records changes needs the user's request: the real handler
/// would refuse, and a documented server would pick one silently. Asked before the pull
/// with `/status`, answered as a field error on `transport_request`.
async fn require_chosen_transport(
    client: &AgentClient,
    request: &PullRequest,
) -> CommandResult<()> {
    let chosen = request
        .transport_request
        .as_deref()
        .is_some_and(|t| !t.trim().is_empty());
    if chosen {
        return Ok(());
    }
    let status = client.status(&request.url).await?;
    if status.exists() && status.needs_transport() {
        let package = status.package.as_deref().unwrap_or("The package");
        return Err(FieldError::new(
            "transport_request",
            format!(
                "{package} records changes in transport requests: choose the request for this pull"
            ),
        )
        .into());
    }
    Ok(())
}

/// `POST /pull`, run as an app job: progress (when the server makes it a background job) and
/// the final `PullResult` arrive on `channel`; the job survives navigation and restarts.
#[tauri::command]
#[specta::specta]
pub async fn agent_pull(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: PullRequest,
    channel: Channel<JobEvent>,
) -> CommandResult<JobRecord> {
    git_url(&request.url)?;
    let client = agent(&state, &profile_id)?;
    require_chosen_transport(&client, &request).await?;
    let git = git_credentials(&state, &profile_id)?;
    let title = format!("Pull {}", request.url);
    Ok(state.jobs.spawn(
        profile_id,
        "agent_pull",
        title,
        None,
        channel,
        |reporter| async move {
            let result = match client.pull(&request, git.as_ref()).await? {
                PullOutcome::Finished(result) => result,
                PullOutcome::Job(handle) => {
                    reporter.server_job(handle.clone());
                    let progress = reporter.clone();
                    client
                        .wait_pull(&handle, &JobOptions::default(), move |p| {
                            progress.progress(p)
                        })
                        .await?
                }
            };
            Ok(JobOutcome::Pull(Box::new(result)))
        },
    ))
}

/// `POST /import` (a background job on the server): progress and the `ImportResult` arrive on
/// `channel`; the job survives navigation and restarts (see `job_watch`).
#[tauri::command]
#[specta::specta]
pub async fn agent_import(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    request: ImportRequest,
    channel: Channel<JobEvent>,
) -> CommandResult<JobRecord> {
    git_url(&request.url)?;
    let client = agent(&state, &profile_id)?;
    let git = git_credentials(&state, &profile_id)?;
    let title = match request.package.as_deref() {
        Some(package) => format!("Export {package} to {}", request.url),
        None => format!("Export to {}", request.url),
    };
    Ok(state.jobs.spawn(
        profile_id,
        "agent_import",
        title,
        None,
        channel,
        |reporter| async move {
            let handle = client.import(&request, git.as_ref()).await?;
            reporter.server_job(handle.clone());
            let progress = reporter.clone();
            let result = client
                .wait_import(&handle, &JobOptions::default(), move |p| {
                    progress.progress(p)
                })
                .await?;
            Ok(JobOutcome::Import(result))
        },
    ))
}

/// Watches a job that was running when the app closed: polls its server job again.
pub fn reattach_agent_job(
    state: &AppState,
    record: JobRecord,
    channel: Channel<JobEvent>,
) -> Result<(), AppError> {
    let Some(handle) = record.server_job.clone() else {
        return Err(AppError::not_found(
            "job",
            "the job has no server job to watch",
        ));
    };
    let client = agent(state, &record.profile_id)?;
    let kind = record.kind.clone();
    state.jobs.reattach(
        &record.id,
        channel,
        move |reporter: JobReporter| async move {
            let options = JobOptions::default();
            let on_progress = move |p| reporter.progress(p);
            match kind.as_str() {
                "agent_import" => Ok(JobOutcome::Import(
                    client.wait_import(&handle, &options, on_progress).await?,
                )),
                "agent_pull" => Ok(JobOutcome::Pull(Box::new(
                    client.wait_pull(&handle, &options, on_progress).await?,
                ))),
                other => Err(AppError::not_found(
                    "job",
                    format!("a job of kind {other} cannot be watched again"),
                )),
            }
        },
    );
    Ok(())
}
