//! One command per Focused Build work item operation (External DevOps API), each one call of
//! `FocusedBuildClient` on the profile's warm session. GUIDs arrive as the user typed or
//! copied them and are validated before anything is sent.

use focused_build::{
    text_types, Attachment, AttachmentContent, FocusedBuildClient, NewAttachment, NewText,
    StatusCatalogue, StatusChange, StatusChangeOutcome, StatusChangeRequest, TextTypeInfo,
    WorkItem, WorkItemGuid, WorkItemText, DEFAULT_TEXT_TYPE,
};
use profiles::{ProfileId, ServiceKind};
use serde::Serialize;
use tauri::State;

use crate::error::{AppError, CommandResult};
use crate::file_access::Access;
use crate::state::AppState;
use crate::status_history::{StatusBatch, StatusChangeRow};

/// Attachments read from or written to disk are at most this large (the service takes the
/// file base64-encoded in one JSON body).
const MAX_ATTACHMENT_BYTES: u64 = 50 * 1024 * 1024;

/// The Focused Build client on the profile's warm session.
fn focused_build(state: &AppState, profile_id: &ProfileId) -> Result<FocusedBuildClient, AppError> {
    let profile = state.book.get(profile_id)?;
    if profile.settings.service_kind != ServiceKind::FocusedBuild {
        return Err(AppError::not_found(
            "service",
            format!(
                "{} is not a Focused Build system",
                profile.settings.display_name
            ),
        ));
    }
    Ok(FocusedBuildClient::new(
        state.sessions.session(&state.book, profile_id)?,
    ))
}

fn parse_guid(input: &str) -> Result<WorkItemGuid, AppError> {
    Ok(WorkItemGuid::parse(input)?)
}

/// What the work item screens offer without asking the system.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct WorkItemCatalogue {
    pub statuses: StatusCatalogue,
    pub text_types: Vec<TextTypeInfo>,
    pub default_text_type: String,
}

/// Status names per process type and the selectable text types.
#[tauri::command]
#[specta::specta]
pub fn work_item_catalogue() -> WorkItemCatalogue {
    WorkItemCatalogue {
        statuses: StatusCatalogue::standard(),
        text_types: text_types(),
        default_text_type: DEFAULT_TEXT_TYPE.to_owned(),
    }
}

/// `GET WorkItemSet(guid=guid'…')?$expand=toWIActualRelease,toWIAttachment,toWIText,toWICategory`.
#[tauri::command]
#[specta::specta]
pub async fn work_item_get(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    guid: String,
) -> CommandResult<WorkItem> {
    let client = focused_build(&state, &profile_id)?;
    Ok(client.work_item(&parse_guid(&guid)?).await?)
}

/// One item of a worklist read: the item, or why it could not be read (the others are
/// unharmed). `guid` is the one asked for, as the UI sent it.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum WorkItemReadAnswer {
    Ok { guid: String, data: Box<WorkItem> },
    Error { guid: String, error: AppError },
}

/// The worklist's items, each as `work_item_get` reads it, in OData `$batch` requests of a
/// hundred reads (N items cost ⌈N/100⌉ requests, not N). In the order asked.
#[tauri::command]
#[specta::specta]
pub async fn work_items_read(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    guids: Vec<String>,
) -> CommandResult<Vec<WorkItemReadAnswer>> {
    let client = focused_build(&state, &profile_id)?;
    let parsed: Vec<(String, Result<WorkItemGuid, AppError>)> = guids
        .into_iter()
        .map(|guid| {
            let valid = parse_guid(&guid);
            (guid, valid)
        })
        .collect();
    let valid: Vec<WorkItemGuid> = parsed
        .iter()
        .filter_map(|(_, valid)| valid.as_ref().ok().cloned())
        .collect();
    let mut reads = client.work_items(&valid).await.into_iter();
    Ok(parsed
        .into_iter()
        .map(|(guid, valid)| {
            let result = match valid {
                // `work_items` answers every GUID it was given, in order.
                Ok(_) => match reads.next() {
                    Some(read) => read.result.map_err(AppError::from),
                    None => Err(AppError::not_found("work item", "no answer for it")),
                },
                Err(error) => Err(error),
            };
            match result {
                Ok(data) => WorkItemReadAnswer::Ok {
                    guid,
                    data: Box::new(data),
                },
                Err(error) => WorkItemReadAnswer::Error { guid, error },
            }
        })
        .collect())
}

/// `GET WorkItemSet`: not among the documented scenarios; a real system may refuse it (501).
#[tauri::command]
#[specta::specta]
pub async fn work_items_list(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    top: Option<u32>,
) -> CommandResult<Vec<WorkItem>> {
    let client = focused_build(&state, &profile_id)?;
    Ok(client.list_work_items(top).await?)
}

/// `GET WorkItemSet(…)/toWIText`.
#[tauri::command]
#[specta::specta]
pub async fn work_item_texts(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    guid: String,
) -> CommandResult<Vec<WorkItemText>> {
    let client = focused_build(&state, &profile_id)?;
    Ok(client.texts(&parse_guid(&guid)?).await?)
}

/// `POST WorkItemSet(…)/toWIText`: appends a text (a comment unless another type is given).
#[tauri::command]
#[specta::specta]
pub async fn work_item_add_text(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    guid: String,
    text: NewText,
) -> CommandResult<WorkItemText> {
    let client = focused_build(&state, &profile_id)?;
    Ok(client.add_text(&parse_guid(&guid)?, &text).await?)
}

/// `GET WorkItemSet(…)/toWIAttachment`.
#[tauri::command]
#[specta::specta]
pub async fn work_item_attachments(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    guid: String,
) -> CommandResult<Vec<Attachment>> {
    let client = focused_build(&state, &profile_id)?;
    Ok(client.attachments(&parse_guid(&guid)?).await?)
}

