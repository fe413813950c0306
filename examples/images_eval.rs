//! Images evaluation: of the images Readability.js keeps in `expected.html`
//! on Mozilla's test pages, how many our article HTML keeps, and their
//! captions.
//!
//! ```text
//! cargo run --release --example images_eval -- [--shared DIR] [--out docs/IMAGES_EVAL.md]
//! ```
//!
//! Images are matched by file name: the last path segment of `src` (else of
//! the first `srcset` candidate), query and fragment dropped, percent-escapes
//! decoded; `data:` images are skipped. A page's images are a set of names.
//! Captions: the `figcaption` texts of `expected.html` (whitespace collapsed)
//! found in the text of our article HTML. The report is printed; `--out`
//! writes it too. Tests of the instrument: `cargo test --release --example
//! images_eval`.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use declutter::Options;
use scraper::{Html, Selector};

mod common;
use common::list_dirs;

/// The URL the Readability test pages were tested with.
const READABILITY_TEST_URL: &str = "http://fakehost/test/page.html";

struct Args {
    shared: PathBuf,
    out: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        shared: Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
        out: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--shared" => args.shared = PathBuf::from(value()?),
            "--out" => args.out = Some(PathBuf::from(value()?)),
            "-h" | "--help" => return Err("usage: images_eval [--shared DIR] [--out FILE]".into()),
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    Ok(args)
}

// ---------------------------------------------------------------------------
// What an image is called, what a caption says
// ---------------------------------------------------------------------------

