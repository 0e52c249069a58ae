//! Running the engines on stored objects (inspect, unit, transport check).

use crate::engines::aunit::{self, UnitRun};
use crate::engines::syntax::{self, SyntaxMessage};
use crate::error::SystemError;
use crate::repository::ObjectType;
use crate::system::System;

impl System {
    /// Syntax-checks a stored CLAS, INTF, PROG, FUGR, ENHO or DDLS; other types have
    /// nothing to check and give no messages.
    pub fn syntax_check_object(
        &self,
        object_type: ObjectType,
        name: &str,
    ) -> Result<Vec<SyntaxMessage>, SystemError> {
        let upper = name.trim().to_ascii_uppercase();
        if self.object(object_type, &upper).is_none() {
            return Err(SystemError::ObjectNotFound(upper));
        }
        Ok(match object_type {
            ObjectType::Clas => self
                .class(&upper)
                .map(syntax::check_class)
                .unwrap_or_default(),
            ObjectType::Intf => self
                .source(object_type, &upper)
                .map(|s| syntax::check_interface(&s))
                .unwrap_or_default(),
            ObjectType::Prog | ObjectType::Fugr | ObjectType::Enho => self
                .source(object_type, &upper)
                .map(|s| syntax::check_program(&s))
                .unwrap_or_default(),
            ObjectType::Ddls => self
                .source(object_type, &upper)
                .map(|s| syntax::check_ddls(&s))
                .unwrap_or_default(),
            _ => Vec::new(),
        })
    }

    /// Runs the ABAP Unit tests of a stored class.
    pub fn run_unit_tests(&self, class_name: &str) -> Result<UnitRun, SystemError> {
        let upper = class_name.trim().to_ascii_uppercase();
        let class = self
            .class(&upper)
            .ok_or_else(|| SystemError::ObjectNotFound(upper.clone()))?;
        // Tests may use interface constants (zif_x=>c_y).
        let interfaces: Vec<&str> = self
            .sources
            .iter()
            .filter(|((t, _), _)| *t == ObjectType::Intf)
            .map(|(_, text)| text.as_str())
            .collect();
        Ok(aunit::run_with_constants(&upper, class, &interfaces))
    }
}
