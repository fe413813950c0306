//! URLs: every URL the core reads is parsed here, and the base that
//! relative links in a page resolve against.

use std::borrow::Cow;

use url::Url;

use crate::dom::Dom;

/// `input` parsed as a URL, alone or against `base`: every URL the core
/// reads goes through here. The host's ASCII letters are lower-cased first
/// when it has Unicode (written or percent-encoded): hosts ignore case, and
/// the IDNA opt-out in Cargo.toml asserts (in debug builds) that it never
/// sees upper case beside Unicode.
pub fn parse_url(input: &str, base: Option<&Url>) -> Result<Url, url::ParseError> {
    let input = lower_unicode_host(input);
    match base {
        Some(base) => base.join(&input),
        None => Url::parse(&input),
    }
}

fn lower_unicode_host(input: &str) -> Cow<'_, str> {
    // Only an authority: `//host` or `scheme://host`, not a `//` further on.
    let Some(at) = input.find("//").filter(|&at| {
        at == 0
            || input[..at].strip_suffix(':').is_some_and(|scheme| {
                !scheme.is_empty()
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            })
    }) else {
        return Cow::Borrowed(input);
    };
    let start = at + 2;
    let end = input[start..]
        .find(['/', '?', '#', '\\'])
        .map_or(input.len(), |i| start + i);
    // Unicode in the host, written or percent-encoded.
    let authority = &input[start..end];
    if authority.is_ascii() && !authority.contains('%') {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    out.push_str(&input[..start]);
    out.push_str(&input[start..end].to_ascii_lowercase());
    out.push_str(&input[end..]);
    Cow::Owned(out)
}

/// The URL relative links resolve against: `<base href>` over the page URL.
pub fn page_base(dom: &Dom, url: &str) -> Option<Url> {
    let page = parse_url(url, None).ok();
    let base_href = dom.first_by_tag("base").and_then(|b| dom.attr(b, "href"));
    let base = match (page, base_href) {
        (Some(page), Some(href)) => parse_url(href, Some(&page)).ok().or(Some(page)),
        (None, Some(href)) => parse_url(href, None).ok(),
        (page, None) => page,
    };
    // Only web URLs may serve as a base: a `javascript:` base would taint
    // every relative link.
    base.filter(|b| matches!(b.scheme(), "http" | "https"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://example.org/news/a.html").unwrap()
    }

    #[test]
    fn unicode_hosts_in_any_case() {
        for input in [
            "https://Bücher.example/a",
            "http://F%C3%A9/a.png",
            "//CAFé.example/x",
        ] {
            let _ = parse_url(input, Some(&base()));
        }
        assert_eq!(
            lower_unicode_host("https://Bü.example/P?q=//Ä"),
            "https://bü.example/P?q=//Ä"
        );
        assert_eq!(lower_unicode_host("a/b?u=//Bü"), "a/b?u=//Bü");
    }

    #[test]
    fn base_must_be_web_url() {
        let dom = Dom::parse(r#"<base href="javascript:alert(1)//"><p>x</p>"#);
        assert!(page_base(&dom, "").is_none());
        let dom = Dom::parse(r#"<base href="/sub/"><p>x</p>"#);
        assert_eq!(
            page_base(&dom, "https://e.org/a/b").unwrap().as_str(),
            "https://e.org/sub/"
        );
    }
}
