//! The handler's conflict check before a pull (`ZCL_ABGAGT_CONFLICT_DETECTOR`): after every
//! successful pull a baseline per object is stored (table `ZABGAGT_OBJ_META`: the git
//! content's SHA, branch, user, time); the next pull compares it with the incoming git file
//! and with the object as the system serialises it now.
//!
//! What is compared follows `ZCL_ABGAGT_AGENT->build_file_entries_from_remote`: one entry
//! per object named by a git file `.abap`, `.asddls` or `.xml` (class companions skipped,
//! the source file preferred over the XML file); the system side is the object's serialised
//! file picked by the same rule. Function groups therefore compare their XML file in git
//! with an include's source in the system, as the handler does.

use chrono::NaiveDateTime;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha1::Sha1;

use crate::files::parse_file_to_object;
use crate::git_repos::GitFile;
use crate::repository::ObjectType;
use crate::system::System;

/// What a pull does with objects changed since the last pull (`conflict_mode`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub enum ConflictMode {
    /// Check and stop the pull when there are conflicts (the handler's default `abort`).
    #[default]
    Abort,
    /// No check: git overwrites the system.
    Ignore,
}

impl ConflictMode {
    /// The handler compares with `'ignore'` exactly; any other value runs the check.
    pub fn from_request(text: &str) -> ConflictMode {
        if text == "ignore" {
            ConflictMode::Ignore
        } else {
            ConflictMode::Abort
        }
    }
}

/// The three conflict types of the handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ConflictKind {
    /// Git and the system both changed since the last pull.
    SystemEdit,
    /// Git changed and the pull is from another branch than the last pull, which another user made.
    BranchSwitch,
    /// The system changed, git did not: the pull would overwrite the system's edits.
    LocalEdit,
}

impl ConflictKind {
    /// The handler's text: `SYSTEM_EDIT`, `BRANCH_SWITCH`, `LOCAL_EDIT`.
    pub fn code(self) -> &'static str {
        match self {
            ConflictKind::SystemEdit => "SYSTEM_EDIT",
            ConflictKind::BranchSwitch => "BRANCH_SWITCH",
            ConflictKind::LocalEdit => "LOCAL_EDIT",
        }
    }
}

/// One row of `ZABGAGT_OBJ_META`, written for every object of a successful pull.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PullBaseline {
    /// [`content_sha`] of the git file that was pulled.
    pub git_sha: String,
    pub branch: String,
    pub pulled_at: NaiveDateTime,
    pub pulled_by: String,
    /// Written with the pull's time and user (the handler never updates them otherwise).
    pub sys_changed_at: NaiveDateTime,
    pub sys_changed_by: String,
    pub package: String,
}

/// One conflict found before a pull.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PullConflict {
    pub obj_type: String,
    pub obj_name: String,
    pub kind: ConflictKind,
    pub git_sha_old: String,
    /// Empty for [`ConflictKind::LocalEdit`].
    pub git_sha_new: String,
    /// Only for [`ConflictKind::BranchSwitch`].
    pub branch_old: String,
    pub branch_new: String,
    /// Empty for [`ConflictKind::BranchSwitch`].
    pub sys_changed_by: String,
    pub last_pulled_at: NaiveDateTime,
    pub last_pulled_by: String,
}

/// An object of the pull with its git content and its content in the system (empty when
/// the system has no such object).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileEntry {
    pub obj_type: String,
    pub obj_name: String,
    pub content: String,
    pub local_content: String,
}

