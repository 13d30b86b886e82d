//! The comparisons between one sales claim and the brand claims on its
//! topic. Each rule lives in its own file with its documentation; `judge`
//! runs them from the most specific to the most general and keeps the first
//! verdict, so a claim gets at most one `align.*` finding.

pub mod conflict;
mod escalation;
mod negation;
mod number_mismatch;
mod qualifier_dropped;
mod unsupported;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use crate::claims::{Claim, Lexicon};

use super::index::{Candidate, ClaimRef};
use super::{cite, AlignConfig, BrandDoc};

/// Share of a brand claim's topic weight a sales line must cover before it
/// can contradict it.
const MIN_BRAND_COVERED: f64 = 0.25;
/// With one shared word, the share of the sales line's topic weight that
/// word must carry.
const MIN_SALES_EXPLAINED: f64 = 0.2;

/// What one sales claim is compared with.
pub struct Context<'a> {
    pub sales: &'a Claim,
    pub brand: &'a [BrandDoc<'a>],
    /// Brand claims weighed together, best first (plus conflict partners).
    pub near: &'a [Candidate],
    /// The best brand claim above the threshold.
    pub best: Option<Candidate>,
    pub index: &'a super::index::BrandIndex,
    /// Every word and name the brand docs use.
    pub vocabulary: &'a HashSet<String>,
    /// Our product names, lower case.
    pub product_names: &'a [String],
    pub config: &'a AlignConfig,
}

impl Context<'_> {
    pub fn claim(&self, at: ClaimRef) -> &Claim {
        &self.brand[at.0].claims[at.1]
    }

    /// The near brand claims, best first.
    pub fn near_claims(&self) -> impl Iterator<Item = (ClaimRef, &Claim)> {
        self.near.iter().map(|c| (c.at, self.claim(c.at)))
    }

    /// Does the sales claim name one of our products?
    pub fn names_product(&self) -> bool {
        if self.sales.names_product {
            return true;
        }
        let text = self.sales.text.to_lowercase();
        self.product_names.iter().any(|p| {
            text.match_indices(p.as_str()).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + p.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            })
        })
    }

    /// Is this brand claim on the sales claim's topic firmly enough to call
    /// the two contradictory? Retrieval's threshold says "may be the same
    /// topic", which is enough to back a line; a contradiction (an error) also
    /// needs the sales line to cover a good part of what the brand claim is
    /// about, and a single shared word to be a good part of what the sales
    /// line is about ("the total revenue … $9" shares only "total" with
    /// "Total annual benefit: $200k").
    pub fn firmly_on_topic(&self, at: ClaimRef) -> bool {
        let brand = self.claim(at);
        let covered = self.index.coverage_of(self.sales, brand);
        if covered < MIN_BRAND_COVERED {
            return false;
        }
        self.index.shared_terms(self.sales, brand) >= 2
            || self.index.coverage_of(brand, self.sales) >= MIN_SALES_EXPLAINED
    }

    /// `path:line` and text of a brand claim, for messages.
    pub fn quote_brand(&self, at: ClaimRef) -> String {
        let r = cite(self.brand, at);
        format!("{}:{}: \"{}\"", r.path, r.line, short(&r.text))
    }
}

/// The built-in word lists, read once.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::builtin)
}

/// A finding-to-be.
pub struct Verdict {
    pub rule: &'static str,
    /// The brand claim compared with (cited in `related`).
    pub brand: Option<ClaimRef>,
    /// Where in the sales doc; `None` means the whole claim.
    pub span: Option<Range<usize>>,
    pub message: String,
}

/// Shorten a quotation for a one-line message.
pub fn short(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= 110 {
        return text.to_string();
    }
    let cut: String = text.chars().take(107).collect();
    format!("{}…", cut.trim_end())
}

/// Run the checks in order of specificity.
pub fn judge(ctx: &Context<'_>) -> Option<Verdict> {
    // The contradiction checks cite a brand claim; a weak match is no contradiction.
    let firm = |v: &Verdict| v.brand.is_none_or(|at| ctx.firmly_on_topic(at));
    unsupported::unknown_names(ctx)
        .or_else(|| negation::check(ctx).filter(firm))
        .or_else(|| number_mismatch::check(ctx).filter(firm))
        .or_else(|| qualifier_dropped::check(ctx).filter(firm))
        .or_else(|| escalation::check(ctx).filter(firm))
        .or_else(|| unsupported::check(ctx))
}
