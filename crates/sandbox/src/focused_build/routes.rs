//! Request handling: which resource a path names, and what each method does with it.

use std::sync::{Arc, Mutex, MutexGuard};

use axum::body::{to_bytes, Bytes};
use axum::extract::{OriginalUri, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use serde_json::{json, Value};

use super::atom;
use super::batch;
use super::errors::ServiceError;
use super::metadata::{edmx, property_names, service_document};
use super::path::{guid_of, key_predicate, literal, segment, string_of, Literal};
use super::store::WorkItemStore;
use super::wire::{Wire, NAVIGATIONS};
use crate::session::Logon;

/// Largest request body read (base64 attachments included).
const MAX_BODY: usize = 16 * 1024 * 1024;

pub(crate) struct Service {
    pub store: Mutex<WorkItemStore>,
    /// How many work items a reset brings back.
    pub seeded_count: usize,
}

impl Service {
    pub(super) fn store(&self) -> MutexGuard<'_, WorkItemStore> {
        // Store operations validate before they change anything, so a poisoned lock holds
        // consistent data.
        self.store
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

/// What every handler needs to know about the request.
pub(super) struct Call {
    pub method: Method,
    pub json: bool,
    /// Absolute service root, ending with `/`.
    pub root: String,
    pub query: Vec<(String, String)>,
    pub headers: HeaderMap,
    pub user: String,
    pub body: Bytes,
    /// The resource path below the service root, e.g. `WorkItemSet`.
    pub resource: String,
}

impl Call {
    fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// JSON when `$format=json`, or without `$format` when `Accept` names JSON (else Atom/XML).
pub(super) fn wants_json(query: &[(String, String)], headers: &HeaderMap) -> bool {
    let format = query
        .iter()
        .find(|(key, _)| key == "$format")
        .map(|(_, value)| value.to_ascii_lowercase());
    let accepts_json = headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.to_ascii_lowercase().contains("application/json"));
    match format.as_deref() {
        Some("json") => true,
        Some(_) => false,
        None => accepts_json,
    }
}

pub(crate) async fn service_root(
    State(service): State<Arc<Service>>,
    request: Request,
) -> Response {
    serve(service, String::new(), request).await
}

pub(crate) async fn resource(
    State(service): State<Arc<Service>>,
    Path(resource): Path<String>,
    request: Request,
) -> Response {
    serve(service, resource, request).await
}

async fn serve(service: Arc<Service>, resource: String, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let query = Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
        .map(|Query(pairs)| pairs)
        .unwrap_or_default();
    let json = wants_json(&query, &parts.headers);
    let inner_path = parts.uri.path();
    let original_path = parts
        .extensions
        .get::<OriginalUri>()
        .map_or(inner_path, |OriginalUri(uri)| uri.path());
    let prefix = match original_path.strip_suffix(inner_path) {
        Some(prefix) if inner_path != "/" || original_path.ends_with('/') => prefix,
        _ => original_path.trim_end_matches('/'),
    };
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("localhost");
    let user = parts
        .extensions
        .get::<Logon>()
        .map_or_else(|| "ANONYMOUS".to_owned(), |logon| logon.user.clone());
    let body = match to_bytes(body, MAX_BODY).await {
        Ok(body) => body,
        Err(_) => {
            return ServiceError::business(413, "/IWBEP/CM_MGW_RT/004", "Request body too large")
                .into_response(json)
        }
    };
    let call = Call {
        method: parts.method,
        json,
        root: format!("http://{host}{prefix}/"),
        query,
        headers: parts.headers,
        user,
        body,
        resource: resource.trim_matches('/').to_owned(),
    };
    if call.resource == "$batch" {
        return batch::serve(&service, &call).await;
    }
    respond(&mut service.store(), &call)
}

/// The answer to one operation on the locked store: its data, or Gateway's error body.
pub(super) fn respond(store: &mut WorkItemStore, call: &Call) -> Response {
    match handle(store, call, &call.resource) {
        Ok(response) => response,
        Err(error) => {
            tracing::debug!(status = error.status, code = %error.code, "focused build: {}", error.message);
            error.into_response(call.json)
        }
    }
}

fn handle(
    store: &mut WorkItemStore,
    call: &Call,
    resource: &str,
) -> Result<Response, ServiceError> {
    let is_read = matches!(call.method, Method::GET | Method::HEAD);
    match resource {
        "" if is_read => return Ok(service_document_response(call)),
        "$metadata" if is_read => return Ok(xml_response(StatusCode::OK, edmx())),
        "" | "$metadata" => {
            return Err(ServiceError::method_not_allowed(
                call.method.as_str(),
                resource,
            ))
        }
        "ChangeStatus" => return change_status(store, call),
        _ => {}
    }
    let mut segments = resource.split('/');
    let first = segment(segments.next().unwrap_or_default())?;
    let rest: Vec<&str> = segments.collect();
    match (first.name, first.key, rest.as_slice()) {
        ("WorkItemSet", None, []) if is_read => list_work_items(store, call),
        ("WorkItemSet", Some(key), []) if is_read => read_work_item(store, call, key),
        ("WorkItemSet", Some(key), [navigation]) => {
            work_item_navigation(store, call, key, navigation)
        }
        ("WorkItemTextSet", None, []) if call.method == Method::POST => {
            let guid = body_guid(call)?;
            create_text(store, call, &guid)
        }
        ("WorkItemAttachmentSet", Some(key), ["$value"]) if is_read => download(store, call, key),
        (
            "WorkItemSet"
            | "WorkItemReleaseSet"
            | "WorkItemTextSet"
            | "WorkItemAttachmentSet"
            | "WorkItemCategorySet",
            Some(key),
            [],
        ) if is_read => read_child(store, call, first.name, key),
        (
            "WorkItemSet"
            | "WorkItemTextSet"
            | "WorkItemAttachmentSet"
            | "WorkItemCategorySet"
            | "WorkItemReleaseSet",
            _,
            _,
        ) => Err(unsupported(call, first.name, first.key.is_some())),
        _ => Err(ServiceError::resource_not_found(
            resource.split(['/', '(']).next().unwrap_or(resource),
        )),
    }
}

/// Gateway's answer for an operation the data provider class does not implement
/// (updates and deletes: texts and attachments are append-only).
fn unsupported(call: &Call, set: &str, with_key: bool) -> ServiceError {
    let operation = match (&call.method, with_key) {
        (&Method::GET, false) => "GET_ENTITYSET",
        (&Method::GET, true) => "GET_ENTITY",
        (&Method::POST, _) => "CREATE_ENTITY",
        (&Method::DELETE, _) => "DELETE_ENTITY",
        _ => "UPDATE_ENTITY",
    };
    let set_prefix: String = set.to_ascii_uppercase().chars().take(18).collect();
    ServiceError::not_implemented(&format!("{set_prefix}_{operation}"))
}

fn expand_list(call: &Call) -> Result<Vec<&'static str>, ServiceError> {
    let Some(expand) = call.param("$expand") else {
        return Ok(Vec::new());
    };
    expand
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| {
            NAVIGATIONS
                .iter()
                .copied()
                .find(|known| *known == name)
                .ok_or_else(|| {
                    ServiceError::bad_request(&format!(
                        "Property {name} not found in type WorkItem"
                    ))
                })
        })
        .collect()
}

