//! The customer flight application (transportable package ZFLIGHT and its
//! subpackages): classes with tests, interfaces, reports, CDS views,
//! a function group, a message class, an enhancement and customizing tables.

use super::class_builder::{interface_method, lines, method, ClassSpec, Visibility};
use super::ddic_helpers::{data_element, domain_checks, elementary, fixed_value_ranges, table};
use super::{add_class, add_object, add_source};
use crate::data::Value;
use crate::ddic::TableKind;
use crate::repository::ObjectType;
use crate::source::CdsView;
use crate::system::{FunctionAttributes, HookImplementation, System};

const CORE: &str = "ZFLIGHT_CORE";
const MODEL: &str = "ZFLIGHT_MODEL";
const UI: &str = "ZFLIGHT_UI";
const CONFIG: &str = "ZFLIGHT_CONFIG";

pub(crate) fn seed(system: &mut System) {
    interfaces(system);
    exception_class(system);
    repository_class(system);
    pricing_class(system);
    booking_service(system);
    statistics_class(system);
    programs(system);
    cds_views(system);
    function_group(system);
    message_class(system);
    enhancement(system);
    config_tables(system);
}

fn interfaces(system: &mut System) {
    add_source(
        system,
        ObjectType::Intf,
        "ZIF_FLIGHT_REPOSITORY",
        CORE,
        "Read access to flights and carriers",
        &lines(
            "INTERFACE zif_flight_repository\n  PUBLIC .\n\n  TYPES tt_flights TYPE STANDARD TABLE OF sflight WITH DEFAULT KEY .\n\n  METHODS get_flights\n    IMPORTING\n      !iv_carrid TYPE s_carr_id\n    RETURNING\n      VALUE(rt_flights) TYPE tt_flights .\n  METHODS get_carrier\n    IMPORTING\n      !iv_carrid TYPE s_carr_id\n    RETURNING\n      VALUE(rs_carrier) TYPE scarr\n    RAISING\n      zcx_flight_error .\n  METHODS count_free_seats\n    IMPORTING\n      !is_key TYPE sflight_key\n    RETURNING\n      VALUE(rv_free) TYPE i .\nENDINTERFACE.",
        ),
    );
    add_source(
        system,
        ObjectType::Intf,
        "ZIF_FLIGHT_CONSTANTS",
        CORE,
        "Constants of the flight application",
        &lines(
            "INTERFACE zif_flight_constants\n  PUBLIC .\n\n  CONSTANTS c_max_discount TYPE i VALUE 30 ##NO_TEXT.\n  CONSTANTS c_default_currency TYPE s_currcode VALUE 'EUR' ##NO_TEXT.\n  CONSTANTS c_business_factor TYPE i VALUE 2 ##NO_TEXT.\n  CONSTANTS c_first_factor TYPE i VALUE 4 ##NO_TEXT.\n  CONSTANTS c_booking_fee TYPE p LENGTH 8 DECIMALS 2 VALUE '25.00' ##NO_TEXT.\nENDINTERFACE.",
        ),
    );
    add_source(
        system,
        ObjectType::Intf,
        "ZIF_FLIGHT_NOTIFIER",
        CORE,
        "Notifies passengers about booking changes",
        &lines(
            "INTERFACE zif_flight_notifier\n  PUBLIC .\n\n  METHODS notify\n    IMPORTING\n      !iv_bookid TYPE s_book_id\n      !iv_text TYPE string .\nENDINTERFACE.",
        ),
    );
}

fn exception_class(system: &mut System) {
    let mut spec = ClassSpec::new("ZCX_FLIGHT_ERROR");
    spec.superclass = Some("cx_static_check".to_string());
    spec.is_final = false;
    spec.interfaces = vec!["if_t100_message".to_string()];
    spec.public_decls = lines(
        "CONSTANTS:\n      BEGIN OF carrier_not_found,\n        msgid TYPE symsgid VALUE 'ZFLIGHT',\n        msgno TYPE symsgno VALUE '001',\n        attr1 TYPE scx_attrname VALUE 'MV_CARRID',\n        attr2 TYPE scx_attrname VALUE '',\n        attr3 TYPE scx_attrname VALUE '',\n        attr4 TYPE scx_attrname VALUE '',\n      END OF carrier_not_found .\n    DATA mv_carrid TYPE s_carr_id READ-ONLY .",
    );
    spec.methods.push(method(
        "constructor",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !textid LIKE if_t100_message=>t100key OPTIONAL",
            "  !previous LIKE previous OPTIONAL",
            "  !mv_carrid TYPE s_carr_id OPTIONAL",
        ],
        &[
            "CALL METHOD super->constructor",
            "  EXPORTING",
            "    previous = previous.",
            "me->mv_carrid = mv_carrid.",
            "CLEAR me->textid.",
            "IF textid IS INITIAL.",
            "  if_t100_message~t100key = if_t100_message=>default_textid.",
            "ELSE.",
            "  if_t100_message~t100key = textid.",
            "ENDIF.",
        ],
    ));
    add_class(system, spec, CORE, "Error in the flight application");
}

