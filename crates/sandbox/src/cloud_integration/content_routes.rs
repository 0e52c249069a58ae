//! Integration content: packages, design-time artifacts and their configurations and
//! downloads, deploy and its status, runtime artifacts, service endpoints.

use std::time::Instant;

use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value};

use super::content::{
    error_information, Artifact, Configuration, Content, Kind, Package, Phase, Runtime,
};
use super::errors::ApiError;
use super::filter::{Kind as FieldKind, Logical, Rules, EQ, EQ_NE};
use super::metadata;
use super::odata::{
    collection_response, date, entity_response, media_response, quoted, results, text_response,
    Call, EntityBuilder,
};
use super::query::{self, ListQuery, SetRules};
use super::routes::{function_parameter, string_keys, Segment};
use super::seed::Outcome;
use super::zips;

const RUNTIME_FILTER: Rules = Rules {
    type_name: "com.sap.hci.api.IntegrationRuntimeArtifact",
    properties: &[
        ("Id", FieldKind::Str, EQ),
        ("Version", FieldKind::Str, EQ),
        ("Name", FieldKind::Str, EQ),
        ("Type", FieldKind::Str, EQ),
        ("DeployedBy", FieldKind::Str, EQ),
        ("Status", FieldKind::Str, EQ),
    ],
    not_filterable: &["DeployedOn"],
    functions: false,
    logical: Logical::OrOnly,
};

const RUNTIME_RULES: SetRules = SetRules {
    filter: Some(&RUNTIME_FILTER),
    orderby: &[
        "Id",
        "Id desc",
        "Version",
        "Version desc",
        "Name",
        "Name desc",
        "Type",
        "Type desc",
        "DeployedBy",
        "DeployedBy desc",
        "DeployedOn",
        "DeployedOn desc",
        "Status",
        "Status desc",
    ],
    ..SetRules::plain("IntegrationRuntimeArtifacts")
};

const CONFIGURATION_FILTER: Rules = Rules {
    type_name: "com.sap.hci.api.Configuration",
    properties: &[
        ("ParameterKey", FieldKind::Str, EQ_NE),
        ("ParameterValue", FieldKind::Str, EQ_NE),
        ("DataType", FieldKind::Str, EQ_NE),
        ("Description", FieldKind::Str, EQ_NE),
    ],
    not_filterable: &[],
    functions: true,
    logical: Logical::AndOr,
};

const CONFIGURATION_RULES: SetRules = SetRules {
    filter: Some(&CONFIGURATION_FILTER),
    orderby: &["ParameterKey", "ParameterKey desc"],
    paging: false,
    ..SetRules::plain("Configurations")
};

const ENDPOINT_FILTER: Rules = Rules {
    type_name: "com.sap.hci.api.ServiceEndpoint",
    properties: &[
        ("Name", FieldKind::Str, EQ),
        ("Id", FieldKind::Str, EQ),
        ("Title", FieldKind::Str, EQ),
        ("Version", FieldKind::Str, EQ),
        ("Protocol", FieldKind::Str, EQ),
    ],
    not_filterable: &["LastUpdated", "Summary", "Description"],
    functions: false,
    logical: Logical::AndOr,
};

const ENDPOINT_RULES: SetRules = SetRules {
    filter: Some(&ENDPOINT_FILTER),
    expand: &["EntryPoints", "ApiDefinitions"],
    ..SetRules::plain("ServiceEndpoints")
};

const PACKAGE_RULES: SetRules = SetRules::plain("IntegrationPackages");

/// Package navigations to its artifacts.
const PACKAGE_ARTIFACT_RULES: SetRules = SetRules {
    paging: false,
    ..SetRules::plain("IntegrationPackages")
};

/// `/ValueMappingDesigntimeArtifacts` and `/MessageMappingDesigntimeArtifacts` (by name).
const MAPPING_LIST_RULES: SetRules = SetRules {
    orderby: &["Name", "Name desc"],
    ..SetRules::plain("DesigntimeArtifacts")
};

