//! Repository resources: health, status, create, delete, pull, import.

use serde::{Deserialize, Serialize};

use crate::common::{GitCredentials, Severity};
use crate::conflicts::{parse_conflict_report, PullConflict};
use crate::jobs::JobHandle;
use crate::wire::{de, detail_lines, normalize_newlines};

/// `GET /health`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct HealthInfo {
    #[serde(deserialize_with = "de::text")]
    pub status: String,
    #[serde(deserialize_with = "de::text")]
    pub version: String,
}

impl HealthInfo {
    pub fn is_ok(&self) -> bool {
        self.status.trim().eq_ignore_ascii_case("ok")
    }
}

/// `POST /status`: does an abapGit repository exist for this URL?
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusRequest {
    pub url: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct RepositoryStatus {
    #[serde(deserialize_with = "de::text")]
    pub url: String,
    /// The server's words: `Found` or `Not found`.
    #[serde(deserialize_with = "de::text")]
    pub status: String,
    #[serde(deserialize_with = "de::opt_text")]
    pub repo_key: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    pub package: Option<String>,
    /// Whether the package records changes in transports (only the real server sends it).
    #[serde(deserialize_with = "de::opt_flag")]
    pub transport_required: Option<bool>,
}

impl RepositoryStatus {
    pub fn exists(&self) -> bool {
        self.status.trim().eq_ignore_ascii_case("found") || self.repo_key.is_some()
    }

    /// Whether a pull into the repository's package must name a transport request: the
    /// server's `transport_required` when it sends one; otherwise (the documented API) every
    /// package but a local `$` package may record changes, so the user has to choose.
    pub fn needs_transport(&self) -> bool {
        match self.transport_required {
            Some(required) => required,
            None => !self
                .package
                .as_deref()
                .is_some_and(|p| p.trim().starts_with('$')),
        }
    }
}

/// Folder logic of an abapGit repository.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "UPPERCASE")]
pub enum FolderLogic {
    #[default]
    Prefix,
    Full,
}

/// `POST /create`: links a git repository to a package.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CreateRequest {
    pub url: String,
    pub package: String,
    pub branch: Option<String>,
    pub name: Option<String>,
    pub display_name: Option<String>,
    pub folder_logic: Option<FolderLogic>,
    /// Starting folder in `/src/` form.
    pub folder: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CreateResult {
    #[serde(deserialize_with = "de::text")]
    pub repo_key: String,
    #[serde(deserialize_with = "de::text")]
    pub repo_name: String,
    #[serde(deserialize_with = "de::text")]
    pub message: String,
}

/// `POST /delete`: removes the abapGit repository (not the objects).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeleteRequest {
    pub url: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct DeleteResult {
    #[serde(deserialize_with = "de::text")]
    pub repo_key: String,
    #[serde(deserialize_with = "de::text")]
    pub message: String,
}

/// What pull does when an object was changed in the system since the last pull.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ConflictMode {
    #[default]
    Abort,
    Ignore,
}

/// `POST /pull`: pull from git and activate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct PullRequest {
    pub url: String,
    pub branch: Option<String>,
    pub transport_request: Option<String>,
    /// Limit the pull to these files (paths as in the repository). More than 10
    /// makes the server run the pull as a background job.
    pub files: Vec<String>,
    pub conflict_mode: Option<ConflictMode>,
}

/// The answer to a pull: finished at once, or running as a background job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
// Returned once per pull and matched at once: boxing would only burden callers.
#[allow(clippy::large_enum_variant)]
pub enum PullOutcome {
    Finished(PullResult),
    Job(JobHandle),
}

/// One abapGit log line or activation entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct LogMessage {
    /// From the one-letter message type (`S`, `E`, `W`, `A`, `I`).
    #[serde(alias = "type")]
    pub severity: Severity,
    #[serde(deserialize_with = "de::text")]
    pub id: String,
    #[serde(deserialize_with = "de::text")]
    pub number: String,
    #[serde(deserialize_with = "de::text")]
    pub text: String,
    #[serde(alias = "obj_type", deserialize_with = "de::text")]
    pub object_type: String,
    #[serde(alias = "obj_name", deserialize_with = "de::text")]
    pub object_name: String,
    #[serde(deserialize_with = "de::opt_text")]
    pub exception: Option<String>,
}

