//! Plain text from the sanitised article HTML: what a reader reads, with a
//! blank line between blocks and no markup at all. The walk over the blocks
//! is `blocks.rs`'s; this file holds only what plain text writes its own
//! way.

use std::convert::Infallible;

use crate::parse::{Element, NodeRef, Tree};

use super::blocks::{self, join_blocks, prefix_lines, Block, Cell, Close, Format, Writer};
use crate::tags::is_heading;

pub fn to_text(html: &str) -> String {
    blocks::write::<PlainText>(&Tree::parse_fragment(html))
}

/// Plain text's hooks: no markup, so no state of its own.
#[derive(Default)]
pub(super) struct PlainText;

impl Format for PlainText {
    /// Plain text has no elements of its own that act on closing.
    type Close = Infallible;
    const NUMBERS_EMPTY_ITEMS: bool = true;
    const MAX_LIST_NUMBER: u64 = u64::MAX;

    fn open(w: &mut Writer<Self>, el: &Element<'_>) -> Option<Close<Infallible>> {
        let tag = el.name();
        // No markup: headings, captions, terms and quotes are blocks like a
        // paragraph, and a rule only ends the paragraph.
        if is_heading(tag) || matches!(tag, "figcaption" | "summary" | "dt" | "blockquote") {
            w.flush();
            return Some(Close::Block);
        }
        if tag == "hr" {
            w.flush();
            return Some(Close::Nothing);
        }
        None
    }

    fn close(_w: &mut Writer<Self>, close: Infallible, _node: NodeRef<'_>) {
        match close {}
    }

    fn inline_text(w: &mut Writer<Self>, words: &str) {
        w.buf.push_str(words);
    }

    fn line_break(w: &mut Writer<Self>) {
        if w.buf.ends_with(' ') {
            w.buf.pop();
        }
        w.buf.push('\n');
    }

    fn end_paragraph(w: &mut Writer<Self>) {
        let buf = std::mem::take(&mut w.buf);
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
            w.push_block(text.to_string(), None);
        }
    }

    fn end_pre(w: &mut Writer<Self>) {
        let text = std::mem::take(&mut w.buf);
        let text = text.trim_start_matches(['\n', '\r']).trim_end();
        if !text.is_empty() {
            w.push_block(text.to_string(), None);
        }
    }

    /// Plain text writes `-` before a bullet and `.` after a number, always.
    fn list_marker(ordered: bool, _prev: Option<char>) -> char {
        if ordered {
            '.'
        } else {
            '-'
        }
    }

    fn item_body(blocks: Vec<Block>) -> String {
        join_blocks(blocks, "\n")
    }

    fn item(body: String, marker: &str) -> String {
        prefix_lines(&body, marker, "  ", "")
    }

    fn one_line(blocks: Vec<Block>) -> String {
        crate::text::collapse_whitespace(&join_blocks(blocks, " "))
    }

    /// The caption on a line of its own, then a line per row that has any
    /// text, its cells between ` | `.
    fn table(rows: Vec<Vec<Cell>>, caption: String) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        if !caption.is_empty() {
            lines.push(caption);
        }
        for row in rows {
            if row.iter().any(|c| !c.text.is_empty()) {
                let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
                lines.push(cells.join(" | ").trim().to_string());
            }
        }
        if lines.is_empty() {
            return Vec::new();
        }
        vec![lines.join("\n")]
    }

    fn join(blocks: Vec<Block>) -> String {
        join_trimmed(blocks)
    }
}

/// The blocks joined by blank lines, every line without its trailing
/// whitespace and ended by one `\n`, no blank lines at the end: what
/// `blocks.join("\n\n").trim_end().lines()` gives, built without the
/// joined copy and freeing each block once written.
fn join_trimmed(blocks: Vec<Block>) -> String {
    let mut out = String::new();
    // Length of `out` up to the last line with any text.
    let mut keep = 0;
    for (i, block) in blocks.into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for line in block.text.split('\n') {
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
            let owned = blocks.iter().map(|b| Block {
                text: b.to_string(),
                list: None,
            });
            let got = join_trimmed(owned.collect());
            assert_eq!(got, expected, "{blocks:?}");
        }
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
}
