use bytes::Bytes;
use reqwest::header::{HeaderMap, CONTENT_TYPE, LOCATION};
use serde::de::DeserializeOwned;

use crate::html::looks_like_html_document;
pub use crate::html::{html_title, text_excerpt};
use crate::SapError;

/// Characters of a body quoted in an error message.
const EXCERPT_CHARS: usize = 300;

/// An HTTP answer of any status.
///
/// A logon page that stands for an ended session never arrives here: the session turns
/// it into `SessionEnded` (or repeats a repeatable request), see [`crate::Session::send`].
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

    /// `Content-Type` says HTML (an error page or a logon page). Without a
    /// `Content-Type`, a body that starts like an HTML document counts as HTML.
    pub fn is_html(&self) -> bool {
        match self.content_type() {
            Some(content_type) => {
                let mime = content_type.split(';').next().unwrap_or_default().trim();
                mime.eq_ignore_ascii_case("text/html")
                    || mime.eq_ignore_ascii_case("application/xhtml+xml")
            }
            None => looks_like_html_document(&self.body),
        }
    }

    /// The `Content-Type` header, if it is readable text.
    pub fn content_type(&self) -> Option<&str> {
        self.header(CONTENT_TYPE.as_str())
    }

    /// A response header as text (`None` when absent or not visible ASCII).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// `Err(SapError::HttpStatus)` for a non-2xx status, with the HTML title or a text excerpt.
    pub fn error_for_status(self) -> Result<Self, SapError> {
        if self.is_success() {
            return Ok(self);
        }
        let text = self.text();
        let title = if self.is_html() {
            html_title(&text)
        } else {
            None
        };
        let mut excerpt = text_excerpt(&text, EXCERPT_CHARS);
        if let (true, Some(location)) = (
            (300..400).contains(&self.status),
            self.header(LOCATION.as_str()),
        ) {
            excerpt = format!(
                "redirected to {} {excerpt}",
                text_excerpt(location, EXCERPT_CHARS)
            )
            .trim_end()
            .to_owned();
        }
        Err(SapError::HttpStatus {
            status: self.status,
            title,
            excerpt,
        })
    }

    /// The body decoded as JSON; `SapError::Decode` with an excerpt when it is not.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, SapError> {
        serde_json::from_slice(&self.body).map_err(|error| SapError::Decode {
            message: format!("the answer is not the expected JSON: {error}"),
            excerpt: text_excerpt(&self.text(), EXCERPT_CHARS),
        })
    }

    /// The body as UTF-8 text, lossy.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn response(
        status: u16,
        content_type: Option<&'static str>,
        body: &'static str,
    ) -> HttpResponse {
        let mut headers = HeaderMap::new();
        if let Some(content_type) = content_type {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
        HttpResponse {
            status,
            headers,
            body: Bytes::from_static(body.as_bytes()),
        }
    }

    #[test]
    fn html_is_recognised_by_content_type_with_parameters() {
        assert!(response(200, Some("Text/HTML; charset=utf-8"), "").is_html());
        assert!(!response(200, Some("application/json"), "<html>").is_html());
        assert!(response(200, None, "<!DOCTYPE html><html>").is_html());
        assert!(!response(200, None, "{}").is_html());
    }

    #[test]
    fn error_for_status_keeps_success_and_explains_failure() {
        assert!(response(204, None, "").error_for_status().is_ok());
        let error = response(
            500,
            Some("text/html"),
            "<html><head><title>500 Internal Server Error</title></head><body><p>Dump   ABC</p></body></html>",
        )
        .error_for_status()
        .unwrap_err();
        assert_eq!(
            error,
            SapError::HttpStatus {
                status: 500,
                title: Some("500 Internal Server Error".into()),
                excerpt: "Dump ABC".into(),
            }
        );
        assert_eq!(error.to_string(), "HTTP 500: 500 Internal Server Error");
    }

    #[test]
    fn redirects_name_their_target() {
        let mut redirect = response(302, None, "");
        redirect.headers.insert(
            LOCATION,
            HeaderValue::from_static("https://idp.example/saml"),
        );
        match redirect.error_for_status() {
            Err(SapError::HttpStatus {
                status: 302,
                excerpt,
                ..
            }) => {
                assert_eq!(excerpt, "redirected to https://idp.example/saml")
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn json_errors_quote_the_body() {
        let not_json = response(200, Some("application/json"), "<html>oops</html>");
        match not_json.json::<serde_json::Value>() {
            Err(SapError::Decode { excerpt, .. }) => assert_eq!(excerpt, "oops"),
            other => panic!("unexpected {other:?}"),
        }
    }
}
