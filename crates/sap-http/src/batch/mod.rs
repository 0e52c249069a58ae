//! OData V2 `$batch`: many operations in one HTTP round trip.
//!
//! A [`BatchRequest`] holds retrieve operations (GET) and change sets (modifying operations
//! the server applies all or none); [`BatchRequest::to_request`] writes it as the
//! `multipart/mixed` POST that SAP Gateway reads, and [`BatchRequest::read_answer`] reads
//! the `multipart/mixed` answer back: one [`BatchAnswer`] per part, each operation's answer
//! an [`HttpResponse`] with its own status, so the service crate interprets it exactly as
//! it interprets a single call's answer.
//!
//! ```
//! use sap_http::batch::{BatchAnswer, BatchRequest};
//! use sap_http::SapRequest;
//!
//! let batch = BatchRequest::new()
//!     .retrieve(SapRequest::get("WorkItemSet(guid=guid'0050568b-3f1c-1eda-a8c2-2d3f4e5a6b7c')"))
//!     .retrieve(SapRequest::get("WorkItemSet").query("$top", "10"));
//! let request = batch.to_request("$batch").expect("a valid batch");
//! assert_eq!(request.method, reqwest::Method::POST);
//! // let answer = session.send(request).await?;
//! // for part in batch.read_answer(&answer)? { ... }
//! ```
//!
//! The session sends the POST like any other: with the CSRF token Gateway requires for it,
//! even when the batch only reads.

mod error;
mod multipart;
#[cfg(test)]
mod tests;

use std::fmt::Write as _;

use bytes::Bytes;
use reqwest::Method;

pub use error::BatchError;
pub use multipart::{parse_response, ResponsePart};

use crate::session::encode_query;
use crate::{HttpResponse, SapError, SapRequest};

/// One part of a batch: a read, or a change set's modifying operations.
#[derive(Debug, Clone)]
pub enum BatchPart {
    Retrieve(SapRequest),
    ChangeSet(Vec<SapRequest>),
}

/// The answer to one [`BatchPart`], in the order of the request.
#[derive(Debug, Clone)]
pub enum BatchAnswer {
    /// A read's answer, of any status (a 404 for one item leaves the others unharmed).
    Retrieve(HttpResponse),
    /// Every operation of the change set succeeded; one answer per operation.
    ChangeSet(Vec<HttpResponse>),
    /// The change set was not applied: the server's answer for the operation that failed
    /// (none of the change set's operations took effect).
    ChangeSetFailed(HttpResponse),
}

/// A `$batch` request being built.
#[derive(Debug, Clone)]
pub struct BatchRequest {
    boundary: String,
    parts: Vec<BatchPart>,
}

impl Default for BatchRequest {
    fn default() -> Self {
        Self::new()
    }
}

impl BatchRequest {
    pub fn new() -> Self {
        Self {
            boundary: new_boundary("batch"),
            parts: Vec::new(),
        }
    }

    /// Adds a read (a GET; anything else is refused by [`Self::to_request`]).
    pub fn retrieve(mut self, request: SapRequest) -> Self {
        self.parts.push(BatchPart::Retrieve(request));
        self
    }

    /// Adds a change set: modifying operations applied all or none.
    pub fn change_set(mut self, operations: Vec<SapRequest>) -> Self {
        self.parts.push(BatchPart::ChangeSet(operations));
        self
    }

    pub fn parts(&self) -> &[BatchPart] {
        &self.parts
    }

    pub fn len(&self) -> usize {
        self.parts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }

    /// The POST to `batch_path` (`$batch` below the service root) that carries the parts.
    /// Operation paths are relative to the service root, as in single calls.
    pub fn to_request(&self, batch_path: &str) -> Result<SapRequest, SapError> {
        if self.parts.is_empty() {
            return Err(invalid("a batch needs at least one operation".into()));
        }
        let mut body = String::new();
        for part in &self.parts {
            let _ = write!(body, "--{}\r\n", self.boundary);
            match part {
                BatchPart::Retrieve(request) => {
                    if request.method != Method::GET {
                        return Err(invalid(format!(
                            "{} {} is not a read: modifying operations belong in a change set",
                            request.method, request.path
                        )));
                    }
                    write_operation(&mut body, request, None)?;
                }
                BatchPart::ChangeSet(operations) => {
                    if operations.is_empty() {
                        return Err(invalid("a change set needs at least one operation".into()));
                    }
                    let change_set = new_boundary("changeset");
                    let _ = write!(
                        body,
                        "Content-Type: multipart/mixed; boundary={change_set}\r\n\r\n"
                    );
                    for (index, operation) in operations.iter().enumerate() {
                        if matches!(operation.method, Method::GET | Method::HEAD) {
                            return Err(invalid(format!(
                                "{} {} reads: reads do not belong in a change set",
                                operation.method, operation.path
                            )));
                        }
                        let _ = write!(body, "--{change_set}\r\n");
                        write_operation(&mut body, operation, Some(index + 1))?;
                    }
                    let _ = write!(body, "--{change_set}--\r\n");
                }
            }
        }
        let _ = write!(body, "--{}--\r\n", self.boundary);
        let content_type = format!("multipart/mixed; boundary={}", self.boundary);
        let mut request = SapRequest::new(Method::POST, batch_path)
            .header("Accept", "multipart/mixed")
            .body(&content_type, Bytes::from(body));
        // Only reads: safe to send again on a fresh logon.
        if self
            .parts
            .iter()
            .all(|part| matches!(part, BatchPart::Retrieve(_)))
        {
            request = request.repeatable();
        }
        Ok(request)
    }

