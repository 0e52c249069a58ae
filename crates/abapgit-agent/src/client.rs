//! [`AgentClient`]: one method per resource of the abapGit Agent handler.

use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

use sap_http::{SapError, SapRequest, Session, SessionConfig};
use url::Url;

use crate::admin::{
    CustomizeRequest, CustomizeResult, DropRequest, DropResult, TransportAnswer, TransportBody,
    TransportKind, TransportScope,
};
use crate::checks::{
    self, InspectRequest, InspectResult, SyntaxBody, SyntaxRequest, SyntaxResult,
    TestClassesSource, UnitRequest, UnitResult,
};
use crate::common::{non_empty, GitCredentials};
use crate::dump::{DumpList, DumpRequest};
use crate::explore::{
    ListBody, ListRequest, ObjectList, PackageTree, RawObjectList, RawWhereUsedResult, TreeRequest,
    ViewBody, ViewRequest, ViewResult, WhereBody, WhereUsedRequest, WhereUsedResult,
    LIST_MAX_LIMIT, TREE_MAX_DEPTH,
};
use crate::jobs::{self, FinishedJob, JobHandle, JobOptions, JobProgress};
use crate::preview::{
    PreviewBody, PreviewRequest, PreviewResult, RawPreviewResult, PREVIEW_MAX_LIMIT,
};
use crate::repository::{
    CreateRequest, CreateResult, DeleteRequest, DeleteResult, HealthInfo, ImportRequest,
    ImportResult, PullOutcome, PullRequest, PullResult, RepositoryStatus, StatusRequest,
    WithCredentials,
};
use crate::wire::{self, Answer};

/// Path of the handler below the system's root URL.
pub const SERVICE_PATH: &str = "sap/bc/z_abapgit_agent/";

/// The service root for a system URL. Accepts the bare system
/// (`https://host:44300`), the service root itself, or a URL pointing at
/// one of its resources.
pub fn service_url(system_url: &Url) -> Url {
    let mut url = system_url.clone();
    url.set_query(None);
    url.set_fragment(None);
    let path = url.path().to_owned();
    let lower = path.to_ascii_lowercase();
    let marker = SERVICE_PATH.trim_end_matches('/');
    let root = match lower.find(marker) {
        Some(at) => format!("{}{}", &path[..at], SERVICE_PATH),
        None => format!("{}/{}", path.trim_end_matches('/'), SERVICE_PATH),
    };
    url.set_path(&root);
    url
}

/// A session configuration for the agent on `system_url`: service root as
/// base URL, CSRF token fetched from `health`. Credentials, client and language
/// are left for the caller (the profile) to fill in.
pub fn session_config(system_url: &Url) -> SessionConfig {
    let mut config = SessionConfig::new(service_url(system_url));
    config.csrf_fetch_path = "health".to_owned();
    config
}

/// How many request timeouts a long call (pull, syntax, inspect, unit) may take.
pub const LONG_CALL_FACTOR: u32 = 5;
/// The longest a long call may take, whatever the request timeout.
pub const LONG_CALL_MAX: Duration = Duration::from_secs(3600);

/// The time limit of the calls that can run for minutes (pull, syntax, inspect, unit):
/// [`LONG_CALL_FACTOR`] times the profile's request timeout (120 s gives 10 minutes), at
/// most [`LONG_CALL_MAX`]. Every other call has the request timeout itself.
pub fn long_call_timeout(request_timeout: Duration) -> Duration {
    request_timeout
        .saturating_mul(LONG_CALL_FACTOR)
        .min(LONG_CALL_MAX)
}

/// Typed client for the 18 resources. Cheap to clone (the session is shared).
#[derive(Clone)]
pub struct AgentClient {
    session: Session,
    job_options: JobOptions,
    long_call_timeout: Duration,
}

