//! Agent Desk's Tauri layer: app state, commands and startup. The SAP logic lives in the
//! Tauri-free crates (`profiles`, `sap-http`, `abapgit-agent`, `sandbox`).

pub mod bindings;
pub mod command_names;
pub mod commands;
pub mod error;
pub mod file_access;
pub mod jobs;
pub mod memory_trim;
pub mod persistence;
pub mod sandbox_system;
pub mod start_gate;
pub mod state;
pub mod status_history;
pub mod transaction_bridge;
#[cfg(target_os = "linux")]
pub mod webkitgtk;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use profiles::{
    DocumentStore, KeyringSecretStore, MemoryDocumentStore, MemorySecretStore, ProfileBook,
    SecretStore, StoreFile,
};
use specta::function::collect_functions;
use specta::Types;
use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::{collect_commands, Builder};

use crate::file_access::FileGrants;
use crate::jobs::JobRegistry;
use crate::persistence::{
    AppStore, StoreBlocked, StoreStatus, BRIDGE_VARIANTS_KEY, JOBS_KEY, PROFILES_KEY, SANDBOX_KEY,
    STATUS_HISTORY_KEY, STORE_FILE,
};
use crate::sandbox_system::SandboxSystem;
use crate::start_gate::{gated_handler, BackEndGate};
use crate::state::{AppState, KeyringStatus, SessionPool};
use crate::status_history::StatusHistory;
use crate::transaction_bridge::{BridgeHub, LOGOUT_ON_QUIT, MASS_RUNS_FOLDER};

/// Keyring service name (the bundle identifier, so entries are recognisable).
pub const KEYRING_SERVICE: &str = "com.agentdesk.desktop";

