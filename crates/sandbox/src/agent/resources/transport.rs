//! `/transport`: GET `?scope=` lists; POST runs LIST, CREATE, CHECK or RELEASE.
//! Lower-case keys in both dialects; every field is always present.

use abap_system::{SystemError, Transport, TransportKind, TransportScope};
use serde_json::{json, Value};

use super::Outcome;
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;

#[derive(Default)]
struct TransportAnswer {
    success: bool,
    action: String,
    scope: String,
    transports: Vec<Transport>,
    number: String,
    passed: bool,
    issues: Vec<String>,
    message: String,
    error: String,
}

fn render(answer: &TransportAnswer) -> Reply {
    let transports: Vec<Value> = answer
        .transports
        .iter()
        .map(|t| {
            json!({
                "number": t.number,
                "description": t.description,
                "owner": t.owner,
                "date": t.created_on.format("%Y-%m-%d").to_string(),
            })
        })
        .collect();
    Reply::ok(json!({
        "success": answer.success,
        "action": answer.action,
        "scope": answer.scope,
        "transports": transports,
        "number": answer.number,
        "passed": answer.passed,
        "issues": answer.issues,
        "message": answer.message,
        "error": answer.error,
    }))
}

fn list(ctx: &Ctx, scope_text: &str, kind: TransportKind) -> TransportAnswer {
    let scope_name = if scope_text.trim().is_empty() {
        "mine".to_string()
    } else {
        scope_text.trim().to_ascii_lowercase()
    };
    let Some(scope) = TransportScope::parse(&scope_name) else {
        return TransportAnswer {
            action: "LIST".into(),
            scope: scope_name.clone(),
            error: format!("Unknown scope: {scope_name}. Valid: mine, task, all"),
            ..TransportAnswer::default()
        };
    };
    let transports: Vec<Transport> = ctx
        .state
        .system()
        .open_requests(kind, scope, &ctx.logon.user)
        .into_iter()
        .cloned()
        .collect();
    TransportAnswer {
        success: true,
        action: "LIST".into(),
        scope: scope_name,
        message: format!("{} transport request(s) found", transports.len()),
        transports,
        ..TransportAnswer::default()
    }
}

/// GET `?scope=`: the `type` parameter is ignored, so only workbench requests are listed.
pub(crate) fn get(ctx: &Ctx, scope: Option<String>) -> super::super::Reply {
    let scope = scope.as_deref().unwrap_or("");
    render(&match ctx.dialect {
        Dialect::AsImplemented => list_as_implemented(ctx, scope, TransportKind::Workbench),
        Dialect::Documented => list(ctx, scope, TransportKind::Workbench),
    })
}

pub(crate) fn post(ctx: &Ctx, body: &Body) -> Outcome {
    if ctx.dialect == Dialect::AsImplemented {
        return Ok(render(&as_implemented(ctx, body)));
    }
    let action = body.text("action").trim().to_ascii_uppercase();
    let number = body.text("number").trim().to_ascii_uppercase();
    let kind_text = body.text("type");
    let Some(kind) = TransportKind::parse(&kind_text) else {
        return Ok(render(&TransportAnswer {
            action,
            error: format!("Unknown type: {kind_text}. Valid: workbench, customizing"),
            ..TransportAnswer::default()
        }));
    };
    let answer = match action.as_str() {
        "LIST" => list(ctx, &body.text("scope"), kind),
        "CREATE" => {
            let created = ctx.state.system().create_transport(
                kind,
                &body.text("description"),
                &ctx.logon.user,
            );
            match created {
                Ok(transport) => TransportAnswer {
                    success: true,
                    action,
                    number: transport.number.clone(),
                    message: format!("Transport request {} created", transport.number),
                    transports: vec![transport],
                    ..TransportAnswer::default()
                },
                Err(error) => TransportAnswer {
                    action,
                    error: error.to_string(),
                    ..TransportAnswer::default()
                },
            }
        }
        "CHECK" => {
            let checked = ctx.state.system().check_transport(&number);
            match (checked, ctx.dialect) {
                (Ok(check), _) => TransportAnswer {
                    success: true,
                    action,
                    number: check.number.clone(),
                    passed: check.passed,
                    message: if check.passed {
                        format!("Transport request {} passed the check", check.number)
                    } else {
                        format!(
                            "Transport request {} has {} issue(s)",
                            check.number,
                            check.issues.len()
                        )
                    },
                    issues: check.issues,
                    ..TransportAnswer::default()
                },
                (Err(error), _) => TransportAnswer {
                    action,
                    number,
                    error: error.to_string(),
                    ..TransportAnswer::default()
                },
            }
        }
        "RELEASE" => {
            let released = ctx.state.system().release_transport(&number);
            match released {
                Ok(transport) => TransportAnswer {
                    success: true,
                    action,
                    number: transport.number.clone(),
                    message: format!("Transport request {} released", transport.number),
                    ..TransportAnswer::default()
                },
                Err(error) => TransportAnswer {
                    action,
                    number,
                    error: error.to_string(),
                    ..TransportAnswer::default()
                },
            }
        }
        _ => TransportAnswer {
            error: format!("Unknown action: {action}. Valid: LIST, CREATE, CHECK, RELEASE"),
            action,
            ..TransportAnswer::default()
        },
    };
    Ok(render(&answer))
}

