//! Repetition: blocks whose text stands more than once on the page (the
//! desktop and mobile copies of a footer, a disclaimer shown twice).

use std::collections::HashMap;
use std::hash::Hasher;

use crate::text::FastHasher;

use super::evidence::EvidenceMap;
use super::Signal;
use crate::dom::{Dom, Kind, NodeIx};
use crate::model::ClutterKind;

const MIN_CHARS: u32 = 20;
const MAX_CHARS: u32 = 1500;
/// Text outside links, beyond its copy, that makes an item a post: a sentence.
const ITEM_TEXT_CHARS: u32 = 40;

pub fn signals(dom: &Dom, evidence: &EvidenceMap) -> Vec<Signal> {
    // Keyed by a hash of the text, not the text: a page's whole text is
    // not copied into the map (peak memory on long pages).
    let mut by_key: HashMap<u64, Vec<NodeIx>> = HashMap::new();
    let navigation = in_navigation(dom);
    for ix in dom.elements() {
        let data = dom.node(ix);
        if data.invisible || data.hidden || !(MIN_CHARS..=MAX_CHARS).contains(&data.text_chars) {
            continue;
        }
        if matches!(
            dom.tag(ix),
            Some("a" | "li" | "option" | "title" | "html" | "body" | "head")
        ) {
            continue;
        }
        // Only the outermost element with this text, and no navigation:
        // repeated menus are the page's own way around and may stay.
        let maximal = dom
            .parent(ix)
            .is_none_or(|p| dom.node(p).text_chars > data.text_chars);
        if !maximal || dom.link_density(ix) > 0.7 || evidence.get(ix).prose > 1 || navigation[ix] {
            continue;
        }
        by_key.entry(text_key(dom, ix)).or_default().push(ix);
    }
    // Equal keys almost surely mean equal texts; the texts decide.
    let mut by_text: HashMap<String, Vec<NodeIx>> = HashMap::new();
    for nodes in by_key.into_values().filter(|n| n.len() >= 2) {
        for node in nodes {
            by_text
                .entry(dom.text(node).to_lowercase())
                .or_default()
                .push(node);
        }
    }
    let mut signals = Vec::new();
    for nodes in by_text.into_values() {
        if nodes.len() < 2 || is_content_copy(dom, &nodes) || is_per_item(dom, &nodes) {
            continue;
        }
        let reason = format!("the same text stands {} times on the page", nodes.len());
        for node in nodes {
            signals.push(Signal {
                node,
                seed: node,
                repeated: true,
                kind: ClutterKind::RepeatedBoilerplate,
                reason: reason.clone(),
                exclude_from_article: false,
                label_of: None,
            });
        }
    }
    signals
}

/// A hash of `dom.text(ix)` lower-cased (whitespace runs as one space,
/// none at either end), computed without building the text. (A fast hash:
/// texts with equal keys are compared before they count as copies.)
fn text_key(dom: &Dom, ix: NodeIx) -> u64 {
    let mut hasher = FastHasher::default();
    let (mut started, mut space) = (false, false);
    for i in dom.descendants(ix) {
        let node = dom.node(i);
        if node.kind != Kind::Text || node.invisible {
            continue;
        }
        for c in dom.text_node(i).unwrap_or("").chars() {
            if c.is_whitespace() {
                space = started;
                continue;
            }
            if space {
                hasher.write_u32(' ' as u32);
                space = false;
            }
            started = true;
            // (ASCII, most text, lower-cased without the Unicode tables.)
            if c.is_ascii() {
                hasher.write_u32(c.to_ascii_lowercase() as u32);
                continue;
            }
            for lower in c.to_lowercase() {
                hasher.write_u32(lower as u32);
            }
        }
    }
    hasher.finish()
}

/// Copies that are content, not the site's furniture: cells or items of one
/// table or list (a training plan's "rest day", a spec sheet's "yes"), or
/// copies all inside the page's main content (the responsive twin of a
/// comparison table), or code.
fn is_content_copy(dom: &Dom, copies: &[NodeIx]) -> bool {
    let container = |ix: NodeIx| {
        dom.ancestors(ix).find(|&a| {
            matches!(
                dom.tag(a),
                Some("table" | "ul" | "ol" | "dl" | "pre" | "code")
            )
        })
    };
    let mut containers: Vec<NodeIx> = copies.iter().filter_map(|&c| container(c)).collect();
    containers.sort_unstable();
    if containers.windows(2).any(|w| w[0] == w[1])
        || copies.iter().any(|&c| {
            std::iter::once(c)
                .chain(dom.ancestors(c))
                .any(|a| matches!(dom.tag(a), Some("pre" | "code")))
        })
    {
        return true;
    }
    let in_main = |ix: NodeIx| {
        dom.ancestors(ix)
            .any(|a| dom.is_tag(a, "main") || dom.attr(a, "role") == Some("main"))
    };
    copies.iter().all(|&c| in_main(c))
}

