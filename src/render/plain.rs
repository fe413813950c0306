//! Plain text from the sanitised article HTML: what a reader reads, with a
//! blank line between blocks and no markup at all.
//!
//! One pass over the tree's open/close events with explicit stacks, so no
//! input depth can overflow the call stack. Lists, items and tables collect
//! their finished blocks and lay them out when they close; inline text
//! collects in one buffer that becomes a block at the next block boundary.

use crate::parse::{Element, NodeRef, Tree};

use crate::tags::{is_heading, is_paragraph_block};

/// Deeper than this, elements are read as plain inline text: it bounds the
/// work of indenting nested lists.
const MAX_DEPTH: usize = 200;

pub fn to_text(html: &str) -> String {
    render(&Tree::parse_fragment(html))
}

pub(crate) fn render(doc: &Tree) -> String {
    let mut w = Writer::default();
    super::walk(doc, &mut w);
    w.finish()
}

impl super::Renderer for Writer {
    fn text(&mut self, text: &str) {
        Writer::text(self, text);
    }

    fn open(&mut self, element: &Element<'_>, depth: usize) {
        Writer::open(self, element, depth);
    }

    fn close(&mut self, _node: NodeRef<'_>) {
        Writer::close(self);
    }
}

enum Holder {
    Root,
    List {
        ordered: bool,
        next: u64,
    },
    Item {
        marker: String,
    },
    Table {
        rows: Vec<Vec<String>>,
        caption: String,
    },
    Caption,
    Cell,
}

struct Container {
    kind: Holder,
    blocks: Vec<String>,
}

/// What to do when an element closes.
enum Close {
    Nothing,
    Block,
    Container,
    Pre,
    Hidden,
    Quote,
}

#[derive(Default)]
struct Writer {
    containers: Vec<Container>,
    closes: Vec<Close>,
    buf: String,
    in_pre: bool,
    hidden: usize,
}

impl Writer {
    fn open(&mut self, el: &Element<'_>, depth: usize) {
        let close = self.open_element(el, depth);
        self.closes.push(close);
    }

    fn open_element(&mut self, el: &Element<'_>, depth: usize) -> Close {
        let tag = el.name();
        if self.hidden > 0 {
            return Close::Nothing;
        }
        if crate::tags::is_invisible_tag(tag) {
            self.hidden += 1;
            return Close::Hidden;
        }
        if tag == "br" {
            self.line_break();
            return Close::Nothing;
        }
        if self.in_pre || depth > MAX_DEPTH {
            return Close::Nothing;
        }
        match tag {
            t if is_paragraph_block(t)
                || is_heading(t)
                || matches!(t, "figcaption" | "summary" | "dt" | "blockquote" | "tr") =>
            {
                self.flush();
                if tag == "tr" {
                    if let Holder::Table { rows, .. } = &mut self.top().kind {
                        rows.push(Vec::new());
                    }
                }
                Close::Block
            }
            "hr" => {
                self.flush();
                Close::Nothing
            }
            "pre" => {
                self.flush();
                self.in_pre = true;
                Close::Pre
            }
            "q" => {
                self.text("\"");
                Close::Quote
            }
            "ul" | "ol" => {
                let next = el
                    .attr("start")
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .unwrap_or(1);
                self.container(Holder::List {
                    ordered: tag == "ol",
                    next,
                })
            }
            "li" => {
                let marker = match &mut self.top().kind {
                    Holder::List {
                        ordered: true,
                        next,
                    } => {
                        let m = format!("{next}. ");
                        *next = next.saturating_add(1);
                        m
                    }
                    _ => "- ".to_string(),
                };
                self.container(Holder::Item { marker })
            }
            "table" => self.container(Holder::Table {
                rows: Vec::new(),
                caption: String::new(),
            }),
            "caption" => self.container(Holder::Caption),
            "td" | "th" => self.container(Holder::Cell),
            _ => Close::Nothing,
        }
    }

