//! Detection: seed elements whose evidence names a kind, each grown to the
//! whole block around it (its heading, its privacy note) while the growth
//! adds only a little text and no prose.

use super::evidence::{bit, Evidence, EvidenceMap};
use super::lexicon;
use super::{ClutterKind, Signal};
use crate::dom::{Dom, Kind, NodeIx};

/// Names that say a block may be the content itself, so a "comments" word
/// in them proves nothing ("story-with-comments").
const CONTENT_NAMES: &[&str] = &[
    "article", "content", "main", "body", "post", "story", "entry", "text",
];

pub fn signals(dom: &Dom, evidence: &EvidenceMap) -> Vec<Signal> {
    let seeds = seeds(dom, evidence);
    // Seeds in document order; growth stops before taking in another kind's.
    let positions: Vec<NodeIx> = seeds.iter().map(|s| s.0).collect();
    seeds
        .iter()
        .map(|&(seed, kind, reason, exclude)| Signal {
            node: grow(dom, evidence, seed, kind, &seeds, &positions),
            kind,
            reason: reason.to_string(),
            exclude_from_article: exclude,
        })
        .collect()
}

type Seed = (NodeIx, ClutterKind, &'static str, bool);

/// The smallest elements whose evidence names a kind: an element is no
/// seed of a kind that one of its descendants already seeds.
fn seeds(dom: &Dom, evidence: &EvidenceMap) -> Vec<Seed> {
    let mut seeds: Vec<Seed> = Vec::new();
    let mut below = vec![0u16; dom.len()];
    for ix in (0..dom.len()).rev() {
        let data = dom.node(ix);
        let mut kinds_here = below[ix];
        let skip = data.kind != Kind::Element
            || data.invisible
            || matches!(dom.tag(ix), Some("html" | "body" | "head" | "main"));
        if !skip {
            let name_kinds = name_kinds(dom, ix);
            if let Some((kind, reason)) = seed_kind(dom, ix, evidence.get(ix), &name_kinds) {
                if below[ix] & bit(kind) == 0 {
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

/// Kinds an element's own class, id and role name.
fn name_kinds(dom: &Dom, ix: NodeIx) -> Vec<ClutterKind> {
    let mut names = dom.class_and_id(ix);
    // A custom element's name says what it is (`<comment-thread>`).
    if let Some(tag) = dom.tag(ix).filter(|t| t.contains('-')) {
        names.push(' ');
        names.push_str(tag);
    }
    let mut kinds: Vec<ClutterKind> = names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter_map(lexicon::kind_of_name_token)
        .collect();
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

fn seed_kind(
    dom: &Dom,
    ix: NodeIx,
    e: &Evidence,
    names: &[ClutterKind],
) -> Option<(ClutterKind, &'static str)> {
    let chars = dom.node(ix).text_chars;
    let says = |k: ClutterKind| e.wording & bit(k) != 0;
    let says_in_control = |k: ClutterKind| e.wording_in_control & bit(k) != 0;
    let strong = |k: ClutterKind| e.strong & bit(k) != 0;
    let named = |k: ClutterKind| names.contains(&k);
    let actions = e.links + e.buttons;
    let density = dom.link_density(ix);
    use ClutterKind::*;

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

    if e.prose == 0 && chars <= 1000 && e.passwords == 0 {
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
        if named(Newsletter) && (e.inputs > 0 || actions > 0) && says(Newsletter) {
            return Some((
                Newsletter,
                "block named for a newsletter, with a sign-up control",
            ));
        }
    }
    if e.prose == 0 && chars <= 250 && strong(Newsletter) && actions + e.inputs + e.iframes > 0 {
        return Some((
            Newsletter,
            "short prompt inviting to sign up for a newsletter",
        ));
    }
    // Cookie wording with a consent verb on a button: a consent notice.
    let consent_control = e.strong_in_control & bit(CookieConsent) != 0;
    let consent_text = strong(CookieConsent) && e.prose == 0 && chars <= 600;
    let cookie_evidence = says(CookieConsent) || named(CookieConsent);
    if cookie_evidence
        && (consent_control || consent_text)
        && chars > 40
        && chars <= 1500
        && e.prose <= 2
    {
        return Some((
            CookieConsent,
            "cookie notice asking to accept or refuse tracking",
        ));
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
    if named(Comments) && chars > 0 {
        return Some((Comments, "comment thread (the block is named for comments)"));
    }
    if e.prose == 0 && chars <= 200 && says(AppPromo) && actions + e.iframes > 0 {
        return Some((AppPromo, "prompt to download an app"));
    }
    if e.prose == 0 && chars <= 300 {
        let share_majority = e.share_links >= 2 && e.share_links * 2 >= actions;
        if share_majority || (named(Share) && actions >= 2) {
            return Some((Share, "bar of links or buttons that share the page"));
        }
    }
    let link_list = e.links >= 2 && density >= 0.4 && chars <= 3000 && e.prose == 0;
    if link_list
        && ((says_in_control(Related) && e.headings > 0) || named(Related) || label_says(Related))
    {
        return Some((
            Related,
            "list of links to other stories under a 'related' or 'more' label",
        ));
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
    if named(Ad) && chars <= 300 && e.prose == 0 && e.links <= 5 {
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
        && label_says(Comments)
        && has_digit(label())
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

/// The first words of an element's visible text.
fn leading_text(dom: &Dom, ix: NodeIx) -> String {
    let mut out = String::new();
    let mut chars = 0usize;
    for i in (ix..dom.end(ix)).take(LABEL_NODES) {
        let data = dom.node(i);
        if data.kind == Kind::Text && !data.invisible && data.text_chars > 0 {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(dom.text_node(i).unwrap_or("").trim());
            chars += data.text_chars as usize;
            if chars >= LABEL_CHARS {
                break;
            }
        }
    }
    out.chars().take(LABEL_CHARS).collect()
}

/// How much text a block may hold once grown.
fn growth_cap(kind: ClutterKind) -> u32 {
    match kind {
        ClutterKind::Newsletter | ClutterKind::CookieConsent => 1000,
        ClutterKind::Comments => 800,
        ClutterKind::Related => 3000,
        ClutterKind::RepeatedBoilerplate => 400,
        ClutterKind::Share | ClutterKind::AppPromo | ClutterKind::Ad => 300,
    }
}

/// Small kinds that a growing block of another kind may take in: a privacy
/// note in a sign-up box, an app link in a footer.
fn absorbable(kind: ClutterKind) -> bool {
    matches!(
        kind,
        ClutterKind::RepeatedBoilerplate | ClutterKind::AppPromo
    )
}

/// Levels a block may grow above its seed.
const MAX_GROWTH_LEVELS: usize = 12;

fn grow(
    dom: &Dom,
    evidence: &EvidenceMap,
    seed: NodeIx,
    kind: ClutterKind,
    seeds: &[Seed],
    positions: &[NodeIx],
) -> NodeIx {
    let cap = growth_cap(kind).max(dom.node(seed).text_chars);
    let mut current = seed;
    for _ in 0..MAX_GROWTH_LEVELS {
        let Some(parent) = dom.parent(current) else {
            break;
        };
        if matches!(dom.tag(parent), Some("html" | "body" | "main") | None) {
            break;
        }
        let (p, c) = (evidence.get(parent), evidence.get(current));
        // Many new paragraphs mean article text, except in comment threads
        // and story lists, which are made of them.
        let paragraph_limit = matches!(kind, ClutterKind::Comments | ClutterKind::Related)
            || p.paragraphs <= c.paragraphs + 2;
        let grows_too_much = dom.node(parent).text_chars > cap || !paragraph_limit;
        if grows_too_much || p.prose > c.prose || p.images > c.images || p.headings > c.headings + 1
        {
            break;
        }
        // Another kind's block beside this one: the two stay apart.
        let from = positions.partition_point(|&s| s <= parent);
        let to = positions.partition_point(|&s| s < dom.end(parent));
        let other_kind = seeds[from..to].iter().take(64).any(|&(s, k, _, _)| {
            k != kind && !absorbable(k) && !dom.contains(current, s) && !dom.contains(s, current)
        });
        if other_kind {
            break;
        }
        current = parent;
    }
    current
}
