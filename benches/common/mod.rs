//! Helpers the benchmarks share: when to print the summary, medians, time
//! formatting, and the machine's load for the record.

use std::time::Duration;

/// True under `cargo bench`, as Criterion decides it: `cargo bench` passes
/// --bench; `cargo test --benches` does not, and `--test` / `--list` /
/// `--profile-time` are not benchmark runs.
pub fn is_bench_mode() -> bool {
    let args: Vec<String> = std::env::args().collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    has("--bench") && !has("--test") && !has("--list") && !has("--profile-time")
}

pub fn median(values: &mut [Duration]) -> Duration {
    values.sort_unstable();
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2
    }
}

/// The 1, 5 and 15 minute load averages, for the summary's caveats.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .map_or_else(
            || "load average unknown".to_string(),
            |l| format!("load average {l}"),
        )
}

/// A duration for the summaries: seconds, milliseconds or microseconds.
#[allow(dead_code)] // the corpus bench prints none
pub fn fmt_time(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.2} ms", s * 1e3)
    } else {
        format!("{:.1} µs", s * 1e6)
    }
}
