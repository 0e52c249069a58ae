//! Work item user statuses as data: which codes exist and what they are called.
//!
//! The codes belong to a status profile, and Focused Build uses different profiles per
//! process type: the general change (S1CG) numbers its statuses differently from the
//! normal and urgent changes. Statuses the catalogue does not know are kept as the server
//! sent them and shown with their code.

use serde::{Deserialize, Serialize};

/// Work item statuses (normal change S1MJ and the other work item types), as listed in
/// SAP's External DevOps API documentation and the blog that introduced it.
pub const WORK_ITEM_STATUSES: &[(&str, &str, StatusKind)] = &[
    ("E0002", "In Development", StatusKind::InProgress),
    ("E0004", "To Be Tested", StatusKind::InProgress),
    ("E0009", "Successfully Tested", StatusKind::InProgress),
    ("E0010", "Withdrawn", StatusKind::Withdrawn),
    (
        "E0011",
        "Preliminary Import Requested",
        StatusKind::InProgress,
    ),
    (
        "E0012",
        "Test for Preliminary Import",
        StatusKind::InProgress,
    ),
    (
        "E0013",
        "Tested for Production Import",
        StatusKind::InProgress,
    ),
    ("E0014", "Released for Production", StatusKind::InProgress),
    ("E0015", "Handed Over to Release", StatusKind::InProgress),
    ("E0016", "Completed", StatusKind::Completed),
    ("E0017", "To Be Corrected", StatusKind::ToBeCorrected),
];

/// The general change (S1CG) profile, as observed on a Focused Build system.
pub const GENERAL_CHANGE_STATUSES: &[(&str, &str, StatusKind)] = &[
    ("E0001", "Created", StatusKind::InProgress),
    ("E0014", "In Development", StatusKind::InProgress),
    ("E0012", "To Be Tested", StatusKind::InProgress),
    ("E0003", "Successfully Tested", StatusKind::InProgress),
];

/// The usual steps of a work item (normal and urgent change): the test path, the release
/// path (hand over, released with the release) and the preliminary import path; a failed
/// test sends the item back. The service does not publish its status profile's transitions,
/// so these are only offered first: the system decides.
pub const WORK_ITEM_USUAL_STEPS: &[(&str, &str)] = &[
    ("E0002", "E0004"),
    ("E0002", "E0010"),
    ("E0004", "E0009"),
    ("E0004", "E0017"),
    ("E0004", "E0002"),
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

/// The usual steps of a general change (S1CG).
pub const GENERAL_CHANGE_USUAL_STEPS: &[(&str, &str)] = &[
    ("E0001", "E0014"),
    ("E0014", "E0012"),
    ("E0012", "E0003"),
    ("E0012", "E0014"),
];

/// Process types whose work items use [`GENERAL_CHANGE_STATUSES`].
pub const GENERAL_CHANGE_PROCESS_TYPES: &[&str] = &["S1CG"];

/// Where a status stands in the work item's life, for its colour in lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum StatusKind {
    InProgress,
    Completed,
    ToBeCorrected,
    Withdrawn,
    /// A code the catalogue does not know for the item's process type.
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusEntry {
    pub code: String,
    pub name: String,
    pub kind: StatusKind,
}

/// A usual step from one status to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusStep {
    pub from: String,
    pub to: String,
}

/// The statuses of the process types listed; an empty list makes it the default profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusProfile {
    pub process_types: Vec<String>,
    pub statuses: Vec<StatusEntry>,
    /// The usual steps between them, in the order to offer them (not the system's rule).
    pub usual_steps: Vec<StatusStep>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusCatalogue {
    pub profiles: Vec<StatusProfile>,
}

/// A work item's user status as the UI shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct UserStatus {
    /// The code as the server sent it, e.g. `E0004`.
    pub code: String,
    /// The server's text when it sent one (in the logon language), else the catalogue's.
    pub name: Option<String>,
    /// Whether the catalogue knows this code for the work item's process type.
    pub known: bool,
    pub kind: StatusKind,
    /// `To Be Tested (E0004)`, or just the code when nothing names it.
    pub label: String,
}

fn entries(table: &[(&str, &str, StatusKind)]) -> Vec<StatusEntry> {
    table
        .iter()
        .map(|(code, name, kind)| StatusEntry {
            code: (*code).to_owned(),
            name: (*name).to_owned(),
            kind: *kind,
        })
        .collect()
}

fn steps(table: &[(&str, &str)]) -> Vec<StatusStep> {
    table
        .iter()
        .map(|(from, to)| StatusStep {
            from: (*from).to_owned(),
            to: (*to).to_owned(),
        })
        .collect()
}

impl Default for StatusCatalogue {
    fn default() -> Self {
        Self::standard()
    }
}

impl StatusCatalogue {
    /// The profiles Focused Build ships for work items.
    pub fn standard() -> Self {
        Self {
            profiles: vec![
                StatusProfile {
                    process_types: GENERAL_CHANGE_PROCESS_TYPES
                        .iter()
                        .map(|t| (*t).to_owned())
                        .collect(),
                    statuses: entries(GENERAL_CHANGE_STATUSES),
                    usual_steps: steps(GENERAL_CHANGE_USUAL_STEPS),
                },
                StatusProfile {
                    process_types: Vec::new(),
                    statuses: entries(WORK_ITEM_STATUSES),
                    usual_steps: steps(WORK_ITEM_USUAL_STEPS),
                },
            ],
        }
    }

