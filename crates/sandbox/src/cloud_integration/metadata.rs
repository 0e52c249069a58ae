//! The tenant's entity model: types, keys, properties (with Edm types) and navigations. The
//! `$metadata` document, the Atom writer and `$select` read it.

use super::errors::escape_xml;

pub(crate) const NAMESPACE: &str = "com.sap.hci.api";

/// A navigation property: name, target type, to-many.
pub(crate) type Navigation = (&'static str, &'static str, bool);

pub(crate) struct EntityType {
    pub name: &'static str,
    pub namespace: &'static str,
    pub set: &'static str,
    pub keys: &'static [&'static str],
    /// A media entity: its bytes are `…/$value`.
    pub media: bool,
    pub properties: &'static [(&'static str, &'static str)],
    pub navigations: &'static [Navigation],
}

impl EntityType {
    pub fn full_name(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }

    pub fn property_type(&self, name: &str) -> Option<&'static str> {
        self.properties
            .iter()
            .find(|(property, _)| *property == name)
            .map(|(_, edm)| *edm)
    }

    pub fn navigation(&self, name: &str) -> Option<&Navigation> {
        self.navigations.iter().find(|(nav, _, _)| *nav == name)
    }
}

pub(crate) struct ComplexType {
    pub name: &'static str,
    pub properties: &'static [(&'static str, &'static str)],
}

const S: &str = "Edm.String";
const DT: &str = "Edm.DateTime";
const B: &str = "Edm.Boolean";
const I32: &str = "Edm.Int32";
const I64: &str = "Edm.Int64";
const BIN: &str = "Edm.Binary";
const PD: &str = "pd";

pub(crate) const COMPLEX_TYPES: &[ComplexType] = &[
    ComplexType {
        name: "IntegrationArtifact",
        properties: &[
            ("Id", S),
            ("Name", S),
            ("Type", S),
            ("PackageId", S),
            ("PackageName", S),
        ],
    },
    ComplexType {
        name: "SecurityArtifactDescriptor",
        properties: &[
            ("Type", S),
            ("DeployedBy", S),
            ("DeployedOn", DT),
            ("Status", S),
        ],
    },
];

const DESIGNTIME_NAVIGATIONS: &[Navigation] = &[("Resources", "Resource", true)];

macro_rules! entity {
    ($name:literal, $set:literal, [$($key:literal),*], $media:expr, [$(($p:literal, $t:expr)),* $(,)?], [$($nav:expr),* $(,)?]) => {
        EntityType {
            name: $name,
            namespace: NAMESPACE,
            set: $set,
            keys: &[$($key),*],
            media: $media,
            properties: &[$(($p, $t)),*],
            navigations: &[$($nav),*],
        }
    };
}

