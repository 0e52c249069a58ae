//! OData `$batch` on the Focused Build service, over loopback as a client sends it: reads
//! with their own status each, change sets applied whole or not at all, the CSRF token
//! required, a malformed body refused before anything runs. The bodies are written out by
//! hand here (not by the app's client), so the two sides check each other.

mod support;

use reqwest::{Client, StatusCode};
use sandbox::{Dialect, SandboxHandle};
use serde_json::Value;
use support::*;

struct Service {
    client: Client,
    root: String,
    token: String,
}

impl Service {
    async fn logon(sandbox: &SandboxHandle) -> Service {
        let client = cookie_client();
        let root = sandbox.focused_build_url();
        let token = fetch_token(&client, &root).await;
        Service {
            client,
            root,
            token,
        }
    }

    /// POSTs `body` to `$batch`; status, Content-Type and body of the answer.
    async fn batch(
        &self,
        content_type: &str,
        body: String,
        token: Option<&str>,
    ) -> (StatusCode, String, String) {
        let mut request = self
            .client
            .post(format!("{}$batch", self.root))
            .basic_auth(USER, Some(PASSWORD))
            .header("content-type", content_type)
            .body(body);
        if let Some(token) = token {
            request = request.header("x-csrf-token", token);
        }
        let response = request.send().await.expect("sent");
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (status, content_type, response.text().await.expect("body"))
    }

    async fn get_json(&self, path: &str) -> Value {
        let response = self
            .client
            .get(format!("{}{path}", self.root))
            .basic_auth(USER, Some(PASSWORD))
            .query(&[("$format", "json")])
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.json().await.expect("JSON")
    }

    async fn guids(&self) -> Vec<String> {
        self.get_json("WorkItemSet").await["d"]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|item| item["guid"].as_str().expect("guid").to_owned())
            .collect()
    }

    async fn item(&self, guid: &str) -> Value {
        self.get_json(&format!("WorkItemSet(guid=guid'{guid}')?$expand=toWIText"))
            .await["d"]
            .clone()
    }
}

const BOUNDARY: &str = "batch_36522ad7-fc75-4b56-8c71-56071383e77b";
const CHANGE_SET: &str = "changeset_77162fcd-b8da-41ac-a9f8-9357efbbd";

fn batch_type() -> String {
    format!("multipart/mixed; boundary={BOUNDARY}")
}

/// A read as UI5 writes one.
fn read_part(path: &str) -> String {
    format!(
        "--{BOUNDARY}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n\
         GET {path} HTTP/1.1\r\nAccept: application/json\r\n\r\n\r\n"
    )
}

fn operation(method: &str, path: &str, body: &str, content_id: usize) -> String {
    format!(
        "--{CHANGE_SET}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: {content_id}\r\n\r\n\
         {method} {path} HTTP/1.1\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}\r\n",
        body.len()
    )
}

fn change_set(operations: &[String]) -> String {
    format!(
        "--{BOUNDARY}\r\nContent-Type: multipart/mixed; boundary={CHANGE_SET}\r\n\r\n{}--{CHANGE_SET}--\r\n\r\n",
        operations.concat()
    )
}

fn batch_body(parts: &[String]) -> String {
    format!("{}--{BOUNDARY}--\r\n", parts.concat())
}

/// The parts of a multipart answer (CRLF framing, as the sandbox writes it).
fn parts_of(content_type: &str, body: &str) -> Vec<String> {
    let boundary = content_type
        .split("boundary=")
        .nth(1)
        .unwrap_or_else(|| panic!("no boundary in {content_type:?}"))
        .trim();
    let (parts, _) = body
        .split_once(&format!("\r\n--{boundary}--"))
        .unwrap_or_else(|| panic!("no closing delimiter in {body}"));
    parts
        .split(&format!("--{boundary}\r\n"))
        .skip(1)
        .map(|part| part.trim_end_matches("\r\n").to_owned())
        .collect()
}

/// `HTTP/1.1 <status>` of an `application/http` part.
fn status_of(part: &str) -> u16 {
    let line = part
        .lines()
        .find(|line| line.starts_with("HTTP/1.1 "))
        .unwrap_or_else(|| panic!("no status line in {part}"));
    line[9..12].parse().expect("status code")
}

