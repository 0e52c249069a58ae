//! The simulated Cloud Integration tenant over loopback: token endpoint, both auth modes,
//! CSRF for sessions only, OData V2 formats, query options, function imports, and deploy and
//! undeploy in time on the sandbox clock.

mod support;

use std::time::Duration;

use reqwest::{Client, StatusCode};
use sandbox::cloud_integration::{
    DEFAULT_TOKEN_LIFETIME, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_PASSWORD, DEMO_USER,
};
use sandbox::{SandboxConfig, SandboxHandle};
use serde_json::Value;
use support::*;

async fn tenant() -> SandboxHandle {
    start_with(SandboxConfig::default()).await
}

/// A token by client credentials in a Basic header.
async fn token(sandbox: &SandboxHandle, client: &Client) -> String {
    let response = client
        .post(sandbox.cloud_integration_token_url())
        .basic_auth(DEMO_CLIENT_ID, Some(DEMO_CLIENT_SECRET))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("grant_type", "client_credentials")]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

/// An `application/x-www-form-urlencoded` body.
fn form(pairs: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish()
}

fn api(sandbox: &SandboxHandle, resource: &str) -> String {
    format!("{}/{resource}", sandbox.cloud_integration_url())
}

async fn get_json(client: &Client, bearer: &str, url: &str) -> (StatusCode, Value) {
    let response = client
        .get(url)
        .bearer_auth(bearer)
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{url}: {e}: {text}"));
    (status, value)
}

fn error_text(body: &Value) -> &str {
    body["error"]["message"]["value"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn token_endpoint_grants_client_credentials_and_refuses_the_rest() {
    let sandbox = tenant().await;
    let client = plain_client();
    let url = sandbox.cloud_integration_token_url();

    let granted = client
        .post(&url)
        .basic_auth(DEMO_CLIENT_ID, Some(DEMO_CLIENT_SECRET))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("grant_type", "client_credentials")]))
        .send()
        .await
        .unwrap();
    assert_eq!(granted.status(), StatusCode::OK);
    assert_eq!(granted.headers()["cache-control"], "no-store");
    let body: Value = granted.json().await.unwrap();
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], DEFAULT_TOKEN_LIFETIME.as_secs());
    assert_eq!(body["access_token"].as_str().unwrap().split('.').count(), 3);

    // Client id and secret as form fields, grant type in the query string (as Piper sends it).
    let in_form = client
        .post(format!("{url}?grant_type=client_credentials"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("client_id", DEMO_CLIENT_ID),
            ("client_secret", DEMO_CLIENT_SECRET),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(in_form.status(), StatusCode::OK);

    let wrong_secret = client
        .post(&url)
        .basic_auth(DEMO_CLIENT_ID, Some("guess"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[("grant_type", "client_credentials")]))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_secret.status(), StatusCode::UNAUTHORIZED);
    let body: Value = wrong_secret.json().await.unwrap();
    assert_eq!(body["error"], "invalid_client");

    let password_grant = client
        .post(&url)
        .basic_auth(DEMO_CLIENT_ID, Some(DEMO_CLIENT_SECRET))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(&[
            ("grant_type", "password"),
            ("username", "x"),
            ("password", "y"),
        ]))
        .send()
        .await
        .unwrap();
    assert_eq!(password_grant.status(), StatusCode::BAD_REQUEST);
    let body: Value = password_grant.json().await.unwrap();
    assert_eq!(body["error"], "unsupported_grant_type");

    let no_grant = client
        .post(&url)
        .basic_auth(DEMO_CLIENT_ID, Some(DEMO_CLIENT_SECRET))
        .send()
        .await
        .unwrap();
    assert_eq!(no_grant.status(), StatusCode::BAD_REQUEST);

    let get = client.get(&url).send().await.unwrap();
    assert_eq!(get.status(), StatusCode::METHOD_NOT_ALLOWED);

    assert_eq!(sandbox.cloud_integration_token_requests(), 5);
}

