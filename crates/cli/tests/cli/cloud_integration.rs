//! `adesk cpi ...` against the sandbox's simulated Cloud Integration tenant: OAuth client
//! credentials from the environment (as in CI) or a saved system, content, deploy to
//! STARTED and to ERROR, undeploy, runtime, the message monitor and its CSV export.

use std::path::{Path, PathBuf};

use sandbox::cloud_integration::{DEMO_CLIENT_ID, DEMO_PASSWORD, DEMO_USER};
use serde_json::{json, Value};

use crate::support::{assert_golden, temp_dir, Adesk, TestSystem};

/// A flow the tenant starts, one that fails to start (a missing credential), one whose
/// build fails (the seed's).
const STARTS: &str = "Send_Invoices_to_SFDC";
const FAILS_TO_START: &str = "Error_Notification_Email";
const BUILD_FAILS: &str = "CostCenter_S4_to_EC";

#[test]
fn packages_and_artifacts_with_one_token_per_run() {
    let system = TestSystem::start();
    let table = system.cpi().run(&["cpi", "packages"]).expect(0);
    assert!(table.stdout.starts_with("ID"), "{}", table.stdout);
    assert!(table.stdout.contains("ZOrderToCash"), "{}", table.stdout);
    assert!(table.stdout.contains("READ_ONLY"), "{}", table.stdout);
    assert_eq!(system.token_requests(), 1, "one token for the run");
    let json = system
        .cpi()
        .run(&["cpi", "packages", "--json"])
        .expect(0)
        .json();
    assert_eq!(json["command"], "cpi packages");
    assert!(json["result"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["id"] == "ZSharedUtilities"));
    assert_golden("cpi_packages", &json);

    let json = system
        .cpi()
        .run(&["cpi", "artifacts", "ZOrderToCash", "--json"])
        .expect(0)
        .json();
    let artifacts = json["result"].as_array().unwrap();
    let kinds: Vec<&str> = artifacts
        .iter()
        .filter_map(|a| a["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"integration_flow"), "{kinds:?}");
    assert!(kinds.contains(&"message_mapping"), "{kinds:?}");
    assert!(artifacts.iter().any(|a| a["id"] == STARTS));
    assert_golden("cpi_artifacts", &json);
    let table = system
        .cpi()
        .run(&["cpi", "artifacts", "ZOrderToCash"])
        .expect(0);
    assert!(table.stdout.contains("message mapping"), "{}", table.stdout);
    // A file of commands shares one session: one token for both.
    let before = system.token_requests();
    system
        .cpi()
        .stdin("cpi packages\ncpi artifacts ZHRMasterData\n")
        .run(&["--file", "-", "--json"])
        .expect(0);
    assert_eq!(system.token_requests() - before, 1);
}

#[test]
fn deploy_waits_until_the_flow_is_started() {
    let system = TestSystem::start();
    let run = system
        .cpi()
        .run(&["cpi", "deploy", STARTS, "--wait", "--json"])
        .expect(0);
    let json = run.json();
    assert_eq!(json["result"]["runtime_status"], "STARTED");
    assert_eq!(json["result"]["build_status"], "success");
    assert_eq!(json["result"]["artifact"]["id"], STARTS);
    assert_golden("cpi_deploy_wait", &json);
    // Progress lines in a CI log (standard error is no terminal): the build, then the start.
    assert!(run.stderr.contains("DEPLOYING"), "{}", run.stderr);
    assert!(run.stderr.contains("STARTING"), "{}", run.stderr);
    assert!(run.stderr.contains("STARTED"), "{}", run.stderr);
    let text = system
        .cpi()
        .run(&["cpi", "runtime", "--name", STARTS])
        .expect(0);
    assert!(text.stdout.contains("STARTED"), "{}", text.stdout);
}

#[test]
fn a_deploy_that_ends_in_error_exits_1_with_the_tenants_root_cause() {
    let system = TestSystem::start();
    let run = system
        .cpi()
        .run(&["cpi", "deploy", FAILS_TO_START, "--wait"])
        .expect(1);
    let first = run
        .stderr
        .lines()
        .find(|line| line.starts_with("adesk cpi deploy:"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert_eq!(
        first,
        "adesk cpi deploy: Error_Notification_Email is in ERROR: com.sap.it.rt.adapter.mail.MailAdapterException: No credentials for 'smtp_cred' found"
    );
    // Then the error's other lines (the wrapping exception), as the app's job shows them.
    assert!(
        run.stderr.contains("ComponentDefinitionException"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let json = system
        .cpi()
        .run(&["cpi", "deploy", FAILS_TO_START, "--wait", "--json", "-q"])
        .expect(1)
        .json();
    assert_eq!(json["exit_code"], 1);
    assert_eq!(json["error"]["kind"], "deploy_failed");
    assert_eq!(json["error"]["runtime_status"], "ERROR");
    assert_eq!(
        json["error"]["error"]["summary"],
        "com.sap.it.rt.adapter.mail.MailAdapterException: No credentials for 'smtp_cred' found"
    );
    assert_golden("cpi_deploy_error", &json);
}

#[test]
fn a_build_that_fails_exits_1_and_says_so() {
    let system = TestSystem::start();
    let run = system
        .cpi()
        .run(&["cpi", "deploy", BUILD_FAILS, "--wait"])
        .expect(1);
    assert!(
        run.stderr.contains(
            "CostCenter_S4_to_EC is in FAIL: The build of CostCenter_S4_to_EC ended with FAIL"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_watch_that_times_out_says_the_deployment_goes_on() {
    let system = TestSystem::start();
    let run = system
        .cpi()
        .run(&["cpi", "deploy", STARTS, "--wait", "--wait-timeout", "1"])
        .expect(3);
    assert!(
        run.stderr.contains("the deployment goes on")
            && run
                .stderr
                .contains("adesk cpi runtime --name Send_Invoices_to_SFDC"),
        "{}",
        run.stderr
    );
    // --wait-timeout belongs to --wait.
    system
        .cpi()
        .run(&["cpi", "deploy", STARTS, "--wait-timeout", "5"])
        .expect(2);
}

#[test]
fn deploy_without_waiting_then_undeploy_with_yes() {
    let system = TestSystem::start();
    let started = system
        .cpi()
        .run(&["cpi", "deploy", STARTS, "--json"])
        .expect(0)
        .json();
    assert_eq!(started["result"]["kind"], "integration_flow");
    assert!(!started["result"]["task_id"].as_str().unwrap().is_empty());
    assert_golden("cpi_deploy", &started);

    let refused = system
        .cpi()
        .run(&["cpi", "undeploy", "Replicate_SalesOrders_SFDC_to_S4"])
        .expect(2);
    assert!(refused.stderr.contains("add --yes"), "{}", refused.stderr);
    let json = system
        .cpi()
        .run(&[
            "cpi",
            "undeploy",
            "Replicate_SalesOrders_SFDC_to_S4",
            "--yes",
            "--json",
        ])
        .expect(0)
        .json();
    assert_golden("cpi_undeploy", &json);
    let runtime = system
        .cpi()
        .run(&[
            "cpi",
            "runtime",
            "--name",
            "Replicate_SalesOrders",
            "--json",
        ])
        .expect(0)
        .json();
    let statuses: Vec<&str> = runtime["result"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["status"].as_str())
        .collect();
    assert!(
        statuses.is_empty() || statuses == ["STOPPING"],
        "undeployed: {statuses:?}"
    );
    // Not deployed (any more): the tenant's 404, exit 4.
    let again = system
        .cpi()
        .run(&["cpi", "undeploy", "No_Such_Flow", "--yes"])
        .expect(4);
    assert!(again.stderr.contains("is not deployed"), "{}", again.stderr);
}

#[test]
fn runtime_filters_by_status_and_name() {
    let system = TestSystem::start();
    let json = system
        .cpi()
        .run(&["cpi", "runtime", "--status", "error", "--json"])
        .expect(0)
        .json();
    let artifacts = json["result"].as_array().unwrap();
    assert_eq!(artifacts.len(), 1, "{artifacts:?}");
    assert_eq!(artifacts[0]["id"], FAILS_TO_START);
    assert_golden("cpi_runtime", &json);
    let named = system
        .cpi()
        .run(&["cpi", "runtime", "--name", "sfdc", "--json"])
        .expect(0)
        .json();
    let named = named["result"].as_array().unwrap();
    assert!(!named.is_empty());
    assert!(named.iter().all(|a| {
        let text = format!("{} {}", a["id"], a["name"]).to_lowercase();
        text.contains("sfdc") || text.contains("salesforce")
    }));
    let all = system.cpi().run(&["cpi", "runtime"]).expect(0);
    assert!(all.stdout.contains("STARTED") && all.stdout.contains("ERROR"));
    let bad = system
        .cpi()
        .run(&["cpi", "runtime", "--status", "RUNNING"])
        .expect(2);
    assert!(bad.stderr.contains("STARTED, STARTING, ERROR, STOPPING"));
}

fn guids(messages: &Value) -> Vec<String> {
    messages
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["message_guid"].as_str().unwrap().to_owned())
        .collect()
}

fn csv_guids(path: &Path) -> Vec<String> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    assert_eq!(&reader.headers().unwrap()[0], "MessageGuid");
    reader
        .records()
        .map(|record| record.unwrap()[0].to_owned())
        .collect()
}

#[test]
fn messages_newest_first_with_the_monitors_filters_and_a_csv_export() {
    let system = TestSystem::start();
    let dir = temp_dir();
    let export: PathBuf = dir.path().join("failed.csv");
    let run = system
        .cpi()
        .run(&[
            "cpi",
            "messages",
            "--status",
            "FAILED",
            "--last",
            "7d",
            "--limit",
            "5",
            "--csv-file",
            export.to_str().unwrap(),
            "--json",
        ])
        .expect(0);
    let json = run.json();
    let result = &json["result"];
    assert_eq!(result["shown"], 5);
    assert!(result["total"].as_f64().unwrap() > 5.0, "{result}");
    let messages = result["messages"].as_array().unwrap();
    assert!(messages.iter().all(|m| m["status"] == "FAILED"));
    let ends: Vec<&str> = messages
        .iter()
        .map(|m| m["log_end"].as_str().unwrap())
        .collect();
    let mut newest_first = ends.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(ends, newest_first, "newest first");
    assert_golden("cpi_messages", &json);
    // The file is the crate's export of the same rows.
    assert_eq!(csv_guids(&export), guids(&result["messages"]));

    // Each filter of the monitor narrows to what it names.
    let first = &messages[0];
    for (flag, key) in [
        ("--flow", "integration_flow"),
        ("--sender", "sender"),
        ("--receiver", "receiver"),
        ("--app-message-id", "application_message_id"),
        ("--correlation-id", "correlation_id"),
    ] {
        let value = first[key].as_str().unwrap();
        let json = system
            .cpi()
            .run(&["cpi", "messages", flag, value, "--limit", "20", "--json"])
            .expect(0)
            .json();
        let found = json["result"]["messages"].as_array().unwrap();
        assert!(!found.is_empty(), "{flag} {value}");
        assert!(found.iter().all(|m| m[key] == value), "{flag} {value}");
    }

    // More than one of the tenant's pages of 1,000, through __next.
    let many = system
        .cpi()
        .run(&["cpi", "messages", "--limit", "1500", "--json"])
        .expect(0)
        .json();
    assert_eq!(many["result"]["shown"], 1500);
    let guids = guids(&many["result"]["messages"]);
    let mut unique = guids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 1500, "no message twice across pages");

    // --csv prints the export itself.
    let csv = system
        .cpi()
        .run(&[
            "cpi", "messages", "--status", "RETRY", "--limit", "3", "--csv",
        ])
        .expect(0);
    assert!(
        csv.stdout.starts_with("MessageGuid,Status,"),
        "{}",
        csv.stdout
    );
    assert_eq!(csv.stdout.lines().count(), 4, "{}", csv.stdout);
    let table = system
        .cpi()
        .run(&["cpi", "messages", "--limit", "3"])
        .expect(0);
    assert!(table.stdout.starts_with("LOG END"), "{}", table.stdout);
    assert!(
        table.stdout.contains("3 of ") && table.stdout.contains("newest first"),
        "{}",
        table.stdout
    );
}

#[test]
fn a_failed_message_in_detail_and_the_endpoints() {
    let system = TestSystem::start();
    let list = system
        .cpi()
        .run(&[
            "cpi", "messages", "--status", "FAILED", "--limit", "1", "--json",
        ])
        .expect(0)
        .json();
    let guid = list["result"]["messages"][0]["message_guid"]
        .as_str()
        .unwrap()
        .to_owned();
    let text = system.cpi().run(&["cpi", "message", &guid]).expect(0);
    for expected in ["Status:", "FAILED", "\nError\n", "Attachments", "Run "] {
        assert!(
            text.stdout.contains(expected),
            "{expected}: {}",
            text.stdout
        );
    }
    let json = system
        .cpi()
        .run(&["cpi", "message", &guid, "--json"])
        .expect(0)
        .json();
    assert_eq!(json["result"]["log"]["message_guid"], guid.as_str());
    assert!(!json["result"]["error_text"].as_str().unwrap().is_empty());
    assert_golden("cpi_message", &json);
    let missing = system
        .cpi()
        .run(&["cpi", "message", "AGnoSuchMessage000000000000"])
        .expect(4);
    assert!(
        missing.stderr.contains("does not exist"),
        "{}",
        missing.stderr
    );

    let endpoints = system
        .cpi()
        .run(&["cpi", "endpoints", "--json"])
        .expect(0)
        .json();
    let urls: Vec<&str> = endpoints["result"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["entry_points"].as_array().unwrap())
        .filter_map(|p| p["url"].as_str())
        .collect();
    assert!(
        urls.iter()
            .any(|url| url.ends_with("/http/o2c/salesorders")),
        "{urls:?}"
    );
    assert_golden("cpi_endpoints", &endpoints);
    let table = system.cpi().run(&["cpi", "endpoints"]).expect(0);
    assert!(table.stdout.starts_with("FLOW"), "{}", table.stdout);
}

#[test]
fn fail_on_failed_exits_1_when_the_filter_matches_failed_messages() {
    let system = TestSystem::start();
    let run = system
        .cpi()
        .run(&[
            "cpi",
            "messages",
            "--last",
            "7d",
            "--limit",
            "1",
            "--fail-on-failed",
        ])
        .expect(1);
    assert!(run.stdout.contains("FAILED messages: "), "{}", run.stdout);
    let json = system
        .cpi()
        .run(&[
            "cpi",
            "messages",
            "--status",
            "FAILED",
            "--limit",
            "1",
            "--fail-on-failed",
            "--json",
        ])
        .expect(1)
        .json();
    // Counted beyond --limit: one shown, all of them counted.
    assert_eq!(json["result"]["shown"], 1);
    assert!(json["result"]["failed"].as_f64().unwrap() > 1.0, "{json}");
    for quiet in [
        vec!["--status", "COMPLETED"],
        vec!["--sender", "NO_SUCH_SENDER"],
    ] {
        let mut args = vec![
            "cpi",
            "messages",
            "--limit",
            "1",
            "--fail-on-failed",
            "--json",
        ];
        args.extend(quiet.iter().copied());
        let json = system.cpi().run(&args).expect(0).json();
        assert_eq!(json["result"]["failed"], 0.0, "{quiet:?}");
    }
}

#[test]
fn message_filters_are_checked_before_anything_is_sent() {
    let system = TestSystem::start();
    let before = system.requests();
    let tokens = system.token_requests();
    for (args, expected) in [
        (vec!["--status", "BROKEN"], "COMPLETED, PROCESSING"),
        (
            vec!["--since", "yesterday"],
            "--since: 'yesterday' is not a point in time",
        ),
        (
            vec![
                "--since",
                "2026-12-01T10:00:00Z",
                "--until",
                "2026-12-01T09:00:00Z",
            ],
            "--until: the time window ends before it starts",
        ),
        (vec!["--last", "1y"], "--last \"1y\""),
        (vec!["--header", "no-equals"], "NAME=VALUE"),
        (vec!["--limit", "0"], "--limit"),
        (
            vec!["--last", "1h", "--since", "2026-12-01T10:00:00Z"],
            "cannot be used with",
        ),
    ] {
        let mut line = vec!["cpi", "messages"];
        line.extend(args.iter().copied());
        let run = system.cpi().run(&line).expect(2);
        assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
    }
    assert_eq!(system.token_requests(), tokens, "no token asked for");
    assert_eq!(system.requests(), before);
}

#[test]
fn a_wrong_or_missing_client_secret_is_exit_3_and_never_printed() {
    let system = TestSystem::start();
    let wrong = system
        .cpi()
        .env("ADESK_CLIENT_SECRET", "Not-the-secret-42")
        .run(&["cpi", "packages"])
        .expect(3);
    assert!(wrong.stderr.contains("invalid_client"), "{}", wrong.stderr);
    assert!(
        wrong.stderr.contains("ADESK_CLIENT_SECRET"),
        "{}",
        wrong.stderr
    );
    assert!(!wrong.printed().contains("Not-the-secret-42"));
    let json = system
        .cpi()
        .env("ADESK_CLIENT_SECRET", "Not-the-secret-42")
        .run(&["cpi", "packages", "--json"])
        .expect(3)
        .json();
    assert_eq!(json["error"]["kind"], "token_rejected");

    let missing = system
        .cpi()
        .env_remove("ADESK_CLIENT_SECRET")
        .run(&["cpi", "packages"])
        .expect(3);
    assert!(
        missing
            .stderr
            .contains("no client secret: ADESK_CLIENT_SECRET is not set"),
        "{}",
        missing.stderr
    );
    // Another variable by name, or standard input.
    system
        .cpi()
        .env_remove("ADESK_CLIENT_SECRET")
        .env("CPI_SECRET", sandbox::cloud_integration::DEMO_CLIENT_SECRET)
        .run(&["--client-secret-env", "CPI_SECRET", "cpi", "packages"])
        .expect(0);
    system
        .cpi()
        .env_remove("ADESK_CLIENT_SECRET")
        .stdin(&format!(
            "{}\n",
            sandbox::cloud_integration::DEMO_CLIENT_SECRET
        ))
        .run(&["--password-stdin", "cpi", "packages"])
        .expect(0);
    // Never a flag, whatever follows it.
    let flag = system
        .cpi()
        .run(&["cpi", "packages", "--client-secret", "Visible-1"])
        .expect(2);
    assert!(flag.stderr.contains("--client-secret is not accepted"));
    assert!(!flag.printed().contains("Visible-1"));
    // OAuth needs the client id too.
    let no_id = system
        .cpi()
        .env_remove("ADESK_CLIENT_ID")
        .run(&["cpi", "packages"])
        .expect(2);
    assert!(
        no_id.stderr.contains("--client-id (ADESK_CLIENT_ID)"),
        "{}",
        no_id.stderr
    );
}

#[test]
fn basic_authentication_with_a_user_and_a_wrong_password() {
    let system = TestSystem::start();
    let basic = |password: &str| {
        let mut adesk = Adesk::bare();
        adesk
            .env("ADESK_URL", &system.handle().cloud_integration_url())
            .env("ADESK_USER", DEMO_USER)
            .env("ADESK_PASSWORD", password)
            .env("ADESK_PROXY", "none");
        adesk
    };
    basic(DEMO_PASSWORD)
        .run(&["cpi", "runtime", "--status", "ERROR"])
        .expect(0);
    let wrong = basic("Wrong-password-1")
        .run(&["cpi", "packages"])
        .expect(3);
    assert!(wrong.stderr.contains("ADESK_PASSWORD"), "{}", wrong.stderr);
    assert!(!wrong.printed().contains("Wrong-password-1"));
    let test = basic(DEMO_PASSWORD)
        .run(&["test", "--service", "cloud-integration", "--json"])
        .expect(0)
        .json();
    assert_eq!(test["result"]["service"], "cloud_integration");
    assert_eq!(test["result"]["user"], DEMO_USER);
}

/// A store file as the app writes it with Cloud Integration profiles (OAuth and API key).
fn write_store(dir: &Path, system: &TestSystem) -> PathBuf {
    let handle = system.handle();
    let profile = |id: &str, name: &str, auth: &str| {
        json!({
            "id": id, "is_demo": false,
            "settings": {
                "display_name": name, "service_kind": "cloud_integration",
                "base_url": handle.cloud_integration_url(),
                "client": "", "language": "", "user": "", "auth": auth,
                "tls": {"extra_ca_file": null, "insecure": false},
                "proxy": {"mode": "none"},
                "timeouts": {"connect_seconds": 15, "request_seconds": 120},
                "git_username": "",
                "oauth": {"token_url": handle.cloud_integration_token_url(), "client_id": DEMO_CLIENT_ID}
            }
        })
    };
    let store = json!({
        "profiles": {"schema_version": 1, "profiles": [
            profile("aaaa0000aaaa0000aaaa0000aaaa0000", "CPI dev", "oauth_client_credentials"),
            profile("bbbb0000bbbb0000bbbb0000bbbb0000", "API hub sandbox", "api_key"),
        ]},
    });
    let path = dir.join("agent-desk.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&store).unwrap()).unwrap();
    path
}

#[test]
fn a_saved_tenant_with_its_client_secret_and_a_read_only_api_key_tenant() {
    let system = TestSystem::start();
    let dir = temp_dir();
    let store = write_store(dir.path(), &system);
    let saved = || {
        let mut adesk = Adesk::bare();
        adesk.env("ADESK_STORE", store.to_str().unwrap());
        adesk
    };
    // No keyring here: the secret comes from the variable of the profile's method.
    let no_secret = saved().run(&["-s", "CPI dev", "cpi", "packages"]).expect(3);
    assert!(
        no_secret.stderr.contains("no client secret")
            && no_secret.stderr.contains("ADESK_CLIENT_SECRET"),
        "{}",
        no_secret.stderr
    );
    saved()
        .env(
            "ADESK_CLIENT_SECRET",
            sandbox::cloud_integration::DEMO_CLIENT_SECRET,
        )
        .run(&["-s", "CPI dev", "cpi", "runtime"])
        .expect(0);
    let systems = saved().run(&["systems"]).expect(0);
    assert!(
        systems.stdout.contains("Cloud Integration"),
        "{}",
        systems.stdout
    );
    // Who it signs in as: the OAuth client, or an API key.
    assert!(
        systems.stdout.contains(DEMO_CLIENT_ID),
        "{}",
        systems.stdout
    );
    assert!(systems.stdout.contains("API key"), "{}", systems.stdout);
    // The saved system has its own client id: the flag belongs to --url.
    let mixed = saved()
        .run(&["-s", "CPI dev", "--client-id", "x", "cpi", "packages"])
        .expect(2);
    assert!(mixed.stderr.contains("--client-id belongs to --url"));
    // Other services need their own kind of system.
    let wrong_kind = saved()
        .env("ADESK_PASSWORD", "x")
        .run(&["-s", "CPI dev", "wi", "list"])
        .expect(2);
    assert!(
        wrong_kind.stderr.contains(
            "CPI dev is a Cloud Integration system; this command needs a Focused Build system"
        ),
        "{}",
        wrong_kind.stderr
    );
    // An API key only reads: changes are refused with the profile's reason, nothing sent.
    let before = system.requests();
    for line in [
        vec!["-s", "API hub sandbox", "cpi", "deploy", STARTS],
        vec!["-s", "API hub sandbox", "cpi", "undeploy", STARTS, "--yes"],
    ] {
        let refused = saved()
            .env("ADESK_API_KEY", "some-key")
            .run(&line)
            .expect(2);
        assert!(
            refused.stderr.contains("only allows reading"),
            "{}",
            refused.stderr
        );
    }
    assert_eq!(system.requests(), before, "nothing sent");
}

/// The client secret saved by the app in the keyring serves the terminal. Needs a Secret
/// Service (see `a_saved_system_uses_the_password_the_app_put_in_the_keyring`).
#[test]
fn a_saved_tenant_uses_the_client_secret_the_app_put_in_the_keyring() {
    use profiles::{KeyringSecretStore, ProfileId, SecretKind, SecretStore};
    if std::env::var_os("AGENT_DESK_KEYRING_TESTS").is_none() {
        eprintln!(
            "skipped: set AGENT_DESK_KEYRING_TESTS=1 inside a D-Bus session with gnome-keyring"
        );
        return;
    }
    let system = TestSystem::start();
    let dir = temp_dir();
    let id = ProfileId::generate();
    let store = write_store(dir.path(), &system);
    let text = std::fs::read_to_string(&store)
        .unwrap()
        .replace("aaaa0000aaaa0000aaaa0000aaaa0000", id.as_str());
    std::fs::write(&store, text).unwrap();
    let keyring = KeyringSecretStore::new("com.agentdesk.desktop");
    keyring
        .set(
            &id,
            SecretKind::ClientSecret,
            &sap_http::Secret::new(sandbox::cloud_integration::DEMO_CLIENT_SECRET),
        )
        .expect("the keyring is reachable");
    let from_keyring = Adesk::bare()
        .session_bus()
        .env("ADESK_STORE", store.to_str().unwrap())
        .run(&["-s", "CPI dev", "cpi", "packages", "--json"]);
    keyring
        .set(
            &id,
            SecretKind::ClientSecret,
            &sap_http::Secret::new("Wrong-in-keyring1"),
        )
        .unwrap();
    let wrong = Adesk::bare()
        .session_bus()
        .env("ADESK_STORE", store.to_str().unwrap())
        .run(&["-s", "CPI dev", "cpi", "packages"]);
    keyring.delete_all(&id).unwrap();
    from_keyring.expect(0);
    let wrong = wrong.expect(3);
    assert!(!wrong.printed().contains("Wrong-in-keyring1"));
}
