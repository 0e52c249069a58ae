//! One function per command, each a thin call of the service crates on the run's session,
//! returning a [`Report`] for every output mode.

mod agent;
mod checks;
mod systems;
mod work_items;

use crate::cli::{AgentCommand, Command, WiCommand};
use crate::context::Run;
use crate::exit::{CliError, CliResult};
use crate::output::Report;

pub async fn execute(run: &mut Run, command: &Command) -> CliResult<Report> {
    if run.output.csv && !offers_csv(command) {
        return Err(CliError::usage(format!(
            "{} has no CSV output: use --json (CSV: wi status, agent list, agent preview)",
            command.name()
        )));
    }
    match command {
        Command::Systems => systems::list(run),
        Command::Test { service } => systems::test(run, *service).await,
        Command::Wi(command) => work_items::execute(run, command).await,
        Command::Agent(command) => agent::execute(run, command).await,
    }
}

/// The commands whose results the app also exports as CSV.
fn offers_csv(command: &Command) -> bool {
    matches!(
        command,
        Command::Wi(WiCommand::Status { .. })
            | Command::Agent(AgentCommand::List { .. } | AgentCommand::Preview { .. })
    )
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
