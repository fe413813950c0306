//! Assembly: the top candidate plus the siblings that belong with it, then
//! cleaning: the subtrees inside it that are not article.

use super::extras;
use super::names;
use super::runs::{Role, Runs};
use super::score::{class_weight, Scores};
use super::stats::{NodeStats, Stats};
use super::{holds_picture, Flags, RUNNING_TEXT_MAX_LINK_DENSITY};
use crate::dom::{Dom, Kind, NodeIx};
use crate::model::ArticleSubtrees;

/// Elements with the word "share" in their names and less text than this are share
/// tools, not prose.
const SHARE_MAX_CHARS: u32 = 500;

pub fn assemble(
    dom: &Dom,
    top: NodeIx,
    scores: &Scores,
    stats: &Stats,
    excluded: &[bool],
    notices: &[NodeIx],
    flags: Flags,
) -> ArticleSubtrees {
    let mut parts = with_siblings(dom, top, scores, stats, excluded, notices);
    // A sibling taken along as an interruption may be a label or a teaser.
    parts.retain(|&p| p == top || !extras::is_extra(dom, p, dom.text_chars(p)));
    let mut removed = Vec::new();
    for &part in &parts {
        clean(dom, part, stats, excluded, flags, &mut removed);
    }
    drop_closing_notice(dom, &mut parts, notices, &mut removed);
    let parts = through_forms(dom, &parts, &removed);
    ArticleSubtrees { parts, removed }
}

/// The sanitiser drops a `<form>` with everything in it (sign-up boxes,
/// search bars), but some pages wrap their whole content in one (forum
/// software, ASP.NET pages): exclusions keep such a page-wide form. A part
/// holding a kept form is handed over as its element children instead,
/// down to and through the form, so its content reaches the reader. (Parts
/// are elements, each with a locator; text loose in those wrappers, beside
/// the blocks, is rare and left out.)
fn through_forms(dom: &Dom, parts: &[NodeIx], removed: &[NodeIx]) -> Vec<NodeIx> {
    let found = ArticleSubtrees {
        parts: Vec::new(),
        removed: removed.to_vec(),
    };
    let holds_form = |ix: NodeIx| {
        (ix..dom.end(ix))
            .any(|d| dom.is_tag(d, "form") && dom.text_chars(d) > 0 && !found.is_removed(dom, d))
    };
    let mut out = Vec::new();
    // Explicit stack, last pushed first out: children go in reversed.
    let mut todo: Vec<NodeIx> = parts.iter().rev().copied().collect();
    while let Some(ix) = todo.pop() {
        if !holds_form(ix) {
            out.push(ix);
            continue;
        }
        let children: Vec<NodeIx> = dom
            .element_children(ix)
            .filter(|&c| !found.is_removed(dom, c))
            .collect();
        todo.extend(children.into_iter().rev());
    }
    out
}

fn with_siblings(
    dom: &Dom,
    top: NodeIx,
    scores: &Scores,
    stats: &Stats,
    excluded: &[bool],
    notices: &[NodeIx],
) -> Vec<NodeIx> {
    let Some(parent) = dom.parent(top) else {
        return vec![top];
    };
    if dom.is_tag(top, "body") {
        return vec![top];
    }
    let final_score = |ix: NodeIx| scores.get(ix).map(|s| s * (1.0 - stats.link_density(ix)));
    let top_score = final_score(top).unwrap_or(0.0);
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.attr(top, "class").unwrap_or("");
    let mut parts = Vec::new();
    for sibling in dom.element_children(parent) {
        if sibling == top {
            parts.push(sibling);
            continue;
        }
        if excluded[sibling] {
            continue;
        }
        let same_class = !top_class.is_empty() && dom.attr(sibling, "class") == Some(top_class);
        let bonus = if same_class { top_score * 0.2 } else { 0.0 };
        if let Some(score) = final_score(sibling) {
            if score + bonus >= threshold {
                parts.push(sibling);
                continue;
            }
        }
        if is_prose_paragraph(dom, sibling, stats) {
            parts.push(sibling);
        }
    }
    // A legal notice (a disclosure under the headline) is no intro.
    let skip = |ix: NodeIx| excluded[ix] || is_notice(dom, ix, notices);
    let mut parts = with_prose_neighbours(dom, top, &parts, stats, &skip);
    parts.extend(questions_after(dom, top, &parts, stats, &skip));
    // Page builders nest each section in wrappers of its own: the intro and
    // the first sections may stand beside a wrapper around the parts.
    parts.extend(beside_wrappers(dom, top, &parts, stats, &skip));
    parts.sort_unstable();
    parts.dedup();
    parts
}

