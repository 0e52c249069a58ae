//! The reference CLI's `.abapGitAgent` file, read into a profile-shaped value.
//!
//! Keys: `host`, `sapport`, `protocol`, `client`, `user`, `password`,
//! `language`, `gitUsername`, `gitPassword`, `package`, `folder`,
//! `folderLogic`, `transport`. Passwords become [`Secret`]s at once so they
//! never reach a log; the profile layer moves them into the keyring.

use std::path::Path;

use serde_json::{Map, Value};
use url::Url;

use sap_http::{Auth, Credentials, Secret, SessionConfig};

use crate::common::GitCredentials;
use crate::repository::FolderLogic;
use crate::wire::value_text;

/// The settings of one `.abapGitAgent` file.
#[derive(Debug, Clone, PartialEq)]
pub struct AgentFileConfig {
    /// `protocol://host:port/` (the system root, not the service path).
    pub system_url: Url,
    pub sap_client: Option<String>,
    pub language: Option<String>,
    pub user: Option<String>,
    pub password: Option<Secret>,
    pub git_username: Option<String>,
    pub git_password: Option<Secret>,
    pub package: Option<String>,
    pub folder: Option<String>,
    pub folder_logic: Option<FolderLogic>,
    pub transport: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigFileError {
    #[error("cannot read {path}: {message}")]
    Read { path: String, message: String },
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the file must hold a JSON object with keys such as \"host\" and \"user\"")]
    NotAnObject,
    #[error("\"{field}\" is missing")]
    Missing { field: &'static str },
    #[error("\"{field}\": {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
}

impl AgentFileConfig {
    /// Session settings for the agent on this system (credentials included).
    pub fn session_config(&self) -> SessionConfig {
        let mut config = crate::session_config(&self.system_url);
        config.sap_client = self.sap_client.clone();
        config.sap_language = self.language.clone();
        config.auth = self.user.as_ref().map(|user| {
            Auth::Basic(Credentials {
                user: user.clone(),
                password: self.password.clone().unwrap_or_default(),
            })
        });
        config
    }

    pub fn git_credentials(&self) -> Option<GitCredentials> {
        let username = self.git_username.clone()?;
        Some(GitCredentials {
            username,
            password: self.git_password.clone().unwrap_or_default(),
        })
    }
}

/// Reads and checks a `.abapGitAgent` file.
pub fn read_config_file(path: &Path) -> Result<AgentFileConfig, ConfigFileError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigFileError::Read {
        path: path.to_string_lossy().into_owned(),
        message: e.to_string(),
    })?;
    parse_config(&text)
}

