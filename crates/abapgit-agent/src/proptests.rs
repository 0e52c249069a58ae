//! Every decoder on arbitrary input: no panic, whatever the server sends.

use proptest::prelude::*;
use serde_json::{Map, Value};

use sap_http::HttpResponse;

use crate::admin::{CustomizeResult, DropResult, TransportAnswer};
use crate::checks::{inspect_result, syntax_result, UnitResult};
use crate::dump::DumpList;
use crate::explore::{
    ObjectList, PackageTree, RawObjectList, RawWhereUsedResult, ViewResult, WhereUsedResult,
};
use crate::jobs::{read_poll, require_success, FinishedJob, JobHandle};
use crate::preview::{PreviewResult, RawPreviewResult};
use crate::repository::{
    CreateResult, DeleteResult, HealthInfo, ImportResult, PullResult, RepositoryStatus,
};
use crate::wire::{self, decode, normalize_keys, Answer};

/// Keys the decoders look for, in the casings servers use.
const KEYS: &[&str] = &[
    "success",
    "SUCCESS",
    "message",
    "MESSAGE",
    "error",
    "ERROR",
    "error_detail",
    "objects",
    "OBJECTS",
    "results",
    "RESULTS",
    "rows",
    "ROWS",
    "fields",
    "FIELDS",
    "errors",
    "ERRORS",
    "warnings",
    "infos",
    "line",
    "LINE",
    "column",
    "text",
    "include",
    "type",
    "TYPE",
    "object",
    "obj_name",
    "name",
    "NAME",
    "total",
    "limit",
    "offset",
    "count",
    "references",
    "REFERENCES",
    "pagination",
    "summary",
    "status",
    "jobNumber",
    "JOB_NUMBER",
    "result",
    "progress",
    "current",
    "total_rows",
    "row_count",
    "nodes",
    "depth",
    "dumps",
    "call_stack",
    "LEVEL",
    "METHOD",
    "transports",
    "number",
    "passed",
    "issues",
    "log_messages",
    "failed_objects",
    "activated_count",
    "coverage_stats",
    "COVERAGE_RATE",
    "sections",
    "lines",
    "components",
    "key",
    "length",
    "started_at",
    "completedAt",
    "utc_timestamp",
    "object_type",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<u64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        Just(Value::String("X".into())),
        Just(Value::String("[{\"A\":1}]".into())),
        Just(Value::String(
            "{\"success\":\"\",\"error\":\"a \"b\"\"}".into()
        )),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|pairs| {
                Value::Object(
                    pairs
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

fn decode_everything(value: Value) {
    let value = normalize_keys(value);
    let _ = decode::<HealthInfo>(value.clone(), "x");
    let _ = decode::<RepositoryStatus>(value.clone(), "x");
    let _ = decode::<CreateResult>(value.clone(), "x");
    let _ = decode::<DeleteResult>(value.clone(), "x");
    let _ = decode::<PullResult>(value.clone(), "x").map(PullResult::normalised);
    let _ = decode::<ImportResult>(value.clone(), "x");
    let _ = decode::<UnitResult>(value.clone(), "x");
    let _ = decode::<PackageTree>(value.clone(), "x");
    let _ = decode::<RawObjectList>(value.clone(), "x").map(ObjectList::from);
    let _ = decode::<ViewResult>(value.clone(), "x");
    let _ = decode::<RawWhereUsedResult>(value.clone(), "x").map(WhereUsedResult::from);
    let _ = decode::<RawPreviewResult>(value.clone(), "x").map(PreviewResult::from);
    let _ = decode::<DumpList>(value.clone(), "x").map(|l| {
        l.dumps
            .into_iter()
            .map(|d| d.normalised())
            .collect::<Vec<_>>()
    });
    let _ = decode::<TransportAnswer>(value.clone(), "x");
    let _ = decode::<DropResult>(value.clone(), "x");
    let _ = decode::<CustomizeResult>(value.clone(), "x");
    let _ = syntax_result(&value);
    let _ = inspect_result(&value);
    let _ = wire::failure_from(&value, 200);
    let _ = read_poll(Ok(Answer::Body(value.clone())));
    let _ = require_success(FinishedJob {
        handle: JobHandle::default(),
        message: String::new(),
        result: wire::unnest_json(value),
    });
}

fn response(status: u16, content_type: Option<&'static str>, body: Vec<u8>) -> HttpResponse {
    let mut response = HttpResponse {
        status,
        headers: Default::default(),
        body: body.into(),
    };
    if let Some(content_type) = content_type {
        if let Ok(value) = content_type.parse() {
            response.headers.insert("content-type", value);
        }
    }
    response
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn decoders_accept_any_json(value in json_value()) {
        decode_everything(value);
    }

    #[test]
    fn answers_accept_any_bytes(
        status in prop::sample::select(vec![200u16, 202, 204, 400, 403, 404, 405, 500, 503]),
        content_type in prop::sample::select(vec![None, Some("application/json"), Some("text/html"), Some("text/plain")]),
        body in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        let answer = wire::read_answer(&response(status, content_type, body));
        if let Ok(Answer::Body(value)) = answer {
            decode_everything(value);
        }
    }

    #[test]
    fn answers_accept_any_text_and_json(
        status in prop::sample::select(vec![200u16, 202, 400, 500]),
        value in json_value(),
        cut in 0usize..64,
    ) {
        let text = value.to_string();
        // Whole JSON, and the same JSON cut short.
        let short: String = text.chars().take(cut).collect();
        for body in [text.clone(), short] {
            let _ = wire::read_answer(&response(status, Some("application/json"), body.into_bytes()));
        }
    }

    #[test]
    fn salvage_never_panics(text in ".{0,80}", key in "[a-z]{1,6}") {
        let _ = wire::salvage_field(&text, &key);
        let _ = wire::salvage_field(&format!("{{\"{key}\":\"{text}"), &key);
    }

    #[test]
    fn file_names_never_panic(name in "[a-zA-Z0-9_#./\\\\ -]{0,40}") {
        if let Ok(file) = crate::filenames::parse_file_name(&name) {
            let _ = file.server_file_name();
        }
    }
}
