//! Function calls in the URL, `GetUserDetails(UserName='O''BRIEN')`, read by the OData V4
//! rules: the segment is percent-decoded first, strings are single-quoted with quotes doubled
//! inside, numbers, `true`/`false`, dates and `null` are bare, and a parameter may name an
//! alias (`P=@p`) given in the query (`?@p='v'`). Anything else is malformed (HTTP 400).

use percent_encoding::percent_decode_str;

/// A literal as written, before it is checked against the parameter's type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Literal {
    Null,
    Str(String),
    Bool(bool),
    /// Integer or decimal notation, kept as text until the type is known.
    Number(String),
    /// `2024-01-31`.
    Date(String),
    /// `2024-01-31T10:00:00Z`.
    DateTimeOffset(String),
}

impl Literal {
    /// What kind of literal it is, for messages.
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Str(_) => "a string",
            Self::Bool(_) => "a Boolean",
            Self::Number(_) => "a number",
            Self::Date(_) => "a date",
            Self::DateTimeOffset(_) => "a timestamp",
        }
    }
}

/// A function call segment: the name and, with parentheses, the parameters in order.
#[derive(Debug, PartialEq)]
pub(crate) struct Call {
    pub name: String,
    pub params: Option<Vec<(String, Literal)>>,
}

/// Why a call segment cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Malformed(pub String);

fn decode(text: &str) -> Result<String, Malformed> {
    percent_decode_str(text)
        .decode_utf8()
        .map(|decoded| decoded.into_owned())
        .map_err(|_| {
            Malformed(format!(
                "The URI is malformed: '{text}' is not UTF-8 once decoded"
            ))
        })
}

/// Reads one path segment (still percent-encoded) with the request's query.
pub(crate) fn parse_call(segment: &str, query: Option<&str>) -> Result<Call, Malformed> {
    if segment
        .split('%')
        .skip(1)
        .any(|rest| rest.len() < 2 || !rest.as_bytes()[..2].iter().all(u8::is_ascii_hexdigit))
    {
        return Err(Malformed(format!(
            "The URI is malformed: invalid percent-encoding in '{segment}'"
        )));
    }
    let decoded = decode(segment)?;
    let Some(open) = decoded.find('(') else {
        return Ok(Call {
            name: decoded,
            params: None,
        });
    };
    let name = decoded[..open].to_owned();
    let inner = decoded[open + 1..].strip_suffix(')').ok_or_else(|| {
        Malformed(format!(
            "The URI is malformed: the parameter list of '{name}' is not closed"
        ))
    })?;
    let mut params: Vec<(String, Literal)> = Vec::new();
    if !inner.trim().is_empty() {
        for part in split_parameters(inner)? {
            let (param, value) = part.split_once('=').ok_or_else(|| {
                Malformed(format!(
                    "The URI is malformed: '{part}' is not of the form Name=value"
                ))
            })?;
            let param = param.trim();
            if !is_identifier(param) {
                return Err(Malformed(format!(
                    "The URI is malformed: '{param}' is not a parameter name"
                )));
            }
            if params.iter().any(|(seen, _)| seen == param) {
                return Err(Malformed(format!(
                    "The URI is malformed: parameter '{param}' is given twice"
                )));
            }
            let value = value.trim();
            let literal = match value.strip_prefix('@') {
                Some(alias) => alias_value(alias, query)?,
                None => parse_literal(value)?,
            };
            params.push((param.to_owned(), literal));
        }
    }
    Ok(Call {
        name,
        params: Some(params),
    })
}

/// Splits `A='x,y',B=1` at the commas outside string literals; an unclosed quote is malformed.
fn split_parameters(text: &str) -> Result<Vec<&str>, Malformed> {
    let mut parts = Vec::new();
    let mut in_string = false;
    let mut start = 0;
    for (index, c) in text.char_indices() {
        match c {
            // A doubled quote inside a string toggles twice: it stays inside.
            '\'' => in_string = !in_string,
            ',' if !in_string => {
                parts.push(&text[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    if in_string {
        return Err(Malformed(format!(
            "The URI is malformed: unterminated string literal in ({text})"
        )));
    }
    parts.push(&text[start..]);
    Ok(parts)
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
}

fn alias_value(alias: &str, query: Option<&str>) -> Result<Literal, Malformed> {
    let wanted = format!("@{alias}");
    let raw = query
        .unwrap_or("")
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| decode(key).is_ok_and(|key| key == wanted))
        .map(|(_, value)| value)
        .ok_or_else(|| {
            Malformed(format!(
                "The URI is malformed: no value for the parameter alias {wanted}"
            ))
        })?;
    parse_literal(&decode(raw)?)
}

/// One decoded literal.
pub(crate) fn parse_literal(text: &str) -> Result<Literal, Malformed> {
    let malformed = || Malformed(format!("The URI is malformed: invalid literal {text}"));
    if let Some(rest) = text.strip_prefix('\'') {
        return parse_string(rest).ok_or_else(malformed).map(Literal::Str);
    }
    if text == "null" {
        return Ok(Literal::Null);
    }
    if text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false") {
        return Ok(Literal::Bool(text.eq_ignore_ascii_case("true")));
    }
    if is_number(text) {
        return Ok(Literal::Number(text.to_owned()));
    }
    if is_date(text) {
        return chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(|_| Literal::Date(text.to_owned()))
            .map_err(|_| malformed());
    }
    if text.get(..10).is_some_and(is_date) && text.as_bytes().get(10) == Some(&b'T') {
        return chrono::DateTime::parse_from_rfc3339(text)
            .map(|_| Literal::DateTimeOffset(text.to_owned()))
            .map_err(|_| malformed());
    }
    Err(malformed())
}

/// The rest of a string literal after its opening quote: `''` is a quote, the closing quote
/// must be the last character.
fn parse_string(rest: &str) -> Option<String> {
    let mut value = String::new();
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\'' {
            value.push(c);
        } else if chars.peek() == Some(&'\'') {
            chars.next();
            value.push('\'');
        } else {
            return chars.next().is_none().then_some(value);
        }
    }
    None
}

fn is_number(text: &str) -> bool {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(whole)
        && fraction.is_none_or(digits)
        && exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)))
}

fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(segment: &str) -> Vec<(String, Literal)> {
        parse_call(segment, None).unwrap().params.unwrap()
    }

    #[test]
    fn quotes_are_doubled_and_the_segment_is_percent_decoded() {
        assert_eq!(
            params("Find(Name='O''Brien',City='San%20Jos%C3%A9')"),
            vec![
                ("Name".into(), Literal::Str("O'Brien".into())),
                ("City".into(), Literal::Str("San José".into())),
            ]
        );
        // An encoded quote is a quote: it must be doubled as well.
        assert_eq!(
            params("Find(Name=%27O%27%27Brien%27)"),
            vec![("Name".into(), Literal::Str("O'Brien".into()))]
        );
        assert_eq!(
            params("Find(Name='a,b',N=-12.5,B=true,D=2024-02-29,T=2024-02-29T10:00:00Z,X=null)"),
            vec![
                ("Name".into(), Literal::Str("a,b".into())),
                ("N".into(), Literal::Number("-12.5".into())),
                ("B".into(), Literal::Bool(true)),
                ("D".into(), Literal::Date("2024-02-29".into())),
                (
                    "T".into(),
                    Literal::DateTimeOffset("2024-02-29T10:00:00Z".into())
                ),
                ("X".into(), Literal::Null),
            ]
        );
    }

    proptest::proptest! {
        /// Any text, written as a client must (quotes doubled, then percent-encoded), reads back.
        #[test]
        fn any_string_survives_quoting_and_percent_encoding(text in "\\PC*") {
            let quoted = format!("'{}'", text.replace('\'', "''"));
            let encoded = percent_encoding::utf8_percent_encode(
                &quoted,
                percent_encoding::NON_ALPHANUMERIC,
            );
            let call = parse_call(&format!("Find(Name={encoded})"), None).unwrap();
            proptest::prop_assert_eq!(
                call.params.unwrap(),
                vec![("Name".to_owned(), Literal::Str(text))]
            );
        }

        /// Whatever arrives, the parser answers without panicking.
        #[test]
        fn arbitrary_segments_never_panic(segment in "\\PC*", query in "\\PC*") {
            let _ = parse_call(&segment, Some(&query));
        }
    }

    #[test]
    fn aliases_come_from_the_query() {
        let call = parse_call("Find(Name=@n)", Some("@n='It''s'&x=1")).unwrap();
        assert_eq!(
            call.params.unwrap(),
            vec![("Name".into(), Literal::Str("It's".into()))]
        );
        assert!(parse_call("Find(Name=@m)", Some("@n='x'")).is_err());
    }

    #[test]
    fn names_without_parentheses_and_empty_lists() {
        assert_eq!(parse_call("Home", None).unwrap().params, None);
        assert_eq!(parse_call("Find()", None).unwrap().params, Some(vec![]));
    }

    #[test]
    fn malformed_calls_are_refused() {
        for segment in [
            "Find(Name='O'Brien')",
            "Find(Name='open)",
            "Find(Name=bare)",
            "Find(Name='x'",
            "Find(Name='x',Name='y')",
            "Find(='x')",
            "Find(Name)",
            "Find(D=2024-02-30)",
            "Find(N=1.)",
            "Find(Name=%ZZ)",
            "Find(Name=%27%FF%27)",
            "Find(Name=\"x\")",
            "Find(D=2024-01-0\u{e9}T10:00:00Z)",
            "Find(D=\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9})",
        ] {
            assert!(parse_call(segment, None).is_err(), "{segment}");
        }
    }
}
