//! One module per resource. Each handler works out a dialect-neutral result once and renders
//! it per dialect in one place.

pub(crate) mod customize;
pub(crate) mod dump;
pub(crate) mod health;
pub(crate) mod import;
pub(crate) mod inspect;
pub(crate) mod list;
pub(crate) mod preview;
pub(crate) mod pull;
pub(crate) mod repo;
pub(crate) mod syntax;
pub(crate) mod transport;
pub(crate) mod tree;
pub(crate) mod unit;
pub(crate) mod view;
pub(crate) mod where_used;

use super::body::ConversionError;
use super::reply::base_error;
use super::{Body, Ctx, Reply, Resource};

/// A request the base resource turns into HTTP 400 `{success:false, command, error}`:
/// a failed `validate_request` or an exception inside the POST.
#[derive(Debug)]
pub(crate) struct Refusal(pub String);

impl From<ConversionError> for Refusal {
    fn from(error: ConversionError) -> Self {
        Self(error.0)
    }
}

pub(crate) type Outcome = Result<Reply, Refusal>;

/// Fails validation with `message` when `missing` holds.
pub(crate) fn require(missing: bool, message: &str) -> Result<(), Refusal> {
    if missing {
        Err(Refusal(message.to_string()))
    } else {
        Ok(())
    }
}

/// The validation message of one dialect: the handler's `get_error_message` text as
/// implemented, the reference's wording as documented.
pub(crate) fn message<'a>(ctx: &Ctx, as_implemented: &'a str, documented: &'a str) -> &'a str {
    match ctx.dialect {
        crate::config::Dialect::AsImplemented => as_implemented,
        crate::config::Dialect::Documented => documented,
    }
}

/// Whether a `TYPE string` field is initial: as implemented only "" is (blanks are content in
/// a string); the documented dialect trims.
pub(crate) fn blank(ctx: &Ctx, text: &str) -> bool {
    match ctx.dialect {
        crate::config::Dialect::AsImplemented => text.is_empty(),
        crate::config::Dialect::Documented => text.trim().is_empty(),
    }
}

/// An integer request field: the documented dialect refuses what is no number (400 with the
/// conversion text); as implemented `/ui2/cl_json` leaves such a field initial.
pub(crate) fn int_field(ctx: &Ctx, body: &Body, key: &str) -> Result<i64, Refusal> {
    match ctx.dialect {
        crate::config::Dialect::AsImplemented => Ok(body.abap_int(key)),
        crate::config::Dialect::Documented => Ok(body.int(key)?),
    }
}

/// The common POST path of `ZCL_ABGAGT_RESOURCE_BASE`.
pub(crate) async fn post(ctx: &Ctx, body: &Body) -> Reply {
    let outcome = match ctx.resource {
        Resource::Health => Err(Refusal("Method not allowed".into())),
        Resource::Pull => pull::post(ctx, body).await,
        Resource::Import => import::post(ctx, body),
        Resource::Create => repo::create(ctx, body),
        Resource::Delete => repo::delete(ctx, body),
        Resource::Status => repo::status(ctx, body),
        Resource::Drop => repo::drop_object(ctx, body),
        Resource::Syntax => syntax::post(ctx, body),
        Resource::Inspect => inspect::post(ctx, body),
        Resource::Unit => unit::post(ctx, body),
        Resource::Tree => tree::post(ctx, body),
        Resource::List => list::post(ctx, body),
        Resource::View => view::post(ctx, body),
        Resource::Preview => preview::post(ctx, body),
        Resource::Where => where_used::post(ctx, body),
        Resource::Dump => dump::post(ctx, body),
        Resource::Transport => transport::post(ctx, body),
        Resource::Customize => customize::post(ctx, body),
    };
    outcome.unwrap_or_else(|Refusal(message)| {
        base_error(ctx.dialect, &ctx.resource.command_name(), &message)
    })
}
