//! A small, strict JSON reader for a page's JSON-LD metadata and the wasm
//! bindings' arguments (`src/js_args.rs`).
//!
//! Why not serde_json: the metadata reads a few strings out of a small
//! tree, and serde_json with its float parsing was about a tenth of the
//! wasm. Numbers are checked; only whole numbers get a value (the bindings
//! read counts; nothing needs a fraction). Input is hostile: nesting
//! deeper than [`MAX_DEPTH`] and any syntax error give `None`, never a
//! panic.

/// Deeper nesting is refused (serde_json's own default limit).
const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The value of a whole number that fits `u64` (no sign, fraction or
    /// exponent), else `None`.
    Number(Option<u64>),
    String(String),
    Array(Vec<Json>),
    /// Members in document order; a repeated key's last value wins.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// A member of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }
}

/// The value `text` holds, or `None` when it is not one JSON value
/// (whitespace around it allowed).
pub fn parse(text: &str) -> Option<Json> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = reader.value(0)?;
    reader.skip_whitespace();
    (reader.at == reader.bytes.len()).then_some(value)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Option<Json> {
        let end = self.at + word.len();
        (self.bytes.get(self.at..end) == Some(word.as_bytes())).then(|| {
            self.at = end;
            value
        })
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_whitespace();
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(Json::String),
            b't' => self.literal("true", Json::Bool(true)),
            b'f' => self.literal("false", Json::Bool(false)),
            b'n' => self.literal("null", Json::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn array(&mut self, depth: usize) -> Option<Json> {
        self.at += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Some(Json::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_whitespace();
            match self.next()? {
                b',' => {}
                b']' => return Some(Json::Array(items)),
                _ => return None,
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<Json> {
        self.at += 1;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Some(Json::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return None;
            }
            let key = self.string()?;
            self.skip_whitespace();
            if self.next()? != b':' {
                return None;
            }
            members.push((key, self.value(depth + 1)?));
            self.skip_whitespace();
            match self.next()? {
                b',' => {}
                b'}' => return Some(Json::Object(members)),
                _ => return None,
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self) -> Option<Json> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.some_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.some_digits()?;
        }
        let whole = self.bytes[start..self.at].iter().try_fold(0u64, |n, &d| {
            let digit = d.checked_sub(b'0').filter(|&d| d <= 9)?;
            n.checked_mul(10)?.checked_add(u64::from(digit))
        });
        Some(Json::Number(whole))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
    }

    fn some_digits(&mut self) -> Option<()> {
        let start = self.at;
        self.digits();
        (self.at > start).then_some(())
    }

    fn string(&mut self) -> Option<String> {
        self.at += 1;
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control
            // character at once (all ASCII, so the run is whole UTF-8).
            let run = self.bytes[self.at..]
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)?;
            out.push_str(std::str::from_utf8(&self.bytes[self.at..self.at + run]).ok()?);
            self.at += run;
            match self.next()? {
                b'"' => return Some(out),
                b'\\' => out.push(self.escape()?),
                // A raw control character: not JSON.
                _ => return None,
            }
        }
    }

    fn escape(&mut self) -> Option<char> {
        Some(match self.next()? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4()?;
                match unit {
                    0xD800..=0xDBFF if self.bytes.get(self.at..self.at + 2) == Some(b"\\u") => {
                        let resume = self.at;
                        self.at += 2;
                        let low = self.hex4()?;
                        if (0xDC00..=0xDFFF).contains(&low) {
                            let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                            char::from_u32(c).unwrap_or('\u{fffd}')
                        } else {
                            // Not a pair: the next escape stands alone.
                            self.at = resume;
                            '\u{fffd}'
                        }
                    }
                    // A lone surrogate cannot be a char.
                    _ => char::from_u32(unit).unwrap_or('\u{fffd}'),
                }
            }
            _ => return None,
        })
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.bytes.get(self.at..self.at + 4)?;
        let mut value = 0;
        for &d in digits {
            value = value * 16 + (d as char).to_digit(16)?;
        }
        self.at += 4;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Json {
        Json::String(v.to_string())
    }

    #[test]
    fn reads_values() {
        let v = parse(
            r#" {"@type": ["NewsArticle"], "headline": "Caf\u00e9 \"x\"\n\ud83d\ude00",
                "n": -1.5e+3, "ok": true, "no": false, "z": null, "a": [], "o": {},
                "headline": "last wins"} "#,
        )
        .unwrap();
        assert_eq!(v.get("headline"), Some(&s("last wins")));
        assert_eq!(v.get("@type"), Some(&Json::Array(vec![s("NewsArticle")])));
        assert_eq!(v.get("n"), Some(&Json::Number(None)));
        assert_eq!(v.get("ok"), Some(&Json::Bool(true)));
        assert_eq!(v.get("z"), Some(&Json::Null));
        assert_eq!(v.get("missing"), None);
        let v = parse(r#"["Caf\u00e9 \"x\"\n\ud83d\ude00 é", "\ud800", "\/"]"#).unwrap();
        assert_eq!(
            v,
            Json::Array(vec![s("Café \"x\"\n😀 é"), s("\u{fffd}"), s("/")])
        );
    }

    #[test]
    fn whole_numbers_have_a_value() {
        let v = parse("[0, 42, 18446744073709551615, 18446744073709551616, -1, 1.0, 1e2, -0]");
        let values = [
            Some(0),
            Some(42),
            Some(u64::MAX),
            None,
            None,
            None,
            None,
            None,
        ];
        assert_eq!(
            v,
            Some(Json::Array(values.into_iter().map(Json::Number).collect()))
        );
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "{\"a\":1,}",
            "{a:1}",
            "\"raw\nnewline\"",
            "01",
            "1.",
            "-",
            "1e",
            "tru",
            "[1] x",
            "\"\\x\"",
            "\"\\u12\"",
            "'single'",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(parse(&deep), None);
        let ok = "[".repeat(100) + &"]".repeat(100);
        assert!(parse(&ok).is_some());
    }
}
