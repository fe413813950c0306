//! Repetition: blocks whose text stands more than once on the page (the
//! desktop and mobile copies of a footer, a disclaimer shown twice).

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};

use super::evidence::EvidenceMap;
use super::{ClutterKind, Signal};
use crate::dom::{Dom, Kind, NodeIx};

const MIN_CHARS: u32 = 20;
const MAX_CHARS: u32 = 1500;

pub fn signals(dom: &Dom, evidence: &EvidenceMap) -> Vec<Signal> {
    // Keyed by a hash of the text, not the text: a page's whole text is
    // not copied into the map (peak memory on long pages).
    let mut by_key: HashMap<u64, Vec<NodeIx>> = HashMap::new();
    for ix in dom.elements() {
        let data = dom.node(ix);
        if data.invisible || data.hidden || !(MIN_CHARS..=MAX_CHARS).contains(&data.text_chars) {
            continue;
        }
        // Only the outermost element with this text, and no navigation:
        // repeated menus are the page's own way around and may stay.
        let maximal = dom
            .parent(ix)
            .is_none_or(|p| dom.node(p).text_chars > data.text_chars);
        if !maximal
            || dom.link_density(ix) > 0.7
            || evidence.get(ix).prose > 1
            || in_navigation(dom, ix)
        {
            continue;
        }
        if matches!(
            dom.tag(ix),
            Some("a" | "li" | "option" | "title" | "html" | "body" | "head")
        ) {
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
        if nodes.len() < 2 || is_content_copy(dom, &nodes) {
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
            });
        }
    }
    signals
}

/// A hash of `dom.text(ix)` lower-cased (whitespace runs as one space,
/// none at either end), computed without building the text.
fn text_key(dom: &Dom, ix: NodeIx) -> u64 {
    let mut hasher = DefaultHasher::new();
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

fn in_navigation(dom: &Dom, ix: NodeIx) -> bool {
    std::iter::once(ix).chain(dom.ancestors(ix)).any(|a| {
        matches!(dom.tag(a), Some("nav" | "header" | "menu"))
            || matches!(dom.attr(a, "role"), Some("navigation" | "menu" | "menubar"))
    })
}