/// Routes the integration content resources; `None` for resources of other modules.
pub(crate) fn route(
    content: &mut Content,
    call: &Call,
    first: &Segment<'_>,
    rest: &[&str],
    now: Instant,
) -> Result<Option<Response>, ApiError> {
    let read = call.is_read();
    let method = call.method.clone();
    let response = match (first.name, first.key, rest) {
        ("IntegrationPackages", None, []) if read => list_packages(content, call)?,
        ("IntegrationPackages", None, []) if method == Method::POST => {
            create_package(content, call)?
        }
        ("IntegrationPackages", None, ["$count"]) if read => {
            text_response(StatusCode::OK, content.packages.len().to_string())
        }
        ("IntegrationPackages", Some(key), rest) => {
            package_resource(content, call, key, rest, now)?
        }
        (set, None, []) if Kind::from_set(set).is_some() => {
            let kind = Kind::from_set(set).unwrap_or(Kind::IntegrationFlow);
            match method {
                Method::POST => create_artifact(content, call, kind)?,
                Method::GET | Method::HEAD
                    if matches!(kind, Kind::ValueMapping | Kind::MessageMapping) =>
                {
                    list_all_artifacts(content, call, kind)?
                }
                _ => return Err(ApiError::method_not_allowed(method.as_str(), set)),
            }
        }
        (set, Some(key), rest) if Kind::from_set(set).is_some() => {
            let kind = Kind::from_set(set).unwrap_or(Kind::IntegrationFlow);
            artifact_resource(content, call, kind, key, rest)?
        }
        (name, None, []) if Kind::from_deploy_function(name).is_some() => {
            if method != Method::POST {
                return Err(ApiError::method_not_allowed(method.as_str(), name));
            }
            let kind = Kind::from_deploy_function(name).unwrap_or(Kind::IntegrationFlow);
            deploy(content, call, kind, now)?
        }
        ("IntegrationDesigntimeArtifactSaveAsVersion", None, []) => {
            if method != Method::POST {
                return Err(ApiError::method_not_allowed(method.as_str(), first.name));
            }
            save_as_version(content, call)?
        }
        ("BuildAndDeployStatus", Some(key), []) if read => {
            let [task_id] = <[String; 1]>::try_from(string_keys(key, &["TaskId"])?)
                .map_err(|_| ApiError::bad_request("Invalid key predicate"))?;
            let status = content.task_status(&task_id, now).ok_or_else(|| {
                ApiError::not_found(format!("Task with Id '{task_id}' does not exist."))
            })?;
            let entity = EntityBuilder::new(
                &call.root,
                metadata::of_set("BuildAndDeployStatus"),
                format!("BuildAndDeployStatus(TaskId={})", quoted(&task_id)),
            )
            .prop("TaskId", task_id)
            .prop("Status", status)
            .build();
            entity_response(call, StatusCode::OK, entity)
        }
        ("IntegrationRuntimeArtifacts", None, []) if read => list_runtime(content, call)?,
        ("IntegrationRuntimeArtifacts", None, ["$count"]) if read => {
            let query = query::parse(call, &RUNTIME_RULES)?;
            let count = content
                .runtime
                .iter()
                .filter(|r| query.keep(&runtime_entity(call, r)))
                .count();
            text_response(StatusCode::OK, count.to_string())
        }
        ("IntegrationRuntimeArtifacts", Some(key), rest) => {
            runtime_resource(content, call, key, rest, now)?
        }
        ("ServiceEndpoints", None, []) if read => list_endpoints(content, call)?,
        ("ServiceEndpoints", None, ["$count"]) if read => {
            let count = content.runtime.iter().filter(|r| has_endpoint(r)).count();
            text_response(StatusCode::OK, count.to_string())
        }
        (
            "IntegrationPackages"
            | "IntegrationRuntimeArtifacts"
            | "ServiceEndpoints"
            | "BuildAndDeployStatus",
            _,
            _,
        ) => return Err(ApiError::method_not_allowed(method.as_str(), first.name)),
        _ => return Ok(None),
    };
    Ok(Some(response))
}

/// A stable resource id of a package, as the tenant's 32-hex `ResourceId`.
fn resource_id(id: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in id.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!(
        "{hash:016x}{:016x}",
        hash.rotate_left(17) ^ 0x5bd1_e995_5bd1_e995
    )
}

