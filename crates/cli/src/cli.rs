//! The command line, declared with clap: global system and output options, then one
//! subcommand per user-facing operation of the app.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand, ValueEnum};

pub const EXIT_CODES: &str = "Exit codes: 0 success; 1 findings (syntax errors, failed tests, a refused status change, failed objects, a deployment in ERROR, FAILED messages with --fail-on-failed, a transaction that refused the call, failed rows of a mass run); 2 usage or unreadable input (also an unknown bridge app or operation, bridge input refused); 3 connection or authentication; 4 server error; 130 interrupted.";

const SYSTEM_HELP: &str = "System: --system NAME (a system saved in Agent Desk, its secret from the OS keyring) or --url URL with --user, --client and the password in ADESK_PASSWORD (or --password-env VAR, or --password-stdin); for OAuth (Cloud Integration, transaction bridge) --token-url and --client-id with the client secret in ADESK_CLIENT_SECRET (or --client-secret-env VAR). Every option also reads an ADESK_* variable.";

#[derive(Parser, Debug)]
#[command(
    name = "adesk",
    version,
    about = "Agent Desk on the command line: Focused Build work items, the abapGit Agent, SAP Cloud Integration and the mobile transaction bridge, for terminals and CI pipelines",
    before_help = SYSTEM_HELP,
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(flatten)]
    pub system: SystemArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Run the commands listed in FILE (one per line, `#` starts a comment, `-` reads standard
    /// input) on one logon and one CSRF token.
    #[arg(long, value_name = "FILE", help_heading = "Run")]
    pub file: Option<PathBuf>,

    /// With --file: go on after a command that failed (the exit code is the worst one).
    #[arg(long, requires = "file", help_heading = "Run")]
    pub keep_going: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Which system to talk to. Secrets never come from a flag.
#[derive(Args, Debug, Clone, Default)]
#[command(next_help_heading = "System")]
pub struct SystemArgs {
    /// A system saved in Agent Desk, by name or id (see `adesk systems`).
    #[arg(
        long,
        short = 's',
        env = "ADESK_SYSTEM",
        global = true,
        value_name = "NAME"
    )]
    pub system: Option<String>,

    /// The system's URL (`https://host:44300`) or the service root, instead of a saved system.
    #[arg(long, env = "ADESK_URL", global = true, value_name = "URL")]
    pub url: Option<String>,

    /// SAP client (three digits), sent as `sap-client`.
    #[arg(long, env = "ADESK_CLIENT", global = true, value_name = "NNN")]
    pub client: Option<String>,

    /// Logon language, e.g. EN.
    #[arg(long, env = "ADESK_LANGUAGE", global = true, value_name = "LANG")]
    pub language: Option<String>,

    /// SAP user.
    #[arg(long, env = "ADESK_USER", global = true, value_name = "USER")]
    pub user: Option<String>,

    /// The environment variable that holds the password.
    #[arg(
        long,
        env = "ADESK_PASSWORD_ENV",
        global = true,
        value_name = "VAR",
        default_value = "ADESK_PASSWORD"
    )]
    pub password_env: String,

    /// Read the password (or the client secret, or the API key) from the first line of
    /// standard input.
    #[arg(long, global = true)]
    pub password_stdin: bool,

    /// OAuth client credentials with --url: the token URL (a service key's `tokenurl`).
    #[arg(long, env = "ADESK_TOKEN_URL", global = true, value_name = "URL")]
    pub token_url: Option<String>,

    /// OAuth client credentials with --url: the client id (a service key's `clientid`).
    #[arg(long, env = "ADESK_CLIENT_ID", global = true, value_name = "ID")]
    pub client_id: Option<String>,

    /// The environment variable that holds the OAuth client secret.
    #[arg(
        long,
        env = "ADESK_CLIENT_SECRET_ENV",
        global = true,
        value_name = "VAR",
        default_value = "ADESK_CLIENT_SECRET"
    )]
    pub client_secret_env: String,

    /// The environment variable that holds the API key of a saved API-key system.
    #[arg(
        long,
        env = "ADESK_API_KEY_ENV",
        global = true,
        value_name = "VAR",
        default_value = "ADESK_API_KEY"
    )]
    pub api_key_env: String,

    /// PEM file with the CA certificates to trust besides the system's (a company CA).
    #[arg(long, env = "ADESK_CA_FILE", global = true, value_name = "FILE")]
    pub ca_file: Option<PathBuf>,

    /// Accept any server certificate (test systems only).
    #[arg(long, env = "ADESK_INSECURE", global = true)]
    pub insecure: bool,

    /// Allow a plain http:// URL to another computer: the password then travels unencrypted.
    #[arg(long, env = "ADESK_ALLOW_PLAIN_HTTP", global = true)]
    pub allow_plain_http: bool,

    /// `system` (environment, default), `none`, or a proxy URL.
    #[arg(long, env = "ADESK_PROXY", global = true, value_name = "PROXY")]
    pub proxy: Option<String>,

    /// Seconds one request may take (default 120).
    #[arg(long, env = "ADESK_TIMEOUT", global = true, value_name = "SECONDS")]
    pub timeout: Option<u32>,

    /// Agent Desk's store file (default: agent-desk.json in the app's data folder).
    #[arg(long, env = "ADESK_STORE", global = true, value_name = "PATH")]
    pub store: Option<PathBuf>,

    /// Refused: a password on the command line ends up in shell history and process lists.
    #[arg(long, hide = true, global = true, num_args = 0..=1, value_name = "NEVER")]
    pub password: Option<Option<String>>,

    /// Refused, as --password.
    #[arg(long, hide = true, global = true, num_args = 0..=1, value_name = "NEVER")]
    pub client_secret: Option<Option<String>>,

    /// Refused, as --password.
    #[arg(long, hide = true, global = true, num_args = 0..=1, value_name = "NEVER")]
    pub api_key: Option<Option<String>>,
}

