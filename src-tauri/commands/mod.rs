//! Tauri commands, one module per area. Each command is thin: look up state, make one call.

pub mod agent;
pub mod checkout;
pub mod cloud_integration;
pub mod files;
pub mod jobs;
pub mod profiles;
pub mod sandbox;
pub mod store;
pub mod transaction_bridge;
pub mod work_items;
