//! Finding the article: exclusions, scoring, assembly, cleaning — retried
//! with looser rules when too little text survives, as Readability.js does.

mod assemble;
pub mod names;
mod score;
pub mod stats;

use crate::clutter::Signals;
use crate::dom::{Dom, Kind, NodeIx};
use crate::metadata::Metadata;
use crate::Options;

use stats::Stats;

/// The article as subtrees of the page, in document order, minus the
/// subtrees cleaning took out of them.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Roots of the article's parts, in document order.
    pub parts: Vec<NodeIx>,
    /// Subtrees inside the parts that are not article: sorted, disjoint.
    pub removed: Vec<NodeIx>,
}

impl Found {
    /// True when `ix` is article content: inside a part and not removed.
    pub fn keeps(&self, dom: &Dom, ix: NodeIx) -> bool {
        self.parts.iter().any(|&p| dom.contains(p, ix)) && !self.is_removed(dom, ix)
    }

    pub fn is_removed(&self, dom: &Dom, ix: NodeIx) -> bool {
        let at = self.removed.partition_point(|&r| r <= ix);
        at > 0 && dom.contains(self.removed[at - 1], ix)
    }

    /// Visible characters of article text.
    pub fn text_chars(&self, dom: &Dom) -> usize {
        self.parts
            .iter()
            .flat_map(|&p| p..dom.end(p))
            .filter(|&i| dom.node(i).kind == Kind::Text && !dom.node(i).invisible)
            .filter(|&i| !self.is_removed(dom, i))
            .map(|i| dom.node(i).text_chars as usize)
            .sum()
    }
}

/// The rules one attempt applies; later attempts switch them off one by one.
#[derive(Debug, Clone, Copy)]
pub struct Flags {
    pub strip_unlikely: bool,
    pub weight_classes: bool,
    pub clean_conditionally: bool,
    /// Take hidden elements too: the last resort for pages whose content
    /// waits, hidden, for a script to show it (streamed server rendering).
    pub include_hidden: bool,
}

const ATTEMPTS: [Flags; 5] = [
    Flags {
        strip_unlikely: true,
        weight_classes: true,
        clean_conditionally: true,
        include_hidden: false,
    },
    Flags {
        strip_unlikely: false,
        weight_classes: true,
        clean_conditionally: true,
        include_hidden: false,
    },
    Flags {
        strip_unlikely: false,
        weight_classes: false,
        clean_conditionally: true,
        include_hidden: false,
    },
    Flags {
        strip_unlikely: false,
        weight_classes: false,
        clean_conditionally: false,
        include_hidden: false,
    },
    Flags {
        strip_unlikely: true,
        weight_classes: true,
        clean_conditionally: true,
        include_hidden: true,
    },
];

pub fn find(dom: &Dom, signals: &Signals, metadata: &Metadata, options: &Options) -> Option<Found> {
    dom.body()?;
    let mut best: Option<(usize, Found)> = None;
    for flags in ATTEMPTS {
        let Some(found) = attempt(dom, signals, metadata, flags) else {
            continue;
        };
        let chars = found.text_chars(dom);
        if chars >= options.char_threshold {
            return Some(found);
        }
        if best.as_ref().is_none_or(|(c, _)| chars > *c) {
            best = Some((chars, found));
        }
    }
    best.filter(|(chars, _)| *chars > 0).map(|(_, found)| found)
}

fn attempt(dom: &Dom, signals: &Signals, metadata: &Metadata, flags: Flags) -> Option<Found> {
    let excluded = exclusions(dom, signals, metadata, flags);
    let stats = Stats::compute(dom, &excluded);
    let scores = score::score(dom, &excluded, &stats, flags);
    let top = score::top_candidate(dom, &scores, &stats)?;
    Some(assemble::assemble(
        dom, top, &scores, &stats, &excluded, flags,
    ))
}

/// Subtrees no attempt may take as article: invisible or hidden elements,
/// controls, navigation, the clutter the signals found, the title repeated
/// as a heading, and (when stripping) blocks whose names say they are
/// furniture. Inherited: a node is excluded when an ancestor is.
fn exclusions(dom: &Dom, signals: &Signals, metadata: &Metadata, flags: Flags) -> Vec<bool> {
    let mut excluded = vec![false; dom.len()];
    for ix in signals.excluded() {
        excluded[ix] = true;
    }
    let title = metadata.title.as_deref().map(normalise_title);
    let page_chars = dom.body().map_or(0, |b| dom.text_chars(b));
    let mut title_heading_seen = false;
    for ix in 0..dom.len() {
        if dom.parent(ix).is_some_and(|p| excluded[p]) {
            excluded[ix] = true;
            continue;
        }
        if excluded[ix] {
            continue;
        }
        let data = dom.node(ix);
        match data.kind {
            // The document node holds everything; comments and doctypes go.
            Kind::Other => excluded[ix] = dom.parent(ix).is_some(),
            Kind::Text => excluded[ix] = data.invisible,
            Kind::Element => {
                let tag = dom.tag(ix).unwrap_or("");
                // Broken markup or a page-wide form can put the whole page
                // inside one chrome element: such an element stays.
                let chrome = is_chrome(tag) && dom.text_chars(ix) * 2 < page_chars;
                if data.invisible
                    || (data.hidden && !flags.include_hidden)
                    || chrome
                    || is_control(tag)
                {
                    excluded[ix] = true;
                    continue;
                }
                if matches!(
                    dom.attr(ix, "role"),
                    Some(
                        "menu"
                            | "menubar"
                            | "complementary"
                            | "navigation"
                            | "alert"
                            | "alertdialog"
                            | "dialog"
                    )
                ) {
                    excluded[ix] = true;
                    continue;
                }
                if !title_heading_seen && (tag == "h1" || tag == "h2") {
                    if let Some(title) = &title {
                        if normalise_title(&dom.text(ix)) == *title {
                            excluded[ix] = true;
                            title_heading_seen = true;
                            continue;
                        }
                    }
                }
                if flags.strip_unlikely
                    && !matches!(tag, "html" | "body" | "a" | "article" | "main")
                {
                    let names = dom.class_and_id(ix);
                    if names::is_unlikely(&names) && !inside(dom, ix, &["table", "code", "pre"]) {
                        excluded[ix] = true;
                        continue;
                    }
                }
            }
        }
    }
    excluded
}

/// Form controls: never article text.
fn is_control(tag: &str) -> bool {
    matches!(
        tag,
        "button" | "input" | "select" | "textarea" | "label" | "dialog" | "menu"
    )
}

/// Site chrome: navigation, asides, footers, forms, fieldsets.
fn is_chrome(tag: &str) -> bool {
    matches!(tag, "nav" | "aside" | "footer" | "form" | "fieldset")
}

fn inside(dom: &Dom, ix: NodeIx, tags: &[&str]) -> bool {
    dom.ancestors(ix)
        .any(|a| dom.tag(a).is_some_and(|t| tags.contains(&t)))
}

fn normalise_title(s: &str) -> String {
    crate::text::words(&s.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}
