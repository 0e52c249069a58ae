//! A runtime artifact's error (`IntegrationRuntimeArtifacts('<Id>')/ErrorInformation/$value`)
//! made readable. The tenant answers JSON whose `parameter` entries are JSON again, inside a
//! JSON string: a tree of message instances (`ERROR` → `EXCEPTION` → `CAUSE`) carrying the
//! Java exception texts. Anything else (plain text, broken JSON) is shown as it came.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How deep nested messages are followed (the real payloads nest three or four levels).
const MAX_DEPTH: usize = 16;

/// The deploy error as the user reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ArtifactError {
    /// The most specific cause, e.g. `java.lang.IllegalStateException: No credentials for
    /// 'smtp_cred' found`; the whole text when it has no structure.
    pub summary: String,
    /// Every message of the tree in order, indented by two spaces per level.
    pub lines: Vec<String>,
    /// `subsystemName/subsytemPartName messageId` when the payload has them.
    pub source: Option<String>,
    /// The payload as the tenant sent it.
    pub raw: String,
}

/// Reads the payload; never fails (unstructured text is its own summary).
pub fn parse_artifact_error(raw: &str) -> ArtifactError {
    let trimmed = raw.trim();
    let mut lines = Vec::new();
    let mut source = None;
    if let Ok(value) = serde_json::from_str::<Value>(trimmed) {
        source = source_of(&value);
        walk(&value, 0, &mut lines);
    }
    lines.retain(|line| !line.trim().is_empty());
    let summary = best_cause(&lines).unwrap_or_else(|| {
        if trimmed.is_empty() {
            "The tenant gave no error text".to_owned()
        } else {
            trimmed.to_owned()
        }
    });
    if lines.is_empty() && !trimmed.is_empty() {
        lines = trimmed.lines().map(str::to_owned).collect();
    }
    ArtifactError {
        summary,
        lines,
        source,
        raw: raw.to_owned(),
    }
}

fn source_of(value: &Value) -> Option<String> {
    let message = value.get("message")?.as_object()?;
    let text = |key: &str| {
        message
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|text| !text.is_empty())
    };
    let system = [
        text("subsystemName"),
        text("subsytemPartName").or(text("subsystemPartName")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("/");
    let id = text("messageId");
    match (system.is_empty(), id) {
        (true, None) => None,
        (true, Some(id)) => Some(id.to_owned()),
        (false, None) => Some(system),
        (false, Some(id)) => Some(format!("{system} {id}")),
    }
}

/// Collects the texts of one message instance and its children.
fn walk(value: &Value, depth: usize, lines: &mut Vec<String>) {
    if depth > MAX_DEPTH {
        return;
    }
    let indent = "  ".repeat(depth);
    match value {
        Value::String(text) => {
            // A parameter may itself be JSON (the nested payload) or plain text.
            let trimmed = text.trim();
            match serde_json::from_str::<Value>(trimmed) {
                Ok(inner @ (Value::Object(_) | Value::Array(_))) => walk(&inner, depth, lines),
                _ => lines.push(format!("{indent}{trimmed}")),
            }
        }
        Value::Array(items) => items.iter().for_each(|item| walk(item, depth, lines)),
        Value::Object(map) => {
            // The outer envelope's `message` is an object (subsystem, messageText).
            match map.get("message") {
                Some(Value::String(kind)) => {
                    let kind = kind.trim();
                    if !kind.is_empty() && !is_marker(kind) {
                        lines.push(format!("{indent}{kind}"));
                    }
                }
                Some(Value::Object(message)) => {
                    if let Some(text) = message.get("messageText").and_then(Value::as_str) {
                        if !text.trim().is_empty() {
                            lines.push(format!("{indent}{}", text.trim()));
                        }
                    }
                }
                _ => {}
            }
            for key in ["parameter", "parameters"] {
                if let Some(parameters) = map.get(key) {
                    walk(parameters, depth, lines);
                }
            }
            if let Some(children) = map.get("childMessageInstances") {
                walk(children, depth + 1, lines);
            }
        }
        Value::Number(number) => lines.push(format!("{indent}{number}")),
        _ => {}
    }
}

/// `ERROR`, `EXCEPTION`, `CAUSE`: labels of the tree's nodes, not messages.
fn is_marker(text: &str) -> bool {
    text.len() <= 24 && text.chars().all(|c| c.is_ascii_uppercase() || c == '_')
}

/// The deepest line (the root cause is the innermost); ties go to the last.
fn best_cause(lines: &[String]) -> Option<String> {
    lines
        .iter()
        .enumerate()
        .max_by_key(|(index, line)| (line.len() - line.trim_start().len(), *index))
        .map(|(_, line)| line.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const REAL_SHAPE: &str = r#"{"message":{"subsystemName":"CONTENT","subsytemPartName":"CONTENT_DEPLOY","messageId":"InstanceError","messageText":""},"parameter":["{\"message\":\"ERROR\",\"childMessageInstances\":[{\"message\":\"EXCEPTION\",\"parameters\":[\"org.osgi.service.blueprint.container.ComponentDefinitionException: Unable to initialize bean MessageFlow_1\"],\"childMessageInstances\":[{\"message\":\"CAUSE\",\"parameters\":[\"java.lang.IllegalStateException: No credentials for 'smtp_cred' found\"]}]}]}"]}"#;

    #[test]
    fn the_nested_payload_reads_as_its_cause() {
        let error = parse_artifact_error(REAL_SHAPE);
        assert_eq!(
            error.summary,
            "java.lang.IllegalStateException: No credentials for 'smtp_cred' found"
        );
        assert_eq!(
            error.lines,
            vec![
                "  org.osgi.service.blueprint.container.ComponentDefinitionException: Unable to initialize bean MessageFlow_1",
                "    java.lang.IllegalStateException: No credentials for 'smtp_cred' found",
            ]
        );
        assert_eq!(
            error.source.as_deref(),
            Some("CONTENT/CONTENT_DEPLOY InstanceError")
        );
        assert_eq!(error.raw, REAL_SHAPE);
    }

    #[test]
    fn plain_text_and_broken_json_are_shown_as_sent() {
        let plain = parse_artifact_error("Error while loading the flow\nsecond line");
        assert_eq!(plain.summary, "Error while loading the flow\nsecond line");
        assert_eq!(
            plain.lines,
            vec!["Error while loading the flow", "second line"]
        );
        let broken = parse_artifact_error("{\"message\": ");
        assert_eq!(broken.summary, "{\"message\":");
        assert_eq!(
            parse_artifact_error("").summary,
            "The tenant gave no error text"
        );
    }

    #[test]
    fn message_text_of_the_envelope_counts() {
        let error = parse_artifact_error(
            r#"{"message":{"messageId":"X","messageText":"Deployment failed: unknown adapter"},"parameter":[]}"#,
        );
        assert_eq!(error.summary, "Deployment failed: unknown adapter");
        assert_eq!(error.source.as_deref(), Some("X"));
    }
}
