//! abap-system
