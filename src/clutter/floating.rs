//! What floats over the page rather than standing in it: a "back to top"
//! button, a video player that follows the reader down. Judged by the
//! element's own label and names (generic words, no site's).

use super::lexicon;
use crate::dom::{Dom, NodeIx};

/// The longest label a "back to top" control carries.
const TOP_LABEL_CHARS: u32 = 30;
/// The most text a floating player holds (a title, "close", a timer).
const PLAYER_CHARS: u32 = 200;

/// A link or button that only scrolls the page back to its top: labelled
/// so ("Back to top", "Nach oben"), or labelled no more than "Top", "Up"
/// or an arrow and named so (`back-to-top`, `scrollTop`) or pointing to
/// `#top`.
pub fn is_back_to_top(dom: &Dom, ix: NodeIx) -> bool {
    let control =
        matches!(dom.tag(ix), Some("a" | "button")) || dom.attr(ix, "role") == Some("button");
    if !control || dom.node(ix).text_chars > TOP_LABEL_CHARS {
        return false;
    }
    let link = dom.attr(ix, "href");
    let href = link.unwrap_or("");
    if !(dom.is_tag(ix, "button") || href.is_empty() || href.starts_with('#')) {
        return false;
    }
    let aria_label = dom.attr(ix, "aria-label");
    // (An empty `<a id="top">` with no link is the place a button leads
    // to, not one.)
    let target = dom.is_tag(ix, "a")
        && link.is_none()
        && dom.node(ix).text_chars == 0
        && dom.element_children(ix).next().is_none()
        && aria_label.is_none();
    if target {
        return false;
    }
    let text = dom.text(ix);
    let label = if text.trim().is_empty() {
        aria_label.or(dom.attr(ix, "title")).unwrap_or("")
    } else {
        text.as_str()
    };
    let named = || {
        dom.class_and_id(ix)
            .split_whitespace()
            .any(lexicon::names_back_to_top)
    };
    match lexicon::back_to_top_label(&label.to_lowercase()) {
        Some(says) => says || href.eq_ignore_ascii_case("#top") || named(),
        None => false,
    }
}

/// A video player named as one that floats or sticks to a corner
/// (`floating-video`, `sticky-player`, `video-dock`), with little text of
/// its own.
pub fn is_floating_player(dom: &Dom, ix: NodeIx) -> bool {
    dom.node(ix).text_chars <= PLAYER_CHARS
        && dom.class_and_id(ix).split_whitespace().any(|name| {
            let name = name.to_ascii_lowercase();
            (name.contains("video") || name.contains("player"))
                && (name.contains("float") || name.contains("sticky") || name.contains("dock"))
        })
}
