//! The message monitor: message processing logs (MPL), the filters people use built as the
//! tenant's `$filter`, and a message's detail (error text, attachments, custom header
//! properties, runs and steps, message store entries).

use chrono::{DateTime, SecondsFormat, Timelike, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::invalid;
use crate::wire::{date_text, expanded_one, number, string_literal, text_or_empty, Fields};
use sap_http::SapError;

/// The statuses of a message processing log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MessageStatus {
    Completed,
    Processing,
    Retry,
    Escalated,
    Failed,
    Cancelled,
    Discarded,
    Abandoned,
}

impl MessageStatus {
    pub const ALL: [MessageStatus; 8] = [
        Self::Completed,
        Self::Processing,
        Self::Retry,
        Self::Escalated,
        Self::Failed,
        Self::Cancelled,
        Self::Discarded,
        Self::Abandoned,
    ];

    pub fn wire_name(self) -> &'static str {
        match self {
            Self::Completed => "COMPLETED",
            Self::Processing => "PROCESSING",
            Self::Retry => "RETRY",
            Self::Escalated => "ESCALATED",
            Self::Failed => "FAILED",
            Self::Cancelled => "CANCELLED",
            Self::Discarded => "DISCARDED",
            Self::Abandoned => "ABANDONED",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|status| status.wire_name().eq_ignore_ascii_case(text.trim()))
    }

    /// Statuses whose message has an error text worth fetching.
    pub fn has_error(self) -> bool {
        matches!(
            self,
            Self::Failed | Self::Retry | Self::Escalated | Self::Cancelled | Self::Abandoned
        )
    }
}

/// The message monitor's filter. Every field is optional; the fields are joined with `and`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MessageFilter {
    /// Any of these statuses (none: all).
    #[serde(default)]
    pub statuses: Vec<MessageStatus>,
    /// Messages that ended at or after this instant (RFC 3339, any offset).
    pub from: Option<String>,
    /// Messages that ended before this instant (RFC 3339).
    pub to: Option<String>,
    /// The integration flow's id (artifact id), exactly.
    pub integration_flow: Option<String>,
    pub sender: Option<String>,
    pub receiver: Option<String>,
    pub application_message_id: Option<String>,
    pub correlation_id: Option<String>,
    /// A custom header property (`name` = `value`), set by the flow's script.
    pub custom_header: Option<CustomHeaderFilter>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CustomHeaderFilter {
    pub name: String,
    pub value: String,
}

/// The query of a filtered list: `$filter` and the custom option
/// `filterCustomHeaderProperties` (both absent when nothing is filtered).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterQuery {
    pub filter: Option<String>,
    pub custom_header: Option<String>,
}

impl MessageFilter {
    /// The tenant's `$filter`: string literals quoted with `''` for a quote, instants as
    /// `datetime'2024-01-31T10:00:00'` in UTC (the tenant takes no zone in the literal).
    /// Refuses an unreadable instant or a window that ends before it starts.
    pub fn to_query(&self) -> Result<FilterQuery, SapError> {
        let mut terms = Vec::new();
        if !self.statuses.is_empty() {
            let mut statuses = self.statuses.clone();
            statuses.dedup();
            let alternatives: Vec<String> = statuses
                .iter()
                .map(|status| format!("Status eq {}", string_literal(status.wire_name())))
                .collect();
            terms.push(if alternatives.len() == 1 {
                alternatives[0].clone()
            } else {
                format!("({})", alternatives.join(" or "))
            });
        }
        let from = instant("from", self.from.as_deref())?;
        let to = instant("to", self.to.as_deref())?;
        if let (Some(from), Some(to)) = (from, to) {
            if to <= from {
                return Err(invalid(
                    "to",
                    "the time window ends before it starts: choose a later end",
                ));
            }
        }
        if let Some(from) = from {
            terms.push(format!("LogEnd gt datetime'{}'", datetime_literal(&from)));
        }
        if let Some(to) = to {
            terms.push(format!("LogEnd lt datetime'{}'", datetime_literal(&to)));
        }
        for (property, value) in [
            ("IntegrationFlowName", &self.integration_flow),
            ("Sender", &self.sender),
            ("Receiver", &self.receiver),
            ("ApplicationMessageId", &self.application_message_id),
            ("CorrelationId", &self.correlation_id),
        ] {
            if let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                terms.push(format!("{property} eq {}", string_literal(value)));
            }
        }
        let custom_header = match &self.custom_header {
            Some(header) if !header.name.trim().is_empty() => Some(format!(
                "{} eq {}",
                string_literal(header.name.trim()),
                string_literal(&header.value)
            )),
            Some(header) if !header.value.trim().is_empty() => {
                return Err(invalid(
                    "custom_header",
                    "give the custom header property's name as well as its value",
                ))
            }
            _ => None,
        };
        Ok(FilterQuery {
            filter: (!terms.is_empty()).then(|| terms.join(" and ")),
            custom_header,
        })
    }
}

