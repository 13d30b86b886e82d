//! The brand claim index: an inverted index from topic terms to brand claims,
//! with inverse-document-frequency weights. A sales claim's candidates come
//! from the postings of its own terms, so the cost of a lookup grows with the
//! number of brand claims sharing a term, never with brand × sales.
//!
//! Terms are interned as ids when the index is built: each brand claim keeps
//! its terms as a sorted id slice, so "does this brand claim use the term" is
//! a binary search, not a string compare. Postings are sorted by the brand
//! claim's term mass, lightest first: a common term (a product name, "cost")
//! can only lift a claim over the threshold on its own when the claim says
//! little else, so [`BrandIndex::candidates`] walks such a term's postings
//! only as far as those light claims (see `plan`). Results are exact: the
//! bound only skips claims that cannot reach `min_score`.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, PoisonError};

use crate::claims::{Claim, Dimension, Lexicon};

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

/// Slack on the pruning bound, far above float rounding and far below any
/// score difference that matters.
const BOUND_SLACK: f64 = 1e-9;

pub struct BrandIndex {
    entries: Vec<ClaimRef>,
    /// First entry id of each brand doc (entries are numbered doc by doc).
    doc_start: Vec<u32>,
    term_ids: HashMap<String, u32>,
    /// Per term id: the groups using it, lightest `mass` first.
    postings: Vec<Vec<u32>>,
    /// Per group: its entries, ascending. Brand claims with the same terms
    /// in the same order score alike against any query (docs repeat their
    /// key lines), so lookups walk and score each group once.
    members: Vec<Vec<u32>>,
    /// Per group: one of its entries (they share terms and masses).
    representative: Vec<u32>,
    /// Per entry: its group.
    group: Vec<u32>,
    /// Per term id: its weight (inverse document frequency).
    idf: Vec<f64>,
    /// Per term id: a word of one of our product names.
    is_product: Vec<bool>,
    /// Per entry: its term ids, sorted (repeats kept), as a range of `entry_terms`.
    entry_range: Vec<(u32, u32)>,
    entry_terms: Vec<u32>,
    /// Scratch space for `candidates`, one per thread using it at a time.
    scratch: Mutex<Vec<Scratch>>,
    /// Per entry: the kind of each of its figures, in order (dimension and
    /// unit, as ids of `kind_ids`), so "same kind of figure" compares ids,
    /// not unit strings.
    entry_kinds: Vec<Vec<u32>>,
    /// Per entry: a one-word summary of `entry_kinds` (bit `id % 64`), so
    /// most claims are ruled out without reading their list.
    entry_kind_mask: Vec<u64>,
    kind_ids: HashMap<(Dimension, String), u32>,
    /// Sum of term weights per entry.
    mass: Vec<f64>,
    /// Sum of the weights of each entry's terms that are not product names.
    topic_mass: Vec<f64>,
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

/// One term of a query claim, resolved against the index once.
#[derive(Clone, Copy, Debug)]
struct QueryTerm {
    id: Option<u32>,
    /// The term's antonym, when brand claims use it.
    antonym: Option<u32>,
    /// A word of our product names: every claim shares those.
    product: bool,
    weight: f64,
}

/// A claim's terms resolved against the index, for repeated comparisons
/// with brand claims.
#[derive(Default)]
pub struct Query {
    terms: Vec<QueryTerm>,
    /// The posting lists a lookup walks, in the claim's term order (a term,
    /// then its antonym), with their weights.
    lists: Vec<(u32, f64)>,
    /// Sum of the weights of all the claim's terms.
    mass: f64,
    /// The kinds of the claim's figures that brand claims also state,
    /// plain numbers aside (a bare count says little about the topic).
    kinds: Vec<u32>,
    kind_mask: u64,
    /// Per figure of the claim (in its order): its kind, when brand claims state it.
    figure_kinds: Vec<Option<u32>>,
}

impl Query {
    /// The kind of the claim's `i`-th figure, when some brand claim states
    /// a figure of that kind.
    pub fn figure_kind(&self, i: usize) -> Option<u32> {
        self.figure_kinds.get(i).copied().flatten()
    }
}

fn kind_bit(kind: u32) -> u64 {
    1 << (kind % 64)
}

impl BrandIndex {
    pub fn new(brand: &[BrandDoc<'_>], lexicon: &Lexicon, products: &[String]) -> BrandIndex {
        let mut entries = Vec::new();
        let mut doc_start = Vec::with_capacity(brand.len());
        let mut product_names: Vec<String> = products.iter().map(|p| p.to_lowercase()).collect();
        let mut term_ids: HashMap<String, u32> = HashMap::new();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        let mut entry_range = Vec::new();
        let mut entry_terms = Vec::new();
        let mut vocabulary = HashSet::new();
        let mut kind_ids: HashMap<(Dimension, String), u32> = HashMap::new();
        let mut entry_kinds = Vec::new();
        let mut entry_kind_mask = Vec::new();
        for (d, bd) in brand.iter().enumerate() {
            doc_start.push(entries.len() as u32);
            for (c, claim) in bd.claims.iter().enumerate() {
                let id = entries.len() as u32;
                entries.push((d, c));
                let start = entry_terms.len();
                for t in &claim.terms {
                    let next = term_ids.len() as u32;
                    let tid = *term_ids.entry(t.clone()).or_insert(next);
                    if tid == next {
                        postings.push(Vec::new());
                    }
                    // A term repeated in a claim is posted once per repetition,
                    // as each one adds its weight to a match.
                    postings[tid as usize].push(id);
                    entry_terms.push(tid);
                }
                entry_terms[start..].sort_unstable();
                entry_range.push((start as u32, entry_terms.len() as u32));
                let kinds: Vec<u32> = claim
                    .quantities
                    .iter()
                    .map(|q| {
                        let next = kind_ids.len() as u32;
                        *kind_ids
                            .entry((q.dimension, q.unit.clone()))
                            .or_insert(next)
                    })
                    .collect();
                entry_kind_mask.push(kinds.iter().fold(0, |m, &k| m | kind_bit(k)));
                entry_kinds.push(kinds);
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
        let product_terms: HashSet<String> = product_names
            .iter()
            .flat_map(|p| p.split_whitespace())
            .map(|w| lexicon.term(w))
            .collect();
        let n = entries.len() as f64;
        let idf_of = |df: f64| ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
        let idf: Vec<f64> = postings.iter().map(|p| idf_of(p.len() as f64)).collect();
        let mut is_product = vec![false; postings.len()];
        let mut group_of: HashMap<&[String], u32> = HashMap::new();
        let mut members: Vec<Vec<u32>> = Vec::new();
        let mut group = Vec::with_capacity(entries.len());
        for (id, &(d, c)) in entries.iter().enumerate() {
            let next = members.len() as u32;
            let g = *group_of
                .entry(brand[d].claims[c].terms.as_slice())
                .or_insert(next);
            if g == next {
                members.push(Vec::new());
            }
            members[g as usize].push(id as u32);
            group.push(g);
        }
        let representative: Vec<u32> = members.iter().map(|m| m[0]).collect();
        for (t, &id) in &term_ids {
            is_product[id as usize] = product_terms.contains(t);
        }
        let mut mass = Vec::with_capacity(entries.len());
        let mut topic_mass = Vec::with_capacity(entries.len());
        for &(d, c) in &entries {
            // Summed in the claim's own term order, repetitions included.
            let (mut all, mut topic) = (0.0, 0.0);
            for t in &brand[d].claims[c].terms {
                let id = term_ids[t] as usize;
                all += idf[id];
                if !is_product[id] {
                    topic += idf[id];
                }
            }
            mass.push(all);
            topic_mass.push(topic);
        }
        for list in &mut postings {
            for id in list.iter_mut() {
                *id = group[*id as usize];
            }
            list.sort_unstable();
            list.dedup();
            let mass_of = |g: u32| mass[representative[g as usize] as usize];
            list.sort_by(|a, b| mass_of(*a).total_cmp(&mass_of(*b)).then(a.cmp(b)));
        }
        BrandIndex {
            entries,
            doc_start,
            term_ids,
            postings,
            members,
            representative,
            group,
            idf,
            is_product,
            entry_range,
            entry_terms,
            entry_kinds,
            entry_kind_mask,
            kind_ids,
            mass,
            topic_mass,
            unknown_weight: idf_of(1.0).max(0.1),
            vocabulary,
            product_names,
            product_terms,
            antonyms: lexicon.antonyms.clone(),
            conflict_partners: HashMap::new(),
            scratch: Mutex::new(Vec::new()),
        }
    }

    pub fn weight(&self, term: &str) -> f64 {
        match self.term_ids.get(term) {
            Some(&id) => self.idf[id as usize],
            None => self.unknown_weight,
        }
    }

    /// The group of a brand claim: the brand claims with the same terms in
    /// the same order, which score alike against any query.
    pub fn group_of(&self, entry: u32) -> u32 {
        self.group[entry as usize]
    }

    /// The entries of a group, ascending.
    pub fn members_of(&self, group: u32) -> impl Iterator<Item = u32> + '_ {
        self.members[group as usize].iter().copied()
    }

    /// Number of brand claims indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Is this name (an entity, lower case) one of our products' words?
    pub fn names_a_product(&self, name: &str) -> bool {
        self.product_names.iter().any(|p| {
            p.split_whitespace()
                .any(|w| name.split_whitespace().any(|n| n == w))
        })
    }

    /// The entry id of a brand claim.
    pub fn entry(&self, at: ClaimRef) -> u32 {
        self.doc_start[at.0] + at.1 as u32
    }

    /// Resolve a claim's terms against the index.
    pub fn query(&self, claim: &Claim) -> Query {
        let mut terms = Vec::with_capacity(claim.terms.len());
        let mut lists = Vec::new();
        let mut mass = 0.0;
        for t in &claim.terms {
            let id = self.term_ids.get(t).copied();
            let antonym = self
                .antonyms
                .get(t)
                .and_then(|o| self.term_ids.get(o))
                .copied();
            let weight = id.map_or(self.unknown_weight, |id| self.idf[id as usize]);
            mass += weight;
            lists.extend(id.map(|id| (id, weight)));
            lists.extend(antonym.map(|a| (a, self.idf[a as usize])));
            terms.push(QueryTerm {
                id,
                antonym,
                product: id.map_or_else(
                    || self.product_terms.contains(t),
                    |id| self.is_product[id as usize],
                ),
                weight,
            });
        }
        let figure_kinds: Vec<Option<u32>> = claim
            .quantities
            .iter()
            .map(|q| self.kind_ids.get(&(q.dimension, q.unit.clone())).copied())
            .collect();
        let kinds: Vec<u32> = claim
            .quantities
            .iter()
            .zip(&figure_kinds)
            .filter(|(q, _)| q.dimension != Dimension::Number)
            .filter_map(|(_, k)| *k)
            .collect();
        Query {
            terms,
            lists,
            mass,
            kind_mask: kinds.iter().fold(0, |m, &k| m | kind_bit(k)),
            kinds,
            figure_kinds,
        }
    }

    /// The kind of each of a brand claim's figures, in its order.
    pub fn figure_kinds(&self, entry: u32) -> &[u32] {
        &self.entry_kinds[entry as usize]
    }

    /// Does a brand claim state a figure of this kind?
    pub fn states_kind(&self, entry: u32, kind: u32) -> bool {
        self.entry_kind_mask[entry as usize] & kind_bit(kind) != 0
            && self.entry_kinds[entry as usize].contains(&kind)
    }

    /// Do the query and a brand claim state figures that can be compared
    /// (same dimension and unit; the query's plain numbers aside)?
    pub fn same_kind_of_figure(&self, q: &Query, entry: u32) -> bool {
        q.kind_mask & self.entry_kind_mask[entry as usize] != 0
            && self.entry_kinds[entry as usize]
                .iter()
                .any(|k| q.kinds.contains(k))
    }

    fn terms_of(&self, entry: u32) -> &[u32] {
        let (a, b) = self.entry_range[entry as usize];
        &self.entry_terms[a as usize..b as usize]
    }

    fn uses(&self, entry: u32, term: Option<u32>) -> bool {
        term.is_some_and(|t| self.terms_of(entry).binary_search(&t).is_ok())
    }

    /// The query's terms a brand claim shares (an antonym counts), leaving
    /// out our product names: every claim shares those.
    fn shared<'q>(&'q self, q: &'q Query, entry: u32) -> impl Iterator<Item = &'q QueryTerm> {
        q.terms
            .iter()
            .filter(move |t| !t.product && (self.uses(entry, t.id) || self.uses(entry, t.antonym)))
    }

    /// Does the query share one of our product's words with a brand claim?
    pub fn shares_product_word(&self, q: &Query, entry: u32) -> bool {
        q.terms.iter().any(|t| t.product && self.uses(entry, t.id))
    }

    /// How many topic terms the query shares with a brand claim.
    pub fn shared_count(&self, q: &Query, entry: u32) -> usize {
        self.shared(q, entry).count()
    }

    /// Share of a brand claim's topic weight (product names aside) that the query covers.
    pub fn coverage(&self, q: &Query, entry: u32) -> f64 {
        let total = self.topic_mass[entry as usize];
        if total <= 0.0 {
            return 0.0;
        }
        let shared: f64 = self.shared(q, entry).map(|t| t.weight).sum();
        (shared / total).min(1.0)
    }

    /// Share of the query's topic weight (product names aside) that a brand claim covers.
    pub fn explained(&self, q: &Query, entry: u32) -> f64 {
        let total: f64 = q
            .terms
            .iter()
            .filter(|t| !t.product)
            .map(|t| t.weight)
            .sum();
        if total <= 0.0 {
            return 0.0;
        }
        let shared: f64 = self.shared(q, entry).map(|t| t.weight).sum();
        (shared / total).min(1.0)
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

    /// The similarity of a query and one brand claim: how much of the brand
    /// claim's topic the query covers (weighted more: brand claims are
    /// terse) blended with how much of the query the brand claim explains
    /// (sales lines carry extra words).
    pub fn score(&self, q: &Query, entry: u32) -> f64 {
        let mass = self.mass[entry as usize];
        let mut s: f64 = 0.0;
        let terms = self.terms_of(entry);
        for &(t, w) in &q.lists {
            // Each use of the term in the brand claim adds its weight.
            let from = terms.partition_point(|&u| u < t);
            for _ in terms[from..].iter().take_while(|&&u| u == t) {
                s = (s + w).min(mass);
            }
        }
        if s <= 0.0 || q.mass <= 0.0 {
            return 0.0;
        }
        0.6 * (s / mass).min(1.0) + 0.4 * (s / q.mass).min(1.0)
    }

    /// Brand claims sharing a term (or an antonym) with the query and
    /// scoring at least `min_score`, sorted best first; `allow` filters them
    /// (product scope, self).
    pub fn candidates(
        &self,
        q: &Query,
        min_score: f64,
        allow: impl Fn(ClaimRef) -> bool,
    ) -> Vec<Candidate> {
        if q.mass <= 0.0 || q.lists.is_empty() {
            return Vec::new();
        }
        // Scratch space is the index's: each lookup takes one from the pool
        // and gives it back, so threads never share one and never wait long.
        let mut scratch = self
            .scratch
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop()
            .unwrap_or_default();
        let out = {
            let Scratch {
                seen,
                round,
                touched,
            } = &mut scratch;
            if seen.len() < self.members.len() {
                seen.resize(self.members.len(), 0);
            }
            *round = round.wrapping_add(1);
            if *round == 0 {
                seen.iter_mut().for_each(|s| *s = 0);
                *round = 1;
            }
            let round = *round;
            touched.clear();
            for (list, reach) in self.plan(q, min_score) {
                for &g in &self.postings[list as usize][..reach] {
                    let s = &mut seen[g as usize];
                    if *s != round {
                        *s = round;
                        touched.push(g);
                    }
                }
            }
            let mut out = Vec::new();
            for &g in touched.iter() {
                let score = self.score(q, self.representative[g as usize]);
                if score < min_score {
                    continue;
                }
                for &id in &self.members[g as usize] {
                    let at = self.entries[id as usize];
                    if allow(at) {
                        out.push(Candidate {
                            at,
                            score,
                            words: score,
                        });
                    }
                }
            }
            out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.at.cmp(&b.at)));
            out
        };
        self.scratch
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(scratch);
        out
    }

    /// Which posting lists to walk, and how far, so that every brand claim
    /// that can score `min_score` is reached.
    ///
    /// The query's lists split into the rare ones, walked whole, and the
    /// common ones. A claim reached by common lists only has a weight sum
    /// `s` of at most their total `L`, so it scores at most
    /// `0.6·min(L/mass, 1) + 0.4·min(L/query mass, 1)`: only claims lighter
    /// than a bound can reach `min_score`, and postings are sorted by mass,
    /// so a common list is walked up to that bound. The split with the
    /// fewest postings to read wins.
    fn plan(&self, q: &Query, min_score: f64) -> Vec<(u32, usize)> {
        // Distinct lists with the total weight they can add (a list named
        // twice adds twice), most common first.
        let mut lists: Vec<(u32, f64)> = Vec::with_capacity(q.lists.len());
        for &(t, w) in &q.lists {
            match lists.iter_mut().find(|(u, _)| *u == t) {
                Some((_, total)) => *total += w,
                None => lists.push((t, w)),
            }
        }
        lists.sort_by(|a, b| {
            let (la, lb) = (
                self.postings[a.0 as usize].len(),
                self.postings[b.0 as usize].len(),
            );
            lb.cmp(&la).then(a.0.cmp(&b.0))
        });
        let goal = min_score - BOUND_SLACK;
        let full = |i: usize| self.postings[lists[i].0 as usize].len();
        let mut best: (usize, usize, f64) = (usize::MAX, 0, 0.0); // (cost, split, mass bound)
        let mut common = 0.0;
        for k in 0..=lists.len() {
            if k > 0 {
                common += lists[k - 1].1;
            }
            let rest = 0.4 * (common / q.mass).min(1.0);
            let bound = if 0.6 + rest < goal {
                0.0
            } else if rest >= goal {
                f64::INFINITY
            } else {
                0.6 * common / (goal - rest) * (1.0 + BOUND_SLACK)
            };
            let cost: usize = (0..k).map(|i| self.reach(lists[i].0, bound)).sum::<usize>()
                + (k..lists.len()).map(full).sum::<usize>();
            if cost < best.0 {
                best = (cost, k, bound);
            }
        }
        let (_, split, bound) = best;
        lists
            .iter()
            .enumerate()
            .map(|(i, &(t, _))| {
                let reach = if i < split {
                    self.reach(t, bound)
                } else {
                    full(i)
                };
                (t, reach)
            })
            .collect()
    }

    /// How many of a term's postings have a mass of at most `bound`.
    fn reach(&self, term: u32, bound: f64) -> usize {
        self.postings[term as usize]
            .partition_point(|&g| self.mass[self.representative[g as usize] as usize] <= bound)
    }
}

/// Per-thread scratch for `BrandIndex::candidates`: which groups this
/// lookup has reached (marked with the lookup's round number, so nothing
/// needs clearing between lookups) and in what order.
#[derive(Default)]
struct Scratch {
    seen: Vec<u32>,
    round: u32,
    touched: Vec<u32>,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::claims::{extract, tests::doc, Lexicon};
    use crate::markdown::Doc;

