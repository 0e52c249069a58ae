//! The time the sandbox's expiry rules (idle sessions, CSRF token age) read: real time plus
//! an offset that tests move forward with [`crate::SandboxHandle::advance_clock`] instead of
//! sleeping through the wait.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Default)]
pub(crate) struct Clock {
    offset_ms: AtomicU64,
}

impl Clock {
    pub(crate) fn now(&self) -> Instant {
        Instant::now() + Duration::from_millis(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Wall-clock time in epoch milliseconds, moved by the same offset (for timestamps the
    /// simulated services show, such as message processing logs and deploy times).
    pub(crate) fn epoch_ms(&self) -> i64 {
        let offset = i64::try_from(self.offset_ms.load(Ordering::Relaxed)).unwrap_or(i64::MAX);
        chrono::Utc::now().timestamp_millis().saturating_add(offset)
    }

    pub(crate) fn advance(&self, by: Duration) {
        let millis = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        self.offset_ms
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |offset| {
                Some(offset.saturating_add(millis))
            })
            .ok();
    }
}
