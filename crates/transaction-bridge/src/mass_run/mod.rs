//! A mass run: one operation for every row of a CSV, row by row on one bridge session
//! (never in parallel: the bridge drives one SAP GUI session), with progress, stop and
//! resume, a result per row, retry of failed rows and an export of the results.
//!
//! Every step is written to a [journal](journal) first, so a run resumed after the app
//! stopped never sends a row twice: a row is marked sent (on disk) before it is sent, and
//! a row marked sent without an answer is [`RowStatus::Unknown`], which only the user can
//! send again ([`MassRun::retry_rows`]).

mod csv_input;
mod journal;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use sap_http::{NetworkPhase, SapError};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use csv_input::{check_csv, CellProblem, CheckedCsv, CsvRefused, MAX_PROBLEMS};
pub use journal::JournalError;

use crate::answer::StatusBarMessage;
use crate::client::BridgeApp;
use crate::error::{BridgeError, FailureReason, Remedy};
use crate::metadata::Operation;
use crate::request::{typed_inputs, FieldProblem, Inputs};
use journal::{Event, Journal};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    /// Not sent yet (or chosen to run again).
    Pending,
    /// Being sent now.
    Sent,
    Succeeded,
    Failed,
    /// Sent, but no answer came (the connection was lost, the app stopped): it may have run.
    /// Never sent again unless the user says so.
    Unknown,
}

/// Why a row failed, in the bridge's terms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RowError {
    /// The bridge's reason; `null` for a network or logon problem of the session.
    pub reason: Option<FailureReason>,
    pub remedy: Option<Remedy>,
    pub message: String,
    /// Per field, for invalid input.
    pub fields: Vec<FieldProblem>,
}

/// A row's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RowOutcome {
    /// RFC 3339.
    pub at: String,
    pub status_bar: Option<StatusBarMessage>,
    /// The `Output` object (`null` when failed or none).
    #[cfg_attr(feature = "specta", specta(type = crate::json_type::JsonValue))]
    pub output: Value,
    pub error: Option<RowError>,
    pub duration_ms: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MassRow {
    /// 1 = the first row under the CSV's header.
    pub number: u32,
    pub inputs: Inputs,
    pub status: RowStatus,
    pub outcome: Option<RowOutcome>,
    /// How often the row was sent.
    pub attempts: u32,
}

/// Counts per status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MassRunSummary {
    pub total: u32,
    pub pending: u32,
    pub succeeded: u32,
    pub failed: u32,
    pub unknown: u32,
    /// Why the last run stopped before the end (the user, a lost connection, ...).
    pub stopped: Option<String>,
}

impl MassRunSummary {
    /// The counts of `rows`.
    pub fn of(rows: &[MassRow], stopped: Option<String>) -> Self {
        let mut summary = Self {
            total: u32::try_from(rows.len()).unwrap_or(u32::MAX),
            stopped,
            ..Self::default()
        };
        for row in rows {
            match row.status {
                RowStatus::Pending | RowStatus::Sent => summary.pending += 1,
                RowStatus::Succeeded => summary.succeeded += 1,
                RowStatus::Failed => summary.failed += 1,
                RowStatus::Unknown => summary.unknown += 1,
            }
        }
        summary
    }
}

/// Sent to the caller after every row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MassRunProgress {
    pub summary: MassRunSummary,
    /// The row just answered.
    pub row: u32,
    pub status: RowStatus,
}

