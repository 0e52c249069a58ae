//! Changing the system outside a pull: dropping an object (`/drop`) and
//! writing a customizing table entry (`/customize`).

use crate::error::SystemError;
use crate::repository::{ObjectType, RepoObject};
use crate::system::System;
use serde::Serialize;

/// One field value of a customizing entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldValue {
    pub field: String,
    pub value: String,
}

/// What `/customize` asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomizeRequest {
    pub table_name: String,
    pub field_values: Vec<FieldValue>,
    pub transport: Option<String>,
    pub no_transport: bool,
}

/// The result of writing a customizing entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomizeOutcome {
    pub table_name: String,
    /// Always `MODIFIED` (the server uses MODIFY).
    pub action: String,
    /// Transport the entry was recorded in, empty when none.
    pub transport: String,
    pub delivery_class: String,
    /// Whether a new key was inserted (the server still says MODIFIED).
    pub inserted: bool,
}

impl System {
    /// Deletes one object and its TADIR entry. DTEL is refused; the object must exist.
    pub fn drop_object(
        &mut self,
        object_type: ObjectType,
        name: &str,
    ) -> Result<RepoObject, SystemError> {
        let upper = name.trim().to_ascii_uppercase();
        if object_type == ObjectType::Dtel {
            return Err(SystemError::DropRefused(object_type.code().to_string()));
        }
        let entry = self
            .objects
            .remove(&(object_type, upper.clone()))
            .ok_or_else(|| {
                SystemError::ObjectNotFound(format!("{} {upper}", object_type.code()))
            })?;
        match object_type {
            ObjectType::Clas => {
                self.classes.remove(&upper);
            }
            ObjectType::Ddls => {
                self.cds_views.remove(&upper);
            }
            ObjectType::Tabl | ObjectType::Stru => {
                self.tables.remove(&upper);
                self.table_rows.remove(&upper);
            }
            ObjectType::Doma => {
                self.domains.remove(&upper);
            }
            ObjectType::Ttyp => {
                self.table_types.remove(&upper);
            }
            ObjectType::Msag => {
                self.message_classes.remove(&upper);
            }
            other => {
                self.sources.remove(&(other, upper));
            }
        }
        Ok(entry)
    }

    /// Changes an object's source in the system as a developer does in the ABAP editor
    /// (SE80, ADT): the main file of a class, the source of INTF, PROG, FUGR, ENHO, DCLS
    /// and DDLS. Nothing is activated or recorded in a transport; the next pull's conflict
    /// check sees the change.
    pub fn edit_source(
        &mut self,
        object_type: ObjectType,
        name: &str,
        source: &str,
    ) -> Result<(), SystemError> {
        let upper = name.trim().to_ascii_uppercase();
        let today = self.reference_time.date().format("%Y%m%d").to_string();
        let entry = self
            .objects
            .get_mut(&(object_type, upper.clone()))
            .ok_or_else(|| {
                SystemError::ObjectNotFound(format!("{} {upper}", object_type.code()))
            })?;
        entry.changed_on = today;
        match object_type {
            ObjectType::Clas => {
                if let Some(class) = self.classes.get_mut(&upper) {
                    class.main = source.to_string();
                }
            }
            ObjectType::Ddls => {
                self.cds_views
                    .insert(upper.clone(), crate::pull::parse_cds(&upper, source));
            }
            ObjectType::Intf
            | ObjectType::Prog
            | ObjectType::Fugr
            | ObjectType::Enho
            | ObjectType::Dcls => {
                self.sources
                    .insert((object_type, upper), source.to_string());
            }
            other => {
                return Err(SystemError::Invalid(format!(
                    "{} objects have no source to edit",
                    other.code()
                )))
            }
        }
        Ok(())
    }

    /// Writes (MODIFY) one entry of a customizing table.
    pub fn customize(
        &mut self,
        request: &CustomizeRequest,
    ) -> Result<CustomizeOutcome, SystemError> {
        crate::customizing::write_entry(self, request)
    }
}
