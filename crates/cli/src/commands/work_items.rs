//! `wi`: Focused Build work items, one `FocusedBuildClient` call per command, as the app's
//! work item commands. GUIDs and status codes are checked before anything is sent.

use std::path::{Path, PathBuf};

use focused_build::status::normalise_status_code;
use focused_build::{
    mime_type_for, Attachment, NewAttachment, NewText, StatusCatalogue, StatusChangeOutcome,
    StatusChangeRequest, StatusChangeResult, WorkItem, WorkItemGuid, WorkItemText,
};
use serde::Serialize;

use super::read_lines;
use crate::cli::WiCommand;
use crate::context::Run;
use crate::exit::{CliError, CliResult, Exit};
use crate::output::{csv, fields, table, Report};

/// Files read for upload or written from a download are at most this large (the service
/// takes the file base64-encoded in one JSON body), as in the app.
const MAX_ATTACHMENT_BYTES: u64 = 50 * 1024 * 1024;

pub async fn execute(run: &mut Run, command: &WiCommand) -> CliResult<Report> {
    match command {
        WiCommand::Show { guid } => show(run, guid).await,
        WiCommand::List { top } => list(run, *top).await,
        WiCommand::Texts { guid } => texts(run, guid).await,
        WiCommand::Comment {
            guid,
            text,
            text_file,
            text_type,
        } => {
            comment(
                run,
                guid,
                text.as_deref(),
                text_file.as_deref(),
                text_type.clone(),
            )
            .await
        }
        WiCommand::Attachments { guid } => attachments(run, guid).await,
        WiCommand::Attach { guid, file, mime } => attach(run, guid, file, mime.clone()).await,
        WiCommand::Download {
            guid,
            document_id,
            output,
        } => download(run, guid, document_id, output.as_deref()).await,
        WiCommand::Status {
            status,
            guids,
            guids_file,
            concurrency,
        } => change_status(run, status, guids, guids_file.as_deref(), *concurrency).await,
    }
}

fn parse_guid(input: &str) -> CliResult<WorkItemGuid> {
    WorkItemGuid::parse(input).map_err(|_| {
        CliError::usage(format!(
            "{input:?} is not a work item GUID: expected 32 hex digits, e.g. 0050568B3F1C1EDAA8C22D3F4E5A6B7C"
        ))
    })
}

async fn show(run: &mut Run, guid: &str) -> CliResult<Report> {
    let guid = parse_guid(guid)?;
    let item = run.focused_build()?.work_item(&guid).await?;
    let text = describe_item(&item);
    Ok(Report::new(&item, text))
}

fn describe_item(item: &WorkItem) -> String {
    let opt = |value: &Option<String>| value.clone().unwrap_or_default();
    let mut text = fields(&[
        ("Work item", opt(&item.object_id)),
        ("GUID", item.guid.to_string()),
        ("Description", item.description.clone()),
        ("Status", item.status.label.clone()),
        (
            "Type",
            match (&item.process_type, &item.process_type_text) {
                (Some(code), Some(name)) => format!("{name} ({code})"),
                (Some(code), None) => code.clone(),
                _ => String::new(),
            },
        ),
        (
            "Priority",
            opt(&item.priority_text).max(opt(&item.priority)),
        ),
        ("Work package", opt(&item.work_package_id)),
        ("Project", opt(&item.project_id)),
        ("Created", by_at(&item.created_by, &item.created_at)),
        ("Changed", by_at(&item.changed_by, &item.changed_at)),
        (
            "Release",
            item.actual_release
                .as_ref()
                .map(|r| {
                    let name = [opt(&r.release_id), opt(&r.description)]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ");
                    match &r.phase {
                        Some(phase) => format!("{name} (phase {phase})"),
                        None => name,
                    }
                })
                .unwrap_or_default(),
        ),
        (
            "Categories",
            item.categories
                .iter()
                .flatten()
                .map(|c| {
                    c.description
                        .clone()
                        .unwrap_or_else(|| c.category_id.clone())
                })
                .collect::<Vec<_>>()
                .join(", "),
        ),
    ]);
    if let Some(attachments) = item.attachments.as_ref().filter(|a| !a.is_empty()) {
        text.push_str("\nAttachments\n");
        text.push_str(&attachment_table(attachments));
    }
    if let Some(texts) = item.texts.as_ref().filter(|t| !t.is_empty()) {
        text.push_str("\nTexts\n");
        text.push_str(&describe_texts(texts));
    }
    text
}

