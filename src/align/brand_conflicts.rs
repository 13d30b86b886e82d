//! `brand.conflict`, documented in `docs/rules/brand.conflict.md`: finds
//! candidate pairs of brand claims, asks `checks::brand_disagreement`
//! whether they disagree, and reports them. The pairs are also kept in the
//! index so a sales line agreeing with either side is not drift.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::claims::Claim;
use crate::diagnostic::{Finding, Severity};
use crate::registry;

use super::checks::{self, short};
use super::index::{BrandIndex, ClaimRef};
use super::{cite, AlignSettings, BrandDoc};

/// Fragments ("Short message (~50 words)") are labels, not claims to reconcile.
const MIN_WORDS: usize = 5;

fn scopes_overlap(a: &Claim, b: &Claim) -> bool {
    match (&a.product, &b.product) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

/// Position used to decide which of two claims is "later".
fn position<'a>(brand: &'a [BrandDoc<'_>], at: ClaimRef) -> (&'a str, usize) {
    (
        brand[at.0].doc.path.as_str(),
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
        _ if position(brand, a) > position(brand, b) => (a, b),
        _ => (b, a),
    }
}

/// Every conflicting pair, as (reported, cited).
pub fn pairs(
    index: &BrandIndex,
    brand: &[BrandDoc<'_>],
    config: &AlignSettings,
) -> Vec<(ClaimRef, ClaimRef)> {
    // Each claim is compared with the claims before it, in (path, offset)
    // order; equal positions share a rank.
    let mut order: Vec<ClaimRef> = brand
        .iter()
        .enumerate()
        .flat_map(|(d, bd)| (0..bd.claims.len()).map(move |c| (d, c)))
        .collect();
    order.sort_by(|&a, &b| position(brand, a).cmp(&position(brand, b)));
    let mut rank = vec![0usize; index.len()];
    for (i, &at) in order.iter().enumerate() {
        let same_as_previous = i > 0 && position(brand, order[i - 1]) == position(brand, at);
        rank[index.entry(at) as usize] = if same_as_previous {
            rank[index.entry(order[i - 1]) as usize]
        } else {
            i
        };
    }
    // Per entry, counted once: each claim is a candidate of many others.
    let long_enough: Vec<bool> = brand
        .iter()
        .flat_map(|bd| bd.claims.iter())
        .map(|claim| claim.text.split_whitespace().count() >= MIN_WORDS)
        .collect();
    // Brand claims with the same terms (one index group) have the same
    // candidates; only which of them come earlier differs. So a group is
    // looked up once, and its list dropped after its last claim.
    let mut by_group: FxHashMap<u32, (Vec<ClaimRef>, usize)> = FxHashMap::default();
    let mut out = Vec::new();
    for (d, bd) in brand.iter().enumerate() {
        for (c, claim) in bd.claims.iter().enumerate() {
            let me = (d, c);
            if !long_enough[index.entry(me) as usize] {
                continue;
            }
            let my_rank = rank[index.entry(me) as usize];
            let group = index.group_of(index.entry(me));
            let (on_topic, left) = by_group.entry(group).or_insert_with(|| {
                let query = index.query(claim);
                let on_topic = index
                    .candidates(&query, config.conflict_threshold, |_| true)
                    .into_iter()
                    .filter(|cand| {
                        let entry = index.entry(cand.at);
                        let other = &brand[cand.at.0].claims[cand.at.1];
                        long_enough[entry as usize]
                            && (index.shared_count(&query, entry) >= 2
                                || claim.terms == other.terms)
                    })
                    .map(|cand| cand.at)
                    .collect();
                let long_members = index
                    .members_of(group)
                    .filter(|&e| long_enough[e as usize])
                    .count();
                (on_topic, long_members)
            });
            if let Some(&earlier) = on_topic
                .iter()
                .filter(|&&other| {
                    rank[index.entry(other) as usize] < my_rank
                        && scopes_overlap(claim, &brand[other.0].claims[other.1])
                })
                .find(|&&other| checks::brand_disagreement::disagree(index, brand, other, me))
            {
                out.push(reported_side(brand, me, earlier));
            }
            *left -= 1;
            if *left == 0 {
                by_group.remove(&group);
            }
        }
    }
    out
}

/// Conflict partners of each brand claim, both ways.
pub fn partners(pairs: &[(ClaimRef, ClaimRef)]) -> HashMap<ClaimRef, Vec<ClaimRef>> {
    let mut map: HashMap<ClaimRef, Vec<ClaimRef>> = HashMap::new();
    for &(later, earlier) in pairs {
        map.entry(later).or_default().push(earlier);
        map.entry(earlier).or_default().push(later);
    }
    map
}

/// `brand.conflict` findings for pairs found earlier.
pub fn findings(brand: &[BrandDoc<'_>], pairs: &[(ClaimRef, ClaimRef)]) -> Vec<Finding> {
    let severity =
        registry::computed_rule("brand.conflict").map_or(Severity::Warning, |r| r.severity);
    pairs
        .iter()
        .map(|&(later, earlier)| {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::index::tests::{brand_docs, brand_view, claims_of, sentences};

    /// Every claim looked up on its own, as before claims were grouped.
    fn pairs_one_by_one(
        index: &BrandIndex,
        brand: &[BrandDoc<'_>],
        config: &AlignSettings,
    ) -> Vec<(ClaimRef, ClaimRef)> {
        let long_enough = |claim: &Claim| claim.text.split_whitespace().count() >= MIN_WORDS;
        let mut out = Vec::new();
        for (d, bd) in brand.iter().enumerate() {
            for (c, claim) in bd.claims.iter().enumerate() {
                if !long_enough(claim) {
                    continue;
                }
                let me = (d, c);
                let query = index.query(claim);
                let earlier = index
                    .candidates(&query, config.conflict_threshold, |other| {
                        position(brand, other) < position(brand, me)
                            && scopes_overlap(claim, &brand[other.0].claims[other.1])
                    })
                    .into_iter()
                    .filter(|cand| {
                        let other = &brand[cand.at.0].claims[cand.at.1];
                        long_enough(other)
                            && (index.shared_count(&query, index.entry(cand.at)) >= 2
                                || claim.terms == other.terms)
                    })
                    .find(|cand| checks::brand_disagreement::disagree(index, brand, cand.at, me));
                if let Some(earlier) = earlier {
                    out.push(reported_side(brand, me, earlier.at));
                }
            }
        }
        out
    }

    #[test]
    fn grouped_lookups_find_the_pairs_one_by_one_lookups_find() {
        // Few words and many figures: claims repeat their terms with other
        // percentages, so groups are large and conflicts many.
        let (docs, lex) = brand_docs(&sentences(400, 13));
        let claims = claims_of(&docs, &lex);
        let brand = brand_view(&docs, &claims);
        let index = BrandIndex::new(&brand, &lex, &[]);
        for conflict_threshold in [0.6, 0.9] {
            let config = AlignSettings {
                conflict_threshold,
                ..AlignSettings::default()
            };
            let want = pairs_one_by_one(&index, &brand, &config);
            assert!(want.len() > 20, "few conflicts: {}", want.len());
            assert_eq!(pairs(&index, &brand, &config), want);
        }
    }
}
