//! The article guard of live declutter, on pages written from scratch in
//! `tests/fixtures/guard/`, one per class of block that was hidden wrongly:
//! a headline in a header with share icons, a headline whose text stands
//! twice, an event's title repeated in cards, syntax-highlighted code, a
//! photo caption with a credit, a table of contents in an ad column, an
//! article about newsletters, a byline in a share bar, the author panel
//! of each post in a thread (the same person posting again), a product's
//! feature list whose words ("accept", "tracking") are a consent banner's,
//! a title standing twice outside any heading (a breadcrumb, a styled div),
//! a standfirst beside a share bar and a paragraph beside an ad slot, an
//! article that repeats its own tables (a copy the reader cleaned out), an
//! episode's intro full of links beside its subscribe links, a glossary's
//! dialogs named by a component library (`cmp-modal`), a section's intro
//! above product cards under a "Related" label, a comparison table with
//! "Most popular" badges, an article's contents beside a sign-up form, an
//! author's bio in a block whose class says "comment", a section heading
//! whose anchor id, made of its words, says "gpt" and "ad", a standfirst
//! beside an ad slot and an affiliate disclosure.
//!
//! Marks the engine never reads:
//! - `data-expect-keep="why"`: no plan block is this element, holds it, or
//!   lies inside it (hiding any of it hides what the reader came for);
//! - `data-expect-clutter="KIND"`: a plan block of that kind is this element
//!   or holds it (the guard must not cost the clutter beside it).
//!
//! Every fixture runs before anything is asserted; failures name their page.

use std::path::Path;

use declutter::{extract, Options};

mod plan_marks;
use plan_marks::check_dir;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/guard");

#[test]
fn guard_fixtures() {
    check_dir(DIR, 8);
}

/// The plan names the headline and byline it protects, for the live page's
/// own check.
#[test]
fn keep_locators_name_the_headline_and_byline() {
    let html = std::fs::read_to_string(Path::new(DIR).join("08-byline-in-meta-bar.html"))
        .expect("a fixture");
    let x = extract(&html, "https://example.org/story", &Options::default());
    let tags: Vec<&str> = x.keep.iter().map(|l| l.tag.as_str()).collect();
    assert_eq!(tags, ["h1", "span"], "{:?}", x.keep);
    assert!(x.keep[1].fingerprint.contains("Jonas Berg"));
}

/// A list's label ("Related reading" before it) goes only with its list:
/// when the guard keeps the list (it is the article's), the label stays
/// too, or a heading such as "recommended by Ana Reyes" over the article's
/// own book list would vanish alone.
#[test]
fn a_label_goes_only_with_its_list() {
    use declutter::clutter::{plan, Guard, Signal, Signals};
    use declutter::dom::Dom;
    use declutter::model::{ArticleSubtrees, ClutterKind, Metadata};
    use declutter::rules::SiteRules;

    let html = "<html><body><main><h4>recommended by Ana Reyes</h4>\
        <ul><li><a href=/a>The Salt House</a></li><li><a href=/b>Small Tides</a></li></ul>\
        <p>Other text.</p><h4>Related reading</h4>\
        <ul><li><a href=/c>More islands</a></li><li><a href=/d>More ferries</a></li></ul>\
        </main></body></html>";
    let dom = Dom::parse(html);
    let by_tag =
        |tag: &str| -> Vec<_> { dom.elements().filter(|&ix| dom.is_tag(ix, tag)).collect() };
    let (labels, lists) = (by_tag("h4"), by_tag("ul"));
    let signal = |node, label_of| Signal {
        node,
        seed: node,
        repeated: false,
        kind: ClutterKind::Related,
        reason: "test".into(),
        exclude_from_article: false,
        label_of,
    };
    let signals = Signals {
        blocks: vec![
            signal(labels[0], Some(lists[0])),
            signal(lists[0], None),
            signal(labels[1], Some(lists[1])),
            signal(lists[1], None),
        ],
    };
    // The first list is the article's: the guard keeps it.
    let found = ArticleSubtrees {
        parts: vec![lists[0]],
        removed: Vec::new(),
    };
    let guard = Guard::new(&dom, &Metadata::default(), Some(&found));
    let planned: Vec<String> = plan(&dom, &signals, &guard, &SiteRules::default())
        .iter()
        .map(|b| b.preview.clone())
        .collect();
    assert_eq!(
        planned,
        ["Related reading", "More islands More ferries"],
        "{planned:?}"
    );
}
