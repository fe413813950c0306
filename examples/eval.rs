//! Corpus evaluation: runs `declutter::extract` over the shared corpora and
//! writes a Markdown report.
//!
//! ```text
//! cargo run --release --example eval -- [--corpus readability|wcxb|all]
//!     [--shared DIR] [--out docs/EVAL.md] [--limit N] [--dump DIR] [--half even|odd]
//! ```
//!
//! * Mozilla Readability's test pages (`corpus/readability/*`): word F1 of our
//!   `article.text` against the text of `expected.html`, and agreement of the
//!   metadata and the readerable verdict with `expected-metadata.json`.
//! * WCXB dev (`corpus/wcxb-dev`): the benchmark's published per-page word
//!   F1 against `main_content`, its `with` / `without` snippets, metadata
//!   agreement, and our readerable verdict against `page_type == "article"`.
//!
//! This file is the measuring instrument, so it depends on nothing in the
//! engine but `extract` and its result types: the word definition, the
//! metric and the comparison rules are all here, each in a function named
//! for what it computes and unit-tested (`cargo test --example eval`).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, NaiveDate};
use declutter::{Extraction, Options};

mod common;
use common::{list_dirs, read_gzip_text};
use scraper::Html;
use serde_json::Value;

/// The URL the Readability test pages were tested with.
const READABILITY_TEST_URL: &str = "http://fakehost/test/page.html";
const THREADS: usize = 2;
const WORST_PAGES_LISTED: usize = 25;
const SLOWEST_PAGES_LISTED: usize = 5;
/// Byline rule: one normalised byline containing the other counts as a match
/// when the shorter is at least this share of the longer (in characters).
const BYLINE_CONTAINMENT_MIN_SHARE: f64 = 0.6;
/// Separators a site name hangs off a title by ("Title | Site").
const TITLE_SITE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " • ", " » ", " / ",
];
const WCXB_PAGE_TYPES: &[&str] = &[
    "article",
    "forum",
    "product",
    "collection",
    "listing",
    "documentation",
    "service",
];

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
enum CorpusChoice {
    Readability,
    Wcxb,
    All,
}

#[derive(Debug)]
struct Args {
    corpus: CorpusChoice,
    shared: PathBuf,
    out: PathBuf,
    limit: Option<usize>,
    dump: Option<PathBuf>,
    /// WCXB pages whose number has this parity (0 even, 1 odd): develop on
    /// one half, confirm on the other.
    half: Option<usize>,
}

fn parse_args() -> Result<Args, String> {
    let crate_root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut args = Args {
        corpus: CorpusChoice::All,
        shared: crate_root.join("../shared"),
        out: crate_root.join("docs/EVAL.md"),
        limit: None,
        dump: None,
        half: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--corpus" => {
                args.corpus = match value()?.as_str() {
                    "readability" => CorpusChoice::Readability,
                    "wcxb" => CorpusChoice::Wcxb,
                    "all" => CorpusChoice::All,
                    other => {
                        return Err(format!(
                            "unknown corpus {other:?}: readability, wcxb or all"
                        ))
                    }
                }
            }
            "--shared" => args.shared = PathBuf::from(value()?),
            "--out" => args.out = PathBuf::from(value()?),
            "--limit" => args.limit = Some(value()?.parse().map_err(|e| format!("--limit: {e}"))?),
            "--dump" => args.dump = Some(PathBuf::from(value()?)),
            "--half" => {
                args.half = match value()?.as_str() {
                    "even" => Some(0),
                    "odd" => Some(1),
                    other => return Err(format!("--half {other:?}: even or odd")),
                }
            }
            "-h" | "--help" => {
                return Err(
                    "usage: eval [--corpus readability|wcxb|all] [--shared DIR] [--out FILE] \
                            [--limit N] [--dump DIR] [--half even|odd]"
                        .into(),
                )
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    Ok(args)
}

// ---------------------------------------------------------------------------
// The word metric (WCXB's published metric, used for both corpora)
// ---------------------------------------------------------------------------

/// `\w` in the Unicode sense, as `declutter::text::words` defines it:
/// alphanumerics, `_`, and the combining marks used inside words.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || c == '_'
        || matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x0DFF | 0x0E31..=0x0E4E | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

/// The words of `text` after lower-casing it (the benchmark lower-cases the
/// whole text first, then takes `\w+` runs).
fn lowercase_words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Multiset of lower-cased words.
fn bag_of_words(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for word in lowercase_words(text) {
        *bag.entry(word).or_insert(0) += 1;
    }
    bag
}

/// Size of the multiset intersection of two bags (of words or shingles).
fn bag_overlap<K: std::hash::Hash + Eq>(a: &HashMap<K, usize>, b: &HashMap<K, usize>) -> usize {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .map(|(w, &n)| n.min(large.get(w).copied().unwrap_or(0)))
        .sum()
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct WordScore {
    precision: f64,
    recall: f64,
    f1: f64,
    predicted_words: usize,
    reference_words: usize,
}

/// Bag-of-words precision, recall and F1 of `prediction` against `reference`,
/// exactly as WCXB's evaluate.py: reference empty -> 1 if the prediction is
/// empty too, else 0; prediction empty -> 0.
fn word_score(prediction: &str, reference: &str) -> WordScore {
    let predicted = bag_of_words(prediction);
    let reference = bag_of_words(reference);
    let predicted_words: usize = predicted.values().sum();
    let reference_words: usize = reference.values().sum();
    let score = |p: f64, r: f64, f1: f64| WordScore {
        precision: p,
        recall: r,
        f1,
        predicted_words,
        reference_words,
    };
    if reference_words == 0 {
        return if predicted_words == 0 {
            score(1.0, 1.0, 1.0)
        } else {
            score(0.0, 0.0, 0.0)
        };
    }
    if predicted_words == 0 {
        return score(0.0, 0.0, 0.0);
    }
    let overlap = bag_overlap(&predicted, &reference) as f64;
    let precision = overlap / predicted_words as f64;
    let recall = overlap / reference_words as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    score(precision, recall, f1)
}

/// A page the engine failed on scores 0, whatever the reference.
fn failure_score(reference: &str) -> WordScore {
    WordScore {
        reference_words: lowercase_words(reference).len(),
        ..WordScore::default()
    }
}

// ---------------------------------------------------------------------------
// The shingle metric (ScrapingHub's article-extraction-benchmark)
// ---------------------------------------------------------------------------

/// Word n-grams per shingle, as the benchmark's `string_shingle_matching`.
const SHINGLE_WORDS: usize = 4;
/// A page whose shingle recall is below this lost more than a tenth of its
/// reference text.
const LOST_TEXT_RECALL: f64 = 0.9;
/// A page whose shingle precision is below this carries more than a fifth
/// of junk.
const JUNK_PRECISION: f64 = 0.8;

/// The multiset of word n-grams of the lower-cased word sequence. As in the
/// benchmark, a text with fewer than `n` words (but some) is one shorter
/// shingle, and a text with no words has none.
fn shingles(text: &str, n: usize) -> HashMap<Vec<String>, usize> {
    let words = lowercase_words(text);
    let mut bag = HashMap::new();
    if words.is_empty() {
        return bag;
    }
    for window in words.windows(n.min(words.len())) {
        *bag.entry(window.to_vec()).or_insert(0) += 1;
    }
    bag
}

/// Shingle counts of one page: true positives (shingles in both, as
/// multisets), false positives (ours only), false negatives (reference only).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct ShingleMatch {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl ShingleMatch {
    /// `None` when we gave no shingle: the benchmark leaves such a page out
    /// of mean precision.
    fn precision(&self) -> Option<f64> {
        let predicted = self.tp + self.fp;
        (predicted > 0).then(|| self.tp as f64 / predicted as f64)
    }
    /// `None` when the reference has no shingle: left out of mean recall.
    fn recall(&self) -> Option<f64> {
        let reference = self.tp + self.fn_;
        (reference > 0).then(|| self.tp as f64 / reference as f64)
    }
}

/// The benchmark's `string_shingle_matching` with 4-word shingles. (Its
/// normalisation by tp + fp + fn changes no per-page P or R, so it is left
/// out.)
fn shingle_match(prediction: &str, reference: &str) -> ShingleMatch {
    let predicted = shingles(prediction, SHINGLE_WORDS);
    let reference = shingles(reference, SHINGLE_WORDS);
    let tp = bag_overlap(&predicted, &reference);
    ShingleMatch {
        tp,
        fp: predicted.values().sum::<usize>() - tp,
        fn_: reference.values().sum::<usize>() - tp,
    }
}

/// Corpus figures as the benchmark aggregates them: mean precision over
/// pages with a prediction, mean recall over pages with a reference, and F1
/// the harmonic mean of those two means (not a mean of per-page F1).
#[derive(Debug, Clone, Copy, PartialEq)]
struct ShingleSummary {
    precision: f64,
    recall: f64,
    f1: f64,
}

fn shingle_summary(matches: impl Iterator<Item = ShingleMatch> + Clone) -> ShingleSummary {
    let precision = mean(matches.clone().filter_map(|m| m.precision()));
    let recall = mean(matches.filter_map(|m| m.recall()));
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    ShingleSummary {
        precision,
        recall,
        f1,
    }
}

/// A page that lost more than a tenth of its reference text (an empty
/// prediction against a reference loses all of it).
fn loses_text(m: &ShingleMatch) -> bool {
    m.recall().is_some_and(|r| r < LOST_TEXT_RECALL)
}

/// A page whose output is more than a fifth junk.
fn carries_junk(m: &ShingleMatch) -> bool {
    m.precision().is_some_and(|p| p < JUNK_PRECISION)
}

/// The pages, by name, that lose text and that carry junk.
fn broken_pages<'a>(
    pages: impl Iterator<Item = (&'a str, ShingleMatch)>,
) -> (Vec<&'a str>, Vec<&'a str>) {
    let mut lost = Vec::new();
    let mut junk = Vec::new();
    for (name, m) in pages {
        if loses_text(&m) {
            lost.push(name);
        }
        if carries_junk(&m) {
            junk.push(name);
        }
    }
    (lost, junk)
}

// ---------------------------------------------------------------------------
// Snippets
// ---------------------------------------------------------------------------

/// Lower-case with every run of whitespace collapsed to one space, trimmed.
fn normalise_for_snippets(text: &str) -> String {
    collapse_whitespace(&text.to_lowercase())
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How many of `snippets` occur in `normalised_text` (already passed through
/// `normalise_for_snippets`). Empty snippets are not counted at all.
fn snippets_found(normalised_text: &str, snippets: &[String]) -> (usize, usize) {
    let mut found = 0;
    let mut total = 0;
    for snippet in snippets {
        let snippet = normalise_for_snippets(snippet);
        if snippet.is_empty() {
            continue;
        }
        total += 1;
        if normalised_text.contains(&snippet) {
            found += 1;
        }
    }
    (found, total)
}

/// The per-page snippet rate as WCXB's evaluate.py computes it: plain
/// lower-cased substring test, no whitespace folding, and a page with no
/// snippets scores 1.0 (for `without` that counts as a full leak).
fn snippet_rate_as_benchmark_script(text: &str, snippets: &[String]) -> f64 {
    if snippets.is_empty() {
        return 1.0;
    }
    let lower = text.to_lowercase();
    snippets
        .iter()
        .filter(|s| lower.contains(&s.to_lowercase()))
        .count() as f64
        / snippets.len() as f64
}

// ---------------------------------------------------------------------------
// Metadata comparison rules
// ---------------------------------------------------------------------------

/// Trim, collapse whitespace, lower-case.
fn normalise_field(s: &str) -> String {
    collapse_whitespace(s).to_lowercase()
}

/// A reference value worth scoring against: present and not blank.
fn non_blank(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.trim().is_empty())
}

/// Normalised equality.
fn fields_equal(ours: Option<&str>, expected: &str) -> bool {
    ours.is_some_and(|ours| normalise_field(ours) == normalise_field(expected))
}

/// The title, the title without its last " | Site" segment, and the title
/// without its first "Site | " segment (normalised).
fn title_variants(title: &str) -> Vec<String> {
    let title = normalise_field(title);
    let mut variants = vec![title.clone()];
    let last = TITLE_SITE_SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (i, sep.len())))
        .max();
    if let Some((i, _)) = last {
        variants.push(title[..i].trim().to_owned());
    }
    let first = TITLE_SITE_SEPARATORS
        .iter()
        .filter_map(|sep| title.find(sep).map(|i| (i, sep.len())))
        .min();
    if let Some((i, len)) = first {
        variants.push(title[i + len..].trim().to_owned());
    }
    variants.retain(|v| !v.is_empty());
    variants
}

