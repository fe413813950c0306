//! Runs of repeated items: sibling blocks built alike (same tag, same
//! class) that together hold most of an article part's text — the posts of
//! a thread, the entries of a listing, the cards of a collection. On such
//! pages the run *is* the content, so cleaning must not judge each item on
//! its own as if it were a stray block of links beside an article.

use std::collections::HashMap;

use super::stats::Stats;
use crate::dom::{Dom, NodeIx};

/// Fewer siblings than this are not a run.
const MIN_ITEMS: usize = 3;
/// A run must hold at least this share of the part's text.
const MIN_SHARE: f64 = 0.4;
/// A run with more of its text in links than this is a menu, not content.
const MAX_LINK_DENSITY: f64 = 0.5;

/// Items of the runs inside `part`, outermost only, in document order.
pub fn items(dom: &Dom, part: NodeIx, stats: &Stats, excluded: &[bool]) -> Vec<NodeIx> {
    let part_text = stats.get(part).text as f64;
    if part_text == 0.0 {
        return Vec::new();
    }
    let mut items: Vec<NodeIx> = Vec::new();
    let mut ix = part;
    let end = dom.end(part);
    while ix < end {
        // A block holding too little text cannot hold a run.
        if excluded[ix] || (stats.get(ix).text as f64) < MIN_SHARE * part_text {
            ix = dom.end(ix);
            continue;
        }
        let mut groups: HashMap<(&str, &str), Vec<NodeIx>> = HashMap::new();
        for child in dom.element_children(ix).filter(|&c| !excluded[c]) {
            let key = (
                dom.tag(child).unwrap_or(""),
                dom.attr(child, "class").unwrap_or("").trim(),
            );
            groups.entry(key).or_default().push(child);
        }
        let mut found: Vec<NodeIx> = groups
            .into_values()
            .filter(|g| g.len() >= MIN_ITEMS)
            .filter(|g| {
                let text: u32 = g.iter().map(|&c| stats.get(c).text).sum();
                let link: u32 = g.iter().map(|&c| stats.get(c).link).sum();
                text as f64 >= MIN_SHARE * part_text
                    && (link as f64) < MAX_LINK_DENSITY * text as f64
            })
            .flatten()
            .collect();
        if found.is_empty() {
            ix += 1;
        } else {
            // Runs inside these items add nothing: skip past them.
            found.sort_unstable();
            items.extend(found);
            ix = dom.end(ix);
        }
    }
    items
}

/// Is `ix` one of `items` (sorted, disjoint), or a block inside one that
/// holds most of its text (the post itself, not its tool bars)?
pub fn carries_item(dom: &Dom, items: &[NodeIx], stats: &Stats, ix: NodeIx) -> bool {
    let at = items.partition_point(|&i| i <= ix);
    if at == 0 || !dom.contains(items[at - 1], ix) {
        return false;
    }
    let item = items[at - 1];
    stats.get(ix).text * 2 > stats.get(item).text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs_in(html: &str) -> (Dom, Vec<NodeIx>) {
        let dom = Dom::parse(html);
        let excluded = vec![false; dom.len()];
        let stats = Stats::compute(&dom, &excluded);
        let body = dom.body().expect("a body");
        let items = items(&dom, body, &stats, &excluded);
        (dom, items)
    }

    const POST: &str =
        r#"<div class="post"><a href="/u">ann</a> wrote a short reply, with a comma</div>"#;

    #[test]
    fn finds_posts_built_alike() {
        let html = format!("<body><h1>Thread</h1><div>{POST}{POST}{POST}</div></body>");
        let (dom, items) = runs_in(&html);
        assert_eq!(items.len(), 3);
        assert!(items.iter().all(|&i| dom.attr(i, "class") == Some("post")));
    }

    #[test]
    fn two_items_or_a_menu_are_no_run() {
        let (_, items) = runs_in(&format!("<body><div>{POST}{POST}</div></body>"));
        assert!(items.is_empty());
        let link = r#"<li class="m"><a href="/a">Section name</a></li>"#;
        let (_, items) = runs_in(&format!("<body><ul>{link}{link}{link}{link}</ul></body>"));
        assert!(items.is_empty(), "a list of links is a menu");
    }

    #[test]
    fn a_run_must_hold_much_of_the_part() {
        let prose = "<p>A long paragraph of running text that dwarfs the small run beside it, \
                     written on and on so that it holds most of the page, as articles do, \
                     with commas, clauses and more words than all the posts together.</p>";
        let (_, items) = runs_in(&format!(
            "<body>{prose}{prose}<div>{POST}{POST}{POST}</div></body>"
        ));
        assert!(items.is_empty());
    }

    #[test]
    fn the_spine_of_an_item_carries_it_its_tool_bar_does_not() {
        let post = r#"<div class="post"><div class="tools"><a href="/q">Quote</a></div><div class="text">The body of the post, longer than its tools.</div></div>"#;
        let html = format!("<body><div>{post}{post}{post}</div></body>");
        let dom = Dom::parse(&html);
        let excluded = vec![false; dom.len()];
        let stats = Stats::compute(&dom, &excluded);
        let items = items(&dom, dom.body().unwrap(), &stats, &excluded);
        let find = |class: &str| {
            (0..dom.len())
                .find(|&i| dom.attr(i, "class") == Some(class))
                .unwrap()
        };
        assert!(carries_item(&dom, &items, &stats, find("post")));
        assert!(carries_item(&dom, &items, &stats, find("text")));
        assert!(!carries_item(&dom, &items, &stats, find("tools")));
    }
}
