//! TLS and proxy problems through the app's commands, as the UI receives them: a stored
//! profile (CA file on disk, insecure switch, manual proxy) goes through
//! `profile_test_connection` to a real HTTPS front of the embedded sandbox.

use std::net::TcpListener as StdTcpListener;
use std::sync::{Arc, OnceLock};

use axum_server::tls_rustls::RustlsConfig;
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Runtime;
use tokio_rustls::TlsAcceptor;

mod support;

use support::{start, Access, TestApp};

/// Runs the HTTPS fronts while test threads wait on commands; lives as long as the tests.
fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| Runtime::new().unwrap())
}

impl TestApp {
    /// The abapGit Agent sandbox profile the app makes on first start.
    fn sandbox_profile(&self) -> Value {
        let profiles = self.invoke("profiles_list", json!({})).unwrap();
        profiles
            .as_array()
            .unwrap()
            .iter()
            .find(|view| {
                view["profile"]["is_demo"] == json!(true)
                    && view["profile"]["settings"]["service_kind"] == "abapgit_agent"
            })
            .expect("an abapGit Agent sandbox profile on first start")
            .clone()
    }

    /// `host:port` of the embedded sandbox, from its demo profile.
    fn sandbox_address(&self) -> String {
        let demo = self.sandbox_profile();
        let base_url = demo["profile"]["settings"]["base_url"].as_str().unwrap();
        let url = url_parts(base_url);
        format!("{}:{}", url.0, url.1)
    }

    /// Points the sandbox profile (its logon kept) at `base_url` with `tls` and `proxy`,
    /// through `profile_update` as the form does: a new host needs the password typed again.
    fn configure_sandbox_profile(&self, base_url: &str, tls: Value, proxy: Value) -> Value {
        let demo = self.sandbox_profile();
        let mut settings = demo["profile"]["settings"].clone();
        settings["base_url"] = json!(base_url);
        self.choose_ca_file(&tls);
        settings["tls"] = tls;
        settings["proxy"] = proxy;
        let password = self.stored_password(demo["profile"]["id"].as_str().unwrap());
        let draft = json!({
            "settings": settings,
            "password": {"action": "set", "value": password},
            "git_token": {"action": "keep"}
        });
        self.invoke(
            "profile_update",
            json!({"id": demo["profile"]["id"], "draft": draft}),
        )
        .unwrap_or_else(|error| panic!("profile_update refused: {error}"))
    }

    /// An HTTPS front of the sandbox with a certificate for `names` signed by `ca`;
    /// returns its port.
    fn https_front(&self, ca: &TestCa, names: &[&str]) -> u16 {
        let (chain_pem, key_pem) = ca.server_certificate(names);
        let sandbox = self.sandbox_address();
        runtime().block_on(async move {
            let config = RustlsConfig::from_pem(chain_pem.into_bytes(), key_pem.into_bytes())
                .await
                .unwrap();
            // HTTP/1.1 only: the bytes go on to the sandbox, which is not offered h2 here.
            let mut server_config = (*config.get_inner()).clone();
            server_config.alpn_protocols = vec![b"http/1.1".to_vec()];
            let acceptor = TlsAcceptor::from(Arc::new(server_config));
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let port = listener.local_addr().unwrap().port();
            tokio::spawn(async move {
                while let Ok((client, _)) = listener.accept().await {
                    let acceptor = acceptor.clone();
                    let sandbox = sandbox.clone();
                    tokio::spawn(async move {
                        // A failed handshake is what some tests expect: the client reports it.
                        let Ok(mut tls) = acceptor.accept(client).await else {
                            return;
                        };
                        if let Ok(mut upstream) = TcpStream::connect(&sandbox).await {
                            let _ = tokio::io::copy_bidirectional(&mut tls, &mut upstream).await;
                        }
                    });
                }
            });
            port
        })
    }

    /// Writes `contents` to a file in the test's directory and returns its path.
    fn write_file(&self, name: &str, contents: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).unwrap();
        path.display().to_string()
    }

    /// Saves a new profile as the form does: a CA file it names was chosen in the dialog.
    fn create(&self, draft: Value) -> Result<Value, Value> {
        self.choose_ca_file(&draft["settings"]["tls"]);
        self.invoke("profile_create", json!({ "draft": draft }))
    }

    /// The user picks the CA file in the app's open dialog.
    fn choose_ca_file(&self, tls: &Value) {
        if let Some(path) = tls["extra_ca_file"].as_str() {
            self.picked(path, Access::Read);
        }
    }

    fn test_connection(&self, view: &Value) -> Result<Value, Value> {
        self.invoke(
            "profile_test_connection",
            json!({"id": view["profile"]["id"]}),
        )
    }
}