fn package_entity(call: &Call, package: &Package) -> Value {
    EntityBuilder::new(
        &call.root,
        metadata::of_set("IntegrationPackages"),
        format!("IntegrationPackages({})", quoted(&package.id)),
    )
    .prop("Id", package.id.clone())
    .prop("Name", package.name.clone())
    .prop("ResourceId", resource_id(&package.id))
    .prop("Description", package.description.clone())
    .prop("ShortText", package.short_text.clone())
    .prop("Version", package.version.clone())
    .prop("Vendor", package.vendor.clone())
    .prop("PartnerContent", false)
    .prop("UpdateAvailable", false)
    .prop("Mode", package.mode.clone())
    .prop("SupportedPlatform", "SAP Cloud Integration")
    .prop("ModifiedBy", package.modified_by.clone())
    // Epoch milliseconds as strings, unlike every other date of the API.
    .prop("CreationDate", package.created_ms.to_string())
    .prop("ModifiedDate", package.modified_ms.to_string())
    .prop("CreatedBy", package.created_by.clone())
    .prop("Products", package.products.clone())
    .prop("Keywords", package.keywords.clone())
    .prop("Countries", package.countries.clone())
    .prop("Industries", package.industries.clone())
    .prop("LineOfBusiness", package.line_of_business.clone())
    .prop("PackageContent", Value::Null)
    .build()
}

fn list_packages(content: &Content, call: &Call) -> Result<Response, ApiError> {
    let query = query::parse(call, &PACKAGE_RULES)?;
    let entities: Vec<Value> = content
        .packages
        .iter()
        .map(|p| package_entity(call, p))
        .collect();
    Ok(page(
        call,
        "IntegrationPackages",
        &query,
        entities,
        PACKAGE_RULES.page_size,
    ))
}

/// Applies filter and order to built entities and cuts the page.
fn page(
    call: &Call,
    path: &str,
    query: &ListQuery,
    entities: Vec<Value>,
    page_size: usize,
) -> Response {
    let mut kept: Vec<Value> = entities.into_iter().filter(|e| query.keep(e)).collect();
    query.sort(&mut kept);
    let total = kept.len();
    let (range, next) = query.page(total, page_size);
    let rows: Vec<Value> = kept.drain(range).collect();
    let next = next.map(|token| query::next_link(call, path, token));
    collection_response(call, path, rows, query.inlinecount.then_some(total), next)
}

fn text_field(body: &Map<String, Value>, name: &str) -> Option<String> {
    body.get(name).and_then(Value::as_str).map(str::to_owned)
}

/// Ids the tenant accepts for packages and artifacts.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
}

fn create_package(content: &mut Content, call: &Call) -> Result<Response, ApiError> {
    let body = call.json_body()?;
    let name = text_field(&body, "Name")
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| ApiError::bad_request("Mandatory property 'Name' is missing."))?;
    let short_text = text_field(&body, "ShortText")
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| ApiError::bad_request("Mandatory property 'ShortText' is missing."))?;
    let id = text_field(&body, "Id")
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| name.chars().filter(char::is_ascii_alphanumeric).collect());
    if !valid_id(&id) {
        return Err(ApiError::bad_request(format!(
            "Invalid package Id '{id}': use letters, digits, '_', '.' and '-' only."
        )));
    }
    if content.package(&id).is_some() {
        return Err(ApiError::conflict(format!(
            "Integration package with Id '{id}' already exists."
        )));
    }
    let package = Package {
        id: id.clone(),
        name,
        short_text,
        description: text_field(&body, "Description").unwrap_or_default(),
        version: text_field(&body, "Version").unwrap_or_else(|| "1.0.0".to_owned()),
        vendor: text_field(&body, "Vendor").unwrap_or_default(),
        mode: "EDIT_ALLOWED".to_owned(),
        products: text_field(&body, "Products").unwrap_or_default(),
        keywords: text_field(&body, "Keywords").unwrap_or_default(),
        countries: text_field(&body, "Countries").unwrap_or_default(),
        industries: text_field(&body, "Industries").unwrap_or_default(),
        line_of_business: text_field(&body, "LineOfBusiness").unwrap_or_default(),
        created_by: call.principal.clone(),
        created_ms: call.now_ms,
        modified_by: call.principal.clone(),
        modified_ms: call.now_ms,
        deleting_since: None,
    };
    let entity = package_entity(call, &package);
    content.packages.push(package);
    let mut response = entity_response(call, StatusCode::CREATED, entity);
    if let Ok(location) = HeaderValue::from_str(&format!(
        "{}IntegrationPackages({})",
        call.root,
        quoted(&id)
    )) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

