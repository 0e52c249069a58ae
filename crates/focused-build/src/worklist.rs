//! A worklist's items in a few round trips: the reads go to the service in OData `$batch`
//! requests of [`READS_PER_BATCH`] each (a few in flight at once), so N items cost
//! ⌈N / 100⌉ requests instead of N. A service that does not know `$batch` (404, 405 or 501
//! for it) is read one item per request instead.

use futures_util::stream::{self, StreamExt};
use sap_http::batch::{BatchAnswer, BatchRequest};
use sap_http::SapError;

use crate::client::work_item_request;
use crate::odata::check_response;
use crate::{FocusedBuildClient, WorkItem, WorkItemGuid};

/// Work item reads per `$batch` request.
pub const READS_PER_BATCH: usize = 100;
/// `$batch` requests in flight at once (each one is a hundred reads for the system).
pub const BATCHES_IN_FLIGHT: usize = 3;
/// Single reads in flight at once when the service has no `$batch`.
pub const SINGLE_READS_IN_FLIGHT: usize = 4;

/// One item of a worklist read: the item, or why it could not be read (alone: the others
/// are unharmed).
#[derive(Debug, Clone)]
pub struct WorkItemRead {
    pub guid: WorkItemGuid,
    pub result: Result<WorkItem, SapError>,
}

impl FocusedBuildClient {
    /// The work items with their release, attachments, texts and categories, in the order
    /// asked, read in `$batch` requests.
    pub async fn work_items(&self, guids: &[WorkItemGuid]) -> Vec<WorkItemRead> {
        // Each future owns its client and GUIDs: a future the app's commands can await on
        // any thread (Send), with no borrow for the stream to prove.
        let batches: Vec<_> = guids
            .chunks(READS_PER_BATCH)
            .map(|chunk| {
                let client = self.clone();
                let chunk = chunk.to_vec();
                async move { client.read_in_one_batch(&chunk).await }
            })
            .collect();
        stream::iter(batches)
            .buffered(BATCHES_IN_FLIGHT)
            .collect::<Vec<_>>()
            .await
            .into_iter()
            .flatten()
            .collect()
    }

    /// The work items one request each, `in_flight` at a time (what [`Self::work_items`]
    /// falls back to; also the baseline of the worklist benchmark).
    pub async fn work_items_one_by_one(
        &self,
        guids: &[WorkItemGuid],
        in_flight: usize,
    ) -> Vec<WorkItemRead> {
        let reads: Vec<_> = guids
            .iter()
            .map(|guid| {
                let client = self.clone();
                let guid = guid.clone();
                async move {
                    let result = client.work_item(&guid).await;
                    WorkItemRead { guid, result }
                }
            })
            .collect();
        stream::iter(reads)
            .buffered(in_flight.max(1))
            .collect()
            .await
    }

    async fn read_in_one_batch(&self, guids: &[WorkItemGuid]) -> Vec<WorkItemRead> {
        if guids.len() == 1 {
            // One read is one GET: no batch, and no CSRF token to fetch for its POST.
            return self.work_items_one_by_one(guids, 1).await;
        }
        let batch = guids.iter().fold(BatchRequest::new(), |batch, guid| {
            batch.retrieve(work_item_request(guid))
        });
        let answers = match self.send_batch(&batch).await {
            Ok(answers) => answers,
            Err(error) if no_batch_here(&error) => {
                tracing::info!(%error, "the service has no $batch: reading one item per request");
                return self
                    .work_items_one_by_one(guids, SINGLE_READS_IN_FLIGHT)
                    .await;
            }
            Err(error) => {
                return guids
                    .iter()
                    .map(|guid| WorkItemRead {
                        guid: guid.clone(),
                        result: Err(error.clone()),
                    })
                    .collect()
            }
        };
        guids
            .iter()
            .zip(answers)
            .map(|(guid, answer)| WorkItemRead {
                guid: guid.clone(),
                result: match answer {
                    BatchAnswer::Retrieve(response) => self.work_item_from(response, guid),
                    // `read_answer` matches answers to parts: a read gets a read's answer.
                    _ => Err(SapError::Decode {
                        message: "the batch answered a read with a change set".into(),
                        excerpt: String::new(),
                    }),
                },
            })
            .collect()
    }

    /// Sends `batch` to the service's `$batch` and reads its answer, one per part.
    pub async fn send_batch(&self, batch: &BatchRequest) -> Result<Vec<BatchAnswer>, SapError> {
        let response = self.session().send(batch.to_request("$batch")?).await?;
        let response = check_response(response)?;
        batch
            .read_answer(&response)
            .map_err(|error| error.into_sap_error(&response.body))
    }
}

/// The service answered the `$batch` POST as an unknown resource or method.
fn no_batch_here(error: &SapError) -> bool {
    match error {
        SapError::Sap { status, .. } | SapError::HttpStatus { status, .. } => {
            matches!(status, 404 | 405 | 501)
        }
        _ => false,
    }
}

/// The app awaits these reads in its commands, whose futures must be `Send`: this fails to
/// compile when they are not (an `async fn` could not state the `Send` bound).
#[allow(dead_code, clippy::manual_async_fn)]
fn worklist_reads_are_send(
    client: FocusedBuildClient,
    guids: Vec<WorkItemGuid>,
) -> impl std::future::Future<Output = Vec<WorkItemRead>> + Send {
    async move { client.work_items(&guids).await }
}
