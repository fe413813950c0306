//! Property tests over generated pages and fragments (proptest).
//!
//! Pages are trees built from a tag set that covers what the engine treats
//! specially (article structure, lists, tables, code, headings, forms,
//! links, images, script/style/template/noscript, SVG and MathML islands,
//! custom elements), hostile attributes (event handlers, `javascript:`
//! URLs, inline styles that hide, huge numbers), and text with
//! Markdown-special characters, entities, Unicode and right-to-left runs,
//! around prose paragraphs and realistic clutter blocks so that the engine
//! finds articles and clutter to check. Every text node gets a unique token
//! (`zq17`), so what reached the article can be traced back to the node it
//! came from.
//!
//! Properties:
//! - nothing panics, and the result is well-formed;
//! - every word of the article's text is drawn from the page's visible text;
//! - no clutter block holds a text node that reached the article (the
//!   invariant `tests/clutter_fixtures.rs` checks on fixtures), and every
//!   locator names an element of its tag;
//! - the text export holds no markup: no `<tag` that is not page text;
//! - Markdown escapes what it must: page text renders back as itself, raw
//!   HTML never appears outside code;
//! - sanitised HTML re-sanitises to itself, and passes the security checks
//!   the fuzz targets use (`tests/oracle/mod.rs`).
//!
//! Cases: proptest's default (256 per property), or `PROPTEST_CASES=N` for
//! longer runs (`PROPTEST_CASES=5000 cargo test --release --test properties`).
//! A failure prints the shrunk input; proptest keeps it in
//! `tests/proptest-regressions/` so it is replayed first next time.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use declutter::dom::{Dom, Kind, NodeIx};
use declutter::export;
use declutter::render::{to_markdown, to_text};
use declutter::{Extraction, Options};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

mod oracle;

const URL: &str = "https://example.org/news/story";

// ------------------------------------------------------------ the trees

