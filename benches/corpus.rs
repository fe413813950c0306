//! Speed on real pages: declutter against dom_smoothie (a Rust port of
//! Readability.js) over the Mozilla Readability test corpus, in one run, on the
//! same pages.
//!
//! ```text
//! cargo bench --features bench-peers --bench corpus
//! ```
//!
//! The corpus is `<shared>/corpus/readability/*/source.html`, where `<shared>`
//! is `$DECLUTTER_SHARED` if set, else `../shared` next to this crate.
//!
//! Two kinds of numbers come out:
//!
//! * Criterion groups `corpus/declutter` and `corpus/dom_smoothie`: one
//!   iteration is one pass over every page (flat sampling, 10 samples).
//! * A summary table computed here, outside Criterion: each page timed on its
//!   own several times (median per page, then median over pages), and whole
//!   passes timed to give pages per second. Paste it into a note as is.
//!
//! Both engines start from the same `&str` and do their whole job: declutter's
//! `extract` (parse, metadata, article, clutter plan, cleaning, text and
//! Markdown) and dom_smoothie's `Readability::new(..).parse()` with its default
//! config (parse, metadata, article, cleaning, text). Pages on which either
//! engine errors or panics are left out for both, and listed.
//!
//! Environment knobs: `DECLUTTER_BENCH_REPS` (per-page repetitions for the
//! summary, default 5), `DECLUTTER_BENCH_PASSES` (whole passes, default 3),
//! `DECLUTTER_BENCH_SUMMARY=0` to skip the summary.

use std::hint::black_box;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

mod common;

use common::{is_bench_mode, load_average, median};
use criterion::{Criterion, SamplingMode, Throughput};

const URL: &str = "http://fakehost/test/page.html";

struct Page {
    name: String,
    html: String,
}

fn corpus_dir() -> PathBuf {
    match std::env::var_os("DECLUTTER_SHARED") {
        Some(shared) => PathBuf::from(shared).join("corpus/readability"),
        None => PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/corpus/readability"
        )),
    }
}

fn load_pages() -> Vec<Page> {
    let dir = corpus_dir();
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read corpus dir {}: {e}", dir.display()));
    let mut pages: Vec<Page> = entries
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let bytes = std::fs::read(path.join("source.html")).ok()?;
            Some(Page {
                name: path.file_name()?.to_string_lossy().into_owned(),
                html: String::from_utf8_lossy(&bytes).into_owned(),
            })
        })
        .collect();
    pages.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(
        !pages.is_empty(),
        "no */source.html under {}",
        dir.display()
    );
    pages
}

fn run_declutter(html: &str) -> usize {
    let out = declutter::extract(html, URL, &declutter::Options::default());
    out.article.map_or(0, |a| a.html.len()) + out.clutter.len()
}

fn run_dom_smoothie(html: &str) -> Result<usize, dom_smoothie::ReadabilityError> {
    let mut readability = dom_smoothie::Readability::new(html, Some(URL), None)?;
    let article = readability.parse()?;
    Ok(article.content.len())
}

#[derive(Clone, Copy, PartialEq)]
enum Engine {
    Declutter,
    DomSmoothie,
}

impl Engine {
    const ALL: [Engine; 2] = [Engine::Declutter, Engine::DomSmoothie];

    fn name(self) -> &'static str {
        match self {
            Engine::Declutter => "declutter",
            Engine::DomSmoothie => "dom_smoothie",
        }
    }

    /// Run once; the result only feeds `black_box`.
    fn run(self, html: &str) -> usize {
        match self {
            Engine::Declutter => run_declutter(html),
            Engine::DomSmoothie => run_dom_smoothie(html).unwrap_or(0),
        }
    }
}

