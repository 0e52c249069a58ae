//! Short dumps placed over the days before the reference time. Each one
//! points at a real statement of a seeded object, so the call stack, include
//! names, line numbers and source excerpt agree with `/view`.

use super::USERS;
use crate::dumps::{ExcerptLine, ShortDump, StackFrame};
use crate::repository::{class_include_name, ObjectType};
use crate::system::System;

/// Where a statement is: object, method/event, and a text the line contains.
struct Site {
    object: &'static str,
    method: &'static str,
    marker: &'static str,
}

struct Template {
    error: &'static str,
    exception: &'static str,
    what_happened: &'static str,
    analysis: &'static str,
    failing: Site,
    callers: &'static [Site],
}

const TEMPLATES: [Template; 9] = [
    Template {
        error: "COMPUTE_INT_ZERODIVIDE",
        exception: "CX_SY_ZERODIVIDE",
        what_happened: "Error in the ABAP application program.\nThe current ABAP program \"ZCL_FLIGHT_STATISTICS=========CP\" had to be terminated because it found a statement that could not be executed.",
        analysis: "An exception of the class \"CX_SY_ZERODIVIDE\" occurred, which was not caught in procedure \"GET_OCCUPANCY\" \"(METHOD)\", nor was it propagated by a RAISING clause.\nThe division \"LV_OCCUPIED * 100 / LV_MAX\" was attempted with LV_MAX = 0: the carrier has no flights in table SFLIGHT.",
        failing: Site { object: "ZCL_FLIGHT_STATISTICS", method: "GET_OCCUPANCY", marker: "rv_percent = lv_occupied * 100 / lv_max." },
        callers: &[Site { object: "ZFLIGHT_REPORT", method: "START-OF-SELECTION", marker: "lo_statistics->get_occupancy" }],
    },
    Template {
        error: "OBJECTS_OBJREF_NOT_ASSIGNED",
        exception: "CX_SY_REF_IS_INITIAL",
        what_happened: "Error in the ABAP application program.\nThe current ABAP program \"ZCL_FLIGHT_BOOKING_SERVICE====CP\" had to be terminated because it found a statement that could not be executed.",
        analysis: "An exception of the class \"CX_SY_REF_IS_INITIAL\" occurred, which was not caught.\nAccess via 'NULL' object reference not possible: the attribute MO_NOTIFIER is initial because no notifier was passed to the constructor.",
        failing: Site { object: "ZCL_FLIGHT_BOOKING_SERVICE", method: "CANCEL_BOOKING", marker: "mo_notifier->notify(" },
        callers: &[],
    },
    Template {
        error: "ITAB_LINE_NOT_FOUND",
        exception: "CX_SY_ITAB_LINE_NOT_FOUND",
        what_happened: "Error in the ABAP application program.\nThe current ABAP program \"ZCL_FLIGHT_STATISTICS=========CP\" had to be terminated because it found a statement that could not be executed.",
        analysis: "An exception of the class \"CX_SY_ITAB_LINE_NOT_FOUND\" occurred, which was not caught.\nThe table expression \"LT_CONNECTIONS[ 1 ]\" refers to line 1 of an empty internal table: the carrier has no connections in SPFLI.",
        failing: Site { object: "ZCL_FLIGHT_STATISTICS", method: "GET_TOP_CONNECTION", marker: "rs_connection = lt_connections[ 1 ]." },
        callers: &[],
    },
    Template {
        error: "UNCAUGHT_EXCEPTION",
        exception: "ZCX_FLIGHT_ERROR",
        what_happened: "The exception 'ZCX_FLIGHT_ERROR' was raised, but it was not caught anywhere along the call hierarchy.\nSince exceptions represent error situations and this error was not adequately responded to, the running ABAP program had to be terminated.",
        analysis: "Airline XX does not exist (message ZFLIGHT 001).\nThe exception was raised in method ZIF_FLIGHT_REPOSITORY~GET_CARRIER and propagated through CREATE_BOOKING without a handler.",
        failing: Site { object: "ZCL_FLIGHT_REPOSITORY", method: "ZIF_FLIGHT_REPOSITORY~GET_CARRIER", marker: "RAISE EXCEPTION TYPE zcx_flight_error" },
        callers: &[Site { object: "ZCL_FLIGHT_BOOKING_SERVICE", method: "CREATE_BOOKING", marker: "mo_repository->get_carrier(" }],
    },
    Template {
        error: "COMPUTE_INT_ZERODIVIDE",
        exception: "CX_SY_ZERODIVIDE",
        what_happened: "Error in the ABAP application program.\nThe current ABAP program \"ZCL_DEMO_CALCULATOR===========CP\" had to be terminated because it found a statement that could not be executed.",
        analysis: "An exception of the class \"CX_SY_ZERODIVIDE\" occurred, which was not caught in procedure \"DIVIDE\" \"(METHOD)\".\nThe divisor IV_B has the value 0.",
        failing: Site { object: "ZCL_DEMO_CALCULATOR", method: "DIVIDE", marker: "rv_result = iv_a / iv_b." },
        callers: &[Site { object: "ZDEMO_CALCULATOR", method: "START-OF-SELECTION", marker: "lo_calculator->divide(" }],
    },
    Template {
        error: "COMPUTE_INT_ZERODIVIDE",
        exception: "CX_SY_ZERODIVIDE",
        what_happened: "Error in the ABAP application program.\nThe current ABAP program \"ZFLIGHT_REPORT\" had to be terminated because it found a statement that could not be executed.",
        analysis: "An exception of the class \"CX_SY_ZERODIVIDE\" occurred, which was not caught.\nThe flight has SEATSMAX = 0 (a cargo flight), so the occupancy cannot be computed.",
        failing: Site { object: "ZFLIGHT_REPORT", method: "START-OF-SELECTION", marker: "lv_percent = ls_flight-seatsocc * 100 / ls_flight-seatsmax." },
        callers: &[],
    },
    Template {
        error: "SAPSQL_ARRAY_INSERT_DUPREC",
        exception: "CX_SY_OPEN_SQL_DB",
        what_happened: "The ABAP/4 Open SQL array insert results in duplicate database records.\nThe current ABAP program \"ZCL_FLIGHT_BOOKING_SERVICE====CP\" had to be terminated.",
        analysis: "An entry was to be inserted into table \"SBOOK\" although a line with the same primary key already exists.\nThe booking number was not drawn from the number range object before the INSERT.",
        failing: Site { object: "ZCL_FLIGHT_BOOKING_SERVICE", method: "CREATE_BOOKING", marker: "INSERT sbook FROM rs_booking." },
        callers: &[],
    },
    Template {
        error: "TIME_OUT",
        exception: "",
        what_happened: "The program \"ZCL_BENCH_BIG_CLASS===========CP\" has exceeded the maximum permitted runtime without interruption and has therefore been terminated.",
        analysis: "After a specific time, the program is terminated to make the work area available to other users who may be waiting.\nThe maximum runtime is set by the profile parameter \"rdisp/max_wprun_time\" (600 seconds).",
        failing: Site { object: "ZCL_BENCH_BIG_CLASS", method: "CHECK_RULE_042", marker: "LOOP AT lt_flights INTO DATA(ls_flight)." },
        callers: &[],
    },
    Template {
        error: "CALL_FUNCTION_CONFLICT_TYPE",
        exception: "CX_SY_DYN_CALL_ILLEGAL_TYPE",
        what_happened: "Error in the ABAP application program.\nThe function module CONVERT_TO_LOCAL_CURRENCY was called with a parameter of an incorrect type.",
        analysis: "The call to the function module \"CONVERT_TO_LOCAL_CURRENCY\" is incorrect: the actual parameter for \"FOREIGN_AMOUNT\" has type P LENGTH 15 DECIMALS 2 but the formal parameter expects P LENGTH 12.",
        failing: Site { object: "ZCL_FLIGHT_PRICING", method: "CONVERT_CURRENCY", marker: "CALL FUNCTION 'CONVERT_TO_LOCAL_CURRENCY'" },
        callers: &[],
    },
];

