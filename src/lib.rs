//! declutter: find the article and map the clutter on a news page.
//!
//! One pure entry point, [`extract`], runs the stages below in order. It has
//! no browser in it: the CLI, the tests, the benchmarks and the wasm bindings
//! all call it and get identical results.
//!
//! 1. parse             [`dom::Dom`]: the page as a flat, document-ordered tree,
//!    built by html5ever through our own sink (`parse`)
//! 2. metadata          `metadata`: JSON-LD, meta tags, microdata, title cleanup
//! 3. clutter signals   `clutter::detect`: blocks that evidence calls clutter
//! 4. article           `article::find`: candidates, scoring, assembly
//! 5. clutter plan      `clutter::plan`: the blocks that pass the article guard
//! 6. sanitising        [`sanitise`]: the article as sanitised HTML with absolute URLs
//! 7. rendering         [`render`]: text, Markdown, sentences to read aloud
//! 8. readerable        `readerable`: is this page an article at all?
//!
//! The public API: [`extract`] (and [`extract_traced`], which reports each
//! [`Stage`] as it ends), the types in [`model`], the renderers and exports
//! in [`render`], [`sanitise::sanitise`] for any HTML, the user's [`rules`],
//! [`decode`] for bytes, [`sentences`]. The layers, bottom first, are in
//! ARCHITECTURE.md (checked by `tests/layers.rs`).

// The public API.
pub mod decode;
pub mod export;
pub mod model;
pub mod render;
pub mod rules;
pub mod sanitise;
pub mod sentences;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

// Internals some tests, benchmarks and examples look into, hence public
// but hidden: the parsed tree and the text helpers (tests check the plan
// against the page's own tree), the JSON reader and the bindings'
// argument readers (tested against serde_json), and the stages `examples/explain.rs` and
// `examples/trace_signals.rs` print step by step.
#[doc(hidden)]
pub mod article;
#[doc(hidden)]
pub mod clutter;
#[doc(hidden)]
pub mod dom;
#[doc(hidden)]
pub mod js_args;
#[doc(hidden)]
pub mod json;
#[doc(hidden)]
pub mod metadata;
// (examples/declutter_eval.rs parses each page as the core does, nesting capped.)
#[doc(hidden)]
pub mod nesting;
#[doc(hidden)]
pub mod text;
#[doc(hidden)]
pub mod urls;

// Internals only the crate uses.
mod article_metadata;
mod byline;
mod code_language;
mod icons;
mod images;
mod locate;
mod parse;
mod readerable;
mod tags;

pub use model::{
    Article, ClutterBlock, ClutterKind, Extraction, Locator, Metadata, Options, Readerable,
    Sentence,
};

/// The stages of [`extract`], in the order it runs them; [`extract_traced`]
/// reports each as it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// The page as a flat tree ([`dom::Dom`]).
    Parse,
    /// The page's base URL and its metadata.
    Metadata,
    /// The blocks the evidence calls clutter.
    ClutterSignals,
    /// The article's subtrees: candidates, scoring, assembly, retries.
    Article,
    /// The clutter blocks that pass the article guard, with their locators,
    /// and the locators of the headline and byline to keep.
    ClutterPlan,
    /// The article as sanitised HTML.
    Sanitise,
    /// The locators of the article's parts, and the direction a `dir` on
    /// them declares.
    ArticleParts,
    /// Is the page an article at all?
    Readerable,
    /// The page's tree freed before rendering (for peak memory).
    FreePage,
    /// Text, Markdown and sentences; then the excerpt and the verdict's
    /// note on the article.
    Render,
}

impl Stage {
    /// Every stage, in the order `extract` runs them.
    pub const ALL: [Stage; 10] = [
        Stage::Parse,
        Stage::Metadata,
        Stage::ClutterSignals,
        Stage::Article,
        Stage::ClutterPlan,
        Stage::Sanitise,
        Stage::ArticleParts,
        Stage::Readerable,
        Stage::FreePage,
        Stage::Render,
    ];

    /// A short name for reports.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Parse => "parse",
            Stage::Metadata => "metadata",
            Stage::ClutterSignals => "clutter",
            Stage::Article => "article",
            Stage::ClutterPlan => "plan",
            Stage::Sanitise => "sanitise",
            Stage::ArticleParts => "parts",
            Stage::Readerable => "readerable",
            Stage::FreePage => "free page",
            Stage::Render => "render",
        }
    }
}

/// Find the article and map the clutter of one page.
///
/// `url` is the page's address, used to make links absolute; pass `""` when
/// unknown. Never panics; bad input gives an empty, well-formed result.
pub fn extract(html: &str, url: &str, options: &Options) -> Extraction {
    run(html, url, options, &mut |_| {})
}

/// [`extract`], calling `trace` as each [`Stage`] ends with the time it
/// took (the time `trace` itself takes is not counted). For measuring
/// (`examples/stage_times.rs`, `examples/memory_stages.rs`); the result is
/// `extract`'s. A page refused for its size ends after [`Stage::Parse`].
/// Not in wasm, which has no clock.
#[cfg(not(target_arch = "wasm32"))]
pub fn extract_traced(
    html: &str,
    url: &str,
    options: &Options,
    trace: &mut impl FnMut(Stage, std::time::Duration),
) -> Extraction {
    let mut clock = std::time::Instant::now();
    run(html, url, options, &mut |stage| {
        trace(stage, clock.elapsed());
        clock = std::time::Instant::now();
    })
}

/// The pipeline, calling `done` as each stage ends.
fn run(html: &str, url: &str, options: &Options, done: &mut impl FnMut(Stage)) -> Extraction {
    let dom = dom::Dom::parse(html);
    done(Stage::Parse);
    if dom.element_count() > options.max_elements {
        return Extraction::default();
    }
    let page_url = urls::page_base(&dom, url);
    let mut metadata = metadata::read(&dom, page_url.as_ref());
    done(Stage::Metadata);
    let signals = clutter::detect(&dom);
    done(Stage::ClutterSignals);
    let found = article::find(&dom, &signals, &metadata, options);
    done(Stage::Article);
    let guard = clutter::Guard::new(&dom, &metadata, found.as_ref());
    let plan = clutter::plan(&dom, &signals, &guard, &options.rules);
    let keep: Vec<_> = guard
        .protected()
        .iter()
        .map(|&p| locate::locator(&dom, p))
        .collect();
    done(Stage::ClutterPlan);
    let article_html = found
        .as_ref()
        .map(|found| sanitise::article_html(&dom, found, page_url.as_ref()));
    done(Stage::Sanitise);
    let parts: Vec<_> = found
        .iter()
        .flat_map(|found| &found.parts)
        .map(|&p| locate::locator(&dom, p))
        .collect();
    article_metadata::direction(&mut metadata, found.as_ref(), &dom);
    done(Stage::ArticleParts);
    let mut readerable = readerable::judge(&dom);
    done(Stage::Readerable);
    // The page's tree is the largest thing held; rendering parses the
    // article again, so free the page first (peak memory on big pages).
    drop((found, signals, dom));
    done(Stage::FreePage);
    let article = article_html
        .and_then(|html| render::article(html, options, &metadata))
        .map(|article| Article { parts, ..article });
    article_metadata::excerpt(&mut metadata, article.as_ref());
    readerable.note_article(article.as_ref());
    done(Stage::Render);
    Extraction {
        metadata,
        article,
        readerable,
        clutter: plan,
        keep,
    }
}
