//! Markdown on demand: an extraction made without Markdown (what the wasm
//! bindings make) exports the same Markdown file as one made with it, on
//! every Mozilla corpus page; only the extraction's own field is empty.
//! `cargo test --release --test markdown_on_demand`

use declutter::{export, extract, Options};

#[test]
fn the_markdown_export_is_the_same_without_markdown_in_the_extraction() {
    let dir = std::path::Path::new("../shared/corpus/readability");
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("no corpus at {}: the tests need ../shared", dir.display());
    };
    let url = "http://fakehost/test/page.html";
    let without = Options {
        markdown: false,
        ..Options::default()
    };
    let mut pages = 0;
    for entry in entries.flatten() {
        let Ok(bytes) = std::fs::read(entry.path().join("source.html")) else {
            continue;
        };
        let html = declutter::decode::decode_html(&bytes);
        let full = extract(&html, url, &Options::default());
        let lean = extract(&html, url, &without);
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(article) = &lean.article {
            assert!(article.markdown.is_empty(), "{name}: Markdown rendered");
            assert!(
                !full.article.as_ref().unwrap().markdown.is_empty(),
                "{name}"
            );
            pages += 1;
        }
        assert_eq!(
            export::markdown_document(&lean, url),
            export::markdown_document(&full, url),
            "{name}"
        );
        // Everything else is the same extraction.
        let mut refilled = lean.clone();
        if let (Some(a), Some(b)) = (&mut refilled.article, &full.article) {
            a.markdown = b.markdown.clone();
        }
        assert_eq!(refilled, full, "{name}");
    }
    assert!(pages >= 100, "only {pages} pages with an article");
}
