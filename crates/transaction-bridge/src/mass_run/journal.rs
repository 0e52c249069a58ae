//! The mass run's journal: one JSON line per event, appended, the `sent` mark forced to
//! disk before the row is sent. Replaying it gives the run's state after any stop (a
//! closed app, a crash, a power cut): a row marked sent without a result is "unknown".

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{RowOutcome, RowStatus};
use crate::request::Inputs;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub(crate) enum Event {
    /// The first line: what runs, for which rows.
    Start {
        app_id: String,
        operation: String,
        columns: Vec<String>,
        rows: Vec<Inputs>,
        created_at: String,
    },
    /// The row is about to be sent (on disk before it is).
    Sent { row: u32 },
    /// The row's answer.
    Done {
        row: u32,
        status: RowStatus,
        outcome: RowOutcome,
    },
    /// The user chose to run these rows again.
    Retry { rows: Vec<u32> },
    /// The user corrected a row's input.
    Edit { row: u32, inputs: Inputs },
}

/// Why the journal cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[error("the mass run's journal {path}: {message}")]
pub struct JournalError {
    pub path: String,
    pub message: String,
}

pub(crate) struct Journal {
    path: PathBuf,
    file: File,
}

impl Journal {
    fn error(path: &Path, message: impl std::fmt::Display) -> JournalError {
        JournalError {
            path: path.display().to_string(),
            message: message.to_string(),
        }
    }

    /// A new journal with its first event; an existing file is never overwritten.
    pub fn create(path: &Path, start: &Event) -> Result<Self, JournalError> {
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|e| Self::error(path, e))?;
        }
        let file = OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(path)
            .map_err(|e| Self::error(path, e))?;
        let mut journal = Self {
            path: path.to_owned(),
            file,
        };
        journal.append(start, true)?;
        Ok(journal)
    }

    /// Opens an existing journal for appending, with every event in it. A last line cut
    /// short (the app stopped while writing it) is ignored; damage elsewhere is an error.
    pub fn open(path: &Path) -> Result<(Self, Vec<Event>), JournalError> {
        let text = std::fs::read_to_string(path).map_err(|e| Self::error(path, e))?;
        let mut events = Vec::new();
        let mut offset = 0;
        let mut torn_at = None;
        for (index, line) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += line.len();
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Event>(line) {
                Ok(event) => events.push(event),
                Err(_) if !line.ends_with('\n') => torn_at = Some(start),
                Err(error) => {
                    return Err(Self::error(
                        path,
                        format!("line {} is damaged: {error}", index + 1),
                    ))
                }
            }
        }
        if !matches!(events.first(), Some(Event::Start { .. })) {
            return Err(Self::error(path, "it does not start with the run's rows"));
        }
        let mut file = OpenOptions::new()
            .append(true)
            .open(path)
            .map_err(|e| Self::error(path, e))?;
        if let Some(start) = torn_at {
            tracing::warn!(path = %path.display(), "the journal's last line was cut short; removed");
            file.set_len(start as u64)
                .map_err(|e| Self::error(path, e))?;
        } else if !text.is_empty() && !text.ends_with('\n') {
            file.write_all(b"\n").map_err(|e| Self::error(path, e))?;
        }
        Ok((
            Self {
                path: path.to_owned(),
                file,
            },
            events,
        ))
    }

    /// Appends one event; `durable` waits until it is on disk.
    pub fn append(&mut self, event: &Event, durable: bool) -> Result<(), JournalError> {
        let mut line = serde_json::to_vec(event).map_err(|e| Self::error(&self.path, e))?;
        line.push(b'\n');
        self.file
            .write_all(&line)
            .map_err(|e| Self::error(&self.path, e))?;
        if durable {
            self.file
                .sync_data()
                .map_err(|e| Self::error(&self.path, e))?;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}
