//! `adesk`: Agent Desk on the command line, for terminals and CI pipelines. Thin over the
//! same crates as the app (`sap-http`, `focused-build`, `abapgit-agent`, `cloud-integration`,
//! `transaction-bridge`, `profiles`): no Tauri, no webview.

mod cli;
mod commands;
mod context;
mod exit;
mod output;
mod progress;
mod system;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command, FileLine};
use crate::context::Run;
use crate::exit::{CliError, CliResult, Exit};
use crate::output::{emit, Mode, Report};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return refuse_command_line(&error),
    };
    init_logging(cli.output.verbose);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("adesk: cannot start: {error}");
            return ExitCode::from(Exit::Server.code());
        }
    };
    let exit = runtime.block_on(run_all(cli));
    ExitCode::from(exit.code())
}

/// Help and version as clap prints them; a command line clap refuses is exit 2, and with
/// `--json` anywhere on it also a JSON document, so a script reading standard output gets
/// the error in the shape of every other one.
fn refuse_command_line(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let wants_json = std::env::args_os().skip(1).any(|arg| arg == "--json");
    let is_answer = matches!(
        error.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    );
    if is_answer || !wants_json {
        let _ = error.print();
        // 0 for help and version, 2 (usage) for the rest.
        return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(Exit::Usage.code()));
    }
    let rendered = error.render().to_string();
    let first = rendered.lines().next().unwrap_or_default();
    let message = first.strip_prefix("error: ").unwrap_or(first);
    emit(Mode::Json, "adesk", &Err(CliError::usage(message)))
        .code()
        .into()
}

/// Warnings by default; `-v` our crates' info (one line per SAP request), `-vv` debug.
/// Through `sap_http::logging`, which holds the cookie store and its kin at warn whatever
/// the filter says: they would print session cookies. `RUST_LOG` replaces the default
/// filter when no `-v` is given.
fn init_logging(verbose: u8) {
    let ours = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = format!(
        "warn,adesk={ours},agent_desk_cli={ours},focused_build={ours},abapgit_agent={ours},cloud_integration={ours},transaction_bridge={ours},profiles={ours},sap_http={ours}"
    );
    if verbose == 0 {
        sap_http::logging::init(&filter);
    } else {
        let subscriber = sap_http::logging::subscriber(
            tracing_subscriber::EnvFilter::new(filter),
            std::io::stderr,
        );
        // Only fails when a subscriber is already set: then that one logs.
        let _ = tracing_subscriber::util::SubscriberInitExt::try_init(subscriber);
    }
}

async fn run_all(cli: Cli) -> Exit {
    let mode = if cli.output.json {
        Mode::Json
    } else if cli.output.csv {
        Mode::Csv
    } else {
        Mode::Text
    };
    if let Some(flag) = cli.system.secret_flag() {
        // Checked first, whatever else is wrong; the value is never echoed.
        return emit(
            mode,
            "adesk",
            &Err(crate::system::secret_flag_refused(flag)),
        );
    }
    let mut run = Run::new(cli.system.clone(), cli.output.clone());
    let exit = match (&cli.file, &cli.command) {
        (None, Some(command)) => run_one(&mut run, mode, command).await,
        (Some(path), None) => run_file(&mut run, mode, path, cli.keep_going).await,
        (Some(_), Some(command)) => emit(
            mode,
            &command.name(),
            &Err(CliError::usage(
                "give either a command or --file FILE, not both",
            )),
        ),
        (None, None) => emit(
            mode,
            "adesk",
            &Err(CliError::usage("no command given: see `adesk --help`")),
        ),
    };
    run.log_off_bridges().await;
    let stats = run.stats();
    tracing::info!(
        requests = stats.requests,
        csrf_fetches = stats.csrf_fetches,
        "run finished"
    );
    exit
}

async fn run_one(run: &mut Run, mode: Mode, command: &Command) -> Exit {
    let outcome = interruptible(run, command).await;
    emit(mode, &command.name(), &outcome)
}

/// The command, unless Ctrl-C comes first: then it stops (dropping the request or the job
/// watch) and says what keeps running on the server. A command that can stop between two
/// steps (a mass run) is asked to by the first Ctrl-C and stopped by the second.
async fn interruptible(run: &mut Run, command: &Command) -> CliResult<Report> {
    let note = run.interrupt_note.clone();
    let graceful = run.graceful_stop.clone();
    let outcome = commands::execute(run, command);
    tokio::pin!(outcome);
    loop {
        tokio::select! {
            outcome = &mut outcome => return outcome,
            _ = tokio::signal::ctrl_c() => {
                let stop = graceful.lock().unwrap_or_else(|p| p.into_inner()).take();
                if let Some(stop) = stop {
                    stop.stop();
                    eprintln!("adesk: stopping after the row being sent (Ctrl-C again stops at once)");
                    continue;
                }
                let note = note.lock().unwrap_or_else(|p| p.into_inner()).take();
                return Err(CliError::interrupted(match note {
                    Some(note) => format!("stopped watching: {note}"),
                    None => "interrupted".to_owned(),
                }));
            }
        }
    }
}

/// Runs the commands of a file on the run's sessions. Every line is checked before the first
/// one runs; a failing command stops the rest unless `--keep-going`. The exit code is the
/// worst of the commands'.
async fn run_file(run: &mut Run, mode: Mode, path: &std::path::Path, keep_going: bool) -> Exit {
    if path.as_os_str() == "-" && run.system_args().password_stdin {
        return emit(
            mode,
            "--file",
            &Err(CliError::usage(
                "--file - and --password-stdin both read standard input: put the password in ADESK_PASSWORD",
            )),
        );
    }
    let commands = match parse_file(path) {
        Ok(commands) => commands,
        Err(error) => return emit(mode, "--file", &Err(error)),
    };
    let mut worst = Exit::Success;
    let total = commands.len();
    for (index, (line, command)) in commands.iter().enumerate() {
        if mode == Mode::Text && !run.output.quiet {
            eprintln!("[{}/{total}] adesk {line}", index + 1);
        }
        let exit = run_one(run, mode, command).await;
        worst = worst.max(exit);
        let failed = !matches!(exit, Exit::Success | Exit::Findings);
        if exit == Exit::Interrupted || (failed && !keep_going) {
            if index + 1 < total {
                eprintln!("adesk: stopped after line {} of {total}", index + 1);
            }
            break;
        }
    }
    worst
}

fn parse_file(path: &std::path::Path) -> CliResult<Vec<(String, Command)>> {
    let lines = commands::read_lines(path)?;
    if lines.is_empty() {
        return Err(CliError::usage(format!(
            "{} lists no command",
            path.display()
        )));
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(index, line)| {
            let at = || format!("{} line {}", path.display(), index + 1);
            let words = shell_words::split(&line)
                .map_err(|error| CliError::usage(format!("{}: {error}", at())))?;
            let parsed = FileLine::try_parse_from(words).map_err(|error| {
                let rendered = error.render().to_string();
                let first = rendered.lines().next().unwrap_or_default().to_owned();
                CliError::usage(format!(
                    "{}: {first} (a line holds one command; system and output options go on the command line)",
                    at()
                ))
            })?;
            Ok((line, parsed.command))
        })
        .collect()
}
