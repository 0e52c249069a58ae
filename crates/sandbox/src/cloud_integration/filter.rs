//! `$filter` as the tenant reads it: comparisons (`eq`, `ne`, `gt`, `ge`, `lt`, `le`), `and`,
//! `or`, `not`, parentheses and `substringof`/`startswith`/`endswith`, with string, `datetime'…'`
//! (UTC, no zone), integer and boolean literals. Each entity set allows only some properties,
//! operators and functions (its [`Rules`]); anything else is the tenant's 400.

use std::borrow::Cow;
use std::cmp::Ordering;

use chrono::NaiveDateTime;

use super::errors::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
}

impl Op {
    fn parse(word: &str) -> Option<Self> {
        Some(match word {
            "eq" => Self::Eq,
            "ne" => Self::Ne,
            "gt" => Self::Gt,
            "ge" => Self::Ge,
            "lt" => Self::Lt,
            "le" => Self::Le,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Self::Eq => "eq",
            Self::Ne => "ne",
            Self::Gt => "gt",
            Self::Ge => "ge",
            Self::Lt => "lt",
            Self::Le => "le",
        }
    }

    fn holds(self, ordering: Ordering) -> bool {
        match self {
            Self::Eq => ordering == Ordering::Equal,
            Self::Ne => ordering != Ordering::Equal,
            Self::Gt => ordering == Ordering::Greater,
            Self::Ge => ordering != Ordering::Less,
            Self::Lt => ordering == Ordering::Less,
            Self::Le => ordering != Ordering::Greater,
        }
    }
}

/// Equality only (ids), equality and inequality, or every comparison (dates).
pub(crate) const EQ: &[Op] = &[Op::Eq];
pub(crate) const EQ_NE: &[Op] = &[Op::Eq, Op::Ne];
pub(crate) const ALL: &[Op] = &[Op::Eq, Op::Ne, Op::Gt, Op::Ge, Op::Lt, Op::Le];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Str,
    Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Func {
    SubstringOf,
    StartsWith,
    EndsWith,
}

impl Func {
    fn parse(word: &str) -> Option<Self> {
        Some(match word {
            "substringof" => Self::SubstringOf,
            "startswith" => Self::StartsWith,
            "endswith" => Self::EndsWith,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Self::SubstringOf => "substringof",
            Self::StartsWith => "startswith",
            Self::EndsWith => "endswith",
        }
    }
}

/// Which logical operators a set accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Logical {
    AndOr,
    /// `IntegrationRuntimeArtifacts`: "Only logical operator or is allowed", no nesting.
    OrOnly,
}

/// What `$filter` may use on one entity set.
pub(crate) struct Rules {
    pub type_name: &'static str,
    pub properties: &'static [(&'static str, Kind, &'static [Op])],
    /// Properties the type has but the set cannot filter by (e.g. `DeployedOn`).
    pub not_filterable: &'static [&'static str],
    pub functions: bool,
    pub logical: Logical,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Literal {
    Str(String),
    DateTime(i64),
    Int(i64),
    Bool(bool),
    Null,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Compare {
        property: String,
        op: Op,
        value: Literal,
    },
    /// `substringof('x',P) eq true` and friends; `expected` is the boolean compared with.
    Function {
        func: Func,
        property: String,
        text: String,
        expected: bool,
    },
}

/// A field's value as the filter and `$orderby` compare it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Field<'a> {
    Str(Cow<'a, str>),
    Date(i64),
    Int(i64),
    Bool(bool),
    Null,
}

impl Field<'_> {
    pub fn compare(&self, other: &Field<'_>) -> Ordering {
        match (self, other) {
            (Field::Str(a), Field::Str(b)) => a.cmp(b),
            (Field::Date(a), Field::Date(b)) | (Field::Int(a), Field::Int(b)) => a.cmp(b),
            (Field::Bool(a), Field::Bool(b)) => a.cmp(b),
            (Field::Null, Field::Null) => Ordering::Equal,
            (Field::Null, _) => Ordering::Less,
            (_, Field::Null) => Ordering::Greater,
            _ => Ordering::Equal,
        }
    }
}

