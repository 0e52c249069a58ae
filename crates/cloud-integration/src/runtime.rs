//! The runtime: deployed artifacts and their status, the build-and-deploy task, the
//! endpoints of deployed flows.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::deploy_error::ArtifactError;
use crate::wire::{date_text, expanded_many, Fields};

/// The runtime states of a deployed artifact (`Status`).
pub const RUNTIME_STATUSES: [&str; 4] = ["STARTED", "STARTING", "ERROR", "STOPPING"];

/// A deployed artifact (`IntegrationRuntimeArtifacts`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RuntimeArtifact {
    pub id: String,
    pub version: Option<String>,
    pub name: String,
    /// `INTEGRATION_FLOW`, `VALUE_MAPPING`, `MESSAGE_MAPPING`, `SCRIPT_COLLECTION`,
    /// `REST_API_PROVIDER`, ...
    pub artifact_type: Option<String>,
    /// A user, or an OAuth client (`sb-…!b1234|it!b5678`).
    pub deployed_by: Option<String>,
    /// RFC 3339 UTC.
    pub deployed_on: Option<String>,
    /// `STARTED`, `STARTING`, `ERROR`, `STOPPING` (as the tenant says it).
    pub status: String,
}

/// Which runtime artifacts to list; every field optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RuntimeFilter {
    /// Only these statuses (any of them).
    #[serde(default)]
    pub statuses: Vec<String>,
    /// Part of the id or name, case-insensitive (matched here: the tenant's `$filter`
    /// on runtime artifacts allows `eq` joined with `or` only).
    pub name: Option<String>,
}

/// `BuildAndDeployStatus.Status` of a deploy task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum BuildStatus {
    Deploying,
    Success,
    Fail,
    FailOnLicenseError,
    /// A value this client does not know, as sent.
    Other(String),
}

impl BuildStatus {
    pub fn parse(text: &str) -> Self {
        match text.trim().to_ascii_uppercase().as_str() {
            "DEPLOYING" => Self::Deploying,
            "SUCCESS" => Self::Success,
            "FAIL" => Self::Fail,
            "FAIL_ON_LICENSE_ERROR" => Self::FailOnLicenseError,
            _ => Self::Other(text.trim().to_owned()),
        }
    }

    pub fn is_final(&self) -> bool {
        !matches!(self, Self::Deploying)
    }

    pub fn wire_name(&self) -> &str {
        match self {
            Self::Deploying => "DEPLOYING",
            Self::Success => "SUCCESS",
            Self::Fail => "FAIL",
            Self::FailOnLicenseError => "FAIL_ON_LICENSE_ERROR",
            Self::Other(text) => text,
        }
    }
}

/// Where a deployment ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeployOutcome {
    pub artifact_id: String,
    pub task_id: String,
    /// The build's last status.
    pub build_status: BuildStatus,
    /// `STARTED` or `ERROR` (or the build's failure when it never reached the runtime).
    pub runtime_status: Option<String>,
    pub artifact: Option<RuntimeArtifact>,
    /// The readable error when the runtime artifact is in ERROR or the build failed.
    pub error: Option<ArtifactError>,
}

impl DeployOutcome {
    /// The artifact runs.
    pub fn started(&self) -> bool {
        self.runtime_status.as_deref() == Some("STARTED")
    }
}

/// An endpoint of a deployed flow (`ServiceEndpoints?$expand=EntryPoints`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ServiceEndpoint {
    pub id: String,
    /// The flow's id.
    pub name: String,
    pub title: Option<String>,
    pub version: Option<String>,
    pub summary: Option<String>,
    /// `SOAP`, `REST`, `ODATA`, ...
    pub protocol: Option<String>,
    pub last_updated: Option<String>,
    pub entry_points: Vec<EntryPoint>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct EntryPoint {
    pub name: String,
    /// The URL senders call.
    pub url: String,
    /// `PROD`, ...
    pub entry_type: Option<String>,
    pub additional_information: Option<String>,
}

pub(crate) fn decode_runtime_artifact(entity: &Map<String, Value>) -> Option<RuntimeArtifact> {
    let fields = Fields(entity);
    let id = fields.text("Id")?;
    Some(RuntimeArtifact {
        name: fields.text("Name").unwrap_or_else(|| id.clone()),
        id,
        version: fields.text("Version"),
        artifact_type: fields.text("Type"),
        deployed_by: fields.text("DeployedBy"),
        deployed_on: date_text(fields, "DeployedOn"),
        status: fields
            .text("Status")
            .map(|status| status.to_ascii_uppercase())
            .unwrap_or_else(|| "UNKNOWN".into()),
    })
}

