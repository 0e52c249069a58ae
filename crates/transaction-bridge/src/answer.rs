//! The bridge's answers: `State` (read from every answer, success or error), `Output`, and
//! the error body with its internal code.
//!
//! Field names are matched without regard to case (`State`/`state`, `ErrorState`/`errorState`
//! both occur in SAP's own documentation) and missing parts are tolerated: an odd answer
//! becomes an explained error, never a panic.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// SAP GUI's status bar message type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum MessageType {
    /// `S`, green.
    Success,
    /// `W`, yellow.
    Warning,
    /// `E` (and `A`, abort), red.
    Error,
    /// `I`, blue.
    Information,
    /// The bridge gave no type.
    None,
}

impl MessageType {
    fn from_letter(letter: &str) -> Option<Self> {
        Some(match letter.trim().to_ascii_uppercase().as_str() {
            "S" | "SUCCESS" => Self::Success,
            "W" | "WARNING" => Self::Warning,
            "E" | "A" | "ERROR" | "ABORT" => Self::Error,
            "I" | "INFO" | "INFORMATION" => Self::Information,
            _ => return None,
        })
    }

    /// The SAP GUI letter (`S`, `W`, `E`, `I`), empty for none.
    pub fn letter(self) -> &'static str {
        match self {
            Self::Success => "S",
            Self::Warning => "W",
            Self::Error => "E",
            Self::Information => "I",
            Self::None => "",
        }
    }
}

/// The text in SAP GUI's status bar after the call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusBarMessage {
    pub message_type: MessageType,
    pub text: String,
}

/// The bridge's `State`: its code (0 is success), the status bar, and which operations
/// may follow or precede on the current screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BridgeState {
    pub error_code: u32,
    pub status_bar: Option<StatusBarMessage>,
    pub subsequent_actions: Vec<String>,
    pub preceding_actions: Vec<String>,
}

/// A member of a JSON object by name, ignoring case.
pub(crate) fn member<'a>(object: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    object.get(name).or_else(|| {
        object
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value)
    })
}

fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn names(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(text_of).collect())
        .unwrap_or_default()
}

impl BridgeState {
    /// Reads a `State` object. `StatusBarMessage` may be a text (with the type in
    /// `StatusBarMessageType` beside it, or none) or an object with `Type` and `Text`.
    pub fn from_json(value: &Value) -> Option<Self> {
        let object = value.as_object()?;
        let error_code = member(object, "ErrorCode")
            .and_then(|code| match code {
                Value::Number(n) => n.as_u64(),
                Value::String(text) => text.trim().parse().ok(),
                _ => None,
            })
            .and_then(|code| u32::try_from(code).ok())
            .unwrap_or(0);
        let status_bar = member(object, "StatusBarMessage").and_then(|message| match message {
            Value::Object(fields) => {
                let text = ["Text", "Message", "MessageText"]
                    .iter()
                    .find_map(|name| member(fields, name).and_then(text_of))?;
                let message_type = ["Type", "MessageType"]
                    .iter()
                    .find_map(|name| member(fields, name).and_then(text_of))
                    .and_then(|letter| MessageType::from_letter(&letter))
                    .unwrap_or(MessageType::None);
                Some(StatusBarMessage { message_type, text })
            }
            Value::String(text) if !text.trim().is_empty() => Some(StatusBarMessage {
                message_type: ["StatusBarMessageType", "MessageType"]
                    .iter()
                    .find_map(|name| member(object, name).and_then(text_of))
                    .and_then(|letter| MessageType::from_letter(&letter))
                    .unwrap_or(MessageType::None),
                text: text.clone(),
            }),
            _ => None,
        });
        Some(Self {
            error_code,
            status_bar,
            subsequent_actions: names(member(object, "SubsequentActions")),
            preceding_actions: names(member(object, "PrecedingActions")),
        })
    }
}

/// The error body: `{"error": {"Status", "ErrorMessage", "ErrorState", "Target", "Details"}}`
/// as the bridge documents it, or OData's own `{"error": {"code", "message", "details"}}`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ErrorBody {
    pub status: Option<String>,
    pub message: Option<String>,
    pub state: Option<BridgeState>,
    pub target: Option<String>,
    /// Each detail's message, with its target when it names one.
    pub details: Vec<(Option<String>, String)>,
}

