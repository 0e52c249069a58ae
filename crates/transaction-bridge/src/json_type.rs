//! How a JSON value the bridge sent (an `Output`) is typed for the UI's TypeScript.

use std::collections::BTreeMap;

/// Any JSON value: `null`, a boolean, a number, a string, a list or an object. Only a type
/// for the generated TypeScript (`serde_json::Value` itself is not exportable, its 64-bit
/// integers could lose precision in JavaScript; the bridge's numbers are doubles there anyway).
#[derive(serde::Serialize, specta::Type)]
#[serde(untagged)]
#[allow(dead_code)] // never built: it only describes serde_json::Value to specta
pub enum JsonValue {
    Null(()),
    Boolean(bool),
    Number(f64),
    Text(String),
    List(Vec<JsonValue>),
    Object(BTreeMap<String, JsonValue>),
}
