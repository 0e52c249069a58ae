//! `sap-sandbox`: runs the simulated SAP system on loopback until Ctrl-C.

use std::net::SocketAddr;
use std::process::ExitCode;

use clap::Parser;
use sandbox::transaction_bridge::TransactionBridgeConfig;
use sandbox::{
    Dialect, FaultConfig, FaultControlAccess, Sandbox, SandboxConfig, DEFAULT_PASSWORD,
    DEFAULT_USER,
};

#[derive(Debug, Parser)]
#[command(
    name = "sap-sandbox",
    version,
    about = "A simulated SAP system: abapGit Agent REST handler, Focused Build OData, a Cloud Integration tenant and a mobile transaction bridge, on loopback"
)]
struct Args {
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 50000)]
    port: u16,
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    host: std::net::IpAddr,
    /// Response shapes of the abapGit Agent resources.
    #[arg(long, default_value = "as-implemented", value_parser = parse_dialect)]
    dialect: Dialect,
    /// A user as NAME:PASSWORD; repeat for several. Default: DEVELOPER:Welcome1.
    #[arg(long = "user", value_parser = parse_user)]
    users: Vec<(String, String)>,
    /// Fixed latency added to every request, in milliseconds.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Speed factor of background jobs (2 = twice as fast).
    #[arg(long, default_value_t = 1.0)]
    job_speed: f64,
    /// System ID.
    #[arg(long, default_value = sandbox::DEFAULT_SID)]
    sid: String,
    /// Client; repeat for several (the first is the default).
    #[arg(long = "client")]
    clients: Vec<String>,
    /// Fault control without the token (for test scripts). It still answers only to
    /// loopback, with a loopback Host header and a JSON body.
    #[arg(long)]
    open_fault_control: bool,
    /// Focused Build work items to hold (the seeded ones, then later rollout waves of them).
    #[arg(long, default_value_t = sandbox::focused_build::SEEDED_WORK_ITEMS)]
    work_items: usize,
    /// Seconds a transaction bridge session lives without a call.
    #[arg(long, default_value_t = sandbox::transaction_bridge::DEFAULT_IDLE_TIMEOUT.as_secs())]
    bridge_idle_timeout: u64,
}

fn parse_dialect(text: &str) -> Result<Dialect, String> {
    text.parse()
}

fn parse_user(text: &str) -> Result<(String, String), String> {
    match text.split_once(':') {
        Some((user, password)) if !user.is_empty() && !password.is_empty() => {
            Ok((user.to_ascii_uppercase(), password.to_string()))
        }
        _ => Err("expected NAME:PASSWORD".to_string()),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let args = Args::parse();
    let users = if args.users.is_empty() {
        vec![(DEFAULT_USER.to_string(), DEFAULT_PASSWORD.to_string())]
    } else {
        args.users
    };
    let clients = if args.clients.is_empty() {
        vec![sandbox::DEFAULT_CLIENT.to_string()]
    } else {
        args.clients
    };
    let config = SandboxConfig {
        bind: SocketAddr::new(args.host, args.port),
        dialect: args.dialect,
        sid: args.sid,
        clients,
        users,
        job_speed: args.job_speed,
        faults: FaultConfig {
            latency_ms: args.latency_ms,
            ..FaultConfig::default()
        },
        fault_control: if args.open_fault_control {
            FaultControlAccess::Open
        } else {
            FaultControlAccess::random_token()
        },
        work_items: args.work_items,
        transaction_bridge: TransactionBridgeConfig {
            idle_timeout: std::time::Duration::from_secs(args.bridge_idle_timeout),
            ..TransactionBridgeConfig::default()
        },
    };
    let user_names: Vec<String> = config.users.iter().map(|(u, _)| u.clone()).collect();
    let default_user_only = config.users.len() == 1
        && config.users[0].0 == DEFAULT_USER
        && config.users[0].1 == DEFAULT_PASSWORD;
    let sid = config.sid.clone();
    let client = config.default_client().to_string();
    let handle = match Sandbox::start(config).await {
        Ok(handle) => handle,
        Err(error) => {
            eprintln!("sap-sandbox: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("SAP sandbox {sid}/{client} ({} dialect)", handle.dialect());
    println!("  abapGit Agent:  {}", handle.agent_url());
    println!("  Focused Build:  {}", handle.focused_build_url());
    println!(
        "  Cloud Integration API:  {}",
        handle.cloud_integration_url()
    );
    println!(
        "      token URL:          {}",
        handle.cloud_integration_token_url()
    );
    // The demo service key and user are well known, printed so a first-time user can connect.
    println!(
        "      client id / secret: {} / {}",
        sandbox::cloud_integration::DEMO_CLIENT_ID,
        sandbox::cloud_integration::DEMO_CLIENT_SECRET
    );
    println!(
        "      Basic user:         {} / {}",
        sandbox::cloud_integration::DEMO_USER,
        sandbox::cloud_integration::DEMO_PASSWORD
    );
    println!(
        "      monitoring only:    {} / {}",
        sandbox::cloud_integration::MONITOR_USER,
        sandbox::cloud_integration::MONITOR_PASSWORD
    );
    println!("  Transaction bridge (POST Login with the logon below, then its cookie):");
    for app in sandbox::transaction_bridge::apps() {
        println!(
            "    {:<6} {:<22} {}",
            app.transaction,
            app.title,
            handle.transaction_bridge_url(app.id)
        );
    }
    println!("  Fault control:  {}sandbox/faults", handle.base_url());
    match handle.fault_token() {
        // Printed so the person who started the sandbox (and only they) can switch faults.
        Some(token) => println!("                  with header Authorization: Bearer {token}"),
        None => println!("                  open: no token needed (--open-fault-control)"),
    }
    if default_user_only {
        // The well-known demo credentials are printed so a first-time user can log on.
        println!("  Logon:          {DEFAULT_USER} / {DEFAULT_PASSWORD}, client {client}");
    } else {
        println!(
            "  Users:          {} (passwords as given), client {client}",
            user_names.join(", ")
        );
    }
    println!("Press Ctrl-C to stop.");
    if let Err(error) = tokio::signal::ctrl_c().await {
        eprintln!("sap-sandbox: cannot wait for Ctrl-C: {error}");
    }
    handle.shutdown().await;
    ExitCode::SUCCESS
}
