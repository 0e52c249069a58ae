//! `$metadata`: well-formed CSDL 4.0 with the generic actions, typed operations and outputs.

use std::collections::HashMap;

use quick_xml::events::Event;
use quick_xml::Reader;
use reqwest::StatusCode;
use sandbox::transaction_bridge::{apps, USER_ADMIN_APP};
use sandbox::{DEFAULT_PASSWORD, DEFAULT_USER};

use crate::support::*;

/// An element of the document: its name, attributes and the names of its ancestors.
#[derive(Debug)]
struct Element {
    name: String,
    attributes: HashMap<String, String>,
    ancestors: Vec<String>,
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }
}

fn element(start: &quick_xml::events::BytesStart<'_>, stack: &[String]) -> Element {
    let name = start.name().into_inner().to_owned();
    let attributes = start
        .attributes()
        .map(|a| {
            let a = a.expect("well-formed attribute");
            (
                a.key.into_inner().to_owned(),
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .unwrap()
                    .into_owned(),
            )
        })
        .collect();
    Element {
        name,
        attributes,
        ancestors: stack.to_vec(),
    }
}

/// Every element, in document order; panics unless the XML is well-formed.
fn parse(xml: &str) -> Vec<Element> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<String> = Vec::new();
    let mut elements = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(start) => {
                let element = element(&start, &stack);
                stack.push(element.name.clone());
                elements.push(element);
            }
            // An empty element opens no level.
            Event::Empty(start) => elements.push(element(&start, &stack)),
            Event::End(end) => {
                let name = end.name().into_inner().to_owned();
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()), "balanced tags");
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(stack.is_empty(), "every element closed");
    elements
}

fn find<'a>(elements: &'a [Element], name: &str, attr_name: &str) -> &'a Element {
    elements
        .iter()
        .find(|e| e.name == name && e.attr("Name") == Some(attr_name))
        .unwrap_or_else(|| panic!("no {name} {attr_name}"))
}

/// The children named `child` of the element `name` with `Name="attr_name"`.
fn children<'a>(
    elements: &'a [Element],
    name: &str,
    attr_name: &str,
    child: &str,
) -> Vec<&'a Element> {
    let start = elements
        .iter()
        .position(|e| e.name == name && e.attr("Name") == Some(attr_name))
        .unwrap_or_else(|| panic!("no {name} {attr_name}"));
    let depth = elements[start].ancestors.len();
    elements[start + 1..]
        .iter()
        .take_while(|e| e.ancestors.len() > depth)
        .filter(|e| e.ancestors.len() == depth + 1 && e.name == child)
        .collect()
}