fn url_parts(url: &str) -> (String, u16) {
    let rest = url.split_once("://").unwrap().1;
    let authority = rest.split('/').next().unwrap();
    let (host, port) = authority.rsplit_once(':').unwrap();
    (host.to_owned(), port.parse().unwrap())
}

/// A free loopback port with nothing listening on it.
fn closed_port() -> u16 {
    StdTcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A profile draft for the sandbox's abapGit Agent at `base_url`.
fn draft(base_url: &str, tls: Value, proxy: Value) -> Value {
    json!({
        "settings": {
            "display_name": "TLS test",
            "service_kind": "abapgit_agent",
            "base_url": base_url,
            "client": "001",
            "language": "EN",
            "user": "DEVELOPER",
            "auth": "basic",
            "tls": tls,
            "proxy": proxy,
            "timeouts": {"connect_seconds": 5, "request_seconds": 30},
            "git_username": ""
        },
        "password": {"action": "set", "value": "Any-pw-1"},
        "git_token": {"action": "keep"}
    })
}

fn system_trust() -> Value {
    json!({"extra_ca_file": null, "insecure": false})
}

fn no_proxy() -> Value {
    json!({"mode": "none"})
}

/// A certificate authority made for one test.
struct TestCa {
    pem: String,
    issuer: Issuer<'static, KeyPair>,
}

impl TestCa {
    fn new() -> Self {
        let mut params = CertificateParams::new(Vec::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "Agent Desk IPC Test CA");
        let key = KeyPair::generate().unwrap();
        let certificate = params.self_signed(&key).unwrap();
        Self {
            pem: certificate.pem(),
            issuer: Issuer::new(params, key),
        }
    }

    /// A server certificate for `names` and its key, in PEM.
    fn server_certificate(&self, names: &[&str]) -> (String, String) {
        let names: Vec<String> = names.iter().map(|name| name.to_string()).collect();
        let params = CertificateParams::new(names).unwrap();
        let key = KeyPair::generate().unwrap();
        let certificate = params.signed_by(&key, &self.issuer).unwrap();
        (certificate.pem(), key.serialize_pem())
    }
}

fn assert_connected(report: Result<Value, Value>) -> Value {
    let report = report.unwrap_or_else(|error| panic!("expected a connection, got {error}"));
    assert_eq!(report["user"], "DEVELOPER", "{report}");
    assert!(report["version"].is_string(), "a real logon: {report}");
    report
}

fn assert_certificate_problem(result: Result<Value, Value>, problem: &str) {
    let error = result.expect_err("a TLS failure");
    assert_eq!(error["kind"], "network", "{error}");
    assert_eq!(error["phase"], "tls_handshake", "{error}");
    assert_eq!(error["certificate"], problem, "{error}");
}

#[test]
fn an_unknown_ca_is_unknown_issuer_and_its_ca_file_makes_it_trusted() {
    let app = start();
    let ca = TestCa::new();
    let port = app.https_front(&ca, &["localhost"]);
    let base_url = format!("https://localhost:{port}");

    let untrusted = app
        .create(draft(&base_url, system_trust(), no_proxy()))
        .unwrap();
    assert_certificate_problem(app.test_connection(&untrusted), "unknown_issuer");

    // The same server, its CA in a file named by the profile: a real logon and CSRF fetch.
    let ca_file = app.write_file("company-ca.pem", &ca.pem);
    let trusted = app.configure_sandbox_profile(
        &base_url,
        json!({"extra_ca_file": ca_file, "insecure": false}),
        no_proxy(),
    );
    let report = assert_connected(app.test_connection(&trusted));
    assert_eq!(report["insecure_tls"], false, "{report}");
    assert!(
        report["service_url"]
            .as_str()
            .unwrap()
            .starts_with("https://localhost:"),
        "{report}"
    );
}

#[test]
fn a_certificate_for_another_host_is_a_name_mismatch() {
    let app = start();
    let ca = TestCa::new();
    let port = app.https_front(&ca, &["erp.other.example"]);
    let ca_file = app.write_file("company-ca.pem", &ca.pem);
    let profile = app
        .create(draft(
            &format!("https://localhost:{port}"),
            json!({"extra_ca_file": ca_file, "insecure": false}),
            no_proxy(),
        ))
        .unwrap();
    assert_certificate_problem(app.test_connection(&profile), "name_mismatch");
}

#[test]
fn the_insecure_switch_connects_and_is_shown_on_the_profile() {
    let app = start();
    let ca = TestCa::new();
    let port = app.https_front(&ca, &["erp.other.example"]);
    let profile = app.configure_sandbox_profile(
        &format!("https://localhost:{port}"),
        json!({"extra_ca_file": null, "insecure": true}),
        no_proxy(),
    );
    assert_eq!(profile["profile"]["settings"]["tls"]["insecure"], true);
    let report = assert_connected(app.test_connection(&profile));
    assert_eq!(report["insecure_tls"], true, "{report}");

    let listed = app.invoke("profiles_list", json!({})).unwrap();
    let view = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|view| view["profile"]["id"] == profile["profile"]["id"])
        .unwrap();
    assert_eq!(view["profile"]["settings"]["tls"]["insecure"], true);
}

