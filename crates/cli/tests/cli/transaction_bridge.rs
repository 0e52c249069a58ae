//! `adesk bridge ...` against the sandbox's transaction bridge: apps and their operations,
//! single runs with their outputs and errors (each with its remedy and exit code), a sales
//! order across a `--file` run, mass runs with a journal that resumes.

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::support::{assert_golden, temp_dir, Adesk, TestSystem, PASSWORD, USER};
use sandbox::FaultConfig;

/// A store file as the app writes it with one bridge system listing `apps`.
fn write_store(dir: &Path, system: &TestSystem, apps: &[&str]) -> PathBuf {
    let store = json!({
        "profiles": {"schema_version": 1, "profiles": [{
            "id": "cccc0000cccc0000cccc0000cccc0000", "is_demo": false,
            "settings": {
                "display_name": "Bridge QA", "service_kind": "transaction_bridge",
                "base_url": system.url(), "client": "", "language": "", "user": USER,
                "auth": "basic",
                "tls": {"extra_ca_file": null, "insecure": false},
                "proxy": {"mode": "none"},
                "timeouts": {"connect_seconds": 15, "request_seconds": 120},
                "git_username": "", "app_ids": apps
            }
        }]},
    });
    let path = dir.join("agent-desk.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&store).unwrap()).unwrap();
    path
}

fn saved(store: &Path) -> Adesk {
    let mut adesk = Adesk::bare();
    adesk
        .env("ADESK_STORE", store.to_str().unwrap())
        .env("ADESK_SYSTEM", "Bridge QA")
        .env("ADESK_PASSWORD", PASSWORD);
    adesk
}

#[test]
fn apps_of_a_saved_bridge_system_with_their_operations() {
    let system = TestSystem::start();
    let dir = temp_dir();
    let store = write_store(
        dir.path(),
        &system,
        &["su01users", "mm03material", "va01order"],
    );
    let table = saved(&store).run(&["bridge", "apps"]).expect(0);
    assert!(table.stdout.starts_with("APP"), "{}", table.stdout);
    assert_eq!(table.stdout.lines().count(), 4, "{}", table.stdout);
    assert!(
        table.stdout.contains("/mtb-bridge/odata/app/mm03material/"),
        "{}",
        table.stdout
    );
    let json = saved(&store)
        .run(&["bridge", "apps", "--json"])
        .expect(0)
        .json();
    assert_eq!(json["result"][0]["app_id"], "su01users");
    assert_eq!(json["result"][0]["operations"], 4);
    assert_golden("bridge_apps", &json);
    // An app the bridge does not know is listed with the reason: exit 1.
    let store = write_store(dir.path(), &system, &["su01users", "nope"]);
    let run = saved(&store).run(&["bridge", "apps"]).expect(1);
    assert!(
        run.stdout.contains("The bridge has no app under this id"),
        "{}",
        run.stdout
    );
    // A URL of the host alone names no app.
    let none = system.bridge().run(&["bridge", "apps"]).expect(2);
    assert!(none.stderr.contains("names no app"), "{}", none.stderr);
    // The URL of an app names it.
    let one = system
        .bridge()
        .env(
            "ADESK_URL",
            &system.handle().transaction_bridge_url("va01order"),
        )
        .run(&["bridge", "apps"])
        .expect(0);
    assert!(one.stdout.contains("va01order"), "{}", one.stdout);
    let test = system
        .bridge()
        .env(
            "ADESK_URL",
            &system.handle().transaction_bridge_url("va01order"),
        )
        .run(&["test", "--service", "transaction-bridge", "--json"])
        .expect(0)
        .json();
    assert_eq!(test["result"]["service"], "transaction_bridge");
    assert_eq!(system.bridge_sessions(), 0, "logged off at the end");
}

#[test]
fn ops_lists_each_operation_with_its_parameters() {
    let system = TestSystem::start();
    let text = system
        .bridge()
        .run(&["bridge", "ops", "mm03material"])
        .expect(0);
    for expected in [
        "DisplayMaterial (function, reads)",
        "WithStock  Edm.Boolean  yes",
        "Plants[] (Plant, PlantName",
    ] {
        assert!(
            text.stdout.contains(expected),
            "{expected}: {}",
            text.stdout
        );
    }
    assert!(!text.stdout.contains("Login ("), "{}", text.stdout);
    let json = system
        .bridge()
        .run(&["bridge", "ops", "su01users", "--json"])
        .expect(0)
        .json();
    let names: Vec<&str> = json["result"]["operations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|op| op["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["FindUsers", "GetUserDetails", "LockUser", "UnlockUser"]
    );
    assert_golden("bridge_ops", &json);
}

#[test]
fn run_prints_the_status_bar_outputs_and_tables_then_logs_off() {
    let system = TestSystem::start();
    let run = system
        .bridge()
        .run(&[
            "bridge",
            "run",
            "su01users",
            "GetUserDetails",
            "--param",
            "UserName=JSMITH",
        ])
        .expect(0);
    for expected in [
        "FirstName:",
        "John",
        "Roles (2 rows)",
        "SAP_BR_INTERNAL_SALES_REP",
    ] {
        assert!(run.stdout.contains(expected), "{expected}: {}", run.stdout);
    }
    let json = system
        .bridge()
        .run(&[
            "bridge",
            "run",
            "su01users",
            "FindUsers",
            "-p",
            "UserName=J*",
            "--json",
        ])
        .expect(0)
        .json();
    assert_eq!(
        json["result"]["state"]["status_bar"]["message_type"],
        "success"
    );
    assert!(json["result"]["output"]["Users"].as_array().is_some());
    assert_golden("bridge_run", &json);
    // The action changes the user master: locked, then the details say so.
    let lock = system
        .bridge()
        .run(&[
            "bridge",
            "run",
            "su01users",
            "LockUser",
            "-p",
            "UserName=JSMITH",
        ])
        .expect(0);
    assert!(lock.stdout.starts_with("[S] "), "{}", lock.stdout);
    let details = system
        .bridge()
        .run(&[
            "bridge",
            "run",
            "su01users",
            "GetUserDetails",
            "-p",
            "UserName=JSMITH",
            "--json",
        ])
        .expect(0)
        .json();
    assert_ne!(details["result"]["output"]["LockStatus"], "Not locked");
    assert_eq!(system.bridge_sessions(), 0, "every run logged off");
}

#[test]
fn a_bridge_with_oauth_client_credentials_from_the_environment() {
    use sandbox::cloud_integration::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
    let system = TestSystem::start();
    let oauth = || {
        let mut adesk = Adesk::bare();
        adesk
            .env(
                "ADESK_URL",
                &system.handle().transaction_bridge_url("su01users"),
            )
            .env(
                "ADESK_TOKEN_URL",
                &system.handle().cloud_integration_token_url(),
            )
            .env("ADESK_CLIENT_ID", DEMO_CLIENT_ID)
            .env("ADESK_CLIENT_SECRET", DEMO_CLIENT_SECRET)
            .env("ADESK_PROXY", "none");
        adesk
    };
    let run = oauth()
        .run(&[
            "bridge",
            "run",
            "su01users",
            "FindUsers",
            "-p",
            "UserName=A*",
        ])
        .expect(0);
    assert!(run.stdout.contains("AWILSON"), "{}", run.stdout);
    assert_eq!(system.token_requests(), 1);
    let wrong = oauth()
        .env("ADESK_CLIENT_SECRET", "Not-it-1")
        .run(&["bridge", "ops", "su01users"])
        .expect(3);
    assert!(wrong.stderr.contains("invalid_client"), "{}", wrong.stderr);
    assert!(!wrong.printed().contains("Not-it-1"));
    assert_eq!(system.bridge_sessions(), 0);
}

#[test]
fn bridge_errors_come_with_their_remedies_and_exit_codes() {
    let system = TestSystem::start();
    let bridge_run = |args: &[&str]| {
        let mut line = vec!["bridge", "run"];
        line.extend(args.iter().copied());
        system.bridge().run(&line)
    };
    // Input refused before sending: exit 2, per field.
    let missing = bridge_run(&["su01users", "GetUserDetails"]).expect(2);
    assert!(
        missing
            .stderr
            .contains("GetUserDetails was not run: UserName: required"),
        "{}",
        missing.stderr
    );
    let json = system
        .bridge()
        .run(&[
            "bridge",
            "run",
            "su01users",
            "GetUserDetails",
            "-p",
            "UserName=FAR_TOO_LONG_A_NAME",
            "--json",
        ])
        .expect(2)
        .json();
    let error = &json["error"];
    assert_eq!(error["kind"], "bridge");
    assert_eq!(error["reason"], "invalid_input");
    assert_eq!(error["remedy"], "correct_input");
    assert_eq!(error["sent"], false);
    assert_eq!(error["fields"][0]["field"], "UserName");
    assert_golden("bridge_run_error", &json);
    bridge_run(&["su01users", "FindUsers", "-p", "UserName"]).expect(2);
    bridge_run(&[
        "su01users",
        "FindUsers",
        "-p",
        "UserName=A",
        "-p",
        "UserName=B",
    ])
    .expect(2);
    let unknown_parameter = bridge_run(&["su01users", "FindUsers", "-p", "Nickname=x"]).expect(2);
    assert!(
        unknown_parameter
            .stderr
            .contains("FindUsers has no parameter Nickname"),
        "{}",
        unknown_parameter.stderr
    );
    // Unknown app and operation: exit 2.
    let app = bridge_run(&["nope", "Anything"]).expect(2);
    assert!(
        app.stderr.contains("The bridge has no app under this id"),
        "{}",
        app.stderr
    );
    let operation = bridge_run(&["su01users", "DeleteUser"]).expect(2);
    assert!(
        operation
            .stderr
            .contains("The app's metadata declares no operation DeleteUser"),
        "{}",
        operation.stderr
    );
    // The transaction refused: exit 1 with SAP GUI's status bar and the failed step.
    let nobody = bridge_run(&["su01users", "GetUserDetails", "-p", "UserName=NOBODY"]).expect(1);
    assert!(
        nobody
            .stderr
            .contains("status bar: E User NOBODY does not exist"),
        "{}",
        nobody.stderr
    );
    assert!(
        nobody.stderr.contains("Control not found"),
        "{}",
        nobody.stderr
    );
    let screen = bridge_run(&[
        "va01order",
        "AddItem",
        "-p",
        "Material=CP-100",
        "-p",
        "Quantity=1",
    ])
    .expect(1);
    assert!(
        screen.stderr.contains("Go Home") && screen.stderr.contains("bridge home"),
        "{}",
        screen.stderr
    );
    // The logon refused: exit 3, the password never printed.
    let wrong = system
        .bridge()
        .env("ADESK_PASSWORD", "Wrong-bridge-1")
        .run(&["bridge", "run", "su01users", "FindUsers"])
        .expect(3);
    assert!(!wrong.printed().contains("Wrong-bridge-1"));
    assert_eq!(system.bridge_sessions(), 0);
}

#[test]
fn a_file_run_keeps_one_bridge_session_through_a_sales_order() {
    let system = TestSystem::start();
    let file = "\
bridge run va01order SaveOrder
bridge home va01order
bridge run va01order StartOrder -p OrderType=OR -p SalesOrganization=1710 -p DistributionChannel=10 -p Division=00 -p SoldToParty=17100001
bridge run va01order AddItem -p Material=CP-100 -p Quantity=2
bridge run va01order SaveOrder
";
    let run = system
        .bridge()
        .stdin(file)
        .run(&["--file", "-", "--keep-going", "--json"])
        .expect(1);
    let documents = run.json_lines();
    let codes: Vec<i64> = documents
        .iter()
        .map(|d| d["exit_code"].as_i64().unwrap())
        .collect();
    assert_eq!(codes, [1, 0, 0, 0, 0], "{}", run.stdout);
    let saved = &documents[4]["result"];
    assert!(
        saved["output"]["SalesOrder"]
            .as_str()
            .is_some_and(|n| !n.is_empty()),
        "{saved}"
    );
    assert!(
        saved["state"]["status_bar"]["text"]
            .as_str()
            .unwrap()
            .contains("has been saved"),
        "{saved}"
    );
    assert_eq!(system.bridge_sessions(), 0, "logged off after the file");
}

fn rows_csv(dir: &Path) -> PathBuf {
    let path = dir.join("users.csv");
    std::fs::write(&path, "UserName\nJSMITH\nNOBODY\nJSMITH\nJSMITH\n").unwrap();
    path
}

fn attempts(json: &Value) -> Vec<u64> {
    json["result"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["attempts"].as_u64().unwrap())
        .collect()
}

#[test]
fn mass_run_with_a_journal_resumes_and_never_sends_a_row_twice() {
    let system = TestSystem::start();
    let dir = temp_dir();
    let csv = rows_csv(dir.path());
    let journal = dir.path().join("run.jsonl");
    let results = dir.path().join("results.csv");
    let line = [
        "bridge",
        "mass-run",
        "su01users",
        "GetUserDetails",
        "--csv-file",
        csv.to_str().unwrap(),
        "--journal",
        journal.to_str().unwrap(),
    ];
    let first = system
        .bridge()
        .run(&[&line[..], &["--results", results.to_str().unwrap()]].concat())
        .expect(1);
    assert!(
        first
            .stderr
            .contains("row 2 failed: User NOBODY does not exist"),
        "{}",
        first.stderr
    );
    assert!(
        first.stdout.contains("4 rows, 3 succeeded, 1 failed"),
        "{}",
        first.stdout
    );
    assert!(first.stdout.contains("--retry-failed"), "{}", first.stdout);
    let exported = std::fs::read_to_string(&results).unwrap();
    assert!(exported.starts_with("Row,UserName,Status"), "{exported}");
    assert_eq!(exported.lines().count(), 5);

    // The same command again: the journal says every row got its answer, nothing is sent.
    let again = system
        .bridge()
        .run(&[&line[..], &["--json"]].concat())
        .expect(1);
    assert!(again.stderr.contains("resuming from"), "{}", again.stderr);
    let json = again.json();
    assert_eq!(json["result"]["resumed"], true);
    assert_eq!(json["result"]["summary"]["succeeded"], 3);
    assert_eq!(attempts(&json), [1, 1, 1, 1]);
    assert_golden("bridge_mass_run", &json);

    // Only the failed row is sent again.
    let retried = system
        .bridge()
        .run(&[&line[..], &["--retry-failed", "--json"]].concat())
        .expect(1)
        .json();
    assert_eq!(attempts(&retried), [1, 2, 1, 1]);
    let csv_out = system
        .bridge()
        .run(&[&line[..], &["--csv"]].concat())
        .expect(1);
    assert!(
        csv_out.stdout.starts_with("Row,UserName,Status"),
        "{}",
        csv_out.stdout
    );

    // The journal belongs to its operation.
    let other = system
        .bridge()
        .run(&[
            "bridge",
            "mass-run",
            "su01users",
            "FindUsers",
            "--journal",
            journal.to_str().unwrap(),
        ])
        .expect(2);
    assert!(
        other.stderr.contains("is the journal of GetUserDetails"),
        "{}",
        other.stderr
    );
    assert_eq!(system.bridge_sessions(), 0);
}

#[test]
fn a_mass_run_without_failures_exits_0_and_bad_rows_are_refused_before_the_start() {
    let system = TestSystem::start();
    let dir = temp_dir();
    let good = dir.path().join("good.csv");
    std::fs::write(&good, "UserName;LastName\nJ*;\n;Smith\n").unwrap();
    let run = system
        .bridge()
        .run(&[
            "bridge",
            "mass-run",
            "su01users",
            "FindUsers",
            "--csv-file",
            good.to_str().unwrap(),
        ])
        .expect(0);
    assert!(
        run.stdout.contains("2 rows, 2 succeeded, 0 failed"),
        "{}",
        run.stdout
    );

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "UserName,Bogus\nJSMITH,x\n,y\n").unwrap();
    let journal = dir.path().join("bad.jsonl");
    let before = system.requests();
    let refused = system
        .bridge()
        .run(&[
            "bridge",
            "mass-run",
            "su01users",
            "GetUserDetails",
            "--csv-file",
            bad.to_str().unwrap(),
            "--journal",
            journal.to_str().unwrap(),
            "--json",
        ])
        .expect(2);
    let json = refused.json();
    assert_eq!(json["error"]["kind"], "input");
    let places: Vec<(u64, Option<&str>)> = json["error"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["row"].as_u64().unwrap(), p["column"].as_str()))
        .collect();
    assert_eq!(places, [(0, Some("Bogus")), (2, Some("UserName"))]);
    assert!(!journal.exists(), "no journal for a refused CSV");
    // Only the metadata was read: no Login, no row.
    assert!(system.requests() - before <= 1);
    let text = system
        .bridge()
        .run(&[
            "bridge",
            "mass-run",
            "su01users",
            "GetUserDetails",
            "--csv-file",
            bad.to_str().unwrap(),
        ])
        .expect(2);
    assert!(
        text.stderr.contains("row 2 (line 3), UserName: required"),
        "{}",
        text.stderr
    );
    let unknown = system
        .bridge()
        .run(&[
            "bridge",
            "mass-run",
            "su01users",
            "DeleteUser",
            "--csv-file",
            good.to_str().unwrap(),
        ])
        .expect(2);
    assert!(
        unknown.stderr.contains("no operation DeleteUser"),
        "{}",
        unknown.stderr
    );
}

