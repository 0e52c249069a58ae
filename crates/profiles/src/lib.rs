//! Connection profiles for Agent Desk, free of any Tauri dependency.
//!
//! - [`model`]: what a profile is ([`Profile`], [`ProfileSettings`]) and what the UI sees
//!   ([`ProfileView`]: secrets reduced to `password_set` / `git_token_set`).
//! - [`validation`]: field-level checks returning [`FieldError`]s.
//! - [`migration`]: the versioned store document and its pure migration.
//! - [`secrets`]: the [`SecretStore`] trait, the OS keyring and an in-memory store.
//! - [`store_file`]: the app's store file (atomic writes, backup, damaged/too-new/locked).
//! - [`session`]: turning a profile plus its secret into a `sap_http::SessionConfig`.
//! - [`service_key`]: a pasted BTP service key as Cloud Integration settings.

pub mod book;
pub mod git_url;
pub mod migration;
pub mod model;
pub mod secrets;
pub mod service_key;
pub mod session;
pub mod store_file;
pub mod validation;

pub use book::{BookError, DocumentStore, FileDocumentStore, MemoryDocumentStore, ProfileBook};
pub use git_url::check_git_url;
pub use migration::{migrate, Migrated, MigrationError, ProfileDocument, CURRENT_SCHEMA_VERSION};
pub use model::{
    AuthMethod, OAuthSettings, Profile, ProfileDraft, ProfileId, ProfileSettings, ProfileView,
    ProxySettings, SecretUpdate, ServiceKind, Timeouts, TlsSettings, BRIDGE_APPS_PATH,
};
pub use secrets::{KeyringSecretStore, MemorySecretStore, SecretError, SecretKind, SecretStore};
pub use service_key::{parse_service_key, ServiceKey, ServiceKeyError};
pub use session::{
    bridge_app_path, bridge_app_root, service_root, session_config, split_bridge_app_url,
};
pub use store_file::{KeyDocument, LoadOutcome, StoreFile, StoreFileError};
pub use validation::{unencrypted_remote_host, validate, FieldError};
