//! JUnit XML reports for CI test dashboards, written here once for the app and the CLI:
//! checks as one testsuite per object with a testcase per finding; ABAP Unit as one testcase
//! per test method the system reports.
//!
//! What the handler reports for ABAP Unit (`ZCL_ABGAGT_COMMAND_UNIT`): the counts of test
//! methods, passed and failed ones, and for each failed method the class under test, the
//! method, the error kind and text; no line, and passed methods only as a count. So a failed
//! method is a named testcase (with the line of its implementation when the caller has the
//! test classes), and each passed method a testcase that says it is not named.

use std::io;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::{Deserialize, Serialize};

use crate::{Severity, TestFailure, UnitResult};

/// One message of a syntax check or inspection, with the local file when it is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JUnitFinding {
    pub severity: Severity,
    pub text: String,
    pub file: Option<String>,
    pub include: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
}
impl JUnitFinding {
    /// `file:line:column`, or the include when no file is known.
    pub fn location(&self) -> String {
        let mut text = self
            .file
            .clone()
            .or_else(|| self.include.clone().filter(|i| !i.is_empty()))
            .unwrap_or_else(|| "main".to_owned());
        if let Some(line) = self.line {
            text.push_str(&format!(":{line}"));
            if let Some(column) = self.column {
                text.push_str(&format!(":{column}"));
            }
        }
        text
    }
}

/// The findings of one checked object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JUnitObject {
    pub object_type: String,
    pub object_name: String,
    pub findings: Vec<JUnitFinding>,
}

/// Run name and timestamp of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JUnitRun {
    pub name: String,
    /// ISO 8601, e.g. `2026-12-05T09:00:00Z`.
    pub timestamp: String,
}

struct Xml {
    writer: Writer<Vec<u8>>,
}

impl Xml {
    fn new() -> io::Result<Self> {
        let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        Ok(Self { writer })
    }

    /// The report's root element with the run's totals (both reports start the same way).
    fn open_testsuites(
        &mut self,
        run: &JUnitRun,
        tests: u64,
        failures: u64,
        errors: u64,
    ) -> io::Result<()> {
        self.open(
            "testsuites",
            &[
                ("name", run.name.clone()),
                ("tests", tests.to_string()),
                ("failures", failures.to_string()),
                ("errors", errors.to_string()),
            ],
        )
    }

    fn open(&mut self, name: &str, attributes: &[(&str, String)]) -> io::Result<()> {
        self.writer
            .write_event(Event::Start(element(name, attributes)))
    }

    fn empty(&mut self, name: &str, attributes: &[(&str, String)]) -> io::Result<()> {
        self.writer
            .write_event(Event::Empty(element(name, attributes)))
    }

    fn close(&mut self, name: &str) -> io::Result<()> {
        self.writer.write_event(Event::End(BytesEnd::new(name)))
    }

    fn text_element(
        &mut self,
        name: &str,
        attributes: &[(&str, String)],
        text: &str,
    ) -> io::Result<()> {
        self.open(name, attributes)?;
        self.writer
            .write_event(Event::Text(BytesText::new(&xml_safe(text))))?;
        self.close(name)
    }

    fn finish(self) -> String {
        let mut text = String::from_utf8_lossy(&self.writer.into_inner()).into_owned();
        text.push('\n');
        text
    }
}

/// The element with its attributes, values escaped by quick-xml.
fn element<'a>(name: &'a str, attributes: &[(&str, String)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for (key, value) in attributes {
        start.push_attribute((*key, xml_safe(value).as_str()));
    }
    start
}

/// XML 1.0 cannot carry most control characters at all, escaped or not.
fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect()
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// Syntax check or inspection: one testsuite per object, one testcase per finding (errors
/// are failures), a passing testcase for an object without findings.
pub fn checks_report(run: &JUnitRun, objects: &[JUnitObject]) -> String {
    write_checks(run, objects).unwrap_or_default()
}