/// A generated node. Text is kept raw; `render` escapes it.
#[derive(Debug, Clone)]
enum Tree {
    Text(String),
    /// Written as is: an entity or character reference.
    Entity(&'static str),
    /// `<script>`, `<style>` and the like, with raw content.
    Raw(&'static str, String),
    Void(&'static str, Vec<(String, String)>),
    Element(String, Vec<(String, String)>, Vec<Tree>),
}

/// Container and inline tags, custom elements included.
const TAGS: &[&str] = &[
    "p",
    "div",
    "article",
    "section",
    "aside",
    "nav",
    "header",
    "footer",
    "main",
    "form",
    "a",
    "ul",
    "ol",
    "li",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "code",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "span",
    "em",
    "strong",
    "b",
    "i",
    "blockquote",
    "figure",
    "figcaption",
    "details",
    "summary",
    "button",
    "label",
    "q",
    "template",
    "noscript",
    "svg",
    "math",
    "foreignObject",
    "mi",
    "x-card",
    "my-widget",
    "custom-element",
    "font",
    "center",
    "dl",
    "dt",
    "dd",
];

const VOIDS: &[&str] = &["img", "input", "br", "hr", "source", "meta", "link"];

/// Words of visible text: prose, the engine's clutter vocabulary, and
/// Markdown-special, HTML-looking, Unicode and right-to-left pieces.
const WORDS: &[&str] = &[
    "the",
    "council",
    "approved",
    "budget",
    "after",
    "debate,",
    "residents",
    "said",
    "water",
    "pipes",
    "will",
    "be",
    "replaced",
    "before",
    "winter,",
    "and",
    "schools",
    "Share",
    "Subscribe",
    "newsletter",
    "Comments",
    "Related",
    "Advertisement",
    "cookies",
    "©",
    "*x*",
    "_y_",
    "**z**",
    "# x",
    "## h",
    "[a](b)",
    "![i](j)",
    "`tick`",
    "``",
    "<b>",
    "</p>",
    "<script>alert(1)</script>",
    "&amp;",
    "&copy;",
    "1.",
    "2)",
    "-",
    "+",
    "=",
    ">",
    "|",
    "~~s~~",
    "\\",
    "\\*",
    "---",
    "***",
    "<!--",
    "café",
    "naïve",
    "中文",
    "日本語",
    "Ελληνικά",
    "שלום",
    "עולם",
    "مرحبا",
    "\u{202E}evil\u{202C}",
    "\u{200F}",
    "e\u{301}",
    "👩\u{200D}💻",
    "\u{00A0}",
    "x\u{0}y",
    "\u{FFFD}",
];

/// Entities, written raw into the HTML.
const ENTITIES: &[&str] = &[
    "&amp;",
    "&lt;",
    "&gt;",
    "&lt;b&gt;",
    "&nbsp;",
    "&#x202E;",
    "&eacute;",
    "&#0;",
    "&#xD800;",
    "&notanentity;",
    "&amp;amp;",
    "&#96;",
    "&ast;",
];

/// Attribute values no renderer may ever print as text.
const ATTR_MARK: &str = "attrmarkword";
/// Text of script and style bodies, which is never page text.
const RAW_MARK: &str = "rawmarkword";

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..8).prop_map(|w| w.join(" "))
}

fn attr_strategy() -> impl Strategy<Value = (String, String)> {
    let class_words = prop::sample::select(
        &[
            "ad",
            "ad-slot",
            "share",
            "social",
            "newsletter",
            "related",
            "comments",
            "cookie-banner",
            "footer",
            "content",
            "article-body",
            "post",
            "sidebar",
            "promo",
            "hidden",
            "language-rust",
        ][..],
    );
    prop_oneof![
        class_words.prop_map(|c| ("class".to_string(), c.to_string())),
        (0u32..5).prop_map(|i| ("id".to_string(), format!("id{i}"))),
        Just(("hidden".to_string(), String::new())),
        Just(("style".to_string(), "display:none".to_string())),
        Just(("aria-hidden".to_string(), "true".to_string())),
        Just(("role".to_string(), "complementary".to_string())),
        Just(("dir".to_string(), "rtl".to_string())),
        Just(("lang".to_string(), "he".to_string())),
        Just(("title".to_string(), ATTR_MARK.to_string())),
        Just(("alt".to_string(), ATTR_MARK.to_string())),
        Just(("data-x".to_string(), ATTR_MARK.to_string())),
        Just(("onclick".to_string(), format!("alert('{ATTR_MARK}')"))),
        Just(("onerror".to_string(), format!("alert('{ATTR_MARK}')"))),
        Just(("ONMOUSEOVER".to_string(), "x()".to_string())),
        Just((
            "href".to_string(),
            format!("javascript:alert('{ATTR_MARK}')")
        )),
        Just(("href".to_string(), " JaVa\tScRiPt:alert(1)".to_string())),
        Just(("href".to_string(), "vbscript:x".to_string())),
        Just((
            "href".to_string(),
            "data:text/html,<script>x</script>".to_string()
        )),
        Just(("href".to_string(), "/relative/path?a=1&b=2".to_string())),
        Just(("href".to_string(), "https://example.com/a b(c)".to_string())),
        Just(("href".to_string(), "https://twitter.com/share".to_string())),
        // Upper case before non-ASCII in a host: see fuzz/regressions/.
        Just((
            "href".to_string(),
            "https://B\u{fc}cher.example/a".to_string()
        )),
        Just(("src".to_string(), "javascript:x".to_string())),
        Just(("src".to_string(), "/img/a.jpg".to_string())),
        Just((
            "srcset".to_string(),
            "a.jpg 1x, javascript:x 2x".to_string()
        )),
        Just(("data-src".to_string(), "/img/lazy.jpg".to_string())),
        Just(("srcdoc".to_string(), "<script>x</script>".to_string())),
        Just((
            "style".to_string(),
            "background:url(javascript:x)".to_string()
        )),
        Just(("colspan".to_string(), "99999999999".to_string())),
        Just(("rowspan".to_string(), "0".to_string())),
        Just(("start".to_string(), "18446744073709551615".to_string())),
        Just(("start".to_string(), "-5".to_string())),
        Just(("type".to_string(), "email".to_string())),
        Just(("xlink:href".to_string(), "javascript:x".to_string())),
        Just(("formaction".to_string(), "javascript:x".to_string())),
    ]
}

fn leaf_strategy() -> impl Strategy<Value = Tree> {
    prop_oneof![
        6 => text_strategy().prop_map(Tree::Text),
        1 => prop::sample::select(ENTITIES).prop_map(Tree::Entity),
        1 => (
            prop::sample::select(&["script", "style", "textarea", "title", "xmp"][..]),
            text_strategy()
        )
            .prop_map(|(tag, t)| Tree::Raw(tag, t)),
        1 => (
            prop::sample::select(VOIDS),
            prop::collection::vec(attr_strategy(), 0..3)
        )
            .prop_map(|(tag, attrs)| Tree::Void(tag, attrs)),
    ]
}

fn tree_strategy() -> impl Strategy<Value = Tree> {
    leaf_strategy().prop_recursive(6, 48, 6, |inner| {
        (
            prop::sample::select(TAGS),
            prop::collection::vec(attr_strategy(), 0..3),
            prop::collection::vec(inner, 0..6),
        )
            .prop_map(|(tag, attrs, children)| Tree::Element(tag.to_string(), attrs, children))
    })
}

/// A prose paragraph: long enough, with commas, to score as article text.
fn prose_strategy() -> impl Strategy<Value = Tree> {
    (
        prop::collection::vec(0usize..PROSE.len(), 3..7),
        prop::option::of(tree_strategy()),
    )
        .prop_map(|(picks, inline)| {
            let text: Vec<&str> = picks.iter().map(|&i| PROSE[i]).collect();
            let mut children = vec![Tree::Text(text.join(" "))];
            if let Some(t) = inline {
                children.push(t);
                children.push(Tree::Text("and the meeting went on, late.".into()));
            }
            Tree::Element("p".into(), Vec::new(), children)
        })
}

const PROSE: &[&str] = &[
    "The council approved the new budget on Tuesday after a long debate,",
    "with members arguing over funding for schools, roads, parks and the library,",
    "while residents filled the chamber to speak for and against the plan.",
    "Officials said the water board would replace the old pipes under the town,",
    "a project that has been delayed twice, and which will cost more than planned.",
    "The mayor, speaking after the vote, thanked the committee for its work,",
    "and promised a public review of the spending, district by district, next year.",
    "Critics said the plan left the poorest neighbourhoods waiting, again, for repairs.",
];

/// Clutter the engine should recognise, each with some text.
fn clutter_strategy() -> impl Strategy<Value = Tree> {
    let el = |tag: &str, attrs: &[(&str, &str)], children: Vec<Tree>| {
        Tree::Element(
            tag.to_string(),
            attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            children,
        )
    };
    let t = |s: &str| Tree::Text(s.to_string());
    let newsletter = el(
        "div",
        &[("class", "newsletter-signup")],
        vec![
            el("h3", &[], vec![t("Get the morning briefing")]),
            el(
                "p",
                &[],
                vec![t(
                    "Sign up for our newsletter and get the top stories in your inbox.",
                )],
            ),
            el(
                "form",
                &[("action", "/subscribe")],
                vec![
                    Tree::Void("input", vec![("type".into(), "email".into())]),
                    el("button", &[], vec![t("Subscribe")]),
                ],
            ),
        ],
    );
    let share = el(
        "div",
        &[("class", "share-bar")],
        vec![
            el(
                "a",
                &[("href", "https://twitter.com/intent/tweet")],
                vec![t("Share on X")],
            ),
            el(
                "a",
                &[("href", "https://www.facebook.com/sharer.php")],
                vec![t("Share on Facebook")],
            ),
        ],
    );
    let cookie = el(
        "div",
        &[("class", "cookie-consent"), ("role", "dialog")],
        vec![
            el(
                "p",
                &[],
                vec![t("We use cookies to improve your experience on our site.")],
            ),
            el("button", &[], vec![t("Accept all")]),
        ],
    );
    let related = el(
        "aside",
        &[("class", "related")],
        vec![
            el("h4", &[], vec![t("Related stories")]),
            el(
                "ul",
                &[],
                vec![
                    el(
                        "li",
                        &[],
                        vec![el(
                            "a",
                            &[("href", "/a")],
                            vec![t("Another story about the council")],
                        )],
                    ),
                    el(
                        "li",
                        &[],
                        vec![el(
                            "a",
                            &[("href", "/b")],
                            vec![t("What the budget means for you")],
                        )],
                    ),
                ],
            ),
        ],
    );
    let ad = el(
        "div",
        &[("class", "ad-slot"), ("id", "ad-top")],
        vec![el("span", &[], vec![t("Advertisement")])],
    );
    let comments = el(
        "section",
        &[("id", "comments"), ("class", "comments")],
        vec![
            el("h3", &[], vec![t("Comments (12)")]),
            el(
                "p",
                &[],
                vec![t("Great reporting, thanks for covering this.")],
            ),
        ],
    );
    let app = el(
        "div",
        &[("class", "app-promo")],
        vec![
            t("Download our app for breaking news alerts."),
            el("a", &[("href", "/app")], vec![t("Get the app")]),
        ],
    );
    let footer = el(
        "footer",
        &[],
        vec![el(
            "p",
            &[],
            vec![t("© 2026 Example News. All rights reserved.")],
        )],
    );
    prop::sample::select(vec![
        newsletter, share, cookie, related, ad, comments, app, footer,
    ])
}

#[derive(Debug, Clone)]
struct Page {
    title: String,
    lang: &'static str,
    /// Body blocks; `article` wraps those with `in_article`.
    blocks: Vec<(bool, Tree)>,
    /// Prose paragraphs placed inside a clutter-looking wrapper.
    disguised: Option<Tree>,
}

fn block_strategy() -> impl Strategy<Value = Tree> {
    prop_oneof![
        4 => prose_strategy(),
        3 => tree_strategy(),
        2 => clutter_strategy(),
    ]
}

fn page_strategy() -> impl Strategy<Value = Page> {
    (
        text_strategy(),
        prop::sample::select(&["en", "he", "ar", "zh", "", "x-bogus"][..]),
        prop::collection::vec((any::<bool>(), block_strategy()), 1..14),
        prop::option::of((clutter_strategy(), prose_strategy())),
    )
        .prop_map(|(title, lang, blocks, disguised)| Page {
            title,
            lang,
            blocks,
            disguised: disguised.map(|(wrapper, prose)| match wrapper {
                // Article prose inside a block that looks like clutter.
                Tree::Element(tag, attrs, mut children) => {
                    children.push(prose);
                    Tree::Element(tag, attrs, children)
                }
                other => other,
            }),
        })
}

// ------------------------------------------------------------ rendering

fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
}

fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
}

/// Writes trees as HTML, giving every text node a unique token.
struct Writer {
    out: String,
    tokens: usize,
}

impl Writer {
    fn new() -> Self {
        Writer {
            out: String::new(),
            tokens: 0,
        }
    }

    fn attrs(&mut self, attrs: &[(String, String)]) {
        for (k, v) in attrs {
            let _ = write!(self.out, " {k}=\"");
            escape_attr(v, &mut self.out);
            self.out.push('"');
        }
    }

    fn tree(&mut self, t: &Tree) {
        // Explicit stack: generated trees are shallow, but no recursion
        // anywhere keeps this honest.
        enum Step<'a> {
            Open(&'a Tree),
            Close(&'a str),
        }
        let mut stack = vec![Step::Open(t)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Close(tag) => {
                    let _ = write!(self.out, "</{tag}>");
                }
                Step::Open(Tree::Text(s)) => {
                    self.tokens += 1;
                    escape_text(s, &mut self.out);
                    let _ = write!(self.out, " zq{} ", self.tokens);
                }
                Step::Open(Tree::Entity(e)) => self.out.push_str(e),
                Step::Open(Tree::Raw(tag, body)) => {
                    // `<xmp>` shows its raw text; the others never show theirs.
                    let mark = if *tag == "xmp" { "" } else { RAW_MARK };
                    let _ = write!(self.out, "<{tag}>{mark} ");
                    // Raw text ends at `</tag`: keep that out of the body.
                    self.out.push_str(&body.replace("</", "< /"));
                    let _ = write!(self.out, "</{tag}>");
                }
                Step::Open(Tree::Void(tag, attrs)) => {
                    let _ = write!(self.out, "<{tag}");
                    self.attrs(attrs);
                    self.out.push('>');
                }
                Step::Open(Tree::Element(tag, attrs, children)) => {
                    let _ = write!(self.out, "<{tag}");
                    self.attrs(attrs);
                    self.out.push('>');
                    stack.push(Step::Close(tag));
                    for c in children.iter().rev() {
                        stack.push(Step::Open(c));
                    }
                }
            }
        }
    }
}