/// Questions, each an element of its own, that make a block an FAQ…
const FAQ_MIN_QUESTIONS: usize = 2;
/// …when this much of its text answers them (prose, or list items).
const FAQ_ANSWER_SHARE: f64 = 0.5;

/// The article's questions and answers (an FAQ) in blocks after its last
/// part: prose after the body is otherwise left out (disclaimers, author
/// bios and promotions outnumber article there), but a block of question
/// headings with prose answers is the article answering its readers.
/// After a wrapper around the parts, where the page's own calls to action
/// ask questions too, only a block named as an FAQ.
fn questions_after(
    dom: &Dom,
    top: NodeIx,
    parts: &[NodeIx],
    stats: &Stats,
    skip: &dyn Fn(NodeIx) -> bool,
) -> Vec<NodeIx> {
    let held: u32 = parts.iter().map(|&p| stats.get(p).text).sum();
    let mut out = Vec::new();
    let mut holder = top;
    while let Some(parent) = dom.parent(holder) {
        let last = parts
            .iter()
            .copied()
            .filter(|&p| dom.parent(p) == Some(parent))
            .chain((holder != top).then_some(holder))
            .max();
        let named = |s: NodeIx| holder == top || names::is_faq(dom.class_and_id(s));
        out.extend(dom.element_children(parent).filter(|&s| {
            last.is_some_and(|l| s > l) && !skip(s) && named(s) && is_faq(dom, stats, s, skip)
        }));
        if dom.is_tag(parent, "body")
            || (held as f64) < WRAPPER_SHARE * stats.get(parent).text as f64
        {
            break;
        }
        holder = parent;
    }
    out
}

/// Mostly prose with few links, under two or more questions that hold no
/// link (a story card's title is a link). A question is a heading, a `dt`
/// or a `summary`, the header its names call a question's or an accordion
/// item's, or the toggle that titles a folded answer (the only buttons the
/// exclusions keep).
fn is_faq(dom: &Dom, stats: &Stats, ix: NodeIx, skip: &dyn Fn(NodeIx) -> bool) -> bool {
    let s = stats.get(ix);
    if (answer_chars(dom, stats, ix) as f64) < FAQ_ANSWER_SHARE * s.text as f64
        || stats.link_density(ix) >= RUNNING_TEXT_MAX_LINK_DENSITY
    {
        return false;
    }
    // Never in a button the reader drops: the answers would then stand
    // without their questions.
    let is_button = |a: NodeIx| dom.is_tag(a, "button") || dom.attr(a, "role") == Some("button");
    let question = |d: NodeIx| {
        let named = || names::is_question(dom.class_and_id(d));
        let in_dropped_button = || {
            std::iter::once(d)
                .chain(dom.ancestors(d).take_while(|&a| a != ix))
                .any(|a| is_button(a) && skip(a))
        };
        (dom.tag(d)
            .is_some_and(|t| crate::tags::is_heading(t) || matches!(t, "dt" | "summary"))
            || named()
            || is_button(d))
            && !in_dropped_button()
    };
    let mut d = ix + 1;
    let mut found = 0;
    while d < dom.end(ix) {
        if dom.node(d).kind == Kind::Element && question(d) && super::asks(dom, d) {
            found += 1;
            if found == FAQ_MIN_QUESTIONS {
                return true;
            }
            // A question's inner elements are the same question.
            d = dom.end(d);
            continue;
        }
        d += 1;
    }
    false
}

