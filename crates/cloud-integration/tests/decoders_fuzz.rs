//! Hostile input never panics the decoders: arbitrary bytes and arbitrary JSON shaped like
//! the tenant's answers go through every reader of tenant data.

use cloud_integration::error::tenant_error;
use cloud_integration::parse_artifact_error;
use cloud_integration::wire::{collection_page, date_text, Fields};
use proptest::prelude::*;
use serde_json::{json, Value};

/// JSON values of any shape, a few levels deep, with the tenant's property names as keys.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|n| json!(n)),
        ".{0,40}".prop_map(Value::String),
        "/Date\\(-?[0-9]{0,20}([+-][0-9]{0,4})?\\)/".prop_map(Value::String),
    ];
    let keys = prop_oneof![
        Just("d".to_owned()),
        Just("results".to_owned()),
        Just("__count".to_owned()),
        Just("__next".to_owned()),
        Just("error".to_owned()),
        Just("message".to_owned()),
        Just("value".to_owned()),
        Just("#text".to_owned()),
        Just("parameter".to_owned()),
        Just("childMessageInstances".to_owned()),
        Just("Id".to_owned()),
        Just("Status".to_owned()),
        Just("LogEnd".to_owned()),
        "[A-Za-z]{1,12}",
    ];
    leaf.prop_recursive(4, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::hash_map(keys.clone(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn error_bodies_of_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = tenant_error(&text);
        let _ = parse_artifact_error(&text);
    }

    #[test]
    fn json_of_any_shape(value in json_value()) {
        let text = value.to_string();
        let _ = tenant_error(&text);
        let error = parse_artifact_error(&text);
        prop_assert!(!error.summary.is_empty());
        // Nested payloads: the same value as a JSON string inside `parameter`.
        let nested = json!({"message": {"messageId": "x"}, "parameter": [text]}).to_string();
        let _ = parse_artifact_error(&nested);
        if let Some(page) = collection_page(&value) {
            for entry in page.entries {
                let fields = Fields(entry);
                for name in ["LogEnd", "Id", "Status", "d"] {
                    let _ = date_text(fields, name);
                }
            }
        }
    }

    #[test]
    fn dates_of_any_text(text in ".{0,60}") {
        let entity = json!({ "A": text });
        let _ = date_text(Fields(entity.as_object().unwrap()), "A");
    }
}

#[test]
fn deeply_nested_payloads_are_cut_not_followed() {
    let mut payload = json!({"message": "CAUSE", "parameters": ["the root cause"]});
    for _ in 0..200 {
        payload = json!({"message": "ERROR", "childMessageInstances": [payload]});
    }
    // serde_json's own recursion limit refuses the deepest levels; nothing panics.
    let error = parse_artifact_error(&payload.to_string());
    assert!(!error.summary.is_empty());
}

/// Reads the literals of a `$filter` back: `'…'` with `''` for a quote.
fn literals(filter: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = filter.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' {
            continue;
        }
        let mut literal = String::new();
        loop {
            match chars.next() {
                Some('\'') if chars.peek() == Some(&'\'') => {
                    chars.next();
                    literal.push('\'');
                }
                Some('\'') | None => break,
                Some(other) => literal.push(other),
            }
        }
        found.push(literal);
    }
    found
}

proptest! {
    /// Whatever the user types stays one literal: no quote ends it early, nothing is lost.
    #[test]
    fn filter_values_stay_literals(sender in ".{1,30}", flow in "[^ ].{0,20}") {
        use cloud_integration::MessageFilter;
        let filter = MessageFilter {
            sender: Some(sender.clone()),
            integration_flow: Some(flow.clone()),
            ..MessageFilter::default()
        };
        let query = filter.to_query().unwrap();
        let expected: Vec<String> = [flow.trim(), sender.trim()]
            .into_iter()
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
            .collect();
        match query.filter {
            Some(text) => prop_assert_eq!(literals(&text), expected),
            None => prop_assert!(expected.is_empty()),
        }
    }
}