/// The one list of commands, expanded by `collect_commands!` (invoke handler and bindings)
/// and by `collect_functions!` (their types, prepared for the TypeScript export).
macro_rules! app_commands {
    ($collect:ident) => {
        $collect![
            commands::profiles::profiles_list,
            commands::profiles::profile_create,
            commands::profiles::profile_update,
            commands::profiles::profile_duplicate,
            commands::profiles::profile_delete,
            commands::profiles::profile_test_connection,
            commands::profiles::profiles_export,
            commands::profiles::profile_import_agent_file,
            commands::profiles::profile_draft_from_service_key,
            commands::profiles::profile_draft_from_service_key_file,
            commands::profiles::session_drop,
            commands::profiles::calls_cancel,
            commands::profiles::keyring_status,
            commands::store::store_status,
            commands::store::store_restore_backup,
            commands::sandbox::sandbox_info,
            commands::sandbox::sandbox_reset_profile,
            commands::sandbox::sandbox_reset_data,
            commands::jobs::jobs_list,
            commands::jobs::job_watch,
            commands::jobs::job_cancel,
            commands::jobs::job_forget,
            commands::agent::agent_health,
            commands::agent::agent_status,
            commands::agent::agent_create,
            commands::agent::agent_delete,
            commands::agent::agent_syntax,
            commands::checkout::agent_checkout_files,
            commands::checkout::agent_syntax_files,
            commands::agent::agent_inspect,
            commands::agent::agent_unit,
            commands::agent::agent_tree,
            commands::agent::agent_list,
            commands::agent::agent_view,
            commands::agent::agent_where_used,
            commands::agent::agent_preview,
            commands::agent::agent_dumps,
            commands::agent::agent_transports,
            commands::agent::agent_transport_list,
            commands::agent::agent_transport_create,
            commands::agent::agent_transport_check,
            commands::agent::agent_transport_release,
            commands::agent::agent_transport_details,
            commands::agent::agent_transports_released,
            commands::agent::agent_drop,
            commands::agent::agent_customize,
            commands::agent::agent_pull,
            commands::agent::agent_import,
            commands::files::pick_files::<tauri::Wry>,
            commands::files::pick_save_file::<tauri::Wry>,
            commands::files::save_text_file::<tauri::Wry>,
            commands::files::read_text_file,
            commands::files::junit_save_unit,
            commands::files::junit_save_checks,
            commands::work_items::work_item_catalogue,
            commands::work_items::work_item_get,
            commands::work_items::work_items_list,
            commands::work_items::work_items_read,
            commands::work_items::work_item_texts,
            commands::work_items::work_item_add_text,
            commands::work_items::work_item_attachments,
            commands::work_items::work_item_add_attachment,
            commands::work_items::work_item_attach_file,
            commands::work_items::work_item_download_attachment,
            commands::work_items::work_item_save_attachment,
            commands::work_items::work_item_change_status,
            commands::work_items::work_items_change_status,
            commands::work_items::work_item_history_add,
            commands::work_items::work_item_history,
            commands::transaction_bridge::bridge_operations,
            commands::transaction_bridge::bridge_reload_operations,
            commands::transaction_bridge::bridge_run,
            commands::transaction_bridge::bridge_home,
            commands::transaction_bridge::bridge_log_on,
            commands::transaction_bridge::bridge_logout,
            commands::transaction_bridge::bridge_call_log,
            commands::transaction_bridge::bridge_call_log_clear,
            commands::transaction_bridge::bridge_variants,
            commands::transaction_bridge::bridge_variant_save,
            commands::transaction_bridge::bridge_variant_delete,
            commands::transaction_bridge::bridge_mass_run_check,
            commands::transaction_bridge::bridge_mass_run_start,
            commands::transaction_bridge::bridge_mass_run,
            commands::transaction_bridge::bridge_mass_run_resume,
            commands::transaction_bridge::bridge_mass_run_retry,
            commands::transaction_bridge::bridge_mass_run_edit_row,
            commands::transaction_bridge::bridge_mass_run_stop,
            commands::transaction_bridge::bridge_mass_run_export,
            commands::cloud_integration::cpi_packages,
            commands::cloud_integration::cpi_package,
            commands::cloud_integration::cpi_package_create,
            commands::cloud_integration::cpi_package_delete,
            commands::cloud_integration::cpi_package_artifacts,
            commands::cloud_integration::cpi_artifact,
            commands::cloud_integration::cpi_package_save,
            commands::cloud_integration::cpi_artifact_save,
            commands::cloud_integration::cpi_configurations,
            commands::cloud_integration::cpi_configurations_update,
            commands::cloud_integration::cpi_deploy,
            commands::cloud_integration::cpi_runtime_artifacts,
            commands::cloud_integration::cpi_runtime_artifact,
            commands::cloud_integration::cpi_runtime_error,
            commands::cloud_integration::cpi_undeploy,
            commands::cloud_integration::cpi_service_endpoints,
            commands::cloud_integration::cpi_messages,
            commands::cloud_integration::cpi_message_counts,
            commands::cloud_integration::cpi_message,
            commands::cloud_integration::cpi_attachment_content,
            commands::cloud_integration::cpi_attachment_save,
            commands::cloud_integration::cpi_store_entry_content,
            commands::cloud_integration::cpi_store_entry_save,
            commands::cloud_integration::cpi_messages_export_csv,
            commands::cloud_integration::cpi_partners,
            commands::cloud_integration::cpi_partner_delete,
            commands::cloud_integration::cpi_string_parameters,
            commands::cloud_integration::cpi_string_parameter_save,
            commands::cloud_integration::cpi_string_parameter_delete,
            commands::cloud_integration::cpi_binary_parameters,
            commands::cloud_integration::cpi_binary_parameter_upload,
            commands::cloud_integration::cpi_binary_parameter_save_text,
            commands::cloud_integration::cpi_binary_parameter_download,
            commands::cloud_integration::cpi_binary_parameter_delete,
            commands::cloud_integration::cpi_user_credentials,
            commands::cloud_integration::cpi_secure_parameters,
            commands::cloud_integration::cpi_oauth2_client_credentials,
            commands::cloud_integration::cpi_keystore_entries,
            commands::cloud_integration::cpi_log_files,
            commands::cloud_integration::cpi_log_file_save,
        ]
    };
}

/// Every command, for the invoke handler and the generated TypeScript.
pub fn specta_builder<R: Runtime>() -> Builder<R> {
    let mut types = Types::default();
    let _ = app_commands!(collect_functions)(&mut types);
    bindings::allow_lenient_deserializers(&mut types);
    Builder::<R>::new()
        .disable_serde_phases()
        .types(&types)
        .commands(app_commands!(collect_commands))
}

/// Writes the TypeScript bindings (types + typed command wrappers) to `path`.
pub fn export_bindings(path: &Path) -> Result<(), String> {
    specta_builder::<tauri::Wry>()
        .export(bindings::exporter(), path)
        .map_err(|error| error.to_string())
}

/// Where the app keeps its data and secrets. The defaults are the real ones; tests override.
#[derive(Default)]
pub struct StartOptions {
    /// Absolute path of the store file (default: `agent-desk.json` in the app data folder).
    pub store_path: Option<PathBuf>,
    /// Secret store to use instead of probing the OS keyring.
    pub secrets: Option<Arc<dyn SecretStore>>,
    /// Tell the user in a native dialog and quit when the back end cannot start (the desktop
    /// app); tests leave it off and read the failure from the commands instead.
    pub quit_on_start_failure: bool,
}

