//! The app's commands through Tauri's IPC (mock runtime), against the embedded sandbox:
//! the JSON the UI receives, errors included.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use agent_desk_lib::{app_builder, StartOptions};
use profiles::MemorySecretStore;
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct TestApp {
    // Kept alive for the webview and the sandbox.
    _app: App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    store_path: PathBuf,
    _dir: tempfile::TempDir,
}

fn start() -> TestApp {
    start_with(Some(Arc::new(MemorySecretStore::new())))
}

/// `secrets: None` makes the app probe the OS keyring as it does for users.
fn start_with(secrets: Option<Arc<MemorySecretStore>>) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let store_path = dir.path().join("agent-desk.json");
    let options = StartOptions {
        store_path: Some(store_path.clone()),
        secrets: secrets.map(|s| s as Arc<dyn profiles::SecretStore>),
    };
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
        _dir: dir,
    }
}

impl TestApp {
    /// Invokes a command as the UI would; `Ok` is the answer, `Err` the error JSON.
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
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

    fn sandbox_profile_id(&self) -> String {
        let profiles = self.invoke("profiles_list", json!({})).unwrap();
        let demo = profiles
            .as_array()
            .unwrap()
            .iter()
            .find(|view| view["profile"]["is_demo"] == json!(true))
            .expect("a Sandbox profile on first start");
        demo["profile"]["id"].as_str().unwrap().to_owned()
    }