#[tokio::test]
async fn metadata_is_csdl_4_with_generic_actions_and_typed_operations() {
    let sandbox = start().await;
    let bridge = App::new(&sandbox, USER_ADMIN_APP);
    let response = bridge
        .raw(
            bridge
                .client
                .get(bridge.url("$metadata"))
                .basic_auth(DEFAULT_USER, Some(DEFAULT_PASSWORD)),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/xml"));
    assert_eq!(response.headers()["odata-version"], "4.0");
    let xml = response.text().await.unwrap();
    let elements = parse(&xml);

    let root = &elements[0];
    assert_eq!(root.name, "edmx:Edmx");
    assert_eq!(root.attr("Version"), Some("4.0"));
    let schema = elements.iter().find(|e| e.name == "Schema").unwrap();
    assert_eq!(schema.attr("Alias"), Some("Self"));
    assert_eq!(
        schema.attr("xmlns"),
        Some("http://docs.oasis-open.org/odata/ns/edm")
    );

    // State as the specification has it, plus the status bar message's type.
    let state: Vec<(&str, &str)> = children(&elements, "ComplexType", "State", "Property")
        .iter()
        .map(|p| (p.attr("Name").unwrap(), p.attr("Type").unwrap()))
        .collect();
    assert_eq!(
        state,
        [
            ("ErrorCode", "Edm.Int32"),
            ("StatusBarMessage", "Edm.String"),
            ("StatusBarMessageType", "Edm.String"),
            ("SubsequentActions", "Collection(Edm.String)"),
            ("PrecedingActions", "Collection(Edm.String)"),
        ]
    );

    for generic in ["Login", "Logout", "Home"] {
        let returns = children(&elements, "Action", generic, "ReturnType");
        assert_eq!(returns[0].attr("Type"), Some("Self.Response"));
        assert_eq!(
            find(&elements, "ActionImport", generic).attr("Action"),
            Some(format!("Self.{generic}").as_str())
        );
    }

    // A function with a typed, mandatory parameter and a response with State and Output.
    let params = children(&elements, "Function", "GetUserDetails", "Parameter");
    assert_eq!(params.len(), 1);
    assert_eq!(params[0].attr("Name"), Some("UserName"));
    assert_eq!(params[0].attr("Type"), Some("Edm.String"));
    assert_eq!(params[0].attr("Nullable"), Some("false"));
    assert_eq!(params[0].attr("MaxLength"), Some("12"));
    assert_eq!(
        children(&elements, "Function", "GetUserDetails", "ReturnType")[0].attr("Type"),
        Some("Self.RESPONSE_GetUserDetails")
    );
    let response_props = children(
        &elements,
        "ComplexType",
        "RESPONSE_GetUserDetails",
        "Property",
    );
    assert_eq!(response_props[0].attr("Type"), Some("Self.State"));
    assert_eq!(response_props[1].attr("Name"), Some("Output"));
    assert_eq!(
        response_props[1].attr("Type"),
        Some("Self.OUTPUT_GetUserDetails")
    );
    let output = children(
        &elements,
        "ComplexType",
        "OUTPUT_GetUserDetails",
        "Property",
    );
    let roles = output
        .iter()
        .find(|p| p.attr("Name") == Some("Roles"))
        .unwrap();
    assert_eq!(roles.attr("Type"), Some("Collection(Self.UserRole)"));
    find(&elements, "ComplexType", "UserRole");
    let valid_to = output
        .iter()
        .find(|p| p.attr("Name") == Some("ValidTo"))
        .unwrap();
    assert_eq!(valid_to.attr("Type"), Some("Edm.Date"));
    assert_eq!(valid_to.attr("Nullable"), Some("true"));
    assert_eq!(
        find(&elements, "FunctionImport", "GetUserDetails").attr("Function"),
        Some("Self.GetUserDetails")
    );

    // Optional parameters are nullable; actions have imports.
    let find_params = children(&elements, "Function", "FindUsers", "Parameter");
    assert!(find_params
        .iter()
        .all(|p| p.attr("Nullable") == Some("true")));
    find(&elements, "ActionImport", "LockUser");
    assert!(children(&elements, "Action", "LockUser", "Parameter")
        .iter()
        .any(|p| p.attr("Name") == Some("UserName")));
}

#[tokio::test]
async fn every_app_has_well_formed_metadata_and_a_service_document() {
    let sandbox = start().await;
    for app in apps() {
        let bridge = App::login(&sandbox, app.id).await;
        let response = bridge.raw(bridge.client.get(bridge.url("$metadata"))).await;
        assert_eq!(response.status(), StatusCode::OK, "{}", app.id);
        let elements = parse(&response.text().await.unwrap());
        assert!(
            elements.iter().any(|e| e.name == "EntityContainer"),
            "{}",
            app.id
        );
        // Every operation's return type and every structured type it names is declared.
        let declared: Vec<&str> = elements
            .iter()
            .filter(|e| e.name == "ComplexType")
            .filter_map(|e| e.attr("Name"))
            .collect();
        let mut unique = declared.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(
            unique.len(),
            declared.len(),
            "{}: a type declared twice",
            app.id
        );
        for element in elements
            .iter()
            .filter(|e| e.name == "Property" || e.name == "ReturnType")
        {
            let ty = element.attr("Type").unwrap();
            let inner = ty
                .strip_prefix("Collection(")
                .and_then(|t| t.strip_suffix(')'))
                .unwrap_or(ty);
            if let Some(name) = inner.strip_prefix("Self.") {
                assert!(declared.contains(&name), "{}: {ty} is not declared", app.id);
            } else {
                assert!(inner.starts_with("Edm."), "{}: {ty}", app.id);
            }
        }
        let (status, document) = bridge.get("").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(document["@odata.context"], "$metadata");
    }
}

#[tokio::test]
async fn metadata_needs_a_session_or_credentials() {
    let sandbox = start().await;
    let bridge = App::new(&sandbox, USER_ADMIN_APP);
    let response = bridge.raw(bridge.client.get(bridge.url("$metadata"))).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.headers().contains_key("www-authenticate"));
}
