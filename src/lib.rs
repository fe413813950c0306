//! declutter: find the article and map the clutter on a news page.
//!
//! One pure entry point, [`extract`], runs the stages below in order. It has
//! no browser in it: the CLI, the tests, the benchmarks and the wasm bindings
//! all call it and get identical results.
//!
//! 1. parse             [`dom::Dom`]: the page as a flat, document-ordered tree
//! 2. metadata          [`metadata`]: JSON-LD, meta tags, microdata, title cleanup
//! 3. clutter signals   [`clutter::detect`]: blocks that evidence calls clutter
//! 4. article           [`article::find`]: candidates, scoring, assembly
//! 5. clutter plan      [`clutter::plan`]: the blocks that pass the article guard
//! 6. sanitising        [`sanitise`]: the article as sanitised HTML with absolute URLs
//! 7. rendering         [`render`]: text, Markdown, sentences to read aloud
//! 8. readerable        [`readerable`]: is this page an article at all?

pub mod article;
pub mod byline;
pub mod clutter;
pub mod code_language;
pub mod decode;
pub mod dom;
pub mod images;
pub mod json;
pub mod locate;
pub mod metadata;
pub mod model;
pub mod nesting;
pub mod readerable;
pub mod render;
pub mod rules;
pub mod sanitise;
pub mod sentences;
pub mod text;
pub mod urls;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use model::{
    Article, ArticleSubtrees, ClutterBlock, ClutterKind, Extraction, Locator, Metadata, Options,
    Readerable, Sentence,
};

/// Find the article and map the clutter of one page.
///
/// `url` is the page's address, used to make links absolute; pass `""` when
/// unknown. Never panics; bad input gives an empty, well-formed result.
pub fn extract(html: &str, url: &str, options: &Options) -> Extraction {
    let dom = dom::Dom::parse(html);
    if dom.element_count() > options.max_elements {
        return Extraction::default();
    }
    let page_url = urls::page_base(&dom, url);
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
        .map(|found| sanitise::article_html(&dom, found, page_url.as_ref()));
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
