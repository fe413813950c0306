//! What pages print inside an article that is not the article: ad labels
//! and "continues below" markers, prompts to rate or share the piece, and
//! the author's bio box. Judged by the element's own words, whatever its
//! class names, so utility-class markup is read the same as named markup.
//! A teaser line, "Related: <link to another story>", goes too: a label
//! and one link, nothing else (a bare "Read more" link stays; alone it
//! cannot be told from a pointer the text makes).

use crate::dom::{Dom, NodeIx};

/// A label or a prompt is one short line.
const LABEL_MAX_CHARS: usize = 60;
const PROMPT_MAX_CHARS: usize = 120;
/// A bio box holds a few sentences; a longer block headed "About the
/// author" is a page of its own (a profile page's body), left alone.
const BIO_MAX_CHARS: usize = 1500;

/// Whole texts of "the article goes on" markers, with or without an ad
/// label before them (the labels alone are the clutter lexicon's).
const CONTINUES: &[&str] = &[
    "advertisement page continues below",
    "advertisement continue reading below",
    "advertisement scroll to continue",
    "advertisement story continues below",
    "continue reading below",
    "story continues below",
    "article continues below",
    "content continues below",
    "scroll to continue with content",
];

/// How prompts to rate, like or share the piece begin.
const PROMPTS: &[&str] = &[
    "did you enjoy this",
    "did you like this",
    "did you find this",
    "was this article",
    "was this page",
    "was this post",
    "was this helpful",
    "how helpful was this",
    "rate this article",
    "rate this post",
    "like this story",
    "like this article",
    "enjoyed this article",
    "liked this article",
    "share this article",
    "share this story",
    "share this post",
];

/// How an author's bio box is headed.
const BIO_HEADINGS: &[&str] = &[
    "about the author",
    "about the authors",
    "about the writer",
    "about the reviewer",
    "about the expert",
    "meet the author",
    "author bio",
    "über den autor",
    "über die autorin",
    "à propos de l'auteur",
    "sobre el autor",
    "sobre o autor",
    "over de auteur",
];

/// Labels that put a link to another piece inside the text, before a colon.
const TEASER_LABELS: &[&str] = &[
    "related",
    "related article",
    "related articles",
    "related post",
    "related story",
    "related reading",
    "read more",
    "read also",
    "also read",
    "read next",
    "see also",
    "more",
    "recommended",
    "recommended reading",
    "don't miss",
    "must read",
    "lire aussi",
    "à lire aussi",
    "lesen sie auch",
    "mehr zum thema",
    "lee también",
    "leia também",
];

/// A teaser line is short; its label stands before a colon near its start.
const TEASER_MAX_CHARS: usize = 200;
const TEASER_LABEL_MAX_CHARS: usize = 24;

/// Lower-cased words of `s`, one space apart ("Advertisement - Page
/// continues below" → "advertisement page continues below").
fn normalised(s: &str) -> String {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ").replace('’', "'")
}

/// Is `ix` (holding `chars` characters of text) something printed inside
/// the article that is not the article?
pub fn is_extra(dom: &Dom, ix: NodeIx, chars: usize) -> bool {
    if chars == 0 || chars > BIO_MAX_CHARS {
        return false;
    }
    let start = dom.text_start(ix, PROMPT_MAX_CHARS);
    let lead = normalised(&start);
    if chars <= LABEL_MAX_CHARS
        && (crate::clutter::lexicon::is_ad_label(&lead) || CONTINUES.contains(&lead.as_str()))
    {
        return true;
    }
    if chars <= PROMPT_MAX_CHARS && PROMPTS.iter().any(|p| lead.starts_with(p)) {
        return true;
    }
    is_teaser_line(dom, ix, &start, chars) || is_bio_box(dom, ix, &lead, chars)
}

/// "Related: <a>Another story</a>": a teaser label, a colon, and a link
/// that is all the rest of the line.
fn is_teaser_line(dom: &Dom, ix: NodeIx, start: &str, chars: usize) -> bool {
    if chars > TEASER_MAX_CHARS {
        return false;
    }
    let Some((label, rest)) = start.split_once(':') else {
        return false;
    };
    if label.chars().count() > TEASER_LABEL_MAX_CHARS
        || !TEASER_LABELS.contains(&normalised(label).as_str())
    {
        return false;
    }
    // The link may hold the label too; either way it is all the rest (but
    // for the spaces around it).
    let rest_chars = chars.saturating_sub(label.chars().count() + 1);
    !rest.trim().is_empty() && dom.node(ix).link_chars as usize + 3 >= rest_chars
}

/// A block headed "About the author": it opens with an element whose
/// whole text is that heading (so a paragraph opening "About the author of
/// this law, ..." is prose), and more text follows it.
fn is_bio_box(dom: &Dom, ix: NodeIx, lead: &str, chars: usize) -> bool {
    let Some(heading) = BIO_HEADINGS.iter().find(|h| lead.starts_with(*h)) else {
        return false;
    };
    dom.descendants(ix).any(|d| {
        dom.node(d).kind == crate::dom::Kind::Element
            && dom.text_chars(d) <= heading.len() + 2
            && dom.text_chars(d) < chars
            && normalised(&dom.text(d)) == *heading
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extra(html: &str) -> bool {
        let dom = Dom::parse(html);
        let ix = dom.first_by_tag("section").expect("a section");
        is_extra(&dom, ix, dom.text_chars(ix))
    }

    #[test]
    fn labels_prompts_and_bios() {
        assert!(extra("<section><span>ADVERTISEMENT</span></section>"));
        assert!(extra(
            "<section>Advertisement - Page continues below</section>"
        ));
        assert!(extra("<section><h4>Did you enjoy this article?</h4><button>Yes</button><button>No</button></section>"));
        assert!(extra(
            "<section><h3>About the Author</h3><p>Sam writes about rivers.</p></section>"
        ));
        assert!(!extra("<section><p>Advertisement spending rose by a third last year, the report says.</p></section>"));
        assert!(!extra(
            "<section><p>About the author of this law, little is known.</p></section>"
        ));
        assert!(!extra("<section><h3>About the Author</h3></section>"));
    }
}
