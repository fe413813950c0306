//! Sets of clutter kinds as bits of a `u16`: which kinds' wording a text
//! holds ([`super::lexicon`]), gathered per element ([`super::evidence`]).

use crate::model::ClutterKind;

/// The kinds evidence names, in bit order.
pub const KINDS: [ClutterKind; ClutterKind::TABLE.len() - 1] = {
    // The table's kinds but the user's rule (the last), which no evidence
    // names.
    let mut out = [ClutterKind::UserRule; ClutterKind::TABLE.len() - 1];
    let mut i = 0;
    while i < out.len() {
        out[i] = ClutterKind::TABLE[i].0;
        i += 1;
    }
    out
};

pub fn bit(kind: ClutterKind) -> u16 {
    1 << KINDS.iter().position(|&k| k == kind).unwrap_or(0)
}