/// Run both engines once on every page; keep the pages on which both succeed.
fn screen(pages: Vec<Page>) -> (Vec<Page>, Vec<String>) {
    // Keep a panicking engine from printing a backtrace per page.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    for page in pages {
        let declutter = catch_unwind(AssertUnwindSafe(|| run_declutter(&page.html)));
        let smoothie = catch_unwind(AssertUnwindSafe(|| run_dom_smoothie(&page.html)));
        let mut why = Vec::new();
        if let Err(payload) = &declutter {
            why.push(format!(
                "declutter panicked: {}",
                panic_message(payload.as_ref())
            ));
        }
        match smoothie {
            Err(payload) => why.push(format!(
                "dom_smoothie panicked: {}",
                panic_message(payload.as_ref())
            )),
            Ok(Err(e)) => why.push(format!("dom_smoothie: {e}")),
            Ok(Ok(_)) => {}
        }
        if why.is_empty() {
            kept.push(page);
        } else {
            dropped.push(format!("{} ({})", page.name, why.join("; ")));
        }
    }
    std::panic::set_hook(hook);
    (kept, dropped)
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let msg = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "non-string panic".to_string());
    // One line, no backticks, short: it goes into a Markdown list.
    let line = msg
        .replace('`', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    line.chars().take(100).collect()
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(default)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

struct EngineSummary {
    per_page_median: Vec<Duration>,
    passes: Vec<Duration>,
}

/// Time each page alone (engines interleaved per page and repetition, so load
/// from other processes hits both alike), then whole passes (interleaved too).
fn summary(pages: &[Page], dropped: &[String], total_pages: usize) {
    let reps = env_usize("DECLUTTER_BENCH_REPS", 5);
    let passes = env_usize("DECLUTTER_BENCH_PASSES", 3);
    let started = Instant::now();
    let mut results: Vec<EngineSummary> = Engine::ALL
        .iter()
        .map(|_| EngineSummary {
            per_page_median: Vec::with_capacity(pages.len()),
            passes: Vec::with_capacity(passes),
        })
        .collect();

    let mut slowest: Vec<(Duration, Duration, &str)> = Vec::new();
    for page in pages {
        let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(reps); Engine::ALL.len()];
        for _ in 0..reps {
            for (i, engine) in Engine::ALL.iter().enumerate() {
                let t = Instant::now();
                black_box(engine.run(black_box(&page.html)));
                times[i].push(t.elapsed());
            }
        }
        let meds: Vec<Duration> = times.iter_mut().map(|t| median(t)).collect();
        for (i, m) in meds.iter().enumerate() {
            results[i].per_page_median.push(*m);
        }
        slowest.push((meds[0], meds[1], &page.name));
    }
    for _ in 0..passes {
        for (i, engine) in Engine::ALL.iter().enumerate() {
            let t = Instant::now();
            for page in pages {
                black_box(engine.run(black_box(&page.html)));
            }
            results[i].passes.push(t.elapsed());
        }
    }

    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let n = pages.len() as f64;
    let mut rows = Vec::new();
    for (i, engine) in Engine::ALL.iter().enumerate() {
        let r = &mut results[i];
        let page_median = median(&mut r.per_page_median.clone());
        let sum_medians: Duration = r.per_page_median.iter().sum();
        let mean_pass = r.passes.iter().sum::<Duration>() / r.passes.len() as u32;
        let pages_per_s = n / mean_pass.as_secs_f64();
        let mb_per_s = bytes as f64 / 1e6 / mean_pass.as_secs_f64();
        rows.push((
            engine.name(),
            page_median,
            sum_medians,
            mean_pass,
            pages_per_s,
            mb_per_s,
        ));
    }

    println!();
    println!("## Corpus benchmark summary (outside Criterion)");
    println!();
    println!(
        "Mozilla Readability corpus: {} of {} pages ({:.1} MB of HTML), URL {URL}.",
        pages.len(),
        total_pages,
        bytes as f64 / 1e6
    );
    println!(
        "Per page: median of {reps} runs; pass: all {} pages once, mean of {passes} passes.",
        pages.len()
    );
    println!();
    println!("| engine | median per page | sum of per-page medians | mean pass | pages/s | MB/s |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, page_median, sum_medians, mean_pass, pps, mbps) in &rows {
        println!(
            "| {name} | {:.3} ms | {:.1} ms | {:.1} ms | {:.1} | {:.1} |",
            ms(*page_median),
            ms(*sum_medians),
            ms(*mean_pass),
            pps,
            mbps
        );
    }
    println!();
    println!(
        "Throughput ratio declutter / dom_smoothie (pages/s): **{:.2}x** \
         (above 1 means declutter is faster); per-page median ratio \
         dom_smoothie / declutter: {:.2}x.",
        rows[0].4 / rows[1].4,
        rows[1].1.as_secs_f64() / rows[0].1.as_secs_f64()
    );
    slowest.sort_by_key(|row| std::cmp::Reverse(row.0));
    println!();
    println!("Slowest pages for declutter (median ms, declutter vs dom_smoothie):");
    for (d, s, name) in slowest.iter().take(5) {
        println!("- {name}: {:.2} ms vs {:.2} ms", ms(*d), ms(*s));
    }
    if dropped.is_empty() {
        println!();
        println!("Excluded pages: none (both engines returned on every page).");
    } else {
        println!();
        println!(
            "Excluded from both engines ({} page(s) where an engine failed):",
            dropped.len()
        );
        for d in dropped {
            println!("- {d}");
        }
    }
    println!();
    println!(
        "(summary took {:.1} s; {} {}, {} cores available, {} at the end)",
        started.elapsed().as_secs_f64(),
        std::env::consts::OS,
        std::env::consts::ARCH,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average()
    );
}

fn main() {
    let all = load_pages();
    let total = all.len();
    let (pages, dropped) = screen(all);
    let bytes: u64 = pages.iter().map(|p| p.html.len() as u64).sum();
    eprintln!(
        "corpus: {} pages kept of {total}, {} excluded, {:.1} MB",
        pages.len(),
        dropped.len(),
        bytes as f64 / 1e6
    );

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .configure_from_args();
    {
        let mut group = criterion.benchmark_group("corpus");
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .measurement_time(Duration::from_secs(8))
            .throughput(Throughput::Elements(pages.len() as u64));
        for engine in Engine::ALL {
            group.bench_function(engine.name(), |b| {
                b.iter(|| {
                    let mut acc = 0usize;
                    for page in &pages {
                        acc = acc.wrapping_add(engine.run(black_box(&page.html)));
                    }
                    acc
                })
            });
        }
        group.finish();
    }
    criterion.final_summary();

    let want_summary = std::env::var("DECLUTTER_BENCH_SUMMARY").map_or(true, |v| v != "0");
    if is_bench_mode() && want_summary {
        summary(&pages, &dropped, total);
    } else if !dropped.is_empty() {
        for d in &dropped {
            eprintln!("excluded: {d}");
        }
    }
}
