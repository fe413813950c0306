//! The one block writer behind plain text and Markdown: what a block is,
//! where one ends, how lists, items, tables and `pre` nest, how inline
//! whitespace collapses. A [`Format`] supplies the hooks where the two
//! differ: its own elements (headings, emphasis, links), line breaks, how a
//! paragraph, a code block, a list item or a table is written, and the final
//! join.
//!
//! One pass over the tree's open/close events with explicit stacks, so no
//! input depth can overflow the call stack. Containers (lists, items,
//! tables, their cells) collect their finished blocks and lay them out when
//! they close; inline text collects in one buffer that becomes a block at
//! the next block boundary.

use crate::parse::{Element, NodeRef, Tree};

use crate::tags::is_paragraph_block;

/// Deeper than this, elements are read as plain inline text: no reader needs
/// more structure, and it bounds the work of indenting nested lists.
const MAX_DEPTH: usize = 200;

/// The document as `F` writes it.
pub(super) fn write<F: Format>(doc: &Tree) -> String {
    let mut w = Writer::<F>::default();
    super::walk(doc, &mut w);
    w.finish()
}

/// Where plain text and Markdown part ways. Hooks take the whole writer:
/// they write into its buffer and blocks and keep their own state in
/// [`Writer::format`].
pub(super) trait Format: Default + Sized {
    /// What the format's own elements do when they close.
    type Close;
    /// Plain text numbers an item as it opens, empty or not; Markdown
    /// leaves an empty item out, so it takes no number.
    const NUMBERS_EMPTY_ITEMS: bool;
    /// The largest list number the format writes.
    const MAX_LIST_NUMBER: u64;

