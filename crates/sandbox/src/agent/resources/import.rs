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
        set_stage("PARSE_PARAMS", 10, "Parsing parameters".into());
        tokio::time::sleep(stage_pause).await;
    }
    let (find_stage, find_progress) = stages.find_repo;
    set_stage(find_stage, find_progress, "Locating repository".into());
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

    let (staging_stage, from, to) = stages.staging;
    let total = files.len();
    let mut staged = 0;
    while staged < total {
        staged = (staged + BATCH_SIZE).min(total);
        let progress = from + ((to - from) as usize * staged / total) as u32;
        jobs.update(&job, |r| {
            r.state = JobState::Running;
            r.stage = staging_stage.to_string();
            r.progress = progress;
            r.current = staged as u64;
            r.total = total as u64;
            r.message = format!("Staging files ({staged} of {total})");
        });
        tokio::time::sleep(batch_pause).await;
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
