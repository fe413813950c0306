//! Hostile and degenerate input: the engine must not panic, must not blow
//! the stack, and must return a well-formed result (metadata and clutter
//! plan present, article either `None` or non-empty). Where a case has an
//! article, the check names what it must hold (its paragraphs, whole and in
//! order, its title) and what it must not (inert, hidden or hostile parts),
//! so an empty or wrong result fails.
//!
//! Each case runs in a child process (this test binary re-run on that one
//! test), so a stack overflow or abort in one case is reported as that
//! case's failure instead of killing the whole run. No timing assertions:
//! the time bound of each hostile input is measured by `benches/hostile.rs`
//! and its peak memory by `scripts/hostile-memory.sh`, on the same bytes
//! (`tests/hostile_cases/mod.rs`). The article HTML of every case must pass
//! the fuzz targets' security checks (`tests/oracle/mod.rs`).

use std::process::Command;

use declutter::dom::Dom;
use declutter::{Extraction, Options};

mod hostile_cases;
use hostile_cases::{case, paragraph, paragraph_text};

mod oracle;

const CHILD_ENV: &str = "DECLUTTER_ROBUSTNESS_CASE";
const URL: &str = "https://example.org/news/story";

/// Run `case` in a child process (or run it here, when we are the child).
fn isolated(name: &str, case: fn()) {
    if std::env::var(CHILD_ENV).as_deref() == Ok(name) {
        case();
        return;
    }
    let exe = std::env::current_exe().expect("test binary path");
    let out = Command::new(exe)
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, name)
        .output()
        .expect("run the case in a child process");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "case {name} failed ({}):\n--- stderr\n{}\n--- stdout\n{}",
        describe_status(&out.status),
        tail(&stderr),
        tail(&stdout)
    );
}

fn describe_status(status: &std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return format!("killed by signal {sig}: a crash such as a stack overflow");
        }
    }
    format!("exit code {:?}", status.code())
}

fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let from = lines.len().saturating_sub(40);
    lines[from..].join("\n")
}

/// Extract and check that the result is well-formed. Returns it.
fn check(html: &str) -> Extraction {
    let x = declutter::extract(html, URL, &Options::default());
    check_well_formed(html, &x);
    x
}

/// Decode a shared hostile case at its full size (as the CLI decodes a
/// file) and check the extraction.
fn check_case(name: &str) -> (String, Extraction) {
    let c = case(name).expect("a hostile case of that name");
    let bytes = (c.build)(c.full);
    let html = declutter::decode::decode_html(&bytes);
    drop(bytes);
    let x = check(&html);
    (html, x)
}

fn check_well_formed(html: &str, x: &Extraction) {
    if let Some(article) = &x.article {
        assert!(
            !article.text.trim().is_empty(),
            "an article, when there is one, has text"
        );
        assert!(!article.html.trim().is_empty(), "an article has HTML");
        assert!(article.word_count > 0, "an article has words");
        oracle::assert_clean(
            "article HTML",
            oracle::sanitised_problems(&article.html),
            &article.html,
        );
    }
    assert!(
        x.readerable.score.is_finite(),
        "readerable score is a number"
    );
    if !x.clutter.is_empty() {
        let dom = Dom::parse(html);
        for block in &x.clutter {
            assert!(
                block.locator.index < dom.element_count(),
                "locator index {} beyond the page's {} elements",
                block.locator.index,
                dom.element_count()
            );
            assert!(!block.locator.tag.is_empty(), "locator has a tag");
            assert!(
                !block.reason.trim().is_empty() && !block.reason.contains('\n'),
                "one-line reason: {:?}",
                block.reason
            );
        }
    }
    // The result serialises (the wasm bindings and the CLI need that).
    let json = serde_json::to_string(x).expect("serialises");
    let mut back: Extraction = serde_json::from_str(&json).expect("round-trips");
    // serde_json parses floats best-effort: compare the score with a
    // tolerance and everything else exactly.
    let (a, b) = (back.readerable.score, x.readerable.score);
    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "score {a} vs {b}");
    back.readerable.score = b;
    assert_eq!(&back, x, "JSON round trip");
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Run the CLI with `stdin` as its input.
fn run_cli(args: &[&str], stdin: &[u8]) -> std::process::Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_declutter"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run the CLI");
    let mut input = child.stdin.take().expect("stdin");
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&bytes));
    let out = child.wait_with_output().expect("CLI output");
    writer.join().expect("writer").expect("write stdin");
    out
}

