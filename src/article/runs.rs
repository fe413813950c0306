//! Runs of repeated items: sibling blocks built alike (same tag, same
//! class) that together hold most of an article part's text — the posts of
//! a thread, the entries of a listing, the cards of a collection. On such
//! pages the run *is* the content, so cleaning must not judge each item on
//! its own as if it were a stray block of links beside an article.

use std::collections::HashMap;

use super::names;
use super::stats::Stats;
use crate::dom::{Dom, NodeIx};

/// Fewer siblings than this are not a run.
const MIN_ITEMS: usize = 3;
/// Fewer entries than this are a rail of teasers (three or four stories
/// to read next), not a roundup.
const MIN_ENTRIES: usize = 5;
/// A run must hold at least this share of the part's text.
const MIN_SHARE: f64 = 0.4;
/// A run with more of its text in links than this is a menu, not content.
const MAX_LINK_DENSITY: f64 = 0.5;
/// Characters of a roundup entry's own description, beyond its title and
/// links: a sentence at least, a teaser's paragraph at most (a longer text
/// is a section or a post, judged as such).
const ENTRY_MIN_DESCRIPTION: u32 = 60;
const ENTRY_MAX_DESCRIPTION: u32 = 600;

/// A roundup's entry ("7 air fryer recipes", "the 10 best cameras"): a
/// picture, a title in a heading, a sentence of description that is no
/// link, and a link to the thing itself (its title or a "Read more").
/// Such entries are the article however little of the part they hold. A
/// reader's comment or a forum's post is none.
fn is_entry(dom: &Dom, stats: &Stats, ix: NodeIx) -> bool {
    let s = stats.get(ix);
    let description = s.text.saturating_sub(s.link + s.heading);
    s.images > 0
        && s.heading > 0
        && s.link > 0
        && (ENTRY_MIN_DESCRIPTION..=ENTRY_MAX_DESCRIPTION).contains(&description)
        && !names::is_reply(dom.class_and_id(ix))
}

/// The key siblings are grouped by: their tag and class, or for entries
/// the class's first word (the rest may number each entry).
fn group_key(dom: &Dom, ix: NodeIx, role: Role) -> (&str, &str) {
    let class = dom.attr(ix, "class").unwrap_or("").trim();
    let class = match role {
        Role::Item => class,
        Role::Entry => class.split_whitespace().next().unwrap_or(""),
    };
    (dom.tag(ix).unwrap_or(""), class)
}

/// Is `ix` in `sorted`?
fn holds(sorted: &[NodeIx], ix: NodeIx) -> bool {
    sorted.get(sorted.partition_point(|&i| i < ix)) == Some(&ix)
}

/// What a block is to the runs of its part.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Role {
    /// An item of a run holding much of the part (or the spine of one):
    /// judged by its names only.
    Item,
    /// A roundup's entry, or the block holding a run of them: judged by
    /// its names and its content together, never by one alone.
    Entry,
}

/// The runs inside one article part.
pub struct Runs {
    /// Items of runs of alike blocks, outermost only, in document order.
    items: Vec<NodeIx>,
    /// A roundup's entries that are no such item, in document order.
    entries: Vec<NodeIx>,
    /// Blocks whose children are a run of entries.
    entry_holders: Vec<NodeIx>,
}

impl Runs {
    /// The runs inside `part`.
    pub fn find(dom: &Dom, part: NodeIx, stats: &Stats, excluded: &[bool]) -> Runs {
        let mut runs = Runs {
            items: Vec::new(),
            entries: Vec::new(),
            entry_holders: Vec::new(),
        };
        let part_text = stats.get(part).text as f64;
        if part_text == 0.0 {
            return runs;
        }
        // A block holding too little text cannot hold a run.
        let least =
            (MIN_SHARE * part_text).min(f64::from(MIN_ENTRIES as u32 * ENTRY_MIN_DESCRIPTION));
        // Inside a block holding a run of items, only runs of entries are
        // looked for: items judged alone there keep their verdicts.
        let mut entries_only_until = part;
        let mut ix = part;
        let end = dom.end(part);
        while ix < end {
            if holds(&runs.items, ix)
                || holds(&runs.entries, ix)
                || excluded[ix]
                || f64::from(stats.get(ix).text) < least
            {
                ix = dom.end(ix);
                continue;
            }
            let mut alike: HashMap<(&str, &str), Vec<NodeIx>> = HashMap::new();
            let mut entries: HashMap<(&str, &str), Vec<NodeIx>> = HashMap::new();
            for child in dom.element_children(ix).filter(|&c| !excluded[c]) {
                alike
                    .entry(group_key(dom, child, Role::Item))
                    .or_default()
                    .push(child);
                if is_entry(dom, stats, child) {
                    entries
                        .entry(group_key(dom, child, Role::Entry))
                        .or_default()
                        .push(child);
                }
            }
            let is_run = |group: &[NodeIx], role: Role| {
                let text: u32 = group.iter().map(|&c| stats.get(c).text).sum();
                let link: u32 = group.iter().map(|&c| stats.get(c).link).sum();
                let (least_items, least_text) = match role {
                    Role::Item if ix >= entries_only_until => (MIN_ITEMS, MIN_SHARE * part_text),
                    Role::Item => return false,
                    Role::Entry => (MIN_ENTRIES, 0.0),
                };
                group.len() >= least_items
                    && f64::from(text) >= least_text
                    && f64::from(link) < MAX_LINK_DENSITY * f64::from(text)
            };
            let mut found_items: Vec<NodeIx> = Vec::new();
            for group in alike.into_values() {
                if is_run(&group, Role::Item) {
                    found_items.extend(group);
                }
            }
            found_items.sort_unstable();
            // A block in a run of items and one of entries is an item.
            let mut found_entries: Vec<NodeIx> = Vec::new();
            for group in entries.into_values() {
                if is_run(&group, Role::Entry) {
                    for c in group {
                        if !holds(&found_items, c) {
                            found_entries.push(c);
                        }
                    }
                }
            }
            // The block holding a run of entries, and nothing else built
            // alike, goes with them (a list of entries with no paragraph).
            if found_items.is_empty() && !found_entries.is_empty() {
                runs.entry_holders.push(ix);
            }
            if !found_items.is_empty() {
                entries_only_until = entries_only_until.max(dom.end(ix));
            }
            // Runs inside these items add nothing: the walk skips past
            // them, and goes on into the block's other children (a roundup
            // among the paragraphs of a post).
            // (Kept sorted for `holds` and `role`; sorted again only when
            // a block adds to them.)
            if !found_items.is_empty() {
                runs.items.append(&mut found_items);
                runs.items.sort_unstable();
            }
            if !found_entries.is_empty() {
                runs.entries.append(&mut found_entries);
                runs.entries.sort_unstable();
            }
            ix += 1;
        }
        runs
    }

