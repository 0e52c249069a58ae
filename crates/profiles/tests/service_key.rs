//! BTP service keys as the cockpit and `cf service-key` show them, and the ways a pasted
//! text can fail to be one.

use profiles::{parse_service_key, AuthMethod, ServiceKind};
use serde_json::json;

/// A key of a Process Integration Runtime instance, plan api, as the BTP cockpit shows it.
fn cockpit_key() -> serde_json::Value {
    json!({
        "oauth": {
            "clientid": "sb-6b1a5a39-2c1f-4b8e-9d6e-2f1c0a7e4b21!b187461|it!b117912",
            "clientsecret": "0d5b7e1c-4f2a-4c1e-8a8b-1f9d2e3c4b5a$Zq3Fh-Rk9pXyV2mT8nWc_LsUe4oJ=",
            "url": "https://acme-dev-9x8y7z6w.it-cpi018.cfapps.eu10-003.hana.ondemand.com",
            "tokenurl": "https://acme-dev-9x8y7z6w.authentication.eu10.hana.ondemand.com/oauth/token",
            "createdate": "2025-01-31T10:11:12.123Z"
        }
    })
}

#[test]
fn a_cockpit_key_fills_an_oauth_cloud_integration_profile() {
    let key = parse_service_key(&cockpit_key().to_string()).unwrap();
    assert_eq!(
        key.api_url,
        "https://acme-dev-9x8y7z6w.it-cpi018.cfapps.eu10-003.hana.ondemand.com/api/v1/"
    );
    assert_eq!(
        key.token_url,
        "https://acme-dev-9x8y7z6w.authentication.eu10.hana.ondemand.com/oauth/token"
    );
    assert_eq!(
        key.client_id,
        "sb-6b1a5a39-2c1f-4b8e-9d6e-2f1c0a7e4b21!b187461|it!b117912"
    );
    assert!(key.client_secret.expose().ends_with("LsUe4oJ="));
    let settings = key.settings();
    assert_eq!(settings.service_kind, ServiceKind::CloudIntegration);
    assert_eq!(settings.auth, AuthMethod::OauthClientCredentials);
    assert_eq!(settings.base_url, key.api_url);
    assert_eq!(settings.oauth.client_id, key.client_id);
    assert_eq!(settings.oauth.token_url, key.token_url);
    assert_eq!(settings.display_name, "Cloud Integration acme-dev-9x8y7z6w");
    assert!(
        !format!("{key:?}").contains("LsUe4oJ"),
        "a key's Debug hides the secret"
    );
}

#[test]
fn keys_are_read_leniently() {
    // `cf service-key` output: a line before the JSON, the newer `credentials` wrapper,
    // keys in another case, no createdate, extra fields, a trailing slash on url.
    let text = format!(
        "Getting key cpi-api-key for service instance cpi-api as dev@acme.example...\n\n{}\n",
        json!({"credentials": {"OAuth": {
            "ClientId": "sb-1!b2|it!b3", "ClientSecret": "s3cret", "URL": "https://t1.it-cpi001.cfapps.us10.hana.ondemand.com/",
            "TokenURL": "https://t1.authentication.us10.hana.ondemand.com/oauth/token", "identityzone": "t1"}}})
    );
    let key = parse_service_key(&text).unwrap();
    assert_eq!(
        key.api_url,
        "https://t1.it-cpi001.cfapps.us10.hana.ondemand.com/api/v1/"
    );
    assert_eq!(key.client_id, "sb-1!b2|it!b3");
    // A url that already names the API keeps it once.
    let mut value = cockpit_key();
    value["oauth"]["url"] = json!("https://t2.example.com/api/v1");
    assert_eq!(
        parse_service_key(&value.to_string()).unwrap().api_url,
        "https://t2.example.com/api/v1/"
    );
}

fn refusal(text: &str) -> String {
    parse_service_key(text).unwrap_err().to_string()
}

#[test]
fn a_certificate_key_is_refused_with_what_to_create_instead() {
    let text = json!({"oauth": {
        "clientid": "sb-1!b2|it!b3",
        "certificate": "-----BEGIN CERTIFICATE-----\nMIIF...\n-----END CERTIFICATE-----\n",
        "key": "-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----\n",
        "url": "https://t1.it-cpi001.cfapps.eu10.hana.ondemand.com",
        "tokenurl": "https://t1.authentication.cert.eu10.hana.ondemand.com/oauth/token"
    }})
    .to_string();
    let message = refusal(&text);
    assert!(message.contains("client certificate"), "{message}");
    assert!(message.contains("Binding Secret"), "{message}");
    assert!(!message.contains("PRIVATE KEY"), "{message}");
}

#[test]
fn junk_is_refused_with_a_specific_message() {
    let cases: Vec<(String, &str)> = vec![
        (String::new(), "empty"),
        ("   \n".into(), "empty"),
        ("hello".into(), "not a service key"),
        ("{\"oauth\": {\"url\": ".into(), "not valid JSON"),
        ("[1, 2]".into(), "not a service key"),
        ("{\"oauth\": \"x\"}".into(), "not an object"),
        (
            json!({"uaa": {"clientid": "x", "clientsecret": "y", "url": "https://a.authentication.eu10.hana.ondemand.com"}})
                .to_string(),
            "another service",
        ),
        (
            json!({"clientid": "x", "clientsecret": "y", "tokenurl": "https://a/oauth/token"})
                .to_string(),
            "no \"oauth\" block",
        ),
        (json!({"name": "x"}).to_string(), "not a Cloud Integration service key"),
        (
            json!({"oauth": {"clientid": "x", "url": "https://t.example.com"}}).to_string(),
            "lacks \"tokenurl\", \"clientsecret\"",
        ),
        (
            json!({"oauth": {"clientid": "x", "clientsecret": "y", "url": "http://t.example.com",
                             "tokenurl": "https://a/oauth/token"}})
            .to_string(),
            "must be an https:// address",
        ),
        (
            json!({"oauth": {"clientid": "x", "clientsecret": "y", "url": "t.example.com",
                             "tokenurl": "https://a/oauth/token"}})
            .to_string(),
            "is not a URL",
        ),
        (
            json!({"oauth": {"clientid": "x", "clientsecret": "y",
                             "url": "https://t1.it-cpi001-rt.cfapps.eu10.hana.ondemand.com",
                             "tokenurl": "https://t1.authentication.eu10.hana.ondemand.com/oauth/token"}})
            .to_string(),
            "plan integration-flow",
        ),
    ];
    for (text, expected) in cases {
        let message = refusal(&text);
        assert!(message.contains(expected), "{text:?}: {message}");
    }
}