/// `%XX` escapes decoded (invalid ones kept as written), so `a%20b.jpg`
/// and `a b.jpg` name the same file.
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The file name a URL points at: its last path segment, without query or
/// fragment. `None` for `data:` URLs and URLs ending in `/`.
fn file_name_of_url(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty()
        || url
            .get(..5)
            .is_some_and(|s| s.eq_ignore_ascii_case("data:"))
    {
        return None;
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    let name = path.rsplit('/').next().unwrap_or("");
    (!name.is_empty()).then(|| percent_decoded(name))
}

/// The URL of the first candidate of a `srcset`.
fn first_srcset_url(srcset: &str) -> Option<&str> {
    srcset
        .split_whitespace()
        .next()
        .map(|u| u.trim_end_matches(','))
}

/// The names of the images in an HTML fragment: `src`, else the first
/// `srcset` candidate.
fn image_names(html: &str) -> BTreeSet<String> {
    let doc = Html::parse_fragment(html);
    let img = Selector::parse("img").expect("selector");
    doc.select(&img)
        .filter_map(|e| {
            let v = e.value();
            v.attr("src")
                .filter(|s| !s.trim().is_empty())
                .or_else(|| v.attr("srcset").and_then(first_srcset_url))
                .and_then(file_name_of_url)
        })
        .collect()
}

fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The non-empty `figcaption` texts of an HTML fragment, whitespace collapsed.
fn caption_texts(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    let caption = Selector::parse("figcaption").expect("selector");
    doc.select(&caption)
        .map(|e| collapse_whitespace(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty())
        .collect()
}

/// All text of an HTML fragment, whitespace collapsed (a space between
/// text nodes, so words of adjacent blocks stay apart).
fn text_of_html(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    collapse_whitespace(&doc.root_element().text().collect::<Vec<_>>().join(" "))
}

/// How many of `captions` appear in `text` (both whitespace-collapsed).
fn captions_found(captions: &[String], text: &str) -> usize {
    captions
        .iter()
        .filter(|c| text.contains(c.as_str()))
        .count()
}

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

struct Page {
    name: String,
    expected: BTreeSet<String>,
    ours: BTreeSet<String>,
    captions: usize,
    captions_kept: usize,
}

impl Page {
    fn kept(&self) -> usize {
        self.expected.intersection(&self.ours).count()
    }

    fn missing(&self) -> Vec<&String> {
        self.expected.difference(&self.ours).collect()
    }

    fn extra(&self) -> usize {
        self.ours.difference(&self.expected).count()
    }
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn evaluate_page(dir: &Path) -> Result<Page, String> {
    let expected_html = read_text(&dir.join("expected.html"))?;
    let source = read_text(&dir.join("source.html"))?;
    let extraction = declutter::extract(&source, READABILITY_TEST_URL, &Options::default());
    let ours_html = extraction.article.map(|a| a.html).unwrap_or_default();
    let captions = caption_texts(&expected_html);
    let captions_kept = captions_found(&captions, &text_of_html(&ours_html));
    Ok(Page {
        name: dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned(),
        expected: image_names(&expected_html),
        ours: image_names(&ours_html),
        captions: captions.len(),
        captions_kept,
    })
}

// ---------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{:.1}%", 100.0 * part as f64 / whole as f64)
    }
}

fn report(pages: &[Page]) -> String {
    let expected: usize = pages.iter().map(|p| p.expected.len()).sum();
    let kept: usize = pages.iter().map(Page::kept).sum();
    let extra: usize = pages.iter().map(Page::extra).sum();
    let with_images = pages.iter().filter(|p| !p.expected.is_empty()).count();
    let losing: Vec<&Page> = pages
        .iter()
        .filter(|p| p.kept() < p.expected.len())
        .collect();
    let captions: usize = pages.iter().map(|p| p.captions).sum();
    let captions_kept: usize = pages.iter().map(|p| p.captions_kept).sum();
    let mut r = String::new();
    let _ = writeln!(r, "# Images evaluation\n");
    let _ = writeln!(
        r,
        "Generated by `cargo run --release --example images_eval -- --out docs/IMAGES_EVAL.md`. \
         Mozilla Readability's {} test pages, URL `{READABILITY_TEST_URL}`, default `Options`. \
         Images matched by file name (last path segment of `src`, else of the first `srcset` \
         candidate; no query; `data:` skipped), one set per page. Captions: `figcaption` texts \
         of `expected.html` found in our article's text. Do not edit by hand: rerun the command.\n",
        pages.len()
    );
    let _ = writeln!(r, "| | count |");
    let _ = writeln!(r, "|---|---:|");
    let _ = writeln!(
        r,
        "| images kept / expected | {kept} / {expected} ({}) |",
        percent(kept, expected)
    );
    let _ = writeln!(
        r,
        "| pages losing images / pages with images | {} / {with_images} |",
        losing.len()
    );
    let _ = writeln!(
        r,
        "| captions kept / expected | {captions_kept} / {captions} ({}) |",
        percent(captions_kept, captions)
    );
    let _ = writeln!(
        r,
        "| extra images (ours only, for information) | {extra} |\n"
    );
    let _ = writeln!(r, "## Pages losing images\n");
    let _ = writeln!(r, "| page | kept | expected | extra | missing (first 3) |");
    let _ = writeln!(r, "|---|---:|---:|---:|---|");
    for p in &losing {
        let missing: Vec<String> = p
            .missing()
            .iter()
            .take(3)
            .map(|m| format!("`{}`", m.replace('|', "\\|")))
            .collect();
        let _ = writeln!(
            r,
            "| {} | {} | {} | {} | {} |",
            p.name,
            p.kept(),
            p.expected.len(),
            p.extra(),
            missing.join(", ")
        );
    }
    let _ = writeln!(r, "\n## Pages keeping images Readability.js does not\n");
    let _ = writeln!(r, "| page | extra | expected |");
    let _ = writeln!(r, "|---|---:|---:|");
    for p in pages.iter().filter(|p| p.extra() > 0) {
        let _ = writeln!(r, "| {} | {} | {} |", p.name, p.extra(), p.expected.len());
    }
    r
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let dirs = list_dirs(&args.shared.join("corpus/readability"));
    let pages: Vec<Page> = dirs
        .iter()
        .filter_map(|d| match evaluate_page(d) {
            Ok(p) => Some(p),
            Err(e) => {
                eprintln!("{e}");
                None
            }
        })
        .collect();
    let report = report(&pages);
    print!("{report}");
    if let Some(out) = &args.out {
        if let Err(e) = std::fs::write(out, &report) {
            eprintln!("cannot write {}: {e}", out.display());
            std::process::exit(1);
        }
    }
}

// ---------------------------------------------------------------------------
// Tests of the instrument
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_drop_path_query_and_data_urls() {
        assert_eq!(
            file_name_of_url("http://x.org/a/b/pic.jpg?w=300#f").as_deref(),
            Some("pic.jpg")
        );
        assert_eq!(
            file_name_of_url("pic%20one.png").as_deref(),
            Some("pic one.png")
        );
        assert_eq!(file_name_of_url("data:image/png;base64,AAA"), None);
        assert_eq!(file_name_of_url("DATA:image/gif,x"), None);
        assert_eq!(file_name_of_url("http://x.org/dir/"), None);
    }

    #[test]
    fn percent_escapes_decode_and_bad_ones_stay() {
        assert_eq!(percent_decoded("a%C3%A9b"), "aéb");
        assert_eq!(percent_decoded("100%"), "100%");
        assert_eq!(percent_decoded("%zz%4"), "%zz%4");
    }

    #[test]
    fn images_are_named_by_src_else_first_srcset_candidate() {
        let names = image_names(
            r#"<p><img src="/i/a.jpg?x=1"><img srcset="b.jpg 1x, c.jpg 2x">
               <img src="data:image/gif;base64,R0l"><img src="a.jpg"></p>"#,
        );
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(names, ["a.jpg", "b.jpg"]);
    }

    #[test]
    fn captions_are_found_in_the_text_whitespace_collapsed() {
        let expected =
            "<figure><img src=a.jpg><figcaption>The  harbour\n at dawn</figcaption></figure>\
                        <figure><figcaption>  </figcaption></figure><figcaption>Gone</figcaption>";
        let captions = caption_texts(expected);
        assert_eq!(captions, ["The harbour at dawn", "Gone"]);
        let ours = text_of_html("<div><p>The harbour\nat dawn</p></div>");
        assert_eq!(captions_found(&captions, &ours), 1);
    }

    #[test]
    fn a_page_counts_kept_missing_and_extra_names() {
        let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
        let page = Page {
            name: "p".into(),
            expected: set(&["a.jpg", "b.jpg", "c.jpg"]),
            ours: set(&["a.jpg", "d.jpg"]),
            captions: 0,
            captions_kept: 0,
        };
        assert_eq!(page.kept(), 1);
        assert_eq!(page.missing(), ["b.jpg", "c.jpg"]);
        assert_eq!(page.extra(), 1);
    }
}