/// Article text with whitespace collapsed, or a failure naming the case.
fn article_text(name: &str, x: &Extraction) -> String {
    let article = x
        .article
        .as_ref()
        .unwrap_or_else(|| panic!("{name}: the article is lost"));
    collapse(&article.text)
}

/// The whole text of [`paragraph`] `i`, as the reader sees it.
fn sentence(i: usize) -> String {
    let p = paragraph(i);
    collapse(&p[3..p.len() - 4])
}

/// `text` holds the sentences of paragraphs `ids`, whole and in this order.
fn assert_sentences_in_order(name: &str, text: &str, ids: impl IntoIterator<Item = usize>) {
    let mut from = 0;
    for i in ids {
        let want = sentence(i);
        match text[from..].find(&want) {
            Some(at) => from += at + want.len(),
            None if text.contains(&want) => panic!("{name}: paragraph {i} out of order"),
            None => panic!("{name}: paragraph {i} missing from {:?}", preview(text)),
        }
    }
}

fn preview(text: &str) -> String {
    declutter::text::preview(text, 160)
}

// ---------------------------------------------------------------- cases

#[test]
fn empty_input() {
    isolated("empty_input", || {
        let x = check("");
        assert!(x.article.is_none(), "an empty page has no article");
        assert!(x.clutter.is_empty(), "an empty page has no clutter");
        assert!(!x.readerable.is_article);
        let x = check(&declutter::decode::decode_html(b""));
        assert!(x.article.is_none());
    });
}

#[test]
fn whitespace_only_input() {
    isolated("whitespace_only_input", || {
        let x = check(" \n\t\r\n   ");
        assert!(x.article.is_none());
    });
}

#[test]
fn binary_garbage() {
    isolated("binary_garbage", || {
        check_case("binary_garbage");
        for seed in 1..=8u64 {
            let bytes = hostile_cases::garbage(64 * 1024, seed);
            let html = declutter::decode::decode_html(&bytes);
            check(&html);
        }
        // Garbage that looks like markup: random picks of HTML fragments.
        let pieces: [&str; 16] = [
            "<div>",
            "</div>",
            "<p>",
            "</p>",
            "<a href=x>",
            "</a>",
            "<table><tr><td>",
            "</table>",
            "<form><input type=email>",
            "<!--",
            "-->",
            "<script>",
            "</script>",
            "word ",
            "&amp;&#x0;&#xD800;",
            "<svg><foreignObject><p>",
        ];
        for seed in 1..=8u64 {
            let picks = hostile_cases::garbage(4000, seed * 7919);
            let html: String = picks.iter().map(|b| pieces[*b as usize % 16]).collect();
            check(&html);
        }
    });
}

#[test]
fn invalid_utf8() {
    isolated("invalid_utf8", || {
        let (html, x) = check_case("invalid_utf8");
        assert!(html.contains('\u{FFFD}'), "malformed bytes become U+FFFD");
        let text = article_text("invalid_utf8", &x);
        for i in [0, 3, 500] {
            assert!(
                text.contains(&paragraph_text(i)),
                "the valid text survives: {i}"
            );
        }
        assert!(
            text.contains("bad \u{FFFD}"),
            "the malformed paragraphs are read too"
        );
    });
}

#[test]
fn deeply_nested_divs() {
    isolated("deeply_nested_divs", || {
        let (html, x) = check_case("deep_nesting");
        assert!(html.matches("<div>").count() >= 100_000);
        // Nesting beyond 512 is flattened before parsing; the text stays.
        let text = article_text("deep_nesting", &x);
        for i in 0..5 {
            assert!(text.contains(&paragraph_text(i)), "paragraph {i} kept");
        }
    });
}

#[test]
fn deeply_nested_inline_and_tables() {
    isolated("deeply_nested_inline_and_tables", || {
        let depth = 100_000;
        let html = "<b><i>".repeat(depth / 2) + &paragraph(1) + &"</i></b>".repeat(depth / 2);
        let x = check(&html);
        // Past the nesting cap the wrappers are flattened: the paragraph is
        // the whole article, word for word.
        let text = article_text("nested inline", &x);
        assert_eq!(text, sentence(1), "nested inline: the paragraph, whole");
        let tables = "<table><tr><td>".repeat(20_000) + &paragraph(2);
        let x = check(&tables);
        let text = article_text("nested tables", &x);
        assert_eq!(text, sentence(2), "nested tables: the paragraph, whole");
    });
}

