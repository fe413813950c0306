//! Scoring: each paragraph gives points to its ancestors; the best-scoring
//! container, discounted by its link density, is the article's core.

use super::names;
use super::stats::{is_block, Stats};
use super::Flags;
use crate::dom::{Dom, Kind, NodeIx};
use crate::tags::is_custom_element;

/// A paragraph shorter than this scores nothing.
const MIN_PARAGRAPH_CHARS: u32 = 25;
/// A candidate holding less than this share of the page's prose is widened…
const PROSE_SHARE_TO_WIDEN: f64 = 0.5;
/// …to the nearest ancestor holding at least this share.
const PROSE_SHARE_WIDENED: f64 = 0.8;
/// A candidate with less than this share of its `<main>`'s text widens to it.
const MAIN_SHARE_TO_WIDEN: f64 = 0.5;
/// A candidate holding less than this share of the page's text is weak…
const WEAK_SHARE: f64 = 0.2;
/// …and gives way to the deepest block holding more than this share.
const MOST_TEXT: f64 = 0.5;
/// A near-best candidate with a link and less than this share of the best
/// one's prose is a teaser, not a part of the article.
const TEASER_PROSE_SHARE: f64 = 0.25;
/// A story card's title is a link: this much of its text at least.
const CARD_TITLE_LINK_DENSITY: f64 = 0.8;
/// The most text a story card (a linked heading and its teaser) holds.
const CARD_MAX_CHARS: usize = 600;
/// How many ancestors a paragraph's score reaches.
const ANCESTOR_LEVELS: usize = 5;

pub struct Scores {
    /// Content score per node; `None` for nodes no paragraph reached.
    pub score: Vec<Option<f64>>,
}

impl Scores {
    pub fn get(&self, ix: NodeIx) -> Option<f64> {
        self.score[ix]
    }
}

/// Elements that count as paragraphs when they hold no block children.
fn is_paragraph_like(tag: &str) -> bool {
    matches!(
        tag,
        "div" | "section" | "article" | "main" | "span" | "font" | "center" | "li" | "dd"
    ) || is_custom_element(tag)
}

pub fn score(dom: &Dom, excluded: &[bool], stats: &Stats, flags: Flags) -> Scores {
    let mut scores = Scores {
        score: vec![None; dom.len()],
    };
    for ix in 0..dom.len() {
        if excluded[ix] || dom.node(ix).kind != Kind::Element {
            continue;
        }
        let tag = dom.tag(ix).unwrap_or("");
        let s = stats.get(ix);
        let is_unit = matches!(tag, "p" | "pre" | "td" | "blockquote")
            || (is_paragraph_like(tag) && !s.block_child && !inside_paragraph(dom, ix));
        if is_unit {
            if s.text >= MIN_PARAGRAPH_CHARS {
                let points = paragraph_points(s.text, s.commas);
                let first = dom.parent(ix);
                propagate(dom, first, points, &mut scores, flags);
            }
        } else if s.block_child && is_paragraph_like(tag) {
            // Text written straight into a container, between its blocks:
            // each run is a paragraph of that container.
            score_loose_runs(dom, ix, excluded, stats, &mut scores, flags);
        }
    }
    scores
}

fn inside_paragraph(dom: &Dom, ix: NodeIx) -> bool {
    dom.ancestors(ix)
        .take(4)
        .any(|a| matches!(dom.tag(a), Some("p" | "pre" | "td" | "li" | "blockquote")))
}

fn paragraph_points(chars: u32, commas: u32) -> f64 {
    1.0 + commas as f64 + (chars as f64 / 100.0).floor().min(3.0)
}

fn score_loose_runs(
    dom: &Dom,
    ix: NodeIx,
    excluded: &[bool],
    stats: &Stats,
    scores: &mut Scores,
    flags: Flags,
) {
    let mut run_chars = 0u32;
    let mut run_commas = 0u32;
    let flush = |chars: &mut u32, commas: &mut u32, scores: &mut Scores| {
        if *chars >= MIN_PARAGRAPH_CHARS {
            propagate(
                dom,
                Some(ix),
                paragraph_points(*chars, *commas),
                scores,
                flags,
            );
        }
        *chars = 0;
        *commas = 0;
    };
    for child in dom.children(ix) {
        if excluded[child] {
            continue;
        }
        let is_block = dom
            .tag(child)
            .is_some_and(|t| is_block(t, stats.get(child)));
        if is_block {
            flush(&mut run_chars, &mut run_commas, scores);
        } else {
            run_chars += stats.get(child).text;
            run_commas += stats.get(child).commas;
        }
    }
    flush(&mut run_chars, &mut run_commas, scores);
}

