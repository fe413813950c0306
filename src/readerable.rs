//! Is this page an article at all? The answer and the evidence for it.
//!
//! The rule is Readability.js's `isProbablyReaderable`, which decides when
//! Firefox offers Reader View: enough long, visible text blocks outside
//! page furniture. Users know that behaviour; we keep it and say why.

use crate::article::names;
use crate::dom::{Dom, NodeIx};
use crate::model::Readerable;

/// A block shorter than this adds nothing.
const MIN_CONTENT_CHARS: f64 = 140.0;
/// Score at which a page reads as an article.
const MIN_SCORE: f64 = 20.0;

pub fn judge(dom: &Dom) -> Readerable {
    let mut score = 0.0;
    let mut blocks = 0;
    for ix in dom.elements() {
        if !is_text_block(dom, ix) || !counts(dom, ix) {
            continue;
        }
        let chars = dom.text_chars(ix) as f64;
        if chars < MIN_CONTENT_CHARS {
            continue;
        }
        blocks += 1;
        score += (chars - MIN_CONTENT_CHARS).sqrt();
    }
    let is_article = score >= MIN_SCORE;
    // Tenths in integers: formatting floats would link about 15 KB of
    // float-printing code into the wasm.
    let tenths = (score * 10.0).round() as u64;
    let evidence = vec![format!(
        "{blocks} long text block{} outside page furniture (score {}.{}; {} or more reads as an article)",
        if blocks == 1 { "" } else { "s" },
        tenths / 10,
        tenths % 10,
        MIN_SCORE as u64,
    )];
    Readerable {
        is_article,
        score: (score * 10.0).round() / 10.0,
        evidence,
    }
}

/// `p`, `pre`, `article`, and a `div` that holds `br` line breaks.
fn is_text_block(dom: &Dom, ix: NodeIx) -> bool {
    match dom.tag(ix) {
        Some("p" | "pre" | "article") => true,
        Some("div") => dom.element_children(ix).any(|c| dom.is_tag(c, "br")),
        _ => false,
    }
}

/// Visible, not named as furniture, and not a paragraph inside a list item.
fn counts(dom: &Dom, ix: NodeIx) -> bool {
    let data = dom.node(ix);
    if data.hidden || data.invisible {
        return false;
    }
    if names::is_unlikely(dom.class_and_id(ix)) {
        return false;
    }
    !(dom.is_tag(ix, "p") && dom.parent(ix).is_some_and(|p| dom.is_tag(p, "li")))
}
