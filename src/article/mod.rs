//! Finding the article: exclusions, scoring, assembly, cleaning — retried
//! with looser rules when too little text survives, as Readability.js does.

mod assemble;
mod extras;
mod folds;
pub mod names;
mod runs;
mod score;
pub mod stats;

use crate::clutter::Signals;
use crate::dom::{Dom, Kind, NodeIx};
use crate::model::{ArticleSubtrees, Metadata, Options};

use folds::Folds;
use stats::Stats;

/// A block holding most of the page with more of its text in links than
/// this is still furniture.
const PAGE_MAX_LINK_DENSITY: f64 = 0.5;

/// The rules one attempt applies; later attempts switch them off one by one.
#[derive(Debug, Clone, Copy)]
pub struct Flags {
    pub strip_unlikely: bool,
    pub weight_classes: bool,
    pub clean_conditionally: bool,
    /// Take hidden elements too: the last resort for pages whose content
    /// waits, hidden, for a script to show it (streamed server rendering).
    pub include_hidden: bool,
}

const ATTEMPTS: [Flags; 5] = [
    Flags {
        strip_unlikely: true,
        weight_classes: true,
        clean_conditionally: true,
        include_hidden: false,
    },
    Flags {
        strip_unlikely: false,
        weight_classes: true,
        clean_conditionally: true,
        include_hidden: false,
    },
    Flags {
        strip_unlikely: false,
        weight_classes: false,
        clean_conditionally: true,
        include_hidden: false,
    },
    Flags {
        strip_unlikely: false,
        weight_classes: false,
        clean_conditionally: false,
        include_hidden: false,
    },
    Flags {
        strip_unlikely: true,
        weight_classes: true,
        clean_conditionally: true,
        include_hidden: true,
    },
];

pub fn find(
    dom: &Dom,
    signals: &Signals,
    metadata: &Metadata,
    options: &Options,
) -> Option<ArticleSubtrees> {
    dom.body()?;
    // Results under the length threshold; the longest is the last resort.
    let mut short: Option<(usize, ArticleSubtrees)> = None;
    // A long enough result built on the bulk of the page rather than on a
    // container of prose: kept while looser attempts look for a real
    // candidate with more text (an article inside a block whose name the
    // first attempt strips, such as "sidebar-container").
    let mut bulk: Option<(usize, ArticleSubtrees)> = None;
    // A page whose content waits hidden for a script to show it (streamed
    // server rendering) reads the hidden content first.
    let order: Vec<Flags> = if content_waits_hidden(dom) {
        ATTEMPTS[4..]
            .iter()
            .chain(&ATTEMPTS[..4])
            .copied()
            .collect()
    } else {
        ATTEMPTS.to_vec()
    };
    let folds = folds::find(dom);
    for flags in order {
        let Some((found, is_bulk)) = attempt(dom, signals, metadata, &folds, flags) else {
            continue;
        };
        let chars = found.text_chars(dom);
        if chars < options.char_threshold {
            if short.as_ref().is_none_or(|(c, _)| chars > *c) {
                short = Some((chars, found));
            }
            continue;
        }
        if bulk.as_ref().is_some_and(|(c, _)| chars <= *c) {
            continue;
        }
        if !is_bulk {
            return Some(found);
        }
        bulk = Some((chars, found));
    }
    bulk.or(short.filter(|(chars, _)| *chars > 0))
        .map(|(_, found)| found)
}

/// Does one hidden block right under `<body>` hold most of the page's
/// text? Then the visible page is a shell (menus, a spinner, a footer) and
/// the content waits in it for a script to swap it in. (A hidden dialog or
/// menu holds less than the page it sits on; streamed pieces of a page
/// that is mostly visible each hold a part.)
fn content_waits_hidden(dom: &Dom) -> bool {
    let Some(body) = dom.body() else {
        return false;
    };
    let largest = dom
        .element_children(body)
        .filter(|&c| dom.node(c).hidden && !dom.node(c).invisible)
        .map(|c| dom.text_chars(c))
        .max()
        .unwrap_or(0);
    largest * 2 > dom.text_chars(body)
}

/// One attempt: the article under `flags`, and whether it rests on the bulk
/// of the page rather than on a container of prose.
fn attempt(
    dom: &Dom,
    signals: &Signals,
    metadata: &Metadata,
    folds: &Folds,
    flags: Flags,
) -> Option<(ArticleSubtrees, bool)> {
    let excluded = exclusions(dom, signals, metadata, folds, flags);
    let stats = Stats::compute(dom, &excluded);
    let scores = score::score(dom, &excluded, &stats, flags);
    let top = score::top_candidate(dom, &scores, &stats)?;
    let notices = legal_notices(signals);
    let found = assemble::assemble(dom, top.node, &scores, &stats, &excluded, &notices, flags);
    Some((found, top.bulk))
}