fn write_checks(run: &JUnitRun, objects: &[JUnitObject]) -> io::Result<String> {
    let is_error = |f: &&JUnitFinding| f.severity == Severity::Error;
    let failures: usize = objects
        .iter()
        .map(|o| o.findings.iter().filter(is_error).count())
        .sum();
    let tests: usize = objects.iter().map(|o| o.findings.len().max(1)).sum();
    let mut xml = Xml::new()?;
    xml.open_testsuites(run, tests as u64, failures as u64, 0)?;
    for object in objects {
        let suite = format!("{} {}", object.object_type, object.object_name);
        xml.open(
            "testsuite",
            &[
                ("name", suite.clone()),
                ("tests", object.findings.len().max(1).to_string()),
                (
                    "failures",
                    object.findings.iter().filter(is_error).count().to_string(),
                ),
                ("errors", "0".to_owned()),
                ("timestamp", run.timestamp.clone()),
            ],
        )?;
        if object.findings.is_empty() {
            xml.empty(
                "testcase",
                &[
                    ("classname", suite.clone()),
                    ("name", "check passed".to_owned()),
                ],
            )?;
        }
        for finding in &object.findings {
            let location = finding.location();
            let mut attributes = vec![
                ("classname", suite.clone()),
                ("name", format!("{location} {}", first_line(&finding.text))),
            ];
            // CI servers link a testcase with `file` (and `line`) to the source.
            if let Some(file) = &finding.file {
                attributes.push(("file", file.clone()));
                if let Some(line) = finding.line {
                    attributes.push(("line", line.to_string()));
                }
            }
            xml.open("testcase", &attributes)?;
            if finding.severity == Severity::Error {
                xml.text_element(
                    "failure",
                    &[
                        ("message", first_line(&finding.text).to_owned()),
                        ("type", "error".to_owned()),
                    ],
                    &format!("{location}\n{}", finding.text),
                )?;
            } else {
                xml.text_element(
                    "system-out",
                    &[],
                    &format!("{}: {}", finding.severity, finding.text),
                )?;
            }
            xml.close("testcase")?;
        }
        xml.close("testsuite")?;
    }
    xml.close("testsuites")?;
    Ok(xml.finish())
}

/// ABAP Unit: a testsuite per class under test with a testcase per failed method (`ERROR`
/// kinds are errors, the rest failures), and a testcase per passed method the system counted.
/// `classes_under_test` are the classes the run was for (from the request's files): with
/// exactly one, the passed methods are its testcases; otherwise they are in their own suite.
pub fn unit_report(run: &JUnitRun, result: &UnitResult, classes_under_test: &[String]) -> String {
    write_unit(run, result, classes_under_test).unwrap_or_default()
}

/// The testcases of one testsuite.
struct UnitSuite<'a> {
    name: String,
    failed: Vec<&'a TestFailure>,
    /// Failed methods the system counted without naming them.
    unnamed_failed: u32,
    /// Passed methods (the system only counts them): `(number, of)`.
    passed: Option<(u32, u32)>,
}

fn is_error(kind: &str) -> bool {
    kind.trim().eq_ignore_ascii_case("ERROR")
}

fn unit_suites<'a>(result: &'a UnitResult, classes_under_test: &[String]) -> Vec<UnitSuite<'a>> {
    let mut suites: Vec<UnitSuite<'a>> = Vec::new();
    let suite_named = |suites: &mut Vec<UnitSuite<'a>>, name: &str| -> usize {
        match suites
            .iter()
            .position(|s| s.name.eq_ignore_ascii_case(name))
        {
            Some(index) => index,
            None => {
                suites.push(UnitSuite {
                    name: name.to_owned(),
                    failed: Vec::new(),
                    unnamed_failed: 0,
                    passed: None,
                });
                suites.len() - 1
            }
        }
    };
    for failure in &result.failures {
        let index = suite_named(&mut suites, &failure.class_name);
        suites[index].failed.push(failure);
    }
    let listed = u32::try_from(result.failures.len()).unwrap_or(u32::MAX);
    let unnamed_failed = result.failed_count.saturating_sub(listed);
    let single_class = match classes_under_test {
        [only] => Some(only.to_ascii_uppercase()),
        _ => None,
    };
    let rest = single_class.unwrap_or_else(|| "ABAP Unit".to_owned());
    if unnamed_failed > 0 {
        let index = suite_named(&mut suites, &rest);
        suites[index].unnamed_failed = unnamed_failed;
    }
    if result.passed_count > 0 {
        let index = suite_named(&mut suites, &rest);
        suites[index].passed = Some((result.passed_count, result.passed_count));
    }
    suites
}

