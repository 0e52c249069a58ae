//! `cpi messages`: the message monitor's list with its filters, newest first, the crate's
//! CSV export, and `--fail-on-failed` for pipelines; `cpi message`: one message in detail.

use std::path::Path;

use chrono::{SecondsFormat, Utc};
use cloud_integration::{
    messages_csv, CloudIntegrationClient, CustomHeaderFilter, MessageFilter, MessageLog,
    MessageStatus,
};
use sap_http::SapError;
use serde::Serialize;

use super::or_empty;
use crate::cli::MessagesArgs;
use crate::commands::write_text_file;
use crate::context::Run;
use crate::exit::{CliError, CliResult};
use crate::output::{fields, table, Report};

/// Messages shown or exported at most, as the app's export.
const MAX_MESSAGES: u32 = 100_000;

#[derive(Serialize)]
struct MessageList {
    filter: MessageFilter,
    /// Every message of the filter on the tenant (not only those shown).
    total: Option<f64>,
    shown: usize,
    /// FAILED messages of the filter, counted with `--fail-on-failed`.
    failed: Option<f64>,
    csv_file: Option<String>,
    messages: Vec<MessageLog>,
}

/// The monitor's list: newest first, pages followed until `--limit`, the window fixed when
/// the command starts (so that list, count and export are one snapshot).
pub async fn messages(run: &mut Run, args: &MessagesArgs) -> CliResult<Report> {
    if args.limit == 0 || args.limit > MAX_MESSAGES {
        return Err(CliError::usage(format!(
            "--limit: between 1 and {MAX_MESSAGES}"
        )));
    }
    let filter = message_filter(args)?;
    // Checked before anything is sent: an unreadable time is the caller's, named by its flag.
    filter.to_query().map_err(filter_error)?;
    let client = run.cloud_integration()?;
    let limit = args.limit as usize;
    let mut rows: Vec<MessageLog> = Vec::new();
    let mut total = None;
    let mut next: Option<String> = None;
    loop {
        let page = client.messages(&filter, next.as_deref()).await?;
        total = total.or(page.total);
        rows.extend(page.messages);
        next = page.next_page;
        if next.is_none() || rows.len() >= limit {
            break;
        }
    }
    rows.truncate(limit);
    let failed = match args.fail_on_failed {
        true => Some(failed_count(&client, &filter).await?),
        false => None,
    };
    // The crate's export (the app's "Export" button), only when asked for.
    let wants_csv = args.csv_file.is_some() || run.output.csv;
    let csv = wants_csv.then(|| messages_csv(&rows)).transpose()?;
    if let (Some(path), Some(csv)) = (&args.csv_file, &csv) {
        write_text_file(path, csv)?;
    }
    let text = messages_text(&rows, total, failed, args.csv_file.as_deref());
    let list = MessageList {
        filter,
        total,
        shown: rows.len(),
        failed,
        csv_file: args.csv_file.as_ref().map(|p| p.display().to_string()),
        messages: rows,
    };
    let mut report = Report::new(&list, text).findings_if(failed.is_some_and(|count| count > 0.0));
    report.csv = csv;
    Ok(report)
}

/// FAILED messages of the filter (none when its statuses leave FAILED out): one `$count`.
async fn failed_count(client: &CloudIntegrationClient, filter: &MessageFilter) -> CliResult<f64> {
    if !filter.statuses.is_empty() && !filter.statuses.contains(&MessageStatus::Failed) {
        return Ok(0.0);
    }
    let only_failed = MessageFilter {
        statuses: vec![MessageStatus::Failed],
        ..filter.clone()
    };
    let counts = client.message_counts(&only_failed).await?;
    Ok(counts.iter().map(|count| count.count).sum())
}

