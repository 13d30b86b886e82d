//! The brand claim index: an inverted index from topic terms to brand claims,
//! with inverse-document-frequency weights. A sales claim's candidates come
//! from the postings of its own terms, so the cost of a lookup grows with the
//! number of brand claims sharing a term, never with brand × sales.

use std::collections::{HashMap, HashSet};

use crate::claims::{Claim, Lexicon};

use super::BrandDoc;

/// A brand claim's place: (brand doc index, claim index).
pub type ClaimRef = (usize, usize);

/// A scored candidate.
#[derive(Clone, Copy, Debug)]
pub struct Candidate {
    pub at: ClaimRef,
    /// Ranking score: word similarity, plus a bonus for a figure of the same kind.
    pub score: f64,
    /// Word similarity alone; it must reach the threshold.
    pub words: f64,
}

pub struct BrandIndex {
    entries: Vec<ClaimRef>,
    postings: HashMap<String, Vec<u32>>,
    idf: HashMap<String, f64>,
    /// Sum of term weights per entry.
    mass: Vec<f64>,
    /// Weight of a term no brand claim uses.
    unknown_weight: f64,
    /// Every word and name the brand docs use, lower case (for names in sales claims).
    pub vocabulary: HashSet<String>,
    antonyms: HashMap<String, String>,
    /// Our product names, lower case: brand front matter and `align.products`.
    pub product_names: Vec<String>,
    /// The topic terms of those names ("ledgerly").
    product_terms: HashSet<String>,
    /// Pairs of brand claims that disagree with each other (`brand.conflict`).
    pub conflict_partners: HashMap<ClaimRef, Vec<ClaimRef>>,
}

impl BrandIndex {
    pub fn new(brand: &[BrandDoc<'_>], lexicon: &Lexicon, products: &[String]) -> BrandIndex {
        let mut entries = Vec::new();
        let mut product_names: Vec<String> = products.iter().map(|p| p.to_lowercase()).collect();
        let mut postings: HashMap<String, Vec<u32>> = HashMap::new();
        let mut vocabulary = HashSet::new();
        for (d, bd) in brand.iter().enumerate() {
            for (c, claim) in bd.claims.iter().enumerate() {
                let id = entries.len() as u32;
                entries.push((d, c));
                for t in &claim.terms {
                    postings.entry(t.clone()).or_default().push(id);
                }
                vocabulary.extend(claim.entities.iter().cloned());
                for w in claim.text.split(|c: char| !c.is_alphanumeric()) {
                    if !w.is_empty() {
                        vocabulary.insert(w.to_lowercase());
                    }
                }
            }
            // Product names are ours even when no claim repeats them.
            let fm = &bd.doc.front_matter;
            for p in fm.products.iter().chain(fm.product.iter()) {
                product_names.push(p.to_lowercase());
                for w in p.split_whitespace() {
                    vocabulary.insert(w.to_lowercase());
                }
            }
        }
        product_names.sort();
        product_names.dedup();
        let product_terms = product_names
            .iter()
            .flat_map(|p| p.split_whitespace())
            .map(|w| lexicon.term(w))
            .collect();
        let n = entries.len() as f64;
        let idf_of = |df: f64| ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
        let idf: HashMap<String, f64> = postings
            .iter()
            .map(|(t, p)| (t.clone(), idf_of(p.len() as f64)))
            .collect();
        let mut index = BrandIndex {
            mass: Vec::with_capacity(entries.len()),
            entries,
            postings,
            idf,
            unknown_weight: idf_of(1.0).max(0.1),
            vocabulary,
            product_names,
            product_terms,
            antonyms: lexicon.antonyms.clone(),
            conflict_partners: HashMap::new(),
        };
        index.mass = index
            .entries
            .iter()
            .map(|&(d, c)| {
                brand[d].claims[c]
                    .terms
                    .iter()
                    .map(|t| index.weight(t))
                    .sum()
            })
            .collect();
        index
    }

    pub fn weight(&self, term: &str) -> f64 {
        self.idf.get(term).copied().unwrap_or(self.unknown_weight)
    }

    /// The topic terms two claims share (an antonym counts), leaving out our
    /// product names: every claim shares those.
    pub fn shared_terms(&self, a: &Claim, b: &Claim) -> usize {
        self.shared(a, b).count()
    }

    fn shared<'a>(&'a self, a: &'a Claim, b: &'a Claim) -> impl Iterator<Item = &'a String> + 'a {
        a.terms.iter().filter(move |t| {
            !self.product_terms.contains(*t)
                && (b.terms.contains(t)
                    || self.antonyms.get(*t).is_some_and(|o| b.terms.contains(o)))
        })
    }

