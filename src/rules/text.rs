//! Text normalisation for matching, with a map back to the original text.
//!
//! Sales copy is typed in word processors: curly apostrophes, non-breaking
//! hyphens and spaces, line breaks inside a sentence. Terms are folded the
//! same way as the text, so "don't" matches "don’t" and "risk free" matches a
//! line break between the words. Case folding uses Unicode lowercase
//! mappings, which can change byte lengths (`İ` → `i̇`), hence the map.

use std::ops::Range;

/// A text folded for matching and where each folded character came from.
#[derive(Debug, Default)]
pub struct Folded {
    pub text: String,
    /// (folded offset, original offset) at the start of every original
    /// character that produced output, plus one final (len, len) pair.
    starts: Vec<(usize, usize)>,
}

/// What a character becomes; `None` drops it.
fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{2033}' => Some('"'),
        '\u{2010}' | '\u{2011}' => Some('-'),
        // Soft hyphen and zero-width characters are invisible to a reader.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        c if c.is_whitespace() => Some(' '),
        c => Some(c),
    }
}

/// Fold `text`: typographic variants to ASCII, whitespace runs to one
/// space, and (if `lowercase`) Unicode lowercase.
pub fn fold(text: &str, lowercase: bool) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        starts: Vec::with_capacity(text.len() + 1),
    };
    for (offset, c) in text.char_indices() {
        let Some(f) = fold_char(c) else { continue };
        if f == ' ' && out.text.ends_with(' ') {
            continue;
        }
        out.starts.push((out.text.len(), offset));
        if lowercase {
            out.text.extend(f.to_lowercase());
        } else {
            out.text.push(f);
        }
    }
    out.starts.push((out.text.len(), text.len()));
    out
}

/// Fold a term the way `fold` folds text; edges trimmed.
pub fn fold_term(term: &str, lowercase: bool) -> String {
    fold(term.trim(), lowercase).text
}

impl Folded {
    /// The original range of a folded range, or `None` when either end falls
    /// inside one character's expansion (a match on half of a ligature).
    pub fn to_original(&self, range: Range<usize>) -> Option<Range<usize>> {
        let find = |f: usize| {
            self.starts
                .binary_search_by_key(&f, |&(folded, _)| folded)
                .ok()
                .map(|i| self.starts[i].1)
        };
        Some(find(range.start)?..find(range.end)?)
    }
}

/// Letters, digits and connectors: the characters a word is made of.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Scripts written without spaces between words (Chinese, Japanese, Thai…)
/// and Korean, whose particles attach to nouns. In these, a term is a word
/// wherever it occurs; demanding spaces around it would never match.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1100..=0x11FF // Hangul Jamo
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x3130..=0x318F // Hangul compatibility Jamo
        | 0x31F0..=0x31FF // Katakana extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xAC00..=0xD7AF // Hangul syllables
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF66..=0xFF9F // half-width Katakana
        | 0x20000..=0x3134F // CJK extensions B–G
    )
}

/// Would two adjacent characters be one word, so that a match may not end
/// between them?
fn joins(a: char, b: char) -> bool {
    is_word_char(a) && is_word_char(b) && !is_unspaced_script(a) && !is_unspaced_script(b)
}

/// Does `range` of `text` start and end at word boundaries? An edge that is
/// not a word character (`#1`, `!`) needs no boundary.
pub fn at_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let matched = &text[range.clone()];
    let (Some(first), Some(last)) = (matched.chars().next(), matched.chars().next_back()) else {
        return false;
    };
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(|b| joins(b, first)) && !after.is_some_and(|a| joins(last, a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_typography_whitespace_and_case() {
        let f = fold("Don\u{2019}t  WAIT\u{00A0}now", true);
        assert_eq!(f.text, "don't wait now");
        // "wait" in folded text is bytes 6..10; in the original, after a
        // 3-byte apostrophe and a double space, it is 9..13.
        assert_eq!(f.to_original(6..10), Some(9..13));
        assert_eq!(f.to_original(0..f.text.len()), Some(0..18));
    }

    #[test]
    fn lowercase_that_changes_length_maps_back() {
        // 'İ' (2 bytes) lowercases to "i̇" (3 bytes).
        let f = fold("İstanbul GARANTİ", true);
        let start = f.text.find("garant").unwrap();
        let orig = f.to_original(start..f.text.len()).unwrap();
        assert_eq!(&"İstanbul GARANTİ"[orig], "GARANTİ");
        // Half of the expansion of 'İ' is not a match.
        assert_eq!(f.to_original(0..1), None);
    }

    #[test]
    fn boundaries_respect_words_but_not_unspaced_scripts() {
        let t = "guarantees guarantee #12 #1 réussite";
        assert!(!at_word_boundaries(t, &(0..9)));
        assert!(at_word_boundaries(t, &(11..20)));
        assert!(!at_word_boundaries(t, &(21..23)), "#1 inside #12");
        assert!(at_word_boundaries(t, &(25..27)));
        let ja = "100%保証します";
        let s = ja.find("保証").unwrap();
        assert!(at_word_boundaries(ja, &(s..s + "保証".len())));
        // Accented letters are word characters: "ussite" is inside a word.
        let r = t.find("ussite").unwrap();
        assert!(!at_word_boundaries(t, &(r..t.len())));
    }
}
