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
    /// The command's "N/A" result: no file named an object. As implemented it has no error
    /// row, yet ERROR_COUNT 1.
    nothing_to_inspect: bool,
}

impl Inspected {
    fn new(object_type: &str, name: &str) -> Self {
        Self {
            object_type: object_type.to_string(),
            name: name.to_string(),
            findings: Vec::new(),
            warnings_fail: object_type == "DDLS",
            nothing_to_inspect: false,
        }
    }
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
        // The DDL handler's messages name no include.
        (ObjectType::Ddls, _) => (String::new(), message.line, String::new()),
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

fn problem(line: usize, text: String) -> Finding {
    Finding {
        line,
        column: line,
        text,
        word: String::new(),
        include: String::new(),
        method_name: String::new(),
        warning: false,
    }
}

/// One object through Code Inspector's syntax variant: types without an ABAP syntax check
/// (tables, data elements...) pass with nothing found.
fn inspect_object(system: &System, object_type: &str, name: &str) -> Inspected {
    let mut inspected = Inspected::new(object_type, name);
    let checked = ObjectType::from_code(object_type).filter(|t| {
        matches!(
            t,
            ObjectType::Clas | ObjectType::Intf | ObjectType::Prog | ObjectType::Fugr
        )
    });
    let Some(kind) = checked else {
        return inspected;
    };
    match system.syntax_check_object(kind, name) {
        Ok(messages) => {
            inspected.findings = messages
                .iter()
                .map(|m| place(system, kind, name, m))
                .collect();
        }
        Err(error) => inspected.findings.push(problem(0, error.to_string())),
    }
    inspected
}

/// `validate_ddls`: the DDL handler's check of the inactive, else the active version.
fn inspect_ddls(system: &System, name: &str) -> Inspected {
    let mut inspected = Inspected::new("DDLS", name);
    match system.syntax_check_object(ObjectType::Ddls, name) {
        Ok(messages) => {
            inspected.findings = messages
                .iter()
                .map(|m| place(system, ObjectType::Ddls, name, m))
                .collect();
        }
        Err(_) => inspected
            .findings
            .push(problem(1, format!("DDLS {name} not found in repository"))),
    }
    inspected
}

fn render_implemented(inspected: &Inspected) -> Value {
    let mut findings: Vec<&Finding> = inspected.findings.iter().collect();
    // `SORT errors BY method_name line`, on the result's string fields: "10" before "9".
    if inspected.object_type != "DDLS" {
        findings.sort_by_key(|f| (f.method_name.clone(), f.line.to_string()));
    }
    let errors: Vec<Value> = findings
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
    let warnings: Vec<Value> = findings
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
    let success = !inspected.nothing_to_inspect
        && errors.is_empty()
        && (warnings.is_empty() || !inspected.warnings_fail);
    let error_count = if inspected.nothing_to_inspect {
        1
    } else {
        errors.len()
    };
    upper_keys(json!({
        "object_type": inspected.object_type,
        "object_name": inspected.name,
        "success": success,
        "error_count": error_count,
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
    let results = match ctx.dialect {
        Dialect::AsImplemented => inspect_as_implemented(ctx, body, &files),
        Dialect::Documented => inspect_documented(ctx, body, &files),
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

/// `ZCL_ABGAGT_COMMAND_INSPECT->execute`: every file's object (no de-duplication), the
/// Code Inspector objects first and the variant looked up (as sent) only when there are
/// some, then the DDLS ones; "N/A" when no file names an object.
fn inspect_as_implemented(ctx: &Ctx, body: &Body, files: &[String]) -> Vec<Inspected> {
    let (ddls, others): (Vec<_>, Vec<_>) = files
        .iter()
        .filter_map(|file| abap_system::parse_file_to_object(file))
        .map(|parsed| (parsed.object_type, parsed.name))
        .partition(|(object_type, _)| object_type == "DDLS");
    let system = ctx.state.system();
    let mut results = Vec::new();
    if !others.is_empty() {
        let sent = body.text("variant");
        let variant = if sent.is_empty() {
            DEFAULT_VARIANT.to_string()
        } else {
            sent.clone()
        };
        if KNOWN_VARIANTS.contains(&variant.as_str()) {
            results.extend(
                others
                    .iter()
                    .map(|(object_type, name)| inspect_object(&system, object_type, name)),
            );
        } else {
            results.push(variant_not_found(&sent));
        }
    }
    results.extend(ddls.iter().map(|(_, name)| inspect_ddls(&system, name)));
    if results.is_empty() {
        let mut none = Inspected::new("N/A", "N/A");
        none.nothing_to_inspect = true;
        results.push(none);
    }
    results
}

/// The documented dialect: the variant first (upper-cased), each object once, in file order.
fn inspect_documented(ctx: &Ctx, body: &Body, files: &[String]) -> Vec<Inspected> {
    let variant = Some(body.text("variant").trim().to_ascii_uppercase())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| DEFAULT_VARIANT.to_string());
    if !KNOWN_VARIANTS.contains(&variant.as_str()) {
        return vec![variant_not_found(&variant)];
    }
    let mut objects: Vec<(String, String)> = Vec::new();
    for file in files {
        if let Some(parsed) = abap_system::parse_file_to_object(file) {
            let key = (parsed.object_type, parsed.name);
            if !objects.contains(&key) {
                objects.push(key);
            }
        }
    }
    if objects.is_empty() {
        let mut none = Inspected::new("N/A", "N/A");
        none.findings
            .push(problem(0, "No valid files to inspect".to_string()));
        return vec![none];
    }
    let system = ctx.state.system();
    objects
        .iter()
        .map(|(object_type, name)| match object_type.as_str() {
            "DDLS" => inspect_ddls(&system, name),
            _ => inspect_object(&system, object_type, name),
        })
        .collect()
}

/// `build_variant_error`: one result of type VARIANT named as the request named it.
fn variant_not_found(variant: &str) -> Inspected {
    let mut result = Inspected::new("VARIANT", variant);
    result.findings.push(problem(
        0,
        format!("Check variant \"{variant}\" not found (rc=1)"),
    ));
    result
}
