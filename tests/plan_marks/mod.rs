//! Marks on hand-written pages, checked against the live declutter plan:
//! - `data-expect-keep="why"`: no plan block is this element, holds it, or
//!   lies inside it (hiding any of it hides what the reader came for);
//! - `data-expect-clutter="KIND"`: a plan block of that kind is this element
//!   or holds it (the block is hidden whole).
//!
//! Every block the engine plans reports 0 words of the article.

use std::path::Path;

use declutter::dom::{Dom, NodeIx};
use declutter::{extract, Options};

fn planned_nodes(dom: &Dom, x: &declutter::Extraction) -> Vec<(NodeIx, &'static str)> {
    x.clutter
        .iter()
        .filter_map(|b| {
            let node = dom
                .elements()
                .find(|&ix| dom.element_index(ix) == Some(b.locator.index))?;
            Some((node, b.kind.as_str()))
        })
        .collect()
}

pub fn check(name: &str, html: &str) -> Vec<String> {
    let x = extract(html, "https://example.org/story", &Options::default());
    let dom = Dom::parse(html);
    let planned = planned_nodes(&dom, &x);
    let mut failures: Vec<String> = x
        .clutter
        .iter()
        .filter(|b| b.article_words != 0)
        .map(|b| {
            format!(
                "{name}: a {} block holds {} words of the article: {:?}",
                b.kind.as_str(),
                b.article_words,
                b.locator.fingerprint
            )
        })
        .collect();
    let mut marks = 0;
    for ix in dom.elements() {
        if let Some(why) = dom.attr(ix, "data-expect-keep") {
            marks += 1;
            for &(p, kind) in &planned {
                if p == ix || dom.contains(p, ix) || dom.contains(ix, p) {
                    failures.push(format!(
                        "{name}: {why} <{}> touched by a {kind} block: {:?}",
                        dom.tag(ix).unwrap_or(""),
                        dom.text_start(ix, 60)
                    ));
                }
            }
        }
        if let Some(kind) = dom.attr(ix, "data-expect-clutter") {
            marks += 1;
            if !planned
                .iter()
                .any(|&(p, k)| k == kind && (p == ix || dom.contains(p, ix)))
            {
                failures.push(format!(
                    "{name}: {kind} block <{}> not hidden whole: {:?}",
                    dom.tag(ix).unwrap_or(""),
                    dom.text_start(ix, 60)
                ));
            }
        }
    }
    assert!(marks > 0, "{name}: no marks to check");
    failures
}

/// Check every `.html` page in `dir` (at least `min_pages` of them) and
/// fail once, naming every page and mark that failed.
pub fn check_dir(dir: &str, min_pages: usize) {
    let mut names: Vec<_> = std::fs::read_dir(Path::new(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    names.sort();
    assert!(names.len() >= min_pages, "{dir}: the fixtures are missing");
    let failures: Vec<String> = names
        .iter()
        .flat_map(|path| {
            let html = std::fs::read_to_string(path).expect("a fixture");
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            check(&name, &html)
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
