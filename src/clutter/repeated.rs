//! Repetition: blocks whose text stands more than once on the page (the
//! desktop and mobile copies of a footer, a disclaimer shown twice).

use std::collections::HashMap;

use super::evidence::EvidenceMap;
use super::{ClutterKind, Signal};
use crate::dom::{Dom, NodeIx};

const MIN_CHARS: u32 = 20;
const MAX_CHARS: u32 = 1500;

pub fn signals(dom: &Dom, evidence: &EvidenceMap) -> Vec<Signal> {
    let mut by_text: HashMap<String, Vec<NodeIx>> = HashMap::new();
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
        by_text
            .entry(dom.text(ix).to_lowercase())
            .or_default()
            .push(ix);
    }
    let mut signals = Vec::new();
    for nodes in by_text.into_values() {
        if nodes.len() < 2 {
            continue;
        }
        let reason = format!("the same text stands {} times on the page", nodes.len());
        for node in nodes {
            signals.push(Signal {
                node,
                kind: ClutterKind::RepeatedBoilerplate,
                reason: reason.clone(),
                exclude_from_article: false,
            });
        }
    }
    signals
}

fn in_navigation(dom: &Dom, ix: NodeIx) -> bool {
    std::iter::once(ix).chain(dom.ancestors(ix)).any(|a| {
        matches!(dom.tag(a), Some("nav" | "header" | "menu"))
            || matches!(dom.attr(a, "role"), Some("navigation" | "menu" | "menubar"))
    })
}
