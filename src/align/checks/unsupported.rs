//! `align.unsupported`; what it reports is documented in
//! `docs/rules/align.unsupported.md`. `unknown_names` runs first in
//! `judge` (a name no brand doc uses beats any contradiction); `check` runs
//! last, when nothing on the topic contradicts the line.

use crate::claims::words::{tokenize, Token};
use crate::claims::{ClaimKind, Dimension, Lexicon, Strength};

use super::{short, Context, Verdict};

/// Verbs that say what something is or has, so a ranking after them is
/// said of it ("our ELD has the fewest malfunctions").
const LINKS: &[&str] = &[
    "are", "be", "become", "becomes", "been", "has", "have", "is", "named", "rated", "ranked",
    "remain", "remains", "voted", "was", "were",
];
/// Words that may stand between such a verb and the ranking ("is by far the
/// best", "is one of the easiest").
const BETWEEN: &[&str] = &[
    "a",
    "also",
    "an",
    "arguably",
    "by",
    "consistently",
    "far",
    "now",
    "of",
    "officially",
    "one",
    "our",
    "still",
    "the",
    "truly",
];

/// Is the ranking said of us — "Beacon is the leading helpdesk", "we are the
/// most secure SSO", "our app is the highest-rated" — rather than of
/// something else in a sentence about us ("we pick the best direction we
/// can", "our public channel is the best method")?
fn ranks_us(ctx: &Context<'_>, toks: &[Token]) -> bool {
    let lex = ctx.lexicon;
    (0..toks.len()).any(|i| {
        if lex.superlatives.match_at(toks, i).is_none() && !lex.superlative_by_form(toks, i) {
            return false;
        }
        let mut j = i;
        while j > 0 && BETWEEN.contains(&toks[j - 1].lower.as_ref()) {
            j -= 1;
        }
        let Some(verb) = j.checked_sub(1).map(|v| &toks[v]) else {
            return false;
        };
        // "we're the best", "it's the only …": subject and verb in one token.
        if let Some(subject) = verb
            .lower
            .strip_suffix("'re")
            .or_else(|| verb.lower.strip_suffix("'s"))
        {
            return subject == "we" || subject == "it" || is_us(ctx, verb, j == 1, subject);
        }
        if !LINKS.contains(&verb.lower.as_ref()) && !lex.capability_verbs.contains(&*verb.lower) {
            return false;
        }
        let mut k = j - 1;
        while k > 0
            && matches!(
                toks[k - 1].lower.as_ref(),
                "also" | "now" | "still" | "really"
            )
        {
            k -= 1;
        }
        // "We're ranked …": the subject carries the contracted auxiliary.
        k.checked_sub(1)
            .is_some_and(|s| is_us(ctx, &toks[s], s == 0, without_auxiliary(&toks[s].lower)))
    })
}

/// Is this subject word us: "we", "it", one of our products, what we sell
/// ("our app"), or a name (a capitalised word inside the sentence)?
/// "we're" → "we", "it's" → "it": a subject with its auxiliary contracted.
fn without_auxiliary(word: &str) -> &str {
    // Tokens carry straight apostrophes.
    ["'re", "'s"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .unwrap_or(word)
}

fn is_us(ctx: &Context<'_>, tok: &Token, first: bool, word: &str) -> bool {
    matches!(word, "we" | "it")
        || ctx
            .product_names
            .iter()
            .any(|p| p.split_whitespace().any(|w| w == word))
        || ctx.lexicon.product_nouns.contains(word)
        || (tok.capitalized && !first)
}

/// "longer than 30 days", "less than the full hour": every "than" bounds a
/// figure, so the sentence compares nothing with anything else.
fn only_bounds(lex: &Lexicon, toks: &[Token]) -> bool {
    let mut thans = 0;
    for (i, t) in toks.iter().enumerate() {
        if matches!(
            t.lower.as_ref(),
            "unlike" | "compared" | "outperform" | "outperforms" | "beats" | "superior"
        ) {
            return false;
        }
        if t.lower != "than" {
            continue;
        }
        thans += 1;
        let figure = toks[i + 1..].iter().take(3).enumerate().any(|(n, f)| {
            // "7shifts" is a name, not a figure.
            let name = f.is_number()
                && toks
                    .get(i + 2 + n)
                    .is_some_and(|w| f.touches(w) && w.is_word());
            (f.is_number() && !name)
                || lex.number_words.contains_key(&*f.lower)
                || lex.durations.contains_word(&f.lower)
        });
        if !figure {
            return false;
        }
    }
    thans > 0
}

/// "connect with each other": people meeting, not software integrating.
fn reciprocal(toks: &[Token]) -> bool {
    toks.windows(2).any(|w| {
        matches!(
            (w[0].lower.as_ref(), w[1].lower.as_ref()),
            ("each", "other") | ("one", "another")
        )
    })
}

/// "our native connector", "our Salesforce integration": an integration
/// word within three words after "our".
fn ours_before_integration(lex: &Lexicon, toks: &[Token]) -> bool {
    toks.iter().enumerate().any(|(i, t)| {
        t.lower == "our"
            && toks[i + 1..]
                .iter()
                .take(3)
                .any(|n| lex.is(n, crate::claims::lexicon::class::INTEGRATION))
    })
}

/// Is the claim the kind that needs backing?
fn checkable(ctx: &Context<'_>) -> Option<&'static str> {
    let c = ctx.sales;
    if !ctx.config.unsupported {
        return None;
    }
    let toks = tokenize(&c.text);
    // "… through our native E2B connector": the integration is ours
    // whatever the subject.
    let our_integration =
        c.integration && !c.negated && ours_before_integration(ctx.lexicon, &toks);
    if !c.about_us && !our_integration {
        return None;
    }
    if c.has(ClaimKind::Superlative) && ranks_us(ctx, &toks) {
        Some("ranking")
    } else if c.has(ClaimKind::Comparative) && !only_bounds(ctx.lexicon, &toks) {
        Some("comparison")
    } else if c.certification {
        Some("certification")
    } else if c.integration && !c.negated && !reciprocal(&toks) {
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
/// A name as the sales line writes it ("HubSpot"), from its lower-case form.
fn as_written<'t>(text: &'t str, lower: &'t str) -> &'t str {
    text.to_lowercase()
        .find(lower)
        .and_then(|i| text.get(i..i + lower.len()))
        .filter(|found| found.to_lowercase() == lower)
        .unwrap_or(lower)
}

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
            // The span shows the line; the names are what the reader must check.
            "no brand claim backs this {what}: no brand doc names {}; use a brand claim, or ask marketing to add it",
            unknown
                .iter()
                .map(|u| format!("\"{}\"", as_written(&ctx.sales.text, u)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

pub fn check(ctx: &Context<'_>) -> Option<Verdict> {
    let what = checkable(ctx)?;
    let sales = ctx.sales;
    let Some(best) = ctx.best else {
        // Reported either way: the closest brand claim may say what drifted.
        let from_closest = match what {
            "guarantee" => super::escalation::hedge_dropped_from_closest(ctx),
            "figure" => super::number_mismatch::figure_of_the_closest(ctx),
            _ => None,
        };
        if from_closest.is_some() {
            return from_closest;
        }
        return Some(Verdict {
            rule: "align.unsupported",
            brand: None,
            span: None,
            message: format!(
                "no brand claim backs this {what}: \"{}\"; use a brand claim, or ask marketing to add it",
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
