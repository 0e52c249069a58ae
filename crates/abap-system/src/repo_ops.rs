//! Registering and removing abapGit repositories (`/create`, `/delete`, `/status`).

use crate::error::SystemError;
use crate::git_repos::{AbapGitRepo, NewRepo, RemoteRepo};
use crate::system::System;

/// Normalises a git URL for comparison: trimmed, lower case, without a trailing
/// `/` or `.git` (GitHub treats these as the same repository).
pub fn normalize_url(url: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    let without_slash = lower.trim_end_matches('/');
    without_slash
        .strip_suffix(".git")
        .unwrap_or(without_slash)
        .to_string()
}

impl System {
    /// The registered repository for a URL (`/status`).
    pub fn repo_by_url(&self, url: &str) -> Option<&AbapGitRepo> {
        let wanted = normalize_url(url);
        self.repos.iter().find(|r| normalize_url(&r.url) == wanted)
    }

    /// The registered repository by key.
    pub fn repo_by_key(&self, key: &str) -> Option<&AbapGitRepo> {
        self.repos.iter().find(|r| r.key == key.trim())
    }

    /// The remote repository the sandbox can reach at `url`.
    pub fn remote(&self, url: &str) -> Option<&RemoteRepo> {
        let wanted = normalize_url(url);
        self.remotes
            .iter()
            .find(|r| normalize_url(&r.url) == wanted)
    }

    /// Adds (or replaces, by URL) a remote git repository the system can reach;
    /// lets tests and demos bring their own content.
    pub fn add_remote(&mut self, remote: RemoteRepo) {
        let wanted = normalize_url(&remote.url);
        self.remotes.retain(|r| normalize_url(&r.url) != wanted);
        self.remotes.push(remote);
    }

    /// Registers an online repository for an existing package (`/create`).
    pub fn create_repo(&mut self, request: &NewRepo) -> Result<AbapGitRepo, SystemError> {
        let url = request.url.trim();
        if url.is_empty() {
            return Err(SystemError::Invalid(
                "URL and package are required".to_string(),
            ));
        }
        let package = self
            .package(&request.package)
            .ok_or_else(|| {
                SystemError::PackageNotFound(request.package.trim().to_ascii_uppercase())
            })?
            .name
            .clone();
        if self.repo_by_url(url).is_some() {
            return Err(SystemError::RepositoryAlreadyExists);
        }
        if self.repos.iter().any(|r| r.package == package) {
            return Err(SystemError::PackageAlreadyUsed(package));
        }
        let folder = request
            .folder
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty())
            .unwrap_or("/src/")
            .to_string();
        if !folder.starts_with('/') || !folder.ends_with('/') {
            return Err(SystemError::InvalidFolder(folder));
        }
        let folder_logic = match request
            .folder_logic
            .as_deref()
            .map(|f| f.trim().to_ascii_uppercase())
            .filter(|f| !f.is_empty())
        {
            None => "PREFIX".to_string(),
            Some(logic) if logic == "PREFIX" || logic == "FULL" => logic,
            Some(other) => {
                return Err(SystemError::Invalid(format!(
                    "Invalid folder logic {other}: use PREFIX or FULL"
                )))
            }
        };
        let remote = self
            .remote(url)
            .ok_or_else(|| SystemError::RemoteNotFound(url.to_string()))?;
        let branch = request
            .branch
            .as_deref()
            .map(str::trim)
            .filter(|b| !b.is_empty())
            .unwrap_or(&remote.default_branch)
            .to_string();
        if !remote.branches.contains(&branch) {
            return Err(SystemError::BranchNotFound {
                url: url.to_string(),
                branch,
            });
        }
        let name = request
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(&remote.name)
            .to_string();
        let display_name = request
            .display_name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .unwrap_or(&name)
            .to_string();
        let repo = AbapGitRepo {
            key: format!("{:012}", self.next_repo_key),
            name,
            display_name,
            url: url.to_string(),
            branch,
            package,
            folder_logic,
            folder,
            created_by: request.user.trim().to_ascii_uppercase(),
        };
        self.next_repo_key += 1;
        self.repos.push(repo.clone());
        Ok(repo)
    }

    /// Unregisters the repository for a URL (`/delete`); the objects stay.
    pub fn delete_repo(&mut self, url: &str) -> Result<AbapGitRepo, SystemError> {
        let wanted = normalize_url(url);
        let index = self
            .repos
            .iter()
            .position(|r| normalize_url(&r.url) == wanted)
            .ok_or(SystemError::RepositoryNotFound)?;
        Ok(self.repos.remove(index))
    }
}
