//! VA01, "Create Sales Order": a flow of sequences that must run in order. `StartOrder` on the
//! initial screen (order type, sales area, sold-to party) leads to the overview; `AddItem`
//! (as often as needed) and `SaveOrder` run there; saving returns to the initial screen.
//! A sequence on the wrong screen is `INVALID_SCREEN_STATE`; `Home` goes back to the start.

use serde_json::{json, Map, Value};

use super::{text, Gui, Screen, Shown};
use crate::transaction_bridge::backend::{Customer, OrderItem};
use crate::transaction_bridge::errors::{BridgeError, Detail, ErrorCode};
use crate::transaction_bridge::input::Args;
use crate::transaction_bridge::model::{
    field, nullable_field, optional, required, table, AppSpec, Edm, Kind, Sequence,
};
use crate::transaction_bridge::output::{screen_date, screen_number};
use crate::transaction_bridge::status_bar::StatusBar;
use crate::transaction_bridge::SALES_ORDER_APP;

pub(super) static SPEC: AppSpec = AppSpec {
    id: SALES_ORDER_APP,
    transaction: "VA01",
    title: "Create Sales Order",
    sequences: &[
        Sequence {
            name: "StartOrder",
            kind: Kind::Action,
            params: &[
                required("OrderType", Edm::String, Some(4)),
                required("SalesOrganization", Edm::String, Some(4)),
                required("DistributionChannel", Edm::String, Some(2)),
                required("Division", Edm::String, Some(2)),
                required("SoldToParty", Edm::String, Some(10)),
                optional("PurchaseOrder", Edm::String, Some(35)),
                optional("RequestedDeliveryDate", Edm::Date, None),
            ],
            output: &[
                field("SoldToParty", Edm::String),
                field("SoldToName", Edm::String),
                field("City", Edm::String),
                field("Currency", Edm::String),
                nullable_field("RequestedDeliveryDate", Edm::Date),
            ],
            preceding: &["Home"],
            subsequent: &["AddItem"],
        },
        Sequence {
            name: "AddItem",
            kind: Kind::Action,
            params: &[
                required("Material", Edm::String, Some(40)),
                required("Quantity", Edm::Decimal, None),
                optional("Plant", Edm::String, Some(4)),
            ],
            output: &[
                field("ItemNumber", Edm::Int32),
                field("NetValue", Edm::Decimal),
                field("Currency", Edm::String),
                table(
                    "Items",
                    "OrderItem",
                    &[
                        field("Item", Edm::Int32),
                        field("Material", Edm::String),
                        field("Description", Edm::String),
                        field("Quantity", Edm::Decimal),
                        field("Unit", Edm::String),
                        field("Plant", Edm::String),
                        field("NetValue", Edm::Decimal),
                    ],
                ),
            ],
            preceding: &["StartOrder", "AddItem"],
            subsequent: &["AddItem", "SaveOrder"],
        },
        Sequence {
            name: "SaveOrder",
            kind: Kind::Action,
            params: &[],
            output: &[
                field("SalesOrder", Edm::String),
                field("SoldToParty", Edm::String),
                field("NetValue", Edm::Decimal),
                field("Currency", Edm::String),
                field("ItemCount", Edm::Int32),
            ],
            preceding: &["AddItem"],
            subsequent: &["StartOrder", "DisplayOrder"],
        },
        Sequence {
            name: "DisplayOrder",
            kind: Kind::Function,
            params: &[required("SalesOrder", Edm::String, Some(10))],
            output: &[
                field("SalesOrder", Edm::String),
                field("SoldToParty", Edm::String),
                field("SoldToName", Edm::String),
                field("PurchaseOrder", Edm::String),
                field("CreatedBy", Edm::String),
                field("NetValue", Edm::Decimal),
                field("Currency", Edm::String),
                table(
                    "Items",
                    "OrderItem",
                    &[
                        field("Item", Edm::Int32),
                        field("Material", Edm::String),
                        field("Description", Edm::String),
                        field("Quantity", Edm::Decimal),
                        field("Unit", Edm::String),
                        field("Plant", Edm::String),
                        field("NetValue", Edm::Decimal),
                    ],
                ),
            ],
            preceding: &["SaveOrder"],
            subsequent: &["StartOrder"],
        },
    ],
};

