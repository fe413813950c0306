//! Tag rules, one table per fact: which tags start a block, which hold no
//! page text, how a custom element reads, which tags the renderers lay out
//! as paragraphs.

/// Tags that start a block: a div holding one is a container, not a
/// paragraph (Readability.js's DIV_TO_P_ELEMS, widened to HTML5 blocks).
pub fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "details"
            | "dialog"
            | "dd"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "table"
            | "ul"
            | "img"
            | "picture"
            | "video"
            | "iframe"
    )
}

/// Elements whose text is not page text.
pub fn is_invisible_tag(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "math"
            | "canvas"
            | "select"
            | "option"
            | "textarea"
            | "datalist"
    )
}

/// A custom element (`<x-para>`): browsers show it as its author styles
/// it, so it is read as a block when it holds one or a paragraph's worth
/// of text, and as inline text otherwise.
pub fn is_custom_element(tag: &str) -> bool {
    tag.contains('-')
}

/// A custom element is a block when it holds one or a paragraph's worth of
/// text (the serialiser asks the same, from the page's own counts).
pub fn custom_element_is_block(text_chars: u32, holds_block: bool) -> bool {
    holds_block || text_chars >= PROSE_MIN_CHARS
}

pub fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// A paragraph this long counts as running text.
pub const PROSE_MIN_CHARS: u32 = 60;

/// Tags that open and close a plain block in the text and Markdown
/// writers (headings, lists, tables and the like have their own rules).
pub fn is_paragraph_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "main"
            | "nav"
            | "figure"
            | "address"
            | "details"
            | "dl"
            | "dd"
            | "center"
            | "hgroup"
            | "body"
    )
}
