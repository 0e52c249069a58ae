//! Systems saved by the app: the store file is read, never written; passwords come from the
//! OS keyring (the app's entries) or the environment.

use std::path::{Path, PathBuf};

use serde_json::json;

use crate::support::{assert_golden, temp_dir, Adesk, TestSystem, PASSWORD};

const AGENT_ID: &str = "5f0c1d2e3a4b5c6d7e8f901234567890";
const FB_ID: &str = "0123456789abcdef0123456789abcdef";

/// A store file as the app writes it, with an abapGit Agent and a Focused Build profile.
fn write_store(dir: &Path, url: &str) -> PathBuf {
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
            profile(AGENT_ID, "QA agent", "abapgit_agent", false),
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
