//! Integration content of the design time: packages, their artifacts of the four types and
//! an integration flow's configuration parameters, and how they are read from the tenant.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::wire::{date_text, text_or_empty, Fields};

/// An integration package (`IntegrationPackages`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct IntegrationPackage {
    pub id: String,
    pub name: String,
    pub short_text: Option<String>,
    /// HTML as the package editor stores it.
    pub description: Option<String>,
    pub version: Option<String>,
    pub vendor: Option<String>,
    /// `EDIT_ALLOWED` or `READ_ONLY` (a configure-only package from the Discover section).
    pub mode: Option<String>,
    pub supported_platform: Option<String>,
    pub created_by: Option<String>,
    /// RFC 3339 UTC (the tenant sends epoch milliseconds as a string).
    pub created_at: Option<String>,
    pub modified_by: Option<String>,
    pub modified_at: Option<String>,
    pub partner_content: bool,
    pub update_available: bool,
}

/// A package to create. `id`: letters, digits, `_` and `.`; `name` and `short_text` required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NewPackage {
    pub id: String,
    pub name: String,
    pub short_text: String,
    pub description: Option<String>,
    pub version: Option<String>,
    pub vendor: Option<String>,
}

/// The four kinds of design-time artifact a package holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum ArtifactKind {
    IntegrationFlow,
    ValueMapping,
    MessageMapping,
    ScriptCollection,
}

impl ArtifactKind {
    pub const ALL: [ArtifactKind; 4] = [
        Self::IntegrationFlow,
        Self::ValueMapping,
        Self::MessageMapping,
        Self::ScriptCollection,
    ];

    /// The entity set, e.g. `IntegrationDesigntimeArtifacts`.
    pub fn entity_set(self) -> &'static str {
        match self {
            Self::IntegrationFlow => "IntegrationDesigntimeArtifacts",
            Self::ValueMapping => "ValueMappingDesigntimeArtifacts",
            Self::MessageMapping => "MessageMappingDesigntimeArtifacts",
            Self::ScriptCollection => "ScriptCollectionDesigntimeArtifacts",
        }
    }

    /// The deploy function import, e.g. `DeployIntegrationDesigntimeArtifact`.
    pub fn deploy_function(self) -> &'static str {
        match self {
            Self::IntegrationFlow => "DeployIntegrationDesigntimeArtifact",
            Self::ValueMapping => "DeployValueMappingDesigntimeArtifact",
            Self::MessageMapping => "DeployMessageMappingDesigntimeArtifact",
            Self::ScriptCollection => "DeployScriptCollectionDesigntimeArtifact",
        }
    }

    /// The runtime artifact's `Type` once deployed.
    pub fn runtime_type(self) -> &'static str {
        match self {
            Self::IntegrationFlow => "INTEGRATION_FLOW",
            Self::ValueMapping => "VALUE_MAPPING",
            Self::MessageMapping => "MESSAGE_MAPPING",
            Self::ScriptCollection => "SCRIPT_COLLECTION",
        }
    }

    /// A noun for messages: "integration flow", ...
    pub fn noun(self) -> &'static str {
        match self {
            Self::IntegrationFlow => "integration flow",
            Self::ValueMapping => "value mapping",
            Self::MessageMapping => "message mapping",
            Self::ScriptCollection => "script collection",
        }
    }
}

/// A design-time artifact (integration flow, value mapping, message mapping, script collection).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DesigntimeArtifact {
    pub kind: ArtifactKind,
    pub id: String,
    /// `1.0.5`, or `Active` for the draft being edited.
    pub version: String,
    pub package_id: Option<String>,
    pub name: String,
    pub description: Option<String>,
    pub sender: Option<String>,
    pub receiver: Option<String>,
    pub created_by: Option<String>,
    pub created_at: Option<String>,
    pub modified_by: Option<String>,
    /// RFC 3339 UTC.
    pub modified_at: Option<String>,
}

/// A configuration parameter of an integration flow (externalised parameter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConfigurationParameter {
    pub key: String,
    pub value: String,
    /// `xsd:string`, `xsd:integer`, `xsd:boolean`, `custom:schedule`, ...
    pub data_type: String,
    pub description: Option<String>,
}

/// A new value for one parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ConfigurationChange {
    pub key: String,
    pub value: String,
    /// The parameter's data type as read (sent back unchanged); `xsd:string` when absent.
    pub data_type: Option<String>,
}

