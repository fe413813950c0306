//! The Markdown renderer on arbitrary HTML (`oracle::render_markdown_target`).

#![no_main]

use libfuzzer_sys::fuzz_target;

mod oracle;

fuzz_target!(|data: &[u8]| oracle::render_markdown_target(data));
