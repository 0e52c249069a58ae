//! Short dumps (ST22 / SNAP_ADT).

use chrono::NaiveDateTime;
use serde::Serialize;

/// One frame of a dump's active call stack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StackFrame {
    /// 1 = the frame that failed.
    pub level: u32,
    pub class: String,
    pub method: String,
    pub program: String,
    pub include: String,
    pub line: u32,
}

/// One line of the source excerpt around the failing statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExcerptLine {
    pub line: u32,
    pub text: String,
    /// The statement that raised the error (`>>>>>` in ST22).
    pub is_error: bool,
}

/// A runtime error with everything ST22 shows for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShortDump {
    /// `datum:uzeit:ahost:uname:mandt:modno`, e.g. `20260305:103045:sapdev01_DEV_00:DEVELOPER:100:3`.
    pub id: String,
    /// When it happened, UTC.
    pub timestamp: NaiveDateTime,
    pub user: String,
    pub client: String,
    pub host: String,
    /// Main program (`ZCL_X=========================CP` for class pools).
    pub program: String,
    /// The object (class or program) the failing code belongs to.
    pub object: String,
    pub package: String,
    /// Runtime error name, e.g. `COMPUTE_INT_ZERODIVIDE`.
    pub runtime_error: String,
    /// Exception class, e.g. `CX_SY_ZERODIVIDE`; empty when none.
    pub exception: String,
    pub what_happened: String,
    pub error_analysis: String,
    pub source_include: String,
    pub source_line: u32,
    pub call_stack: Vec<StackFrame>,
    pub source_excerpt: Vec<ExcerptLine>,
}

/// Selection for the dump list. Bounds are inclusive, UTC.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DumpFilter {
    /// Exact user (case-insensitive).
    pub user: Option<String>,
    /// Program or object name pattern (`*` wildcard, case-insensitive).
    pub program: Option<String>,
    /// Runtime error pattern (`*` wildcard, case-insensitive).
    pub error: Option<String>,
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
    /// 0 means no limit.
    pub limit: usize,
}

impl crate::system::System {
    /// Dumps matching the filter, newest first. Without bounds the last 7 days
    /// before the reference time are listed, as the server does.
    pub fn dumps(&self, filter: &DumpFilter) -> Vec<&ShortDump> {
        let from = filter.from.unwrap_or_else(|| {
            if filter.to.is_none() {
                self.reference_time - chrono::Duration::days(7)
            } else {
                NaiveDateTime::MIN
            }
        });
        let to = filter.to.unwrap_or(NaiveDateTime::MAX);
        let matches_pattern = |pattern: &Option<String>, values: &[&str]| {
            pattern
                .as_deref()
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .is_none_or(|p| {
                    values
                        .iter()
                        .any(|v| crate::repository::wildcard_match(p, v))
                })
        };
        let selected = self.dumps.iter().filter(|d| {
            d.timestamp >= from
                && d.timestamp <= to
                && filter
                    .user
                    .as_deref()
                    .map(str::trim)
                    .filter(|u| !u.is_empty())
                    .is_none_or(|u| d.user.eq_ignore_ascii_case(u))
                && matches_pattern(&filter.program, &[&d.program, &d.object])
                && matches_pattern(&filter.error, &[&d.runtime_error, &d.exception])
        });
        let limit = if filter.limit == 0 {
            usize::MAX
        } else {
            filter.limit
        };
        selected.take(limit).collect()
    }

    /// A dump by its colon-joined id.
    pub fn dump(&self, id: &str) -> Option<&ShortDump> {
        self.dumps.iter().find(|d| d.id == id.trim())
    }
}
