//! Fault injection: server-wide settings (changed at runtime) and per-request faults
//! (header `x-sandbox-fault`). Everything is counter based or seeded, so tests are reproducible.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

/// The longest delay a fault can add to one request (latency plus jitter, or a slow answer).
/// Longer ones are refused by the HTTP control and the header, and cut to this in-process.
pub const MAX_FAULT_DELAY: Duration = Duration::from_secs(600);

/// Server-wide faults. Every field is optional; the default injects nothing.
///
/// "Every N" counters count the requests to SAP paths (agent and OData) since the
/// configuration was last set, starting at 1; a fault fires on requests N, 2N, 3N...
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FaultConfig {
    /// Fixed delay before every request is handled.
    pub latency_ms: u64,
    /// Random extra delay, uniform in `0..=jitter_ms`, drawn from an RNG seeded with `seed`.
    pub jitter_ms: u64,
    /// Seed of the jitter RNG.
    pub seed: u64,
    /// CSRF tokens go stale after this many requests in their session or this many seconds.
    pub csrf_expiry: Option<Expiry>,
    /// Sessions end after this many requests or this many idle seconds.
    pub session_expiry: Option<SessionExpiry>,
    /// Every Nth request answers a 5xx ICF error page.
    pub server_error_every: Option<u64>,
    /// Status of the injected server errors (default 500).
    pub server_error_status: Option<u16>,
    /// Every Nth request has its connection dropped without a response.
    pub connection_reset_every: Option<u64>,
    /// Every Nth request is answered only after an extra delay (after the work is done).
    pub slow_response: Option<SlowResponse>,
    /// Every Nth request answers 400 with an invalid JSON error body.
    pub invalid_json_every: Option<u64>,
    /// Every Nth job poll (`GET ...?jobNumber=`) answers "Job not found".
    pub job_not_found_every: Option<u64>,
    /// Every Nth request answers a 200 HTML logon page instead of its result.
    pub logon_page_every: Option<u64>,
    /// Every Nth request answers 429 Too Many Requests with `Retry-After`.
    pub too_many_requests_every: Option<u64>,
    /// Seconds in the `Retry-After` of injected 429s (default 1).
    pub retry_after_seconds: Option<u64>,
    /// Cloud Integration bearer tokens die after this many requests or seconds, whatever
    /// their `expires_in` promised.
    pub token_expiry: Option<Expiry>,
    /// Every Nth request fails with [`FaultConfig::bridge_error_code`] if it runs a transaction
    /// bridge sequence (a flaky back end during a mass run); other requests are unaffected.
    pub bridge_error_every: Option<u64>,
    /// The bridge's internal code of those failures (default 400, `RESTGUI_CALL_FAILED`).
    pub bridge_error_code: Option<u32>,
}

/// When something expires: after a number of requests, after some seconds, or whichever comes first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Expiry {
    pub after_requests: Option<u64>,
    pub after_seconds: Option<f64>,
}

/// Session expiry and what the client sees on its next request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionExpiry {
    pub after_requests: Option<u64>,
    /// Idle seconds after which the session is gone.
    pub after_seconds: Option<f64>,
    pub mode: SessionExpiryMode,
}

/// What a request carrying an expired session cookie gets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionExpiryMode {
    /// A 200 HTML logon page (once); the stale cookie is cleared.
    #[default]
    LogonPage,
    /// A new session is started silently (new cookies, new CSRF token).
    FreshSession,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SlowResponse {
    pub every: u64,
    pub delay_ms: u64,
}

/// Why a [`FaultConfig`] cannot be used.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("invalid fault configuration: {0}")]
pub struct FaultConfigError(String);

