//! Cloud Integration and transaction bridge profiles: sign-in methods, their secrets in the
//! secret store, validation, the session each method gets, and stored documents.

use std::sync::Arc;

use profiles::{
    bridge_app_root, migrate, parse_service_key, service_root, session_config, validate,
    AuthMethod, BookError, FileDocumentStore, MemorySecretStore, OAuthSettings, ProfileBook,
    ProfileDraft, ProfileSettings, SecretKind, SecretStore, SecretUpdate, ServiceKind,
};
use sap_http::{Auth, Secret};
use serde_json::json;

const TOKEN_URL: &str = "https://acme.authentication.eu10.hana.ondemand.com/oauth/token";
const CLIENT_ID: &str = "sb-6b1a5a39!b187461|it!b117912";

fn cpi(auth: AuthMethod) -> ProfileSettings {
    let mut settings = ProfileSettings::new(
        ServiceKind::CloudIntegration,
        "https://acme.it-cpi018.cfapps.eu10-003.hana.ondemand.com/api/v1",
    );
    settings.display_name = "Acme CPI dev".into();
    settings.auth = auth;
    match auth {
        AuthMethod::Basic => settings.user = CLIENT_ID.into(),
        AuthMethod::OauthClientCredentials => {
            settings.oauth = OAuthSettings {
                token_url: TOKEN_URL.into(),
                client_id: CLIENT_ID.into(),
            }
        }
        AuthMethod::ApiKey => {
            settings.base_url = "https://sandbox.api.sap.com/cpi/api/v1".into();
        }
    }
    settings
}

fn bridge(app_ids: &[&str]) -> ProfileSettings {
    let mut settings = ProfileSettings::new(
        ServiceKind::TransactionBridge,
        "https://mobile.acme.example",
    );
    settings.display_name = "Bridge".into();
    settings.user = "CONSULTANT".into();
    settings.app_ids = app_ids.iter().map(|id| id.to_string()).collect();
    settings
}

fn draft(settings: ProfileSettings) -> ProfileDraft {
    let set = |value: &str| SecretUpdate::Set {
        value: value.to_owned(),
    };
    let auth = settings.auth;
    ProfileDraft {
        settings,
        password: if auth == AuthMethod::Basic {
            set("pw")
        } else {
            SecretUpdate::Keep
        },
        git_token: SecretUpdate::Keep,
        client_secret: if auth == AuthMethod::OauthClientCredentials {
            set("client-secret$1")
        } else {
            SecretUpdate::Keep
        },
        api_key: if auth == AuthMethod::ApiKey {
            set("hub-key")
        } else {
            SecretUpdate::Keep
        },
    }
}

fn fields(draft: &ProfileDraft) -> Vec<String> {
    validate(draft)
        .into_iter()
        .map(|error| error.field)
        .collect()
}

fn book(dir: &tempfile::TempDir, secrets: Arc<MemorySecretStore>) -> ProfileBook {
    let store = FileDocumentStore::new(dir.path().join("profiles.json"));
    ProfileBook::open(Box::new(store), secrets).unwrap().0
}

#[test]
fn every_sign_in_method_of_cloud_integration_is_valid_when_complete() {
    for auth in [
        AuthMethod::Basic,
        AuthMethod::OauthClientCredentials,
        AuthMethod::ApiKey,
    ] {
        assert_eq!(fields(&draft(cpi(auth))), Vec::<String>::new(), "{auth:?}");
    }
    assert!(fields(&draft(bridge(&["su01users"]))).is_empty());
    let mut oauth_bridge = bridge(&["su01users"]);
    oauth_bridge.auth = AuthMethod::OauthClientCredentials;
    oauth_bridge.oauth = cpi(AuthMethod::OauthClientCredentials).oauth;
    assert!(fields(&draft(oauth_bridge)).is_empty());
}

