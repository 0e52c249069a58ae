//! `systems` (the app's saved systems, no secrets) and `test` (a fresh logon).

use std::time::Instant;

use profiles::{service_root, ServiceKind};
use serde::Serialize;

use crate::cli::Service;
use crate::context::Run;
use crate::exit::{CliError, CliResult};
use crate::output::{fields, table, Report};
use crate::system::SavedSystems;

#[derive(Serialize)]
struct SystemsList {
    store: String,
    store_exists: bool,
    systems: Vec<SavedSystem>,
    /// Stored systems this version cannot read (kept in the file).
    skipped: Vec<String>,
}

#[derive(Serialize)]
struct SavedSystem {
    id: String,
    name: String,
    service: ServiceKind,
    url: String,
    client: String,
    language: String,
    user: String,
    insecure_tls: bool,
    /// The app's sandbox: its URL is only valid while Agent Desk runs.
    demo: bool,
}

pub fn list(run: &mut Run) -> CliResult<Report> {
    let saved = SavedSystems::load(run.system_args().store.as_deref())?;
    let systems: Vec<SavedSystem> = saved
        .profiles
        .iter()
        .map(|profile| {
            let settings = &profile.settings;
            SavedSystem {
                id: profile.id.to_string(),
                name: settings.display_name.clone(),
                service: settings.service_kind,
                url: service_root(settings)
                    .map(|url| url.to_string())
                    .unwrap_or_else(|_| settings.base_url.clone()),
                client: settings.client.clone(),
                language: settings.language.clone(),
                // The OAuth client id or "API key" for systems that sign in without a user.
                user: settings.principal().to_owned(),
                insecure_tls: settings.tls.insecure,
                demo: profile.is_demo,
            }
        })
        .collect();
    let mut text = if systems.is_empty() {
        format!(
            "No systems saved in {}{}.\n",
            saved.path.display(),
            if saved.file_exists {
                ""
            } else {
                " (no such file)"
            }
        )
    } else {
        table(
            ["name", "service", "url", "client", "user", "id"],
            systems.iter().map(|s| {
                [
                    format!(
                        "{}{}{}",
                        s.name,
                        if s.demo { " (demo)" } else { "" },
                        if s.insecure_tls {
                            " (insecure TLS)"
                        } else {
                            ""
                        }
                    ),
                    s.service.label().to_owned(),
                    s.url.clone(),
                    s.client.clone(),
                    s.user.clone(),
                    s.id.clone(),
                ]
            }),
        )
    };
    if systems.iter().any(|s| s.demo) {
        text.push_str(
            "Demo systems live inside Agent Desk: they answer only while the app runs.\n",
        );
    }
    for problem in &saved.skipped {
        text.push_str(&format!(
            "Skipped (this version cannot read it): {problem}\n"
        ));
    }
    let result = SystemsList {
        store: saved.path.display().to_string(),
        store_exists: saved.file_exists,
        systems,
        skipped: saved.skipped,
    };
    Ok(Report::new(&result, text))
}

#[derive(Serialize)]
struct ConnectionReport {
    system: String,
    service: ServiceKind,
    service_url: String,
    user: String,
    /// The abapGit Agent's version from `/health`.
    version: Option<String>,
    elapsed_ms: u64,
    insecure_tls: bool,
    requests: u64,
}

/// Health (abapGit Agent), logon and CSRF token on a fresh session (Cloud Integration: the
/// service root; transaction bridge: the first app's $metadata), as the app's "Test".
pub async fn test(run: &mut Run, service: Option<Service>) -> CliResult<Report> {
    let started = Instant::now();
    let kind = match service {
        Some(Service::Agent) => ServiceKind::AbapgitAgent,
        Some(Service::FocusedBuild) => ServiceKind::FocusedBuild,
        Some(Service::CloudIntegration) => ServiceKind::CloudIntegration,
        Some(Service::TransactionBridge) => ServiceKind::TransactionBridge,
        None => run
            .system()?
            .saved_kind()
            .unwrap_or(ServiceKind::AbapgitAgent),
    };
    let settings = run.system()?.settings(kind)?;
    let (session, version) = match kind {
        ServiceKind::AbapgitAgent => {
            let session = run.fresh_session(kind)?;
            let health = abapgit_agent::AgentClient::new(session.clone())
                .health()
                .await?;
            session.fetch_csrf_token().await?;
            (session, Some(health.version).filter(|v| !v.is_empty()))
        }
        // The first app's $metadata, as the app's test of a bridge system.
        ServiceKind::TransactionBridge => {
            let app_id = settings.app_ids.first().ok_or_else(|| {
                CliError::usage(
                    "the system names no app: give an app's URL (https://host/mtb-bridge/odata/app/<appId>/)",
                )
            })?;
            let app = run.bridge_app(app_id)?;
            app.metadata().await?;
            (app.session().clone(), None)
        }
        // A CSRF token with Basic; with OAuth or an API key, the service root.
        ServiceKind::FocusedBuild | ServiceKind::CloudIntegration => {
            let session = run.fresh_session(kind)?;
            session.fetch_csrf_token().await?;
            (session, None)
        }
    };
    let report = ConnectionReport {
        system: run.system()?.label(),
        service: kind,
        service_url: session.config().base_url.to_string(),
        user: settings.principal().to_owned(),
        version,
        elapsed_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        insecure_tls: settings.tls.insecure,
        requests: session.stats().requests,
    };
    let mut text = format!(
        "OK: logged on to {} as {} (requests: {}, {} ms)\n",
        report.system, report.user, report.requests, report.elapsed_ms
    );
    text.push_str(&fields(&[
        ("Service", kind.label().to_owned()),
        ("URL", report.service_url.clone()),
        ("Version", report.version.clone().unwrap_or_default()),
    ]));
    if report.insecure_tls {
        text.push_str("Warning: certificate checks are off for this system.\n");
    }
    Ok(Report::new(&report, text))
}