    /// The answers to this batch's parts, in order, from the server's `multipart/mixed`
    /// answer (a 2xx; an error status is the caller's to read as any other error answer).
    pub fn read_answer(&self, response: &HttpResponse) -> Result<Vec<BatchAnswer>, BatchError> {
        let content_type = response
            .content_type()
            .ok_or_else(|| BatchError::NotMultipart {
                content_type: "without a Content-Type".into(),
            })?;
        let parts = parse_response(content_type, &response.body)?;
        if parts.len() != self.parts.len() {
            return Err(BatchError::PartCount {
                expected: self.parts.len(),
                found: parts.len(),
            });
        }
        self.parts
            .iter()
            .zip(parts)
            .enumerate()
            .map(|(index, (asked, answer))| {
                let part = (index + 1).to_string();
                match (asked, answer) {
                    (BatchPart::Retrieve(_), ResponsePart::Single(response)) => {
                        Ok(BatchAnswer::Retrieve(response))
                    }
                    (BatchPart::Retrieve(_), ResponsePart::ChangeSet(_)) => {
                        Err(BatchError::UnexpectedChangeSet { part })
                    }
                    (BatchPart::ChangeSet(operations), ResponsePart::ChangeSet(answers)) => {
                        if answers.len() == operations.len() {
                            Ok(BatchAnswer::ChangeSet(answers))
                        } else {
                            Err(BatchError::ChangeSetCount {
                                part,
                                expected: operations.len(),
                                found: answers.len(),
                            })
                        }
                    }
                    // A failed change set is answered by the one error, outside a change set.
                    (BatchPart::ChangeSet(_), ResponsePart::Single(response))
                        if !response.is_success() =>
                    {
                        Ok(BatchAnswer::ChangeSetFailed(response))
                    }
                    (BatchPart::ChangeSet(operations), ResponsePart::Single(response))
                        if operations.len() == 1 =>
                    {
                        Ok(BatchAnswer::ChangeSet(vec![response]))
                    }
                    (BatchPart::ChangeSet(operations), ResponsePart::Single(_)) => {
                        Err(BatchError::ChangeSetCount {
                            part,
                            expected: operations.len(),
                            found: 1,
                        })
                    }
                }
            })
            .collect()
    }
}

/// One operation as an `application/http` part: request line, headers, blank line, body.
fn write_operation(
    out: &mut String,
    request: &SapRequest,
    content_id: Option<usize>,
) -> Result<(), SapError> {
    let path = request.path.trim_start_matches('/');
    if path.is_empty() || path.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return Err(invalid(format!(
            "{:?} is not a path for a batch operation",
            request.path
        )));
    }
    out.push_str("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
    if let Some(id) = content_id {
        let _ = write!(out, "Content-ID: {id}\r\n");
    }
    out.push_str("\r\n");
    let _ = write!(out, "{} {path}", request.method);
    if !request.query.is_empty() {
        let _ = write!(out, "?{}", encode_query(&request.query));
    }
    out.push_str(" HTTP/1.1\r\n");
    for (name, value) in &request.headers {
        write_header(out, name, value)?;
    }
    match (&request.body, &request.content_type) {
        (Some(body), content_type) => {
            let text = std::str::from_utf8(body).map_err(|_| {
                invalid("a batch operation's body must be text (JSON or XML)".into())
            })?;
            if let Some(content_type) = content_type {
                write_header(out, "Content-Type", content_type)?;
            }
            write_header(out, "Content-Length", &body.len().to_string())?;
            out.push_str("\r\n");
            out.push_str(text);
            out.push_str("\r\n");
        }
        (None, _) => out.push_str("\r\n\r\n"),
    }
    Ok(())
}

fn write_header(out: &mut String, name: &str, value: &str) -> Result<(), SapError> {
    let token = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if !token || value.contains(['\r', '\n']) {
        return Err(invalid(format!(
            "header {name:?} cannot be written into a batch operation"
        )));
    }
    let _ = write!(out, "{name}: {value}\r\n");
    Ok(())
}

/// `batch_` and 32 random hex digits: never part of a JSON or XML body by chance.
fn new_boundary(prefix: &str) -> String {
    format!("{prefix}_{:032x}", rand::random::<u128>())
}

fn invalid(message: String) -> SapError {
    SapError::Config {
        field: "batch".into(),
        message,
    }
}
