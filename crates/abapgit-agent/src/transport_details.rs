//! Transport requests in detail. The handler's `/transport` LIST answers only number,
//! description, owner and date of modifiable requests; type, status, tasks, objects and
//! released requests are in the CTS tables, which `/preview` reads like SE16 does:
//! E070 (headers of requests and tasks), E07T (short texts), E071 (object entries).

use serde::{Deserialize, Serialize};

use crate::preview::{CellValue, PreviewRequest, PreviewTable};
use crate::{AgentClient, SapError, TransportScope};

/// Most object entries read for one request (E071 rows of the request and its tasks).
pub const MAX_OBJECT_ENTRIES: u32 = 5_000;
/// Most released requests listed (the newest by number).
pub const MAX_RELEASED: u32 = 200;

/// One row of E070 with its short text: a request or a task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TransportHeader {
    pub number: String,
    /// E070-TRFUNCTION: requests K (workbench), W (customizing), T (transport of copies);
    /// tasks S (development/correction), R (repair), Q (customizing task), X (unclassified).
    pub function: String,
    /// The function in words, e.g. "Workbench request".
    pub type_text: String,
    /// E070-TRSTATUS: D, L (modifiable), O (release started), R, N (released).
    pub status: String,
    /// The status in words, e.g. "Modifiable".
    pub status_text: String,
    pub released: bool,
    pub owner: String,
    /// Date of the last change (for a released request: of the release), `YYYY-MM-DD`.
    pub date: String,
    /// Time of the last change, `HH:MM:SS` (the system's clock).
    pub time: String,
    /// Transport target, e.g. `QAS` (requests only).
    pub target: String,
    /// Short text (E07T); empty when the system has none.
    pub description: String,
    /// The request a task belongs to; None for a request.
    pub parent: Option<String>,
}

/// One object entry (E071) of a request or of one of its tasks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TransportEntry {
    /// The request or task that records the entry.
    pub holder: String,
    /// `R3TR` (whole object), `LIMU` (part of one), `CORR` (comment).
    pub pgmid: String,
    pub object_type: String,
    pub name: String,
}

/// A request with its tasks and objects.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TransportDetails {
    pub request: TransportHeader,
    pub tasks: Vec<TransportHeader>,
    /// Entries of the request and its tasks, the request's first.
    pub objects: Vec<TransportEntry>,
    /// More entries exist than were read ([`MAX_OBJECT_ENTRIES`]).
    pub objects_capped: bool,
}

impl TransportDetails {
    /// Neither the request nor any of its tasks records an object.
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }
}

/// Released requests, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReleasedTransports {
    pub requests: Vec<TransportHeader>,
    /// How many released requests the system holds for the scope (more than listed when
    /// above [`MAX_RELEASED`]).
    pub total: u32,
}

/// A request number as E070 keys it (upper case), or None when the text cannot be one.
/// The number goes into a WHERE condition, so nothing but letters and digits passes.
pub fn request_number(text: &str) -> Option<String> {
    let number = text.trim().to_ascii_uppercase();
    let valid = (4..=20).contains(&number.len())
        && number.chars().all(|c| c.is_ascii_alphanumeric())
        && number.get(3..4) == Some("K");
    valid.then_some(number)
}

/// The function letter in words.
pub fn type_text(function: &str) -> &'static str {
    match function {
        "K" => "Workbench request",
        "W" => "Customizing request",
        "T" => "Transport of copies",
        "C" => "Relocation",
        "S" => "Development/correction",
        "R" => "Repair",
        "Q" => "Customizing task",
        "X" => "Unclassified task",
        _ => "Other",
    }
}

/// The status letter in words.
pub fn status_text(status: &str) -> &'static str {
    match status {
        "D" => "Modifiable",
        "L" => "Modifiable, protected",
        "O" => "Release started",
        "R" => "Released",
        "N" => "Released (with import protection)",
        _ => "Unknown",
    }
}

fn is_released(status: &str) -> bool {
    matches!(status, "R" | "N")
}

/// A table read as rows of named text cells.
struct Rows<'a> {
    table: &'a PreviewTable,
}

impl<'a> Rows<'a> {
    fn of(table: &'a PreviewTable) -> Result<Self, SapError> {
        match &table.error {
            Some(message) => Err(SapError::Sap {
                status: 200,
                message: format!("{} could not be read: {message}", table.name),
                details: Vec::new(),
            }),
            None => Ok(Self { table }),
        }
    }

    fn iter(&self) -> impl Iterator<Item = Row<'a>> + '_ {
        self.table.rows.iter().map(|cells| Row {
            columns: &self.table.columns,
            cells,
        })
    }
}

struct Row<'a> {
    columns: &'a [crate::preview::PreviewColumn],
    cells: &'a [CellValue],
}

impl Row<'_> {
    fn text(&self, column: &str) -> String {
        let cell = self
            .columns
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(column))
            .and_then(|i| self.cells.get(i));
        match cell {
            Some(CellValue::Text(text)) => text.trim().to_string(),
            Some(CellValue::Number(n)) => n.to_string(),
            Some(CellValue::Bool(b)) => b.to_string(),
            _ => String::new(),
        }
    }
}

