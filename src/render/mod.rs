//! Rendering: plain text and Markdown from the sanitised article HTML, and
//! the sentences read aloud. (Whole export documents are `crate::export`.)
mod blocks;
pub mod markdown;
pub mod plain;
pub mod speech;

pub use markdown::to_markdown;
pub use plain::to_text;

use crate::parse::{Edge, Element, NodeRef, Tree};

use crate::model::{Article, Metadata, Options};

/// What a renderer does at each event of a walk over sanitised HTML.
pub(crate) trait Renderer {
    fn text(&mut self, text: &str);
    /// `depth` counts open elements, this one included.
    fn open(&mut self, element: &Element<'_>, depth: usize);
    fn close(&mut self, node: NodeRef<'_>);
}

/// Walk the parsed HTML's open/close events in document order — an explicit
/// iteration, so no input depth can overflow the call stack.
pub(crate) fn walk(doc: &Tree, renderer: &mut impl Renderer) {
    let mut depth = 0usize;
    doc.traverse(|edge| match edge {
        Edge::Open(node) => {
            // A CR from `&#13;` reads as the line feed a raw one would
            // have been parsed into, and no other control character
            // (a terminal's escape sequences) reaches an output.
            if let Some(t) = node.text() {
                renderer.text(&crate::text::output_text(t));
            } else if let Some(el) = node.element() {
                depth += 1;
                renderer.open(&el, depth);
            }
        }
        Edge::Close(node) => {
            if node.element().is_some() {
                depth -= 1;
                renderer.close(node);
            }
        }
    });
}

/// Build the [`Article`] from its sanitised HTML. `None` when the HTML holds
/// no words at all. `metadata`: the page's title and language, for the
/// sentences read aloud.
pub fn article(mut html: String, options: &Options, metadata: &Metadata) -> Option<Article> {
    // The three forms are kept as long as the article is: without the
    // spare capacity of growing them (up to half of each).
    html.shrink_to_fit();
    // One parse serves both renderers.
    let doc = Tree::parse_fragment(&html);
    let mut text = blocks::write::<plain::PlainText>(&doc);
    let word_count = crate::text::word_count(&text);
    if word_count == 0 {
        return None;
    }
    text.shrink_to_fit();
    let mut markdown = if options.markdown {
        blocks::write::<markdown::Markdown>(&doc)
    } else {
        String::new()
    };
    markdown.shrink_to_fit();
    let reading_time_minutes = word_count.div_ceil(options.words_per_minute.max(1));
    let lang = metadata.language.as_deref().unwrap_or("");
    let (sentences, starts_with_headline) = speech::render(&doc, lang);
    // The title is read first, unless the article's own h1 comes first.
    let title_sentences = match &metadata.title {
        Some(title) if !starts_with_headline => speech::of_text(title, lang),
        _ => Vec::new(),
    };
    Some(Article {
        html,
        text,
        markdown,
        word_count,
        reading_time_minutes,
        parts: Vec::new(),
        sentences,
        title_sentences,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_every_form_of_the_article() {
        let options = Options {
            words_per_minute: 2,
            ..Options::default()
        };
        let a = article(
            "<h2>Hi there</h2><p>Some <em>kind</em> words.</p>".into(),
            &options,
            &Metadata::default(),
        )
        .expect("an article");
        assert_eq!(a.text, "Hi there\n\nSome kind words.\n");
        assert_eq!(a.markdown, "## Hi there\n\nSome *kind* words.\n");
        assert_eq!(a.word_count, 5);
        assert_eq!(a.reading_time_minutes, 3);
    }

    #[test]
    fn short_article_reads_in_one_minute() {
        let a = article(
            "<p>one</p>".into(),
            &Options::default(),
            &Metadata::default(),
        )
        .expect("an article");
        assert_eq!(a.reading_time_minutes, 1);
    }

    #[test]
    fn no_words_no_article() {
        assert_eq!(
            article(String::new(), &Options::default(), &Metadata::default()),
            None
        );
        let html = "<p> <img src=\"https://e.com/i.png\" alt=\"x\"> </p>".to_string();
        assert_eq!(
            article(html, &Options::default(), &Metadata::default()),
            None
        );
    }
}