impl FaultConfig {
    /// Checks the values a client sent: delays within [`MAX_FAULT_DELAY`], 5xx statuses,
    /// expiry seconds that are finite and not negative.
    pub fn validate(&self) -> Result<(), FaultConfigError> {
        let max_ms = MAX_FAULT_DELAY.as_millis();
        let delays = [
            ("latency_ms", self.latency_ms),
            ("jitter_ms", self.jitter_ms),
            (
                "slow_response.delay_ms",
                self.slow_response.as_ref().map_or(0, |slow| slow.delay_ms),
            ),
        ];
        for (field, millis) in delays {
            if u128::from(millis) > max_ms {
                return Err(FaultConfigError(format!(
                    "{field} is {millis}; at most {max_ms} (ms)"
                )));
            }
        }
        if u128::from(self.latency_ms) + u128::from(self.jitter_ms) > max_ms {
            return Err(FaultConfigError(format!(
                "latency_ms + jitter_ms is more than {max_ms} (ms)"
            )));
        }
        if let Some(seconds) = self.retry_after_seconds {
            if seconds > MAX_FAULT_DELAY.as_secs() {
                return Err(FaultConfigError(format!(
                    "retry_after_seconds is {seconds}; at most {}",
                    MAX_FAULT_DELAY.as_secs()
                )));
            }
        }
        if let Some(code) = self.bridge_error_code {
            if crate::transaction_bridge::ErrorCode::from_code(code).is_none() {
                return Err(FaultConfigError(format!(
                    "bridge_error_code {code} is not a transaction bridge code (100, 200, 300, 400, 500, 600, 700, 999)"
                )));
            }
        }
        if let Some(status) = self.server_error_status {
            if !(500..600).contains(&status) {
                return Err(FaultConfigError(format!(
                    "server_error_status {status} is not a 5xx status"
                )));
            }
        }
        let seconds = [
            (
                "csrf_expiry.after_seconds",
                self.csrf_expiry.as_ref().and_then(|e| e.after_seconds),
            ),
            (
                "session_expiry.after_seconds",
                self.session_expiry.as_ref().and_then(|e| e.after_seconds),
            ),
            (
                "token_expiry.after_seconds",
                self.token_expiry.as_ref().and_then(|e| e.after_seconds),
            ),
        ];
        for (field, value) in seconds {
            if let Some(value) = value.filter(|v| !(v.is_finite() && *v >= 0.0)) {
                return Err(FaultConfigError(format!(
                    "{field} is {value}; use a number of seconds, 0 or more"
                )));
            }
        }
        Ok(())
    }
}

/// `Retry-After` of an injected 429 unless configured.
const DEFAULT_RETRY_AFTER_SECONDS: u64 = 1;

/// `millis` as a delay, cut to [`MAX_FAULT_DELAY`].
fn capped_millis(millis: u64) -> Duration {
    Duration::from_millis(millis).min(MAX_FAULT_DELAY)
}

/// Faults that apply to one request, decided when it arrives.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestFaults {
    pub delay: Duration,
    pub slow_response: Option<Duration>,
    pub server_error: Option<u16>,
    pub connection_reset: bool,
    pub invalid_json: bool,
    pub job_not_found: bool,
    pub logon_page: bool,
    pub session_expired: Option<SessionExpiryMode>,
    pub csrf_expired: bool,
    /// 429 with this `Retry-After` (seconds).
    pub too_many_requests: Option<u64>,
    /// The request's Cloud Integration bearer token is treated as expired.
    pub token_expired: bool,
    /// The transaction bridge answers this internal error code (`bridge-error=400`).
    pub bridge_error: Option<u32>,
}

/// Error in an `x-sandbox-fault` header.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("invalid x-sandbox-fault {0:?}: use kind[=value] (delays in ms, at most 600000), e.g. latency=200, server-error=503, connection-reset, slow=1000, invalid-json, job-not-found, logon-page, session-expired[=logon-page|fresh-session], csrf-expired, too-many-requests[=SECONDS], token-expired, bridge-error=400|999")]
pub struct FaultHeaderError(pub String);

impl RequestFaults {
    /// Parses the `x-sandbox-fault` header: comma-separated `kind[=value]` items.
    pub fn parse_header(header: &str) -> Result<Self, FaultHeaderError> {
        let mut faults = Self::default();
        for item in header.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (kind, value) = match item.split_once('=') {
                Some((k, v)) => (k.trim(), Some(v.trim())),
                None => (item, None),
            };
            let kind = kind.to_ascii_lowercase().replace('_', "-");
            let bad = || FaultHeaderError(item.to_string());
            let millis = |v: Option<&str>| -> Result<Duration, FaultHeaderError> {
                v.and_then(|v| v.parse::<u64>().ok())
                    .map(Duration::from_millis)
                    .filter(|delay| *delay <= MAX_FAULT_DELAY)
                    .ok_or_else(bad)
            };
            match kind.as_str() {
                "latency" => {
                    faults.delay = faults
                        .delay
                        .saturating_add(millis(value)?)
                        .min(MAX_FAULT_DELAY)
                }
                "slow" | "slow-response" => faults.slow_response = Some(millis(value)?),
                "server-error" | "5xx" => {
                    let status = match value {
                        None => 500,
                        Some(v) => v
                            .parse::<u16>()
                            .ok()
                            .filter(|s| (500..600).contains(s))
                            .ok_or_else(bad)?,
                    };
                    faults.server_error = Some(status);
                }
                "connection-reset" | "reset" => faults.connection_reset = true,
                "invalid-json" => faults.invalid_json = true,
                "job-not-found" => faults.job_not_found = true,
                "logon-page" => faults.logon_page = true,
                "session-expired" => {
                    let mode = match value.map(|v| v.to_ascii_lowercase().replace('_', "-")) {
                        None => SessionExpiryMode::LogonPage,
                        Some(v) if v == "logon-page" => SessionExpiryMode::LogonPage,
                        Some(v) if v == "fresh-session" => SessionExpiryMode::FreshSession,
                        Some(_) => return Err(bad()),
                    };
                    faults.session_expired = Some(mode);
                }
                "csrf-expired" => faults.csrf_expired = true,
                "too-many-requests" | "429" => {
                    let seconds = match value {
                        None => DEFAULT_RETRY_AFTER_SECONDS,
                        Some(v) => v
                            .parse::<u64>()
                            .ok()
                            .filter(|s| *s <= MAX_FAULT_DELAY.as_secs())
                            .ok_or_else(bad)?,
                    };
                    faults.too_many_requests = Some(seconds);
                }
                "token-expired" => faults.token_expired = true,
                "bridge-error" => {
                    let code = value
                        .and_then(|v| v.parse::<u32>().ok())
                        .filter(|code| {
                            crate::transaction_bridge::ErrorCode::from_code(*code).is_some()
                        })
                        .ok_or_else(bad)?;
                    faults.bridge_error = Some(code);
                }
                _ => return Err(bad()),
            }
        }
        Ok(faults)
    }
}

