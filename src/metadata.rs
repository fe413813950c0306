//! Metadata: title, byline, site, date, language, direction, lead image,
//! excerpt — from JSON-LD, meta tags, microdata and the page itself.
//!
//! Priority per field (first that has a value wins): JSON-LD, then meta tags
//! (Dublin Core, OpenGraph, article:, Twitter, plain names), then microdata,
//! then what the page shows (title element, byline elements, `lang`).

use std::collections::HashMap;

use crate::json::Json;
use url::Url;

use crate::dom::{Dom, NodeIx};
use crate::model::Metadata;
use crate::text::collapse_whitespace;

/// schema.org types that describe an article (as Readability.js lists them).
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "AdvertiserContentArticle",
    "NewsArticle",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "SocialMediaPosting",
    "BlogPosting",
    "LiveBlogPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "APIReference",
];

/// Languages written right to left, by primary subtag.
const RTL_LANGUAGES: &[&str] = &[
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ku", "ps", "sd", "ug", "ur", "yi",
];

pub fn read(dom: &Dom, base: Option<&Url>) -> Metadata {
    let ld = JsonLd::read(dom);
    let meta = MetaTags::read(dom);
    let micro = Microdata::read(dom);
    let document_title = dom
        .first_by_tag("title")
        .map(|t| collapse_whitespace(&dom.raw_text(t)))
        .filter(|t| !t.is_empty());

    let title = ld
        .title(document_title.as_deref())
        .or_else(|| {
            meta.first(&[
                "dc:title",
                "dcterm:title",
                "og:title",
                "weibo:article:title",
                "weibo:webpage:title",
                "title",
                "twitter:title",
                "parsely-title",
            ])
        })
        .or_else(|| micro.get("headline"))
        .or_else(|| {
            document_title
                .as_deref()
                .map(|t| clean_document_title(t, &heading_texts(dom)))
        })
        .filter(|t| !t.is_empty());

    let structured = ld
        .author
        .clone()
        .or_else(|| {
            meta.first(&[
                "dc:creator",
                "dcterm:creator",
                "author",
                "article:author",
                "og:article:author",
                "parsely-author",
                "sailthru.author",
                "byl",
            ])
        })
        .filter(|a| !looks_like_url(a) && !looks_like_template(a))
        .or_else(|| micro.get("author"))
        .map(|b| crate::byline::clean(&b))
        .filter(|b| !b.is_empty());
    // A profile handle ("CC7567") gives way to the name the page shows.
    let byline = match structured {
        Some(s) if crate::byline::looks_like_handle(&s) => crate::byline::in_page(dom)
            .filter(|b| crate::byline::looks_like_name(b))
            .or(Some(s)),
        Some(s) => Some(s),
        None => crate::byline::in_page(dom).or_else(|| crate::byline::labelled_in_header(dom)),
    };

    // The site's own name before its publisher's (Newsmax, not Newsmax
    // Media, Inc.).
    let site_name = meta
        .first(&["og:site_name"])
        .or_else(|| ld.site_name.clone())
        .or_else(|| meta.first(&["application-name", "apple-mobile-web-app-title"]))
        .filter(|s| !s.is_empty());

    let published_time = ld
        .published
        .clone()
        .or_else(|| {
            meta.first(&[
                "article:published_time",
                "parsely-pub-date",
                "dc:date",
                "dcterm:date",
                "dc:date.issued",
                "dcterm:issued",
                "date",
                "pubdate",
                "publishdate",
                "publish-date",
                "article.published",
                "og:published_time",
                "sailthru.date",
            ])
        })
        .or_else(|| micro.get("datePublished"))
        .or_else(|| time_in_page(dom))
        // A question's or post's creation date, when nothing says published.
        .or_else(|| micro.get("dateCreated"))
        .filter(|d| !d.is_empty());

    let excerpt = ld
        .description
        .clone()
        .or_else(|| {
            meta.first(&[
                "dc:description",
                "dcterm:description",
                "og:description",
                "weibo:article:description",
                "weibo:webpage:description",
                "description",
                "twitter:description",
            ])
        })
        .filter(|d| !d.is_empty());

    let language = page_language(dom)
        .or_else(|| {
            meta.first(&["content-language", "dc:language", "og:locale"])
                .map(|l| l.replace('_', "-"))
        })
        .or_else(|| ld.language.clone());

    let direction = dom
        .first_by_tag("html")
        .and_then(|h| dom.attr(h, "dir"))
        .or_else(|| dom.body().and_then(|b| dom.attr(b, "dir")))
        .map(|d| d.trim().to_ascii_lowercase())
        .filter(|d| d == "rtl" || d == "ltr")
        .or_else(|| {
            language
                .as_deref()
                .map(direction_of_language)
                .map(str::to_string)
        });

    let lead_image = ld
        .image
        .clone()
        .or_else(|| {
            meta.first(&[
                "og:image",
                "og:image:url",
                "og:image:secure_url",
                "twitter:image",
                "twitter:image:src",
            ])
        })
        .or_else(|| micro.get("image"))
        .and_then(|src| absolute_url(&src, base));

    Metadata {
        title,
        byline,
        site_name,
        published_time,
        language,
        direction,
        lead_image,
        excerpt,
    }
}

