//! Parses and evaluates the OpenSQL WHERE subset that `/preview` accepts.

use crate::data::Value;
use crate::ddic::FieldDef;

/// A parse or binding error, worded like SAP's dynamic SQL exceptions.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct WhereError {
    pub message: String,
    /// 0-based character offset of the problem in the condition text.
    pub position: usize,
}

/// A parsed condition, bound to a field list.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    expr: Expr,
}

impl Condition {
    /// Parses `text` and resolves field names (case-insensitively) against `fields`.
    pub fn parse(text: &str, fields: &[FieldDef]) -> Result<Condition, WhereError> {
        parse_expr(text, fields).map(|expr| Condition { expr })
    }

    /// Whether a row (aligned with the field list given to `parse`) satisfies the condition.
    pub fn matches(&self, row: &[Value]) -> bool {
        self.expr.eval(row)
    }
}

/// Orders two values the way the database would: numerically for numbers,
/// by text otherwise (DATS/TIMS compare correctly as text).
pub fn compare_values(a: &Value, b: &Value) -> std::cmp::Ordering {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) if a.is_numeric() && b.is_numeric() => {
            x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal)
        }
        _ => a.to_text().cmp(&b.to_text()),
    }
}

// ---------------------------------------------------------------- tokens

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Text(String),
    Number(String),
    Op(&'static str),
    Open,
    Close,
    Comma,
}

fn describe(token: &Token) -> String {
    match token {
        Token::Word(w) => w.clone(),
        Token::Text(t) => format!("'{t}'"),
        Token::Number(n) => n.clone(),
        Token::Op(o) => (*o).to_string(),
        Token::Open => "(".to_string(),
        Token::Close => ")".to_string(),
        Token::Comma => ",".to_string(),
    }
}

fn syntax_error(found: &str, position: usize) -> WhereError {
    WhereError {
        message: format!(
            "Invalid dynamic WHERE condition: \"{found}\" is not expected at position {}.",
            position + 1
        ),
        position,
    }
}

fn tokenize(text: &str) -> Result<Vec<(Token, usize)>, WhereError> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let token = if c == '\'' || c == '`' {
            let quote = c;
            let mut value = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => {
                        return Err(WhereError {
                            message: format!(
                                "Invalid dynamic WHERE condition: the literal starting at position {} is not closed.",
                                start + 1
                            ),
                            position: start,
                        })
                    }
                    Some(q) if *q == quote && chars.get(i + 1) == Some(&quote) => {
                        value.push(quote);
                        i += 2;
                    }
                    Some(q) if *q == quote => {
                        i += 1;
                        break;
                    }
                    Some(other) => {
                        value.push(*other);
                        i += 1;
                    }
                }
            }
            Token::Text(value)
        } else if c.is_ascii_digit()
            || (c == '-' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            i += 1;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            Token::Number(chars[start..i].iter().collect())
        } else if c.is_alphabetic() || c == '_' || c == '/' {
            while i < chars.len()
                && (chars[i].is_alphanumeric() || matches!(chars[i], '_' | '/' | '~' | '-'))
            {
                i += 1;
            }
            Token::Word(chars[start..i].iter().collect::<String>().to_uppercase())
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let (op, width) = match two.as_str() {
                "<>" => (Some("<>"), 2),
                "<=" => (Some("<="), 2),
                ">=" => (Some(">="), 2),
                "!=" => (Some("<>"), 2),
                _ => match c {
                    '=' => (Some("="), 1),
                    '<' => (Some("<"), 1),
                    '>' => (Some(">"), 1),
                    _ => (None, 1),
                },
            };
            i += width;
            match (op, c) {
                (Some(op), _) => Token::Op(op),
                (None, '(') => Token::Open,
                (None, ')') => Token::Close,
                (None, ',') => Token::Comma,
                _ => return Err(syntax_error(&c.to_string(), start)),
            }
        };
        tokens.push((token, start));
    }
    Ok(tokens)
}

// ---------------------------------------------------------------- tree

#[derive(Debug, Clone, PartialEq)]
enum Literal {
    Text(String),
    Number(f64, String),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Compare {
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
}

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Compare(usize, Compare, Literal),
    Like(usize, String),
    Between(usize, Literal, Literal),
    In(usize, Vec<Literal>),
    Initial(usize),
}

const MAX_NESTING: usize = 64;
/// Also bounds the depth of AND/OR chains, which evaluation walks recursively.
const MAX_TOKENS: usize = 1000;