struct FaultState {
    config: FaultConfig,
    requests: u64,
    job_polls: u64,
    rng: StdRng,
}

/// Runtime control of a server's faults. Cheap to clone; all clones control the same server.
#[derive(Clone)]
pub struct FaultControl {
    state: Arc<Mutex<FaultState>>,
}

impl std::fmt::Debug for FaultControl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaultControl")
            .field("config", &self.get())
            .finish()
    }
}

fn fires(every: Option<u64>, count: u64) -> bool {
    matches!(every, Some(n) if n > 0 && count % n == 0)
}

impl FaultControl {
    pub(crate) fn new(config: FaultConfig) -> Self {
        let rng = StdRng::seed_from_u64(config.seed);
        Self {
            state: Arc::new(Mutex::new(FaultState {
                config,
                requests: 0,
                job_polls: 0,
                rng,
            })),
        }
    }

    fn lock(&self) -> MutexGuard<'_, FaultState> {
        // A panic while holding this lock cannot leave the counters inconsistent in a harmful way.
        self.state
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    /// The active configuration.
    pub fn get(&self) -> FaultConfig {
        self.lock().config.clone()
    }

    /// Replaces the configuration and restarts the counters and the jitter RNG.
    pub fn set(&self, config: FaultConfig) {
        let mut state = self.lock();
        state.rng = StdRng::seed_from_u64(config.seed);
        state.config = config;
        state.requests = 0;
        state.job_polls = 0;
    }

    /// Back to no faults.
    pub fn clear(&self) {
        self.set(FaultConfig::default());
    }

    /// Decides the server-wide faults for the next SAP request and merges the per-request ones.
    pub(crate) fn next_request(&self, mut faults: RequestFaults) -> RequestFaults {
        let mut state = self.lock();
        state.requests = state.requests.saturating_add(1);
        let count = state.requests;
        let config = state.config.clone();
        let jitter = if config.jitter_ms > 0 {
            state.rng.random_range(0..=config.jitter_ms)
        } else {
            0
        };
        // In-process configurations are not validated: saturate and cut instead of overflowing.
        faults.delay = faults
            .delay
            .saturating_add(capped_millis(config.latency_ms.saturating_add(jitter)))
            .min(MAX_FAULT_DELAY);
        if faults.server_error.is_none() && fires(config.server_error_every, count) {
            faults.server_error = Some(config.server_error_status.unwrap_or(500));
        }
        faults.connection_reset |= fires(config.connection_reset_every, count);
        if let Some(slow) = &config.slow_response {
            if faults.slow_response.is_none() && fires(Some(slow.every), count) {
                faults.slow_response = Some(capped_millis(slow.delay_ms));
            }
        }
        faults.invalid_json |= fires(config.invalid_json_every, count);
        faults.logon_page |= fires(config.logon_page_every, count);
        if faults.bridge_error.is_none() && fires(config.bridge_error_every, count) {
            faults.bridge_error = Some(
                config
                    .bridge_error_code
                    .unwrap_or(crate::transaction_bridge::ErrorCode::RestguiCallFailed.code()),
            );
        }
        if faults.too_many_requests.is_none() && fires(config.too_many_requests_every, count) {
            faults.too_many_requests = Some(
                config
                    .retry_after_seconds
                    .unwrap_or(DEFAULT_RETRY_AFTER_SECONDS),
            );
        }
        faults
    }

