use profiles::{migrate, MigrationError, CURRENT_SCHEMA_VERSION};
use serde_json::json;

fn stored_profile(id: &str) -> serde_json::Value {
    json!({
        "id": id,
        "is_demo": false,
        "settings": {
            "display_name": "DEV",
            "service_kind": "abapgit_agent",
            "base_url": "https://dev.example.com:44300",
            "client": "100",
            "language": "EN",
            "user": "DEVELOPER",
            "auth": "basic",
            "tls": {"extra_ca_file": null, "insecure": false, "allow_plain_http": false},
            "proxy": {"mode": "system"},
            "timeouts": {"connect_seconds": 15, "request_seconds": 120},
            "git_username": ""
        }
    })
}

#[test]
fn nothing_stored_gives_an_empty_current_document() {
    let migrated = migrate(serde_json::Value::Null).unwrap();
    assert_eq!(migrated.document.schema_version, CURRENT_SCHEMA_VERSION);
    assert!(migrated.document.profiles.is_empty());
    assert!(!migrated.changed);
}

#[test]
fn a_current_document_round_trips_unchanged() {
    let stored = json!({"schema_version": 1, "profiles": [stored_profile("a")]});
    let migrated = migrate(stored.clone()).unwrap();
    assert!(!migrated.changed);
    assert!(migrated.skipped.is_empty());
    assert_eq!(serde_json::to_value(&migrated.document).unwrap(), stored);
}

#[test]
fn an_unversioned_document_is_upgraded_and_marked_changed() {
    let migrated = migrate(json!({"profiles": [stored_profile("a")]})).unwrap();
    assert!(migrated.changed);
    assert_eq!(migrated.document.schema_version, CURRENT_SCHEMA_VERSION);
    assert_eq!(migrated.document.profiles.len(), 1);
}

#[test]
fn optional_fields_missing_from_older_saves_get_defaults() {
    let minimal = json!({"id": "m", "settings": {
        "display_name": "Old", "service_kind": "focused_build",
        "base_url": "https://fb.example.com", "user": "U"}});
    let migrated = migrate(json!({"schema_version": 1, "profiles": [minimal]})).unwrap();
    let profile = &migrated.document.profiles[0];
    assert!(!profile.is_demo);
    assert_eq!(profile.settings.client, "");
    assert_eq!(profile.settings.timeouts.request_seconds, 120);
    assert_eq!(profile.settings.proxy, profiles::ProxySettings::System);
}

#[test]
fn a_newer_schema_is_refused() {
    let error =
        migrate(json!({"schema_version": CURRENT_SCHEMA_VERSION + 1, "profiles": []})).unwrap_err();
    assert_eq!(
        error,
        MigrationError::NewerSchema {
            found: CURRENT_SCHEMA_VERSION + 1
        }
    );
}

#[test]
fn one_damaged_profile_does_not_lose_the_others() {
    let stored = json!({"schema_version": 1, "profiles": [
        stored_profile("a"),
        {"id": "broken", "settings": {"display_name": 42}},
        stored_profile("a"),
        stored_profile("b"),
    ]});
    let migrated = migrate(stored).unwrap();
    let ids: Vec<_> = migrated
        .document
        .profiles
        .iter()
        .map(|p| p.id.0.clone())
        .collect();
    assert_eq!(ids, vec!["a", "b"]);
    assert_eq!(migrated.skipped.len(), 2, "{:?}", migrated.skipped);
    assert!(migrated.skipped[0].starts_with("profile #1"));
    assert!(migrated.skipped[1].contains("duplicate id a"));
    // Kept as found, to be written back untouched: nothing to rewrite at start.
    assert_eq!(migrated.unreadable.len(), 2);
    assert_eq!(migrated.unreadable[0]["id"], "broken");
    assert!(!migrated.changed);
}

#[test]
fn garbage_is_not_a_document() {
    assert_eq!(
        migrate(json!([1, 2])).unwrap_err(),
        MigrationError::NotADocument
    );
    assert_eq!(
        migrate(json!({"schema_version": "one"})).unwrap_err(),
        MigrationError::NotADocument
    );
    assert_eq!(
        migrate(json!({"schema_version": 1, "profiles": {}})).unwrap_err(),
        MigrationError::NotADocument
    );
}