pub(crate) const ENTITY_TYPES: &[EntityType] = &[
    entity!(
        "IntegrationPackage",
        "IntegrationPackages",
        ["Id"],
        true,
        [
            ("Id", S),
            ("Name", S),
            ("ResourceId", S),
            ("Description", S),
            ("ShortText", S),
            ("Version", S),
            ("Vendor", S),
            ("PartnerContent", B),
            ("UpdateAvailable", B),
            ("Mode", S),
            ("SupportedPlatform", S),
            ("ModifiedBy", S),
            ("CreationDate", S),
            ("ModifiedDate", S),
            ("CreatedBy", S),
            ("Products", S),
            ("Keywords", S),
            ("Countries", S),
            ("Industries", S),
            ("LineOfBusiness", S),
            ("PackageContent", BIN),
        ],
        [
            (
                "IntegrationDesigntimeArtifacts",
                "IntegrationDesigntimeArtifact",
                true
            ),
            (
                "ValueMappingDesigntimeArtifacts",
                "ValueMappingDesigntimeArtifact",
                true
            ),
            (
                "MessageMappingDesigntimeArtifacts",
                "MessageMappingDesigntimeArtifact",
                true
            ),
            (
                "ScriptCollectionDesigntimeArtifacts",
                "ScriptCollectionDesigntimeArtifact",
                true
            ),
            ("CustomTags", "CustomTags", true),
        ]
    ),
    entity!(
        "IntegrationDesigntimeArtifact",
        "IntegrationDesigntimeArtifacts",
        ["Id", "Version"],
        true,
        [
            ("Id", S),
            ("Version", S),
            ("PackageId", S),
            ("Name", S),
            ("Description", S),
            ("Sender", S),
            ("Receiver", S),
            ("CreatedBy", S),
            ("CreatedAt", DT),
            ("ModifiedBy", S),
            ("ModifiedAt", DT),
            ("ArtifactContent", BIN),
        ],
        [
            ("Configurations", "Configuration", true),
            ("Resources", "Resource", true),
        ]
    ),
    EntityType {
        name: "ValueMappingDesigntimeArtifact",
        namespace: NAMESPACE,
        set: "ValueMappingDesigntimeArtifacts",
        keys: &["Id", "Version"],
        media: true,
        properties: DESIGNTIME_PROPERTIES,
        navigations: &[],
    },
    EntityType {
        name: "MessageMappingDesigntimeArtifact",
        namespace: NAMESPACE,
        set: "MessageMappingDesigntimeArtifacts",
        keys: &["Id", "Version"],
        media: true,
        properties: DESIGNTIME_PROPERTIES,
        navigations: DESIGNTIME_NAVIGATIONS,
    },
    EntityType {
        name: "ScriptCollectionDesigntimeArtifact",
        namespace: NAMESPACE,
        set: "ScriptCollectionDesigntimeArtifacts",
        keys: &["Id", "Version"],
        media: true,
        properties: DESIGNTIME_PROPERTIES,
        navigations: DESIGNTIME_NAVIGATIONS,
    },
    entity!(
        "Configuration",
        "Configurations",
        ["ParameterKey"],
        false,
        [
            ("ParameterKey", S),
            ("ParameterValue", S),
            ("DataType", S),
            ("Description", S),
        ],
        []
    ),
    entity!(
        "Resource",
        "Resources",
        ["Name", "ResourceType"],
        true,
        [
            ("Name", S),
            ("ResourceType", S),
            ("ReferencedResourceType", S),
            ("ResourceContent", BIN),
        ],
        []
    ),
    entity!(
        "CustomTags",
        "CustomTags",
        ["Name"],
        false,
        [("Name", S), ("Value", S)],
        []
    ),
    entity!(
        "BuildAndDeployStatus",
        "BuildAndDeployStatus",
        ["TaskId"],
        false,
        [("TaskId", S), ("Status", S),],
        []
    ),
    entity!(
        "IntegrationRuntimeArtifact",
        "IntegrationRuntimeArtifacts",
        ["Id"],
        true,
        [
            ("Id", S),
            ("Version", S),
            ("Name", S),
            ("Type", S),
            ("DeployedBy", S),
            ("DeployedOn", DT),
            ("Status", S),
        ],
        [("ErrorInformation", "RuntimeArtifactErrorInformation", false)]
    ),
    entity!(
        "RuntimeArtifactErrorInformation",
        "RuntimeArtifactErrorInformations",
        ["Id"],
        true,
        [("Id", S),],
        []
    ),
    entity!(
        "ServiceEndpoint",
        "ServiceEndpoints",
        ["Id"],
        false,
        [
            ("Name", S),
            ("Id", S),
            ("Title", S),
            ("Version", S),
            ("Summary", S),
            ("Description", S),
            ("LastUpdated", DT),
            ("Protocol", S),
        ],
        [
            ("EntryPoints", "EntryPoint", true),
            ("ApiDefinitions", "APIDefinition", true)
        ]
    ),
    entity!(
        "EntryPoint",
        "EntryPoints",
        ["Url"],
        false,
        [
            ("Name", S),
            ("Url", S),
            ("Type", S),
            ("AdditionalInformation", S),
        ],
        []
    ),
    entity!(
        "APIDefinition",
        "APIDefinitions",
        ["Url"],
        false,
        [("Url", S), ("Name", S)],
        []
    ),
    entity!(
        "MessageProcessingLog",
        "MessageProcessingLogs",
        ["MessageGuid"],
        false,
        [
            ("MessageGuid", S),
            ("CorrelationId", S),
            ("ApplicationMessageId", S),
            ("ApplicationMessageType", S),
            ("LogStart", DT),
            ("LogEnd", DT),
            ("Sender", S),
            ("Receiver", S),
            ("IntegrationFlowName", S),
            ("Status", S),
            ("AlternateWebLink", S),
            ("IntegrationArtifact", "com.sap.hci.api.IntegrationArtifact"),
            ("LogLevel", S),
            ("CustomStatus", S),
            ("ArchivingStatus", S),
            ("ArchivingSenderChannelMessages", S),
            ("ArchivingReceiverChannelMessages", S),
            ("ArchivingLogAttachments", S),
            ("ArchivingPersistedMessages", S),
            ("TransactionId", S),
            ("PreviousComponentName", S),
            ("LocalComponentName", S),
            ("OriginComponentName", S),
        ],
        [
            (
                "AdapterAttributes",
                "MessageProcessingLogAdapterAttribute",
                true
            ),
            ("Attachments", "MessageProcessingLogAttachment", true),
            (
                "CustomHeaderProperties",
                "MessageProcessingLogCustomHeaderProperty",
                true
            ),
            (
                "ErrorInformation",
                "MessageProcessingLogErrorInformation",
                false
            ),
            ("MessageStoreEntries", "MessageStoreEntry", true),
            ("Runs", "MessageProcessingLogRun", true),
        ]
    ),
    entity!(
        "MessageProcessingLogAttachment",
        "MessageProcessingLogAttachments",
        ["Id"],
        true,
        [
            ("Id", S),
            ("MessageGuid", S),
            ("TimeStamp", DT),
            ("Name", S),
            ("ContentType", S),
            ("PayloadSize", I64),
        ],
        []
    ),
    entity!(
        "MessageProcessingLogErrorInformation",
        "MessageProcessingLogErrorInformations",
        ["MessageGuid"],
        true,
        [("MessageGuid", S), ("Type", S), ("LastErrorModelStepId", S),],
        []
    ),
    entity!(
        "MessageProcessingLogCustomHeaderProperty",
        "MessageProcessingLogCustomHeaderProperties",
        ["Id"],
        false,
        [("Id", S), ("Name", S), ("Value", S),],
        [("Log", "MessageProcessingLog", false)]
    ),
    entity!(
        "MessageProcessingLogAdapterAttribute",
        "MessageProcessingLogAdapterAttributes",
        ["Id"],
        false,
        [
            ("Id", S),
            ("AdapterId", S),
            ("AdapterMessageId", S),
            ("Name", S),
            ("Value", S),
        ],
        []
    ),
    entity!(
        "MessageProcessingLogRun",
        "MessageProcessingLogRuns",
        ["Id"],
        false,
        [
            ("Id", S),
            ("RunStart", DT),
            ("RunStop", DT),
            ("LogLevel", S),
            ("OverallState", S),
            ("ProcessId", S),
        ],
        [("RunSteps", "MessageProcessingLogRunStep", true)]
    ),
    entity!(
        "MessageProcessingLogRunStep",
        "MessageProcessingLogRunSteps",
        ["RunId", "ChildCount"],
        false,
        [
            ("RunId", S),
            ("ChildCount", I32),
            ("StepStart", DT),
            ("StepStop", DT),
            ("StepId", S),
            ("ModelStepId", S),
            ("BranchId", S),
            ("Status", S),
            ("Error", S),
            ("Activity", S),
        ],
        []
    ),
    entity!(
        "MessageStoreEntry",
        "MessageStoreEntries",
        ["Id"],
        true,
        [
            ("Id", S),
            ("MessageGuid", S),
            ("MessageStoreId", S),
            ("TimeStamp", DT),
            ("HasAttachments", B),
        ],
        [("Properties", "MessageStoreEntryProperty", true)]
    ),
    entity!(
        "MessageStoreEntryProperty",
        "MessageStoreEntryProperties",
        ["MessageId", "Name"],
        false,
        [("MessageId", S), ("Name", S), ("Value", S),],
        []
    ),
    EntityType {
        name: "Partner",
        namespace: PD,
        set: "Partners",
        keys: &["Pid"],
        media: false,
        properties: &[("Pid", S)],
        navigations: &[],
    },
    EntityType {
        name: "StringParameter",
        namespace: PD,
        set: "StringParameters",
        keys: &["Pid", "Id"],
        media: false,
        properties: &[
            ("Pid", S),
            ("Id", S),
            ("LastModifiedBy", S),
            ("LastModifiedTime", DT),
            ("CreatedBy", S),
            ("CreatedTime", DT),
            ("Value", S),
        ],
        navigations: &[],
    },
    EntityType {
        name: "BinaryParameter",
        namespace: PD,
        set: "BinaryParameters",
        keys: &["Pid", "Id"],
        media: false,
        properties: &[
            ("Pid", S),
            ("Id", S),
            ("LastModifiedBy", S),
            ("LastModifiedTime", DT),
            ("CreatedBy", S),
            ("CreatedTime", DT),
            ("ContentType", S),
            ("Value", BIN),
        ],
        navigations: &[],
    },
    entity!(
        "UserCredential",
        "UserCredentials",
        ["Name"],
        false,
        [
            ("Name", S),
            ("Kind", S),
            ("Description", S),
            ("User", S),
            ("Password", S),
            ("CompanyId", S),
            (
                "SecurityArtifactDescriptor",
                "com.sap.hci.api.SecurityArtifactDescriptor"
            ),
        ],
        []
    ),
    entity!(
        "SecureParameter",
        "SecureParameters",
        ["Name"],
        false,
        [
            ("Name", S),
            ("Description", S),
            ("SecureParam", S),
            ("DeployedBy", S),
            ("DeployedOn", DT),
            ("Status", S),
        ],
        []
    ),
    entity!(
        "OAuth2ClientCredential",
        "OAuth2ClientCredentials",
        ["Name"],
        false,
        [
            ("Name", S),
            ("Description", S),
            ("TokenServiceUrl", S),
            ("ClientId", S),
            ("ClientSecret", S),
            ("ClientAuthentication", S),
            ("Scope", S),
            ("ScopeContentType", S),
            ("Resource", S),
            ("Audience", S),
            (
                "SecurityArtifactDescriptor",
                "com.sap.hci.api.SecurityArtifactDescriptor"
            ),
        ],
        [("CustomParameters", "OAuth2ClientCredentialParameter", true)]
    ),
    entity!(
        "OAuth2ClientCredentialParameter",
        "OAuth2ClientCredentialParameters",
        ["Key"],
        false,
        [("Key", S), ("Value", S), ("SendAsPartOf", S),],
        []
    ),
    entity!(
        "KeystoreEntry",
        "KeystoreEntries",
        ["Hexalias"],
        false,
        [
            ("Hexalias", S),
            ("Alias", S),
            ("KeyType", S),
            ("KeySize", I32),
            ("ValidNotBefore", DT),
            ("ValidNotAfter", DT),
            ("SerialNumber", S),
            ("SignatureAlgorithm", S),
            ("EllipticCurve", S),
            ("Validity", S),
            ("SubjectDN", S),
            ("IssuerDN", S),
            ("Version", I32),
            ("FingerprintSha1", S),
            ("FingerprintSha256", S),
            ("FingerprintSha512", S),
            ("Type", S),
            ("Owner", S),
            ("LastModifiedBy", S),
            ("LastModifiedTime", DT),
            ("CreatedBy", S),
            ("CreatedTime", DT),
            ("Status", S),
        ],
        [
            ("Certificate", "CertificateResource", false),
            ("ChainCertificates", "ChainCertificate", true)
        ]
    ),
    entity!(
        "CertificateResource",
        "CertificateResources",
        ["Hexalias"],
        true,
        [("Hexalias", S)],
        []
    ),
    entity!(
        "ChainCertificate",
        "ChainCertificates",
        ["Hexalias", "Index"],
        false,
        [
            ("Hexalias", S),
            ("Alias", S),
            ("Index", I32),
            ("SubjectDN", S),
            ("IssuerDN", S),
            ("ValidNotBefore", DT),
            ("ValidNotAfter", DT),
        ],
        []
    ),
    entity!(
        "LogFile",
        "LogFiles",
        ["Name", "Application"],
        true,
        [
            ("Name", S),
            ("Application", S),
            ("LastModified", DT),
            ("ContentType", S),
            ("LogFileType", S),
            ("NodeScope", S),
            ("Size", I64),
        ],
        []
    ),
    entity!(
        "LogFileArchive",
        "LogFileArchives",
        ["Scope", "LogFileType", "NodeScope"],
        true,
        [
            ("Scope", S),
            ("LogFileType", S),
            ("NodeScope", S),
            ("ContentType", S),
        ],
        []
    ),
];