fn instant(field: &str, text: Option<&str>) -> Result<Option<DateTime<Utc>>, SapError> {
    let Some(text) = text.map(str::trim).filter(|text| !text.is_empty()) else {
        return Ok(None);
    };
    DateTime::parse_from_rfc3339(text)
        .map(|date| Some(date.with_timezone(&Utc)))
        .map_err(|_| {
            invalid(
                field,
                format!("'{text}' is not a point in time: expected e.g. 2024-01-31T10:00:00Z"),
            )
        })
}

/// `2024-01-31T10:00:00` (UTC, no zone), with milliseconds only when there are some.
fn datetime_literal(date: &DateTime<Utc>) -> String {
    let format = if date.nanosecond() / 1_000_000 == 0 {
        SecondsFormat::Secs
    } else {
        SecondsFormat::Millis
    };
    date.to_rfc3339_opts(format, true)
        .trim_end_matches('Z')
        .to_owned()
}

/// The artifact that processed a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ArtifactRef {
    pub id: String,
    pub name: Option<String>,
    pub artifact_type: Option<String>,
    pub package_id: Option<String>,
    pub package_name: Option<String>,
}

/// One message processing log (a row of the monitor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MessageLog {
    /// The key: 28 characters, base64url (`AGAS1GcWkfBv-ZtpS6j7TKjReO7t`).
    pub message_guid: String,
    pub correlation_id: Option<String>,
    pub application_message_id: Option<String>,
    pub application_message_type: Option<String>,
    /// RFC 3339 UTC.
    pub log_start: Option<String>,
    pub log_end: Option<String>,
    pub sender: Option<String>,
    pub receiver: Option<String>,
    /// The flow's id (`IntegrationArtifact.Id`, else the deprecated `IntegrationFlowName`).
    pub integration_flow: Option<String>,
    pub artifact: Option<ArtifactRef>,
    /// `COMPLETED`, `FAILED`, ... as the tenant says it.
    pub status: String,
    pub custom_status: Option<String>,
    pub log_level: Option<String>,
    /// The message in the tenant's own monitor.
    pub alternate_web_link: Option<String>,
    pub transaction_id: Option<String>,
}

/// One page of the monitor's list, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MessagePage {
    pub messages: Vec<MessageLog>,
    /// All messages matching the filter (`$inlinecount`, first page only).
    pub total: Option<f64>,
    /// Pass it back to read the next page; `None` on the last page.
    pub next_page: Option<String>,
}

/// How many messages of the filter have a status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusCount {
    pub status: MessageStatus,
    pub count: f64,
}

/// A file attached to the log by the flow (payload snapshots, error payloads).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MessageAttachment {
    /// `sap-it-res:msg:…`.
    pub id: String,
    pub name: String,
    pub content_type: Option<String>,
    pub size_bytes: Option<f64>,
    pub timestamp: Option<String>,
    /// The content type says text (text/*, XML, JSON): it can be shown.
    pub is_text: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CustomHeaderProperty {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MessageRun {
    pub id: String,
    pub run_start: Option<String>,
    pub run_stop: Option<String>,
    pub log_level: Option<String>,
    pub overall_state: Option<String>,
    pub steps: Vec<RunStep>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RunStep {
    pub step_id: Option<String>,
    pub model_step_id: Option<String>,
    pub activity: Option<String>,
    pub status: Option<String>,
    pub error: Option<String>,
    pub step_start: Option<String>,
    pub step_stop: Option<String>,
}

/// A message persisted by a Persist step (`MessageStoreEntries`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MessageStoreEntry {
    pub id: String,
    /// The Persist step's id.
    pub message_store_id: Option<String>,
    pub timestamp: Option<String>,
    pub has_attachments: bool,
}

/// Everything the message detail shows. Parts the tenant could not give (a missing role,
/// a log without runs) are named in `unavailable` instead of failing the whole detail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MessageDetail {
    pub log: MessageLog,
    /// `ErrorInformation/$value` (text) for a message with an error.
    pub error_text: Option<String>,
    pub attachments: Vec<MessageAttachment>,
    pub custom_headers: Vec<CustomHeaderProperty>,
    pub runs: Vec<MessageRun>,
    pub store_entries: Vec<MessageStoreEntry>,
    /// e.g. `attachments: The user or client lacks the role for this (403 Forbidden)`.
    pub unavailable: Vec<String>,
}

