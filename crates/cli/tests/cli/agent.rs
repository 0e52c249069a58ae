//! `adesk agent ...` against the sandbox's abapGit Agent handler.

use sandbox::SandboxConfig;

use crate::support::{assert_golden, temp_dir, TestSystem};

const ZFLIGHT_REPO: &str = "https://github.com/agent-desk/zflight.git";
const DEMO_REPO: &str = "https://github.com/agent-desk/abap-demo.git";
const HELLO_REPO: &str = "https://github.com/abapgit-tests/hello-world.git";

/// A new workbench request to pull into.
fn new_transport(system: &TestSystem) -> String {
    let created = system
        .adesk()
        .run(&["agent", "transport", "create", "adesk tests", "--json"])
        .expect(0)
        .json();
    created["result"]["number"]
        .as_str()
        .expect("number")
        .to_owned()
}

#[test]
fn health_and_repository_status() {
    let system = TestSystem::start();
    let health = system.adesk().run(&["agent", "health"]).expect(0);
    assert_eq!(health.stdout, "OK (version 1.18.1)\n");
    let json = system
        .adesk()
        .run(&["agent", "health", "--json"])
        .expect(0)
        .json();
    assert_golden("agent_health", &json);
    let status = system
        .adesk()
        .run(&["agent", "status", ZFLIGHT_REPO, "--json"])
        .expect(0)
        .json();
    assert_eq!(status["result"]["package"], "ZFLIGHT");
    assert_golden("agent_status", &status);
    let token_in_url = system
        .adesk()
        .run(&[
            "agent",
            "status",
            "https://user:ghp_secret@github.com/x/y.git",
        ])
        .expect(2);
    assert!(
        token_in_url
            .stderr
            .contains("remove the user name and token from the URL"),
        "{}",
        token_in_url.stderr
    );
    assert!(
        !token_in_url.printed().contains("ghp_secret"),
        "{token_in_url:?}"
    );
}

#[test]
fn create_pull_and_delete_a_repository() {
    let system = TestSystem::start();
    system
        .adesk()
        .run(&["agent", "create", HELLO_REPO, "--package", "$ZDEMO_SANDBOX"])
        .expect(0);
    let transport = new_transport(&system);
    let pull = system
        .adesk()
        .run(&[
            "agent",
            "pull",
            HELLO_REPO,
            "--transport",
            &transport,
            "--json",
        ])
        .expect(0)
        .json();
    assert_eq!(pull["result"]["success"], true);
    assert_golden("agent_pull", &pull);
    let refused = system
        .adesk()
        .run(&["agent", "delete", HELLO_REPO])
        .expect(2);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    system
        .adesk()
        .run(&["agent", "delete", HELLO_REPO, "--yes"])
        .expect(0);
    let gone = system
        .adesk()
        .run(&["agent", "status", HELLO_REPO, "--json"])
        .expect(0)
        .json();
    assert!(gone["result"]["repo_key"].is_null(), "{gone}");
}

#[test]
fn a_pull_with_failed_objects_is_a_finding() {
    let system = TestSystem::start();
    let transport = new_transport(&system);
    let run = system
        .adesk()
        .run(&["agent", "pull", DEMO_REPO, "--transport", &transport])
        .expect(1);
    assert!(run.stdout.contains("ZCL_DEMO_GREETER"), "{}", run.stdout);
    assert!(run.stdout.contains("1 failed"), "{}", run.stdout);
}

#[test]
fn a_big_pull_runs_as_a_job_with_progress_lines_in_a_log() {
    let system = TestSystem::start();
    let transport = new_transport(&system);
    let files = [
        "src/core/zcl_flight_pricing.clas.abap",
        "src/core/zcl_flight_repository.clas.abap",
        "src/core/zcl_flight_booking_service.clas.abap",
        "src/core/zcl_flight_statistics.clas.abap",
        "src/core/zcx_flight_error.clas.abap",
        "src/core/zif_flight_repository.intf.abap",
        "src/core/zif_flight_constants.intf.abap",
        "src/core/zif_flight_notifier.intf.abap",
        "src/ui/zflight_report.prog.abap",
        "src/ui/zflight_bookings_list.prog.abap",
        "src/ui/zflight_carrier_check.prog.abap",
    ];
    let mut args = vec!["agent", "pull", ZFLIGHT_REPO, "--transport", &transport];
    args.extend(files);
    let run = system.adesk().run(&args);
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    // Standard error is a pipe here: plain lines, no bar.
    assert!(run.stderr.contains("pull job "), "{}", run.stderr);
    assert!(run.stderr.contains(": started"), "{}", run.stderr);
    assert!(!run.stderr.contains('\r'), "no terminal control in a log");
    assert!(run.stdout.contains("activated"), "{}", run.stdout);
}