/// Everything that stops a mass run from being used.
#[derive(Debug, Clone, PartialEq, thiserror::Error, Serialize)]
#[serde(untagged)]
pub enum MassRunError {
    #[error(transparent)]
    Journal(#[from] JournalError),
    #[error(transparent)]
    Bridge(#[from] BridgeError),
    /// The CSV (or an edited row) did not pass the check.
    #[error("the rows have {} problem(s)", .0.total_problems)]
    Refused(CsvRefused),
    /// A row number that the run does not have, or a change the row's state does not allow.
    #[error("{0}")]
    Row(String),
}

/// Set by the user's Stop: the run ends after the row being sent.
#[derive(Debug, Clone, Default)]
pub struct StopSignal(Arc<AtomicBool>);

impl StopSignal {
    pub fn stop(&self) {
        self.0.store(true, Ordering::Release);
    }
    pub fn is_stopped(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
    pub fn reset(&self) {
        self.0.store(false, Ordering::Release);
    }
}

/// A mass run and its journal.
pub struct MassRun {
    journal: Journal,
    app_id: String,
    operation: String,
    columns: Vec<String>,
    created_at: String,
    rows: Vec<MassRow>,
    stopped: Option<String>,
}

impl std::fmt::Debug for MassRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MassRun")
            .field("journal", &self.journal.path())
            .field("operation", &self.operation)
            .field("summary", &self.summary())
            .finish_non_exhaustive()
    }
}

impl MassRun {
    /// Checks `csv` against `operation` and, when every row is good, writes the journal at
    /// `path` (a new file). Nothing is sent.
    pub fn create(
        path: &Path,
        app_id: &str,
        operation: &Operation,
        csv: &str,
    ) -> Result<Self, MassRunError> {
        let checked = check_csv(operation, csv).map_err(MassRunError::Refused)?;
        let created_at = now();
        let start = Event::Start {
            app_id: app_id.to_owned(),
            operation: operation.name.clone(),
            columns: checked.columns.clone(),
            rows: checked.rows.clone(),
            created_at: created_at.clone(),
        };
        let journal = Journal::create(path, &start)?;
        Ok(Self::from_rows(
            journal,
            app_id,
            &operation.name,
            checked.columns,
            checked.rows,
            created_at,
        ))
    }

    fn from_rows(
        journal: Journal,
        app_id: &str,
        operation: &str,
        columns: Vec<String>,
        rows: Vec<Inputs>,
        created_at: String,
    ) -> Self {
        let rows = rows
            .into_iter()
            .enumerate()
            .map(|(index, inputs)| MassRow {
                number: u32::try_from(index + 1).unwrap_or(u32::MAX),
                inputs,
                status: RowStatus::Pending,
                outcome: None,
                attempts: 0,
            })
            .collect();
        Self {
            journal,
            app_id: app_id.to_owned(),
            operation: operation.to_owned(),
            columns,
            created_at,
            rows,
            stopped: None,
        }
    }

    /// The run as its journal left it. A row sent without an answer is `Unknown`.
    pub fn open(path: &Path) -> Result<Self, MassRunError> {
        let (journal, events) = Journal::open(path)?;
        let mut events = events.into_iter();
        let Some(Event::Start {
            app_id,
            operation,
            columns,
            rows,
            created_at,
        }) = events.next()
        else {
            return Err(MassRunError::Row("the journal has no start".into()));
        };
        let mut run = Self::from_rows(journal, &app_id, &operation, columns, rows, created_at);
        for event in events {
            let Some(index) = event_row(&event).and_then(|row| run.index(row).ok()) else {
                if let Event::Retry { rows } = event {
                    for row in rows {
                        if let Ok(index) = run.index(row) {
                            run.rows[index].status = RowStatus::Pending;
                        }
                    }
                }
                continue;
            };
            let row = &mut run.rows[index];
            match event {
                Event::Sent { .. } => {
                    row.status = RowStatus::Sent;
                    row.attempts += 1;
                }
                Event::Done {
                    status, outcome, ..
                } => {
                    row.status = status;
                    row.outcome = Some(outcome);
                }
                Event::Edit { inputs, .. } => row.inputs = inputs,
                Event::Start { .. } | Event::Retry { .. } => {}
            }
        }
        for row in &mut run.rows {
            if row.status == RowStatus::Sent {
                row.status = RowStatus::Unknown;
            }
        }
        Ok(run)
    }

