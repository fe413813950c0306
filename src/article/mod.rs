//! Finding the article: candidates, scoring, assembly.

use crate::clutter::Signals;
use crate::dom::{Dom, NodeIx};
use crate::metadata::Metadata;
use crate::Options;

/// The article as a set of subtrees of the page, in document order, minus
/// the subtrees cleaning removed from them.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Roots of the article's parts, in document order.
    pub parts: Vec<NodeIx>,
    /// Subtrees inside the parts that are not article (sorted).
    pub removed: Vec<NodeIx>,
}

pub fn find(dom: &Dom, signals: &Signals, metadata: &Metadata, options: &Options) -> Option<Found> {
    let _ = (dom, signals, metadata, options);
    None
}
