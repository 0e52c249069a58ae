//! How WebKitGTK renders on Linux machines without a GPU.
//!
//! WebKitGTK's default DMA-BUF renderer composites with OpenGL. Without a GPU render node
//! (virtual machines, remote desktops, CI) that OpenGL is Mesa's llvmpipe, and showing the
//! systems page alone cost about 4 s of CPU on such a machine against about 1 s with the CPU
//! renderer (tests/e2e/bench/startup-bench.mjs). With a GPU the default stays. A value the
//! user set (including `0`) always wins.

use std::ffi::OsStr;
use std::path::Path;

pub const VARIABLE: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

/// Whether to switch to the CPU renderer: only when the user chose nothing and no GPU renders.
pub fn use_cpu_renderer(user_choice: Option<&OsStr>, gpu_render_node: bool) -> bool {
    user_choice.is_none() && !gpu_render_node
}

/// Whether the machine has a DRM render node (`/dev/dri/renderD*`), i.e. a GPU that renders.
pub fn has_gpu_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false)
}

/// Applies the choice to this process. Call before any thread starts (it sets a variable).
pub fn apply() {
    let user_choice = std::env::var_os(VARIABLE);
    if use_cpu_renderer(
        user_choice.as_deref(),
        has_gpu_render_node(Path::new("/dev/dri")),
    ) {
        std::env::set_var(VARIABLE, "1");
        tracing::info!("no GPU render node: WebKit renders on the CPU ({VARIABLE}=1)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cpu_renderer_only_where_no_gpu_renders_and_the_user_chose_nothing() {
        assert!(use_cpu_renderer(None, false));
        assert!(!use_cpu_renderer(None, true));
        assert!(!use_cpu_renderer(Some(OsStr::new("0")), false));
        assert!(!use_cpu_renderer(Some(OsStr::new("1")), true));
    }

    #[test]
    fn a_render_node_is_a_renderd_entry_of_dev_dri() {
        let dri = std::env::temp_dir().join(format!("agent-desk-dri-{}", std::process::id()));
        std::fs::create_dir_all(&dri).unwrap();
        assert!(!has_gpu_render_node(&dri));
        std::fs::write(dri.join("card0"), b"").unwrap();
        assert!(
            !has_gpu_render_node(&dri),
            "a card alone is a display, not a renderer"
        );
        std::fs::write(dri.join("renderD128"), b"").unwrap();
        assert!(has_gpu_render_node(&dri));
        std::fs::remove_dir_all(&dri).unwrap();
        assert!(!has_gpu_render_node(&dri.join("missing")));
    }
}
