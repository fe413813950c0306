//! Rendering: plain text and Markdown from the sanitised article HTML, and
//! whole export documents (front matter, standalone HTML, file names).

use crate::{Article, Options};

/// Build the [`Article`] from its sanitised HTML. `None` when the HTML holds
/// no text at all.
pub fn article(html: String, options: &Options) -> Option<Article> {
    let _ = options;
    if html.is_empty() {
        return None;
    }
    Some(Article {
        html,
        ..Article::default()
    })
}
