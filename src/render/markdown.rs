//! Markdown (CommonMark with GFM tables and strikethrough) from the
//! sanitised article HTML. The walk over the blocks is `blocks.rs`'s; this
//! file holds what Markdown writes its own way:
//! headings, emphasis, code spans, links and images inside the paragraph
//! buffer, fenced code, quoted and indented containers, GFM tables. Page
//! text is escaped as it is appended, so nothing the page says can turn
//! into markup or raw HTML.

use crate::parse::{Element, NodeRef, Tree};

use super::blocks::{
    self, collapse, join_blocks, prefix_lines, Block, Cell, Close, Format, Holder, Writer,
};
use crate::tags::is_heading;

/// Ordered list numbers CommonMark accepts (at most nine digits).
const MAX_LIST_NUMBER: u64 = 999_999_999;

pub fn to_markdown(html: &str) -> String {
    blocks::write::<Markdown>(&Tree::parse_fragment(html))
}

#[derive(Clone, PartialEq)]
enum Span {
    Em,
    Strong,
    Del,
    Code,
    Link { href: String, title: Option<String> },
}

impl Span {
    /// The delimiter of an emphasis-like span.
    fn delimiter(&self) -> Option<&'static str> {
        match self {
            Span::Em => Some("*"),
            Span::Strong => Some("**"),
            Span::Del => Some("~~"),
            _ => None,
        }
    }
}

struct Frame {
    span: Span,
    /// Where the span's content starts in the paragraph buffer.
    start: usize,
}

/// What Markdown's own elements do when they close.
pub(super) enum MarkdownClose {
    /// A heading, and the level of the one it sits in, if any.
    Heading(Option<usize>),
    Span,
    /// A block written as one span (a caption in emphasis).
    BlockSpan,
}

/// Markdown's own state, beside the shared writer's.
#[derive(Default)]
pub(super) struct Markdown {
    spans: Vec<Frame>,
    /// Heading level of the paragraph being written, if it is a heading.
    heading: Option<usize>,
    /// The language of the code block being written.
    lang: Option<String>,
}

impl Format for Markdown {
    type Close = MarkdownClose;
    const NUMBERS_EMPTY_ITEMS: bool = false;
    const MAX_LIST_NUMBER: u64 = MAX_LIST_NUMBER;

    fn is_hidden(tag: &str) -> bool {
        is_hidden_tag(tag)
    }

    fn open_pre(w: &mut Writer<Self>, el: &Element<'_>) {
        w.format.lang = language(el);
    }

    fn open_in_pre(w: &mut Writer<Self>, el: &Element<'_>) {
        if el.name() == "code" && w.format.lang.is_none() {
            w.format.lang = language(el);
        }
    }

    fn open_at_any_depth(w: &mut Writer<Self>, el: &Element<'_>) -> Option<Close<MarkdownClose>> {
        let tag = el.name();
        if w.in_code() {
            if tag == "br" {
                w.buf.push(' ');
            }
            return Some(Close::Nothing);
        }
        match tag {
            "img" => w.image(el),
            "hr" => {
                w.flush();
                w.push_block("---".to_string(), None);
            }
            _ => return None,
        }
        Some(Close::Nothing)
    }

    fn open(w: &mut Writer<Self>, el: &Element<'_>) -> Option<Close<MarkdownClose>> {
        let tag = el.name();
        let close = match tag {
            t if is_heading(t) => {
                w.flush();
                let prev = w.format.heading;
                w.format.heading = Some(usize::from(tag.as_bytes()[1] - b'0'));
                Close::Own(MarkdownClose::Heading(prev))
            }
            "figcaption" => w.block_span(Span::Em),
            "dt" | "summary" => w.block_span(Span::Strong),
            "em" | "i" => w.span(Span::Em),
            "strong" | "b" => w.span(Span::Strong),
            "del" | "s" | "strike" => w.span(Span::Del),
            "code" | "kbd" | "samp" | "tt" => w.span(Span::Code),
            "a" => match el.attr("href").map(str::trim).filter(|h| !h.is_empty()) {
                Some(href) => {
                    let title = el
                        .attr("title")
                        .map(attribute_text)
                        .filter(|t| !t.is_empty());
                    let href = href.to_string();
                    w.span(Span::Link { href, title })
                }
                None => Close::Nothing,
            },
            "blockquote" => w.container(Holder::Quote),
            _ => return None,
        };
        Some(close)
    }

