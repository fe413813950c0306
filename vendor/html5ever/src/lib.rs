// Copyright 2014-2017 The html5ever Project Developers. See the
// COPYRIGHT file at the top-level directory of this distribution.
//
// Licensed under the Apache License, Version 2.0 <LICENSE-APACHE or
// http://www.apache.org/licenses/LICENSE-2.0> or the MIT license
// <LICENSE-MIT or http://opensource.org/licenses/MIT>, at your
// option. This file may not be copied, modified, or distributed
// except according to those terms.

#![crate_name = "html5ever"]
#![crate_type = "dylib"]
#![cfg_attr(test, deny(warnings))]
#![allow(unused_parens)]
#![warn(unreachable_pub)]

pub use driver::{parse_document, parse_fragment, ParseOpts, Parser};
pub use markup5ever::*;

pub use serialize::serialize;

mod util {
    pub(crate) mod str;
}

pub(crate) mod encoding;

/// declutter: `TokenizerOpts::exact_errors` and `TreeBuilderOpts::exact_errors`
/// are read as this constant, false: declutter's tree sinks drop parse errors
/// unread, and the exact messages' formatting (tokens, tags and insertion
/// modes as text) cost about 3.5 KB of the gzipped wasm. The parse is the
/// same either way; only the error messages handed to the sink differ.
pub(crate) const EXACT_ERRORS: bool = false;

/// declutter: `TokenizerOpts::profile` is read as this constant, false:
/// declutter never asks for the tokenizer's timing report, whose printing
/// (each state's share as an `f64`) kept Rust's float formatting, about
/// 9 KB of the gzipped wasm, and whose clock would panic in the wasm.
pub(crate) const PROFILE: bool = false;
pub(crate) mod macros;

pub mod driver;
pub mod serialize;
pub mod tokenizer;
pub mod tree_builder;
