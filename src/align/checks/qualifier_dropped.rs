//! `align.qualifier-dropped`; what it reports is documented in
//! `docs/rules/align.qualifier-dropped.md`. Runs after `escalation`, which
//! reports a hedge turned into a promise first.

use crate::claims::{Qualifier, Quantity, Strength};

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

pub fn check(ctx: &Context<'_>) -> Option<Verdict> {
    ctx.best?;
    let hedged = ctx.sales.strength == Strength::Hedged;
    for (i, q) in ctx.sales.quantities.iter().enumerate() {
        // Empty when no brand claim states a figure of this kind.
        let equal: Vec<_> = ctx.figures[i]
            .iter()
            .filter(|(_, bq)| bq.same_value(q))
            .collect();
        if equal.is_empty() || equal.iter().any(|(_, bq)| dropped(q, hedged, bq).is_none()) {
            continue;
        }
        let &(at, ref bq) = equal[0];
        let what = dropped(q, hedged, bq).unwrap_or_default();
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
