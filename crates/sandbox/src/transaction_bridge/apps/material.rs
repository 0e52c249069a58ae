//! MM03, "Display Material": search materials, show one with its plants and their storage
//! locations (a table inside a table).

use serde_json::{json, Map, Value};

use super::{text, Gui, Shown};
use crate::transaction_bridge::backend::{matches_pattern, Material};
use crate::transaction_bridge::errors::BridgeError;
use crate::transaction_bridge::input::Args;
use crate::transaction_bridge::model::{
    field, nullable_field, optional, required, table, AppSpec, Edm, Kind, Sequence,
};
use crate::transaction_bridge::output::{screen_date, screen_number};
use crate::transaction_bridge::status_bar::StatusBar;
use crate::transaction_bridge::MATERIAL_APP;

pub(super) static SPEC: AppSpec = AppSpec {
    id: MATERIAL_APP,
    transaction: "MM03",
    title: "Display Material",
    sequences: &[
        Sequence {
            name: "FindMaterials",
            kind: Kind::Function,
            params: &[
                optional("Description", Edm::String, Some(40)),
                optional("MaterialType", Edm::String, Some(4)),
                optional("Plant", Edm::String, Some(4)),
                required("MaxHits", Edm::Int32, None),
            ],
            output: &[table(
                "Materials",
                "MaterialListEntry",
                &[
                    field("Material", Edm::String),
                    field("Description", Edm::String),
                    field("MaterialType", Edm::String),
                    field("BaseUnit", Edm::String),
                ],
            )],
            preceding: &["Home"],
            subsequent: &["DisplayMaterial"],
        },
        Sequence {
            name: "DisplayMaterial",
            kind: Kind::Function,
            params: &[
                required("Material", Edm::String, Some(40)),
                optional("Plant", Edm::String, Some(4)),
                required("WithStock", Edm::Boolean, None),
            ],
            output: &[
                field("Material", Edm::String),
                field("Description", Edm::String),
                field("MaterialType", Edm::String),
                field("MaterialGroup", Edm::String),
                field("BaseUnit", Edm::String),
                field("GrossWeight", Edm::Decimal),
                field("WeightUnit", Edm::String),
                field("CreatedOn", Edm::Date),
                nullable_field("TotalStock", Edm::Decimal),
                table(
                    "Plants",
                    "PlantData",
                    &[
                        field("Plant", Edm::String),
                        field("PlantName", Edm::String),
                        field("MrpType", Edm::String),
                        table(
                            "StorageLocations",
                            "StorageLocationStock",
                            &[
                                field("StorageLocation", Edm::String),
                                field("Description", Edm::String),
                                nullable_field("UnrestrictedStock", Edm::Decimal),
                            ],
                        ),
                    ],
                ),
            ],
            preceding: &["FindMaterials"],
            subsequent: &[],
        },
    ],
};

/// The longest hit list MM03's search help shows.
const MAX_HITS_LIMIT: i32 = 9999;

pub(super) fn run(
    sequence: &'static Sequence,
    args: &Args,
    gui: &mut Gui<'_>,
) -> Result<Shown, BridgeError> {
    match sequence.name {
        "FindMaterials" => find(args, gui),
        _ => display(args, gui),
    }
}

