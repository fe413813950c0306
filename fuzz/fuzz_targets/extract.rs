//! `extract` on arbitrary bytes, then every export; the article HTML and the
//! HTML export must pass the security checks (`oracle::extract_target`).

#![no_main]

use libfuzzer_sys::fuzz_target;

// The checks live with the tests that replay findings (tests/oracle/);
// this crate is built apart, so it includes the file by path.
#[path = "../../tests/oracle/mod.rs"]
mod oracle;

fuzz_target!(|data: &[u8]| oracle::extract_target(data));
