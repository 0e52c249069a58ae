//! Where-used references computed by scanning the stored sources.

use crate::repository::ObjectType;
use serde::Serialize;

/// One place that uses an object, as `/where` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WhereUsedRef {
    /// Type of the using object (CLAS, INTF or PROG).
    pub object_type: ObjectType,
    /// Name of the using object.
    pub object_name: String,
    /// Include the reference is in: padded class include (`ZCL_X====...CM001`) or the program name.
    pub include_name: String,
    /// Method the reference is in, empty outside methods.
    pub method_name: String,
    /// "Class Method", "Public Section", "Test Classes", "Program", ...
    pub include_type: String,
    /// 1-based line within the include.
    pub line: usize,
    /// Package of the using object.
    pub package: String,
}

use crate::error::SystemError;
use crate::system::System;

impl System {
    /// Where-used list of a CLAS, INTF or PROG: every line of another class
    /// or program that names it. `object_type` None detects like `/where`.
    /// Returns the resolved type with the references (ordered by user, then line).
    pub fn where_used(
        &self,
        name: &str,
        object_type: Option<ObjectType>,
    ) -> Result<(ObjectType, Vec<WhereUsedRef>), SystemError> {
        let upper = name.trim().to_ascii_uppercase();
        let object_type = object_type.unwrap_or_else(|| self.detect_where_type(&upper));
        if self.object(object_type, &upper).is_none() {
            return Err(SystemError::ObjectNotFound(upper));
        }
        Ok((object_type, crate::where_used_scan::scan(self, &upper)))
    }
}
