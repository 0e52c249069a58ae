//! Checks of CDS DDL sources (DDLS): the define statement, balanced braces
//! and parentheses, the select clause and annotation syntax.

use super::syntax::{Severity, SourcePart, SyntaxMessage};

fn message(
    line: usize,
    column: usize,
    severity: Severity,
    text: String,
    word: &str,
) -> SyntaxMessage {
    SyntaxMessage {
        part: SourcePart::Main,
        line,
        column,
        severity,
        text,
        word: word.to_string(),
        method_name: String::new(),
    }
}

/// Strips `//` and `/* */` comments and string literals, keeping positions.
fn code_lines(source: &str) -> Vec<Vec<char>> {
    let mut in_block_comment = false;
    source
        .lines()
        .map(|line| {
            let chars: Vec<char> = line.chars().collect();
            let mut out = Vec::with_capacity(chars.len());
            let mut i = 0;
            let mut in_string = false;
            while i < chars.len() {
                let c = chars[i];
                let next = chars.get(i + 1).copied();
                if in_block_comment {
                    if c == '*' && next == Some('/') {
                        in_block_comment = false;
                        out.extend([' ', ' ']);
                        i += 2;
                        continue;
                    }
                    out.push(' ');
                } else if in_string {
                    if c == '\'' {
                        in_string = false;
                    }
                    out.push(if c == '\'' { c } else { ' ' });
                } else if c == '/' && next == Some('/') {
                    break;
                } else if c == '/' && next == Some('*') {
                    in_block_comment = true;
                    out.extend([' ', ' ']);
                    i += 2;
                    continue;
                } else {
                    if c == '\'' {
                        in_string = true;
                    }
                    out.push(c);
                }
                i += 1;
            }
            out
        })
        .collect()
}

pub(crate) fn check(source: &str) -> Vec<SyntaxMessage> {
    let lines = code_lines(source);
    let mut messages = Vec::new();
    let lower: Vec<String> = lines
        .iter()
        .map(|l| l.iter().collect::<String>().to_lowercase())
        .collect();
    let define_line = lower.iter().position(|l| {
        let words: Vec<&str> = l.split_whitespace().collect();
        words.first() == Some(&"define")
    });
    let Some(define_line) = define_line else {
        let last = lines.len().max(1);
        messages.push(message(
            last,
            1,
            Severity::Error,
            "The DDL source does not contain a DEFINE statement (DEFINE VIEW ENTITY, DEFINE TABLE FUNCTION, ...).".to_string(),
            "DEFINE",
        ));
        return messages;
    };
    for (index, line) in lower.iter().enumerate().take(define_line) {
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        let column = line.len() - trimmed.len() + 1;
        if !trimmed.starts_with('@') {
            let word = trimmed.split_whitespace().next().unwrap_or("");
            messages.push(message(
                index + 1,
                column,
                Severity::Error,
                format!(
                    "Unexpected word \"{word}\" before DEFINE; only annotations are allowed here."
                ),
                word,
            ));
        } else if !trimmed.contains(':') {
            messages.push(message(
                index + 1,
                column,
                Severity::Error,
                "Annotation value missing: \":\" expected after the annotation name.".to_string(),
                trimmed.split_whitespace().next().unwrap_or(""),
            ));
        }
    }
    let header = lower[define_line].split_whitespace().collect::<Vec<_>>();
    let is_view = header.get(1) == Some(&"view") || header.get(1) == Some(&"root");
    if is_view
        && !lower
            .iter()
            .skip(define_line)
            .any(|l| l.contains("select") && l.contains("from"))
        && !lower
            .iter()
            .skip(define_line)
            .any(|l| l.contains("projection on"))
    {
        messages.push(message(
            define_line + 1,
            1,
            Severity::Error,
            "\"AS SELECT FROM\" expected after the view name.".to_string(),
            "SELECT",
        ));
    }
    let has_authorization = lower
        .iter()
        .take(define_line)
        .any(|l| l.contains("@accesscontrol.authorizationcheck"));
    if is_view && !has_authorization {
        messages.push(message(
            define_line + 1,
            1,
            Severity::Warning,
            "No annotation @AccessControl.authorizationCheck: the default #CHECK applies but no access control exists.".to_string(),
            "DEFINE",
        ));
    }
    // Bracket balance with positions.
    let mut stack: Vec<(char, usize, usize)> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        for (col, c) in line.iter().enumerate() {
            match c {
                '{' | '(' | '[' => stack.push((*c, index + 1, col + 1)),
                '}' | ')' | ']' => {
                    let expected = match c {
                        '}' => '{',
                        ')' => '(',
                        _ => '[',
                    };
                    match stack.last() {
                        Some((open, _, _)) if *open == expected => {
                            stack.pop();
                        }
                        _ => messages.push(message(
                            index + 1,
                            col + 1,
                            Severity::Error,
                            format!("Unexpected \"{c}\": no matching \"{expected}\"."),
                            &c.to_string(),
                        )),
                    }
                }
                _ => {}
            }
        }
    }
    for (open, line, column) in stack {
        let close = match open {
            '{' => '}',
            '(' => ')',
            _ => ']',
        };
        messages.push(message(
            line,
            column,
            Severity::Error,
            format!("\"{open}\" is not closed: \"{close}\" expected."),
            &open.to_string(),
        ));
    }
    messages.sort_by_key(|m| (m.line, m.column));
    messages
}
