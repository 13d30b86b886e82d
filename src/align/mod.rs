//! Alignment: index brand claims, match each sales claim to the brand claims
//! on the same topic and report drift — a figure the brand never states, a
//! dropped qualifier, a flipped polarity, an escalation to an absolute, or a
//! checkable claim with nothing behind it. See docs/alignment.md.

mod brand_conflicts;
mod cache;
mod checks;
mod context;
mod coverage;
pub mod guidance;
mod index;
mod trace;

use serde::Deserialize;
use serde_json::json;

use crate::claims::{Claim, Dimension, Lexicon, Qualifier};
use crate::diagnostic::{Finding, Related};
use crate::markdown::Doc;
use crate::registry;

pub use checks::Verdict;
pub use coverage::coverage;
pub use index::{Candidate, ClaimRef};
pub use trace::{CandidateTrace, ClaimTrace, Comparison};

/// Added to a candidate's score when it states a figure of the same kind.
const QUANTITY_BONUS: f64 = 0.15;
/// A candidate must score this much on words alone to get the bonus.
const BONUS_FLOOR: f64 = 0.2;
/// A clear winner, or a brand claim stating the sales claim's figure, is
/// admitted from this share of `align.threshold` up.
const DOMINANT_SHARE: f64 = 0.8;
/// … when it explains this share of the sales claim's topic weight.
const DOMINANT_EXPLAINED: f64 = 0.4;
/// Unweighed brand denials a lookup keeps for `align.negation`.
const MAX_DENIALS: usize = 3;

/// The alignment stage's settings: `align:` in onmessage.yml, plus `--explain`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct AlignSettings {
    /// Minimum similarity (0–1) for a brand claim to count as the same topic.
    pub threshold: f64,
    /// Brand claims scoring at least this share of the best match are
    /// weighed together (a sales line agreeing with any of them is fine).
    pub margin: f64,
    /// Minimum similarity for two brand claims to be on one topic (`brand.conflict`).
    pub conflict_threshold: f64,
    /// Report `align.unsupported` (checkable sales claims with no brand claim behind them).
    pub unsupported: bool,
    /// Our product names, besides those in brand docs' front matter
    /// (`product:`/`products:`). A figure or guarantee naming one of them
    /// with no brand claim behind it is `align.unsupported`.
    pub products: Vec<String>,
    /// `--explain`: rank each finding's runners-up too (not a config key).
    #[serde(skip)]
    pub explain: bool,
}

impl Default for AlignSettings {
    fn default() -> Self {
        AlignSettings {
            threshold: 0.35,
            margin: 0.85,
            conflict_threshold: 0.6,
            unsupported: true,
            products: Vec::new(),
            explain: false,
        }
    }
}

/// A brand doc with its claims.
pub struct BrandDoc<'a> {
    pub doc: &'a Doc,
    pub claims: &'a [Claim],
}

/// The brand claims, indexed once and shared read-only.
pub struct BrandIndex {
    index: index::BrandIndex,
    /// Lookups of repeated sales claims against this index.
    cache: cache::LookupCache,
    lexicon: Lexicon,
    /// Conflicting brand claims, as (reported, cited).
    conflicts: Vec<(ClaimRef, ClaimRef)>,
    /// Attach scores and runners-up to findings (`--explain`); ranking every
    /// brand claim on a finding's topic costs a full lookup.
    explain: bool,
}

impl BrandIndex {
    /// Index the brand claims, reading terms with the run's `lexicon`.
    pub fn build(brand: &[BrandDoc<'_>], config: &AlignSettings, lexicon: &Lexicon) -> BrandIndex {
        let lexicon = lexicon.clone();
        let mut index = index::BrandIndex::new(brand, &lexicon, &config.products);
        let conflicts = brand_conflicts::pairs(&index, brand, config);
        index.conflict_partners = brand_conflicts::partners(&conflicts);
        BrandIndex {
            index,
            cache: cache::LookupCache::default(),
            lexicon,
            conflicts,
            explain: true,
        }
    }

    /// Whether findings carry `explain` (scores, runners-up); on by default.
    pub fn explaining(mut self, explain: bool) -> BrandIndex {
        self.explain = explain;
        self
    }

    /// What every check of one sales claim reads.
    fn context<'a>(
        &'a self,
        brand: &'a [BrandDoc<'a>],
        claim: &'a Claim,
        lookup: &'a cache::Lookup,
        config: &'a AlignSettings,
    ) -> checks::Context<'a> {
        let idx = &self.index;
        checks::Context {
            sales: claim,
            query: &lookup.query,
            lexicon: &self.lexicon,
            brand,
            near: &lookup.near,
            denials: &lookup.denials,
            closest: lookup.closest,
            best: lookup.best,
            figures: &lookup.figures,
            index: idx,
            vocabulary: &idx.vocabulary,
            product_names: &idx.product_names,
            config,
        }
    }

    /// `brand.conflict` findings among the brand docs this index was built
    /// from (the pairs were found while building it).
    pub fn conflicts(&self, brand: &[BrandDoc<'_>]) -> Vec<Finding> {
        brand_conflicts::findings(brand, &self.conflicts)
    }
}