#[test]
fn import_shows_progress_then_the_result() {
    let system = TestSystem::start();
    let run = system
        .adesk()
        .run(&["agent", "import", ZFLIGHT_REPO, "--json"])
        .expect(0);
    let json = run.json();
    assert!(
        json["result"]["files_staged"].as_u64().unwrap_or(0) > 0,
        "{json}"
    );
    assert_golden("agent_import", &json);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("import job "))
        .collect();
    assert!(
        lines.iter().any(|l| l.contains("STAGE_FILES")),
        "{}",
        run.stderr
    );
    assert!(lines.iter().any(|l| l.contains("100%")), "{}", run.stderr);
    assert!(
        lines.last().is_some_and(|l| l.ends_with("finished")),
        "{lines:?}"
    );
    let quiet = system
        .adesk()
        .run(&["agent", "import", ZFLIGHT_REPO, "-q"])
        .expect(0);
    assert_eq!(quiet.stderr, "", "--quiet prints no progress");
    assert!(quiet.stdout.starts_with("Imported: "), "{}", quiet.stdout);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_watching_and_says_how_to_watch_again() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    // Slow jobs, so the import is still running when the signal comes.
    let system = TestSystem::start_with(SandboxConfig {
        job_speed: 0.2,
        ..SandboxConfig::default()
    });
    let mut child = Command::new(env!("CARGO_BIN_EXE_adesk"))
        .args(["agent", "import", ZFLIGHT_REPO])
        .env("ADESK_URL", system.url())
        .env("ADESK_USER", crate::support::USER)
        .env("ADESK_PASSWORD", crate::support::PASSWORD)
        .env("ADESK_PROXY", "none")
        .env("ADESK_POLL_MS", "50")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("adesk starts");
    let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let mut seen = String::new();
    let mut line = String::new();
    while stderr.read_line(&mut line).expect("read") > 0 {
        seen.push_str(&line);
        if line.contains(": started") {
            break;
        }
        line.clear();
    }
    assert!(seen.contains("import job "), "{seen}");
    let job_number = seen
        .split("import job ")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .expect("job number")
        .to_owned();
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).expect("read");
    let status = child.wait().expect("adesk ends");
    assert_eq!(status.code(), Some(130), "{seen}{rest}");
    assert!(
        rest.contains(&format!("adesk agent watch import {job_number}")),
        "{rest}"
    );
    // The job went on without us: watching it again gets its result.
    let fast = system
        .adesk()
        .run(&["agent", "watch", "import", &job_number, "-q"])
        .expect(0);
    assert!(fast.stdout.starts_with("Imported: "), "{}", fast.stdout);
}

#[test]
fn explore_tree_list_view_where() {
    let system = TestSystem::start();
    let tree = system
        .adesk()
        .run(&["agent", "tree", "ZFLIGHT", "--objects"])
        .expect(0);
    assert!(tree.stdout.contains("  ZFLIGHT_CORE"), "{}", tree.stdout);
    assert_golden(
        "agent_tree",
        &system
            .adesk()
            .run(&["agent", "tree", "ZFLIGHT", "--json"])
            .expect(0)
            .json(),
    );

    let list = system
        .adesk()
        .run(&["agent", "list", "ZFLIGHT_CORE", "--type", "CLAS", "--json"])
        .expect(0)
        .json();
    assert!(list["result"]["objects"]
        .as_array()
        .unwrap()
        .iter()
        .all(|o| o["object_type"] == "CLAS"));
    assert_golden("agent_list", &list);
    // Pages of 5 collected until the end: every object the first page counts.
    let first_page = system
        .adesk()
        .run(&["agent", "list", "ZFLIGHT_CONFIG", "--limit", "5", "--json"])
        .expect(0)
        .json();
    assert_eq!(first_page["result"]["objects"].as_array().unwrap().len(), 5);
    let total = first_page["result"]["total"].as_u64().unwrap();
    assert!(total > 10, "several pages: {first_page}");
    let csv = system
        .adesk()
        .run(&[
            "agent",
            "list",
            "ZFLIGHT_CONFIG",
            "--limit",
            "5",
            "--all",
            "--csv",
        ])
        .expect(0);
    let names: Vec<(String, String)> = csv::Reader::from_reader(csv.stdout.as_bytes())
        .records()
        .map(|r| {
            let record = r.unwrap();
            (record[0].to_owned(), record[1].to_owned())
        })
        .collect();
    assert_eq!(names.len() as u64, total, "{}", csv.stdout);
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "no object twice: {names:?}");

    let view = system
        .adesk()
        .run(&["agent", "view", "ZCL_FLIGHT_PRICING", "--full"])
        .expect(0);
    assert!(
        view.stdout.contains("== CLAS ZCL_FLIGHT_PRICING"),
        "{}",
        view.stdout
    );
    assert_golden(
        "agent_view",
        &system
            .adesk()
            .run(&["agent", "view", "SFLIGHT", "--json"])
            .expect(0)
            .json(),
    );
    let missing = system.adesk().run(&["agent", "view", "ZCL_NOPE"]).expect(1);
    assert!(
        missing.stdout.contains("ZCL_NOPE: not found"),
        "{}",
        missing.stdout
    );

    let used = system
        .adesk()
        .run(&["agent", "where", "ZCL_FLIGHT_PRICING", "--json"])
        .expect(0)
        .json();
    assert_golden("agent_where", &used);
}

