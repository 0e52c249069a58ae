//! `/view`: object definitions (sources, sections, DDIC components). The
//! as-implemented dialect runs the handler's viewer classes (`viewers`); the
//! documented dialect answers the shapes the documentation shows.

mod viewers;

use abap_system::{FieldDef, ObjectType, System};
use serde_json::{json, Value};

use super::{message, require, Outcome};
use crate::agent::reply::upper_keys;
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;

#[derive(Clone, Default)]
struct Section {
    suffix: String,
    description: String,
    method_name: String,
    file: String,
    lines: Vec<String>,
}

impl From<abap_system::ClassSection> for Section {
    fn from(s: abap_system::ClassSection) -> Self {
        Self {
            suffix: s.suffix,
            description: s.description,
            method_name: s.method_name,
            file: s.file,
            lines: s.lines,
        }
    }
}

#[derive(Default)]
struct Component {
    field: String,
    key: bool,
    ddic_type: String,
    length: u32,
    decimals: u32,
    data_element: String,
    description: String,
}

/// Everything the viewers can fill; each type fills its part.
#[derive(Default)]
struct Viewed {
    name: String,
    object_type: Option<ObjectType>,
    description: String,
    package: String,
    domain: String,
    domain_type: String,
    domain_length: u32,
    domain_decimals: u32,
    source: String,
    definition: String,
    sections: Vec<Section>,
    components: Vec<Component>,
}

fn component(field: &FieldDef) -> Component {
    Component {
        field: field.name.clone(),
        key: field.key,
        ddic_type: field.ddic_type.clone(),
        length: field.length,
        decimals: field.decimals,
        data_element: field.data_element.clone(),
        description: field.description.clone(),
    }
}

fn single_section(suffix: &str, description: &str, source: &str) -> Section {
    Section {
        suffix: suffix.to_string(),
        description: description.to_string(),
        lines: source.lines().map(str::to_string).collect(),
        ..Section::default()
    }
}

fn view_object(system: &System, name: &str, wanted: Option<ObjectType>, full: bool) -> Viewed {
    let name = name.trim().to_ascii_uppercase();
    let mut viewed = Viewed {
        name: name.clone(),
        ..Viewed::default()
    };
    let object_type = match wanted {
        Some(t) => Some(t).filter(|t| system.object(*t, &name).is_some()),
        None => system.detect_view_type(&name),
    };
    let Some(object_type) = object_type else {
        return viewed;
    };
    // A padded include name (ZCL_X=====CM001) shows its class.
    let entry = system
        .object(object_type, &name)
        .or_else(|| system.find_object(&name, None));
    let Some(entry) = entry else {
        return viewed;
    };
    let object_name = entry.name.clone();
    viewed.name = object_name.clone();
    viewed.object_type = Some(object_type);
    viewed.description = entry.description.clone();
    viewed.package = entry.package.clone();
    match object_type {
        ObjectType::Clas => {
            if let Some(class) = system.class(&object_name) {
                if full {
                    viewed.sections = class.sections().into_iter().map(Section::from).collect();
                } else {
                    viewed.source = class.public_section();
                }
            }
        }
        ObjectType::Tabl | ObjectType::Stru => {
            if let Some(table) = system.table(&object_name) {
                viewed.components = table.fields.iter().map(component).collect();
            }
        }
        ObjectType::Dtel => {
            if let Some(element) = system.data_element(&object_name) {
                viewed.description = element.description.clone();
                viewed.domain = element.domain.clone();
                viewed.domain_type = element.data_type.clone();
                viewed.domain_length = element.length;
                viewed.domain_decimals = element.decimals;
            }
        }
        ObjectType::Doma => {
            if let Some(domain) = system.domain(&object_name) {
                viewed.domain = domain.name.clone();
                viewed.domain_type = domain.data_type.clone();
                viewed.domain_length = domain.length;
                viewed.domain_decimals = domain.decimals;
                viewed.source = domain
                    .fixed_values
                    .iter()
                    .map(|value| format!("{} {}", value.low, value.text))
                    .collect::<Vec<_>>()
                    .join("\n");
            }
        }
        ObjectType::Ttyp => {
            if let Some(table_type) = system.table_type(&object_name) {
                viewed.definition = format!(
                    "{} TABLE OF {} WITH {}",
                    table_type.access, table_type.row_type, table_type.key
                );
                if let Some(row) = system.table(&table_type.row_type) {
                    viewed.components = row.fields.iter().map(component).collect();
                }
            }
        }
        ObjectType::Msag => {
            if let Some(messages) = system.message_class(&object_name) {
                viewed.source = messages
                    .iter()
                    .map(|(number, text)| format!("{number} {text}"))
                    .collect::<Vec<_>>()
                    .join("\n");
            }
        }
        ObjectType::Stob => {
            if let Some((fields, _)) = system.cds_rows(&object_name) {
                viewed.components = fields.iter().map(component).collect();
            }
        }
        other => {
            let source = system.source(other, &object_name).unwrap_or_default();
            if full {
                let suffix = match other {
                    ObjectType::Intf => "IU",
                    ObjectType::Prog => "PROG",
                    code => code.code(),
                };
                viewed.sections = vec![single_section(suffix, other.type_text(), &source)];
            } else {
                viewed.source = source;
            }
        }
    }
    viewed
}

