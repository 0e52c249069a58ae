//! Builds the demo system. Everything is generated from fixed seeds so two
//! calls give identical systems (only dates move with the reference time).

mod bench;
mod class_builder;
mod ddic_helpers;
mod demo;
mod dumps;
mod flight_app;
mod flight_model;
mod remotes;
mod transports;

pub use bench::{BIG_CLASS, WIDE_TABLE};
pub use remotes::{DEMO_URL, FLIGHT_DEMO_URL, HELLO_URL, ZFLIGHT_URL};

use crate::repository::{ObjectType, Package, RepoObject};
use crate::system::System;
use chrono::NaiveDateTime;
use class_builder::ClassSpec;

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
    packages(&mut system);
    flight_model::seed(&mut system);
    flight_app::seed(&mut system);
    demo::seed(&mut system);
    bench::seed(&mut system);
    dumps::seed(&mut system);
    transports::seed(&mut system);
    crate::cts_tables::declare(&mut system);
    remotes::seed(&mut system);
    system
}

/// (name, parent, description, transportable)
const PACKAGES: [(&str, &str, &str, bool); 13] = [
    ("SAPBC_DATAMODEL", "", "BC Data Model (flight model)", true),
    ("ZFLIGHT", "", "Flight booking application", true),
    (
        "ZFLIGHT_CORE",
        "ZFLIGHT",
        "Flight booking: business logic",
        true,
    ),
    (
        "ZFLIGHT_MODEL",
        "ZFLIGHT",
        "Flight booking: data model",
        true,
    ),
    (
        "ZFLIGHT_UI",
        "ZFLIGHT",
        "Flight booking: reports and CDS views",
        true,
    ),
    (
        "ZFLIGHT_CONFIG",
        "ZFLIGHT",
        "Flight booking: customizing",
        true,
    ),
    ("$ZDEMO", "", "Agent Desk demo objects (local)", false),
    ("$ZDEMO_UTILS", "$ZDEMO", "Demo: reusable utilities", false),
    ("$ZDEMO_SANDBOX", "$ZDEMO", "Demo: scratch area", false),
    (
        "$ZDEMO_SANDBOX_OLD",
        "$ZDEMO_SANDBOX",
        "Demo: archived experiments",
        false,
    ),
    ("$ZBENCH", "", "Benchmark objects for the UI", false),
    (
        "$ZFLIGHT_DEMO",
        "",
        "Target for the SAP flight demo repository",
        false,
    ),
    ("$TMP", "", "Local objects (no transport)", false),
];

fn packages(system: &mut System) {
    for (name, parent, description, transportable) in PACKAGES {
        add_package_public(system, name, parent, description, transportable);
    }
}

/// Registers a class in TADIR and stores its rendered source.
pub(crate) fn add_class(system: &mut System, spec: ClassSpec, package: &str, description: &str) {
    let name = spec.name.to_ascii_uppercase();
    system.classes.insert(name.clone(), spec.render());
    add_object(system, ObjectType::Clas, &name, package, description);
}

/// Registers a text-source object (INTF, PROG, FUGR, ENHO, DCLS, DDLX) in TADIR.
pub(crate) fn add_source(
    system: &mut System,
    object_type: ObjectType,
    name: &str,
    package: &str,
    description: &str,
    source: &[String],
) {
    system
        .sources
        .insert((object_type, name.to_string()), source.join("\n"));
    add_object(system, object_type, name, package, description);
}

/// Adds a package and its DEVC entry (used by pull for new subpackages).
pub(crate) fn add_package_public(
    system: &mut System,
    name: &str,
    parent: &str,
    description: &str,
    transportable: bool,
) {
    add_package(system, name, parent, description, transportable);
    // A package's own TADIR entry (R3TR DEVC) has the package itself as DEVCLASS.
    add_object(system, ObjectType::Devc, name, name, description);
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
            software_component: if name.starts_with("SAP") {
                "SAP_BASIS"
            } else if transportable {
                "HOME"
            } else {
                "LOCAL"
            }
            .to_string(),
            responsible: if name.starts_with("SAP") {
                "SAP"
            } else {
                "DEVELOPER"
            }
            .to_string(),
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
    // Spread authors and change dates deterministically by name.
    let hash = name
        .bytes()
        .fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
    let date = system.reference_time.date() - chrono::Duration::days(i64::from(hash % 400) + 1);
    let author = if package.starts_with("SAP") {
        "SAP"
    } else {
        USERS[(hash as usize) % (USERS.len() - 1)]
    };
    system.objects.insert(
        (object_type, name.to_string()),
        RepoObject {
            object_type,
            name: name.to_string(),
            package: package.to_string(),
            description: description.to_string(),
            author: author.to_string(),
            changed_on: date.format("%Y%m%d").to_string(),
        },
    );
}
