//! Logging on, once per rule: the logon page that stands for an ended session, the
//! "user is locked" answer, and the count of failed logons that keeps the app from ever
//! being the reason a user gets locked.

use std::sync::{Arc, Mutex, MutexGuard};

use crate::response::HttpResponse;
use crate::{html_title, text_excerpt};

/// Failed logons with one password after which the app stops sending it even when the
/// user asks: SAP locks a user after `login/fails_to_user_lock` failures (5 by default)
/// and other tools of the user count too.
pub const MAX_FAILED_LOGONS: u32 = 3;

/// The failed logons of one password, shared by every session opened with it (a profile
/// keeps one while its password stays the same). After a 401 the password is withheld:
/// no session sends it again until [`LogonAttempts::allow_retry`] (the user asks to try
/// once more) or a new password (a new `LogonAttempts`).
#[derive(Clone, Default)]
pub struct LogonAttempts {
    state: Arc<Mutex<AttemptState>>,
}

#[derive(Default)]
struct AttemptState {
    failed: u32,
    withheld: bool,
    locked: bool,
}

impl std::fmt::Debug for LogonAttempts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.lock();
        f.debug_struct("LogonAttempts")
            .field("failed", &state.failed)
            .field("withheld", &state.withheld)
            .field("locked", &state.locked)
            .finish()
    }
}

impl LogonAttempts {
    /// Failed logons since the last successful one.
    pub fn failed(&self) -> u32 {
        self.lock().failed
    }

    /// The password is not sent until the user asks or changes it.
    pub fn is_withheld(&self) -> bool {
        self.lock().withheld
    }

    /// The system said the user is locked.
    pub fn is_locked(&self) -> bool {
        self.lock().locked
    }

    /// The user asks to send the same password once more. Refused (`false`) once it failed
    /// [`MAX_FAILED_LOGONS`] times or the user is locked: then only a new password helps.
    pub fn allow_retry(&self) -> bool {
        let mut state = self.lock();
        if state.locked || state.failed >= MAX_FAILED_LOGONS {
            return false;
        }
        state.withheld = false;
        true
    }

    pub(crate) fn record_failure(&self, locked: bool) {
        let mut state = self.lock();
        state.failed = state.failed.saturating_add(1);
        state.withheld = true;
        state.locked |= locked;
    }

    pub(crate) fn record_success(&self) {
        let mut state = self.lock();
        if state.failed != 0 || state.withheld {
            *state = AttemptState::default();
        }
    }

    fn lock(&self) -> MutexGuard<'_, AttemptState> {
        // Plain counters, valid even if a holder panicked.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The one rule for "a logon page instead of data": a success status with an HTML page
/// where the service answers data. When HTML is a legitimate answer of the call
/// (`html_is_data`, e.g. an attachment's content), only a page with a logon form counts.
pub(crate) fn is_logon_page(response: &HttpResponse, html_is_data: bool) -> bool {
    if !response.is_success() || !is_html_page(response) {
        return false;
    }
    !html_is_data || has_logon_form(&response.text())
}

/// An HTML page by its content type or, without a usable one, by its first tag. A body that
/// starts like JSON is data whatever the header says (some handlers send none or a wrong one).
fn is_html_page(response: &HttpResponse) -> bool {
    let start = response.body.iter().take(64).copied().collect::<Vec<u8>>();
    let start = String::from_utf8_lossy(&start);
    let start = start.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if start.is_empty() || start.starts_with('{') || start.starts_with('[') {
        return false;
    }
    response.is_html() || crate::html::looks_like_html_document(&response.body)
}

/// SAP's own logon form (`sap-password`), any password field, or a SAML hand-over form.
fn has_logon_form(page: &str) -> bool {
    let page = page.to_ascii_lowercase();
    [
        "sap-password",
        "type=\"password\"",
        "type='password'",
        "type=password",
        "samlrequest",
        "samlresponse",
    ]
    .iter()
    .any(|marker| page.contains(marker))
}

/// The page's title in quotes, for messages (`""` when it has none).
pub(crate) fn page_name(response: &HttpResponse) -> String {
    let text = response.text();
    html_title(&text)
        .or_else(|| Some(text_excerpt(&text, 80)).filter(|t| !t.is_empty()))
        .map(|title| format!(" (\u{201c}{title}\u{201d})"))
        .unwrap_or_default()
}

/// The reason an SAP logon error page gives, e.g. "User is locked. Please notify the person
/// responsible" (the visible text without the page's frame).
pub(crate) fn logon_error_reason(response: &HttpResponse) -> String {
    text_excerpt(&response.text(), 300)
}

/// Whether a 401 says the user is locked rather than the password wrong. SAP's texts:
/// "User is locked. Please notify the person responsible", "Password logon no longer
/// possible - too many failed attempts", in German "Benutzer ist gesperrt".
pub(crate) fn says_user_locked(response: &HttpResponse) -> bool {
    let text = response.text().to_lowercase();
    [
        "user is locked",
        "user locked",
        "too many failed attempts",
        "benutzer ist gesperrt",
        "benutzer gesperrt",
    ]
    .iter()
    .any(|phrase| text.contains(phrase))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;
    use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};

