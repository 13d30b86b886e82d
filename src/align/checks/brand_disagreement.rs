//! `brand.conflict`: when do two brand claims on one topic disagree?
//! (`align::brand_conflicts` finds the pairs and reports them; this decides.)
//! What it reports and leaves alone is documented in
//! `docs/rules/brand.conflict.md`.

use crate::claims::{Claim, Dimension, Quantity};
use crate::markdown::{BlockKind, Doc};

use super::super::index::{BrandIndex, ClaimRef};
use super::super::BrandDoc;
use super::negation::denies;
use crate::claims::words::tokenize;

pub fn disagree(index: &BrandIndex, brand: &[BrandDoc<'_>], a: ClaimRef, b: ClaimRef) -> bool {
    let (ca, cb) = (&brand[a.0].claims[a.1], &brand[b.0].claims[b.1]);
    if a.0 == b.0 && siblings(brand[a.0].doc, ca.block, cb.block) {
        return false;
    }
    // "GKE setup (11.3)" and "EKS setup (11.0)", "Intro - Jan 12 (25 mins)"
    // and "Intro - Mar 23 (22 mins)": each names something the other does
    // not, so they are about different things.
    let names_other = |x: &Claim, y: &Claim| x.entities.iter().any(|e| !y.entities.contains(e));
    if names_other(ca, cb) && names_other(cb, ca) {
        return false;
    }
    let differ = (!ca.guarantee_denied && !cb.guarantee_denied && denies(index, ca, cb))
        || figures_differ(ca, cb);
    // "Intro - Jan 12 2022 (25 mins)" and "Intro - Mar 23 2022 (22 mins)":
    // two dated items are two events, not one told two ways. Read last, and
    // only for pairs that differ: it tokenises both texts again.
    differ && !dated_apart(ca, cb)
}

fn dated_apart(a: &Claim, b: &Claim) -> bool {
    let (da, db) = (dates(&a.text), dates(&b.text));
    !da.is_empty() && !db.is_empty() && da != db
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The dates a text names ("Jan 12", "March 3, 2022"), as month and day.
fn dates(text: &str) -> Vec<(usize, String)> {
    let toks = tokenize(text);
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let word = t.lower.trim_end_matches('.');
        // A full month name, or its first three letters ("may" only in full
        // and capitalised, since it is also a verb).
        let month = MONTHS
            .iter()
            .position(|m| *m == word || (word.len() == 3 && m.starts_with(word) && word != "may"));
        let Some(month) = month else { continue };
        if word == "may" && !t.capitalized {
            continue;
        }
        if let Some(day) = toks.get(i + 1).filter(|n| n.is_number()) {
            out.push((month, day.lower.to_string()));
        }
    }
    out
}

/// A bare number has no unit to compare, and "14.5 releases" is a version,
/// not a count.
fn is_amount(q: &Quantity) -> bool {
    match q.dimension {
        Dimension::Number => false,
        Dimension::Count => q.value.fract() == 0.0,
        _ => true,
    }
}

/// The same block, or list items / table rows of one section.
fn siblings(doc: &Doc, a: usize, b: usize) -> bool {
    if a == b {
        return true;
    }
    let (Some(x), Some(y)) = (doc.blocks.get(a), doc.blocks.get(b)) else {
        return false;
    };
    let enumeration = |k: BlockKind| matches!(k, BlockKind::List | BlockKind::Table);
    enumeration(x.kind) && enumeration(y.kind) && x.heading_path == y.heading_path
}

/// Each states exactly one figure of some kind, and the two differ.
fn figures_differ(a: &Claim, b: &Claim) -> bool {
    b.quantities.iter().filter(|qb| is_amount(qb)).any(|qb| {
        let mine: Vec<_> = b.quantities.iter().filter(|q| q.comparable(qb)).collect();
        let theirs: Vec<_> = a.quantities.iter().filter(|q| q.comparable(qb)).collect();
        mine.len() == 1 && theirs.len() == 1 && !theirs[0].same_value(qb)
    })
}