/// Text that answers: prose paragraphs, and list items (an answer's steps)
/// that are no list of links and hold no paragraph already counted.
fn answer_chars(dom: &Dom, stats: &Stats, ix: NodeIx) -> u32 {
    stats.get(ix).prose + item_chars(dom, stats, ix, 0)
}

/// Text of the list items in `ix` of at least `min_chars`, no list of
/// links, holding no paragraph (its prose counts already) and in no item
/// counted already.
fn item_chars(dom: &Dom, stats: &Stats, ix: NodeIx, min_chars: u32) -> u32 {
    dom.descendants(ix)
        .filter(|&d| {
            dom.is_tag(d, "li")
                && stats.get(d).prose == 0
                && stats.get(d).text >= min_chars
                && !dom
                    .ancestors(d)
                    .take_while(|&a| a != ix)
                    .any(|a| dom.is_tag(a, "li"))
                && stats.link_density(d) < RUNNING_TEXT_MAX_LINK_DENSITY
        })
        .map(|d| stats.get(d).text)
        .sum()
}

/// An element whose text is mostly the parts' is a wrapper around them.
const WRAPPER_SHARE: f64 = 0.8;

/// The prose beside each wrapper around the parts, up to the outermost
/// (page builders nest each section in a row > column > text box, so the
/// intro and the first sections may sit a few levels above the candidate).
/// Only below the headline: above it, a wrapper's siblings are the page's
/// banners; a page with no `h1` gets nothing here.
fn beside_wrappers(
    dom: &Dom,
    top: NodeIx,
    parts: &[NodeIx],
    stats: &Stats,
    skip: &dyn Fn(NodeIx) -> bool,
) -> Vec<NodeIx> {
    let Some(headline) = dom.first_by_tag("h1") else {
        return Vec::new();
    };
    let below = |ix: NodeIx| ix > headline && !dom.contains(ix, headline);
    let held: u32 = parts.iter().map(|&p| stats.get(p).text).sum();
    let mut out = Vec::new();
    let mut holder = top;
    // Inside the wrappers the parts fill: past them, only the intro under
    // the headline is looked for, up to the block that holds both.
    let mut wrapped = true;
    while let Some(parent) = dom.parent(holder) {
        if dom.is_tag(parent, "body") {
            break;
        }
        // The block before the parts that holds the headline holds the
        // intro under it too (a standfirst, the first paragraphs).
        let header = dom
            .element_children(parent)
            .take_while(|&c| c != holder)
            .find(|&c| dom.contains(c, headline));
        if let Some(header) = header {
            let mut intro = intro_under_headline(dom, header, headline, stats, skip);
            intro.retain(|&b| !parts.iter().any(|&p| dom.contains(p, b)));
            // Paragraphs of running text, not a one-line summary (a dek,
            // which readers and references leave in the header) or an
            // author's bio.
            let prose: u32 = intro.iter().map(|&b| stats.get(b).prose).sum();
            if prose >= INTRO_MIN_PROSE_CHARS {
                out.extend(intro);
            }
        }
        if !wrapped {
            if dom.contains(parent, headline) {
                break;
            }
        } else if holder != top {
            let beside = with_prose_neighbours(dom, holder, &[holder], stats, skip);
            out.extend(
                beside
                    .into_iter()
                    .filter(|&b| b != holder && below(b) && is_section(stats, b)),
            );
        }
        if (held as f64) < WRAPPER_SHARE * stats.get(parent).text as f64 {
            wrapped = false;
        }
        holder = parent;
    }
    out
}

/// An intro under the headline is two paragraphs of running text at
/// least (of 200 characters each, as a passage is counted elsewhere).
const INTRO_MIN_PROSE_CHARS: u32 = 400;

