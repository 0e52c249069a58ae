//! The git repositories the sandbox can reach, and the two that are
//! registered as abapGit online repositories in the seed.

use super::class_builder::{lines, method, ClassSpec, Visibility};
use super::ddic_helpers::{elementary, table};
use super::{add_class, add_source};
use crate::ddic::TableKind;
use crate::git_repos::{AbapGitRepo, GitFile, RemoteRepo};
use crate::repository::ObjectType;
use crate::system::System;

pub const ZFLIGHT_URL: &str = "https://github.com/agent-desk/zflight.git";
pub const DEMO_URL: &str = "https://github.com/agent-desk/abap-demo.git";
pub const FLIGHT_DEMO_URL: &str = "https://github.com/sap-samples/abap-flight-demo.git";
pub const HELLO_URL: &str = "https://github.com/abapgit-tests/hello-world.git";

pub(crate) fn seed(system: &mut System) {
    let mut zflight = system.serialize_package("ZFLIGHT").unwrap_or_default();
    zflight.extend(class_files(
        &loyalty_class(),
        "src/core/",
        "Loyalty miles for frequent flyers",
    ));
    let mut demo = system.serialize_package("$ZDEMO").unwrap_or_default();
    demo.extend(class_files(
        &greeter_class(),
        "src/",
        "Greeter (work in progress)",
    ));
    let mut zflight = remote(
        ZFLIGHT_URL,
        "zflight",
        "Flight booking application",
        "ZFLIGHT",
        zflight,
    );
    let develop = develop_branch(&zflight.files);
    zflight.branch_files.insert("develop".to_string(), develop);
    system.remotes = vec![
        zflight,
        remote(
            DEMO_URL,
            "abap-demo",
            "Agent Desk demo objects",
            "$ZDEMO",
            demo,
        ),
        remote(
            FLIGHT_DEMO_URL,
            "abap-flight-demo",
            "SAP sample: travel app on the flight model",
            "$ZFLIGHT_DEMO",
            flight_demo_files(system),
        ),
        remote(
            HELLO_URL,
            "hello-world",
            "The smallest abapGit repository",
            "$ZDEMO_SANDBOX",
            hello_files(system),
        ),
    ];
    for (url, name, package) in [
        (ZFLIGHT_URL, "zflight", "ZFLIGHT"),
        (DEMO_URL, "abap-demo", "$ZDEMO"),
    ] {
        let key = format!("{:012}", system.next_repo_key);
        system.next_repo_key += 1;
        system.repos.push(AbapGitRepo {
            key,
            name: name.to_string(),
            display_name: name.to_string(),
            url: url.to_string(),
            branch: "main".to_string(),
            package: package.to_string(),
            folder_logic: "PREFIX".to_string(),
            folder: "/src/".to_string(),
            created_by: "DEVELOPER".to_string(),
        });
    }
    zflight_last_pull(system);
}

/// The capped discount DEVELOPER added in the system after the last pull (transport
/// "ZFLIGHT: pricing with discounts") and exported to `main`.
const CAPPED_DISCOUNT: &str =
    "DATA(lv_percent) = nmin( val1 = iv_percent val2 = zif_flight_constants=>c_max_discount ).";
/// The discount line before that change.
const UNCAPPED_DISCOUNT: &str = "DATA(lv_percent) = iv_percent.";
const PRICING_FILE: &str = "src/core/zcl_flight_pricing.clas.abap";
const STATISTICS_FILE: &str = "src/core/zcl_flight_statistics.clas.abap";

