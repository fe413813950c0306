//! Every rule in `../shared/fixtures/newsmax-kazakhstan/expected.json`, as
//! an integration test. The expectations are read from that file at test
//! time, so the fixture stays the one source of truth.
//!
//! Rules (from the file):
//! - reader mode and every export contain the title, the article headings
//!   and every article paragraph, in order, and none of the strings under
//!   `clutter` or `not_in_reader`;
//! - the clutter plan hides every block under `clutter` (all copies of the
//!   repeated copyright block) and hides no article paragraph or heading;
//! - each hidden block is reported with its kind and a one-line reason.

use std::sync::OnceLock;

use declutter::dom::{Dom, NodeIx};
use declutter::{ClutterBlock, ClutterKind, Extraction, Options};
use serde_json::Value;

/// The page, as the repository ships it (the same bytes as the shared
/// fixture's `page.html`); the expectations stay with the fixture.
const PAGE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/newsmax-kazakhstan.html"
);
const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/fixtures/newsmax-kazakhstan"
);

struct Fixture {
    html: String,
    expected: Value,
    url: String,
    extraction: Extraction,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let bytes = std::fs::read(PAGE).expect("read the sample page");
        let html = declutter::decode::decode_html(&bytes);
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(format!("{DIR}/expected.json")).expect("read expected.json"),
        )
        .expect("expected.json is JSON");
        let url = expected["url"].as_str().expect("url").to_string();
        let extraction = declutter::extract(&html, &url, &Options::default());
        Fixture {
            html,
            expected,
            url,
            extraction,
        }
    })
}

// ---------------------------------------------------------------- helpers

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("expected an array in expected.json, got {v}"))
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

fn expected_str(path: &[&str]) -> String {
    let mut v = &fixture().expected;
    for key in path {
        v = &v[*key];
    }
    v.as_str()
        .unwrap_or_else(|| panic!("expected.json has no string at {path:?}"))
        .to_string()
}

/// Every clutter string (newsletter, comments, repeated_copyright, ...).
fn clutter_strings() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (group, list) in fixture().expected["clutter"].as_object().expect("clutter") {
        for s in strings(list) {
            out.push((group.clone(), s));
        }
    }
    out
}

fn not_in_reader() -> Vec<String> {
    strings(&fixture().expected["not_in_reader"])
}

/// The article's headings and paragraphs in the order the page has them.
fn article_blocks_in_page_order() -> Vec<String> {
    let f = fixture();
    let mut blocks = strings(&f.expected["article"]["paragraphs"]);
    blocks.extend(strings(&f.expected["article"]["headings"]));
    let dom = Dom::parse(&f.html);
    let page_text = dom.text(dom.body().expect("body"));
    let mut positioned: Vec<(usize, String)> = blocks
        .into_iter()
        .map(|b| {
            let at = page_text
                .find(&collapse(&b))
                .unwrap_or_else(|| panic!("expected.json text not on the page: {b:?}"));
            (at, b)
        })
        .collect();
    positioned.sort();
    positioned.into_iter().map(|(_, b)| b).collect()
}

/// Visible text of an HTML document or fragment, entities decoded,
/// whitespace collapsed.
fn html_text(html: &str) -> String {
    let dom = Dom::parse(html);
    collapse(&dom.text(0))
}

/// All text of an HTML document including `<title>` and other head text.
fn html_all_text(html: &str) -> String {
    let dom = Dom::parse(html);
    collapse(&dom.raw_text(0))
}

