//! Hostile markup inside an article body: none of it may survive into the
//! article's HTML, text or Markdown, or into the export documents. (The
//! browser-side half — nothing runs in reader mode — belongs to the
//! end-to-end tests.)

use declutter::{export, extract, Options};

/// Article paragraphs around each vector, so the body is surely the article.
fn page_with(vector: &str) -> String {
    let paragraph = "<p>The council approved the new budget on Tuesday after a long debate, \
        with members arguing over funding for schools, roads, parks and the library, \
        and residents filling the chamber to speak for and against the plan.</p>";
    format!(
        "<!doctype html><html><head><title>Budget approved</title></head><body>\
         <article><h1>Budget approved</h1>{p}{p}<div>{vector}</div>{p}{p}{p}</article></body></html>",
        p = paragraph
    )
}

/// The vectors, shared with the browser half (tests/e2e/hardening.test.mjs).
fn vectors() -> Vec<String> {
    include_str!("fixtures/xss/vectors.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("# "))
        .map(|l| l.replace("\\u0000", "\0"))
        .collect()
}

/// Anything here in sanitised output could run or load something.
fn dangers(html: &str) -> Vec<&'static str> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for (needle, what) in [
        ("<script", "script element"),
        ("javascript:", "javascript: URL"),
        ("vbscript:", "vbscript: URL"),
        ("data:text/html", "data: HTML URL"),
        ("<iframe", "iframe"),
        ("<object", "object"),
        ("<embed", "embed"),
        ("<svg", "svg"),
        ("<math", "math"),
        ("<style", "style element"),
        ("style=", "style attribute"),
        ("srcdoc", "srcdoc"),
        ("<meta", "meta"),
        ("<base", "base"),
        ("<link", "link"),
        ("<form", "form"),
        ("formaction", "formaction"),
        ("<template", "template"),
        ("<noscript", "noscript"),
        ("expression(", "CSS expression"),
        ("ping=", "ping attribute"),
        ("tracker.example", "a request to a tracker"),
        ("<area", "area"),
        ("poster=", "poster attribute"),
    ] {
        if lower.contains(needle) {
            found.push(what);
        }
    }
    // Any on* attribute: ` on…=` inside a tag.
    let mut in_tag = false;
    let bytes = lower.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            b' ' | b'/' | b'\t' | b'\n' if in_tag => {
                let rest = &lower[i + 1..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                if name.len() > 2
                    && name.starts_with("on")
                    && rest[name.len()..].trim_start().starts_with('=')
                {
                    found.push("event handler attribute");
                }
            }
            _ => {}
        }
    }
    found
}

#[test]
fn at_least_a_hundred_vectors() {
    assert!(vectors().len() >= 100, "only {} vectors", vectors().len());
}

#[test]
fn no_vector_survives_in_article_html_or_exports() {
    let mut failures = Vec::new();
    for vector in vectors() {
        let x = extract(
            &page_with(&vector),
            "https://example.org/news/budget",
            &Options::default(),
        );
        let Some(article) = x.article.as_ref() else {
            failures.push(format!("{vector}: no article"));
            continue;
        };
        if !article.text.contains("The council approved the new budget") {
            failures.push(format!("{vector}: article text lost"));
        }
        for (what, output) in [
            ("article html", article.html.clone()),
            (
                "html export",
                export::html_document(&x, "https://example.org/news/budget"),
            ),
        ] {
            // The export's own strict CSP meta and inline style are its
            // own, not the page's: check only the article part.
            let body = output.split("<body").nth(1).unwrap_or(&output).to_string();
            let body = body
                .split_once("</header>")
                .map_or(body.clone(), |(_, rest)| rest.to_string());
            let found = dangers(&body);
            if !found.is_empty() {
                failures.push(format!(
                    "{vector}: {what} has {found:?}: {}",
                    &body[..body.len().min(300)]
                ));
            }
        }
        // Markdown: no raw tag and no script link. (Plain text may show
        // what the page showed as text, such as an `<xmp>`'s content.)
        let markdown = article.markdown.to_ascii_lowercase();
        let raw_tag = markdown.match_indices('<').any(|(i, _)| {
            !markdown[..i].ends_with('\\')
                && markdown[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
        });
        if raw_tag || markdown.contains("](javascript:") || markdown.contains("](vbscript:") {
            failures.push(format!(
                "{vector}: markdown carries markup: {:.300}",
                article.markdown
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
