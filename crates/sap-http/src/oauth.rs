//! OAuth 2.0 client credentials (RFC 6749 §4.4) as SAP BTP services use them: the session
//! asks the token endpoint for a bearer token once per token lifetime, keeps it in memory
//! only, renews it shortly before it expires, and once when the service answers 401.
//!
//! The token request is `POST <token_url>` with `grant_type=client_credentials` in a form
//! body and the client id and secret as HTTP Basic (as XSUAA and `curl -u` do); the answer
//! is `{"access_token", "token_type", "expires_in"}`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use reqwest::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, LOCATION};
use serde::Deserialize;

use crate::classify::{classify, Destination, Limits};
use crate::client::basic_header;
use crate::html::{html_title, looks_like_html_document, text_excerpt};
use crate::{OAuthClientCredentials, SapError};

/// Lifetime assumed when the token endpoint names none (a 401 renews it earlier anyway).
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);
/// Renewal starts a tenth of the lifetime before expiry, at most this long before.
const MAX_RENEWAL_MARGIN: Duration = Duration::from_secs(300);
/// A token endpoint answers in well under a second; a hanging one should not hold a call
/// for the session's full (long) request limit.
const MAX_TOKEN_WAIT: Duration = Duration::from_secs(30);
/// A token answer is a few kilobytes; anything far larger is not one.
const MAX_TOKEN_ANSWER_BYTES: usize = 256 * 1024;

/// The bearer token a request goes out with.
#[derive(Clone)]
pub(crate) struct Bearer {
    /// `Bearer <access_token>`, marked sensitive (never printed).
    pub header: HeaderValue,
    /// Which token this is, so that a 401 discards only the token it was sent with.
    pub generation: u64,
}

struct Token {
    bearer: Bearer,
    renew_at: Instant,
}

/// The token of one session: requested on first use, shared by every clone of the session
/// and by concurrent calls (one request for all of them).
pub(crate) struct TokenSource {
    credentials: OAuthClientCredentials,
    client: reqwest::Client,
    /// A std mutex, never held across an await.
    slot: Mutex<Option<Token>>,
    /// Held while a token is requested, so concurrent callers wait for that one request.
    /// A cancelled request releases it and leaves the slot empty for the next caller.
    fetching: tokio::sync::Mutex<()>,
    requests: AtomicU64,
    generations: AtomicU64,
}

impl TokenSource {
    pub(crate) fn new(credentials: OAuthClientCredentials, client: reqwest::Client) -> Self {
        Self {
            credentials,
            client,
            slot: Mutex::new(None),
            fetching: tokio::sync::Mutex::new(()),
            requests: AtomicU64::new(0),
            generations: AtomicU64::new(0),
        }
    }

    /// Token requests sent so far.
    pub(crate) fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    pub(crate) fn token_url(&self) -> &url::Url {
        &self.credentials.token_url
    }

    /// A token not yet due for renewal, requested when there is none (one request for
    /// all concurrent callers).
    pub(crate) async fn bearer(
        &self,
        destination: &Destination,
        limits: &Limits,
    ) -> Result<Bearer, SapError> {
        if let Some(bearer) = self.fresh() {
            return Ok(bearer);
        }
        let _fetching = self.fetching.lock().await;
        if let Some(bearer) = self.fresh() {
            return Ok(bearer);
        }
        let token = self.request(destination, limits).await?;
        let bearer = token.bearer.clone();
        *self.slot() = Some(token);
        Ok(bearer)
    }

    /// Forgets the token of `generation` after the service refused it; a newer one,
    /// requested meanwhile by another caller, stays.
    pub(crate) fn discard(&self, generation: u64) {
        let mut slot = self.slot();
        if slot
            .as_ref()
            .is_some_and(|token| token.bearer.generation == generation)
        {
            *slot = None;
        }
    }

    fn fresh(&self) -> Option<Bearer> {
        self.slot()
            .as_ref()
            .filter(|token| Instant::now() < token.renew_at)
            .map(|token| token.bearer.clone())
    }

