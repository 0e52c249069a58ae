//! Connection profiles: list, create, update, duplicate, delete, test, import, export.

use std::time::Instant;

use abapgit_agent::config_file::{read_config_file, AgentFileConfig};
use profiles::{
    ProfileDraft, ProfileId, ProfileSettings, ProfileView, ProxySettings, SecretUpdate,
    ServiceKind, Timeouts, TlsSettings,
};
use serde::Serialize;
use tauri::State;

use crate::error::{AppError, CommandResult};
use crate::file_access::Access;
use crate::state::{AppState, KeyringStatus};

#[tauri::command]
#[specta::specta]
pub fn profiles_list(state: State<'_, AppState>) -> CommandResult<Vec<ProfileView>> {
    Ok(state.book.list()?)
}

#[tauri::command]
#[specta::specta]
pub fn profile_create(
    state: State<'_, AppState>,
    draft: ProfileDraft,
) -> CommandResult<ProfileView> {
    check_ca_file_was_picked(&state, None, &draft)?;
    let mut draft = draft;
    state.imported_secrets.resolve(&mut draft);
    let view = state.book.create(draft)?;
    state.imported_secrets.clear();
    Ok(view)
}

/// A CA file the profile names must have been chosen in the app's open dialog (or be the
/// one already stored): the webview cannot make the app read a path of its choosing.
fn check_ca_file_was_picked(
    state: &AppState,
    id: Option<&ProfileId>,
    draft: &ProfileDraft,
) -> CommandResult<()> {
    let Some(ca_file) = draft.settings.tls.extra_ca_file.as_deref() else {
        return Ok(());
    };
    let stored = id
        .and_then(|id| state.book.get(id).ok())
        .and_then(|profile| profile.settings.tls.extra_ca_file);
    if stored.as_deref() == Some(ca_file) || state.files.was_picked_for_reading(ca_file) {
        return Ok(());
    }
    Err(AppError::Validation {
        fields: vec![profiles::FieldError::new(
            "tls.extra_ca_file",
            "Choose the CA file with “Choose file…”.",
        )],
    })
}

#[tauri::command]
#[specta::specta]
pub fn profile_update(
    state: State<'_, AppState>,
    id: ProfileId,
    draft: ProfileDraft,
) -> CommandResult<ProfileView> {
    check_ca_file_was_picked(&state, Some(&id), &draft)?;
    let mut draft = draft;
    state.imported_secrets.resolve(&mut draft);
    let new_password = !matches!(draft.password, SecretUpdate::Keep);
    let view = state.book.update(&id, draft)?;
    state.imported_secrets.clear();
    // The warm session was opened with the old settings; a new password has failed nowhere.
    if new_password {
        state.sessions.password_changed(&id);
    } else {
        state.sessions.drop_session(&id);
    }
    Ok(view)
}

#[tauri::command]
#[specta::specta]
pub fn profile_duplicate(state: State<'_, AppState>, id: ProfileId) -> CommandResult<ProfileView> {
    Ok(state.book.duplicate(&id)?)
}

/// Deletes the profile and its keyring entries.
#[tauri::command]
#[specta::specta]
pub fn profile_delete(state: State<'_, AppState>, id: ProfileId) -> CommandResult<()> {
    state.book.delete(&id)?;
    state.sessions.password_changed(&id);
    Ok(())
}

/// What a successful connection test found.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ConnectionReport {
    pub service_kind: ServiceKind,
    /// The service root that was called.
    pub service_url: String,
    pub user: String,
    /// The version the service reports (abapGit Agent `/health`).
    pub version: Option<String>,
    /// Wall time of the whole test (health, logon, CSRF token).
    pub elapsed_ms: u32,
    /// Certificate checks were switched off for this profile.
    pub insecure_tls: bool,
}

