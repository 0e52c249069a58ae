//! Which system a run talks to: a profile saved by the app (same store file, same keyring
//! entries), or one given entirely by flags and `ADESK_*` variables for CI. Either way the
//! session configuration comes from `profiles::session_config`, as in the app.

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};

use profiles::{
    migrate, split_bridge_app_url, validate, AuthMethod, FieldError, KeyringSecretStore,
    OAuthSettings, Profile, ProfileDraft, ProfileSettings, ProxySettings, SecretStore, ServiceKind,
    StoreFile, Timeouts, TlsSettings,
};
use sap_http::{Secret, SessionConfig};

use crate::cli::SystemArgs;
use crate::exit::{CliError, CliResult, Exit};

/// The app's bundle identifier (tauri.conf.json): its data folder name and keyring service.
pub const APP_IDENTIFIER: &str = "com.agentdesk.desktop";
/// The app's store file in its data folder.
pub const STORE_FILE: &str = "agent-desk.json";
/// The document of the store file that holds the profiles.
const PROFILES_KEY: &str = "profiles";

/// Where the app keeps its store file on this OS (Tauri's `app_data_dir`: the user's data
/// folder, then the identifier).
pub fn default_store_path() -> Option<PathBuf> {
    dirs::data_dir().map(|folder| folder.join(APP_IDENTIFIER).join(STORE_FILE))
}

/// The profiles found in the store file, read without locking and without writing.
pub struct SavedSystems {
    pub path: PathBuf,
    pub file_exists: bool,
    pub profiles: Vec<Profile>,
    /// Stored profiles this version cannot read.
    pub skipped: Vec<String>,
}

impl SavedSystems {
    pub fn load(store: Option<&Path>) -> CliResult<Self> {
        let path = match store {
            Some(path) => path.to_owned(),
            None => default_store_path().ok_or_else(|| {
                CliError::usage(
                    "cannot tell where Agent Desk keeps its data here: use --store PATH",
                )
            })?,
        };
        let file_exists = path.is_file();
        let file = StoreFile::open_read_only(&path).map_err(|error| {
            CliError::input(format!("cannot read Agent Desk's store file: {error}"))
        })?;
        let migrated = migrate(file.get(PROFILES_KEY)).map_err(|error| {
            CliError::input(format!(
                "cannot read the systems in {}: {error}",
                path.display()
            ))
        })?;
        Ok(Self {
            path,
            file_exists,
            profiles: migrated.document.profiles,
            skipped: migrated.skipped,
        })
    }

