//! `/inspect`: Code Inspector (syntax variant) on stored objects named by their git files.
//! As implemented the answer is a top-level array with string line numbers.

use abap_system::{class_include_name, ObjectType, Severity, SourcePart, SyntaxMessage, System};
use serde_json::{json, Value};

use super::{message, require, Outcome};
use crate::agent::reply::{abap_flag, upper_keys};
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;

const DEFAULT_VARIANT: &str = "SYNTAX_CHECK";
const KNOWN_VARIANTS: [&str; 2] = [DEFAULT_VARIANT, "DEFAULT"];

/// One finding placed in its include, as Code Inspector reports it.
struct Finding {
    line: usize,
    column: usize,
    text: String,
    word: String,
    include: String,
    method_name: String,
    warning: bool,
}

struct Inspected {
    object_type: String,
    name: String,
    findings: Vec<Finding>,
    /// DDLS warnings also fail the object.
    warnings_fail: bool,
}

fn place(system: &System, object_type: ObjectType, name: &str, message: &SyntaxMessage) -> Finding {
    let (include, line, method_name) = match (object_type, message.part) {
        (ObjectType::Clas, SourcePart::Main) => match system.class(name) {
            Some(class) => {
                let (suffix, _, method, line) = class.locate_main_line(message.line);
                (class_include_name(name, &suffix), line, method)
            }
            None => (class_include_name(name, "CU"), message.line, String::new()),
        },
        (ObjectType::Clas, part) => {
            let suffix = match part {
                SourcePart::LocalsDef => "CCDEF",
                SourcePart::LocalsImp => "CCIMP",
                _ => "CCAU",
            };
            (
                class_include_name(name, suffix),
                message.line,
                String::new(),
            )
        }
        (ObjectType::Intf, _) => (class_include_name(name, "IU"), message.line, String::new()),
        _ => (name.to_string(), message.line, String::new()),
    };
    Finding {
        line,
        column: message.column,
        text: message.text.clone(),
        word: message.word.clone(),
        include,
        method_name: if method_name.is_empty() {
            message.method_name.clone()
        } else {
            method_name
        },
        warning: message.severity == Severity::Warning,
    }
}

fn inspect_object(system: &System, object_type: &str, name: &str) -> Inspected {
    let mut inspected = Inspected {
        object_type: object_type.to_string(),
        name: name.to_string(),
        findings: Vec::new(),
        warnings_fail: object_type == "DDLS",
    };
    let supported = ObjectType::from_code(object_type).filter(|t| {
        matches!(
            t,
            ObjectType::Clas
                | ObjectType::Intf
                | ObjectType::Prog
                | ObjectType::Fugr
                | ObjectType::Ddls
        )
    });
    let problem = |text: String| Finding {
        line: 0,
        column: 0,
        text,
        word: String::new(),
        include: String::new(),
        method_name: String::new(),
        warning: false,
    };
    let Some(kind) = supported else {
        inspected.findings.push(problem(format!(
            "Object type {object_type} is not supported by inspect"
        )));
        return inspected;
    };
    match system.syntax_check_object(kind, name) {
        Ok(messages) => {
            inspected.findings = messages
                .iter()
                .map(|m| place(system, kind, name, m))
                .collect();
        }
        Err(error) => inspected.findings.push(problem(error.to_string())),
    }
    inspected
}

fn render_implemented(inspected: &Inspected) -> Value {
    let errors: Vec<Value> = inspected
        .findings
        .iter()
        .filter(|f| !f.warning)
        .map(|f| {
            json!({
                "line": f.line.to_string(),
                "column": f.column.to_string(),
                "text": f.text,
                "word": f.word,
                "sobjname": f.include,
                "method_name": f.method_name,
            })
        })
        .collect();
    let warnings: Vec<Value> = inspected
        .findings
        .iter()
        .filter(|f| f.warning)
        .map(|f| {
            json!({
                "type": "W",
                "line": f.line.to_string(),
                "column": f.column.to_string(),
                "severity": "W",
                "message": f.text,
                "object_type": inspected.object_type,
                "object_name": inspected.name,
                "sobjname": f.include,
                "method_name": f.method_name,
            })
        })
        .collect();
    let success = errors.is_empty() && (warnings.is_empty() || !inspected.warnings_fail);
    upper_keys(json!({
        "object_type": inspected.object_type,
        "object_name": inspected.name,
        "success": success,
        "error_count": errors.len(),
        "errors": errors,
        "warnings": warnings,
        "infos": [],
    }))
}

fn render_documented(inspected: &Inspected) -> Value {
    let errors: Vec<Value> = inspected
        .findings
        .iter()
        .filter(|f| !f.warning)
        .map(|f| {
            json!({
                "line": f.line.to_string(),
                "column": f.column.to_string(),
                "text": f.text,
            })
        })
        .collect();
    let warnings_fail = inspected.warnings_fail && inspected.findings.iter().any(|f| f.warning);
    json!({
        "success": abap_flag(errors.is_empty() && !warnings_fail),
        "object_type": inspected.object_type,
        "object_name": inspected.name,
        "error_count": errors.len(),
        "errors": errors,
    })
}

pub(crate) fn post(ctx: &Ctx, body: &Body) -> Outcome {
    let files = body.texts("files");
    require(
        files.is_empty(),
        message(ctx, "Files list is required", "Files are required"),
    )?;
    let variant = Some(body.text("variant").trim().to_ascii_uppercase())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| DEFAULT_VARIANT.to_string());

    let results: Vec<Inspected> = if !KNOWN_VARIANTS.contains(&variant.as_str()) {
        vec![Inspected {
            object_type: "VARIANT".into(),
            name: variant.clone(),
            findings: vec![Finding {
                line: 0,
                column: 0,
                text: format!("Check variant \"{variant}\" not found (rc=1)"),
                word: String::new(),
                include: String::new(),
                method_name: String::new(),
                warning: false,
            }],
            warnings_fail: false,
        }]
    } else {
        let mut objects: Vec<(String, String)> = Vec::new();
        for file in &files {
            if let Some(parsed) = abap_system::parse_file_to_object(file) {
                let key = (parsed.object_type, parsed.name);
                if !objects.contains(&key) {
                    objects.push(key);
                }
            }
        }
        if objects.is_empty() {
            vec![Inspected {
                object_type: "N/A".into(),
                name: "N/A".into(),
                findings: vec![Finding {
                    line: 0,
                    column: 0,
                    text: "No valid files to inspect".into(),
                    word: String::new(),
                    include: String::new(),
                    method_name: String::new(),
                    warning: false,
                }],
                warnings_fail: false,
            }]
        } else {
            let system = ctx.state.system();
            objects
                .iter()
                .map(|(object_type, name)| inspect_object(&system, object_type, name))
                .collect()
        }
    };

    Ok(match ctx.dialect {
        Dialect::AsImplemented => Reply::ok(Value::Array(
            results.iter().map(render_implemented).collect(),
        )),
        // The reference shows one object per inspected file; several files give several objects.
        Dialect::Documented => match results.as_slice() {
            [single] => Reply::ok(render_documented(single)),
            many => Reply::ok(Value::Array(many.iter().map(render_documented).collect())),
        },
    })
}
