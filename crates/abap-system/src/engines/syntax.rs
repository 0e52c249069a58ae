//! A small ABAP syntax checker: statement keywords, block balance, missing
//! periods and undeclared `lv_`/`ls_`/`lt_` variables; plus a DDLS check.

use crate::source::ClassSource;
use serde::Serialize;

/// Which file of an object a message points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SourcePart {
    Main,
    LocalsDef,
    LocalsImp,
    Testclasses,
}

impl SourcePart {
    /// The as-implemented `INCLUDE` value: `main`, `locals_def`, `locals_imp`, `testclasses`.
    pub fn include_key(self) -> &'static str {
        match self {
            SourcePart::Main => "main",
            SourcePart::LocalsDef => "locals_def",
            SourcePart::LocalsImp => "locals_imp",
            SourcePart::Testclasses => "testclasses",
        }
    }

    /// The documented `include` label: "Main class", "Local definitions", ...
    pub fn label(self) -> &'static str {
        match self {
            SourcePart::Main => "Main class",
            SourcePart::LocalsDef => "Local definitions",
            SourcePart::LocalsImp => "Local implementation",
            SourcePart::Testclasses => "Test classes",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Severity {
    Error,
    Warning,
}

/// One finding of the checker. Lines and columns are 1-based and relative to `part`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyntaxMessage {
    pub part: SourcePart,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    /// SAP-style text, e.g. `The statement "FOO" is unexpected.`
    pub text: String,
    /// The offending word, upper case.
    pub word: String,
    /// Upper-case method the line is in, empty outside methods.
    pub method_name: String,
}

/// Checks a program (report or include). Returns every error found, in line order.
pub fn check_program(source: &str) -> Vec<SyntaxMessage> {
    check_parts(&[(SourcePart::Main, source)])
}

/// Checks an interface source.
pub fn check_interface(source: &str) -> Vec<SyntaxMessage> {
    check_parts(&[(SourcePart::Main, source)])
}

/// Checks the four files of a class. Returns all errors, main file first;
/// the real server reports only the first one (the HTTP layer decides).
/// Declarations are shared across the files (a parameter declared in the
/// definition is known in the method).
pub fn check_class(class: &ClassSource) -> Vec<SyntaxMessage> {
    check_parts(&[
        (SourcePart::Main, class.main.as_str()),
        (SourcePart::LocalsDef, class.locals_def.as_str()),
        (SourcePart::LocalsImp, class.locals_imp.as_str()),
        (SourcePart::Testclasses, class.testclasses.as_str()),
    ])
}

/// Checks a CDS DDL source: `define`, braces, `select from`, annotations.
pub fn check_ddls(source: &str) -> Vec<SyntaxMessage> {
    super::ddl_check::check(source)
}

fn check_parts(parts: &[(SourcePart, &str)]) -> Vec<SyntaxMessage> {
    let parsed: Vec<(SourcePart, Vec<Statement>)> = parts
        .iter()
        .map(|(part, text)| (*part, split_statements(text)))
        .collect();
    let declared = collect_declarations(parsed.iter().flat_map(|(_, s)| s.iter()));
    let mut messages = Vec::new();
    for (part, statements) in &parsed {
        messages.extend(check_statements(*part, statements, &declared));
    }
    messages
}

// ------------------------------------------------------------------ lexing

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Word,
    Literal,
    Colon,
    Comma,
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub(crate) kind: TokenKind,
    pub(crate) text: String,
    pub(crate) upper: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct Statement {
    pub(crate) tokens: Vec<Token>,
    /// Whether a period ended it.
    terminated: bool,
}