fn package_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!(
        "Integration package with Id '{id}' does not exist."
    ))
}

fn package_resource(
    content: &mut Content,
    call: &Call,
    key: &str,
    rest: &[&str],
    now: Instant,
) -> Result<Response, ApiError> {
    let [id] = <[String; 1]>::try_from(string_keys(key, &["Id"])?)
        .map_err(|_| ApiError::bad_request("Invalid key predicate"))?;
    let package = content
        .package(&id)
        .cloned()
        .ok_or_else(|| package_not_found(&id))?;
    match (&call.method, rest) {
        (&Method::GET | &Method::HEAD, []) => Ok(entity_response(
            call,
            StatusCode::OK,
            package_entity(call, &package),
        )),
        (&Method::PUT, []) => {
            let body = call.json_body()?;
            if let Some(stored) = content.packages.iter_mut().find(|p| p.id == id) {
                for (field, target) in [
                    ("Name", &mut stored.name),
                    ("ShortText", &mut stored.short_text),
                    ("Description", &mut stored.description),
                    ("Version", &mut stored.version),
                    ("Products", &mut stored.products),
                    ("Keywords", &mut stored.keywords),
                    ("Countries", &mut stored.countries),
                    ("Industries", &mut stored.industries),
                    ("LineOfBusiness", &mut stored.line_of_business),
                ] {
                    if let Some(value) = text_field(&body, field) {
                        *target = value;
                    }
                }
                stored.modified_by = call.principal.clone();
                stored.modified_ms = call.now_ms;
            }
            Ok(text_response(StatusCode::ACCEPTED, ""))
        }
        (&Method::DELETE, []) => {
            if let Some(stored) = content.packages.iter_mut().find(|p| p.id == id) {
                stored.deleting_since.get_or_insert(now);
            }
            Ok(text_response(StatusCode::ACCEPTED, ""))
        }
        (&Method::GET | &Method::HEAD, ["$value"]) => {
            let artifacts: Vec<&Artifact> = content
                .artifacts
                .iter()
                .filter(|a| a.package_id == id)
                .collect();
            let bytes = zips::package_zip(&package, &artifacts)?;
            Ok(media_response(
                bytes,
                "application/zip",
                Some(&format!("{id}.zip")),
            ))
        }
        (&Method::GET | &Method::HEAD, [set]) if Kind::from_set(set).is_some() => {
            let kind = Kind::from_set(set).unwrap_or(Kind::IntegrationFlow);
            let query = query::parse(call, &PACKAGE_ARTIFACT_RULES)?;
            let entities: Vec<Value> = content
                .artifacts
                .iter()
                .filter(|a| a.kind == kind && a.package_id == id)
                .map(|a| artifact_entity(call, a))
                .collect();
            let path = format!("IntegrationPackages({})/{set}", quoted(&id));
            Ok(page(
                call,
                &path,
                &query,
                entities,
                PACKAGE_ARTIFACT_RULES.page_size,
            ))
        }
        (&Method::GET | &Method::HEAD, ["CustomTags"]) => Ok(collection_response(
            call,
            &format!("IntegrationPackages({})/CustomTags", quoted(&id)),
            Vec::new(),
            None,
            None,
        )),
        (method, []) => Err(ApiError::method_not_allowed(
            method.as_str(),
            "IntegrationPackages",
        )),
        (_, [other, ..]) => Err(ApiError::unknown_segment(other)),
    }
}

fn artifact_key(artifact: &Artifact) -> String {
    format!(
        "{}(Id={},Version={})",
        artifact.kind.set(),
        quoted(&artifact.id),
        quoted(&artifact.version)
    )
}

fn artifact_entity(call: &Call, artifact: &Artifact) -> Value {
    let mut builder = EntityBuilder::new(
        &call.root,
        metadata::of_set(artifact.kind.set()),
        artifact_key(artifact),
    )
    .prop("Id", artifact.id.clone())
    .prop("Version", artifact.version.clone())
    .prop("PackageId", artifact.package_id.clone())
    .prop("Name", artifact.name.clone())
    .prop("Description", artifact.description.clone());
    if artifact.kind == Kind::IntegrationFlow {
        builder = builder
            .prop("Sender", artifact.sender.clone())
            .prop("Receiver", artifact.receiver.clone());
    }
    builder
        .prop("CreatedBy", artifact.created_by.clone())
        .prop("CreatedAt", date(artifact.created_ms))
        .prop("ModifiedBy", artifact.modified_by.clone())
        .prop("ModifiedAt", date(artifact.modified_ms))
        .prop("ArtifactContent", Value::Null)
        .build()
}

