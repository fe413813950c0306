//! The user's own rules: "hide this" and "don't hide this", per site.
//!
//! A rule is a CSS selector in a small grammar that both the core and the
//! browser read the same way: compounds of a tag, an `#id`, `.class`es and
//! `:nth-of-type(n)`, joined by `>` or a space. The picker asks [`suggest`]
//! for selectors for the element the user picked (the live page keeps the
//! first that matches only that element); [`check`] validates a rule set
//! typed or imported on the options page; `clutter::apply_rules` applies a
//! site's rules to the plan.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::dom::{Dom, NodeIx};

/// One site's rules, as stored under its host name.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct SiteRules {
    /// Blocks the user hides.
    pub hide: Vec<String>,
    /// Blocks the user keeps: no planned block may hold one or lie in one.
    pub keep: Vec<String>,
}

impl SiteRules {
    pub fn is_empty(&self) -> bool {
        self.hide.is_empty() && self.keep.is_empty()
    }
}

/// Every site's rules: what the options page exports and imports.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct RuleSet {
    pub version: u32,
    pub sites: BTreeMap<String, SiteRules>,
}

pub const RULE_SET_VERSION: u32 = 1;
/// Bounds that keep a rule set inside `storage.sync`'s quota per item and a
/// hostile import from costing the page anything.
pub const MAX_SELECTOR_CHARS: usize = 300;
pub const MAX_RULES_PER_SITE: usize = 100;
pub const MAX_SITES: usize = 1000;
const MAX_COMPOUNDS: usize = 12;
/// Ancestor steps one match may try before it gives up (no match).
const MATCH_BUDGET: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Combinator {
    Child,
    Descendant,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Compound {
    tag: Option<String>,
    id: Option<String>,
    classes: Vec<String>,
    nth_of_type: Option<u32>,
}

/// A parsed rule selector: compounds left to right, each with the
/// combinator that joins it to the one before (none for the first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSelector {
    parts: Vec<(Option<Combinator>, Compound)>,
}

impl RuleSelector {
    /// Parse a selector of the rule grammar, or say what is wrong with it.
    pub fn parse(text: &str) -> Result<RuleSelector, String> {
        if text.chars().count() > MAX_SELECTOR_CHARS {
            return Err(format!("longer than {MAX_SELECTOR_CHARS} characters"));
        }
        let mut parts = Vec::new();
        let mut rest = text.trim();
        if rest.is_empty() {
            return Err("empty".into());
        }
        let mut combinator = None;
        loop {
            let (compound, after) = parse_compound(rest)?;
            parts.push((combinator.take(), compound));
            if parts.len() > MAX_COMPOUNDS {
                return Err(format!("more than {MAX_COMPOUNDS} steps"));
            }
            let trimmed = after.trim_start();
            if trimmed.is_empty() {
                break;
            }
            if let Some(next) = trimmed.strip_prefix('>') {
                combinator = Some(Combinator::Child);
                rest = next.trim_start();
            } else if trimmed.len() < after.len() {
                combinator = Some(Combinator::Descendant);
                rest = trimmed;
            } else {
                return Err(format!("unexpected “{}”", first_char(trimmed)));
            }
            if rest.is_empty() {
                return Err("ends with a combinator".into());
            }
        }
        Ok(RuleSelector { parts })
    }

    /// Does the element match?
    pub fn matches(&self, dom: &Dom, node: NodeIx) -> bool {
        let mut budget = MATCH_BUDGET;
        self.matches_at(dom, node, self.parts.len() - 1, &mut budget)
    }

    fn matches_at(&self, dom: &Dom, node: NodeIx, i: usize, budget: &mut usize) -> bool {
        if *budget == 0 || !compound_matches(dom, node, &self.parts[i].1) {
            return false;
        }
        *budget -= 1;
        let Some(combinator) = &self.parts[i].0 else {
            return true;
        };
        let mut ancestor = parent_element(dom, node);
        while let Some(a) = ancestor {
            if self.matches_at(dom, a, i - 1, budget) {
                return true;
            }
            if *combinator == Combinator::Child || *budget == 0 {
                return false;
            }
            ancestor = parent_element(dom, a);
        }
        false
    }

