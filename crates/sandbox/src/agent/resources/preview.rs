//! `/preview`: rows of tables and CDS views with a WHERE condition, columns and paging.

use abap_system::{ObjectType, PreviewQuery, PreviewResult, SystemError, Value as Cell};
use serde_json::{json, Map, Value};

use super::{int_field, require, Outcome, Refusal};
use crate::agent::reply::upper_keys;
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;

const DEFAULT_LIMIT: i64 = 10;
/// The reference's maximum; the implementation has none.
const DOCUMENTED_MAX_LIMIT: i64 = 100;

struct Previewed {
    name: String,
    object_type: ObjectType,
    result: Result<PreviewResult, String>,
}

pub(crate) fn post(ctx: &Ctx, body: &Body) -> Outcome {
    let names = body.texts("objects");
    require(names.is_empty(), "Objects array is required")?;
    let limit = match int_field(ctx, body, "limit")? {
        l if l <= 0 => DEFAULT_LIMIT,
        l if ctx.dialect == Dialect::Documented => l.min(DOCUMENTED_MAX_LIMIT),
        l => l,
    } as usize;
    let offset = int_field(ctx, body, "offset")?.max(0) as usize;
    let explicit_type = ObjectType::from_code(&body.text("type"))
        .filter(|t| matches!(t, ObjectType::Tabl | ObjectType::Ddls));
    let query = PreviewQuery {
        where_clause: Some(body.text("where")).filter(|w| !w.trim().is_empty()),
        columns: body.texts("columns"),
        offset,
        limit,
    };
    let mut previewed = Vec::new();
    {
        let system = ctx.state.system();
        for name in &names {
            let name = name.trim().to_ascii_uppercase();
            let object_type = explicit_type.unwrap_or_else(|| system.detect_preview_type(&name));
            let result = match system.preview(&name, Some(object_type), &query) {
                Ok(result) => Ok(result),
                // Dynamic SQL with a broken condition raises; the POST answers 400.
                Err(SystemError::InvalidWhere(message)) => return Err(Refusal(message)),
                Err(error) => Err(error.to_string()),
            };
            previewed.push(Previewed {
                name,
                object_type,
                result,
            });
        }
    }
    Ok(render(ctx.dialect, &previewed, limit, offset))
}

/// Documented rows show dates as ISO dates and NUMC as numbers (CONNID 17); the
/// implementation sends the internal YYYYMMDD and the zero-padded text.
fn documented_cell(cell: &Cell) -> Value {
    match cell {
        Cell::Numc(text) => text
            .trim()
            .parse::<u64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::String(text.clone())),
        Cell::Date(text) if text.len() == 8 && text.chars().all(|c| c.is_ascii_digit()) => {
            Value::String(format!("{}-{}-{}", &text[0..4], &text[4..6], &text[6..8]))
        }
        other => other.to_json(),
    }
}

fn render_object(dialect: Dialect, previewed: &Previewed) -> Value {
    let type_code = previewed.object_type.code();
    let type_text = previewed.object_type.type_text();
    let result = match &previewed.result {
        Ok(result) => result,
        Err(error) => {
            let rows = match dialect {
                Dialect::AsImplemented => json!("[]"),
                Dialect::Documented => json!([]),
            };
            return json!({
                "name": previewed.name,
                "type": type_code,
                "type_text": type_text,
                "row_count": 0,
                "total_rows": 0,
                "rows": rows,
                "fields": [],
                "columns_displayed": 0,
                "columns_hidden": [],
                "error": error,
            });
        }
    };
    let (rows, fields) = match dialect {
        Dialect::AsImplemented => {
            // SELECT * always: rows carry every column; the array travels as a JSON string.
            let rows: Vec<Value> = result
                .rows
                .iter()
                .map(|row| Value::Object(result.row_pairs(row, false).into_iter().collect()))
                .collect();
            let fields: Vec<Value> = result
                .displayed_rtti()
                .iter()
                .map(|f| {
                    json!({
                        "field": f.field,
                        "type": f.type_kind,
                        "length": f.length,
                        "decimals": f.decimals,
                    })
                })
                .collect();
            (Value::String(Value::Array(rows).to_string()), fields)
        }
        Dialect::Documented => {
            let rows: Vec<Value> = result
                .rows
                .iter()
                .map(|row| {
                    let map: Map<String, Value> = result
                        .displayed
                        .iter()
                        .filter_map(|i| {
                            let field = result.fields.get(*i)?;
                            let cell = row.get(*i)?;
                            Some((field.name.clone(), documented_cell(cell)))
                        })
                        .collect();
                    Value::Object(map)
                })
                .collect();
            let fields: Vec<Value> = result
                .displayed_fields()
                .iter()
                .map(|f| {
                    let mut field = json!({
                        "field": f.name,
                        "type": f.ddic_type,
                        "length": f.length,
                    });
                    if f.decimals > 0 {
                        if let Some(map) = field.as_object_mut() {
                            map.insert("decimals".into(), f.decimals.into());
                        }
                    }
                    field
                })
                .collect();
            (Value::Array(rows), fields)
        }
    };
    json!({
        "name": result.name,
        "type": result.object_type.code(),
        "type_text": result.object_type.type_text(),
        "row_count": result.rows.len(),
        "total_rows": result.total_rows,
        "rows": rows,
        "fields": fields,
        "columns_displayed": result.displayed.len(),
        "columns_hidden": result.columns_hidden,
        "error": "",
    })
}

fn render(dialect: Dialect, previewed: &[Previewed], limit: usize, offset: usize) -> Reply {
    let objects: Vec<Value> = previewed
        .iter()
        .map(|p| render_object(dialect, p))
        .collect();
    let returned: usize = previewed
        .iter()
        .filter_map(|p| p.result.as_ref().ok())
        .map(|r| r.rows.len())
        .sum();
    let any_error = previewed.iter().any(|p| p.result.is_err());
    match dialect {
        Dialect::AsImplemented => {
            let first = previewed.iter().find_map(|p| p.result.as_ref().ok());
            let total = first.map(|r| r.total_rows).unwrap_or(0);
            let has_more = first.is_some_and(|r| r.has_more(offset));
            let next_offset = if has_more {
                offset + first.map(|r| r.rows.len()).unwrap_or(0)
            } else {
                0
            };
            // Object errors are plain strings, so uppercasing keys must not touch row keys:
            // rows are already a JSON string here.
            Reply::ok(upper_keys(json!({
                "success": !any_error,
                "command": "PREVIEW",
                "message": if any_error { "Some objects could not be retrieved" } else { "Retrieved data" },
                "objects": objects,
                "summary": {"total_objects": previewed.len(), "total_rows": returned},
                "pagination": {
                    "limit": limit,
                    "offset": offset,
                    "total": total,
                    "has_more": has_more,
                    "next_offset": next_offset,
                },
                "error": "",
            })))
        }
        Dialect::Documented => Reply::ok(json!({
            "success": true,
            "command": "PREVIEW",
            "message": "Retrieved data",
            "objects": objects,
            "summary": {"total_objects": previewed.len(), "total_rows": returned},
            "error": "",
        })),
    }
}
