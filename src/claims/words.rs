//! Tokens with byte offsets, and a light stemmer for topic terms.

use std::borrow::Cow;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and digits mixed with letters: "G2", "7shifts").
    Word,
    /// Digits with internal `.` or `,` ("2,000", "99.9").
    Number,
    /// Any other single character that is not white space ("$", "%", "-").
    Symbol,
}

/// A token's index in a lexicon's vocabulary (`Lexicon::classify`), so
/// list membership and phrase matching need no string hashing.
/// Prepositions, a closed class of the grammar: what follows one is its
/// object, not the clause's subject or object.
pub(crate) const PREPOSITIONS: &[&str] = &[
    "across", "among", "at", "for", "from", "in", "into", "on", "onto", "to", "with",
];

pub(crate) type WordId = u32;
/// Not looked up yet: lexicon tests fall back to comparing text.
pub(crate) const UNCLASSIFIED: WordId = u32::MAX;
/// Looked up, and in none of the lexicon's lists.
pub(crate) const UNKNOWN: WordId = u32::MAX - 1;

#[derive(Clone, Debug, PartialEq)]
pub struct Token<'a> {
    /// Byte range in the tokenised text.
    pub start: usize,
    pub end: usize,
    /// Lower-cased text, curly apostrophes made straight. Borrowed from the
    /// text when it is already lower-case ASCII, so most tokens cost no allocation.
    pub lower: Cow<'a, str>,
    pub kind: TokenKind,
    /// The original starts with an upper-case letter.
    pub capitalized: bool,
    /// Every letter of the original is upper case (and there are two or more).
    pub all_caps: bool,
    /// The word's id in the lexicon that classified it, or `UNCLASSIFIED`.
    pub(crate) word: WordId,
}

impl Token<'_> {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    pub fn is_number(&self) -> bool {
        self.kind == TokenKind::Number
    }

    /// No space between this token and `next`.
    pub fn touches(&self, next: &Token) -> bool {
        self.end == next.start
    }
}

/// Suffixes that stay attached to a number as their own token ("3x", "10k").
const NUMBER_SUFFIXES: &[&str] = &[
    "x", "k", "m", "mm", "bn", "b", "st", "nd", "rd", "th", "h", "d", "mo", "yr", "yrs", "min", "s",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Split text into tokens. Words keep internal apostrophes ("don't"); numbers
/// keep internal separators ("1,200.50"); everything else is one symbol per
/// character. Hyphens are symbols, so "no-show" is three tokens.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
    let mut tokenizer = Tokenizer::new(text, None);
    while tokenizer.push_next(&mut tokens) {}
    tokens
}

/// The character at byte `at` (a char boundary), decoded only when not ASCII.
fn char_at(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text[at..].chars().next(),
    }
}

/// `tokenize`, a token at a time, so a caller can stop early.
pub(crate) struct Tokenizer<'a> {
    text: &'a str,
    /// `text.to_ascii_lowercase()` (same offsets), when given: ASCII tokens
    /// borrow their lower case from it instead of allocating their own.
    lowered: Option<&'a str>,
    /// Where the next token may start.
    pos: usize,
}

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(text: &'a str, lowered: Option<&'a str>) -> Self {
        Tokenizer {
            text,
            lowered,
            pos: 0,
        }
    }

    /// Push the next token (two for a number with a suffix, "3x"); false at the end.
    pub(crate) fn push_next(&mut self, tokens: &mut Vec<Token<'a>>) -> bool {
        let text = self.text;
        let token = |start, end, kind| make(text, self.lowered, start, end, kind);
        let (start, c) = loop {
            let Some(c) = char_at(text, self.pos) else {
                return false;
            };
            let at = self.pos;
            self.pos += c.len_utf8();
            if !c.is_whitespace() {
                break (at, c);
            }
        };
        if !c.is_alphanumeric() {
            tokens.push(token(start, self.pos, TokenKind::Symbol));
            return true;
        }
        // Extend the run; `prev` is the last character taken into it.
        let mut prev = c;
        while let Some(ch) = char_at(text, self.pos) {
            let takes = ch.is_alphanumeric() || {
                let next = char_at(text, self.pos + ch.len_utf8());
                let prev_digit = prev.is_ascii_digit();
                (is_apostrophe(ch) && next.is_some_and(char::is_alphanumeric) && !prev_digit)
                    || ((ch == '.' || ch == ',')
                        && prev_digit
                        && next.is_some_and(|n| n.is_ascii_digit()))
            };
            if !takes {
                break;
            }
            prev = ch;
            self.pos += ch.len_utf8();
        }
        let end = self.pos;
        let run = &text[start..end];
        if run.starts_with(|c: char| c.is_ascii_digit()) {
            let digits_end = run
                .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
                .unwrap_or(run.len());
            let suffix = &run[digits_end..];
            if digits_end == run.len() {
                tokens.push(token(start, end, TokenKind::Number));
            } else if NUMBER_SUFFIXES
                .iter()
                .any(|s| s.eq_ignore_ascii_case(suffix))
            {
                tokens.push(token(start, start + digits_end, TokenKind::Number));
                tokens.push(token(start + digits_end, end, TokenKind::Word));
            } else {
                tokens.push(token(start, end, TokenKind::Word));
            }
        } else {
            tokens.push(token(start, end, TokenKind::Word));
        }
        true
    }
}