    /// Every element of the page that matches, in document order.
    pub fn select(&self, dom: &Dom) -> Vec<NodeIx> {
        dom.elements().filter(|&n| self.matches(dom, n)).collect()
    }
}

impl fmt::Display for RuleSelector {
    /// The canonical form: what is stored and what the browser reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (combinator, compound) in &self.parts {
            match combinator {
                Some(Combinator::Child) => f.write_str(" > ")?,
                Some(Combinator::Descendant) => f.write_str(" ")?,
                None => {}
            }
            write!(f, "{compound}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Compound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(tag) = &self.tag {
            f.write_str(tag)?;
        }
        if let Some(id) = &self.id {
            write!(f, "#{id}")?;
        }
        for class in &self.classes {
            write!(f, ".{class}")?;
        }
        if let Some(n) = self.nth_of_type {
            write!(f, ":nth-of-type({n})")?;
        }
        Ok(())
    }
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii()
}

/// A CSS identifier without escapes: it may not start with a digit, or with
/// a hyphen and a digit, and may not be a lone hyphen.
fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    let first = chars.next();
    let start = match first {
        Some('-') => chars.next(),
        other => other,
    };
    matches!(start, Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '-' && first == Some('-') || !c.is_ascii())
        && s.chars().all(is_ident_char)
}

/// Take an identifier off the front of `s`.
fn take_ident(s: &str) -> Result<(&str, &str), String> {
    let end = s.find(|c: char| !is_ident_char(c)).unwrap_or(s.len());
    let (ident, rest) = s.split_at(end);
    if is_ident(ident) {
        Ok((ident, rest))
    } else {
        Err(format!("“{ident}” is no plain name"))
    }
}

fn parse_compound(s: &str) -> Result<(Compound, &str), String> {
    let mut compound = Compound::default();
    let mut rest = s;
    let tag_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(rest.len());
    if tag_end > 0 {
        let tag = &rest[..tag_end];
        if !first_char(tag).is_ascii_alphabetic() {
            return Err(format!("“{tag}” is no tag name"));
        }
        compound.tag = Some(tag.to_ascii_lowercase());
        rest = &rest[tag_end..];
    }
    loop {
        if let Some(after) = rest.strip_prefix('#') {
            if compound.id.is_some() {
                return Err("two ids in one step".into());
            }
            let (id, next) = take_ident(after)?;
            compound.id = Some(id.to_string());
            rest = next;
        } else if let Some(after) = rest.strip_prefix('.') {
            let (class, next) = take_ident(after)?;
            compound.classes.push(class.to_string());
            rest = next;
        } else if let Some(after) = rest.strip_prefix(":nth-of-type(") {
            let close = after.find(')').ok_or("unclosed :nth-of-type(")?;
            let n: u32 = after[..close]
                .trim()
                .parse()
                .ok()
                .filter(|&n| n > 0)
                .ok_or(":nth-of-type takes a whole number from 1")?;
            compound.nth_of_type = Some(n);
            rest = &after[close + 1..];
            if !(rest.is_empty() || rest.starts_with([' ', '>', '\t', '\n'])) {
                return Err(":nth-of-type must end its step".into());
            }
        } else {
            break;
        }
    }
    if compound == Compound::default() {
        return Err(format!("unexpected “{}”", first_char(rest)));
    }
    Ok((compound, rest))
}

fn parent_element(dom: &Dom, node: NodeIx) -> Option<NodeIx> {
    dom.parent(node).filter(|&p| dom.tag(p).is_some())
}

