//! The XML reading the OData helpers share, on roxmltree: elements and attributes by local
//! name (servers agree on the namespaces' prefixes more than on their URIs), text with
//! entities resolved, DTDs refused and nesting bounded, so hostile input is just an error.

use roxmltree::{Document, Node, ParsingOptions};

/// Nesting deeper than this is refused (the converters recurse).
pub(crate) const MAX_DEPTH: usize = 64;

pub(crate) fn parse(xml: &str) -> Result<Document<'_>, String> {
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit: 5_000_000,
        ..ParsingOptions::default()
    };
    let document = Document::parse_with_options(xml, options)
        .map_err(|error| format!("not well-formed XML: {error}"))?;
    let too_deep = document
        .descendants()
        .any(|node| node.is_element() && node.ancestors().count() > MAX_DEPTH + 1);
    if too_deep {
        return Err(format!("elements nested deeper than {MAX_DEPTH}"));
    }
    Ok(document)
}

pub(crate) fn local_name<'a>(node: Node<'a, '_>) -> &'a str {
    node.tag_name().name()
}

/// An attribute by local name (`m:type` and `type` both answer to `type`).
pub(crate) fn attribute<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|attribute| attribute.name() == name)
        .map(|attribute| attribute.value())
}

pub(crate) fn elements<'a, 'input>(
    node: Node<'a, 'input>,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(Node::is_element)
}

pub(crate) fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    elements(node).find(|child| local_name(*child) == name)
}

pub(crate) fn children_named<'a, 'input: 'a>(
    node: Node<'a, 'input>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    elements(node).filter(move |child| local_name(*child) == name)
}

/// The element's own text (its text children joined).
pub(crate) fn text(node: Node<'_, '_>) -> String {
    node.children()
        .filter(Node::is_text)
        .filter_map(|text| text.text())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_attributes_and_refusals() {
        let xml = r#"<?xml version="1.0"?><a xmlns:x="urn:x" x:k="1 &amp; 2"><b>O&apos;Brien &#x2013; &lt;<![CDATA[ & more]]></b><c/></a>"#;
        let document = parse(xml).unwrap();
        let root = document.root_element();
        assert_eq!(attribute(root, "k"), Some("1 & 2"));
        assert_eq!(text(child(root, "b").unwrap()), "O'Brien \u{2013} < & more");
        assert!(child(root, "c").is_some());
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a>").is_err());
        assert!(parse("plain text").is_err());
        assert!(parse("<a>&bogus;</a>").is_err());
        assert!(parse(r#"<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>"#).is_err());
        let deep = format!(
            "{}{}",
            "<a>".repeat(MAX_DEPTH + 2),
            "</a>".repeat(MAX_DEPTH + 2)
        );
        assert!(parse(&deep).unwrap_err().contains("deeper"));
    }
}
