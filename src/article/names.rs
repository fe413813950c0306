//! What class and id names say about an element, as Readability.js reads
//! them: generic words of page furniture, never one site's names.

/// Names of blocks that are rarely the article (sidebars, comments, ...).
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumbs",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "modal",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
];

/// Names that rescue an unlikely-looking block: it may be the content.
const MAYBE_CANDIDATE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
];

const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];

const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
];

/// Words that mark a byline or dateline element.
pub const BYLINE: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

fn any_in(names: &str, words: &[&str]) -> bool {
    // (No name at all, most elements: nothing to search.)
    !names.is_empty() && crate::text::contains_any(names, words)
}

pub fn is_unlikely(names: &str) -> bool {
    let unlikely = |names: &str| any_in(names, UNLIKELY) && !any_in(names, MAYBE_CANDIDATE);
    unlikely(names) && unlikely(&without_style_utilities(names))
}

/// The same for a heading element, whose names may say "header" of itself
/// (`section-header`, a heading with a self-link anchor): only the other
/// words count.
pub fn is_unlikely_heading(names: &str) -> bool {
    let others = names.replace("header", " ");
    is_unlikely(&others)
}

/// +25 for a positive class, -25 for a negative one; the same again for id.
/// `class` and `id` are read separately, as Readability.js does.
pub fn weight(class: &str, id: &str) -> i32 {
    let mut weight = 0;
    for names in [class, id] {
        if names.is_empty() {
            continue;
        }
        let names = without_state_words(&names.to_ascii_lowercase());
        if any_in(&names, NEGATIVE) || names.split_whitespace().any(|w| w == "hid") {
            weight -= 25;
        }
        if any_in(&names, POSITIVE) {
            weight += 25;
        }
    }
    weight
}

/// Negative words that say how a box is built or shown (a CMS widget, a
/// scroll box), not that it holds furniture.
const CONSTRUCTION: &[&str] = &["widget", "scroll"];

/// Do `class` and `id` weigh negative only through words of construction
/// ("so-panel widget", "scrollable-table"), none naming comments, related
/// stories, sidebars or the like?
pub fn negative_only_for_construction(class: &str, id: &str) -> bool {
    negative_only_for(class, id, &[])
}

/// The same, with "media" as such a word too (`media-container`,
/// `media-caption`): a box named for the picture or video it holds. The
/// caller asks whether there is a picture.
pub fn negative_only_for_media(class: &str, id: &str) -> bool {
    negative_only_for(class, id, &["media"])
}

/// Negative only through words of construction, or `also`?
fn negative_only_for(class: &str, id: &str, also: &[&str]) -> bool {
    [class, id].iter().all(|names| {
        let mut names = without_state_words(&names.to_ascii_lowercase());
        for w in CONSTRUCTION.iter().chain(also) {
            names = names.replace(w, " ");
        }
        !any_in(&names, NEGATIVE) && !names.split_whitespace().any(|w| w == "hid")
    })
}

/// The names without words that say how a box is shown rather than what
/// it holds: style utilities (below), and "hidden" on a folded section's
/// panel (`accordion-panel-hidden`), which a click opens.
fn without_state_words(names: &str) -> String {
    let names = without_style_utilities(names);
    if is_accordion(&names) {
        names.replace("hidden", " ")
    } else {
        names
    }
}

/// CSS utility classes (Tailwind's, Bootstrap's) that say how a box clips
/// its content or how its text is set, never what it holds.
const STYLE_UTILITIES: &[&str] = &["overflow-", "leading-", "tracking-"];

