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
    // 8 seeded requests with 10 tasks use DEVK900001..018.
    assert_eq!(created.number, "DEVK900019");
    assert_eq!(created.tasks[0].number, "DEVK900020");
    assert_eq!(created.kind, TransportKind::Customizing);
    assert_eq!(
        system.transports(TransportScope::All, "X")[0].number,
        "DEVK900019"
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
    let released = system.release_transport("devk900019").unwrap();
    assert_eq!(released.status, TransportStatus::Released);
    assert_eq!(
        system.release_transport("DEVK900019"),
        Err(SystemError::TransportAlreadyReleased(
            "DEVK900019".to_string()
        ))
    );
    assert!(matches!(
        system.release_transport("DEVK999999"),
        Err(SystemError::TransportNotFound(_))
    ));
}
