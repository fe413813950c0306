//! Heap use of each stage of `extract` on one page, to see where peak
//! memory goes: `cargo run --release --example memory_stages -- FILE`
//! (write a hostile input with `hostile_memory -- CASE --write FILE`).
//!
//! A counting allocator tracks live heap bytes. For each stage, as
//! `extract` runs them (`declutter::extract_traced` reports each), it prints the peak reached during the stage and
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
    // The stages are `extract`'s own, reported as each ends.
    let x = declutter::extract_traced(&html, URL, &options, &mut |s, _| stage(s.name()));
    std::hint::black_box(&x);
    drop(x);
    stage("done");
}