fn by_at(by: &Option<String>, at: &Option<String>) -> String {
    match (by, at) {
        (Some(by), Some(at)) => format!("{at} by {by}"),
        (None, Some(at)) => at.clone(),
        (Some(by), None) => by.clone(),
        (None, None) => String::new(),
    }
}

fn describe_texts(texts: &[WorkItemText]) -> String {
    let mut text = String::new();
    for entry in texts {
        let kind = entry
            .text_type_name
            .clone()
            .unwrap_or_else(|| entry.text_type.clone());
        let when = by_at(&entry.created_by, &entry.created_at);
        text.push_str(&format!(
            "--- {kind} ({}){}\n",
            entry.text_type,
            if when.is_empty() {
                String::new()
            } else {
                format!(", {when}")
            }
        ));
        for line in entry.content.lines() {
            text.push_str(&format!("    {line}\n"));
        }
    }
    text
}

fn attachment_table(attachments: &[Attachment]) -> String {
    table(
        ["document id", "file", "type", "bytes", "created"],
        attachments.iter().map(|a| {
            [
                a.document_id.clone(),
                a.file_name.clone(),
                a.mime_type.clone().unwrap_or_default(),
                a.file_size.map(|s| s.to_string()).unwrap_or_default(),
                by_at(&a.created_by, &a.created_at),
            ]
        }),
    )
}

async fn list(run: &mut Run, top: Option<u32>) -> CliResult<Report> {
    let items = run.focused_build()?.list_work_items(top).await?;
    let text = if items.is_empty() {
        "No work items.\n".to_owned()
    } else {
        table(
            ["work item", "guid", "type", "status", "description"],
            items.iter().map(|i| {
                [
                    i.object_id.clone().unwrap_or_default(),
                    i.guid.to_string(),
                    i.process_type.clone().unwrap_or_default(),
                    i.status.label.clone(),
                    i.description.clone(),
                ]
            }),
        )
    };
    Ok(Report::new(&items, text))
}

async fn texts(run: &mut Run, guid: &str) -> CliResult<Report> {
    let guid = parse_guid(guid)?;
    let texts = run.focused_build()?.texts(&guid).await?;
    let text = if texts.is_empty() {
        "No texts.\n".to_owned()
    } else {
        describe_texts(&texts)
    };
    Ok(Report::new(&texts, text))
}

async fn comment(
    run: &mut Run,
    guid: &str,
    text: Option<&str>,
    text_file: Option<&Path>,
    text_type: Option<String>,
) -> CliResult<Report> {
    let guid = parse_guid(guid)?;
    let content = match (text, text_file) {
        (Some(text), _) => text.to_owned(),
        (None, Some(path)) => read_text(path)?,
        (None, None) => return Err(CliError::usage("give the text or --text-file FILE")),
    };
    let added = run
        .focused_build()?
        .add_text(
            &guid,
            &NewText {
                text_type,
                content,
                is_rich_text: false,
            },
        )
        .await?;
    let kind = added
        .text_type_name
        .clone()
        .unwrap_or_else(|| added.text_type.clone());
    let message = format!(
        "Added a {} ({}) to {guid}\n",
        kind.to_lowercase(),
        added.text_type
    );
    Ok(Report::new(&added, message))
}

fn read_text(path: &Path) -> CliResult<String> {
    let text = if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())
            .map_err(|error| CliError::input(format!("cannot read standard input: {error}")))?
    } else {
        std::fs::read_to_string(path)
            .map_err(|error| CliError::input(format!("cannot read {}: {error}", path.display())))?
    };
    Ok(text.trim_end_matches(['\r', '\n']).to_owned())
}