/// Ctrl-C in the middle of a mass run: the row being sent gets its answer, the run stops
/// there (exit 130), the app is logged off, and the same command resumes: every row is sent
/// exactly once.
#[test]
fn ctrl_c_stops_a_mass_run_after_its_row_and_the_same_command_resumes() {
    use std::io::{BufRead, BufReader, Read};
    use std::process::{Command, Stdio};
    let system = TestSystem::start();
    // Slow rows, so the run is under way when the signal comes.
    system.faults(FaultConfig {
        latency_ms: 150,
        ..FaultConfig::default()
    });
    let dir = temp_dir();
    let csv = dir.path().join("users.csv");
    std::fs::write(&csv, format!("UserName\n{}", "JSMITH\n".repeat(20))).unwrap();
    let journal = dir.path().join("run.jsonl");
    let args = [
        "bridge",
        "mass-run",
        "su01users",
        "GetUserDetails",
        "--csv-file",
        csv.to_str().unwrap(),
        "--journal",
        journal.to_str().unwrap(),
    ];
    let mut child = Command::new(env!("CARGO_BIN_EXE_adesk"))
        .args(args)
        .env("ADESK_URL", system.url())
        .env("ADESK_USER", USER)
        .env("ADESK_PASSWORD", PASSWORD)
        .env("ADESK_PROXY", "none")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("adesk starts");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut seen = String::new();
    let mut line = String::new();
    while stderr.read_line(&mut line).expect("read") > 0 {
        seen.push_str(&line);
        if line.contains("row 3 succeeded") {
            break;
        }
        line.clear();
    }
    assert!(seen.contains("row 3 succeeded"), "{seen}");
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).expect("read");
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut stdout)
        .expect("read");
    let status = child.wait().expect("adesk ends");
    assert_eq!(status.code(), Some(130), "{seen}{rest}{stdout}");
    assert!(rest.contains("stopping after the row being sent"), "{rest}");
    assert!(stdout.contains("Stopped: stopped by the user"), "{stdout}");
    assert!(stdout.contains("run the command again"), "{stdout}");
    assert_eq!(system.bridge_sessions(), 0, "logged off: {rest}");

    system.faults(FaultConfig::default());
    let resumed = system
        .bridge()
        .run(&[&args[..], &["--json", "-q"]].concat())
        .expect(0)
        .json();
    assert_eq!(resumed["result"]["summary"]["succeeded"], 20);
    let rows = resumed["result"]["rows"].as_array().unwrap();
    assert!(
        rows.iter().all(|row| row["attempts"] == 1),
        "every row sent once: {rows:?}"
    );
}
