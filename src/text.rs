//! Small text utilities every stage shares: whitespace, words, previews.

/// Collapse every run of whitespace to one space and trim the ends.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Control characters no output carries (C0 but tab, line feed, CR, vertical
/// tab and form feed, which are rewritten; DEL; C1): an escape sequence in
/// a page's text must never reach a terminal.
pub fn is_dropped_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{b}' | '\u{c}')
}

/// Text as every output carries it: CR and CR LF as LF, vertical tab and
/// form feed as a space, other controls dropped (see [`is_dropped_control`]).
pub fn output_text(s: &str) -> std::borrow::Cow<'_, str> {
    if !has_control_to_rewrite(s) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\u{b}' | '\u{c}' => out.push(' '),
            c if is_dropped_control(c) => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Does `s` hold a control character other than tab and line feed? Read
/// as bytes: the controls are C0 and DEL (one byte each) and C1 (U+0080 to
/// U+009F, `C2 80` to `C2 9F` in UTF-8); every text passes through here
/// three times, so no character is decoded.
fn has_control_to_rewrite(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &x)| {
        (x < 0x20 && x != b'\t' && x != b'\n')
            || x == 0x7f
            || x == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n))
    })
}

/// The first `byte` in `bytes`, eight bytes at a time as `memchr` does: a
/// word holding no such byte is passed in a few operations (pages are
/// mostly text and attribute values between the bytes looked for).
pub fn find_byte(bytes: &[u8], byte: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let pattern = ONES * u64::from(byte);
    let mut chunks = bytes.chunks_exact(8);
    for (n, chunk) in chunks.by_ref().enumerate() {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) ^ pattern;
        // Some byte of `word` is zero, i.e. some byte of the chunk matches.
        if word.wrapping_sub(ONES) & !word & HIGHS != 0 {
            return chunk.iter().position(|&b| b == byte).map(|p| n * 8 + p);
        }
    }
    let done = bytes.len() - chunks.remainder().len();
    let rest = chunks.remainder().iter().position(|&b| b == byte);
    rest.map(|p| done + p)
}

/// `haystack.contains(needle)`, for short texts searched for many needles
/// in turn (class names for each word of a list): the needle's first byte
/// found with [`find_byte`], then the rest compared. The standard search
/// prepares each needle first, which costs more than such a search.
pub fn contains(haystack: &str, needle: &str) -> bool {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, _)) = needle.split_first() else {
        return true;
    };
    let mut from = 0;
    while from + needle.len() <= hay.len() {
        let Some(at) = find_byte(&hay[from..], first) else {
            return false;
        };
        if hay[from + at..].starts_with(needle) {
            return true;
        }
        from += at + 1;
    }
    false
}

/// Does `haystack` hold any of `needles`? The same as testing each with
/// [`contains`], in one pass over the haystack: each byte picks the
/// needles that start with it (a bit each), and only those are compared.
/// (Class names are tried against some thirty words each.)
pub fn contains_any(haystack: &str, needles: &[&str]) -> bool {
    if needles.len() > 64 {
        return needles.iter().any(|n| contains(haystack, n));
    }
    let mut starting = [0u64; 256];
    for (i, needle) in needles.iter().enumerate() {
        match needle.as_bytes().first() {
            Some(&b) => starting[usize::from(b)] |= 1 << i,
            None => return true,
        }
    }
    let hay = haystack.as_bytes();
    (0..hay.len()).any(|at| {
        let mut bits = starting[usize::from(hay[at])];
        while bits != 0 {
            let needle = needles[bits.trailing_zeros() as usize].as_bytes();
            if hay[at..].starts_with(needle) {
                return true;
            }
            bits &= bits - 1;
        }
        false
    })
}

/// A hash for keys taken apart within one page (FxHash's step: a rotate,
/// an xor and a multiply per word), where SipHash's rounds cost more than
/// the rest of the lookup. Only where the keys are fixed (a lexicon's
/// words) or a collision costs no more than a comparison (texts grouped and
/// then compared): a page can pile its keys into one bucket.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