/// The prose blocks after `headline` inside `header`, the block holding
/// it: at each level from the headline up, the siblings after it that
/// are running text (not a byline, a date, a share bar or a picture), and
/// no call to action or prompt.
fn intro_under_headline(
    dom: &Dom,
    header: NodeIx,
    headline: NodeIx,
    stats: &Stats,
    skip: &dyn Fn(NodeIx) -> bool,
) -> Vec<NodeIx> {
    let mut out = Vec::new();
    let mut at = headline;
    while at != header {
        let mut next = dom.next_element_sibling(at);
        while let Some(s) = next {
            let pitch = || {
                is_call_to_action(dom, s, dom.class_and_id(s))
                    || extras::is_extra(dom, s, dom.text_chars(s))
            };
            if !skip(s) && is_prose_block(dom, stats, s) && !pitch() {
                out.push(s);
            }
            next = dom.next_element_sibling(s);
        }
        match dom.parent(at) {
            Some(parent) => at = parent,
            None => break,
        }
    }
    out
}

/// A section of the article, not one stray paragraph.
fn is_section(stats: &Stats, ix: NodeIx) -> bool {
    stats.get(ix).paragraphs >= 2
}

/// A sibling with no running text and less text than this (a figure and
/// its caption, an empty ad slot, a "read more" link) interrupts the
/// article without ending it.
const INTERRUPTION_MAX_CHARS: u32 = 200;

/// The blocks of running text next to the parts that scores missed: the
/// intro before them (across figures and empty slots), and the blocks
/// between them, where a figure, a video, an embed, an ad slot or a teaser
/// split the article. Headings come along with the prose they head.
fn with_prose_neighbours(
    dom: &Dom,
    top: NodeIx,
    parts: &[NodeIx],
    stats: &Stats,
    skip: &dyn Fn(NodeIx) -> bool,
) -> Vec<NodeIx> {
    let Some(parent) = dom.parent(top) else {
        return parts.to_vec();
    };
    let siblings: Vec<NodeIx> = dom.element_children(parent).collect();
    let taken = |ix: NodeIx| parts.contains(&ix);
    let (Some(first), Some(last)) = (
        siblings.iter().position(|&s| taken(s)),
        siblings.iter().rposition(|&s| taken(s)),
    ) else {
        return parts.to_vec();
    };
    let mut out = parts.to_vec();
    // Between the parts: prose and its headings.
    for &s in &siblings[first..last] {
        if !skip(s) && !taken(s) && (is_prose_block(dom, stats, s) || is_heading(dom, s)) {
            out.push(s);
        }
    }
    // Before: the intro, back to the first block that is neither prose nor
    // a heading nor an interruption. (After the last part, the same walk
    // took more disclaimers, author bios and promotions than article.)
    let before = siblings[..first].iter().rev().copied();
    out.extend(intro_run(dom, before, stats, skip));
    out
}

/// Walks `siblings` back from the parts, taking prose blocks (with the
/// headings passed since the last one) until the headline or a block that
/// is none of prose, heading or interruption.
fn intro_run(
    dom: &Dom,
    siblings: impl Iterator<Item = NodeIx>,
    stats: &Stats,
    skip: &dyn Fn(NodeIx) -> bool,
) -> Vec<NodeIx> {
    let mut taken = Vec::new();
    let mut headings = Vec::new();
    for s in siblings {
        // Above the headline (excluded or not) is the page, not the intro.
        if dom.is_tag(s, "h1") {
            break;
        }
        if skip(s) {
            continue;
        }
        if is_heading(dom, s) {
            headings.push(s);
        } else if is_prose_block(dom, stats, s) {
            taken.append(&mut headings);
            taken.push(s);
        } else if !is_interruption(stats, s) && !is_contents(dom, s) {
            break;
        }
    }
    taken
}

/// A notice longer than this is more than a closing line.
const CLOSING_NOTICE_MAX_CHARS: u32 = 300;

