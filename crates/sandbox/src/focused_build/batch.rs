//! OData V2 `$batch` as SAP Gateway serves it: `POST <service>/$batch` with a
//! `multipart/mixed` body of retrieve parts (one `GET` each) and change sets (nested
//! `multipart/mixed` of `POST`/`PUT`/`MERGE`/`PATCH`/`DELETE`), answered `202 Accepted` with
//! one `application/http` part per request part, each with its own status line.
//!
//! As strict as Gateway: the body must be well-formed RFC 2046 multipart (CRLF line ends),
//! every operation an `application/http` part with `Content-Transfer-Encoding: binary`,
//! reads outside change sets and writes inside them; anything else fails the whole request
//! with 400 before any operation runs. A change set is all or nothing: the first failing
//! operation's error answers for the whole change set and nothing of it is kept. The CSRF
//! token is checked for the `POST` like for any modifying request (the logon layer), and
//! injected faults (latency, errors) apply once to the batch, as one HTTP request.

use std::convert::Infallible;

use axum::body::{to_bytes, Bytes};
use axum::extract::Query;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use futures_util::stream;

use super::errors::ServiceError;
use super::routes::{respond, wants_json, Call, Service};

/// Headers read per part or per request inside it.
const MAX_HEADERS: usize = 64;

/// One operation inside the batch, as its `application/http` part carried it.
struct Operation {
    method: Method,
    /// As written in the request line: relative to the service root, or an absolute path.
    target: String,
    headers: HeaderMap,
    body: Bytes,
    /// The part's `Content-ID`, echoed in its answer.
    content_id: Option<HeaderValue>,
}

enum RequestPart {
    Retrieve(Operation),
    ChangeSet(Vec<Operation>),
}

/// The answer to one request part before it is written out.
enum AnswerPart {
    Single(Response, Option<HeaderValue>),
    ChangeSet(Vec<(Response, Option<HeaderValue>)>),
}

pub(super) async fn serve(service: &Service, call: &Call) -> Response {
    if call.method != Method::POST {
        return ServiceError::method_not_allowed(call.method.as_str(), "$batch")
            .into_response(call.json);
    }
    let parts = match read_request(call).await {
        Ok(parts) => parts,
        Err(message) => {
            tracing::debug!("focused build: malformed batch: {message}");
            return ServiceError::bad_request(&format!("Malformed batch request: {message}"))
                .into_response(call.json);
        }
    };
    // Every operation runs under one lock: a change set is applied whole, or not at all.
    let answers: Vec<AnswerPart> = {
        let mut store = service.store();
        parts
            .into_iter()
            .map(|part| match part {
                RequestPart::Retrieve(operation) => {
                    let response = respond(&mut store, &operation_call(call, &operation));
                    AnswerPart::Single(response, operation.content_id)
                }
                RequestPart::ChangeSet(operations) => {
                    let before = store.clone();
                    let mut done = Vec::with_capacity(operations.len());
                    for operation in operations {
                        let response = respond(&mut store, &operation_call(call, &operation));
                        if !response.status().is_success() {
                            *store = before;
                            tracing::info!(
                                status = response.status().as_u16(),
                                "focused build: change set rolled back"
                            );
                            return AnswerPart::Single(response, operation.content_id);
                        }
                        done.push((response, operation.content_id));
                    }
                    AnswerPart::ChangeSet(done)
                }
            })
            .collect()
    };
    write_answer(answers).await
}

/// The request of one operation, as if it had come alone (same user, root and session).
fn operation_call(batch: &Call, operation: &Operation) -> Call {
    let (resource, query) = match resource_of(&operation.target, &batch.root) {
        Some((resource, query)) => (resource, query),
        // Outside this service: nothing here answers it.
        None => (String::from("\u{0}"), Vec::new()),
    };
    Call {
        method: operation.method.clone(),
        json: wants_json(&query, &operation.headers),
        root: batch.root.clone(),
        query,
        headers: operation.headers.clone(),
        user: batch.user.clone(),
        body: operation.body.clone(),
        resource,
    }
}

