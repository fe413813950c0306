//! Detection: seed elements whose evidence names a kind, each grown to the
//! whole block around it (its heading, its privacy note) while the growth
//! adds only a little text and no prose.

use super::evidence::{bit, Evidence, EvidenceMap};
use super::lexicon;
use super::{ClutterKind, Signal};
use crate::dom::{Dom, Kind, NodeIx};

/// Names that say a block may be the content itself, so a "comments" word
/// in them proves nothing ("story-with-comments").
const CONTENT_NAMES: &[&str] = &["article", "content", "main", "body", "post", "story", "entry", "text"];

pub fn signals(dom: &Dom, evidence: &EvidenceMap) -> Vec<Signal> {
    let mut seeds: Vec<(NodeIx, ClutterKind, &'static str)> = Vec::new();
    for ix in dom.elements() {
        let data = dom.node(ix);
        if data.invisible || matches!(dom.tag(ix), Some("html" | "body" | "head" | "main")) {
            continue;
        }
        let name_kinds = name_kinds(dom, ix);
        if let Some((kind, reason)) = seed_kind(dom, ix, evidence.get(ix), &name_kinds) {
            seeds.push((ix, kind, reason));
        }
    }
    seeds
        .iter()
        .map(|&(seed, kind, reason)| Signal {
            node: grow(dom, evidence, seed, kind),
            kind,
            reason: reason.to_string(),
            exclude_from_article: kind != ClutterKind::RepeatedBoilerplate,
        })
        .collect()
}

/// Kinds an element's own class, id and role name.
fn name_kinds(dom: &Dom, ix: NodeIx) -> Vec<ClutterKind> {
    let names = dom.class_and_id(ix);
    let mut kinds: Vec<ClutterKind> = names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter_map(lexicon::kind_of_name_token)
        .collect();
    if kinds.contains(&ClutterKind::Comments) && CONTENT_NAMES.iter().any(|w| names.contains(w)) {
        kinds.retain(|&k| k != ClutterKind::Comments);
    }
    if dom.attr(ix, "id").is_some_and(|id| id.starts_with("google_ads") || id.starts_with("div-gpt-ad")) || dom.is_tag(ix, "ins") && names.contains("adsbygoogle") {
        kinds.push(ClutterKind::Ad);
    }
    kinds
}

fn seed_kind(dom: &Dom, ix: NodeIx, e: &Evidence, names: &[ClutterKind]) -> Option<(ClutterKind, &'static str)> {
    let chars = dom.node(ix).text_chars;
    let says = |k: ClutterKind| e.wording & bit(k) != 0;
    let says_in_control = |k: ClutterKind| e.wording_in_control & bit(k) != 0;
    let named = |k: ClutterKind| names.contains(&k);
    let actions = e.links + e.buttons;
    use ClutterKind::*;

    if e.prose == 0 && chars <= 1000 {
        if e.email_inputs > 0 && says(Newsletter) {
            return Some((Newsletter, "form with an email field and wording that invites signing up"));
        }
        if named(Newsletter) && (e.inputs > 0 || actions > 0) && says(Newsletter) {
            return Some((Newsletter, "block named for a newsletter, with a sign-up control"));
        }
    }
    if e.prose == 0 && chars <= 250 && e.strong & bit(Newsletter) != 0 && actions + e.inputs > 0 {
        return Some((Newsletter, "short prompt inviting to sign up for a newsletter"));
    }
    if (e.strong & bit(CookieConsent) != 0 || named(CookieConsent)) && says(CookieConsent) && actions > 0 && chars <= 1500 && e.prose <= 2 {
        return Some((CookieConsent, "cookie notice with buttons or links to accept or configure"));
    }
    if e.textareas > 0 && says(Comments) && chars <= 1500 {
        return Some((Comments, "form for posting a comment"));
    }
    if e.prose == 0 && chars <= 300 && says_in_control(Comments) && (actions > 0 || e.headings > 0) {
        return Some((Comments, "heading or link inviting to read or post comments"));
    }
    if e.prose == 0 && chars <= 40 && says(Comments) && actions > 0 {
        return Some((Comments, "comment count or link"));
    }
    if named(Comments) && chars > 0 {
        return Some((Comments, "comment thread (the block is named for comments)"));
    }
    if e.prose == 0 && chars <= 200 && says(AppPromo) && actions > 0 {
        return Some((AppPromo, "prompt to download an app"));
    }
    if e.prose == 0 && chars <= 300 {
        let share_majority = e.share_links >= 2 && e.share_links * 2 >= actions;
        if share_majority || (named(Share) && actions >= 2) {
            return Some((Share, "bar of links or buttons that share the page"));
        }
    }
    let density = dom.link_density(ix);
    if e.links >= 3 && density >= 0.5 && chars <= 5000 && (says_in_control(Related) && e.headings > 0 || named(Related)) {
        return Some((Related, "list of links to other stories under a 'related' or 'more' heading"));
    }
    if chars == 0 && named(Related) && dom.node(ix).kind == Kind::Element {
        return Some((Related, "empty slot named for recommended stories, filled in by a script"));
    }
    if named(Ad) && chars <= 300 && e.prose == 0 && e.links <= 5 {
        return Some((Ad, "ad slot (named for ads)"));
    }
    if chars > 0 && chars <= 30 && lexicon::is_ad_label(&dom.text(ix)) {
        return Some((Ad, "labelled as an advertisement"));
    }
    if e.prose <= 1 && chars <= 400 && says(RepeatedBoilerplate) {
        return Some((RepeatedBoilerplate, "copyright, trademark or legal notice"));
    }
    None
}

/// How much text growing a block by one parent may add.
fn growth_limit(kind: ClutterKind) -> u32 {
    match kind {
        ClutterKind::Newsletter => 250,
        ClutterKind::Comments => 300,
        ClutterKind::CookieConsent => 300,
        ClutterKind::Related => 300,
        ClutterKind::RepeatedBoilerplate => 150,
        ClutterKind::Share | ClutterKind::AppPromo => 60,
        ClutterKind::Ad => 40,
    }
}

/// Levels a block may grow above its seed.
const MAX_GROWTH_LEVELS: usize = 12;

fn grow(dom: &Dom, evidence: &EvidenceMap, seed: NodeIx, kind: ClutterKind) -> NodeIx {
    let limit = growth_limit(kind);
    let mut current = seed;
    for _ in 0..MAX_GROWTH_LEVELS {
        let Some(parent) = dom.parent(current) else { break };
        if matches!(dom.tag(parent), Some("html" | "body" | "main") | None) {
            break;
        }
        let (p, c) = (evidence.get(parent), evidence.get(current));
        let added = dom.node(parent).text_chars - dom.node(current).text_chars;
        if added > limit || p.prose > c.prose || p.images > c.images || p.headings > c.headings + 1 {
            break;
        }
        current = parent;
    }
    current
}
