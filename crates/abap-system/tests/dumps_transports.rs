use abap_system::{
    DumpFilter, ObjectType, System, SystemError, TransportKind, TransportScope, TransportStatus,
};

#[test]
fn dumps_point_at_real_source_lines() {
    let system = System::seeded();
    assert_eq!(system.all_dumps().len(), 15);
    for dump in system.all_dumps() {
        let parts: Vec<&str> = dump.id.split(':').collect();
        assert_eq!(parts.len(), 6, "{}", dump.id);
        assert_eq!(parts[3], dump.user);
        assert!(
            system.find_object(&dump.object, None).is_some(),
            "{}",
            dump.object
        );
        let error_line = dump
            .source_excerpt
            .iter()
            .find(|l| l.is_error)
            .expect("error line");
        assert_eq!(error_line.line, dump.source_line);
        assert_eq!(dump.call_stack[0].line, dump.source_line);
        assert_eq!(dump.call_stack[0].include, dump.source_include);
        if let Some(class) = system.class(&dump.object) {
            let suffix = &dump.source_include[30..];
            let section = class
                .sections()
                .into_iter()
                .find(|s| s.suffix == suffix)
                .unwrap();
            assert_eq!(
                section.lines[dump.source_line as usize - 1],
                error_line.text
            );
        } else {
            let source = system.source(ObjectType::Prog, &dump.object).unwrap();
            let line = source.lines().nth(dump.source_line as usize - 1).unwrap();
            assert_eq!(line, error_line.text);
        }
    }
}

#[test]
fn dump_filter_defaults_to_last_seven_days() {
    let system = System::seeded();
    let recent = system.dumps(&DumpFilter::default());
    assert!(!recent.is_empty() && recent.len() < 15);
    let week_ago = system.reference_time() - chrono::Duration::days(7);
    assert!(recent.iter().all(|d| d.timestamp >= week_ago));
    assert!(recent.windows(2).all(|w| w[0].timestamp >= w[1].timestamp));
    let zero_divide = system.dumps(&DumpFilter {
        error: Some("compute_int_*".to_string()),
        from: Some(system.reference_time() - chrono::Duration::days(30)),
        ..DumpFilter::default()
    });
    assert_eq!(zero_divide.len(), 6);
    let mine = system.dumps(&DumpFilter {
        user: Some("developer".to_string()),
        limit: 2,
        ..DumpFilter::default()
    });
    assert_eq!(mine.len(), 2);
    assert!(mine.iter().all(|d| d.user == "DEVELOPER"));
    let found = system.dump(&mine[0].id).unwrap();
    assert_eq!(found, mine[0]);
}

#[test]
fn transports_create_release_check() {
    let mut system = System::seeded();
    let mine = system.transports(TransportScope::Mine, "DEVELOPER");
    assert!(mine
        .iter()
        .all(|t| t.owner == "DEVELOPER" && t.status == TransportStatus::Modifiable));
    let task = system.transports(TransportScope::Task, "DEVELOPER");
    assert!(task.len() > mine.len());
    let created = system
        .create_transport(TransportKind::Customizing, "New settings", "developer")
        .unwrap();
    // 9 seeded requests with 12 tasks use DEVK900001..021.
    assert_eq!(created.number, "DEVK900022");
    assert_eq!(created.tasks[0].number, "DEVK900023");
    assert_eq!(created.kind, TransportKind::Customizing);
    assert_eq!(
        system.transports(TransportScope::All, "X")[0].number,
        "DEVK900022"
    );
    let pricing = system
        .all_transports()
        .iter()
        .find(|t| t.description.contains("pricing"))
        .unwrap()
        .number
        .clone();
    let check = system.check_transport(&pricing).unwrap();
    assert!(check.passed, "{:?}", check.issues);
    let released = system.release_transport("devk900022").unwrap();
    assert_eq!(released.status, TransportStatus::Released);
    assert_eq!(
        system.release_transport("DEVK900022"),
        Err(SystemError::TransportAlreadyReleased(
            "DEVK900022".to_string()
        ))
    );
    assert!(matches!(
        system.release_transport("DEVK999999"),
        Err(SystemError::TransportNotFound(_))
    ));
}

