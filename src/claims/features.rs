//! What one sentence says, read from its tokens: figures, ranking,
//! comparison, strength, polarity, subject, names and topic terms.

use std::ops::Range;

use super::lexicon::{class, Lexicon};
use super::quantity::{self, Quantity};
use super::words::{stem, tokenize, Token, Tokenizer};
use super::Dimension;
use super::Strength;

const QUOTES: &[char] = &['"', '\u{201c}', '\u{201d}', '\'', '\u{2018}', '\u{2019}'];
/// Words between a negator and "guarantee" in "we do not guarantee".
const AUX: &[&str] = &[
    "do", "does", "did", "can", "will", "to", "be", "we", "ever", "always", "make", "any",
];

/// What a sentence says. The costly parts a claim needs only once it is
/// known to be one (topic terms, names, the negation's scope) are computed
/// on demand from the kept tokens.
pub struct Features<'a> {
    sentence: &'a str,
    toks: Vec<Token<'a>>,
    /// Index of the first word or number token.
    first_word: usize,
    /// Byte offset just past the first negator that is not "no guarantee".
    negation_start: Option<usize>,
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
}

impl Features<'_> {
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

    /// The signals that make the sentence checkable, by name (for `why`).
    pub fn signals(&self) -> Vec<&'static str> {
        [
            (!self.quantities.is_empty(), "figure"),
            (self.superlative, "superlative"),
            (self.comparative, "comparative"),
            (self.strength == Strength::Hedged, "hedged"),
            (self.strength == Strength::Absolute, "absolute"),
            (self.negated, "negation"),
            (self.guarantee_denied, "guarantee denied"),
            (self.capability, "capability"),
            (self.certification, "certification"),
            (self.integration, "integration"),
            (self.about_us, "about us"),
            (self.about_you, "about the reader"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect()
    }

    /// The sentence's topic terms. A duration's words ("a full year", "two
    /// business days") say how long, not what about, so they are left out.
    pub fn terms(&self, lex: &Lexicon) -> Vec<String> {
        let durations: Vec<&Range<usize>> = self
            .quantities
            .iter()
            .filter(|q| q.dimension == Dimension::Duration)
            .map(|q| &q.local)
            .collect();
        if durations.is_empty() {
            return analyse_terms(lex, &self.toks);
        }
        let outside: Vec<Token> = self
            .toks
            .iter()
            .filter(|t| {
                !durations
                    .iter()
                    .any(|d| d.start <= t.start && t.end <= d.end)
            })
            .cloned()
            .collect();
        analyse_terms(lex, &outside)
    }

    /// Topic terms inside the negation's scope ("does not offer payroll" →
    /// offer, payroll): the words after the negator, up to the clause's end.
    pub fn negated_terms(&self, lex: &Lexicon) -> Vec<String> {
        let Some(from) = self.negation_start else {
            return Vec::new();
        };
        // "Microsoft Dynamics 365 is not supported": the subject is denied.
        let from = if self.denies_subject() { 0 } else { from };
        let rest = &self.sentence[from..];
        let cut = from + rest.find([',', ';', '(', '\u{2014}']).unwrap_or(rest.len());
        // The sentence's own tokens between the two offsets are the clause's
        // tokens, unless one runs across the cut ("1,200" cut at its comma).
        let first = self.toks.partition_point(|t| t.start < from);
        let past = self.toks.partition_point(|t| t.start < cut);
        if past > first && self.toks[past - 1].end > cut {
            return analyse_terms(lex, &tokenize(&self.sentence[from..cut]));
        }
        analyse_terms(lex, &self.toks[first..past])
    }

    /// A passive denial ("Microsoft Dynamics 365 is not supported", "SMS
    /// isn't available"): a form of "be", the negation, and at most two
    /// words after it. What it denies is its subject.
    pub fn denies_subject(&self) -> bool {
        let Some(from) = self.negation_start else {
            return false;
        };
        let at = self.toks.partition_point(|t| t.end < from);
        let Some(negator) = self.toks.get(at) else {
            return false;
        };
        let be = |w: &str| matches!(w, "is" | "are" | "isn't" | "aren't");
        let after_be =
            be(&negator.lower) || at.checked_sub(1).is_some_and(|b| be(&self.toks[b].lower));
        let words_after = self.toks[at + 1..].iter().filter(|t| t.is_word()).count();
        after_be && at > 0 && words_after <= 2
    }

    /// What a denial denies, one alternative at a time, without the verb
    /// it denies them by: "don't offer a breach warranty or cyber
    /// insurance" denies "breach warranty" and "cyber insurance" each, so a
    /// line promising either contradicts it. Empty without a negation.
    pub fn denied_alternatives(&self, lex: &Lexicon) -> Vec<Vec<String>> {
        let Some(from) = self.negation_start else {
            return Vec::new();
        };
        let rest = &self.sentence[from..];
        // Commas here separate alternatives ("not \"FDA approved\", \"FDA
        // certified\" or \"Part 11 certified\""); clauses were split before.
        let cut = from + rest.find([';', '(', '\u{2014}']).unwrap_or(rest.len());
        let first = self.toks.partition_point(|t| t.start < from);
        let past = self.toks.partition_point(|t| t.end <= cut);
        let mut scope = &self.toks[first..past.max(first)];
        // "(does not) support X": the verb is how X is denied, not what.
        while let Some((verb, tail)) = scope.split_first() {
            if !verb.is_word() || lex.capability_verbs.contains(&*verb.lower) {
                scope = tail;
            } else {
                break;
            }
        }
        let mut out: Vec<Vec<String>> = Vec::new();
        let mut pending: Vec<String> = Vec::new();
        for piece in scope.split(|t| matches!(&*t.lower, "or" | "nor" | "and" | "/" | ",")) {
            pending.extend(analyse_terms(lex, piece));
            // A lone word ("sell or install home chargers") shares the
            // next alternative's object.
            if pending.len() >= 2 {
                out.push(std::mem::take(&mut pending));
            }
        }
        if !pending.is_empty() {
            match out.last_mut() {
                Some(last) if pending.len() < 2 => last.extend(pending),
                _ => out.push(pending),
            }
        }
        out
    }

    /// Names: capitalised mid-sentence, acronyms, digit-letter identifiers; lower case.
    pub fn entities(&self) -> Vec<String> {
        let toks = &self.toks;
        let mut entities = Vec::new();
        for (i, t) in toks.iter().enumerate() {
            if !t.is_word() || i == self.first_word || t.lower == "i" || t.lower.starts_with("i'") {
                continue;
            }
            let after_break = toks[..i]
                .iter()
                .rev()
                .find(|p| p.lower != "*")
                .is_some_and(|p| {
                    matches!(&*p.lower, ":" | "\"" | "\u{201c}" | "(" | "—" | "-" | "–")
                        && !p.touches(t)
                });
            let mixed = t.lower.chars().any(|c| c.is_ascii_digit())
                && t.lower.chars().any(char::is_alphabetic);
            if (t.capitalized && !after_break) || t.all_caps || mixed {
                entities.push(t.lower.clone().into_owned());
            }
        }
        entities.sort();
        entities.dedup();
        // A claim lives as long as its doc: keep only what it names.
        entities.shrink_to_fit();
        entities
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
    let contraction = t.lower.ends_with("n't") || t.lower == "cannot";
    if !contraction && !lex.is(t, class::NEGATION) {
        return false;
    }
    let next = toks.get(i + 1).map(|n| &*n.lower);
    // "We don't just do X", "not merely a tool": "more than X", not a denial.
    if matches!(next, Some("just" | "merely" | "only" | "simply")) {
        return false;
    }
    if contraction {
        return true;
    }
    match &*t.lower {
        // "no-show", "No. 1", "not only … but also", "no matter"
        "no" => !matches!(next, Some("-" | "." | "matter" | "doubt")),
        _ => true,
    }
}

/// "No problem, we handle payroll", "No, it runs on-premises": a negator
/// that opens the sentence, with at most three words before a comma, and a
/// clause with its own subject (we, it, the product) after it. The negator
/// answers the prospect; it is outside the scope of the predicate that
/// follows, so it denies nothing the sentence claims. ("No setup fees, ever"
/// has no new subject after its comma, and stays a denial.)
fn opens_an_answer(lex: &Lexicon, toks: &[Token], i: usize, product_words: &[&str]) -> bool {
    // The answer may follow a conjunction: "And don't worry, …".
    let mut words = toks.iter().enumerate().filter(|(_, t)| t.is_word());
    let opens = match words.next() {
        Some((first, _)) if first == i => true,
        Some((_, t)) if LEAD_CONJUNCTIONS.contains(&&*t.lower) => {
            words.next().is_some_and(|(second, _)| second == i)
        }
        _ => false,
    };
    if !opens {
        return false;
    }
    let Some(comma) = toks[i + 1..]
        .iter()
        .take(4)
        .position(|t| matches!(&*t.lower, "," | ";" | "!"))
    else {
        return false;
    };
    let subject = toks[i + 1 + comma + 1..].iter().find(|t| t.is_word());
    subject.is_some_and(|t| {
        lex.is(t, class::FIRST_PERSON)
            || matches!(&*t.lower, "it" | "they")
            || SUBJECT_DETERMINERS.contains(&&*t.lower)
            || product_words.contains(&&*t.lower)
    })
}

/// Conjunctions a spoken answer may open with ("And don't worry, …").
const LEAD_CONJUNCTIONS: &[&str] = &["and", "but", "so", "oh", "well"];

/// Determiners that open a subject noun phrase ("Not a problem, the team
/// can …"): a closed class of the grammar.
const SUBJECT_DETERMINERS: &[&str] = &[
    "the", "your", "this", "that", "these", "those", "every", "each",
];

/// Adverbial subordinators: a negation after one, in the same stretch of
/// the sentence, is the subordinate clause's ("copes where the signal
/// doesn't", "works even when the network isn't there"), not the claim's.
/// Causal "because"/"since" are left out: their clause often is the claim
/// ("it's fast because there is no agent to install").
const SUBORDINATORS: &[&str] = &[
    "where", "wherever", "when", "whenever", "if", "unless", "although", "though", "while",
    "whereas", "until",
];

/// Is the negator at `i` inside a subordinate clause: after a subordinator,
/// with no comma, colon, semicolon or dash between them?
fn in_subordinate_clause(toks: &[Token], i: usize) -> bool {
    toks[..i]
        .iter()
        .rev()
        .take_while(|t| {
            !matches!(
                &*t.lower,
                "," | ";" | ":" | "\u{2014}" | "\u{2013}" | "(" | ")"
            )
        })
        .any(|t| SUBORDINATORS.contains(&&*t.lower))
}

/// Why `analyse` rejects a sentence, in words (for `why`).
pub fn rejection(sentence: &str) -> &'static str {
    if is_question(sentence) {
        "a question"
    } else if is_quoted(sentence) {
        "a quotation"
    } else if sentence.trim_end().ends_with(':') {
        "introduces a list"
    } else {
        "not a statement: a condition, greeting, instruction or fragment"
    }
}

