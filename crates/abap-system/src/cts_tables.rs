//! The CTS tables behind the transport requests, readable through `/preview` as on a real
//! system (SE16): E070 (headers of requests and tasks), E07T (short texts) and E071 (object
//! entries). Their rows are derived from the requests at the moment they are read, so they
//! always agree with what `/transport` says.

use crate::data::{Row, Value};
use crate::ddic::{FieldDef, TableDef, TableKind};
use crate::system::System;
use crate::transports::{Transport, TransportStatus};

/// (field, key, DDIC type, length, data element, description), as in the ABAP Dictionary.
type Column = (
    &'static str,
    bool,
    &'static str,
    u32,
    &'static str,
    &'static str,
);

const E070: [Column; 9] = [
    ("TRKORR", true, "CHAR", 20, "TRKORR", "Request/Task"),
    (
        "TRFUNCTION",
        false,
        "CHAR",
        1,
        "TRFUNCTION",
        "Type of request/task",
    ),
    (
        "TRSTATUS",
        false,
        "CHAR",
        1,
        "TRSTATUS",
        "Status of request/task",
    ),
    (
        "TARSYSTEM",
        false,
        "CHAR",
        10,
        "TR_TARGET",
        "Transport Target of Request",
    ),
    (
        "KORRDEV",
        false,
        "CHAR",
        4,
        "TRCATEG",
        "Request or task category",
    ),
    (
        "AS4USER",
        false,
        "CHAR",
        12,
        "TR_AS4USER",
        "Owner of a Request or Task",
    ),
    (
        "AS4DATE",
        false,
        "DATS",
        8,
        "AS4DATE",
        "Date of Last Change",
    ),
    ("AS4TIME", false, "TIMS", 6, "AS4TIME", "Last changed at"),
    (
        "STRKORR",
        false,
        "CHAR",
        20,
        "STRKORR",
        "Higher-Level Request",
    ),
];

const E07T: [Column; 3] = [
    ("TRKORR", true, "CHAR", 20, "TRKORR", "Request/Task"),
    ("LANGU", true, "LANG", 1, "SPRAS", "Language Key"),
    (
        "AS4TEXT",
        false,
        "CHAR",
        60,
        "AS4TEXT",
        "Short Description of Repository Objects",
    ),
];

const E071: [Column; 10] = [
    ("TRKORR", true, "CHAR", 20, "TRKORR", "Request/Task"),
    (
        "AS4POS",
        true,
        "NUMC",
        6,
        "DDPOSNR",
        "Dictionary: line number",
    ),
    (
        "PGMID",
        false,
        "CHAR",
        4,
        "PGMID",
        "Program ID in Requests and Tasks",
    ),
    ("OBJECT", false, "CHAR", 4, "TROBJTYPE", "Object Type"),
    (
        "OBJ_NAME",
        false,
        "CHAR",
        120,
        "TROBJ_NAME",
        "Object Name in Object List",
    ),
    ("OBJFUNC", false, "CHAR", 1, "OBJFUNC", "Object function"),
    ("LOCKFLAG", false, "CHAR", 1, "LOCKFLAG", "Lock status"),
    ("GENNUM", false, "CHAR", 3, "TRGENNUM", "Generation Counter"),
    ("LANG", false, "LANG", 1, "SPRAS", "Language Key"),
    (
        "ACTIVITY",
        false,
        "CHAR",
        20,
        "TRACTIVITY",
        "Activity that wrote the entry",
    ),
];

/// The short texts are kept in the logon language of the demo system.
const TEXT_LANGUAGE: &str = "E";

fn definition(name: &str, description: &str, columns: &[Column]) -> TableDef {
    TableDef {
        name: name.to_string(),
        kind: TableKind::Transparent,
        description: description.to_string(),
        delivery_class: "L".to_string(),
        fields: columns
            .iter()
            .map(|(field, key, ddic_type, length, element, text)| FieldDef {
                name: (*field).to_string(),
                key: *key,
                ddic_type: (*ddic_type).to_string(),
                length: *length,
                decimals: 0,
                data_element: (*element).to_string(),
                description: (*text).to_string(),
            })
            .collect(),
    }
}

/// Declares E070, E07T and E071 in the dictionary.
pub(crate) fn declare(system: &mut System) {
    for table in [
        definition(
            "E070",
            "Change & Transport System: Header of Requests/Tasks",
            &E070,
        ),
        definition(
            "E07T",
            "Change & Transport System: Short Texts for Requests/Tasks",
            &E07T,
        ),
        definition(
            "E071",
            "Change & Transport System: Object Entries of Requests/Tasks",
            &E071,
        ),
    ] {
        system.tables.insert(table.name.clone(), table);
    }
}

fn text(value: impl Into<String>) -> Value {
    Value::Char(value.into())
}

/// Where a request's objects are recorded: in the owner's task while the request is open
/// (each developer records changes in their task), in the request itself once released
/// (releasing a task moves its entries up).
fn object_holder(request: &Transport) -> &str {
    match (request.status, request.tasks.first()) {
        (TransportStatus::Modifiable, Some(task)) => &task.number,
        _ => &request.number,
    }
}

impl System {
    /// Rows of E070, E07T or E071 as they stand now; None for any other table.
    pub(crate) fn cts_rows(&self, table: &str) -> Option<Vec<Row>> {
        let requests = self.transports.iter();
        let rows = match table {
            "E070" => requests
                .flat_map(|request| {
                    let date = Value::Date(request.created_on.format("%Y%m%d").to_string());
                    let time = Value::Time(request.created_time.format("%H%M%S").to_string());
                    let category = match request.kind {
                        crate::transports::TransportKind::Workbench => "SYST",
                        crate::transports::TransportKind::Customizing => "CUST",
                    };
                    let header = vec![
                        text(&request.number),
                        text(request.kind.letter()),
                        text(request.status.letter()),
                        text(&request.target),
                        text(category),
                        text(&request.owner),
                        date.clone(),
                        time.clone(),
                        text(""),
                    ];
                    let tasks = request.tasks.iter().map(move |task| {
                        vec![
                            text(&task.number),
                            text(request.kind.task_letter()),
                            text(task.status.letter()),
                            text(""),
                            text(category),
                            text(&task.owner),
                            date.clone(),
                            time.clone(),
                            text(&request.number),
                        ]
                    });
                    std::iter::once(header).chain(tasks).collect::<Vec<_>>()
                })
                .collect(),
            "E07T" => requests
                .flat_map(|request| {
                    std::iter::once(&request.number)
                        .chain(request.tasks.iter().map(|task| &task.number))
                        .map(|number| {
                            vec![
                                text(number),
                                text(TEXT_LANGUAGE),
                                text(&request.description),
                            ]
                        })
                        .collect::<Vec<_>>()
                })
                .collect(),
            "E071" => requests
                .flat_map(|request| {
                    let holder = object_holder(request);
                    request
                        .objects
                        .iter()
                        .enumerate()
                        .map(|(i, entry)| {
                            vec![
                                text(holder),
                                Value::Numc(format!("{:06}", i + 1)),
                                text("R3TR"),
                                text(&entry.object_type),
                                text(&entry.name),
                                text(""),
                                // Entries of open requests lock their objects for other requests.
                                text(if request.status == TransportStatus::Modifiable {
                                    "X"
                                } else {
                                    ""
                                }),
                                text(""),
                                text(""),
                                text(""),
                            ]
                        })
                        .collect::<Vec<_>>()
                })
                .collect(),
            _ => return None,
        };
        Some(rows)
    }
}