#[test]
fn open_requests_select_as_the_handler_does() {
    let system = System::seeded();
    let mine = system.open_requests(TransportKind::Workbench, TransportScope::Mine, "developer");
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|t| t.owner == "DEVELOPER"
        && t.kind == TransportKind::Workbench
        && t.status == TransportStatus::Modifiable));
    // Newest date first.
    assert!(mine.windows(2).all(|w| w[0].created_on >= w[1].created_on));
    // Task: owned requests and those where the user has a task (AKUMAR's statistics report).
    let task = system.open_requests(TransportKind::Workbench, TransportScope::Task, "DEVELOPER");
    assert!(task.iter().any(|t| t.owner == "AKUMAR"));
    assert!(mine
        .iter()
        .all(|m| task.iter().any(|t| t.number == m.number)));
    // Customizing requests only when asked for; released ones never.
    let customizing = system.open_requests(TransportKind::Customizing, TransportScope::All, "X");
    assert!(customizing
        .iter()
        .all(|t| t.kind == TransportKind::Customizing));
    assert_eq!(customizing.len(), 2);
    let all = system.open_requests(TransportKind::Workbench, TransportScope::All, "X");
    let released = system
        .all_transports()
        .iter()
        .filter(|t| t.status == TransportStatus::Released)
        .count();
    assert!(released >= 3);
    assert!(all.iter().all(|t| t.status == TransportStatus::Modifiable));
    // LCHEN has a request of her own but no customizing one: the task scope still has a
    // candidate (her task), while a user without any has none.
    assert!(!system.task_scope_has_no_candidates(TransportKind::Customizing, "LCHEN"));
    assert!(system
        .open_requests(TransportKind::Customizing, TransportScope::Task, "LCHEN")
        .is_empty());
    assert!(system.task_scope_has_no_candidates(TransportKind::Workbench, "BATCH_USER"));
}

#[test]
fn the_cts_tables_hold_requests_tasks_texts_and_objects() {
    use abap_system::preview::PreviewQuery;
    let system = System::seeded();
    let query = |table: &str, condition: &str| {
        system
            .preview(
                table,
                None,
                &PreviewQuery {
                    where_clause: Some(condition.to_string()),
                    limit: 500,
                    ..PreviewQuery::default()
                },
            )
            .unwrap()
    };
    let statistics = system
        .all_transports()
        .iter()
        .find(|t| t.description == "ZFLIGHT: statistics report")
        .unwrap();
    let headers = query(
        "E070",
        &format!("TRKORR = '{0}' OR STRKORR = '{0}'", statistics.number),
    );
    let owners: Vec<String> = headers.rows.iter().map(|r| r[5].to_text()).collect();
    assert_eq!(owners, ["AKUMAR", "AKUMAR", "DEVELOPER"]);
    assert_eq!(headers.rows[0][1].to_text(), "K");
    assert_eq!(headers.rows[1][1].to_text(), "S");
    assert_eq!(headers.rows[1][8].to_text(), statistics.number);
    // Open: the objects sit in the owner's task.
    let objects = query(
        "E071",
        &format!("TRKORR = '{}'", statistics.tasks[0].number),
    );
    assert_eq!(objects.rows.len(), 2);
    assert_eq!(objects.rows[0][3].to_text(), "CLAS");
    let texts = query("E07T", &format!("TRKORR = '{}'", statistics.number));
    assert_eq!(texts.rows[0][2].to_text(), "ZFLIGHT: statistics report");
    // Released requests hold their objects themselves.
    let released = query("E070", "TRSTATUS = 'R' AND STRKORR = ''");
    assert!(released.rows.len() >= 3);
    let hotfix = system
        .all_transports()
        .iter()
        .find(|t| t.description.starts_with("Hotfix"))
        .unwrap();
    assert_eq!(
        query("E071", &format!("TRKORR = '{}'", hotfix.number))
            .rows
            .len(),
        1
    );
    // The new request holds nothing, neither itself nor in its tasks.
    let empty = system
        .all_transports()
        .iter()
        .find(|t| t.description == "Pricing: charter surcharge")
        .unwrap();
    let holders: Vec<String> = std::iter::once(empty.number.clone())
        .chain(empty.tasks.iter().map(|t| t.number.clone()))
        .map(|n| format!("'{n}'"))
        .collect();
    assert!(
        query("E071", &format!("TRKORR IN ({})", holders.join(", ")))
            .rows
            .is_empty()
    );
}
