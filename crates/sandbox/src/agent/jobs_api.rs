//! Job polling (`GET /<resource>?jobNumber=N`) and the 202 answer that starts a job.

use axum::http::StatusCode;
use serde_json::{json, Value};

use super::reply::{base_error, concat_object, Lit, Reply};
use super::{Ctx, Resource};
use crate::config::Dialect;
use crate::jobs::{abap_timestamp, abap_timestamp_number, JobRecord, JobState};

/// The 202 body of a job scheduled by a POST.
pub(crate) fn accepted(ctx: &Ctx, record: &JobRecord) -> Reply {
    let command = match (ctx.dialect, ctx.resource) {
        (Dialect::Documented, Resource::Import) => "import".to_string(),
        _ => ctx.resource.command_name(),
    };
    Reply::Json(
        StatusCode::ACCEPTED,
        json!({
            "success": true,
            "command": command,
            "status": "accepted",
            "jobName": record.job_name,
            "jobNumber": record.job_number,
            "message": "Command scheduled for background execution",
        }),
    )
}

/// Job names: `ABGAGT_IMPORT_<ts>` as implemented, `IMPORT_<ts>` as documented.
pub(crate) fn job_name(dialect: Dialect, resource: Resource) -> String {
    let stamp = abap_timestamp(crate::jobs::now());
    match dialect {
        Dialect::AsImplemented => format!("ABGAGT_{}_{stamp}", resource.segment()),
        Dialect::Documented => format!("{}_{stamp}", resource.segment()),
    }
}

fn status_text(dialect: Dialect, state: JobState) -> &'static str {
    match (dialect, state) {
        (_, JobState::Scheduled) => "scheduled",
        (Dialect::AsImplemented, JobState::Starting) => "STARTING",
        (Dialect::Documented, JobState::Starting) => "running",
        (_, JobState::Running) => "running",
        (_, JobState::Completed) => "completed",
        (_, JobState::Error) => "error",
    }
}

fn job_not_found(ctx: &Ctx) -> bool {
    let by_header = ctx.faults.job_not_found;
    // Count every poll, so "every Nth poll" stays reproducible even when a header fires.
    let by_config = ctx.state.faults.next_job_poll();
    by_header || by_config
}

/// Base resource GET: lower_case job status record.
pub(crate) fn base_poll(ctx: &Ctx, job_number: Option<String>) -> Reply {
    let command = ctx.resource.command_name();
    let Some(job_number) = job_number.filter(|n| !n.is_empty()) else {
        return base_error(
            ctx.dialect,
            &command,
            "jobNumber query parameter is required",
        );
    };
    let record = match ctx.state.jobs.get(&job_number) {
        Some(record) if !job_not_found(ctx) => record,
        _ => return base_error(ctx.dialect, &command, "Job not found"),
    };
    Reply::ok(snake_record(ctx.dialect, &record))
}

/// Every status write replaces the whole record: only the resource's first one names the job,
/// and only it and the executor's first one carry a start time.
fn replaced_job_name(record: &JobRecord) -> &str {
    if record.state == JobState::Scheduled {
        &record.job_name
    } else {
        ""
    }
}

fn replaced_started_at(record: &JobRecord) -> u64 {
    match record.state {
        JobState::Scheduled | JobState::Starting => abap_timestamp_number(record.started_at),
        _ => 0,
    }
}

fn snake_record(dialect: Dialect, record: &JobRecord) -> Value {
    match dialect {
        Dialect::AsImplemented => json!({
            "job_name": replaced_job_name(record),
            "job_number": record.job_number,
            "status": status_text(dialect, record.state),
            "stage": record.stage,
            "message": record.message,
            "progress": record.progress,
            "current": record.current,
            "total": record.total,
            "result": record.result,
            "error_message": record.error_message,
            "started_at": replaced_started_at(record),
            "updated_at": abap_timestamp_number(record.updated_at),
            "completed_at": record.completed_at.map(abap_timestamp_number).unwrap_or(0),
        }),
        Dialect::Documented => {
            let mut body = json!({
                "job_name": record.job_name,
                "job_number": record.job_number,
                "status": status_text(dialect, record.state),
                "stage": record.stage,
                "message": record.message,
                "progress": record.progress,
            });
            if let Some(map) = body.as_object_mut() {
                if record.total > 0 && !record.state.is_final() {
                    map.insert("current".into(), record.current.into());
                    map.insert("total".into(), record.total.into());
                }
                if record.state == JobState::Completed {
                    map.insert("result".into(), record.result.clone().into());
                }
                if record.state == JobState::Error {
                    map.insert("error_message".into(), record.error_message.clone().into());
                }
                map.insert(
                    "started_at".into(),
                    abap_timestamp(record.started_at).into(),
                );
                map.insert(
                    "updated_at".into(),
                    abap_timestamp(record.updated_at).into(),
                );
                if let Some(completed) = record.completed_at {
                    map.insert("completed_at".into(), abap_timestamp(completed).into());
                }
            }
            body
        }
    }
}

/// Import's own GET. As implemented: camelCase, no Content-Type, `jobName` blank after the
/// first update and `startedAt` 0 once running (every status write replaces the whole record).
pub(crate) fn import_poll(ctx: &Ctx, job_number: Option<String>) -> Reply {
    let Some(job_number) = job_number.filter(|n| !n.is_empty()) else {
        return match ctx.dialect {
            Dialect::AsImplemented => Reply::concatenated(
                StatusCode::BAD_REQUEST,
                concat_object(&[
                    ("success", Lit::Str("")),
                    ("error", Lit::Str("jobNumber parameter required")),
                ]),
            ),
            Dialect::Documented => Reply::Json(
                StatusCode::BAD_REQUEST,
                json!({"success": false, "error": "jobNumber parameter required"}),
            ),
        };
    };
    let record = match ctx.state.jobs.get(&job_number) {
        Some(record) if !job_not_found(ctx) => record,
        _ => {
            return match ctx.dialect {
                Dialect::AsImplemented => Reply::concatenated(
                    StatusCode::OK,
                    concat_object(&[
                        ("success", Lit::Str("")),
                        ("error", Lit::Str("Job not found")),
                    ]),
                ),
                Dialect::Documented => Reply::Json(
                    StatusCode::BAD_REQUEST,
                    json!({"success": false, "error": "Job not found"}),
                ),
            }
        }
    };
    match ctx.dialect {
        Dialect::Documented => Reply::ok(snake_record(ctx.dialect, &record)),
        Dialect::AsImplemented => {
            let job_name = replaced_job_name(&record);
            let started_at = replaced_started_at(&record);
            let body = json!({
                "jobName": job_name,
                "jobNumber": record.job_number,
                "status": status_text(ctx.dialect, record.state),
                "stage": record.stage,
                "message": record.message,
                "progress": record.progress,
                "current": record.current,
                "total": record.total,
                "result": record.result,
                "errorMessage": record.error_message,
                "startedAt": started_at,
                "updatedAt": abap_timestamp_number(record.updated_at),
                "completedAt": record.completed_at.map(abap_timestamp_number).unwrap_or(0),
            });
            Reply::Raw {
                status: StatusCode::OK,
                body: body.to_string(),
                content_type: None,
            }
        }
    }
}
