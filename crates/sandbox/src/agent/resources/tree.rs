//! `/tree`: the package hierarchy with object counts.

use std::collections::BTreeMap;

use abap_system::{ObjectFilter, ObjectType, PackageNode, SystemError};
use serde_json::{json, Value};

use super::{int_field, require, Outcome};
use crate::agent::reply::upper_keys;
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;

const DEFAULT_DEPTH: i64 = 3;
const MAX_DEPTH: i64 = 10;

struct Tree {
    /// The root's parent (TDEVC-PARENTCL).
    parent_package: String,
    nodes: Vec<PackageNode>,
    /// Object counts by type (DEVC excluded): the root's first, then types first met in a
    /// subpackage, as the handler appends them.
    by_type: Vec<(String, usize)>,
}

pub(crate) fn post(ctx: &Ctx, body: &Body) -> Outcome {
    // As implemented the package is used as sent (`tdevc-devclass`); the reference folds case.
    let package = match ctx.dialect {
        Dialect::AsImplemented => body.char("package", 30),
        Dialect::Documented => body.text("package").trim().to_ascii_uppercase(),
    };
    require(package.trim().is_empty(), "Package is required")?;
    let depth = match int_field(ctx, body, "depth")? {
        d if d <= 0 => DEFAULT_DEPTH,
        d => d.min(MAX_DEPTH),
    };
    let include_objects = body.flag("include_objects");
    let tree = {
        let system = ctx.state.system();
        let exists = match ctx.dialect {
            Dialect::AsImplemented => system.package_exact(&package).is_some(),
            Dialect::Documented => system.package(&package).is_some(),
        };
        if exists {
            system.package_tree(&package, depth as u32).map(|nodes| {
                let mut by_type: Vec<(String, usize)> = Vec::new();
                for node in &nodes {
                    let objects = system
                        .objects_in_package(&node.package, &ObjectFilter::default())
                        .unwrap_or_default();
                    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
                    for object in objects {
                        if object.object_type != ObjectType::Devc {
                            *counts.entry(object.object_type.code()).or_insert(0) += 1;
                        }
                    }
                    for (code, count) in counts {
                        match by_type.iter_mut().find(|(known, _)| known == code) {
                            Some((_, total)) => *total += count,
                            None => by_type.push((code.to_string(), count)),
                        }
                    }
                }
                Tree {
                    parent_package: system
                        .package(&package)
                        .map(|p| p.parent.clone())
                        .unwrap_or_default(),
                    nodes,
                    by_type,
                }
            })
        } else {
            Err(SystemError::PackageNotFound(package.clone()))
        }
    };
    Ok(render(ctx.dialect, &package, tree, include_objects))
}

fn render(
    dialect: Dialect,
    package: &str,
    tree: Result<Tree, SystemError>,
    include_objects: bool,
) -> Reply {
    let tree = match tree {
        Ok(tree) => tree,
        Err(error) => {
            return match dialect {
                // `build_tree` returns a fresh result for a missing package: the command set
                // before it is lost, so COMMAND is empty.
                Dialect::AsImplemented => Reply::ok(upper_keys(json!({
                    "success": false,
                    "command": "",
                    "package": package,
                    "message": "",
                    "parent_package": "",
                    "nodes": [],
                    "total_packages": 0,
                    "total_objects": 0,
                    "objects": [],
                    "error": error.to_string(),
                }))),
                Dialect::Documented => Reply::ok(json!({
                    "success": false,
                    "command": "TREE",
                    "package": package,
                    "error": error.to_string(),
                })),
            };
        }
    };
    let nodes: Vec<Value> = tree
        .nodes
        .iter()
        .map(|node| {
            // As implemented the root's PARENT is its TDEVC parent and the description is
            // the package name; the reference leaves the root's parent empty.
            let parent = match (dialect, node.depth) {
                (Dialect::AsImplemented, 0) => &tree.parent_package,
                _ => &node.parent,
            };
            json!({
                "package": node.package,
                "parent": parent,
                "description": match dialect {
                    Dialect::AsImplemented => &node.package,
                    Dialect::Documented => &node.description,
                },
                "depth": node.depth,
                "object_count": node.object_count,
            })
        })
        .collect();
    let total_objects: usize = tree.nodes.iter().map(|n| n.object_count).sum();
    let mut by_type = tree.by_type;
    if dialect == Dialect::Documented {
        by_type.sort();
    }
    let objects: Vec<Value> = if include_objects {
        by_type
            .iter()
            .map(|(object, count)| json!({"object": object, "count": count}))
            .collect()
    } else {
        Vec::new()
    };
    let body = json!({
        "success": true,
        "command": "TREE",
        "package": package,
        "message": "Tree retrieved successfully",
        "parent_package": tree.parent_package,
        "nodes": nodes,
        "total_packages": tree.nodes.len(),
        "total_objects": total_objects,
        "objects": objects,
        "error": "",
    });
    Reply::cased(dialect, body)
}
