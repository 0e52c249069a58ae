//! abapGit file names -> ABAP objects.