    async fn request(&self, destination: &Destination, limits: &Limits) -> Result<Token, SapError> {
        let credentials = &self.credentials;
        let token_url = credentials.token_url.to_string();
        let basic = basic_header(
            &credentials.client_id,
            &credentials.client_secret,
            "oauth.client_id",
        )?;
        self.requests.fetch_add(1, Ordering::Relaxed);
        let started = Instant::now();
        let wait = limits.response.min(MAX_TOKEN_WAIT);
        let exchange = async {
            let mut response = self
                .client
                .post(credentials.token_url.clone())
                .header(AUTHORIZATION, basic)
                .header(ACCEPT, "application/json")
                .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body("grant_type=client_credentials")
                .send()
                .await?;
            let status = response.status().as_u16();
            let headers = std::mem::take(response.headers_mut());
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await? {
                body.extend_from_slice(&chunk);
                if body.len() > MAX_TOKEN_ANSWER_BYTES {
                    break;
                }
            }
            Ok::<_, reqwest::Error>((status, headers, body))
        };
        let outcome = tokio::time::timeout(wait, exchange).await;
        let (status, headers, body) = match outcome {
            Err(_elapsed) => {
                return Err(SapError::TokenEndpointUnreachable {
                    token_url,
                    message: format!("no answer within {} s", wait.as_secs_f64()),
                    timed_out: true,
                })
            }
            Ok(Err(error)) => {
                let limits = Limits {
                    connect: limits.connect,
                    response: wait,
                };
                let cause = classify(&error, destination, &limits);
                return Err(SapError::TokenEndpointUnreachable {
                    token_url,
                    timed_out: matches!(cause, SapError::Timeout { .. }),
                    message: cause.to_string(),
                });
            }
            Ok(Ok(answer)) => answer,
        };
        tracing::debug!(
            status,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "OAuth token request"
        );
        let location = headers
            .get(LOCATION)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let lifetime =
            read_answer(status, &body, location.as_deref()).map_err(|refusal| match refusal {
                Refusal::Rejected { error, description } => SapError::TokenRejected {
                    status,
                    error,
                    description,
                },
                Refusal::NoToken { message, excerpt } => SapError::TokenAnswerInvalid {
                    status,
                    message: format!("{token_url} answered {message}"),
                    excerpt,
                },
            })?;
        let (header, lifetime) = lifetime;
        let now = Instant::now();
        Ok(Token {
            bearer: Bearer {
                header,
                generation: self.generations.fetch_add(1, Ordering::Relaxed) + 1,
            },
            renew_at: now + lifetime - renewal_margin(lifetime),
        })
    }

