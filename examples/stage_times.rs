//! Time each stage of `extract` over a folder of pages, to see where the
//! time goes: `cargo run --release --example stage_times -- DIR`.
//! The stages are `extract`'s own, reported by `declutter::extract_traced`.
use std::time::Duration;

use declutter::Stage;

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
    let mut t = [Duration::ZERO; Stage::ALL.len()];
    let options = declutter::Options::default();
    for html in &pages {
        declutter::extract_traced(
            html,
            "http://fakehost/test/page.html",
            &options,
            &mut |stage, d| {
                t[stage as usize] += d;
            },
        );
    }
    let total: Duration = t.iter().sum();
    for (stage, d) in Stage::ALL.iter().zip(t) {
        println!(
            "{:>10}: {:>7.2} ms/page ({:.0}%)",
            stage.name(),
            d.as_secs_f64() * 1000.0 / pages.len() as f64,
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        );
    }
    println!(
        "     total: {:>7.2} ms/page over {} pages",
        total.as_secs_f64() * 1000.0 / pages.len() as f64,
        pages.len()
    );
}
