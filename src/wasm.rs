//! The wasm bindings: they convert types between JavaScript and the core and
//! do nothing else. Every decision lives in the core.
//!
//! JavaScript sees plain objects with the same field names as the Rust types
//! (`Option` as `undefined`/value, enums as their snake_case names).

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::export;
use crate::{Article, Extraction, Metadata, Options};

/// Plain objects, not `Map`s, for structs; `None` as `undefined`.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value
        .serialize(&serializer)
        .map_err(|e| JsError::new(&e.to_string()))
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&e.to_string()))
}

/// `extract(html, url, options?)`: [`crate::extract`]; `options` may be
/// `undefined`/`null` or a partial object (missing fields take defaults).
#[wasm_bindgen]
pub fn extract(html: &str, url: &str, options: JsValue) -> Result<JsValue, JsError> {
    #[cfg(feature = "fault-injection")]
    if html.contains("data-declutter-fault") {
        panic!("fault injected for a test");
    }
    let options: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        from_js(options)?
    };
    to_js(&crate::extract(html, url, &options))
}

/// `exportDocument(extraction, url, format)`: the whole export file for
/// `format` = `"markdown"` | `"md"`, `"text"` | `"txt"` or `"html"`.
#[wasm_bindgen(js_name = exportDocument)]
pub fn export_document(extraction: JsValue, url: &str, format: &str) -> Result<String, JsError> {
    let extraction = from_js::<ExportInput>(extraction)?.into_extraction();
    match format {
        "markdown" | "md" => Ok(export::markdown_document(&extraction, url)),
        "text" | "txt" => Ok(export::text_document(&extraction, url)),
        "html" => Ok(export::html_document(&extraction, url)),
        other => Err(JsError::new(&format!("unknown export format: {other}"))),
    }
}

/// What an export reads of an extraction: the metadata and the article's
/// three renderings. (Reading no more keeps the deserialisers of the
/// clutter plan, locators and sentences out of the wasm.)
#[derive(Deserialize)]
struct ExportInput {
    metadata: Metadata,
    article: Option<ExportArticle>,
}

#[derive(Deserialize)]
struct ExportArticle {
    html: String,
    text: String,
    markdown: String,
}

impl ExportInput {
    fn into_extraction(self) -> Extraction {
        Extraction {
            metadata: self.metadata,
            article: self.article.map(|a| Article {
                html: a.html,
                text: a.text,
                markdown: a.markdown,
                ..Article::default()
            }),
            ..Extraction::default()
        }
    }
}

/// `fileName(title, ext)`: a safe file name for an export.
#[wasm_bindgen(js_name = fileName)]
pub fn file_name(title: Option<String>, ext: &str) -> String {
    export::file_name(title.as_deref(), ext)
}

/// `pageEncoding(bytes)`: the encoding a page's bytes declare (BOM, then
/// `<meta charset>`, else UTF-8), as a WHATWG name for `TextDecoder`.
#[wasm_bindgen(js_name = pageEncoding)]
pub fn page_encoding(bytes: &[u8]) -> String {
    crate::decode::page_encoding(bytes).0.name().to_string()
}

/// `limitNesting(html)`: the page with nesting capped as the core parses
/// it, so a caller drawing the page sees the tree the locators index.
#[wasm_bindgen(js_name = limitNesting)]
pub fn limit_nesting(html: &str) -> String {
    crate::nesting::limit(html).into_owned()
}

/// The core's version, for the extension's about text and bug reports.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// `ruleSelectors(path)`: selectors for the element the user picked, best
/// first; `path` runs from `body` down to it ([`crate::rules::suggest`]).
#[wasm_bindgen(js_name = ruleSelectors)]
pub fn rule_selectors(path: JsValue) -> Result<JsValue, JsError> {
    let path: Vec<crate::rules::PathStep> = from_js(path)?;
    to_js(&crate::rules::suggest(&path))
}

/// `checkRules(set)`: a rule set (`{version, sites: {host: {hide, keep}}}`)
/// checked and in canonical form, or an error naming the bad rule.
#[wasm_bindgen(js_name = checkRules)]
pub fn check_rules(set: JsValue) -> Result<JsValue, JsError> {
    let set: crate::rules::RuleSet = from_js(set)?;
    let checked = crate::rules::check(&set).map_err(|e| JsError::new(&e))?;
    to_js(&checked)
}
