//! sap-http
