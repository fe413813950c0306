//! The wasm bindings: they convert types between JavaScript and the core and
//! do nothing else. Every decision lives in the core.
//!
//! Values cross as JSON text (`JSON.stringify` in, serde_json's output
//! through `JSON.parse` out): JavaScript sees plain objects with the same
//! field names as the Rust types (`None` as `null`, enums as their
//! snake_case names). Why not serde-wasm-bindgen: its deserialisers and
//! their error messages cost about 5 KB of the gzipped wasm.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::Options;
use crate::{export, js_args};

/// The value as JavaScript sees it: serde_json's text through `JSON.parse`.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    json_parse(&text).map_err(|_| JsError::new("unreadable JSON"))
}

#[wasm_bindgen]
extern "C" {
    /// What JavaScript passed, as JSON text for [`js_args`]: one call
    /// instead of one per field, and no serde deserialisers in the wasm.
    #[wasm_bindgen(js_namespace = JSON, js_name = stringify, catch)]
    fn json_stringify(value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

fn from_js<T>(value: JsValue, read: fn(&str) -> Result<T, String>) -> Result<T, JsError> {
    let text = json_stringify(&value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| JsError::new("argument has no JSON form"))?;
    read(&text).map_err(|e| JsError::new(&e))
}

/// `extract(html, url, options?)`: [`crate::extract`]; `options` may be
/// `undefined`/`null` or a partial object (missing fields take defaults).
/// `article.markdown` comes back empty: `exportDocument` renders it.
#[wasm_bindgen]
pub fn extract(html: &str, url: &str, options: JsValue) -> Result<JsValue, JsError> {
    #[cfg(feature = "fault-injection")]
    if html.contains("data-declutter-fault") {
        panic!("fault injected for a test");
    }
    let mut options: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        from_js(options, js_args::options)?
    };
    // JavaScript gets Markdown from `exportDocument`, which renders it from
    // the article's HTML: not rendered and sent with every extraction.
    options.markdown = false;
    to_js(&crate::extract(html, url, &options))
}

/// `exportDocument(extraction, url, format)`: the whole export file for
/// `format` = `"markdown"` | `"md"`, `"text"` | `"txt"` or `"html"`.
#[wasm_bindgen(js_name = exportDocument)]
pub fn export_document(extraction: JsValue, url: &str, format: &str) -> Result<String, JsError> {
    let extraction = from_js(extraction, js_args::export_input)?;
    match format {
        "markdown" | "md" => Ok(export::markdown_document(&extraction, url)),
        "text" | "txt" => Ok(export::text_document(&extraction, url)),
        "html" => Ok(export::html_document(&extraction, url)),
        other => Err(JsError::new(&format!("unknown export format: {other}"))),
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
    let path = from_js(path, js_args::path)?;
    to_js(&crate::rules::suggest(&path))
}

/// `checkRules(set)`: a rule set (`{version, sites: {host: {hide, keep}}}`)
/// checked and in canonical form, or an error naming the bad rule.
#[wasm_bindgen(js_name = checkRules)]
pub fn check_rules(set: JsValue) -> Result<JsValue, JsError> {
    let set = from_js(set, js_args::rule_set)?;
    let checked = crate::rules::check(&set).map_err(|e| JsError::new(&e))?;
    to_js(&checked)
}
