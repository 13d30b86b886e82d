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
    /// Runs of the folded text, in order, each starting where the previous
    /// one cannot be continued (after a dropped character or a collapsed
    /// space, or at a character whose folding changed its length). Most
    /// text folds character for character, so this stays short where a
    /// table of every character would cost 16 bytes per byte of text.
    runs: Vec<Run>,
    /// Length of the original text: where the end of the folded text maps.
    original_len: usize,
}

/// A stretch of folded text and where it starts in the original.
#[derive(Clone, Copy, Debug)]
struct Run {
    folded: usize,
    original: usize,
    /// Every character of a linear run is its original character's own
    /// length, so offsets inside it map by adding the same distance. Any
    /// other run is one character's folding, mapped at its start only.
    linear: bool,
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

/// The length of the character at `at` if folding leaves it as it is (or,
/// for an ASCII letter, only lowercases it), for the common cases only
/// (`None` sends the character the slow way).
fn kept_len(bytes: &[u8], at: usize) -> Option<usize> {
    let b = *bytes.get(at)?;
    match b {
        // A space stays one after a visible ASCII character; anywhere else
        // it may collapse into the space before it.
        b' ' if at > 0 && bytes[at - 1].is_ascii() && !is_ascii_space(bytes[at - 1]) => Some(1),
        _ if is_ascii_space(b) => None,
        // Lowercase keeps ASCII letters one byte (`fold_from` lowers them).
        0..=0x7f => Some(1),
        // U+3000–U+9FFF (CJK punctuation, kana, ideographs) have no case
        // and no folding, except the ideographic space U+3000.
        0xE3 if bytes.get(at + 1..at + 3) == Some(&[0x80, 0x80]) => None,
        0xE3..=0xE9 => Some(3),
        _ => None,
    }
}

/// The ASCII characters `char::is_whitespace` accepts.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// Fold `text`: typographic variants to ASCII, whitespace runs to one
/// space, and (if `lowercase`) Unicode lowercase.
pub fn fold(text: &str, lowercase: bool) -> Folded {
    let mut out = Folded::default();
    out.fold_from(text, lowercase);
    out
}

/// Fold a term the way `fold` folds text; edges trimmed.
pub fn fold_term(term: &str, lowercase: bool) -> String {
    fold(term.trim(), lowercase).text
}

impl Folded {
    /// Replace the contents with the folding of `text`, keeping the buffers
    /// (one `Folded` serves every block of a document).
    pub fn fold_from(&mut self, text: &str, lowercase: bool) {
        self.text.clear();
        self.runs.clear();
        self.original_len = text.len();
        // Whether the last run is linear and the next character, if it
        // folds to itself in length, continues it.
        let mut open = false;
        let bytes = text.as_bytes();
        let mut offset = 0;
        while offset < bytes.len() {
            // Most characters fold to themselves: copy them a stretch at a time.
            let start = offset;
            while let Some(len) = kept_len(bytes, offset) {
                offset += len;
            }
            if offset > start {
                if !open {
                    self.runs.push(Run {
                        folded: self.text.len(),
                        original: start,
                        linear: true,
                    });
                    open = true;
                }
                let at = self.text.len();
                self.text.push_str(&text[start..offset]);
                if lowercase {
                    self.text[at..].make_ascii_lowercase();
                }
                continue;
            }
            let c = text[offset..]
                .chars()
                .next()
                .expect("offset is a char boundary");
            let len = c.len_utf8();
            match fold_char(c) {
                None => open = false,
                Some(' ') if self.text.ends_with(' ') => open = false,
                Some(f) => {
                    let at = self.text.len();
                    if lowercase {
                        self.text.extend(f.to_lowercase());
                    } else {
                        self.text.push(f);
                    }
                    let one_for_one =
                        self.text.len() - at == len && self.text[at..].chars().nth(1).is_none();
                    if !one_for_one || !open {
                        self.runs.push(Run {
                            folded: at,
                            original: offset,
                            linear: one_for_one,
                        });
                    }
                    open = one_for_one;
                }
            }
            offset += len;
        }
    }

    /// The original offset of the folded character starting at `at`, or of
    /// the end.
    fn original_of(&self, at: usize) -> Option<usize> {
        if at == self.text.len() {
            return Some(self.original_len);
        }
        let run = self.runs[..self.runs.partition_point(|r| r.folded <= at)].last()?;
        let inside = if run.linear {
            self.text.is_char_boundary(at)
        } else {
            at == run.folded
        };
        inside.then(|| run.original + (at - run.folded))
    }

    /// The original range of a folded range, or `None` when either end falls
    /// inside one character's expansion (a match on half of a ligature).
    pub fn to_original(&self, range: Range<usize>) -> Option<Range<usize>> {
        Some(self.original_of(range.start)?..self.original_of(range.end)?)
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

    /// Every offset of the folded text maps as a table of each emitted
    /// character's start would map it.
    #[test]
    fn runs_map_like_a_table_of_every_character() {
        let samples = [
            "",
            "plain ascii\ttext  with\n\nbreaks ",
            "Don\u{2019}t  WAIT\u{00A0}now\u{200B}!",
            "İstanbul GARANTİ ΣΟΦΊΑ straße",
            "\u{feff}全角\u{3000}\u{3000}スペース、保証 100%",
            "a\u{00AD}b\u{200B}\u{200B} \u{2011}c\u{200D}",
            "\u{200B}",
            "x\u{2060}",
            "A\u{00A0} b\u{200B} c  \n d\t\te",
            "漢字\u{3000}かな ＡＢＣ。 ",
            " lead\n",
        ];
        for text in samples {
            for lowercase in [false, true] {
                let f = fold(text, lowercase);
                let (mut table, mut want) = (Vec::new(), String::new());
                for (offset, c) in text.char_indices() {
                    let Some(c) = fold_char(c) else { continue };
                    if c == ' ' && want.ends_with(' ') {
                        continue;
                    }
                    table.push((want.len(), offset));
                    if lowercase {
                        want.extend(c.to_lowercase());
                    } else {
                        want.push(c);
                    }
                }
                table.push((want.len(), text.len()));
                assert_eq!(f.text, want);
                for at in 0..=f.text.len() + 1 {
                    let want = table.iter().find(|(g, _)| *g == at).map(|(_, o)| *o);
                    assert_eq!(f.original_of(at), want, "{text:?} {lowercase} at {at}");
                }
            }
        }
    }

    #[test]
    fn cjk_block_copied_whole_has_no_case_and_no_folding() {
        for c in ('\u{3001}'..='\u{9FFF}').filter(|c| !c.is_whitespace()) {
            assert_eq!(fold_char(c), Some(c), "{c:?}");
            assert!(c.to_lowercase().eq([c]), "{c:?}");
        }
        assert!('\u{3000}'.is_whitespace());
        // Every ASCII whitespace character is one `is_ascii_space` knows.
        for b in 0..0x80u8 {
            assert_eq!(is_ascii_space(b), (b as char).is_whitespace(), "{b}");
        }
    }

    #[test]
    fn a_reused_buffer_forgets_the_previous_text() {
        let mut f = fold("LONG  TEXT\u{2019}S HERE", true);
        f.fold_from("Ab", true);
        assert_eq!(f.text, "ab");
        assert_eq!(f.to_original(0..2), Some(0..2));
        assert_eq!(f.to_original(0..3), None);
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
