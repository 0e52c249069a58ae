fn main() {
    // tauri.conf.json sits at the repository root (beside Cargo.toml); capabilities too.
    let attributes =
        tauri_build::Attributes::new().capabilities_path_pattern("./capabilities/**/*");
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build script failed: {error:#}");
    }
}
