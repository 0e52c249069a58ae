//! Requests per screen of the Cloud Integration area (the data each screen loads, on a fresh
//! session and again on the warm one), counted at the sandbox, and token requests over a
//! simulated hour of work (every screen visited every five minutes, the tenant's clock moved
//! on between rounds; target: 1 token request per hour).
//!
//! `cargo run --release -p cloud-integration --example tenant_bench`

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use cloud_integration::{
    ArtifactKind, CloudIntegrationClient, MessageFilter, MessageStatus, RuntimeFilter,
};
use sandbox::cloud_integration::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PASSWORD, DEMO_USER};
use sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use sap_http::{Auth, OAuthClientCredentials, ProxyMode, SapError, Secret, Session, SessionConfig};
use url::Url;

type Load<'a> = Pin<Box<dyn Future<Output = Result<usize, SapError>> + Send + 'a>>;

/// A screen and the reads it makes for its data (answers the rows it shows).
struct Screen {
    name: &'static str,
    load: for<'a> fn(&'a CloudIntegrationClient, &'a Context) -> Load<'a>,
}

/// What the screens open: the first package, a flow of it, a failed message.
struct Context {
    package_id: String,
    flow_id: String,
    failed_message: Option<String>,
}

fn screens() -> Vec<Screen> {
    vec![
        Screen {
            name: "Packages (list)",
            load: |client, _| Box::pin(async move { Ok(client.packages().await?.len()) }),
        },
        Screen {
            name: "Package (artifacts of 4 kinds)",
            load: |client, context| {
                Box::pin(
                    async move { Ok(client.package_artifacts(&context.package_id).await?.len()) },
                )
            },
        },
        Screen {
            name: "Flow configuration",
            load: |client, context| {
                Box::pin(async move {
                    Ok(client
                        .configurations(&context.flow_id, "active")
                        .await?
                        .len())
                })
            },
        },
        Screen {
            name: "Runtime (artifacts + endpoints)",
            load: |client, _| {
                Box::pin(async move {
                    let all = RuntimeFilter::default();
                    let (artifacts, endpoints) =
                        tokio::join!(client.runtime_artifacts(&all), client.service_endpoints());
                    Ok(artifacts?.len() + endpoints?.len())
                })
            },
        },
        Screen {
            name: "Message monitor (page + counts)",
            load: |client, _| {
                Box::pin(async move {
                    let filter = MessageFilter::default();
                    let (page, counts) = tokio::join!(
                        client.messages(&filter, None),
                        client.message_counts(&filter)
                    );
                    counts?;
                    Ok(page?.messages.len())
                })
            },
        },
        Screen {
            name: "Message detail (failed message)",
            load: |client, context| {
                Box::pin(async move {
                    match &context.failed_message {
                        Some(guid) => Ok(client.message(guid).await?.attachments.len()),
                        None => Ok(0),
                    }
                })
            },
        },
        Screen {
            name: "Partner directory",
            load: |client, _| {
                Box::pin(async move {
                    let (partners, strings, binaries) = tokio::join!(
                        client.partners(),
                        client.string_parameters(None),
                        client.binary_parameters(None)
                    );
                    Ok(partners?.len() + strings?.len() + binaries?.len())
                })
            },
        },
        Screen {
            name: "Security content",
            load: |client, _| {
                Box::pin(async move {
                    let (users, secure, oauth, keys) = tokio::join!(
                        client.user_credentials(),
                        client.secure_parameters(),
                        client.oauth2_client_credentials(),
                        client.keystore_entries()
                    );
                    Ok(users?.len() + secure?.len() + oauth?.len() + keys?.len())
                })
            },
        },
    ]
}

fn config(sandbox: &SandboxHandle, auth: Auth) -> SessionConfig {
    let url = Url::parse(&format!("{}/", sandbox.cloud_integration_url())).expect("URL");
    let mut config = SessionConfig::new(url);
    config.proxy = ProxyMode::None;
    config.csrf_fetch_path = String::new();
    config.auth = Some(auth);
    config
}

