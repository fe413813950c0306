//! Peak memory of one hostile input (`tests/hostile_cases/mod.rs`), for
//! `scripts/hostile-memory.sh`.
//!
//! ```text
//! cargo run --release --example hostile_memory -- CASE [--size BYTES]
//! cargo run --release --example hostile_memory -- CASE [--size BYTES] --write FILE
//! cargo run --release --example hostile_memory -- --list
//! ```
//!
//! The case's bytes are written to a temporary file and a fresh child
//! process (this program with `--run FILE`) reads them, decodes them as the
//! CLI does, and runs `extract`, so the generator's own allocations never
//! count. The child prints one tab-separated line:
//!
//! `case  input_bytes  rss_before_extract  peak_rss  extract_delta  words`
//!
//! in bytes (and the article's word count, as a sanity check; with
//! `HOSTILE_MEMORY_STAGE=parse`, `dom` or `clean` (every stage up to the
//! sanitised article HTML), that stage's node count or HTML length;
//! `extension` runs `extract` as the wasm bindings do, without Markdown): `rss_before_extract` is the resident set once the page is
//! decoded (program, input bytes and decoded text; the bytes are dropped
//! first), `peak_rss` the process's high-water mark (`getrusage`
//! `ru_maxrss`) at the end, and `extract_delta` their difference: the
//! engine's own peak on top of what it was given.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../tests/hostile_cases/mod.rs"]
mod hostile_cases;

const URL: &str = "https://example.org/news/story";

fn peak_rss_bytes() -> u64 {
    // SAFETY: getrusage only writes into the struct we hand it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    assert_eq!(rc, 0, "getrusage failed");
    // Linux reports kilobytes.
    usage.ru_maxrss as u64 * 1024
}

fn current_rss_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// The child: read, decode, extract, report.
fn run(case: &str, file: &Path) {
    let bytes = std::fs::read(file).expect("read the input");
    let input_bytes = bytes.len();
    let html = declutter::decode::decode_html(&bytes);
    drop(bytes);
    let before = current_rss_bytes();
    // HOSTILE_MEMORY_STAGE=parse (html5ever through scraper only), `dom`
    // (the engine's parsed tree) or `clean` stops early, to see where
    // memory goes.
    let mut clean_peak = None;
    let words = match std::env::var("HOSTILE_MEMORY_STAGE").as_deref() {
        Ok("parse") => {
            let doc = scraper::Html::parse_document(&html);
            std::hint::black_box(&doc);
            doc.tree.nodes().count()
        }
        Ok("dom") => {
            let dom = declutter::dom::Dom::parse(&html);
            std::hint::black_box(&dom);
            dom.len()
        }
        Ok("clean") => {
            // Every stage up to the sanitised article HTML, as `extract`
            // runs them: the peak as the sanitiser ends (the renderings
            // after it are not counted).
            let mut peak = 0;
            let x = declutter::extract_traced(
                &html,
                URL,
                &declutter::Options::default(),
                &mut |s, _| {
                    if s == declutter::Stage::Sanitise {
                        peak = peak_rss_bytes();
                    }
                },
            );
            std::hint::black_box(&x);
            clean_peak = Some(peak);
            x.article.as_ref().map_or(0, |a| a.html.len())
        }
        stage => {
            // `extension`: as the wasm bindings run it, no Markdown.
            let options = declutter::Options {
                markdown: stage != Ok("extension"),
                ..declutter::Options::default()
            };
            let x = declutter::extract(&html, URL, &options);
            std::hint::black_box(&x);
            x.article.as_ref().map_or(0, |a| a.word_count)
        }
    };
    let peak = clean_peak.unwrap_or_else(peak_rss_bytes);
    println!(
        "{case}\t{input_bytes}\t{before}\t{peak}\t{}\t{words}",
        peak.saturating_sub(before)
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--list") {
        for c in hostile_cases::CASES {
            println!("{}\t{}\t{}", c.name, c.full, c.what);
        }
        return;
    }
    if args.first().map(String::as_str) == Some("--run") {
        let (case, file) = (&args[1], PathBuf::from(&args[2]));
        run(case, &file);
        return;
    }
    let Some(name) = args.first() else {
        eprintln!("usage: hostile_memory CASE [--size BYTES] | --list");
        std::process::exit(2);
    };
    let case = hostile_cases::case(name).unwrap_or_else(|| {
        eprintln!("unknown case {name}: try --list");
        std::process::exit(2);
    });
    let size = match args.iter().position(|a| a == "--size") {
        Some(i) => args
            .get(i + 1)
            .and_then(|s| s.parse().ok())
            .expect("--size BYTES"),
        None => case.full,
    };
    if let Some(i) = args.iter().position(|a| a == "--write") {
        // Only write the input, for other tools (explain, stage_times, perf).
        let path = args.get(i + 1).expect("--write FILE");
        std::fs::write(path, (case.build)(size)).expect("write the input");
        return;
    }
    let file = std::env::temp_dir().join(format!(
        "declutter-hostile-{}-{}.bin",
        case.name,
        std::process::id()
    ));
    std::fs::write(&file, (case.build)(size)).expect("write the input");
    let status = Command::new(std::env::current_exe().expect("own path"))
        .args(["--run", case.name])
        .arg(&file)
        .status();
    let _ = std::fs::remove_file(&file);
    let ok = status.is_ok_and(|s| s.success());
    if !ok {
        eprintln!("hostile_memory: the run on {} failed", case.name);
        std::process::exit(1);
    }
}
