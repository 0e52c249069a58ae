//! Change-management resources: transport, drop, customize.

use serde::{Deserialize, Serialize};

use crate::wire::de;

/// Whose transport requests to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum TransportScope {
    /// Requests owned by the logged-on user.
    #[default]
    Mine,
    /// Requests where the user has a task.
    Task,
    All,
}

impl TransportScope {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mine => "mine",
            Self::Task => "task",
            Self::All => "all",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum TransportKind {
    /// K: repository objects.
    #[default]
    Workbench,
    /// W: customizing entries.
    Customizing,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct TransportRequest {
    #[serde(deserialize_with = "de::text")]
    pub number: String,
    #[serde(deserialize_with = "de::text")]
    pub description: String,
    #[serde(deserialize_with = "de::text")]
    pub owner: String,
    /// `YYYY-MM-DD`.
    #[serde(deserialize_with = "de::text")]
    pub date: String,
}

/// The answer of every transport action.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct TransportAnswer {
    #[serde(deserialize_with = "de::text")]
    pub action: String,
    #[serde(deserialize_with = "de::text")]
    pub message: String,
    #[serde(deserialize_with = "de::list")]
    pub transports: Vec<TransportRequest>,
    /// The request created, checked or released.
    #[serde(deserialize_with = "de::opt_text")]
    pub number: Option<String>,
    /// CHECK: whether the request may be released.
    #[serde(deserialize_with = "de::opt_flag")]
    pub passed: Option<bool>,
    #[serde(deserialize_with = "de::strings")]
    pub issues: Vec<String>,
}

#[derive(Serialize)]
pub(crate) struct TransportBody<'a> {
    pub action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<TransportKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
}

/// `POST /drop`: delete one object, named by its file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct DropRequest {
    /// abapGit file name of the object, e.g. `src/zcl_x.clas.abap` (DCLS: the `.xml`).
    pub file: String,
    pub transport_request: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct DropResult {
    #[serde(alias = "object", deserialize_with = "de::text")]
    pub object_name: String,
    #[serde(alias = "type", deserialize_with = "de::text")]
    pub object_type: String,
    #[serde(deserialize_with = "de::text")]
    pub message: String,
}

/// One field of a customizing entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldValue {
    pub field: String,
    pub value: String,
}

/// `POST /customize`: write one entry of a customizing table (delivery class C or E).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CustomizeRequest {
    pub table_name: String,
    pub field_values: Vec<FieldValue>,
    /// A modifiable customizing request (required for transportable packages
    /// unless `no_transport`).
    pub transport: Option<String>,
    pub no_transport: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CustomizeResult {
    #[serde(deserialize_with = "de::text")]
    pub table_name: String,
    /// `MODIFIED` (documented also `INSERTED`).
    #[serde(deserialize_with = "de::text")]
    pub action: String,
    #[serde(deserialize_with = "de::opt_text")]
    pub transport: Option<String>,
    #[serde(deserialize_with = "de::text")]
    pub delivery_class: String,
    #[serde(deserialize_with = "de::text")]
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::decode;
    use serde_json::json;

    #[test]
    fn transport_list_and_check() {
        let answer: TransportAnswer = decode(
            json!({"success": true, "action": "LIST", "scope": "mine", "transports": [{"number": "DEVK900001", "description": "Fix", "owner": "DEV", "date": "2026-03-05"}],
                "number": "", "passed": false, "issues": [], "message": "", "error": ""}),
            "transport",
        )
        .unwrap_or_default();
        assert_eq!(answer.transports[0].number, "DEVK900001");
        assert_eq!(answer.number, None);
        let check: TransportAnswer = decode(
            json!({"success": true, "action": "CHECK", "number": "DEVK900001", "passed": true}),
            "transport",
        )
        .unwrap_or_default();
        assert_eq!(check.passed, Some(true));
    }

    #[test]
    fn drop_and_customize_answers() {
        let dropped: DropResult =
            decode(json!({"success": "X", "object": "ZCL_A", "type": "CLAS", "message": "Object ZCL_A deleted"}), "drop").unwrap_or_default();
        assert_eq!(
            (dropped.object_type.as_str(), dropped.object_name.as_str()),
            ("CLAS", "ZCL_A")
        );
        let customized: CustomizeResult = decode(
            json!({"success": true, "command": "Customize", "message": "ok", "error": "", "table_name": "ZCUST", "action": "MODIFIED", "transport": "", "delivery_class": "C"}),
            "customize",
        )
        .unwrap_or_default();
        assert_eq!(customized.action, "MODIFIED");
        assert_eq!(customized.transport, None);
    }
}
