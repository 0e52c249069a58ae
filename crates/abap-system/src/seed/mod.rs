//! Builds the demo system. Everything is generated from fixed seeds so two
//! calls give identical systems (only dates move with the reference time).

use crate::repository::{ObjectType, Package, RepoObject};
use crate::system::System;
use chrono::NaiveDateTime;

/// Dialog users of the demo system.
pub const USERS: [&str; 6] = [
    "DEVELOPER",
    "JSMITH",
    "MMUELLER",
    "AKUMAR",
    "LCHEN",
    "BATCH_USER",
];

pub(crate) fn build(now: NaiveDateTime) -> System {
    let mut system = System::empty(now);
    add_package(
        &mut system,
        "$ZDEMO",
        "",
        "Agent Desk demo objects (local)",
        false,
    );
    add_object(
        &mut system,
        ObjectType::Devc,
        "$ZDEMO",
        "$ZDEMO",
        "Agent Desk demo objects (local)",
    );
    system
}

pub(crate) fn add_package(
    system: &mut System,
    name: &str,
    parent: &str,
    description: &str,
    transportable: bool,
) {
    system.packages.insert(
        name.to_string(),
        Package {
            name: name.to_string(),
            parent: parent.to_string(),
            description: description.to_string(),
            transportable,
            software_component: if transportable { "HOME" } else { "LOCAL" }.to_string(),
            responsible: "DEVELOPER".to_string(),
        },
    );
}

pub(crate) fn add_object(
    system: &mut System,
    object_type: ObjectType,
    name: &str,
    package: &str,
    description: &str,
) {
    let date = system.reference_time.date() - chrono::Duration::days(30);
    system.objects.insert(
        (object_type, name.to_string()),
        RepoObject {
            object_type,
            name: name.to_string(),
            package: package.to_string(),
            description: description.to_string(),
            author: "DEVELOPER".to_string(),
            changed_on: date.format("%Y%m%d").to_string(),
        },
    );
}
