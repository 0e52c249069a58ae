//! The OData V2 envelope as the tenant writes it: entities with `__metadata` and deferred
//! navigations, `{"d": …}` JSON (`results`, `__count` as a string, `__next`), Atom XML as the
//! default, media (`$value`) and plain-text answers.

use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::DateTime;
use serde_json::{json, Map, Value};

use super::errors::{escape_xml, ApiError};
use super::metadata::{self, EntityType};

/// What every handler needs to know about the request.
pub(crate) struct Call {
    pub method: Method,
    pub json: bool,
    /// Absolute service root, ending with `/` (`http://host/api/v1/`).
    pub root: String,
    pub query: Vec<(String, String)>,
    pub body: Bytes,
    /// The user or client the request runs as.
    pub principal: String,
    /// Wall-clock time of the sandbox clock, epoch ms.
    pub now_ms: i64,
}

impl Call {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    pub fn is_read(&self) -> bool {
        matches!(self.method, Method::GET | Method::HEAD)
    }

    /// The request body as a JSON object, or the tenant's 400.
    pub fn json_body(&self) -> Result<Map<String, Value>, ApiError> {
        match serde_json::from_slice::<Value>(&self.body) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err(ApiError::bad_request(
                "The request body must be a JSON object.",
            )),
            Err(error) => Err(ApiError::bad_request(format!(
                "Invalid JSON in the request body: {error}"
            ))),
        }
    }
}

/// JSON when `$format=json`, or without `$format` when `Accept` names JSON (else Atom/XML).
pub(crate) fn wants_json(query: &[(String, String)], headers: &HeaderMap) -> bool {
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

pub(crate) fn date(ms: i64) -> Value {
    Value::String(format!("/Date({ms})/"))
}

/// `'…'` with quotes doubled, for keys in URIs.
pub(crate) fn quoted(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

/// Builds one entity: `__metadata`, properties in order, navigations deferred unless given.
pub(crate) struct EntityBuilder<'a> {
    root: &'a str,
    entity_type: &'static EntityType,
    key_path: String,
    map: Map<String, Value>,
    expanded: Vec<(&'static str, Value)>,
}

impl<'a> EntityBuilder<'a> {
    /// `key_path` is the entity's canonical path below the root, e.g. `IntegrationPackages('X')`.
    pub fn new(root: &'a str, entity_type: &'static EntityType, key_path: String) -> Self {
        let uri = format!("{root}{key_path}");
        let mut meta = Map::new();
        meta.insert("id".into(), json!(uri));
        meta.insert("uri".into(), json!(uri));
        meta.insert("type".into(), json!(entity_type.full_name()));
        if entity_type.media {
            let media = format!("{uri}/$value");
            meta.insert("content_type".into(), json!("application/octet-stream"));
            meta.insert("media_src".into(), json!(media));
            meta.insert("edit_media".into(), json!(media));
        }
        let mut map = Map::new();
        map.insert("__metadata".into(), Value::Object(meta));
        Self {
            root,
            entity_type,
            key_path,
            map,
            expanded: Vec::new(),
        }
    }

    pub fn media_type(mut self, content_type: &str) -> Self {
        if let Some(Value::Object(meta)) = self.map.get_mut("__metadata") {
            meta.insert("content_type".into(), json!(content_type));
        }
        self
    }

    pub fn prop(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.map.insert(name.to_owned(), value.into());
        self
    }

    /// An expanded navigation: `{"results": [...]}` for to-many, the entity for to-one.
    pub fn expand(mut self, navigation: &'static str, value: Value) -> Self {
        self.expanded.push((navigation, value));
        self
    }

    pub fn build(mut self) -> Value {
        for (name, _, _) in self.entity_type.navigations {
            let value = match self.expanded.iter().position(|(nav, _)| nav == name) {
                Some(index) => self.expanded.swap_remove(index).1,
                None => {
                    json!({"__deferred": {"uri": format!("{}{}/{name}", self.root, self.key_path)}})
                }
            };
            self.map.insert((*name).to_owned(), value);
        }
        Value::Object(self.map)
    }
}

/// `{"results": [...]}` for an expanded to-many navigation.
pub(crate) fn results(entities: Vec<Value>) -> Value {
    json!({ "results": entities })
}

/// Keeps only the `$select`ed properties (and `__metadata`); a name the type does not have
/// is the tenant's 400.
fn select(entity: &mut Value, selected: &[&str]) -> Result<(), ApiError> {
    if let Value::Object(map) = entity {
        if let Some(unknown) = selected.iter().find(|name| !map.contains_key(**name)) {
            let type_name = map["__metadata"]["type"].as_str().unwrap_or_default();
            return Err(ApiError::bad_request(format!(
                "Invalid $select: property '{unknown}' not found in type '{type_name}'."
            )));
        }
        map.retain(|key, _| key == "__metadata" || selected.contains(&key.as_str()));
    }
    Ok(())
}

fn selection(call: &Call) -> Option<Vec<&str>> {
    call.param("$select")
        .map(|text| {
            text.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|names| !names.is_empty() && !names.contains(&"*"))
}

/// One entity, as `{"d": {...}}` or an Atom entry.
pub(crate) fn entity_response(call: &Call, status: StatusCode, mut entity: Value) -> Response {
    if let Some(selected) = selection(call) {
        if let Err(error) = select(&mut entity, &selected) {
            return error.into_response(call.json);
        }
    }
    if call.json {
        json_response(status, &json!({ "d": entity }))
    } else {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>{}",
            atom_entry(&entity, &call.root, true)
        );
        body_response(status, xml, "application/atom+xml;type=entry;charset=utf-8")
    }
}

/// A page of a collection: `{"d": {"__count", "results", "__next"}}` or an Atom feed.
pub(crate) fn collection_response(
    call: &Call,
    set_path: &str,
    mut entities: Vec<Value>,
    count: Option<usize>,
    next: Option<String>,
) -> Response {
    if let Some(selected) = selection(call) {
        for entity in &mut entities {
            if let Err(error) = select(entity, &selected) {
                return error.into_response(call.json);
            }
        }
    }
    if call.json {
        let mut d = Map::new();
        if let Some(count) = count {
            d.insert("__count".into(), json!(count.to_string()));
        }
        d.insert("results".into(), Value::Array(entities));
        if let Some(next) = next {
            d.insert("__next".into(), json!(next));
        }
        json_response(StatusCode::OK, &json!({ "d": d }))
    } else {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>{}",
            atom_feed(
                &entities,
                &call.root,
                set_path,
                count,
                next.as_deref(),
                true
            )
        );
        body_response(
            StatusCode::OK,
            xml,
            "application/atom+xml;type=feed;charset=utf-8",
        )
    }
}

pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response {
    body_response(status, body.to_string(), "application/json")
}

pub(crate) fn body_response(
    status: StatusCode,
    body: impl Into<axum::body::Body>,
    content_type: &str,
) -> Response {
    let mut response = (status, body.into()).into_response();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(header::CONTENT_TYPE, value);
    }
    response
}

