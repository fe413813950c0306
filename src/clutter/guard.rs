//! The article guard: what live declutter must never hide, and the check
//! every planned block passes.
//!
//! Protected are the article's kept content (its parts, minus what cleaning
//! took out), the page's headline (the visible heading that matches the
//! metadata title, else the first visible `h1`) and the byline element. A
//! block may neither hold nor lie inside any of them. A block that grew
//! around protected content shrinks back towards the element that seeded
//! it; one that cannot is dropped.

use crate::dom::{Dom, Kind, NodeIx};
use crate::model::{ArticleSubtrees, ClutterKind, Metadata};

pub struct Guard<'a> {
    dom: &'a Dom,
    found: Option<&'a ArticleSubtrees>,
    /// Headline and byline elements.
    protected: Vec<NodeIx>,
    /// The article's kept characters, counted when a user rule first asks.
    article_chars: std::cell::OnceCell<u32>,
    /// The metadata title's words, lower-cased.
    title_words: Vec<String>,
}

/// Headings longer than this are no headline.
const MAX_HEADLINE_CHARS: u32 = 400;
/// A byline element holds little else than the names (and a date, a label).
const MAX_BYLINE_CHARS: u32 = 300;
/// Text a paragraph holds beyond an inline element for that element to be
/// a phrase of running text.
const RUNNING_TEXT_CHARS: u32 = 40;
/// The longest byline that holds a heading (a name set as one).
const HEADED_BYLINE_CHARS: u32 = 60;
/// Levels above a text node searched for the element holding the whole byline.
const BYLINE_LEVELS: usize = 4;
/// Elements after a headline searched for one named for its byline.
const BYLINE_WINDOW: usize = 40;

