//! Reading a multipart/mixed `$batch` answer (RFC 2046 framing, OData V2 parts).
//!
//! Hand-written rather than a multipart crate: the crates at hand parse form uploads and
//! insist on CRLF, while a client must read what a server sends: CRLF or bare LF line ends,
//! transport padding after a delimiter, a preamble and an epilogue, parts that are HTTP
//! messages and change sets nested one level. The HTTP heads inside the parts are parsed by
//! `httparse` (hyper's parser).

use bytes::Bytes;
use memchr::memmem;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

use super::BatchError;
use crate::HttpResponse;

/// Headers read per part or per HTTP message inside it.
const MAX_HEADERS: usize = 64;

/// One part of the answer: an HTTP answer, or a change set's answers.
#[derive(Debug, Clone)]
pub enum ResponsePart {
    Single(HttpResponse),
    ChangeSet(Vec<HttpResponse>),
}

/// The parts of a multipart/mixed answer with `content_type`.
pub fn parse_response(content_type: &str, body: &[u8]) -> Result<Vec<ResponsePart>, BatchError> {
    let boundary = boundary_of(content_type)?;
    split(body, &boundary)?
        .into_iter()
        .enumerate()
        .map(|(index, part)| read_part(part, &(index + 1).to_string(), true))
        .collect()
}

/// The `boundary` parameter of a multipart/mixed content type.
pub(super) fn boundary_of(content_type: &str) -> Result<String, BatchError> {
    let not_multipart = || BatchError::NotMultipart {
        content_type: content_type.chars().take(100).collect(),
    };
    let mime: mime::Mime = content_type.trim().parse().map_err(|_| not_multipart())?;
    if mime.type_() != mime::MULTIPART || mime.subtype().as_str() != "mixed" {
        return Err(not_multipart());
    }
    let boundary = mime
        .get_param(mime::BOUNDARY)
        .map(|value| value.as_str().to_owned())
        .filter(|value| !value.is_empty() && value.len() <= 200)
        .ok_or(BatchError::NoBoundary)?;
    Ok(boundary)
}

/// The bodies between the delimiters `--boundary`, each without its headers parsed.
fn split<'a>(body: &'a [u8], boundary: &str) -> Result<Vec<&'a [u8]>, BatchError> {
    let delimiter = format!("--{boundary}");
    let finder = memmem::Finder::new(delimiter.as_bytes());
    let mut parts = Vec::new();
    // Where the current part's content starts (after its delimiter line).
    let mut open: Option<usize> = None;
    let mut search_from = 0;
    while let Some(found) = finder.find(&body[search_from..]) {
        let at = search_from + found;
        search_from = at + delimiter.len();
        // A delimiter starts a line.
        if at > 0 && body[at - 1] != b'\n' {
            continue;
        }
        let after = &body[at + delimiter.len()..];
        let closing = after.starts_with(b"--");
        let line_end = if closing {
            None
        } else {
            // Transport padding (spaces, tabs) may follow; anything else means the boundary
            // only starts a longer word, e.g. `--batch_1` in `--batch_12`.
            let padding = after
                .iter()
                .take_while(|byte| matches!(byte, b' ' | b'\t'))
                .count();
            match after.get(padding..) {
                Some([b'\r', b'\n', ..]) => Some(padding + 2),
                Some([b'\n', ..]) => Some(padding + 1),
                Some([]) => return Err(BatchError::Unterminated),
                _ => continue,
            }
        };
        if let Some(start) = open.take() {
            parts.push(strip_line_break(&body[start..at]));
        }
        match line_end {
            // The closing delimiter (right away: an empty multipart).
            None => return Ok(parts),
            Some(length) => {
                open = Some(at + delimiter.len() + length);
                search_from = at + delimiter.len() + length;
            }
        }
    }
    if open.is_some() || !parts.is_empty() {
        Err(BatchError::Unterminated)
    } else {
        Err(BatchError::NoDelimiter {
            boundary: boundary.to_owned(),
        })
    }
}

/// The line break before a delimiter belongs to the delimiter.
fn strip_line_break(content: &[u8]) -> &[u8] {
    content
        .strip_suffix(b"\r\n")
        .or_else(|| content.strip_suffix(b"\n"))
        .unwrap_or(content)
}

fn read_part(part: &[u8], label: &str, outer: bool) -> Result<ResponsePart, BatchError> {
    let (headers, content) = part_headers(part, label)?;
    let content_type = headers
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/http" => Ok(ResponsePart::Single(http_response(content, label)?)),
        "multipart/mixed" if outer => {
            let boundary = boundary_of(&content_type)?;
            let answers = split(content, &boundary)?
                .into_iter()
                .enumerate()
                .map(|(index, inner)| {
                    let label = format!("{label}.{}", index + 1);
                    match read_part(inner, &label, false)? {
                        ResponsePart::Single(response) => Ok(response),
                        ResponsePart::ChangeSet(_) => {
                            Err(BatchError::NestedTooDeep { part: label })
                        }
                    }
                })
                .collect::<Result<_, _>>()?;
            Ok(ResponsePart::ChangeSet(answers))
        }
        "multipart/mixed" => Err(BatchError::NestedTooDeep {
            part: label.to_owned(),
        }),
        _ => Err(BatchError::NotHttp {
            part: label.to_owned(),
            content_type: if content_type.is_empty() {
                "without a Content-Type".to_owned()
            } else {
                content_type.chars().take(100).collect()
            },
        }),
    }
}

/// A part's MIME headers and what follows the blank line after them.
fn part_headers<'a>(part: &'a [u8], label: &str) -> Result<(HeaderMap, &'a [u8]), BatchError> {
    let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
    match httparse::parse_headers(part, &mut slots) {
        Ok(httparse::Status::Complete((length, parsed))) => {
            Ok((header_map(parsed), &part[length..]))
        }
        _ => Err(BatchError::PartHeaders {
            part: label.to_owned(),
        }),
    }
}

/// `HTTP/1.1 200 OK`, headers, a blank line and the body.
fn http_response(message: &[u8], label: &str) -> Result<HttpResponse, BatchError> {
    let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut slots);
    let status_error = |reason: String| BatchError::StatusLine {
        part: label.to_owned(),
        reason,
    };
    let length = match response.parse(message) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => {
            return Err(status_error("the HTTP message ends in its head".into()))
        }
        Err(error) => return Err(status_error(error.to_string())),
    };
    let status = response
        .code
        .ok_or_else(|| status_error("no status code".into()))?;
    let headers = header_map(response.headers);
    let mut body = &message[length..];
    // The part's framing ends the body; a Content-Length within it drops trailing padding.
    let declared = headers
        .get("content-length")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<usize>().ok());
    if let Some(declared) = declared.filter(|declared| *declared <= body.len()) {
        body = &body[..declared];
    }
    Ok(HttpResponse {
        status,
        headers,
        body: Bytes::copy_from_slice(body),
    })
}

/// Headers that HTTP allows; others (never sent by a sane server) are left out.
fn header_map(parsed: &[httparse::Header<'_>]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for header in parsed {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(header.name.as_bytes()),
            HeaderValue::from_bytes(header.value),
        ) {
            map.append(name, value);
        }
    }
    map
}