/// A short legal notice after the article's last words (a station's
/// "Copyright © 2025 … All Rights Reserved." under the story) closes the
/// page's frame, not the story: it leaves the article, so the reader does
/// not end on it and live declutter may hide it. A notice with article
/// text after it may be a credit the story gives, and stays.
fn drop_closing_notice(
    dom: &Dom,
    parts: &mut Vec<NodeIx>,
    notices: &[NodeIx],
    removed: &mut Vec<NodeIx>,
) {
    let found = ArticleSubtrees {
        parts: parts.to_vec(),
        removed: removed.clone(),
    };
    let kept_text_in = |range: std::ops::Range<NodeIx>| {
        range.into_iter().any(|i| {
            let n = dom.node(i);
            n.kind == Kind::Text && n.text_chars > 0 && !n.invisible && found.keeps(dom, i)
        })
    };
    let Some(&last) = notices.iter().rev().find(|&&n| {
        // (Not the article's only part: that would leave no article.)
        found.keeps(dom, n)
            && parts.as_slice() != [n]
            && dom.node(n).text_chars <= CLOSING_NOTICE_MAX_CHARS
            && kept_text_in(n..dom.end(n))
    }) else {
        return;
    };
    let after = dom.end(last);
    let last_end = parts.iter().map(|&p| dom.end(p)).max().unwrap_or(after);
    if after < last_end && kept_text_in(after..last_end) {
        return;
    }
    removed.retain(|&r| !dom.contains(last, r));
    if parts.contains(&last) {
        parts.retain(|&p| p != last);
    } else {
        let at = removed.partition_point(|&r| r < last);
        removed.insert(at, last);
    }
}

/// Does the block lie in a legal notice, or is one most of its text?
fn is_notice(dom: &Dom, ix: NodeIx, notices: &[NodeIx]) -> bool {
    notices.iter().any(|&n| {
        dom.contains(n, ix)
            || dom.contains(ix, n) && dom.node(n).text_chars * 2 >= dom.node(ix).text_chars
    })
}

fn is_heading(dom: &Dom, ix: NodeIx) -> bool {
    dom.tag(ix).is_some_and(crate::tags::is_heading)
}

/// No running text and little text: a figure, an embed, an ad slot, a
/// teaser link.
fn is_interruption(stats: &Stats, ix: NodeIx) -> bool {
    let s = stats.get(ix);
    s.prose == 0 && s.text < INTERRUPTION_MAX_CHARS
}

/// A table of contents (`dom::is_contents`): it stands between the intro
/// and the body without ending either.
fn is_contents(dom: &Dom, ix: NodeIx) -> bool {
    let (mut links, mut in_page) = (0, 0);
    for d in dom.descendants(ix).filter(|&d| dom.is_tag(d, "a")) {
        links += 1;
        in_page += u32::from(dom.links_into_page(d));
    }
    crate::dom::is_contents(links, in_page)
}

/// A sibling block this much running text, with few links, is article,
/// whatever it scored.
const PROSE_BLOCK_SHARE: f64 = 0.6;

/// A sibling made mostly of running text with few links: the intro in a
/// wrapper of its own (or its key points, a list of sentences), or the
/// rest of the article after a figure, a video, an ad slot or a teaser
/// split it. Scores miss such blocks beside a long body (one paragraph
/// scores little next to many); link lists and teaser cards are no prose,
/// so they stay out.
fn is_prose_block(dom: &Dom, stats: &Stats, ix: NodeIx) -> bool {
    let s = stats.get(ix);
    let running = s.prose + item_chars(dom, stats, ix, super::RUNNING_TEXT_MIN_CHARS as u32);
    running > 0
        && running as f64 >= PROSE_BLOCK_SHARE * s.text as f64
        && stats.link_density(ix) < RUNNING_TEXT_MAX_LINK_DENSITY
}

/// A paragraph sibling worth keeping: long with few links, or short, with
/// no links, reading like a sentence.
fn is_prose_paragraph(dom: &Dom, ix: NodeIx, stats: &Stats) -> bool {
    let paragraph = dom.is_tag(ix, "p") || (dom.is_tag(ix, "div") && !stats.get(ix).block_child);
    if !paragraph {
        return false;
    }
    let s = stats.get(ix);
    let density = stats.link_density(ix);
    if s.text > 80 {
        return density < RUNNING_TEXT_MAX_LINK_DENSITY;
    }
    if s.text == 0 || density > 0.0 {
        return false;
    }
    let text = dom.text(ix);
    text.contains(". ") || text.ends_with('.')
}