const DESIGNTIME_PROPERTIES: &[(&str, &str)] = &[
    ("Id", S),
    ("Version", S),
    ("PackageId", S),
    ("Name", S),
    ("Description", S),
    ("CreatedBy", S),
    ("CreatedAt", DT),
    ("ModifiedBy", S),
    ("ModifiedAt", DT),
    ("ArtifactContent", BIN),
];

/// Function imports: name, HTTP method, parameters.
pub(crate) const FUNCTION_IMPORTS: &[(&str, &str, &[&str])] = &[
    (
        "DeployIntegrationDesigntimeArtifact",
        "POST",
        &["Id", "Version"],
    ),
    (
        "DeployValueMappingDesigntimeArtifact",
        "POST",
        &["Id", "Version"],
    ),
    (
        "DeployMessageMappingDesigntimeArtifact",
        "POST",
        &["Id", "Version"],
    ),
    (
        "DeployScriptCollectionDesigntimeArtifact",
        "POST",
        &["Id", "Version"],
    ),
    (
        "IntegrationDesigntimeArtifactSaveAsVersion",
        "POST",
        &["Id", "SaveAsVersion"],
    ),
];

/// The type behind an entity set.
pub(crate) fn by_set(set: &str) -> Option<&'static EntityType> {
    ENTITY_TYPES.iter().find(|entity| entity.set == set)
}