fn list_all_artifacts(content: &Content, call: &Call, kind: Kind) -> Result<Response, ApiError> {
    let rules = SetRules {
        set: kind.set(),
        ..MAPPING_LIST_RULES
    };
    let query = query::parse(call, &rules)?;
    let mut artifacts: Vec<&Artifact> = content
        .artifacts
        .iter()
        .filter(|a| a.kind == kind)
        .collect();
    // Default order: by name ascending.
    artifacts.sort_by(|a, b| a.name.cmp(&b.name));
    let entities = artifacts
        .into_iter()
        .map(|a| artifact_entity(call, a))
        .collect();
    Ok(page(call, kind.set(), &query, entities, rules.page_size))
}

fn artifact_not_found(kind: Kind, id: &str, version: &str) -> ApiError {
    ApiError::not_found(format!(
        "{} with Id '{id}' and version '{version}' does not exist.",
        kind.label()
    ))
}

fn create_artifact(content: &mut Content, call: &Call, kind: Kind) -> Result<Response, ApiError> {
    let body = call.json_body()?;
    let name = text_field(&body, "Name")
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| ApiError::bad_request("Mandatory property 'Name' is missing."))?;
    let package_id = text_field(&body, "PackageId")
        .ok_or_else(|| ApiError::bad_request("Mandatory property 'PackageId' is missing."))?;
    let id = text_field(&body, "Id")
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| name.replace(' ', "_"));
    if !valid_id(&id) {
        return Err(ApiError::bad_request(format!(
            "Invalid artifact Id '{id}'."
        )));
    }
    let Some(package) = content.package(&package_id) else {
        return Err(package_not_found(&package_id));
    };
    if package.mode == "READ_ONLY" {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!(
                "Integration package '{package_id}' is configure-only; artifacts cannot be added."
            ),
        ));
    }
    if content.artifacts.iter().any(|a| a.id == id) {
        // The tenant answers a duplicate id with a server error, not 409.
        return Err(ApiError::internal(format!(
            "Artifact with Id '{id}' already exists in the tenant."
        )));
    }
    let artifact = Artifact {
        kind,
        id,
        version: "1.0.0".to_owned(),
        package_id,
        name,
        description: text_field(&body, "Description").unwrap_or_default(),
        sender: String::new(),
        receiver: String::new(),
        created_by: call.principal.clone(),
        created_ms: call.now_ms,
        modified_by: call.principal.clone(),
        modified_ms: call.now_ms,
        configurations: Vec::new(),
        outcome: Outcome::Starts,
        endpoint: None,
    };
    let entity = artifact_entity(call, &artifact);
    content.artifacts.push(artifact);
    Ok(entity_response(call, StatusCode::CREATED, entity))
}

