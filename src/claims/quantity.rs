//! Quantities in a sentence: value, normalised unit and dimension, qualifier
//! and range. Durations are normalised to days and money periods to one
//! month, so "$4,800 a year" equals "$400 per month" and "two weeks" equals
//! "14 days". Identifiers ("SOC 2", "ISO 27001"), years, dates, times,
//! versions and ranks ("#1") are not quantities.

use std::ops::Range;

use serde::Serialize;

use super::lexicon::{class, Lexicon, Qualifier};
use super::words::{Token, TokenKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Percent,
    Multiplier,
    Money,
    Duration,
    /// A count of a noun ("500 invoices"); the noun's stem is the unit.
    Count,
    /// A physical measure ("8 hectares", "3 miles", "20 MWh") in the base
    /// unit of its kind, which is the unit ("area", "length", "energy").
    Measure,
    /// A bare number with nothing to count.
    Number,
}

/// One quantity in a claim.
#[derive(Clone, Debug, Serialize)]
pub struct Quantity {
    /// As written, from the number to its unit.
    pub text: String,
    /// Byte range in the doc's source (set by extraction).
    pub span: Range<usize>,
    /// Byte range in the sentence.
    #[serde(skip)]
    pub local: Range<usize>,
    /// Normalised value: days, money per month, percent, ratio, count.
    pub value: f64,
    /// Upper end of a range ("2–4 weeks"), normalised like `value`.
    pub high: Option<f64>,
    pub dimension: Dimension,
    /// Normalised unit: "day", "%", "x", "usd/month", "usd", or the counted noun's stem.
    pub unit: String,
    pub qualifier: Qualifier,
    /// The sentence says the figure is an average or typical ("on average", "typically").
    pub averaged: bool,
}

impl Quantity {
    /// Can two quantities be compared at all?
    pub fn comparable(&self, other: &Quantity) -> bool {
        self.dimension == other.dimension && self.unit == other.unit
    }

    /// Do two comparable quantities state the same figure? A value inside the
    /// other's range counts as the same.
    pub fn same_value(&self, other: &Quantity) -> bool {
        let close = |a: f64, b: f64| {
            let tol = if self.dimension == Dimension::Duration {
                0.08
            } else if self.dimension == Dimension::Measure {
                // "8 hectares" is "about 20 acres": a converted measure is rounded.
                0.05
            } else {
                // Money periods convert exactly; 99.9% and 100% must differ.
                0.0002
            };
            (a - b).abs() <= tol * a.abs().max(b.abs()) + 1e-9
        };
        let (lo, hi) = (self.value, self.high.unwrap_or(self.value));
        let (olo, ohi) = (other.value, other.high.unwrap_or(other.value));
        if close(lo, olo) && close(hi, ohi) {
            return true;
        }
        // A single figure inside the other's range.
        (self.high.is_none() && other.high.is_some() && lo >= olo - 1e-9 && lo <= ohi + 1e-9)
            || (other.high.is_none() && self.high.is_some() && olo >= lo - 1e-9 && olo <= hi + 1e-9)
    }
}

/// Words after a number that make it a position, not an amount.
const IDENT_WORDS: &[&str] = &[
    "chapter", "fy", "gen", "level", "page", "part", "phase", "q", "release", "section", "series",
    "sprint", "step", "stage", "tier", "type", "v", "version", "week#",
];

/// Words before which "a"/"an" + a duration unit means one unit ("less than a day").
const DURATION_LEADS: &[&str] = &[
    "about", "around", "in", "just", "last", "lasts", "nearly", "over", "take", "takes", "than",
    "under", "within",
];

/// Words after which "half" is a share ("cut in half", "fall by half").
const FRACTION_LEADS: &[&str] = &[
    "about", "almost", "by", "cut", "cuts", "in", "nearly", "than", "to", "over",
];

struct NumberAt {
    value: f64,
    /// Token index just past the number.
    end: usize,
    kind: NumberKind,
}

