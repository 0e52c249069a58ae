//! MM03: a function with several typed parameters and a table inside a table; output that
//! does not fit its type.

use reqwest::StatusCode;
use sandbox::transaction_bridge::MATERIAL_APP;
use serde_json::{json, Value};

use crate::support::*;

#[tokio::test]
async fn display_material_returns_plants_with_their_storage_locations() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, MATERIAL_APP).await;
    let (status, body) = bridge
        .get("DisplayMaterial(Material='cp-100',Plant=null,WithStock=true)")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let output = &body["Output"];
    assert_eq!(output["Material"], "CP-100");
    assert_eq!(output["GrossWeight"], 48.5);
    assert_eq!(output["CreatedOn"], "2019-04-02");
    assert_eq!(output["TotalStock"], 65.0);
    assert_eq!(output["Plants"][0]["Plant"], "1710");
    assert_eq!(
        output["Plants"][0]["StorageLocations"],
        json!([
            {"StorageLocation": "171A", "Description": "Std. storage 1", "UnrestrictedStock": 42.0},
            {"StorageLocation": "171C", "Description": "Shipping", "UnrestrictedStock": 6.0},
        ])
    );
    assert_eq!(
        output["Plants"][1]["StorageLocations"][0]["UnrestrictedStock"],
        17.0
    );

    // One plant, without the stock overview: the stock fields stay empty (null).
    let (status, body) = bridge
        .get("DisplayMaterial(Material='CP-100',Plant='1010',WithStock=false)")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let plants = body["Output"]["Plants"].as_array().unwrap();
    assert_eq!(plants.len(), 1);
    assert_eq!(
        plants[0]["StorageLocations"][0]["UnrestrictedStock"],
        Value::Null
    );
    assert_eq!(body["Output"]["TotalStock"], Value::Null);
}

#[tokio::test]
async fn parameters_are_checked_by_type_and_nullability() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, MATERIAL_APP).await;
    // A string where a Boolean belongs, a missing mandatory parameter.
    let (status, body) = bridge
        .get("DisplayMaterial(Material='CP-100',WithStock='yes')")
        .await;
    let error = assert_internal(status, &body, 300);
    assert_eq!(error["Details"][0]["target"], "WithStock");
    let (status, body) = bridge.get("DisplayMaterial(Material='CP-100')").await;
    let error = assert_internal(status, &body, 300);
    assert_eq!(error["Details"][0]["target"], "WithStock");
    // Int32: a decimal, a quoted number and an overflow are refused; a Boolean in any case is fine.
    for call in [
        "FindMaterials(MaxHits=2.5)",
        "FindMaterials(MaxHits='10')",
        "FindMaterials(MaxHits=2147483648)",
    ] {
        let (status, body) = bridge.get(call).await;
        let error = assert_internal(status, &body, 300);
        assert_eq!(error["Details"][0]["target"], "MaxHits", "{call}");
    }
    let (status, _) = bridge
        .get("DisplayMaterial(Material='CP-100',WithStock=TRUE)")
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn find_materials_with_patterns_and_a_hit_limit() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, MATERIAL_APP).await;
    let (status, body) = bridge
        .get("FindMaterials(Description='*pump*',MaterialType='FERT',Plant=null,MaxHits=10)")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let found: Vec<&str> = body["Output"]["Materials"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["Material"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["CP-100", "CP-200", "LEG-9000"]);
    assert_eq!(body["State"]["StatusBarMessage"], "3 materials found");
    assert_eq!(body["State"]["StatusBarMessageType"], "S");

    let (_, body) = bridge.get("FindMaterials(MaxHits=2)").await;
    assert_eq!(body["Output"]["Materials"].as_array().unwrap().len(), 2);
    assert_eq!(body["State"]["StatusBarMessageType"], "W");

    let (status, body) = bridge.get("FindMaterials(MaxHits=0)").await;
    assert_internal(status, &body, 200);
}

#[tokio::test]
async fn unknown_materials_and_plants_fail_a_batch_step() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, MATERIAL_APP).await;
    let (status, body) = bridge
        .get("DisplayMaterial(Material='NOPE',WithStock=true)")
        .await;
    let error = assert_internal(status, &body, 200);
    assert_eq!(
        error["ErrorState"]["StatusBarMessage"],
        "The material NOPE does not exist or is not activated"
    );
    let (status, body) = bridge
        .get("DisplayMaterial(Material='CP-200',Plant='1010',WithStock=true)")
        .await;
    let error = assert_internal(status, &body, 200);
    assert_eq!(
        error["ErrorState"]["StatusBarMessage"],
        "Material CP-200 is not maintained in plant 1010"
    );
}

#[tokio::test]
async fn a_screen_value_that_does_not_fit_its_type_is_invalid_output() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, MATERIAL_APP).await;
    let (status, body) = bridge
        .get("DisplayMaterial(Material='LEG-9000',WithStock=false)")
        .await;
    let error = assert_internal(status, &body, 600);
    let detail = error["Details"][0]["message"].as_str().unwrap();
    assert!(detail.contains("GrossWeight"), "{detail}");
    assert!(detail.contains("Edm.Decimal"), "{detail}");
    // The session goes on.
    let (status, _) = bridge
        .get("DisplayMaterial(Material='CP-200',WithStock=false)")
        .await;
    assert_eq!(status, StatusCode::OK);
}