pub(crate) fn split_statements(source: &str) -> Vec<Statement> {
    let mut statements = Vec::new();
    let mut tokens: Vec<Token> = Vec::new();
    let mut word = String::new();
    let mut word_start = (0usize, 0usize);
    // An open literal: its quote, text so far, start position, template brace depth.
    let mut literal: Option<(char, String, (usize, usize), usize)> = None;
    let flush = |word: &mut String, tokens: &mut Vec<Token>, start: (usize, usize)| {
        if !word.is_empty() {
            tokens.push(Token {
                kind: TokenKind::Word,
                upper: word.to_uppercase(),
                text: std::mem::take(word),
                line: start.0,
                column: start.1,
            });
        }
    };
    for (line_index, line) in source.lines().enumerate() {
        let line_no = line_index + 1;
        if literal.is_none() && line.starts_with('*') {
            continue;
        }
        for (col_index, c) in line.chars().enumerate() {
            let column = col_index + 1;
            if let Some((quote, text, start, depth)) = literal.as_mut() {
                if *quote == '|' && c == '{' {
                    *depth += 1;
                } else if *quote == '|' && c == '}' && *depth > 0 {
                    *depth -= 1;
                } else if c == *quote && *depth == 0 {
                    let (quote, start) = (*quote, *start);
                    let text = std::mem::take(text);
                    literal = None;
                    push_literal(&mut tokens, quote, text, start);
                    continue;
                }
                text.push(c);
                continue;
            }
            match c {
                '"' => break,
                '\'' | '`' | '|' => {
                    flush(&mut word, &mut tokens, word_start);
                    literal = Some((c, String::new(), (line_no, column), 0));
                }
                '.' => {
                    flush(&mut word, &mut tokens, word_start);
                    statements.push(Statement {
                        tokens: std::mem::take(&mut tokens),
                        terminated: true,
                    });
                }
                ':' | ',' => {
                    flush(&mut word, &mut tokens, word_start);
                    tokens.push(Token {
                        kind: if c == ':' {
                            TokenKind::Colon
                        } else {
                            TokenKind::Comma
                        },
                        text: c.to_string(),
                        upper: c.to_string(),
                        line: line_no,
                        column,
                    });
                }
                c if c.is_whitespace() => flush(&mut word, &mut tokens, word_start),
                c => {
                    if word.is_empty() {
                        word_start = (line_no, column);
                    }
                    word.push(c);
                }
            }
        }
        // Literals do not span lines in ABAP: close them at the line end.
        if let Some((quote, text, start, _)) = literal.take() {
            push_literal(&mut tokens, quote, text, start);
        }
        flush(&mut word, &mut tokens, word_start);
    }
    if !tokens.is_empty() {
        statements.push(Statement {
            tokens,
            terminated: false,
        });
    }
    statements.retain(|s| !s.tokens.is_empty());
    statements
}

/// A literal token; for a string template also the words of its embedded expressions
/// (`|{ lv_x }|`), so that they are checked like any other operand.
fn push_literal(tokens: &mut Vec<Token>, quote: char, text: String, start: (usize, usize)) {
    let words = if quote == '|' {
        embedded_words(&text, start)
    } else {
        Vec::new()
    };
    tokens.push(Token {
        kind: TokenKind::Literal,
        upper: text.clone(),
        text,
        line: start.0,
        column: start.1,
    });
    tokens.extend(words);
}

/// Identifiers inside the `{ ... }` parts of a template's text (literals inside skipped).
/// `start` is the position of the opening `|`; template text never spans lines.
fn embedded_words(text: &str, start: (usize, usize)) -> Vec<Token> {
    let mut words = Vec::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut word = String::new();
    let mut word_column = 0;
    let mut escaped = false;
    let mut flush = |word: &mut String, column: usize| {
        if !word.is_empty() {
            words.push(Token {
                kind: TokenKind::Word,
                upper: word.to_uppercase(),
                text: std::mem::take(word),
                line: start.0,
                column,
            });
        }
    };
    for (index, c) in text.chars().enumerate() {
        let column = start.1 + 1 + index;
        if depth == 0 {
            // Template text: `\{` is an escaped brace.
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '{' {
                depth = 1;
            }
            continue;
        }
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '`' => {
                flush(&mut word, word_column);
                quote = Some(c);
            }
            '{' => depth += 1,
            '}' => {
                flush(&mut word, word_column);
                depth -= 1;
            }
            c if c.is_ascii_alphanumeric() || c == '_' => {
                if word.is_empty() {
                    word_column = column;
                }
                word.push(c);
            }
            _ => flush(&mut word, word_column),
        }
    }
    flush(&mut word, word_column);
    words
}