#[test]
fn preview_as_table_and_csv() {
    let system = TestSystem::start();
    let table = system
        .adesk()
        .run(&[
            "agent",
            "preview",
            "SFLIGHT",
            "--where",
            "CARRID = 'LH'",
            "--columns",
            "CARRID,CONNID,PRICE",
            "--rows",
            "3",
        ])
        .expect(0);
    let lines: Vec<&str> = table.stdout.lines().collect();
    assert!(
        lines[0].starts_with("CARRID") && lines[0].contains("PRICE"),
        "{}",
        table.stdout
    );
    assert!(lines[1].starts_with("LH"), "{}", table.stdout);
    let csv = system
        .adesk()
        .run(&["agent", "preview", "SFLIGHT", "--rows", "150", "--csv"])
        .expect(0);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    assert!(reader.headers().unwrap().iter().any(|h| h == "CARRID"));
    assert_eq!(
        reader.records().count(),
        150,
        "pages of 100 read until 150 rows"
    );
    assert_golden(
        "agent_preview",
        &system
            .adesk()
            .run(&["agent", "preview", "SCARR", "--rows", "2", "--json"])
            .expect(0)
            .json(),
    );
    let missing = system.adesk().run(&["agent", "preview", "ZNOPE"]).expect(4);
    assert!(missing.stderr.contains("ZNOPE"), "{}", missing.stderr);
}

