//! Small real engines: ABAP syntax check, ABAP Unit runner, OpenSQL WHERE evaluator.

pub mod aunit;
pub mod syntax;
pub mod where_clause;

mod ddl_check;
