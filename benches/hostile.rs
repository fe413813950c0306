//! Time bounds for the hostile inputs of `tests/robustness.rs`.
//!
//! ```text
//! cargo bench --bench hostile                       # every case
//! DECLUTTER_HOSTILE_CASES=deep_nesting,frameset cargo bench --bench hostile
//! ```
//!
//! Each case of `tests/hostile_cases/mod.rs` (100,000-deep nesting, a 20 MB
//! page, a million tiny elements, a 1 MB word, binary garbage, invalid
//! UTF-8, UTF-16 with a BOM, framesets, templates, noscript, SVG and MathML
//! islands, custom elements) is timed from bytes, as the CLI runs:
//! `decode_html` then `extract`. Criterion times it at half and at full
//! size (`hostile/<case>/half`, `.../full`, throughput in bytes); the
//! summary then checks two bounds per case:
//!
//! - **time per byte** at full size at most `BOUND_NS_PER_BYTE` (2,000 ns,
//!   2 s per MB: ordinary news pages run at 100 to 200 ns per byte, see
//!   docs/BENCH.md);
//! - **linear growth**: time per byte at full size at most `MAX_GROWTH`
//!   (1.5) times that at half size. Quadratic work would double it.
//!
//! A case over either bound is listed and the bench exits with status 1.
//! Under `cargo test --benches` every case runs once at 64 KB as a smoke
//! test, with no timing.

use std::hint::black_box;
use std::time::{Duration, Instant};

mod common;
#[path = "../tests/hostile_cases/mod.rs"]
mod hostile_cases;

use common::{fmt_time, is_bench_mode, load_average, median};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use hostile_cases::{Case, CASES};

const URL: &str = "https://example.org/news/story";
const BOUND_NS_PER_BYTE: f64 = 2_000.0;
const MAX_GROWTH: f64 = 1.5;
/// Summary repetitions per size (median taken).
const REPS: usize = 5;

fn run(bytes: &[u8]) -> declutter::Extraction {
    let html = declutter::decode::decode_html(bytes);
    declutter::extract(&html, URL, &declutter::Options::default())
}

fn selected() -> Vec<&'static Case> {
    let filter = std::env::var("DECLUTTER_HOSTILE_CASES").unwrap_or_default();
    let names: Vec<&str> = filter.split(',').filter(|n| !n.is_empty()).collect();
    CASES
        .iter()
        .filter(|c| names.is_empty() || names.contains(&c.name))
        .collect()
}

fn main() {
    let cases = selected();
    if !is_bench_mode() {
        // `cargo test --benches`: each case once, small, as a smoke test.
        for case in &cases {
            let out = run(&(case.build)(64 * 1024));
            black_box(out);
        }
        return;
    }

    // Inputs at half and full size, built once.
    let inputs: Vec<(&Case, Vec<u8>, Vec<u8>)> = cases
        .iter()
        .map(|c| (*c, (c.build)(c.full / 2), (c.build)(c.full)))
        .collect();

    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .configure_from_args();
    for (case, half, full) in &inputs {
        let mut group = criterion.benchmark_group(format!("hostile/{}", case.name));
        for (label, bytes) in [("half", half), ("full", full)] {
            // One probe run sizes the measurement: ten samples, one run each.
            let t = Instant::now();
            black_box(run(bytes));
            let probe = t.elapsed().as_secs_f64();
            group
                .sample_size(10)
                .sampling_mode(SamplingMode::Flat)
                .measurement_time(Duration::from_secs_f64((probe * 12.0).max(1.0)))
                .throughput(Throughput::Bytes(bytes.len() as u64));
            group.bench_with_input(BenchmarkId::from_parameter(label), bytes, |b, bytes| {
                b.iter(|| run(black_box(bytes)))
            });
        }
        group.finish();
    }
    criterion.final_summary();

    if std::env::var("DECLUTTER_BENCH_SUMMARY").is_ok_and(|v| v == "0") {
        return;
    }
    let started = Instant::now();
    let time = |bytes: &[u8]| {
        let mut times: Vec<Duration> = (0..REPS)
            .map(|_| {
                let t = Instant::now();
                black_box(run(black_box(bytes)));
                t.elapsed()
            })
            .collect();
        median(&mut times)
    };
    println!();
    println!("## Hostile inputs summary (outside Criterion)");
    println!();
    println!(
        "`decode_html` + `extract` from bytes, median of {REPS} runs per size. Bounds: at most \
         {BOUND_NS_PER_BYTE:.0} ns per byte at full size, and time per byte at full size at most \
         {MAX_GROWTH}x that at half size (linear growth)."
    );
    println!();
    println!("| case | input | bytes | time | ns/byte | MB/s | half-size time | growth (per byte, full / half) | within bounds |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---|");
    let mut over = Vec::new();
    for (case, half, full) in &inputs {
        let (t_half, t_full) = (time(half), time(full));
        let npb = |d: Duration, n: usize| d.as_secs_f64() * 1e9 / n as f64;
        let (per_full, per_half) = (npb(t_full, full.len()), npb(t_half, half.len()));
        let growth = per_full / per_half;
        let ok = per_full <= BOUND_NS_PER_BYTE && growth <= MAX_GROWTH;
        if !ok {
            over.push(case.name);
        }
        println!(
            "| {} | {} | {} | {} | {:.0} | {:.1} | {} | {:.2}x | {} |",
            case.name,
            case.what,
            full.len(),
            fmt_time(t_full),
            per_full,
            full.len() as f64 / 1e6 / t_full.as_secs_f64(),
            fmt_time(t_half),
            growth,
            if ok { "yes" } else { "**no**" }
        );
    }
    println!();
    println!(
        "(summary took {:.1} s; {} cores, {} at the end)",
        started.elapsed().as_secs_f64(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load_average()
    );
    if !over.is_empty() {
        eprintln!("hostile: over the time bounds: {}", over.join(", "));
        std::process::exit(1);
    }
}
