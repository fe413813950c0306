//! The `declutter` command as a user runs it: formats, stdin, errors and
//! exit codes, charsets.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use declutter::dom::Dom;
use declutter::{Extraction, Options};

const BIN: &str = env!("CARGO_BIN_EXE_declutter");
const NEWSMAX: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/newsmax-kazakhstan.html"
);
const NEWSMAX_URL: &str =
    "https://www.newsmax.com/globaltalk/vladimir-putin-kazakhstan-russia/2024/11/27/id/1189560/";
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cli");

const TITLE: &str = "Putin Seeks to Shore Up Ties on Visit to 'Friendly' Kazakhstan";
const FIRST: &str = "Russian President Vladimir Putin arrived in Kazakhstan on Wednesday for a two-day trip aimed at shoring up ties with his Central Asian ally as tensions mount over the Ukraine war.";
const LAST: &str = "Ushakov on Tuesday said that Armenia remained a fully fledged member of the alliance and that it could return at any moment.";

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start declutter");
    if let Some(bytes) = stdin {
        // Write on another thread so a full stdout pipe cannot deadlock us.
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || {
            let _ = pipe.write_all(&bytes);
        });
    }
    child.wait_with_output().expect("wait for declutter")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn show(o: &Output) -> String {
    format!(
        "exit {:?}\n--- stderr\n{}\n--- stdout (start)\n{}",
        o.status.code(),
        stderr(o),
        String::from_utf8_lossy(&o.stdout)
            .chars()
            .take(1500)
            .collect::<String>()
    )
}

fn assert_success(o: &Output) {
    assert_eq!(o.status.code(), Some(0), "{}", show(o));
    assert!(
        o.stderr.is_empty(),
        "nothing on stderr on success:\n{}",
        show(o)
    );
}

/// A failure: the exit code, and exactly one line on stderr starting with
/// `declutter: `. Returns that line.
fn assert_failure(o: &Output, code: i32) -> String {
    assert_eq!(o.status.code(), Some(code), "{}", show(o));
    let err = stderr(o);
    assert!(
        err.ends_with('\n') && err.matches('\n').count() == 1,
        "stderr should be exactly one line, got {err:?}"
    );
    assert!(
        err.starts_with("declutter: "),
        "stderr should start with `declutter: `, got {err:?}"
    );
    assert!(
        !err.contains("panicked"),
        "a panic is not an error message: {err:?}"
    );
    err.trim_end().to_string()
}

/// Markdown with backslash escapes undone.
fn unescape_markdown(md: &str) -> String {
    let mut out = String::new();
    let mut chars = md.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| n.is_ascii_punctuation()) {
            out.push(chars.next().unwrap());
        } else {
            out.push(c);
        }
    }
    out
}

fn library_extraction() -> Extraction {
    let html = declutter::decode::decode_html(&std::fs::read(NEWSMAX).unwrap());
    declutter::extract(&html, NEWSMAX_URL, &Options::default())
}

// ---------------------------------------------------------------- formats

#[test]
fn extract_text_is_the_article_text() {
    let o = run(
        &["extract", "--url", NEWSMAX_URL, "--format", "text", NEWSMAX],
        None,
    );
    assert_success(&o);
    let out = stdout(&o);
    let text = collapse(&out);
    assert!(text.contains(FIRST) && text.contains(LAST), "{}", show(&o));
    let lib = library_extraction();
    let want = lib.article.expect("article").text;
    assert_eq!(
        out.trim_end(),
        want.trim_end(),
        "text output is article.text"
    );
}

#[test]
fn text_is_the_default_format() {
    let with = run(
        &["extract", "--url", NEWSMAX_URL, "--format", "text", NEWSMAX],
        None,
    );
    let without = run(&["extract", "--url", NEWSMAX_URL, NEWSMAX], None);
    assert_success(&without);
    assert_eq!(with.stdout, without.stdout);
}

#[test]
fn extract_markdown_is_the_export_document() {
    let o = run(
        &[
            "extract",
            "--url",
            NEWSMAX_URL,
            "--format",
            "markdown",
            NEWSMAX,
        ],
        None,
    );
    assert_success(&o);
    let md = collapse(&unescape_markdown(&stdout(&o)));
    for s in [TITLE, FIRST, "Ukraine on Agenda", LAST] {
        assert!(md.contains(s), "Markdown output lacks {s:?}\n{}", show(&o));
    }
    let want = declutter::export::markdown_document(&library_extraction(), NEWSMAX_URL);
    assert_eq!(stdout(&o).trim_end(), want.trim_end());
}

