use std::sync::Arc;

use profiles::{
    BookError, FileDocumentStore, MemorySecretStore, ProfileBook, ProfileDraft, ProfileSettings,
    ProxySettings, SecretKind, SecretStore, SecretUpdate, ServiceKind, Timeouts,
};

fn draft(password: &str) -> ProfileDraft {
    ProfileDraft {
        settings: ProfileSettings {
            display_name: " DEV ".to_owned(),
            service_kind: ServiceKind::AbapgitAgent,
            base_url: "https://dev.example.com:44300".to_owned(),
            client: "100".to_owned(),
            language: "en".to_owned(),
            user: "DEVELOPER".to_owned(),
            auth: Default::default(),
            tls: Default::default(),
            proxy: ProxySettings::None,
            timeouts: Timeouts::default(),
            git_username: String::new(),
            oauth: Default::default(),
            app_ids: Vec::new(),
        },
        password: SecretUpdate::Set {
            value: password.to_owned(),
        },
        git_token: SecretUpdate::Set {
            value: "ghp_token_value".to_owned(),
        },
        client_secret: SecretUpdate::Keep,
        api_key: SecretUpdate::Keep,
    }
}

fn open(path: &std::path::Path, secrets: Arc<MemorySecretStore>) -> ProfileBook {
    let (book, skipped) =
        ProfileBook::open(Box::new(FileDocumentStore::new(path)), secrets).unwrap();
    assert!(skipped.is_empty());
    book
}

#[test]
fn secrets_never_reach_the_document_file_and_views_show_only_flags() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("profiles.json");
    let secrets = Arc::new(MemorySecretStore::new());
    let book = open(&path, secrets.clone());

    let view = book.create(draft("Sup3r-Secret-Pw")).unwrap();
    assert!(view.password_set && view.git_token_set);
    assert_eq!(view.profile.settings.display_name, "DEV");
    assert_eq!(view.profile.settings.language, "EN");

    let file = std::fs::read_to_string(&path).unwrap();
    assert!(file.contains("dev.example.com"), "{file}");
    assert!(
        !file.contains("Sup3r-Secret-Pw") && !file.contains("ghp_token_value"),
        "{file}"
    );
    let listed = serde_json::to_string(&book.list().unwrap()).unwrap();
    assert!(!listed.contains("Sup3r-Secret-Pw") && !listed.contains("ghp_token_value"));
    assert!(listed.contains("\"password_set\":true"), "{listed}");
    assert!(!book.export_json().unwrap().contains("Sup3r-Secret-Pw"));

    // The profile comes back after a restart, its password from the secret store.
    drop(book);
    let reopened = open(&path, secrets);
    let listed = reopened.list().unwrap();
    assert_eq!(listed.len(), 1);
    let secret = reopened
        .secret(&listed[0].profile.id, SecretKind::Password)
        .unwrap();
    assert_eq!(secret.unwrap().expose(), "Sup3r-Secret-Pw");
}

#[test]
fn invalid_drafts_are_rejected_with_field_errors_and_nothing_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("profiles.json");
    let secrets = Arc::new(MemorySecretStore::new());
    let book = open(&path, secrets);
    let mut bad = draft("pw");
    bad.settings.client = "1".to_owned();
    match book.create(bad) {
        Err(BookError::Validation(errors)) => assert_eq!(errors[0].field, "client"),
        other => panic!("expected validation errors, got {other:?}"),
    }
    assert!(book.list().unwrap().is_empty());
    assert!(!path.exists());
}

#[test]
fn update_keeps_or_clears_secrets_as_asked() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let book = open(&dir.path().join("p.json"), secrets.clone());
    let id = book.create(draft("pw")).unwrap().profile.id;

    let mut keep = draft("unused");
    keep.password = SecretUpdate::Keep;
    keep.git_token = SecretUpdate::Clear;
    keep.settings.display_name = "DEV renamed".to_owned();
    let view = book.update(&id, keep).unwrap();
    assert_eq!(view.profile.settings.display_name, "DEV renamed");
    assert!(view.password_set);
    assert!(!view.git_token_set);
    assert_eq!(
        secrets
            .get(&id, SecretKind::Password)
            .unwrap()
            .unwrap()
            .expose(),
        "pw"
    );
}

#[test]
fn duplicate_copies_secrets_and_delete_removes_them() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let book = open(&dir.path().join("p.json"), secrets.clone());
    let id = book.create(draft("pw")).unwrap().profile.id;
    let copy = book.duplicate(&id).unwrap();
    assert_ne!(copy.profile.id, id);
    assert_eq!(copy.profile.settings.display_name, "DEV (copy)");
    assert!(copy.password_set);

    book.delete(&id).unwrap();
    assert_eq!(secrets.get(&id, SecretKind::Password).unwrap(), None);
    assert_eq!(secrets.get(&id, SecretKind::GitToken).unwrap(), None);
    assert!(secrets
        .get(&copy.profile.id, SecretKind::Password)
        .unwrap()
        .is_some());
    assert!(matches!(book.delete(&id), Err(BookError::NotFound(_))));
    assert_eq!(book.list().unwrap().len(), 1);
}

