//! The scanner behind where-used: finds whole-word, case-insensitive
//! occurrences of a name in code (not in comments or string literals).

use crate::repository::{class_include_name, ObjectType};
use crate::system::System;
use crate::where_used::WhereUsedRef;

/// Whether `line` uses `name` as a whole word outside comments and literals.
pub(crate) fn line_uses(line: &str, name: &str) -> bool {
    let trimmed = line.trim_start();
    if trimmed.starts_with('*') {
        return false;
    }
    let mut code = String::with_capacity(line.len());
    let mut in_literal: Option<char> = None;
    for c in line.chars() {
        match in_literal {
            Some(q) if c == q => in_literal = None,
            Some(_) => code.push(' '),
            None if c == '"' => break,
            None if c == '\'' || c == '`' || c == '|' => in_literal = Some(c),
            None => code.push(c.to_ascii_uppercase()),
        }
    }
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '/';
    let mut start = 0;
    while let Some(found) = code[start..].find(name) {
        let begin = start + found;
        let end = begin + name.len();
        let before_ok = code[..begin]
            .chars()
            .next_back()
            .is_none_or(|c| !is_word(c));
        let after_ok = code[end..].chars().next().is_none_or(|c| !is_word(c));
        if before_ok && after_ok {
            return true;
        }
        start = end;
    }
    false
}

pub(crate) fn scan(system: &System, name: &str) -> Vec<WhereUsedRef> {
    let mut refs = Vec::new();
    let package_of = |t: ObjectType, n: &str| {
        system
            .object(t, n)
            .map(|o| o.package.clone())
            .unwrap_or_default()
    };
    for (class_name, class) in &system.classes {
        if class_name == name {
            continue;
        }
        let package = package_of(ObjectType::Clas, class_name);
        for section in class.sections() {
            for (offset, line) in section.lines.iter().enumerate() {
                if line_uses(line, name) {
                    refs.push(WhereUsedRef {
                        object_type: ObjectType::Clas,
                        object_name: class_name.clone(),
                        include_name: class_include_name(class_name, &section.suffix),
                        method_name: section.method_name.clone(),
                        include_type: section.description.clone(),
                        line: offset + 1,
                        package: package.clone(),
                    });
                }
            }
        }
    }
    for ((object_type, program), source) in &system.sources {
        if *object_type != ObjectType::Prog || program == name {
            continue;
        }
        let package = package_of(ObjectType::Prog, program);
        for (offset, line) in source.lines().enumerate() {
            if line_uses(line, name) {
                refs.push(WhereUsedRef {
                    object_type: ObjectType::Prog,
                    object_name: program.clone(),
                    include_name: program.clone(),
                    method_name: String::new(),
                    include_type: "Program".to_string(),
                    line: offset + 1,
                    package: package.clone(),
                });
            }
        }
    }
    refs
}
