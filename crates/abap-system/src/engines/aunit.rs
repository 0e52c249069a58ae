//! An ABAP Unit runner that evaluates simple assertions in test classes.

use super::syntax::{split_statements, Statement, Token, TokenKind};
use crate::source::ClassSource;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FailureKind {
    /// An assertion failed (`ERROR_KIND` "FAILURE").
    Failure,
    /// An exception or runtime error ended the test (`ERROR_KIND` "ERROR").
    Error,
}

impl FailureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Failure => "FAILURE",
            FailureKind::Error => "ERROR",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum TestOutcome {
    Passed,
    Failed { kind: FailureKind, text: String },
}

/// The result of one test method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestResult {
    /// The global class under test, e.g. `ZCL_FLIGHT_PRICING`.
    pub program: String,
    /// The local test class, e.g. `LTCL_PRICING`.
    pub test_class: String,
    /// Upper-case test method name.
    pub method: String,
    pub outcome: TestOutcome,
}

/// Statement coverage of the class under test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub total_lines: u32,
    pub covered_lines: u32,
}

impl Coverage {
    /// Percentage with one decimal place, as `COVERAGE_RATE` shows it.
    pub fn rate(&self) -> f64 {
        if self.total_lines == 0 {
            return 0.0;
        }
        (f64::from(self.covered_lines) * 1000.0 / f64::from(self.total_lines)).round() / 10.0
    }
}

/// All test results of one class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitRun {
    pub class_name: String,
    pub tests: Vec<TestResult>,
    pub coverage: Coverage,
}

impl UnitRun {
    pub fn passed_count(&self) -> usize {
        self.tests
            .iter()
            .filter(|t| t.outcome == TestOutcome::Passed)
            .count()
    }

    pub fn failed_count(&self) -> usize {
        self.tests.len() - self.passed_count()
    }
}

/// Runs the test classes (CCAU) of `class_name`. Constants are looked up in
/// the class's own files.
pub fn run(class_name: &str, class: &ClassSource) -> UnitRun {
    run_with_constants(class_name, class, &[])
}

/// Like [`run`], with extra sources (e.g. interfaces) whose CONSTANTS the tests may use.
pub fn run_with_constants(
    class_name: &str,
    class: &ClassSource,
    extra_sources: &[&str],
) -> UnitRun {
    let mut constants = BTreeMap::new();
    for text in [
        class.main.as_str(),
        class.locals_def.as_str(),
        class.locals_imp.as_str(),
        class.testclasses.as_str(),
    ]
    .into_iter()
    .chain(extra_sources.iter().copied())
    {
        collect_constants(&split_statements(text), &mut constants);
    }
    let statements = split_statements(&class.testclasses);
    let mut tests = Vec::new();
    for (test_class, methods) in test_methods(&statements) {
        for method in methods {
            let body = method_body(&statements, &test_class, &method);
            tests.push(TestResult {
                program: class_name.to_ascii_uppercase(),
                test_class: test_class.clone(),
                method: method.clone(),
                outcome: evaluate(&body, &constants),
            });
        }
    }
    UnitRun {
        class_name: class_name.to_ascii_uppercase(),
        tests,
        coverage: coverage(class),
    }
}

/// A value known to the evaluator; `None` stands for "computed by code we do not run".
#[derive(Debug, Clone, PartialEq)]
enum Known {
    Number { value: f64, decimals: u32 },
    Text(String),
}

impl Known {
    fn show(&self) -> String {
        match self {
            Known::Number { value, decimals } => {
                format!("{value:.prec$}", prec = *decimals as usize)
            }
            Known::Text(text) => text.clone(),
        }
    }

    fn is_initial(&self) -> bool {
        match self {
            Known::Number { value, .. } => *value == 0.0,
            Known::Text(text) => text.trim().is_empty(),
        }
    }

    fn as_number(&self) -> Option<(f64, u32)> {
        match self {
            Known::Number { value, decimals } => Some((*value, *decimals)),
            Known::Text(text) => {
                let value = text.trim().parse::<f64>().ok()?;
                let decimals = text
                    .split_once('.')
                    .map(|(_, f)| f.len() as u32)
                    .unwrap_or(0);
                Some((value, decimals))
            }
        }
    }
}