fn work_item_guid(key: &str) -> Result<String, ServiceError> {
    guid_of(&key_predicate(key, &["guid"])?, "guid")
}

fn list_work_items(store: &mut WorkItemStore, call: &Call) -> Result<Response, ServiceError> {
    let expand = expand_list(call)?;
    let number = |name: &str| -> Result<Option<usize>, ServiceError> {
        call.param(name)
            .map(|value| {
                value.parse::<usize>().map_err(|_| {
                    ServiceError::bad_request(&format!(
                        "Invalid system query option {name}={value}"
                    ))
                })
            })
            .transpose()
    };
    let skip = number("$skip")?.unwrap_or(0);
    let top = number("$top")?.unwrap_or(usize::MAX);
    let wire = Wire {
        root: &call.root,
        config: &store.config,
    };
    let entries: Vec<Value> = store
        .items()
        .iter()
        .skip(skip)
        .take(top)
        .map(|item| wire.work_item(item, &expand))
        .collect();
    let mut body = json!({"results": entries});
    if call.param("$inlinecount") == Some("allpages") {
        body["__count"] = json!(store.items().len().to_string());
    }
    Ok(data_response(call, StatusCode::OK, json!({ "d": body })))
}

fn read_work_item(
    store: &mut WorkItemStore,
    call: &Call,
    key: &str,
) -> Result<Response, ServiceError> {
    let guid = work_item_guid(key)?;
    let expand = expand_list(call)?;
    let item = store
        .get(&guid)
        .ok_or_else(|| ServiceError::resource_not_found("WorkItemSet"))?;
    let wire = Wire {
        root: &call.root,
        config: &store.config,
    };
    Ok(data_response(
        call,
        StatusCode::OK,
        json!({"d": wire.work_item(item, &expand)}),
    ))
}