/// WCXB title rule: normalised equality, or equality once one side drops a
/// single leading or trailing site segment ("Title | Site", "Site - Title").
fn titles_match_allowing_site_segment(ours: Option<&str>, expected: &str) -> bool {
    let Some(ours) = ours else { return false };
    let ours_full = normalise_field(ours);
    let expected_full = normalise_field(expected);
    title_variants(ours).contains(&expected_full) || title_variants(expected).contains(&ours_full)
}

/// Byline rule: normalised equality, or one containing the other when the
/// shorter is at least 60% of the longer in characters.
fn bylines_match(ours: Option<&str>, expected: &str) -> bool {
    let Some(ours) = ours else { return false };
    let a = normalise_field(ours);
    let b = normalise_field(expected);
    if a.is_empty() || b.is_empty() {
        return a == b;
    }
    if a == b {
        return true;
    }
    let (shorter, longer) = if a.chars().count() <= b.chars().count() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    longer.contains(shorter.as_str())
        && shorter.chars().count() as f64
            >= BYLINE_CONTAINMENT_MIN_SHARE * longer.chars().count() as f64
}

/// English month names and their abbreviations: where a date glued to a
/// reference byline starts.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// A reference byline's name alone: a leading "By" and a glued date
/// (from the first digit or English month name on) taken off, as our
/// bylines are written (issue 12: "bylines and dates come apart"). None
/// when nothing is left (the reference byline was only a date).
fn byline_name(expected: &str) -> Option<String> {
    let lower = normalise_field(expected);
    let rest = lower.strip_prefix("by ").unwrap_or(&lower);
    let mut name: Vec<&str> = Vec::new();
    for word in rest.split(' ') {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if MONTHS.contains(&bare) {
            break;
        }
        if let Some(at) = word.find(|c: char| c.is_ascii_digit()) {
            if at > 0 {
                name.push(&word[..at]);
            }
            break;
        }
        name.push(word);
    }
    let name = name.join(" ");
    let name = name.trim_matches(|c: char| !c.is_alphanumeric());
    (!name.is_empty()).then(|| name.to_string())
}

/// Language rule: case-insensitive equality of the whole tag (`_` read as `-`).
fn languages_match(ours: Option<&str>, expected: &str) -> bool {
    let norm = |s: &str| normalise_field(s).replace('_', "-");
    ours.is_some_and(|ours| norm(ours) == norm(expected))
}

/// Looser language rule: same primary subtag (`en-US` ~ `en`).
fn primary_languages_match(ours: Option<&str>, expected: &str) -> bool {
    let primary = |s: &str| {
        normalise_field(s)
            .replace('_', "-")
            .split('-')
            .next()
            .unwrap_or("")
            .to_owned()
    };
    ours.is_some_and(|ours| !primary(ours).is_empty() && primary(ours) == primary(expected))
}

// ----- dates -----

/// The calendar date a date string names as written, with no time-zone
/// conversion: ISO 8601 and its `/` and `.` variants, RFC 2822, and English
/// month-name forms ("March 5, 2024", "5 Mar 2024", "Tuesday, March 5th 2024").
fn written_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let rest_is_time_or_end =
        |rest: &str| rest.is_empty() || rest.starts_with(['T', 't', ' ', ',']);
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
        if let Ok((date, rest)) = NaiveDate::parse_and_remainder(s, fmt) {
            if rest_is_time_or_end(rest) {
                return Some(date);
            }
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    let words = english_date_words(s);
    for fmt in ["%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"] {
        if let Ok((date, rest)) = NaiveDate::parse_and_remainder(&words, fmt) {
            if rest.is_empty() || rest.starts_with(' ') {
                return Some(date);
            }
        }
    }
    None
}

/// "Tuesday, March 5th, 2024 at 10:00" -> "March 5 2024 at 10:00": commas,
/// full stops after abbreviations, a leading weekday and ordinal suffixes
/// removed, so a handful of chrono formats cover the usual English forms.
fn english_date_words(s: &str) -> String {
    const WEEKDAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let mut words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_owned())
        .collect();
    if words
        .first()
        .is_some_and(|w| WEEKDAYS.iter().any(|d| w.to_lowercase().starts_with(d)))
    {
        words.remove(0);
    }
    for w in &mut words {
        let lower = w.to_lowercase();
        for suffix in ["st", "nd", "rd", "th"] {
            if let Some(num) = lower.strip_suffix(suffix) {
                if !num.is_empty() && num.len() <= 2 && num.chars().all(|c| c.is_ascii_digit()) {
                    *w = num.to_owned();
                }
            }
        }
    }
    words.join(" ")
}