// ------------------------------------------------------------ declarations

const DECLARING: [&str; 12] = [
    "DATA",
    "CLASS-DATA",
    "CONSTANTS",
    "STATICS",
    "TYPES",
    "FIELD-SYMBOLS",
    "PARAMETERS",
    "PARAMETER",
    "SELECT-OPTIONS",
    "RANGES",
    "TABLES",
    "NODES",
];

/// The name inside `DATA(x)`, `@DATA(x)`, `FINAL(x)`, `VALUE(x)`, `FIELD-SYMBOL(<x>)`.
fn inline_declaration(upper: &str) -> Option<String> {
    let trimmed = upper.trim_start_matches('@');
    for prefix in ["DATA(", "FINAL(", "VALUE(", "REFERENCE(", "FIELD-SYMBOL("] {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            let name: String = rest.chars().take_while(|c| *c != ')').collect();
            return Some(name);
        }
    }
    None
}

fn clean_name(upper: &str) -> String {
    upper.trim_start_matches('!').to_string()
}

fn collect_declarations<'a>(statements: impl Iterator<Item = &'a Statement>) -> Vec<String> {
    let mut declared = Vec::new();
    for statement in statements {
        let tokens = &statement.tokens;
        let first = tokens.first().map(|t| t.upper.as_str()).unwrap_or("");
        let declaring = DECLARING.contains(&first);
        let mut expect_name = declaring;
        let in_form = first == "FORM";
        for (index, token) in tokens.iter().enumerate() {
            match token.kind {
                TokenKind::Colon | TokenKind::Comma => {
                    expect_name = declaring;
                    continue;
                }
                TokenKind::Literal => continue,
                TokenKind::Word => {}
            }
            if index > 0 && expect_name {
                declared.push(clean_name(&token.upper));
                expect_name = false;
            }
            // `DATA: BEGIN OF ls_x, ... END OF ls_x.` declares the structure name.
            let after_begin = index >= 2
                && tokens[index - 1].upper == "OF"
                && matches!(tokens[index - 2].upper.as_str(), "BEGIN" | "END");
            if declaring && after_begin {
                declared.push(clean_name(&token.upper));
            }
            if let Some(name) = inline_declaration(&token.upper) {
                declared.push(name);
            }
            let next = tokens.get(index + 1).map(|t| t.upper.as_str());
            if matches!(next, Some("TYPE") | Some("LIKE")) {
                declared.push(clean_name(&token.upper));
            }
            if in_form && index > 1 {
                declared.push(clean_name(&token.upper));
            }
        }
    }
    declared
}

/// The variable a token names, when it is a `lv_`/`ls_`/`lt_` name.
fn checked_variable(token: &Token) -> Option<String> {
    if token.kind != TokenKind::Word {
        return None;
    }
    let upper = token.upper.trim_start_matches(['@', '(', '!']);
    let base: String = upper
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let checked = ["LV_", "LS_", "LT_"].iter().any(|p| base.starts_with(p)) && base.len() > 3;
    // `lv_x(` would be a method call; `DATA(lv_x)` is a declaration.
    let rest = &upper[base.len()..];
    if !checked || rest.starts_with('(') || inline_declaration(&token.upper).is_some() {
        return None;
    }
    Some(base)
}

// --------------------------------------------------------------- statements

