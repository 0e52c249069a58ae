//! `/create`, `/delete`, `/status` and `/drop`: small answers that the ABAP code writes with
//! string templates (so, as implemented, a `"` in a message gives invalid JSON).

use abap_system::{NewRepo, ObjectType, SystemError};
use axum::http::StatusCode;
use serde_json::json;

use super::{blank, message, require, Outcome};
use crate::agent::reply::{abap_flag, concat_object, Lit};
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;

/// A flat answer: string template as implemented, proper JSON as documented.
fn flat(ctx: &Ctx, fields: &[(&str, Lit<'_>)]) -> Reply {
    match ctx.dialect {
        Dialect::AsImplemented => Reply::concatenated(StatusCode::OK, concat_object(fields)),
        Dialect::Documented => {
            let map: serde_json::Map<String, serde_json::Value> = fields
                .iter()
                .map(|(key, value)| {
                    let value = match value {
                        Lit::Str(text) => json!(text),
                        Lit::Bool(flag) => json!(flag),
                    };
                    ((*key).to_string(), value)
                })
                .collect();
            Reply::ok(serde_json::Value::Object(map))
        }
    }
}

fn failure(ctx: &Ctx, message: &str) -> Reply {
    flat(
        ctx,
        &[
            ("success", Lit::Str(abap_flag(false))),
            ("error", Lit::Str(message)),
        ],
    )
}

pub(crate) fn create(ctx: &Ctx, body: &Body) -> Outcome {
    let url = body.text("url");
    let package = body.text("package");
    require(
        blank(ctx, &url) || blank(ctx, &package),
        "URL and package are required",
    )?;
    let optional = |key: &str| Some(body.text(key)).filter(|v| !v.trim().is_empty());
    let request = NewRepo {
        url,
        branch: optional("branch"),
        package,
        name: optional("name"),
        display_name: optional("display_name"),
        folder_logic: optional("folder_logic"),
        folder: optional("folder"),
        user: ctx.logon.user.clone(),
    };
    let created = ctx.state.system().create_repo(&request);
    Ok(match created {
        Ok(repo) => flat(
            ctx,
            &[
                ("success", Lit::Str(abap_flag(true))),
                ("repo_key", Lit::Str(&repo.key)),
                ("repo_name", Lit::Str(&repo.name)),
                ("message", Lit::Str("Repository created successfully")),
            ],
        ),
        Err(error) => failure(ctx, &error.to_string()),
    })
}

pub(crate) fn delete(ctx: &Ctx, body: &Body) -> Outcome {
    let url = body.text("url");
    require(
        blank(ctx, &url) && blank(ctx, &body.text("repo_key")),
        message(ctx, "URL or repo_key is required", "URL is required"),
    )?;
    if blank(ctx, &url) {
        // The resource accepts repo_key, but the command needs the URL.
        return Ok(failure(ctx, "URL is required"));
    }
    let deleted = ctx.state.system().delete_repo(&url);
    Ok(match deleted {
        Ok(repo) => flat(
            ctx,
            &[
                ("success", Lit::Str(abap_flag(true))),
                ("repo_key", Lit::Str(&repo.key)),
                ("message", Lit::Str("Repository deleted successfully")),
            ],
        ),
        Err(SystemError::RepositoryNotFound) if ctx.dialect == Dialect::Documented => {
            failure(ctx, "No suitable repository found")
        }
        Err(error) => failure(ctx, &error.to_string()),
    })
}

pub(crate) fn status(ctx: &Ctx, body: &Body) -> Outcome {
    let url = body.text("url");
    require(blank(ctx, &url), "URL is required")?;
    let system = ctx.state.system();
    let found = system
        .repo_by_url(&url)
        .map(|repo| (repo.clone(), system.transport_required(&repo.package)));
    drop(system);
    Ok(match found {
        Some((repo, transport_required)) => {
            let mut fields = vec![
                ("success", Lit::Bool(true)),
                ("url", Lit::Str(&url)),
                ("status", Lit::Str("Found")),
                ("repo_key", Lit::Str(&repo.key)),
                ("package", Lit::Str(&repo.package)),
            ];
            if ctx.dialect == Dialect::AsImplemented {
                fields.push(("transport_required", Lit::Bool(transport_required)));
            }
            flat(ctx, &fields)
        }
        None => flat(
            ctx,
            &[
                ("success", Lit::Bool(true)),
                ("url", Lit::Str(&url)),
                ("status", Lit::Str("Not found")),
            ],
        ),
    })
}

pub(crate) fn drop_object(ctx: &Ctx, body: &Body) -> Outcome {
    let file = body.text("file");
    require(
        blank(ctx, &file),
        message(ctx, "file is required", "File is required"),
    )?;
    if ctx.dialect == Dialect::AsImplemented {
        return Ok(drop_as_implemented(ctx, &file));
    }
    let Some(parsed) = abap_system::parse_file_to_object(&file) else {
        return Ok(failure(
            ctx,
            &format!("Cannot determine object from file {file}"),
        ));
    };
    let Some(object_type) = ObjectType::from_code(&parsed.object_type) else {
        return Ok(failure(
            ctx,
            &format!("Unsupported object type {}", parsed.object_type),
        ));
    };
    let dropped = ctx.state.system().drop_object(object_type, &parsed.name);
    Ok(match dropped {
        Ok(entry) => {
            let message = format!("Object {} {} deleted", entry.object_type, entry.name);
            flat(
                ctx,
                &[
                    ("success", Lit::Str(abap_flag(true))),
                    ("object", Lit::Str(&entry.name)),
                    ("type", Lit::Str(entry.object_type.code())),
                    ("message", Lit::Str(&message)),
                ],
            )
        }
        Err(error) => failure(ctx, &error.to_string()),
    })
}

/// `ZCL_ABGAGT_AGENT->drop` with its texts: the TADIR lookup decides what exists, so a type
/// the sandbox does not model is "not found in TADIR" as on a system without it.
fn drop_as_implemented(ctx: &Ctx, file: &str) -> Reply {
    let Some(parsed) = abap_system::parse_file_to_object(file) else {
        return failure(
            ctx,
            &format!("Cannot derive object type/name from file: {file}"),
        );
    };
    if parsed.object_type == "DTEL" {
        return failure(
            ctx,
            "drop does not support DTEL objects. Edit the XML and use pull instead.",
        );
    }
    let not_found = || {
        failure(
            ctx,
            &format!(
                "Object {} ({}) not found in TADIR",
                parsed.name, parsed.object_type
            ),
        )
    };
    let Some(object_type) = ObjectType::from_code(&parsed.object_type) else {
        return not_found();
    };
    match ctx.state.system().drop_object(object_type, &parsed.name) {
        Ok(entry) => flat(
            ctx,
            &[
                ("success", Lit::Str(abap_flag(true))),
                ("object", Lit::Str(&entry.name)),
                ("type", Lit::Str(entry.object_type.code())),
                ("message", Lit::Str("Object deleted successfully")),
            ],
        ),
        Err(SystemError::ObjectNotFound(_)) => not_found(),
        Err(error) => failure(ctx, &error.to_string()),
    }
}