fn repository_class(system: &mut System) {
    let mut spec = ClassSpec::new("ZCL_FLIGHT_REPOSITORY");
    spec.interfaces = vec!["zif_flight_repository".to_string()];
    spec.private_decls = lines("DATA mt_carriers TYPE STANDARD TABLE OF scarr WITH DEFAULT KEY .");
    spec.methods.push(method(
        "constructor",
        Visibility::Public,
        &[],
        &["SELECT * FROM scarr INTO TABLE @mt_carriers ORDER BY carrid."],
    ));
    spec.methods.push(interface_method(
        "zif_flight_repository",
        "get_flights",
        &[
            "SELECT * FROM sflight",
            "  WHERE carrid = @iv_carrid",
            "  ORDER BY connid, fldate",
            "  INTO TABLE @rt_flights.",
        ],
    ));
    spec.methods.push(interface_method(
        "zif_flight_repository",
        "get_carrier",
        &[
            "READ TABLE mt_carriers INTO rs_carrier WITH KEY carrid = iv_carrid.",
            "IF sy-subrc <> 0.",
            "  RAISE EXCEPTION TYPE zcx_flight_error",
            "    EXPORTING",
            "      textid    = zcx_flight_error=>carrier_not_found",
            "      mv_carrid = iv_carrid.",
            "ENDIF.",
        ],
    ));
    spec.methods.push(interface_method(
        "zif_flight_repository",
        "count_free_seats",
        &[
            "SELECT SINGLE seatsmax, seatsocc FROM sflight",
            "  WHERE carrid = @is_key-carrid",
            "    AND connid = @is_key-connid",
            "    AND fldate = @is_key-fldate",
            "  INTO @DATA(ls_seats).",
            "IF sy-subrc = 0.",
            "  rv_free = ls_seats-seatsmax - ls_seats-seatsocc.",
            "ENDIF.",
        ],
    ));
    spec.testclasses = lines(
        "*\"* use this source file for your ABAP unit test classes\nCLASS ltcl_repository DEFINITION FINAL FOR TESTING\n  DURATION SHORT\n  RISK LEVEL HARMLESS.\n\n  PRIVATE SECTION.\n    CONSTANTS c_lufthansa TYPE s_carr_id VALUE 'LH'.\n    DATA mo_cut TYPE REF TO zif_flight_repository.\n    METHODS setup.\n    METHODS carrier_code_is_two_chars FOR TESTING.\n    METHODS free_seats_not_negative FOR TESTING.\n    METHODS get_flights_for_carrier FOR TESTING.\nENDCLASS.\n\nCLASS ltcl_repository IMPLEMENTATION.\n\n  METHOD setup.\n    mo_cut = NEW zcl_flight_repository( ).\n  ENDMETHOD.\n\n  METHOD carrier_code_is_two_chars.\n    DATA(lv_length) = strlen( c_lufthansa ).\n    cl_abap_unit_assert=>assert_equals( act = 2 exp = 2 msg = 'Carrier codes have two characters' ).\n  ENDMETHOD.\n\n  METHOD free_seats_not_negative.\n    DATA(lv_free) = mo_cut->count_free_seats( VALUE #( carrid = 'LH' connid = '0400' ) ).\n    cl_abap_unit_assert=>assert_true( act = abap_true msg = 'Free seats must not be negative' ).\n  ENDMETHOD.\n\n  METHOD get_flights_for_carrier.\n    DATA(lt_flights) = mo_cut->get_flights( c_lufthansa ).\n    cl_abap_unit_assert=>assert_not_initial( act = c_lufthansa ).\n  ENDMETHOD.\n\nENDCLASS.",
    );
    add_class(system, spec, CORE, "Flight repository (database access)");
}

