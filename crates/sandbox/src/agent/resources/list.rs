//! `/list`: objects of one package, filtered and paged.

use abap_system::{ObjectFilter, ObjectType, RepoObject, TadirSelect};
use serde_json::json;

use super::{int_field, require, Outcome};
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;

const DEFAULT_LIMIT: i64 = 100;
const MAX_LIMIT: i64 = 1000;

pub(crate) fn post(ctx: &Ctx, body: &Body) -> Outcome {
    match ctx.dialect {
        Dialect::AsImplemented => as_implemented(ctx, body),
        Dialect::Documented => documented(ctx, body),
    }
}

/// `ZCL_ABGAGT_COMMAND_LIST`: the package as sent (`tdevc-devclass`), `type` split at commas
/// after `to_upper`, `*` in `name` replaced by `%` for `LIKE`, rows `ORDER BY object,
/// obj_name` with `UP TO limit ROWS OFFSET offset`.
fn as_implemented(ctx: &Ctx, body: &Body) -> Outcome {
    let package = body.char("package", 30);
    require(package.is_empty(), "Package is required")?;
    let system = ctx.state.system();
    if system.package_exact(&package).is_none() {
        // Checked before the limit defaults are set: LIMIT and OFFSET stay 0.
        return Ok(Reply::upper(json!({
            "success": false,
            "command": "LIST",
            "package": package,
            "total": 0,
            "limit": 0,
            "offset": 0,
            "objects": [],
            "by_type": [],
            "error": format!("Package {package} does not exist"),
        })));
    }
    let limit = match int_field(ctx, body, "limit")? {
        l if l <= 0 => DEFAULT_LIMIT,
        l => l.min(MAX_LIMIT),
    };
    let offset = int_field(ctx, body, "offset")?;
    let types = body.text("type");
    let object_in: Vec<String> = if types.is_empty() {
        Vec::new()
    } else {
        // Each part goes into a range of `tadir-object` (four characters), untrimmed.
        types
            .to_uppercase()
            .split(',')
            .map(|code| code.chars().take(4).collect())
            .collect()
    };
    let name_like = Some(body.char("name", 40).replace('*', "%")).filter(|p| !p.is_empty());
    let rows = system.select_tadir(&TadirSelect {
        devclass: package.clone(),
        object_in,
        name_like,
    });
    let total = rows.len();
    let page: Vec<&RepoObject> = rows
        .into_iter()
        .skip(offset.max(0) as usize)
        .take(limit as usize)
        .collect();
    let mut types: Vec<&str> = page.iter().map(|o| o.object_type.code()).collect();
    types.dedup();
    Ok(Reply::upper(json!({
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
        // The aggregation bug: every type is counted as 1.
        "by_type": types
            .iter()
            .map(|t| json!({"type": t, "count": 1}))
            .collect::<Vec<_>>(),
        "error": "",
    })))
}

fn documented(ctx: &Ctx, body: &Body) -> Outcome {
    let package = body.text("package").trim().to_ascii_uppercase();
    require(package.is_empty(), "Package is required")?;
    // The reference sends `type` as an array and the pattern as `name_pattern`.
    let type_codes: Vec<String> = body
        .texts("type")
        .iter()
        .flat_map(|t| t.split(','))
        .map(|t| t.trim().to_ascii_uppercase())
        .filter(|t| !t.is_empty())
        .collect();
    let documented = body.text("name_pattern");
    let pattern = if documented.trim().is_empty() {
        body.text("name")
    } else {
        documented
    };
    let limit = match int_field(ctx, body, "limit")? {
        l if l <= 0 => DEFAULT_LIMIT,
        l => l.min(MAX_LIMIT),
    } as usize;
    let offset = int_field(ctx, body, "offset")?.max(0) as usize;
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
            // The reference lists objects only, no package entries.
            objects
                .into_iter()
                .filter(|o| o.object_type != ObjectType::Devc)
                .cloned()
                .collect()
        })
        .map_err(|e| e.to_string());
    drop(system);
    Ok(render(&package, listed, limit, offset))
}

fn render(
    package: &str,
    listed: Result<Vec<RepoObject>, String>,
    limit: usize,
    offset: usize,
) -> Reply {
    let objects = match listed {
        Ok(objects) => objects,
        Err(error) => {
            return Reply::ok(json!({
                "success": false,
                "command": "LIST",
                "package": package,
                "error": error,
            }))
        }
    };
    let total = objects.len();
    let page: Vec<&RepoObject> = objects.iter().skip(offset).take(limit).collect();
    Reply::ok(json!({
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
    }))
}
