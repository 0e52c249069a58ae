//! How WebKitGTK renders on machines without a GPU.
//!
//! WebKitGTK composites the page's layers with OpenGL. Without a GPU render node (virtual
//! machines, remote desktops, CI) that OpenGL is Mesa's llvmpipe: on such a machine the web
//! process spent about 6 s of CPU during start-up against about 1.5 s without compositing,
//! and the app's memory 10 s after start was 160 MB higher (`tests/e2e/bench/startup-bench.mjs`).
//! So where no GPU renders, the app turns accelerated compositing off for itself.
//!
//! `WEBKIT_DISABLE_COMPOSITING_MODE` rather than `WEBKIT_DISABLE_DMABUF_RENDERER`: both give
//! the same figures here, but the latter also empties the renderer's buffer transports, which
//! newer WebKitGTK releases do not survive once a page asks for a compositing layer.
//! With a GPU the default stays; a choice the user made with either variable always wins.

use std::ffi::OsString;
use std::path::Path;

pub const VARIABLE: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// The variables through which a user chooses WebKitGTK's rendering path themselves.
const USER_CHOICES: [&str; 3] = [
    VARIABLE,
    "WEBKIT_DISABLE_DMABUF_RENDERER",
    "WEBKIT_DMABUF_RENDERER_FORCE_SHM",
];

/// Whether to render without compositing: only when the user chose nothing and no GPU renders.
pub fn render_without_compositing(
    user_choices: &[Option<OsString>],
    gpu_render_node: bool,
) -> bool {
    user_choices.iter().all(Option::is_none) && !gpu_render_node
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
    let user_choices = USER_CHOICES.map(std::env::var_os);
    if render_without_compositing(&user_choices, has_gpu_render_node(Path::new("/dev/dri"))) {
        std::env::set_var(VARIABLE, "1");
        tracing::info!("no GPU render node: WebKit renders without compositing ({VARIABLE}=1)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_compositing_only_where_no_gpu_renders_and_the_user_chose_nothing() {
        let nothing = [None, None, None];
        assert!(render_without_compositing(&nothing, false));
        assert!(!render_without_compositing(&nothing, true));
        let compositing_kept = [Some(OsString::from("0")), None, None];
        assert!(!render_without_compositing(&compositing_kept, false));
        let dmabuf_choice = [None, Some(OsString::from("1")), None];
        assert!(!render_without_compositing(&dmabuf_choice, false));
        assert!(!render_without_compositing(&dmabuf_choice, true));
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