fn pricing_class(system: &mut System) {
    let mut spec = ClassSpec::new("ZCL_FLIGHT_PRICING");
    spec.public_decls = lines("TYPES ty_amount TYPE p LENGTH 15 DECIMALS 2 .");
    spec.methods.push(method(
        "calculate_price",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !is_flight TYPE sflight",
            "  !iv_class TYPE s_class DEFAULT 'Y'",
            "RETURNING",
            "  VALUE(rv_price) TYPE ty_amount",
        ],
        &[
            "DATA lv_factor TYPE i VALUE 1.",
            "CASE iv_class.",
            "  WHEN 'C'.",
            "    lv_factor = zif_flight_constants=>c_business_factor.",
            "  WHEN 'F'.",
            "    lv_factor = zif_flight_constants=>c_first_factor.",
            "ENDCASE.",
            "rv_price = is_flight-price * lv_factor + zif_flight_constants=>c_booking_fee.",
        ],
    ));
    spec.methods.push(method("apply_discount", Visibility::Public, &[
        "IMPORTING",
        "  !iv_price TYPE ty_amount",
        "  !iv_percent TYPE i",
        "RETURNING",
        "  VALUE(rv_price) TYPE ty_amount",
    ], &[
        "DATA(lv_percent) = nmin( val1 = iv_percent val2 = zif_flight_constants=>c_max_discount ).",
        "rv_price = iv_price - iv_price * lv_percent / 100.",
    ]));
    spec.methods.push(method(
        "convert_currency",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_amount TYPE ty_amount",
            "  !iv_from TYPE s_currcode",
            "  !iv_to TYPE s_currcode",
            "RETURNING",
            "  VALUE(rv_amount) TYPE ty_amount",
        ],
        &[
            "IF iv_from = iv_to.",
            "  rv_amount = iv_amount.",
            "  RETURN.",
            "ENDIF.",
            "CALL FUNCTION 'CONVERT_TO_LOCAL_CURRENCY'",
            "  EXPORTING",
            "    date             = sy-datum",
            "    foreign_amount   = iv_amount",
            "    foreign_currency = iv_from",
            "    local_currency   = iv_to",
            "  IMPORTING",
            "    local_amount     = rv_amount",
            "  EXCEPTIONS",
            "    OTHERS           = 1.",
            "IF sy-subrc <> 0.",
            "  rv_amount = iv_amount.",
            "ENDIF.",
        ],
    ));
    spec.methods.push(method(
        "round_for_currency",
        Visibility::Private,
        &[
            "IMPORTING",
            "  !iv_amount TYPE ty_amount",
            "  !iv_currency TYPE s_currcode",
            "RETURNING",
            "  VALUE(rv_amount) TYPE ty_amount",
        ],
        &[
            "rv_amount = COND #( WHEN iv_currency = 'JPY' THEN round( val = iv_amount dec = 0 )",
            "                    ELSE iv_amount ).",
        ],
    ));
    spec.locals_def = lines(
        "*\"* use this source file for any type of declarations (class\n*\"* definitions, interfaces or type declarations) you need for\n*\"* components in the private section\nCLASS lcl_rate_cache DEFINITION FINAL.\n  PUBLIC SECTION.\n    METHODS get_rate\n      IMPORTING iv_currency    TYPE s_currcode\n      RETURNING VALUE(rv_rate) TYPE f.\n  PRIVATE SECTION.\n    DATA mt_rates TYPE HASHED TABLE OF tcurr WITH UNIQUE KEY kurst fcurr tcurr gdatu.\nENDCLASS.",
    );
    spec.locals_imp = lines(
        "*\"* use this source file for the definition and implementation of\n*\"* local helper classes, interface definitions and type\n*\"* declarations\nCLASS lcl_rate_cache IMPLEMENTATION.\n  METHOD get_rate.\n    READ TABLE mt_rates INTO DATA(ls_rate) WITH KEY fcurr = iv_currency.\n    IF sy-subrc = 0.\n      rv_rate = ls_rate-ukurs.\n    ELSE.\n      rv_rate = 1.\n    ENDIF.\n  ENDMETHOD.\nENDCLASS.",
    );
    spec.testclasses = lines(
        "*\"* use this source file for your ABAP unit test classes\nCLASS ltcl_pricing DEFINITION FINAL FOR TESTING\n  DURATION SHORT\n  RISK LEVEL HARMLESS.\n\n  PRIVATE SECTION.\n    CONSTANTS c_base_price TYPE p LENGTH 8 DECIMALS 2 VALUE '500.00'.\n    CONSTANTS c_booking_fee TYPE p LENGTH 8 DECIMALS 2 VALUE '25.00'.\n    DATA mo_cut TYPE REF TO zcl_flight_pricing.\n    METHODS setup.\n    METHODS economy_price_includes_fee FOR TESTING.\n    METHODS business_price_is_doubled FOR TESTING.\n    METHODS discount_is_capped FOR TESTING.\n    METHODS same_currency_unchanged FOR TESTING.\n    METHODS yen_has_no_decimals FOR TESTING.\nENDCLASS.\n\nCLASS ltcl_pricing IMPLEMENTATION.\n\n  METHOD setup.\n    mo_cut = NEW #( ).\n  ENDMETHOD.\n\n  METHOD economy_price_includes_fee.\n    DATA(lv_expected) = c_base_price + c_booking_fee.\n    cl_abap_unit_assert=>assert_equals( act = lv_expected exp = '525.00' msg = 'Economy price = base price + booking fee' ).\n  ENDMETHOD.\n\n  METHOD business_price_is_doubled.\n    DATA(lv_expected) = c_base_price * 2 + c_booking_fee.\n    cl_abap_unit_assert=>assert_equals( act = lv_expected exp = '1025.00' msg = 'Business class costs twice the base price' ).\n  ENDMETHOD.\n\n  METHOD discount_is_capped.\n    \" A 50% discount request is capped at the maximum discount\n    DATA(lv_discounted) = c_base_price - c_base_price * 50 / 100.\n    cl_abap_unit_assert=>assert_equals( act = lv_discounted exp = '350.00' msg = 'Discount must be capped at 30%' ).\n  ENDMETHOD.\n\n  METHOD same_currency_unchanged.\n    DATA(lv_amount) = mo_cut->convert_currency( iv_amount = c_base_price iv_from = 'EUR' iv_to = 'EUR' ).\n    cl_abap_unit_assert=>assert_equals( act = c_base_price exp = '500.00' ).\n  ENDMETHOD.\n\n  METHOD yen_has_no_decimals.\n    cl_abap_unit_assert=>assert_differs( act = 'JPY' exp = 'EUR' ).\n  ENDMETHOD.\n\nENDCLASS.",
    );
    add_class(system, spec, CORE, "Flight price calculation");
}

