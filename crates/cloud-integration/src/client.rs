//! [`CloudIntegrationClient`]: one typed call per operation of the tenant's `/api/v1`.

use std::time::Duration;

use futures_util::future::join_all;
use reqwest::Method;
use sap_http::{Download, HttpResponse, SapError, SapRequest, Session};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use tokio::io::{AsyncWrite, AsyncWriteExt};

use crate::content::{
    decode_artifact, decode_configuration, decode_package, ArtifactKind, ConfigurationChange,
    ConfigurationParameter, DesigntimeArtifact, IntegrationPackage, NewPackage,
};
use crate::deploy_error::{parse_artifact_error, ArtifactError};
use crate::error::{check, invalid, is_not_found, retry_after, MAX_RETRY_AFTER_WAIT};
use crate::log_files::{decode_log_file, LogFile};
use crate::messages::{
    decode_attachment, decode_custom_header, decode_log, decode_run, decode_run_step,
    decode_store_entry, messages_csv, MessageDetail, MessageFilter, MessageLog, MessagePage,
    MessageStatus, PayloadContent, StatusCount,
};
use crate::partners::{
    check_key, decode_binary_parameter, decode_partner, decode_string_parameter, text_of,
    BinaryParameter, BinaryValue, Partner, StringParameter, MAX_BINARY_PARAMETER_BYTES,
    MAX_STRING_PARAMETER_CHARS,
};
use crate::runtime::{
    decode_endpoint, decode_runtime_artifact, matches_runtime_filter, RuntimeArtifact,
    RuntimeFilter, ServiceEndpoint,
};
use crate::security::{
    decode_keystore_entry, decode_oauth2_credential, decode_secure_parameter,
    decode_user_credential, KeystoreEntry, OAuth2ClientCredential, SecureParameter, UserCredential,
};
use crate::wire::{
    collection_page, composite_key, data_body, entity_body, json_get, shape_error, string_literal,
    JSON,
};

/// Files (artifact and package zips, payloads, log files) are saved up to this size.
pub const MAX_DOWNLOAD_BYTES: u64 = 1024 * 1024 * 1024;
/// A payload is shown in the app up to this size; larger ones are saved to a file.
pub const MAX_PREVIEW_BYTES: u64 = 2 * 1024 * 1024;
/// Pages followed for one list before giving up (1,000 entries a page; 30 for binary parameters).
const MAX_PAGES: usize = 200;

/// A file written by a download.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SavedFile {
    /// The name the tenant suggests (`Content-Disposition`), reduced to a base name.
    pub suggested_name: Option<String>,
    pub content_type: Option<String>,
    pub bytes: f64,
}

/// A client of the tenant's `/api/v1`. Build the [`Session`] with the API URL
/// (`https://<host>/api/v1/`) as base URL and `""` as `csrf_fetch_path` (Basic sessions fetch
/// the token from the service root; bearer sessions need none). Cheap to clone.
#[derive(Clone)]
pub struct CloudIntegrationClient {
    session: Session,
}