fn render_documented(viewed: &Viewed, full: bool) -> Value {
    let Some(object_type) = viewed.object_type else {
        return json!({
            "name": viewed.name,
            "type": "",
            "type_text": "Unknown",
            "not_found": true,
            "components": [],
        });
    };
    let mut body = json!({
        "name": viewed.name,
        "type": object_type.code(),
        "type_text": object_type.type_text(),
        "description": viewed.description,
    });
    let Some(map) = body.as_object_mut() else {
        return body;
    };
    if object_type == ObjectType::Dtel {
        map.insert("domain".into(), viewed.domain.clone().into());
        map.insert("domain_type".into(), viewed.domain_type.clone().into());
        map.insert("domain_length".into(), viewed.domain_length.into());
        map.insert("domain_decimals".into(), viewed.domain_decimals.into());
    } else if !full || viewed.sections.is_empty() {
        map.insert("source".into(), viewed.source.clone().into());
    }
    map.insert("not_found".into(), false.into());
    map.insert(
        "components".into(),
        viewed
            .components
            .iter()
            .map(|c| {
                json!({
                    "field": c.field,
                    "key": c.key,
                    "type": c.ddic_type,
                    "length": c.length,
                    "decimals": c.decimals,
                    "dataelement": c.data_element,
                    "description": c.description,
                })
            })
            .collect::<Vec<_>>()
            .into(),
    );
    if full && !viewed.sections.is_empty() {
        map.insert(
            "sections".into(),
            viewed
                .sections
                .iter()
                .map(|s| {
                    json!({
                        "suffix": s.suffix,
                        "description": s.description,
                        "method_name": s.method_name,
                        "file": s.file,
                        "lines": s.lines,
                    })
                })
                .collect::<Vec<_>>()
                .into(),
        );
    }
    body
}

pub(crate) fn post(ctx: &Ctx, body: &Body) -> Outcome {
    let names = body.texts("objects");
    require(
        names.is_empty(),
        message(
            ctx,
            "Objects parameter is required",
            "Objects array is required",
        ),
    )?;
    let type_code = body.text("type");
    if ctx.dialect == Dialect::AsImplemented {
        let viewed = {
            let system = ctx.state.system();
            viewers::view_all(
                &system,
                &names,
                &type_code,
                &body.text("fm"),
                body.flag("full"),
            )
        };
        return Ok(render_implemented(&viewed));
    }
    let wanted = ObjectType::from_code(&type_code);
    if wanted.is_none() && !type_code.trim().is_empty() {
        // An unknown explicit type finds nothing, like a viewer class that does not exist.
        let viewed: Vec<Viewed> = names
            .iter()
            .map(|n| Viewed {
                name: n.trim().to_ascii_uppercase(),
                ..Viewed::default()
            })
            .collect();
        return Ok(render_documented_all(&viewed, false));
    }
    let full = body.flag("full");
    let viewed: Vec<Viewed> = {
        let system = ctx.state.system();
        names
            .iter()
            .map(|name| view_object(&system, name, wanted, full))
            .collect()
    };
    Ok(render_documented_all(&viewed, full))
}

fn render_implemented(viewed: &[viewers::Info]) -> Reply {
    // build_summary: each type once, in the order first seen.
    let mut by_type: Vec<&str> = Vec::new();
    for info in viewed {
        if !by_type.contains(&info.object_type()) {
            by_type.push(info.object_type());
        }
    }
    let body = json!({
        "success": true,
        "command": "VIEW",
        "message": "Retrieved object(s)",
        "objects": viewed.iter().map(viewers::Info::to_json).collect::<Vec<_>>(),
        "summary": {"total": viewed.len(), "by_type": by_type},
        "error": "",
    });
    Reply::ok(upper_keys(body))
}

fn render_documented_all(viewed: &[Viewed], full: bool) -> Reply {
    let objects: Vec<Value> = viewed.iter().map(|v| render_documented(v, full)).collect();
    let by_type: Vec<&str> = viewed
        .iter()
        .map(|v| v.object_type.map(ObjectType::code).unwrap_or(""))
        .collect();
    Reply::ok(json!({
        "success": true,
        "command": "VIEW",
        "message": "Retrieved object(s)",
        "objects": objects,
        "summary": {"total": viewed.len(), "by_type": by_type},
        "error": "",
    }))
}
