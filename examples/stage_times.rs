//! Time each stage of `extract` over a folder of pages, to see where the
//! time goes: `cargo run --release --example stage_times -- DIR`.
use std::time::{Duration, Instant};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/readability".into());
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("corpus folder") {
        let path = entry.expect("entry").path().join("source.html");
        if let Ok(bytes) = std::fs::read(&path) {
            pages.push(declutter::decode::decode_html(&bytes));
        }
    }
    let mut t = [Duration::ZERO; 7];
    let names = [
        "parse", "metadata", "clutter", "article", "plan", "clean", "render",
    ];
    let options = declutter::Options::default();
    for html in &pages {
        let mut clock = Instant::now();
        let mut lap = |i: usize| {
            t[i] += clock.elapsed();
            clock = Instant::now();
        };
        let dom = declutter::dom::Dom::parse(html);
        lap(0);
        let base = declutter::urls::page_base(&dom, "http://fakehost/test/page.html");
        let metadata = declutter::metadata::read(&dom, base.as_ref());
        lap(1);
        let signals = declutter::clutter::detect(&dom);
        lap(2);
        let found = declutter::article::find(&dom, &signals, &metadata, &options);
        lap(3);
        let _plan = declutter::clutter::plan(
            &dom,
            &signals,
            &declutter::clutter::Guard::new(&dom, &metadata, found.as_ref()),
            &options.rules,
        );
        lap(4);
        let html = found
            .as_ref()
            .map(|f| declutter::sanitise::article_html(&dom, f, base.as_ref()));
        lap(5);
        let _ = html
            .and_then(|h| declutter::render::article(h, &options, &declutter::Metadata::default()));
        lap(6);
    }
    let total: Duration = t.iter().sum();
    for (name, d) in names.iter().zip(t) {
        println!(
            "{name:>9}: {:>7.2} ms/page ({:.0}%)",
            d.as_secs_f64() * 1000.0 / pages.len() as f64,
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        );
    }
    println!(
        "    total: {:>7.2} ms/page over {} pages",
        total.as_secs_f64() * 1000.0 / pages.len() as f64,
        pages.len()
    );
}
