//! One sales claim's alignment, step by step, for `onmessage why`: the
//! brand claims that came closest and why each was weighed or not, and what
//! every check said. It runs the same lookup and the same checks as
//! `check_doc`, uncached and without stopping at the first verdict.

use crate::claims::Claim;
use crate::markdown::Doc;

use super::checks::{self, ORDER};
use super::index::Candidate;
use super::{cite, context, look_up, AlignSettings, BrandDoc, BrandIndex, Topic};

/// How many brand claims a trace shows.
const SHOWN: usize = 5;

/// A brand claim that came close to a sales claim.
#[derive(Clone, Debug, PartialEq)]
pub struct CandidateTrace {
    pub path: String,
    pub line: usize,
    pub text: String,
    /// On `align.threshold`'s 0–1 scale (a figure of the same kind adds a bonus).
    pub score: f64,
    /// Weighed with the best match, so the checks compare with it.
    pub accepted: bool,
    /// Why it was not accepted.
    pub reason: Option<String>,
}

/// What one check said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    pub check: &'static str,
    /// `None`: no drift found.
    pub rule: Option<&'static str>,
    pub result: String,
    /// This verdict is the one reported (the first that holds).
    pub decided: bool,
}

/// A sales claim's way through alignment.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimTrace {
    pub candidates: Vec<CandidateTrace>,
    pub comparisons: Vec<Comparison>,
}

impl BrandIndex {
    /// Trace `claim` of the sales doc `doc` against the brand.
    pub fn trace(
        &self,
        brand: &[BrandDoc<'_>],
        doc: &Doc,
        claim: &Claim,
        config: &AlignSettings,
    ) -> ClaimTrace {
        let lookup = look_up(&self.index, brand, claim, config);
        let topic = Topic {
            index: &self.index,
            brand,
            claim,
            query: &lookup.query,
            config,
        };
        let accepted = |c: &Candidate| lookup.near.iter().any(|n| n.at == c.at);
        // Every brand claim sharing a word, whatever its product: the trace
        // shows what scoping and thresholds set aside, too.
        let mut pool: Vec<Candidate> = self
            .index
            .candidates(&lookup.query, f64::MIN_POSITIVE, |_| true)
            .into_iter()
            .map(|c| topic.with_bonus(c))
            .collect();
        topic.sort(&mut pool);
        let candidates = pool
            .iter()
            .take(SHOWN)
            .map(|c| {
                let place = cite(brand, c.at);
                let reason = (!accepted(c)).then(|| rejection(&topic, c, lookup.best));
                CandidateTrace {
                    path: place.path,
                    line: place.line,
                    text: place.text,
                    score: (c.score * 1000.0).round() / 1000.0,
                    accepted: reason.is_none(),
                    reason,
                }
            })
            .collect();

        let comparisons = if !context::is_sales_material(doc, &self.lexicon) {
            vec![Comparison {
                check: "sales material",
                rule: None,
                result: "not compared: the page reads as internal process text".into(),
                decided: false,
            }]
        } else {
            let ctx = self.context(brand, claim, &lookup, config);
            let mut decided = false;
            ORDER
                .iter()
                .map(|check| compare(&ctx, check, &mut decided))
                .collect()
        };
        ClaimTrace {
            candidates,
            comparisons,
        }
    }
}

/// Why a brand claim was not weighed with the best match.
pub(super) fn rejection(topic: &Topic<'_>, c: &Candidate, best: Option<Candidate>) -> String {
    let threshold = topic.config.threshold;
    if !topic.in_scope(c.at) {
        "another product's claim".into()
    } else if !topic.on_topic(c.at) {
        "no firm topic: one shared word, and little of the brand claim".into()
    } else if c.words < threshold {
        format!(
            "below the threshold: words score {:.2} < align.threshold {threshold}, with no figure in common and no clear lead",
            c.words
        )
    } else if let Some(best) = best.filter(|b| c.score < b.score * topic.config.margin) {
        format!(
            "outside the margin: {:.2} < {:.2} × align.margin {}",
            c.score, best.score, topic.config.margin
        )
    } else {
        "not weighed with the best match".into()
    }
}

/// One check's verdict, and whether it is the one `judge` reports.
fn compare(ctx: &checks::Context<'_>, check: &checks::Check, decided: &mut bool) -> Comparison {
    let raw = (check.check)(ctx);
    let kept = check.run(ctx);
    let decisive = kept.is_some() && !*decided;
    *decided |= kept.is_some();
    let (rule, result) = match (raw, kept) {
        (None, _) => (None, "no drift".to_string()),
        (Some(v), None) => (
            Some(v.rule),
            format!(
                "{}: set aside, the brand claim it cites is not firmly on topic",
                v.rule
            ),
        ),
        (Some(_), Some(v)) if decisive => (Some(v.rule), format!("{}: {}", v.rule, v.message)),
        (Some(_), Some(v)) => (
            Some(v.rule),
            format!("{}: not reported, an earlier check decided", v.rule),
        ),
    };
    Comparison {
        check: check.name,
        rule,
        result,
        decided: decisive,
    }
}
