//! The hostile inputs of issue 5, item 3, built in one place so that the
//! robustness tests (`tests/robustness.rs`), the time benchmark
//! (`benches/hostile.rs`) and the peak-memory probe
//! (`examples/hostile_memory.rs`) run the same bytes.
//!
//! Each case is page bytes as they would arrive from disk or the network
//! (the CLI decodes them with `declutter::decode::decode_html`, as the tests,
//! the bench and the probe do). `size` is the case's scale: bytes of input,
//! give or take one repeated unit; the deep-nesting and word cases scale
//! their depth and word length with it. `full` sizes are the issue's: a
//! 100,000-deep tree, a 20 MB page, a million elements, a 1 MB word; 4 MB
//! for the others.

#![allow(dead_code)]

use std::fmt::Write as _;

/// One hostile input family.
pub struct Case {
    pub name: &'static str,
    /// Input bytes at about `size` bytes.
    pub build: fn(usize) -> Vec<u8>,
    /// The size the issue names (or 4 MB where it names none: large enough
    /// that work growing faster than the input shows).
    pub full: usize,
    /// What the input is, for tables.
    pub what: &'static str,
}

pub const MB: usize = 1 << 20;

pub const CASES: &[Case] = &[
    Case {
        name: "deep_nesting",
        build: deep_nesting,
        full: DEPTH_100K_BYTES,
        what: "100,000 nested <div>s around five paragraphs",
    },
    Case {
        name: "twenty_mb_page",
        build: big_page,
        full: 20 * MB,
        what: "a 20 MB news page: paragraphs, subheads, ad slots, asides",
    },
    Case {
        name: "million_elements",
        build: million_elements,
        full: MILLION_ELEMENTS_BYTES,
        what: "1,000,000 tiny <i></i> elements beside a 10-paragraph article",
    },
    Case {
        name: "one_mb_word",
        build: one_word,
        full: MB,
        what: "one 1 MB word in a paragraph, the title and an attribute",
    },
    Case {
        name: "binary_garbage",
        build: garbage_bytes,
        full: 4 * MB,
        what: "pseudo-random bytes",
    },
    Case {
        name: "invalid_utf8",
        build: invalid_utf8,
        full: 4 * MB,
        what: "an article whose every other paragraph holds malformed UTF-8",
    },
    Case {
        name: "utf16_bom",
        build: utf16_le_bom,
        full: 4 * MB,
        what: "an article in UTF-16LE with a byte-order mark",
    },
    Case {
        name: "frameset",
        build: frameset,
        full: 4 * MB,
        what: "nested framesets with frames and a <noframes> body",
    },
    Case {
        name: "template",
        build: templates,
        full: 4 * MB,
        what: "an article beside many <template>s holding article-like content",
    },
    Case {
        name: "streamed",
        build: streamed,
        full: 4 * MB,
        what: "an article streamed in thousands of nested pieces into placeholders",
    },
    Case {
        name: "noscript",
        build: noscripts,
        full: 4 * MB,
        what: "an article beside many <noscript> blocks with paragraphs and images",
    },
    Case {
        name: "svg_mathml",
        build: svg_mathml,
        full: 4 * MB,
        what: "paragraphs between SVG and MathML islands (foreignObject, annotation-xml)",
    },
    Case {
        name: "custom_elements",
        build: custom_elements,
        full: 4 * MB,
        what: "paragraphs wrapped in unknown custom elements, custom ad slots between",
    },
];

pub fn case(name: &str) -> Option<&'static Case> {
    CASES.iter().find(|c| c.name == name)
}

/// `<div>` plus `</div>`: 11 bytes per level.
pub const DEPTH_100K_BYTES: usize = 100_000 * 11 + 2_000;
/// `<i></i>`: 7 bytes per element.
pub const MILLION_ELEMENTS_BYTES: usize = 1_000_000 * 7 + 4_000;

/// A realistic paragraph, different for each `i`.
pub fn paragraph(i: usize) -> String {
    format!(
        "<p>Paragraph {i} of the council report explains, in some detail, how the \
         water board plans to replace the {n} kilometres of ageing pipes under the \
         old town before the winter of {y}, and what residents should expect.</p>",
        n = 10 + i % 90,
        y = 2030 + i % 20
    )
}

/// The text of [`paragraph`] `i`, for checks.
pub fn paragraph_text(i: usize) -> String {
    format!("Paragraph {i} of the council report")
}

fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{title}</title></head><body>"
    )
}