fn artifact_resource(
    content: &mut Content,
    call: &Call,
    kind: Kind,
    key: &str,
    rest: &[&str],
) -> Result<Response, ApiError> {
    let keys = string_keys(key, &["Id", "Version"])?;
    let (id, version) = (keys[0].clone(), keys[1].clone());
    let artifact = content
        .artifact(kind, &id, &version)
        .cloned()
        .ok_or_else(|| artifact_not_found(kind, &id, &version))?;
    let read = call.is_read();
    match (&call.method, rest) {
        (_, []) if read => Ok(entity_response(
            call,
            StatusCode::OK,
            artifact_entity(call, &artifact),
        )),
        (&Method::DELETE, []) => {
            content
                .artifacts
                .retain(|a| !(a.kind == kind && a.id == id));
            Ok(text_response(StatusCode::OK, ""))
        }
        (&Method::PUT, []) if kind != Kind::ValueMapping => {
            let body = call.json_body()?;
            if let Some(stored) = content.artifact_mut(kind, &id, &version) {
                if let Some(name) = text_field(&body, "Name") {
                    stored.name = name;
                }
                if let Some(description) = text_field(&body, "Description") {
                    stored.description = description;
                }
                stored.modified_by = call.principal.clone();
                stored.modified_ms = call.now_ms;
            }
            Ok(text_response(StatusCode::OK, ""))
        }
        (_, ["$value"]) if read => {
            let configure_only = content
                .package(&artifact.package_id)
                .is_some_and(|p| p.mode == "READ_ONLY");
            if configure_only {
                return Err(ApiError::bad_request(
                    "Cannot download the artifact from a configure only package.",
                ));
            }
            let bytes = zips::artifact_zip(&artifact)?;
            Ok(media_response(
                bytes,
                "application/zip",
                Some(&format!("{id}.zip")),
            ))
        }
        (_, ["Configurations"]) if read && kind == Kind::IntegrationFlow => {
            let query = query::parse(call, &CONFIGURATION_RULES)?;
            let entities = artifact
                .configurations
                .iter()
                .map(|c| configuration_entity(call, &artifact, c))
                .collect();
            let path = format!("{}/Configurations", artifact_key(&artifact));
            Ok(page(
                call,
                &path,
                &query,
                entities,
                CONFIGURATION_RULES.page_size,
            ))
        }
        (_, ["Configurations", "$count"]) if read && kind == Kind::IntegrationFlow => Ok(
            text_response(StatusCode::OK, artifact.configurations.len().to_string()),
        ),
        (&Method::PUT, ["$links", link]) if kind == Kind::IntegrationFlow => {
            update_configuration(content, call, &artifact, link)
        }
        (_, ["Resources"]) if read => Ok(collection_response(
            call,
            &format!("{}/Resources", artifact_key(&artifact)),
            Vec::new(),
            None,
            None,
        )),
        (method, []) => Err(ApiError::method_not_allowed(method.as_str(), kind.set())),
        (_, [other, ..]) => Err(ApiError::unknown_segment(other)),
    }
}

fn configuration_entity(call: &Call, artifact: &Artifact, configuration: &Configuration) -> Value {
    EntityBuilder::new(
        &call.root,
        metadata::of_set("Configurations"),
        format!(
            "{}/$links/Configurations({})",
            artifact_key(artifact),
            quoted(&configuration.key)
        ),
    )
    .prop("ParameterKey", configuration.key.clone())
    .prop("ParameterValue", configuration.value.clone())
    .prop("DataType", configuration.data_type.clone())
    .prop("Description", configuration.description.clone())
    .build()
}

/// `PUT …/$links/Configurations('Key')` with `{"ParameterValue": …, "DataType": …}`: 202.
fn update_configuration(
    content: &mut Content,
    call: &Call,
    artifact: &Artifact,
    link: &str,
) -> Result<Response, ApiError> {
    let segment = super::routes::segment(link)?;
    if segment.name != "Configurations" {
        return Err(ApiError::unknown_segment(segment.name));
    }
    let key = segment
        .key
        .ok_or_else(|| ApiError::bad_request("The configuration parameter key is missing."))?;
    let [parameter] = <[String; 1]>::try_from(string_keys(key, &["ParameterKey"])?)
        .map_err(|_| ApiError::bad_request("Invalid key predicate"))?;
    let body = call.json_body()?;
    let value = match body.get("ParameterValue") {
        Some(Value::String(value)) => value.clone(),
        Some(_) => return Err(ApiError::bad_request("ParameterValue must be a string.")),
        None => {
            return Err(ApiError::bad_request(
                "Mandatory property 'ParameterValue' is missing.",
            ))
        }
    };
    let stored = content
        .artifact_mut(artifact.kind, &artifact.id, &artifact.version)
        .ok_or_else(|| artifact_not_found(artifact.kind, &artifact.id, &artifact.version))?;
    let Some(configuration) = stored
        .configurations
        .iter_mut()
        .find(|c| c.key == parameter)
    else {
        return Err(ApiError::not_found(format!(
            "Configuration parameter '{parameter}' does not exist in integration flow '{}'.",
            artifact.id
        )));
    };
    if configuration.data_type == "xsd:integer" && value.parse::<i64>().is_err() {
        return Err(ApiError::bad_request(format!(
            "Value '{value}' of parameter '{parameter}' is not of type xsd:integer."
        )));
    }
    if configuration.data_type == "xsd:boolean" && !matches!(value.as_str(), "true" | "false") {
        return Err(ApiError::bad_request(format!(
            "Value '{value}' of parameter '{parameter}' is not of type xsd:boolean."
        )));
    }
    configuration.value = value;
    if let Some(Value::String(data_type)) = body.get("DataType") {
        configuration.data_type = data_type.clone();
    }
    stored.modified_by = call.principal.clone();
    stored.modified_ms = call.now_ms;
    Ok(text_response(StatusCode::ACCEPTED, ""))
}