#[derive(PartialEq)]
enum NumberKind {
    Plain,
    /// "half" → 50 (a percentage).
    Fraction,
    /// "twice" → 2 (a multiplier).
    Multiplier,
    /// "a day" → 1, and the unit follows.
    OneUnit,
}

fn parse_digits(s: &str) -> Option<f64> {
    if s.matches('.').count() > 1 {
        return None; // a version such as 3.5.1
    }
    // "1,200" is a thousands separator; "1,5" (decimal comma) is rare in English sales text.
    s.replace(',', "").parse().ok()
}

fn word_number(lex: &Lexicon, toks: &[Token], i: usize) -> Option<(f64, usize)> {
    let t = &toks[i];
    if !t.is_word() {
        return None;
    }
    let mut value = *lex.number_words.get(&*t.lower)?;
    let mut end = i + 1;
    // "twenty-five", "twenty five"
    if (20.0..100.0).contains(&value) && value % 10.0 == 0.0 {
        let j = if toks.get(end).is_some_and(|n| n.lower == "-") {
            end + 1
        } else {
            end
        };
        if let Some(units) = toks.get(j).and_then(|n| lex.number_words.get(&*n.lower)) {
            if *units > 0.0 && *units < 10.0 {
                value += units;
                end = j + 1;
            }
        }
    }
    // "two hundred", "five thousand"
    while let Some(scale) = toks.get(end).and_then(|n| lex.scales.get(&*n.lower)) {
        if toks[end].lower.len() < 3 {
            break; // "k"/"m" attach to digits only
        }
        value *= scale;
        end += 1;
    }
    Some((value, end))
}

fn number_at(lex: &Lexicon, toks: &[Token], i: usize) -> Option<NumberAt> {
    let t = &toks[i];
    if t.is_number() {
        let mut value = parse_digits(&t.lower)?;
        let mut end = i + 1;
        if let Some(next) = toks.get(end) {
            if let Some(scale) = lex.scales.get(&*next.lower) {
                // "1.2M", "10k" (attached) or "2 million" (spaced, long words only)
                if t.touches(next) || next.lower.len() >= 3 {
                    value *= scale;
                    end += 1;
                }
            }
        }
        return Some(NumberAt {
            value,
            end,
            kind: NumberKind::Plain,
        });
    }
    // Most words are none of the words below: one class test rejects them.
    if !t.is_word() || !(lex.is(t, class::NUMBER) || matches!(&*t.lower, "a" | "an" | "one")) {
        return None;
    }
    let prev = i.checked_sub(1).map(|p| &*toks[p].lower);
    if let Some((value, end)) = word_number(lex, toks, i) {
        if prev == Some("number") || prev == Some("no") {
            return None; // "number one", "no two"
        }
        return Some(NumberAt {
            value,
            end,
            kind: NumberKind::Plain,
        });
    }
    // "one week": "one" is left out of the number words ("one of the", "the
    // one tool"), but before a duration it is a figure. At a sentence's
    // start "one day" is the idiom ("One day, you'll…").
    if t.lower == "one" && i > 0 && lex.durations.match_at(toks, i + 1).is_some() {
        return Some(NumberAt {
            value: 1.0,
            end: i + 1,
            kind: NumberKind::OneUnit,
        });
    }
    if t.lower == "a" || t.lower == "an" {
        let next = toks.get(i + 1)?;
        if let Some(v) = lex.after_a.get(&*next.lower) {
            return Some(NumberAt {
                value: *v,
                end: i + 2,
                kind: NumberKind::Plain,
            });
        }
        // "a full year", "a single day": the adjective makes it one unit
        // whatever comes before.
        if matches!(&*next.lower, "single" | "full" | "whole" | "entire")
            && lex.durations.match_at(toks, i + 2).is_some()
        {
            return Some(NumberAt {
                value: 1.0,
                end: i + 2,
                kind: NumberKind::OneUnit,
            });
        }
        if prev.is_some_and(|p| DURATION_LEADS.contains(&p))
            && lex.durations.match_at(toks, i + 1).is_some()
        {
            return Some(NumberAt {
                value: 1.0,
                end: i + 1,
                kind: NumberKind::OneUnit,
            });
        }
        return None;
    }
    if let Some(v) = lex.multipliers.get(&*t.lower) {
        if toks.get(i + 1).is_some_and(|n| n.lower == "-") {
            return None; // "double-digit"
        }
        return Some(NumberAt {
            value: *v,
            end: i + 1,
            kind: NumberKind::Multiplier,
        });
    }
    if let Some(v) = lex.fractions.get(&*t.lower) {
        let follows_a = prev == Some("a") || prev == Some("one");
        let after_lead = prev.is_some_and(|p| FRACTION_LEADS.contains(&p));
        let next = toks.get(i + 1).map(|n| &*n.lower);
        let ok = if t.lower == "half" {
            after_lead && !matches!(next, Some("a" | "an" | "-"))
        } else {
            follows_a && matches!(next, None | Some("of" | "." | ","))
        };
        if ok {
            return Some(NumberAt {
                value: *v,
                end: i + 1,
                kind: NumberKind::Fraction,
            });
        }
    }
    None
}

