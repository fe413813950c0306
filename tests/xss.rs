//! Hostile markup inside an article body: none of it may survive into the
//! article's HTML, text or Markdown, or into the export documents. (The
//! browser-side half — nothing runs in reader mode — belongs to the
//! end-to-end tests.)

use declutter::{extract, render::export, Options};

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

const EVENT_HANDLERS: &[&str] = &[
    "onload",
    "onerror",
    "onclick",
    "onmouseover",
    "onfocus",
    "onblur",
    "onanimationstart",
    "onbegin",
    "ontoggle",
    "onpointerenter",
    "onwheel",
    "onscroll",
    "oninput",
    "onchange",
];

fn vectors() -> Vec<String> {
    let mut v: Vec<String> = [
        "<script>window.__xss=1</script>",
        "<SCRIPT SRC=//127.0.0.1/x.js></SCRIPT>",
        "<img src=x onerror=window.__xss=1>",
        "<svg><script>window.__xss=1</script></svg>",
        "<svg onload=window.__xss=1>",
        "<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>",
        "<svg><a xlink:href=\"javascript:window.__xss=1\"><text>x</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
        "<math href=\"javascript:window.__xss=1\">x</math>",
        "<a href=\"javascript:window.__xss=1\">link</a>",
        "<a href=\"JaVaScRiPt:window.__xss=1\">link</a>",
        "<a href=\"java&#09;script:window.__xss=1\">link</a>",
        "<a href=\"&#106;avascript:window.__xss=1\">link</a>",
        "<a href=\"vbscript:msgbox(1)\">link</a>",
        "<a href=\"data:text/html,<script>window.__xss=1</script>\">link</a>",
        "<img src=\"javascript:window.__xss=1\">",
        "<img src=\"data:image/svg+xml,<svg onload=window.__xss=1>\">",
        "<iframe src=\"javascript:window.__xss=1\"></iframe>",
        "<iframe srcdoc=\"<script>window.__xss=1</script>\"></iframe>",
        "<object data=\"javascript:window.__xss=1\"></object>",
        "<embed src=\"javascript:window.__xss=1\">",
        "<form action=\"javascript:window.__xss=1\"><button>go</button></form>",
        "<button formaction=\"javascript:window.__xss=1\">go</button>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=1\">",
        "<base href=\"javascript:window.__xss=1//\">",
        "<link rel=stylesheet href=\"javascript:window.__xss=1\">",
        "<style>@import 'javascript:window.__xss=1';</style>",
        "<div style=\"background:url(javascript:window.__xss=1)\">styled</div>",
        "<div style=\"width:expression(window.__xss=1)\">styled</div>",
        "<p style=\"behavior:url(x.htc)\">styled</p>",
        "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=1>\"></noscript>",
        "<template><img src=x onerror=window.__xss=1></template>",
        "<style><img src=x onerror=window.__xss=1></style>",
        "<textarea><img src=x onerror=window.__xss=1></textarea>",
        "<title><img src=x onerror=window.__xss=1></title>",
        "<xmp><img src=x onerror=window.__xss=1></xmp>",
        "<noembed><img src=x onerror=window.__xss=1></noembed>",
        "<details open ontoggle=window.__xss=1>x</details>",
        "<video><source onerror=window.__xss=1></video>",
        "<audio src=x onerror=window.__xss=1>",
        "<body onload=window.__xss=1>",
        "<input autofocus onfocus=window.__xss=1>",
        "<select autofocus onfocus=window.__xss=1>",
        "<marquee onstart=window.__xss=1>x</marquee>",
        "<isindex type=image src=1 onerror=window.__xss=1>",
        "<a href=\"#\" onclick=\"window.__xss=1\">click</a>",
        "<p id=\"x\" name=\"y\" class=\"z\" data-x=\"1\">attrs</p>",
        "<img src=x:alert(1) alt=\"&quot;&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;\">",
        "<a href=\"https://example.org/\" target=\"_blank\" ping=\"https://tracker.example/\">ok link</a>",
        "<!--<img src=x onerror=window.__xss=1>-->",
        "<![CDATA[<img src=x onerror=window.__xss=1>]]>",
        "<svg><foreignObject><img src=x onerror=window.__xss=1></foreignObject></svg>",
        "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='window.__xss=1'/></svg>#x\"/></svg>",
        "<frameset onload=window.__xss=1>",
        "<applet code=\"javascript:window.__xss=1\"></applet>",
        "<table background=\"javascript:window.__xss=1\"><tr><td>cell</td></tr></table>",
        "<blockquote cite=\"javascript:window.__xss=1\">quoted</blockquote>",
        "<q cite=\"javascript:window.__xss=1\">quoted</q>",
        "<img srcset=\"javascript:window.__xss=1 1x\">",
        "<img data-src=\"javascript:window.__xss=1\" src=\"data:image/gif;base64,R0lGOD\">",
        "<picture><source srcset=\"javascript:window.__xss=1\"><img></picture>",
        "<a href=\" javascript:window.__xss=1\">leading space</a>",
        "<a href=\"javascript&colon;window.__xss=1\">entity colon</a>",
        "<a href=\"\u{0}javascript:window.__xss=1\">nul</a>",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for handler in EVENT_HANDLERS {
        v.push(format!("<p {handler}=\"window.__xss=1\">handler</p>"));
        v.push(format!(
            "<a href=\"https://example.org/\" {handler}=\"window.__xss=1\">handler link</a>"
        ));
        v.push(format!(
            "<img src=\"https://example.org/i.png\" {handler}=\"window.__xss=1\">"
        ));
    }
    v
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