/// The legal notices the clutter stage found (copyright lines, affiliate
/// disclosures). An article may quote or credit, so they are not excluded;
/// but a block the scores left out is never joined because of one.
fn legal_notices(signals: &Signals) -> Vec<NodeIx> {
    signals
        .blocks
        .iter()
        .filter(|s| s.kind == crate::model::ClutterKind::RepeatedBoilerplate && !s.repeated)
        .map(|s| s.node)
        .collect()
}

/// Subtrees no attempt may take as article: invisible or hidden elements,
/// controls, navigation, the clutter the signals found, the title repeated
/// as a heading, and (when stripping) blocks whose names say they are
/// furniture. Inherited: a node is excluded when an ancestor is.
/// `folds`: an accordion's folded sections, which hiding does not exclude,
/// and the toggles that title them, which are no controls ([`folds`]).
fn exclusions(
    dom: &Dom,
    signals: &Signals,
    metadata: &Metadata,
    folds: &Folds,
    flags: Flags,
) -> Vec<bool> {
    let mut excluded = vec![false; dom.len()];
    for ix in signals.excluded() {
        excluded[ix] = true;
    }
    let title = metadata.title.as_deref().map(normalise_title);
    let page_chars = dom.body().map_or(0, |b| dom.text_chars(b));
    let mut title_heading_seen = false;
    for ix in 0..dom.len() {
        if dom.parent(ix).is_some_and(|p| excluded[p]) {
            excluded[ix] = true;
            continue;
        }
        if excluded[ix] {
            continue;
        }
        let data = dom.node(ix);
        match data.kind {
            // The document node holds everything; comments and doctypes go.
            Kind::Other => excluded[ix] = dom.parent(ix).is_some(),
            Kind::Text => excluded[ix] = data.invisible,
            Kind::Element => {
                let tag = dom.tag(ix).unwrap_or("");
                let chrome = is_chrome(tag)
                    && !holds_page(dom, ix, page_chars)
                    && !is_aside_in_prose(dom, ix);
                if data.invisible
                    || (data.hidden && !flags.include_hidden && !folds.folded[ix])
                    || chrome
                    || is_control(tag) && !folds.is_title(ix)
                {
                    excluded[ix] = true;
                    continue;
                }
                if matches!(
                    dom.attr(ix, "role"),
                    Some(
                        "menu"
                            | "menubar"
                            | "complementary"
                            | "navigation"
                            | "alert"
                            | "alertdialog"
                            | "dialog"
                    )
                ) {
                    excluded[ix] = true;
                    continue;
                }
                if !title_heading_seen && (tag == "h1" || tag == "h2") {
                    if let Some(title) = &title {
                        let text = normalise_title(&dom.text(ix));
                        // An `h1` worded a little differently from the
                        // metadata title is still the headline.
                        let close = tag == "h1"
                            && crate::metadata::similarity(&text, title) > 0.75
                            && crate::metadata::similarity(title, &text) > 0.75;
                        if text == *title || close {
                            excluded[ix] = true;
                            title_heading_seen = true;
                            continue;
                        }
                    }
                }
                if flags.strip_unlikely
                    && !matches!(tag, "html" | "body" | "a" | "article" | "main")
                {
                    let names = dom.class_and_id(ix);
                    let unlikely = if crate::tags::is_heading(tag) {
                        names::is_unlikely_heading(names)
                    } else {
                        names::is_unlikely(names)
                    };
                    if unlikely
                        && !inside(dom, ix, &["table", "code", "pre"])
                        && !is_figure_image_wrapper(dom, ix)
                        && !is_article_header(dom, ix, names)
                        && !is_question_header(dom, ix, names)
                    {
                        excluded[ix] = true;
                        continue;
                    }
                }
            }
        }
    }
    // A title stays only with its section.
    for &(title, section) in &folds.titles {
        if excluded[section] {
            excluded[title..dom.end(title)].fill(true);
        }
    }
    excluded
}

