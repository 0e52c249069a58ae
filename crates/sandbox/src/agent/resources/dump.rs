//! `/dump`: ST22 short dumps with user, program, error, date/time and limit filters.
//! The sandbox's server-local time is UTC, so date/time and ts filters agree.

use abap_system::{DumpFilter, ShortDump};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::{json, Value};

use super::{int_field, Outcome, Refusal};
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;

const DEFAULT_LIMIT: i64 = 20;
/// Larger limits fall back to the default, as the server does.
const MAX_LIMIT: i64 = 100;

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

fn parse_date(key: &str, text: &str) -> Result<Option<NaiveDate>, Refusal> {
    let compact = digits(text);
    if compact.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(&compact, "%Y%m%d")
        .map(Some)
        .map_err(|_| Refusal(format!("Invalid {key}: {text} (expected YYYYMMDD)")))
}

fn parse_time(key: &str, text: &str) -> Result<Option<NaiveTime>, Refusal> {
    let compact = digits(text);
    if compact.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(&compact, "%H%M%S")
        .map(Some)
        .map_err(|_| Refusal(format!("Invalid {key}: {text} (expected HHMMSS)")))
}

fn parse_stamp(key: &str, text: &str) -> Result<Option<NaiveDateTime>, Refusal> {
    let compact = digits(text);
    if compact.is_empty() {
        return Ok(None);
    }
    NaiveDateTime::parse_from_str(&compact, "%Y%m%d%H%M%S")
        .map(Some)
        .map_err(|_| Refusal(format!("Invalid {key}: {text} (expected YYYYMMDDhhmmss)")))
}

/// `ts_from`/`ts_to` win; otherwise dates with optional times (start and end of day by default).
fn bounds(body: &Body) -> Result<(Option<NaiveDateTime>, Option<NaiveDateTime>), Refusal> {
    let ts_from = parse_stamp("ts_from", &body.text("ts_from"))?;
    let ts_to = parse_stamp("ts_to", &body.text("ts_to"))?;
    let date_from = parse_date("date_from", &body.text("date_from"))?;
    let date_to = parse_date("date_to", &body.text("date_to"))?;
    let time_from = parse_time("time_from", &body.text("time_from"))?;
    let time_to = parse_time("time_to", &body.text("time_to"))?;
    let start_of_day = NaiveTime::MIN;
    let end_of_day = NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN);
    let from = ts_from.or_else(|| date_from.map(|d| d.and_time(time_from.unwrap_or(start_of_day))));
    let to = ts_to.or_else(|| date_to.map(|d| d.and_time(time_to.unwrap_or(end_of_day))));
    Ok((from, to))
}

fn render_dump(dump: &ShortDump, detail: bool) -> Value {
    let mut stack: Vec<Value> = dump
        .call_stack
        .iter()
        .map(|frame| {
            json!({
                "level": frame.level,
                "class": frame.class,
                "method": frame.method,
                "program": frame.program,
                "include": frame.include,
                "line": frame.line,
            })
        })
        .collect();
    if detail && !dump.source_excerpt.is_empty() {
        // The source excerpt rides along as a LEVEL 0 frame with the text in METHOD.
        let excerpt = dump
            .source_excerpt
            .iter()
            .map(|line| {
                let marker = if line.is_error { ">>>>>" } else { "     " };
                format!("{marker}{:>6} {}", line.line, line.text)
            })
            .collect::<Vec<_>>()
            .join("\n");
        stack.push(json!({
            "level": 0,
            "class": "",
            "method": excerpt,
            "program": dump.program,
            "include": dump.source_include,
            "line": dump.source_line,
        }));
    }
    json!({
        "id": dump.id,
        "utc_timestamp": dump.timestamp.format("%Y%m%d%H%M%S").to_string(),
        "date": dump.timestamp.format("%Y-%m-%d").to_string(),
        "time": dump.timestamp.format("%H:%M:%S").to_string(),
        "user": dump.user,
        "program": dump.program,
        "object": dump.object,
        "error": dump.runtime_error,
        "exception": dump.exception,
        "package": dump.package,
        "host": dump.host,
        "what_happened": dump.what_happened,
        "error_analysis": dump.error_analysis,
        "source_line": dump.source_line,
        "source_include": dump.source_include,
        "call_stack": stack,
    })
}