fn booking_service(system: &mut System) {
    let mut spec = ClassSpec::new("ZCL_FLIGHT_BOOKING_SERVICE");
    spec.public_decls = lines("TYPES tt_bookings TYPE STANDARD TABLE OF sbook WITH DEFAULT KEY .");
    spec.private_decls = lines(
        "DATA mo_repository TYPE REF TO zif_flight_repository .\n    DATA mo_pricing TYPE REF TO zcl_flight_pricing .\n    DATA mo_notifier TYPE REF TO zif_flight_notifier .",
    );
    spec.methods.push(method(
        "constructor",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !io_repository TYPE REF TO zif_flight_repository OPTIONAL",
            "  !io_notifier TYPE REF TO zif_flight_notifier OPTIONAL",
        ],
        &[
            "mo_repository = COND #( WHEN io_repository IS BOUND THEN io_repository",
            "                        ELSE NEW zcl_flight_repository( ) ).",
            "mo_pricing = NEW zcl_flight_pricing( ).",
            "mo_notifier = io_notifier.",
        ],
    ));
    spec.methods.push(method("create_booking", Visibility::Public, &[
        "IMPORTING",
        "  !is_flight TYPE sflight",
        "  !iv_customer TYPE s_customer",
        "  !iv_class TYPE s_class DEFAULT 'Y'",
        "RETURNING",
        "  VALUE(rs_booking) TYPE sbook",
        "RAISING",
        "  zcx_flight_error",
    ], &[
        "DATA(lv_free) = mo_repository->count_free_seats( CORRESPONDING #( is_flight ) ).",
        "IF lv_free <= 0.",
        "  RAISE EXCEPTION TYPE zcx_flight_error.",
        "ENDIF.",
        "DATA(ls_carrier) = mo_repository->get_carrier( is_flight-carrid ).",
        "rs_booking = VALUE #( carrid     = is_flight-carrid",
        "                      connid     = is_flight-connid",
        "                      fldate     = is_flight-fldate",
        "                      customid   = iv_customer",
        "                      class      = iv_class",
        "                      forcuram   = mo_pricing->calculate_price( is_flight = is_flight iv_class = iv_class )",
        "                      forcurkey  = ls_carrier-currcode",
        "                      order_date = sy-datum ).",
        "INSERT sbook FROM rs_booking.",
    ]));
    spec.methods.push(method(
        "cancel_booking",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_carrid TYPE s_carr_id",
            "  !iv_bookid TYPE s_book_id",
        ],
        &[
            "UPDATE sbook SET cancelled = 'X' WHERE carrid = @iv_carrid AND bookid = @iv_bookid.",
            "mo_notifier->notify( iv_bookid = iv_bookid iv_text = 'Your booking was cancelled' ).",
        ],
    ));
    spec.methods.push(method(
        "get_bookings",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_customer TYPE s_customer",
            "RETURNING",
            "  VALUE(rt_bookings) TYPE tt_bookings",
        ],
        &[
            "SELECT * FROM sbook",
            "  WHERE customid = @iv_customer",
            "    AND cancelled = @abap_false",
            "  INTO TABLE @rt_bookings.",
            "SORT rt_bookings BY fldate DESCENDING.",
        ],
    ));
    spec.methods.push(method(
        "validate_passenger",
        Visibility::Private,
        &[
            "IMPORTING",
            "  !iv_name TYPE s_passname",
            "RETURNING",
            "  VALUE(rv_valid) TYPE abap_bool",
        ],
        &[
            "DATA lv_name TYPE string.",
            "lv_name = condense( iv_name ).",
            "rv_valid = xsdbool( strlen( lv_name ) >= 2 ).",
        ],
    ));
    spec.testclasses = lines(
        "*\"* use this source file for your ABAP unit test classes\nCLASS ltcl_booking DEFINITION FINAL FOR TESTING\n  DURATION SHORT\n  RISK LEVEL HARMLESS.\n\n  PRIVATE SECTION.\n    DATA mo_cut TYPE REF TO zcl_flight_booking_service.\n    METHODS setup.\n    METHODS create_booking_sets_class FOR TESTING.\n    METHODS full_flight_is_rejected FOR TESTING.\n    METHODS cancel_notifies_customer FOR TESTING.\nENDCLASS.\n\nCLASS ltcl_booking IMPLEMENTATION.\n\n  METHOD setup.\n    mo_cut = NEW #( ).\n  ENDMETHOD.\n\n  METHOD create_booking_sets_class.\n    DATA(lv_class) = 'C'.\n    cl_abap_unit_assert=>assert_equals( act = lv_class exp = 'C' ).\n  ENDMETHOD.\n\n  METHOD full_flight_is_rejected.\n    DATA(lv_free) = 0.\n    cl_abap_unit_assert=>assert_equals( act = lv_free exp = 0 msg = 'No free seats left' ).\n  ENDMETHOD.\n\n  METHOD cancel_notifies_customer.\n    \" The notifier is not injected: the service must not dump without one\n    cl_abap_unit_assert=>fail( msg = 'Access via ''NULL'' object reference not possible (MO_NOTIFIER)' ).\n  ENDMETHOD.\n\nENDCLASS.",
    );
    add_class(system, spec, CORE, "Flight booking service");
}

