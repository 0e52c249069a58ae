//! Check resources: syntax, inspect, unit. A failed check is a result the UI
//! shows, not an error: these answers come back `Ok` whatever their `success`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::common::Severity;
use crate::wire::{de, value_flag};

/// Unicode check mode of `/syntax`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum UnicodeCheck {
    /// `X`: standard ABAP.
    #[default]
    Standard,
    /// `5`: ABAP for Cloud Development.
    Cloud,
}

impl UnicodeCheck {
    fn wire(self) -> &'static str {
        match self {
            Self::Standard => "X",
            Self::Cloud => "5",
        }
    }
}

/// One object to check from local source, without activating anything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct SyntaxObject {
    /// CLAS, INTF, PROG, DDLS (the real server also checks FUGR and ENHO).
    pub object_type: String,
    pub object_name: String,
    /// Main source, lines separated by `\n`.
    pub source: String,
    pub locals_def: Option<String>,
    pub locals_imp: Option<String>,
    pub testclasses: Option<String>,
    /// Fixed-point arithmetic flag from the object's XML.
    pub fixpt: bool,
    /// Program type from the PROG XML (`1` executable, `I` include).
    pub subc: Option<String>,
    /// FUGR only: the function module or include the source belongs to.
    pub fugr_include_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct SyntaxRequest {
    pub objects: Vec<SyntaxObject>,
    pub unicode_check: Option<UnicodeCheck>,
}

#[derive(Serialize)]
pub(crate) struct SyntaxBody<'a> {
    objects: Vec<SyntaxObjectBody<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uccheck: Option<&'static str>,
}

#[derive(Serialize)]
struct SyntaxObjectBody<'a> {
    #[serde(rename = "type")]
    object_type: String,
    name: String,
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    locals_def: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locals_imp: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    testclasses: Option<&'a str>,
    fixpt: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    subc: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fugr_include_name: Option<&'a str>,
}

impl<'a> SyntaxBody<'a> {
    pub fn new(request: &'a SyntaxRequest) -> Self {
        Self {
            objects: request
                .objects
                .iter()
                .map(|o| SyntaxObjectBody {
                    object_type: o.object_type.trim().to_uppercase(),
                    name: o.object_name.trim().to_uppercase(),
                    source: &o.source,
                    locals_def: o.locals_def.as_deref(),
                    locals_imp: o.locals_imp.as_deref(),
                    testclasses: o.testclasses.as_deref(),
                    fixpt: if o.fixpt { "X" } else { "" },
                    subc: o.subc.as_deref(),
                    fugr_include_name: o.fugr_include_name.as_deref(),
                })
                .collect(),
            uccheck: request.unicode_check.map(UnicodeCheck::wire),
        }
    }
}

/// A message about a position in the source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct Diagnostic {
    pub severity: Severity,
    /// 1-based; `None` for messages about the whole object.
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub text: String,
    /// The offending token, when the checker names one.
    pub word: Option<String>,
    /// Where the line is: `main`, `locals_def`, `locals_imp`, `testclasses`
    /// (documented: "Main class", "Local definitions", ...), an include name, or a FM name.
    pub include: Option<String>,
    pub method_name: Option<String>,
    /// Code Inspector check or message type, when given.
    pub check: Option<String>,
}

/// The check result of one object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct ObjectCheck {
    pub object_type: String,
    pub object_name: String,
    pub success: bool,
    pub error_count: u32,
    pub warning_count: u32,
    pub message: String,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    pub infos: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct SyntaxResult {
    pub success: bool,
    pub message: String,
    pub objects: Vec<ObjectCheck>,
}

/// `POST /inspect`: Code Inspector / DDL checks of objects named by file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct InspectRequest {
    pub files: Vec<String>,
    /// Check variant (server default `SYNTAX_CHECK`).
    pub variant: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct InspectResult {
    /// True when every object passed.
    pub success: bool,
    pub objects: Vec<ObjectCheck>,
}

/// `POST /unit`: run ABAP Unit for the classes behind these files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct UnitRequest {
    pub files: Vec<String>,
    /// Accepted by the server's validation but ignored by the real command.
    pub package: Option<String>,
    pub coverage: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct TestFailure {
    #[serde(deserialize_with = "de::text")]
    pub class_name: String,
    #[serde(deserialize_with = "de::text")]
    pub method_name: String,
    /// `ERROR`, `FAILURE`, ...
    #[serde(alias = "error_kind", deserialize_with = "de::text")]
    pub kind: String,
    #[serde(alias = "error_text", deserialize_with = "de::text")]
    pub text: String,
    /// Where the failed test method is implemented in the test classes the caller has at
    /// hand (the handler reports no line); see [`UnitResult::locate_failures`].
    pub location: Option<TestLocation>,
}