pub fn direction_of_language(lang: &str) -> &'static str {
    let primary = lang
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if RTL_LANGUAGES.contains(&primary.as_str()) {
        "rtl"
    } else {
        "ltr"
    }
}

/// The text of the page's `<h1>` and `<h2>` elements (at most a few of
/// each), `<h1>`s first.
fn heading_texts(dom: &Dom) -> Headings {
    let of = |tag: &str| -> Vec<String> {
        dom.elements()
            .filter(|&i| dom.is_tag(i, tag))
            .take(3)
            .map(|i| dom.text(i))
            .collect()
    };
    Headings {
        h1: of("h1"),
        h2: of("h2"),
    }
}

/// Headings a `<title>` is checked against.
#[derive(Default)]
pub struct Headings {
    pub h1: Vec<String>,
    pub h2: Vec<String>,
}

fn page_language(dom: &Dom) -> Option<String> {
    let html = dom.first_by_tag("html")?;
    dom.attr(html, "lang")
        .or_else(|| dom.attr(html, "xml:lang"))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
}

fn absolute_url(src: &str, base: Option<&Url>) -> Option<String> {
    let src = src.trim();
    if src.is_empty() {
        return None;
    }
    let url = crate::urls::parse_url(src, base).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// How much of `b`'s text `a` shares: 1 minus the share of `b`'s
/// characters in words `a` lacks (Readability.js's `textSimilarity`).
pub(crate) fn similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        crate::text::words(&s.to_lowercase())
            .map(str::to_string)
            .collect()
    };
    let a = words(a);
    let b = words(b);
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let unique: Vec<&String> = b.iter().filter(|w| !a.contains(w)).collect();
    let chars = |ws: &mut dyn Iterator<Item = &String>| -> usize {
        let mut n = 0;
        let mut k: usize = 0;
        for w in ws {
            n += w.chars().count();
            k += 1;
        }
        n + k.saturating_sub(1)
    };
    let total = chars(&mut b.iter());
    let distance = chars(&mut unique.into_iter()) as f64 / total as f64;
    1.0 - distance
}

/// An unfilled template value such as `page.head.author` or `{{author}}`.
fn looks_like_template(s: &str) -> bool {
    s.contains("{{")
        || s.contains("${")
        || (!s.contains(' ')
            && s.contains('.')
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c == '.' || c == '_'))
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")
}

