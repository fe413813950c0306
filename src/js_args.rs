//! The wasm bindings' arguments, read from the JSON text of what JavaScript
//! passed (`src/wasm.rs` hands over `JSON.stringify`'s output).
//!
//! Why not serde: its deserialisers for JavaScript values, with their error
//! messages (which format floats), were over a tenth of the wasm. Each
//! reader here takes what the serde derive on the same type takes: unknown
//! fields ignored, a missing field its default, `null` only where the
//! field is an `Option`, counts only as whole numbers. `tests/js_args.rs`
//! checks them against the derives through serde_json.

use std::collections::BTreeMap;

use crate::json::{self, Json};
use crate::model::{Article, Extraction, Metadata, Options};
use crate::rules::{PathStep, RuleSet, SiteRules};

/// Why an argument was refused, for the JavaScript error.
pub type Error = String;

/// `text` as one JSON value.
fn parse(text: &str) -> Result<Json, Error> {
    json::parse(text).ok_or_else(|| "argument is not JSON".to_string())
}

/// `extract`'s options (a partial object; missing fields take defaults).
pub fn options(text: &str) -> Result<Options, Error> {
    let mut options = Options::default();
    for (key, value) in members(&parse(text)?, "options")? {
        match key.as_str() {
            "char_threshold" => options.char_threshold = count(value, key)?,
            "words_per_minute" => options.words_per_minute = count(value, key)?,
            "max_elements" => options.max_elements = count(value, key)?,
            "rules" => options.rules = site_rules(value, key)?,
            _ => {}
        }
    }
    Ok(options)
}

/// `exportDocument`'s extraction, as much of it as an export reads: the
/// metadata (which must be there) and the article's three renderings (the
/// article may be missing or `null`).
pub fn export_input(text: &str) -> Result<Extraction, Error> {
    let json = parse(text)?;
    members(&json, "extraction")?;
    let metadata = match json.get("metadata") {
        Some(value) => metadata(value)?,
        None => return Err("missing field `metadata`".to_string()),
    };
    let article = match json.get("article") {
        None | Some(Json::Null) => None,
        Some(value) => {
            members(value, "article")?;
            let field = |name: &str| match value.get(name) {
                Some(v) => string(v, name),
                None => Err(format!("missing field `{name}`")),
            };
            Some(Article {
                html: field("html")?,
                text: field("text")?,
                markdown: field("markdown")?,
                ..Article::default()
            })
        }
    };
    Ok(Extraction {
        metadata,
        article,
        ..Extraction::default()
    })
}

fn metadata(json: &Json) -> Result<Metadata, Error> {
    let mut m = Metadata::default();
    for (key, value) in members(json, "metadata")? {
        let slot = match key.as_str() {
            "title" => &mut m.title,
            "byline" => &mut m.byline,
            "site_name" => &mut m.site_name,
            "published_time" => &mut m.published_time,
            "language" => &mut m.language,
            "direction" => &mut m.direction,
            "lead_image" => &mut m.lead_image,
            "excerpt" => &mut m.excerpt,
            _ => continue,
        };
        *slot = optional_string(value, key)?;
    }
    Ok(m)
}

/// `ruleSelectors`' path: an array of steps (camelCase names).
pub fn path(text: &str) -> Result<Vec<PathStep>, Error> {
    array(&parse(text)?, "path")?
        .iter()
        .map(|json| {
            let mut step = PathStep::default();
            for (key, value) in members(json, "path step")? {
                match key.as_str() {
                    "tag" => step.tag = string(value, key)?,
                    "id" => step.id = optional_string(value, key)?,
                    "classes" => step.classes = strings(value, key)?,
                    "nthOfType" => step.nth_of_type = count(value, key)?,
                    _ => {}
                }
            }
            Ok(step)
        })
        .collect()
}

/// `checkRules`' set: `{version, sites: {host: {hide, keep}}}`.
pub fn rule_set(text: &str) -> Result<RuleSet, Error> {
    let mut set = RuleSet::default();
    for (key, value) in members(&parse(text)?, "rule set")? {
        match key.as_str() {
            "version" => set.version = count(value, key)?,
            "sites" => {
                let mut sites = BTreeMap::new();
                for (host, rules) in members(value, key)? {
                    sites.insert(host.clone(), site_rules(rules, host)?);
                }
                set.sites = sites;
            }
            _ => {}
        }
    }
    Ok(set)
}

fn site_rules(json: &Json, what: &str) -> Result<SiteRules, Error> {
    let mut rules = SiteRules::default();
    for (key, value) in members(json, what)? {
        match key.as_str() {
            "hide" => rules.hide = strings(value, key)?,
            "keep" => rules.keep = strings(value, key)?,
            _ => {}
        }
    }
    Ok(rules)
}

// --- one value ---

fn wrong(what: &str, expected: &str) -> Error {
    format!("invalid type: `{what}` should be {expected}")
}

fn members<'a>(json: &'a Json, what: &str) -> Result<&'a [(String, Json)], Error> {
    match json {
        Json::Object(members) => Ok(members),
        _ => Err(wrong(what, "an object")),
    }
}

fn array<'a>(json: &'a Json, what: &str) -> Result<&'a [Json], Error> {
    match json {
        Json::Array(items) => Ok(items),
        _ => Err(wrong(what, "an array")),
    }
}

fn string(json: &Json, what: &str) -> Result<String, Error> {
    json.as_str()
        .map(str::to_string)
        .ok_or_else(|| wrong(what, "a string"))
}

fn optional_string(json: &Json, what: &str) -> Result<Option<String>, Error> {
    match json {
        Json::Null => Ok(None),
        _ => string(json, what).map(Some),
    }
}

fn strings(json: &Json, what: &str) -> Result<Vec<String>, Error> {
    array(json, what)?.iter().map(|s| string(s, what)).collect()
}

/// A whole number that fits `T` (`usize` or `u32`).
fn count<T: TryFrom<u64>>(json: &Json, what: &str) -> Result<T, Error> {
    match json {
        Json::Number(Some(n)) => T::try_from(*n).ok(),
        _ => None,
    }
    .ok_or_else(|| wrong(what, "a whole number"))
}
