//! The handler's viewer classes (`ZCL_ABGAGT_VIEWER_<TYPE>`) and the loop of
//! `ZCL_ABGAGT_COMMAND_VIEW`, as implemented: every viewer builds its own
//! DESCRIPTION and COMPONENTS, looks names up as sent (TADIR and the DDIC tables
//! hold upper case) and leaves the fields it does not know initial.

use abap_system::{ObjectType, RepoObject, System};
use serde_json::{json, Value};
use sha1::{Digest, Sha1};

use super::Section;

/// `ty_component` of the command class (no DECIMALS on the wire).
#[derive(Clone, Default)]
pub(super) struct Row {
    field: String,
    key: bool,
    ddic_type: String,
    length: i64,
    data_element: String,
    description: String,
}

/// A property row as the DDIC viewers append them: not a key, no data element.
fn property(field: &str, ddic_type: &str, length: i64, description: String) -> Row {
    Row {
        field: field.to_string(),
        ddic_type: ddic_type.to_string(),
        length,
        description,
        ..Row::default()
    }
}

/// `ty_view_object` of the command class.
#[derive(Clone, Default)]
pub(super) struct Info {
    name: String,
    object_type: String,
    type_text: String,
    description: String,
    devclass: String,
    domain: String,
    domain_type: String,
    domain_length: i64,
    domain_decimals: i64,
    source: String,
    definition: String,
    not_found: bool,
    sections: Vec<Section>,
    components: Vec<Row>,
}

impl Info {
    fn new(name: &str, object_type: &str, type_text: &str) -> Info {
        Info {
            name: name.to_string(),
            object_type: object_type.to_string(),
            type_text: type_text.to_string(),
            ..Info::default()
        }
    }

    pub(super) fn object_type(&self) -> &str {
        &self.object_type
    }

    pub(super) fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "type": self.object_type,
            "type_text": self.type_text,
            "description": self.description,
            "devclass": self.devclass,
            "domain": self.domain,
            "domain_type": self.domain_type,
            "domain_length": self.domain_length,
            "domain_decimals": self.domain_decimals,
            "source": self.source,
            "definition": self.definition,
            "not_found": self.not_found,
            "sections": self.sections.iter().map(|s| json!({
                "suffix": s.suffix,
                "description": s.description,
                "method_name": s.method_name,
                "file": s.file,
                "lines": s.lines,
            })).collect::<Vec<_>>(),
            "components": self.components.iter().map(|c| json!({
                "field": c.field,
                "key": c.key,
                "type": c.ddic_type,
                "length": c.length,
                "dataelement": c.data_element,
                "description": c.description,
            })).collect::<Vec<_>>(),
        })
    }
}

/// The execute loop: type as sent or detected, one viewer per object. A type
/// without a viewer class (CREATE OBJECT fails) sets NAME, TYPE and NOT_FOUND
/// only; the handler's `ls_info` is not cleared between objects, so the other
/// fields keep what the previous object left.
pub(super) fn view_all(
    system: &System,
    objects: &[String],
    type_sent: &str,
    fm: &str,
    full: bool,
) -> Vec<Info> {
    let mut viewed = Vec::with_capacity(objects.len());
    let mut info = Info::default();
    for object in objects {
        let object_type = if type_sent.is_empty() {
            detect_type(system, object)
        } else {
            type_sent.to_string()
        };
        let viewer_name = if fm.is_empty() {
            object.clone()
        } else {
            format!("{object}/{fm}")
        };
        match viewer(system, &object_type, &viewer_name, full) {
            Some(found) => info = found,
            None => {
                info.name = object.clone();
                info.object_type = object_type;
                info.not_found = true;
            }
        }
        viewed.push(info.clone());
    }
    viewed
}

/// `detect_object_type`: an existing source include's owner type, else TADIR
/// (upper-cased name) among the types the utility queries; "" when nothing matches.
fn detect_type(system: &System, name: &str) -> String {
    if let Some(include) = source_include(system, name) {
        return include.owner_type.code().to_string();
    }
    util_tadir(system, name)
        .map(|entry| entry.object_type.code().to_string())
        .unwrap_or_default()
}