fn render_page(page: &Page) -> String {
    let mut w = Writer::new();
    w.out.push_str("<!DOCTYPE html><html");
    if !page.lang.is_empty() {
        let _ = write!(w.out, " lang=\"{}\"", page.lang);
    }
    w.out.push_str("><head><meta charset=utf-8><title>");
    escape_text(&page.title, &mut w.out);
    w.out.push_str("</title></head><body>");
    let mut in_article = false;
    for (article, block) in &page.blocks {
        if *article != in_article {
            w.out
                .push_str(if *article { "<article>" } else { "</article>" });
            in_article = *article;
        }
        w.tree(block);
    }
    if in_article {
        w.out.push_str("</article>");
    }
    if let Some(d) = &page.disguised {
        w.tree(d);
    }
    w.out.push_str("</body></html>");
    w.out
}

fn render_fragment(tree: &Tree) -> String {
    let mut w = Writer::new();
    w.tree(tree);
    w.out
}

/// No wrappers, or 40 to 60 of them: deep enough to cross the
/// serialiser's depth cap (48 open elements).
fn wrappers_strategy() -> impl Strategy<Value = Vec<&'static str>> {
    // Mostly block wrappers the serialiser writes, so the depth grows.
    let tag = prop_oneof![
        5 => Just("div"),
        2 => Just("section"),
        1 => Just("article"),
        2 => Just("blockquote"),
        1 => Just("span"),
        1 => Just("b"),
        1 => Just("table"),
        1 => Just("custom-el"),
    ];
    prop_oneof![
        2 => Just(Vec::new()),
        1 => prop::collection::vec(tag, 40..70),
    ]
}

fn wrap(html: &str, wrappers: &[&str]) -> String {
    let mut out = String::new();
    for w in wrappers {
        let _ = write!(out, "<{w}>");
    }
    out.push_str(html);
    for w in wrappers.iter().rev() {
        let _ = write!(out, "</{w}>");
    }
    out
}

// ------------------------------------------------------------ checks

fn words(s: &str) -> Vec<&str> {
    declutter::text::words(s).collect()
}

fn is_token(w: &str) -> bool {
    w.len() > 2 && w.starts_with("zq") && w[2..].bytes().all(|b| b.is_ascii_digit())
}

/// The page's text as a reader may see it, text nodes concatenated as
/// inline text would be: script, style, template, noscript, head and the
/// like left out, and hidden elements either left out (as a browser shows
/// the page) or kept (as the engine's last resort reads them). Either way
/// is page text.
struct PageText {
    shown: String,
    with_hidden: String,
}

impl PageText {
    fn of(dom: &Dom) -> Self {
        let (mut shown, mut with_hidden) = (String::new(), String::new());
        for i in 0..dom.len() {
            let n = dom.node(i);
            if n.kind == Kind::Text && !n.invisible {
                let t = dom.text_node(i).unwrap_or("");
                with_hidden.push_str(t);
                if !n.hidden {
                    shown.push_str(t);
                }
            }
        }
        PageText { shown, with_hidden }
    }

    fn contains(&self, s: &str) -> bool {
        self.shown.contains(s) || self.with_hidden.contains(s)
    }
}

/// A line without its list markers (`- `, `3. `), which the text renderer
/// adds.
fn strip_markers(line: &str) -> &str {
    let mut l = line.trim_start();
    loop {
        if let Some(rest) = l.strip_prefix("- ") {
            l = rest.trim_start();
            continue;
        }
        let digits = l.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            if let Some(rest) = l[digits..].strip_prefix(". ") {
                l = rest.trim_start();
                continue;
            }
        }
        return l;
    }
}

fn check_well_formed(x: &Extraction) -> Result<(), TestCaseError> {
    if let Some(a) = &x.article {
        prop_assert!(!a.text.trim().is_empty(), "article without text");
        prop_assert!(a.word_count > 0, "article without words");
        prop_assert!(!a.html.trim().is_empty(), "article without HTML");
    }
    prop_assert!(x.readerable.score.is_finite());
    for b in &x.clutter {
        prop_assert!(
            !b.reason.trim().is_empty() && !b.reason.contains('\n'),
            "reason {:?}",
            b.reason
        );
    }
    Ok(())
}

/// Every article word is page text (list numbers aside).
fn check_words_from_page(dom: &Dom, x: &Extraction) -> Result<(), TestCaseError> {
    let Some(a) = &x.article else { return Ok(()) };
    let page = PageText::of(dom);
    for line in a.text.lines() {
        for w in words(strip_markers(line)) {
            prop_assert!(
                page.contains(w),
                "article word {w:?} (line {line:?}) is not in the page's visible text"
            );
        }
    }
    prop_assert!(
        !a.text.contains(ATTR_MARK),
        "an attribute value reached the text"
    );
    prop_assert!(
        !a.text.contains(RAW_MARK),
        "script or style text reached the article"
    );
    prop_assert!(
        !a.markdown.contains(RAW_MARK),
        "script or style text reached the Markdown"
    );
    Ok(())
}

