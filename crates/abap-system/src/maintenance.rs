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

    /// Writes (MODIFY) one entry of a customizing table.
    pub fn customize(
        &mut self,
        request: &CustomizeRequest,
    ) -> Result<CustomizeOutcome, SystemError> {
        crate::customizing::write_entry(self, request)
    }
}