/// Something a filter can be evaluated on.
pub(crate) trait Record {
    fn field(&self, property: &str) -> Field<'_>;
}

impl Record for serde_json::Value {
    fn field(&self, property: &str) -> Field<'_> {
        let mut value = self;
        for part in property.split('/') {
            value = &value[part];
        }
        match value {
            serde_json::Value::String(text) => match text
                .strip_prefix("/Date(")
                .and_then(|rest| rest.strip_suffix(")/"))
                .and_then(|ms| ms.parse::<i64>().ok())
            {
                Some(ms) => Field::Date(ms),
                None => Field::Str(Cow::Borrowed(text)),
            },
            serde_json::Value::Bool(flag) => Field::Bool(*flag),
            serde_json::Value::Number(number) => number.as_i64().map_or(Field::Null, Field::Int),
            _ => Field::Null,
        }
    }
}

impl Expr {
    pub fn matches(&self, record: &dyn Record) -> bool {
        match self {
            Expr::And(a, b) => a.matches(record) && b.matches(record),
            Expr::Or(a, b) => a.matches(record) || b.matches(record),
            Expr::Not(inner) => !inner.matches(record),
            Expr::Compare {
                property,
                op,
                value,
            } => {
                let field = record.field(property);
                let literal = match value {
                    Literal::Str(text) => Field::Str(Cow::Borrowed(text)),
                    Literal::DateTime(ms) => Field::Date(*ms),
                    Literal::Int(number) => Field::Int(*number),
                    Literal::Bool(flag) => Field::Bool(*flag),
                    Literal::Null => Field::Null,
                };
                if matches!(field, Field::Null) || matches!(literal, Field::Null) {
                    // null only equals null; ordering comparisons with null are false.
                    let both = matches!(field, Field::Null) && matches!(literal, Field::Null);
                    return match op {
                        Op::Eq => both,
                        Op::Ne => !both,
                        _ => false,
                    };
                }
                op.holds(field.compare(&literal))
            }
            Expr::Function {
                func,
                property,
                text,
                expected,
            } => {
                let found = match record.field(property) {
                    Field::Str(value) => match func {
                        Func::SubstringOf => value.contains(text.as_str()),
                        Func::StartsWith => value.starts_with(text.as_str()),
                        Func::EndsWith => value.ends_with(text.as_str()),
                    },
                    _ => false,
                };
                found == *expected
            }
        }
    }

    /// The values an `eq` on `property` pins the result to, if the whole filter requires one
    /// (lets the message log look a GUID up instead of scanning).
    pub fn required_eq(&self, property: &str) -> Option<&str> {
        match self {
            Expr::Compare {
                property: p,
                op: Op::Eq,
                value: Literal::Str(value),
            } if p == property => Some(value),
            Expr::And(a, b) => a.required_eq(property).or_else(|| b.required_eq(property)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    Comma,
    Word(String),
    Literal(Literal),
}

fn invalid(text: &str) -> ApiError {
    ApiError::bad_request(format!("Invalid filter expression: '{text}'."))
}

fn tokenize(text: &str) -> Result<Vec<Token>, ApiError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' => i += 1,
            '(' => {
                tokens.push(Token::Open);
                i += 1;
            }
            ')' => {
                tokens.push(Token::Close);
                i += 1;
            }
            ',' => {
                tokens.push(Token::Comma);
                i += 1;
            }
            '\'' => {
                let (value, next) = quoted(&chars, i).ok_or_else(|| invalid(text))?;
                tokens.push(Token::Literal(Literal::Str(value)));
                i = next;
            }
            c if c.is_ascii_digit() || c == '-' => {
                let start = i;
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
                // An `L` suffix marks Edm.Int64 literals.
                let digits: String = chars[start..i].iter().collect();
                if i < chars.len() && (chars[i] == 'L' || chars[i] == 'l') {
                    i += 1;
                }
                let number = digits.parse::<i64>().map_err(|_| invalid(text))?;
                tokens.push(Token::Literal(Literal::Int(number)));
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '/')
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                if i < chars.len() && chars[i] == '\'' && word.eq_ignore_ascii_case("datetime") {
                    let (value, next) = quoted(&chars, i).ok_or_else(|| invalid(text))?;
                    tokens.push(Token::Literal(Literal::DateTime(datetime(&value)?)));
                    i = next;
                    continue;
                }
                if i < chars.len() && chars[i] == '\'' {
                    return Err(invalid(text));
                }
                tokens.push(match word.as_str() {
                    "true" => Token::Literal(Literal::Bool(true)),
                    "false" => Token::Literal(Literal::Bool(false)),
                    "null" => Token::Literal(Literal::Null),
                    _ => Token::Word(word),
                });
            }
            _ => return Err(invalid(text)),
        }
    }
    Ok(tokens)
}

