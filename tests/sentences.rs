//! The sentence splitter and the article's sentences, by property and on
//! the fixtures:
//! - on any text the sentences tile it: in order, apart, trimmed, none
//!   empty or longer than `MAX_CHARS`, every character but whitespace in
//!   one, never a panic;
//! - on the Newsmax page and the clutter fixtures, every sentence addresses
//!   a block of the article's HTML as the reader parses it, inside its text,
//!   and together they read the article's words.
//!
//! `cargo test --release --test sentences` (`PROPTEST_CASES=5000` for more).

use declutter::sentences::{split, MAX_CHARS};
use declutter::{extract, Options};
use proptest::prelude::*;
use scraper::{ElementRef, Html};

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Mr.".to_string()),
        Just("z.B.".to_string()),
        Just("U.S.".to_string()),
        Just("3.14".to_string()),
        Just("...".to_string()),
        Just("…".to_string()),
        Just("。".to_string()),
        Just("！？".to_string()),
        Just("؟".to_string()),
        Just("۔".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just(")".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{301}".to_string()),
        Just("\u{200f}".to_string()),
        Just("😀".to_string()),
        Just(", ".to_string()),
        "[ .!?\n]{1,3}",
        "[a-zA-Z]{1,12}",
        "[а-яА-Я]{1,8}",
        "[ぁ-ゖ漢字]{1,30}",
        "[ا-ي]{1,8}",
        "[0-9]{1,4}",
        any::<char>().prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn sentences_tile_the_text(text in text(), lang in prop::sample::select(vec!["", "en", "de-AT", "fr", "ja", "ar"])) {
        let ranges = split(&text, lang);
        let mut covered = 0;
        for r in &ranges {
            prop_assert!(r.start >= covered && r.start < r.end, "{ranges:?}");
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let s = &text[r.clone()];
            prop_assert_eq!(s.trim(), s);
            prop_assert!(s.chars().count() <= MAX_CHARS, "{} chars", s.chars().count());
            prop_assert!(text[covered..r.start].trim().is_empty(), "lost: {:?}", &text[covered..r.start]);
            covered = r.end;
        }
        prop_assert!(text[covered..].trim().is_empty(), "lost at the end: {:?}", &text[covered..]);
    }
}

/// The spoken text of each sentence, found as the reader finds it.
fn spoken(html: &str, sentences: &[declutter::Sentence]) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    let blocks: Vec<_> = doc
        .tree
        .root()
        .descendants()
        .filter_map(ElementRef::wrap)
        .collect();
    let mut last = (u32::MAX, 0);
    sentences
        .iter()
        .map(|s| {
            let block = blocks
                .get(s.block as usize)
                .expect("a block of the article");
            let units: Vec<u16> = block.text().collect::<String>().encode_utf16().collect();
            assert!(
                s.start < s.end && s.end as usize <= units.len(),
                "{s:?} in {} units",
                units.len()
            );
            if last.0 == s.block {
                assert!(s.start >= last.1, "sentences of a block in order: {s:?}");
            }
            last = (s.block, s.end);
            String::from_utf16(&units[s.start as usize..s.end as usize]).expect("whole characters")
        })
        .collect()
}

fn words(s: &str) -> Vec<String> {
    declutter::text::words(s).map(str::to_lowercase).collect()
}

fn check_page(name: &str, html: &str, url: &str) {
    let x = extract(html, url, &Options::default());
    let Some(article) = x.article else { return };
    let said = spoken(&article.html, &article.sentences);
    assert!(!said.is_empty(), "{name}: sentences");
    // Every word of the article is read, once, but code blocks.
    let doc = Html::parse_fragment(&article.html);
    let text: String = doc
        .tree
        .root()
        .descendants()
        .filter(|n| {
            !n.ancestors()
                .any(|a| a.value().as_element().is_some_and(|e| e.name() == "pre"))
        })
        .filter_map(|n| n.value().as_text().map(|t| format!("{} ", &**t)))
        .collect();
    assert_eq!(words(&said.join(" ")), words(&text), "{name}");
    let title = x.metadata.title.unwrap_or_default();
    let units: Vec<u16> = title.encode_utf16().collect();
    let read: Vec<_> = article
        .title_sentences
        .iter()
        .map(|s| String::from_utf16(&units[s.start as usize..s.end as usize]).unwrap())
        .collect();
    assert_eq!(
        words(&read.join(" ")),
        words(&title),
        "{name}: the title read whole"
    );
}

#[test]
fn newsmax_sentences_read_the_article() {
    let html = std::fs::read_to_string("samples/newsmax-kazakhstan.html").expect("the sample page");
    let x = extract(&html, "https://www.newsmax.com/", &Options::default());
    let article = x.article.as_ref().expect("an article");
    let said = spoken(&article.html, &article.sentences);
    assert!(said.len() > 10, "{said:?}");
    for s in &said {
        assert!(s.chars().count() <= MAX_CHARS, "{s}");
    }
    check_page("newsmax", &html, "https://www.newsmax.com/");
}

#[test]
fn fixture_sentences_read_their_articles() {
    let mut pages = 0;
    for entry in std::fs::read_dir("tests/fixtures/clutter").expect("fixtures") {
        let page = entry.expect("entry").path();
        if page.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(&page).expect("a page");
        check_page(&page.display().to_string(), &html, "https://example.com/");
        pages += 1;
    }
    assert!(pages >= 40, "{pages} fixture pages");
}