/// Walk a part in document order and collect the subtrees to drop.
fn clean(
    dom: &Dom,
    part: NodeIx,
    stats: &Stats,
    excluded: &[bool],
    flags: Flags,
    removed: &mut Vec<NodeIx>,
) {
    let runs = Runs::find(dom, part, stats, excluded);
    let mut ix = part;
    let end = dom.end(part);
    while ix < end {
        let role = runs.role(dom, stats, ix);
        let whole = *stats.get(ix);
        if ix == part || !should_remove(dom, ix, &whole, stats, excluded, flags, role) {
            ix += 1;
            continue;
        }
        match cleaned_inside(dom, ix, &runs, stats, excluded, flags) {
            Some(inner) => removed.extend(inner),
            None => removed.push(ix),
        }
        ix = dom.end(ix);
    }
}

/// A block holding an image that conditional cleaning would drop is judged
/// again the way Readability.js judges it, from the inside out: its inner
/// blocks first, then the block without the ones dropped, so a picture
/// whose caption is all links keeps the picture. Only pictures: the block
/// stays when nothing but images (no text) is left of it. Returns the
/// inner blocks to drop when the block itself then stays, `None` when it
/// goes whole.
fn cleaned_inside(
    dom: &Dom,
    block: NodeIx,
    runs: &Runs,
    stats: &Stats,
    excluded: &[bool],
    flags: Flags,
) -> Option<Vec<NodeIx>> {
    let conditional = flags.clean_conditionally
        && !excluded[block]
        && matches!(dom.tag(block), Some("div" | "table" | "ul"))
        && stats.get(block).images > 0
        && class_weight(dom, block, flags) >= 0;
    if !conditional {
        return None;
    }
    // Dropped inner blocks, disjoint; pushed in reverse document order, so
    // the ones inside the element at hand are a suffix.
    let mut inner: Vec<NodeIx> = Vec::new();
    for ix in (block..dom.end(block)).rev() {
        if dom.node(ix).kind != Kind::Element {
            continue;
        }
        let inside = inner.iter().rev().take_while(|&&r| r < dom.end(ix)).count();
        let mut left = *stats.get(ix);
        for &r in &inner[inner.len() - inside..] {
            subtract(&mut left, stats.get(r));
        }
        let role = runs.role(dom, stats, ix);
        // Only pictures are rescued: what stays holds no text the block
        // was judged for.
        let stays = left.text == 0 && !should_remove(dom, ix, &left, stats, excluded, flags, role);
        if ix == block {
            return stays.then(|| inner.into_iter().rev().collect());
        }
        // A second look only rescues, and only what holds an image: an
        // element that goes when judged whole still goes when it holds no
        // image or fails again without its dropped blocks.
        let whole = stats.get(ix);
        let goes = should_remove(dom, ix, whole, stats, excluded, flags, role)
            && (whole.images == 0 || !stays);
        if goes {
            inner.truncate(inner.len() - inside);
            inner.push(ix);
        }
    }
    None
}

/// `s` without the counts of `part`, a subtree inside it (saturating: an
/// excluded element counts nothing, not even what lies inside it).
fn subtract(s: &mut NodeStats, part: &NodeStats) {
    s.text = s.text.saturating_sub(part.text);
    s.link = s.link.saturating_sub(part.link);
    s.commas = s.commas.saturating_sub(part.commas);
    s.heading = s.heading.saturating_sub(part.heading);
    s.paragraphs = s.paragraphs.saturating_sub(part.paragraphs);
    s.images = s.images.saturating_sub(part.images);
    s.list_items = s.list_items.saturating_sub(part.list_items);
    s.inputs = s.inputs.saturating_sub(part.inputs);
    s.embeds = s.embeds.saturating_sub(part.embeds);
}

