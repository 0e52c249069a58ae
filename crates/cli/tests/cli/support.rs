//! A real sandbox on loopback, started in this process, and the real `adesk` binary run
//! against it as a child process (as a pipeline runs it).

use std::path::Path;
use std::process::{Command, Output, Stdio};

use sandbox::{FaultConfig, Sandbox, SandboxConfig, SandboxHandle};
use serde_json::Value;

pub const USER: &str = sandbox::DEFAULT_USER;
pub const PASSWORD: &str = sandbox::DEFAULT_PASSWORD;

/// Seeded work items (see `adesk wi list` on the sandbox).
pub const IN_DEVELOPMENT: &str = "0050568b-5cc1-1ee2-8890-ab087439611e";
pub const TO_BE_TESTED: &str = "0050568b-56ce-1ee7-a1c9-4c4f0fd784b4";
pub const SUCCESSFULLY_TESTED: &str = "0050568b-8fed-1ee1-8db0-fd9c96a18897";

pub struct TestSystem {
    // Dropped after the handle: the server's tasks live on this runtime.
    runtime: tokio::runtime::Runtime,
    handle: Option<SandboxHandle>,
}

impl TestSystem {
    pub fn start() -> Self {
        Self::start_with(SandboxConfig {
            job_speed: 20.0,
            ..SandboxConfig::default()
        })
    }

    pub fn start_with(config: SandboxConfig) -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime");
        let handle = runtime
            .block_on(Sandbox::start(config))
            .expect("sandbox starts");
        Self {
            runtime,
            handle: Some(handle),
        }
    }

    pub fn handle(&self) -> &SandboxHandle {
        self.handle.as_ref().expect("running")
    }

    /// `http://127.0.0.1:PORT`: the system, as a user would give it.
    pub fn url(&self) -> String {
        self.handle().base_url().trim_end_matches('/').to_owned()
    }

    pub fn faults(&self, config: FaultConfig) {
        self.handle().faults().set(config);
    }

    pub fn requests(&self) -> u64 {
        self.handle().request_count()
    }

    pub fn sessions(&self) -> usize {
        self.handle().session_count()
    }

    /// `adesk` with this system given by environment variables, as in CI.
    pub fn adesk(&self) -> Adesk {
        let mut adesk = Adesk::bare();
        adesk
            .env("ADESK_URL", &self.url())
            .env("ADESK_USER", USER)
            .env("ADESK_CLIENT", sandbox::DEFAULT_CLIENT)
            .env("ADESK_PASSWORD", PASSWORD)
            .env("ADESK_PROXY", "none")
            .env("ADESK_POLL_MS", "50");
        adesk
    }
}

impl TestSystem {
    /// `adesk` on the simulated Cloud Integration tenant with OAuth client credentials, the
    /// client secret in `ADESK_CLIENT_SECRET`, as in CI.
    pub fn cpi(&self) -> Adesk {
        use sandbox::cloud_integration::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
        let handle = self.handle();
        let mut adesk = Adesk::bare();
        adesk
            .env("ADESK_URL", &handle.cloud_integration_url())
            .env("ADESK_TOKEN_URL", &handle.cloud_integration_token_url())
            .env("ADESK_CLIENT_ID", DEMO_CLIENT_ID)
            .env("ADESK_CLIENT_SECRET", DEMO_CLIENT_SECRET)
            .env("ADESK_PROXY", "none")
            .env("ADESK_POLL_MS", "100");
        adesk
    }

    /// `adesk` on the transaction bridge of this host, user and password from the
    /// environment; the commands name the app.
    pub fn bridge(&self) -> Adesk {
        let mut adesk = Adesk::bare();
        adesk
            .env("ADESK_URL", &self.url())
            .env("ADESK_USER", USER)
            .env("ADESK_PASSWORD", PASSWORD)
            .env("ADESK_PROXY", "none");
        adesk
    }

    /// Live transaction bridge sessions (`Login` without `Logout`).
    pub fn bridge_sessions(&self) -> usize {
        self.handle().transaction_bridge_session_count()
    }

    /// Requests to the tenant's token endpoint so far.
    pub fn token_requests(&self) -> u64 {
        self.handle().cloud_integration_token_requests()
    }
}

impl Drop for TestSystem {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            self.runtime.block_on(handle.shutdown());
        }
    }
}

/// The binary under test, with no `ADESK_*` variable inherited from the developer's shell.
pub struct Adesk {
    command: Command,
    stdin: Option<String>,
}