fn work_item_navigation(
    store: &mut WorkItemStore,
    call: &Call,
    key: &str,
    navigation: &str,
) -> Result<Response, ServiceError> {
    let guid = work_item_guid(key)?;
    if !NAVIGATIONS.contains(&navigation) {
        return Err(ServiceError::resource_not_found(navigation));
    }
    match (&call.method, navigation) {
        (&Method::GET | &Method::HEAD, _) => {
            let item = store
                .get(&guid)
                .ok_or_else(|| ServiceError::resource_not_found("WorkItemSet"))?;
            let wire = Wire {
                root: &call.root,
                config: &store.config,
            };
            let value = wire.navigation(item, navigation);
            if value.is_null() {
                return Err(ServiceError::resource_not_found(navigation));
            }
            Ok(data_response(call, StatusCode::OK, json!({ "d": value })))
        }
        (&Method::POST, "toWIText") => create_text(store, call, &guid),
        (&Method::POST, "toWIAttachment") => create_attachment(store, call, &guid),
        (_, _) => Err(unsupported(call, navigation_set(navigation), false)),
    }
}

fn navigation_set(navigation: &str) -> &'static str {
    match navigation {
        "toWIText" => "WorkItemTextSet",
        "toWIAttachment" => "WorkItemAttachmentSet",
        "toWICategory" => "WorkItemCategorySet",
        _ => "WorkItemReleaseSet",
    }
}

/// A request body as a JSON object whose properties all belong to `entity_type`.
fn json_object(
    call: &Call,
    entity_type: &str,
) -> Result<serde_json::Map<String, Value>, ServiceError> {
    let value: Value = serde_json::from_slice(&call.body).map_err(|error| {
        ServiceError::bad_request(&format!("The request body is not valid JSON: {error}"))
    })?;
    let Value::Object(object) = value else {
        return Err(ServiceError::bad_request(
            "The request body must be a JSON object",
        ));
    };
    let known = property_names(entity_type);
    if let Some(unknown) = object
        .keys()
        .find(|key| *key != "__metadata" && !known.contains(&key.as_str()))
    {
        return Err(ServiceError::bad_request(&format!(
            "Property '{unknown}' is invalid"
        )));
    }
    Ok(object)
}

fn string_property(
    object: &serde_json::Map<String, Value>,
    name: &str,
) -> Result<Option<String>, ServiceError> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(ServiceError::bad_request(&format!(
            "Invalid value for property '{name}'"
        ))),
    }
}

fn body_guid(call: &Call) -> Result<String, ServiceError> {
    let object = json_object(call, "WorkItemText")?;
    let text = string_property(&object, "guid")?
        .ok_or_else(|| ServiceError::bad_request("Property 'guid' is missing"))?;
    match literal(&format!("guid'{text}'"))? {
        Literal::Guid(guid) => Ok(guid),
        Literal::Str(_) => Err(ServiceError::bad_request(
            "Invalid value for property 'guid'",
        )),
    }
}