/// The type behind a set the handlers name. Every such name is in the model (the tests
/// serve each set); an unknown one falls back to the first type instead of panicking.
pub(crate) fn of_set(set: &str) -> &'static EntityType {
    by_set(set).unwrap_or(&ENTITY_TYPES[0])
}

/// The type of a name as written in `__metadata.type` (`com.sap.hci.api.X` or `pd.X`).
pub(crate) fn by_full_name(full_name: &str) -> Option<&'static EntityType> {
    let (namespace, name) = full_name.rsplit_once('.')?;
    ENTITY_TYPES
        .iter()
        .find(|entity| entity.name == name && entity.namespace == namespace)
}

pub(crate) fn by_name(name: &str) -> Option<&'static EntityType> {
    ENTITY_TYPES.iter().find(|entity| entity.name == name)
}

pub(crate) fn complex(full_name: &str) -> Option<&'static ComplexType> {
    let name = full_name.strip_prefix("com.sap.hci.api.")?;
    COMPLEX_TYPES.iter().find(|complex| complex.name == name)
}

/// The `$metadata` document (EDMX 1.0, OData V2).
pub(crate) fn edmx() -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\
         <edmx:Edmx Version=\"1.0\" xmlns:edmx=\"http://schemas.microsoft.com/ado/2007/06/edmx\">\
         <edmx:DataServices m:DataServiceVersion=\"2.0\" \
         xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">",
    );
    for namespace in [NAMESPACE, PD] {
        xml.push_str(&format!(
            "<Schema Namespace=\"{namespace}\" xmlns=\"http://schemas.microsoft.com/ado/2008/09/edm\">"
        ));
        for entity in ENTITY_TYPES.iter().filter(|e| e.namespace == namespace) {
            write_entity_type(&mut xml, entity);
        }
        if namespace == NAMESPACE {
            for complex in COMPLEX_TYPES {
                xml.push_str(&format!("<ComplexType Name=\"{}\">", complex.name));
                for (name, edm) in complex.properties {
                    xml.push_str(&format!(
                        "<Property Name=\"{name}\" Type=\"{edm}\" Nullable=\"true\"/>"
                    ));
                }
                xml.push_str("</ComplexType>");
            }
            write_associations(&mut xml);
            write_container(&mut xml);
        }
        xml.push_str("</Schema>");
    }
    xml.push_str("</edmx:DataServices></edmx:Edmx>");
    xml
}

