//! `agent syntax`, `agent inspect`, `agent unit`: a failed check is a finding (exit 1), shown
//! as compiler-style `file:line:column: error: text` lines and written as JUnit on request.

use std::path::{Path, PathBuf};

use abapgit_agent::checkout::{syntax_request_for, LocatedDiagnostic, SourceMap, SourceRole};
use abapgit_agent::filenames::parse_file_name;
use abapgit_agent::{
    Diagnostic, InspectRequest, ObjectCheck, Severity, SyntaxResult, TestClassesSource,
    UnicodeCheck, UnitRequest, UnitResult,
};
use serde::Serialize;

use crate::context::Run;
use crate::exit::{CliError, CliResult};
use crate::output::{table, Report};
use abapgit_agent::junit::{self, JUnitFinding, JUnitObject, JUnitRun};

/// A syntax check of local files: the server's answer and every diagnostic with its file
/// (the app's `FileSyntaxResult`).
#[derive(Serialize)]
struct FileSyntaxResult {
    result: SyntaxResult,
    source_map: SourceMap,
    diagnostics: Vec<LocatedDiagnostic>,
}

pub async fn syntax(
    run: &mut Run,
    files: &[PathBuf],
    cloud: bool,
    junit_path: Option<&Path>,
) -> CliResult<Report> {
    let paths = files.to_vec();
    let unicode = cloud.then_some(UnicodeCheck::Cloud);
    // Reading the checkout is blocking file I/O.
    let (request, source_map) =
        tokio::task::spawn_blocking(move || syntax_request_for(&paths, unicode))
            .await
            .map_err(|error| CliError::input(format!("reading the files stopped: {error}")))?
            .map_err(|error| CliError::input(error.to_string()))?;
    let result = run.agent()?.syntax(&request).await?;
    let diagnostics = source_map.locate_all(&result);
    let objects: Vec<JUnitObject> = result
        .objects
        .iter()
        .map(|object| JUnitObject {
            object_type: object.object_type.clone(),
            object_name: object.object_name.clone(),
            findings: with_failure(
                object,
                diagnostics
                    .iter()
                    .filter(|d| {
                        d.object_type == object.object_type && d.object_name == object.object_name
                    })
                    .map(|d| {
                        finding(
                            &d.diagnostic,
                            d.location.as_ref().map(|l| l.path.clone()),
                            d.location.as_ref().and_then(|l| l.line),
                            d.location.as_ref().and_then(|l| l.column),
                        )
                    })
                    .collect(),
            ),
        })
        .collect();
    let failed = !result.success || objects.iter().any(has_errors);
    write_junit(junit_path, "adesk agent syntax", |run_info| {
        junit::checks_report(run_info, &objects)
    })?;
    let text = checks_text(&objects, &result.message);
    let report = FileSyntaxResult {
        result,
        source_map,
        diagnostics,
    };
    Ok(Report::new(&report, text).findings_if(failed))
}

pub async fn inspect(
    run: &mut Run,
    files: &[String],
    variant: Option<String>,
    junit_path: Option<&Path>,
) -> CliResult<Report> {
    let request = InspectRequest {
        files: files.to_vec(),
        variant,
    };
    let result = run.agent()?.inspect(&request).await?;
    let objects: Vec<JUnitObject> = result
        .objects
        .iter()
        .map(|object| {
            let file = file_of(files, object);
            let diagnostics = object
                .errors
                .iter()
                .chain(&object.warnings)
                .chain(&object.infos);
            JUnitObject {
                object_type: object.object_type.clone(),
                object_name: object.object_name.clone(),
                findings: with_failure(
                    object,
                    diagnostics
                        .map(|d| {
                            // Lines are relative to the include: they point into the file only
                            // for the main source.
                            let in_main = d
                                .include
                                .as_deref()
                                .and_then(SourceRole::from_include)
                                .is_some_and(|role| role == SourceRole::Main);
                            let (line, column) = if in_main {
                                (d.line, d.column)
                            } else {
                                (None, None)
                            };
                            let mut found = finding(d, file.clone(), line, column);
                            if !in_main {
                                found.file = None;
                            }
                            found
                        })
                        .collect(),
                ),
            }
        })
        .collect();
    let failed = !result.success || objects.iter().any(has_errors);
    write_junit(junit_path, "adesk agent inspect", |run_info| {
        junit::checks_report(run_info, &objects)
    })?;
    let text = checks_text(&objects, "");
    Ok(Report::new(&result, text).findings_if(failed))
}

pub async fn unit(
    run: &mut Run,
    files: &[String],
    coverage: bool,
    junit_path: Option<&Path>,
) -> CliResult<Report> {
    let request = UnitRequest {
        files: files.to_vec(),
        package: None,
        coverage,
    };
    let mut result = run.agent()?.unit(&request).await?;
    let classes = classes_under_test(files);
    let files = files.to_vec();
    let sources = tokio::task::spawn_blocking(move || local_test_classes(&files))
        .await
        .unwrap_or_default();
    result.locate_failures(&sources);
    run.agent()?.locate_unit_failures(&mut result).await;
    write_junit(junit_path, "adesk agent unit", |run_info| {
        junit::unit_report(run_info, &result, &classes)
    })?;
    let failed = !result.success || result.failed_count > 0 || !result.failures.is_empty();
    Ok(Report::new(&result, unit_text(&result)).findings_if(failed))
}

