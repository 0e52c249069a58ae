//! One function per command, each a thin call of the service crates on the run's session,
//! returning a [`Report`] for every output mode.

mod agent;
mod checks;
mod cloud_integration;
mod systems;
mod transaction_bridge;
mod work_items;

use std::path::Path;

use crate::cli::{AgentCommand, BridgeCommand, Command, CpiCommand, WiCommand};
use crate::context::Run;
use crate::exit::{CliError, CliResult};
use crate::output::Report;

pub async fn execute(run: &mut Run, command: &Command) -> CliResult<Report> {
    if run.output.csv && !offers_csv(command) {
        return Err(CliError::usage(format!(
            "{} has no CSV output: use --json (CSV: wi status, agent list, agent preview, cpi messages, bridge mass-run)",
            command.name()
        )));
    }
    match command {
        Command::Systems => systems::list(run),
        Command::Test { service } => systems::test(run, *service).await,
        Command::Wi(command) => work_items::execute(run, command).await,
        Command::Agent(command) => agent::execute(run, command).await,
        Command::Cpi(command) => cloud_integration::execute(run, command).await,
        Command::Bridge(command) => transaction_bridge::execute(run, command).await,
    }
}

/// The commands whose results the app also exports as CSV.
fn offers_csv(command: &Command) -> bool {
    matches!(
        command,
        Command::Wi(WiCommand::Status { .. })
            | Command::Agent(AgentCommand::List { .. } | AgentCommand::Preview { .. })
            | Command::Cpi(CpiCommand::Messages(_))
            | Command::Bridge(BridgeCommand::MassRun { .. })
    )
}

/// Destructive commands need `--yes`: a pipeline says so explicitly, a person reads first.
pub fn confirm(yes: bool, what: &str) -> CliResult<()> {
    if yes {
        Ok(())
    } else {
        Err(CliError::usage(format!(
            "this would {what}: add --yes to do it"
        )))
    }
}

/// Writes `text` to `path` through a hidden file beside it, renamed when complete: a failed
/// write leaves the old file (or none) as it was.
pub fn write_text_file(path: &Path, text: &str) -> CliResult<()> {
    use std::io::Write;
    let folder = path
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let cannot = |error: &dyn std::fmt::Display| {
        CliError::input(format!("cannot write {}: {error}", path.display()))
    };
    let mut partial = tempfile::Builder::new()
        .prefix(".adesk-write-")
        .tempfile_in(folder)
        .map_err(|error| cannot(&error))?;
    partial
        .write_all(text.as_bytes())
        .and_then(|()| partial.as_file().sync_all())
        .map_err(|error| cannot(&error))?;
    partial
        .persist(path)
        .map_err(|error| cannot(&error.error))?;
    Ok(())
}

/// Reads a list from a file or standard input (`-`): one item per line, blanks and `#`
/// comments skipped.
pub fn read_lines(path: &std::path::Path) -> CliResult<Vec<String>> {
    let text = if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())
            .map_err(|error| CliError::input(format!("cannot read standard input: {error}")))?
    } else {
        std::fs::read_to_string(path)
            .map_err(|error| CliError::input(format!("cannot read {}: {error}", path.display())))?
    };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect())
}
