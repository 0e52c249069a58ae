//! Requests and wall time to load a release manager's worklist (the list, then every item
//! with its release, texts, attachments and categories) against the sandbox with injected
//! latency: one request per item as the worklist used to read them, and `$batch`.
//!
//! `cargo run --release -p focused-build --example worklist_bench [latency_ms] [runs]`
//! (defaults: 100 ms per request, the median of 3 runs).

use std::time::Instant;

use focused_build::{FocusedBuildClient, WorkItemGuid, WorkItemRead, SINGLE_READS_IN_FLIGHT};
use sandbox::{
    FaultConfig, Sandbox, SandboxConfig, SandboxHandle, DEFAULT_CLIENT, DEFAULT_PASSWORD,
    DEFAULT_USER,
};
use sap_http::{Auth, Credentials, ProxyMode, Secret, Session, SessionConfig};
use url::Url;

const SIZES: [usize; 2] = [25, 250];

#[derive(Clone, Copy)]
enum Strategy {
    /// What the worklist did before: one read per item, a few in flight.
    OneByOne,
    /// A hundred reads per `$batch` request.
    Batch,
}

impl Strategy {
    fn name(self) -> String {
        match self {
            Self::OneByOne => {
                format!("1 + N: one GET per item, {SINGLE_READS_IN_FLIGHT} in flight (before)")
            }
            Self::Batch => "1 + N/100: $batch of 100 reads (now)".into(),
        }
    }
}

/// A logged-on client with its CSRF token, so that the figures are the worklist's alone.
async fn warm_client(sandbox: &SandboxHandle) -> FocusedBuildClient {
    let mut config = SessionConfig::new(Url::parse(&sandbox.focused_build_url()).expect("URL"));
    config.sap_client = Some(DEFAULT_CLIENT.into());
    config.auth = Some(Auth::Basic(Credentials {
        user: DEFAULT_USER.into(),
        password: Secret::new(DEFAULT_PASSWORD),
    }));
    config.proxy = ProxyMode::None;
    config.csrf_fetch_path = String::new();
    let session = Session::new(config).expect("session");
    session.fetch_csrf_token().await.expect("logon and token");
    FocusedBuildClient::new(session)
}

/// Loads the worklist once: requests, milliseconds, items read.
async fn load(sandbox: &SandboxHandle, strategy: Strategy) -> (u64, f64, usize) {
    let client = warm_client(sandbox).await;
    let before = sandbox.request_count();
    let started = Instant::now();
    let listed = client.list_work_items(None).await.expect("list");
    let guids: Vec<WorkItemGuid> = listed.into_iter().map(|item| item.guid).collect();
    let reads: Vec<WorkItemRead> = match strategy {
        Strategy::OneByOne => {
            client
                .work_items_one_by_one(&guids, SINGLE_READS_IN_FLIGHT)
                .await
        }
        Strategy::Batch => client.work_items(&guids).await,
    };
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    let read = reads.iter().filter(|read| read.result.is_ok()).count();
    (sandbox.request_count() - before, millis, read)
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let latency_ms: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3).max(1);
    println!(
        "## worklist load, {latency_ms} ms injected latency per request, median of {runs} run(s)\n"
    );
    println!("| items | strategy | HTTP requests | wall time (ms) | items read |");
    println!("|---:|---|---:|---:|---:|");
    for size in SIZES {
        let sandbox = Sandbox::start(SandboxConfig {
            work_items: size,
            faults: FaultConfig {
                latency_ms,
                ..FaultConfig::default()
            },
            ..SandboxConfig::default()
        })
        .await
        .expect("sandbox starts");
        for strategy in [Strategy::OneByOne, Strategy::Batch] {
            let mut samples = Vec::new();
            for _ in 0..runs {
                samples.push(load(&sandbox, strategy).await);
            }
            samples.sort_by(|a, b| a.1.total_cmp(&b.1));
            let (requests, millis, read) = samples[samples.len() / 2];
            println!(
                "| {size} | {} | {requests} | {millis:.0} | {read} |",
                strategy.name()
            );
        }
        sandbox.shutdown().await;
    }
}
