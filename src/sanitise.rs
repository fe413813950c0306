//! Cleaning: the article's subtrees as sanitised HTML with absolute URLs.
//!
//! One pass, and it is the sanitiser: `serialise` walks the kept nodes and
//! writes only allow-listed tags (everything else unwrapped or dropped with
//! its content), only the attributes each tag may carry, every URL resolved
//! and limited to web schemes, all text and attribute values escaped, and
//! nothing that makes the browser switch parsing modes (no raw-text
//! elements, no comments). Lazy images are resolved, code languages carried
//! over and nesting capped on the way. [`sanitise`] runs the same pass over
//! any HTML; `tests/xss.rs` and `tests/properties.rs` guard it.

use url::Url;

use crate::code_language::code_language;
use crate::dom::{Dom, Kind, NodeIx};
use crate::images::{image_in_attributes, image_source, largest_in_srcset};
use crate::model::ArticleSubtrees;
use crate::tags::{custom_element_is_block, is_block_tag, is_custom_element};
use crate::urls::parse_url;

/// Beyond this many open elements, further wrappers are unwrapped: hostile
/// nesting must not reach the sanitiser or a renderer.
const MAX_DEPTH: usize = 48;

/// Tags kept as they are.
const KEPT_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "sub",
    "sup",
    "mark",
    "small",
    "cite",
    "q",
    "abbr",
    "time",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "caption",
    "br",
    "hr",
    "dl",
    "dt",
    "dd",
    "div",
    "details",
    "summary",
    "kbd",
    "samp",
    "var",
];

/// Tags written as another kept tag.
fn renamed(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "section" | "article" | "main" | "header" | "center" => "div",
        "tt" => "code",
        "strike" => "s",
        "big" => "strong",
        _ => return None,
    })
}

/// A custom element read as a block (see `stats::is_block`) is written as a
/// `div`, so its paragraphs stay apart; other custom elements are inline
/// and only their content is written.
fn custom_block(dom: &Dom, ix: NodeIx, tag: &str) -> Option<&'static str> {
    let block = is_custom_element(tag)
        && custom_element_is_block(
            dom.node(ix).text_chars,
            dom.element_children(ix)
                .any(|c| dom.tag(c).is_some_and(is_block_tag)),
        );
    block.then_some("div")
}

/// Tags dropped with everything inside them. (Not `button`: the article
/// keeps only the toggles that title a folded section, whose text is read
/// as the section's heading; the serialiser unwraps them.)
fn is_dropped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "template"
            | "iframe"
            | "object"
            | "embed"
            | "frame"
            | "frameset"
            | "input"
            | "select"
            | "textarea"
            | "form"
            | "nav"
            | "svg"
            | "math"
            | "canvas"
            | "audio"
            | "video"
            | "source"
            | "track"
            | "map"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "base"
            | "dialog"
    )
}

pub(crate) fn article_html(dom: &Dom, found: &ArticleSubtrees, base: Option<&Url>) -> String {
    let mut out = String::new();
    for &part in &found.parts {
        serialise(dom, found, part, base, &mut out);
    }
    out
}

/// Sanitise any HTML to the reader's allow-list, making URLs absolute.
/// Idempotent: sanitising the output again gives the same output.
pub fn sanitise(html: &str, base: Option<&Url>) -> String {
    let dom = Dom::parse_fragment(html);
    let Some(root) = dom.elements().next() else {
        return String::new();
    };
    let everything = ArticleSubtrees {
        parts: vec![root],
        removed: Vec::new(),
    };
    article_html(&dom, &everything, base)
}

/// One open element on the serialiser's stack.
struct Open {
    end: NodeIx,
    close: Option<&'static str>,
    /// An unwrapped block: its content stays apart from what follows.
    separate: bool,
}

/// Blocks the serialiser unwraps (not kept, not renamed): a browser shows
/// their text on lines of its own, so it must not run into its neighbours.
fn is_unwrapped_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "aside"
            | "fieldset"
            | "footer"
            | "hgroup"
            | "legend"
            | "listing"
            | "menu"
            | "plaintext"
            | "xmp"
            | "search"
            | "optgroup"
            | "option"
    )
}

