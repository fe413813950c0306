//! The page straight from html5ever into our own arena: a [`TreeSink`] with
//! `u32` links, atom names and the parser's text tendrils, so each page is
//! built once (no intermediate DOM library tree to copy from).
//!
//! The sink does what scraper's `HtmlTreeSink` did, operation for operation
//! (adjacent text merged on append and insert, template contents as a
//! fragment child of the `template`, attributes sorted by name with missing
//! ones added in place, nodes detached before they move), so the tree
//! [`crate::dom::Dom`] reads is the same. [`Tree::walk`] then visits it in
//! document order, template contents left out, and the links are freed.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{expanded_name, local_name, ns, Attribute, QualName};

mod streamed;

/// No node.
const NONE: u32 = u32::MAX;

/// What an arena node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawKind {
    /// The root of a parsed document.
    Document,
    /// The root of a parsed fragment, or a template's contents.
    Fragment,
    Element,
    Text,
    /// Comments, doctypes, processing instructions.
    Other,
}

#[derive(Debug, Clone, Copy)]
struct RawNode {
    kind: RawKind,
    /// Index into `elements` or `texts`, by kind.
    data: u32,
    parent: u32,
    first_child: u32,
    last_child: u32,
    prev: u32,
    next: u32,
}

#[derive(Debug)]
struct ElementData {
    name: QualName,
    /// This element's attributes: `attrs[start..start + len]`, sorted by
    /// name as scraper kept them (its `attrs()` order).
    start: u32,
    len: u32,
}

#[derive(Debug)]
struct Attr {
    name: QualName,
    value: StrTendril,
}

/// One parsed page: its nodes, elements, attributes and text.
#[derive(Debug)]
pub struct Tree {
    nodes: Vec<RawNode>,
    elements: Vec<ElementData>,
    attrs: Vec<Attr>,
    texts: Vec<StrTendril>,
    quirks_mode: QuirksMode,
    /// Whether the page has a streaming placeholder ([`streamed`]).
    streamed: bool,
}

/// An element's name and attributes.
#[derive(Clone, Copy)]
pub struct Element<'a> {
    name: &'a QualName,
    attrs: &'a [Attr],
}

impl<'a> Element<'a> {
    /// The local name (`div`, `svg`'s `foreignObject`).
    pub fn name(&self) -> &'a str {
        &self.name.local
    }

    /// The value of the attribute so named, in no namespace.
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        self.attrs
            .iter()
            .find(|a| a.name.prefix.is_none() && a.name.ns == ns!() && &*a.name.local == name)
            .map(|a| &*a.value)
    }

    /// Every attribute as (local name, value), sorted by qualified name.
    pub fn attrs(&self) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.attrs.iter().map(|a| (&*a.name.local, &*a.value))
    }

    /// The first attribute named `id` (in any namespace).
    pub fn id(&self) -> Option<&'a str> {
        self.attrs
            .iter()
            .find(|a| &*a.name.local == "id")
            .map(|a| &*a.value)
    }

    /// The words of every `class` attribute (in any namespace).
    pub fn classes(&self) -> impl Iterator<Item = &'a str> + 'a {
        self.attrs
            .iter()
            .filter(|a| &*a.name.local == "class")
            .flat_map(|a| a.value.split_ascii_whitespace())
    }
}

/// A node of a [`Tree`] whose links are still there, to move around from.
#[derive(Clone, Copy)]
pub struct NodeRef<'a> {
    tree: &'a Tree,
    id: u32,
}

impl<'a> NodeRef<'a> {
    fn at(tree: &'a Tree, id: u32) -> Option<NodeRef<'a>> {
        (id != NONE).then_some(NodeRef { tree, id })
    }

    fn raw(&self) -> &'a RawNode {
        &self.tree.nodes[self.id as usize]
    }

