//! Status changes for many work items at once, a few in flight at a time, each item
//! reporting its own outcome so the UI can show the refusals and retry the failures.

use sap_http::SapError;
use serde::{Deserialize, Serialize};
use tokio::task::JoinSet;

use crate::status::UserStatus;
use crate::{FocusedBuildClient, WorkItemGuid};

/// At most this many requests in flight, whatever the caller asks: the server is one
/// Solution Manager shared with everybody.
pub const MAX_CONCURRENCY: usize = 8;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusChangeRequest {
    pub guid: WorkItemGuid,
    pub user_status: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StatusChangeOutcome {
    pub guid: WorkItemGuid,
    pub requested_status: String,
    pub result: StatusChangeResult,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum StatusChangeResult {
    /// The work item now has this status.
    Done { status: UserStatus },
    /// The work item had the status asked for already: nothing changed.
    AlreadyThere { status: UserStatus },
    /// The server said no (forbidden transition, locked item, unknown item): retrying the
    /// same request will not help until something changes.
    Refused {
        http_status: u16,
        reason: String,
        details: Vec<String>,
    },
    /// No verdict from the server (network, timeout, logon, CSRF): worth retrying.
    Failed { error: SapError },
}

impl StatusChangeOutcome {
    /// The item has the status asked for (changed now, or already before).
    pub fn is_done(&self) -> bool {
        matches!(
            self.result,
            StatusChangeResult::Done { .. } | StatusChangeResult::AlreadyThere { .. }
        )
    }

    /// The request again, to retry it.
    pub fn request(&self) -> StatusChangeRequest {
        StatusChangeRequest {
            guid: self.guid.clone(),
            user_status: self.requested_status.clone(),
        }
    }
}

/// The requests that did not go through (refused or failed), ready to send again.
pub fn unfinished_requests(outcomes: &[StatusChangeOutcome]) -> Vec<StatusChangeRequest> {
    outcomes
        .iter()
        .filter(|outcome| !outcome.is_done())
        .map(StatusChangeOutcome::request)
        .collect()
}

impl FocusedBuildClient {
    /// Changes the status of every requested work item, `concurrency` at a time (1 to
    /// [`MAX_CONCURRENCY`]). The outcomes come back in the order of the requests.
    /// Dropping the future cancels the requests still running.
    pub async fn change_status_many(
        &self,
        requests: Vec<StatusChangeRequest>,
        concurrency: usize,
    ) -> Vec<StatusChangeOutcome> {
        let limit = concurrency.clamp(1, MAX_CONCURRENCY);
        let mut pending = requests.into_iter().enumerate();
        let mut running = JoinSet::new();
        let mut finished: Vec<(usize, StatusChangeOutcome)> = Vec::new();
        loop {
            while running.len() < limit {
                let Some((index, request)) = pending.next() else {
                    break;
                };
                let client = self.clone();
                running.spawn(async move { (index, client.change_one(request).await) });
            }
            match running.join_next().await {
                Some(Ok(done)) => finished.push(done),
                Some(Err(join_error)) => {
                    // A panicking task would be a bug in this crate; the item is then lost
                    // from the result rather than taking the whole batch down.
                    tracing::error!(%join_error, "a status change task ended abnormally");
                }
                None => break,
            }
        }
        finished.sort_by_key(|(index, _)| *index);
        finished.into_iter().map(|(_, outcome)| outcome).collect()
    }

    async fn change_one(&self, request: StatusChangeRequest) -> StatusChangeOutcome {
        let result = match self
            .change_status(&request.guid, &request.user_status)
            .await
        {
            Ok(change) if change.already_there => StatusChangeResult::AlreadyThere {
                status: change.status,
            },
            Ok(change) => StatusChangeResult::Done {
                status: change.status,
            },
            Err(SapError::Sap {
                status,
                message,
                details,
            }) => StatusChangeResult::Refused {
                http_status: status,
                reason: message,
                details,
            },
            Err(error) => StatusChangeResult::Failed { error },
        };
        StatusChangeOutcome {
            guid: request.guid,
            requested_status: request.user_status,
            result,
        }
    }
}
