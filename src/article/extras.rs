//! What pages print inside an article that is not the article: ad labels
//! and "continues below" markers, prompts to rate or share the piece, and
//! the author's bio box. Judged by the element's own words, whatever its
//! class names, so utility-class markup is read the same as named markup.
//! A list of links to other pieces under a label saying so ("You might
//! also like:") goes with its label. A teaser line, "Related: <link to
//! another story>", goes too: a label
//! and one link, nothing else (a bare "Read more" link stays; alone it
//! cannot be told from a pointer the text makes).

use crate::dom::{Dom, Kind, NodeIx};

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

/// Where a prompt to follow or share sends the reader.
const SOCIAL: &[&str] = &[
    "social media",
    "facebook",
    "instagram",
    "twitter",
    "x",
    "youtube",
    "tiktok",
    "linkedin",
    "pinterest",
    "telegram",
    "threads",
    "bluesky",
    "mastodon",
    "whatsapp",
];

/// Whole texts of bare follow and share prompts.
const BARE_PROMPTS: &[&str] = &["share", "share it", "share this", "follow", "follow us"];

/// How a closing "if you liked it, share it" prompt begins.
const CLOSING_PROMPTS: &[&str] = &[
    "if you enjoyed",
    "if you enjoy",
    "if you liked",
    "if you like",
    "if you found this",
    "thanks for reading",
    "thank you for reading",
];

/// How an author's bio box is headed.
const BIO_HEADINGS: &[&str] = &[
    "about the author",
    "about the authors",
    "about the contributor",
    "about the contributors",
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

/// What a label over links to other pieces says (its whole text holds one).
const RELATED_LABELS: &[&str] = &[
    "related article",
    "related post",
    "related stor",
    "related read",
    "related content",
    "might also like",
    "may also like",
    "might also enjoy",
    "may also enjoy",
    "might be interested",
    "may be interested",
    "more from",
    "more on",
    "more stories",
    "more articles",
    "read more",
    "read next",
    "keep reading",
    "recommended",
    "popular posts",
    "lire aussi",
    "à lire aussi",
    "lesen sie auch",
    "mehr zum thema",
    "te puede interesar",
    "artículos relacionados",
];

/// A label is one short line; the links under it are most of their block.
const RELATED_LABEL_MAX_CHARS: usize = 80;
const LINKS_MIN_DENSITY: f64 = 0.7;

/// A newsletter pitch names the newsletter (or the inbox)…
const NEWSLETTER_NOUNS: &[&str] = &[
    "newsletter*",
    "inbox",
    "mailing list",
    "email updates",
    "e-mail updates",
    "lettre d'information",
    "boletín",
    "nieuwsbrief",
    "nyhetsbrev*",
];
/// …and asks the reader to sign up.
const SIGN_UP: &[&str] = &[
    "sign up",
    "signup",
    "subscribe",
    "join",
    "get our",
    "get the latest",
    "abonnieren",
    "anmelden",
    "abonnez-vous",
    "s'abonner",
    "inscrivez-vous",
    "suscríbete",
    "regístrate",
    "iscriviti",
    "inscreva-se",
    "aanmelden",
    "prenumerera",
];
/// A pitch is a line or two.
const PITCH_MAX_CHARS: usize = 300;
/// The longest "[SLOT_NAME]" a content system leaves unfilled.
const PLACEHOLDER_MAX_CHARS: usize = 40;
/// A shorter line needs no link or button to be a pitch.
const PITCH_BARE_MAX_CHARS: usize = 80;

/// A teaser line is short; its label stands before a colon near its start.
const TEASER_MAX_CHARS: usize = 200;
const TEASER_LABEL_MAX_CHARS: usize = 24;

/// Lower-cased words of `s`, one space apart ("Advertisement - Page
/// continues below" → "advertisement page continues below").
fn normalised(s: &str) -> String {
    let lower = s.to_lowercase();
    // One pass: words joined by one space, `’` written `'`.
    let mut out = String::with_capacity(lower.len());
    let mut gap = false;
    for c in lower.chars() {
        if is_word_char(c) {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(if c == '’' { '\'' } else { c });
        } else {
            gap = true;
        }
    }
    out
}

/// The characters `normalised` keeps (of a lower-cased text).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’'
}

