//! Verbose JSON: the `d` envelope of entities and collections, `__count` and `__next`,
//! `__metadata`, deferred and expanded navigation, and lenient property access.

use serde_json::{Map, Value};

/// Unwraps `{"d": {...}}` (an entity), accepting the function-import variant
/// `{"d": {"<FunctionName>": {...}}}` when `function` is given.
pub fn entity_body<'a>(body: &'a Value, function: Option<&str>) -> Option<&'a Map<String, Value>> {
    let d = body.get("d")?.as_object()?;
    if let Some(name) = function {
        if let Some(inner) = d.get(name).and_then(Value::as_object) {
            return Some(inner);
        }
    }
    Some(d)
}

/// The entries of `{"d": {"results": [...]}}`, also accepting the older `{"d": [...]}`.
pub fn collection_body(body: &Value) -> Option<Vec<&Map<String, Value>>> {
    collection_page(body).map(|page| page.entries)
}

/// A page of a collection answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<'a> {
    /// The entries that are objects (anything else in `results` is skipped).
    pub entries: Vec<&'a Map<String, Value>>,
    /// `__count` (`$inlinecount=allpages`), a string in verbose JSON; a number is accepted.
    pub count: Option<u64>,
    /// `__next`: the URL of the next page (server-side paging), absolute or relative.
    pub next: Option<String>,
}

/// The page in `{"d": {"results": [...], "__count": "42", "__next": "..."}}`; the older
/// `{"d": [...]}` is a page without count or next link.
pub fn collection_page(body: &Value) -> Option<Page<'_>> {
    let d = body.get("d")?;
    let (entries, envelope) = match d {
        Value::Array(items) => (items, None),
        Value::Object(map) => (map.get("results")?.as_array()?, Some(Fields(map))),
        _ => return None,
    };
    Some(Page {
        entries: entries.iter().filter_map(Value::as_object).collect(),
        count: envelope.and_then(|fields| fields.unsigned("__count")),
        next: envelope.and_then(|fields| fields.text("__next")),
    })
}

/// The `$skiptoken` of a next link (percent-decoded), e.g. `1000` for
/// `https://t.example/api/v1/MessageProcessingLogs?$skiptoken=1000&$filter=…`.
pub fn skiptoken_of(next: &str) -> Option<String> {
    let (_, query) = next.split_once('?')?;
    let query = query.split('#').next().unwrap_or_default();
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "$skiptoken")
        .map(|(_, value)| value.into_owned())
        .filter(|value| !value.is_empty())
}

/// An expanded navigation property: `Some(entries)` for `{"results": [...]}` (or a bare
/// array), `None` while it is still `{"__deferred": ...}` or absent.
pub fn expanded_many<'a>(
    entity: &'a Map<String, Value>,
    name: &str,
) -> Option<Vec<&'a Map<String, Value>>> {
    match Fields(entity).get(name)? {
        Value::Object(map) if map.contains_key("__deferred") => None,
        Value::Object(map) => Some(
            map.get("results")?
                .as_array()?
                .iter()
                .filter_map(Value::as_object)
                .collect(),
        ),
        Value::Array(items) => Some(items.iter().filter_map(Value::as_object).collect()),
        _ => None,
    }
}

/// An expanded 1:1 navigation property; `None` when deferred, absent or null.
pub fn expanded_one<'a>(
    entity: &'a Map<String, Value>,
    name: &str,
) -> Option<&'a Map<String, Value>> {
    let map = Fields(entity).get(name)?.as_object()?;
    if map.contains_key("__deferred") {
        return None;
    }
    // Some Gateway versions wrap even 1:1 expansions in `results`.
    match map.get("results") {
        Some(Value::Object(inner)) => Some(inner),
        Some(Value::Array(items)) => items.first().and_then(Value::as_object),
        _ => Some(map),
    }
}

/// Property access on one entity, forgiving about name case and value types.
#[derive(Clone, Copy, Debug)]
pub struct Fields<'a>(pub &'a Map<String, Value>);

