//! The simulated system's customizing: status profiles (names and allowed transitions per
//! process type) and the text types work items accept. Data, so tests and the standalone
//! binary can change them.

use serde::{Deserialize, Serialize};

/// One status profile and the process types that use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusProfile {
    /// Process types using this profile; an empty list makes it the fallback profile.
    pub process_types: Vec<String>,
    /// `(code, name)`.
    pub statuses: Vec<(String, String)>,
    /// `(from, to)` pairs `ChangeStatus` accepts.
    pub transitions: Vec<(String, String)>,
}

impl StatusProfile {
    pub fn name_of(&self, code: &str) -> Option<&str> {
        self.statuses
            .iter()
            .find(|(known, _)| known == code)
            .map(|(_, name)| name.as_str())
    }

    /// `In Development (E0002)`, or the bare code.
    pub fn describe(&self, code: &str) -> String {
        match self.name_of(code) {
            Some(name) => format!("{name} ({code})"),
            None => code.to_owned(),
        }
    }

    pub fn allows(&self, from: &str, to: &str) -> bool {
        self.transitions.iter().any(|(a, b)| a == from && b == to)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FocusedBuildConfig {
    pub status_profiles: Vec<StatusProfile>,
    /// `(code, name)` of the text types a work item accepts.
    pub text_types: Vec<(String, String)>,
}

impl FocusedBuildConfig {
    /// The profile of a process type (the fallback profile for unlisted types).
    pub fn profile(&self, process_type: &str) -> Option<&StatusProfile> {
        self.status_profiles
            .iter()
            .find(|p| p.process_types.iter().any(|t| t == process_type))
            .or_else(|| {
                self.status_profiles
                    .iter()
                    .find(|p| p.process_types.is_empty())
            })
    }

    pub fn text_type_name(&self, code: &str) -> Option<&str> {
        self.text_types
            .iter()
            .find(|(known, _)| known == code)
            .map(|(_, name)| name.as_str())
    }
}

fn pairs(table: &[(&str, &str)]) -> Vec<(String, String)> {
    table
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect()
}

/// Work item statuses of the normal (S1MJ) and urgent (S1HF) change.
const WORK_ITEM_STATUSES: &[(&str, &str)] = &[
    ("E0002", "In Development"),
    ("E0004", "To Be Tested"),
    ("E0009", "Successfully Tested"),
    ("E0010", "Withdrawn"),
    ("E0011", "Preliminary Import Requested"),
    ("E0012", "Test for Preliminary Import"),
    ("E0013", "Tested for Production Import"),
    ("E0014", "Released for Production"),
    ("E0015", "Handed Over to Release"),
    ("E0016", "Completed"),
    ("E0017", "To Be Corrected"),
];

/// The release path (hand over, then released with the release) and the preliminary
/// import path; a failed test sends the item back.
const WORK_ITEM_TRANSITIONS: &[(&str, &str)] = &[
    ("E0002", "E0004"),
    ("E0002", "E0010"),
    ("E0004", "E0009"),
    ("E0004", "E0002"),
    ("E0004", "E0017"),
    ("E0017", "E0002"),
    ("E0017", "E0004"),
    ("E0009", "E0015"),
    ("E0009", "E0011"),
    ("E0011", "E0012"),
    ("E0012", "E0013"),
    ("E0012", "E0017"),
    ("E0013", "E0014"),
    ("E0015", "E0014"),
    ("E0014", "E0016"),
];

/// The general change (S1CG) numbers its statuses differently.
const GENERAL_CHANGE_STATUSES: &[(&str, &str)] = &[
    ("E0001", "Created"),
    ("E0014", "In Development"),
    ("E0012", "To Be Tested"),
    ("E0003", "Successfully Tested"),
];

const GENERAL_CHANGE_TRANSITIONS: &[(&str, &str)] = &[
    ("E0001", "E0014"),
    ("E0014", "E0012"),
    ("E0012", "E0003"),
    ("E0012", "E0014"),
];

const TEXT_TYPES: &[(&str, &str)] = &[
    ("S105", "Comment"),
    ("S115", "Description"),
    ("S114", "Memo"),
    // Comments tied to a partner role; which role is customizing.
    ("S108", "Role Comment (S108)"),
    ("S109", "Role Comment (S109)"),
    ("S112", "Role Comment (S112)"),
    ("S113", "Role Comment (S113)"),
];

impl Default for FocusedBuildConfig {
    fn default() -> Self {
        Self {
            status_profiles: vec![
                StatusProfile {
                    process_types: vec!["S1MJ".into(), "S1HF".into()],
                    statuses: pairs(WORK_ITEM_STATUSES),
                    transitions: pairs(WORK_ITEM_TRANSITIONS),
                },
                StatusProfile {
                    process_types: vec!["S1CG".into()],
                    statuses: pairs(GENERAL_CHANGE_STATUSES),
                    transitions: pairs(GENERAL_CHANGE_TRANSITIONS),
                },
            ],
            text_types: pairs(TEXT_TYPES),
        }
    }
}