pub(crate) fn decode_endpoint(entity: &Map<String, Value>) -> Option<ServiceEndpoint> {
    let fields = Fields(entity);
    let id = fields.text("Id")?;
    let entry_points = expanded_many(entity, "EntryPoints")
        .unwrap_or_default()
        .into_iter()
        .filter_map(|point| {
            let point = Fields(point);
            Some(EntryPoint {
                url: point.text("Url")?,
                name: point.text("Name").unwrap_or_default(),
                entry_type: point.text("Type"),
                additional_information: point.text("AdditionalInformation"),
            })
        })
        .collect();
    Some(ServiceEndpoint {
        name: fields.text("Name").unwrap_or_else(|| id.clone()),
        id,
        title: fields.text("Title"),
        version: fields.text("Version"),
        summary: fields.text("Summary"),
        protocol: fields.text("Protocol"),
        last_updated: date_text(fields, "LastUpdated"),
        entry_points,
    })
}

/// Keeps the artifacts the filter asks for (statuses and a name part, case-insensitive).
pub fn matches_runtime_filter(artifact: &RuntimeArtifact, filter: &RuntimeFilter) -> bool {
    let status_ok = filter.statuses.is_empty()
        || filter
            .statuses
            .iter()
            .any(|status| status.eq_ignore_ascii_case(&artifact.status));
    let name_ok = match filter.name.as_deref().map(str::trim) {
        None | Some("") => true,
        Some(part) => {
            let part = part.to_lowercase();
            artifact.id.to_lowercase().contains(&part)
                || artifact.name.to_lowercase().contains(&part)
        }
    };
    status_ok && name_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn runtime_artifact_with_plain_iso_deployed_on() {
        let entity = json!({"Id": "Orders_Replicate", "Version": "1.0.7", "Name": "Orders Replicate",
            "Type": "INTEGRATION_FLOW", "DeployedBy": "sb-1!b2|it!b3", "DeployedOn": "2021-02-18T11:57:02.885",
            "Status": "ERROR", "ErrorInformation": {"__deferred": {"uri": "x"}}});
        let artifact = decode_runtime_artifact(entity.as_object().unwrap()).unwrap();
        assert_eq!(artifact.status, "ERROR");
        assert_eq!(
            artifact.deployed_on.as_deref(),
            Some("2021-02-18T11:57:02.885Z")
        );
        let filter = RuntimeFilter {
            statuses: vec!["error".into()],
            name: Some("replic".into()),
        };
        assert!(matches_runtime_filter(&artifact, &filter));
        let other = RuntimeFilter {
            statuses: vec!["STARTED".into()],
            name: None,
        };
        assert!(!matches_runtime_filter(&artifact, &other));
    }

    #[test]
    fn endpoints_expanded_and_deferred() {
        let expanded = json!({"Name": "IFlowA", "Id": "IFlowA$endpointAddress=a", "Protocol": "SOAP",
            "LastUpdated": "/Date(1560491841916)/",
            "EntryPoints": {"results": [{"Name": "IFlowA", "Url": "https://t.example/cxf/a", "Type": "PROD"}, {"Name": "x"}]}});
        let endpoint = decode_endpoint(expanded.as_object().unwrap()).unwrap();
        assert_eq!(endpoint.entry_points.len(), 1);
        assert_eq!(endpoint.entry_points[0].url, "https://t.example/cxf/a");
        let deferred = json!({"Id": "B", "EntryPoints": {"__deferred": {"uri": "x"}}});
        assert!(decode_endpoint(deferred.as_object().unwrap())
            .unwrap()
            .entry_points
            .is_empty());
    }

    #[test]
    fn build_statuses() {
        assert_eq!(BuildStatus::parse("success"), BuildStatus::Success);
        assert!(!BuildStatus::parse("DEPLOYING").is_final());
        assert_eq!(
            BuildStatus::parse("FAIL_ON_LICENSE_ERROR").wire_name(),
            "FAIL_ON_LICENSE_ERROR"
        );
        assert_eq!(
            BuildStatus::parse("QUEUED"),
            BuildStatus::Other("QUEUED".into())
        );
    }
}