#[test]
fn oauth_fields_are_checked_where_they_are() {
    let mut settings = cpi(AuthMethod::OauthClientCredentials);
    settings.oauth = OAuthSettings::default();
    assert_eq!(
        fields(&draft(settings.clone())),
        vec!["oauth.token_url", "oauth.client_id"]
    );
    settings.oauth.token_url = "http://acme.authentication.example/oauth/token".into();
    settings.oauth.client_id = "a b".into();
    let errors = validate(&draft(settings.clone()));
    assert_eq!(errors[0].field, "oauth.token_url");
    assert!(errors[0].message.contains("unencrypted"), "{errors:?}");
    assert_eq!(errors[1].field, "oauth.client_id");
    // The user field is not asked for with OAuth or an API key.
    assert!(!fields(&draft(cpi(AuthMethod::ApiKey))).contains(&"user".to_owned()));
    let mut empty_secret = draft(cpi(AuthMethod::OauthClientCredentials));
    empty_secret.client_secret = SecretUpdate::Set { value: " ".into() };
    assert_eq!(fields(&empty_secret), vec!["client_secret"]);
}

#[test]
fn a_method_the_service_does_not_offer_is_refused() {
    let mut settings = bridge(&["su01users"]);
    settings.auth = AuthMethod::ApiKey;
    let errors = validate(&draft(settings));
    assert_eq!(errors[0].field, "auth");
    assert!(
        errors[0].message.contains("Transaction bridge"),
        "{errors:?}"
    );
    let mut agent = ProfileSettings::new(ServiceKind::AbapgitAgent, "https://h:44300");
    agent.display_name = "DEV".into();
    agent.auth = AuthMethod::OauthClientCredentials;
    assert_eq!(fields(&draft(agent)), vec!["auth"]);
}

#[test]
fn bridge_profiles_need_valid_distinct_app_ids() {
    for (ids, expected) in [
        (vec![], "at least one app id"),
        (vec!["  "], "at least one app id"),
        (vec!["su01 users"], "not an app id"),
        (vec!["../x"], "not an app id"),
        (vec!["su01users", "SU01USERS"], "listed twice"),
    ] {
        let errors = validate(&draft(bridge(&ids)));
        assert_eq!(errors.len(), 1, "{ids:?}: {errors:?}");
        assert_eq!(errors[0].field, "app_ids");
        assert!(errors[0].message.contains(expected), "{ids:?}: {errors:?}");
    }
}

#[test]
fn each_method_gets_its_sessions_authentication() {
    let oauth = session_config(
        &cpi(AuthMethod::OauthClientCredentials),
        Some(Secret::new("s")),
    )
    .unwrap();
    assert_eq!(
        oauth.base_url.as_str(),
        "https://acme.it-cpi018.cfapps.eu10-003.hana.ondemand.com/api/v1/"
    );
    match oauth.auth {
        Some(Auth::OAuthClientCredentials(client)) => {
            assert_eq!(client.token_url.as_str(), TOKEN_URL);
            assert_eq!(client.client_id, CLIENT_ID);
            assert_eq!(client.client_secret.expose(), "s");
        }
        other => panic!("{other:?}"),
    }
    assert!(oauth.sap_client.is_none() && oauth.sap_language.is_none());
    let key = session_config(&cpi(AuthMethod::ApiKey), Some(Secret::new("k"))).unwrap();
    assert!(matches!(key.auth, Some(Auth::ApiKey(ref k)) if k.expose() == "k"));
    let basic = session_config(&cpi(AuthMethod::Basic), Some(Secret::new("pw"))).unwrap();
    assert_eq!(basic.basic().unwrap().user, CLIENT_ID);
    // A system URL alone gets /api/v1/.
    let host_only = ProfileSettings::new(ServiceKind::CloudIntegration, "https://t.example");
    assert_eq!(
        service_root(&host_only).unwrap().as_str(),
        "https://t.example/api/v1/"
    );
}

