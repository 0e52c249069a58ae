//! `/list`: objects of one package, filtered and paged.

use abap_system::{ObjectFilter, ObjectType, RepoObject};
use serde_json::{json, Value};

use super::{require, Outcome};
use crate::agent::reply::upper_keys;
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;

const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 1000;

pub(crate) fn post(ctx: &Ctx, body: &Body) -> Outcome {
    let package = body.text("package").trim().to_ascii_uppercase();
    require(package.is_empty(), "Package is required")?;
    // As implemented `type` is a comma-separated string and the pattern is `name`;
    // the reference sends an array and `name_pattern`. Both are read, the dialect's first.
    let type_codes: Vec<String> = body
        .texts("type")
        .iter()
        .flat_map(|t| t.split(','))
        .map(|t| t.trim().to_ascii_uppercase())
        .filter(|t| !t.is_empty())
        .collect();
    let pattern = match ctx.dialect {
        Dialect::AsImplemented => body.text("name"),
        Dialect::Documented => {
            let documented = body.text("name_pattern");
            if documented.trim().is_empty() {
                body.text("name")
            } else {
                documented
            }
        }
    };
    let limit = match body.int("limit")? {
        l if l <= 0 => DEFAULT_LIMIT,
        l => l.min(MAX_LIMIT),
    } as usize;
    let offset = body.int("offset")?.max(0) as usize;
    let types: Vec<ObjectType> = type_codes
        .iter()
        .filter_map(|code| ObjectType::from_code(code))
        .collect();
    let unknown_types_only = !type_codes.is_empty() && types.is_empty();
    let filter = ObjectFilter {
        types,
        name_pattern: Some(pattern).filter(|p| !p.trim().is_empty()),
        include_subpackages: false,
    };
    let system = ctx.state.system();
    let listed: Result<Vec<RepoObject>, String> = system
        .objects_in_package(&package, &filter)
        .map(|objects| {
            if unknown_types_only {
                return Vec::new();
            }
            objects
                .into_iter()
                // As implemented DEVC entries are listed too; the reference lists objects only.
                .filter(|o| {
                    ctx.dialect == Dialect::AsImplemented || o.object_type != ObjectType::Devc
                })
                .cloned()
                .collect()
        })
        .map_err(|e| e.to_string());
    drop(system);
    Ok(render(ctx.dialect, &package, listed, limit, offset))
}

fn render(
    dialect: Dialect,
    package: &str,
    listed: Result<Vec<RepoObject>, String>,
    limit: usize,
    offset: usize,
) -> Reply {
    let objects = match listed {
        Ok(objects) => objects,
        Err(error) => {
            return match dialect {
                Dialect::AsImplemented => Reply::ok(upper_keys(json!({
                    "success": false,
                    "command": "LIST",
                    "package": package,
                    "total": 0,
                    "limit": limit,
                    "offset": offset,
                    "objects": [],
                    "by_type": [],
                    "error": error,
                }))),
                Dialect::Documented => Reply::ok(json!({
                    "success": false,
                    "command": "LIST",
                    "package": package,
                    "error": error,
                })),
            }
        }
    };
    let total = objects.len();
    let page: Vec<&RepoObject> = objects.iter().skip(offset).take(limit).collect();
    match dialect {
        Dialect::AsImplemented => {
            let mut types: Vec<&str> = page.iter().map(|o| o.object_type.code()).collect();
            types.dedup();
            // The aggregation bug: every type is counted as 1.
            let by_type: Vec<Value> = types
                .iter()
                .map(|t| json!({"type": t, "count": 1}))
                .collect();
            Reply::ok(upper_keys(json!({
                "success": true,
                "command": "LIST",
                "package": package,
                "total": total,
                "limit": limit,
                "offset": offset,
                "objects": page
                    .iter()
                    .map(|o| json!({"type": o.object_type.code(), "name": o.name}))
                    .collect::<Vec<_>>(),
                "by_type": by_type,
                "error": "",
            })))
        }
        Dialect::Documented => Reply::ok(json!({
            "success": true,
            "command": "LIST",
            "package": package,
            "message": "Objects retrieved successfully",
            "objects": page
                .iter()
                .map(|o| json!({
                    "object": o.object_type.code(),
                    "obj_name": o.name,
                    "description": o.description,
                }))
                .collect::<Vec<_>>(),
            "total": total,
            "limit": limit,
            "offset": offset,
            "error": "",
        })),
    }
}