pub(crate) fn post(ctx: &Ctx, body: &Body) -> Outcome {
    if ctx.dialect == Dialect::AsImplemented {
        return as_implemented(ctx, body);
    }
    let limit = match int_field(ctx, body, "limit")? {
        l if l <= 0 || l > MAX_LIMIT => DEFAULT_LIMIT,
        l => l,
    } as usize;
    let (from, to) = bounds(body)?;
    let detail = body.text("detail").trim().to_string();
    let filter = DumpFilter {
        user: Some(body.text("user")).filter(|u| !u.trim().is_empty()),
        program: Some(body.text("program")).filter(|p| !p.trim().is_empty()),
        error: Some(body.text("error")).filter(|e| !e.trim().is_empty()),
        from,
        to,
        limit,
    };
    let dumps: Vec<Value> = {
        let system = ctx.state.system();
        // `detail` naming a dump ID shows that dump alone, with its source excerpt.
        match system.dump(&detail) {
            Some(dump) if !detail.is_empty() => vec![render_dump(dump, true)],
            _ => system
                .dumps(&filter)
                .into_iter()
                .map(|d| render_dump(d, !detail.is_empty()))
                .collect(),
        }
    };
    let count = dumps.len();
    let body = json!({
        "success": true,
        "command": "DUMP",
        "message": format!("Found {count} dump(s)"),
        "total": count,
        "dumps": dumps,
        "error": "",
    });
    Ok(Reply::cased(ctx.dialect, body))
}

/// A `d` or `t` field as `/ui2/cl_json` fills it: the ISO form (`2026-10-31`, `09:30:12`)
/// becomes the internal one, anything else is moved in as it is, cut to the field's length.
fn abap_date_time(text: &str, length: usize) -> String {
    let shape = if length == 8 {
        "dddd-dd-dd"
    } else {
        "dd:dd:dd"
    };
    let iso = text.len() >= shape.len()
        && text.chars().zip(shape.chars()).all(|(c, s)| match s {
            'd' => c.is_ascii_digit(),
            separator => c == separator,
        });
    if iso {
        digits(&text[..shape.len()])
    } else {
        text.chars().take(length).collect()
    }
}

/// A `TYPE string` moved into a `timestamp` (packed): digits as a number, empty is 0, anything
/// else raises CX_SY_CONVERSION_NO_NUMBER, which the resource answers with 400.
fn abap_timestamp(text: &str) -> Result<u64, Refusal> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(0);
    }
    trimmed
        .parse::<u64>()
        .map_err(|_| Refusal(format!("Unable to interpret \"{text}\" as a number.")))
}

fn stamp(dump: &ShortDump) -> u64 {
    dump.timestamp
        .format("%Y%m%d%H%M%S")
        .to_string()
        .parse()
        .unwrap_or(0)
}

/// A list row: only the SNAP_ADT fields; texts, source and stack stay initial.
fn list_row(dump: &ShortDump) -> Value {
    json!({
        "id": dump.id,
        "utc_timestamp": dump.timestamp.format("%Y%m%d%H%M%S").to_string(),
        "date": dump.timestamp.format("%Y-%m-%d").to_string(),
        "time": dump.timestamp.format("%H:%M:%S").to_string(),
        "user": dump.user,
        "program": dump.program,
        "object": dump.object,
        "error": dump.runtime_error,
        "exception": dump.exception,
        "package": dump.package,
        "host": dump.host,
        "what_happened": "",
        "error_analysis": "",
        "source_line": 0,
        "source_include": "",
        "call_stack": [],
    })
}

/// The detail item: the id as sent, the stack, and the source as one more entry with only
/// METHOD set (`>>>>> ` before the error line, six blanks before the others).
fn detail_item(id: &str, dump: &ShortDump) -> Value {
    let mut item = list_row(dump);
    let mut stack: Vec<Value> = dump
        .call_stack
        .iter()
        .map(|frame| {
            json!({
                "level": frame.level,
                "class": frame.class,
                "method": frame.method,
                "program": frame.program,
                "include": frame.include,
                "line": frame.line,
            })
        })
        .collect();
    if !dump.source_excerpt.is_empty() && dump.source_line > 0 {
        let source: String = dump
            .source_excerpt
            .iter()
            .map(|line| {
                let marker = if line.is_error { ">>>>> " } else { "      " };
                format!("{marker}{}\n", line.text)
            })
            .collect();
        stack.push(json!({"level": 0, "class": "", "method": source, "program": "", "include": "", "line": 0}));
    }
    if let Some(map) = item.as_object_mut() {
        map.insert("id".into(), json!(id));
        map.insert("what_happened".into(), json!(dump.what_happened));
        map.insert("error_analysis".into(), json!(dump.error_analysis));
        map.insert("source_line".into(), json!(dump.source_line));
        map.insert("source_include".into(), json!(dump.source_include));
        map.insert("call_stack".into(), Value::Array(stack));
    }
    item
}

