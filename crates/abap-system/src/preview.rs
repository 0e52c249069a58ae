//! Table and CDS view data preview (`/preview`).

use crate::data::Row;
use crate::ddic::{FieldDef, RttiField};
use crate::engines::where_clause::Condition;
use crate::error::SystemError;
use crate::repository::ObjectType;
use crate::system::System;
use serde::Serialize;

/// What to read: the dynamic WHERE condition, the columns to show, and the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PreviewQuery {
    pub where_clause: Option<String>,
    /// Columns to show, case-insensitive; empty = all. Unknown names are ignored.
    pub columns: Vec<String>,
    pub offset: usize,
    /// Maximum rows; 0 means the server default of 10.
    pub limit: usize,
}

/// The rows of one table or view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviewResult {
    /// Upper-case name.
    pub name: String,
    /// TABL or DDLS.
    pub object_type: ObjectType,
    /// Every field; rows are aligned with this list (the server always runs `SELECT *`).
    pub fields: Vec<FieldDef>,
    /// Indexes into `fields` of the displayed columns (all when no columns were asked).
    pub displayed: Vec<usize>,
    /// Names of fields not displayed.
    pub columns_hidden: Vec<String>,
    /// Rows matching the condition in this page.
    pub rows: Vec<Row>,
    /// Rows matching the condition before paging.
    pub total_rows: usize,
}

impl PreviewResult {
    /// DDIC metadata of the displayed fields (documented dialect).
    pub fn displayed_fields(&self) -> Vec<&FieldDef> {
        self.displayed
            .iter()
            .filter_map(|i| self.fields.get(*i))
            .collect()
    }

    /// RTTI metadata of the displayed fields (as-implemented dialect: type kind letter, byte length).
    pub fn displayed_rtti(&self) -> Vec<RttiField> {
        self.displayed_fields()
            .into_iter()
            .map(FieldDef::rtti)
            .collect()
    }

    /// One row as (FIELD, value) pairs in field order; `displayed_only` drops hidden columns.
    pub fn row_pairs(&self, row: &Row, displayed_only: bool) -> Vec<(String, serde_json::Value)> {
        let keep = |i: usize| !displayed_only || self.displayed.contains(&i);
        self.fields
            .iter()
            .zip(row)
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, (field, value))| (field.name.clone(), value.to_json()))
            .collect()
    }

    /// Whether more rows follow this page.
    pub fn has_more(&self, offset: usize) -> bool {
        offset + self.rows.len() < self.total_rows
    }
}

impl System {
    /// Reads rows of a table or CDS view. `object_type` None auto-detects like the server
    /// (DDLS when the name is a CDS view in TADIR, else TABL).
    pub fn preview(
        &self,
        name: &str,
        object_type: Option<ObjectType>,
        query: &PreviewQuery,
    ) -> Result<PreviewResult, SystemError> {
        let name = name.trim().to_ascii_uppercase();
        let object_type = object_type.unwrap_or_else(|| self.detect_preview_type(&name));
        let (fields, rows) = match object_type {
            ObjectType::Ddls => self
                .cds_rows(&name)
                .ok_or_else(|| SystemError::TableNotFound(name.clone()))?,
            _ => {
                let table = self
                    .table(&name)
                    .filter(|t| t.kind == crate::ddic::TableKind::Transparent)
                    .ok_or_else(|| SystemError::TableNotFound(name.clone()))?;
                let rows = self
                    .table_rows(&name)
                    .map(<[Row]>::to_vec)
                    .or_else(|| self.cts_rows(&name))
                    .unwrap_or_default();
                (table.fields.clone(), rows)
            }
        };
        let condition = match query.where_clause.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => Some(
                Condition::parse(text, &fields)
                    .map_err(|e| SystemError::InvalidWhere(e.message))?,
            ),
            _ => None,
        };
        let mut matching: Vec<Row> = rows
            .into_iter()
            .filter(|row| condition.as_ref().is_none_or(|c| c.matches(row)))
            .collect();
        if query.offset > 0 {
            // The server adds ORDER BY on the first column when an offset is given.
            matching.sort_by(|a, b| match (a.first(), b.first()) {
                (Some(x), Some(y)) => crate::engines::where_clause::compare_values(x, y),
                _ => std::cmp::Ordering::Equal,
            });
        }
        let total_rows = matching.len();
        let limit = if query.limit == 0 { 10 } else { query.limit };
        let rows: Vec<Row> = matching
            .into_iter()
            .skip(query.offset)
            .take(limit)
            .collect();
        let displayed: Vec<usize> = if query.columns.is_empty() {
            (0..fields.len()).collect()
        } else {
            let wanted: Vec<usize> = query
                .columns
                .iter()
                .filter_map(|c| {
                    fields
                        .iter()
                        .position(|f| f.name.eq_ignore_ascii_case(c.trim()))
                })
                .collect();
            (0..fields.len()).filter(|i| wanted.contains(i)).collect()
        };
        let columns_hidden = fields
            .iter()
            .enumerate()
            .filter(|(i, _)| !displayed.contains(i))
            .map(|(_, f)| f.name.clone())
            .collect();
        Ok(PreviewResult {
            name,
            object_type: if object_type == ObjectType::Ddls {
                ObjectType::Ddls
            } else {
                ObjectType::Tabl
            },
            fields,
            displayed,
            columns_hidden,
            rows,
            total_rows,
        })
    }

    /// Evaluates a CDS view from its base table: filter, then projection.
    pub fn cds_rows(&self, name: &str) -> Option<(Vec<FieldDef>, Vec<Row>)> {
        self.cds_rows_nested(name, 0)
    }

    /// Views on views are evaluated recursively; the depth bound stops cycles
    /// (a pulled view selecting from itself).
    fn cds_rows_nested(&self, name: &str, depth: usize) -> Option<(Vec<FieldDef>, Vec<Row>)> {
        const MAX_VIEW_NESTING: usize = 8;
        let view = self.cds_view(name)?;
        let (base_fields, base_rows) = match self.table(&view.base) {
            Some(table) => (
                table.fields.clone(),
                self.table_rows(&view.base)
                    .map(<[Row]>::to_vec)
                    .unwrap_or_default(),
            ),
            None if depth < MAX_VIEW_NESTING => self.cds_rows_nested(&view.base, depth + 1)?,
            None => return None,
        };
        let filter = view
            .filter
            .as_deref()
            .and_then(|text| Condition::parse(text, &base_fields).ok());
        let picks: Vec<(usize, FieldDef)> = view
            .projection
            .iter()
            .filter_map(|(alias, base)| {
                let index = base_fields
                    .iter()
                    .position(|f| f.name.eq_ignore_ascii_case(base))?;
                let mut field = base_fields[index].clone();
                field.name = alias.to_ascii_uppercase();
                field.key = false;
                Some((index, field))
            })
            .collect();
        let rows = base_rows
            .iter()
            .filter(|row| filter.as_ref().is_none_or(|c| c.matches(row)))
            .map(|row| {
                picks
                    .iter()
                    .filter_map(|(i, _)| row.get(*i).cloned())
                    .collect()
            })
            .collect();
        Some((picks.into_iter().map(|(_, f)| f).collect(), rows))
    }
}
