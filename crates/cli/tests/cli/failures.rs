//! Every exit code, and what is (never) printed when things go wrong.

use sandbox::{Expiry, FaultConfig};

use crate::support::{assert_golden, Adesk, TestSystem, IN_DEVELOPMENT, PASSWORD};

#[test]
fn a_wrong_password_is_exit_3_and_the_password_is_never_printed() {
    let system = TestSystem::start();
    let wrong = "Hunter2-wrong!";
    for args in [
        vec!["wi", "show", IN_DEVELOPMENT],
        vec!["-vv", "agent", "health"],
        vec!["test", "--json"],
    ] {
        let run = system
            .adesk()
            .env("ADESK_PASSWORD", wrong)
            .run(&args)
            .expect(3);
        assert!(
            run.stderr.contains("rejected the logon of user DEVELOPER"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            !run.printed().contains(wrong),
            "{args:?} printed the password"
        );
        assert!(!run.printed().contains(PASSWORD));
    }
    let json = system
        .adesk()
        .env("ADESK_PASSWORD", wrong)
        .run(&["agent", "health", "--json"])
        .expect(3)
        .json();
    assert_eq!(json["exit_code"], 3);
    assert_eq!(json["error"]["kind"], "authentication");
    assert_eq!(json["error"]["status"], 401);
    assert_golden("error_authentication", &json);
}

#[test]
fn verbose_logs_show_requests_but_no_secret() {
    let system = TestSystem::start();
    let verbose = system
        .adesk()
        .run(&["-vv", "wi", "comment", IN_DEVELOPMENT, "logged"])
        .expect(0);
    assert!(verbose.stderr.contains("SAP request"), "{}", verbose.stderr);
    assert!(verbose.stderr.contains("toWIText"), "{}", verbose.stderr);
    // Everything a RUST_LOG can ask for: the cookie store stays quiet all the same.
    let traced = system
        .adesk()
        .env("RUST_LOG", "trace")
        .run(&["wi", "comment", IN_DEVELOPMENT, "traced"])
        .expect(0);
    assert!(
        traced.stderr.contains("TRACE"),
        "trace is on: {}",
        traced.stderr
    );
    for run in [verbose, traced] {
        check_no_secret(&run);
    }
}

fn check_no_secret(run: &crate::support::Run) {
    for secret in [
        PASSWORD,
        "SAP_SESSIONID",
        "sap-usercontext",
        "x-csrf-token",
        "Authorization",
    ] {
        assert!(
            !run.printed()
                .to_lowercase()
                .contains(&secret.to_lowercase()),
            "{secret} in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn the_password_comes_from_a_variable_or_standard_input_never_a_flag() {
    let system = TestSystem::start();
    // Standard input.
    system
        .adesk()
        .env_remove("ADESK_PASSWORD")
        .stdin(&format!("{PASSWORD}\n"))
        .run(&["--password-stdin", "agent", "health"])
        .expect(0);
    // A variable of the CI's choosing.
    system
        .adesk()
        .env_remove("ADESK_PASSWORD")
        .env("SAP_QA_PASSWORD", PASSWORD)
        .run(&["--password-env", "SAP_QA_PASSWORD", "agent", "health"])
        .expect(0);
    // None at all.
    let none = system
        .adesk()
        .env_remove("ADESK_PASSWORD")
        .run(&["agent", "health"])
        .expect(3);
    assert!(
        none.stderr
            .contains("no password: ADESK_PASSWORD is not set"),
        "{}",
        none.stderr
    );
    // A flag is refused, and its value is not repeated.
    let flag = system
        .adesk()
        .run(&["agent", "health", "--password", "Sup3rSecret"])
        .expect(2);
    assert!(
        flag.stderr.contains("--password is not accepted"),
        "{}",
        flag.stderr
    );
    assert!(!flag.printed().contains("Sup3rSecret"));
    let joined = system
        .adesk()
        .run(&["--password=Sup3rSecret", "agent", "health"])
        .expect(2);
    assert!(!joined.printed().contains("Sup3rSecret"));
    assert_eq!(
        system.requests(),
        2,
        "only the two runs with a password reached the system"
    );
}

#[test]
fn usage_errors_are_exit_2() {
    let system = TestSystem::start();
    let unknown = system.adesk().run(&["wi", "frobnicate"]).expect(2);
    assert!(unknown.stderr.contains("frobnicate"), "{}", unknown.stderr);
    let csv = system.adesk().run(&["agent", "health", "--csv"]).expect(2);
    assert!(csv.stderr.contains("has no CSV output"), "{}", csv.stderr);
    let nothing = Adesk::bare().run(&["agent", "health"]).expect(2);
    assert!(nothing.stderr.contains("no system"), "{}", nothing.stderr);
    let both = system
        .adesk()
        .env("ADESK_SYSTEM", "QA")
        .run(&["agent", "health"])
        .expect(2);
    assert!(both.stderr.contains("not both"), "{}", both.stderr);
    let client = system
        .adesk()
        .env("ADESK_CLIENT", "1000")
        .run(&["agent", "health"])
        .expect(2);
    assert!(client.stderr.contains("--client"), "{}", client.stderr);
    let destructive = system
        .adesk()
        .run(&["agent", "drop", "zcl_flight_pricing.clas.abap"])
        .expect(2);
    assert!(
        destructive.stderr.contains("--yes"),
        "{}",
        destructive.stderr
    );
    // A command line clap refuses is a JSON document too when --json is on it.
    let refused = system
        .adesk()
        .run(&["wi", "shwo", "--json"])
        .expect(2)
        .json();
    assert_eq!(refused["exit_code"], 2);
    assert_eq!(refused["error"]["kind"], "usage");
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("unrecognized subcommand 'shwo'"),
        "{refused}"
    );
    Adesk::bare().run(&["--help"]).expect(0);
    Adesk::bare().run(&["wi"]).expect(2);
    let json = system
        .adesk()
        .run(&["wi", "show", "nope", "--json"])
        .expect(2)
        .json();
    assert_eq!(json["error"]["kind"], "usage");
    assert_eq!(system.requests(), 0);
}

#[test]
fn no_connection_is_exit_3() {
    // A port nobody listens on: bind one, then free it.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let run = Adesk::bare()
        .env("ADESK_URL", &format!("http://127.0.0.1:{port}"))
        .env("ADESK_USER", "DEVELOPER")
        .env("ADESK_PASSWORD", PASSWORD)
        .env("ADESK_PROXY", "none")
        .run(&["agent", "health", "--json"])
        .expect(3);
    assert_eq!(run.json()["error"]["kind"], "network");
    assert!(run.stderr.contains("connecting"), "{}", run.stderr);
}

#[test]
fn a_server_error_is_exit_4() {
    let system = TestSystem::start();
    system.faults(FaultConfig {
        server_error_every: Some(1),
        server_error_status: Some(503),
        ..FaultConfig::default()
    });
    let run = system
        .adesk()
        .run(&["wi", "show", IN_DEVELOPMENT])
        .expect(4);
    assert!(run.stderr.contains("503"), "{}", run.stderr);
    let missing = TestSystem::start();
    let unknown = missing
        .adesk()
        .run(&["wi", "show", "0050568B3F1C1EDAA8C22D3F4E5A6B7C"])
        .expect(4);
    assert!(
        unknown.stderr.contains("adesk wi show:"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn an_expired_csrf_token_mid_run_is_fetched_again() {
    let system = TestSystem::start();
    // Tokens go stale after two requests of their session: the comment's token is stale
    // by the time the status change is sent.
    system.faults(FaultConfig {
        csrf_expiry: Some(Expiry {
            after_requests: Some(2),
            after_seconds: None,
        }),
        ..FaultConfig::default()
    });
    let dir = crate::support::temp_dir();
    let steps = dir.path().join("pipeline.txt");
    std::fs::write(
        &steps,
        format!(
            "wi show {IN_DEVELOPMENT}\nwi comment {IN_DEVELOPMENT} \"token test\"\nwi texts {IN_DEVELOPMENT}\nwi status E0004 {IN_DEVELOPMENT}\n"
        ),
    )
    .unwrap();
    let run = system
        .adesk()
        .run(&["--file", steps.to_str().unwrap(), "--json"])
        .expect(0);
    let documents = run.json_lines();
    assert_eq!(documents.len(), 4);
    assert_eq!(documents[3]["result"][0]["result"]["outcome"], "done");
    assert_eq!(system.sessions(), 1, "one logon for the whole run");
    // show, fetch, comment, texts, status (403 stale), fetch again, status.
    assert_eq!(system.requests(), 7);
}

#[test]
fn an_ended_session_repeats_reads_but_never_a_change() {
    use sandbox::{SessionExpiry, SessionExpiryMode};
    let system = TestSystem::start();
    // Sessions end after two requests; the next one gets SAP's logon page.
    system.faults(FaultConfig {
        session_expiry: Some(SessionExpiry {
            after_requests: Some(2),
            after_seconds: None,
            mode: SessionExpiryMode::LogonPage,
        }),
        ..FaultConfig::default()
    });
    let dir = crate::support::temp_dir();
    let steps = dir.path().join("steps.txt");
    std::fs::write(
        &steps,
        format!(
            "wi show {IN_DEVELOPMENT}\nwi texts {IN_DEVELOPMENT}\nwi attachments {IN_DEVELOPMENT}\n"
        ),
    )
    .unwrap();
    let reads = system
        .adesk()
        .run(&["--file", steps.to_str().unwrap(), "--json"])
        .expect(0);
    assert_eq!(reads.json_lines().len(), 3);
    // show, texts, attachments (logon page), attachments again on a fresh logon.
    assert_eq!(system.requests(), 4, "the third read was repeated once");

    // show, texts: the session's two requests. The comment's token fetch is a read (fresh
    // logon), its POST the new session's second request; the status change then meets the
    // logon page and is not sent again.
    std::fs::write(
        &steps,
        format!(
            "wi show {IN_DEVELOPMENT}\nwi texts {IN_DEVELOPMENT}\nwi comment {IN_DEVELOPMENT} once\nwi status E0004 {IN_DEVELOPMENT}\n"
        ),
    )
    .unwrap();
    let change = system
        .adesk()
        .run(&["--file", steps.to_str().unwrap()])
        .expect(3);
    assert!(change.stdout.contains("Failed"), "{}", change.stdout);
    assert!(change.stdout.contains("session ended"), "{}", change.stdout);
    let after = system
        .adesk()
        .run(&["wi", "show", IN_DEVELOPMENT, "--json"])
        .expect(0)
        .json();
    assert_eq!(
        after["result"]["status"]["code"], "E0002",
        "not changed behind our back"
    );
}

#[test]
fn odd_answers_and_dropped_connections_have_their_codes() {
    let system = TestSystem::start();
    // A 400 whose error body is not JSON: the server's fault, said as such.
    system.faults(FaultConfig {
        invalid_json_every: Some(1),
        ..FaultConfig::default()
    });
    let odd = system
        .adesk()
        .run(&["agent", "tree", "ZFLIGHT", "--json"])
        .expect(4);
    let kind = odd.json()["error"]["kind"].as_str().unwrap().to_owned();
    assert!(
        ["decode", "http_status", "sap"].contains(&kind.as_str()),
        "{kind}: {}",
        odd.stdout
    );
    // Every connection dropped without an answer: a connection problem.
    system.faults(FaultConfig {
        connection_reset_every: Some(1),
        ..FaultConfig::default()
    });
    let dropped = system
        .adesk()
        .run(&["wi", "show", IN_DEVELOPMENT, "--json"])
        .expect(3);
    assert_eq!(
        dropped.json()["error"]["kind"],
        "network",
        "{}",
        dropped.stdout
    );
}

/// `--password-stdin` on a terminal would echo the password as it is typed: refused. The
/// terminal comes from util-linux `script`; without it the test has nothing to run on.
#[cfg(target_os = "linux")]
#[test]
fn password_stdin_refuses_a_terminal() {
    let Ok(status) = std::process::Command::new("script")
        .arg("--version")
        .output()
    else {
        eprintln!("skipped: no `script` to open a terminal");
        return;
    };
    assert!(status.status.success());
    let system = TestSystem::start();
    let run = system
        .adesk()
        .env_remove("ADESK_PASSWORD")
        .run_in_terminal(&["--password-stdin", "agent", "health"])
        .expect(2);
    assert!(
        run.stdout.contains("--password-stdin reads a pipe"),
        "{}",
        run.stdout
    );
    assert_eq!(system.requests(), 0);
}