/// Deterministic pseudo-random bytes (a 64-bit LCG, Knuth's constants).
pub fn garbage(len: usize, seed: u64) -> Vec<u8> {
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

fn deep_nesting(size: usize) -> Vec<u8> {
    let depth = size.saturating_sub(2_000) / 11;
    let mut html = head("Deep");
    html.push_str(&"<div>".repeat(depth));
    for i in 0..5 {
        html.push_str(&paragraph(i));
    }
    html.push_str(&"</div>".repeat(depth));
    html.push_str("</body></html>");
    html.into_bytes()
}

fn big_page(size: usize) -> Vec<u8> {
    let mut html = String::with_capacity(size + 4096);
    html.push_str(
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Water board report</title></head><body>\
         <header><nav><a href=/>Home</a> <a href=/news>News</a></nav></header><main><article><h1>Water board report</h1>",
    );
    let mut i = 0;
    while html.len() < size {
        if i % 50 == 0 {
            let _ = write!(html, "<h2>Section {i}</h2>");
        }
        if i % 97 == 0 {
            html.push_str("<div class=ad-slot><iframe src=/ad></iframe></div><aside><a href=/a>Related story</a></aside>");
        }
        html.push_str(&paragraph(i));
        i += 1;
    }
    html.push_str("</article></main><footer><p>© 2025 Example News. All rights reserved.</p></footer></body></html>");
    html.into_bytes()
}

fn million_elements(size: usize) -> Vec<u8> {
    let n = size.saturating_sub(4_000) / 7;
    let mut html = head("Many elements");
    html.push_str("<article><h1>Many elements</h1>");
    for i in 0..10 {
        html.push_str(&paragraph(i));
    }
    html.push_str("</article><div class=sidebar>");
    html.push_str(&"<i></i>".repeat(n));
    html.push_str("</div></body></html>");
    html.into_bytes()
}

fn one_word(size: usize) -> Vec<u8> {
    // The word three times (paragraph, title, attribute): a third each.
    let word = "a".repeat(size / 3);
    format!(
        "<html><head><title>{word}</title></head><body><article><p>{word}</p>\
         <a href='https://x.example/{word}'>link</a></article></body></html>"
    )
    .into_bytes()
}

fn garbage_bytes(size: usize) -> Vec<u8> {
    garbage(size, 0x5EED)
}

fn invalid_utf8(size: usize) -> Vec<u8> {
    let mut bytes: Vec<u8> =
        b"<html><head><meta charset=utf-8><title>Caf\xc3\xa9 \xff\xfe</title></head><body><article>"
            .to_vec();
    let mut i = 0;
    while bytes.len() < size {
        bytes.extend_from_slice(paragraph(i).as_bytes());
        // Truncated sequences, lone continuation bytes, overlongs,
        // surrogates encoded in UTF-8, code points above U+10FFFF.
        bytes.extend_from_slice(
            b"<p>bad \xc3 \x80\x80 \xe0\x80\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf end</p>",
        );
        i += 1;
    }
    bytes.extend_from_slice(b"</article></body></html>");
    bytes
}

/// The UTF-8 page that [`utf16_le_bom`] encodes.
pub fn utf16_source(size_in_chars: usize) -> String {
    let mut html = head("Caf\u{e9} \u{65e5}\u{672c}");
    html.push_str("<article><h1>R\u{e9}sum\u{e9} \u{65e5}\u{672c}\u{8a9e} \u{1F600}</h1>");
    let mut i = 0;
    while html.len() < size_in_chars {
        html.push_str(&paragraph(i));
        html.push_str("<p>\u{c9}t\u{e9} \u{4e2d}\u{6587} \u{5d0}\u{5d1} \u{1F4F0} end</p>");
        i += 1;
    }
    html.push_str("</article></body></html>");
    html
}

fn utf16_le_bom(size: usize) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    for unit in utf16_source(size / 2).encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    bytes
}

/// The same page as UTF-16BE with its byte-order mark.
pub fn utf16_be_bom(size: usize) -> Vec<u8> {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in utf16_source(size / 2).encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    bytes
}

fn frameset(size: usize) -> Vec<u8> {
    let mut html = String::from(
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Frameset//EN\"><html><head><title>Frames</title></head>\
         <frameset cols='25%,75%'><frame src=menu.html><frameset rows='50%,50%'>",
    );
    let mut i = 0;
    while html.len() < size / 2 {
        let _ = write!(
            html,
            "<frame src=page-{i}.html name=f{i}><frameset rows=50%,50%>"
        );
        i += 1;
    }
    html.push_str("<noframes><body>");
    let mut j = 0;
    while html.len() < size {
        html.push_str(&paragraph(j));
        j += 1;
    }
    html.push_str("</body></noframes>");
    html.push_str(&"</frameset>".repeat(i));
    html.push_str("</frameset></frameset></html>");
    html.into_bytes()
}

