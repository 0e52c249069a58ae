//! Every call to a system's bridge with its request, answer and duration, for the user to
//! open and copy. Bounded: the newest entries, each body cut at a limit. Headers are never
//! recorded, so no cookie and no authorization can end up here.

use std::collections::VecDeque;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

/// Entries kept per system.
pub const MAX_ENTRIES: usize = 200;
/// Characters kept of each request or answer body.
pub const MAX_BODY_CHARS: usize = 16 * 1024;

/// One call as it went over the wire (headers left out on purpose).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CallLogEntry {
    /// Increasing per system.
    pub sequence: u32,
    /// RFC 3339, when the call was sent.
    pub at: String,
    pub app_id: String,
    /// The operation (`Login`, `Find`, `$metadata`, ...).
    pub operation: String,
    pub method: String,
    /// The path below the bridge's root, with a function's parameters.
    pub path: String,
    pub request_body: Option<String>,
    /// `null` when no answer came (connection lost, timeout).
    pub status: Option<u16>,
    pub response_body: Option<String>,
    pub duration_ms: u32,
    /// Why the call got no answer.
    pub error: Option<String>,
    /// A body was longer than [`MAX_BODY_CHARS`] and is cut.
    pub truncated: bool,
}

/// The log of one system, shared by its apps. Cheap to share behind an `Arc`.
#[derive(Debug, Default)]
pub struct CallLog {
    entries: Mutex<(u32, VecDeque<CallLogEntry>)>,
}

impl CallLog {
    /// Adds an entry (its `sequence` is assigned here), dropping the oldest beyond the limit.
    pub fn record(&self, mut entry: CallLogEntry) {
        for body in [&mut entry.request_body, &mut entry.response_body]
            .into_iter()
            .flatten()
        {
            if let Some((cut, _)) = body.char_indices().nth(MAX_BODY_CHARS) {
                body.truncate(cut);
                body.push_str(" …");
                entry.truncated = true;
            }
        }
        let mut guard = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        guard.0 = guard.0.wrapping_add(1);
        entry.sequence = guard.0;
        guard.1.push_back(entry);
        while guard.1.len() > MAX_ENTRIES {
            guard.1.pop_front();
        }
    }

    /// The entries, oldest first.
    pub fn entries(&self) -> Vec<CallLogEntry> {
        let guard = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        guard.1.iter().cloned().collect()
    }

    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .1
            .clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(body: &str) -> CallLogEntry {
        CallLogEntry {
            sequence: 0,
            at: String::new(),
            app_id: "a".into(),
            operation: "Find".into(),
            method: "GET".into(),
            path: "a/Find()".into(),
            request_body: None,
            status: Some(200),
            response_body: Some(body.into()),
            duration_ms: 1,
            error: None,
            truncated: false,
        }
    }

    #[test]
    fn bounded_in_entries_and_body_size() {
        let log = CallLog::default();
        for _ in 0..MAX_ENTRIES + 5 {
            log.record(entry("{}"));
        }
        let entries = log.entries();
        assert_eq!(entries.len(), MAX_ENTRIES);
        assert_eq!(entries[0].sequence, 6);
        log.record(entry(&"ü".repeat(MAX_BODY_CHARS + 10)));
        let last = log.entries().pop().unwrap();
        assert!(last.truncated);
        assert_eq!(
            last.response_body.unwrap().chars().count(),
            MAX_BODY_CHARS + 2
        );
        log.clear();
        assert!(log.entries().is_empty());
    }
}
