//! What each fuzz target runs, and what must hold of sanitised output,
//! checked by parsing it again the way a browser would. Shared by the fuzz
//! targets (which include this file with `#[path]`, being a crate of their
//! own), `tests/fuzz_regressions.rs`, `tests/properties.rs`,
//! `tests/robustness.rs` and `tests/json.rs` (`mod oracle;`), so a finding is
//! replayed through the same code and checks that caught it.
//!
//! The checks are security properties, not the exact allow-list (which
//! belongs to `src/sanitise.rs`): no element that runs, loads or submits
//! anything, no SVG or MathML, no event handler or style attribute, and
//! every URL attribute relative or `http:`, `https:` or `mailto:`.

#![allow(dead_code)]

use declutter::export;
use declutter::{Article, Extraction, Options};
use scraper::{Html, Node};

/// The page address every target passes.
pub const URL: &str = "https://example.org/news/story";

/// `extract` on arbitrary bytes: decoded as the CLI decodes a file (BOM,
/// `<meta charset>`, else UTF-8), then every export. The article HTML and
/// the standalone HTML export must pass the security checks.
pub fn extract_target(data: &[u8]) {
    let html = declutter::decode::decode_html(data);
    let x = declutter::extract(&html, URL, &Options::default());
    if let Some(article) = &x.article {
        assert_clean(
            "article HTML",
            sanitised_problems(&article.html),
            &article.html,
        );
        for (form, out) in [
            ("HTML", &article.html),
            ("text", &article.text),
            ("Markdown", &article.markdown),
        ] {
            assert_no_raw_cr(form, out);
        }
    }
    let doc = export::html_document(&x, URL);
    assert_clean("HTML export", html_document_problems(&doc), &doc);
    std::hint::black_box(export::markdown_document(&x, URL));
    std::hint::black_box(export::text_document(&x, URL));
    std::hint::black_box(export::file_name(x.metadata.title.as_deref(), "md"));
}

/// The plain-text renderer on arbitrary HTML (in the engine it only sees
/// sanitised HTML; here it gets anything).
pub fn render_text_target(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    assert_no_raw_cr("text", &declutter::render::to_text(&html));
}

/// The Markdown renderer on arbitrary HTML.
pub fn render_markdown_target(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    assert_no_raw_cr("Markdown", &declutter::render::to_markdown(&html));
}

/// `sanitise::sanitise` on arbitrary HTML, with a base URL when the first byte
/// is even and without one when it is odd, then the standalone HTML export
/// around it. Both must pass the security checks, and sanitised HTML must
/// re-sanitise to itself (else the reader, which parses it again, would
/// see another tree than the one checked).
pub fn render_html_target(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    let base = url::Url::parse(URL).expect("a URL");
    let base = data.first().is_some_and(|b| b % 2 == 0).then_some(&base);
    let clean = declutter::sanitise::sanitise(&html, base);
    assert_clean("sanitised HTML", sanitised_problems(&clean), &clean);
    assert_no_raw_cr("sanitised HTML", &clean);
    let again = declutter::sanitise::sanitise(&clean, base);
    assert_eq!(again, clean, "sanitise is not idempotent");
    let x = Extraction {
        article: Some(Article {
            html: clean,
            ..Article::default()
        }),
        ..Extraction::default()
    };
    let doc = export::html_document(&x, URL);
    assert_clean("HTML export", html_document_problems(&doc), &doc);
}

/// A carriage return never survives into an output: the HTML parser turns a
/// raw one into a line feed, so one written raw reads back as something
/// else (and in text it is a terminal control).
pub fn assert_no_raw_cr(form: &str, out: &str) {
    assert!(
        !out.contains('\r'),
        "raw carriage return in the {form}: {out:?}"
    );
    // Nor any other control character but tab and line feed: a page's
    // escape sequences never reach a terminal.
    assert!(
        !out.contains(|c: char| c.is_control() && c != '\t' && c != '\n'),
        "control character in the {form}: {out:?}"
    );
}

/// Elements that run script, load documents or plugins, submit, change the
/// base URL or refresh, or reparse their content in another way.
const FORBIDDEN_TAGS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "param",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "option",
    "keygen",
    "isindex",
    "svg",
    "math",
    "base",
    "meta",
    "link",
    "template",
    "noscript",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
    "listing",
    "title",
    "audio",
    "video",
    "source",
    "track",
    "canvas",
    "dialog",
    "portal",
    "marquee",
    "slot",
];

/// Attributes that hold a URL the browser may fetch or navigate to.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "srcset",
    "action",
    "formaction",
    "poster",
    "background",
    "cite",
    "data",
    "xlink:href",
    "ping",
    "longdesc",
    "usemap",
    "manifest",
    "codebase",
    "lowsrc",
    "dynsrc",
    "profile",
    "icon",
];

/// Attributes that must never appear, whatever their value.
const FORBIDDEN_ATTRS: &[&str] = &[
    "style",
    "srcdoc",
    "formaction",
    "action",
    "http-equiv",
    "is",
    "xmlns",
    "nonce",
];

const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// The scheme a browser would read from a URL attribute, if any: it strips
/// leading and trailing C0 controls and spaces, and drops tabs and line
/// breaks anywhere, before looking for `scheme:`.
pub fn url_scheme(value: &str) -> Option<String> {
    let cleaned: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let head = &cleaned[..colon];
    if head.contains(['/', '?', '#']) {
        return None; // a relative path with a colon later on
    }
    Some(head.to_ascii_lowercase())
}

