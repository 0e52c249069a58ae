use abap_system::{
    Condition, CustomizeRequest, FieldValue, ObjectType, PreviewQuery, System, SystemError, Value,
    WIDE_TABLE,
};

fn query(condition: &str) -> PreviewQuery {
    PreviewQuery {
        where_clause: Some(condition.to_string()),
        limit: 1000,
        ..PreviewQuery::default()
    }
}

fn count(system: &System, table: &str, condition: &str) -> usize {
    system
        .preview(table, None, &query(condition))
        .unwrap()
        .total_rows
}

#[test]
fn where_conditions_filter_typed_values() {
    let system = System::seeded();
    let all = system.table_rows("SFLIGHT").unwrap().len();
    assert!(all >= 300, "{all}");
    let lh = count(&system, "SFLIGHT", "carrid = 'LH'");
    let not_lh = count(&system, "SFLIGHT", "CARRID <> 'LH'");
    assert!(lh > 0);
    assert_eq!(lh + not_lh, all);
    assert_eq!(count(&system, "SFLIGHT", "CARRID EQ 'LH'"), lh);
    assert_eq!(count(&system, "SFLIGHT", "NOT carrid = 'LH'"), not_lh);
    // Numbers compare numerically, NUMC too.
    let cheap = count(&system, "SFLIGHT", "price < 500");
    let dear = count(&system, "SFLIGHT", "PRICE >= 500");
    assert_eq!(cheap + dear, all);
    assert_eq!(
        count(&system, "SFLIGHT", "connid = 17"),
        count(&system, "SFLIGHT", "connid = '0017'")
    );
    // Dates compare as YYYYMMDD text.
    let rows = system.table_rows("SFLIGHT").unwrap();
    let first = rows.iter().map(|r| r[3].to_text()).min().unwrap();
    assert_eq!(count(&system, "SFLIGHT", &format!("fldate < '{first}'")), 0);
    assert_eq!(
        count(
            &system,
            "SFLIGHT",
            &format!("fldate BETWEEN '{first}' AND '99991231'")
        ),
        all
    );
    assert_eq!(count(&system, "SCARR", "carrname LIKE 'A%'"), 5);
    assert_eq!(count(&system, "SCARR", "carrid LIKE '_A'"), 4); // AA, BA, SA, UA
    assert_eq!(
        count(
            &system,
            "SFLIGHT",
            "(carrid = 'LH' OR carrid = 'AA') AND seatsocc > 100"
        ),
        count(
            &system,
            "SFLIGHT",
            "carrid IN ('LH', 'AA') AND NOT seatsocc <= 100"
        )
    );
}

#[test]
fn where_errors_read_like_dynamic_sql_errors() {
    let system = System::seeded();
    let unknown = system
        .preview("SFLIGHT", None, &query("carid = 'LH'"))
        .unwrap_err();
    assert_eq!(
        unknown,
        SystemError::InvalidWhere(
            "Unknown column name \"CARID\" in the dynamic WHERE condition.".to_string()
        )
    );
    let broken = system
        .preview("SFLIGHT", None, &query("carrid = 'LH' AND"))
        .unwrap_err();
    assert!(broken.to_string().contains("ends unexpectedly"), "{broken}");
    let open = system
        .preview("SFLIGHT", None, &query("carrid = 'LH"))
        .unwrap_err();
    assert!(open.to_string().contains("not closed"), "{open}");
    let fields = &system.table("SFLIGHT").unwrap().fields;
    let error = Condition::parse("price > > 1", fields).unwrap_err();
    assert_eq!(error.position, 8);
}

#[test]
fn columns_offset_limit_and_metadata() {
    let system = System::seeded();
    let page = system
        .preview(
            "sflight",
            None,
            &PreviewQuery {
                columns: vec![
                    "carrid".to_string(),
                    "PRICE".to_string(),
                    "nope".to_string(),
                ],
                offset: 5,
                limit: 3,
                ..PreviewQuery::default()
            },
        )
        .unwrap();
    assert_eq!(page.rows.len(), 3);
    assert_eq!(page.displayed_fields().len(), 2);
    assert_eq!(page.columns_hidden.len(), 12);
    assert!(page.has_more(5));
    // With an offset the rows are ordered by the first column (MANDT, all equal) - stable order.
    assert_eq!(page.rows[0].len(), 14, "rows keep every column");
    let rtti = page.displayed_rtti();
    assert_eq!((rtti[0].type_kind.as_str(), rtti[0].length), ("C", 6));
    assert_eq!((rtti[1].type_kind.as_str(), rtti[1].length), ("P", 8));
    let price = page.fields.iter().find(|f| f.name == "PRICE").unwrap();
    assert_eq!(
        (price.ddic_type.as_str(), price.length, price.decimals),
        ("CURR", 15, 2)
    );
    let default = system
        .preview("SCARR", None, &PreviewQuery::default())
        .unwrap();
    assert_eq!(default.rows.len(), 10);
    assert_eq!(default.total_rows, 17);
    let wide = system
        .preview(
            WIDE_TABLE,
            None,
            &PreviewQuery {
                limit: 2000,
                ..PreviewQuery::default()
            },
        )
        .unwrap();
    assert_eq!(wide.rows.len(), 1200);
    assert_eq!(
        system.preview("ZNOPE", None, &PreviewQuery::default()),
        Err(SystemError::TableNotFound("ZNOPE".to_string()))
    );
}

