//! declutter: find the article and map the clutter on a news page.
//!
//! One pure entry point, [`extract`], runs the stages below in order. It has
//! no browser in it: the CLI, the tests, the benchmarks and the wasm bindings
//! all call it and get identical results.
//!
//! 1. parse             [`dom::Dom`]: the page as a flat, document-ordered tree,
//!    built by html5ever through our own sink ([`parse`])
//! 2. metadata          [`metadata`]: JSON-LD, meta tags, microdata, title cleanup
//! 3. clutter signals   [`clutter::detect`]: blocks that evidence calls clutter
//! 4. article           [`article::find`]: candidates, scoring, assembly
//! 5. clutter plan      [`clutter::plan`]: the blocks that pass the article guard
//! 6. cleaning          [`clean`]: sanitised article HTML with absolute URLs
//! 7. rendering         [`render`]: text, Markdown, sentences to read aloud
//! 8. readerable        [`readerable`]: is this page an article at all?

pub mod article;
pub mod byline;
pub mod clean;
pub mod clutter;
pub mod decode;
pub mod dom;
pub mod json;
pub mod locate;
pub mod metadata;
pub mod nesting;
pub mod parse;
pub mod readerable;
pub mod render;
pub mod rules;
pub mod sentences;
pub mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use serde::{Deserialize, Serialize};

pub use clutter::{ClutterBlock, ClutterKind};
pub use locate::Locator;
pub use metadata::Metadata;
pub use readerable::Readerable;
pub use render::speech::Sentence;

/// Tuning knobs a caller may change. The defaults are what the extension uses.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Fewer characters than this in the article makes the engine retry with
    /// looser rules (as Readability.js does).
    pub char_threshold: usize,
    /// Words read per minute, for the reading-time estimate.
    pub words_per_minute: usize,
    /// Pages with more elements than this are refused with an empty result,
    /// so a hostile page cannot stall the reader.
    pub max_elements: usize,
    /// The user's rules for this page's site: blocks to hide, blocks to keep.
    pub rules: rules::SiteRules,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            char_threshold: 500,
            words_per_minute: 230,
            max_elements: 2_000_000,
            rules: rules::SiteRules::default(),
        }
    }
}

/// The article itself, in every form a reader or an export needs.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Article {
    /// Sanitised HTML: an allow-list of tags and attributes, absolute URLs.
    pub html: String,
    /// Plain text: blank line between blocks, headings and list items on
    /// their own lines.
    pub text: String,
    /// Markdown (CommonMark with GFM tables).
    pub markdown: String,
    pub word_count: usize,
    pub reading_time_minutes: usize,
    /// Where the article lies in the page: one locator per part (the
    /// elements whose kept content makes the article), in document order.
    pub parts: Vec<Locator>,
    /// The article read aloud, in order: each sentence (or chunk of a long
    /// one) as a block of `html` and a range of its text
    /// ([`render::speech`]).
    #[serde(default)]
    pub sentences: Vec<Sentence>,
    /// The sentences of `metadata.title` (block 0: the title itself), read
    /// first; none when the article's HTML opens with its own `h1`.
    #[serde(default)]
    pub title_sentences: Vec<Sentence>,
}

/// Everything the engine found on a page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Extraction {
    pub metadata: Metadata,
    /// `None` when no article could be found (the page is empty or not an
    /// article); `metadata` and `clutter` are still filled in.
    pub article: Option<Article>,
    pub readerable: Readerable,
    /// Blocks to hide in the live page, in document order.
    pub clutter: Vec<ClutterBlock>,
    /// Elements besides the article's parts that live declutter never
    /// hides, nor hides anything inside or around: the headline and the
    /// byline. The live page checks every block against them and the parts.
    pub keep: Vec<Locator>,
}

/// Find the article and map the clutter of one page.
///
/// `url` is the page's address, used to make links absolute; pass `""` when
/// unknown. Never panics; bad input gives an empty, well-formed result.
pub fn extract(html: &str, url: &str, options: &Options) -> Extraction {
    let dom = dom::Dom::parse(html);
    if dom.element_count() > options.max_elements {
        return Extraction::default();
    }
    let page_url = clean::page_base(&dom, url);
    let mut metadata = metadata::read(&dom, page_url.as_ref());
    let signals = clutter::detect(&dom);
    let found = article::find(&dom, &signals, &metadata, options);
    let guard = clutter::Guard::new(&dom, &metadata, found.as_ref());
    let plan = clutter::plan(&dom, &signals, &guard, &options.rules);
    let keep: Vec<_> = guard
        .protected()
        .iter()
        .map(|&p| locate::locator(&dom, p))
        .collect();
    let article_html = found
        .as_ref()
        .map(|found| clean::article_html(&dom, found, page_url.as_ref()));
    let parts: Vec<_> = found
        .iter()
        .flat_map(|found| &found.parts)
        .map(|&p| locate::locator(&dom, p))
        .collect();
    metadata::direction(&mut metadata, found.as_ref(), &dom);
    let mut readerable = readerable::judge(&dom);
    // The page's tree is the largest thing held; rendering parses the
    // article again, so free the page first (peak memory on big pages).
    drop((found, signals, dom));
    let article = article_html
        .and_then(|html| render::article(html, options, &metadata))
        .map(|article| Article { parts, ..article });
    metadata::excerpt(&mut metadata, article.as_ref());
    readerable.note_article(article.as_ref());
    Extraction {
        metadata,
        article,
        readerable,
        clutter: plan,
        keep,
    }
}
