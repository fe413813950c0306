//! Decoding page bytes to text: BOM, then `<meta charset>`, then UTF-8.

use encoding_rs::Encoding;

/// Decode a page's bytes. Malformed sequences become U+FFFD; never fails.
pub fn decode_html(bytes: &[u8]) -> String {
    let (encoding, bom_len) = page_encoding(bytes);
    encoding
        .decode_without_bom_handling(&bytes[bom_len..])
        .0
        .into_owned()
}

/// The page's encoding and the length of its byte-order mark (0 when it
/// has none): the BOM's, else a `<meta>` declaration's, else UTF-8. The
/// decision alone, for callers with a decoder of their own (the wasm
/// bindings hand the name to the browser's `TextDecoder`).
pub fn page_encoding(bytes: &[u8]) -> (&'static Encoding, usize) {
    Encoding::for_bom(bytes)
        .unwrap_or_else(|| (sniff_meta_charset(bytes).unwrap_or(encoding_rs::UTF_8), 0))
}

/// The charset a `<meta charset=…>` or `<meta http-equiv content="…;
/// charset=…">` declares in the first 4 KB, as browsers pre-scan it.
fn sniff_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"charset") {
        let mut i = from + pos + b"charset".len();
        from = i;
        // Only inside a <meta> tag: `<script charset=…>` says nothing of the page.
        let tag_start = lower[..from].iter().rposition(|&b| b == b'<');
        let in_meta = tag_start
            .is_some_and(|t| lower[t..].starts_with(b"<meta") && !lower[t..from].contains(&b'>'));
        if !in_meta {
            continue;
        }
        while i < lower.len()
            && (lower[i] == b' ' || lower[i] == b'=' || lower[i] == b'"' || lower[i] == b'\'')
        {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if i > start {
            if let Some(enc) = Encoding::for_label(&lower[start..i]) {
                // A page that claims UTF-16 in a meta tag is ASCII-compatible
                // bytes, so the claim is wrong (HTML spec): read it as UTF-8.
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    return Some(encoding_rs::UTF_8);
                }
                return Some(enc);
            }
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_meta_charset() {
        let bytes = b"<meta charset=\"windows-1252\"><p>caf\xe9</p>";
        assert!(decode_html(bytes).contains("café"));
    }

    #[test]
    fn reads_http_equiv_charset() {
        let bytes = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"><p>\xe9t\xe9</p>";
        assert!(decode_html(bytes).contains("été"));
    }

    #[test]
    fn script_charset_is_not_the_page_charset() {
        let bytes = b"<script charset=\"utf-8\" src=x></script><meta charset=\"gbk\"><p>\xc4\xe3\xba\xc3</p>";
        assert!(decode_html(bytes).contains("你好"));
    }

    #[test]
    fn bom_wins() {
        let mut bytes = vec![0xFF, 0xFE];
        for c in "<p>hé</p>".encode_utf16() {
            bytes.extend_from_slice(&c.to_le_bytes());
        }
        assert!(decode_html(&bytes).contains("hé"));
    }

    #[test]
    fn encoding_decision_alone() {
        assert_eq!(page_encoding(b"\xEF\xBB\xBF<p>x").1, 3);
        let (enc, bom) = page_encoding(b"<meta charset=latin1><p>x");
        assert_eq!((enc.name(), bom), ("windows-1252", 0));
        assert_eq!(page_encoding(b"<p>x").0.name(), "UTF-8");
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        assert_eq!(decode_html(b"a\xffb"), "a\u{FFFD}b");
    }
}