/// How one sales claim lines up with the brand.
#[derive(Clone, Debug, Default)]
pub struct ClaimMatch {
    /// Index of the sales claim in its doc's claims.
    pub claim: usize,
    /// Best brand claim: (brand doc index, claim index, score).
    pub brand: Option<(usize, usize, f64)>,
    /// Every brand claim weighed with the best one (within the margin), best first.
    pub related: Vec<(usize, usize, f64)>,
}

/// Can a sales claim be compared with this brand claim? When both docs
/// name a product, only claims about the same product are.
fn same_scope(sales: &Claim, brand: &Claim) -> bool {
    match (&sales.product, &brand.product) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Where a brand claim is, for messages and `related`.
pub(crate) fn cite(brand: &[BrandDoc<'_>], at: ClaimRef) -> Related {
    let bd = &brand[at.0];
    let claim = &bd.claims[at.1];
    Related {
        path: bd.doc.path.clone(),
        line: bd.doc.position(claim.span.start).0,
        text: claim.text.clone(),
    }
}

/// Does the brand claim at `at` state one of the sales claim's figures
/// (same kind, same value; plain numbers aside)?
fn states_same_figure(
    index: &index::BrandIndex,
    query: &index::Query,
    sales: &Claim,
    at: ClaimRef,
    brand: &Claim,
) -> bool {
    let kinds = index.figure_kinds(index.entry(at));
    sales.quantities.iter().enumerate().any(|(i, q)| {
        q.dimension != Dimension::Number
            && query.figure_kind(i).is_some_and(|kind| {
                brand
                    .quantities
                    .iter()
                    .zip(kinds)
                    .any(|(bq, &k)| k == kind && bq.same_value(q))
            })
    })
}

/// Do both claims state a figure of the same kind with the same bound ("up
/// to 50%" and "up to 35%")? Both give a best case of one measure.
fn bounded_alike(sales: &Claim, brand: &Claim) -> bool {
    sales.quantities.iter().any(|q| {
        q.qualifier != Qualifier::Exact
            && q.dimension != Dimension::Number
            && brand
                .quantities
                .iter()
                .any(|b| b.comparable(q) && b.qualifier == q.qualifier)
    })
}

/// What retrieval found for one sales claim (`Topic::near`).
struct Near {
    /// The best brand claim above the threshold.
    best: Option<Candidate>,
    /// The brand claims weighed with the best, best first.
    ranked: Vec<Candidate>,
    /// Brand denials on the topic not weighed (`Topic::denials`).
    denials: Vec<Candidate>,
    /// When no brand claim is weighed, the top one sharing a word
    /// (`Topic::closest`).
    closest: Option<Candidate>,
}

/// One sales claim against the brand index: which brand claims are on its topic.
struct Topic<'a> {
    index: &'a index::BrandIndex,
    brand: &'a [BrandDoc<'a>],
    claim: &'a Claim,
    query: &'a index::Query,
    config: &'a AlignSettings,
}

