//! The `adesk` binary against a sandbox on loopback: every command, every exit code.

mod agent;
mod failures;
mod junit;
mod runs;
mod support;
mod systems;
mod work_items;
