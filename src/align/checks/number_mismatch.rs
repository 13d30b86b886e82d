//! `align.number-mismatch`; what it reports is documented in
//! `docs/rules/align.number-mismatch.md`. Figures arrive normalised
//! (`claims::quantity`); this only compares values of one dimension.

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
        if figures.is_empty()
            || figures.iter().any(|(_, bq)| bq.same_value(q))
            || ctx.stated_on_topic(q)
        {
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

/// A figure that no weighed brand claim backs, where the closest brand
/// claim states a figure of the same kind on the same words ("Furrow is
/// $149 per probe per season" and "$189 per probe per season", under the
/// threshold): the line is reported either way
/// (`unsupported`), and the brand's figure is the better finding.
pub fn figure_of_the_closest(ctx: &Context<'_>) -> Option<Verdict> {
    let closest = ctx.closest?;
    let b = ctx.claim(closest.at);
    // On the topic once its figure of the same kind is counted: the score
    // with the figure bonus reaches the threshold the words alone missed.
    if closest.score < ctx.config.threshold {
        return None;
    }
    ctx.sales
        .quantities
        .iter()
        .filter(|q| q.dimension != Dimension::Number)
        .find_map(|q| {
            let same_kind: Vec<_> = b.quantities.iter().filter(|bq| bq.comparable(q)).collect();
            if same_kind.is_empty() || same_kind.iter().any(|bq| bq.same_value(q)) {
                return None;
            }
            Some(Verdict {
                rule: "align.number-mismatch",
                brand: Some(closest.at),
                span: Some(q.span.clone()),
                message: format!(
                    "\"{}\" is not a figure the brand states: the closest brand claim says \"{}\" ({}); use the brand's figure, or ask marketing to approve this one",
                    q.text,
                    same_kind[0].text,
                    ctx.quote_brand(closest.at)
                ),
            })
        })
}
