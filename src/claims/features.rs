//! What one sentence says, read from its tokens: figures, ranking,
//! comparison, strength, polarity, subject, names and topic terms.

use super::lexicon::Lexicon;
use super::quantity::{self, Quantity};
use super::words::{tokenize, Token};
use super::Strength;

const QUOTES: &[char] = &['"', '\u{201c}', '\u{201d}', '\'', '\u{2018}', '\u{2019}'];
const FIRST_PERSON: &[&str] = &["we", "we're", "we've", "we'll", "we'd", "our", "ours", "us"];
const SECOND_PERSON: &[&str] = &[
    "you", "your", "you'll", "you're", "you've", "you'd", "yours",
];
/// Words between a negator and "guarantee" in "we do not guarantee".
const AUX: &[&str] = &[
    "do", "does", "did", "can", "will", "to", "be", "we", "ever", "always", "make", "any",
];

pub struct Features {
    /// Topic terms inside the negation's scope ("does not offer payroll" → offer, payroll).
    pub negated_terms: Vec<String>,
    pub quantities: Vec<Quantity>,
    pub superlative: bool,
    pub comparative: bool,
    pub strength: Strength,
    pub strong_absolute: bool,
    /// The only strong absolutes are "all"/"every".
    pub universal_only: bool,
    pub negated: bool,
    pub guarantee_denied: bool,
    pub decrease: bool,
    pub capability: bool,
    pub certification: bool,
    pub integration: bool,
    pub about_us: bool,
    /// The product is named (not just "we" or "it").
    pub names_product: bool,
    pub about_you: bool,
    pub entities: Vec<String>,
    pub terms: Vec<String>,
}

impl Features {
    /// Does the sentence assert anything a reader could check?
    pub fn has_signal(&self) -> bool {
        !self.quantities.is_empty()
            || self.superlative
            || self.comparative
            || self.strength != Strength::Plain
            || self.negated
            || self.guarantee_denied
            || self.capability
            || self.certification
            || self.integration
            || self.about_us
            || self.about_you
    }
}

fn is_question(sentence: &str) -> bool {
    sentence
        .trim_end_matches(|c: char| {
            QUOTES.contains(&c) || c == ')' || c == '*' || c.is_whitespace()
        })
        .ends_with(['?', '？'])
}

/// A sentence wholly inside quotes is someone else's words (an objection).
fn is_quoted(sentence: &str) -> bool {
    let s = sentence.trim();
    s.starts_with(QUOTES)
        && s.trim_end_matches(['.', '!', '?']).ends_with(QUOTES)
        && s.chars().count() > 2
}

fn is_negator(lex: &Lexicon, toks: &[Token], i: usize) -> bool {
    let t = &toks[i];
    let next = toks.get(i + 1).map(|n| n.lower.as_str());
    // "We don't just do X", "not merely a tool": "more than X", not a denial.
    if matches!(next, Some("just" | "merely" | "only" | "simply")) {
        return false;
    }
    if t.lower.ends_with("n't") || t.lower == "cannot" {
        return true;
    }
    if !lex.negations.contains(&t.lower) {
        return false;
    }
    match t.lower.as_str() {
        // "no-show", "No. 1", "not only … but also", "no matter"
        "no" => !matches!(next, Some("-" | "." | "matter" | "doubt")),
        _ => true,
    }
}

