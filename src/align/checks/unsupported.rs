//! `align.unsupported`
//!
//! ## What it does
//! Reports a checkable sales claim — a figure, a ranking ("#1", "leading"), a
//! comparison ("3x faster than PayFlow"), a guarantee, a certification or an
//! integration — that no brand claim backs: nothing on its topic, a name
//! ("ISO 27001", "SAP", a competitor) no brand doc mentions, or a ranking or
//! comparison where the brand claims on the topic make none.
//!
//! Only claims about us count: rankings, comparisons, certifications and
//! integrations with "we", "our", "it" or the product's name as subject;
//! figures and guarantees only when they name the product. A handbook's
//! internal numbers ("we take 2 minutes to vote") are not reported.
//!
//! ## Why is this bad?
//! It may be field knowledge marketing should adopt, or a claim nobody can
//! prove. Either way marketing should hear about it.

use crate::claims::{ClaimKind, Dimension, Strength};

use super::{short, Context, Verdict};

/// Is the claim the kind that needs backing?
fn checkable(ctx: &Context<'_>) -> Option<&'static str> {
    let c = ctx.sales;
    if !ctx.config.unsupported || !c.about_us {
        return None;
    }
    if c.has(ClaimKind::Superlative) {
        Some("ranking")
    } else if c.has(ClaimKind::Comparative) {
        Some("comparison")
    } else if c.certification {
        Some("certification")
    } else if c.integration {
        Some("integration")
    } else if ctx.names_product()
        && c.quantities
            .iter()
            .any(|q| q.dimension != Dimension::Number)
    {
        Some("figure")
    } else if ctx.names_product() && c.strong_absolute && c.strength == Strength::Absolute {
        Some("guarantee")
    } else {
        None
    }
}

/// Names in the sales claim that no brand doc uses ("ISO", "SAP", "PayFlow").
pub fn unknown_names(ctx: &Context<'_>) -> Option<Verdict> {
    let what = checkable(ctx)?;
    let unknown: Vec<&str> = ctx
        .sales
        .entities
        .iter()
        .filter(|e| !ctx.vocabulary.contains(e.as_str()))
        .map(String::as_str)
        .collect();
    if unknown.is_empty() {
        return None;
    }
    Some(Verdict {
        rule: "align.unsupported",
        brand: ctx.best.map(|b| b.at),
        span: None,
        message: format!(
            "no brand claim backs this {what}: \"{}\" names {} that no brand doc mentions; use a claim from the messaging docs, or ask marketing to add this one",
            short(&ctx.sales.text),
            unknown.iter().map(|u| format!("\"{u}\"")).collect::<Vec<_>>().join(", ")
        ),
    })
}

pub fn check(ctx: &Context<'_>) -> Option<Verdict> {
    let what = checkable(ctx)?;
    let sales = ctx.sales;
    let Some(best) = ctx.best else {
        return Some(Verdict {
            rule: "align.unsupported",
            brand: None,
            span: None,
            message: format!(
                "no brand claim backs this {what}: \"{}\"; use a claim from the messaging docs, or ask marketing to add this one",
                short(&sales.text)
            ),
        });
    };
    let backed = |kind: ClaimKind| ctx.near_claims().any(|(_, b)| b.has(kind));
    let missing = if sales.has(ClaimKind::Superlative) && !backed(ClaimKind::Superlative) {
        "ranking"
    } else if sales.has(ClaimKind::Comparative)
        && !backed(ClaimKind::Comparative)
        && !ctx.near_claims().any(|(_, b)| {
            b.quantities
                .iter()
                .any(|q| q.dimension == Dimension::Multiplier)
        })
    {
        "comparison"
    } else {
        return None;
    };
    Some(Verdict {
        rule: "align.unsupported",
        brand: Some(best.at),
        span: None,
        message: format!(
            "no brand claim backs this {missing}: \"{}\"; the closest brand claim ({}) makes none; drop it or ask marketing to add it",
            short(&sales.text),
            ctx.quote_brand(best.at)
        ),
    })
}
