// Prevents an extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    // `agent-desk --export-bindings <file>` writes the TypeScript bindings and exits
    // (CI uses the test `bindings_are_current` instead; this is for quick manual runs).
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some("--export-bindings") {
        let path = args
            .next()
            .unwrap_or_else(|| "ui/src/bindings.ts".to_owned());
        if let Err(error) = agent_desk_lib::export_bindings(std::path::Path::new(&path)) {
            eprintln!("cannot export bindings to {path}: {error}");
            std::process::exit(1);
        }
        return;
    }
    agent_desk_lib::run();
}