/// The order being entered on VA01's overview screen.
#[derive(Debug, Clone, Default)]
pub(crate) struct OrderDraft {
    /// The sold-to party was refused: the screen shows the error and takes no other input.
    blocked: bool,
    sales_org: &'static str,
    currency: &'static str,
    sold_to: &'static str,
    purchase_order: String,
    items: Vec<OrderItem>,
}

/// Sales areas of the demo company: organisation, channel, division, currency, delivering plant.
const SALES_AREAS: &[(&str, &str, &str, &str, &str)] = &[
    ("1710", "10", "00", "USD", "1710"),
    ("1010", "10", "00", "EUR", "1010"),
];

/// Rows VA01's item table control shows at once: the recording reads what is on the screen.
const VISIBLE_ITEM_ROWS: usize = 12;

const INITIAL_SCREEN: &str = "Create Sales Documents (SAPMV45A 0101)";
const OVERVIEW_SCREEN: &str = "Create Standard Order: Overview (SAPMV45A 4001)";

pub(super) fn run(
    sequence: &'static Sequence,
    args: &Args,
    gui: &mut Gui<'_>,
) -> Result<Shown, BridgeError> {
    match (sequence.name, &*gui.screen) {
        ("StartOrder", Screen::Initial) => start(args, gui),
        ("AddItem", Screen::OrderOverview(draft)) if !draft.blocked => add_item(args, gui),
        ("SaveOrder", Screen::OrderOverview(draft)) if !draft.blocked => save(gui),
        ("DisplayOrder", Screen::Initial) => display(args, gui),
        (name, screen) => Err(wrong_screen(name, screen)),
    }
}

