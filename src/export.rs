//! Whole export documents (Markdown with front matter, plain text, standalone
//! HTML) and their file names, so the extension's JavaScript only saves what
//! it is given.

use crate::model::{Extraction, Metadata};

/// Markdown with YAML front matter, the title as a level-one heading, then
/// the article.
pub fn markdown_document(x: &Extraction, url: &str) -> String {
    let m = &x.metadata;
    let fields = [
        ("title", m.title.as_deref()),
        ("url", Some(url)),
        ("byline", m.byline.as_deref()),
        ("site", m.site_name.as_deref()),
        ("date", m.published_time.as_deref()),
        ("language", m.language.as_deref()),
    ];
    let fields: Vec<(&str, &str)> = fields
        .into_iter()
        .filter_map(|(name, v)| Some((name, v?.trim())))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let mut out = String::new();
    if !fields.is_empty() {
        out.push_str("---\n");
        for (name, value) in fields {
            out.push_str(&format!("{name}: {}\n", yaml_string(value)));
        }
        out.push_str("---\n\n");
    }
    // (An extraction made without Markdown gets it from its HTML, as
    // `extract` would have rendered it.)
    let rendered;
    let body = match &x.article {
        Some(a) if a.markdown.is_empty() && !a.html.is_empty() => {
            rendered = crate::render::to_markdown(&a.html);
            rendered.as_str()
        }
        Some(a) => a.markdown.as_str(),
        None => "",
    };
    let heading = title(m).map_or(String::new(), |t| {
        crate::render::to_markdown(&format!("<h1>{}</h1>", escape_html(&t)))
    });
    // The article may already open with the same heading.
    if !heading.is_empty() && !body.starts_with(heading.as_str()) {
        out.push_str(&heading);
        if !body.is_empty() {
            out.push('\n');
        }
    }
    out.push_str(body);
    out
}

/// Plain text: title, a line of byline, site and date, the address, a blank
/// line, then the article.
pub fn text_document(x: &Extraction, url: &str) -> String {
    let m = &x.metadata;
    let mut head: Vec<String> = Vec::new();
    let body = x.article.as_ref().map_or("", |a| a.text.as_str());
    if let Some(t) = title(m) {
        // The article may already open with its title.
        if !body.starts_with(&format!("{t}\n")) {
            head.push(t);
        }
    }
    let about = about_parts(m);
    if !about.is_empty() {
        head.push(about.join(" · "));
    }
    let url = url.trim();
    if !url.is_empty() {
        head.push(field(url));
    }
    let mut out = head.join("\n");
    if !out.is_empty() {
        out.push('\n');
        if !body.is_empty() {
            out.push('\n');
        }
    }
    out.push_str(body);
    out
}

/// A standalone HTML5 page: strict CSP (no scripts, no remote styles, images
/// allowed), reading typography, a header with the article's particulars,
/// then the sanitised article HTML as it is.
pub fn html_document(x: &Extraction, url: &str) -> String {
    let m = &x.metadata;
    let title = title(m);
    let mut out = String::with_capacity(4096 + x.article.as_ref().map_or(0, |a| a.html.len()));
    out.push_str("<!DOCTYPE html>\n<html");
    if let Some(lang) = m
        .language
        .as_deref()
        .map(str::trim)
        .filter(|l| is_language_tag(l))
    {
        out.push_str(&format!(" lang=\"{lang}\""));
    }
    if let Some(dir) = m.direction.as_deref().map(str::trim) {
        if matches!(dir, "ltr" | "rtl" | "auto") {
            out.push_str(&format!(" dir=\"{dir}\""));
        }
    }
    out.push_str(">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
    ));
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    let page_title = title.as_deref().unwrap_or("Article");
    out.push_str(&format!("<title>{}</title>\n", escape_html(page_title)));
    out.push_str(&format!(
        "<style>\n{STYLE}</style>\n</head>\n<body>\n<article>\n<header>\n"
    ));
    if let Some(t) = &title {
        out.push_str(&format!("<h1>{}</h1>\n", escape_html(t)));
    }
    let about = about_parts(m);
    if !about.is_empty() {
        let about: Vec<String> = about.iter().map(|p| escape_html(p)).collect();
        out.push_str(&format!("<p class=\"byline\">{}</p>\n", about.join(" · ")));
    }
    let url = field(url);
    if !url.is_empty() {
        let text = escape_html(&url);
        if is_web_url(&url) {
            out.push_str(&format!(
                "<p class=\"source\"><a href=\"{text}\">{text}</a></p>\n"
            ));
        } else {
            out.push_str(&format!("<p class=\"source\">{text}</p>\n"));
        }
    }
    out.push_str("</header>\n");
    if let Some(a) = &x.article {
        out.push_str(&a.html);
        out.push('\n');
    }
    out.push_str("</article>\n</body>\n</html>\n");
    out
}