/// A quoted literal starting at `start` (`''` is a quote); returns it and the index after it.
fn quoted(chars: &[char], start: usize) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut i = start + 1;
    while i < chars.len() {
        if chars[i] == '\'' {
            if chars.get(i + 1) == Some(&'\'') {
                value.push('\'');
                i += 2;
                continue;
            }
            return Some((value, i + 1));
        }
        value.push(chars[i]);
        i += 1;
    }
    None
}

/// `datetime'2024-01-31T00:00:00'` (seconds and fractions optional), read as UTC. A zone
/// (`Z`, `+01:00`) is not accepted, as on the tenant.
fn datetime(text: &str) -> Result<i64, ApiError> {
    let formats = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ];
    formats
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(|date| date.and_utc().timestamp_millis())
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "Invalid filter expression: the literal datetime'{text}' is not a valid Edm.DateTime \
                 (use yyyy-MM-ddTHH:mm:ss in UTC, without a time zone)."
            ))
        })
}

struct Parser<'a> {
    tokens: Vec<Token>,
    position: usize,
    rules: &'a Rules,
    text: &'a str,
    depth: usize,
}

/// Parses `$filter` against an entity set's rules.
pub(crate) fn parse(text: &str, rules: &Rules) -> Result<Expr, ApiError> {
    let mut parser = Parser {
        tokens: tokenize(text)?,
        position: 0,
        rules,
        text,
        depth: 0,
    };
    let expr = parser.or_expr()?;
    if parser.position != parser.tokens.len() {
        return Err(invalid(text));
    }
    Ok(expr)
}

