//! The read-only resources in both dialects: shapes, key casing, value types, and values that
//! agree with the simulated system behind them.

mod support;

use abap_system::{ObjectFilter, ObjectType, System, TadirSelect};
use reqwest::StatusCode;
use sandbox::Dialect;
use serde_json::{json, Value};
use support::*;

const DIALECTS: [Dialect; 2] = [Dialect::Documented, Dialect::AsImplemented];

fn seeded() -> System {
    System::seeded()
}

/// `key` in the dialect's casing for UPPER-keyed resources.
fn k(dialect: Dialect, key: &str) -> String {
    match dialect {
        Dialect::Documented => key.to_string(),
        Dialect::AsImplemented => key.to_ascii_uppercase(),
    }
}

#[tokio::test]
async fn health_answers_status_and_version() {
    for (dialect, version) in [
        (Dialect::Documented, "1.0.0"),
        (Dialect::AsImplemented, "1.18.1"),
    ] {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let response = agent.get("health").await;
        assert_eq!(response.headers()["content-type"], "application/json");
        let text = response.text().await.unwrap();
        assert!(!text.contains('\n'), "compact JSON");
        let body: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(body, json!({"status": "OK", "version": version}));
    }
}

#[tokio::test]
async fn tree_lists_subpackages_with_counts() {
    let system = seeded();
    let root = "ZFLIGHT";
    let expected = system.package_tree(root, 3).unwrap();
    for dialect in DIALECTS {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let (status, body) = agent
            .post("tree", json!({"package": root, "include_objects": true}))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body[k(dialect, "success")], true);
        assert_eq!(body[k(dialect, "command")], "TREE");
        let nodes = body[k(dialect, "nodes")].as_array().unwrap();
        assert_eq!(nodes.len(), expected.len());
        assert_eq!(body[k(dialect, "total_packages")], expected.len());
        let total: usize = expected.iter().map(|n| n.object_count).sum();
        assert_eq!(body[k(dialect, "total_objects")], total);
        assert_eq!(nodes[0][k(dialect, "package")], root);
        assert_eq!(nodes[0][k(dialect, "depth")], 0);
        assert!(nodes.iter().any(|n| n[k(dialect, "depth")] == 1));
        let by_type = body[k(dialect, "objects")].as_array().unwrap();
        let counted: u64 = by_type
            .iter()
            .map(|o| o[k(dialect, "count")].as_u64().unwrap())
            .sum();
        assert_eq!(counted as usize, total);
        if dialect == Dialect::AsImplemented {
            assert!(all_upper(&body));
            assert_eq!(
                nodes[0]["DESCRIPTION"], root,
                "description is the package name"
            );
        } else {
            assert!(all_lower(&body));
        }

        let (status, missing) = agent.post("tree", json!({"package": "ZNOPE"})).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(missing[k(dialect, "success")], false);
        assert_eq!(missing[k(dialect, "error")], "Package ZNOPE does not exist");
    }
}

