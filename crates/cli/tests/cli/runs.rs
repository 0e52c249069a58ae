//! One logon per run: the seed's pipeline (read, comment, change status) as a `--file`, and
//! several GUIDs in one command.

use crate::support::{temp_dir, TestSystem, IN_DEVELOPMENT, SUCCESSFULLY_TESTED, TO_BE_TESTED};

fn steps(lines: &str) -> (tempfile::TempDir, String) {
    let dir = temp_dir();
    let path = dir.path().join("steps.txt");
    std::fs::write(&path, lines).unwrap();
    let path = path.to_str().unwrap().to_owned();
    (dir, path)
}

#[test]
fn the_seed_pipeline_is_four_requests_on_one_logon() {
    let system = TestSystem::start();
    let (_dir, file) = steps(&format!(
        "# the release manager's pipeline\nwi show {TO_BE_TESTED}\nwi comment {TO_BE_TESTED} 'Build 512: 3 tests failed'\nwi status E0017 {TO_BE_TESTED}\n"
    ));
    let run = system.adesk().run(&["--file", &file]).expect(0);
    assert!(run.stderr.contains("[1/3] adesk wi show"), "{}", run.stderr);
    assert!(
        run.stdout.contains("To Be Corrected (E0017)"),
        "{}",
        run.stdout
    );
    // GET work item, CSRF fetch, POST text, POST ChangeStatus.
    assert_eq!(system.requests(), 4);
    assert_eq!(system.sessions(), 1);
}

#[test]
fn several_guids_share_one_logon_and_one_token() {
    let system = TestSystem::start();
    system
        .adesk()
        .run(&[
            "wi",
            "status",
            "E0004",
            IN_DEVELOPMENT,
            TO_BE_TESTED,
            SUCCESSFULLY_TESTED,
            "--concurrency",
            "3",
        ])
        .expect(1);
    // One CSRF fetch, one ChangeStatus per item, and a read of each of the two refused items
    // (one has the status already: it is reported already there, not refused).
    assert_eq!(system.requests(), 6);
    assert_eq!(system.sessions(), 1);
}

#[test]
fn a_file_is_checked_before_its_first_command_runs() {
    let system = TestSystem::start();
    let (_dir, file) = steps(&format!(
        "wi comment {IN_DEVELOPMENT} first\nwi stauts E0004 {IN_DEVELOPMENT}\n"
    ));
    let run = system.adesk().run(&["--file", &file]).expect(2);
    assert!(run.stderr.contains("line 2"), "{}", run.stderr);
    assert_eq!(system.requests(), 0);
    let (_dir, file) = steps(&format!("wi show {IN_DEVELOPMENT} --system PRD\n"));
    let run = system.adesk().run(&["--file", &file]).expect(2);
    assert!(
        run.stderr.contains("go on the command line"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_failing_command_stops_the_file_unless_keep_going() {
    let system = TestSystem::start();
    let unknown = "0050568B3F1C1EDAA8C22D3F4E5A6B7C";
    let (_dir, file) = steps(&format!(
        "wi show {unknown}\nwi status E0004 {IN_DEVELOPMENT}\n"
    ));
    let run = system.adesk().run(&["--file", &file, "--json"]).expect(4);
    assert_eq!(run.json_lines().len(), 1, "stopped after the failure");
    let run = system
        .adesk()
        .run(&["--file", &file, "--json", "--keep-going"])
        .expect(4);
    let documents = run.json_lines();
    assert_eq!(documents.len(), 2);
    assert_eq!(documents[1]["result"][0]["result"]["outcome"], "done");
    // Findings do not stop a file.
    let (_dir, file) = steps(&format!(
        "wi status E0016 {TO_BE_TESTED}\nwi show {TO_BE_TESTED}\n"
    ));
    let run = system.adesk().run(&["--file", &file, "--json"]).expect(1);
    assert_eq!(run.json_lines().len(), 2);
}

#[test]
fn commands_from_standard_input() {
    let system = TestSystem::start();
    let run = system
        .adesk()
        .stdin(&format!("wi show {IN_DEVELOPMENT}\nagent health\n"))
        .run(&["--file", "-", "--json"])
        .expect(0);
    let documents = run.json_lines();
    assert_eq!(documents[0]["command"], "wi show");
    assert_eq!(documents[1]["command"], "agent health");
    // Two services, one logon each.
    assert_eq!(system.sessions(), 2);
}

#[test]
fn quiet_file_runs_print_only_results() {
    let system = TestSystem::start();
    let (_dir, file) = steps(&format!("wi texts {IN_DEVELOPMENT}\nagent health\n"));
    let run = system.adesk().run(&["--file", &file, "-q"]).expect(0);
    assert_eq!(run.stderr, "", "no [n/total] lines with --quiet");
    assert!(run.stdout.contains("OK (version"), "{}", run.stdout);
    let loud = system.adesk().run(&["--file", &file]).expect(0);
    assert!(
        loud.stderr.contains("[2/2] adesk agent health"),
        "{}",
        loud.stderr
    );
}