impl SystemArgs {
    /// The secret flag given on the command line, if any (its value is never read).
    pub fn secret_flag(&self) -> Option<&'static str> {
        [
            (self.password.is_some(), "--password"),
            (self.client_secret.is_some(), "--client-secret"),
            (self.api_key.is_some(), "--api-key"),
        ]
        .into_iter()
        .find_map(|(given, flag)| given.then_some(flag))
    }
}

#[derive(Args, Debug, Clone, Default)]
#[command(next_help_heading = "Output")]
pub struct OutputArgs {
    /// One JSON document per command on standard output (shapes in the README).
    #[arg(long, global = true, conflicts_with = "csv")]
    pub json: bool,

    /// CSV instead of a table, where the app offers it (wi status, agent list, agent preview,
    /// cpi messages, bridge mass-run).
    #[arg(long, global = true)]
    pub csv: bool,

    /// No progress bars or progress lines (nor the `[1/3] adesk ...` lines of a --file run).
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

    /// Log on standard error: -v requests, -vv details. Never passwords, tokens or cookies.
    #[arg(long, short = 'v', action = ArgAction::Count, global = true)]
    pub verbose: u8,

    /// How often to ask about a running pull, import or deploy job, in milliseconds.
    #[arg(
        long,
        env = "ADESK_POLL_MS",
        global = true,
        value_name = "MS",
        default_value_t = 2000
    )]
    pub poll_ms: u64,
}

/// One line of a `--file`: a command and its own arguments; the system and output options
/// belong to the run.
#[derive(Parser, Debug)]
#[command(name = "adesk", no_binary_name = true)]
pub struct FileLine {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// List the systems saved in Agent Desk (never their secrets).
    Systems,
    /// Log on and fetch a CSRF token: checks URL, certificate, user and password.
    Test {
        /// The service to test (default: the saved system's, else the abapGit Agent).
        #[arg(long, value_enum)]
        service: Option<Service>,
    },
    /// Focused Build work items (External DevOps API).
    #[command(subcommand, name = "wi", visible_alias = "work-item")]
    Wi(WiCommand),
    /// The abapGit Agent (/sap/bc/z_abapgit_agent).
    #[command(subcommand)]
    Agent(AgentCommand),
    /// SAP Cloud Integration (the tenant's /api/v1): content, deploy, runtime, message monitor.
    #[command(subcommand)]
    Cpi(CpiCommand),
    /// The mobile transaction bridge: recorded SAP GUI transactions, one call or a CSV of rows.
    #[command(subcommand)]
    Bridge(BridgeCommand),
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Agent,
    FocusedBuild,
    CloudIntegration,
    TransactionBridge,
}

