//! Findings of fuzzing (`scripts/fuzz.sh`) and property testing
//! (`tests/properties.rs`), kept as tests.
//!
//! 1. `saved_fuzz_inputs_pass_their_targets` replays every input saved under
//!    `fuzz/regressions/<target>/` through that target's own code
//!    (`fuzz/fuzz_targets/oracle.rs`): no panic, and the security checks
//!    hold. `fuzz/regressions/render_html_idempotent/` replays `render_html`
//!    with its idempotence check on (`FUZZ_IDEMPOTENT=1` when fuzzing). To
//!    keep a new finding: minimise it (`cargo +nightly fuzz tmin TARGET
//!    fuzz/artifacts/TARGET/crash-…`) and copy it there with a name that
//!    says what it is.
//!    Saved now: `idna-uppercase-unicode-host.html` for `render_html` and
//!    `extract` (see `fuzz/regressions/README.md`): a link whose host has an
//!    upper-case ASCII letter right before a non-ASCII one
//!    (`https://Bücher.example/`) panics in any build with debug assertions
//!    (`cargo test` without `--release`, every `cargo fuzz` build) inside
//!    `url` → `idna` → `idna_adapter` 1.0.0, the no-Unicode-tables opt-out
//!    in Cargo.toml (`debug_assert!(!c.is_ascii_uppercase())`). Release
//!    builds keep the URL as written. **This replay fails in debug builds
//!    until fixed**; `cargo test --release` does not see it.
//! 2. `finding_*`: the bugs found so far, each as its minimal input with
//!    what should hold. **These fail until the bug is fixed** (all are in
//!    `src/clean.rs`, the serialiser and sanitiser). The same inputs, as the
//!    fuzzer found them, are in `fuzz/regressions/render_html_idempotent/`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use declutter::clean::sanitise;
use declutter::render::text::to_text;
use declutter::Options;

#[path = "../fuzz/fuzz_targets/oracle.rs"]
mod oracle;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/regressions");

fn words(s: &str) -> Vec<&str> {
    declutter::text::words(s).collect()
}

