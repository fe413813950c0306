//! The article's sentences for reading aloud, addressed to the reader's DOM.
//!
//! The reader shows `Article::html` parsed as it is, so its elements stand
//! in the same document order there as here. A block (any element but the
//! inline ones) holds the text of its own: its text nodes, less those inside
//! a nested block; a line break or a nested block ends a run of that text,
//! and each run is split into sentences ([`crate::sentences`]). A sentence
//! is its block's index among the article's elements and a range of that
//! block's `textContent` in UTF-16 code units, JavaScript's string offsets
//! (`[block, start, end]` in JSON):
//! the reader only finds the text nodes and speaks what the range holds.
//! Code blocks (`pre`) are not read.

use crate::parse::{Element, NodeRef, Tree};

use super::Renderer;
use crate::model::Sentence;
use crate::sentences;

/// Elements read as part of the text around them.
fn is_inline(tag: &str) -> bool {
    matches!(
        tag,
        "a" | "abbr"
            | "b"
            | "cite"
            | "code"
            | "del"
            | "em"
            | "i"
            | "ins"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "img"
    )
}

struct Open {
    block: u32,
    h1: bool,
    /// The block's start in the whole text, UTF-16.
    base: usize,
    /// The run of its own text being gathered, and where it starts.
    run: String,
    run_at: usize,
}

struct Speech<'a> {
    lang: &'a str,
    elements: u32,
    /// UTF-16 code units of text so far.
    at: usize,
    open: Vec<Open>,
    /// Open `pre` elements.
    quiet: usize,
    out: Vec<Sentence>,
    /// The first sentence is an `h1`'s.
    h1_first: bool,
}

impl Speech<'_> {
    fn flush(&mut self) {
        let Some(block) = self.open.last_mut() else {
            return;
        };
        let run = std::mem::take(&mut block.run);
        let base = block.run_at - block.base;
        let ranges = sentences::split(&run, self.lang);
        if self.out.is_empty() && !ranges.is_empty() {
            self.h1_first = block.h1;
        }
        let (mut byte, mut unit) = (0, 0);
        let mut offset = |to: usize| {
            unit += run[byte..to].encode_utf16().count();
            byte = to;
            (base + unit) as u32
        };
        for r in ranges {
            let (start, end) = (offset(r.start), offset(r.end));
            self.out.push(Sentence {
                block: block.block,
                start,
                end,
            });
        }
    }
}

impl Renderer for Speech<'_> {
    fn text(&mut self, text: &str) {
        if let Some(block) = self.open.last_mut().filter(|_| self.quiet == 0) {
            if block.run.is_empty() {
                block.run_at = self.at;
            }
            block.run.push_str(text);
        }
        self.at += text.encode_utf16().count();
    }

    fn open(&mut self, element: &Element<'_>, _depth: usize) {
        let tag = element.name();
        let index = self.elements;
        self.elements += 1;
        if tag == "pre" {
            self.quiet += 1;
        } else if tag == "br" {
            self.flush();
        } else if !is_inline(tag) {
            self.flush();
            self.open.push(Open {
                block: index,
                h1: tag == "h1",
                base: self.at,
                run: String::new(),
                run_at: self.at,
            });
        }
    }

    fn close(&mut self, node: NodeRef<'_>) {
        let tag = node.element().map_or("", |e| e.name());
        if tag == "pre" {
            self.quiet -= 1;
        } else if tag != "br" && !is_inline(tag) {
            self.flush();
            self.open.pop();
        }
    }
}

/// The sentences of the article's parsed HTML, in reading order, and
/// whether the first is an `h1`'s (the headline, read from the article).
pub(crate) fn render(doc: &Tree, lang: &str) -> (Vec<Sentence>, bool) {
    let mut speech = Speech {
        lang,
        elements: 0,
        at: 0,
        open: Vec::new(),
        quiet: 0,
        out: Vec::new(),
        h1_first: false,
    };
    super::walk(doc, &mut speech);
    (speech.out, speech.h1_first)
}

/// The sentences of a plain text (a title): UTF-16 ranges, `block` 0.
pub fn of_text(text: &str, lang: &str) -> Vec<Sentence> {
    let mut speech = Speech {
        lang,
        elements: 1,
        at: 0,
        open: vec![Open {
            block: 0,
            h1: false,
            base: 0,
            run: text.to_string(),
            run_at: 0,
        }],
        quiet: 0,
        out: Vec::new(),
        h1_first: false,
    };
    speech.flush();
    speech.out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each sentence as (block's tag, the text its range holds), the way
    /// the reader finds it: the block by index, the range in its text.
    fn read(html: &str) -> Vec<(String, String)> {
        // The reader's DOM, as scraper builds it, to look the blocks up in.
        let doc = scraper::Html::parse_fragment(html);
        let elements: Vec<_> = doc
            .tree
            .root()
            .descendants()
            .filter_map(scraper::ElementRef::wrap)
            .collect();
        render(&Tree::parse_fragment(html), "en")
            .0
            .into_iter()
            .map(|s| {
                let el = elements[s.block as usize];
                let text: Vec<u16> = el.text().collect::<String>().encode_utf16().collect();
                let said = String::from_utf16(&text[s.start as usize..s.end as usize]).unwrap();
                (el.value().name().to_string(), said)
            })
            .collect()
    }

    fn pair(tag: &str, text: &str) -> (String, String) {
        (tag.to_string(), text.to_string())
    }

    #[test]
    fn blocks_and_ranges_address_the_reader_dom() {
        let got = read(
            "Bare text first. <h2>Rates 😀 rise</h2><p>The <a href=\"x\">Fed</a> met. Mr. Powell spoke.</p>\
             <ul><li>First item<ul><li>Nested one.</li></ul>after it.</li></ul>\
             <pre><code>let x = 1. Not read.</code></pre><p>Line one<br>Line two.</p>\
             <blockquote><p>Quoted 😀 text. More.</p></blockquote><figure><img src=\"a.png\"><figcaption>A caption.</figcaption></figure>",
        );
        assert_eq!(
            got,
            [
                pair("html", "Bare text first."),
                pair("h2", "Rates 😀 rise"),
                pair("p", "The Fed met."),
                pair("p", "Mr. Powell spoke."),
                pair("li", "First item"),
                pair("li", "Nested one."),
                pair("li", "after it."),
                pair("p", "Line one"),
                pair("p", "Line two."),
                pair("p", "Quoted 😀 text."),
                pair("p", "More."),
                pair("figcaption", "A caption."),
            ]
        );
    }

    #[test]
    fn a_title() {
        let t = "Ünïcode 😀 title. Second part";
        let s = of_text(t, "en");
        let units: Vec<u16> = t.encode_utf16().collect();
        let said: Vec<_> = s
            .iter()
            .map(|s| String::from_utf16(&units[s.start as usize..s.end as usize]).unwrap())
            .collect();
        assert_eq!(said, ["Ünïcode 😀 title.", "Second part"]);
    }
}