/// Read a sentence. `None` when it is not a candidate claim at all
/// (question, greeting, quotation, too short).
pub fn analyse(
    lex: &Lexicon,
    sentence: &str,
    product_names: &[String],
    allow_imperative: bool,
) -> Option<Features> {
    // A line ending in a colon introduces a list; it asserts nothing itself.
    if is_question(sentence) || is_quoted(sentence) || sentence.trim_end().ends_with(':') {
        return None;
    }
    let toks = tokenize(sentence);
    let word_count = toks.iter().filter(|t| t.is_word() || t.is_number()).count();
    // Three or four words make a sentence only with a full stop ("Vault
    // supports passkeys."); without one they are a label or a table cell.
    let terminated = sentence.trim_end().ends_with(['.', '!']);
    if word_count < 3 || (word_count <= 4 && !terminated) {
        return None;
    }
    // "If you don't know …", "Unless …": a condition, not an assertion.
    if matches!(toks[0].lower.as_str(), "if" | "unless") {
        return None;
    }
    let first_word = toks.iter().position(|t| t.is_word() || t.is_number())?;
    if lex.openers.match_at(&toks, first_word).is_some() {
        return None;
    }
    // "Keep videos under 15 seconds", "Do not add images": instructions.
    if !allow_imperative && lex.imperatives.contains(&toks[first_word].lower) {
        return None;
    }

    let quantities = quantity::find(lex, sentence, &toks);

    // Strength.
    let mut hedged = false;
    let mut strong_absolute = false;
    // "all"/"every" are everyday words; "always", "never", "guarantee" are promises.
    let mut beyond_universal = false;
    let mut assertive = false;
    let mut superlative = false;
    for i in 0..toks.len() {
        let prev = i.checked_sub(1).map(|p| toks[p].lower.as_str());
        let next = toks.get(i + 1);
        let lower = toks[i].lower.as_str();
        if lex.hedges.match_at(&toks, i).is_some() && !(lower == "most" && prev == Some("the")) {
            hedged = true;
        }
        if lex.strong_absolutes.match_at(&toks, i).is_some() {
            let frequency = matches!(lower, "every" | "all")
                && next.is_some_and(|n| {
                    n.is_number()
                        || lex.number_words.contains_key(&n.lower)
                        || lex.durations.match_at(&toks, i + 1).is_some()
                        || n.lower == "-"
                        || n.lower == "in"
                });
            if !frequency {
                strong_absolute = true;
                if !matches!(lower, "all" | "every") {
                    beyond_universal = true;
                }
            }
        }
        if lex.assertive.match_at(&toks, i).is_some() || lower.ends_with("'ll") {
            assertive = true;
        }
        if let Some((n, _)) = lex.superlatives.match_at(&toks, i) {
            let needs_the = matches!(lower, "most" | "only" | "first" | "best") && n == 1;
            let the_before = matches!(prev, Some("the" | "our" | "'s"));
            let after = toks.get(i + n).map(|t| t.lower.as_str());
            let idiom = matches!(
                after,
                Some("practice" | "practices" | "regards" | "wishes" | "to")
            );
            // A ranking is asserted of something: "X is the best", "we're #1".
            let asserted = toks[i.saturating_sub(5)..i].iter().any(|p| {
                matches!(
                    p.lower.as_str(),
                    "is" | "are"
                        | "'re"
                        | "we're"
                        | "it's"
                        | "was"
                        | "were"
                        | "be"
                        | "named"
                        | "rated"
                        | "ranked"
                        | "as"
                ) || p.lower.ends_with("'s")
            });
            if (!needs_the || the_before) && !idiom && asserted {
                superlative = true;
            }
        }
    }

    // Comparison: "-er than", "more/less … than", "compared to", "unlike".
    let mut comparative = false;
    for (i, t) in toks.iter().enumerate() {
        if t.lower == "than" {
            let next = toks.get(i + 1);
            let figure_follows = next.is_some_and(|n| {
                n.is_number()
                    || lex.number_words.contains_key(&n.lower)
                    || matches!(n.lower.as_str(), "a" | "an" | "$" | "€" | "£" | "half")
            });
            for back in 1..=2 {
                let Some(p) = i.checked_sub(back).map(|p| &toks[p]) else {
                    break;
                };
                let qualifier_word = matches!(p.lower.as_str(), "more" | "less" | "fewer");
                if qualifier_word && figure_follows {
                    break;
                }
                if qualifier_word
                    || (p.lower.ends_with("er") && p.lower.len() > 4 && p.is_word())
                    || lex.comparatives.contains_word(&p.lower)
                {
                    comparative = true;
                    break;
                }
            }
        } else if let Some((_, _)) = lex.comparatives.match_at(&toks, i) {
            if matches!(
                t.lower.as_str(),
                "unlike" | "compared" | "outperform" | "outperforms" | "beats" | "superior"
            ) {
                comparative = true;
            }
        }
    }

    // Polarity.
    let mut negated = false;
    let mut guarantee_denied = false;
    let mut negation_start = None;
    for i in 0..toks.len() {
        if !is_negator(lex, &toks, i) {
            continue;
        }
        let target = toks[i + 1..]
            .iter()
            .take(4)
            .find(|t| !AUX.contains(&t.lower.as_str()));
        if target.is_some_and(|t| t.lower.starts_with("guarant") || t.lower.starts_with("promis")) {
            guarantee_denied = true;
        } else {
            negated = true;
            negation_start.get_or_insert(toks[i].end);
        }
    }
    let decrease = toks.iter().any(|t| lex.decrease.contains(&t.lower));

    let strength = if guarantee_denied {
        Strength::Hedged
    } else if strong_absolute {
        Strength::Absolute
    } else if hedged {
        Strength::Hedged
    } else if assertive {
        Strength::Absolute
    } else {
        Strength::Plain
    };
    let strong_absolute = strong_absolute && !guarantee_denied;

    // Subject: us, our product, or the customer.
    let product_words: Vec<&str> = product_names
        .iter()
        .flat_map(|p| p.split_whitespace())
        .filter(|w| w.chars().count() >= 3)
        .collect();
    let names_product = toks
        .iter()
        .any(|t| product_words.contains(&t.lower.as_str()));
    // The subject: one of the first four words is us or the product.
    let subject: Vec<&Token> = toks.iter().filter(|t| t.is_word()).take(4).collect();
    let about_us = subject.iter().any(|t| {
        FIRST_PERSON.contains(&t.lower.as_str())
            || product_words.contains(&t.lower.as_str())
            || t.lower == "it"
            || t.lower == "it's"
    });
    let about_you = toks
        .iter()
        .any(|t| SECOND_PERSON.contains(&t.lower.as_str()));
    let capability = about_us && toks.iter().any(|t| lex.capability_verbs.contains(&t.lower));
    let certification = toks
        .iter()
        .any(|t| lex.certification_words.contains(&t.lower));
    // "integrates with X", "syncs into X", early in the sentence: an
    // integration names what it connects to.
    let integration = toks.iter().enumerate().take(7).any(|(i, t)| {
        lex.integration_words.contains(&t.lower)
            && toks[i + 1..]
                .iter()
                .take(3)
                .any(|n| n.lower == "with" || n.lower == "into")
    });

    // Names: capitalised mid-sentence, acronyms, digit-letter identifiers.
    let mut entities = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !t.is_word() || i == first_word || t.lower == "i" || t.lower.starts_with("i'") {
            continue;
        }
        let after_break = toks[..i]
            .iter()
            .rev()
            .find(|p| p.lower != "*")
            .is_some_and(|p| {
                matches!(
                    p.lower.as_str(),
                    ":" | "\"" | "\u{201c}" | "(" | "—" | "-" | "–"
                ) && !p.touches(t)
            });
        let mixed =
            t.lower.chars().any(|c| c.is_ascii_digit()) && t.lower.chars().any(char::is_alphabetic);
        if (t.capitalized && !after_break) || t.all_caps || mixed {
            entities.push(t.lower.clone());
        }
    }
    entities.sort();
    entities.dedup();

    let terms = analyse_terms(lex, sentence);

    // What the negation denies: the words after the negator, up to the clause's end.
    let negated_terms = match negation_start {
        Some(from) => {
            let rest = &sentence[from..];
            let end = rest.find([',', ';', '(', '\u{2014}']).unwrap_or(rest.len());
            analyse_terms(lex, &rest[..end])
        }
        None => Vec::new(),
    };

    Some(Features {
        negated_terms,
        quantities,
        superlative,
        comparative,
        strength,
        strong_absolute,
        universal_only: strong_absolute && !beyond_universal,
        negated,
        guarantee_denied,
        decrease,
        capability,
        certification,
        integration,
        about_us,
        names_product,
        about_you,
        entities,
        terms,
    })
}

