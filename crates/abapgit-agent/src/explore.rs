//! Exploration resources: tree, list, view, where.

use serde::{Deserialize, Serialize};

use crate::common::{Pagination, TypeCount};
use crate::wire::de;

/// Documented maxima the client enforces (the real server does not always).
pub const TREE_MAX_DEPTH: u32 = 10;
pub const LIST_MAX_LIMIT: u32 = 1000;
pub const WHERE_MAX_LIMIT: u32 = 200;

/// `POST /tree`: the package hierarchy below a package.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct TreeRequest {
    pub package: String,
    /// 1..=10 (server default 3).
    pub depth: Option<u32>,
    pub include_objects: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct PackageNode {
    #[serde(deserialize_with = "de::text")]
    pub package: String,
    #[serde(deserialize_with = "de::opt_text")]
    pub parent: Option<String>,
    #[serde(deserialize_with = "de::text")]
    pub description: String,
    #[serde(deserialize_with = "de::count")]
    pub depth: u32,
    #[serde(deserialize_with = "de::count")]
    pub object_count: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct PackageTree {
    #[serde(deserialize_with = "de::text")]
    pub package: String,
    #[serde(deserialize_with = "de::opt_text")]
    pub parent_package: Option<String>,
    #[serde(deserialize_with = "de::text")]
    pub message: String,
    /// Flat list; `depth` and `parent` give the hierarchy.
    #[serde(deserialize_with = "de::list")]
    pub nodes: Vec<PackageNode>,
    #[serde(deserialize_with = "de::count")]
    pub total_packages: u32,
    #[serde(deserialize_with = "de::count")]
    pub total_objects: u32,
    /// Objects per type (when `include_objects`).
    #[serde(alias = "objects", deserialize_with = "de::list")]
    pub object_counts: Vec<TypeCount>,
}

/// `POST /list`: objects of a package, filtered and paged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ListRequest {
    pub package: String,
    /// Object types to keep (empty = all).
    pub object_types: Vec<String>,
    /// Name pattern with `*` wildcards.
    pub name_pattern: Option<String>,
    /// 1..=1000 (server default 100).
    pub limit: Option<u32>,
    pub offset: u32,
}

#[derive(Serialize)]
pub(crate) struct ListBody {
    package: String,
    /// Comma-joined: the server reads a string (the docs say array).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    object_types: Option<String>,
    /// As implemented the pattern is `name`; documented as `name_pattern`. Both are sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name_pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    offset: u32,
}

