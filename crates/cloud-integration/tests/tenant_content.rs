//! Integration content, deploy and runtime against the simulated tenant over loopback.

mod support;

use cloud_integration::{
    ArtifactKind, BuildStatus, ConfigurationChange, DesigntimeArtifact, NewPackage, RuntimeFilter,
};
use sap_http::SapError;
use support::*;

fn status_of(error: &SapError) -> Option<u16> {
    match error {
        SapError::Sap { status, .. } | SapError::HttpStatus { status, .. } => Some(*status),
        _ => None,
    }
}

#[tokio::test]
async fn packages_list_and_read_one() {
    let fixture = start().await;
    let packages = fixture.client.packages().await.unwrap();
    assert!(packages.len() >= 3, "{packages:?}");
    let first = &packages[0];
    assert!(
        first.created_at.is_some() && first.modified_at.is_some(),
        "{first:?}"
    );
    let read = fixture.client.package(&first.id).await.unwrap();
    assert_eq!(&read, first);
    let missing = fixture.client.package("No.Such.Package").await.unwrap_err();
    assert_eq!(status_of(&missing), Some(404), "{missing:?}");
}

#[tokio::test]
async fn a_package_is_created_refused_twice_and_deleted() {
    let fixture = start().await;
    let new = NewPackage {
        id: "AgentDesk.Test".into(),
        name: "Agent Desk test package".into(),
        short_text: "Created by a loopback test".into(),
        description: None,
        version: None,
        vendor: None,
    };
    let created = fixture.client.create_package(&new).await.unwrap();
    assert_eq!(
        (created.id.as_str(), created.name.as_str()),
        ("AgentDesk.Test", "Agent Desk test package")
    );
    let again = fixture.client.create_package(&new).await.unwrap_err();
    assert_eq!(status_of(&again), Some(409), "{again:?}");
    fixture
        .client
        .delete_package("AgentDesk.Test")
        .await
        .unwrap();
    let client = fixture.client.clone();
    eventually("the deleted package is gone", || {
        let client = client.clone();
        async move {
            matches!(client.package("AgentDesk.Test").await, Err(e) if status_of(&e) == Some(404))
        }
    })
    .await;
    let bad = NewPackage {
        id: "has space".into(),
        ..new
    };
    assert!(
        matches!(fixture.client.create_package(&bad).await, Err(SapError::Config { field, .. }) if field == "id")
    );
}

async fn all_artifacts(fixture: &Fixture) -> Vec<DesigntimeArtifact> {
    let mut all = Vec::new();
    for package in fixture.client.packages().await.unwrap() {
        all.extend(fixture.client.package_artifacts(&package.id).await.unwrap());
    }
    all
}

#[tokio::test]
async fn artifacts_of_every_kind_with_version_and_change() {
    let fixture = start().await;
    let artifacts = all_artifacts(&fixture).await;
    for kind in ArtifactKind::ALL {
        let of_kind: Vec<_> = artifacts.iter().filter(|a| a.kind == kind).collect();
        assert!(!of_kind.is_empty(), "no {kind:?}");
        assert!(of_kind
            .iter()
            .all(|a| !a.version.is_empty() && a.package_id.is_some()));
        assert!(
            of_kind
                .iter()
                .any(|a| a.modified_by.is_some() && a.modified_at.is_some()),
            "{kind:?}"
        );
    }
    let flow = artifacts
        .iter()
        .find(|a| a.kind == ArtifactKind::IntegrationFlow)
        .unwrap();
    let read = fixture
        .client
        .artifact(flow.kind, &flow.id, "active")
        .await
        .unwrap();
    assert_eq!(read.id, flow.id);
}

#[tokio::test]
async fn artifact_and_package_zips_are_saved() {
    let fixture = start().await;
    let artifacts = all_artifacts(&fixture).await;
    let packages = fixture.client.packages().await.unwrap();
    let editable: Vec<_> = packages
        .iter()
        .filter(|p| p.mode.as_deref() != Some("READ_ONLY"))
        .collect();
    let flow = artifacts
        .iter()
        .find(|a| {
            a.kind == ArtifactKind::IntegrationFlow
                && editable
                    .iter()
                    .any(|p| Some(&p.id) == a.package_id.as_ref())
        })
        .unwrap();
    let mut zip = Vec::new();
    let saved = fixture
        .client
        .save_artifact(flow.kind, &flow.id, "active", &mut zip)
        .await
        .unwrap();
    assert!(zip.starts_with(b"PK"), "not a zip");
    assert_eq!(saved.bytes, zip.len() as f64);
    let mut package_zip = Vec::new();
    fixture
        .client
        .save_package(editable[0].id.as_str(), &mut package_zip)
        .await
        .unwrap();
    assert!(package_zip.starts_with(b"PK"));
    if let Some(read_only) = packages
        .iter()
        .find(|p| p.mode.as_deref() == Some("READ_ONLY"))
    {
        let locked = artifacts.iter().find(|a| {
            a.package_id.as_deref() == Some(read_only.id.as_str())
                && a.kind == ArtifactKind::IntegrationFlow
        });
        if let Some(locked) = locked {
            let mut sink = Vec::new();
            let refused = fixture
                .client
                .save_artifact(locked.kind, &locked.id, "active", &mut sink)
                .await
                .unwrap_err();
            assert_eq!(status_of(&refused), Some(400), "{refused:?}");
            assert!(sink.is_empty());
        }
    }
}