impl Topic<'_> {
    /// Brand claims scoring at least this on words are ranked at all.
    fn floor(&self) -> f64 {
        self.config.threshold * 0.5
    }

    fn brand_claim(&self, at: ClaimRef) -> &Claim {
        &self.brand[at.0].claims[at.1]
    }

    fn in_scope(&self, at: ClaimRef) -> bool {
        same_scope(self.claim, self.brand_claim(at))
    }

    /// One shared word is a topic only when it is most of what the brand
    /// claim is about, or a figure of the same kind backs it.
    fn on_topic(&self, at: ClaimRef) -> bool {
        let entry = self.index.entry(at);
        match self.index.shared_count(self.query, entry) {
            // "Each probe goes in in less than twenty minutes" and "… can
            // put in a probe in under 20 minutes": only the product's own
            // word is shared, and the very same figure says the rest.
            0 => {
                self.index.shares_product_word(self.query, entry)
                    && self.states_exactly_the_same_figure(at)
            }
            1 => {
                self.index.same_kind_of_figure(self.query, entry)
                    || self.index.coverage(self.query, entry) >= 0.5
            }
            _ => true,
        }
    }

    /// Weighed at all: words at the threshold, or, near it, the
    /// same figure as the sales claim ("97%" and "97%", "in under an hour"
    /// and "in under an hour"): a shared figure says about as much of the
    /// topic as a shared word ("Your emails land in the inbox 97% of the
    /// time" and "Average inbox placement was 97%").
    ///
    /// So is a clear winner just under the threshold: the top brand claim,
    /// sharing two or more words that carry half the sales claim's topic,
    /// scoring at least `DOMINANT_SHARE` of the threshold and at least twice
    /// any other ("Our analysts will always
    /// isolate a compromised machine" and "Analysts can isolate a
    /// compromised endpoint …" at 0.34). Retrieval ranks the right brand
    /// claim first far more often than it clears a fixed bar.
    fn admitted(&self, c: &Candidate, dominant: Option<ClaimRef>) -> bool {
        c.words >= self.config.threshold
            || (c.words >= self.floor() && self.states_exactly_the_same_figure(c.at))
            || (c.words >= self.config.threshold * DOMINANT_SHARE
                && (self.measures_the_same(c.at) || dominant == Some(c.at)))
    }

    /// Do both claims measure the same physical kind of thing ("about 40
    /// acres" and "up to 8 hectares")? Like a shared figure, a shared
    /// measure says as much of the topic as a shared word.
    ///
    /// So does a figure of the same kind bounded alike ("up to 50%" and "up
    /// to 35%", "as much as 85%" and "up to 70%"): both state a best case of
    /// the same measure, whatever its value.
    fn measures_the_same(&self, at: ClaimRef) -> bool {
        let brand = self.brand_claim(at);
        bounded_alike(self.claim, brand)
            || self.claim.quantities.iter().any(|q| {
                q.dimension == Dimension::Measure
                    && brand.quantities.iter().any(|b| b.comparable(q))
            })
    }

    /// The clear winner of a pool (every on-topic candidate from the floor
    /// up), if there is one below the threshold.
    fn dominant(&self, pool: &[Candidate]) -> Option<ClaimRef> {
        let mut on_topic = pool.iter().filter(|c| self.on_topic(c.at));
        let top = on_topic.next()?;
        let second = on_topic.map(|c| c.words).fold(0.0, f64::max);
        let entry = self.index.entry(top.at);
        let clear = top.words >= self.config.threshold * DOMINANT_SHARE
            && top.words >= 2.0 * second
            && self.index.shared_count(self.query, entry) >= 2
            // Most of what the sales claim is about, not two stray words
            // of a long line ("type … name" and "the full name need not be typed").
            && self.index.explained(self.query, entry) >= DOMINANT_EXPLAINED;
        clear.then_some(top.at)
    }

    /// The same figure stated alike: a single value, or the same range. A
    /// value inside a range ("100 - 500 devs" and "250 devs") is the same
    /// figure to the checks but too weak to admit a claim on its own.
    /// `comparable` is the kind the free `states_same_figure` compares.
    fn states_exactly_the_same_figure(&self, at: ClaimRef) -> bool {
        let brand = self.brand_claim(at);
        self.claim.quantities.iter().any(|q| {
            q.dimension != Dimension::Number
                && brand.quantities.iter().any(|b| {
                    b.comparable(q) && b.high.is_none() == q.high.is_none() && b.same_value(q)
                })
        })
    }

    /// Figures of the same kind are topical evidence: "$39 per agent per
    /// month" is about the brand's price even with few words in common.
    fn with_bonus(&self, mut cand: Candidate) -> Candidate {
        if cand.score >= BONUS_FLOOR
            && self
                .index
                .same_kind_of_figure(self.query, self.index.entry(cand.at))
        {
            cand.score = (cand.score + QUANTITY_BONUS).min(1.0);
        }
        cand
    }

    /// Best first; of equal scores a key message first, since it is the
    /// brand's deliberate statement and the one a finding should cite.
    fn sort(&self, candidates: &mut [Candidate]) {
        candidates.sort_by(|a, b| self.order(a, b));
    }

    /// The order of `sort`: the better candidate is the lesser.
    fn order(&self, a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
        let key = |at: ClaimRef| !self.brand[at.0].claims[at.1].key_message;
        b.score
            .total_cmp(&a.score)
            .then(key(a.at).cmp(&key(b.at)))
            .then(a.at.cmp(&b.at))
    }

    /// Every brand claim on the topic from the floor up, best first (for
    /// `--explain`'s runners-up).
    fn ranked(&self) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = self
            .index
            .candidates(self.query, self.floor(), |at| self.in_scope(at))
            .into_iter()
            .map(|c| self.with_bonus(c))
            .filter(|c| self.on_topic(c.at))
            .collect();
        self.sort(&mut out);
        out
    }

    /// One brand claim as [`Topic::ranked`] would rank it, if it would.
    fn ranked_one(&self, at: ClaimRef) -> Option<Candidate> {
        let words = self.index.score(self.query, self.index.entry(at));
        if words <= 0.0 || words < self.floor() || !self.in_scope(at) || !self.on_topic(at) {
            return None;
        }
        Some(self.with_bonus(Candidate {
            at,
            score: words,
            words,
        }))
    }

    /// The best brand claim whose words reach the threshold, and the brand
    /// claims weighed together with it: those at the threshold whose score
    /// is within the margin of the best one, best first.
    ///
    /// Only claims at the threshold are retrieved, and only those that can
    /// still come within the margin of the best are given the figure bonus
    /// and ranked: the best scores at least the highest word score `top`,
    /// and a claim scores at most its words plus the bonus, so a claim with
    /// words below `top × margin − bonus` can be neither.
    fn near(&self) -> Near {
        let threshold = self.config.threshold;
        // Claims below the threshold can be admitted (a shared figure, a
        // clear winner), so the pool starts at the floor.
        let pool = self
            .index
            .candidates(self.query, threshold.min(self.floor()), |at| {
                self.in_scope(at)
            });
        let dominant = self.dominant(&pool);
        let weighable = |c: &Candidate| self.admitted(c, dominant) && self.on_topic(c.at);
        let Some(top) = pool.iter().find(|c| weighable(c)) else {
            return Near {
                best: None,
                ranked: Vec::new(),
                denials: self.denials(&pool, &[]),
                closest: self.closest(&pool),
            };
        };
        // The margin is at most 1 for the best itself to survive the cut.
        let cutoff = top.words * self.config.margin.min(1.0) - QUANTITY_BONUS - 1e-9;
        let mut ranked: Vec<Candidate> = pool
            .iter()
            .take_while(|c| c.words >= cutoff)
            .filter(|c| weighable(c))
            .map(|&c| self.with_bonus(c))
            .collect();
        self.sort(&mut ranked);
        let best = ranked.first().copied();
        if let Some(best) = best {
            ranked.retain(|c| c.score >= best.score * self.config.margin);
        }
        let denials = self.denials(&pool, &ranked);
        Near {
            best,
            ranked,
            denials,
            // Read only when nothing is weighed (`unsupported`).
            closest: None,
        }
    }

    /// The pool's top claim sharing a word that is not our product's name
    /// (every claim shares that), with the figure bonus.
    fn closest(&self, pool: &[Candidate]) -> Option<Candidate> {
        // Ranked as the runners-up are: a figure of the same kind counts.
        pool.iter()
            .filter(|c| self.index.shared_count(self.query, self.index.entry(c.at)) >= 1)
            .map(|&c| self.with_bonus(c))
            .min_by(|a, b| self.order(a, b))
    }

    /// Brand denials in the pool that were not weighed: a short denial
    /// ("Loomcast does not offer SMS or WhatsApp messaging.") shares one
    /// word with the line that contradicts it ("you can run SMS right
    /// from the journey builder"), too little to be the best match but
    /// enough for `align.negation`, which asks whether the line covers
    /// what the denial denies. At most `MAX_DENIALS`, best first.
    fn denials(&self, pool: &[Candidate], weighed: &[Candidate]) -> Vec<Candidate> {
        pool.iter()
            .filter(|c| self.brand_claim(c.at).negated && !weighed.iter().any(|w| w.at == c.at))
            .take(MAX_DENIALS)
            .copied()
            .collect()
    }
}