fn write_entity_type(xml: &mut String, entity: &EntityType) {
    let media = if entity.media {
        " m:HasStream=\"true\""
    } else {
        ""
    };
    xml.push_str(&format!(
        "<EntityType Name=\"{}\"{media}><Key>",
        entity.name
    ));
    for key in entity.keys {
        xml.push_str(&format!("<PropertyRef Name=\"{key}\"/>"));
    }
    xml.push_str("</Key>");
    for (name, edm) in entity.properties {
        let nullable = if entity.keys.contains(name) {
            "false"
        } else {
            "true"
        };
        xml.push_str(&format!(
            "<Property Name=\"{name}\" Type=\"{edm}\" Nullable=\"{nullable}\"/>"
        ));
    }
    for (name, target, _) in entity.navigations {
        xml.push_str(&format!(
            "<NavigationProperty Name=\"{name}\" Relationship=\"{NAMESPACE}.{}\" FromRole=\"{}\" ToRole=\"{target}\"/>",
            association_name(entity, name),
            entity.name,
        ));
    }
    xml.push_str("</EntityType>");
}

fn association_name(entity: &EntityType, navigation: &str) -> String {
    format!("{}_{navigation}", entity.name)
}

fn write_associations(xml: &mut String) {
    for entity in ENTITY_TYPES {
        for (name, target, many) in entity.navigations {
            let target_full = by_name(target)
                .map_or_else(|| format!("{NAMESPACE}.{target}"), EntityType::full_name);
            xml.push_str(&format!(
                "<Association Name=\"{}\"><End Type=\"{}\" Multiplicity=\"1\" Role=\"{}\"/>\
                 <End Type=\"{}\" Multiplicity=\"{}\" Role=\"{target}\"/></Association>",
                association_name(entity, name),
                entity.full_name(),
                entity.name,
                escape_xml(&target_full),
                if *many { "*" } else { "0..1" },
            ));
        }
    }
}