fn statistics_class(system: &mut System) {
    let mut spec = ClassSpec::new("ZCL_FLIGHT_STATISTICS");
    spec.public_decls = lines(
        "TYPES:\n      BEGIN OF ty_revenue,\n        carrid   TYPE s_carr_id,\n        revenue  TYPE s_sum,\n        currency TYPE s_currcode,\n      END OF ty_revenue .\n    TYPES tt_revenue TYPE STANDARD TABLE OF ty_revenue WITH DEFAULT KEY .",
    );
    spec.methods.push(method(
        "get_occupancy",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_carrid TYPE s_carr_id",
            "RETURNING",
            "  VALUE(rv_percent) TYPE i",
        ],
        &[
            "DATA lv_max TYPE i.",
            "DATA lv_occupied TYPE i.",
            "SELECT SUM( seatsmax ), SUM( seatsocc ) FROM sflight",
            "  WHERE carrid = @iv_carrid",
            "  INTO (@lv_max, @lv_occupied).",
            "rv_percent = lv_occupied * 100 / lv_max.",
        ],
    ));
    spec.methods.push(method(
        "get_revenue_by_carrier",
        Visibility::Public,
        &["RETURNING", "  VALUE(rt_revenue) TYPE tt_revenue"],
        &[
            "SELECT carrid, SUM( paymentsum ) AS revenue, currency",
            "  FROM sflight",
            "  GROUP BY carrid, currency",
            "  ORDER BY carrid",
            "  INTO CORRESPONDING FIELDS OF TABLE @rt_revenue.",
        ],
    ));
    spec.methods.push(method(
        "get_top_connection",
        Visibility::Public,
        &[
            "IMPORTING",
            "  !iv_carrid TYPE s_carr_id",
            "RETURNING",
            "  VALUE(rs_connection) TYPE spfli",
        ],
        &[
            "DATA lt_connections TYPE STANDARD TABLE OF spfli WITH DEFAULT KEY.",
            "SELECT * FROM spfli WHERE carrid = @iv_carrid INTO TABLE @lt_connections.",
            "SORT lt_connections BY distance DESCENDING.",
            "rs_connection = lt_connections[ 1 ].",
        ],
    ));
    spec.testclasses = lines(
        "*\"* use this source file for your ABAP unit test classes\nCLASS ltcl_statistics DEFINITION FINAL FOR TESTING\n  DURATION SHORT\n  RISK LEVEL HARMLESS.\n\n  PRIVATE SECTION.\n    CONSTANTS c_seats_max TYPE i VALUE 385.\n    CONSTANTS c_seats_occupied TYPE i VALUE 350.\n    METHODS occupancy_in_percent FOR TESTING.\n    METHODS empty_carrier_has_zero FOR TESTING.\nENDCLASS.\n\nCLASS ltcl_statistics IMPLEMENTATION.\n\n  METHOD occupancy_in_percent.\n    DATA(lv_percent) = c_seats_occupied * 100 / c_seats_max.\n    cl_abap_unit_assert=>assert_equals( act = lv_percent exp = 91 msg = 'Occupancy of a 747-400' ).\n  ENDMETHOD.\n\n  METHOD empty_carrier_has_zero.\n    DATA(lv_max) = 0.\n    DATA(lv_percent) = 0 * 100 / lv_max.\n    cl_abap_unit_assert=>assert_equals( act = lv_percent exp = 0 ).\n  ENDMETHOD.\n\nENDCLASS.",
    );
    add_class(system, spec, CORE, "Flight statistics (occupancy, revenue)");
}