impl CloudIntegrationClient {
    pub fn new(session: Session) -> Self {
        Self { session }
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    // ----- integration packages ---------------------------------------------------------

    pub async fn packages(&self) -> Result<Vec<IntegrationPackage>, SapError> {
        self.list(json_get("IntegrationPackages"), decode_package)
            .await
    }

    pub async fn package(&self, id: &str) -> Result<IntegrationPackage, SapError> {
        let id = required("package_id", id)?;
        let body = self
            .json(json_get(&format!(
                "IntegrationPackages({})",
                string_literal(id)
            )))
            .await?;
        entity_body(&body, None)
            .and_then(decode_package)
            .ok_or_else(|| shape_error("an integration package", &body))
    }

    /// `POST IntegrationPackages`: 201 with the package; 409 when the id exists.
    pub async fn create_package(
        &self,
        package: &NewPackage,
    ) -> Result<IntegrationPackage, SapError> {
        let id = package.id.trim();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.".contains(c))
        {
            return Err(invalid(
                "id",
                "use letters, digits, '_' and '.' only, e.g. Sales.Orders",
            ));
        }
        let name = required("name", &package.name)?;
        let short_text = required("short_text", &package.short_text)?;
        let body = json!({
            "Id": id,
            "Name": name,
            "ShortText": short_text,
            "Description": package.description.as_deref().unwrap_or_default(),
            "Version": package.version.as_deref().unwrap_or("1.0.0"),
            "Vendor": package.vendor.as_deref().unwrap_or_default(),
            "SupportedPlatform": "SAP Cloud Integration",
        });
        tracing::info!(package = id, "creating an integration package");
        let request = SapRequest::post_json("IntegrationPackages", &body)?.header("Accept", JSON);
        let answer = self.json(request).await?;
        entity_body(&answer, None)
            .and_then(decode_package)
            .ok_or_else(|| shape_error("the created package", &answer))
    }

    /// `DELETE IntegrationPackages('<Id>')`: the tenant deletes asynchronously (202); deployed
    /// artifacts of the package keep running.
    pub async fn delete_package(&self, id: &str) -> Result<(), SapError> {
        let id = required("package_id", id)?;
        tracing::info!(package = id, "deleting an integration package");
        let request = SapRequest::new(
            Method::DELETE,
            format!("IntegrationPackages({})", string_literal(id)),
        );
        self.send(request).await.map(drop)
    }

    /// The package as a zip (`$value`; the tenant refuses while an artifact is a draft).
    pub async fn save_package<W>(&self, id: &str, sink: &mut W) -> Result<SavedFile, SapError>
    where
        W: AsyncWrite + Unpin + Send,
    {
        let id = required("package_id", id)?;
        let path = format!("IntegrationPackages({})/$value", string_literal(id));
        self.download(SapRequest::get(path), sink).await
    }

    // ----- design-time artifacts --------------------------------------------------------

    /// The package's artifacts of one kind.
    pub async fn artifacts(
        &self,
        package_id: &str,
        kind: ArtifactKind,
    ) -> Result<Vec<DesigntimeArtifact>, SapError> {
        let package_id = required("package_id", package_id)?;
        let path = format!(
            "IntegrationPackages({})/{}",
            string_literal(package_id),
            kind.entity_set()
        );
        self.list(json_get(&path), |entity| decode_artifact(kind, entity))
            .await
    }

    /// The package's artifacts of all four kinds (four requests in parallel), flows first.
    pub async fn package_artifacts(
        &self,
        package_id: &str,
    ) -> Result<Vec<DesigntimeArtifact>, SapError> {
        let lists = join_all(
            ArtifactKind::ALL
                .into_iter()
                .map(|kind| self.artifacts(package_id, kind)),
        )
        .await;
        let mut all = Vec::new();
        for list in lists {
            all.extend(list?);
        }
        Ok(all)
    }

    /// One artifact; `version` is `active` (the newest) or a version such as `1.0.5`.
    pub async fn artifact(
        &self,
        kind: ArtifactKind,
        id: &str,
        version: &str,
    ) -> Result<DesigntimeArtifact, SapError> {
        let body = self
            .json(json_get(&artifact_path(kind, id, version)?))
            .await?;
        entity_body(&body, None)
            .and_then(|entity| decode_artifact(kind, entity))
            .ok_or_else(|| shape_error("an artifact", &body))
    }

    /// The artifact's zip (`…(Id,Version)/$value`), streamed into `sink`.
    pub async fn save_artifact<W>(
        &self,
        kind: ArtifactKind,
        id: &str,
        version: &str,
        sink: &mut W,
    ) -> Result<SavedFile, SapError>
    where
        W: AsyncWrite + Unpin + Send,
    {
        let path = format!("{}/$value", artifact_path(kind, id, version)?);
        self.download(SapRequest::get(path), sink).await
    }

    // ----- configuration parameters -----------------------------------------------------

    pub async fn configurations(
        &self,
        flow_id: &str,
        version: &str,
    ) -> Result<Vec<ConfigurationParameter>, SapError> {
        let path = format!(
            "{}/Configurations",
            artifact_path(ArtifactKind::IntegrationFlow, flow_id, version)?
        );
        self.list(json_get(&path), decode_configuration).await
    }

    /// Saves each changed parameter (`PUT …/$links/Configurations('<Key>')`), in order;
    /// stops at the first refusal, naming the parameter (those before it are saved).
    pub async fn update_configurations(
        &self,
        flow_id: &str,
        version: &str,
        changes: &[ConfigurationChange],
    ) -> Result<(), SapError> {
        let base = artifact_path(ArtifactKind::IntegrationFlow, flow_id, version)?;
        for change in changes {
            let key = required("key", &change.key)?;
            let body = json!({
                "ParameterValue": change.value,
                "DataType": change.data_type.as_deref().filter(|t| !t.trim().is_empty()).unwrap_or("xsd:string"),
            });
            let path = format!("{base}/$links/Configurations({})", string_literal(key));
            tracing::info!(
                flow = flow_id,
                parameter = key,
                "updating a configuration parameter"
            );
            let request = SapRequest::new(Method::PUT, path)
                .json(&body)?
                .header("Accept", JSON);
            self.send(request)
                .await
                .map_err(|error| in_context(error, &format!("parameter {key}")))?;
        }
        Ok(())
    }

    // ----- deploy and runtime -----------------------------------------------------------

    /// `POST Deploy…DesigntimeArtifact?Id='…'&Version='…'`: 202 and the build task's id.
    pub async fn deploy(
        &self,
        kind: ArtifactKind,
        id: &str,
        version: &str,
    ) -> Result<String, SapError> {
        let id = required("artifact_id", id)?;
        let version = version_or_active(version);
        tracing::info!(artifact = id, kind = kind.noun(), "deploying");
        let request = SapRequest::new(Method::POST, kind.deploy_function())
            .query("Id", &string_literal(id))
            .query("Version", &string_literal(version))
            .header("Accept", "text/plain, application/json");
        let response = self.send(request).await?;
        task_id_of(&response)
    }

    /// `GET BuildAndDeployStatus(TaskId='…')`.
    pub async fn build_status(&self, task_id: &str) -> Result<crate::BuildStatus, SapError> {
        let task_id = required("task_id", task_id)?;
        let body = self
            .json(json_get(&format!(
                "BuildAndDeployStatus(TaskId={})",
                string_literal(task_id)
            )))
            .await?;
        entity_body(&body, None)
            .and_then(|entity| crate::wire::Fields(entity).text("Status"))
            .map(|status| crate::BuildStatus::parse(&status))
            .ok_or_else(|| shape_error("a build status", &body))
    }

    /// Deployed artifacts, filtered here (the tenant's filter on runtime artifacts is
    /// `eq`/`or` only); sorted by name.
    pub async fn runtime_artifacts(
        &self,
        filter: &RuntimeFilter,
    ) -> Result<Vec<RuntimeArtifact>, SapError> {
        let mut artifacts = self
            .list(
                json_get("IntegrationRuntimeArtifacts"),
                decode_runtime_artifact,
            )
            .await?;
        artifacts.retain(|artifact| matches_runtime_filter(artifact, filter));
        artifacts.sort_by_key(|artifact| artifact.name.to_lowercase());
        Ok(artifacts)
    }

    /// One deployed artifact; `None` when it is not deployed (404).
    pub async fn runtime_artifact(&self, id: &str) -> Result<Option<RuntimeArtifact>, SapError> {
        let id = required("artifact_id", id)?;
        let request = json_get(&format!(
            "IntegrationRuntimeArtifacts({})",
            string_literal(id)
        ));
        match self.json(request).await {
            Ok(body) => entity_body(&body, None)
                .and_then(decode_runtime_artifact)
                .map(Some)
                .ok_or_else(|| shape_error("a runtime artifact", &body)),
            Err(error) if is_not_found(&error) => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// The runtime artifact's error (`ErrorInformation/$value`), readable.
    pub async fn runtime_error(&self, id: &str) -> Result<ArtifactError, SapError> {
        let id = required("artifact_id", id)?;
        let request = SapRequest::get(format!(
            "IntegrationRuntimeArtifacts({})/ErrorInformation/$value",
            string_literal(id)
        ))
        .header("Accept", "*/*");
        let response = self.send(request).await?;
        Ok(parse_artifact_error(&response.text()))
    }

    /// `DELETE IntegrationRuntimeArtifacts('<Id>')`: 202; the artifact is gone shortly after
    /// (then 404). A 404 now means it was not deployed.
    pub async fn undeploy(&self, id: &str) -> Result<(), SapError> {
        let id = required("artifact_id", id)?;
        tracing::info!(artifact = id, "undeploying");
        let request = SapRequest::new(
            Method::DELETE,
            format!("IntegrationRuntimeArtifacts({})", string_literal(id)),
        );
        self.send(request).await.map(drop)
    }

    /// Endpoints of deployed flows with their URLs (`ServiceEndpoints?$expand=EntryPoints`).
    pub async fn service_endpoints(&self) -> Result<Vec<ServiceEndpoint>, SapError> {
        self.list(
            json_get("ServiceEndpoints").query("$expand", "EntryPoints"),
            decode_endpoint,
        )
        .await
    }

    // ----- message monitor --------------------------------------------------------------

    /// A page of messages matching `filter`, newest first. The first page (`next_page`
    /// `None`) carries the total; the tenant pages at 1,000 and `next_page` continues.
    pub async fn messages(
        &self,
        filter: &MessageFilter,
        next_page: Option<&str>,
    ) -> Result<MessagePage, SapError> {
        let mut request = message_list_request(filter)?;
        match next_page.map(str::trim).filter(|token| !token.is_empty()) {
            Some(token) => request = request.query("$skiptoken", token),
            None => request = request.query("$inlinecount", "allpages"),
        }
        let body = self.json(request).await?;
        let page =
            collection_page(&body).ok_or_else(|| shape_error("a list of messages", &body))?;
        Ok(MessagePage {
            messages: page.entries.into_iter().filter_map(decode_log).collect(),
            total: page.count.map(|count| count as f64),
            next_page: page.next_skiptoken,
        })
    }

    /// How many messages of `filter` have each status (`$count` per status, in parallel);
    /// only the filter's statuses when it names some.
    pub async fn message_counts(
        &self,
        filter: &MessageFilter,
    ) -> Result<Vec<StatusCount>, SapError> {
        let statuses: Vec<MessageStatus> = if filter.statuses.is_empty() {
            MessageStatus::ALL.to_vec()
        } else {
            filter.statuses.clone()
        };
        let counts = join_all(statuses.into_iter().map(|status| async move {
            let one = MessageFilter {
                statuses: vec![status],
                ..filter.clone()
            };
            let query = one.to_query()?;
            let mut request =
                SapRequest::get("MessageProcessingLogs/$count").header("Accept", "text/plain");
            if let Some(filter) = &query.filter {
                request = request.query("$filter", filter);
            }
            if let Some(header) = &query.custom_header {
                request = request.query("filterCustomHeaderProperties", header);
            }
            let response = self.send(request).await?;
            let text = response.text();
            let count: f64 = text.trim().parse().map_err(|_| SapError::Decode {
                message: "expected a number of messages".into(),
                excerpt: sap_http::text_excerpt(&text, 100),
            })?;
            Ok::<_, SapError>(StatusCount { status, count })
        }))
        .await;
        counts.into_iter().collect()
    }

    /// Every message of `filter` (following the pages), at most `max_rows`, as CSV.
    /// Returns the CSV and the number of rows.
    pub async fn messages_csv(
        &self,
        filter: &MessageFilter,
        max_rows: usize,
    ) -> Result<(String, usize), SapError> {
        let mut rows: Vec<MessageLog> = Vec::new();
        let mut next: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let page = self.messages(filter, next.as_deref()).await?;
            rows.extend(page.messages);
            next = page.next_page;
            if next.is_none() || rows.len() >= max_rows {
                break;
            }
        }
        rows.truncate(max_rows);
        Ok((messages_csv(&rows)?, rows.len()))
    }

    /// A message's detail: the log with custom header properties, and (in parallel) its
    /// error text, attachments, runs with their steps and message store entries.
    pub async fn message(&self, message_guid: &str) -> Result<MessageDetail, SapError> {
        let guid = required("message_guid", message_guid)?;
        let base = format!("MessageProcessingLogs({})", string_literal(guid));
        let log_request = json_get(&base).query("$expand", "CustomHeaderProperties");
        let body = self.json(log_request).await?;
        let entity = entity_body(&body, None).ok_or_else(|| shape_error("a message", &body))?;
        let log = decode_log(entity).ok_or_else(|| shape_error("a message", &body))?;
        let custom_headers =
            crate::wire::expanded_many(entity, "CustomHeaderProperties").map(|entries| {
                entries
                    .into_iter()
                    .filter_map(decode_custom_header)
                    .collect()
            });
        let wants_error = MessageStatus::parse(&log.status).is_some_and(MessageStatus::has_error);

        let error_text = async {
            if !wants_error {
                return Ok(None);
            }
            let request = SapRequest::get(format!("{base}/ErrorInformation/$value"))
                .header("Accept", "text/plain, */*")
                .html_is_data();
            match self.send(request).await {
                Ok(response) => {
                    Ok(Some(response.text().trim().to_owned()).filter(|t| !t.is_empty()))
                }
                Err(error) if is_not_found(&error) => Ok(None),
                Err(error) => Err(error),
            }
        };
        let headers = async {
            match custom_headers {
                Some(headers) => Ok(headers),
                None => {
                    self.list(
                        json_get(&format!("{base}/CustomHeaderProperties")),
                        decode_custom_header,
                    )
                    .await
                }
            }
        };
        let attachments = self.list(json_get(&format!("{base}/Attachments")), decode_attachment);
        let store_entries = self.list(
            json_get(&format!("{base}/MessageStoreEntries")),
            decode_store_entry,
        );
        let runs = self.runs(&base);
        let (error_text, headers, attachments, store_entries, runs) =
            tokio::join!(error_text, headers, attachments, store_entries, runs);

        let mut unavailable = Vec::new();
        let mut keep = |what: &str, error: SapError| {
            unavailable.push(format!("{what}: {error}"));
        };
        let error_text = error_text.unwrap_or_else(|error| {
            keep("error text", error);
            None
        });
        let custom_headers = headers.unwrap_or_else(|error| {
            keep("custom header properties", error);
            Vec::new()
        });
        let attachments = attachments.unwrap_or_else(|error| {
            keep("attachments", error);
            Vec::new()
        });
        let store_entries = store_entries.unwrap_or_else(|error| {
            keep("message store entries", error);
            Vec::new()
        });
        let runs = runs.unwrap_or_else(|error| {
            keep("runs", error);
            Vec::new()
        });
        Ok(MessageDetail {
            log,
            error_text,
            attachments,
            custom_headers,
            runs,
            store_entries,
            unavailable,
        })
    }

    async fn runs(&self, base: &str) -> Result<Vec<crate::MessageRun>, SapError> {
        let mut runs = self
            .list(json_get(&format!("{base}/Runs")), decode_run)
            .await?;
        let steps = join_all(runs.iter().map(|run| {
            self.list(
                json_get(&format!(
                    "MessageProcessingLogRuns({})/RunSteps",
                    string_literal(&run.id)
                )),
                |entity| Some(decode_run_step(entity)),
            )
        }))
        .await;
        for (run, steps) in runs.iter_mut().zip(steps) {
            run.steps = steps?;
        }
        Ok(runs)
    }

    /// An attachment's content for viewing, up to [`MAX_PREVIEW_BYTES`].
    pub async fn attachment_content(
        &self,
        attachment_id: &str,
    ) -> Result<PayloadContent, SapError> {
        let id = required("attachment_id", attachment_id)?;
        self.preview(format!(
            "MessageProcessingLogAttachments({})/$value",
            string_literal(id)
        ))
        .await
    }

    /// An attachment's content streamed into a file.
    pub async fn save_attachment<W>(
        &self,
        attachment_id: &str,
        sink: &mut W,
    ) -> Result<SavedFile, SapError>
    where
        W: AsyncWrite + Unpin + Send,
    {
        let id = required("attachment_id", attachment_id)?;
        let path = format!(
            "MessageProcessingLogAttachments({})/$value",
            string_literal(id)
        );
        self.download(SapRequest::get(path).html_is_data(), sink)
            .await
    }

    /// A message store entry's payload for viewing, up to [`MAX_PREVIEW_BYTES`].
    pub async fn store_entry_content(&self, entry_id: &str) -> Result<PayloadContent, SapError> {
        let id = required("entry_id", entry_id)?;
        self.preview(format!(
            "MessageStoreEntries({})/$value",
            string_literal(id)
        ))
        .await
    }

    /// A message store entry's payload streamed into a file.
    pub async fn save_store_entry<W>(
        &self,
        entry_id: &str,
        sink: &mut W,
    ) -> Result<SavedFile, SapError>
    where
        W: AsyncWrite + Unpin + Send,
    {
        let id = required("entry_id", entry_id)?;
        let path = format!("MessageStoreEntries({})/$value", string_literal(id));
        self.download(SapRequest::get(path).html_is_data(), sink)
            .await
    }

    async fn preview(&self, path: String) -> Result<PayloadContent, SapError> {
        let request = SapRequest::get(path)
            .header("Accept", "*/*")
            .html_is_data()
            .max_body_bytes(MAX_PREVIEW_BYTES);
        let response = match self.send(request).await {
            Ok(response) => response,
            Err(SapError::ResponseTooLarge { declared_bytes, .. }) => {
                return Ok(PayloadContent {
                    content_type: None,
                    size_bytes: declared_bytes.unwrap_or(MAX_PREVIEW_BYTES as f64),
                    text: None,
                    truncated: true,
                })
            }
            Err(error) => return Err(error),
        };
        Ok(PayloadContent {
            content_type: response.content_type().map(str::to_owned),
            size_bytes: response.body.len() as f64,
            text: text_of(&response.body),
            truncated: false,
        })
    }

    // ----- partner directory ------------------------------------------------------------

    pub async fn partners(&self) -> Result<Vec<Partner>, SapError> {
        self.list(json_get("Partners"), decode_partner).await
    }

    /// Deletes the partner with all its parameters.
    pub async fn delete_partner(&self, pid: &str) -> Result<(), SapError> {
        check_key("pid", pid, 60)?;
        tracing::info!(pid, "deleting a partner");
        let request = SapRequest::new(Method::DELETE, format!("Partners({})", string_literal(pid)));
        self.send(request).await.map(drop)
    }

    /// String parameters, of one partner when `pid` is given.
    pub async fn string_parameters(
        &self,
        pid: Option<&str>,
    ) -> Result<Vec<StringParameter>, SapError> {
        self.list(
            pid_filtered("StringParameters", pid),
            decode_string_parameter,
        )
        .await
    }

    /// Creates the parameter (`POST`) or, with `replace`, changes its value (`PUT`).
    pub async fn put_string_parameter(
        &self,
        pid: &str,
        id: &str,
        value: &str,
        replace: bool,
    ) -> Result<StringParameter, SapError> {
        check_key("pid", pid, 60)?;
        check_key("id", id, 255)?;
        if value.chars().count() > MAX_STRING_PARAMETER_CHARS {
            return Err(invalid(
                "value",
                format!("is longer than {MAX_STRING_PARAMETER_CHARS} characters"),
            ));
        }
        let key = composite_key(&[("Pid", pid), ("Id", id)]);
        let request = if replace {
            SapRequest::new(Method::PUT, format!("StringParameters({key})"))
                .json(&json!({ "Value": value }))?
        } else {
            SapRequest::post_json(
                "StringParameters",
                &json!({ "Pid": pid, "Id": id, "Value": value }),
            )?
        }
        .header("Accept", JSON);
        tracing::info!(pid, id, replace, "saving a string parameter");
        self.send(request).await?;
        self.string_parameter(pid, id).await
    }

    pub async fn string_parameter(&self, pid: &str, id: &str) -> Result<StringParameter, SapError> {
        let key = composite_key(&[("Pid", pid), ("Id", id)]);
        let body = self
            .json(json_get(&format!("StringParameters({key})")))
            .await?;
        entity_body(&body, None)
            .and_then(decode_string_parameter)
            .ok_or_else(|| shape_error("a string parameter", &body))
    }

    pub async fn delete_string_parameter(&self, pid: &str, id: &str) -> Result<(), SapError> {
        check_key("pid", pid, 60)?;
        check_key("id", id, 255)?;
        let key = composite_key(&[("Pid", pid), ("Id", id)]);
        tracing::info!(pid, id, "deleting a string parameter");
        self.send(SapRequest::new(
            Method::DELETE,
            format!("StringParameters({key})"),
        ))
        .await
        .map(drop)
    }

    /// Binary parameters (the tenant pages these at 30), of one partner when `pid` is given.
    pub async fn binary_parameters(
        &self,
        pid: Option<&str>,
    ) -> Result<Vec<BinaryParameter>, SapError> {
        self.list(pid_filtered("BinaryParameters", pid), |entity| {
            decode_binary_parameter(entity).map(|(parameter, _)| parameter)
        })
        .await
    }

    /// A binary parameter's bytes.
    pub async fn binary_parameter_value(
        &self,
        pid: &str,
        id: &str,
    ) -> Result<BinaryValue, SapError> {
        let key = composite_key(&[("Pid", pid), ("Id", id)]);
        let body = self
            .json(json_get(&format!("BinaryParameters({key})")))
            .await?;
        let entity =
            entity_body(&body, None).ok_or_else(|| shape_error("a binary parameter", &body))?;
        let (parameter, bytes) = decode_binary_parameter(entity)
            .ok_or_else(|| shape_error("a binary parameter", &body))?;
        let bytes = bytes.ok_or_else(|| SapError::Decode {
            message: format!("the value of {pid}/{id} is not base64"),
            excerpt: String::new(),
        })?;
        Ok(BinaryValue {
            content_type: parameter.content_type,
            bytes,
        })
    }

    /// Creates (`POST`) or with `replace` changes (`PUT`) a binary parameter; the bytes go
    /// base64-encoded. `content_type`: `xml`, `xsl`, `zip`, `json`, `crt`, ...
    pub async fn put_binary_parameter(
        &self,
        pid: &str,
        id: &str,
        content_type: &str,
        bytes: &[u8],
        replace: bool,
    ) -> Result<BinaryParameter, SapError> {
        use base64::Engine;
        check_key("pid", pid, 60)?;
        check_key("id", id, 255)?;
        let content_type = required("content_type", content_type)?;
        if bytes.len() > MAX_BINARY_PARAMETER_BYTES {
            return Err(invalid(
                "value",
                format!(
                    "the file has {} bytes; the tenant takes at most {MAX_BINARY_PARAMETER_BYTES}",
                    bytes.len()
                ),
            ));
        }
        let value = base64::engine::general_purpose::STANDARD.encode(bytes);
        let key = composite_key(&[("Pid", pid), ("Id", id)]);
        let request = if replace {
            SapRequest::new(Method::PUT, format!("BinaryParameters({key})"))
                .json(&json!({ "ContentType": content_type, "Value": value }))?
        } else {
            SapRequest::post_json(
                "BinaryParameters",
                &json!({ "Pid": pid, "Id": id, "ContentType": content_type, "Value": value }),
            )?
        }
        .header("Accept", JSON);
        tracing::info!(
            pid,
            id,
            replace,
            size = bytes.len(),
            "saving a binary parameter"
        );
        self.send(request).await?;
        let body = self
            .json(json_get(&format!("BinaryParameters({key})")))
            .await?;
        entity_body(&body, None)
            .and_then(decode_binary_parameter)
            .map(|(parameter, _)| parameter)
            .ok_or_else(|| shape_error("a binary parameter", &body))
    }

    pub async fn delete_binary_parameter(&self, pid: &str, id: &str) -> Result<(), SapError> {
        check_key("pid", pid, 60)?;
        check_key("id", id, 255)?;
        let key = composite_key(&[("Pid", pid), ("Id", id)]);
        tracing::info!(pid, id, "deleting a binary parameter");
        self.send(SapRequest::new(
            Method::DELETE,
            format!("BinaryParameters({key})"),
        ))
        .await
        .map(drop)
    }

    // ----- security content -------------------------------------------------------------

    pub async fn user_credentials(&self) -> Result<Vec<UserCredential>, SapError> {
        self.list(json_get("UserCredentials"), decode_user_credential)
            .await
    }

    pub async fn secure_parameters(&self) -> Result<Vec<SecureParameter>, SapError> {
        self.list(json_get("SecureParameters"), decode_secure_parameter)
            .await
    }

    pub async fn oauth2_client_credentials(&self) -> Result<Vec<OAuth2ClientCredential>, SapError> {
        self.list(
            json_get("OAuth2ClientCredentials"),
            decode_oauth2_credential,
        )
        .await
    }

    /// Keystore entries, validity classified on today's date; soonest expiry first.
    pub async fn keystore_entries(&self) -> Result<Vec<KeystoreEntry>, SapError> {
        let now = chrono::Utc::now();
        let mut entries = self
            .list(json_get("KeystoreEntries"), |entity| {
                decode_keystore_entry(entity, now)
            })
            .await?;
        entries.sort_by_key(|entry| (entry.days_left.is_none(), entry.days_left));
        Ok(entries)
    }

    // ----- log files --------------------------------------------------------------------

    pub async fn log_files(&self) -> Result<Vec<LogFile>, SapError> {
        self.list(json_get("LogFiles"), decode_log_file).await
    }

    pub async fn save_log_file<W>(
        &self,
        name: &str,
        application: &str,
        sink: &mut W,
    ) -> Result<SavedFile, SapError>
    where
        W: AsyncWrite + Unpin + Send,
    {
        let name = required("name", name)?;
        let application = required("application", application)?;
        let path = format!(
            "LogFiles({})/$value",
            composite_key(&[("Name", name), ("Application", application)])
        );
        self.download(SapRequest::get(path), sink).await
    }

    // ----- plumbing ---------------------------------------------------------------------

    /// Sends one request; a 429 on a read with a short `Retry-After` is waited for and sent
    /// once more. Any non-2xx becomes the tenant's error.
    async fn send(&self, request: SapRequest) -> Result<HttpResponse, SapError> {
        let response = self.session.send(request.clone()).await?;
        if response.status == 429 && request.repeatable {
            if let Some(wait) = retry_after(&response).filter(|wait| *wait <= MAX_RETRY_AFTER_WAIT)
            {
                tracing::debug!(path = %request.path, ?wait, "429: waiting as the tenant asks");
                tokio::time::sleep(wait.max(Duration::from_millis(100))).await;
                return check(self.session.send(request).await?);
            }
        }
        check(response)
    }

    async fn json(&self, request: SapRequest) -> Result<Value, SapError> {
        let response = self.send(request).await?;
        data_body(&response)
    }

    /// Every entry of a collection, following `__next` pages.
    async fn list<T>(
        &self,
        request: SapRequest,
        decode: impl Fn(&Map<String, Value>) -> Option<T>,
    ) -> Result<Vec<T>, SapError> {
        let mut items = Vec::new();
        let mut next: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut page_request = request.clone();
            if let Some(token) = &next {
                page_request = page_request.query("$skiptoken", token);
            }
            let body = self.json(page_request).await?;
            let page = collection_page(&body).ok_or_else(|| shape_error("a list", &body))?;
            items.extend(page.entries.into_iter().filter_map(&decode));
            match page.next_skiptoken {
                Some(token) if Some(&token) != next.as_ref() => next = Some(token),
                _ => return Ok(items),
            }
        }
        Ok(items)
    }

    /// Streams a success answer into `sink`; an error answer becomes the tenant's error.
    async fn download<W>(&self, request: SapRequest, sink: &mut W) -> Result<SavedFile, SapError>
    where
        W: AsyncWrite + Unpin + Send,
    {
        let request = request
            .header("Accept", "*/*")
            .max_body_bytes(MAX_DOWNLOAD_BYTES);
        match self.session.download(request, sink).await? {
            Download::Written { headers, bytes, .. } => Ok(SavedFile {
                suggested_name: header(&headers, "content-disposition")
                    .and_then(|value| disposition_file_name(&value)),
                content_type: header(&headers, "content-type"),
                bytes: bytes as f64,
            }),
            Download::Answer(response) => {
                let response = check(response)?;
                let write_error = |error: std::io::Error| invalid("file", error.to_string());
                sink.write_all(&response.body).await.map_err(write_error)?;
                sink.flush().await.map_err(write_error)?;
                Ok(SavedFile {
                    suggested_name: response
                        .header("content-disposition")
                        .and_then(disposition_file_name),
                    content_type: response.content_type().map(str::to_owned),
                    bytes: response.body.len() as f64,
                })
            }
        }
    }
}

/// `GET MessageProcessingLogs?$filter=…&$orderby=LogEnd desc`.
fn message_list_request(filter: &MessageFilter) -> Result<SapRequest, SapError> {
    let query = filter.to_query()?;
    let mut request = json_get("MessageProcessingLogs").query("$orderby", "LogEnd desc");
    if let Some(filter) = &query.filter {
        request = request.query("$filter", filter);
    }
    if let Some(header) = &query.custom_header {
        request = request.query("filterCustomHeaderProperties", header);
    }
    Ok(request)
}

fn pid_filtered(set: &str, pid: Option<&str>) -> SapRequest {
    let request = json_get(set);
    match pid.map(str::trim).filter(|pid| !pid.is_empty()) {
        Some(pid) => request.query("$filter", &format!("Pid eq {}", string_literal(pid))),
        None => request,
    }
}

/// `IntegrationDesigntimeArtifacts(Id='…',Version='…')` and its siblings.
fn artifact_path(kind: ArtifactKind, id: &str, version: &str) -> Result<String, SapError> {
    let id = required("artifact_id", id)?;
    Ok(format!(
        "{}({})",
        kind.entity_set(),
        composite_key(&[("Id", id), ("Version", version_or_active(version))])
    ))
}

fn version_or_active(version: &str) -> &str {
    match version.trim() {
        "" => "active",
        version => version,
    }
}

/// The task id of a deploy answer: plain text (the documented form), tolerating quotes and
/// a JSON envelope (`{"d": {"TaskId": …}}`).
fn task_id_of(response: &HttpResponse) -> Result<String, SapError> {
    let text = response.text();
    let trimmed = text.trim();
    if trimmed.starts_with('{') {
        if let Ok(value) = serde_json::from_str::<Value>(trimmed) {
            let fields = entity_body(&value, None).map(crate::wire::Fields);
            if let Some(id) = fields.and_then(|fields| fields.text_any(&["TaskId", "taskId", "Id"]))
            {
                return Ok(id);
            }
        }
    }
    let id = trimmed.trim_matches('"').trim();
    let plausible = !id.is_empty()
        && id.len() <= 200
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c));
    if plausible {
        Ok(id.to_owned())
    } else {
        Err(SapError::Decode {
            message: "the deploy answer holds no task id".into(),
            excerpt: sap_http::text_excerpt(trimmed, 200),
        })
    }
}

