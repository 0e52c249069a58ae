//! VA01: sequences that must run in order on the session's screen, Home, saving.

use reqwest::StatusCode;
use sandbox::transaction_bridge::{SALES_ORDER_APP, USER_ADMIN_APP};
use serde_json::{json, Value};

use crate::support::*;

fn header() -> Value {
    json!({
        "OrderType": "OR",
        "SalesOrganization": "1710",
        "DistributionChannel": "10",
        "Division": "00",
        "SoldToParty": "17100001",
        "PurchaseOrder": "PO-4711",
        "RequestedDeliveryDate": "2026-12-18",
    })
}

#[tokio::test]
async fn an_order_is_started_filled_and_saved_in_order() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, SALES_ORDER_APP).await;
    let (status, body) = bridge.post("StartOrder", header()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["Output"]["SoldToName"], "Bay Area Water Authority");
    assert_eq!(body["Output"]["RequestedDeliveryDate"], "2026-12-18");
    assert_eq!(body["State"]["SubsequentActions"], json!(["AddItem"]));

    let (status, body) = bridge
        .post("AddItem", json!({"Material": "CP-100", "Quantity": 2}))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["Output"]["ItemNumber"], 10);
    assert_eq!(body["Output"]["NetValue"], 3700.0);
    assert_eq!(
        body["State"]["SubsequentActions"],
        json!(["AddItem", "SaveOrder"])
    );
    // More than the plant has: SAP GUI's warning, the item is taken.
    let (status, body) = bridge
        .post(
            "AddItem",
            json!({"Material": "SEAL-25", "Quantity": 3000.5, "Plant": "1710"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["State"]["StatusBarMessageType"], "W");
    assert_eq!(body["Output"]["ItemNumber"], 20);
    assert_eq!(body["Output"]["Items"][1]["Quantity"], 3000.5);
    assert_eq!(body["Output"]["Items"][1]["NetValue"], 116_719.45);

    let (status, body) = bridge.post("SaveOrder", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["State"]["StatusBarMessage"],
        "Standard Order 12345 has been saved"
    );
    assert_eq!(body["State"]["StatusBarMessageType"], "S");
    assert_eq!(body["Output"]["SalesOrder"], "12345");
    assert_eq!(body["Output"]["ItemCount"], 2);
    assert_eq!(
        body["State"]["SubsequentActions"],
        json!(["StartOrder", "DisplayOrder"])
    );

    // Saving went back to the initial screen: the next order starts right away and gets the
    // next number; the saved one can be displayed (from any session).
    bridge.post("StartOrder", header()).await;
    bridge
        .post("AddItem", json!({"Material": "SVC-INST", "Quantity": 4}))
        .await;
    // An action without parameters takes an empty body as well.
    let response = bridge
        .raw(bridge.client.post(bridge.url("SaveOrder")))
        .await;
    let (_, body) = parse(response).await;
    assert_eq!(body["Output"]["SalesOrder"], "12346");
    let other = App::login(&sandbox, SALES_ORDER_APP).await;
    let (status, body) = other.get("DisplayOrder(SalesOrder='12345')").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["Output"]["PurchaseOrder"], "PO-4711");
    assert_eq!(body["Output"]["CreatedBy"], "DEVELOPER");
    assert_eq!(body["Output"]["Items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_sequence_on_the_wrong_screen_is_invalid_screen_state_until_home() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, SALES_ORDER_APP).await;
    for action in ["AddItem", "SaveOrder"] {
        let body = if action == "AddItem" {
            json!({"Material": "CP-100", "Quantity": 1})
        } else {
            json!({})
        };
        let (status, body) = bridge.post(action, body).await;
        let error = assert_internal(status, &body, 100);
        assert_eq!(
            error["ErrorState"]["PrecedingActions"],
            json!(["StartOrder"])
        );
    }
    bridge.post("StartOrder", header()).await;
    let (status, body) = bridge.post("StartOrder", header()).await;
    let error = assert_internal(status, &body, 100);
    assert_eq!(error["ErrorState"]["PrecedingActions"], json!(["Home"]));
    let (status, body) = bridge.get("DisplayOrder(SalesOrder='12345')").await;
    assert_internal(status, &body, 100);

    // Home leaves the order unsaved and goes back to the start.
    let (status, _) = bridge.post("Home", json!({})).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = bridge.post("SaveOrder", json!({})).await;
    assert_internal(status, &body, 100);
    let (status, _) = bridge.post("StartOrder", header()).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn each_session_has_its_own_screen() {
    let sandbox = start().await;
    let first = App::login(&sandbox, SALES_ORDER_APP).await;
    let second = App::login(&sandbox, SALES_ORDER_APP).await;
    first.post("StartOrder", header()).await;
    let (status, body) = second
        .post("AddItem", json!({"Material": "CP-100", "Quantity": 1}))
        .await;
    assert_internal(status, &body, 100);
    let (status, _) = first
        .post("AddItem", json!({"Material": "CP-100", "Quantity": 1}))
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn back_end_errors_fail_the_batch_and_leave_the_screen_as_sap_gui_would() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, SALES_ORDER_APP).await;
    // Refused on the initial screen: still there.
    let mut bad_area = header();
    bad_area["SalesOrganization"] = json!("9999");
    let (status, body) = bridge.post("StartOrder", bad_area).await;
    let error = assert_internal(status, &body, 200);
    assert_eq!(
        error["ErrorState"]["StatusBarMessage"],
        "Sales area 9999/10/00 is not defined"
    );
    // A German customer in the US sales area: the overview keeps the error, only Home helps.
    let mut wrong_customer = header();
    wrong_customer["SoldToParty"] = json!("10100001");
    let (status, body) = bridge.post("StartOrder", wrong_customer).await;
    let error = assert_internal(status, &body, 200);
    assert_eq!(
        error["ErrorState"]["StatusBarMessage"],
        "Sold-to party 10100001 not maintained for sales area 1710 10 00"
    );
    assert!(error["Details"][0]["message"]
        .as_str()
        .unwrap()
        .contains("Control not found"));
    let (status, body) = bridge
        .post("AddItem", json!({"Material": "CP-100", "Quantity": 1}))
        .await;
    let error = assert_internal(status, &body, 100);
    assert_eq!(error["ErrorState"]["PrecedingActions"], json!(["Home"]));
    bridge.post("Home", json!({})).await;

    // On the overview: an unknown material, nothing to save.
    bridge.post("StartOrder", header()).await;
    let (status, body) = bridge
        .post("AddItem", json!({"Material": "XYZ", "Quantity": 1}))
        .await;
    let error = assert_internal(status, &body, 200);
    assert_eq!(
        error["ErrorState"]["StatusBarMessage"],
        "Material XYZ does not exist"
    );
    let (status, body) = bridge.post("SaveOrder", json!({})).await;
    let error = assert_internal(status, &body, 200);
    assert_eq!(
        error["ErrorState"]["StatusBarMessage"],
        "The sales document contains no items"
    );
    // Still on the overview: a good item and the save go through.
    bridge
        .post("AddItem", json!({"Material": "MOT-55", "Quantity": 1.5}))
        .await;
    let (status, body) = bridge.post("SaveOrder", json!({})).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // An order number that was never given.
    let (status, body) = bridge.get("DisplayOrder(SalesOrder='99999')").await;
    let error = assert_internal(status, &body, 200);
    assert_eq!(
        error["ErrorState"]["StatusBarMessage"],
        "SD document 99999 is not in the database or has been archived"
    );
}

#[tokio::test]
async fn a_session_belongs_to_its_app() {
    let sandbox = start().await;
    let users = App::login(&sandbox, USER_ADMIN_APP).await;
    // The users app's cookie means nothing to the sales order app.
    let sales = App {
        client: users.client.clone(),
        root: sandbox.transaction_bridge_url(SALES_ORDER_APP),
    };
    let (status, body) = sales.post("StartOrder", header()).await;
    assert_internal(status, &body, 700);
}

#[tokio::test]
async fn the_item_table_shows_the_rows_on_the_screen() {
    let sandbox = start().await;
    let bridge = App::login(&sandbox, SALES_ORDER_APP).await;
    bridge.post("StartOrder", header()).await;
    let mut body = Value::Null;
    for _ in 0..14 {
        body = bridge
            .post("AddItem", json!({"Material": "OIL-5L", "Quantity": 1}))
            .await
            .1;
    }
    // Twelve rows fit the table control; the newest item is the last one shown.
    let items = body["Output"]["Items"].as_array().unwrap();
    assert_eq!(items.len(), 12);
    assert_eq!(items[0]["Item"], 30);
    assert_eq!(items[11]["Item"], 140);
    assert_eq!(body["Output"]["ItemNumber"], 140);
    // The net value is the whole order's.
    assert_eq!(body["Output"]["NetValue"], 383.6);
    let (_, body) = bridge.post("SaveOrder", json!({})).await;
    assert_eq!(body["Output"]["ItemCount"], 14);
}