fn programs(system: &mut System) {
    add_source(system, ObjectType::Prog, "ZFLIGHT_REPORT", UI, "Flight occupancy report", &lines(
        "*&---------------------------------------------------------------------*\n*& Report ZFLIGHT_REPORT\n*&---------------------------------------------------------------------*\n*& Lists flights of a carrier with their occupancy\n*&---------------------------------------------------------------------*\nREPORT zflight_report.\n\nTABLES sflight.\n\nPARAMETERS p_carr TYPE s_carr_id DEFAULT 'LH' OBLIGATORY.\nSELECT-OPTIONS s_date FOR sflight-fldate.\n\nSTART-OF-SELECTION.\n  DATA lt_flights TYPE STANDARD TABLE OF sflight WITH DEFAULT KEY.\n  DATA lv_percent TYPE i.\n\n  SELECT * FROM sflight\n    WHERE carrid = @p_carr\n      AND fldate IN @s_date\n    ORDER BY fldate\n    INTO TABLE @lt_flights.\n\n  IF lt_flights IS INITIAL.\n    MESSAGE s002(zflight) WITH p_carr DISPLAY LIKE 'E'.\n    RETURN.\n  ENDIF.\n\n  DATA(lo_statistics) = NEW zcl_flight_statistics( ).\n  WRITE: / 'Occupancy of', p_carr, ':', lo_statistics->get_occupancy( p_carr ), '%'.\n  ULINE.\n\n  LOOP AT lt_flights INTO DATA(ls_flight).\n    lv_percent = ls_flight-seatsocc * 100 / ls_flight-seatsmax.\n    WRITE: / ls_flight-connid, ls_flight-fldate, ls_flight-price CURRENCY ls_flight-currency,\n             ls_flight-currency, ls_flight-planetype, lv_percent.\n  ENDLOOP.",
    ));
    add_source(system, ObjectType::Prog, "ZFLIGHT_BOOKINGS_LIST", UI, "Bookings of a customer (ALV)", &lines(
        "REPORT zflight_bookings_list.\n\nPARAMETERS p_cust TYPE s_customer OBLIGATORY.\n\nSTART-OF-SELECTION.\n  DATA(lo_service) = NEW zcl_flight_booking_service( ).\n  DATA(lt_bookings) = lo_service->get_bookings( p_cust ).\n\n  TRY.\n      cl_salv_table=>factory(\n        IMPORTING r_salv_table = DATA(lo_alv)\n        CHANGING  t_table      = lt_bookings ).\n      lo_alv->get_functions( )->set_all( abap_true ).\n      lo_alv->display( ).\n    CATCH cx_salv_msg INTO DATA(lx_salv).\n      MESSAGE lx_salv TYPE 'E'.\n  ENDTRY.",
    ));
    add_source(system, ObjectType::Prog, "ZFLIGHT_CARRIER_CHECK", UI, "Consistency check of carriers", &lines(
        "REPORT zflight_carrier_check.\n\nSTART-OF-SELECTION.\n  DATA lt_carriers TYPE STANDARD TABLE OF scarr WITH DEFAULT KEY.\n  DATA lv_count TYPE i.\n  DATA(lo_repository) = NEW zcl_flight_repository( ).\n\n  SELECT * FROM scarr INTO TABLE @lt_carriers.\n  LOOP AT lt_carriers INTO DATA(ls_carrier).\n    DATA(lt_flights) = lo_repository->zif_flight_repository~get_flights( ls_carrier-carrid ).\n    lv_count = lines( lt_flights ).\n    IF lv_count = 0.\n      WRITE: / ls_carrier-carrid, ls_carrier-carrname, 'has no flights' COLOR COL_NEGATIVE.\n    ELSE.\n      WRITE: / ls_carrier-carrid, ls_carrier-carrname, lv_count.\n    ENDIF.\n  ENDLOOP.",
    ));
}

fn cds_view(
    system: &mut System,
    name: &str,
    description: &str,
    base: &str,
    projection: &[(&str, &str)],
    filter: Option<&str>,
    extra_annotations: &[&str],
) {
    let mut source = vec![
        "@AccessControl.authorizationCheck: #CHECK".to_string(),
        format!("@EndUserText.label: '{description}'"),
    ];
    source.extend(extra_annotations.iter().map(|a| (*a).to_string()));
    source.push(format!("define view entity {name}"));
    source.push(format!("  as select from {}", base.to_ascii_lowercase()));
    source.push("{".to_string());
    let last = projection.len().saturating_sub(1);
    for (i, (alias, field)) in projection.iter().enumerate() {
        let key = if i < 2 && filter.is_none() || i == 0 {
            "key "
        } else {
            "    "
        };
        let comma = if i == last { "" } else { "," };
        let alias_lower = alias.to_ascii_lowercase();
        let field_lower = field.to_ascii_lowercase();
        if alias_lower == field_lower {
            source.push(format!("  {key}{field_lower}{comma}"));
        } else {
            source.push(format!("  {key}{field_lower} as {alias}{comma}"));
        }
    }
    source.push("}".to_string());
    if let Some(condition) = filter {
        source.push(format!("where {condition}"));
    }
    system.cds_views.insert(
        name.to_string(),
        CdsView {
            name: name.to_string(),
            source: source.join("\n"),
            base: base.to_string(),
            projection: projection
                .iter()
                .map(|(a, f)| ((*a).to_string(), (*f).to_string()))
                .collect(),
            filter: filter.map(str::to_string),
        },
    );
    add_object(system, ObjectType::Ddls, name, UI, description);
    add_object(system, ObjectType::Stob, name, UI, description);
}

