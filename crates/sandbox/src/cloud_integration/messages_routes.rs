//! Message processing logs and their details.

use axum::response::Response;

use super::errors::ApiError;
use super::messages::MessageLog;
use super::odata::Call;
use super::routes::Segment;

pub(crate) fn route(
    _log: &MessageLog,
    _call: &Call,
    _first: &Segment<'_>,
    _rest: &[&str],
) -> Result<Option<Response>, ApiError> {
    Ok(None)
}
