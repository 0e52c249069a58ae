//! Writing one customizing table entry with the server's checks.

use crate::data::Value;
use crate::ddic::TableKind;
use crate::error::SystemError;
use crate::maintenance::{CustomizeOutcome, CustomizeRequest};
use crate::repository::ObjectType;
use crate::system::System;
use crate::transports::{TransportKind, TransportStatus};

pub(crate) fn write_entry(
    system: &mut System,
    request: &CustomizeRequest,
) -> Result<CustomizeOutcome, SystemError> {
    let name = request.table_name.trim().to_ascii_uppercase();
    let table = system
        .table(&name)
        .filter(|t| t.kind == TableKind::Transparent)
        .ok_or_else(|| SystemError::TableNotFound(name.clone()))?
        .clone();
    if table.delivery_class != "C" && table.delivery_class != "E" {
        return Err(SystemError::DeliveryClassNotAllowed {
            table: name,
            delivery_class: table.delivery_class,
        });
    }
    let mut given: Vec<Option<Value>> = vec![None; table.fields.len()];
    for pair in &request.field_values {
        let index = table
            .field_index(&pair.field)
            .ok_or_else(|| SystemError::UnknownField {
                table: name.clone(),
                field: pair.field.trim().to_ascii_uppercase(),
            })?;
        let field = &table.fields[index];
        let value =
            Value::parse_for(field, &pair.value).map_err(|_| SystemError::InvalidFieldValue {
                field: field.name.clone(),
                value: pair.value.clone(),
                type_kind: field.type_kind(),
            })?;
        given[index] = Some(value);
    }
    for (index, field) in table.fields.iter().enumerate() {
        if field.ddic_type == "CLNT" && given[index].is_none() {
            given[index] = Some(Value::Char(system.client().to_string()));
        }
        if field.key && given[index].is_none() {
            return Err(SystemError::MissingKeyField {
                table: name,
                field: field.name.clone(),
            });
        }
    }
    let package = system
        .object(ObjectType::Tabl, &name)
        .map(|o| o.package.clone())
        .unwrap_or_default();
    let transport = resolve_transport(system, &name, &package, request)?;
    let rows = system.table_rows.entry(name.clone()).or_default();
    let key_indexes: Vec<usize> = (0..table.fields.len())
        .filter(|i| table.fields[*i].key)
        .collect();
    let existing = rows.iter().position(|row| {
        key_indexes
            .iter()
            .all(|i| row.get(*i) == given[*i].as_ref())
    });
    let inserted = existing.is_none();
    match existing {
        Some(position) => {
            for (index, value) in given.into_iter().enumerate() {
                if let Some(value) = value {
                    if let Some(cell) = rows[position].get_mut(index) {
                        *cell = value;
                    }
                }
            }
        }
        None => rows.push(
            given
                .into_iter()
                .zip(&table.fields)
                .map(|(value, field)| value.unwrap_or_else(|| Value::initial_for(field)))
                .collect(),
        ),
    }
    if !transport.is_empty() {
        system.record_in_transport(&transport, "TABU", &name);
    }
    Ok(CustomizeOutcome {
        table_name: name,
        action: "MODIFIED".to_string(),
        transport,
        delivery_class: table.delivery_class,
        inserted,
    })
}

/// The transport the entry goes into: required for transportable packages
/// unless `no_transport`; must be a modifiable customizing request.
fn resolve_transport(
    system: &System,
    table: &str,
    package: &str,
    request: &CustomizeRequest,
) -> Result<String, SystemError> {
    let given = request
        .transport
        .as_deref()
        .map(|t| t.trim().to_ascii_uppercase())
        .filter(|t| !t.is_empty());
    if request.no_transport {
        return Ok(String::new());
    }
    match given {
        None if system.transport_required(package) => {
            Err(SystemError::TransportRequired(table.to_string()))
        }
        None => Ok(String::new()),
        Some(number) => {
            let transport = system
                .transport(&number)
                .ok_or_else(|| SystemError::TransportNotFound(number.clone()))?;
            if transport.kind != TransportKind::Customizing
                || transport.status != TransportStatus::Modifiable
            {
                return Err(SystemError::TransportWrongKind {
                    number,
                    expected: "customizing".to_string(),
                });
            }
            Ok(number)
        }
    }
}
