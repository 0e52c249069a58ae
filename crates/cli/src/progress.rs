//! Progress of long server jobs (import, big pulls, deployments, mass runs): a bar on a terminal, plain lines in CI
//! logs (standard error is not a terminal), nothing with `--quiet`. Always on standard error,
//! so standard output stays the result.

use std::io::IsTerminal;
use std::time::Duration;

use abapgit_agent::JobProgress;
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMode {
    Bar,
    Lines,
    Off,
}

impl ProgressMode {
    pub fn detect(quiet: bool) -> Self {
        if quiet {
            Self::Off
        } else if std::io::stderr().is_terminal() {
            Self::Bar
        } else {
            Self::Lines
        }
    }
}

/// Reports one job's progress.
pub struct Progress {
    mode: ProgressMode,
    label: String,
    bar: Option<ProgressBar>,
    last_line: String,
}

impl Progress {
    pub fn start(mode: ProgressMode, label: &str) -> Self {
        let bar = (mode == ProgressMode::Bar).then(|| {
            let bar = ProgressBar::new(100);
            bar.set_style(
                ProgressStyle::with_template("{spinner} {prefix} [{bar:30}] {pos:>3}% {wide_msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar.set_prefix(label.to_owned());
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        if mode == ProgressMode::Lines {
            eprintln!("{label}: started");
        }
        Self {
            mode,
            label: label.to_owned(),
            bar,
            last_line: String::new(),
        }
    }

    pub fn update(&mut self, progress: &JobProgress) {
        self.say(progress.percent, describe(progress));
    }

    /// A step of the job in words, with its percentage when known.
    pub fn say(&mut self, percent: Option<u32>, message: String) {
        match self.mode {
            ProgressMode::Bar => {
                if let Some(bar) = &self.bar {
                    if let Some(percent) = percent {
                        bar.set_position(u64::from(percent.min(100)));
                    }
                    bar.set_message(message);
                }
            }
            ProgressMode::Lines => {
                let percent = percent.map(|p| format!("{p:>3}% ")).unwrap_or_default();
                let line = format!("{}: {percent}{message}", self.label);
                // CI logs get a line per change, not one per poll.
                if line != self.last_line {
                    eprintln!("{line}");
                    self.last_line = line;
                }
            }
            ProgressMode::Off => {}
        }
    }

    /// Removes the bar (the result follows on standard output).
    pub fn finish(mut self, outcome: &str) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if self.mode != ProgressMode::Off {
            eprintln!("{}: {outcome}", self.label);
        }
    }
}

impl Drop for Progress {
    /// Ctrl-C drops the watch mid-way: leave the terminal clean.
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

fn describe(progress: &JobProgress) -> String {
    let mut parts = Vec::new();
    if let Some(stage) = progress.stage.as_deref().filter(|s| !s.is_empty()) {
        parts.push(stage.to_owned());
    }
    if !progress.message.is_empty() {
        parts.push(progress.message.clone());
    } else if let (Some(current), Some(total)) = (progress.current, progress.total) {
        parts.push(format!("{current} of {total}"));
    }
    if parts.is_empty() {
        parts.push(progress.status.clone());
    }
    parts.join(" ")
}
