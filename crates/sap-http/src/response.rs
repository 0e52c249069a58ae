use bytes::Bytes;
use reqwest::header::HeaderMap;

use crate::SapError;

/// An HTTP answer of any status.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl HttpResponse {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// `Content-Type` says HTML (an error page or a logon page).
    pub fn is_html(&self) -> bool {
        todo!()
    }

    /// `Err(SapError::HttpStatus)` for a non-2xx status, with the HTML title or a text excerpt.
    pub fn error_for_status(self) -> Result<Self, SapError> {
        todo!()
    }

    /// The body as UTF-8 text, lossy.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The `<title>` of an HTML page, whitespace folded.
pub fn html_title(body: &str) -> Option<String> {
    todo!()
}

/// At most `max_chars` of `body`, HTML tags stripped and whitespace folded, for error messages.
pub fn text_excerpt(body: &str, max_chars: usize) -> String {
    todo!()
}
