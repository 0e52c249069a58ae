//! The abapGit Agent REST handler (`/sap/bc/z_abapgit_agent/*`): routing like
//! `ZCL_ABGAGT_REST_HANDLER`, the base resource's POST/GET paths, and one module per resource.

mod body;
mod cl_json;
mod jobs_api;
mod reply;
mod resources;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::{Method, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;

use crate::config::Dialect;
use crate::faults::RequestFaults;
use crate::sap_pages;
use crate::session::Logon;
use crate::state::AppState;

pub(crate) use body::Body;
pub(crate) use reply::Reply;

/// The 18 resources; the last path segment, uppercased, selects one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resource {
    Health,
    Pull,
    Create,
    Delete,
    Import,
    Status,
    Syntax,
    Inspect,
    Unit,
    Tree,
    List,
    View,
    Preview,
    Where,
    Dump,
    Transport,
    Drop,
    Customize,
}

impl Resource {
    const ALL: [Resource; 18] = [
        Self::Health,
        Self::Pull,
        Self::Create,
        Self::Delete,
        Self::Import,
        Self::Status,
        Self::Syntax,
        Self::Inspect,
        Self::Unit,
        Self::Tree,
        Self::List,
        Self::View,
        Self::Preview,
        Self::Where,
        Self::Dump,
        Self::Transport,
        Self::Drop,
        Self::Customize,
    ];

    /// The class-name segment, e.g. `PULL` for `ZCL_ABGAGT_RESOURCE_PULL`.
    pub(crate) fn segment(self) -> &'static str {
        match self {
            Self::Health => "HEALTH",
            Self::Pull => "PULL",
            Self::Create => "CREATE",
            Self::Delete => "DELETE",
            Self::Import => "IMPORT",
            Self::Status => "STATUS",
            Self::Syntax => "SYNTAX",
            Self::Inspect => "INSPECT",
            Self::Unit => "UNIT",
            Self::Tree => "TREE",
            Self::List => "LIST",
            Self::View => "VIEW",
            Self::Preview => "PREVIEW",
            Self::Where => "WHERE",
            Self::Dump => "DUMP",
            Self::Transport => "TRANSPORT",
            Self::Drop => "DROP",
            Self::Customize => "CUSTOMIZE",
        }
    }

    /// The name the base resource writes into `command` of its error bodies, e.g. `Pull`.
    pub(crate) fn command_name(self) -> String {
        let upper = self.segment();
        let mut name = upper.to_ascii_lowercase();
        name.replace_range(0..1, &upper[0..1]);
        name
    }

    fn from_segment(segment: &str) -> Option<Self> {
        let upper = segment.to_ascii_uppercase();
        Self::ALL.into_iter().find(|r| r.segment() == upper)
    }
}

/// Everything a resource handler gets besides the request body.
pub(crate) struct Ctx {
    pub state: Arc<AppState>,
    pub dialect: Dialect,
    pub logon: Logon,
    pub faults: RequestFaults,
    pub resource: Resource,
}

pub(crate) fn router() -> Router<Arc<AppState>> {
    let base = crate::AGENT_PATH.trim_end_matches('/');
    Router::new()
        .route(base, any(no_resource))
        .route(&format!("{base}/"), any(no_resource))
        .route(&format!("{base}/{{*rest}}"), any(dispatch))
}

async fn no_resource(uri: Uri) -> Response {
    sap_pages::not_found(uri.path())
}

fn query_param(query: Option<&str>, name: &str) -> Option<String> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.to_string())
}

#[allow(clippy::too_many_arguments)]
async fn dispatch(
    State(state): State<Arc<AppState>>,
    Path(rest): Path<String>,
    method: Method,
    uri: Uri,
    RawQuery(query): RawQuery,
    Extension(logon): Extension<Logon>,
    faults: Option<Extension<RequestFaults>>,
    body: Bytes,
) -> Response {
    // One segment only: the REST router's template is `/<segment>`, so deeper paths match nothing.
    let Some(resource) = Some(rest.as_str())
        .filter(|r| !r.is_empty() && !r.contains('/'))
        .and_then(Resource::from_segment)
    else {
        return sap_pages::not_found(uri.path());
    };
    let ctx = Ctx {
        dialect: state.config.dialect,
        state,
        logon,
        faults: faults.map(|Extension(f)| f).unwrap_or_default(),
        resource,
    };
    let reply = match (method, resource) {
        (Method::GET, Resource::Health) => resources::health::get(&ctx),
        (Method::GET, Resource::Import) => {
            jobs_api::import_poll(&ctx, query_param(query.as_deref(), "jobNumber"))
        }
        (Method::GET, Resource::Transport) => {
            resources::transport::get(&ctx, query_param(query.as_deref(), "scope"))
        }
        (Method::GET, _) => jobs_api::base_poll(&ctx, query_param(query.as_deref(), "jobNumber")),
        (Method::POST, Resource::Health) => return sap_pages::method_not_allowed("GET"),
        (Method::POST, _) => post(&ctx, &body).await,
        (_, Resource::Health) => return sap_pages::method_not_allowed("GET"),
        _ => return sap_pages::method_not_allowed("GET, POST"),
    };
    tracing::debug!(resource = resource.segment(), status = %reply.status(), "agent request");
    reply.into_response()
}

async fn post(ctx: &Ctx, bytes: &[u8]) -> Reply {
    let body = Body::parse(bytes);
    resources::post(ctx, &body).await
}