impl<'a> Fields<'a> {
    pub fn get(&self, name: &str) -> Option<&'a Value> {
        self.0.get(name).or_else(|| {
            self.0
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| value)
        })
    }

    /// A non-empty string (numbers are rendered as text); `None` for null, blank or absent.
    pub fn text(&self, name: &str) -> Option<String> {
        let value = match self.get(name)? {
            Value::String(s) => s.trim().to_owned(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return None,
        };
        (!value.is_empty()).then_some(value)
    }

    /// The first of several candidate names that carries a value.
    pub fn text_any(&self, names: &[&str]) -> Option<String> {
        names.iter().find_map(|name| self.text(name))
    }

    /// `true`/`false` as JSON booleans or strings (`"true"`, `"X"`, `"false"`, `""`).
    pub fn flag(&self, name: &str) -> Option<bool> {
        match self.get(name)? {
            Value::Bool(b) => Some(*b),
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "x" => Some(true),
                "false" | "" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    /// An unsigned number, as a JSON number or a string (Edm.Int64 in verbose JSON).
    pub fn unsigned(&self, name: &str) -> Option<u64> {
        match self.get(name)? {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A signed number, as a JSON number or a string.
    pub fn signed(&self, name: &str) -> Option<i64> {
        match self.get(name)? {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// An `Edm.DateTime`/`DateTimeOffset` value (any spelling of [`super::parse_date`]),
    /// rendered as RFC 3339 UTC.
    pub fn date(&self, name: &str) -> Option<String> {
        match self.get(name)? {
            Value::String(s) => super::parse_date(s).map(|date| super::format_date(&date)),
            _ => None,
        }
    }

    /// `__metadata.type`, e.g. `com.sap.hci.api.IntegrationPackage`.
    pub fn entity_type(&self) -> Option<String> {
        Fields(self.get("__metadata")?.as_object()?).text("type")
    }

    /// `__metadata.uri`, the entity's own address.
    pub fn uri(&self) -> Option<String> {
        Fields(self.get("__metadata")?.as_object()?).text("uri")
    }

    /// The `__deferred.uri` of a navigation property that was not expanded.
    pub fn deferred_uri(&self, name: &str) -> Option<String> {
        let deferred = self
            .get(name)?
            .as_object()?
            .get("__deferred")?
            .as_object()?;
        Fields(deferred).text("uri")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn envelope_entity_collection_and_function_wrapper() {
        let entity = json!({"d": {"guid": "x"}});
        assert_eq!(entity_body(&entity, None).unwrap()["guid"], "x");
        let wrapped = json!({"d": {"ChangeStatus": {"userStatus": "E0004"}}});
        assert_eq!(
            entity_body(&wrapped, Some("ChangeStatus")).unwrap()["userStatus"],
            "E0004"
        );
        let list = json!({"d": {"results": [{"a": 1}, {"a": 2}], "__count": "2"}});
        assert_eq!(collection_body(&list).unwrap().len(), 2);
        let old = json!({"d": [{"a": 1}]});
        assert_eq!(collection_body(&old).unwrap().len(), 1);
        assert!(collection_body(&json!({"error": {}})).is_none());
    }

    #[test]
    fn count_and_next_link() {
        let body = json!({"d": {"__count": "3125", "results": [{"a": 1}, "junk"],
            "__next": "https://t.example/api/v1/MessageProcessingLogs?$skiptoken=1000"}});
        let page = collection_page(&body).unwrap();
        assert_eq!(page.entries.len(), 1);
        assert_eq!(page.count, Some(3125));
        assert_eq!(
            skiptoken_of(page.next.as_deref().unwrap()).as_deref(),
            Some("1000")
        );
        let plain = json!({"d": {"results": []}});
        let page = collection_page(&plain).unwrap();
        assert_eq!((page.count, page.next), (None, None));
    }

    #[test]
    fn skiptokens_in_relative_and_encoded_links() {
        assert_eq!(
            skiptoken_of("MessageProcessingLogs?%24skiptoken=2000&$top=5").as_deref(),
            Some("2000")
        );
        assert_eq!(skiptoken_of("MessageProcessingLogs?$top=5"), None);
        assert_eq!(skiptoken_of("MessageProcessingLogs"), None);
    }

    #[test]
    fn deferred_and_expanded_navigation_and_metadata() {
        let entity = json!({
            "__metadata": {"id": "https://t/api/v1/IntegrationPackages('P')",
                           "uri": "https://t/api/v1/IntegrationPackages('P')",
                           "type": "com.sap.hci.api.IntegrationPackage"},
            "toWIText": {"__deferred": {"uri": "https://t/x/toWIText"}},
            "toWIAttachment": {"results": []},
            "towicategory": {"results": [{"catId": "C1"}]},
            "toWIActualRelease": {"releaseId": "R1"},
        });
        let map = entity.as_object().unwrap();
        assert!(expanded_many(map, "toWIText").is_none());
        assert_eq!(expanded_many(map, "toWIAttachment").unwrap().len(), 0);
        assert_eq!(expanded_many(map, "toWICategory").unwrap().len(), 1);
        assert_eq!(
            Fields(expanded_one(map, "toWIActualRelease").unwrap()).text("releaseId"),
            Some("R1".into())
        );
        let fields = Fields(map);
        assert_eq!(
            fields.entity_type().as_deref(),
            Some("com.sap.hci.api.IntegrationPackage")
        );
        assert!(fields.uri().unwrap().ends_with("('P')"));
        assert_eq!(
            fields.deferred_uri("toWIText").as_deref(),
            Some("https://t/x/toWIText")
        );
        assert_eq!(fields.deferred_uri("toWIAttachment"), None);
    }

    #[test]
    fn fields_are_lenient_about_case_and_types() {
        let entity = json!({"Guid": "g", "fileSize": "1024", "isRichText": "X", "n": 7,
            "blank": "  ", "ArchivingSenderChannelMessages": "false", "delta": "-5",
            "CreationDate": "1521116198486", "DeployedOn": "2021-02-18T11:57:02.885"});
        let fields = Fields(entity.as_object().unwrap());
        assert_eq!(fields.text("guid"), Some("g".into()));
        assert_eq!(fields.unsigned("fileSize"), Some(1024));
        assert_eq!(fields.flag("isRichText"), Some(true));
        assert_eq!(fields.flag("ArchivingSenderChannelMessages"), Some(false));
        assert_eq!(fields.text("n"), Some("7".into()));
        assert_eq!(fields.signed("delta"), Some(-5));
        assert_eq!(fields.text("blank"), None);
        assert_eq!(
            fields.date("CreationDate").as_deref(),
            Some("2018-03-15T12:16:38Z")
        );
        assert_eq!(
            fields.date("DeployedOn").as_deref(),
            Some("2021-02-18T11:57:02Z")
        );
    }
}
