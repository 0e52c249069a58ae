//! The service over real HTTP on loopback, without the logon layers (the sandbox's own
//! tests and the focused-build client's tests cover it behind them).

use std::collections::HashSet;

use serde_json::{json, Value};

use super::metadata::property_names;
use super::{router, router_with, FocusedBuildConfig};

const MOUNT: &str = "/sap/opu/odata/SALM/EXT_DEVOPS_INTEG_SRV";

struct Server {
    root: String,
    http: reqwest::Client,
}

async fn start(service: axum::Router) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new().nest(MOUNT, service);
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    Server {
        root: format!("http://{addr}{MOUNT}/"),
        http: reqwest::Client::new(),
    }
}

impl Server {
    async fn get(&self, path: &str) -> (u16, String, String) {
        let response = self
            .http
            .get(format!("{}{path}", self.root))
            .header("Accept", "application/json")
            .send()
            .await
            .unwrap();
        split(response).await
    }

    async fn get_json(&self, path: &str) -> (u16, Value) {
        let (status, _, body) = self.get(path).await;
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    async fn post_json(&self, path: &str, body: &Value) -> (u16, Value) {
        let response = self
            .http
            .post(format!("{}{path}", self.root))
            .header("Accept", "application/json")
            .header("Content-Type", "application/json")
            .body(body.to_string())
            .send()
            .await
            .unwrap();
        let (status, _, body) = split(response).await;
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    async fn change_status(&self, guid: &str, status: &str) -> (u16, Value) {
        let response = self
            .http
            .post(format!(
                "{}ChangeStatus?userStatus='{status}'&guid=guid'{guid}'",
                self.root
            ))
            .header("Accept", "application/json")
            .send()
            .await
            .unwrap();
        let (status, _, body) = split(response).await;
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    /// The seeded work items, by listing the set.
    async fn items(&self) -> Vec<Value> {
        let (status, body) = self.get_json("WorkItemSet").await;
        assert_eq!(status, 200);
        body["d"]["results"].as_array().unwrap().clone()
    }

    async fn first_item(&self, process_type: &str, status: &str) -> String {
        self.items()
            .await
            .into_iter()
            .find(|item| item["processType"] == process_type && item["userStatus"] == status)
            .and_then(|item| item["guid"].as_str().map(str::to_owned))
            .unwrap_or_else(|| panic!("no seeded {process_type} item in {status}"))
    }
}

async fn split(response: reqwest::Response) -> (u16, String, String) {
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (status, content_type, response.text().await.unwrap())
}

fn error_code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or_default()
}

fn error_message(body: &Value) -> &str {
    body["error"]["message"]["value"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn seeded_items_cover_process_types_and_statuses() {
    let server = start(router()).await;
    let items = server.items().await;
    assert_eq!(items.len(), 25);
    let types: HashSet<&str> = items
        .iter()
        .filter_map(|i| i["processType"].as_str())
        .collect();
    assert_eq!(types, HashSet::from(["S1MJ", "S1HF", "S1CG"]));
    let statuses: HashSet<&str> = items
        .iter()
        .filter_map(|i| i["userStatus"].as_str())
        .collect();
    for status in [
        "E0002", "E0004", "E0009", "E0010", "E0011", "E0012", "E0013", "E0014", "E0015", "E0016",
        "E0017", "E0001", "E0003",
    ] {
        assert!(statuses.contains(status), "{status}");
    }
    let guids: HashSet<&str> = items.iter().filter_map(|i| i["guid"].as_str()).collect();
    assert_eq!(guids.len(), 25, "GUIDs are unique");
    let (_, counted) = server
        .get_json("WorkItemSet?$top=5&$skip=20&$inlinecount=allpages")
        .await;
    assert_eq!(counted["d"]["__count"], "25");
    assert_eq!(counted["d"]["results"].as_array().unwrap().len(), 5);
}

#[tokio::test]
async fn json_properties_are_the_ones_metadata_declares() {
    let server = start(router()).await;
    let (status, content_type, edmx) = server.get("$metadata").await;
    assert_eq!(status, 200);
    assert!(
        content_type.starts_with("application/xml"),
        "{content_type}"
    );
    for needle in [
        "<EntityType Name=\"WorkItem\"",
        "m:HasStream=\"true\"",
        "<NavigationProperty Name=\"toWIText\"",
        "<FunctionImport Name=\"ChangeStatus\"",
        "m:HttpMethod=\"POST\"",
        "<EntitySet Name=\"WorkItemSet\"",
    ] {
        assert!(edmx.contains(needle), "{needle}");
    }
    let guid = server.first_item("S1MJ", "E0017").await;
    let (_, body) = server
        .get_json(&format!("WorkItemSet(guid'{guid}')?$expand=toWIActualRelease,toWIAttachment,toWIText,toWICategory"))
        .await;
    let item = &body["d"];
    assert_eq!(
        item["__metadata"]["type"],
        "/SALM/EXT_DEVOPS_INTEG_SRV.WorkItem"
    );
    let check = |entity: &Value, entity_type: &str| {
        let declared = property_names(entity_type);
        for key in entity.as_object().unwrap().keys() {
            if key != "__metadata" && !key.starts_with("toWI") {
                assert!(
                    declared.contains(&key.as_str()),
                    "{entity_type}.{key} not in $metadata"
                );
            }
        }
        for property in &declared {
            assert!(
                entity.get(*property).is_some(),
                "{entity_type}.{property} missing in JSON"
            );
        }
    };
    check(item, "WorkItem");
    check(&item["toWIActualRelease"], "WorkItemRelease");
    check(&item["toWIText"]["results"][0], "WorkItemText");
    check(&item["toWIAttachment"]["results"][0], "WorkItemAttachment");
    check(&item["toWICategory"]["results"][0], "WorkItemCategory");
    assert!(item["createdAt"].as_str().unwrap().starts_with("/Date("));
}

#[tokio::test]
async fn keys_in_both_spellings_and_deferred_navigation() {
    let server = start(router()).await;
    let guid = server.first_item("S1MJ", "E0002").await;
    let (status, short) = server.get_json(&format!("WorkItemSet(guid'{guid}')")).await;
    assert_eq!(status, 200);
    let upper = guid.to_ascii_uppercase();
    let (_, named) = server
        .get_json(&format!("WorkItemSet(guid=guid'{upper}')"))
        .await;
    assert_eq!(short, named);
    let deferred = short["d"]["toWIText"]["__deferred"]["uri"]
        .as_str()
        .unwrap();
    assert_eq!(
        deferred,
        format!("{}WorkItemSet(guid'{guid}')/toWIText", server.root)
    );
    let (status, texts) = server
        .get_json(&format!("WorkItemSet(guid'{guid}')/toWIText"))
        .await;
    assert_eq!(status, 200);
    assert!(!texts["d"]["results"].as_array().unwrap().is_empty());

    let (status, bad) = server
        .get_json("WorkItemSet(guid'0050568B3F1C1EDAA8C22D3F4E5A6B7C')")
        .await;
    assert_eq!(status, 400, "a GUID literal needs dashes");
    assert!(error_message(&bad).contains("Invalid GUID literal"));
    let (status, missing) = server
        .get_json("WorkItemSet(guid'00000000-0000-0000-0000-000000000000')")
        .await;
    assert_eq!(status, 404);
    assert_eq!(error_code(&missing), "/IWBEP/CM_MGW_RT/020");
    let (status, unknown_nav) = server
        .get_json(&format!("WorkItemSet(guid'{guid}')?$expand=toWIPartner"))
        .await;
    assert_eq!(status, 400);
    assert!(error_message(&unknown_nav).contains("toWIPartner"));
}

#[tokio::test]
async fn errors_are_xml_unless_json_was_asked_for() {
    let server = start(router()).await;
    let response = server
        .http
        .get(format!(
            "{}WorkItemSet(guid'00000000-0000-0000-0000-000000000000')",
            server.root
        ))
        .send()
        .await
        .unwrap();
    let (status, content_type, body) = split(response).await;
    assert_eq!(status, 404);
    assert!(content_type.starts_with("application/xml"));
    assert!(body.contains("<code>/IWBEP/CM_MGW_RT/020</code>"), "{body}");
    // The sandbox routes the service URL with its trailing slash to the nested root.
    let service_root = server.root.trim_end_matches('/').to_owned();
    let response = server.http.get(&service_root).send().await.unwrap();
    let (status, content_type, service_doc) = split(response).await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("application/atomsvc+xml"));
    assert!(
        service_doc.contains("<app:collection href=\"WorkItemSet\">"),
        "{service_doc}"
    );
    let response = server
        .http
        .get(format!("{service_root}?$format=json"))
        .send()
        .await
        .unwrap();
    let (_, _, json_doc) = split(response).await;
    let json_doc: Value = serde_json::from_str(&json_doc).unwrap();
    assert_eq!(json_doc["d"]["EntitySets"][0], "WorkItemSet");
}

#[tokio::test]
async fn the_transition_table_decides_status_changes() {
    let server = start(router()).await;
    let guid = server.first_item("S1MJ", "E0002").await;
    let (status, forbidden) = server.change_status(&guid, "E0016").await;
    assert_eq!(status, 400);
    assert_eq!(error_code(&forbidden), "/SALM/EXT_DEVOPS/012");
    let message = error_message(&forbidden);
    assert!(
        message.contains("In Development (E0002)") && message.contains("Completed (E0016)"),
        "{message}"
    );
    assert_eq!(
        forbidden["error"]["innererror"]["errordetails"][0]["code"],
        "/SALM/EXT_DEVOPS/012"
    );

    let (status, changed) = server.change_status(&guid, "E0004").await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["d"]["userStatus"], "E0004");
    assert_eq!(changed["d"]["userStatusText"], "To Be Tested");
    let (_, reread) = server.get_json(&format!("WorkItemSet(guid'{guid}')")).await;
    assert_eq!(reread["d"]["userStatus"], "E0004");

    let (status, unknown) = server.change_status(&guid, "E0099").await;
    assert_eq!(status, 400);
    assert_eq!(error_code(&unknown), "/SALM/EXT_DEVOPS/011");
    let (status, _) = server
        .change_status("00000000-0000-0000-0000-000000000000", "E0004")
        .await;
    assert_eq!(status, 404);

    // The general change has its own numbering: E0014 is "In Development" there.
    let general = server.first_item("S1CG", "E0001").await;
    let (status, body) = server.change_status(&general, "E0014").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["d"]["userStatusText"], "In Development");

    let unquoted = server
        .http
        .post(format!(
            "{}ChangeStatus?userStatus=E0004&guid=guid'{guid}'",
            server.root
        ))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(unquoted.status().as_u16(), 400);
    let get = server
        .get(&format!(
            "ChangeStatus?userStatus='E0009'&guid=guid'{guid}'"
        ))
        .await;
    assert_eq!(get.0, 405);
}

#[tokio::test]
async fn a_custom_transition_table_is_used() {
    let mut config = FocusedBuildConfig::default();
    for profile in &mut config.status_profiles {
        profile.transitions.push(("E0002".into(), "E0016".into()));
    }
    let server = start(router_with(config)).await;
    let guid = server.first_item("S1MJ", "E0002").await;
    let (status, body) = server.change_status(&guid, "E0016").await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn texts_are_appended_and_never_changed() {
    let server = start(router()).await;
    let guid = server.first_item("S1HF", "E0004").await;
    let path = format!("WorkItemSet(guid'{guid}')/toWIText");
    let (_, before) = server.get_json(&path).await;
    let count = before["d"]["results"].as_array().unwrap().len();
    let (status, created) = server
        .post_json(
            &path,
            &json!({"textType": "S105", "isRichText": false, "textContent": "Build 812 passed"}),
        )
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["d"]["textTypeText"], "Comment");
    assert_eq!(created["d"]["createdBy"], "ANONYMOUS");
    let (_, after) = server.get_json(&path).await;
    let texts = after["d"]["results"].as_array().unwrap();
    assert_eq!(texts.len(), count + 1);
    assert_eq!(texts[count]["textContent"], "Build 812 passed");

    let (status, bad_type) = server
        .post_json(&path, &json!({"textType": "Z999", "textContent": "x"}))
        .await;
    assert_eq!(status, 400);
    assert_eq!(error_code(&bad_type), "/SALM/EXT_DEVOPS/021");
    assert!(error_message(&bad_type).contains("Z999"));
    let (status, unknown_property) = server
        .post_json(&path, &json!({"textType": "S105", "text": "x"}))
        .await;
    assert_eq!(status, 400);
    assert!(error_message(&unknown_property).contains("'text'"));

    let text_uri = created["d"]["__metadata"]["uri"]
        .as_str()
        .unwrap()
        .to_owned();
    let update = server
        .http
        .put(&text_uri)
        .header("Accept", "application/json")
        .body(json!({"textContent": "changed"}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(update.status().as_u16(), 501);
    let delete = server.http.delete(&text_uri).send().await.unwrap();
    assert_eq!(delete.status().as_u16(), 501);
    let (status, reread) = server
        .get_json(text_uri.trim_start_matches(&server.root))
        .await;
    assert_eq!(status, 200);
    assert_eq!(reread["d"]["textContent"], "Build 812 passed");
}

#[tokio::test]
async fn attachments_upload_as_json_or_media_and_download_as_value() {
    let server = start(router()).await;
    let guid = server.first_item("S1MJ", "E0004").await;
    let path = format!("WorkItemSet(guid'{guid}')/toWIAttachment");
    let (status, created) = server
        .post_json(&path, &json!({"fileName": "unit-tests.xml", "mimeType": "application/xml", "fileContent": "PHRlc3RzLz4="}))
        .await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["d"]["fileSize"], 8);
    let media = created["d"]["__metadata"]["media_src"]
        .as_str()
        .unwrap()
        .to_owned();
    let download = server.http.get(&media).send().await.unwrap();
    assert_eq!(download.headers()["content-type"], "application/xml");
    assert_eq!(download.bytes().await.unwrap().as_ref(), b"<tests/>");

    let raw = server
        .http
        .post(format!("{}{path}", server.root))
        .header("Accept", "application/json")
        .header("Content-Type", "image/png")
        .header("slug", "screen.png")
        .body(vec![0x89, b'P', b'N', b'G'])
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status().as_u16(), 201);
    let (_, listed) = server.get_json(&path).await;
    let names: Vec<&str> = listed["d"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["fileName"].as_str())
        .collect();
    assert!(
        names.contains(&"unit-tests.xml") && names.contains(&"screen.png"),
        "{names:?}"
    );

    let (status, bad) = server
        .post_json(
            &path,
            &json!({"fileName": "a.bin", "fileContent": "not base64!"}),
        )
        .await;
    assert_eq!(status, 400);
    assert!(error_message(&bad).contains("fileContent"));
}

#[tokio::test]
async fn data_is_atom_unless_json_was_asked_for() {
    let server = start(router()).await;
    let guid = server.first_item("S1MJ", "E0004").await;
    let entry_url = format!(
        "{}WorkItemSet(guid'{guid}')?$expand=toWIText,toWIActualRelease",
        server.root
    );
    let response = server.http.get(&entry_url).send().await.unwrap();
    let (status, content_type, entry) = split(response).await;
    assert_eq!(status, 200);
    assert!(
        content_type.starts_with("application/atom+xml;type=entry"),
        "{content_type}"
    );
    for needle in [
        "<entry xml:base=",
        "<category term=\"/SALM/EXT_DEVOPS_INTEG_SRV.WorkItem\"",
        "<d:userStatus>E0004</d:userStatus>",
        "<d:guid m:type=\"Edm.Guid\">",
        "rel=\"http://schemas.microsoft.com/ado/2007/08/dataservices/related/toWIText\"",
        "<m:inline><feed>",
        "<d:textType>S115</d:textType>",
        "<d:goLiveDate m:type=\"Edm.DateTime\">2025-",
        "title=\"toWIAttachment\"/>",
    ] {
        assert!(entry.contains(needle), "{needle} missing in {entry}");
    }
    assert_eq!(
        entry.matches("<entry").count(),
        entry.matches("</entry>").count()
    );

    let response = server
        .http
        .get(format!(
            "{}WorkItemSet?$top=3&$inlinecount=allpages",
            server.root
        ))
        .send()
        .await
        .unwrap();
    let (_, content_type, feed) = split(response).await;
    assert!(content_type.starts_with("application/atom+xml;type=feed"));
    assert!(feed.contains("<m:count>25</m:count>"));
    assert_eq!(feed.matches("</entry>").count(), 3);

    // The blog's pipeline step: no Accept header, so the changed item comes back as Atom.
    let response = server
        .http
        .post(format!(
            "{}ChangeStatus?userStatus='E0017'&guid=guid'{guid}'",
            server.root
        ))
        .header("Content-Type", "application/json")
        .send()
        .await
        .unwrap();
    let (status, _, changed) = split(response).await;
    assert_eq!(status, 200);
    assert!(
        changed.contains("<d:userStatus>E0017</d:userStatus>"),
        "{changed}"
    );
    assert!(changed.contains("<d:userStatusText>To Be Corrected</d:userStatusText>"));

    let attachment = server
        .http
        .post(format!(
            "{}WorkItemSet(guid'{guid}')/toWIAttachment",
            server.root
        ))
        .header("Content-Type", "text/plain")
        .header("slug", "log.txt")
        .body("ok")
        .send()
        .await
        .unwrap();
    let (status, _, media) = split(attachment).await;
    assert_eq!(status, 201);
    assert!(
        media.contains("rel=\"edit-media\" type=\"text/plain\""),
        "{media}"
    );
    assert!(
        media.contains("<content type=\"text/plain\" src=\""),
        "{media}"
    );
}