/// The first character of `normalised(&dom.text(ix))`, read without
/// building the text. (Lower-cased a character at a time: `str`'s own
/// lower-casing differs only for a final `Σ`, and `σ` and `ς` are both
/// letters, so the first one kept is the same.)
fn first_word_char(dom: &Dom, ix: NodeIx) -> Option<char> {
    for i in ix..dom.end(ix) {
        let Some(text) = dom.text_node(i).filter(|_| !dom.node(i).invisible) else {
            continue;
        };
        for c in text.chars() {
            // (Whitespace, most of what comes before the first letter, is
            // its own lower case and no word's.)
            if c.is_whitespace() {
                continue;
            }
            if let Some(c) = c.to_lowercase().find(|&c| is_word_char(c)) {
                return Some(if c == '’' { '\'' } else { c });
            }
        }
    }
    None
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
        && (crate::clutter::lexicon::is_ad_label(&lead)
            || CONTINUES.contains(&lead.as_str())
            || crate::clutter::lexicon::is_contents_label(&lead))
    {
        return true;
    }
    if chars <= PROMPT_MAX_CHARS && PROMPTS.iter().any(|p| lead.starts_with(p)) {
        return true;
    }
    if is_follow_or_share_prompt(&lead, chars) {
        return true;
    }
    // A text no longer than its start is all there: `lead` is its
    // normalised whole, not to be built again.
    let words = Words {
        dom,
        ix,
        whole: (chars <= PROMPT_MAX_CHARS).then_some(lead.as_str()),
    };
    is_teaser_line(dom, ix, &start, chars)
        || is_bio_box(dom, ix, &lead, chars)
        || is_bio_tail(dom, ix)
        || is_newsletter_pitch(dom, ix, chars, &words)
        || is_template_placeholder(&start)
        || is_related_links(dom, ix, chars, &words)
}

/// The normalised text of an element: from `whole` when it is `ix`'s and
/// known, else built.
struct Words<'a> {
    dom: &'a Dom,
    ix: NodeIx,
    whole: Option<&'a str>,
}

impl Words<'_> {
    fn of(&self, node: NodeIx) -> std::borrow::Cow<'_, str> {
        match self.whole.filter(|_| node == self.ix) {
            Some(whole) => std::borrow::Cow::Borrowed(whole),
            None => std::borrow::Cow::Owned(normalised(&self.dom.text(node))),
        }
    }
}

/// A label over links to other pieces ("You might also like:"), or the
/// block of links under one: each is judged with the other.
fn is_related_links(dom: &Dom, ix: NodeIx, chars: usize, words: &Words<'_>) -> bool {
    let Some(parent) = dom.parent(ix) else {
        return false;
    };
    let is_label = |l: NodeIx| {
        let n = dom.text_chars(l);
        n > 0 && n <= RELATED_LABEL_MAX_CHARS && {
            crate::text::contains_any(&words.of(l), RELATED_LABELS)
        }
    };
    let is_links = |b: NodeIx| {
        dom.link_density(b) >= LINKS_MIN_DENSITY
            && dom
                .descendants(b)
                .filter(|&d| dom.is_tag(d, "a"))
                .take(2)
                .count()
                == 2
    };
    // Cheap tests first: most elements are neither.
    let (label, links) = if chars <= RELATED_LABEL_MAX_CHARS && is_label(ix) {
        let next = dom.element_children(parent).skip_while(|&c| c != ix).nth(1);
        (ix, next)
    } else if dom.link_density(ix) >= LINKS_MIN_DENSITY {
        let before = dom.element_children(parent).take_while(|&c| c != ix).last();
        match before {
            Some(b) if is_label(b) => (b, Some(ix)),
            _ => return false,
        }
    } else {
        return false;
    };
    links.is_some_and(|l| l != label && dom.text_chars(l) > 0 && is_links(l))
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

/// "Love recipes? Get our weekly newsletter. <a>Sign up</a>": a line or
/// two naming a newsletter and asking to sign up, with a link or button to
/// do it (or short enough to be a label). Prose about a newsletter is
/// longer or asks nothing.
fn is_newsletter_pitch(dom: &Dom, ix: NodeIx, chars: usize, words: &Words<'_>) -> bool {
    use crate::clutter::lexicon::any_phrase;
    if chars > PITCH_MAX_CHARS {
        return false;
    }
    // A link or button, or the script or frame a form service fills in
    // with its sign-up form.
    let asks = |d: NodeIx| {
        matches!(
            dom.tag(d),
            Some("a" | "button" | "input" | "form" | "iframe" | "script")
        )
    };
    // (The markup first: cheaper to read than the words.)
    let may_ask = chars <= PITCH_BARE_MAX_CHARS
        || dom.tag(ix).is_some_and(crate::tags::is_heading)
        || dom.descendants(ix).any(asks);
    if !may_ask {
        return false;
    }
    let text = words.of(ix);
    any_phrase(&text, NEWSLETTER_NOUNS) && any_phrase(&text, SIGN_UP)
}

/// A content system's slot left unfilled, printed as its name in
/// brackets: "[CTA_MODULE]", "[AD-SLOT]" (not a wiki's "[edit]", a
/// citation's "[Hol14]" or a footnote's "[1]").
fn is_template_placeholder(text: &str) -> bool {
    let text = text.trim();
    let Some(name) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) else {
        return false;
    };
    text.len() <= PLACEHOLDER_MAX_CHARS
        && name.contains(['_', '-'])
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '-')
        && name.chars().any(|c| c.is_ascii_uppercase())
}