/// An attachment's or store entry's content, in memory for viewing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PayloadContent {
    pub content_type: Option<String>,
    pub size_bytes: f64,
    /// The content as text when it is UTF-8 text; `None` for binary content (save it).
    pub text: Option<String>,
    /// The preview stopped at the viewing limit.
    pub truncated: bool,
}

pub(crate) fn decode_log(entity: &Map<String, Value>) -> Option<MessageLog> {
    let fields = Fields(entity);
    let artifact = expanded_one(entity, "IntegrationArtifact").and_then(|artifact| {
        let artifact = Fields(artifact);
        Some(ArtifactRef {
            id: artifact.text("Id")?,
            name: artifact.text("Name"),
            artifact_type: artifact.text("Type"),
            package_id: artifact.text("PackageId"),
            package_name: artifact.text("PackageName"),
        })
    });
    Some(MessageLog {
        message_guid: fields.text("MessageGuid")?,
        correlation_id: fields.text("CorrelationId"),
        application_message_id: fields.text("ApplicationMessageId"),
        application_message_type: fields.text("ApplicationMessageType"),
        log_start: date_text(fields, "LogStart"),
        log_end: date_text(fields, "LogEnd"),
        sender: fields.text("Sender"),
        receiver: fields.text("Receiver"),
        integration_flow: artifact
            .as_ref()
            .map(|artifact| artifact.id.clone())
            .or_else(|| fields.text("IntegrationFlowName")),
        artifact,
        status: fields
            .text("Status")
            .map(|status| status.to_ascii_uppercase())
            .unwrap_or_else(|| "UNKNOWN".into()),
        custom_status: fields.text("CustomStatus"),
        log_level: fields.text("LogLevel"),
        alternate_web_link: fields.text("AlternateWebLink"),
        transaction_id: fields.text("TransactionId"),
    })
}

pub(crate) fn decode_attachment(entity: &Map<String, Value>) -> Option<MessageAttachment> {
    let fields = Fields(entity);
    let id = fields.text("Id")?;
    let content_type = fields.text("ContentType");
    Some(MessageAttachment {
        name: fields.text("Name").unwrap_or_else(|| id.clone()),
        id,
        is_text: content_type.as_deref().is_some_and(is_text_type),
        content_type,
        size_bytes: number(fields, "PayloadSize"),
        timestamp: date_text(fields, "TimeStamp"),
    })
}

pub(crate) fn decode_custom_header(entity: &Map<String, Value>) -> Option<CustomHeaderProperty> {
    let fields = Fields(entity);
    Some(CustomHeaderProperty {
        name: fields.text("Name")?,
        value: text_or_empty(fields, "Value"),
    })
}

pub(crate) fn decode_run(entity: &Map<String, Value>) -> Option<MessageRun> {
    let fields = Fields(entity);
    Some(MessageRun {
        id: fields.text("Id")?,
        run_start: date_text(fields, "RunStart"),
        run_stop: date_text(fields, "RunStop"),
        log_level: fields.text("LogLevel"),
        overall_state: fields.text("OverallState"),
        steps: Vec::new(),
    })
}

pub(crate) fn decode_run_step(entity: &Map<String, Value>) -> RunStep {
    let fields = Fields(entity);
    RunStep {
        step_id: fields.text("StepId"),
        model_step_id: fields.text("ModelStepId"),
        activity: fields.text("Activity"),
        status: fields.text("Status"),
        error: fields.text("Error"),
        step_start: date_text(fields, "StepStart"),
        step_stop: date_text(fields, "StepStop"),
    }
}

pub(crate) fn decode_store_entry(entity: &Map<String, Value>) -> Option<MessageStoreEntry> {
    let fields = Fields(entity);
    Some(MessageStoreEntry {
        id: fields.text("Id")?,
        message_store_id: fields.text("MessageStoreId"),
        timestamp: date_text(fields, "TimeStamp").or_else(|| date_text(fields, "Timestamp")),
        has_attachments: fields.flag("HasAttachments").unwrap_or(false),
    })
}