#[test]
fn extract_html_is_a_standalone_document() {
    let o = run(
        &["extract", "--url", NEWSMAX_URL, "--format", "html", NEWSMAX],
        None,
    );
    assert_success(&o);
    let out = stdout(&o);
    assert!(
        out.trim_start()
            .to_ascii_lowercase()
            .starts_with("<!doctype html"),
        "HTML output should be a whole document:\n{}",
        show(&o)
    );
    let dom = Dom::parse(&out);
    let text = collapse(&dom.text(0));
    for s in [TITLE, FIRST, "Ukraine on Agenda", LAST] {
        assert!(text.contains(s), "HTML output lacks {s:?}\n{}", show(&o));
    }
    let want = declutter::export::html_document(&library_extraction(), NEWSMAX_URL);
    assert_eq!(out.trim_end(), want.trim_end());
}

#[test]
fn extract_json_is_the_whole_extraction() {
    let o = run(
        &["extract", "--url", NEWSMAX_URL, "--format", "json", NEWSMAX],
        None,
    );
    assert_success(&o);
    let out = stdout(&o);
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    for key in ["metadata", "article", "readerable", "clutter"] {
        assert!(value.get(key).is_some(), "JSON lacks {key:?}");
    }
    assert!(out.contains("\n  \""), "JSON should be pretty-printed");
    let mut parsed: Extraction = serde_json::from_value(value).expect("JSON is an Extraction");
    let mut lib = library_extraction();
    // serde_json parses floats best-effort (last-bit differences), so the
    // readerable score is compared with a tolerance and the rest exactly.
    let (a, b) = (parsed.readerable.score, lib.readerable.score);
    assert!(
        (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        "readerable score {a} vs {b}"
    );
    parsed.readerable.score = 0.0;
    lib.readerable.score = 0.0;
    assert_eq!(parsed, lib, "the CLI runs the same engine as the library");
}

#[test]
fn format_accepts_the_equals_form() {
    let a = run(
        &["extract", "--format=json", "--url", NEWSMAX_URL, NEWSMAX],
        None,
    );
    let b = run(
        &["extract", "--url", NEWSMAX_URL, "--format", "json", NEWSMAX],
        None,
    );
    assert_success(&a);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn clutter_lists_one_block_per_line() {
    let o = run(&["clutter", "--url", NEWSMAX_URL, NEWSMAX], None);
    assert_success(&o);
    let out = stdout(&o);
    let lib = library_extraction();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.len(),
        lib.clutter.len(),
        "one line per plan block:\n{out}"
    );
    for (line, block) in lines.iter().zip(&lib.clutter) {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 4, "kind, reason, preview, locator: {line:?}");
        assert_eq!(fields[0], block.kind.as_str());
        assert!(
            !fields[1].trim().is_empty(),
            "a reason on every line: {line:?}"
        );
        let locator = block
            .locator
            .selector
            .clone()
            .unwrap_or_else(|| format!("#{}", block.locator.index));
        assert_eq!(fields[3], locator);
    }
    for kind in ["newsletter", "comments", "repeated_boilerplate"] {
        assert!(
            lines.iter().any(|l| l.starts_with(&format!("{kind}\t"))),
            "the Newsmax plan should list a {kind} block:\n{out}"
        );
    }
}

// ---------------------------------------------------------------- input

#[test]
fn stdin_dash_reads_standard_input() {
    let page = std::fs::read(NEWSMAX).unwrap();
    let from_file = run(
        &["extract", "--url", NEWSMAX_URL, "--format", "json", NEWSMAX],
        None,
    );
    let from_dash = run(
        &["extract", "--url", NEWSMAX_URL, "--format", "json", "-"],
        Some(&page),
    );
    let from_none = run(
        &["extract", "--url", NEWSMAX_URL, "--format", "json"],
        Some(&page),
    );
    assert_success(&from_dash);
    assert_success(&from_none);
    assert_eq!(from_dash.stdout, from_file.stdout);
    assert_eq!(from_none.stdout, from_file.stdout);
}

#[test]
fn stdin_text_has_the_article() {
    let page = std::fs::read(NEWSMAX).unwrap();
    let o = run(&["extract", "--url", NEWSMAX_URL, "-"], Some(&page));
    assert_success(&o);
    assert!(collapse(&stdout(&o)).contains(FIRST), "{}", show(&o));
}