impl<'a> Guard<'a> {
    pub fn new(dom: &'a Dom, metadata: &Metadata, found: Option<&'a ArticleSubtrees>) -> Guard<'a> {
        let title_words = metadata
            .title
            .as_deref()
            .map(lower_words)
            .unwrap_or_default();
        let mut protected = headlines(dom, &title_words);
        protected.extend(byline(dom, metadata.byline.as_deref()));
        let named: Vec<NodeIx> = protected
            .iter()
            .filter_map(|&h| named_byline(dom, h))
            .collect();
        protected.extend(named);
        protected.sort_unstable();
        protected.dedup();
        Guard {
            dom,
            found,
            protected,
            article_chars: std::cell::OnceCell::new(),
            title_words,
        }
    }

    /// Does `block` lie inside one of the article's parts (kept or not)?
    pub fn in_article_part(&self, block: NodeIx) -> bool {
        self.found
            .is_some_and(|f| f.parts.iter().any(|&p| self.dom.contains(p, block)))
    }

    /// Is `text` the page's title (the title carries a site name, or the
    /// text a label around it)? A title that stands twice on a page, in a
    /// breadcrumb and a header, or a sticky bar and the story, is the
    /// headline twice, never boilerplate.
    pub fn is_title(&self, text: &str) -> bool {
        matches_title(&lower_words(text), &self.title_words)
    }

    /// Headline and byline elements, in document order.
    pub fn protected(&self) -> &[NodeIx] {
        &self.protected
    }

    /// Does hiding `block` hide protected content: a headline or byline
    /// (around, inside or at it), an article part, or kept article text?
    pub fn touches(&self, block: NodeIx) -> bool {
        self.touches_as(block, None)
    }

    /// [`Guard::touches`] for a block planned as `kind`. A share bar that
    /// the article's cleaning took out is no running text of the article:
    /// its words are the page's buttons, and the reader leaves it out too.
    fn touches_as(&self, block: NodeIx, kind: Option<ClutterKind>) -> bool {
        let dom = self.dom;
        if self.around_protected(block) || self.is_inline_in_text(block) {
            return true;
        }
        let Some(found) = self.found else {
            return false;
        };
        if found.parts.iter().any(|&p| dom.contains(block, p)) || found.keeps(dom, block) {
            return true;
        }
        let removed_share_bar = || kind == Some(ClutterKind::Share) && found.is_removed(dom, block);
        if self.is_running_text(found, block) && !removed_share_bar() {
            return true;
        }
        self.kept_texts(found, block)
            .any(|i| dom.node(i).text_chars > 0)
    }

    /// May a user's rule hide `block`? Not when it holds, or lies in, the
    /// headline or byline, nor when it holds half the article's kept text
    /// or more: a rule written on one page must not blank the next.
    pub fn holds_headline_or_article(&self, block: NodeIx) -> bool {
        if self.around_protected(block) {
            return true;
        }
        let Some(found) = self.found else {
            return false;
        };
        let total = *self
            .article_chars
            .get_or_init(|| found.parts.iter().map(|&p| self.kept_chars(found, p)).sum());
        total > 0 && self.kept_chars(found, block) * 2 >= total
    }

    /// Does `block` hold, or lie in, the headline or the byline?
    fn around_protected(&self, block: NodeIx) -> bool {
        let dom = self.dom;
        self.protected
            .iter()
            .any(|&p| dom.contains(block, p) || dom.contains(p, block))
    }

    /// Characters of kept article text inside `node`.
    fn kept_chars(&self, found: &ArticleSubtrees, node: NodeIx) -> u32 {
        self.kept_texts(found, node)
            .map(|i| self.dom.node(i).text_chars)
            .sum()
    }

    /// Words of kept article text inside `block`, counted per text node:
    /// what the plan reports for each block.
    pub fn article_words(&self, block: NodeIx) -> u32 {
        let Some(found) = self.found else {
            return 0;
        };
        self.kept_texts(found, block)
            .filter_map(|i| self.dom.text_node(i))
            .map(|t| t.split_whitespace().count() as u32)
            .sum()
    }

    /// The visible text nodes inside `node` that the article keeps.
    fn kept_texts<'b>(
        &'b self,
        found: &'b ArticleSubtrees,
        node: NodeIx,
    ) -> impl Iterator<Item = NodeIx> + 'b {
        let dom = self.dom;
        (node..dom.end(node)).filter(move |&i| {
            let n = dom.node(i);
            n.kind == Kind::Text && !n.invisible && found.keeps(dom, i)
        })
    }

    /// A paragraph, heading, list, quote, table or inline element whose
    /// paragraph, list or quote sits in kept article content is part of
    /// the article's running text even when a signal kept it out of the
    /// article (an article about newsletters, a "read more" line): only a
    /// block that asks the reader to act with a control of its own (a form
    /// field, a labelled button, an embedded frame) may be hidden there.
    fn is_running_text(&self, found: &ArticleSubtrees, block: NodeIx) -> bool {
        let dom = self.dom;
        let text_level = dom.tag(block).is_some_and(|t| {
            is_text_block(t)
                || matches!(
                    t,
                    "table" | "figure" | "figcaption" | "code" | "img" | "picture"
                )
        }) || is_inline_tag(dom, block);
        text_level
            && !(is_inline_tag(dom, block) && holds_blocks(dom, block))
            && dom
                .parent(outer_text_block(dom, block))
                .is_some_and(|p| found.keeps(dom, p))
            && !invites_action(dom, block)
    }

    /// A link or other inline element inside a paragraph of running text is
    /// a phrase of that text ("our research newsletter", "a lively
    /// conversation"), never a block to hide on its own.
    fn is_inline_in_text(&self, block: NodeIx) -> bool {
        let dom = self.dom;
        if !is_inline_tag(dom, block) || holds_blocks(dom, block) {
            return false;
        }
        let own = dom.node(block).text_chars;
        dom.ancestors(block)
            .find(|&a| dom.tag(a).is_some_and(crate::tags::is_block_tag))
            .is_some_and(|paragraph| flowing_chars(dom, paragraph) >= 2 * own + RUNNING_TEXT_CHARS)
    }

    /// The largest element from `seed` up to `grown` that touches nothing
    /// protected, for a block of `kind`; `None` when the seed itself does.
    pub fn shrink(&self, seed: NodeIx, grown: NodeIx, kind: ClutterKind) -> Option<NodeIx> {
        if !self.touches_as(grown, Some(kind)) {
            return Some(grown);
        }
        let mut best = None;
        let mut current = seed;
        while current != grown && self.dom.contains(grown, current) {
            if self.touches_as(current, Some(kind)) {
                break;
            }
            best = Some(current);
            match self.dom.parent(current) {
                Some(p) => current = p,
                None => break,
            }
        }
        best
    }
}

