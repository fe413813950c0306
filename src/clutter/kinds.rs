//! Sets of clutter kinds as bits of a `u16`: which kinds' wording a text
//! holds ([`super::lexicon`]), gathered per element ([`super::evidence`]).

use crate::model::ClutterKind;

/// The kinds evidence names, in bit order.
pub const KINDS: [ClutterKind; 8] = [
    ClutterKind::Newsletter,
    ClutterKind::Comments,
    ClutterKind::RepeatedBoilerplate,
    ClutterKind::Share,
    ClutterKind::Related,
    ClutterKind::Ad,
    ClutterKind::CookieConsent,
    ClutterKind::AppPromo,
];

pub fn bit(kind: ClutterKind) -> u16 {
    1 << KINDS.iter().position(|&k| k == kind).unwrap_or(0)
}
