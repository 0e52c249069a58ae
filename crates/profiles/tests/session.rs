use profiles::{
    service_root, session_config, ProfileSettings, ProxySettings, ServiceKind, Timeouts,
};
use sap_http::{ProxyMode, Secret};

fn settings(kind: ServiceKind, base_url: &str) -> ProfileSettings {
    ProfileSettings {
        display_name: "X".to_owned(),
        service_kind: kind,
        base_url: base_url.to_owned(),
        client: "100".to_owned(),
        language: "de".to_owned(),
        user: " DEVELOPER ".to_owned(),
        auth: Default::default(),
        tls: Default::default(),
        proxy: ProxySettings::Manual {
            url: "http://proxy:8080".to_owned(),
            bypass: vec![" .corp ".to_owned()],
        },
        timeouts: Timeouts {
            connect_seconds: 5,
            request_seconds: 30,
        },
        git_username: String::new(),
        oauth: Default::default(),
        app_ids: Vec::new(),
    }
}

#[test]
fn a_system_url_gets_the_service_path_of_its_kind() {
    let agent = service_root(&settings(ServiceKind::AbapgitAgent, "https://h:44300")).unwrap();
    assert_eq!(agent.as_str(), "https://h:44300/sap/bc/z_abapgit_agent/");
    let fb = service_root(&settings(ServiceKind::FocusedBuild, "https://h")).unwrap();
    assert_eq!(
        fb.as_str(),
        "https://h/sap/opu/odata/SALM/EXT_DEVOPS_INTEG_SRV/"
    );
    let custom =
        service_root(&settings(ServiceKind::AbapgitAgent, "https://h/sap/bc/zmy")).unwrap();
    assert_eq!(custom.as_str(), "https://h/sap/bc/zmy/");
}

#[test]
fn the_session_config_carries_every_setting() {
    let config = session_config(
        &settings(ServiceKind::AbapgitAgent, "http://127.0.0.1:8000"),
        Some(Secret::new("pw")),
    )
    .unwrap();
    assert_eq!(config.sap_client.as_deref(), Some("100"));
    assert_eq!(config.sap_language.as_deref(), Some("DE"));
    let credentials = config.basic().unwrap();
    assert_eq!(credentials.user, "DEVELOPER");
    assert_eq!(credentials.password.expose(), "pw");
    assert_eq!(config.csrf_fetch_path, "health");
    assert_eq!(config.timeout.as_secs(), 30);
    assert_eq!(config.connect_timeout.as_secs(), 5);
    assert_eq!(
        config.proxy,
        ProxyMode::Manual {
            url: "http://proxy:8080".to_owned(),
            bypass: vec![".corp".to_owned()]
        }
    );
}

#[test]
fn an_unreadable_ca_file_is_a_field_error() {
    let mut s = settings(ServiceKind::AbapgitAgent, "https://h");
    s.tls.extra_ca_file = Some("/nonexistent/ca.pem".to_owned());
    let error = session_config(&s, None).unwrap_err();
    assert_eq!(error.field, "tls.extra_ca_file");
}