    fn slot(&self) -> MutexGuard<'_, Option<Token>> {
        // A plain Option: valid even if a holder panicked.
        self.slot
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[derive(Deserialize)]
struct TokenAnswer {
    access_token: Option<String>,
    token_type: Option<String>,
    expires_in: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct ErrorAnswer {
    error: Option<String>,
    error_description: Option<String>,
}

/// Why an answer gave no token.
#[derive(Debug, PartialEq)]
enum Refusal {
    /// The endpoint said no in OAuth's words.
    Rejected { error: String, description: String },
    /// The answer is no token at all.
    NoToken { message: String, excerpt: String },
}

/// The `Authorization` value and lifetime of a token answer, or why there is none.
fn read_answer(
    status: u16,
    body: &[u8],
    location: Option<&str>,
) -> Result<(HeaderValue, Duration), Refusal> {
    let text = String::from_utf8_lossy(body);
    let html = looks_like_html_document(body);
    let excerpt = || {
        if html {
            html_title(&text).unwrap_or_else(|| text_excerpt(&text, 200))
        } else {
            text_excerpt(&text, 200)
        }
    };
    if !(200..300).contains(&status) {
        if let Ok(ErrorAnswer {
            error: Some(error),
            error_description,
        }) = serde_json::from_slice::<ErrorAnswer>(body)
        {
            let description = error_description
                .map(|text| text.trim().to_owned())
                .filter(|text| !text.is_empty())
                .unwrap_or_else(|| words_for(&error).to_owned());
            return Err(Refusal::Rejected { error, description });
        }
        if status == 401 {
            return Err(Refusal::Rejected {
                error: "unauthorized".into(),
                description: "the client id or secret was not accepted (HTTP 401)".into(),
            });
        }
        let message = match location {
            Some(location) if (300..400).contains(&status) => format!(
                "HTTP {status}, a redirect to {}: check the token URL",
                text_excerpt(location, 200)
            ),
            _ => format!("HTTP {status}: check the token URL"),
        };
        return Err(Refusal::NoToken {
            message,
            excerpt: excerpt(),
        });
    }
    let no_token = |message: &str, excerpt: String| Refusal::NoToken {
        message: message.to_owned(),
        excerpt,
    };
    if html {
        return Err(no_token(
            "with an HTML page instead of a token: check the token URL",
            excerpt(),
        ));
    }
    let answer: TokenAnswer = serde_json::from_slice(body)
        .map_err(|_| no_token("with something that is no JSON token", excerpt()))?;
    let access_token = answer
        .access_token
        .map(|token| token.trim().to_owned())
        .filter(|token| !token.is_empty())
        .ok_or_else(|| no_token("JSON without an access_token", excerpt()))?;
    // Never quote a token in an error: from here on the excerpt stays empty.
    if let Some(kind) = answer.token_type.as_deref() {
        if !kind.trim().eq_ignore_ascii_case("bearer") {
            return Err(no_token(
                &format!("a token of type {kind:?}, not bearer"),
                String::new(),
            ));
        }
    }
    let mut header = HeaderValue::from_str(&format!("Bearer {access_token}")).map_err(|_| {
        no_token(
            "an access_token with characters an HTTP header cannot carry",
            String::new(),
        )
    })?;
    header.set_sensitive(true);
    Ok((header, lifetime(answer.expires_in.as_ref())))
}

/// `expires_in` in seconds, as a number or a numeric string.
fn lifetime(expires_in: Option<&serde_json::Value>) -> Duration {
    let seconds = match expires_in {
        Some(serde_json::Value::Number(number)) => number.as_f64(),
        Some(serde_json::Value::String(text)) => text.trim().parse::<f64>().ok(),
        _ => None,
    };
    seconds
        .filter(|seconds| seconds.is_finite() && *seconds > 0.0)
        .map_or(DEFAULT_LIFETIME, |seconds| {
            Duration::from_secs_f64(seconds.min(366.0 * 86_400.0))
        })
}

/// How long before expiry a token is renewed: a tenth of its lifetime, at most five minutes.
fn renewal_margin(lifetime: Duration) -> Duration {
    (lifetime / 10).min(MAX_RENEWAL_MARGIN)
}

/// Words for the standard OAuth error codes, when the endpoint sends no description.
fn words_for(error: &str) -> &'static str {
    match error {
        "invalid_client" | "unauthorized" => "the client id or secret was not accepted",
        "unauthorized_client" => "the client may not use the client-credentials grant",
        "invalid_scope" => "the requested scope is not granted to the client",
        "unsupported_grant_type" => "the endpoint does not offer the client-credentials grant",
        _ => "the token endpoint refused the request",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lifetimes_from_numbers_and_strings() {
        assert_eq!(lifetime(Some(&json!(43199))), Duration::from_secs(43199));
        assert_eq!(lifetime(Some(&json!("120"))), Duration::from_secs(120));
        assert_eq!(lifetime(Some(&json!(-5))), DEFAULT_LIFETIME);
        assert_eq!(lifetime(Some(&json!(0))), DEFAULT_LIFETIME);
        assert_eq!(lifetime(Some(&json!("soon"))), DEFAULT_LIFETIME);
        assert_eq!(lifetime(None), DEFAULT_LIFETIME);
    }

    #[test]
    fn renewal_comes_before_expiry() {
        assert_eq!(
            renewal_margin(Duration::from_secs(43199)),
            MAX_RENEWAL_MARGIN
        );
        assert_eq!(
            renewal_margin(Duration::from_secs(2)),
            Duration::from_millis(200)
        );
    }

    #[test]
    fn a_token_answer_gives_the_bearer_header() {
        let body = br#"{"access_token":"eyJ.abc","token_type":"bearer","expires_in":43199,"scope":"it!b1.x","jti":"1"}"#;
        let (header, lifetime) = read_answer(200, body, None).unwrap();
        assert_eq!(header.to_str().unwrap(), "Bearer eyJ.abc");
        assert!(header.is_sensitive());
        assert_eq!(lifetime, Duration::from_secs(43199));
    }

    #[test]
    fn refusals_keep_the_oauth_words() {
        let body = br#"{"error":"unauthorized","error_description":"Bad credentials"}"#;
        assert_eq!(
            read_answer(401, body, None).unwrap_err(),
            Refusal::Rejected {
                error: "unauthorized".into(),
                description: "Bad credentials".into()
            }
        );
        let body = br#"{"error":"invalid_client"}"#;
        assert!(matches!(
            read_answer(400, body, None).unwrap_err(),
            Refusal::Rejected { description, .. } if description.contains("client id or secret")
        ));
    }

    #[test]
    fn answers_without_a_token_are_named_and_never_quote_a_token() {
        let page = b"<html><head><title>Sign in</title></head><body>form</body></html>";
        assert!(matches!(
            read_answer(200, page, None).unwrap_err(),
            Refusal::NoToken { excerpt, .. } if excerpt == "Sign in"
        ));
        assert!(matches!(
            read_answer(200, br#"{"token":"x"}"#, None).unwrap_err(),
            Refusal::NoToken { message, .. } if message.contains("without an access_token")
        ));
        let mac = br#"{"access_token":"SECRET-TOKEN","token_type":"mac"}"#;
        match read_answer(200, mac, None).unwrap_err() {
            Refusal::NoToken { message, excerpt } => {
                assert!(message.contains("mac"), "{message}");
                assert!(!excerpt.contains("SECRET") && !message.contains("SECRET"));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read_answer(302, b"", Some("https://idp/login")).unwrap_err(),
            Refusal::NoToken { message, .. } if message.contains("https://idp/login")
        ));
        assert!(matches!(
            read_answer(404, b"Not Found", None).unwrap_err(),
            Refusal::NoToken { message, .. } if message.contains("404")
        ));
    }
}
