//! HTTP requests and wall time per command against the sandbox, with injected latency.
//!
//! `cargo run -p abapgit-agent --example wire_bench --release`
//!
//! Targets: one request per command on a warm session, two for the first
//! modifying call (CSRF fetch + POST), import = one POST + its polls.
//! The reference CLI needs 2 to 5 requests per command.

use std::future::Future;
use std::time::{Duration, Instant};

use abapgit_agent::{
    session_config, AgentClient, CustomizeRequest, DropRequest, DumpRequest, FieldValue,
    ImportRequest, InspectRequest, JobOptions, ListRequest, PreviewRequest, PullRequest,
    SyntaxObject, SyntaxRequest, TransportKind, TransportScope, TreeRequest, UnitRequest,
    ViewRequest, WhereUsedRequest,
};
use sandbox::{Dialect, FaultConfig, Sandbox, SandboxConfig, SandboxHandle};
use sap_http::{Auth, Credentials, ProxyMode, SapError, Secret, Session};

const UNKNOWN_REPO: &str = "https://github.com/example/bench.git";
/// Seeded in the sandbox: a reachable remote that is not registered yet.
const HELLO_REPO: &str = "https://github.com/abapgit-tests/hello-world.git";
/// Seeded and registered for package ZFLIGHT.
const ZFLIGHT_REPO: &str = "https://github.com/agent-desk/zflight.git";

struct Bench<'a> {
    sandbox: &'a SandboxHandle,
    rows: Vec<(String, u64, f64, &'static str)>,
}

impl Bench<'_> {
    async fn run<T, F: Future<Output = Result<T, SapError>>>(
        &mut self,
        name: &str,
        call: F,
    ) -> Option<T> {
        let before = self.sandbox.request_count();
        let started = Instant::now();
        let outcome = call.await;
        let millis = started.elapsed().as_secs_f64() * 1000.0;
        let requests = self.sandbox.request_count() - before;
        let status = if outcome.is_ok() {
            "ok"
        } else {
            "server said no"
        };
        self.rows.push((name.to_owned(), requests, millis, status));
        outcome.ok()
    }

    fn print(&self, latency_ms: u64) {
        println!("\n## injected latency {latency_ms} ms per request\n");
        println!("| command | HTTP requests | wall time (ms) | outcome |");
        println!("|---|---:|---:|---|");
        for (name, requests, millis, status) in &self.rows {
            println!("| {name} | {requests} | {millis:.1} | {status} |");
        }
    }
}

async fn client_for(sandbox: &SandboxHandle) -> Result<AgentClient, Box<dyn std::error::Error>> {
    let mut config = session_config(&url::Url::parse(&sandbox.base_url())?);
    config.auth = Some(Auth::Basic(Credentials {
        user: sandbox::DEFAULT_USER.into(),
        password: Secret::new(sandbox::DEFAULT_PASSWORD),
    }));
    config.sap_client = Some(sandbox::DEFAULT_CLIENT.into());
    config.proxy = ProxyMode::None;
    Ok(AgentClient::new(Session::new(config)?))
}