#[test]
fn dumps_and_transports() {
    let system = TestSystem::start();
    let dumps = system
        .adesk()
        .run(&["agent", "dump", "--json"])
        .expect(0)
        .json();
    let first = dumps["result"]["dumps"][0]["id"]
        .as_str()
        .expect("a seeded dump")
        .to_owned();
    assert_golden("agent_dump", &dumps);
    let detail = system
        .adesk()
        .run(&["agent", "dump", "--detail", &first])
        .expect(0);
    assert!(
        detail.stdout.contains("What happened:"),
        "{}",
        detail.stdout
    );

    let number = new_transport(&system);
    let listed = system
        .adesk()
        .run(&["agent", "transport", "list", "--json"])
        .expect(0)
        .json();
    assert!(listed["result"]["transports"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["number"] == number.as_str()));
    assert_golden("agent_transport_list", &listed);
    // Customizing requests are a list of their own.
    let customizing = system
        .adesk()
        .run(&[
            "agent",
            "transport",
            "list",
            "--kind",
            "customizing",
            "--json",
        ])
        .expect(0)
        .json();
    let numbers = |answer: &serde_json::Value| -> Vec<String> {
        answer["result"]["transports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["number"].as_str().unwrap().to_owned())
            .collect()
    };
    let (workbench, customizing) = (numbers(&listed), numbers(&customizing));
    assert!(!customizing.is_empty());
    assert!(
        customizing.iter().all(|c| !workbench.contains(c)),
        "{customizing:?} {workbench:?}"
    );
    let check = system
        .adesk()
        .run(&["agent", "transport", "check", &number])
        .expect(0);
    assert!(check.stdout.contains(&number), "{}", check.stdout);
    system
        .adesk()
        .run(&["agent", "transport", "release", &number])
        .expect(0);
}

#[test]
fn drop_and_customize() {
    let system = TestSystem::start();
    let dropped = system
        .adesk()
        .run(&[
            "agent",
            "drop",
            "src/zdemo_hello_world.prog.abap",
            "--yes",
            "--json",
        ])
        .expect(0)
        .json();
    assert_eq!(dropped["result"]["object_name"], "ZDEMO_HELLO_WORLD");
    system
        .adesk()
        .run(&["agent", "view", "ZDEMO_HELLO_WORLD", "--type", "PROG"])
        .expect(1);
    let missing = system
        .adesk()
        .run(&["agent", "drop", "znothing.prog.abap", "--yes"])
        .expect(4);
    assert!(missing.stderr.contains("ZNOTHING"), "{}", missing.stderr);

    let written = system
        .adesk()
        .run(&[
            "agent",
            "customize",
            "zfl_fees",
            "FEE_CODE=WIFI",
            "fee_text=Onboard wifi",
            "AMOUNT=9.90",
            "CURRENCY=EUR",
            "--no-transport",
            "--json",
        ])
        .expect(0)
        .json();
    assert_eq!(written["result"]["table_name"], "ZFL_FEES");
    let preview = system
        .adesk()
        .run(&[
            "agent",
            "preview",
            "ZFL_FEES",
            "--where",
            "FEE_CODE = 'WIFI'",
            "--csv",
        ])
        .expect(0);
    assert!(
        preview.stdout.contains("Onboard wifi"),
        "{}",
        preview.stdout
    );
    let bad = system
        .adesk()
        .run(&["agent", "customize", "ZFL_FEES", "FEE_CODE"])
        .expect(2);
    assert!(bad.stderr.contains("FIELD=VALUE"), "{}", bad.stderr);
}

#[test]
fn syntax_of_local_files_with_junit() {
    let system = TestSystem::start();
    let checkout = temp_dir();
    let src = checkout.path().join("src");
    std::fs::create_dir(&src).unwrap();
    let clean = src.join("zcheck_clean.prog.abap");
    std::fs::write(&clean, "REPORT zcheck_clean.\nWRITE 'hi'.\n").unwrap();
    let class = src.join("zcl_it_demo.clas.abap");
    std::fs::write(
        &class,
        "CLASS zcl_it_demo DEFINITION PUBLIC.\n  PUBLIC SECTION.\n    METHODS run.\nENDCLASS.\nCLASS zcl_it_demo IMPLEMENTATION.\n  METHOD run.\n  ENDMETHOD.\nENDCLASS.\n",
    )
    .unwrap();
    let locals = src.join("zcl_it_demo.clas.locals_imp.abap");
    std::fs::write(
        &locals,
        "CLASS lcl DEFINITION.\nENDCLASS.\nCLASS lcl IMPLEMENTATION.\n  METHOD x.\n    lv_y = 1.\n  ENDMETHOD.\nENDCLASS.\n",
    )
    .unwrap();

    let junit = checkout.path().join("syntax.xml");
    let passed = system
        .adesk()
        .run(&[
            "agent",
            "syntax",
            clean.to_str().unwrap(),
            "--junit",
            junit.to_str().unwrap(),
        ])
        .expect(0);
    assert!(
        passed
            .stdout
            .contains("1 objects checked: 1 without errors"),
        "{}",
        passed.stdout
    );
    let report = crate::junit::parse(&junit);
    assert_eq!((report.tests, report.failures), (1, 0));

    let failed = system
        .adesk()
        .run(&[
            "agent",
            "syntax",
            clean.to_str().unwrap(),
            class.to_str().unwrap(),
            "--junit",
            junit.to_str().unwrap(),
        ])
        .expect(1);
    // Compiler-style lines point at the file and line of the error.
    let expected = format!("{}:5:", locals.display());
    assert!(
        failed.stdout.contains(&expected),
        "{expected}: {}",
        failed.stdout
    );
    let report = crate::junit::parse(&junit);
    assert_eq!(report.suites, 2);
    assert!(report.failures >= 1, "{report:?}");
    assert!(
        report
            .failed_cases
            .iter()
            .any(|c| c.file.as_deref() == Some(locals.to_str().unwrap())
                && c.line == Some(5)
                && c.name.contains(":5")),
        "{report:?}"
    );

    let json = system
        .adesk()
        .run(&["agent", "syntax", class.to_str().unwrap(), "--json"])
        .expect(1)
        .json();
    assert_eq!(json["exit_code"], 1);
    assert_golden("agent_syntax", &json);

    let unreadable = system
        .adesk()
        .run(&["agent", "syntax", "notes.txt"])
        .expect(2);
    assert!(
        unreadable.stderr.contains("notes.txt"),
        "{}",
        unreadable.stderr
    );
}

#[test]
fn inspect_and_unit_with_junit() {
    let system = TestSystem::start();
    let dir = temp_dir();
    let junit = dir.path().join("inspect.xml");
    system
        .adesk()
        .run(&[
            "agent",
            "inspect",
            "src/zcl_flight_pricing.clas.abap",
            "--junit",
            junit.to_str().unwrap(),
        ])
        .expect(0);
    let report = crate::junit::parse(&junit);
    assert_eq!((report.suites, report.failures), (1, 0));
    let failing = system
        .adesk()
        .run(&[
            "agent",
            "inspect",
            "zcl_flight_pricing.clas.abap",
            "--variant",
            "NOPE",
            "--junit",
            junit.to_str().unwrap(),
            "--json",
        ])
        .expect(1);
    assert_golden("agent_inspect", &failing.json());
    assert_eq!(crate::junit::parse(&junit).failures, 1);

    let unit_xml = dir.path().join("unit.xml");
    // The local test classes of ZCL_FLIGHT_PRICING: the handler reports no line, the CLI
    // takes the failed method's line from them.
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    let pricing = src.join("zcl_flight_pricing.clas.abap");
    std::fs::write(
        &pricing,
        "CLASS zcl_flight_pricing DEFINITION PUBLIC.\nENDCLASS.\n",
    )
    .unwrap();
    let testclasses = src.join("zcl_flight_pricing.clas.testclasses.abap");
    std::fs::write(
        &testclasses,
        "CLASS ltcl_pricing DEFINITION FOR TESTING.\n  PRIVATE SECTION.\n    METHODS discount_is_capped FOR TESTING.\nENDCLASS.\nCLASS ltcl_pricing IMPLEMENTATION.\n  METHOD discount_is_capped.\n  ENDMETHOD.\nENDCLASS.\n",
    )
    .unwrap();
    let unit = system
        .adesk()
        .run(&[
            "agent",
            "unit",
            pricing.to_str().unwrap(),
            "zcl_demo_calculator.clas.abap",
            "--coverage",
            "--junit",
            unit_xml.to_str().unwrap(),
        ])
        .expect(1);
    assert!(unit.stdout.contains("DIVIDE_BY_ZERO"), "{}", unit.stdout);
    assert!(unit.stdout.contains("Coverage: "), "{}", unit.stdout);
    assert!(
        unit.stdout
            .contains("zcl_flight_pricing.clas.testclasses.abap:6"),
        "{}",
        unit.stdout
    );
    let report = crate::junit::parse(&unit_xml);
    // One testcase per test method the system counted, failed ones by name.
    assert_eq!((report.tests, report.cases), (10, 10), "{report:?}");
    assert_eq!((report.failures, report.errors), (2, 1), "{report:?}");
    let capped = report
        .failed_cases
        .iter()
        .find(|c| c.name == "DISCOUNT_IS_CAPPED")
        .unwrap_or_else(|| panic!("{report:?}"));
    assert_eq!(capped.classname, "ZCL_FLIGHT_PRICING");
    assert_eq!(capped.line, Some(6), "{report:?}");
    assert!(capped
        .file
        .as_deref()
        .is_some_and(|f| f.ends_with("zcl_flight_pricing.clas.testclasses.abap")));
    // Without a local file the line comes from the system's test classes.
    let divide = report
        .failed_cases
        .iter()
        .find(|c| c.classname == "ZCL_DEMO_CALCULATOR")
        .unwrap_or_else(|| panic!("{report:?}"));
    assert!(
        divide.line.is_some_and(|l| l > 0) && divide.file.is_none(),
        "{report:?}"
    );
    assert!(
        report
            .properties
            .iter()
            .any(|(name, _)| name == "coverage.rate"),
        "{report:?}"
    );
    let uncovered = system
        .adesk()
        .run(&["agent", "unit", "zcl_flight_pricing.clas.abap"])
        .expect(1);
    assert!(
        !uncovered.stdout.contains("Coverage"),
        "not asked for: {}",
        uncovered.stdout
    );
    assert_golden(
        "agent_unit",
        &system
            .adesk()
            .run(&[
                "agent",
                "unit",
                pricing.to_str().unwrap(),
                "--coverage",
                "--json",
            ])
            .expect(1)
            .json(),
    );
}

#[test]
fn a_pull_needs_a_request_where_changes_are_recorded_and_conflicts_are_findings() {
    let system = TestSystem::start();
    let missing = system
        .adesk()
        .run(&["agent", "pull", ZFLIGHT_REPO])
        .expect(2);
    assert!(
        missing
            .stderr
            .contains("ZFLIGHT records changes in transport requests: give --transport"),
        "{}",
        missing.stderr
    );
    let transport = new_transport(&system);
    let develop = [
        "agent",
        "pull",
        ZFLIGHT_REPO,
        "--branch",
        "develop",
        "--transport",
        &transport,
    ];
    let conflicts = system.adesk().run(&develop).expect(1);
    for expected in [
        "ZCL_FLIGHT_PRICING",
        "SYSTEM_EDIT",
        "BRANCH_SWITCH",
        "JSMITH",
        "pull again with --overwrite",
    ] {
        assert!(
            conflicts.stdout.contains(expected),
            "{expected}: {}",
            conflicts.stdout
        );
    }
    let json = system
        .adesk()
        .run(&[&develop[..], &["--json"]].concat())
        .expect(1)
        .json();
    assert_eq!(json["result"]["conflict_count"], 3);
    assert_golden("agent_pull_conflicts", &json);
    let overwritten = system
        .adesk()
        .run(&[&develop[..], &["--overwrite", "--json"]].concat())
        .expect(0)
        .json();
    assert_eq!(overwritten["result"]["success"], true);
    assert_eq!(
        overwritten["result"]["transport_request"],
        transport.as_str()
    );
}

/// On a terminal the job's progress is a bar redrawn in place, cleared before the result.
#[cfg(target_os = "linux")]
#[test]
fn import_on_a_terminal_draws_a_bar() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` to open a terminal");
        return;
    }
    // A job that runs long enough for the bar to be drawn a few times.
    let system = TestSystem::start_with(SandboxConfig {
        job_speed: 2.0,
        ..SandboxConfig::default()
    });
    let run = system
        .adesk()
        .env("TERM", "xterm")
        .run_in_terminal(&["agent", "import", ZFLIGHT_REPO])
        .expect(0);
    assert!(run.stdout.contains("Imported: "), "{}", run.stdout);
    assert!(run.stdout.contains("import job "), "{}", run.stdout);
    // Drawn in place with terminal control sequences (a terminal's output has `\r\n` line
    // ends anyway), not a line per poll.
    assert!(run.stdout.contains("\u{1b}["), "{:?}", run.stdout);
    assert!(
        !run.stdout.contains(": started"),
        "plain lines are for logs: {}",
        run.stdout
    );
    assert!(
        run.stdout.contains('%'),
        "the bar's percentage: {:?}",
        run.stdout
    );
}

#[test]
fn transport_show_says_empty_and_list_finds_released_requests() {
    let system = TestSystem::start();
    let number = new_transport(&system);
    let shown = system
        .adesk()
        .run(&["agent", "transport", "show", &number])
        .expect(0);
    assert!(
        shown
            .stdout
            .contains("Workbench request, Modifiable, owner")
            && shown.stdout.contains("Development/correction")
            && shown.stdout.contains(&format!(
                "{number} is empty: neither the request nor its tasks hold any object."
            )),
        "{}",
        shown.stdout
    );
    let released = system
        .adesk()
        .run(&["agent", "transport", "list", "--released", "--scope", "all"])
        .expect(0);
    assert!(
        released
            .stdout
            .contains("Hotfix: occupancy division by zero")
            && released.stdout.contains("released request(s)"),
        "{}",
        released.stdout
    );
    let hotfix = released
        .stdout
        .lines()
        .find(|l| l.contains("Hotfix"))
        .and_then(|l| l.split_whitespace().next())
        .expect("the hotfix's number")
        .to_owned();
    let details = system
        .adesk()
        .run(&["agent", "transport", "show", &hotfix, "--json"])
        .expect(0)
        .json();
    assert_eq!(details["result"]["request"]["status_text"], "Released");
    assert_eq!(
        details["result"]["objects"][0]["name"],
        "ZCL_FLIGHT_STATISTICS"
    );
}
