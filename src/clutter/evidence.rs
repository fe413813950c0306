//! Evidence per element, gathered bottom-up in one pass: which kinds' wording
//! its text holds (and whether in a heading, link or button), and counts of
//! links, share links, inputs, buttons and prose paragraphs.

use super::kinds::bit;
use super::lexicon;
use crate::dom::{Dom, Kind, NodeIx};
use crate::model::ClutterKind;

/// Texts longer than this are not read for wording (see `detect`'s caps).
const MAX_WORDED_CHARS: u32 = 1500;

/// A paragraph with at least this many characters and less than half of
/// them in links is prose (an intro that cites three stories by name is
/// still the article's).
pub const PROSE_CHARS: u32 = 150;

#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence {
    /// Kinds whose wording appears anywhere in the subtree.
    pub wording: u16,
    /// Kinds whose wording appears in a heading, link, button or label.
    pub wording_in_control: u16,
    /// Strong newsletter or cookie wording (either names the block alone).
    pub strong: u16,
    /// Strong wording in a heading, link or button.
    pub strong_in_control: u16,
    pub passwords: u32,
    pub iframes: u32,
    pub links: u32,
    /// Links to a place in the same page (`#section`): a table of contents.
    pub anchor_links: u32,
    pub share_links: u32,
    /// Links to an app's page in an app store.
    pub store_links: u32,
    /// Links to a newsletter's or mailing list's sign-up page.
    pub signup_links: u32,
    pub email_inputs: u32,
    pub inputs: u32,
    pub buttons: u32,
    pub textareas: u32,
    pub forms: u32,
    /// Empty elements named for a form: a sign-up form a script fills in.
    pub form_slots: u32,
    pub headings: u32,
    /// Of the headings, those that hold a link or lie in one: story cards'
    /// titles rather than the page's sections.
    pub linked_headings: u32,
    pub paragraphs: u32,
    pub images: u32,
    /// Of the images, those outside links and buttons: pictures rather
    /// than the icons of controls.
    pub pictures: u32,
    pub prose: u32,
    /// Of the prose paragraphs, those worded as a box's pitch (sign-up,
    /// comments, consent, app): part of such a box, not article prose.
    pub pitch_prose: u32,
    /// Block elements in the subtree, itself included.
    pub blocks: u32,
    /// Headings of a table of contents ("Contents", "On this page") in the
    /// subtree, itself included, hidden or not.
    pub contents_headings: u32,
    /// Is the element itself such a heading?
    pub is_contents_heading: bool,
}

pub struct EvidenceMap {
    pub nodes: Vec<Evidence>,
}