    pub fn app_id(&self) -> &str {
        &self.app_id
    }
    pub fn operation(&self) -> &str {
        &self.operation
    }
    pub fn columns(&self) -> &[String] {
        &self.columns
    }
    pub fn created_at(&self) -> &str {
        &self.created_at
    }
    pub fn rows(&self) -> &[MassRow] {
        &self.rows
    }

    pub fn summary(&self) -> MassRunSummary {
        MassRunSummary::of(&self.rows, self.stopped.clone())
    }

    /// Sends every pending row, in order, one at a time, until the end, the user's stop or
    /// a problem that would fail every further row (the connection, the logon, the app).
    /// A row refused for the screen state is followed by `Home` before the next row.
    pub async fn run(
        &mut self,
        app: &BridgeApp,
        stop: &StopSignal,
        mut progress: impl FnMut(&MassRunProgress, &MassRow),
    ) -> Result<MassRunSummary, MassRunError> {
        self.stopped = None;
        // A row left sent by a run that was cut off (a cancelled job) got no answer.
        for row in &mut self.rows {
            if row.status == RowStatus::Sent {
                row.status = RowStatus::Unknown;
            }
        }
        let metadata = app.metadata().await?;
        let operation = metadata.operation(&self.operation).cloned();
        let mut go_home = false;
        for index in 0..self.rows.len() {
            if self.rows[index].status != RowStatus::Pending {
                continue;
            }
            if stop.is_stopped() {
                self.stopped = Some("stopped by the user".into());
                break;
            }
            if go_home {
                if let Err(error) = app.home().await {
                    self.stopped = Some(format!("Home failed after a screen-state error: {error}"));
                    break;
                }
                go_home = false;
            }
            let number = self.rows[index].number;
            // Checked again: the recording's metadata may have changed since the CSV was read.
            if let Some(problems) = operation
                .as_ref()
                .and_then(|op| typed_inputs(op, &self.rows[index].inputs).err())
            {
                let outcome = failed_outcome(RowError {
                    reason: Some(FailureReason::InvalidInput),
                    remedy: Some(Remedy::CorrectInput),
                    message: "the row does not fit the operation's parameters".into(),
                    fields: problems,
                });
                self.finish(index, RowStatus::Failed, outcome)?;
                progress(&self.progress(number), &self.rows[index]);
                continue;
            }
            self.journal.append(&Event::Sent { row: number }, true)?;
            self.rows[index].status = RowStatus::Sent;
            self.rows[index].attempts += 1;
            let started = std::time::Instant::now();
            let answer = app.run(&self.operation, &self.rows[index].inputs).await;
            let duration_ms = u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX);
            let (status, outcome, halt) = match answer {
                Ok(result) => (
                    RowStatus::Succeeded,
                    RowOutcome {
                        at: now(),
                        status_bar: result.state.status_bar,
                        output: result.output,
                        error: None,
                        duration_ms,
                    },
                    None,
                ),
                Err(error) => {
                    let (status, halt) = judge(&error);
                    go_home |= error
                        .failure()
                        .is_some_and(|f| f.reason == FailureReason::InvalidScreenState);
                    let mut outcome = failed_outcome(row_error(&error));
                    outcome.status_bar = error
                        .failure()
                        .and_then(|f| f.state.as_ref())
                        .and_then(|s| s.status_bar.clone());
                    outcome.duration_ms = duration_ms;
                    (status, outcome, halt.then(|| error.to_string()))
                }
            };
            self.finish(index, status, outcome)?;
            progress(&self.progress(number), &self.rows[index]);
            if let Some(reason) = halt {
                self.stopped = Some(format!("stopped at row {number}: {reason}"));
                break;
            }
        }
        Ok(self.summary())
    }