/// Give a paragraph's points to `first` (in full), its parent (half) and
/// further ancestors (a third of the level's share).
fn propagate(dom: &Dom, first: Option<NodeIx>, points: f64, scores: &mut Scores, flags: Flags) {
    let Some(first) = first else { return };
    let chain = std::iter::once(first).chain(dom.ancestors(first));
    for (level, ancestor) in chain.take(ANCESTOR_LEVELS).enumerate() {
        if dom.node(ancestor).kind != Kind::Element || dom.is_tag(ancestor, "html") {
            break;
        }
        let entry =
            scores.score[ancestor].get_or_insert_with(|| initial_score(dom, ancestor, flags));
        let divider = match level {
            0 => 1.0,
            1 => 2.0,
            _ => level as f64 * 3.0,
        };
        *entry += points / divider;
    }
}

/// A container's score before any paragraph: by tag, and by its names.
pub fn initial_score(dom: &Dom, ix: NodeIx, flags: Flags) -> f64 {
    let by_tag = match dom.tag(ix).unwrap_or("") {
        "div" | "article" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    by_tag + class_weight(dom, ix, flags) as f64
}

pub fn class_weight(dom: &Dom, ix: NodeIx, flags: Flags) -> i32 {
    if !flags.weight_classes {
        return 0;
    }
    let mut weight = names::weight(
        dom.attr(ix, "class").unwrap_or(""),
        dom.role_id(ix).unwrap_or(""),
    );
    // Markup that declares the article body is strong evidence.
    if dom.attr(ix, "itemprop").is_some_and(|p| {
        p.split_whitespace()
            .any(|p| p == "articleBody" || p == "text")
    }) {
        weight += 25;
    }
    weight
}

/// The deepest element under `root` holding more than half of its text.
/// Such elements nest (two disjoint ones cannot both hold most), so one
/// walk down the chain finds it.
fn holder_of_most_text(dom: &Dom, root: NodeIx, stats: &Stats) -> NodeIx {
    let total = stats.get(root).text as f64;
    let mut deepest = root;
    let mut ix = root + 1;
    while ix < dom.end(root) {
        if stats.get(ix).text as f64 > MOST_TEXT * total {
            deepest = ix;
            ix += 1;
        } else {
            ix = dom.end(ix);
        }
    }
    deepest
}

/// Candidates compared for the top one.
const RANKED: usize = 5;

/// The container the article is built around.
pub struct Candidate {
    pub node: NodeIx,
    /// Taken as the bulk of the page's text because no container of prose
    /// stood out: a fallback that a looser attempt may improve on.
    pub bulk: bool,
}

/// The `<main>` (or `role=main`) element around `ix`, if any.
fn main_landmark(dom: &Dom, ix: NodeIx) -> Option<NodeIx> {
    dom.ancestors(ix)
        .find(|&a| dom.is_tag(a, "main") || dom.attr(a, "role") == Some("main"))
}

/// Prose under `within` but outside `except` in other stories' cards: a
/// heading that is a link, in a block of a teaser's length.
fn teaser_prose(dom: &Dom, stats: &Stats, within: NodeIx, except: NodeIx) -> u32 {
    let mut sum = 0;
    let mut ix = within;
    while ix < dom.end(within) {
        if ix == except {
            ix = dom.end(except);
            continue;
        }
        let linked_heading = dom.tag(ix).is_some_and(crate::tags::is_heading)
            && dom.link_density(ix) >= CARD_TITLE_LINK_DENSITY;
        if linked_heading {
            if let Some(card) = dom
                .parent(ix)
                .filter(|&c| dom.text_chars(c) <= CARD_MAX_CHARS && !dom.contains(c, except))
            {
                sum += stats.get(card).prose;
                ix = dom.end(card);
                continue;
            }
        }
        ix += 1;
    }
    sum
}

/// The best container, discounted by link density, then widened the way
/// Readability.js widens it: to a shared ancestor of several near-best
/// candidates, up through parents that score higher, and past only-children;
/// then to the page's prose, its `<main>`, or its bulk of text when the
/// candidate holds too little of them.
pub fn top_candidate(dom: &Dom, scores: &Scores, stats: &Stats) -> Option<Candidate> {
    let final_score = |ix: NodeIx| scores.get(ix).map(|s| s * (1.0 - stats.link_density(ix)));
    // The five best, best first (ties in document order): kept in order
    // while walking, with no sort of every scored node.
    let mut ranked: Vec<(NodeIx, f64)> = Vec::with_capacity(RANKED + 1);
    for ix in 0..dom.len() {
        let Some(score) = final_score(ix) else {
            continue;
        };
        let at = ranked.partition_point(|&(_, r)| r.total_cmp(&score).is_ge());
        if at < RANKED {
            ranked.insert(at, (ix, score));
            ranked.truncate(RANKED);
        }
    }
    let &(mut top, top_score) = ranked.first()?;
    let body = dom.body()?;
    if top == body {
        return Some(Candidate {
            node: body,
            bulk: false,
        });
    }

    // Several near-best candidates under one ancestor: the article is that
    // ancestor (split layouts, paginated parts). A small block with a link
    // scores near the best only by its names (`<article class=post>`): it
    // is another story's teaser, or a list of references, not a part.
    let top_prose = stats.get(top).prose as f64;
    let near: Vec<NodeIx> = ranked[1..]
        .iter()
        .filter(|(_, s)| *s >= top_score * 0.75)
        .map(|(ix, _)| *ix)
        .filter(|&ix| {
            let small = (stats.get(ix).prose as f64) < TEASER_PROSE_SHARE * top_prose;
            !(small && dom.node(ix).link_chars > 0)
        })
        .collect();
    if near.len() >= 2 {
        let mut ancestor = dom.parent(top);
        while let Some(a) = ancestor {
            if a == body {
                break;
            }
            let shared = near.iter().filter(|&&c| dom.contains(a, c)).count();
            if shared >= 2 {
                top = a;
                break;
            }
            ancestor = dom.parent(a);
        }
    }

    // Climb while the parent scores higher (more of the article is there).
    let mut last_score = final_score(top).unwrap_or(top_score);
    let threshold = last_score / 3.0;
    let mut parent = dom.parent(top);
    while let Some(p) = parent {
        if p == body || dom.is_tag(p, "html") {
            break;
        }
        let Some(parent_score) = final_score(p) else {
            parent = dom.parent(p);
            continue;
        };
        if parent_score < threshold {
            break;
        }
        if parent_score > last_score {
            top = p;
            break;
        }
        last_score = parent_score;
        parent = dom.parent(p);
    }

    // Content split into many sections (listicles, accordions): when the
    // candidate holds little of the page's prose, take the nearest ancestor
    // that holds most of it, if that ancestor is not a list of links.
    let total_prose = stats.get(body).prose as f64;
    if (stats.get(top).prose as f64) < PROSE_SHARE_TO_WIDEN * total_prose {
        let mut ancestor = dom.parent(top);
        while let Some(a) = ancestor {
            if a == body {
                break;
            }
            if stats.get(a).prose as f64 >= PROSE_SHARE_WIDENED * total_prose {
                // Not when most of the prose it adds is other stories'
                // teasers (a "more stories" list with excerpts).
                let added = stats.get(a).prose - stats.get(top).prose;
                let in_cards = teaser_prose(dom, stats, a, top);
                if stats.link_density(a) < 0.4 && in_cards * 2 <= added {
                    top = a;
                }
                break;
            }
            ancestor = dom.parent(a);
        }
    }

    // A page that marks its main content (`<main>`, role=main): when the
    // candidate holds little of that content's own text, the content is
    // spread across it (product and listing pages), so take all of it.
    if let Some(main) = main_landmark(dom, top) {
        let own_text = |ix: NodeIx| stats.get(ix).text.saturating_sub(stats.get(ix).link) as f64;
        if own_text(top) < MAIN_SHARE_TO_WIDEN * own_text(main) && stats.link_density(main) < 0.5 {
            top = main;
        }
    }

    // The candidate holds little of the page's text: a page of many short
    // items (products, a listing, a link directory) where no paragraph
    // stands out, or a stray paragraph in a pop-up. The content is then the
    // deepest block that holds most of the page's text.
    let body_text = stats.get(body).text as f64;
    let bulk = (stats.get(top).text as f64) < WEAK_SHARE * body_text;
    if bulk {
        top = holder_of_most_text(dom, body, stats);
    }

    // An only child says nothing its parent does not.
    while let Some(p) = dom.parent(top) {
        if p == body || dom.is_tag(p, "html") || dom.element_children(p).count() != 1 {
            break;
        }
        top = p;
    }
    Some(Candidate { node: top, bulk })
}
