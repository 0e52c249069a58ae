//! `/pull`: activate a registered repository's files. More than 10 files take the
//! background path (202 + job), like `ZCL_ABGAGT_BG_DECISION`.

use std::sync::Arc;
use std::time::Duration;

use abap_system::{
    conflict_report, ConflictMode, PullMessage, PullOutcome, PullRequest, SystemError,
};
use serde_json::{json, Value};

use super::{blank, require, Outcome};
use crate::agent::jobs_api;
use crate::agent::reply::{abap_flag, upper_keys};
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;
use crate::jobs::{abap_timestamp, now, JobState};
use crate::state::AppState;

/// Pulls with more files than this run as a background job.
const BACKGROUND_FILE_THRESHOLD: usize = 10;

/// The neutral result of one pull.
struct PullResult {
    success: bool,
    message: String,
    error_detail: String,
    transport_request: String,
    conflict_count: usize,
    conflict_report: String,
    outcome: Option<PullOutcome>,
    job_id: String,
    started_at: String,
    finished_at: String,
}

fn run(state: &AppState, dialect: Dialect, request: &PullRequest) -> PullResult {
    let started = now();
    let job_id = format!("{}{}", request.user, abap_timestamp(started));
    let result = state.system().pull(request);
    let finished_at = abap_timestamp(now());
    let started_at = abap_timestamp(started);
    // As implemented the result starts with the request's transport (`rs_result-transport_request
    // = iv_transport_request`) and keeps it; documented, it is the request that was used.
    let given_transport = request.transport_request.clone().unwrap_or_default();
    match result {
        Ok(outcome) if !outcome.conflicts.is_empty() => PullResult {
            success: false,
            message: format!(
                "Pull aborted — {} conflict(s) detected",
                outcome.conflicts.len()
            ),
            error_detail: String::new(),
            transport_request: given_transport,
            conflict_count: outcome.conflicts.len(),
            conflict_report: conflict_report(&outcome.conflicts),
            outcome: Some(outcome),
            job_id,
            started_at,
            finished_at,
        },
        Ok(outcome) => {
            let success = outcome.success();
            let problems: Vec<String> = outcome
                .log
                .iter()
                .filter(|m| matches!(m.severity, 'E' | 'A' | 'W'))
                .map(|m| {
                    let mut line = format!("{} {}: {}", m.obj_type, m.obj_name, m.text);
                    if !m.exception.is_empty() && m.exception != m.text {
                        line.push_str(&format!("\nException: {}", m.exception));
                    }
                    line
                })
                .collect();
            PullResult {
                success,
                message: if success {
                    "Pull completed successfully"
                } else {
                    "Pull completed with errors"
                }
                .to_string(),
                error_detail: if problems.is_empty() {
                    String::new()
                } else {
                    format!("Error Details:\n{}", problems.join("\n"))
                },
                transport_request: match dialect {
                    Dialect::AsImplemented => given_transport,
                    Dialect::Documented => outcome.transport_request.clone(),
                },
                conflict_count: 0,
                conflict_report: String::new(),
                outcome: Some(outcome),
                job_id,
                started_at,
                finished_at,
            }
        }
        Err(SystemError::RepositoryNotFound) => PullResult {
            success: false,
            message: format!("Repository not found: {}", request.url),
            error_detail: String::new(),
            transport_request: given_transport,
            conflict_count: 0,
            conflict_report: String::new(),
            outcome: None,
            job_id,
            started_at,
            finished_at,
        },
        // abapGit raises it without a previous exception; the handler's handle_exception
        // starts a fresh result (no job id, no transport) with the text as MESSAGE.
        Err(
            error @ (SystemError::NoTransportSupplied
            | SystemError::TransportNotFound(_)
            | SystemError::TransportWrongKind { .. }),
        ) => PullResult {
            success: false,
            message: error.to_string(),
            error_detail: String::new(),
            transport_request: String::new(),
            conflict_count: 0,
            conflict_report: String::new(),
            outcome: None,
            job_id: String::new(),
            started_at,
            finished_at,
        },
        Err(error) => PullResult {
            success: false,
            message: error.to_string(),
            // The handler's exception chain, with a literal backslash-n.
            error_detail: format!("{error}\\n  -> {error}"),
            transport_request: given_transport,
            conflict_count: 0,
            conflict_report: String::new(),
            outcome: None,
            job_id,
            started_at,
            finished_at,
        },
    }
}

fn message_json(dialect: Dialect, message: &PullMessage) -> Value {
    match dialect {
        Dialect::AsImplemented => json!({
            "type": message.severity.to_string(),
            "id": message.id,
            "number": message.number,
            "text": message.text,
            "obj_type": message.obj_type,
            "obj_name": message.obj_name,
            "exception": message.exception,
        }),
        Dialect::Documented => json!({
            "type": message.severity.to_string(),
            "text": message.text,
            "obj_type": message.obj_type,
            "obj_name": message.obj_name,
            "exception": message.exception,
        }),
    }
}