/// (template, hours before the reference time, user index)
const OCCURRENCES: [(usize, i64, usize); 15] = [
    (0, 2, 0),
    (0, 27, 1),
    (0, 190, 3),
    (1, 5, 2),
    (1, 75, 0),
    (2, 11, 4),
    (2, 130, 1),
    (3, 20, 0),
    (3, 98, 5),
    (4, 1, 0),
    (4, 50, 3),
    (5, 33, 2),
    (6, 60, 1),
    (7, 150, 5),
    (8, 230, 4),
];

struct Located {
    program: String,
    include: String,
    class: String,
    method: String,
    line: u32,
    excerpt: Vec<ExcerptLine>,
    package: String,
}

fn excerpt(lines: &[String], error_index: usize) -> Vec<ExcerptLine> {
    let from = error_index.saturating_sub(5);
    let to = (error_index + 5).min(lines.len());
    (from..to)
        .map(|i| ExcerptLine {
            line: (i + 1) as u32,
            text: lines[i].clone(),
            is_error: i == error_index,
        })
        .collect()
}

fn locate(system: &System, site: &Site) -> Option<Located> {
    if let Some(class) = system.class(site.object) {
        let section = class
            .sections()
            .into_iter()
            .find(|s| s.method_name == site.method)?;
        let index = section.lines.iter().position(|l| l.contains(site.marker))?;
        return Some(Located {
            program: class_include_name(site.object, "CP"),
            include: class_include_name(site.object, &section.suffix),
            class: site.object.to_string(),
            method: site.method.to_string(),
            line: (index + 1) as u32,
            excerpt: excerpt(&section.lines, index),
            package: system
                .object(ObjectType::Clas, site.object)?
                .package
                .clone(),
        });
    }
    let source = system.source(ObjectType::Prog, site.object)?;
    let lines: Vec<String> = source.lines().map(str::to_string).collect();
    let index = lines.iter().position(|l| l.contains(site.marker))?;
    Some(Located {
        program: site.object.to_string(),
        include: site.object.to_string(),
        class: String::new(),
        method: site.method.to_string(),
        line: (index + 1) as u32,
        excerpt: excerpt(&lines, index),
        package: system
            .object(ObjectType::Prog, site.object)?
            .package
            .clone(),
    })
}

