//! OData V2 Atom XML, the default format of SAP's OData services (and the only one some
//! Cloud Integration entity sets offer), read into the verbose JSON shape the decoders
//! already understand: a feed becomes `{"d": {"results": [...], "__count", "__next"}}`, an
//! entry `{"d": {...}}`. Property values follow their `m:type` (booleans and 32-bit numbers
//! as JSON values, Int64/Decimal/DateTime as strings, as verbose JSON sends them);
//! `m:null="true"` is `null`; complex properties become objects; inline expansions become
//! `{"results": [...]}` or an object, and deferred links `{"__deferred": {"uri": ...}}`.

use roxmltree::Node;
use serde_json::{json, Map, Value};

use super::xml::{attribute, child, children_named, elements, local_name, parse, text};

/// Reads an Atom feed or entry into verbose JSON (see the module documentation).
pub fn to_verbose_json(xml: &str) -> Result<Value, String> {
    let document = parse(xml)?;
    let root = document.root_element();
    match local_name(root) {
        "feed" => Ok(json!({ "d": feed(root) })),
        "entry" => Ok(json!({ "d": entry(root) })),
        other => Err(format!(
            "the document is a <{other}>, not an Atom feed or entry"
        )),
    }
}

fn feed(element: Node<'_, '_>) -> Value {
    let mut body = Map::new();
    let entries: Vec<Value> = children_named(element, "entry").map(entry).collect();
    body.insert("results".into(), Value::Array(entries));
    if let Some(count) = child(element, "count") {
        body.insert(
            "__count".into(),
            Value::String(text(count).trim().to_owned()),
        );
    }
    let next = children_named(element, "link")
        .find(|link| attribute(*link, "rel") == Some("next"))
        .and_then(|link| attribute(link, "href"));
    if let Some(next) = next {
        body.insert("__next".into(), Value::String(next.to_owned()));
    }
    Value::Object(body)
}

fn entry(element: Node<'_, '_>) -> Value {
    let mut object = Map::new();
    let mut metadata = Map::new();
    if let Some(id) = child(element, "id") {
        let id = text(id).trim().to_owned();
        metadata.insert("id".into(), Value::String(id.clone()));
        metadata.insert("uri".into(), Value::String(id));
    }
    if let Some(term) = child(element, "category").and_then(|c| attribute(c, "term")) {
        metadata.insert("type".into(), Value::String(term.to_owned()));
    }
    if let Some(content) = child(element, "content") {
        if let (Some(media_type), Some(src)) =
            (attribute(content, "type"), attribute(content, "src"))
        {
            metadata.insert("content_type".into(), Value::String(media_type.to_owned()));
            metadata.insert("media_src".into(), Value::String(src.to_owned()));
        }
    }
    object.insert("__metadata".into(), Value::Object(metadata));
    for link in children_named(element, "link") {
        let Some(name) = attribute(link, "rel")
            .and_then(|rel| rel.rsplit_once("/related/"))
            .map(|(_, name)| name)
        else {
            continue;
        };
        let value = match child(link, "inline") {
            Some(inline) => match (child(inline, "feed"), child(inline, "entry")) {
                (Some(inner), _) => feed(inner),
                (None, Some(inner)) => entry(inner),
                (None, None) => Value::Null,
            },
            None => json!({"__deferred": {"uri": attribute(link, "href").unwrap_or_default()}}),
        };
        object.insert(name.to_owned(), value);
    }
    // Properties sit in <content> for ordinary entries, beside it for media link entries.
    let properties = child(element, "content")
        .and_then(|content| child(content, "properties"))
        .or_else(|| child(element, "properties"));
    if let Some(properties) = properties {
        for property in elements(properties) {
            object.insert(local_name(property).to_owned(), property_value(property));
        }
    }
    Value::Object(object)
}