fn oauth(sandbox: &SandboxHandle) -> Auth {
    Auth::OAuthClientCredentials(OAuthClientCredentials {
        token_url: Url::parse(&sandbox.cloud_integration_token_url()).expect("URL"),
        client_id: DEMO_CLIENT_ID.into(),
        client_secret: Secret::new(DEMO_CLIENT_SECRET),
    })
}

fn basic() -> Auth {
    Auth::basic(DEMO_USER, DEMO_PASSWORD)
}

fn client(sandbox: &SandboxHandle, auth: Auth) -> CloudIntegrationClient {
    CloudIntegrationClient::new(Session::new(config(sandbox, auth)).expect("session"))
}

async fn context(client: &CloudIntegrationClient) -> Context {
    let packages = client.packages().await.expect("packages");
    let mut found = None;
    for package in &packages {
        let flows = client
            .artifacts(&package.id, ArtifactKind::IntegrationFlow)
            .await
            .expect("flows");
        if let Some(flow) = flows.first() {
            found = Some((package.id.clone(), flow.id.clone()));
            break;
        }
    }
    let (package_id, flow_id) = found.expect("a package with a flow");
    let failed = MessageFilter {
        statuses: vec![MessageStatus::Failed],
        ..MessageFilter::default()
    };
    let failed_message = match client.messages(&failed, None).await {
        Ok(page) => page.messages.first().map(|m| m.message_guid.clone()),
        Err(_) => None,
    };
    Context {
        package_id,
        flow_id,
        failed_message,
    }
}

/// Loads a screen; answers the requests the sandbox saw and the time taken.
async fn measure(
    sandbox: &SandboxHandle,
    client: &CloudIntegrationClient,
    context: &Context,
    screen: &Screen,
) -> (u64, Duration, Result<usize, SapError>) {
    let before = sandbox.request_count();
    let started = Instant::now();
    let rows = (screen.load)(client, context).await;
    (sandbox.request_count() - before, started.elapsed(), rows)
}

#[tokio::main]
async fn main() {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox");
    let context = context(&client(&sandbox, basic())).await;

    for (label, auth) in [
        ("OAuth client credentials", oauth(&sandbox)),
        ("Basic", basic()),
    ] {
        println!("\nRequests per screen ({label}), counted at the sandbox:");
        println!(
            "{:<36} {:>6} {:>6} {:>9} {:>7}",
            "screen", "first", "warm", "warm ms", "rows"
        );
        for screen in screens() {
            // A fresh session per screen for "first": what opening it in a new app costs.
            let fresh = client(&sandbox, auth.clone());
            let (first, _, _) = measure(&sandbox, &fresh, &context, &screen).await;
            let (warm, elapsed, rows) = measure(&sandbox, &fresh, &context, &screen).await;
            let rows = match rows {
                Ok(rows) => rows.to_string(),
                Err(error) => format!("({error})"),
            };
            println!(
                "{:<36} {first:>6} {warm:>6} {:>9.1} {rows:>7}",
                screen.name,
                elapsed.as_secs_f64() * 1000.0
            );
        }
    }

    println!("\nToken requests over a simulated hour of work (OAuth; every screen every 5 min):");
    for (lifetime, label) in [
        (None, "tenant default (12 h)"),
        (Some(Duration::from_secs(20 * 60)), "20 min tokens"),
    ] {
        if let Some(lifetime) = lifetime {
            sandbox.set_cloud_integration_token_lifetime(lifetime);
        }
        let worker = client(&sandbox, oauth(&sandbox));
        let tokens_before = sandbox.cloud_integration_token_requests();
        let requests_before = sandbox.request_count();
        let mut failures = 0;
        for _round in 0..12 {
            for screen in screens() {
                if (screen.load)(&worker, &context).await.is_err() {
                    failures += 1;
                }
            }
            sandbox.advance_clock(Duration::from_secs(5 * 60));
        }
        println!(
            "  {label:<22} token requests: {}  (all requests: {}, failed screen loads: {failures})",
            sandbox.cloud_integration_token_requests() - tokens_before,
            sandbox.request_count() - requests_before,
        );
    }
}
