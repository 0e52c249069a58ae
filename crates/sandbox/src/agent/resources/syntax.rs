//! `/syntax`: checks sources sent in the request, without activating anything.

use abap_system::engines::syntax as checker;
use abap_system::{ClassSource, Severity, SourcePart, SyntaxMessage};
use serde_json::{json, Value};

use super::{Outcome, Refusal};
use crate::agent::reply::upper_keys;
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;

struct CheckedObject {
    object_type: String,
    name: String,
    /// Where FUGR messages point (the function module in lower case).
    include_override: Option<String>,
    errors: Vec<SyntaxMessage>,
    warnings: Vec<SyntaxMessage>,
    unsupported: bool,
}

fn supported(dialect: Dialect, object_type: &str) -> bool {
    match dialect {
        Dialect::Documented => matches!(object_type, "CLAS" | "INTF" | "PROG" | "DDLS"),
        Dialect::AsImplemented => {
            matches!(
                object_type,
                "CLAS" | "INTF" | "PROG" | "FUGR" | "ENHO" | "DDLS"
            )
        }
    }
}

fn check(dialect: Dialect, object: &Body) -> CheckedObject {
    let object_type = object.text("type").trim().to_ascii_uppercase();
    let name = object.text("name").trim().to_ascii_uppercase();
    let source = object.text("source");
    let mut checked = CheckedObject {
        object_type: object_type.clone(),
        name,
        include_override: None,
        errors: Vec::new(),
        warnings: Vec::new(),
        unsupported: false,
    };
    if !supported(dialect, &object_type) {
        checked.unsupported = true;
        return checked;
    }
    let messages = match object_type.as_str() {
        "CLAS" => checker::check_class(&ClassSource {
            main: source,
            locals_def: object.text("locals_def"),
            locals_imp: object.text("locals_imp"),
            testclasses: object.text("testclasses"),
        }),
        "INTF" => checker::check_interface(&source),
        "DDLS" => checker::check_ddls(&source),
        "FUGR" => {
            let include = object.text("fugr_include_name");
            let include = if include.trim().is_empty() {
                checked.name.clone()
            } else {
                include
            };
            checked.include_override = Some(include.trim().to_ascii_lowercase());
            checker::check_program(&source)
        }
        _ => checker::check_program(&source),
    };
    let (mut errors, warnings): (Vec<_>, Vec<_>) = messages
        .into_iter()
        .partition(|m| m.severity == Severity::Error);
    if dialect == Dialect::AsImplemented && object_type != "DDLS" {
        // The checkers run one SYNTAX-CHECK, which stops at the first error of the assembled
        // pool (class: local definitions, main, local implementations, test classes) and
        // reports no warnings.
        errors.sort_by_key(|m| (pool_position(m.part), m.line));
        errors.truncate(1);
        if object_type == "INTF" {
            // INTERFACE-POOL. is line 1 of the checked source and the line is not adjusted.
            for error in &mut errors {
                error.line += 1;
            }
        }
        checked.errors = errors;
        return checked;
    }
    checked.errors = errors;
    checked.warnings = warnings;
    checked
}

/// Where a class part sits in the class pool the checker assembles.
fn pool_position(part: SourcePart) -> u8 {
    match part {
        SourcePart::LocalsDef => 0,
        SourcePart::Main => 1,
        SourcePart::LocalsImp => 2,
        SourcePart::Testclasses => 3,
    }
}

fn include_of(dialect: Dialect, checked: &CheckedObject, message: &SyntaxMessage) -> String {
    if let Some(include) = &checked.include_override {
        return include.clone();
    }
    match dialect {
        Dialect::AsImplemented if checked.object_type == "CLAS" => {
            message.part.include_key().to_string()
        }
        Dialect::AsImplemented => String::new(),
        Dialect::Documented if checked.object_type == "CLAS" => message.part.label().to_string(),
        Dialect::Documented => SourcePart::Main.label().to_string(),
    }
}