pub(crate) fn decode_package(entity: &Map<String, Value>) -> Option<IntegrationPackage> {
    let fields = Fields(entity);
    let id = fields.text("Id")?;
    Some(IntegrationPackage {
        name: fields.text("Name").unwrap_or_else(|| id.clone()),
        id,
        short_text: fields.text("ShortText"),
        description: fields.text("Description"),
        version: fields.text("Version"),
        vendor: fields.text("Vendor"),
        mode: fields.text("Mode"),
        supported_platform: fields.text("SupportedPlatform"),
        created_by: fields.text("CreatedBy"),
        created_at: date_text(fields, "CreationDate"),
        modified_by: fields.text("ModifiedBy"),
        modified_at: date_text(fields, "ModifiedDate"),
        partner_content: fields.flag("PartnerContent").unwrap_or(false),
        update_available: fields.flag("UpdateAvailable").unwrap_or(false),
    })
}

pub(crate) fn decode_artifact(
    kind: ArtifactKind,
    entity: &Map<String, Value>,
) -> Option<DesigntimeArtifact> {
    let fields = Fields(entity);
    let id = fields.text("Id")?;
    Some(DesigntimeArtifact {
        kind,
        name: fields.text("Name").unwrap_or_else(|| id.clone()),
        id,
        version: fields.text("Version").unwrap_or_else(|| "active".into()),
        package_id: fields.text("PackageId"),
        description: fields.text("Description"),
        sender: fields.text("Sender"),
        receiver: fields.text("Receiver"),
        created_by: fields.text("CreatedBy"),
        created_at: date_text(fields, "CreatedAt"),
        modified_by: fields.text("ModifiedBy"),
        modified_at: date_text(fields, "ModifiedAt"),
    })
}

pub(crate) fn decode_configuration(entity: &Map<String, Value>) -> Option<ConfigurationParameter> {
    let fields = Fields(entity);
    Some(ConfigurationParameter {
        key: fields.text("ParameterKey")?,
        // An empty value is a value (the flow reads ""), not an absent one.
        value: text_or_empty(fields, "ParameterValue"),
        data_type: fields
            .text("DataType")
            .unwrap_or_else(|| "xsd:string".into()),
        description: fields.text("Description"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn package_as_the_openapi_example_sends_it() {
        let entity = json!({"Id": "CloudPlatformAPITestPackage", "Name": "Cloud Integration API Test Package",
            "Description": "<p><p><p></p></p></p>", "ShortText": "This package contains artifacts.",
            "Version": "", "Vendor": "", "Mode": "EDIT_ALLOWED", "SupportedPlatform": "[SAP Cloud Integration]",
            "ModifiedBy": "P2000096929", "CreationDate": "1521116198486", "ModifiedDate": "1521463636583",
            "CreatedBy": "P2000096929", "Products": "[]", "PartnerContent": false, "UpdateAvailable": "false"});
        let package = decode_package(entity.as_object().unwrap()).unwrap();
        assert_eq!(package.id, "CloudPlatformAPITestPackage");
        assert_eq!(package.version, None);
        assert_eq!(package.mode.as_deref(), Some("EDIT_ALLOWED"));
        assert_eq!(
            package.created_at.as_deref(),
            Some("2018-03-15T12:16:38.486Z")
        );
        assert_eq!(
            package.modified_at.as_deref(),
            Some("2018-03-19T12:47:16.583Z")
        );
        assert!(!package.update_available);
        assert!(decode_package(json!({"Name": "no id"}).as_object().unwrap()).is_none());
    }

    #[test]
    fn artifacts_and_parameters() {
        let entity = json!({"Id": "Orders_Replicate", "Version": "1.0.7", "PackageId": "Sales",
            "Name": "Orders Replicate", "ModifiedBy": "jane", "ModifiedAt": "/Date(1706692800000)/",
            "ArtifactContent": null, "Configurations": {"__deferred": {"uri": "x"}}});
        let artifact =
            decode_artifact(ArtifactKind::IntegrationFlow, entity.as_object().unwrap()).unwrap();
        assert_eq!(artifact.version, "1.0.7");
        assert_eq!(
            artifact.modified_at.as_deref(),
            Some("2024-01-31T09:20:00.000Z")
        );
        let parameter = json!({"ParameterKey": "Receiver_Address1", "ParameterValue": "",
            "DataType": "xsd:string", "Description": ""});
        let parameter = decode_configuration(parameter.as_object().unwrap()).unwrap();
        assert_eq!(parameter.value, "");
        assert_eq!(parameter.description, None);
    }
}
