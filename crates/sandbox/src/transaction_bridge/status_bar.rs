//! The SAP GUI status bar: a message and its type (S success, W warning, E error, I info).

use serde_json::{json, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MessageType {
    Success,
    Warning,
    Error,
    Info,
}

impl MessageType {
    /// The letter SAP GUI (and `SY-MSGTY`) uses.
    pub(crate) fn letter(self) -> &'static str {
        match self {
            Self::Success => "S",
            Self::Warning => "W",
            Self::Error => "E",
            Self::Info => "I",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StatusBar {
    pub kind: MessageType,
    pub text: String,
}

impl StatusBar {
    pub(crate) fn success(text: impl Into<String>) -> Self {
        Self {
            kind: MessageType::Success,
            text: text.into(),
        }
    }

    pub(crate) fn warning(text: impl Into<String>) -> Self {
        Self {
            kind: MessageType::Warning,
            text: text.into(),
        }
    }

    pub(crate) fn error(text: impl Into<String>) -> Self {
        Self {
            kind: MessageType::Error,
            text: text.into(),
        }
    }

    pub(crate) fn info(text: impl Into<String>) -> Self {
        Self {
            kind: MessageType::Info,
            text: text.into(),
        }
    }

    /// Sets `StatusBarMessage` and `StatusBarMessageType` in a `State` object.
    pub(crate) fn write_into(&self, state: &mut Value) {
        state["StatusBarMessage"] = json!(self.text);
        state["StatusBarMessageType"] = json!(self.kind.letter());
    }
}
