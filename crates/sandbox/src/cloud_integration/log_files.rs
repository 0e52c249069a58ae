//! System log files of the tenant's worker node: an HTTP access log and a trace log per day
//! of the last week (gzip), and archives of them (zip). Their lines are made from the day,
//! not stored.

use std::io::Write;

use axum::http::StatusCode;
use axum::response::Response;
use chrono::{DateTime, NaiveDateTime, Utc};
use flate2::write::GzEncoder;
use flate2::Compression;
use zip::write::SimpleFileOptions;

use super::errors::ApiError;
use super::filter::{Kind, Logical, Rules, EQ};
use super::messages::mix;
use super::metadata;
use super::odata::{
    collection_response, date, entity_response, media_response, quoted, Call, EntityBuilder,
};
use super::query::{self, SetRules};
use super::routes::{string_keys, Segment};

const DAY_MS: i64 = 86_400_000;
const DAYS: i64 = 7;
const APPLICATION: &str = "iflmap";
const NODE: &str = "worker";

const FILTER: Rules = Rules {
    type_name: "com.sap.hci.api.LogFile",
    properties: &[
        ("NodeScope", Kind::Str, EQ),
        ("LogFileType", Kind::Str, EQ),
        ("Name", Kind::Str, EQ),
        ("Application", Kind::Str, EQ),
    ],
    not_filterable: &["LastModified", "Size"],
    functions: false,
    logical: Logical::AndOr,
};

const RULES: SetRules = SetRules {
    filter: Some(&FILTER),
    orderby: &[
        "Name",
        "Name desc",
        "Application",
        "Application desc",
        "LastModified",
        "LastModified desc",
        "ContentType",
        "ContentType desc",
        "LogFileType",
        "LogFileType desc",
        "NodeScope",
        "NodeScope desc",
    ],
    ..SetRules::plain("LogFiles")
};

struct LogFile {
    name: String,
    kind: &'static str,
    day_start_ms: i64,
    last_modified_ms: i64,
}

fn files(now_ms: i64) -> Vec<LogFile> {
    let today = now_ms - now_ms.rem_euclid(DAY_MS);
    let mut files = Vec::new();
    for day in 0..DAYS {
        let start = today - day * DAY_MS;
        let stamp = DateTime::from_timestamp_millis(start)
            .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string());
        let last_modified = if day == 0 {
            now_ms
        } else {
            start + DAY_MS - 1000
        };
        for kind in ["http", "trace"] {
            let prefix = if kind == "http" {
                "http_access"
            } else {
                "ljs_trace"
            };
            files.push(LogFile {
                name: format!("{prefix}_{NODE}_{stamp}.log"),
                kind,
                day_start_ms: start,
                last_modified_ms: last_modified,
            });
        }
    }
    files
}

fn lines(file: &LogFile) -> String {
    let mut text = String::new();
    // One line every 6 minutes: today's file grows as the day goes on.
    for n in 0..240u64 {
        let ms = file.day_start_ms + n as i64 * (DAY_MS / 240);
        if ms > file.last_modified_ms {
            break;
        }
        let hash = mix(n ^ file.day_start_ms as u64 ^ if file.kind == "http" { 7 } else { 11 });
        let time = DateTime::<Utc>::from_timestamp_millis(ms).map_or_else(String::new, |d| {
            d.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
        });
        if file.kind == "http" {
            let (path, status) = match hash % 6 {
                0 => ("/http/o2c/salesorders", 200),
                1 => ("/cxf/p2p/orders", 200),
                2 => ("/api/v1/MessageProcessingLogs", 200),
                3 => ("/http/p2p/ariba/confirmations", 202),
                4 => ("/http/utilities/notify", 500),
                _ => ("/api/v1/IntegrationRuntimeArtifacts", 401),
            };
            text.push_str(&format!(
                "10.{}.{}.{} - - [{time}] \"POST {path} HTTP/1.1\" {status} {} {}ms\n",
                hash % 250,
                (hash >> 8) % 250,
                (hash >> 16) % 250,
                (hash >> 24) % 9000 + 120,
                (hash >> 32) % 900 + 5
            ));
        } else {
            let (level, text_line) = match hash % 5 {
                0 => ("ERROR", "com.sap.it.rt.adapter.mail.MailAdapterException: No credentials for 'smtp_cred' found"),
                1 => ("WARN", "Retrying JMS message from queue Ariba_Invoices (attempt 2)"),
                _ => ("INFO", "Integration flow Replicate_SalesOrders_SFDC_to_S4 processed message"),
            };
            text.push_str(&format!(
                "{time} {level} [iflmap-worker-{}] {text_line}\n",
                hash % 4
            ));
        }
    }
    text
}

fn gzip(text: &str) -> Result<Vec<u8>, ApiError> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder
        .write_all(text.as_bytes())
        .and_then(|()| encoder.finish())
        .map_err(|error| ApiError::internal(format!("Cannot compress the log file: {error}")))
}

fn file_entity(call: &Call, file: &LogFile) -> Result<serde_json::Value, ApiError> {
    let size = gzip(&lines(file))?.len();
    Ok(EntityBuilder::new(
        &call.root,
        metadata::of_set("LogFiles"),
        format!(
            "LogFiles(Name={},Application={})",
            quoted(&file.name),
            quoted(APPLICATION)
        ),
    )
    .media_type("application/gzip")
    .prop("Name", file.name.clone())
    .prop("Application", APPLICATION)
    .prop("LastModified", date(file.last_modified_ms))
    .prop("ContentType", "application/gzip")
    .prop("LogFileType", file.kind)
    .prop("NodeScope", NODE)
    .prop("Size", size.to_string())
    .build())
}