/// Loads profiles and jobs, picks the secret store, starts the sandbox, and manages the state.
/// Never fails on the store file's content: a damaged file is kept aside, and a file this
/// version must not write (too new, held by another instance) leaves the app on an error screen
/// with its documents in memory only.
pub fn initialize<R: Runtime>(app: &AppHandle<R>, options: StartOptions) -> Result<(), String> {
    let started = std::time::Instant::now();
    let path = match options.store_path {
        Some(path) => path,
        None => app
            .path()
            .app_data_dir()
            .map_err(|error| error.to_string())?
            .join(STORE_FILE),
    };
    let (file, outcome) = StoreFile::open(&path).map_err(|error| error.to_string())?;
    let mut status = StoreStatus::from_outcome(&file, &outcome);
    let (secrets, keyring) = match options.secrets {
        Some(secrets) => (
            secrets,
            KeyringStatus {
                available: true,
                message: None,
            },
        ),
        None => choose_secret_store(),
    };
    let profiles_doc = document_for(&status, &file, PROFILES_KEY);
    let (book, skipped) = match ProfileBook::open(profiles_doc, secrets.clone()) {
        Ok(opened) => opened,
        Err(error) => {
            // The profiles key holds something that is no profile list: touch nothing.
            tracing::error!(%error, "the stored profiles cannot be read");
            status.blocked = Some(StoreBlocked::Unreadable {
                message: error.to_string(),
            });
            ProfileBook::open(Box::new(MemoryDocumentStore::default()), secrets)
                .map_err(|error| error.to_string())?
        }
    };
    let jobs = Arc::new(JobRegistry::open(document_for(&status, &file, JOBS_KEY)));
    let status_history = StatusHistory::open(document_for(&status, &file, STATUS_HISTORY_KEY));
    let runs_dir = path.parent().map_or_else(
        || PathBuf::from(MASS_RUNS_FOLDER),
        |dir| dir.join(MASS_RUNS_FOLDER),
    );
    let bridge = BridgeHub::new(runs_dir, document_for(&status, &file, BRIDGE_VARIANTS_KEY));
    status.skipped = skipped
        .into_iter()
        .chain(jobs.skipped().iter().cloned())
        .chain(status_history.skipped().iter().cloned())
        .collect();
    for problem in &status.skipped {
        tracing::warn!(%problem, "a stored entry could not be read; it is kept in the file");
    }
    let store_ready = started.elapsed();
    let sandbox = if status.blocked.is_some() {
        SandboxSystem::not_started("the store file cannot be used")
    } else {
        let sandbox_doc = document_for(&status, &file, SANDBOX_KEY);
        tauri::async_runtime::block_on(SandboxSystem::start(&book, &*sandbox_doc))
    };
    tracing::info!(
        store_and_keyring_ms = store_ready.as_millis(),
        sandbox_ms = (started.elapsed() - store_ready).as_millis(),
        "back end ready"
    );
    app.manage(AppStore {
        file,
        status: std::sync::Mutex::new(status),
    });
    app.manage(AppState {
        book,
        keyring,
        sessions: SessionPool::default(),
        jobs,
        status_history,
        bridge,
        sandbox,
        files: FileGrants::default(),
        imported_secrets: Default::default(),
    });
    Ok(())
}

/// The file's document for `key`, or one in memory when the file must not be written.
fn document_for(
    status: &StoreStatus,
    file: &Arc<StoreFile>,
    key: &'static str,
) -> Box<dyn DocumentStore> {
    if status.blocked.is_some() {
        Box::new(MemoryDocumentStore::default())
    } else {
        Box::new(file.document(key))
    }
}

/// The OS keyring when it answers; otherwise secrets live in memory for this session only.
fn choose_secret_store() -> (Arc<dyn SecretStore>, KeyringStatus) {
    let keyring = KeyringSecretStore::new(KEYRING_SERVICE);
    match keyring.probe() {
        Ok(()) => (
            Arc::new(keyring),
            KeyringStatus {
                available: true,
                message: None,
            },
        ),
        Err(error) => {
            tracing::warn!(%error, "OS keyring unavailable: passwords are kept for this session only");
            (
                Arc::new(MemorySecretStore::new()),
                KeyringStatus {
                    available: false,
                    message: Some(error.to_string()),
                },
            )
        }
    }
}

