//! A spreadsheet pasted or opened as CSV: one column per parameter, one call per row,
//! every row checked before anything is sent.

use serde::{Deserialize, Serialize};

use crate::metadata::Operation;
use crate::request::{typed_inputs, Inputs};

/// Problems reported at most (a wrong file would otherwise list thousands).
pub const MAX_PROBLEMS: usize = 200;

/// What is wrong with one cell, row or column of the CSV.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CellProblem {
    /// The data row (1 = the first row under the header); 0 for the header itself.
    pub row: u32,
    /// The line in the file as a spreadsheet numbers it (the header is line 1).
    pub line: u32,
    /// The column (parameter) concerned, `null` for the whole row.
    pub column: Option<String>,
    pub message: String,
}

/// A CSV that passed the check: its columns (as the operation names them) and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedCsv {
    pub columns: Vec<String>,
    pub rows: Vec<Inputs>,
}

/// Why a CSV was refused: every problem (up to [`MAX_PROBLEMS`]) with its place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CsvRefused {
    pub problems: Vec<CellProblem>,
    /// All problems found, also those beyond the list.
    pub total_problems: u32,
    /// Data rows read.
    pub rows: u32,
}

/// Tab (pasted from a spreadsheet), semicolon (a European Excel's CSV) or comma: the one
/// the header line has most of.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    [b'\t', b';', b',']
        .into_iter()
        .max_by_key(|d| (header.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',')
}