fn message_filter(args: &MessagesArgs) -> CliResult<MessageFilter> {
    let statuses = args
        .statuses
        .iter()
        .map(|status| {
            MessageStatus::parse(status).ok_or_else(|| {
                CliError::usage(format!(
                    "--status {status}: a message status is one of {}",
                    MessageStatus::ALL
                        .iter()
                        .map(|s| s.wire_name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
        })
        .collect::<CliResult<Vec<_>>>()?;
    let (from, to) = match &args.last {
        Some(last) => {
            let span = parse_duration(last)?;
            let now = Utc::now();
            let from = now - span;
            (
                Some(from.to_rfc3339_opts(SecondsFormat::Millis, true)),
                Some(now.to_rfc3339_opts(SecondsFormat::Millis, true)),
            )
        }
        None => (args.since.clone(), args.until.clone()),
    };
    let custom_header = match &args.header {
        None => None,
        Some(pair) => {
            let (name, value) = pair.split_once('=').ok_or_else(|| {
                CliError::usage(format!(
                    "--header {pair:?}: NAME=VALUE, e.g. --header OrderNumber=4711"
                ))
            })?;
            Some(CustomHeaderFilter {
                name: name.trim().to_owned(),
                value: value.to_owned(),
            })
        }
    };
    Ok(MessageFilter {
        statuses,
        from,
        to,
        integration_flow: args.flow.clone(),
        sender: args.sender.clone(),
        receiver: args.receiver.clone(),
        application_message_id: args.app_message_id.clone(),
        correlation_id: args.correlation_id.clone(),
        custom_header,
    })
}

/// A filter the crate refused, named by the flag that set the field.
fn filter_error(error: SapError) -> CliError {
    match error {
        SapError::Config { field, message } => {
            let flag = match field.as_str() {
                "from" => "--since",
                "to" => "--until",
                "custom_header" => "--header",
                other => other,
            };
            CliError::usage(format!("{flag}: {message}"))
        }
        other => other.into(),
    }
}

/// `30m`, `1h`, `24h`, `7d`, `90s`, `2w`.
fn parse_duration(text: &str) -> CliResult<chrono::Duration> {
    let text = text.trim();
    let refused = || {
        CliError::usage(format!(
            "--last {text:?}: a number and a unit (s, m, h, d, w), e.g. 30m, 1h, 7d"
        ))
    };
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(refused)?;
    let (number, unit) = text.split_at(split);
    let number: i64 = number.parse().map_err(|_| refused())?;
    let seconds = match unit {
        "s" => 1,
        "m" | "min" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 604_800,
        _ => return Err(refused()),
    };
    if number == 0 {
        return Err(refused());
    }
    number
        .checked_mul(seconds)
        .and_then(chrono::Duration::try_seconds)
        .ok_or_else(refused)
}

fn messages_text(
    rows: &[MessageLog],
    total: Option<f64>,
    failed: Option<f64>,
    csv_file: Option<&Path>,
) -> String {
    let mut text = if rows.is_empty() {
        "No messages match.\n".to_owned()
    } else {
        table(
            [
                "log end",
                "status",
                "integration flow",
                "sender",
                "receiver",
                "app message id",
                "message guid",
            ],
            rows.iter().map(|m| {
                [
                    or_empty(&m.log_end),
                    m.status.clone(),
                    or_empty(&m.integration_flow),
                    or_empty(&m.sender),
                    or_empty(&m.receiver),
                    or_empty(&m.application_message_id),
                    m.message_guid.clone(),
                ]
            }),
        )
    };
    if let Some(total) = total.filter(|total| *total as usize > rows.len()) {
        text.push_str(&format!(
            "{} of {} messages, newest first (--limit N shows more).\n",
            rows.len(),
            total as u64
        ));
    }
    if let Some(failed) = failed {
        text.push_str(&format!("FAILED messages: {}\n", failed as u64));
    }
    if let Some(path) = csv_file {
        text.push_str(&format!(
            "Wrote {} messages to {}\n",
            rows.len(),
            path.display()
        ));
    }
    text
}

/// A message's detail as the monitor shows it: the log, the error text, custom header
/// properties, attachments, runs with their steps, message store entries; parts the tenant
/// would not give are named.
pub async fn message(run: &mut Run, guid: &str) -> CliResult<Report> {
    let detail = run.cloud_integration()?.message(guid).await?;
    let log = &detail.log;
    let artifact = log.artifact.as_ref();
    let mut text = fields(&[
        ("Message", log.message_guid.clone()),
        ("Status", log.status.clone()),
        ("Integration flow", or_empty(&log.integration_flow)),
        (
            "Package",
            artifact
                .and_then(|a| a.package_id.clone())
                .unwrap_or_default(),
        ),
        ("Sender", or_empty(&log.sender)),
        ("Receiver", or_empty(&log.receiver)),
        ("Started", or_empty(&log.log_start)),
        ("Ended", or_empty(&log.log_end)),
        ("App message id", or_empty(&log.application_message_id)),
        ("Correlation id", or_empty(&log.correlation_id)),
        ("Custom status", or_empty(&log.custom_status)),
        ("Log level", or_empty(&log.log_level)),
        ("In the tenant", or_empty(&log.alternate_web_link)),
    ]);
    if let Some(error) = detail
        .error_text
        .as_deref()
        .filter(|e| !e.trim().is_empty())
    {
        text.push_str("\nError\n");
        for line in error.lines() {
            text.push_str(&format!("  {line}\n"));
        }
    }
    if !detail.custom_headers.is_empty() {
        text.push_str("\nCustom header properties\n");
        let pairs: Vec<(&str, String)> = detail
            .custom_headers
            .iter()
            .map(|header| (header.name.as_str(), header.value.clone()))
            .collect();
        for line in fields(&pairs).lines() {
            text.push_str(&format!("  {line}\n"));
        }
    }
    if !detail.attachments.is_empty() {
        text.push_str("\nAttachments\n");
        text.push_str(&table(
            ["name", "type", "bytes", "at"],
            detail.attachments.iter().map(|a| {
                [
                    a.name.clone(),
                    or_empty(&a.content_type),
                    a.size_bytes
                        .map(|b| (b as u64).to_string())
                        .unwrap_or_default(),
                    or_empty(&a.timestamp),
                ]
            }),
        ));
    }
    for run in &detail.runs {
        text.push_str(&format!(
            "\nRun {} ({})\n",
            or_empty(&run.run_start),
            or_empty(&run.overall_state)
        ));
        text.push_str(&table(
            ["step", "activity", "status", "error"],
            run.steps.iter().map(|step| {
                [
                    or_empty(&step.model_step_id),
                    or_empty(&step.activity),
                    or_empty(&step.status),
                    or_empty(&step.error),
                ]
            }),
        ));
    }
    if !detail.store_entries.is_empty() {
        text.push_str("\nMessage store\n");
        text.push_str(&table(
            ["id", "step", "at"],
            detail.store_entries.iter().map(|entry| {
                [
                    entry.id.clone(),
                    or_empty(&entry.message_store_id),
                    or_empty(&entry.timestamp),
                ]
            }),
        ));
    }
    for part in &detail.unavailable {
        text.push_str(&format!("Not available: {part}\n"));
    }
    Ok(Report::new(&detail, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(parse_duration("1h").unwrap().num_seconds(), 3_600);
        assert_eq!(parse_duration("30m").unwrap().num_seconds(), 1_800);
        assert_eq!(parse_duration("7d").unwrap().num_seconds(), 604_800);
        for bad in ["", "h", "1", "1y", "0h", "-1h", "99999999999999999999d"] {
            let error = parse_duration(bad).err().unwrap();
            assert!(error.message.starts_with("--last"), "{bad}: {error}");
        }
    }
}
