//! The user's own rules in the plan: "hide this" adds a block the engine
//! would not plan, "don't hide this" takes one out, and no rule may hide the
//! headline or the article.

use declutter::rules::SiteRules;
use declutter::{extract, ClutterKind, Extraction, Options};

const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head><title>Rivers rise in the valley</title></head>
<body>
<header id="top"><a href="/">The Valley Post</a></header>
<main id="main"><article class="story">
<h1 class="headline">Rivers rise in the valley</h1>
<p class="byline">By Ann Example</p>
<p>The river rose by two metres overnight, and farmers on the lower fields moved their animals to higher ground before the water reached the barns, as they have done three times this decade.</p>
<div class="partner-box"><p>Brought to you by our partners at the garden centre.</p></div>
<p>Engineers said the new banks held, though the old bridge was closed while inspectors checked its piers, and buses took the long way round through the hill villages for most of the day.</p>
<p>The weather service expects the level to fall by the weekend, when the rain moves east, and the council will meet on Monday to decide how to pay for the repairs to the lower road.</p>
</article>
<aside class="signup"><h2>Get our newsletter</h2><p>Sign up for the morning briefing in your inbox.</p>
<form><input type="email" placeholder="Your email"><button>Subscribe</button></form></aside>
</main>
<footer><p>Copyright 2026 The Valley Post. All rights reserved.</p></footer>
</body></html>"#;

fn run(hide: &[&str], keep: &[&str]) -> Extraction {
    let options = Options {
        rules: SiteRules {
            hide: hide.iter().map(|s| s.to_string()).collect(),
            keep: keep.iter().map(|s| s.to_string()).collect(),
        },
        ..Options::default()
    };
    extract(PAGE, "https://news.example/rivers", &options)
}

fn starts(e: &Extraction) -> Vec<(ClutterKind, String)> {
    e.clutter
        .iter()
        .map(|b| (b.kind, b.locator.fingerprint.clone()))
        .collect()
}

#[test]
fn without_rules_the_engine_plans_the_newsletter_and_not_the_partner_box() {
    let e = run(&[], &[]);
    let blocks = starts(&e);
    assert!(
        blocks
            .iter()
            .any(|(k, f)| *k == ClutterKind::Newsletter && f.starts_with("Get our newsletter")),
        "{blocks:?}"
    );
    assert!(
        !blocks.iter().any(|(_, f)| f.starts_with("Brought to you")),
        "{blocks:?}"
    );
}

#[test]
fn a_hide_rule_plans_its_block_as_the_users() {
    let e = run(&["div.partner-box"], &[]);
    let block = e
        .clutter
        .iter()
        .find(|b| b.locator.fingerprint.starts_with("Brought to you"))
        .expect("the partner box is planned");
    assert_eq!(block.kind, ClutterKind::UserRule);
    assert_eq!(block.reason, "your rule: div.partner-box");
    assert_eq!(block.rule.as_deref(), Some("div.partner-box"));
    // The article itself is untouched by the rule.
    assert!(e
        .article
        .unwrap()
        .text
        .contains("The river rose by two metres"));
}

/// The plan says how many of the article's words each block holds: none
/// for the engine's blocks, and every word of an article paragraph a
/// user's rule hides (the panel shows it).
#[test]
fn each_block_counts_the_article_words_it_holds() {
    let e = run(&[], &[]);
    for b in e.clutter.iter().filter(|b| b.kind != ClutterKind::UserRule) {
        assert_eq!(b.article_words, 0, "{b:?}");
    }
    let e = run(&["article.story > p:nth-of-type(2)"], &[]);
    let rule = e
        .clutter
        .iter()
        .find(|b| b.kind == ClutterKind::UserRule)
        .expect("the rule's block is planned");
    assert!(
        rule.locator.fingerprint.starts_with("The river rose"),
        "{rule:?}"
    );
    let paragraph = "The river rose by two metres overnight, and farmers on the lower fields moved their animals to higher ground before the water reached the barns, as they have done three times this decade.";
    assert!(PAGE.contains(paragraph));
    assert_eq!(
        rule.article_words as usize,
        paragraph.split_whitespace().count()
    );
}

#[test]
fn a_keep_rule_takes_the_block_out_of_the_plan() {
    let e = run(&[], &["aside.signup"]);
    assert!(
        !e.clutter
            .iter()
            .any(|b| b.locator.fingerprint.contains("newsletter")),
        "{:?}",
        starts(&e)
    );
    // A keep rule on something inside a planned block keeps that block too.
    let e = run(&[], &["aside.signup form"]);
    assert!(!e
        .clutter
        .iter()
        .any(|b| b.locator.fingerprint.contains("newsletter")));
}

#[test]
fn no_rule_hides_the_headline_byline_or_article() {
    for rule in [
        "h1.headline",
        "p.byline",
        "article.story",
        "main#main",
        "body",
        "html",
    ] {
        let e = run(&[rule], &[]);
        assert!(
            !e.clutter.iter().any(|b| b.kind == ClutterKind::UserRule),
            "{rule} planned: {:?}",
            starts(&e)
        );
    }
}

#[test]
fn a_rule_that_does_not_parse_changes_nothing() {
    let plain = run(&[], &[]);
    let e = run(&["div[onclick]", "a, b", ""], &["::before"]);
    assert_eq!(starts(&e), starts(&plain));
}

#[test]
fn blocks_stay_disjoint_when_a_rule_overlaps_a_planned_block() {
    // The rule's block holds the planned newsletter box: one block, the user's.
    let e = run(&["main#main > aside"], &[]);
    let user: Vec<_> = e
        .clutter
        .iter()
        .filter(|b| b.kind == ClutterKind::UserRule)
        .collect();
    assert_eq!(user.len(), 1, "{:?}", starts(&e));
    assert!(!e.clutter.iter().any(|b| b.kind == ClutterKind::Newsletter));
}