#[tokio::test]
async fn bearer_tokens_need_no_csrf_and_expire_on_the_sandbox_clock() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;

    let (status, body) = get_json(&client, &bearer, &api(&sandbox, "IntegrationPackages")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["d"]["results"].as_array().unwrap().len() >= 5);

    let created = client
        .post(api(&sandbox, "IntegrationPackages"))
        .bearer_auth(&bearer)
        .header("accept", "application/json")
        .json(&serde_json::json!({"Id": "ZNewPackage", "Name": "New package", "ShortText": "Made by a test"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let body: Value = created.json().await.unwrap();
    assert_eq!(body["d"]["CreatedBy"], DEMO_CLIENT_ID);

    sandbox.advance_clock(DEFAULT_TOKEN_LIFETIME + Duration::from_secs(1));
    let expired = client
        .get(api(&sandbox, "IntegrationPackages"))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status(), StatusCode::UNAUTHORIZED);
    assert!(expired.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .contains("invalid_token"));

    let unknown = client
        .get(api(&sandbox, "IntegrationPackages"))
        .bearer_auth("not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(sandbox.cloud_integration_token_requests(), 1);
}

#[tokio::test]
async fn basic_sessions_need_a_csrf_token_bound_to_the_session() {
    let sandbox = tenant().await;
    let client = cookie_client();
    let body =
        serde_json::json!({"Id": "ZBasicPackage", "Name": "Basic", "ShortText": "Basic auth"});

    let refused = client
        .post(api(&sandbox, "IntegrationPackages"))
        .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(refused.headers()["x-csrf-token"], "Required");

    let fetched = client
        .get(format!("{}/", sandbox.cloud_integration_url()))
        .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
        .header("x-csrf-token", "Fetch")
        .send()
        .await
        .unwrap();
    assert_eq!(fetched.status(), StatusCode::OK);
    let csrf = fetched.headers()["x-csrf-token"]
        .to_str()
        .unwrap()
        .to_owned();

    let created = client
        .post(api(&sandbox, "IntegrationPackages"))
        .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
        .header("x-csrf-token", &csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);

    // The token belongs to the session: without the cookie it is worthless.
    let without_cookie = plain_client()
        .post(api(&sandbox, "IntegrationPackages"))
        .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
        .header("x-csrf-token", &csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(without_cookie.status(), StatusCode::FORBIDDEN);
    assert_eq!(without_cookie.headers()["x-csrf-token"], "Required");

    // The service key's client id and secret work as a Basic user too.
    let as_client = plain_client()
        .get(api(&sandbox, "IntegrationPackages"))
        .basic_auth(DEMO_CLIENT_ID, Some(DEMO_CLIENT_SECRET))
        .send()
        .await
        .unwrap();
    assert_eq!(as_client.status(), StatusCode::OK);

    let wrong = plain_client()
        .get(api(&sandbox, "IntegrationPackages"))
        .basic_auth(DEMO_USER, Some("nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let anonymous = plain_client()
        .get(api(&sandbox, "IntegrationPackages"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn atom_is_the_default_json_is_verbose_v2_and_metadata_describes_the_model() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;

    let atom = client
        .get(api(&sandbox, "IntegrationPackages"))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(atom.headers()["dataserviceversion"], "2.0");
    assert!(atom.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml;type=feed"));
    let xml = atom.text().await.unwrap();
    assert!(xml.contains("<d:Id>ZOrderToCash</d:Id>"), "{xml}");

    let (_, json) = get_json(
        &client,
        &bearer,
        &api(
            &sandbox,
            "IntegrationPackages?$format=json&$inlinecount=allpages&$top=2",
        ),
    )
    .await;
    let d = &json["d"];
    assert_eq!(d["__count"], "6");
    let first = &d["results"][0];
    assert_eq!(
        first["__metadata"]["type"],
        "com.sap.hci.api.IntegrationPackage"
    );
    assert!(first["CreationDate"]
        .as_str()
        .unwrap()
        .parse::<i64>()
        .is_ok());
    assert!(first["IntegrationDesigntimeArtifacts"]["__deferred"]["uri"]
        .as_str()
        .unwrap()
        .ends_with("IntegrationPackages('ZOrderToCash')/IntegrationDesigntimeArtifacts"));
    assert_eq!(d["results"].as_array().unwrap().len(), 2);

    let metadata = client
        .get(api(&sandbox, "$metadata"))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for needle in [
        "<EntityType Name=\"IntegrationPackage\" m:HasStream=\"true\">",
        "<EntitySet Name=\"MessageProcessingLogs\"",
        "<FunctionImport Name=\"DeployIntegrationDesigntimeArtifact\"",
    ] {
        assert!(metadata.contains(needle), "{needle}");
    }

    let (status, body) = get_json(
        &client,
        &bearer,
        &api(&sandbox, "IntegrationPackages('Nope')"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "Not Found");
    assert_eq!(body["error"]["message"]["lang"], "en");

    let (status, body) = get_json(
        &client,
        &bearer,
        &api(&sandbox, "IntegrationPackages?$filter=Name eq 'x'"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error_text(&body).contains("$filter"), "{body}");
}

#[tokio::test]
async fn designtime_artifacts_configurations_and_downloads() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;

    let (_, flows) = get_json(
        &client,
        &bearer,
        &api(
            &sandbox,
            "IntegrationPackages('ZProcureToPay')/IntegrationDesigntimeArtifacts",
        ),
    )
    .await;
    let flows = flows["d"]["results"].as_array().unwrap();
    assert_eq!(flows.len(), 3);
    assert!(flows
        .iter()
        .all(|f| f["ModifiedAt"].as_str().unwrap().starts_with("/Date(")));

    for set in [
        "ValueMappingDesigntimeArtifacts",
        "MessageMappingDesigntimeArtifacts",
        "ScriptCollectionDesigntimeArtifacts",
    ] {
        let (status, body) = get_json(
            &client,
            &bearer,
            &api(
                &sandbox,
                &format!("IntegrationPackages('ZSharedUtilities')/{set}"),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{set}");
        assert!(body["d"]["results"].is_array(), "{set}");
    }

    let flow = "IntegrationDesigntimeArtifacts(Id='PurchaseOrder_S4_to_Ariba',Version='active')";
    let zip = client
        .get(api(&sandbox, &format!("{flow}/$value")))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(zip.headers()["content-type"], "application/zip");
    assert!(zip.bytes().await.unwrap().starts_with(b"PK\x03\x04"));

    let (status, body) = get_json(
        &client,
        &bearer,
        &api(&sandbox, "IntegrationDesigntimeArtifacts(Id='Replicate_Expense_Reports_from_Concur',Version='active')/$value"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        error_text(&body),
        "Cannot download the artifact from a configure only package."
    );

    let (_, configurations) = get_json(
        &client,
        &bearer,
        &api(
            &sandbox,
            &format!("{flow}/Configurations?$filter=startswith(ParameterKey,'Ariba_')"),
        ),
    )
    .await;
    assert_eq!(configurations["d"]["results"].as_array().unwrap().len(), 3);

    let updated = client
        .put(api(
            &sandbox,
            &format!("{flow}/$links/Configurations('Ariba_NetworkId')"),
        ))
        .bearer_auth(&bearer)
        .json(&serde_json::json!({"ParameterValue": "AN09999999999", "DataType": "xsd:string"}))
        .send()
        .await
        .unwrap();
    assert_eq!(updated.status(), StatusCode::ACCEPTED);
    let (_, configurations) = get_json(
        &client,
        &bearer,
        &api(
            &sandbox,
            &format!("{flow}/Configurations?$filter=ParameterKey eq 'Ariba_NetworkId'"),
        ),
    )
    .await;
    assert_eq!(
        configurations["d"]["results"][0]["ParameterValue"],
        "AN09999999999"
    );

    let unknown = client
        .put(api(
            &sandbox,
            &format!("{flow}/$links/Configurations('Nope')"),
        ))
        .bearer_auth(&bearer)
        .json(&serde_json::json!({"ParameterValue": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

async fn runtime_status(
    client: &Client,
    bearer: &str,
    sandbox: &SandboxHandle,
    id: &str,
) -> (StatusCode, Value) {
    get_json(
        client,
        bearer,
        &api(sandbox, &format!("IntegrationRuntimeArtifacts('{id}')")),
    )
    .await
}

#[tokio::test]
async fn deploy_runs_in_time_and_undeploy_ends_in_404() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;

    let unquoted = client
        .post(api(
            &sandbox,
            "DeployIntegrationDesigntimeArtifact?Id=Send_Invoices_to_SFDC&Version=active",
        ))
        .bearer_auth(&bearer)
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(unquoted.status(), StatusCode::BAD_REQUEST);
    let body: Value = unquoted.json().await.unwrap();
    assert!(error_text(&body).contains("Unknown literal"), "{body}");

    let deployed = client
        .post(api(
            &sandbox,
            "DeployIntegrationDesigntimeArtifact?Id='Send_Invoices_to_SFDC'&Version='active'",
        ))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(deployed.status(), StatusCode::ACCEPTED);
    let task = deployed.text().await.unwrap();
    assert_eq!(task.len(), 36);

    let status_url = api(&sandbox, &format!("BuildAndDeployStatus(TaskId='{task}')"));
    let (_, status) = get_json(&client, &bearer, &status_url).await;
    assert_eq!(status["d"]["Status"], "DEPLOYING");
    let (not_yet, _) = runtime_status(&client, &bearer, &sandbox, "Send_Invoices_to_SFDC").await;
    assert_eq!(not_yet, StatusCode::NOT_FOUND);

    sandbox.advance_clock(Duration::from_secs(3));
    let (_, status) = get_json(&client, &bearer, &status_url).await;
    assert_eq!(status["d"]["Status"], "SUCCESS");
    let (_, runtime) = runtime_status(&client, &bearer, &sandbox, "Send_Invoices_to_SFDC").await;
    assert_eq!(runtime["d"]["Status"], "STARTING");
    sandbox.advance_clock(Duration::from_secs(4));
    let (_, runtime) = runtime_status(&client, &bearer, &sandbox, "Send_Invoices_to_SFDC").await;
    assert_eq!(runtime["d"]["Status"], "STARTED");
    assert_eq!(runtime["d"]["DeployedBy"], DEMO_CLIENT_ID);

    let undeployed = client
        .delete(api(
            &sandbox,
            "IntegrationRuntimeArtifacts('Send_Invoices_to_SFDC')",
        ))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(undeployed.status(), StatusCode::ACCEPTED);
    let (_, runtime) = runtime_status(&client, &bearer, &sandbox, "Send_Invoices_to_SFDC").await;
    assert_eq!(runtime["d"]["Status"], "STOPPING");
    sandbox.advance_clock(Duration::from_secs(2));
    let (gone, _) = runtime_status(&client, &bearer, &sandbox, "Send_Invoices_to_SFDC").await;
    assert_eq!(gone, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn failing_deploys_end_in_fail_or_error_with_the_nested_error_text() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;

    let task = client
        .post(api(
            &sandbox,
            "DeployIntegrationDesigntimeArtifact?Id='CostCenter_S4_to_EC'&Version='active'",
        ))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    sandbox.advance_clock(Duration::from_secs(3));
    let (_, status) = get_json(
        &client,
        &bearer,
        &api(&sandbox, &format!("BuildAndDeployStatus(TaskId='{task}')")),
    )
    .await;
    assert_eq!(status["d"]["Status"], "FAIL");

    let (_, runtime) = runtime_status(&client, &bearer, &sandbox, "Error_Notification_Email").await;
    assert_eq!(runtime["d"]["Status"], "ERROR");
    let error = client
        .get(api(
            &sandbox,
            "IntegrationRuntimeArtifacts('Error_Notification_Email')/ErrorInformation/$value",
        ))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let outer: Value = serde_json::from_str(&error).unwrap();
    assert_eq!(outer["message"]["subsytemPartName"], "CONTENT_DEPLOY");
    let inner: Value = serde_json::from_str(outer["parameter"][0].as_str().unwrap()).unwrap();
    assert!(
        inner["childMessageInstances"][0]["childMessageInstances"][0]["parameters"][0]
            .as_str()
            .unwrap()
            .contains("No credentials for 'smtp_cred' found")
    );
}

#[tokio::test]
async fn runtime_filters_allow_only_or_and_endpoints_expand() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;

    let (status, body) = get_json(
        &client,
        &bearer,
        &api(
            &sandbox,
            "IntegrationRuntimeArtifacts?$filter=Status eq 'ERROR' or Id eq 'VM_CountryCodes'",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["d"]["results"].as_array().unwrap().len(), 2);

    for refused in [
        "Status eq 'ERROR' and Type eq 'INTEGRATION_FLOW'",
        "DeployedOn gt datetime'2024-01-01T00:00:00'",
        "Status ne 'STARTED'",
        "substringof('Orders',Name)",
    ] {
        let (status, body) = get_json(
            &client,
            &bearer,
            &api(
                &sandbox,
                &format!("IntegrationRuntimeArtifacts?$filter={refused}"),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}: {body}");
        assert_eq!(body["error"]["code"], "Bad Request");
    }

    let (_, endpoints) = get_json(
        &client,
        &bearer,
        &api(&sandbox, "ServiceEndpoints?$expand=EntryPoints"),
    )
    .await;
    let endpoints = endpoints["d"]["results"].as_array().unwrap();
    assert!(!endpoints.is_empty());
    let url = endpoints[0]["EntryPoints"]["results"][0]["Url"]
        .as_str()
        .unwrap();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    // A flow in ERROR listens on nothing.
    assert!(endpoints
        .iter()
        .all(|e| e["Name"] != "Error Notification by E-Mail"));
}

#[tokio::test]
async fn message_logs_page_at_1000_with_next_links_and_filter_as_the_tenant_does() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;

    let count = client
        .get(api(&sandbox, "MessageProcessingLogs/$count"))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let count: usize = count.parse().unwrap();
    assert!((19_900..=20_100).contains(&count), "{count}");

    let (status, first) = get_json(
        &client,
        &bearer,
        &api(
            &sandbox,
            "MessageProcessingLogs?$inlinecount=allpages&$orderby=LogEnd desc",
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let d = &first["d"];
    assert_eq!(d["__count"], count.to_string());
    let rows = d["results"].as_array().unwrap();
    assert_eq!(rows.len(), 1000);
    let next = d["__next"].as_str().unwrap();
    assert!(
        next.contains("$skiptoken=1000") && next.contains("$orderby=LogEnd%20desc"),
        "{next}"
    );
    let newest = &rows[0];
    assert_eq!(
        newest["__metadata"]["type"],
        "com.sap.hci.api.MessageProcessingLog"
    );
    assert_eq!(newest["MessageGuid"].as_str().unwrap().len(), 28);
    assert_eq!(newest["ArchivingLogAttachments"], "false");
    assert!(newest["ErrorInformation"]["__deferred"]["uri"].is_string());

    let (_, second) = get_json(&client, &bearer, next).await;
    let second_rows = second["d"]["results"].as_array().unwrap();
    assert_eq!(second_rows.len(), 1000);
    assert_ne!(second_rows[0]["MessageGuid"], rows[0]["MessageGuid"]);
    let last_of_first = rows[999]["LogEnd"].as_str().unwrap().to_owned();
    let first_of_second = second_rows[0]["LogEnd"].as_str().unwrap().to_owned();
    let millis = |date: &str| -> i64 { date[6..date.len() - 2].parse().unwrap() };
    assert!(millis(&first_of_second) <= millis(&last_of_first));

    let (_, failed) = get_json(
        &client,
        &bearer,
        &api(&sandbox, "MessageProcessingLogs?$filter=Status eq 'FAILED' and LogEnd gt datetime'2000-01-01T00:00:00'&$inlinecount=allpages&$top=5"),
    )
    .await;
    let failed_count: usize = failed["d"]["__count"].as_str().unwrap().parse().unwrap();
    assert!(failed_count > 100 && failed_count < 2000, "{failed_count}");
    assert_eq!(failed["d"]["results"].as_array().unwrap().len(), 5);
    assert!(failed["d"].get("__next").is_none());
    assert!(failed["d"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["Status"] == "FAILED"));

    for refused in [
        "MessageGuid ne 'x'",
        "substringof('Order',IntegrationFlowName)",
        "LogEnd gt datetime'2024-01-01T00:00:00Z'",
        "Status eq FAILED",
        "Foo eq 'x'",
    ] {
        let (status, body) = get_json(
            &client,
            &bearer,
            &api(
                &sandbox,
                &format!("MessageProcessingLogs?$filter={refused}"),
            ),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
        assert!(
            error_text(&body).starts_with("Invalid filter expression"),
            "{refused}: {body}"
        );
    }
    let (status, _) = get_json(
        &client,
        &bearer,
        &api(&sandbox, "MessageProcessingLogs?$orderby=Sender"),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_failed_message_has_its_error_attachments_headers_runs_and_steps() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;
    let (_, failed) = get_json(
        &client,
        &bearer,
        &api(
            &sandbox,
            "MessageProcessingLogs?$filter=Status eq 'FAILED'&$top=1&$orderby=LogEnd desc",
        ),
    )
    .await;
    let message = &failed["d"]["results"][0];
    let guid = message["MessageGuid"].as_str().unwrap();
    let base = format!("MessageProcessingLogs('{guid}')");

    let error = client
        .get(api(&sandbox, &format!("{base}/ErrorInformation/$value")))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(error.headers()["content-type"], "text/plain");
    let text = error.text().await.unwrap();
    assert!(text.contains("Exception"), "{text}");

    let (_, single) = get_json(
        &client,
        &bearer,
        &api(&sandbox, &format!("{base}?$expand=CustomHeaderProperties")),
    )
    .await;
    let headers = single["d"]["CustomHeaderProperties"]["results"]
        .as_array()
        .unwrap();
    assert!(!headers.is_empty());
    let (name, value) = (
        headers[0]["Name"].as_str().unwrap().to_owned(),
        headers[0]["Value"].as_str().unwrap().to_owned(),
    );

    let (_, attachments) = get_json(
        &client,
        &bearer,
        &api(&sandbox, &format!("{base}/Attachments")),
    )
    .await;
    let attachments = attachments["d"]["results"].as_array().unwrap();
    assert!(attachments.iter().any(|a| a["Name"] == "Error response"));
    let attachment = &attachments[0];
    let size: usize = attachment["PayloadSize"].as_str().unwrap().parse().unwrap();
    let content = client
        .get(api(
            &sandbox,
            &format!(
                "MessageProcessingLogAttachments('{}')/$value",
                attachment["Id"].as_str().unwrap()
            ),
        ))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(content.len(), size);

    let (_, runs) = get_json(&client, &bearer, &api(&sandbox, &format!("{base}/Runs"))).await;
    let run_id = runs["d"]["results"][0]["Id"].as_str().unwrap().to_owned();
    let (_, steps) = get_json(
        &client,
        &bearer,
        &api(
            &sandbox,
            &format!("MessageProcessingLogRuns('{run_id}')/RunSteps"),
        ),
    )
    .await;
    let steps = steps["d"]["results"].as_array().unwrap();
    assert_eq!(steps.last().unwrap()["Status"], "FAILED");
    assert!(steps.last().unwrap()["Error"]
        .as_str()
        .unwrap()
        .contains("Exception"));

    // The custom header finds the message again, by the custom query option and by the set.
    let (_, by_header) = get_json(
        &client,
        &bearer,
        &api(&sandbox, &format!("MessageProcessingLogs?filterCustomHeaderProperties='{name}' eq '{value}'&$filter=Status eq 'FAILED'")),
    )
    .await;
    assert!(by_header["d"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["MessageGuid"] == guid));
    let (_, headers) = get_json(
        &client,
        &bearer,
        &api(&sandbox, &format!("MessageProcessingLogCustomHeaderProperties?$filter=Name eq '{name}' and Value eq '{value}'&$expand=Log")),
    )
    .await;
    assert!(headers["d"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["Log"]["MessageGuid"] == guid));

    // A completed message has no error information.
    let (_, completed) = get_json(
        &client,
        &bearer,
        &api(&sandbox, "MessageProcessingLogs?$filter=Status eq 'COMPLETED' and IntegrationFlowName eq 'PurchaseOrder_S4_to_Ariba'&$top=1"),
    )
    .await;
    let completed_guid = completed["d"]["results"][0]["MessageGuid"]
        .as_str()
        .unwrap();
    let (status, _) = get_json(
        &client,
        &bearer,
        &api(
            &sandbox,
            &format!("MessageProcessingLogs('{completed_guid}')/ErrorInformation"),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, stored) = get_json(
        &client,
        &bearer,
        &api(
            &sandbox,
            &format!("MessageProcessingLogs('{completed_guid}')/MessageStoreEntries"),
        ),
    )
    .await;
    let entry = stored["d"]["results"][0]["Id"].as_str().unwrap();
    let payload = client
        .get(api(
            &sandbox,
            &format!("MessageStoreEntries('{entry}')/$value"),
        ))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(payload.starts_with("<?xml"), "{payload}");

    let (status, _) = get_json(
        &client,
        &bearer,
        &api(&sandbox, "MessageProcessingLogs('AGnotAmessage')"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn new_messages_arrive_as_the_sandbox_clock_moves() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;
    let newest = |body: Value| {
        body["d"]["results"][0]["MessageGuid"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let url = api(
        &sandbox,
        "MessageProcessingLogs?$orderby=LogStart desc&$top=1",
    );
    let (_, before) = get_json(&client, &bearer, &url).await;
    sandbox.advance_clock(Duration::from_secs(600));
    let (_, after) = get_json(&client, &bearer, &url).await;
    assert_ne!(newest(before), newest(after));
}

#[tokio::test]
async fn partner_directory_parameters_are_created_read_changed_and_deleted() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;

    let (_, partners) = get_json(&client, &bearer, &api(&sandbox, "Partners")).await;
    assert!(partners["d"]["results"].as_array().unwrap().len() >= 12);

    // Binary parameters come 30 to a page.
    let (_, binaries) = get_json(
        &client,
        &bearer,
        &api(&sandbox, "BinaryParameters?$inlinecount=allpages"),
    )
    .await;
    assert_eq!(binaries["d"]["results"].as_array().unwrap().len(), 30);
    assert!(binaries["d"]["__next"]
        .as_str()
        .unwrap()
        .contains("$skiptoken=30"));
    let total: usize = binaries["d"]["__count"].as_str().unwrap().parse().unwrap();
    assert!(total > 30);

    let key = "StringParameters(Pid='SUPPLIER_X',Id='ReceiverAddress')";
    let created = client
        .post(api(&sandbox, "StringParameters"))
        .bearer_auth(&bearer)
        .header("accept", "application/json")
        .json(&serde_json::json!({"Pid": "SUPPLIER_X", "Id": "ReceiverAddress", "Value": "https://supplier-x.example/orders"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    let body: Value = created.json().await.unwrap();
    assert_eq!(body["d"]["__metadata"]["type"], "pd.StringParameter");

    let duplicate = client
        .post(api(&sandbox, "StringParameters"))
        .bearer_auth(&bearer)
        .json(&serde_json::json!({"Pid": "SUPPLIER_X", "Id": "ReceiverAddress", "Value": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(duplicate.status(), StatusCode::CONFLICT);

    let changed = client
        .put(api(&sandbox, key))
        .bearer_auth(&bearer)
        .json(&serde_json::json!({"Value": "https://supplier-x.example/v2/orders"}))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    let (_, read) = get_json(&client, &bearer, &api(&sandbox, key)).await;
    assert_eq!(read["d"]["Value"], "https://supplier-x.example/v2/orders");

    let (_, by_pid) = get_json(
        &client,
        &bearer,
        &api(&sandbox, "StringParameters?$filter=Pid eq 'SUPPLIER_X'"),
    )
    .await;
    assert_eq!(by_pid["d"]["results"].as_array().unwrap().len(), 1);

    let too_long = client
        .put(api(&sandbox, key))
        .bearer_auth(&bearer)
        .json(&serde_json::json!({"Value": "x".repeat(4001)}))
        .send()
        .await
        .unwrap();
    assert_eq!(too_long.status(), StatusCode::BAD_REQUEST);

    let binary_key = "BinaryParameters(Pid='SUPPLIER_X',Id='Mapping')";
    let uploaded = client
        .post(api(&sandbox, "BinaryParameters"))
        .bearer_auth(&bearer)
        .json(&serde_json::json!({"Pid": "SUPPLIER_X", "Id": "Mapping", "ContentType": "xsl", "Value": "PHhzbDpzdHlsZXNoZWV0Lz4="}))
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status(), StatusCode::CREATED);
    let (_, binary) = get_json(&client, &bearer, &api(&sandbox, binary_key)).await;
    assert_eq!(binary["d"]["Value"], "PHhzbDpzdHlsZXNoZWV0Lz4=");
    let not_base64 = client
        .put(api(&sandbox, binary_key))
        .bearer_auth(&bearer)
        .json(&serde_json::json!({"ContentType": "xsl", "Value": "not base64!"}))
        .send()
        .await
        .unwrap();
    assert_eq!(not_base64.status(), StatusCode::BAD_REQUEST);

    let deleted = client
        .delete(api(&sandbox, key))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let (status, _) = get_json(&client, &bearer, &api(&sandbox, key)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let partner_gone = client
        .delete(api(&sandbox, "Partners('SUPPLIER_X')"))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(partner_gone.status(), StatusCode::NO_CONTENT);
    let (status, _) = get_json(&client, &bearer, &api(&sandbox, binary_key)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn security_content_never_shows_secrets_and_keystore_entries_expire() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;

    let (_, credentials) = get_json(&client, &bearer, &api(&sandbox, "UserCredentials")).await;
    let credentials = credentials["d"]["results"].as_array().unwrap();
    assert!(!credentials.is_empty());
    assert!(credentials.iter().all(|c| c["Password"].is_null()));
    assert_eq!(
        credentials[0]["SecurityArtifactDescriptor"]["Status"],
        "DEPLOYED"
    );

    let (_, clients) = get_json(
        &client,
        &bearer,
        &api(&sandbox, "OAuth2ClientCredentials?$expand=CustomParameters"),
    )
    .await;
    let clients = clients["d"]["results"].as_array().unwrap();
    assert!(clients
        .iter()
        .all(|c| c["ClientSecret"].is_null() && c["CustomParameters"]["results"].is_array()));

    let created = client
        .post(api(&sandbox, "SecureParameters"))
        .bearer_auth(&bearer)
        .header("accept", "application/json")
        .json(&serde_json::json!({"Name": "NEW_TOKEN", "Description": "made by a test", "SecureParam": "s3cr3t"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::ACCEPTED);
    let (_, read) = get_json(
        &client,
        &bearer,
        &api(&sandbox, "SecureParameters('NEW_TOKEN')"),
    )
    .await;
    assert!(read["d"]["SecureParam"].is_null());

    let (_, entries) = get_json(&client, &bearer, &api(&sandbox, "KeystoreEntries")).await;
    let entries = entries["d"]["results"].as_array().unwrap();
    let now = chrono::Utc::now().timestamp_millis();
    let not_after = |entry: &Value| -> i64 {
        let text = entry["ValidNotAfter"].as_str().unwrap();
        text[6..text.len() - 2].parse().unwrap()
    };
    let expired: Vec<&Value> = entries.iter().filter(|e| not_after(e) < now).collect();
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0]["Validity"], "Expired");
    let soon = entries
        .iter()
        .filter(|e| (now..now + 30 * 86_400_000).contains(&not_after(e)))
        .count();
    assert!(soon >= 2, "{soon}");
    let hexalias = entries[0]["Hexalias"].as_str().unwrap();
    let alias = entries[0]["Alias"].as_str().unwrap();
    let decoded: String = (0..hexalias.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hexalias[i..i + 2], 16).unwrap() as char)
        .collect();
    assert_eq!(decoded, alias);
    let certificate = client
        .get(api(
            &sandbox,
            &format!("KeystoreEntries('{hexalias}')/Certificate/$value"),
        ))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(certificate.status(), StatusCode::OK);
}

#[tokio::test]
async fn log_files_list_filter_and_download() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;
    let (_, files) = get_json(
        &client,
        &bearer,
        &api(
            &sandbox,
            "LogFiles?$filter=LogFileType eq 'http'&$orderby=LastModified desc",
        ),
    )
    .await;
    let files = files["d"]["results"].as_array().unwrap();
    assert_eq!(files.len(), 7);
    // Yesterday's file: today's grows while the test runs.
    let name = files[1]["Name"].as_str().unwrap();
    let gz = client
        .get(api(
            &sandbox,
            &format!("LogFiles(Name='{name}',Application='iflmap')/$value"),
        ))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert!(gz.starts_with(&[0x1f, 0x8b]));
    assert_eq!(gz.len().to_string(), files[1]["Size"].as_str().unwrap());
    let archive = client
        .get(api(
            &sandbox,
            "LogFileArchives(Scope='all',LogFileType='trace',NodeScope='worker')/$value",
        ))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(archive.headers()["content-type"], "application/zip");
    assert!(archive.bytes().await.unwrap().starts_with(b"PK"));
}

#[tokio::test]
async fn faults_reach_the_tenant_too() {
    let sandbox = tenant().await;
    let client = cookie_client();
    let bearer = token(&sandbox, &client).await;

    let throttled = client
        .get(api(&sandbox, "IntegrationPackages"))
        .bearer_auth(&bearer)
        .header(sandbox::FAULT_HEADER, "too-many-requests=7")
        .send()
        .await
        .unwrap();
    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(throttled.headers()["retry-after"], "7");

    let expired = client
        .get(api(&sandbox, "IntegrationPackages"))
        .bearer_auth(&bearer)
        .header(sandbox::FAULT_HEADER, "token-expired")
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status(), StatusCode::UNAUTHORIZED);
    let again = client
        .get(api(&sandbox, "IntegrationPackages"))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.status(),
        StatusCode::UNAUTHORIZED,
        "an expired token stays expired"
    );

    // Server-wide: tokens live for 2 requests; a 5xx page every 3rd request.
    sandbox.faults().set(sandbox::FaultConfig {
        token_expiry: Some(sandbox::Expiry {
            after_requests: Some(2),
            after_seconds: None,
        }),
        ..sandbox::FaultConfig::default()
    });
    let bearer = token(&sandbox, &client).await;
    for expected in [StatusCode::OK, StatusCode::OK, StatusCode::UNAUTHORIZED] {
        let response = client
            .get(api(&sandbox, "IntegrationPackages"))
            .bearer_auth(&bearer)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), expected);
    }
    sandbox.faults().clear();

    // A stale CSRF token of a Basic session is refused with Required, a fresh fetch works.
    let fetch = |client: Client, url: String| async move {
        client
            .get(url)
            .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
            .header("x-csrf-token", "Fetch")
            .send()
            .await
            .unwrap()
            .headers()["x-csrf-token"]
            .to_str()
            .unwrap()
            .to_owned()
    };
    let csrf = fetch(
        client.clone(),
        format!("{}/", sandbox.cloud_integration_url()),
    )
    .await;
    let stale = client
        .delete(api(&sandbox, "IntegrationPackages('ZFinanceBanking')"))
        .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
        .header("x-csrf-token", &csrf)
        .header(sandbox::FAULT_HEADER, "csrf-expired")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::FORBIDDEN);
    assert_eq!(stale.headers()["x-csrf-token"], "Required");
    let csrf = fetch(
        client.clone(),
        format!("{}/", sandbox.cloud_integration_url()),
    )
    .await;
    let deleted = client
        .delete(api(&sandbox, "IntegrationPackages('ZFinanceBanking')"))
        .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
        .header("x-csrf-token", &csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::ACCEPTED);
    // Deleting is asynchronous: the package is there until the tenant is done.
    let still = client
        .get(api(&sandbox, "IntegrationPackages('ZFinanceBanking')"))
        .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(still.status(), StatusCode::OK);
    sandbox.advance_clock(Duration::from_secs(3));
    let gone = client
        .get(api(&sandbox, "IntegrationPackages('ZFinanceBanking')"))
        .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NOT_FOUND);

    let error_page = client
        .get(api(&sandbox, "IntegrationPackages"))
        .bearer_auth(token(&sandbox, &client).await)
        .header(sandbox::FAULT_HEADER, "server-error=503")
        .send()
        .await
        .unwrap();
    assert_eq!(error_page.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(error_page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
}

#[tokio::test]
async fn message_logs_in_atom_carry_the_complex_artifact() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;
    let xml = client
        .get(api(
            &sandbox,
            "MessageProcessingLogs?$top=2&$inlinecount=allpages",
        ))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(xml.contains("<m:count>"), "{xml}");
    assert!(
        xml.contains(
            "<d:IntegrationArtifact m:type=\"com.sap.hci.api.IntegrationArtifact\"><d:Id>"
        ),
        "{xml}"
    );
    assert!(xml.contains("m:type=\"Edm.DateTime\""));
}

#[tokio::test]
async fn head_fetches_a_token_select_is_checked_and_versions_only_go_up() {
    let sandbox = tenant().await;
    let client = cookie_client();
    let head = client
        .head(format!("{}/", sandbox.cloud_integration_url()))
        .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
        .header("x-csrf-token", "Fetch")
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), StatusCode::OK);
    let csrf = head.headers()["x-csrf-token"].to_str().unwrap().to_owned();
    let save = |version: &'static str| {
        client
            .post(api(
                &sandbox,
                &format!("IntegrationDesigntimeArtifactSaveAsVersion?Id='ExchangeRates_ECB_to_S4'&SaveAsVersion='{version}'"),
            ))
            .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
            .header("x-csrf-token", &csrf)
            .header("accept", "application/json")
            .send()
    };
    let saved = save("1.0.2").await.unwrap();
    assert_eq!(saved.status(), StatusCode::OK);
    let body: Value = saved.json().await.unwrap();
    assert_eq!(body["d"]["Version"], "1.0.2");
    assert_eq!(body["d"]["ModifiedBy"], DEMO_USER);
    assert_eq!(
        save("1.0.1").await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );

    let selected = client
        .get(api(
            &sandbox,
            "IntegrationRuntimeArtifacts?$select=Id,Status&$format=json",
        ))
        .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
        .send()
        .await
        .unwrap();
    let body: Value = selected.json().await.unwrap();
    let first = body["d"]["results"][0].as_object().unwrap();
    assert_eq!(first.len(), 3, "{first:?}");
    let unknown = client
        .get(api(
            &sandbox,
            "IntegrationRuntimeArtifacts?$select=Nope&$format=json",
        ))
        .basic_auth(DEMO_USER, Some(DEMO_PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_control_endpoint_reports_token_requests() {
    let sandbox = tenant().await;
    let client = plain_client();
    token(&sandbox, &client).await;
    token(&sandbox, &client).await;
    let url = format!(
        "{}{}",
        sandbox.base_url().trim_end_matches('/'),
        sandbox::cloud_integration::STATS_PATH
    );
    let refused = client.get(&url).send().await.unwrap();
    assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
    let stats: Value = client
        .get(&url)
        .bearer_auth(sandbox.fault_token().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats["token_requests"], 2);
}

#[tokio::test]
async fn hostile_paths_and_options_get_a_4xx_never_a_5xx_or_a_dropped_connection() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;
    for resource in [
        "IntegrationPackages('",
        "IntegrationPackages(Id='x'",
        "IntegrationPackages('a'')",
        "IntegrationPackages(%FF)",
        "IntegrationPackages('ZOrderToCash')/Nope",
        "IntegrationPackages('ZOrderToCash')/IntegrationDesigntimeArtifacts(Id='x')",
        "IntegrationDesigntimeArtifacts(Id='x')",
        "IntegrationDesigntimeArtifacts('x','y')",
        "IntegrationDesigntimeArtifacts(Id=1,Version=2)",
        "BuildAndDeployStatus(TaskId=guid'00000000-0000-0000-0000-000000000000')",
        "IntegrationRuntimeArtifacts('x')/ErrorInformation/$value/more",
        "MessageProcessingLogs('AG')",
        "MessageProcessingLogs('AGAAAAAAAAAAAAAAAAAAAAAAAAAA')/Attachments",
        "MessageProcessingLogAttachments('sap-it-res:msg:x:99999999999999999999')/$value",
        "MessageProcessingLogRuns('x-R18446744073709551615')/RunSteps",
        "MessageProcessingLogCustomHeaderProperties('-H')",
        "MessageStoreEntries('sap-it-res:msg::Persist_1')/$value",
        "StringParameters(Pid='a')",
        "BinaryParameters(Pid='a',Id='b',X='c')",
        "KeystoreEntries('ZZ')/Certificate/$value",
        "LogFiles(Name='../../etc/passwd',Application='iflmap')/$value",
        "LogFileArchives(Scope='all',LogFileType='x',NodeScope='worker')/$value",
        "MessageProcessingLogs?$top=-1",
        "MessageProcessingLogs?$skiptoken=99999999999999999999",
        "MessageProcessingLogs?$skip=18446744073709551615&$top=18446744073709551615",
        "MessageProcessingLogs?$filter=((((((((((((((((((((((((((((((((((((Status eq 'A'",
        "MessageProcessingLogs?$filter=LogEnd gt datetime'9999-99-99T99:99:99'",
        "MessageProcessingLogs?filterCustomHeaderProperties=nonsense",
        "MessageProcessingLogs?$inlinecount=some",
        "MessageProcessingLogs?$orderby=",
        "MessageProcessingLogs?$expand=Runs",
        "MessageProcessingLogs?$bogus=1",
        "IntegrationRuntimeArtifacts?$select=",
        "DeployIntegrationDesigntimeArtifact?Id='x'&Version='active'",
        "LogFileArchives(Scope='all',LogFileType='http',NodeScope='worker')/$value?ModifiedAfter=yesterday",
    ] {
        let response = client
            .get(api(&sandbox, resource))
            .bearer_auth(&bearer)
            .send()
            .await
            .unwrap_or_else(|error| panic!("{resource}: {error}"));
        let status = response.status();
        assert!(status.is_client_error() || status.is_success(), "{resource}: {status}");
    }
}

#[tokio::test]
async fn a_user_without_the_roles_gets_403_with_a_null_message() {
    use sandbox::cloud_integration::{MONITOR_PASSWORD, MONITOR_USER};
    let sandbox = tenant().await;
    let client = cookie_client();
    let get = |resource: String| {
        client
            .get(api(&sandbox, &resource))
            .basic_auth(MONITOR_USER, Some(MONITOR_PASSWORD))
            .header("accept", "application/json")
            .send()
    };
    let logs = get("MessageProcessingLogs?$filter=Status eq 'FAILED'&$top=1".into())
        .await
        .unwrap();
    assert_eq!(logs.status(), StatusCode::OK);
    let body: Value = logs.json().await.unwrap();
    let guid = body["d"]["results"][0]["MessageGuid"]
        .as_str()
        .unwrap()
        .to_owned();
    let (_, attachments) = {
        let response = get(format!("MessageProcessingLogs('{guid}')/Attachments"))
            .await
            .unwrap();
        (response.status(), response.json::<Value>().await.unwrap())
    };
    let id = attachments["d"]["results"][0]["Id"]
        .as_str()
        .unwrap()
        .to_owned();
    for refused in [
        format!("MessageProcessingLogAttachments('{id}')/$value"),
        "IntegrationPackages".to_owned(),
    ] {
        let response = get(refused.clone()).await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{refused}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["error"]["code"], "Forbidden");
        assert!(body["error"]["message"]["value"].is_null(), "{body}");
    }
}

#[tokio::test]
async fn deploying_the_missing_credential_cures_the_flow_in_error() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;
    let redeploy = || async {
        client
            .post(api(&sandbox, "DeployIntegrationDesigntimeArtifact?Id='Error_Notification_Email'&Version='active'"))
            .bearer_auth(&bearer)
            .send()
            .await
            .unwrap()
            .status()
    };
    assert_eq!(redeploy().await, StatusCode::ACCEPTED);
    sandbox.advance_clock(Duration::from_secs(7));
    let (_, runtime) = runtime_status(&client, &bearer, &sandbox, "Error_Notification_Email").await;
    assert_eq!(runtime["d"]["Status"], "ERROR");

    let created = client
        .post(api(&sandbox, "UserCredentials"))
        .bearer_auth(&bearer)
        .json(&serde_json::json!({"Name": "smtp_cred", "Kind": "default", "User": "notify@example.com", "Password": "app-password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::ACCEPTED);
    assert_eq!(redeploy().await, StatusCode::ACCEPTED);
    sandbox.advance_clock(Duration::from_secs(7));
    let (_, runtime) = runtime_status(&client, &bearer, &sandbox, "Error_Notification_Email").await;
    assert_eq!(runtime["d"]["Status"], "STARTED");
}

#[tokio::test]
async fn reset_brings_the_seeded_content_back_and_keeps_tokens() {
    let sandbox = tenant().await;
    let client = plain_client();
    let bearer = token(&sandbox, &client).await;
    let deleted = client
        .delete(api(&sandbox, "IntegrationPackages('ZHRMasterData')"))
        .bearer_auth(&bearer)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::ACCEPTED);
    sandbox.advance_clock(Duration::from_secs(3));
    let (gone, _) = get_json(
        &client,
        &bearer,
        &api(&sandbox, "IntegrationPackages('ZHRMasterData')"),
    )
    .await;
    assert_eq!(gone, StatusCode::NOT_FOUND);
    sandbox.reset();
    let (back, _) = get_json(
        &client,
        &bearer,
        &api(&sandbox, "IntegrationPackages('ZHRMasterData')"),
    )
    .await;
    assert_eq!(back, StatusCode::OK);
    assert_eq!(sandbox.cloud_integration_token_requests(), 1);
}