/// Health + authentication + CSRF fetch on a fresh session, which then stays warm.
/// Failures arrive as the tagged SAP error (phase, certificate problem, status).
#[tauri::command]
#[specta::specta]
pub async fn profile_test_connection(
    state: State<'_, AppState>,
    id: ProfileId,
) -> CommandResult<ConnectionReport> {
    let started = Instant::now();
    let profile = state.book.get(&id)?;
    let session = state.sessions.reopen(&state.book, &id)?;
    let settings = &profile.settings;
    let version = match settings.service_kind {
        ServiceKind::AbapgitAgent => {
            let health = abapgit_agent::AgentClient::new(session.clone())
                .health()
                .await?;
            Some(health.version).filter(|v| !v.is_empty())
        }
        ServiceKind::FocusedBuild | ServiceKind::CloudIntegration => None,
        ServiceKind::TransactionBridge => {
            test_bridge_app(&session, settings).await?;
            None
        }
    };
    // Cloud Integration: GET /api/v1/ (with a CSRF fetch for Basic; a bearer session gets
    // its token first, an API key goes as it is). The bridge's apps root is no resource.
    if settings.service_kind != ServiceKind::TransactionBridge {
        session.fetch_csrf_token().await?;
    }
    Ok(ConnectionReport {
        service_kind: settings.service_kind,
        service_url: session.config().base_url.to_string(),
        user: settings.principal().to_owned(),
        version,
        elapsed_ms: u32::try_from(started.elapsed().as_millis()).unwrap_or(u32::MAX),
        insecure_tls: profile.settings.tls.insecure,
    })
}

/// A bridge's first app answers its `$metadata` (on the profile's session, whose root is
/// the bridge's apps).
async fn test_bridge_app(
    session: &sap_http::Session,
    settings: &ProfileSettings,
) -> CommandResult<()> {
    let app_id = settings
        .app_ids
        .first()
        .ok_or_else(|| AppError::Validation {
            fields: vec![profiles::FieldError::new(
                "app_ids",
                "Add at least one app id.",
            )],
        })?;
    let request =
        sap_http::SapRequest::get(format!("{}$metadata", profiles::bridge_app_path(app_id)))
            .header("Accept", "application/xml");
    let response = session.send(request).await?;
    if response.status == 404 {
        return Err(AppError::not_found(
            "app",
            format!("the bridge has no app {app_id} (HTTP 404 for its $metadata)"),
        ));
    }
    response.error_for_status()?;
    Ok(())
}

/// A Cloud Integration profile's settings read from a BTP service key (plan api, OAuth
/// client credentials). The client secret stays in the app: the form gets a handle.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct ServiceKeyDraft {
    pub settings: ProfileSettings,
    /// Send `{action: "imported", handle}` as the draft's `client_secret`.
    pub client_secret_handle: String,
}

fn service_key_draft(state: &AppState, text: &str) -> Result<ServiceKeyDraft, String> {
    let key = profiles::parse_service_key(text).map_err(|error| error.to_string())?;
    Ok(ServiceKeyDraft {
        settings: key.settings(),
        client_secret_handle: state.imported_secrets.hold(key.client_secret),
    })
}

/// Fills a Cloud Integration profile from a pasted service key.
#[tauri::command]
#[specta::specta]
pub fn profile_draft_from_service_key(
    state: State<'_, AppState>,
    text: String,
) -> CommandResult<ServiceKeyDraft> {
    service_key_draft(&state, &text).map_err(|message| AppError::Validation {
        fields: vec![profiles::FieldError::new("service_key", message)],
    })
}