    fn finish(
        &mut self,
        index: usize,
        status: RowStatus,
        outcome: RowOutcome,
    ) -> Result<(), MassRunError> {
        let row = self.rows[index].number;
        // Not forced to disk: if it is lost, the row reads as sent without an answer,
        // "unknown", which is the careful reading.
        self.journal.append(
            &Event::Done {
                row,
                status,
                outcome: outcome.clone(),
            },
            false,
        )?;
        self.rows[index].status = status;
        self.rows[index].outcome = Some(outcome);
        Ok(())
    }

    fn progress(&self, row: u32) -> MassRunProgress {
        let status = self
            .index(row)
            .map_or(RowStatus::Pending, |i| self.rows[i].status);
        MassRunProgress {
            summary: self.summary(),
            row,
            status,
        }
    }

    /// Marks every failed row to run again; answers how many. Unknown rows are left alone.
    pub fn retry_failed(&mut self) -> Result<u32, MassRunError> {
        let rows: Vec<u32> = self
            .rows
            .iter()
            .filter(|row| row.status == RowStatus::Failed)
            .map(|row| row.number)
            .collect();
        self.retry(rows)
    }

    /// Marks these rows (failed or unknown: the user checked that an unknown one did not
    /// run) to run again.
    pub fn retry_rows(&mut self, rows: &[u32]) -> Result<u32, MassRunError> {
        for row in rows {
            let index = self.index(*row)?;
            if matches!(
                self.rows[index].status,
                RowStatus::Succeeded | RowStatus::Sent
            ) {
                return Err(MassRunError::Row(format!(
                    "row {row} succeeded (or is being sent): it is not run again"
                )));
            }
        }
        self.retry(rows.to_vec())
    }

    fn retry(&mut self, rows: Vec<u32>) -> Result<u32, MassRunError> {
        if rows.is_empty() {
            return Ok(0);
        }
        self.journal
            .append(&Event::Retry { rows: rows.clone() }, true)?;
        for row in &rows {
            let index = self.index(*row)?;
            self.rows[index].status = RowStatus::Pending;
        }
        self.stopped = None;
        Ok(u32::try_from(rows.len()).unwrap_or(u32::MAX))
    }

    /// Corrects a row that did not succeed (its status stays; retry it to send it).
    pub fn edit_row(
        &mut self,
        operation: &Operation,
        row: u32,
        inputs: Inputs,
    ) -> Result<(), MassRunError> {
        let index = self.index(row)?;
        if matches!(
            self.rows[index].status,
            RowStatus::Succeeded | RowStatus::Sent
        ) {
            return Err(MassRunError::Row(format!(
                "row {row} succeeded (or is being sent): it cannot be changed"
            )));
        }
        let inputs: Inputs = inputs
            .into_iter()
            .filter(|(k, _)| self.columns.contains(k))
            .collect();
        if let Err(fields) = typed_inputs(operation, &inputs) {
            let problems: Vec<CellProblem> = fields
                .into_iter()
                .map(|f| CellProblem {
                    row,
                    line: row + 1,
                    column: Some(f.field),
                    message: f.message,
                })
                .collect();
            return Err(MassRunError::Refused(CsvRefused {
                total_problems: u32::try_from(problems.len()).unwrap_or(u32::MAX),
                problems,
                rows: 1,
            }));
        }
        self.journal.append(
            &Event::Edit {
                row,
                inputs: inputs.clone(),
            },
            true,
        )?;
        self.rows[index].inputs = inputs;
        Ok(())
    }

    /// The rows with their results as CSV (see [`export_csv`]).
    pub fn export_csv(&self) -> Result<String, MassRunError> {
        export_csv(&self.columns, &self.rows)
    }

    fn index(&self, row: u32) -> Result<usize, MassRunError> {
        let index = usize::try_from(row).unwrap_or(0).wrapping_sub(1);
        if index < self.rows.len() {
            Ok(index)
        } else {
            Err(MassRunError::Row(format!("the run has no row {row}")))
        }
    }
}

