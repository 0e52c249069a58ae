//! The work items the simulated Solution Manager holds, and the rules that change them.

use super::config::FocusedBuildConfig;
use super::errors::ServiceError;

#[derive(Debug, Clone)]
pub(crate) struct Release {
    pub release_id: String,
    pub description: String,
    pub change_cycle_id: String,
    pub phase: String,
    pub go_live_ms: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct Text {
    pub text_id: String,
    pub text_type: String,
    pub content: String,
    pub is_rich_text: bool,
    pub created_by: String,
    pub created_ms: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct Attachment {
    pub document_id: String,
    pub file_name: String,
    pub mime_type: String,
    pub content: Vec<u8>,
    pub created_by: String,
    pub created_ms: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct Category {
    pub cat_id: String,
    pub description: String,
    pub schema_id: String,
    pub level: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct WorkItem {
    /// Lowercase dashed.
    pub guid: String,
    pub object_id: String,
    pub process_type: String,
    pub description: String,
    pub user_status: String,
    pub priority: String,
    pub work_package_id: String,
    pub project_id: String,
    pub created_by: String,
    pub created_ms: i64,
    pub changed_by: String,
    pub changed_ms: i64,
    pub release: Option<Release>,
    pub texts: Vec<Text>,
    pub attachments: Vec<Attachment>,
    pub categories: Vec<Category>,
}

pub(crate) fn process_type_text(process_type: &str) -> &'static str {
    match process_type {
        "S1MJ" => "Normal Change",
        "S1HF" => "Urgent Change",
        "S1CG" => "General Change",
        _ => "Work Item",
    }
}

pub(crate) fn priority_text(priority: &str) -> &'static str {
    match priority {
        "1" => "Very High",
        "2" => "High",
        "3" => "Medium",
        "4" => "Low",
        _ => "",
    }
}

/// All work items, in the order they were created. Cloned to roll a change set back.
#[derive(Clone)]
pub(crate) struct WorkItemStore {
    pub config: FocusedBuildConfig,
    items: Vec<WorkItem>,
    /// Source of new text and document ids (deterministic, so runs are reproducible).
    next_id: u64,
}

impl WorkItemStore {
    pub fn new(config: FocusedBuildConfig, items: Vec<WorkItem>) -> Self {
        Self {
            config,
            items,
            next_id: 0x5eed,
        }
    }

    pub fn items(&self) -> &[WorkItem] {
        &self.items
    }

    pub fn get(&self, guid: &str) -> Option<&WorkItem> {
        self.items.iter().find(|item| item.guid == guid)
    }

    fn get_mut(&mut self, guid: &str) -> Result<&mut WorkItem, ServiceError> {
        self.items
            .iter_mut()
            .find(|item| item.guid == guid)
            .ok_or_else(|| ServiceError::work_item_not_found(guid))
    }

    fn new_id(&mut self) -> String {
        self.next_id += 1;
        super::seed::guid_hex(self.next_id)
    }

    pub fn add_text(
        &mut self,
        guid: &str,
        text_type: &str,
        content: &str,
        is_rich_text: bool,
        user: &str,
        now_ms: i64,
    ) -> Result<Text, ServiceError> {
        let process_type = self
            .get(guid)
            .ok_or_else(|| ServiceError::work_item_not_found(guid))?
            .process_type
            .clone();
        if self.config.text_type_name(text_type).is_none() {
            return Err(ServiceError::text_type_not_allowed(
                text_type,
                &process_type,
            ));
        }
        if content.trim().is_empty() {
            return Err(ServiceError::business(
                400,
                "/SALM/EXT_DEVOPS/022",
                "Text content is empty; enter a text",
            ));
        }
        let text = Text {
            text_id: dashed(&self.new_id()),
            text_type: text_type.to_owned(),
            content: content.to_owned(),
            is_rich_text,
            created_by: user.to_owned(),
            created_ms: now_ms,
        };
        let item = self.get_mut(guid)?;
        item.texts.push(text.clone());
        touch(item, user, now_ms);
        Ok(text)
    }

    pub fn add_attachment(
        &mut self,
        guid: &str,
        file_name: &str,
        mime_type: &str,
        content: Vec<u8>,
        user: &str,
        now_ms: i64,
    ) -> Result<Attachment, ServiceError> {
        self.get(guid)
            .ok_or_else(|| ServiceError::work_item_not_found(guid))?;
        if file_name.trim().is_empty() {
            return Err(ServiceError::business(
                400,
                "/SALM/EXT_DEVOPS/031",
                "File name is missing; enter a file name",
            ));
        }
        let attachment = Attachment {
            document_id: self.new_id().to_ascii_uppercase(),
            file_name: file_name.trim().to_owned(),
            mime_type: mime_type.to_owned(),
            content,
            created_by: user.to_owned(),
            created_ms: now_ms,
        };
        let item = self.get_mut(guid)?;
        item.attachments.push(attachment.clone());
        touch(item, user, now_ms);
        Ok(attachment)
    }

    /// Applies the status profile's transition table.
    pub fn change_status(
        &mut self,
        guid: &str,
        target: &str,
        user: &str,
        now_ms: i64,
    ) -> Result<WorkItem, ServiceError> {
        let item = self
            .get(guid)
            .ok_or_else(|| ServiceError::work_item_not_found(guid))?;
        let profile = self
            .config
            .profile(&item.process_type)
            .ok_or_else(|| ServiceError::no_status_profile(&item.process_type))?;
        if profile.name_of(target).is_none() {
            return Err(ServiceError::business(
                400,
                "/SALM/EXT_DEVOPS/011",
                &format!(
                    "User status {target} does not exist for work items of type {}",
                    item.process_type
                ),
            ));
        }
        if !profile.allows(&item.user_status, target) {
            return Err(ServiceError::business(
                400,
                "/SALM/EXT_DEVOPS/012",
                &format!(
                    "Status change from {} to {} is not allowed for work item {}",
                    profile.describe(&item.user_status),
                    profile.describe(target),
                    item.object_id
                ),
            ));
        }
        let item = self.get_mut(guid)?;
        item.user_status = target.to_owned();
        touch(item, user, now_ms);
        Ok(item.clone())
    }
}

fn touch(item: &mut WorkItem, user: &str, now_ms: i64) {
    item.changed_by = user.to_owned();
    item.changed_ms = now_ms;
}

/// 32 hex digits as `8-4-4-4-12`.
pub(crate) fn dashed(hex: &str) -> String {
    if hex.len() != 32 || !hex.is_ascii() {
        return hex.to_owned();
    }
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}