/// A space between runs of text that a dropped or unwrapped block kept
/// apart, so their words do not glue together.
fn separate(out: &mut String) {
    if !out.is_empty() && !out.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

/// Elements the HTML parser never nests in one another directly: written
/// inside an open one, they would parse back as siblings (and the output
/// would not re-sanitise to itself). Counts of the open ones, from the
/// written tags only.
#[derive(Default)]
struct Nesting {
    headings: usize,
    /// Open `p`: a `div` there would close it when parsed.
    paragraphs: usize,
    links: usize,
    /// Open `ul`/`ol`/`dl`/`li`/`dt`/`dd`, innermost last.
    lists: Vec<&'static str>,
}

impl Nesting {
    /// Whether `tag` may be written here, or only its content.
    fn allows(&self, tag: &str) -> bool {
        match tag {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.headings == 0,
            "a" => self.links == 0,
            "div" => self.paragraphs == 0,
            "li" => !matches!(self.lists.last(), Some(&"li")),
            "dt" | "dd" => !matches!(self.lists.last(), Some(&("dt" | "dd"))),
            _ => true,
        }
    }

    fn open(&mut self, tag: &'static str) {
        self.change(tag, true);
    }

    fn close(&mut self, tag: &'static str) {
        self.change(tag, false);
    }

    fn change(&mut self, tag: &'static str, open: bool) {
        let step = |n: &mut usize| *n = if open { *n + 1 } else { n.saturating_sub(1) };
        match tag {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => step(&mut self.headings),
            "a" => step(&mut self.links),
            "p" => step(&mut self.paragraphs),
            "ul" | "ol" | "dl" | "li" | "dt" | "dd" if open => self.lists.push(tag),
            "ul" | "ol" | "dl" | "li" | "dt" | "dd" => {
                self.lists.pop();
            }
            _ => {}
        }
    }
}

fn serialise(
    dom: &Dom,
    found: &ArticleSubtrees,
    part: NodeIx,
    base: Option<&Url>,
    out: &mut String,
) {
    let part_tag = dom.tag(part).unwrap_or("");
    // A lone row or row group keeps its table, or a parser would drop its
    // cells (and the output would not re-sanitise to itself).
    let table_part = matches!(part_tag, "tr" | "thead" | "tbody" | "tfoot");
    if table_part {
        out.push_str(if part_tag == "tr" {
            "<table><tbody>"
        } else {
            "<table>"
        });
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut nesting = Nesting::default();
    let mut depth = 0usize;
    let mut ix = part;
    let end = dom.end(part);
    while ix < end {
        while let Some(top) = stack.last() {
            if ix < top.end {
                break;
            }
            if let Some(open) = stack.pop() {
                close_open(out, open, &mut depth, &mut nesting);
            }
        }
        if found.is_removed(dom, ix) {
            separate(out);
            ix = dom.end(ix);
            continue;
        }
        let data = dom.node(ix);
        match data.kind {
            Kind::Text => {
                if !data.invisible {
                    escape_text(dom.text_node(ix).unwrap_or(""), out);
                }
                ix += 1;
            }
            // Comments, doctypes, processing instructions: never written.
            Kind::Other => ix += 1,
            Kind::Element => {
                let tag = dom.tag(ix).unwrap_or("");
                if tag == "noscript" {
                    noscript_image(dom, ix, base, out);
                    ix = dom.end(ix);
                    continue;
                }
                // Hidden subtrees are already in `found.removed`, except when
                // the last attempt took hidden content on purpose.
                if is_dropped(tag) {
                    separate(out);
                    ix = dom.end(ix);
                    continue;
                }
                if let Some(name) = crate::icons::ligature_name(dom, ix) {
                    out.push_str(crate::icons::symbol(&name));
                    ix = dom.end(ix);
                    continue;
                }
                if tag == "pre" {
                    write_pre(dom, found, ix, out);
                    ix = dom.end(ix);
                    continue;
                }
                if tag == "img" {
                    write_img(dom, ix, base, out);
                    ix = dom.end(ix);
                    continue;
                }
                if tag == "picture" {
                    write_picture(dom, ix, base, out);
                    ix = dom.end(ix);
                    continue;
                }
                let written = KEPT_TAGS
                    .iter()
                    .find(|&&t| t == tag)
                    .copied()
                    .or_else(|| renamed(tag))
                    .or_else(|| custom_block(dom, ix, tag));
                // The part itself when it is body, a cell or a list item: its
                // content only.
                let is_wrapper_part = ix == part && matches!(tag, "body" | "td" | "th" | "li");
                let written = written.filter(|&t| {
                    !is_wrapper_part && (depth < MAX_DEPTH || t != "div") && nesting.allows(t)
                });
                let separate_block = written.is_none() && is_unwrapped_block(tag);
                if separate_block {
                    separate(out);
                }
                if let Some(t) = written {
                    open_tag(dom, ix, t, base, out);
                    depth += 1;
                    if t == "figure" {
                        figure_image(dom, ix, base, out);
                    }
                }
                if matches!(written, Some("br" | "hr")) {
                    depth -= 1;
                    ix = dom.end(ix);
                    continue;
                }
                if let Some(t) = written {
                    nesting.open(t);
                }
                stack.push(Open {
                    end: dom.end(ix),
                    close: written,
                    separate: separate_block,
                });
                ix += 1;
            }
        }
    }
    while let Some(open) = stack.pop() {
        close_open(out, open, &mut depth, &mut nesting);
    }
    if table_part {
        out.push_str(if part_tag == "tr" {
            "</tbody></table>"
        } else {
            "</table>"
        });
    }
}

fn close_open(out: &mut String, open: Open, depth: &mut usize, nesting: &mut Nesting) {
    if let Some(tag) = open.close {
        nesting.close(tag);
    }
    close(out, open.close, depth);
    if open.separate {
        separate(out);
    }
}

fn close(out: &mut String, tag: Option<&'static str>, depth: &mut usize) {
    if let Some(tag) = tag {
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
        *depth = depth.saturating_sub(1);
    }
}

/// Attributes any kept tag may carry.
const GLOBAL_ATTRIBUTES: &[&str] = &["lang", "dir"];
/// An image's attributes besides its checked `src`.
const IMAGE_ATTRIBUTES: &[&str] = &["alt", "title", "width", "height"];

/// The attributes `tag` may carry besides `lang` and `dir` (any tag).
/// URLs (`href`) are resolved and checked apart.
fn tag_attributes(tag: &str) -> &'static [&'static str] {
    match tag {
        "a" => &["href", "title"],
        "abbr" => &["title"],
        "td" => &["colspan", "rowspan"],
        "th" => &["colspan", "rowspan", "scope"],
        "ol" => &["start", "reversed"],
        "time" => &["datetime"],
        _ => &[],
    }
}

fn open_tag(dom: &Dom, ix: NodeIx, tag: &str, base: Option<&Url>, out: &mut String) {
    out.push('<');
    out.push_str(tag);
    for &attr in tag_attributes(tag).iter().chain(GLOBAL_ATTRIBUTES) {
        let Some(value) = dom.attr(ix, attr) else {
            continue;
        };
        if attr == "href" {
            if let Some(url) = safe_url(value, base, LINK_SCHEMES) {
                push_attr(out, "href", &url);
                push_attr(out, "rel", "noopener noreferrer");
            }
        } else {
            push_attr(out, attr, value);
        }
    }
    out.push('>');
}

/// Schemes a link may use; images load only from the web.
const LINK_SCHEMES: &[&str] = &["http", "https", "mailto"];
const IMAGE_SCHEMES: &[&str] = &["http", "https"];

/// `value` as a URL the reader may write: made absolute against `base`
/// and limited to `schemes`. With no base, a relative URL stays relative
/// only when nothing in it could be read as a scheme.
fn safe_url(value: &str, base: Option<&Url>, schemes: &[&str]) -> Option<String> {
    let value = value.trim();
    let parsed = parse_url(value, base);
    match parsed {
        Ok(url) => schemes
            .contains(&url.scheme())
            .then(|| url.as_str().to_string()),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let before_path = value.split(['/', '?', '#']).next().unwrap_or("");
            (!before_path.contains(':') && is_plain(value)).then(|| value.to_string())
        }
        // A Unicode host (we carry no IDNA tables): a web URL the browser
        // will encode itself.
        Err(url::ParseError::IdnaError) => {
            let lower = value.get(..8).unwrap_or(value).to_ascii_lowercase();
            let web = lower.starts_with("https://") || lower.starts_with("http://");
            (web && is_plain(value)).then(|| value.to_string())
        }
        Err(_) => None,
    }
}

fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape(value, Context::Attribute, out);
    out.push('"');
}

fn escape_text(text: &str, out: &mut String) {
    escape(text, Context::Text, out);
}

#[derive(Clone, Copy, PartialEq)]
enum Context {
    Text,
    Attribute,
}

/// Write `text` so that parsing the output gives back the same text: the
/// markup characters escaped, and the characters an HTML parser rewrites on
/// input written as it would read them. A carriage return (from `&#13;`)
/// or CR LF becomes one line feed, as the parser turns a raw one into;
/// U+0000 is dropped from text (the tree builder ignores it there) and is
/// U+FFFD in an attribute (the tokenizer's replacement). Vertical tab and
/// form feed become a space and other control characters are dropped
/// ([`crate::text::is_dropped_control`]): no terminal escape sequence
/// reaches an output. So sanitised HTML re-sanitises to itself, and no raw
/// CR reaches any output.
fn escape(text: &str, context: Context, out: &mut String) {
    // Runs of characters written as they are, most of a text, are copied
    // whole; a character is looked at only from a byte that may start one
    // to rewrite (markup, a control: C0, DEL, or C1 and the no-break space,
    // which start with 0xC2).
    let bytes = text.as_bytes();
    let (mut i, mut plain) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let look = matches!(b, b'&' | b'<' | b'>' | b'"' | 0x7f | 0xc2)
            || b < 0x20 && b != b'\t' && b != b'\n';
        if !look {
            i += 1;
            continue;
        }
        out.push_str(&text[plain..i]);
        let c = text[i..].chars().next().unwrap_or_default();
        i += c.len_utf8();
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if context == Context::Attribute => out.push_str("&quot;"),
            '\u{a0}' if context == Context::Text => out.push_str("&nbsp;"),
            '\r' => {
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
                out.push('\n');
            }
            '\0' if context == Context::Text => {}
            '\0' => out.push('\u{fffd}'),
            '\u{b}' | '\u{c}' => out.push(' '),
            c if crate::text::is_dropped_control(c) => {}
            c => out.push(c),
        }
        plain = i;
    }
    out.push_str(&text[plain..]);
}