impl AgentClient {
    /// `session` must have the service root as base URL and `health` as CSRF
    /// fetch path (see [`session_config`]). Long calls get [`long_call_timeout`] of the
    /// session's request timeout.
    pub fn new(session: Session) -> Self {
        let long_call_timeout = long_call_timeout(session.config().timeout);
        Self {
            session,
            job_options: JobOptions::default(),
            long_call_timeout,
        }
    }

    /// Polling used when a command other than pull/import unexpectedly runs as a job.
    pub fn with_job_options(mut self, options: JobOptions) -> Self {
        self.job_options = options;
        self
    }

    /// Per-request limit for pull, unit, syntax and inspect, which can take minutes.
    pub fn with_long_call_timeout(mut self, timeout: Duration) -> Self {
        self.long_call_timeout = timeout;
        self
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    // ---- plumbing

    async fn post(
        &self,
        resource: &str,
        body: &impl Serialize,
        kind: Call,
    ) -> Result<Answer, SapError> {
        let body = without_nulls(serde_json::to_value(body).map_err(|e| SapError::Decode {
            message: format!("cannot encode the {resource} request: {e}"),
            excerpt: String::new(),
        })?);
        let mut request = SapRequest::post_json(resource, &body)?;
        if kind.long {
            request = request.timeout(self.long_call_timeout);
        }
        if kind.reads_only {
            request = request.repeatable();
        }
        let response = self.session.send(request).await?;
        wire::read_answer(&response)
    }

    /// A POST whose answer is a JSON body; a 202 is waited for transparently
    /// and its job result read as the body.
    async fn post_body(
        &self,
        resource: &str,
        body: &impl Serialize,
        kind: Call,
    ) -> Result<Value, SapError> {
        match self.post(resource, body, kind).await? {
            Answer::Body(value) => Ok(value),
            Answer::Accepted {
                job_number,
                job_name,
            } => {
                let handle = JobHandle {
                    resource: resource.to_owned(),
                    job_number,
                    job_name,
                };
                // The caller judges `success`, as for a direct answer.
                let finished = self
                    .wait_job_result(&handle, &self.job_options, |_| {})
                    .await?;
                if finished.result.is_object() || finished.result.is_array() {
                    Ok(finished.result)
                } else {
                    jobs::require_success(finished).map(|f| f.result)
                }
            }
        }
    }

    /// A POST where `success` false is an error.
    async fn post_checked(
        &self,
        resource: &str,
        body: &impl Serialize,
        kind: Call,
    ) -> Result<Value, SapError> {
        let value = self.post_body(resource, body, kind).await?;
        fail_if_unsuccessful(value)
    }

    async fn get_body(&self, resource: &str, query: &[(&str, &str)]) -> Result<Value, SapError> {
        let mut request = SapRequest::get(resource);
        for (key, value) in query {
            request = request.query(key, value);
        }
        let response = self.session.send(request).await?;
        match wire::read_answer(&response)? {
            Answer::Body(value) => Ok(value),
            Answer::Accepted { .. } => Err(SapError::Decode {
                message: format!("GET {resource} answered 202"),
                excerpt: String::new(),
            }),
        }
    }

    // ---- repository

    /// `GET /health`: the handler's version; one request, no CSRF fetch.
    pub async fn health(&self) -> Result<HealthInfo, SapError> {
        let value = fail_if_unsuccessful(self.get_body("health", &[]).await?)?;
        wire::decode(value, "health")
    }

    /// `POST /status`: whether a repository exists for `url`.
    pub async fn status(&self, url: &str) -> Result<RepositoryStatus, SapError> {
        let body = StatusRequest {
            url: url.trim().to_owned(),
        };
        wire::decode(
            self.post_checked("status", &body, Call::READ).await?,
            "status",
        )
    }

    pub async fn create(
        &self,
        request: &CreateRequest,
        git: Option<&GitCredentials>,
    ) -> Result<CreateResult, SapError> {
        let mut request = request.clone();
        request.package = request.package.trim().to_uppercase();
        let body = WithCredentials::new(&request, git);
        wire::decode(
            self.post_checked("create", &body, Call::CHANGE).await?,
            "create",
        )
    }

    pub async fn delete(&self, request: &DeleteRequest) -> Result<DeleteResult, SapError> {
        wire::decode(
            self.post_checked("delete", request, Call::CHANGE).await?,
            "delete",
        )
    }

    /// `POST /pull`. A pull with object results comes back `Ok` even when some
    /// objects failed (`success` false); a pull that failed as a whole (repository
    /// not found, an exception) is `SapError::Sap`. More than 10 files: a job.
    pub async fn pull(
        &self,
        request: &PullRequest,
        git: Option<&GitCredentials>,
    ) -> Result<PullOutcome, SapError> {
        let request = PullRequest {
            files: server_files(&request.files),
            // Request numbers are upper case in E070; the handler echoes what it was sent.
            transport_request: non_empty(&request.transport_request).map(str::to_uppercase),
            ..request.clone()
        };
        let body = WithCredentials::new(&request, git);
        match self.post("pull", &body, Call::LONG_CHANGE).await? {
            Answer::Body(value) => pull_result(value).map(PullOutcome::Finished),
            Answer::Accepted {
                job_number,
                job_name,
            } => Ok(PullOutcome::Job(JobHandle {
                resource: "pull".into(),
                job_number,
                job_name,
            })),
        }
    }

    /// Pull and, if the server made it a job, wait for it.
    pub async fn pull_and_wait(
        &self,
        request: &PullRequest,
        git: Option<&GitCredentials>,
        options: &JobOptions,
        on_progress: impl FnMut(JobProgress),
    ) -> Result<PullResult, SapError> {
        match self.pull(request, git).await? {
            PullOutcome::Finished(result) => Ok(result),
            PullOutcome::Job(handle) => self.wait_pull(&handle, options, on_progress).await,
        }
    }

    /// `POST /import`: starts the import job.
    pub async fn import(
        &self,
        request: &ImportRequest,
        git: Option<&GitCredentials>,
    ) -> Result<JobHandle, SapError> {
        let mut request = request.clone();
        request.package = non_empty(&request.package).map(str::to_uppercase);
        let body = WithCredentials::new(&request, git);
        match self.post("import", &body, Call::CHANGE).await? {
            Answer::Accepted {
                job_number,
                job_name,
            } => Ok(JobHandle {
                resource: "import".into(),
                job_number,
                job_name,
            }),
            Answer::Body(value) => {
                Err(fail_if_unsuccessful(value)
                    .err()
                    .unwrap_or_else(|| SapError::Decode {
                        message: "the server ran the import without a background job".into(),
                        excerpt: String::new(),
                    }))
            }
        }
    }

    // ---- jobs

    /// Polls `GET <resource>?jobNumber=N` until the job ends. A job that
    /// completed with `success` false in its result is an error too. Dropping
    /// the future stops polling (the job itself keeps running on the server).
    pub async fn wait_job(
        &self,
        handle: &JobHandle,
        options: &JobOptions,
        on_progress: impl FnMut(JobProgress),
    ) -> Result<FinishedJob, SapError> {
        self.wait_job_result(handle, options, on_progress)
            .await
            .and_then(jobs::require_success)
    }

    /// Like [`Self::wait_job`] but leaves judging the result to the caller.
    async fn wait_job_result(
        &self,
        handle: &JobHandle,
        options: &JobOptions,
        on_progress: impl FnMut(JobProgress),
    ) -> Result<FinishedJob, SapError> {
        let resource = handle.resource.trim_matches('/').to_owned();
        let job_number = handle.job_number.clone();
        let poll = || {
            let session = self.session.clone();
            let resource = resource.clone();
            let job_number = job_number.clone();
            async move {
                let request = SapRequest::get(resource).query("jobNumber", &job_number);
                let response = session.send(request).await?;
                wire::read_answer(&response)
            }
        };
        jobs::wait(handle, options, poll, on_progress).await
    }

    /// Waits for an import job and reads its result.
    pub async fn wait_import(
        &self,
        handle: &JobHandle,
        options: &JobOptions,
        on_progress: impl FnMut(JobProgress),
    ) -> Result<ImportResult, SapError> {
        let finished = self.wait_job(handle, options, on_progress).await?;
        match finished.result {
            Value::Object(_) => wire::decode(finished.result, "import result"),
            _ => Ok(ImportResult::default()),
        }
    }

    /// Waits for a pull that runs as a job and reads its result.
    pub async fn wait_pull(
        &self,
        handle: &JobHandle,
        options: &JobOptions,
        on_progress: impl FnMut(JobProgress),
    ) -> Result<PullResult, SapError> {
        // A pull with failed objects is a result to show, like the synchronous pull.
        let finished = self.wait_job_result(handle, options, on_progress).await?;
        match finished.result {
            Value::Object(_) => pull_result(finished.result),
            _ => jobs::require_success(finished).map(|finished| PullResult {
                success: true,
                message: finished.message,
                ..PullResult::default()
            }),
        }
    }

    // ---- checks (a failed check is a result)

    /// `POST /syntax`: check local source without activating.
    pub async fn syntax(&self, request: &SyntaxRequest) -> Result<SyntaxResult, SapError> {
        let value = self
            .post_body("syntax", &SyntaxBody::new(request), Call::LONG_READ)
            .await?;
        check_answer(&value)?;
        Ok(checks::syntax_result(&value))
    }

    /// `POST /inspect`: top-level array (as implemented) or one object (documented).
    pub async fn inspect(&self, request: &InspectRequest) -> Result<InspectResult, SapError> {
        let request = InspectRequest {
            files: server_files(&request.files),
            ..request.clone()
        };
        let value = self.post_body("inspect", &request, Call::LONG_READ).await?;
        check_answer(&value)?;
        let result = checks::inspect_result(&value);
        // The command's "N/A" result: none of the files named an object it could parse.
        if let [only] = result.objects.as_slice() {
            if only.object_type == "N/A" && !only.success {
                return Err(SapError::Sap {
                    status: 200,
                    message: "None of these files names an ABAP object the system can inspect (it expects abapGit file names such as zcl_my_class.clas.abap)".into(),
                    details: request.files.clone(),
                });
            }
        }
        Ok(result)
    }

    /// `POST /unit`: ABAP Unit; failures are in the result, coverage only when asked for.
    pub async fn unit(&self, request: &UnitRequest) -> Result<UnitResult, SapError> {
        let request = UnitRequest {
            files: server_files(&request.files),
            ..request.clone()
        };
        let value = self.post_body("unit", &request, Call::LONG_READ).await?;
        check_answer(&value)?;
        let mut result: UnitResult = wire::decode(value, "unit")?;
        if !request.coverage {
            // The handler always sends COVERAGE_STATS; unasked, its zeros measured nothing.
            result.coverage = None;
        }
        Ok(result)
    }

    /// Gives failed test methods that have no location yet the line of their `METHOD`
    /// statement in the system's test classes (the class's `CCAU` section from `/view`): the
    /// unit command reports no line. Best effort: a class that cannot be viewed keeps its
    /// failures without a line.
    pub async fn locate_unit_failures(&self, result: &mut UnitResult) {
        for class in result.classes_without_location() {
            let request = ViewRequest {
                objects: vec![class.clone()],
                object_type: Some("CLAS".to_owned()),
                full: true,
                function_module: None,
            };
            let viewed = match self.view(&request).await {
                Ok(viewed) => viewed,
                Err(error) => {
                    tracing::debug!(%class, %error, "test classes not viewable; failures keep no line");
                    continue;
                }
            };
            let test_classes = viewed
                .objects
                .iter()
                .filter(|o| o.name.eq_ignore_ascii_case(&class))
                .flat_map(|o| &o.sections)
                .find(|s| s.suffix.eq_ignore_ascii_case("CCAU"));
            if let Some(section) = test_classes {
                result.locate_failures(&[TestClassesSource {
                    class_name: class,
                    file: None,
                    source: section.lines.join("\n"),
                }]);
            }
        }
    }

    // ---- exploration

    pub async fn tree(&self, request: &TreeRequest) -> Result<PackageTree, SapError> {
        let body = TreeRequest {
            package: request.package.trim().to_uppercase(),
            depth: request.depth.map(|d| d.clamp(1, TREE_MAX_DEPTH)),
            include_objects: request.include_objects,
        };
        wire::decode(self.post_checked("tree", &body, Call::READ).await?, "tree")
    }

    /// One page of `POST /list` (limit clamped to 1..=1000).
    pub async fn list(&self, request: &ListRequest) -> Result<ObjectList, SapError> {
        let value = self
            .post_checked("list", &ListBody::new(request), Call::READ)
            .await?;
        wire::decode::<RawObjectList>(value, "list").map(ObjectList::from)
    }

    /// Every matching object from `request.offset` on, fetched in pages of
    /// `request.limit` (default and maximum 1000).
    pub async fn list_all(&self, request: &ListRequest) -> Result<ObjectList, SapError> {
        let page_size = request
            .limit
            .unwrap_or(LIST_MAX_LIMIT)
            .clamp(1, LIST_MAX_LIMIT);
        let mut page_request = ListRequest {
            limit: Some(page_size),
            ..request.clone()
        };
        let mut all = self.list(&page_request).await?;
        let mut next = all.next_offset();
        while let Some(offset) = next {
            page_request.offset = offset;
            let page = self.list(&page_request).await?;
            next = page.next_offset().filter(|n| *n > offset);
            all.total = all.total.max(page.total);
            all.objects.extend(page.objects);
        }
        all.limit = u32::try_from(all.objects.len()).unwrap_or(u32::MAX);
        Ok(all)
    }

    pub async fn view(&self, request: &ViewRequest) -> Result<ViewResult, SapError> {
        wire::decode(
            self.post_checked("view", &ViewBody::new(request), Call::READ)
                .await?,
            "view",
        )
    }

    /// `POST /where` (limit clamped to 1..=200).
    pub async fn where_used(
        &self,
        request: &WhereUsedRequest,
    ) -> Result<WhereUsedResult, SapError> {
        let value = self
            .post_checked("where", &WhereBody::new(request), Call::READ)
            .await?;
        wire::decode::<RawWhereUsedResult>(value, "where").map(WhereUsedResult::from)
    }

    // ---- data

    /// One page of `POST /preview` (limit clamped to 1..=100). Objects that
    /// could not be read carry their own `error`; the call still succeeds.
    pub async fn preview(&self, request: &PreviewRequest) -> Result<PreviewResult, SapError> {
        let value = self
            .post_body("preview", &PreviewBody::new(request), Call::READ)
            .await?;
        let result =
            wire::decode::<RawPreviewResult>(value.clone(), "preview").map(PreviewResult::from)?;
        if result.objects.is_empty() {
            fail_if_unsuccessful(value)?;
        }
        Ok(result)
    }

    /// Up to `max_rows` rows of the first object of `request`, fetched in pages
    /// of `request.limit` (default and maximum 100) from `request.offset` on.
    pub async fn preview_all(
        &self,
        request: &PreviewRequest,
        max_rows: u32,
    ) -> Result<PreviewResult, SapError> {
        let page_size = request
            .limit
            .unwrap_or(PREVIEW_MAX_LIMIT)
            .clamp(1, PREVIEW_MAX_LIMIT);
        let mut page_request = PreviewRequest {
            objects: request.objects.iter().take(1).cloned().collect(),
            limit: Some(max_rows.clamp(1, page_size)),
            ..request.clone()
        };
        let mut all = self.preview(&page_request).await?;
        let mut last_page_rows = all.objects.first().map_or(0, |t| t.rows.len());
        while let Some(table) = all.objects.first() {
            let have = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
            let exhausted = request.offset.saturating_add(have) >= table.total_rows;
            if table.error.is_some() || last_page_rows == 0 || have >= max_rows || exhausted {
                break;
            }
            page_request.offset = request.offset.saturating_add(have);
            page_request.limit = Some((max_rows - have).clamp(1, page_size));
            let page = self.preview(&page_request).await?;
            let next = page.objects.into_iter().next().unwrap_or_default();
            last_page_rows = next.rows.len();
            if let Some(table) = all.objects.first_mut() {
                table.rows.extend(next.rows);
            }
            all.pagination = page.pagination;
        }
        if let Some(table) = all.objects.first_mut() {
            table
                .rows
                .truncate(usize::try_from(max_rows).unwrap_or(usize::MAX));
            table.row_count = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
            all.total_rows = table.row_count;
        }
        Ok(all)
    }

    /// `POST /dump` (limit clamped to 1..=100).
    pub async fn dumps(&self, request: &DumpRequest) -> Result<DumpList, SapError> {
        let value = self
            .post_checked("dump", &request.for_wire(), Call::READ)
            .await?;
        let mut list: DumpList = wire::decode(value, "dump")?;
        list.dumps = list.dumps.into_iter().map(|d| d.normalised()).collect();
        Ok(list)
    }

    // ---- transports and changes

    /// `GET /transport?scope=`: the quick list (at most 50, workbench only as implemented).
    pub async fn transports(&self, scope: TransportScope) -> Result<TransportAnswer, SapError> {
        let value = fail_if_unsuccessful(
            self.get_body("transport", &[("scope", scope.as_str())])
                .await?,
        )?;
        wire::decode(value, "transport")
    }

    /// `POST /transport` with action LIST (workbench requests).
    pub async fn list_transports(
        &self,
        scope: TransportScope,
    ) -> Result<TransportAnswer, SapError> {
        self.list_transports_of(scope, None).await
    }

    /// `POST /transport` with action LIST for one kind of request: the POST honours `type`
    /// (`customizing` lists W requests), the GET does not; no kind means workbench.
    pub async fn list_transports_of(
        &self,
        scope: TransportScope,
        kind: Option<TransportKind>,
    ) -> Result<TransportAnswer, SapError> {
        self.transport_action(TransportBody {
            action: "LIST",
            scope: Some(scope.as_str()),
            description: None,
            kind,
            number: None,
        })
        .await
    }

    /// `POST /transport` with action CREATE; the new number is in `number`.
    pub async fn create_transport(
        &self,
        description: &str,
        kind: TransportKind,
    ) -> Result<TransportAnswer, SapError> {
        self.transport_action(TransportBody {
            action: "CREATE",
            scope: None,
            description: Some(description),
            kind: Some(kind),
            number: None,
        })
        .await
    }

    /// `POST /transport` with action CHECK (`passed`, `issues`).
    pub async fn check_transport(&self, number: &str) -> Result<TransportAnswer, SapError> {
        self.transport_action(TransportBody {
            action: "CHECK",
            scope: None,
            description: None,
            kind: None,
            number: Some(number.trim().to_uppercase()),
        })
        .await
    }

    /// `POST /transport` with action RELEASE.
    pub async fn release_transport(&self, number: &str) -> Result<TransportAnswer, SapError> {
        self.transport_action(TransportBody {
            action: "RELEASE",
            scope: None,
            description: None,
            kind: None,
            number: Some(number.trim().to_uppercase()),
        })
        .await
    }

    async fn transport_action(&self, body: TransportBody<'_>) -> Result<TransportAnswer, SapError> {
        // LIST and CHECK only read; CREATE and RELEASE change the system.
        let kind = match body.action {
            "LIST" | "CHECK" => Call::READ,
            _ => Call::CHANGE,
        };
        wire::decode(
            self.post_checked("transport", &body, kind).await?,
            "transport",
        )
    }

    /// `POST /drop`: deletes the object behind one file.
    pub async fn drop_object(&self, request: &DropRequest) -> Result<DropResult, SapError> {
        let request = DropRequest {
            file: crate::filenames::to_server_file(&request.file),
            transport_request: non_empty(&request.transport_request).map(str::to_uppercase),
        };
        wire::decode(
            self.post_checked("drop", &request, Call::CHANGE).await?,
            "drop",
        )
    }

    /// `POST /customize`: writes one customizing entry.
    pub async fn customize(&self, request: &CustomizeRequest) -> Result<CustomizeResult, SapError> {
        #[derive(Serialize)]
        struct Body<'a> {
            table_name: String,
            field_values: &'a [crate::admin::FieldValue],
            #[serde(skip_serializing_if = "Option::is_none")]
            transport: Option<String>,
            no_transport: bool,
        }
        let body = Body {
            table_name: request.table_name.trim().to_uppercase(),
            field_values: &request.field_values,
            transport: non_empty(&request.transport).map(str::to_uppercase),
            no_transport: request.no_transport,
        };
        wire::decode(
            self.post_checked("customize", &body, Call::CHANGE).await?,
            "customize",
        )
    }
}

