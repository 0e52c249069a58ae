//! Atom XML, Gateway's default format for data when the client does not ask for JSON.
//! Built from the JSON entities of [`super::wire`], so both formats carry the same data.

use chrono::DateTime;
use serde_json::Value;

use super::errors::escape_xml;
use super::metadata::property_types;
use super::wire::NAMESPACE;

const NAMESPACES: &str = "xmlns=\"http://www.w3.org/2005/Atom\" \
     xmlns:m=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\" \
     xmlns:d=\"http://schemas.microsoft.com/ado/2007/08/dataservices\"";
const RELATED: &str = "http://schemas.microsoft.com/ado/2007/08/dataservices/related/";
const SCHEME: &str = "http://schemas.microsoft.com/ado/2007/08/dataservices/scheme";

pub(crate) const ENTRY_CONTENT_TYPE: &str = "application/atom+xml;type=entry; charset=utf-8";
pub(crate) const FEED_CONTENT_TYPE: &str = "application/atom+xml;type=feed; charset=utf-8";

/// The Atom document for a `{"d": ...}` body: a feed for `results`, an entry otherwise.
/// Returns the document and its content type.
pub(crate) fn document(body: &Value, root: &str, set: &str) -> (String, &'static str) {
    let d = &body["d"];
    match d.get("results").and_then(Value::as_array) {
        Some(entries) => {
            let count = d.get("__count").and_then(Value::as_str);
            (feed(entries, root, set, count, true), FEED_CONTENT_TYPE)
        }
        None => (entry(d, root, true), ENTRY_CONTENT_TYPE),
    }
}

fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn feed(entries: &[Value], root: &str, href: &str, count: Option<&str>, top_level: bool) -> String {
    let mut xml = String::new();
    if top_level {
        xml.push_str(&format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xml:base=\"{}\" {NAMESPACES}>",
            escape_xml(root)
        ));
    } else {
        xml.push_str("<feed>");
    }
    let title = href.rsplit('/').next().unwrap_or(href);
    xml.push_str(&format!(
        "<id>{}</id><title type=\"text\">{}</title><updated>{}</updated><author><name/></author>\
         <link href=\"{}\" rel=\"self\" title=\"{}\"/>",
        escape_xml(&format!("{root}{href}")),
        escape_xml(title),
        now(),
        escape_xml(href),
        escape_xml(title)
    ));
    if let Some(count) = count {
        xml.push_str(&format!("<m:count>{}</m:count>", escape_xml(count)));
    }
    for item in entries {
        xml.push_str(&entry(item, root, false));
    }
    xml.push_str("</feed>");
    xml
}

fn entry(entity: &Value, root: &str, top_level: bool) -> String {
    let metadata = &entity["__metadata"];
    let uri = metadata["uri"].as_str().unwrap_or_default();
    let key = uri.strip_prefix(root).unwrap_or(uri);
    let full_type = metadata["type"].as_str().unwrap_or_default();
    let type_name = full_type
        .strip_prefix(NAMESPACE)
        .and_then(|rest| rest.strip_prefix('.'))
        .unwrap_or(full_type);
    let media_type = metadata["content_type"].as_str();

    let mut xml = String::new();
    if top_level {
        xml.push_str(&format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?><entry xml:base=\"{}\" {NAMESPACES}>",
            escape_xml(root)
        ));
    } else {
        xml.push_str("<entry>");
    }
    xml.push_str(&format!(
        "<id>{}</id><title type=\"text\">{}</title><updated>{}</updated>\
         <category term=\"{}\" scheme=\"{SCHEME}\"/><link href=\"{}\" rel=\"edit\" title=\"{}\"/>",
        escape_xml(uri),
        escape_xml(key),
        now(),
        escape_xml(full_type),
        escape_xml(key),
        escape_xml(type_name)
    ));
    if let Some(media_type) = media_type {
        xml.push_str(&format!(
            "<link href=\"{}/$value\" rel=\"edit-media\" type=\"{}\"/>",
            escape_xml(key),
            escape_xml(media_type)
        ));
    }
    if let Some(object) = entity.as_object() {
        for (name, value) in object {
            let Some(navigation) = value.as_object().filter(|_| name.starts_with("to")) else {
                continue;
            };
            let many = name != "toWIActualRelease";
            let link_type = if many { "feed" } else { "entry" };
            xml.push_str(&format!(
                "<link href=\"{}/{name}\" rel=\"{RELATED}{name}\" type=\"application/atom+xml;type={link_type}\" title=\"{name}\"",
                escape_xml(key)
            ));
            if navigation.contains_key("__deferred") {
                xml.push_str("/>");
                continue;
            }
            xml.push_str("><m:inline>");
            match navigation.get("results").and_then(Value::as_array) {
                Some(entries) => {
                    xml.push_str(&feed(entries, root, &format!("{key}/{name}"), None, false))
                }
                None => xml.push_str(&entry(value, root, false)),
            }
            xml.push_str("</m:inline></link>");
        }
    }
    let properties = properties(entity, type_name);
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

fn properties(entity: &Value, type_name: &str) -> String {
    let mut xml = String::from("<m:properties>");
    for (name, edm_type) in property_types(type_name) {
        let type_attribute = if edm_type == "Edm.String" {
            String::new()
        } else {
            format!(" m:type=\"{edm_type}\"")
        };
        match &entity[name] {
            Value::Null => xml.push_str(&format!("<d:{name}{type_attribute} m:null=\"true\"/>")),
            value => xml.push_str(&format!(
                "<d:{name}{type_attribute}>{}</d:{name}>",
                escape_xml(&text(value, edm_type))
            )),
        }
    }
    xml.push_str("</m:properties>");
    xml
}

/// A property value as Atom writes it (`Edm.DateTime` as `2025-01-06T08:00:00`).
fn text(value: &Value, edm_type: &str) -> String {
    match value {
        Value::String(text) if edm_type == "Edm.DateTime" => text
            .strip_prefix("/Date(")
            .and_then(|rest| rest.strip_suffix(")/"))
            .and_then(|millis| millis.parse::<i64>().ok())
            .and_then(DateTime::from_timestamp_millis)
            .map_or_else(
                || text.clone(),
                |date| date.format("%Y-%m-%dT%H:%M:%S").to_string(),
            ),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