/// Copies that each belong to their own item of one run of items (same
/// tag, one parent), every item holding text of its own beyond the copy and
/// most of them a sentence or more outside links: the author panel of each
/// post by the same person in a thread, a reaction line under each comment.
/// They say who wrote what; hiding them takes the thread apart. (A footer's
/// desktop and mobile copies hold links, not sentences.)
fn is_per_item(dom: &Dom, copies: &[NodeIx]) -> bool {
    let Some(common) = common_ancestor(dom, copies) else {
        return false;
    };
    let item_of = |copy: NodeIx| {
        std::iter::once(copy)
            .chain(dom.ancestors(copy))
            .take_while(|&a| a != common)
            .last()
    };
    let mut items = Vec::with_capacity(copies.len());
    for &copy in copies {
        let Some(item) = item_of(copy) else {
            return false;
        };
        if item == copy
            || items.contains(&item)
            || dom.node(item).text_chars <= dom.node(copy).text_chars
        {
            return false;
        }
        items.push(item);
    }
    let plain = |ix: NodeIx| dom.node(ix).text_chars - dom.node(ix).link_chars;
    let with_sentences = copies
        .iter()
        .zip(&items)
        .filter(|&(&copy, &item)| plain(item) >= plain(copy) + ITEM_TEXT_CHARS)
        .count();
    let tag = dom.tag(items[0]);
    with_sentences * 2 > items.len() && items.iter().all(|&i| dom.tag(i) == tag)
}

/// The deepest element holding every node.
fn common_ancestor(dom: &Dom, nodes: &[NodeIx]) -> Option<NodeIx> {
    let first = *nodes.first()?;
    dom.ancestors(first)
        .find(|&a| nodes.iter().all(|&n| dom.contains(a, n)))
}

/// Whether each node is or lies in navigation: a `nav`, `header` or
/// `menu`, by tag or role. Each node from its parent's, in one pass, not a
/// walk up from each element asked about.
fn in_navigation(dom: &Dom) -> Vec<bool> {
    let mut inside = vec![false; dom.len()];
    for ix in 0..dom.len() {
        inside[ix] = dom.parent(ix).is_some_and(|p| inside[p])
            || matches!(dom.tag(ix), Some("nav" | "header" | "menu"))
            || matches!(
                dom.attr(ix, "role"),
                Some("navigation" | "menu" | "menubar")
            );
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeated_texts(html: &str) -> Vec<String> {
        let dom = Dom::parse(html);
        let evidence = EvidenceMap::gather(&dom);
        let mut texts: Vec<String> = signals(&dom, &evidence)
            .iter()
            .map(|s| dom.text(s.node).trim().to_string())
            .collect();
        texts.dedup();
        texts
    }

    #[test]
    fn the_same_author_panel_on_each_post_is_no_boilerplate() {
        let panel = "<div class=poster>marta_k · Regular member · Joined March 2019</div>";
        let post = |body: &str| format!("<article class=post>{panel}<p>{body}</p></article>");
        let html = format!(
            "<body><div class=posts>{}{}{}</div>\
             <footer><a href=/a>About</a><p>© 2026 Bakers Ltd. All rights reserved.</p></footer>\
             <div class=narrow><a href=/a>About</a><p>© 2026 Bakers Ltd. All rights reserved.</p></div></body>",
            post("My rye starter smells of nail polish remover since yesterday."),
            post("Thank you, I moved it next to the oven and fed it at one to five."),
            post("Update after three days: it doubles in six hours now."),
        );
        let texts = repeated_texts(&html);
        assert!(
            texts.iter().any(|t| t.ends_with("All rights reserved.")),
            "{texts:?}"
        );
        assert!(!texts.iter().any(|t| t.contains("marta_k")), "{texts:?}");
    }
}