/// `get_object_info_from_tadir`: the upper-cased name among CLAS, INTF, TABL, DTEL,
/// STRU, TTYP, DDLS, PROG, STOB, ENHO.
fn util_tadir<'a>(system: &'a System, name: &str) -> Option<&'a RepoObject> {
    let upper = name.to_ascii_uppercase();
    system
        .detect_view_type(&upper)
        .and_then(|t| system.object(t, &upper))
}

/// An include READ REPORT can read (names of 32 characters or more, exact case).
struct SourceInclude {
    /// CLAS or INTF, by the include's suffix (`detect_include_info`).
    owner_type: ObjectType,
    /// The class or interface: the first 30 characters without the `=` padding.
    owner: String,
    lines: Vec<String>,
}

/// `detect_include_info`: class sections (CU/CO/CP, CCDEF/CCIMP/CCAU, CMnnn) and the
/// interface section (IU) of objects in the system.
fn source_include(system: &System, name: &str) -> Option<SourceInclude> {
    if name.len() < 32 || name != name.to_ascii_uppercase() {
        return None;
    }
    let (owner, suffix) = abap_system::split_class_include(name)?;
    let owner_kind = match (name.len(), suffix.as_str()) {
        (32, "IU") => ObjectType::Intf,
        (32, "CU" | "CO" | "CP") | (34, "CCAU" | "CCDEF" | "CCIMP") => ObjectType::Clas,
        (35, cm) if cm.starts_with("CM") => ObjectType::Clas,
        _ => return None,
    };
    let lines = if owner_kind == ObjectType::Intf {
        lines_of(&system.source(ObjectType::Intf, &owner)?)
    } else {
        let class = system.class(&owner)?;
        class
            .sections()
            .into_iter()
            .find(|s| s.suffix == suffix)?
            .lines
    };
    Some(SourceInclude {
        owner_type: owner_kind,
        owner,
        lines,
    })
}

/// The factory's viewer for a type code; None when no viewer class exists.
fn viewer(system: &System, object_type: &str, name: &str, full: bool) -> Option<Info> {
    let info = match object_type.trim().to_ascii_uppercase().as_str() {
        "CLAS" => clas(system, name, full),
        "INTF" => intf(system, name, full),
        "PROG" => prog(system, name, full),
        "FUGR" => fugr(system, name, full),
        "TABL" => fields(system, name, "TABL", "Table"),
        "STRU" => fields(system, name, "STRU", "Structure"),
        "DDLS" => ddls(system, name, full),
        "DCLS" => dcls(system, name, full),
        "STOB" => stob(system, name, full),
        "ENHO" => enho(system, name, full),
        "DTEL" => dtel(system, name),
        "DOMA" => doma(system, name),
        "MSAG" => msag(system, name),
        "TTYP" => ttyp(system, name),
        _ => return None,
    };
    Some(info)
}

/// `SELECT SINGLE ... FROM tadir WHERE obj_name = name`: exact, TADIR holds upper case.
fn tadir<'a>(system: &'a System, object_type: ObjectType, name: &str) -> Option<&'a RepoObject> {
    system
        .object(object_type, name)
        .filter(|entry| entry.name == name)
}

/// TADIR object TABL covers tables and structures (the model keeps them apart).
fn tadir_tabl<'a>(system: &'a System, name: &str) -> Option<&'a RepoObject> {
    tadir(system, ObjectType::Tabl, name).or_else(|| tadir(system, ObjectType::Stru, name))
}

/// A name the DDIC and REPOSRC tables hold: only the upper-case spelling exists.
fn stored(name: &str) -> Option<&str> {
    (!name.is_empty() && name == name.to_ascii_uppercase()).then_some(name)
}

fn lines_of(source: &str) -> Vec<String> {
    source.lines().map(str::to_string).collect()
}

fn section(suffix: &str, description: &str, lines: Vec<String>) -> Section {
    Section {
        suffix: suffix.to_string(),
        description: description.to_string(),
        lines,
        ..Section::default()
    }
}