    fn close(&mut self) {
        match self.closes.pop().unwrap_or(Close::Nothing) {
            Close::Nothing => {}
            Close::Block => self.flush(),
            Close::Container => {
                self.flush();
                self.pop_container();
            }
            Close::Pre => {
                self.in_pre = false;
                let text = std::mem::take(&mut self.buf);
                let text = text.trim_start_matches(['\n', '\r']).trim_end();
                if !text.is_empty() {
                    self.push_block(text.to_string());
                }
            }
            Close::Hidden => self.hidden -= 1,
            Close::Quote => self.text("\""),
        }
    }

    fn finish(mut self) -> String {
        self.flush();
        while self.containers.len() > 1 {
            self.pop_container();
        }
        join_trimmed(std::mem::take(&mut self.top().blocks))
    }

    fn top(&mut self) -> &mut Container {
        if self.containers.is_empty() {
            self.containers.push(Container {
                kind: Holder::Root,
                blocks: Vec::new(),
            });
        }
        self.containers.last_mut().expect("root container")
    }

    fn push_block(&mut self, text: String) {
        self.top().blocks.push(text);
    }

    fn container(&mut self, kind: Holder) -> Close {
        self.flush();
        self.top();
        self.containers.push(Container {
            kind,
            blocks: Vec::new(),
        });
        Close::Container
    }

    fn text(&mut self, s: &str) {
        if self.hidden > 0 {
            return;
        }
        if self.in_pre {
            self.buf.push_str(s);
            return;
        }
        for c in s.chars() {
            if is_html_space(c) {
                if !self.buf.is_empty() && !self.buf.ends_with([' ', '\n']) {
                    self.buf.push(' ');
                }
            } else {
                self.buf.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        if self.in_pre {
            self.buf.push('\n');
            return;
        }
        if self.buf.ends_with(' ') {
            self.buf.pop();
        }
        self.buf.push('\n');
    }

    fn flush(&mut self) {
        let buf = std::mem::take(&mut self.buf);
        let mut text = String::with_capacity(buf.len());
        for line in buf.split('\n') {
            let line = line.trim_matches(' ');
            // Leading breaks add nothing; inner ones are kept.
            if !text.is_empty() || !line.is_empty() {
                text.push_str(line);
                text.push('\n');
            }
        }
        let text = text.trim_end();
        if !text.is_empty() {
            self.push_block(text.to_string());
        }
    }

    fn pop_container(&mut self) {
        let Some(done) = self.containers.pop() else {
            return;
        };
        match done.kind {
            Holder::Root => self.containers.push(done),
            Holder::List { .. } => {
                if !done.blocks.is_empty() {
                    self.push_block(done.blocks.join("\n"));
                }
            }
            Holder::Item { marker } => {
                let body = done.blocks.join("\n");
                if !body.is_empty() {
                    self.push_block(indent(&body, &marker, "  "));
                }
            }
            Holder::Caption => {
                let text = one_line(&done.blocks);
                match &mut self.top().kind {
                    Holder::Table { caption, .. } => *caption = text,
                    _ if !text.is_empty() => self.push_block(text),
                    _ => {}
                }
            }
            Holder::Cell => {
                let text = one_line(&done.blocks);
                match &mut self.top().kind {
                    Holder::Table { rows, .. } => {
                        if rows.is_empty() {
                            rows.push(Vec::new());
                        }
                        rows.last_mut().expect("a row").push(text);
                    }
                    _ if !text.is_empty() => self.push_block(text),
                    _ => {}
                }
            }
            Holder::Table { rows, caption } => {
                let mut lines: Vec<String> = Vec::new();
                if !caption.is_empty() {
                    lines.push(caption);
                }
                for row in rows {
                    if row.iter().any(|c| !c.is_empty()) {
                        lines.push(row.join(" | ").trim().to_string());
                    }
                }
                if !lines.is_empty() {
                    self.push_block(lines.join("\n"));
                }
            }
        }
    }
}

/// HTML's inter-element whitespace (not the no-break space, which is text).
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

/// The first line after `first`, later non-empty lines after `rest`.
fn indent(body: &str, first: &str, rest: &str) -> String {
    let mut out = String::with_capacity(body.len() + 16);
    for (i, line) in body.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i == 0 {
            out.push_str(first);
        } else if !line.is_empty() {
            out.push_str(rest);
        }
        out.push_str(line);
    }
    out
}

/// A table cell or caption is one line.
fn one_line(blocks: &[String]) -> String {
    crate::text::collapse_whitespace(&blocks.join(" "))
}

/// The blocks joined by blank lines, every line without its trailing
/// whitespace and ended by one `\n`, no blank lines at the end: what
/// `blocks.join("\n\n").trim_end().lines()` gives, built without the
/// joined copy and freeing each block once written.
fn join_trimmed(blocks: Vec<String>) -> String {
    let mut out = String::new();
    // Length of `out` up to the last line with any text.
    let mut keep = 0;
    for (i, block) in blocks.into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for line in block.split('\n') {
            let line = line.trim_end();
            out.push_str(line);
            out.push('\n');
            if !line.is_empty() {
                keep = out.len();
            }
        }
    }
    out.truncate(keep);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_join_with_trimmed_line_ends() {
        let cases: [&[&str]; 8] = [
            &[],
            &[""],
            &["   \n\n", " "],
            &["a"],
            &["a \n\n b\u{a0}\n", "", "c"],
            &["a\r\nb\t\r\n\n\n", "\n"],
            &["\n\nx  \n\u{3000}\ny", "  z \n"],
            &["é \n ü\u{2003}"],
        ];
        for blocks in cases {
            let expected: String = blocks
                .join("\n\n")
                .trim_end()
                .lines()
                .flat_map(|l| [l.trim_end(), "\n"])
                .collect();
            let got = join_trimmed(blocks.iter().map(|b| b.to_string()).collect());
            assert_eq!(got, expected, "{blocks:?}");
        }
    }