fn make<'a>(
    text: &'a str,
    lowered: Option<&'a str>,
    start: usize,
    end: usize,
    kind: TokenKind,
) -> Token<'a> {
    let raw = &text[start..end];
    // One pass over the bytes: upper-case and all letters, and whether any is not ASCII.
    let (mut upper, mut letters, mut high) = (0, 0, 0u8);
    for b in raw.bytes() {
        upper += usize::from(b.is_ascii_uppercase());
        letters += usize::from(b.is_ascii_alphabetic());
        high |= b;
    }
    let (lower, capitalized, all_caps) = if high.is_ascii() {
        let lower = match lowered {
            Some(l) => Cow::Borrowed(&l[start..end]),
            None if upper > 0 => Cow::Owned(raw.to_ascii_lowercase()),
            None => Cow::Borrowed(raw),
        };
        let capitalized = raw.as_bytes()[0].is_ascii_uppercase();
        (lower, capitalized, letters >= 2 && upper == letters)
    } else {
        let lower = Cow::Owned(raw.to_lowercase().replace('\u{2019}', "'"));
        let mut letters = raw.chars().filter(|c| c.is_alphabetic());
        let all_caps = letters.clone().nth(1).is_some() && letters.all(char::is_uppercase);
        let capitalized = raw.chars().next().is_some_and(char::is_uppercase);
        (lower, capitalized, all_caps)
    };
    Token {
        start,
        end,
        lower,
        kind,
        capitalized,
        all_caps,
        word: UNCLASSIFIED,
    }
}

fn ends_with_double_consonant(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 2
        && b[b.len() - 1] == b[b.len() - 2]
        && !matches!(
            b[b.len() - 1],
            b'a' | b'e' | b'i' | b'o' | b'u' | b'l' | b's' | b'z'
        )
}

/// A light suffix stripper: enough to meet "automates", "automated" and
/// "automation" at one stem. Both sides of every comparison use it, so
/// consistency matters more than linguistic accuracy.
pub fn stem(word: &str) -> String {
    let mut w = String::new();
    stem_into(word, &mut w);
    w
}

/// `stem`, written into `w` (cleared first) to reuse its allocation.
pub(crate) fn stem_into(word: &str, w: &mut String) {
    // `trim_end_matches("'s")`, without building a substring searcher per word.
    let mut word = word;
    while let Some(rest) = word.strip_suffix("'s") {
        word = rest;
    }
    w.clear();
    w.push_str(word);
    // All ASCII letters, so the byte length is the letter count.
    if !w.bytes().all(|c| c.is_ascii_alphabetic()) || w.len() <= 3 {
        return;
    }
    let strip = |w: &mut String, suffix: &str, min_left: usize, add: &str| -> bool {
        if w.len() >= suffix.len() + min_left && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            w.push_str(add);
            true
        } else {
            false
        }
    };
    let plural_s = !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is");
    if !strip(w, "ies", 2, "y") && !strip(w, "sses", 2, "ss") && plural_s {
        strip(w, "s", 3, "");
    }
    let inflected = strip(w, "ing", 3, "") || strip(w, "ied", 2, "y") || strip(w, "ed", 3, "");
    if inflected && ends_with_double_consonant(w) {
        w.pop();
    }
    let _ = strip(w, "ation", 3, "ate")
        || strip(w, "ment", 3, "")
        || strip(w, "ance", 5, "")
        || strip(w, "ence", 5, "")
        || strip(w, "ant", 5, "");
    strip(w, "e", 3, "");
    strip(w, "y", 3, "i");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowers(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|t| t.lower.into_owned())
            .collect()
    }

    #[test]
    fn tokens_keep_numbers_and_contractions_whole() {
        assert_eq!(
            lowers("We don't charge $1,200.50 for 3x—no-shows."),
            [
                "we", "don't", "charge", "$", "1,200.50", "for", "3", "x", "—", "no", "-", "shows",
                "."
            ]
        );
        assert_eq!(
            lowers("It’s 99.9% and 2,000+"),
            ["it's", "99.9", "%", "and", "2,000", "+"]
        );
    }

    #[test]
    fn identifiers_mixing_digits_and_letters_are_words() {
        let t = tokenize("cheaper than 7shifts, a G2 Leader");
        assert_eq!(t[2].lower, "7shifts");
        assert_eq!(t[2].kind, TokenKind::Word);
        assert_eq!(t[5].lower, "g2");
        assert!(t[5].all_caps || t[5].capitalized);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "Ünïcode café 12";
        for t in tokenize(text) {
            assert_eq!(text[t.start..t.end].to_lowercase(), t.lower);
        }
    }

    #[test]
    fn tokens_borrowing_a_lowered_copy_equal_their_own() {
        let text =
            "We’re SOC 2 certified; Ledgerly's API cuts 3x the AP work — ÜBER fast, e.g. IBM.";
        let lowered = text.to_ascii_lowercase();
        let mut borrowed = Vec::new();
        let mut tokenizer = Tokenizer::new(text, Some(&lowered));
        while tokenizer.push_next(&mut borrowed) {}
        assert_eq!(borrowed, tokenize(text));
        assert!(borrowed.iter().any(|t| t.all_caps) && borrowed.iter().any(|t| t.capitalized));
    }

    #[test]
    fn stems_meet_across_inflections() {
        assert_eq!(stem("automates"), stem("automated"));
        assert_eq!(stem("automation"), stem("automate"));
        assert_eq!(stem("invoices"), stem("invoice"));
        assert_eq!(stem("companies"), stem("company"));
        assert_eq!(stem("processing"), stem("processed"));
        assert_eq!(stem("running"), "run");
        assert_eq!(stem("compliance"), stem("compliant"));
        assert_eq!(stem("payments"), stem("pay"));
        assert_eq!(stem("sso"), "sso");
        assert_eq!(stem("customer's"), stem("customers"));
        assert_eq!(stem("it's's"), "it");
    }
}