fn json_of(part: &str) -> Value {
    let (_, body) = part.rsplit_once("\r\n\r\n").expect("a body");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[tokio::test]
async fn reads_answer_in_order_each_with_its_own_status() {
    let sandbox = start(Dialect::AsImplemented).await;
    let service = Service::logon(&sandbox).await;
    let guids = service.guids().await;
    let before = sandbox.request_count();
    let (status, content_type, body) = service
        .batch(
            &batch_type(),
            batch_body(&[
                read_part(&format!(
                    "WorkItemSet(guid=guid'{}')?$expand=toWIText,toWICategory",
                    guids[0]
                )),
                read_part(&format!("WorkItemSet(guid=guid'{}')", guids[1])),
                read_part("WorkItemSet?$top=3&$inlinecount=allpages"),
                read_part(&format!(
                    "WorkItemSet(guid=guid'{}')/toWIText?$format=xml",
                    guids[2]
                )),
            ]),
            Some(&service.token),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    assert_eq!(
        sandbox.request_count() - before,
        1,
        "one HTTP request for four reads"
    );
    assert!(
        content_type.starts_with("multipart/mixed; boundary="),
        "{content_type}"
    );
    let parts = parts_of(&content_type, &body);
    assert_eq!(parts.len(), 4, "{body}");
    for part in &parts {
        assert!(
            part.starts_with(
                "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n"
            ),
            "{part}"
        );
        assert_eq!(status_of(part), 200, "{part}");
    }
    let first = json_of(&parts[0]);
    assert_eq!(first["d"]["guid"], guids[0].as_str());
    assert!(first["d"]["toWIText"]["results"]
        .as_array()
        .is_some_and(|t| !t.is_empty()));
    assert_eq!(json_of(&parts[1])["d"]["guid"], guids[1].as_str());
    let list = json_of(&parts[2]);
    assert_eq!(list["d"]["results"].as_array().map(Vec::len), Some(3));
    assert_eq!(list["d"]["__count"], "25");
    // Each operation keeps its own format: Atom for the one that asked for XML.
    assert!(parts[3].contains("application/atom+xml"), "{}", parts[3]);
}

#[tokio::test]
async fn one_missing_item_is_a_404_part_and_the_others_succeed() {
    let sandbox = start(Dialect::AsImplemented).await;
    let service = Service::logon(&sandbox).await;
    let guids = service.guids().await;
    let (status, content_type, body) = service
        .batch(
            &batch_type(),
            batch_body(&[
                read_part(&format!("WorkItemSet(guid=guid'{}')", guids[0])),
                read_part("WorkItemSet(guid=guid'0050568b-0000-1eda-8000-000000000000')"),
                read_part("WorkItemSet(guid=guid'not-a-guid')"),
                read_part(&format!("WorkItemSet(guid=guid'{}')", guids[3])),
            ]),
            Some(&service.token),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    let parts = parts_of(&content_type, &body);
    let statuses: Vec<u16> = parts.iter().map(|p| status_of(p)).collect();
    assert_eq!(statuses, [200, 404, 400, 200], "{body}");
    let missing = json_of(&parts[1]);
    assert_eq!(missing["error"]["code"], "/IWBEP/CM_MGW_RT/020");
    assert!(
        parts[1].contains("HTTP/1.1 404 Not Found\r\n"),
        "{}",
        parts[1]
    );
    assert_eq!(json_of(&parts[3])["d"]["guid"], guids[3].as_str());
}

#[tokio::test]
async fn a_change_set_applies_all_its_operations() {
    let sandbox = start(Dialect::AsImplemented).await;
    let service = Service::logon(&sandbox).await;
    let guid = service.guids().await[0].clone(); // In Development (E0002)
    let texts_before = service.item(&guid).await["toWIText"]["results"]
        .as_array()
        .unwrap()
        .len();
    let (status, content_type, body) = service
        .batch(
            &batch_type(),
            batch_body(&[
                change_set(&[
                    operation(
                        "POST",
                        &format!("WorkItemSet(guid=guid'{guid}')/toWIText"),
                        r#"{"textType":"S105","textContent":"Handed to test","isRichText":false}"#,
                        1,
                    ),
                    operation(
                        "POST",
                        &format!("ChangeStatus?userStatus='E0004'&guid=guid'{guid}'"),
                        "",
                        2,
                    ),
                ]),
                read_part(&format!("WorkItemSet(guid=guid'{guid}')")),
            ]),
            Some(&service.token),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let parts = parts_of(&content_type, &body);
    assert_eq!(parts.len(), 2, "{body}");
    assert!(
        parts[0].starts_with("Content-Type: multipart/mixed; boundary=changeset_"),
        "{}",
        parts[0]
    );
    let header = parts[0].lines().next().unwrap();
    let inner = parts_of(header.trim_start_matches("Content-Type: "), &parts[0]);
    assert_eq!(
        inner.iter().map(|p| status_of(p)).collect::<Vec<_>>(),
        [201, 200]
    );
    assert!(inner[0].contains("Content-ID: 1\r\n") && inner[1].contains("Content-ID: 2\r\n"));
    // The read after the change set sees it.
    assert_eq!(json_of(&parts[1])["d"]["userStatus"], "E0004");
    let item = service.item(&guid).await;
    assert_eq!(item["userStatus"], "E0004");
    assert_eq!(
        item["toWIText"]["results"].as_array().unwrap().len(),
        texts_before + 1
    );
}

#[tokio::test]
async fn a_failing_operation_rolls_its_change_set_back() {
    let sandbox = start(Dialect::AsImplemented).await;
    let service = Service::logon(&sandbox).await;
    let guids = service.guids().await;
    let guid = guids[0].clone(); // In Development (E0002): E0016 is no step from there
    let before = service.item(&guid).await;
    let (status, content_type, body) = service
        .batch(
            &batch_type(),
            batch_body(&[
                change_set(&[
                    operation(
                        "POST",
                        &format!("WorkItemSet(guid=guid'{guid}')/toWIText"),
                        r#"{"textType":"S105","textContent":"Should not stay"}"#,
                        1,
                    ),
                    operation(
                        "POST",
                        &format!("ChangeStatus?userStatus='E0004'&guid=guid'{guid}'"),
                        "",
                        2,
                    ),
                    operation(
                        "POST",
                        &format!("ChangeStatus?userStatus='E0016'&guid=guid'{guid}'"),
                        "",
                        3,
                    ),
                ]),
                read_part(&format!("WorkItemSet(guid=guid'{}')", guids[1])),
            ]),
            Some(&service.token),
        )
        .await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    let parts = parts_of(&content_type, &body);
    assert_eq!(parts.len(), 2, "{body}");
    // The change set is answered by the one error, not by a nested multipart.
    assert!(
        parts[0].starts_with("Content-Type: application/http\r\n"),
        "{}",
        parts[0]
    );
    assert!(parts[0].contains("Content-ID: 3\r\n"), "{}", parts[0]);
    assert_eq!(status_of(&parts[0]), 400);
    let error = json_of(&parts[0]);
    assert!(
        error["error"]["message"]["value"]
            .as_str()
            .unwrap()
            .contains("not allowed"),
        "{error}"
    );
    // The other part still ran.
    assert_eq!(status_of(&parts[1]), 200);
    // Nothing of the change set stayed: no text, the status as before (E0004 was undone too).
    let after = service.item(&guid).await;
    assert_eq!(after["userStatus"], before["userStatus"]);
    assert_eq!(after["toWIText"], before["toWIText"]);
    // A write the data provider does not implement fails its change set the same way.
    let (_, content_type, body) = service
        .batch(
            &batch_type(),
            batch_body(&[change_set(&[
                operation(
                    "POST",
                    &format!("WorkItemSet(guid=guid'{guid}')/toWIText"),
                    r#"{"textType":"S105","textContent":"Should not stay"}"#,
                    1,
                ),
                operation(
                    "MERGE",
                    &format!("WorkItemSet(guid=guid'{guid}')"),
                    r#"{"description":"x"}"#,
                    2,
                ),
            ])]),
            Some(&service.token),
        )
        .await;
    let parts = parts_of(&content_type, &body);
    assert_eq!(
        parts.iter().map(|p| status_of(p)).collect::<Vec<_>>(),
        [501]
    );
    assert_eq!(service.item(&guid).await["toWIText"], before["toWIText"]);
}

#[tokio::test]
async fn malformed_batches_are_refused_whole_with_400() {
    let sandbox = start(Dialect::AsImplemented).await;
    let service = Service::logon(&sandbox).await;
    let guid = service.guids().await[0].clone();
    let text_write = change_set(&[operation(
        "POST",
        &format!("WorkItemSet(guid=guid'{guid}')/toWIText"),
        r#"{"textType":"S105","textContent":"Must not run"}"#,
        1,
    )]);
    let good_read = read_part(&format!("WorkItemSet(guid=guid'{guid}')"));
    let cases: Vec<(&str, String, String)> = vec![
        ("no boundary", "multipart/mixed".into(), batch_body(std::slice::from_ref(&good_read))),
        ("not multipart", "application/json".into(), "{}".into()),
        ("another boundary", "multipart/mixed; boundary=batch_other".into(), batch_body(std::slice::from_ref(&text_write))),
        ("no closing delimiter", batch_type(), text_write.clone()),
        ("bare LF", batch_type(), batch_body(&[text_write.clone(), good_read.clone()]).replace("\r\n", "\n")),
        ("empty", batch_type(), format!("--{BOUNDARY}--\r\n")),
        ("a read in a change set", batch_type(), batch_body(&[text_write.clone(), change_set(&[operation("GET", "WorkItemSet", "", 1)])])),
        ("a write outside a change set", batch_type(), batch_body(&[text_write.clone(), good_read.replace("GET ", "POST ")])),
        ("no transfer encoding", batch_type(), batch_body(&[text_write.clone(), good_read.replace("Content-Transfer-Encoding: binary\r\n", "")])),
        ("not application/http", batch_type(), batch_body(&[text_write.clone(), good_read.replace("application/http", "text/plain")])),
        ("no request line", batch_type(), batch_body(&[text_write.clone(), format!("--{BOUNDARY}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nhello\r\n")])),
        ("a nested change set", batch_type(), batch_body(&[format!("--{BOUNDARY}\r\nContent-Type: multipart/mixed; boundary={CHANGE_SET}\r\n\r\n--{CHANGE_SET}\r\nContent-Type: multipart/mixed; boundary=inner\r\n\r\n--inner--\r\n--{CHANGE_SET}--\r\n\r\n")])),
    ];
    let before = service.item(&guid).await;
    for (case, content_type, body) in cases {
        let (status, answer_type, answer) = service
            .batch(&content_type, body, Some(&service.token))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{case}: {answer}");
        assert!(
            answer_type.starts_with("application/xml"),
            "{case}: Gateway's error document, {answer_type}"
        );
        assert!(
            answer.contains("Malformed batch request"),
            "{case}: {answer}"
        );
    }
    // No operation of a refused batch ran.
    assert_eq!(service.item(&guid).await["toWIText"], before["toWIText"]);
    // GET on $batch is no batch.
    let response = service
        .client
        .get(format!("{}$batch", service.root))
        .basic_auth(USER, Some(PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn the_batch_post_needs_the_csrf_token_even_for_reads() {
    let sandbox = start(Dialect::AsImplemented).await;
    let service = Service::logon(&sandbox).await;
    let guid = service.guids().await[0].clone();
    let before = service.item(&guid).await;
    let body = batch_body(&[
        read_part(&format!("WorkItemSet(guid=guid'{guid}')")),
        change_set(&[operation(
            "POST",
            &format!("WorkItemSet(guid=guid'{guid}')/toWIText"),
            r#"{"textType":"S105","textContent":"Must not run"}"#,
            1,
        )]),
    ]);
    for token in [None, Some("wrong-token")] {
        let client = cookie_client();
        // A fresh session for the missing token; the logged-on one for the wrong token.
        let client = if token.is_none() {
            &client
        } else {
            &service.client
        };
        let response = client
            .post(format!("{}$batch", service.root))
            .basic_auth(USER, Some(PASSWORD))
            .header("content-type", batch_type())
            .header("x-csrf-token", token.unwrap_or(""))
            .body(body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{token:?}");
        assert_eq!(
            response
                .headers()
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok()),
            Some("Required")
        );
    }
    assert_eq!(service.item(&guid).await["toWIText"], before["toWIText"]);
    // With the token it runs.
    let (status, ..) = service
        .batch(&batch_type(), body, Some(&service.token))
        .await;
    assert_eq!(status, StatusCode::ACCEPTED);
}

#[tokio::test]
async fn a_larger_system_holds_later_rollout_waves() {
    let sandbox = start_with(sandbox::SandboxConfig {
        work_items: 250,
        ..sandbox::SandboxConfig::default()
    })
    .await;
    let service = Service::logon(&sandbox).await;
    let guids = service.guids().await;
    assert_eq!(guids.len(), 250);
    let unique: std::collections::BTreeSet<_> = guids.iter().collect();
    assert_eq!(unique.len(), 250, "every GUID once");
    let last = service.item(&guids[249]).await;
    assert!(
        last["description"]
            .as_str()
            .unwrap()
            .ends_with("(rollout wave 10)"),
        "{last}"
    );
    // Reset keeps the size.
    sandbox.reset();
    assert_eq!(service.guids().await.len(), 250);
}
