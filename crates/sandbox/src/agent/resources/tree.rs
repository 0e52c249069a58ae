//! `/tree`: the package hierarchy with object counts.

use std::collections::BTreeMap;

use abap_system::{ObjectFilter, ObjectType, PackageNode, SystemError};
use serde_json::{json, Value};

use super::{require, Outcome};
use crate::agent::reply::upper_keys;
use crate::agent::{Body, Ctx, Reply};
use crate::config::Dialect;

const DEFAULT_DEPTH: i64 = 3;
const MAX_DEPTH: i64 = 10;

struct Tree {
    parent_package: String,
    nodes: Vec<PackageNode>,
    /// Object counts by type over the listed packages (DEVC excluded).
    by_type: BTreeMap<String, usize>,
}

pub(crate) fn post(ctx: &Ctx, body: &Body) -> Outcome {
    let package = body.text("package").trim().to_ascii_uppercase();
    require(package.is_empty(), "Package is required")?;
    let depth = match body.int("depth")? {
        d if d <= 0 => DEFAULT_DEPTH,
        d => d.min(MAX_DEPTH),
    };
    let include_objects = body.flag("include_objects");
    let tree = {
        let system = ctx.state.system();
        system.package_tree(&package, depth as u32).map(|nodes| {
            let mut by_type = BTreeMap::new();
            for node in &nodes {
                let objects = system
                    .objects_in_package(&node.package, &ObjectFilter::default())
                    .unwrap_or_default();
                for object in objects {
                    if object.object_type != ObjectType::Devc {
                        *by_type
                            .entry(object.object_type.code().to_string())
                            .or_insert(0) += 1;
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
                Dialect::AsImplemented => Reply::ok(upper_keys(json!({
                    "success": false,
                    "command": "TREE",
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
            json!({
                "package": node.package,
                "parent": node.parent,
                // As implemented the description is the package name, not its text.
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
    let objects: Vec<Value> = if include_objects {
        tree.by_type
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
