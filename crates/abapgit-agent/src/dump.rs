//! `POST /dump`: ST22 short dumps.

use serde::{Deserialize, Serialize};

use crate::wire::de;

/// The server resets larger values to 20; the client clamps instead.
pub const DUMP_MAX_LIMIT: u32 = 100;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct DumpRequest {
    pub user: Option<String>,
    /// `YYYYMMDD`, server-local.
    pub date_from: Option<String>,
    pub date_to: Option<String>,
    /// `HHMMSS`, server-local.
    pub time_from: Option<String>,
    pub time_to: Option<String>,
    /// UTC `YYYYMMDDhhmmss` (preferred over the local date/time fields).
    pub ts_from: Option<String>,
    pub ts_to: Option<String>,
    pub program: Option<String>,
    /// Runtime error name, e.g. `COMPUTE_INT_ZERODIVIDE`.
    pub error: Option<String>,
    /// 1..=100 (server default 20).
    pub limit: Option<u32>,
    /// A dump `id` to read in detail (with source excerpt).
    pub detail: Option<String>,
}

impl DumpRequest {
    pub(crate) fn for_wire(&self) -> Self {
        let trim = |v: &Option<String>| crate::common::non_empty(v).map(str::to_owned);
        Self {
            user: trim(&self.user).map(|u| u.to_uppercase()),
            date_from: trim(&self.date_from),
            date_to: trim(&self.date_to),
            time_from: trim(&self.time_from),
            time_to: trim(&self.time_to),
            ts_from: trim(&self.ts_from),
            ts_to: trim(&self.ts_to),
            program: trim(&self.program).map(|p| p.to_uppercase()),
            error: trim(&self.error),
            limit: crate::common::clamp_limit(self.limit, DUMP_MAX_LIMIT),
            detail: trim(&self.detail),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CallStackEntry {
    #[serde(deserialize_with = "de::count")]
    pub level: u32,
    #[serde(deserialize_with = "de::text")]
    pub class: String,
    #[serde(deserialize_with = "de::text")]
    pub method: String,
    #[serde(deserialize_with = "de::text")]
    pub program: String,
    #[serde(deserialize_with = "de::text")]
    pub include: String,
    #[serde(deserialize_with = "de::opt_line")]
    pub line: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ShortDump {
    /// `datum:uzeit:ahost:uname:mandt:modno`; pass it as `detail` to read more.
    #[serde(deserialize_with = "de::text")]
    pub id: String,
    #[serde(deserialize_with = "de::timestamp")]
    pub utc_timestamp: Option<String>,
    /// `YYYY-MM-DD`, server-local.
    #[serde(deserialize_with = "de::text")]
    pub date: String,
    /// `HH:MM:SS`, server-local.
    #[serde(deserialize_with = "de::text")]
    pub time: String,
    #[serde(deserialize_with = "de::text")]
    pub user: String,
    #[serde(deserialize_with = "de::text")]
    pub program: String,
    #[serde(deserialize_with = "de::text")]
    pub object: String,
    /// Runtime error name.
    #[serde(deserialize_with = "de::text")]
    pub error: String,
    #[serde(deserialize_with = "de::text")]
    pub exception: String,
    #[serde(deserialize_with = "de::text")]
    pub package: String,
    #[serde(deserialize_with = "de::text")]
    pub host: String,
    #[serde(deserialize_with = "de::text")]
    pub what_happened: String,
    #[serde(deserialize_with = "de::text")]
    pub error_analysis: String,
    #[serde(deserialize_with = "de::opt_line")]
    pub source_line: Option<u32>,
    #[serde(deserialize_with = "de::text")]
    pub source_include: String,
    #[serde(deserialize_with = "de::list")]
    pub call_stack: Vec<CallStackEntry>,
    /// Detail mode: the source around the error line (marked `>>>>>`). The
    /// server hides it in the call stack as a level-0 entry; it is moved here.
    #[serde(deserialize_with = "de::opt_text")]
    pub source_excerpt: Option<String>,
}

impl ShortDump {
    pub(crate) fn normalised(mut self) -> Self {
        if let Some(position) = self.call_stack.iter().position(|entry| entry.level == 0) {
            let entry = self.call_stack.remove(position);
            if self.source_excerpt.is_none() && !entry.method.trim().is_empty() {
                self.source_excerpt = Some(crate::wire::normalize_newlines(&entry.method));
            }
        }
        self
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct DumpList {
    #[serde(deserialize_with = "de::text")]
    pub message: String,
    /// Rows returned (the server does not send an overall count).
    #[serde(deserialize_with = "de::count")]
    pub total: u32,
    #[serde(deserialize_with = "de::list")]
    pub dumps: Vec<ShortDump>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::{decode, normalize_keys};
    use serde_json::json;

    #[test]
    fn dump_detail_moves_source_out_of_the_stack() {
        let list: DumpList = decode(
            normalize_keys(json!({"SUCCESS": true, "COMMAND": "DUMP", "MESSAGE": "1 dump(s)", "TOTAL": 1, "DUMPS": [{
                "ID": "20260305:103045:host:DEV:100:0", "UTC_TIMESTAMP": 20260305093045u64, "DATE": "2026-03-05", "TIME": "10:30:45",
                "USER": "DEV", "PROGRAM": "ZPROG", "ERROR": "COMPUTE_INT_ZERODIVIDE", "SOURCE_LINE": "12",
                "CALL_STACK": [{"LEVEL": 1, "PROGRAM": "ZPROG", "LINE": 12}, {"LEVEL": 0, "METHOD": "  lv = 1 / 0.\\n>>>>> x"}]}], "ERROR": ""})),
            "dump",
        )
        .unwrap_or_default();
        let dump = list
            .dumps
            .into_iter()
            .next()
            .unwrap_or_default()
            .normalised();
        assert_eq!(dump.utc_timestamp.as_deref(), Some("20260305093045"));
        assert_eq!(dump.source_line, Some(12));
        assert_eq!(dump.call_stack.len(), 1);
        assert_eq!(
            dump.source_excerpt.as_deref(),
            Some("  lv = 1 / 0.\n>>>>> x")
        );
    }

    #[test]
    fn request_is_clamped() {
        let request = DumpRequest {
            limit: Some(500),
            user: Some(" dev ".into()),
            program: Some(String::new()),
            ..DumpRequest::default()
        }
        .for_wire();
        assert_eq!(request.limit, Some(100));
        assert_eq!(request.user.as_deref(), Some("DEV"));
        assert_eq!(request.program, None);
    }
}
