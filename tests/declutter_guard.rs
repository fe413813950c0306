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
//! whose anchor id, made of its words, says "gpt" and "ad".
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