/// Fills a Cloud Integration profile from a service key file (a handle from `pick_open_file`).
#[tauri::command]
#[specta::specta]
pub fn profile_draft_from_service_key_file(
    state: State<'_, AppState>,
    file: String,
) -> CommandResult<ServiceKeyDraft> {
    const MAX_KEY_BYTES: u64 = 256 * 1024;
    let path = state.files.path(&file, Access::Read)?;
    let invalid = |message: String| AppError::InvalidFile {
        path: path.display().to_string(),
        message,
    };
    let size = std::fs::metadata(&path)
        .map_err(|error| invalid(error.to_string()))?
        .len();
    if size > MAX_KEY_BYTES {
        return Err(invalid(format!(
            "{size} bytes is far too large for a service key"
        )));
    }
    let bytes = std::fs::read(&path).map_err(|error| invalid(error.to_string()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| invalid("this is not a text file, so not a service key".into()))?;
    service_key_draft(&state, &text).map_err(invalid)
}

/// Forgets the profile's warm session (cookies, CSRF token): the next call logs on again.
/// A transaction bridge system first logs off its apps' GUI sessions (bounded wait).
#[tauri::command]
#[specta::specta]
pub async fn session_drop(state: State<'_, AppState>, id: ProfileId) -> CommandResult<bool> {
    if tokio::time::timeout(BRIDGE_LOGOUT_WAIT, state.bridge.logout(Some(&id)))
        .await
        .is_err()
    {
        tracing::warn!("the bridge did not answer Logout in time");
    }
    Ok(state.sessions.drop_session(&id))
}

/// How long a disconnect waits for a bridge's `Logout` before it forgets the session anyway.
const BRIDGE_LOGOUT_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Whether passwords are saved in the OS keyring or kept for this session only.
/// The user's Cancel: stops every call to a system that is running now (they answer
/// `cancelled`), the transaction bridge apps' sessions included. Long jobs such as pulls
/// have their own `job_cancel`. Answers how many sessions were open.
#[tauri::command]
#[specta::specta]
pub fn calls_cancel(state: State<'_, AppState>) -> u32 {
    state
        .sessions
        .cancel_in_flight()
        .saturating_add(state.bridge.cancel_in_flight())
}

#[tauri::command]
#[specta::specta]
pub fn keyring_status(state: State<'_, AppState>) -> KeyringStatus {
    state.keyring.clone()
}

/// Writes every profile, without secrets, as JSON to `file` (a handle from `pick_save_file`).
#[tauri::command]
#[specta::specta]
pub fn profiles_export(state: State<'_, AppState>, file: String) -> CommandResult<()> {
    let path = state.files.path(&file, Access::Write)?;
    let json = state.book.export_json()?;
    std::fs::write(&path, json)
        .map_err(|error| AppError::storage(format!("{}: {error}", path.display())))
}

/// Creates a profile from the reference CLI's `.abapGitAgent` file; its password and git
/// token go to the keyring. Certificates are checked (the CLI never checks them): a system
/// with a self-signed certificate needs its CA file or the explicit insecure switch.
#[tauri::command]
#[specta::specta]
pub fn profile_import_agent_file(
    state: State<'_, AppState>,
    file: String,
) -> CommandResult<ProfileView> {
    let path = state.files.path(&file, Access::Read)?;
    let file = read_config_file(&path).map_err(|error| AppError::InvalidFile {
        path: path.display().to_string(),
        message: error.to_string(),
    })?;
    Ok(state.book.create(draft_from_agent_file(file))?)
}

fn draft_from_agent_file(file: AgentFileConfig) -> ProfileDraft {
    let host = file
        .system_url
        .host_str()
        .unwrap_or("abapGit Agent")
        .to_owned();
    let client = file.sap_client.unwrap_or_default();
    let display_name = if client.is_empty() {
        host
    } else {
        format!("{host} ({client})")
    };
    let secret = |value: Option<sap_http::Secret>| match value {
        Some(secret) if !secret.is_empty() => SecretUpdate::Set {
            value: secret.expose().to_owned(),
        },
        _ => SecretUpdate::Keep,
    };
    ProfileDraft {
        settings: ProfileSettings {
            display_name,
            service_kind: ServiceKind::AbapgitAgent,
            base_url: file.system_url.as_str().trim_end_matches('/').to_owned(),
            client,
            language: file.language.unwrap_or_default(),
            user: file.user.unwrap_or_default(),
            auth: Default::default(),
            tls: TlsSettings::default(),
            proxy: ProxySettings::System,
            timeouts: Timeouts::default(),
            git_username: file.git_username.unwrap_or_default(),
            oauth: Default::default(),
            app_ids: Vec::new(),
        },
        password: secret(file.password),
        git_token: secret(file.git_password),
        client_secret: SecretUpdate::Keep,
        api_key: SecretUpdate::Keep,
    }
}