/// Is the number at token `i` a name, year, date, time, version or rank?
fn is_not_an_amount(toks: &[Token], i: usize, end: usize) -> bool {
    let t = &toks[i];
    if !t.is_number() {
        return false;
    }
    let prev = i.checked_sub(1).map(|p| &toks[p]);
    let next = toks.get(end);
    // "#1", "No. 1"
    if prev.is_some_and(|p| p.lower == "#" && p.touches(t)) {
        return true;
    }
    // "24/7", "9/1", "10:30", "2026-09-01"
    let joined = |a: &Token, sep: &str, b: Option<&Token>| {
        a.lower == sep && b.is_some_and(|b| b.is_number() && a.touches(b))
    };
    if let Some(n) = next {
        if t.touches(n) && (joined(n, "/", toks.get(end + 1)) || joined(n, ":", toks.get(end + 1)))
        {
            return true;
        }
        if n.lower == "-"
            && toks.get(end + 1).is_some_and(|b| b.is_number())
            && toks.get(end + 2).is_some_and(|c| c.lower == "-")
        {
            return true;
        }
    }
    if let Some(p) = prev {
        if (p.lower == "/" || p.lower == ":") && p.touches(t) {
            return true;
        }
        // The middle or end of "2026-09-01" (a range's end is consumed with its start).
        if p.lower == "-"
            && p.touches(t)
            && i >= 2
            && toks[i - 2].is_number()
            && toks[i - 2].touches(p)
        {
            return true;
        }
    }
    // "SOC 2", "ISO 27001", "AES-256", "Type 2", "Windows 11", "Step 3"
    let name_before = |k: usize| {
        let p = &toks[k];
        p.is_word()
            && (p.all_caps
                || IDENT_WORDS.contains(&&*p.lower)
                || (p.capitalized && k > 0 && !toks[k - 1].lower.ends_with(['.', ':'])))
    };
    if let Some(p) = i.checked_sub(1) {
        if name_before(p) {
            return true;
        }
        if toks[p].lower == "-" && p > 0 && toks[p - 1].touches(&toks[p]) && name_before(p - 1) {
            return true;
        }
    }
    // A year: four digits, 1900–2100, no separators.
    let digits = &t.lower;
    if digits.len() == 4 && !digits.contains([',', '.']) {
        if let Ok(y) = digits.parse::<u32>() {
            let followed_by_unit = next.is_some_and(|n| n.lower == "%" || n.lower == "+");
            let money = prev.is_some_and(|p| matches!(&*p.lower, "$" | "€" | "£"));
            if (1900..=2100).contains(&y) && !followed_by_unit && !money {
                return true;
            }
        }
    }
    false
}