/// An XML file the system serialises differently from git (base64 content).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct LocalXmlFile {
    #[serde(deserialize_with = "de::text")]
    pub filename: String,
    #[serde(deserialize_with = "de::text")]
    pub path: String,
    #[serde(alias = "data", deserialize_with = "de::text")]
    pub data_base64: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct PullResult {
    #[serde(deserialize_with = "de::flag")]
    pub success: bool,
    #[serde(deserialize_with = "de::text")]
    pub message: String,
    /// Lines of the error detail; the server's literal `\n  -> ` is turned into new lines.
    #[serde(deserialize_with = "de::text")]
    pub error_detail: String,
    #[serde(deserialize_with = "de::opt_text")]
    pub transport_request: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    pub job_id: Option<String>,
    #[serde(deserialize_with = "de::count")]
    pub activated_count: u32,
    #[serde(deserialize_with = "de::count")]
    pub failed_count: u32,
    #[serde(deserialize_with = "de::count")]
    pub conflict_count: u32,
    #[serde(deserialize_with = "de::opt_text")]
    pub conflict_report: Option<String>,
    /// The conflict report read per object (empty when there is none or it is unreadable;
    /// the report text stays in `conflict_report`).
    #[serde(deserialize_with = "de::list")]
    pub conflicts: Vec<PullConflict>,
    #[serde(deserialize_with = "de::list")]
    pub activated_objects: Vec<LogMessage>,
    #[serde(deserialize_with = "de::list")]
    pub failed_objects: Vec<LogMessage>,
    #[serde(deserialize_with = "de::list")]
    pub log_messages: Vec<LogMessage>,
    #[serde(deserialize_with = "de::list")]
    pub local_xml_files: Vec<LocalXmlFile>,
    #[serde(deserialize_with = "de::timestamp")]
    pub started_at: Option<String>,
    #[serde(deserialize_with = "de::timestamp")]
    pub finished_at: Option<String>,
}

impl PullResult {
    /// Fixes what the server sends literally: backslash-n for new lines, counts
    /// missing while the lists are there.
    pub(crate) fn normalised(mut self) -> Self {
        self.error_detail = normalize_newlines(&self.error_detail);
        if let Some(report) = self.conflict_report.take() {
            if self.conflicts.is_empty() {
                self.conflicts = parse_conflict_report(&report);
            }
            self.conflict_report = Some(normalize_newlines(&report));
        }
        if self.activated_count == 0 {
            self.activated_count = u32::try_from(self.activated_objects.len()).unwrap_or(u32::MAX);
        }
        if self.failed_count == 0 {
            self.failed_count = u32::try_from(self.failed_objects.len()).unwrap_or(u32::MAX);
        }
        self
    }

    /// The error detail as separate lines, for a list view.
    pub fn error_lines(&self) -> Vec<String> {
        detail_lines(&self.error_detail)
    }

    /// A pull that failed without telling anything about objects (repository
    /// not found, an exception) is an error; one with object results is a result.
    pub(crate) fn has_object_results(&self) -> bool {
        self.activated_count > 0
            || self.failed_count > 0
            || self.conflict_count > 0
            || !self.log_messages.is_empty()
            || !self.failed_objects.is_empty()
            || !self.activated_objects.is_empty()
    }
}

/// `POST /import`: serialise a package into git (always a background job).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ImportRequest {
    pub url: String,
    pub branch: Option<String>,
    /// Auto-detected from the repository when absent.
    pub package: Option<String>,
    /// Commit message (server default: "feat: initial import from ABAP package <pkg>").
    pub message: Option<String>,
}

/// The final result of an import job.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ImportResult {
    #[serde(deserialize_with = "de::count")]
    pub files_staged: u32,
    #[serde(deserialize_with = "de::text")]
    pub commit_message: String,
}

/// Request bodies with git credentials attached (never shown to the UI).
#[derive(Serialize)]
pub(crate) struct WithCredentials<'a, R: Serialize> {
    #[serde(flatten)]
    pub request: &'a R,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<&'a str>,
}