/// Take the article title out of a `<title>` the way Readability.js does:
/// drop a site name after the last separator (or before the first), unless
/// that leaves four words or fewer; for "Site: Title", keep the part after
/// the colon when no heading shows the whole title.
pub fn clean_document_title(raw: &str, headings: &Headings) -> String {
    // En and em dashes separate a site name as a hyphen does
    // ("Title – Site").
    const SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»'];
    const HIERARCHICAL: &[char] = &['\\', '/', '>', '»'];
    let original = collapse_whitespace(raw);
    let words = |s: &str| s.split_whitespace().count();
    // Separators count only with spaces around them ("a | b", not "e-mail").
    let separator_at = |s: &str, from_end: bool| -> Option<(usize, char)> {
        let found: Vec<(usize, char)> = s
            .char_indices()
            .filter(|&(i, c)| {
                SEPARATORS.contains(&c)
                    && s[..i].ends_with(' ')
                    && s[i + c.len_utf8()..].starts_with(' ')
            })
            .collect();
        if from_end {
            found.last().copied()
        } else {
            found.first().copied()
        }
    };
    let mut title = original.clone();
    let mut hierarchical = false;
    if let Some((last, _)) = separator_at(&original, true) {
        hierarchical = original.char_indices().any(|(i, c)| {
            HIERARCHICAL.contains(&c)
                && original[..i].ends_with(' ')
                && original[i + c.len_utf8()..].starts_with(' ')
        });
        title = original[..last].trim().to_string();
        if words(&title) < 3 {
            if let Some((first, c)) = separator_at(&original, false) {
                title = original[first + c.len_utf8()..].trim().to_string();
            }
        }
    } else if original.contains(": ") {
        // An `<h1>` or `<h2>` showing the whole "Topic: Title" keeps it.
        let shown = headings
            .h1
            .iter()
            .chain(&headings.h2)
            .any(|h| collapse_whitespace(h) == original);
        if !shown {
            let last = original.rfind(": ").map_or(0, |p| p + 2);
            title = original[last..].trim().to_string();
            if words(&title) < 3 {
                let first = original.find(": ").map_or(0, |p| p + 2);
                title = original[first..].trim().to_string();
            } else if words(&original[..original.find(": ").unwrap_or(0)]) > 5 {
                title = original.clone();
            }
        }
    } else if original.chars().count() > 150 || original.chars().count() < 15 {
        let h1s: Vec<&String> = headings.h1.iter().take(2).collect();
        if h1s.len() == 1 {
            title = collapse_whitespace(h1s[0]);
        }
    }
    let without_separators: String = original
        .chars()
        .filter(|c| !SEPARATORS.contains(c))
        .collect();
    let count = words(&title);
    if count <= 4 && (!hierarchical || count != words(&without_separators).saturating_sub(1)) {
        title = original;
    }
    title
}

/// The first `itemprop=datePublished` in the page outside a reader's
/// comment.
fn time_in_page(dom: &Dom) -> Option<String> {
    dom.elements().find_map(|ix| {
        let prop = dom
            .attr(ix, "itemprop")
            .is_some_and(|p| p == "datePublished")
            && !crate::byline::in_comment(dom, ix);
        if prop {
            return dom
                .attr(ix, "content")
                .or_else(|| dom.attr(ix, "datetime"))
                .map(str::to_string);
        }
        None
    })
}

/// The fields we read from schema.org JSON-LD.
#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    name: Option<String>,
    author: Option<String>,
    site_name: Option<String>,
    published: Option<String>,
    description: Option<String>,
    image: Option<String>,
    language: Option<String>,
}

/// The only scripts the core reads. The content script sends the page
/// without the bodies of all others (`extension/content/engine.js`).
pub const JSON_LD_TYPE: &str = "application/ld+json";

