//! abapGit online repositories registered in the system, and the catalog of
//! remote git repositories the sandbox can "reach".

use serde::Serialize;
use std::collections::BTreeMap;

use crate::pull_conflicts::{ConflictMode, PullConflict};

/// A registered abapGit online repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AbapGitRepo {
    /// 12-digit key, e.g. `000000000001`.
    pub key: String,
    pub name: String,
    pub display_name: String,
    pub url: String,
    pub branch: String,
    pub package: String,
    /// PREFIX or FULL.
    pub folder_logic: String,
    /// Starting folder, `/src/` style.
    pub folder: String,
    pub created_by: String,
}

/// What `/create` asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewRepo {
    pub url: String,
    pub branch: Option<String>,
    pub package: String,
    pub name: Option<String>,
    pub display_name: Option<String>,
    pub folder_logic: Option<String>,
    pub folder: Option<String>,
    pub user: String,
}

/// A file of a git repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GitFile {
    /// Path from the repository root, e.g. `src/zcl_x.clas.abap`.
    pub path: String,
    pub content: String,
}

/// A remote git repository the sandbox knows by URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemoteRepo {
    pub url: String,
    pub name: String,
    pub description: String,
    pub default_branch: String,
    pub branches: Vec<String>,
    /// The package the remote content belongs to (abapGit's default target).
    pub suggested_package: String,
    /// The files of the default branch.
    pub files: Vec<GitFile>,
    /// The files of other branches whose content differs from the default branch.
    pub branch_files: BTreeMap<String, Vec<GitFile>>,
}

impl RemoteRepo {
    /// The files of `branch` (the default branch's files when it has none of its own).
    pub fn files_of(&self, branch: &str) -> &[GitFile] {
        self.branch_files
            .get(branch)
            .map(Vec::as_slice)
            .unwrap_or(&self.files)
    }
}

/// What `/pull` asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PullRequest {
    pub url: String,
    pub branch: Option<String>,
    /// File paths to restrict the pull to; empty = everything.
    pub files: Vec<String>,
    pub transport_request: Option<String>,
    pub user: String,
    /// Whether objects changed since the last pull stop the pull (the handler's `conflict_mode`).
    pub conflict_mode: ConflictMode,
    /// With no transport request into a package that records changes: pick the user's
    /// newest modifiable workbench request or create one (the documented API: "abapGit
    /// creates/uses a default transport"). The real handler does not: abapGit refuses
    /// with "No transport request was supplied".
    pub default_transport: bool,
}

/// A log entry of a pull (severity S/E/W/A/I), as abapGit logs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PullMessage {
    /// `S`, `E`, `W`, `A` or `I`.
    pub severity: char,
    /// Message class, e.g. `ZABAPGIT`.
    pub id: String,
    /// Message number, 3 digits.
    pub number: String,
    pub text: String,
    pub obj_type: String,
    pub obj_name: String,
    /// Exception text for errors (the first syntax error), empty otherwise.
    pub exception: String,
}

/// Result of a pull: what was activated and what failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PullOutcome {
    pub repo_key: String,
    /// Transport used (given or default), empty for local packages.
    pub transport_request: String,
    pub activated: Vec<PullMessage>,
    pub failed: Vec<PullMessage>,
    /// Every message in order.
    pub log: Vec<PullMessage>,
    /// Objects changed since the last pull; when there are any, nothing was activated.
    pub conflicts: Vec<PullConflict>,
}

impl PullOutcome {
    pub fn success(&self) -> bool {
        self.failed.is_empty() && self.conflicts.is_empty()
    }
}