fn property_value(property: Node<'_, '_>) -> Value {
    if attribute(property, "null") == Some("true") {
        return Value::Null;
    }
    let members: Vec<Node<'_, '_>> = elements(property).collect();
    if !members.is_empty() {
        // A collection (`<d:element>` items) or a complex type (members by name).
        if members
            .iter()
            .all(|member| local_name(*member) == "element")
        {
            let items: Vec<Value> = members.into_iter().map(property_value).collect();
            return json!({ "results": items });
        }
        return Value::Object(
            members
                .into_iter()
                .map(|member| (local_name(member).to_owned(), property_value(member)))
                .collect(),
        );
    }
    let text = text(property);
    match attribute(property, "type").unwrap_or("Edm.String") {
        "Edm.Boolean" => match text.trim() {
            "true" | "1" => Value::Bool(true),
            "false" | "0" => Value::Bool(false),
            _ => Value::String(text),
        },
        "Edm.Int32" | "Edm.Int16" | "Edm.Byte" | "Edm.SByte" => match text.trim().parse::<i64>() {
            Ok(number) => Value::from(number),
            Err(_) => Value::String(text),
        },
        "Edm.Double" | "Edm.Single" => match text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
        {
            Some(number) => Value::Number(number),
            None => Value::String(text),
        },
        _ => Value::String(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::odata::{collection_page, parse_date, Fields};

    /// Shaped like a Cloud Integration runtime artifact feed (Atom is its default).
    const FEED: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xml:base="https://t.example/api/v1/" xmlns="http://www.w3.org/2005/Atom" xmlns:m="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata" xmlns:d="http://schemas.microsoft.com/ado/2007/08/dataservices">
 <id>https://t.example/api/v1/IntegrationRuntimeArtifacts</id><title type="text">IntegrationRuntimeArtifacts</title>
 <updated>2024-01-31T10:00:00Z</updated>
 <m:count>2</m:count>
 <entry>
  <id>https://t.example/api/v1/IntegrationRuntimeArtifacts('Orders')</id>
  <category term="com.sap.hci.api.IntegrationRuntimeArtifact" scheme="http://schemas.microsoft.com/ado/2007/08/dataservices/scheme"/>
  <link href="IntegrationRuntimeArtifacts('Orders')" rel="edit" title="IntegrationRuntimeArtifact"/>
  <link href="IntegrationRuntimeArtifacts('Orders')/ErrorInformation" rel="http://schemas.microsoft.com/ado/2007/08/dataservices/related/ErrorInformation" type="application/atom+xml;type=entry" title="ErrorInformation"/>
  <content type="application/octet-stream" src="IntegrationRuntimeArtifacts('Orders')/$value"/>
  <m:properties>
   <d:Id>Orders</d:Id><d:Name>Orders &amp; Invoices &#x2013; EU</d:Name>
   <d:DeployedOn m:type="Edm.DateTime">2024-01-31T10:00:00.123</d:DeployedOn>
   <d:Size m:type="Edm.Int64">6961</d:Size><d:Active m:type="Edm.Boolean">true</d:Active>
   <d:Count m:type="Edm.Int32">7</d:Count><d:Note m:null="true"/>
   <d:IntegrationArtifact m:type="com.sap.hci.api.IntegrationArtifact"><d:Id>Orders</d:Id><d:Type>INTEGRATION_FLOW</d:Type></d:IntegrationArtifact>
  </m:properties>
 </entry>
 <entry><id>x</id><link rel="http://schemas.microsoft.com/ado/2007/08/dataservices/related/EntryPoints" href="e"><m:inline><feed><entry><content type="application/xml"><m:properties><d:Url>https://h/x</d:Url></m:properties></content></entry></feed></m:inline></link>
  <content type="application/xml"><m:properties><d:Id>Second</d:Id></m:properties></content></entry>
 <link rel="next" href="https://t.example/api/v1/IntegrationRuntimeArtifacts?$skiptoken=1000"/>
</feed>"#;

    #[test]
    fn a_feed_reads_like_verbose_json() {
        let body = to_verbose_json(FEED).unwrap();
        let page = collection_page(&body).unwrap();
        assert_eq!(page.count, Some(2));
        assert_eq!(
            page.next.as_deref(),
            Some("https://t.example/api/v1/IntegrationRuntimeArtifacts?$skiptoken=1000")
        );
        let first = page.entries[0];
        assert_eq!(first["Name"], "Orders & Invoices \u{2013} EU");
        assert!(parse_date(first["DeployedOn"].as_str().unwrap()).is_some());
        assert_eq!(first["Size"], "6961");
        assert_eq!(first["Active"], true);
        assert_eq!(first["Count"], 7);
        assert_eq!(first["Note"], Value::Null);
        assert_eq!(first["IntegrationArtifact"]["Type"], "INTEGRATION_FLOW");
        let fields = Fields(first);
        assert_eq!(
            fields.entity_type().as_deref(),
            Some("com.sap.hci.api.IntegrationRuntimeArtifact")
        );
        assert_eq!(
            first["__metadata"]["content_type"],
            "application/octet-stream"
        );
        assert!(fields
            .deferred_uri("ErrorInformation")
            .unwrap()
            .ends_with("/ErrorInformation"));
        let second = page.entries[1];
        assert_eq!(second["Id"], "Second");
        assert_eq!(second["EntryPoints"]["results"][0]["Url"], "https://h/x");
    }

    #[test]
    fn an_entry_and_refusals() {
        let entry = r#"<entry xmlns="http://www.w3.org/2005/Atom" xmlns:m="m" xmlns:d="d"><content type="application/xml"><m:properties><d:Status>SUCCESS</d:Status><d:Tags><d:element>a</d:element><d:element>b</d:element></d:Tags></m:properties></content></entry>"#;
        let body = to_verbose_json(entry).unwrap();
        assert_eq!(body["d"]["Status"], "SUCCESS");
        assert_eq!(body["d"]["Tags"]["results"][1], "b");
        assert!(to_verbose_json("<error><code>x</code></error>")
            .unwrap_err()
            .contains("<error>"));
        assert!(to_verbose_json("<feed><entry>").is_err());
        assert!(to_verbose_json("not xml at all").is_err());
    }
}