/// Each saved input through its target; every failure listed at once.
#[test]
fn saved_fuzz_inputs_pass_their_targets() {
    type Target = fn(&[u8]);
    let targets: [(&str, Target); 5] = [
        ("extract", oracle::extract_target),
        ("render_text", oracle::render_text_target),
        ("render_markdown", oracle::render_markdown_target),
        ("render_html", |d| oracle::render_html_target(d, false)),
        ("render_html_idempotent", |d| {
            oracle::render_html_target(d, true)
        }),
    ];
    let mut replayed = 0;
    let mut failures = Vec::new();
    for (dir, run) in targets {
        let dir = Path::new(DIR).join(dir);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries
            .map(|e| e.expect("a directory entry").path())
            .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
            .collect();
        files.sort();
        for file in files {
            let data = std::fs::read(&file).expect("read a saved input");
            replayed += 1;
            if let Err(e) = catch_unwind(AssertUnwindSafe(|| run(&data))) {
                let why = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                let why: String = why.chars().take(300).collect();
                failures.push(format!("{}: {why}", file.display()));
            }
        }
    }
    println!("replayed {replayed} saved fuzz inputs");
    assert!(
        failures.is_empty(),
        "{} of {replayed} saved inputs fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ------------------------------------------------------------- findings

/// FINDING 1 (src/clean.rs; proptest `fragments`, fuzz `render_html` with
/// `FUZZ_IDEMPOTENT=1`). A heading inside a heading, through an element the
/// sanitiser unwraps, is written as `<h1><h1>x</h1></h1>`: markup the HTML
/// parser cannot build (a heading start tag closes an open heading), so
/// the reader's DOMParser, and `sanitise` itself, read it back as
/// `<h1></h1><h1>x</h1>`. Sanitised HTML must re-sanitise to itself;
/// writing the inner heading's content without its tag (or closing the
/// outer heading first) would.
#[test]
fn finding_nested_headings_do_not_resanitise_to_themselves() {
    for input in [
        "<h1><span><h1>x</h1></span></h1>",
        "<h2><custom-el><h3>x</h3></custom-el></h2>",
        "<h1><footer>a<h1>b</h1></footer></h1>",
    ] {
        let once = sanitise(input, None);
        let twice = sanitise(&once, None);
        assert_eq!(twice, once, "input {input:?}");
    }
}

/// FINDING 2 (src/clean.rs; proptest `fragments`). Same class as finding 1
/// for list items and definition terms: an `<li>` (or `<dt>`/`<dd>`)
/// inside another through a renamed wrapper (`article`, `section`,
/// `center` → `div`) is written as `<li><div><li>x</li></div></li>`,
/// which parses as two sibling items.
#[test]
fn finding_nested_list_items_do_not_resanitise_to_themselves() {
    for input in [
        "<ul><li><article><li>x</li></article></li></ul>",
        "<dl><dt><center><dt>x</dt></center></dt></dl>",
        "<dl><dd><section><dd>x</dd></section></dd></dl>",
    ] {
        let once = sanitise(input, None);
        let twice = sanitise(&once, None);
        assert_eq!(twice, once, "input {input:?}");
    }
}

/// FINDING 2b (src/clean.rs; fuzz `render_html` with `FUZZ_IDEMPOTENT=1`,
/// minimised). The same class for links: the HTML parser's adoption agency
/// gives up after eight levels, and `<a><li><div>…(six divs)…<p><a>`
/// parses into an `<a>` inside an `<a>`, which the serialiser writes as
/// `<a><a></a></a>`; parsed again, the inner link closes the outer one.
/// An `<a>` inside an open `<a>` should be written without its tag.
#[test]
fn finding_nested_links_do_not_resanitise_to_themselves() {
    let input = "<a><li><div><div><div><div><div><div><p><a>x</a></p></div></div></div></div></div></div></li></a>";
    let once = sanitise(input, None);
    let twice = sanitise(&once, None);
    assert_eq!(twice, once, "input {input:?}");
}

/// FINDING 3 (src/clean.rs; proptest `pages`: "article word … is not in
/// the page's visible text"). A block-level element that the article keeps
/// out (`nav`, `aside`, a clutter block) or that the sanitiser unwraps
/// (`aside`, `xmp`), between two runs of text, leaves the runs touching:
/// `<div>Alpha<aside>Beta</aside>Omega</div>` sanitises to
/// `<div>AlphaBetaOmega</div>`, and in an article with the aside left out
/// the text reads "AlphaOmega", a word the page does not have (a browser
/// shows Alpha, Beta and Omega on lines of their own). A dropped or
/// unwrapped block should leave a block boundary (or at least a space).
#[test]
fn finding_dropped_or_unwrapped_blocks_glue_words() {
    for (input, want) in [
        (
            "<div>Alpha<aside>Beta</aside>Omega</div>",
            &["Alpha", "Beta", "Omega"][..],
        ),
        ("<div>Alpha<nav>Beta</nav>Omega</div>", &["Alpha", "Omega"]),
        (
            "<p>Alpha<xmp>Beta</xmp>Omega</p>",
            &["Alpha", "Beta", "Omega"],
        ),
    ] {
        let text = to_text(&sanitise(input, None));
        let got = words(&text);
        for w in want {
            assert!(
                got.contains(w),
                "{input:?}: the word {w:?} is lost in {text:?}"
            );
        }
    }
    // The same through the whole engine.
    let p = "<p>The council approved the new budget on Tuesday after a long debate, with \
             members arguing over funding for schools, roads, parks and the library, while \
             residents filled the chamber to speak for and against the plan.</p>";
    let html = format!(
        "<html><body><article>{p}{p}<div>Alpha<nav><a href=/>Home</a> <a href=/news>News</a></nav>Omega</div>{p}</article></body></html>"
    );
    let x = declutter::extract(&html, oracle::URL, &Options::default());
    let text = x.article.expect("an article").text;
    let got = words(&text);
    assert!(
        got.contains(&"Alpha") && got.contains(&"Omega"),
        "Alpha and Omega are words of the page, but the article text reads {:?}",
        text.lines().find(|l| l.contains("Omega")).unwrap_or("")
    );
}
