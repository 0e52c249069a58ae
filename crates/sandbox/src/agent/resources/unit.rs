//! `/unit`: runs the ABAP Unit tests of the classes named by their git files.

use abap_system::{Coverage, TestOutcome, UnitRun};
use serde_json::{json, Value};

use super::{blank, require, Outcome};
use crate::agent::reply::{abap_flag, upper_keys};
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;

pub(crate) fn post(ctx: &Ctx, body: &Body) -> Outcome {
    let files = body.texts("files");
    let package = body.text("package");
    require(
        files.is_empty() && blank(ctx, &package),
        "Package or files required",
    )?;
    // The command ignores `package`: only files select classes.
    let mut classes: Vec<String> = Vec::new();
    for file in &files {
        if let Some(parsed) = abap_system::parse_file_to_object(file) {
            if parsed.object_type == "CLAS" && !classes.contains(&parsed.name) {
                classes.push(parsed.name);
            }
        }
    }
    let runs: Vec<UnitRun> = {
        let system = ctx.state.system();
        classes
            .iter()
            .filter_map(|class| system.run_unit_tests(class).ok())
            .collect()
    };
    let coverage_wanted = body.flag("coverage");
    Ok(render(ctx.dialect, &runs, coverage_wanted))
}

fn render(dialect: Dialect, runs: &[UnitRun], coverage_wanted: bool) -> Reply {
    let tests = runs.iter().flat_map(|r| r.tests.iter());
    let test_count = tests.clone().count();
    let failures: Vec<Value> = tests
        .filter_map(|t| match &t.outcome {
            TestOutcome::Passed => None,
            TestOutcome::Failed { kind, text } => Some(json!({
                // ZCL_ABGAGT_COMMAND_UNIT writes the tested object's CLSNAME, not the
                // local test class.
                "class_name": t.program,
                "method_name": t.method,
                "error_kind": kind.as_str(),
                "error_text": text,
            })),
        })
        .collect();
    let failed = failures.len();
    let passed = test_count - failed;
    let success = test_count > 0 && failed == 0;
    let message = if test_count == 0 {
        "No test results returned".to_string()
    } else if failed == 0 {
        format!("All {test_count} tests passed")
    } else {
        format!("{failed} of {test_count} tests failed")
    };
    let coverage = if coverage_wanted {
        runs.iter().fold(
            Coverage {
                total_lines: 0,
                covered_lines: 0,
            },
            |sum, run| Coverage {
                total_lines: sum.total_lines + run.coverage.total_lines,
                covered_lines: sum.covered_lines + run.coverage.covered_lines,
            },
        )
    } else {
        Coverage {
            total_lines: 0,
            covered_lines: 0,
        }
    };
    let coverage_stats = json!({
        "total_lines": coverage.total_lines,
        "covered_lines": coverage.covered_lines,
        "coverage_rate": coverage.rate(),
    });
    match dialect {
        Dialect::AsImplemented => Reply::ok(upper_keys(json!({
            "success": success,
            "message": message,
            "test_count": test_count,
            "passed_count": passed,
            "failed_count": failed,
            "errors": failures,
            "coverage_stats": coverage_stats,
            "coverage_lines": [],
        }))),
        Dialect::Documented => {
            let mut body = json!({
                "success": abap_flag(success),
                "test_count": test_count,
                "passed_count": passed,
                "failed_count": failed,
                "message": message,
                "errors": failures,
            });
            if coverage_wanted {
                if let Some(map) = body.as_object_mut() {
                    map.insert("coverage_stats".into(), coverage_stats);
                }
            }
            Reply::ok(body)
        }
    }
}