    pub fn element(&self) -> Option<Element<'a>> {
        let n = self.raw();
        (n.kind == RawKind::Element).then(|| self.tree.element(n.data))
    }

    pub fn text(&self) -> Option<&'a str> {
        let n = self.raw();
        (n.kind == RawKind::Text).then(|| self.tree.text(n.data))
    }

    pub fn parent(&self) -> Option<NodeRef<'a>> {
        NodeRef::at(self.tree, self.raw().parent)
    }

    pub fn first_child(&self) -> Option<NodeRef<'a>> {
        NodeRef::at(self.tree, self.raw().first_child)
    }

    pub fn next_sibling(&self) -> Option<NodeRef<'a>> {
        NodeRef::at(self.tree, self.raw().next)
    }
}

/// One step of [`Tree::traverse`].
pub enum Edge<'a> {
    Open(NodeRef<'a>),
    Close(NodeRef<'a>),
}

/// One step of [`Tree::walk`].
pub enum Visit {
    /// Entering a node: its kind and its element or text index.
    Open(RawKind, u32),
    /// Leaving the node last opened and not yet closed.
    Close,
}

impl Tree {
    /// Parse a whole document as browsers do (scripting on: `<noscript>`
    /// holds text), with streamed content where the page's script puts it.
    pub fn parse_document(html: &str) -> Tree {
        let mut tree =
            html5ever::driver::parse_document(Sink::new(RawKind::Document), Default::default())
                .one(html);
        if tree.streamed {
            streamed::resolve(&mut tree);
        }
        tree
    }

    /// Parse a fragment as the contents of a `<body>`.
    pub fn parse_fragment(html: &str) -> Tree {
        html5ever::driver::parse_fragment(
            Sink::new(RawKind::Fragment),
            Default::default(),
            QualName::new(None, ns!(html), local_name!("body")),
            Vec::new(),
            false,
        )
        .one(html)
    }

    /// How many nodes the parser made (template contents and nodes taken
    /// out of the tree included); 0 once the links are freed.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn element(&self, index: u32) -> Element<'_> {
        let e = &self.elements[index as usize];
        Element {
            name: &e.name,
            attrs: &self.attrs[e.start as usize..(e.start + e.len) as usize],
        }
    }

    pub fn text(&self, index: u32) -> &str {
        &self.texts[index as usize]
    }

    /// The text of each `style` element's text children, joined, for every
    /// style element the parser made (in template contents or taken out of
    /// the tree too).
    pub fn style_sheets(&self) -> impl Iterator<Item = String> + '_ {
        self.nodes
            .iter()
            .filter(|n| n.kind == RawKind::Element && self.element(n.data).name() == "style")
            .map(|n| {
                let mut css = String::new();
                let mut child = n.first_child;
                while child != NONE {
                    let c = &self.nodes[child as usize];
                    if c.kind == RawKind::Text {
                        css.push_str(self.text(c.data));
                    }
                    child = c.next;
                }
                css
            })
    }

    /// Visit the tree from its root in document order, without recursion,
    /// leaving out template contents (a fragment under an element).
    pub fn walk(&self, mut visit: impl FnMut(Visit)) {
        let mut node = 0u32;
        loop {
            let n = &self.nodes[node as usize];
            let template_contents = n.kind == RawKind::Fragment && n.parent != NONE;
            let mut descend = false;
            if !template_contents {
                visit(Visit::Open(n.kind, n.data));
                descend = n.first_child != NONE;
            }
            if descend {
                node = n.first_child;
                continue;
            }
            if !template_contents {
                visit(Visit::Close);
            }
            // Up until a node has a next sibling.
            let mut at = node;
            loop {
                if at == 0 {
                    return;
                }
                let a = &self.nodes[at as usize];
                if a.next != NONE {
                    node = a.next;
                    break;
                }
                at = a.parent;
                visit(Visit::Close);
            }
        }
    }

    /// Every node from the root in document order, template contents
    /// included, without recursion (as ego-tree's `traverse`).
    pub fn traverse(&self, mut visit: impl FnMut(Edge<'_>)) {
        let node = |id| NodeRef { tree: self, id };
        let mut id = 0u32;
        loop {
            visit(Edge::Open(node(id)));
            let n = &self.nodes[id as usize];
            if n.first_child != NONE {
                id = n.first_child;
                continue;
            }
            visit(Edge::Close(node(id)));
            let mut at = id;
            loop {
                if at == 0 {
                    return;
                }
                let a = &self.nodes[at as usize];
                if a.next != NONE {
                    id = a.next;
                    break;
                }
                at = a.parent;
                visit(Edge::Close(node(at)));
            }
        }
    }

    /// Free the links once the tree has been walked; names, attributes and
    /// text stay.
    pub fn drop_links(&mut self) {
        self.nodes = Vec::new();
    }
}