/// Markdown with backslash escapes and character references undone, so
/// `\[to Russian\]` compares equal to `[to Russian]`.
fn unescape_markdown(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    decode_entities(&out)
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Checks that every needle occurs in `haystack`, in the given order.
/// Returns one line per problem.
fn check_in_order(what: &str, haystack: &str, needles: &[String]) -> Vec<String> {
    let haystack = collapse(haystack);
    let mut problems = Vec::new();
    let mut from = 0usize;
    for needle in needles {
        let needle = collapse(needle);
        match haystack[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None if haystack.contains(&needle) => {
                problems.push(format!("{what}: out of order: {needle:?}"))
            }
            None => problems.push(format!("{what}: missing: {needle:?}")),
        }
    }
    problems
}

fn check_absent(what: &str, haystack: &str, forbidden: &[String]) -> Vec<String> {
    let haystack = collapse(haystack);
    forbidden
        .iter()
        .filter(|s| haystack.contains(&collapse(s)))
        .map(|s| format!("{what}: must not contain {s:?}"))
        .collect()
}

fn assert_no_problems(problems: Vec<String>) {
    assert!(
        problems.is_empty(),
        "{} problem(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

fn article() -> &'static declutter::Article {
    fixture()
        .extraction
        .article
        .as_ref()
        .expect("no article was found on the Newsmax page")
}

fn forbidden_strings() -> Vec<String> {
    let mut all: Vec<String> = clutter_strings().into_iter().map(|(_, s)| s).collect();
    all.extend(not_in_reader());
    all
}

// ---------------------------------------------------------------- metadata

#[test]
fn metadata_title() {
    let m = &fixture().extraction.metadata;
    assert_eq!(
        m.title.as_deref(),
        Some(expected_str(&["metadata", "title"]).as_str())
    );
}

#[test]
fn metadata_site_name() {
    let m = &fixture().extraction.metadata;
    assert_eq!(
        m.site_name.as_deref(),
        Some(expected_str(&["metadata", "site_name"]).as_str())
    );
}

#[test]
fn metadata_byline() {
    let m = &fixture().extraction.metadata;
    assert_eq!(
        m.byline.as_deref().map(str::trim),
        Some(expected_str(&["metadata", "byline"]).as_str())
    );
}

#[test]
fn metadata_language() {
    let m = &fixture().extraction.metadata;
    let want = expected_str(&["metadata", "lang"]);
    let got = m.language.as_deref().unwrap_or("");
    assert!(
        got.eq_ignore_ascii_case(&want),
        "language: got {:?}, want {want:?}",
        m.language
    );
}

/// The same instant as the expected ISO 8601 time (an engine may keep the
/// page's offset or normalise to UTC; both name the same moment).
#[test]
fn metadata_published() {
    let m = &fixture().extraction.metadata;
    let want = expected_str(&["metadata", "published"]);
    let got = m
        .published_time
        .as_deref()
        .unwrap_or_else(|| panic!("no published time; want {want:?}"));
    if got != want {
        let (g, w) = (instant(got), instant(&want));
        assert!(
            g.is_some() && g == w,
            "published time: got {got:?}, want {want:?} (or the same instant)"
        );
    }
}

/// Seconds since 1970 of `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`.
fn instant(s: &str) -> Option<i64> {
    let num = |a: usize, b: usize| s.get(a..b)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    if !matches!(s.as_bytes().get(10), Some(b'T') | Some(b' ')) {
        return None;
    }
    let (h, mi) = (num(11, 13)?, num(14, 16)?);
    let mut rest = &s[16..];
    let mut sec = 0;
    if let Some(r) = rest.strip_prefix(':') {
        sec = r.get(0..2)?.parse::<i64>().ok()?;
        rest = &r[2..];
        if let Some(r) = rest.strip_prefix('.') {
            rest = r.trim_start_matches(|c: char| c.is_ascii_digit());
        }
    }
    let offset = match rest {
        "Z" | "z" | "+00:00" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let oh: i64 = rest.get(1..3)?.parse().ok()?;
            let om: i64 = rest.get(rest.len() - 2..)?.parse().ok()?;
            sign * (oh * 3600 + om * 60)
        }
    };
    // Days from civil (Howard Hinnant's algorithm).
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * (if mo > 2 { mo - 3 } else { mo + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

#[test]
fn metadata_excerpt() {
    let m = &fixture().extraction.metadata;
    let want = expected_str(&["metadata", "excerpt_starts_with"]);
    let got = m.excerpt.as_deref().unwrap_or("");
    assert!(
        collapse(got).starts_with(&want),
        "excerpt {:?} should start with {want:?}",
        m.excerpt
    );
}

// ---------------------------------------------------------------- article

#[test]
fn text_has_heading_and_every_paragraph_in_order() {
    assert_no_problems(check_in_order(
        "article.text",
        &article().text,
        &article_blocks_in_page_order(),
    ));
}

#[test]
fn markdown_has_heading_and_every_paragraph_in_order() {
    assert_no_problems(check_in_order(
        "article.markdown",
        &unescape_markdown(&article().markdown),
        &article_blocks_in_page_order(),
    ));
}

#[test]
fn markdown_keeps_the_heading_as_a_heading() {
    let heading = strings(&fixture().expected["article"]["headings"]);
    let md = unescape_markdown(&article().markdown);
    for h in heading {
        assert!(
            md.lines()
                .any(|l| l.trim_start().starts_with('#') && l.trim_start_matches('#').trim() == h),
            "Markdown should have {h:?} as an ATX heading line:\n{}",
            article().markdown
        );
    }
}

#[test]
fn html_has_heading_and_every_paragraph_in_order() {
    assert_no_problems(check_in_order(
        "article.html",
        &html_text(&article().html),
        &article_blocks_in_page_order(),
    ));
}

#[test]
fn html_keeps_paragraphs_and_the_heading_as_elements() {
    let dom = Dom::parse(&article().html);
    let texts_of = |tags: &[&str]| -> Vec<String> {
        dom.elements()
            .filter(|&e| tags.iter().any(|t| dom.is_tag(e, t)))
            .map(|e| collapse(&dom.text(e)))
            .collect()
    };
    let paragraphs = texts_of(&["p"]);
    let headings = texts_of(&["h1", "h2", "h3", "h4", "h5", "h6"]);
    let mut problems = Vec::new();
    for p in strings(&fixture().expected["article"]["paragraphs"]) {
        if !paragraphs.contains(&collapse(&p)) {
            problems.push(format!("article.html has no <p> holding exactly {p:?}"));
        }
    }
    for h in strings(&fixture().expected["article"]["headings"]) {
        if !headings.contains(&collapse(&h)) {
            problems.push(format!("article.html has no heading element holding {h:?}"));
        }
    }
    assert_no_problems(problems);
}

#[test]
fn markdown_export_document_has_title_heading_and_paragraphs_in_order() {
    let f = fixture();
    let doc = declutter::export::markdown_document(&f.extraction, &f.url);
    let mut needles = vec![expected_str(&["metadata", "title"])];
    needles.extend(article_blocks_in_page_order());
    assert_no_problems(check_in_order(
        "markdown export",
        &unescape_markdown(&doc),
        &needles,
    ));
}

#[test]
fn html_export_document_has_title_heading_and_paragraphs_in_order() {
    let f = fixture();
    let doc = declutter::export::html_document(&f.extraction, &f.url);
    let mut problems = Vec::new();
    let dom = Dom::parse(&doc);
    let title_el = dom
        .first_by_tag("title")
        .map(|t| collapse(&dom.raw_text(t)));
    let want_title = expected_str(&["metadata", "title"]);
    if !title_el.as_deref().is_some_and(|t| t.contains(&want_title)) {
        problems.push(format!(
            "html export: <title> is {title_el:?}, should hold {want_title:?}"
        ));
    }
    let mut needles = vec![want_title];
    needles.extend(article_blocks_in_page_order());
    problems.extend(check_in_order(
        "html export body",
        &html_text(&doc),
        &needles,
    ));
    assert_no_problems(problems);
}

#[test]
fn no_clutter_or_not_in_reader_strings_in_text() {
    assert_no_problems(check_absent(
        "article.text",
        &article().text,
        &forbidden_strings(),
    ));
}

#[test]
fn no_clutter_or_not_in_reader_strings_in_markdown() {
    assert_no_problems(check_absent(
        "article.markdown",
        &unescape_markdown(&article().markdown),
        &forbidden_strings(),
    ));
}

#[test]
fn no_clutter_or_not_in_reader_strings_in_html() {
    assert_no_problems(check_absent(
        "article.html",
        &html_all_text(&article().html),
        &forbidden_strings(),
    ));
}

/// The whole export documents, front matter and `<head>` included.
#[test]
fn no_clutter_or_not_in_reader_strings_in_export_documents() {
    article(); // An empty document proves nothing.
    let f = fixture();
    let md = declutter::export::markdown_document(&f.extraction, &f.url);
    let html = declutter::export::html_document(&f.extraction, &f.url);
    let mut problems = check_absent(
        "markdown export",
        &unescape_markdown(&md),
        &forbidden_strings(),
    );
    problems.extend(check_absent(
        "html export",
        &html_all_text(&html),
        &forbidden_strings(),
    ));
    assert_no_problems(problems);
}

// ---------------------------------------------------------------- clutter plan

struct Plan {
    dom: Dom,
    /// Each block with the node its locator names.
    blocks: Vec<(&'static ClutterBlock, NodeIx)>,
}

fn plan() -> Plan {
    let f = fixture();
    let dom = Dom::parse(&f.html);
    let by_index: std::collections::HashMap<usize, NodeIx> = dom
        .elements()
        .filter_map(|e| dom.element_index(e).map(|i| (i, e)))
        .collect();
    let mut blocks = Vec::new();
    for block in &f.extraction.clutter {
        let node = *by_index.get(&block.locator.index).unwrap_or_else(|| {
            panic!(
                "plan block {:?} has locator index {} that names no element",
                block.kind, block.locator.index
            )
        });
        assert_eq!(
            dom.tag(node),
            Some(block.locator.tag.as_str()),
            "locator index {} names a <{}>, but the locator says <{}>",
            block.locator.index,
            dom.tag(node).unwrap_or("?"),
            block.locator.tag
        );
        blocks.push((block, node));
    }
    Plan { dom, blocks }
}

fn describe(plan: &Plan) -> String {
    let lines: Vec<String> = plan
        .blocks
        .iter()
        .map(|(b, n)| {
            format!(
                "{:?} <{}> #{}: {:?}",
                b.kind,
                plan.dom.tag(*n).unwrap_or("?"),
                b.locator.index,
                declutter::text::preview(&plan.dom.text(*n), 70)
            )
        })
        .collect();
    if lines.is_empty() {
        "the plan is empty".into()
    } else {
        format!("the plan:\n    {}", lines.join("\n    "))
    }
}

/// Every string of one clutter group is inside some block of `kind`.
fn check_group_hidden(group: &str, kind: ClutterKind) {
    let plan = plan();
    let mut problems = Vec::new();
    for s in strings(&fixture().expected["clutter"][group]) {
        let hidden = plan
            .blocks
            .iter()
            .any(|(b, n)| b.kind == kind && collapse(&plan.dom.text(*n)).contains(&collapse(&s)));
        if !hidden {
            problems.push(format!("no {} block holds {s:?}", kind.as_str()));
        }
    }
    if !problems.is_empty() {
        problems.push(describe(&plan));
    }
    assert_no_problems(problems);
}

#[test]
fn plan_marks_the_newsletter_box() {
    check_group_hidden("newsletter", ClutterKind::Newsletter);
}

#[test]
fn plan_marks_the_comments_box() {
    check_group_hidden("comments", ClutterKind::Comments);
}

/// The copyright block appears twice (desktop and mobile footers); each
/// copy, every line of it, must be inside a `repeated_boilerplate` block.
#[test]
fn plan_marks_both_copies_of_the_copyright_block() {
    let plan = plan();
    let dom = &plan.dom;
    let lines = strings(&fixture().expected["clutter"]["repeated_copyright"]);
    let holds_all = |e: NodeIx| {
        let t = collapse(&dom.text(e));
        lines.iter().all(|l| t.contains(&collapse(l)))
    };
    // A copy: the smallest element holding every line.
    let copies: Vec<NodeIx> = dom
        .elements()
        .filter(|&e| holds_all(e) && !dom.element_children(e).any(holds_all))
        .collect();
    assert_eq!(
        copies.len(),
        2,
        "the page should hold two copies of the copyright block"
    );
    let mut problems = Vec::new();
    for (i, &copy) in copies.iter().enumerate() {
        for line in &lines {
            let hidden = plan.blocks.iter().any(|(b, n)| {
                b.kind == ClutterKind::RepeatedBoilerplate
                    && (dom.contains(*n, copy) || dom.contains(copy, *n))
                    && collapse(&dom.text(*n)).contains(&collapse(line))
            });
            if !hidden {
                problems.push(format!(
                    "copy {} of the copyright block: {line:?} is in no repeated_boilerplate block",
                    i + 1
                ));
            }
        }
    }
    if !problems.is_empty() {
        problems.push(describe(&plan));
    }
    assert_no_problems(problems);
}

#[test]
fn every_block_has_a_one_line_reason() {
    let plan = plan();
    let mut problems = Vec::new();
    for (b, _) in &plan.blocks {
        if b.reason.trim().is_empty() {
            problems.push(format!(
                "{:?} block #{} has no reason",
                b.kind, b.locator.index
            ));
        }
        if b.reason.contains(['\n', '\r']) {
            problems.push(format!(
                "{:?} block #{} has a reason of several lines: {:?}",
                b.kind, b.locator.index, b.reason
            ));
        }
    }
    assert_no_problems(problems);
}

/// No block holds, or lies inside, article text. The only blocks allowed
/// inside the element that holds the paragraphs are ones with no visible
/// text at all (the in-article ad slot): they cannot hide a word.
#[test]
fn no_block_holds_or_lies_inside_article_text() {
    let plan = plan();
    let dom = &plan.dom;
    let f = fixture();
    let paragraphs = strings(&f.expected["article"]["paragraphs"]);
    let mut blocks_text = strings(&f.expected["article"]["headings"]);
    blocks_text.extend(paragraphs.iter().cloned());
    // The page's elements holding exactly an article paragraph or heading.
    let article_nodes: Vec<NodeIx> = dom
        .elements()
        .filter(|&e| {
            // Paragraph and heading elements only: the hidden microdata
            // copy of the first paragraph (a <span>) is not article text.
            if !matches!(
                dom.tag(e),
                Some("p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
            ) {
                return false;
            }
            let t = collapse(&dom.text(e));
            blocks_text.iter().any(|p| collapse(p) == t)
                && !dom.element_children(e).any(|c| collapse(&dom.text(c)) == t)
        })
        .collect();
    assert_eq!(
        article_nodes.len(),
        blocks_text.len(),
        "each paragraph and heading should be found once on the page"
    );
    // The element holding the paragraphs: the smallest one holding them all.
    let mut container = dom.parent(article_nodes[0]).expect("parent");
    while !article_nodes.iter().all(|&p| dom.contains(container, p)) {
        container = dom.parent(container).expect("a common ancestor");
    }
    let mut problems = Vec::new();
    for (b, n) in &plan.blocks {
        let n = *n;
        let text = collapse(&dom.text(n));
        let name = format!(
            "{:?} block <{}> #{} {:?}",
            b.kind,
            b.locator.tag,
            b.locator.index,
            declutter::text::preview(&text, 60)
        );
        for &p in &article_nodes {
            if dom.contains(n, p) {
                problems.push(format!(
                    "{name} contains the article text {:?}",
                    dom.text(p)
                ));
            } else if dom.contains(p, n) {
                problems.push(format!(
                    "{name} lies inside the article text {:?}",
                    dom.text(p)
                ));
            }
        }
        // The page's stylesheet hides `.nm-hidden-meta` (display:none), so
        // its copy of the first paragraph is not article text in the live
        // page; a block inside it hides nothing a reader sees.
        let in_hidden_meta = std::iter::once(n).chain(dom.ancestors(n)).any(|a| {
            dom.attr(a, "class")
                .is_some_and(|c| c.contains("nm-hidden-meta"))
        });
        for p in &blocks_text {
            if text.contains(&collapse(p))
                && !in_hidden_meta
                && !article_nodes.iter().any(|&a| dom.contains(n, a))
            {
                problems.push(format!("{name} has article text {p:?}"));
            }
        }
        if dom.contains(container, n) && container != n && !text.is_empty() {
            problems.push(format!(
                "{name} lies inside the article body and hides visible text"
            ));
        }
    }
    assert_no_problems(problems);
}

/// What expected.json allows to stay: `may_keep` lines are the article's
/// own, so no clutter string may be one of them by mistake.
#[test]
fn expected_json_is_consistent() {
    let f = fixture();
    let dom = Dom::parse(&f.html);
    let page = dom.text(dom.body().unwrap());
    for s in forbidden_strings()
        .iter()
        .chain(strings(&f.expected["article"]["may_keep"]).iter())
    {
        assert!(page.contains(&collapse(s)), "{s:?} is not on the page");
    }
}
