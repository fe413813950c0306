//! Marks on hand-written pages, checked against the live declutter plan:
//! - `data-expect-keep="why"`: no plan block is this element, holds it, or
//!   lies inside it (hiding any of it hides what the reader came for);
//! - `data-expect-clutter="KIND"`: a plan block of that kind is this element
//!   or holds it (the block is hidden whole).

use declutter::dom::{Dom, NodeIx};
use declutter::{extract, Options};

fn planned_nodes(dom: &Dom, x: &declutter::Extraction) -> Vec<(NodeIx, &'static str)> {
    x.clutter
        .iter()
        .filter_map(|b| {
            let node = dom
                .elements()
                .find(|&ix| dom.element_index(ix) == Some(b.locator.index))?;
            Some((node, b.kind.as_str()))
        })
        .collect()
}

pub fn check(name: &str, html: &str) -> Vec<String> {
    let x = extract(html, "https://example.org/story", &Options::default());
    let dom = Dom::parse(html);
    let planned = planned_nodes(&dom, &x);
    let mut failures = Vec::new();
    let mut marks = 0;
    for ix in dom.elements() {
        if let Some(why) = dom.attr(ix, "data-expect-keep") {
            marks += 1;
            for &(p, kind) in &planned {
                if p == ix || dom.contains(p, ix) || dom.contains(ix, p) {
                    failures.push(format!(
                        "{name}: {why} <{}> touched by a {kind} block: {:?}",
                        dom.tag(ix).unwrap_or(""),
                        dom.text_start(ix, 60)
                    ));
                }
            }
        }
        if let Some(kind) = dom.attr(ix, "data-expect-clutter") {
            marks += 1;
            if !planned
                .iter()
                .any(|&(p, k)| k == kind && (p == ix || dom.contains(p, ix)))
            {
                failures.push(format!(
                    "{name}: {kind} block <{}> not hidden whole: {:?}",
                    dom.tag(ix).unwrap_or(""),
                    dom.text_start(ix, 60)
                ));
            }
        }
    }
    assert!(marks > 0, "{name}: no marks to check");
    failures
}