fn write_unit(
    run: &JUnitRun,
    result: &UnitResult,
    classes_under_test: &[String],
) -> io::Result<String> {
    let suites = unit_suites(result, classes_under_test);
    let count = |suite: &UnitSuite<'_>| {
        let failed = suite.failed.len() as u64 + u64::from(suite.unnamed_failed);
        let errors = suite.failed.iter().filter(|f| is_error(&f.kind)).count() as u64;
        let passed = suite.passed.map_or(0, |(n, _)| u64::from(n));
        (failed + passed, failed - errors, errors)
    };
    let (tests, failures, errors) = suites
        .iter()
        .map(count)
        .fold((0, 0, 0), |sum, c| (sum.0 + c.0, sum.1 + c.1, sum.2 + c.2));
    let mut xml = Xml::new()?;
    xml.open_testsuites(run, tests, failures, errors)?;
    for suite in &suites {
        let (tests, failures, errors) = count(suite);
        xml.open(
            "testsuite",
            &[
                ("name", suite.name.clone()),
                ("tests", tests.to_string()),
                ("failures", failures.to_string()),
                ("errors", errors.to_string()),
                ("timestamp", run.timestamp.clone()),
            ],
        )?;
        for failure in &suite.failed {
            write_failed_method(&mut xml, &suite.name, failure)?;
        }
        for number in 1..=suite.unnamed_failed {
            xml.open(
                "testcase",
                &[
                    ("classname", suite.name.clone()),
                    (
                        "name",
                        format!(
                            "failed method {number} of {} (not named by the system)",
                            suite.unnamed_failed
                        ),
                    ),
                ],
            )?;
            xml.text_element(
                "failure",
                &[
                    ("message", result.message.clone()),
                    ("type", "FAILURE".to_owned()),
                ],
                &result.message,
            )?;
            xml.close("testcase")?;
        }
        if let Some((passed, of)) = suite.passed {
            for number in 1..=passed {
                xml.empty(
                    "testcase",
                    &[
                        ("classname", suite.name.clone()),
                        (
                            "name",
                            format!("passed method {number} of {of} (the system counts passed methods without naming them)"),
                        ),
                    ],
                )?;
            }
        }
        xml.close("testsuite")?;
    }
    if let Some(coverage) = &result.coverage {
        xml.open("properties", &[])?;
        for (name, value) in [
            ("coverage.rate", coverage.rate.unwrap_or(0.0).to_string()),
            ("coverage.lines.covered", coverage.covered_lines.to_string()),
            ("coverage.lines.total", coverage.total_lines.to_string()),
        ] {
            xml.empty("property", &[("name", name.to_owned()), ("value", value)])?;
        }
        xml.close("properties")?;
    }
    xml.close("testsuites")?;
    Ok(xml.finish())
}

