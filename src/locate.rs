//! Locators: how the live page finds the element the core saw.
//!
//! The core parses serialised HTML, whose tree is not always the live DOM
//! (template contents, noscript, mis-nested markup, script-added elements).
//! A locator therefore carries several independent ways to find an element,
//! and the live page checks them against each other before hiding anything.

use crate::dom::{Dom, NodeIx};
use crate::model::Locator;

/// Characters of text kept in a fingerprint.
pub const FINGERPRINT_CHARS: usize = 80;

pub fn locator(dom: &Dom, node: NodeIx) -> Locator {
    Locator {
        index: dom.element_index(node).unwrap_or(usize::MAX),
        tag: dom.tag(node).unwrap_or("").to_string(),
        selector: selector(dom, node),
        fingerprint: fingerprint(&dom.text_start(node, FINGERPRINT_CHARS)),
    }
}

/// The fingerprint of a text, as both the core and the live page compute it.
pub fn fingerprint(text: &str) -> String {
    crate::text::collapse_whitespace(text)
        .chars()
        .take(FINGERPRINT_CHARS)
        .collect()
}

/// `#id` when the id is unique; otherwise the nearest uniquely-identified
/// ancestor (or `body`) followed by `> tag:nth-child(k)` steps.
fn selector(dom: &Dom, node: NodeIx) -> Option<String> {
    let mut steps: Vec<String> = Vec::new();
    let mut current = node;
    loop {
        let tag = dom.tag(current)?;
        if let Some(id) = dom.attr(current, "id") {
            if dom.id_is_unique(id) && is_plain_ident(id) {
                steps.push(format!("#{id}"));
                break;
            }
        }
        if tag == "body" || tag == "html" {
            steps.push(tag.to_string());
            break;
        }
        let position = dom.element_child_position(current)?;
        steps.push(format!("{tag}:nth-child({position})"));
        current = dom.parent(current)?;
        if steps.len() > 32 {
            return None;
        }
    }
    steps.reverse();
    Some(steps.join(" > "))
}

/// Ids that need no CSS escaping.
fn is_plain_ident(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}
