//! When JavaScriptCore optimises the page's functions on Linux.
//!
//! JavaScriptCore compiles a function with its optimising compiler (the DFG) once the function
//! has run about 1,000 times. Building the first page runs much of React's and UI5's code that
//! often, and most of it never runs again: its optimised code, and the compiler's own pages,
//! stayed in the web process for nothing. At 5,000 the code that keeps running (scrolling the
//! preview grid and the source viewer, rendering rows) is still optimised within a second.
//!
//! Measured with `tests/e2e/bench` on the release build (2 cores, no GPU), 4 runs each: the idle
//! web process 10 MB smaller (169 → 159 MB), the first system shown no later, grid and
//! viewer scrolling within the benchmark's noise. Turning the DFG off instead saved 14 MB but
//! made the grid scroll visibly worse (`docs/memory.md`).

use std::ffi::OsString;

pub const VARIABLE: &str = "JSC_thresholdForOptimizeAfterWarmUp";
/// JavaScriptCore's default is 1,000.
pub const THRESHOLD: &str = "5000";

/// The threshold to set: ours, unless the user chose one.
pub fn threshold_to_set(user_choice: Option<OsString>) -> Option<&'static str> {
    user_choice.is_none().then_some(THRESHOLD)
}

/// Applies the choice to this process. Call before any thread starts (it sets a variable).
pub fn apply() {
    if let Some(threshold) = threshold_to_set(std::env::var_os(VARIABLE)) {
        std::env::set_var(VARIABLE, threshold);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_users_threshold_wins() {
        assert_eq!(threshold_to_set(None), Some(THRESHOLD));
        assert_eq!(threshold_to_set(Some(OsString::from("1000"))), None);
    }
}
