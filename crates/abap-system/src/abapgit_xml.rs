//! The small subset of abapGit's XML format the simulated system writes and reads.

/// Escapes text for an XML element.
pub(crate) fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub(crate) fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Wraps `values` (already indented XML) in the abapGit envelope, with the BOM.
pub(crate) fn document(serializer: &str, values: &str) -> String {
    format!(
        "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<abapGit version=\"v1.0.0\" serializer=\"LCL_OBJECT_{serializer}\" serializer_version=\"v1.0.0\">\n <asx:abap xmlns:asx=\"http://www.sap.com/abapxml\" version=\"1.0\">\n  <asx:values>\n{values} </asx:values>\n </asx:abap>\n</abapGit>\n"
    )
}

/// `<NAME>` with child elements (name, value); empty values are omitted as abapGit does.
pub(crate) fn element(name: &str, children: &[(&str, String)], indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = format!("{pad}<{name}>\n");
    for (child, value) in children.iter().filter(|(_, v)| !v.is_empty()) {
        out.push_str(&format!("{pad} <{child}>{}</{child}>\n", escape(value)));
    }
    out.push_str(&format!("{pad}</{name}>\n"));
    out
}

/// Inner text of the first `<name>…</name>`.
pub(crate) fn tag(xml: &str, name: &str) -> Option<String> {
    blocks(xml, name)
        .into_iter()
        .next()
        .map(|s| unescape(s.trim()))
}

/// Inner texts of every `<name>…</name>`, in order.
pub(crate) fn blocks<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let mut found = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(&close) else {
            break;
        };
        found.push(&after[..end]);
        rest = &after[end + close.len()..];
    }
    found
}