/// Characters of the text that flows in `block` itself: not the text of
/// the paragraphs, lists or sections nested in it. A link among a
/// footer's columns stands beside blocks, not in a phrase of text.
fn flowing_chars(dom: &Dom, block: NodeIx) -> u32 {
    let mut chars = 0;
    let mut i = block + 1;
    while i < dom.end(block) {
        if dom.tag(i).is_some_and(crate::tags::is_block_tag) {
            i = dom.end(i);
            continue;
        }
        let n = dom.node(i);
        if n.kind == Kind::Text && !n.invisible {
            chars += n.text_chars;
        }
        i += 1;
    }
    chars
}

/// An inline element wrapped around headings, paragraphs or lists (a
/// `<span>` holding a section) is a block in all but name: no phrase of
/// running text.
fn holds_blocks(dom: &Dom, ix: NodeIx) -> bool {
    dom.descendants(ix).any(|d| {
        dom.tag(d).is_some_and(|t| {
            crate::tags::is_block_tag(t) && !matches!(t, "img" | "picture" | "video")
        })
    })
}

/// The blocks running text is made of: paragraphs, headings, lists, quotes.
pub(super) fn is_text_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
    )
}

/// The outermost paragraph, list or quote around `ix` (itself when its
/// parent is none): a list item's text runs in its list's flow.
pub(super) fn outer_text_block(dom: &Dom, ix: NodeIx) -> NodeIx {
    let mut outer = ix;
    while let Some(p) = dom.parent(outer) {
        if !dom.tag(p).is_some_and(is_text_block) {
            break;
        }
        outer = p;
    }
    outer
}

/// Does the block hold a control that asks the reader to act: a form, a
/// field, a frame, a button with words? A heading's icon button (copy the
/// link to this section) asks nothing.
pub(super) fn invites_action(dom: &Dom, ix: NodeIx) -> bool {
    dom.descendants(ix).any(|d| match dom.tag(d) {
        Some("input" | "select" | "textarea" | "iframe" | "form") => true,
        Some("button") => dom.node(d).text_chars > 0,
        _ => false,
    })
}

fn is_inline_tag(dom: &Dom, ix: NodeIx) -> bool {
    matches!(
        dom.tag(ix),
        Some(
            "a" | "span"
                | "em"
                | "strong"
                | "b"
                | "i"
                | "u"
                | "small"
                | "time"
                | "abbr"
                | "cite"
                | "q"
                | "mark"
                | "sup"
                | "sub"
        )
    )
}

fn lower_words(s: &str) -> Vec<String> {
    crate::text::words(s).map(str::to_lowercase).collect()
}

