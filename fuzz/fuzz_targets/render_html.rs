//! The HTML renderer: `clean::sanitise` on arbitrary HTML, then the HTML
//! export around it; both must pass the security checks
//! (`oracle::render_html_target`). `FUZZ_IDEMPOTENT=1` also checks that
//! sanitised HTML re-sanitises to itself (off by default while the known
//! failures in `tests/fuzz_regressions.rs` stand).

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

mod oracle;

static IDEMPOTENT: OnceLock<bool> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let idempotent = *IDEMPOTENT.get_or_init(|| std::env::var_os("FUZZ_IDEMPOTENT").is_some());
    oracle::render_html_target(data, idempotent)
});
