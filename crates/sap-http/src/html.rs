//! Reducing HTML (SAP error and logon pages) to a title or a short text for messages.
//!
//! This is not an HTML parser: it only needs to turn a page into a readable line,
//! never to fail, and to stay linear in the size of the body.

/// Titles longer than this are cut: a title is a label, not a document.
const TITLE_MAX_CHARS: usize = 200;

/// Elements whose content is never visible text (the title is reported on its own).
const INVISIBLE_ELEMENTS: [&str; 5] = ["head", "script", "style", "template", "noscript"];

/// The `<title>` of an HTML page, entities decoded and whitespace folded.
/// `None` when there is no title or it is blank.
pub fn html_title(body: &str) -> Option<String> {
    let tag_start = find_tag(body, "title")?;
    let content_start = tag_start + body[tag_start..].find('>')? + 1;
    let content = &body[content_start..];
    let content_end = find_ascii_case_insensitive(content, "</title").unwrap_or(content.len());
    let title = fold_whitespace(&html_escape::decode_html_entities(&content[..content_end]));
    if title.is_empty() {
        None
    } else {
        Some(truncate_chars(&title, TITLE_MAX_CHARS))
    }
}

/// At most `max_chars` characters of `body`, for error messages: markup (HTML or XML)
/// reduced to its visible text, entities decoded, whitespace folded. A cut text ends with `…`.
pub fn text_excerpt(body: &str, max_chars: usize) -> String {
    let text = if looks_like_markup(body) {
        markup_to_text(body)
    } else {
        body.to_owned()
    };
    truncate_chars(&fold_whitespace(&text), max_chars)
}

/// A body that starts with a tag is markup; JSON and plain text never do.
pub(crate) fn looks_like_markup(body: &str) -> bool {
    let trimmed = body.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    trimmed.starts_with('<')
}

/// `true` for a page that begins like an HTML document (used when `Content-Type` is missing).
pub(crate) fn looks_like_html_document(body: &[u8]) -> bool {
    let start = &body[..body.len().min(512)];
    let text = String::from_utf8_lossy(start);
    looks_like_markup(&text)
        && (find_ascii_case_insensitive(&text, "<!doctype html").is_some()
            || find_tag(&text, "html").is_some())
}

fn markup_to_text(markup: &str) -> String {
    let mut text = String::with_capacity(markup.len().min(64 * 1024));
    let mut rest = markup;
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        let tag = &rest[lt..];
        if !starts_tag(tag) {
            // A lone `<` in text ("a < b").
            text.push('<');
            rest = &tag[1..];
            continue;
        }
        // Tags separate words: "<td>a</td><td>b</td>" reads "a b".
        text.push(' ');
        rest = if let Some(comment) = tag.strip_prefix("<!--") {
            after(comment, "-->")
        } else if let Some(name) = invisible_element(tag) {
            skip_element(tag, name)
        } else {
            after(tag, ">")
        };
    }
    text.push_str(rest);
    html_escape::decode_html_entities(&text).into_owned()
}

/// `<` followed by a letter, `/`, `!` or `?` opens a tag.
fn starts_tag(tag: &str) -> bool {
    tag.as_bytes()
        .get(1)
        .is_some_and(|&b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
}

fn invisible_element(tag: &str) -> Option<&'static str> {
    INVISIBLE_ELEMENTS
        .into_iter()
        .find(|name| tag_name_is(tag, name))
}

/// Everything after the element opened at the start of `tag`, up to and including its end tag.
fn skip_element<'a>(tag: &'a str, name: &str) -> &'a str {
    let closing = format!("</{name}");
    match find_ascii_case_insensitive(tag, &closing) {
        Some(end) => after(&tag[end..], ">"),
        None => "",
    }
}

/// The text after the first `needle`, or nothing when it never comes.
fn after<'a>(text: &'a str, needle: &str) -> &'a str {
    match text.find(needle) {
        Some(index) => &text[index + needle.len()..],
        None => "",
    }
}

/// `tag` starts with `<name` followed by the end of the name.
fn tag_name_is(tag: &str, name: &str) -> bool {
    let bytes = tag.as_bytes();
    let name_end = 1 + name.len();
    bytes.len() > name_end
        && bytes[1..name_end].eq_ignore_ascii_case(name.as_bytes())
        && matches!(bytes[name_end], b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
}

/// Byte offset of the first `<name` start tag.
fn find_tag(text: &str, name: &str) -> Option<usize> {
    let needle = format!("<{name}");
    let mut offset = 0;
    while let Some(found) = find_ascii_case_insensitive(&text[offset..], &needle) {
        let start = offset + found;
        if tag_name_is(&text[start..], name) {
            return Some(start);
        }
        offset = start + 1;
    }
    None
}

/// Byte offset of an ASCII `needle`, ignoring ASCII case. An ASCII match always starts
/// on a char boundary, so the offset can slice `haystack`.
fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    if needle.is_empty() {
        return Some(0);
    }
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max_chars` characters; a cut text ends with `…` (counted in `max_chars`).
fn truncate_chars(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    if max_chars == 0 {
        return String::new();
    }
    let mut cut: String = text.chars().take(max_chars - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_found_case_insensitively_and_folded() {
        let page = "<HTML><Head><TITLE>\n  Logon   &amp; more\n</TITLE></head></html>";
        assert_eq!(html_title(page).as_deref(), Some("Logon & more"));
    }

    #[test]
    fn title_tag_prefix_of_another_name_is_not_a_title() {
        assert_eq!(html_title("<titles>x</titles>"), None);
        assert_eq!(html_title("<title>   </title>"), None);
        assert_eq!(html_title("{\"title\": 1}"), None);
    }

    #[test]
    fn unterminated_title_takes_the_rest() {
        assert_eq!(html_title("<title>Error 500").as_deref(), Some("Error 500"));
    }

    #[test]
    fn excerpt_drops_head_scripts_styles_and_comments() {
        let page = "<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head>\
                    <body><!-- hidden --><script>var x = '<b>';</script>\
                    <h1>Service cannot be reached</h1><p>What&nbsp;has happened?</p></body></html>";
        assert_eq!(
            text_excerpt(page, 200),
            "Service cannot be reached What has happened?"
        );
    }

    #[test]
    fn excerpt_keeps_json_and_a_lone_less_than() {
        assert_eq!(text_excerpt("{\"a\":\n  \"x<y\"}", 50), "{\"a\": \"x<y\"}");
        assert_eq!(text_excerpt("<p>a < b</p>", 50), "a < b");
    }

    #[test]
    fn excerpt_is_bounded_and_cut_on_char_boundaries() {
        let text = "äöü ".repeat(100);
        let excerpt = text_excerpt(&text, 10);
        assert_eq!(excerpt.chars().count(), 10);
        assert!(excerpt.ends_with('…'));
        assert_eq!(text_excerpt("short", 10), "short");
        assert_eq!(text_excerpt("anything", 0), "");
    }

    #[test]
    fn xml_errors_read_as_text() {
        let xml = "<?xml version=\"1.0\"?><error><code>SY/530</code>\
                   <message xml:lang=\"en\">Resource not found</message></error>";
        assert_eq!(text_excerpt(xml, 100), "SY/530 Resource not found");
    }

    #[test]
    fn html_documents_are_recognised_without_content_type() {
        assert!(looks_like_html_document(b"\n<!doctype html><p>x"));
        assert!(looks_like_html_document(b"<html lang=\"en\">"));
        assert!(!looks_like_html_document(b"<?xml version=\"1.0\"?><feed/>"));
        assert!(!looks_like_html_document(b"{\"html\": \"<html>\"}"));
    }
}