    fn close(w: &mut Writer<Self>, close: MarkdownClose, node: NodeRef<'_>) {
        match close {
            MarkdownClose::Heading(prev) => {
                w.flush();
                w.format.heading = prev;
            }
            MarkdownClose::Span => {
                // The first character after the element decides whether a
                // closing emphasis delimiter will be read as one.
                let emphasis = w
                    .format
                    .spans
                    .last()
                    .is_some_and(|f| f.span.delimiter().is_some());
                w.pop_span(if emphasis { next_char(node) } else { None });
            }
            MarkdownClose::BlockSpan => {
                w.flush();
                w.pop_span(None);
            }
        }
    }

    fn inline_text(w: &mut Writer<Self>, words: &str) {
        if w.in_code() {
            w.buf.push_str(words);
            return;
        }
        let line_start = w.buf.is_empty() || w.buf.ends_with('\n');
        let mut escaped = escape(words, line_start);
        // Readers differ on backslashes next to a pipe in a table; a
        // character reference reads the same in all of them.
        if w.in_table_cell() {
            escaped = escaped.replace("\\|", "&#124;");
        }
        w.buf.push_str(&escaped);
    }

    fn line_break(w: &mut Writer<Self>) {
        if w.format.heading.is_some() || w.in_table_cell() {
            if !w.buf.ends_with(' ') {
                w.buf.push(' ');
            }
        } else if w.buf.trim_end_matches(' ').ends_with("\\\n") {
            // Two line breaks in a row: a paragraph break in all but name.
            w.flush();
        } else if !w.buf.trim().is_empty() {
            w.buf.push_str("\\\n");
        }
    }

    /// The paragraph buffer becomes a block, closing and reopening any span
    /// that crosses the block boundary.
    fn end_paragraph(w: &mut Writer<Self>) {
        for i in (0..w.format.spans.len()).rev() {
            let frame = Frame {
                span: w.format.spans[i].span.clone(),
                start: w.format.spans[i].start,
            };
            w.wrap_span(&frame, None);
        }
        let text = w.take_buf();
        let mut text = text.trim_matches(is_md_space);
        while let Some(rest) = text.strip_suffix("\\\n") {
            text = rest.trim_end_matches(is_md_space);
        }
        if text.is_empty() {
            return;
        }
        // A table cell is inline content, where `#` would show as is.
        let block = match w.format.heading {
            Some(level) if !w.in_table_cell() => heading(level, text),
            _ => text.to_string(),
        };
        w.push_block(block, None);
    }

    fn end_pre(w: &mut Writer<Self>) {
        let lang = w.format.lang.take().unwrap_or_default();
        let code = w.take_buf();
        let code = code.trim_end_matches(['\n', '\r', ' ', '\t']);
        let code = code.trim_start_matches(['\n', '\r']);
        if code.trim().is_empty() {
            return;
        }
        let fence = "`".repeat((longest_run(code, '`') + 1).max(3));
        w.push_block(format!("{fence}{lang}\n{code}\n{fence}"), None);
    }

    /// A list right after a list of the same marker would merge with it,
    /// so the marker alternates.
    fn list_marker(ordered: bool, prev: Option<char>) -> char {
        match (ordered, prev) {
            (false, Some('-')) => '*',
            (false, _) => '-',
            (true, Some('.')) => ')',
            (true, _) => '.',
        }
    }

    fn item_body(blocks: Vec<Block>) -> String {
        // A nested list right after the item's text keeps the list tight.
        let mut body = String::new();
        for (i, b) in blocks.iter().enumerate() {
            if i > 0 {
                body.push_str(if b.list.is_some() { "\n" } else { "\n\n" });
            }
            body.push_str(&b.text);
        }
        body
    }

    fn item(mut body: String, marker: &str) -> String {
        // `- ---` would be one thematic break, not an item holding one.
        if marker == "- " && (body == "---" || body.starts_with("---\n")) {
            body.replace_range(..3, "***");
        }
        let indent = " ".repeat(marker.len());
        prefix_lines(&body, marker, &indent, "")
    }

