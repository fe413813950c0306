//! The language a code block declares (`language-x` and the like), for
//! the `class` the sanitiser writes on `<pre><code>`.

use crate::dom::{Dom, NodeIx};

/// The language a code block declares in its class: `language-x`,
/// `lang-x`, `highlight-source-x`, `brush: x`, or a `data-lang`.
pub fn code_language(dom: &Dom, ix: NodeIx) -> Option<String> {
    if let Some(lang) = dom
        .attr(ix, "data-lang")
        .or_else(|| dom.attr(ix, "data-language"))
    {
        return valid_language(lang);
    }
    let class = dom.attr(ix, "class")?;
    let mut words = class.split_whitespace();
    while let Some(word) = words.next() {
        for prefix in ["language-", "lang-", "highlight-source-", "highlight-"] {
            if let Some(lang) = word.strip_prefix(prefix) {
                return valid_language(lang);
            }
        }
        if word == "brush:" {
            return words
                .next()
                .and_then(|l| valid_language(l.trim_end_matches(';')));
        }
    }
    None
}

fn valid_language(lang: &str) -> Option<String> {
    let lang = lang.trim().to_ascii_lowercase();
    (!lang.is_empty()
        && lang.len() < 30
        && lang
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+#-_.".contains(c)))
    .then_some(lang)
}
