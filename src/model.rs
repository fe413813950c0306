//! The shared types: what every stage reads or returns, and what the
//! engine hands to its callers. They sit at the bottom of the crate (above
//! only `dom` and `rules`), so a stage imports them without reaching up to
//! the pipeline in `lib.rs` or across to another stage.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::dom::{Dom, Kind, NodeIx};
use crate::rules;

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
    /// Render `article.markdown`. Off, it is left empty, and the Markdown
    /// export renders it from `article.html` when asked (the same text).
    pub markdown: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            char_threshold: 500,
            words_per_minute: 230,
            max_elements: 2_000_000,
            rules: rules::SiteRules::default(),
            markdown: true,
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
    /// Markdown (CommonMark with GFM tables); empty when
    /// [`Options::markdown`] was off.
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

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Readerable {
    pub is_article: bool,
    /// Sum over long text blocks of sqrt(chars - 140), as Readability.js's
    /// `isProbablyReaderable` computes it; 20 or more reads as an article.
    pub score: f64,
    /// Short sentences saying what the decision rests on.
    pub evidence: Vec<String>,
}

impl Readerable {
    /// Add what the extracted article tells: its size, or that there is none.
    pub fn note_article(&mut self, article: Option<&Article>) {
        self.evidence.push(match article {
            Some(a) => format!("the extracted article has {} words", a.word_count),
            None => "no article text could be extracted".to_string(),
        });
    }
}

// --- clutter ---

/// What a clutter block is. Its names and ranks are in [`ClutterKind::TABLE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ClutterKind {
    Newsletter,
    Comments,
    RepeatedBoilerplate,
    Share,
    Related,
    Ad,
    CookieConsent,
    AppPromo,
    /// A player or button that floats over the page: a video that follows
    /// the reader down, a "back to top" button.
    Floating,
    /// A block the user's own rule hides.
    UserRule,
}

impl ClutterKind {
    /// Every kind once, in declaration order, with its name (as JSON, the
    /// CLI and the extension write it) and its rank when two kinds name the
    /// same block (lower wins). The one table of kinds: the names, the
    /// ranks and the evidence's bits (`clutter::kinds`) all come from it.
    pub const TABLE: [(ClutterKind, &'static str, u8); 10] = [
        (ClutterKind::Newsletter, "newsletter", 1),
        (ClutterKind::Comments, "comments", 2),
        (ClutterKind::RepeatedBoilerplate, "repeated_boilerplate", 3),
        (ClutterKind::Share, "share", 5),
        (ClutterKind::Related, "related", 6),
        (ClutterKind::Ad, "ad", 7),
        (ClutterKind::CookieConsent, "cookie_consent", 0),
        (ClutterKind::AppPromo, "app_promo", 4),
        (ClutterKind::Floating, "floating", 8),
        (ClutterKind::UserRule, "user_rule", 9),
    ];

    pub fn as_str(self) -> &'static str {
        Self::TABLE[self as usize].1
    }

    /// The rank when two kinds name the same block: lower wins.
    pub fn priority(self) -> u8 {
        Self::TABLE[self as usize].2
    }

    pub fn from_name(name: &str) -> Option<ClutterKind> {
        Self::TABLE
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|&(kind, _, _)| kind)
    }
}

impl Serialize for ClutterKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ClutterKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        const NAMES: [&str; ClutterKind::TABLE.len()] = {
            let mut out = [""; ClutterKind::TABLE.len()];
            let mut i = 0;
            while i < out.len() {
                out[i] = ClutterKind::TABLE[i].1;
                i += 1;
            }
            out
        };
        let name = String::deserialize(deserializer)?;
        ClutterKind::from_name(&name)
            .ok_or_else(|| serde::de::Error::unknown_variant(&name, &NAMES))
    }
}

/// One block to hide in the live page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClutterBlock {
    pub kind: ClutterKind,
    /// One line a person can read: why this block is clutter.
    pub reason: String,
    /// The start of the block's text.
    pub preview: String,
    pub locator: Locator,
    /// Words of the article's kept text the block holds (counted per text
    /// node). The article guard keeps it 0 for every block the engine
    /// plans; only a user's rule may hide article text, and the panel says
    /// how much.
    #[serde(default)]
    pub article_words: u32,
    /// The user's rule that hides this block (kind `user_rule`), so the
    /// panel can offer to forget it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Locator {
    /// Index among all elements in document order, as
    /// `document.getElementsByTagName('*')[index]` counts them.
    pub index: usize,
    /// Lower-case tag name: the element found must have it.
    pub tag: String,
    /// A CSS selector that matches exactly this element in the parsed page,
    /// when one could be built from ids, or ids plus child positions.
    pub selector: Option<String>,
    /// The element's visible text (script, style, template and the like
    /// left out), whitespace collapsed, cut to 80 characters: the element
    /// found must start with the same text.
    pub fingerprint: String,
}

/// One sentence (or chunk of a long one) to speak and highlight. Written
/// as the array `[block, start, end]` (small JSON, and less wasm than a
/// struct's serde code).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The block: 0 is the element holding the article (the fragment's
    /// root), then its elements in document order, so the reader's
    /// `[holder, ...holder.querySelectorAll('*')][block]`.
    pub block: u32,
    /// Start and end in the block's `textContent`, UTF-16 code units.
    pub start: u32,
    pub end: u32,
}

impl Serialize for Sentence {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [self.block, self.start, self.end].serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Sentence {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let [block, start, end] = <[u32; 3]>::deserialize(deserializer)?;
        Ok(Sentence { block, start, end })
    }
}

/// The article as subtrees of the page, in document order, minus the
/// subtrees cleaning took out of them.
#[derive(Debug, Clone, Default)]
pub struct ArticleSubtrees {
    /// Roots of the article's parts, in document order.
    pub parts: Vec<NodeIx>,
    /// Subtrees inside the parts that are not article: sorted, disjoint.
    pub removed: Vec<NodeIx>,
}

impl ArticleSubtrees {
    /// True when `ix` is article content: inside a part and not removed.
    pub fn keeps(&self, dom: &Dom, ix: NodeIx) -> bool {
        self.parts.iter().any(|&p| dom.contains(p, ix)) && !self.is_removed(dom, ix)
    }

    pub fn is_removed(&self, dom: &Dom, ix: NodeIx) -> bool {
        let at = self.removed.partition_point(|&r| r <= ix);
        at > 0 && dom.contains(self.removed[at - 1], ix)
    }

    /// Visible characters of article text.
    pub fn text_chars(&self, dom: &Dom) -> usize {
        self.parts
            .iter()
            .flat_map(|&p| p..dom.end(p))
            .filter(|&i| dom.node(i).kind == Kind::Text && !dom.node(i).invisible)
            .filter(|&i| !self.is_removed(dom, i))
            .map(|i| dom.node(i).text_chars as usize)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_table_is_in_declaration_order() {
        for (i, (kind, name, _)) in ClutterKind::TABLE.iter().enumerate() {
            assert_eq!(*kind as usize, i, "{name}");
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<ClutterKind>(&json).unwrap(), *kind);
        }
        assert!(serde_json::from_str::<ClutterKind>("\"nope\"").is_err());
    }
}
