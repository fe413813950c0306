//! The parsed page as a flat, document-ordered tree, with the measurements
//! every stage shares (text length, link text, visibility), computed once.
//!
//! Nodes are numbered in document order (preorder), so the subtree of node
//! `i` is exactly the range `i..end(i)`: "is inside" is a range check, and no
//! walk here recurses, so a 100,000-deep page cannot overflow the stack.
//! Template contents are left out, as the live DOM leaves them out of
//! `document.getElementsByTagName('*')`.

use std::collections::HashMap;

pub use crate::parse::Element;
use crate::parse::{RawKind, Tree, Visit};

use crate::tags::is_invisible_tag;

/// Index of a node in document order.
pub type NodeIx = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Element,
    Text,
    Other,
}

#[derive(Debug, Clone)]
pub struct NodeData {
    /// The element's or text's index in the parsed tree (0 for others).
    data: u32,
    pub kind: Kind,
    pub parent: Option<NodeIx>,
    /// One past the last node of this node's subtree.
    pub end: NodeIx,
    pub depth: u32,
    /// Position among all elements in document order, for elements.
    pub element_index: Option<u32>,
    /// 1-based position among its parent's element children, as
    /// `:nth-child()` counts (0 for other nodes). Counted once here, so
    /// locators for many siblings stay linear.
    pub child_position: u32,
    /// Inside `script`, `style`, `template`, `noscript` and the like: text a
    /// reader never sees as page text.
    pub invisible: bool,
    /// Hidden by the `hidden` attribute, `aria-hidden`, or an inline
    /// `display:none` / `visibility:hidden` on it or an ancestor.
    pub hidden: bool,
    /// Visible characters in the subtree, whitespace runs counted as one.
    pub text_chars: u32,
    /// Of those, the characters inside links.
    pub link_chars: u32,
    /// Commas (any script's) in the visible text of the subtree.
    pub commas: u32,
}

pub struct Dom {
    tree: Tree,
    nodes: Vec<NodeData>,
    id_counts: HashMap<String, u32>,
    element_count: usize,
    /// Each element's names as `class_and_id` gives them, where they are
    /// not the class attribute as written (an id that names a role, or a
    /// class with capitals): an index into `own_names`, else `NO_OWN_NAMES`.
    /// Read hundreds of thousands of times a page, so worked out once.
    own_name_of: Vec<u32>,
    own_names: Vec<Box<str>>,
}

/// `own_name_of` for an element whose names are its class attribute.
const NO_OWN_NAMES: u32 = u32::MAX;

impl Dom {
    /// Parse a whole page. Nesting deeper than browsers build is flattened
    /// first (see [`crate::nesting`]), which keeps parsing linear.
    pub fn parse(html: &str) -> Dom {
        Dom::from_tree(Tree::parse_document(&crate::nesting::limit(html)))
    }

    pub fn parse_fragment(html: &str) -> Dom {
        Dom::from_tree(Tree::parse_fragment(&crate::nesting::limit(html)))
    }

