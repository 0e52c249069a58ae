//! Requests per operation on a warm bridge session (target: 1), and a mass run's throughput
//! and memory against the sandbox's bridge with injected latency.
//!
//! `cargo run --release -p transaction-bridge --example bridge_bench [rows] [latency_ms]`
//! (defaults: 10,000 rows of `GetUserDetails`, 20 ms per request).

use std::sync::Arc;
use std::time::Instant;

use sandbox::{FaultConfig, Sandbox, SandboxConfig, DEFAULT_PASSWORD, DEFAULT_USER};
use sap_http::{Auth, ProxyMode, Session, SessionConfig};
use transaction_bridge::mass_run::{MassRun, StopSignal};
use transaction_bridge::{BridgeApp, CallLog, Inputs};
use url::Url;

const USERS: [&str; 11] = [
    "JSMITH",
    "AWILSON",
    "MMUELLER",
    "TBAKER",
    "LGARCIA",
    "PNGUYEN",
    "KSCHNEIDER",
    "SJOHNSON",
    "RKOWALSKI",
    "EMARTIN",
    "DSMITH",
];

fn inputs(pairs: &[(&str, &str)]) -> Inputs {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Resident memory of this process (Linux), in MiB.
fn rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let rows: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let latency_ms: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);

    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox starts");
    let mut config = SessionConfig::new(
        Url::parse(&sandbox.transaction_bridge_url(sandbox::transaction_bridge::USER_ADMIN_APP))
            .expect("URL"),
    );
    config.auth = Some(Auth::basic(DEFAULT_USER, DEFAULT_PASSWORD));
    config.proxy = ProxyMode::None;
    let session = Session::new(config).expect("session");
    // A small log, as the app keeps one per system (bounded anyway).
    let app = BridgeApp::new(session.clone(), Arc::new(CallLog::default())).expect("app");

    // Requests per operation on a warm session.
    app.run("FindUsers", &inputs(&[])).await.expect("warm-up");
    println!("requests per operation on a warm session (target 1):");
    let measure = |label: &'static str, calls: &'static [(&'static str, &'static str)]| {
        let app = &app;
        let session = &session;
        async move {
            let before = session.stats().requests;
            for (operation, user) in calls {
                let fields = if user.is_empty() {
                    inputs(&[])
                } else {
                    inputs(&[("UserName", user)])
                };
                app.run(operation, &fields).await.expect(operation);
            }
            let per_call = (session.stats().requests - before) as f64 / calls.len() as f64;
            println!("  {label:<28} {per_call:.2}");
        }
    };
    measure(
        "GetUserDetails (function)",
        &[("GetUserDetails", "JSMITH"); 20],
    )
    .await;
    measure("FindUsers (function)", &[("FindUsers", ""); 20]).await;
    measure(
        "LockUser/UnlockUser (action)",
        &[("LockUser", "KSCHNEIDER"), ("UnlockUser", "KSCHNEIDER")],
    )
    .await;

    // A mass run at `latency_ms` per request.
    sandbox.faults().set(FaultConfig {
        latency_ms,
        ..FaultConfig::default()
    });
    let metadata = app.metadata().await.expect("metadata");
    let operation = metadata.operation("GetUserDetails").expect("operation");
    let mut csv = String::from("UserName\n");
    for row in 0..rows {
        csv.push_str(USERS[row % USERS.len()]);
        csv.push('\n');
    }
    let folder = tempfile::tempdir().expect("temp folder");
    let rss_before = rss_mib();
    let started = Instant::now();
    let mut run = MassRun::create(
        &folder.path().join("bench.jsonl"),
        app.app_id(),
        operation,
        &csv,
    )
    .expect("run created");
    let checked = started.elapsed();
    let started = Instant::now();
    let summary = run
        .run(&app, &StopSignal::default(), |_, _| {})
        .await
        .expect("run");
    let elapsed = started.elapsed().as_secs_f64();
    let journal = std::fs::metadata(folder.path().join("bench.jsonl"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!(
        "mass run of {rows} rows at {latency_ms} ms latency: checked in {:.0} ms, run in {elapsed:.1} s = {:.1} rows/s ({} succeeded, {} failed); ideal at this latency {:.1} rows/s",
        checked.as_secs_f64() * 1000.0,
        rows as f64 / elapsed,
        summary.succeeded,
        summary.failed,
        1000.0 / latency_ms.max(1) as f64
    );
    println!(
        "memory (RSS): {:.1} MiB before the run, {:.1} MiB after {rows} rows (results held in memory); journal {:.1} MiB",
        rss_before.unwrap_or(f64::NAN),
        rss_mib().unwrap_or(f64::NAN),
        journal as f64 / (1024.0 * 1024.0)
    );
    let csv = run.export_csv().expect("export");
    println!(
        "results CSV: {:.1} MiB",
        csv.len() as f64 / (1024.0 * 1024.0)
    );
}
