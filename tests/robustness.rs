//! Hostile and degenerate input: the engine must not panic, must not blow
//! the stack, and must return a well-formed result (metadata and clutter
//! plan present, article either `None` or non-empty).
//!
//! Each case runs in a child process (this test binary re-run on that one
//! test), so a stack overflow or abort in one case is reported as that
//! case's failure instead of killing the whole run. No timing assertions.

use std::process::Command;

use declutter::dom::Dom;
use declutter::{Extraction, Options};

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

fn check_well_formed(html: &str, x: &Extraction) {
    if let Some(article) = &x.article {
        assert!(
            !article.text.trim().is_empty(),
            "an article, when there is one, has text"
        );
        assert!(!article.html.trim().is_empty(), "an article has HTML");
        assert!(article.word_count > 0, "an article has words");
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

/// A realistic paragraph, different for each `i`.
fn paragraph(i: usize) -> String {
    format!(
        "<p>Paragraph {i} of the council report explains, in some detail, how the \
         water board plans to replace the {n} kilometres of ageing pipes under the \
         old town before the winter of {y}, and what residents should expect.</p>",
        n = 10 + i % 90,
        y = 2030 + i % 20
    )
}

/// Deterministic pseudo-random bytes (a 64-bit LCG, Knuth's constants).
fn garbage(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed;
    (0..len)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as u8
        })
        .collect()
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
        for seed in 1..=8u64 {
            let bytes = garbage(64 * 1024, seed);
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
            let picks = garbage(4000, seed * 7919);
            let html: String = picks.iter().map(|b| pieces[*b as usize % 16]).collect();
            check(&html);
        }
    });
}

#[test]
fn invalid_utf8() {
    isolated("invalid_utf8", || {
        let mut bytes: Vec<u8> = b"<html><head><meta charset=utf-8><title>Caf\xc3\xa9 \xff\xfe</title></head><body><article>".to_vec();
        for i in 0..12 {
            bytes.extend_from_slice(paragraph(i).as_bytes());
            // Truncated sequences, lone continuation bytes, overlongs,
            // surrogates encoded in UTF-8.
            bytes.extend_from_slice(
                b"<p>bad \xc3 \x80\x80 \xe0\x80\xaf \xed\xa0\x80 \xf4\x90\x80\x80 end</p>",
            );
        }
        bytes.extend_from_slice(b"</article></body></html>");
        let html = declutter::decode::decode_html(&bytes);
        assert!(html.contains('\u{FFFD}'));
        let x = check(&html);
        if let Some(article) = &x.article {
            assert!(
                collapse(&article.text).contains("Paragraph 3 of the council report"),
                "the valid text survives"
            );
        }
    });
}

#[test]
fn deeply_nested_divs() {
    isolated("deeply_nested_divs", || {
        let depth = 100_000;
        let mut html = String::from("<!DOCTYPE html><html><body>");
        html.push_str(&"<div>".repeat(depth));
        for i in 0..5 {
            html.push_str(&paragraph(i));
        }
        html.push_str(&"</div>".repeat(depth));
        html.push_str("</body></html>");
        check(&html);
    });
}

#[test]
fn deeply_nested_inline_and_tables() {
    isolated("deeply_nested_inline_and_tables", || {
        let depth = 100_000;
        let html = "<b><i>".repeat(depth / 2) + &paragraph(1) + &"</i></b>".repeat(depth / 2);
        check(&html);
        let tables = "<table><tr><td>".repeat(20_000) + &paragraph(2);
        check(&tables);
    });
}

