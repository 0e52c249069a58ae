//! The HTTP request for one operation: the user's text per field checked against the
//! parameters' types, then a POST with a JSON body (action) or a GET with the values as
//! literals in the URL (function).

use std::collections::BTreeMap;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::Method;
use sap_http::SapRequest;
use serde::{Deserialize, Serialize};

use crate::edm::TypedValue;
use crate::metadata::{Operation, OperationKind};

/// The user's input: text per parameter name, as typed in a form or a CSV cell.
/// An empty text means "not filled".
pub type Inputs = BTreeMap<String, String>;

/// What is wrong with one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

/// Inside a literal everything but letters, digits, `-._~` and the literal's own quotes is
/// percent-encoded: `/`, `?`, `#`, `%`, `&`, `+`, `,`, `(` and `)` in a value cannot end
/// the path segment, the parameter list or the literal.
const LITERAL: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'\'');

/// The inputs checked against the operation's parameters: each value typed, each problem
/// named by field. Empty optional fields are left out of the call.
pub fn typed_inputs(
    operation: &Operation,
    inputs: &Inputs,
) -> Result<Vec<(String, TypedValue)>, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    for name in inputs.keys() {
        if operation.parameter(name).is_none() {
            problems.push(FieldProblem {
                field: name.clone(),
                message: format!("{} has no parameter {name}", operation.name),
            });
        }
    }
    let mut values = Vec::new();
    for parameter in &operation.parameters {
        let text = inputs
            .get(&parameter.name)
            .map(String::as_str)
            .unwrap_or("");
        if text.trim().is_empty() {
            if parameter.required {
                problems.push(FieldProblem {
                    field: parameter.name.clone(),
                    message: "required".into(),
                });
            }
            continue;
        }
        if let Some(max) = parameter.max_length {
            if text.chars().count() > max as usize {
                problems.push(FieldProblem {
                    field: parameter.name.clone(),
                    message: format!("longer than {max} characters"),
                });
                continue;
            }
        }
        match parameter.edm_type.parse_input(text) {
            Ok(value) => values.push((parameter.name.clone(), value)),
            Err(message) => problems.push(FieldProblem {
                field: parameter.name.clone(),
                message,
            }),
        }
    }
    if problems.is_empty() {
        Ok(values)
    } else {
        Err(problems)
    }
}

/// `Name(P='v',N=1)`: the function's path with its parameters as percent-encoded literals.
pub fn function_path(name: &str, values: &[(String, TypedValue)]) -> String {
    let arguments = values
        .iter()
        .map(|(parameter, value)| {
            format!(
                "{}={}",
                utf8_percent_encode(parameter, LITERAL),
                utf8_percent_encode(&value.to_literal(), LITERAL)
            )
        })
        .collect::<Vec<_>>()
        .join(",");
    format!("{}({arguments})", utf8_percent_encode(name, LITERAL))
}

