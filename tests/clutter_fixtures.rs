//! Clutter fixtures: small, realistic pages in `tests/fixtures/clutter/`,
//! each marking what a reader expects, with attributes the engine must
//! never read:
//!
//! - `data-expect-clutter="KIND"` on every block that must be flagged with
//!   that kind (`newsletter`, `comments`, `repeated_boilerplate`, `share`,
//!   `related`, `ad`, `cookie_consent`, `app_promo`);
//! - `data-expect-article` on the element(s) whose paragraphs are the
//!   article.
//!
//! The lexicon (`src/clutter/lexicon.rs`) holds general wording only: a
//! phrase copied from a fixture's label would make the fixture check
//! itself. Fixtures 34-43 were written apart from it, in other wording and
//! languages, so each of its less common phrases is exercised by a page it
//! was not taken from.
//!
//! For every fixture:
//! (a) every expected clutter element E is covered: a plan block of its
//!     kind is E or an ancestor of E, or plan blocks of that kind inside E
//!     cover at least 80% of E's visible text (at least one block when E
//!     has no text, like an empty ad slot);
//! (b) every paragraph and heading of the article appears, in order, in
//!     `article.text`, and no line of an expected clutter block of 25 or
//!     more characters does;
//! (c) no plan block (of any kind) is, contains or lies inside an article
//!     paragraph or heading, and no block's text contains one.
//!
//! All fixtures run before anything is asserted, so one run lists every
//! failure, each naming its fixture.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use declutter::dom::{Dom, NodeIx};
use declutter::{ClutterBlock, Extraction, Options};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/clutter");
const URL: &str = "https://example.org/news/story";
const KINDS: [&str; 8] = [
    "newsletter",
    "comments",
    "repeated_boilerplate",
    "share",
    "related",
    "ad",
    "cookie_consent",
    "app_promo",
];
/// Share of an expected block's text that flagged blocks inside it must
/// cover when no flagged block holds it whole.
const COVERAGE: f64 = 0.8;
/// Lines of clutter at least this long must not reach the reader.
const LEAK_MIN_CHARS: usize = 25;

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(DIR)
        .expect("tests/fixtures/clutter exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    files
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

struct Page {
    dom: Dom,
    extraction: Extraction,
    /// Plan blocks with the node each locator names.
    blocks: Vec<(ClutterBlock, NodeIx)>,
    /// `(element, kind)` for every `data-expect-clutter`.
    expected_clutter: Vec<(NodeIx, String)>,
    /// Every `<p>` and heading inside a `data-expect-article` element, in
    /// document order, with its text.
    paragraphs: Vec<(NodeIx, String)>,
}

fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Loads a fixture and runs the engine; problems with the fixture itself or
/// with locators go to `problems`.
fn load(path: &Path, problems: &mut Vec<String>) -> Option<Page> {
    let bytes = std::fs::read(path).expect("read fixture");
    let html = declutter::decode::decode_html(&bytes);
    let dom = Dom::parse(&html);
    let extraction = declutter::extract(&html, URL, &Options::default());

    let mut expected_clutter = Vec::new();
    let mut article_roots = Vec::new();
    for e in dom.elements() {
        if let Some(kind) = dom.attr(e, "data-expect-clutter") {
            if !KINDS.contains(&kind) {
                problems.push(format!("fixture error: unknown kind {kind:?}"));
            }
            expected_clutter.push((e, kind.to_string()));
        }
        if dom.attr(e, "data-expect-article").is_some() {
            article_roots.push(e);
        }
    }
    // Article paragraphs: inside an article root, not inside a block that
    // is expected to be clutter (an inline sign-up box, say).
    let mut paragraphs = Vec::new();
    for e in dom.elements() {
        let tag = dom.tag(e).unwrap_or("");
        if (tag == "p" || is_heading(tag))
            && article_roots.iter().any(|&r| dom.contains(r, e))
            && !expected_clutter.iter().any(|&(c, _)| dom.contains(c, e))
        {
            let text = collapse(&dom.text(e));
            if !text.is_empty() {
                paragraphs.push((e, text));
            }
        }
    }
    if expected_clutter.is_empty() {
        problems.push("fixture error: no data-expect-clutter element".into());
    }
    if paragraphs.len() < 3 {
        problems.push("fixture error: fewer than 3 article paragraphs".into());
    }
    for &(c, ref kind) in &expected_clutter {
        for &(p, ref text) in &paragraphs {
            if dom.contains(p, c) {
                problems.push(format!(
                    "fixture error: expected {kind} block inside article paragraph {text:?}"
                ));
            }
        }
        if article_roots.iter().any(|&r| dom.contains(c, r)) {
            problems.push(format!(
                "fixture error: expected {kind} block holds the article"
            ));
        }
    }

    let by_index: HashMap<usize, NodeIx> = dom
        .elements()
        .filter_map(|e| dom.element_index(e).map(|i| (i, e)))
        .collect();
    let mut blocks = Vec::new();
    for block in &extraction.clutter {
        match by_index.get(&block.locator.index) {
            Some(&node) if dom.tag(node) == Some(block.locator.tag.as_str()) => {
                blocks.push((block.clone(), node))
            }
            Some(&node) => problems.push(format!(
                "{} block: locator index {} names a <{}>, the locator says <{}>",
                block.kind.as_str(),
                block.locator.index,
                dom.tag(node).unwrap_or("?"),
                block.locator.tag
            )),
            None => problems.push(format!(
                "{} block: locator index {} names no element",
                block.kind.as_str(),
                block.locator.index
            )),
        }
        if block.reason.trim().is_empty() || block.reason.contains('\n') {
            problems.push(format!(
                "{} block #{}: reason should be one non-empty line, got {:?}",
                block.kind.as_str(),
                block.locator.index,
                block.reason
            ));
        }
    }
    Some(Page {
        dom,
        extraction,
        blocks,
        expected_clutter,
        paragraphs,
    })
}

fn short(dom: &Dom, e: NodeIx) -> String {
    let tag = dom.tag(e).unwrap_or("?");
    let text = declutter::text::preview(&dom.text(e), 60);
    format!("<{tag}> {text:?}")
}

/// (a) Every expected clutter element is covered by blocks of its kind.
/// Why the expected clutter element `e` is not covered by blocks of `kind`.
fn flag_problem(page: &Page, e: NodeIx, kind: &str) -> Option<String> {
    let dom = &page.dom;
    let of_kind: Vec<NodeIx> = page
        .blocks
        .iter()
        .filter(|(b, _)| b.kind.as_str() == kind)
        .map(|&(_, n)| n)
        .collect();
    if of_kind.iter().any(|&n| dom.contains(n, e)) {
        return None;
    }
    // Outermost flagged blocks inside E, so nested ones count once.
    let inside: Vec<NodeIx> = of_kind
        .iter()
        .copied()
        .filter(|&n| dom.contains(e, n))
        .collect();
    let outermost: Vec<NodeIx> = inside
        .iter()
        .copied()
        .filter(|&n| !inside.iter().any(|&o| o != n && dom.contains(o, n)))
        .collect();
    let total = dom.text_chars(e);
    let covered: usize = outermost.iter().map(|&n| dom.text_chars(n)).sum();
    let ok = if total == 0 {
        !outermost.is_empty()
    } else {
        covered as f64 >= COVERAGE * total as f64
    };
    if ok {
        return None;
    }
    let other: Vec<&str> = page
        .blocks
        .iter()
        .filter(|&&(_, n)| dom.contains(n, e) || dom.contains(e, n))
        .map(|(b, _)| b.kind.as_str())
        .collect();
    Some(format!(
        "not flagged as {kind}: {} ({covered} of {total} chars covered{})",
        short(dom, e),
        if other.is_empty() {
            String::new()
        } else {
            format!("; flagged there as {other:?} instead")
        }
    ))
}

/// (b) The article's paragraphs reach the reader, in order, and the
/// clutter's longer lines do not.
fn check_article(page: &Page, problems: &mut Vec<String>) {
    let Some(article) = page.extraction.article.as_ref() else {
        problems.push("no article found".into());
        return;
    };
    let text = collapse(&article.text);
    let mut from = 0;
    for (_, p) in &page.paragraphs {
        match text[from..].find(p.as_str()) {
            Some(at) => from += at + p.len(),
            None if text.contains(p.as_str()) => {
                problems.push(format!("article paragraph out of order: {p:?}"))
            }
            None => problems.push(format!("article paragraph missing from text: {p:?}")),
        }
    }
    let dom = &page.dom;
    for &(e, ref kind) in &page.expected_clutter {
        for line in text_lines(dom, e) {
            if line.chars().count() >= LEAK_MIN_CHARS && text.contains(&line) {
                problems.push(format!("{kind} text leaks into the article: {line:?}"));
            }
        }
    }
}

/// The texts of the elements inside `e` (or `e` itself) that hold text
/// directly and have no element child holding text: the lines a reader
/// sees.
fn text_lines(dom: &Dom, e: NodeIx) -> Vec<String> {
    let mut out = Vec::new();
    for n in std::iter::once(e).chain(dom.descendants(e)) {
        if dom.tag(n).is_none() || dom.text_chars(n) == 0 {
            continue;
        }
        let block_child = dom.element_children(n).any(|c| {
            dom.text_chars(c) > 0
                && !matches!(
                    dom.tag(c),
                    Some("a" | "b" | "strong" | "em" | "i" | "span" | "small" | "time" | "abbr")
                )
        });
        let inline = matches!(
            dom.tag(n),
            Some("a" | "b" | "strong" | "em" | "i" | "span" | "small" | "time" | "abbr")
        );
        let parent_is_line = dom
            .parent(n)
            .is_some_and(|p| dom.contains(e, p) && dom.tag(p).is_some() && inline);
        if !block_child && !parent_is_line {
            let t = collapse(&dom.text(n));
            if !t.is_empty() && !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// (c) No plan block touches article text.
fn check_no_article_text_flagged(page: &Page, problems: &mut Vec<String>) {
    let dom = &page.dom;
    for (block, n) in &page.blocks {
        let n = *n;
        let text = collapse(&dom.text(n));
        let what = format!(
            "{} block #{} {}",
            block.kind.as_str(),
            block.locator.index,
            short(dom, n)
        );
        for &(p, ref ptext) in &page.paragraphs {
            if n == p {
                problems.push(format!("{what} IS article paragraph {ptext:?}"));
            } else if dom.contains(n, p) {
                problems.push(format!("{what} contains article paragraph {ptext:?}"));
            } else if dom.contains(p, n) {
                problems.push(format!("{what} lies inside article paragraph {ptext:?}"));
            } else if text.contains(ptext.as_str()) {
                problems.push(format!(
                    "{what} holds the text of article paragraph {ptext:?}"
                ));
            }
        }
    }
}

/// The safety half of the fixtures, which must hold on every page: the
/// article's paragraphs are all kept, none is flagged, and no clutter text
/// leaks into the article. Detection coverage is `coverage_by_kind`.
#[test]
fn clutter_fixtures() {
    let files = fixtures();
    assert!(
        files.len() >= 43,
        "expected at least 43 fixtures, found {}",
        files.len()
    );
    let mut report: Vec<String> = Vec::new();
    let mut failed = 0;
    for path in &files {
        let fixture = name(path);
        let mut problems = Vec::new();
        if !fixture
            .split('-')
            .next()
            .is_some_and(|n| n.len() == 2 && n.chars().all(|c| c.is_ascii_digit()))
        {
            problems.push("fixture error: name should be NN-short-name.html".into());
        }
        let page = std::panic::catch_unwind(|| {
            let mut p = Vec::new();
            let page = load(path, &mut p);
            (page, p)
        });
        match page {
            Err(_) => problems.push("the engine panicked".into()),
            Ok((page, load_problems)) => {
                problems.extend(load_problems);
                if let Some(page) = page {
                    check_article(&page, &mut problems);
                    check_no_article_text_flagged(&page, &mut problems);
                }
            }
        }
        if !problems.is_empty() {
            failed += 1;
            report.push(format!("{fixture}:\n    {}", problems.join("\n    ")));
        }
    }
    assert!(
        report.is_empty(),
        "{failed} of {} fixtures fail:\n{}",
        files.len(),
        report.join("\n")
    );
}

/// Share of expected blocks of every kind that must be flagged with the
/// right kind. Below 100%: the misses are listed in every run (and in the
/// closing note) as the detection to-do list.
const MIN_COVERAGE_PER_KIND: f64 = 0.8;
const MIN_COVERAGE_OVERALL: f64 = 0.9;

/// Detection, one kind at a time: each kind's coverage over all fixtures
/// must reach the floors above; every miss is printed.
#[test]
fn coverage_by_kind() {
    let mut found: HashMap<String, (usize, usize)> = HashMap::new();
    let mut misses: Vec<String> = Vec::new();
    for path in fixtures() {
        let mut ignored = Vec::new();
        let Some(page) = load(&path, &mut ignored) else {
            continue;
        };
        for &(e, ref kind) in &page.expected_clutter {
            let entry = found.entry(kind.clone()).or_default();
            entry.1 += 1;
            match flag_problem(&page, e, kind) {
                None => entry.0 += 1,
                Some(p) => misses.push(format!("{}: {p}", name(&path))),
            }
        }
    }
    let mut kinds: Vec<_> = found.into_iter().collect();
    kinds.sort();
    let summary: Vec<String> = kinds
        .iter()
        .map(|(k, (hit, all))| format!("{k}: {hit}/{all}"))
        .collect();
    println!(
        "flagged per kind: {}\nmissed:\n  {}",
        summary.join(", "),
        misses.join("\n  ")
    );
    let (hit, all) = kinds
        .iter()
        .fold((0, 0), |(h, a), (_, (hit, all))| (h + hit, a + all));
    let low: Vec<&String> = kinds
        .iter()
        .filter(|(_, (hit, all))| (*hit as f64) < MIN_COVERAGE_PER_KIND * *all as f64)
        .map(|(k, _)| k)
        .collect();
    assert!(
        low.is_empty() && hit as f64 >= MIN_COVERAGE_OVERALL * all as f64,
        "coverage {hit}/{all}; kinds below {MIN_COVERAGE_PER_KIND}: {low:?}\nflagged per kind: {}\nmissed:\n  {}",
        summary.join(", "),
        misses.join("\n  ")
    );
}
