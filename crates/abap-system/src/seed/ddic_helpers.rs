//! Small helpers to declare domains, data elements and tables consistently:
//! a table field takes its type from its data element's domain.

use super::add_object;
use crate::ddic::{DataElement, Domain, FieldDef, FixedValue, TableDef, TableKind, TableType};
use crate::repository::ObjectType;
use crate::system::System;

pub(crate) fn domain(
    system: &mut System,
    package: &str,
    name: &str,
    data_type: &str,
    length: u32,
    decimals: u32,
    description: &str,
) {
    system.domains.insert(
        name.to_string(),
        Domain {
            name: name.to_string(),
            description: description.to_string(),
            data_type: data_type.to_string(),
            length,
            decimals,
            conversion_exit: String::new(),
            value_table: String::new(),
            fixed_values: Vec::new(),
        },
    );
    add_object(system, ObjectType::Doma, name, package, description);
}

/// Single fixed values: (value, text).
pub(crate) fn fixed_values(system: &mut System, domain: &str, values: &[(&str, &str)]) {
    let ranges: Vec<(&str, &str, &str)> = values.iter().map(|(v, t)| (*v, "", *t)).collect();
    fixed_value_ranges(system, domain, &ranges);
}

/// Fixed values with optional upper bounds: (low, high, text).
pub(crate) fn fixed_value_ranges(system: &mut System, domain: &str, values: &[(&str, &str, &str)]) {
    if let Some(d) = system.domains.get_mut(domain) {
        d.fixed_values = values
            .iter()
            .map(|(low, high, text)| FixedValue {
                low: (*low).to_string(),
                high: (*high).to_string(),
                text: (*text).to_string(),
            })
            .collect();
    }
}

/// Conversion routine and value table of an existing domain (DD01L-CONVEXIT, -ENTITYTAB).
pub(crate) fn domain_checks(
    system: &mut System,
    domain: &str,
    conversion_exit: &str,
    value_table: &str,
) {
    if let Some(d) = system.domains.get_mut(domain) {
        d.conversion_exit = conversion_exit.to_string();
        d.value_table = value_table.to_string();
    }
}

/// A data element on an existing domain (unknown domains fall back to CHAR 10).
pub(crate) fn data_element(
    system: &mut System,
    package: &str,
    name: &str,
    domain: &str,
    description: &str,
    label: &str,
) {
    let (data_type, length, decimals) = system
        .domains
        .get(domain)
        .map(|d| (d.data_type.clone(), d.length, d.decimals))
        .unwrap_or_else(|| ("CHAR".to_string(), 10, 0));
    system.data_elements.insert(
        name.to_string(),
        DataElement {
            name: name.to_string(),
            description: description.to_string(),
            domain: domain.to_string(),
            data_type,
            length,
            decimals,
            label: label.to_string(),
        },
    );
    add_object(system, ObjectType::Dtel, name, package, description);
}

/// Domain and data element of the same name in one go.
pub(crate) fn elementary(
    system: &mut System,
    package: &str,
    name: &str,
    data_type: &str,
    length: u32,
    decimals: u32,
    description: &str,
) {
    domain(
        system,
        package,
        name,
        data_type,
        length,
        decimals,
        description,
    );
    data_element(system, package, name, name, description, description);
}

/// A field spec: (name, is key, data element).
pub(crate) type FieldSpec<'a> = (&'a str, bool, &'a str);

pub(crate) fn field_from_element(
    system: &System,
    name: &str,
    key: bool,
    element: &str,
) -> FieldDef {
    let element_def = system.data_elements.get(element);
    FieldDef {
        name: name.to_string(),
        key,
        ddic_type: element_def
            .map(|d| d.data_type.clone())
            .unwrap_or_else(|| "CHAR".to_string()),
        length: element_def.map(|d| d.length).unwrap_or(10),
        decimals: element_def.map(|d| d.decimals).unwrap_or(0),
        data_element: element.to_string(),
        description: element_def
            .map(|d| d.description.clone())
            .unwrap_or_default(),
    }
}

pub(crate) fn table(
    system: &mut System,
    package: &str,
    name: &str,
    kind: TableKind,
    delivery_class: &str,
    description: &str,
    fields: &[FieldSpec<'_>],
) {
    let fields = fields
        .iter()
        .map(|(field, key, element)| field_from_element(system, field, *key, element))
        .collect();
    system.tables.insert(
        name.to_string(),
        TableDef {
            name: name.to_string(),
            kind,
            description: description.to_string(),
            delivery_class: if kind == TableKind::Structure {
                String::new()
            } else {
                delivery_class.to_string()
            },
            fields,
        },
    );
    let object_type = if kind == TableKind::Structure {
        ObjectType::Stru
    } else {
        ObjectType::Tabl
    };
    add_object(system, object_type, name, package, description);
}

pub(crate) fn table_type(
    system: &mut System,
    package: &str,
    name: &str,
    row_type: &str,
    description: &str,
) {
    system.table_types.insert(
        name.to_string(),
        TableType {
            name: name.to_string(),
            description: description.to_string(),
            row_type: row_type.to_string(),
            access: "STANDARD".to_string(),
            key: "DEFAULT KEY".to_string(),
        },
    );
    add_object(system, ObjectType::Ttyp, name, package, description);
}