fn required<'a>(field: &str, value: &'a str) -> Result<&'a str, SapError> {
    let value = value.trim();
    if value.is_empty() {
        Err(invalid(field, "is empty"))
    } else {
        Ok(value)
    }
}

/// Names what a refusal was about (a parameter of several saved in a row).
fn in_context(error: SapError, what: &str) -> SapError {
    match error {
        SapError::Sap {
            status,
            message,
            details,
        } => SapError::Sap {
            status,
            message: format!("{what}: {message}"),
            details,
        },
        other => other,
    }
}

fn header(headers: &reqwest::header::HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
}

/// `attachment; filename="Orders_Replicate.zip"` → `Orders_Replicate.zip` (a base name).
fn disposition_file_name(value: &str) -> Option<String> {
    value.split(';').find_map(|part| {
        let (key, raw) = part.trim().split_once('=')?;
        if !key.trim().eq_ignore_ascii_case("filename") {
            return None;
        }
        let name = raw.trim().trim_matches('"');
        (!name.is_empty()).then(|| sap_http::clean_file_name(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderMap;

    fn text_answer(body: &str) -> HttpResponse {
        HttpResponse {
            status: 202,
            headers: HeaderMap::new(),
            body: body.to_owned().into(),
        }
    }

    #[test]
    fn task_ids_in_their_spellings() {
        assert_eq!(
            task_id_of(&text_answer("abcd-1c3d-4v5w-x12y-ab123ghij567\n")).unwrap(),
            "abcd-1c3d-4v5w-x12y-ab123ghij567"
        );
        assert_eq!(task_id_of(&text_answer("\"t-1\"")).unwrap(), "t-1");
        assert_eq!(
            task_id_of(&text_answer(r#"{"d":{"TaskId":"t-2"}}"#)).unwrap(),
            "t-2"
        );
        assert!(task_id_of(&text_answer("")).is_err());
        assert!(task_id_of(&text_answer("<html>logon</html>")).is_err());
    }

    #[test]
    fn artifact_paths_quote_and_default_the_version() {
        assert_eq!(
            artifact_path(ArtifactKind::ValueMapping, "VM'1", " ").unwrap(),
            "ValueMappingDesigntimeArtifacts(Id='VM''1',Version='active')"
        );
        assert!(artifact_path(ArtifactKind::IntegrationFlow, " ", "1.0.0").is_err());
    }

    #[test]
    fn file_names_from_the_tenant_are_base_names() {
        assert_eq!(
            disposition_file_name("attachment; filename=Orders.zip").as_deref(),
            Some("Orders.zip")
        );
        assert_eq!(
            disposition_file_name("attachment; filename=\"../../x.zip\"").as_deref(),
            Some("x.zip")
        );
    }
}