fn cds_views(system: &mut System) {
    cds_view(
        system,
        "ZI_FLIGHT",
        "Flight",
        "SFLIGHT",
        &[
            ("CarrierId", "CARRID"),
            ("ConnectionId", "CONNID"),
            ("FlightDate", "FLDATE"),
            ("Price", "PRICE"),
            ("Currency", "CURRENCY"),
            ("PlaneType", "PLANETYPE"),
            ("SeatsMax", "SEATSMAX"),
            ("SeatsOccupied", "SEATSOCC"),
        ],
        None,
        &["@Metadata.allowExtensions: true"],
    );
    cds_view(
        system,
        "ZI_CARRIER",
        "Airline",
        "SCARR",
        &[
            ("CarrierId", "CARRID"),
            ("Name", "CARRNAME"),
            ("Currency", "CURRCODE"),
            ("Url", "URL"),
        ],
        None,
        &[],
    );
    cds_view(
        system,
        "ZI_CONNECTION",
        "Flight connection",
        "SPFLI",
        &[
            ("CarrierId", "CARRID"),
            ("ConnectionId", "CONNID"),
            ("DepartureCity", "CITYFROM"),
            ("DepartureAirport", "AIRPFROM"),
            ("DestinationCity", "CITYTO"),
            ("DestinationAirport", "AIRPTO"),
            ("DepartureTime", "DEPTIME"),
            ("ArrivalTime", "ARRTIME"),
            ("Distance", "DISTANCE"),
            ("DistanceUnit", "DISTID"),
        ],
        None,
        &[],
    );
    cds_view(
        system,
        "ZC_FLIGHT_LH",
        "Lufthansa flights",
        "SFLIGHT",
        &[
            ("ConnectionId", "CONNID"),
            ("FlightDate", "FLDATE"),
            ("Price", "PRICE"),
            ("Currency", "CURRENCY"),
            ("SeatsOccupied", "SEATSOCC"),
        ],
        Some("carrid = 'LH'"),
        &["@Metadata.allowExtensions: true"],
    );
    cds_view(
        system,
        "ZI_BOOKING",
        "Flight booking",
        "SBOOK",
        &[
            ("CarrierId", "CARRID"),
            ("ConnectionId", "CONNID"),
            ("FlightDate", "FLDATE"),
            ("BookingId", "BOOKID"),
            ("CustomerId", "CUSTOMID"),
            ("FlightClass", "CLASS"),
            ("Amount", "FORCURAM"),
            ("Currency", "FORCURKEY"),
            ("PassengerName", "PASSNAME"),
        ],
        Some("cancelled = ''"),
        &[],
    );
    add_source(system, ObjectType::Dcls, "ZI_FLIGHT", UI, "Access control for ZI_FLIGHT", &lines(
        "@EndUserText.label: 'Access control for ZI_FLIGHT'\n@MappingRole: true\ndefine role ZI_FLIGHT {\n  grant select on ZI_FLIGHT\n    where ( CarrierId ) = aspect pfcg_auth( S_CARRID, CARRID, ACTVT = '03' );\n}",
    ));
    add_source(system, ObjectType::Ddlx, "ZC_FLIGHT_LH", UI, "UI annotations for Lufthansa flights", &lines(
        "@Metadata.layer: #CUSTOMER\nannotate entity ZC_FLIGHT_LH with\n{\n  @UI.lineItem: [{ position: 10 }]\n  ConnectionId;\n  @UI.lineItem: [{ position: 20 }]\n  FlightDate;\n  @UI.lineItem: [{ position: 30 }]\n  Price;\n}",
    ));
}

fn function_group(system: &mut System) {
    add_source(system, ObjectType::Fugr, "ZFLIGHT_API", CORE, "Flight API (RFC)", &lines(
        "FUNCTION-POOL zflight_api.                  \"MESSAGE-ID zflight\n\nFUNCTION z_flight_get_list.\n*\"----------------------------------------------------------------------\n*\"*\"Local Interface:\n*\"  IMPORTING\n*\"     VALUE(IV_CARRID) TYPE  S_CARR_ID\n*\"  TABLES\n*\"      ET_FLIGHTS STRUCTURE  SFLIGHT\n*\"----------------------------------------------------------------------\n  DATA(lo_repository) = NEW zcl_flight_repository( ).\n  et_flights[] = lo_repository->zif_flight_repository~get_flights( iv_carrid ).\nENDFUNCTION.\n\nFUNCTION z_flight_book.\n*\"----------------------------------------------------------------------\n*\"*\"Local Interface:\n*\"  IMPORTING\n*\"     VALUE(IS_FLIGHT) TYPE  SFLIGHT\n*\"     VALUE(IV_CUSTOMER) TYPE  S_CUSTOMER\n*\"  EXPORTING\n*\"     VALUE(ES_BOOKING) TYPE  SBOOK\n*\"----------------------------------------------------------------------\n  DATA(lo_service) = NEW zcl_flight_booking_service( ).\n  TRY.\n      es_booking = lo_service->create_booking( is_flight = is_flight iv_customer = iv_customer ).\n    CATCH zcx_flight_error INTO DATA(lx_error).\n      MESSAGE lx_error TYPE 'E'.\n  ENDTRY.\nENDFUNCTION.",
    ));
    for (module, short_text) in [
        ("Z_FLIGHT_GET_LIST", "Read the flights of an airline"),
        ("Z_FLIGHT_BOOK", "Book a seat on a flight"),
    ] {
        system.function_attributes.insert(
            module.to_string(),
            FunctionAttributes {
                short_text: short_text.to_string(),
                mode: "R".to_string(),
            },
        );
    }
}

fn message_class(system: &mut System) {
    let messages = [
        ("001", "Airline &1 does not exist"),
        ("002", "No flights found for airline &1"),
        ("003", "Flight &1 &2 on &3 is fully booked"),
        ("004", "Booking &1 was cancelled"),
        ("005", "Customer &1 is locked by user &2"),
        ("006", "Price of &1 &2 could not be determined"),
    ];
    system.message_classes.insert(
        "ZFLIGHT".to_string(),
        messages
            .iter()
            .map(|(n, t)| ((*n).to_string(), (*t).to_string()))
            .collect(),
    );
    add_object(
        system,
        ObjectType::Msag,
        "ZFLIGHT",
        CORE,
        "Messages of the flight application",
    );
}

