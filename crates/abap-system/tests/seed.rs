use abap_system::{ObjectFilter, ObjectType, System, BIG_CLASS, WIDE_TABLE};
use std::time::Instant;

#[test]
fn seeding_is_fast_and_large_enough() {
    let started = Instant::now();
    let system = System::seeded();
    let elapsed = started.elapsed();
    let objects = system.objects().count();
    assert!(objects >= 100, "only {objects} objects");
    // Debug builds are slow; the release budget is 100 ms.
    assert!(elapsed.as_millis() < 1000, "seeding took {elapsed:?}");
    let big = system.class(BIG_CLASS).expect("big class");
    assert!(
        big.line_count() > 9_000 && big.line_count() < 12_000,
        "{}",
        big.line_count()
    );
    let wide = system.table(WIDE_TABLE).expect("wide table");
    assert_eq!(wide.fields.len(), 50);
    assert!(system.table_rows(WIDE_TABLE).unwrap().len() >= 1000);
}

#[test]
fn seeding_is_deterministic() {
    let a = System::seeded();
    let b = System::seeded();
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
}

#[test]
fn every_object_of_a_package_is_found_by_lookup() {
    let system = System::seeded();
    for package in system.packages() {
        let objects = system
            .objects_in_package(&package.name, &ObjectFilter::default())
            .unwrap();
        for object in objects {
            let found = system.find_object(&object.name, Some(object.object_type));
            assert_eq!(found, Some(object));
            assert!(system.package(&object.package).is_some());
        }
    }
}

#[test]
fn every_table_row_has_every_field() {
    let system = System::seeded();
    for object in system
        .objects()
        .filter(|o| o.object_type == ObjectType::Tabl)
    {
        let table = system.table(&object.name).expect("table definition");
        for row in system.table_rows(&object.name).unwrap_or_default() {
            assert_eq!(row.len(), table.fields.len(), "{}", object.name);
        }
    }
}
