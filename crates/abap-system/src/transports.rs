//! Transport requests (CTS): workbench (K) and customizing (W).

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TransportKind {
    /// Workbench request, TRFUNCTION `K`.
    Workbench,
    /// Customizing request, TRFUNCTION `W`.
    Customizing,
}

impl TransportKind {
    /// The TRFUNCTION letter.
    pub fn letter(self) -> char {
        match self {
            TransportKind::Workbench => 'K',
            TransportKind::Customizing => 'W',
        }
    }

    /// The TRFUNCTION of the tasks under such a request: development/correction (`S`) under
    /// a workbench request, customizing task (`Q`) under a customizing request.
    pub fn task_letter(self) -> char {
        match self {
            TransportKind::Workbench => 'S',
            TransportKind::Customizing => 'Q',
        }
    }

    /// Parses `workbench`/`customizing` (or `K`/`W`), case-insensitively.
    pub fn parse(text: &str) -> Option<TransportKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "workbench" | "k" | "" => Some(TransportKind::Workbench),
            "customizing" | "w" => Some(TransportKind::Customizing),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TransportStatus {
    /// TRSTATUS `D`.
    Modifiable,
    /// TRSTATUS `R`.
    Released,
}

impl TransportStatus {
    /// The TRSTATUS letter.
    pub fn letter(self) -> char {
        match self {
            TransportStatus::Modifiable => 'D',
            TransportStatus::Released => 'R',
        }
    }
}

/// A task under a request; each developer records changes in their own task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransportTask {
    pub number: String,
    pub owner: String,
    pub status: TransportStatus,
}

/// An object entry of a request (E071).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransportObject {
    /// `R3TR` type such as CLAS or TABU (table contents).
    pub object_type: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Transport {
    /// `DEVK900042` style.
    pub number: String,
    pub kind: TransportKind,
    pub description: String,
    pub owner: String,
    pub created_on: NaiveDate,
    /// E070-AS4TIME, with `created_on` the time of the last change.
    pub created_time: NaiveTime,
    pub status: TransportStatus,
    /// Target system, e.g. `QAS`.
    pub target: String,
    pub tasks: Vec<TransportTask>,
    pub objects: Vec<TransportObject>,
}

/// Which requests a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TransportScope {
    /// Modifiable requests owned by the user.
    #[default]
    Mine,
    /// Modifiable requests in which the user has a task.
    Task,
    /// Every modifiable request.
    All,
}

impl TransportScope {
    pub fn parse(text: &str) -> Option<TransportScope> {
        match text.trim().to_ascii_lowercase().as_str() {
            "" | "mine" => Some(TransportScope::Mine),
            "task" => Some(TransportScope::Task),
            "all" => Some(TransportScope::All),
            _ => None,
        }
    }
}

/// Result of a transport check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TransportCheck {
    pub number: String,
    pub passed: bool,
    pub issues: Vec<String>,
}

use crate::error::SystemError;
use crate::system::System;

impl System {
    /// Modifiable requests in scope for `user`, newest first, at most 50 (as the server).
    pub fn transports(&self, scope: TransportScope, user: &str) -> Vec<&Transport> {
        self.transports
            .iter()
            .filter(|t| t.status == TransportStatus::Modifiable)
            .filter(|t| match scope {
                TransportScope::Mine => t.owner.eq_ignore_ascii_case(user),
                TransportScope::Task => t.tasks.iter().any(|k| k.owner.eq_ignore_ascii_case(user)),
                TransportScope::All => true,
            })
            .take(50)
            .collect()
    }

    /// What the handler's LIST selects (`ZCL_ABGAGT_COMMAND_TRANSPORT->list_transports`):
    /// modifiable requests of one kind, for `Mine` those the user owns, for `Task` also those
    /// where the user has a modifiable task, newest date first, at most 50.
    pub fn open_requests(
        &self,
        kind: TransportKind,
        scope: TransportScope,
        user: &str,
    ) -> Vec<&Transport> {
        let owned = |t: &Transport| t.owner.eq_ignore_ascii_case(user);
        let mut found: Vec<&Transport> = self
            .transports
            .iter()
            .filter(|t| t.status == TransportStatus::Modifiable && t.kind == kind)
            .filter(|t| match scope {
                TransportScope::Mine => owned(t),
                TransportScope::Task => {
                    owned(t)
                        || t.tasks.iter().any(|k| {
                            k.status == TransportStatus::Modifiable
                                && k.owner.eq_ignore_ascii_case(user)
                        })
                }
                TransportScope::All => true,
            })
            .collect();
        // ORDER BY as4date DESCENDING; the order within a day is the database's (here: newest first).
        found.sort_by_key(|t| std::cmp::Reverse(t.created_on));
        found.truncate(50);
        found
    }