fn enhancement(system: &mut System) {
    add_source(system, ObjectType::Enho, "ZFLIGHT_ENH_PRICING", CORE, "Surcharge for charter flights", &lines(
        "ENHANCEMENT 1  zflight_enh_pricing.    \"active version\n*  Charter flights carry a fixed surcharge\n  IF is_flight-planetype = 'A380-800'.\n    rv_price = rv_price + 50.\n  ENDIF.\nENDENHANCEMENT.",
    ));
    system.enhancement_hooks.insert(
        "ZFLIGHT_ENH_PRICING".to_string(),
        HookImplementation {
            original_type: "CLAS".to_string(),
            original_name: "ZCL_FLIGHT_PRICING".to_string(),
            method: "CALCULATE_PRICE".to_string(),
            spot: "END".to_string(),
        },
    );
}

fn config_tables(system: &mut System) {
    let s = system;
    elementary(
        s,
        CONFIG,
        "ZFL_ACTIVE",
        "CHAR",
        1,
        0,
        "Carrier active for online booking",
    );
    elementary(
        s,
        CONFIG,
        "ZFL_MAX_DISCOUNT",
        "NUMC",
        3,
        0,
        "Maximum discount in percent",
    );
    elementary(s, CONFIG, "ZFL_VALID_FROM", "DATS", 8, 0, "Valid from");
    elementary(
        s,
        CONFIG,
        "ZFL_CHECKIN_TIME",
        "TIMS",
        6,
        0,
        "Check-in opens at",
    );
    elementary(s, CONFIG, "ZFL_PRIORITY", "INT4", 10, 0, "Display priority");
    fixed_value_ranges(
        s,
        "ZFL_PRIORITY",
        &[("1", "3", "High"), ("4", "6", "Medium"), ("7", "9", "Low")],
    );
    elementary(s, CONFIG, "ZFL_COLOR", "RAW", 3, 0, "Brand color (RGB)");
    elementary(s, CONFIG, "ZFL_FEE_CODE", "CHAR", 4, 0, "Fee code");
    domain_checks(s, "ZFL_FEE_CODE", "ALPHA", "");
    elementary(s, CONFIG, "ZFL_FEE_TEXT", "CHAR", 40, 0, "Fee description");
    elementary(s, CONFIG, "ZFL_FEE_AMOUNT", "CURR", 11, 2, "Fee amount");
    table(
        s,
        CONFIG,
        "ZFL_CARRIER_CFG",
        TableKind::Transparent,
        "C",
        "Carrier settings for online booking",
        &[
            ("MANDT", true, "MANDT"),
            ("CARRID", true, "S_CARR_ID"),
            ("ACTIVE", false, "ZFL_ACTIVE"),
            ("MAX_DISCOUNT", false, "ZFL_MAX_DISCOUNT"),
            ("VALID_FROM", false, "ZFL_VALID_FROM"),
            ("CHECKIN_TIME", false, "ZFL_CHECKIN_TIME"),
            ("PRIORITY", false, "ZFL_PRIORITY"),
            ("COLOR", false, "ZFL_COLOR"),
        ],
    );
    table(
        s,
        CONFIG,
        "ZFL_FEES",
        TableKind::Transparent,
        "E",
        "Booking fees (control table)",
        &[
            ("MANDT", true, "MANDT"),
            ("FEE_CODE", true, "ZFL_FEE_CODE"),
            ("FEE_TEXT", false, "ZFL_FEE_TEXT"),
            ("AMOUNT", false, "ZFL_FEE_AMOUNT"),
            ("CURRENCY", false, "S_CURRCODE"),
        ],
    );
    data_element(
        s,
        MODEL,
        "ZFL_BOOKING_REF",
        "S_BOOK_ID",
        "Booking reference",
        "Booking ref.",
    );
    let rows = super::flight_model::CARRIERS
        .iter()
        .enumerate()
        .take(8)
        .map(|(i, (code, _, _, _))| {
            vec![
                Value::Char("100".to_string()),
                Value::Char((*code).to_string()),
                Value::Char(if i % 3 == 2 { "" } else { "X" }.to_string()),
                Value::Numc(format!("{:03}", 10 + i * 5)),
                Value::Date("20250101".to_string()),
                Value::Time(format!("{:02}0000", 2 + i % 3)),
                Value::Int(i as i64 + 1),
                Value::Char(
                    [
                        "0A3161", "D40F14", "002157", "006643", "EB2226", "00205B", "C8102E",
                        "FFB612",
                    ][i]
                        .to_string(),
                ),
            ]
        })
        .collect();
    s.table_rows.insert("ZFL_CARRIER_CFG".to_string(), rows);
    let fees = [
        ("BAG", "Checked baggage", 3500),
        ("SEAT", "Seat reservation", 1500),
        ("PETS", "Pet in cabin", 7000),
        ("CHNG", "Rebooking fee", 5000),
    ];
    let rows = fees
        .iter()
        .map(|(code, text, amount)| {
            vec![
                Value::Char("100".to_string()),
                Value::Char((*code).to_string()),
                Value::Char((*text).to_string()),
                Value::Packed {
                    units: *amount,
                    decimals: 2,
                },
                Value::Char("EUR".to_string()),
            ]
        })
        .collect();
    s.table_rows.insert("ZFL_FEES".to_string(), rows);
}