/// `POST /DeployIntegrationDesigntimeArtifact?Id='x'&Version='active'`: 202 with the task id.
fn deploy(
    content: &mut Content,
    call: &Call,
    kind: Kind,
    now: Instant,
) -> Result<Response, ApiError> {
    let id = function_parameter(call, "Id")?;
    let version = function_parameter(call, "Version")?;
    let artifact = content
        .artifact(kind, &id, &version)
        .cloned()
        .ok_or_else(|| artifact_not_found(kind, &id, &version))?;
    let task = content.deploy(&artifact, &call.principal, now, call.now_ms);
    tracing::info!(artifact = %id, task = %task, "cloud integration: deploy started");
    Ok(text_response(StatusCode::ACCEPTED, task))
}

/// `x.y.z` with numbers.
fn version_numbers(version: &str) -> Option<Vec<u64>> {
    let parts: Option<Vec<u64>> = version.split('.').map(|p| p.parse().ok()).collect();
    parts.filter(|p| p.len() == 3)
}

/// `POST /IntegrationDesigntimeArtifactSaveAsVersion?Id='x'&SaveAsVersion='1.0.6'`: the flow
/// gets the new version, which must be higher than its current one.
fn save_as_version(content: &mut Content, call: &Call) -> Result<Response, ApiError> {
    let id = function_parameter(call, "Id")?;
    let version = function_parameter(call, "SaveAsVersion")?;
    let kind = Kind::IntegrationFlow;
    let current = content
        .artifact(kind, &id, "active")
        .map(|a| a.version.clone())
        .ok_or_else(|| artifact_not_found(kind, &id, "active"))?;
    let (Some(new), Some(old)) = (version_numbers(&version), version_numbers(&current)) else {
        return Err(ApiError::bad_request(format!(
            "Version '{version}' is not valid: use major.minor.micro, e.g. 1.0.6."
        )));
    };
    if new <= old {
        return Err(ApiError::bad_request(format!(
            "Version '{version}' must be higher than the current version '{current}'."
        )));
    }
    let stored = content
        .artifact_mut(kind, &id, "active")
        .ok_or_else(|| artifact_not_found(kind, &id, "active"))?;
    stored.version = version;
    stored.modified_by = call.principal.clone();
    stored.modified_ms = call.now_ms;
    let entity = artifact_entity(call, stored);
    Ok(entity_response(call, StatusCode::OK, entity))
}

fn runtime_entity(call: &Call, runtime: &Runtime) -> Value {
    EntityBuilder::new(
        &call.root,
        metadata::of_set("IntegrationRuntimeArtifacts"),
        format!("IntegrationRuntimeArtifacts({})", quoted(&runtime.id)),
    )
    .prop("Id", runtime.id.clone())
    .prop("Version", runtime.version.clone())
    .prop("Name", runtime.name.clone())
    .prop("Type", runtime.kind.runtime_type())
    .prop("DeployedBy", runtime.deployed_by.clone())
    .prop("DeployedOn", date(runtime.deployed_ms))
    .prop("Status", runtime.phase.status())
    .build()
}

fn list_runtime(content: &Content, call: &Call) -> Result<Response, ApiError> {
    let query = query::parse(call, &RUNTIME_RULES)?;
    let entities = content
        .runtime
        .iter()
        .map(|r| runtime_entity(call, r))
        .collect();
    Ok(page(
        call,
        "IntegrationRuntimeArtifacts",
        &query,
        entities,
        RUNTIME_RULES.page_size,
    ))
}

fn runtime_not_found(id: &str) -> ApiError {
    ApiError::not_found(format!(
        "Integration artifact with Id '{id}' is not deployed."
    ))
}