/// A test method's `METHOD` statement in a class's test classes (`.clas.testclasses.abap`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TestLocation {
    /// The local test class, e.g. `LTCL_PRICING`.
    pub test_class: String,
    /// The test classes file as the caller named it, when it came from a file.
    pub file: Option<String>,
    /// 1-based line of `METHOD <name>.` in that source.
    pub line: u32,
}

/// The test classes of a class under test, as the caller has them (local file or pasted).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TestClassesSource {
    /// The class under test, e.g. `ZCL_FLIGHT_PRICING`.
    pub class_name: String,
    pub file: Option<String>,
    pub source: String,
}

impl UnitResult {
    /// The classes under test of failures that have no location yet.
    pub fn classes_without_location(&self) -> Vec<String> {
        let mut classes: Vec<String> = Vec::new();
        for failure in self.failures.iter().filter(|f| f.location.is_none()) {
            if !classes
                .iter()
                .any(|c| c.eq_ignore_ascii_case(&failure.class_name))
            {
                classes.push(failure.class_name.clone());
            }
        }
        classes
    }

    /// Fills the [`TestLocation`] of each failure that has none from the test classes of its
    /// class under test: the line of the failed method's implementation. A method that is not
    /// (or not unambiguously) in the source keeps no location.
    pub fn locate_failures(&mut self, sources: &[TestClassesSource]) {
        for failure in self.failures.iter_mut().filter(|f| f.location.is_none()) {
            let Some(source) = sources
                .iter()
                .find(|s| s.class_name.eq_ignore_ascii_case(&failure.class_name))
            else {
                continue;
            };
            let methods = test_method_lines(&source.source);
            let mut matching = methods
                .into_iter()
                .filter(|m| m.method.eq_ignore_ascii_case(&failure.method_name));
            if let (Some(found), None) = (matching.next(), matching.next()) {
                failure.location = Some(TestLocation {
                    test_class: found.test_class,
                    file: source.file.clone(),
                    line: found.line,
                });
            }
        }
    }
}

/// A method implementation in a test classes source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodLine {
    pub test_class: String,
    pub method: String,
    pub line: u32,
}