#[test]
fn bridge_sessions_root_at_the_apps_and_name_each_app_below() {
    let settings = bridge(&["su01users"]);
    assert_eq!(
        service_root(&settings).unwrap().as_str(),
        "https://mobile.acme.example/mtb-bridge/odata/app/"
    );
    assert_eq!(
        bridge_app_root(&settings, "su01users").unwrap().as_str(),
        "https://mobile.acme.example/mtb-bridge/odata/app/su01users/"
    );
    let mut typed_app_url = bridge(&[]);
    typed_app_url.base_url =
        "https://mobile.acme.example/prefix/mtb-bridge/odata/app/mm03material/$metadata".into();
    assert_eq!(
        service_root(&typed_app_url).unwrap().as_str(),
        "https://mobile.acme.example/prefix/mtb-bridge/odata/app/"
    );
}

#[test]
fn secrets_of_each_method_live_in_the_secret_store_and_views_show_flags() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let book = book(&dir, secrets.clone());
    let oauth = book
        .create(draft(cpi(AuthMethod::OauthClientCredentials)))
        .unwrap();
    assert!(oauth.client_secret_set && !oauth.password_set && !oauth.api_key_set);
    assert_eq!(oauth.read_only_reason, None);
    let id = oauth.profile.id.clone();
    assert_eq!(
        secrets
            .get(&id, SecretKind::ClientSecret)
            .unwrap()
            .unwrap()
            .expose(),
        "client-secret$1"
    );
    let stored = std::fs::read_to_string(dir.path().join("profiles.json")).unwrap();
    assert!(!stored.contains("client-secret$1"), "{stored}");
    assert!(stored.contains(TOKEN_URL) && stored.contains("oauth_client_credentials"));

    let key = book.create(draft(cpi(AuthMethod::ApiKey))).unwrap();
    assert!(key.api_key_set);
    assert!(key
        .read_only_reason
        .as_deref()
        .is_some_and(|reason| reason.contains("API key")));

    // Switching the method drops the secret of the method given up.
    let mut basic = draft(cpi(AuthMethod::Basic));
    basic.settings.base_url = oauth.profile.settings.base_url.clone();
    let view = book.update(&id, basic).unwrap();
    assert!(view.password_set && !view.client_secret_set);
    assert_eq!(secrets.get(&id, SecretKind::ClientSecret).unwrap(), None);
    assert!(
        view.profile.settings.oauth.token_url.is_empty(),
        "no stale OAuth settings"
    );
}

#[test]
fn a_new_token_url_needs_the_client_secret_again() {
    let dir = tempfile::tempdir().unwrap();
    let book = book(&dir, Arc::new(MemorySecretStore::new()));
    let id = book
        .create(draft(cpi(AuthMethod::OauthClientCredentials)))
        .unwrap()
        .profile
        .id;
    let mut moved = draft(cpi(AuthMethod::OauthClientCredentials));
    moved.client_secret = SecretUpdate::Keep;
    moved.settings.oauth.token_url = "https://evil.example/oauth/token".into();
    match book.update(&id, moved.clone()) {
        Err(BookError::Validation(errors)) => assert_eq!(errors[0].field, "client_secret"),
        other => panic!("{other:?}"),
    }
    moved.client_secret = SecretUpdate::Set {
        value: "again".into(),
    };
    assert!(book.update(&id, moved).is_ok());
}