/// Paragraphs of running text that make a passage…
const PASSAGE_PARAGRAPHS: usize = 2;
/// …or one paragraph this long: a few sentences.
const PASSAGE_ONE_PARAGRAPH_CHARS: usize = 200;
/// Most of a paragraph or block of running text is not links.
const RUNNING_TEXT_MAX_LINK_DENSITY: f64 = 0.25;
/// Running text is at least this long.
const RUNNING_TEXT_MIN_CHARS: usize = crate::tags::PROSE_MIN_CHARS as usize;

/// A block that only its "header" name makes unlikely, holding a passage:
/// an article's header with its intro, which the page's masthead (a logo,
/// a menu, a search box) never holds.
fn is_article_header(dom: &Dom, ix: NodeIx, names: &str) -> bool {
    if !names.contains("header") || names::is_unlikely_heading(names) {
        return false;
    }
    holds_passage(dom, ix)
}

/// A paragraph of running text: a `p` of some length, mostly not links.
fn is_running_text(dom: &Dom, ix: NodeIx) -> bool {
    dom.is_tag(ix, "p")
        && dom.text_chars(ix) >= RUNNING_TEXT_MIN_CHARS
        && dom.link_density(ix) < RUNNING_TEXT_MAX_LINK_DENSITY
}

/// Does `ix` hold a passage: two paragraphs of running text, or one of a
/// few sentences? A masthead, a pull quote or a teaser holds none.
fn holds_passage(dom: &Dom, ix: NodeIx) -> bool {
    let mut count = 0;
    dom.descendants(ix)
        .filter(|&d| is_running_text(dom, d))
        .any(|p| {
            count += 1;
            count == PASSAGE_PARAGRAPHS || dom.text_chars(p) >= PASSAGE_ONE_PARAGRAPH_CHARS
        })
}

/// A question's header in an FAQ or an accordion
/// (`accordion-item-header`): a line that asks, not the page's header.
fn is_question_header(dom: &Dom, ix: NodeIx, names: &str) -> bool {
    names.contains("header") && !names::is_unlikely_heading(names) && asks(dom, ix)
}

/// A question is a line, not a paragraph.
const QUESTION_MAX_CHARS: usize = 300;

/// Does `ix` ask a question: a line ending in a question mark (an icon's
/// name after it aside), holding no link (a story card's title is one)?
pub(super) fn asks(dom: &Dom, ix: NodeIx) -> bool {
    dom.text_chars(ix) <= QUESTION_MAX_CHARS
        && crate::icons::text_without_icons(dom, ix)
            .trim_end()
            .ends_with(['?', '？', '؟'])
        && !(ix..dom.end(ix)).any(|d| dom.is_tag(d, "a"))
}

/// Does `ix` hold an image (`img` or `picture`)?
pub(super) fn holds_picture(dom: &Dom, ix: NodeIx) -> bool {
    dom.descendants(ix)
        .any(|d| matches!(dom.tag(d), Some("img" | "picture")))
}

/// The element before `ix`, passing over the style and script elements
/// that component libraries put between a toggle and its panel.
pub(super) fn previous_element(dom: &Dom, ix: NodeIx) -> Option<NodeIx> {
    let mut sibling = dom.previous_element_sibling(ix)?;
    while is_inert(dom, sibling) {
        sibling = dom.previous_element_sibling(sibling)?;
    }
    Some(sibling)
}

/// The element after `ix`, passing over style and script elements.
pub(super) fn next_element(dom: &Dom, ix: NodeIx) -> Option<NodeIx> {
    let mut sibling = dom.next_element_sibling(ix)?;
    while is_inert(dom, sibling) {
        sibling = dom.next_element_sibling(sibling)?;
    }
    Some(sibling)
}

/// Style, script and the like: no part of the page's flow.
fn is_inert(dom: &Dom, ix: NodeIx) -> bool {
    matches!(dom.tag(ix), Some("style" | "script" | "template" | "link"))
}

/// Does `ix` hold most of the page's text, and not as a list of links? Such
/// a block is the page, whatever its tag says (broken markup, a page-wide
/// form); a mega-menu holding most of the text is still a menu.
fn holds_page(dom: &Dom, ix: NodeIx, page_chars: usize) -> bool {
    dom.text_chars(ix) * 2 >= page_chars && dom.link_density(ix) <= PAGE_MAX_LINK_DENSITY
}

/// Form controls: never article text.
fn is_control(tag: &str) -> bool {
    matches!(
        tag,
        "button" | "input" | "select" | "textarea" | "label" | "dialog" | "menu"
    )
}

/// Site chrome: navigation, asides, footers, forms, fieldsets.
fn is_chrome(tag: &str) -> bool {
    matches!(tag, "nav" | "aside" | "footer" | "form" | "fieldset")
}

