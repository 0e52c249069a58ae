//! The pull's conflict report read into one entry per object. The handler sends only text
//! (`CONFLICT_REPORT`, written by `ZCL_ABGAGT_CONFLICT_DETECTOR->get_conflict_report`); the
//! documented API has no conflicts at all, so an empty list is the normal case there.

use serde::{Deserialize, Serialize};

use crate::wire::{de, normalize_newlines};

/// Why the handler stopped a pull for an object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// `SYSTEM_EDIT`: changed in git and in the system since the last pull.
    SystemEdit,
    /// `BRANCH_SWITCH`: changed in git, pulled from another branch than the last pull,
    /// which another user made.
    BranchSwitch,
    /// `LOCAL_EDIT`: changed in the system only; the pull would overwrite it.
    LocalEdit,
    /// A type this client does not know (kept in `conflict_type`).
    #[default]
    Other,
}

impl ConflictKind {
    fn from_code(code: &str) -> ConflictKind {
        match code.trim().to_ascii_uppercase().as_str() {
            "SYSTEM_EDIT" => ConflictKind::SystemEdit,
            "BRANCH_SWITCH" => ConflictKind::BranchSwitch,
            "LOCAL_EDIT" => ConflictKind::LocalEdit,
            _ => ConflictKind::Other,
        }
    }
}

/// One object of a conflict report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct PullConflict {
    #[serde(deserialize_with = "de::text")]
    pub object_type: String,
    #[serde(deserialize_with = "de::text")]
    pub object_name: String,
    pub kind: ConflictKind,
    /// The handler's word, e.g. `SYSTEM_EDIT`.
    #[serde(deserialize_with = "de::text")]
    pub conflict_type: String,
    /// The git content's fingerprint at the last pull and now (`Git changed: old → new`).
    #[serde(deserialize_with = "de::opt_text")]
    pub git_sha_old: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    pub git_sha_new: Option<String>,
    /// Branch of the last pull and of this pull (branch switches only).
    #[serde(deserialize_with = "de::opt_text")]
    pub branch_old: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    pub branch_new: Option<String>,
    /// Who made the last pull. (The handler's "System changed by" names that user too: it
    /// does not know who edited the object.)
    #[serde(deserialize_with = "de::opt_text")]
    pub last_pulled_by: Option<String>,
    /// Lines of the object's block this client did not recognise, so nothing is lost.
    #[serde(deserialize_with = "de::strings")]
    pub details: Vec<String>,
}

/// `old → new` (or `old -> new`) into its two sides.
fn arrow(text: &str) -> (Option<String>, Option<String>) {
    let (old, new) = text
        .split_once('→')
        .or_else(|| text.split_once("->"))
        .unwrap_or((text, ""));
    let side = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    (side(old), side(new))
}

/// The user named after `marker` up to the next space or `)`.
fn user_after(line: &str, marker: &str) -> Option<String> {
    let rest = &line[line.find(marker)? + marker.len()..];
    let user: String = rest
        .trim_start()
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ')')
        .collect();
    Some(user).filter(|u| !u.is_empty())
}