fn compound_matches(dom: &Dom, node: NodeIx, compound: &Compound) -> bool {
    let Some(tag) = dom.tag(node) else {
        return false;
    };
    if compound.tag.as_deref().is_some_and(|t| t != tag) {
        return false;
    }
    if let Some(id) = &compound.id {
        if dom.attr(node, "id") != Some(id.as_str()) {
            return false;
        }
    }
    if !compound.classes.is_empty() {
        let have: Vec<&str> = dom
            .attr(node, "class")
            .unwrap_or("")
            .split_ascii_whitespace()
            .collect();
        if !compound.classes.iter().all(|c| have.contains(&c.as_str())) {
            return false;
        }
    }
    match compound.nth_of_type {
        Some(n) => nth_of_type(dom, node) == n,
        None => true,
    }
}

/// 1-based position among the parent's element children of the same tag.
fn nth_of_type(dom: &Dom, node: NodeIx) -> u32 {
    let Some(parent) = dom.parent(node) else {
        return 1;
    };
    let tag = dom.tag(node);
    let mut n = 0;
    for child in dom.element_children(parent) {
        if dom.tag(child) == tag {
            n += 1;
        }
        if child == node {
            break;
        }
    }
    n
}

// ---------------------------------------------------------------------------
// Suggestions for a picked element.

/// One element on the path from `body` down to the picked element, as the
/// live page describes it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PathStep {
    pub tag: String,
    pub id: Option<String>,
    pub classes: Vec<String>,
    pub nth_of_type: u32,
}

/// Names a page generates per visit or per build (ids with numbers,
/// CSS-in-JS hashes) would not find the block again: a rule skips them.
fn is_stable_name(name: &str) -> bool {
    let digits = name.chars().filter(char::is_ascii_digit).count();
    let hashed_segment = name
        .split(['-', '_'])
        .any(|seg| seg.len() >= 5 && seg.chars().any(|c| c.is_ascii_digit()));
    is_ident(name)
        && name.len() <= 40
        && digits < 3
        && !hashed_segment
        && !name.starts_with("declutter")
}

fn stable_compound(step: &PathStep, with_classes: bool) -> Option<Compound> {
    let tag = step.tag.to_ascii_lowercase();
    if tag.is_empty() || !first_char(&tag).is_ascii_alphabetic() {
        return None;
    }
    let classes: Vec<String> = if with_classes {
        step.classes
            .iter()
            .filter(|c| is_stable_name(c))
            .take(3)
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    Some(Compound {
        tag: Some(tag),
        classes,
        ..Compound::default()
    })
}

fn stable_id(step: &PathStep) -> Option<&str> {
    step.id.as_deref().filter(|id| is_stable_name(id))
}

/// Selectors for the last element of `path`, best first: by its own id, by
/// its classes, under the nearest ancestor with an id, and last a chain of
/// `:nth-of-type` steps from that ancestor (or `body`), which names exactly
/// this element. The live page keeps the first that matches only it.
pub fn suggest(path: &[PathStep]) -> Vec<String> {
    let Some(target) = path.last() else {
        return Vec::new();
    };
    let Some(own) = stable_compound(target, true) else {
        return Vec::new();
    };
    let one = |c: Compound| RuleSelector {
        parts: vec![(None, c)],
    };
    let mut out: Vec<RuleSelector> = Vec::new();
    if let Some(id) = stable_id(target) {
        out.push(one(Compound {
            id: Some(id.to_string()),
            ..stable_compound(target, false).unwrap_or_default()
        }));
    }
    if !own.classes.is_empty() {
        out.push(one(own.clone()));
    }
    let anchor = path[..path.len() - 1]
        .iter()
        .rposition(|s| stable_id(s).is_some());
    let anchor_compound = |i: usize| Compound {
        id: stable_id(&path[i]).map(str::to_string),
        ..stable_compound(&path[i], false).unwrap_or_default()
    };
    if let Some(a) = anchor {
        out.push(RuleSelector {
            parts: vec![
                (None, anchor_compound(a)),
                (Some(Combinator::Descendant), own.clone()),
            ],
        });
    }
    // The chain from the anchor (or the top of the path) down.
    let start = anchor.unwrap_or(0);
    let mut chain = vec![(
        None,
        match anchor {
            Some(a) => anchor_compound(a),
            None => stable_compound(&path[0], false).unwrap_or_default(),
        },
    )];
    for step in &path[start + 1..] {
        let Some(mut c) = stable_compound(step, false) else {
            return Vec::new();
        };
        c.nth_of_type = Some(step.nth_of_type.max(1));
        chain.push((Some(Combinator::Child), c));
    }
    if chain.len() <= MAX_COMPOUNDS {
        out.push(RuleSelector { parts: chain });
    }
    let mut seen = Vec::new();
    for s in out {
        let text = s.to_string();
        // Only what the grammar reads back (a tag name it cannot write is left out).
        if RuleSelector::parse(&text).is_ok_and(|p| p == s) && !seen.contains(&text) {
            seen.push(text);
        }
    }
    seen
}

// ---------------------------------------------------------------------------
// Checking a rule set.

/// A host name as rules are keyed: lower case letters, digits, dots and
/// hyphens (IDN hosts in their `xn--` form).
fn is_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 253
        && host
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && !host.starts_with('.')
        && !host.contains("..")
}

