//! The store file through the app: damaged, too new, held by another instance, entries this
//! version cannot read, and the backup. Real files in a temp folder, commands as the UI calls them.

use std::sync::Arc;

use profiles::MemorySecretStore;
use serde_json::{json, Value};

mod support;

use support::{start_in, TestApp};

fn draft(name: &str) -> Value {
    json!({
        "settings": {
            "display_name": name,
            "service_kind": "abapgit_agent",
            "base_url": "https://dev.example.com:44300",
            "client": "100",
            "language": "EN",
            "user": "DEVELOPER",
            "auth": "basic",
            "tls": {"extra_ca_file": null, "insecure": false},
            "proxy": {"mode": "none"},
            "timeouts": {"connect_seconds": 5, "request_seconds": 30},
            "git_username": ""
        },
        "password": {"action": "set", "value": "pw"},
        "git_token": {"action": "keep"}
    })
}

/// Starts the app on a folder whose store file holds `contents`.
fn start_on(contents: &[u8]) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("agent-desk.json"), contents).unwrap();
    start_in(dir, Some(Arc::new(MemorySecretStore::new())))
}

fn names(app: &TestApp) -> Vec<String> {
    let list = app.invoke("profiles_list", json!({})).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["profile"]["settings"]["display_name"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

fn saved_profile(name: &str) -> Value {
    let settings = draft(name)["settings"].clone();
    json!({"id": format!("id-{name}"), "is_demo": false, "settings": settings})
}

#[test]
fn a_garbled_store_file_is_kept_aside_and_reported() {
    let garbled = br#"{"profiles":{"schema_version":1,"profiles":[{"id":"x","set"#;
    let app = start_on(garbled);
    let status = app.invoke("store_status", json!({})).unwrap();
    assert_eq!(status["blocked"], Value::Null, "{status}");
    let kept = status["damaged"]["kept_path"].as_str().expect("damaged");
    assert!(kept.contains("agent-desk.json.damaged-"), "{kept}");
    assert_eq!(std::fs::read(kept).unwrap(), garbled, "kept byte for byte");
    assert!(status["damaged"]["reason"]
        .as_str()
        .unwrap()
        .contains("JSON"));

    app.invoke("profile_create", json!({"draft": draft("After")}))
        .unwrap();
    assert_eq!(std::fs::read(kept).unwrap(), garbled, "never overwritten");
    assert!(app.store_file().contains("After"));
}

#[test]
fn a_store_from_a_newer_version_blocks_the_app_and_is_never_written() {
    let newer = json!({"profiles": {"schema_version": 9, "profiles": [saved_profile("Future")]},
        "jobs": [], "sandbox": {}})
    .to_string();
    let app = start_on(newer.as_bytes());
    let status = app.invoke("store_status", json!({})).unwrap();
    assert_eq!(
        status["blocked"],
        json!({"reason": "too_new", "version": 9})
    );
    let _ = app.invoke("profile_create", json!({"draft": draft("Now")}));
    assert_eq!(app.store_file(), newer, "the file is untouched");
    let folder: Vec<_> = std::fs::read_dir(app.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".lock"))
        .collect();
    assert_eq!(folder, vec!["agent-desk.json"], "no backup, no temp file");
}

#[test]
fn a_second_app_on_the_same_folder_is_refused_and_cannot_clobber_the_first() {
    let first = start_on(b"{}");
    first
        .invoke("profile_create", json!({"draft": draft("From the first")}))
        .unwrap();
    let second = support::start_at(&first.store_path);
    let status = second.invoke("store_status", json!({})).unwrap();
    assert_eq!(status["blocked"], json!({"reason": "locked"}));
    let _ = second.invoke("profile_create", json!({"draft": draft("From the second")}));
    let file = first.store_file();
    assert!(
        file.contains("From the first") && !file.contains("From the second"),
        "{file}"
    );
}

#[test]
fn unreadable_profiles_and_jobs_are_shown_and_kept_verbatim() {
    let mut future = saved_profile("Cloud ALM");
    future["settings"]["service_kind"] = json!("cloud_alm");
    let odd_job = json!({"id": "j9", "title": "Deploy to PRD", "state": "queued_remotely"});
    let stored = json!({"profiles": {"schema_version": 1,
        "profiles": [saved_profile("DEV"), future.clone()]}, "jobs": [odd_job.clone()]});
    let app = start_on(stored.to_string().as_bytes());
    let status = app.invoke("store_status", json!({})).unwrap();
    let skipped = status["skipped"].to_string();
    assert!(
        skipped.contains("Cloud ALM") && skipped.contains("Deploy to PRD"),
        "{skipped}"
    );
    assert!(names(&app).contains(&"DEV".to_owned()));

    app.invoke("profile_create", json!({"draft": draft("QAS")}))
        .unwrap();
    let saved: Value = serde_json::from_str(&app.store_file()).unwrap();
    assert!(saved["profiles"]["profiles"]
        .as_array()
        .unwrap()
        .contains(&future));
    assert!(
        saved["jobs"].as_array().unwrap().contains(&odd_job),
        "{saved}"
    );
}

#[test]
fn the_previous_version_can_be_restored_and_the_replaced_one_is_kept() {
    let before = json!({"profiles": {"schema_version": 1, "profiles": [saved_profile("Kept")]}});
    let app = start_on(before.to_string().as_bytes());
    app.invoke("profile_create", json!({"draft": draft("Regretted")}))
        .unwrap();
    let status = app.invoke("store_status", json!({})).unwrap();
    let backup = status["backup_path"].as_str().expect("a backup");
    assert!(backup.ends_with("agent-desk.json.bak"), "{backup}");

    let replaced = app.invoke("store_restore_backup", json!({})).unwrap();
    let replaced = std::fs::read_to_string(replaced.as_str().unwrap()).unwrap();
    assert!(replaced.contains("Regretted"));
    let restored: Value = serde_json::from_str(&app.store_file()).unwrap();
    assert_eq!(restored, before);
    assert_eq!(
        app.invoke("store_status", json!({})).unwrap()["restored"],
        true
    );
    // Until the restart, nothing the app still holds in memory is written over it.
    let _ = app.invoke("profile_create", json!({"draft": draft("Too late")}));
    let restored: Value = serde_json::from_str(&app.store_file()).unwrap();
    assert_eq!(restored, before);
}

#[cfg(unix)]
#[test]
fn the_store_file_is_readable_by_the_user_only() {
    use std::os::unix::fs::PermissionsExt;
    let app = start_in(
        tempfile::tempdir().unwrap(),
        Some(Arc::new(MemorySecretStore::new())),
    );
    app.invoke("profile_create", json!({"draft": draft("DEV")}))
        .unwrap();
    let mode = std::fs::metadata(&app.store_path)
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn git_urls_with_credentials_are_refused_before_anything_is_stored() {
    let app = start_in(
        tempfile::tempdir().unwrap(),
        Some(Arc::new(MemorySecretStore::new())),
    );
    let info = app.invoke("sandbox_info", json!({})).unwrap();
    let id = info["profile_id"].clone();
    let url = "https://dev:ghp_Secr3tToken@github.com/agent-desk/abap-demo.git";
    let request = json!({"url": url, "branch": null, "transport_request": null, "files": [],
        "conflict_mode": null});
    let pull = json!({"profileId": id, "channel": "__CHANNEL__:7", "request": request});
    let error = app.invoke("agent_pull", pull).unwrap_err();
    assert_eq!(error["kind"], "validation", "{error}");
    assert_eq!(error["fields"][0]["field"], "url");
    assert!(!error.to_string().contains("ghp_Secr3tToken"));
    let import = json!({"profileId": id, "channel": "__CHANNEL__:7", "request": {"url": url}});
    assert_eq!(
        app.invoke("agent_import", import).unwrap_err()["kind"],
        "validation"
    );
    let status = json!({"profileId": id, "url": url});
    assert_eq!(
        app.invoke("agent_status", status).unwrap_err()["kind"],
        "validation"
    );
    assert_eq!(app.invoke("jobs_list", json!({})).unwrap(), json!([]));
    assert!(!app.store_file().contains("ghp_Secr3tToken"));
}