/// No clutter block holds a text node whose (unique) token reached the
/// article, and every locator names an element of its tag.
fn check_clutter_outside_article(dom: &Dom, x: &Extraction) -> Result<(), TestCaseError> {
    let by_index: HashMap<usize, NodeIx> = dom
        .elements()
        .filter_map(|e| dom.element_index(e).map(|i| (i, e)))
        .collect();
    // Tokens standing in one text node only (a parser may duplicate nodes,
    // as it does for mis-nested formatting elements).
    let mut owners: HashMap<&str, usize> = HashMap::new();
    for i in 0..dom.len() {
        if dom.node(i).kind == Kind::Text {
            for w in words(dom.text_node(i).unwrap_or("")) {
                if is_token(w) {
                    *owners.entry(w).or_default() += 1;
                }
            }
        }
    }
    let kept: HashSet<&str> = x
        .article
        .as_ref()
        .map(|a| words(&a.text).into_iter().filter(|w| is_token(w)).collect())
        .unwrap_or_default();
    for block in &x.clutter {
        let node = by_index.get(&block.locator.index).copied();
        prop_assert!(
            node.is_some_and(|n| dom.tag(n) == Some(block.locator.tag.as_str())),
            "locator {} <{}> names {:?}",
            block.locator.index,
            block.locator.tag,
            node.and_then(|n| dom.tag(n))
        );
        let node = node.expect("checked");
        for i in node..dom.end(node) {
            if dom.node(i).kind != Kind::Text || dom.node(i).invisible {
                continue;
            }
            for w in words(dom.text_node(i).unwrap_or("")) {
                prop_assert!(
                    !(is_token(w) && owners.get(w) == Some(&1) && kept.contains(w)),
                    "{} block <{}> #{} holds article text {:?} (token {w})",
                    block.kind.as_str(),
                    block.locator.tag,
                    block.locator.index,
                    dom.text_node(i).unwrap_or("")
                );
            }
        }
    }
    Ok(())
}

/// `<name`, `</name` and `<!` sequences in `s` that look like markup.
fn markup_like(s: &str) -> Vec<String> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    for (i, _) in s.match_indices('<') {
        let rest = &b[i + 1..];
        let start = usize::from(rest.first() == Some(&b'/'));
        let name_len = rest[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
            .count();
        let starts_alpha = rest.get(start).is_some_and(u8::is_ascii_alphabetic);
        if starts_alpha || rest.first() == Some(&b'!') {
            out.push(s[i..i + 1 + start + name_len.max(1)].to_string());
        }
    }
    out
}

/// The text export holds no markup: every `<tag` in it is page text.
fn check_text_has_no_markup(dom: &Dom, x: &Extraction) -> Result<(), TestCaseError> {
    let page = PageText::of(dom);
    // The title is page text too (the export prints it).
    let title = dom
        .first_by_tag("title")
        .map(|t| dom.text(t))
        .unwrap_or_default();
    let doc = export::text_document(x, URL);
    for what in [x.article.as_ref().map_or("", |a| a.text.as_str()), &doc] {
        for m in markup_like(what) {
            prop_assert!(
                page.contains(&m)
                    || title.contains(&m)
                    || x.metadata.title.as_deref().is_some_and(|t| t.contains(&m)),
                "markup {m:?} in the text export, not page text:\n{what}"
            );
        }
        prop_assert!(
            !what.contains(ATTR_MARK),
            "an attribute value in the text export"
        );
    }
    Ok(())
}

/// Drop code spans, fenced code blocks and link destinations from Markdown,
/// leaving the text a reader sees as text (still escaped).
fn outside_code(md: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<usize> = None;
    for line in md.lines() {
        let content = container_content(line);
        let ticks = content.bytes().take_while(|&b| b == b'`').count();
        if let Some(open) = fence {
            if ticks >= open && content[ticks..].trim().is_empty() {
                fence = None;
            }
            continue;
        }
        // A fence opener's info string holds no backtick; a line that
        // starts with a long code span is not a fence.
        if ticks >= 3 && !content[ticks..].contains('`') {
            fence = Some(ticks);
            continue;
        }
        out.push_str(&strip_inline_code(line));
        out.push('\n');
    }
    out
}

/// A Markdown line without its container prefixes: indentation, quote
/// markers and list markers.
fn container_content(line: &str) -> &str {
    let mut l = line;
    loop {
        let t = l.trim_start_matches([' ', '>']);
        let t = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("* "))
            .or_else(|| t.strip_prefix("+ "))
            .unwrap_or(t);
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let t = if digits > 0 {
            t[digits..]
                .strip_prefix(". ")
                .or_else(|| t[digits..].strip_prefix(") "))
                .unwrap_or(t)
        } else {
            t
        };
        if t.len() == l.len() {
            return t;
        }
        l = t;
    }
}

