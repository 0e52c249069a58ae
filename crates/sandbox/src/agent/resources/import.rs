//! `/import`: always a background job that walks through its stages in (scaled) real time.

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use super::{blank, require, Outcome};
use crate::agent::jobs_api;
use crate::agent::reply::concat_object;
use crate::agent::reply::Lit;
use crate::agent::{Body, Ctx};
use crate::config::Dialect;
use crate::jobs::JobState;
use crate::state::AppState;

/// Seconds a stage takes at job speed 1.
const STAGE_SECONDS: f64 = 0.4;
/// Seconds to stage one batch of ten files at job speed 1.
const BATCH_SECONDS: f64 = 0.1;
const BATCH_SIZE: usize = 10;

/// Stage names and progress values differ between the reference and the implementation.
struct Stages {
    find_repo: (&'static str, u32),
    refresh: (&'static str, u32),
    staging: (&'static str, u32, u32),
    prepare: (&'static str, u32),
    push: (&'static str, u32),
    done: &'static str,
}

const IMPLEMENTED: Stages = Stages {
    find_repo: ("FIND_REPO", 20),
    refresh: ("REFRESH_REPO", 40),
    staging: ("STAGE_FILES", 60, 70),
    prepare: ("PREPARE_COMMIT", 75),
    push: ("PUSH", 90),
    done: "COMPLETED",
};

const DOCUMENTED: Stages = Stages {
    find_repo: ("FIND_REPOSITORY", 10),
    refresh: ("REFRESH_REPOSITORY", 30),
    staging: ("STAGE_FILES", 50, 70),
    prepare: ("PREPARE_COMMIT", 70),
    push: ("PUSH", 90),
    done: "FINISHED",
};

struct ImportRequest {
    url: String,
    package: String,
    message: String,
}

pub(crate) fn post(ctx: &Ctx, body: &Body) -> Outcome {
    let url = body.text("url");
    require(blank(ctx, &url), "URL is required")?;
    let request = ImportRequest {
        url,
        // The implementation takes the package from the repository; the reference lets the caller name it.
        package: match ctx.dialect {
            Dialect::Documented => body.text("package"),
            Dialect::AsImplemented => String::new(),
        },
        message: body.text("message"),
    };
    let job_name = jobs_api::job_name(ctx.dialect, ctx.resource);
    let record = ctx.state.jobs.schedule(ctx.resource.segment(), job_name);
    tokio::spawn(run_job(
        ctx.state.clone(),
        ctx.dialect,
        record.job_number.clone(),
        request,
    ));
    Ok(jobs_api::accepted(ctx, &record))
}

fn result_text(dialect: Dialect, files: usize, commit_message: &str) -> String {
    match dialect {
        Dialect::AsImplemented => json!({
            "success": "X",
            "files_staged": files,
            "commit_message": commit_message,
        })
        .to_string(),
        Dialect::Documented => json!({
            "success": "X",
            "filesStaged": files.to_string(),
            "commitMessage": commit_message,
        })
        .to_string(),
    }
}

/// A logical failure: the job still ends `completed`, with `success` "" in the result.
fn logical_failure(dialect: Dialect, message: &str) -> String {
    match dialect {
        Dialect::AsImplemented => {
            concat_object(&[("success", Lit::Str("")), ("error", Lit::Str(message))])
        }
        Dialect::Documented => json!({"success": "", "error": message}).to_string(),
    }
}

async fn run_job(state: Arc<AppState>, dialect: Dialect, job: String, request: ImportRequest) {
    let stages = match dialect {
        Dialect::AsImplemented => &IMPLEMENTED,
        Dialect::Documented => &DOCUMENTED,
    };
    let speed = state.config.job_speed;
    let stage_pause = Duration::from_secs_f64(STAGE_SECONDS / speed);
    let batch_pause = Duration::from_secs_f64(BATCH_SECONDS / speed);
    let jobs = &state.jobs;
    let set_stage = |stage: &str, progress: u32, message: String| {
        jobs.update(&job, |r| {
            r.state = JobState::Running;
            r.stage = stage.to_string();
            r.progress = progress;
            r.message = message;
        })
    };
    // As implemented the command answers a failure as its result: the executor then writes
    // its usual last record.
    let finish_logically_failed = |message: &str| {
        let result = logical_failure(dialect, message);
        match dialect {
            Dialect::AsImplemented => jobs.executor_finished(&job, result),
            Dialect::Documented => jobs.update(&job, |r| {
                r.state = JobState::Completed;
                r.stage = stages.done.to_string();
                r.progress = 100;
                r.message = message.to_string();
                r.result = result;
            }),
        }
    };

    tokio::time::sleep(stage_pause).await;
    if dialect == Dialect::AsImplemented {
        jobs.executor_started(&job);
        tokio::time::sleep(stage_pause).await;
        jobs.executor_running(&job);
        tokio::time::sleep(stage_pause).await;
        set_stage("PARSE_PARAMS", 10, "Parsing import parameters".into());
        tokio::time::sleep(stage_pause).await;
    }
    let (find_stage, find_progress) = stages.find_repo;
    let find_message = match dialect {
        Dialect::AsImplemented => "Finding repository",
        Dialect::Documented => "Locating repository",
    };
    set_stage(find_stage, find_progress, find_message.into());
    tokio::time::sleep(stage_pause).await;
    let repo = state.system().repo_by_url(&request.url).cloned();
    let Some(repo) = repo else {
        finish_logically_failed("Repository not found");
        return;
    };
    let package = if request.package.trim().is_empty() {
        repo.package.clone()
    } else {
        request.package.trim().to_ascii_uppercase()
    };

    let (refresh_stage, refresh_progress) = stages.refresh;
    set_stage(
        refresh_stage,
        refresh_progress,
        "Refreshing repository".into(),
    );
    tokio::time::sleep(stage_pause).await;
    let files = state.system().serialize_package(&package);
    let files = match files {
        Ok(files) => files,
        Err(error) if dialect == Dialect::AsImplemented => {
            // The command catches every exception and answers it as its (serialized) result.
            let result = json!({"success": "", "error": error.to_string()}).to_string();
            jobs.executor_finished(&job, result);
            return;
        }
        Err(error) => {
            // An exception: the only path that ends in status `error`.
            let text = error.to_string();
            jobs.update(&job, |r| {
                r.state = JobState::Error;
                r.stage = match dialect {
                    Dialect::AsImplemented => r.stage.clone(),
                    Dialect::Documented => "FAILED".into(),
                };
                r.message = "Error during import".into();
                r.error_message = text;
            });
            return;
        }
    };
    if files.is_empty() {
        finish_logically_failed("No objects found in package");
        return;
    }

    let total = files.len();
    match dialect {
        Dialect::AsImplemented => {
            stage_files_as_implemented(&state, &job, total, batch_pause).await
        }
        Dialect::Documented => stage_files_documented(&state, &job, total, batch_pause).await,
    }

    let (prepare_stage, prepare_progress) = stages.prepare;
    set_stage(prepare_stage, prepare_progress, "Preparing commit".into());
    tokio::time::sleep(stage_pause).await;
    let commit_message = if request.message.trim().is_empty() {
        format!("feat: initial import from ABAP package {package}")
    } else {
        request.message.clone()
    };
    let (push_stage, push_progress) = stages.push;
    let push_message = match dialect {
        Dialect::AsImplemented => "Pushing to repository",
        Dialect::Documented => "Pushing to remote",
    };
    set_stage(push_stage, push_progress, push_message.into());
    tokio::time::sleep(stage_pause).await;
    let result = result_text(dialect, total, &commit_message);
    if dialect == Dialect::AsImplemented {
        // The command's last progress event (written as running), then the executor's record.
        set_stage(stages.done, 100, "Import completed successfully".into());
        tokio::time::sleep(stage_pause).await;
        jobs.executor_finished(&job, result);
        return;
    }
    jobs.update(&job, |r| {
        r.state = JobState::Completed;
        r.stage = stages.done.to_string();
        r.progress = 100;
        r.message = "Import completed successfully".into();
        r.result = result;
    });
}

/// The command's staging events: "Staging local files" at 60 %, then for more than ten files
/// one event every tenth file and at the last, at 60 + index * 10 / total (ABAP rounds an
/// integer division).
async fn stage_files_as_implemented(state: &AppState, job: &str, total: usize, pause: Duration) {
    let (stage, from, _) = IMPLEMENTED.staging;
    state.jobs.update(job, |r| {
        r.state = JobState::Running;
        r.stage = stage.to_string();
        r.progress = from;
        r.message = "Staging local files".into();
    });
    if total <= BATCH_SIZE {
        tokio::time::sleep(pause).await;
        return;
    }
    for index in (1..=total).filter(|i| i % BATCH_SIZE == 0 || *i == total) {
        let progress = from + abap_rounded_division(index * 10, total);
        state.jobs.update(job, |r| {
            r.progress = progress;
            r.current = index as u64;
            r.total = total as u64;
            r.message = format!("Staging files ({index} of {total})");
        });
        tokio::time::sleep(pause).await;
    }
}

/// `a / b` on ABAP integers: rounded half away from zero, not truncated.
fn abap_rounded_division(a: usize, b: usize) -> u32 {
    u32::try_from((2 * a + b) / (2 * b)).unwrap_or(u32::MAX)
}

/// The reference's staging: batches of ten from 50 to 70 %.
async fn stage_files_documented(state: &AppState, job: &str, total: usize, pause: Duration) {
    let (stage, from, to) = DOCUMENTED.staging;
    let mut staged = 0;
    while staged < total {
        staged = (staged + BATCH_SIZE).min(total);
        let progress = from + ((to - from) as usize * staged / total) as u32;
        state.jobs.update(job, |r| {
            r.state = JobState::Running;
            r.stage = stage.to_string();
            r.progress = progress;
            r.current = staged as u64;
            r.total = total as u64;
            r.message = format!("Staging files ({staged} of {total})");
        });
        tokio::time::sleep(pause).await;
    }
}