/// Every quantity in a sentence's tokens. `text` is the sentence the tokens
/// were taken from (for `Quantity::text`).
pub fn find(lex: &Lexicon, text: &str, toks: &[Token]) -> Vec<Quantity> {
    // Read only once a sentence has an amount: most have none.
    let mut averaged = None;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let Some(num) = number_at(lex, toks, i) else {
            i += 1;
            continue;
        };
        if is_not_an_amount(toks, i, num.end) {
            i = num.end;
            continue;
        }
        if toks[i].is_number()
            && toks.get(num.end).is_some_and(|n| {
                matches!(&*n.lower, "st" | "nd" | "rd" | "th") && toks[i].touches(n)
            })
        {
            i = num.end + 1; // an ordinal: "2nd"
            continue;
        }
        let start_tok = i;
        let mut end = num.end;
        let mut value = num.value;
        let mut high = None;

        // Range: "2-4", "2 to 4", "2–4".
        if let Some(sep) = toks.get(end) {
            if matches!(&*sep.lower, "-" | "\u{2013}" | "\u{2014}" | "to") {
                if let Some(second) = toks
                    .get(end + 1)
                    .and_then(|_| number_at(lex, toks, end + 1))
                {
                    if second.kind == NumberKind::Plain && second.value > value {
                        high = Some(second.value);
                        end = second.end;
                    }
                }
            }
        }

        // Currency before the number ("$25") or after it ("25 USD").
        let currency_before = i
            .checked_sub(1)
            .and_then(|p| lex.currencies.get(&*toks[p].lower))
            .cloned();
        let mut currency = currency_before.clone();
        if currency.is_none() {
            if let Some(c) = toks.get(end).and_then(|n| lex.currencies.get(&*n.lower)) {
                if toks[end].is_word() {
                    currency = Some(c.clone());
                    end += 1;
                }
            }
            if toks
                .get(end)
                .is_some_and(|n| n.lower == "dollars" || n.lower == "dollar")
            {
                currency = Some("usd".into());
                end += 1;
            }
            // "32 cents" is $0.32.
            if let Some(c) = toks
                .get(end)
                .filter(|n| toks[end - 1].touches(n) || n.is_word())
                .and_then(|n| lex.currency_hundredths.get(&*n.lower))
            {
                currency = Some(c.clone());
                value /= 100.0;
                high = high.map(|h| h / 100.0);
                end += 1;
            }
        }

        let mut qualifier = None;
        if toks
            .get(end)
            .is_some_and(|n| n.lower == "+" && toks[end - 1].touches(n))
        {
            qualifier = Some(Qualifier::MoreThan);
            end += 1;
        }
        // "25 or more probes", "10 or fewer seats": a bound after the number.
        if qualifier.is_none() && toks.get(end).is_some_and(|t| t.lower == "or") {
            let bound = match toks.get(end + 1).map(|t| &*t.lower) {
                Some("more" | "longer" | "above" | "over") => Some(Qualifier::AtLeast),
                Some("fewer" | "less" | "under" | "below") => Some(Qualifier::Under),
                _ => None,
            };
            if bound.is_some() {
                qualifier = bound;
                end += 2;
            }
        }

        let (dimension, unit) = if let Some(cur) = currency {
            let (months, after) = period_after(lex, toks, end);
            match months {
                Some(m) => {
                    value /= m;
                    high = high.map(|h| h / m);
                    end = after;
                    (Dimension::Money, format!("{cur}/month"))
                }
                None => (Dimension::Money, cur),
            }
        } else if num.kind == NumberKind::Fraction {
            (Dimension::Percent, "%".to_string())
        } else if num.kind == NumberKind::Multiplier {
            (Dimension::Multiplier, "x".to_string())
        } else if let Some((n, _)) = lex.percent.match_at(toks, end) {
            end += n;
            (Dimension::Percent, "%".to_string())
        } else if toks.get(end).is_some_and(|n| {
            lex.multiplier_units.contains(&*n.lower) && (n.lower != "x" || toks[end - 1].touches(n))
        }) {
            end += 1;
            (Dimension::Multiplier, "x".to_string())
        } else if let Some((n, p)) = lex.measures.match_at(toks, end) {
            let (kind, size) = lex.measure_units[p];
            value *= size;
            high = high.map(|h| h * size);
            end += n;
            // "750,000 litres per hectare", "80,000 gallons an acre": a rate.
            match measure_per(lex, toks, end) {
                Some((per, per_size, after)) => {
                    value /= per_size;
                    high = high.map(|h| h / per_size);
                    end = after;
                    (Dimension::Measure, format!("{kind}/{per}"))
                }
                None => (Dimension::Measure, kind.to_string()),
            }
        } else if let Some((n, days, half)) = duration_and_half(lex, toks, end) {
            // "two and a half hours", "a minute and a half"
            value += half;
            value *= days;
            high = high.map(|h| h * days);
            end += n;
            // "15 minutes per vehicle" is a rate: not comparable with the
            // time a whole fleet takes.
            match per_unit(lex, toks, end) {
                Some((noun, after)) => {
                    end = after;
                    (Dimension::Duration, format!("day/{noun}"))
                }
                None => (Dimension::Duration, "day".to_string()),
            }
        } else if let Some(noun) = counted_noun(lex, toks, end) {
            (Dimension::Count, noun)
        } else {
            (Dimension::Number, String::new())
        };
        if num.kind == NumberKind::OneUnit && dimension != Dimension::Duration {
            i += 1;
            continue;
        }

        let qual_end = if currency_before.is_some() {
            start_tok - 1
        } else {
            start_tok
        };
        let found = lex.qualifiers.match_ending_at(toks, qual_end);
        let qualifier = qualifier
            .or(found.map(|(_, p)| lex.qualifier_kinds[p]))
            .unwrap_or(Qualifier::Exact);
        let first_tok = found.map_or(qual_end, |(n, _)| qual_end - n).min(start_tok);
        let span_start = toks[first_tok].start;
        let span_end = toks[end - 1].end;
        out.push(Quantity {
            text: text[span_start..span_end].to_string(),
            span: span_start..span_end,
            local: span_start..span_end,
            value,
            high,
            dimension,
            unit,
            qualifier,
            averaged: *averaged.get_or_insert_with(|| lex.averages.find(toks).is_some()),
        });
        i = end;
    }
    out
}

