//! Systems saved by the app: the store file is read, never written; passwords come from the
//! OS keyring (the app's entries) or the environment.

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::support::{assert_golden, temp_dir, Adesk, TestSystem, PASSWORD};

const AGENT_ID: &str = "5f0c1d2e3a4b5c6d7e8f901234567890";
const FB_ID: &str = "0123456789abcdef0123456789abcdef";

/// A store file as the app writes it, with an abapGit Agent and a Focused Build profile.
fn write_store(dir: &Path, url: &str) -> PathBuf {
    write_store_with(dir, url, AGENT_ID)
}

fn write_store_with(dir: &Path, url: &str, agent_id: &str) -> PathBuf {
    let profile = |id: &str, name: &str, kind: &str, demo: bool| {
        json!({
            "id": id, "is_demo": demo,
            "settings": {
                "display_name": name, "service_kind": kind, "base_url": url,
                "client": "100", "language": "EN", "user": "DEVELOPER", "auth": "basic",
                "tls": {"extra_ca_file": null, "insecure": false},
                "proxy": {"mode": "none"},
                "timeouts": {"connect_seconds": 15, "request_seconds": 120},
                "git_username": ""
            }
        })
    };
    let store = json!({
        "profiles": {"schema_version": 1, "profiles": [
            profile(agent_id, "QA agent", "abapgit_agent", false),
            profile(FB_ID, "Sandbox (Focused Build)", "focused_build", true),
        ]},
        "jobs": [],
        "sandbox": {"profile_created": true}
    });
    let path = dir.join("agent-desk.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&store).unwrap()).unwrap();
    path
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn systems_lists_the_saved_systems_without_touching_the_file() {
    let dir = temp_dir();
    let store = write_store(dir.path(), "http://127.0.0.1:1");
    let before = std::fs::read(&store).unwrap();
    let run = Adesk::bare()
        .run(&["systems", "--store", store.to_str().unwrap()])
        .expect(0);
    assert!(run.stdout.starts_with("NAME"), "{}", run.stdout);
    assert!(run.stdout.contains("QA agent"), "{}", run.stdout);
    assert!(
        run.stdout.contains("Sandbox (Focused Build) (demo)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("/sap/opu/odata/SALM/EXT_DEVOPS_INTEG_SRV/"),
        "{}",
        run.stdout
    );
    let json = Adesk::bare()
        .env("ADESK_STORE", store.to_str().unwrap())
        .run(&["systems", "--json"])
        .expect(0)
        .json();
    assert_eq!(json["result"]["systems"][0]["service"], "abapgit_agent");
    assert_eq!(json["result"]["systems"][1]["demo"], true);
    assert_golden("systems", &json);
    assert_eq!(std::fs::read(&store).unwrap(), before, "read-only");
    assert_eq!(
        files_in(dir.path()),
        ["agent-desk.json"],
        "no lock, no backup"
    );
}

#[test]
fn missing_damaged_and_too_new_store_files() {
    let dir = temp_dir();
    let missing = dir.path().join("nothing").join("agent-desk.json");
    let run = Adesk::bare()
        .run(&["systems", "--store", missing.to_str().unwrap()])
        .expect(0);
    assert!(run.stdout.contains("(no such file)"), "{}", run.stdout);
    assert!(!missing.parent().unwrap().exists(), "nothing created");

    let damaged = dir.path().join("damaged.json");
    std::fs::write(&damaged, b"{\"profiles\": {\"schema_ver").unwrap();
    let run = Adesk::bare()
        .run(&["systems", "--store", damaged.to_str().unwrap()])
        .expect(2);
    assert!(
        run.stderr.contains("cannot read Agent Desk's store file"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(&damaged).unwrap(),
        b"{\"profiles\": {\"schema_ver",
        "kept as it is"
    );

    let newer = dir.path().join("newer.json");
    std::fs::write(&newer, r#"{"profiles":{"schema_version":9,"profiles":[]}}"#).unwrap();
    let run = Adesk::bare()
        .run(&["systems", "--store", newer.to_str().unwrap()])
        .expect(2);
    assert!(run.stderr.contains("newer Agent Desk"), "{}", run.stderr);
}

#[test]
fn a_saved_system_by_name_or_id_with_the_password_from_the_environment() {
    let system = TestSystem::start();
    let dir = temp_dir();
    let store = write_store(dir.path(), &system.url());
    for name in ["qa AGENT", AGENT_ID] {
        let run = Adesk::bare()
            .env("ADESK_STORE", store.to_str().unwrap())
            .env("ADESK_PASSWORD", PASSWORD)
            .run(&["--system", name, "test", "--json"])
            .expect(0)
            .json();
        assert_eq!(run["result"]["system"], "QA agent");
        assert_eq!(run["result"]["version"], "1.18.1");
        assert_golden("test", &run);
    }
    // The Focused Build profile serves the wi commands; the agent profile does not.
    Adesk::bare()
        .env("ADESK_STORE", store.to_str().unwrap())
        .env("ADESK_PASSWORD", PASSWORD)
        .run(&["-s", "Sandbox (Focused Build)", "wi", "list", "--top", "1"])
        .expect(0);
    let wrong_kind = Adesk::bare()
        .env("ADESK_STORE", store.to_str().unwrap())
        .env("ADESK_PASSWORD", PASSWORD)
        .run(&["-s", "QA agent", "wi", "list"])
        .expect(2);
    assert!(
        wrong_kind.stderr.contains("needs a Focused Build system"),
        "{}",
        wrong_kind.stderr
    );
    let unknown = Adesk::bare()
        .env("ADESK_STORE", store.to_str().unwrap())
        .run(&["-s", "PRD", "agent", "health"])
        .expect(2);
    assert!(
        unknown.stderr.contains("no system named \"PRD\""),
        "{}",
        unknown.stderr
    );
    // No keyring in this test process and no variable: a clear message, exit 3.
    let no_password = Adesk::bare()
        .env("ADESK_STORE", store.to_str().unwrap())
        .run(&["-s", "QA agent", "agent", "health"])
        .expect(3);
    assert!(
        no_password.stderr.contains("no password"),
        "{}",
        no_password.stderr
    );
    assert!(
        no_password.stderr.contains("ADESK_PASSWORD"),
        "{}",
        no_password.stderr
    );
}

/// A password saved by the app (its keyring service, the profile's id) serves the terminal.
/// Needs a Secret Service: `AGENT_DESK_KEYRING_TESTS=1` inside `dbus-run-session` with an
/// unlocked gnome-keyring, as the keyring step of `.ci/test`; skipped otherwise.
#[test]
fn a_saved_system_uses_the_password_the_app_put_in_the_keyring() {
    use profiles::{KeyringSecretStore, ProfileId, SecretKind, SecretStore};
    if std::env::var_os("AGENT_DESK_KEYRING_TESTS").is_none() {
        eprintln!(
            "skipped: set AGENT_DESK_KEYRING_TESTS=1 inside a D-Bus session with gnome-keyring"
        );
        return;
    }
    let system = TestSystem::start();
    let dir = temp_dir();
    // A fresh id: no entry of a real profile is touched.
    let id = ProfileId::generate();
    let store = write_store_with(dir.path(), &system.url(), id.as_str());
    let keyring = KeyringSecretStore::new("com.agentdesk.desktop");
    keyring
        .set(&id, SecretKind::Password, &sap_http::Secret::new(PASSWORD))
        .expect("the keyring is reachable");
    let from_keyring = Adesk::bare()
        .session_bus()
        .env("ADESK_STORE", store.to_str().unwrap())
        .run(&["-s", "QA agent", "test", "--json"]);
    // A wrong password in the keyring: exit 3, and the variable still wins over it.
    keyring
        .set(
            &id,
            SecretKind::Password,
            &sap_http::Secret::new("Wrong-in-keyring1"),
        )
        .unwrap();
    let wrong = Adesk::bare()
        .session_bus()
        .env("ADESK_STORE", store.to_str().unwrap())
        .run(&["-s", "QA agent", "agent", "health"]);
    let variable_wins = Adesk::bare()
        .session_bus()
        .env("ADESK_STORE", store.to_str().unwrap())
        .env("ADESK_PASSWORD", PASSWORD)
        .run(&["-s", "QA agent", "agent", "health"]);
    keyring.delete_all(&id).unwrap();
    assert_eq!(
        from_keyring.expect(0).json()["result"]["system"],
        "QA agent"
    );
    let wrong = wrong.expect(3);
    assert!(wrong.stderr.contains("DEVELOPER"), "{}", wrong.stderr);
    assert!(!wrong.printed().contains("Wrong-in-keyring1"));
    variable_wins.expect(0);
}