/// The rows with their results as CSV: the input columns, then status, status bar
/// message, error, and the `Output`'s fields (a table or structure as JSON text).
pub fn export_csv(columns: &[String], rows: &[MassRow]) -> Result<String, MassRunError> {
    let mut output_fields: Vec<String> = Vec::new();
    for row in rows {
        if let Some(Value::Object(output)) = row.outcome.as_ref().map(|o| &o.output) {
            for key in output.keys() {
                if !output_fields.contains(key) {
                    output_fields.push(key.clone());
                }
            }
        }
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["Row".to_owned()];
    header.extend(columns.iter().cloned());
    header.extend(["Status", "Message type", "Status bar message", "Error"].map(String::from));
    header.extend(output_fields.iter().cloned());
    let csv_error = |error: csv::Error| MassRunError::Row(format!("cannot write the CSV: {error}"));
    writer.write_record(&header).map_err(csv_error)?;
    for row in rows {
        let outcome = row.outcome.as_ref();
        let mut record = vec![row.number.to_string()];
        record.extend(csv_input::row_cells(columns, &row.inputs));
        record.push(status_name(row.status).to_owned());
        let status_bar = outcome.and_then(|o| o.status_bar.as_ref());
        record.push(
            status_bar
                .map_or("", |s| s.message_type.letter())
                .to_owned(),
        );
        record.push(status_bar.map(|s| s.text.clone()).unwrap_or_default());
        record.push(
            outcome
                .and_then(|o| o.error.as_ref())
                .map(|e| e.message.clone())
                .unwrap_or_default(),
        );
        for field in &output_fields {
            let value = outcome.and_then(|o| o.output.get(field));
            record.push(match value {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(text)) => text.clone(),
                Some(other) => other.to_string(),
            });
        }
        writer.write_record(&record).map_err(csv_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| MassRunError::Row(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| MassRunError::Row(e.to_string()))
}

fn event_row(event: &Event) -> Option<u32> {
    match event {
        Event::Sent { row } | Event::Done { row, .. } | Event::Edit { row, .. } => Some(*row),
        Event::Start { .. } | Event::Retry { .. } => None,
    }
}

pub fn status_name(status: RowStatus) -> &'static str {
    match status {
        RowStatus::Pending => "pending",
        RowStatus::Sent => "sent",
        RowStatus::Succeeded => "succeeded",
        RowStatus::Failed => "failed",
        RowStatus::Unknown => "unknown",
    }
}

fn failed_outcome(error: RowError) -> RowOutcome {
    RowOutcome {
        at: now(),
        status_bar: None,
        output: Value::Null,
        error: Some(error),
        duration_ms: 0,
    }
}

fn row_error(error: &BridgeError) -> RowError {
    match error.failure() {
        Some(failure) => RowError {
            reason: Some(failure.reason),
            remedy: Some(failure.remedy),
            message: failure.message.clone(),
            fields: failure.fields.clone(),
        },
        None => RowError {
            reason: None,
            remedy: None,
            message: error.to_string(),
            fields: Vec::new(),
        },
    }
}

/// The row's status after `error`, and whether the run stops (every further row would fail
/// the same way).
fn judge(error: &BridgeError) -> (RowStatus, bool) {
    match error {
        BridgeError::Bridge(failure) => match failure.reason {
            FailureReason::OutcomeUnknown => (RowStatus::Unknown, true),
            FailureReason::ApplicationNotFound
            | FailureReason::SequenceNotFound
            | FailureReason::LoginFailed
            | FailureReason::RestguiCallFailed
            | FailureReason::Metadata => (RowStatus::Failed, true),
            _ => (RowStatus::Failed, false),
        },
        BridgeError::Sap(sap) => match sap {
            SapError::Decode { .. }
            | SapError::HttpStatus { .. }
            | SapError::ResponseTooLarge { .. } => (RowStatus::Failed, false),
            // A read lost in flight: it changed nothing, but the connection is gone.
            SapError::Network {
                phase: NetworkPhase::Transfer,
                ..
            } => (RowStatus::Failed, true),
            _ => (RowStatus::Failed, true),
        },
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edm::EdmType;
    use crate::metadata::{OperationKind, Parameter};

    fn operation() -> Operation {
        Operation {
            name: "Lock".into(),
            kind: OperationKind::Action,
            generic: false,
            parameters: vec![Parameter {
                name: "UserName".into(),
                edm_type: EdmType::String,
                input_kind: EdmType::String.input_kind(),
                required: true,
                max_length: None,
            }],
            output: Vec::new(),
            problem: None,
        }
    }

    #[test]
    fn a_row_sent_without_an_answer_is_unknown_after_a_restart_and_not_retried() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("run.jsonl");
        let mut run = MassRun::create(&path, "su01", &operation(), "UserName\nA\nB\nC\n").unwrap();
        // Row 1 answered, row 2 sent when the app stopped.
        run.journal.append(&Event::Sent { row: 1 }, true).unwrap();
        run.finish(
            0,
            RowStatus::Failed,
            failed_outcome(RowError {
                reason: None,
                remedy: None,
                message: "x".into(),
                fields: vec![],
            }),
        )
        .unwrap();
        run.journal.append(&Event::Sent { row: 2 }, true).unwrap();
        drop(run);
        // A torn last line (the app stopped while writing) is ignored.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"event\":\"do")
            .unwrap();

        let mut reopened = MassRun::open(&path).unwrap();
        let statuses: Vec<RowStatus> = reopened.rows().iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            [RowStatus::Failed, RowStatus::Unknown, RowStatus::Pending]
        );
        assert_eq!(reopened.summary().unknown, 1);
        assert_eq!(reopened.retry_failed().unwrap(), 1);
        assert_eq!(
            reopened.rows()[1].status,
            RowStatus::Unknown,
            "unknown rows wait for the user"
        );
        reopened.retry_rows(&[2]).unwrap();
        drop(reopened);
        let again = MassRun::open(&path).unwrap();
        let statuses: Vec<RowStatus> = again.rows().iter().map(|r| r.status).collect();
        assert_eq!(statuses, [RowStatus::Pending; 3]);
        assert_eq!(again.rows()[1].attempts, 1);
    }

    #[test]
    fn bad_csv_is_refused_before_a_journal_exists() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("run.jsonl");
        let error =
            MassRun::create(&path, "su01", &operation(), "UserName,Colour\nA,red\n").unwrap_err();
        assert!(
            matches!(error, MassRunError::Refused(ref r) if r.problems[0].column.as_deref() == Some("Colour")),
            "{error:?}"
        );
        assert!(!path.exists());
    }

    #[test]
    fn a_journal_damaged_in_the_middle_is_an_error_not_a_guess() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("run.jsonl");
        MassRun::create(&path, "su01", &operation(), "UserName\nA\n").unwrap();
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        file.write_all(b"garbage\n{\"event\":\"sent\",\"row\":1}\n")
            .unwrap();
        let error = MassRun::open(&path).unwrap_err();
        assert!(error.to_string().contains("line 2 is damaged"), "{error}");
        assert!(
            MassRun::create(&path, "su01", &operation(), "UserName\nA\n").is_err(),
            "never overwritten"
        );
    }

    #[test]
    fn edits_are_checked_and_kept() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("run.jsonl");
        let mut run = MassRun::create(&path, "su01", &operation(), "UserName\nA\n").unwrap();
        let bad = Inputs::from([("UserName".to_owned(), "  ".to_owned())]);
        assert!(matches!(
            run.edit_row(&operation(), 1, bad),
            Err(MassRunError::Refused(_))
        ));
        let good = Inputs::from([("UserName".to_owned(), "B".to_owned())]);
        run.edit_row(&operation(), 1, good).unwrap();
        assert!(run.edit_row(&operation(), 9, Inputs::new()).is_err());
        drop(run);
        assert_eq!(
            MassRun::open(&path).unwrap().rows()[0].inputs["UserName"],
            "B"
        );
    }

    use std::io::Write as _;
}
