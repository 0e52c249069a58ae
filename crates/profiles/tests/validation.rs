use std::io::Write;

use profiles::{
    validate, ProfileDraft, ProfileSettings, ProxySettings, SecretUpdate, ServiceKind, Timeouts,
    TlsSettings,
};

fn valid_settings() -> ProfileSettings {
    ProfileSettings {
        display_name: "DEV".to_owned(),
        service_kind: ServiceKind::AbapgitAgent,
        base_url: "https://dev.example.com:44300".to_owned(),
        client: "100".to_owned(),
        language: "EN".to_owned(),
        user: "DEVELOPER".to_owned(),
        auth: Default::default(),
        tls: TlsSettings::default(),
        proxy: ProxySettings::System,
        timeouts: Timeouts::default(),
        git_username: "octocat".to_owned(),
        oauth: Default::default(),
        app_ids: Vec::new(),
    }
}

fn draft(settings: ProfileSettings) -> ProfileDraft {
    ProfileDraft {
        settings,
        password: SecretUpdate::Set {
            value: "s3cret".to_owned(),
        },
        git_token: SecretUpdate::Keep,
        client_secret: SecretUpdate::Keep,
        api_key: SecretUpdate::Keep,
    }
}

fn fields(draft: &ProfileDraft) -> Vec<String> {
    validate(draft).into_iter().map(|e| e.field).collect()
}

#[test]
fn a_complete_profile_is_valid() {
    assert_eq!(validate(&draft(valid_settings())), vec![]);
}

#[test]
fn bad_urls_are_reported_on_base_url() {
    for url in [
        "",
        "dev.example.com:44300",
        "ftp://dev.example.com",
        "https://user:pw@dev.example.com",
        "https://dev.example.com/?sap-client=100",
    ] {
        let mut settings = valid_settings();
        settings.base_url = url.to_owned();
        assert_eq!(fields(&draft(settings)), vec!["base_url"], "url {url:?}");
    }
}

#[test]
fn client_must_be_three_digits_or_empty() {
    for (client, ok) in [
        ("100", true),
        ("", true),
        ("10", false),
        ("1000", false),
        ("1a0", false),
    ] {
        let mut settings = valid_settings();
        settings.client = client.to_owned();
        let errors = fields(&draft(settings));
        assert_eq!(errors.is_empty(), ok, "client {client:?}: {errors:?}");
    }
}

#[test]
fn empty_user_and_name_are_reported_together() {
    let mut settings = valid_settings();
    settings.user = "  ".to_owned();
    settings.display_name = String::new();
    assert_eq!(fields(&draft(settings)), vec!["display_name", "user"]);
}

#[test]
fn unreadable_or_non_pem_ca_file_is_reported() {
    let mut settings = valid_settings();
    settings.tls.extra_ca_file = Some("/nonexistent/ca.pem".to_owned());
    let errors = validate(&draft(settings));
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "tls.extra_ca_file");
    assert!(
        errors[0].message.contains("/nonexistent/ca.pem"),
        "{}",
        errors[0].message
    );

    let mut not_pem = tempfile::NamedTempFile::new().unwrap();
    not_pem.write_all(b"hello").unwrap();
    let mut settings = valid_settings();
    settings.tls.extra_ca_file = Some(not_pem.path().display().to_string());
    assert_eq!(fields(&draft(settings)), vec!["tls.extra_ca_file"]);

    let mut pem = tempfile::NamedTempFile::new().unwrap();
    pem.write_all(b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
        .unwrap();
    let mut settings = valid_settings();
    settings.tls.extra_ca_file = Some(pem.path().display().to_string());
    assert_eq!(fields(&draft(settings)), Vec::<String>::new());
}

#[test]
fn manual_proxy_needs_a_proxy_url_and_clean_bypass_list() {
    let mut settings = valid_settings();
    settings.proxy = ProxySettings::Manual {
        url: "not a url".to_owned(),
        bypass: vec![".corp.local".to_owned(), "two words".to_owned()],
    };
    assert_eq!(fields(&draft(settings)), vec!["proxy.url", "proxy.bypass"]);

    let mut settings = valid_settings();
    settings.proxy = ProxySettings::Manual {
        url: "http://proxy.corp.local:8080".to_owned(),
        bypass: vec![".corp.local".to_owned(), "localhost".to_owned()],
    };
    assert_eq!(fields(&draft(settings)), Vec::<String>::new());
}

