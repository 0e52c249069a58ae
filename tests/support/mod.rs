//! The app as the IPC tests see it: started through Tauri's mock runtime with a store file in a
//! temporary folder and secrets in memory, commands invoked exactly as the UI invokes them.
//! Each test file adds the helpers of its own subject in an `impl TestApp` block.
#![allow(dead_code)] // each test file uses a part

use std::path::PathBuf;
use std::sync::Arc;

pub use agent_desk_lib::file_access::Access;
use agent_desk_lib::state::AppState;
use agent_desk_lib::{app_builder, StartOptions};
use profiles::MemorySecretStore;
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

pub struct TestApp {
    // Kept alive for the webview and the sandbox.
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    pub store_path: PathBuf,
    /// The test's own folder (store file, CA files, ...), removed when the app is dropped.
    pub dir: tempfile::TempDir,
    /// The in-memory secret store the app uses (None: the OS keyring).
    pub secrets: Option<Arc<MemorySecretStore>>,
}

pub fn start() -> TestApp {
    start_with(Some(Arc::new(MemorySecretStore::new())))
}

/// `secrets: None` makes the app probe the OS keyring as it does for users.
pub fn start_with(secrets: Option<Arc<MemorySecretStore>>) -> TestApp {
    start_in(tempfile::tempdir().unwrap(), secrets)
}

/// A second app on an existing store file (the folder stays the first app's).
pub fn start_at(store_path: &std::path::Path) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    start_on_path(
        dir,
        store_path.to_owned(),
        Some(Arc::new(MemorySecretStore::new())),
    )
}

/// Starts the app on `dir/agent-desk.json` (a test may put a store file there first).
pub fn start_in(dir: tempfile::TempDir, secrets: Option<Arc<MemorySecretStore>>) -> TestApp {
    let store_path = dir.path().join("agent-desk.json");
    start_on_path(dir, store_path, secrets)
}

fn start_on_path(
    dir: tempfile::TempDir,
    store_path: PathBuf,
    secrets: Option<Arc<MemorySecretStore>>,
) -> TestApp {
    let options = StartOptions {
        store_path: Some(store_path.clone()),
        secrets: secrets.clone().map(|s| s as Arc<dyn profiles::SecretStore>),
        ..StartOptions::default()
    };
    let app = start_unready(dir, options, secrets);
    // The back end starts on its own thread; tests that start a second app on the same
    // folder, or read the state directly, need the first one's start to have ended.
    app.back_end_started().expect("the back end started");
    app
}

/// The app right after Tauri's setup: its back end may still be starting, so commands sent
/// now wait for it as the UI's first calls do.
pub fn start_unready(
    dir: tempfile::TempDir,
    options: StartOptions,
    secrets: Option<Arc<MemorySecretStore>>,
) -> TestApp {
    let store_path = options.store_path.clone().expect("a store path");
    let mut app = app_builder(mock_builder(), options)
        .build(mock_context(noop_assets()))
        .unwrap();
    // `setup` (state, sandbox) runs on the first event-loop iteration; one iteration is all
    // these tests need, so the busy-loop the deprecation warns about cannot happen.
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    TestApp {
        _app: app,
        webview,
        store_path,
        dir,
        secrets,
    }
}

impl TestApp {
    /// Waits until the back end's start has ended, and says how.
    pub fn back_end_started(&self) -> Result<(), String> {
        self._app
            .state::<Arc<agent_desk_lib::start_gate::BackEndGate>>()
            .wait_blocking()
    }

    /// Invokes a command as the UI would; `Ok` is the answer, `Err` the error JSON.
    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.to_owned(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_owned(),
        };
        tauri::test::get_ipc_response(&self.webview, request)
            .map(|body| body.deserialize::<Value>().unwrap())
    }

    /// A handle to `path` as if the user had chosen it in the app's open (`Access::Read`) or
    /// save (`Access::Write`) dialog: the native dialog itself needs a desktop.
    pub fn picked(&self, path: impl AsRef<std::path::Path>, access: Access) -> String {
        let state = self._app.state::<AppState>();
        state.files.grant(path.as_ref().to_owned(), access).handle
    }

    /// A profile's stored password, read from the in-memory secret store.
    pub fn stored_password(&self, profile_id: &str) -> String {
        use profiles::SecretStore;
        let secrets = self.secrets.as_ref().expect("an in-memory secret store");
        let id = profiles::ProfileId(profile_id.to_owned());
        secrets
            .get(&id, profiles::SecretKind::Password)
            .unwrap()
            .expect("a stored password")
            .expose()
            .to_owned()
    }

    /// The store file as it is on disk now ("" before the first write).
    pub fn store_file(&self) -> String {
        std::fs::read_to_string(&self.store_path).unwrap_or_default()
    }
}
