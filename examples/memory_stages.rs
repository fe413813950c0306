//! Heap use of each stage of `extract` on one page, to see where peak
//! memory goes: `cargo run --release --example memory_stages -- FILE`
//! (write a hostile input with `hostile_memory -- CASE --write FILE`).
//!
//! A counting allocator tracks live heap bytes. For each stage, as
//! `extract` runs them, it prints the peak reached during the stage and
//! what stays live after it, both as bytes and as a multiple of the input.
//! Heap only: the program itself and allocator slack are not counted (see
//! `scripts/hostile-memory.sh` for resident-set figures).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes to the system allocator unchanged; we only count.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            let live = LIVE.fetch_add(new_size, Relaxed) + new_size - layout.size();
            LIVE.fetch_sub(layout.size(), Relaxed);
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const URL: &str = "https://example.org/news/story";

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        eprintln!("usage: memory_stages FILE");
        std::process::exit(2)
    });
    let bytes = std::fs::read(&path).expect("read the page");
    let input = bytes.len().max(1);
    let html = declutter::decode::decode_html(&bytes);
    drop(bytes);
    let base_live = LIVE.load(Relaxed);
    let stage = |name: &str| {
        let (live, peak) = (LIVE.load(Relaxed), PEAK.swap(LIVE.load(Relaxed), Relaxed));
        let x = |b: usize| b.saturating_sub(base_live) as f64 / input as f64;
        println!(
            "{name:>13}: peak {:>6.1} MiB ({:>4.1}x), live after {:>6.1} MiB ({:>4.1}x)",
            peak.saturating_sub(base_live) as f64 / 1048576.0,
            x(peak),
            live.saturating_sub(base_live) as f64 / 1048576.0,
            x(live)
        );
    };
    println!("input {input} bytes; heap beyond the decoded page, as a multiple of the input:");
    PEAK.store(LIVE.load(Relaxed), Relaxed);
    let options = declutter::Options::default();
    let dom = declutter::dom::Dom::parse(&html);
    stage("parse");
    let base = declutter::urls::page_base(&dom, URL);
    let metadata = declutter::metadata::read(&dom, base.as_ref());
    stage("metadata");
    let signals = declutter::clutter::detect(&dom);
    stage("clutter");
    let found = declutter::article::find(&dom, &signals, &metadata, &options);
    stage("article");
    let plan = declutter::clutter::plan(
        &dom,
        &signals,
        &declutter::clutter::Guard::new(&dom, &metadata, found.as_ref()),
        &options.rules,
    );
    stage("plan");
    let clean = found
        .as_ref()
        .map(|f| declutter::sanitise::article_html(&dom, f, base.as_ref()));
    stage("article html");
    drop((found, signals, dom));
    stage("free the page");
    let article = clean
        .and_then(|h| declutter::render::article(h, &options, &declutter::Metadata::default()));
    stage("render");
    std::hint::black_box((&plan, &metadata, &article));
    drop((plan, article));
    stage("done");
    let x = declutter::extract(&html, URL, &options);
    std::hint::black_box(&x);
    stage("whole extract");
}
