//! Defaults for WebKitGTK, the webview on Linux, that can only be given through the
//! environment: the app sets them on itself before WebKit starts its processes, which
//! inherit them. A variable the user set always wins.

pub mod javascript;
pub mod rendering;

/// Applies every default. Call before any thread starts (it sets variables).
pub fn apply() {
    rendering::apply();
    javascript::apply();
}