#[derive(Subcommand, Debug, Clone)]
pub enum CpiCommand {
    /// The tenant's integration packages.
    Packages,
    /// A package's artifacts of the four kinds, with version and last change.
    Artifacts { package: String },
    /// Deploy an artifact; with --wait watch it until it runs (STARTED, exit 0) or fails
    /// (ERROR, exit 1 with the tenant's error text).
    Deploy {
        artifact_id: String,
        #[arg(long, value_enum, default_value_t = ArtifactKindArg::IntegrationFlow)]
        kind: ArtifactKindArg,
        /// `active` (the newest) or a version such as 1.0.5.
        #[arg(long, default_value = "active")]
        version: String,
        /// Watch the build and the runtime until STARTED or ERROR.
        #[arg(long)]
        wait: bool,
        /// With --wait: stop watching after this many seconds (default 600; the deployment
        /// goes on). Not --timeout, which is the time one request may take.
        #[arg(long, value_name = "SECONDS", requires = "wait")]
        wait_timeout: Option<u64>,
    },
    /// Undeploy an artifact from the runtime (needs --yes).
    Undeploy {
        artifact_id: String,
        #[arg(long)]
        yes: bool,
    },
    /// Deployed artifacts and their runtime status.
    Runtime {
        /// Only these statuses: STARTED, STARTING, ERROR, STOPPING (repeat or comma-separate).
        #[arg(long = "status", value_delimiter = ',', value_name = "STATUS")]
        statuses: Vec<String>,
        /// Part of the id or name, case-insensitive.
        #[arg(long)]
        name: Option<String>,
    },
    /// Message processing logs, newest first, with the message monitor's filters.
    Messages(Box<MessagesArgs>),
    /// One message in detail: its error text, custom header properties, attachments, runs
    /// with their steps, message store entries.
    Message {
        /// The message GUID (see `cpi messages`).
        guid: String,
    },
    /// Endpoints of deployed flows with the URLs senders call.
    Endpoints,
}

/// The four kinds of design-time artifact.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArtifactKindArg {
    IntegrationFlow,
    ValueMapping,
    MessageMapping,
    ScriptCollection,
}

#[derive(Args, Debug, Clone)]
pub struct MessagesArgs {
    /// COMPLETED, PROCESSING, RETRY, ESCALATED, FAILED, CANCELLED, DISCARDED, ABANDONED
    /// (repeat or comma-separate).
    #[arg(long = "status", value_delimiter = ',', value_name = "STATUS")]
    pub statuses: Vec<String>,
    /// Messages that ended at or after this time (RFC 3339, e.g. 2026-12-01T08:00:00Z).
    #[arg(long, value_name = "TIME", conflicts_with = "last")]
    pub since: Option<String>,
    /// Messages that ended before this time (RFC 3339).
    #[arg(long, value_name = "TIME", conflicts_with = "last")]
    pub until: Option<String>,
    /// The past DURATION until now: 30m, 1h, 24h, 7d.
    #[arg(long, value_name = "DURATION")]
    pub last: Option<String>,
    /// The integration flow's id.
    #[arg(long, value_name = "ID")]
    pub flow: Option<String>,
    #[arg(long)]
    pub sender: Option<String>,
    #[arg(long)]
    pub receiver: Option<String>,
    /// The application message id.
    #[arg(long, value_name = "ID")]
    pub app_message_id: Option<String>,
    #[arg(long, value_name = "ID")]
    pub correlation_id: Option<String>,
    /// A custom header property the flow set: NAME=VALUE.
    #[arg(long, value_name = "NAME=VALUE")]
    pub header: Option<String>,
    /// At most this many messages (the tenant's pages of 1,000 are read until this many).
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub limit: u32,
    /// Also write the messages as CSV to FILE (the app's export). `--csv` prints it instead.
    #[arg(long, value_name = "FILE")]
    pub csv_file: Option<PathBuf>,
    /// Exit 1 when the filter matches FAILED messages (counted on the tenant, beyond --limit).
    #[arg(long)]
    pub fail_on_failed: bool,
}