/// The resource below the service root and the query of a request line's target.
fn resource_of(target: &str, root: &str) -> Option<(String, Vec<(String, String)>)> {
    let root_path = root
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|at| &rest[at..]))
        .unwrap_or("/");
    let relative = if let Some(absolute) = target.strip_prefix(root) {
        absolute
    } else if target.starts_with('/') {
        target.strip_prefix(root_path)?
    } else if target.contains("://") {
        return None;
    } else {
        target
    };
    let uri: Uri = format!("/{relative}").parse().ok()?;
    let query = Query::<Vec<(String, String)>>::try_from_uri(&uri)
        .map(|Query(pairs)| pairs)
        .ok()?;
    let path = percent_decode(uri.path().trim_start_matches('/'))?;
    Some((path.trim_matches('/').to_owned(), query))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = std::str::from_utf8(bytes.get(index + 1..index + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The request's parts, or why the body is no batch Gateway would run.
async fn read_request(call: &Call) -> Result<Vec<RequestPart>, String> {
    let content_type = call
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let boundary = boundary_of(content_type)
        .ok_or("the Content-Type must be multipart/mixed with a boundary")?;
    let mut parts = Vec::new();
    for (number, (headers, content)) in split(call.body.clone(), boundary)
        .await?
        .into_iter()
        .enumerate()
    {
        let number = number + 1;
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        if let Some(change_set_boundary) = boundary_of(content_type) {
            let mut operations = Vec::new();
            for (inner, (headers, content)) in split(content, change_set_boundary)
                .await?
                .into_iter()
                .enumerate()
            {
                let label = format!("{number}.{}", inner + 1);
                if headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|value| value.to_str().ok())
                    .and_then(boundary_of)
                    .is_some()
                {
                    return Err(format!("part {label}: change sets cannot be nested"));
                }
                let operation = operation(&headers, &content, &label)?;
                if matches!(operation.method, Method::GET | Method::HEAD) {
                    return Err(format!(
                        "part {label}: {} is not allowed in a change set",
                        operation.method
                    ));
                }
                operations.push(operation);
            }
            if operations.is_empty() {
                return Err(format!("part {number}: the change set is empty"));
            }
            parts.push(RequestPart::ChangeSet(operations));
        } else {
            let label = number.to_string();
            let operation = operation(&headers, &content, &label)?;
            if operation.method != Method::GET {
                return Err(format!(
                    "part {label}: {} outside a change set (modifying operations belong in one)",
                    operation.method
                ));
            }
            parts.push(RequestPart::Retrieve(operation));
        }
    }
    if parts.is_empty() {
        return Err("the batch holds no part".into());
    }
    Ok(parts)
}

/// The `boundary` of a `multipart/mixed` content type.
fn boundary_of(content_type: &str) -> Option<&str> {
    let mime: mime::Mime = content_type.trim().parse().ok()?;
    if mime.type_() != mime::MULTIPART || mime.subtype().as_str() != "mixed" {
        return None;
    }
    let boundary = mime.get_param(mime::BOUNDARY)?.as_str();
    // The parameter borrows from `mime`; find the same text in the caller's string.
    let at = content_type.find(boundary)?;
    Some(&content_type[at..at + boundary.len()]).filter(|b| !b.is_empty())
}

/// The parts of a multipart body (RFC 2046, as multer reads it: CRLF line ends).
async fn split(body: Bytes, boundary: &str) -> Result<Vec<(HeaderMap, Bytes)>, String> {
    let mut multipart = multer::Multipart::new(
        stream::once(async move { Ok::<Bytes, Infallible>(body) }),
        boundary,
    );
    let mut parts = Vec::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let headers = field.headers().clone();
                let content = field
                    .bytes()
                    .await
                    .map_err(|error| format!("part {}: {error}", parts.len() + 1))?;
                parts.push((headers, content));
            }
            Ok(None) => return Ok(parts),
            Err(error) => {
                return Err(format!(
                    "the multipart body is not well-formed after {} part(s) (boundary {boundary:?}): {error}",
                    parts.len()
                ))
            }
        }
    }
}