    fn from_tree(mut tree: Tree) -> Dom {
        let hidden_by_css = HiddenByCss::read(&tree);
        // Every node the parser made, at most: no growing (peak memory).
        let mut nodes: Vec<NodeData> = Vec::with_capacity(tree.len());
        let mut stack: Vec<NodeIx> = Vec::new();
        // Element children seen so far, for each node on the stack.
        let mut element_children: Vec<u32> = Vec::new();
        let mut id_counts: HashMap<String, u32> = HashMap::new();
        let mut element_count = 0usize;
        // Template contents are left out by the walk itself.
        tree.walk(|visit| match visit {
            Visit::Open(raw_kind, data) => {
                let parent = stack.last().copied();
                let (parent_invisible, parent_hidden, depth) = match parent {
                    Some(p) => (nodes[p].invisible, nodes[p].hidden, nodes[p].depth + 1),
                    None => (false, false, 0),
                };
                let (kind, element_index, invisible, hidden) = match raw_kind {
                    RawKind::Element => {
                        let el = tree.element(data);
                        let ix = element_count as u32;
                        element_count += 1;
                        if let Some(id) = el.id() {
                            // (A String only for an id not seen before.)
                            match id_counts.get_mut(id) {
                                Some(count) => *count += 1,
                                None => {
                                    id_counts.insert(id.to_string(), 1);
                                }
                            }
                        }
                        (
                            Kind::Element,
                            Some(ix),
                            parent_invisible || is_invisible_tag(el.name()),
                            parent_hidden || is_hidden(&el) || hidden_by_css.hides(&el),
                        )
                    }
                    RawKind::Text => (Kind::Text, None, parent_invisible, parent_hidden),
                    _ => (Kind::Other, None, parent_invisible, parent_hidden),
                };
                let child_position = match (kind, element_children.last_mut()) {
                    (Kind::Element, Some(count)) => {
                        *count += 1;
                        *count
                    }
                    _ => 0,
                };
                let ix = nodes.len();
                nodes.push(NodeData {
                    data: if kind == Kind::Other { 0 } else { data },
                    kind,
                    parent,
                    end: ix + 1,
                    depth,
                    element_index,
                    child_position,
                    invisible,
                    hidden,
                    text_chars: 0,
                    link_chars: 0,
                    commas: 0,
                });
                stack.push(ix);
                element_children.push(0);
            }
            Visit::Close => {
                if let Some(ix) = stack.pop() {
                    nodes[ix].end = nodes.len();
                }
                element_children.pop();
            }
        });
        tree.drop_links();
        let mut dom = Dom {
            tree,
            nodes,
            id_counts,
            element_count,
            own_name_of: Vec::new(),
            own_names: Vec::new(),
        };
        dom.measure();
        dom.name_elements();
        dom
    }

    /// Text and link measurements, summed bottom-up in one reverse pass.
    fn measure(&mut self) {
        let mut in_link = vec![false; self.nodes.len()];
        for ix in 0..self.nodes.len() {
            let parent_link = self.nodes[ix].parent.is_some_and(|p| in_link[p]);
            in_link[ix] = parent_link || self.tag(ix) == Some("a");
        }
        for ix in (0..self.nodes.len()).rev() {
            if self.nodes[ix].kind == Kind::Text && !self.nodes[ix].invisible {
                let text = self.text_node(ix).unwrap_or("");
                let (chars, commas) = measure_text(text);
                self.nodes[ix].text_chars += chars;
                self.nodes[ix].commas += commas;
                if in_link[ix] {
                    self.nodes[ix].link_chars += chars;
                }
            }
            if let Some(p) = self.nodes[ix].parent {
                let (t, l, c) = (
                    self.nodes[ix].text_chars,
                    self.nodes[ix].link_chars,
                    self.nodes[ix].commas,
                );
                let parent = &mut self.nodes[p];
                parent.text_chars += t;
                parent.link_chars += l;
                parent.commas += c;
            }
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn element_count(&self) -> usize {
        self.element_count
    }

    pub fn node(&self, ix: NodeIx) -> &NodeData {
        &self.nodes[ix]
    }

    pub fn element(&self, ix: NodeIx) -> Option<Element<'_>> {
        let n = &self.nodes[ix];
        (n.kind == Kind::Element).then(|| self.tree.element(n.data))
    }

    /// Lower-case local name of an element node.
    pub fn tag(&self, ix: NodeIx) -> Option<&str> {
        self.element(ix).map(|e| e.name())
    }

    pub fn is_tag(&self, ix: NodeIx, tag: &str) -> bool {
        self.tag(ix) == Some(tag)
    }

    /// Is the element part of a form: inside one, or holding a field? A
    /// comment form's "Name" field is named `author` like a byline.
    pub fn is_form_part(&self, ix: NodeIx) -> bool {
        self.ancestors(ix).any(|a| self.is_tag(a, "form"))
            || self
                .descendants(ix)
                .any(|d| matches!(self.tag(d), Some("input" | "textarea" | "select")))
    }

    pub fn attr(&self, ix: NodeIx, name: &str) -> Option<&str> {
        self.element(ix)?.attr(name)
    }

    /// The content of a text node.
    pub fn text_node(&self, ix: NodeIx) -> Option<&str> {
        let n = &self.nodes[ix];
        (n.kind == Kind::Text).then(|| self.tree.text(n.data))
    }

    pub fn parent(&self, ix: NodeIx) -> Option<NodeIx> {
        self.nodes[ix].parent
    }

    pub fn end(&self, ix: NodeIx) -> NodeIx {
        self.nodes[ix].end
    }

    /// True when `inner` lies inside `outer` (or is it).
    pub fn contains(&self, outer: NodeIx, inner: NodeIx) -> bool {
        outer <= inner && inner < self.nodes[outer].end
    }

    pub fn children(&self, ix: NodeIx) -> Children<'_> {
        Children {
            dom: self,
            next: ix + 1,
            end: self.nodes[ix].end,
        }
    }

