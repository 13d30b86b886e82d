//! Alignment: index brand claims, match each sales claim to the brand claims
//! on the same topic and report drift — a figure the brand never states, a
//! dropped qualifier, a flipped polarity, an escalation to an absolute, or a
//! checkable claim with nothing behind it. See docs/alignment.md.

mod checks;
mod conflict;
mod context;
mod coverage;
mod index;

use serde::Deserialize;
use serde_json::json;

use crate::claims::{Claim, Dimension, Lexicon};
use crate::diagnostic::{Finding, Related};
use crate::markdown::Doc;
use crate::registry;

pub use checks::Verdict;
pub use conflict::brand_conflicts;
pub use coverage::coverage;
pub use index::{Candidate, ClaimRef};

/// Added to a candidate's score when it states a figure of the same kind.
const QUANTITY_BONUS: f64 = 0.15;
/// A candidate must score this much on words alone to get the bonus.
const BONUS_FLOOR: f64 = 0.2;

/// Do the two claims state figures that can be compared?
fn same_kind_of_figure(sales: &Claim, brand: &Claim) -> bool {
    sales.quantities.iter().any(|q| {
        q.dimension != Dimension::Number && brand.quantities.iter().any(|bq| bq.comparable(q))
    })
}

/// `align:` in onmessage.yml.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct AlignConfig {
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
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            threshold: 0.35,
            margin: 0.85,
            conflict_threshold: 0.6,
            unsupported: true,
            products: Vec::new(),
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
    lexicon: Lexicon,
}

impl BrandIndex {
    pub fn build(brand: &[BrandDoc<'_>], config: &AlignConfig) -> BrandIndex {
        let lexicon = Lexicon::builtin();
        let mut index = index::BrandIndex::new(brand, &lexicon, &config.products);
        index.conflict_partners = conflict::partners(&index, brand, config);
        BrandIndex { index, lexicon }
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

/// Align one sales doc's claims: findings plus the match of each claim.
pub fn check_doc(
    index: &BrandIndex,
    brand: &[BrandDoc<'_>],
    doc: &Doc,
    claims: &[Claim],
    config: &AlignConfig,
) -> (Vec<Finding>, Vec<ClaimMatch>) {
    let idx = &index.index;
    // Internal pages are matched (for coverage) but not reported on.
    let report = context::is_sales_material(doc, &index.lexicon);
    let mut findings = Vec::new();
    let mut matches = Vec::with_capacity(claims.len());
    for (i, claim) in claims.iter().enumerate() {
        let query = idx.query(claim);
        let mut candidates = idx.candidates_for(&query, config.threshold * 0.5, |(d, c)| {
            same_scope(claim, &brand[d].claims[c])
        });
        // Figures of the same kind are topical evidence: "$39 per agent per
        // month" is about the brand's price even with few words in common.
        for cand in &mut candidates {
            let b = &brand[cand.at.0].claims[cand.at.1];
            if cand.score >= BONUS_FLOOR && same_kind_of_figure(claim, b) {
                cand.score = (cand.score + QUANTITY_BONUS).min(1.0);
            }
        }
        // One shared word is a topic only when it is most of what the brand
        // claim is about, or a figure of the same kind backs it.
        candidates.retain(|cand| {
            let b = &brand[cand.at.0].claims[cand.at.1];
            let entry = idx.entry(cand.at);
            match idx.shared_count(&query, entry) {
                0 => false,
                1 => same_kind_of_figure(claim, b) || idx.coverage(&query, entry) >= 0.5,
                _ => true,
            }
        });
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.at.cmp(&b.at)));
        // The bonus ranks candidates; words alone must reach the threshold.
        let best = candidates
            .iter()
            .find(|c| c.words >= config.threshold)
            .copied();
        let mut near: Vec<Candidate> = match best {
            Some(b) => candidates
                .iter()
                .filter(|c| c.words >= config.threshold && c.score >= b.score * config.margin)
                .copied()
                .collect(),
            None => Vec::new(),
        };
        // A brand claim in conflict brings its partner: agreeing with either is fine.
        let partners: Vec<Candidate> = near
            .iter()
            .flat_map(|c| idx.conflict_partners.get(&c.at).into_iter().flatten())
            .filter(|p| !near.iter().any(|n| n.at == **p))
            .map(|&p| {
                candidates
                    .iter()
                    .find(|c| c.at == p)
                    .copied()
                    .unwrap_or(Candidate {
                        at: p,
                        score: 0.0,
                        words: 0.0,
                    })
            })
            .collect();
        near.extend(partners);

        matches.push(ClaimMatch {
            claim: i,
            brand: best.map(|b| (b.at.0, b.at.1, b.score)),
            related: near.iter().map(|c| (c.at.0, c.at.1, c.score)).collect(),
        });

        let ctx = checks::Context {
            sales: claim,
            brand,
            near: &near,
            best,
            index: idx,
            vocabulary: &idx.vocabulary,
            product_names: &idx.product_names,
            config,
        };
        if !report {
            continue;
        }
        if let Some(verdict) = checks::judge(&ctx) {
            findings.push(finding(doc, brand, claim, verdict, &candidates));
        }
    }
    (findings, matches)
}

fn finding(
    doc: &Doc,
    brand: &[BrandDoc<'_>],
    claim: &Claim,
    verdict: Verdict,
    candidates: &[Candidate],
) -> Finding {
    let severity = registry::computed_rule(verdict.rule)
        .map(|r| r.severity)
        .unwrap_or(crate::diagnostic::Severity::Warning);
    let span = verdict.span.unwrap_or_else(|| claim.span.clone());
    let mut f = Finding::in_doc(verdict.rule, severity, doc, span, verdict.message);
    if let Some(at) = verdict.brand {
        f = f.with_related(cite(brand, at));
    }
    let describe = |c: &Candidate| {
        let r = cite(brand, c.at);
        json!({ "path": r.path, "line": r.line, "text": r.text, "score": round(c.score) })
    };
    let matched = verdict
        .brand
        .and_then(|at| candidates.iter().find(|c| c.at == at));
    f.explain = Some(json!({
        "score": matched.map(|c| round(c.score)),
        "matched": matched.map(describe),
        "runners_up": candidates
            .iter()
            .filter(|c| Some(c.at) != verdict.brand)
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