fn strip_inline_code(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() {
            out.push(c);
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '`' {
            let n = chars[i..].iter().take_while(|&&c| c == '`').count();
            // The closing run: exactly n backticks.
            let mut j = i + n;
            let mut closed = None;
            while j < chars.len() {
                if chars[j] == '`' {
                    let m = chars[j..].iter().take_while(|&&c| c == '`').count();
                    if m == n {
                        closed = Some(j + m);
                        break;
                    }
                    j += m;
                } else {
                    j += 1;
                }
            }
            if let Some(end) = closed {
                out.push_str("CODE");
                i = end;
                continue;
            }
            out.extend(&chars[i..i + n]);
            i += n;
            continue;
        }
        if c == ']' && chars.get(i + 1) == Some(&'(') {
            // A link destination and optional title up to the closing ')'.
            let mut j = i + 2;
            if chars.get(j) == Some(&'<') {
                while j < chars.len() && chars[j] != '>' {
                    j += 1;
                }
            }
            let mut in_title = false;
            while j < chars.len() {
                match chars[j] {
                    '\\' => j += 1,
                    '"' => in_title = !in_title,
                    ')' if !in_title => break,
                    _ => {}
                }
                j += 1;
            }
            out.push_str("](URL)");
            i = j + 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Unescaped `<` before a letter, `/`, `!` or `?` outside code: raw HTML.
fn raw_html_in_markdown(md: &str) -> Vec<String> {
    let text = outside_code(md);
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' {
            i += 2;
            continue;
        }
        if chars[i] == '<'
            && chars
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
        {
            let name = chars[i + 1..]
                .iter()
                .take_while(|c| !c.is_whitespace() && **c != '>')
                .take(20);
            found.push(std::iter::once('<').chain(name.copied()).collect());
        }
        i += 1;
    }
    found
}

fn check_markdown_has_no_raw_html(x: &Extraction) -> Result<(), TestCaseError> {
    let Some(a) = &x.article else { return Ok(()) };
    let doc = export::markdown_document(x, URL);
    // The YAML front matter is not Markdown.
    let body = match doc.strip_prefix("---\n") {
        Some(rest) => rest.split_once("\n---\n").map_or(rest, |(_, body)| body),
        None => &doc,
    };
    for md in [a.markdown.as_str(), body] {
        let raw = raw_html_in_markdown(md);
        prop_assert!(raw.is_empty(), "raw HTML in Markdown: {raw:?}\n{md}");
    }
    Ok(())
}

fn check_sanitise(html: &str) -> Result<(), TestCaseError> {
    let base = url::Url::parse(URL).unwrap();
    for base in [None, Some(&base)] {
        let once = declutter::sanitise::sanitise(html, base);
        let twice = declutter::sanitise::sanitise(&once, base);
        prop_assert_eq!(
            &twice,
            &once,
            "sanitise is not idempotent (base {:?}) on {:?}",
            base.map(|b| b.as_str()),
            html
        );
        let problems = oracle::sanitised_problems(&once);
        prop_assert!(problems.is_empty(), "sanitised HTML: {problems:?}\n{once}");
    }
    Ok(())
}

// ------------------------------------------------- Markdown, targeted

/// Pieces of text a Markdown writer must escape, anywhere or at a line start.
const MD_PIECES: &[&str] = &[
    "*x*",
    "**b**",
    "_u_",
    "__v__",
    "# x",
    "#",
    "## y",
    "[a](b)",
    "![i](j)",
    "[r]: /x",
    "`",
    "``c``",
    "```",
    "<b>",
    "</p>",
    "<!--c-->",
    "<https://x.y>",
    "&amp;",
    "&lt;",
    "&#42;",
    "&copy;",
    "1.",
    "2)",
    "10. x",
    "-",
    "- y",
    "+",
    "+ z",
    "=",
    "==",
    ">",
    "> q",
    "|",
    "a|b",
    "~",
    "~~s~~",
    "\\",
    "\\*",
    "\\\\",
    "---",
    "***",
    "___",
    "!",
    "(",
    ")",
    "]",
    "[",
    "{",
    "}",
    ":",
    ";",
    "\"",
    "'",
    "word",
    "text",
    "é",
    "中文",
    "שלום",
    "\u{202E}",
    "😀",
    "2.5",
    "3",
];

fn md_text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(MD_PIECES), prop::bool::ANY), 1..10).prop_map(
        |parts| {
            let mut s = String::new();
            for (p, space) in parts {
                s.push_str(p);
                if space {
                    s.push(' ');
                }
            }
            s
        },
    )
}