/// "per month", "a year", "/mo", "monthly", "per user per month": the period
/// in months and the token index after it. Stops at punctuation.
fn period_after(lex: &Lexicon, toks: &[Token], start: usize) -> (Option<f64>, usize) {
    let mut j = start;
    let limit = (start + 6).min(toks.len());
    while j < limit {
        let t = &toks[j];
        if let Some(m) = lex.periods.get(&*t.lower) {
            if j > start
                && matches!(
                    &*toks[j - 1].lower,
                    "per" | "a" | "an" | "/" | "each" | "every"
                )
                || t.lower.ends_with("ly")
                || t.lower == "annual"
            {
                return (Some(*m), j + 1);
            }
        }
        // Plural period after "per": "per months" is not English, but "a month" is.
        if t.kind == TokenKind::Symbol && t.lower != "/" {
            break;
        }
        j += 1;
    }
    (None, start)
}

/// "per vehicle", "per site": the noun a rate is counted in (stemmed), and
/// the token index after it. A period ("per month") is no such noun.
fn per_unit(lex: &Lexicon, toks: &[Token], start: usize) -> Option<(String, usize)> {
    if toks.get(start)?.lower != "per" {
        return None;
    }
    let noun = toks.get(start + 1).filter(|t| t.is_word())?;
    if lex.periods.contains_key(&*noun.lower) || lex.durations.contains_word(&noun.lower) {
        return None;
    }
    Some((lex.term(&noun.lower), start + 2))
}

