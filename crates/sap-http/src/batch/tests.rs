use proptest::prelude::*;
use reqwest::header::CONTENT_TYPE;

use super::*;

/// An answer written the way Gateway writes one, with `newline` as line end.
fn answer(boundary: &str, parts: &[String], newline: &str) -> Vec<u8> {
    let mut body = String::from("preamble the reader skips");
    body.push_str(newline);
    for part in parts {
        body.push_str(&format!("--{boundary}{newline}{part}{newline}"));
    }
    body.push_str(&format!("--{boundary}--{newline}epilogue"));
    body.into_bytes()
}

fn http_part(status: &str, body: &str, newline: &str) -> String {
    format!(
        "Content-Type: application/http{newline}Content-Transfer-Encoding: binary{newline}{newline}\
         HTTP/1.1 {status}{newline}Content-Type: application/json{newline}Content-Length: {}{newline}{newline}{body}",
        body.len()
    )
}

fn change_set_part(boundary: &str, inner: &[String], newline: &str) -> String {
    let mut text = format!("Content-Type: multipart/mixed; boundary={boundary}{newline}{newline}");
    for part in inner {
        text.push_str(&format!("--{boundary}{newline}{part}{newline}"));
    }
    text.push_str(&format!("--{boundary}--"));
    text
}

fn response(boundary: &str, body: Vec<u8>) -> HttpResponse {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        CONTENT_TYPE,
        format!("multipart/mixed; boundary={boundary}")
            .parse()
            .unwrap(),
    );
    HttpResponse {
        status: 202,
        headers,
        body: Bytes::from(body),
    }
}

fn two_reads() -> BatchRequest {
    BatchRequest::new()
        .retrieve(SapRequest::get("WorkItemSet(guid=guid'a')"))
        .retrieve(SapRequest::get("WorkItemSet(guid=guid'b')"))
}

#[test]
fn the_request_is_multipart_with_one_http_part_per_operation() {
    let batch = BatchRequest::new()
        .retrieve(
            SapRequest::get("WorkItemSet(guid=guid'a')")
                .query("$expand", "toWIText,toWICategory")
                .header("Accept", "application/json"),
        )
        .change_set(vec![SapRequest::new(Method::POST, "ChangeStatus")
            .query("userStatus", "'E0004'")
            .body("application/json", "{}")]);
    let request = batch.to_request("$batch").unwrap();
    assert_eq!(request.path, "$batch");
    assert!(!request.repeatable, "a change set must not be sent twice");
    let content_type = request.content_type.clone().unwrap();
    let boundary = content_type.split("boundary=").nth(1).unwrap();
    let body = String::from_utf8(request.body.unwrap().to_vec()).unwrap();
    assert!(body.starts_with(&format!("--{boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET WorkItemSet(guid=guid'a')?%24expand=toWIText%2CtoWICategory HTTP/1.1\r\nAccept: application/json\r\n\r\n\r\n--{boundary}\r\n")), "{body}");
    assert!(body.contains("Content-Type: multipart/mixed; boundary=changeset_"));
    assert!(body.contains("Content-ID: 1\r\n\r\nPOST ChangeStatus?userStatus=%27E0004%27 HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}\r\n--changeset_"));
    assert!(body.ends_with(&format!("--{boundary}--\r\n")));
    assert!(two_reads().to_request("$batch").unwrap().repeatable);
}

#[test]
fn misplaced_operations_and_hostile_headers_are_refused_before_sending() {
    let write_in_read = BatchRequest::new().retrieve(SapRequest::new(Method::POST, "ChangeStatus"));
    let read_in_change_set = BatchRequest::new().change_set(vec![SapRequest::get("WorkItemSet")]);
    let injected = BatchRequest::new()
        .retrieve(SapRequest::get("WorkItemSet").header("Accept", "a\r\nX-Evil: 1"));
    let spaced = BatchRequest::new().retrieve(SapRequest::get("WorkItemSet HTTP/1.1\r\n"));
    for batch in [
        BatchRequest::new(),
        write_in_read,
        read_in_change_set,
        BatchRequest::new().change_set(vec![]),
        injected,
        spaced,
    ] {
        assert!(
            matches!(batch.to_request("$batch"), Err(SapError::Config { .. })),
            "{batch:?}"
        );
    }
}