/// Should `ix` go, `s` being what is left of it (all of it, or what inner
/// cleaning left)?
fn should_remove(
    dom: &Dom,
    ix: NodeIx,
    s: &NodeStats,
    stats: &Stats,
    excluded: &[bool],
    flags: Flags,
    role: Option<Role>,
) -> bool {
    if excluded[ix] {
        return true;
    }
    if dom.node(ix).kind != Kind::Element {
        return false;
    }
    let tag = dom.tag(ix).unwrap_or("");
    let names = dom.class_and_id(ix);
    if (tag == "h1" || tag == "h2") && class_weight(dom, ix, flags) < 0 {
        return true;
    }
    // A figure's names (and a wrapper's around one) say how it is shown,
    // with a share button or a click to reveal, not that it is furniture.
    if names::is_share(names)
        && s.text < SHARE_MAX_CHARS
        && !names.contains("content")
        && !holds_figure(dom, ix)
    {
        return true;
    }
    if is_byline_element(dom, ix, names) && s.text < 100 {
        return true;
    }
    // Ad labels, rate/share prompts and the author's bio box.
    if extras::is_extra(dom, ix, dom.text_chars(ix)) {
        return true;
    }
    if s.text <= CTA_MAX_CHARS && is_call_to_action(dom, ix, names) && !holds_figure(dom, ix) {
        return true;
    }
    if matches!(tag, "p" | "div" | "section")
        && s.text == 0
        && s.images == 0
        && s.embeds == 0
        && !has_media(dom, ix)
    {
        return true;
    }
    if flags.clean_conditionally && matches!(tag, "form" | "fieldset" | "table" | "ul" | "div") {
        // Items of a run that holds the content are judged by their names
        // only: each may look like a stray block of links on its own.
        // Names that only say how the item is built ("widget") are no
        // verdict, here as for a box judged alone. A roundup's entries
        // (and the block holding them) go only when both their names and
        // their content say so: a picture, a title and a "Read more" link
        // each, they look like a teaser, and page builders name them as
        // they please.
        let named_out = class_weight(dom, ix, flags) < 0 && !named_only_for_construction(dom, ix);
        return match role {
            Some(Role::Item) => named_out,
            _ if is_data(dom, ix) => false,
            Some(Role::Entry) => named_out && fails_by_content(dom, ix, s, stats, flags),
            None => named_out || fails_by_content(dom, ix, s, stats, flags),
        };
    }
    false
}

/// Buttons are calls to action ("Get started", "Add to cart"), never prose.
const CTA_MAX_CHARS: u32 = 40;

/// An element styled or marked as a button: `role=button`, or a class or id
/// word `btn`, `button` or `cta` (`btn-primary`, `wp-block-button__link`).
fn is_call_to_action(dom: &Dom, ix: NodeIx, names: &str) -> bool {
    dom.attr(ix, "role") == Some("button") || names::is_button(names)
}

fn is_byline_element(dom: &Dom, ix: NodeIx, names: &str) -> bool {
    dom.attr(ix, "rel") == Some("author")
        || dom
            .attr(ix, "itemprop")
            .is_some_and(|p| p.contains("author"))
        || names::is_byline(names)
}

/// Is `ix` a `<figure>`, or does it hold one?
fn holds_figure(dom: &Dom, ix: NodeIx) -> bool {
    (ix..dom.end(ix)).any(|d| dom.is_tag(d, "figure"))
}

fn has_media(dom: &Dom, ix: NodeIx) -> bool {
    dom.descendants(ix).any(|d| {
        matches!(
            dom.tag(d),
            Some("img" | "picture" | "video" | "svg" | "math" | "iframe" | "hr" | "br")
        )
    })
}

/// Do the names of `ix` weigh negative only through words that say how
/// the box is built ("widget", "scroll"), or through "media" on a box that
/// holds a picture, or on the caption right after one? A media box around
/// a video player the reader does not show stays out, caption and all.
fn named_only_for_construction(dom: &Dom, ix: NodeIx) -> bool {
    let (class, id) = (
        dom.attr(ix, "class").unwrap_or(""),
        dom.role_id(ix).unwrap_or(""),
    );
    let caption_of_picture = || {
        dom.class_and_id(ix).contains("caption")
            && dom
                .previous_element_sibling(ix)
                .is_some_and(|p| holds_picture(dom, p))
    };
    names::negative_only_for_construction(class, id)
        || (names::negative_only_for_media(class, id)
            && (holds_picture(dom, ix) || caption_of_picture()))
}