#[tokio::test]
async fn list_pages_and_filters_objects() {
    let system = seeded();
    let package = "ZFLIGHT_CORE";
    let all = system
        .objects_in_package(package, &ObjectFilter::default())
        .unwrap();
    let classes = all
        .iter()
        .filter(|o| o.object_type == ObjectType::Clas)
        .count();
    assert!(classes >= 2, "seed has classes in {package}");
    for dialect in DIALECTS {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let type_filter = match dialect {
            Dialect::Documented => json!(["CLAS"]),
            Dialect::AsImplemented => json!("CLAS"),
        };
        let (status, body) = agent
            .post(
                "list",
                json!({"package": package, "type": type_filter, "limit": 1, "offset": 1}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body[k(dialect, "total")], classes);
        assert_eq!(body[k(dialect, "limit")], 1);
        assert_eq!(body[k(dialect, "offset")], 1);
        let objects = body[k(dialect, "objects")].as_array().unwrap();
        assert_eq!(objects.len(), 1);
        match dialect {
            Dialect::AsImplemented => {
                assert_eq!(objects[0]["TYPE"], "CLAS");
                assert!(objects[0]["NAME"].as_str().unwrap().starts_with("Z"));
                assert_eq!(body["BY_TYPE"], json!([{"TYPE": "CLAS", "COUNT": 1}]));
            }
            Dialect::Documented => {
                assert_eq!(objects[0]["object"], "CLAS");
                assert!(objects[0]["description"].is_string());
                assert_eq!(body["message"], "Objects retrieved successfully");
            }
        }
        let pattern_key = match dialect {
            Dialect::Documented => "name_pattern",
            Dialect::AsImplemented => "name",
        };
        let (_, none) = agent
            .post("list", json!({"package": package, pattern_key: "ZZZ*"}))
            .await;
        assert_eq!(none[k(dialect, "total")], 0);
    }
}

/// `ZCL_ABGAGT_COMMAND_LIST` selects from TADIR with the package as sent, `LIKE` on the name
/// and `ORDER BY object, obj_name`; pages are cut from that order.
#[tokio::test]
async fn list_as_implemented_selects_like_the_handler() {
    let system = seeded();
    let package = "ZFLIGHT_CORE";
    let expected: Vec<(String, String)> = system
        .select_tadir(&TadirSelect {
            devclass: package.to_string(),
            ..TadirSelect::default()
        })
        .iter()
        .map(|o| (o.object_type.code().to_string(), o.name.clone()))
        .collect();
    assert!(expected.len() > 6);
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;

    // Pages of 4 put together give the SELECT's order: by type code, then name.
    let mut paged = Vec::new();
    for offset in (0..expected.len()).step_by(4) {
        let (_, page) = agent
            .post(
                "list",
                json!({"package": package, "limit": 4, "offset": offset}),
            )
            .await;
        assert_eq!(page["TOTAL"], expected.len());
        for object in page["OBJECTS"].as_array().unwrap() {
            paged.push((
                object["TYPE"].as_str().unwrap().to_string(),
                object["NAME"].as_str().unwrap().to_string(),
            ));
        }
    }
    assert_eq!(paged, expected);
    let mut by_code = expected.clone();
    by_code.sort();
    assert_eq!(expected, by_code);

    // The package is not upper-cased: TDEVC has no `zflight_core`.
    let (status, lower) = agent.post("list", json!({"package": "zflight_core"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(lower["SUCCESS"], false);
    assert_eq!(lower["ERROR"], "Package zflight_core does not exist");
    assert_eq!(lower["PACKAGE"], "zflight_core");
    assert_eq!(
        lower["LIMIT"], 0,
        "defaults are set after the package check"
    );

    // `name` goes to LIKE: `*` becomes `%`, `_` matches one character, case counts.
    let names = |body: &Value| -> Vec<String> {
        body["OBJECTS"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["NAME"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, lower_pattern) = agent
        .post("list", json!({"package": package, "name": "zcl_flight*"}))
        .await;
    assert_eq!(lower_pattern["TOTAL"], 0);
    let (_, one_char) = agent
        .post(
            "list",
            json!({"package": package, "name": "ZCL_FLIGHT_PRICIN_"}),
        )
        .await;
    assert_eq!(names(&one_char), ["ZCL_FLIGHT_PRICING"]);
    let (_, plus) = agent
        .post(
            "list",
            json!({"package": package, "name": "ZCL_FLIGHT_PRICIN+"}),
        )
        .await;
    assert_eq!(plus["TOTAL"], 0, "`+` is no LIKE wildcard");

    // `type` is split at commas without trimming: " INTF" does not match.
    let (_, spaced) = agent
        .post("list", json!({"package": package, "type": "clas, intf"}))
        .await;
    let types: Vec<&str> = spaced["OBJECTS"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["TYPE"].as_str().unwrap())
        .collect();
    assert!(
        !types.is_empty() && types.iter().all(|t| *t == "CLAS"),
        "{types:?}"
    );
    // An array is no string for `/ui2/cl_json`: the filter is dropped.
    let (_, array) = agent
        .post("list", json!({"package": package, "type": ["CLAS"]}))
        .await;
    assert_eq!(array["TOTAL"], expected.len());
}

/// `ZCL_ABGAGT_COMMAND_TREE`: the package as sent, the root's PARENT is its TDEVC parent,
/// and a missing package loses the COMMAND (`build_tree` returns a fresh result).
#[tokio::test]
async fn tree_as_implemented_uses_the_package_as_sent() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let (_, core) = agent.post("tree", json!({"package": "ZFLIGHT_CORE"})).await;
    assert_eq!(core["SUCCESS"], true);
    assert_eq!(core["PARENT_PACKAGE"], "ZFLIGHT");
    assert_eq!(core["NODES"][0]["PARENT"], "ZFLIGHT");
    let (status, lower) = agent.post("tree", json!({"package": "zflight"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        lower,
        json!({
            "SUCCESS": false, "COMMAND": "", "PACKAGE": "zflight", "MESSAGE": "",
            "PARENT_PACKAGE": "", "NODES": [], "TOTAL_PACKAGES": 0, "TOTAL_OBJECTS": 0,
            "OBJECTS": [], "ERROR": "Package zflight does not exist",
        })
    );
}

#[tokio::test]
async fn view_shows_classes_tables_and_unknown_objects() {
    let system = seeded();
    let class = "ZCL_FLIGHT_PRICING";
    let public = system.class(class).unwrap().public_section();
    let sections = system.class(class).unwrap().sections();
    let table = system.table("SFLIGHT").unwrap().clone();
    for dialect in DIALECTS {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let (status, body) = agent
            .post(
                "view",
                json!({"objects": [class, "SFLIGHT", "ZIF_NOTHING"]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body[k(dialect, "command")], "VIEW");
        let objects = body[k(dialect, "objects")].as_array().unwrap();
        assert_eq!(objects[0][k(dialect, "type")], "CLAS");
        assert_eq!(objects[0][k(dialect, "source")], public.as_str());
        assert_eq!(objects[1][k(dialect, "type")], "TABL");
        let components = objects[1][k(dialect, "components")].as_array().unwrap();
        assert_eq!(components.len(), table.fields.len());
        assert_eq!(components[0][k(dialect, "key")], true);
        assert!(components[0][k(dialect, "length")].is_u64());
        // Packed fields carry their decimals in the documented dialect only: the real
        // handler's COMPONENTS have no DECIMALS.
        let (packed_index, packed) = table
            .fields
            .iter()
            .enumerate()
            .find(|(_, f)| f.decimals > 0)
            .unwrap();
        let decimals = &components[packed_index][k(dialect, "decimals")];
        match dialect {
            Dialect::Documented => assert_eq!(*decimals, packed.decimals),
            Dialect::AsImplemented => assert!(decimals.is_null(), "{decimals}"),
        }
        assert_eq!(objects[2][k(dialect, "not_found")], true);
        // The handler does not clear its work area between objects: a type without a
        // viewer keeps the previous object's TYPE_TEXT.
        let type_text = match dialect {
            Dialect::Documented => "Unknown",
            Dialect::AsImplemented => "Table",
        };
        assert_eq!(objects[2][k(dialect, "type_text")], type_text);
        assert_eq!(
            body[k(dialect, "summary")][k(dialect, "by_type")],
            json!(["CLAS", "TABL", ""])
        );

        let (_, full) = agent
            .post("view", json!({"objects": [class], "full": true}))
            .await;
        let object = &full[k(dialect, "objects")][0];
        let got = object[k(dialect, "sections")].as_array().unwrap();
        assert_eq!(got.len(), sections.len());
        assert_eq!(got[0][k(dialect, "suffix")], "CU");
        assert!(got[0][k(dialect, "lines")].is_array());
        if dialect == Dialect::Documented {
            assert!(object.get("source").is_none(), "sections replace source");
        }
    }
}

#[tokio::test]
async fn preview_reads_rows_with_where_columns_and_paging() {
    let system = seeded();
    let all_rows = system.table_rows("SFLIGHT").unwrap().len();
    assert!(all_rows > 12, "seed has flights");
    for dialect in DIALECTS {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let (status, body) = agent
            .post(
                "preview",
                json!({"objects": ["SFLIGHT"], "where": "CARRID = 'LH'", "columns": ["CARRID", "CONNID", "PRICE"], "limit": 3}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        let object = &body[k(dialect, "objects")][0];
        assert_eq!(object[k(dialect, "type")], "TABL");
        assert_eq!(object[k(dialect, "columns_displayed")], 3);
        let total = object[k(dialect, "total_rows")].as_u64().unwrap();
        assert!(total > 0 && (total as usize) < all_rows);
        assert_eq!(object[k(dialect, "row_count")], 3.min(total));
        let fields = object[k(dialect, "fields")].as_array().unwrap();
        assert_eq!(fields.len(), 3);
        match dialect {
            Dialect::AsImplemented => {
                // ROWS is a JSON string; rows carry every column (SELECT *).
                let rows: Vec<Value> =
                    serde_json::from_str(object["ROWS"].as_str().unwrap()).unwrap();
                assert!(rows.iter().all(|r| r["CARRID"] == "LH"));
                assert!(rows[0].get("SEATSMAX").is_some());
                assert_eq!(fields[0]["TYPE"], "C", "RTTI kind letter");
                assert_eq!(fields[0]["LENGTH"], 6, "RTTI byte length");
                assert!(body["PAGINATION"]["HAS_MORE"].is_boolean());
            }
            Dialect::Documented => {
                let rows = object["rows"].as_array().unwrap();
                assert!(rows.iter().all(|r| r["CARRID"] == "LH"));
                assert!(rows[0].get("SEATSMAX").is_none());
                assert_eq!(fields[0]["type"], "CHAR");
                assert_eq!(fields[0]["length"], 3);
                assert!(rows[0]["CONNID"].is_u64(), "NUMC as a number");
                let date = rows[0].get("FLDATE");
                assert!(date.is_none(), "not among the displayed columns");
            }
        }

        // Limits: the reference caps at 100, the implementation has no maximum.
        let (_, many) = agent
            .post("preview", json!({"objects": ["SFLIGHT"], "limit": 100000}))
            .await;
        let rows = many[k(dialect, "objects")][0][k(dialect, "row_count")]
            .as_u64()
            .unwrap() as usize;
        match dialect {
            Dialect::Documented => assert_eq!(rows, all_rows.min(100)),
            Dialect::AsImplemented => assert_eq!(rows, all_rows),
        }

        // Offset pages through rows ordered by the first column.
        let (_, page) = agent
            .post(
                "preview",
                json!({"objects": ["SFLIGHT"], "limit": 5, "offset": 5}),
            )
            .await;
        assert_eq!(page[k(dialect, "objects")][0][k(dialect, "row_count")], 5);
        let first_row = match dialect {
            Dialect::Documented => page["objects"][0]["rows"][0].clone(),
            Dialect::AsImplemented => {
                let rows: Vec<Value> =
                    serde_json::from_str(page["OBJECTS"][0]["ROWS"].as_str().unwrap()).unwrap();
                rows[0].clone()
            }
        };
        // Both write ISO dates: `/ui2/cl_json` formats DATS as YYYY-MM-DD.
        let date = first_row["FLDATE"].as_str().unwrap();
        assert_eq!(date.as_bytes()[4], b'-', "ISO date {date}");

        let (_, missing) = agent
            .post("preview", json!({"objects": ["ZNOTABLE"]}))
            .await;
        let expected_error = match dialect {
            Dialect::Documented => "Table or view not found: ZNOTABLE",
            Dialect::AsImplemented => "Object not found or not accessible: ZNOTABLE",
        };
        assert_eq!(
            missing[k(dialect, "objects")][0][k(dialect, "error")],
            expected_error
        );
        let expected_success = dialect == Dialect::Documented;
        assert_eq!(missing[k(dialect, "success")], expected_success);
    }
}

/// The reference answers a broken WHERE with 400; the handler catches the SELECT's exception
/// in `fetch_table_data` and answers 200 with the object's ERROR.
#[tokio::test]
async fn preview_broken_where_is_an_object_error_as_implemented() {
    let sandbox = start(Dialect::Documented).await;
    let agent = Agent::logon(&sandbox).await;
    let broken = agent
        .post_raw(
            "preview",
            json!({"objects": ["SFLIGHT"], "where": "CARRID = = 'LH'"}).to_string(),
        )
        .await;
    assert_eq!(broken.status(), StatusCode::BAD_REQUEST);
    assert!(broken
        .text()
        .await
        .unwrap()
        .contains("\"command\":\"Preview\""));

    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    for (condition, columns) in [
        ("CARRID = = 'LH'", json!([])),
        ("NO_SUCH_FIELD = 1", json!(["CARRID", "carrid"])),
    ] {
        let (status, body) = agent
            .post(
                "preview",
                json!({"objects": ["sflight"], "where": condition, "columns": columns}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{condition}");
        assert_eq!(body["SUCCESS"], false);
        assert_eq!(body["MESSAGE"], "Some objects could not be retrieved");
        let object = &body["OBJECTS"][0];
        let error = object["ERROR"].as_str().unwrap();
        assert!(!error.is_empty(), "{condition}");
        assert_eq!(object["NAME"], "sflight", "the name as sent");
        assert_eq!(object["TYPE"], "TABL");
        assert_eq!(
            object["TYPE_TEXT"], "TABL",
            "an error sets the type as text"
        );
        assert_eq!(object["ROWS"], "");
        assert_eq!(object["ROW_COUNT"], 0);
        assert_eq!(object["TOTAL_ROWS"], 0);
        assert_eq!(object["FIELDS"], json!([]));
        if condition.starts_with("NO_SUCH") {
            assert!(error.contains("NO_SUCH_FIELD"), "{error}");
            // Columns are matched exactly: `carrid` hides nothing more, CARRID stays.
            let hidden = object["COLUMNS_HIDDEN"].as_array().unwrap();
            assert!(!hidden.contains(&json!("CARRID")));
            assert!(hidden.contains(&json!("PRICE")));
        }
    }
}

/// ROWS is `/ui2/cl_json=>serialize` of the selected table: DATS as `2026-10-31`, TIMS as
/// `10:30:00`, NUMC as a number without leading zeros, packed numbers with their decimals.
#[tokio::test]
async fn preview_rows_are_written_by_the_json_serializer_as_implemented() {
    let sandbox = start(Dialect::AsImplemented).await;
    // The sandbox's own data: its seed dates follow the day it started.
    let (table, first) = sandbox.edit_system(|system| {
        (
            system.table("SFLIGHT").unwrap().clone(),
            system.table_rows("SFLIGHT").unwrap()[0].clone(),
        )
    });
    let value_of = |name: &str| first[table.field_index(name).unwrap()].clone();
    let abap_system::Value::Date(date) = value_of("FLDATE") else {
        panic!("FLDATE is a date")
    };
    let abap_system::Value::Numc(connid) = value_of("CONNID") else {
        panic!("CONNID is NUMC")
    };
    assert!(
        connid.starts_with('0'),
        "seed CONNID has leading zeros: {connid}"
    );
    let agent = Agent::logon(&sandbox).await;
    let (_, body) = agent
        .post("preview", json!({"objects": ["SFLIGHT"], "limit": 1}))
        .await;
    let text = body["OBJECTS"][0]["ROWS"].as_str().unwrap();
    let rows: Vec<Value> = serde_json::from_str(text).unwrap();
    let iso = format!("{}-{}-{}", &date[0..4], &date[4..6], &date[6..8]);
    assert_eq!(rows[0]["FLDATE"], iso.as_str());
    assert_eq!(rows[0]["CONNID"], connid.parse::<u64>().unwrap());
    assert!(
        text.contains(&format!("\"CONNID\":{}", connid.trim_start_matches('0'))),
        "{text}"
    );
    // PAGINATION echoes the request: limit 1, and HAS_MORE from the sum of TOTAL_ROWS.
    assert_eq!(body["PAGINATION"]["LIMIT"], 1);
    assert_eq!(body["PAGINATION"]["HAS_MORE"], true);
    assert_eq!(body["PAGINATION"]["NEXT_OFFSET"], 1);
    let (_, unpaged) = agent.post("preview", json!({"objects": ["SFLIGHT"]})).await;
    assert_eq!(unpaged["PAGINATION"]["LIMIT"], 0, "as sent");
    assert_eq!(unpaged["PAGINATION"]["HAS_MORE"], false, "no limit sent");
    assert_eq!(unpaged["OBJECTS"][0]["ROW_COUNT"], 10, "the default limit");
}

#[tokio::test]
async fn where_used_reports_references() {
    let system = seeded();
    let interface = "ZIF_FLIGHT_REPOSITORY";
    let (_, references) = system.where_used(interface, None).unwrap();
    assert!(!references.is_empty(), "seed uses {interface}");
    for dialect in DIALECTS {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let (status, body) = agent
            .post("where", json!({"objects": [interface, "ZCL_NOT_THERE"]}))
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body[k(dialect, "command")], "WHERE");
        let objects = body[k(dialect, "objects")].as_array().unwrap();
        assert_eq!(objects[0][k(dialect, "type")], "INTF");
        let got = objects[0][k(dialect, "references")].as_array().unwrap();
        assert!(!got.is_empty());
        assert_eq!(objects[0][k(dialect, "count")], got.len());
        match dialect {
            Dialect::AsImplemented => {
                assert!(got[0]["INCLUDE_NAME"].is_string());
                assert!(got[0]["OBJECT_TYPE"] == "CLAS" || got[0]["OBJECT_TYPE"] == "PROG");
                assert_eq!(objects[1]["ERROR"], "Object not found: ZCL_NOT_THERE");
                assert!(body["PAGINATION"]["TOTAL"].is_u64());
            }
            Dialect::Documented => {
                assert!(got[0]["line"].is_u64());
                assert!(got[0]["obj_name"].is_string());
                assert_eq!(objects[1]["not_found"], true);
                assert_eq!(body["message"], "Retrieved where-used list");
            }
        }
    }
}

#[tokio::test]
async fn syntax_checks_sent_sources() {
    for dialect in DIALECTS {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let (status, body) = agent
            .post(
                "syntax",
                json!({"objects": [
                    {"type": "PROG", "name": "ZOK", "source": "REPORT zok.\nWRITE / 'hello'."},
                    {"type": "PROG", "name": "ZBAD", "source": "REPORT zbad.\nDATA lv_x TYPE i.\nlv_y = 1."},
                    {"type": "XSLT", "name": "ZX", "source": "x"}
                ]}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body[k(dialect, "success")], false);
        assert_eq!(body[k(dialect, "command")], "SYNTAX");
        assert_eq!(
            body[k(dialect, "message")],
            "2 of 3 object(s) have syntax errors"
        );
        let results = body[k(dialect, "results")].as_array().unwrap();
        assert_eq!(results[0][k(dialect, "success")], true);
        assert_eq!(results[1][k(dialect, "success")], false);
        let error = &results[1][k(dialect, "errors")][0];
        assert_eq!(error[k(dialect, "line")], 3, "line as a number");
        assert!(error[k(dialect, "text")].as_str().unwrap().len() > 5);
        assert!(results[2][k(dialect, "message")]
            .as_str()
            .unwrap()
            .starts_with("Unsupported object type: XSLT"));
    }
}

#[tokio::test]
async fn syntax_reports_only_the_first_class_error_as_implemented() {
    let source = "CLASS zcl_broken DEFINITION PUBLIC.\n  PUBLIC SECTION.\n    METHODS run.\nENDCLASS.\nCLASS zcl_broken IMPLEMENTATION.\n  METHOD run.\n    lv_a = 1.\n    lv_b = 2.\n  ENDMETHOD.\nENDCLASS.";
    let mut counts = Vec::new();
    for dialect in DIALECTS {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let (_, body) = agent
            .post(
                "syntax",
                json!({"objects": [{"type": "CLAS", "name": "ZCL_BROKEN", "source": source}]}),
            )
            .await;
        let result = &body[k(dialect, "results")][0];
        let include = &result[k(dialect, "errors")][0][k(dialect, "include")];
        match dialect {
            Dialect::AsImplemented => assert_eq!(include, "main"),
            Dialect::Documented => assert_eq!(include, "Main class"),
        }
        counts.push(result[k(dialect, "error_count")].as_u64().unwrap());
    }
    assert!(counts[0] >= 2, "documented: every error");
    assert_eq!(counts[1], 1, "as implemented: the first error only");
}

#[tokio::test]
async fn inspect_answers_an_array_as_implemented_and_an_object_as_documented() {
    let file = "src/zcl_flight_pricing.clas.abap";
    {
        let sandbox = start(Dialect::AsImplemented).await;
        let agent = Agent::logon(&sandbox).await;
        let (status, body) = agent.post("inspect", json!({"files": [file]})).await;
        assert_eq!(status, StatusCode::OK);
        let array = body.as_array().expect("top-level array");
        assert_eq!(array[0]["OBJECT_TYPE"], "CLAS");
        assert_eq!(array[0]["OBJECT_NAME"], "ZCL_FLIGHT_PRICING");
        assert!(array[0]["SUCCESS"].is_boolean());
        assert!(array[0]["INFOS"].is_array());

        let (_, variant) = agent
            .post("inspect", json!({"files": [file], "variant": "NOPE"}))
            .await;
        assert_eq!(variant[0]["OBJECT_TYPE"], "VARIANT");
        assert_eq!(variant[0]["ERRORS"][0]["LINE"], "0", "line as a string");
        assert_eq!(
            variant[0]["ERRORS"][0]["TEXT"],
            "Check variant \"NOPE\" not found (rc=1)"
        );
        let (_, unparsable) = agent
            .post("inspect", json!({"files": ["zfg.fugr.zmy_fm.abap"]}))
            .await;
        assert_eq!(unparsable[0]["OBJECT_TYPE"], "N/A");
    }
    {
        let sandbox = start(Dialect::Documented).await;
        let agent = Agent::logon(&sandbox).await;
        let (_, body) = agent.post("inspect", json!({"files": [file]})).await;
        assert!(body.is_object());
        assert_eq!(body["object_type"], "CLAS");
        assert!(body["success"] == "X" || body["success"] == "");
        assert!(body["error_count"].is_u64());
    }
}

#[tokio::test]
async fn inspect_places_errors_of_stored_objects_with_string_lines() {
    // Find a stored program or class the checker flags, and compare.
    let system = seeded();
    let flagged = system
        .objects()
        .filter(|o| matches!(o.object_type, ObjectType::Prog | ObjectType::Clas))
        .find(|o| {
            system
                .syntax_check_object(o.object_type, &o.name)
                .map(|m| !m.is_empty())
                .unwrap_or(false)
        });
    let Some(object) = flagged else {
        // Every seeded source is clean: inspect must then report success for one of them.
        let sandbox = start(Dialect::AsImplemented).await;
        let agent = Agent::logon(&sandbox).await;
        let (_, body) = agent
            .post(
                "inspect",
                json!({"files": ["zcl_flight_pricing.clas.abap"]}),
            )
            .await;
        assert_eq!(body[0]["SUCCESS"], true);
        assert_eq!(body[0]["ERROR_COUNT"], 0);
        return;
    };
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let extension = object.object_type.code().to_ascii_lowercase();
    let file = format!("{}.{extension}.abap", object.name.to_ascii_lowercase());
    let (_, body) = agent.post("inspect", json!({"files": [file]})).await;
    let element = &body[0];
    let messages = element["ERRORS"]
        .as_array()
        .unwrap()
        .iter()
        .chain(element["WARNINGS"].as_array().unwrap())
        .count();
    assert!(messages > 0);
    if let Some(error) = element["ERRORS"].as_array().unwrap().first() {
        assert!(error["LINE"].is_string());
        assert!(error["SOBJNAME"]
            .as_str()
            .unwrap()
            .starts_with(&object.name));
    }
}

#[tokio::test]
async fn unit_runs_the_test_classes() {
    let system = seeded();
    let class = "ZCL_DEMO_CALCULATOR";
    let run = system.run_unit_tests(class).unwrap();
    assert!(!run.tests.is_empty(), "seed has tests for {class}");
    for dialect in DIALECTS {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let (status, body) = agent
            .post(
                "unit",
                json!({"files": ["src/zcl_demo_calculator.clas.testclasses.abap"], "coverage": true}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body[k(dialect, "test_count")], run.tests.len());
        assert_eq!(body[k(dialect, "passed_count")], run.passed_count());
        assert_eq!(body[k(dialect, "failed_count")], run.failed_count());
        assert_eq!(
            body[k(dialect, "errors")].as_array().unwrap().len(),
            run.failed_count()
        );
        let all_passed = run.failed_count() == 0;
        match dialect {
            Dialect::AsImplemented => {
                assert_eq!(body["SUCCESS"], all_passed);
                assert!(body["COVERAGE_STATS"]["COVERAGE_RATE"].is_number());
                assert_eq!(body["COVERAGE_LINES"], json!([]));
            }
            Dialect::Documented => {
                assert_eq!(body["success"], if all_passed { "X" } else { "" });
            }
        }
        let (_, package_only) = agent.post("unit", json!({"package": "$ZDEMO"})).await;
        assert_eq!(
            package_only[k(dialect, "message")],
            "No test results returned"
        );
    }
}

#[tokio::test]
async fn dump_lists_recent_dumps_with_filters() {
    for dialect in DIALECTS {
        let sandbox = start(dialect).await;
        let agent = Agent::logon(&sandbox).await;
        let (status, body) = agent.post("dump", json!({})).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body[k(dialect, "command")], "DUMP");
        let dumps = body[k(dialect, "dumps")].as_array().unwrap();
        assert_eq!(body[k(dialect, "total")], dumps.len());
        assert!(dumps.len() <= 20, "default limit");
        assert!(!dumps.is_empty(), "the seed has dumps in the last 7 days");
        {
            let first = &dumps[0];
            let user = first[k(dialect, "user")].as_str().unwrap().to_string();
            assert_eq!(first[k(dialect, "date")].as_str().unwrap().len(), 10);
            assert_eq!(first[k(dialect, "time")].as_str().unwrap().len(), 8);
            assert_eq!(
                first[k(dialect, "id")].as_str().unwrap().split(':').count(),
                6
            );
            let (_, by_user) = agent
                .post("dump", json!({"user": user, "limit": 500}))
                .await;
            let listed = by_user[k(dialect, "dumps")].as_array().unwrap();
            assert!(listed
                .iter()
                .all(|d| d[k(dialect, "user")] == user.as_str()));
            assert!(listed.len() <= 20, "limits over 100 fall back to 20");

            let id = first[k(dialect, "id")].as_str().unwrap();
            let (_, detail) = agent.post("dump", json!({"detail": id})).await;
            let stack = detail[k(dialect, "dumps")][0][k(dialect, "call_stack")]
                .as_array()
                .unwrap();
            assert!(stack.iter().any(|f| f[k(dialect, "level")] == 0));
            let excerpt = stack
                .iter()
                .find(|f| f[k(dialect, "level")] == 0)
                .and_then(|f| f[k(dialect, "method")].as_str())
                .unwrap();
            assert!(excerpt.contains(">>>>>"), "error line marked");

            // Date and time range around this dump's own second finds it.
            let date = first[k(dialect, "date")].as_str().unwrap().replace('-', "");
            let time = first[k(dialect, "time")].as_str().unwrap().replace(':', "");
            let (_, ranged) = agent
                .post(
                    "dump",
                    json!({"date_from": date, "date_to": date, "time_from": time, "time_to": time}),
                )
                .await;
            let ids: Vec<&str> = ranged[k(dialect, "dumps")]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d[k(dialect, "id")].as_str().unwrap())
                .collect();
            assert!(ids.contains(&id));

            let program = first[k(dialect, "program")].as_str().unwrap();
            let (_, by_program) = agent.post("dump", json!({"program": program})).await;
            assert!(
                by_program[k(dialect, "dumps")]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|d| d[k(dialect, "program")] == program
                        || d[k(dialect, "object")] == program)
            );
        }
        let (_, none) = agent
            .post(
                "dump",
                json!({"date_from": "19990101", "date_to": "19990102"}),
            )
            .await;
        assert_eq!(none[k(dialect, "total")], 0);
    }
}

/// `ZCL_ABGAGT_COMMAND_WHERE`: the summary and the message give the full count of references,
/// not the size of the page; names and types are used as sent.
#[tokio::test]
async fn where_used_counts_every_reference_as_implemented() {
    let system = seeded();
    let interface = "ZIF_FLIGHT_REPOSITORY";
    let (_, references) = system.where_used(interface, None).unwrap();
    let total = references
        .iter()
        .filter(|r| matches!(r.object_type, ObjectType::Clas | ObjectType::Prog))
        .count();
    assert!(total >= 2, "seed has {total} users of {interface}");
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let (_, body) = agent
        .post("where", json!({"objects": [interface], "limit": 1}))
        .await;
    assert_eq!(body["OBJECTS"][0]["COUNT"], 1);
    assert_eq!(body["SUMMARY"]["TOTAL_REFERENCES"], total);
    assert_eq!(body["MESSAGE"], format!("Found {total} references"));
    assert_eq!(
        body["PAGINATION"],
        json!({"LIMIT": 1, "OFFSET": 0, "TOTAL": total, "HAS_MORE": true, "NEXT_OFFSET": 1})
    );

    // A negative limit is not initial: no limit, and no next page.
    let (_, body) = agent
        .post("where", json!({"objects": [interface], "limit": -1}))
        .await;
    assert_eq!(body["OBJECTS"][0]["COUNT"], total);
    assert_eq!(body["PAGINATION"]["LIMIT"], -1);
    assert_eq!(body["PAGINATION"]["HAS_MORE"], false);

    // TADIR holds upper-case names and types: what is sent in lower case is not found.
    let lower = interface.to_ascii_lowercase();
    let (_, body) = agent.post("where", json!({"objects": [lower]})).await;
    assert_eq!(
        body["OBJECTS"][0]["ERROR"],
        format!("Object not found: {lower}")
    );
    assert_eq!(body["OBJECTS"][0]["TYPE"], "INTF", "CP ignores case");
    assert_eq!(body["MESSAGE"], "Found 0 references");
    let (_, body) = agent
        .post("where", json!({"objects": [interface], "type": "intf"}))
        .await;
    assert_eq!(body["OBJECTS"][0]["TYPE"], "intf");
    assert_eq!(
        body["OBJECTS"][0]["ERROR"],
        format!("Object not found: {interface}")
    );
}

/// `ZCL_ABGAGT_COMMAND_DUMP`: an unknown id in `detail` is "Short dump not found", list rows
/// carry only the SNAP_ADT fields, filters compare exactly, and `ts_from` without `ts_to`
/// selects up to timestamp 0.
#[tokio::test]
async fn dump_answers_as_the_handler_writes_them() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let (status, missing) = agent
        .post(
            "dump",
            json!({"detail": "19990101:000000:nohost:NOBODY:100:0"}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        missing,
        json!({"SUCCESS": false, "COMMAND": "DUMP", "MESSAGE": "", "TOTAL": 0, "DUMPS": [], "ERROR": "Short dump not found"})
    );

    let (_, listed) = agent.post("dump", json!({})).await;
    let dumps = listed["DUMPS"].as_array().unwrap();
    assert_eq!(
        listed["MESSAGE"],
        format!("{} short dump(s) found", dumps.len())
    );
    let first = &dumps[0];
    assert_eq!(first["CALL_STACK"], json!([]));
    assert_eq!(first["WHAT_HAPPENED"], "");
    assert_eq!(first["SOURCE_LINE"], 0);

    let id = first["ID"].as_str().unwrap();
    let (_, detail) = agent.post("dump", json!({"detail": id})).await;
    assert_eq!(detail["MESSAGE"], "Short dump detail retrieved");
    let item = &detail["DUMPS"][0];
    assert_ne!(item["WHAT_HAPPENED"], "");
    let source = item["CALL_STACK"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["LEVEL"] == 0)
        .expect("source entry");
    assert_eq!(source["PROGRAM"], "", "only METHOD is set");
    assert!(source["METHOD"].as_str().unwrap().contains("\n>>>>> "));

    // uname is compared as sent: upper case in SNAP_ADT.
    let user = first["USER"].as_str().unwrap();
    let (_, lower) = agent
        .post("dump", json!({"user": user.to_ascii_lowercase()}))
        .await;
    assert_eq!(lower["TOTAL"], 0);
    let program = first["PROGRAM"].as_str().unwrap();
    let (_, pattern) = agent
        .post("dump", json!({"program": format!("{}*", &program[..3])}))
        .await;
    assert_eq!(pattern["TOTAL"], 0, "no wildcards");

    let stamp = first["UTC_TIMESTAMP"].as_str().unwrap();
    let (_, open_ended) = agent.post("dump", json!({"ts_from": stamp})).await;
    assert_eq!(open_ended["TOTAL"], 0);
    let (_, bounded) = agent
        .post("dump", json!({"ts_from": stamp, "ts_to": stamp}))
        .await;
    assert_eq!(bounded["DUMPS"][0]["ID"], id);
    let bad = agent
        .post_raw("dump", json!({"ts_from": "yesterday"}).to_string())
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        bad.text().await.unwrap(),
        r#"{"success":false,"command":"Dump","error":"Unable to interpret "yesterday" as a number."}"#
    );
}

/// The checkers behind `/syntax` run one SYNTAX-CHECK: the first error of the assembled
/// source only, MESSAGE is its text, COLUMN and METHOD_NAME stay initial, no warnings; an
/// interface's line counts the INTERFACE-POOL line put in front.
#[tokio::test]
async fn syntax_reports_the_first_error_as_the_checkers_do() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let class_main = "CLASS zcl_x DEFINITION PUBLIC.\n  PUBLIC SECTION.\n    METHODS run.\nENDCLASS.\nCLASS zcl_x IMPLEMENTATION.\n  METHOD run.\n    lv_main = 1.\n  ENDMETHOD.\nENDCLASS.";
    let locals_def =
        "CLASS lcl_helper DEFINITION.\n  PUBLIC SECTION.\n    METHODS go.\nENDCLASS.\nlv_def = 2.";
    let (_, body) = agent
        .post(
            "syntax",
            json!({"objects": [
                {"type": "PROG", "name": "ZTWO", "source": "REPORT ztwo.\nlv_a = 1.\nlv_b = 2."},
                {"type": "CLAS", "name": "ZCL_X", "source": class_main, "locals_def": locals_def},
                {"type": "INTF", "name": "ZIF_X", "source": "INTERFACE zif_x PUBLIC.\n  METHODS run.\n  lv_x = 1.\nENDINTERFACE."},
                {"type": "PROG", "name": "ZTEMPLATE", "source": "REPORT ztemplate.\nDATA lv_ok TYPE string.\nlv_ok = |{ lv_missing }|."}
            ]}),
        )
        .await;
    let results = body["RESULTS"].as_array().unwrap();
    for result in results {
        assert_eq!(result["ERROR_COUNT"], 1, "{result}");
        let errors = result["ERRORS"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{result}");
        assert_eq!(errors[0]["COLUMN"], 0);
        assert_eq!(errors[0]["METHOD_NAME"], "");
        assert_eq!(result["MESSAGE"], errors[0]["TEXT"]);
        assert_eq!(result["WARNINGS"], json!([]));
    }
    assert_eq!(results[0]["ERRORS"][0]["LINE"], 2, "the first of two");
    assert_eq!(results[1]["ERRORS"][0]["INCLUDE"], "locals_def");
    assert_eq!(results[1]["ERRORS"][0]["LINE"], 5);
    assert_eq!(
        results[2]["ERRORS"][0]["LINE"], 4,
        "line 3 + INTERFACE-POOL"
    );
    assert_eq!(
        results[3]["ERRORS"][0]["LINE"], 3,
        "inside a string template"
    );
}

/// ZCL_ABGAGT_COMMAND_UNIT names the tested class (the object's CLSNAME) in CLASS_NAME.
#[tokio::test]
async fn unit_failures_name_the_class_under_test_as_implemented() {
    let system = seeded();
    let failing = system
        .objects()
        .filter(|o| o.object_type == ObjectType::Clas)
        .find_map(|o| {
            system
                .run_unit_tests(&o.name)
                .ok()
                .filter(|run| run.failed_count() > 0)
        })
        .expect("the seed has a class with a failing test");
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let file = format!(
        "src/{}.clas.testclasses.abap",
        failing.class_name.to_ascii_lowercase()
    );
    let (_, body) = agent.post("unit", json!({ "files": [file] })).await;
    let errors = body["ERRORS"].as_array().unwrap();
    assert!(!errors.is_empty(), "{body}");
    for error in errors {
        assert_eq!(error["CLASS_NAME"], failing.class_name.as_str(), "{error}");
    }
}

/// ZCL_ABGAGT_COMMAND_INSPECT->execute as written: every file's object in order, Code
/// Inspector objects before DDLS ones, the variant looked up as sent and only for them,
/// tables pass, an unknown DDLS and "nothing to inspect" as the command reports them.
#[tokio::test]
async fn inspect_follows_the_commands_order_and_texts() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let names = |body: &Value| -> Vec<String> {
        body.as_array()
            .unwrap()
            .iter()
            .map(|o| {
                format!(
                    "{} {}",
                    o["OBJECT_TYPE"].as_str().unwrap(),
                    o["OBJECT_NAME"].as_str().unwrap()
                )
            })
            .collect()
    };
    let (_, mixed) = agent
        .post(
            "inspect",
            json!({"files": [
                "src/zi_flight.ddls.asddls",
                "src/zcl_flight_pricing.clas.abap",
                "src/zcl_flight_pricing.clas.testclasses.abap",
                "src/sflight.tabl.xml",
            ]}),
        )
        .await;
    assert_eq!(
        names(&mixed),
        [
            "CLAS ZCL_FLIGHT_PRICING",
            "CLAS ZCL_FLIGHT_PRICING",
            "TABL SFLIGHT",
            "DDLS ZI_FLIGHT"
        ]
    );
    assert_eq!(mixed[2]["SUCCESS"], true, "nothing to check in a table");

    // Variant names are not upper-cased; DDLS alone never reaches Code Inspector.
    let (_, lower) = agent
        .post(
            "inspect",
            json!({"files": ["src/zi_flight.ddls.asddls", "zcl_flight_pricing.clas.abap"], "variant": "syntax_check"}),
        )
        .await;
    assert_eq!(names(&lower), ["VARIANT syntax_check", "DDLS ZI_FLIGHT"]);
    let (_, ddls_only) = agent
        .post(
            "inspect",
            json!({"files": ["src/zi_flight.ddls.asddls"], "variant": "NOPE"}),
        )
        .await;
    assert_eq!(names(&ddls_only), ["DDLS ZI_FLIGHT"]);

    let (_, missing) = agent
        .post("inspect", json!({"files": ["src/zi_nowhere.ddls.asddls"]}))
        .await;
    assert_eq!(
        missing[0]["ERRORS"],
        json!([{"LINE": "1", "COLUMN": "1", "TEXT": "DDLS ZI_NOWHERE not found in repository",
                "WORD": "", "SOBJNAME": "", "METHOD_NAME": ""}])
    );

    let (_, none) = agent.post("inspect", json!({"files": ["README.md"]})).await;
    assert_eq!(none[0]["OBJECT_TYPE"], "N/A");
    assert_eq!(none[0]["ERROR_COUNT"], 1);
    assert_eq!(
        none[0]["ERRORS"],
        json!([]),
        "the command adds no error row"
    );
    assert_eq!(none[0]["SUCCESS"], false);
}
