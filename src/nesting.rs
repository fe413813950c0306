//! Capping nesting depth before parsing, as browsers do.
//!
//! html5ever checks the stack of open elements on every tag, so a page of
//! 100,000 nested elements parses in quadratic time. Chromium stops nesting
//! at depth 512 and attaches deeper elements higher up; we do the same by
//! dropping start tags (and their end tags) beyond that depth, keeping every
//! character of text. Pages within the limit pass through untouched.

use std::borrow::Cow;

/// Chromium's limit on the parser's tree depth.
pub const MAX_DEPTH: usize = 512;

/// Elements whose end tag is optional or that never nest: they do not count
/// towards depth, so sloppy `<p>`/`<li>` pages are never rewritten.
fn uncounted(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "option"
            | "optgroup"
            | "rb"
            | "rt"
            | "rp"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
            | "caption"
            | "head"
            | "body"
            | "html"
            | "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
    )
}

fn raw_text(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "textarea" | "title" | "xmp" | "noembed" | "noframes" | "plaintext"
    )
}

/// Longer than every tag name `raw_text` and `uncounted` know.
const SHORT_NAME: usize = 16;

/// `html` with start tags deeper than [`MAX_DEPTH`] (and their end tags)
/// removed; borrowed unchanged when nothing is that deep.
pub fn limit(html: &str) -> Cow<'_, str> {
    // (name, dropped) for each open counted element.
    let mut stack: Vec<(&str, bool)> = Vec::new();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(offset) = memchr_lt(&bytes[i..]) {
        let start = i + offset;
        i = start + 1;
        if html[start..].starts_with("<!--") {
            i = html[start + 4..]
                .find("-->")
                .map_or(bytes.len(), |e| start + 4 + e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_end = name_start
            + bytes[name_start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
                .count();
        if name_end == name_start || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let Some(tag_end) = tag_end(bytes, name_end) else {
            break;
        };
        i = tag_end;
        let name = &html[name_start..name_end];
        // Lower-cased on the stack, not in a new String per tag: the names
        // that matter below (raw text, uncounted) are all short; a longer
        // name is none of them.
        let mut buf = [0u8; SHORT_NAME];
        let lower = if name.len() <= SHORT_NAME {
            let buf = &mut buf[..name.len()];
            buf.copy_from_slice(name.as_bytes());
            buf.make_ascii_lowercase();
            // (ASCII letters, digits and '-' only: see name_end above.)
            std::str::from_utf8(buf).unwrap_or("")
        } else {
            ""
        };
        if closing {
            if let Some(pos) = stack
                .iter()
                .rposition(|(n, _)| n.eq_ignore_ascii_case(name))
            {
                if stack.len() - pos <= 64 {
                    if stack[pos].1 {
                        cuts.push((start, tag_end));
                    }
                    stack.truncate(pos);
                }
            }
            continue;
        }
        if raw_text(lower) {
            i = find_end_tag(bytes, i, lower.as_bytes()).unwrap_or(bytes.len());
            continue;
        }
        let self_closing = bytes[tag_end - 2] == b'/';
        if uncounted(lower) || self_closing {
            continue;
        }
        let too_deep = stack.len() >= MAX_DEPTH;
        if too_deep {
            cuts.push((start, tag_end));
        }
        stack.push((name, too_deep));
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (start, end) in cuts {
        out.push_str(&html[from..start]);
        from = end;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// Where `</name` (any case) starts at or after `from`.
fn find_end_tag(bytes: &[u8], mut from: usize, name: &[u8]) -> Option<usize> {
    while let Some(offset) = memchr_lt(&bytes[from..]) {
        let at = from + offset;
        let rest = &bytes[at + 1..];
        if rest.first() == Some(&b'/')
            && rest.len() > name.len()
            && rest[1..=name.len()].eq_ignore_ascii_case(name)
        {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    crate::text::find_byte(bytes, b'<')
}

/// One past the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return Some(i + 1),
            q @ (b'"' | b'\'') => i += 1 + crate::text::find_byte(&bytes[i + 1..], q)?,
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_pass_untouched() {
        let html = "<div><p>a<p>b<li>c</div><script>if (a<b) x('<div>')</script>";
        assert!(matches!(limit(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_pages_are_flattened_keeping_text() {
        let n = MAX_DEPTH + 100;
        let html = "<div class=\"x>y\">".repeat(n) + "deep" + &"</div>".repeat(n);
        let out = limit(&html);
        assert_eq!(out.matches("<div").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("deep"));
    }
}