    #[test]
    fn empty_input_gives_empty_output() {
        assert_eq!(to_text(""), "");
        assert_eq!(to_text("<p> </p><div><br></div><img src=x alt=y>"), "");
    }

    #[test]
    fn blocks_are_separated_by_one_blank_line() {
        let text = to_text("<h1>Title</h1><p>One  <em>two</em>\n three.</p><blockquote><p>Quoted</p></blockquote><hr><p>End</p>");
        assert_eq!(text, "Title\n\nOne two three.\n\nQuoted\n\nEnd\n");
    }

    #[test]
    fn lists_nest_and_number() {
        let text = to_text(
            "<ul><li>one<ul><li>one.a</li></ul></li><li>two</li></ul>\
             <ol start=\"3\"><li>three</li><li>four</li></ol>",
        );
        assert_eq!(text, "- one\n  - one.a\n- two\n\n3. three\n4. four\n");
    }

    #[test]
    fn pre_keeps_whitespace_and_br_breaks_lines() {
        let text = to_text("<p>a<br>b</p><pre><code>  x = 1\n\n  y  =  2\n</code></pre>");
        assert_eq!(text, "a\nb\n\n  x = 1\n\n  y  =  2\n");
    }

    #[test]
    fn tables_and_figures() {
        let text = to_text(
            "<figure><img src=\"https://e.com/i.png\" alt=\"alt text\"><figcaption>A cat</figcaption></figure>\
             <table><tr><th>Name</th><th>Score</th></tr><tr><td>Ann</td><td><p>9</p></td></tr></table>",
        );
        assert_eq!(text, "A cat\n\nName | Score\nAnn | 9\n");
    }

    #[test]
    fn no_markup_and_entities_decoded() {
        let text = to_text(
            "<p>&lt;script&gt; caf&eacute; <q>hi</q> &amp; <a href=\"https://e.com\">link</a></p>",
        );
        assert_eq!(text, "<script> café \"hi\" & link\n");
    }

    // html5ever's own cost grows with the square of the depth of nested
    // blocks (scope checks), so block nesting is tested less deep than spans.
    #[test]
    fn deep_nesting_does_not_panic() {
        let html = "<span>".repeat(50_000) + "deep";
        assert_eq!(to_text(&html), "deep\n");
        let html = "<div>".repeat(2_000) + "deep" + &"</div>".repeat(2_000);
        assert_eq!(to_text(&html), "deep\n");
        let html = "<ul><li>".repeat(500) + "deep";
        assert!(to_text(&html).ends_with("- deep\n"));
    }
}
