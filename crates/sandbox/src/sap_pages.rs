//! The HTML pages the ICF framework answers with: logon errors, error pages, the logon form.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

fn icf_error_page(status: StatusCode, title: &str, heading: &str, detail: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title>\
         <meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>\
         <body><h1>{heading}</h1><p>{detail}</p>\
         <p>Error code: {code}</p><hr><p>SAP NetWeaver Application Server</p></body></html>",
        title = escape(title),
        heading = escape(heading),
        detail = escape(detail),
        code = status.as_u16(),
    )
}

/// 401 from the ICF logon: wrong or missing credentials, or a client that does not exist.
pub fn logon_failed(realm: &str, reason: &str) -> Response {
    let body = icf_error_page(
        StatusCode::UNAUTHORIZED,
        "Logon Error Message",
        "Logon failed",
        reason,
    );
    let mut response = html(StatusCode::UNAUTHORIZED, body);
    if let Ok(value) = HeaderValue::from_str(&format!("Basic realm=\"{realm}\"")) {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, value);
    }
    response
}

/// 404 for a path no ICF service or REST resource handles.
pub fn not_found(path: &str) -> Response {
    let body = icf_error_page(
        StatusCode::NOT_FOUND,
        "404 Not Found",
        "Service cannot be reached",
        &format!("The requested resource {path} could not be found."),
    );
    html(StatusCode::NOT_FOUND, body)
}

/// 405 from `CL_REST_RESOURCE` for a method the resource does not implement.
pub fn method_not_allowed(allow: &str) -> Response {
    let body = icf_error_page(
        StatusCode::METHOD_NOT_ALLOWED,
        "405 Method Not Allowed",
        "Method not allowed",
        "The requested method is not supported by this resource.",
    );
    let mut response = html(StatusCode::METHOD_NOT_ALLOWED, body);
    if let Ok(value) = HeaderValue::from_str(allow) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

/// A 5xx ICF error page such as a short dump in the handler produces.
pub fn server_error(status: StatusCode) -> Response {
    let title = format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Server Error")
    );
    let body = icf_error_page(
        status,
        &title,
        &title,
        "The request was terminated because of an error. Note the time and contact your system administrator (transaction ST22).",
    );
    html(status, body)
}

/// 200 logon form: what SAP serves when a session is gone and form logon is configured.
pub fn logon_page(sid: &str, client: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html><html><head><title>Logon</title>\
         <meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>\
         <body><form id=\"LOGIN_FORM\" method=\"post\" action=\"\">\
         <input type=\"hidden\" name=\"sap-system-login-oninputprocessing\" value=\"onLogin\">\
         <input type=\"hidden\" name=\"sap-system-login\" value=\"{sid}\">\
         <label for=\"sap-client\">Client</label><input id=\"sap-client\" name=\"sap-client\" value=\"{client}\">\
         <label for=\"sap-user\">User</label><input id=\"sap-user\" name=\"sap-user\">\
         <label for=\"sap-password\">Password</label><input id=\"sap-password\" name=\"sap-password\" type=\"password\">\
         <button type=\"submit\">Log On</button></form></body></html>",
        sid = escape(sid),
        client = escape(client),
    );
    html(StatusCode::OK, body)
}
