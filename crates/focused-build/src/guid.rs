//! Work item GUIDs: accepted as users copy them (32 hex digits from the SAP GUI,
//! or dashed), always sent as the lowercase dashed form an `Edm.Guid` literal needs.

use std::fmt;

use sap_http::SapError;
use serde::{Deserialize, Serialize};

/// A validated work item GUID, normalised to `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` (lowercase).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(try_from = "String", into = "String")]
pub struct WorkItemGuid(String);

impl WorkItemGuid {
    /// Accepts 32 hex digits or the dashed 36-character form, in any case, surrounding
    /// blanks and an optional `guid'…'` wrapper ignored.
    pub fn parse(input: &str) -> Result<Self, SapError> {
        let trimmed = input.trim();
        let bare = trimmed
            .strip_prefix("guid'")
            .and_then(|rest| rest.strip_suffix('\''))
            .unwrap_or(trimmed);
        let hex: String = match bare.len() {
            32 => bare.to_owned(),
            36 if dashes_in_place(bare) => bare.chars().filter(|c| *c != '-').collect(),
            _ => return Err(invalid(input)),
        };
        if hex.len() != 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(invalid(input));
        }
        let hex = hex.to_ascii_lowercase();
        Ok(Self(format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        )))
    }

    /// The dashed lowercase form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The 32-digit uppercase form the SAP GUI shows (RAW16).
    pub fn to_raw_hex(&self) -> String {
        self.0.replace('-', "").to_ascii_uppercase()
    }

    /// The OData V2 literal, `guid'…'`.
    pub fn literal(&self) -> String {
        format!("guid'{}'", self.0)
    }
}

fn dashes_in_place(value: &str) -> bool {
    value
        .char_indices()
        .all(|(index, c)| (c == '-') == matches!(index, 8 | 13 | 18 | 23))
}

fn invalid(input: &str) -> SapError {
    let shown: String = input.chars().take(60).collect();
    SapError::Config {
        field: "guid".into(),
        message: format!(
            "'{shown}' is not a work item GUID: expected 32 hexadecimal digits \
             (as shown in the SAP GUI) or the dashed form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
        ),
    }
}

impl fmt::Display for WorkItemGuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for WorkItemGuid {
    type Error = SapError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<WorkItemGuid> for String {
    fn from(guid: WorkItemGuid) -> Self {
        guid.0
    }
}

impl std::str::FromStr for WorkItemGuid {
    type Err = SapError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_hex_from_the_sap_gui_is_dashed_and_lowercased() {
        let guid = WorkItemGuid::parse("0050568B3F1C1EDAA8C22D3F4E5A6B7C").unwrap();
        assert_eq!(guid.as_str(), "0050568b-3f1c-1eda-a8c2-2d3f4e5a6b7c");
        assert_eq!(guid.to_raw_hex(), "0050568B3F1C1EDAA8C22D3F4E5A6B7C");
        assert_eq!(guid.literal(), "guid'0050568b-3f1c-1eda-a8c2-2d3f4e5a6b7c'");
    }

    #[test]
    fn dashed_and_wrapped_forms_are_accepted() {
        let dashed = WorkItemGuid::parse(" 0050568B-3F1C-1EDA-A8C2-2D3F4E5A6B7C ").unwrap();
        let wrapped = WorkItemGuid::parse("guid'0050568b-3f1c-1eda-a8c2-2d3f4e5a6b7c'").unwrap();
        assert_eq!(dashed, wrapped);
    }

    #[test]
    fn malformed_input_is_refused_with_the_field_named() {
        for bad in [
            "",
            "0050568B3F1C1EDAA8C22D3F4E5A6B7",        // 31 digits
            "0050568B3F1C1EDAA8C22D3F4E5A6B7G",       // not hex
            "0050568b3-f1c-1eda-a8c2-2d3f4e5a6b7c",   // dash misplaced
            "0050568b-3f1c-1eda-a8c2-2d3f4e5a6b7c-0", // too long
            "8000001408",                             // an object id, not a GUID
        ] {
            match WorkItemGuid::parse(bad) {
                Err(SapError::Config { field, .. }) => assert_eq!(field, "guid", "{bad}"),
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn deserialising_validates() {
        let ok: WorkItemGuid =
            serde_json::from_str("\"0050568B3F1C1EDAA8C22D3F4E5A6B7C\"").unwrap();
        assert_eq!(ok.as_str(), "0050568b-3f1c-1eda-a8c2-2d3f4e5a6b7c");
        assert!(serde_json::from_str::<WorkItemGuid>("\"nope\"").is_err());
    }
}
