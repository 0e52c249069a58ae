//! An app's `$metadata`: CSDL 4.0 XML with the `State` and `Response` types, one action or
//! function per sequence (typed parameters, `RESPONSE_<name>` with `State` and
//! `OUTPUT_<name>`, table rows as complex types) and the container's imports.

use std::fmt::Write as _;

use super::model::{AppSpec, Kind, OutputProp, Sequence, GENERIC_ACTIONS};

pub(crate) fn csdl(app: &AppSpec) -> String {
    let mut xml = String::with_capacity(8 * 1024);
    xml.push_str(r#"<?xml version="1.0" encoding="utf-8"?>"#);
    xml.push_str(
        r#"<edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">"#,
    );
    xml.push_str("<edmx:DataServices>");
    let _ = write!(
        xml,
        r#"<Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="{}" Alias="Self">"#,
        app.namespace()
    );
    xml.push_str(concat!(
        r#"<ComplexType Name="State">"#,
        r#"<Property Name="ErrorCode" Type="Edm.Int32" Nullable="false"/>"#,
        r#"<Property Name="StatusBarMessage" Type="Edm.String"/>"#,
        r#"<Property Name="StatusBarMessageType" Type="Edm.String" MaxLength="1"/>"#,
        r#"<Property Name="SubsequentActions" Type="Collection(Edm.String)" Nullable="false"/>"#,
        r#"<Property Name="PrecedingActions" Type="Collection(Edm.String)" Nullable="false"/>"#,
        "</ComplexType>",
        r#"<ComplexType Name="Response">"#,
        r#"<Property Name="State" Type="Self.State" Nullable="false"/>"#,
        "</ComplexType>",
    ));
    // Sequences may share a row type (the same table control): declared once.
    let mut declared = Vec::new();
    for sequence in app.sequences {
        output_types(&mut xml, sequence, &mut declared);
    }
    for name in GENERIC_ACTIONS {
        let _ = write!(
            xml,
            r#"<Action Name="{name}"><ReturnType Type="Self.Response" Nullable="false"/></Action>"#
        );
    }
    for sequence in app.sequences {
        operation(&mut xml, sequence);
    }
    xml.push_str(r#"<EntityContainer Name="Container">"#);
    for name in GENERIC_ACTIONS {
        let _ = write!(xml, r#"<ActionImport Name="{name}" Action="Self.{name}"/>"#);
    }
    for sequence in app.sequences {
        let name = sequence.name;
        match sequence.kind {
            Kind::Action => {
                let _ = write!(xml, r#"<ActionImport Name="{name}" Action="Self.{name}"/>"#);
            }
            Kind::Function => {
                let _ = write!(
                    xml,
                    r#"<FunctionImport Name="{name}" Function="Self.{name}" IncludeInServiceDocument="true"/>"#
                );
            }
        }
    }
    xml.push_str("</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>");
    xml
}

fn output_types(xml: &mut String, sequence: &Sequence, declared: &mut Vec<String>) {
    if sequence.output.is_empty() {
        return;
    }
    let name = sequence.name;
    complex_type(xml, &format!("OUTPUT_{name}"), sequence.output, declared);
    let _ = write!(
        xml,
        concat!(
            r#"<ComplexType Name="RESPONSE_{name}">"#,
            r#"<Property Name="State" Type="Self.State" Nullable="false"/>"#,
            r#"<Property Name="Output" Type="Self.OUTPUT_{name}" Nullable="false"/>"#,
            "</ComplexType>"
        ),
        name = name
    );
}

/// A complex type and, after it, the row types of its tables (each type once).
fn complex_type(xml: &mut String, name: &str, props: &[OutputProp], declared: &mut Vec<String>) {
    if declared.iter().any(|known| known == name) {
        return;
    }
    declared.push(name.to_owned());
    let _ = write!(xml, r#"<ComplexType Name="{name}">"#);
    for prop in props {
        match prop {
            OutputProp::Field {
                name,
                edm,
                nullable,
            } => {
                let _ = write!(
                    xml,
                    r#"<Property Name="{name}" Type="{}" Nullable="{nullable}"/>"#,
                    edm.name()
                );
            }
            OutputProp::Table { name, row_type, .. } => {
                let _ = write!(
                    xml,
                    r#"<Property Name="{name}" Type="Collection(Self.{row_type})" Nullable="false"/>"#
                );
            }
        }
    }
    xml.push_str("</ComplexType>");
    for prop in props {
        if let OutputProp::Table {
            row_type, columns, ..
        } = prop
        {
            complex_type(xml, row_type, columns, declared);
        }
    }
}

fn operation(xml: &mut String, sequence: &Sequence) {
    let (element, extra) = match sequence.kind {
        Kind::Action => ("Action", ""),
        Kind::Function => ("Function", r#" IsComposable="false""#),
    };
    let _ = write!(xml, r#"<{element} Name="{}"{extra}>"#, sequence.name);
    for param in sequence.params {
        let _ = write!(
            xml,
            r#"<Parameter Name="{}" Type="{}" Nullable="{}""#,
            param.name,
            param.edm.name(),
            param.nullable
        );
        if let Some(max) = param.max_length {
            let _ = write!(xml, r#" MaxLength="{max}""#);
        }
        xml.push_str("/>");
    }
    let return_type = if sequence.output.is_empty() {
        "Self.Response".to_owned()
    } else {
        format!("Self.RESPONSE_{}", sequence.name)
    };
    let _ = write!(
        xml,
        r#"<ReturnType Type="{return_type}" Nullable="false"/></{element}>"#
    );
}

/// The service document: the function imports (action imports are not listed in OData V4).
pub(crate) fn service_document(app: &AppSpec) -> serde_json::Value {
    let functions: Vec<serde_json::Value> = app
        .sequences
        .iter()
        .filter(|s| s.kind == Kind::Function)
        .map(|s| serde_json::json!({"name": s.name, "kind": "FunctionImport", "url": s.name}))
        .collect();
    serde_json::json!({"@odata.context": "$metadata", "value": functions})
}