#[test]
fn cds_views_are_evaluated_from_their_base_table() {
    let system = System::seeded();
    let view = system.preview("ZC_FLIGHT_LH", None, &query("")).unwrap();
    assert_eq!(view.object_type, ObjectType::Ddls);
    assert_eq!(view.fields[0].name, "CONNECTIONID");
    let lh = system
        .preview("SFLIGHT", None, &query("carrid = 'LH'"))
        .unwrap()
        .total_rows;
    assert_eq!(view.total_rows, lh);
    let filtered = system
        .preview("ZI_FLIGHT", None, &query("CarrierId = 'AA'"))
        .unwrap();
    assert_eq!(
        filtered.total_rows,
        system
            .preview("SFLIGHT", None, &query("carrid = 'AA'"))
            .unwrap()
            .total_rows
    );
}

#[test]
fn customizing_writes_follow_the_rules() {
    let mut system = System::seeded();
    let values = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(f, v)| FieldValue {
                field: f.to_string(),
                value: v.to_string(),
            })
            .collect::<Vec<_>>()
    };
    let request = |table: &str, pairs: &[(&str, &str)], transport: Option<&str>| CustomizeRequest {
        table_name: table.to_string(),
        field_values: values(pairs),
        transport: transport.map(str::to_string),
        no_transport: false,
    };
    assert!(matches!(
        system.customize(&request("SFLIGHT", &[("CARRID", "LH")], None)),
        Err(SystemError::DeliveryClassNotAllowed { .. })
    ));
    assert_eq!(
        system.customize(&request("ZFL_CARRIER_CFG", &[("CARRID", "LH")], None)),
        Err(SystemError::TransportRequired(
            "ZFL_CARRIER_CFG".to_string()
        ))
    );
    let workbench = system
        .all_transports()
        .iter()
        .find(|t| t.description.contains("pricing"))
        .unwrap()
        .number
        .clone();
    assert!(matches!(
        system.customize(&request(
            "ZFL_CARRIER_CFG",
            &[("CARRID", "LH")],
            Some(&workbench)
        )),
        Err(SystemError::TransportWrongKind { .. })
    ));
    let customizing = system
        .all_transports()
        .iter()
        .find(|t| t.description == "Carrier settings 2026")
        .unwrap()
        .number
        .clone();
    // The command's own checks (format only: an impossible date or time passes them).
    for (field, bad) in [
        ("VALID_FROM", "2026-13-01"),
        ("CHECKIN_TIME", "2500"),
        ("MAX_DISCOUNT", "1x"),
        ("PRIORITY", "high"),
        ("COLOR", "XYZ"),
    ] {
        let result = system.customize(&request(
            "ZFL_CARRIER_CFG",
            &[("CARRID", "LH"), (field, bad)],
            Some(&customizing),
        ));
        assert!(
            matches!(result, Err(SystemError::InvalidFieldValue { .. })),
            "{field}: {result:?}"
        );
    }
    // No check for packed numbers: the assignment raises CX_SY_CONVERSION_NO_NUMBER.
    assert_eq!(
        system.customize(&request(
            "ZFL_FEES",
            &[("FEE_CODE", "BAG"), ("AMOUNT", "1x")],
            Some(&customizing),
        )),
        Err(SystemError::Conversion(
            "Unable to interpret \"1x\" as a number.".to_string()
        ))
    );
    let written = system
        .customize(&request(
            "ZFL_CARRIER_CFG",
            &[
                ("carrid", "UA"),
                ("ACTIVE", "X"),
                ("VALID_FROM", "20260401"),
                ("PRIORITY", "9"),
                ("MAX_DISCOUNT", "7"),
            ],
            Some(&customizing),
        ))
        .unwrap();
    assert_eq!(written.action, "MODIFIED");
    assert!(written.inserted);
    assert_eq!(written.delivery_class, "C");
    let row = system
        .table_rows("ZFL_CARRIER_CFG")
        .unwrap()
        .iter()
        .find(|r| r[1] == Value::Char("UA".to_string()))
        .unwrap()
        .clone();
    assert_eq!(row[3], Value::Numc("007".to_string()));
    assert_eq!(row[5], Value::Time("000000".to_string()));
    let transport = system.transport(&customizing).unwrap();
    assert!(transport
        .objects
        .iter()
        .any(|o| o.object_type == "TABU" && o.name == "ZFL_CARRIER_CFG"));
    // Local package: no transport needed.
    let local = system
        .customize(&request(
            "ZDEMO_SETTINGS",
            &[("SETTING", "LOG_LEVEL"), ("VALUE", "DEBUG")],
            None,
        ))
        .unwrap();
    assert!(!local.inserted);
    assert!(local.transport.is_empty());
}