#[test]
fn a_proxy_url_with_a_logon_is_refused_because_settings_are_stored_in_clear() {
    for url in [
        "http://user:pw@proxy.corp.local:8080",
        "http://user@proxy:8080",
    ] {
        let mut settings = valid_settings();
        settings.proxy = ProxySettings::Manual {
            url: url.to_owned(),
            bypass: Vec::new(),
        };
        assert_eq!(fields(&draft(settings)), vec!["proxy.url"], "{url}");
    }
}

#[test]
fn git_credentials_only_for_agent_profiles() {
    let mut settings = valid_settings();
    settings.service_kind = ServiceKind::FocusedBuild;
    let mut d = draft(settings);
    d.git_token = SecretUpdate::Set {
        value: "ghp_x".to_owned(),
    };
    assert_eq!(fields(&d), vec!["git_username", "git_token"]);
}

#[test]
fn timeouts_must_be_positive_and_bounded() {
    let mut settings = valid_settings();
    settings.timeouts = Timeouts {
        connect_seconds: 0,
        request_seconds: 100_000,
    };
    assert_eq!(
        fields(&draft(settings)),
        vec!["timeouts.connect_seconds", "timeouts.request_seconds"]
    );
}

#[test]
fn an_empty_new_password_is_rejected_but_keep_is_fine() {
    let mut d = draft(valid_settings());
    d.password = SecretUpdate::Set {
        value: String::new(),
    };
    assert_eq!(fields(&d), vec!["password"]);
    d.password = SecretUpdate::Keep;
    assert_eq!(fields(&d), Vec::<String>::new());
}

#[test]
fn a_draft_debug_print_hides_secrets() {
    let mut d = draft(valid_settings());
    d.git_token = SecretUpdate::Set {
        value: "ghp_topsecret".to_owned(),
    };
    let printed = format!("{d:?}");
    assert!(!printed.contains("s3cret"), "{printed}");
    assert!(!printed.contains("ghp_topsecret"), "{printed}");
}

/// Plain http:// to another computer carries the password in clear: explicit, per profile.
#[test]
fn plain_http_to_a_remote_host_needs_the_explicit_switch() {
    for (url, remote) in [
        ("http://dev.example.com:8000", true),
        ("http://10.1.2.3:8000", true),
        ("http://localhost:8000", false),
        ("http://127.0.0.1:50000", false),
        ("http://[::1]:50000", false),
        ("https://dev.example.com:44300", false),
    ] {
        let mut settings = valid_settings();
        settings.base_url = url.to_owned();
        let errors = validate(&draft(settings.clone()));
        if remote {
            assert_eq!(errors.len(), 1, "{url}: {errors:?}");
            assert_eq!(errors[0].field, "base_url");
            assert!(errors[0].message.contains("unencrypted"), "{errors:?}");
            settings.tls.allow_plain_http = true;
            assert_eq!(
                validate(&draft(settings)),
                vec![],
                "{url} allowed explicitly"
            );
        } else {
            assert_eq!(errors, vec![], "{url}");
        }
    }
}

/// The session cannot use a SOCKS proxy, so the form refuses one instead of saving a
/// profile that always fails.
#[test]
fn a_socks_proxy_is_refused_at_the_form() {
    for url in [
        "socks5://proxy.corp.local:1080",
        "socks5h://proxy:1080",
        "socks4://p:1080",
    ] {
        let mut settings = valid_settings();
        settings.proxy = ProxySettings::Manual {
            url: url.to_owned(),
            bypass: vec![],
        };
        let errors = validate(&draft(settings));
        assert_eq!(errors.len(), 1, "{url}");
        assert_eq!(errors[0].field, "proxy.url");
        assert!(errors[0].message.contains("SOCKS"), "{errors:?}");
    }
}
