//! The in-memory store always runs. The OS keyring tests need a Secret Service: run them with
//! `AGENT_DESK_KEYRING_TESTS=1` inside `dbus-run-session` with an unlocked gnome-keyring
//! (see `.ci/test`); without that variable they are skipped with a message.

use profiles::{
    KeyringSecretStore, MemorySecretStore, ProfileId, SecretError, SecretKind, SecretStore,
};
use sap_http::Secret;

fn exercise(store: &dyn SecretStore) {
    let profile = ProfileId::generate();
    let other = ProfileId::generate();
    assert_eq!(store.get(&profile, SecretKind::Password).unwrap(), None);

    store
        .set(&profile, SecretKind::Password, &Secret::new("pw-1"))
        .unwrap();
    store
        .set(&profile, SecretKind::GitToken, &Secret::new("tok-1"))
        .unwrap();
    store
        .set(&profile, SecretKind::ClientSecret, &Secret::new("cs-1$=/+"))
        .unwrap();
    store
        .set(&profile, SecretKind::ApiKey, &Secret::new("key-1"))
        .unwrap();
    store
        .set(&other, SecretKind::Password, &Secret::new("pw-other"))
        .unwrap();
    assert_eq!(
        store.get(&profile, SecretKind::ClientSecret).unwrap(),
        Some(Secret::new("cs-1$=/+"))
    );
    assert_eq!(
        store.get(&profile, SecretKind::ApiKey).unwrap(),
        Some(Secret::new("key-1"))
    );
    assert_eq!(store.get(&other, SecretKind::ClientSecret).unwrap(), None);
    assert_eq!(
        store.get(&profile, SecretKind::Password).unwrap(),
        Some(Secret::new("pw-1"))
    );
    assert_eq!(
        store.get(&profile, SecretKind::GitToken).unwrap(),
        Some(Secret::new("tok-1"))
    );

    store
        .set(&profile, SecretKind::Password, &Secret::new("pw-2"))
        .unwrap();
    assert_eq!(
        store.get(&profile, SecretKind::Password).unwrap(),
        Some(Secret::new("pw-2"))
    );

    store.delete(&profile, SecretKind::Password).unwrap();
    assert_eq!(store.get(&profile, SecretKind::Password).unwrap(), None);
    store.delete(&profile, SecretKind::Password).unwrap();

    store.delete_all(&profile).unwrap();
    for kind in SecretKind::ALL {
        assert_eq!(store.get(&profile, kind).unwrap(), None, "{kind:?}");
    }
    assert_eq!(
        store.get(&other, SecretKind::Password).unwrap(),
        Some(Secret::new("pw-other"))
    );
    store.delete_all(&other).unwrap();
}

#[test]
fn memory_store_sets_gets_and_deletes_per_profile_and_kind() {
    exercise(&MemorySecretStore::new());
}

fn keyring_tests_enabled() -> bool {
    if std::env::var_os("AGENT_DESK_KEYRING_TESTS").is_some() {
        return true;
    }
    eprintln!("skipped: set AGENT_DESK_KEYRING_TESTS=1 inside a D-Bus session with gnome-keyring");
    false
}

#[test]
fn os_keyring_sets_gets_and_deletes_through_a_fresh_entry_each_time() {
    if !keyring_tests_enabled() {
        return;
    }
    let store = KeyringSecretStore::new("agent-desk-tests");
    store
        .probe()
        .expect("the keyring should be reachable in this session");
    exercise(&store);
}

#[test]
fn os_keyring_is_unavailable_without_a_session_bus() {
    if !keyring_tests_enabled() {
        return;
    }
    // Only this test's child process loses the bus: run ourselves again without it.
    if std::env::var_os("AGENT_DESK_KEYRING_NO_BUS_CHILD").is_some() {
        let store = KeyringSecretStore::new("agent-desk-tests");
        let outcome = store.get(&ProfileId::generate(), SecretKind::Password);
        assert!(
            matches!(outcome, Err(SecretError::Unavailable(_))),
            "{outcome:?}"
        );
        assert!(matches!(store.probe(), Err(SecretError::Unavailable(_))));
        return;
    }
    let exe = std::env::current_exe().unwrap();
    let status = std::process::Command::new(exe)
        .args([
            "--exact",
            "os_keyring_is_unavailable_without_a_session_bus",
            "--nocapture",
        ])
        .env("AGENT_DESK_KEYRING_NO_BUS_CHILD", "1")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/agent-desk-no-bus",
        )
        .status()
        .unwrap();
    assert!(status.success(), "the child test failed");
}
