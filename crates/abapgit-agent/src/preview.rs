//! `POST /preview`: table and CDS view contents, shaped for a fast grid:
//! one column list and rows as arrays of cells in that order.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::common::Pagination;
use crate::wire::{de, unnest_json, value_flag};

/// Documented maximum rows per object and request (the real server has none).
pub const PREVIEW_MAX_LIMIT: u32 = 100;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct PreviewRequest {
    pub objects: Vec<String>,
    /// TABL or DDLS; auto-detected otherwise.
    pub object_type: Option<String>,
    /// 1..=100 (server default 10).
    pub limit: Option<u32>,
    pub offset: u32,
    /// An OpenSQL condition such as `CARRID = 'AA'`.
    pub where_clause: Option<String>,
    /// Columns to show (all when empty).
    pub columns: Vec<String>,
}

#[derive(Serialize)]
pub(crate) struct PreviewBody<'a> {
    objects: Vec<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    object_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "is_zero")]
    offset: u32,
    #[serde(rename = "where", skip_serializing_if = "Option::is_none")]
    where_clause: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    columns: Vec<String>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl<'a> PreviewBody<'a> {
    pub fn new(request: &'a PreviewRequest) -> Self {
        Self {
            objects: crate::common::object_names(&request.objects),
            object_type: crate::common::non_empty(&request.object_type).map(str::to_uppercase),
            limit: crate::common::clamp_limit(request.limit, PREVIEW_MAX_LIMIT),
            offset: request.offset,
            where_clause: crate::common::non_empty(&request.where_clause),
            columns: crate::common::object_names(&request.columns),
        }
    }
}

/// One grid cell: `string | number | boolean | null` in TypeScript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(untagged)]
pub enum CellValue {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
}

/// Largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