#[test]
fn an_unreadable_profile_is_reported_and_written_back_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("profiles.json");
    let newer = serde_json::json!({
        "id": "0f0f", "is_demo": false,
        "settings": {"display_name": "From 2.0", "service_kind": "cloud_alm", "future": [1, 2]}
    });
    let stored = serde_json::json!({"schema_version": 1, "profiles": [newer.clone()]});
    std::fs::write(&path, stored.to_string()).unwrap();

    let (book, skipped) = ProfileBook::open(
        Box::new(FileDocumentStore::new(&path)),
        Arc::new(MemorySecretStore::new()),
    )
    .unwrap();
    assert_eq!(skipped.len(), 1);
    assert!(skipped[0].contains("\"From 2.0\""), "{skipped:?}");
    let untouched: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(untouched, stored, "opening alone writes nothing");

    book.create(draft("pw")).unwrap();
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let profiles = saved["profiles"].as_array().unwrap();
    assert_eq!(profiles.len(), 2);
    assert!(profiles.contains(&newer), "{saved}");
    assert_eq!(book.list().unwrap().len(), 1);
}

/// A document store whose saves fail from a given moment on (a full disk, a read-only folder).
struct FailingSaves {
    inner: profiles::MemoryDocumentStore,
    fail: std::sync::atomic::AtomicBool,
}

impl profiles::DocumentStore for FailingSaves {
    fn load(&self) -> Result<serde_json::Value, String> {
        self.inner.load()
    }
    fn save(&self, document: &serde_json::Value) -> Result<(), String> {
        if self.fail.load(std::sync::atomic::Ordering::SeqCst) {
            return Err("disk full".into());
        }
        self.inner.save(document)
    }
}

#[test]
fn secrets_change_only_after_the_document_is_saved() {
    let store = Arc::new(FailingSaves {
        inner: Default::default(),
        fail: false.into(),
    });
    struct Shared(Arc<FailingSaves>);
    impl profiles::DocumentStore for Shared {
        fn load(&self) -> Result<serde_json::Value, String> {
            self.0.load()
        }
        fn save(&self, document: &serde_json::Value) -> Result<(), String> {
            self.0.save(document)
        }
    }
    let secrets = Arc::new(MemorySecretStore::new());
    let (book, _) = ProfileBook::open(Box::new(Shared(store.clone())), secrets.clone()).unwrap();
    let view = book.create(draft("old-password")).unwrap();
    let id = view.profile.id.clone();

    store.fail.store(true, std::sync::atomic::Ordering::SeqCst);
    let mut changed = draft("new-password");
    changed.settings.base_url = "https://other.example.com".into();
    assert!(matches!(
        book.update(&id, changed),
        Err(BookError::Storage(_))
    ));
    let password = secrets.get(&id, SecretKind::Password).unwrap().unwrap();
    assert_eq!(
        password.expose(),
        "old-password",
        "the failed save kept the old password"
    );
    assert!(matches!(
        book.create(draft("orphan")),
        Err(BookError::Storage(_))
    ));
    assert_eq!(book.list().unwrap().len(), 1);
    assert!(matches!(book.delete(&id), Err(BookError::Storage(_))));
    assert!(
        secrets.get(&id, SecretKind::Password).unwrap().is_some(),
        "still there with its profile"
    );
}

/// A stored password was given for one host: moving the profile to another host must not
/// send it there unless the user types it again.
#[test]
fn a_new_host_needs_the_password_again() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let book = open(&dir.path().join("p.json"), secrets.clone());
    let id = book.create(draft("pw")).unwrap().profile.id;

    for moved in [
        "https://DEV.example.com:44300/sap/other",
        "https://evil.example.com:44300",
        "https://dev.example.com:44301",
    ] {
        let mut keep = draft("unused");
        keep.password = SecretUpdate::Keep;
        keep.git_token = SecretUpdate::Keep;
        keep.settings.base_url = moved.to_owned();
        let outcome = book.update(&id, keep);
        if moved.starts_with("https://DEV") {
            // Same host and port (case and path do not matter): the password stays.
            assert!(outcome.is_ok(), "{moved}: {outcome:?}");
            continue;
        }
        let Err(BookError::Validation(errors)) = outcome else {
            panic!("{moved}: the stored password would go to a new host: {outcome:?}");
        };
        assert_eq!(errors[0].field, "password", "{moved}");
        assert!(errors[0].message.contains("enter the password again"));
        assert_eq!(
            book.get(&id).unwrap().settings.base_url,
            "https://DEV.example.com:44300/sap/other",
            "nothing saved"
        );
    }

    // With the password typed again, the move is saved.
    let mut retyped = draft("new-pw");
    retyped.git_token = SecretUpdate::Keep;
    retyped.settings.base_url = "https://qas.example.com:44300".to_owned();
    book.update(&id, retyped).unwrap();
    assert_eq!(
        secrets
            .get(&id, SecretKind::Password)
            .unwrap()
            .unwrap()
            .expose(),
        "new-pw"
    );
}