fn render(dialect: Dialect, result: &PullResult) -> Value {
    let list = |pick: fn(&PullOutcome) -> &Vec<PullMessage>| -> Vec<Value> {
        result
            .outcome
            .as_ref()
            .map(|o| pick(o).iter().map(|m| message_json(dialect, m)).collect())
            .unwrap_or_default()
    };
    let activated = list(|o| &o.activated);
    let failed = list(|o| &o.failed);
    let log = list(|o| &o.log);
    match dialect {
        Dialect::AsImplemented => upper_keys(json!({
            "success": abap_flag(result.success),
            "job_id": result.job_id,
            "message": result.message,
            "error_detail": result.error_detail,
            "transport_request": result.transport_request,
            "activated_count": activated.len(),
            "failed_count": failed.len(),
            "conflict_count": result.conflict_count,
            "conflict_report": result.conflict_report,
            "log_messages": log,
            "activated_objects": activated,
            "failed_objects": failed,
            "local_xml_files": [],
        })),
        Dialect::Documented => {
            let mut body = json!({
                "success": abap_flag(result.success),
                "message": result.message,
                "transport_request": result.transport_request,
                "activated_count": activated.len(),
                "failed_count": failed.len(),
                "started_at": result.started_at,
                "finished_at": result.finished_at,
                "log_messages": log,
                "activated_objects": activated,
                "failed_objects": failed,
            });
            if !result.error_detail.is_empty() {
                if let Some(map) = body.as_object_mut() {
                    map.insert("error_detail".into(), result.error_detail.clone().into());
                }
            }
            body
        }
    }
}

pub(crate) async fn post(ctx: &Ctx, body: &Body) -> Outcome {
    let url = body.text("url");
    require(blank(ctx, &url), "URL is required")?;
    let branch = body.text("branch");
    let request = PullRequest {
        url,
        branch: match ctx.dialect {
            // The resource's parse_request sets "main" when no branch is given.
            Dialect::AsImplemented if branch.is_empty() => Some("main".to_string()),
            _ => Some(branch).filter(|b| !b.trim().is_empty()),
        },
        files: body.texts("files"),
        transport_request: Some(body.text("transport_request")).filter(|t| !t.trim().is_empty()),
        user: ctx.logon.user.clone(),
        // The documented API knows neither conflicts nor a refusal without transport.
        conflict_mode: match ctx.dialect {
            Dialect::AsImplemented => ConflictMode::from_request(&body.text("conflict_mode")),
            Dialect::Documented => ConflictMode::Ignore,
        },
        default_transport: ctx.dialect == Dialect::Documented,
    };
    if request.files.len() > BACKGROUND_FILE_THRESHOLD {
        let job_name = jobs_api::job_name(ctx.dialect, ctx.resource);
        let record = ctx.state.jobs.schedule(ctx.resource.segment(), job_name);
        tokio::spawn(run_job(
            ctx.state.clone(),
            ctx.dialect,
            record.job_number.clone(),
            request,
        ));
        return Ok(jobs_api::accepted(ctx, &record));
    }
    let result = run(&ctx.state, ctx.dialect, &request);
    Ok(Reply::ok(render(ctx.dialect, &result)))
}

/// The background executor for a pull: STARTING, running, then completed with the pull's
/// JSON as `result`.
async fn run_job(state: Arc<AppState>, dialect: Dialect, job_number: String, request: PullRequest) {
    let step = Duration::from_secs_f64(0.3 / state.config.job_speed);
    tokio::time::sleep(step).await;
    if dialect == Dialect::AsImplemented {
        // Z_ABGAGT_BG_EXECUTOR's records; the pull command raises no progress events.
        state.jobs.executor_started(&job_number);
        tokio::time::sleep(step).await;
        state.jobs.executor_running(&job_number);
        tokio::time::sleep(step).await;
        let result = run(&state, dialect, &request);
        let rendered = render(dialect, &result).to_string();
        state.jobs.executor_finished(&job_number, rendered);
        return;
    }
    state.jobs.update(&job_number, |r| {
        r.state = JobState::Starting;
        r.stage = "INITIALIZATION".into();
        r.message = "Job started".into();
        r.progress = 5;
    });
    tokio::time::sleep(step).await;
    state.jobs.update(&job_number, |r| {
        r.state = JobState::Running;
        r.stage = "EXECUTION".into();
        r.message = format!("Pulling {} file(s)", request.files.len());
        r.progress = 50;
    });
    tokio::time::sleep(step).await;
    let result = run(&state, dialect, &request);
    let rendered = render(dialect, &result).to_string();
    state.jobs.update(&job_number, |r| {
        r.state = JobState::Completed;
        r.stage = "FINISHED".into();
        r.message = result.message.clone();
        r.progress = 100;
        r.result = rendered;
    });
}