fn clas(system: &System, name: &str, full: bool) -> Info {
    let mut info = Info::new(name, "CLAS", "Class");
    // A readable include names its class (or interface); the utility's TADIR lookup
    // upper-cases the name.
    let include = source_include(system, name).map(|i| i.owner);
    match &include {
        Some(owner) => {
            info.devclass = util_tadir(system, owner)
                .map(|e| e.package.clone())
                .unwrap_or_default();
            info.description = if info.devclass.is_empty() {
                format!("Class {owner} (Source Include)")
            } else {
                format!("Class {owner} in {} (Source Include)", info.devclass)
            };
        }
        None => {
            info.devclass = util_tadir(system, name)
                .map(|e| e.package.clone())
                .unwrap_or_default();
            if info.devclass.is_empty() {
                info.not_found = true;
            } else {
                info.description = format!("Class {name} in {}", info.devclass);
            }
        }
    }
    let class_name = include.unwrap_or_else(|| name.to_string());
    let class = stored(&class_name).and_then(|n| system.class(n));
    if !full {
        info.source = class.map(|c| c.public_section()).unwrap_or_default();
        return info;
    }
    info.sections = match class {
        Some(class) => {
            let mut sections: Vec<Section> =
                class.sections().into_iter().map(Section::from).collect();
            inject_hooks(system, &class_name, &mut sections);
            sections
        }
        // READ REPORT fails for every include: the fixed sections stay, empty.
        None => [
            ("CU", "Public Section", ""),
            ("CO", "Protected Section", ""),
            ("CP", "Private Section", ""),
            ("CCDEF", "Local Definitions", "locals_def"),
            ("CCIMP", "Local Implementations", "locals_imp"),
            ("CCAU", "Unit Test", "testclasses"),
        ]
        .into_iter()
        .map(|(suffix, description, file)| Section {
            file: file.to_string(),
            ..section(suffix, description, Vec::new())
        })
        .collect(),
    };
    info
}

/// Source as the viewers assemble it: one section, or the lines joined with `\n`.
fn put_lines(info: &mut Info, full: bool, suffix: &str, description: &str, lines: Vec<String>) {
    if full {
        info.sections = vec![section(suffix, description, lines)];
    } else {
        info.source = lines.join("\n");
    }
}

fn intf(system: &System, name: &str, full: bool) -> Info {
    let mut info = Info::new(name, "INTF", "Interface");
    // DEVCLASS is never set by this viewer.
    if let Some(include) = source_include(system, name) {
        // The first 30 characters, padding included, are taken as the interface's
        // name: TADIR knows no such name, so the package stays unknown.
        let padded: String = name.chars().take(30).collect();
        info.description = format!("Interface {padded} (Source Include)");
        put_lines(&mut info, full, "IU", "Interface Section", include.lines);
        return info;
    }
    match tadir(system, ObjectType::Intf, name) {
        Some(entry) => info.description = format!("Interface {name} in {}", entry.package),
        None => info.not_found = true,
    }
    if let Some(source) = stored(name).and_then(|n| system.source(ObjectType::Intf, n)) {
        put_lines(
            &mut info,
            full,
            "IU",
            "Interface Section",
            lines_of(&source),
        );
    }
    info
}

fn prog(system: &System, name: &str, full: bool) -> Info {
    let mut info = Info::new(name, "PROG", "Program");
    info.description = format!("Program {name}");
    // READ REPORT reads programs and includes alike.
    let lines = stored(name)
        .and_then(|n| system.source(ObjectType::Prog, n))
        .map(|source| lines_of(&source))
        .or_else(|| source_include(system, name).map(|include| include.lines));
    match lines {
        Some(lines) => put_lines(&mut info, full, "PROG", "Program Source", lines),
        None => info.not_found = true,
    }
    info
}

fn fugr(system: &System, name: &str, full: bool) -> Info {
    let (group, module) = name.split_once('/').unwrap_or((name, ""));
    let mut info = Info::new(group, "FUGR", "Function Group");
    let Some(entry) = tadir(system, ObjectType::Fugr, group) else {
        info.not_found = true;
        return info;
    };
    info.devclass = entry.package.clone();
    info.description = format!("Function Group {group} in {}", entry.package);
    // TFDIR: includes LxxxU01, U02, ... in the order the modules were created.
    let modules: Vec<(String, String, String)> = system
        .function_modules(group)
        .into_iter()
        .enumerate()
        .map(|(index, (fm, source))| (fm, format!("L{group}U{:02}", index + 1), source))
        .collect();
    if full && !module.is_empty() {
        if let Some((fm, include, source)) = modules.iter().find(|(fm, _, _)| fm == module) {
            info.sections = vec![Section {
                method_name: fm.clone(),
                ..section(include, &format!("Function Module {fm}"), lines_of(source))
            }];
        }
        return info;
    }
    let mut sorted: Vec<&(String, String, String)> = modules.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    for (fm, include, _) in sorted {
        let attributes = system.function_attributes(fm);
        let rfc = match attributes.mode.as_str() {
            "R" => " [RFC]",
            "S" => " [RFC-Start]",
            _ => "",
        };
        let mut description = format!("{fm}{rfc}: {}", attributes.short_text);
        if full {
            description.push_str(&format!("  ->  {include}"));
        }
        info.components.push(property(fm, "CHAR", 30, description));
    }
    info.components.push(property(
        "COUNT",
        "INT4",
        4,
        format!("Function modules: {}", modules.len()),
    ));
    info
}

