//! The service's `$metadata` (EDMX, OData V2 with SAP annotations) and service document.

use super::errors::escape_xml;
use super::wire::NAMESPACE;

/// (entity type, entity set, key properties, properties as (name, Edm type, nullable, max length)).
type Property = (&'static str, &'static str, bool, Option<u32>);

pub(crate) const ENTITY_SETS: &[&str] = &[
    "WorkItemSet",
    "WorkItemReleaseSet",
    "WorkItemTextSet",
    "WorkItemAttachmentSet",
    "WorkItemCategorySet",
];

struct EntityType {
    name: &'static str,
    set: &'static str,
    keys: &'static [&'static str],
    media: bool,
    properties: &'static [Property],
}

const ENTITY_TYPES: &[EntityType] = &[
    EntityType {
        name: "WorkItem",
        set: "WorkItemSet",
        keys: &["guid"],
        media: false,
        properties: &[
            ("guid", "Edm.Guid", false, None),
            ("objectId", "Edm.String", false, Some(10)),
            ("processType", "Edm.String", false, Some(4)),
            ("processTypeText", "Edm.String", false, Some(40)),
            ("description", "Edm.String", false, Some(40)),
            ("userStatus", "Edm.String", false, Some(5)),
            ("userStatusText", "Edm.String", false, Some(30)),
            ("priority", "Edm.String", false, Some(1)),
            ("priorityText", "Edm.String", false, Some(30)),
            ("workPackageId", "Edm.String", false, Some(10)),
            ("projectId", "Edm.String", false, Some(30)),
            ("createdBy", "Edm.String", false, Some(12)),
            ("createdAt", "Edm.DateTime", true, None),
            ("changedBy", "Edm.String", false, Some(12)),
            ("changedAt", "Edm.DateTime", true, None),
        ],
    },
    EntityType {
        name: "WorkItemRelease",
        set: "WorkItemReleaseSet",
        keys: &["guid"],
        media: false,
        properties: &[
            ("guid", "Edm.Guid", false, None),
            ("releaseId", "Edm.String", false, Some(30)),
            ("releaseDescription", "Edm.String", false, Some(60)),
            ("changeCycleId", "Edm.String", false, Some(10)),
            ("phase", "Edm.String", false, Some(30)),
            ("goLiveDate", "Edm.DateTime", true, None),
        ],
    },
    EntityType {
        name: "WorkItemText",
        set: "WorkItemTextSet",
        keys: &["guid", "textId"],
        media: false,
        properties: &[
            ("guid", "Edm.Guid", false, None),
            ("textId", "Edm.Guid", false, None),
            ("textType", "Edm.String", false, Some(4)),
            ("textTypeText", "Edm.String", false, Some(30)),
            ("textContent", "Edm.String", false, None),
            ("isRichText", "Edm.Boolean", false, None),
            ("createdBy", "Edm.String", false, Some(12)),
            ("createdAt", "Edm.DateTime", true, None),
        ],
    },
    EntityType {
        name: "WorkItemAttachment",
        set: "WorkItemAttachmentSet",
        keys: &["guid", "documentId"],
        media: true,
        properties: &[
            ("guid", "Edm.Guid", false, None),
            ("documentId", "Edm.String", false, Some(32)),
            ("fileName", "Edm.String", false, Some(255)),
            ("mimeType", "Edm.String", false, Some(128)),
            ("fileSize", "Edm.Int32", false, None),
            ("fileContent", "Edm.Binary", true, None),
            ("createdBy", "Edm.String", false, Some(12)),
            ("createdAt", "Edm.DateTime", true, None),
        ],
    },
    EntityType {
        name: "WorkItemCategory",
        set: "WorkItemCategorySet",
        keys: &["guid", "catId"],
        media: false,
        properties: &[
            ("guid", "Edm.Guid", false, None),
            ("catId", "Edm.String", false, Some(30)),
            ("catDescription", "Edm.String", false, Some(60)),
            ("aspId", "Edm.String", false, Some(30)),
            ("catLevel", "Edm.Int32", false, None),
        ],
    },
];

/// (navigation name, target type, target set, multiplicity of the target).
const NAVIGATIONS: &[(&str, &str, &str, &str)] = &[
    (
        "toWIActualRelease",
        "WorkItemRelease",
        "WorkItemReleaseSet",
        "0..1",
    ),
    (
        "toWIAttachment",
        "WorkItemAttachment",
        "WorkItemAttachmentSet",
        "*",
    ),
    ("toWIText", "WorkItemText", "WorkItemTextSet", "*"),
    (
        "toWICategory",
        "WorkItemCategory",
        "WorkItemCategorySet",
        "*",
    ),
];

/// Every property name of an entity type (for tests that check the JSON against the EDMX).
pub(crate) fn property_names(entity_type: &str) -> Vec<&'static str> {
    ENTITY_TYPES
        .iter()
        .filter(|t| t.name == entity_type)
        .flat_map(|t| t.properties.iter().map(|p| p.0))
        .collect()
}

/// `(name, Edm type)` of every property of an entity type, in declaration order.
pub(crate) fn property_types(entity_type: &str) -> Vec<(&'static str, &'static str)> {
    ENTITY_TYPES
        .iter()
        .filter(|t| t.name == entity_type)
        .flat_map(|t| t.properties.iter().map(|p| (p.0, p.1)))
        .collect()
}

