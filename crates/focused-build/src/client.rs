//! The operations of the External DevOps API on one work item.

use std::sync::Arc;

use base64::Engine as _;
use reqwest::header::HeaderMap;
use reqwest::Method;
use sap_http::{Download, HttpResponse, SapError, SapRequest, Session};
use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;

use crate::model::{
    decode_attachment, decode_status, decode_text, decode_work_item, Attachment, AttachmentContent,
    NewAttachment, NewText, SavedAttachment, StatusChange, WorkItem, WorkItemText,
    DEFAULT_TEXT_TYPE,
};
use crate::odata::{
    check_response, collection_body, entity_body, json_body, shape_error, string_literal, Fields,
};
use crate::status::{normalise_status_code, StatusCatalogue};
use crate::WorkItemGuid;

/// Every navigation the blog's read expands.
pub const WORK_ITEM_EXPAND: &str = "toWIActualRelease,toWIAttachment,toWIText,toWICategory";

const JSON: &str = "application/json";

/// The largest attachment [`FocusedBuildClient::save_attachment`] writes to disk.
pub const MAX_DOWNLOAD_BYTES: u64 = 1024 * 1024 * 1024;

/// A client of `/sap/opu/odata/SALM/EXT_DEVOPS_INTEG_SRV/`. The session's base URL is that
/// service root and its CSRF fetch path is `""` (the service root). Cheap to clone.
#[derive(Clone)]
pub struct FocusedBuildClient {
    session: Session,
    catalogue: Arc<StatusCatalogue>,
}

impl FocusedBuildClient {
    pub fn new(session: Session) -> Self {
        Self::with_catalogue(session, StatusCatalogue::standard())
    }