/// Reads the handler's report: a block per object starting with `Object:`, ended by an
/// empty line. Text outside blocks (the headline, the override hint) is not an object.
pub fn parse_conflict_report(report: &str) -> Vec<PullConflict> {
    let text = normalize_newlines(report);
    let mut conflicts: Vec<PullConflict> = Vec::new();
    let mut open = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            open = false;
            continue;
        }
        if let Some(object) = line.strip_prefix("Object:") {
            let mut words = object.split_whitespace();
            conflicts.push(PullConflict {
                object_type: words.next().unwrap_or_default().to_owned(),
                object_name: words.collect::<Vec<_>>().join(" "),
                ..PullConflict::default()
            });
            open = true;
            continue;
        }
        let Some(conflict) = conflicts.last_mut().filter(|_| open) else {
            continue;
        };
        if let Some(code) = line.strip_prefix("Conflict type:") {
            conflict.conflict_type = code.trim().to_owned();
            conflict.kind = ConflictKind::from_code(code);
        } else if let Some(change) = line.strip_prefix("Git changed:") {
            (conflict.git_sha_old, conflict.git_sha_new) = arrow(change);
        } else if let Some(change) = line.strip_prefix("Branch:") {
            (conflict.branch_old, conflict.branch_new) = arrow(change);
        } else if line.contains("last pull by") || line.starts_with("Last pull by") {
            let marker = if line.contains("last pull by") {
                "last pull by"
            } else {
                "Last pull by"
            };
            conflict.last_pulled_by = user_after(line, marker);
            // "System modified after last pull by X" and "System changed by X (after last
            // pull by Y)" are fully read; "Last pull by X (different user) — ..." too.
        } else if !line.starts_with("Git content unchanged") {
            conflict.details.push(line.to_owned());
        }
    }
    conflicts
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text `get_conflict_report` writes (zcl_abgagt_conflict_detector, v1.18.1).
    const REPORT: &str = "Pull aborted — 3 conflict(s) detected\n\n\
        Object:        CLAS ZCL_FLIGHT_PRICING\n\
        Conflict type: SYSTEM_EDIT\n\
        Git changed:   3DEA12 → FD49E0\n\
        System changed by JSMITH (after last pull by JSMITH)\n\n\
        Object:        CLAS ZCL_FLIGHT_STATISTICS\n\
        Conflict type: BRANCH_SWITCH\n\
        Branch:        main → develop\n\
        Git changed:   1CC3F8 → 293A5C\n\
        Last pull by JSMITH (different user) — unexpected branch state\n\n\
        Object:        FUGR ZFLIGHT_API\n\
        Conflict type: LOCAL_EDIT\n\
        System modified after last pull by AKUMAR\n\
        Git content unchanged — pull would overwrite local edits\n\n\
        To override: abapgit-agent pull --conflict-mode ignore\n";

    #[test]
    fn reads_every_conflict_type() {
        let conflicts = parse_conflict_report(REPORT);
        assert_eq!(conflicts.len(), 3);
        let pricing = &conflicts[0];
        assert_eq!(
            (pricing.object_type.as_str(), pricing.object_name.as_str()),
            ("CLAS", "ZCL_FLIGHT_PRICING")
        );
        assert_eq!(pricing.kind, ConflictKind::SystemEdit);
        assert_eq!(pricing.git_sha_old.as_deref(), Some("3DEA12"));
        assert_eq!(pricing.git_sha_new.as_deref(), Some("FD49E0"));
        assert_eq!(pricing.last_pulled_by.as_deref(), Some("JSMITH"));
        assert!(pricing.details.is_empty(), "{:?}", pricing.details);
        let statistics = &conflicts[1];
        assert_eq!(statistics.kind, ConflictKind::BranchSwitch);
        assert_eq!(
            (
                statistics.branch_old.as_deref(),
                statistics.branch_new.as_deref()
            ),
            (Some("main"), Some("develop"))
        );
        assert_eq!(statistics.last_pulled_by.as_deref(), Some("JSMITH"));
        let group = &conflicts[2];
        assert_eq!(group.kind, ConflictKind::LocalEdit);
        assert_eq!(group.git_sha_new, None);
        assert_eq!(group.last_pulled_by.as_deref(), Some("AKUMAR"));
        assert!(group.details.is_empty(), "{:?}", group.details);
    }

    #[test]
    fn literal_backslash_n_unknown_types_and_noise_are_kept() {
        let conflicts = parse_conflict_report(
            "Pull aborted\\n\\nObject: DDLS ZI_X\\nConflict type: NEW_KIND\\nSomething else\\n",
        );
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].kind, ConflictKind::Other);
        assert_eq!(conflicts[0].conflict_type, "NEW_KIND");
        assert_eq!(conflicts[0].details, vec!["Something else".to_string()]);
        assert!(parse_conflict_report("").is_empty());
        assert!(parse_conflict_report("To override: x\nLast pull by X").is_empty());
    }
}
