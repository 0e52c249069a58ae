//! The stored profile document and its migration.
//!
//! The document is `{"schema_version": N, "profiles": [...]}`. [`migrate`] is pure: it
//! takes whatever JSON was found on disk and returns the current shape plus the problems
//! it met, so that one damaged profile never costs the user the others.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::Profile;

/// Version written by this build.
pub const CURRENT_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileDocument {
    pub schema_version: u32,
    pub profiles: Vec<Profile>,
}

impl Default for ProfileDocument {
    fn default() -> Self {
        Self {
            schema_version: CURRENT_SCHEMA_VERSION,
            profiles: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MigrationError {
    /// Written by a newer Agent Desk: refuse rather than lose its fields on the next save.
    #[error("the profiles were saved by a newer Agent Desk (schema {found}, this build reads up to {CURRENT_SCHEMA_VERSION})")]
    NewerSchema { found: u32 },
    #[error("the stored profiles are not a JSON object with a profile list")]
    NotADocument,
}

/// The outcome of reading a stored document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    pub document: ProfileDocument,
    /// Profiles that could not be read, with the reason (index in the stored list).
    pub skipped: Vec<String>,
    /// Those profiles as they were stored: kept and written back untouched, so that a newer
    /// version's profile (or one fixed by hand) is not lost by saving with this version.
    pub unreadable: Vec<Value>,
    /// True when the document changed and should be written back.
    pub changed: bool,
}

/// Brings a stored document (any version this build knows) to [`CURRENT_SCHEMA_VERSION`].
///
/// `Value::Null` (nothing stored yet) gives an empty document. Documents without
/// `schema_version` predate versioning and are read as version 1 (same shape).
pub fn migrate(stored: Value) -> Result<Migrated, MigrationError> {
    let mut object = match stored {
        Value::Null => {
            return Ok(Migrated {
                document: ProfileDocument::default(),
                skipped: Vec::new(),
                unreadable: Vec::new(),
                changed: false,
            })
        }
        Value::Object(object) => object,
        _ => return Err(MigrationError::NotADocument),
    };

    let found_version = match object.get("schema_version") {
        None => None,
        Some(value) => Some(
            value
                .as_u64()
                .and_then(|v| u32::try_from(v).ok())
                .ok_or(MigrationError::NotADocument)?,
        ),
    };
    let version = found_version.unwrap_or(1);
    if version > CURRENT_SCHEMA_VERSION {
        return Err(MigrationError::NewerSchema { found: version });
    }
    // Future steps go here: `if version < 2 { object = v1_to_v2(object); }` ...

    let raw_profiles = match object.remove("profiles") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(MigrationError::NotADocument),
    };
    let mut profiles: Vec<Profile> = Vec::with_capacity(raw_profiles.len());
    let mut skipped = Vec::new();
    let mut unreadable = Vec::new();
    for (index, raw) in raw_profiles.into_iter().enumerate() {
        match serde_json::from_value::<Profile>(raw.clone()) {
            Ok(profile) if profiles.iter().any(|p| p.id == profile.id) => {
                skipped.push(format!("profile #{index}: duplicate id {}", profile.id));
                unreadable.push(raw);
            }
            Ok(profile) => profiles.push(profile),
            Err(error) => {
                skipped.push(format!("profile #{index} ({}): {error}", describe(&raw)));
                unreadable.push(raw);
            }
        }
    }

    Ok(Migrated {
        changed: found_version != Some(CURRENT_SCHEMA_VERSION),
        document: ProfileDocument {
            schema_version: CURRENT_SCHEMA_VERSION,
            profiles,
        },
        skipped,
        unreadable,
    })
}

/// The name the user gave a stored profile, when it can be found, to say which one was skipped.
fn describe(raw: &Value) -> String {
    let name = raw
        .get("display_name")
        .or_else(|| raw.get("settings").and_then(|s| s.get("display_name")))
        .and_then(Value::as_str);
    match name {
        Some(name) => format!("\"{name}\""),
        None => "no name".to_owned(),
    }
}