    pub fn element_children(&self, ix: NodeIx) -> impl Iterator<Item = NodeIx> + '_ {
        self.children(ix)
            .filter(|&c| self.nodes[c].kind == Kind::Element)
    }

    /// Every node inside `ix`, in document order (not `ix` itself).
    pub fn descendants(&self, ix: NodeIx) -> std::ops::Range<NodeIx> {
        ix + 1..self.nodes[ix].end
    }

    pub fn ancestors(&self, ix: NodeIx) -> Ancestors<'_> {
        Ancestors {
            dom: self,
            next: self.nodes[ix].parent,
        }
    }

    pub fn elements(&self) -> impl Iterator<Item = NodeIx> + '_ {
        (0..self.nodes.len()).filter(|&i| self.nodes[i].kind == Kind::Element)
    }

    pub fn first_by_tag(&self, tag: &str) -> Option<NodeIx> {
        self.elements().find(|&i| self.is_tag(i, tag))
    }

    pub fn body(&self) -> Option<NodeIx> {
        self.first_by_tag("body")
    }

    pub fn element_index(&self, ix: NodeIx) -> Option<usize> {
        self.nodes[ix].element_index.map(|i| i as usize)
    }

    /// The element's place in the order the parser created elements, which
    /// streamed content moved into place does not change: a tool matches
    /// another parse of the same page's raw tree with it.
    pub fn creation_index(&self, ix: NodeIx) -> Option<u32> {
        (self.nodes[ix].kind == Kind::Element).then_some(self.nodes[ix].data)
    }

    /// The element sibling after `ix`: the node after a subtree is its
    /// next sibling, or the next one of an ancestor.
    pub fn next_element_sibling(&self, ix: NodeIx) -> Option<NodeIx> {
        let parent = self.parent(ix)?;
        let mut at = self.end(ix);
        while at < self.end(parent) {
            if self.nodes[at].kind == Kind::Element {
                return Some(at);
            }
            at = self.end(at);
        }
        None
    }

    /// The element sibling before `ix`, walked back from it (the node
    /// before a sibling is the last node inside the one before it), so
    /// stepping back through a long run of siblings rescans none of them.
    pub fn previous_element_sibling(&self, ix: NodeIx) -> Option<NodeIx> {
        let parent = self.parent(ix)?;
        let mut at = ix;
        while at > parent + 1 {
            let mut sibling = at - 1;
            while self.parent(sibling) != Some(parent) {
                sibling = self.parent(sibling)?;
            }
            if self.nodes[sibling].kind == Kind::Element {
                return Some(sibling);
            }
            at = sibling;
        }
        None
    }

    pub fn id_is_unique(&self, id: &str) -> bool {
        self.id_counts.get(id) == Some(&1)
    }

    /// 1-based position among the element children of its parent, as
    /// `:nth-child()` counts.
    pub fn element_child_position(&self, ix: NodeIx) -> Option<usize> {
        self.parent(ix)?;
        let position = self.nodes[ix].child_position;
        (position > 0).then_some(position as usize)
    }

    /// Does link `ix` (an `<a>`) go to a place in this page (`#part-2`)?
    pub fn links_into_page(&self, ix: NodeIx) -> bool {
        self.attr(ix, "href")
            .is_some_and(|h| h.len() > 1 && h.starts_with('#'))
    }

    /// A table of data (kept whole) rather than one used for layout.
    pub fn is_data_table(&self, ix: NodeIx) -> bool {
        if self.attr(ix, "role") == Some("presentation") || self.attr(ix, "datatable") == Some("0")
        {
            return false;
        }
        if self.attr(ix, "summary").is_some() {
            return true;
        }
        let mut rows = 0usize;
        let mut columns = 0usize;
        let mut i = ix + 1;
        let end = self.end(ix);
        while i < end {
            match self.tag(i) {
                Some("table") => return false,
                Some("caption" | "thead" | "tfoot" | "colgroup" | "th") => return true,
                Some("tr") => {
                    rows += 1;
                    let cells = self
                        .element_children(i)
                        .filter(|&c| matches!(self.tag(c), Some("td" | "th")))
                        .count();
                    columns = columns.max(cells);
                }
                _ => {}
            }
            i += 1;
        }
        rows >= 10 || columns > 4 || rows * columns > 10
    }

    /// Visible text of the subtree, whitespace collapsed.
    pub fn text(&self, ix: NodeIx) -> String {
        // `text_start` without a limit, a run of non-space at a time, into
        // one allocation (the text's bytes are at least its characters).
        let mut out = String::with_capacity(self.nodes[ix].text_chars as usize);
        for i in ix..self.nodes[ix].end {
            if self.nodes[i].kind == Kind::Text && !self.nodes[i].invisible {
                push_collapsed(&mut out, self.text_node(i).unwrap_or(""));
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }

    /// The start of [`Dom::text`]: its first `max_chars` characters and at
    /// least one more when there are more (so a caller can tell it was
    /// cut), without building the rest.
    pub fn text_start(&self, ix: NodeIx, max_chars: usize) -> String {
        // Sized for the text (or the cut) at once: no regrowing as it fills.
        let size = (self.nodes[ix].text_chars as usize).min(max_chars.saturating_add(2));
        let mut out = String::with_capacity(size);
        let mut count = 0usize;
        // Does `out` end with a space (or is it empty)? Whitespace is then
        // skipped, and a cut may not fall there.
        let mut at_space = true;
        let visible = (ix..self.nodes[ix].end)
            .filter(|&i| self.nodes[i].kind == Kind::Text && !self.nodes[i].invisible);
        'nodes: for i in visible {
            for c in self.text_node(i).unwrap_or("").chars() {
                if count > max_chars && !at_space {
                    break 'nodes;
                }
                if c.is_whitespace() {
                    if at_space {
                        continue;
                    }
                    out.push(' ');
                    at_space = true;
                } else {
                    out.push(c);
                    at_space = false;
                }
                count += 1;
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }

    /// The start of the subtree's text as a reader sees it laid out: like
    /// [`Dom::text_start`], with a space where one block (a list item, a
    /// paragraph, a cell) ends and the next begins, though the markup
    /// has none between them (`<li>Home</li><li>News</li>`).
    pub fn text_start_spaced(&self, ix: NodeIx, max_chars: usize) -> String {
        let block_of = |mut i: NodeIx| {
            while i != ix {
                if self.tag(i).is_some_and(crate::tags::is_block_tag) {
                    return i;
                }
                match self.parent(i) {
                    Some(p) => i = p,
                    None => break,
                }
            }
            ix
        };
        let mut out = String::new();
        let mut last_block = None;
        let visible = (ix..self.nodes[ix].end)
            .filter(|&i| self.nodes[i].kind == Kind::Text && !self.nodes[i].invisible);
        for i in visible {
            if out.chars().count() > max_chars {
                break;
            }
            let block = block_of(i);
            if last_block.is_some_and(|b| b != block) && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            last_block = Some(block);
            push_collapsed(&mut out, self.text_node(i).unwrap_or(""));
        }
        out.trim_end().to_string()
    }

    /// All text of the subtree as the DOM's `textContent` has it (script and
    /// style text included), whitespace collapsed.
    pub fn raw_text(&self, ix: NodeIx) -> String {
        let mut out = String::new();
        for i in ix..self.nodes[ix].end {
            if self.nodes[i].kind == Kind::Text {
                push_collapsed(&mut out, self.text_node(i).unwrap_or(""));
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        out
    }

    pub fn text_chars(&self, ix: NodeIx) -> usize {
        self.nodes[ix].text_chars as usize
    }

    pub fn link_density(&self, ix: NodeIx) -> f64 {
        let n = &self.nodes[ix];
        crate::text::link_density(n.link_chars, n.text_chars)
    }

    /// `class` and `id` joined, lower-cased: what name-based signals read.
    /// The class attribute as written when that is all (no id naming a
    /// role, no capital), as on most elements.
    pub fn class_and_id(&self, ix: NodeIx) -> &str {
        match self.own_name_of.get(ix) {
            Some(&own) if own != NO_OWN_NAMES => &self.own_names[own as usize],
            _ => self.attr(ix, "class").unwrap_or(""),
        }
    }

    /// Work out every element's `class_and_id` once (it reads the text for
    /// an id made of the element's own words).
    fn name_elements(&mut self) {
        let mut own_name_of = vec![NO_OWN_NAMES; self.nodes.len()];
        let mut own_names = Vec::new();
        for (ix, own) in own_name_of.iter_mut().enumerate() {
            let Some(el) = self.element(ix) else {
                continue;
            };
            let class = el.attr("class").unwrap_or("");
            let id = self.role_id(ix);
            if id.is_none() && !class.bytes().any(|b| b.is_ascii_uppercase()) {
                continue;
            }
            let mut names = class.to_string();
            if let Some(id) = id {
                names.push(' ');
                names.push_str(id);
            }
            names.make_ascii_lowercase();
            *own = own_names.len() as u32;
            own_names.push(names.into_boxed_str());
        }
        self.own_name_of = own_name_of;
        self.own_names = own_names;
    }

    /// The element's id when it may name the element's role: not an anchor
    /// made of the element's own words (a section's
    /// "related-work-and-sources", a heading's
    /// "chat-gpt-launches-an-app-store"), which names its text.
    pub fn role_id(&self, ix: NodeIx) -> Option<&str> {
        let id = self.attr(ix, "id")?;
        (!is_slug_of_text(self, ix, id)).then_some(id)
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: NodeIx,
    end: NodeIx,
}

impl Iterator for Children<'_> {
    type Item = NodeIx;
    fn next(&mut self) -> Option<NodeIx> {
        if self.next >= self.end {
            return None;
        }
        let current = self.next;
        self.next = self.dom.nodes[current].end;
        Some(current)
    }
}

pub struct Ancestors<'a> {
    dom: &'a Dom,
    next: Option<NodeIx>,
}

impl Iterator for Ancestors<'_> {
    type Item = NodeIx;
    fn next(&mut self) -> Option<NodeIx> {
        let current = self.next?;
        self.next = self.dom.nodes[current].parent;
        Some(current)
    }
}

/// Append `text` with whitespace runs collapsed to one space, never starting
/// the output with a space: the same as joining every text node and then
/// collapsing, done piecewise.
fn push_collapsed(out: &mut String, text: &str) {
    // One pass over the bytes (a character at a time beyond ASCII): each
    // run of non-space is copied whole when the space after it (or the
    // end) is reached.
    let bytes = text.as_bytes();
    let mut word_start = 0;
    let mut in_space = false;
    let mut i = 0;
    while i < bytes.len() {
        let (space, len) = match bytes[i] {
            b if b.is_ascii() => (matches!(b, b' ' | b'\t'..=b'\r'), 1),
            _ => text[i..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
        };
        if space && !in_space {
            out.push_str(&text[word_start..i]);
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else if !space && in_space {
            word_start = i;
        }
        in_space = space;
        i += len;
    }
    if !in_space {
        out.push_str(&text[word_start..]);
    }
}

/// Visible characters (whitespace runs as one) and commas in a text.
fn measure_text(text: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    let mut in_space = true;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                chars += 1;
                in_space = true;
            }
        } else {
            chars += 1;
            in_space = false;
            if matches!(c, ',' | '،' | '﹐' | '︐' | '︑' | '⸴' | '⸲' | '，' | '、') {
                commas += 1;
            }
        }
    }
    (chars, commas)
}

/// Classes and ids that the page's own top-level style rules hide with
/// `display: none` or `visibility: hidden` (rules inside `@media` and the
/// like are left alone: they hide only on some screens). Rules are read in
/// order, so a later rule for the same name that shows it again wins, as
/// in the browser's cascade (unless the earlier one was `!important`).
#[derive(Default)]
struct HiddenByCss {
    classes: std::collections::HashMap<String, Visibility>,
    ids: std::collections::HashMap<String, Visibility>,
}

/// What a run of declarations says of an element's `display` and
/// `visibility`, each last one winning: `Some((hides, important))`.
#[derive(Default, Clone, Copy)]
struct Visibility {
    display: Option<(bool, bool)>,
    visibility: Option<(bool, bool)>,
}

impl Visibility {
    fn of(declarations: &str) -> Visibility {
        let mut out = Visibility::default();
        for declaration in declarations.split(';') {
            let Some((property, value)) = declaration.split_once(':') else {
                continue;
            };
            // Custom properties such as `--x-display: none` are values,
            // not the element's display. (The property is matched before
            // any value is lower-cased: most declarations are neither.)
            let property = property.trim();
            let (slot, hidden) = if property.eq_ignore_ascii_case("display") {
                (&mut out.display, "none")
            } else if property.eq_ignore_ascii_case("visibility") {
                (&mut out.visibility, "hidden")
            } else {
                continue;
            };
            let value = value.trim().to_ascii_lowercase();
            let important = value.ends_with("!important");
            let hides = value.starts_with(hidden);
            Self::declare(slot, (hides, important));
        }
        out
    }

    /// A later declaration wins unless the one before was `!important`
    /// and it is not.
    fn declare(slot: &mut Option<(bool, bool)>, value: (bool, bool)) {
        if !matches!(*slot, Some((_, true))) || value.1 {
            *slot = Some(value);
        }
    }

    fn then(&mut self, later: Visibility) {
        if let Some(value) = later.display {
            Self::declare(&mut self.display, value);
        }
        if let Some(value) = later.visibility {
            Self::declare(&mut self.visibility, value);
        }
    }

    fn hides(&self) -> bool {
        matches!(self.display, Some((true, _))) || matches!(self.visibility, Some((true, _)))
    }
}

impl HiddenByCss {
    fn read(tree: &Tree) -> HiddenByCss {
        let mut hidden = HiddenByCss::default();
        for css in tree.style_sheets() {
            hidden.read_css(&css);
        }
        hidden
    }

    fn read_css(&mut self, css: &str) {
        let mut depth = 0usize;
        let mut selector_start = 0usize;
        // (selector start, selector end, block start) of the open top-level rule.
        let mut rule: Option<(usize, usize, usize)> = None;
        let mut nested = false;
        // (Bytes, not characters: the braces and semicolons are ASCII.)
        for (i, c) in css.bytes().enumerate() {
            match c {
                b'{' => {
                    if depth == 0 {
                        let is_at_rule = css[selector_start..i].trim_start().starts_with('@');
                        rule = (!is_at_rule).then_some((selector_start, i, i + 1));
                        nested = false;
                    } else {
                        nested = true;
                    }
                    depth += 1;
                }
                b'}' if depth > 0 => {
                    depth -= 1;
                    if depth == 0 {
                        if let Some((start, end, block)) = rule.take() {
                            let said = Visibility::of(&css[block..i]);
                            if !nested && (said.display.is_some() || said.visibility.is_some()) {
                                self.add_selectors(&css[start..end], said);
                            }
                        }
                        selector_start = i + 1;
                    }
                }
                b'}' | b';' if depth == 0 => selector_start = i + 1,
                _ => {}
            }
        }
    }

    /// Only plain `.class` and `#id` selectors: anything more needs a
    /// cascade we do not compute.
    fn add_selectors(&mut self, selectors: &str, said: Visibility) {
        let selectors = selectors.rsplit("*/").next().unwrap_or("");
        for selector in selectors.split(',') {
            let selector = selector.trim();
            let plain = |s: &str| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            };
            let (names, name) = if let Some(class) = selector.strip_prefix('.') {
                (&mut self.classes, class)
            } else if let Some(id) = selector.strip_prefix('#') {
                (&mut self.ids, id)
            } else {
                continue;
            };
            if plain(name) {
                names.entry(name.to_string()).or_default().then(said);
            }
        }
    }

    fn hides(&self, el: &Element<'_>) -> bool {
        if self.classes.is_empty() && self.ids.is_empty() {
            return false;
        }
        el.classes()
            .any(|c| self.classes.get(c).is_some_and(Visibility::hides))
            || el
                .id()
                .is_some_and(|id| self.ids.get(id).is_some_and(Visibility::hides))
    }
}

