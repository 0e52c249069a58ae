//! Prints the seeded inventory and how long seeding takes:
//! `cargo run --release -p abap-system --example inventory`.

use abap_system::{DumpFilter, ObjectType, System};
use std::collections::BTreeMap;
use std::time::Instant;

fn main() {
    let started = Instant::now();
    let system = System::seeded();
    let first = started.elapsed();
    let started = Instant::now();
    let rounds: u32 = 20;
    for _ in 0..rounds {
        std::hint::black_box(System::seeded());
    }
    println!(
        "seeding: first {first:?}, then {:?} on average",
        started.elapsed() / rounds
    );
    for node in system.packages() {
        println!(
            "package {:<16} parent {:<16} transportable {:<5} {}",
            node.name, node.parent, node.transportable, node.description
        );
    }
    let mut by_type: BTreeMap<&str, usize> = BTreeMap::new();
    for object in system.objects() {
        *by_type.entry(object.object_type.code()).or_default() += 1;
    }
    println!("objects: {} {by_type:?}", system.objects().count());
    for object in system
        .objects()
        .filter(|o| o.object_type == ObjectType::Clas)
    {
        let class = system
            .class(&object.name)
            .map(|c| c.line_count())
            .unwrap_or(0);
        println!(
            "  {:<28} {:<14} {:>6} lines  {}",
            object.name, object.package, class, object.description
        );
    }
    for object in system
        .objects()
        .filter(|o| o.object_type == ObjectType::Tabl)
    {
        let rows = system.table_rows(&object.name).map(<[_]>::len).unwrap_or(0);
        let fields = system
            .table(&object.name)
            .map(|t| t.fields.len())
            .unwrap_or(0);
        println!(
            "  table {:<18} {fields:>3} fields {rows:>5} rows",
            object.name
        );
    }
    for dump in system.dumps(&DumpFilter {
        limit: 3,
        ..DumpFilter::default()
    }) {
        println!(
            "dump {} {} {} line {}",
            dump.id, dump.runtime_error, dump.source_include, dump.source_line
        );
    }
    for repo in system.repos() {
        println!("repo {} {} -> {}", repo.key, repo.url, repo.package);
    }
    for remote in system.remotes() {
        println!("remote {} ({} files)", remote.url, remote.files.len());
    }
}
