//! JUnit XML reports for CI test dashboards, in the shape the app's UI exports: checks as one
//! testsuite per object with a testcase per finding; ABAP Unit as one testsuite per class with
//! failures and one summarising testcase for the passed methods (the server only counts them).

use std::io;

use abapgit_agent::{Severity, UnitResult};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// One message of a syntax check or inspection, with the local file when it is known.
#[derive(Debug, Clone)]
pub struct Finding {
    pub severity: Severity,
    pub text: String,
    pub file: Option<String>,
    pub include: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

impl Finding {
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
#[derive(Debug, Clone)]
pub struct CheckedObject {
    pub object_type: String,
    pub object_name: String,
    pub findings: Vec<Finding>,
}

/// Run name and timestamp of a report.
pub struct RunInfo<'a> {
    pub name: &'a str,
    /// `YYYY-MM-DDThh:mm:ss`, UTC.
    pub timestamp: &'a str,
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
pub fn checks_report(run: &RunInfo<'_>, objects: &[CheckedObject]) -> String {
    write_checks(run, objects).unwrap_or_default()
}

fn write_checks(run: &RunInfo<'_>, objects: &[CheckedObject]) -> io::Result<String> {
    let is_error = |f: &&Finding| f.severity == Severity::Error;
    let failures: usize = objects
        .iter()
        .map(|o| o.findings.iter().filter(is_error).count())
        .sum();
    let tests: usize = objects.iter().map(|o| o.findings.len().max(1)).sum();
    let mut xml = Xml::new()?;
    xml.open(
        "testsuites",
        &[
            ("name", run.name.to_owned()),
            ("tests", tests.to_string()),
            ("failures", failures.to_string()),
            ("errors", "0".to_owned()),
        ],
    )?;
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
                ("timestamp", run.timestamp.to_owned()),
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

/// ABAP Unit: a testsuite per class with failures, a testcase per failed method (`ERROR`
/// kinds are errors, the rest failures), and one testcase standing for the passed methods.
pub fn unit_report(run: &RunInfo<'_>, result: &UnitResult) -> String {
    write_unit(run, result).unwrap_or_default()
}

fn write_unit(run: &RunInfo<'_>, result: &UnitResult) -> io::Result<String> {
    let is_error = |kind: &str| kind.trim().eq_ignore_ascii_case("ERROR");
    let mut classes: Vec<(&str, Vec<&abapgit_agent::TestFailure>)> = Vec::new();
    for failure in &result.failures {
        match classes
            .iter_mut()
            .find(|(name, _)| *name == failure.class_name)
        {
            Some((_, list)) => list.push(failure),
            None => classes.push((&failure.class_name, vec![failure])),
        }
    }
    let errors = result.failures.iter().filter(|f| is_error(&f.kind)).count();
    // A failed count without failure details still fails the report.
    let unexplained = result
        .failed_count
        .saturating_sub(u32::try_from(result.failures.len()).unwrap_or(u32::MAX));
    let failures = result.failures.len() - errors + unexplained as usize;
    let mut xml = Xml::new()?;
    xml.open(
        "testsuites",
        &[
            ("name", run.name.to_owned()),
            ("tests", result.test_count.to_string()),
            ("failures", failures.to_string()),
            ("errors", errors.to_string()),
        ],
    )?;
    for (class, list) in &classes {
        let class_errors = list.iter().filter(|f| is_error(&f.kind)).count();
        xml.open(
            "testsuite",
            &[
                ("name", (*class).to_owned()),
                ("tests", list.len().to_string()),
                ("failures", (list.len() - class_errors).to_string()),
                ("errors", class_errors.to_string()),
                ("timestamp", run.timestamp.to_owned()),
            ],
        )?;
        for failure in list {
            let tag = if is_error(&failure.kind) {
                "error"
            } else {
                "failure"
            };
            xml.open(
                "testcase",
                &[
                    ("classname", (*class).to_owned()),
                    ("name", failure.method_name.clone()),
                ],
            )?;
            xml.text_element(
                tag,
                &[
                    ("message", first_line(&failure.text).to_owned()),
                    ("type", failure.kind.clone()),
                ],
                &failure.text,
            )?;
            xml.close("testcase")?;
        }
        xml.close("testsuite")?;
    }
    if unexplained > 0 {
        xml.open(
            "testsuite",
            &[
                ("name", "ABAP Unit".to_owned()),
                ("tests", "1".to_owned()),
                ("failures", "1".to_owned()),
                ("errors", "0".to_owned()),
                ("timestamp", run.timestamp.to_owned()),
            ],
        )?;
        xml.open(
            "testcase",
            &[
                ("classname", "ABAP Unit".to_owned()),
                ("name", format!("{unexplained} failed test methods")),
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
        xml.close("testsuite")?;
    }
    if result.passed_count > 0 {
        xml.open(
            "testsuite",
            &[
                ("name", "Passed".to_owned()),
                ("tests", result.passed_count.to_string()),
                ("failures", "0".to_owned()),
                ("errors", "0".to_owned()),
                ("timestamp", run.timestamp.to_owned()),
            ],
        )?;
        xml.empty(
            "testcase",
            &[
                ("classname", "ABAP Unit".to_owned()),
                (
                    "name",
                    format!("{} passed test methods", result.passed_count),
                ),
            ],
        )?;
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

#[cfg(test)]
mod tests {
    use super::*;

    const RUN: RunInfo<'static> = RunInfo {
        name: "adesk syntax",
        timestamp: "2026-12-05T09:00:00",
    };

    #[test]
    fn hostile_text_is_escaped_and_control_characters_dropped() {
        let objects = [CheckedObject {
            object_type: "CLAS".into(),
            object_name: "ZCL_<X>".into(),
            findings: vec![Finding {
                severity: Severity::Error,
                text: "\"a\" & <b>\u{1}]]>".into(),
                file: Some("src/zcl_x.clas.abap".into()),
                include: None,
                line: Some(3),
                column: None,
            }],
        }];
        let xml = checks_report(&RUN, &objects);
        assert!(xml.contains("ZCL_&lt;X&gt;"), "{xml}");
        assert!(xml.contains("&quot;a&quot; &amp; &lt;b&gt;]]&gt;"), "{xml}");
        assert!(!xml.contains('\u{1}'));
        assert!(
            xml.contains(r#"file="src/zcl_x.clas.abap" line="3""#),
            "{xml}"
        );
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
        let xml = unit_report(&RUN, &result);
        assert!(
            xml.contains(r#"<testsuites name="adesk syntax" tests="3" failures="2" errors="0">"#),
            "{xml}"
        );
    }
}
