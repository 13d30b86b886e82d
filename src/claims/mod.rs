//! Claim extraction: sentences that assert something checkable, with their
//! quantities, polarity, strength and key terms. (Skeleton: owned by the claims work.)

use std::ops::Range;

use serde::Serialize;

use crate::markdown::Doc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    Quantity,
    Superlative,
    Comparative,
    Absolute,
    Capability,
    Negative,
}

/// How strongly a claim is put.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    /// "helps", "can", "may", "up to", "typically".
    Hedged,
    Plain,
    /// "will", "always", "guarantee", "eliminate", "never".
    Absolute,
}

/// One extracted claim.
#[derive(Clone, Debug, Serialize)]
pub struct Claim {
    pub text: String,
    /// Byte range in the doc's source.
    pub span: Range<usize>,
    /// Index of the block in `Doc::blocks`.
    pub block: usize,
    pub kinds: Vec<ClaimKind>,
    pub negated: bool,
    pub strength: Strength,
    pub terms: Vec<String>,
    /// Set on brand claims under a key message / pillar / proof point heading.
    pub key_message: bool,
}

/// The word lists extraction uses (loaded from `rules/lexicons`).
#[derive(Debug, Default)]
pub struct Lexicon {}

impl Lexicon {
    pub fn builtin() -> Lexicon {
        Lexicon {}
    }
}

/// Extract the claims of every block of ours in a doc.
pub fn extract(doc: &Doc, lexicon: &Lexicon) -> Vec<Claim> {
    let _ = (doc, lexicon);
    Vec::new()
}