#[test]
fn twenty_megabyte_page() {
    isolated("twenty_megabyte_page", || {
        let mut html = String::with_capacity(21 << 20);
        html.push_str(
            "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Water board report</title></head><body>\
             <header><nav><a href=/>Home</a> <a href=/news>News</a></nav></header><main><article><h1>Water board report</h1>",
        );
        let mut i = 0;
        while html.len() < 20 << 20 {
            if i % 50 == 0 {
                html.push_str(&format!("<h2>Section {i}</h2>"));
            }
            if i % 97 == 0 {
                html.push_str("<div class=ad-slot><iframe src=/ad></iframe></div><aside><a href=/a>Related story</a></aside>");
            }
            html.push_str(&paragraph(i));
            i += 1;
        }
        html.push_str("</article></main><footer><p>© 2025 Example News. All rights reserved.</p></footer></body></html>");
        assert!(html.len() >= 20 << 20);
        check(&html);
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
fn svg_and_mathml_islands() {
    isolated("svg_and_mathml_islands", || {
        let mut html = String::from(
            "<!DOCTYPE html><html lang=en><head><title>Math</title></head><body><article><h1>Pipes and physics</h1>",
        );
        for i in 0..8 {
            html.push_str(&paragraph(i));
            html.push_str(match i % 4 {
                0 => "<svg viewBox='0 0 10 10' width=100><title>Chart</title><g><rect width=5 height=5/>\
                      <text x=1 y=9>Flow rate</text><foreignObject><div><p>inside foreign object</p></div></foreignObject></g></svg>",
                1 => "<math display=block><mrow><mi>Q</mi><mo>=</mo><mi>v</mi><mo>&InvisibleTimes;</mo>\
                      <mi>A</mi></mrow><annotation-xml encoding='text/html'><p>html in math</p></annotation-xml></math>",
                2 => "<p>Inline <svg width=10 height=10><circle r=4 /></svg> icon and <math><msup><mi>x</mi><mn>2</mn></msup></math> math.</p>",
                _ => "<svg><script>alert(1)</script><style>p{}</style><a href=/x><text>svg link</text></a></svg>",
            });
        }
        html.push_str("</article></body></html>");
        let x = check(&html);
        let article = x
            .article
            .as_ref()
            .expect("an article with SVG and MathML islands is still an article");
        let text = collapse(&article.text);
        for i in 0..8 {
            let want = format!("Paragraph {i} of the council report");
            assert!(text.contains(&want), "missing {want:?}");
        }
        assert!(!text.contains("alert(1)"), "no script text");
    });
}

#[test]
fn one_megabyte_single_word() {
    isolated("one_megabyte_single_word", || {
        let word = "a".repeat(1 << 20);
        check(&word);
        check(&format!("<html><body><p>{word}</p></body></html>"));
        check(&format!(
            "<html><head><title>{word}</title><meta name=description content={word}></head><body><article><p>{word}</p><p>{word}</p></article></body></html>"
        ));
        // And one huge attribute value / URL.
        check(&format!(
            "<html><body><a href='https://x.example/{word}'>link</a><img src='{word}' srcset='{word} 2x'></body></html>"
        ));
    });
}

#[test]
fn many_siblings_and_long_attributes() {
    isolated("many_siblings_and_long_attributes", || {
        // Flat but wide: 200,000 sibling elements.
        let html = "<ul>".to_string() + &"<li><a href=/x>Item</a></li>".repeat(200_000) + "</ul>";
        check(&html);
        // Classes and ids that look like every clutter word at once.
        let names =
            "newsletter comments share related ad cookie app promo subscribe footer copyright "
                .repeat(2000);
        let html = format!(
            "<body><div class='{names}' id='{names}'>{}</div></body>",
            (0..6).map(paragraph).collect::<String>()
        );
        check(&html);
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
        check(&html);
        // URL argument that is not a URL at all.
        let x = declutter::extract(&html, "not a url \u{0}", &Options::default());
        check_well_formed(&html, &x);
        // UTF-16 BOM with odd length, and a meta charset that lies.
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend_from_slice(b"<\0p\0>\0h\0i\0");
        bytes.push(0x00);
        check(&declutter::decode::decode_html(&bytes));
        check(&declutter::decode::decode_html(
            b"<meta charset=utf-16><p>\xe9t\xe9</p>",
        ));
    });
}