/// A safe file name from the title: a lower-case slug of its letters and
/// digits (any script), at most 80 characters, or "article".
pub fn file_name(title: Option<&str>, extension: &str) -> String {
    let mut slug = String::new();
    for c in title.unwrap_or("").chars().flat_map(char::to_lowercase) {
        if crate::text::is_word_char(c) && c != '_' {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    // 80 characters, and few enough bytes for any file system.
    let mut end = 0;
    for (n, (i, c)) in slug.char_indices().enumerate() {
        if n == MAX_NAME_CHARS || i + c.len_utf8() > MAX_NAME_BYTES {
            // Cut at the last dash so no word is cut in half.
            end = match slug[..i].rfind('-') {
                Some(dash) if dash > 0 => dash,
                _ => i,
            };
            break;
        }
        end = i + c.len_utf8();
    }
    let mut name = slug[..end].trim_matches('-').to_string();
    if name.is_empty() {
        name = "article".to_string();
    } else if is_reserved_name(&name) {
        name.push_str("-article");
    }
    let extension: String = extension
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if !extension.is_empty() {
        name.push('.');
        name.push_str(&extension.to_ascii_lowercase());
    }
    name
}

const MAX_NAME_CHARS: usize = 80;
const MAX_NAME_BYTES: usize = 200;

const CSP: &str = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'";

const STYLE: &str = r#":root { color-scheme: light dark; --fg: #1d1d1f; --bg: #fbfaf7; --muted: #6b6b6b; --rule: #dddad2; --code: #f1eee7; --link: #1a56a8; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e3dd; --bg: #1b1b1d; --muted: #a09c94; --rule: #3a3a3e; --code: #26262a; --link: #8ab4f8; } }
html { background: var(--bg); color: var(--fg); -webkit-text-size-adjust: 100%; }
body { margin: 0; padding: 2.5rem 1.25rem 4rem; font: 1.15rem/1.65 Charter, "Bitstream Charter", "Iowan Old Style", Georgia, Cambria, "Noto Serif", serif; }
article { max-width: 38em; margin: 0 auto; overflow-wrap: break-word; }
header { margin-bottom: 2rem; padding-bottom: 1rem; border-bottom: 1px solid var(--rule); }
header h1 { margin-top: 0; }
.byline, .source { margin: 0.25rem 0; color: var(--muted); font: 0.9rem/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.8em 0 0.6em; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { font-size: 2em; } h2 { font-size: 1.5em; } h3 { font-size: 1.25em; } h4, h5, h6 { font-size: 1em; }
p, ul, ol, dl, blockquote, pre, table, figure { margin: 0 0 1.1em; }
a { color: var(--link); }
img, video { max-width: 100%; height: auto; }
figure { margin-left: 0; margin-right: 0; }
figcaption { color: var(--muted); font-size: 0.85em; margin-top: 0.4em; }
blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid var(--rule); color: var(--muted); }
code, kbd, samp, pre { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.85em; }
code { background: var(--code); padding: 0.1em 0.3em; border-radius: 3px; }
pre { background: var(--code); padding: 0.9em 1em; overflow-x: auto; border-radius: 4px; line-height: 1.45; }
pre code { background: none; padding: 0; font-size: inherit; }
table { border-collapse: collapse; display: block; overflow-x: auto; font-size: 0.9em; }
th, td { border: 1px solid var(--rule); padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
caption { caption-side: bottom; color: var(--muted); font-size: 0.85em; padding-top: 0.4em; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2em 0; }
mark { background: #fde68a; color: #1d1d1f; }
"#;

/// The title with whitespace collapsed, if there is one.
fn title(m: &Metadata) -> Option<String> {
    let t = field(m.title.as_deref()?);
    (!t.is_empty()).then_some(t)
}

/// Byline, site and date, each with whitespace collapsed, where known.
fn about_parts(m: &Metadata) -> Vec<String> {
    [&m.byline, &m.site_name, &m.published_time]
        .into_iter()
        .filter_map(|v| v.as_deref().map(field))
        .filter(|v| !v.is_empty())
        .collect()
}

/// A metadata value as a document shows it: whitespace collapsed, no
/// control characters.
fn field(value: &str) -> String {
    crate::text::collapse_whitespace(&crate::text::output_text(value))
}

/// A YAML double-quoted scalar: backslash, quote and every control or line
/// break character escaped, so no value can end the string or the block;
/// and `<`, `>`, `&`, `[`, `]` and backtick as `\u` escapes, so a viewer that
/// renders the front matter as Markdown shows no markup or link from a
/// page's title or author (YAML reads them back as the characters).
fn yaml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}'
                        | '\u{2029}'
                        | '\u{FEFF}'
                        | '\u{FFFE}'
                        | '\u{FFFF}'
                        | '<'
                        | '>'
                        | '&'
                        | '['
                        | ']'
                        | '`'
                ) =>
            {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text and attribute-value escaping for HTML.
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Only web addresses become a link; anything else (`javascript:`) is text.
fn is_web_url(url: &str) -> bool {
    crate::urls::parse_url(url, None).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

/// Letters, digits and dashes, as BCP 47 tags are written.
fn is_language_tag(s: &str) -> bool {
    !s.is_empty() && s.len() <= 35 && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Names Windows will not open as a file, whatever the extension.
fn is_reserved_name(name: &str) -> bool {
    matches!(name, "con" | "prn" | "aux" | "nul")
        || ((name.starts_with("com") || name.starts_with("lpt"))
            && name.len() == 4
            && name.as_bytes()[3].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extraction(with_article: bool) -> Extraction {
        let html = "<h2>Part</h2><p>Body text.</p>".to_string();
        Extraction {
            metadata: Metadata {
                title: Some("Say \"hi\"\\ <now>".into()),
                byline: Some("Ann Lee".into()),
                site_name: Some("The Daily".into()),
                published_time: Some("2024-05-01".into()),
                language: Some("en".into()),
                direction: Some("ltr".into()),
                ..Metadata::default()
            },
            article: with_article
                .then(|| {
                    crate::render::article(
                        html,
                        &crate::Options::default(),
                        &crate::Metadata::default(),
                    )
                })
                .flatten(),
            ..Extraction::default()
        }
    }

    #[test]
    fn markdown_document_has_escaped_front_matter() {
        let md = markdown_document(&extraction(true), "https://e.com/a?b=\"c\"");
        assert_eq!(
            md,
            "---\ntitle: \"Say \\\"hi\\\"\\\\ \\u003Cnow\\u003E\"\nurl: \"https://e.com/a?b=\\\"c\\\"\"\n\
             byline: \"Ann Lee\"\nsite: \"The Daily\"\ndate: \"2024-05-01\"\nlanguage: \"en\"\n---\n\n\
             # Say \"hi\"\\\\ \\<now\\>\n\n## Part\n\nBody text.\n"
        );
    }

    #[test]
    fn front_matter_carries_no_markup_and_no_controls() {
        let mut x = extraction(false);
        x.metadata.title = Some("<img src=x onerror=alert(1)> [a](javascript:alert(2)) `x`".into());
        x.metadata.byline = Some("Eve\u{1b}]52;c;ZXZpbA==\u{7}\u{9b}31m".into());
        let md = markdown_document(&x, "https://e.com/a");
        let front = md.split("---\n").nth(1).unwrap();
        assert!(
            !front.contains(['<', '>', '[', ']', '`', '\u{1b}', '\u{7}', '\u{9b}']),
            "{front}"
        );
        assert!(front.contains("title: \"\\u003Cimg src=x onerror=alert(1)\\u003E \\u005Ba\\u005D(javascript:alert(2)) \\u0060x\\u0060\""), "{front}");
        // The text document's head and the HTML document drop the controls.
        let text = text_document(&x, "https://e.com/a");
        assert!(
            text.lines()
                .nth(1)
                .unwrap()
                .starts_with("Eve]52;c;ZXZpbA==31m"),
            "{text}"
        );
        assert!(!html_document(&x, "https://e.com/a").contains(['\u{1b}', '\u{7}', '\u{9b}']));
    }

    #[test]
    fn yaml_escapes_line_breaks_and_controls() {
        assert_eq!(
            yaml_string("a\nb\u{7}c\u{2028}"),
            "\"a\\nb\\u0007c\\u2028\""
        );
    }

    #[test]
    fn documents_without_article_are_well_formed() {
        let x = Extraction::default();
        assert_eq!(markdown_document(&x, ""), "");
        assert_eq!(text_document(&x, ""), "");
        let html = html_document(&x, "");
        assert!(html.starts_with("<!DOCTYPE html>\n<html>\n<head>"));
        assert!(html.contains("<title>Article</title>"));
        assert!(html.ends_with("</article>\n</body>\n</html>\n"));
        let md = markdown_document(&extraction(false), "");
        assert!(md.ends_with("---\n\n# Say \"hi\"\\\\ \\<now\\>\n"));
    }

    #[test]
    fn text_document_has_a_header() {
        let text = text_document(&extraction(true), "https://e.com/a");
        assert_eq!(
            text,
            "Say \"hi\"\\ <now>\nAnn Lee · The Daily · 2024-05-01\nhttps://e.com/a\n\nPart\n\nBody text.\n"
        );
    }

    #[test]
    fn html_document_is_standalone_and_escaped() {
        let html = html_document(&extraction(true), "javascript:alert(1)");
        assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains(&format!("content=\"{CSP}\"")));
        assert!(html.contains("<title>Say &quot;hi&quot;\\ &lt;now&gt;</title>"));
        assert!(html.contains("<p class=\"byline\">Ann Lee · The Daily · 2024-05-01</p>"));
        assert!(html.contains("<p class=\"source\">javascript:alert(1)</p>"));
        assert!(html.contains("<h2>Part</h2><p>Body text.</p>"));
        assert!(!html.contains("<script"));
        let linked = html_document(&extraction(true), "https://e.com/a?x=1&y=2");
        assert!(linked.contains("<a href=\"https://e.com/a?x=1&amp;y=2\">"));
    }

    #[test]
    fn hostile_language_and_direction_are_dropped() {
        let mut x = extraction(false);
        x.metadata.language = Some("en\"><script>".into());
        x.metadata.direction = Some("sideways".into());
        assert!(html_document(&x, "").contains("<html>\n"));
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(file_name(Some("../../etc/passwd"), "md"), "etc-passwd.md");
        assert_eq!(file_name(Some("a/b\\c:d"), "txt"), "a-b-c-d.txt");
        assert_eq!(file_name(Some("🎉🎉"), "html"), "article.html");
        assert_eq!(file_name(Some("🎉 Party time!"), "html"), "party-time.html");
        assert_eq!(file_name(Some(""), "md"), "article.md");
        assert_eq!(file_name(None, "md"), "article.md");
        assert_eq!(
            file_name(Some("Ça va, Zürich? 東京"), "md"),
            "ça-va-zürich-東京.md"
        );
        assert_eq!(file_name(Some("CON"), "txt"), "con-article.txt");
        assert_eq!(file_name(Some("x"), "../md"), "x.md");
        assert_eq!(
            file_name(Some("snake_case name"), "md"),
            "snake-case-name.md"
        );
    }

    #[test]
    fn long_titles_are_cut_at_a_dash() {
        let title = "word ".repeat(40);
        let name = file_name(Some(&title), "md");
        let stem = name.strip_suffix(".md").unwrap();
        assert!(
            stem.chars().count() <= 80 && stem.ends_with("word"),
            "{name}"
        );
        let long = "東".repeat(300);
        let name = file_name(Some(&long), "md");
        assert!(name.len() <= 204, "{}", name.len());
    }
}