/// "Follow us on Instagram", "Share on Pinterest", a bare "Share", or a
/// closing "If you enjoyed this, share it with a friend".
fn is_follow_or_share_prompt(lead: &str, chars: usize) -> bool {
    use crate::clutter::lexicon::any_phrase;
    if chars > PROMPT_MAX_CHARS {
        return false;
    }
    if BARE_PROMPTS.contains(&lead) {
        return true;
    }
    let sends =
        (lead.starts_with("follow ") || lead.starts_with("share ")) && any_phrase(lead, SOCIAL);
    let closing = CLOSING_PROMPTS.iter().any(|p| lead.starts_with(p))
        && any_phrase(lead, &["share", "share it"]);
    sends || closing
}

/// A bio printed loose at the end of the body: a line that is only a bio
/// heading, and the few blocks after it, when together they are a bio's
/// length (an "About the author" page goes on far longer). `ix` is the
/// heading or one of those blocks.
fn is_bio_tail(dom: &Dom, ix: NodeIx) -> bool {
    const LOOK_BACK: usize = 4;
    let Some(parent) = dom.parent(ix) else {
        return false;
    };
    // Its first letter first: most short blocks start with no heading's,
    // and then their text is not built.
    let is_heading = |h: NodeIx| {
        dom.text_chars(h) <= 32
            && first_word_char(dom, h)
                .is_some_and(|c| BIO_HEADINGS.iter().any(|b| b.starts_with(c)))
            && BIO_HEADINGS.contains(&normalised(&dom.text(h)).as_str())
    };
    // `ix` and the few siblings before it, nearest first; walked, not
    // collected, so a body of thousands of paragraphs stays linear.
    let back = std::iter::successors(Some(ix), |&s| dom.previous_element_sibling(s));
    let Some(heading) = back.take(LOOK_BACK + 1).find(|&h| is_heading(h)) else {
        return false;
    };
    // The text after the heading, counted no further than a bio's length.
    let mut after = 0;
    let mut at = dom.end(heading);
    while at < dom.end(parent) && after <= BIO_MAX_CHARS {
        if dom.node(at).kind == Kind::Element {
            after += dom.text_chars(at);
        }
        at = dom.end(at);
    }
    after > 0 && after <= BIO_MAX_CHARS
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
    fn first_word_char_is_that_of_the_normalised_text() {
        let dom = Dom::parse(
            "<div><p> — <b>’Über</b> den</p><p>İx</p><p>ΑΣ</p><p>..</p><p><script>x</script>Ab</p></div>",
        );
        for ix in 0..dom.len() {
            let whole = normalised(&dom.text(ix));
            assert_eq!(first_word_char(&dom, ix), whole.chars().next(), "{whole:?}");
        }
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