impl Parser<'_> {
    fn peek_word(&self, word: &str) -> bool {
        matches!(self.tokens.get(self.position), Some(Token::Word(w)) if w == word)
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.position).cloned();
        self.position += 1;
        token
    }

    fn or_expr(&mut self) -> Result<Expr, ApiError> {
        let mut left = self.and_expr()?;
        while self.peek_word("or") {
            self.position += 1;
            let right = self.and_expr()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and_expr(&mut self) -> Result<Expr, ApiError> {
        let mut left = self.unary()?;
        while self.peek_word("and") {
            if self.rules.logical == Logical::OrOnly {
                return Err(ApiError::bad_request(
                    "Invalid filter expression: only the logical operator 'or' is supported.",
                ));
            }
            self.position += 1;
            let right = self.unary()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, ApiError> {
        if self.peek_word("not") {
            if self.rules.logical == Logical::OrOnly {
                return Err(ApiError::bad_request(
                    "Invalid filter expression: only the logical operator 'or' is supported.",
                ));
            }
            self.position += 1;
            return Ok(Expr::Not(Box::new(self.unary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, ApiError> {
        match self.next() {
            Some(Token::Open) => {
                if self.rules.logical == Logical::OrOnly {
                    return Err(ApiError::bad_request(
                        "Invalid filter expression: nesting is not supported.",
                    ));
                }
                self.depth += 1;
                if self.depth > 32 {
                    return Err(invalid(self.text));
                }
                let inner = self.or_expr()?;
                self.depth -= 1;
                match self.next() {
                    Some(Token::Close) => Ok(inner),
                    _ => Err(invalid(self.text)),
                }
            }
            Some(Token::Word(word))
                if matches!(self.tokens.get(self.position), Some(Token::Open)) =>
            {
                self.function(&word)
            }
            Some(Token::Word(property)) => self.comparison(property),
            _ => Err(invalid(self.text)),
        }
    }

    fn property(&self, name: &str) -> Result<(Kind, &'static [Op]), ApiError> {
        if let Some((_, kind, ops)) = self.rules.properties.iter().find(|(p, _, _)| *p == name) {
            return Ok((*kind, ops));
        }
        if self.rules.not_filterable.contains(&name) {
            return Err(ApiError::bad_request(format!(
                "Invalid filter expression: filtering by property '{name}' is not supported."
            )));
        }
        Err(ApiError::bad_request(format!(
            "Invalid filter expression: property '{name}' not found in type '{}'.",
            self.rules.type_name
        )))
    }

    fn comparison(&mut self, property: String) -> Result<Expr, ApiError> {
        let (kind, allowed) = self.property(&property)?;
        let op = match self.next() {
            Some(Token::Word(word)) => Op::parse(&word).ok_or_else(|| invalid(self.text))?,
            _ => return Err(invalid(self.text)),
        };
        if !allowed.contains(&op) {
            let hint = if allowed == EQ {
                " Use only the 'eq' operator for this property."
            } else {
                ""
            };
            return Err(ApiError::bad_request(format!(
                "Invalid filter expression: operator '{}' is not supported for property '{property}'.{hint}",
                op.name()
            )));
        }
        let value = match self.next() {
            Some(Token::Literal(literal)) => literal,
            _ => return Err(invalid(self.text)),
        };
        let fits = matches!(
            (kind, &value),
            (_, Literal::Null) | (Kind::Str, Literal::Str(_)) | (Kind::Date, Literal::DateTime(_))
        );
        if !fits {
            return Err(ApiError::bad_request(format!(
                "Invalid filter expression: the value for property '{property}' has the wrong type."
            )));
        }
        Ok(Expr::Compare {
            property,
            op,
            value,
        })
    }

    fn function(&mut self, word: &str) -> Result<Expr, ApiError> {
        let Some(func) = Func::parse(word) else {
            return Err(ApiError::bad_request(format!(
                "Invalid filter expression: unknown function '{word}'."
            )));
        };
        if !self.rules.functions {
            return Err(ApiError::bad_request(format!(
                "Invalid filter expression: function '{}' is not supported.",
                func.name()
            )));
        }
        self.position += 1; // the opening parenthesis
        let first = self.next();
        if self.next() != Some(Token::Comma) {
            return Err(invalid(self.text));
        }
        let second = self.next();
        if self.next() != Some(Token::Close) {
            return Err(invalid(self.text));
        }
        let (property, text) = match (func, first, second) {
            (Func::SubstringOf, Some(Token::Literal(Literal::Str(text))), Some(Token::Word(p))) => {
                (p, text)
            }
            (
                Func::StartsWith | Func::EndsWith,
                Some(Token::Word(p)),
                Some(Token::Literal(Literal::Str(text))),
            ) => (p, text),
            _ => return Err(invalid(self.text)),
        };
        let (kind, _) = self.property(&property)?;
        if kind != Kind::Str {
            return Err(invalid(self.text));
        }
        let mut expected = true;
        if self.peek_word("eq") || self.peek_word("ne") {
            let negate = self.peek_word("ne");
            self.position += 1;
            match self.next() {
                Some(Token::Literal(Literal::Bool(flag))) => expected = flag != negate,
                _ => return Err(invalid(self.text)),
            }
        }
        Ok(Expr::Function {
            func,
            property,
            text,
            expected,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const RULES: Rules = Rules {
        type_name: "com.sap.hci.api.Test",
        properties: &[
            ("Id", Kind::Str, EQ),
            ("Status", Kind::Str, EQ_NE),
            ("LogEnd", Kind::Date, ALL),
            ("Name", Kind::Str, EQ_NE),
        ],
        not_filterable: &["DeployedOn"],
        functions: true,
        logical: Logical::AndOr,
    };

    const OR_ONLY: Rules = Rules {
        logical: Logical::OrOnly,
        functions: false,
        ..RULES
    };

    fn record() -> serde_json::Value {
        json!({"Id": "A'1", "Status": "FAILED", "LogEnd": "/Date(1704067200000)/", "Name": "Orders_Replicate"})
    }

    #[test]
    fn comparisons_dates_and_logic() {
        let r = record();
        for (filter, expected) in [
            ("Status eq 'FAILED'", true),
            ("Status ne 'FAILED'", false),
            ("Id eq 'A''1'", true),
            ("LogEnd gt datetime'2023-12-31T23:59:59' and LogEnd lt datetime'2024-01-02T00:00:00'", true),
            ("LogEnd ge datetime'2024-01-01T00:00:00.001'", false),
            ("Status eq 'COMPLETED' or (Status eq 'FAILED' and not (Id eq 'x'))", true),
            ("substringof('Replicate',Name) eq true", true),
            ("startswith(Name,'Orders')", true),
            ("endswith(Name,'Orders') eq false", true),
        ] {
            assert_eq!(parse(filter, &RULES).unwrap().matches(&r), expected, "{filter}");
        }
    }

    #[test]
    fn refusals_name_what_is_wrong() {
        for (filter, rules, says) in [
            ("Id ne 'x'", &RULES, "operator 'ne'"),
            ("Foo eq 'x'", &RULES, "property 'Foo' not found"),
            ("DeployedOn eq 'x'", &RULES, "'DeployedOn' is not supported"),
            ("Status eq FAILED", &RULES, "Invalid filter expression"),
            (
                "LogEnd gt datetime'2024-01-01T00:00:00Z'",
                &RULES,
                "without a time zone",
            ),
            (
                "Status eq 'A' and Status eq 'B'",
                &OR_ONLY,
                "only the logical operator 'or'",
            ),
            (
                "substringof('x',Name)",
                &OR_ONLY,
                "function 'substringof' is not supported",
            ),
            ("Status eq 'A' or", &RULES, "Invalid filter expression"),
            ("(Status eq 'A'", &RULES, "Invalid filter expression"),
            ("LogEnd gt 'yesterday'", &RULES, "wrong type"),
        ] {
            let error = parse(filter, rules).unwrap_err();
            assert_eq!(error.status, axum::http::StatusCode::BAD_REQUEST);
            let message = error.message.unwrap();
            assert!(message.contains(says), "{filter}: {message}");
        }
    }

    #[test]
    fn or_only_sets_accept_or() {
        let expr = parse("Status eq 'ERROR' or Name eq 'Orders_Replicate'", &OR_ONLY).unwrap();
        assert!(expr.matches(&record()));
    }

    proptest::proptest! {
        /// Whatever a client sends as `$filter`, the answer is a parse or a 400, never a panic.
        #[test]
        fn any_text_parses_or_is_refused(text in "[ -~]{0,80}") {
            if let Ok(expr) = parse(&text, &RULES) {
                expr.matches(&record());
            }
            let _ = parse(&text, &OR_ONLY);
        }

        /// Text built from the filter's own words, which gets deeper into the parser.
        #[test]
        fn filter_like_text_never_panics(words in proptest::collection::vec(
            proptest::sample::select(vec![
                "Status", "Id", "LogEnd", "Name", "eq", "ne", "gt", "and", "or", "not", "(", ")",
                "'FAILED'", "'A''B'", "datetime'2024-01-01T00:00:00'", "substringof(", ",", "true",
                "startswith(", "12", "-", "null", "'",
            ]),
            0..14,
        )) {
            let text = words.join(" ");
            if let Ok(expr) = parse(&text, &RULES) {
                expr.matches(&record());
            }
        }
    }
}