async fn attachments(run: &mut Run, guid: &str) -> CliResult<Report> {
    let guid = parse_guid(guid)?;
    let attachments = run.focused_build()?.attachments(&guid).await?;
    let text = if attachments.is_empty() {
        "No attachments.\n".to_owned()
    } else {
        attachment_table(&attachments)
    };
    Ok(Report::new(&attachments, text))
}

async fn attach(run: &mut Run, guid: &str, path: &Path, mime: Option<String>) -> CliResult<Report> {
    let guid = parse_guid(guid)?;
    let file_name = path
        .file_name()
        .and_then(|name| name.to_str())
        .ok_or_else(|| CliError::input(format!("{} names no file", path.display())))?
        .to_owned();
    let size = tokio::fs::metadata(path)
        .await
        .map_err(|error| CliError::input(format!("{}: {error}", path.display())))?
        .len();
    if size > MAX_ATTACHMENT_BYTES {
        return Err(CliError::input(format!(
            "{file_name} has {size} bytes; attachments up to {MAX_ATTACHMENT_BYTES} bytes are supported"
        )));
    }
    let content = tokio::fs::read(path)
        .await
        .map_err(|error| CliError::input(format!("{}: {error}", path.display())))?;
    let file = NewAttachment {
        mime_type: mime.or_else(|| mime_type_for(&file_name).map(str::to_owned)),
        file_name,
        content,
    };
    let attachment = run.focused_build()?.add_attachment(&guid, &file).await?;
    let text = format!(
        "Attached {} to {guid} (document {})\n",
        attachment.file_name, attachment.document_id
    );
    Ok(Report::new(&attachment, text))
}

#[derive(Serialize)]
struct SavedAttachment {
    path: String,
    bytes: u64,
    mime_type: Option<String>,
}

/// Streams the attachment into a hidden file beside the target and renames it when
/// complete: a failed download leaves nothing behind, and without `--output` an existing
/// file is never replaced.
async fn download(
    run: &mut Run,
    guid: &str,
    document_id: &str,
    output: Option<&Path>,
) -> CliResult<Report> {
    let guid = parse_guid(guid)?;
    let folder = output
        .and_then(Path::parent)
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let partial = tempfile::Builder::new()
        .prefix(".adesk-download-")
        .tempfile_in(folder)
        .map_err(|error| {
            CliError::input(format!("cannot write in {}: {error}", folder.display()))
        })?;
    let writer = partial.reopen().map_err(|error| {
        CliError::input(format!("cannot write in {}: {error}", folder.display()))
    })?;
    let mut sink = tokio::fs::File::from_std(writer);
    let saved = run
        .focused_build()?
        .save_attachment(&guid, document_id, &mut sink)
        .await?;
    sink.sync_all()
        .await
        .map_err(|error| CliError::input(format!("cannot write the attachment: {error}")))?;
    drop(sink);
    let path = match output {
        Some(path) => {
            partial
                .persist(path)
                .map_err(|error| CliError::input(format!("{}: {}", path.display(), error.error)))?;
            path.to_owned()
        }
        None => {
            // The server's name is already a clean base name (no folder, no dot file).
            let name = saved.file_name.clone().unwrap_or_else(|| {
                format!(
                    "attachment-{}",
                    sap_http::clean_file_name(document_id.trim())
                )
            });
            let path = PathBuf::from(name);
            partial.persist_noclobber(&path).map_err(|error| {
                if error.error.kind() == std::io::ErrorKind::AlreadyExists {
                    CliError::input(format!(
                        "{} exists: choose where to write with --output FILE",
                        path.display()
                    ))
                } else {
                    CliError::input(format!("{}: {}", path.display(), error.error))
                }
            })?;
            path
        }
    };
    let saved = SavedAttachment {
        path: path.display().to_string(),
        bytes: saved.bytes,
        mime_type: saved.mime_type,
    };
    let text = format!("Wrote {} ({} bytes)\n", saved.path, saved.bytes);
    Ok(Report::new(&saved, text))
}