/// HTML's whitespace collapse (the no-break space is text, not space).
fn collapse_html_space(s: &str) -> String {
    s.split([' ', '\t', '\n', '\r', '\x0C'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads Markdown inline text the way CommonMark would, if it holds no
/// markup: returns the literal text, or why it holds markup.
///
/// Must be escaped everywhere: `\` (before punctuation), `` ` ``, `*`, `_`,
/// `[`, `]`, `<`, `~` (GFM strikethrough) and `&` starting a character
/// reference. At the start of a line: `#`, `-`, `+`, `=`, `>`, and the `.`
/// or `)` after up to nine digits.
fn read_literal(md: &str) -> Result<String, String> {
    let chars: Vec<char> = md.chars().collect();
    let mut out = String::new();
    let mut line_start = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            match chars.get(i + 1) {
                Some(&n) if n.is_ascii_punctuation() => {
                    out.push(n);
                    i += 2;
                    line_start = false;
                    continue;
                }
                Some('\n') => return Err("hard line break".into()),
                _ => {
                    out.push('\\');
                    i += 1;
                    line_start = false;
                    continue;
                }
            }
        }
        if c == '\n' {
            out.push(' ');
            line_start = true;
            i += 1;
            continue;
        }
        if line_start {
            if matches!(c, '#' | '-' | '+' | '=' | '>') {
                return Err(format!("unescaped {c:?} at a line start"));
            }
            let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if (1..=9).contains(&digits) && matches!(chars.get(i + digits), Some('.' | ')')) {
                return Err("an ordered-list marker at a line start".into());
            }
        }
        line_start = false;
        if matches!(c, '`' | '*' | '_' | '[' | ']' | '<' | '~') {
            return Err(format!("unescaped {c:?} at {i}"));
        }
        if c == '&' {
            let rest: String = chars[i + 1..].iter().take(40).collect();
            let body = rest.strip_prefix('#').unwrap_or(&rest);
            let n = body.chars().take_while(char::is_ascii_alphanumeric).count();
            if n > 0 && body[n..].starts_with(';') {
                return Err("unescaped character reference".into());
            }
        }
        out.push(c);
        i += 1;
    }
    Ok(out)
}

/// `&#124;` (not itself escaped) as `\|`.
fn unescaped_pipe_references(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find("&#124;") {
        let before = &rest[..at];
        out.push_str(before);
        let escaped = before.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1;
        out.push_str(if escaped { "&#124;" } else { "\\|" });
        rest = &rest[at + "&#124;".len()..];
    }
    out.push_str(rest);
    out
}

// ------------------------------------------------------------ the tests

fn config() -> ProptestConfig {
    // proptest's default case count (256) unless PROPTEST_CASES says more.
    ProptestConfig {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(
                "tests/proptest-regressions/properties.txt",
            ),
        )),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Whole pages: no panic, well-formed; the article's words come from the
    /// page; no clutter block holds article text; the text export holds no
    /// markup; the Markdown holds no raw HTML; the article HTML and the HTML
    /// export pass the security checks.
    #[test]
    fn pages(page in page_strategy()) {
        let html = render_page(&page);
        let x = declutter::extract(&html, URL, &Options::default());
        let dom = Dom::parse(&html);
        check_well_formed(&x)?;
        check_words_from_page(&dom, &x)?;
        check_clutter_outside_article(&dom, &x)?;
        check_text_has_no_markup(&dom, &x)?;
        check_markdown_has_no_raw_html(&x)?;
        if let Some(a) = &x.article {
            let problems = oracle::sanitised_problems(&a.html);
            prop_assert!(problems.is_empty(), "article HTML: {problems:?}");
            let again = declutter::sanitise::sanitise(&a.html, Some(&url::Url::parse(URL).unwrap()));
            prop_assert_eq!(&again, &a.html, "the article HTML does not re-sanitise to itself");
        }
        let doc = export::html_document(&x, URL);
        let problems = oracle::html_document_problems(&doc);
        prop_assert!(problems.is_empty(), "HTML export: {problems:?}");
    }

    /// The characters an HTML parser rewrites on input (CR and CR LF become
    /// LF, NUL is dropped or replaced, out-of-range references become
    /// U+FFFD, C1 references are remapped), raw or as character
    /// references, in text, code and attributes: sanitised output
    /// re-sanitises to itself and no raw CR reaches the HTML, text or
    /// Markdown; nor does any other control character but tab and line feed
    /// (terminal escape sequences, raw or as references).
    #[test]
    fn parser_rewritten_characters_round_trip(
        pieces in prop::collection::vec(prop::sample::select(&[
            "\r", "\r\n", "\n", "\0", "&#13;", "&#xD", "&#xd;&#10;", "&#0;", "&#x80;", "&#x9F;",
            "&#xD800;", "&#x110000;", "&#xFFFE;", "&#1;", "&#x0C;", "\x0C", "\u{1}", "\u{FEFF}",
            "&nbsp;", "\u{a0}", "a", " word ", "&amp;", "<", ">", "\"",
            "\u{1b}[31m", "&#27;]52;c;eA==&#7;", "\u{9b}", "\u{7f}", "\u{b}", "&#x85;",
        ][..]), 1..12),
        context in prop::sample::select(&["p", "pre", "code", "h2", "li", "td", "title"][..]),
    ) {
        let text = pieces.concat();
        let attr = text.replace(['<', '>', '"'], "");
        let html = match context {
            "title" => format!("<p><a href=\"/x\" title=\"{attr}\">link</a> <img src=\"/i.png\" alt=\"{attr}\"></p>"),
            "li" => format!("<ul><li>{text}</li></ul>"),
            "td" => format!("<table><tr><td>{text}</td></tr></table>"),
            "code" => format!("<pre><code>{text}</code></pre>"),
            tag => format!("<{tag}>{text}</{tag}>"),
        };
        for base in [None, Some(url::Url::parse(URL).unwrap())] {
            let once = declutter::sanitise::sanitise(&html, base.as_ref());
            let twice = declutter::sanitise::sanitise(&once, base.as_ref());
            prop_assert_eq!(&twice, &once, "does not re-sanitise to itself: {:?}", html);
            let control = |c: char| c.is_control() && c != '\t' && c != '\n';
            prop_assert!(!once.contains(control), "control character in the HTML {:?}", once);
            for (form, out) in [("text", to_text(&once)), ("Markdown", to_markdown(&once)),
                                ("text of the source", to_text(&html)), ("Markdown of the source", to_markdown(&html))] {
                prop_assert!(!out.contains(control), "control character in the {}: {:?}", form, out);
            }
        }
    }

    /// Fragments straight into the sanitiser and the renderers, a third of
    /// them under 40 to 60 wrappers, around the serialiser's depth cap.
    #[test]
    fn fragments(tree in tree_strategy(), wrappers in wrappers_strategy()) {
        let html = wrap(&render_fragment(&tree), &wrappers);
        check_sanitise(&html)?;
        let clean = declutter::sanitise::sanitise(&html, None);
        for source in [html.as_str(), clean.as_str()] {
            let text = to_text(source);
            prop_assert!(!text.contains(ATTR_MARK), "attribute value in text: {text}");
            let md = to_markdown(source);
            let raw = raw_html_in_markdown(&md);
            prop_assert!(raw.is_empty(), "raw HTML in Markdown: {raw:?}\n{md}");
        }
        // The text renderer prints no markup of the fragment's own.
        let dom = Dom::parse_fragment(&html);
        let page = PageText::of(&dom);
        for m in markup_like(&to_text(&clean)) {
            prop_assert!(page.contains(&m), "markup {m:?} in text, not page text");
        }
    }

    /// Text in a paragraph, heading, list item or quote reads back from
    /// the Markdown as itself, every special character escaped.
    #[test]
    fn markdown_escapes_text(
        text in md_text_strategy(),
        ctx in prop::sample::select(&["p", "h1", "h2", "h6", "li", "blockquote", "td"][..]),
    ) {
        let mut body = String::new();
        escape_text(&text, &mut body);
        let html = match ctx {
            "li" => format!("<ul><li>{body}</li></ul>"),
            "td" => format!("<table><tr><th>h</th></tr><tr><td>{body}</td></tr></table>"),
            "blockquote" => format!("<blockquote><p>{body}</p></blockquote>"),
            tag => format!("<{tag}>{body}</{tag}>"),
        };
        let md = to_markdown(&html);
        let want = collapse_html_space(&text);
        if want.is_empty() {
            return Ok(());
        }
        let inner: String = match ctx {
            "li" => md.trim_end().strip_prefix("- ").map(str::to_string),
            "blockquote" => Some(
                md.trim_end()
                    .lines()
                    .map(|l| l.strip_prefix("> ").or(l.strip_prefix(">")).unwrap_or(l))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
            "td" => md.trim_end().lines().nth(2).map(|row| {
                // `| cell |`: the cell between the outer pipes; inner pipes
                // must be escaped.
                row.trim().trim_start_matches('|').trim_end_matches('|').trim().to_string()
            }),
            "p" => Some(md.trim_end().to_string()),
            h => {
                let level = h[1..].parse::<usize>().unwrap();
                md.trim_end()
                    .strip_prefix(&format!("{} ", "#".repeat(level)))
                    .map(str::to_string)
            }
        }
        .unwrap_or_default();
        prop_assert!(!inner.is_empty(), "no {} block in {:?}", ctx, md);
        if ctx == "td" {
            let mut prev_backslashes = 0;
            for c in inner.chars() {
                prop_assert!(c != '|' || prev_backslashes % 2 == 1, "unescaped pipe in cell: {}", md);
                prev_backslashes = if c == '\\' { prev_backslashes + 1 } else { 0 };
            }
        }
        // In a GFM table cell `&#124;` is a pipe that does not split the row.
        let inner = if ctx == "td" { unescaped_pipe_references(&inner) } else { inner };
        let literal = read_literal(&inner);
        prop_assert!(literal.is_ok(), "{:?} in {:?} from {:?}", literal, md, text);
        let got = collapse_html_space(&literal.unwrap_or_default());
        prop_assert_eq!(got, want, "Markdown {:?} does not read back as the text", md);
    }

    /// Code keeps its text verbatim, inside a fence longer than any run of
    /// backticks in it.
    #[test]
    fn markdown_code_spans(text in md_text_strategy()) {
        let mut body = String::new();
        escape_text(&text, &mut body);
        let md = to_markdown(&format!("<p><code>{body}</code></p>"));
        let want = collapse_html_space(&text);
        if want.is_empty() {
            return Ok(());
        }
        let md = md.trim_end();
        let fence = md.bytes().take_while(|&b| b == b'`').count();
        let longest = want.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        prop_assert!(fence > longest, "fence {} for a run of {} in {:?}", fence, longest, md);
        prop_assert!(md.ends_with(&"`".repeat(fence)) && md.len() >= 2 * fence, "unclosed code span {:?}", md);
        let inner = &md[fence..md.len() - fence];
        // CommonMark strips one space from each end when both are spaces.
        let inner = if inner.len() >= 2 && inner.starts_with(' ') && inner.ends_with(' ') && !inner.trim().is_empty() {
            &inner[1..inner.len() - 1]
        } else {
            inner
        };
        prop_assert_eq!(inner, want.as_str());
    }
}

/// The helpers above catch what they claim to: each check fails on a
/// known-bad input, so a passing property means something.
#[test]
fn checks_catch_what_they_claim() {
    assert!(read_literal("a *b* c").is_err());
    assert!(read_literal("# heading").is_err());
    assert!(read_literal("1. item").is_err());
    assert!(read_literal("x &amp; y").is_err());
    assert_eq!(
        read_literal("\\# a \\*b\\* \\&amp; c").unwrap(),
        "# a *b* &amp; c"
    );
    assert_eq!(raw_html_in_markdown("text <b>bold</b>"), ["<b", "</b"]);
    assert!(raw_html_in_markdown("`<b>` and \\<b> and [x](<a b>)").is_empty());
    assert!(raw_html_in_markdown("```\n<script>\n```\n").is_empty());
    assert!(raw_html_in_markdown("- ```\n  <!--\n  ```\n").is_empty());
    assert!(!raw_html_in_markdown("``` `` ```\n\n<b>\n").is_empty());
    assert!(!raw_html_in_markdown("- ```\n  x\n  ```\n<i>\n").is_empty());
    assert_eq!(markup_like("a <b> c </p> <!-- 1 < 2"), ["<b", "</p", "<!"]);
    assert_eq!(strip_markers("  3. - item"), "item");
    let oracle_problems =
        oracle::sanitised_problems("<a href=' javascript:x'>a</a><img onerror=x>");
    assert_eq!(oracle_problems.len(), 2, "{oracle_problems:?}");
}

/// The page generator exercises the properties: a fixed-seed sample of
/// pages finds articles, clutter outside them, and clutter-looking blocks
/// holding article prose often enough that `pages` tests something.
#[test]
fn generated_pages_exercise_the_engine() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = page_strategy();
    let (mut pages, mut articles, mut with_clutter, mut blocks) = (0, 0, 0, 0);
    for _ in 0..200 {
        let page = strategy.new_tree(&mut runner).expect("a page").current();
        let html = render_page(&page);
        let x = declutter::extract(&html, URL, &Options::default());
        pages += 1;
        articles += usize::from(x.article.is_some());
        with_clutter += usize::from(!x.clutter.is_empty() && x.article.is_some());
        blocks += x.clutter.len();
    }
    println!(
        "{pages} pages: {articles} with an article, {with_clutter} with an article and clutter, {blocks} clutter blocks"
    );
    assert!(
        articles * 2 >= pages,
        "only {articles} of {pages} pages have an article"
    );
    assert!(
        with_clutter * 4 >= pages,
        "only {with_clutter} of {pages} pages have an article and clutter"
    );
}
