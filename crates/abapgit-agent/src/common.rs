//! Small types shared by several resources.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use crate::wire::{de, value_text};

/// Git credentials sent with pull, create and import. The password never
/// appears in `Debug` output and is not part of any request type the UI sees.
#[derive(Clone, Debug)]
pub struct GitCredentials {
    pub username: String,
    pub password: sap_http::Secret,
}

/// How serious a message is. Read leniently from the server's one-letter
/// codes (`E`, `W`, `I`, `S`, `A`) or words (`error`, `warning`, ...).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
    #[default]
    Info,
    Success,
}

impl Severity {
    /// `None` when the text names no known severity.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "e" | "a" | "x" | "error" | "abort" | "fatal" => Some(Self::Error),
            "w" | "warning" => Some(Self::Warning),
            "i" | "info" | "information" => Some(Self::Info),
            "s" | "success" | "ok" => Some(Self::Success),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
            Self::Success => "success",
        })
    }
}

impl<'de> Deserialize<'de> for Severity {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        Ok(Self::parse(&value_text(&value)).unwrap_or_default())
    }
}

/// Paging information the server sends with preview and where-used answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Pagination {
    #[serde(deserialize_with = "de::count")]
    pub limit: u32,
    #[serde(deserialize_with = "de::count")]
    pub offset: u32,
    #[serde(deserialize_with = "de::count")]
    pub total: u32,
    #[serde(deserialize_with = "de::flag")]
    pub has_more: bool,
    #[serde(deserialize_with = "de::opt_count")]
    pub next_offset: Option<u32>,
}

/// An object type with a count (tree's object statistics).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct TypeCount {
    #[serde(alias = "object", alias = "type", deserialize_with = "de::text")]
    pub object_type: String,
    #[serde(deserialize_with = "de::count")]
    pub count: u32,
}

/// Clamps an optional limit to `1..=max`, `None` staying `None` (server default).
pub(crate) fn clamp_limit(limit: Option<u32>, max: u32) -> Option<u32> {
    limit.map(|n| n.clamp(1, max))
}

/// Uppercases and trims object names the way the server stores them.
pub(crate) fn object_names(names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| n.trim().to_uppercase())
        .filter(|n| !n.is_empty())
        .collect()
}

pub(crate) fn non_empty(text: &Option<String>) -> Option<&str> {
    text.as_deref().map(str::trim).filter(|s| !s.is_empty())
}