    /// How `ix` is judged: as one of the items, a block inside one that
    /// holds most of its text (the post itself, not its tool bars), or a
    /// block holding a run of entries; `None` on its own.
    pub fn role(&self, dom: &Dom, stats: &Stats, ix: NodeIx) -> Option<Role> {
        if self.entry_holders.contains(&ix) {
            return Some(Role::Entry);
        }
        let carried = |found: &[NodeIx]| {
            let at = found.partition_point(|&i| i <= ix);
            at.checked_sub(1).is_some_and(|at| {
                let item = found[at];
                dom.contains(item, ix) && stats.get(ix).text * 2 > stats.get(item).text
            })
        };
        if carried(&self.items) {
            Some(Role::Item)
        } else if carried(&self.entries) {
            Some(Role::Entry)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs_in(html: &str) -> (Dom, Vec<NodeIx>) {
        let dom = Dom::parse(html);
        let excluded = vec![false; dom.len()];
        let stats = Stats::compute(&dom, &excluded);
        let body = dom.body().expect("a body");
        let runs = Runs::find(&dom, body, &stats, &excluded);
        (dom, runs.items)
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
    fn entries_are_a_run_however_little_they_hold_but_only_five_or_more() {
        let entry = |n: usize| {
            format!(
                r#"<div class="pick pick-{n}"><img src="/{n}.jpg"><h3>Pick {n}</h3><span>One sentence on why this pick made the list, and a few words more.</span><a href="/{n}">Read more</a></div>"#
            )
        };
        let prose =
            "<p>A long paragraph of running text that dwarfs the picks beside it. </p>".repeat(30);
        for (count, found) in [(5, true), (4, false)] {
            let picks: String = (1..=count).map(entry).collect();
            let html = format!("<body>{prose}<div class=picks>{picks}</div></body>");
            let dom = Dom::parse(&html);
            let excluded = vec![false; dom.len()];
            let stats = Stats::compute(&dom, &excluded);
            let runs = Runs::find(&dom, dom.body().unwrap(), &stats, &excluded);
            let first = (0..dom.len())
                .find(|&i| dom.attr(i, "class") == Some("pick pick-1"))
                .unwrap();
            let holder = dom.parent(first).unwrap();
            let expected = found.then_some(Role::Entry);
            assert_eq!(runs.role(&dom, &stats, first), expected, "{count} picks");
            assert_eq!(
                runs.role(&dom, &stats, holder),
                expected,
                "{count} picks' holder"
            );
        }
    }

    #[test]
    fn the_spine_of_an_item_carries_it_its_tool_bar_does_not() {
        let post = r#"<div class="post"><div class="tools"><a href="/q">Quote</a></div><div class="text">The body of the post, longer than its tools.</div></div>"#;
        let html = format!("<body><div>{post}{post}{post}</div></body>");
        let dom = Dom::parse(&html);
        let excluded = vec![false; dom.len()];
        let stats = Stats::compute(&dom, &excluded);
        let runs = Runs::find(&dom, dom.body().unwrap(), &stats, &excluded);
        let find = |class: &str| {
            (0..dom.len())
                .find(|&i| dom.attr(i, "class") == Some(class))
                .unwrap()
        };
        assert_eq!(runs.role(&dom, &stats, find("post")), Some(Role::Item));
        assert_eq!(runs.role(&dom, &stats, find("text")), Some(Role::Item));
        assert_eq!(runs.role(&dom, &stats, find("tools")), None);
    }
}
