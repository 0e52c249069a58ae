//! File names chosen by a server (attachment names, `Content-Disposition`) reduced to a plain
//! base name before they reach a dialog or the disk: a hostile server must not pick the folder
//! (`../../x.sh`, `C:\Windows\…`), a hidden dot file (`.bashrc`) or a device name (`CON`).

/// The name used when nothing usable is left.
pub const FALLBACK_FILE_NAME: &str = "attachment";

const MAX_CHARS: usize = 200;

/// Windows refuses these as names, whatever the extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// The last path component of `raw`, without characters that are special on any of our
/// platforms, without leading dots or `~`, and never empty.
pub fn clean_file_name(raw: &str) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let kept: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*'))
        .collect();
    let trimmed = kept
        .trim_start_matches(['.', '~', ' '])
        // Windows drops trailing dots and spaces, which would change the name.
        .trim_end_matches(['.', ' ']);
    let mut name: String = trimmed.chars().take(MAX_CHARS).collect();
    let stem = name.split('.').next().unwrap_or_default();
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        name.insert(0, '_');
    }
    if name.is_empty() {
        FALLBACK_FILE_NAME.to_owned()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_names_become_plain_base_names() {
        for (raw, clean) in [
            ("report.pdf", "report.pdf"),
            ("../../x.sh", "x.sh"),
            ("~/.bashrc", "bashrc"),
            ("..\\..\\Windows\\System32\\evil.dll", "evil.dll"),
            ("C:\\Users\\me\\Desktop\\notes.txt", "notes.txt"),
            ("/etc/passwd", "passwd"),
            ("..", FALLBACK_FILE_NAME),
            ("", FALLBACK_FILE_NAME),
            ("   ", FALLBACK_FILE_NAME),
            ("a\u{0}b\nc.txt", "abc.txt"),
            ("what?.txt", "what.txt"),
            ("CON.txt", "_CON.txt"),
            ("nul", "_nul"),
            ("name. . ", "name"),
            ("Spec v2 (final).docx", "Spec v2 (final).docx"),
        ] {
            assert_eq!(clean_file_name(raw), clean, "{raw:?}");
        }
        assert_eq!(clean_file_name(&"x".repeat(1000)).len(), MAX_CHARS);
    }
}