    /// Whether this job poll should answer "Job not found".
    pub(crate) fn next_job_poll(&self) -> bool {
        let mut state = self.lock();
        state.job_polls = state.job_polls.saturating_add(1);
        fires(state.config.job_not_found_every, state.job_polls)
    }

    pub(crate) fn csrf_expiry(&self) -> Option<Expiry> {
        self.lock().config.csrf_expiry.clone()
    }

    pub(crate) fn token_expiry(&self) -> Option<Expiry> {
        self.lock().config.token_expiry.clone()
    }

    pub(crate) fn session_expiry(&self) -> Option<SessionExpiry> {
        self.lock().config.session_expiry.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_items_combine() {
        let faults =
            RequestFaults::parse_header("latency=20, server_error=503,job-not-found").unwrap();
        assert_eq!(faults.delay, Duration::from_millis(20));
        assert_eq!(faults.server_error, Some(503));
        assert!(faults.job_not_found);
        assert!(!faults.connection_reset);
    }

    #[test]
    fn header_rejects_unknown_kinds_and_bad_values() {
        assert!(RequestFaults::parse_header("explode").is_err());
        assert!(RequestFaults::parse_header("latency=soon").is_err());
        assert!(RequestFaults::parse_header("server-error=404").is_err());
        assert!(RequestFaults::parse_header("session-expired=maybe").is_err());
        assert!(RequestFaults::parse_header("bridge-error=123").is_err());
        assert!(RequestFaults::parse_header("bridge-error").is_err());
        assert_eq!(
            RequestFaults::parse_header("bridge-error=999")
                .unwrap()
                .bridge_error,
            Some(999)
        );
    }

    #[test]
    fn every_nth_request_fires() {
        let control = FaultControl::new(FaultConfig {
            server_error_every: Some(3),
            ..FaultConfig::default()
        });
        let fired: Vec<bool> = (0..6)
            .map(|_| {
                control
                    .next_request(RequestFaults::default())
                    .server_error
                    .is_some()
            })
            .collect();
        assert_eq!(fired, [false, false, true, false, false, true]);
    }

    #[test]
    fn jitter_is_reproducible_for_a_seed() {
        let config = FaultConfig {
            jitter_ms: 1000,
            seed: 7,
            ..FaultConfig::default()
        };
        let delays = |control: FaultControl| -> Vec<Duration> {
            (0..5)
                .map(|_| control.next_request(RequestFaults::default()).delay)
                .collect()
        };
        assert_eq!(
            delays(FaultControl::new(config.clone())),
            delays(FaultControl::new(config))
        );
    }

    #[test]
    fn delays_near_u64_max_saturate_at_the_cap() {
        let control = FaultControl::new(FaultConfig {
            latency_ms: u64::MAX - 1,
            jitter_ms: u64::MAX,
            slow_response: Some(SlowResponse {
                every: 1,
                delay_ms: u64::MAX,
            }),
            ..FaultConfig::default()
        });
        let header = RequestFaults::parse_header("latency=600000").unwrap();
        let faults = control.next_request(header);
        assert_eq!(faults.delay, MAX_FAULT_DELAY);
        assert_eq!(faults.slow_response, Some(MAX_FAULT_DELAY));
    }

    #[test]
    fn header_delays_beyond_the_cap_are_refused_and_sums_saturate() {
        assert!(RequestFaults::parse_header("latency=18446744073709551615").is_err());
        assert!(RequestFaults::parse_header("slow=600001").is_err());
        let summed = RequestFaults::parse_header("latency=600000,latency=600000").unwrap();
        assert_eq!(summed.delay, MAX_FAULT_DELAY);
    }

    #[test]
    fn validation_names_the_value_that_cannot_be_used() {
        let too_slow = FaultConfig {
            latency_ms: u64::MAX,
            ..FaultConfig::default()
        };
        assert!(too_slow
            .validate()
            .unwrap_err()
            .to_string()
            .contains("latency_ms"));
        let not_5xx = FaultConfig {
            server_error_status: Some(404),
            ..FaultConfig::default()
        };
        assert!(not_5xx.validate().is_err());
        let never = FaultConfig {
            session_expiry: Some(SessionExpiry {
                after_seconds: Some(f64::NAN),
                ..SessionExpiry::default()
            }),
            ..FaultConfig::default()
        };
        assert!(never.validate().is_err());
        assert_eq!(FaultConfig::default().validate(), Ok(()));
    }
}
