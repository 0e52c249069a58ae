//! Reading OData V2 resource paths: `Set(key)/navigation`, key predicates and literals.

use super::errors::ServiceError;

/// One path segment: `WorkItemSet(guid'…')` → name `WorkItemSet`, key `guid'…'`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Segment<'a> {
    pub name: &'a str,
    pub key: Option<&'a str>,
}

pub(crate) fn segment(text: &str) -> Result<Segment<'_>, ServiceError> {
    match text.find('(') {
        None => Ok(Segment {
            name: text,
            key: None,
        }),
        Some(open) => {
            let key = text[open + 1..].strip_suffix(')').ok_or_else(|| {
                ServiceError::bad_request(&format!("Invalid key predicate in segment '{text}'"))
            })?;
            Ok(Segment {
                name: &text[..open],
                key: Some(key),
            })
        }
    }
}

/// An OData V2 literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Literal {
    /// Lowercase dashed.
    Guid(String),
    Str(String),
}

/// `guid'…'` (dashed, any case) or `'…'` (with `''` for a quote).
pub(crate) fn literal(text: &str) -> Result<Literal, ServiceError> {
    let text = text.trim();
    if let Some(inner) = text
        .strip_prefix("guid'")
        .and_then(|rest| rest.strip_suffix('\''))
    {
        return parse_guid(inner).map(Literal::Guid).ok_or_else(|| {
            ServiceError::bad_request(&format!("Invalid GUID literal guid'{inner}'"))
        });
    }
    if let Some(inner) = text
        .strip_prefix('\'')
        .and_then(|rest| rest.strip_suffix('\''))
    {
        if inner.replace("''", "").contains('\'') {
            return Err(ServiceError::bad_request(&format!(
                "Unknown literal {text}"
            )));
        }
        return Ok(Literal::Str(inner.replace("''", "'")));
    }
    Err(ServiceError::bad_request(&format!(
        "Unknown literal {text}"
    )))
}

fn parse_guid(text: &str) -> Option<String> {
    let dashes_in_place = text.len() == 36
        && text.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    dashes_in_place.then(|| text.to_ascii_lowercase())
}

/// `guid=guid'…',documentId='…'` → named literals. A single unnamed literal gets the name
/// of the entity's only key.
pub(crate) fn key_predicate(
    key: &str,
    key_names: &[&str],
) -> Result<Vec<(String, Literal)>, ServiceError> {
    let parts = split_outside_quotes(key);
    let invalid = || ServiceError::bad_request(&format!("Invalid key predicate ({key})"));
    if parts.len() == 1 && key_names.len() == 1 && !looks_named(parts[0]) {
        return Ok(vec![(key_names[0].to_owned(), literal(parts[0])?)]);
    }
    let mut named = Vec::new();
    for part in parts {
        let (name, value) = part.split_once('=').ok_or_else(invalid)?;
        let name = name.trim();
        if !key_names.contains(&name) || named.iter().any(|(n, _)| n == name) {
            return Err(invalid());
        }
        named.push((name.to_owned(), literal(value)?));
    }
    if named.len() != key_names.len() {
        return Err(invalid());
    }
    Ok(named)
}

/// `name=…` rather than a bare literal (which starts with a quote or `guid'`).
fn looks_named(part: &str) -> bool {
    match part.find('=') {
        Some(eq) => !part[..eq].contains('\''),
        None => false,
    }
}

fn split_outside_quotes(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut in_quotes = false;
    let mut start = 0;
    for (index, c) in text.char_indices() {
        match c {
            '\'' => in_quotes = !in_quotes,
            ',' if !in_quotes => {
                parts.push(&text[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

pub(crate) fn guid_of(keys: &[(String, Literal)], name: &str) -> Result<String, ServiceError> {
    match keys.iter().find(|(key, _)| key == name) {
        Some((_, Literal::Guid(guid))) => Ok(guid.clone()),
        _ => Err(ServiceError::bad_request(&format!(
            "Key property '{name}' must be a GUID literal"
        ))),
    }
}

pub(crate) fn string_of(keys: &[(String, Literal)], name: &str) -> Result<String, ServiceError> {
    match keys.iter().find(|(key, _)| key == name) {
        Some((_, Literal::Str(value))) => Ok(value.clone()),
        _ => Err(ServiceError::bad_request(&format!(
            "Key property '{name}' must be a string literal"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const G: &str = "0050568b-3f1c-1eda-a8c2-2d3f4e5a6b7c";

    #[test]
    fn single_keys_named_or_not() {
        for key in [
            format!("guid'{G}'"),
            format!("guid=guid'{}'", G.to_ascii_uppercase()),
        ] {
            let keys = key_predicate(&key, &["guid"]).unwrap();
            assert_eq!(keys, vec![("guid".to_owned(), Literal::Guid(G.to_owned()))]);
        }
    }

    #[test]
    fn composite_keys_with_quotes_and_commas() {
        let key = format!("guid=guid'{G}',documentId='A,B''C'");
        let keys = key_predicate(&key, &["guid", "documentId"]).unwrap();
        assert_eq!(string_of(&keys, "documentId").unwrap(), "A,B'C");
        assert_eq!(guid_of(&keys, "guid").unwrap(), G);
    }

    #[test]
    fn malformed_keys_are_refused() {
        for key in [
            "guid'0050568b3f1c1edaa8c22d3f4e5a6b7c'".to_owned(),
            format!("id=guid'{G}'"),
            "guid'nope'".to_owned(),
            G.to_owned(),
            format!("guid=guid'{G}',guid=guid'{G}'"),
        ] {
            assert!(key_predicate(&key, &["guid"]).is_err(), "{key}");
        }
        assert!(key_predicate(&format!("guid=guid'{G}'"), &["guid", "documentId"]).is_err());
    }

    #[test]
    fn segments() {
        assert_eq!(
            segment("WorkItemSet").unwrap(),
            Segment {
                name: "WorkItemSet",
                key: None
            }
        );
        assert_eq!(segment("A(x)").unwrap().key, Some("x"));
        assert!(segment("A(x").is_err());
    }
}