impl ListBody {
    pub fn new(request: &ListRequest) -> Self {
        let types: Vec<String> = crate::common::object_names(&request.object_types);
        // The handler compares with SQL LIKE, which is case-sensitive, and object names in
        // TADIR are upper case: a pattern typed in lower case would find nothing.
        let pattern = crate::common::non_empty(&request.name_pattern).map(str::to_uppercase);
        Self {
            package: request.package.trim().to_uppercase(),
            object_types: (!types.is_empty()).then(|| types.join(",")),
            name: pattern.clone(),
            name_pattern: pattern,
            limit: crate::common::clamp_limit(request.limit, LIST_MAX_LIMIT),
            offset: request.offset,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ListedObject {
    pub object_type: String,
    pub object_name: String,
    /// Documented only; the real server sends no description.
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ObjectList {
    pub package: String,
    /// Matching objects before paging.
    pub total: u32,
    pub limit: u32,
    pub offset: u32,
    pub objects: Vec<ListedObject>,
}

impl ObjectList {
    /// The offset of the next page, if the server has more.
    pub fn next_offset(&self) -> Option<u32> {
        let end = self
            .offset
            .saturating_add(u32::try_from(self.objects.len()).unwrap_or(u32::MAX));
        (!self.objects.is_empty() && end < self.total).then_some(end)
    }
}

/// Documented `{object, obj_name, description}`; as implemented `{TYPE, NAME}`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RawListedObject {
    #[serde(deserialize_with = "de::opt_text")]
    object: Option<String>,
    #[serde(rename = "type", deserialize_with = "de::opt_text")]
    kind: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    obj_name: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    name: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    description: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct RawObjectList {
    #[serde(deserialize_with = "de::text")]
    package: String,
    #[serde(deserialize_with = "de::opt_count")]
    total: Option<u32>,
    #[serde(deserialize_with = "de::count")]
    limit: u32,
    #[serde(deserialize_with = "de::count")]
    offset: u32,
    #[serde(deserialize_with = "de::list")]
    objects: Vec<RawListedObject>,
}

impl From<RawObjectList> for ObjectList {
    fn from(raw: RawObjectList) -> Self {
        let objects: Vec<ListedObject> = raw
            .objects
            .into_iter()
            .map(|o| ListedObject {
                object_type: o.kind.or(o.object).unwrap_or_default(),
                object_name: o.name.or(o.obj_name).unwrap_or_default(),
                description: o.description,
            })
            .collect();
        let count = u32::try_from(objects.len()).unwrap_or(u32::MAX);
        ObjectList {
            package: raw.package,
            total: raw
                .total
                .unwrap_or(count)
                .max(raw.offset.saturating_add(count)),
            limit: raw.limit,
            offset: raw.offset,
            objects,
        }
    }
}

/// `POST /view`: object definitions and source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ViewRequest {
    pub objects: Vec<String>,
    /// Needed for DOMA, DCLS, MSAG and FUGR; auto-detected otherwise.
    pub object_type: Option<String>,
    /// All source sections instead of the public section only.
    pub full: bool,
    /// FUGR: show this function module.
    pub function_module: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct ViewBody<'a> {
    objects: Vec<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    object_type: Option<String>,
    full: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    fm: Option<&'a str>,
}

impl<'a> ViewBody<'a> {
    pub fn new(request: &'a ViewRequest) -> Self {
        Self {
            objects: crate::common::object_names(&request.objects),
            object_type: crate::common::non_empty(&request.object_type).map(str::to_uppercase),
            full: request.full,
            fm: crate::common::non_empty(&request.function_module),
        }
    }
}

/// One include of a class (or the single section of another object).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct SourceSection {
    /// `CU`, `CO`, `CP`, `CM001`…, `CCDEF`, `CCIMP`, `CCAU`, `PROG`.
    #[serde(deserialize_with = "de::text")]
    pub suffix: String,
    #[serde(deserialize_with = "de::text")]
    pub description: String,
    #[serde(deserialize_with = "de::opt_text")]
    pub method_name: Option<String>,
    /// `locals_def`, `locals_imp`, `testclasses` when the section is its own git file.
    #[serde(deserialize_with = "de::opt_text")]
    pub file: Option<String>,
    #[serde(deserialize_with = "de::strings_keep_empty")]
    pub lines: Vec<String>,
}

/// A field of a table or structure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Component {
    #[serde(deserialize_with = "de::text")]
    pub field: String,
    #[serde(deserialize_with = "de::flag")]
    pub key: bool,
    #[serde(alias = "type", deserialize_with = "de::text")]
    pub data_type: String,
    #[serde(deserialize_with = "de::count")]
    pub length: u32,
    /// Decimal places of packed (`DEC`, `CURR`, `QUAN`) fields; 0 otherwise or when not sent.
    #[serde(deserialize_with = "de::count")]
    pub decimals: u32,
    #[serde(alias = "dataelement", deserialize_with = "de::text")]
    pub data_element: String,
    #[serde(deserialize_with = "de::text")]
    pub description: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ViewedObject {
    #[serde(deserialize_with = "de::text")]
    pub name: String,
    #[serde(alias = "type", deserialize_with = "de::text")]
    pub object_type: String,
    #[serde(deserialize_with = "de::text")]
    pub type_text: String,
    #[serde(deserialize_with = "de::text")]
    pub description: String,
    #[serde(alias = "devclass", deserialize_with = "de::opt_text")]
    pub package: Option<String>,
    #[serde(deserialize_with = "de::flag")]
    pub not_found: bool,
    /// Source joined with `\n` (public section only for classes without `full`).
    #[serde(deserialize_with = "de::opt_text")]
    pub source: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    pub definition: Option<String>,
    #[serde(deserialize_with = "de::list")]
    pub sections: Vec<SourceSection>,
    #[serde(deserialize_with = "de::list")]
    pub components: Vec<Component>,
    #[serde(deserialize_with = "de::opt_text")]
    pub domain: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    pub domain_type: Option<String>,
    #[serde(deserialize_with = "de::opt_count")]
    pub domain_length: Option<u32>,
    #[serde(deserialize_with = "de::opt_count")]
    pub domain_decimals: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ViewResult {
    #[serde(deserialize_with = "de::text")]
    pub message: String,
    #[serde(deserialize_with = "de::list")]
    pub objects: Vec<ViewedObject>,
}

/// `POST /where`: where-used list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct WhereUsedRequest {
    pub objects: Vec<String>,
    /// CLAS, INTF or PROG; auto-detected otherwise.
    pub object_type: Option<String>,
    /// Per object, 1..=200 (server default 50 documented, 100 as implemented).
    pub limit: Option<u32>,
    pub offset: u32,
}

#[derive(Serialize)]
pub(crate) struct WhereBody {
    objects: Vec<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    object_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    offset: u32,
}

impl WhereBody {
    pub fn new(request: &WhereUsedRequest) -> Self {
        Self {
            objects: crate::common::object_names(&request.objects),
            object_type: crate::common::non_empty(&request.object_type).map(str::to_uppercase),
            limit: crate::common::clamp_limit(request.limit, WHERE_MAX_LIMIT),
            offset: request.offset,
        }
    }
}

/// One place that uses the object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Reference {
    pub object_type: String,
    pub object_name: String,
    pub include: Option<String>,
    pub method_name: Option<String>,
    /// "Class Method", "Public Section", ... (as implemented only).
    pub include_type: Option<String>,
    pub package: Option<String>,
    /// Documented only.
    pub line: Option<u32>,
    pub program: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct WhereUsed {
    pub name: String,
    pub object_type: String,
    pub type_text: String,
    pub count: u32,
    pub not_found: bool,
    pub error: Option<String>,
    pub references: Vec<Reference>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct WhereUsedResult {
    pub message: String,
    pub objects: Vec<WhereUsed>,
    pub total_references: u32,
    pub pagination: Option<Pagination>,
}

/// Documented `{object: TYPE, obj_name, include, line, program}`;
/// as implemented `{OBJECT: NAME, OBJECT_TYPE, INCLUDE_NAME, METHOD_NAME, INCLUDE_TYPE, PACKAGE}`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct RawReference {
    #[serde(deserialize_with = "de::opt_text")]
    object: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    object_type: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    obj_name: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    include: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    include_name: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    method_name: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    include_type: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    package: Option<String>,
    #[serde(deserialize_with = "de::opt_line")]
    line: Option<u32>,
    #[serde(deserialize_with = "de::opt_text")]
    program: Option<String>,
}

impl From<RawReference> for Reference {
    fn from(raw: RawReference) -> Self {
        let (object_type, object_name) = if raw.obj_name.is_some() {
            (raw.object.or(raw.object_type), raw.obj_name)
        } else {
            (raw.object_type, raw.object)
        };
        Reference {
            object_type: object_type.unwrap_or_default(),
            object_name: object_name.unwrap_or_default(),
            include: raw.include.or(raw.include_name),
            method_name: raw.method_name,
            include_type: raw.include_type,
            package: raw.package,
            line: raw.line,
            program: raw.program,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawWhereUsed {
    #[serde(deserialize_with = "de::text")]
    name: String,
    #[serde(rename = "type", deserialize_with = "de::text")]
    object_type: String,
    #[serde(deserialize_with = "de::text")]
    type_text: String,
    #[serde(deserialize_with = "de::opt_count")]
    count: Option<u32>,
    #[serde(deserialize_with = "de::flag")]
    not_found: bool,
    #[serde(deserialize_with = "de::opt_text")]
    error: Option<String>,
    #[serde(deserialize_with = "de::list")]
    references: Vec<RawReference>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawWhereSummary {
    #[serde(deserialize_with = "de::count")]
    total_references: u32,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct RawWhereUsedResult {
    #[serde(deserialize_with = "de::text")]
    message: String,
    #[serde(deserialize_with = "de::list")]
    objects: Vec<RawWhereUsed>,
    #[serde(deserialize_with = "de::record")]
    summary: RawWhereSummary,
    #[serde(deserialize_with = "de::opt_record")]
    pagination: Option<Pagination>,
}

impl From<RawWhereUsedResult> for WhereUsedResult {
    fn from(raw: RawWhereUsedResult) -> Self {
        let objects: Vec<WhereUsed> = raw
            .objects
            .into_iter()
            .map(|o| {
                let references: Vec<Reference> =
                    o.references.into_iter().map(Reference::from).collect();
                let listed = u32::try_from(references.len()).unwrap_or(u32::MAX);
                // "Object not found: X" arrives as an error without the flag.
                let not_found = o.not_found
                    || o.error
                        .as_deref()
                        .is_some_and(|e| e.to_ascii_lowercase().contains("not found"));
                WhereUsed {
                    name: o.name,
                    object_type: o.object_type,
                    type_text: o.type_text,
                    count: o.count.unwrap_or(listed).max(listed),
                    not_found,
                    error: o.error,
                    references,
                }
            })
            .collect();
        let listed: u32 = objects.iter().map(|o| o.count).sum();
        WhereUsedResult {
            message: raw.message,
            total_references: raw.summary.total_references.max(listed),
            objects,
            pagination: raw.pagination,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{decode, normalize_keys};
    use serde_json::json;

    #[test]
    fn list_body_joins_types_and_sends_both_pattern_keys() {
        let request = ListRequest {
            package: "$my_pkg".into(),
            object_types: vec!["clas".into(), "INTF".into()],
            name_pattern: Some("ZCL_*".into()),
            limit: Some(5000),
            offset: 0,
        };
        let body = serde_json::to_value(ListBody::new(&request)).unwrap_or_default();
        assert_eq!(
            body,
            json!({"package": "$MY_PKG", "type": "CLAS,INTF", "name": "ZCL_*", "name_pattern": "ZCL_*", "limit": 1000, "offset": 0})
        );
    }

    #[test]
    fn list_both_shapes() {
        let documented: ObjectList = decode::<RawObjectList>(
            json!({"success": true, "package": "$P", "objects": [{"object": "CLAS", "obj_name": "ZCL_A", "description": "My Class"}],
                "total": 25, "limit": 1, "offset": 0, "error": ""}),
            "list",
        )
        .map(ObjectList::from)
        .unwrap_or_default();
        assert_eq!(documented.objects[0].object_type, "CLAS");
        assert_eq!(
            documented.objects[0].description.as_deref(),
            Some("My Class")
        );
        assert_eq!(documented.next_offset(), Some(1));
        let implemented: ObjectList = decode::<RawObjectList>(
            normalize_keys(json!({"SUCCESS": true, "COMMAND": "LIST", "PACKAGE": "$P", "TOTAL": "2", "LIMIT": 100, "OFFSET": 0,
                "OBJECTS": [{"TYPE": "CLAS", "NAME": "ZCL_A"}, {"TYPE": "INTF", "NAME": "ZIF_A"}], "BY_TYPE": [{"TYPE": "CLAS", "COUNT": 1}], "ERROR": ""})),
            "list",
        )
        .map(ObjectList::from)
        .unwrap_or_default();
        assert_eq!(implemented.total, 2);
        assert_eq!(implemented.objects[1].object_name, "ZIF_A");
        assert_eq!(implemented.next_offset(), None);
    }

    #[test]
    fn where_used_both_shapes() {
        let documented: WhereUsedResult = decode::<RawWhereUsedResult>(
            json!({"objects": [{"name": "ZIF_MY_INTERFACE", "type": "INTF", "type_text": "Interface",
                "references": [{"object": "CLAS", "obj_name": "ZCL_MY_CLASS", "include": "ZCL_MY_CLASS========CM001", "line": 5, "program": "ZCL_MY_CLASS"}],
                "count": 3, "not_found": false, "error": ""}], "summary": {"total": 1, "total_references": 8}}),
            "where",
        )
        .map(WhereUsedResult::from)
        .unwrap_or_default();
        let reference = &documented.objects[0].references[0];
        assert_eq!(
            (
                reference.object_type.as_str(),
                reference.object_name.as_str()
            ),
            ("CLAS", "ZCL_MY_CLASS")
        );
        assert_eq!(reference.line, Some(5));
        assert_eq!(documented.total_references, 8);
        assert_eq!(documented.objects[0].error, None);

        let implemented: WhereUsedResult = decode::<RawWhereUsedResult>(
            normalize_keys(json!({"SUCCESS": true, "OBJECTS": [{"NAME": "ZCL_A", "TYPE": "CLAS", "ERROR": "", "COUNT": 1,
                "REFERENCES": [{"OBJECT": "ZCL_USER", "OBJECT_TYPE": "CLAS", "INCLUDE_NAME": "ZCL_USER======CM002", "METHOD_NAME": "RUN", "INCLUDE_TYPE": "Class Method", "PACKAGE": "$P"}]},
                {"NAME": "ZCL_GONE", "TYPE": "CLAS", "ERROR": "Object not found: ZCL_GONE", "REFERENCES": [], "COUNT": 0}],
                "SUMMARY": {"TOTAL_OBJECTS": 2, "TOTAL_REFERENCES": 1},
                "PAGINATION": {"LIMIT": 100, "OFFSET": 0, "TOTAL": 1, "HAS_MORE": false, "NEXT_OFFSET": 0}})),
            "where",
        )
        .map(WhereUsedResult::from)
        .unwrap_or_default();
        let reference = &implemented.objects[0].references[0];
        assert_eq!(
            (
                reference.object_type.as_str(),
                reference.object_name.as_str()
            ),
            ("CLAS", "ZCL_USER")
        );
        assert_eq!(reference.include.as_deref(), Some("ZCL_USER======CM002"));
        assert!(implemented.objects[1].not_found);
        assert_eq!(implemented.pagination.map(|p| p.has_more), Some(false));
    }

    #[test]
    fn view_and_tree_both_shapes() {
        let view: ViewResult = decode(
            normalize_keys(json!({"SUCCESS": true, "OBJECTS": [{"NAME": "SFLIGHT", "TYPE": "TABL", "DEVCLASS": "SAPBC", "NOT_FOUND": false,
                "COMPONENTS": [{"FIELD": "MANDT", "KEY": true, "TYPE": "CLNT", "LENGTH": "3", "DATAELEMENT": "MANDT", "DESCRIPTION": "Client"},
                    {"FIELD": "PRICE", "KEY": false, "TYPE": "CURR", "LENGTH": 15, "DECIMALS": "2"}],
                "SECTIONS": [{"SUFFIX": "CU", "LINES": ["CLASS x.", ""]}]}]})),
            "view",
        )
        .unwrap_or_default();
        let object = &view.objects[0];
        assert_eq!(object.package.as_deref(), Some("SAPBC"));
        assert_eq!(object.components[0].length, 3);
        assert_eq!(object.components[0].data_element, "MANDT");
        assert_eq!(
            object.components[0].decimals, 0,
            "absent decimals read as 0"
        );
        assert_eq!(object.components[1].decimals, 2);
        let documented: ViewResult = decode(
            json!({"success": true, "objects": [{"name": "SFLIGHT", "type": "TABL",
                "components": [{"field": "PRICE", "type": "CURR", "length": 16, "decimals": 2}]}]}),
            "view",
        )
        .unwrap_or_default();
        assert_eq!(documented.objects[0].components[0].decimals, 2);
        assert_eq!(
            object.sections[0].lines.len(),
            2,
            "empty source lines are kept"
        );
        let tree: PackageTree = decode(
            json!({"success": true, "package": "$P", "parent_package": "", "nodes": [{"package": "$P", "parent": "", "depth": 0, "object_count": 10}],
                "total_packages": 1, "total_objects": 15, "objects": [{"object": "CLAS", "count": 8}]}),
            "tree",
        )
        .unwrap_or_default();
        assert_eq!(tree.parent_package, None);
        assert_eq!(tree.object_counts[0].object_type, "CLAS");
        assert_eq!(tree.object_counts[0].count, 8);
    }
}