/// Reads and checks `text` against the operation's parameters: columns known and required
/// ones present, each cell of the right type, required cells filled. Nothing is partial:
/// either every row is good or the problems are answered.
pub fn check_csv(operation: &Operation, text: &str) -> Result<CheckedCsv, CsvRefused> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let mut records = reader.records();

    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(error)) => {
            return Err(refused(
                vec![problem(
                    0,
                    1,
                    None,
                    format!("the header cannot be read: {error}"),
                )],
                0,
            ))
        }
        None => {
            return Err(refused(
                vec![problem(
                    0,
                    1,
                    None,
                    "the CSV is empty: the first line must name the parameters".into(),
                )],
                0,
            ))
        }
    };
    let mut columns: Vec<Option<String>> = Vec::new();
    for cell in header.iter() {
        let cell = cell.trim();
        let name = operation
            .parameters
            .iter()
            .find(|p| p.name == cell)
            .or_else(|| {
                operation
                    .parameters
                    .iter()
                    .find(|p| p.name.eq_ignore_ascii_case(cell))
            })
            .map(|p| p.name.clone());
        match name {
            None if cell.is_empty() => columns.push(None),
            None => {
                problems.push(problem(
                    0,
                    1,
                    Some(cell.to_owned()),
                    format!(
                        "{} has no parameter {cell} (its parameters: {})",
                        operation.name,
                        operation
                            .parameters
                            .iter()
                            .map(|p| p.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
                columns.push(None);
            }
            Some(name) if columns.iter().flatten().any(|c| *c == name) => {
                problems.push(problem(0, 1, Some(name), "the column appears twice".into()));
                columns.push(None);
            }
            Some(name) => columns.push(Some(name)),
        }
    }
    for parameter in operation.parameters.iter().filter(|p| p.required) {
        if !columns.iter().flatten().any(|c| *c == parameter.name) {
            problems.push(problem(
                0,
                1,
                Some(parameter.name.clone()),
                "required, but there is no column for it".into(),
            ));
        }
    }

    let mut rows = Vec::new();
    let mut row_number = 0u32;
    for record in records {
        let (line, record) = match record {
            Ok(record) => (record.position().map_or(0, |p| p.line() as u32), record),
            Err(error) => {
                row_number += 1;
                let line = error.position().map_or(0, |p| p.line() as u32);
                problems.push(problem(
                    row_number,
                    line,
                    None,
                    format!("the row cannot be read: {error}"),
                ));
                continue;
            }
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue; // a blank line at the end of a pasted range
        }
        row_number += 1;
        if record.len() > columns.len()
            && record
                .iter()
                .skip(columns.len())
                .any(|c| !c.trim().is_empty())
        {
            problems.push(problem(
                row_number,
                line,
                None,
                format!(
                    "{} cells, but the header names {} columns",
                    record.len(),
                    columns.len()
                ),
            ));
        }
        let inputs: Inputs = columns
            .iter()
            .zip(record.iter())
            .filter_map(|(column, cell)| Some((column.clone()?, cell.to_owned())))
            .collect();
        if let Err(fields) = typed_inputs(operation, &inputs) {
            for field in fields {
                problems.push(problem(row_number, line, Some(field.field), field.message));
            }
        }
        rows.push(inputs);
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(problem(
            0,
            1,
            None,
            "the CSV has a header but no rows".into(),
        ));
    }
    if !problems.is_empty() {
        return Err(refused(problems, row_number));
    }
    Ok(CheckedCsv {
        columns: columns.into_iter().flatten().collect(),
        rows,
    })
}

fn problem(row: u32, line: u32, column: Option<String>, message: String) -> CellProblem {
    CellProblem {
        row,
        line,
        column,
        message,
    }
}

fn refused(mut problems: Vec<CellProblem>, rows: u32) -> CsvRefused {
    let total_problems = u32::try_from(problems.len()).unwrap_or(u32::MAX);
    problems.truncate(MAX_PROBLEMS);
    CsvRefused {
        problems,
        total_problems,
        rows,
    }
}

/// Inputs keyed by column, for a row shown again (kept in column order by name).
pub fn row_cells(columns: &[String], inputs: &Inputs) -> Vec<String> {
    columns
        .iter()
        .map(|c| inputs.get(c).cloned().unwrap_or_default())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edm::EdmType;
    use crate::metadata::{OperationKind, Parameter};

    fn operation() -> Operation {
        let parameter = |name: &str, edm_type: EdmType, required: bool| Parameter {
            name: name.into(),
            edm_type,
            input_kind: edm_type.input_kind(),
            required,
            max_length: None,
        };
        Operation {
            name: "Lock".into(),
            kind: OperationKind::Action,
            generic: false,
            parameters: vec![
                parameter("UserName", EdmType::String, true),
                parameter("Days", EdmType::Int32, false),
                parameter("Until", EdmType::Date, false),
            ],
            output: Vec::new(),
            problem: None,
        }
    }

    #[test]
    fn good_rows_in_any_delimiter_and_case() {
        for text in [
            "UserName,Days\nJWAYNE,3\nBSMITH,\n",
            "\u{feff}username;days\r\nJWAYNE;3\r\nBSMITH;\r\n\r\n",
            "UserName\tDays\nJWAYNE\t3\nBSMITH\t\n",
        ] {
            let checked = check_csv(&operation(), text).unwrap();
            assert_eq!(checked.columns, ["UserName", "Days"]);
            assert_eq!(checked.rows.len(), 2);
            assert_eq!(checked.rows[0]["Days"], "3");
        }
        let quoted = check_csv(&operation(), "UserName,Days\n\"O'Neil, Ann\",1\n").unwrap();
        assert_eq!(quoted.rows[0]["UserName"], "O'Neil, Ann");
    }

    #[test]
    fn every_bad_cell_is_named_with_row_line_and_column() {
        let refused = check_csv(
            &operation(),
            "UserName,Days,Until\nJWAYNE,3,2026-01-01\n,x,2026-13-01\nBSMITH,1,,extra\n",
        )
        .unwrap_err();
        let places: Vec<(u32, u32, Option<&str>)> = refused
            .problems
            .iter()
            .map(|p| (p.row, p.line, p.column.as_deref()))
            .collect();
        assert_eq!(
            places,
            [
                (2, 3, Some("UserName")),
                (2, 3, Some("Days")),
                (2, 3, Some("Until")),
                (3, 4, None)
            ]
        );
        assert_eq!(refused.rows, 3);
    }

    #[test]
    fn header_problems_are_reported_before_any_row() {
        let refused = check_csv(&operation(), "Days,Colour,Days\n1,red,2\n").unwrap_err();
        let messages: Vec<&str> = refused
            .problems
            .iter()
            .map(|p| p.message.as_str())
            .collect();
        assert!(messages[0].contains("no parameter Colour"), "{messages:?}");
        assert!(messages[1].contains("twice"));
        assert!(messages[2].contains("no column"));
        assert!(check_csv(&operation(), "").unwrap_err().problems[0]
            .message
            .contains("empty"));
        assert!(
            check_csv(&operation(), "UserName\n").unwrap_err().problems[0]
                .message
                .contains("no rows")
        );
    }

    #[test]
    fn thousands_of_problems_are_capped() {
        let text = format!("UserName,Days\n{}", "A,x\n".repeat(1000));
        let refused = check_csv(&operation(), &text).unwrap_err();
        assert_eq!(refused.problems.len(), MAX_PROBLEMS);
        assert_eq!(refused.total_problems, 1000);
    }
}