const KEYWORDS: &[&str] = &[
    "ADD",
    "ALIASES",
    "APPEND",
    "ASSERT",
    "ASSIGN",
    "AT",
    "AUTHORITY-CHECK",
    "BACK",
    "BREAK-POINT",
    "CALL",
    "CASE",
    "CATCH",
    "CHECK",
    "CLASS",
    "CLASS-DATA",
    "CLASS-EVENTS",
    "CLASS-METHODS",
    "CLASS-POOL",
    "CLEANUP",
    "CLEAR",
    "CLOSE",
    "COLLECT",
    "COMMIT",
    "COMPUTE",
    "CONCATENATE",
    "CONDENSE",
    "CONSTANTS",
    "CONTINUE",
    "CONTROLS",
    "CONVERT",
    "CREATE",
    "DATA",
    "DEFINE",
    "DELETE",
    "DESCRIBE",
    "DIVIDE",
    "DO",
    "ELSE",
    "ELSEIF",
    "END-OF-DEFINITION",
    "END-OF-PAGE",
    "END-OF-SELECTION",
    "END-TEST-INJECTION",
    "END-TEST-SEAM",
    "ENDAT",
    "ENDCASE",
    "ENDCATCH",
    "ENDCLASS",
    "ENDDO",
    "ENDENHANCEMENT",
    "ENDEXEC",
    "ENDFORM",
    "ENDFUNCTION",
    "ENDIF",
    "ENDINTERFACE",
    "ENDLOOP",
    "ENDMETHOD",
    "ENDMODULE",
    "ENDON",
    "ENDPROVIDE",
    "ENDSELECT",
    "ENDTRY",
    "ENDWHILE",
    "ENDWITH",
    "ENHANCEMENT",
    "ENHANCEMENT-POINT",
    "ENHANCEMENT-SECTION",
    "END-ENHANCEMENT-SECTION",
    "EVENTS",
    "EXEC",
    "EXIT",
    "EXPORT",
    "EXTRACT",
    "FETCH",
    "FIELD-GROUPS",
    "FIELD-SYMBOLS",
    "FIND",
    "FORM",
    "FORMAT",
    "FREE",
    "FUNCTION",
    "FUNCTION-POOL",
    "GENERATE",
    "GET",
    "HIDE",
    "IF",
    "IMPORT",
    "INCLUDE",
    "INITIALIZATION",
    "INSERT",
    "INTERFACE",
    "INTERFACE-POOL",
    "INTERFACES",
    "LEAVE",
    "LOAD-OF-PROGRAM",
    "LOG-POINT",
    "LOOP",
    "MESSAGE",
    "METHOD",
    "METHODS",
    "MODIFY",
    "MODULE",
    "MOVE",
    "MOVE-CORRESPONDING",
    "MULTIPLY",
    "NEW-LINE",
    "NEW-PAGE",
    "NODES",
    "ON",
    "OPEN",
    "OVERLAY",
    "PACK",
    "PARAMETER",
    "PARAMETERS",
    "PERFORM",
    "POSITION",
    "PRIVATE",
    "PROGRAM",
    "PROTECTED",
    "PROVIDE",
    "PUBLIC",
    "RAISE",
    "RANGES",
    "READ",
    "RECEIVE",
    "REFRESH",
    "REJECT",
    "REPLACE",
    "REPORT",
    "RESERVE",
    "RESUME",
    "RETRY",
    "RETURN",
    "ROLLBACK",
    "SCROLL",
    "SEARCH",
    "SELECT",
    "SELECT-OPTIONS",
    "SELECTION-SCREEN",
    "SET",
    "SHIFT",
    "SKIP",
    "SORT",
    "SPLIT",
    "START-OF-SELECTION",
    "STATICS",
    "STOP",
    "SUBMIT",
    "SUBTRACT",
    "SUM",
    "SUMMARY",
    "SUPPLY",
    "SUPPRESS",
    "TABLES",
    "TEST-INJECTION",
    "TEST-SEAM",
    "TOP-OF-PAGE",
    "TRANSFER",
    "TRANSLATE",
    "TRY",
    "TYPE-POOL",
    "TYPE-POOLS",
    "TYPES",
    "ULINE",
    "UNASSIGN",
    "UNPACK",
    "UPDATE",
    "WAIT",
    "WHEN",
    "WHILE",
    "WINDOW",
    "WITH",
    "WRITE",
];