    /// The profile named `wanted`: its id, or its display name (case-insensitive, unique).
    pub fn find(&self, wanted: &str) -> CliResult<Profile> {
        let wanted = wanted.trim();
        if let Some(profile) = self.profiles.iter().find(|p| p.id.as_str() == wanted) {
            return Ok(profile.clone());
        }
        let matches: Vec<&Profile> = self
            .profiles
            .iter()
            .filter(|p| p.settings.display_name.trim().eq_ignore_ascii_case(wanted))
            .collect();
        match matches.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(CliError::usage(format!(
                "no system named {wanted:?} in {} ({}): `adesk systems` lists them",
                self.path.display(),
                if self.file_exists {
                    format!("{} saved", self.profiles.len())
                } else {
                    "the file does not exist".to_owned()
                }
            ))),
            several => Err(CliError::usage(format!(
                "{} systems are named {wanted:?}: use the id ({})",
                several.len(),
                several
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }
}

/// Where the system's description came from.
enum Origin {
    Saved(Profile),
    /// `--url` and friends: the service is chosen by the command.
    Given(ProfileSettings),
}

/// The system of this run, with its secret (password, client secret or API key) read at
/// most once.
pub struct System {
    origin: Origin,
    args: SystemArgs,
    secret: Option<Secret>,
}

impl System {
    pub fn resolve(args: &SystemArgs) -> CliResult<Self> {
        if let Some(flag) = args.secret_flag() {
            return Err(secret_flag_refused(flag));
        }
        let origin = match (&args.system, &args.url) {
            (Some(_), Some(_)) => {
                return Err(CliError::usage(
                    "give either --system (a saved system) or --url, not both (check ADESK_SYSTEM and ADESK_URL)",
                ))
            }
            (Some(name), None) => {
                for (given, flag) in [
                    (&args.client, "--client"),
                    (&args.user, "--user"),
                    (&args.language, "--language"),
                    (&args.token_url, "--token-url"),
                    (&args.client_id, "--client-id"),
                ] {
                    if given.is_some() {
                        return Err(CliError::usage(format!(
                            "{flag} belongs to --url; a saved system ({name}) has its own"
                        )));
                    }
                }
                let saved = SavedSystems::load(args.store.as_deref())?;
                Origin::Saved(saved.find(name)?)
            }
            (None, Some(url)) => Origin::Given(given_settings(args, url)?),
            (None, None) => {
                return Err(CliError::usage(
                    "no system: give --system NAME (see `adesk systems`) or --url URL --user USER with the password in ADESK_PASSWORD",
                ))
            }
        };
        Ok(Self {
            origin,
            args: args.clone(),
            secret: None,
        })
    }

    /// The saved system's service, if the system is a saved one.
    pub fn saved_kind(&self) -> Option<ServiceKind> {
        match &self.origin {
            Origin::Saved(profile) => Some(profile.settings.service_kind),
            Origin::Given(_) => None,
        }
    }

    /// The saved profile, if the system is a saved one.
    pub fn saved_profile(&self) -> Option<&Profile> {
        match &self.origin {
            Origin::Saved(profile) => Some(profile),
            Origin::Given(_) => None,
        }
    }

    /// A name for messages: the saved system's name, or the URL's host.
    pub fn label(&self) -> String {
        match &self.origin {
            Origin::Saved(profile) => profile.settings.display_name.clone(),
            Origin::Given(settings) => settings.display_name.clone(),
        }
    }

    /// The settings for `kind`, with the run's overrides (timeout, TLS, proxy) applied. A
    /// system given by flags is checked for `kind` as the app checks a profile form.
    pub fn settings(&self, kind: ServiceKind) -> CliResult<ProfileSettings> {
        let mut settings = match &self.origin {
            Origin::Saved(profile) if profile.settings.service_kind != kind => {
                return Err(CliError::usage(format!(
                    "{} is {} system; this command needs {} system",
                    profile.settings.display_name,
                    article(profile.settings.service_kind),
                    article(kind)
                )))
            }
            Origin::Saved(profile) => profile.settings.clone(),
            Origin::Given(settings) => {
                let settings = given_for_kind(settings, kind);
                check_given(&settings)?;
                settings
            }
        };
        apply_overrides(&self.args, &mut settings)?;
        Ok(settings)
    }

    /// How the system signs in: the saved profile's method, or OAuth when --token-url is given.
    fn auth_method(&self) -> AuthMethod {
        match &self.origin {
            Origin::Saved(profile) => profile.settings.auth,
            Origin::Given(settings) => settings.auth,
        }
    }

    /// The session configuration for `kind`, reading the secret the first time.
    pub fn session_config(&mut self, kind: ServiceKind) -> CliResult<SessionConfig> {
        let settings = self.settings(kind)?;
        let secret = self.secret()?;
        profiles::session_config(&settings, Some(secret)).map_err(|error| field_error(&error))
    }

    /// Standard input, the method's variable, then (saved systems) the OS keyring.
    fn secret(&mut self) -> CliResult<Secret> {
        if let Some(secret) = &self.secret {
            return Ok(secret.clone());
        }
        let secret = self.read_secret()?;
        self.secret = Some(secret.clone());
        Ok(secret)
    }

    fn read_secret(&self) -> CliResult<Secret> {
        let wanted = WantedSecret::of(self.auth_method(), &self.args);
        if self.args.password_stdin {
            if std::io::stdin().is_terminal() {
                // Typed into a terminal, the secret would be echoed on the screen.
                return Err(CliError::usage(format!(
                    "--password-stdin reads a pipe (printf '%s' \"$SECRET\" | adesk --password-stdin ...); on a terminal use a system saved in Agent Desk (OS keyring) or {}",
                    wanted.variable
                )));
            }
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|error| {
                    CliError::input(format!(
                        "cannot read the {} from standard input: {error}",
                        wanted.noun
                    ))
                })?;
            let secret = line.trim_end_matches(['\r', '\n']);
            if secret.is_empty() {
                return Err(wanted.missing("standard input gave an empty line"));
            }
            return Ok(Secret::new(secret));
        }
        let variable = wanted.variable.as_str();
        if let Some(value) = std::env::var_os(variable) {
            let value = value
                .into_string()
                .map_err(|_| CliError::input(format!("{variable} is not valid UTF-8")))?;
            if !value.is_empty() {
                return Ok(Secret::new(value));
            }
        }
        match &self.origin {
            Origin::Saved(profile) => {
                let keyring = KeyringSecretStore::new(APP_IDENTIFIER);
                match keyring.get(&profile.id, profile.settings.auth.secret_kind()) {
                    Ok(Some(secret)) => Ok(secret),
                    Ok(None) => Err(wanted.missing(&format!(
                        "{} has no {} in the OS keyring, and {variable} is not set",
                        profile.settings.display_name, wanted.noun
                    ))),
                    Err(error) => {
                        Err(wanted.missing(&format!("{error}; {variable} is not set either")))
                    }
                }
            }
            Origin::Given(_) => Err(wanted.missing(&format!("{variable} is not set"))),
        }
    }
}

/// The secret a sign-in method needs and the variable it comes from.
struct WantedSecret {
    /// `password`, `client secret`, `API key`.
    noun: &'static str,
    variable: String,
    /// The flag that names another variable.
    flag: &'static str,
}

impl WantedSecret {
    fn of(method: AuthMethod, args: &SystemArgs) -> Self {
        let (noun, variable, flag) = match method {
            AuthMethod::Basic => ("password", &args.password_env, "--password-env"),
            AuthMethod::OauthClientCredentials => (
                "client secret",
                &args.client_secret_env,
                "--client-secret-env",
            ),
            AuthMethod::ApiKey => ("API key", &args.api_key_env, "--api-key-env"),
        };
        Self {
            noun,
            variable: variable.trim().to_owned(),
            flag,
        }
    }

    fn missing(&self, why: &str) -> CliError {
        CliError::new(
            Exit::Connection,
            if self.noun == "password" {
                "password"
            } else {
                "secret"
            },
            format!(
                "no {}: {why}. Put it in {} (from the CI's secret store; {} VAR names another variable) or pipe it with --password-stdin",
                self.noun, self.variable, self.flag
            ),
        )
    }
}

/// `--password`, `--client-secret` and `--api-key` exist only to say no; their values are
/// never echoed, not even here.
pub fn secret_flag_refused(flag: &str) -> CliError {
    let variable = match flag {
        "--client-secret" => "ADESK_CLIENT_SECRET",
        "--api-key" => "ADESK_API_KEY",
        _ => "ADESK_PASSWORD",
    };
    CliError::usage(format!(
        "{flag} is not accepted: a secret on the command line ends up in shell history and process lists. Put it in {variable} (from the CI's secret store) or pipe it with --password-stdin"
    ))
}

fn article(kind: ServiceKind) -> &'static str {
    match kind {
        ServiceKind::AbapgitAgent => "an abapGit Agent",
        ServiceKind::FocusedBuild => "a Focused Build",
        ServiceKind::CloudIntegration => "a Cloud Integration",
        ServiceKind::TransactionBridge => "a transaction bridge",
    }
}

/// Settings for a system given by flags; checked per service in [`System::settings`]. OAuth
/// client credentials when a token URL is given, else user and password.
fn given_settings(args: &SystemArgs, url: &str) -> CliResult<ProfileSettings> {
    let host = url::Url::parse(url.trim())
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
        .unwrap_or_else(|| url.trim().to_owned());
    let mut settings = ProfileSettings {
        display_name: host,
        service_kind: ServiceKind::AbapgitAgent,
        base_url: url.trim().to_owned(),
        client: args.client.clone().unwrap_or_default().trim().to_owned(),
        language: args
            .language
            .clone()
            .unwrap_or_default()
            .trim()
            .to_ascii_uppercase(),
        user: args.user.clone().unwrap_or_default().trim().to_owned(),
        auth: if args.token_url.is_some() {
            AuthMethod::OauthClientCredentials
        } else {
            AuthMethod::Basic
        },
        tls: TlsSettings::default(),
        proxy: ProxySettings::System,
        timeouts: Timeouts::default(),
        git_username: String::new(),
        oauth: OAuthSettings {
            token_url: args.token_url.clone().unwrap_or_default().trim().to_owned(),
            client_id: args.client_id.clone().unwrap_or_default().trim().to_owned(),
        },
        app_ids: Vec::new(),
    };
    apply_overrides(args, &mut settings)?;
    if let Some(host) = profiles::unencrypted_remote_host(&settings.base_url) {
        if !args.allow_plain_http {
            return Err(CliError::usage(format!(
                "--url (ADESK_URL): with http:// the password travels unencrypted to {host}: use https://, or --allow-plain-http (ADESK_ALLOW_PLAIN_HTTP=true) on a network you trust"
            )));
        }
        settings.tls.allow_plain_http = true;
    }
    Ok(settings)
}

/// The given settings as a system of `kind`: a bridge URL naming an app lists that app.
fn given_for_kind(settings: &ProfileSettings, kind: ServiceKind) -> ProfileSettings {
    let mut settings = ProfileSettings {
        service_kind: kind,
        ..settings.clone()
    };
    if kind == ServiceKind::TransactionBridge {
        settings.app_ids = split_bridge_app_url(&settings.base_url)
            .map(|(_, app)| vec![app])
            .unwrap_or_default();
    }
    settings
}

/// A system given by flags, checked as the app checks a profile form. A bridge URL without
/// an app is fine here: the commands name the app.
fn check_given(settings: &ProfileSettings) -> CliResult<()> {
    let draft = ProfileDraft {
        settings: settings.clone(),
        password: Default::default(),
        git_token: Default::default(),
        client_secret: Default::default(),
        api_key: Default::default(),
    };
    let errors = validate(&draft);
    let first = errors
        .iter()
        .find(|error| !(error.field == "app_ids" && settings.app_ids.is_empty()));
    match first {
        Some(error) => Err(field_error(error)),
        None => Ok(()),
    }
}

/// Options that apply to saved and given systems alike.
fn apply_overrides(args: &SystemArgs, settings: &mut ProfileSettings) -> CliResult<()> {
    if let Some(seconds) = args.timeout {
        if seconds == 0 {
            return Err(CliError::usage("--timeout must be at least 1 second"));
        }
        settings.timeouts.request_seconds = seconds;
    }
    if let Some(file) = &args.ca_file {
        settings.tls.extra_ca_file = Some(file.to_string_lossy().into_owned());
    }
    if args.insecure {
        settings.tls.insecure = true;
    }
    if let Some(proxy) = args.proxy.as_deref().map(str::trim) {
        settings.proxy = match proxy.to_ascii_lowercase().as_str() {
            "" | "system" => ProxySettings::System,
            "none" | "direct" => ProxySettings::None,
            _ => ProxySettings::Manual {
                url: proxy.to_owned(),
                bypass: Vec::new(),
            },
        };
    }
    Ok(())
}

/// A profile field error, named by the flag that sets the field.
fn field_error(error: &FieldError) -> CliError {
    let flag = match error.field.as_str() {
        "base_url" => "--url (ADESK_URL)",
        "client" => "--client (ADESK_CLIENT)",
        "language" => "--language (ADESK_LANGUAGE)",
        "user" => "--user (ADESK_USER)",
        "auth" | "oauth.token_url" => "--token-url (ADESK_TOKEN_URL)",
        "oauth.client_id" => "--client-id (ADESK_CLIENT_ID)",
        "app_ids" => "--url (ADESK_URL)",
        "tls.extra_ca_file" => "--ca-file (ADESK_CA_FILE)",
        field if field.starts_with("proxy") => "--proxy (ADESK_PROXY)",
        field if field.starts_with("timeouts") => "--timeout (ADESK_TIMEOUT)",
        field => field,
    };
    CliError::usage(format!("{flag}: {}", error.message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identifier_is_the_apps() {
        let config: serde_json::Value =
            serde_json::from_str(include_str!("../../../tauri.conf.json")).unwrap();
        assert_eq!(config["identifier"], APP_IDENTIFIER);
    }

    #[test]
    fn a_given_system_is_checked_like_a_profile_form() {
        let args = SystemArgs {
            url: Some("https://sap.example.com:44300".into()),
            client: Some("1000".into()),
            user: Some("DEV".into()),
            ..SystemArgs::default()
        };
        let system = System::resolve(&args).unwrap();
        let error = system.settings(ServiceKind::FocusedBuild).err().unwrap();
        assert_eq!(error.exit, Exit::Usage);
        assert!(error.message.starts_with("--client"), "{}", error.message);
    }

    #[test]
    fn a_token_url_given_means_oauth_for_the_btp_services_only() {
        let args = SystemArgs {
            url: Some("https://tenant.it-cpi001.cfapps.eu10.hana.ondemand.com".into()),
            token_url: Some("https://sub.authentication.eu10.hana.ondemand.com/oauth/token".into()),
            ..SystemArgs::default()
        };
        let system = System::resolve(&args).unwrap();
        let error = system
            .settings(ServiceKind::CloudIntegration)
            .err()
            .unwrap();
        assert!(
            error.message.starts_with("--client-id (ADESK_CLIENT_ID)"),
            "{}",
            error.message
        );
        let args = SystemArgs {
            client_id: Some("sb-demo!b1|it!b2".into()),
            ..args
        };
        let system = System::resolve(&args).unwrap();
        let settings = system.settings(ServiceKind::CloudIntegration).unwrap();
        assert_eq!(settings.auth, AuthMethod::OauthClientCredentials);
        assert_eq!(
            profiles::service_root(&settings).unwrap().path(),
            "/api/v1/"
        );
        let error = system.settings(ServiceKind::AbapgitAgent).err().unwrap();
        assert!(
            error.message.starts_with("--token-url (ADESK_TOKEN_URL)"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_bridge_url_may_name_its_app() {
        let args = SystemArgs {
            url: Some("https://mobile.example.com/mtb-bridge/odata/app/su01users/".into()),
            user: Some("DEV".into()),
            ..SystemArgs::default()
        };
        let system = System::resolve(&args).unwrap();
        let settings = system.settings(ServiceKind::TransactionBridge).unwrap();
        assert_eq!(settings.app_ids, ["su01users"]);
        assert_eq!(
            profiles::service_root(&settings).unwrap().path(),
            "/mtb-bridge/odata/app/"
        );
        let host_only = SystemArgs {
            url: Some("https://mobile.example.com".into()),
            ..args
        };
        let settings = System::resolve(&host_only)
            .unwrap()
            .settings(ServiceKind::TransactionBridge)
            .unwrap();
        assert!(settings.app_ids.is_empty());
    }

    #[test]
    fn plain_http_to_another_computer_needs_the_switch() {
        let mut args = SystemArgs {
            url: Some("http://sap.example.com:8000".into()),
            user: Some("DEV".into()),
            ..SystemArgs::default()
        };
        let error = System::resolve(&args).err().unwrap();
        assert_eq!(error.exit, Exit::Usage);
        assert!(
            error.message.contains("unencrypted to sap.example.com")
                && error.message.contains("--allow-plain-http"),
            "{}",
            error.message
        );
        args.allow_plain_http = true;
        let system = System::resolve(&args).unwrap();
        assert!(
            system
                .settings(ServiceKind::FocusedBuild)
                .unwrap()
                .tls
                .allow_plain_http
        );
        // Loopback never leaves the computer.
        args.allow_plain_http = false;
        args.url = Some("http://127.0.0.1:50000".into());
        assert!(System::resolve(&args).is_ok());
    }

    #[test]
    fn a_given_system_serves_both_services() {
        let args = SystemArgs {
            url: Some("https://sap.example.com:44300".into()),
            client: Some("100".into()),
            user: Some("DEV".into()),
            ..SystemArgs::default()
        };
        let system = System::resolve(&args).unwrap();
        let agent = system.settings(ServiceKind::AbapgitAgent).unwrap();
        let fb = system.settings(ServiceKind::FocusedBuild).unwrap();
        assert_eq!(
            profiles::service_root(&fb).unwrap().path(),
            "/sap/opu/odata/SALM/EXT_DEVOPS_INTEG_SRV/"
        );
        assert_eq!(
            profiles::service_root(&agent).unwrap().path(),
            "/sap/bc/z_abapgit_agent/"
        );
    }
}
