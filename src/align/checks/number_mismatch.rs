//! `align.number-mismatch`
//!
//! ## What it does
//! For each figure in a sales claim, looks for figures of the same dimension
//! (percent, multiplier, money per period, duration, count of the same noun)
//! in the brand claims on its topic. Units are normalised first — durations
//! to days, money to a month, number words to numbers — so "$4,800 a year"
//! equals "$400 per month" and "about four days" equals "4 days". A figure
//! inside a brand range ("2–4 weeks") agrees with it. When no brand figure
//! agrees, the sales figure is one the brand never states.
//!
//! ## Why is this bad?
//! A number marketing never approved reaches a customer, who will hold you to it.

use crate::claims::Dimension;

use super::{Context, Verdict};

/// The first sales figure that no comparable brand figure agrees with, and
/// the brand figure (with its claim) it should have been.
pub fn check(ctx: &Context<'_>) -> Option<Verdict> {
    ctx.best?;
    for (i, q) in ctx.sales.quantities.iter().enumerate() {
        if q.dimension == Dimension::Number {
            continue;
        }
        // No brand claim states a figure of this kind: nothing to compare.
        let Some(kind) = ctx.query.figure_kind(i) else {
            continue;
        };
        let figures = &ctx.figures[i];
        if figures.is_empty() || figures.iter().any(|(_, bq)| bq.same_value(q)) {
            continue;
        }
        let comparable = ctx.figures_of_kind(kind);
        // Cite the best brand claim that is firmly on the topic, if any.
        let &(at, bq) = comparable
            .iter()
            .find(|(at, _)| ctx.firmly_on_topic(*at))
            .unwrap_or(&comparable[0]);
        return Some(Verdict {
            rule: "align.number-mismatch",
            brand: Some(at),
            span: Some(q.span.clone()),
            message: format!(
                "\"{}\" is not a figure the brand states: it says \"{}\" ({}); use the brand's figure, or ask marketing to approve this one",
                q.text,
                bq.text,
                ctx.quote_brand(at)
            ),
        });
    }
    None
}
