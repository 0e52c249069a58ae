//! Transport requests of the last weeks: some released, tasks of several developers, and
//! one new request that holds nothing yet.

use crate::system::System;
use crate::transports::{
    Transport, TransportKind, TransportObject, TransportStatus, TransportTask,
};

/// (kind, description, owner, days ago, released, extra task owners, objects)
type Spec = (
    TransportKind,
    &'static str,
    &'static str,
    i64,
    bool,
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
);

const REQUESTS: [Spec; 9] = [
    (
        TransportKind::Workbench,
        "ZFLIGHT: initial data model",
        "DEVELOPER",
        60,
        true,
        &[],
        &[
            ("TABL", "ZFL_CARRIER_CFG"),
            ("TABL", "ZFL_FEES"),
            ("DTEL", "ZFL_BOOKING_REF"),
        ],
    ),
    (
        TransportKind::Workbench,
        "ZFLIGHT: booking service",
        "JSMITH",
        40,
        true,
        &["DEVELOPER"],
        &[
            ("CLAS", "ZCL_FLIGHT_BOOKING_SERVICE"),
            ("CLAS", "ZCL_FLIGHT_REPOSITORY"),
            ("INTF", "ZIF_FLIGHT_REPOSITORY"),
        ],
    ),
    (
        TransportKind::Workbench,
        "ZFLIGHT: pricing with discounts",
        "DEVELOPER",
        12,
        false,
        &[],
        &[
            ("CLAS", "ZCL_FLIGHT_PRICING"),
            ("INTF", "ZIF_FLIGHT_CONSTANTS"),
        ],
    ),
    (
        TransportKind::Customizing,
        "Carrier settings 2026",
        "MMUELLER",
        9,
        false,
        &[],
        &[("TABU", "ZFL_CARRIER_CFG")],
    ),
    (
        TransportKind::Workbench,
        "ZFLIGHT: statistics report",
        "AKUMAR",
        5,
        false,
        &["DEVELOPER"],
        &[
            ("CLAS", "ZCL_FLIGHT_STATISTICS"),
            ("PROG", "ZFLIGHT_REPORT"),
        ],
    ),
    (
        TransportKind::Customizing,
        "Booking fees update",
        "DEVELOPER",
        3,
        false,
        &[],
        &[("TABU", "ZFL_FEES")],
    ),
    (
        TransportKind::Workbench,
        "CDS views for the flight Fiori app",
        "LCHEN",
        2,
        false,
        &[],
        &[
            ("DDLS", "ZI_FLIGHT"),
            ("DDLS", "ZC_FLIGHT_LH"),
            ("DCLS", "ZI_FLIGHT"),
        ],
    ),
    (
        TransportKind::Workbench,
        "Hotfix: occupancy division by zero",
        "DEVELOPER",
        1,
        true,
        &[],
        &[("CLAS", "ZCL_FLIGHT_STATISTICS")],
    ),
    (
        TransportKind::Workbench,
        "Pricing: charter surcharge",
        "DEVELOPER",
        0,
        false,
        &["JSMITH"],
        &[],
    ),
];

/// A time of the working day, different for each request.
fn office_hours(index: usize) -> chrono::NaiveTime {
    let minutes = 8 * 60 + (index as u32 * 97) % (9 * 60);
    chrono::NaiveTime::from_hms_opt(minutes / 60, minutes % 60, (index as u32 * 23) % 60)
        .unwrap_or_default()
}

pub(crate) fn seed(system: &mut System) {
    let today = system.reference_time.date();
    let mut transports = Vec::new();
    for (index, (kind, description, owner, days, released, helpers, objects)) in
        REQUESTS.into_iter().enumerate()
    {
        let number = system.next_transport_number();
        let status = if released {
            TransportStatus::Released
        } else {
            TransportStatus::Modifiable
        };
        let mut tasks = Vec::new();
        for task_owner in std::iter::once(owner).chain(helpers.iter().copied()) {
            tasks.push(TransportTask {
                number: system.next_transport_number(),
                owner: task_owner.to_string(),
                status,
            });
        }
        transports.push(Transport {
            number,
            kind,
            description: description.to_string(),
            owner: owner.to_string(),
            created_on: today - chrono::Duration::days(days),
            created_time: office_hours(index),
            status,
            target: "QAS".to_string(),
            tasks,
            objects: objects
                .iter()
                .map(|(t, n)| TransportObject {
                    object_type: (*t).to_string(),
                    name: (*n).to_string(),
                })
                .collect(),
        });
    }
    transports.reverse();
    system.transports = transports;
}