impl From<&Value> for CellValue {
    fn from(value: &Value) -> Self {
        match value {
            Value::Null => Self::Null,
            Value::Bool(b) => Self::Bool(*b),
            Value::Number(n) => match n.as_f64() {
                // Integers beyond 2^53 stay text so the UI shows every digit.
                Some(f) if f.abs() <= MAX_SAFE_INTEGER || n.is_f64() => Self::Number(f),
                _ => Self::Text(n.to_string()),
            },
            Value::String(s) => Self::Text(s.clone()),
            other => Self::Text(other.to_string()),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct PreviewColumn {
    #[serde(alias = "field", deserialize_with = "de::text")]
    pub name: String,
    /// DDIC type (documented) or the RTTI kind letter (as implemented).
    #[serde(alias = "type", deserialize_with = "de::text")]
    pub data_type: String,
    #[serde(deserialize_with = "de::count")]
    pub length: u32,
    #[serde(deserialize_with = "de::count")]
    pub decimals: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct PreviewTable {
    pub name: String,
    pub object_type: String,
    pub type_text: String,
    pub row_count: u32,
    /// Rows available before the limit.
    pub total_rows: u32,
    pub columns: Vec<PreviewColumn>,
    /// One array per row, cells in `columns` order.
    pub rows: Vec<Vec<CellValue>>,
    pub columns_hidden: Vec<String>,
    /// Per-object error ("Table or view not found: X"); the other objects still have data.
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct PreviewResult {
    /// False when any object has an error.
    pub success: bool,
    pub message: String,
    pub objects: Vec<PreviewTable>,
    pub total_rows: u32,
    pub pagination: Option<Pagination>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawPreviewTable {
    #[serde(deserialize_with = "de::text")]
    name: String,
    #[serde(rename = "type", deserialize_with = "de::text")]
    object_type: String,
    #[serde(deserialize_with = "de::text")]
    type_text: String,
    #[serde(deserialize_with = "de::opt_count")]
    row_count: Option<u32>,
    #[serde(deserialize_with = "de::opt_count")]
    total_rows: Option<u32>,
    rows: Value,
    #[serde(deserialize_with = "de::list")]
    fields: Vec<PreviewColumn>,
    #[serde(deserialize_with = "de::strings")]
    columns_hidden: Vec<String>,
    #[serde(deserialize_with = "de::opt_text")]
    error: Option<String>,
    /// Sent by neither server today, but the reference CLI reads them.
    #[serde(deserialize_with = "de::flag")]
    not_found: bool,
    #[serde(deserialize_with = "de::flag")]
    access_denied: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawSummary {
    #[serde(deserialize_with = "de::count")]
    total_rows: u32,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct RawPreviewResult {
    success: Value,
    #[serde(deserialize_with = "de::text")]
    message: String,
    #[serde(deserialize_with = "de::list")]
    objects: Vec<RawPreviewTable>,
    #[serde(deserialize_with = "de::record")]
    summary: RawSummary,
    #[serde(deserialize_with = "de::opt_record")]
    pagination: Option<Pagination>,
}

fn row_objects(rows: Value) -> Vec<serde_json::Map<String, Value>> {
    match unnest_json(rows) {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|item| match item {
                Value::Object(map) => Some(map),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn cell(row: &serde_json::Map<String, Value>, column: &str) -> CellValue {
    row.get(column)
        .or_else(|| {
            row.iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(column))
                .map(|(_, value)| value)
        })
        .map(CellValue::from)
        .unwrap_or(CellValue::Null)
}

impl From<RawPreviewTable> for PreviewTable {
    fn from(raw: RawPreviewTable) -> Self {
        let rows = row_objects(raw.rows);
        // The field list is the displayed columns (as implemented, rows hold every
        // column even when fewer were asked for); without it, the row keys.
        let columns: Vec<PreviewColumn> = if raw.fields.is_empty() {
            let mut names: Vec<String> = Vec::new();
            for key in rows.iter().flat_map(|row| row.keys()) {
                if !names.iter().any(|n| n.eq_ignore_ascii_case(key)) {
                    names.push(key.clone());
                }
            }
            names
                .into_iter()
                .map(|name| PreviewColumn {
                    name,
                    ..PreviewColumn::default()
                })
                .collect()
        } else {
            raw.fields
        };
        let grid: Vec<Vec<CellValue>> = rows
            .iter()
            .map(|row| columns.iter().map(|c| cell(row, &c.name)).collect())
            .collect();
        let returned = u32::try_from(grid.len()).unwrap_or(u32::MAX);
        let error = raw.error.or_else(|| {
            if raw.access_denied {
                Some(format!("No authorization to display {}", raw.name))
            } else if raw.not_found {
                Some(format!("Table or view not found: {}", raw.name))
            } else {
                None
            }
        });
        PreviewTable {
            row_count: raw.row_count.unwrap_or(returned).max(returned),
            total_rows: raw.total_rows.unwrap_or(returned).max(returned),
            name: raw.name,
            object_type: raw.object_type,
            type_text: raw.type_text,
            columns,
            rows: grid,
            columns_hidden: raw.columns_hidden,
            error,
        }
    }
}

impl From<RawPreviewResult> for PreviewResult {
    fn from(raw: RawPreviewResult) -> Self {
        let objects: Vec<PreviewTable> = raw.objects.into_iter().map(PreviewTable::from).collect();
        let all_ok = objects.iter().all(|o| o.error.is_none());
        let success = match raw.success {
            Value::Null => all_ok,
            ref flag => value_flag(flag) && all_ok,
        };
        let returned: u32 = objects.iter().map(|o| o.row_count).sum();
        PreviewResult {
            success,
            message: raw.message,
            total_rows: raw.summary.total_rows.max(returned),
            objects,
            pagination: raw.pagination,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{decode, normalize_keys};
    use serde_json::json;

    fn read(value: Value) -> PreviewResult {
        decode::<RawPreviewResult>(normalize_keys(value), "preview")
            .map(PreviewResult::from)
            .unwrap_or_default()
    }

    #[test]
    fn body_clamps_and_uses_wire_names() {
        let request = PreviewRequest {
            objects: vec!["sflight".into()],
            limit: Some(1000),
            where_clause: Some("CARRID = 'AA'".into()),
            ..PreviewRequest::default()
        };
        let body = serde_json::to_value(PreviewBody::new(&request)).unwrap_or_default();
        assert_eq!(
            body,
            json!({"objects": ["SFLIGHT"], "limit": 100, "where": "CARRID = 'AA'"})
        );
    }

    #[test]
    fn documented_rows_become_a_grid_in_field_order() {
        let result = read(
            json!({"success": true, "command": "PREVIEW", "message": "Retrieved data", "objects": [{
            "name": "SFLIGHT", "type": "TABL", "type_text": "Table", "row_count": 1, "total_rows": 10,
            "rows": [{"MANDT": "100", "CARRID": "AA", "CONNID": 17, "PRICE": 422.94, "PLANETYPE": "747-400"}],
            "fields": [{"field": "CARRID", "type": "CHAR", "length": 3}, {"field": "PRICE", "type": "CURR", "length": 16, "decimals": 2}, {"field": "CONNID", "type": "NUMC", "length": 4}],
            "columns_displayed": 3, "columns_hidden": ["SEATSMAX"], "error": ""}], "summary": {"total_objects": 1, "total_rows": 1}, "error": ""}),
        );
        assert!(result.success);
        let table = &result.objects[0];
        let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["CARRID", "PRICE", "CONNID"]);
        assert_eq!(
            table.rows[0],
            vec![
                CellValue::Text("AA".into()),
                CellValue::Number(422.94),
                CellValue::Number(17.0)
            ]
        );
        assert_eq!(table.columns[1].decimals, 2);
        assert_eq!(table.total_rows, 10);
        assert_eq!(table.error, None);
    }

    #[test]
    fn implemented_rows_are_json_text_and_errors_are_per_object() {
        let result = read(
            json!({"SUCCESS": false, "COMMAND": "PREVIEW", "MESSAGE": "Some objects could not be retrieved",
            "OBJECTS": [
              {"NAME": "SCARR", "TYPE": "TABL", "ROW_COUNT": 2, "TOTAL_ROWS": 18,
               "ROWS": "[{\"CARRID\":\"AA\",\"CARRNAME\":\"American\"},{\"CARRID\":\"LH\",\"CARRNAME\":\"Lufthansa\"}]",
               "FIELDS": [{"FIELD": "CARRID", "TYPE": "C", "LENGTH": 6, "DECIMALS": 0}], "COLUMNS_DISPLAYED": 1, "COLUMNS_HIDDEN": [], "ERROR": ""},
              {"NAME": "ZNONE", "TYPE": "TABL", "ROW_COUNT": 0, "TOTAL_ROWS": 0, "ROWS": "", "FIELDS": [], "ERROR": "Table or view not found: ZNONE"}],
            "SUMMARY": {"TOTAL_OBJECTS": 2, "TOTAL_ROWS": 2},
            "PAGINATION": {"LIMIT": 2, "OFFSET": 0, "TOTAL": 18, "HAS_MORE": true, "NEXT_OFFSET": 2}, "ERROR": ""}),
        );
        assert!(!result.success);
        assert_eq!(
            result.objects[0].rows,
            vec![
                vec![CellValue::Text("AA".into())],
                vec![CellValue::Text("LH".into())]
            ]
        );
        assert_eq!(
            result.objects[1].error.as_deref(),
            Some("Table or view not found: ZNONE")
        );
        assert_eq!(result.pagination.and_then(|p| p.next_offset), Some(2));
    }

    #[test]
    fn rows_without_fields_use_row_keys() {
        let result = read(
            json!({"objects": [{"name": "T", "rows": [{"A": 1, "B": null}, {"B": true, "C": 12345678901234567890u64}]}]}),
        );
        let table = &result.objects[0];
        assert_eq!(table.columns.len(), 3);
        assert_eq!(table.rows[1][0], CellValue::Null);
        assert_eq!(table.rows[1][1], CellValue::Bool(true));
        assert_eq!(
            table.rows[1][2],
            CellValue::Text("12345678901234567890".into())
        );
    }
}