fn same(a: &Known, b: &Known) -> bool {
    match (a, b) {
        (Known::Text(x), Known::Text(y)) => x.trim_end() == y.trim_end(),
        _ => match (a.as_number(), b.as_number()) {
            (Some((x, _)), Some((y, _))) => (x - y).abs() < 1e-9,
            _ => a.show() == b.show(),
        },
    }
}

fn literal_value(token: &Token) -> Option<Known> {
    match token.kind {
        TokenKind::Literal => Some(Known::Text(token.text.clone())),
        TokenKind::Word if token.upper.chars().all(|c| c.is_ascii_digit()) => token
            .upper
            .parse::<f64>()
            .ok()
            .map(|value| Known::Number { value, decimals: 0 }),
        TokenKind::Word if token.upper == "ABAP_TRUE" => Some(Known::Text("X".to_string())),
        TokenKind::Word if token.upper == "ABAP_FALSE" || token.upper == "SPACE" => {
            Some(Known::Text(String::new()))
        }
        _ => None,
    }
}

fn collect_constants(statements: &[Statement], constants: &mut BTreeMap<String, Known>) {
    for statement in statements {
        let tokens = &statement.tokens;
        if tokens.first().map(|t| t.upper.as_str()) != Some("CONSTANTS") {
            continue;
        }
        let name = tokens
            .iter()
            .skip(1)
            .find(|t| t.kind == TokenKind::Word)
            .map(|t| t.upper.clone());
        let value_at = tokens.iter().position(|t| t.upper == "VALUE");
        let decimals = tokens
            .iter()
            .position(|t| t.upper == "DECIMALS")
            .and_then(|i| tokens.get(i + 1))
            .and_then(|t| t.upper.parse::<u32>().ok());
        if let (Some(name), Some(at)) = (name, value_at) {
            if let Some(mut value) = tokens.get(at + 1).and_then(literal_value) {
                if let (Some(decimals), Some((number, _))) = (decimals, value.as_number()) {
                    value = Known::Number {
                        value: number,
                        decimals,
                    };
                }
                constants.insert(name, value);
            }
        }
    }
}

/// Test classes with their `FOR TESTING` methods, in source order.
fn test_methods(statements: &[Statement]) -> Vec<(String, Vec<String>)> {
    let mut result: Vec<(String, Vec<String>)> = Vec::new();
    let mut current: Option<usize> = None;
    for statement in statements {
        let words: Vec<&str> = statement.tokens.iter().map(|t| t.upper.as_str()).collect();
        match words.as_slice() {
            ["CLASS", name, "DEFINITION", rest @ ..] => {
                current = None;
                if rest.windows(2).any(|w| w == ["FOR", "TESTING"]) {
                    result.push(((*name).to_string(), Vec::new()));
                    current = Some(result.len() - 1);
                }
            }
            ["ENDCLASS"] => current = None,
            ["METHODS", rest @ ..] => {
                let rest: Vec<&str> = rest.iter().copied().filter(|w| *w != ":").collect();
                let name = rest.first().copied().unwrap_or_default();
                if let Some(index) = current {
                    if rest.windows(2).any(|w| w == ["FOR", "TESTING"]) {
                        result[index].1.push((*name).to_string());
                    }
                }
            }
            _ => {}
        }
    }
    result
}

fn method_body<'a>(statements: &'a [Statement], class: &str, method: &str) -> Vec<&'a Statement> {
    let mut in_class = false;
    let mut in_method = false;
    let mut body = Vec::new();
    for statement in statements {
        let words: Vec<&str> = statement.tokens.iter().map(|t| t.upper.as_str()).collect();
        match words.as_slice() {
            ["CLASS", name, "IMPLEMENTATION", ..] => in_class = *name == class,
            ["ENDCLASS"] => in_class = false,
            ["METHOD", name, ..] if in_class => in_method = *name == method,
            ["ENDMETHOD"] => in_method = false,
            _ if in_method => body.push(statement),
            _ => {}
        }
    }
    body
}

type Env = BTreeMap<String, Known>;

enum Step {
    Continue,
    Done(TestOutcome),
}