/// An `<aside>` after a paragraph of running text and before another or
/// the next section's heading, holding a passage or a figure with its
/// image: the author's side note, tip or illustration, read in the flow of
/// the article. A sidebar stands beside the article, not between its
/// paragraphs; a pull quote or a "related" teaser holds one line or links.
fn is_aside_in_prose(dom: &Dom, ix: NodeIx) -> bool {
    let running_text = |d: NodeIx| is_running_text(dom, d);
    let figure_with_image = |d: NodeIx| dom.is_tag(d, "figure") && holds_picture(dom, d);
    dom.is_tag(ix, "aside")
        && previous_element(dom, ix).is_some_and(running_text)
        && next_element(dom, ix)
            .is_some_and(|n| running_text(n) || dom.tag(n).is_some_and(crate::tags::is_heading))
        && dom.link_density(ix) < RUNNING_TEXT_MAX_LINK_DENSITY
        && (holds_passage(dom, ix) || dom.descendants(ix).any(figure_with_image))
}

/// An element inside a `<figure>` holding its image: its names say how the
/// image is shown (in a pop-up, a zoom), not that it is furniture.
fn is_figure_image_wrapper(dom: &Dom, ix: NodeIx) -> bool {
    inside(dom, ix, &["figure"])
        && dom
            .descendants(ix)
            .any(|d| matches!(dom.tag(d), Some("img" | "picture")))
}

fn inside(dom: &Dom, ix: NodeIx, tags: &[&str]) -> bool {
    dom.ancestors(ix)
        .any(|a| dom.tag(a).is_some_and(|t| tags.contains(&t)))
}