impl EvidenceMap {
    pub fn gather(dom: &Dom) -> EvidenceMap {
        let n = dom.len();
        let mut in_control = vec![false; n];
        let mut in_link = vec![false; n];
        for ix in 0..n {
            in_link[ix] = dom.is_tag(ix, "a") || dom.parent(ix).is_some_and(|p| in_link[p]);
            let parent = dom.parent(ix).is_some_and(|p| in_control[p]);
            in_control[ix] = parent
                || dom.attr(ix, "role") == Some("button")
                || matches!(
                    dom.tag(ix),
                    Some(
                        "h1" | "h2"
                            | "h3"
                            | "h4"
                            | "h5"
                            | "h6"
                            | "a"
                            | "button"
                            | "label"
                            | "summary"
                            | "legend"
                    )
                );
        }
        let mut nodes = vec![Evidence::default(); n];
        for ix in (0..n).rev() {
            let data = dom.node(ix);
            if is_contents_heading(dom, ix) {
                nodes[ix].is_contents_heading = true;
                nodes[ix].contents_headings += 1;
            }
            if data.invisible
                && !matches!(
                    dom.tag(ix),
                    Some("input" | "iframe" | "textarea" | "select")
                )
            {
                if let Some(p) = data.parent {
                    merge(&mut nodes, p, ix);
                }
                continue;
            }
            match data.kind {
                // Whitespace between tags says nothing (a lone "©" does),
                // and no block that wording names holds a text longer than
                // the largest cap.
                Kind::Text if data.text_chars > 0 && data.text_chars <= MAX_WORDED_CHARS => {
                    let text = dom.text_node(ix).unwrap_or("");
                    add_wording(&mut nodes[ix], text, in_control[ix]);
                }
                Kind::Element => {
                    element_evidence(dom, ix, &mut nodes[ix]);
                    // A phrase a link cuts into text nodes ("We <a>may earn
                    // money</a> when you click") is read whole in the
                    // smallest block that holds it: a block with no block
                    // inside, read once.
                    let leaf_block = nodes[ix].blocks == 1
                        && crate::tags::is_block_tag(dom.tag(ix).unwrap_or(""));
                    if leaf_block
                        && (1..=MAX_WORDED_CHARS).contains(&data.text_chars)
                        && !one_text_node(dom, ix)
                    {
                        add_wording(&mut nodes[ix], &dom.text(ix), in_control[ix]);
                    }
                    let picture = matches!(dom.tag(ix), Some("img" | "picture" | "figure"));
                    if picture && !in_control[ix] {
                        nodes[ix].pictures += 1;
                    }
                    let heading =
                        matches!(dom.tag(ix), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
                    if heading && (in_link[ix] || nodes[ix].links > 0) {
                        nodes[ix].linked_headings += 1;
                    }
                }
                Kind::Text | Kind::Other => {}
            }
            if let Some(p) = data.parent {
                merge(&mut nodes, p, ix);
            }
        }
        EvidenceMap { nodes }
    }

    pub fn get(&self, ix: NodeIx) -> &Evidence {
        &self.nodes[ix]
    }
}

/// Does `ix` hold a single visible text node with text? Its whole text is
/// that node's, read already (a control around the block is around the
/// node too), so reading it again adds nothing.
fn one_text_node(dom: &Dom, ix: NodeIx) -> bool {
    let texts = (ix..dom.end(ix)).filter(|&i| {
        let d = dom.node(i);
        d.kind == Kind::Text && !d.invisible && d.text_chars > 0
    });
    texts.take(2).count() == 1
}

/// The kinds a text's wording names, and in a control too when it is in one.
fn add_wording(e: &mut Evidence, text: &str, in_control: bool) {
    let (wording, strong) = lexicon::wording_in(&text.to_lowercase());
    e.wording |= wording;
    e.strong |= strong;
    if in_control {
        e.wording_in_control |= wording;
        e.strong_in_control |= strong;
    }
}

fn merge(nodes: &mut [Evidence], parent: NodeIx, child: NodeIx) {
    let c = nodes[child];
    let p = &mut nodes[parent];
    p.wording |= c.wording;
    p.wording_in_control |= c.wording_in_control;
    p.strong |= c.strong;
    p.strong_in_control |= c.strong_in_control;
    p.passwords += c.passwords;
    p.iframes += c.iframes;
    p.links += c.links;
    p.anchor_links += c.anchor_links;
    p.share_links += c.share_links;
    p.store_links += c.store_links;
    p.signup_links += c.signup_links;
    p.email_inputs += c.email_inputs;
    p.inputs += c.inputs;
    p.buttons += c.buttons;
    p.textareas += c.textareas;
    p.forms += c.forms;
    p.form_slots += c.form_slots;
    p.headings += c.headings;
    p.linked_headings += c.linked_headings;
    p.paragraphs += c.paragraphs;
    p.images += c.images;
    p.pictures += c.pictures;
    p.prose += c.prose;
    p.pitch_prose += c.pitch_prose;
    p.blocks += c.blocks;
    p.contents_headings += c.contents_headings;
}

/// Longer than the longest heading a table of contents has.
const CONTENTS_LABEL_MAX_CHARS: u32 = 40;

/// A heading whose whole text names a table of contents.
fn is_contents_heading(dom: &Dom, ix: NodeIx) -> bool {
    dom.tag(ix).is_some_and(crate::tags::is_heading)
        && dom.node(ix).text_chars <= CONTENTS_LABEL_MAX_CHARS
        && lexicon::is_contents_label(&dom.text(ix))
}

fn element_evidence(dom: &Dom, ix: NodeIx, e: &mut Evidence) {
    let tag = dom.tag(ix).unwrap_or("");
    element_counts(dom, ix, tag, e);
    if is_form_slot(dom, ix) {
        e.form_slots += 1;
    }
    if crate::tags::is_block_tag(tag) {
        e.blocks += 1;
    }
}

/// An empty element whose class or id has the word `form` ("embed-form",
/// "form-slot"): the place a form service's script puts its form.
fn is_form_slot(dom: &Dom, ix: NodeIx) -> bool {
    dom.node(ix).text_chars == 0
        && !dom.is_tag(ix, "form")
        && dom
            .class_and_id(ix)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case("form"))
}

