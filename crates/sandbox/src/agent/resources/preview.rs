//! `/preview`: rows of tables and CDS views with a WHERE condition, columns and paging.

use abap_system::{
    FieldDef, ObjectType, PreviewQuery, PreviewResult, SystemError, TableKind, Value as Cell,
};
use serde_json::{json, Map, Value};

use super::{int_field, require, Outcome, Refusal};
use crate::agent::cl_json;
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
    match ctx.dialect {
        Dialect::AsImplemented => as_implemented(ctx, body),
        Dialect::Documented => documented(ctx, body),
    }
}

/// One object of `ZCL_ABGAGT_COMMAND_PREVIEW`, as `get_table_data` fills it.
struct Fetched {
    /// As sent (the handler upper-cases only the name it selects from).
    name: String,
    /// The requested type upper-cased, or TADIR's TABL/DDLS.
    object_type: String,
    fields: Vec<FieldDef>,
    /// Indexes of the fields named in `columns` (all when none were named).
    displayed: Vec<usize>,
    columns_hidden: Vec<String>,
    rows: Vec<abap_system::Row>,
    total_rows: usize,
    error: String,
}

fn as_implemented(ctx: &Ctx, body: &Body) -> Outcome {
    let names = body.texts("objects");
    require(names.is_empty(), "Objects parameter is required")?;
    // PAGINATION echoes what was sent; the select uses 10 for a limit <= 0 and 0 for a
    // negative offset.
    let limit = body.abap_int("limit");
    let offset = body.abap_int("offset");
    let requested_type = body.text("type").to_uppercase();
    let columns = body.texts("columns");
    let query = PreviewQuery {
        where_clause: Some(body.text("where")).filter(|w| !w.trim().is_empty()),
        // `READ TABLE lt_cols WITH KEY table_line = ls_comp-name`: exact names, applied below.
        columns: Vec::new(),
        offset: offset.max(0) as usize,
        limit: if limit <= 0 {
            DEFAULT_LIMIT as usize
        } else {
            limit as usize
        },
    };
    let fetched: Vec<Fetched> = {
        let system = ctx.state.system();
        names
            .iter()
            .map(|name| fetch(&system, name, &requested_type, &columns, &query))
            .collect()
    };
    let total: usize = fetched.iter().map(|f| f.total_rows).sum();
    let returned: usize = fetched.iter().map(|f| f.rows.len()).sum();
    let any_error = fetched.iter().any(|f| !f.error.is_empty());
    let has_more = limit > 0 && total as i64 > offset + limit;
    Ok(Reply::ok(upper_keys(json!({
        "success": !any_error,
        "command": "PREVIEW",
        "message": if any_error { "Some objects could not be retrieved" } else { "Retrieved data" },
        "objects": fetched.iter().map(render_fetched).collect::<Vec<_>>(),
        "summary": {"total_objects": fetched.len(), "total_rows": returned},
        "pagination": {
            "limit": limit,
            "offset": offset,
            "total": total,
            "has_more": has_more,
            "next_offset": if has_more { offset + limit } else { 0 },
        },
        "error": "",
    }))))
}