    fn store_file(&self) -> String {
        read(&self.store_path)
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}

fn draft(name: &str, base_url: &str, client: &str, password: &str) -> Value {
    json!({
        "settings": {
            "display_name": name,
            "service_kind": "abapgit_agent",
            "base_url": base_url,
            "client": client,
            "language": "EN",
            "user": "DEVELOPER",
            "auth": "basic",
            "tls": {"extra_ca_file": null, "insecure": false},
            "proxy": {"mode": "none"},
            "timeouts": {"connect_seconds": 5, "request_seconds": 30},
            "git_username": ""
        },
        "password": {"action": "set", "value": password},
        "git_token": {"action": "keep"}
    })
}

#[test]
fn first_start_creates_a_connected_sandbox_profile() {
    let app = start();
    let profiles = app.invoke("profiles_list", json!({})).unwrap();
    let demo = &profiles[0];
    assert_eq!(demo["profile"]["settings"]["display_name"], "Sandbox");
    assert_eq!(demo["password_set"], true);
    let info = app.invoke("sandbox_info", json!({})).unwrap();
    assert_eq!(info["running"], true, "{info}");
    let base_url = demo["profile"]["settings"]["base_url"].as_str().unwrap();
    assert!(
        info["base_url"].as_str().unwrap().starts_with(base_url),
        "{info} vs {base_url}"
    );

    let id = app.sandbox_profile_id();
    let report = app
        .invoke("profile_test_connection", json!({"id": id}))
        .unwrap();
    assert_eq!(report["service_kind"], "abapgit_agent");
    assert_eq!(report["user"], "DEVELOPER");
    assert!(report["version"].is_string(), "{report}");
    assert!(report["service_url"]
        .as_str()
        .unwrap()
        .ends_with("/sap/bc/z_abapgit_agent/"));
}

#[test]
fn an_agent_command_runs_against_the_sandbox_on_the_warm_session() {
    let app = start();
    let id = app.sandbox_profile_id();
    let health = app
        .invoke("agent_health", json!({"profileId": id}))
        .unwrap();
    assert!(health["version"].is_string(), "{health}");
    let status = app
        .invoke(
            "agent_status",
            json!({"profileId": id, "url": "https://github.com/nobody/nothing.git"}),
        )
        .unwrap();
    assert!(status.is_object(), "{status}");
}

#[test]
fn invalid_profiles_come_back_as_tagged_validation_errors() {
    let app = start();
    let error = app
        .invoke(
            "profile_create",
            json!({"draft": draft("", "not a url", "12", "pw")}),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "validation", "{error}");
    let fields: Vec<&str> = error["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["display_name", "base_url", "client"]);
}

#[test]
fn unknown_profiles_are_tagged_not_found() {
    let app = start();
    let error = app
        .invoke("profile_delete", json!({"id": "no-such-profile"}))
        .unwrap_err();
    assert_eq!(error["kind"], "not_found", "{error}");
    assert_eq!(error["what"], "profile");
}

#[test]
fn a_password_never_reaches_the_store_file_or_the_ui() {
    let app = start();
    let secret = "Pw-that-must-stay-secret-42";
    let created = app
        .invoke(
            "profile_create",
            json!({"draft": draft("DEV", "https://dev.example.com:44300", "100", secret)}),
        )
        .unwrap();
    assert_eq!(created["password_set"], true);
    assert!(!created.to_string().contains(secret));

    let store = app.store_file();
    assert!(
        store.contains("dev.example.com"),
        "the profile is saved: {store}"
    );
    assert!(!store.contains(secret), "the password is in the store file");

    let listed = app.invoke("profiles_list", json!({})).unwrap().to_string();
    assert!(!listed.contains(secret));
    assert!(listed.contains("\"password_set\":true"));
}

#[test]
fn wrong_password_is_an_authentication_error_and_connection_refused_a_network_error() {
    let app = start();
    let sandbox = app.invoke("sandbox_info", json!({})).unwrap();
    let base_url = sandbox["base_url"].as_str().unwrap().trim_end_matches('/');
    let wrong = app
        .invoke(
            "profile_create",
            json!({"draft": draft("Wrong pw", base_url, "100", "not-the-password")}),
        )
        .unwrap();
    let error = app
        .invoke(
            "profile_test_connection",
            json!({"id": wrong["profile"]["id"]}),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "authentication", "{error}");
    assert_eq!(error["status"], 401);

    // A port nobody listens on (bound, then released).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let closed = app
        .invoke(
            "profile_create",
            json!({"draft": draft("Closed", &format!("http://127.0.0.1:{port}"), "100", "pw")}),
        )
        .unwrap();
    let error = app
        .invoke(
            "profile_test_connection",
            json!({"id": closed["profile"]["id"]}),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "network", "{error}");
    assert_eq!(error["phase"], "connect", "{error}");
}

#[test]
fn the_sandbox_profile_can_be_deleted_and_reset() {
    let app = start();
    // Both demo profiles (abapGit Agent and Focused Build) go, and both come back.
    for view in app
        .invoke("profiles_list", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
    {
        let id = &view["profile"]["id"];
        app.invoke("profile_delete", json!({"id": id})).unwrap();
    }
    assert_eq!(app.invoke("profiles_list", json!({})).unwrap(), json!([]));
    let reset = app.invoke("sandbox_reset_profile", json!({})).unwrap();
    assert_eq!(reset["profile"]["is_demo"], true);
    assert_eq!(
        reset["profile"]["settings"]["service_kind"],
        "abapgit_agent"
    );
    let info = app.invoke("sandbox_info", json!({})).unwrap();
    assert!(info["focused_build_profile_id"].is_string(), "{info}");
    let new_id = reset["profile"]["id"].clone();
    let report = app.invoke("profile_test_connection", json!({"id": new_id}));
    assert!(report.is_ok(), "{report:?}");
}

#[test]
fn an_abapgit_agent_file_becomes_a_profile_with_its_password_in_the_secret_store() {
    let app = start();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(".abapGitAgent");
    std::fs::write(
        &file,
        r#"{"host": "vhcalnplci.example.com", "sapport": 44300, "protocol": "https",
            "client": "001", "user": "DEVELOPER", "password": "File-Pw-123",
            "language": "EN", "gitUsername": "octocat", "gitPassword": "ghp_file_token"}"#,
    )
    .unwrap();
    let view = app
        .invoke(
            "profile_import_agent_file",
            json!({"path": file.display().to_string()}),
        )
        .unwrap();
    let settings = &view["profile"]["settings"];
    assert_eq!(settings["base_url"], "https://vhcalnplci.example.com:44300");
    assert_eq!(settings["client"], "001");
    assert_eq!(settings["git_username"], "octocat");
    assert_eq!(view["password_set"], true);
    assert_eq!(view["git_token_set"], true);
    let store = app.store_file();
    assert!(
        store.contains("vhcalnplci")
            && !store.contains("File-Pw-123")
            && !store.contains("ghp_file_token")
    );

    let error = app
        .invoke(
            "profile_import_agent_file",
            json!({"path": "/nonexistent/.abapGitAgent"}),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "invalid_file", "{error}");
}

/// Without a session bus the OS keyring is unreachable: the app says so, keeps passwords for
/// the session, and the sandbox still connects.
#[cfg(target_os = "linux")]
#[test]
fn without_a_keyring_passwords_are_kept_for_the_session_only() {
    // Only this test probes the real keyring; the others use an in-memory store.
    std::env::set_var(
        "DBUS_SESSION_BUS_ADDRESS",
        "unix:path=/nonexistent/agent-desk-test-bus",
    );
    let app = start_with(None);
    let status = app.invoke("keyring_status", json!({})).unwrap();
    assert_eq!(status["available"], false, "{status}");
    assert!(
        status["message"].as_str().unwrap().contains("unavailable"),
        "{status}"
    );

    let id = app.sandbox_profile_id();
    let report = app.invoke("profile_test_connection", json!({"id": id}));
    assert!(report.is_ok(), "{report:?}");
    let created = app
        .invoke(
            "profile_create",
            json!({"draft": draft("DEV", "https://dev.example.com", "100", "session-pw")}),
        )
        .unwrap();
    assert_eq!(created["password_set"], true);
    assert!(!app.store_file().contains("session-pw"));
}

/// The "Sandbox (Focused Build)" demo profile reaches the embedded Focused Build service:
/// list, read, comment, status change (done and refused), attachment upload and download.
#[test]
fn work_items_are_read_and_changed_through_the_focused_build_sandbox_profile() {
    let app = start();
    let info = app.invoke("sandbox_info", json!({})).unwrap();
    let id = info["focused_build_profile_id"]
        .as_str()
        .unwrap_or_else(|| panic!("no Focused Build demo profile: {info}"))
        .to_owned();
    let profiles = app.invoke("profiles_list", json!({})).unwrap();
    let profile = profiles
        .as_array()
        .unwrap()
        .iter()
        .find(|view| view["profile"]["id"] == json!(id))
        .unwrap();
    assert_eq!(
        profile["profile"]["settings"]["service_kind"],
        "focused_build"
    );
    assert_eq!(
        profile["profile"]["settings"]["display_name"],
        "Sandbox (Focused Build)"
    );
    assert_eq!(profile["password_set"], true);

    let items = app
        .invoke("work_items_list", json!({"profileId": id, "top": null}))
        .unwrap();
    let items = items.as_array().unwrap();
    assert!(items.len() > 10, "{items:?}");
    // A normal change "In Development" (E0002) may go "To Be Tested" (E0004), not back to "Created".
    let in_development = items
        .iter()
        .find(|item| item["process_type"] == "S1MJ" && item["status"]["code"] == "E0002")
        .unwrap();
    let guid = in_development["guid"].as_str().unwrap().to_owned();

    let item = app
        .invoke(
            "work_item_get",
            json!({"profileId": id, "guid": guid.to_uppercase()}),
        )
        .unwrap();
    assert_eq!(item["description"], in_development["description"]);
    assert!(
        item["texts"].is_array() && item["categories"].is_array(),
        "{item}"
    );

    let added = app
        .invoke(
            "work_item_add_text",
            json!({"profileId": id, "guid": guid, "text": {"text_type": null, "content": "Reviewed in the IPC test", "is_rich_text": false}}),
        )
        .unwrap();
    assert_eq!(added["text_type"], "S105", "{added}");
    let texts = app
        .invoke("work_item_texts", json!({"profileId": id, "guid": guid}))
        .unwrap();
    assert!(texts.to_string().contains("Reviewed in the IPC test"));

    let changed = app
        .invoke(
            "work_item_change_status",
            json!({"profileId": id, "guid": guid, "userStatus": "E0004"}),
        )
        .unwrap();
    assert_eq!(changed["status"]["code"], "E0004", "{changed}");
    let outcomes = app
        .invoke(
            "work_items_change_status",
            json!({"profileId": id, "concurrency": 2, "requests": [
                {"guid": guid, "user_status": "E0015"},
                {"guid": "00000000-0000-0000-0000-000000000000", "user_status": "E0004"}
            ]}),
        )
        .unwrap();
    assert_eq!(outcomes[0]["result"]["outcome"], "refused", "{outcomes}");
    assert!(
        outcomes[0]["result"]["reason"]
            .as_str()
            .unwrap()
            .contains("not allowed"),
        "{outcomes}"
    );
    assert_ne!(outcomes[1]["result"]["outcome"], "done", "{outcomes}");

    let dir = tempfile::tempdir().unwrap();
    let upload = dir.path().join("test-evidence.txt");
    std::fs::write(&upload, "evidence from the IPC test\n").unwrap();
    let attachment = app
        .invoke(
            "work_item_attach_file",
            json!({"profileId": id, "guid": guid, "path": upload.display().to_string(), "mimeType": null}),
        )
        .unwrap();
    assert_eq!(attachment["file_name"], "test-evidence.txt");
    let saved_path = dir.path().join("downloaded.txt");
    let saved = app
        .invoke(
            "work_item_save_attachment",
            json!({"profileId": id, "guid": guid, "documentId": attachment["document_id"], "path": saved_path.display().to_string()}),
        )
        .unwrap();
    assert_eq!(saved["bytes"], 27);
    assert_eq!(read(&saved_path), "evidence from the IPC test\n");

    // The abapGit Agent commands refuse the Focused Build profile, and vice versa.
    let agent_id = app.sandbox_profile_id();
    let error = app
        .invoke(
            "work_item_get",
            json!({"profileId": agent_id, "guid": guid}),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "not_found", "{error}");
}