/// Plain text (`$count`, a deploy's task id, error texts).
pub(crate) fn text_response(status: StatusCode, text: impl Into<String>) -> Response {
    body_response(status, text.into(), "text/plain")
}

/// A media download (`$value`) with its file name.
pub(crate) fn media_response(
    bytes: Vec<u8>,
    content_type: &str,
    file_name: Option<&str>,
) -> Response {
    let mut response = body_response(StatusCode::OK, bytes, content_type);
    if let Some(name) = file_name {
        if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename={name}")) {
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, value);
        }
    }
    response
}

const NAMESPACES: &str = "xmlns=\"http://www.w3.org/2005/Atom\" \
     xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\" \
     xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\"";
const RELATED: &str = "http://schemas.microsoft.com/ado/2007/08/dataservices/related/";
const SCHEME: &str = "http://schemas.microsoft.com/ado/2007/08/dataservices/scheme";

fn updated() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

fn atom_feed(
    entities: &[Value],
    root: &str,
    href: &str,
    count: Option<usize>,
    next: Option<&str>,
    top_level: bool,
) -> String {
    let mut xml = if top_level {
        format!("<feed xml:base=\"{}\" {NAMESPACES}>", escape_xml(root))
    } else {
        String::from("<feed>")
    };
    let title = href.rsplit('/').next().unwrap_or(href);
    xml.push_str(&format!(
        "<id>{}</id><title type=\"text\">{}</title><updated>{}</updated><author><name/></author>\
         <link href=\"{}\" rel=\"self\" title=\"{}\"/>",
        escape_xml(&format!("{root}{href}")),
        escape_xml(title),
        updated(),
        escape_xml(href),
        escape_xml(title)
    ));
    if let Some(count) = count {
        xml.push_str(&format!("<m:count>{count}</m:count>"));
    }
    for entity in entities {
        xml.push_str(&atom_entry(entity, root, false));
    }
    if let Some(next) = next {
        xml.push_str(&format!(
            "<link href=\"{}\" rel=\"next\"/>",
            escape_xml(next)
        ));
    }
    xml.push_str("</feed>");
    xml
}