fn normalise_title(s: &str) -> String {
    crate::text::words(&s.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAGRAPH: &str = "<p>The council met on Tuesday, and after a long debate, which ran \
        late into the evening, it voted to keep the library open on Sundays, a decision \
        welcomed by parents, students and the staff who had campaigned for it.</p>";

    fn article_text(html: &str) -> String {
        crate::extract(html, "", &Options::default())
            .article
            .map(|a| a.text)
            .unwrap_or_default()
    }

    fn find_in(html: &str) -> (Dom, ArticleSubtrees) {
        let dom = Dom::parse(html);
        let signals = crate::clutter::detect(&dom);
        let metadata = crate::metadata::read(&dom, None);
        let found = find(&dom, &signals, &metadata, &Options::default()).expect("an article");
        (dom, found)
    }

    #[test]
    fn text_only_in_custom_elements_is_an_article() {
        // No <p> at all: paragraphs in custom elements, an inline custom
        // element inside one of them.
        let para = PARAGRAPH
            .replace("<p>", "<x-para>")
            .replace("</p>", "</x-para>");
        let para = para.replacen("council", "<x-term>council</x-term>", 1);
        let html = format!(
            "<body><x-nav><a href=/>Home</a> <a href=/news>News</a></x-nav><x-story>\
             <x-title>Library stays open</x-title>{para}{para}{para}</x-story></body>"
        );
        let text = article_text(&html);
        let paragraphs: Vec<&str> = text
            .split("\n\n")
            .filter(|p| p.contains("Sundays"))
            .collect();
        assert_eq!(
            paragraphs.len(),
            3,
            "three paragraphs, kept apart: {text:?}"
        );
        assert!(
            text.contains("The council met"),
            "inline custom element stays in its sentence: {text:?}"
        );
        assert!(!text.contains("Home"), "{text:?}");
    }

    #[test]
    fn a_page_wide_form_keeps_its_article() {
        let html = format!(
            "<body><div class=page><h1>Council news</h1><form action=/post>{PARAGRAPH}\
             {PARAGRAPH}{PARAGRAPH}<input type=submit value=Send></form></div></body>"
        );
        let text = article_text(&html);
        assert!(text.contains("voted to keep the library open"), "{text:?}");
        let (dom, found) = find_in(&html);
        // Elements only: each part gets a locator in the live page.
        assert!(found
            .parts
            .iter()
            .all(|&p| dom.node(p).kind == Kind::Element));
        assert!(found
            .parts
            .iter()
            .all(|&p| !dom.is_tag(p, "form") && (p..dom.end(p)).all(|d| !dom.is_tag(d, "form"))));
    }

    /// Is the page's `<nav>` excluded from the first attempt?
    fn nav_excluded(html: &str) -> bool {
        let dom = Dom::parse(html);
        let nav = dom.first_by_tag("nav").expect("a nav");
        let signals = crate::clutter::detect(&dom);
        let metadata = crate::metadata::read(&dom, None);
        exclusions(&dom, &signals, &metadata, &folds::find(&dom), ATTEMPTS[0])[nav]
    }

    #[test]
    fn a_mega_menu_holding_most_of_the_page_is_still_chrome() {
        let links: String = (0..80)
            .map(|i| format!("<li><a href=/c{i}>Category number {i}</a></li>"))
            .collect();
        let menu =
            format!("<body><nav><ul>{links}</ul></nav><div>{PARAGRAPH}{PARAGRAPH}</div></body>");
        assert!(nav_excluded(&menu));
        // A page-wide wrapper that is not a list of links stays.
        let wrapper = format!("<body><nav><div>{PARAGRAPH}{PARAGRAPH}</div></nav></body>");
        assert!(!nav_excluded(&wrapper));
    }

    #[test]
    fn a_grid_of_short_items_is_the_content_not_a_stray_paragraph() {
        let cards: String = (0..12)
            .map(|i| {
                format!(
                    "<div class=card><h3><a href=/p{i}>Oak side table {i}</a></h3>\
                     <span>$19{i}.00</span> <span>Ships today</span></div>"
                )
            })
            .collect();
        let html = format!(
            "<body><div class=note><p>Prices include tax, and delivery takes three to five \
             working days.</p></div><div class=grid>{cards}</div></body>"
        );
        let (dom, found) = find_in(&html);
        let grid = (0..dom.len())
            .find(|&i| dom.attr(i, "class") == Some("grid"))
            .unwrap();
        assert!(
            found.parts.iter().any(|&p| dom.contains(p, grid)),
            "{:?}",
            found.parts
        );
        assert!(article_text(&html).contains("Oak side table 7"));
    }

    #[test]
    fn a_looser_attempt_beats_the_bulk_of_a_page() {
        // The first attempt strips the "sidebar-container" holding the
        // article and is left with a note and a grid of short cards, whose
        // bulk it takes. The next attempt finds the article.
        let cards: String = (0..30)
            .map(|i| {
                format!("<div class=card><a href=/p{i}>Story {i:02}</a> <span>Four min read</span></div>")
            })
            .collect();
        let html = format!(
            "<body><div class=sidebar-container><div>{PARAGRAPH}{PARAGRAPH}{PARAGRAPH}\
             {PARAGRAPH}</div></div><div class=note><p>Stories picked by our editors \
             this week.</p></div><div class=cards>{cards}</div></body>"
        );
        let text = article_text(&html);
        assert!(text.contains("voted to keep the library open"), "{text:?}");
    }

    #[test]
    fn buttons_are_not_article_text() {
        let html = format!(
            "<body><article>{PARAGRAPH}<p><a class='btn btn-primary' href=/start>Get started \
             today</a></p>{PARAGRAPH}<div role=button>Subscribe</div>{PARAGRAPH}</article></body>"
        );
        let text = article_text(&html);
        assert!(text.contains("voted to keep"));
        assert!(!text.contains("Get started"), "{text:?}");
        assert!(!text.contains("Subscribe"), "{text:?}");
    }

    #[test]
    fn short_replies_of_a_thread_survive_cleaning() {
        // Each reply, on its own, is as link-heavy as a block of related
        // links; together they are the page.
        let reply = |who: &str, said: &str| {
            format!(
                "<div class=reply><div class=author><a href=/u/{who}>{who}</a> \
                 <a href=/u/{who}/all>Posts: 12</a></div><div class=body>{said} \
                 <a href=/t/1>see this</a></div><div class=tools><a href=/q>Quote</a> \
                 <a href=/r>Reply</a></div></div>"
            )
        };
        let said = [
            "Agreed, it was a good call by them, and long overdue, if you ask me.",
            "Finally some sense from the council, though the budget is still tight.",
            "Will they open on holidays too, or only on Sundays, does anyone know?",
            "My kids will love this, thanks for sharing, we go there every week.",
            "Good news, but who pays for the extra staff, and for how long then?",
        ];
        // Enough of them to pass the first attempt's length threshold.
        let replies: String = said.iter().chain(&said).map(|s| reply("ann", s)).collect();
        let html = format!(
            "<body><h1>Library to open on Sundays</h1><div class=thread>{replies}</div></body>"
        );
        let text = article_text(&html);
        for s in said {
            assert!(text.contains(s), "{s} missing from {text:?}");
        }
        // Its tool bar is still cleaned away.
        assert!(!text.contains("Quote"), "{text:?}");
    }
}
