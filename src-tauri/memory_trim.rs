//! Gives memory the app process freed back to the system once commands have gone quiet.
//!
//! glibc's allocator keeps freed memory in its per-thread arenas for reuse. After a large
//! result (the preview grid's 1,000 rows of 50 columns, a 10,000-line class) about 9 MB stayed
//! with the app process long after the data was dropped; `malloc_trim` returns it
//! (`tests/e2e/bench/startup-bench.mjs`, `docs/memory.md`). Each command re-arms a one-shot
//! timer and the trim runs when it expires without another command: an idle app runs nothing.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How long commands must have stopped before the trim runs.
const QUIET: Duration = Duration::from_secs(3);

#[derive(Debug, Default)]
pub struct TrimWhenQuiet {
    /// Bumped by every command; a timer trims only if no command came after it was armed.
    activity: AtomicU64,
}

impl TrimWhenQuiet {
    /// A command was invoked: (re)arms the timer.
    pub fn command_invoked(self: &Arc<Self>) {
        let armed_at = self.activity.fetch_add(1, Ordering::Relaxed) + 1;
        let this = Arc::clone(self);
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(QUIET).await;
            if this.activity.load(Ordering::Relaxed) == armed_at {
                release_free_memory();
            }
        });
    }
}

/// Returns the allocator's free memory to the system (glibc; elsewhere nothing to do).
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: malloc_trim only walks and shrinks the allocator's own free lists; it takes
        // the arenas' locks like malloc does, so it is safe from any thread at any time.
        unsafe {
            libc::malloc_trim(0);
        }
    }
}