fn is_hidden(el: &Element<'_>) -> bool {
    // `aria-hidden` takes an element from assistive technology, not from
    // view: an image so marked (a formula's picture beside its MathML, a
    // picture its caption already describes) is still on the page.
    let aria_hidden = el.attr("aria-hidden") == Some("true") && el.name() != "img";
    if el.attr("hidden").is_some() || aria_hidden {
        return true;
    }
    el.attr("style")
        .is_some_and(|style| Visibility::of(style).hides())
}

/// Words of an id that make it a slug of the element's text.
const SLUG_MIN_WORDS: usize = 3;

/// Is `id` the element's text made into an anchor: three words or more,
/// each a word of the text?
fn is_slug_of_text(dom: &Dom, ix: NodeIx, id: &str) -> bool {
    let words = || {
        id.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    // (Most ids are one or two words, and an ad slot's longer id names an
    // empty element: nothing to read then.)
    if dom.text_chars(ix) == 0 || words().nth(SLUG_MIN_WORDS - 1).is_none() {
        return false;
    }
    let text: String = dom
        .text_start(ix, 300)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    words().all(|w| text.contains(w.to_lowercase().as_str()))
}

/// Links to places in the page a table of contents holds at least.
const CONTENTS_MIN_IN_PAGE_LINKS: u32 = 3;

/// Do `in_page` links to places in the page, of `links` in all, make a
/// table of contents (the article's own navigation)? The clutter stage
/// and the article's intro walk read it alike.
pub fn is_contents(links: u32, in_page: u32) -> bool {
    in_page >= CONTENTS_MIN_IN_PAGE_LINKS && in_page * 2 > links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_text_parts_blocks_the_markup_runs_together() {
        let dom =
            Dom::parse("<ul><li>Home</li><li>News <b>today</b></li><li><p>Sport</p></li></ul>");
        let ul = dom.first_by_tag("ul").expect("a list");
        assert_eq!(dom.text_start(ul, 100), "HomeNews todaySport");
        assert_eq!(dom.text_start_spaced(ul, 100), "Home News today Sport");
    }

    #[test]
    fn subtree_ranges_and_text() {
        let dom = Dom::parse("<p>Hello <a href=x>big</a> world, <script>x()</script>ok</p>");
        let p = dom.first_by_tag("p").unwrap();
        assert_eq!(dom.text(p), "Hello big world, ok");
        assert_eq!(dom.link_density(p), 3.0 / dom.text_chars(p) as f64);
        assert_eq!(dom.node(p).commas, 1);
        let a = dom.first_by_tag("a").unwrap();
        assert!(dom.contains(p, a) && !dom.contains(a, p));
        assert_eq!(dom.raw_text(p), "Hello big world, x()ok");
    }

    #[test]
    fn text_start_is_the_start_of_text() {
        let dom = Dom::parse("<div> Alpha  beta<script>x</script> <b>gamma</b>\n delta </div>");
        let div = dom.first_by_tag("div").unwrap();
        let full = dom.text(div);
        assert_eq!(full, "Alpha beta gamma delta");
        for n in 0..full.len() + 2 {
            let start = dom.text_start(div, n);
            assert!(full.starts_with(&start), "{n}: {start:?}");
            assert!(
                start.len() > n || start == full,
                "{n}: {start:?} is cut too short"
            );
        }
    }

    #[test]
    fn text_is_text_start_without_a_limit() {
        let dom = Dom::parse(
            "<div>\u{a0} a\u{2003}\u{2003}b <i> </i>\t<b>c\n</b>d<script>x</script> \u{3000}é e </div><p> </p>",
        );
        for ix in 0..dom.len() {
            assert_eq!(dom.text(ix), dom.text_start(ix, usize::MAX), "{ix}");
        }
        let div = dom.first_by_tag("div").unwrap();
        assert_eq!(dom.text(div), "a b c d é e");
    }

    #[test]
    fn child_positions_count_elements_only() {
        let dom = Dom::parse(
            "<ul><li>a</li> text <!-- c --><li>b</li><template><i>t</i></template><li>c</li></ul>",
        );
        let positions: Vec<_> = (0..dom.len())
            .filter(|&i| dom.is_tag(i, "li") || dom.is_tag(i, "template"))
            .map(|i| dom.element_child_position(i))
            .collect();
        assert_eq!(positions, [Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(
            dom.element_child_position(0),
            None,
            "the document has no parent"
        );
    }

    #[test]
    fn template_contents_are_left_out() {
        let dom = Dom::parse("<div><template><p>in</p></template><p id=x>out</p></div>");
        let p = dom.first_by_tag("p").unwrap();
        assert_eq!(dom.attr(p, "id"), Some("x"));
        // html, head, body, div, template, p
        assert_eq!(dom.element_index(p), Some(5));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        let dom = Dom::parse(&html);
        assert!(dom.element_count() > crate::nesting::MAX_DEPTH);
        assert_eq!(dom.text(dom.body().unwrap()), "deep");
    }

    #[test]
    fn top_level_css_display_none_hides() {
        let dom = Dom::parse("<style>.n{.m{x:y}} } .z{--a-display:none} .a{display:none} @media (max-width:5px){.b{display:none}} .c, #d { display : none }</style><p class=z>0</p><p class=a>1</p><p class=b>2</p><p class='x c'>3</p><p id=d>4</p>");
        let hidden: Vec<bool> = dom
            .elements()
            .filter(|&i| dom.is_tag(i, "p"))
            .map(|i| dom.node(i).hidden)
            .collect();
        assert_eq!(hidden, vec![false, true, false, true, true]);
    }

    #[test]
    fn a_later_rule_that_shows_the_element_wins() {
        // A collapsed panel's rule, then the page's own rule opening it; an
        // `!important` hide that a later plain rule cannot undo; a later
        // hide; and an inline style whose last declaration wins.
        let dom = Dom::parse("<style>.open{display:none;max-height:0} .shut{display:block}</style>\
            <style>.open{display:block} .firm{display:none !important} .firm{display:block} .shut{visibility:hidden}</style>\
            <p class=open>0</p><p class=firm>1</p><p class=shut>2</p><p style='display:none; display:block'>3</p>");
        let hidden: Vec<bool> = dom
            .elements()
            .filter(|&i| dom.is_tag(i, "p"))
            .map(|i| dom.node(i).hidden)
            .collect();
        assert_eq!(hidden, vec![false, true, true, false]);
    }

    #[test]
    fn fragments_parse() {
        let dom = Dom::parse_fragment("<p>a <b>b</b></p>");
        let p = dom.first_by_tag("p").unwrap();
        assert_eq!(dom.text(p), "a b");
    }

    #[test]
    fn hidden_is_inherited() {
        let dom = Dom::parse("<div style='display: none'><p>x</p></div><p>y</p>");
        let ps: Vec<_> = dom.elements().filter(|&i| dom.is_tag(i, "p")).collect();
        assert!(dom.node(ps[0]).hidden && !dom.node(ps[1]).hidden);
    }
}