/// Replaces the line containing `marker` by `replacement` (one or more lines, indented like it).
fn replace_line(content: &str, marker: &str, replacement: &[&str]) -> String {
    content
        .lines()
        .map(|line| match line.find(marker) {
            Some(_) => {
                let indent = &line[..line.len() - line.trim_start().len()];
                replacement
                    .iter()
                    .map(|r| format!("{indent}{r}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if content.ends_with('\n') { "\n" } else { "" }
}

/// JSMITH's `develop`: branched before the discount cap, with a charter surcharge in
/// ZCL_FLIGHT_PRICING and a guard against empty flights in ZCL_FLIGHT_STATISTICS.
fn develop_branch(main: &[GitFile]) -> Vec<GitFile> {
    main.iter()
        .map(|file| {
            let content = match file.path.as_str() {
                PRICING_FILE => replace_line(
                    &replace_line(&file.content, CAPPED_DISCOUNT, &[UNCAPPED_DISCOUNT]),
                    "rv_price = is_flight-price * lv_factor + zif_flight_constants=>c_booking_fee.",
                    &[
                        "rv_price = is_flight-price * lv_factor + zif_flight_constants=>c_booking_fee.",
                        "IF is_flight-planetype = 'A380-800'.",
                        "  rv_price = rv_price * 105 / 100.",
                        "ENDIF.",
                    ],
                ),
                STATISTICS_FILE => replace_line(
                    &file.content,
                    "rv_percent = lv_occupied * 100 / lv_max.",
                    &[
                        "IF lv_max = 0.",
                        "  RETURN.",
                        "ENDIF.",
                        "rv_percent = lv_occupied * 100 / lv_max.",
                    ],
                ),
                _ => file.content.clone(),
            };
            GitFile {
                path: file.path.clone(),
                content,
            }
        })
        .collect()
}

/// JSMITH pulled `main` six days ago (the pull baselines of the conflict check). The
/// loyalty class came to git later; ZCL_FLIGHT_PRICING then had the uncapped discount.
fn zflight_last_pull(system: &mut System) {
    let Some(main) = system.remote(ZFLIGHT_URL).map(|r| r.files.clone()) else {
        return;
    };
    let pulled: Vec<GitFile> = main
        .into_iter()
        .filter(|f| !f.path.contains("zcl_flight_loyalty."))
        .map(|f| match f.path.as_str() {
            PRICING_FILE => GitFile {
                content: replace_line(&f.content, CAPPED_DISCOUNT, &[UNCAPPED_DISCOUNT]),
                path: f.path,
            },
            _ => f,
        })
        .collect();
    let entries = system.pull_file_entries(&pulled, &[], "ZFLIGHT");
    let now = system.reference_time;
    system.reference_time = now - chrono::Duration::days(6);
    system.store_pull_baselines(&entries, "main", "JSMITH");
    system.reference_time = now;
}

fn remote(
    url: &str,
    name: &str,
    description: &str,
    package: &str,
    files: Vec<GitFile>,
) -> RemoteRepo {
    RemoteRepo {
        url: url.to_string(),
        name: name.to_string(),
        description: description.to_string(),
        default_branch: "main".to_string(),
        branches: vec!["main".to_string(), "develop".to_string()],
        suggested_package: package.to_string(),
        files,
        branch_files: std::collections::BTreeMap::new(),
    }
}

/// Serialises one class spec through a scratch system, so the files match the serializer.
fn class_files(spec: &ClassSpec, folder: &str, description: &str) -> Vec<GitFile> {
    let mut scratch = System::empty(crate::system::default_reference_time());
    let name = spec.name.to_ascii_uppercase();
    scratch.classes.insert(name.clone(), spec.render());
    super::add_object(&mut scratch, ObjectType::Clas, &name, "$TMP", description);
    scratch
        .object(ObjectType::Clas, &name)
        .cloned()
        .map(|o| scratch.object_files(&o, folder))
        .unwrap_or_default()
}

fn loyalty_class() -> ClassSpec {
    let mut spec = ClassSpec::new("ZCL_FLIGHT_LOYALTY");
    spec.methods.push(method(
        "miles_for_booking",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !is_booking TYPE sbook",
            "RETURNING",
            "  VALUE(rv_miles) TYPE i",
        ],
        &[
            "DATA lv_factor TYPE i VALUE 1.",
            "IF is_booking-class = 'F'.",
            "  lv_factor = 3.",
            "ELSEIF is_booking-class = 'C'.",
            "  lv_factor = 2.",
            "ENDIF.",
            "SELECT SINGLE distance FROM spfli",
            "  WHERE carrid = @is_booking-carrid AND connid = @is_booking-connid",
            "  INTO @DATA(lv_distance).",
            "rv_miles = lv_distance * lv_factor.",
        ],
    ));
    spec.testclasses = lines("CLASS ltcl_loyalty DEFINITION FINAL FOR TESTING\n  DURATION SHORT\n  RISK LEVEL HARMLESS.\n  PRIVATE SECTION.\n    METHODS first_class_triples FOR TESTING.\nENDCLASS.\n\nCLASS ltcl_loyalty IMPLEMENTATION.\n  METHOD first_class_triples.\n    DATA(lv_miles) = 6162 * 3.\n    cl_abap_unit_assert=>assert_equals( act = lv_miles exp = 18486 ).\n  ENDMETHOD.\nENDCLASS.");
    spec
}

/// Uses an undeclared variable: activation fails with a real checker message.
fn greeter_class() -> ClassSpec {
    let mut spec = ClassSpec::new("ZCL_DEMO_GREETER");
    spec.methods.push(method(
        "greet",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_name TYPE string",
            "RETURNING",
            "  VALUE(rv_text) TYPE string",
        ],
        &[
            "DATA lv_greeting TYPE string VALUE 'Hello'.",
            "rv_text = |{ lv_greting }, { iv_name }!|.",
            "lv_greting = to_upper( rv_text ).",
        ],
    ));
    spec
}

fn flight_demo_files(system: &System) -> Vec<GitFile> {
    let mut scratch = System::empty(system.reference_time);
    let package = "$ZFLIGHT_DEMO";
    super::add_package(&mut scratch, package, "", "Travel demo", false);
    elementary(
        &mut scratch,
        package,
        "ZFDEMO_TRAVEL_ID",
        "NUMC",
        8,
        0,
        "Travel ID",
    );
    elementary(
        &mut scratch,
        package,
        "ZFDEMO_DESCRIPTION",
        "CHAR",
        60,
        0,
        "Travel description",
    );
    elementary(
        &mut scratch,
        package,
        "ZFDEMO_STATUS",
        "CHAR",
        1,
        0,
        "Travel status",
    );
    scratch.data_elements.extend(
        system
            .data_elements
            .iter()
            .filter(|(k, _)| {
                k.as_str() == "MANDT"
                    || k.as_str() == "S_CARR_ID"
                    || k.as_str() == "S_DATE"
                    || k.as_str() == "S_PRICE"
                    || k.as_str() == "S_CURRCODE"
            })
            .map(|(k, v)| (k.clone(), v.clone())),
    );
    table(
        &mut scratch,
        package,
        "ZFDEMO_TRAVEL",
        TableKind::Transparent,
        "A",
        "Travels",
        &[
            ("CLIENT", true, "MANDT"),
            ("TRAVEL_ID", true, "ZFDEMO_TRAVEL_ID"),
            ("CARRIER_ID", false, "S_CARR_ID"),
            ("BEGIN_DATE", false, "S_DATE"),
            ("END_DATE", false, "S_DATE"),
            ("TOTAL_PRICE", false, "S_PRICE"),
            ("CURRENCY_CODE", false, "S_CURRCODE"),
            ("DESCRIPTION", false, "ZFDEMO_DESCRIPTION"),
            ("STATUS", false, "ZFDEMO_STATUS"),
        ],
    );
    add_source(&mut scratch, ObjectType::Intf, "ZIF_FDEMO_TRAVEL", package, "Travel API", &lines(
        "INTERFACE zif_fdemo_travel\n  PUBLIC .\n\n  METHODS get_travel\n    IMPORTING\n      !iv_travel_id TYPE zfdemo_travel_id\n    RETURNING\n      VALUE(rs_travel) TYPE zfdemo_travel .\nENDINTERFACE.",
    ));
    let mut travel = ClassSpec::new("ZCL_FDEMO_TRAVEL");
    travel.interfaces = vec!["zif_fdemo_travel".to_string()];
    travel.methods.push(super::class_builder::interface_method(
        "zif_fdemo_travel",
        "get_travel",
        &["SELECT SINGLE * FROM zfdemo_travel WHERE travel_id = @iv_travel_id INTO @rs_travel."],
    ));
    travel.methods.push(method(
        "set_status",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_travel_id TYPE zfdemo_travel_id",
            "  !iv_status TYPE zfdemo_status",
        ],
        &["UPDATE zfdemo_travel SET status = @iv_status WHERE travel_id = @iv_travel_id."],
    ));
    travel.testclasses = lines("CLASS ltcl_travel DEFINITION FINAL FOR TESTING\n  DURATION SHORT\n  RISK LEVEL HARMLESS.\n  PRIVATE SECTION.\n    CONSTANTS c_open TYPE zfdemo_status VALUE 'O'.\n    METHODS status_is_single_char FOR TESTING.\nENDCLASS.\n\nCLASS ltcl_travel IMPLEMENTATION.\n  METHOD status_is_single_char.\n    cl_abap_unit_assert=>assert_equals( act = c_open exp = 'O' ).\n  ENDMETHOD.\nENDCLASS.");
    add_class(&mut scratch, travel, package, "Travel entity");
    add_source(&mut scratch, ObjectType::Prog, "ZFDEMO_TRAVEL_LIST", package, "List of travels", &lines(
        "REPORT zfdemo_travel_list.\n\nSTART-OF-SELECTION.\n  SELECT * FROM zfdemo_travel ORDER BY begin_date INTO TABLE @DATA(lt_travels).\n  LOOP AT lt_travels INTO DATA(ls_travel).\n    WRITE: / ls_travel-travel_id, ls_travel-carrier_id, ls_travel-begin_date, ls_travel-description.\n  ENDLOOP.",
    ));
    let mut broken = ClassSpec::new("ZCL_FDEMO_BROKEN");
    broken.methods.push(method(
        "check",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_value TYPE i",
            "RETURNING",
            "  VALUE(rv_ok) TYPE abap_bool",
        ],
        &["IF iv_value > 0.", "  rv_ok = abap_true."],
    ));
    add_class(
        &mut scratch,
        broken,
        package,
        "Validation (does not compile)",
    );
    let mut files = scratch.serialize_package(package).unwrap_or_default();
    let cds = "@AccessControl.authorizationCheck: #NOT_REQUIRED\n@EndUserText.label: 'Travel'\ndefine view entity ZI_FDEMO_TRAVEL\n  as select from zfdemo_travel\n{\n  key travel_id as TravelId,\n      carrier_id as CarrierId,\n      begin_date as BeginDate,\n      end_date as EndDate,\n      total_price as TotalPrice,\n      currency_code as CurrencyCode,\n      description as Description,\n      status as Status\n}";
    let broken_cds = "@AccessControl.authorizationCheck: #NOT_REQUIRED\n@EndUserText.label: 'Open travels'\ndefine view entity ZI_FDEMO_OPEN_TRAVEL\n  as select from zfdemo_travel\n{\n  key travel_id as TravelId,\n      description as Description\nwhere status = 'O'";
    for (name, source, text) in [
        ("zi_fdemo_travel", cds, "Travel"),
        ("zi_fdemo_open_travel", broken_cds, "Open travels"),
    ] {
        files.push(GitFile {
            path: format!("src/{name}.ddls.asddls"),
            content: source.to_string(),
        });
        files.push(GitFile {
            path: format!("src/{name}.ddls.xml"),
            content: crate::abapgit_xml::document(
                "DDLS",
                &crate::abapgit_xml::element(
                    "DDLS",
                    &[
                        ("DDLNAME", name.to_ascii_uppercase()),
                        ("DDLANGUAGE", "E".to_string()),
                        ("DDTEXT", text.to_string()),
                        ("SOURCE_TYPE", "W".to_string()),
                    ],
                    3,
                ),
            ),
        });
    }
    files.retain(|f| !f.path.ends_with("package.devc.xml") || f.path == "src/package.devc.xml");
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn hello_files(system: &System) -> Vec<GitFile> {
    let mut scratch = System::empty(system.reference_time);
    let package = "$ZHELLO";
    super::add_package(&mut scratch, package, "", "Hello world", false);
    let mut hello = ClassSpec::new("ZCL_HELLO_WORLD");
    hello.methods.push(method(
        "say_hello",
        Visibility::Public,
        &["RETURNING", "  VALUE(rv_text) TYPE string"],
        &["rv_text = 'Hello, world!'."],
    ));
    add_class(&mut scratch, hello, package, "Hello world class");
    add_source(&mut scratch, ObjectType::Prog, "ZHELLO_WORLD", package, "Hello world report", &lines(
        "REPORT zhello_world.\n\nSTART-OF-SELECTION.\n  WRITE / NEW zcl_hello_world( )->say_hello( ).",
    ));
    scratch.serialize_package(package).unwrap_or_default()
}