fn atom_entry(entity: &Value, root: &str, top_level: bool) -> String {
    let meta = &entity["__metadata"];
    let uri = meta["uri"].as_str().unwrap_or_default();
    let key = uri.strip_prefix(root).unwrap_or(uri);
    let full_type = meta["type"].as_str().unwrap_or_default();
    let entity_type = metadata::by_full_name(full_type);
    let media_type = meta["content_type"].as_str();
    let mut xml = if top_level {
        format!("<entry xml:base=\"{}\" {NAMESPACES}>", escape_xml(root))
    } else {
        String::from("<entry>")
    };
    xml.push_str(&format!(
        "<id>{}</id><title type=\"text\"/><updated>{}</updated><author><name/></author>\
         <link href=\"{}\" rel=\"edit\" title=\"{}\"/>",
        escape_xml(uri),
        updated(),
        escape_xml(key),
        escape_xml(entity_type.map_or(full_type, |t| t.name)),
    ));
    if let Some(media_type) = media_type {
        xml.push_str(&format!(
            "<link href=\"{}/$value\" rel=\"edit-media\" type=\"{}\"/>",
            escape_xml(key),
            escape_xml(media_type)
        ));
    }
    let Some(object) = entity.as_object() else {
        return xml + "</entry>";
    };
    for (name, value) in object {
        let Some(navigation) = entity_type.and_then(|t| t.navigation(name)) else {
            continue;
        };
        let link_type = if navigation.2 { "feed" } else { "entry" };
        xml.push_str(&format!(
            "<link href=\"{}/{name}\" rel=\"{RELATED}{name}\" type=\"application/atom+xml;type={link_type}\" title=\"{name}\"",
            escape_xml(key)
        ));
        if value.get("__deferred").is_some() {
            xml.push_str("/>");
            continue;
        }
        xml.push_str("><m:inline>");
        match value.get("results").and_then(Value::as_array) {
            Some(entries) => xml.push_str(&atom_feed(
                entries,
                root,
                &format!("{key}/{name}"),
                None,
                None,
                false,
            )),
            None if value.is_null() => {}
            None => xml.push_str(&atom_entry(value, root, false)),
        }
        xml.push_str("</m:inline></link>");
    }
    xml.push_str(&format!(
        "<category term=\"{}\" scheme=\"{SCHEME}\"/>",
        escape_xml(full_type)
    ));
    let properties = atom_properties(object, entity_type);
    match media_type {
        Some(media_type) => xml.push_str(&format!(
            "<content type=\"{}\" src=\"{}/$value\"/>{properties}",
            escape_xml(media_type),
            escape_xml(key)
        )),
        None => xml.push_str(&format!(
            "<content type=\"application/xml\">{properties}</content>"
        )),
    }
    xml.push_str("</entry>");
    xml
}

fn atom_properties(object: &Map<String, Value>, entity_type: Option<&EntityType>) -> String {
    let mut xml = String::from("<m:properties>");
    for (name, value) in object {
        if name == "__metadata" || entity_type.is_some_and(|t| t.navigation(name).is_some()) {
            continue;
        }
        let edm = entity_type
            .and_then(|t| t.property_type(name))
            .unwrap_or("Edm.String");
        xml.push_str(&atom_property(name, value, edm));
    }
    xml.push_str("</m:properties>");
    xml
}

fn atom_property(name: &str, value: &Value, edm: &str) -> String {
    if let Some(complex) = metadata::complex(edm) {
        let mut xml = format!("<d:{name} m:type=\"{edm}\">");
        for (field, field_edm) in complex.properties {
            xml.push_str(&atom_property(field, &value[*field], field_edm));
        }
        return xml + &format!("</d:{name}>");
    }
    let type_attribute = if edm == "Edm.String" {
        String::new()
    } else {
        format!(" m:type=\"{edm}\"")
    };
    match value {
        Value::Null => format!("<d:{name}{type_attribute} m:null=\"true\"/>"),
        value => format!(
            "<d:{name}{type_attribute}>{}</d:{name}>",
            escape_xml(&atom_text(value, edm))
        ),
    }
}

/// A value as Atom writes it (`Edm.DateTime` as `2025-01-06T08:00:00.123`).
fn atom_text(value: &Value, edm: &str) -> String {
    match value {
        Value::String(text) if edm == "Edm.DateTime" => text
            .strip_prefix("/Date(")
            .and_then(|rest| rest.strip_suffix(")/"))
            .and_then(|millis| millis.parse::<i64>().ok())
            .and_then(DateTime::from_timestamp_millis)
            .map_or_else(
                || text.clone(),
                |date| date.format("%Y-%m-%dT%H:%M:%S%.3f").to_string(),
            ),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The service document: the entity sets, as Atom (`application/atomsvc+xml`) or JSON.
pub(crate) fn service_document(call: &Call) -> Response {
    let sets: Vec<&str> = metadata::ENTITY_TYPES.iter().map(|t| t.set).collect();
    if call.json {
        return json_response(StatusCode::OK, &json!({"d": {"EntitySets": sets}}));
    }
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\
         <service xml:base=\"{}\" xmlns=\"http://www.w3.org/2007/app\" \
         xmlns:atom=\"http://www.w3.org/2005/Atom\"><workspace><atom:title>Default</atom:title>",
        escape_xml(&call.root)
    );
    for set in sets {
        xml.push_str(&format!(
            "<collection href=\"{set}\"><atom:title>{set}</atom:title></collection>"
        ));
    }
    xml.push_str("</workspace></service>");
    body_response(StatusCode::OK, xml, "application/atomsvc+xml;charset=utf-8")
}
