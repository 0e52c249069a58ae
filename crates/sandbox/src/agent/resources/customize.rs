//! `/customize`: writes one entry of a customizing table (delivery class C or E).

use abap_system::{CustomizeRequest, FieldValue};
use serde_json::json;

use super::{require, Outcome};
use crate::agent::{Body, Ctx, Reply};

pub(crate) fn post(ctx: &Ctx, body: &Body) -> Outcome {
    let table_name = body.text("table_name").trim().to_ascii_uppercase();
    let field_values: Vec<FieldValue> = body
        .objects("field_values")
        .iter()
        .map(|pair| FieldValue {
            field: pair.text("field").trim().to_ascii_uppercase(),
            value: pair.text("value"),
        })
        .filter(|pair| !pair.field.is_empty())
        .collect();
    require(
        table_name.is_empty() || field_values.is_empty(),
        "Table name and field values are required",
    )?;
    let request = CustomizeRequest {
        table_name: table_name.clone(),
        field_values,
        transport: Some(body.text("transport").trim().to_ascii_uppercase())
            .filter(|t| !t.is_empty()),
        no_transport: body.flag("no_transport"),
    };
    let written = ctx.state.system().customize(&request);
    // Lower-case keys in both dialects (the handler serializes with pretty names).
    Ok(Reply::ok(match written {
        Ok(outcome) => json!({
            "success": true,
            "command": "Customize",
            "message": format!("Entry written to table {}", outcome.table_name),
            "error": "",
            "table_name": outcome.table_name,
            "action": outcome.action,
            "transport": outcome.transport,
            "delivery_class": outcome.delivery_class,
        }),
        Err(error) => json!({
            "success": false,
            "command": "Customize",
            "message": "",
            "error": error.to_string(),
            "table_name": table_name,
            "action": "",
            "transport": "",
            "delivery_class": "",
        }),
    }))
}
