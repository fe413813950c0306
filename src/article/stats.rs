//! Per-node measurements for one extraction attempt: what is left of each
//! subtree once the excluded subtrees are taken out. One reverse pass.

use crate::dom::{Dom, Kind, NodeIx};

#[derive(Debug, Clone, Copy, Default)]
pub struct NodeStats {
    pub text: u32,
    pub link: u32,
    pub commas: u32,
    pub heading: u32,
    pub paragraphs: u32,
    pub images: u32,
    pub list_items: u32,
    pub inputs: u32,
    pub embeds: u32,
    /// Characters of prose paragraphs (long enough, few links) inside.
    pub prose: u32,
    /// Has a block-level element child (so it is not a paragraph itself).
    pub block_child: bool,
}

use crate::tags::{
    custom_element_is_block, is_block_tag, is_custom_element, is_heading, PROSE_MIN_CHARS,
};

/// Whether the element starts a block: a block tag, or a custom element
/// holding a block or a paragraph's worth of text (`s`, its stats).
pub fn is_block(tag: &str, s: &NodeStats) -> bool {
    is_block_tag(tag) || (is_custom_element(tag) && custom_element_is_block(s.text, s.block_child))
}

/// A paragraph of running text: a `p` or `pre`, or a block with no block
/// inside it, long enough and not a list of links.
fn is_prose_unit(dom: &Dom, ix: NodeIx, s: &NodeStats) -> bool {
    let unit = match dom.tag(ix) {
        Some("p" | "pre") => true,
        Some("div" | "section" | "article" | "td" | "blockquote") => !s.block_child,
        Some(tag) => is_custom_element(tag) && !s.block_child,
        None => false,
    };
    unit && s.prose == 0 && s.text >= PROSE_MIN_CHARS && (s.link as f64) < 0.3 * s.text as f64
}

pub struct Stats {
    pub nodes: Vec<NodeStats>,
}

impl Stats {
    pub fn compute(dom: &Dom, excluded: &[bool]) -> Stats {
        let n = dom.len();
        let mut nodes = vec![NodeStats::default(); n];
        let mut in_heading = vec![false; n];
        for ix in 0..n {
            let parent = dom.parent(ix).is_some_and(|p| in_heading[p]);
            in_heading[ix] = parent || dom.tag(ix).is_some_and(is_heading);
        }
        for ix in (0..n).rev() {
            if excluded[ix] {
                continue;
            }
            let data = dom.node(ix);
            match data.kind {
                Kind::Text if !data.invisible => {
                    let s = &mut nodes[ix];
                    s.text += data.text_chars;
                    s.link += data.link_chars;
                    s.commas += data.commas;
                    if in_heading[ix] {
                        s.heading += data.text_chars;
                    }
                }
                Kind::Element => {
                    let tag = dom.tag(ix).unwrap_or("");
                    let s = &mut nodes[ix];
                    match tag {
                        "p" => s.paragraphs += 1,
                        // A bullet's or a badge's icon is no picture.
                        "img" if !crate::images::is_icon(dom, ix) => s.images += 1,
                        "li" => s.list_items += 1,
                        // (The only buttons not excluded title a folded
                        // section: headings, not form controls.)
                        "input" | "select" | "textarea" => s.inputs += 1,
                        "object" | "embed" | "iframe" | "video" | "audio" => s.embeds += 1,
                        _ => {}
                    }
                }
                _ => {}
            }
            if data.kind == Kind::Element && is_prose_unit(dom, ix, &nodes[ix]) {
                nodes[ix].prose = nodes[ix].text;
            }
            if let Some(p) = data.parent {
                let child = nodes[ix];
                let is_block = dom.tag(ix).is_some_and(|t| is_block(t, &child));
                let parent = &mut nodes[p];
                parent.text += child.text;
                parent.link += child.link;
                parent.commas += child.commas;
                parent.heading += child.heading;
                parent.paragraphs += child.paragraphs;
                parent.images += child.images;
                parent.list_items += child.list_items;
                parent.inputs += child.inputs;
                parent.embeds += child.embeds;
                parent.prose += child.prose;
                parent.block_child |= is_block;
            }
        }
        Stats { nodes }
    }

    pub fn get(&self, ix: NodeIx) -> &NodeStats {
        &self.nodes[ix]
    }

    pub fn link_density(&self, ix: NodeIx) -> f64 {
        let s = &self.nodes[ix];
        crate::text::link_density(s.link, s.text)
    }
}