fn evaluate(body: &[&Statement], constants: &BTreeMap<String, Known>) -> TestOutcome {
    let mut env: Env = BTreeMap::new();
    for statement in body {
        match execute(statement, constants, &mut env) {
            Step::Continue => {}
            Step::Done(outcome) => return outcome,
        }
    }
    TestOutcome::Passed
}

fn lookup(token: &Token, constants: &BTreeMap<String, Known>, env: &Env) -> Option<Known> {
    if let Some(value) = literal_value(token) {
        return Some(value);
    }
    let name = token.upper.rsplit("=>").next().unwrap_or(&token.upper);
    env.get(name).or_else(|| constants.get(name)).cloned()
}

/// Evaluates `a op b op c` with * and / before + and -; `Err` is a runtime error.
fn expression(
    tokens: &[Token],
    constants: &BTreeMap<String, Known>,
    env: &Env,
) -> Result<Option<Known>, String> {
    if tokens.len() == 1 {
        return Ok(lookup(&tokens[0], constants, env));
    }
    if tokens.len() % 2 == 0 {
        return Ok(None);
    }
    let mut operands = Vec::new();
    let mut operators = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        if index % 2 == 0 {
            match lookup(token, constants, env).and_then(|k| k.as_number()) {
                Some(number) => operands.push(number),
                None => return Ok(None),
            }
        } else if matches!(token.upper.as_str(), "+" | "-" | "*" | "/") {
            operators.push(token.upper.clone());
        } else {
            return Ok(None);
        }
    }
    // First pass: * and /.
    let mut sums = vec![operands[0]];
    let mut pending = Vec::new();
    for (op, right) in operators.iter().zip(operands.iter().skip(1)) {
        match op.as_str() {
            "*" | "/" => {
                let (left, left_dec) = sums.pop().unwrap_or((0.0, 0));
                let value = if op == "*" {
                    left * right.0
                } else if right.0 == 0.0 {
                    if left == 0.0 {
                        0.0
                    } else {
                        return Err("CX_SY_ZERODIVIDE".to_string());
                    }
                } else {
                    left / right.0
                };
                sums.push((value, left_dec.max(right.1)));
            }
            _ => {
                pending.push(op.clone());
                sums.push(*right);
            }
        }
    }
    let (mut total, mut decimals) = sums[0];
    for (op, (value, dec)) in pending.iter().zip(sums.iter().skip(1)) {
        total = if op == "+" {
            total + value
        } else {
            total - value
        };
        decimals = decimals.max(*dec);
    }
    // Integer arithmetic rounds commercially, as ABAP type i does.
    if decimals == 0 {
        total = total.round();
    }
    Ok(Some(Known::Number {
        value: total,
        decimals,
    }))
}

/// Named arguments `name = value...` of a call, up to the closing parenthesis.
fn arguments(tokens: &[Token]) -> BTreeMap<String, Vec<Token>> {
    let mut args: BTreeMap<String, Vec<Token>> = BTreeMap::new();
    let mut current: Option<String> = None;
    let mut index = 0;
    while index < tokens.len() {
        let token = &tokens[index];
        if token.kind == TokenKind::Word && tokens.get(index + 1).is_some_and(|t| t.upper == "=") {
            current = Some(token.upper.clone());
            args.entry(token.upper.clone()).or_default();
            index += 2;
            continue;
        }
        if token.upper == ")" {
            break;
        }
        if let Some(name) = &current {
            args.entry(name.clone()).or_default().push(token.clone());
        }
        index += 1;
    }
    args
}

fn message_text(tokens: &[Token]) -> String {
    tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Literal)
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join("'")
}

fn failure(text: String) -> Step {
    Step::Done(TestOutcome::Failed {
        kind: FailureKind::Failure,
        text,
    })
}