#[test]
fn reads_answers_with_crlf_or_bare_lf() {
    for newline in ["\r\n", "\n"] {
        let body = answer(
            "b_1",
            &[
                http_part("200 OK", r#"{"d":{"guid":"a"}}"#, newline),
                http_part("404 Not Found", r#"{"error":{"code":"X"}}"#, newline),
            ],
            newline,
        );
        let answers = two_reads().read_answer(&response("b_1", body)).unwrap();
        match answers.as_slice() {
            [BatchAnswer::Retrieve(first), BatchAnswer::Retrieve(second)] => {
                assert_eq!(first.status, 200);
                assert_eq!(&first.body[..], br#"{"d":{"guid":"a"}}"#);
                assert_eq!(first.content_type(), Some("application/json"));
                assert_eq!(second.status, 404);
                assert_eq!(&second.body[..], br#"{"error":{"code":"X"}}"#);
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn change_sets_succeed_whole_or_fail_with_one_answer() {
    let batch = BatchRequest::new().change_set(vec![
        SapRequest::new(Method::POST, "A").body("application/json", "{}"),
        SapRequest::new(Method::POST, "B").body("application/json", "{}"),
    ]);
    let nl = "\r\n";
    let done = answer(
        "b",
        &[change_set_part(
            "cs",
            &[
                http_part("201 Created", "{}", nl),
                http_part("204 No Content", "", nl),
            ],
            nl,
        )],
        nl,
    );
    match batch.read_answer(&response("b", done)).unwrap().as_slice() {
        [BatchAnswer::ChangeSet(answers)] => {
            assert_eq!(
                answers.iter().map(|a| a.status).collect::<Vec<_>>(),
                [201, 204]
            )
        }
        other => panic!("{other:?}"),
    }
    let failed = answer("b", &[http_part("400 Bad Request", "{}", nl)], nl);
    assert!(matches!(
        batch.read_answer(&response("b", failed)).unwrap().as_slice(),
        [BatchAnswer::ChangeSetFailed(answer)] if answer.status == 400
    ));
    let short = answer(
        "b",
        &[change_set_part(
            "cs",
            &[http_part("201 Created", "{}", nl)],
            nl,
        )],
        nl,
    );
    assert_eq!(
        batch.read_answer(&response("b", short)).unwrap_err(),
        BatchError::ChangeSetCount {
            part: "1".into(),
            expected: 2,
            found: 1
        }
    );
}

#[test]
fn odd_answers_get_specific_errors() {
    let nl = "\r\n";
    let good = answer(
        "b",
        &[http_part("200 OK", "{}", nl), http_part("200 OK", "{}", nl)],
        nl,
    );
    let batch = two_reads();
    let read = |content_type: &str, body: &[u8]| {
        let mut response = response("b", body.to_vec());
        response
            .headers
            .insert(CONTENT_TYPE, content_type.parse().unwrap());
        batch.read_answer(&response).unwrap_err()
    };
    assert!(matches!(
        read("application/json", b"{}"),
        BatchError::NotMultipart { .. }
    ));
    assert_eq!(read("multipart/mixed", &good), BatchError::NoBoundary);
    assert_eq!(
        read("multipart/mixed; boundary=other", &good),
        BatchError::NoDelimiter {
            boundary: "other".into()
        }
    );
    // A boundary that only starts the real one is no delimiter.
    let longer = answer("b_long", &[http_part("200 OK", "{}", nl)], nl);
    assert_eq!(
        read("multipart/mixed; boundary=b", &longer),
        BatchError::NoDelimiter {
            boundary: "b".into()
        }
    );
    assert_eq!(
        read("multipart/mixed; boundary=b", &good[..good.len() - 20]),
        BatchError::Unterminated
    );
    let one = answer("b", &[http_part("200 OK", "{}", nl)], nl);
    assert_eq!(
        read("multipart/mixed; boundary=b", &one),
        BatchError::PartCount {
            expected: 2,
            found: 1
        }
    );
    let not_http = answer(
        "b",
        &[
            "Content-Type: text/plain\r\n\r\nhello".into(),
            http_part("200 OK", "{}", nl),
        ],
        nl,
    );
    assert!(matches!(
        read("multipart/mixed; boundary=b", &not_http),
        BatchError::NotHttp { part, .. } if part == "1"
    ));
    let no_status = answer(
        "b",
        &[
            http_part("200 OK", "{}", nl),
            "Content-Type: application/http\r\n\r\n<html>oops</html>".into(),
        ],
        nl,
    );
    assert!(matches!(
        read("multipart/mixed; boundary=b", &no_status),
        BatchError::StatusLine { part, .. } if part == "2"
    ));
    let change_set_for_read = answer(
        "b",
        &[
            change_set_part("cs", &[http_part("200 OK", "{}", nl)], nl),
            http_part("200 OK", "{}", nl),
        ],
        nl,
    );
    assert_eq!(
        read("multipart/mixed; boundary=b", &change_set_for_read),
        BatchError::UnexpectedChangeSet { part: "1".into() }
    );
    let error = read("multipart/mixed; boundary=b", b"--b\r\n").into_sap_error(b"--b");
    assert!(matches!(error, SapError::Decode { .. }), "{error:?}");
}

#[test]
fn a_body_longer_than_its_content_length_is_cut_and_a_shorter_one_kept() {
    let nl = "\r\n";
    let padded = "Content-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}\r\n\r\n".to_owned();
    let lying =
        "Content-Type: application/http\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n{}"
            .to_owned();
    let body = answer("b", &[padded, lying], nl);
    let answers = two_reads().read_answer(&response("b", body)).unwrap();
    for answer in answers {
        let BatchAnswer::Retrieve(answer) = answer else {
            panic!("a read")
        };
        assert_eq!(&answer.body[..], b"{}");
    }
}

fn status() -> impl Strategy<Value = (u16, &'static str)> {
    prop::sample::select(vec![
        (200, "OK"),
        (201, "Created"),
        (204, "No Content"),
        (400, "Bad Request"),
        (404, "Not Found"),
        (500, "Internal Server Error"),
    ])
}

proptest! {
    /// What a server writes, with either line end and any body text, reads back unchanged.
    #[test]
    fn written_answers_read_back(
        parts in prop::collection::vec((status(), "([ -~\t]|\r\n|\n){0,120}"), 1..12),
        lf_only in any::<bool>(),
    ) {
        let nl = if lf_only { "\n" } else { "\r\n" };
        let written: Vec<String> = parts
            .iter()
            .map(|((code, reason), body)| http_part(&format!("{code} {reason}"), body, nl))
            .collect();
        let body = answer("batch_7f3a", &written, nl);
        let mut batch = BatchRequest::new();
        for _ in &parts {
            batch = batch.retrieve(SapRequest::get("WorkItemSet"));
        }
        let answers = batch.read_answer(&response("batch_7f3a", body)).unwrap();
        prop_assert_eq!(answers.len(), parts.len());
        for (answer, ((code, _), body)) in answers.iter().zip(&parts) {
            let BatchAnswer::Retrieve(answer) = answer else { panic!("a read") };
            prop_assert_eq!(answer.status, *code);
            prop_assert_eq!(&answer.body[..], body.as_bytes());
        }
    }

    /// Any bytes: an answer or an error, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(body in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse_response("multipart/mixed; boundary=b", &body);
    }

    /// A real answer cut, or with bytes changed, anywhere: an answer or an error, never a panic.
    #[test]
    fn damaged_answers_never_panic(
        cut in 0usize..400,
        flips in prop::collection::vec((0usize..400, any::<u8>()), 0..6),
    ) {
        let nl = "\r\n";
        let mut body = answer(
            "b",
            &[
                http_part("200 OK", r#"{"d":{}}"#, nl),
                change_set_part("cs", &[http_part("201 Created", "{}", nl), http_part("204 No Content", "", nl)], nl),
            ],
            nl,
        );
        for (at, byte) in flips {
            if let Some(slot) = body.get_mut(at) {
                *slot = byte;
            }
        }
        body.truncate(cut.min(body.len()));
        let _ = parse_response("multipart/mixed; boundary=b", &body);
    }
}
