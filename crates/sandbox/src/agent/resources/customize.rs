//! `/customize`: writes one entry of a customizing table (delivery class C or E).

use abap_system::{CustomizeRequest, FieldValue, SystemError, TransportKind, TransportStatus};
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
    // As implemented, names are upper-cased but not trimmed (` T100` is no table) and the
    // transport is looked up as sent; the documented dialect is lenient about blanks.
    let as_sent = |text: String| match ctx.dialect {
        Dialect::AsImplemented => text,
        Dialect::Documented => text.trim().to_string(),
    };
    let table_name = as_sent(raw_name.clone()).to_ascii_uppercase();
    let sent = body.objects("field_values");
    let field_values: Vec<FieldValue> = sent
        .iter()
        .map(|pair| FieldValue {
            field: as_sent(pair.text("field")).to_ascii_uppercase(),
            value: pair.text("value"),
        })
        .filter(|pair| ctx.dialect == Dialect::AsImplemented || !pair.field.is_empty())
        .collect();
    validate(ctx, &raw_name, sent.len(), field_values.len())?;
    let request = CustomizeRequest {
        table_name: table_name.clone(),
        field_values,
        transport: Some(as_sent(body.text("transport"))).filter(|t| !t.trim().is_empty()),
        no_transport: body.flag("no_transport"),
    };
    let (written, known) = {
        let mut system = ctx.state.system();
        let written = system.customize(&request);
        let delivery_class = system
            .table(&table_name)
            .map(|t| t.delivery_class.clone())
            .unwrap_or_default();
        let released = request
            .transport
            .as_deref()
            .and_then(|n| system.transport(n))
            .map(|t| (t.status == TransportStatus::Released, t.kind));
        (
            written,
            Known {
                delivery_class,
                released,
            },
        )
    };
    if ctx.dialect == Dialect::AsImplemented {
        // A conversion exception escapes the command; the base resource answers 400.
        if let Err(SystemError::Conversion(text)) = written {
            return Err(Refusal(text));
        }
        return Ok(Reply::ok(as_implemented(&request, written, &known)));
    }
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

/// What the command's error texts need to know about the table and the request.
struct Known {
    delivery_class: String,
    /// Of the given transport: whether released, and its kind.
    released: Option<(bool, TransportKind)>,
}

/// `ZCL_ABGAGT_COMMAND_CUSTOMIZE->execute`: its messages; TABLE_NAME only on success,
/// DELIVERY_CLASS once the table was found in DD02L.
fn as_implemented(
    request: &CustomizeRequest,
    written: Result<abap_system::CustomizeOutcome, SystemError>,
    known: &Known,
) -> serde_json::Value {
    let table = &request.table_name;
    match written {
        Ok(outcome) => {
            let message = if outcome.transport.is_empty() {
                format!("Customizing entry {} in {table}", outcome.action)
            } else {
                format!(
                    "Customizing entry {} in {table} and recorded on transport {}",
                    outcome.action, outcome.transport
                )
            };
            json!({
                "success": true,
                "command": "Customize",
                "message": message,
                "error": "",
                "table_name": outcome.table_name,
                "action": outcome.action,
                "transport": outcome.transport,
                "delivery_class": outcome.delivery_class,
            })
        }
        Err(error) => {
            let text = match error {
                SystemError::TableNotFound(_) => {
                    format!("Table {table} not found in ABAP data dictionary")
                }
                SystemError::DeliveryClassNotAllowed { delivery_class, .. } => format!(
                    "Table {table} is not a customizing table (delivery class: {delivery_class})"
                ),
                SystemError::TransportRequired(_) => format!(
                    "Table {table} is in a transportable package. Provide --transport <TRKORR> or use --no-transport."
                ),
                SystemError::TransportNotFound(number) => format!("Transport {number} not found"),
                SystemError::TransportWrongKind { number, .. } => match known.released {
                    Some((true, _)) => {
                        format!("Transport {number} is already released (not modifiable)")
                    }
                    _ => format!(
                        "Transport {number} is a workbench request. Customizing entries require a customizing transport. Create one with: abapgit-agent transport create --type customizing"
                    ),
                },
                SystemError::InvalidFieldValue {
                    field,
                    value,
                    type_kind,
                } => match type_kind.as_str() {
                    "D" => format!(
                        "Field {field} has type D (date, format YYYYMMDD), cannot assign '{value}'"
                    ),
                    "T" => format!(
                        "Field {field} has type T (time, format HHMMSS), cannot assign '{value}'"
                    ),
                    "N" => format!(
                        "Field {field} has type N (numeric char), value must contain only digits"
                    ),
                    "I" | "b" | "s" => format!(
                        "Field {field} has type I (integer), value must be a whole number"
                    ),
                    _ => format!(
                        "Field {field} has type X (hex), value must be even-length hexadecimal (e.g., 1A2B)"
                    ),
                },
                other => other.to_string(),
            };
            let delivery_class = match &text {
                t if t.ends_with("not found in ABAP data dictionary") => "",
                _ => known.delivery_class.as_str(),
            };
            json!({
                "success": false,
                "command": "Customize",
                "message": "",
                "error": text,
                "table_name": "",
                "action": "",
                "transport": "",
                "delivery_class": delivery_class,
            })
        }
    }
}