    /// Elements whose content the format leaves out.
    fn is_hidden(tag: &str) -> bool {
        crate::tags::is_invisible_tag(tag)
    }
    /// A `pre` opens (its text is kept as it is until it closes).
    fn open_pre(_w: &mut Writer<Self>, _el: &Element<'_>) {}
    /// An element inside `pre`, where only text and line breaks count.
    fn open_in_pre(_w: &mut Writer<Self>, _el: &Element<'_>) {}
    /// Elements that count at any depth, before the shared rules: `None`
    /// leaves the element to them.
    fn open_at_any_depth(_w: &mut Writer<Self>, _el: &Element<'_>) -> Option<Close<Self::Close>> {
        None
    }
    /// The format's own elements, within the depth cap: `None` leaves the
    /// element to the shared rules.
    fn open(w: &mut Writer<Self>, el: &Element<'_>) -> Option<Close<Self::Close>>;
    /// One of the format's own elements closes; `node` is the element.
    fn close(w: &mut Writer<Self>, close: Self::Close, node: NodeRef<'_>);
    /// Inline text, its whitespace collapsed, never empty.
    fn inline_text(w: &mut Writer<Self>, words: &str);
    /// A `<br>` outside `pre`.
    fn line_break(w: &mut Writer<Self>);
    /// The paragraph being written ends: the buffer becomes a block.
    fn end_paragraph(w: &mut Writer<Self>);
    /// A `pre` closes: the buffer holds its text, as it is.
    fn end_pre(w: &mut Writer<Self>);
    /// The marker character of a new list; `prev` is that of the list just
    /// before it, if the previous block is one.
    fn list_marker(ordered: bool, prev: Option<char>) -> char;
    /// A list item's blocks as one text.
    fn item_body(blocks: Vec<Block>) -> String;
    /// A list item: its text, not empty, behind its marker.
    fn item(body: String, marker: &str) -> String;
    /// A quote's blocks, joined, not empty: Markdown marks every line
    /// (plain text reads a blockquote as a block and opens no quote).
    fn quote(body: String) -> String {
        body
    }
    /// A table cell or caption is one line.
    fn one_line(blocks: Vec<Block>) -> String;
    /// A table cell's line as the table will hold it.
    fn cell_text(line: String) -> String {
        line
    }
    /// A table's blocks, each not empty.
    fn table(rows: Vec<Vec<Cell>>, caption: String) -> Vec<String>;
    /// The whole document from the blocks at its root.
    fn join(blocks: Vec<Block>) -> String;
}

/// A finished block, and the list marker it uses if it is a list (so that
/// two adjacent lists do not merge into one).
pub(super) struct Block {
    pub text: String,
    pub list: Option<char>,
}

pub(super) enum Holder {
    Root,
    /// Markdown's blockquote.
    Quote,
    /// `marker`: `-` or `*` for bullets, `.` or `)` after numbers.
    List {
        ordered: bool,
        marker: char,
        next: u64,
    },
    /// `marker`: taken when the item opened, if the format numbers empty
    /// items too; else when it closes.
    Item {
        marker: Option<String>,
    },
    Table {
        rows: Vec<Vec<Cell>>,
        caption: String,
    },
    Caption,
    Cell {
        colspan: usize,
        rowspan: usize,
    },
}

pub(super) struct Container {
    pub kind: Holder,
    pub blocks: Vec<Block>,
}

pub(super) struct Cell {
    pub text: String,
    pub colspan: usize,
    pub rowspan: usize,
}

/// What to do when an element closes.
pub(super) enum Close<Own> {
    Nothing,
    Block,
    Container,
    Pre,
    Hidden,
    Quote,
    /// One of the format's own elements.
    Own(Own),
}

pub(super) struct Writer<F: Format> {
    /// The format's own state.
    pub format: F,
    pub containers: Vec<Container>,
    closes: Vec<Close<F::Close>>,
    /// The paragraph being written.
    pub buf: String,
    pre: bool,
    hidden: usize,
}

impl<F: Format> Default for Writer<F> {
    fn default() -> Self {
        Writer {
            format: F::default(),
            containers: Vec::new(),
            closes: Vec::new(),
            buf: String::new(),
            pre: false,
            hidden: 0,
        }
    }
}

impl<F: Format> super::Renderer for Writer<F> {
    fn text(&mut self, text: &str) {
        Writer::text(self, text);
    }

    fn open(&mut self, element: &Element<'_>, depth: usize) {
        let close = self.open_element(element, depth);
        self.closes.push(close);
    }

    fn close(&mut self, node: NodeRef<'_>) {
        match self.closes.pop().unwrap_or(Close::Nothing) {
            Close::Nothing => {}
            Close::Block => self.flush(),
            Close::Container => {
                self.flush();
                self.pop_container();
            }
            Close::Pre => {
                self.pre = false;
                F::end_pre(self);
            }
            Close::Hidden => self.hidden -= 1,
            Close::Quote => self.text("\""),
            Close::Own(close) => F::close(self, close, node),
        }
    }
}

impl<F: Format> Writer<F> {
    fn open_element(&mut self, el: &Element<'_>, depth: usize) -> Close<F::Close> {
        let tag = el.name();
        if self.hidden > 0 {
            return Close::Nothing;
        }
        if F::is_hidden(tag) {
            self.hidden += 1;
            return Close::Hidden;
        }
        if self.pre {
            if tag == "br" {
                self.buf.push('\n');
            }
            F::open_in_pre(self, el);
            return Close::Nothing;
        }
        if let Some(close) = F::open_at_any_depth(self, el) {
            return close;
        }
        if tag == "br" {
            F::line_break(self);
            return Close::Nothing;
        }
        if depth > MAX_DEPTH {
            return Close::Nothing;
        }
        if let Some(close) = F::open(self, el) {
            return close;
        }
        match tag {
            t if is_paragraph_block(t) => {
                self.flush();
                Close::Block
            }
            "tr" => {
                self.flush();
                if let Holder::Table { rows, .. } = &mut self.top().kind {
                    rows.push(Vec::new());
                }
                Close::Block
            }
            "pre" => {
                self.flush();
                self.pre = true;
                F::open_pre(self, el);
                Close::Pre
            }
            "q" => {
                self.text("\"");
                Close::Quote
            }
            "ul" | "ol" => {
                self.flush();
                let ordered = tag == "ol";
                let prev = self.top().blocks.last().and_then(|b| b.list);
                let marker = F::list_marker(ordered, prev);
                let next = el
                    .attr("start")
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .unwrap_or(1)
                    .min(F::MAX_LIST_NUMBER);
                self.container(Holder::List {
                    ordered,
                    marker,
                    next,
                })
            }
            "li" => {
                let marker = F::NUMBERS_EMPTY_ITEMS.then(|| self.item_marker());
                self.container(Holder::Item { marker })
            }
            "table" => self.container(Holder::Table {
                rows: Vec::new(),
                caption: String::new(),
            }),
            "caption" => self.container(Holder::Caption),
            "td" | "th" => {
                let span = |name: &str, max: usize| {
                    el.attr(name)
                        .and_then(|s| s.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, max)
                };
                self.container(Holder::Cell {
                    colspan: span("colspan", 100),
                    rowspan: span("rowspan", 1000),
                })
            }
            _ => Close::Nothing,
        }
    }

    fn finish(mut self) -> String {
        self.flush();
        while self.containers.len() > 1 {
            self.pop_container();
        }
        F::join(std::mem::take(&mut self.top().blocks))
    }

    /// Text as HTML lays it out: runs of whitespace one space, none at the
    /// start of a line; inside `pre`, as it is.
    pub fn text(&mut self, s: &str) {
        if self.hidden > 0 {
            return;
        }
        if self.pre {
            self.buf.push_str(s);
            return;
        }
        let lead = s.starts_with(is_html_space);
        let trail = s.ends_with(is_html_space);
        let at_start = self.buf.is_empty() || self.buf.ends_with('\n');
        if lead && !at_start && !self.buf.ends_with(' ') {
            self.buf.push(' ');
        }
        let words = collapse(s);
        if words.is_empty() {
            return;
        }
        F::inline_text(self, &words);
        if trail {
            self.buf.push(' ');
        }
    }

    /// End the paragraph being written.
    pub fn flush(&mut self) {
        F::end_paragraph(self);
    }

    pub fn top(&mut self) -> &mut Container {
        if self.containers.is_empty() {
            self.containers.push(Container {
                kind: Holder::Root,
                blocks: Vec::new(),
            });
        }
        self.containers.last_mut().expect("root container")
    }

    pub fn push_block(&mut self, text: String, list: Option<char>) {
        self.top().blocks.push(Block { text, list });
    }

    pub fn container(&mut self, kind: Holder) -> Close<F::Close> {
        self.flush();
        self.top();
        self.containers.push(Container {
            kind,
            blocks: Vec::new(),
        });
        Close::Container
    }

    /// The marker of the next item of the list on top.
    fn item_marker(&mut self) -> String {
        match &mut self.top().kind {
            Holder::List {
                ordered: true,
                marker,
                next,
            } => {
                let m = format!("{next}{marker} ");
                *next = next.saturating_add(1).min(F::MAX_LIST_NUMBER);
                m
            }
            Holder::List { marker, .. } => format!("{marker} "),
            _ => "- ".to_string(),
        }
    }

    fn pop_container(&mut self) {
        let Some(done) = self.containers.pop() else {
            return;
        };
        match done.kind {
            Holder::Root => self.containers.push(done),
            Holder::Quote => {
                let body = join_blocks(done.blocks, "\n\n");
                if !body.is_empty() {
                    self.push_block(F::quote(body), None);
                }
            }
            Holder::List { marker, .. } => {
                let body = join_blocks(done.blocks, "\n");
                if !body.is_empty() {
                    self.push_block(body, Some(marker));
                }
            }
            Holder::Item { marker } => {
                let body = F::item_body(done.blocks);
                // Empty items are left out.
                if body.is_empty() {
                    return;
                }
                let marker = marker.unwrap_or_else(|| self.item_marker());
                let item = F::item(body, &marker);
                // An item outside a list is a list of its own.
                let in_list = matches!(self.top().kind, Holder::List { .. });
                self.push_block(item, (!in_list).then_some('-'));
            }
            Holder::Caption => {
                let text = F::one_line(done.blocks);
                match &mut self.top().kind {
                    Holder::Table { caption, .. } => *caption = text,
                    _ if !text.is_empty() => self.push_block(text, None),
                    _ => {}
                }
            }
            Holder::Cell { colspan, rowspan } => {
                let cell = Cell {
                    text: F::cell_text(F::one_line(done.blocks)),
                    colspan,
                    rowspan,
                };
                match &mut self.top().kind {
                    Holder::Table { rows, .. } => {
                        if rows.is_empty() {
                            rows.push(Vec::new());
                        }
                        rows.last_mut().expect("a row").push(cell);
                    }
                    _ if !cell.text.is_empty() => self.push_block(cell.text, None),
                    _ => {}
                }
            }
            Holder::Table { rows, caption } => {
                for block in F::table(rows, caption) {
                    self.push_block(block, None);
                }
            }
        }
    }

    /// Inside a table cell or caption, which is one line.
    pub fn in_table_cell(&self) -> bool {
        self.containers
            .iter()
            .any(|c| matches!(c.kind, Holder::Cell { .. } | Holder::Caption))
    }
}

/// HTML's inter-element whitespace (not the no-break space, which is text).
pub(super) fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

/// Whitespace runs to one space, ends trimmed, as HTML renders inline text.
pub(super) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut push = |word: &str| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    };
    // Byte by byte: the spaces are ASCII, so no character is decoded.
    let mut word_start = None;
    for (i, b) in s.bytes().enumerate() {
        if matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C') {
            if let Some(start) = word_start.take() {
                push(&s[start..i]);
            }
        } else if word_start.is_none() {
            word_start = Some(i);
        }
    }
    if let Some(start) = word_start {
        push(&s[start..]);
    }
    out
}

/// The blocks' texts joined by `sep`.
pub(super) fn join_blocks(blocks: Vec<Block>, sep: &str) -> String {
    // Each block is freed once copied, so a long article is not held twice.
    let mut out = String::new();
    for b in blocks {
        if !out.is_empty() {
            out.push_str(sep);
        }
        out.push_str(&b.text);
    }
    out
}

/// Prefix the first line with `first`, later lines with `rest`, and empty
/// lines with `empty` (so no line ends in spaces).
pub(super) fn prefix_lines(body: &str, first: &str, rest: &str, empty: &str) -> String {
    let mut out = String::with_capacity(body.len() + 16);
    for (i, line) in body.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if i == 0 {
            out.push_str(if line.is_empty() {
                first.trim_end()
            } else {
                first
            });
        } else {
            out.push_str(if line.is_empty() { empty } else { rest });
        }
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{to_markdown, to_text};

    /// What the shared walker decides alone reads the same in both formats.
    const FORMATS: [fn(&str) -> String; 2] = [to_text, to_markdown];

    #[test]
    fn empty_input_gives_empty_output() {
        for write in FORMATS {
            assert_eq!(write(""), "");
            assert_eq!(write("  <p> </p><div><br></div>"), "");
        }
    }

    // html5ever's own cost grows with the square of the depth of nested
    // blocks (scope checks), so block nesting is tested less deep than spans.
    #[test]
    fn deep_nesting_does_not_panic() {
        for write in FORMATS {
            let html = "<span>".repeat(50_000) + "deep";
            assert_eq!(write(&html), "deep\n");
            let html = "<div>".repeat(2_000) + "deep" + &"</div>".repeat(2_000);
            assert_eq!(write(&html), "deep\n");
            let html = "<ul><li>".repeat(500) + "deep";
            assert!(write(&html).ends_with("- deep\n"));
            let html = "<blockquote><ul><li>".repeat(300) + "deep";
            assert!(write(&html).contains("deep"));
        }
    }
}