/// "per hectare", "an acre", "/ha" after a measure: the kind and size of the
/// measure it is counted against, and where the rate ends.
fn measure_per(lex: &Lexicon, toks: &[Token], start: usize) -> Option<(&'static str, f64, usize)> {
    let at = match toks.get(start).map(|t| &*t.lower) {
        Some("per" | "a" | "an" | "/") => start + 1,
        _ => return None,
    };
    let (n, p) = lex.measures.match_at(toks, at)?;
    let (kind, size) = lex.measure_units[p];
    Some((kind, size, at + n))
}

/// The words "and a half" (or "and one half") at `at`: how many tokens.
fn and_a_half(toks: &[Token], at: usize) -> usize {
    let word = |k: usize| toks.get(at + k).map(|t| &*t.lower);
    let half =
        word(0) == Some("and") && matches!(word(1), Some("a" | "one")) && word(2) == Some("half");
    if half {
        3
    } else {
        0
    }
}

/// A duration unit at `start`, with "and a half" before it ("two and a
/// half hours") or after it ("a minute and a half"): tokens read, the
/// unit's length in days, and the half unit to add to the number (0 or
/// 0.5).
fn duration_and_half(lex: &Lexicon, toks: &[Token], start: usize) -> Option<(usize, f64, f64)> {
    let before = and_a_half(toks, start);
    let (n, days) = duration_after(lex, toks, start + before)?;
    let after = if before == 0 {
        and_a_half(toks, start + n)
    } else {
        0
    };
    let half = if before + after > 0 { 0.5 } else { 0.0 };
    Some((before + n + after, days, half))
}

fn duration_after(lex: &Lexicon, toks: &[Token], start: usize) -> Option<(usize, f64)> {
    // "30-day", "six-month"
    let (skip, at) = match toks.get(start) {
        Some(t) if t.lower == "-" => (1, start + 1),
        _ => (0, start),
    };
    let (n, p) = lex.durations.match_at(toks, at)?;
    Some((n + skip, lex.duration_days[p]))
}

/// The noun a number counts: the first plural word among the next three
/// words ("12 canned reply templates"), else the next word.
fn counted_noun(lex: &Lexicon, toks: &[Token], start: usize) -> Option<String> {
    let mut first = None;
    // "two-way", "one-on-one": a compound modifier, not a count; but digits
    // joined to a noun count it ("a 250-endpoint minimum", "a 100-vehicle
    // fleet").
    if toks.get(start).is_some_and(|t| t.lower == "-") {
        let digits = start
            .checked_sub(1)
            .is_some_and(|p| toks[p].is_number() && toks[p].touches(&toks[start]));
        let noun = toks.get(start + 1).filter(|n| {
            n.is_word()
                && toks[start].touches(n)
                && !lex.stopwords.contains(&*n.lower)
                && is_latin_word(&n.lower)
        });
        return match (digits, noun) {
            (true, Some(n)) => Some(lex.term(&n.lower)).filter(|w| !w.is_empty()),
            _ => None,
        };
    }
    for t in toks.iter().skip(start).take(4) {
        // Extraction reads English: "6 月" (a Japanese month) counts nothing.
        if !t.is_word() || lex.stopwords.contains(&*t.lower) || !is_latin_word(&t.lower) {
            break;
        }
        if first.is_none() {
            first = Some(&*t.lower);
        }
        if t.lower.ends_with('s') && t.lower.len() > 3 {
            return Some(lex.term(&t.lower));
        }
    }
    first.map(|w| lex.term(w)).filter(|w| !w.is_empty())
}