/// The `METHOD` statements inside `CLASS ... IMPLEMENTATION` blocks, upper case, with their
/// 1-based lines. Full-line (`*`) and end-of-line (`"`) comments are ignored.
pub fn test_method_lines(source: &str) -> Vec<MethodLine> {
    let mut found = Vec::new();
    let mut class: Option<String> = None;
    for (index, raw) in source.lines().enumerate() {
        if raw.starts_with('*') {
            continue;
        }
        let code = raw.split('"').next().unwrap_or_default().trim();
        let words: Vec<String> = code
            .trim_end_matches('.')
            .split_whitespace()
            .map(str::to_ascii_uppercase)
            .collect();
        match words.as_slice() {
            [first, name, second, ..] if first == "CLASS" && second == "IMPLEMENTATION" => {
                class = Some(name.clone());
            }
            [first] if first == "ENDCLASS" => class = None,
            [first, name, ..] if first == "METHOD" => {
                if let Some(test_class) = &class {
                    found.push(MethodLine {
                        test_class: test_class.clone(),
                        method: name.trim_end_matches('.').to_owned(),
                        line: u32::try_from(index + 1).unwrap_or(u32::MAX),
                    });
                }
            }
            _ => {}
        }
    }
    found
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct CoverageStats {
    #[serde(deserialize_with = "de::count")]
    pub total_lines: u32,
    #[serde(deserialize_with = "de::count")]
    pub covered_lines: u32,
    /// Percent, one decimal.
    #[serde(alias = "coverage_rate", deserialize_with = "de::opt_decimal")]
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(default)]
pub struct UnitResult {
    #[serde(deserialize_with = "de::flag")]
    pub success: bool,
    #[serde(deserialize_with = "de::text")]
    pub message: String,
    #[serde(deserialize_with = "de::count")]
    pub test_count: u32,
    #[serde(deserialize_with = "de::count")]
    pub passed_count: u32,
    #[serde(deserialize_with = "de::count")]
    pub failed_count: u32,
    #[serde(alias = "errors", deserialize_with = "de::list")]
    pub failures: Vec<TestFailure>,
    #[serde(alias = "coverage_stats", deserialize_with = "de::opt_record")]
    pub coverage: Option<CoverageStats>,
}

// ---- decoding: errors carry TEXT, inspect warnings carry MESSAGE; line as int or string.

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawDiagnostic {
    #[serde(deserialize_with = "de::opt_text")]
    severity: Option<String>,
    #[serde(rename = "type", deserialize_with = "de::opt_text")]
    kind: Option<String>,
    #[serde(deserialize_with = "de::opt_line")]
    line: Option<u32>,
    #[serde(deserialize_with = "de::opt_line")]
    column: Option<u32>,
    #[serde(deserialize_with = "de::opt_text")]
    text: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    message: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    word: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    include: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    sobjname: Option<String>,
    #[serde(deserialize_with = "de::opt_text")]
    method_name: Option<String>,
}

impl RawDiagnostic {
    fn into_diagnostic(self, list_severity: Severity) -> Diagnostic {
        // A warning list may carry its own severity letters; the errors list is always errors.
        let severity = match list_severity {
            Severity::Error => Severity::Error,
            other => self
                .severity
                .as_deref()
                .and_then(Severity::parse)
                .unwrap_or(other),
        };
        Diagnostic {
            severity,
            line: self.line,
            column: self.column,
            text: self.text.or(self.message).unwrap_or_default(),
            word: self.word,
            include: self.include.or(self.sobjname),
            method_name: self.method_name,
            check: self.kind,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawObjectCheck {
    #[serde(deserialize_with = "de::text")]
    object_type: String,
    #[serde(deserialize_with = "de::text")]
    object_name: String,
    success: Value,
    #[serde(deserialize_with = "de::opt_count")]
    error_count: Option<u32>,
    #[serde(deserialize_with = "de::opt_count")]
    warning_count: Option<u32>,
    #[serde(deserialize_with = "de::text")]
    message: String,
    #[serde(deserialize_with = "de::list")]
    errors: Vec<RawDiagnostic>,
    #[serde(deserialize_with = "de::list")]
    warnings: Vec<RawDiagnostic>,
    #[serde(deserialize_with = "de::list")]
    infos: Vec<RawDiagnostic>,
}

fn len_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<RawObjectCheck> for ObjectCheck {
    fn from(raw: RawObjectCheck) -> Self {
        let errors: Vec<Diagnostic> = raw
            .errors
            .into_iter()
            .map(|d| d.into_diagnostic(Severity::Error))
            .collect();
        let warnings: Vec<Diagnostic> = raw
            .warnings
            .into_iter()
            .map(|d| d.into_diagnostic(Severity::Warning))
            .collect();
        let infos = raw
            .infos
            .into_iter()
            .map(|d| d.into_diagnostic(Severity::Info))
            .collect();
        let error_count = raw.error_count.unwrap_or(0).max(len_u32(errors.len()));
        // Missing success means "no errors" only if there are none.
        let success = match raw.success {
            Value::Null => error_count == 0,
            ref flag => value_flag(flag),
        };
        ObjectCheck {
            object_type: raw.object_type,
            object_name: raw.object_name,
            success,
            error_count,
            warning_count: raw.warning_count.unwrap_or(0).max(len_u32(warnings.len())),
            message: raw.message,
            errors,
            warnings,
            infos,
        }
    }
}

fn object_checks(value: &Value) -> Vec<ObjectCheck> {
    let items: Vec<Value> = match value {
        Value::Array(items) => items.clone(),
        object @ Value::Object(_) => vec![object.clone()],
        _ => Vec::new(),
    };
    items
        .into_iter()
        .filter(Value::is_object)
        .filter_map(|item| serde_json::from_value::<RawObjectCheck>(item).ok())
        .map(ObjectCheck::from)
        .collect()
}

/// Reads a normalised `/syntax` answer (documented or as implemented: same keys).
pub(crate) fn syntax_result(value: &Value) -> SyntaxResult {
    let objects = value
        .get("results")
        .or_else(|| value.get("objects"))
        .map(|results| object_checks(&interface_lines_as_in_the_file(results.clone())))
        .unwrap_or_default();
    let success = match value.get("success") {
        Some(flag) => value_flag(flag),
        None => objects.iter().all(|o| o.success),
    };
    SyntaxResult {
        success,
        message: value
            .get("message")
            .map(crate::wire::value_text)
            .unwrap_or_default(),
        objects,
    }
}

/// The handler checks an interface as `INTERFACE-POOL.` followed by the file and reports
/// SYNTAX-CHECK's line as it is: one more than the file's line. Its error records always
/// carry WORD (SYNTAX-CHECK's third result), which the documented shape has not; only those
/// lines are moved back, so both shapes point at the same line of the file.
fn interface_lines_as_in_the_file(mut results: Value) -> Value {
    let objects: Vec<&mut Value> = match &mut results {
        Value::Array(items) => items.iter_mut().collect(),
        object @ Value::Object(_) => vec![object],
        _ => Vec::new(),
    };
    for object in objects {
        let is_interface = object
            .get("object_type")
            .map(crate::wire::value_text)
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("INTF"));
        if !is_interface {
            continue;
        }
        let Some(Value::Array(errors)) = object.get_mut("errors") else {
            continue;
        };
        for error in errors.iter_mut().filter(|e| e.get("word").is_some()) {
            let line = error.get("line").and_then(|l| match l {
                Value::Number(n) => n.as_u64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            });
            if let (Some(line), Some(map)) = (line, error.as_object_mut()) {
                if line > 1 {
                    map.insert("line".into(), Value::from(line - 1));
                }
            }
        }
    }
    results
}

/// Reads a normalised `/inspect` answer: a top-level array (as implemented),
/// a single object (documented) or an object wrapping `results`.
pub(crate) fn inspect_result(value: &Value) -> InspectResult {
    let objects = match value {
        Value::Object(map) if !map.contains_key("object_type") => map
            .get("results")
            .or_else(|| map.get("objects"))
            .map(object_checks)
            .unwrap_or_default(),
        other => object_checks(other),
    };
    InspectResult {
        success: objects.iter().all(|o| o.success),
        objects,
    }
}

/// `Some` when an answer to a check is not a check result but an error report.
pub(crate) fn is_bare_error(value: &Value) -> bool {
    match value {
        Value::Object(map) => {
            let has_results = ["results", "objects", "object_type", "test_count", "errors"]
                .iter()
                .any(|k| map.contains_key(*k));
            !has_results
                && map
                    .get("error")
                    .is_some_and(|e| !crate::wire::value_text(e).is_empty())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::normalize_keys;
    use serde_json::json;

    #[test]
    fn syntax_documented_errors() {
        let value = json!({"success": false, "command": "SYNTAX", "message": "1 of 1 object(s) have syntax errors",
            "results": [{"object_type": "CLAS", "object_name": "ZCL_MY_CLASS", "success": false, "error_count": 2,
              "warning_count": 0, "errors": [{"line": 15, "text": "The statement METHOD is unexpected", "include": "Main class"},
              {"line": 42, "text": "Variable LV_TEST not declared", "include": "Local implementation"}], "warnings": [],
              "message": "Syntax check failed with 2 error(s)"}]});
        let result = syntax_result(&normalize_keys(value));
        assert!(!result.success);
        let object = &result.objects[0];
        assert_eq!(object.error_count, 2);
        assert_eq!(object.errors[1].line, Some(42));
        assert_eq!(
            object.errors[1].include.as_deref(),
            Some("Local implementation")
        );
        assert_eq!(object.errors[0].severity, Severity::Error);
    }

    #[test]
    fn syntax_as_implemented_upper_case() {
        let value = json!({"SUCCESS": true, "COMMAND": "SYNTAX", "MESSAGE": "All 1 object(s) passed syntax check",
            "RESULTS": [{"OBJECT_TYPE": "PROG", "OBJECT_NAME": "ZPROG", "SUCCESS": true, "ERROR_COUNT": 0,
              "ERRORS": [], "WARNINGS": [{"LINE": 3, "COLUMN": 1, "TEXT": "unused", "SEVERITY": "W", "INCLUDE": "main"}],
              "MESSAGE": "ok"}]});
        let result = syntax_result(&normalize_keys(value));
        assert!(result.success);
        assert_eq!(result.objects[0].warning_count, 1);
        assert_eq!(result.objects[0].warnings[0].severity, Severity::Warning);
        assert_eq!(
            result.objects[0].warnings[0].include.as_deref(),
            Some("main")
        );
    }

    #[test]
    fn interface_lines_count_from_the_file_in_both_shapes() {
        // The handler's record (WORD present) counts the INTERFACE-POOL line in front.
        let handler = json!({"RESULTS": [{"OBJECT_TYPE": "INTF", "OBJECT_NAME": "ZIF_A", "SUCCESS": false,
            "ERRORS": [{"LINE": 4, "COLUMN": 0, "TEXT": "bad", "WORD": "X", "INCLUDE": "", "METHOD_NAME": ""}]}]});
        let documented = json!({"results": [{"object_type": "INTF", "object_name": "ZIF_A", "success": false,
            "errors": [{"line": 3, "text": "bad"}]}]});
        let class = json!({"RESULTS": [{"OBJECT_TYPE": "CLAS", "OBJECT_NAME": "ZCL_A", "SUCCESS": false,
            "ERRORS": [{"LINE": 4, "TEXT": "bad", "WORD": "X"}]}]});
        let line = |value: Value| syntax_result(&normalize_keys(value)).objects[0].errors[0].line;
        assert_eq!(line(handler), Some(3));
        assert_eq!(line(documented), Some(3));
        assert_eq!(line(class), Some(4));
    }

    #[test]
    fn inspect_array_and_single_object() {
        let array = json!([{"OBJECT_TYPE": "CLAS", "OBJECT_NAME": "ZCL_A", "SUCCESS": false, "ERROR_COUNT": 1,
            "ERRORS": [{"LINE": "15", "COLUMN": "12", "TEXT": "\"MESSAGE\" is not a declaration", "WORD": "", "SOBJNAME": "ZCL_A=====CM001", "METHOD_NAME": "RUN"}],
            "WARNINGS": [{"TYPE": "W", "LINE": "3", "COLUMN": "0", "SEVERITY": "W", "MESSAGE": "Unused variable"}],
            "INFOS": [{"LINE": "0", "MESSAGE": "note"}]}]);
        let result = inspect_result(&normalize_keys(array));
        assert!(!result.success);
        let object = &result.objects[0];
        assert_eq!(object.errors[0].line, Some(15));
        assert_eq!(object.errors[0].column, Some(12));
        assert_eq!(object.errors[0].include.as_deref(), Some("ZCL_A=====CM001"));
        assert_eq!(object.errors[0].word, None);
        assert_eq!(object.warnings[0].text, "Unused variable");
        assert_eq!(object.warnings[0].column, None);
        assert_eq!(object.infos[0].line, None);

        let single = json!({"success": "X", "object_type": "CLAS", "object_name": "ZCL_MY_CLASS", "error_count": 0, "errors": []});
        let result = inspect_result(&normalize_keys(single));
        assert!(result.success);
        assert_eq!(result.objects.len(), 1);
        assert_eq!(result.objects[0].object_name, "ZCL_MY_CLASS");
    }

    #[test]
    fn unit_both_shapes() {
        let documented: UnitResult = crate::wire::decode(
            json!({"success": "", "test_count": 5, "passed_count": 3, "failed_count": 2, "message": "2 of 5 tests failed",
                "errors": [{"class_name": "ZCL_MY_TEST", "method_name": "TEST_METHOD_1", "error_kind": "ERROR", "error_text": "Expected X but got Y"}]}),
            "unit",
        )
        .unwrap_or_default();
        assert!(!documented.success);
        assert_eq!(documented.failures[0].kind, "ERROR");
        assert_eq!(documented.coverage, None);
        let implemented: UnitResult = crate::wire::decode(
            normalize_keys(json!({"SUCCESS": true, "MESSAGE": "All 3 tests passed", "TEST_COUNT": 3, "PASSED_COUNT": 3, "FAILED_COUNT": 0,
                "ERRORS": [], "COVERAGE_STATS": {"TOTAL_LINES": 10, "COVERED_LINES": 8, "COVERAGE_RATE": "80.0"}, "COVERAGE_LINES": []})),
            "unit",
        )
        .unwrap_or_default();
        assert!(implemented.success);
        assert_eq!(implemented.test_count, 3);
        let coverage = implemented.coverage.unwrap_or_default();
        assert_eq!(coverage.covered_lines, 8);
        assert_eq!(coverage.rate, Some(80.0));
    }
}
