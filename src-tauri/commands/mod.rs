//! Tauri commands, one module per area. Each command is thin: look up state, make one call.

pub mod agent;
pub mod jobs;
pub mod profiles;
pub mod sandbox;
pub mod work_items;
