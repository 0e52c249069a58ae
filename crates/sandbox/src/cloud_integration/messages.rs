//! The message processing log: derived from each message's index, not stored.

#[allow(dead_code)] // filled in the next step
pub(crate) struct MessageLog {
    pub end_ms: i64,
    pub count: usize,
}

impl MessageLog {
    pub(crate) fn new(end_ms: i64, count: usize) -> Self {
        Self { end_ms, count }
    }
}
