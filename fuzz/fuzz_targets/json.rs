//! The JSON-LD reader against serde_json (`oracle::json_target`): no
//! panic, the same texts accepted, the same trees read.

#![no_main]

use libfuzzer_sys::fuzz_target;

mod oracle;

fuzz_target!(|data: &[u8]| oracle::json_target(data));