/// How a POST behaves: whether it only reads (the session may repeat it on a fresh logon
/// after the session ended) and whether it gets the long-call time limit.
#[derive(Clone, Copy)]
struct Call {
    reads_only: bool,
    long: bool,
}

impl Call {
    const READ: Self = Self {
        reads_only: true,
        long: false,
    };
    const LONG_READ: Self = Self {
        reads_only: true,
        long: true,
    };
    const CHANGE: Self = Self {
        reads_only: false,
        long: false,
    };
    const LONG_CHANGE: Self = Self {
        reads_only: false,
        long: true,
    };
}

/// `Err(SapError::Sap)` when a 200 answer says it failed.
fn fail_if_unsuccessful(value: Value) -> Result<Value, SapError> {
    match wire::failure_from(&value, 200) {
        Some(error) => Err(error),
        None => Ok(value),
    }
}

/// A check answer that is a bare error (no results at all) is an error.
fn check_answer(value: &Value) -> Result<(), SapError> {
    if checks::is_bare_error(value) {
        if let Some(error) = wire::failure_from(value, 200) {
            return Err(error);
        }
    }
    Ok(())
}

fn pull_result(value: Value) -> Result<PullResult, SapError> {
    let failure = wire::failure_from(&value, 200);
    let result = wire::decode::<PullResult>(value, "pull")?.normalised();
    match failure {
        Some(error) if !result.success && !result.has_object_results() => Err(error),
        _ => Ok(result),
    }
}

