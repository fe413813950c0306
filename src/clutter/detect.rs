//! Detection: seed elements whose evidence names a kind, each grown to the
//! whole block around it (its heading, its privacy note) while the growth
//! adds only a little text and no prose.

use super::evidence::EvidenceMap;
use super::kinds::bit;
use super::lexicon;
use super::{guard, Signal};
use crate::dom::{Dom, Kind, NodeIx};
use crate::model::ClutterKind;

/// Names that say a block may be the content itself, so a "comments" word
/// in them proves nothing ("story-with-comments").
const CONTENT_NAMES: &[&str] = &[
    "article", "content", "main", "body", "post", "story", "entry", "text",
];

/// Rounds of regrowth once every seed has grown (a thread's comments, then
/// the thread with its heading and form).
const SECTION_ROUNDS: usize = 3;

pub fn signals(dom: &Dom, evidence: &EvidenceMap) -> Vec<Signal> {
    let seeds = seeds(dom, evidence);
    // Seeds in document order; growth stops before taking in another kind's.
    let positions: Vec<NodeIx> = seeds.iter().map(|s| s.0).collect();
    let seed_nodes: Vec<NodeIx> = positions.clone();
    let mut grown = grow_all(dom, evidence, &seeds, &positions, &seed_nodes);
    // A seed grows alone at first, and the blocks of its kind beside it are
    // only their seeds; grown again beside the grown blocks, a section whose
    // items each grew (comments, story cards) joins into one block with
    // what little its wrapper adds.
    for _ in 0..SECTION_ROUNDS {
        let regrown = grow_all(dom, evidence, &seeds, &positions, &grown);
        if regrown == grown {
            break;
        }
        grown = regrown;
    }
    let mut signals: Vec<Signal> = seeds
        .iter()
        .zip(grown)
        .map(|(&(seed, kind, reason, exclude), node)| {
            // A comment block that grew around prose (a forum's posts) is
            // only certain once the article is known.
            let grew_around_prose = kind == ClutterKind::Comments && evidence.get(node).prose > 0;
            // A paragraph, heading or list among prose paragraphs that asks
            // nothing of its own ("51% of readers unsubscribe from
            // newsletters") is the text's, for the article to judge.
            let in_prose = in_prose_flow(dom, evidence, node);
            Signal {
                node,
                seed,
                repeated: false,
                kind,
                reason: reason.to_string(),
                exclude_from_article: exclude && !grew_around_prose && !in_prose,
                label_of: None,
            }
        })
        .collect();
    // A list whose label stands before it and did not grow around it: the
    // label goes too, or an empty "Related posts" heading (or a "Share
    // this on:" line) stays behind.
    let labels: Vec<Signal> = signals
        .iter()
        .filter(|s| s.reason == RELATED_UNDER_HEADING || s.kind == ClutterKind::Share)
        .filter_map(|s| {
            let label = heading_before(dom, s.seed, s.kind)?;
            (!dom.contains(s.node, label)).then(|| Signal {
                node: label,
                seed: label,
                label_of: Some(s.node),
                ..s.clone()
            })
        })
        .collect();
    signals.extend(labels);
    signals
}