    /// Sentences mixing words most claims share (product names, "cost")
    /// with rarer ones, so the pruning bound has common lists to cut.
    pub(crate) fn sentences(count: usize, seed: u64) -> Vec<String> {
        const PRODUCTS: [&str; 3] = ["Acme Ledger", "Acme Relay", "Acme Vault"];
        const VERBS: [&str; 4] = ["cuts", "reduces", "lowers", "increases"];
        const COMMON: [&str; 3] = ["cost", "time", "spend"];
        const RARE: [&str; 12] = [
            "invoice",
            "payroll",
            "backlog",
            "churn",
            "onboarding",
            "storage",
            "audit",
            "latency",
            "renewal",
            "support",
            "review",
            "outage",
        ];
        let mut state = seed;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) as usize) % n
        };
        (0..count)
            .map(|_| {
                let mut words = vec![PRODUCTS[next(3)], VERBS[next(4)]];
                for _ in 0..1 + next(3) {
                    words.push(if next(3) == 0 {
                        RARE[next(12)]
                    } else {
                        COMMON[next(3)]
                    });
                }
                format!("{} by {}%.", words.join(" "), 5 * (1 + next(19)))
            })
            .collect()
    }

    pub(crate) fn brand_docs(sentences: &[String]) -> (Vec<Doc>, Lexicon) {
        let lines: Vec<&str> = sentences.iter().map(String::as_str).collect();
        let docs = lines
            .chunks(20)
            .enumerate()
            .map(|(i, chunk)| doc(&format!("brand/{i}.md"), chunk))
            .collect();
        (docs, Lexicon::builtin())
    }

    pub(crate) fn claims_of(docs: &[Doc], lex: &Lexicon) -> Vec<Vec<Claim>> {
        docs.iter().map(|d| extract(d, lex)).collect()
    }

    /// The brand side as alignment sees it: each doc with its claims.
    pub(crate) fn brand_view<'a>(docs: &'a [Doc], claims: &'a [Vec<Claim>]) -> Vec<BrandDoc<'a>> {
        docs.iter()
            .zip(claims)
            .map(|(doc, claims)| BrandDoc { doc, claims })
            .collect()
    }

    #[test]
    fn pruned_candidates_are_exactly_the_brand_claims_at_the_floor() {
        let (docs, lex) = brand_docs(&sentences(300, 7));
        let claims = claims_of(&docs, &lex);
        let brand = brand_view(&docs, &claims);
        let index = BrandIndex::new(&brand, &lex, &[]);
        assert!(
            index.len() > 250,
            "the sentences are claims: {}",
            index.len()
        );
        assert!(
            index.members.len() < index.len(),
            "some brand claims share their terms, so groups are exercised"
        );
        let (sales_docs, _) = brand_docs(&sentences(60, 11));
        let mut pruned_somewhere = false;
        for sales in sales_docs.iter().flat_map(|d| extract(d, &lex)) {
            let q = index.query(&sales);
            // Kind ids agree with comparing the figures themselves.
            for e in 0..index.len() as u32 {
                let (d, c) = index.entries[e as usize];
                let brand_claim = &brand[d].claims[c];
                let want = sales.quantities.iter().any(|sq| {
                    sq.dimension != Dimension::Number
                        && brand_claim.quantities.iter().any(|bq| bq.comparable(sq))
                });
                assert_eq!(index.same_kind_of_figure(&q, e), want, "{}", sales.text);
            }
            for min in [0.175, 0.35, 0.6, 0.85] {
                let got: Vec<ClaimRef> = index
                    .candidates(&q, min, |_| true)
                    .iter()
                    .map(|c| c.at)
                    .collect();
                let mut want: Vec<(f64, ClaimRef)> = (0..index.len() as u32)
                    .map(|e| (index.score(&q, e), index.entries[e as usize]))
                    .filter(|&(s, _)| s > 0.0 && s >= min)
                    .collect();
                want.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                let want: Vec<ClaimRef> = want.into_iter().map(|(_, at)| at).collect();
                assert_eq!(got, want, "{} at {min}", sales.text);
                let reached: usize = index.plan(&q, min).iter().map(|&(_, r)| r).sum();
                let total: usize = index.plan(&q, 0.0).iter().map(|&(_, r)| r).sum();
                pruned_somewhere |= reached < total;
            }
        }
        assert!(pruned_somewhere, "the bound never skipped a posting");
    }

    #[test]
    fn a_claim_matches_itself_fully_and_shares_its_topic_terms() {
        let (docs, lex) = brand_docs(&sentences(40, 3));
        let claims = claims_of(&docs, &lex);
        let brand = brand_view(&docs, &claims);
        let index = BrandIndex::new(&brand, &lex, &[]);
        for (d, bd) in brand.iter().enumerate() {
            for (c, claim) in bd.claims.iter().enumerate() {
                let q = index.query(claim);
                let e = index.entry((d, c));
                assert!((index.score(&q, e) - 1.0).abs() < 1e-12, "{}", claim.text);
                assert_eq!(
                    index.shared_count(&q, e),
                    claim.terms.len() - q.terms.iter().filter(|t| t.product).count()
                );
            }
        }
    }
}