/// The topic terms of a text: stemmed, synonyms folded, without stop words,
/// strength markers, numbers or units.
fn analyse_terms(lex: &Lexicon, text: &str) -> Vec<String> {
    let toks = tokenize(text);
    let mut terms: Vec<String> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if let Some((n, p)) = lex.synonym_phrases.match_at(&toks, i) {
            terms.push(lex.phrase_canon[p].clone());
            i += n;
            continue;
        }
        let t = &toks[i];
        i += 1;
        if !t.is_word() || t.lower.chars().count() < 2 {
            continue;
        }
        let w = t.lower.as_str();
        if lex.stopwords.contains(w)
            || lex.negations.contains(w)
            || w.ends_with("n't")
            || lex.hedges.contains_word(w)
            || lex.strong_absolutes.contains_word(w)
            || lex.assertive.contains_word(w)
            || lex.number_words.contains_key(w)
            || lex.after_a.contains_key(w)
            || lex.scales.contains_key(w)
            || lex.fractions.contains_key(w)
            || lex.multipliers.contains_key(w)
            || lex.durations.contains_word(w)
            || lex.periods.contains_key(w)
            || lex.qualifiers.contains_word(w)
            || lex.averages.contains_word(w)
        {
            continue;
        }
        let term = lex.term(w);
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    let mut seen = std::collections::HashSet::new();
    terms.retain(|t| seen.insert(t.clone()));

    terms
}