/// Registers plugins and commands on a builder (shared by `run` and the IPC tests).
/// The back end starts on its own thread so that the window does not wait for it; commands
/// sent meanwhile wait at the [`BackEndGate`].
pub fn app_builder<R: Runtime>(
    builder: tauri::Builder<R>,
    options: StartOptions,
) -> tauri::Builder<R> {
    let specta = specta_builder::<R>();
    let gate = Arc::new(BackEndGate::default());
    let gated = gated_handler(
        specta.invoke_handler(),
        gate.clone(),
        command_names::APP_COMMANDS,
    );
    let trim = Arc::new(memory_trim::TrimWhenQuiet::default());
    let invoke_handler = move |invoke| {
        trim.command_invoked();
        gated(invoke)
    };
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(gate.clone())
        .invoke_handler(invoke_handler)
        .setup(move |app| {
            specta.mount_events(app);
            let handle = app.handle().clone();
            std::thread::Builder::new()
                .name("back end start".to_owned())
                .spawn(move || start_back_end(&handle, options, &gate))?;
            Ok(())
        })
}

fn start_back_end<R: Runtime>(app: &AppHandle<R>, options: StartOptions, gate: &BackEndGate) {
    let quit_on_failure = options.quit_on_start_failure;
    let outcome = initialize(app, options);
    if let Err(error) = &outcome {
        tracing::error!(%error, "Agent Desk cannot start its back end");
        if quit_on_failure {
            use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
            app.dialog()
                .message(format!("Agent Desk cannot start: {error}"))
                .title("Agent Desk")
                .kind(MessageDialogKind::Error)
                .blocking_show();
            app.exit(1);
        }
    }
    gate.finish(outcome);
}

pub fn run() {
    // RUST_LOG or these defaults; the cookie store's secret-bearing logging stays at warn.
    sap_http::logging::init("info,tao=warn,wry=warn");
    #[cfg(target_os = "linux")]
    webkitgtk::apply();
    let mut context = tauri::generate_context!();
    let outcome = if std::env::var_os("AGENT_DESK_BENCH_BLANK").is_some() {
        // The start-up benchmark's baseline: an empty page in the same binary and webview,
        // without the app's back end.
        if let Some(window) = context.config_mut().app.windows.first_mut() {
            window.url = tauri::WebviewUrl::App("bench-blank.html".into());
        }
        tauri::Builder::default().run(context)
    } else {
        let options = StartOptions {
            quit_on_start_failure: true,
            ..StartOptions::default()
        };
        app_builder(tauri::Builder::default(), options)
            .build(context)
            .map(|app| app.run(log_out_on_exit))
    };
    if let Err(error) = outcome {
        tracing::error!(%error, "Agent Desk stopped with an error");
        std::process::exit(1);
    }
}

/// Quitting ends the open transaction bridge sessions (`Logout`), waiting a few seconds at most.
fn log_out_on_exit<R: Runtime>(app: &AppHandle<R>, event: tauri::RunEvent) {
    if !matches!(event, tauri::RunEvent::Exit) {
        return;
    }
    if let Some(state) = app.try_state::<AppState>() {
        tauri::async_runtime::block_on(async {
            if tokio::time::timeout(LOGOUT_ON_QUIT, state.bridge.logout_all())
                .await
                .is_err()
            {
                tracing::warn!("the bridges did not answer Logout in time");
            }
        });
    }
}

#[cfg(test)]
mod acl {
    macro_rules! stringify_commands {
        ($($path:path),* $(,)?) => { [$(stringify!($path)),*] };
    }

    /// The ACL names every registered command, and the window's capability allows each one.
    #[test]
    fn every_command_is_under_the_acl_and_allowed_by_the_capability() {
        // `module::command`, or `module::command::<tauri::Wry>` for one generic over the runtime.
        let registered: Vec<String> = app_commands!(stringify_commands)
            .iter()
            .map(|path| {
                let path = path.split('<').next().unwrap_or(path).trim();
                let path = path.trim_end_matches("::").trim();
                path.rsplit("::").next().unwrap_or(path).trim().to_owned()
            })
            .collect();
        assert_eq!(registered, super::command_names::APP_COMMANDS);

        let capability: serde_json::Value =
            serde_json::from_str(include_str!("capabilities/default.json")).unwrap();
        let allowed: Vec<&str> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .collect();
        for command in super::command_names::APP_COMMANDS {
            let permission = format!("allow-{}", command.replace('_', "-"));
            assert!(
                allowed.contains(&permission.as_str()),
                "capability lacks {permission}"
            );
        }
    }
}