/// One sales claim's lookup: the brand claims on its topic, and the
/// conflict partners of those (agreeing with either side of a conflict is fine).
fn look_up(
    idx: &index::BrandIndex,
    brand: &[BrandDoc<'_>],
    claim: &Claim,
    config: &AlignSettings,
) -> cache::Lookup {
    let query = idx.query(claim);
    let topic = Topic {
        index: idx,
        brand,
        claim,
        query: &query,
        config,
    };
    let Near {
        best,
        ranked: mut near,
        denials,
        closest,
    } = topic.near();
    let partners: Vec<Candidate> = near
        .iter()
        .flat_map(|c| idx.conflict_partners.get(&c.at).into_iter().flatten())
        .filter(|p| !near.iter().any(|n| n.at == **p))
        .map(|&p| {
            topic.ranked_one(p).unwrap_or(Candidate {
                at: p,
                score: 0.0,
                words: 0.0,
            })
        })
        .collect();
    near.extend(partners);
    let figures = checks::distinct_figures(idx, brand, &query, &near, claim.quantities.len());
    cache::Lookup {
        query,
        best,
        near,
        denials,
        closest,
        figures,
    }
}

/// Align one sales doc's claims: findings plus the match of each claim.
pub fn check_doc(
    index: &BrandIndex,
    brand: &[BrandDoc<'_>],
    doc: &Doc,
    claims: &[Claim],
    config: &AlignSettings,
) -> (Vec<Finding>, Vec<ClaimMatch>) {
    let idx = &index.index;
    // Internal pages are matched (for coverage) but not reported on.
    let report = context::is_sales_material(doc, &index.lexicon);
    let mut findings = Vec::new();
    let mut matches = Vec::with_capacity(claims.len());
    let tag = (config.threshold.to_bits(), config.margin.to_bits());
    for (i, claim) in claims.iter().enumerate() {
        let lookup = index
            .cache
            .lookup(tag, claim, || look_up(idx, brand, claim, config));
        let (best, near) = (lookup.best, &lookup.near);
        matches.push(ClaimMatch {
            claim: i,
            brand: best.map(|b| (b.at.0, b.at.1, b.score)),
            related: near.iter().map(|c| (c.at.0, c.at.1, c.score)).collect(),
        });
        if !report {
            continue;
        }
        let ctx = index.context(brand, claim, &lookup, config);
        if let Some(verdict) = checks::judge(&ctx) {
            let ranked = index.explain.then(|| {
                let topic = Topic {
                    index: idx,
                    brand,
                    claim,
                    query: &lookup.query,
                    config,
                };
                topic
                    .ranked()
                    .into_iter()
                    .map(|c| {
                        let weighed = lookup.near.iter().any(|n| n.at == c.at);
                        let reason = (!weighed).then(|| trace::rejection(&topic, &c, lookup.best));
                        (c, reason)
                    })
                    .collect::<Vec<_>>()
            });
            findings.push(finding(doc, brand, claim, verdict, ranked.as_deref()));
        }
    }
    (findings, matches)
}

/// The finding for a verdict; given the topic's ranked brand claims (each
/// with why it was not weighed, if it was not), with its `explain`.
fn finding(
    doc: &Doc,
    brand: &[BrandDoc<'_>],
    claim: &Claim,
    verdict: Verdict,
    candidates: Option<&[(Candidate, Option<String>)]>,
) -> Finding {
    let severity = registry::computed_rule(verdict.rule)
        .map(|r| r.severity)
        .unwrap_or(crate::diagnostic::Severity::Warning);
    let span = verdict.span.unwrap_or_else(|| claim.span.clone());
    let mut f = Finding::in_doc(verdict.rule, severity, doc, span, verdict.message);
    if let Some(at) = verdict.brand {
        f = f.with_related(cite(brand, at));
    }
    let Some(candidates) = candidates else {
        return f;
    };
    let describe = |(c, reason): &(Candidate, Option<String>)| {
        let r = cite(brand, c.at);
        json!({
            "path": r.path, "line": r.line, "text": r.text, "score": round(c.score),
            "accepted": reason.is_none(), "reason": reason,
        })
    };
    let matched = verdict
        .brand
        .and_then(|at| candidates.iter().find(|(c, _)| c.at == at));
    f.explain = Some(json!({
        "score": matched.map(|(c, _)| round(c.score)),
        "matched": matched.map(describe),
        "runners_up": candidates
            .iter()
            .filter(|(c, _)| Some(c.at) != verdict.brand)
            .take(3)
            .map(describe)
            .collect::<Vec<_>>(),
        "terms": claim.terms,
    }));
    f
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::extract;
    use index::tests::{brand_docs, brand_view, claims_of, sentences};

    /// `Topic::near` ranks only the claims that can come within the margin;
    /// it must pick what ranking every claim from the floor up would pick.
    #[test]
    fn near_is_what_full_ranking_gives() {
        let (docs, lex) = brand_docs(&sentences(200, 5));
        let claims = claims_of(&docs, &lex);
        let brand = brand_view(&docs, &claims);
        let (sales_docs, _) = brand_docs(&sentences(40, 9));
        let sales: Vec<Claim> = sales_docs.iter().flat_map(|d| extract(d, &lex)).collect();
        let mut nonempty = 0;
        for (threshold, margin) in [(0.35, 0.85), (0.35, 0.5), (0.6, 1.0), (0.2, 1.2)] {
            let config = AlignSettings {
                threshold,
                margin,
                ..AlignSettings::default()
            };
            let index = BrandIndex::build(&brand, &config, &Lexicon::builtin());
            for claim in &sales {
                let query = index.index.query(claim);
                let topic = Topic {
                    index: &index.index,
                    brand: &brand,
                    claim,
                    query: &query,
                    config: &config,
                };
                let all = topic.ranked();
                let mut by_words = all.clone();
                by_words.sort_by(|a, b| b.words.total_cmp(&a.words).then(a.at.cmp(&b.at)));
                let dominant = topic.dominant(&by_words);
                let best = all.iter().find(|c| topic.admitted(c, dominant)).copied();
                let near: Vec<ClaimRef> = match best {
                    Some(b) => all
                        .iter()
                        .filter(|c| topic.admitted(c, dominant) && c.score >= b.score * margin)
                        .map(|c| c.at)
                        .collect(),
                    None => Vec::new(),
                };
                let Near {
                    best: got_best,
                    ranked: got_near,
                    ..
                } = topic.near();
                assert_eq!(got_best.map(|c| c.at), best.map(|c| c.at), "{}", claim.text);
                let got_near: Vec<ClaimRef> = got_near.iter().map(|c| c.at).collect();
                assert_eq!(got_near, near, "{} ({threshold}, {margin})", claim.text);
                nonempty += usize::from(near.len() > 1);
            }
        }
        assert!(
            nonempty > 10,
            "few claims had several near matches: {nonempty}"
        );
    }

    /// A repeated sales claim reuses a remembered lookup: every claim's
    /// match must be what a fresh lookup gives, also after the settings
    /// change on the same thread.
    #[test]
    fn remembered_lookups_are_fresh_lookups() {
        let (docs, lex) = brand_docs(&sentences(200, 5));
        let claims = claims_of(&docs, &lex);
        let brand = brand_view(&docs, &claims);
        // Each sales sentence three times over, in three docs.
        let lines = sentences(30, 9);
        let (sales_docs, _) = brand_docs(&[lines.clone(), lines.clone(), lines].concat());
        let index = BrandIndex::build(&brand, &AlignSettings::default(), &Lexicon::builtin());
        for (threshold, margin) in [(0.35, 0.85), (0.35, 0.5), (0.6, 0.5)] {
            let config = AlignSettings {
                threshold,
                margin,
                ..AlignSettings::default()
            };
            let mut related = 0;
            for sales in &sales_docs {
                let sales_claims = extract(sales, &lex);
                let (_, matches) = check_doc(&index, &brand, sales, &sales_claims, &config);
                for (m, claim) in matches.iter().zip(&sales_claims) {
                    let fresh = look_up(&index.index, &brand, claim, &config);
                    let at = |c: &Candidate| (c.at.0, c.at.1, c.score);
                    assert_eq!(m.brand, fresh.best.as_ref().map(at), "{}", claim.text);
                    let want: Vec<_> = fresh.near.iter().map(at).collect();
                    assert_eq!(m.related, want, "{}", claim.text);
                    related += m.related.len();
                }
            }
            assert!(related > 50, "few matches to compare: {related}");
        }
    }
}