/// TABL and STRU: TADIR object TABL, fields from DD03L, texts from DD04T.
fn fields(system: &System, name: &str, code: &str, type_text: &str) -> Info {
    let mut info = Info::new(name, code, type_text);
    match tadir_tabl(system, name) {
        Some(entry) => info.description = format!("{type_text} {name} in {}", entry.package),
        None => info.not_found = true,
    }
    if let Some(table) = stored(name).and_then(|n| system.table(n)) {
        info.components = table
            .fields
            .iter()
            .map(|field| Row {
                field: field.name.clone(),
                key: field.key,
                ddic_type: field.ddic_type.clone(),
                length: i64::from(field.length),
                data_element: field.data_element.clone(),
                description: stored(&field.data_element)
                    .and_then(|e| system.data_element(e))
                    .map(|e| e.description.clone())
                    .unwrap_or_default(),
            })
            .collect();
    }
    info
}

fn ddls(system: &System, name: &str, full: bool) -> Info {
    let mut info = Info::new(name, "DDLS", "CDS View");
    let Some(entry) = tadir(system, ObjectType::Ddls, name) else {
        info.not_found = true;
        return info;
    };
    info.description = format!("CDS View {name} in {}", entry.package);
    match system.cds_view(name).filter(|v| !v.source.is_empty()) {
        Some(view) if full => {
            info.sections = vec![section(
                "DDLS",
                "CDS View Source",
                split_lines(&view.source),
            )]
        }
        Some(view) => info.source = view.source.clone(),
        None => info.not_found = true,
    }
    info
}

