//! `adesk wi ...` against the sandbox's Focused Build service.

use crate::support::{
    assert_golden, temp_dir, TestSystem, IN_DEVELOPMENT, SUCCESSFULLY_TESTED, TO_BE_TESTED,
};

#[test]
fn show_reads_the_work_item_with_every_expansion() {
    let system = TestSystem::start();
    let run = system
        .adesk()
        .run(&["wi", "show", IN_DEVELOPMENT])
        .expect(0);
    for expected in [
        "Work item:",
        "8000001401",
        "In Development (E0002)",
        "Release:",
        "Texts",
        "Categories:",
    ] {
        assert!(run.stdout.contains(expected), "{expected}: {}", run.stdout);
    }
    // The GUID as the SAP GUI shows it is accepted too.
    let raw = IN_DEVELOPMENT.replace('-', "").to_uppercase();
    let json = system
        .adesk()
        .run(&["wi", "show", &raw, "--json"])
        .expect(0)
        .json();
    assert_eq!(json["command"], "wi show");
    assert_eq!(json["exit_code"], 0);
    assert_eq!(json["result"]["guid"], IN_DEVELOPMENT);
    assert_eq!(json["result"]["status"]["code"], "E0002");
    assert!(json["result"]["texts"]
        .as_array()
        .is_some_and(|t| !t.is_empty()));
    assert_golden("wi_show", &json);
}

#[test]
fn list_and_texts() {
    let system = TestSystem::start();
    let list = system
        .adesk()
        .run(&["wi", "list", "--json"])
        .expect(0)
        .json();
    let items = list["result"].as_array().expect("a list");
    assert!(items.len() >= 3);
    assert_golden("wi_list", &list);
    let table = system.adesk().run(&["wi", "list", "--top", "2"]).expect(0);
    assert_eq!(
        table.stdout.lines().count(),
        3,
        "header and two rows: {}",
        table.stdout
    );
    assert!(table.stdout.starts_with("WORK ITEM"));

    let texts = system
        .adesk()
        .run(&["wi", "texts", IN_DEVELOPMENT, "--json"])
        .expect(0)
        .json();
    assert_golden("wi_texts", &texts);
}

#[test]
fn comment_adds_a_text_that_reading_shows() {
    let system = TestSystem::start();
    let added = system
        .adesk()
        .run(&[
            "wi",
            "comment",
            IN_DEVELOPMENT,
            "Build 512 passed: 48 tests",
            "--json",
        ])
        .expect(0)
        .json();
    assert_eq!(added["result"]["text_type"], "S105");
    assert_golden("wi_comment", &added);
    // From a file, as another text type.
    let dir = temp_dir();
    let note = dir.path().join("note.txt");
    std::fs::write(&note, "Line one\nLine two\n").unwrap();
    system
        .adesk()
        .run(&[
            "wi",
            "comment",
            IN_DEVELOPMENT,
            "--text-file",
            note.to_str().unwrap(),
            "--type",
            "s114",
        ])
        .expect(0);
    // And from standard input.
    system
        .adesk()
        .stdin("Deployed to QA\n")
        .run(&["wi", "comment", IN_DEVELOPMENT, "--text-file", "-"])
        .expect(0);
    let texts = system
        .adesk()
        .run(&["wi", "texts", IN_DEVELOPMENT])
        .expect(0);
    for expected in [
        "Build 512 passed: 48 tests",
        "Memo (S114)",
        "    Line two",
        "Deployed to QA",
    ] {
        assert!(
            texts.stdout.contains(expected),
            "{expected}: {}",
            texts.stdout
        );
    }
    let empty = system
        .adesk()
        .run(&["wi", "comment", IN_DEVELOPMENT, "  "])
        .expect(2);
    assert!(empty.stderr.contains("text"), "{}", empty.stderr);
}

#[test]
fn attach_list_and_download_a_file() {
    let system = TestSystem::start();
    let dir = temp_dir();
    let report = dir.path().join("test-report.xml");
    let content = "<testsuites tests=\"3\"/>\n";
    std::fs::write(&report, content).unwrap();
    let attached = system
        .adesk()
        .run(&[
            "wi",
            "attach",
            TO_BE_TESTED,
            report.to_str().unwrap(),
            "--json",
        ])
        .expect(0)
        .json();
    assert_eq!(attached["result"]["file_name"], "test-report.xml");
    assert_eq!(attached["result"]["mime_type"], "application/xml");
    let document_id = attached["result"]["document_id"]
        .as_str()
        .unwrap()
        .to_owned();

    let listed = system
        .adesk()
        .run(&["wi", "attachments", TO_BE_TESTED, "--json"])
        .expect(0)
        .json();
    assert!(listed["result"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["document_id"] == document_id.as_str()));
    assert_golden("wi_attachments", &listed);

    // Into the current folder under the server's name, never over an existing file.
    let downloads = temp_dir();
    system
        .adesk()
        .current_dir(downloads.path())
        .run(&["wi", "download", TO_BE_TESTED, &document_id])
        .expect(0);
    assert_eq!(
        std::fs::read_to_string(downloads.path().join("test-report.xml")).unwrap(),
        content
    );
    let again = system
        .adesk()
        .current_dir(downloads.path())
        .run(&["wi", "download", TO_BE_TESTED, &document_id])
        .expect(2);
    assert!(again.stderr.contains("--output"), "{}", again.stderr);
    let chosen = downloads.path().join("copy.xml");
    system
        .adesk()
        .run(&[
            "wi",
            "download",
            TO_BE_TESTED,
            &document_id,
            "-o",
            chosen.to_str().unwrap(),
        ])
        .expect(0);
    assert_eq!(std::fs::read_to_string(chosen).unwrap(), content);

    // A download that fails leaves no file, not even a partial one.
    system.faults(sandbox::FaultConfig {
        server_error_every: Some(1),
        ..sandbox::FaultConfig::default()
    });
    let failing = temp_dir();
    system
        .adesk()
        .current_dir(failing.path())
        .run(&["wi", "download", TO_BE_TESTED, &document_id])
        .expect(4);
    assert_eq!(
        std::fs::read_dir(failing.path()).unwrap().count(),
        0,
        "nothing left behind"
    );
    system.faults(sandbox::FaultConfig::default());

    let missing = system
        .adesk()
        .run(&["wi", "attach", TO_BE_TESTED, "/nonexistent/report.pdf"])
        .expect(2);
    assert!(
        missing.stderr.contains("/nonexistent/report.pdf"),
        "{}",
        missing.stderr
    );
}