/// Problems with one element's attributes.
fn attr_problems(tag: &str, attrs: &[(String, String)], out: &mut Vec<String>) {
    for (name, value) in attrs {
        let name = name.to_ascii_lowercase();
        if name.starts_with("on") {
            out.push(format!("<{tag}> keeps event handler {name}={value:?}"));
        }
        if FORBIDDEN_ATTRS.contains(&name.as_str()) {
            out.push(format!("<{tag}> keeps attribute {name}={value:?}"));
        }
        if URL_ATTRS.contains(&name.as_str()) {
            if let Some(scheme) = url_scheme(value) {
                if !SAFE_SCHEMES.contains(&scheme.as_str()) {
                    out.push(format!("<{tag} {name}={value:?}>: scheme {scheme:?}"));
                }
            }
        }
    }
}

fn element_problems(doc: &Html, allow: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for node in doc.tree.nodes() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let tag = el.name().to_ascii_lowercase();
        let ns: &str = &el.name.ns;
        if ns != "http://www.w3.org/1999/xhtml" {
            out.push(format!("<{tag}> in a foreign namespace ({ns})"));
        }
        if FORBIDDEN_TAGS.contains(&tag.as_str()) && !allow.contains(&tag.as_str()) {
            out.push(format!("forbidden element <{tag}>"));
        }
        let attrs: Vec<(String, String)> = el
            .attrs()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        attr_problems(&tag, &attrs, &mut out);
    }
    out
}

/// Security problems in a sanitised article fragment (as the reader
/// mounts it: parsed in a `<body>` context).
pub fn sanitised_problems(html: &str) -> Vec<String> {
    element_problems(&Html::parse_fragment(html), &[])
}

/// Security problems in a standalone HTML export: its own `<meta>`s (the
/// charset, the CSP, viewport, referrer), `<title>` and `<style>` are
/// expected; nothing else of the forbidden kind, and exactly one
/// `http-equiv`, the Content-Security-Policy.
pub fn html_document_problems(doc: &str) -> Vec<String> {
    let parsed = Html::parse_document(doc);
    let mut out = Vec::new();
    let mut http_equiv = Vec::new();
    let mut styles = 0;
    for node in parsed.tree.nodes() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        if el.name() == "style" {
            styles += 1;
        }
        if el.name() == "meta" {
            if let Some(v) = el.attr("http-equiv") {
                http_equiv.push(v.to_ascii_lowercase());
            }
        }
    }
    if http_equiv != ["content-security-policy"] {
        out.push(format!("http-equiv metas: {http_equiv:?}"));
    }
    if styles != 1 {
        out.push(format!("{styles} <style> elements, the export writes one"));
    }
    // The export's own head elements are allowed; `http-equiv` is checked above.
    for p in element_problems(&parsed, &["meta", "title", "style"]) {
        if !p.contains("keeps attribute http-equiv=") {
            out.push(p);
        }
    }
    out
}

/// Panics with every problem, naming what was checked.
pub fn assert_clean(what: &str, problems: Vec<String>, output: &str) {
    if !problems.is_empty() {
        let shown: String = output.chars().take(2000).collect();
        panic!("{what}: {}\n--- output\n{shown}", problems.join("\n"));
    }
}

/// The JSON-LD reader (`declutter::json`) against serde_json on the same
/// text: both accept or both refuse, and what both read is the same tree.
/// Three known differences are let through: a lone surrogate escape
/// (`"\ud800"`), which we read as U+FFFD and serde_json refuses; numbers
/// beyond f64's range (`1e400`), valid JSON we never convert and
/// serde_json refuses; and serde_json's recursion limit (127 levels),
/// below ours (129).
pub fn json_target(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = declutter::json::parse(text);
    match (serde_json::from_str::<serde_json::Value>(text), &ours) {
        (Ok(theirs), Some(ours)) => {
            assert!(json_same(ours, &theirs), "read differently: {text:?}");
        }
        (Ok(_), None) => panic!("refused JSON serde_json reads: {text:?}"),
        (Err(e), Some(_)) => {
            // serde_json names a lone surrogate "lone … surrogate" or, at
            // the end of a string, "unexpected end of hex escape" (an
            // escape that is truly cut short we refuse too).
            let e = e.to_string();
            let known = e.contains("surrogate")
                || e.contains("hex escape")
                || e.contains("recursion limit")
                || e.contains("number out of range");
            assert!(known, "read what serde_json refuses ({e}): {text:?}");
        }
        (Err(_), None) => {}
    }
}

/// The same tree: equal strings, booleans and nulls, a number for a number,
/// and for objects the same keys with the same (last) values.
pub fn json_same(ours: &declutter::json::Json, theirs: &serde_json::Value) -> bool {
    use declutter::json::Json;
    use serde_json::Value;
    match (ours, theirs) {
        (Json::Null, Value::Null) | (Json::Number(_), Value::Number(_)) => true,
        (Json::Bool(a), Value::Bool(b)) => a == b,
        (Json::String(a), Value::String(b)) => a == b,
        (Json::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| json_same(x, y))
        }
        (Json::Object(members), Value::Object(map)) => {
            let mut keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
            keys.sort_unstable();
            keys.dedup();
            keys.len() == map.len()
                && map
                    .iter()
                    .all(|(k, v)| ours.get(k).is_some_and(|o| json_same(o, v)))
        }
        _ => false,
    }
}