/// `get_table_data` + `fetch_table_data`: a failed SELECT (a broken WHERE, an unknown column)
/// is caught and becomes the object's ERROR; the request still answers 200.
fn fetch(
    system: &abap_system::System,
    name: &str,
    requested_type: &str,
    columns: &[String],
    query: &PreviewQuery,
) -> Fetched {
    let tabname = name.to_uppercase();
    let object_type = if requested_type.is_empty() {
        system.detect_preview_type(&tabname).code().to_string()
    } else {
        requested_type.to_string()
    };
    let mut fetched = Fetched {
        name: name.to_string(),
        object_type,
        fields: Vec::new(),
        displayed: Vec::new(),
        columns_hidden: Vec::new(),
        rows: Vec::new(),
        total_rows: 0,
        error: String::new(),
    };
    if !matches!(fetched.object_type.as_str(), "TABL" | "DDLS") {
        // Any other type: no data and no error.
        return fetched;
    }
    // RTTI `describe_by_name` finds any dictionary structure; SELECT then needs a table or view.
    let described = system.table(&tabname).map(|t| (t.fields.clone(), t.kind));
    let fields = match described {
        Some((fields, TableKind::Transparent)) => fields,
        Some((_, TableKind::Structure)) => {
            fetched.error = format!(
                "\"{tabname}\" is not defined in the ABAP Dictionary as a table, projection view, or database view."
            );
            return fetched;
        }
        None => match system.cds_rows(&tabname) {
            Some((fields, _)) => fields,
            None => {
                fetched.error = format!("Object not found or not accessible: {tabname}");
                return fetched;
            }
        },
    };
    // Hidden columns are collected before the SELECT runs, so they survive a failed one.
    let (displayed, hidden): (Vec<usize>, Vec<usize>) =
        (0..fields.len()).partition(|i| columns.is_empty() || columns.contains(&fields[*i].name));
    fetched.columns_hidden = hidden.iter().map(|i| fields[*i].name.clone()).collect();
    match system.preview(&tabname, None, query) {
        Ok(result) => {
            fetched.total_rows = result.total_rows;
            fetched.rows = result.rows;
            fetched.displayed = displayed;
            fetched.fields = fields;
        }
        Err(SystemError::InvalidWhere(message)) => fetched.error = message,
        Err(error) => fetched.error = error.to_string(),
    }
    fetched
}

fn render_fetched(fetched: &Fetched) -> Value {
    let type_text = match fetched.object_type.as_str() {
        _ if !fetched.error.is_empty() => fetched.object_type.as_str(),
        "DDLS" => "CDS View",
        "TABL" => "Table",
        other => other,
    };
    let fetched_data = fetched.error.is_empty() && !fetched.fields.is_empty();
    let fields: Vec<Value> = fetched
        .displayed
        .iter()
        .filter_map(|i| fetched.fields.get(*i))
        .map(|f| {
            let rtti = f.rtti();
            json!({
                "field": rtti.field,
                "type": rtti.type_kind,
                "length": rtti.length,
                "decimals": rtti.decimals,
            })
        })
        .collect();
    json!({
        "name": fetched.name,
        "type": fetched.object_type,
        "type_text": type_text,
        "row_count": fetched.rows.len(),
        "total_rows": fetched.total_rows,
        // SELECT * always: rows carry every column, serialized to a JSON string.
        "rows": if fetched_data { cl_json::rows(&fetched.fields, &fetched.rows) } else { String::new() },
        "fields": fields,
        "columns_displayed": fields.len(),
        "columns_hidden": fetched.columns_hidden,
        "error": fetched.error,
    })
}

fn documented(ctx: &Ctx, body: &Body) -> Outcome {
    let names = body.texts("objects");
    require(names.is_empty(), "Objects array is required")?;
    let limit = match int_field(ctx, body, "limit")? {
        l if l <= 0 => DEFAULT_LIMIT,
        l => l.min(DOCUMENTED_MAX_LIMIT),
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
                // The reference answers a broken condition with 400.
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
    Ok(render(&previewed))
}

/// Documented rows show dates as ISO dates and NUMC as numbers (CONNID 17).
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

fn render_object(previewed: &Previewed) -> Value {
    let result = match &previewed.result {
        Ok(result) => result,
        Err(error) => {
            return json!({
                "name": previewed.name,
                "type": previewed.object_type.code(),
                "type_text": previewed.object_type.type_text(),
                "row_count": 0,
                "total_rows": 0,
                "rows": [],
                "fields": [],
                "columns_displayed": 0,
                "columns_hidden": [],
                "error": error,
            });
        }
    };
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

fn render(previewed: &[Previewed]) -> Reply {
    let objects: Vec<Value> = previewed.iter().map(render_object).collect();
    let returned: usize = previewed
        .iter()
        .filter_map(|p| p.result.as_ref().ok())
        .map(|r| r.rows.len())
        .sum();
    Reply::ok(json!({
        "success": true,
        "command": "PREVIEW",
        "message": "Retrieved data",
        "objects": objects,
        "summary": {"total_objects": previewed.len(), "total_rows": returned},
        "error": "",
    }))
}