fn runtime_resource(
    content: &mut Content,
    call: &Call,
    key: &str,
    rest: &[&str],
    now: Instant,
) -> Result<Response, ApiError> {
    let [id] = <[String; 1]>::try_from(string_keys(key, &["Id"])?)
        .map_err(|_| ApiError::bad_request("Invalid key predicate"))?;
    let runtime = content
        .runtime(&id)
        .cloned()
        .ok_or_else(|| runtime_not_found(&id))?;
    let read = call.is_read();
    match (&call.method, rest) {
        (_, []) if read => Ok(entity_response(
            call,
            StatusCode::OK,
            runtime_entity(call, &runtime),
        )),
        (&Method::DELETE, []) => {
            if content.undeploy(&id, now) {
                Ok(text_response(StatusCode::ACCEPTED, ""))
            } else {
                Err(runtime_not_found(&id))
            }
        }
        (_, ["ErrorInformation"]) if read => {
            let entity = EntityBuilder::new(
                &call.root,
                metadata::of_set("RuntimeArtifactErrorInformations"),
                format!("RuntimeArtifactErrorInformations({})", quoted(&id)),
            )
            .media_type("application/json")
            .prop("Id", id.clone())
            .build();
            Ok(entity_response(call, StatusCode::OK, entity))
        }
        (_, ["ErrorInformation", "$value"]) if read => match &runtime.phase {
            Phase::Error(cause) => Ok(media_response(
                error_information(cause).into_bytes(),
                "application/json",
                None,
            )),
            _ => Err(ApiError::not_found(format!(
                "No error information available for integration artifact '{id}'."
            ))),
        },
        (method, []) => Err(ApiError::method_not_allowed(
            method.as_str(),
            "IntegrationRuntimeArtifacts",
        )),
        (_, [other, ..]) => Err(ApiError::unknown_segment(other)),
    }
}

/// Only started flows listen on their endpoints.
fn has_endpoint(runtime: &Runtime) -> bool {
    runtime.endpoint.is_some() && runtime.phase == Phase::Started
}

fn list_endpoints(content: &Content, call: &Call) -> Result<Response, ApiError> {
    let query = query::parse(call, &ENDPOINT_RULES)?;
    // Flows are called on the tenant's runtime host; the sandbox serves both on one port.
    let runtime_host = call
        .root
        .trim_end_matches('/')
        .trim_end_matches(super::API_PATH);
    let entities = content
        .runtime
        .iter()
        .filter(|r| has_endpoint(r))
        .filter_map(|runtime| {
            let (protocol, path) = runtime.endpoint?;
            let url = format!("{runtime_host}{path}");
            let endpoint_id = format!(
                "{}$endpointAddress={}",
                runtime.id,
                path.trim_start_matches('/')
            );
            let mut builder = EntityBuilder::new(
                &call.root,
                metadata::of_set("ServiceEndpoints"),
                format!("ServiceEndpoints({})", quoted(&endpoint_id)),
            )
            .prop("Name", runtime.name.clone())
            .prop("Id", endpoint_id)
            .prop("Title", runtime.name.clone())
            .prop("Version", runtime.version.clone())
            .prop("Summary", runtime.name.clone())
            .prop("Description", "")
            .prop("LastUpdated", date(runtime.deployed_ms))
            .prop("Protocol", protocol);
            if query.expands("EntryPoints") {
                let entry = EntityBuilder::new(
                    &call.root,
                    metadata::of_set("EntryPoints"),
                    format!("EntryPoints({})", quoted(&url)),
                )
                .prop("Name", runtime.id.clone())
                .prop("Url", url.clone())
                .prop("Type", "PROD")
                .prop("AdditionalInformation", "")
                .build();
                builder = builder.expand("EntryPoints", results(vec![entry]));
            }
            if query.expands("ApiDefinitions") {
                let definitions = if protocol == "SOAP" {
                    let wsdl = format!("{url}?wsdl");
                    vec![EntityBuilder::new(
                        &call.root,
                        metadata::of_set("APIDefinitions"),
                        format!("APIDefinitions({})", quoted(&wsdl)),
                    )
                    .prop("Url", wsdl)
                    .prop("Name", "WSDL")
                    .build()]
                } else {
                    Vec::new()
                };
                builder = builder.expand("ApiDefinitions", results(definitions));
            }
            Some(builder.build())
        })
        .collect();
    Ok(page(
        call,
        "ServiceEndpoints",
        &query,
        entities,
        ENDPOINT_RULES.page_size,
    ))
}