/// `ZCL_ABGAGT_COMMAND_TRANSPORT->execute`: the action and scope are compared as sent (upper
/// and lower case respectively), any type but `customizing` means workbench, the number is a
/// `trkorr` taken as sent, and CHECK is the stub of `ZCL_ABGAGT_CTS_API` (every number passes).
fn as_implemented(ctx: &Ctx, body: &Body) -> TransportAnswer {
    let kind = if body.text("type") == "customizing" {
        TransportKind::Customizing
    } else {
        TransportKind::Workbench
    };
    // trkorr: CHAR 20, trailing blanks dropped, case kept.
    let number: String = body.char("number", 20);
    match body.text("action").as_str() {
        "LIST" => list_as_implemented(ctx, &body.text("scope"), kind),
        "CREATE" => {
            let created = ctx.state.system().create_transport(
                kind,
                &body.text("description"),
                &ctx.logon.user,
            );
            match created {
                Ok(transport) => TransportAnswer {
                    success: true,
                    action: "CREATE".into(),
                    message: format!(
                        "{} request {} created successfully",
                        match kind {
                            TransportKind::Customizing => "Customizing",
                            TransportKind::Workbench => "Workbench",
                        },
                        transport.number
                    ),
                    number: transport.number,
                    ..TransportAnswer::default()
                },
                // CTS_API_CREATE_CHANGE_REQUEST only reports a return code.
                Err(_) => TransportAnswer {
                    action: "CREATE".into(),
                    error: "Failed to create transport request (sy-subrc: 1)".into(),
                    ..TransportAnswer::default()
                },
            }
        }
        "CHECK" if number.is_empty() => TransportAnswer {
            action: "CHECK".into(),
            error: "Transport number is required for CHECK action".into(),
            ..TransportAnswer::default()
        },
        "CHECK" => TransportAnswer {
            success: true,
            action: "CHECK".into(),
            passed: true,
            message: format!("Transport {number} passed check"),
            number,
            ..TransportAnswer::default()
        },
        "RELEASE" if number.is_empty() => TransportAnswer {
            action: "RELEASE".into(),
            error: "Transport number is required for RELEASE action".into(),
            ..TransportAnswer::default()
        },
        "RELEASE" => {
            // E070 holds upper-case numbers: TRINT_RELEASE_REQUEST finds no other.
            let released = if number == number.to_ascii_uppercase() {
                ctx.state.system().release_transport(&number)
            } else {
                Err(SystemError::TransportNotFound(number.clone()))
            };
            match released {
                Ok(_) => TransportAnswer {
                    success: true,
                    action: "RELEASE".into(),
                    message: format!("Transport {number} released successfully"),
                    number,
                    ..TransportAnswer::default()
                },
                Err(error) => {
                    // TRINT_RELEASE_REQUEST's exceptions: invalid_request = 3,
                    // request_already_released = 4.
                    let subrc = match error {
                        SystemError::TransportAlreadyReleased(_) => 4,
                        SystemError::TransportNotFound(_) => 3,
                        _ => 8,
                    };
                    TransportAnswer {
                        action: "RELEASE".into(),
                        error: format!("Failed to release transport {number} (sy-subrc: {subrc})"),
                        number,
                        ..TransportAnswer::default()
                    }
                }
            }
        }
        other => TransportAnswer {
            error: format!("Unknown action: {other}. Valid: LIST, CREATE, CHECK, RELEASE"),
            ..TransportAnswer::default()
        },
    }
}

/// `list_transports`: the scope as sent (`mine` when initial), compared in lower case only.
fn list_as_implemented(ctx: &Ctx, scope_text: &str, kind: TransportKind) -> TransportAnswer {
    let scope_name = if scope_text.is_empty() {
        "mine"
    } else {
        scope_text
    };
    let scope = match scope_name {
        "mine" => TransportScope::Mine,
        "task" => TransportScope::Task,
        "all" => TransportScope::All,
        other => {
            return TransportAnswer {
                action: "LIST".into(),
                scope: other.to_string(),
                error: format!("Unknown scope: {other}. Valid: mine, task, all"),
                ..TransportAnswer::default()
            }
        }
    };
    let transports: Vec<Transport> = ctx
        .state
        .system()
        .open_requests(kind, scope, &ctx.logon.user)
        .into_iter()
        .cloned()
        .collect();
    let message = if scope == TransportScope::Task
        && ctx
            .state
            .system()
            .task_scope_has_no_candidates(kind, &ctx.logon.user)
    {
        "No transports found".to_string()
    } else {
        format!("{} transport(s) found", transports.len())
    };
    TransportAnswer {
        success: true,
        action: "LIST".into(),
        scope: scope_name.to_string(),
        message,
        transports,
        ..TransportAnswer::default()
    }
}
