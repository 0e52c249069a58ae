//! What can be wrong with a `$batch` answer, each case in words the user can act on.

use crate::{text_excerpt, SapError};

/// Why a `$batch` answer could not be read. Parts are numbered from 1 as they come; an
/// operation inside a change set as `2.3` (the third operation of the second part).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BatchError {
    #[error("the batch answer is not multipart/mixed but {content_type}")]
    NotMultipart { content_type: String },
    #[error("the batch answer's Content-Type names no boundary")]
    NoBoundary,
    #[error("the batch answer holds no part delimited by its boundary {boundary:?}")]
    NoDelimiter { boundary: String },
    #[error("the batch answer ends before its closing delimiter (cut off?)")]
    Unterminated,
    #[error("part {part} of the batch answer has unreadable headers")]
    PartHeaders { part: String },
    #[error(
        "part {part} of the batch answer is {content_type}, not an HTTP message (application/http)"
    )]
    NotHttp { part: String, content_type: String },
    #[error("part {part} of the batch answer has no readable HTTP status line: {reason}")]
    StatusLine { part: String, reason: String },
    #[error("part {part} of the batch answer nests change sets")]
    NestedTooDeep { part: String },
    #[error("the batch answer holds {found} part(s) for {expected} request(s)")]
    PartCount { expected: usize, found: usize },
    #[error(
        "change set {part} of the batch answer holds {found} answer(s) for {expected} operation(s)"
    )]
    ChangeSetCount {
        part: String,
        expected: usize,
        found: usize,
    },
    #[error("part {part} of the batch answer is a change set where a single answer belongs")]
    UnexpectedChangeSet { part: String },
}

impl BatchError {
    /// As the session's error type, quoting the start of the answer.
    pub fn into_sap_error(self, body: &[u8]) -> SapError {
        SapError::Decode {
            message: self.to_string(),
            excerpt: text_excerpt(&String::from_utf8_lossy(body), 300),
        }
    }
}