async fn change_status(
    run: &mut Run,
    status: &str,
    guids: &[String],
    guids_file: Option<&Path>,
    concurrency: u32,
) -> CliResult<Report> {
    let code = normalise_status_code(status).ok_or_else(|| {
        CliError::usage(format!(
            "{status:?} is not a user status code: expected E and four digits, e.g. E0004"
        ))
    })?;
    let mut inputs: Vec<String> = guids.to_vec();
    if let Some(path) = guids_file {
        inputs.extend(read_lines(path)?);
    }
    if inputs.is_empty() {
        return Err(CliError::usage(
            "give at least one work item GUID (or --guids-file FILE)",
        ));
    }
    // Every GUID is checked before the first request: a typo stops the batch, not half of it.
    let mut requests: Vec<StatusChangeRequest> = Vec::new();
    for input in &inputs {
        let guid = parse_guid(input)?;
        if !requests.iter().any(|r| r.guid == guid) {
            requests.push(StatusChangeRequest {
                guid,
                user_status: code.clone(),
            });
        }
    }
    let client = run.focused_build()?;
    let concurrency = usize::try_from(concurrency.max(1)).unwrap_or(1);
    let outcomes = client.change_status_many(requests, concurrency).await;
    let catalogue = StatusCatalogue::standard();
    let requested = match catalogue.name(None, &code) {
        Some(name) => format!("{name} ({code})"),
        None => code.clone(),
    };
    let rows: Vec<[String; 4]> = outcomes
        .iter()
        .map(|o| outcome_row(o, &requested))
        .collect();
    let mut text = table(["guid", "requested", "result", "message"], rows.clone());
    let count = |wanted: fn(&StatusChangeResult) -> bool| {
        outcomes.iter().filter(|o| wanted(&o.result)).count()
    };
    let done = count(|r| matches!(r, StatusChangeResult::Done { .. }));
    let already = count(|r| matches!(r, StatusChangeResult::AlreadyThere { .. }));
    let refused = count(|r| matches!(r, StatusChangeResult::Refused { .. }));
    let failed = outcomes.len() - done - already - refused;
    text.push_str(&format!(
        "{done} changed, {already} already there, {refused} refused, {failed} failed\n"
    ));
    let csv_rows: Vec<Vec<String>> = rows.into_iter().map(Vec::from).collect();
    let csv = csv(
        &["GUID", "Requested status", "Result", "Message"],
        &csv_rows,
    )?;
    let mut report = Report::new(&outcomes, text).with_csv(csv);
    // A refusal is a finding; a failure (no verdict) is the worst error among them.
    report.exit = outcomes
        .iter()
        .map(|o| match &o.result {
            StatusChangeResult::Done { .. } | StatusChangeResult::AlreadyThere { .. } => {
                Exit::Success
            }
            StatusChangeResult::Refused { .. } => Exit::Findings,
            StatusChangeResult::Failed { error } => Exit::of(error),
        })
        .max()
        .unwrap_or(Exit::Success);
    Ok(report)
}

fn outcome_row(outcome: &StatusChangeOutcome, requested: &str) -> [String; 4] {
    let (result, message) = match &outcome.result {
        StatusChangeResult::Done { status } => ("Done", status.label.clone()),
        StatusChangeResult::AlreadyThere { status } => ("Already there", status.label.clone()),
        StatusChangeResult::Refused {
            reason, details, ..
        } => {
            let mut parts = vec![reason.clone()];
            parts.extend(details.iter().filter(|d| *d != reason).cloned());
            ("Refused", parts.join(" "))
        }
        StatusChangeResult::Failed { error } => ("Failed", error.to_string()),
    };
    [
        outcome.guid.to_string(),
        requested.to_owned(),
        result.to_owned(),
        message,
    ]
}
