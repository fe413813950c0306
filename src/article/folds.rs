//! An accordion's sections: the article folded, not hidden furniture. A
//! hidden block right after its toggle (a button, `role=button`, `summary`
//! or an element saying `aria-expanded`) that holds running text is a
//! folded section; the toggle's text, when it reads as the section's
//! title (a heading, a question), is the section's heading, not a control.

use super::{asks, previous_element, RUNNING_TEXT_MAX_LINK_DENSITY, RUNNING_TEXT_MIN_CHARS};
use crate::dom::{Dom, Kind, NodeIx};

/// The folded sections of a page and their titles.
pub(super) struct Folds {
    /// Nodes inside a folded section.
    pub folded: Vec<bool>,
    /// Toggles that title a section, each with its section: sorted.
    pub titles: Vec<(NodeIx, NodeIx)>,
}

impl Folds {
    /// Is `ix` a toggle that titles a section?
    pub fn is_title(&self, ix: NodeIx) -> bool {
        self.titles.binary_search_by_key(&ix, |&(t, _)| t).is_ok()
    }
}

/// The folded sections: a hidden block right after a toggle that stands
/// in a heading or holds one, asks a question (an FAQ's), names the block with
/// `aria-controls`, or (for a block named as an accordion's panel) holds
/// any text; the block holds running text. A menu's toggle holds no
/// heading, asks nothing and names no prose.
pub(super) fn find(dom: &Dom) -> Folds {
    let mut folds = Folds {
        folded: vec![false; dom.len()],
        titles: Vec::new(),
    };
    let mut ix = 0;
    while ix < dom.len() {
        let data = dom.node(ix);
        let top_hidden = data.kind == Kind::Element
            && data.hidden
            && !data.invisible
            && dom.parent(ix).is_some_and(|p| !dom.node(p).hidden);
        if top_hidden
            && dom.text_chars(ix) >= RUNNING_TEXT_MIN_CHARS
            && dom.link_density(ix) < RUNNING_TEXT_MAX_LINK_DENSITY
        {
            if let Some(t) = previous_element(dom, ix) {
                let toggles: Vec<(NodeIx, bool)> = toggles_of(dom, t, ix).collect();
                if !toggles.is_empty() {
                    folds.folded[ix..dom.end(ix)].fill(true);
                    let titles = toggles.into_iter().filter(|&(_, title)| title);
                    folds.titles.extend(titles.map(|(d, _)| (d, ix)));
                    ix = dom.end(ix);
                    continue;
                }
            }
        }
        ix += 1;
    }
    // A toggle may hold the next section's toggle too: keep them sorted.
    folds.titles.sort_unstable();
    folds.titles.dedup_by_key(|&mut (t, _)| t);
    folds
}

/// The toggles for `panel` in `t` (`t` itself or elements in it), each
/// with whether it reads as the section's title: inside a heading, holding
/// one, or asking a question ("Read more" or "Show all" only acts).
fn toggles_of(dom: &Dom, t: NodeIx, panel: NodeIx) -> impl Iterator<Item = (NodeIx, bool)> + '_ {
    let id = dom.attr(panel, "id").filter(|id| !id.is_empty());
    let accordion = super::names::is_accordion(dom.class_and_id(panel));
    (t..dom.end(t)).filter_map(move |d| {
        let toggle = matches!(dom.tag(d), Some("button" | "summary"))
            || dom.attr(d, "role") == Some("button")
            || dom.attr(d, "aria-expanded").is_some();
        if !toggle {
            return None;
        }
        let has_text = dom.text_chars(d) > 0;
        let in_heading = in_heading(dom, t, d);
        let title = has_text && (in_heading || holds_heading(dom, d) || asks(dom, d));
        let toggles = title
            || in_heading
            || accordion && has_text
            || id.is_some() && dom.attr(d, "aria-controls") == id;
        toggles.then_some((d, title))
    })
}

/// Is the toggle `d` inside a heading (in `t`, or `t` itself): the
/// WAI-ARIA accordion's `<h3><button>Title</button></h3>`?
fn in_heading(dom: &Dom, t: NodeIx, d: NodeIx) -> bool {
    std::iter::once(d)
        .chain(dom.ancestors(d).take_while(|&a| a >= t))
        .any(|a| dom.tag(a).is_some_and(crate::tags::is_heading))
}

fn holds_heading(dom: &Dom, d: NodeIx) -> bool {
    dom.descendants(d)
        .any(|h| dom.tag(h).is_some_and(crate::tags::is_heading) && dom.text_chars(h) > 0)
}