fn element_counts(dom: &Dom, ix: NodeIx, tag: &str, e: &mut Evidence) {
    match tag {
        "a" => {
            e.links += 1;
            if dom.links_into_page(ix) {
                e.anchor_links += 1;
            }
            if is_share_link(dom, ix) {
                e.share_links += 1;
            }
            if is_store_link(dom, ix) {
                e.store_links += 1;
            }
            if is_signup_link(dom, ix) {
                e.signup_links += 1;
            }
        }
        "button" => {
            e.buttons += 1;
            if is_share_link(dom, ix) {
                e.share_links += 1;
            }
        }
        "input" => {
            let kind = dom.attr(ix, "type").unwrap_or("text").to_ascii_lowercase();
            if matches!(kind.as_str(), "submit" | "button" | "image") {
                e.buttons += 1;
            } else if kind == "password" {
                e.passwords += 1;
            } else if !matches!(kind.as_str(), "hidden" | "checkbox" | "radio") {
                e.inputs += 1;
                if kind == "email" || mentions_email(dom, ix) {
                    e.email_inputs += 1;
                }
            }
        }
        "textarea" => e.textareas += 1,
        "iframe" => e.iframes += 1,
        "img" | "picture" | "video" | "figure" => e.images += 1,
        "form" => e.forms += 1,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => e.headings += 1,
        "p" | "div" | "li" | "blockquote" | "td" => {
            let data = dom.node(ix);
            if dom.is_tag(ix, "p") && data.text_chars >= 40 {
                e.paragraphs += 1;
            }
            // (The children are merged already: `blocks` counts the
            // blocks anywhere below, through inline wrappers too.)
            if data.text_chars >= PROSE_CHARS && dom.link_density(ix) < 0.5 && e.blocks == 0 {
                e.prose += 1;
                // Kinds whose boxes carry a pitch paragraph, and the legal
                // fine print under a sign-up form ("see our privacy policy").
                let pitch = bit(ClutterKind::Newsletter)
                    | bit(ClutterKind::Comments)
                    | bit(ClutterKind::CookieConsent)
                    | bit(ClutterKind::AppPromo)
                    | bit(ClutterKind::RepeatedBoilerplate);
                if e.wording & pitch != 0 {
                    e.pitch_prose += 1;
                }
            }
        }
        _ => {}
    }
    // A `div` or `span` made a button (`role=button`) is one, whatever
    // else its tag counts for.
    if !matches!(tag, "a" | "button" | "input") && dom.attr(ix, "role") == Some("button") {
        e.buttons += 1;
        if is_share_link(dom, ix) {
            e.share_links += 1;
        }
    }
}

/// Does one of `attrs` of `ix`, lower-cased, say what `says` looks for?
fn any_attr(dom: &Dom, ix: NodeIx, attrs: &[&str], says: impl Fn(&str) -> bool) -> bool {
    attrs
        .iter()
        .any(|a| dom.attr(ix, a).is_some_and(|v| says(&v.to_lowercase())))
}

fn mentions_email(dom: &Dom, ix: NodeIx) -> bool {
    any_attr(
        dom,
        ix,
        &["name", "id", "placeholder", "aria-label", "autocomplete"],
        |v| {
            v.contains("email")
                || v.contains("e-mail")
                || v.contains("courriel")
                || v.contains("correo")
        },
    )
}

/// A link to an app in Apple's or Google's store: the badges of an app promo.
fn is_store_link(dom: &Dom, ix: NodeIx) -> bool {
    let href = dom.attr(ix, "href").unwrap_or("").to_ascii_lowercase();
    let host = href
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .unwrap_or("");
    matches!(
        host,
        "apps.apple.com" | "itunes.apple.com" | "play.google.com" | "appgallery.huawei.com"
    )
}

/// A link to a newsletter's or mailing list's sign-up page: its path
/// says so ("/newsletter", "/join-our-mailing-list/").
fn is_signup_link(dom: &Dom, ix: NodeIx) -> bool {
    let href = dom.attr(ix, "href").unwrap_or("").to_ascii_lowercase();
    let path = href.split(['?', '#']).next().unwrap_or("");
    ["newsletter", "mailing-list", "mailinglist", "mailing_list"]
        .iter()
        .any(|w| path.contains(w))
}

/// A link or button that shares the page: a known share endpoint shape, or
/// a label that says share.
fn is_share_link(dom: &Dom, ix: NodeIx) -> bool {
    let href = dom.attr(ix, "href").unwrap_or("").to_ascii_lowercase();
    // (Half the shapes say "share": tried only in a link that does.)
    let shares = href.contains("share")
        && [
            "sharer",
            "/share",
            "share?",
            "sharearticle",
            "shareurl",
            "share_url",
        ]
        .iter()
        .any(|p| href.contains(p));
    let endpoint = shares
        || [
            "intent/tweet",
            "intent/post",
            "mailto:?",
            "whatsapp://send",
            "/pin/create",
            "javascript:window.print",
        ]
        .iter()
        .any(|p| href.contains(p));
    // (The plain substrings first: they are cheaper than the phrases.)
    let label = || {
        any_attr(
            dom,
            ix,
            &["title", "aria-label", "data-action", "class"],
            |v| {
                v.contains("share")
                    || v.contains("print")
                    || lexicon::any_phrase(v, lexicon::phrases(ClutterKind::Share))
            },
        )
    };
    endpoint || label()
}