/// Every letter is Latin.
fn is_latin_word(word: &str) -> bool {
    word.chars()
        .filter(|c| c.is_alphabetic())
        .all(super::is_latin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::words::tokenize;

    fn quantities(text: &str) -> Vec<Quantity> {
        let lex = Lexicon::builtin();
        find(&lex, text, &tokenize(text))
    }

    fn one(text: &str) -> Quantity {
        let q = quantities(text);
        assert_eq!(q.len(), 1, "{text}: {q:?}");
        q.into_iter().next().unwrap()
    }

    #[test]
    fn percentages_multipliers_and_qualifiers() {
        let q = one("Ledgerly automates up to 80% of invoices.");
        assert_eq!(
            (q.value, q.dimension, q.qualifier),
            (80.0, Dimension::Percent, Qualifier::UpTo)
        );
        assert_eq!(q.text, "up to 80%");
        let q = one("It is 3x faster.");
        assert_eq!((q.value, q.dimension), (3.0, Dimension::Multiplier));
        let q = one("Teams answer twice as fast.");
        assert_eq!((q.value, q.dimension), (2.0, Dimension::Multiplier));
        let q = one("Cut tickets in half.");
        assert_eq!((q.value, q.dimension), (50.0, Dimension::Percent));
        let q = one("as much as 60 percent");
        assert_eq!((q.value, q.qualifier), (60.0, Qualifier::UpTo));
    }

    #[test]
    fn money_periods_normalise_to_a_month() {
        let a = one("Ledgerly costs $400 per month.");
        let b = one("At $4,800 a year it pays off.");
        let c = one("Pricing is $400/mo for teams.");
        assert_eq!(a.unit, "usd/month");
        assert!(a.same_value(&b) && a.same_value(&c), "{a:?} {b:?} {c:?}");
        let d = one("$25 per vehicle per month");
        let e = one("$300 a year per vehicle");
        assert!(d.same_value(&e));
        let f = one("a $1.2M deal");
        assert_eq!((f.value, f.unit.as_str()), (1_200_000.0, "usd"));
    }

    #[test]
    fn durations_convert_and_number_words_count() {
        let a = one("live in under two weeks");
        assert_eq!((a.value, a.qualifier), (14.0, Qualifier::Under));
        let b = one("live in 14 days");
        assert!(a.same_value(&b));
        let c = one("about four days on average");
        assert!(c.averaged);
        assert_eq!(c.qualifier, Qualifier::About);
        let d = one("Setup takes less than a day.");
        assert_eq!((d.value, d.dimension), (1.0, Dimension::Duration));
        let week = one("Deployment takes about one week.");
        assert_eq!((week.value, week.qualifier), (7.0, Qualifier::About));
        assert!(quantities("One day, you will thank us.").is_empty());
        let full = one("It keeps a full year of telemetry.");
        assert_eq!((full.value, full.dimension), (365.0, Dimension::Duration));
        let single = one("Deployment takes a single day.");
        assert_eq!((single.value, single.dimension), (1.0, Dimension::Duration));
        assert!(quantities("a single dashboard for every team").is_empty());
        let e = one("a 30-day free trial");
        assert_eq!(e.value, 30.0);
        let f = one("twenty-five minutes");
        assert!((f.value - 25.0 * 0.000694).abs() < 1e-6);
        let half = one("it reaches the tablets in under a minute and a half");
        assert!(half.same_value(&one("within 90 seconds")), "{half:?}");
        assert_eq!(half.text, "in under a minute and a half");
        let probes = one("25 or more probes on one farm account");
        assert_eq!(probes.qualifier, Qualifier::AtLeast);
        let plus = one("25+ probes");
        assert!(probes.comparable(&plus) && probes.same_value(&plus));
        assert_eq!(
            (probes.dimension, probes.unit.as_str()),
            (Dimension::Count, "prob")
        );
        let days = one("in 10 or fewer business days");
        assert_eq!(days.qualifier, Qualifier::Under);
        let hours = one("setup takes two and a half hours");
        assert!(hours.same_value(&one("150 minutes")), "{hours:?}");
    }

    #[test]
    fn measures_in_other_units_are_one_figure() {
        let metric = one("One probe covers up to 8 hectares.");
        let imperial = one("Each probe covers about 20 acres.");
        assert_eq!(
            (metric.dimension, metric.unit.as_str()),
            (Dimension::Measure, "area")
        );
        assert!(metric.comparable(&imperial) && metric.same_value(&imperial));
        assert!(!metric.same_value(&one("Each probe covers 40 acres.")));
        assert!(one("a 5 km radio range").same_value(&one("about 3 miles of range")));
        assert!(!one("a 5 km radio range").same_value(&one("up to 5 miles of range")));
        assert!(one("20 MWh a year").same_value(&one("20,000 kWh a year")));
        let rate = one("roughly 750,000 litres per hectare");
        assert_eq!(rate.unit, "volume/area");
        assert!(rate.same_value(&one("roughly 80,000 gallons an acre")));
    }

    #[test]
    fn ranges_contain_single_figures() {
        let r = one("Migration takes 2 to 4 weeks.");
        assert_eq!((r.value, r.high), (14.0, Some(28.0)));
        let r2 = one("Migration takes 2–4 weeks.");
        assert_eq!(r2.high, Some(28.0));
        assert!(one("three weeks").same_value(&r));
        assert!(!one("3 days").same_value(&r));
    }

    #[test]
    fn a_number_before_non_latin_text_counts_nothing() {
        let q = one("Released in 2018 年 6 月 with the new editor.");
        assert_ne!(q.dimension, Dimension::Count, "{q:?}");
        assert_eq!(one("We ship 12 café menus.").dimension, Dimension::Count);
    }

    #[test]
    fn counts_name_their_noun() {
        let q = one("connects to more than 200 apps");
        assert_eq!(
            (q.dimension, q.qualifier),
            (Dimension::Count, Qualifier::MoreThan)
        );
        let lex = Lexicon::builtin();
        assert_eq!(q.unit, lex.term("apps"));
        let d = one("a dozen canned reply templates");
        let t = one("twelve canned reply templates");
        assert!(d.comparable(&t) && d.same_value(&t));
        let p = one("2,000+ customers");
        assert_eq!((p.value, p.qualifier), (2000.0, Qualifier::MoreThan));
    }

    #[test]
    fn names_years_dates_and_ranks_are_not_quantities() {
        for text in [
            "We are SOC 2 Type II certified.",
            "Certified to ISO 27001 since 2021.",
            "Encrypted with AES-256.",
            "Support is 24/7.",
            "Call at 10:30 on 2026-09-01.",
            "The #1 platform.",
            "We are number one.",
            "Version 3.5.1 shipped.",
            "Ask in Q3.",
            "our 2nd release",
        ] {
            assert!(
                quantities(text).is_empty(),
                "{text}: {:?}",
                quantities(text)
            );
        }
    }

    #[test]
    fn a_duration_per_unit_is_a_rate() {
        let q = one("About 15 minutes per vehicle.");
        assert_eq!(
            (q.dimension, q.unit.as_str()),
            (Dimension::Duration, "day/vehicl")
        );
        assert_eq!(q.text, "About 15 minutes per vehicle");
        // A period is no unit: "3 hours per week" stays a duration.
        let q = one("Admins spend 3 hours per week on it.");
        assert_eq!((q.dimension, q.unit.as_str()), (Dimension::Duration, "day"));
    }

    #[test]
    fn digits_joined_to_a_noun_count_it() {
        let q = one("Pricing has a 250-endpoint minimum.");
        assert_eq!(
            (q.value, q.dimension, q.unit.as_str()),
            (250.0, Dimension::Count, "endpoint")
        );
        // A number word joined to a noun is a modifier: "two-way sync".
        assert!(quantities("It offers two-way sync.")
            .iter()
            .all(|q| q.dimension != Dimension::Count));
    }
}
