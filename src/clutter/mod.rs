//! Clutter: the blocks of a page that a reader would hide.
//!
//! `detect` reads evidence over the whole page (structure, wording in several
//! languages, ARIA roles, repetition) and proposes blocks; `plan` keeps those
//! that hold no article text and gives each a locator for the live page.

mod detect;
mod evidence;
pub mod lexicon;
mod repeated;

use serde::{Deserialize, Serialize};

use crate::article::Found;
use crate::dom::{Dom, Kind, NodeIx};
use crate::locate::{locator, Locator};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClutterKind {
    Newsletter,
    Comments,
    RepeatedBoilerplate,
    Share,
    Related,
    Ad,
    CookieConsent,
    AppPromo,
}

impl ClutterKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ClutterKind::Newsletter => "newsletter",
            ClutterKind::Comments => "comments",
            ClutterKind::RepeatedBoilerplate => "repeated_boilerplate",
            ClutterKind::Share => "share",
            ClutterKind::Related => "related",
            ClutterKind::Ad => "ad",
            ClutterKind::CookieConsent => "cookie_consent",
            ClutterKind::AppPromo => "app_promo",
        }
    }
}

/// One block to hide in the live page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClutterBlock {
    pub kind: ClutterKind,
    /// One line a person can read: why this block is clutter.
    pub reason: String,
    /// The start of the block's text.
    pub preview: String,
    pub locator: Locator,
}

/// One block the evidence calls clutter, before the article is known.
#[derive(Debug, Clone)]
pub struct Signal {
    pub node: NodeIx,
    pub kind: ClutterKind,
    pub reason: String,
    /// Confident enough to keep out of the article search; repetition and
    /// copyright are not, since an article may quote or credit.
    pub exclude_from_article: bool,
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

/// Kinds in the order they win when two name the same block.
const PRIORITY: [ClutterKind; 8] = [
    ClutterKind::CookieConsent,
    ClutterKind::Newsletter,
    ClutterKind::Comments,
    ClutterKind::RepeatedBoilerplate,
    ClutterKind::AppPromo,
    ClutterKind::Share,
    ClutterKind::Related,
    ClutterKind::Ad,
];

fn priority(kind: ClutterKind) -> usize {
    PRIORITY
        .iter()
        .position(|&k| k == kind)
        .unwrap_or(PRIORITY.len())
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
        if let Some(last) = outermost.last() {
            if dom.contains(last.node, block.node) {
                continue;
            }
        }
        outermost.push(block);
    }
    Signals { blocks: outermost }
}

/// The plan: every block that holds no article text and lies outside it,
/// with a locator for the live page.
pub fn plan(dom: &Dom, signals: &Signals, article: Option<&Found>) -> Vec<ClutterBlock> {
    signals
        .blocks
        .iter()
        .filter(|s| !dom.node(s.node).hidden)
        .filter(|s| article.is_none_or(|found| !touches_article(dom, found, s.node)))
        .map(|s| ClutterBlock {
            kind: s.kind,
            reason: s.reason.clone(),
            preview: crate::text::preview(&dom.text_start(s.node, 100), 100),
            locator: locator(dom, s.node),
        })
        .collect()
}

/// Does the block hold article text, hold a part of the article, or lie
/// inside kept article content?
fn touches_article(dom: &Dom, found: &Found, block: NodeIx) -> bool {
    if found.parts.iter().any(|&p| dom.contains(block, p)) || found.keeps(dom, block) {
        return true;
    }
    (block..dom.end(block)).any(|i| {
        dom.node(i).kind == Kind::Text
            && dom.node(i).text_chars > 0
            && !dom.node(i).invisible
            && found.keeps(dom, i)
    })
}