/// `<pre>` keeps its text verbatim; highlighting markup inside goes, the
/// language (from `pre` or its `code`) stays.
fn write_pre(dom: &Dom, found: &ArticleSubtrees, ix: NodeIx, out: &mut String) {
    let language = std::iter::once(ix)
        .chain(
            dom.descendants(ix)
                .filter(|&d| dom.is_tag(d, "code"))
                .take(1),
        )
        .find_map(|n| code_language(dom, n));
    out.push_str("<pre><code");
    if let Some(lang) = language {
        push_attr(out, "class", &format!("language-{lang}"));
    }
    out.push('>');
    let start = out.len();
    // A browser shows each block inside `<pre>` on lines of its own: where
    // one starts or ends, the next text begins a new line.
    let mut line_break = false;
    let mut open_blocks: Vec<NodeIx> = Vec::new();
    let mut d = ix + 1;
    while d < dom.end(ix) {
        while open_blocks.last().is_some_and(|&e| d >= e) {
            open_blocks.pop();
            line_break = true;
        }
        let tag = dom.tag(d).unwrap_or("");
        if found.is_removed(dom, d) {
            line_break |= is_block_tag(tag);
            d = dom.end(d);
            continue;
        }
        let node = dom.node(d);
        if tag == "br" {
            out.push('\n');
            line_break = false;
        } else if is_block_tag(tag) {
            line_break = true;
            open_blocks.push(dom.end(d));
        } else if node.kind == Kind::Text && !node.invisible {
            // (Script, style and the like hold only invisible text.)
            let text = dom.text_node(d).unwrap_or("");
            if line_break && !text.is_empty() && out.len() > start && !out.ends_with('\n') {
                out.push('\n');
            }
            if !text.is_empty() {
                line_break = false;
            }
            escape_text(text, out);
        }
        d += 1;
    }
    out.push_str("</code></pre>");
}

/// A `<figure>` whose picture waits for a script: no image inside, its URL
/// on the figure itself. Written as the figure's image.
fn figure_image(dom: &Dom, ix: NodeIx, base: Option<&Url>, out: &mut String) {
    let has_image = dom.descendants(ix).any(|d| {
        matches!(dom.tag(d), Some("img" | "picture"))
            || (dom.is_tag(d, "noscript") && dom.raw_text(d).contains("<img"))
    });
    if has_image {
        return;
    }
    if let Some(src) = image_in_attributes(dom, ix).and_then(|s| safe_url(&s, base, IMAGE_SCHEMES))
    {
        out.push_str("<img");
        push_attr(out, "src", &src);
        out.push('>');
    }
}

