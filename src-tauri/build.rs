// The command names: the build script generates `allow-<command>` permissions for them,
// which puts the app's own commands under the capability ACL.
include!("command_names.rs");

fn main() {
    // tauri.conf.json sits at the repository root (beside Cargo.toml); capabilities and icons
    // live with the app code in src-tauri/.
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(APP_COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri build script failed: {error:#}");
    }
}