impl ErrorBody {
    pub fn from_json(value: &Value) -> Option<Self> {
        let root = value.as_object()?;
        let error = member(root, "error")
            .and_then(Value::as_object)
            .unwrap_or(root);
        let text = |names: &[&str]| {
            names
                .iter()
                .find_map(|name| member(error, name).and_then(text_of))
        };
        let state = ["ErrorState", "State"]
            .iter()
            .find_map(|name| member(error, name))
            .and_then(BridgeState::from_json);
        let details = member(error, "Details")
            .and_then(Value::as_array)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|item| match item {
                        Value::String(message) => Some((None, message.clone())),
                        Value::Object(detail) => Some((
                            member(detail, "target").and_then(text_of),
                            member(detail, "message").and_then(text_of)?,
                        )),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let body = Self {
            status: text(&["Status", "code"]),
            message: text(&["ErrorMessage", "message"]),
            state,
            target: text(&["Target"]),
            details,
        };
        (body.status.is_some() || body.message.is_some() || body.state.is_some()).then_some(body)
    }

    /// The internal code: `ErrorState.ErrorCode`, or a numeric OData `code`.
    pub fn code(&self) -> Option<u32> {
        self.state
            .as_ref()
            .map(|state| state.error_code)
            .filter(|code| *code != 0)
            .or_else(|| self.status.as_deref()?.trim().parse().ok())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_documented_error_sample_reads() {
        let body = ErrorBody::from_json(&json!({
          "error": {
            "Status": "INTERNAL_SERVER_ERROR",
            "ErrorMessage": "Batch execution (partially) failed",
            "ErrorState": {"ErrorCode": 200, "SubsequentActions": [], "PrecedingActions": []},
            "Target": "/mtb-bridge/odata/app/krHeea/GetUserDetails",
            "Details": [{"message": "Step execution status: [{\"ord\":\"1\",\"code\":\"-1\",\"status\":\"Control not found\"}]"}]
          }
        }))
        .unwrap();
        assert_eq!(body.code(), Some(200));
        assert_eq!(
            body.message.as_deref(),
            Some("Batch execution (partially) failed")
        );
        assert_eq!(body.details.len(), 1);
        assert!(body.target.unwrap().ends_with("GetUserDetails"));
    }

    #[test]
    fn state_reads_either_status_bar_shape() {
        let state = BridgeState::from_json(&json!({
            "ErrorCode": 0,
            "StatusBarMessage": "User JWAYNE locked",
            "StatusBarMessageType": "S",
            "SubsequentActions": ["Get"], "PrecedingActions": ["Home"]
        }))
        .unwrap();
        assert_eq!(
            state.status_bar.as_ref().unwrap().message_type,
            MessageType::Success
        );
        assert_eq!(state.subsequent_actions, ["Get"]);
        let state = BridgeState::from_json(&json!({
            "errorcode": "300",
            "StatusBarMessage": {"Type": "E", "Text": "Enter a valid date"}
        }))
        .unwrap();
        assert_eq!(state.error_code, 300);
        assert_eq!(
            state.status_bar,
            Some(StatusBarMessage {
                message_type: MessageType::Error,
                text: "Enter a valid date".into()
            })
        );
        assert_eq!(BridgeState::from_json(&json!("nonsense")), None);
        let bare = BridgeState::from_json(&json!({"StatusBarMessage": ""})).unwrap();
        assert_eq!(bare.status_bar, None);
    }

    #[test]
    fn odd_error_bodies_are_tolerated() {
        assert_eq!(ErrorBody::from_json(&json!([1, 2])), None);
        assert_eq!(ErrorBody::from_json(&json!({"error": 5})), None);
        let odata = ErrorBody::from_json(
            &json!({"error": {"code": "700", "message": "Session invalid or expired"}}),
        )
        .unwrap();
        assert_eq!(odata.code(), Some(700));
    }
}