    fn quote(body: String) -> String {
        prefix_lines(&body, "> ", "> ", ">")
    }

    /// A table cell's blocks and line breaks become spaces.
    fn one_line(blocks: Vec<Block>) -> String {
        let joined = join_blocks(blocks, " ");
        attribute_text(&joined.replace("\\\n", " "))
    }

    fn cell_text(line: String) -> String {
        escape_pipes(&line)
    }

    /// The caption as a paragraph, then the GFM table.
    fn table(rows: Vec<Vec<Cell>>, caption: String) -> Vec<String> {
        let mut blocks = Vec::new();
        if !caption.is_empty() {
            blocks.push(caption);
        }
        blocks.extend(gfm_table(rows));
        blocks
    }

    fn join(blocks: Vec<Block>) -> String {
        let mut out = join_blocks(blocks, "\n\n");
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }
}

/// Markdown's inline writing, on the shared writer.
impl Writer<Markdown> {
    fn span(&mut self, span: Span) -> Close<MarkdownClose> {
        // Emphasis inside the same emphasis, or a link in a link, adds
        // nothing and would only garble the delimiters.
        let same = |f: &Frame| match (&f.span, &span) {
            (Span::Link { .. }, Span::Link { .. }) => true,
            (a, b) => a == b,
        };
        if self.format.spans.iter().any(same) {
            return Close::Nothing;
        }
        self.format.spans.push(Frame {
            span,
            start: self.buf.len(),
        });
        Close::Own(MarkdownClose::Span)
    }

    fn block_span(&mut self, span: Span) -> Close<MarkdownClose> {
        self.flush();
        match self.span(span) {
            Close::Own(MarkdownClose::Span) => Close::Own(MarkdownClose::BlockSpan),
            _ => Close::Block,
        }
    }

    /// A `!` just before a link would make it an image.
    fn escape_bang(&mut self) {
        let bang = self.buf.len().wrapping_sub(1);
        if self.buf.ends_with('!') && !ends_escaped(&self.buf[..bang]) {
            self.buf.insert(bang, '\\');
            for frame in &mut self.format.spans {
                if frame.start > bang {
                    frame.start += 1;
                }
            }
        }
    }

    fn in_code(&self) -> bool {
        self.format.spans.iter().any(|f| f.span == Span::Code)
    }

    fn pop_span(&mut self, next: Option<char>) {
        if let Some(frame) = self.format.spans.pop() {
            self.wrap_span(&frame, next);
        }
    }

    /// Wrap the buffer from the span's start in the span's markup. `next` is
    /// the character that will follow it (`None`: the end of the paragraph).
    fn wrap_span(&mut self, frame: &Frame, next: Option<char>) {
        let mut start = frame.start.min(self.buf.len());
        let content = self.buf.split_off(start);
        let (lead, core, trail) = split_space(&content);
        if matches!(frame.span, Span::Link { .. }) && !core.is_empty() {
            self.escape_bang();
        }
        let Some(delim) = frame.span.delimiter() else {
            // Two code spans side by side would fuse their fences.
            if frame.span == Span::Code && self.buf.ends_with('`') && !core.is_empty() {
                self.buf.push(' ');
            }
            self.buf.push_str(&wrap(&frame.span, &content));
            return;
        };
        if core.is_empty() {
            self.buf.push_str(&content);
            return;
        }
        let prev = if lead.is_empty() {
            self.buf.chars().last()
        } else {
            lead.chars().last()
        };
        let next = if trail.is_empty() {
            next
        } else {
            trail.chars().next()
        };
        // `**a**` then `**b**` would read `**a****b**`: merge the two.
        let adjacent = lead.is_empty() && ends_with_delimiter(&self.buf, delim);
        let movable = || {
            self.format
                .spans
                .iter()
                .all(|f| f.start <= start - delim.len())
        };
        if adjacent && movable() && closes(core, next) {
            start -= delim.len();
            self.buf.truncate(start);
            self.buf.push_str(&format!("{core}{delim}{trail}"));
        } else if !adjacent && opens(prev, core) && closes(core, next) {
            self.buf
                .push_str(&format!("{lead}{delim}{core}{delim}{trail}"));
        } else {
            // Markup the parser would not read as emphasis would show as
            // stray asterisks: keep the text and drop the emphasis instead.
            self.buf.push_str(&content);
        }
    }