impl JsonLd {
    fn read(dom: &Dom) -> JsonLd {
        let mut out = JsonLd::default();
        for ix in dom.elements() {
            if !dom.is_tag(ix, "script") {
                continue;
            }
            let is_ld = dom
                .attr(ix, "type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case(JSON_LD_TYPE));
            if !is_ld {
                continue;
            }
            let raw = dom.raw_text(ix);
            let raw = raw
                .trim()
                .trim_start_matches("<![CDATA[")
                .trim_end_matches("]]>")
                .trim();
            let Some(value) = crate::json::parse(raw) else {
                continue;
            };
            let mut articles = Vec::new();
            collect_articles(&value, &mut articles, 0);
            if let Some(article) = articles.first() {
                out.fill_from(article);
                return out;
            }
        }
        out
    }

    /// Prefer `headline`; when `name` differs and reads like the document
    /// title (word similarity above 0.75, Readability.js's rule) or the
    /// document title shows it, it is the title — unless only the headline
    /// reads like the title (a `name` that is the site's name).
    fn title(&self, document_title: Option<&str>) -> Option<String> {
        match (&self.headline, &self.name, document_title) {
            (Some(h), Some(n), Some(doc)) if h != n => {
                let cleaned = clean_document_title(doc, &Headings::default());
                let name_matches = similarity(n, &cleaned) > 0.75;
                let headline_matches = similarity(h, &cleaned) > 0.75;
                let doc = doc.to_lowercase();
                let name_shown =
                    doc.contains(&n.to_lowercase()) && !doc.contains(&h.to_lowercase());
                // Either reading like the title alone settles it; else the
                // name when the title shows it.
                let name_only = name_matches && !headline_matches;
                let headline_only = headline_matches && !name_matches;
                if name_only || (name_shown && !headline_only) {
                    Some(n.clone())
                } else {
                    Some(h.clone())
                }
            }
            (Some(h), _, _) => Some(h.clone()),
            (None, Some(n), _) => Some(n.clone()),
            _ => None,
        }
    }

    fn fill_from(&mut self, v: &Json) {
        self.headline = string_of(v.get("headline"));
        self.name = string_of(v.get("name"));
        self.author = names_of(v.get("author").or_else(|| v.get("creator")));
        self.site_name = v
            .get("publisher")
            .and_then(|p| names_of(Some(p)))
            .or_else(|| v.get("isPartOf").and_then(|p| names_of(Some(p))));
        self.published =
            string_of(v.get("datePublished")).or_else(|| string_of(v.get("dateCreated")));
        self.description = string_of(v.get("description"));
        self.image = image_of(v.get("image")).or_else(|| image_of(v.get("thumbnailUrl")));
        self.language = string_of(v.get("inLanguage"));
    }
}

fn is_article_type(v: &Json) -> bool {
    match v.get("@type") {
        Some(Json::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
        Some(Json::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
        _ => false,
    }
}

fn collect_articles<'a>(v: &'a Json, out: &mut Vec<&'a Json>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Json::Array(items) => items
            .iter()
            .for_each(|i| collect_articles(i, out, depth + 1)),
        Json::Object(_) => {
            if is_article_type(v) {
                out.push(v);
            }
            if let Some(graph) = v.get("@graph") {
                collect_articles(graph, out, depth + 1);
            }
            if let Some(main) = v.get("mainEntity") {
                collect_articles(main, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn string_of(v: Option<&Json>) -> Option<String> {
    let v = v?;
    match v {
        Json::String(s) => Some(collapse_whitespace(&decode_entities(s))).filter(|s| !s.is_empty()),
        Json::Array(items) => items.iter().find_map(|i| string_of(Some(i))),
        Json::Object(_) => string_of(v.get("@value")),
        _ => None,
    }
}

/// Names from a person, organisation, string, or a list of them.
fn names_of(v: Option<&Json>) -> Option<String> {
    let v = v?;
    let names: Vec<String> = match v {
        Json::Array(items) => items.iter().filter_map(|i| names_of(Some(i))).collect(),
        Json::Object(_) => string_of(v.get("name")).into_iter().collect(),
        Json::String(s) => Some(collapse_whitespace(s)).into_iter().collect(),
        _ => Vec::new(),
    };
    let names: Vec<String> = names
        .into_iter()
        .filter(|n| !n.is_empty() && !looks_like_url(n))
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

fn image_of(v: Option<&Json>) -> Option<String> {
    let v = v?;
    match v {
        Json::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Json::Array(items) => items.iter().find_map(|i| image_of(Some(i))),
        Json::Object(_) => image_of(v.get("url")).or_else(|| image_of(v.get("contentUrl"))),
        _ => None,
    }
}

/// JSON-LD strings sometimes carry HTML entities.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let dom = Dom::parse_fragment(s);
    (0..dom.len())
        .filter_map(|i| dom.text_node(i))
        .collect::<String>()
}

/// `<meta>` values by normalised key (`og:title`, `description`, ...).
struct MetaTags {
    values: HashMap<String, String>,
}

impl MetaTags {
    fn read(dom: &Dom) -> MetaTags {
        let mut values = HashMap::new();
        for ix in dom.elements() {
            if !dom.is_tag(ix, "meta") {
                continue;
            }
            let Some(content) = dom.attr(ix, "content").map(collapse_whitespace) else {
                continue;
            };
            if content.is_empty() {
                continue;
            }
            let keys = dom
                .attr(ix, "property")
                .into_iter()
                .flat_map(|p| p.split_whitespace())
                .chain(dom.attr(ix, "name"))
                // A comment's microdata (its author, its date) is its own.
                .chain(
                    dom.attr(ix, "itemprop")
                        .filter(|_| !crate::byline::in_comment(dom, ix)),
                )
                .chain(dom.attr(ix, "http-equiv"));
            for key in keys {
                let key: String = key
                    .trim()
                    .to_ascii_lowercase()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .replace("dcterms", "dcterm")
                    .replace('.', ":");
                // The last tag with a key wins, as in Readability.js.
                values.insert(key, content.clone());
            }
        }
        MetaTags { values }
    }

    fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter()
            .map(|k| k.replace('.', ":"))
            .find_map(|k| self.values.get(&k).cloned())
    }
}

/// `itemprop` values outside `<meta>`, from the first element carrying each
/// outside a reader's comment (whose author and date are its own).
struct Microdata {
    values: HashMap<String, String>,
}

impl Microdata {
    fn read(dom: &Dom) -> Microdata {
        let mut values = HashMap::new();
        for ix in dom.elements() {
            let Some(props) = dom.attr(ix, "itemprop") else {
                continue;
            };
            if dom.is_tag(ix, "meta") || crate::byline::in_comment(dom, ix) {
                continue;
            }
            let value = microdata_value(dom, ix);
            if value.is_empty() || value.chars().count() > 300 {
                continue;
            }
            for prop in props.split_whitespace() {
                values
                    .entry(prop.to_string())
                    .or_insert_with(|| value.clone());
            }
        }
        Microdata { values }
    }

    fn get(&self, key: &str) -> Option<String> {
        self.values.get(key).cloned()
    }
}

fn microdata_value(dom: &Dom, ix: NodeIx) -> String {
    let attr = match dom.tag(ix) {
        Some("img") => dom.attr(ix, "src"),
        Some("a") | Some("link") => dom.attr(ix, "href"),
        Some("time") => dom.attr(ix, "datetime"),
        _ => dom.attr(ix, "content"),
    };
    match attr {
        Some(a) => a.trim().to_string(),
        None => {
            // A person or organisation item: its name.
            if dom.attr(ix, "itemscope").is_some() {
                if let Some(name) = dom
                    .descendants(ix)
                    .find(|&d| dom.attr(d, "itemprop") == Some("name"))
                {
                    return dom.text(name);
                }
            }
            dom.text(ix)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str) -> Metadata {
        read(
            &Dom::parse(html),
            Url::parse("https://example.org/a/b").ok().as_ref(),
        )
    }

    /// The content script cuts the bodies of every other script from what
    /// it sends; it must keep the ones the core reads.
    #[test]
    fn the_content_script_keeps_the_scripts_the_core_reads() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/extension/content/engine.js");
        let js = std::fs::read_to_string(path).expect("extension/content/engine.js");
        let line = format!("const READ_SCRIPT_TYPE = '{JSON_LD_TYPE}';");
        assert!(js.contains(&line), "engine.js should say {line}");
    }

    #[test]
    fn json_ld_wins_over_meta_tags() {
        let m = meta_of(
            r#"<html lang="de"><head><title>T | Site</title>
            <meta property="og:title" content="OG title">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"S"},{"@type":"NewsArticle","headline":"LD title","author":[{"@type":"Person","name":"Ann"},{"name":"Bo"}],"publisher":{"name":"Pub"},"datePublished":"2024-01-02","image":{"url":"/i.jpg"}}]}</script>
            </head><body></body></html>"#,
        );
        assert_eq!(m.title.as_deref(), Some("LD title"));
        assert_eq!(m.byline.as_deref(), Some("Ann, Bo"));
        assert_eq!(m.site_name.as_deref(), Some("Pub"));
        assert_eq!(m.published_time.as_deref(), Some("2024-01-02"));
        assert_eq!(m.lead_image.as_deref(), Some("https://example.org/i.jpg"));
        assert_eq!(m.language.as_deref(), Some("de"));
        assert_eq!(m.direction.as_deref(), Some("ltr"));
    }

    #[test]
    fn meta_tags_and_title_cleanup() {
        let m = meta_of(
            r#"<head><title>A fairly long headline here | The Site</title>
            <meta name="author" content="By Jane Doe"><meta property="og:site_name" content="The Site">
            <meta name="description" content="Desc"></head><html lang="ar">"#,
        );
        assert_eq!(m.title.as_deref(), Some("A fairly long headline here"));
        assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(m.site_name.as_deref(), Some("The Site"));
        assert_eq!(m.excerpt.as_deref(), Some("Desc"));
    }

    #[test]
    fn rtl_from_language() {
        assert_eq!(direction_of_language("he-IL"), "rtl");
        assert_eq!(direction_of_language("en"), "ltr");
    }

    #[test]
    fn broken_json_ld_is_ignored() {
        let m = meta_of(
            r#"<script type="application/ld+json">{"@type": "NewsArticle", </script><title>Plain</title>"#,
        );
        assert_eq!(m.title.as_deref(), Some("Plain"));
    }
}
