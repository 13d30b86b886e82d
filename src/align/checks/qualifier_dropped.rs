//! `align.qualifier-dropped`; what it reports is documented in
//! `docs/rules/align.qualifier-dropped.md`. Runs after `escalation`, which
//! reports a hedge turned into a promise first.

use crate::claims::lexicon::HEDGE_OF_EXTENT;
use crate::claims::words::tokenize;
use crate::claims::{Claim, Lexicon, Qualifier, Quantity, Strength};

use super::{Context, Verdict};

/// Why a sales figure is stronger than the equal brand figure, if it is.
fn dropped(sales: &Quantity, sales_hedged: bool, brand: &Quantity) -> Option<String> {
    let floor = matches!(sales.qualifier, Qualifier::AtLeast | Qualifier::MoreThan);
    match brand.qualifier {
        Qualifier::UpTo if floor || (sales.qualifier == Qualifier::Exact && !sales_hedged) => {
            return Some("the brand's \"up to\"".into())
        }
        Qualifier::About | Qualifier::Under if floor => {
            return Some("the brand's approximation".into())
        }
        _ => {}
    }
    if brand.averaged && !sales.averaged && !sales_hedged && sales.qualifier != Qualifier::UpTo {
        return Some("the brand's \"on average\"".into());
    }
    None
}

/// The hedge that softens a whole brand claim ("Most customers …",
/// "… typically …", "… helps cut …"), when its figure is not otherwise
/// qualified: dropping it states the brand's best or usual case as a fact.
fn claim_hedge(lexicon: &Lexicon, brand: &Claim) -> Option<String> {
    if brand.strength != Strength::Hedged {
        return None;
    }
    let toks = tokenize(&brand.text);
    let (start, len) = (0..toks.len()).find_map(|i| {
        lexicon
            .hedges
            .match_at(&toks, i)
            .filter(|&(_, kind)| kind == HEDGE_OF_EXTENT)
            .map(|(n, _)| (i, n))
    })?;
    let span = toks[start].start..toks[start + len - 1].end;
    Some(format!(
        "the brand's \"{}\"",
        brand.text[span].to_lowercase()
    ))
}

pub fn check(ctx: &Context<'_>) -> Option<Verdict> {
    ctx.best?;
    let hedged = ctx.sales.strength == Strength::Hedged;
    for (i, q) in ctx.sales.quantities.iter().enumerate() {
        // Empty when no brand claim states a figure of this kind.
        let equal: Vec<_> = ctx.figures[i]
            .iter()
            .filter(|(_, bq)| bq.same_value(q))
            .collect();
        // Every brand claim stating the figure must be stronger-worded:
        // one that states it as the sales line does backs the line.
        // A brand claim that another brand claim contradicts is marketing's
        // to settle: a line taking one side drops nothing of a settled claim.
        let why = |&(at, ref bq): &(_, Quantity)| {
            dropped(q, hedged, bq).or_else(|| {
                (!hedged && !ctx.index.conflict_partners.contains_key(&at))
                    .then(|| claim_hedge(ctx.lexicon, ctx.claim(at)))
                    .flatten()
            })
        };
        if equal.is_empty() || equal.iter().any(|e| why(e).is_none()) {
            continue;
        }
        let &(at, ref bq) = equal[0];
        let what = why(equal[0]).unwrap_or_default();
        return Some(Verdict {
            rule: "align.qualifier-dropped",
            brand: Some(at),
            span: Some(q.span.clone()),
            message: format!(
                "\"{}\" drops {}: the brand says \"{}\" ({}); keep the qualifier",
                q.text,
                what,
                bq.text,
                ctx.quote_brand(at)
            ),
        });
    }
    None
}