/// An `application/http` part: request line, headers, blank line and body.
fn operation(part_headers: &HeaderMap, content: &[u8], label: &str) -> Result<Operation, String> {
    let header_text = |name: HeaderName| {
        part_headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(|value| value.trim().to_ascii_lowercase())
    };
    if header_text(header::CONTENT_TYPE).as_deref() != Some("application/http") {
        return Err(format!(
            "part {label}: the Content-Type must be application/http"
        ));
    }
    if header_text(HeaderName::from_static("content-transfer-encoding")).as_deref()
        != Some("binary")
    {
        return Err(format!(
            "part {label}: the Content-Transfer-Encoding must be binary"
        ));
    }
    let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut slots);
    let head_length = match request.parse(content) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => {
            return Err(format!(
                "part {label}: the HTTP request ends in its head (a blank line must follow the headers)"
            ))
        }
        Err(error) => return Err(format!("part {label}: unreadable HTTP request: {error}")),
    };
    let method = request
        .method
        .and_then(|method| Method::from_bytes(method.as_bytes()).ok())
        .ok_or_else(|| format!("part {label}: no method"))?;
    let target = request
        .path
        .ok_or_else(|| format!("part {label}: no request URI"))?
        .to_owned();
    let mut headers = HeaderMap::new();
    for parsed in request.headers.iter() {
        let name = HeaderName::from_bytes(parsed.name.as_bytes())
            .map_err(|_| format!("part {label}: invalid header name {:?}", parsed.name))?;
        let value = HeaderValue::from_bytes(parsed.value)
            .map_err(|_| format!("part {label}: invalid value of header {}", parsed.name))?;
        headers.append(name, value);
    }
    let rest = &content[head_length..];
    let body = match headers.get(header::CONTENT_LENGTH) {
        Some(length) => {
            let length = length
                .to_str()
                .ok()
                .and_then(|text| text.trim().parse::<usize>().ok())
                .ok_or_else(|| format!("part {label}: invalid Content-Length"))?;
            rest.get(..length).ok_or_else(|| {
                format!("part {label}: the body is shorter than its Content-Length")
            })?
        }
        None => rest,
    };
    Ok(Operation {
        method,
        target,
        headers,
        body: Bytes::copy_from_slice(body),
        content_id: part_headers.get("content-id").cloned(),
    })
}

/// `202 Accepted` with one part per request part, each operation's status line first.
async fn write_answer(answers: Vec<AnswerPart>) -> Response {
    let boundary = format!("batch_{:032x}", rand::random::<u128>());
    let mut body = Vec::new();
    for answer in answers {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match answer {
            AnswerPart::Single(response, content_id) => {
                write_http_part(&mut body, response, content_id).await;
            }
            AnswerPart::ChangeSet(responses) => {
                let change_set = format!("changeset_{:032x}", rand::random::<u128>());
                body.extend_from_slice(
                    format!("Content-Type: multipart/mixed; boundary={change_set}\r\n\r\n")
                        .as_bytes(),
                );
                for (response, content_id) in responses {
                    body.extend_from_slice(format!("--{change_set}\r\n").as_bytes());
                    write_http_part(&mut body, response, content_id).await;
                }
                body.extend_from_slice(format!("--{change_set}--\r\n").as_bytes());
            }
        }
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let mut response = (StatusCode::ACCEPTED, body).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&format!("multipart/mixed; boundary={boundary}")) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert("dataserviceversion", HeaderValue::from_static("2.0"));
    response
}

/// One answer as an `application/http` part, followed by the delimiter's line break.
async fn write_http_part(out: &mut Vec<u8>, response: Response, content_id: Option<HeaderValue>) {
    let (parts, body) = response.into_parts();
    // The answers are built in memory: reading them cannot fail.
    let body = to_bytes(body, usize::MAX).await.unwrap_or_default();
    out.extend_from_slice(
        b"Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n",
    );
    if let Some(id) = content_id {
        out.extend_from_slice(b"Content-ID: ");
        out.extend_from_slice(id.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    let reason = parts.status.canonical_reason().unwrap_or("");
    out.extend_from_slice(format!("HTTP/1.1 {} {reason}\r\n", parts.status.as_u16()).as_bytes());
    for (name, value) in &parts.headers {
        if name == header::CONTENT_LENGTH {
            continue;
        }
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("content-length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(&body);
    out.extend_from_slice(b"\r\n");
}
