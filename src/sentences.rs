//! Sentences, for reading aloud: one splitter for every language the reader
//! meets, with no tables beyond a short list of abbreviations.
//!
//! A sentence ends at `.`, `!`, `?`, `…` (and runs of them), `؟` and `۔`
//! (Arabic, Urdu), `।` (Devanagari) when whitespace or the end follows, and
//! at `。`, `！`, `？` (CJK) wherever they stand; closing quotes and brackets
//! after the stop stay with the sentence. A stop is no end when a lowercase
//! letter follows (`“Why?” she asked`, `etc. and`), after an initial
//! (`J. R. R. Tolkien`), an abbreviation (`Dr.`, `z.B.`, `U.S.`, `т.е.`), a
//! number's abbreviation before its number (`No. 5`, `S. 12`) or, in
//! languages that write them so, an ordinal (`am 3. Oktober`). Decimals
//! (`3.14`) and addresses (`example.com`) hold no break: no whitespace
//! follows their stop.
//!
//! Sentences longer than [`MAX_CHARS`] are cut into chunks at a clause
//! (`,` `;` `:` dash, `،` `、` `，`…), else at a space, else (text without
//! spaces) anywhere but before a combining mark, so a speech engine that
//! cuts long utterances short keeps going.

use std::ops::Range;

/// The longest piece handed to a speech engine, in characters.
pub const MAX_CHARS: usize = 200;
/// A chunk cut at a clause holds at least this many characters.
const MIN_CLAUSE_CHARS: usize = 40;

/// Abbreviations (lowercase, without their final stop) after which a stop
/// ends no sentence, whatever follows: titles before names (English,
/// German, French, Spanish, Italian, Russian), and a few dotted ones
/// written in lowercase. Space-separated: one string is smaller in the wasm
/// than a slice of them.
const ABBREVIATIONS: &str =
    "mr mrs ms mx dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep rev hon \
     pres maj vs cf approx ca al e.g i.e messrs hr hrn fr frl dipl ing mag bzw bspw vgl ggf \
     evtl inkl zzgl sog z.b d.h u.a z.t o.ä s.o s.u u.u v.a i.d.r mme mlle mm ste me sra \
     srta dra dña ud uds sig dott avv им ул пр проф акад св гр т.е т.к т.н";

/// Abbreviations after which a stop ends no sentence when a number follows.
const BEFORE_NUMBER: &str =
    "no nr nos nº p pp vol art fig abs bd ch chap sec jan feb mar apr jun jul aug sep sept \
     oct nov dec s n с стр №";

/// Languages (primary subtag) that write ordinals as a number and a stop.
const ORDINAL_LANGUAGES: &str = "de da nb no nn fi is cs sk sl hr sr bs hu pl et lv lt tr";

/// Stops that end a sentence where they stand (CJK full-width).
fn is_wide_stop(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Stops that end a sentence when whitespace or the end follows.
fn is_stop(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '؟' | '۔' | '।' | '॥' | '‼' | '⁇' | '⁈' | '⁉'
    )
}

/// Closing quotes and brackets that stay with the sentence before them, and
/// direction marks.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '“'
            | '‘'
            | '’'
            | '»'
            | '›'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '）'
            | '》'
            | '〉'
            | '】'
            | '〕'
            | '＂'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
    )
}

/// Opening quotes and brackets, looked past to find a sentence's first letter.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '„'
            | '‚'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
            | '「'
            | '『'
    )
}

/// Where a chunk may end: after a clause's punctuation.
fn is_clause_end(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '—' | '–' | '،' | '؛' | '、' | '，' | '；' | '：' | ')' | '）'
    )
}

/// Combining marks a cut must not come before (the common ranges).
fn is_combining(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F
        | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x200C | 0x200D | 0x3099 | 0x309A
        | 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF)
}

