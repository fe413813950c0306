//! The HTML renderer: `sanitise::sanitise` on arbitrary HTML, then the HTML
//! export around it; both must pass the security checks, and sanitised HTML
//! must re-sanitise to itself (`oracle::render_html_target`).

#![no_main]

use libfuzzer_sys::fuzz_target;

// The checks live with the tests that replay findings (tests/oracle/);
// this crate is built apart, so it includes the file by path.
#[path = "../../tests/oracle/mod.rs"]
mod oracle;

fuzz_target!(|data: &[u8]| oracle::render_html_target(data));
