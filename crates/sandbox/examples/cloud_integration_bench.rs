//! How fast the simulated Cloud Integration tenant serves the message monitor, and what its
//! message log costs in memory. Prints figures; run with
//! `cargo run --release -p sandbox --example cloud_integration_bench`.

use std::time::{Duration, Instant};

use sandbox::cloud_integration::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use sandbox::{Sandbox, SandboxConfig};
use serde_json::Value;

/// Resident memory of this process in KiB (Linux), if readable.
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let before = rss_kib();
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox starts");
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client");
    let token: Value = client
        .post(sandbox.cloud_integration_token_url())
        .basic_auth(DEMO_CLIENT_ID, Some(DEMO_CLIENT_SECRET))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("grant_type=client_credentials")
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("token JSON");
    let bearer = token["access_token"]
        .as_str()
        .expect("access token")
        .to_owned();
    let get = |url: String| {
        let client = client.clone();
        let bearer = bearer.clone();
        async move {
            let started = Instant::now();
            let response = client
                .get(url)
                .bearer_auth(bearer)
                .header("accept", "application/json")
                .send()
                .await
                .expect("request");
            let bytes = response.bytes().await.expect("body");
            (started.elapsed(), bytes)
        }
    };
    let api = sandbox.cloud_integration_url();

    let (first, body) = get(format!(
        "{api}/MessageProcessingLogs?$orderby=LogEnd%20desc&$inlinecount=allpages"
    ))
    .await;
    let page: Value = serde_json::from_slice(&body).expect("JSON");
    let total = page["d"]["__count"].as_str().unwrap_or("?").to_owned();
    println!(
        "first page of {total} messages (1,000 rows, {} KiB): {:.1} ms",
        body.len() / 1024,
        millis(first)
    );

    let mut next = page["d"]["__next"].as_str().map(str::to_owned);
    let mut pages = 1;
    let mut walked = first;
    while let Some(url) = next {
        let (elapsed, body) = get(url).await;
        walked += elapsed;
        pages += 1;
        let page: Value = serde_json::from_slice(&body).expect("JSON");
        next = page["d"]["__next"].as_str().map(str::to_owned);
    }
    println!(
        "all {pages} pages through __next: {:.1} ms ({:.1} ms per page)",
        millis(walked),
        millis(walked) / f64::from(pages)
    );

    let mut counts = Duration::ZERO;
    for status in ["COMPLETED", "FAILED", "RETRY", "ESCALATED", "PROCESSING"] {
        let (elapsed, _) = get(format!(
            "{api}/MessageProcessingLogs/$count?$filter=Status%20eq%20%27{status}%27"
        ))
        .await;
        counts += elapsed;
    }
    println!("$count per status (5 requests): {:.1} ms", millis(counts));

    let (failed, _) = get(format!(
        "{api}/MessageProcessingLogs?$filter=Status%20eq%20%27FAILED%27&$orderby=LogEnd%20desc&$top=200&$inlinecount=allpages"
    ))
    .await;
    println!("200 newest FAILED messages: {:.1} ms", millis(failed));

    if let (Some(before), Some(after)) = (before, rss_kib()) {
        println!(
            "process memory: {} KiB before the sandbox, {} KiB after it served the above ({} KiB more)",
            before,
            after,
            after.saturating_sub(before)
        );
    }
    sandbox.shutdown().await;
}