/// `YYYYMMDD` or `YYYY-MM-DD` as `YYYY-MM-DD`; other text as sent.
fn iso_date(text: &str) -> String {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 8 && digits != "00000000" {
        format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..])
    } else if digits.chars().all(|c| c == '0') {
        String::new()
    } else {
        text.to_string()
    }
}

/// `HHMMSS` or `HH:MM:SS` as `HH:MM:SS`.
fn clock_time(text: &str) -> String {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 6 {
        format!("{}:{}:{}", &digits[..2], &digits[2..4], &digits[4..])
    } else {
        text.to_string()
    }
}

fn header(row: &Row<'_>) -> TransportHeader {
    let function = row.text("TRFUNCTION");
    let status = row.text("TRSTATUS");
    let parent = row.text("STRKORR");
    TransportHeader {
        number: row.text("TRKORR"),
        type_text: type_text(&function).to_string(),
        status_text: status_text(&status).to_string(),
        released: is_released(&status),
        function,
        status,
        owner: row.text("AS4USER"),
        date: iso_date(&row.text("AS4DATE")),
        time: clock_time(&row.text("AS4TIME")),
        target: row.text("TARSYSTEM"),
        description: String::new(),
        parent: (!parent.is_empty()).then_some(parent),
    }
}

/// `'A', 'B'` for an IN list (the numbers are checked by [`request_number`] or come from E070).
fn quoted(numbers: &[String]) -> String {
    numbers
        .iter()
        .map(|n| format!("'{}'", n.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(", ")
}

const E070_COLUMNS: [&str; 9] = [
    "TRKORR",
    "TRFUNCTION",
    "TRSTATUS",
    "TARSYSTEM",
    "KORRDEV",
    "AS4USER",
    "AS4DATE",
    "AS4TIME",
    "STRKORR",
];

impl AgentClient {
    /// Reads up to `max_rows` rows of one CTS table matching `condition`.
    async fn cts_rows(
        &self,
        table: &str,
        condition: String,
        columns: &[&str],
        max_rows: u32,
        offset: u32,
    ) -> Result<PreviewTable, SapError> {
        let request = PreviewRequest {
            objects: vec![table.to_string()],
            object_type: Some("TABL".to_string()),
            limit: None,
            offset,
            where_clause: Some(condition),
            columns: columns.iter().map(|c| (*c).to_string()).collect(),
        };
        let result = self.preview_all(&request, max_rows).await?;
        result
            .objects
            .into_iter()
            .next()
            .ok_or_else(|| SapError::Decode {
                message: format!("the preview of {table} holds no table"),
                excerpt: String::new(),
            })
    }

    /// Short texts of requests or tasks, by number (the first text each has).
    async fn short_texts(
        &self,
        numbers: &[String],
    ) -> Result<std::collections::HashMap<String, String>, SapError> {
        let mut texts = std::collections::HashMap::new();
        if numbers.is_empty() {
            return Ok(texts);
        }
        let max = u32::try_from(numbers.len() * 4).unwrap_or(u32::MAX);
        let table = self
            .cts_rows(
                "E07T",
                format!("TRKORR IN ({})", quoted(numbers)),
                &["TRKORR", "LANGU", "AS4TEXT"],
                max,
                0,
            )
            .await?;
        for row in Rows::of(&table)?.iter() {
            texts
                .entry(row.text("TRKORR"))
                .or_insert_with(|| row.text("AS4TEXT"));
        }
        Ok(texts)
    }

    /// A request with its type, status, target, tasks (with their owners) and object entries,
    /// from E070, E07T and E071. A task's number gives the task's own details.
    pub async fn transport_details(&self, number: &str) -> Result<TransportDetails, SapError> {
        let number = request_number(number).ok_or_else(|| SapError::Config {
            field: "number".into(),
            message: format!("“{}” is no transport request number", number.trim()),
        })?;
        let headers = self
            .cts_rows(
                "E070",
                format!("TRKORR = '{number}' OR STRKORR = '{number}'"),
                &E070_COLUMNS,
                1_000,
                0,
            )
            .await?;
        let headers: Vec<TransportHeader> =
            Rows::of(&headers)?.iter().map(|r| header(&r)).collect();
        let Some(mut request) = headers.iter().find(|h| h.number == number).cloned() else {
            return Err(SapError::Sap {
                status: 200,
                message: format!("Request {number} does not exist in the system (not in E070)"),
                details: Vec::new(),
            });
        };
        let mut tasks: Vec<TransportHeader> = headers
            .into_iter()
            .filter(|h| h.parent.as_deref() == Some(number.as_str()))
            .collect();
        tasks.sort_by(|a, b| a.number.cmp(&b.number));
        let holders: Vec<String> = std::iter::once(number.clone())
            .chain(tasks.iter().map(|t| t.number.clone()))
            .collect();
        let texts = self.short_texts(&holders);
        let entries = self.cts_rows(
            "E071",
            format!("TRKORR IN ({})", quoted(&holders)),
            &["TRKORR", "AS4POS", "PGMID", "OBJECT", "OBJ_NAME"],
            MAX_OBJECT_ENTRIES,
            0,
        );
        let (texts, entries) = tokio::join!(texts, entries);
        let (texts, entries) = (texts?, entries?);
        request.description = texts.get(&number).cloned().unwrap_or_default();
        for task in &mut tasks {
            task.description = texts.get(&task.number).cloned().unwrap_or_default();
        }
        let mut objects: Vec<TransportEntry> = Rows::of(&entries)?
            .iter()
            .map(|row| TransportEntry {
                holder: row.text("TRKORR"),
                pgmid: row.text("PGMID"),
                object_type: row.text("OBJECT"),
                name: row.text("OBJ_NAME"),
            })
            .collect();
        // The request's own entries first, then each task's, in the order recorded.
        objects.sort_by_key(|entry| holders.iter().position(|h| *h == entry.holder));
        let objects_capped = entries.total_rows as usize > objects.len();
        Ok(TransportDetails {
            request,
            tasks,
            objects,
            objects_capped,
        })
    }

    /// Released requests (workbench and customizing), newest first, at most [`MAX_RELEASED`]:
    /// for `Mine` those the logged-on user owns, for `Task` also those where the user had a
    /// task. The handler's LIST never returns them.
    pub async fn released_transports(
        &self,
        scope: TransportScope,
    ) -> Result<ReleasedTransports, SapError> {
        const RELEASED: &str =
            "TRSTATUS IN ('R', 'N') AND STRKORR = '' AND TRFUNCTION IN ('K', 'W')";
        let user = self
            .session()
            .config()
            .basic()
            .map(|c| c.user.trim().to_ascii_uppercase().replace('\'', "''"))
            .unwrap_or_default();
        let condition = match scope {
            TransportScope::All => RELEASED.to_string(),
            TransportScope::Mine => format!("{RELEASED} AND AS4USER = '{user}'"),
            TransportScope::Task => {
                let tasks = self
                    .cts_rows(
                        "E070",
                        format!("TRSTATUS IN ('R', 'N') AND STRKORR <> '' AND AS4USER = '{user}'"),
                        &["TRKORR", "STRKORR"],
                        1_000,
                        0,
                    )
                    .await?;
                let mut parents: Vec<String> = Rows::of(&tasks)?
                    .iter()
                    .map(|r| r.text("STRKORR"))
                    .collect();
                parents.sort();
                parents.dedup();
                if parents.is_empty() {
                    format!("{RELEASED} AND AS4USER = '{user}'")
                } else {
                    format!(
                        "{RELEASED} AND ( AS4USER = '{user}' OR TRKORR IN ({}) )",
                        quoted(&parents)
                    )
                }
            }
        };
        // The newest by number: read the count, then the last page (an offset orders by TRKORR).
        let first = self
            .cts_rows("E070", condition.clone(), &E070_COLUMNS, MAX_RELEASED, 0)
            .await?;
        let total = first.total_rows;
        let table = if total > MAX_RELEASED {
            self.cts_rows(
                "E070",
                condition,
                &E070_COLUMNS,
                MAX_RELEASED,
                total - MAX_RELEASED,
            )
            .await?
        } else {
            first
        };
        let mut requests: Vec<TransportHeader> =
            Rows::of(&table)?.iter().map(|r| header(&r)).collect();
        let numbers: Vec<String> = requests.iter().map(|r| r.number.clone()).collect();
        let texts = self.short_texts(&numbers).await?;
        for request in &mut requests {
            request.description = texts.get(&request.number).cloned().unwrap_or_default();
        }
        requests.sort_by(|a, b| {
            (b.date.as_str(), b.time.as_str(), b.number.as_str()).cmp(&(
                a.date.as_str(),
                a.time.as_str(),
                a.number.as_str(),
            ))
        });
        Ok(ReleasedTransports { requests, total })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_numbers_are_letters_and_digits_with_k_in_fourth_place() {
        assert_eq!(
            request_number(" devk900042 ").as_deref(),
            Some("DEVK900042")
        );
        assert_eq!(request_number("DEVK900042' OR 'A' = 'A"), None);
        assert_eq!(request_number("DEV900042"), None);
        assert_eq!(request_number(""), None);
    }

    #[test]
    fn dates_and_times_read_from_both_dialects() {
        assert_eq!(iso_date("20261231"), "2026-12-31");
        assert_eq!(iso_date("2026-12-31"), "2026-12-31");
        assert_eq!(iso_date("00000000"), "");
        assert_eq!(clock_time("143015"), "14:30:15");
        assert_eq!(clock_time("14:30:15"), "14:30:15");
    }

    #[test]
    fn functions_and_statuses_in_words() {
        assert_eq!(type_text("K"), "Workbench request");
        assert_eq!(type_text("Q"), "Customizing task");
        assert_eq!(status_text("R"), "Released");
        assert!(is_released("N") && !is_released("D"));
    }
}
