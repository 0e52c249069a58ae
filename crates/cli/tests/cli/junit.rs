//! Reads a JUnit report back with an XML parser: it must be well-formed, and its totals must
//! agree with its test cases.

use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

#[derive(Debug, Default)]
pub struct Report {
    pub tests: u32,
    pub failures: u32,
    pub errors: u32,
    pub suites: u32,
    pub cases: u32,
    pub failed_cases: Vec<Case>,
    pub properties: Vec<(String, String)>,
}

#[derive(Debug, Default, Clone)]
pub struct Case {
    pub classname: String,
    pub name: String,
    pub file: Option<String>,
    pub line: Option<u32>,
}

fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .map(|a| a.expect("well-formed attribute"))
        .find(|a| a.key.as_ref() == name)
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .expect("escaped value")
                .into_owned()
        })
}

fn number(element: &BytesStart<'_>, name: &str) -> u32 {
    attribute(element, name)
        .unwrap_or_else(|| panic!("<{}> without {name}", element.name().as_ref()))
        .parse()
        .expect("a number")
}

pub fn parse(path: &Path) -> Report {
    let text = std::fs::read_to_string(path).expect("JUnit file written");
    assert!(
        text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
        "{text}"
    );
    let mut reader = Reader::from_str(&text);
    let mut report = Report::default();
    let mut case: Option<Case> = None;
    let mut depth = 0usize;
    let (mut suite_failures, mut suite_errors) = (0, 0);
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("invalid XML ({e}):\n{text}"));
        let (element, is_empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::End(_) => {
                depth -= 1;
                (None, false)
            }
            Event::Eof => break,
            _ => (None, false),
        };
        let Some(element) = element else {
            if matches!(event, Event::End(ref e) if e.name().as_ref() == "testcase") {
                case = None;
            }
            continue;
        };
        if !is_empty {
            depth += 1;
        }
        match element.name().as_ref() {
            "testsuites" => {
                report.tests = number(&element, "tests");
                report.failures = number(&element, "failures");
                report.errors = number(&element, "errors");
            }
            "testsuite" => {
                report.suites += 1;
                suite_failures += number(&element, "failures");
                suite_errors += number(&element, "errors");
                assert!(attribute(&element, "name").is_some());
            }
            "testcase" => {
                report.cases += 1;
                let current = Case {
                    classname: attribute(&element, "classname").expect("testcase classname"),
                    name: attribute(&element, "name").expect("testcase name"),
                    file: attribute(&element, "file"),
                    line: attribute(&element, "line").map(|l| l.parse().expect("line number")),
                };
                if !is_empty {
                    case = Some(current);
                }
            }
            "failure" | "error" => {
                report
                    .failed_cases
                    .push(case.clone().expect("a failure inside a testcase"));
            }
            "property" => report.properties.push((
                attribute(&element, "name").expect("property name"),
                attribute(&element, "value").expect("property value"),
            )),
            _ => {}
        }
    }
    assert_eq!(depth, 0, "every element closed");
    assert_eq!(
        report.cases, report.tests,
        "one testcase per counted test: {text}"
    );
    assert_eq!(
        (suite_failures, suite_errors),
        (report.failures, report.errors),
        "suite totals add up"
    );
    assert_eq!(
        report.failed_cases.len() as u32,
        report.failures + report.errors,
        "one failed testcase per counted failure: {text}"
    );
    report
}