fn answer(success: bool, message: &str, dumps: Vec<Value>, error: &str) -> Reply {
    Reply::upper(json!({
        "success": success,
        "command": "DUMP",
        "message": message,
        "total": dumps.len(),
        "dumps": dumps,
        "error": error,
    }))
}

/// `ZCL_ABGAGT_COMMAND_DUMP->execute`: `detail` reads one dump or answers "Short dump not
/// found"; the list selects SNAP_ADT with exact user, program and error (as sent), by
/// timestamp when `ts_from` is given (an empty `ts_to` is 0, so nothing matches) or else by
/// date (the last 7 days by default) and time of day, newest first, up to `limit` rows.
fn as_implemented(ctx: &Ctx, body: &Body) -> Outcome {
    let limit = match body.abap_int("limit") {
        l if !(1..=MAX_LIMIT).contains(&l) => DEFAULT_LIMIT,
        l => l,
    } as usize;
    let system = ctx.state.system();
    let detail = body.text("detail");
    if !detail.is_empty() {
        return Ok(match system.dump(&detail).filter(|d| d.id == detail) {
            Some(dump) => answer(
                true,
                "Short dump detail retrieved",
                vec![detail_item(&detail, dump)],
                "",
            ),
            None => answer(false, "", Vec::new(), "Short dump not found"),
        });
    }
    let every = DumpFilter {
        from: Some(NaiveDateTime::MIN),
        to: Some(NaiveDateTime::MAX),
        ..DumpFilter::default()
    };
    let user = body.char("user", 12);
    let program = body.char("program", 40);
    let error = body.char("error", 40);
    let exact = |wanted: &str, value: &str| wanted.is_empty() || wanted == value;
    let by_fields = |d: &&ShortDump| {
        exact(&user, &d.user) && exact(&program, &d.program) && exact(&error, &d.runtime_error)
    };
    let ts_from = body.text("ts_from");
    let mut rows: Vec<&ShortDump> = if !ts_from.is_empty() {
        let from = abap_timestamp(&ts_from)?;
        let to = abap_timestamp(&body.text("ts_to"))?;
        system
            .dumps(&every)
            .into_iter()
            .filter(by_fields)
            .filter(|d| (from..=to).contains(&stamp(d)))
            .collect()
    } else {
        let today = system.reference_time().date();
        let date = |key: &str, default: NaiveDate| {
            Some(abap_date_time(&body.text(key), 8))
                .filter(|d| !d.trim().is_empty())
                .unwrap_or_else(|| default.format("%Y%m%d").to_string())
        };
        let date_from = date("date_from", today - chrono::Duration::days(7));
        let date_to = date("date_to", today);
        // A `t` field of zeros is initial: no condition.
        let time = |key: &str| {
            Some(abap_date_time(&body.text(key), 6))
                .filter(|t| !t.trim().is_empty() && t != "000000")
        };
        let (time_from, time_to) = (time("time_from"), time("time_to"));
        system
            .dumps(&every)
            .into_iter()
            .filter(by_fields)
            .filter(|d| {
                let datum = d.timestamp.format("%Y%m%d").to_string();
                let uzeit = d.timestamp.format("%H%M%S").to_string();
                datum >= date_from
                    && datum <= date_to
                    && time_from.as_ref().is_none_or(|t| &uzeit >= t)
                    && time_to.as_ref().is_none_or(|t| &uzeit <= t)
            })
            .collect()
    };
    rows.sort_by_key(|d| std::cmp::Reverse(d.timestamp));
    rows.truncate(limit);
    let dumps: Vec<Value> = rows.into_iter().map(list_row).collect();
    let message = format!("{} short dump(s) found", dumps.len());
    Ok(answer(true, &message, dumps, ""))
}
