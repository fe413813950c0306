//! Metadata: title, byline, site, date, language, direction, lead image,
//! excerpt — from JSON-LD, meta tags, microdata and the page itself.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    /// As the page gives it, ideally ISO 8601.
    pub published_time: Option<String>,
    /// BCP 47 language tag, e.g. `en` or `pt-BR`.
    pub language: Option<String>,
    /// `ltr` or `rtl`.
    pub direction: Option<String>,
    /// Absolute URL of the lead image.
    pub lead_image: Option<String>,
    pub excerpt: Option<String>,
}

pub fn read(dom: &crate::dom::Dom, base: Option<&url::Url>) -> Metadata {
    let _ = (dom, base);
    Metadata::default()
}

pub fn complete(
    metadata: &mut Metadata,
    article: Option<&crate::Article>,
    found: Option<&crate::article::Found>,
    dom: &crate::dom::Dom,
) {
    let _ = (metadata, article, found, dom);
}