#[tokio::test]
async fn configuration_parameters_are_read_and_saved() {
    let fixture = start().await;
    let artifacts = all_artifacts(&fixture).await;
    let mut found = None;
    for flow in artifacts
        .iter()
        .filter(|a| a.kind == ArtifactKind::IntegrationFlow)
    {
        let parameters = fixture
            .client
            .configurations(&flow.id, "active")
            .await
            .unwrap();
        if !parameters.is_empty() {
            found = Some((flow.clone(), parameters));
            break;
        }
    }
    let (flow, parameters) = found.expect("a flow with configuration parameters");
    let first = &parameters[0];
    let change = ConfigurationChange {
        key: first.key.clone(),
        value: "https://changed.example/it's".into(),
        data_type: Some(first.data_type.clone()),
    };
    fixture
        .client
        .update_configurations(&flow.id, "active", &[change])
        .await
        .unwrap();
    let again = fixture
        .client
        .configurations(&flow.id, "active")
        .await
        .unwrap();
    let changed = again.iter().find(|p| p.key == first.key).unwrap();
    assert_eq!(changed.value, "https://changed.example/it's");
    let unknown = ConfigurationChange {
        key: "No_Such_Parameter".into(),
        value: "x".into(),
        data_type: None,
    };
    match fixture
        .client
        .update_configurations(&flow.id, "active", &[unknown])
        .await
    {
        Err(SapError::Sap {
            status: 404,
            message,
            ..
        }) => assert!(
            message.starts_with("parameter No_Such_Parameter:"),
            "{message}"
        ),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_deploy_reaches_started() {
    let fixture = start().await;
    let started = fixture.deployed("STARTED").await;
    let flow = started
        .iter()
        .find(|a| a.artifact_type.as_deref() == Some("INTEGRATION_FLOW"))
        .expect("a started flow");
    let task = fixture
        .client
        .deploy(ArtifactKind::IntegrationFlow, &flow.id, "active")
        .await
        .unwrap();
    let mut phases = Vec::new();
    let outcome = fixture
        .client
        .wait_for_deploy(&flow.id, &task, &quick_wait(), |progress| {
            phases.push(progress.phase)
        })
        .await
        .unwrap();
    assert!(outcome.started(), "{outcome:?}");
    assert_eq!(outcome.build_status, BuildStatus::Success);
    assert!(outcome.error.is_none());
    assert!(!phases.is_empty(), "no progress reported");
}

#[tokio::test]
async fn an_artifact_in_error_explains_itself_and_a_redeploy_ends_in_error() {
    let fixture = start().await;
    let failed = fixture.deployed("ERROR").await;
    let artifact = failed.first().expect("a seeded artifact in ERROR");
    let error = fixture.client.runtime_error(&artifact.id).await.unwrap();
    assert!(
        !error.summary.starts_with('{'),
        "still JSON: {}",
        error.summary
    );
    assert!(error.summary.len() > 10, "{error:?}");
    // The root cause, not the wrapping exception.
    assert!(
        !error.summary.contains("ComponentDefinitionException"),
        "{}",
        error.summary
    );
    assert!(error.lines.len() >= 2, "{error:?}");
    let task = fixture
        .client
        .deploy(ArtifactKind::IntegrationFlow, &artifact.id, "active")
        .await
        .unwrap();
    let outcome = fixture
        .client
        .wait_for_deploy(&artifact.id, &task, &quick_wait(), |_| {})
        .await
        .unwrap();
    assert_eq!(
        outcome.runtime_status.as_deref(),
        Some("ERROR"),
        "{outcome:?}"
    );
    assert!(!outcome.error.unwrap().summary.is_empty());
}

#[tokio::test]
async fn undeploy_removes_the_runtime_artifact() {
    let fixture = start().await;
    let started = fixture.deployed("STARTED").await;
    let artifact = &started[0];
    fixture.client.undeploy(&artifact.id).await.unwrap();
    let client = fixture.client.clone();
    let id = artifact.id.clone();
    eventually("the undeployed artifact is gone", || {
        let (client, id) = (client.clone(), id.clone());
        async move { client.runtime_artifact(&id).await.unwrap().is_none() }
    })
    .await;
    let again = fixture.client.undeploy(&artifact.id).await.unwrap_err();
    assert_eq!(status_of(&again), Some(404), "{again:?}");
}

#[tokio::test]
async fn runtime_filters_and_endpoints() {
    let fixture = start().await;
    let all = fixture
        .client
        .runtime_artifacts(&RuntimeFilter::default())
        .await
        .unwrap();
    let errors = fixture.deployed("ERROR").await;
    assert!(!errors.is_empty() && errors.len() < all.len());
    assert!(errors.iter().all(|a| a.status == "ERROR"));
    let part = &all[0].name[..3.min(all[0].name.len())];
    let named = fixture
        .client
        .runtime_artifacts(&RuntimeFilter {
            statuses: vec![],
            name: Some(part.to_lowercase()),
        })
        .await
        .unwrap();
    assert!(named.iter().any(|a| a.id == all[0].id));
    let endpoints = fixture.client.service_endpoints().await.unwrap();
    assert!(!endpoints.is_empty());
    assert!(
        endpoints
            .iter()
            .any(|e| e.entry_points.iter().any(|p| p.url.starts_with("http"))),
        "{endpoints:?}"
    );
}
