//! ABAP sources: global classes split into their includes, and the other
//! source-based objects (interfaces, programs, CDS, ...).

use crate::repository::method_index_suffix;
use serde::Serialize;

/// The four files abapGit stores for a global class.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClassSource {
    /// `name.clas.abap`: definition (public/protected/private sections) and implementation.
    pub main: String,
    /// `name.clas.locals_def.abap` (CCDEF).
    pub locals_def: String,
    /// `name.clas.locals_imp.abap` (CCIMP).
    pub locals_imp: String,
    /// `name.clas.testclasses.abap` (CCAU).
    pub testclasses: String,
}

/// One include of a class as `/view` with `full` returns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassSection {
    /// CU, CO, CP, CMnnn, CCDEF, CCIMP, CCAU.
    pub suffix: String,
    /// "Public Section", "Class Method", "Local Definitions", ...
    pub description: String,
    /// Upper-case method name for CM sections, empty otherwise.
    pub method_name: String,
    /// `locals_def`, `locals_imp`, `testclasses` for the separate git files, empty otherwise.
    pub file: String,
    pub lines: Vec<String>,
    /// 1-based line in the git file this section starts at (main file for CU..CM).
    pub start_line: usize,
}

/// A method implementation found in the main source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MethodSource {
    /// Upper-case method name (`CONSTRUCTOR`, `ZIF_X~RUN`).
    pub name: String,
    /// The CMnnn suffix (1-based base-36 index in order of implementation).
    pub suffix: String,
    /// 1-based line of `METHOD x.` in the main source.
    pub start_line: usize,
    pub lines: Vec<String>,
}

/// Which statement keyword opens a line, upper-cased, ignoring comments.
fn leading_words(line: &str) -> Vec<String> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('*') || trimmed.starts_with('"') {
        return Vec::new();
    }
    trimmed
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',' || c == ':')
        .filter(|w| !w.is_empty())
        .take(4)
        .map(|w| w.to_ascii_uppercase())
        .collect()
}

fn starts_with_words(line: &str, words: &[&str]) -> bool {
    let found = leading_words(line);
    found.len() >= words.len() && found.iter().zip(words).all(|(a, b)| a == b)
}

/// Line indexes (0-based) of the structural statements of a class pool's main file.
#[derive(Debug, Default)]
struct MainLayout {
    protected: Option<usize>,
    private: Option<usize>,
    definition_end: Option<usize>,
    methods: Vec<(String, usize, usize)>,
}

fn layout(lines: &[&str]) -> MainLayout {
    let mut result = MainLayout::default();
    let mut in_definition = false;
    let mut seen_definition = false;
    let mut open_method: Option<(String, usize)> = None;
    for (index, line) in lines.iter().enumerate() {
        let words = leading_words(line);
        let first = words.first().map(String::as_str).unwrap_or("");
        if first == "CLASS"
            && words.get(2).map(String::as_str) == Some("DEFINITION")
            && !seen_definition
        {
            in_definition = true;
            seen_definition = true;
        } else if in_definition {
            if starts_with_words(line, &["PROTECTED", "SECTION"]) {
                result.protected = Some(index);
            } else if starts_with_words(line, &["PRIVATE", "SECTION"]) {
                result.private = Some(index);
            } else if first == "ENDCLASS" {
                result.definition_end = Some(index);
                in_definition = false;
            }
        } else if first == "METHOD" {
            let name = words.get(1).cloned().unwrap_or_default();
            open_method = Some((name, index));
        } else if first == "ENDMETHOD" {
            if let Some((name, start)) = open_method.take() {
                result.methods.push((name, start, index));
            }
        }
    }
    result
}

fn owned(lines: &[&str]) -> Vec<String> {
    lines.iter().map(|l| (*l).to_string()).collect()
}