/// The words that name us in a doc.
#[derive(Debug, Clone, Copy, Default)]
pub struct OurWords<'a> {
    /// The words of our product names long enough to mean the product.
    pub names: &'a [&'a str],
    /// Words the brand writes after one of our names ("Kestrel ELD"): "the
    /// ELD" at a sentence's start means ours, "ELD" alone does not.
    pub parts: &'a [&'a str],
}

/// Read a sentence. `None` when it is not a candidate claim at all
/// (question, greeting, quotation, too short).
/// `lowered` is `sentence.to_ascii_lowercase()`, which the tokens borrow.
pub fn analyse<'a>(
    lex: &Lexicon,
    sentence: &'a str,
    lowered: &'a str,
    ours: &OurWords<'_>,
    allow_imperative: bool,
) -> Option<Features<'a>> {
    let product_words = ours.names;
    // A line ending in a colon introduces a list; it asserts nothing itself.
    if is_question(sentence) || is_quoted(sentence) || sentence.trim_end().ends_with(':') {
        return None;
    }
    let mut toks = Vec::with_capacity(sentence.len() / 4 + 1);
    let mut tokenizer = Tokenizer::new(sentence, Some(lowered));
    // The opening words decide most rejections: read only as far as the
    // first word and the longest opener after it before testing them, so a
    // rejected sentence is not tokenised further.
    let mut first_word = None;
    loop {
        if first_word.is_none() {
            first_word = toks
                .iter()
                .position(|t: &Token| t.is_word() || t.is_number());
        }
        if first_word.is_some_and(|f| toks.len() >= f + lex.openers.longest()) {
            break;
        }
        if !tokenizer.push_next(&mut toks) {
            break;
        }
    }
    lex.classify(&mut toks);
    // "If you don't know …", "Unless …": a condition, not an assertion.
    if toks
        .first()
        .is_some_and(|t| matches!(&*t.lower, "if" | "unless"))
    {
        return None;
    }
    // No word at all: not a sentence.
    let first_word = first_word?;
    if lex.openers.match_at(&toks, first_word).is_some() {
        return None;
    }
    // "Keep videos under 15 seconds", "Do not add images": instructions.
    if !allow_imperative && lex.is(&toks[first_word], class::IMPERATIVE) {
        return None;
    }
    let opening = toks.len();
    while tokenizer.push_next(&mut toks) {}
    lex.classify(&mut toks[opening..]);
    let word_count = toks.iter().filter(|t| t.is_word() || t.is_number()).count();
    // Three or four words make a sentence only with a full stop ("Vault
    // supports passkeys."); without one they are a label or a table cell.
    let terminated = sentence.trim_end().ends_with(['.', '!']);
    if word_count < 3 || (word_count <= 4 && !terminated) {
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
    // A ranking is asserted of something: "X is the best", "we're #1",
    // "ours has the fewest".
    let asserted = |i: usize| {
        toks[i.saturating_sub(5)..i].iter().any(|p| {
            matches!(
                &*p.lower,
                "is" | "are"
                    | "'re"
                    | "we're"
                    | "it's"
                    | "was"
                    | "were"
                    | "be"
                    | "has"
                    | "have"
                    | "named"
                    | "rated"
                    | "ranked"
                    | "as"
            ) || p.lower.ends_with("'s")
        })
    };
    for i in 0..toks.len() {
        let prev = i.checked_sub(1).map(|p| &*toks[p].lower);
        let next = toks.get(i + 1);
        let lower = &*toks[i].lower;
        if !lex.is(&toks[i], class::STRENGTH_START) {
            assertive |= lower.ends_with("'ll");
            superlative |= lex.superlative_by_form(&toks, i) && asserted(i);
            continue;
        }
        if lex.hedges.match_at(&toks, i).is_some() && !(lower == "most" && prev == Some("the")) {
            hedged = true;
        }
        if lex.strong_absolutes.match_at(&toks, i).is_some() {
            let frequency = matches!(lower, "every" | "all")
                && next.is_some_and(|n| {
                    n.is_number()
                        || lex.number_words.contains_key(&*n.lower)
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
            let after = toks.get(i + n).map(|t| &*t.lower);
            let idiom = matches!(
                after,
                Some("practice" | "practices" | "regards" | "wishes" | "to")
            );
            if (!needs_the || the_before) && !idiom && asserted(i) {
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
                    || lex.number_words.contains_key(&*n.lower)
                    || matches!(&*n.lower, "a" | "an" | "$" | "€" | "£" | "half")
            });
            for back in 1..=2 {
                let Some(p) = i.checked_sub(back).map(|p| &toks[p]) else {
                    break;
                };
                let qualifier_word = matches!(&*p.lower, "more" | "less" | "fewer");
                if qualifier_word && figure_follows {
                    break;
                }
                // "rather than", "other than" are prepositions, not comparisons.
                if back == 1 && matches!(&*p.lower, "rather" | "other") {
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
                &*t.lower,
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
        if !is_negator(lex, &toks, i)
            || opens_an_answer(lex, &toks, i, product_words)
            || in_subordinate_clause(&toks, i)
        {
            continue;
        }
        let target = toks[i + 1..]
            .iter()
            .take(4)
            .find(|t| !AUX.contains(&&*t.lower));
        if target.is_some_and(|t| t.lower.starts_with("guarant") || t.lower.starts_with("promis")) {
            guarantee_denied = true;
        } else {
            negated = true;
            negation_start.get_or_insert(toks[i].end);
        }
    }
    // Every class any token has, to answer "does any word …" at once.
    let classes = toks.iter().fold(0, |all, t| all | lex.class_of(t));
    let decrease = classes & class::DECREASE != 0;

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
    let names_product = toks.iter().any(|t| product_words.contains(&&*t.lower));
    // The subject: one of the first four words is us or the product.
    let subject: Vec<&Token> = toks.iter().filter(|t| t.is_word()).take(4).collect();
    // "I'll have the Furrow agronomist call you Thursday": the rep is the
    // subject, and what the rep will do is no claim about the product.
    let rep_speaks = subject
        .first()
        .is_some_and(|t| t.lower == "i" || t.lower.starts_with("i'"));
    let the_part = matches!(&subject[..], [the, part, ..]
        if the.lower == "the" && ours.parts.contains(&&*part.lower));
    let about_us = the_part
        || subject.iter().any(|t| {
            lex.is(t, class::FIRST_PERSON)
                || (!rep_speaks && product_words.contains(&&*t.lower))
                || ((t.lower == "it" || t.lower == "it's") && !expletive_it(&toks))
        });
    let about_you = classes & class::SECOND_PERSON != 0;
    let capability = about_us && classes & class::CAPABILITY != 0;
    let certification = classes & class::CERTIFICATION != 0;
    // "integrates with X", "plug straight into X", early in the sentence:
    // an integration names what it connects to. Any inflection counts.
    let integrates = |t: &Token| {
        lex.is(t, class::INTEGRATION)
            || (t.is_word() && lex.integration_stems.contains(&stem(&t.lower)))
    };
    let joins = |t: &Token| t.lower == "with" || t.lower == "into";
    let early = toks
        .iter()
        .enumerate()
        .take(7)
        .any(|(i, t)| integrates(t) && toks[i + 1..].iter().take(3).any(&joins));
    // Or later, when the sentence joins a named system: "SAEs flow straight
    // into Oracle Argus through our native E2B connector".
    let a_system = |t: &Token| {
        t.is_word() && (t.capitalized || t.all_caps) && !product_words.contains(&&*t.lower)
    };
    let joins_a_system = toks.windows(2).any(|w| joins(&w[0]) && a_system(&w[1]));
    let integration = early || (joins_a_system && toks.iter().any(&integrates));

    Some(Features {
        sentence,
        toks,
        first_word,
        negation_start,
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
    })
}

/// The topic terms of a text's tokens: stemmed, synonyms folded, without
/// stop words, strength markers, numbers or units; each once, in order.
/// "It is best to …", "It's important that …", "It wouldn't be fair if …":
/// an "it" that stands for the clause after it, not for our product. Read
/// from the sentence's form: "it", a form of "be" (with an optional modal
/// or negation), one word, then "to", "that", "if", "when" or "for".
fn expletive_it(toks: &[Token]) -> bool {
    let words: Vec<&str> = toks
        .iter()
        .filter(|t| t.is_word())
        .take(7)
        .map(|t| &*t.lower)
        .collect();
    let Some(start) = words.iter().position(|w| *w == "it" || *w == "it's") else {
        return false;
    };
    let mut i = start + 1;
    if words[start] == "it" {
        while i < words.len()
            && matches!(
                words[i],
                "would"
                    | "will"
                    | "can"
                    | "could"
                    | "may"
                    | "might"
                    | "should"
                    | "wouldn't"
                    | "won't"
                    | "isn't"
                    | "wasn't"
                    | "not"
            )
        {
            i += 1;
        }
        if !words
            .get(i)
            .is_some_and(|w| matches!(*w, "is" | "was" | "be" | "isn't" | "wasn't"))
        {
            // "it wouldn't be": the negated modal already stood for "be".
            if !words
                .get(i.saturating_sub(1))
                .is_some_and(|w| w.ends_with("n't"))
            {
                return false;
            }
        } else {
            i += 1;
        }
    }
    while words
        .get(i)
        .is_some_and(|w| matches!(*w, "very" | "really" | "so" | "not" | "be"))
    {
        i += 1;
    }
    words
        .get(i + 1)
        .is_some_and(|w| matches!(*w, "to" | "that" | "if" | "when" | "for"))
}

/// The topic terms of a table row's other cells, for a cell stating a
/// figure: a pricing row's "Dedicated IP, custom objects, SSO" is what its
/// "$1,500/month" buys. Questions and quotations (a battlecard's "ask the
/// competitor" column) are not the row's topic.
pub fn row_terms(lex: &Lexicon, cells: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for cell in cells {
        if is_question(cell) || is_quoted(cell) {
            continue;
        }
        let mut toks = tokenize(cell);
        lex.classify(&mut toks);
        for term in analyse_terms(lex, &toks) {
            if !out.contains(&term) {
                out.push(term);
            }
        }
    }
    out
}

fn analyse_terms(lex: &Lexicon, toks: &[Token]) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut stem_buf = String::new();
    let mut add = |term: &str| {
        if !terms.iter().any(|t| t == term) {
            terms.push(term.to_string());
        }
    };
    let mut i = 0;
    while i < toks.len() {
        if let Some((n, p)) = lex.synonym_phrases.match_at(toks, i) {
            add(&lex.phrase_canon[p]);
            i += n;
            continue;
        }
        let t = &toks[i];
        i += 1;
        if !t.is_word() || t.lower.chars().nth(1).is_none() {
            continue;
        }
        let w = &*t.lower;
        if lex.is(t, class::NOT_TERM) || w.ends_with("n't") {
            continue;
        }
        add(lex.term_in(w, &mut stem_buf));
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<'a>(lex: &Lexicon, sentence: &'a str, lowered: &'a str) -> Option<Features<'a>> {
        analyse(lex, sentence, lowered, &OurWords::default(), false)
    }

    #[test]
    fn a_superlative_is_told_by_its_form_after_the() {
        let lex = Lexicon::builtin();
        let ranks = |text: &str| {
            let lower = text.to_ascii_lowercase();
            read(&lex, text, &lower).is_some_and(|f| f.superlative)
        };
        // Not in the word list, but "the" + "-est" and asserted of the subject.
        assert!(ranks(
            "Our ELD has the fewest malfunctions of any provider."
        ));
        assert!(ranks("Acme is the quickest way to close the books."));
        // Words that end so without ranking anything.
        assert!(!ranks("Acme is the request queue your team already knows."));
        assert!(!ranks("It is the latest release of the platform."));
        // Not asserted of anything.
        assert!(!ranks("Pick the quickest route for each delivery today."));
    }

    /// The opening words are tested before the rest is tokenised: those
    /// rejections must not depend on what follows, and a sentence that
    /// passes them must still be read to its end.
    #[test]
    fn the_opening_words_reject_before_the_rest_is_read() {
        let lex = Lexicon::builtin();
        for s in [
            "If you need more than 80% of invoices automated, we will guarantee it.",
            "Good morning, we cut invoice processing time by 80% for every customer.",
            "** Check that we never lose more than 2% of your invoices.",
            "\"…\" Avoid promising 3x faster setup than PayFlow to any prospect.",
        ] {
            let lowered = s.to_ascii_lowercase();
            assert!(read(&lex, s, &lowered).is_none(), "{s}");
        }
        let s = "* We cut invoice processing time by 80%, and it never breaks.";
        let lowered = s.to_ascii_lowercase();
        let f = read(&lex, s, &lowered).expect("a claim");
        assert_eq!(f.quantities.len(), 1);
        assert!(f.negated && f.about_us && f.decrease);
        assert_eq!(f.toks.last().map(|t| &*t.lower), Some("."));
        let s = "Check that we never lose more than 2% of your invoices.";
        let lowered = s.to_ascii_lowercase();
        assert!(analyse(&lex, s, &lowered, &OurWords::default(), true).is_some());
    }

    #[test]
    fn a_no_that_answers_the_prospect_denies_nothing() {
        let lex = Lexicon::builtin();
        let read = |s: &str| {
            let lowered = s.to_ascii_lowercase();
            let f = analyse(
                &lex,
                s,
                &lowered,
                &OurWords {
                    names: &["acme"],
                    parts: &[],
                },
                true,
            )
            .expect("a claim");
            (f.negated, f.negated_terms(&lex))
        };
        assert!(!read("No problem, we handle payroll as well.").0);
        assert!(!read("No, Acme runs on your own servers.").0);
        // A denial of its own still counts.
        assert!(read("No, we don't support SCADA systems.").0);
        assert!(read("No setup fees, ever.").0);
        assert!(read("We do not offer payroll.").0);
    }
}