#[test]
fn clutter_reads_stdin_too() {
    let page = std::fs::read(NEWSMAX).unwrap();
    let a = run(&["clutter", "--url", NEWSMAX_URL, "-"], Some(&page));
    let b = run(&["clutter", "--url", NEWSMAX_URL, NEWSMAX], None);
    assert_success(&a);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn windows_1252_page_is_decoded() {
    let path = format!("{FIXTURES}/windows-1252.html");
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must really be windows-1252 bytes"
    );
    let o = run(
        &[
            "extract",
            "--url",
            "https://example.fr/actualites/cafe",
            &path,
        ],
        None,
    );
    assert_success(&o);
    let out = stdout(&o);
    assert!(
        !out.contains('\u{FFFD}'),
        "no replacement characters:\n{out}"
    );
    for s in ["café", "été", "défense", "Zoé", "“le cœur"] {
        assert!(
            out.contains(s),
            "{s:?} should survive decoding:\n{}",
            show(&o)
        );
    }
    let json = run(&["extract", "--format", "json", &path], None);
    let x: Extraction = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(
        x.metadata.title.as_deref(),
        Some("Le café du village rouvre après l’été"),
        "title decoded from windows-1252"
    );
}

// ---------------------------------------------------------------- errors

#[test]
fn missing_file_is_an_io_error() {
    let o = run(&["extract", "/nonexistent/dir/page.html"], None);
    let line = assert_failure(&o, 1);
    assert!(
        line.contains("/nonexistent/dir/page.html"),
        "name the file: {line}"
    );
    assert!(o.stdout.is_empty());
    let o = run(&["clutter", "/nonexistent/dir/page.html"], None);
    assert_failure(&o, 1);
}

#[test]
fn a_directory_is_unreadable_input() {
    let o = run(&["extract", env!("CARGO_MANIFEST_DIR")], None);
    assert_failure(&o, 1);
}

#[test]
fn bad_arguments_are_usage_errors() {
    let cases: &[&[&str]] = &[
        &[],
        &["frobnicate", NEWSMAX],
        &["extract", "--format", "pdf", NEWSMAX],
        &["extract", "--format"],
        &["extract", "--url"],
        &["extract", "--bogus", NEWSMAX],
        &["extract", NEWSMAX, NEWSMAX],
    ];
    for args in cases {
        let o = run(args, None);
        assert_eq!(o.status.code(), Some(2), "args {args:?}: {}", show(&o));
        let err = stderr(&o);
        assert!(
            err.starts_with("declutter: ") && err.matches('\n').count() == 1,
            "args {args:?}: one line starting `declutter: `, got {err:?}"
        );
        assert!(o.stdout.is_empty(), "args {args:?}: nothing on stdout");
    }
}

#[test]
fn page_without_an_article_says_so() {
    let path = format!("{FIXTURES}/no-article.html");
    for format in ["text", "markdown", "html"] {
        let o = run(&["extract", "--format", format, &path], None);
        let line = assert_failure(&o, 3);
        assert_eq!(
            line, "declutter: no article found on this page",
            "format {format}"
        );
        assert!(o.stdout.is_empty(), "format {format}: nothing on stdout");
    }
    let o = run(&["extract", "--format", "json", &path], None);
    assert_success(&o);
    let x: Extraction = serde_json::from_slice(&o.stdout).expect("json");
    assert!(x.article.is_none(), "a sign-in page has no article");
    assert!(!x.readerable.is_article, "a sign-in page is not readerable");
}

#[test]
fn empty_input_is_no_article_not_a_crash() {
    let o = run(&["extract", "-"], Some(b""));
    let line = assert_failure(&o, 3);
    assert_eq!(line, "declutter: no article found on this page");
    let o = run(&["clutter", "-"], Some(b""));
    assert_success(&o);
    assert!(o.stdout.is_empty());
}

#[test]
fn help_and_version() {
    for flag in ["--help", "-h"] {
        let o = run(&[flag], None);
        assert_success(&o);
        let out = stdout(&o);
        assert!(
            out.contains("declutter extract") && out.contains("declutter clutter"),
            "{out}"
        );
        assert!(out.contains("--format") && out.contains("--url"), "{out}");
    }
    let o = run(&["extract", "--help"], None);
    assert_success(&o);
    let o = run(&["--version"], None);
    assert_success(&o);
    assert_eq!(
        stdout(&o),
        format!("declutter {}\n", env!("CARGO_PKG_VERSION"))
    );
}