struct Sink {
    tree: RefCell<Tree>,
}

impl Sink {
    fn new(root: RawKind) -> Sink {
        let mut tree = Tree {
            nodes: Vec::new(),
            elements: Vec::new(),
            attrs: Vec::new(),
            texts: Vec::new(),
            quirks_mode: QuirksMode::NoQuirks,
            streamed: false,
        };
        tree.new_node(root, 0);
        Sink {
            tree: RefCell::new(tree),
        }
    }
}

impl Tree {
    fn new_node(&mut self, kind: RawKind, data: u32) -> u32 {
        let id = self.nodes.len() as u32;
        self.nodes.push(RawNode {
            kind,
            data,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
        });
        id
    }

    fn new_text(&mut self, text: StrTendril) -> u32 {
        let index = self.texts.len() as u32;
        self.texts.push(text);
        self.new_node(RawKind::Text, index)
    }

    fn detach(&mut self, id: u32) {
        let n = self.nodes[id as usize];
        if n.parent == NONE {
            return;
        }
        if n.prev != NONE {
            self.nodes[n.prev as usize].next = n.next;
        } else {
            self.nodes[n.parent as usize].first_child = n.next;
        }
        if n.next != NONE {
            self.nodes[n.next as usize].prev = n.prev;
        } else {
            self.nodes[n.parent as usize].last_child = n.prev;
        }
        let n = &mut self.nodes[id as usize];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    fn append_child(&mut self, parent: u32, child: u32) {
        self.detach(child);
        let last = self.nodes[parent as usize].last_child;
        {
            let c = &mut self.nodes[child as usize];
            c.parent = parent;
            c.prev = last;
        }
        if last != NONE {
            self.nodes[last as usize].next = child;
        } else {
            self.nodes[parent as usize].first_child = child;
        }
        self.nodes[parent as usize].last_child = child;
    }

    /// Insert `new` just before `sibling`, which has a parent.
    fn insert_before(&mut self, sibling: u32, new: u32) {
        self.detach(new);
        let s = self.nodes[sibling as usize];
        {
            let n = &mut self.nodes[new as usize];
            n.parent = s.parent;
            n.prev = s.prev;
            n.next = sibling;
        }
        if s.prev != NONE {
            self.nodes[s.prev as usize].next = new;
        } else {
            self.nodes[s.parent as usize].first_child = new;
        }
        self.nodes[sibling as usize].prev = new;
    }

    /// Append `text` to the text node `id` when it is one.
    fn merge_text(&mut self, id: u32, text: &StrTendril) -> bool {
        if id == NONE {
            return false;
        }
        let n = self.nodes[id as usize];
        if n.kind != RawKind::Text {
            return false;
        }
        self.texts[n.data as usize].push_tendril(text);
        true
    }
}

impl TreeSink for Sink {
    type Handle = u32;
    type Output = Tree;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Tree {
        self.tree.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.tree.borrow_mut().quirks_mode = mode;
    }

    fn get_document(&self) -> u32 {
        0
    }

    fn same_node(&self, x: &u32, y: &u32) -> bool {
        x == y
    }

