//! Logging without secrets, for every program built on this crate (the app, a CLI).
//!
//! The session logs method, path, status and time, never headers or bodies. Some crates
//! underneath are more talkative: the cookie store (`cookie_store`, behind reqwest's jar)
//! logs every `Set-Cookie` it stores, session ids included, at debug level. Those targets
//! are held at warn whatever the filter (`RUST_LOG`) asks for.
//!
//! A program calls [`init`] once at start; one that builds its own subscriber adds
//! `tracing_subscriber::filter::filter_fn(sap_http::logging::keeps_secrets_out)` to it.

use tracing::{Level, Metadata};
use tracing_subscriber::filter::{filter_fn, EnvFilter};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer;

/// Log targets (and their sub-modules) whose debug and trace events carry secrets.
pub const SECRET_BEARING_TARGETS: &[&str] = &["cookie_store", "cookie", "reqwest::cookie"];

/// `false` for an event more verbose than WARN from one of [`SECRET_BEARING_TARGETS`].
pub fn keeps_secrets_out(metadata: &Metadata<'_>) -> bool {
    if *metadata.level() <= Level::WARN {
        return true;
    }
    let target = metadata.target();
    !SECRET_BEARING_TARGETS.iter().any(|secret| {
        target == *secret
            || target
                .strip_prefix(secret)
                .is_some_and(|rest| rest.starts_with("::"))
    })
}

/// `RUST_LOG`, or `default_directives` when it is unset or invalid.
pub fn env_filter(default_directives: &str) -> EnvFilter {
    EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_directives))
}

/// A subscriber formatting to `writer` what `filter` lets through, with the secret-bearing
/// targets held at warn whatever `filter` says.
pub fn subscriber<W>(
    filter: EnvFilter,
    writer: W,
) -> impl tracing::Subscriber + Send + Sync + 'static
where
    W: for<'writer> MakeWriter<'writer> + Send + Sync + 'static,
{
    tracing_subscriber::registry().with(
        tracing_subscriber::fmt::layer()
            .with_writer(writer)
            .with_filter(filter)
            .with_filter(filter_fn(keeps_secrets_out)),
    )
}

/// Installs [`subscriber`] on stderr with [`env_filter`] as the global default, and routes
/// `log` records (the cookie store's among them) into it. A second call changes nothing.
pub fn init(default_directives: &str) {
    let _ = subscriber(env_filter(default_directives), std::io::stderr).try_init();
}