/// text/*, XML, JSON and friends can be shown as text.
pub fn is_text_type(content_type: &str) -> bool {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    mime.starts_with("text/")
        || mime.ends_with("+xml")
        || mime.ends_with("+json")
        || matches!(
            mime.as_str(),
            "application/xml"
                | "application/json"
                | "application/javascript"
                | "application/x-www-form-urlencoded"
                | "application/edi-x12"
                | "application/edifact"
                | "xml"
                | "json"
                | "text"
        )
}

fn cell(value: Option<&String>) -> &str {
    value.map(String::as_str).unwrap_or_default()
}

/// The monitor's rows as CSV (header row first), for the "Export" button and the CLI.
pub fn messages_csv(messages: &[MessageLog]) -> Result<String, SapError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let to_error = |error: csv::Error| invalid("csv", error.to_string());
    writer
        .write_record([
            "MessageGuid",
            "Status",
            "LogStart",
            "LogEnd",
            "IntegrationFlow",
            "IntegrationFlowName",
            "Package",
            "Sender",
            "Receiver",
            "ApplicationMessageId",
            "ApplicationMessageType",
            "CorrelationId",
            "CustomStatus",
            "LogLevel",
        ])
        .map_err(to_error)?;
    for message in messages {
        let artifact = message.artifact.as_ref();
        writer
            .write_record([
                message.message_guid.as_str(),
                message.status.as_str(),
                cell(message.log_start.as_ref()),
                cell(message.log_end.as_ref()),
                cell(message.integration_flow.as_ref()),
                cell(artifact.and_then(|a| a.name.as_ref())),
                cell(artifact.and_then(|a| a.package_id.as_ref())),
                cell(message.sender.as_ref()),
                cell(message.receiver.as_ref()),
                cell(message.application_message_id.as_ref()),
                cell(message.application_message_type.as_ref()),
                cell(message.correlation_id.as_ref()),
                cell(message.custom_status.as_ref()),
                cell(message.log_level.as_ref()),
            ])
            .map_err(to_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| invalid("csv", error.to_string()))?;
    String::from_utf8(bytes).map_err(|error| invalid("csv", error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_documented_windowed_query() {
        let filter = MessageFilter {
            statuses: vec![MessageStatus::Failed],
            from: Some("2024-01-01T00:00:00Z".into()),
            to: Some("2024-01-02T01:00:00+01:00".into()),
            ..MessageFilter::default()
        };
        assert_eq!(
            filter.to_query().unwrap().filter.as_deref(),
            Some("Status eq 'FAILED' and LogEnd gt datetime'2024-01-01T00:00:00' and LogEnd lt datetime'2024-01-02T00:00:00'")
        );
    }

    #[test]
    fn every_field_with_quotes_escaped() {
        let filter = MessageFilter {
            statuses: vec![MessageStatus::Failed, MessageStatus::Retry],
            from: Some("2024-01-01T00:00:00.250Z".into()),
            integration_flow: Some("PO_Outbound".into()),
            sender: Some("O'Brien & Sons".into()),
            receiver: Some(" SUPPLIER_X ".into()),
            application_message_id: Some("PO-4711' or Status eq 'COMPLETED".into()),
            correlation_id: Some("".into()),
            custom_header: Some(CustomHeaderFilter {
                name: "po_number".into(),
                value: "12'345".into(),
            }),
            ..MessageFilter::default()
        };
        let query = filter.to_query().unwrap();
        assert_eq!(
            query.filter.as_deref(),
            Some("(Status eq 'FAILED' or Status eq 'RETRY') and LogEnd gt datetime'2024-01-01T00:00:00.250' and IntegrationFlowName eq 'PO_Outbound' and Sender eq 'O''Brien & Sons' and Receiver eq 'SUPPLIER_X' and ApplicationMessageId eq 'PO-4711'' or Status eq ''COMPLETED'")
        );
        assert_eq!(
            query.custom_header.as_deref(),
            Some("'po_number' eq '12''345'")
        );
        assert_eq!(
            MessageFilter::default().to_query().unwrap(),
            FilterQuery::default()
        );
    }

    #[test]
    fn bad_windows_are_refused_before_sending() {
        let backwards = MessageFilter {
            from: Some("2024-01-02T00:00:00Z".into()),
            to: Some("2024-01-01T00:00:00Z".into()),
            ..MessageFilter::default()
        };
        assert!(
            matches!(backwards.to_query(), Err(SapError::Config { field, .. }) if field == "to")
        );
        let unreadable = MessageFilter {
            from: Some("yesterday".into()),
            ..MessageFilter::default()
        };
        assert!(
            matches!(unreadable.to_query(), Err(SapError::Config { field, .. }) if field == "from")
        );
        let nameless = MessageFilter {
            custom_header: Some(CustomHeaderFilter {
                name: " ".into(),
                value: "x".into(),
            }),
            ..MessageFilter::default()
        };
        assert!(nameless.to_query().is_err());
    }

    #[test]
    fn a_log_as_the_tenant_sends_it() {
        let entity = json!({
            "__metadata": {"id": "x", "uri": "x", "type": "com.sap.hci.api.MessageProcessingLog"},
            "MessageGuid": "AGW0x2Kq9rT1bYxvXZ3m0c8QeF1a", "CorrelationId": "AGW0x2Lk0u2Hm8Qp3aZ7c5YtRw9b",
            "ApplicationMessageId": "PO-4711", "ApplicationMessageType": "PurchaseOrder",
            "LogStart": "/Date(1706700000123)/", "LogEnd": "/Date(1706700001456)/", "Sender": "S4H",
            "Receiver": "SUPPLIER_X", "IntegrationFlowName": "PO_Outbound", "Status": "FAILED",
            "CustomStatus": "FAILED", "LogLevel": "INFO",
            "IntegrationArtifact": {"Id": "PO_Outbound", "Name": "PO Outbound", "Type": "INTEGRATION_FLOW",
                "PackageId": "Procurement", "PackageName": "Procurement"},
            "ArchivingLogAttachments": "false", "TransactionId": "9f2c",
            "ErrorInformation": {"__deferred": {"uri": "x"}}
        });
        let log = decode_log(entity.as_object().unwrap()).unwrap();
        assert_eq!(log.status, "FAILED");
        assert_eq!(log.integration_flow.as_deref(), Some("PO_Outbound"));
        assert_eq!(log.log_end.as_deref(), Some("2024-01-31T11:20:01.456Z"));
        assert_eq!(
            log.artifact.unwrap().package_id.as_deref(),
            Some("Procurement")
        );
        let nulls = json!({"MessageGuid": "A", "ApplicationMessageId": null, "Status": null,
            "IntegrationArtifact": null, "IntegrationFlowName": "Old"});
        let log = decode_log(nulls.as_object().unwrap()).unwrap();
        assert_eq!(log.status, "UNKNOWN");
        assert_eq!(log.integration_flow.as_deref(), Some("Old"));
    }

    #[test]
    fn attachments_sizes_and_text_types() {
        let entity = json!({"Id": "sap-it-res:msg:ae15c0dda:623fab5f", "MessageGuid": "A",
            "TimeStamp": "/Date(1522069440106)/", "Name": "Test Attachment1",
            "ContentType": "text/plain", "PayloadSize": "26"});
        let attachment = decode_attachment(entity.as_object().unwrap()).unwrap();
        assert_eq!(attachment.size_bytes, Some(26.0));
        assert!(attachment.is_text);
        assert!(is_text_type("application/xml; charset=utf-8"));
        assert!(is_text_type("application/soap+xml"));
        assert!(!is_text_type("application/zip"));
        assert!(!is_text_type("application/octet-stream"));
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let log = MessageLog {
            message_guid: "A1".into(),
            correlation_id: None,
            application_message_id: Some("PO, \"urgent\"".into()),
            application_message_type: None,
            log_start: None,
            log_end: Some("2024-01-31T11:20:01.456Z".into()),
            sender: Some("line\nbreak".into()),
            receiver: None,
            integration_flow: Some("PO_Outbound".into()),
            artifact: None,
            status: "FAILED".into(),
            custom_status: None,
            log_level: None,
            alternate_web_link: None,
            transaction_id: None,
        };
        let csv = messages_csv(&[log]).unwrap();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[0], "A1");
        assert_eq!(&row[7], "line\nbreak");
        assert_eq!(&row[9], "PO, \"urgent\"");
        assert_eq!(reader.headers().unwrap().len(), 14);
    }
}