impl Adesk {
    pub fn bare() -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_adesk"));
        for (name, _) in std::env::vars_os() {
            if name.to_string_lossy().starts_with("ADESK_") {
                command.env_remove(name);
            }
        }
        // No D-Bus session: the OS keyring is unavailable unless a test sets one up.
        command.env_remove("DBUS_SESSION_BUS_ADDRESS");
        Self {
            command,
            stdin: None,
        }
    }

    /// Keeps this process's D-Bus session: the OS keyring is reachable.
    pub fn session_bus(&mut self) -> &mut Self {
        if let Some(address) = std::env::var_os("DBUS_SESSION_BUS_ADDRESS") {
            self.command.env("DBUS_SESSION_BUS_ADDRESS", address);
        }
        self
    }

    pub fn env(&mut self, name: &str, value: &str) -> &mut Self {
        self.command.env(name, value);
        self
    }

    pub fn env_remove(&mut self, name: &str) -> &mut Self {
        self.command.env_remove(name);
        self
    }

    pub fn current_dir(&mut self, dir: &Path) -> &mut Self {
        self.command.current_dir(dir);
        self
    }

    pub fn stdin(&mut self, text: &str) -> &mut Self {
        self.stdin = Some(text.to_owned());
        self
    }

    pub fn run(&mut self, args: &[&str]) -> Run {
        use std::io::Write;
        self.command
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.command.spawn().expect("adesk starts");
        let mut stdin = child.stdin.take().expect("stdin");
        if let Some(text) = self.stdin.take() {
            stdin.write_all(text.as_bytes()).expect("stdin written");
        }
        drop(stdin);
        Run::from(child.wait_with_output().expect("adesk ends"))
    }
}

impl Adesk {
    /// Runs with a terminal as standard input, output and error (util-linux `script`); the
    /// terminal's output is `stdout`.
    #[cfg(target_os = "linux")]
    pub fn run_in_terminal(&mut self, args: &[&str]) -> Run {
        let program = self.command.get_program().to_string_lossy().into_owned();
        let line = std::iter::once(program.as_str())
            .chain(args.iter().copied())
            .map(|word| format!("'{}'", word.replace('\'', "'\\''")))
            .collect::<Vec<_>>()
            .join(" ");
        let mut script = Command::new("script");
        script.args(["-qec", &line, "/dev/null"]);
        for (name, value) in self.command.get_envs() {
            match value {
                Some(value) => script.env(name, value),
                None => script.env_remove(name),
            };
        }
        let output = script.stdin(Stdio::null()).output().expect("script starts");
        Run::from(output)
    }
}

/// What one run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Asserts the exit code, showing everything the run printed when it differs.
    pub fn expect(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// The one `--json` document on standard output.
    pub fn json(&self) -> Value {
        serde_json::from_str(self.stdout.trim())
            .unwrap_or_else(|error| panic!("not one JSON document ({error}):\n{}", self.stdout))
    }

    /// One `--json` document per line (a `--file` run).
    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
            .collect()
    }

    pub fn printed(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// The structure of a JSON value: keys and types, not values (`"string"`, `"number"`,
/// `"boolean"`, `"null"`, objects by key, arrays by the union of their items' shapes, a
/// member's shape taken from the first item where it is not null).
pub fn shape(value: &Value) -> Value {
    match value {
        Value::Null => Value::String("null".into()),
        Value::Bool(_) => Value::String("boolean".into()),
        Value::Number(_) => Value::String("number".into()),
        Value::String(_) => Value::String("string".into()),
        Value::Array(items) => {
            let mut merged = serde_json::Map::new();
            let mut scalars: Vec<Value> = Vec::new();
            for item in items {
                match shape(item) {
                    Value::Object(map) => merge_shapes(&mut merged, map),
                    other => {
                        if !scalars.contains(&other) {
                            scalars.push(other);
                        }
                    }
                }
            }
            if !merged.is_empty() {
                scalars.push(Value::Object(merged));
            }
            Value::Array(scalars)
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| (key.clone(), shape(value)))
                .collect(),
        ),
    }
}

/// Items of one array in one shape: every member any item has; a member null in one item
/// and set in another takes the set shape; objects (e.g. the variants of a tagged result)
/// are merged member by member.
fn merge_shapes(into: &mut serde_json::Map<String, Value>, from: serde_json::Map<String, Value>) {
    for (key, value) in from {
        let slot = into.entry(key).or_insert(Value::Null);
        match (slot, value) {
            (Value::Object(existing), Value::Object(more)) => merge_shapes(existing, more),
            (slot, value) => {
                if slot.is_null() || *slot == Value::String("null".into()) {
                    *slot = value;
                }
            }
        }
    }
}

/// Compares a document's shape with `tests/golden/NAME.json` (the documented structure).
/// `ADESK_UPDATE_GOLDEN=1` rewrites the file instead, for a reviewed change of the shapes.
pub fn assert_golden(name: &str, document: &Value) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.json"));
    let actual = shape(document);
    if std::env::var_os("ADESK_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("folder")).expect("golden folder");
        let text = serde_json::to_string_pretty(&actual).expect("json") + "\n";
        std::fs::write(&path, text).expect("golden written");
        return;
    }
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("{}: {e} (ADESK_UPDATE_GOLDEN=1 writes it)", path.display())
        }))
        .expect("golden file is JSON");
    assert_eq!(
        actual,
        expected,
        "the --json shape of {name} changed:\n{}",
        serde_json::to_string_pretty(&actual).unwrap_or_default()
    );
}

/// A folder removed at the end of the test.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temporary folder")
}