/// The fingerprint the handler stores: HMAC-SHA1 of the text with the key `abapgit-agent`,
/// as upper-case hex (`cl_abap_hmac=>calculate_hmac_for_char`).
pub fn content_sha(content: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(b"abapgit-agent") else {
        // HMAC accepts keys of any length; kept total instead of panicking.
        return String::new();
    };
    mac.update(content.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect()
}

/// The handler's report text (`get_conflict_report`); empty without conflicts.
pub fn conflict_report(conflicts: &[PullConflict]) -> String {
    if conflicts.is_empty() {
        return String::new();
    }
    let mut report = format!(
        "Pull aborted — {} conflict(s) detected\n\n",
        conflicts.len()
    );
    for conflict in conflicts {
        report.push_str(&format!(
            "Object:        {} {}\nConflict type: {}\n",
            conflict.obj_type,
            conflict.obj_name,
            conflict.kind.code()
        ));
        let detail = match conflict.kind {
            ConflictKind::SystemEdit => format!(
                "Git changed:   {} → {}\nSystem changed by {} (after last pull by {})\n",
                conflict.git_sha_old,
                conflict.git_sha_new,
                conflict.sys_changed_by,
                conflict.last_pulled_by
            ),
            ConflictKind::BranchSwitch => format!(
                "Branch:        {} → {}\nGit changed:   {} → {}\nLast pull by {} (different user) — unexpected branch state\n",
                conflict.branch_old,
                conflict.branch_new,
                conflict.git_sha_old,
                conflict.git_sha_new,
                conflict.last_pulled_by
            ),
            ConflictKind::LocalEdit => format!(
                "System modified after last pull by {}\nGit content unchanged — pull would overwrite local edits\n",
                conflict.last_pulled_by
            ),
        };
        report.push_str(&detail);
        report.push('\n');
    }
    report.push_str("To override: abapgit-agent pull --conflict-mode ignore\n");
    report
}

/// The upper-case extension after the last dot, when it is one the handler compares
/// (class companions are not compared).
fn compared_extension(file_name: &str) -> Option<&'static str> {
    let upper = file_name.to_ascii_uppercase();
    let extension = upper.rsplit_once('.')?.1;
    let compared = ["ABAP", "ASDDLS", "XML"]
        .into_iter()
        .find(|e| *e == extension)?;
    let companion = [".TESTCLASSES.", ".LOCALS_DEF.", ".LOCALS_IMP."]
        .iter()
        .any(|part| upper.contains(part));
    (!companion).then_some(compared)
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Contents keyed by object in first-seen order; a source file replaces an XML file's
/// content, an XML file never replaces a source (`upsert_source_priority`).
#[derive(Default)]
struct Entries {
    keys: Vec<(String, String)>,
    contents: Vec<String>,
}

impl Entries {
    fn upsert(&mut self, key: (String, String), content: &str, is_xml: bool) {
        match self.keys.iter().position(|k| *k == key) {
            None => {
                self.keys.push(key);
                self.contents.push(content.to_string());
            }
            Some(index) if !is_xml => self.contents[index] = content.to_string(),
            Some(_) => {}
        }
    }
}

impl System {
    /// The objects a pull of `files` (the remote branch's files) compares, restricted to the
    /// requested file names when there are any, with the system's current content.
    pub(crate) fn pull_file_entries(
        &self,
        files: &[GitFile],
        requested: &[String],
        repo_package: &str,
    ) -> Vec<FileEntry> {
        let wanted: Vec<String> = requested
            .iter()
            .map(|f| file_name(f.trim()).to_uppercase())
            .collect();
        let mut remote = Entries::default();
        for file in files {
            let name = file_name(&file.path);
            let Some(extension) = compared_extension(name) else {
                continue;
            };
            if !wanted.is_empty() && !wanted.contains(&name.to_uppercase()) {
                continue;
            }
            let Some(object) = parse_file_to_object(name) else {
                continue;
            };
            remote.upsert(
                (object.object_type, object.name),
                &file.content,
                extension == "XML",
            );
        }
        let packages = self.package_with_subpackages(repo_package);
        remote
            .keys
            .into_iter()
            .zip(remote.contents)
            .map(|((obj_type, obj_name), content)| FileEntry {
                local_content: self.local_content(&obj_type, &obj_name, &packages),
                obj_type,
                obj_name,
                content,
            })
            .collect()
    }

    /// The object's serialised file the handler compares (`get_files_local`, picked by the
    /// same rule as the git side); empty when the repository's packages do not hold it.
    fn local_content(&self, obj_type: &str, obj_name: &str, packages: &[String]) -> String {
        let object = ObjectType::from_code(obj_type).and_then(|t| {
            // Structures are TABL objects in TADIR and in git.
            self.object(t, obj_name).or_else(|| {
                (t == ObjectType::Tabl)
                    .then(|| self.object(ObjectType::Stru, obj_name))
                    .flatten()
            })
        });
        let Some(object) = object.filter(|o| packages.contains(&o.package)) else {
            return String::new();
        };
        let mut local = Entries::default();
        let key = (obj_type.to_string(), obj_name.to_string());
        for file in self.object_files(object, "") {
            if let Some(extension) = compared_extension(&file.path) {
                local.upsert(key.clone(), &file.content, extension == "XML");
            }
        }
        local.contents.pop().unwrap_or_default()
    }

    /// `check_conflicts`: compares each entry with its stored baseline.
    pub(crate) fn pull_conflicts(
        &self,
        entries: &[FileEntry],
        branch: &str,
        user: &str,
    ) -> Vec<PullConflict> {
        let mut conflicts = Vec::new();
        for entry in entries {
            let key = (entry.obj_type.clone(), entry.obj_name.clone());
            // No baseline: the first pull of the object, nothing to compare.
            let Some(baseline) = self.pull_baselines.get(&key) else {
                continue;
            };
            let current_sha = content_sha(&entry.content);
            // Without content in the system the handler assumes it is unchanged.
            let local_sha = if entry.local_content.is_empty() {
                baseline.git_sha.clone()
            } else {
                content_sha(&entry.local_content)
            };
            // The system already has the incoming content: the pull changes nothing.
            if local_sha == current_sha {
                continue;
            }
            let git_changed = current_sha != baseline.git_sha;
            let system_changed = local_sha != baseline.git_sha;
            let kind = if git_changed && system_changed {
                ConflictKind::SystemEdit
            } else if git_changed && branch != baseline.branch {
                // The same user switching branches does it on purpose.
                if baseline.pulled_by == user {
                    continue;
                }
                ConflictKind::BranchSwitch
            } else if !git_changed && system_changed {
                ConflictKind::LocalEdit
            } else {
                continue;
            };
            let only = |wanted: bool, text: &str| {
                if wanted {
                    text.to_string()
                } else {
                    String::new()
                }
            };
            conflicts.push(PullConflict {
                obj_type: entry.obj_type.clone(),
                obj_name: entry.obj_name.clone(),
                kind,
                git_sha_old: baseline.git_sha.clone(),
                git_sha_new: only(kind != ConflictKind::LocalEdit, &current_sha),
                branch_old: only(kind == ConflictKind::BranchSwitch, &baseline.branch),
                branch_new: only(kind == ConflictKind::BranchSwitch, branch),
                sys_changed_by: only(kind != ConflictKind::BranchSwitch, &baseline.sys_changed_by),
                last_pulled_at: baseline.pulled_at,
                last_pulled_by: baseline.pulled_by.clone(),
            });
        }
        conflicts
    }

    /// `store_pull_metadata`: the pulled content becomes every entry's baseline.
    pub(crate) fn store_pull_baselines(&mut self, entries: &[FileEntry], branch: &str, user: &str) {
        let now = self.reference_time;
        for entry in entries {
            let package = ObjectType::from_code(&entry.obj_type)
                .and_then(|t| self.object(t, &entry.obj_name))
                .map(|o| o.package.clone())
                .unwrap_or_default();
            self.pull_baselines.insert(
                (entry.obj_type.clone(), entry.obj_name.clone()),
                PullBaseline {
                    git_sha: content_sha(&entry.content),
                    branch: branch.to_string(),
                    pulled_at: now,
                    pulled_by: user.to_string(),
                    sys_changed_at: now,
                    sys_changed_by: user.to_string(),
                    package,
                },
            );
        }
    }

    /// The stored baseline of an object (`ZABGAGT_OBJ_META`), e.g. `("CLAS", "ZCL_X")`.
    pub fn pull_baseline(&self, obj_type: &str, obj_name: &str) -> Option<&PullBaseline> {
        self.pull_baselines.get(&(
            obj_type.trim().to_ascii_uppercase(),
            obj_name.trim().to_ascii_uppercase(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha_is_upper_case_hex_hmac_sha1_with_the_handlers_key() {
        // HMAC-SHA1(key "abapgit-agent", "abc"), computed independently with
        // `printf abc | openssl dgst -sha1 -hmac abapgit-agent`.
        assert_eq!(
            content_sha("abc"),
            "09F8DC5BBC67B44AAD101CEA8A7B7824867E71A7"
        );
        assert_ne!(content_sha("abc"), content_sha("abd"));
    }

    #[test]
    fn compared_files_follow_the_handler() {
        assert_eq!(compared_extension("zcl_x.clas.abap"), Some("ABAP"));
        assert_eq!(compared_extension("zcl_x.clas.xml"), Some("XML"));
        assert_eq!(compared_extension("zi_x.ddls.asddls"), Some("ASDDLS"));
        assert_eq!(compared_extension("zcl_x.clas.testclasses.abap"), None);
        assert_eq!(compared_extension("zcl_x.clas.locals_imp.abap"), None);
        assert_eq!(compared_extension("zi_x.dcls.asdcls"), None);
        assert_eq!(compared_extension("README.md"), None);
    }
}
