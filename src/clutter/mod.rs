//! Clutter: the blocks of a page that a reader would hide.
//!
//! `detect` reads evidence over the whole page (structure, wording in several
//! languages, ARIA roles, repetition) and proposes blocks; `plan` keeps those
//! that hold no article text and gives each a locator for the live page.

mod detect;
mod evidence;
mod floating;
mod guard;
mod kinds;
pub mod lexicon;
mod repeated;

use std::collections::HashSet;

use crate::dom::{Dom, NodeIx};
use crate::locate::locator;
use crate::model::{ClutterBlock, ClutterKind};
use crate::rules::{RuleSelector, SiteRules};
pub use guard::Guard;

/// One block the evidence calls clutter, before the article is known.
#[derive(Debug, Clone)]
pub struct Signal {
    pub node: NodeIx,
    /// The element whose evidence named the kind; `node` is it grown to
    /// the whole block.
    pub seed: NodeIx,
    /// Named for its text standing more than once on the page.
    pub repeated: bool,
    pub kind: ClutterKind,
    pub reason: String,
    /// Confident enough to keep out of the article search; repetition and
    /// copyright are not, since an article may quote or credit.
    pub exclude_from_article: bool,
    /// For the label standing before a list (its "Related posts"
    /// heading): the list's signal node. The label goes only with it.
    pub label_of: Option<NodeIx>,
}

/// Every block the evidence calls clutter, outermost only, in document order.
#[derive(Debug, Clone, Default)]
pub struct Signals {
    pub blocks: Vec<Signal>,
}

impl Signals {
    /// The blocks the article search must not take as article.
    pub fn excluded(&self) -> impl Iterator<Item = NodeIx> + '_ {
        self.blocks
            .iter()
            .filter(|s| s.exclude_from_article)
            .map(|s| s.node)
    }
}

/// The kind that wins when two name the same block comes first.
fn priority(kind: ClutterKind) -> usize {
    usize::from(kind.priority())
}

pub fn detect(dom: &Dom) -> Signals {
    let evidence = evidence::EvidenceMap::gather(dom);
    let mut blocks = detect::signals(dom, &evidence);
    blocks.extend(repeated::signals(dom, &evidence));
    // Outermost first; on the same node, the kind that wins first.
    blocks.sort_by(|a, b| {
        a.node
            .cmp(&b.node)
            .then(priority(a.kind).cmp(&priority(b.kind)))
    });
    let mut outermost: Vec<Signal> = Vec::new();
    for block in blocks {
        if let Some(last) = outermost.last_mut() {
            if dom.contains(last.node, block.node) {
                name_as_footer(last, &block);
                continue;
            }
        }
        outermost.push(block);
    }
    Signals { blocks: outermost }
}

/// The evidence gathered for one element, as debug text: for tracing why a
/// block was or was not named (`examples/trace_signals --at`).
#[doc(hidden)]
pub fn evidence_of(dom: &Dom, ix: crate::dom::NodeIx) -> String {
    let evidence = evidence::EvidenceMap::gather(dom);
    format!("{:?}", evidence.nodes[ix])
}

/// A row of social links around a copyright notice is the site's footer:
/// "follow us" links beside the legal line, not a bar that shares the page.
/// The block takes the notice's kind and reason.
fn name_as_footer(outer: &mut Signal, inner: &Signal) {
    let is_notice = inner.kind == ClutterKind::RepeatedBoilerplate && !inner.repeated;
    if outer.kind == ClutterKind::Share && is_notice {
        outer.kind = ClutterKind::RepeatedBoilerplate;
        outer.reason = inner.reason.clone();
    }
}