/// The names without style utilities (`overflow-hidden`,
/// `md:overflow-x-scroll`, `leading-extra-tight`): they would otherwise
/// match "hidden", "scroll" or "extra".
fn without_style_utilities(names: &str) -> String {
    names
        .split_whitespace()
        .filter(|w| {
            let utility = w.rsplit(':').next().unwrap_or(w);
            !STYLE_UTILITIES.iter().any(|u| utility.starts_with(u))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Names of a folded section's panel: an accordion's or a collapsible's.
const ACCORDION: &[&str] = &["accordion", "collapsible"];

/// Whether lower-cased class and id names call a block a folded section.
pub fn is_accordion(names: &str) -> bool {
    any_in(names, ACCORDION)
}

/// Whether lower-cased class and id names call an element an FAQ's
/// question or an accordion item's header or title.
pub fn is_question(names: &str) -> bool {
    names.contains("question")
        || is_accordion(names) && (names.contains("header") || names.contains("title"))
}

/// Whether lower-cased class and id names call a block an FAQ.
pub fn is_faq(names: &str) -> bool {
    names.contains("faq")
}

/// Class or id words of buttons and calls to action.
const BUTTON: &[&str] = &["btn", "button", "buttons", "cta"];

/// Does a word of `names` (split at anything but letters and digits) name a
/// button? Whole words only: "buttonless" or "ctaylor" do not.
pub fn is_button(names: &str) -> bool {
    names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| BUTTON.contains(&w))
}

/// Does a word of `names` name share tools? Whole words, as Readability.js
/// reads them (`share-tools`, `post_share`), not a word that only starts
/// with it (`sharePic`, a picture to share) or has it inside.
pub fn is_share(names: &str) -> bool {
    names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| w.eq_ignore_ascii_case("share") || w.eq_ignore_ascii_case("sharedaddy"))
}

pub fn is_byline(names: &str) -> bool {
    any_in(names, BYLINE)
}

/// Words of a reader's comment or reply, or a forum's post.
const REPLY: &[&str] = &["comment", "reply", "replies"];

/// Whether lower-cased class and id names call a block a comment or reply.
pub fn is_reply(names: &str) -> bool {
    any_in(names, REPLY)
}

#[cfg(test)]
mod tests {

    #[test]
    fn construction_words_alone_are_no_furniture() {
        assert!(negative_only_for_construction(
            "pb-widget pb-widget--prose",
            ""
        ));
        assert!(negative_only_for_construction("", "fees-scroll-wrap"));
        assert!(!negative_only_for_construction("widget related-posts", ""));
        assert!(!negative_only_for_construction("widget", "sidebar"));
        assert!(negative_only_for_media("media-caption", ""));
        assert!(!negative_only_for_construction("media-caption", ""));
        assert!(!negative_only_for_media("social-media share", ""));
    }

    use super::*;

    #[test]
    fn reads_names() {
        assert!(is_unlikely("site-sidebar"));
        assert!(!is_unlikely("sidebar main-column"));
        assert_eq!(weight("post-body", ""), 25);
        assert_eq!(weight("share-tools", "comments"), -50);
        assert_eq!(weight("", ""), 0);
        assert!(is_unlikely("signup-modal"));
    }

    #[test]
    fn style_utilities_are_no_furniture() {
        assert_eq!(weight("grid overflow-hidden transition-all", ""), 0);
        assert!(!is_unlikely("font-bold leading-extra-tight mb-2"));
        assert!(!is_unlikely("md:tracking-extra-wide"));
        assert!(is_unlikely("leading-tight extra-links"));
        assert_eq!(weight("md:overflow-x-scroll post-body", ""), 25);
        assert_eq!(weight("hidden", ""), -25);
        assert_eq!(weight("overflow-hidden promo", ""), -25);
    }

    #[test]
    fn reads_share_words_whole() {
        assert!(is_share("share-tools"));
        assert!(is_share("post_share Share"));
        assert!(!is_share("storySharePhoto"));
        assert!(!is_share("shared-content"));
    }

    #[test]
    fn reads_button_words_whole() {
        assert!(is_button("btn btn-primary"));
        assert!(is_button("wp-block-button__link"));
        assert!(is_button("hero-cta"));
        assert!(!is_button("buttonless ctaylor"));
        assert!(!is_button("article-body"));
    }
}
