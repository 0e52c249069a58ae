//! `/where`: where-used lists of classes, interfaces and programs.

use abap_system::{ObjectType, WhereUsedRef};
use serde_json::{json, Value};

use super::{int_field, message, require, Outcome};
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;

const IMPLEMENTED_DEFAULT_LIMIT: i64 = 100;
const DOCUMENTED_DEFAULT_LIMIT: i64 = 50;
/// The reference's maximum; the implementation has none.
const DOCUMENTED_MAX_LIMIT: i64 = 200;

struct Searched {
    name: String,
    object_type: ObjectType,
    /// `None` when the object does not exist.
    references: Option<Vec<WhereUsedRef>>,
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
    if ctx.dialect == Dialect::AsImplemented {
        return Ok(as_implemented(ctx, body, &names));
    }
    let limit = match int_field(ctx, body, "limit")? {
        l if l <= 0 => DOCUMENTED_DEFAULT_LIMIT,
        l => l.min(DOCUMENTED_MAX_LIMIT),
    } as usize;
    let offset = int_field(ctx, body, "offset")?.max(0) as usize;
    let explicit = ObjectType::from_code(&body.text("type"));
    let searched: Vec<Searched> = {
        let system = ctx.state.system();
        names
            .iter()
            .map(|name| {
                let name = name.trim().to_ascii_uppercase();
                match system.where_used(&name, explicit) {
                    Ok((object_type, references)) => Searched {
                        name,
                        object_type,
                        references: Some(references),
                    },
                    Err(_) => Searched {
                        object_type: explicit.unwrap_or_else(|| system.detect_where_type(&name)),
                        name,
                        references: None,
                    },
                }
            })
            .collect()
    };
    Ok(render_documented(&searched, limit, offset))
}

/// One object as `ZCL_ABGAGT_COMMAND_WHERE` reports it.
struct Found {
    /// As sent: the command neither trims nor upper-cases it.
    name: String,
    /// The request's `type` as sent, else the detected one.
    type_code: String,
    /// All references of class and program users (`None`: not in TADIR).
    all: Option<Vec<WhereUsedRef>>,
}

/// `detect_object_type`: name patterns (`CP` ignores case), else a TADIR lookup of the name
/// as sent, else CLAS.
fn detect_type(system: &abap_system::System, name: &str) -> ObjectType {
    let upper = name.to_ascii_uppercase();
    if ["ZCL_", "CL_", "ZIF_", "IF_", "SAPL"]
        .iter()
        .any(|prefix| upper.starts_with(prefix))
        || name == upper
    {
        system.detect_where_type(name)
    } else {
        ObjectType::Clas
    }
}

/// `ZCL_ABGAGT_COMMAND_WHERE->execute`: limit 100 when initial (a negative one stays and means
/// no limit), a negative offset skips nothing, the TADIR check uses the name and type exactly
/// as sent, and the summary's total is the full count of the first object that has any
/// references.
fn as_implemented(ctx: &Ctx, body: &Body, names: &[String]) -> Reply {
    let limit = match body.abap_int("limit") {
        0 => IMPLEMENTED_DEFAULT_LIMIT,
        l => l,
    };
    let offset = body.abap_int("offset");
    let sent_type = body.text("type");
    let found: Vec<Found> = {
        let system = ctx.state.system();
        names
            .iter()
            .map(|name| {
                let type_code = if sent_type.is_empty() {
                    detect_type(&system, name).code().to_string()
                } else {
                    sent_type.clone()
                };
                // TADIR holds names and types in upper case (c fields: trailing blanks go).
                let key = name.trim_end();
                let all = ObjectType::from_code(&type_code)
                    .filter(|t| t.code() == type_code.trim_end())
                    .filter(|_| key == key.to_ascii_uppercase() && !key.starts_with(' '))
                    .and_then(|t| system.where_used(key, Some(t)).ok())
                    .map(|(_, references)| {
                        references
                            .into_iter()
                            .filter(|r| {
                                matches!(r.object_type, ObjectType::Clas | ObjectType::Prog)
                            })
                            .collect()
                    });
                Found {
                    name: name.clone(),
                    type_code,
                    all,
                }
            })
            .collect()
    };
    let mut first_total = 0;
    let objects: Vec<Value> = found
        .iter()
        .map(|f| match &f.all {
            None => json!({
                "name": f.name,
                "type": f.type_code,
                "error": format!("Object not found: {}", f.name),
                "references": [],
                "count": 0,
            }),
            Some(all) => {
                let skip = usize::try_from(offset).unwrap_or(0);
                let take = usize::try_from(limit)
                    .ok()
                    .filter(|l| *l > 0)
                    .unwrap_or(usize::MAX);
                let mut page: Vec<&WhereUsedRef> = all.iter().skip(skip).take(take).collect();
                page.sort_by(|a, b| a.object_name.cmp(&b.object_name));
                if first_total == 0 {
                    first_total = all.len();
                }
                json!({
                    "name": f.name,
                    "type": f.type_code,
                    "error": "",
                    "references": page.iter().map(|r| json!({
                        "object": r.object_name,
                        "object_type": r.object_type.code(),
                        "include_name": r.include_name,
                        "method_name": r.method_name,
                        "include_type": r.include_type,
                        "package": r.package,
                    })).collect::<Vec<_>>(),
                    "count": page.len(),
                })
            }
        })
        .collect();
    let listed: u64 = objects.iter().filter_map(|o| o["count"].as_u64()).sum();
    let total = if first_total > 0 {
        first_total as u64
    } else {
        listed
    };
    let has_more = limit > 0 && ((offset + limit) as i128) < i128::from(total);
    Reply::upper(json!({
        "success": true,
        "command": "WHERE",
        "message": if total == 1 {
            "Found 1 reference".to_string()
        } else {
            format!("Found {total} references")
        },
        "objects": objects,
        "summary": {"total_objects": found.len(), "total_references": total},
        "pagination": {
            "limit": limit,
            "offset": offset,
            "total": total,
            "has_more": has_more,
            "next_offset": if has_more { offset + limit } else { 0 },
        },
        "error": "",
    }))
}

fn render_documented(searched: &[Searched], limit: usize, offset: usize) -> Reply {
    let mut returned = 0;
    let objects: Vec<Value> = searched
        .iter()
        .map(|s| {
            let page: Vec<&WhereUsedRef> = s
                .references
                .iter()
                .flatten()
                .skip(offset)
                .take(limit)
                .collect();
            returned += page.len();
            match &s.references {
                None => json!({
                    "name": s.name,
                    "type": "",
                    "type_text": "Unknown",
                    "references": [],
                    "count": 0,
                    "not_found": true,
                    "error": "",
                }),
                Some(_) => json!({
                    "name": s.name,
                    "type": s.object_type.code(),
                    "type_text": s.object_type.type_text(),
                    "references": page.iter().map(|r| json!({
                        "object": r.object_type.code(),
                        "obj_name": r.object_name,
                        "include": r.include_name,
                        "line": r.line,
                        "program": r.object_name,
                    })).collect::<Vec<_>>(),
                    "count": page.len(),
                    "not_found": false,
                    "error": "",
                }),
            }
        })
        .collect();
    Reply::ok(json!({
        "success": true,
        "command": "WHERE",
        "message": "Retrieved where-used list",
        "objects": objects,
        "summary": {"total": searched.len(), "total_references": returned},
        "error": "",
    }))
}