    /// The statuses a work item of this process type can have (the default profile when
    /// the process type is unknown or not given).
    pub fn statuses_for(&self, process_type: Option<&str>) -> &[StatusEntry] {
        let specific = process_type.and_then(|wanted| {
            self.profiles.iter().find(|profile| {
                profile
                    .process_types
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(wanted))
            })
        });
        specific
            .or_else(|| self.profiles.iter().find(|p| p.process_types.is_empty()))
            .map_or(&[], |profile| profile.statuses.as_slice())
    }

    pub fn entry(&self, process_type: Option<&str>, code: &str) -> Option<&StatusEntry> {
        self.statuses_for(process_type)
            .iter()
            .find(|entry| entry.code.eq_ignore_ascii_case(code))
    }

    pub fn name(&self, process_type: Option<&str>, code: &str) -> Option<&str> {
        self.entry(process_type, code)
            .map(|entry| entry.name.as_str())
    }

    /// Names a status code, preferring the text the server sent.
    pub fn resolve(
        &self,
        process_type: Option<&str>,
        code: &str,
        server_text: Option<&str>,
    ) -> UserStatus {
        let entry = self.entry(process_type, code);
        let catalogued = entry.map(|entry| entry.name.as_str());
        let name = server_text
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .or(catalogued)
            .map(str::to_owned);
        let label = match &name {
            Some(name) => format!("{name} ({code})"),
            None => code.to_owned(),
        };
        UserStatus {
            code: code.to_owned(),
            name,
            known: entry.is_some(),
            kind: entry.map_or(StatusKind::Unknown, |entry| entry.kind),
            label,
        }
    }
}

/// A user status code is `E` and four digits; returns it uppercased.
pub fn normalise_status_code(input: &str) -> Option<String> {
    let code = input.trim().to_ascii_uppercase();
    let valid =
        code.len() == 5 && code.starts_with('E') && code[1..].chars().all(|c| c.is_ascii_digit());
    valid.then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_work_item_profile_has_the_documented_eleven_statuses() {
        let catalogue = StatusCatalogue::standard();
        let codes: Vec<&str> = catalogue
            .statuses_for(Some("S1MJ"))
            .iter()
            .map(|e| e.code.as_str())
            .collect();
        assert_eq!(
            codes,
            [
                "E0002", "E0004", "E0009", "E0010", "E0011", "E0012", "E0013", "E0014", "E0015",
                "E0016", "E0017"
            ]
        );
        assert_eq!(
            catalogue.name(Some("S1HF"), "E0017"),
            Some("To Be Corrected")
        );
        assert_eq!(
            catalogue.name(None, "E0014"),
            Some("Released for Production")
        );
    }

    #[test]
    fn usual_steps_name_only_statuses_of_their_profile() {
        for profile in StatusCatalogue::standard().profiles {
            assert!(!profile.usual_steps.is_empty());
            for step in &profile.usual_steps {
                for code in [&step.from, &step.to] {
                    assert!(
                        profile.statuses.iter().any(|s| &s.code == code),
                        "{code} in {:?}",
                        profile.process_types
                    );
                }
                assert_ne!(step.from, step.to);
            }
        }
    }

    #[test]
    fn the_general_change_has_its_own_numbering() {
        let catalogue = StatusCatalogue::standard();
        assert_eq!(
            catalogue.name(Some("S1CG"), "E0014"),
            Some("In Development")
        );
        assert_eq!(catalogue.name(Some("s1cg"), "E0017"), None);
    }

    #[test]
    fn unknown_codes_are_kept_and_shown_with_their_code() {
        let catalogue = StatusCatalogue::standard();
        let unknown = catalogue.resolve(Some("S1MJ"), "E0042", None);
        assert_eq!(unknown.code, "E0042");
        assert!(!unknown.known);
        assert_eq!(unknown.label, "E0042");
        assert_eq!(unknown.kind, StatusKind::Unknown);
        let named_by_server = catalogue.resolve(Some("S1MJ"), "E0042", Some("Im Test"));
        assert_eq!(named_by_server.label, "Im Test (E0042)");
        assert!(!named_by_server.known);
        let known = catalogue.resolve(Some("S1MJ"), "E0004", Some(""));
        assert_eq!(known.label, "To Be Tested (E0004)");
        assert!(known.known);
    }

    #[test]
    fn statuses_say_where_they_stand() {
        let catalogue = StatusCatalogue::standard();
        let kind = |process_type, code| catalogue.resolve(Some(process_type), code, None).kind;
        assert_eq!(kind("S1MJ", "E0016"), StatusKind::Completed);
        assert_eq!(kind("S1HF", "E0017"), StatusKind::ToBeCorrected);
        assert_eq!(kind("S1MJ", "E0010"), StatusKind::Withdrawn);
        assert_eq!(kind("S1MJ", "E0004"), StatusKind::InProgress);
        // E0014 is Released for Production in a normal change, In Development in a general one.
        assert_eq!(kind("S1CG", "E0014"), StatusKind::InProgress);
        assert_eq!(kind("S1CG", "E0016"), StatusKind::Unknown);
    }

    #[test]
    fn status_codes_are_validated() {
        assert_eq!(normalise_status_code(" e0017 "), Some("E0017".into()));
        for bad in ["", "E17", "E00170", "X0017", "E00A7"] {
            assert_eq!(normalise_status_code(bad), None, "{bad}");
        }
    }
}
