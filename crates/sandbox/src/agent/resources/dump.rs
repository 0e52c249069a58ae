//! `/dump`: ST22 short dumps with user, program, error, date/time and limit filters.
//! The sandbox's server-local time is UTC, so date/time and ts filters agree.

use abap_system::{DumpFilter, ShortDump};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde_json::{json, Value};

use super::{int_field, Outcome, Refusal};
use crate::agent::{Body, Ctx, Reply};

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