fn next_char(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// Past any closers (and, before a closer, spaces: French `« Oui. »`).
fn skip_closers(text: &str, mut at: usize) -> usize {
    loop {
        let rest = &text[at..];
        let spaced = rest.trim_start_matches(['\u{A0}', '\u{202F}', ' ']);
        match spaced.chars().next() {
            Some(c) if is_closer(c) && (spaced.len() == rest.len() || c == '»' || c == '›') => {
                at += rest.len() - spaced.len() + c.len_utf8();
            }
            _ => return at,
        }
    }
}

/// The word before a stop at `at`: back to whitespace or an opener.
fn word_before(text: &str, at: usize) -> &str {
    let head = &text[..at];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || is_opener(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// Does a single `.` after `word` end no sentence, `first` being the next
/// sentence's first character?
fn listed(list: &str, word: &str) -> bool {
    // Split as bytes: the same pieces as `str::split(' ')`, without a
    // searcher set up per piece (a list holds a hundred).
    let word = word.as_bytes();
    list.as_bytes().split(|&b| b == b' ').any(|w| w == word)
}

fn holds(word: &str, first: char, lang: &str) -> bool {
    let mut letters = word.chars();
    if letters.next().is_some_and(char::is_alphabetic) && letters.next().is_none() {
        return true; // an initial
    }
    let lower = word.to_lowercase();
    if listed(ABBREVIATIONS, &lower) {
        return true;
    }
    // (Uppercase: lowercases to another letter; no second Unicode table.)
    let upper = |c: char| c.to_lowercase().next() != Some(c);
    if word.contains('.') && word.chars().any(upper) {
        return true; // U.S., z.B.
    }
    if first.is_numeric() && listed(BEFORE_NUMBER, &lower) {
        return true;
    }
    let digits = word.chars().all(|c| c.is_ascii_digit());
    digits && word.len() <= 3 && first.is_alphanumeric() && listed(ORDINAL_LANGUAGES, lang)
}

/// Byte offsets where sentences end, in order.
fn ends(text: &str, lang: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        // Every stop but `.`, `!` and `?` is beyond ASCII: the rest of
        // ASCII, most of a text, is passed over without decoding it.
        let bytes = &text.as_bytes()[i..];
        i += bytes
            .iter()
            .position(|b| !b.is_ascii() || matches!(b, b'.' | b'!' | b'?'))
            .unwrap_or(bytes.len());
        let Some(c) = next_char(text, i) else {
            break;
        };
        let next = i + c.len_utf8();
        if is_wide_stop(c) {
            let mut end = next;
            while let Some(d) = next_char(text, end).filter(|&d| is_wide_stop(d) || is_stop(d)) {
                end += d.len_utf8();
            }
            let closed = skip_closers(text, end);
            // 「はい。」と彼は言った。: a quotation that goes on.
            if closed == end || next_char(text, closed) != Some('と') {
                out.push(closed);
            }
            i = closed;
            continue;
        }
        if !is_stop(c) {
            i = next;
            continue;
        }
        let mut run_end = next;
        while let Some(d) = next_char(text, run_end).filter(|&d| is_stop(d)) {
            run_end += d.len_utf8();
        }
        let end = skip_closers(text, run_end);
        i = end;
        let rest = &text[end..];
        if !rest.starts_with(char::is_whitespace) {
            continue; // 3.14, example.com, or the end of the text
        }
        let first = rest
            .trim_start()
            .trim_start_matches(is_opener)
            .chars()
            .next();
        let Some(first) = first else { continue };
        if first.is_lowercase() {
            continue;
        }
        if c == '.' && run_end == next && holds(word_before(text, next - 1), first, lang) {
            continue;
        }
        out.push(end);
    }
    out
}

/// The sentences of `text` as byte ranges: in order, apart, trimmed of
/// whitespace, none empty, none longer than [`MAX_CHARS`] characters;
/// every character but whitespace lies in one. `lang` is the text's
/// language (a BCP 47 tag, or `""`).
pub fn split(text: &str, lang: &str) -> Vec<Range<usize>> {
    let lang = lang.split(['-', '_']).next().unwrap_or("");
    let lang = lang.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut start = 0;
    for end in ends(text, &lang).into_iter().chain([text.len()]) {
        chunk(text, start..end, &mut out);
        start = end;
    }
    out
}

/// `range` trimmed, cut into chunks of at most [`MAX_CHARS`], onto `out`.
fn chunk(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut rest = trim(text, range);
    while !rest.is_empty() {
        let piece = &text[rest.clone()];
        let Some((limit, _)) = piece.char_indices().nth(MAX_CHARS) else {
            out.push(rest);
            return;
        };
        let mut clause = None;
        let mut space = None;
        let mut count = 0;
        for (i, c) in piece[..limit].char_indices() {
            count += 1;
            let after = i + c.len_utf8();
            let spaced = piece[after..].starts_with(char::is_whitespace);
            if c.is_whitespace() && i > 0 {
                space = Some(i);
            } else if is_clause_end(c) && count >= MIN_CLAUSE_CHARS && (spaced || !c.is_ascii()) {
                clause = Some(after);
            }
        }
        let mut cut = clause.or(space).unwrap_or(limit);
        if clause.is_none() && space.is_none() {
            // No space: back off from a combining mark (keep at least one char).
            while cut > 0 && piece[cut..].starts_with(is_combining) {
                cut = piece[..cut]
                    .char_indices()
                    .next_back()
                    .map_or(0, |(i, _)| i);
            }
            if cut == 0 {
                cut = limit;
            }
        }
        let head = trim(text, rest.start..rest.start + cut);
        if !head.is_empty() {
            out.push(head);
        }
        rest = trim(text, rest.start + cut..rest.end);
    }
}

fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let start = range.start + (s.len() - s.trim_start().len());
    let end = range.start + s.trim_end().len();
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences<'a>(text: &'a str, lang: &str) -> Vec<&'a str> {
        split(text, lang).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn english() {
        assert_eq!(
            sentences(
                "Mr. Smith paid $3.14 for it. Dr. J. R. R. Tolkien wrote it! Did he? Yes.",
                "en"
            ),
            [
                "Mr. Smith paid $3.14 for it.",
                "Dr. J. R. R. Tolkien wrote it!",
                "Did he?",
                "Yes."
            ]
        );
        assert_eq!(
            sentences("He said, “Stop.” Then he left. “Why?” she asked. The U.S. Army came, e.g. Germany too.", "en-US"),
            ["He said, “Stop.”", "Then he left.", "“Why?” she asked.", "The U.S. Army came, e.g. Germany too."]
        );
        assert_eq!(
            sentences(
                "See No. 5 on p. 12. It sold 2.5 million copies in 2024. Apple Inc. said so.",
                "en"
            ),
            [
                "See No. 5 on p. 12.",
                "It sold 2.5 million copies in 2024.",
                "Apple Inc. said so."
            ]
        );
        assert_eq!(
            sentences(
                "Wait... what? Well… Then it rained (a lot.) And then example.com went down.",
                "en"
            ),
            [
                "Wait... what?",
                "Well…",
                "Then it rained (a lot.)",
                "And then example.com went down."
            ]
        );
    }

    #[test]
    fn german() {
        assert_eq!(
            sentences("Am 3. Oktober kam Dr. Müller, z.B. mit Hrn. Weber. Es kostete 1.250,50 Euro. Das war's.", "de-DE"),
            ["Am 3. Oktober kam Dr. Müller, z.B. mit Hrn. Weber.", "Es kostete 1.250,50 Euro.", "Das war's."]
        );
        assert_eq!(
            sentences(
                "Sie sagte: „Komm.“ Danach ging sie, d.h. Sie war weg. Vgl. S. 12 bzw. Kapitel 4.",
                "de"
            ),
            [
                "Sie sagte: „Komm.“",
                "Danach ging sie, d.h. Sie war weg.",
                "Vgl. S. 12 bzw. Kapitel 4."
            ]
        );
    }

    #[test]
    fn french() {
        assert_eq!(
            sentences("M. Macron est arrivé. Vraiment ? Oui ! Il a dit : « Bonjour. » Puis Mme Dupont a parlé.", "fr"),
            ["M. Macron est arrivé.", "Vraiment ?", "Oui !", "Il a dit : « Bonjour. »", "Puis Mme Dupont a parlé."]
        );
    }

    #[test]
    fn russian() {
        assert_eq!(
            sentences("В. В. Путин приехал в 10.30. Это было в 2024 г. в Москве, т.е. на ул. Тверской. Всё!", "ru"),
            ["В. В. Путин приехал в 10.30.", "Это было в 2024 г. в Москве, т.е. на ул. Тверской.", "Всё!"]
        );
    }

    #[test]
    fn japanese_and_chinese() {
        assert_eq!(
            sentences(
                "東京は晴れです。明日は雨でしょうか？「はい。」と彼は言った。価格は3.5万円！",
                "ja"
            ),
            [
                "東京は晴れです。",
                "明日は雨でしょうか？",
                "「はい。」と彼は言った。",
                "価格は3.5万円！"
            ]
        );
        assert_eq!(
            sentences("今天很好。我们走吧！", "zh"),
            ["今天很好。", "我们走吧！"]
        );
    }

    #[test]
    fn arabic_and_urdu() {
        // Right to left in display, logical order in the string.
        assert_eq!(
            sentences(
                "وصل الرئيس إلى موسكو. هل تحدث مع بوتين؟ نعم، تحدثا 3.5 ساعات!",
                "ar"
            ),
            [
                "وصل الرئيس إلى موسكو.",
                "هل تحدث مع بوتين؟",
                "نعم، تحدثا 3.5 ساعات!"
            ]
        );
        assert_eq!(
            sentences("یہ اچھا ہے۔ کیا آپ آئیں گے؟", "ur"),
            ["یہ اچھا ہے۔", "کیا آپ آئیں گے؟"]
        );
    }

    #[test]
    fn ordinals_only_where_written_so() {
        assert_eq!(
            sentences("He turned 40. She did not.", "en"),
            ["He turned 40.", "She did not."]
        );
        assert_eq!(
            sentences("Er wurde 40. Geburtstag gefeiert.", "de"),
            ["Er wurde 40. Geburtstag gefeiert."]
        );
    }

    #[test]
    fn long_sentences_are_chunked_at_clauses_then_spaces() {
        let clause = "the harbour authority reopened the old swing bridge on Thursday, ";
        let long = format!("{}and everyone cheered.", clause.repeat(6));
        let parts = sentences(&long, "en");
        assert!(parts.len() > 1, "{parts:?}");
        for p in &parts {
            assert!(p.chars().count() <= MAX_CHARS, "{p}");
        }
        assert!(
            parts[..parts.len() - 1].iter().all(|p| p.ends_with(',')),
            "{parts:?}"
        );
        let words = "word ".repeat(100);
        let parts = sentences(&words, "en");
        assert!(parts
            .iter()
            .all(|p| p.chars().count() <= MAX_CHARS && p.ends_with("word")));
        let cjk = "漢".repeat(450);
        let parts = sentences(&cjk, "ja");
        assert_eq!(
            parts.iter().map(|p| p.chars().count()).collect::<Vec<_>>(),
            [200, 200, 50]
        );
        // No cut before a combining mark.
        let marked = format!("a{}", "e\u{301}".repeat(150));
        for r in split(&marked, "fr") {
            assert!(!marked[r].starts_with('\u{301}'));
        }
    }

    #[test]
    fn the_lists_hold_whole_words() {
        for list in [ABBREVIATIONS, BEFORE_NUMBER, ORDINAL_LANGUAGES] {
            assert!(
                list.split(' ')
                    .all(|w| !w.is_empty() && w.chars().count() <= 7),
                "{list}"
            );
        }
        assert!(listed(ABBREVIATIONS, "pres") && listed(ABBREVIATIONS, "hon"));
        assert!(listed(BEFORE_NUMBER, "sept") && listed(BEFORE_NUMBER, "oct"));
    }

    #[test]
    fn empty_and_blank() {
        assert!(split("", "en").is_empty());
        assert!(split(" \n\u{a0} ", "en").is_empty());
        assert_eq!(sentences("...", "en"), ["..."]);
        assert_eq!(sentences(" . Hi", "en"), [".", "Hi"]);
    }
}