/// No characters a URL parser would strip or reinterpret.
fn is_plain(value: &str) -> bool {
    !value
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
}

fn write_img(dom: &Dom, ix: NodeIx, base: Option<&Url>, out: &mut String) {
    let Some(src) = image_source(dom, ix).and_then(|s| safe_url(&s, base, IMAGE_SCHEMES)) else {
        return;
    };
    out.push_str("<img");
    push_attr(out, "src", &src);
    for &attr in IMAGE_ATTRIBUTES {
        if let Some(v) = dom.attr(ix, attr) {
            push_attr(out, attr, v);
        }
    }
    out.push('>');
}

/// A `<picture>`: its `<img>`, or the first `<source srcset>`.
fn write_picture(dom: &Dom, ix: NodeIx, base: Option<&Url>, out: &mut String) {
    if let Some(img) = dom.descendants(ix).find(|&d| dom.is_tag(d, "img")) {
        if image_source(dom, img).is_some() {
            write_img(dom, img, base, out);
            return;
        }
    }
    let source = dom
        .descendants(ix)
        .filter(|&d| dom.is_tag(d, "source"))
        .find_map(|d| {
            dom.attr(d, "srcset")
                .or_else(|| dom.attr(d, "data-srcset"))
                .and_then(largest_in_srcset)
        });
    if let Some(src) = source.and_then(|s| safe_url(&s, base, IMAGE_SCHEMES)) {
        out.push_str("<img");
        push_attr(out, "src", &src);
        out.push('>');
    }
}

