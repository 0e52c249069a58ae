//! What the UI sees of a work item, and how it is read from the service's entities.
//!
//! The service's property names are camelCase (`objectId`, `userStatus`, `textType`, …);
//! alternates seen on sibling Focused Build services are accepted too.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::odata::{expanded_many, expanded_one, Fields};
use crate::status::{StatusCatalogue, UserStatus};
use crate::WorkItemGuid;

/// The text type a comment is written with.
pub const DEFAULT_TEXT_TYPE: &str = "S105";

/// Text types Focused Build offers on work items (value help of the work item texts).
/// S108, S109, S112 and S113 are comments tied to a partner role.
pub const TEXT_TYPES: &[(&str, &str)] = &[
    ("S105", "Comment"),
    ("S115", "Description"),
    ("S114", "Memo"),
    ("S108", "Role Comment (S108)"),
    ("S109", "Role Comment (S109)"),
    ("S112", "Role Comment (S112)"),
    ("S113", "Role Comment (S113)"),
];

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TextTypeInfo {
    pub code: String,
    pub name: String,
}

/// The selectable text types, comment first.
pub fn text_types() -> Vec<TextTypeInfo> {
    TEXT_TYPES
        .iter()
        .map(|(code, name)| TextTypeInfo {
            code: (*code).to_owned(),
            name: (*name).to_owned(),
        })
        .collect()
}

pub fn text_type_name(code: &str) -> Option<&'static str> {
    TEXT_TYPES
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(code))
        .map(|(_, name)| *name)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WorkItem {
    pub guid: WorkItemGuid,
    /// The 10-digit CRM transaction number the SAP GUI shows, e.g. `8000001408`.
    pub object_id: Option<String>,
    /// `S1MJ` normal change, `S1HF` urgent change, `S1CG` general change, …
    pub process_type: Option<String>,
    pub process_type_text: Option<String>,
    pub description: String,
    pub status: UserStatus,
    pub priority: Option<String>,
    pub priority_text: Option<String>,
    /// The work package (S1IT) the item belongs to.
    pub work_package_id: Option<String>,
    pub project_id: Option<String>,
    pub created_by: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: Option<String>,
    pub changed_by: Option<String>,
    pub changed_at: Option<String>,
    /// `None` when not expanded or not assigned.
    pub actual_release: Option<Release>,
    /// `None` when the navigation was not expanded (not the same as no texts).
    pub texts: Option<Vec<WorkItemText>>,
    pub attachments: Option<Vec<Attachment>>,
    pub categories: Option<Vec<Category>>,
}

