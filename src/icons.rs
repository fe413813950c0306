//! Icons drawn by an icon font from ligatures (Material Icons and Symbols):
//! the element's text is the icon's name (`chevron_right`, `share`), which
//! a reader without the font would show as a word.

use crate::dom::{Dom, Kind, NodeIx};

/// The longest icon name looked for (Material's run to about 40 characters).
const NAME_MAX_CHARS: usize = 64;

/// The icon's name when `ix` is an icon font's element holding only one.
/// Only a lone name counts, so a container misusing the class keeps its
/// text.
pub fn ligature_name(dom: &Dom, ix: NodeIx) -> Option<String> {
    let el = dom.element(ix)?;
    let icon_font = el
        .classes()
        .any(|c| c.starts_with("material-icons") || c.starts_with("material-symbols"));
    if !icon_font {
        return None;
    }
    let text = dom.text(ix);
    let name = text.trim();
    let is_name = !name.is_empty()
        && name.len() <= NAME_MAX_CHARS
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    is_name.then(|| name.to_string())
}

/// What the reader writes for an icon: a symbol for the icons that say
/// something in a table or a list (a tick, a cross, a star), nothing for
/// the rest.
pub fn symbol(name: &str) -> &'static str {
    match name {
        "check" | "done" | "check_circle" | "task_alt" => "✓",
        "close" | "clear" | "cancel" => "✗",
        "star" => "★",
        "star_half" => "⯪",
        "star_border" | "star_outline" => "☆",
        _ => "",
    }
}

/// The visible text of `ix` without its icons' names.
pub fn text_without_icons(dom: &Dom, ix: NodeIx) -> String {
    let mut out = String::new();
    let mut d = ix;
    while d < dom.end(ix) {
        let n = dom.node(d);
        if n.kind == Kind::Element && d != ix && ligature_name(dom, d).is_some() {
            d = dom.end(d);
            continue;
        }
        if n.kind == Kind::Text && !n.invisible {
            out.push_str(dom.text_node(d).unwrap_or(""));
        }
        d += 1;
    }
    out
}