fn wrong_screen(sequence: &str, screen: &Screen) -> BridgeError {
    let (expected, preceding): (&str, &[&'static str]) = match sequence {
        "StartOrder" | "DisplayOrder" => (INITIAL_SCREEN, &["Home"]),
        _ => (OVERVIEW_SCREEN, &["StartOrder"]),
    };
    let (current, preceding) = match screen {
        Screen::Initial => (INITIAL_SCREEN, preceding),
        Screen::OrderOverview(draft) if draft.blocked => (
            "Create Standard Order: Overview (SAPMV45A 4001), with an error message",
            &["Home"][..],
        ),
        Screen::OrderOverview(_) => (OVERVIEW_SCREEN, &["Home"][..]),
    };
    BridgeError::internal(ErrorCode::InvalidScreenState)
        .with_preceding(preceding)
        .with_detail(Detail::new(format!(
            "{sequence} expects the screen {expected}; the session is on {current}"
        )))
}

fn start(args: &Args, gui: &mut Gui<'_>) -> Result<Shown, BridgeError> {
    let order_type = args
        .str("OrderType")
        .unwrap_or_default()
        .trim()
        .to_uppercase();
    if order_type != "OR" {
        // The initial screen refuses it: the overview, where step 2 types, never opens.
        return Err(BridgeError::step_failed(
            2,
            "Control not found",
            StatusBar::error(format!("Sales document type {order_type} is not defined")),
        ));
    }
    let organization = args.str("SalesOrganization").unwrap_or_default().trim();
    let channel = args.str("DistributionChannel").unwrap_or_default().trim();
    let division = args.str("Division").unwrap_or_default().trim();
    let Some(&(sales_org, _, _, currency, _)) = SALES_AREAS
        .iter()
        .find(|(o, c, d, _, _)| *o == organization && *c == channel && *d == division)
    else {
        return Err(BridgeError::step_failed(
            2,
            "Control not found",
            StatusBar::error(format!(
                "Sales area {organization}/{channel}/{division} is not defined"
            )),
        ));
    };
    let sold_to = args.str("SoldToParty").unwrap_or_default().trim();
    let customer: Option<&Customer> = gui
        .backend
        .customer(sold_to)
        .filter(|c| c.sales_areas.contains(&(sales_org, channel, division)));
    let Some(customer) = customer else {
        // The overview is open with the sold-to party refused: only Home gets out of it.
        *gui.screen = Screen::OrderOverview(OrderDraft {
            blocked: true,
            ..OrderDraft::default()
        });
        return Err(BridgeError::step_failed(
            3,
            "Control not found",
            StatusBar::error(format!(
                "Sold-to party {sold_to} not maintained for sales area {sales_org} {channel} {division}"
            )),
        ));
    };
    *gui.screen = Screen::OrderOverview(OrderDraft {
        blocked: false,
        sales_org,
        currency,
        sold_to: customer.number,
        purchase_order: args.str("PurchaseOrder").unwrap_or_default().to_owned(),
        items: Vec::new(),
    });
    let mut output = Map::new();
    output.insert("SoldToParty".into(), text(customer.number));
    output.insert("SoldToName".into(), text(customer.name));
    output.insert("City".into(), text(customer.city));
    output.insert("Currency".into(), text(currency));
    output.insert(
        "RequestedDeliveryDate".into(),
        text(
            args.date("RequestedDeliveryDate")
                .map(screen_date)
                .unwrap_or_default(),
        ),
    );
    Ok(Shown {
        output,
        status_bar: None,
    })
}

fn add_item(args: &Args, gui: &mut Gui<'_>) -> Result<Shown, BridgeError> {
    let Screen::OrderOverview(draft) = &mut *gui.screen else {
        return Err(BridgeError::internal(ErrorCode::UnknownError));
    };
    let number = args.str("Material").unwrap_or_default().trim();
    let item_failed = |message: String| {
        // The item line keeps the error; the step reading the new item finds no row.
        BridgeError::step_failed(2, "Control not found", StatusBar::error(message))
    };
    let material = gui
        .backend
        .material(number)
        .ok_or_else(|| item_failed(format!("Material {} does not exist", number.to_uppercase())))?;
    let quantity = args.decimal("Quantity").unwrap_or_default();
    if quantity <= 0.0 {
        return Err(item_failed(
            "Enter an order quantity greater than zero".into(),
        ));
    }
    let delivering_plant = SALES_AREAS
        .iter()
        .find(|area| area.0 == draft.sales_org)
        .map_or("", |area| area.4);
    let plant_wanted = args
        .str("Plant")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .unwrap_or(delivering_plant);
    // A service has no plant data; goods must be maintained in the delivering plant.
    let plant_data = material.plants.iter().find(|p| p.plant == plant_wanted);
    if plant_data.is_none() && !material.plants.is_empty() {
        return Err(item_failed(format!(
            "Material {} is not maintained in plant {plant_wanted}",
            material.number
        )));
    }
    let available: f64 = plant_data
        .map(|p| p.storage_locations.iter().map(|s| s.stock).sum())
        .unwrap_or(f64::INFINITY);
    let status_bar = (quantity > available).then(|| {
        StatusBar::warning(format!(
            "Only {} {} of {} available in plant {plant_wanted} on the requested date",
            screen_number(available, 0),
            material.base_unit,
            material.number
        ))
    });
    let item = OrderItem {
        item: 10 * (draft.items.len() as u32 + 1),
        material: material.number,
        description: material.description,
        quantity,
        unit: material.base_unit,
        plant: plant_data.map_or("", |p| p.plant),
        net_value: (material.price * quantity * 100.0).round() / 100.0,
    };
    let item_number = item.item;
    draft.items.push(item);
    let total: f64 = draft.items.iter().map(|i| i.net_value).sum();
    let mut output = Map::new();
    output.insert("ItemNumber".into(), text(item_number.to_string()));
    output.insert("NetValue".into(), text(screen_number(total, 2)));
    output.insert("Currency".into(), text(draft.currency));
    // After Enter the table control scrolls so that the new item is on its last visible row.
    let first_visible = draft.items.len().saturating_sub(VISIBLE_ITEM_ROWS);
    output.insert("Items".into(), item_rows(&draft.items[first_visible..]));
    Ok(Shown { output, status_bar })
}

/// Item table rows as the screen shows them.
fn item_rows(items: &[OrderItem]) -> Value {
    Value::Array(
        items
            .iter()
            .map(|i| {
                json!({
                    "Item": i.item.to_string(),
                    "Material": i.material,
                    "Description": i.description,
                    "Quantity": screen_number(i.quantity, 3),
                    "Unit": i.unit,
                    "Plant": i.plant,
                    "NetValue": screen_number(i.net_value, 2),
                })
            })
            .collect(),
    )
}

fn save(gui: &mut Gui<'_>) -> Result<Shown, BridgeError> {
    let Screen::OrderOverview(draft) = &mut *gui.screen else {
        return Err(BridgeError::internal(ErrorCode::UnknownError));
    };
    if draft.items.is_empty() {
        return Err(BridgeError::step_failed(
            2,
            "Control not found",
            StatusBar::error("The sales document contains no items"),
        ));
    }
    let draft = std::mem::take(draft);
    let total: f64 = draft.items.iter().map(|i| i.net_value).sum();
    let item_count = draft.items.len();
    let number = gui
        .backend
        .save_order(draft.sold_to, draft.purchase_order, draft.items, gui.user);
    // VA01 comes back to its initial screen after saving.
    *gui.screen = Screen::Initial;
    let mut output = Map::new();
    output.insert("SalesOrder".into(), text(number.to_string()));
    output.insert("SoldToParty".into(), text(draft.sold_to));
    output.insert("NetValue".into(), text(screen_number(total, 2)));
    output.insert("Currency".into(), text(draft.currency));
    output.insert("ItemCount".into(), text(item_count.to_string()));
    Ok(Shown {
        output,
        status_bar: Some(StatusBar::success(format!(
            "Standard Order {number} has been saved"
        ))),
    })
}

/// VA03 for a saved order (the recording starts with `/nVA03` from VA01's first screen).
fn display(args: &Args, gui: &mut Gui<'_>) -> Result<Shown, BridgeError> {
    let wanted = args.str("SalesOrder").unwrap_or_default().trim();
    let order = wanted
        .trim_start_matches('0')
        .parse::<u32>()
        .ok()
        .and_then(|number| gui.backend.order(number))
        .ok_or_else(|| {
            BridgeError::step_failed(
                2,
                "Control not found",
                StatusBar::error(format!(
                    "SD document {wanted} is not in the database or has been archived"
                )),
            )
        })?;
    let customer = gui.backend.customer(order.sold_to);
    let currency = customer
        .and_then(|c| c.sales_areas.first())
        .and_then(|area| SALES_AREAS.iter().find(|a| a.0 == area.0))
        .map_or("", |area| area.3);
    let total: f64 = order.items.iter().map(|i| i.net_value).sum();
    let mut output = Map::new();
    output.insert("SalesOrder".into(), text(order.number.to_string()));
    output.insert("SoldToParty".into(), text(order.sold_to));
    output.insert("SoldToName".into(), text(customer.map_or("", |c| c.name)));
    output.insert("PurchaseOrder".into(), text(order.purchase_order.clone()));
    output.insert("CreatedBy".into(), text(order.created_by.clone()));
    output.insert("NetValue".into(), text(screen_number(total, 2)));
    output.insert("Currency".into(), text(currency));
    let visible = order.items.len().min(VISIBLE_ITEM_ROWS);
    output.insert("Items".into(), item_rows(&order.items[..visible]));
    Ok(Shown {
        output,
        status_bar: None,
    })
}
