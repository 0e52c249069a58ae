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

#[derive(Debug)]
pub struct TrimWhenQuiet {
    /// Bumped by every command; a timer trims only if no command came after it was armed.
    activity: AtomicU64,
    quiet: Duration,
    trim: fn(),
}

impl Default for TrimWhenQuiet {
    fn default() -> Self {
        Self::new(QUIET, release_free_memory)
    }
}

impl TrimWhenQuiet {
    /// Runs `trim` once commands have stopped for `quiet`.
    pub fn new(quiet: Duration, trim: fn()) -> Self {
        Self {
            activity: AtomicU64::new(0),
            quiet,
            trim,
        }
    }

    /// A command was invoked: (re)arms the timer.
    pub fn command_invoked(self: &Arc<Self>) {
        let armed_at = self.activity.fetch_add(1, Ordering::Relaxed) + 1;
        let this = Arc::clone(self);
        tauri::async_runtime::spawn(async move {
            tokio::time::sleep(this.quiet).await;
            if this.activity.load(Ordering::Relaxed) == armed_at {
                (this.trim)();
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    static TRIMS: AtomicUsize = AtomicUsize::new(0);

    fn count_trim() {
        TRIMS.fetch_add(1, Ordering::SeqCst);
    }

    #[test]
    fn trims_once_after_a_burst_of_commands_and_not_while_they_come() {
        let trimmer = Arc::new(TrimWhenQuiet::new(Duration::from_millis(500), count_trim));
        for _ in 0..5 {
            trimmer.command_invoked();
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(
            TRIMS.load(Ordering::SeqCst),
            0,
            "trimmed while commands came"
        );
        std::thread::sleep(Duration::from_millis(2_000));
        assert_eq!(TRIMS.load(Ordering::SeqCst), 1, "one trim after the burst");
        // Freeing memory from any thread is safe (and does nothing visible here).
        release_free_memory();
    }
}
