//! Renders class specifications into abapGit-style class sources, so every
//! seeded class has the same realistic layout.

use crate::source::ClassSource;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Visibility {
    Public,
    Protected,
    Private,
}

/// One method: its declaration lines (after `METHODS`) and its body.
pub(crate) struct MethodSpec {
    pub name: String,
    pub visibility: Visibility,
    pub is_static: bool,
    /// Declaration text after the method name, e.g. `IMPORTING iv_x TYPE i RETURNING VALUE(rv_y) TYPE i`.
    pub signature: Vec<String>,
    pub body: Vec<String>,
}

pub(crate) fn method(
    name: &str,
    visibility: Visibility,
    signature: &[&str],
    body: &[&str],
) -> MethodSpec {
    MethodSpec {
        name: name.to_string(),
        visibility,
        is_static: false,
        signature: signature.iter().map(|s| (*s).to_string()).collect(),
        body: body.iter().map(|s| (*s).to_string()).collect(),
    }
}

/// An interface method implemented by the class (`METHOD zif_x~name.`).
pub(crate) fn interface_method(interface: &str, name: &str, body: &[&str]) -> MethodSpec {
    MethodSpec {
        name: format!("{}~{}", interface.to_ascii_lowercase(), name),
        visibility: Visibility::Public,
        is_static: false,
        signature: Vec::new(),
        body: body.iter().map(|s| (*s).to_string()).collect(),
    }
}

pub(crate) struct ClassSpec {
    pub name: String,
    pub superclass: Option<String>,
    pub is_final: bool,
    pub is_abstract: bool,
    pub interfaces: Vec<String>,
    /// Declarations per section (TYPES, CONSTANTS, DATA lines).
    pub public_decls: Vec<String>,
    pub protected_decls: Vec<String>,
    pub private_decls: Vec<String>,
    pub methods: Vec<MethodSpec>,
    pub locals_def: Vec<String>,
    pub locals_imp: Vec<String>,
    pub testclasses: Vec<String>,
}

impl ClassSpec {
    pub fn new(name: &str) -> ClassSpec {
        ClassSpec {
            name: name.to_ascii_lowercase(),
            superclass: None,
            is_final: true,
            is_abstract: false,
            interfaces: Vec::new(),
            public_decls: Vec::new(),
            protected_decls: Vec::new(),
            private_decls: Vec::new(),
            methods: Vec::new(),
            locals_def: Vec::new(),
            locals_imp: Vec::new(),
            testclasses: Vec::new(),
        }
    }

    pub fn render(&self) -> ClassSource {
        let mut out: Vec<String> = Vec::new();
        out.push(format!("CLASS {} DEFINITION", self.name));
        out.push("  PUBLIC".to_string());
        if let Some(superclass) = &self.superclass {
            out.push(format!(
                "  INHERITING FROM {}",
                superclass.to_ascii_lowercase()
            ));
        }
        if self.is_final {
            out.push("  FINAL".to_string());
        }
        if self.is_abstract {
            out.push("  ABSTRACT".to_string());
        }
        out.push("  CREATE PUBLIC .".to_string());
        out.push(String::new());
        out.push("  PUBLIC SECTION.".to_string());
        for interface in &self.interfaces {
            out.push(format!(
                "    INTERFACES {} .",
                interface.to_ascii_lowercase()
            ));
        }
        if !self.interfaces.is_empty() {
            out.push(String::new());
        }
        self.push_section(&mut out, Visibility::Public, &self.public_decls);
        out.push("  PROTECTED SECTION.".to_string());
        self.push_section(&mut out, Visibility::Protected, &self.protected_decls);
        out.push("  PRIVATE SECTION.".to_string());
        self.push_section(&mut out, Visibility::Private, &self.private_decls);
        out.push("ENDCLASS.".to_string());
        out.push(String::new());
        out.push(String::new());
        out.push(format!("CLASS {} IMPLEMENTATION.", self.name));
        for method in &self.methods {
            out.push(String::new());
            out.push(String::new());
            out.push(format!("  METHOD {}.", method.name.to_ascii_lowercase()));
            for line in &method.body {
                if line.is_empty() {
                    out.push(String::new());
                } else {
                    out.push(format!("    {line}"));
                }
            }
            out.push("  ENDMETHOD.".to_string());
        }
        out.push("ENDCLASS.".to_string());
        ClassSource {
            main: out.join("\n"),
            locals_def: self.locals_def.join("\n"),
            locals_imp: self.locals_imp.join("\n"),
            testclasses: self.testclasses.join("\n"),
        }
    }

    fn push_section(&self, out: &mut Vec<String>, visibility: Visibility, decls: &[String]) {
        for decl in decls {
            out.push(format!("    {decl}"));
        }
        if !decls.is_empty() {
            out.push(String::new());
        }
        for method in self
            .methods
            .iter()
            .filter(|m| m.visibility == visibility && !m.name.contains('~'))
        {
            let keyword = if method.is_static {
                "CLASS-METHODS"
            } else {
                "METHODS"
            };
            if method.signature.is_empty() {
                out.push(format!(
                    "    {keyword} {} .",
                    method.name.to_ascii_lowercase()
                ));
                continue;
            }
            out.push(format!(
                "    {keyword} {}",
                method.name.to_ascii_lowercase()
            ));
            let last = method.signature.len() - 1;
            for (i, line) in method.signature.iter().enumerate() {
                let end = if i == last { " ." } else { "" };
                out.push(format!("      {line}{end}"));
            }
        }
        if visibility != Visibility::Private {
            out.push(String::new());
        }
    }
}

/// Splits a `'\n'`-separated block literal into owned lines.
pub(crate) fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}