async fn bench(latency_ms: u64) -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::start(SandboxConfig {
        dialect: Dialect::AsImplemented,
        // Slow enough for the import job to be polled a few times.
        job_speed: 2.0,
        faults: FaultConfig {
            latency_ms,
            ..FaultConfig::default()
        },
        ..SandboxConfig::default()
    })
    .await?;
    let client = client_for(&sandbox).await?;
    let mut bench = Bench {
        sandbox: &sandbox,
        rows: Vec::new(),
    };
    let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();

    bench
        .run("health (GET, cold session)", client.health())
        .await;
    bench
        .run("status (first modifying call)", client.status(UNKNOWN_REPO))
        .await;
    bench
        .run("status (warm)", client.status(UNKNOWN_REPO))
        .await;
    bench.run("health (warm)", client.health()).await;
    let create = abapgit_agent::CreateRequest {
        url: HELLO_REPO.into(),
        package: "$ZDEMO_SANDBOX".into(),
        ..Default::default()
    };
    bench.run("create", client.create(&create, None)).await;
    let pull = PullRequest {
        url: HELLO_REPO.into(),
        ..PullRequest::default()
    };
    bench
        .run("pull (activates the repository)", client.pull(&pull, None))
        .await;
    let delete = abapgit_agent::DeleteRequest {
        url: HELLO_REPO.into(),
    };
    bench.run("delete", client.delete(&delete)).await;
    let unknown = PullRequest {
        url: UNKNOWN_REPO.into(),
        ..PullRequest::default()
    };
    bench
        .run("pull (unknown repository)", client.pull(&unknown, None))
        .await;
    let syntax = SyntaxRequest {
        objects: vec![SyntaxObject {
            object_type: "PROG".into(),
            object_name: "ZBENCH".into(),
            source: "REPORT zbench.\nWRITE 'hello'.".into(),
            ..SyntaxObject::default()
        }],
        unicode_check: None,
    };
    bench.run("syntax", client.syntax(&syntax)).await;
    let inspect = InspectRequest {
        files: strings(&["src/zcl_flight_pricing.clas.abap"]),
        variant: None,
    };
    bench.run("inspect", client.inspect(&inspect)).await;
    let unit = UnitRequest {
        files: strings(&["src/zcl_demo_calculator.clas.testclasses.abap"]),
        ..UnitRequest::default()
    };
    bench.run("unit", client.unit(&unit)).await;
    let tree = TreeRequest {
        package: "ZFLIGHT".into(),
        depth: Some(3),
        include_objects: true,
    };
    bench.run("tree", client.tree(&tree)).await;
    let list = ListRequest {
        package: "$ZDEMO".into(),
        ..ListRequest::default()
    };
    bench.run("list", client.list(&list)).await;
    let paged = ListRequest {
        limit: Some(4),
        ..list.clone()
    };
    bench
        .run("list_all (pages of 4)", client.list_all(&paged))
        .await;
    let view = ViewRequest {
        objects: strings(&["ZCL_DEMO_CALCULATOR"]),
        full: true,
        ..ViewRequest::default()
    };
    bench.run("view", client.view(&view)).await;
    let preview = PreviewRequest {
        objects: strings(&["SFLIGHT"]),
        limit: Some(100),
        ..PreviewRequest::default()
    };
    bench.run("preview", client.preview(&preview)).await;
    let paged_preview = PreviewRequest {
        limit: Some(10),
        ..preview.clone()
    };
    bench
        .run(
            "preview_all (30 rows, pages of 10)",
            client.preview_all(&paged_preview, 30),
        )
        .await;
    let where_used = WhereUsedRequest {
        objects: strings(&["ZCL_FLIGHT_PRICING"]),
        ..WhereUsedRequest::default()
    };
    bench.run("where", client.where_used(&where_used)).await;
    bench
        .run("dump", client.dumps(&DumpRequest::default()))
        .await;
    bench
        .run(
            "transport GET ?scope",
            client.transports(TransportScope::Mine),
        )
        .await;
    bench
        .run(
            "transport LIST",
            client.list_transports(TransportScope::All),
        )
        .await;
    let created = bench
        .run(
            "transport CREATE",
            client.create_transport("bench", TransportKind::Workbench),
        )
        .await
        .and_then(|answer| answer.number);
    let number = created.unwrap_or_default();
    bench
        .run("transport CHECK", client.check_transport(&number))
        .await;
    bench
        .run("transport RELEASE", client.release_transport(&number))
        .await;
    let drop = DropRequest {
        file: "src/zdemo_hello_world.prog.abap".into(),
        transport_request: None,
    };
    bench.run("drop", client.drop_object(&drop)).await;
    let customize = CustomizeRequest {
        table_name: "ZFL_FEES".into(),
        field_values: vec![
            FieldValue {
                field: "FEE_CODE".into(),
                value: "BNCH".into(),
            },
            FieldValue {
                field: "AMOUNT".into(),
                value: "1.00".into(),
            },
        ],
        transport: None,
        no_transport: true,
    };
    bench.run("customize", client.customize(&customize)).await;

    let import = ImportRequest {
        url: ZFLIGHT_REPO.into(),
        ..ImportRequest::default()
    };
    let options = JobOptions {
        poll_interval: Duration::from_millis(100),
        ..JobOptions::default()
    };
    let before = sandbox.request_count();
    let started = Instant::now();
    let mut polls = 0u32;
    let handle = client.import(&import, None).await?;
    let staged = client
        .wait_import(&handle, &options, |_| polls += 1)
        .await?;
    println!("import staged {} files", staged.files_staged);
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    bench.rows.push((
        format!("import + wait ({polls} polls at 100 ms)"),
        sandbox.request_count() - before,
        millis,
        "files staged",
    ));

    bench.print(latency_ms);
    let stats = client.session().stats();
    println!(
        "\nsession totals: {} requests, {} CSRF fetches",
        stats.requests, stats.csrf_fetches
    );
    sandbox.shutdown().await;
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    for latency_ms in [20, 100] {
        bench(latency_ms).await?;
    }
    Ok(())
}