fn find(args: &Args, gui: &mut Gui<'_>) -> Result<Shown, BridgeError> {
    let max_hits = args.int("MaxHits").unwrap_or(0);
    if !(1..=MAX_HITS_LIMIT).contains(&max_hits) {
        // The search help's restriction dialog refuses the value; its list never opens.
        return Err(BridgeError::step_failed(
            2,
            "Control not found",
            StatusBar::error(format!(
                "Enter a maximum number of hits between 1 and {}",
                screen_number(f64::from(MAX_HITS_LIMIT), 0)
            )),
        ));
    }
    let matches = |pattern: Option<&str>, value: &str| {
        pattern.is_none_or(|p| p.trim().is_empty() || matches_pattern(p.trim(), value))
    };
    let hits: Vec<&Material> = gui
        .backend
        .materials
        .iter()
        .filter(|m| matches(args.str("Description"), m.description))
        .filter(|m| matches(args.str("MaterialType"), m.material_type))
        .filter(|m| {
            args.str("Plant")
                .is_none_or(|plant| m.plants.iter().any(|p| p.plant.eq_ignore_ascii_case(plant)))
        })
        .collect();
    let shown = usize::try_from(max_hits).unwrap_or(usize::MAX);
    let status_bar = match hits.len() {
        0 => StatusBar::info("No values found for this selection"),
        n if n > shown => StatusBar::warning(format!(
            "More than {max_hits} hits: {n} materials found, first {max_hits} shown"
        )),
        n => StatusBar::success(format!("{n} materials found")),
    };
    let rows: Vec<Value> = hits
        .iter()
        .take(shown)
        .map(|m| {
            json!({
                "Material": m.number,
                "Description": m.description,
                "MaterialType": m.material_type,
                "BaseUnit": m.base_unit,
            })
        })
        .collect();
    let mut output = Map::new();
    output.insert("Materials".into(), Value::Array(rows));
    Ok(Shown {
        output,
        status_bar: Some(status_bar),
    })
}

fn display(args: &Args, gui: &mut Gui<'_>) -> Result<Shown, BridgeError> {
    let number = args.str("Material").unwrap_or_default().trim();
    let material = gui.backend.material(number).ok_or_else(|| {
        BridgeError::step_failed(
            2,
            "Control not found",
            StatusBar::error(format!(
                "The material {} does not exist or is not activated",
                number.to_uppercase()
            )),
        )
    })?;
    let plant_filter = args.str("Plant").map(str::trim).filter(|p| !p.is_empty());
    if let Some(plant) = plant_filter {
        if !material.plants.iter().any(|p| p.plant == plant) {
            return Err(BridgeError::step_failed(
                2,
                "Control not found",
                StatusBar::error(format!(
                    "Material {} is not maintained in plant {plant}",
                    material.number
                )),
            ));
        }
    }
    let with_stock = args.bool("WithStock").unwrap_or(false);
    let stock_text = |stock: f64| {
        if with_stock {
            screen_number(stock, 3)
        } else {
            String::new()
        }
    };
    let plants: Vec<_> = material
        .plants
        .iter()
        .filter(|p| plant_filter.is_none_or(|wanted| p.plant == wanted))
        .collect();
    let total: f64 = plants
        .iter()
        .flat_map(|p| &p.storage_locations)
        .map(|s| s.stock)
        .sum();
    let plant_rows: Vec<Value> = plants
        .iter()
        .map(|plant| {
            let locations: Vec<Value> = plant
                .storage_locations
                .iter()
                .map(|s| {
                    json!({
                        "StorageLocation": s.id,
                        "Description": s.description,
                        "UnrestrictedStock": stock_text(s.stock),
                    })
                })
                .collect();
            json!({
                "Plant": plant.plant,
                "PlantName": plant.name,
                "MrpType": plant.mrp_type,
                "StorageLocations": locations,
            })
        })
        .collect();
    let mut output = Map::new();
    output.insert("Material".into(), text(material.number));
    output.insert("Description".into(), text(material.description));
    output.insert("MaterialType".into(), text(material.material_type));
    output.insert("MaterialGroup".into(), text(material.material_group));
    output.insert("BaseUnit".into(), text(material.base_unit));
    output.insert("GrossWeight".into(), text(material.gross_weight));
    output.insert("WeightUnit".into(), text(material.weight_unit));
    output.insert("CreatedOn".into(), text(screen_date(material.created_on)));
    output.insert("TotalStock".into(), text(stock_text(total)));
    output.insert("Plants".into(), Value::Array(plant_rows));
    Ok(Shown {
        output,
        status_bar: None,
    })
}
