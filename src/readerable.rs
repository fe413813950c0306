//! Is this page an article at all? The answer and the evidence for it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Readerable {
    pub is_article: bool,
    /// Sum over long text blocks of sqrt(chars - 140), as Readability.js's
    /// `isProbablyReaderable` computes it; 20 or more reads as an article.
    pub score: f64,
    /// Short sentences saying what the decision rests on.
    pub evidence: Vec<String>,
}

pub fn judge(dom: &crate::dom::Dom, article: Option<&crate::Article>) -> Readerable {
    let _ = (dom, article);
    Readerable::default()
}
