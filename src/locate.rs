//! Locators: how the live page finds the element the core saw.
//!
//! The core parses serialised HTML, whose tree is not always the live DOM
//! (template contents, noscript, mis-nested markup, script-added elements).
//! A locator therefore carries several independent ways to find an element,
//! and the live page checks them against each other before hiding anything.

use crate::dom::{Dom, NodeIx};
use crate::model::Locator;

/// Characters of text kept in a fingerprint.
pub const FINGERPRINT_CHARS: usize = 80;

pub fn locator(dom: &Dom, node: NodeIx) -> Locator {
    Locator {
        index: dom.element_index(node).unwrap_or(usize::MAX),
        tag: dom.tag(node).unwrap_or("").to_string(),
        selector: selector(dom, node),
        fingerprint: fingerprint(&dom.text_start(node, FINGERPRINT_CHARS)),
    }
}

/// The fingerprint of a text, as both the core and the live page compute it.
pub fn fingerprint(text: &str) -> String {
    crate::text::collapse_whitespace(text)
        .chars()
        .take(FINGERPRINT_CHARS)
        .collect()
}

/// `#id` when the id is unique; otherwise the nearest uniquely-identified
/// ancestor (or `body`) followed by `> tag:nth-child(k)` steps.
fn selector(dom: &Dom, node: NodeIx) -> Option<String> {
    let mut steps: Vec<String> = Vec::new();
    let mut current = node;
    loop {
        let tag = dom.tag(current)?;
        if let Some(id) = dom.attr(current, "id") {
            if dom.id_is_unique(id) && is_plain_ident(id) {
                steps.push(format!("#{id}"));
                break;
            }
        }
        if tag == "body" || tag == "html" {
            steps.push(tag.to_string());
            break;
        }
        let position = dom.element_child_position(current)?;
        steps.push(format!("{tag}:nth-child({position})"));
        current = dom.parent(current)?;
        if steps.len() > 32 {
            return None;
        }
    }
    steps.reverse();
    Some(steps.join(" > "))
}

