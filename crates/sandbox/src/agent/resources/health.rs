//! `GET /health`: a hand-written body; also where clients fetch the CSRF token.

use serde_json::json;

use crate::agent::{Ctx, Reply};
use crate::config::Dialect;

/// The version literal of the as-implemented handler class.
const IMPLEMENTED_VERSION: &str = "1.18.1";
/// The version the API reference shows.
const DOCUMENTED_VERSION: &str = "1.0.0";

pub(crate) fn get(ctx: &Ctx) -> Reply {
    let version = match ctx.dialect {
        Dialect::AsImplemented => IMPLEMENTED_VERSION,
        Dialect::Documented => DOCUMENTED_VERSION,
    };
    Reply::ok(json!({"status": "OK", "version": version}))
}
