//! `/customize`: writes one entry of a customizing table (delivery class C or E).

use abap_system::{CustomizeRequest, FieldValue};
use serde_json::json;

use super::{blank, require, Outcome, Refusal};
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;

/// `validate_request`/`get_error_message` of the resource: as implemented a table name that
/// is only blanks passes (a string), and any line in `field_values` counts, even one without a
/// field (the command then reports the unknown field).
fn validate(
    ctx: &Ctx,
    raw_name: &str,
    sent_pairs: usize,
    named_pairs: usize,
) -> Result<(), Refusal> {
    match ctx.dialect {
        Dialect::AsImplemented => {
            require(blank(ctx, raw_name), "table_name parameter is required")?;
            require(sent_pairs == 0, "field_values parameter is required")
        }
        Dialect::Documented => require(
            blank(ctx, raw_name) || named_pairs == 0,
            "Table name and field values are required",
        ),
    }
}

pub(crate) fn post(ctx: &Ctx, body: &Body) -> Outcome {
    let raw_name = body.text("table_name");
    let table_name = raw_name.trim().to_ascii_uppercase();
    let sent = body.objects("field_values");
    let field_values: Vec<FieldValue> = sent
        .iter()
        .map(|pair| FieldValue {
            field: pair.text("field").trim().to_ascii_uppercase(),
            value: pair.text("value"),
        })
        .filter(|pair| ctx.dialect == Dialect::AsImplemented || !pair.field.is_empty())
        .collect();
    validate(ctx, &raw_name, sent.len(), field_values.len())?;
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