/// Ids that need no CSS escaping.
fn is_plain_ident(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `extension/content/applier.js` finds the core's elements in the live page
/// by the same fingerprint, so it holds copies of the core's constants; they
/// are checked here against the core's own.
#[cfg(test)]
mod applier_mirrors_the_core {
    use super::FINGERPRINT_CHARS;
    use crate::model::ClutterKind;
    use crate::tags::is_invisible_tag;

    fn applier() -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/content/applier.js");
        std::fs::read_to_string(path).expect("extension/content/applier.js")
    }

    /// The text after `start` up to the next `end`.
    fn between<'a>(source: &'a str, start: &str, end: &str) -> &'a str {
        let from = source
            .find(start)
            .unwrap_or_else(|| panic!("applier.js: {start:?} not found"))
            + start.len();
        let len = source[from..]
            .find(end)
            .unwrap_or_else(|| panic!("applier.js: no {end:?} after {start:?}"));
        &source[from..from + len]
    }

    /// The single-quoted strings in a piece of JavaScript.
    fn quoted(js: &str) -> Vec<String> {
        js.split('\'')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    }

    /// The characters a JavaScript regular-expression class like `[\t \u00a0\u2000-\u200a]` matches.
    fn class_chars(class: &str) -> Vec<char> {
        let mut items: Vec<char> = Vec::new();
        let mut ranges: Vec<(char, char)> = Vec::new();
        let mut rest = class;
        let mut pending_range = false;
        while let Some(c) = rest.chars().next() {
            rest = &rest[c.len_utf8()..];
            let ch = match c {
                '\\' => {
                    let e = rest.chars().next().expect("escape");
                    rest = &rest[1..];
                    match e {
                        't' => '\t',
                        'n' => '\n',
                        'v' => '\u{b}',
                        'f' => '\u{c}',
                        'r' => '\r',
                        'u' => {
                            let code = u32::from_str_radix(&rest[..4], 16).expect("\\uXXXX");
                            rest = &rest[4..];
                            char::from_u32(code).expect("a character")
                        }
                        other => panic!("applier.js: unexpected escape \\{other}"),
                    }
                }
                '-' if !items.is_empty() => {
                    pending_range = true;
                    continue;
                }
                other => other,
            };
            if pending_range {
                let start = items.pop().expect("range start");
                ranges.push((start, ch));
                pending_range = false;
            } else {
                items.push(ch);
            }
        }
        let mut all = items;
        for (a, b) in ranges {
            all.extend((a as u32..=b as u32).filter_map(char::from_u32));
        }
        all.sort_unstable();
        all
    }

    #[test]
    fn fingerprint_length() {
        let js = between(&applier(), "const FINGERPRINT_CHARS = ", ";").to_string();
        assert_eq!(js, FINGERPRINT_CHARS.to_string());
    }

    #[test]
    fn whitespace_is_rusts() {
        let source = applier();
        let js = class_chars(between(&source, "const WS = /[", "]+/g;"));
        let rust: Vec<char> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert_eq!(js, rust, "applier.js WS is not Rust's char::is_whitespace");
    }

    #[test]
    fn invisible_tags_are_the_cores() {
        let source = applier();
        let js = quoted(between(&source, "const INVISIBLE = new Set([", "]);"));
        // Every element name of HTML (and the foreign roots), as a page may write it.
        const HTML_TAGS: &[&str] = &[
            "a",
            "abbr",
            "address",
            "area",
            "article",
            "aside",
            "audio",
            "b",
            "base",
            "bdi",
            "bdo",
            "blockquote",
            "body",
            "br",
            "button",
            "canvas",
            "caption",
            "cite",
            "code",
            "col",
            "colgroup",
            "data",
            "datalist",
            "dd",
            "del",
            "details",
            "dfn",
            "dialog",
            "div",
            "dl",
            "dt",
            "em",
            "embed",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "head",
            "header",
            "hgroup",
            "hr",
            "html",
            "i",
            "iframe",
            "img",
            "input",
            "ins",
            "kbd",
            "label",
            "legend",
            "li",
            "link",
            "main",
            "map",
            "mark",
            "menu",
            "meta",
            "meter",
            "nav",
            "noscript",
            "object",
            "ol",
            "optgroup",
            "option",
            "output",
            "p",
            "param",
            "picture",
            "pre",
            "progress",
            "q",
            "rp",
            "rt",
            "ruby",
            "s",
            "samp",
            "script",
            "search",
            "section",
            "select",
            "slot",
            "small",
            "source",
            "span",
            "strong",
            "style",
            "sub",
            "summary",
            "sup",
            "table",
            "tbody",
            "td",
            "template",
            "textarea",
            "tfoot",
            "th",
            "thead",
            "time",
            "title",
            "tr",
            "track",
            "u",
            "ul",
            "var",
            "video",
            "wbr",
            "svg",
            "math",
            "frame",
            "frameset",
            "noframes",
            "noembed",
            "applet",
            "xmp",
            "plaintext",
            "listing",
            "marquee",
            "center",
            "font",
        ];
        for tag in &js {
            assert!(
                is_invisible_tag(tag),
                "applier.js counts <{tag}> invisible; the core does not"
            );
        }
        for tag in HTML_TAGS {
            assert_eq!(
                is_invisible_tag(tag),
                js.iter().any(|t| t == tag),
                "<{tag}>: applier.js INVISIBLE and dom::is_invisible_tag disagree"
            );
        }
    }

    #[test]
    fn overlay_kinds_are_clutter_kinds() {
        let source = applier();
        let kinds = quoted(between(&source, "const OVERLAY_KINDS = new Set([", "]);"));
        assert!(!kinds.is_empty());
        for kind in kinds {
            assert!(
                serde_json::from_str::<ClutterKind>(&format!("\"{kind}\"")).is_ok(),
                "applier.js OVERLAY_KINDS: {kind:?} is no clutter kind"
            );
        }
    }
}