/// The release (and change cycle) the work item is currently assigned to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Release {
    pub release_id: Option<String>,
    pub description: Option<String>,
    pub change_cycle_id: Option<String>,
    pub phase: Option<String>,
    pub go_live_date: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WorkItemText {
    pub text_type: String,
    /// The server's name for the text type, else the catalogue's.
    pub text_type_name: Option<String>,
    pub content: String,
    pub is_rich_text: bool,
    pub created_by: Option<String>,
    pub created_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Attachment {
    /// The key of the attachment within its work item.
    pub document_id: String,
    pub file_name: String,
    pub mime_type: Option<String>,
    pub file_size: Option<u32>,
    pub created_by: Option<String>,
    pub created_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Category {
    pub category_id: String,
    pub description: Option<String>,
    /// The categorisation schema the category belongs to.
    pub schema_id: Option<String>,
    pub level: Option<u32>,
}

/// A new text (append-only: Focused Build keeps every text as its own record).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewText {
    /// Defaults to [`DEFAULT_TEXT_TYPE`] (comment).
    pub text_type: Option<String>,
    pub content: String,
    #[serde(default)]
    pub is_rich_text: bool,
}

impl NewText {
    pub fn comment(content: impl Into<String>) -> Self {
        Self {
            text_type: None,
            content: content.into(),
            is_rich_text: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewAttachment {
    pub file_name: String,
    /// Defaults to `application/octet-stream`.
    pub mime_type: Option<String>,
    pub content: Vec<u8>,
}

/// The MIME type of the common attachment kinds, by the file name's extension.
pub fn mime_type_for(file_name: &str) -> Option<&'static str> {
    let extension = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match extension.as_str() {
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "xml" => "application/xml",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "zip" => "application/zip",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ => return None,
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttachmentContent {
    pub mime_type: Option<String>,
    /// From `Content-Disposition`, when the server names the file.
    pub file_name: Option<String>,
    pub content: Vec<u8>,
}

/// What [`crate::FocusedBuildClient::save_attachment`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedAttachment {
    pub mime_type: Option<String>,
    /// From `Content-Disposition`, when the server names the file.
    pub file_name: Option<String>,
    pub bytes: u64,
}

/// The work item's status after `ChangeStatus`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusChange {
    pub guid: WorkItemGuid,
    pub status: UserStatus,
    /// The system refused the change because the item already had the status asked for.
    pub already_there: bool,
}

pub(crate) fn decode_work_item(
    entity: &Map<String, Value>,
    requested: &WorkItemGuid,
    catalogue: &StatusCatalogue,
) -> WorkItem {
    let fields = Fields(entity);
    let guid = fields
        .text("guid")
        .and_then(|text| WorkItemGuid::parse(&text).ok())
        .unwrap_or_else(|| requested.clone());
    let process_type = fields.text("processType");
    WorkItem {
        guid,
        object_id: fields.text_any(&["objectId", "objectID", "id"]),
        process_type_text: fields.text("processTypeText"),
        description: fields
            .text_any(&["description", "title"])
            .unwrap_or_default(),
        status: decode_status(fields, process_type.as_deref(), catalogue),
        priority: fields.text("priority"),
        priority_text: fields.text("priorityText"),
        work_package_id: fields.text("workPackageId"),
        project_id: fields.text("projectId"),
        created_by: fields.text("createdBy"),
        created_at: fields.date("createdAt"),
        changed_by: fields.text("changedBy"),
        changed_at: fields.date("changedAt"),
        actual_release: expanded_one(entity, "toWIActualRelease").map(decode_release),
        texts: expanded_many(entity, "toWIText")
            .map(|entries| entries.into_iter().map(decode_text).collect()),
        attachments: expanded_many(entity, "toWIAttachment")
            .map(|entries| entries.into_iter().filter_map(decode_attachment).collect()),
        categories: expanded_many(entity, "toWICategory")
            .map(|entries| entries.into_iter().filter_map(decode_category).collect()),
        process_type,
    }
}

/// The status properties of a work item (or of a `ChangeStatus` result).
pub(crate) fn decode_status(
    fields: Fields<'_>,
    process_type: Option<&str>,
    catalogue: &StatusCatalogue,
) -> UserStatus {
    let code = fields
        .text_any(&["userStatus", "status"])
        .unwrap_or_default();
    let server_text = fields.text_any(&["userStatusText", "statusText"]);
    catalogue.resolve(process_type, &code, server_text.as_deref())
}

pub(crate) fn decode_release(entity: &Map<String, Value>) -> Release {
    let fields = Fields(entity);
    Release {
        release_id: fields.text("releaseId"),
        description: fields.text_any(&["releaseDescription", "description"]),
        change_cycle_id: fields.text("changeCycleId"),
        phase: fields.text_any(&["phaseText", "phase"]),
        go_live_date: fields.date("goLiveDate"),
    }
}

pub(crate) fn decode_text(entity: &Map<String, Value>) -> WorkItemText {
    let fields = Fields(entity);
    let text_type = fields.text("textType").unwrap_or_default();
    WorkItemText {
        text_type_name: fields
            .text("textTypeText")
            .or_else(|| text_type_name(&text_type).map(str::to_owned)),
        text_type,
        content: fields
            .get("textContent")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        is_rich_text: fields.flag("isRichText").unwrap_or(false),
        created_by: fields.text("createdBy"),
        created_at: fields.date("createdAt"),
    }
}

pub(crate) fn decode_attachment(entity: &Map<String, Value>) -> Option<Attachment> {
    let fields = Fields(entity);
    Some(Attachment {
        document_id: fields.text_any(&["documentId", "docId"])?,
        // The server chooses this name: never a path, a hidden file or a device name.
        file_name: sap_http::clean_file_name(
            &fields
                .text_any(&["fileName", "filename"])
                .unwrap_or_default(),
        ),
        mime_type: fields.text("mimeType"),
        file_size: fields
            .unsigned("fileSize")
            .and_then(|size| u32::try_from(size).ok()),
        created_by: fields.text("createdBy"),
        created_at: fields.date("createdAt"),
    })
}

pub(crate) fn decode_category(entity: &Map<String, Value>) -> Option<Category> {
    let fields = Fields(entity);
    Some(Category {
        category_id: fields.text_any(&["catId", "categoryId"])?,
        description: fields.text_any(&["catDescription", "description"]),
        schema_id: fields.text("aspId"),
        level: fields
            .unsigned("catLevel")
            .and_then(|level| u32::try_from(level).ok()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn guid() -> WorkItemGuid {
        WorkItemGuid::parse("0050568b3f1c1edaa8c22d3f4e5a6b7c").unwrap()
    }

    #[test]
    fn an_expanded_work_item() {
        let body = json!({"d": {
            "__metadata": {"uri": "http://h/WorkItemSet(guid'0050568b-3f1c-1eda-a8c2-2d3f4e5a6b7c')", "type": "/SALM/EXT_DEVOPS_INTEG_SRV.WorkItem"},
            "guid": "0050568b-3f1c-1eda-a8c2-2d3f4e5a6b7c", "objectId": "8000001408", "processType": "S1MJ",
            "description": "Pricing report enhancement", "userStatus": "E0002", "userStatusText": "",
            "priority": "3", "createdAt": "/Date(1700000000000)/",
            "toWIText": {"results": [{"textType": "S105", "isRichText": false, "textContent": "Build 512 passed", "createdAt": "/Date(1700000000000+0000)/"}]},
            "toWIAttachment": {"results": [{"documentId": "D1", "fileName": "spec.pdf", "mimeType": "application/pdf", "fileSize": "2048"}]},
            "toWICategory": {"results": [{"catId": "FIN_PRICING", "catDescription": "Pricing", "catLevel": 2}]},
            "toWIActualRelease": {"__deferred": {"uri": "x"}}
        }});
        let entity = crate::odata::entity_body(&body, None).unwrap();
        let item = decode_work_item(entity, &guid(), &StatusCatalogue::standard());
        assert_eq!(item.object_id.as_deref(), Some("8000001408"));
        assert_eq!(item.status.label, "In Development (E0002)");
        assert_eq!(item.created_at.as_deref(), Some("2023-11-14T22:13:20Z"));
        assert!(item.actual_release.is_none());
        let texts = item.texts.unwrap();
        assert_eq!(texts[0].text_type_name.as_deref(), Some("Comment"));
        assert_eq!(texts[0].content, "Build 512 passed");
        assert_eq!(item.attachments.unwrap()[0].file_size, Some(2048));
        assert_eq!(item.categories.unwrap()[0].level, Some(2));
    }

    /// A hostile server picks attachment names: only a base name reaches the save dialog.
    #[test]
    fn server_chosen_attachment_names_are_base_names() {
        for (sent, kept) in [
            ("../../x.sh", "x.sh"),
            ("~/.bashrc", "bashrc"),
            ("..\\..\\AppData\\evil.bat", "evil.bat"),
            ("", "attachment"),
        ] {
            let entity = json!({"documentId": "D1", "fileName": sent});
            let attachment = decode_attachment(entity.as_object().unwrap()).unwrap();
            assert_eq!(attachment.file_name, kept, "{sent:?}");
        }
    }

    #[test]
    fn a_sparse_work_item_still_decodes() {
        let body = json!({"d": {"userStatus": "E0099"}});
        let entity = crate::odata::entity_body(&body, None).unwrap();
        let item = decode_work_item(entity, &guid(), &StatusCatalogue::standard());
        assert_eq!(item.guid, guid());
        assert_eq!(item.status.label, "E0099");
        assert!(item.texts.is_none());
    }

    #[test]
    fn mime_types_follow_the_extension() {
        assert_eq!(mime_type_for("Test Report.PDF"), Some("application/pdf"));
        assert_eq!(mime_type_for("results.xml"), Some("application/xml"));
        assert_eq!(mime_type_for("archive.tar.gz"), None);
        assert_eq!(mime_type_for("README"), None);
    }

    #[test]
    fn attachments_without_a_key_are_skipped() {
        let entity = json!({"fileName": "a.txt"});
        assert!(decode_attachment(entity.as_object().unwrap()).is_none());
    }
}