    fn response(status: u16, content_type: Option<&'static str>, body: &str) -> HttpResponse {
        let mut headers = HeaderMap::new();
        if let Some(content_type) = content_type {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
        HttpResponse {
            status,
            headers,
            body: Bytes::from(body.to_owned()),
        }
    }

    #[test]
    fn an_html_page_with_success_status_is_a_logon_page_where_data_is_expected() {
        let page = response(200, Some("text/html"), "<html><title>Logon</title></html>");
        assert!(is_logon_page(&page, false));
        assert!(
            !is_logon_page(&page, true),
            "no logon form: an HTML document"
        );
        let form = response(
            200,
            Some("text/html"),
            "<form><input name=\"sap-password\" type=\"password\"></form>",
        );
        assert!(is_logon_page(&form, true));
        let untyped = response(200, None, "<!DOCTYPE html><html><body>x</body></html>");
        assert!(is_logon_page(&untyped, false));
    }

    #[test]
    fn json_errors_and_empty_bodies_are_not_logon_pages() {
        assert!(!is_logon_page(
            &response(200, Some("text/html"), "{\"ok\":1}"),
            false
        ));
        assert!(!is_logon_page(&response(200, Some("text/html"), ""), false));
        assert!(!is_logon_page(
            &response(401, Some("text/html"), "<html></html>"),
            false
        ));
        assert!(!is_logon_page(
            &response(
                200,
                Some("application/xml"),
                "<?xml version=\"1.0\"?><feed/>"
            ),
            false
        ));
    }

    #[test]
    fn lock_texts_in_english_and_german() {
        for text in [
            "<p>User is locked. Please notify the person responsible</p>",
            "Password logon no longer possible - too many failed attempts",
            "Benutzer ist gesperrt. Bitte beim Systemverwalter melden",
        ] {
            assert!(says_user_locked(&response(401, None, text)), "{text}");
        }
        assert!(!says_user_locked(&response(
            401,
            None,
            "Name or password is incorrect (repeat logon)"
        )));
    }

    #[test]
    fn attempts_withhold_after_a_failure_and_stop_retries_at_the_limit() {
        let attempts = LogonAttempts::default();
        assert!(!attempts.is_withheld());
        attempts.record_failure(false);
        assert!(attempts.is_withheld());
        assert!(attempts.allow_retry());
        assert!(!attempts.is_withheld());
        attempts.record_failure(false);
        attempts.record_failure(false);
        assert_eq!(attempts.failed(), MAX_FAILED_LOGONS);
        assert!(
            !attempts.allow_retry(),
            "the limit holds even when the user asks"
        );
        attempts.record_success();
        assert_eq!(attempts.failed(), 0);
        attempts.record_failure(true);
        assert!(!attempts.allow_retry(), "a locked user is not tried again");
    }
}
