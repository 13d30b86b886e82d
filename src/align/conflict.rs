//! `brand.conflict`: two brand claims on one topic that state different
//! figures of the same dimension, or opposite polarity. Reported once, on
//! the later claim (by path, then line), citing the earlier one. The pairs
//! are also kept in the index: a sales line agreeing with either side of a
//! conflict is not drift — the conflict is marketing's to fix.

use std::collections::HashMap;

use crate::claims::{Claim, Lexicon};
use crate::diagnostic::{Finding, Severity};
use crate::registry;

use super::checks::{self, short};
use super::index::{BrandIndex, ClaimRef};
use super::{cite, AlignConfig, BrandDoc};

/// Fragments ("Short message (~50 words)") are labels, not claims to reconcile.
const MIN_WORDS: usize = 5;

fn scopes_overlap(a: &Claim, b: &Claim) -> bool {
    match (&a.product, &b.product) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Position used to decide which of two claims is "later".
fn order_key(brand: &[BrandDoc<'_>], at: ClaimRef) -> (String, usize) {
    (
        brand[at.0].doc.path.clone(),
        brand[at.0].claims[at.1].span.start,
    )
}

/// Which side of a conflict to report: the one that is not a key message
/// (key messages are the deliberate statements), else the later one.
fn reported_side(brand: &[BrandDoc<'_>], a: ClaimRef, b: ClaimRef) -> (ClaimRef, ClaimRef) {
    let key = |at: ClaimRef| brand[at.0].claims[at.1].key_message;
    match (key(a), key(b)) {
        (true, false) => (b, a),
        (false, true) => (a, b),
        _ if order_key(brand, a) > order_key(brand, b) => (a, b),
        _ => (b, a),
    }
}

/// Every conflicting pair, as (reported, cited).
fn pairs(
    index: &BrandIndex,
    brand: &[BrandDoc<'_>],
    config: &AlignConfig,
) -> Vec<(ClaimRef, ClaimRef)> {
    let mut out = Vec::new();
    for (d, bd) in brand.iter().enumerate() {
        for (c, claim) in bd.claims.iter().enumerate() {
            let me = (d, c);
            let my_key = order_key(brand, me);
            let candidates = index.candidates(claim, config.conflict_threshold, |other| {
                other != me
                    && order_key(brand, other) < my_key
                    && scopes_overlap(claim, &brand[other.0].claims[other.1])
            });
            if claim.text.split_whitespace().count() < MIN_WORDS {
                continue;
            }
            if let Some(earlier) = candidates
                .iter()
                .filter(|cand| {
                    let other = &brand[cand.at.0].claims[cand.at.1];
                    other.text.split_whitespace().count() >= MIN_WORDS
                        && (index.shared_terms(claim, other) >= 2 || claim.terms == other.terms)
                })
                .find(|cand| checks::conflict::disagree(index, brand, cand.at, me))
            {
                out.push(reported_side(brand, me, earlier.at));
            }
        }
    }
    out
}

/// Conflict partners of each brand claim, both ways.
pub fn partners(
    index: &BrandIndex,
    brand: &[BrandDoc<'_>],
    config: &AlignConfig,
) -> HashMap<ClaimRef, Vec<ClaimRef>> {
    let mut map: HashMap<ClaimRef, Vec<ClaimRef>> = HashMap::new();
    for (later, earlier) in pairs(index, brand, config) {
        map.entry(later).or_default().push(earlier);
        map.entry(earlier).or_default().push(later);
    }
    map
}

/// `brand.conflict` findings among the brand docs.
pub fn brand_conflicts(brand: &[BrandDoc<'_>], config: &AlignConfig) -> Vec<Finding> {
    let index = BrandIndex::new(brand, &Lexicon::builtin(), &config.products);
    let severity =
        registry::computed_rule("brand.conflict").map_or(Severity::Warning, |r| r.severity);
    pairs(&index, brand, config)
        .into_iter()
        .map(|(later, earlier)| {
            let bd = &brand[later.0];
            let claim = &bd.claims[later.1];
            let other = cite(brand, earlier);
            Finding::in_doc(
                "brand.conflict",
                severity,
                bd.doc,
                claim.span.clone(),
                format!(
                    "brand docs disagree: \"{}\" here, but {}:{} says \"{}\"; settle on one so sales can follow it",
                    short(&claim.text),
                    other.path,
                    other.line,
                    short(&other.text)
                ),
            )
            .with_related(other)
        })
        .collect()
}