#[test]
fn an_unreadable_ca_file_is_a_field_error_without_a_network_call() {
    let app = start();
    // Nothing listens here: a network attempt would be a network error, not a field error.
    let base_url = format!("https://localhost:{}", closed_port());
    let missing = app.dir.path().join("no-such-ca.pem").display().to_string();
    let error = app
        .create(draft(
            &base_url,
            json!({"extra_ca_file": missing, "insecure": false}),
            no_proxy(),
        ))
        .unwrap_err();
    assert_eq!(error["kind"], "validation", "{error}");
    let fields: Vec<&str> = error["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, vec!["tls.extra_ca_file"], "{error}");

    // A CA file that disappears after saving: the connection test names the field.
    let ca_file = app.write_file("company-ca.pem", &TestCa::new().pem);
    let profile = app
        .create(draft(
            &base_url,
            json!({"extra_ca_file": ca_file, "insecure": false}),
            no_proxy(),
        ))
        .unwrap();
    std::fs::remove_file(&ca_file).unwrap();
    let error = app.test_connection(&profile).unwrap_err();
    assert_eq!(error["kind"], "validation", "{error}");
    assert_eq!(error["fields"][0]["field"], "tls.extra_ca_file", "{error}");
}

#[test]
fn a_closed_manual_proxy_is_a_proxy_failure_unless_the_host_bypasses_it() {
    let app = start();
    let sandbox = app.sandbox_address();
    let (sandbox_host, _) = url_parts(&format!("http://{sandbox}"));
    let proxy_url = format!("http://127.0.0.1:{}", closed_port());
    let base_url = format!("http://{sandbox}");

    let through_proxy = app
        .create(draft(
            &base_url,
            system_trust(),
            json!({"mode": "manual", "url": proxy_url, "bypass": []}),
        ))
        .unwrap();
    let error = app.test_connection(&through_proxy).unwrap_err();
    assert_eq!(error["kind"], "network", "{error}");
    assert_eq!(error["phase"], "proxy", "{error}");

    let bypassing = app.configure_sandbox_profile(
        &base_url,
        system_trust(),
        json!({"mode": "manual", "url": proxy_url, "bypass": [sandbox_host]}),
    );
    assert_connected(app.test_connection(&bypassing));
}

#[test]
fn proxy_credentials_never_reach_an_answer_or_the_store_file() {
    let app = start();
    let secret = "Proxy-Pw-that-must-stay-secret-7";
    let proxy_url = format!("http://proxyuser:{secret}@127.0.0.1:{}", closed_port());
    let base_url = format!("http://{}", app.sandbox_address());
    let with_credentials = draft(
        &base_url,
        system_trust(),
        json!({"mode": "manual", "url": proxy_url, "bypass": []}),
    );

    let mut answers = Vec::new();
    let created = app.create(with_credentials.clone());
    answers.push(format!("{created:?}"));
    let plain = app
        .create(draft(&base_url, system_trust(), no_proxy()))
        .unwrap();
    let updated = app.invoke(
        "profile_update",
        json!({"id": plain["profile"]["id"], "draft": with_credentials}),
    );
    answers.push(format!("{updated:?}"));
    if let Ok(view) = &created {
        answers.push(format!("{:?}", app.test_connection(view)));
    }
    // Neither is saved: the form is told which field to change.
    for refused in [&created, &updated] {
        let error = refused.as_ref().expect_err("credentials in the proxy URL");
        assert_eq!(error["kind"], "validation", "{error}");
        assert_eq!(error["fields"][0]["field"], "proxy.url", "{error}");
    }
    answers.push(format!("{:?}", app.test_connection(&plain)));
    answers.push(app.invoke("profiles_list", json!({})).unwrap().to_string());

    for answer in &answers {
        assert!(
            !answer.contains(secret),
            "the proxy password leaked: {answer}"
        );
    }
    let store = app.store_file();
    assert!(
        store.contains("TLS test"),
        "the profiles are saved: {store}"
    );
    assert!(
        !store.contains(secret),
        "the proxy password is in the store file"
    );
}
