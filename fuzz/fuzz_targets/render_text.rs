//! The plain-text renderer on arbitrary HTML (`oracle::render_text_target`).

#![no_main]

use libfuzzer_sys::fuzz_target;

mod oracle;

fuzz_target!(|data: &[u8]| oracle::render_text_target(data));