/// A table of data, or a block inside one or inside code: never cleaned
/// away by its names or its look.
fn is_data(dom: &Dom, ix: NodeIx) -> bool {
    (dom.is_tag(ix, "table") && dom.is_data_table(ix))
        || dom.ancestors(ix).any(|a| {
            matches!(dom.tag(a), Some("code" | "pre"))
                || (dom.is_tag(a, "table") && dom.is_data_table(a))
        })
}

/// Readability.js's conditional cleaning, its content side (its names
/// side is `should_remove`'s): blocks with few commas that look like link
/// lists, image galleries without prose, forms, or embeds.
fn fails_by_content(dom: &Dom, ix: NodeIx, s: &NodeStats, stats: &Stats, flags: Flags) -> bool {
    let tag = dom.tag(ix).unwrap_or("");
    let weight = class_weight(dom, ix, flags);
    if s.commas >= 10 {
        return false;
    }
    let is_list = matches!(tag, "ul" | "ol") || list_share(dom, ix, stats) > 0.9;
    let in_figure = dom.ancestors(ix).any(|a| dom.is_tag(a, "figure"));
    let p = s.paragraphs as f64;
    let img = distinct_images(dom, ix, s.images) as f64;
    let li = s.list_items as f64 - 100.0;
    let density = if s.text == 0 {
        0.0
    } else {
        s.link as f64 / s.text as f64
    };
    let heading_density = if s.text == 0 {
        0.0
    } else {
        s.heading as f64 / s.text as f64
    };
    let content_len = s.text;
    let remove = (!in_figure && img > 1.0 && p / img < 0.5)
        || (!is_list && li > p)
        || (s.inputs as f64 > (p / 3.0).floor())
        || (!is_list
            && !in_figure
            && heading_density < 0.9
            && content_len < 25
            && (img == 0.0 || img > 2.0)
            && density > 0.0)
        || (!is_list && weight < 25 && density > 0.2)
        || (weight >= 25 && density > 0.5)
        || ((s.embeds == 1 && content_len < 75) || s.embeds > 1);
    if remove && is_list {
        // A plain list of images stays.
        let items: Vec<NodeIx> = dom.element_children(ix).collect();
        if items.iter().all(|&c| dom.element_children(c).count() <= 1)
            && s.images as usize == items.len()
        {
            return false;
        }
    }
    remove
}

/// Blocks with more images than this are counted as they are: a gallery.
const MAX_IMAGES_COMPARED: u32 = 64;

/// The images in `ix` (`counted` as [`Stats`] counts them), each picture
/// once: a second copy of the same picture (the same source and alt text),
/// kept for a zoom view or another layout, makes no gallery.
fn distinct_images(dom: &Dom, ix: NodeIx, counted: u32) -> usize {
    if counted <= 1 || counted > MAX_IMAGES_COMPARED {
        return counted as usize;
    }
    let mut seen = Vec::new();
    for d in dom.descendants(ix) {
        if dom.is_tag(d, "img") && !crate::images::is_icon(dom, d) {
            let key = (crate::images::image_source(dom, d), dom.attr(d, "alt"));
            if !seen.contains(&key) {
                seen.push(key);
            }
        }
    }
    seen.len()
}

fn list_share(dom: &Dom, ix: NodeIx, stats: &Stats) -> f64 {
    let total = stats.get(ix).text;
    if total == 0 {
        return 0.0;
    }
    let list_chars: u32 = dom
        .element_children(ix)
        .filter(|&c| matches!(dom.tag(c), Some("ul" | "ol")))
        .map(|c| stats.get(c).text)
        .sum();
    list_chars as f64 / total as f64
}