type Seed = (NodeIx, ClutterKind, &'static str, bool);

/// The reason of a story list whose label is the element before it.
const RELATED_UNDER_HEADING: &str =
    "list of links to other stories under a 'related' or 'more' heading";

/// Prose paragraphs beside a paragraph, heading or list that make it part
/// of running text.
const PROSE_NEIGHBOURS: u32 = 2;

/// Is `node` a paragraph, heading or list whose flow (its outermost list
/// or quote) stands among prose paragraphs, with no control of its own and
/// mostly words of its own (a "Read also:" line is mostly links)?
fn in_prose_flow(dom: &Dom, evidence: &EvidenceMap, node: NodeIx) -> bool {
    if !dom.tag(node).is_some_and(guard::is_text_block)
        || guard::invites_action(dom, node)
        || dom.link_density(node) >= 0.5
    {
        return false;
    }
    let outer = guard::outer_text_block(dom, node);
    dom.parent(outer).is_some_and(|p| {
        let around = evidence.get(p).prose - evidence.get(outer).prose;
        around >= PROSE_NEIGHBOURS
    })
}

/// Each seed's block grown from `starts` (seeds, or blocks grown before),
/// with the other blocks of its kind standing at `starts` too.
fn grow_all(
    dom: &Dom,
    evidence: &EvidenceMap,
    seeds: &[Seed],
    positions: &[NodeIx],
    starts: &[NodeIx],
) -> Vec<NodeIx> {
    seeds
        .iter()
        .zip(starts)
        .map(|(&(seed, kind, ..), &start)| {
            let mut same_kind: Vec<NodeIx> = seeds
                .iter()
                .zip(starts)
                .filter(|(s, _)| s.1 == kind)
                .map(|(_, &b)| b)
                .collect();
            same_kind.sort_unstable();
            let same_kind = outermost(dom, same_kind);
            grow(
                dom, evidence, seed, start, kind, seeds, positions, &same_kind,
            )
        })
        .collect()
}

/// The smallest elements whose evidence names a kind: an element is no
/// seed of a kind that one of its descendants already seeds.
fn seeds(dom: &Dom, evidence: &EvidenceMap) -> Vec<Seed> {
    let mut seeds: Vec<Seed> = Vec::new();
    let mut below = vec![0u16; dom.len()];
    let context = contexts(dom);
    let message_form = in_message_form(dom, evidence);
    for ix in (0..dom.len()).rev() {
        let data = dom.node(ix);
        let mut kinds_here = below[ix];
        let skip = data.kind != Kind::Element
            || data.invisible
            || context[ix] == Context::Code
            || matches!(dom.tag(ix), Some("html" | "body" | "head" | "main"));
        if !skip {
            let name_kinds = name_kinds(dom, ix);
            let found = seed_kind(dom, evidence, ix, &name_kinds, message_form[ix]);
            if let Some((kind, reason)) = found {
                // Copyright wording in a figure is the picture's credit: no
                // seed, and none above it for the same words.
                let credit =
                    kind == ClutterKind::RepeatedBoilerplate && context[ix] == Context::Figure;
                if below[ix] & bit(kind) == 0 && !credit {
                    // Copyright lines may be an article's credit, and a
                    // comment thread with prose is only certain once the
                    // article is known.
                    let exclude = kind != ClutterKind::RepeatedBoilerplate
                        && !(kind == ClutterKind::Comments && evidence.get(ix).prose > 0);
                    seeds.push((ix, kind, reason, exclude));
                }
                kinds_here |= bit(kind);
            }
        }
        if let Some(p) = data.parent {
            below[p] |= kinds_here;
        }
    }
    seeds.reverse();
    seeds
}

#[derive(Clone, Copy, PartialEq)]
enum Context {
    Page,
    /// Code is content whatever its markup says: a syntax highlighter names
    /// its spans `comment`, `keyword`, `tag`, and those name no clutter.
    Code,
    /// A figure, its caption, or a table's caption: credits and captions.
    Figure,
}

/// Each node's context, from its nearest code or figure ancestor (itself
/// included); code wins over figure.
fn contexts(dom: &Dom) -> Vec<Context> {
    let mut context = vec![Context::Page; dom.len()];
    for ix in 0..dom.len() {
        let inherited = dom.parent(ix).map_or(Context::Page, |p| context[p]);
        context[ix] = match dom.tag(ix) {
            Some("pre" | "code") => Context::Code,
            Some("figure" | "figcaption" | "caption") if inherited == Context::Page => {
                Context::Figure
            }
            _ => inherited,
        };
    }
    context
}

/// Whether each node lies in (or is) a form that holds a text area: a form
/// that asks for a message. One pass, from the forms' evidence.
fn in_message_form(dom: &Dom, evidence: &EvidenceMap) -> Vec<bool> {
    let mut inside = vec![false; dom.len()];
    for ix in 0..dom.len() {
        inside[ix] = if dom.is_tag(ix, "form") {
            evidence.get(ix).textareas > 0
        } else {
            dom.parent(ix).is_some_and(|p| inside[p])
        };
    }
    inside
}

fn names_kind(dom: &Dom, ix: NodeIx, kind: ClutterKind) -> bool {
    name_kinds(dom, ix).contains(&kind)
}

/// Kinds an element's own class, id and role name.
fn name_kinds(dom: &Dom, ix: NodeIx) -> Vec<ClutterKind> {
    let mut names = std::borrow::Cow::Borrowed(dom.class_and_id(ix));
    // A custom element's name says what it is (`<comment-thread>`).
    if let Some(tag) = dom.tag(ix).filter(|t| t.contains('-')) {
        let names = names.to_mut();
        names.push(' ');
        names.push_str(tag);
    }
    let mut kinds: Vec<ClutterKind> = names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter_map(lexicon::kind_of_name_token)
        .collect();
    // Microdata says it outright: a schema.org `Comment` on an item (a
    // forum's posts are the thread's own).
    if crate::byline::is_reply_item(dom, ix) {
        kinds.push(ClutterKind::Comments);
    }
    if kinds.contains(&ClutterKind::Comments) && CONTENT_NAMES.iter().any(|w| names.contains(w)) {
        kinds.retain(|&k| k != ClutterKind::Comments);
    }
    if dom
        .attr(ix, "id")
        .is_some_and(|id| id.starts_with("google_ads") || id.starts_with("div-gpt-ad"))
        || dom.is_tag(ix, "ins") && names.contains("adsbygoogle")
    {
        kinds.push(ClutterKind::Ad);
    }
    kinds
}

/// Does the element stand alone on the page: the block of `<body>` that
/// holds it holds no more text than it does?
/// Is `ix` alone on the page: the only text of its top-level element, or
/// at least in no list, menu or footer and beside no link (where a
/// "Cookie settings" link stands among the site's links)?
fn stands_alone(dom: &Dom, ix: NodeIx) -> bool {
    let in_links = dom.ancestors(ix).any(|a| {
        matches!(
            dom.tag(a),
            Some("li" | "nav" | "footer" | "ul" | "ol" | "menu")
        )
    }) || dom
        .parent(ix)
        .is_some_and(|p| dom.children(p).any(|c| c != ix && dom.is_tag(c, "a")));
    if !in_links {
        return true;
    }
    let chars = dom.node(ix).text_chars;
    let mut top = ix;
    while let Some(parent) = dom.parent(top) {
        if matches!(dom.tag(parent), Some("body" | "html") | None) {
            break;
        }
        top = parent;
    }
    dom.node(top).text_chars <= chars
}

/// Does `parent`, outside `current` (inside it), hold the heading of a
/// table of contents? From the counts per subtree, not a walk.
fn holds_contents_heading(evidence: &EvidenceMap, parent: NodeIx, current: NodeIx) -> bool {
    let (p, c) = (evidence.get(parent), evidence.get(current));
    p.contents_headings - u32::from(p.is_contents_heading) > c.contents_headings
}

/// Does `ix` lie in the site's menu: a `nav`, the page's header, an
/// element whose role is navigation or a menu?
fn in_menu(dom: &Dom, ix: NodeIx) -> bool {
    std::iter::once(ix).chain(dom.ancestors(ix)).any(|a| {
        matches!(dom.tag(a), Some("nav" | "header" | "menu"))
            || matches!(
                dom.attr(a, "role"),
                Some("navigation" | "menu" | "menubar" | "banner")
            )
    })
}

/// Does every prose paragraph inside `ix` lie in a card: an element below
/// `ix`, one of a row of alike siblings (same tag and class), that holds a
/// link of its own beside the paragraph (a title link; a link inside the
/// paragraph is the prose's own)? A section's intro is one of a kind.
fn prose_only_in_cards(dom: &Dom, evidence: &EvidenceMap, ix: NodeIx) -> bool {
    let is_card = |a: NodeIx| is_card(dom, a);
    dom.descendants(ix).filter(|&d| d != ix).all(|d| {
        let own = evidence.get(d);
        let below: u32 = dom.children(d).map(|c| evidence.get(c).prose).sum();
        // Not a paragraph itself, or one with a card around it.
        own.prose <= below
            || dom
                .ancestors(d)
                .take_while(|&a| a != ix)
                .any(|a| evidence.get(a).links > own.links && is_card(a))
    })
}

/// Is `ix` one of a row of alike siblings (same tag and class)?
fn is_card(dom: &Dom, ix: NodeIx) -> bool {
    let alike = |a: NodeIx, b: NodeIx| {
        dom.tag(a) == dom.tag(b) && dom.attr(a, "class") == dom.attr(b, "class")
    };
    dom.parent(ix)
        .is_some_and(|p| dom.children(p).any(|s| s != ix && alike(s, ix)))
}

/// Levels above an element searched for the card that holds it.
const CARD_LEVELS: usize = 3;

/// Does `ix` lie in a story card: it or an element a few levels up is one
/// of a row of alike siblings, with a link of its own?
fn in_card(dom: &Dom, evidence: &EvidenceMap, ix: NodeIx) -> bool {
    std::iter::once(ix)
        .chain(dom.ancestors(ix))
        .take(CARD_LEVELS + 1)
        .any(|a| evidence.get(a).links > 0 && is_card(dom, a))
}

/// Share of a card list's text in links: a title link per card, the rest
/// dates, bylines and excerpt lines.
const CARD_LINK_DENSITY: f64 = 0.2;

fn seed_kind(
    dom: &Dom,
    evidence: &EvidenceMap,
    ix: NodeIx,
    names: &[ClutterKind],
    in_message_form: bool,
) -> Option<(ClutterKind, &'static str)> {
    let e = evidence.get(ix);
    let chars = dom.node(ix).text_chars;
    let says = |k: ClutterKind| e.wording & bit(k) != 0;
    let says_in_control = |k: ClutterKind| e.wording_in_control & bit(k) != 0;
    let strong = |k: ClutterKind| e.strong & bit(k) != 0;
    let named = |k: ClutterKind| names.contains(&k);
    let actions = e.links + e.buttons;
    let density = dom.link_density(ix);
    use ClutterKind::*;
    // Most links to places in this page: a table of contents, the
    // article's own navigation, never clutter.
    if crate::dom::is_contents(e.links, e.anchor_links) && e.share_links == 0 {
        return None;
    }
    if super::floating::is_back_to_top(dom, ix) {
        return Some((Floating, "'back to top' button"));
    }
    // (An ad's player, named for ads, is an ad.)
    if e.prose == 0 && !named(Ad) && super::floating::is_floating_player(dom, ix) {
        return Some((Floating, "video player that floats over the page"));
    }

    // A block whose first words are a label ("More stories", "Sponsored",
    // "27 comments") is what the label says.
    let label_cell = std::cell::OnceCell::new();
    let label = || {
        label_cell
            .get_or_init(|| leading_text(dom, ix).to_lowercase())
            .as_str()
    };
    let wording_cell = std::cell::OnceCell::new();
    let label_says =
        |k: ClutterKind| *wording_cell.get_or_init(|| lexicon::wording_in(label()).0) & bit(k) != 0;

    // Prose worded as a box's pitch ("Sign up for our newsletter to enjoy
    // the city...") is the box's own: only other prose says "article".
    let plain_prose = e.prose - e.pitch_prose;
    // A form that asks for a message is a comment or contact form, whatever
    // email field it has.
    if plain_prose == 0 && chars <= 1000 && e.passwords == 0 && !in_message_form {
        if e.email_inputs > 0 && says(Newsletter) {
            return Some((
                Newsletter,
                "form with an email field and wording that invites signing up",
            ));
        }
        if e.email_inputs > 0 && chars <= 600 && e.textareas == 0 {
            return Some((
                Newsletter,
                "email field with a short prompt: a sign-up form",
            ));
        }
        // A form or frame a script fills in later (an embedded sign-up
        // form) is a sign-up control too.
        let control = e.inputs + actions + e.forms + e.iframes + e.form_slots > 0;
        if named(Newsletter) && control && says(Newsletter) {
            return Some((
                Newsletter,
                "block named for a newsletter, with a sign-up control",
            ));
        }
        // Sign-up wording around the empty place a form service fills.
        if e.form_slots > 0 && e.inputs == 0 && chars <= 600 && says(Newsletter) {
            return Some((
                Newsletter,
                "sign-up wording beside a form that a script fills in",
            ));
        }
    }
    // (A "Newsletter" item of the site's menu, or the menu, is the
    // menu's; "Sign up for our newsletter" there is still a pitch.)
    let form_of_its_own = e.inputs + e.forms + e.iframes + e.form_slots > 0;
    let menu_item = || {
        !form_of_its_own
            && (e.links >= e.signup_links + 2
                || dom.text(ix).split_whitespace().count() <= MENU_ITEM_WORDS)
            && in_menu(dom, ix)
    };
    if plain_prose == 0
        && chars <= 250
        && strong(Newsletter)
        && actions + e.inputs + e.iframes > 0
        && !menu_item()
    {
        return Some((
            Newsletter,
            "short prompt inviting to sign up for a newsletter",
        ));
    }
    // A short block that invites signing up, whose links all lead to a
    // newsletter's sign-up page ("Get the latest news", "Subscribe"): the
    // way in to a sign-up. (A site menu's "Newsletter" item is the
    // site's navigation.)
    if plain_prose == 0
        && chars <= 250
        && says(Newsletter)
        && e.signup_links > 0
        && e.signup_links == e.links
        && actions <= 2
        && !form_of_its_own
        && !in_menu(dom, ix)
    {
        return Some((Newsletter, "link to sign up for a newsletter"));
    }
    // A dialog named for cookies or consent, with controls of its own: a
    // consent platform's banner, whatever its buttons say and however long
    // its category descriptions run.
    let dialog = dom.is_tag(ix, "dialog")
        || matches!(dom.attr(ix, "role"), Some("dialog" | "alertdialog"))
        || dom.attr(ix, "aria-modal") == Some("true");
    // Its class, id or label names cookies or consent, also run together
    // with other words ("cookiebanner", "consentmanager").
    let names_consent = || {
        let label = dom.attr(ix, "aria-label").unwrap_or("");
        format!("{} {label}", dom.class_and_id(ix))
            .split(|c: char| !c.is_alphanumeric())
            .map(str::to_ascii_lowercase)
            .any(|w| {
                w.starts_with("cookie")
                    || w.starts_with("consent")
                    || w == "gdpr"
                    // "cmp" is also a component library's prefix (a
                    // glossary's `cmp-modal`): a consent platform only
                    // when the block speaks of cookies.
                    || w == "cmp" && says(CookieConsent)
            })
    };
    if dialog && names_consent() && actions + e.inputs > 0 && chars > 40 && chars <= 10_000 {
        return Some((CookieConsent, "cookie consent dialog"));
    }
    // The small tab a consent platform leaves to reopen its settings
    // ("Manage consent"): named for consent, saying it, alone on the page
    // (not a "Cookie settings" link in the footer's list), whether a
    // button or a box a script makes clickable.
    if chars > 0 && chars <= 40 && says(CookieConsent) && names_consent() && stands_alone(dom, ix) {
        return Some((
            CookieConsent,
            "button that reopens the cookie consent settings",
        ));
    }
    // Cookie wording with a consent verb on a button: a consent notice.
    let consent_control = e.strong_in_control & bit(CookieConsent) != 0;
    // (Without a consent button, "you agree to our terms" beside a
    // "Cookies" link is a footer's legal line, unless the block is a
    // dialog or named for consent.)
    let consent_text = strong(CookieConsent)
        && e.prose == 0
        && chars <= 600
        && (!says(RepeatedBoilerplate) || dialog || names_consent());
    let cookie_evidence = says(CookieConsent) || named(CookieConsent);
    // Consent to receive a newsletter ("By subscribing you agree... and
    // consent to receive updates") is a sign-up form's line, not a cookie
    // notice, unless it speaks of cookies.
    let signup_consent = || {
        let text = dom.text(ix).to_lowercase();
        (says(Newsletter) || text.contains("subscrib"))
            && !named(CookieConsent)
            && !text.contains("cookie")
    };
    if cookie_evidence
        && (consent_control || consent_text)
        && chars > 40
        && chars <= 1500
        && e.prose <= 2
        && !signup_consent()
    {
        return Some((
            CookieConsent,
            "cookie notice asking to accept or refuse tracking",
        ));
    }
    // A short notice that takes consent to cookies from carrying on, with
    // a control to dismiss it and no button that says "accept".
    if says(CookieConsent)
        && actions > 0
        && plain_prose == 0
        && chars > 40
        && chars <= 600
        && lexicon::implies_cookie_consent(&dom.text(ix).to_lowercase())
    {
        return Some((CookieConsent, "cookie notice with a control to dismiss it"));
    }
    if e.textareas > 0 && says(Comments) && chars <= 1500 {
        return Some((Comments, "form for posting a comment"));
    }
    if e.prose == 0 && chars <= 300 && says_in_control(Comments) && actions > 0 {
        return Some((
            Comments,
            "links or buttons inviting to read or post comments",
        ));
    }
    if e.prose == 0 && chars <= 60 && says(Comments) && (actions > 0 || has_digit(label())) {
        return Some((Comments, "comment count or link"));
    }
    let heading_led =
        e.headings > 0 && !matches!(dom.tag(ix), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
    if heading_led && e.prose == 0 && chars <= 600 && label_says(Comments) {
        return Some((Comments, "section under a comments heading"));
    }
    // A block named for comments is a comment, or a thread of them, when
    // it looks like one: one of a row of alike blocks, holding comments
    // named so, saying "comment" or "reply", dated, or with a reply form.
    // (An author's bio named "writer-comment" is none of these.)
    let looks_like_comments = || {
        is_card(dom, ix)
            || says(Comments)
            || e.textareas > 0
            || dom
                .descendants(ix)
                .any(|d| d != ix && (dom.is_tag(d, "time") || names_kind(dom, d, Comments)))
            || dom.text(ix).to_lowercase().contains("reply")
    };
    if named(Comments) && chars > 0 && looks_like_comments() {
        return Some((Comments, "comment thread (the block is named for comments)"));
    }
    if e.prose == 0
        && chars <= 300
        && e.store_links > 0
        && e.store_links * 2 >= e.links
        && !touches_data_table(dom, ix)
    {
        return Some((AppPromo, "links to an app in the app stores"));
    }
    if e.prose == 0 && chars <= 200 && says(AppPromo) && actions + e.iframes > 0 {
        return Some((AppPromo, "prompt to download an app"));
    }
    // Share buttons beside pictures of their own (one per picture of a
    // gallery) are the pictures' tools: the block is the gallery.
    if e.prose == 0 && chars <= 300 && e.pictures == 0 {
        let share_majority = e.share_links >= 2 && e.share_links * 2 >= actions;
        if share_majority || (named(Share) && actions >= 2) {
            return Some((Share, "bar of links or buttons that share the page"));
        }
    }
    let link_list = e.links >= 2 && density >= 0.4 && chars <= 3000 && e.prose == 0;
    // Cards under a "Related" / "Keep reading" label carry a date, an
    // author or a line of excerpt beside each link: fewer links per word,
    // so the label must open the block.
    let card_list = e.links >= 3 && density >= CARD_LINK_DENSITY && chars <= 3000 && e.prose == 0;
    // Story cards (a picture or a title heading each, a link, perhaps an
    // excerpt) under such a label, however few of their words are links:
    // a whole card is often one link around a picture, or a "Read" link.
    let card_count = e.headings.max(e.pictures.max(e.images));
    let cards = card_count >= 2 && e.links >= 2 && e.prose == 0 && chars <= 3000;
    // Under a label of their own, some cards carry an excerpt long enough
    // to read as prose, inside the card; a list whose every item does is a
    // listicle's, unless every card's title is a link (a listicle's items
    // are titled, not linked), and a paragraph outside the cards is a
    // section's intro.
    let excerpts_allowed = if e.linked_headings >= 2 && e.linked_headings == e.headings {
        card_count
    } else {
        card_count / 2
    };
    let cards_with_excerpts = card_count >= 2
        && e.links >= 2
        && plain_prose <= excerpts_allowed
        && chars <= 3000
        && label_says(Related)
        && prose_only_in_cards(dom, evidence, ix);
    // A table, its rows and what holds it are data (a "Most popular" badge
    // in a comparison table), never a list of stories.
    let table_part = || {
        (ix..dom.end(ix)).any(|d| dom.is_tag(d, "table"))
            || dom.ancestors(ix).any(|a| dom.is_tag(a, "table"))
    };
    let labelled_list = link_list
        && ((says_in_control(Related) && e.headings > 0) || named(Related) || label_says(Related));
    if (labelled_list || (card_list || cards) && label_says(Related) || cards_with_excerpts)
        && !table_part()
    {
        return Some((
            Related,
            "list of links to other stories under a 'related' or 'more' label",
        ));
    }
    // The same list whose label stands just before it, in a heading of
    // its own (a page builder's "Related posts" widget above a grid one).
    if (link_list || card_list || cards) && heading_before(dom, ix, Related).is_some() {
        return Some((Related, RELATED_UNDER_HEADING));
    }
    if chars <= 60 && e.iframes > 0 && label_says(Related) {
        return Some((Related, "embedded widget of recommended stories"));
    }
    if chars == 0 && named(Related) {
        return Some((
            Related,
            "empty slot named for recommended stories, filled in by a script",
        ));
    }
    // A button or field named for a banner closes or fills something; no
    // control is an ad slot.
    let control = matches!(
        dom.tag(ix),
        Some("button" | "input" | "select" | "textarea" | "label" | "option")
    );
    if named(Ad) && !control && chars <= 300 && e.prose == 0 && e.links <= 5 {
        return Some((Ad, "ad slot (named for ads)"));
    }
    if chars > 0 && chars <= 30 && lexicon::is_ad_label(&dom.text(ix)) {
        return Some((Ad, "labelled as an advertisement"));
    }
    if chars > 30
        && chars <= 400
        && e.prose == 0
        && actions > 0
        && lexicon::starts_with_ad_label(label())
    {
        return Some((Ad, "sponsored block: its label says advertisement"));
    }
    if e.prose <= 1 && chars <= 400 && says(RepeatedBoilerplate) {
        return Some((RepeatedBoilerplate, "copyright, trademark or legal notice"));
    }
    if chars > 60
        && chars <= 20_000
        && (e.links > 0 || e.prose > 0)
        // (The count before the wording: most blocks reach this test, and
        // the digit is the cheaper to look for.)
        && has_digit(label())
        && label_says(Comments)
    {
        return Some((Comments, "comment thread under a comment-count label"));
    }
    None
}

fn has_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
}

/// Characters of an element's opening text read as its label.
const LABEL_CHARS: usize = 40;
/// Nodes looked at to find that text: deep empty wrappers give up early.
const LABEL_NODES: usize = 60;

/// The element just before `ix` (its previous sibling) when it reads as a
/// label of this kind: a short text with no links of its own.
fn heading_before(dom: &Dom, ix: NodeIx, kind: ClutterKind) -> Option<NodeIx> {
    let parent = dom.parent(ix)?;
    let before = dom
        .children(parent)
        .filter(|&c| c < ix && dom.node(c).kind == Kind::Element && dom.node(c).text_chars > 0)
        .last()?;
    let label = dom.node(before).text_chars as usize <= LABEL_CHARS
        && !dom.descendants(before).any(|d| dom.is_tag(d, "a"))
        && lexicon::wording_in(&dom.text(before).to_lowercase()).0 & bit(kind) != 0;
    label.then_some(before)
}

/// Does `ix` hold, or lie in, a table of data? Its links to app stores
/// (each app's name in a comparison of apps) are data, not a promo.
fn touches_data_table(dom: &Dom, ix: NodeIx) -> bool {
    let data_table = |t: NodeIx| dom.is_tag(t, "table") && dom.is_data_table(t);
    (ix..dom.end(ix)).any(data_table) || dom.ancestors(ix).any(data_table)
}

/// The first words of an element's visible text.
fn leading_text(dom: &Dom, ix: NodeIx) -> String {
    let mut out = String::new();
    // Characters in `out`: only the first LABEL_CHARS are kept, so a long
    // text node is copied no further than that.
    let mut kept = 0usize;
    let mut chars = 0usize;
    for i in (ix..dom.end(ix)).take(LABEL_NODES) {
        let data = dom.node(i);
        if data.kind == Kind::Text && !data.invisible && data.text_chars > 0 {
            if !out.is_empty() && kept < LABEL_CHARS {
                out.push(' ');
                kept += 1;
            }
            for c in dom.text_node(i).unwrap_or("").trim().chars() {
                if kept == LABEL_CHARS {
                    break;
                }
                out.push(c);
                kept += 1;
            }
            chars += data.text_chars as usize;
            if chars >= LABEL_CHARS {
                break;
            }
        }
    }
    out
}

/// How much text a block may hold once grown.
fn growth_cap(kind: ClutterKind) -> u32 {
    match kind {
        ClutterKind::Newsletter | ClutterKind::CookieConsent => 1000,
        ClutterKind::Comments => 800,
        ClutterKind::Related => 3000,
        ClutterKind::RepeatedBoilerplate => 400,
        // A user rule names its block exactly; it never grows.
        ClutterKind::Share
        | ClutterKind::AppPromo
        | ClutterKind::Ad
        | ClutterKind::Floating
        | ClutterKind::UserRule => 300,
    }
}

/// Blocks of kind `other` that a growing block of kind `growing` may take
/// in: a privacy note in a sign-up box, an app link or a "back to top"
/// button in a footer; a consent
/// banner takes in what it holds (its close button, whose class often says
/// "banner", its vendor links) but a sign-up form with a consent box stays
/// a sign-up form.
fn absorbable(growing: ClutterKind, other: ClutterKind) -> bool {
    growing == ClutterKind::CookieConsent && other != ClutterKind::Newsletter
        || matches!(
            other,
            ClutterKind::RepeatedBoilerplate | ClutterKind::AppPromo | ClutterKind::Floating
        )
}

/// Words of a menu item's label ("Email newsletters").
const MENU_ITEM_WORDS: usize = 3;

/// Links a sign-up box may hold beside its own (privacy policy, terms,
/// "already subscribed? sign in").
const NEWSLETTER_OTHER_LINKS: u32 = 3;

/// Levels a block may grow above its seed.
const MAX_GROWTH_LEVELS: usize = 12;

/// Text a block may take in beyond its cap when that is all the parent
/// adds: the heading, count, sort buttons and "load more" of a comment
/// section, the privacy line under a sign-up form.
const SMALL_ADDITION: u32 = 200;

/// Seeds looked at inside one parent.
const SEEDS_PER_PARENT: usize = 64;
/// Blocks of the growing block's kind looked at inside one parent (a
/// thread's comments, a rail's cards).
const BLOCKS_PER_PARENT: usize = 256;

/// What a parent holds beyond the current block and the other blocks of the
/// same kind inside it (a comment thread and its reply form are one
/// section): text, prose paragraphs, images and headings.
fn addition(
    dom: &Dom,
    evidence: &EvidenceMap,
    kind: ClutterKind,
    parent: NodeIx,
    current: NodeIx,
    same_kind: impl Iterator<Item = NodeIx>,
) -> (u32, u32, u32, u32) {
    let (p, c) = (evidence.get(parent), evidence.get(current));
    let mut text = dom.node(parent).text_chars - dom.node(current).text_chars;
    // A sign-up box's or consent banner's pitch is part of the box.
    let mut prose = (p.prose - p.pitch_prose) - (c.prose - c.pitch_prose);
    // The icons of links and buttons (a footer's "Your privacy choices"
    // badge) are their controls' for a footer or a share bar; other kinds
    // count every image (a comment block must not grow over story cards).
    let mut images = if matches!(kind, ClutterKind::RepeatedBoilerplate | ClutterKind::Share) {
        p.pictures - c.pictures
    } else {
        p.images - c.images
    };
    let mut headings = p.headings - c.headings;
    let mut last_end = 0;
    for s in same_kind {
        if s < last_end || dom.contains(current, s) || dom.contains(s, current) {
            continue;
        }
        last_end = dom.end(s);
        let e = evidence.get(s);
        text = text.saturating_sub(dom.node(s).text_chars);
        prose = prose.saturating_sub(e.prose - e.pitch_prose);
        images = images.saturating_sub(
            if matches!(kind, ClutterKind::RepeatedBoilerplate | ClutterKind::Share) {
                e.pictures
            } else {
                e.images
            },
        );
        headings = headings.saturating_sub(e.headings);
    }
    (text, prose, images, headings)
}

/// Sorted blocks without those inside another.
fn outermost(dom: &Dom, sorted: Vec<NodeIx>) -> Vec<NodeIx> {
    let mut out: Vec<NodeIx> = Vec::with_capacity(sorted.len());
    for b in sorted {
        if out.last().is_none_or(|&last| b >= dom.end(last)) {
            out.push(b);
        }
    }
    out
}

/// `seed` grown from `start` (itself or a block it grew to) while its
/// parent adds little beyond `same_kind` (blocks of its kind, in document
/// order).
#[allow(clippy::too_many_arguments)]
fn grow(
    dom: &Dom,
    evidence: &EvidenceMap,
    seed: NodeIx,
    start: NodeIx,
    kind: ClutterKind,
    seeds: &[Seed],
    positions: &[NodeIx],
    same_kind: &[NodeIx],
) -> NodeIx {
    let cap = growth_cap(kind).max(dom.node(seed).text_chars);
    let mut current = start;
    for _ in 0..MAX_GROWTH_LEVELS {
        let Some(parent) = dom.parent(current) else {
            break;
        };
        if matches!(dom.tag(parent), Some("html" | "body" | "main") | None) {
            break;
        }
        let from = positions.partition_point(|&s| s <= parent);
        let to = positions.partition_point(|&s| s < dom.end(parent));
        let inside = &seeds[from..to.max(from)];
        let same_from = same_kind.partition_point(|&s| s <= parent);
        let same_to = same_kind.partition_point(|&s| s < dom.end(parent));
        let same_inside = same_kind[same_from..same_to.max(same_from)]
            .iter()
            .take(BLOCKS_PER_PARENT)
            .copied();
        let (text, prose, images, headings) =
            addition(dom, evidence, kind, parent, current, same_inside);
        let (p, c) = (evidence.get(parent), evidence.get(current));
        // Many new paragraphs mean article text, except in comment threads
        // and story lists, which are made of them, and in the boxes whose
        // short lines (a pitch, a thank-you, an error, a privacy note) stay
        // under their cap with no prose of the article.
        let paragraph_limit = matches!(
            kind,
            ClutterKind::Comments
                | ClutterKind::Related
                | ClutterKind::Newsletter
                | ClutterKind::CookieConsent
        ) || p.paragraphs <= c.paragraphs + 2;
        // A share bar or an ad slot takes in no paragraph: the one beside
        // it is a standfirst or a sentence of the article, unless a legal
        // notice stands beside a share bar (a footer's social row and its
        // copyright line are one footer). An ad slot beside a disclosure
        // under the standfirst is still beside the standfirst.
        let beside_notice = || {
            inside.iter().take(SEEDS_PER_PARENT).any(|&(s, k, _, _)| {
                k == ClutterKind::RepeatedBoilerplate && !dom.contains(current, s)
            })
        };
        // Links to places in this page beside it: the article's table of
        // contents, never part of a box (a comment's are its permalinks).
        // (Or its heading, over a list a script fills in.)
        let takes_contents = kind != ClutterKind::Comments
            && (p.anchor_links >= c.anchor_links + 3
                || p.headings > c.headings && holds_contents_heading(evidence, parent, current));
        // A sign-up box links to its privacy policy and terms, not to the
        // rest of the site: a list of links beside it is the footer's
        // navigation, not the box.
        let takes_navigation = kind == ClutterKind::Newsletter
            && (p.links - p.signup_links) > (c.links - c.signup_links) + NEWSLETTER_OTHER_LINKS;
        let takes_paragraph = matches!(kind, ClutterKind::Share | ClutterKind::Ad)
            && p.paragraphs > c.paragraphs
            && !(kind == ClutterKind::Share && beside_notice());
        let within_cap = dom.node(parent).text_chars <= cap && paragraph_limit;
        // A floating button or player is itself and the wrappers that
        // place it, nothing beside it.
        let takes_text = kind == ClutterKind::Floating && text > 0;
        // Promotions carry their picture (an illustration, store badges),
        // consent banners their logo and close icon.
        // (Comments' avatars would too, but a comment block grown around
        // them swallows the cards of listing pages: WCXB listings lost
        // 0.013 F1 in the reader.)
        let a_box = matches!(
            kind,
            ClutterKind::Newsletter | ClutterKind::AppPromo | ClutterKind::CookieConsent
        );
        // (A sign-up box's pitch beside its picture may run long; the cap
        // bounds it. Pictures in links are story cards, no box's own.)
        let linked_images = (p.images - p.pictures) - (c.images - c.pictures);
        let images_allowed = a_box && (text <= SMALL_ADDITION || within_cap && linked_images == 0)
            // A story card's thumbnail, in its link.
            || kind == ClutterKind::Related && images == linked_images
            // A footer's logo, with no words of its own beside the legal line.
            || kind == ClutterKind::RepeatedBoilerplate && images <= 1 && text == 0;
        // A box has a title and perhaps a subtitle ("Keep up with the
        // latest" over "Join our mailing list"); a third heading is the
        // page's next section.
        let heading_limit = if a_box { 2 } else { 1 };
        // Story cards' titles are links: a rail's cards, not the page's
        // next sections.
        let counted_headings = if kind == ClutterKind::Related {
            headings.saturating_sub(p.linked_headings - c.linked_headings)
        } else {
            headings
        };
        // A comment named for comments holds its own text, however long,
        // and its author's picture.
        // A reply form (one that asks for a message) is one block with its
        // headings, sign-in choices and guest fields.
        let a_comment = kind == ClutterKind::Comments
            && (names_kind(dom, parent, kind)
                || dom.is_tag(parent, "form") && p.textareas > 0 && p.prose == 0);
        // A story card carries an excerpt, inside the card (one of a row of
        // alike siblings, or holding such cards), one per card at most.
        let card_excerpts = kind == ClutterKind::Related
            && p.prose - p.pitch_prose <= p.headings.max(p.pictures.max(p.images))
            && (in_card(dom, evidence, parent) || prose_only_in_cards(dom, evidence, parent));
        if !(within_cap || text <= SMALL_ADDITION || a_comment)
            || (prose > 0 && !a_comment && !card_excerpts)
            || (images > 0 && !images_allowed && !a_comment)
            || (counted_headings > heading_limit && !a_comment)
            || takes_paragraph
            || takes_text
            || takes_contents
            || takes_navigation
        {
            break;
        }
        // Another kind's block beside this one: the two stay apart.
        // So is one around it: a block grows out of another kind's box (a
        // privacy link out of a sign-up box) only by taking the box whole.
        let at_parent = &seeds[positions.partition_point(|&s| s < parent)..from];
        let other_kind = at_parent
            .iter()
            .chain(inside.iter().take(SEEDS_PER_PARENT))
            .any(|&(s, k, _, _)| k != kind && !absorbable(kind, k) && !dom.contains(current, s));
        if other_kind {
            break;
        }
        current = parent;
    }
    current
}