/// Check a rule set (typed or imported): every selector parsed and written
/// in its canonical form, duplicates and empty sites dropped. Any error
/// names the site and rule, and nothing is taken.
pub fn check(set: &RuleSet) -> Result<RuleSet, String> {
    if set.version > RULE_SET_VERSION {
        return Err(format!(
            "version {} is newer than this declutter",
            set.version
        ));
    }
    if set.sites.len() > MAX_SITES {
        return Err(format!("more than {MAX_SITES} sites"));
    }
    let mut out = RuleSet {
        version: RULE_SET_VERSION,
        sites: BTreeMap::new(),
    };
    for (host, rules) in &set.sites {
        let host_key = host.trim().to_ascii_lowercase();
        if !is_host(&host_key) {
            return Err(format!("“{host}” is no site name"));
        }
        if rules.hide.len() + rules.keep.len() > MAX_RULES_PER_SITE {
            return Err(format!("{host}: more than {MAX_RULES_PER_SITE} rules"));
        }
        let canonical = |list: &[String]| -> Result<Vec<String>, String> {
            let mut seen: Vec<String> = Vec::new();
            for text in list {
                let s = RuleSelector::parse(text).map_err(|e| format!("{host}: “{text}”: {e}"))?;
                let s = s.to_string();
                if !seen.contains(&s) {
                    seen.push(s);
                }
            }
            Ok(seen)
        };
        let site = SiteRules {
            hide: canonical(&rules.hide)?,
            keep: canonical(&rules.keep)?,
        };
        if !site.is_empty() {
            out.sites.entry(host_key).or_default().merge(site);
        }
    }
    Ok(out)
}