/// A `<noscript>` holding the real image of a lazy-loaded one: used when
/// the image before it has no real source.
fn noscript_image(dom: &Dom, ix: NodeIx, base: Option<&Url>, out: &mut String) {
    let raw = dom.raw_text(ix);
    if !raw.contains("<img") {
        return;
    }
    let previous_has_image = dom.parent(ix).is_some_and(|p| {
        dom.element_children(p).take_while(|&c| c != ix).any(|c| {
            (dom.is_tag(c, "img") && image_source(dom, c).is_some()) || dom.is_tag(c, "picture")
        })
    });
    if previous_has_image {
        return;
    }
    let inner = Dom::parse_fragment(&raw);
    let img = inner.elements().find(|&i| inner.is_tag(i, "img"));
    if let Some(img) = img {
        write_img(&inner, img, base, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reader's second pass (extension/frame/allow-list.js) is this
    /// sanitiser's allow-list, written out as JavaScript: what the serialiser
    /// may write, tag by tag. `UPDATE_ALLOW_LIST=1 cargo test --lib
    /// allow_list` rewrites the file after a change here.
    #[test]
    fn js_allow_list_mirrors_the_sanitiser() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/frame/allow-list.js");
        let quoted = |list: &[&str]| {
            let items: Vec<String> = list.iter().map(|s| format!("'{s}'")).collect();
            format!("[{}]", items.join(", "))
        };
        let mut attributes = String::new();
        for &tag in KEPT_TAGS {
            let mut list: Vec<&str> = tag_attributes(tag).to_vec();
            match tag {
                "a" => list.push("rel"), // open_tag: rel="noopener noreferrer" with every href
                "code" => list.push("class"), // write_pre: class="language-…"
                "img" => {
                    list.push("src");
                    list.extend(IMAGE_ATTRIBUTES);
                }
                _ => {}
            }
            if !list.is_empty() {
                attributes.push_str(&format!("    {tag}: {},\n", quoted(&list)));
            }
        }
        let schemes = |list: &[&str]| {
            let with_colon: Vec<String> = list.iter().map(|s| format!("{s}:")).collect();
            quoted(&with_colon.iter().map(String::as_str).collect::<Vec<_>>())
        };
        let expected = format!(
            "// Generated from src/sanitise.rs by its test js_allow_list_mirrors_the_sanitiser\n\
             // (UPDATE_ALLOW_LIST=1 cargo test --lib allow_list): do not edit by hand.\n\
             // The tags and attributes the core's sanitiser may write; URLs by scheme.\n\
             export const allowList = {{\n  \
             tags: {},\n  \
             global: {},\n  \
             attributes: {{\n{}  }},\n  \
             urls: {{ href: {}, src: {} }},\n\
             }};\n",
            quoted(KEPT_TAGS),
            quoted(GLOBAL_ATTRIBUTES),
            attributes,
            schemes(LINK_SCHEMES),
            schemes(IMAGE_SCHEMES),
        );
        if std::env::var_os("UPDATE_ALLOW_LIST").is_some() {
            std::fs::write(path, &expected).unwrap();
        }
        let actual = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            actual == expected,
            "extension/frame/allow-list.js is not src/sanitise.rs's allow-list: run UPDATE_ALLOW_LIST=1 cargo test --lib allow_list"
        );
    }

    fn base() -> Url {
        Url::parse("https://example.org/news/a.html").unwrap()
    }

    #[test]
    fn sanitiser_strips_scripts_and_handlers() {
        let out = sanitise(
            r#"<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">l</a><img src="/i.png" onerror="x()"></p>"#,
            Some(&base()),
        );
        assert!(
            !out.contains("script")
                && !out.contains("onclick")
                && !out.contains("onerror")
                && !out.contains("javascript")
        );
        assert!(out.contains(r#"src="https://example.org/i.png""#));
    }

    #[test]
    fn urls_are_absolute_and_web_only() {
        let out = sanitise(
            concat!(
                r#"<a href="/a">1</a><a href="JaVa&#x09;script:x()">2</a>"#,
                r#"<a href="mailto:x@e.org">3</a><a href="data:text/html,x">4</a>"#,
                r#"<a href="https://bücher.example/b">5</a><img src="vbscript:x">"#,
            ),
            Some(&base()),
        );
        assert!(out.contains(r#"href="https://example.org/a""#), "{out}");
        assert!(out.contains(r#"href="mailto:x@e.org""#), "{out}");
        assert!(out.contains(r#"href="https://bücher.example/b""#), "{out}");
        for bad in ["script", "data:", "vbscript", "<img"] {
            assert!(!out.to_lowercase().contains(bad), "{bad} in {out}");
        }
        assert!(out.contains(">2</a>") && out.contains(">4</a>"), "{out}");
    }

    #[test]
    fn relative_urls_stay_relative_without_base() {
        let out = sanitise(r#"<a href="b/c?d#e">x</a><a href="java:x">y</a>"#, None);
        assert!(out.contains(r#"href="b/c?d#e""#), "{out}");
        assert!(!out.contains("java:"), "{out}");
    }

    #[test]
    fn output_re_sanitises_to_itself() {
        let input = concat!(
            r#"<section><p title="t" onclick="x">a &amp; b<span>c</span></p>"#,
            r#"<table><tr><td colspan="2">cell</td></tr></table>"#,
            r#"<pre class="brush: js">x &lt; 1</pre><!-- c --><ol start="3"><li>i</li></ol></section>"#,
        );
        let once = sanitise(input, Some(&base()));
        assert_eq!(sanitise(&once, Some(&base())), once);
        assert!(!once.contains("title=") && !once.contains("<!--"), "{once}");
    }

    #[test]
    fn keeps_code_language_only() {
        let out = sanitise(
            r#"<pre><code class="language-rust evil">fn main() {}</code></pre>"#,
            None,
        );
        assert!(out.contains(r#"<code class="language-rust">"#), "{out}");
    }

    #[test]
    fn custom_elements_are_blocks_only_when_they_hold_one() {
        let long = "a sentence long enough to be a paragraph of its own, and then some";
        let out = sanitise(
            &format!(
                "<x-story><x-para>{long}</x-para><x-para><p>b</p></x-para>\
                 <x-short>c</x-short><p>d <x-long>{long}</x-long></p></x-story>"
            ),
            None,
        );
        assert_eq!(
            out,
            format!("<div><div>{long}</div><div><p>b</p></div>c<p>d {long}</p></div>"),
        );
        assert_eq!(sanitise(&out, None), out, "re-sanitises to itself");
    }

    #[test]
    fn code_blocks_keep_lines_and_drop_scripts() {
        let out = sanitise(
            "<pre><span>a</span><div>b</div>c<br>d<script>evil()</script>e<p></p></pre>",
            None,
        );
        assert_eq!(out, "<pre><code>a\nb\nc\nde</code></pre>");
    }
}