fn archive_entity(call: &Call, scope: &str, kind: &str) -> serde_json::Value {
    EntityBuilder::new(
        &call.root,
        metadata::of_set("LogFileArchives"),
        format!(
            "LogFileArchives(Scope={},LogFileType={},NodeScope={})",
            quoted(scope),
            quoted(kind),
            quoted(NODE)
        ),
    )
    .media_type("application/zip")
    .prop("Scope", scope)
    .prop("LogFileType", kind)
    .prop("NodeScope", NODE)
    .prop("ContentType", "application/zip")
    .build()
}

pub(crate) fn route(
    call: &Call,
    first: &Segment<'_>,
    rest: &[&str],
) -> Result<Option<Response>, ApiError> {
    if !matches!(first.name, "LogFiles" | "LogFileArchives") {
        return Ok(None);
    }
    if !call.is_read() {
        return Err(ApiError::method_not_allowed(
            call.method.as_str(),
            first.name,
        ));
    }
    let all = files(call.now_ms);
    let response = match (first.name, first.key, rest) {
        ("LogFiles", None, []) => {
            let query = query::parse(call, &RULES)?;
            let mut entities = all
                .iter()
                .map(|file| file_entity(call, file))
                .collect::<Result<Vec<_>, _>>()?;
            entities.retain(|e| query.keep(e));
            query.sort(&mut entities);
            let total = entities.len();
            let (range, next) = query.page(total, RULES.page_size);
            let page = entities.drain(range).collect();
            let next = next.map(|token| query::next_link(call, "LogFiles", token));
            collection_response(
                call,
                "LogFiles",
                page,
                query.inlinecount.then_some(total),
                next,
            )
        }
        ("LogFiles", Some(key), rest) => {
            let keys = string_keys(key, &["Name", "Application"])?;
            let file = all
                .iter()
                .find(|f| f.name == keys[0] && keys[1] == APPLICATION)
                .ok_or_else(|| {
                    ApiError::not_found(format!("Log file '{}' does not exist.", keys[0]))
                })?;
            match rest {
                [] => entity_response(call, StatusCode::OK, file_entity(call, file)?),
                ["$value"] => media_response(
                    gzip(&lines(file))?,
                    "application/gzip",
                    Some(&format!("{}.gz", file.name)),
                ),
                [other, ..] => return Err(ApiError::unknown_segment(other)),
            }
        }
        ("LogFileArchives", None, []) => {
            let entities = ["all", "latest"]
                .iter()
                .flat_map(|scope| ["http", "trace"].map(|kind| archive_entity(call, scope, kind)))
                .collect();
            collection_response(call, "LogFileArchives", entities, None, None)
        }
        ("LogFileArchives", Some(key), rest) => {
            let keys = string_keys(key, &["Scope", "LogFileType", "NodeScope"])?;
            let (scope, kind, node) = (keys[0].as_str(), keys[1].as_str(), keys[2].as_str());
            if !matches!(scope, "all" | "latest")
                || !matches!(kind, "http" | "trace")
                || node != NODE
            {
                return Err(ApiError::not_found(format!(
                    "Log file archive (Scope='{scope}',LogFileType='{kind}',NodeScope='{node}') does not exist."
                )));
            }
            match rest {
                [] => entity_response(call, StatusCode::OK, archive_entity(call, scope, kind)),
                ["$value"] => archive(call, &all, scope, kind)?,
                [other, ..] => return Err(ApiError::unknown_segment(other)),
            }
        }
        _ => {
            return Err(ApiError::method_not_allowed(
                call.method.as_str(),
                first.name,
            ))
        }
    };
    Ok(Some(response))
}

/// `…/$value[?ModifiedAfter=2017-04-13T15:51:04Z]`: the matching files in a zip.
fn archive(call: &Call, all: &[LogFile], scope: &str, kind: &str) -> Result<Response, ApiError> {
    let after = match call.param("ModifiedAfter") {
        None => None,
        Some(text) => Some(
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%SZ")
                .map(|d| d.and_utc().timestamp_millis())
                .map_err(|_| {
                    ApiError::bad_request(format!(
                        "Invalid value '{text}' for ModifiedAfter: expected yyyy-MM-ddTHH:mm:ssZ."
                    ))
                })?,
        ),
    };
    let mut chosen: Vec<&LogFile> = all
        .iter()
        .filter(|f| f.kind == kind)
        .filter(|f| after.is_none_or(|after| f.last_modified_ms > after))
        .collect();
    if scope == "latest" {
        chosen.truncate(1);
    }
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for file in chosen {
        writer
            .start_file(file.name.as_str(), options)
            .and_then(|()| writer.write_all(lines(file).as_bytes()).map_err(Into::into))
            .map_err(|error| ApiError::internal(format!("Cannot build the archive: {error}")))?;
    }
    let bytes = writer
        .finish()
        .map_err(|error| ApiError::internal(format!("Cannot build the archive: {error}")))?
        .into_inner();
    Ok(media_response(
        bytes,
        "application/zip",
        Some(&format!("{scope}_{kind}_{NODE}.zip")),
    ))
}