/// [`FastHasher`] for `HashMap` and `HashSet`.
pub type FastHash = std::hash::BuildHasherDefault<FastHasher>;

impl std::hash::Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

/// Words as the corpus metric counts them: runs of Unicode word characters.
pub fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// `\w` in the Unicode sense: letters, marks, digits, connector punctuation.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_mark(c)
}

fn is_mark(c: char) -> bool {
    // Combining marks used by Indic and other scripts inside words.
    matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x0DFF | 0x0E31..=0x0E4E | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF)
}

pub fn word_count(s: &str) -> usize {
    words(s).count()
}

/// The first `max_chars` characters of `s` with whitespace collapsed, and an
/// ellipsis when cut.
pub fn preview(s: &str, max_chars: usize) -> String {
    let collapsed = collapse_whitespace(s);
    if collapsed.chars().count() <= max_chars {
        return collapsed;
    }
    let mut cut: String = collapsed.chars().take(max_chars).collect();
    if let Some(space) = cut.rfind(' ') {
        if space > max_chars / 2 {
            cut.truncate(space);
        }
    }
    cut.push('…');
    cut
}

/// The share of a text's characters inside links (0 when it has none).
pub fn link_density(link_chars: u32, text_chars: u32) -> f64 {
    if text_chars == 0 {
        0.0
    } else {
        link_chars as f64 / text_chars as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_any_is_contains_of_any() {
        let needles = ["-ad-", "side", "sidebar", "ad", "é-x", "bar"];
        let many: Vec<String> = (0..70).map(|i| format!("w{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(contains_any("a w69 b", &many) && !contains_any("a w b", &many));
        for hay in [
            "",
            "a",
            "site-sidebar",
            "x-ad-y",
            "lead",
            "é-xé",
            "é",
            "ba",
            "sid",
        ] {
            let each = needles.iter().any(|n| contains(hay, n));
            assert_eq!(contains_any(hay, &needles), each, "{hay:?}");
            for n in needles {
                assert_eq!(contains_any(hay, &[n]), contains(hay, n), "{hay:?} {n:?}");
            }
        }
        assert!(contains_any("abc", &["zz", ""]));
    }

    #[test]
    fn collapses_and_trims() {
        assert_eq!(collapse_whitespace("  a \n\t b  "), "a b");
    }

    #[test]
    fn control_bytes_are_the_control_characters() {
        for c in (0..0x800).filter_map(char::from_u32) {
            let s = format!("a{c}é");
            let chars = s
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n'));
            assert_eq!(has_control_to_rewrite(&s), chars, "{:x}", c as u32);
        }
    }

    #[test]
    fn finds_bytes_as_a_plain_scan_does() {
        let text = b"0123456789abcdef<ghij<\x80\xff<<";
        for from in 0..text.len() {
            for byte in [b'<', b'0', b'f', b'j', 0x80, 0xff, b'z'] {
                let plain = text[from..].iter().position(|&b| b == byte);
                assert_eq!(find_byte(&text[from..], byte), plain, "{from} {byte}");
            }
        }
    }

    #[test]
    fn contains_as_str_contains() {
        let hay = "ab-ad-x sidebar éclat àb";
        for needle in [
            "",
            "a",
            "-ad-",
            "sidebar",
            "bar ",
            "x",
            "é",
            "àb",
            "àc",
            "ab-ad-x sidebar éclat àb!",
            "d-x",
        ] {
            for from in 0..hay.len() {
                if let Some(h) = hay.get(from..) {
                    assert_eq!(contains(h, needle), h.contains(needle), "{h:?} {needle:?}");
                }
            }
        }
    }

    #[test]
    fn counts_unicode_words() {
        assert_eq!(word_count("Ça va, l'ami? 4,650-mile"), 7);
    }

    #[test]
    fn preview_cuts_on_a_word() {
        assert_eq!(preview("one two three four", 9), "one two…");
        assert_eq!(preview("short", 9), "short");
    }
}