#[derive(Subcommand, Debug, Clone)]
pub enum BridgeCommand {
    /// The system's apps (a saved system's list, or the app of --url) with their operations.
    Apps,
    /// An app's operations with their parameters and outputs (from its $metadata).
    Ops { app: String },
    /// Run one operation: --param NAME=VALUE per input field, checked before anything is sent.
    Run {
        app: String,
        operation: String,
        /// An input field: NAME=VALUE (repeat for each field).
        #[arg(long = "param", short = 'p', value_name = "NAME=VALUE")]
        params: Vec<String>,
    },
    /// Back to the transaction's first screen (in a --file run, after a screen-state error).
    Home { app: String },
    /// Run an operation for every row of a CSV (one column per parameter), one row at a time;
    /// with --journal a run that stopped resumes where it stopped and never sends a row twice.
    MassRun {
        app: String,
        operation: String,
        /// The rows: CSV (comma, semicolon or tab) with the parameters as header.
        #[arg(long, value_name = "FILE", required_unless_present = "journal")]
        csv_file: Option<PathBuf>,
        /// Keep the run in FILE (created on the first run, resumed on the next).
        #[arg(long, value_name = "FILE")]
        journal: Option<PathBuf>,
        /// Resuming: run the rows that failed again.
        #[arg(long, requires = "journal")]
        retry_failed: bool,
        /// Resuming: run these rows again (also rows sent without an answer, once you checked
        /// in the system that they did not run), e.g. --retry-rows 3,7.
        #[arg(long, requires = "journal", value_delimiter = ',', value_name = "ROWS")]
        retry_rows: Vec<u32>,
        /// Write every row with its result as CSV to FILE. `--csv` prints it instead.
        #[arg(long, value_name = "FILE")]
        results: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug, Clone)]