impl SiteRules {
    fn merge(&mut self, other: SiteRules) {
        for s in other.hide {
            if !self.hide.contains(&s) {
                self.hide.push(s);
            }
        }
        for s in other.keep {
            if !self.keep.contains(&s) {
                self.keep.push(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dom() -> Dom {
        Dom::parse(
            r#"<html><body><div id="main"><aside class="promo box">A</aside>
            <p>one</p><p class="x">two</p><section><p>three</p></section></div>
            <div class="promo">B</div></body></html>"#,
        )
    }

    fn texts(dom: &Dom, sel: &str) -> Vec<String> {
        RuleSelector::parse(sel)
            .unwrap()
            .select(dom)
            .into_iter()
            .map(|n| dom.text(n).trim().to_string())
            .collect()
    }

    #[test]
    fn matches_as_a_browser_would() {
        let dom = dom();
        assert_eq!(texts(&dom, ".promo"), ["A", "B"]);
        assert_eq!(texts(&dom, "aside.promo.box"), ["A"]);
        assert_eq!(texts(&dom, "#main > p"), ["one", "two"]);
        assert_eq!(texts(&dom, "#main p"), ["one", "two", "three"]);
        assert_eq!(texts(&dom, "#main > p:nth-of-type(2)"), ["two"]);
        assert_eq!(texts(&dom, "body > div:nth-of-type(2)"), ["B"]);
        assert_eq!(texts(&dom, "div.box"), Vec::<String>::new());
    }

    #[test]
    fn bad_selectors_are_named_not_taken() {
        for bad in [
            "",
            "div >",
            "a, b",
            "[href]",
            "div::before",
            "#1a",
            ".x:hover",
            "p:nth-of-type(0)",
            "p:nth-of-type(2)x",
            "*",
        ] {
            assert!(RuleSelector::parse(bad).is_err(), "{bad:?} parsed");
        }
        assert!(RuleSelector::parse(&"a ".repeat(200)).is_err());
    }

    #[test]
    fn canonical_form_round_trips() {
        let s = RuleSelector::parse("  DIV#main>p.x   span:nth-of-type(3) ").unwrap();
        assert_eq!(s.to_string(), "div#main > p.x span:nth-of-type(3)");
        assert_eq!(RuleSelector::parse(&s.to_string()).unwrap(), s);
    }

    fn step(tag: &str, id: Option<&str>, classes: &[&str], nth: u32) -> PathStep {
        PathStep {
            tag: tag.into(),
            id: id.map(str::to_string),
            classes: classes.iter().map(|c| c.to_string()).collect(),
            nth_of_type: nth,
        }
    }

    #[test]
    fn suggestions_prefer_stable_names_and_end_with_an_exact_chain() {
        let path = [
            step("body", None, &[], 1),
            step("div", Some("page"), &[], 1),
            step("div", Some("post-123456"), &["css-1q2w3e4", "wrap"], 2),
            step("aside", None, &["newsletter-box", "sc-a1b2c3d4"], 1),
        ];
        assert_eq!(
            suggest(&path),
            [
                "aside.newsletter-box",
                "div#page aside.newsletter-box",
                "div#page > div:nth-of-type(2) > aside:nth-of-type(1)"
            ]
        );
        let by_id = [
            step("body", None, &[], 1),
            step("section", Some("comments"), &[], 3),
        ];
        assert_eq!(
            suggest(&by_id),
            ["section#comments", "body > section:nth-of-type(3)"]
        );
        assert!(suggest(&[]).is_empty());
    }

    #[test]
    fn every_suggestion_parses_back_to_itself() {
        let path = [
            step("body", None, &[], 1),
            step("main", Some("app"), &["x"], 1),
            step("my-widget", None, &["ad_slot", "é-promo"], 4),
        ];
        for s in suggest(&path) {
            assert_eq!(RuleSelector::parse(&s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn check_canonicalises_and_refuses_bad_input() {
        let mut set = RuleSet::default();
        set.sites.insert(
            "News.Example".into(),
            SiteRules {
                hide: vec!["DIV.promo".into(), "div.promo".into()],
                keep: vec![],
            },
        );
        set.sites
            .insert("empty.example".into(), SiteRules::default());
        let checked = check(&set).unwrap();
        assert_eq!(checked.version, RULE_SET_VERSION);
        assert_eq!(checked.sites.len(), 1);
        assert_eq!(checked.sites["news.example"].hide, ["div.promo"]);

        let mut bad = set.clone();
        bad.sites.insert(
            "x.example".into(),
            SiteRules {
                hide: vec!["div[onclick]".into()],
                keep: vec![],
            },
        );
        let error = check(&bad).unwrap_err();
        assert!(
            error.contains("x.example") && error.contains("div[onclick]"),
            "{error}"
        );

        let mut bad_host = RuleSet::default();
        bad_host
            .sites
            .insert("http://a/b".into(), SiteRules::default());
        assert!(check(&bad_host).is_err());
        let newer = RuleSet {
            version: RULE_SET_VERSION + 1,
            ..RuleSet::default()
        };
        assert!(check(&newer).is_err());
    }
}