impl<'a, R: Serialize> WithCredentials<'a, R> {
    pub fn new(request: &'a R, git: Option<&'a GitCredentials>) -> Self {
        Self {
            request,
            username: git.map(|g| g.username.as_str()).filter(|u| !u.is_empty()),
            password: git.map(|g| g.password.expose()).filter(|p| !p.is_empty()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::normalize_keys;
    use serde_json::json;

    fn pull(value: serde_json::Value) -> PullResult {
        crate::wire::decode::<PullResult>(normalize_keys(value), "pull")
            .map(PullResult::normalised)
            .unwrap_or_default()
    }

    #[test]
    fn pull_documented_shape() {
        let result = pull(json!({
            "success": "", "message": "Pull completed with errors",
            "error_detail": "CLAS ZCL_MY_CLASS: Syntax error\nException: The statement...",
            "transport_request": "DEVK900001", "activated_count": 9, "failed_count": 2,
            "activated_objects": [],
            "failed_objects": [{"type": "E", "text": "The statement METHOD is unexpected",
                "obj_type": "CLAS", "obj_name": "ZCL_MY_CLASS", "exception": "The statement METHOD is unexpected"}]
        }));
        assert!(!result.success);
        assert_eq!(result.failed_count, 2);
        assert_eq!(result.failed_objects[0].severity, Severity::Error);
        assert_eq!(result.failed_objects[0].object_name, "ZCL_MY_CLASS");
        assert_eq!(result.error_lines().len(), 2);
        assert_eq!(result.transport_request.as_deref(), Some("DEVK900001"));
    }

    #[test]
    fn pull_as_implemented_shape() {
        let result = pull(json!({
            "SUCCESS": "X", "JOB_ID": "DEVELOPER20260305103045", "MESSAGE": "Pull completed successfully",
            "ERROR_DETAIL": "Exception\\n  -> inner", "TRANSPORT_REQUEST": "",
            "ACTIVATED_COUNT": "2", "FAILED_COUNT": 0, "CONFLICT_COUNT": 0, "CONFLICT_REPORT": "",
            "LOG_MESSAGES": [{"TYPE": "S", "ID": "", "NUMBER": "000", "TEXT": "ok", "OBJ_TYPE": "CLAS", "OBJ_NAME": "ZCL_A", "EXCEPTION": ""}],
            "ACTIVATED_OBJECTS": [{"TYPE": "S", "OBJ_TYPE": "CLAS", "OBJ_NAME": "ZCL_A"}, "junk"],
            "FAILED_OBJECTS": [], "LOCAL_XML_FILES": [{"FILENAME": "zcl_a.clas.xml", "PATH": "/src/", "DATA": "PD94"}]
        }));
        assert!(result.success);
        assert_eq!(result.activated_count, 2);
        assert_eq!(result.activated_objects.len(), 1, "junk element skipped");
        assert_eq!(result.log_messages[0].severity, Severity::Success);
        assert_eq!(result.error_detail, "Exception\n  -> inner");
        assert_eq!(result.transport_request, None);
        assert_eq!(result.local_xml_files[0].filename, "zcl_a.clas.xml");
    }

    #[test]
    fn pull_conflicts_decode_from_the_report_in_both_spellings() {
        let aborted = pull(json!({
            "SUCCESS": "", "MESSAGE": "Pull aborted — 1 conflict(s) detected", "CONFLICT_COUNT": 1,
            "CONFLICT_REPORT": "Pull aborted — 1 conflict(s) detected\\n\\nObject:        CLAS ZCL_A\\nConflict type: LOCAL_EDIT\\nSystem modified after last pull by DEV\\nGit content unchanged — pull would overwrite local edits\\n\\nTo override: abapgit-agent pull --conflict-mode ignore\\n",
            "ACTIVATED_OBJECTS": [], "FAILED_OBJECTS": []
        }));
        assert_eq!(aborted.conflict_count, 1);
        assert!(
            aborted.has_object_results(),
            "a conflict is a result to show"
        );
        assert_eq!(aborted.conflicts.len(), 1);
        assert_eq!(aborted.conflicts[0].object_name, "ZCL_A");
        assert_eq!(aborted.conflicts[0].kind, crate::ConflictKind::LocalEdit);
        let documented = pull(json!({"success": "X", "message": "Pull completed successfully"}));
        assert!(documented.conflicts.is_empty() && documented.conflict_count == 0);
        // Stored results (the app's job store) keep their parsed conflicts.
        let stored: PullResult =
            serde_json::from_value(serde_json::to_value(&aborted).unwrap_or_default())
                .unwrap_or_default();
        assert_eq!(stored.conflicts, aborted.conflicts);
    }

    #[test]
    fn transport_need_from_either_status_shape() {
        let status = |package: &str, required: Option<bool>| RepositoryStatus {
            package: Some(package.into()),
            transport_required: required,
            ..RepositoryStatus::default()
        };
        assert!(status("ZFLIGHT", Some(true)).needs_transport());
        assert!(!status("ZFLIGHT", Some(false)).needs_transport());
        assert!(status("ZFLIGHT", None).needs_transport(), "documented: ask");
        assert!(!status("$ZDEMO", None).needs_transport());
    }

    #[test]
    fn status_both_shapes() {
        let found: RepositoryStatus = crate::wire::decode(
            normalize_keys(json!({"success": true, "url": "u", "status": "Found", "repo_key": "abc", "package": "$P", "transport_required": false})),
            "status",
        )
        .unwrap_or_default();
        assert!(found.exists());
        assert_eq!(found.transport_required, Some(false));
        let missing: RepositoryStatus = crate::wire::decode(
            json!({"success": true, "url": "u", "status": "Not found"}),
            "status",
        )
        .unwrap_or_default();
        assert!(!missing.exists());
        assert_eq!(missing.transport_required, None);
    }
}

#[cfg(test)]
mod credential_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn credentials_go_on_the_wire_but_not_into_debug() {
        let git = GitCredentials {
            username: "octo".into(),
            password: sap_http::Secret::new("ghp_topsecret"),
        };
        assert!(!format!("{git:?}").contains("ghp_topsecret"));
        let request = PullRequest {
            url: "u".into(),
            conflict_mode: Some(ConflictMode::Ignore),
            ..PullRequest::default()
        };
        let body =
            serde_json::to_value(WithCredentials::new(&request, Some(&git))).unwrap_or_default();
        assert_eq!(body["username"], "octo");
        assert_eq!(body["password"], "ghp_topsecret");
        assert_eq!(body["conflict_mode"], "ignore");
        let anonymous =
            serde_json::to_value(WithCredentials::new(&request, None)).unwrap_or_default();
        assert_eq!(anonymous.get("password"), None);
        let create = CreateRequest {
            folder_logic: Some(FolderLogic::Full),
            ..CreateRequest::default()
        };
        assert_eq!(
            serde_json::to_value(&create).unwrap_or_default()["folder_logic"],
            json!("FULL")
        );
    }
}