struct Parser<'a> {
    tokens: Vec<(Token, usize)>,
    next: usize,
    fields: &'a [FieldDef],
    end: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next).map(|(t, _)| t)
    }

    fn position(&self) -> usize {
        self.tokens
            .get(self.next)
            .map(|(_, p)| *p)
            .unwrap_or(self.end)
    }

    fn unexpected(&self) -> WhereError {
        match self.peek() {
            Some(token) => syntax_error(&describe(token), self.position()),
            None => WhereError {
                message: "Invalid dynamic WHERE condition: the condition ends unexpectedly."
                    .to_string(),
                position: self.end,
            },
        }
    }

    fn keyword(&mut self, word: &str) -> bool {
        if self.peek() == Some(&Token::Word(word.to_string())) {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Result<Expr, WhereError> {
        let mut left = self.and()?;
        while self.keyword("OR") {
            left = Expr::Or(Box::new(left), Box::new(self.and()?));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, WhereError> {
        let mut left = self.not()?;
        while self.keyword("AND") {
            left = Expr::And(Box::new(left), Box::new(self.not()?));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, WhereError> {
        // Bounded nesting keeps hostile input from exhausting the stack.
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(WhereError {
                message: "Invalid dynamic WHERE condition: the condition is nested too deeply."
                    .to_string(),
                position: self.position(),
            });
        }
        let result = self.not_inner();
        self.depth -= 1;
        result
    }

    fn not_inner(&mut self) -> Result<Expr, WhereError> {
        if self.keyword("NOT") {
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        if self.peek() == Some(&Token::Open) {
            self.next += 1;
            let inner = self.or()?;
            if self.peek() != Some(&Token::Close) {
                return Err(self.unexpected());
            }
            self.next += 1;
            return Ok(inner);
        }
        self.predicate()
    }

    fn field(&mut self) -> Result<usize, WhereError> {
        let position = self.position();
        match self.peek().cloned() {
            Some(Token::Word(word)) => {
                let name = word.rsplit('~').next().unwrap_or(&word).to_string();
                let index = self
                    .fields
                    .iter()
                    .position(|f| f.name.eq_ignore_ascii_case(&name))
                    .ok_or_else(|| WhereError {
                        message: format!(
                            "Unknown column name \"{name}\" in the dynamic WHERE condition."
                        ),
                        position,
                    })?;
                self.next += 1;
                Ok(index)
            }
            _ => Err(self.unexpected()),
        }
    }

    fn literal(&mut self) -> Result<Literal, WhereError> {
        let position = self.position();
        let literal = match self.peek().cloned() {
            Some(Token::Text(text)) => Literal::Text(text),
            Some(Token::Number(digits)) => {
                let value = digits
                    .parse::<f64>()
                    .map_err(|_| syntax_error(&digits, position))?;
                Literal::Number(value, digits)
            }
            _ => return Err(self.unexpected()),
        };
        self.next += 1;
        Ok(literal)
    }

    fn predicate(&mut self) -> Result<Expr, WhereError> {
        let field = self.field()?;
        let negated = self.keyword("NOT");
        let expr = if self.keyword("LIKE") {
            match self.literal()? {
                Literal::Text(pattern) => Expr::Like(field, pattern),
                Literal::Number(_, digits) => Expr::Like(field, digits),
            }
        } else if self.keyword("BETWEEN") {
            let low = self.literal()?;
            if !self.keyword("AND") {
                return Err(self.unexpected());
            }
            Expr::Between(field, low, self.literal()?)
        } else if self.keyword("IN") {
            if self.peek() != Some(&Token::Open) {
                return Err(self.unexpected());
            }
            self.next += 1;
            let mut values = vec![self.literal()?];
            while self.peek() == Some(&Token::Comma) {
                self.next += 1;
                values.push(self.literal()?);
            }
            if self.peek() != Some(&Token::Close) {
                return Err(self.unexpected());
            }
            self.next += 1;
            Expr::In(field, values)
        } else if !negated && self.keyword("IS") {
            let not_initial = self.keyword("NOT");
            if !(self.keyword("INITIAL") || self.keyword("NULL")) {
                return Err(self.unexpected());
            }
            let test = Expr::Initial(field);
            return Ok(if not_initial {
                Expr::Not(Box::new(test))
            } else {
                test
            });
        } else if negated {
            return Err(self.unexpected());
        } else {
            let op = match self.peek() {
                Some(Token::Op(op)) => match *op {
                    "=" => Compare::Eq,
                    "<>" => Compare::Ne,
                    "<" => Compare::Lt,
                    ">" => Compare::Gt,
                    "<=" => Compare::Le,
                    _ => Compare::Ge,
                },
                Some(Token::Word(word)) => match word.as_str() {
                    "EQ" => Compare::Eq,
                    "NE" => Compare::Ne,
                    "LT" => Compare::Lt,
                    "GT" => Compare::Gt,
                    "LE" => Compare::Le,
                    "GE" => Compare::Ge,
                    _ => return Err(self.unexpected()),
                },
                _ => return Err(self.unexpected()),
            };
            self.next += 1;
            Expr::Compare(field, op, self.literal()?)
        };
        Ok(if negated {
            Expr::Not(Box::new(expr))
        } else {
            expr
        })
    }
}

fn parse_expr(text: &str, fields: &[FieldDef]) -> Result<Expr, WhereError> {
    let tokens = tokenize(text)?;
    let end = text.chars().count();
    if tokens.len() > MAX_TOKENS {
        return Err(WhereError {
            message: "Invalid dynamic WHERE condition: the condition is too long.".to_string(),
            position: 0,
        });
    }
    if tokens.is_empty() {
        return Err(WhereError {
            message: "Invalid dynamic WHERE condition: the condition is empty.".to_string(),
            position: 0,
        });
    }
    let mut parser = Parser {
        tokens,
        next: 0,
        fields,
        end,
        depth: 0,
    };
    let expr = parser.or()?;
    if parser.next < parser.tokens.len() {
        return Err(parser.unexpected());
    }
    Ok(expr)
}

// ---------------------------------------------------------------- evaluation

/// Compares a cell with a literal: numerically when both are numbers,
/// otherwise as text with trailing blanks ignored (DATS/TIMS compare as text).
fn compare_literal(value: &Value, literal: &Literal) -> Option<std::cmp::Ordering> {
    match literal {
        Literal::Number(number, digits) => match value.as_f64() {
            Some(cell) if value.is_numeric() => cell.partial_cmp(number),
            _ => Some(value.to_text().trim_end().cmp(digits.as_str())),
        },
        Literal::Text(text) => {
            if value.is_numeric() {
                if let (Some(cell), Ok(number)) = (value.as_f64(), text.trim().parse::<f64>()) {
                    return cell.partial_cmp(&number);
                }
            }
            Some(value.to_text().trim_end().cmp(text.trim_end()))
        }
    }
}

/// SQL LIKE with `%` (any run) and `_` (one character).
fn like(text: &str, pattern: &str) -> bool {
    let text: Vec<char> = text.trim_end().chars().collect();
    let pattern: Vec<char> = pattern.chars().collect();
    let (mut t, mut p) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == '_' || pattern[p] == text[t]) {
            t += 1;
            p += 1;
        } else if p < pattern.len() && pattern[p] == '%' {
            star = Some((p, t));
            p += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == '%')
}

fn is_initial(value: &Value) -> bool {
    match value {
        Value::Char(s) => s.trim().is_empty(),
        Value::Numc(s) | Value::Date(s) | Value::Time(s) => s.chars().all(|c| c == '0' || c == ' '),
        Value::Int(i) => *i == 0,
        Value::Packed { units, .. } => *units == 0,
    }
}

impl Expr {
    fn eval(&self, row: &[Value]) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        let cell = |index: &usize| row.get(*index);
        match self {
            Expr::And(a, b) => a.eval(row) && b.eval(row),
            Expr::Or(a, b) => a.eval(row) || b.eval(row),
            Expr::Not(inner) => !inner.eval(row),
            Expr::Compare(index, op, literal) => {
                let Some(ordering) = cell(index).and_then(|v| compare_literal(v, literal)) else {
                    return false;
                };
                match op {
                    Compare::Eq => ordering == Equal,
                    Compare::Ne => ordering != Equal,
                    Compare::Lt => ordering == Less,
                    Compare::Gt => ordering == Greater,
                    Compare::Le => ordering != Greater,
                    Compare::Ge => ordering != Less,
                }
            }
            Expr::Like(index, pattern) => cell(index).is_some_and(|v| like(&v.to_text(), pattern)),
            Expr::Between(index, low, high) => cell(index).is_some_and(|v| {
                compare_literal(v, low).is_some_and(|o| o != Less)
                    && compare_literal(v, high).is_some_and(|o| o != Greater)
            }),
            Expr::In(index, values) => cell(index)
                .is_some_and(|v| values.iter().any(|l| compare_literal(v, l) == Some(Equal))),
            Expr::Initial(index) => cell(index).is_some_and(is_initial),
        }
    }
}