/// `POST WorkItemSet(…)/toWIAttachment` with bytes the UI already holds.
#[tauri::command]
#[specta::specta]
pub async fn work_item_add_attachment(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    guid: String,
    file: NewAttachment,
) -> CommandResult<Attachment> {
    let client = focused_build(&state, &profile_id)?;
    Ok(client.add_attachment(&parse_guid(&guid)?, &file).await?)
}

/// Uploads a file from disk (`file`: a handle from `pick_files`); the MIME type follows the
/// extension unless given.
#[tauri::command]
#[specta::specta]
pub async fn work_item_attach_file(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    guid: String,
    file: String,
    mime_type: Option<String>,
) -> CommandResult<Attachment> {
    let client = focused_build(&state, &profile_id)?;
    let guid = parse_guid(&guid)?;
    let chosen = state.files.path(&file, Access::Read)?;
    let path = chosen.display().to_string();
    let file_path = chosen.as_path();
    let file_name = file_path
        .file_name()
        .and_then(|name| name.to_str())
        .ok_or_else(|| AppError::not_found("file", format!("{path} names no file")))?
        .to_owned();
    let size = tokio::fs::metadata(file_path)
        .await
        .map_err(|error| AppError::not_found("file", format!("{path}: {error}")))?
        .len();
    if size > MAX_ATTACHMENT_BYTES {
        return Err(AppError::storage(format!(
            "{file_name} has {size} bytes; attachments up to {MAX_ATTACHMENT_BYTES} bytes are supported"
        )));
    }
    let content = tokio::fs::read(file_path)
        .await
        .map_err(|error| AppError::storage(format!("{path}: {error}")))?;
    let file = NewAttachment {
        mime_type: mime_type
            .or_else(|| focused_build::mime_type_for(&file_name).map(str::to_owned)),
        file_name,
        content,
    };
    Ok(client.add_attachment(&guid, &file).await?)
}

/// `GET WorkItemAttachmentSet(…)/$value`: the bytes, for a preview.
#[tauri::command]
#[specta::specta]
pub async fn work_item_download_attachment(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    guid: String,
    document_id: String,
) -> CommandResult<AttachmentContent> {
    let client = focused_build(&state, &profile_id)?;
    Ok(client
        .download_attachment(&parse_guid(&guid)?, &document_id)
        .await?)
}

/// Where a downloaded attachment was written.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SavedAttachment {
    pub path: String,
    pub bytes: u32,
}

/// Downloads an attachment into `file` (a handle from `pick_save_file`), streamed to disk as it
/// arrives: a large file never sits in memory. A failed download leaves no partial file.
#[tauri::command]
#[specta::specta]
pub async fn work_item_save_attachment(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    guid: String,
    document_id: String,
    file: String,
) -> CommandResult<SavedAttachment> {
    let client = focused_build(&state, &profile_id)?;
    let guid = parse_guid(&guid)?;
    let path = state.files.path(&file, Access::Write)?;
    let path = path.display().to_string();
    let mut file = tokio::fs::File::create(&path)
        .await
        .map_err(|error| AppError::storage(format!("{path}: {error}")))?;
    let saved = client.save_attachment(&guid, &document_id, &mut file).await;
    drop(file);
    match saved {
        Ok(saved) => Ok(SavedAttachment {
            path,
            bytes: u32::try_from(saved.bytes).unwrap_or(u32::MAX),
        }),
        Err(error) => {
            let _ = tokio::fs::remove_file(&path).await;
            Err(error.into())
        }
    }
}

/// `POST ChangeStatus?userStatus='E0004'&guid=guid'…'`.
#[tauri::command]
#[specta::specta]
pub async fn work_item_change_status(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    guid: String,
    user_status: String,
) -> CommandResult<StatusChange> {
    let client = focused_build(&state, &profile_id)?;
    Ok(client
        .change_status(&parse_guid(&guid)?, &user_status)
        .await?)
}

/// `ChangeStatus` for many items, a few at a time; one outcome per request, in order,
/// so the UI can show the refusals and retry the failures.
#[tauri::command]
#[specta::specta]
pub async fn work_items_change_status(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    requests: Vec<StatusChangeRequest>,
    concurrency: Option<u32>,
) -> CommandResult<Vec<StatusChangeOutcome>> {
    let client = focused_build(&state, &profile_id)?;
    let concurrency = concurrency.map_or(4, |n| usize::try_from(n).unwrap_or(1));
    Ok(client.change_status_many(requests, concurrency).await)
}

/// Records a batch's results in the history, with the time, the profile's SAP user and the
/// system's name (taken here, not from the window).
#[tauri::command]
#[specta::specta]
pub fn work_item_history_add(
    state: State<'_, AppState>,
    profile_id: ProfileId,
    rows: Vec<StatusChangeRow>,
) -> CommandResult<StatusBatch> {
    let profile = state.book.get(&profile_id)?;
    state
        .status_history
        .record(
            profile_id,
            profile.settings.user.clone(),
            profile.settings.display_name.clone(),
            rows,
        )
        .map_err(AppError::storage)
}

/// The batch status changes of every system, newest first.
#[tauri::command]
#[specta::specta]
pub fn work_item_history(state: State<'_, AppState>) -> Vec<StatusBatch> {
    state.status_history.list()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_offers_the_comment_first() {
        let catalogue = work_item_catalogue();
        assert_eq!(catalogue.default_text_type, "S105");
        assert_eq!(catalogue.text_types[0].code, "S105");
        assert_eq!(
            catalogue.statuses.name(Some("S1MJ"), "E0009"),
            Some("Successfully Tested")
        );
    }
}