#[test]
fn a_status_change_the_transition_table_allows_is_done() {
    let system = TestSystem::start();
    let run = system
        .adesk()
        .run(&["wi", "status", "E0004", IN_DEVELOPMENT, "--json"])
        .expect(0)
        .json();
    let outcome = &run["result"][0];
    assert_eq!(outcome["result"]["outcome"], "done");
    assert_eq!(outcome["result"]["status"]["code"], "E0004");
    assert_golden("wi_status_done", &run);
    let after = system
        .adesk()
        .run(&["wi", "show", IN_DEVELOPMENT, "--json"])
        .expect(0)
        .json();
    assert_eq!(after["result"]["status"]["code"], "E0004");
}

#[test]
fn a_status_change_the_transition_table_refuses_is_a_finding() {
    let system = TestSystem::start();
    // In Development may not jump to Completed.
    let run = system
        .adesk()
        .run(&["wi", "status", "E0016", IN_DEVELOPMENT])
        .expect(1);
    assert!(run.stdout.contains("Refused"), "{}", run.stdout);
    assert!(run.stdout.contains("not allowed"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("0 changed, 0 already there, 1 refused, 0 failed"),
        "{}",
        run.stdout
    );
    let after = system
        .adesk()
        .run(&["wi", "show", IN_DEVELOPMENT, "--json"])
        .expect(0)
        .json();
    assert_eq!(after["result"]["status"]["code"], "E0002", "unchanged");
}

#[test]
fn many_guids_get_one_result_each_in_order() {
    let system = TestSystem::start();
    let dir = temp_dir();
    let list = dir.path().join("guids.txt");
    std::fs::write(
        &list,
        format!("# from the release board\n{SUCCESSFULLY_TESTED}\n\n"),
    )
    .unwrap();
    let run = system
        .adesk()
        .run(&[
            "wi",
            "status",
            "E0004",
            IN_DEVELOPMENT,
            TO_BE_TESTED,
            "--guids-file",
            list.to_str().unwrap(),
            "--json",
        ])
        .expect(1)
        .json();
    let outcomes: Vec<(&str, &str)> = run["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["guid"].as_str().unwrap(),
                o["result"]["outcome"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            (IN_DEVELOPMENT, "done"),
            (TO_BE_TESTED, "already_there"),
            (SUCCESSFULLY_TESTED, "refused"),
        ]
    );
    assert_golden("wi_status_many", &run);

    let csv = system
        .adesk()
        .run(&["wi", "status", "E0004", SUCCESSFULLY_TESTED, "--csv"])
        .expect(1);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["GUID", "Requested status", "Result", "Message"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][2], "Refused");
    assert!(
        csv.stdout.contains("\r\n"),
        "CRLF line ends as the app writes them"
    );
}

#[test]
fn an_item_already_in_the_status_is_already_there_and_not_a_finding() {
    let system = TestSystem::start();
    let run = system
        .adesk()
        .run(&["wi", "status", "E0004", TO_BE_TESTED])
        .expect(0);
    assert!(run.stdout.contains("Already there"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("0 changed, 1 already there, 0 refused, 0 failed"),
        "{}",
        run.stdout
    );
}

#[test]
fn input_is_checked_before_anything_is_sent() {
    let system = TestSystem::start();
    let bad_guid = system
        .adesk()
        .run(&["wi", "status", "E0004", IN_DEVELOPMENT, "not-a-guid"])
        .expect(2);
    assert!(
        bad_guid
            .stderr
            .contains("\"not-a-guid\" is not a work item GUID"),
        "{}",
        bad_guid.stderr
    );
    let bad_status = system
        .adesk()
        .run(&["wi", "status", "done", IN_DEVELOPMENT])
        .expect(2);
    assert!(
        bad_status.stderr.contains("E and four digits"),
        "{}",
        bad_status.stderr
    );
    assert_eq!(system.requests(), 0, "nothing reached the system");
}
