use abapgit_agent::{
    CreateRequest, DeleteRequest, FolderLogic, GitCredentials, PullOutcome, PullRequest,
};
use sandbox::Dialect;
use sap_http::Secret;

use crate::support::{sap_message, start, DIALECTS};

const UNKNOWN_REPO: &str = "https://github.com/example/unknown.git";

#[tokio::test]
async fn health_costs_one_request_and_no_csrf_fetch() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let health = fixture.client.health().await.expect("health");
        assert!(health.is_ok(), "{dialect:?}: {health:?}");
        let expected = if dialect == Dialect::Documented {
            "1.0.0"
        } else {
            "1.18.1"
        };
        assert_eq!(health.version, expected);
        let stats = fixture.client.session().stats();
        assert_eq!((stats.requests, stats.csrf_fetches), (1, 0), "{dialect:?}");
        assert_eq!(fixture.requests(), 1);
    }
}

#[tokio::test]
async fn status_of_an_unknown_repository() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let status = fixture.client.status(UNKNOWN_REPO).await.expect("status");
        assert!(!status.exists(), "{dialect:?}: {status:?}");
        assert_eq!(status.status, "Not found");
        assert_eq!(status.repo_key, None);
        // First modifying call: CSRF fetch + POST.
        assert_eq!(fixture.requests(), 2, "{dialect:?}");
        fixture
            .client
            .status(UNKNOWN_REPO)
            .await
            .expect("status again");
        assert_eq!(
            fixture.requests(),
            3,
            "{dialect:?}: warm session, one request"
        );
    }
}

#[tokio::test]
async fn create_reports_the_servers_reason() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let git = GitCredentials {
            username: "octo".into(),
            password: Secret::new("ghp_secret"),
        };
        let request = CreateRequest {
            url: UNKNOWN_REPO.into(),
            package: "$zdemo".into(),
            folder_logic: Some(FolderLogic::Prefix),
            folder: Some("/src/".into()),
            ..CreateRequest::default()
        };
        let (status, message) = sap_message(fixture.client.create(&request, Some(&git)).await);
        assert_eq!(status, 200, "{dialect:?}");
        assert!(message.contains("not reachable"), "{dialect:?}: {message}");

        // Validation errors are HTTP 400 with the server's text.
        let missing = CreateRequest {
            url: String::new(),
            package: String::new(),
            ..CreateRequest::default()
        };
        let (status, message) = sap_message(fixture.client.create(&missing, None).await);
        assert_eq!(
            (status, message.as_str()),
            (400, "URL and package are required"),
            "{dialect:?}"
        );
    }
}

#[tokio::test]
async fn delete_of_an_unknown_repository_fails() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = DeleteRequest {
            url: UNKNOWN_REPO.into(),
        };
        let (status, message) = sap_message(fixture.client.delete(&request).await);
        assert_eq!(status, 200);
        let expected = match dialect {
            Dialect::Documented => "No suitable repository found",
            Dialect::AsImplemented => "Repository not found",
        };
        assert!(message.contains(expected), "{dialect:?}: {message}");
    }
}

#[tokio::test]
async fn pull_of_an_unknown_repository_is_an_error_with_the_servers_message() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = PullRequest {
            url: UNKNOWN_REPO.into(),
            ..PullRequest::default()
        };
        let (_, message) = sap_message(fixture.client.pull(&request, None).await);
        assert_eq!(
            message,
            format!("Repository not found: {UNKNOWN_REPO}"),
            "{dialect:?}"
        );
        let (status, message) =
            sap_message(fixture.client.pull(&PullRequest::default(), None).await);
        assert_eq!(
            (status, message.as_str()),
            (400, "URL is required"),
            "{dialect:?}"
        );
    }
}

#[tokio::test]
async fn pull_of_many_files_becomes_a_job() {
    for dialect in DIALECTS {
        let fixture = start(dialect).await;
        let request = PullRequest {
            url: UNKNOWN_REPO.into(),
            files: (1..=11)
                .map(|n| format!("src/zprog{n}.prog.abap"))
                .collect(),
            ..PullRequest::default()
        };
        let outcome = fixture
            .client
            .pull(&request, None)
            .await
            .expect("pull accepted");
        let PullOutcome::Job(handle) = outcome else {
            panic!("{dialect:?}: expected a job, got {outcome:?}");
        };
        assert_eq!(handle.resource, "pull");
        assert_eq!(handle.job_number.len(), 8, "{handle:?}");
        // The handle survives a round trip through storage (re-attach after restart).
        let stored = serde_json::to_string(&handle).expect("serialise");
        let restored: abapgit_agent::JobHandle =
            serde_json::from_str(&stored).expect("deserialise");
        let mut seen = Vec::new();
        let finished = fixture
            .client
            .wait_pull(&restored, &crate::support::fast_jobs(), |p| {
                seen.push(p.status)
            })
            .await;
        assert!(!seen.is_empty(), "{dialect:?}: progress reported");
        let (_, message) = sap_message(finished);
        assert_eq!(
            message,
            format!("Repository not found: {UNKNOWN_REPO}"),
            "{dialect:?}"
        );
    }
}
