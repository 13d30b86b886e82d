//! `align.negation`; what it reports is documented in
//! `docs/rules/align.negation.md`. Polarity is the explicit negation
//! flipped again by a reducing verb, so the check compares directions, not
//! just the presence of "not".

use crate::claims::words::tokenize;
use crate::claims::Claim;

use super::super::index::BrandIndex;
use super::{short, Context, Verdict};

/// Does one of the two claims deny what the other affirms? The explicit
/// negations and the directions must both differ, and most of what the
/// negated side denies must be on the other side's topic ("no credit card
/// needed" says nothing against "the free trial lasts 14 days").
pub fn denies(index: &BrandIndex, a: &Claim, b: &Claim) -> bool {
    if a.negated == b.negated || a.direction() == b.direction() {
        return false;
    }
    let (denier, affirmer) = if a.negated { (a, b) } else { (b, a) };
    !approximate_denial(&denier.text)
        && (index.scope_coverage(&denier.negated_terms, affirmer) >= 0.5
            || denier
                .denied_alternatives
                .iter()
                .any(|alt| index.scope_coverage(alt, affirmer) >= 0.5))
}

/// "We almost never use title slides": a rarity, not a denial.
fn approximate_denial(text: &str) -> bool {
    let toks = tokenize(text);
    toks.windows(2).any(|w| {
        matches!(
            w[0].lower.as_ref(),
            "almost" | "nearly" | "hardly" | "virtually"
        ) && matches!(w[1].lower.as_ref(), "never" | "no" | "none" | "nothing")
    })
}

/// The clause's subject is the reader: "you …", "your team …".
fn addresses_the_reader(text: &str) -> bool {
    tokenize(text)
        .iter()
        .find(|t| t.is_word())
        .is_some_and(|t| t.lower.starts_with("you"))
}

pub fn check(ctx: &Context<'_>) -> Option<Verdict> {
    let sales = ctx.sales;
    let best = ctx.best?;
    // "We don't guarantee lower premiums" against "…lower your premiums, guaranteed".
    if sales.strong_absolute {
        if let Some((at, _)) = ctx.near_claims().find(|(_, b)| b.guarantee_denied) {
            return Some(Verdict {
                rule: "align.negation",
                brand: Some(at),
                span: None,
                message: format!(
                    "\"{}\" promises what the brand says it does not guarantee ({}); drop the guarantee and use the brand's wording",
                    short(&sales.text),
                    ctx.quote_brand(at)
                ),
            });
        }
    }
    let b = ctx.claim(best.at);
    // A denial worth reporting is about what we offer: one side or the other
    // speaks of us or the product ("the prospect may not know much" against
    // a naming guide's "you know how to use it" is no such denial).
    let about_us = |c: &Claim| c.about_us || c.names_product;
    // A denial in the sales line must be said of us: "There is no such thing
    // as a stupid question" denies nothing the brand says we do.
    // Nor is a clause whose subject is the customer ("…, so you can drop
    // your payroll provider") a claim about what we do.
    let sales_of_us = about_us(sales) || ctx.names_product();
    if !sales_of_us && (sales.negated || !about_us(b) || addresses_the_reader(&sales.text)) {
        return None;
    }
    let flips = |other: &Claim| denies(ctx.index, sales, other);
    let agrees = |o: &Claim| o.negated == sales.negated && o.direction() == sales.direction();
    if !flips(b) || ctx.near_claims().any(|(_, o)| agrees(o)) {
        return None;
    }
    let message = if b.negated {
        format!(
            "\"{}\" affirms what the brand denies ({}); say what the brand says, or ask marketing before promising it",
            short(&sales.text),
            ctx.quote_brand(best.at)
        )
    } else {
        format!(
            "\"{}\" denies what the brand affirms ({}); check the brand claim and align the line with it",
            short(&sales.text),
            ctx.quote_brand(best.at)
        )
    };
    Some(Verdict {
        rule: "align.negation",
        brand: Some(best.at),
        span: None,
        message,
    })
}
