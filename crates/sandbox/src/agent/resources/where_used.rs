//! `/where`: where-used lists of classes, interfaces and programs.

use abap_system::{ObjectType, WhereUsedRef};
use serde_json::{json, Value};

use super::{int_field, require, Outcome};
use crate::agent::reply::upper_keys;
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
    require(names.is_empty(), "Objects array is required")?;
    let limit = match (ctx.dialect, int_field(ctx, body, "limit")?) {
        (Dialect::AsImplemented, l) if l <= 0 => IMPLEMENTED_DEFAULT_LIMIT,
        (Dialect::AsImplemented, l) => l,
        (Dialect::Documented, l) if l <= 0 => DOCUMENTED_DEFAULT_LIMIT,
        (Dialect::Documented, l) => l.min(DOCUMENTED_MAX_LIMIT),
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
    Ok(render(ctx.dialect, &searched, limit, offset))
}

fn render(dialect: Dialect, searched: &[Searched], limit: usize, offset: usize) -> Reply {
    let mut total_available = 0;
    let mut returned = 0;
    let objects: Vec<Value> = searched
        .iter()
        .map(|s| {
            let all: Vec<&WhereUsedRef> = s
                .references
                .iter()
                .flatten()
                // The implementation keeps only class and program users.
                .filter(|r| {
                    dialect == Dialect::Documented
                        || matches!(r.object_type, ObjectType::Clas | ObjectType::Prog)
                })
                .collect();
            total_available += all.len();
            let page: Vec<&WhereUsedRef> = all.into_iter().skip(offset).take(limit).collect();
            returned += page.len();
            match (dialect, &s.references) {
                (Dialect::AsImplemented, None) => json!({
                    "name": s.name,
                    "type": s.object_type.code(),
                    "error": format!("Object not found: {}", s.name),
                    "references": [],
                    "count": 0,
                }),
                (Dialect::AsImplemented, Some(_)) => json!({
                    "name": s.name,
                    "type": s.object_type.code(),
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
                }),
                (Dialect::Documented, None) => json!({
                    "name": s.name,
                    "type": "",
                    "type_text": "Unknown",
                    "references": [],
                    "count": 0,
                    "not_found": true,
                    "error": "",
                }),
                (Dialect::Documented, Some(_)) => json!({
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
    match dialect {
        Dialect::AsImplemented => {
            let has_more = offset + limit < total_available;
            Reply::ok(upper_keys(json!({
                "success": true,
                "command": "WHERE",
                "message": format!("Found {returned} reference(s)"),
                "objects": objects,
                "summary": {"total_objects": searched.len(), "total_references": returned},
                "pagination": {
                    "limit": limit,
                    "offset": offset,
                    "total": total_available,
                    "has_more": has_more,
                    "next_offset": if has_more { offset + limit } else { 0 },
                },
                "error": "",
            })))
        }
        Dialect::Documented => Reply::ok(json!({
            "success": true,
            "command": "WHERE",
            "message": "Retrieved where-used list",
            "objects": objects,
            "summary": {"total": searched.len(), "total_references": returned},
            "error": "",
        })),
    }
}
