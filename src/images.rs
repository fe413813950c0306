//! An image's real source: lazy-loading attributes, `srcset` candidates,
//! placeholders seen through. Read here; the sanitiser checks and writes it.

use crate::dom::{Dom, NodeIx};

/// The real source of an image: lazy-loading attributes first, then
/// `srcset`'s largest candidate, then `src` unless it is a placeholder.
pub fn image_source(dom: &Dom, ix: NodeIx) -> Option<String> {
    let src = dom.attr(ix, "src").map(str::trim).filter(|s| !s.is_empty());
    let placeholder = src.is_none_or(|s| {
        s.starts_with("data:") || s.contains("blank.gif") || s.contains("placeholder")
    });
    for lazy in [
        "data-src",
        "data-lazy-src",
        "data-original",
        "data-url",
        "data-hi-res-src",
        "data-full-src",
    ] {
        if let Some(v) = dom
            .attr(ix, lazy)
            .map(str::trim)
            .filter(|s| !s.starts_with("data:") && is_one_url(s))
        {
            if placeholder || lazy == "data-src" {
                return Some(v.to_string());
            }
        }
    }
    if placeholder {
        for set in ["data-srcset", "srcset", "data-lazy-srcset"] {
            if let Some(best) = dom.attr(ix, set).and_then(largest_in_srcset) {
                return Some(best);
            }
        }
        if let Some(url) = image_in_attributes(dom, ix) {
            return Some(url);
        }
    }
    src.filter(|s| !s.starts_with("data:") || s.len() > 200)
        .map(str::to_string)
}

/// A value that is one URL and nothing else: no whitespace, no JSON or
/// markup (some pages keep a JSON object of sizes in `data-src`).
fn is_one_url(value: &str) -> bool {
    !value.is_empty()
        && !value
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '{' | '}' | '"' | '<' | '>'))
}

/// Does this URL's path name an image file (`.jpg`, `.png`, ...)?
fn names_image_file(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some((_, extension)) = path.rsplit_once('.') else {
        return false;
    };
    matches!(
        extension.to_ascii_lowercase().as_str(),
        "jpg" | "jpeg" | "png" | "webp" | "gif" | "avif"
    )
}

/// An image URL kept in an attribute a lazy loader reads under its own
/// name (`data-lazy-url`, `data-original-src`, an `itemid`): as Readability.js
/// does, any attribute holding one image URL, or a `srcset` of them.
pub fn image_in_attributes(dom: &Dom, ix: NodeIx) -> Option<String> {
    let el = dom.element(ix)?;
    el.attrs()
        .filter(|(name, _)| !matches!(*name, "src" | "srcset" | "alt" | "title" | "href"))
        .find_map(|(_, value)| {
            let value = value.trim();
            if value.starts_with("data:") {
                return None;
            }
            if is_one_url(value) && names_image_file(value) {
                return Some(value.to_string());
            }
            largest_in_srcset(value).filter(|url| {
                value.contains(char::is_whitespace) && is_one_url(url) && names_image_file(url)
            })
        })
}

/// The candidate with the largest width or density in a `srcset`.
pub fn largest_in_srcset(srcset: &str) -> Option<String> {
    srcset
        .split(", ")
        .filter_map(|candidate| {
            let mut parts = candidate.split_whitespace();
            let url = parts.next()?;
            let size = parts
                .next()
                .and_then(|d| descriptor_value(d.trim_end_matches(['w', 'x'])))
                .unwrap_or(1.0);
            Some((url.trim_end_matches(',').to_string(), size))
        })
        .filter(|(url, _)| !url.starts_with("data:"))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(url, _)| url)
}

/// The number in a `srcset` descriptor (`640`, `1.5`), read by hand:
/// float parsing would link about 10 KB of tables into the wasm.
fn descriptor_value(d: &str) -> Option<f64> {
    let (whole, fraction) = d.split_once('.').unwrap_or((d, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty() || !digits(whole) || !digits(fraction) {
        return None;
    }
    let mut value = 0.0;
    for b in whole.bytes() {
        value = value * 10.0 + f64::from(b - b'0');
    }
    let mut scale = 0.1;
    for b in fraction.bytes() {
        value += f64::from(b - b'0') * scale;
        scale /= 10.0;
    }
    Some(value)
}

/// Icons are drawn at this size or smaller (in CSS pixels).
const ICON_MAX_PX: u32 = 32;

/// Does `img` declare an icon's size: a width and a height, both at most
/// [`ICON_MAX_PX`] (a list's check mark, a badge)?
pub fn is_icon(dom: &Dom, img: NodeIx) -> bool {
    let px = |name| {
        dom.attr(img, name)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<u32>().ok())
    };
    matches!((px("width"), px("height")), (Some(w), Some(h)) if w <= ICON_MAX_PX && h <= ICON_MAX_PX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srcset_picks_largest() {
        assert_eq!(
            largest_in_srcset("a.jpg 300w, b.jpg 900w, c.jpg 600w").as_deref(),
            Some("b.jpg")
        );
        assert_eq!(
            largest_in_srcset("a.jpg 1x, b.jpg 2x").as_deref(),
            Some("b.jpg")
        );
    }

    #[test]
    fn srcset_descriptors_are_read_as_numbers() {
        assert_eq!(descriptor_value("640"), Some(640.0));
        assert_eq!(descriptor_value("1.5"), Some(1.5));
        assert_eq!(descriptor_value(".5"), Some(0.5));
        for bad in ["", ".", "1.2.3", "-1", "1e3", "x"] {
            assert_eq!(descriptor_value(bad), None, "{bad:?}");
        }
        assert_eq!(
            largest_in_srcset("a.jpg 1.5x, b.jpg 1.25x, c.jpg").as_deref(),
            Some("a.jpg")
        );
    }
}