    /// Share of the weight of `scope` (a negation's terms) that `other` covers.
    pub fn scope_coverage(&self, scope: &[String], other: &Claim) -> f64 {
        let scope: Vec<&String> = scope
            .iter()
            .filter(|t| !self.product_terms.contains(*t))
            .collect();
        let total: f64 = scope.iter().map(|t| self.weight(t)).sum();
        if total <= 0.0 {
            return 0.0;
        }
        let covered: f64 = scope
            .iter()
            .filter(|t| {
                other.terms.contains(t)
                    || self
                        .antonyms
                        .get(**t)
                        .is_some_and(|o| other.terms.contains(o))
            })
            .map(|t| self.weight(t))
            .sum();
        covered / total
    }

    /// Share of `brand`'s topic weight (product names aside) that `sales` covers.
    pub fn coverage_of(&self, sales: &Claim, brand: &Claim) -> f64 {
        let total: f64 = brand
            .terms
            .iter()
            .filter(|t| !self.product_terms.contains(*t))
            .map(|t| self.weight(t))
            .sum();
        if total <= 0.0 {
            return 0.0;
        }
        let shared: f64 = self.shared(sales, brand).map(|t| self.weight(t)).sum();
        (shared / total).min(1.0)
    }

    /// Brand claims sharing a term (or an antonym) with `claim`, scored and
    /// sorted best first; `allow` filters them (product scope, self).
    ///
    /// The score blends how much of the brand claim's topic the sales claim
    /// covers (weighted more: brand claims are terse) with how much of the
    /// sales claim the brand claim explains (sales lines carry extra words).
    pub fn candidates(
        &self,
        claim: &Claim,
        min_score: f64,
        allow: impl Fn(ClaimRef) -> bool,
    ) -> Vec<Candidate> {
        let query_mass: f64 = claim.terms.iter().map(|t| self.weight(t)).sum();
        if query_mass <= 0.0 {
            return Vec::new();
        }
        // Common terms reach most brand claims, so the accumulator is a dense
        // array reused per thread rather than a map rebuilt per sales claim.
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let Scratch { shared, touched } = &mut *scratch;
            if shared.len() < self.entries.len() {
                shared.resize(self.entries.len(), None);
            }
            for term in &claim.terms {
                let mut lists = vec![term.as_str()];
                if let Some(opposite) = self.antonyms.get(term) {
                    lists.push(opposite);
                }
                for t in lists {
                    if let Some(ids) = self.postings.get(t) {
                        let w = self.weight(t);
                        for &id in ids {
                            // An entry can be reached by a term and its antonym; count the term once.
                            let slot = &mut shared[id as usize];
                            let sum = slot.get_or_insert_with(|| {
                                touched.push(id);
                                0.0
                            });
                            *sum = (*sum + w).min(self.mass[id as usize]);
                        }
                    }
                }
            }
            let mut out = Vec::new();
            for id in touched.drain(..) {
                let Some(s) = shared[id as usize].take() else {
                    continue;
                };
                let at = self.entries[id as usize];
                if !allow(at) {
                    continue;
                }
                let mass = self.mass[id as usize];
                let score = 0.6 * (s / mass).min(1.0) + 0.4 * (s / query_mass).min(1.0);
                if score >= min_score {
                    out.push(Candidate {
                        at,
                        score,
                        words: score,
                    });
                }
            }
            out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.at.cmp(&b.at)));
            out
        })
    }
}

/// Per-thread accumulator for `BrandIndex::candidates`.
#[derive(Default)]
struct Scratch {
    shared: Vec<Option<f64>>,
    touched: Vec<u32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}