    /// Whether the handler's `task` scope has no candidate at all: the user has no modifiable
    /// task in any request and owns no modifiable request of this type. The handler then
    /// answers "No transports found" before it selects anything.
    pub fn task_scope_has_no_candidates(&self, kind: TransportKind, user: &str) -> bool {
        let user_owns = |owner: &str| owner.eq_ignore_ascii_case(user);
        !self.transports.iter().any(|t| {
            (t.status == TransportStatus::Modifiable && t.kind == kind && user_owns(&t.owner))
                || t.tasks
                    .iter()
                    .any(|k| k.status == TransportStatus::Modifiable && user_owns(&k.owner))
        })
    }

    /// A request by number (case-insensitive).
    pub fn transport(&self, number: &str) -> Option<&Transport> {
        let number = number.trim().to_ascii_uppercase();
        self.transports.iter().find(|t| t.number == number)
    }

    /// Creates a modifiable request with one task for the owner; numbers
    /// continue the `DEVK9000nn` sequence.
    pub fn create_transport(
        &mut self,
        kind: TransportKind,
        description: &str,
        owner: &str,
    ) -> Result<Transport, SystemError> {
        let description = description.trim();
        if description.is_empty() {
            return Err(SystemError::Invalid(
                "Description is required to create a transport request".to_string(),
            ));
        }
        let owner = owner.trim().to_ascii_uppercase();
        let number = self.next_transport_number();
        let task = self.next_transport_number();
        let transport = Transport {
            number,
            kind,
            description: description.chars().take(60).collect(),
            owner: owner.clone(),
            created_on: self.reference_time.date(),
            created_time: self.reference_time.time(),
            status: TransportStatus::Modifiable,
            target: "QAS".to_string(),
            tasks: vec![TransportTask {
                number: task,
                owner,
                status: TransportStatus::Modifiable,
            }],
            objects: Vec::new(),
        };
        self.transports.insert(0, transport.clone());
        Ok(transport)
    }

    pub(crate) fn next_transport_number(&mut self) -> String {
        let number = format!("DEVK9{:05}", self.next_transport);
        self.next_transport += 1;
        number
    }

    /// Releases a request and its tasks. Releasing a released request is an error.
    pub fn release_transport(&mut self, number: &str) -> Result<Transport, SystemError> {
        let upper = number.trim().to_ascii_uppercase();
        let transport = self
            .transports
            .iter_mut()
            .find(|t| t.number == upper)
            .ok_or_else(|| SystemError::TransportNotFound(upper.clone()))?;
        if transport.status == TransportStatus::Released {
            return Err(SystemError::TransportAlreadyReleased(upper));
        }
        transport.status = TransportStatus::Released;
        // E070-AS4DATE/AS4TIME say when the request was last changed: now, by the release.
        transport.created_on = self.reference_time.date();
        transport.created_time = self.reference_time.time();
        for task in &mut transport.tasks {
            task.status = TransportStatus::Released;
        }
        Ok(transport.clone())
    }

    /// Checks a request's objects: every object must still exist and be free
    /// of syntax errors (like the CTS object check with syntax check).
    pub fn check_transport(&self, number: &str) -> Result<TransportCheck, SystemError> {
        let transport = self
            .transport(number)
            .ok_or_else(|| SystemError::TransportNotFound(number.trim().to_ascii_uppercase()))?;
        let mut issues = Vec::new();
        for entry in &transport.objects {
            let Some(object_type) = crate::repository::ObjectType::from_code(&entry.object_type)
            else {
                continue;
            };
            if self.object(object_type, &entry.name).is_none() {
                issues.push(format!(
                    "Object {} {} does not exist in the system",
                    entry.object_type, entry.name
                ));
            } else if let Ok(messages) = self.syntax_check_object(object_type, &entry.name) {
                if let Some(first) = messages.first() {
                    issues.push(format!(
                        "{} {}: line {}: {}",
                        entry.object_type, entry.name, first.line, first.text
                    ));
                }
            }
        }
        Ok(TransportCheck {
            number: transport.number.clone(),
            passed: issues.is_empty(),
            issues,
        })
    }

    /// Records an object in a request (E071), once.
    pub(crate) fn record_in_transport(&mut self, number: &str, object_type: &str, name: &str) {
        if let Some(transport) = self.transports.iter_mut().find(|t| t.number == number) {
            let entry = TransportObject {
                object_type: object_type.to_string(),
                name: name.to_string(),
            };
            if !transport.objects.contains(&entry) {
                transport.objects.push(entry);
            }
        }
    }
}
