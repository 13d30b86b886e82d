//! `align.escalation`; what it reports is documented in
//! `docs/rules/align.escalation.md`. Runs before `qualifier_dropped`: a
//! promise is the worse drift, and restoring the hedge restores the
//! qualifier too.

use crate::claims::{Claim, Dimension, Strength};

use super::{short, Context, Verdict};

/// Does the sales claim open with the brand claim's subject ("Abandoned-cart
/// emails win back every sale" and "Abandoned-cart emails help merchants
/// recover sales")? A thing the brand makes claims of is ours.
fn same_subject(sales: &Claim, brand: &Claim) -> bool {
    let opening = |c: &Claim| c.terms.iter().take(3).cloned().collect::<Vec<_>>();
    let (s, b) = (opening(sales), opening(brand));
    s.len() >= 2 && s.iter().take(2).all(|t| b.contains(t))
}

pub fn check(ctx: &Context<'_>) -> Option<Verdict> {
    let sales = ctx.sales;
    let best = ctx.best?;
    // "will" alone is how people talk about the future, not a promise.
    if sales.strength != Strength::Absolute || !sales.strong_absolute {
        return None;
    }
    // "all"/"every" alone escalate only in a promise about us or with "will"
    // ("the library for all marketing design" is not a promise).
    let assertive = sales
        .text
        .to_lowercase()
        .split_whitespace()
        .any(|w| w == "will" || w.ends_with("'ll"));
    let b = ctx.claim(best.at);
    if sales.universal_only && !sales.about_us && !assertive && !same_subject(sales, b) {
        return None;
    }
    // A brand claim on the topic that is itself absolute backs the sales line.
    if ctx
        .near_claims()
        .any(|(_, b)| b.strength == Strength::Absolute)
    {
        return None;
    }
    let hedged = b.strength == Strength::Hedged;
    // "more than 200 apps" → "all of your apps": the brand counts the very
    // thing sales makes universal.
    let figure_made_absolute = sales.universal_only
        && sales
            .quantities
            .iter()
            .all(|q| q.dimension == Dimension::Number)
        && b.quantities
            .iter()
            .any(|q| q.dimension == Dimension::Count && sales.terms.contains(&q.unit));
    if !hedged && !figure_made_absolute {
        return None;
    }
    let message = if hedged {
        format!(
            "\"{}\" is absolute where the brand hedges ({}); keep the brand's hedge",
            short(&sales.text),
            ctx.quote_brand(best.at)
        )
    } else {
        format!(
            "\"{}\" turns the brand's figure into an absolute ({}); use the figure instead",
            short(&sales.text),
            ctx.quote_brand(best.at)
        )
    };
    Some(Verdict {
        rule: "align.escalation",
        brand: Some(best.at),
        span: None,
        message,
    })
}

/// A promise that no weighed brand claim backs, whose closest brand claim
/// hedges it: "Putting Juniper in your lot will bring you new shoppers,
/// guaranteed" and "Fast charging can bring new visitors to a host's
/// property" share one word, too little to weigh, but the line is reported
/// either way (`unsupported`), and the hedge it dropped is the better
/// finding: it names what to say instead.
pub fn hedge_dropped_from_closest(ctx: &Context<'_>) -> Option<Verdict> {
    let closest = ctx.closest?;
    let b = ctx.claim(closest.at);
    if !ctx.sales.strong_absolute || b.strength != Strength::Hedged || b.negated {
        return None;
    }
    Some(Verdict {
        rule: "align.escalation",
        brand: Some(closest.at),
        span: None,
        message: format!(
            "\"{}\" promises what the closest brand claim only hedges ({}); keep the brand's hedge",
            short(&ctx.sales.text),
            ctx.quote_brand(closest.at)
        ),
    })
}
