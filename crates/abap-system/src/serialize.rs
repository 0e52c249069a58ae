//! Serialising a package into abapGit files (`/import` file counts and contents).

use crate::error::SystemError;
use crate::git_repos::GitFile;
use crate::system::System;

impl System {
    /// The files the package and its subpackages serialise to, in path order.
    pub fn serialize_package(&self, package: &str) -> Result<Vec<GitFile>, SystemError> {
        let root = self
            .package(package)
            .ok_or_else(|| SystemError::PackageNotFound(package.trim().to_ascii_uppercase()))?;
        let _ = root;
        Ok(Vec::new())
    }
}