/// The request for `operation` with checked `values`, relative to the app's root (`app/`).
pub fn operation_request(
    app_path: &str,
    operation: &Operation,
    values: &[(String, TypedValue)],
) -> Result<SapRequest, sap_http::SapError> {
    match operation.kind {
        OperationKind::Function => {
            let path = format!("{app_path}{}", function_path(&operation.name, values));
            Ok(SapRequest::get(path).header("Accept", "application/json"))
        }
        OperationKind::Action => {
            let body: serde_json::Map<String, serde_json::Value> = values
                .iter()
                .map(|(name, value)| (name.clone(), value.to_json()))
                .collect();
            let path = format!(
                "{app_path}{}",
                utf8_percent_encode(&operation.name, LITERAL)
            );
            // Never `repeatable`: an action may have changed data in the back end.
            Ok(SapRequest::new(Method::POST, path)
                .header("Accept", "application/json")
                .json(&body)?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edm::{EdmType, InputKind};
    use crate::metadata::Parameter;
    use proptest::prelude::*;

    fn parameter(name: &str, edm_type: EdmType, required: bool) -> Parameter {
        Parameter {
            name: name.into(),
            edm_type,
            input_kind: edm_type.input_kind(),
            required,
            max_length: Some(20),
        }
    }

    fn operation(kind: OperationKind) -> Operation {
        Operation {
            name: "Find".into(),
            kind,
            generic: false,
            parameters: vec![
                parameter("Name", EdmType::String, true),
                parameter("Max", EdmType::Int32, false),
                parameter("From", EdmType::Date, false),
                parameter("Active", EdmType::Boolean, false),
            ],
            output: Vec::new(),
            problem: None,
        }
    }

    fn inputs(pairs: &[(&str, &str)]) -> Inputs {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn function_literals_are_typed_quoted_doubled_and_encoded() {
        let op = operation(OperationKind::Function);
        let values = typed_inputs(
            &op,
            &inputs(&[
                ("Name", "O'Neil & Co/1"),
                ("Max", "5"),
                ("From", "2026-01-31"),
                ("Active", "X"),
            ]),
        )
        .unwrap();
        assert_eq!(
            function_path(&op.name, &values),
            "Find(Name='O''Neil%20%26%20Co%2F1',Max=5,From=2026-01-31,Active=true)"
        );
    }

    #[test]
    fn every_problem_is_named_by_field() {
        let op = operation(OperationKind::Action);
        let problems = typed_inputs(
            &op,
            &inputs(&[("Max", "five"), ("From", "31.01.2026"), ("Colour", "red")]),
        )
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["Colour", "Name", "Max", "From"]);
        assert_eq!(problems[1].message, "required");
        let too_long = typed_inputs(&op, &inputs(&[("Name", &"Ä".repeat(21))])).unwrap_err();
        assert!(too_long[0].message.contains("longer than 20"));
        assert!(typed_inputs(&op, &inputs(&[("Name", &"Ä".repeat(20))])).is_ok());
    }

    #[test]
    fn actions_send_typed_json_and_leave_out_empty_optionals() {
        let op = operation(OperationKind::Action);
        let values =
            typed_inputs(&op, &inputs(&[("Name", "Ann"), ("Max", "3"), ("From", "")])).unwrap();
        let request = operation_request("su01/", &op, &values).unwrap();
        assert_eq!(request.method, Method::POST);
        assert_eq!(request.path, "su01/Find");
        assert!(!request.repeatable);
        let body: serde_json::Value =
            serde_json::from_slice(request.body.as_ref().unwrap()).unwrap();
        assert_eq!(body, serde_json::json!({"Name": "Ann", "Max": 3}));
        assert_eq!(InputKind::Integer, op.parameters[1].input_kind);
    }

    /// Decodes a function path's single string argument the way a server does.
    fn decoded_argument(path: &str) -> String {
        let inside = path
            .strip_prefix("F(P=")
            .unwrap()
            .strip_suffix(')')
            .unwrap();
        let decoded = percent_encoding::percent_decode_str(inside)
            .decode_utf8()
            .unwrap();
        let quoted = decoded
            .strip_prefix('\'')
            .unwrap()
            .strip_suffix('\'')
            .unwrap();
        quoted.replace("''", "'")
    }

    proptest! {
        #[test]
        fn any_string_survives_the_literal_and_cannot_leave_it(text in "\\PC{0,40}") {
            let path = function_path("F", &[("P".into(), TypedValue::Text(text.clone()))]);
            prop_assert!(!path["F(".len()..path.len() - 1].contains([',', '(', ')', '/', '?', '#', ' ']));
            prop_assert_eq!(decoded_argument(&path), text);
        }

        #[test]
        fn any_text_in_a_typed_field_is_a_value_or_a_problem(text in "\\PC{0,20}") {
            for ty in [EdmType::Int32, EdmType::Decimal, EdmType::Date, EdmType::Guid, EdmType::Boolean, EdmType::DateTimeOffset, EdmType::TimeOfDay, EdmType::Double] {
                let _ = ty.parse_input(&text);
            }
        }
    }
}