const ASSIGNMENT_OPERATORS: [&str; 7] = ["=", "?=", "+=", "-=", "*=", "/=", "&&="];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    ClassDefinition,
    ClassImplementation,
    Interface,
    Method,
    Form,
    Function,
    Module,
    If,
    Case,
    Loop,
    Do,
    While,
    Try,
    Select,
    At,
    Enhancement,
    Provide,
    TestSeam,
    TestInjection,
}

impl Block {
    fn opener(self) -> &'static str {
        match self {
            Block::ClassDefinition | Block::ClassImplementation => "CLASS",
            Block::Interface => "INTERFACE",
            Block::Method => "METHOD",
            Block::Form => "FORM",
            Block::Function => "FUNCTION",
            Block::Module => "MODULE",
            Block::If => "IF",
            Block::Case => "CASE",
            Block::Loop => "LOOP",
            Block::Do => "DO",
            Block::While => "WHILE",
            Block::Try => "TRY",
            Block::Select => "SELECT",
            Block::At => "AT",
            Block::Enhancement => "ENHANCEMENT",
            Block::Provide => "PROVIDE",
            Block::TestSeam => "TEST-SEAM",
            Block::TestInjection => "TEST-INJECTION",
        }
    }

    fn closer(self) -> &'static str {
        match self {
            Block::ClassDefinition | Block::ClassImplementation => "ENDCLASS",
            Block::Interface => "ENDINTERFACE",
            Block::Method => "ENDMETHOD",
            Block::Form => "ENDFORM",
            Block::Function => "ENDFUNCTION",
            Block::Module => "ENDMODULE",
            Block::If => "ENDIF",
            Block::Case => "ENDCASE",
            Block::Loop => "ENDLOOP",
            Block::Do => "ENDDO",
            Block::While => "ENDWHILE",
            Block::Try => "ENDTRY",
            Block::Select => "ENDSELECT",
            Block::At => "ENDAT",
            Block::Enhancement => "ENDENHANCEMENT",
            Block::Provide => "ENDPROVIDE",
            Block::TestSeam => "END-TEST-SEAM",
            Block::TestInjection => "END-TEST-INJECTION",
        }
    }
}

fn opened_block(words: &[&str]) -> Option<Block> {
    let first = *words.first()?;
    let has = |w: &str| words.contains(&w);
    match first {
        "CLASS" if has("DEFERRED") || has("LOAD") || (has("LOCAL") && has("FRIENDS")) => None,
        "CLASS" if has("DEFINITION") => Some(Block::ClassDefinition),
        "CLASS" if has("IMPLEMENTATION") => Some(Block::ClassImplementation),
        "INTERFACE" if has("DEFERRED") || has("LOAD") => None,
        "INTERFACE" => Some(Block::Interface),
        "METHOD" => Some(Block::Method),
        "FORM" => Some(Block::Form),
        "FUNCTION" => Some(Block::Function),
        "MODULE" => Some(Block::Module),
        "IF" => Some(Block::If),
        "CASE" => Some(Block::Case),
        "LOOP" => Some(Block::Loop),
        "DO" => Some(Block::Do),
        "WHILE" => Some(Block::While),
        "TRY" => Some(Block::Try),
        "SELECT" => {
            let aggregate = words.iter().any(|w| {
                ["COUNT(", "SUM(", "MIN(", "MAX(", "AVG("]
                    .iter()
                    .any(|a| w.starts_with(a))
            });
            let single_row = has("SINGLE") || has("TABLE") || (aggregate && !has("GROUP"));
            (!single_row).then_some(Block::Select)
        }
        "AT" => match words.get(1).copied() {
            Some("FIRST") | Some("LAST") | Some("NEW") | Some("END") => Some(Block::At),
            _ => None,
        },
        "ENHANCEMENT" => Some(Block::Enhancement),
        "PROVIDE" => Some(Block::Provide),
        "TEST-SEAM" => Some(Block::TestSeam),
        "TEST-INJECTION" => Some(Block::TestInjection),
        _ => None,
    }
}