pub enum WiCommand {
    /// A work item with its release, texts, attachments and categories.
    Show { guid: String },
    /// Work items of the system (not every system allows listing).
    List {
        /// At most this many.
        #[arg(long)]
        top: Option<u32>,
    },
    /// The work item's texts.
    Texts { guid: String },
    /// Add a comment (or another text type) to a work item.
    Comment {
        guid: String,
        /// The text; or use --text-file.
        #[arg(required_unless_present = "text_file")]
        text: Option<String>,
        /// Read the text from FILE (`-` for standard input).
        #[arg(long, value_name = "FILE", conflicts_with = "text")]
        text_file: Option<PathBuf>,
        /// Text type, e.g. S105 comment (default), S115 description, S114 memo.
        #[arg(long = "type", value_name = "CODE")]
        text_type: Option<String>,
    },
    /// The work item's attachments.
    Attachments { guid: String },
    /// Upload a file as an attachment of a work item.
    Attach {
        guid: String,
        file: PathBuf,
        /// MIME type (default: from the extension).
        #[arg(long, value_name = "TYPE")]
        mime: Option<String>,
    },
    /// Download an attachment.
    Download {
        guid: String,
        document_id: String,
        /// Where to write it (default: the attachment's file name in the current folder).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Change the user status of one or many work items (e.g. E0004 To Be Tested).
    Status {
        /// The new status code, E and four digits.
        status: String,
        /// Work item GUIDs (32 hex digits or dashed).
        guids: Vec<String>,
        /// Also read GUIDs from FILE, one per line (`-` for standard input).
        #[arg(long, value_name = "FILE")]
        guids_file: Option<PathBuf>,
        /// Requests in flight at once (1 to 8).
        #[arg(long, default_value_t = 4)]
        concurrency: u32,
    },
}

#[derive(Subcommand, Debug, Clone)]
pub enum AgentCommand {
    /// The handler's status and version.
    Health,
    /// Whether an abapGit repository exists for a git URL.
    Status {
        #[arg(value_name = "GIT_URL")]
        repo: String,
    },
    /// Pull a repository and activate its objects (progress while the server works).
    Pull {
        #[arg(value_name = "GIT_URL")]
        repo: String,
        /// Only these files (abapGit file names).
        files: Vec<String>,
        #[arg(long)]
        branch: Option<String>,
        /// Transport request for the activated objects (needed when the package records
        /// changes: `adesk agent transport list`).
        #[arg(long, value_name = "TRKORR")]
        transport: Option<String>,
        /// Pull over conflicts (objects changed in the system or on another branch since
        /// the last pull): git's version replaces them, their changes are lost.
        #[arg(long)]
        overwrite: bool,
    },
    /// Import a package's objects into git (a background job; progress until it ends).
    Import {
        #[arg(value_name = "GIT_URL")]
        repo: String,
        #[arg(long)]
        package: Option<String>,
        #[arg(long)]
        branch: Option<String>,
        /// Commit message.
        #[arg(long)]
        message: Option<String>,
    },
    /// Watch a pull or import job started earlier (its number was printed when it started).
    Watch {
        #[arg(value_enum)]
        kind: JobKind,
        job_number: String,
    },
    /// Create an abapGit online repository.
    Create {
        #[arg(value_name = "GIT_URL")]
        repo: String,
        #[arg(long)]
        package: String,
        #[arg(long)]
        branch: Option<String>,
        #[arg(long)]
        name: Option<String>,
    },
    /// Delete an abapGit repository from the system (needs --yes).
    Delete {
        #[arg(value_name = "GIT_URL")]
        repo: String,
        #[arg(long)]
        yes: bool,
    },
    /// Syntax check of local abapGit files without activating them.
    Syntax {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// ABAP for Cloud Development rules.
        #[arg(long)]
        cloud: bool,
        /// Also write the result as a JUnit XML report.
        #[arg(long, value_name = "FILE")]
        junit: Option<PathBuf>,
    },
    /// Code Inspector / syntax check of objects named by their abapGit files.
    Inspect {
        #[arg(required = true)]
        files: Vec<String>,
        /// Check variant (server default SYNTAX_CHECK).
        #[arg(long)]
        variant: Option<String>,
        #[arg(long, value_name = "FILE")]
        junit: Option<PathBuf>,
    },
    /// ABAP Unit tests of the classes behind these files.
    Unit {
        #[arg(required = true)]
        files: Vec<String>,
        #[arg(long)]
        coverage: bool,
        #[arg(long, value_name = "FILE")]
        junit: Option<PathBuf>,
    },
    /// The package hierarchy.
    Tree {
        package: String,
        #[arg(long)]
        depth: Option<u32>,
        /// Count the objects of each package.
        #[arg(long)]
        objects: bool,
    },
    /// The objects of a package.
    List {
        package: String,
        /// Object types, e.g. --type CLAS --type INTF.
        #[arg(long = "type", value_name = "TYPE")]
        types: Vec<String>,
        /// Name pattern, e.g. ZCL_*.
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        limit: Option<u32>,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// Every page, not just one.
        #[arg(long)]
        all: bool,
    },
    /// Object definitions and source.
    View {
        #[arg(required = true)]
        objects: Vec<String>,
        #[arg(long = "type", value_name = "TYPE")]
        object_type: Option<String>,
        /// Every include of a class, not just its public section.
        #[arg(long)]
        full: bool,
    },
    /// Rows of a table or CDS view.
    Preview {
        object: String,
        #[arg(long = "type", value_name = "TYPE")]
        object_type: Option<String>,
        /// WHERE condition, e.g. "CARRID = 'LH'".
        #[arg(long = "where", value_name = "CONDITION")]
        where_clause: Option<String>,
        /// Columns, comma separated.
        #[arg(long, value_delimiter = ',')]
        columns: Vec<String>,
        /// Rows to fetch (pages of 100 are read until this many).
        #[arg(long, default_value_t = 100)]
        rows: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// Where-used list.
    Where {
        #[arg(required = true)]
        objects: Vec<String>,
        #[arg(long = "type", value_name = "TYPE")]
        object_type: Option<String>,
        #[arg(long)]
        limit: Option<u32>,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    /// ST22 short dumps.
    Dump {
        /// Dumps of this user (not the logon user option).
        #[arg(long = "dump-user", value_name = "USER")]
        dump_user: Option<String>,
        /// YYYYMMDD
        #[arg(long)]
        date_from: Option<String>,
        /// YYYYMMDD
        #[arg(long)]
        date_to: Option<String>,
        #[arg(long)]
        program: Option<String>,
        /// Runtime error, e.g. COMPUTE_INT_ZERODIVIDE.
        #[arg(long)]
        error: Option<String>,
        #[arg(long)]
        limit: Option<u32>,
        /// One dump in detail, by id.
        #[arg(long, value_name = "ID")]
        detail: Option<String>,
    },
    /// Transport requests.
    #[command(subcommand)]
    Transport(TransportCommand),
    /// Delete the object behind one abapGit file (needs --yes).
    Drop {
        #[arg(value_name = "FILE")]
        object_file: String,
        #[arg(long, value_name = "TRKORR")]
        transport: Option<String>,
        #[arg(long)]
        yes: bool,
    },
    /// Write one customizing entry: TABLE FIELD=VALUE...
    Customize {
        table: String,
        #[arg(required = true, value_name = "FIELD=VALUE")]
        values: Vec<String>,
        #[arg(long, value_name = "TRKORR", conflicts_with = "no_transport")]
        transport: Option<String>,
        #[arg(long)]
        no_transport: bool,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Pull,
    Import,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Mine,
    Task,
    All,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    Workbench,
    Customizing,
}

#[derive(Subcommand, Debug, Clone)]
pub enum TransportCommand {
    /// Open transport requests.
    List {
        #[arg(long, value_enum, default_value_t = Scope::Mine)]
        scope: Scope,
        /// Workbench (default) or customizing requests.
        #[arg(long, value_enum, default_value_t = RequestKind::Workbench)]
        kind: RequestKind,
        /// Released requests instead, newest first (read from the request table E070: the
        /// handler lists open requests only).
        #[arg(long)]
        released: bool,
    },
    /// A request's type, status, target, tasks and objects (read from E070, E07T and E071).
    Show { number: String },
    /// Create a transport request.
    Create {
        description: String,
        #[arg(long, value_enum, default_value_t = RequestKind::Workbench)]
        kind: RequestKind,
    },
    /// Check a transport request (exit 1 when the check finds issues).
    Check { number: String },
    /// Release a transport request.
    Release { number: String },
}

impl Command {
    /// `wi show`, `agent transport check`, ...: the name in `--json` documents and messages.
    pub fn name(&self) -> String {
        match self {
            Self::Systems => "systems".into(),
            Self::Test { .. } => "test".into(),
            Self::Wi(command) => format!("wi {}", wi_name(command)),
            Self::Agent(AgentCommand::Transport(command)) => format!(
                "agent transport {}",
                match command {
                    TransportCommand::List { .. } => "list",
                    TransportCommand::Show { .. } => "show",
                    TransportCommand::Create { .. } => "create",
                    TransportCommand::Check { .. } => "check",
                    TransportCommand::Release { .. } => "release",
                }
            ),
            Self::Agent(command) => format!("agent {}", agent_name(command)),
            Self::Cpi(command) => format!(
                "cpi {}",
                match command {
                    CpiCommand::Packages => "packages",
                    CpiCommand::Artifacts { .. } => "artifacts",
                    CpiCommand::Deploy { .. } => "deploy",
                    CpiCommand::Undeploy { .. } => "undeploy",
                    CpiCommand::Runtime { .. } => "runtime",
                    CpiCommand::Messages(_) => "messages",
                    CpiCommand::Message { .. } => "message",
                    CpiCommand::Endpoints => "endpoints",
                }
            ),
            Self::Bridge(command) => format!(
                "bridge {}",
                match command {
                    BridgeCommand::Apps => "apps",
                    BridgeCommand::Ops { .. } => "ops",
                    BridgeCommand::Run { .. } => "run",
                    BridgeCommand::Home { .. } => "home",
                    BridgeCommand::MassRun { .. } => "mass-run",
                }
            ),
        }
    }
}

fn wi_name(command: &WiCommand) -> &'static str {
    match command {
        WiCommand::Show { .. } => "show",
        WiCommand::List { .. } => "list",
        WiCommand::Texts { .. } => "texts",
        WiCommand::Comment { .. } => "comment",
        WiCommand::Attachments { .. } => "attachments",
        WiCommand::Attach { .. } => "attach",
        WiCommand::Download { .. } => "download",
        WiCommand::Status { .. } => "status",
    }
}

fn agent_name(command: &AgentCommand) -> &'static str {
    match command {
        AgentCommand::Health => "health",
        AgentCommand::Status { .. } => "status",
        AgentCommand::Pull { .. } => "pull",
        AgentCommand::Import { .. } => "import",
        AgentCommand::Watch { .. } => "watch",
        AgentCommand::Create { .. } => "create",
        AgentCommand::Delete { .. } => "delete",
        AgentCommand::Syntax { .. } => "syntax",
        AgentCommand::Inspect { .. } => "inspect",
        AgentCommand::Unit { .. } => "unit",
        AgentCommand::Tree { .. } => "tree",
        AgentCommand::List { .. } => "list",
        AgentCommand::View { .. } => "view",
        AgentCommand::Preview { .. } => "preview",
        AgentCommand::Where { .. } => "where",
        AgentCommand::Dump { .. } => "dump",
        AgentCommand::Transport(_) => "transport",
        AgentCommand::Drop { .. } => "drop",
        AgentCommand::Customize { .. } => "customize",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_options_may_follow_the_command() {
        let cli = Cli::try_parse_from(["adesk", "wi", "show", "abc", "--json", "--system", "QA"])
            .unwrap();
        assert!(cli.output.json);
        assert_eq!(cli.system.system.as_deref(), Some("QA"));
        assert_eq!(cli.command.unwrap().name(), "wi show");
    }
}
