//! Entities as OData V2 JSON: `__metadata` (id, uri, type), `/Date(ms)/` values, navigation
//! properties deferred unless expanded.

use serde_json::{json, Map, Value};

use super::config::FocusedBuildConfig;
use super::store::{
    priority_text, process_type_text, Attachment, Category, Release, Text, WorkItem,
};

pub(crate) const NAMESPACE: &str = "/SALM/EXT_DEVOPS_INTEG_SRV";

/// The navigation properties of a work item.
pub(crate) const NAVIGATIONS: &[&str] = &[
    "toWIActualRelease",
    "toWIAttachment",
    "toWIText",
    "toWICategory",
];

pub(crate) fn date(ms: i64) -> Value {
    Value::String(format!("/Date({ms})/"))
}

pub(crate) fn work_item_key(guid: &str) -> String {
    format!("WorkItemSet(guid'{guid}')")
}

pub(crate) fn attachment_key(guid: &str, document_id: &str) -> String {
    format!("WorkItemAttachmentSet(guid=guid'{guid}',documentId='{document_id}')")
}

/// Serialises entities with absolute URIs below `root` (the service root, ending with `/`).
pub(crate) struct Wire<'a> {
    pub root: &'a str,
    pub config: &'a FocusedBuildConfig,
}

impl Wire<'_> {
    fn metadata(&self, key: &str, entity_type: &str) -> Value {
        let uri = format!("{}{key}", self.root);
        json!({"id": uri, "uri": uri, "type": format!("{NAMESPACE}.{entity_type}")})
    }

    fn deferred(&self, key: &str, navigation: &str) -> Value {
        json!({"__deferred": {"uri": format!("{}{key}/{navigation}", self.root)}})
    }

    /// A work item; the navigations named in `expand` are inlined, the others deferred.
    pub fn work_item(&self, item: &WorkItem, expand: &[&str]) -> Value {
        let key = work_item_key(&item.guid);
        let status_text = self
            .config
            .profile(&item.process_type)
            .and_then(|profile| profile.name_of(&item.user_status))
            .unwrap_or_default();
        let mut entity = Map::new();
        entity.insert("__metadata".into(), self.metadata(&key, "WorkItem"));
        for (name, value) in [
            ("guid", json!(item.guid)),
            ("objectId", json!(item.object_id)),
            ("processType", json!(item.process_type)),
            (
                "processTypeText",
                json!(process_type_text(&item.process_type)),
            ),
            ("description", json!(item.description)),
            ("userStatus", json!(item.user_status)),
            ("userStatusText", json!(status_text)),
            ("priority", json!(item.priority)),
            ("priorityText", json!(priority_text(&item.priority))),
            ("workPackageId", json!(item.work_package_id)),
            ("projectId", json!(item.project_id)),
            ("createdBy", json!(item.created_by)),
            ("createdAt", date(item.created_ms)),
            ("changedBy", json!(item.changed_by)),
            ("changedAt", date(item.changed_ms)),
        ] {
            entity.insert(name.into(), value);
        }
        for navigation in NAVIGATIONS {
            let value = if expand.contains(navigation) {
                self.navigation(item, navigation)
            } else {
                self.deferred(&key, navigation)
            };
            entity.insert((*navigation).into(), value);
        }
        Value::Object(entity)
    }

    /// An expanded navigation property: `{"results": [...]}`, or the entity (or null) for 1:1.
    pub fn navigation(&self, item: &WorkItem, navigation: &str) -> Value {
        match navigation {
            "toWIActualRelease" => item
                .release
                .as_ref()
                .map_or(Value::Null, |release| self.release(&item.guid, release)),
            "toWIText" => results(item.texts.iter().map(|text| self.text(&item.guid, text))),
            "toWIAttachment" => results(
                item.attachments
                    .iter()
                    .map(|attachment| self.attachment(&item.guid, attachment)),
            ),
            "toWICategory" => results(
                item.categories
                    .iter()
                    .map(|category| self.category(&item.guid, category)),
            ),
            _ => Value::Null,
        }
    }

    pub fn release(&self, guid: &str, release: &Release) -> Value {
        json!({
            "__metadata": self.metadata(&format!("WorkItemReleaseSet(guid'{guid}')"), "WorkItemRelease"),
            "guid": guid,
            "releaseId": release.release_id,
            "releaseDescription": release.description,
            "changeCycleId": release.change_cycle_id,
            "phase": release.phase,
            "goLiveDate": date(release.go_live_ms),
        })
    }

    pub fn text(&self, guid: &str, text: &Text) -> Value {
        json!({
            "__metadata": self.metadata(
                &format!("WorkItemTextSet(guid=guid'{guid}',textId=guid'{}')", text.text_id),
                "WorkItemText",
            ),
            "guid": guid,
            "textId": text.text_id,
            "textType": text.text_type,
            "textTypeText": self.config.text_type_name(&text.text_type).unwrap_or_default(),
            "textContent": text.content,
            "isRichText": text.is_rich_text,
            "createdBy": text.created_by,
            "createdAt": date(text.created_ms),
        })
    }

    /// A media entity: the bytes are its `$value`; `fileContent` is only written.
    pub fn attachment(&self, guid: &str, attachment: &Attachment) -> Value {
        let key = attachment_key(guid, &attachment.document_id);
        let media = format!("{}{key}/$value", self.root);
        let mut metadata = self.metadata(&key, "WorkItemAttachment");
        if let Value::Object(map) = &mut metadata {
            map.insert("content_type".into(), json!(attachment.mime_type));
            map.insert("media_src".into(), json!(media));
            map.insert("edit_media".into(), json!(media));
        }
        json!({
            "__metadata": metadata,
            "guid": guid,
            "documentId": attachment.document_id,
            "fileName": attachment.file_name,
            "mimeType": attachment.mime_type,
            "fileSize": attachment.content.len(),
            "fileContent": null,
            "createdBy": attachment.created_by,
            "createdAt": date(attachment.created_ms),
        })
    }

    pub fn category(&self, guid: &str, category: &Category) -> Value {
        json!({
            "__metadata": self.metadata(
                &format!("WorkItemCategorySet(guid=guid'{guid}',catId='{}')", category.cat_id),
                "WorkItemCategory",
            ),
            "guid": guid,
            "catId": category.cat_id,
            "catDescription": category.description,
            "aspId": category.schema_id,
            "catLevel": category.level,
        })
    }
}

pub(crate) fn results(entries: impl Iterator<Item = Value>) -> Value {
    json!({"results": entries.collect::<Vec<_>>()})
}