/// The plan: every block that passes the article guard (shrunk towards its
/// seed when it grew around protected content), with a locator for the live
/// page. A repeated text is no clutter when one of its copies is protected
/// or it is the page's title.
/// The user's rules come last: nothing planned holds or lies in a block
/// they keep, and the blocks they hide join the plan (see [`user_hidden`]).
pub fn plan(dom: &Dom, signals: &Signals, guard: &Guard, rules: &SiteRules) -> Vec<ClutterBlock> {
    let kept = select_all(dom, &rules.keep);
    let user_kept = |node: NodeIx| {
        kept.iter()
            .any(|&k| dom.contains(node, k) || dom.contains(k, node))
    };
    let protected_texts: HashSet<String> = signals
        .blocks
        .iter()
        .filter(|s| s.repeated && (guard.touches(s.node) || guard.in_article_part(s.node)))
        .map(|s| dom.text(s.node).to_lowercase())
        .chain(
            guard
                .protected()
                .iter()
                .map(|&p| dom.text(p).to_lowercase()),
        )
        .collect();
    // Where each signal's block lands: shrunk clear of protected content,
    // or nowhere.
    let planned = |s: &Signal| -> Option<NodeIx> {
        if dom.node(s.node).hidden && !shown_later(s.kind)
            || s.repeated && {
                let text = dom.text(s.node);
                protected_texts.contains(&text.to_lowercase()) || guard.is_title(&text)
            }
        {
            return None;
        }
        guard.shrink(s.seed, s.node, s.kind)
    };
    let placed: Vec<Option<NodeIx>> = signals.blocks.iter().map(planned).collect();
    // A list's label goes only with its list.
    let dropped: HashSet<NodeIx> = signals
        .blocks
        .iter()
        .zip(&placed)
        .filter(|(_, at)| at.is_none())
        .map(|(s, _)| s.node)
        .collect();
    let mut chosen: Vec<(NodeIx, ClutterKind, String, Option<String>)> = Vec::new();
    for (s, at) in signals.blocks.iter().zip(placed) {
        let Some(node) = at else {
            continue;
        };
        if s.label_of.is_some_and(|list| dropped.contains(&list)) {
            continue;
        }
        if !user_kept(node) {
            chosen.push((node, s.kind, s.reason.clone(), None));
        }
    }
    chosen.extend(
        user_hidden(dom, guard, &rules.hide)
            .filter(|&(node, _)| !user_kept(node))
            .map(|(node, rule)| {
                let reason = format!("your rule: {rule}");
                (node, ClutterKind::UserRule, reason, Some(rule.to_string()))
            }),
    );
    // Outermost first; shrinking and rules can leave two blocks nested no
    // more, and a block never lies in another.
    chosen.sort_by_key(|&(node, kind, ..)| (node, kind != ClutterKind::UserRule));
    let mut blocks: Vec<ClutterBlock> = Vec::new();
    let mut last_end = 0;
    for (node, kind, reason, rule) in chosen {
        if node < last_end {
            continue;
        }
        last_end = dom.end(node);
        blocks.push(ClutterBlock {
            kind,
            reason,
            preview: crate::text::preview(&dom.text_start_spaced(node, 100), 100),
            locator: locator(dom, node),
            article_words: guard.article_words(node),
            rule,
        });
    }
    blocks
}

/// Kinds a page keeps hidden until a script shows them (a sign-up pop-up
/// after a while, a consent banner once its script runs, a "back to top"
/// button once the reader scrolls): planned while still hidden, so they
/// stay hidden when they arrive.
fn shown_later(kind: ClutterKind) -> bool {
    matches!(
        kind,
        ClutterKind::Newsletter | ClutterKind::CookieConsent | ClutterKind::Floating
    )
}

/// Every element the given rules select; rules that do not parse select
/// nothing (the options page checks them before they are stored).
fn select_all(dom: &Dom, rules: &[String]) -> Vec<NodeIx> {
    rules
        .iter()
        .filter_map(|r| RuleSelector::parse(r).ok())
        .flat_map(|r| r.select(dom))
        .collect()
}

/// The blocks the user's hide rules select, with the rule. The user may
/// hide what the engine would not (an ad inside the article), but never the
/// headline or byline, nor the whole article: a rule written on one page
/// must not blank the next.
fn user_hidden<'a>(
    dom: &'a Dom,
    guard: &'a Guard,
    rules: &'a [String],
) -> impl Iterator<Item = (NodeIx, &'a str)> + 'a {
    rules.iter().flat_map(move |rule| {
        let selected = RuleSelector::parse(rule)
            .map(|r| r.select(dom))
            .unwrap_or_default();
        selected
            .into_iter()
            .filter(move |&node| !dom.node(node).hidden && !guard.holds_headline_or_article(node))
            .map(move |node| (node, rule.as_str()))
    })
}