/// `SPLIT source AT newline INTO TABLE`: no empty line for a trailing newline.
fn split_lines(source: &str) -> Vec<String> {
    let mut lines: Vec<String> = source.split('\n').map(str::to_string).collect();
    if lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

fn dcls(system: &System, name: &str, full: bool) -> Info {
    let mut info = Info::new(name, "DCLS", "Access Control");
    let Some(entry) = tadir(system, ObjectType::Dcls, name) else {
        info.not_found = true;
        return info;
    };
    info.devclass = entry.package.clone();
    info.description = format!("Access Control {name} in {}", entry.package);
    info.source = system.source(ObjectType::Dcls, name).unwrap_or_default();
    if full && !info.source.is_empty() {
        info.sections = vec![Section {
            file: format!("{name}.dcls.asdcls"),
            ..section("asdcls", "Access Control Source", split_lines(&info.source))
        }];
    }
    info
}

fn stob(system: &System, name: &str, full: bool) -> Info {
    let mut info = Info::new(name, "STOB", "Structured Object");
    let upper = name.to_ascii_uppercase();
    let devclass = tadir(system, ObjectType::Stob, &upper)
        .map(|e| e.package.clone())
        .unwrap_or_default();
    info.devclass = devclass.clone();
    let in_package = if devclass.is_empty() {
        String::new()
    } else {
        format!(" in {devclass}")
    };
    // DDDDLSRC02BT: the model's structured objects carry their CDS view's name.
    if system.cds_view(&upper).is_some() {
        let from_ddls = ddls(system, &upper, full);
        info.source = from_ddls.source;
        info.sections = from_ddls.sections;
        info.type_text = format!("Structured Object (from CDS View {upper})");
        info.description = format!("Structured Object {name}{in_package} (CDS View: {upper})");
        info.not_found = from_ddls.not_found;
    } else if !devclass.is_empty() {
        info.description = format!("Structured Object {name}{in_package} (no DDLS mapping found)");
        info.source = "* No corresponding CDS view (DDLS) found for this STOB object".to_string();
    } else {
        info.description = format!("Object {name} not found in TADIR");
        info.not_found = true;
    }
    info
}

fn enho(system: &System, name: &str, full: bool) -> Info {
    let mut info = Info::new(name, "ENHO", "Enhancement");
    let Some(entry) = tadir(system, ObjectType::Enho, name) else {
        info.not_found = true;
        return info;
    };
    info.devclass = entry.package.clone();
    let Some(hook) = system.hook_implementation(name) else {
        // Not a hook implementation: the viewer's fallback text.
        info.description = format!("Enhancement {name} in {}", entry.package);
        return info;
    };
    info.description = format!(
        "Enhancement {name} in {} ({} {})",
        entry.package, hook.original_type, hook.original_name
    );
    if full {
        let full_name = hook.full_name();
        // The suffix is the first 8 hex digits of SHA1(full_name).
        let digest = Sha1::digest(full_name.as_bytes());
        let suffix: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
        info.sections = vec![Section {
            method_name: format!("{}@{}", hook.method, hook.spot),
            ..section(&suffix, &full_name, hook_lines(system, name))
        }];
    }
    info
}

fn hook_lines(system: &System, enhancement: &str) -> Vec<String> {
    lines_of(
        &system
            .source(ObjectType::Enho, enhancement)
            .unwrap_or_default(),
    )
}

/// `inject_enho_hooks`: each active hook's lines between markers in its method's
/// section, after the METHOD line (BEGIN) or before ENDMETHOD (END).
fn inject_hooks(system: &System, class: &str, sections: &mut [Section]) {
    for (enhancement, hook) in system.hook_implementations() {
        if hook.original_name != class {
            continue;
        }
        for section in sections
            .iter_mut()
            .filter(|s| s.method_name.eq_ignore_ascii_case(&hook.method))
        {
            let mut inject = vec![format!("*\"* ENHO: {enhancement} ({})", hook.spot)];
            inject.extend(hook_lines(system, enhancement));
            inject.push("*\"* ENHO END".to_string());
            let at = if hook.spot == "BEGIN" {
                1
            } else {
                section.lines.len().saturating_sub(1)
            }
            .min(section.lines.len());
            section.lines.splice(at..at, inject);
        }
    }
}

fn dtel(system: &System, name: &str) -> Info {
    let mut info = Info::new(name, "DTEL", "Data Element");
    // DEVCLASS is never set; the package only shows in the first description.
    match tadir(system, ObjectType::Dtel, name) {
        Some(entry) => info.description = format!("Data Element {name} in {}", entry.package),
        None => info.not_found = true,
    }
    // DD04V overwrites NAME and DESCRIPTION when it has the element.
    if let Some(element) = stored(name).and_then(|n| system.data_element(n)) {
        info.name = element.name.clone();
        info.description = element.description.clone();
        info.domain = element.domain.clone();
        info.domain_type = element.data_type.clone();
        info.domain_length = i64::from(element.length);
        info.domain_decimals = i64::from(element.decimals);
    }
    if !info.domain.is_empty() {
        info.components.push(Row {
            data_element: info.domain.clone(),
            ..property(
                "DOMAIN",
                &info.domain_type,
                info.domain_length,
                format!("Domain: {}", info.domain),
            )
        });
    }
    info.components.push(property(
        "DATA_TYPE",
        "CHAR",
        10,
        format!("ABAP Type: {}", info.domain_type),
    ));
    // domain_length is an int4 here: no leading zeros.
    if info.domain_length > 0 {
        let text = format!("Length: {}", info.domain_length);
        info.components.push(property("LENGTH", "NUMC", 5, text));
    }
    if info.domain_decimals > 0 {
        let text = format!("Decimals: {}", info.domain_decimals);
        info.components.push(property("DECIMALS", "NUMC", 2, text));
    }
    info
}

/// `lv_range` is typed like DD07L-DOMVALUE_L (CHAR 10): an interval is cut to 10 characters.
fn value_range(low: &str, high: &str) -> String {
    let range = if high.is_empty() {
        low.to_string()
    } else {
        format!("{low} - {high}")
    };
    range
        .chars()
        .take(10)
        .collect::<String>()
        .trim_end()
        .to_string()
}

fn doma(system: &System, name: &str) -> Info {
    let mut info = Info::new(name, "DOMA", "Domain");
    let Some(entry) = tadir(system, ObjectType::Doma, name) else {
        info.not_found = true;
        return info;
    };
    let domain = system.domain(name);
    let text = domain.map(|d| d.description.clone()).unwrap_or_default();
    info.description = if text.is_empty() {
        format!("Domain {name}")
    } else {
        text
    };
    info.devclass = entry.package.clone();
    let Some(domain) = domain else {
        info.components
            .push(property("DATA_TYPE", "CHAR", 10, "Type: ".into()));
        return info;
    };
    info.domain_type = domain.data_type.clone();
    info.domain_length = i64::from(domain.length);
    info.domain_decimals = i64::from(domain.decimals);
    let mut rows = vec![property(
        "DATA_TYPE",
        "CHAR",
        10,
        format!("Type: {}", domain.data_type),
    )];
    // DD01L-LENG and -DECIMALS are NUMC 6: the template keeps the leading zeros.
    if domain.length > 0 {
        rows.push(property(
            "LENGTH",
            "NUMC",
            5,
            format!("Length: {:06}", domain.length),
        ));
    }
    if domain.decimals > 0 {
        let text = format!("Decimals: {:06}", domain.decimals);
        rows.push(property("DECIMALS", "NUMC", 2, text));
    }
    if !domain.conversion_exit.is_empty() {
        let text = format!("Conversion Exit: {}", domain.conversion_exit);
        rows.push(property("CONV_EXIT", "CHAR", 5, text));
    }
    if !domain.value_table.is_empty() {
        let text = format!("Value Table: {}", domain.value_table);
        rows.push(property("VALUE_TABLE", "CHAR", 30, text));
    }
    for (index, value) in domain.fixed_values.iter().enumerate() {
        rows.push(property(
            &format!("VALUE_{:04}", index + 1),
            "CHAR",
            30,
            format!("{}: {}", value_range(&value.low, &value.high), value.text),
        ));
    }
    info.components = rows;
    info
}

fn msag(system: &System, name: &str) -> Info {
    let mut info = Info::new(name, "MSAG", "Message Class");
    let Some(entry) = tadir(system, ObjectType::Msag, name) else {
        info.not_found = true;
        return info;
    };
    info.devclass = entry.package.clone();
    // T100A-STEXT is the message class's short text (the TADIR entry's text here).
    info.description = if entry.description.is_empty() {
        format!("Message Class {name}")
    } else {
        entry.description.clone()
    };
    let mut messages: Vec<(String, String)> =
        system.message_class(name).unwrap_or_default().to_vec();
    messages.sort_by(|a, b| a.0.cmp(&b.0));
    for (number, text) in &messages {
        info.components
            .push(property(number, "CHAR", 73, format!("{number}: {text}")));
    }
    info.components.push(property(
        "COUNT",
        "INT4",
        4,
        format!("Total messages: {}", messages.len()),
    ));
    info
}

fn ttyp(system: &System, name: &str) -> Info {
    let mut info = Info::new(name, "TTYP", "Table Type");
    // DEVCLASS is never set and DEFINITION stays empty.
    match tadir(system, ObjectType::Ttyp, name) {
        Some(entry) => info.description = format!("Table Type {name} in {}", entry.package),
        None => info.not_found = true,
    }
    let Some(table_type) = stored(name).and_then(|n| system.table_type(n)) else {
        return info;
    };
    if !table_type.row_type.is_empty() {
        let text = format!("Line Type: {}", table_type.row_type);
        info.components
            .push(property("LINE_TYPE", "CHAR", 30, text));
    }
    let access = match table_type.access_mode_code() {
        "T" => "STANDARD",
        "S" => "SORTED",
        "H" => "HASHED",
        other => other,
    };
    let text = format!("Access Mode: {access}");
    info.components
        .push(property("ACCESS_MODE", "CHAR", 10, text));
    let key = match table_type.key_definition_code() {
        "D" => "WITH KEY",
        "N" => "NO KEY",
        other => other,
    };
    let text = format!("Key Definition: {key}");
    info.components
        .push(property("KEY_DEFINITION", "CHAR", 10, text));
    info
}