pub(crate) fn edmx() -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\
         <edmx:Edmx Version=\"1.0\" xmlns:edmx=\"http://schemas.microsoft.com/ado/2007/06/edmx\" \
         xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\" \
         xmlns:sap=\"http://www.sap.com/Protocols/SAPData\">\
         <edmx:DataServices m:DataServiceVersion=\"2.0\">",
    );
    xml.push_str(&format!(
        "<Schema Namespace=\"{ns}\" xml:lang=\"en\" sap:schema-version=\"1\" \
         xmlns=\"http://schemas.microsoft.com/ado/2008/09/edm\">",
        ns = escape_xml(NAMESPACE)
    ));
    for entity in ENTITY_TYPES {
        xml.push_str(&format!(
            "<EntityType Name=\"{}\"{} sap:content-version=\"1\"><Key>",
            entity.name,
            if entity.media {
                " m:HasStream=\"true\""
            } else {
                ""
            }
        ));
        for key in entity.keys {
            xml.push_str(&format!("<PropertyRef Name=\"{key}\"/>"));
        }
        xml.push_str("</Key>");
        for (name, edm_type, nullable, max_length) in entity.properties {
            xml.push_str(&format!(
                "<Property Name=\"{name}\" Type=\"{edm_type}\" Nullable=\"{nullable}\""
            ));
            if let Some(length) = max_length {
                xml.push_str(&format!(" MaxLength=\"{length}\""));
            }
            if *edm_type == "Edm.DateTime" {
                xml.push_str(" Precision=\"7\"");
            }
            xml.push_str(" sap:unicode=\"false\" sap:creatable=\"false\" sap:updatable=\"false\" sap:sortable=\"false\" sap:filterable=\"false\"/>");
        }
        if entity.name == "WorkItem" {
            for (navigation, target, _, _) in NAVIGATIONS {
                xml.push_str(&format!(
                    "<NavigationProperty Name=\"{navigation}\" Relationship=\"{ns}.WorkItem_{target}\" \
                     FromRole=\"FromRole_WorkItem_{target}\" ToRole=\"ToRole_WorkItem_{target}\"/>",
                    ns = escape_xml(NAMESPACE)
                ));
            }
        }
        xml.push_str("</EntityType>");
    }
    for (_, target, _, multiplicity) in NAVIGATIONS {
        xml.push_str(&format!(
            "<Association Name=\"WorkItem_{target}\" sap:content-version=\"1\">\
             <End Type=\"{ns}.WorkItem\" Multiplicity=\"1\" Role=\"FromRole_WorkItem_{target}\"/>\
             <End Type=\"{ns}.{target}\" Multiplicity=\"{multiplicity}\" Role=\"ToRole_WorkItem_{target}\"/>\
             </Association>",
            ns = escape_xml(NAMESPACE)
        ));
    }
    xml.push_str(
        "<EntityContainer Name=\"_SALM_EXT_DEVOPS_INTEG_SRV_Entities\" m:IsDefaultEntityContainer=\"true\" sap:supported-formats=\"atom json xlsx\">",
    );
    for entity in ENTITY_TYPES {
        let creatable = matches!(entity.name, "WorkItemText" | "WorkItemAttachment");
        xml.push_str(&format!(
            "<EntitySet Name=\"{}\" EntityType=\"{ns}.{}\" sap:creatable=\"{creatable}\" sap:updatable=\"false\" \
             sap:deletable=\"false\" sap:pageable=\"false\" sap:content-version=\"1\"/>",
            entity.set,
            entity.name,
            ns = escape_xml(NAMESPACE)
        ));
    }
    for (_, target, set, _) in NAVIGATIONS {
        xml.push_str(&format!(
            "<AssociationSet Name=\"WorkItem_{target}Set\" Association=\"{ns}.WorkItem_{target}\" sap:creatable=\"false\" \
             sap:updatable=\"false\" sap:deletable=\"false\" sap:content-version=\"1\">\
             <End EntitySet=\"WorkItemSet\" Role=\"FromRole_WorkItem_{target}\"/>\
             <End EntitySet=\"{set}\" Role=\"ToRole_WorkItem_{target}\"/></AssociationSet>",
            ns = escape_xml(NAMESPACE)
        ));
    }
    xml.push_str(&format!(
        "<FunctionImport Name=\"ChangeStatus\" ReturnType=\"{ns}.WorkItem\" EntitySet=\"WorkItemSet\" m:HttpMethod=\"POST\">\
         <Parameter Name=\"userStatus\" Type=\"Edm.String\" Mode=\"In\" MaxLength=\"5\"/>\
         <Parameter Name=\"guid\" Type=\"Edm.Guid\" Mode=\"In\"/></FunctionImport>",
        ns = escape_xml(NAMESPACE)
    ));
    xml.push_str("</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>");
    xml
}

/// The service document, AtomPub XML or JSON.
pub(crate) fn service_document(root: &str, json: bool) -> String {
    if json {
        return serde_json::json!({"d": {"EntitySets": ENTITY_SETS}}).to_string();
    }
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><app:service xml:base=\"{}\" \
         xmlns:app=\"http://www.w3.org/2007/app\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><app:workspace>\
         <atom:title type=\"text\">Data</atom:title>",
        escape_xml(root)
    );
    for set in ENTITY_SETS {
        xml.push_str(&format!(
            "<app:collection href=\"{set}\"><atom:title type=\"text\">{set}</atom:title></app:collection>"
        ));
    }
    xml.push_str("</app:workspace></app:service>");
    xml
}
