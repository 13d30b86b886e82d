//! Repeated sales claims. Sales files reuse their lines (talk tracks,
//! templated emails, boilerplate), and what a claim's brand lookup finds
//! depends only on its topic terms, its figures (kind and value: an equal
//! figure admits a brand claim) and its product. Each thread remembers the lookups it has made against the
//! current index, so a repeated claim costs one hash probe: per thread, so
//! rayon's workers never wait on each other; bounded, so a repo of distinct
//! lines does not grow it without end.

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use crate::claims::{Claim, Dimension, Quantity};

use super::index::{Candidate, ClaimRef, Query};

/// Bytes of stored lookups a thread keeps before starting afresh.
const BUDGET: usize = 4 << 20;
/// Hashes of claims seen once that a thread keeps (8 bytes each).
const MAX_SEEN: usize = 1 << 17;

/// A sales claim's lookup: its query, the best brand claim and those weighed
/// with it (conflict partners included).
pub(super) struct Lookup {
    pub query: Query,
    pub best: Option<Candidate>,
    pub near: Vec<Candidate>,
    /// Brand denials on the topic from the floor up that were not weighed
    /// with the best (`Topic::denials`): what `align.negation` checks when
    /// the best claim does not decide.
    pub denials: Vec<Candidate>,
    /// When no brand claim is weighed, the top one sharing a word.
    pub closest: Option<Candidate>,
    /// Per figure of the claim, the distinct brand figures it is compared
    /// with (`checks::distinct_figures`).
    pub figures: Vec<Vec<(ClaimRef, Quantity)>>,
}

/// What a lookup depends on, copied from the claim it was made for.
struct Key {
    terms: Vec<String>,
    figures: Vec<Figure>,
    product: Option<String>,
}

impl Key {
    fn of(claim: &Claim) -> Key {
        Key {
            terms: claim.terms.clone(),
            figures: figures(claim)
                .map(|(d, u, v)| (d, u.to_string(), v))
                .collect(),
            product: claim.product.clone(),
        }
    }

    fn matches(&self, claim: &Claim) -> bool {
        self.terms == claim.terms
            && self.product == claim.product
            && self.figures.len() == claim.quantities.len()
            && self
                .figures
                .iter()
                .zip(figures(claim))
                .all(|((d, u, v), (cd, cu, cv))| *d == cd && u == cu && *v == cv)
    }
}

/// A figure as a lookup sees it: dimension, unit, and value (low and high bits).
type Figure = (Dimension, String, (u64, Option<u64>));

fn figures(claim: &Claim) -> impl Iterator<Item = (Dimension, &str, (u64, Option<u64>))> {
    claim.quantities.iter().map(|q| {
        (
            q.dimension,
            q.unit.as_str(),
            (q.value.to_bits(), q.high.map(f64::to_bits)),
        )
    })
}

fn hash_of(claim: &Claim) -> u64 {
    let mut h = FxHasher::default();
    claim.terms.hash(&mut h);
    for f in figures(claim) {
        f.hash(&mut h);
    }
    claim.product.hash(&mut h);
    h.finish()
}

/// Which settings the stored lookups were made with (threshold and margin bits).
pub(super) type Tag = (u64, u64);

#[derive(Default)]
struct Cache {
    tag: Option<Tag>,
    /// Claims looked up once (by hash): a lookup is kept only when its
    /// claim comes back, so a repo of distinct lines stores next to nothing.
    seen: FxHashSet<u64>,
    lookups: FxHashMap<u64, Vec<(Key, Arc<Lookup>)>>,
    /// Rough bytes held by `lookups`.
    bytes: usize,
}

/// The lookups made against one brand index, shared by the threads that
/// check sales files against it.
#[derive(Default)]
pub(super) struct LookupCache(Mutex<Cache>);

/// Rough heap bytes a stored lookup of `claim` holds (key and query copy
/// the terms; the query resolves each one).
fn footprint(claim: &Claim, lookup: &Lookup) -> usize {
    let terms: usize = claim.terms.iter().map(|t| t.len() + 64).sum();
    let figures: usize = lookup.figures.iter().map(|f| 64 + f.len() * 256).sum();
    256 + 2 * terms
        + (lookup.near.len() + lookup.denials.len()) * std::mem::size_of::<Candidate>()
        + figures
}

impl LookupCache {
    /// The lookup of `claim` under `tag`: remembered, or made by `make` (and
    /// remembered when the claim has been seen before).
    pub(super) fn lookup(
        &self,
        tag: Tag,
        claim: &Claim,
        make: impl FnOnce() -> Lookup,
    ) -> Arc<Lookup> {
        let hash = hash_of(claim);
        let (found, repeated) = {
            // A panic elsewhere leaves the cache whole: every write is one push.
            let mut cache = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            if cache.tag != Some(tag) {
                *cache = Cache {
                    tag: Some(tag),
                    ..Cache::default()
                };
            }
            let found = cache
                .lookups
                .get(&hash)
                .and_then(|bucket| bucket.iter().find(|(k, _)| k.matches(claim)))
                .map(|(_, l)| Arc::clone(l));
            if found.is_some() {
                (found, true)
            } else {
                if cache.seen.len() >= MAX_SEEN {
                    cache.seen.clear();
                }
                (None, !cache.seen.insert(hash))
            }
        };
        if let Some(found) = found {
            return found;
        }
        // Made outside the lock, so other threads never wait on a lookup.
        let made = Arc::new(make());
        if repeated {
            let mut cache = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            let bytes = footprint(claim, &made);
            // A full cache keeps what it has: clearing it costs about what
            // it saves when every claim repeats (eight copies of a handbook).
            if cache.tag == Some(tag) && cache.bytes + bytes <= BUDGET {
                cache.bytes += bytes;
                cache
                    .lookups
                    .entry(hash)
                    .or_default()
                    .push((Key::of(claim), Arc::clone(&made)));
            }
        }
        made
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::tests::doc;
    use crate::claims::{extract, Lexicon};

    fn lookup_of(claim: &Claim) -> Lookup {
        Lookup {
            query: Query::default(),
            best: None,
            near: Vec::new(),
            denials: Vec::new(),
            closest: None,
            figures: vec![Vec::new(); claim.quantities.len()],
        }
    }

    #[test]
    fn a_claim_is_remembered_from_its_second_sighting_per_tag() {
        let lex = Lexicon::builtin();
        let sales = doc(
            "sales/a.md",
            &[
                "Acme Ledger cuts invoice time by 40%.",
                "Acme Ledger cuts invoice time by 40%.",
                "Acme Ledger cuts invoice time by 40 days.",
            ],
        );
        let claims = extract(&sales, &lex);
        assert_eq!(claims.len(), 3);
        let (same, other_figure) = (&claims[1], &claims[2]);
        let made = std::cell::Cell::new(0);
        let cache = LookupCache::default();
        let get = |tag: Tag, claim: &Claim| {
            cache.lookup(tag, claim, || {
                made.set(made.get() + 1);
                lookup_of(claim)
            })
        };
        let tag = (1, 2);
        let first = get(tag, &claims[0]);
        let second = get(tag, same);
        let third = get(tag, same);
        assert_eq!(made.get(), 2, "made at the first two sightings only");
        assert!(!Arc::ptr_eq(&first, &second));
        assert!(Arc::ptr_eq(&second, &third));
        // A figure of another kind is another lookup.
        get(tag, other_figure);
        get(tag, other_figure);
        assert_eq!(made.get(), 4);
        // Another setting starts afresh.
        get((1, 3), same);
        assert_eq!(made.get(), 5);
    }
}
