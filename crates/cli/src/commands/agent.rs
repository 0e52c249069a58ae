//! `agent`: the abapGit Agent, one `AgentClient` call per command as in the app. Pull and
//! import watch their server job with a progress display; Ctrl-C stops watching, not the job.

use std::time::Duration;

use abapgit_agent::{
    AgentClient, ConflictMode, CreateRequest, CustomizeRequest, DeleteRequest, DropRequest,
    DumpRequest, FieldValue, GitCredentials, ImportRequest, JobHandle, JobOptions, ListRequest,
    PreviewRequest, PullOutcome, PullRequest, PullResult, TransportAnswer, TransportKind,
    TransportScope, TreeRequest, ViewRequest, WhereUsedRequest,
};
use profiles::{check_git_url, KeyringSecretStore, SecretKind, SecretStore};
use sap_http::Secret;

use super::{checks, confirm};
use crate::cli::{AgentCommand, JobKind, RequestKind, Scope, TransportCommand};
use crate::context::Run;
use crate::exit::{CliError, CliResult, Exit};
use crate::output::{csv, fields, table, Report};
use crate::progress::Progress;
use crate::system::APP_IDENTIFIER;

pub async fn execute(run: &mut Run, command: &AgentCommand) -> CliResult<Report> {
    match command {
        AgentCommand::Health => {
            let health = run.agent()?.health().await?;
            let text = format!("{} (version {})\n", health.status, health.version);
            Ok(Report::new(&health, text))
        }
        AgentCommand::Status { repo } => {
            git_url(repo)?;
            let status = run.agent()?.status(repo).await?;
            let text = fields(&[
                ("Repository", status.url.clone()),
                ("Status", status.status.clone()),
                ("Key", status.repo_key.clone().unwrap_or_default()),
                ("Package", status.package.clone().unwrap_or_default()),
            ]);
            Ok(Report::new(&status, text))
        }
        AgentCommand::Pull {
            repo,
            files,
            branch,
            transport,
            overwrite,
        } => {
            let request = PullRequest {
                url: repo.clone(),
                branch: branch.clone(),
                transport_request: transport.clone(),
                files: files.clone(),
                conflict_mode: overwrite.then_some(ConflictMode::Ignore),
            };
            pull(run, request).await
        }
        AgentCommand::Import {
            repo,
            package,
            branch,
            message,
        } => {
            let request = ImportRequest {
                url: repo.clone(),
                branch: branch.clone(),
                package: package.clone(),
                message: message.clone(),
            };
            import(run, request).await
        }
        AgentCommand::Watch { kind, job_number } => {
            let handle = JobHandle {
                resource: match kind {
                    JobKind::Pull => "pull".into(),
                    JobKind::Import => "import".into(),
                },
                job_number: job_number.trim().to_owned(),
                job_name: String::new(),
            };
            match kind {
                JobKind::Pull => {
                    let result = watch_pull(run, &handle).await?;
                    Ok(pull_report(&result))
                }
                JobKind::Import => watch_import(run, &handle).await,
            }
        }
        AgentCommand::Create {
            repo,
            package,
            branch,
            name,
        } => {
            git_url(repo)?;
            let request = CreateRequest {
                url: repo.clone(),
                package: package.clone(),
                branch: branch.clone(),
                name: name.clone(),
                ..CreateRequest::default()
            };
            let git = git_credentials(run)?;
            let created = run.agent()?.create(&request, git.as_ref()).await?;
            let text = format!(
                "Created {} (key {}): {}\n",
                created.repo_name, created.repo_key, created.message
            );
            Ok(Report::new(&created, text))
        }
        AgentCommand::Delete { repo, yes } => {
            git_url(repo)?;
            confirm(*yes, &format!("delete the abapGit repository of {repo}"))?;
            let deleted = run
                .agent()?
                .delete(&DeleteRequest { url: repo.clone() })
                .await?;
            let text = format!(
                "Deleted repository {}: {}\n",
                deleted.repo_key, deleted.message
            );
            Ok(Report::new(&deleted, text))
        }
        AgentCommand::Syntax {
            files,
            cloud,
            junit,
        } => checks::syntax(run, files, *cloud, junit.as_deref()).await,
        AgentCommand::Inspect {
            files,
            variant,
            junit,
        } => checks::inspect(run, files, variant.clone(), junit.as_deref()).await,
        AgentCommand::Unit {
            files,
            coverage,
            junit,
        } => checks::unit(run, files, *coverage, junit.as_deref()).await,
        AgentCommand::Tree {
            package,
            depth,
            objects,
        } => {
            let tree = run
                .agent()?
                .tree(&TreeRequest {
                    package: package.clone(),
                    depth: *depth,
                    include_objects: *objects,
                })
                .await?;
            let mut text = String::new();
            for node in &tree.nodes {
                let indent = "  ".repeat(usize::try_from(node.depth).unwrap_or(0));
                let count = if *objects {
                    format!(" ({} objects)", node.object_count)
                } else {
                    String::new()
                };
                text.push_str(&format!(
                    "{indent}{}  {}{count}\n",
                    node.package, node.description
                ));
            }
            text.push_str(&format!(
                "{} packages, {} objects\n",
                tree.total_packages, tree.total_objects
            ));
            Ok(Report::new(&tree, text))
        }
        AgentCommand::List {
            package,
            types,
            name,
            limit,
            offset,
            all,
        } => {
            let request = ListRequest {
                package: package.clone(),
                object_types: types.clone(),
                name_pattern: name.clone(),
                limit: *limit,
                offset: *offset,
            };
            let client = run.agent()?;
            let list = if *all {
                client.list_all(&request).await?
            } else {
                client.list(&request).await?
            };
            let rows: Vec<[String; 3]> = list
                .objects
                .iter()
                .map(|o| {
                    [
                        o.object_type.clone(),
                        o.object_name.clone(),
                        o.description.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            let mut text = table(["type", "name", "description"], rows.clone());
            text.push_str(&format!(
                "{} of {} objects in {}\n",
                list.objects.len(),
                list.total,
                list.package
            ));
            let csv_rows: Vec<Vec<String>> = rows.into_iter().map(Vec::from).collect();
            let csv = csv(&["Type", "Name", "Description"], &csv_rows)?;
            Ok(Report::new(&list, text).with_csv(csv))
        }
        AgentCommand::View {
            objects,
            object_type,
            full,
        } => {
            let result = run
                .agent()?
                .view(&ViewRequest {
                    objects: objects.clone(),
                    object_type: object_type.clone(),
                    full: *full,
                    ..ViewRequest::default()
                })
                .await?;
            let missing = result.objects.iter().any(|o| o.not_found);
            Ok(Report::new(&result, view_text(&result)).findings_if(missing))
        }
        AgentCommand::Preview {
            object,
            object_type,
            where_clause,
            columns,
            rows,
            offset,
        } => {
            let request = PreviewRequest {
                objects: vec![object.clone()],
                object_type: object_type.clone(),
                limit: None,
                offset: *offset,
                where_clause: where_clause.clone(),
                columns: columns.clone(),
            };
            let result = run.agent()?.preview_all(&request, (*rows).max(1)).await?;
            let Some(table_data) = result.objects.first() else {
                return Err(CliError::new(
                    Exit::Server,
                    "sap",
                    "the system returned no table",
                ));
            };
            if let Some(error) = &table_data.error {
                return Err(CliError::new(
                    Exit::Server,
                    "sap",
                    format!("{}: {error}", table_data.name),
                ));
            }
            let header: Vec<&str> = table_data.columns.iter().map(|c| c.name.as_str()).collect();
            let cells: Vec<Vec<String>> = table_data
                .rows
                .iter()
                .map(|row| row.iter().map(cell_text).collect())
                .collect();
            let csv = csv(&header, &cells)?;
            let mut text = grid(&header, &cells);
            text.push_str(&format!(
                "{} of {} rows of {}\n",
                table_data.rows.len(),
                table_data.total_rows,
                table_data.name
            ));
            Ok(Report::new(&result, text).with_csv(csv))
        }
        AgentCommand::Where {
            objects,
            object_type,
            limit,
            offset,
        } => {
            let result = run
                .agent()?
                .where_used(&WhereUsedRequest {
                    objects: objects.clone(),
                    object_type: object_type.clone(),
                    limit: *limit,
                    offset: *offset,
                })
                .await?;
            let rows = result.objects.iter().flat_map(|object| {
                object.references.iter().map(move |r| {
                    [
                        object.name.clone(),
                        r.object_type.clone(),
                        r.object_name.clone(),
                        r.include.clone().unwrap_or_default(),
                        r.line.map(|l| l.to_string()).unwrap_or_default(),
                    ]
                })
            });
            let mut text = table(
                ["object", "used by type", "used by", "include", "line"],
                rows,
            );
            for object in &result.objects {
                if object.not_found {
                    text.push_str(&format!("{}: not found\n", object.name));
                } else if let Some(error) = &object.error {
                    text.push_str(&format!("{}: {error}\n", object.name));
                }
            }
            text.push_str(&format!("{} references\n", result.total_references));
            let missing = result.objects.iter().any(|o| o.not_found);
            Ok(Report::new(&result, text).findings_if(missing))
        }
        AgentCommand::Dump {
            dump_user,
            date_from,
            date_to,
            program,
            error,
            limit,
            detail,
        } => {
            let request = DumpRequest {
                user: dump_user.clone(),
                date_from: date_from.clone(),
                date_to: date_to.clone(),
                program: program.clone(),
                error: error.clone(),
                limit: *limit,
                detail: detail.clone(),
                ..DumpRequest::default()
            };
            let list = run.agent()?.dumps(&request).await?;
            let mut text = table(
                ["id", "date", "time", "user", "program", "error"],
                list.dumps.iter().map(|d| {
                    [
                        d.id.clone(),
                        d.date.clone(),
                        d.time.clone(),
                        d.user.clone(),
                        d.program.clone(),
                        d.error.clone(),
                    ]
                }),
            );
            if detail.is_some() {
                for dump in &list.dumps {
                    text.push_str(&format!(
                        "\n{}\nWhat happened:\n{}\nError analysis:\n{}\n",
                        dump.error, dump.what_happened, dump.error_analysis
                    ));
                    if let Some(excerpt) = &dump.source_excerpt {
                        text.push_str(&format!("Source ({}):\n{excerpt}\n", dump.source_include));
                    }
                }
            }
            text.push_str(&format!(
                "{} dumps\n",
                list.total.max(list.dumps.len() as u32)
            ));
            Ok(Report::new(&list, text))
        }
        AgentCommand::Transport(command) => transport(run, command).await,
        AgentCommand::Drop {
            object_file,
            transport,
            yes,
        } => {
            confirm(
                *yes,
                &format!("delete the object behind {object_file} from the system"),
            )?;
            let dropped = run
                .agent()?
                .drop_object(&DropRequest {
                    file: object_file.clone(),
                    transport_request: transport.clone(),
                })
                .await?;
            let text = format!(
                "Dropped {} {}: {}\n",
                dropped.object_type, dropped.object_name, dropped.message
            );
            Ok(Report::new(&dropped, text))
        }
        AgentCommand::Customize {
            table: table_name,
            values,
            transport,
            no_transport,
        } => {
            let field_values = values
                .iter()
                .map(|pair| {
                    let (field, value) = pair.split_once('=').ok_or_else(|| {
                        CliError::usage(format!("{pair:?}: expected FIELD=VALUE"))
                    })?;
                    Ok(FieldValue {
                        field: field.trim().to_uppercase(),
                        value: value.to_owned(),
                    })
                })
                .collect::<CliResult<Vec<_>>>()?;
            let result = run
                .agent()?
                .customize(&CustomizeRequest {
                    table_name: table_name.clone(),
                    field_values,
                    transport: transport.clone(),
                    no_transport: *no_transport,
                })
                .await?;
            let text = format!(
                "{} {}: {}\n",
                result.action, result.table_name, result.message
            );
            Ok(Report::new(&result, text))
        }
    }
}

/// A git URL with a token in it would end up in logs and job lists: refused, as in the app.
/// The message does not repeat the URL: it holds the token.
fn git_url(url: &str) -> CliResult<()> {
    check_git_url("url", url).map_err(|error| {
        CliError::usage(format!(
            "the git URL: {} (ADESK_GIT_USER and ADESK_GIT_TOKEN, or the saved system's git token)",
            error.message
        ))
    })
}

/// Git user and token for pull, import and create: `ADESK_GIT_USER`/`ADESK_GIT_TOKEN`, or the
/// saved system's git user with its token from the OS keyring.
fn git_credentials(run: &mut Run) -> CliResult<Option<GitCredentials>> {
    let from_env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    if let (Some(username), Some(token)) = (from_env("ADESK_GIT_USER"), from_env("ADESK_GIT_TOKEN"))
    {
        return Ok(Some(GitCredentials {
            username,
            password: Secret::new(token),
        }));
    }
    let Some(profile) = run.system()?.saved_profile() else {
        return Ok(None);
    };
    if profile.settings.git_username.is_empty() {
        return Ok(None);
    }
    let token = KeyringSecretStore::new(APP_IDENTIFIER)
        .get(&profile.id, SecretKind::GitToken)
        .unwrap_or_else(|error| {
            tracing::warn!(%error, "the git token cannot be read from the OS keyring");
            None
        });
    Ok(token.map(|password| GitCredentials {
        username: profile.settings.git_username.clone(),
        password,
    }))
}

fn job_options(run: &Run) -> JobOptions {
    JobOptions {
        poll_interval: Duration::from_millis(run.output.poll_ms.max(10)),
        ..JobOptions::default()
    }
}

async fn pull(run: &mut Run, request: PullRequest) -> CliResult<Report> {
    git_url(&request.url)?;
    let git = git_credentials(run)?;
    let client = run.agent()?;
    require_transport(&client, &request).await?;
    let result = match client.pull(&request, git.as_ref()).await? {
        PullOutcome::Finished(result) => result,
        PullOutcome::Job(handle) => watch_pull(run, &handle).await?,
    };
    Ok(pull_report(&result))
}

/// A package that records changes needs the user's request, as in the app: asked with
/// `/status` before pulling instead of letting abapGit stop half-way.
async fn require_transport(client: &AgentClient, request: &PullRequest) -> CliResult<()> {
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
        return Err(CliError::usage(format!(
            "{package} records changes in transport requests: give --transport TRKORR (`adesk agent transport list` lists yours, `adesk agent transport create` opens one)"
        )));
    }
    Ok(())
}

async fn watch_pull(run: &mut Run, handle: &JobHandle) -> CliResult<PullResult> {
    let client = run.agent()?;
    let label = format!("pull job {}", handle.job_number);
    run.set_interrupt_note(Some(keeps_running("pull", &handle.job_number)));
    let mut progress = Progress::start(run.progress, &label);
    let outcome = client
        .wait_pull(handle, &job_options(run), |p| progress.update(&p))
        .await;
    run.set_interrupt_note(None);
    progress.finish(if outcome.is_ok() {
        "finished"
    } else {
        "failed"
    });
    Ok(outcome?)
}

fn keeps_running(kind: &str, job_number: &str) -> String {
    format!("the {kind} job {job_number} keeps running on the server: watch it again with `adesk agent watch {kind} {job_number}`")
}

fn pull_report(result: &PullResult) -> Report {
    let mut text = String::new();
    if !result.failed_objects.is_empty() {
        text.push_str(&table(
            ["type", "name", "error"],
            result
                .failed_objects
                .iter()
                .map(|m| [m.object_type.clone(), m.object_name.clone(), m.text.clone()]),
        ));
    }
    if !result.conflicts.is_empty() {
        text.push_str(&table(
            ["type", "name", "conflict", "last pulled by"],
            result.conflicts.iter().map(|c| {
                [
                    c.object_type.clone(),
                    c.object_name.clone(),
                    c.conflict_type.clone(),
                    c.last_pulled_by.clone().unwrap_or_default(),
                ]
            }),
        ));
    } else if let Some(report) = result.conflict_report.as_deref().filter(|r| !r.is_empty()) {
        // A report this version could not read per object: shown as the server wrote it.
        text.push_str(&format!("Conflicts:\n{report}\n"));
    }
    text.push_str(&format!(
        "{}: {} activated, {} failed{}{}\n",
        if result.message.is_empty() {
            "Pull"
        } else {
            &result.message
        },
        result.activated_count,
        result.failed_count,
        if result.conflict_count > 0 {
            format!(", {} conflicts", result.conflict_count)
        } else {
            String::new()
        },
        result
            .transport_request
            .as_deref()
            .map(|t| format!(" (transport {t})"))
            .unwrap_or_default()
    ));
    if result.conflict_count > 0 || !result.conflicts.is_empty() {
        text.push_str("Nothing was pulled. To replace these objects with git's version (their changes in the system are lost): pull again with --overwrite\n");
    }
    let failed = !result.success || result.failed_count > 0 || result.conflict_count > 0;
    Report::new(result, text).findings_if(failed)
}

async fn import(run: &mut Run, request: ImportRequest) -> CliResult<Report> {
    git_url(&request.url)?;
    let git = git_credentials(run)?;
    let handle = run.agent()?.import(&request, git.as_ref()).await?;
    watch_import(run, &handle).await
}

async fn watch_import(run: &mut Run, handle: &JobHandle) -> CliResult<Report> {
    let client = run.agent()?;
    let label = format!("import job {}", handle.job_number);
    run.set_interrupt_note(Some(keeps_running("import", &handle.job_number)));
    let mut progress = Progress::start(run.progress, &label);
    let outcome = client
        .wait_import(handle, &job_options(run), |p| progress.update(&p))
        .await;
    run.set_interrupt_note(None);
    progress.finish(if outcome.is_ok() {
        "finished"
    } else {
        "failed"
    });
    let result = outcome?;
    let text = format!(
        "Imported: {} files staged{}\n",
        result.files_staged,
        if result.commit_message.is_empty() {
            String::new()
        } else {
            format!(" ({})", result.commit_message)
        }
    );
    Ok(Report::new(&result, text))
}

fn transport_scope(scope: Scope) -> TransportScope {
    match scope {
        Scope::Mine => TransportScope::Mine,
        Scope::Task => TransportScope::Task,
        Scope::All => TransportScope::All,
    }
}

/// `transport list --released`: released requests of one type from E070.
async fn released_transports(run: &mut Run, scope: Scope, kind: RequestKind) -> CliResult<Report> {
    let mut released = run
        .agent()?
        .released_transports(transport_scope(scope))
        .await?;
    let function = match kind {
        RequestKind::Workbench => "K",
        RequestKind::Customizing => "W",
    };
    released.requests.retain(|r| r.function == function);
    let mut text = table(
        ["number", "description", "owner", "released on"],
        released.requests.iter().map(|r| {
            [
                r.number.clone(),
                r.description.clone(),
                r.owner.clone(),
                format!("{} {}", r.date, r.time),
            ]
        }),
    );
    text.push_str(&format!("{} released request(s)", released.requests.len()));
    if released.total as usize > released.requests.len() {
        text.push_str(&format!(
            " (of both types, the newest {} of {} were read)",
            abapgit_agent::transport_details::MAX_RELEASED,
            released.total
        ));
    }
    text.push('\n');
    Ok(Report::new(&released, text))
}

/// `transport show`: the request, its tasks and objects; says plainly when it is empty.
async fn show_transport(run: &mut Run, number: &str) -> CliResult<Report> {
    let details = run.agent()?.transport_details(number).await?;
    let request = &details.request;
    let mut text = format!(
        "{} {}\n{}, {}, owner {}, last changed {} {}{}\n",
        request.number,
        request.description,
        request.type_text,
        request.status_text,
        request.owner,
        request.date,
        request.time,
        if request.target.is_empty() {
            String::new()
        } else {
            format!(", target {}", request.target)
        }
    );
    text.push_str(&table(
        ["task", "owner", "type", "status"],
        details.tasks.iter().map(|t| {
            [
                t.number.clone(),
                t.owner.clone(),
                t.type_text.clone(),
                t.status_text.clone(),
            ]
        }),
    ));
    if details.is_empty() {
        text.push_str(&format!(
            "{} is empty: neither the request nor its tasks hold any object.\n",
            request.number
        ));
    } else {
        text.push_str(&table(
            ["type", "name", "recorded in"],
            details
                .objects
                .iter()
                .map(|o| [o.object_type.clone(), o.name.clone(), o.holder.clone()]),
        ));
    }
    Ok(Report::new(&details, text))
}

async fn transport(run: &mut Run, command: &TransportCommand) -> CliResult<Report> {
    let is_check = matches!(command, TransportCommand::Check { .. });
    let answer: TransportAnswer = match command {
        TransportCommand::Show { number } => return show_transport(run, number).await,
        TransportCommand::List {
            scope,
            kind,
            released: true,
        } => return released_transports(run, *scope, *kind).await,
        TransportCommand::List {
            scope,
            kind,
            released: false,
        } => {
            run.agent()?
                .list_transports_of(transport_scope(*scope), Some(transport_kind(*kind)))
                .await?
        }
        TransportCommand::Create { description, kind } => {
            run.agent()?
                .create_transport(description, transport_kind(*kind))
                .await?
        }
        TransportCommand::Check { number } => run.agent()?.check_transport(number).await?,
        TransportCommand::Release { number } => run.agent()?.release_transport(number).await?,
    };
    let mut text = table(
        ["number", "description", "owner", "date"],
        answer.transports.iter().map(|t| {
            [
                t.number.clone(),
                t.description.clone(),
                t.owner.clone(),
                t.date.clone(),
            ]
        }),
    );
    for issue in &answer.issues {
        text.push_str(&format!("issue: {issue}\n"));
    }
    let summary = [
        answer.message.clone(),
        answer
            .number
            .clone()
            .map(|n| format!("({n})"))
            .unwrap_or_default(),
    ]
    .join(" ");
    if !summary.trim().is_empty() {
        text.push_str(summary.trim());
        text.push('\n');
    }
    let failed_check = is_check && answer.passed != Some(true);
    Ok(Report::new(&answer, text).findings_if(failed_check))
}

fn transport_kind(kind: RequestKind) -> TransportKind {
    match kind {
        RequestKind::Workbench => TransportKind::Workbench,
        RequestKind::Customizing => TransportKind::Customizing,
    }
}

fn view_text(result: &abapgit_agent::ViewResult) -> String {
    let mut text = String::new();
    for object in &result.objects {
        if object.not_found {
            text.push_str(&format!("{}: not found\n", object.name));
            continue;
        }
        text.push_str(&format!(
            "== {} {} ({}){}\n",
            object.object_type,
            object.name,
            object.type_text,
            if object.description.is_empty() {
                String::new()
            } else {
                format!(": {}", object.description)
            }
        ));
        if let Some(domain) = &object.domain {
            text.push_str(&fields(&[
                ("Domain", domain.clone()),
                ("Type", object.domain_type.clone().unwrap_or_default()),
                (
                    "Length",
                    object
                        .domain_length
                        .map(|l| l.to_string())
                        .unwrap_or_default(),
                ),
                (
                    "Decimals",
                    object
                        .domain_decimals
                        .map(|d| d.to_string())
                        .unwrap_or_default(),
                ),
            ]));
        }
        if !object.components.is_empty() {
            text.push_str(&table(
                [
                    "field",
                    "key",
                    "type",
                    "length",
                    "data element",
                    "description",
                ],
                object.components.iter().map(|c| {
                    [
                        c.field.clone(),
                        if c.key { "X".into() } else { String::new() },
                        c.data_type.clone(),
                        c.length.to_string(),
                        c.data_element.clone(),
                        c.description.clone(),
                    ]
                }),
            ));
        }
        for section in &object.sections {
            text.push_str(&format!("-- {} {}\n", section.suffix, section.description));
            for line in &section.lines {
                text.push_str(line);
                text.push('\n');
            }
        }
        if let Some(source) = object.source.as_deref().or(object.definition.as_deref()) {
            text.push_str(source);
            if !source.ends_with('\n') {
                text.push('\n');
            }
        }
    }
    text
}

fn cell_text(value: &abapgit_agent::CellValue) -> String {
    use abapgit_agent::CellValue;
    match value {
        CellValue::Null => String::new(),
        CellValue::Bool(flag) => {
            if *flag {
                "X".into()
            } else {
                String::new()
            }
        }
        CellValue::Number(number) => number.to_string(),
        CellValue::Text(text) => text.clone(),
    }
}

/// A table with any number of columns (preview data).
fn grid(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut table = comfy_table::Table::new();
    table
        .load_preset(comfy_table::presets::NOTHING)
        .set_header(header.iter().map(|h| h.to_string()));
    for row in rows {
        table.add_row(row.iter().map(|cell| cell.replace(['\n', '\r', '\t'], " ")));
    }
    let mut text = crate::output::tidy(table.lines());
    text.push('\n');
    text
}
