//! `extract` on arbitrary bytes, then every export; the article HTML and the
//! HTML export must pass the security checks (`oracle::extract_target`).

#![no_main]

use libfuzzer_sys::fuzz_target;

mod oracle;

fuzz_target!(|data: &[u8]| oracle::extract_target(data));