fn templates(size: usize) -> Vec<u8> {
    let mut html = head("App shell");
    html.push_str("<article><h1>App shell</h1>");
    for i in 0..6 {
        html.push_str(&paragraph(i));
    }
    html.push_str("</article>");
    let mut i = 100;
    while html.len() < size {
        let _ = write!(
            html,
            "<template id=t{i}><article class=story><h2>Template {i}</h2>{}{}\
             <template><p>nested template</p><script>alert(1)</script></template></article></template>",
            paragraph(i),
            paragraph(i + 1)
        );
        i += 2;
    }
    html.push_str("</body></html>");
    html.into_bytes()
}

/// Streamed server rendering at its worst: every paragraph after the first
/// waits in a hidden block for its placeholder, each block holds the next
/// placeholder (a chain as deep as the page is long), skeleton fallbacks
/// follow the placeholders, and hidden blocks that no placeholder names
/// stay hidden.
fn streamed(size: usize) -> Vec<u8> {
    let mut html = head("Streamed");
    let _ = write!(
        html,
        "<article><h1>Streamed</h1>{}<template id=\"B:1\"></template>\
         <div class=skeleton><span></span></div></article>",
        paragraph(0)
    );
    let mut i = 1;
    while html.len() < size {
        let _ = write!(
            html,
            "<div hidden id=\"S:{i}\">{}<template id=\"B:{}\"></template><div><i></i></div></div>\
             <div hidden id=\"S:orphan{i}\"><p>orphan {i}</p></div>",
            paragraph(i),
            i + 1
        );
        i += 1;
    }
    html.push_str("</body></html>");
    html.into_bytes()
}

fn noscripts(size: usize) -> Vec<u8> {
    let mut html = head("Noscript");
    html.push_str("<article><h1>Noscript</h1>");
    let mut i = 0;
    while html.len() < size {
        html.push_str(&paragraph(i));
        let _ = write!(
            html,
            "<noscript><p>Please enable JavaScript.</p><img src=/img/{i}.jpg alt='Photo {i}'>\
             <p title=\"</noscript><img src=x onerror=alert(1)>\">x</p></noscript>"
        );
        i += 1;
    }
    html.push_str("</article></body></html>");
    html.into_bytes()
}

fn svg_mathml(size: usize) -> Vec<u8> {
    let mut html = head("Pipes and physics");
    html.push_str("<article><h1>Pipes and physics</h1>");
    let mut i = 0;
    while html.len() < size {
        html.push_str(&paragraph(i));
        html.push_str(match i % 4 {
            0 => "<svg viewBox='0 0 10 10' width=100><title>Chart</title><g><rect width=5 height=5/>\
                  <text x=1 y=9>Flow rate</text><foreignObject><div><p>inside foreign object</p></div></foreignObject></g></svg>",
            1 => "<math display=block><mrow><mi>Q</mi><mo>=</mo><mi>v</mi><mo>&InvisibleTimes;</mo>\
                  <mi>A</mi></mrow><annotation-xml encoding='text/html'><p>html in math</p></annotation-xml></math>",
            2 => "<p>Inline <svg width=10 height=10><circle r=4 /></svg> icon and <math><msup><mi>x</mi><mn>2</mn></msup></math> math.</p>",
            _ => "<svg><script>alert(1)</script><style>p{}</style><a href=/x><text>svg link</text></a></svg>",
        });
        i += 1;
    }
    html.push_str("</article></body></html>");
    html.into_bytes()
}

fn custom_elements(size: usize) -> Vec<u8> {
    let mut html = head("Custom elements");
    html.push_str("<news-app><site-header><nav-bar><a href=/>Home</a></nav-bar></site-header><story-body><story-title>Custom elements</story-title>");
    let mut i = 0;
    while html.len() < size {
        let _ = write!(
            html,
            "<story-para data-i={i}>{}</story-para>\
             <ad-slot-{k}><x-ad>Advertisement</x-ad></ad-slot-{k}>",
            paragraph(i),
            k = i % 7
        );
        i += 1;
    }
    html.push_str("</story-body><site-footer><x-copy>© 2025 Example News</x-copy></site-footer></news-app></body></html>");
    html.into_bytes()
}
