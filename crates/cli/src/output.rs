//! What a command produced, and how it is written: a readable table or text for people,
//! one JSON document per command for scripts, CSV where the app offers it.

use std::io::Write;

use comfy_table::{presets, Cell, ContentArrangement, Table};
use serde::Serialize;
use serde_json::{json, Value};

use crate::exit::{CliError, CliResult, Exit};

/// The result of one command, ready for every output mode.
pub struct Report {
    /// `Success`, or `Findings` when the command worked and found errors.
    pub exit: Exit,
    /// `result` of the `--json` document.
    pub json: Value,
    /// What a person reads.
    pub text: String,
    /// The CSV rendering, for the commands that offer one.
    pub csv: Option<String>,
}

impl Report {
    pub fn new(result: &impl Serialize, text: String) -> Self {
        Self {
            exit: Exit::Success,
            json: serde_json::to_value(result).unwrap_or(Value::Null),
            text,
            csv: None,
        }
    }

    /// Exit 1 when `found` (errors in the checked objects, failed tests, refusals).
    pub fn findings_if(mut self, found: bool) -> Self {
        if found {
            self.exit = Exit::Findings;
        }
        self
    }

    pub fn with_csv(mut self, csv: String) -> Self {
        self.csv = Some(csv);
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Text,
    Json,
    Csv,
}

/// Writes one command's outcome to standard output (and errors to standard error).
pub fn emit(mode: Mode, command: &str, outcome: &CliResult<Report>) -> Exit {
    let mut stdout = std::io::stdout().lock();
    let exit = match outcome {
        Ok(report) => report.exit,
        Err(error) => error.exit,
    };
    let written = match (mode, outcome) {
        (Mode::Json, Ok(report)) => writeln!(
            stdout,
            "{}",
            json!({"command": command, "exit_code": exit, "result": report.json})
        ),
        (Mode::Json, Err(error)) => writeln!(
            stdout,
            "{}",
            json!({"command": command, "exit_code": exit, "error": error.to_json()})
        ),
        (Mode::Csv, Ok(report)) => match &report.csv {
            Some(csv) => stdout.write_all(csv.as_bytes()),
            None => stdout.write_all(report.text.as_bytes()),
        },
        (Mode::Text, Ok(report)) => stdout.write_all(report.text.as_bytes()),
        (_, Err(_)) => Ok(()),
    };
    drop(stdout);
    if let Err(error) = outcome {
        match command {
            "adesk" => eprintln!("adesk: {error}"),
            _ => eprintln!("adesk {command}: {error}"),
        }
    }
    // A failed write is a closed pipe (`adesk ... | head`): nothing to say, the exit stands.
    let _ = written;
    exit
}

/// A borderless, column-aligned table with upper-case headers (like `kubectl get`).
pub fn table<const N: usize>(
    headers: [&str; N],
    rows: impl IntoIterator<Item = [String; N]>,
) -> String {
    let headers = headers.map(str::to_uppercase);
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    any_table(&headers, rows)
}

/// [`table`] with columns known only at run time (a bridge operation's output), headers
/// as given.
pub fn any_table<R: IntoIterator<Item = String>>(
    headers: &[&str],
    rows: impl IntoIterator<Item = R>,
) -> String {
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(headers.iter().map(Cell::new));
    let mut empty = true;
    for row in rows {
        empty = false;
        table.add_row(row.into_iter().map(|cell| Cell::new(one_line(&cell))));
    }
    if empty {
        return String::new();
    }
    let mut text = tidy(table.lines());
    text.push('\n');
    text
}

/// Lines of a borderless table without its outer padding.
pub fn tidy(lines: impl Iterator<Item = String>) -> String {
    lines
        .map(|line| {
            let line = line.trim_end();
            line.strip_prefix(' ').unwrap_or(line).to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `key: value` lines, keys aligned, empty values left out.
pub fn fields(pairs: &[(&str, String)]) -> String {
    let width = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, _)| k.len())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for (key, value) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        text.push_str(&format!(
            "{:width$}  {}\n",
            format!("{key}:"),
            value,
            width = width + 1
        ));
    }
    text
}

/// Line breaks and tabs would break a table's columns.
fn one_line(text: &str) -> String {
    text.split(['\n', '\r', '\t'])
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// RFC 4180 CSV as the app writes it: CRLF line ends, quotes where needed, and a leading
/// `=`, `+`, `-` or `@` in text prefixed with `'` so spreadsheets do not run it as a formula
/// (numbers stay as they are).
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> CliResult<String> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let fail = |error: csv::Error| CliError::input(format!("cannot write CSV: {error}"));
    writer.write_record(header).map_err(fail)?;
    for row in rows {
        writer
            .write_record(row.iter().map(|field| spreadsheet_safe(field)))
            .map_err(fail)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| CliError::input(format!("cannot write CSV: {error}")))?;
    String::from_utf8(bytes).map_err(|error| CliError::input(format!("cannot write CSV: {error}")))
}

fn spreadsheet_safe(field: &str) -> String {
    let starts_like_formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if starts_like_formula && field.parse::<f64>().is_err() {
        format!("'{field}")
    } else {
        field.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_columns_and_keep_rows_on_one_line() {
        let text = table(
            ["guid", "status"],
            [
                ["a".to_owned(), "To Be Tested".to_owned()],
                ["bbbb".to_owned(), "two\nlines".to_owned()],
            ],
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        assert!(lines[0].contains("GUID") && lines[0].contains("STATUS"));
        assert_eq!(lines[1].find("To Be"), lines[0].find("STATUS"));
        assert!(lines[2].ends_with("two lines"));
    }

    #[test]
    fn csv_is_quoted_and_safe_for_spreadsheets() {
        let text = csv(
            &["a", "b"],
            &[
                vec!["=HYPERLINK(\"x\")".into(), "-12.5".into()],
                vec!["x,y".into(), "@me".into()],
            ],
        )
        .unwrap();
        assert_eq!(
            text,
            "a,b\r\n\"'=HYPERLINK(\"\"x\"\")\",-12.5\r\n\"x,y\",'@me\r\n"
        );
    }

    #[test]
    fn fields_skip_empty_values() {
        assert_eq!(
            fields(&[
                ("Status", "E0004".into()),
                ("Release", String::new()),
                ("Id", "1".into())
            ]),
            "Status:  E0004\nId:      1\n"
        );
    }
}
