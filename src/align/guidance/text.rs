//! Words and quotations of a source slice, with byte ranges, as guidance
//! reads them: "n't" becomes a separate "not" so "don't" and "do not" are
//! one phrase, and a quoted span marks a term (in guidance) or a mention
//! (in sales).

use std::ops::Range;

use crate::claims::words::{stem, tokenize};

/// One word or number.
#[derive(Clone, Debug, PartialEq)]
pub struct Word {
    pub lower: String,
    pub stem: String,
    pub span: Range<usize>,
    /// The original starts with an upper-case letter.
    pub capitalized: bool,
    /// Upper case after the first letter ("SpinSight", "AI", "eAuctionPro"):
    /// a name wherever it stands.
    pub inner_caps: bool,
}

/// The words and numbers of `text`, "n't" split off as "not".
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for t in tokenize(text) {
        if !(t.is_word() || t.is_number()) {
            continue;
        }
        let original = &text[t.start..t.end];
        let inner_caps = original.chars().skip(1).any(char::is_uppercase);
        let lower: &str = &t.lower;
        let push = |out: &mut Vec<Word>, w: &str| {
            out.push(Word {
                lower: w.to_string(),
                stem: stem(w),
                span: t.start..t.end,
                capitalized: t.capitalized,
                inner_caps,
            })
        };
        match lower.strip_suffix("n't") {
            Some(base) if !base.is_empty() => {
                let base = match base {
                    "ca" => "can",
                    "wo" => "will",
                    b => b,
                };
                push(&mut out, base);
                push(&mut out, "not");
            }
            _ => push(&mut out, lower),
        }
    }
    out
}

fn is_open(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{2018}' | '\'')
}

fn closes(open: char, c: char) -> bool {
    match open {
        '"' => c == '"' || c == '\u{201d}',
        '\u{201c}' => c == '\u{201d}' || c == '"',
        '\u{2018}' => c == '\u{2019}',
        '\'' => c == '\'' || c == '\u{2019}',
        _ => false,
    }
}

/// The inner byte ranges of the quotations in `text`. A single quote opens
/// only before a letter and after a non-letter, and closes only after a
/// non-space and before a non-letter, so apostrophes ("don't") are not quotes.
pub fn quotations(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let prev = i.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i + 1).map(|x| x.1);
        let single = c == '\'' || c == '\u{2018}';
        let opens = is_open(c)
            && (!single
                || (!prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric)));
        if !opens {
            i += 1;
            continue;
        }
        let start = at + c.len_utf8();
        let mut j = i + 1;
        let mut found = None;
        while j < chars.len() {
            let (at2, c2) = chars[j];
            let after = chars.get(j + 1).map(|x| x.1);
            let before = chars[j - 1].1;
            let ok = closes(c, c2)
                && (!single
                    || (!before.is_whitespace() && !after.is_some_and(char::is_alphanumeric)));
            if ok {
                found = Some((at2, j));
                break;
            }
            j += 1;
        }
        match found {
            Some((end, j)) => {
                if end > start {
                    out.push(start..end);
                }
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Trim white space, markup and closing punctuation from a term's range.
pub fn trim_term(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let junk = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '*' | '_' | '`' | '.' | ',' | ';' | ':' | '!' | '"' | '\u{201c}' | '\u{201d}'
            )
    };
    let lead = s.len() - s.trim_start_matches(junk).len();
    let trail = s.len() - s.trim_end_matches(junk).len();
    if lead + trail >= s.len() {
        return range.start..range.start;
    }
    range.start + lead..range.end - trail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contractions_split_off_not() {
        let ws: Vec<String> = words("Don't say it; we can't, won't")
            .into_iter()
            .map(|w| w.lower)
            .collect();
        assert_eq!(
            ws,
            ["do", "not", "say", "it", "we", "can", "not", "will", "not"]
        );
    }

    #[test]
    fn quotes_are_found_and_apostrophes_are_not() {
        let t = "Don't call Scout \u{201c}AI\u{201d}, say 'flags' or \"alerts\"; it's Dana's.";
        let q: Vec<&str> = quotations(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(q, ["AI", "flags", "alerts"]);
    }

    #[test]
    fn names_are_told_by_their_inner_capitals() {
        let ws = words("SpinSight AI eAuctionPro Tool");
        let caps: Vec<bool> = ws.iter().map(|w| w.inner_caps).collect();
        assert_eq!(caps, [true, true, true, false]);
    }

    #[test]
    fn terms_lose_their_markup() {
        let t = "**\"Tool.\"** x";
        let r = trim_term(t, 0..11);
        assert_eq!(&t[r], "Tool");
    }
}
