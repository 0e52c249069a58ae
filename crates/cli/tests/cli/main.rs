//! The `adesk` binary against a sandbox on loopback: every command, every exit code.

mod agent;
mod cloud_integration;
mod failures;
mod junit;
mod runs;
mod support;
mod systems;
mod transaction_bridge;
mod work_items;