#[test]
fn an_imported_secret_the_app_did_not_resolve_is_refused_and_nothing_stays() {
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let book = book(&dir, secrets.clone());
    let mut imported = draft(cpi(AuthMethod::OauthClientCredentials));
    imported.client_secret = SecretUpdate::Imported {
        handle: "gone".into(),
    };
    match book.create(imported) {
        Err(BookError::Validation(errors)) => {
            assert_eq!(errors[0].field, "client_secret");
            assert!(errors[0].message.contains("service key again"));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        book.list().unwrap().is_empty(),
        "the profile was taken back"
    );
}

#[test]
fn a_bridge_app_url_typed_as_base_url_is_split_into_host_and_app() {
    let dir = tempfile::tempdir().unwrap();
    let book = book(&dir, Arc::new(MemorySecretStore::new()));
    let mut settings = bridge(&["va01order"]);
    settings.base_url = "https://mobile.acme.example/mtb-bridge/odata/app/su01users/".into();
    settings.client = "100".into();
    let view = book.create(draft(settings)).unwrap();
    let saved = view.profile.settings;
    assert_eq!(saved.base_url, "https://mobile.acme.example");
    assert_eq!(saved.app_ids, vec!["su01users", "va01order"]);
    assert_eq!(saved.client, "", "a bridge has no SAP client");
}

#[test]
fn a_service_key_becomes_a_saved_oauth_profile() {
    let key = parse_service_key(
        &json!({"oauth": {"clientid": CLIENT_ID, "clientsecret": "from-key",
            "url": "https://acme.it-cpi018.cfapps.eu10-003.hana.ondemand.com",
            "tokenurl": TOKEN_URL}})
        .to_string(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(MemorySecretStore::new());
    let book = book(&dir, secrets.clone());
    let view = book
        .create(ProfileDraft {
            settings: key.settings(),
            password: SecretUpdate::Keep,
            git_token: SecretUpdate::Keep,
            client_secret: SecretUpdate::Set {
                value: key.client_secret.expose().to_owned(),
            },
            api_key: SecretUpdate::Keep,
        })
        .unwrap();
    assert_eq!(
        view.profile.settings.auth,
        AuthMethod::OauthClientCredentials
    );
    let config = session_config(
        &view.profile.settings,
        secrets
            .get(&view.profile.id, view.profile.settings.auth.secret_kind())
            .unwrap(),
    )
    .unwrap();
    assert!(matches!(config.auth, Some(Auth::OAuthClientCredentials(_))));
}

#[test]
fn stored_documents_of_before_and_after_load() {
    // A profile saved before these kinds existed, and one of each new kind.
    let stored = json!({"schema_version": 1, "profiles": [
        {"id": "old", "is_demo": false, "settings": {
            "display_name": "DEV", "service_kind": "focused_build",
            "base_url": "https://sm.example:44300", "client": "100", "language": "EN",
            "user": "DEVELOPER", "auth": "basic",
            "tls": {"extra_ca_file": null, "insecure": false},
            "proxy": {"mode": "system"},
            "timeouts": {"connect_seconds": 15, "request_seconds": 120}}},
        {"id": "cpi", "is_demo": false, "settings": {
            "display_name": "CPI", "service_kind": "cloud_integration",
            "base_url": "https://t.example/api/v1", "user": "",
            "auth": "oauth_client_credentials",
            "oauth": {"token_url": TOKEN_URL, "client_id": CLIENT_ID}}},
        {"id": "mtb", "is_demo": false, "settings": {
            "display_name": "MTB", "service_kind": "transaction_bridge",
            "base_url": "https://m.example", "user": "U", "app_ids": ["su01users"]}}
    ]});
    let migrated = migrate(stored).unwrap();
    assert!(migrated.skipped.is_empty(), "{:?}", migrated.skipped);
    let profiles = migrated.document.profiles;
    assert_eq!(profiles[0].settings.service_kind, ServiceKind::FocusedBuild);
    assert!(profiles[0].settings.app_ids.is_empty());
    assert_eq!(profiles[0].settings.oauth, OAuthSettings::default());
    assert_eq!(profiles[1].settings.oauth.client_id, CLIENT_ID);
    assert_eq!(profiles[2].settings.app_ids, vec!["su01users"]);
    let round_trip = migrate(json!({"schema_version": 1, "profiles": profiles})).unwrap();
    assert!(!round_trip.changed);
    assert_eq!(round_trip.document.profiles.len(), 3);
}