    fn elem_name<'a>(&'a self, target: &'a u32) -> Ref<'a, QualName> {
        Ref::map(self.tree.borrow(), |tree| {
            let n = &tree.nodes[*target as usize];
            assert!(n.kind == RawKind::Element, "elem_name of a non-element");
            &tree.elements[n.data as usize].name
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _flags: ElementFlags) -> u32 {
        let template = name.expanded() == expanded_name!(html "template");
        let mut tree = self.tree.borrow_mut();
        let start = tree.attrs.len();
        tree.attrs.extend(attrs.into_iter().map(|a| Attr {
            name: a.name,
            value: a.value,
        }));
        tree.attrs[start..].sort_unstable_by(|a, b| a.name.cmp(&b.name));
        let index = tree.elements.len() as u32;
        let len = (tree.attrs.len() - start) as u32;
        tree.elements.push(ElementData {
            name,
            start: start as u32,
            len,
        });
        let id = tree.new_node(RawKind::Element, index);
        if template {
            let placeholder = tree
                .element(index)
                .id()
                .is_some_and(streamed::is_placeholder_id);
            tree.streamed |= placeholder;
            let contents = tree.new_node(RawKind::Fragment, 0);
            tree.append_child(id, contents);
        }
        id
    }

    fn create_comment(&self, text: StrTendril) -> u32 {
        let marker = streamed::comment_marker(&text);
        self.tree.borrow_mut().new_node(RawKind::Other, marker)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> u32 {
        self.tree.borrow_mut().new_node(RawKind::Other, 0)
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let mut tree = self.tree.borrow_mut();
        let doctype = tree.new_node(RawKind::Other, 0);
        tree.append_child(0, doctype);
    }

    fn append(&self, parent: &u32, child: NodeOrText<u32>) {
        let mut tree = self.tree.borrow_mut();
        match child {
            NodeOrText::AppendNode(id) => tree.append_child(*parent, id),
            NodeOrText::AppendText(text) => {
                let last = tree.nodes[*parent as usize].last_child;
                if !tree.merge_text(last, &text) {
                    let id = tree.new_text(text);
                    tree.append_child(*parent, id);
                }
            }
        }
    }

    fn append_before_sibling(&self, sibling: &u32, new_node: NodeOrText<u32>) {
        let mut tree = self.tree.borrow_mut();
        if let NodeOrText::AppendNode(id) = new_node {
            tree.detach(id);
        }
        if tree.nodes[*sibling as usize].parent == NONE {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(id) => tree.insert_before(*sibling, id),
            NodeOrText::AppendText(text) => {
                let prev = tree.nodes[*sibling as usize].prev;
                if !tree.merge_text(prev, &text) {
                    let id = tree.new_text(text);
                    tree.insert_before(*sibling, id);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &u32,
        prev_element: &u32,
        child: NodeOrText<u32>,
    ) {
        let has_parent = self.tree.borrow().nodes[*element as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child)
        } else {
            self.append(prev_element, child)
        }
    }

    fn remove_from_parent(&self, target: &u32) {
        self.tree.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &u32, new_parent: &u32) {
        let mut tree = self.tree.borrow_mut();
        let mut child = tree.nodes[*node as usize].first_child;
        while child != NONE {
            let next = tree.nodes[child as usize].next;
            tree.append_child(*new_parent, child);
            child = next;
        }
    }

    fn add_attrs_if_missing(&self, target: &u32, attrs: Vec<Attribute>) {
        let mut tree = self.tree.borrow_mut();
        let index = tree.nodes[*target as usize].data as usize;
        let (start, len) = (
            tree.elements[index].start as usize,
            tree.elements[index].len as usize,
        );
        let missing: Vec<Attr> = attrs
            .into_iter()
            .filter(|a| {
                !tree.attrs[start..start + len]
                    .iter()
                    .any(|have| have.name == a.name)
            })
            .map(|a| Attr {
                name: a.name,
                value: a.value,
            })
            .collect();
        if missing.is_empty() {
            return;
        }
        // The element's attributes move to the end, with the new ones, so
        // each element's stay together and sorted.
        let new_start = tree.attrs.len();
        for i in start..start + len {
            let a = Attr {
                name: tree.attrs[i].name.clone(),
                value: tree.attrs[i].value.clone(),
            };
            tree.attrs.push(a);
        }
        tree.attrs.extend(missing);
        tree.attrs[new_start..].sort_unstable_by(|a, b| a.name.cmp(&b.name));
        let new_len = tree.attrs.len() - new_start;
        let e = &mut tree.elements[index];
        e.start = new_start as u32;
        e.len = new_len as u32;
    }

    fn get_template_contents(&self, target: &u32) -> u32 {
        self.tree.borrow().nodes[*target as usize].first_child
    }

    fn mark_script_already_started(&self, _node: &u32) {}
}