fn write_container(xml: &mut String) {
    xml.push_str("<EntityContainer Name=\"EntityContainer\" m:IsDefaultEntityContainer=\"true\">");
    for entity in ENTITY_TYPES {
        xml.push_str(&format!(
            "<EntitySet Name=\"{}\" EntityType=\"{}\"/>",
            entity.set,
            entity.full_name()
        ));
    }
    for (name, method, parameters) in FUNCTION_IMPORTS {
        let return_type = if name.starts_with("Deploy") {
            " ReturnType=\"Edm.String\""
        } else {
            ""
        };
        xml.push_str(&format!(
            "<FunctionImport Name=\"{name}\"{return_type} m:HttpMethod=\"{method}\">"
        ));
        for parameter in *parameters {
            xml.push_str(&format!(
                "<Parameter Name=\"{parameter}\" Type=\"Edm.String\" Mode=\"In\"/>"
            ));
        }
        xml.push_str("</FunctionImport>");
    }
    xml.push_str("</EntityContainer>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_and_names_are_unique_and_navigations_lead_somewhere() {
        for (index, entity) in ENTITY_TYPES.iter().enumerate() {
            assert!(
                ENTITY_TYPES[index + 1..]
                    .iter()
                    .all(|other| other.set != entity.set),
                "{}",
                entity.set
            );
            for key in entity.keys {
                assert!(entity.property_type(key).is_some(), "{}.{key}", entity.name);
            }
            for (name, target, _) in entity.navigations {
                assert!(
                    by_name(target).is_some(),
                    "{}.{name} -> {target}",
                    entity.name
                );
            }
        }
        assert!(edmx().contains("<EntitySet Name=\"KeystoreEntries\""));
    }
}