    /// A client naming statuses from a customer's own status profiles.
    pub fn with_catalogue(session: Session, catalogue: StatusCatalogue) -> Self {
        Self {
            session,
            catalogue: Arc::new(catalogue),
        }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn catalogue(&self) -> &StatusCatalogue {
        &self.catalogue
    }

    /// The work item with its release, attachments, texts and categories.
    pub async fn work_item(&self, guid: &WorkItemGuid) -> Result<WorkItem, SapError> {
        let response = self.session.send(work_item_request(guid)).await?;
        self.work_item_from(response, guid)
    }

    /// The work item in an answer to [`work_item_request`] (alone or inside a `$batch`).
    pub(crate) fn work_item_from(
        &self,
        response: HttpResponse,
        guid: &WorkItemGuid,
    ) -> Result<WorkItem, SapError> {
        let body = json_body(&check_response(response)?)?;
        let entity = entity_body(&body, None).ok_or_else(|| shape_error("a work item", &body))?;
        Ok(decode_work_item(entity, guid, &self.catalogue))
    }

    /// Work items of `WorkItemSet`, `top` at most (without their navigations). Not part
    /// of the documented API scenarios: a real system may answer 501 (not implemented).
    pub async fn list_work_items(&self, top: Option<u32>) -> Result<Vec<WorkItem>, SapError> {
        let mut request = json_get("WorkItemSet");
        if let Some(top) = top {
            request = request.query("$top", &top.to_string());
        }
        let body = self.send_for_json(request).await?;
        let entries =
            collection_body(&body).ok_or_else(|| shape_error("a list of work items", &body))?;
        Ok(entries
            .into_iter()
            .filter_map(|entity| {
                // An entry without a readable key cannot be opened later, so it is left out.
                let guid = Fields(entity).text("guid")?;
                let guid = WorkItemGuid::parse(&guid).ok()?;
                Some(decode_work_item(entity, &guid, &self.catalogue))
            })
            .collect())
    }

    /// The work item's texts, oldest first as the server lists them.
    pub async fn texts(&self, guid: &WorkItemGuid) -> Result<Vec<WorkItemText>, SapError> {
        let request = json_get(&format!("{}/toWIText", work_item_path(guid)));
        let body = self.send_for_json(request).await?;
        let entries =
            collection_body(&body).ok_or_else(|| shape_error("a list of texts", &body))?;
        Ok(entries.into_iter().map(decode_text).collect())
    }

    pub async fn attachments(&self, guid: &WorkItemGuid) -> Result<Vec<Attachment>, SapError> {
        let request = json_get(&format!("{}/toWIAttachment", work_item_path(guid)));
        let body = self.send_for_json(request).await?;
        let entries =
            collection_body(&body).ok_or_else(|| shape_error("a list of attachments", &body))?;
        Ok(entries.into_iter().filter_map(decode_attachment).collect())
    }

    /// Appends a text (a comment unless another text type is chosen).
    pub async fn add_text(
        &self,
        guid: &WorkItemGuid,
        text: &NewText,
    ) -> Result<WorkItemText, SapError> {
        let text_type = match text.text_type.as_deref().map(str::trim) {
            None | Some("") => DEFAULT_TEXT_TYPE.to_owned(),
            Some(code) => normalise_text_type(code)?,
        };
        if text.content.trim().is_empty() {
            return Err(invalid_input("text_content", "the text is empty"));
        }
        let body = json!({
            "textType": text_type,
            "isRichText": text.is_rich_text,
            "textContent": text.content,
        });
        let request = SapRequest::post_json(format!("{}/toWIText", work_item_path(guid)), &body)?
            .header("Accept", JSON);
        tracing::info!(%guid, %text_type, "adding a work item text");
        let answer = self.send_for_json(request).await?;
        // A 201 may come back with an empty entity; the text is then what was sent.
        match entity_body(&answer, None).filter(|entity| !entity.is_empty()) {
            Some(entity) => Ok(decode_text(entity)),
            None => Ok(decode_text(
                body.as_object().unwrap_or(&serde_json::Map::new()),
            )),
        }
    }

    /// Uploads a file as an attachment of the work item.
    pub async fn add_attachment(
        &self,
        guid: &WorkItemGuid,
        file: &NewAttachment,
    ) -> Result<Attachment, SapError> {
        let file_name = file.file_name.trim();
        if file_name.is_empty() || file_name.contains(['/', '\\']) {
            return Err(invalid_input(
                "file_name",
                "give the file's name without a folder, e.g. test-report.pdf",
            ));
        }
        let mime_type = match file.mime_type.as_deref().map(str::trim) {
            None | Some("") => "application/octet-stream",
            Some(mime) if mime.contains('/') && !mime.contains(char::is_whitespace) => mime,
            Some(_) => {
                return Err(invalid_input(
                    "mime_type",
                    "expected type/subtype, e.g. application/pdf",
                ))
            }
        };
        let body = json!({
            "fileName": file_name,
            "mimeType": mime_type,
            "fileContent": base64::engine::general_purpose::STANDARD.encode(&file.content),
        });
        let request =
            SapRequest::post_json(format!("{}/toWIAttachment", work_item_path(guid)), &body)?
                .header("Accept", JSON);
        tracing::info!(%guid, file_name, size = file.content.len(), "uploading a work item attachment");
        let answer = self.send_for_json(request).await?;
        entity_body(&answer, None)
            .and_then(decode_attachment)
            .ok_or_else(|| shape_error("the created attachment", &answer))
    }

    /// The attachment's bytes (`$value` of the attachment entity), in memory under the
    /// session's body limit: for a preview. [`Self::save_attachment`] writes a file.
    pub async fn download_attachment(
        &self,
        guid: &WorkItemGuid,
        document_id: &str,
    ) -> Result<AttachmentContent, SapError> {
        let request = attachment_request(guid, document_id)?;
        let response = check_response(self.session.send(request).await?)?;
        Ok(AttachmentContent {
            mime_type: header(&response.headers, "content-type"),
            file_name: header(&response.headers, "content-disposition")
                .and_then(|value| disposition_file_name(&value)),
            content: response.body.to_vec(),
        })
    }

    /// Streams the attachment's bytes into `sink` as they arrive (never all in memory), up
    /// to [`MAX_DOWNLOAD_BYTES`]. On an error nothing was written, or the part written
    /// must be discarded by the caller.
    pub async fn save_attachment<W>(
        &self,
        guid: &WorkItemGuid,
        document_id: &str,
        sink: &mut W,
    ) -> Result<SavedAttachment, SapError>
    where
        W: tokio::io::AsyncWrite + Unpin + Send,
    {
        let request = attachment_request(guid, document_id)?.max_body_bytes(MAX_DOWNLOAD_BYTES);
        match self.session.download(request, sink).await? {
            Download::Written { headers, bytes, .. } => Ok(SavedAttachment {
                mime_type: header(&headers, "content-type"),
                file_name: header(&headers, "content-disposition")
                    .and_then(|value| disposition_file_name(&value)),
                bytes,
            }),
            Download::Answer(response) => {
                let response = check_response(response)?;
                // A success answer the session kept in memory (an HTML document).
                sink.write_all(&response.body)
                    .await
                    .map_err(|error| invalid_input("download", &error.to_string()))?;
                sink.flush()
                    .await
                    .map_err(|error| invalid_input("download", &error.to_string()))?;
                Ok(SavedAttachment {
                    mime_type: header(&response.headers, "content-type"),
                    file_name: header(&response.headers, "content-disposition")
                        .and_then(|value| disposition_file_name(&value)),
                    bytes: response.body.len() as u64,
                })
            }
        }
    }

    /// Sets the work item's user status through the `ChangeStatus` function import.
    pub async fn change_status(
        &self,
        guid: &WorkItemGuid,
        user_status: &str,
    ) -> Result<StatusChange, SapError> {
        let code = normalise_status_code(user_status).ok_or_else(|| {
            invalid_input(
                "user_status",
                &format!(
                    "'{}' is not a user status code: expected E and four digits, e.g. E0004",
                    user_status.trim()
                ),
            )
        })?;
        let request = SapRequest::new(Method::POST, "ChangeStatus")
            .query("userStatus", &string_literal(&code))
            .query("guid", &guid.literal())
            .header("Accept", JSON);
        tracing::info!(%guid, user_status = %code, "changing the work item status");
        let response = match check_response(self.session.send(request).await?) {
            Ok(response) => response,
            Err(refusal @ SapError::Sap { .. }) => {
                return self.already_there_or(guid, &code, refusal).await
            }
            Err(error) => return Err(error),
        };
        // 204 or an empty body: the change was accepted, the status is the one asked for.
        let answer = if response.body.iter().all(u8::is_ascii_whitespace) {
            Value::Null
        } else {
            json_body(&response)?
        };
        let status = entity_body(&answer, Some("ChangeStatus"))
            .map(Fields)
            .filter(|fields| fields.text_any(&["userStatus", "status"]).is_some())
            .map(|fields| {
                let process_type = fields.text("processType");
                decode_status(fields, process_type.as_deref(), &self.catalogue)
            })
            .unwrap_or_else(|| self.catalogue.resolve(None, &code, None));
        Ok(StatusChange {
            guid: guid.clone(),
            status,
            already_there: false,
        })
    }

    /// After a refusal: an item that has the status asked for (it had it already, or someone
    /// set it meanwhile) is already there; otherwise the refusal stands.
    async fn already_there_or(
        &self,
        guid: &WorkItemGuid,
        code: &str,
        refusal: SapError,
    ) -> Result<StatusChange, SapError> {
        match self.work_item(guid).await {
            Ok(item) if item.status.code.eq_ignore_ascii_case(code) => Ok(StatusChange {
                guid: guid.clone(),
                status: item.status,
                already_there: true,
            }),
            _ => Err(refusal),
        }
    }

    async fn send_for_json(&self, request: SapRequest) -> Result<Value, SapError> {
        let response = check_response(self.session.send(request).await?)?;
        json_body(&response)
    }
}

/// `GET WorkItemAttachmentSet(…)/$value`: any content type; an HTML attachment is data.
fn attachment_request(guid: &WorkItemGuid, document_id: &str) -> Result<SapRequest, SapError> {
    if document_id.trim().is_empty() {
        return Err(invalid_input("document_id", "no attachment chosen"));
    }
    let path = format!(
        "WorkItemAttachmentSet(guid={},documentId={})/$value",
        guid.literal(),
        string_literal(document_id.trim())
    );
    Ok(SapRequest::get(path).header("Accept", "*/*").html_is_data())
}

/// `GET WorkItemSet(guid=guid'…')?$expand=…`: the work item with every navigation.
pub(crate) fn work_item_request(guid: &WorkItemGuid) -> SapRequest {
    json_get(&work_item_path(guid)).query("$expand", WORK_ITEM_EXPAND)
}

fn work_item_path(guid: &WorkItemGuid) -> String {
    format!("WorkItemSet(guid={})", guid.literal())
}

fn json_get(path: &str) -> SapRequest {
    SapRequest::get(path)
        .query("$format", "json")
        .header("Accept", JSON)
}

fn normalise_text_type(code: &str) -> Result<String, SapError> {
    let valid = code.len() == 4 && code.chars().all(|c| c.is_ascii_alphanumeric());
    if valid {
        Ok(code.to_ascii_uppercase())
    } else {
        Err(invalid_input(
            "text_type",
            &format!("'{code}' is not a text type: expected four letters or digits, e.g. S105"),
        ))
    }
}

fn invalid_input(field: &str, message: &str) -> SapError {
    SapError::Config {
        field: field.into(),
        message: message.into(),
    }
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

/// `attachment; filename="test report.pdf"` → `test report.pdf`.
fn disposition_file_name(value: &str) -> Option<String> {
    value.split(';').find_map(|part| {
        let (key, raw) = part.trim().split_once('=')?;
        if !key.trim().eq_ignore_ascii_case("filename") {
            return None;
        }
        let name = raw.trim().trim_matches('"');
        // Chosen by the server: reduced to a base name like every server-sent file name.
        (!name.is_empty()).then(|| sap_http::clean_file_name(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_disposition_file_names() {
        assert_eq!(
            disposition_file_name("attachment; filename=\"test report.pdf\"").as_deref(),
            Some("test report.pdf")
        );
        assert_eq!(
            disposition_file_name("inline; FILENAME=a.txt").as_deref(),
            Some("a.txt")
        );
        assert_eq!(disposition_file_name("attachment"), None);
        assert_eq!(
            disposition_file_name("attachment; filename=\"../../.ssh/authorized_keys\"").as_deref(),
            Some("authorized_keys")
        );
    }

    #[test]
    fn text_types_are_checked_before_sending() {
        assert_eq!(normalise_text_type("s115").unwrap(), "S115");
        assert!(normalise_text_type("S1 5").is_err());
        assert!(normalise_text_type("COMMENT").is_err());
    }
}
