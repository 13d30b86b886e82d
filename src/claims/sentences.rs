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
    while let Some(skip) = bytes[pos..].iter().position(|b| {
        matches!(
            b,
            b'.' | b'!' | b'?' | b';' | b':' | b'\n' | 0xE2 | 0xE3 | 0xEF
        )
    }) {
        let i = pos + skip;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        pos = i + c.len_utf8();
        if c == '\n' {
            // Markdown keeps a newline only between lines read one by one.
            push(&mut out, text, start, i);
            start = pos;
            continue;
        }
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

/// Words that open an independent clause: subject pronouns and determiners
/// of our side, the prospect's and a third party's (a closed class of the
/// grammar, not a domain list).
const CLAUSE_SUBJECTS: &[&str] = &[
    "all", "each", "every", "few", "i", "it", "it's", "it'll", "many", "most", "our", "some",
    "there", "there's", "they", "they'll", "they're", "this", "we", "we'd", "we'll", "we're",
    "we've", "you", "you'll", "you're", "your",
];
/// Conjunctions that, after a comma, join two clauses.
const CLAUSE_JOINS: &[&str] = &["and", "but", "so", "yet"];
/// Each side of a split has at least this many words.
const MIN_CLAUSE_WORDS: usize = 3;
/// Without a subject word after the separator, each side needs this many
/// words: a short list after a colon ("two plans: Basic and Pro") stays whole.
const SEPARATED_CLAUSE_WORDS: usize = 5;

/// The clauses of one sentence (`range` in `text`): a sentence joining two
/// statements, each with its own subject ("Tillory calculates sales tax,
/// and we file it for you"; "There is no agent to deploy: we work from your
/// EDR"; "It's Part 11 certified, so your auditors won't ask"), is checked
/// one statement at a time. The second clause starts at its subject.
/// `names` are our product names' words, lower case, which open a clause too.
pub fn clauses(text: &str, range: Range<usize>, names: &[&str]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    // Word starts and ends in the sentence, as byte offsets in `text`.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut at = None;
    for (i, c) in text[range.clone()].char_indices() {
        let i = range.start + i;
        let part = c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-';
        match (part, at) {
            (true, None) => at = Some(i),
            (false, Some(s)) => {
                words.push((s, i));
                at = None;
            }
            _ => {}
        }
    }
    if let Some(s) = at {
        words.push((s, range.end));
    }
    let lower = |(s, e): (usize, usize)| text[s..e].to_lowercase().replace('\u{2019}', "'");
    let opens = |w: (usize, usize)| {
        let w = lower(w);
        CLAUSE_SUBJECTS.contains(&w.as_str()) || names.contains(&w.as_str())
    };
    let mut first_word = 0;
    for k in 1..words.len() {
        let between = &text[words[k - 1].1..words[k].0];
        let next = words[k];
        let (joined, subject) =
            if between.trim() == "," && CLAUSE_JOINS.contains(&lower(next).as_str()) {
                match words.get(k + 1) {
                    Some(&w) if text[next.1..w.0].trim().is_empty() => (true, w),
                    _ => continue,
                }
            } else if matches!(between.trim(), ":" | ";" | "\u{2014}" | "\u{2013}" | "--") {
                (false, next)
            } else {
                continue;
            };
        let subject_index = if joined { k + 1 } else { k };
        let left_words = k - first_word;
        let right_words = words.len() - subject_index;
        // After a colon, semicolon or dash a long enough stretch is a
        // statement of its own even without a subject pronoun first ("You
        // won't be waiting on us: with Bramble, coverage starts the same day").
        let statement = !joined
            && left_words >= SEPARATED_CLAUSE_WORDS
            && right_words >= SEPARATED_CLAUSE_WORDS;
        if !opens(subject) && !statement {
            continue;
        }
        if left_words < MIN_CLAUSE_WORDS || right_words < MIN_CLAUSE_WORDS {
            continue;
        }
        push(&mut out, text, start, words[k - 1].1);
        start = subject.0;
        first_word = subject_index;
    }
    push(&mut out, text, start, range.end);
    out
}

/// The longest run read as one sentence, in bytes. Real sentences stay far
/// below it (a long one is 400 bytes); text without full stops (a pasted
/// export, a minified line) would otherwise become one claim holding every
/// figure and name of the file, which each later stage walks whole.
pub const MAX_SENTENCE_BYTES: usize = 2_000;

fn push(out: &mut Vec<Range<usize>>, text: &str, mut start: usize, end: usize) {
    loop {
        let piece = &text[start..end];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if lead + trail >= piece.len() {
            return;
        }
        let (from, to) = (start + lead, end - trail);
        if to - from <= MAX_SENTENCE_BYTES {
            out.push(from..to);
            return;
        }
        // Cut an overlong run at its last space inside the limit, so each
        // piece is read as a sentence of its own.
        let mut limit = from + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let cut = text[from..limit]
            .rfind(char::is_whitespace)
            .filter(|&at| at > 0)
            .map_or(limit, |at| from + at);
        out.push(from..cut);
        start = cut;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clauses_of<'a>(text: &'a str, names: &[&str]) -> Vec<&'a str> {
        clauses(text, 0..text.len(), names)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn a_run_without_full_stops_is_cut_into_sentences_at_spaces() {
        let text = "Acme Flow cuts costs by 50% ".repeat(500);
        let pieces = split(&text, &FxHashSet::default());
        assert!(pieces.len() >= text.len() / MAX_SENTENCE_BYTES);
        for piece in &pieces {
            assert!(piece.len() <= MAX_SENTENCE_BYTES);
            let piece = &text[piece.clone()];
            assert!(!piece.starts_with(' ') && !piece.ends_with(' '));
        }
        // Every word is kept: the pieces cover the text but for spaces.
        let joined: String = pieces
            .iter()
            .map(|r| &text[r.clone()])
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, text.trim_end());
    }

    #[test]
    fn a_quantified_subject_opens_a_clause() {
        assert_eq!(
            clauses_of(
                "Every site is different, but most customers are onboarded within two weeks.",
                &[]
            ),
            vec![
                "Every site is different",
                "most customers are onboarded within two weeks."
            ]
        );
    }

    #[test]
    fn a_sentence_of_two_statements_is_two_clauses() {
        assert_eq!(
            clauses_of(
                "Tillory calculates sales tax at checkout, and we file it for you as well.",
                &[]
            ),
            vec![
                "Tillory calculates sales tax at checkout",
                "we file it for you as well."
            ]
        );
        assert_eq!(
            clauses_of(
                "There is no agent to deploy: we work from the EDR you run.",
                &[]
            ),
            vec![
                "There is no agent to deploy",
                "we work from the EDR you run."
            ]
        );
        assert_eq!(
            clauses_of(
                "Our stalls deliver 350 kW, and Juniper runs every site.",
                &["juniper"]
            ),
            vec!["Our stalls deliver 350 kW", "Juniper runs every site."]
        );
        // A list or a short lead-in is one statement.
        for one in [
            "It works with Salesforce, HubSpot, and the Dynamics app.",
            "No problem, we handle payroll as well.",
            "Yes, and we file it.",
            "Grow: $79 per month, or $790 per year.",
        ] {
            assert_eq!(clauses_of(one, &[]), vec![one]);
        }
    }
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