/// A failed method: named by the class under test and the method, with the file and line of
/// its implementation when known (CI servers link `file` and `line` to the source).
fn write_failed_method(xml: &mut Xml, class: &str, failure: &TestFailure) -> io::Result<()> {
    let mut attributes = vec![
        ("classname", class.to_owned()),
        ("name", failure.method_name.clone()),
    ];
    let mut text = failure.text.clone();
    if let Some(location) = &failure.location {
        if let Some(file) = &location.file {
            attributes.push(("file", file.clone()));
        }
        attributes.push(("line", location.line.to_string()));
        let place = location.file.as_deref().unwrap_or("test classes");
        text.push_str(&format!(
            "\n{}=>{} at {place}:{}",
            location.test_class, failure.method_name, location.line
        ));
    }
    xml.open("testcase", &attributes)?;
    let tag = if is_error(&failure.kind) {
        "error"
    } else {
        "failure"
    };
    xml.text_element(
        tag,
        &[
            ("message", first_line(&failure.text).to_owned()),
            ("type", failure.kind.clone()),
        ],
        &text,
    )?;
    xml.close("testcase")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CoverageStats, TestClassesSource};
    use quick_xml::events::BytesStart;
    use quick_xml::Reader;

    fn run() -> JUnitRun {
        JUnitRun {
            name: "adesk agent unit".into(),
            timestamp: "2026-12-05T09:00:00Z".into(),
        }
    }

    /// A report read back with an XML parser.
    #[derive(Debug, Default)]
    struct Parsed {
        /// `tests`, `failures`, `errors` of `<testsuites>`.
        totals: (u32, u32, u32),
        /// The sums over `<testsuite>`.
        suite_totals: (u32, u32, u32),
        cases: Vec<Case>,
        properties: Vec<(String, String)>,
    }

    #[derive(Debug, Default, Clone, PartialEq)]
    struct Case {
        classname: String,
        name: String,
        file: Option<String>,
        line: Option<u32>,
        /// `failure` or `error` with its body text.
        outcome: Option<(String, String)>,
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

    fn totals(element: &BytesStart<'_>) -> (u32, u32, u32) {
        let n = |name| {
            attribute(element, name)
                .expect("count attribute")
                .parse::<u32>()
                .expect("a number")
        };
        (n("tests"), n("failures"), n("errors"))
    }

    fn parse(xml: &str) -> Parsed {
        assert!(xml.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#));
        let mut reader = Reader::from_str(xml);
        let mut parsed = Parsed::default();
        let mut open_outcome: Option<String> = None;
        loop {
            match reader.read_event().expect("well-formed XML") {
                Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                    "testsuites" => parsed.totals = totals(&e),
                    "testsuite" => {
                        let (t, f, r) = totals(&e);
                        parsed.suite_totals.0 += t;
                        parsed.suite_totals.1 += f;
                        parsed.suite_totals.2 += r;
                    }
                    "testcase" => parsed.cases.push(Case {
                        classname: attribute(&e, "classname").expect("classname"),
                        name: attribute(&e, "name").expect("name"),
                        file: attribute(&e, "file"),
                        line: attribute(&e, "line").map(|l| l.parse().expect("line")),
                        outcome: None,
                    }),
                    tag @ ("failure" | "error") => {
                        let tag = tag.to_owned();
                        let case = parsed.cases.last_mut().expect("inside a testcase");
                        case.outcome = Some((tag.clone(), String::new()));
                        open_outcome = Some(tag);
                    }
                    "property" => parsed.properties.push((
                        attribute(&e, "name").expect("name"),
                        attribute(&e, "value").expect("value"),
                    )),
                    _ => {}
                },
                Event::Text(text) if open_outcome.is_some() => {
                    let case = parsed.cases.last_mut().expect("inside a testcase");
                    if let Some((_, body)) = &mut case.outcome {
                        body.push_str(&text.xml10_content());
                    }
                }
                Event::GeneralRef(r) if open_outcome.is_some() => {
                    let case = parsed.cases.last_mut().expect("inside a testcase");
                    if let Some((_, body)) = &mut case.outcome {
                        let name = r.xml10_content();
                        body.push_str(match name.as_ref() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            other => panic!("unknown entity {other}"),
                        });
                    }
                }
                Event::End(e) if matches!(e.name().as_ref(), "failure" | "error") => {
                    open_outcome = None;
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(parsed.totals, parsed.suite_totals, "suite totals add up");
        let failed = parsed.cases.iter().filter(|c| c.outcome.is_some()).count() as u32;
        assert_eq!(failed, parsed.totals.1 + parsed.totals.2, "{xml}");
        assert_eq!(parsed.cases.len() as u32, parsed.totals.0, "{xml}");
        parsed
    }

    fn failure(class: &str, method: &str, kind: &str, text: &str) -> TestFailure {
        TestFailure {
            class_name: class.into(),
            method_name: method.into(),
            kind: kind.into(),
            text: text.into(),
            location: None,
        }
    }

    const TESTCLASSES: &str = "\
*\"* use this source file for your ABAP unit test classes
CLASS ltcl_pricing DEFINITION FINAL FOR TESTING DURATION SHORT RISK LEVEL HARMLESS.
  PRIVATE SECTION.
    METHODS economy_price FOR TESTING.
    METHODS business_price FOR TESTING.
    METHODS divide FOR TESTING.
ENDCLASS.

CLASS ltcl_pricing IMPLEMENTATION.
  METHOD economy_price.
    cl_abap_unit_assert=>assert_equals( act = 1 exp = 1 ).
  ENDMETHOD.
  \" METHOD commented_out.
  METHOD business_price.
    cl_abap_unit_assert=>assert_equals( act = 1 exp = 2 ).
  ENDMETHOD.
  method Divide. \" lower case
    DATA(x) = 1 / 0.
  ENDMETHOD.
ENDCLASS.
";

    #[test]
    fn one_testcase_per_test_method_named_by_class_and_method_with_the_failure_line() {
        let mut result = UnitResult {
            success: false,
            message: "2 of 5 tests failed".into(),
            test_count: 5,
            passed_count: 3,
            failed_count: 2,
            failures: vec![
                failure(
                    "ZCL_FLIGHT_PRICING",
                    "BUSINESS_PRICE",
                    "FAILURE",
                    "Expected [2] but was [1]",
                ),
                failure("ZCL_FLIGHT_PRICING", "DIVIDE", "ERROR", "CX_SY_ZERODIVIDE"),
            ],
            coverage: None,
        };
        result.locate_failures(&[TestClassesSource {
            class_name: "zcl_flight_pricing".into(),
            file: Some("src/zcl_flight_pricing.clas.testclasses.abap".into()),
            source: TESTCLASSES.into(),
        }]);
        let parsed = parse(&unit_report(
            &run(),
            &result,
            &["ZCL_FLIGHT_PRICING".to_owned()],
        ));
        assert_eq!(parsed.totals, (5, 1, 1));
        assert_eq!(parsed.cases.len(), 5);
        assert!(parsed
            .cases
            .iter()
            .all(|c| c.classname == "ZCL_FLIGHT_PRICING"));
        let business = &parsed.cases[0];
        assert_eq!(business.name, "BUSINESS_PRICE");
        assert_eq!(
            business.file.as_deref(),
            Some("src/zcl_flight_pricing.clas.testclasses.abap")
        );
        assert_eq!(business.line, Some(14));
        let (tag, body) = business.outcome.clone().expect("failed");
        assert_eq!(tag, "failure");
        assert!(body.contains("Expected [2] but was [1]"), "{body}");
        assert!(
            body.contains(
                "LTCL_PRICING=>BUSINESS_PRICE at src/zcl_flight_pricing.clas.testclasses.abap:14"
            ),
            "{body}"
        );
        assert_eq!(
            (parsed.cases[1].name.as_str(), parsed.cases[1].line),
            ("DIVIDE", Some(17))
        );
        assert_eq!(
            parsed.cases[1].outcome.as_ref().map(|o| o.0.as_str()),
            Some("error")
        );
        let passed: Vec<&Case> = parsed.cases[2..].iter().collect();
        assert!(passed
            .iter()
            .all(|c| c.outcome.is_none() && c.line.is_none()));
        assert!(
            passed[0].name.starts_with("passed method 1 of 3"),
            "{:?}",
            passed[0]
        );
        assert!(passed[2].name.starts_with("passed method 3 of 3"));
    }

    #[test]
    fn passed_methods_of_several_classes_are_not_attributed_to_one() {
        let result = UnitResult {
            success: false,
            message: "1 of 3 tests failed".into(),
            test_count: 3,
            passed_count: 2,
            failed_count: 1,
            failures: vec![failure("ZCL_A", "M1", "FAILURE", "no")],
            coverage: Some(CoverageStats {
                total_lines: 40,
                covered_lines: 30,
                rate: Some(75.0),
            }),
        };
        let parsed = parse(&unit_report(
            &run(),
            &result,
            &["ZCL_A".to_owned(), "ZCL_B".to_owned()],
        ));
        assert_eq!(parsed.totals, (3, 1, 0));
        assert_eq!(parsed.cases[0].classname, "ZCL_A");
        assert_eq!(parsed.cases[0].line, None, "no source given: no line");
        assert!(parsed.cases[1..].iter().all(|c| c.classname == "ABAP Unit"));
        assert!(parsed
            .properties
            .contains(&("coverage.rate".to_owned(), "75".to_owned())));
    }

    #[test]
    fn a_failed_count_without_details_still_fails() {
        let result = UnitResult {
            success: false,
            message: "2 of 3 tests failed".into(),
            test_count: 3,
            passed_count: 1,
            failed_count: 2,
            ..UnitResult::default()
        };
        let parsed = parse(&unit_report(&run(), &result, &["ZCL_X".to_owned()]));
        assert_eq!(parsed.totals, (3, 2, 0));
        assert!(parsed.cases[0].name.contains("not named by the system"));
    }

    #[test]
    fn hostile_text_is_escaped_and_control_characters_dropped() {
        let objects = [JUnitObject {
            object_type: "CLAS".into(),
            object_name: "ZCL_<X>".into(),
            findings: vec![JUnitFinding {
                severity: Severity::Error,
                text: "\"a\" & <b>\u{1}]]>".into(),
                file: Some("src/zcl_x.clas.abap".into()),
                include: None,
                line: Some(3),
                column: None,
            }],
        }];
        let xml = checks_report(&run(), &objects);
        assert!(!xml.contains('\u{1}'));
        let parsed = parse(&xml);
        assert_eq!(parsed.totals, (1, 1, 0));
        let case = &parsed.cases[0];
        assert_eq!(case.classname, "CLAS ZCL_<X>");
        assert_eq!(
            (case.file.as_deref(), case.line),
            (Some("src/zcl_x.clas.abap"), Some(3))
        );
        assert_eq!(
            case.outcome.as_ref().map(|o| o.1.as_str()),
            Some("src/zcl_x.clas.abap:3\n\"a\" & <b>]]>")
        );
    }

    #[test]
    fn test_methods_are_found_in_implementations_only() {
        let lines = crate::checks::test_method_lines(TESTCLASSES);
        let names: Vec<(&str, &str, u32)> = lines
            .iter()
            .map(|m| (m.test_class.as_str(), m.method.as_str(), m.line))
            .collect();
        assert_eq!(
            names,
            [
                ("LTCL_PRICING", "ECONOMY_PRICE", 10),
                ("LTCL_PRICING", "BUSINESS_PRICE", 14),
                ("LTCL_PRICING", "DIVIDE", 17),
            ]
        );
    }
}
