//! The reference CLI's `.abapGitAgent` file.
