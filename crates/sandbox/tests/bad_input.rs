//! Empty, broken, mistyped and oversized request bodies.

mod support;

use reqwest::StatusCode;
use sandbox::Dialect;
use serde_json::{json, Value};
use support::*;

/// Resources whose validation rejects an empty body, with the message they give.
const REQUIRED: [(&str, &str, &str); 14] = [
    ("pull", "Pull", "URL is required"),
    ("create", "Create", "URL and package are required"),
    ("delete", "Delete", "URL is required"),
    ("import", "Import", "URL is required"),
    ("status", "Status", "URL is required"),
    (
        "syntax",
        "Syntax",
        "Objects array is required and must not be empty",
    ),
    ("inspect", "Inspect", "Files are required"),
    ("unit", "Unit", "Package or files required"),
    ("tree", "Tree", "Package is required"),
    ("list", "List", "Package is required"),
    ("view", "View", "Objects array is required"),
    ("preview", "Preview", "Objects array is required"),
    ("where", "Where", "Objects array is required"),
    ("drop", "Drop", "File is required"),
];

#[tokio::test]
async fn empty_and_broken_bodies_fail_validation_with_400() {
    for dialect in [Dialect::Documented, Dialect::AsImplemented] {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        for body in ["", "{not json", "[1,2]", "null"] {
            for (resource, command, message) in REQUIRED {
                let response = agent.post_raw(resource, body).await;
                assert_eq!(
                    response.status(),
                    StatusCode::BAD_REQUEST,
                    "{resource} {body:?}"
                );
                let parsed: Value = response.json().await.unwrap();
                assert_eq!(
                    parsed,
                    serde_json::json!({"success": false, "command": command, "error": message}),
                    "{resource}"
                );
            }
        }
    }
}

#[tokio::test]
async fn resources_without_validation_run_with_defaults() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let dump = agent.post_raw("dump", "").await;
    assert_eq!(dump.status(), StatusCode::OK);
    let transport = agent.post_raw("transport", "").await;
    assert_eq!(transport.status(), StatusCode::OK);
    let body: Value = transport.json().await.unwrap();
    assert_eq!(body["success"], false);
}

#[tokio::test]
async fn unknown_keys_are_ignored_and_keys_match_case_insensitively() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let (status, body) = agent
        .post(
            "tree",
            serde_json::json!({"PACKAGE": "ZFLIGHT", "conflictMode": "x", "whatever": [1]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["SUCCESS"], true);
}

#[tokio::test]
async fn wrong_types_fail_conversion_with_400_as_documented() {
    let sandbox = start(Dialect::Documented).await;
    let agent = Agent::logon(&sandbox).await;
    let response = agent
        .post_raw("list", r#"{"package":"ZFLIGHT","limit":"abc"}"#)
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let parsed: Value = response.json().await.unwrap();
    assert_eq!(parsed["command"], "List");
    assert_eq!(parsed["error"], r#"Unable to interpret "abc" as a number."#);
}

/// `/ui2/cl_json=>deserialize` (not strict) catches CX_SY_CONVERSION_NO_NUMBER and
/// CX_SY_CONVERSION_OVERFLOW and leaves the field initial: a limit that is no number or does
/// not fit an ABAP `i` acts as if it were not sent.
#[tokio::test]
async fn unconvertible_numbers_are_left_initial_as_implemented() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    for limit in [json!("abc"), json!(2_147_483_648_u64), json!(1e12)] {
        let (status, body) = agent
            .post("list", json!({"package": "ZFLIGHT_CORE", "limit": limit}))
            .await;
        assert_eq!(status, StatusCode::OK, "{limit}");
        assert_eq!(body["LIMIT"], 100, "default limit for {limit}");
    }
    let (_, max) = agent
        .post(
            "list",
            json!({"package": "ZFLIGHT_CORE", "limit": 2_147_483_647}),
        )
        .await;
    assert_eq!(max["LIMIT"], 1000, "an `i` value is clamped to the maximum");
    // Beyond `i` the preview's limit is initial too: the default of 10, not every row.
    let (_, preview) = agent
        .post(
            "preview",
            json!({"objects": ["SFLIGHT"], "limit": 3_000_000_000_u64}),
        )
        .await;
    assert_eq!(preview["OBJECTS"][0]["ROW_COUNT"], 10);
    // A number sent as text is converted, as ABAP does.
    let (status, body) = agent
        .post("list", json!({"package": "ZFLIGHT", "limit": "5"}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["LIMIT"], 5);
}

#[tokio::test]
async fn syntax_validates_each_object() {
    let sandbox = start(Dialect::Documented).await;
    let agent = Agent::logon(&sandbox).await;
    let response = agent
        .post_raw(
            "syntax",
            r#"{"objects":[{"type":"PROG","name":"Z1","source":"REPORT z1."},{"type":"PROG","source":"x"}]}"#,
        )
        .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "Object at index 2 missing \"name\"");
}

#[tokio::test]
async fn huge_bodies_are_refused_with_413() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let huge = format!(r#"{{"url":"{}"}}"#, "x".repeat(5 * 1024 * 1024));
    let response = agent.post_raw("status", huge).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}