impl ClassSource {
    /// Method implementations in source order, with their CMnnn suffix.
    pub fn methods(&self) -> Vec<MethodSource> {
        let lines: Vec<&str> = self.main.lines().collect();
        layout(&lines)
            .methods
            .into_iter()
            .enumerate()
            .map(|(i, (name, start, end))| MethodSource {
                name,
                suffix: method_index_suffix(i + 1),
                start_line: start + 1,
                lines: owned(&lines[start..=end]),
            })
            .collect()
    }

    /// The public section (CU) as one `\n`-joined text: what `/view` shows without `full`.
    pub fn public_section(&self) -> String {
        self.sections()
            .into_iter()
            .find(|s| s.suffix == "CU")
            .map(|s| s.lines.join("\n"))
            .unwrap_or_default()
    }

    /// All includes in the order `/view` with `full` returns them.
    pub fn sections(&self) -> Vec<ClassSection> {
        let lines: Vec<&str> = self.main.lines().collect();
        let layout = layout(&lines);
        let definition_end = layout.definition_end.unwrap_or(lines.len());
        let public_end = layout
            .protected
            .or(layout.private)
            .unwrap_or(definition_end);
        let protected_end = layout.private.unwrap_or(definition_end);
        let section = |suffix: &str, description: &str, from: usize, to: usize| ClassSection {
            suffix: suffix.to_string(),
            description: description.to_string(),
            method_name: String::new(),
            file: String::new(),
            lines: owned(&lines[from.min(to)..to]),
            start_line: from + 1,
        };
        let mut sections = vec![section(
            "CU",
            "Public Section",
            0,
            public_end.min(lines.len()),
        )];
        match layout.protected {
            Some(start) => sections.push(section("CO", "Protected Section", start, protected_end)),
            None => sections.push(section("CO", "Protected Section", public_end, public_end)),
        }
        match layout.private {
            Some(start) => sections.push(section("CP", "Private Section", start, definition_end)),
            None => sections.push(section(
                "CP",
                "Private Section",
                definition_end,
                definition_end,
            )),
        }
        for method in self.methods() {
            sections.push(ClassSection {
                suffix: method.suffix,
                description: "Class Method".to_string(),
                method_name: method.name,
                file: String::new(),
                lines: method.lines,
                start_line: method.start_line,
            });
        }
        for (suffix, description, file, text) in [
            ("CCDEF", "Local Definitions", "locals_def", &self.locals_def),
            (
                "CCIMP",
                "Local Implementations",
                "locals_imp",
                &self.locals_imp,
            ),
            ("CCAU", "Test Classes", "testclasses", &self.testclasses),
        ] {
            if !text.trim().is_empty() {
                sections.push(ClassSection {
                    suffix: suffix.to_string(),
                    description: description.to_string(),
                    method_name: String::new(),
                    file: file.to_string(),
                    lines: text.lines().map(str::to_string).collect(),
                    start_line: 1,
                });
            }
        }
        sections
    }

    /// The section a 1-based line of the main source belongs to (for where-used):
    /// returns (suffix, include type text, method name, line within the include).
    pub fn locate_main_line(&self, line: usize) -> (String, String, String, usize) {
        for section in self.sections().into_iter().filter(|s| s.file.is_empty()) {
            let end = section.start_line + section.lines.len();
            if line >= section.start_line && line < end {
                return (
                    section.suffix,
                    section.description,
                    section.method_name,
                    line - section.start_line + 1,
                );
            }
        }
        (
            "CI".to_string(),
            "Class Pool".to_string(),
            String::new(),
            line,
        )
    }

    /// Total number of source lines across the four files.
    pub fn line_count(&self) -> usize {
        self.main.lines().count()
            + self.locals_def.lines().count()
            + self.locals_imp.lines().count()
            + self.testclasses.lines().count()
    }
}

/// A CDS view entity: its DDL source and how its rows come from a base table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CdsView {
    pub name: String,
    pub source: String,
    /// The table or view it selects from.
    pub base: String,
    /// (alias, base field) pairs in projection order.
    pub projection: Vec<(String, String)>,
    /// Optional WHERE condition (OpenSQL syntax) applied to the base rows.
    pub filter: Option<String>,
}
