//! `/view` as implemented: each object as its ZCL_ABGAGT_VIEWER_<TYPE> class builds it
//! (descriptions, DDIC properties as COMPONENTS, fields a real system leaves empty) and
//! the command loop's handling of types without a viewer.

mod support;

use reqwest::StatusCode;
use sandbox::Dialect;
use serde_json::{json, Value};
use support::*;

/// The objects of one as-implemented `/view` call.
async fn view(body: Value) -> Vec<Value> {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let (status, reply) = agent.post("view", body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(reply["SUCCESS"], true);
    reply["OBJECTS"].as_array().unwrap().clone()
}

/// (FIELD, TYPE, LENGTH, DATAELEMENT, DESCRIPTION) of every component.
fn rows(object: &Value) -> Vec<(String, String, u64, String, String)> {
    object["COMPONENTS"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c["KEY"], false, "{c}");
            (
                c["FIELD"].as_str().unwrap().to_string(),
                c["TYPE"].as_str().unwrap().to_string(),
                c["LENGTH"].as_u64().unwrap(),
                c["DATAELEMENT"].as_str().unwrap().to_string(),
                c["DESCRIPTION"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn row(
    field: &str,
    ddic_type: &str,
    length: u64,
    element: &str,
    text: &str,
) -> (String, String, u64, String, String) {
    (
        field.to_string(),
        ddic_type.to_string(),
        length,
        element.to_string(),
        text.to_string(),
    )
}

#[tokio::test]
async fn data_element_lists_its_domain_type_and_length_without_a_package() {
    let objects = view(json!({"objects": ["S_CARR_ID", "S_DISTANCE"], "type": "DTEL"})).await;
    let element = &objects[0];
    assert_eq!(element["TYPE_TEXT"], "Data Element");
    // DD04V's text replaces "Data Element S_CARR_ID in SAPBC_DATAMODEL"; DEVCLASS stays empty.
    assert_eq!(element["DESCRIPTION"], "Airline Code");
    assert_eq!(element["DEVCLASS"], "");
    assert_eq!(element["NOT_FOUND"], false);
    assert_eq!(element["SOURCE"], "");
    assert_eq!(
        rows(element),
        vec![
            row("DOMAIN", "CHAR", 3, "S_CARR_ID", "Domain: S_CARR_ID"),
            row("DATA_TYPE", "CHAR", 10, "", "ABAP Type: CHAR"),
            row("LENGTH", "NUMC", 5, "", "Length: 3"),
        ]
    );
    let packed = rows(&objects[1]);
    assert_eq!(packed[2], row("LENGTH", "NUMC", 5, "", "Length: 9"));
    assert_eq!(packed[3], row("DECIMALS", "NUMC", 2, "", "Decimals: 4"));
}

#[tokio::test]
async fn data_element_missing_from_tadir_is_not_found_with_its_type_row() {
    let objects = view(json!({"objects": ["ZNO_SUCH_ELEMENT", "s_carr_id"], "type": "DTEL"})).await;
    for object in &objects {
        assert_eq!(object["NOT_FOUND"], true, "{object}");
        assert_eq!(object["DESCRIPTION"], "");
        assert_eq!(
            rows(object),
            vec![row("DATA_TYPE", "CHAR", 10, "", "ABAP Type: ")]
        );
    }
    // Names are looked up as sent: TADIR holds upper case.
    assert_eq!(objects[1]["NAME"], "s_carr_id");
}

#[tokio::test]
async fn domain_lists_type_numc_length_and_fixed_values() {
    let objects = view(json!({"objects": ["S_CLASS", "S_CARR_ID", "ZFL_PRIORITY", "ZFL_FEE_CODE", "S_DISTANCE"], "type": "DOMA"})).await;
    let class = &objects[0];
    assert_eq!(class["TYPE_TEXT"], "Domain");
    assert_eq!(class["DESCRIPTION"], "Flight class");
    assert_eq!(class["DEVCLASS"], "SAPBC_DATAMODEL");
    assert_eq!(class["DOMAIN"], "", "the viewer leaves DOMAIN empty");
    assert_eq!(class["DOMAIN_TYPE"], "CHAR");
    assert_eq!(class["DOMAIN_LENGTH"], 1);
    assert_eq!(
        class["SOURCE"], "",
        "fixed values are components, not source"
    );
    assert_eq!(
        rows(class),
        vec![
            row("DATA_TYPE", "CHAR", 10, "", "Type: CHAR"),
            // DD01L-LENG is NUMC 6: the template keeps its leading zeros.
            row("LENGTH", "NUMC", 5, "", "Length: 000001"),
            row("VALUE_0001", "CHAR", 30, "", "C: Business"),
            row("VALUE_0002", "CHAR", 30, "", "F: First"),
            row("VALUE_0003", "CHAR", 30, "", "Y: Economy"),
        ]
    );
    assert_eq!(
        rows(&objects[1])[2],
        row("VALUE_TABLE", "CHAR", 30, "", "Value Table: SCARR")
    );
    let priority = rows(&objects[2]);
    assert_eq!(
        priority[2],
        row("VALUE_0001", "CHAR", 30, "", "1 - 3: High")
    );
    assert_eq!(priority[4], row("VALUE_0003", "CHAR", 30, "", "7 - 9: Low"));
    assert_eq!(
        rows(&objects[3])[2],
        row("CONV_EXIT", "CHAR", 5, "", "Conversion Exit: ALPHA")
    );
    assert_eq!(
        rows(&objects[4])[2],
        row("DECIMALS", "NUMC", 2, "", "Decimals: 000004")
    );
}

#[tokio::test]
async fn domain_without_tadir_entry_is_only_not_found() {
    let objects = view(json!({"objects": ["ZNO_SUCH_DOMAIN"], "type": "DOMA"})).await;
    assert_eq!(objects[0]["NOT_FOUND"], true);
    assert_eq!(objects[0]["TYPE"], "DOMA");
    assert_eq!(objects[0]["DESCRIPTION"], "");
    assert_eq!(objects[0]["COMPONENTS"], json!([]));
}

#[tokio::test]
async fn message_class_lists_numbers_texts_and_count() {
    let objects = view(json!({"objects": ["ZFLIGHT"], "type": "MSAG"})).await;
    let messages = &objects[0];
    assert_eq!(messages["TYPE_TEXT"], "Message Class");
    assert_eq!(
        messages["DESCRIPTION"],
        "Messages of the flight application"
    );
    assert_eq!(messages["DEVCLASS"], "ZFLIGHT_CORE");
    assert_eq!(messages["SOURCE"], "");
    let got = rows(messages);
    assert_eq!(got.len(), 7);
    assert_eq!(
        got[0],
        row("001", "CHAR", 73, "", "001: Airline &1 does not exist")
    );
    assert_eq!(got[6], row("COUNT", "INT4", 4, "", "Total messages: 6"));
}

#[tokio::test]
async fn table_type_lists_line_type_access_and_key_not_the_row_fields() {
    let objects = view(json!({"objects": ["FLIGHTTAB"], "type": "TTYP"})).await;
    let table_type = &objects[0];
    assert_eq!(
        table_type["DESCRIPTION"],
        "Table Type FLIGHTTAB in SAPBC_DATAMODEL"
    );
    assert_eq!(table_type["DEVCLASS"], "");
    assert_eq!(table_type["DEFINITION"], "");
    assert_eq!(
        rows(table_type),
        vec![
            row("LINE_TYPE", "CHAR", 30, "", "Line Type: SFLIGHT"),
            row("ACCESS_MODE", "CHAR", 10, "", "Access Mode: STANDARD"),
            row("KEY_DEFINITION", "CHAR", 10, "", "Key Definition: WITH KEY"),
        ]
    );
}

#[tokio::test]
async fn descriptions_are_built_by_each_viewer() {
    let objects = view(json!({"objects": [
        "ZCL_FLIGHT_PRICING",
        "ZCL_FLIGHT_PRICING============CM001",
        "SFLIGHT",
        "ZIF_FLIGHT_REPOSITORY",
    ]}))
    .await;
    assert_eq!(
        objects[0]["DESCRIPTION"],
        "Class ZCL_FLIGHT_PRICING in ZFLIGHT_CORE"
    );
    assert_eq!(objects[0]["DEVCLASS"], "ZFLIGHT_CORE");
    assert_eq!(
        objects[1]["DESCRIPTION"],
        "Class ZCL_FLIGHT_PRICING in ZFLIGHT_CORE (Source Include)"
    );
    assert_eq!(objects[1]["NAME"], "ZCL_FLIGHT_PRICING============CM001");
    assert_eq!(
        objects[2]["DESCRIPTION"],
        "Table SFLIGHT in SAPBC_DATAMODEL"
    );
    assert_eq!(objects[2]["DEVCLASS"], "");
    assert_eq!(
        objects[3]["DESCRIPTION"],
        "Interface ZIF_FLIGHT_REPOSITORY in ZFLIGHT_CORE"
    );
    assert_eq!(objects[3]["DEVCLASS"], "");

    let programs = view(json!({"objects": ["ZFLIGHT_NOTHING"], "type": "PROG"})).await;
    assert_eq!(programs[0]["DESCRIPTION"], "Program ZFLIGHT_NOTHING");
    assert_eq!(programs[0]["NOT_FOUND"], true);
}

#[tokio::test]
async fn type_without_viewer_keeps_previous_fields_and_summary_lists_types_once() {
    let sandbox = start(Dialect::AsImplemented).await;
    let agent = Agent::logon(&sandbox).await;
    let (_, reply) = agent
        .post(
            "view",
            json!({"objects": ["ZFLIGHT", "ZFLIGHT"], "type": "XYZ"}),
        )
        .await;
    let objects = reply["OBJECTS"].as_array().unwrap();
    assert_eq!(objects[0]["TYPE"], "XYZ");
    assert_eq!(objects[0]["TYPE_TEXT"], "", "no viewer ran: initial");
    assert_eq!(objects[0]["NOT_FOUND"], true);
    assert_eq!(reply["SUMMARY"]["BY_TYPE"], json!(["XYZ"]));
    assert_eq!(reply["SUMMARY"]["TOTAL"], 2);

    // A viewer's result stays in the work area for the next object without one.
    let (_, reply) = agent
        .post(
            "view",
            json!({"objects": ["S_CLASS", "ZNOTHING_AT_ALL", "S_CLASS"]}),
        )
        .await;
    let objects = reply["OBJECTS"].as_array().unwrap();
    assert_eq!(objects[1]["NAME"], "ZNOTHING_AT_ALL");
    assert_eq!(objects[1]["TYPE"], "");
    assert_eq!(objects[1]["NOT_FOUND"], true);
    assert_eq!(objects[1]["TYPE_TEXT"], "Data Element");
    assert_eq!(objects[1]["DESCRIPTION"], "Flight class");
    assert_eq!(reply["SUMMARY"]["BY_TYPE"], json!(["DTEL", ""]));
}

#[tokio::test]
async fn function_group_lists_its_modules_with_texts_and_one_module_in_full() {
    let objects = view(json!({"objects": ["ZFLIGHT_API"], "type": "FUGR"})).await;
    let group = &objects[0];
    assert_eq!(
        group["DESCRIPTION"],
        "Function Group ZFLIGHT_API in ZFLIGHT_CORE"
    );
    assert_eq!(group["DEVCLASS"], "ZFLIGHT_CORE");
    assert_eq!(group["SOURCE"], "", "modules are components, not source");
    assert_eq!(
        rows(group),
        vec![
            row(
                "Z_FLIGHT_BOOK",
                "CHAR",
                30,
                "",
                "Z_FLIGHT_BOOK [RFC]: Book a seat on a flight"
            ),
            row(
                "Z_FLIGHT_GET_LIST",
                "CHAR",
                30,
                "",
                "Z_FLIGHT_GET_LIST [RFC]: Read the flights of an airline"
            ),
            row("COUNT", "INT4", 4, "", "Function modules: 2"),
        ]
    );

    let full = view(json!({"objects": ["ZFLIGHT_API"], "type": "FUGR", "full": true})).await;
    assert_eq!(
        rows(&full[0])[0].4,
        "Z_FLIGHT_BOOK [RFC]: Book a seat on a flight  ->  LZFLIGHT_APIU02"
    );

    let module = view(
        json!({"objects": ["ZFLIGHT_API"], "type": "FUGR", "full": true, "fm": "Z_FLIGHT_BOOK"}),
    )
    .await;
    let sections = module[0]["SECTIONS"].as_array().unwrap();
    assert_eq!(sections.len(), 1);
    assert_eq!(sections[0]["SUFFIX"], "LZFLIGHT_APIU02");
    assert_eq!(sections[0]["DESCRIPTION"], "Function Module Z_FLIGHT_BOOK");
    assert_eq!(sections[0]["METHOD_NAME"], "Z_FLIGHT_BOOK");
    assert!(sections[0]["LINES"][0]
        .as_str()
        .unwrap()
        .starts_with("FUNCTION z_flight_book"));
    assert_eq!(module[0]["COMPONENTS"], json!([]));
    // Every viewer gets "name/fm": a class named so does not exist.
    let class = view(json!({"objects": ["ZCL_FLIGHT_PRICING"], "type": "CLAS", "fm": "X"})).await;
    assert_eq!(class[0]["NOT_FOUND"], true);
}

#[tokio::test]
async fn source_includes_are_read_only_when_they_exist() {
    let interface_include = format!("{:=<30}IU", "ZIF_FLIGHT_REPOSITORY");
    let objects = view(json!({"objects": [
        &interface_include,
        "ZCL_FLIGHT_PRICING============CM0ZZ",
        "zcl_flight_pricing============cm001",
    ]}))
    .await;
    let interface = &objects[0];
    assert_eq!(interface["TYPE"], "INTF");
    assert_eq!(interface["NAME"], interface_include.as_str());
    // The viewer takes the padded first 30 characters as the interface's name.
    assert_eq!(
        interface["DESCRIPTION"],
        "Interface ZIF_FLIGHT_REPOSITORY========= (Source Include)"
    );
    assert!(interface["SOURCE"]
        .as_str()
        .unwrap()
        .contains("INTERFACE zif_flight_repository"));
    // No such method include, and includes are read in upper case only: TADIR knows neither.
    for unknown in &objects[1..] {
        assert_eq!(unknown["TYPE"], "", "{unknown}");
        assert_eq!(unknown["NOT_FOUND"], true);
    }

    let program =
        view(json!({"objects": ["ZCL_FLIGHT_PRICING============CU"], "type": "PROG"})).await;
    assert_eq!(program[0]["NOT_FOUND"], false);
    assert_eq!(
        program[0]["DESCRIPTION"],
        "Program ZCL_FLIGHT_PRICING============CU"
    );
    assert!(program[0]["SOURCE"]
        .as_str()
        .unwrap()
        .contains("PUBLIC SECTION"));
}

#[tokio::test]
async fn enhancement_hook_shows_in_its_viewer_and_in_the_class_method() {
    use sha1::{Digest, Sha1};
    let objects = view(json!({"objects": ["ZFLIGHT_ENH_PRICING"], "full": true})).await;
    let enhancement = &objects[0];
    assert_eq!(enhancement["TYPE"], "ENHO");
    assert_eq!(
        enhancement["DESCRIPTION"],
        "Enhancement ZFLIGHT_ENH_PRICING in ZFLIGHT_CORE (CLAS ZCL_FLIGHT_PRICING)"
    );
    let hook = &enhancement["SECTIONS"][0];
    let full_name = r"\TY:ZCL_FLIGHT_PRICING\ME:CALCULATE_PRICE\SE:END\EI";
    assert_eq!(hook["DESCRIPTION"], full_name);
    assert_eq!(hook["METHOD_NAME"], "CALCULATE_PRICE@END");
    let digest = Sha1::digest(full_name.as_bytes());
    let suffix: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    assert_eq!(hook["SUFFIX"], suffix.as_str());
    let hook_lines = hook["LINES"].as_array().unwrap().clone();
    assert!(hook_lines[0].as_str().unwrap().starts_with("ENHANCEMENT 1"));

    let class = view(json!({"objects": ["ZCL_FLIGHT_PRICING"], "full": true})).await;
    let sections = class[0]["SECTIONS"].as_array().unwrap();
    let method = sections
        .iter()
        .find(|s| s["METHOD_NAME"] == "CALCULATE_PRICE")
        .unwrap();
    let lines: Vec<&str> = method["LINES"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    // END spot: the hook goes in front of ENDMETHOD, between the handler's markers.
    let n = lines.len();
    assert!(
        lines[n - 1]
            .trim_start()
            .to_ascii_uppercase()
            .starts_with("ENDMETHOD"),
        "{lines:?}"
    );
    assert_eq!(lines[n - 2], "*\"* ENHO END");
    let start = n - 3 - hook_lines.len();
    assert_eq!(lines[start], "*\"* ENHO: ZFLIGHT_ENH_PRICING (END)");
    assert_eq!(lines[start + 1], hook_lines[0].as_str().unwrap());
    // Without full, only the public section: no hook.
    let public = view(json!({"objects": ["ZCL_FLIGHT_PRICING"]})).await;
    assert!(!public[0]["SOURCE"].as_str().unwrap().contains("ENHO"));
}