fn create_text(
    store: &mut WorkItemStore,
    call: &Call,
    guid: &str,
) -> Result<Response, ServiceError> {
    let object = json_object(call, "WorkItemText")?;
    let text_type = string_property(&object, "textType")?.unwrap_or_default();
    let content = string_property(&object, "textContent")?.unwrap_or_default();
    let is_rich_text = match object.get("isRichText") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(flag)) => *flag,
        Some(_) => {
            return Err(ServiceError::bad_request(
                "Invalid value for property 'isRichText'",
            ))
        }
    };
    let now = chrono::Utc::now().timestamp_millis();
    let text = store.add_text(
        guid,
        text_type.trim(),
        &content,
        is_rich_text,
        &call.user,
        now,
    )?;
    tracing::info!(guid, text_type = %text.text_type, "focused build: text added");
    let wire = Wire {
        root: &call.root,
        config: &store.config,
    };
    let entity = wire.text(guid, &text);
    Ok(created(call, entity))
}

fn create_attachment(
    store: &mut WorkItemStore,
    call: &Call,
    guid: &str,
) -> Result<Response, ServiceError> {
    let content_type = call
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let (file_name, mime_type, content) = if content_type.starts_with("application/json") {
        let object = json_object(call, "WorkItemAttachment")?;
        let encoded = string_property(&object, "fileContent")?
            .ok_or_else(|| ServiceError::bad_request("Property 'fileContent' is missing"))?;
        let content = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim())
            .map_err(|_| {
                ServiceError::bad_request(
                    "Invalid value for property 'fileContent' (Edm.Binary expects base64)",
                )
            })?;
        (
            string_property(&object, "fileName")?.unwrap_or_default(),
            string_property(&object, "mimeType")?
                .unwrap_or_else(|| "application/octet-stream".into()),
            content,
        )
    } else {
        // A media upload: the body is the file, its name in the `slug` header.
        let slug = call
            .headers
            .get("slug")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let mime = if content_type.is_empty() {
            "application/octet-stream".to_owned()
        } else {
            content_type
        };
        (slug, mime, call.body.to_vec())
    };
    let now = chrono::Utc::now().timestamp_millis();
    let attachment =
        store.add_attachment(guid, &file_name, &mime_type, content, &call.user, now)?;
    tracing::info!(guid, file_name = %attachment.file_name, size = attachment.content.len(), "focused build: attachment added");
    let wire = Wire {
        root: &call.root,
        config: &store.config,
    };
    Ok(created(call, wire.attachment(guid, &attachment)))
}