/// Parses the JSON text of a `.abapGitAgent` file.
pub fn parse_config(text: &str) -> Result<AgentFileConfig, ConfigFileError> {
    let text = text.trim_start_matches('\u{feff}');
    let value: Value = serde_json::from_str(text).map_err(|e| ConfigFileError::Json {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let Value::Object(map) = value else {
        return Err(ConfigFileError::NotAnObject);
    };
    let field = |name: &str| text_field(&map, name);

    let host = field("host").ok_or(ConfigFileError::Missing { field: "host" })?;
    let protocol = field("protocol");
    let port = port(&map)?;
    let system_url = system_url(&host, protocol.as_deref(), port)?;

    let sap_client = field("client");
    if let Some(client) = &sap_client {
        if client.len() != 3 || !client.chars().all(|c| c.is_ascii_digit()) {
            return Err(ConfigFileError::Invalid {
                field: "client",
                message: format!("\"{client}\" is not a three-digit client such as 100"),
            });
        }
    }
    let folder_logic = match field("folderLogic").map(|f| f.to_ascii_uppercase()) {
        None => None,
        Some(logic) if logic == "PREFIX" => Some(FolderLogic::Prefix),
        Some(logic) if logic == "FULL" => Some(FolderLogic::Full),
        Some(other) => {
            return Err(ConfigFileError::Invalid {
                field: "folderLogic",
                message: format!("\"{other}\" is neither PREFIX nor FULL"),
            })
        }
    };
    Ok(AgentFileConfig {
        system_url,
        sap_client,
        language: field("language").map(|l| l.to_ascii_uppercase()),
        user: field("user"),
        password: field("password").map(Secret::new),
        git_username: field("gitUsername"),
        git_password: field("gitPassword").map(Secret::new),
        package: field("package").map(|p| p.to_ascii_uppercase()),
        folder: field("folder"),
        folder_logic,
        transport: field("transport").map(|t| t.to_ascii_uppercase()),
    })
}

/// A key's text, matched case-insensitively; blank means absent.
fn text_field(map: &Map<String, Value>, name: &str) -> Option<String> {
    map.iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value_text(value).trim().to_owned())
        .filter(|text| !text.is_empty())
}

fn port(map: &Map<String, Value>) -> Result<Option<u16>, ConfigFileError> {
    let Some(text) = text_field(map, "sapport") else {
        return Ok(None);
    };
    text.parse::<u16>()
        .ok()
        .filter(|p| *p > 0)
        .map(Some)
        .ok_or_else(|| ConfigFileError::Invalid {
            field: "sapport",
            message: format!("\"{text}\" is not a port number (1-65535)"),
        })
}

fn system_url(
    host: &str,
    protocol: Option<&str>,
    port: Option<u16>,
) -> Result<Url, ConfigFileError> {
    let protocol = protocol.map(|p| p.trim_end_matches("://").to_ascii_lowercase());
    if let Some(p) = &protocol {
        if p != "http" && p != "https" {
            return Err(ConfigFileError::Invalid {
                field: "protocol",
                message: format!("\"{p}\" is neither http nor https"),
            });
        }
    }
    // Some files carry the scheme in `host` itself.
    let (scheme, bare_host) = match host.split_once("://") {
        Some((scheme, rest)) => (
            protocol.unwrap_or_else(|| scheme.to_ascii_lowercase()),
            rest,
        ),
        None => (protocol.unwrap_or_else(|| "https".to_owned()), host),
    };
    let bare_host = bare_host.trim_end_matches('/');
    let text = match port {
        Some(port) => format!("{scheme}://{bare_host}:{port}/"),
        None => format!("{scheme}://{bare_host}/"),
    };
    let invalid = |message: String| ConfigFileError::Invalid {
        field: "host",
        message,
    };
    let url =
        Url::parse(&text).map_err(|e| invalid(format!("\"{host}\" does not make a URL ({e})")))?;
    if url.host_str().is_none_or(str::is_empty) || url.path() != "/" {
        return Err(invalid(format!("\"{host}\" is not a host name")));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_file() {
        let config = parse_config(
            r#"{"host":"vhcala4hci.dummy.nodomain","sapport":50001,"protocol":"https","client":"001","user":"DEVELOPER",
                "password":"S3cret!","language":"en","gitUsername":"octo","gitPassword":"ghp_x","package":"$demo",
                "folder":"/src/","folderLogic":"FULL","transport":"devk900001"}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            config.system_url.as_str(),
            "https://vhcala4hci.dummy.nodomain:50001/"
        );
        assert_eq!(config.sap_client.as_deref(), Some("001"));
        assert_eq!(config.language.as_deref(), Some("EN"));
        assert_eq!(config.package.as_deref(), Some("$DEMO"));
        assert_eq!(config.folder_logic, Some(FolderLogic::Full));
        assert_eq!(config.transport.as_deref(), Some("DEVK900001"));
        assert_eq!(
            config.password.as_ref().map(Secret::expose),
            Some("S3cret!")
        );
        assert!(
            !format!("{config:?}").contains("S3cret!"),
            "secrets stay out of Debug"
        );
        let session = config.session_config();
        assert_eq!(
            session.base_url.as_str(),
            "https://vhcala4hci.dummy.nodomain:50001/sap/bc/z_abapgit_agent/"
        );
        assert_eq!(session.csrf_fetch_path, "health");
        assert_eq!(
            session.basic().map(|c| c.user.clone()),
            Some("DEVELOPER".into())
        );
        assert_eq!(
            config.git_credentials().map(|g| g.username),
            Some("octo".into())
        );
    }

    #[test]
    fn minimal_and_lenient() {
        let config = parse_config(r#"{"host":"http://sap.local","sapport":"8000","client":100}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.system_url.as_str(), "http://sap.local:8000/");
        assert_eq!(config.sap_client.as_deref(), Some("100"));
        assert_eq!(config.password, None);
        let config =
            parse_config(r#"{"host":"sap.local","password":""}"#).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.system_url.as_str(), "https://sap.local/");
        assert_eq!(config.password, None);
    }

    #[test]
    fn clear_errors() {
        assert!(matches!(
            parse_config("{\"host\": "),
            Err(ConfigFileError::Json { line: 1, .. })
        ));
        assert_eq!(parse_config("[]"), Err(ConfigFileError::NotAnObject));
        assert_eq!(
            parse_config(r#"{"user":"x"}"#),
            Err(ConfigFileError::Missing { field: "host" })
        );
        assert!(matches!(
            parse_config(r#"{"host":"h","sapport":"abc"}"#),
            Err(ConfigFileError::Invalid {
                field: "sapport",
                ..
            })
        ));
        assert!(matches!(
            parse_config(r#"{"host":"h","sapport":70000}"#),
            Err(ConfigFileError::Invalid {
                field: "sapport",
                ..
            })
        ));
        assert!(matches!(
            parse_config(r#"{"host":"h","protocol":"ftp"}"#),
            Err(ConfigFileError::Invalid {
                field: "protocol",
                ..
            })
        ));
        assert!(matches!(
            parse_config(r#"{"host":"h","client":"1000"}"#),
            Err(ConfigFileError::Invalid {
                field: "client",
                ..
            })
        ));
        assert!(matches!(
            parse_config(r#"{"host":"h","folderLogic":"MIXED"}"#),
            Err(ConfigFileError::Invalid {
                field: "folderLogic",
                ..
            })
        ));
        assert!(matches!(
            parse_config(r#"{"host":"h/x"}"#),
            Err(ConfigFileError::Invalid { field: "host", .. })
        ));
        let missing = read_config_file(Path::new("/nonexistent/.abapGitAgent"));
        assert!(matches!(missing, Err(ConfigFileError::Read { .. })));
    }
}