fn render_object(dialect: Dialect, checked: &CheckedObject) -> Value {
    if checked.unsupported {
        let text = format!(
            "Unsupported object type: {}. Syntax command only supports CLAS, INTF, PROG, DDLS. Use 'pull' command for other object types.",
            checked.object_type
        );
        let message = format!(
            "Unsupported object type: {}. Use 'pull' command instead.",
            checked.object_type
        );
        return match dialect {
            Dialect::Documented => json!({
                "object_type": checked.object_type,
                "object_name": checked.name,
                "success": false,
                "error_count": 1,
                "errors": [{"line": 1, "text": text}],
                "message": message,
            }),
            Dialect::AsImplemented => json!({
                "object_type": checked.object_type,
                "object_name": checked.name,
                "success": false,
                "error_count": 1,
                "errors": [{"line": 1, "column": 0, "text": text, "word": "", "include": "", "method_name": ""}],
                "warnings": [],
                "message": message,
            }),
        };
    }
    let errors: Vec<Value> = checked
        .errors
        .iter()
        .map(|m| match dialect {
            // SYNTAX-CHECK gives message, line and word only: COLUMN and METHOD_NAME stay
            // initial (DDLS fills column from the DDL handler).
            Dialect::AsImplemented => json!({
                "line": m.line,
                "column": if checked.object_type == "DDLS" { m.column } else { 0 },
                "text": m.text,
                "word": m.word,
                "include": include_of(dialect, checked, m),
                "method_name": "",
            }),
            Dialect::Documented => json!({
                "line": m.line,
                "column": m.column,
                "text": m.text,
                "include": include_of(dialect, checked, m),
            }),
        })
        .collect();
    let warnings: Vec<Value> = checked
        .warnings
        .iter()
        .map(|m| match dialect {
            Dialect::AsImplemented => json!({
                "line": m.line,
                "column": m.column,
                "text": m.text,
                "severity": "W",
                "include": include_of(dialect, checked, m),
            }),
            Dialect::Documented => json!({
                "line": m.line,
                "text": m.text,
                "include": include_of(dialect, checked, m),
            }),
        })
        .collect();
    let count = errors.len();
    let message = match (dialect, checked.errors.first()) {
        (_, None) => "Syntax check passed".to_string(),
        // The checkers put the error text itself into MESSAGE.
        (Dialect::AsImplemented, Some(first)) if checked.object_type != "DDLS" => {
            first.text.clone()
        }
        _ => format!("Syntax check failed with {count} error(s)"),
    };
    let mut body = json!({
        "object_type": checked.object_type,
        "object_name": checked.name,
        "success": count == 0,
        "error_count": count,
    });
    if let Some(map) = body.as_object_mut() {
        if dialect == Dialect::Documented {
            map.insert("warning_count".into(), warnings.len().into());
        }
        map.insert("errors".into(), errors.into());
        map.insert("warnings".into(), warnings.into());
        map.insert("message".into(), message.into());
    }
    body
}

/// The resource's `get_error_message`; the documented dialect keeps the reference's shorter
/// wording. As implemented the fields are strings, so only "" is initial.
fn validate(dialect: Dialect, objects: &[Body]) -> Result<(), Refusal> {
    let implemented = dialect == Dialect::AsImplemented;
    let missing = |object: &Body, key: &str| {
        let text = object.text(key);
        if implemented {
            text.is_empty()
        } else {
            text.trim().is_empty()
        }
    };
    if objects.is_empty() {
        return Err(Refusal(
            if implemented {
                "Objects array is required. Each object needs: type, name, source (or testclasses)"
            } else {
                "Objects array is required and must not be empty"
            }
            .into(),
        ));
    }
    for (index, object) in objects.iter().enumerate() {
        let position = index + 1;
        if missing(object, "type") {
            let hint = if implemented {
                " (CLAS, INTF, PROG)"
            } else {
                ""
            };
            return Err(Refusal(format!(
                "Object at index {position} missing \"type\"{hint}"
            )));
        }
        if missing(object, "name") {
            return Err(Refusal(format!(
                "Object at index {position} missing \"name\""
            )));
        }
        if object.text("source").is_empty() && object.text("testclasses").is_empty() {
            let alternative = if implemented {
                " or \"testclasses\""
            } else {
                ""
            };
            return Err(Refusal(format!(
                "Object at index {position} missing \"source\"{alternative}"
            )));
        }
    }
    Ok(())
}

pub(crate) fn post(ctx: &Ctx, body: &Body) -> Outcome {
    let objects = body.objects("objects");
    validate(ctx.dialect, &objects)?;
    let checked: Vec<CheckedObject> = objects.iter().map(|o| check(ctx.dialect, o)).collect();
    let failed = checked
        .iter()
        .filter(|c| c.unsupported || !c.errors.is_empty())
        .count();
    let total = checked.len();
    let message = if failed == 0 {
        format!("All {total} object(s) passed syntax check")
    } else {
        format!("{failed} of {total} object(s) have syntax errors")
    };
    let results: Vec<Value> = checked
        .iter()
        .map(|c| render_object(ctx.dialect, c))
        .collect();
    let body = json!({
        "success": failed == 0,
        "command": "SYNTAX",
        "message": message,
        "results": results,
    });
    Ok(match ctx.dialect {
        Dialect::AsImplemented => Reply::ok(upper_keys(body)),
        Dialect::Documented => Reply::ok(body),
    })
}