/// The classes the files name (the classes whose tests run).
fn classes_under_test(files: &[String]) -> Vec<String> {
    let mut classes: Vec<String> = Vec::new();
    for file in files {
        if let Ok(parsed) = parse_file_name(file) {
            if parsed.object_type == "CLAS" && !classes.contains(&parsed.object_name) {
                classes.push(parsed.object_name);
            }
        }
    }
    classes
}

/// The local test classes (`<class>.clas.testclasses.abap` beside a given class file), so
/// that failures get the line of their method: the handler reports none.
fn local_test_classes(files: &[String]) -> Vec<TestClassesSource> {
    let mut sources: Vec<TestClassesSource> = Vec::new();
    for file in files {
        let Ok(parsed) = parse_file_name(file) else {
            continue;
        };
        if parsed.object_type != "CLAS"
            || sources.iter().any(|s| s.class_name == parsed.object_name)
        {
            continue;
        }
        let stem = parsed.file_name.split('.').next().unwrap_or_default();
        let path = Path::new(file).with_file_name(format!("{stem}.clas.testclasses.abap"));
        if let Ok(source) = std::fs::read_to_string(&path) {
            sources.push(TestClassesSource {
                class_name: parsed.object_name,
                file: Some(path.display().to_string()),
                source,
            });
        }
    }
    sources
}

fn unit_text(result: &UnitResult) -> String {
    let mut text = String::new();
    if !result.failures.is_empty() {
        text.push_str(&table(
            ["class", "method", "kind", "at", "message"],
            result.failures.iter().map(|f| {
                [
                    f.class_name.clone(),
                    f.method_name.clone(),
                    f.kind.clone(),
                    f.location
                        .as_ref()
                        .map(|l| {
                            format!("{}:{}", l.file.as_deref().unwrap_or(&l.test_class), l.line)
                        })
                        .unwrap_or_default(),
                    f.text.lines().next().unwrap_or_default().to_owned(),
                ]
            }),
        ));
    }
    text.push_str(&format!(
        "{} tests: {} passed, {} failed{}\n",
        result.test_count,
        result.passed_count,
        result.failed_count,
        if result.message.is_empty() {
            String::new()
        } else {
            format!(" ({})", result.message)
        }
    ));
    if let Some(coverage) = &result.coverage {
        text.push_str(&format!(
            "Coverage: {} of {} lines{}\n",
            coverage.covered_lines,
            coverage.total_lines,
            coverage
                .rate
                .map(|r| format!(" ({r:.1} %)"))
                .unwrap_or_default()
        ));
    }
    text
}

fn finding(
    diagnostic: &Diagnostic,
    file: Option<String>,
    line: Option<u32>,
    column: Option<u32>,
) -> JUnitFinding {
    JUnitFinding {
        severity: diagnostic.severity,
        text: diagnostic.text.clone(),
        file,
        include: diagnostic.include.clone(),
        line,
        column,
    }
}

/// An object the server marked failed without listing an error still fails the report.
fn with_failure(object: &ObjectCheck, mut findings: Vec<JUnitFinding>) -> Vec<JUnitFinding> {
    let listed_errors = findings.iter().any(|f| f.severity == Severity::Error);
    if !listed_errors && (!object.success || object.error_count > 0) {
        findings.insert(
            0,
            JUnitFinding {
                severity: Severity::Error,
                text: if object.message.is_empty() {
                    format!(
                        "{} error(s) reported without details",
                        object.error_count.max(1)
                    )
                } else {
                    object.message.clone()
                },
                file: None,
                include: None,
                line: None,
                column: None,
            },
        );
    }
    findings
}

fn has_errors(object: &JUnitObject) -> bool {
    object
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error)
}

/// The local file the user named for an inspected object.
fn file_of(files: &[String], object: &ObjectCheck) -> Option<String> {
    files
        .iter()
        .find(|file| {
            parse_file_name(file).is_ok_and(|parsed| {
                parsed.object_type.eq_ignore_ascii_case(&object.object_type)
                    && parsed.object_name.eq_ignore_ascii_case(&object.object_name)
            })
        })
        .cloned()
}

/// `file:line:column: severity: text` per finding (editors and CI problem matchers read it),
/// then a summary line.
fn checks_text(objects: &[JUnitObject], server_message: &str) -> String {
    let mut text = String::new();
    let (mut errors, mut warnings) = (0, 0);
    for object in objects {
        for finding in &object.findings {
            match finding.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                _ => {}
            }
            let location = match &finding.file {
                Some(_) => finding.location(),
                None => format!(
                    "{} {} {}",
                    object.object_type,
                    object.object_name,
                    finding.location()
                ),
            };
            text.push_str(&format!(
                "{location}: {}: {}\n",
                finding.severity, finding.text
            ));
        }
    }
    let clean = objects.iter().filter(|o| !has_errors(o)).count();
    text.push_str(&format!(
        "{} objects checked: {clean} without errors, {errors} errors, {warnings} warnings{}\n",
        objects.len(),
        if server_message.is_empty() {
            String::new()
        } else {
            format!(" ({server_message})")
        }
    ));
    text
}

fn write_junit(
    path: Option<&Path>,
    name: &str,
    render: impl FnOnce(&JUnitRun) -> String,
) -> CliResult<()> {
    let Some(path) = path else {
        return Ok(());
    };
    let timestamp = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    let xml = render(&JUnitRun {
        name: name.to_owned(),
        timestamp,
    });
    std::fs::write(path, xml)
        .map_err(|error| CliError::input(format!("cannot write {}: {error}", path.display())))
}