fn closed_block(word: &str) -> Option<&'static [Block]> {
    Some(match word {
        "ENDCLASS" => &[Block::ClassDefinition, Block::ClassImplementation],
        "ENDINTERFACE" => &[Block::Interface],
        "ENDMETHOD" => &[Block::Method],
        "ENDFORM" => &[Block::Form],
        "ENDFUNCTION" => &[Block::Function],
        "ENDMODULE" => &[Block::Module],
        "ENDIF" => &[Block::If],
        "ENDCASE" => &[Block::Case],
        "ENDLOOP" => &[Block::Loop],
        "ENDDO" => &[Block::Do],
        "ENDWHILE" => &[Block::While],
        "ENDTRY" => &[Block::Try],
        "ENDSELECT" => &[Block::Select],
        "ENDAT" => &[Block::At],
        "ENDENHANCEMENT" => &[Block::Enhancement],
        "ENDPROVIDE" => &[Block::Provide],
        "END-TEST-SEAM" => &[Block::TestSeam],
        "END-TEST-INJECTION" => &[Block::TestInjection],
        _ => return None,
    })
}

/// Statements that are only valid directly inside a given block.
fn required_parent(word: &str) -> Option<&'static [Block]> {
    Some(match word {
        "ELSE" | "ELSEIF" => &[Block::If],
        "WHEN" => &[Block::Case],
        "CATCH" | "CLEANUP" => &[Block::Try],
        "METHOD" => &[Block::ClassImplementation],
        "PUBLIC" | "PROTECTED" | "PRIVATE" => &[Block::ClassDefinition],
        _ => return None,
    })
}

struct Checker<'a> {
    part: SourcePart,
    declared: &'a [String],
    messages: Vec<SyntaxMessage>,
    stack: Vec<(Block, usize, usize)>,
    method: String,
    reported_variables: Vec<String>,
}