    fn image(&mut self, el: &Element<'_>) {
        let Some(src) = el.attr("src").map(str::trim).filter(|s| !s.is_empty()) else {
            return;
        };
        let alt = escape(&attribute_text(el.attr("alt").unwrap_or("")), false);
        let title = el
            .attr("title")
            .map(attribute_text)
            .filter(|t| !t.is_empty());
        self.buf
            .push_str(&format!("![{alt}]({})", destination(src, title.as_deref())));
    }

    fn take_buf(&mut self) -> String {
        for frame in &mut self.format.spans {
            frame.start = 0;
        }
        std::mem::take(&mut self.buf)
    }
}

fn is_hidden_tag(tag: &str) -> bool {
    crate::tags::is_invisible_tag(tag) || matches!(tag, "button" | "input")
}

fn is_md_space(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// An attribute's text (a title, an alt) on one line, without control
/// characters.
fn attribute_text(s: &str) -> String {
    collapse(&crate::text::output_text(s))
}

/// Escape text so that CommonMark and GFM read it as text. `line_start`:
/// the text begins a line, where `#`, `-`, `+`, `=` and `1.` are markup.
fn escape(s: &str, line_start: bool) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // Byte offset of a character that needs a backslash only at line start.
    let mut start_mark = None;
    if line_start {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        match s.as_bytes().first() {
            Some(b'#' | b'-' | b'+' | b'=') => start_mark = Some(0),
            Some(b'0'..=b'9') if digits <= 9 => {
                if matches!(s.as_bytes().get(digits), Some(b'.' | b')')) {
                    start_mark = Some(digits);
                }
            }
            _ => {}
        }
    }
    for (i, c) in s.char_indices() {
        let escaped = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' => true,
            '&' => looks_like_entity(&s[i + 1..]),
            _ => start_mark == Some(i),
        };
        if escaped {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `&name;` or `&#123;` would be read as a character reference.
fn looks_like_entity(after_amp: &str) -> bool {
    let body = after_amp.strip_prefix('#').unwrap_or(after_amp);
    let len = body.bytes().take_while(u8::is_ascii_alphanumeric).count();
    len > 0 && body.as_bytes().get(len) == Some(&b';')
}

fn heading(level: usize, text: &str) -> String {
    let mut text = text.replace("\\\n", " ").replace('\n', " ");
    // A final run of '#' after a space would be read as a closing sequence.
    if text.ends_with('#') && !ends_escaped(&text[..text.len() - 1]) {
        text.insert(text.len() - 1, '\\');
    }
    format!("{} {}", "#".repeat(level.clamp(1, 6)), text.trim())
}

/// Split off leading and trailing spaces and hard breaks, which must sit
/// outside emphasis delimiters and link brackets.
fn split_space(s: &str) -> (&str, &str, &str) {
    let mut core = s;
    loop {
        let before = core.len();
        core = core.trim_start_matches(is_md_space);
        core = core.strip_prefix("\\\n").unwrap_or(core);
        if core.len() == before {
            break;
        }
    }
    let lead = &s[..s.len() - core.len()];
    let mut end = core;
    loop {
        let before = end.len();
        end = end.trim_end_matches(is_md_space);
        if end.ends_with("\\\n") && !end[..end.len() - 2].ends_with('\\') {
            end = &end[..end.len() - 2];
        }
        if end.len() == before {
            break;
        }
    }
    let trail = &core[end.len()..];
    (lead, end, trail)
}

fn wrap(span: &Span, content: &str) -> String {
    let (lead, core, trail) = split_space(content);
    if core.is_empty() {
        return content.to_string();
    }
    let inner = match span {
        Span::Em | Span::Strong | Span::Del => {
            let delim = span.delimiter().unwrap_or_default();
            format!("{delim}{core}{delim}")
        }
        Span::Code => {
            let fence = "`".repeat(longest_run(core, '`') + 1);
            let pad = if core.starts_with('`') || core.ends_with('`') {
                " "
            } else {
                ""
            };
            format!("{fence}{pad}{core}{pad}{fence}")
        }
        Span::Link { href, title } => format!("[{core}]({})", destination(href, title.as_deref())),
    };
    format!("{lead}{inner}{trail}")
}

/// CommonMark's punctuation, near enough: neither letter, digit nor space.
fn is_punct(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

/// The opening delimiter before `core`, after `prev`, is left-flanking.
fn opens(prev: Option<char>, core: &str) -> bool {
    match core.chars().next() {
        Some(first) if !first.is_whitespace() => {
            !is_punct(first) || prev.is_none_or(|p| p.is_whitespace() || is_punct(p))
        }
        _ => false,
    }
}

/// The closing delimiter after `core`, before `next`, is right-flanking.
fn closes(core: &str, next: Option<char>) -> bool {
    match core.chars().last() {
        Some(last) if !last.is_whitespace() => {
            !is_punct(last) || next.is_none_or(|n| n.is_whitespace() || is_punct(n))
        }
        _ => false,
    }
}

/// `buf` ends with `delim` as markup, not as an escaped character.
fn ends_with_delimiter(buf: &str, delim: &str) -> bool {
    let Some(before) = buf.strip_suffix(delim) else {
        return false;
    };
    !ends_escaped(before) && !before.ends_with(delim.chars().next().unwrap_or(' '))
}

/// The next character after `s` would be backslash-escaped.
fn ends_escaped(s: &str) -> bool {
    s.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

/// The first character the page shows after `node`, looking a little way
/// ahead; `None` at a block boundary or the end.
fn next_char(node: NodeRef<'_>) -> Option<char> {
    let mut next = after(node);
    for _ in 0..64 {
        let n = next?;
        if let Some(t) = n.text() {
            match t.chars().next() {
                Some(c) => return Some(c),
                None => next = after(n),
            }
        } else if let Some(el) = n.element() {
            match el.name() {
                "a" if el.attr("href").is_some() => return Some('['),
                "code" | "kbd" | "samp" | "tt" => return Some('`'),
                tag if is_phrase_tag(tag) => next = n.first_child().or_else(|| after(n)),
                "img" => return Some('!'),
                "q" => return Some('"'),
                tag if is_hidden_tag(tag) => next = after(n),
                _ => return None,
            }
        } else {
            next = after(n);
        }
    }
    None
}

/// The node after `node`'s subtree in document order, within inline
/// content: `None` when that climbs out of an inline element's parent block.
fn after(node: NodeRef<'_>) -> Option<NodeRef<'_>> {
    let mut cur = node;
    loop {
        if let Some(sibling) = cur.next_sibling() {
            return Some(sibling);
        }
        cur = cur.parent()?;
        if !cur.element().is_some_and(|el| is_phrase_tag(el.name())) {
            return None;
        }
    }
}

/// Inline elements whose content flows on in the same line of text.
fn is_phrase_tag(tag: &str) -> bool {
    matches!(
        tag,
        "em" | "i"
            | "strong"
            | "b"
            | "del"
            | "s"
            | "strike"
            | "span"
            | "u"
            | "ins"
            | "mark"
            | "small"
            | "sub"
            | "sup"
            | "cite"
            | "abbr"
            | "time"
            | "a"
    )
}

/// A link destination and optional title, as `url "title"`.
fn destination(url: &str, title: Option<&str>) -> String {
    let mut written = String::with_capacity(url.len());
    for c in url.chars().filter(|c| !c.is_control()) {
        match c {
            '<' => written.push_str("%3C"),
            '>' => written.push_str("%3E"),
            '\\' => written.push_str("%5C"),
            c => written.push(c),
        }
    }
    let url = written;
    let mut out = if url.contains([' ', '(', ')']) || url.is_empty() {
        format!("<{url}>")
    } else {
        url
    };
    if let Some(title) = title {
        out.push_str(" \"");
        for c in title.chars() {
            if matches!(c, '"' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
    }
    out
}

fn longest_run(s: &str, ch: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == ch { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// In a GFM table every unescaped `|` ends a cell, even in code spans.
fn escape_pipes(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut backslashes = 0;
    for c in s.chars() {
        if c == '|' && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    out
}

/// The code language from `class="language-x"` or `class="lang-x"`.
fn language(el: &Element<'_>) -> Option<String> {
    el.classes().find_map(|class| {
        let lang = class
            .strip_prefix("language-")
            .or_else(|| class.strip_prefix("lang-"))?;
        let lang: String = lang
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '+' | '#' | '.' | '_'))
            .collect();
        (!lang.is_empty()).then_some(lang)
    })
}

/// A GFM table: the first row is the header, spans padded with empty cells.
fn gfm_table(rows: Vec<Vec<Cell>>) -> Option<String> {
    let mut grid: Vec<Vec<String>> = Vec::new();
    // Rows each column is still covered by a rowspan from above.
    let mut pending: Vec<usize> = Vec::new();
    for row in rows {
        let mut out = Vec::new();
        let mut cells = row.into_iter();
        loop {
            while pending.get(out.len()).is_some_and(|&p| p > 0) {
                pending[out.len()] -= 1;
                out.push(String::new());
            }
            let Some(cell) = cells.next() else { break };
            let mut text = Some(cell.text);
            for _ in 0..cell.colspan {
                let col = out.len();
                if pending.len() <= col {
                    pending.resize(col + 1, 0);
                }
                pending[col] = cell.rowspan - 1;
                out.push(text.take().unwrap_or_default());
            }
        }
        while out.len() < pending.len() {
            let col = out.len();
            pending[col] = pending[col].saturating_sub(1);
            out.push(String::new());
        }
        grid.push(out);
    }
    let columns = grid.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 || grid.iter().all(|r| r.iter().all(String::is_empty)) {
        return None;
    }
    let line = |cells: &[String]| {
        let mut s = String::from("|");
        for i in 0..columns {
            let cell = cells.get(i).map(String::as_str).unwrap_or("");
            s.push(' ');
            s.push_str(cell);
            if !cell.is_empty() {
                s.push(' ');
            }
            s.push('|');
        }
        s
    };
    let mut lines = vec![line(&grid[0]), line(&vec!["---".to_string(); columns])];
    lines.extend(grid[1..].iter().map(|r| line(r)));
    Some(lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_keep_their_levels() {
        let md = to_markdown("<h1>One</h1><h2>Two</h2><h3>Three</h3><h6>Six</h6><p>Body</p>");
        assert_eq!(md, "# One\n\n## Two\n\n### Three\n\n###### Six\n\nBody\n");
    }

    #[test]
    fn inline_formatting() {
        let md = to_markdown(
            "<p>An <em>em</em>, a <strong>strong </strong>word, <del>gone</del>, \
             <code>x = 1</code> and <code>a`b</code>.</p>",
        );
        assert_eq!(
            md,
            "An *em*, a **strong** word, ~~gone~~, `x = 1` and ``a`b``.\n"
        );
    }

    #[test]
    fn links_and_images() {
        let md = to_markdown(
            "<p><a href=\"https://e.com/a\" title='Say \"hi\"'>link</a> \
             <a href=\"https://e.com/x\"> </a>\
             <a href=\"https://e.com/a b(c)\">odd</a></p>\
             <figure><img src=\"https://e.com/i.png\" alt=\"A [cat]\"><figcaption>The cat</figcaption></figure>",
        );
        assert_eq!(
            md,
            "[link](https://e.com/a \"Say \\\"hi\\\"\") <https://e.com/a b(c)>\n\n"
                .replace("<https://e.com/a b(c)>", "[odd](<https://e.com/a b(c)>)")
                + "![A \\[cat\\]](https://e.com/i.png)\n\n*The cat*\n"
        );
    }

    #[test]
    fn nested_lists_are_indented() {
        let md = to_markdown(
            "<ul><li>one<ul><li>one.a</li><li>one.b</li></ul></li><li>two</li></ul>\
             <ol start=\"9\"><li>nine</li><li>ten<ol><li>sub</li></ol></li></ol>",
        );
        assert_eq!(
            md,
            "- one\n  - one.a\n  - one.b\n- two\n\n9. nine\n10. ten\n    1. sub\n"
        );
    }

    #[test]
    fn list_items_that_would_misread() {
        // An empty item takes no number; a rule opening a bullet item stays
        // inside it.
        let md = to_markdown("<ol><li></li><li>one</li></ol><ul><li><hr><p>after</p></li></ul>");
        assert_eq!(md, "1. one\n\n- ***\n\n  after\n");
    }

    #[test]
    fn emphasis_that_would_not_parse_is_dropped() {
        assert_eq!(to_markdown("<p><b>a</b><b>b</b></p>"), "**ab**\n");
        assert_eq!(to_markdown("<p>x<em>(y)</em>z</p>"), "x(y)z\n");
        assert_eq!(
            to_markdown("<p><strong>Note:</strong> z</p>"),
            "**Note:** z\n"
        );
        assert_eq!(
            to_markdown("<p><em>a</em><strong>b</strong></p>"),
            "*a***b**\n"
        );
    }

    #[test]
    fn neighbours_that_would_fuse_are_kept_apart() {
        assert_eq!(
            to_markdown("<p>Wow!<a href=\"https://e.com/\">link</a></p>"),
            "Wow\\![link](https://e.com/)\n"
        );
        assert_eq!(
            to_markdown("<p><code>a</code><code>b</code></p>"),
            "`a` `b`\n"
        );
        assert_eq!(to_markdown("<h2>#</h2><h2>C#</h2>"), "## \\#\n\n## C\\#\n");
    }

    #[test]
    fn adjacent_lists_do_not_merge() {
        let md = to_markdown("<ul><li>a</li></ul><ul><li>b</li></ul>");
        assert_eq!(md, "- a\n\n* b\n");
    }

    #[test]
    fn blockquotes_prefix_every_line() {
        let md = to_markdown(
            "<blockquote><p>one<br>two</p><p>three</p><blockquote>deep</blockquote></blockquote>",
        );
        assert_eq!(md, "> one\\\n> two\n>\n> three\n>\n> > deep\n");
    }

    #[test]
    fn code_blocks_are_fenced_with_language() {
        let md = to_markdown(
            "<pre><code class=\"language-rust\">fn main() {\n    let s = \"```\";\n}\n</code></pre>\
             <pre class=\"lang-py\">x = 1</pre>",
        );
        assert_eq!(
            md,
            "````rust\nfn main() {\n    let s = \"```\";\n}\n````\n\n```py\nx = 1\n```\n"
        );
    }

    #[test]
    fn tables_become_gfm_tables() {
        let md = to_markdown(
            "<table><caption>Scores</caption><thead><tr><th>Name</th><th>Score</th></tr></thead>\
             <tbody><tr><td>a|b</td><td><p>1</p><p>2</p></td></tr>\
             <tr><td colspan=2>wide</td></tr></tbody></table>",
        );
        assert_eq!(
            md,
            "Scores\n\n| Name | Score |\n| --- | --- |\n| a&#124;b | 1 2 |\n| wide | |\n"
        );
    }

    #[test]
    fn text_cannot_become_markup() {
        let md = to_markdown(
            "<p># not a heading</p><p>1. not a list</p><p>- nor this</p>\
             <p>*stars* _under_ [br] &lt;script&gt;alert(1)&lt;/script&gt; a &amp;amp; b</p>",
        );
        assert_eq!(
            md,
            "\\# not a heading\n\n1\\. not a list\n\n\\- nor this\n\n\
             \\*stars\\* \\_under\\_ \\[br\\] \\<script\\>alert(1)\\</script\\> a \\&amp; b\n"
        );
        assert!(!md.contains("<script>"));
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            to_markdown("<p>caf&eacute; &copy; 5&nbsp;km</p>"),
            "café © 5\u{a0}km\n"
        );
    }

    #[test]
    fn spans_crossing_blocks_are_reopened() {
        let md = to_markdown("<p><a href=\"https://e.com/\">one<div>two</div></a></p>");
        assert_eq!(md, "[one](https://e.com/)\n\n[two](https://e.com/)\n");
    }

    #[test]
    fn line_breaks() {
        assert_eq!(to_markdown("<p>a<br>b<br><br>c<br></p>"), "a\\\nb\n\nc\n");
        assert_eq!(to_markdown("<h2>a<br>b</h2>"), "## a b\n");
        assert_eq!(
            to_markdown("<p>one</p><hr><p>two</p>"),
            "one\n\n---\n\ntwo\n"
        );
    }

    #[test]
    fn deep_emphasis_does_not_panic() {
        let html = "<span><em>".repeat(25_000) + "deep";
        assert_eq!(to_markdown(&html), "*deep*\n");
    }
}