pub(crate) fn seed(system: &mut System) {
    let mut dumps = Vec::new();
    for (number, (template_index, hours, user_index)) in OCCURRENCES.iter().enumerate() {
        let template = &TEMPLATES[*template_index];
        let Some(failing) = locate(system, &template.failing) else {
            continue;
        };
        let timestamp = system.reference_time
            - chrono::Duration::hours(*hours)
            - chrono::Duration::minutes((number as i64 * 17) % 60)
            - chrono::Duration::seconds((number as i64 * 23) % 60);
        let user = USERS[*user_index];
        let mut call_stack = vec![StackFrame {
            level: 1,
            class: failing.class.clone(),
            method: failing.method.clone(),
            program: failing.program.clone(),
            include: failing.include.clone(),
            line: failing.line,
        }];
        for caller in template.callers {
            if let Some(found) = locate(system, caller) {
                call_stack.push(StackFrame {
                    level: call_stack.len() as u32 + 1,
                    class: found.class,
                    method: found.method,
                    program: found.program,
                    include: found.include,
                    line: found.line,
                });
            }
        }
        let host = "sapdev01_DEV_00";
        dumps.push(ShortDump {
            id: format!(
                "{}:{}:{host}:{user}:100:{}",
                timestamp.format("%Y%m%d"),
                timestamp.format("%H%M%S"),
                number % 4 + 1
            ),
            timestamp,
            user: user.to_string(),
            client: "100".to_string(),
            host: host.to_string(),
            program: failing.program.clone(),
            object: template.failing.object.to_string(),
            package: failing.package.clone(),
            runtime_error: template.error.to_string(),
            exception: template.exception.to_string(),
            what_happened: template.what_happened.to_string(),
            error_analysis: template.analysis.to_string(),
            source_include: failing.include.clone(),
            source_line: failing.line,
            call_stack,
            source_excerpt: failing.excerpt,
        });
    }
    dumps.sort_by_key(|d| std::cmp::Reverse(d.timestamp));
    system.dumps = dumps;
}
