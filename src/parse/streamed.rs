//! Content that a page streams in after its shell, put where the page's own
//! script would put it.
//!
//! React's streaming server rendering (used by many news sites' frameworks)
//! sends the page's shell with a placeholder — `<template id="B:1">` before a
//! "Loading…" fallback, or `<template id="P:1">` alone — and later, at the
//! end of the document, the real content in `<div hidden id="S:1">`. A small
//! inline script (`$RC("B:1","S:1")`, `$RS("S:1","P:1")`) then moves the
//! content into the placeholder. A browser that runs scripts shows the
//! moved content; the saved HTML still has it hidden at the end, so without
//! this step a reader of that HTML misses the article's body.
//!
//! The content and its placeholder share the number after the colon, as
//! React writes them. A boundary's fallback runs from the template to the
//! matching `<!--/$-->` comment; when a page was saved without its comments,
//! only a fallback with next to no text (a skeleton, "Loading…") goes, so
//! that an empty fallback never takes the content after it.

use super::{RawKind, Tree, NONE};

/// A comment that opens a Suspense boundary (`$?`, `$`, `$!`).
pub(super) const BOUNDARY_OPEN: u32 = 1;
/// A comment that closes one (`/$`).
pub(super) const BOUNDARY_CLOSE: u32 = 2;

/// The `data` an `Other` node keeps for a comment with this text.
pub(super) fn comment_marker(text: &str) -> u32 {
    match text {
        "$?" | "$" | "$!" => BOUNDARY_OPEN,
        "/$" => BOUNDARY_CLOSE,
        _ => 0,
    }
}

/// Whether an element's id names a streaming placeholder (`B:…`, `P:…`),
/// so that [`resolve`] is only run on pages that have one.
pub(super) fn is_placeholder_id(id: &str) -> bool {
    id.starts_with("B:") || id.starts_with("P:")
}

/// A fallback with more text than this is not taken for a skeleton when
/// there is no closing comment to say where the fallback ends.
const FALLBACK_MAX_CHARS: usize = 40;
/// How many nodes of a would-be fallback are looked at before giving up.
const FALLBACK_MAX_NODES: usize = 200;

/// Move every streamed content block into its placeholder, in document
/// order (content streamed into content resolves in turn).
pub(super) fn resolve(tree: &mut Tree) {
    let mut contents = Vec::new();
    let mut placeholders = std::collections::HashMap::new();
    for id in 0..tree.nodes.len() as u32 {
        let n = tree.nodes[id as usize];
        if n.kind != RawKind::Element {
            continue;
        }
        let e = tree.element(n.data);
        let Some(name) = e.id() else { continue };
        if let Some(key) = name.strip_prefix("S:") {
            if e.name() == "div" && e.attr("hidden").is_some() {
                contents.push((id, key.to_string()));
            }
        } else if e.name() == "template" && is_placeholder_id(name) {
            // The first element with an id is the one a script would find.
            placeholders.entry(name.to_string()).or_insert(id);
        }
    }
    // Contents in document order, not creation order.
    let order = document_order(tree);
    contents.sort_by_key(|(id, _)| order[*id as usize]);
    for (content, key) in contents {
        if tree.nodes[content as usize].parent == NONE {
            continue;
        }
        if let Some(&template) = placeholders.get(&format!("B:{key}")) {
            fill_boundary(tree, template, content);
        } else if let Some(&template) = placeholders.get(&format!("P:{key}")) {
            fill_segment(tree, template, content);
        }
    }
}

/// Each node's position in a walk from the root (`u32::MAX` when detached).
fn document_order(tree: &Tree) -> Vec<u32> {
    let mut order = vec![u32::MAX; tree.nodes.len()];
    let mut next = 0u32;
    tree.traverse(|edge| {
        if let super::Edge::Open(node) = edge {
            order[node.id as usize] = next;
            next += 1;
        }
    });
    order
}

/// `$RC`: the boundary's template and fallback go, the content's children
/// take their place.
fn fill_boundary(tree: &mut Tree, template: u32, content: u32) {
    let t = tree.nodes[template as usize];
    if t.parent == NONE {
        return;
    }
    let opened_by_comment = t.prev != NONE && is_comment(tree, t.prev, BOUNDARY_OPEN);
    let end = if opened_by_comment {
        // Everything up to the matching close comment is the fallback.
        let mut at = t.next;
        tree.detach(template);
        let mut depth = 0;
        loop {
            if at == NONE {
                break NONE;
            }
            let next = tree.nodes[at as usize].next;
            if is_comment(tree, at, BOUNDARY_CLOSE) {
                if depth == 0 {
                    break at;
                }
                depth -= 1;
            } else if is_comment(tree, at, BOUNDARY_OPEN) {
                depth += 1;
            }
            tree.detach(at);
            at = next;
        }
    } else {
        let next = t.next;
        tree.detach(template);
        if next != NONE && is_skeleton(tree, next) {
            let after = tree.nodes[next as usize].next;
            tree.detach(next);
            after
        } else {
            next
        }
    };
    move_children(tree, content, t.parent, end);
    tree.detach(content);
}

/// `$RS`: the content's children take the template's place.
fn fill_segment(tree: &mut Tree, template: u32, content: u32) {
    let t = tree.nodes[template as usize];
    if t.parent == NONE {
        return;
    }
    move_children(tree, content, t.parent, template);
    tree.detach(template);
    tree.detach(content);
}

/// Move `from`'s children under `parent`, before `before` (at the end when
/// `before` is `NONE`).
fn move_children(tree: &mut Tree, from: u32, parent: u32, before: u32) {
    let mut child = tree.nodes[from as usize].first_child;
    while child != NONE {
        let next = tree.nodes[child as usize].next;
        if before == NONE {
            tree.append_child(parent, child);
        } else {
            tree.insert_before(before, child);
        }
        child = next;
    }
}

fn is_comment(tree: &Tree, id: u32, marker: u32) -> bool {
    let n = &tree.nodes[id as usize];
    n.kind == RawKind::Other && n.data == marker
}

/// An element with next to no text: a skeleton or a "Loading…" line.
fn is_skeleton(tree: &Tree, id: u32) -> bool {
    let n = &tree.nodes[id as usize];
    if n.kind != RawKind::Element {
        return false;
    }
    let mut chars = 0;
    let mut seen = 0;
    let mut stack = vec![n.first_child];
    while let Some(mut child) = stack.pop() {
        while child != NONE {
            seen += 1;
            if seen > FALLBACK_MAX_NODES {
                return false;
            }
            let c = &tree.nodes[child as usize];
            match c.kind {
                RawKind::Text => {
                    chars += tree.text(c.data).trim().chars().count();
                    if chars > FALLBACK_MAX_CHARS {
                        return false;
                    }
                }
                RawKind::Element => stack.push(c.first_child),
                _ => {}
            }
            child = c.next;
        }
    }
    true
}
