//! Partner Directory, security content and log files against the simulated tenant.

mod support;

use cloud_integration::CertificateValidity;
use sap_http::SapError;
use support::*;

#[tokio::test]
async fn string_parameters_are_created_changed_and_deleted() {
    let fixture = start().await;
    let partners = fixture.client.partners().await.unwrap();
    assert!(!partners.is_empty());
    let pid = partners[0].pid.clone();
    let created = fixture
        .client
        .put_string_parameter(&pid, "AgentDesk_Test", "https://one.example/it's", false)
        .await
        .unwrap();
    assert_eq!(created.value, "https://one.example/it's");
    assert!(created.changes.modified_at.is_some());
    let twice = fixture
        .client
        .put_string_parameter(&pid, "AgentDesk_Test", "x", false)
        .await
        .unwrap_err();
    assert!(
        matches!(twice, SapError::Sap { status, .. } if status >= 400),
        "{twice:?}"
    );
    let changed = fixture
        .client
        .put_string_parameter(&pid, "AgentDesk_Test", "https://two.example", true)
        .await
        .unwrap();
    assert_eq!(changed.value, "https://two.example");
    let listed = fixture.client.string_parameters(Some(&pid)).await.unwrap();
    assert!(listed.iter().all(|p| p.pid == pid));
    assert!(listed
        .iter()
        .any(|p| p.id == "AgentDesk_Test" && p.value == "https://two.example"));
    fixture
        .client
        .delete_string_parameter(&pid, "AgentDesk_Test")
        .await
        .unwrap();
    let gone = fixture
        .client
        .string_parameter(&pid, "AgentDesk_Test")
        .await
        .unwrap_err();
    assert!(
        matches!(gone, SapError::Sap { status: 404, .. }),
        "{gone:?}"
    );
    let refused = fixture
        .client
        .put_string_parameter("bad pid", "x", "y", false)
        .await
        .unwrap_err();
    assert!(matches!(refused, SapError::Config { field, .. } if field == "pid"));
}

#[tokio::test]
async fn binary_parameters_travel_as_base64_and_read_as_text() {
    let fixture = start().await;
    let all = fixture.client.binary_parameters(None).await.unwrap();
    assert!(
        all.len() > 30,
        "pages of 30 were not followed: {}",
        all.len()
    );
    assert!(
        all.iter().any(|p| p.text.is_some()),
        "no text value among {} parameters",
        all.len()
    );
    let pid = all[0].pid.clone();
    let xml = "<mapping>\n  <from>ä</from>\n</mapping>";
    let created = fixture
        .client
        .put_binary_parameter(&pid, "AgentDesk_Map", "xml", xml.as_bytes(), false)
        .await
        .unwrap();
    assert_eq!(created.text.as_deref(), Some(xml));
    assert_eq!(created.size_bytes, xml.len() as f64);
    let zip = [b'P', b'K', 3, 4, 0xff, 0, 0x80];
    let replaced = fixture
        .client
        .put_binary_parameter(&pid, "AgentDesk_Map", "zip", &zip, true)
        .await
        .unwrap();
    assert_eq!(
        (replaced.text, replaced.content_type.as_str()),
        (None, "zip")
    );
    let value = fixture
        .client
        .binary_parameter_value(&pid, "AgentDesk_Map")
        .await
        .unwrap();
    assert_eq!(value.bytes, zip);
    fixture
        .client
        .delete_binary_parameter(&pid, "AgentDesk_Map")
        .await
        .unwrap();
    let gone = fixture
        .client
        .binary_parameter_value(&pid, "AgentDesk_Map")
        .await
        .unwrap_err();
    assert!(
        matches!(gone, SapError::Sap { status: 404, .. }),
        "{gone:?}"
    );
}

#[tokio::test]
async fn security_content_without_secrets_and_keystore_validity() {
    let fixture = start().await;
    let (users, secure, oauth, keys) = tokio::join!(
        fixture.client.user_credentials(),
        fixture.client.secure_parameters(),
        fixture.client.oauth2_client_credentials(),
        fixture.client.keystore_entries(),
    );
    let (users, secure, oauth, keys) = (
        users.unwrap(),
        secure.unwrap(),
        oauth.unwrap(),
        keys.unwrap(),
    );
    assert!(!users.is_empty() && !secure.is_empty() && !oauth.is_empty());
    assert!(users.iter().all(|u| u.deployment.status.is_some()));
    assert!(oauth.iter().all(|c| c.token_service_url.is_some()));
    let validity = |v: CertificateValidity| keys.iter().filter(|k| k.validity == v).count();
    assert!(validity(CertificateValidity::ExpiresSoon) >= 1, "{keys:?}");
    assert!(validity(CertificateValidity::Expired) >= 1, "{keys:?}");
    assert!(validity(CertificateValidity::Valid) >= 1);
    // Soonest expiry first.
    let days: Vec<i32> = keys.iter().filter_map(|k| k.days_left).collect();
    assert!(days.windows(2).all(|pair| pair[0] <= pair[1]), "{days:?}");
    let soon = keys
        .iter()
        .find(|k| k.validity == CertificateValidity::ExpiresSoon)
        .unwrap();
    assert!((0..=30).contains(&soon.days_left.unwrap()));
}

#[tokio::test]
async fn log_files_are_listed_and_downloaded() {
    let fixture = start().await;
    let files = fixture.client.log_files().await.unwrap();
    assert!(!files.is_empty());
    let file = &files[0];
    let mut bytes = Vec::new();
    let saved = fixture
        .client
        .save_log_file(&file.name, &file.application, &mut bytes)
        .await
        .unwrap();
    assert_eq!(saved.bytes, bytes.len() as f64);
    assert!(bytes.starts_with(&[0x1f, 0x8b]), "not gzip");
    let missing = fixture
        .client
        .save_log_file("nope.log", &file.application, &mut Vec::new())
        .await
        .unwrap_err();
    assert!(
        matches!(missing, SapError::Sap { status: 404, .. }),
        "{missing:?}"
    );
}
