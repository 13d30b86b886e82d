//! Sentence segmentation with exact byte spans. A period ends a sentence
//! unless it follows an abbreviation ("e.g.", "Inc.", "vs.") or an initial,
//! sits inside a number ("3.5", "$1.2M"), or the next word starts in lower
//! case. Semicolons end a clause, which is checked like a sentence.

use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::ops::Range;

const CLOSERS: &[char] = &['"', '\'', '\u{201d}', '\u{2019}', ')', ']', '*', '_'];

/// Byte ranges of the sentences of `text`, trimmed of surrounding white space.
pub fn split(text: &str, abbreviations: &FxHashSet<String>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    // Where to look for the next terminator.
    let mut pos = 0;
    // Skip to the next byte that can begin a terminator (ASCII, or the lead
    // byte of "…", "。", "！", "？") without decoding every char.
    while let Some(skip) = bytes[pos..]
        .iter()
        .position(|b| matches!(b, b'.' | b'!' | b'?' | b';' | b':' | 0xE2 | 0xE3 | 0xEF))
    {
        let i = pos + skip;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        pos = i + c.len_utf8();
        let is_end = matches!(
            c,
            '.' | '!' | '?' | '\u{2026}' | ';' | ':' | '。' | '！' | '？'
        );
        if !is_end {
            continue;
        }
        // Swallow repeated terminators and closing quotes/brackets.
        let mut end = pos;
        for d in text[end..].chars() {
            if matches!(d, '.' | '!' | '?') || CLOSERS.contains(&d) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        pos = end;
        let rest = &text[end..];
        let next_char = rest.trim_start().chars().next();
        let at_end = next_char.is_none();
        let followed_by_space = rest.starts_with(char::is_whitespace) || rest.is_empty();
        if !followed_by_space && !matches!(c, '。' | '！' | '？') {
            continue; // "3.5", "$1.2M", "e.g.x", "example.com"
        }
        if c == '.' && !at_end {
            let word_start = text[..i]
                .char_indices()
                .rev()
                .find(|&(_, ch)| ch.is_whitespace() || ch == '(' || ch == '"')
                .map_or(0, |(p, ch)| p + ch.len_utf8());
            let raw = &text[word_start..i];
            // Most words before a full stop are already lower case.
            let word = if raw.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
                Cow::Owned(raw.to_lowercase())
            } else {
                Cow::Borrowed(raw)
            };
            let word = word.trim_start_matches(|ch: char| !ch.is_alphanumeric());
            let initial = word.chars().count() == 1
                && text[word_start..i]
                    .chars()
                    .last()
                    .is_some_and(char::is_uppercase);
            if abbreviations.contains(word) || initial {
                continue;
            }
            if next_char.is_some_and(|ch| ch.is_lowercase()) {
                continue;
            }
        }
        if c == ':' && !next_char.is_some_and(|ch| ch.is_uppercase()) {
            continue; // "ratio: 3 to 1", a time, a URL scheme
        }
        if c == ':' && text[..i].split_whitespace().count() > 6 {
            continue; // a sentence that introduces what follows
        }
        if matches!(c, ';' | ':') && next_char.is_some_and(|ch| ch.is_lowercase()) {
            // A clause: "does not replace your ERP; it works alongside it".
            push(&mut out, text, start, i);
            start = end;
            continue;
        }
        push(&mut out, text, start, end);
        start = end;
    }
    push(&mut out, text, start, text.len());
    out
}

fn push(out: &mut Vec<Range<usize>>, text: &str, start: usize, end: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(start + lead..end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Lexicon;

    fn sentences(text: &str) -> Vec<&str> {
        let lex = Lexicon::builtin();
        split(text, &lex.abbreviations)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn splits_on_terminators_and_keeps_spans_exact() {
        assert_eq!(
            sentences("Setup takes a day. Is it fast? Yes!  Very."),
            ["Setup takes a day.", "Is it fast?", "Yes!", "Very."]
        );
    }

    #[test]
    fn does_not_split_abbreviations_numbers_or_initials() {
        assert_eq!(
            sentences("Tools, e.g. Slack, work. Acme Inc. Is a vendor vs. PayFlow. It costs $1.2M or 3.5 days. J. R. Smith said so."),
            [
                "Tools, e.g. Slack, work.",
                "Acme Inc. Is a vendor vs. PayFlow.",
                "It costs $1.2M or 3.5 days.",
                "J. R. Smith said so."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("She said \"we're live.\" Then we left."),
            ["She said \"we're live.\"", "Then we left."]
        );
    }

    #[test]
    fn semicolons_split_clauses() {
        assert_eq!(
            sentences("Ledgerly does not replace your ERP; it works alongside it."),
            [
                "Ledgerly does not replace your ERP",
                "it works alongside it."
            ]
        );
    }

    #[test]
    fn multibyte_spaces_and_marks_never_break_offsets() {
        let text =
            "Hi\u{a0}there. We\u{a0}ship.\u{2003}Now\u{a0}e.g.\u{a0}this. Ünï. «Ça» va. 🙂. Done";
        for r in split(text, &Lexicon::builtin().abbreviations) {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        }
        assert_eq!(
            sentences("Hi\u{a0}there. We ship."),
            ["Hi\u{a0}there.", "We ship."]
        );
    }

    #[test]
    fn a_short_label_before_a_colon_is_its_own_piece() {
        assert_eq!(
            sentences("When it makes sense: Almost always. Ratio: 3 to 1."),
            ["When it makes sense:", "Almost always.", "Ratio: 3 to 1."]
        );
    }

    #[test]
    fn cjk_full_stops_split() {
        assert_eq!(
            sentences("導入します。速いです。"),
            ["導入します。", "速いです。"]
        );
    }
}
