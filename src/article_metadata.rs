//! What the article adds to the metadata once it is found: an excerpt when
//! the page gave none, and the direction its own `dir` declares. (The
//! metadata stage itself reads only the page: `metadata.rs`.)

use crate::dom::Dom;
use crate::model::{Article, ArticleSubtrees, Metadata};

/// The excerpt, when the page gave none: the article's first paragraph.
pub fn excerpt(metadata: &mut Metadata, article: Option<&Article>) {
    if metadata.excerpt.is_none() {
        metadata.excerpt = article.and_then(|a| {
            a.text
                .split("\n\n")
                .map(str::trim)
                .find(|p| p.chars().count() >= 40)
                .map(|p| crate::text::preview(p, 300))
        });
    }
}

/// The direction a `dir` on the article, or around it, declares.
pub fn direction(metadata: &mut Metadata, found: Option<&ArticleSubtrees>, dom: &Dom) {
    if let Some(part) = found.and_then(|f| f.parts.first().copied()) {
        let dir = std::iter::once(part)
            .chain(dom.ancestors(part))
            .find_map(|n| dom.attr(n, "dir"))
            .map(|d| d.trim().to_ascii_lowercase())
            .filter(|d| d == "rtl" || d == "ltr");
        if dir.is_some() {
            metadata.direction = dir;
        }
    }
}
