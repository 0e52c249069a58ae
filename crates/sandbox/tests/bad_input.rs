//! Empty, broken, mistyped and oversized request bodies.

mod support;

use reqwest::StatusCode;
use sandbox::Dialect;
use serde_json::{json, Value};
use support::*;

/// Resources whose validation rejects an empty body, with the message each dialect gives:
/// as implemented the `get_error_message` of the resource class (`ZCL_ABGAGT_RESOURCE_*`),
/// as documented the reference's wording.
const REQUIRED: [(&str, &str, &str, &str); 15] = [
    ("pull", "Pull", "URL is required", "URL is required"),
    (
        "create",
        "Create",
        "URL and package are required",
        "URL and package are required",
    ),
    (
        "delete",
        "Delete",
        "URL or repo_key is required",
        "URL is required",
    ),
    ("import", "Import", "URL is required", "URL is required"),
    ("status", "Status", "URL is required", "URL is required"),
    (
        "syntax",
        "Syntax",
        "Objects array is required. Each object needs: type, name, source (or testclasses)",
        "Objects array is required and must not be empty",
    ),
    (
        "inspect",
        "Inspect",
        "Files list is required",
        "Files are required",
    ),
    (
        "unit",
        "Unit",
        "Package or files required",
        "Package or files required",
    ),
    ("tree", "Tree", "Package is required", "Package is required"),
    ("list", "List", "Package is required", "Package is required"),
    (
        "view",
        "View",
        "Objects parameter is required",
        "Objects array is required",
    ),
    (
        "preview",
        "Preview",
        "Objects parameter is required",
        "Objects array is required",
    ),
    (
        "where",
        "Where",
        "Objects parameter is required",
        "Objects array is required",
    ),
    ("drop", "Drop", "file is required", "File is required"),
    (
        "customize",
        "Customize",
        "table_name parameter is required",
        "Table name and field values are required",
    ),
];

#[tokio::test]
async fn empty_and_broken_bodies_fail_validation_with_400() {
    for dialect in [Dialect::Documented, Dialect::AsImplemented] {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        for body in ["", "{not json", "[1,2]", "null"] {
            for (resource, command, implemented, documented) in REQUIRED {
                let message = match dialect {
                    Dialect::AsImplemented => implemented,
                    Dialect::Documented => documented,
                };
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
                    "{resource} {dialect:?}"
                );
            }
        }
    }
}

/// The validations that look at more than one field, as the resource classes write them.
#[tokio::test]
async fn validation_reads_the_fields_as_the_handler_does() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    // return_error concatenates the message unescaped: with a `"` in it the body is no JSON,
    // so the text is compared.
    let refused = |resource: &'static str, body: Value, message: &'static str| {
        let agent = &agent;
        async move {
            let response = agent.post_raw(resource, body.to_string()).await;
            assert_eq!(
                response.status(),
                StatusCode::BAD_REQUEST,
                "{resource} {body}"
            );
            let mut command = resource.to_string();
            command[..1].make_ascii_uppercase();
            let expected =
                format!(r#"{{"success":false,"command":"{command}","error":"{message}"}}"#);
            assert_eq!(
                response.text().await.unwrap(),
                expected,
                "{resource} {body}"
            );
        }
    };
    refused(
        "customize",
        json!({"table_name": "ZDEMO_SETTINGS"}),
        "field_values parameter is required",
    )
    .await;
    refused(
        "customize",
        json!({"field_values": [{"field": "SETTING", "value": "X"}]}),
        "table_name parameter is required",
    )
    .await;
    refused(
        "create",
        json!({"url": "https://github.com/x/y.git"}),
        "URL and package are required",
    )
    .await;
    let objects = [
        (
            json!([{"name": "Z1", "source": "x"}]),
            "Object at index 1 missing \"type\" (CLAS, INTF, PROG)",
        ),
        (
            json!([{"type": "PROG", "name": "Z1", "source": "REPORT z1."}, {"type": "PROG", "source": "x"}]),
            "Object at index 2 missing \"name\"",
        ),
        (
            json!([{"type": "CLAS", "name": "ZCL_X"}]),
            "Object at index 1 missing \"source\" or \"testclasses\"",
        ),
    ];
    for (objects, message) in objects {
        refused("syntax", json!({ "objects": objects }), message).await;
    }

    // delete accepts repo_key instead of url; the command itself then needs the URL.
    let (status, body) = agent.post("delete", json!({"repo_key": "000001"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, json!({"success": "", "error": "URL is required"}));
    // A customize line without a field is a line: the command names the unknown field.
    let (status, body) = agent
        .post(
            "customize",
            json!({"table_name": "ZDEMO_SETTINGS", "field_values": [{"value": "X"}]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["success"], false);
    // A syntax object with only test classes passes validation.
    let (status, _) = agent
        .post(
            "syntax",
            json!({"objects": [{"type": "CLAS", "name": "ZCL_X", "testclasses": "CLASS ltc DEFINITION FOR TESTING. ENDCLASS. CLASS ltc IMPLEMENTATION. ENDCLASS."}]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
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