fn execute(statement: &Statement, constants: &BTreeMap<String, Known>, env: &mut Env) -> Step {
    let tokens = &statement.tokens;
    let Some(first) = tokens.first() else {
        return Step::Continue;
    };
    if tokens.get(1).is_some_and(|t| t.upper == "=") {
        let target = first
            .upper
            .strip_prefix("DATA(")
            .map(|rest| rest.trim_end_matches(')').to_string())
            .unwrap_or_else(|| first.upper.clone());
        return match expression(&tokens[2..], constants, env) {
            Ok(Some(value)) => {
                env.insert(target, value);
                Step::Continue
            }
            Ok(None) => {
                env.remove(&target);
                Step::Continue
            }
            Err(exception) => Step::Done(TestOutcome::Failed {
                kind: FailureKind::Error,
                text: format!("Exception {exception} occurred: Division by zero"),
            }),
        };
    }
    let Some(assertion) = first.upper.strip_prefix("CL_ABAP_UNIT_ASSERT=>") else {
        return Step::Continue;
    };
    let assertion = assertion.trim_end_matches('(');
    let args = arguments(&tokens[1..]);
    let value = |name: &str| -> Option<Known> {
        args.get(name)
            .and_then(|t| expression(t, constants, env).ok().flatten())
    };
    let msg = args.get("MSG").map(|t| message_text(t)).unwrap_or_default();
    let with_msg = |text: String| {
        if msg.is_empty() {
            text
        } else {
            format!("{msg}: {text}")
        }
    };
    match assertion {
        "FAIL" => failure(if msg.is_empty() {
            "Test failed (CL_ABAP_UNIT_ASSERT=>FAIL)".to_string()
        } else {
            msg.clone()
        }),
        "ASSERT_EQUALS" | "ASSERT_DIFFERS" => match (value("ACT"), value("EXP")) {
            (Some(act), Some(exp)) => {
                let equal = same(&act, &exp);
                if assertion == "ASSERT_EQUALS" && !equal {
                    failure(with_msg(format!(
                        "Expected [{}] but was [{}]",
                        exp.show(),
                        act.show()
                    )))
                } else if assertion == "ASSERT_DIFFERS" && equal {
                    failure(with_msg(format!(
                        "Values must differ, both are [{}]",
                        act.show()
                    )))
                } else {
                    Step::Continue
                }
            }
            _ => Step::Continue,
        },
        "ASSERT_TRUE" | "ASSERT_FALSE" => match value("ACT") {
            Some(act) => {
                let is_true = !act.is_initial();
                if (assertion == "ASSERT_TRUE") != is_true {
                    let expected = if assertion == "ASSERT_TRUE" {
                        "true"
                    } else {
                        "false"
                    };
                    failure(with_msg(format!(
                        "Expected [{expected}] but was [{}]",
                        if is_true { "true" } else { "false" }
                    )))
                } else {
                    Step::Continue
                }
            }
            None => Step::Continue,
        },
        "ASSERT_INITIAL" | "ASSERT_NOT_INITIAL" => match value("ACT") {
            Some(act) => {
                let initial = act.is_initial();
                if assertion == "ASSERT_INITIAL" && !initial {
                    failure(with_msg(format!(
                        "Expected an initial value but was [{}]",
                        act.show()
                    )))
                } else if assertion == "ASSERT_NOT_INITIAL" && initial {
                    failure(with_msg("Expected a non-initial value".to_string()))
                } else {
                    Step::Continue
                }
            }
            None => Step::Continue,
        },
        _ => Step::Continue,
    }
}

/// Executable lines of the class's methods; a method counts as covered when
/// a test names it (calls it) or, for the constructor, creates an instance.
fn coverage(class: &ClassSource) -> Coverage {
    let tests_upper = class.testclasses.to_ascii_uppercase();
    let mut total = 0u32;
    let mut covered = 0u32;
    for method in class.methods() {
        let executable = method
            .lines
            .iter()
            .skip(1)
            .filter(|l| {
                let t = l.trim();
                !t.is_empty()
                    && !t.starts_with('"')
                    && !t.starts_with('*')
                    && !t.eq_ignore_ascii_case("ENDMETHOD.")
            })
            .count() as u32;
        total += executable;
        let short = method.name.rsplit('~').next().unwrap_or(&method.name);
        let called = if short == "CONSTRUCTOR" {
            tests_upper.contains("NEW ")
        } else {
            tests_upper.contains(&format!("{short}("))
        };
        if called {
            covered += executable;
        }
    }
    Coverage {
        total_lines: total,
        covered_lines: covered,
    }
}
