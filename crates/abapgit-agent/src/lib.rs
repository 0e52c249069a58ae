//! abapgit-agent