impl Checker<'_> {
    fn error(&mut self, token: &Token, text: String) {
        self.messages.push(SyntaxMessage {
            part: self.part,
            line: token.line,
            column: token.column,
            severity: Severity::Error,
            text,
            word: token.upper.clone(),
            method_name: self.method.clone(),
        });
    }

    fn statement(&mut self, statement: &Statement) {
        let Some(first) = statement.tokens.first() else {
            return;
        };
        let words: Vec<&str> = statement
            .tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.upper.as_str())
            .collect();
        if first.kind != TokenKind::Word {
            let shown = if first.kind == TokenKind::Literal {
                format!("'{}'", first.text)
            } else {
                first.text.clone()
            };
            self.error(first, format!("The statement \"{shown}\" is unexpected."));
            return;
        }
        let keyword = first.upper.as_str();
        let second = statement
            .tokens
            .get(1)
            .map(|t| t.upper.as_str())
            .unwrap_or("");
        let is_expression = ASSIGNMENT_OPERATORS.contains(&second)
            || matches!(keyword, "NEW" | "CAST")
            || keyword.contains('(')
            || keyword.contains("->")
            || keyword.contains("=>")
            || keyword.starts_with('<');
        if is_expression {
            self.variables(statement);
            return;
        }
        if !KEYWORDS.contains(&keyword) {
            self.error(first, format!("The statement \"{keyword}\" is unexpected."));
            return;
        }
        if let Some(parents) = required_parent(keyword) {
            let inside = self
                .stack
                .last()
                .is_some_and(|(b, _, _)| parents.contains(b));
            let is_section = matches!(keyword, "PUBLIC" | "PROTECTED" | "PRIVATE");
            // PUBLIC/PRIVATE outside a section header (e.g. class options) are fine.
            if !(inside || is_section && second != "SECTION") {
                self.error(first, format!("The statement \"{keyword}\" is unexpected."));
                return;
            }
        }
        if let Some(blocks) = closed_block(keyword) {
            self.close(first, keyword, blocks);
        } else if let Some(block) = opened_block(&words) {
            if block == Block::Method {
                self.method = words.get(1).map(|w| w.to_string()).unwrap_or_default();
            }
            self.stack.push((block, first.line, first.column));
        }
        self.variables(statement);
    }

    fn close(&mut self, token: &Token, keyword: &str, blocks: &[Block]) {
        match self.stack.last() {
            Some((top, _, _)) if blocks.contains(top) => {
                if *top == Block::Method {
                    self.method.clear();
                }
                self.stack.pop();
            }
            Some((top, _, _)) if self.stack.iter().any(|(b, _, _)| blocks.contains(b)) => {
                let expected = top.closer();
                self.error(
                    token,
                    format!("\"{expected}.\" expected, not \"{keyword}.\""),
                );
                while let Some((block, _, _)) = self.stack.pop() {
                    if blocks.contains(&block) {
                        break;
                    }
                }
                if !self.stack.iter().any(|(b, _, _)| *b == Block::Method) {
                    self.method.clear();
                }
            }
            _ => self.error(token, format!("The statement \"{keyword}\" is unexpected.")),
        }
    }

    fn variables(&mut self, statement: &Statement) {
        for token in &statement.tokens {
            if let Some(name) = checked_variable(token) {
                if !self.declared.contains(&name) && !self.reported_variables.contains(&name) {
                    self.reported_variables.push(name.clone());
                    self.error(
                        token,
                        format!("\"{name}\" is not defined. Check your spelling."),
                    );
                }
            }
        }
    }

    fn finish(&mut self, statements: &[Statement]) {
        if let Some(last) = statements.last().filter(|s| !s.terminated) {
            if let Some(token) = last.tokens.last() {
                let mut at = token.clone();
                at.column += token.text.chars().count();
                self.error(
                    &at,
                    "The last statement is not complete (period missing).".to_string(),
                );
            }
        }
        let open: Vec<(Block, usize, usize)> = self.stack.drain(..).collect();
        for (block, line, column) in open {
            self.messages.push(SyntaxMessage {
                part: self.part,
                line,
                column,
                severity: Severity::Error,
                text: format!(
                    "The \"{}\" statement is not closed with \"{}.\"",
                    block.opener(),
                    block.closer()
                ),
                word: block.opener().to_string(),
                method_name: String::new(),
            });
        }
    }
}

fn check_statements(
    part: SourcePart,
    statements: &[Statement],
    declared: &[String],
) -> Vec<SyntaxMessage> {
    let mut checker = Checker {
        part,
        declared,
        messages: Vec::new(),
        stack: Vec::new(),
        method: String::new(),
        reported_variables: Vec::new(),
    };
    // Macro bodies, native SQL and AMDP method bodies are not ABAP: skip them
    // up to the statement that ends them.
    let mut skip_until: Option<&str> = None;
    for statement in statements {
        let first = statement
            .tokens
            .first()
            .map(|t| t.upper.as_str())
            .unwrap_or("");
        if let Some(end) = skip_until {
            // The end keyword may follow an unterminated line of the skipped text.
            if statement.tokens.iter().any(|t| t.upper == end) {
                skip_until = None;
                if end == "ENDMETHOD" {
                    checker.statement(statement);
                }
            }
            continue;
        }
        match first {
            "DEFINE" => skip_until = Some("END-OF-DEFINITION"),
            "EXEC" => skip_until = Some("ENDEXEC"),
            "METHOD" if statement.tokens.iter().any(|t| t.upper == "DATABASE") => {
                checker.statement(statement);
                skip_until = Some("ENDMETHOD");
            }
            _ => checker.statement(statement),
        }
    }
    checker.finish(statements);
    checker.messages.sort_by_key(|m| (m.line, m.column));
    checker.messages
}