fn download(store: &mut WorkItemStore, _call: &Call, key: &str) -> Result<Response, ServiceError> {
    let keys = key_predicate(key, &["guid", "documentId"])?;
    let guid = guid_of(&keys, "guid")?;
    let document_id = string_of(&keys, "documentId")?;
    let attachment = store
        .get(&guid)
        .and_then(|item| {
            item.attachments
                .iter()
                .find(|a| a.document_id == document_id)
        })
        .ok_or_else(|| ServiceError::resource_not_found("WorkItemAttachmentSet"))?;
    let mut response = (StatusCode::OK, attachment.content.clone()).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&attachment.mime_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    let safe_name: String = attachment
        .file_name
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .collect();
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{safe_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

fn read_child(
    store: &mut WorkItemStore,
    call: &Call,
    set: &str,
    key: &str,
) -> Result<Response, ServiceError> {
    let wire = Wire {
        root: &call.root,
        config: &store.config,
    };
    let not_found = || ServiceError::resource_not_found(set);
    let entity = match set {
        "WorkItemReleaseSet" => {
            let guid = work_item_guid(key)?;
            let item = store.get(&guid).ok_or_else(not_found)?;
            wire.release(&guid, item.release.as_ref().ok_or_else(not_found)?)
        }
        "WorkItemTextSet" => {
            let keys = key_predicate(key, &["guid", "textId"])?;
            let guid = guid_of(&keys, "guid")?;
            let text_id = guid_of(&keys, "textId")?;
            let item = store.get(&guid).ok_or_else(not_found)?;
            let text = item
                .texts
                .iter()
                .find(|t| t.text_id == text_id)
                .ok_or_else(not_found)?;
            wire.text(&guid, text)
        }
        "WorkItemAttachmentSet" => {
            let keys = key_predicate(key, &["guid", "documentId"])?;
            let guid = guid_of(&keys, "guid")?;
            let document_id = string_of(&keys, "documentId")?;
            let item = store.get(&guid).ok_or_else(not_found)?;
            let attachment = item
                .attachments
                .iter()
                .find(|a| a.document_id == document_id)
                .ok_or_else(not_found)?;
            wire.attachment(&guid, attachment)
        }
        "WorkItemCategorySet" => {
            let keys = key_predicate(key, &["guid", "catId"])?;
            let guid = guid_of(&keys, "guid")?;
            let cat_id = string_of(&keys, "catId")?;
            let item = store.get(&guid).ok_or_else(not_found)?;
            let category = item
                .categories
                .iter()
                .find(|c| c.cat_id == cat_id)
                .ok_or_else(not_found)?;
            wire.category(&guid, category)
        }
        _ => return Err(not_found()),
    };
    Ok(data_response(call, StatusCode::OK, json!({ "d": entity })))
}

fn change_status(store: &mut WorkItemStore, call: &Call) -> Result<Response, ServiceError> {
    if call.method != Method::POST {
        return Err(ServiceError::method_not_allowed(
            call.method.as_str(),
            "ChangeStatus",
        ));
    }
    let parameter = |name: &str| {
        call.param(name).ok_or_else(|| {
            ServiceError::bad_request(&format!(
                "Parameter '{name}' of function import ChangeStatus is missing"
            ))
        })
    };
    let user_status = match literal(parameter("userStatus")?)? {
        Literal::Str(status) => status.trim().to_ascii_uppercase(),
        Literal::Guid(_) => {
            return Err(ServiceError::bad_request(
                "Parameter 'userStatus' must be an Edm.String literal",
            ))
        }
    };
    let guid = match literal(parameter("guid")?)? {
        Literal::Guid(guid) => guid,
        Literal::Str(_) => {
            return Err(ServiceError::bad_request(
                "Parameter 'guid' must be an Edm.Guid literal",
            ))
        }
    };
    let now = chrono::Utc::now().timestamp_millis();
    let item = store.change_status(&guid, &user_status, &call.user, now)?;
    tracing::info!(guid, user_status, "focused build: status changed");
    let wire = Wire {
        root: &call.root,
        config: &store.config,
    };
    Ok(data_response(
        call,
        StatusCode::OK,
        json!({"d": wire.work_item(&item, &[])}),
    ))
}

fn created(call: &Call, entity: Value) -> Response {
    let location = entity["__metadata"]["uri"].as_str().map(str::to_owned);
    let mut response = data_response(call, StatusCode::CREATED, json!({ "d": entity }));
    if let Some(value) = location.and_then(|uri| HeaderValue::from_str(&uri).ok()) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

fn json_response(status: StatusCode, body: Value) -> Response {
    let mut response = (status, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert("dataserviceversion", HeaderValue::from_static("2.0"));
    response
}

/// Data as JSON when asked for, else as Atom (Gateway's default).
fn data_response(call: &Call, status: StatusCode, body: Value) -> Response {
    if call.json {
        return json_response(status, body);
    }
    let (document, content_type) = atom::document(&body, &call.root, &call.resource);
    let mut response = (status, document).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert("dataserviceversion", HeaderValue::from_static("2.0"));
    response
}

fn xml_response(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/xml; charset=utf-8"),
    );
    headers.insert("dataserviceversion", HeaderValue::from_static("2.0"));
    response
}

fn service_document_response(call: &Call) -> Response {
    let content_type = if call.json {
        "application/json; charset=utf-8"
    } else {
        "application/atomsvc+xml; charset=utf-8"
    };
    let mut response = (StatusCode::OK, service_document(&call.root, call.json)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert("dataserviceversion", HeaderValue::from_static("2.0"));
    response
}
