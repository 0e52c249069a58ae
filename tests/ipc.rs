//! The app's commands through Tauri's IPC (mock runtime), against the embedded sandbox:
//! the JSON the UI receives, errors included.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};

use agent_desk_lib::StartOptions;
use profiles::{MemorySecretStore, ProfileId, SecretError, SecretKind, SecretStore};
use sap_http::Secret;

use serde_json::{json, Value};

mod support;

use support::{start, start_with, Access, TestApp};

impl TestApp {
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

/// A secret store whose first read waits until the test lets it go: the back end's start
/// (which reads the sandbox's stored password) stays in progress until then.
struct HeldSecrets {
    inner: MemorySecretStore,
    release: Mutex<Option<mpsc::Receiver<()>>>,
}

impl SecretStore for HeldSecrets {
    fn get(&self, profile: &ProfileId, kind: SecretKind) -> Result<Option<Secret>, SecretError> {
        if let Some(release) = self.release.lock().unwrap().take() {
            release.recv().ok();
        }
        self.inner.get(profile, kind)
    }
    fn set(
        &self,
        profile: &ProfileId,
        kind: SecretKind,
        value: &Secret,
    ) -> Result<(), SecretError> {
        self.inner.set(profile, kind, value)
    }
    fn delete(&self, profile: &ProfileId, kind: SecretKind) -> Result<(), SecretError> {
        self.inner.delete(profile, kind)
    }
}

#[test]
fn commands_sent_while_the_back_end_starts_wait_for_it_and_then_answer() {
    let (release, held) = mpsc::channel();
    let secrets = Arc::new(HeldSecrets {
        inner: MemorySecretStore::new(),
        release: Mutex::new(Some(held)),
    });
    let dir = tempfile::tempdir().unwrap();
    let options = StartOptions {
        store_path: Some(dir.path().join("agent-desk.json")),
        secrets: Some(secrets),
        ..StartOptions::default()
    };
    let app = support::start_unready(dir, options, None);
    let released = Arc::new(AtomicBool::new(false));
    let releaser = {
        let released = released.clone();
        std::thread::spawn(move || {
            // Long enough for the command below to reach the gate first.
            std::thread::sleep(std::time::Duration::from_millis(300));
            released.store(true, Ordering::SeqCst);
            release.send(()).unwrap();
        })
    };
    let profiles = app.invoke("profiles_list", json!({})).unwrap();
    assert!(
        released.load(Ordering::SeqCst),
        "the command answered before the back end had started"
    );
    assert_eq!(
        profiles[0]["profile"]["settings"]["display_name"],
        "Sandbox"
    );
    releaser.join().unwrap();
    assert_eq!(app.back_end_started(), Ok(()));
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
            json!({"file": app.picked(&file, Access::Read)}),
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
            json!({"file": app.picked("/nonexistent/.abapGitAgent", Access::Read)}),
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

    // The worklist reads in one $batch: each GUID answered as sent, in order, alone in its error.
    let other = items
        .iter()
        .find(|other| other["guid"] != in_development["guid"])
        .unwrap()["guid"]
        .as_str()
        .unwrap()
        .to_owned();
    let reads = app
        .invoke(
            "work_items_read",
            json!({"profileId": id, "guids": [guid.to_uppercase(), "not-a-guid", "0050568b-0000-1eda-8000-000000000000", other]}),
        )
        .unwrap();
    let reads = reads.as_array().unwrap();
    assert_eq!(reads.len(), 4, "{reads:?}");
    assert_eq!(reads[0]["status"], "ok");
    assert_eq!(reads[0]["guid"], guid.to_uppercase());
    assert_eq!(reads[0]["data"], item);
    assert_eq!(reads[1]["status"], "error");
    assert_eq!(reads[1]["guid"], "not-a-guid");
    assert_eq!(reads[1]["error"]["kind"], "config", "{}", reads[1]);
    assert_eq!(reads[2]["status"], "error");
    assert_eq!(reads[2]["error"]["kind"], "sap", "{}", reads[2]);
    assert_eq!(reads[2]["error"]["status"], 404, "{}", reads[2]);
    assert_eq!(reads[3]["status"], "ok");
    assert_eq!(reads[3]["data"]["guid"], other);

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

    // The batch's results go to the history with the time, the profile's user and system.
    let recorded = app
        .invoke(
            "work_item_history_add",
            json!({"profileId": id, "rows": [{
                "guid": guid, "work_item": in_development["object_id"], "description": "IPC",
                "from_status": "To Be Tested (E0004)", "to_status": "Handed Over to Release (E0015)",
                "result": "refused", "message": outcomes[0]["result"]["reason"]
            }]}),
        )
        .unwrap();
    assert_eq!(recorded["system"], "Sandbox (Focused Build)", "{recorded}");
    assert!(!recorded["user"].as_str().unwrap().is_empty(), "{recorded}");
    let history = app.invoke("work_item_history", json!({})).unwrap();
    assert_eq!(history[0]["id"], recorded["id"], "{history}");
    assert_eq!(history[0]["rows"][0]["result"], "refused", "{history}");
    let file = app.store_file();
    assert!(file.contains("status_history") && file.contains("Handed Over to Release (E0015)"));
    let password = app
        .secrets
        .as_ref()
        .unwrap()
        .get(&ProfileId(id.clone()), SecretKind::Password)
        .unwrap()
        .expect("the demo profile's password");
    assert!(!file.contains(password.expose()), "no secret in the store");

    let dir = tempfile::tempdir().unwrap();
    let upload = dir.path().join("test-evidence.txt");
    std::fs::write(&upload, "evidence from the IPC test\n").unwrap();
    let attachment = app
        .invoke(
            "work_item_attach_file",
            json!({"profileId": id, "guid": guid, "file": app.picked(&upload, Access::Read), "mimeType": null}),
        )
        .unwrap();
    assert_eq!(attachment["file_name"], "test-evidence.txt");
    let saved_path = dir.path().join("downloaded.txt");
    let saved = app
        .invoke(
            "work_item_save_attachment",
            json!({"profileId": id, "guid": guid, "documentId": attachment["document_id"], "file": app.picked(&saved_path, Access::Write)}),
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

/// A channel argument as the UI's `Channel` serialises it; the mock webview drops the events.
const CHANNEL: &str = "__CHANNEL__:7";

impl TestApp {
    /// The job's record once it is no longer running (pull and import are background jobs).
    fn finished_job(&self, id: &Value) -> Value {
        for _ in 0..300 {
            let jobs = self.invoke("jobs_list", json!({})).unwrap();
            let record = jobs
                .as_array()
                .unwrap()
                .iter()
                .find(|job| &job["id"] == id)
                .cloned()
                .unwrap_or_else(|| panic!("job {id} is not listed: {jobs}"));
            if record["state"] != "running" {
                return record;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        panic!("job {id} did not finish in 30 s");
    }
}

/// Local abapGit files become one `/syntax` request; checked on the sandbox, every diagnostic
/// points at the file and line it is about, including a class's companion file.
#[test]
fn local_files_are_checked_and_diagnostics_point_at_the_files() {
    let app = start();
    let id = app.sandbox_profile_id();
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, content: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        path.display().to_string()
    };
    let program = write(
        "zdesk_bad.prog.abap",
        "REPORT zdesk_bad.\r\nDATA lv_x TYPE i.\r\nlv_y = 1.\r\n",
    );
    write(
        "zdesk_bad.prog.xml",
        "<PROGDIR><SUBC>1</SUBC><FIXPT>X</FIXPT></PROGDIR>",
    );
    let class_xml = write("zcl_desk_ok.clas.xml", "<VSEOCLASS/>");
    let class_main = write(
        "zcl_desk_ok.clas.abap",
        "CLASS zcl_desk_ok DEFINITION PUBLIC.\n  PUBLIC SECTION.\n    METHODS run.\nENDCLASS.\nCLASS zcl_desk_ok IMPLEMENTATION.\n  METHOD run.\n  ENDMETHOD.\nENDCLASS.\n",
    );

    let checkout = app
        .invoke(
            "agent_checkout_files",
            json!({"files": ([&program, &class_xml, &class_main].map(|p| app.picked(p, Access::Read)))}),
        )
        .unwrap();
    let objects = checkout["request"]["objects"].as_array().unwrap();
    assert_eq!(objects.len(), 2, "two files of one class make one object");
    assert_eq!(objects[0]["object_name"], "ZDESK_BAD");
    assert_eq!(objects[0]["subc"], "1");
    assert_eq!(objects[0]["fixpt"], true);
    assert_eq!(
        objects[0]["source"],
        "REPORT zdesk_bad.\nDATA lv_x TYPE i.\nlv_y = 1.\n"
    );
    assert_eq!(objects[1]["object_type"], "CLAS");
    assert_eq!(
        checkout["source_map"]["objects"][1]["files"][0],
        json!({"role": "main", "path": class_main})
    );

    let checked = app
        .invoke(
            "agent_syntax_files",
            json!({"profileId": id, "files": ([&program, &class_main].map(|p| app.picked(p, Access::Read)))}),
        )
        .unwrap();
    assert_eq!(checked["result"]["success"], false, "{checked}");
    let diagnostics = checked["diagnostics"].as_array().unwrap();
    assert!(!diagnostics.is_empty(), "{checked}");
    for located in diagnostics {
        assert_eq!(located["object_name"], "ZDESK_BAD", "{located}");
        assert_eq!(located["location"]["path"], program.as_str(), "{located}");
    }
    assert_eq!(diagnostics[0]["diagnostic"]["severity"], "error");
    assert_eq!(diagnostics[0]["location"]["line"], 3, "{checked}");

    // A table cannot be syntax-checked from files; a missing file cannot be read.
    let table = write("zdesk_table.tabl.xml", "<DD02V/>");
    let error = app
        .invoke(
            "agent_checkout_files",
            json!({"files": [app.picked(&table, Access::Read)]}),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "invalid_file", "{error}");
    assert_eq!(error["path"], table.as_str());
    assert!(
        error["message"].as_str().unwrap().contains("TABL"),
        "{error}"
    );
    let missing = dir.path().join("zgone.prog.abap").display().to_string();
    let error = app
        .invoke(
            "agent_syntax_files",
            json!({"profileId": id, "files": [app.picked(&missing, Access::Read)]}),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "invalid_file", "{error}");
    assert_eq!(error["path"], missing.as_str());
    let error = app
        .invoke(
            "agent_checkout_files",
            json!({"files": [app.picked("notes.txt", Access::Read)]}),
        )
        .unwrap_err();
    assert_eq!(error["kind"], "invalid_file", "{error}");
}

/// The page names no path: file commands take handles from the app's own dialogs, for the
/// access they were chosen for, and refuse anything else (a path, a made-up or read handle).
#[test]
fn file_commands_take_only_handles_from_the_apps_dialogs() {
    let app = start();
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("systems.json");

    for refused in [
        json!({"file": export.display().to_string()}),
        json!({"file": "0123456789abcdef0123456789abcdef"}),
        json!({"file": app.picked(&export, Access::Read)}),
    ] {
        let error = app.invoke("profiles_export", refused).unwrap_err();
        assert_eq!(error["kind"], "invalid_file", "{error}");
        assert!(!export.exists(), "nothing written");
    }
    app.invoke(
        "profiles_export",
        json!({"file": app.picked(&export, Access::Write)}),
    )
    .unwrap();
    assert!(
        read(&export).contains("Sandbox"),
        "the export holds the profiles"
    );

    // A CA file the page typed is refused; one chosen in the dialog is checked and kept.
    let ca_file = dir.path().join("company-ca.pem");
    std::fs::write(&ca_file, "not a certificate").unwrap();
    let id = app.sandbox_profile_id();
    let profiles = app.invoke("profiles_list", json!({})).unwrap();
    let demo = profiles
        .as_array()
        .unwrap()
        .iter()
        .find(|view| view["profile"]["id"] == id.as_str())
        .unwrap()
        .clone();
    let mut settings = demo["profile"]["settings"].clone();
    settings["tls"]["extra_ca_file"] = json!(ca_file.display().to_string());
    let draft = json!({"settings": settings, "password": {"action": "keep"}, "git_token": {"action": "keep"}});
    let update = || {
        app.invoke(
            "profile_update",
            json!({"id": demo["profile"]["id"], "draft": draft}),
        )
        .unwrap_err()
    };
    let typed = update();
    assert_eq!(typed["fields"][0]["field"], "tls.extra_ca_file", "{typed}");
    assert!(
        typed["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Choose"),
        "{typed}"
    );
    app.picked(&ca_file, Access::Read);
    let chosen = update();
    assert_eq!(
        chosen["fields"][0]["field"], "tls.extra_ca_file",
        "{chosen}"
    );
    assert!(
        !chosen["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Choose"),
        "now read and judged as a certificate file: {chosen}"
    );
}

/// What `save_text_file` does after the dialog answered: the file is written (or replaced).
#[test]
fn an_export_is_written_to_the_chosen_path() {
    use agent_desk_lib::commands::files::write_text_file;

    let dir = tempfile::tempdir().unwrap();
    let chosen = dir.path().join("results.xml");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let report = "<testsuites tests=\"1\"/>\n";
    runtime.block_on(write_text_file(&chosen, "old")).unwrap();
    runtime.block_on(write_text_file(&chosen, report)).unwrap();
    assert_eq!(read(&chosen), report, "replaced, not appended");

    let error = runtime
        .block_on(write_text_file(dir.path(), report))
        .unwrap_err();
    let error = serde_json::to_value(&error).unwrap();
    assert_eq!(error["kind"], "storage", "{error}");
}

/// The app's JUnit export of a unit run: the command writes the report (built in Rust, as the
/// CLI builds it) into the file chosen in the save dialog, one testcase per test method the
/// system counted; the failed method carries the line from the test classes the UI sent.
#[test]
fn a_unit_run_is_saved_as_junit_through_a_save_handle() {
    let app = start();
    let id = app.sandbox_profile_id();
    let testclasses = "CLASS ltcl_pricing DEFINITION FOR TESTING.\nENDCLASS.\nCLASS ltcl_pricing IMPLEMENTATION.\n  METHOD discount_is_capped.\n  ENDMETHOD.\nENDCLASS.\n";
    let result = app
        .invoke(
            "agent_unit",
            json!({"profileId": id, "request": {"files": ["src/zcl_flight_pricing.clas.abap"],
                "package": null, "coverage": false},
                "testSources": [{"class_name": "ZCL_FLIGHT_PRICING", "file": null, "source": testclasses}]}),
        )
        .unwrap();
    assert_eq!(result["coverage"], Value::Null, "not asked for: {result}");
    let failure = result["failures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["method_name"] == "DISCOUNT_IS_CAPPED")
        .unwrap_or_else(|| panic!("{result}"))
        .clone();
    assert_eq!(failure["location"]["line"], 4, "{failure}");
    assert_eq!(failure["location"]["test_class"], "LTCL_PRICING");

    let dir = tempfile::tempdir().unwrap();
    let chosen = dir.path().join("abap-unit.xml");
    let run = json!({"name": "ABAP Unit on Sandbox", "timestamp": "2026-12-05T09:00:00Z"});
    let save = |file: &str| {
        app.invoke(
            "junit_save_unit",
            json!({"file": file, "run": run, "result": result, "classesUnderTest": ["ZCL_FLIGHT_PRICING"]}),
        )
    };
    let refused = save(chosen.to_str().unwrap()).unwrap_err();
    assert_eq!(
        refused["kind"], "invalid_file",
        "a path is no handle: {refused}"
    );
    assert!(!chosen.exists());
    let handle = app.picked(&chosen, Access::Write);
    assert_eq!(save(&handle).unwrap(), json!(chosen.display().to_string()));

    let xml = read(&chosen);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut tests, mut cases, mut located) = (None, Vec::new(), None);
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attribute = |name: &str| {
                    e.attributes()
                        .map(|a| a.unwrap())
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned()
                        })
                };
                match e.name().as_ref() {
                    "testsuites" => tests = attribute("tests"),
                    "testcase" => {
                        let name = attribute("name").unwrap();
                        if name == "DISCOUNT_IS_CAPPED" {
                            located = attribute("line");
                        }
                        cases.push((attribute("classname").unwrap(), name));
                    }
                    _ => {}
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(tests, Some(result["test_count"].to_string()), "{xml}");
    let checks_file = dir.path().join("checks.xml");
    let checks_handle = app.picked(&checks_file, Access::Write);
    app.invoke(
        "junit_save_checks",
        json!({"file": checks_handle, "run": run, "objects": [{"object_type": "CLAS",
            "object_name": "ZCL_X", "findings": [{"severity": "error", "text": "Field \"LV\" is unknown",
            "file": "src/zcl_x.clas.abap", "include": null, "line": 7, "column": 3}]}]}),
    )
    .unwrap();
    let checks = read(&checks_file);
    assert!(
        checks.contains(r#"file="src/zcl_x.clas.abap" line="7""#),
        "{checks}"
    );
    assert_eq!(
        cases.len() as u64,
        result["test_count"].as_u64().unwrap(),
        "{xml}"
    );
    assert!(
        cases.iter().all(|(class, _)| class == "ZCL_FLIGHT_PRICING"),
        "{xml}"
    );
    assert_eq!(located.as_deref(), Some("4"), "{xml}");
}

/// A pull's record carries a typed outcome: the `PullResult` fields plus `outcome: "pull"`.
#[test]
fn a_finished_pull_job_carries_a_typed_pull_result() {
    let app = start();
    let id = app.sandbox_profile_id();
    // A repository of the seeded system (`abap_system::DEMO_URL`).
    let url = "https://github.com/agent-desk/abap-demo.git";
    let record = app
        .invoke(
            "agent_pull",
            json!({"profileId": id, "channel": CHANNEL, "request": {"url": url, "branch": null,
                "transport_request": null, "files": [], "conflict_mode": null}}),
        )
        .unwrap();
    assert_eq!(record["kind"], "agent_pull");
    let finished = app.finished_job(&record["id"]);
    assert_eq!(finished["state"], "succeeded", "{finished}");
    let result = &finished["result"];
    assert_eq!(result["outcome"], "pull", "{result}");
    assert!(result["success"].is_boolean(), "{result}");
    assert!(result["activated_count"].is_u64(), "{result}");
    for list in ["activated_objects", "failed_objects", "log_messages"] {
        assert!(result[list].is_array(), "{list}: {result}");
    }
    assert_eq!(
        result["activated_count"].as_u64(),
        Some(result["activated_objects"].as_array().unwrap().len() as u64),
        "{result}"
    );
}

/// A pull into a transportable package is not sent without the user's transport request:
/// the command answers with a field error before anything reaches the system, the open
/// requests come from the list (customizing ones on their own), and the chosen request is
/// the one the result names. A pull from another branch ends with the conflicts per object.
#[test]
fn a_pull_into_a_transportable_package_asks_for_a_request_and_reports_conflicts() {
    let app = start();
    let id = app.sandbox_profile_id();
    // The seeded flight application (`abap_system::ZFLIGHT_URL`), package ZFLIGHT.
    let url = "https://github.com/agent-desk/zflight.git";
    let pull = |transport: Value, branch: &str, mode: Value| {
        app.invoke(
            "agent_pull",
            json!({"profileId": id, "channel": CHANNEL, "request": {"url": url, "branch": branch,
                "transport_request": transport,
                "files": ["src/core/zcl_flight_loyalty.clas.abap"], "conflict_mode": mode}}),
        )
    };
    let refused = pull(Value::Null, "main", Value::Null).unwrap_err();
    assert_eq!(refused["kind"], "validation", "{refused}");
    assert_eq!(
        refused["fields"][0]["field"], "transport_request",
        "{refused}"
    );
    assert!(
        refused["fields"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("ZFLIGHT records changes in transport requests"),
        "{refused}"
    );
    let jobs = app.invoke("jobs_list", json!({})).unwrap_or_default();
    assert!(
        jobs.as_array().is_none_or(|j| j.is_empty()),
        "no pull job was started: {jobs}"
    );

    let workbench = app
        .invoke(
            "agent_transport_list",
            json!({"profileId": id, "scope": "mine", "transportKind": null}),
        )
        .unwrap();
    let customizing = app
        .invoke(
            "agent_transport_list",
            json!({"profileId": id, "scope": "mine", "transportKind": "customizing"}),
        )
        .unwrap();
    let numbers = |answer: &Value| -> Vec<String> {
        answer["transports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["number"].as_str().unwrap().to_owned())
            .collect()
    };
    let chosen = numbers(&workbench)[0].clone();
    assert!(!numbers(&customizing).is_empty());
    assert!(numbers(&customizing)
        .iter()
        .all(|c| !numbers(&workbench).contains(c)));

    let record = pull(json!(chosen), "main", Value::Null).unwrap();
    let finished = app.finished_job(&record["id"]);
    assert_eq!(finished["state"], "succeeded", "{finished}");
    assert_eq!(finished["result"]["success"], true, "{finished}");
    assert_eq!(finished["result"]["transport_request"], json!(chosen));

    let record = app
        .invoke(
            "agent_pull",
            json!({"profileId": id, "channel": CHANNEL, "request": {"url": url,
                "branch": "develop", "transport_request": chosen, "files": [],
                "conflict_mode": "abort"}}),
        )
        .unwrap();
    let finished = app.finished_job(&record["id"]);
    let result = &finished["result"];
    assert_eq!(result["success"], false, "{finished}");
    assert_eq!(result["conflict_count"], 3, "{result}");
    let kinds: Vec<&str> = result["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["system_edit", "branch_switch", "local_edit"],
        "{result}"
    );
}

/// After playing with the sandbox, its data goes back to the seed; profiles stay.
#[test]
fn sandbox_data_is_reset_to_the_seed() {
    let app = start();
    let id = app.sandbox_profile_id();
    let view = |app: &TestApp| {
        app.invoke(
            "agent_view",
            json!({"profileId": id, "request": {"objects": ["ZDEMO_HELLO_WORLD"],
                "object_type": null, "full": false, "function_module": null}}),
        )
        .unwrap()
    };
    assert_eq!(view(&app)["objects"][0]["not_found"], false);
    let dropped = app
        .invoke(
            "agent_drop",
            json!({"profileId": id, "request": {"file": "zdemo_hello_world.prog.abap",
                "transport_request": null}}),
        )
        .unwrap();
    assert_eq!(dropped["object_name"], "ZDEMO_HELLO_WORLD", "{dropped}");
    assert_eq!(view(&app)["objects"][0]["not_found"], true);

    let info = app.invoke("sandbox_info", json!({})).unwrap();
    let work_items = info["focused_build_profile_id"].clone();
    let items = app
        .invoke(
            "work_items_list",
            json!({"profileId": work_items, "top": null}),
        )
        .unwrap();
    let guid = items[0]["guid"].clone();
    let comment = "A comment the reset removes";
    app.invoke(
        "work_item_add_text",
        json!({"profileId": work_items, "guid": guid,
            "text": {"text_type": null, "content": comment, "is_rich_text": false}}),
    )
    .unwrap();
    let texts = |app: &TestApp| {
        app.invoke(
            "work_item_texts",
            json!({"profileId": work_items, "guid": guid}),
        )
        .unwrap()
        .to_string()
    };
    assert!(texts(&app).contains(comment));

    assert_eq!(
        app.invoke("sandbox_reset_data", json!({})).unwrap(),
        Value::Null
    );

    assert_eq!(view(&app)["objects"][0]["not_found"], false);
    assert!(!texts(&app).contains(comment));
    assert_eq!(app.sandbox_profile_id(), id, "the profile is kept");
}

/// A raw HTTP/1.1 request to the sandbox (as a web page or another local program could send
/// it); answers the status code.
fn http_status(base_url: &str, request: &str) -> u16 {
    use std::io::{Read, Write};
    let address = base_url.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(30)))
        .unwrap();
    stream
        .write_all(request.replace("{host}", address).as_bytes())
        .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    answer
        .split(' ')
        .nth(1)
        .and_then(|status| status.parse().ok())
        .unwrap_or_else(|| panic!("no HTTP status in {answer:?}"))
}

/// The embedded sandbox's fault control needs a token the app never hands out: a local
/// program or a page's cross-origin POST cannot switch faults on, whatever it sends.
#[test]
fn the_embedded_sandbox_fault_control_refuses_callers_without_its_token() {
    let app = start();
    let info = app.invoke("sandbox_info", json!({})).unwrap();
    let base_url = info["base_url"].as_str().unwrap();
    assert!(!info.to_string().to_lowercase().contains("token"), "{info}");
    let body = r#"{"server_error_every":1}"#;
    let cross_origin = format!(
        "POST /sandbox/faults HTTP/1.1\r\nHost: {{host}}\r\nOrigin: http://evil.example\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    assert_eq!(http_status(base_url, &cross_origin), 401);
    let json_without_token = cross_origin.replace("text/plain", "application/json");
    assert_eq!(http_status(base_url, &json_without_token), 401);
    let read = "GET /sandbox/faults HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n";
    assert_eq!(http_status(base_url, read), 401);

    // Faults stayed off: the sandbox profile still connects.
    let id = app.sandbox_profile_id();
    let report = app.invoke("profile_test_connection", json!({"id": id}));
    assert!(report.is_ok(), "{report:?}");
}
