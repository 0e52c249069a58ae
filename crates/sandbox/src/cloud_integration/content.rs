//! The tenant's state (with the Partner Directory and the security content beside it) and its
//! integration content: design-time packages and artifacts with their
//! configurations, deploy tasks, runtime artifacts. Asynchronous work (deploy, start,
//! undeploy, package delete) runs in time on the sandbox clock: each state records when it
//! began, and [`Content::tick`] moves everything whose time has come before each request.

use std::time::{Duration, Instant};

use rand::Rng;

use super::seed::{self, Deployed, Outcome};

/// How long a build takes before `BuildAndDeployStatus` leaves DEPLOYING.
pub(crate) const BUILD_TIME: Duration = Duration::from_secs(3);
/// How long a runtime artifact stays STARTING.
pub(crate) const START_TIME: Duration = Duration::from_secs(4);
/// How long an undeployed artifact stays STOPPING before it is gone (404).
pub(crate) const STOP_TIME: Duration = Duration::from_secs(2);
/// How long a deleted package is still there.
pub(crate) const PACKAGE_DELETE_TIME: Duration = Duration::from_secs(3);

const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    IntegrationFlow,
    ValueMapping,
    MessageMapping,
    ScriptCollection,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::IntegrationFlow,
        Kind::ValueMapping,
        Kind::MessageMapping,
        Kind::ScriptCollection,
    ];

    pub fn set(self) -> &'static str {
        match self {
            Kind::IntegrationFlow => "IntegrationDesigntimeArtifacts",
            Kind::ValueMapping => "ValueMappingDesigntimeArtifacts",
            Kind::MessageMapping => "MessageMappingDesigntimeArtifacts",
            Kind::ScriptCollection => "ScriptCollectionDesigntimeArtifacts",
        }
    }

    pub fn from_set(set: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.set() == set)
    }

    /// `Type` of the runtime artifact.
    pub fn runtime_type(self) -> &'static str {
        match self {
            Kind::IntegrationFlow => "INTEGRATION_FLOW",
            Kind::ValueMapping => "VALUE_MAPPING",
            Kind::MessageMapping => "MESSAGE_MAPPING",
            Kind::ScriptCollection => "SCRIPT_COLLECTION",
        }
    }

    pub fn deploy_function(self) -> &'static str {
        match self {
            Kind::IntegrationFlow => "DeployIntegrationDesigntimeArtifact",
            Kind::ValueMapping => "DeployValueMappingDesigntimeArtifact",
            Kind::MessageMapping => "DeployMessageMappingDesigntimeArtifact",
            Kind::ScriptCollection => "DeployScriptCollectionDesigntimeArtifact",
        }
    }

    pub fn from_deploy_function(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.deploy_function() == name)
    }

    /// How the tenant names the kind in messages.
    pub fn label(self) -> &'static str {
        match self {
            Kind::IntegrationFlow => "Integration flow",
            Kind::ValueMapping => "Value mapping",
            Kind::MessageMapping => "Message mapping",
            Kind::ScriptCollection => "Script collection",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Package {
    pub id: String,
    pub name: String,
    pub short_text: String,
    pub description: String,
    pub version: String,
    pub vendor: String,
    pub mode: String,
    pub products: String,
    pub keywords: String,
    pub countries: String,
    pub industries: String,
    pub line_of_business: String,
    pub created_by: String,
    pub created_ms: i64,
    pub modified_by: String,
    pub modified_ms: i64,
    /// Deleted at this time; gone after [`PACKAGE_DELETE_TIME`].
    pub deleting_since: Option<Instant>,
}

#[derive(Debug, Clone)]
pub(crate) struct Configuration {
    pub key: String,
    pub value: String,
    pub data_type: String,
    pub description: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Artifact {
    pub kind: Kind,
    pub id: String,
    pub version: String,
    pub package_id: String,
    pub name: String,
    pub description: String,
    pub sender: String,
    pub receiver: String,
    pub created_by: String,
    pub created_ms: i64,
    pub modified_by: String,
    pub modified_ms: i64,
    pub configurations: Vec<Configuration>,
    pub outcome: Outcome,
    pub endpoint: Option<(&'static str, &'static str)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Phase {
    Starting {
        until: Instant,
        error: Option<String>,
    },
    Started,
    Error(String),
    Stopping {
        until: Instant,
    },
}

impl Phase {
    pub fn status(&self) -> &'static str {
        match self {
            Phase::Starting { .. } => "STARTING",
            Phase::Started => "STARTED",
            Phase::Error(_) => "ERROR",
            Phase::Stopping { .. } => "STOPPING",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Runtime {
    pub id: String,
    pub version: String,
    pub name: String,
    pub kind: Kind,
    pub deployed_by: String,
    pub deployed_ms: i64,
    pub phase: Phase,
    pub endpoint: Option<(&'static str, &'static str)>,
}

#[derive(Debug, Clone)]
pub(crate) struct DeployTask {
    pub id: String,
    pub artifact_id: String,
    pub built_at: Instant,
    pub fails: bool,
    /// Set once the build's result reached the runtime.
    pub applied: bool,
    /// What to put into the runtime when the build is done.
    pub runtime: Runtime,
    pub start_error: Option<String>,
}

pub(crate) struct Content {
    pub partners: super::partners::Directory,
    pub security: super::security::SecurityContent,
    pub packages: Vec<Package>,
    pub artifacts: Vec<Artifact>,
    pub runtime: Vec<Runtime>,
    pub tasks: Vec<DeployTask>,
}

impl Content {
    pub(crate) fn seeded(now_ms: i64) -> Self {
        let packages = seed::PACKAGES
            .iter()
            .map(|p| Package {
                id: p.id.to_owned(),
                name: p.name.to_owned(),
                short_text: p.short_text.to_owned(),
                description: p.description.to_owned(),
                version: p.version.to_owned(),
                vendor: p.vendor.to_owned(),
                mode: p.mode.to_owned(),
                products: p.products.to_owned(),
                keywords: p.keywords.to_owned(),
                countries: String::new(),
                industries: String::new(),
                line_of_business: p.line_of_business.to_owned(),
                created_by: p.created_by.to_owned(),
                created_ms: now_ms - p.age_days * DAY_MS,
                modified_by: p.created_by.to_owned(),
                modified_ms: now_ms - (p.age_days / 9 + 1) * DAY_MS - 3_600_000,
                deleting_since: None,
            })
            .collect();
        let mut artifacts = Vec::new();
        let mut runtime = Vec::new();
        for (index, flow) in seed::FLOWS.iter().enumerate() {
            let modified_ms = now_ms - flow.modified_days_ago * DAY_MS - (index as i64) * 2_345_678;
            artifacts.push(Artifact {
                kind: Kind::IntegrationFlow,
                id: flow.id.to_owned(),
                version: flow.version.to_owned(),
                package_id: flow.package.to_owned(),
                name: flow.name.to_owned(),
                description: flow.description.to_owned(),
                sender: flow.sender.to_owned(),
                receiver: flow.receiver.to_owned(),
                created_by: flow.modified_by.to_owned(),
                created_ms: modified_ms - 120 * DAY_MS,
                modified_by: flow.modified_by.to_owned(),
                modified_ms,
                configurations: flow
                    .configurations
                    .iter()
                    .map(|(key, value, data_type, description)| Configuration {
                        key: (*key).to_owned(),
                        value: (*value).to_owned(),
                        data_type: (*data_type).to_owned(),
                        description: (*description).to_owned(),
                    })
                    .collect(),
                outcome: flow.outcome,
                endpoint: flow.endpoint,
            });
            if let Some(deployed) = flow.deployed {
                runtime.push(Runtime {
                    id: flow.id.to_owned(),
                    version: flow.version.to_owned(),
                    name: flow.name.to_owned(),
                    kind: Kind::IntegrationFlow,
                    deployed_by: flow.modified_by.to_owned(),
                    deployed_ms: modified_ms + 600_000,
                    phase: match deployed {
                        Deployed::Started => Phase::Started,
                        Deployed::Error(cause) => Phase::Error(cause.to_owned()),
                    },
                    endpoint: flow.endpoint,
                });
            }
        }
        for (kind, seeds) in [
            (Kind::ValueMapping, seed::VALUE_MAPPINGS),
            (Kind::MessageMapping, seed::MESSAGE_MAPPINGS),
            (Kind::ScriptCollection, seed::SCRIPT_COLLECTIONS),
        ] {
            for (package, id, name, description, version, by, days, deployed) in seeds {
                let modified_ms = now_ms - days * DAY_MS - 5_400_000;
                artifacts.push(Artifact {
                    kind,
                    id: (*id).to_owned(),
                    version: (*version).to_owned(),
                    package_id: (*package).to_owned(),
                    name: (*name).to_owned(),
                    description: (*description).to_owned(),
                    sender: String::new(),
                    receiver: String::new(),
                    created_by: (*by).to_owned(),
                    created_ms: modified_ms - 200 * DAY_MS,
                    modified_by: (*by).to_owned(),
                    modified_ms,
                    configurations: Vec::new(),
                    outcome: Outcome::Starts,
                    endpoint: None,
                });
                if *deployed {
                    runtime.push(Runtime {
                        id: (*id).to_owned(),
                        version: (*version).to_owned(),
                        name: (*name).to_owned(),
                        kind,
                        deployed_by: (*by).to_owned(),
                        deployed_ms: modified_ms + 300_000,
                        phase: Phase::Started,
                        endpoint: None,
                    });
                }
            }
        }
        Self {
            partners: super::partners::Directory::seeded(now_ms),
            security: super::security::SecurityContent::seeded(now_ms),
            packages,
            artifacts,
            runtime,
            tasks: Vec::new(),
        }
    }

    /// Moves everything whose time has come: builds end, artifacts start, stopped ones and
    /// deleted packages disappear.
    pub(crate) fn tick(&mut self, now: Instant) {
        for task in &mut self.tasks {
            if task.applied || now < task.built_at {
                continue;
            }
            task.applied = true;
            if task.fails {
                continue;
            }
            let mut runtime = task.runtime.clone();
            runtime.phase = Phase::Starting {
                until: task.built_at + START_TIME,
                error: task.start_error.clone(),
            };
            self.runtime.retain(|r| r.id != runtime.id);
            self.runtime.push(runtime);
        }
        for runtime in &mut self.runtime {
            if let Phase::Starting { until, error } = &runtime.phase {
                if now >= *until {
                    runtime.phase = match error {
                        Some(cause) => Phase::Error(cause.clone()),
                        None => Phase::Started,
                    };
                }
            }
        }
        self.runtime
            .retain(|r| !matches!(r.phase, Phase::Stopping { until } if now >= until));
        let gone: Vec<String> = self
            .packages
            .iter()
            .filter(|p| {
                p.deleting_since
                    .is_some_and(|since| now >= since + PACKAGE_DELETE_TIME)
            })
            .map(|p| p.id.clone())
            .collect();
        if !gone.is_empty() {
            // Deployed artifacts keep running as orphans, as on the tenant.
            self.packages.retain(|p| !gone.contains(&p.id));
            self.artifacts.retain(|a| !gone.contains(&a.package_id));
        }
    }

    pub fn package(&self, id: &str) -> Option<&Package> {
        self.packages.iter().find(|p| p.id == id)
    }

    /// An artifact by kind, id and version (`active` or its version).
    pub fn artifact(&self, kind: Kind, id: &str, version: &str) -> Option<&Artifact> {
        self.artifacts
            .iter()
            .find(|a| a.kind == kind && a.id == id && (version == "active" || a.version == version))
    }

    pub fn artifact_mut(&mut self, kind: Kind, id: &str, version: &str) -> Option<&mut Artifact> {
        self.artifacts
            .iter_mut()
            .find(|a| a.kind == kind && a.id == id && (version == "active" || a.version == version))
    }

    pub fn runtime(&self, id: &str) -> Option<&Runtime> {
        self.runtime.iter().find(|r| r.id == id)
    }

    /// Starts a deploy; returns the task id.
    pub(crate) fn deploy(
        &mut self,
        artifact: &Artifact,
        by: &str,
        now: Instant,
        now_ms: i64,
    ) -> String {
        let id = task_id();
        let start_error = match artifact.outcome {
            // A missing credential stops being an error once someone deploys it.
            Outcome::RuntimeError(cause) if !self.credential_now_deployed(cause) => {
                Some(cause.to_owned())
            }
            _ => None,
        };
        self.tasks.push(DeployTask {
            id: id.clone(),
            artifact_id: artifact.id.clone(),
            built_at: now + BUILD_TIME,
            fails: artifact.outcome == Outcome::BuildFails,
            applied: false,
            runtime: Runtime {
                id: artifact.id.clone(),
                version: artifact.version.clone(),
                name: artifact.name.clone(),
                kind: artifact.kind,
                deployed_by: by.to_owned(),
                deployed_ms: now_ms + BUILD_TIME.as_millis() as i64,
                phase: Phase::Started,
                endpoint: artifact.endpoint,
            },
            start_error,
        });
        // Keep the task list short: finished tasks older than the newest 200 are forgotten.
        if self.tasks.len() > 200 {
            self.tasks.remove(0);
        }
        id
    }

    /// Whether a start error "No credentials for 'X' found" is cured: user credentials `X`
    /// exist now.
    fn credential_now_deployed(&self, cause: &str) -> bool {
        let Some(name) = cause
            .split_once("No credentials for '")
            .and_then(|(_, rest)| rest.split_once('\''))
            .map(|(name, _)| name)
        else {
            return false;
        };
        self.security
            .artifacts
            .iter()
            .any(|a| a.set == "UserCredentials" && a.name == name)
    }

    /// `DEPLOYING`, `SUCCESS` or `FAIL` of a task.
    pub(crate) fn task_status(&self, task_id: &str, now: Instant) -> Option<&'static str> {
        let task = self.tasks.iter().find(|t| t.id == task_id)?;
        Some(if now < task.built_at {
            "DEPLOYING"
        } else if task.fails {
            "FAIL"
        } else {
            "SUCCESS"
        })
    }

    /// Undeploys: STOPPING, then gone.
    pub(crate) fn undeploy(&mut self, id: &str, now: Instant) -> bool {
        // A deploy still building would bring it back: cancel it.
        for task in &mut self.tasks {
            if task.artifact_id == id && !task.applied {
                task.applied = true;
                task.fails = true;
            }
        }
        match self.runtime.iter_mut().find(|r| r.id == id) {
            Some(runtime) if !matches!(runtime.phase, Phase::Stopping { .. }) => {
                runtime.phase = Phase::Stopping {
                    until: now + STOP_TIME,
                };
                true
            }
            _ => false,
        }
    }
}

/// A task id as the tenant's build service returns (a UUID without dashes' ambiguity).
fn task_id() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The error information of a runtime artifact in ERROR: JSON whose `parameter` holds more
/// JSON as a string (and SAP's own `subsytemPartName` typo).
pub(crate) fn error_information(cause: &str) -> String {
    let inner = serde_json::json!({
        "message": "ERROR",
        "parameters": [],
        "childMessageInstances": [{
            "message": "EXCEPTION",
            "parameters": [format!("org.osgi.service.blueprint.container.ComponentDefinitionException: Unable to initialize bean MessageFlow_1: {cause}")],
            "childMessageInstances": [{
                "message": "CAUSE",
                "parameters": [cause],
                "childMessageInstances": [],
            }],
        }],
    });
    serde_json::json!({
        "message": {
            "subsystemName": "CONTENT",
            "subsytemPartName": "CONTENT_DEPLOY",
            "messageId": "InstanceError",
            "messageText": "",
        },
        "parameter": [inner.to_string()],
    })
    .to_string()
}