fn is_run_of(needle: &[String], hay: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Do these words match the title's: a run of the title holding half its
/// words or more (the title carries a site name), or the title a run of
/// them with at most as many words again (a label around it)?
fn matches_title(words: &[String], title_words: &[String]) -> bool {
    if title_words.len() < 2 || words.len() < 2 {
        return false;
    }
    let text_in_title = words.len() * 2 >= title_words.len() && is_run_of(words, title_words);
    let title_in_text = words.len() <= title_words.len() * 2 && is_run_of(title_words, words);
    text_in_title || title_in_text
}

fn visible(dom: &Dom, ix: NodeIx) -> bool {
    let n = dom.node(ix);
    n.kind == Kind::Element && !n.invisible && !n.hidden && n.text_chars > 0
}

/// Visible headings whose words match the title's: the heading is a run of
/// the title (the title carries a site name) or the title a run of the
/// heading. With no title or no match, the first visible `h1`.
fn headlines(dom: &Dom, title_words: &[String]) -> Vec<NodeIx> {
    let is_heading = |ix: NodeIx| {
        matches!(dom.tag(ix), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
            || dom.attr(ix, "itemprop") == Some("headline")
    };
    let headings: Vec<NodeIx> = dom
        .elements()
        .filter(|&ix| is_heading(ix) && visible(dom, ix))
        .filter(|&ix| dom.node(ix).text_chars <= MAX_HEADLINE_CHARS)
        .collect();
    let mut matched: Vec<NodeIx> = headings
        .iter()
        .copied()
        .filter(|&ix| matches_title(&lower_words(&dom.text(ix)), title_words))
        .collect();
    if matched.is_empty() {
        matched.extend(headings.iter().copied().find(|&ix| dom.is_tag(ix, "h1")));
    }
    matched
}

/// The byline a page names as such, next to a headline: the nearest short
/// visible element within a few elements after it (else before it) whose
/// class or id has the word `byline` or `author` (or `rel`/`itemprop`
/// author). Found whatever the metadata says, since a sponsored label or a
/// comment count beside the names must not take them with it.
fn named_byline(dom: &Dom, headline: NodeIx) -> Option<NodeIx> {
    let named = |ix: NodeIx| {
        dom.attr(ix, "rel") == Some("author")
            || dom.attr(ix, "itemprop") == Some("author")
            || dom
                .class_and_id(ix)
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| matches!(w, "byline" | "author" | "authors"))
    };
    let is_byline = |ix: NodeIx| {
        dom.node(ix).kind == Kind::Element
            && named(ix)
            && visible(dom, ix)
            && !dom.is_form_part(ix)
            && !crate::byline::in_comment(dom, ix)
            && dom.node(ix).text_chars <= MAX_BYLINE_CHARS
            // A heading in a byline is a name; under a longer text it
            // titles a box ("More from the author" over story links).
            && (dom.node(ix).text_chars <= HEADED_BYLINE_CHARS
                || !dom
                    .descendants(ix)
                    .any(|d| matches!(dom.tag(d), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6"))))
    };
    let elements = |ix: &NodeIx| dom.node(*ix).kind == Kind::Element;
    let after = (dom.end(headline)..dom.len())
        .filter(elements)
        .take(BYLINE_WINDOW)
        .find(|&ix| is_byline(ix));
    // Before it: the outermost named element of the nearest ones, never
    // one that holds the headline.
    let before = || {
        (0..headline)
            .rev()
            .filter(elements)
            .take(BYLINE_WINDOW)
            .filter(|&ix| !dom.contains(ix, headline) && is_byline(ix))
            .last()
    };
    after.or_else(before)
}

/// The smallest element that holds the whole byline, found from the text
/// nodes that hold its first word.
fn byline(dom: &Dom, byline: Option<&str>) -> Option<NodeIx> {
    let names = lower_words(byline?);
    let first = names.first()?;
    for ix in 0..dom.len() {
        let n = dom.node(ix);
        // (A text of whitespace, between tags, holds no name's word.)
        if n.kind != Kind::Text || n.invisible || n.hidden || n.text_chars == 0 {
            continue;
        }
        if !dom
            .text_node(ix)
            .unwrap_or("")
            .to_lowercase()
            .contains(first.as_str())
        {
            continue;
        }
        let mut current = ix;
        for _ in 0..BYLINE_LEVELS {
            let Some(parent) = dom.parent(current) else {
                break;
            };
            current = parent;
            if dom.node(current).text_chars > MAX_BYLINE_CHARS {
                break;
            }
            if is_run_of(&names, &lower_words(&dom.text(current))) {
                return Some(current);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard_of(html: &str, title: &str, byline: Option<&str>) -> (Dom, Vec<String>) {
        let dom = Dom::parse(html);
        let metadata = Metadata {
            title: Some(title.into()),
            byline: byline.map(String::from),
            ..Metadata::default()
        };
        let tags = Guard::new(&dom, &metadata, None)
            .protected()
            .iter()
            .map(|&ix| {
                format!(
                    "{}:{}",
                    dom.tag(ix).unwrap_or(""),
                    crate::text::collapse_whitespace(&dom.text(ix))
                )
            })
            .collect();
        (dom, tags)
    }

    #[test]
    fn headline_is_the_heading_that_matches_the_title() {
        let (_, p) = guard_of(
            "<body><h2>Latest news</h2><header><h1>Council approves the budget</h1></header>\
             <h3>Council approves</h3><h3>Council approves the budget</h3></body>",
            "Council approves the budget | The Daily Example",
            None,
        );
        // A heading that is only a scrap of the title is not the headline.
        assert_eq!(
            p,
            [
                "h1:Council approves the budget",
                "h3:Council approves the budget"
            ]
        );
    }

    #[test]
    fn a_byline_named_as_such_next_to_the_headline_is_kept_without_metadata() {
        // After the headline, with a comment count beside the names.
        let (_, p) = guard_of(
            "<body><h1>Build a bench from one plank</h1><div class=project-author>By \
             <a href=/m/r>ravenwood</a> · <a href=#c>38 comments</a></div><p>Text.</p></body>",
            "Build a bench from one plank",
            None,
        );
        assert_eq!(
            p,
            [
                "h1:Build a bench from one plank",
                "div:By ravenwood · 38 comments"
            ]
        );
        // Before it, with a sponsored label; a named block far away is not it.
        let filler = "<p>x</p>".repeat(50);
        let (_, p) = guard_of(
            &format!(
                "<body><div class=author-bio>About the writer</div>{filler}\
                 <section><div class=entry-author><a href=/p>Partner Studio</a> \
                 <span>Sponsored</span></div></section><h1>Five lamps for winter</h1></body>"
            ),
            "Five lamps for winter",
            None,
        );
        assert_eq!(
            p,
            ["div:Partner Studio Sponsored", "h1:Five lamps for winter"]
        );
    }

    #[test]
    fn first_h1_when_no_heading_matches() {
        let (_, p) = guard_of(
            "<body><h2>Menu</h2><h1>A wholly different wording</h1><h1>Second</h1></body>",
            "SEO title for the story",
            None,
        );
        assert_eq!(p, ["h1:A wholly different wording"]);
    }

    #[test]
    fn byline_is_the_smallest_element_holding_the_names() {
        let (_, p) = guard_of(
            "<body><div class=meta><span class=by>By <a href=/a>Jane Doe</a> and \
             <a href=/b>Li Wei</a></span> <time>May 1</time></div><h1>Story headline here</h1></body>",
            "Story headline here",
            Some("Jane Doe and Li Wei"),
        );
        assert_eq!(p, ["span:By Jane Doe and Li Wei", "h1:Story headline here"]);
    }

    #[test]
    fn a_block_around_the_headline_shrinks_to_its_seed() {
        let html = "<body><header id=h><h1>Council approves the budget</h1>\
                    <div id=share><a href=#>Share</a><a href=#>Tweet</a></div></header></body>";
        let dom = Dom::parse(html);
        let metadata = Metadata {
            title: Some("Council approves the budget".into()),
            ..Metadata::default()
        };
        let guard = Guard::new(&dom, &metadata, None);
        let by_id = |id: &str| {
            dom.elements()
                .find(|&ix| dom.attr(ix, "id") == Some(id))
                .unwrap()
        };
        let (header, share) = (by_id("h"), by_id("share"));
        let link = share + 1;
        assert!(guard.touches(header));
        assert!(!guard.touches(share));
        assert_eq!(guard.shrink(link, header, ClutterKind::Share), Some(share));
        let h1 = guard.protected()[0];
        assert_eq!(guard.shrink(h1, header, ClutterKind::Share), None);
    }
}