#[test]
fn twenty_megabyte_page() {
    isolated("twenty_megabyte_page", || {
        let (html, x) = check_case("twenty_mb_page");
        assert!(html.len() >= 20 << 20);
        let text = article_text("twenty_mb_page", &x);
        assert!(text.contains(&paragraph_text(0)), "the first paragraph");
        assert!(
            text.contains(&paragraph_text(50_000)),
            "a paragraph 8 MB in"
        );
        assert!(
            !text.contains("Related story"),
            "the asides are not article"
        );
    });
}

#[test]
fn a_million_tiny_elements() {
    isolated("a_million_tiny_elements", || {
        let (html, x) = check_case("million_elements");
        assert!(Dom::parse(&html).element_count() > 1_000_000);
        let text = article_text("million_elements", &x);
        for i in 0..10 {
            assert!(text.contains(&paragraph_text(i)), "paragraph {i} kept");
        }
        // Over the element limit the page is refused, with an empty result.
        let small = Options {
            max_elements: 100_000,
            ..Options::default()
        };
        let refused = declutter::extract(&html, URL, &small);
        check_well_formed(&html, &refused);
        assert!(refused.article.is_none() && refused.clutter.is_empty());
    });
}

/// The same page as UTF-16LE and UTF-16BE with a byte-order mark, through
/// the decoder and through the CLI, reads as the UTF-8 page does.
#[test]
fn utf16_with_bom() {
    isolated("utf16_with_bom", || {
        let c = case("utf16_bom").expect("case");
        let source = hostile_cases::utf16_source(c.full / 2);
        let want = declutter::extract(&source, URL, &Options::default());
        let want_text = article_text("utf-8 source", &want);
        assert!(
            want_text.contains("\u{c9}t\u{e9} \u{4e2d}\u{6587}"),
            "{want_text:.200}"
        );
        for bytes in [(c.build)(c.full), hostile_cases::utf16_be_bom(c.full)] {
            let html = declutter::decode::decode_html(&bytes);
            assert_eq!(html, source, "UTF-16 decodes to the source page");
            let x = check(&html);
            assert_eq!(article_text("utf16_bom", &x), want_text);
            // The CLI reads the bytes from standard input.
            let out = run_cli(&["extract", "--url", URL, "-"], &bytes);
            assert!(
                out.status.success(),
                "CLI failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let stdout = String::from_utf8(out.stdout).expect("the CLI writes UTF-8");
            assert_eq!(
                collapse(&stdout),
                want_text,
                "the CLI's text is the article's"
            );
        }
        // A UTF-16 BOM with nothing after it, and one with an odd byte.
        for bytes in [&b"\xff\xfe"[..], b"\xfe\xff", b"\xff\xfe<\0p\0>\0x"] {
            check(&declutter::decode::decode_html(bytes));
            let out = run_cli(&["extract", "--format", "json"], bytes);
            assert!(
                out.status.success(),
                "CLI on {bytes:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    });
}

#[test]
fn page_with_no_body_text() {
    isolated("page_with_no_body_text", || {
        let html = "<!DOCTYPE html><html><head><title>Nothing here</title>\
                    <meta property=og:title content='Nothing here'></head>\
                    <body><div><div><img src=a.jpg><br><hr><span> </span></div></div>\
                    <script>document.write('lots of script text that is not page text')</script>\
                    <style>body{color:red}</style></body></html>";
        let x = check(html);
        assert!(
            x.article.is_none(),
            "a page with no body text has no article"
        );
    });
}

#[test]
fn frameset_page() {
    isolated("frameset_page", || {
        let html = "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Frameset//EN\"><html><head><title>Frames</title></head>\
                    <frameset cols='25%,75%'><frame src=menu.html><frameset rows='50%,50%'>\
                    <frame src=a.html><frame src=b.html></frameset>\
                    <noframes><body><p>Your browser does not support frames.</p></body></noframes></frameset></html>";
        let x = check(html);
        assert!(x.article.is_none(), "a frameset has no article of its own");
        // Thousands of nested framesets around a large <noframes> body.
        let (_, x) = check_case("frameset");
        assert!(x.article.is_none(), "<noframes> is not page text");
    });
}

#[test]
fn template_and_noscript_only() {
    isolated("template_and_noscript_only", || {
        let mut inner = String::new();
        for i in 0..10 {
            inner.push_str(&paragraph(i));
        }
        let html = format!(
            "<!DOCTYPE html><html><head><title>App</title></head><body>\
             <template id=t><article>{inner}</article></template>\
             <noscript><p>Please enable JavaScript to read this page.</p>{inner}</noscript>\
             <div id=root></div></body></html>"
        );
        // noscript text is what a no-script reader sees, so it may be the
        // article; template contents are inert and never are.
        check(&html);
        let only_template = format!("<body><template>{inner}</template><div></div></body>");
        let y = check(&only_template);
        assert!(y.article.is_none(), "template contents are not an article");
    });
}

#[test]
fn many_templates() {
    isolated("many_templates", || {
        let (_, x) = check_case("template");
        let text = article_text("template", &x);
        for i in 0..6 {
            assert!(text.contains(&paragraph_text(i)), "paragraph {i} kept");
        }
        for inert in ["Template 100", "nested template", &paragraph_text(100)] {
            assert!(
                !text.contains(inert),
                "template content {inert:?} in the article"
            );
        }
    });
}

#[test]
fn streamed_in_nested_pieces() {
    isolated("streamed_in_nested_pieces", || {
        let (_, x) = check_case("streamed");
        let text = article_text("streamed", &x);
        let at = |i: usize| {
            text.find(&paragraph_text(i))
                .unwrap_or_else(|| panic!("paragraph {i} lost"))
        };
        assert!(
            at(0) < at(1) && at(1) < at(2) && at(2) < at(5000),
            "in order"
        );
        assert!(
            !text.contains("orphan"),
            "a hidden block no placeholder names"
        );
    });
}

#[test]
fn many_noscripts() {
    isolated("many_noscripts", || {
        let (_, x) = check_case("noscript");
        let text = article_text("noscript", &x);
        for i in [0, 1, 1000] {
            assert!(text.contains(&paragraph_text(i)), "paragraph {i} kept");
        }
        let article = x.article.as_ref().expect("article");
        assert!(!article.html.contains("onerror") && !text.contains("alert(1)"));
    });
}

#[test]
fn svg_and_mathml_islands() {
    isolated("svg_and_mathml_islands", || {
        let (html, x) = check_case("svg_mathml");
        // The last paragraph's number.
        let last = html.rfind("Paragraph ").and_then(|at| {
            let digits: String = html[at + 10..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse::<usize>().ok()
        });
        assert!(last.is_some_and(|n| n > 1000), "a long page");
        let text = article_text("svg_mathml", &x);
        for i in (0..8).chain(last) {
            let want = paragraph_text(i);
            assert!(text.contains(&want), "missing {want:?}");
        }
        assert!(!text.contains("alert(1)"), "no script text");
    });
}

#[test]
fn unknown_custom_elements() {
    isolated("unknown_custom_elements", || {
        let (_, x) = check_case("custom_elements");
        let text = article_text("custom_elements", &x);
        for i in [0, 1, 2, 2000] {
            assert!(text.contains(&paragraph_text(i)), "paragraph {i} kept");
        }
        // Text only in custom elements, no <p> at all: custom elements that
        // hold a paragraph's worth of text are blocks, so they are the
        // article.
        let only_custom: String = (0..8)
            .map(|i| {
                let p = paragraph(i);
                format!("<x-para><x-text>{}</x-text></x-para>", &p[3..p.len() - 4])
            })
            .collect();
        let x = check(&format!("<body><news-app>{only_custom}</news-app></body>"));
        let text = article_text("only custom elements", &x);
        assert_sentences_in_order("only custom elements", &text, 0..8);
    });
}

#[test]
fn one_megabyte_single_word() {
    isolated("one_megabyte_single_word", || {
        // The shared case: the word as title, paragraph and link target.
        let (html, x) = check_case("one_mb_word");
        let case_word = html
            .split("<title>")
            .nth(1)
            .and_then(|t| t.split("</title>").next())
            .expect("the case has a title");
        assert!(case_word.len() > 300_000, "the case's word is long");
        assert_eq!(
            x.metadata.title.as_deref(),
            Some(case_word),
            "the title is the word"
        );
        let text = article_text("one_mb_word case", &x);
        assert_eq!(text, format!("{case_word} link"), "the word and the link");
        let word = "a".repeat(1 << 20);
        check(&word);
        let x = check(&format!("<html><body><p>{word}</p></body></html>"));
        let a = x.article.as_ref().expect("a paragraph of one word is read");
        assert_eq!(a.word_count, 1, "one word, however long");
        assert_eq!(collapse(&a.text), word, "the word, whole");
        let x = check(&format!(
            "<html><head><title>{word}</title><meta name=description content={word}></head><body><article><p>{word}</p><p>{word}</p></article></body></html>"
        ));
        assert_eq!(x.metadata.title.as_deref(), Some(word.as_str()), "title");
        let a = x.article.as_ref().expect("two paragraphs of one word");
        assert_eq!(a.word_count, 2);
        assert_eq!(collapse(&a.text), format!("{word} {word}"));
        // And one huge attribute value / URL: the page's only text is a
        // link, which is no article.
        let x = check(&format!(
            "<html><body><a href='https://x.example/{word}'>link</a><img src='{word}' srcset='{word} 2x'></body></html>"
        ));
        assert!(x.article.is_none(), "a lone link is no article");
    });
}

#[test]
fn many_siblings_and_long_attributes() {
    isolated("many_siblings_and_long_attributes", || {
        // Flat but wide: 200,000 sibling elements, all links: nothing to
        // read.
        let html = "<ul>".to_string() + &"<li><a href=/x>Item</a></li>".repeat(200_000) + "</ul>";
        let x = check(&html);
        assert!(x.article.is_none(), "a page of links has no article");
        assert!(
            !x.readerable.is_article,
            "a page of links is not readerable"
        );
        // Classes and ids that look like every clutter word at once, on the
        // block that holds the article: the article is read whole and the
        // block is not clutter (it holds article text).
        let names =
            "newsletter comments share related ad cookie app promo subscribe footer copyright "
                .repeat(2000);
        let html = format!(
            "<body><div class='{names}' id='{names}'>{}</div></body>",
            (0..6).map(paragraph).collect::<String>()
        );
        let x = check(&html);
        let text = article_text("clutter names", &x);
        assert_sentences_in_order("clutter names", &text, 0..6);
        assert!(
            x.clutter.is_empty(),
            "nothing on the page is clutter: {:?}",
            x.clutter
                .iter()
                .map(|b| (b.kind.as_str(), &b.locator.fingerprint))
                .collect::<Vec<_>>()
        );
    });
}

#[test]
fn hostile_urls_and_charsets() {
    isolated("hostile_urls_and_charsets", || {
        let html = format!(
            "<html><head><base href='javascript:alert(1)'><meta charset='x-no-such-charset'>\
             <link rel=canonical href='http://[::1'><meta property=og:image content='://'></head>\
             <body><article>{}<img src='http://%zz'><a href='data:text/html,<script>'>x</a></article></body></html>",
            (0..6).map(paragraph).collect::<String>()
        );
        let x = check(&html);
        // The hostile base, canonical and image URLs leave the article whole
        // (the oracle in `check` has already refused script and data URLs).
        let text = article_text("hostile urls", &x);
        assert_sentences_in_order("hostile urls", &text, 0..6);
        // URL argument that is not a URL at all: the same article text.
        let y = declutter::extract(&html, "not a url \u{0}", &Options::default());
        check_well_formed(&html, &y);
        assert_eq!(
            article_text("not a url", &y),
            text,
            "the URL changes no text"
        );
        // UTF-16 BOM with odd length: the BOM is read and dropped, the odd
        // byte becomes U+FFFD.
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend_from_slice(b"<\0p\0>\0h\0i\0");
        bytes.push(0x00);
        let decoded = declutter::decode::decode_html(&bytes);
        assert_eq!(decoded, "<p>hi\u{FFFD}", "odd-length UTF-16");
        check(&decoded);
        // A meta charset that says UTF-16 on bytes without a BOM is read as
        // UTF-8 (as browsers do): the invalid bytes become U+FFFD and the
        // markup stays markup.
        let decoded = declutter::decode::decode_html(b"<meta charset=utf-16><p>\xe9t\xe9</p>");
        assert_eq!(
            decoded, "<meta charset=utf-16><p>\u{FFFD}t\u{FFFD}</p>",
            "meta charset utf-16 without a BOM"
        );
        check(&decoded);
    });
}