/// File names as the server's own parser understands them (FUGR parts and
/// DCLS sources become the object's XML, directories go).
fn server_files(files: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(files.len());
    for file in files.iter().map(|f| crate::filenames::to_server_file(f)) {
        // Several parts of one function group are one object to the server.
        if !file.is_empty() && !out.contains(&file) {
            out.push(file);
        }
    }
    out
}

/// Drops top-level nulls so optional fields are simply absent on the wire.
fn without_nulls(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).collect())
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_url_from_any_form() {
        let cases = [
            (
                "https://host:44300",
                "https://host:44300/sap/bc/z_abapgit_agent/",
            ),
            (
                "https://host:44300/",
                "https://host:44300/sap/bc/z_abapgit_agent/",
            ),
            (
                "http://h:8000/sap/bc/z_abapgit_agent",
                "http://h:8000/sap/bc/z_abapgit_agent/",
            ),
            (
                "http://h:8000/sap/bc/z_abapgit_agent/health?x=1",
                "http://h:8000/sap/bc/z_abapgit_agent/",
            ),
            (
                "http://h:8000/proxy/",
                "http://h:8000/proxy/sap/bc/z_abapgit_agent/",
            ),
        ];
        for (input, expected) in cases {
            let url = Url::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(service_url(&url).as_str(), expected, "{input}");
        }
        let config =
            session_config(&Url::parse("https://host:44300").unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(config.csrf_fetch_path, "health");
    }
}