/// The instant a date-time string names, when it states a time and an
/// offset (RFC 3339, `+hhmm` offsets, RFC 2822).
fn instant(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt);
    }
    let zulu_as_offset = s
        .strip_suffix(['Z', 'z'])
        .map(|head| format!("{head}+00:00"));
    let s2 = zulu_as_offset.as_deref().unwrap_or(s);
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M%z",
    ] {
        if let Ok(dt) = DateTime::parse_from_str(s2, fmt) {
            return Some(dt);
        }
    }
    DateTime::parse_from_rfc2822(s).ok()
}

/// Readability corpus rule for `publishedTime`: the same calendar date as
/// written in both strings, or the same instant when both state an offset.
/// (Only a date is compared when either side gives only a date.)
fn published_times_match(ours: Option<&str>, expected: &str) -> bool {
    let Some(ours) = ours else { return false };
    if normalise_field(ours) == normalise_field(expected) {
        return true;
    }
    if let (Some(a), Some(b)) = (instant(ours), instant(expected)) {
        if a == b {
            return true;
        }
    }
    match (written_date(ours), written_date(expected)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// WCXB rule for `publish_date` (`YYYY-MM-DD`, twice `YYYY-MM`): the date
/// part of our `published_time` as written, compared at the precision the
/// reference gives.
fn publish_dates_match(ours: Option<&str>, expected: &str) -> bool {
    let Some(date) = ours.and_then(written_date) else {
        return false;
    };
    let expected = expected.trim();
    if let Ok(want) = NaiveDate::parse_from_str(expected, "%Y-%m-%d") {
        return date == want;
    }
    if let Ok(want) = NaiveDate::parse_from_str(&format!("{expected}-01"), "%Y-%m-%d") {
        return date.format("%Y-%m").to_string() == want.format("%Y-%m").to_string();
    }
    written_date(expected) == Some(date)
}

// ---------------------------------------------------------------------------
// Reference text of Readability's expected.html
// ---------------------------------------------------------------------------

/// Elements whose boundaries separate words even when the markup has no
/// whitespace there.
fn is_block_element(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "br"
            | "caption"
            | "dd"
            | "details"
            | "div"
            | "dl"
            | "dt"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hr"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "img"
            | "iframe"
            | "video"
    )
}

/// All text nodes of an HTML document outside `<script>` and `<style>`,
/// with a line break at block boundaries (inline boundaries join, as in
/// `textContent`).
fn text_of_html(html: &str) -> String {
    use ego_tree::iter::Edge;
    use scraper::Node;
    let document = Html::parse_document(html);
    let mut out = String::new();
    let mut skipping = 0usize;
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if matches!(e.name(), "script" | "style") => skipping += 1,
                Node::Element(e) if is_block_element(e.name()) => out.push('\n'),
                Node::Text(t) if skipping == 0 => out.push_str(t),
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(e) if matches!(e.name(), "script" | "style") => skipping -= 1,
                Node::Element(e) if is_block_element(e.name()) => out.push('\n'),
                _ => {}
            },
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Running the engine
// ---------------------------------------------------------------------------

/// One engine run: the extraction (default when it panicked), the panic
/// message if any, and the time `extract` took.
struct EngineRun {
    extraction: Extraction,
    panic: Option<String>,
    /// Wall-clock time of `extract`.
    elapsed: Duration,
    /// CPU time of `extract` on its thread, where the platform tells it;
    /// unlike wall time it does not grow when the machine is busy.
    cpu: Option<Duration>,
}

impl EngineRun {
    fn article_text(&self) -> &str {
        self.extraction
            .article
            .as_ref()
            .map(|a| a.text.as_str())
            .unwrap_or("")
    }
    fn failed(&self) -> bool {
        self.panic.is_some()
    }
    /// CPU time when known, else wall time.
    fn time(&self) -> Duration {
        self.cpu.unwrap_or(self.elapsed)
    }
}

/// CPU time consumed so far by the calling thread.
#[cfg(unix)]
fn thread_cpu_time() -> Option<Duration> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec for the call's duration.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(unix))]
fn thread_cpu_time() -> Option<Duration> {
    None
}

fn run_engine(html: &str, url: &str) -> EngineRun {
    let options = Options::default();
    let cpu_start = thread_cpu_time();
    let start = Instant::now();
    let result = panic::catch_unwind(AssertUnwindSafe(|| declutter::extract(html, url, &options)));
    let elapsed = start.elapsed();
    let cpu = cpu_start
        .zip(thread_cpu_time())
        .map(|(a, b)| b.saturating_sub(a));
    match result {
        Ok(extraction) => EngineRun {
            extraction,
            panic: None,
            elapsed,
            cpu,
        },
        Err(payload) => EngineRun {
            extraction: Extraction::default(),
            panic: Some(panic_message(&payload)),
            elapsed,
            cpu,
        },
    }
}

fn failed_run(message: String) -> EngineRun {
    EngineRun {
        extraction: Extraction::default(),
        panic: Some(message),
        elapsed: Duration::ZERO,
        cpu: None,
    }
}

thread_local! {
    /// Where the last panic on this thread happened, set by the panic hook.
    static LAST_PANIC_LOCATION: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// A one-line, Markdown-safe description of a panic: its location and the
/// start of its message.
fn panic_message(payload: &Box<dyn std::any::Any + Send>) -> String {
    let text = if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_owned()
    };
    let text: String = collapse_whitespace(&text)
        .chars()
        .map(|c| {
            if matches!(c, '`' | '|' | '<' | '>' | '\\' | '*' | '_' | '[' | ']') {
                ' '
            } else {
                c
            }
        })
        .take(120)
        .collect();
    match LAST_PANIC_LOCATION.with(|cell| cell.borrow_mut().take()) {
        Some(location) => format!("panicked at {location}: {text}"),
        None => format!("panicked: {text}"),
    }
}

/// Applies `work` to every job on `threads` threads, results in job order.
fn run_in_parallel<J: Sync, R: Send>(
    label: &str,
    jobs: &[J],
    threads: usize,
    work: impl Fn(&J) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..jobs.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= jobs.len() {
                    break;
                }
                let result = work(&jobs[i]);
                results.lock().unwrap()[i] = Some(result);
                let n = done.fetch_add(1, Ordering::SeqCst) + 1;
                if n % 100 == 0 || n == jobs.len() {
                    eprintln!("[{label}] {n}/{}", jobs.len());
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every job ran"))
        .collect()
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .map_err(|e| format!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------
// Per-page results
// ---------------------------------------------------------------------------

/// Agreement on one metadata field: `None` when the reference has no value.
type FieldMatch = Option<bool>;

struct ReadabilityPage {
    name: String,
    score: WordScore,
    shingles: ShingleMatch,
    run: EngineRun,
    expected_readerable: bool,
    title: FieldMatch,
    byline: FieldMatch,
    /// Against the reference byline's name alone (`byline_name`).
    byline_name: FieldMatch,
    site_name: FieldMatch,
    published_time: FieldMatch,
    language: FieldMatch,
    language_primary: FieldMatch,
    direction: FieldMatch,
    /// (field, ours, expected) for title, byline and siteName disagreements.
    mismatches: Vec<(&'static str, String, String)>,
}

struct WcxbPage {
    id: String,
    url: String,
    page_type: String,
    score: WordScore,
    shingles: ShingleMatch,
    score_with_title: WordScore,
    run: EngineRun,
    with_found: usize,
    with_total: usize,
    without_found: usize,
    without_total: usize,
    with_rate_script: f64,
    without_rate_script: f64,
    title: FieldMatch,
    author: FieldMatch,
    publish_date: FieldMatch,
    reference_starts_with_title: Option<bool>,
}

fn json_str<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn json_strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn field_match(expected: Option<&str>, rule: impl Fn(&str) -> bool) -> FieldMatch {
    non_blank(expected).map(rule)
}

fn evaluate_readability_page(dir: &Path) -> ReadabilityPage {
    let name = dir
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let meta: Value = read_text(&dir.join("expected-metadata.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null);
    let reference = read_text(&dir.join("expected.html"))
        .map(|h| text_of_html(&h))
        .unwrap_or_default();
    let run = match read_text(&dir.join("source.html")) {
        Ok(html) => run_engine(&html, READABILITY_TEST_URL),
        Err(e) => failed_run(e),
    };
    let score = if run.failed() {
        failure_score(&reference)
    } else {
        word_score(run.article_text(), &reference)
    };
    // A failed run has no text, so it scores as an empty prediction.
    let shingles = shingle_match(run.article_text(), &reference);
    let md = &run.extraction.metadata;
    let mut mismatches = Vec::new();
    for (field, ours, key, agrees) in [
        (
            "title",
            &md.title,
            "title",
            fields_equal as fn(Option<&str>, &str) -> bool,
        ),
        ("byline", &md.byline, "byline", bylines_match),
        ("siteName", &md.site_name, "siteName", fields_equal),
    ] {
        if let Some(expected) = non_blank(json_str(&meta, key)) {
            if !agrees(ours.as_deref(), expected) {
                let ours = ours.as_deref().unwrap_or("(none)").to_owned();
                mismatches.push((field, ours, expected.to_owned()));
            }
        }
    }
    ReadabilityPage {
        mismatches,
        title: field_match(json_str(&meta, "title"), |e| {
            fields_equal(md.title.as_deref(), e)
        }),
        byline: field_match(json_str(&meta, "byline"), |e| {
            bylines_match(md.byline.as_deref(), e)
        }),
        byline_name: json_str(&meta, "byline")
            .and_then(byline_name)
            .map(|e| bylines_match(md.byline.as_deref(), &e)),
        site_name: field_match(json_str(&meta, "siteName"), |e| {
            fields_equal(md.site_name.as_deref(), e)
        }),
        published_time: field_match(json_str(&meta, "publishedTime"), |e| {
            published_times_match(md.published_time.as_deref(), e)
        }),
        language: field_match(json_str(&meta, "lang"), |e| {
            languages_match(md.language.as_deref(), e)
        }),
        language_primary: field_match(json_str(&meta, "lang"), |e| {
            primary_languages_match(md.language.as_deref(), e)
        }),
        direction: field_match(json_str(&meta, "dir"), |e| {
            fields_equal(md.direction.as_deref(), e)
        }),
        expected_readerable: meta
            .get("readerable")
            .and_then(Value::as_bool)
            .unwrap_or(true),
        name,
        score,
        shingles,
        run,
    }
}

/// WCXB's evaluate.py maps the old type name `category` to `collection`.
fn wcxb_page_type(doc: &Value) -> String {
    let pt = doc
        .pointer("/_internal/page_type/primary")
        .and_then(Value::as_str)
        .unwrap_or("article");
    if pt == "category" {
        "collection".into()
    } else {
        pt.into()
    }
}

fn evaluate_wcxb_page(corpus: &Path, id: &str) -> WcxbPage {
    let doc: Value = read_text(&corpus.join("ground-truth").join(format!("{id}.json")))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(Value::Null);
    let gt = doc.get("ground_truth").cloned().unwrap_or(Value::Null);
    let url = json_str(&doc, "url").unwrap_or("").to_owned();
    let reference = json_str(&gt, "main_content").unwrap_or("");
    let run = match read_gzip_text(&corpus.join("html").join(format!("{id}.html.gz"))) {
        Ok(html) => run_engine(&html, &url),
        Err(e) => failed_run(e),
    };
    let text = run.article_text();
    let md = &run.extraction.metadata;
    let (score, score_with_title) = if run.failed() {
        (failure_score(reference), failure_score(reference))
    } else {
        let titled = format!("{}\n\n{}", md.title.as_deref().unwrap_or(""), text);
        (word_score(text, reference), word_score(&titled, reference))
    };
    let shingles = shingle_match(text, reference);
    let normalised = normalise_for_snippets(text);
    let with = json_strings(&gt, "with");
    let without = json_strings(&gt, "without");
    let (with_found, with_total) = snippets_found(&normalised, &with);
    let (without_found, without_total) = snippets_found(&normalised, &without);
    let expected_title = non_blank(json_str(&gt, "title"));
    WcxbPage {
        id: id.to_owned(),
        page_type: wcxb_page_type(&doc),
        score,
        shingles,
        score_with_title,
        with_found,
        with_total,
        without_found,
        without_total,
        with_rate_script: snippet_rate_as_benchmark_script(text, &with),
        without_rate_script: snippet_rate_as_benchmark_script(text, &without),
        title: field_match(expected_title, |e| {
            titles_match_allowing_site_segment(md.title.as_deref(), e)
        }),
        author: field_match(json_str(&gt, "author"), |e| {
            bylines_match(md.byline.as_deref(), e)
        }),
        publish_date: field_match(json_str(&gt, "publish_date"), |e| {
            publish_dates_match(md.published_time.as_deref(), e)
        }),
        reference_starts_with_title: expected_title.map(|t| {
            let title_words = lowercase_words(t);
            let reference_words = lowercase_words(reference);
            !title_words.is_empty() && reference_words.starts_with(&title_words)
        }),
        url,
        run,
    }
}

// ---------------------------------------------------------------------------
// Aggregates
// ---------------------------------------------------------------------------

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        f64::NAN
    } else {
        sum / n as f64
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    hits: usize,
    total: usize,
}

impl Tally {
    fn of(matches: impl Iterator<Item = FieldMatch>) -> Tally {
        matches.flatten().fold(Tally::default(), |t, m| Tally {
            hits: t.hits + m as usize,
            total: t.total + 1,
        })
    }
    fn add(self, hits: usize, total: usize) -> Tally {
        Tally {
            hits: self.hits + hits,
            total: self.total + total,
        }
    }
    fn rate(&self) -> String {
        if self.total == 0 {
            "–".into()
        } else {
            format!("{:.1}%", 100.0 * self.hits as f64 / self.total as f64)
        }
    }
    /// "78.1% (700)": the rate and, in brackets, how many pages it is over.
    fn rate_and_count(&self) -> String {
        if self.total == 0 {
            "–".into()
        } else {
            format!("{} ({})", self.rate(), self.total)
        }
    }
    fn cell(&self) -> String {
        if self.total == 0 {
            "–".into()
        } else {
            format!("{}/{} ({})", self.hits, self.total, self.rate())
        }
    }
}

/// Confusion counts of our `is_article` against the reference verdict.
#[derive(Default)]
struct Confusion {
    both_article: usize,
    only_ours_article: usize,
    only_reference_article: usize,
    neither: usize,
}

impl Confusion {
    fn of(pairs: impl Iterator<Item = (bool, bool)>) -> Confusion {
        let mut c = Confusion::default();
        for (ours, reference) in pairs {
            match (ours, reference) {
                (true, true) => c.both_article += 1,
                (true, false) => c.only_ours_article += 1,
                (false, true) => c.only_reference_article += 1,
                (false, false) => c.neither += 1,
            }
        }
        c
    }
    fn agreement(&self) -> Tally {
        Tally {
            hits: self.both_article + self.neither,
            total: self.both_article
                + self.only_ours_article
                + self.only_reference_article
                + self.neither,
        }
    }
    fn markdown(&self, reference_name: &str) -> String {
        format!(
            "| | {r}: article | {r}: not article |\n|---|---:|---:|\n| ours: article | {} | {} |\n| ours: not article | {} | {} |\n",
            self.both_article,
            self.only_ours_article,
            self.only_reference_article,
            self.neither,
            r = reference_name
        )
    }
}

fn f3(x: f64) -> String {
    if x.is_nan() {
        "–".into()
    } else {
        format!("{x:.3}")
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn seconds(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

// ---------------------------------------------------------------------------
// Corpus runs and their report sections
// ---------------------------------------------------------------------------

struct CorpusSummary {
    name: &'static str,
    pages: usize,
    headline: String,
    failures: usize,
    wall: Duration,
    extract_total: Duration,
}

fn run_readability(args: &Args, report: &mut String, dump: &mut Vec<String>) -> CorpusSummary {
    let corpus = args.shared.join("corpus/readability");
    let mut dirs = list_dirs(&corpus);
    if let Some(n) = args.limit {
        dirs.truncate(n);
    }
    let start = Instant::now();
    let pages = run_in_parallel("readability", &dirs, THREADS, |d| {
        evaluate_readability_page(d)
    });
    let wall = start.elapsed();
    let extract_total: Duration = pages.iter().map(|p| p.run.time()).sum();
    let failures: Vec<&ReadabilityPage> = pages.iter().filter(|p| p.run.failed()).collect();

    if let Some(dir) = &args.dump {
        let dir = dir.join("readability");
        let _ = std::fs::create_dir_all(&dir);
        for p in &pages {
            let _ = std::fs::write(dir.join(format!("{}.txt", p.name)), p.run.article_text());
            dump.push(format!(
                "readability\t{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}\t{}\t{}\t{}\t{}",
                p.name,
                if p.expected_readerable {
                    "readerable"
                } else {
                    "not-readerable"
                },
                p.score.f1,
                p.score.precision,
                p.score.recall,
                p.score.predicted_words,
                p.score.reference_words,
                ms(p.run.time()),
                p.run.panic.as_deref().unwrap_or(""),
                p.shingles
                    .precision()
                    .map_or("".into(), |v| format!("{v:.4}")),
                p.shingles.recall().map_or("".into(), |v| format!("{v:.4}"))
            ));
        }
    }

    let readerable: Vec<&ReadabilityPage> =
        pages.iter().filter(|p| p.expected_readerable).collect();
    let all_f1 = mean(pages.iter().map(|p| p.score.f1));
    let r = &mut *report;
    let _ = writeln!(r, "## Mozilla Readability test pages\n");
    let _ = writeln!(
        r,
        "{} pages from `corpus/readability`, run with URL `{READABILITY_TEST_URL}`. Reference text: every text \
         node of `expected.html` outside `<script>`/`<style>`, a break at block boundaries. Prediction: \
         `article.text` (empty when there is no article). Metric: the WCXB word metric below. \
         `expected.html` is Readability.js's output, so this measures agreement with Firefox Reader View, \
         not truth.\n",
        pages.len()
    );
    let _ = writeln!(
        r,
        "| pages | mean F1 | mean P | mean R | 4-gram P | 4-gram R | 4-gram F1 | failures | wall time | extract CPU (sum) |"
    );
    let _ = writeln!(r, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let row = |label: &str, set: &[&ReadabilityPage]| {
        format!(
            "| {label} ({}) | {} | {} | {} | {} | {} | | |",
            set.len(),
            f3(mean(set.iter().map(|p| p.score.f1))),
            f3(mean(set.iter().map(|p| p.score.precision))),
            f3(mean(set.iter().map(|p| p.score.recall))),
            shingle_cells(set.iter().map(|p| p.shingles)),
            set.iter().filter(|p| p.run.failed()).count()
        )
    };
    let all: Vec<&ReadabilityPage> = pages.iter().collect();
    let _ = writeln!(
        r,
        "| all ({}) | {} | {} | {} | {} | {} | {} | {} |",
        pages.len(),
        f3(all_f1),
        f3(mean(pages.iter().map(|p| p.score.precision))),
        f3(mean(pages.iter().map(|p| p.score.recall))),
        shingle_cells(pages.iter().map(|p| p.shingles)),
        failures.len(),
        seconds(wall),
        seconds(extract_total)
    );
    let _ = writeln!(r, "{}", row("readerable: true", &readerable));
    let not_readerable: Vec<&ReadabilityPage> = all
        .iter()
        .copied()
        .filter(|p| !p.expected_readerable)
        .collect();
    let _ = writeln!(r, "{}\n", row("readerable: false", &not_readerable));
    let _ = writeln!(r, "{SHINGLE_METRIC_NOTE}\n");
    let (lost, junk) = broken_pages(readerable.iter().map(|p| (p.name.as_str(), p.shingles)));
    write_broken_pages(r, "readerable pages", readerable.len(), &lost, &junk);

    let _ = writeln!(r, "### Metadata agreement\n");
    let _ = writeln!(
        r,
        "Counted only over pages whose expected value is non-empty and non-null.\n"
    );
    let _ = writeln!(r, "| field | agreement | rule |");
    let _ = writeln!(r, "|---|---:|---|");
    let fields: [(&str, Tally, &str); 8] = [
        (
            "title",
            Tally::of(pages.iter().map(|p| p.title)),
            "normalised equality",
        ),
        (
            "byline",
            Tally::of(pages.iter().map(|p| p.byline)),
            "normalised equality, or containment with the shorter ≥ 60% of the longer",
        ),
        (
            "byline, name only",
            Tally::of(pages.iter().map(|p| p.byline_name)),
            "the same, against the reference's name alone: a leading \"By\" and a glued date taken off; references that are only a date left out",
        ),
        (
            "siteName",
            Tally::of(pages.iter().map(|p| p.site_name)),
            "normalised equality",
        ),
        (
            "publishedTime",
            Tally::of(pages.iter().map(|p| p.published_time)),
            "same calendar date as written, or same instant",
        ),
        (
            "lang",
            Tally::of(pages.iter().map(|p| p.language)),
            "whole tag, case-insensitive",
        ),
        (
            "lang (primary subtag)",
            Tally::of(pages.iter().map(|p| p.language_primary)),
            "`en-US` ~ `en`",
        ),
        (
            "dir",
            Tally::of(pages.iter().map(|p| p.direction)),
            "normalised equality",
        ),
    ];
    for (field, tally, rule) in fields {
        let _ = writeln!(r, "| {field} | {} | {rule} |", tally.cell());
    }
    let _ = writeln!(r, "\nMismatches (title, byline, siteName):\n");
    let _ = writeln!(r, "| page | field | ours | expected |");
    let _ = writeln!(r, "|---|---|---|---|");
    for p in &pages {
        for (field, ours, expected) in &p.mismatches {
            let cell = |s: &str| collapse_whitespace(s).replace('|', "\\|");
            let _ = writeln!(
                r,
                "| {} | {field} | {} | {} |",
                p.name,
                cell(ours),
                cell(expected)
            );
        }
    }
    let confusion = Confusion::of(pages.iter().map(|p| {
        (
            p.run.extraction.readerable.is_article,
            p.expected_readerable,
        )
    }));
    let _ = writeln!(r, "\n### Readerable\n\nOur `readerable.is_article` against `readerable` in the expected metadata: agreement {}.\n", confusion.agreement().cell());
    let _ = writeln!(r, "{}", confusion.markdown("expected"));

    let _ = writeln!(r, "### {} worst readerable pages\n", WORST_PAGES_LISTED);
    let _ = writeln!(
        r,
        "| page | F1 | P | R | our words | expected words | CPU ms |"
    );
    let _ = writeln!(r, "|---|---:|---:|---:|---:|---:|---:|");
    let mut worst = readerable.clone();
    worst.sort_by(|a, b| a.score.f1.total_cmp(&b.score.f1).then(a.name.cmp(&b.name)));
    for p in worst.iter().take(WORST_PAGES_LISTED) {
        let _ = writeln!(
            r,
            "| {} | {} | {} | {} | {} | {} | {} |",
            p.name,
            f3(p.score.f1),
            f3(p.score.precision),
            f3(p.score.recall),
            p.score.predicted_words,
            p.score.reference_words,
            ms(p.run.time())
        );
    }
    write_failures_and_slowest(r, pages.iter().map(|p| (p.name.as_str(), &p.run)).collect());

    CorpusSummary {
        name: "Readability test pages",
        pages: pages.len(),
        headline: format!(
            "mean F1 {} (readerable pages {}); 4-gram P/R/F1 {}; broken readerable pages: {} lose >10%, {} >20% junk; title {}, byline {}, readerable agreement {}",
            f3(all_f1),
            f3(mean(readerable.iter().map(|p| p.score.f1))),
            shingle_triple(pages.iter().map(|p| p.shingles)),
            lost.len(),
            junk.len(),
            fields[0].1.rate(),
            fields[1].1.rate(),
            confusion.agreement().rate()
        ),
        failures: failures.len(),
        wall,
        extract_total,
    }
}

const SHINGLE_METRIC_NOTE: &str = "**4-gram P / R / F1** is ScrapingHub's article-extraction-benchmark metric: \
    the same lower-cased `\\w+` words in sequence, cut into overlapping 4-word shingles (a text of fewer words is one \
    shorter shingle), counted as multisets; per page P = shared / ours, R = shared / reference; P is averaged over pages \
    where we gave text, R over pages whose reference has text, and F1 is the harmonic mean of those two means (not a \
    mean of per-page F1). Unlike the word bag it sees order: a paragraph in the wrong place or a sentence cut by a \
    figure costs shingles.";

/// "P | R | F1" table cells of the benchmark's shingle aggregate.
fn shingle_cells(matches: impl Iterator<Item = ShingleMatch> + Clone) -> String {
    let s = shingle_summary(matches);
    format!("{} | {} | {}", f3(s.precision), f3(s.recall), f3(s.f1))
}

/// "P / R / F1" for a headline.
fn shingle_triple(matches: impl Iterator<Item = ShingleMatch> + Clone) -> String {
    let s = shingle_summary(matches);
    format!("{} / {} / {}", f3(s.precision), f3(s.recall), f3(s.f1))
}

/// The broken pages of a set: those losing more than a tenth of their text
/// and those more than a fifth junk, listed by name.
fn write_broken_pages(r: &mut String, set: &str, pages: usize, lost: &[&str], junk: &[&str]) {
    let list = |names: &[&str]| {
        if names.is_empty() {
            "none".to_owned()
        } else {
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let _ = writeln!(r, "### Broken pages\n");
    let _ = writeln!(
        r,
        "Of the {pages} {set}: **{} lose more than 10% of their text** (4-gram R < {LOST_TEXT_RECALL}): {}.\n",
        lost.len(),
        list(lost)
    );
    let _ = writeln!(
        r,
        "**{} carry more than 20% junk** (4-gram P < {JUNK_PRECISION}): {}.\n",
        junk.len(),
        list(junk)
    );
}

fn write_failures_and_slowest(r: &mut String, runs: Vec<(&str, &EngineRun)>) {
    let failed: Vec<&(&str, &EngineRun)> = runs.iter().filter(|(_, run)| run.failed()).collect();
    let _ = writeln!(
        r,
        "\n### Failures (panics or unreadable files; scored F1 0)\n"
    );
    if failed.is_empty() {
        let _ = writeln!(r, "None.\n");
    } else {
        for (id, run) in failed {
            let _ = writeln!(r, "- `{id}`: {}", run.panic.as_deref().unwrap_or(""));
        }
        let _ = writeln!(r);
    }
    let mut slow = runs.clone();
    slow.sort_by_key(|(_, run)| std::cmp::Reverse(run.time()));
    let list: Vec<String> = slow
        .iter()
        .take(SLOWEST_PAGES_LISTED)
        .map(|(id, run)| format!("`{id}` {} ms", ms(run.time())))
        .collect();
    let _ = writeln!(r, "Slowest pages: {}.\n", list.join(", "));
}

fn wcxb_ids(corpus: &Path) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(corpus.join("ground-truth"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| {
                    e.file_name()
                        .to_str()
                        .and_then(|n| n.strip_suffix(".json"))
                        .map(str::to_owned)
                })
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    ids
}

fn run_wcxb(args: &Args, report: &mut String, dump: &mut Vec<String>) -> CorpusSummary {
    let corpus = args.shared.join("corpus/wcxb-dev");
    let mut ids = wcxb_ids(&corpus);
    if let Some(half) = args.half {
        ids.retain(|id| id.parse::<usize>().is_ok_and(|n| n % 2 == half));
    }
    if let Some(n) = args.limit {
        ids.truncate(n);
    }
    let start = Instant::now();
    let pages = run_in_parallel("wcxb", &ids, THREADS, |id| evaluate_wcxb_page(&corpus, id));
    let wall = start.elapsed();
    let extract_total: Duration = pages.iter().map(|p| p.run.time()).sum();
    let failures = pages.iter().filter(|p| p.run.failed()).count();

    if let Some(dir) = &args.dump {
        let dir = dir.join("wcxb");
        let _ = std::fs::create_dir_all(&dir);
        for p in &pages {
            let _ = std::fs::write(dir.join(format!("{}.txt", p.id)), p.run.article_text());
            dump.push(format!(
                "wcxb\t{}\t{}\t{:.4}\t{:.4}\t{:.4}\t{}\t{}\t{}\t{}\t{}\t{}",
                p.id,
                p.page_type,
                p.score.f1,
                p.score.precision,
                p.score.recall,
                p.score.predicted_words,
                p.score.reference_words,
                ms(p.run.time()),
                p.run.panic.as_deref().unwrap_or(""),
                p.shingles
                    .precision()
                    .map_or("".into(), |v| format!("{v:.4}")),
                p.shingles.recall().map_or("".into(), |v| format!("{v:.4}"))
            ));
        }
    }

    let mut by_type: BTreeMap<usize, (String, Vec<&WcxbPage>)> = BTreeMap::new();
    for p in &pages {
        let order = WCXB_PAGE_TYPES
            .iter()
            .position(|t| *t == p.page_type)
            .unwrap_or(WCXB_PAGE_TYPES.len());
        by_type
            .entry(order)
            .or_insert_with(|| (p.page_type.clone(), Vec::new()))
            .1
            .push(p);
    }
    let all: Vec<&WcxbPage> = pages.iter().collect();
    let titled_reference = Tally::of(pages.iter().map(|p| p.reference_starts_with_title));
    let titled_reference_articles = Tally::of(
        pages
            .iter()
            .filter(|p| p.page_type == "article")
            .map(|p| p.reference_starts_with_title),
    );

    let r = &mut *report;
    let _ = writeln!(r, "## WCXB development split\n");
    let _ = writeln!(
        r,
        "{} pages from `corpus/wcxb-dev`, each run with its own URL. Prediction: `article.text` (empty when \
         there is no article). The metric is WCXB's published one (its `evaluate.py`): lower-case the text, \
         take `\\w+` words (Unicode; here `declutter::text::words`' definition: alphanumerics, `_`, combining \
         marks), count them as bags, P = overlap / predicted words, R = overlap / reference words; reference \
         empty scores 1 if the prediction is empty too, else 0; prediction empty scores 0. Figures are means \
         of per-page values.\n",
        pages.len()
    );
    let _ = writeln!(
        r,
        "**Title.** The reference `main_content` starts with the page's title on only {} of pages ({} of \
         articles): it is, as a rule, the body without the headline. The benchmark's `evaluate.py` compares the \
         extractor's text as it is, with no title added, so the headline F1 is `article.text` alone; \
         \"F1 +title\" prepends our `metadata.title` for comparison.\n",
        titled_reference.rate(),
        titled_reference_articles.rate()
    );
    let _ = writeln!(r, "| page type | pages | F1 | P | R | 4-gram P | 4-gram R | 4-gram F1 | F1 +title | `with` hit | `without` leak | title | author | date | readerable agrees | failures |");
    let _ = writeln!(
        r,
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    let mut rows: Vec<(String, Vec<&WcxbPage>)> = by_type.into_values().collect();
    rows.push(("**all**".into(), all.clone()));
    for (name, set) in &rows {
        let with = set
            .iter()
            .fold(Tally::default(), |t, p| t.add(p.with_found, p.with_total));
        let without = set.iter().fold(Tally::default(), |t, p| {
            t.add(p.without_found, p.without_total)
        });
        let readerable = Confusion::of(set.iter().map(|p| {
            (
                p.run.extraction.readerable.is_article,
                p.page_type == "article",
            )
        }));
        let _ = writeln!(
            r,
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            set.len(),
            f3(mean(set.iter().map(|p| p.score.f1))),
            f3(mean(set.iter().map(|p| p.score.precision))),
            f3(mean(set.iter().map(|p| p.score.recall))),
            shingle_cells(set.iter().map(|p| p.shingles)),
            f3(mean(set.iter().map(|p| p.score_with_title.f1))),
            with.rate(),
            without.rate(),
            Tally::of(set.iter().map(|p| p.title)).rate_and_count(),
            Tally::of(set.iter().map(|p| p.author)).rate_and_count(),
            Tally::of(set.iter().map(|p| p.publish_date)).rate_and_count(),
            readerable.agreement().rate(),
            set.iter().filter(|p| p.run.failed()).count()
        );
    }
    let with_all = pages
        .iter()
        .fold(Tally::default(), |t, p| t.add(p.with_found, p.with_total));
    let without_all = pages.iter().fold(Tally::default(), |t, p| {
        t.add(p.without_found, p.without_total)
    });
    let _ = writeln!(
        r,
        "\nSnippets: `with` hit = share of all `with` snippets ({}) found in our output, `without` leak = share \
         of all `without` snippets ({}) found in it; both sides lower-cased with whitespace collapsed, plain \
         substring test. The benchmark script's own figures (per-page mean of a raw lower-case substring test, \
         a page with no snippets counting 1.0 — so the {} pages without `without` snippets count as full \
         leaks): with {:.1}%, without {:.1}%. Peers quoted in the corpus README for comparison (all / \
         articles / leak): Readability.js 0.769 / 0.925 / 6.5%, Trafilatura 2.2 0.817 / 0.936 / 6.0%.\n",
        with_all.total,
        without_all.total,
        pages.iter().filter(|p| p.without_total == 0).count(),
        100.0 * mean(pages.iter().map(|p| p.with_rate_script)),
        100.0 * mean(pages.iter().map(|p| p.without_rate_script)),
    );
    let _ = writeln!(
        r,
        "Metadata columns count only pages whose reference value is non-empty (their number in brackets): **title** — normalised equality \
         (trim, collapse whitespace, lower-case), or equality once either title drops one leading or trailing \
         segment set off by ` | `, ` - `, ` – `, ` — `, ` :: `, ` · `, ` • `, ` » ` or ` / ` (a site name); \
         **author** against our byline — normalised equality, or containment with the shorter ≥ 60% of the \
         longer; **date** — `publish_date` (`YYYY-MM-DD`, or `YYYY-MM`) against the calendar date our \
         `published_time` states as written (ISO 8601, RFC 2822 and English month-name forms parsed; no \
         time-zone conversion). **readerable agrees** — our `is_article` equals `page_type == \"article\"`.\n"
    );
    let confusion = Confusion::of(pages.iter().map(|p| {
        (
            p.run.extraction.readerable.is_article,
            p.page_type == "article",
        )
    }));
    let _ = writeln!(r, "{}", confusion.markdown("WCXB"));
    let _ = writeln!(r, "{SHINGLE_METRIC_NOTE}\n");
    let articles: Vec<&WcxbPage> = pages.iter().filter(|p| p.page_type == "article").collect();
    let (lost, junk) = broken_pages(articles.iter().map(|p| (p.id.as_str(), p.shingles)));
    write_broken_pages(r, "article pages", articles.len(), &lost, &junk);

    let _ = writeln!(r, "### {} worst article pages\n", WORST_PAGES_LISTED);
    let _ = writeln!(
        r,
        "| id | F1 | P | R | our words | reference words | CPU ms | URL |"
    );
    let _ = writeln!(r, "|---|---:|---:|---:|---:|---:|---:|---|");
    let mut worst: Vec<&WcxbPage> = pages.iter().filter(|p| p.page_type == "article").collect();
    worst.sort_by(|a, b| a.score.f1.total_cmp(&b.score.f1).then(a.id.cmp(&b.id)));
    for p in worst.iter().take(WORST_PAGES_LISTED) {
        let _ = writeln!(
            r,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            p.id,
            f3(p.score.f1),
            f3(p.score.precision),
            f3(p.score.recall),
            p.score.predicted_words,
            p.score.reference_words,
            ms(p.run.time()),
            p.url.replace('|', "%7C")
        );
    }
    write_failures_and_slowest(r, pages.iter().map(|p| (p.id.as_str(), &p.run)).collect());

    CorpusSummary {
        name: "WCXB dev",
        pages: pages.len(),
        headline: format!(
            "mean F1 {} all / {} articles; articles 4-gram P/R/F1 {}; broken articles: {} lose >10%, {} >20% junk; `without` leak {}; readerable agreement {}",
            f3(mean(pages.iter().map(|p| p.score.f1))),
            f3(mean(articles.iter().map(|p| p.score.f1))),
            shingle_triple(articles.iter().map(|p| p.shingles)),
            lost.len(),
            junk.len(),
            without_all.rate(),
            confusion.agreement().rate()
        ),
        failures,
        wall,
        extract_total,
    }
}

// ---------------------------------------------------------------------------
// Report header and main
// ---------------------------------------------------------------------------

fn git_commit() -> String {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
    };
    let dirty =
        git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    match git(&["rev-parse", "--short", "HEAD"]) {
        Some(hash) if dirty => format!("`{hash}` plus uncommitted changes"),
        Some(hash) => format!("`{hash}`"),
        None => "none (no commit yet; the working tree as it was)".into(),
    }
}

/// The arguments this run was given, as they follow `cargo run ... eval`.
fn command_line_arguments() -> String {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        String::new()
    } else {
        format!(" -- {}", args.join(" "))
    }
}

fn utc_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    DateTime::from_timestamp(secs as i64, 0)
        .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()));
        eprintln!(
            "engine panic at {}",
            location.as_deref().unwrap_or("unknown place")
        );
        LAST_PANIC_LOCATION.with(|cell| *cell.borrow_mut() = location);
    }));
    let start = Instant::now();
    let mut sections = String::new();
    let mut dump = Vec::new();
    let mut summaries = Vec::new();
    if matches!(args.corpus, CorpusChoice::Readability | CorpusChoice::All) {
        summaries.push(run_readability(&args, &mut sections, &mut dump));
    }
    if matches!(args.corpus, CorpusChoice::Wcxb | CorpusChoice::All) {
        summaries.push(run_wcxb(&args, &mut sections, &mut dump));
    }
    let total = start.elapsed();

    let mut report = String::new();
    let _ = writeln!(report, "# Corpus evaluation\n");
    let _ = writeln!(
        report,
        "Generated {} by `cargo run --release --example eval{}` at commit {}. {} threads, default `Options`; \
         total wall time {}. Page times are the CPU time `extract` took on its thread (wall time where the \
         platform does not tell), so they hold on a busy machine; the wall times do not. Do not edit by hand: \
         rerun the command.\n",
        utc_now(),
        command_line_arguments(),
        git_commit(),
        THREADS,
        seconds(total)
    );
    if args.limit.is_some() {
        let _ = writeln!(
            report,
            "**Partial run:** `--limit {}` pages per corpus.\n",
            args.limit.unwrap_or(0)
        );
    }
    if let Some(half) = args.half {
        let _ = writeln!(
            report,
            "**Partial run:** WCXB pages with {} numbers only (`--half`).\n",
            if half == 0 { "even" } else { "odd" }
        );
    }
    let _ = writeln!(
        report,
        "| corpus | pages | headline | failures | wall time | extract CPU (sum) |"
    );
    let _ = writeln!(report, "|---|---:|---|---:|---:|---:|");
    for s in &summaries {
        let _ = writeln!(
            report,
            "| {} | {} | {} | {} | {} | {} |",
            s.name,
            s.pages,
            s.headline,
            s.failures,
            seconds(s.wall),
            seconds(s.extract_total)
        );
    }
    let _ = writeln!(report);
    report.push_str(&sections);

    print!("{report}");
    if let Some(parent) = args.out.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    if let Err(e) = std::fs::write(&args.out, &report) {
        eprintln!("cannot write {}: {e}", args.out.display());
    }
    if let Some(dir) = &args.dump {
        let _ = std::fs::create_dir_all(dir);
        let mut tsv = String::from("corpus\tid\ttype\tf1\tprecision\trecall\tpredicted_words\treference_words\tms\tpanic\tshingle_precision\tshingle_recall\n");
        for line in &dump {
            tsv.push_str(line);
            tsv.push('\n');
        }
        if let Err(e) = std::fs::write(dir.join("scores.tsv"), tsv) {
            eprintln!("cannot write scores.tsv: {e}");
        }
    }
}

// ---------------------------------------------------------------------------
// Tests of the instrument
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn shingles_are_lower_cased_word_four_grams() {
        let s = shingles("The cat sat on THE mat", 4);
        assert_eq!(s.len(), 3);
        assert_eq!(
            s[&vec!["cat".to_owned(), "sat".into(), "on".into(), "the".into()]],
            1
        );
        assert_eq!(
            shingles("the cat the cat the", 4).values().sum::<usize>(),
            2
        );
        let short = shingles("Two words", 4);
        assert_eq!(short.len(), 1, "a short text is one shorter shingle");
        assert!(short.contains_key(&vec!["two".to_owned(), "words".into()]));
        assert!(shingles(" ... ", 4).is_empty());
    }

    #[test]
    fn shingle_match_counts_order_not_just_words() {
        // Same words, one moved: the word metric is perfect, shingles are not.
        let reference = "one two three four five six";
        let m = shingle_match("two three four five six one", reference);
        assert_eq!(
            m,
            ShingleMatch {
                tp: 2,
                fp: 1,
                fn_: 1
            }
        );
        assert!(close(m.precision().unwrap(), 2.0 / 3.0));
        assert!(close(
            word_score("two three four five six one", reference).f1,
            1.0
        ));
        // Half the reference, nothing else.
        let m = shingle_match("a b c d e", "a b c d e f g h");
        assert_eq!((m.precision(), m.recall()), (Some(1.0), Some(0.4)));
    }

    #[test]
    fn empty_sides_leave_the_mean_they_cannot_define() {
        let none = shingle_match("", "some words of text here");
        assert_eq!((none.precision(), none.recall()), (None, Some(0.0)));
        let extra = shingle_match("some words of text here", "");
        assert_eq!((extra.precision(), extra.recall()), (Some(0.0), None));
        assert_eq!(shingle_match("", ""), ShingleMatch::default());
    }

    #[test]
    fn shingle_summary_is_the_harmonic_mean_of_mean_p_and_mean_r() {
        let pages = [
            ShingleMatch {
                tp: 1,
                fp: 0,
                fn_: 1,
            }, // P 1, R 0.5
            ShingleMatch {
                tp: 0,
                fp: 0,
                fn_: 4,
            }, // no P, R 0
        ];
        let s = shingle_summary(pages.iter().copied());
        assert!(close(s.precision, 1.0) && close(s.recall, 0.25));
        assert!(close(s.f1, 0.4));
    }

    #[test]
    fn broken_pages_lose_a_tenth_or_carry_a_fifth_of_junk() {
        let pages = [
            (
                "whole",
                ShingleMatch {
                    tp: 95,
                    fp: 5,
                    fn_: 5,
                },
            ),
            (
                "short",
                ShingleMatch {
                    tp: 89,
                    fp: 0,
                    fn_: 11,
                },
            ),
            (
                "noisy",
                ShingleMatch {
                    tp: 79,
                    fp: 21,
                    fn_: 0,
                },
            ),
            (
                "empty",
                ShingleMatch {
                    tp: 0,
                    fp: 0,
                    fn_: 50,
                },
            ),
            ("no reference", ShingleMatch::default()),
        ];
        let (lost, junk) = broken_pages(pages.iter().map(|(n, m)| (*n, *m)));
        assert_eq!(lost, ["short", "empty"]);
        assert_eq!(junk, ["noisy"]);
    }

    #[test]
    fn identical_texts_score_one() {
        let s = word_score("The cat sat. The cat!", "the CAT sat the cat");
        assert!(close(s.precision, 1.0) && close(s.recall, 1.0) && close(s.f1, 1.0));
        assert_eq!((s.predicted_words, s.reference_words), (5, 5));
    }

    #[test]
    fn disjoint_texts_score_zero() {
        let s = word_score("alpha beta", "gamma delta");
        assert_eq!((s.precision, s.recall, s.f1), (0.0, 0.0, 0.0));
    }

    #[test]
    fn partial_overlap_counts_a_multiset() {
        // prediction: a a b c (4), reference: a b b d (4); overlap = min(2,1)+min(1,2) = 2
        let s = word_score("a a b c", "a b b d");
        assert!(close(s.precision, 0.5) && close(s.recall, 0.5) && close(s.f1, 0.5));
        // prediction 2 words both in reference of 4: P 1, R 0.5, F1 2/3
        let s = word_score("one two", "one two three four");
        assert!(close(s.precision, 1.0) && close(s.recall, 0.5) && close(s.f1, 2.0 / 3.0));
    }

    #[test]
    fn empty_cases_follow_the_benchmark() {
        assert!(close(word_score("", "").f1, 1.0));
        assert!(
            close(word_score("  ... !", " - ").f1, 1.0),
            "no words on either side"
        );
        assert_eq!(word_score("", "some words").f1, 0.0);
        assert_eq!(word_score("some words", "").f1, 0.0);
    }

    #[test]
    fn words_are_unicode_and_lower_cased() {
        assert_eq!(
            lowercase_words("Ça va, l'ami? 4,650-mile snake_case"),
            ["ça", "va", "l", "ami", "4", "650", "mile", "snake_case"]
        );
        assert_eq!(
            lowercase_words("नमस्ते दुनिया"),
            ["नमस्ते", "दुनिया"],
            "virama and vowel signs stay inside words"
        );
        assert_eq!(lowercase_words("日本語"), ["日本語"]);
    }

    #[test]
    fn snippet_matching_folds_case_and_whitespace() {
        let text = normalise_for_snippets("Sign up for our\n  NEWSLETTER today.\n\nMore text");
        let snippets = vec![
            "sign up for our newsletter".to_owned(),
            "Cookie policy".to_owned(),
            "   ".to_owned(),
        ];
        assert_eq!(
            snippets_found(&text, &snippets),
            (1, 2),
            "blank snippets are not counted"
        );
        assert_eq!(snippets_found(&text, &[]), (0, 0));
    }

    #[test]
    fn benchmark_script_snippet_rate_quirks() {
        assert_eq!(snippet_rate_as_benchmark_script("anything", &[]), 1.0);
        let s = vec!["Foo Bar".to_owned(), "baz".to_owned()];
        assert_eq!(snippet_rate_as_benchmark_script("xx FOO BAR yy", &s), 0.5);
        assert_eq!(
            snippet_rate_as_benchmark_script("foo\nbar", &s),
            0.0,
            "no whitespace folding"
        );
    }

    #[test]
    fn expected_html_text_skips_scripts_and_splits_blocks() {
        let t = text_of_html("<div><p>Hello <b>wor</b>ld</p><p>next</p><script>var x</script><style>p{}</style></div>");
        assert_eq!(lowercase_words(&t), ["hello", "world", "next"]);
    }

    #[test]
    fn titles_may_drop_one_site_segment() {
        let theirs = "Go ahead, self-host Postgres";
        assert!(titles_match_allowing_site_segment(
            Some("Go ahead, self-host  postgres"),
            theirs
        ));
        assert!(titles_match_allowing_site_segment(
            Some("Go ahead, self-host Postgres | Pierce Freeman"),
            theirs
        ));
        assert!(titles_match_allowing_site_segment(
            Some("Blog — Go ahead, self-host Postgres"),
            theirs
        ));
        assert!(titles_match_allowing_site_segment(
            Some("Go ahead, self-host Postgres"),
            "Go ahead, self-host Postgres | Pierce Freeman"
        ));
        assert!(!titles_match_allowing_site_segment(
            Some("Vegetable Gardening for Beginners"),
            "Vegetable Gardening for Beginners: The Complete Guide"
        ));
        assert!(!titles_match_allowing_site_segment(None, theirs));
        assert!(!titles_match_allowing_site_segment(
            Some("Pierce Freeman"),
            theirs
        ));
    }

    #[test]
    fn bylines_match_by_equality_or_close_containment() {
        assert!(bylines_match(
            Some(" Nicolas  PERRIAULT "),
            "Nicolas Perriault"
        ));
        assert!(bylines_match(Some("By Andrew King"), "Andrew King"));
        assert!(!bylines_match(
            Some("Andrew King, Staff Writer at Example News"),
            "Andrew King"
        ));
        assert!(!bylines_match(Some("King"), "Andrew King"));
        assert!(!bylines_match(None, "Andrew King"));
    }

    #[test]
    fn a_reference_bylines_name_comes_without_by_and_date() {
        let name = |s: &str| byline_name(s);
        assert_eq!(
            name("By Nathan Willis March 25, 2015").as_deref(),
            Some("nathan willis")
        );
        assert_eq!(
            name("by Lucas Nolan22 Dec 2016651").as_deref(),
            Some("lucas nolan")
        );
        assert_eq!(
            name("By GILLIAN MOHNEY March 11, 2015 3:46 PM").as_deref(),
            Some("gillian mohney")
        );
        assert_eq!(name("JOE HILDEBRAND").as_deref(), Some("joe hildebrand"));
        // Only a date: nothing to compare. (A label stays: it is no name, and no match.)
        assert_eq!(
            name("April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm"),
            None
        );
        assert_eq!(
            name("Last Updated: January 7, 2025").as_deref(),
            Some("last updated")
        );
    }

    #[test]
    fn languages_compare_whole_tags_or_primary_subtags() {
        assert!(languages_match(Some("en-us"), "en-US"));
        assert!(!languages_match(Some("en"), "en-US"));
        assert!(primary_languages_match(Some("en"), "en-US"));
        assert!(!primary_languages_match(Some("fr"), "en"));
    }

    #[test]
    fn written_dates_parse_common_forms() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(written_date("2015-07-10T09:53:00-04:00"), d(2015, 7, 10));
        assert_eq!(written_date("2019-04-28 06:01:07"), d(2019, 4, 28));
        assert_eq!(written_date("2020/09/21"), d(2020, 9, 21));
        assert_eq!(written_date("Thu, 04 Sep 2025 10:00:00 GMT"), d(2025, 9, 4));
        assert_eq!(written_date("September 4, 2025"), d(2025, 9, 4));
        assert_eq!(
            written_date("Tuesday, March 5th, 2024 at 10:00"),
            d(2024, 3, 5)
        );
        assert_eq!(
            written_date("4 Sept. 2025"),
            None,
            "not a chrono month abbreviation"
        );
        assert_eq!(written_date("5 Mar 2024"), d(2024, 3, 5));
        assert_eq!(written_date("yesterday"), None);
        assert_eq!(written_date("2015-07-10x"), None);
    }

    #[test]
    fn published_times_match_by_date_or_instant() {
        let expected = "2015-07-10T09:53:00-04:00";
        assert!(published_times_match(Some("2015-07-10"), expected));
        assert!(published_times_match(
            Some("2015-07-10T13:53:00Z"),
            expected
        ));
        assert!(
            published_times_match(Some("2015-07-11T01:53:00+12:00"), expected),
            "same instant"
        );
        assert!(!published_times_match(Some("2015-07-11"), expected));
        assert!(!published_times_match(None, expected));
        assert!(published_times_match(
            Some("2021-11-01T10:52:50+01:00"),
            "2021-11-01T10:52:50+0100"
        ));
        assert!(published_times_match(
            Some("2018-04-05T06:00:00"),
            "2018-04-05T06:00"
        ));
    }

    #[test]
    fn wcxb_publish_dates_compare_at_reference_precision() {
        assert!(publish_dates_match(
            Some("2025-09-04T08:00:00+02:00"),
            "2025-09-04"
        ));
        assert!(publish_dates_match(Some("September 4, 2025"), "2025-09-04"));
        assert!(!publish_dates_match(Some("2025-09-05"), "2025-09-04"));
        assert!(publish_dates_match(Some("2025-09-17"), "2025-09"));
        assert!(!publish_dates_match(None, "2025-09-04"));
    }

    #[test]
    fn confusion_agreement_counts_diagonal() {
        let c = Confusion::of(
            [
                (true, true),
                (false, false),
                (true, false),
                (false, true),
                (true, true),
            ]
            .into_iter(),
        );
        let t = c.agreement();
        assert_eq!((t.hits, t.total), (3, 5));
    }

    #[test]
    fn field_tally_skips_missing_references() {
        let t = Tally::of([Some(true), None, Some(false), Some(true)].into_iter());
        assert_eq!((t.hits, t.total), (2, 3));
        assert_eq!(field_match(Some("  "), |_| true), None);
    }
}
