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
    opposed(a, b).is_some_and(|(denier, affirmer)| {
        index.scope_coverage(&denier.negated_terms, affirmer) >= 0.5
            || denier
                .denied_alternatives
                .iter()
                .any(|alt| index.scope_coverage(alt, affirmer) >= 0.5)
    })
}

/// The two claims as (denier, affirmer), when their explicit negations and
/// directions both differ and the denial is no mere rarity.
fn opposed<'c>(a: &'c Claim, b: &'c Claim) -> Option<(&'c Claim, &'c Claim)> {
    if a.negated == b.negated || a.direction() == b.direction() {
        return None;
    }
    let (denier, affirmer) = if a.negated { (a, b) } else { (b, a) };
    (!approximate_denial(&denier.text)).then_some((denier, affirmer))
}

/// A name the denial denies is denied on its own: "does not offer SMS or
/// WhatsApp messaging" denies SMS, whatever the line says of WhatsApp. Our
/// own product's name is what the denial is said of, not what it denies.
fn denied_name<'c>(index: &BrandIndex, denier: &'c Claim, affirmer: &Claim) -> Option<&'c str> {
    if !denier.negated || opposed(denier, affirmer).is_none() {
        return None;
    }
    denier
        .entities
        .iter()
        .find(|name| {
            denier.denies_name(name)
                && affirmer.entities.contains(name)
                && !index.names_a_product(name)
        })
        .map(String::as_str)
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
    // A denial worth reporting is about what we offer: one side or the other
    // speaks of us or the product ("the prospect may not know much" against
    // a naming guide's "you know how to use it" is no such denial).
    let about_us = |c: &Claim| c.about_us || c.names_product;
    // A denial in the sales line must be said of us: "There is no such thing
    // as a stupid question" denies nothing the brand says we do.
    // Nor is a clause whose subject is the customer ("…, so you can drop
    // your payroll provider") a claim about what we do.
    let sales_of_us = about_us(sales) || ctx.names_product();
    let flips = |other: &Claim| denies(ctx.index, sales, other);
    let agrees = |o: &Claim| o.negated == sales.negated && o.direction() == sales.direction();
    // The best match must be firmly on topic; a denial found below it is
    // on topic through what it denies (`denies`).
    let best = ctx.best.filter(|best| {
        let b = ctx.claim(best.at);
        ctx.firmly_on_topic(best.at)
            && (sales_of_us
                || !(sales.negated || !about_us(b) || addresses_the_reader(&sales.text)))
            && flips(b)
            && !ctx.near_claims().any(|(_, o)| agrees(o))
    });
    // Or a brand denial too short to be the best match: the line affirms,
    // of us, what it denies ("you can run SMS from the journey builder"
    // against "Loomcast does not offer SMS"), and no weighed brand claim
    // affirms it too.
    // A weighed brand claim affirming what the line affirms backs it; for a
    // name the denial denies, only one that states that name does
    // ("Loomcast syncs two ways with Salesforce" does not back Dynamics).
    let backed = |name: Option<&str>| {
        ctx.near_claims().any(|(_, o)| {
            agrees(o)
                && flips_back(ctx, o, sales)
                && name.is_none_or(|n| o.entities.iter().any(|e| e == n))
        })
    };
    let denial = || {
        let offered = offered_to_the_reader(&sales.text);
        // A clause about a name ("it" for Dynamics) can only affirm that name.
        let of_a_name = sales.refers_to.as_deref();
        if sales.negated || !(sales_of_us || offered || of_a_name.is_some()) {
            return None;
        }
        let ours = sales_of_us || offered;
        // Said of what we offer, on both sides: "Copperline does not offer
        // a bundle discount" describes a competitor, "our typefaces do not
        // require tracking" denies no capability, and "Quarry sits beside
        // your warehouse" claims none. A name the denial denies is enough
        // on the sales side.
        let of_what_we_offer = |c: &Claim| c.capability || c.certification || c.integration;
        let sales_offers = ours && (offered || of_what_we_offer(sales));
        ctx.denials
            .iter()
            .find(|d| {
                let d = ctx.claim(d.at);
                // "Microsoft Dynamics 365 is not supported" says, in the
                // passive, what we do not offer.
                let ours_denied = (about_us(d) && of_what_we_offer(d)) || d.denies_subject;
                ours_denied
                    && ((sales_offers && flips(d) && !backed(None))
                        || denied_name(ctx.index, d, sales)
                            .is_some_and(|n| (ours || of_a_name == Some(n)) && !backed(Some(n))))
            })
            .copied()
    };
    let found = best.or_else(denial)?;
    let b = ctx.claim(found.at);
    let message = if b.negated {
        format!(
            "\"{}\" affirms what the brand denies ({}); say what the brand says, or ask marketing before promising it",
            short(&sales.text),
            ctx.quote_brand(found.at)
        )
    } else {
        format!(
            "\"{}\" denies what the brand affirms ({}); check the brand claim and align the line with it",
            short(&sales.text),
            ctx.quote_brand(found.at)
        )
    };
    Some(Verdict {
        rule: "align.negation",
        brand: Some(found.at),
        span: None,
        message,
    })
}

/// A weighed brand claim that affirms what the sales line affirms covers
/// the same ground: "Loomcast syncs two ways with Salesforce" backs "it
/// syncs both ways" whatever a denial nearby says.
fn flips_back(ctx: &Context<'_>, affirmer: &Claim, sales: &Claim) -> bool {
    ctx.index.scope_coverage(&sales.terms, affirmer) >= 0.5
}

/// "You can run SMS from …", "you'll be able to …": the reader can do it
/// with what we sell, so it is said of us.
fn offered_to_the_reader(text: &str) -> bool {
    let toks = tokenize(text);
    // After a lead-in ("Yes, you can …", "Honestly, you'll …").
    let from = match toks.get(1) {
        Some(t) if t.lower == "," => 2,
        _ => 0,
    };
    let mut words = toks[from.min(toks.len())..]
        .iter()
        .filter(|t| t.is_word())
        .map(|t| t.lower.as_ref());
    matches!(
        (words.next(), words.next()),
        (Some("you"), Some("can" | "could" | "will")) | (Some("you'll" | "you\u{2019}ll"), Some(_))
    )
}
