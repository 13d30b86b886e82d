//! Speaker labels (`Rep:`, `**Prospect:**`, `AE (Sam):`) at the start of a
//! block. A label holds for its block and the unlabelled blocks after it until
//! the next label or heading; text before any label, and files without labels,
//! are ours.
//!
//! Handbooks are full of `term: definition` lists (`- **customer**: issues
//! reported by a customer`), so a label only marks dialogue when the file has
//! at least two speaker turns, any other `Word:` label ends the current turn,
//! and table cells never pass a speaker on (tables are data, not dialogue).

use super::{Block, BlockKind, Side};
use crate::markdown::Speakers;

/// Labels are short; a colon further in is part of a sentence.
const MAX_LABEL_CHARS: usize = 40;

/// A `term:` label has at most this many words.
const MAX_LABEL_WORDS: usize = 4;

/// A file needs this many speaker labels before any of them counts.
const MIN_TURNS: usize = 2;

/// A label found at the start of a block's text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Label {
    /// The name as written, without any parenthetical (`Rep` in `Rep (Sam):`).
    pub name: String,
    /// The speaker's side; None for a label that names no speaker (`Note:`).
    pub side: Option<Side>,
    /// Bytes of text the label and the blank after it occupy.
    pub len: usize,
}

/// The `Name:` label at the start of `text`, if there is one.
pub(crate) fn label(text: &str, speakers: &Speakers) -> Option<Label> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let (colon, colon_len) = label_colon(rest)?;
    let after = &rest[colon + colon_len..];
    // `10:30`, `https://…` and `a:b` are not labels.
    // (CJK text puts no space after a full-width colon.)
    if colon_len == 1 && after.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    let head = &rest[..colon];
    let name = head.split('(').next().unwrap_or(head).trim();
    if !name.chars().any(char::is_alphabetic)
        || name.split_whitespace().count() > MAX_LABEL_WORDS
        || name.contains(['.', ',', '!', '?', ';', '。', '、'])
    {
        return None;
    }
    // Only a name that is ASCII or holds a Kelvin sign can equal an ASCII
    // speaker (see `same_name`); checked once rather than per speaker.
    let ascii_like = name.is_ascii() || name.contains(KELVIN);
    let is = |list: &[String]| {
        list.iter().any(|s| {
            let s = s.trim();
            (ascii_like || !s.is_ascii()) && same_name(s, name)
        })
    };
    let side = if is(&speakers.ours) {
        Some(Side::Ours)
    } else if is(&speakers.theirs) {
        Some(Side::Theirs)
    } else {
        None
    };
    let blank = after.len() - after.trim_start().len();
    Some(Label {
        name: name.to_string(),
        side,
        len: lead + colon + colon_len + blank,
    })
}

/// The first `:` or `：` among the first `MAX_LABEL_CHARS` characters of
/// `text`: (byte offset, byte length). Searched as bytes: neither colon's
/// bytes occur inside another character's encoding.
fn label_colon(text: &str) -> Option<(usize, usize)> {
    const WIDE: &[u8] = "：".as_bytes();
    let bytes = &text.as_bytes()[..text.len().min(MAX_LABEL_CHARS * 4)];
    let ascii = bytes.iter().position(|&b| b == b':');
    let wide = bytes.windows(WIDE.len()).position(|w| w == WIDE);
    let (at, len) = match (ascii, wide) {
        (Some(a), Some(w)) if w < a => (w, WIDE.len()),
        (Some(a), _) => (a, 1),
        (None, Some(w)) => (w, WIDE.len()),
        (None, None) => return None,
    };
    (text[..at].chars().count() < MAX_LABEL_CHARS).then_some((at, len))
}

const KELVIN: char = '\u{212A}';

/// Case-insensitive comparison without allocating (runs on most blocks).
fn same_name(a: &str, b: &str) -> bool {
    match (a.is_ascii(), b.is_ascii()) {
        (true, true) => return a.eq_ignore_ascii_case(b),
        // An ASCII name lower-cases to ASCII; of all other characters only
        // the Kelvin sign does (`k`), so without it the names differ.
        (true, false) if !b.contains(KELVIN) => return false,
        (false, true) if !a.contains(KELVIN) => return false,
        _ => {}
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// Set `speaker` and `side` on blocks in document order and strip speaker
/// labels from their text.
pub(crate) fn assign(blocks: &mut [Block], speakers: &Speakers) {
    let labels: Vec<Option<Label>> = blocks
        .iter()
        .map(|b| match b.kind {
            BlockKind::Heading => None,
            _ => label(&b.text, speakers),
        })
        .collect();
    let turns = labels
        .iter()
        .filter(|l| l.as_ref().is_some_and(|l| l.side.is_some()))
        .count();
    let dialogue = turns >= MIN_TURNS;
    let mut current: Option<(String, Side)> = None;
    for (block, found) in blocks.iter_mut().zip(labels) {
        // Any label ends the current turn; only a speaker's starts a new one.
        let labelled = found.is_some();
        let own = match found {
            Some(Label {
                name,
                side: Some(side),
                len,
            }) if dialogue => {
                block.text.drain(..len);
                block.map.drop_prefix(len);
                Some((name, side))
            }
            _ => None,
        };
        let speaker = match block.kind {
            BlockKind::Heading => {
                current = None;
                None
            }
            BlockKind::Table => own,
            _ => {
                if labelled {
                    current = own;
                }
                current.clone()
            }
        };
        block.side = speaker.as_ref().map_or(Side::Ours, |(_, side)| *side);
        block.speaker = speaker.map(|(name, _)| name);
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_labels_case_insensitively_with_parentheticals() {
        let s = Speakers::default();
        let l = label("Rep: Hello there", &s).unwrap();
        assert_eq!(
            (l.name.as_str(), l.side, l.len),
            ("Rep", Some(Side::Ours), 5)
        );
        let l = label("prospect (CFO): We use spreadsheets.", &s).unwrap();
        assert_eq!((l.name.as_str(), l.side), ("prospect", Some(Side::Theirs)));
        assert_eq!(
            &"prospect (CFO): We use spreadsheets."[l.len..],
            "We use spreadsheets."
        );
        assert_eq!(label("AE：はい", &s).unwrap().len, "AE：".len());
    }

    #[test]
    fn same_name_fast_paths_agree_with_full_lower_casing() {
        // The shortcut for ASCII against non-ASCII names relies on this.
        let to_ascii: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && c.to_lowercase().all(|l| l.is_ascii()))
            .collect();
        assert_eq!(to_ascii, vec![KELVIN]);
        assert!(same_name("Rep", "rEP") && !same_name("Rep", "Reps"));
        assert!(same_name("\u{212A}AM", "kam") && same_name("kam", "\u{212A}AM"));
        assert!(!same_name("Rep", "Rép") && !same_name("営業", "Rep"));
        assert!(same_name("Ärztin", "äRZTIN") && same_name("営業", "営業"));
    }

    #[test]
    fn the_colon_is_found_within_the_first_characters_only() {
        let by_chars = |t: &str| {
            t.char_indices()
                .take(MAX_LABEL_CHARS)
                .find(|&(_, c)| c == ':' || c == '：')
                .map(|(i, c)| (i, c.len_utf8()))
        };
        let samples = [
            "Rep: hi".to_string(),
            "営業：はい".to_string(),
            "a：b:c".to_string(),
            "a:b：c".to_string(),
            format!("{}: late", "x".repeat(MAX_LABEL_CHARS)),
            format!("{}: just in", "x".repeat(MAX_LABEL_CHARS - 1)),
            format!("{}：late", "日".repeat(MAX_LABEL_CHARS)),
            format!("{}：just in", "日".repeat(MAX_LABEL_CHARS - 1)),
            format!("{}: late", "🙂".repeat(MAX_LABEL_CHARS)),
            "no colon at all".to_string(),
            String::new(),
        ];
        for t in &samples {
            assert_eq!(label_colon(t), by_chars(t), "{t}");
        }
    }

    #[test]
    fn unknown_labels_and_late_colons_are_not_speakers() {
        let s = Speakers::default();
        assert_eq!(
            label("Note: pricing changes in May", &s).unwrap().side,
            None
        );
        assert_eq!(label("No colon here", &s), None);
        assert_eq!(label("At 10:30 we met", &s), None);
        assert_eq!(label("See https://acme.example", &s), None);
        assert_eq!(label("So, Rep: later", &s), None);
        assert_eq!(
            label("This is a long sentence that mentions a Rep: later", &s),
            None
        );
    }

    #[test]
    fn configured_labels_replace_the_defaults() {
        let s = Speakers {
            ours: vec!["営業".into()],
            theirs: vec!["お客様".into()],
        };
        assert_eq!(
            label("お客様: 高いですね", &s).unwrap().side,
            Some(Side::Theirs)
        );
        assert_eq!(label("Rep: hi", &s).unwrap().side, None);
    }

    fn blocks(texts: &[(BlockKind, &str)]) -> Vec<Block> {
        texts
            .iter()
            .map(|(kind, text)| Block::whole(*kind, text))
            .collect()
    }

    fn sides(bs: &[Block]) -> Vec<(&str, Side)> {
        bs.iter().map(|b| (b.text.as_str(), b.side)).collect()
    }

    #[test]
    fn definition_lists_are_not_dialogue() {
        use BlockKind::List;
        // One speaker-like label in a list of term definitions: no dialogue.
        let mut bs = blocks(&[
            (List, "roadmap: planned work"),
            (List, "customer: issues a customer reported"),
            (List, "spike: time-boxed investigation"),
        ]);
        assign(&mut bs, &Speakers::default());
        assert!(bs
            .iter()
            .all(|b| b.side == Side::Ours && b.speaker.is_none()));
        assert_eq!(bs[1].text, "customer: issues a customer reported");
    }

    #[test]
    fn other_labels_end_a_turn_and_tables_keep_their_own() {
        use BlockKind::{Paragraph, Table};
        let mut bs = blocks(&[
            (Paragraph, "Prospect: We use spreadsheets."),
            (Paragraph, "Still them."),
            (Paragraph, "Note: ours again."),
            (Paragraph, "Customer: Too expensive."),
            (Table, "Cell without label"),
            (Table, "Rep: cell with label"),
            (Paragraph, "After the table."),
        ]);
        assign(&mut bs, &Speakers::default());
        assert_eq!(
            sides(&bs),
            vec![
                ("We use spreadsheets.", Side::Theirs),
                ("Still them.", Side::Theirs),
                ("Note: ours again.", Side::Ours),
                ("Too expensive.", Side::Theirs),
                ("Cell without label", Side::Ours),
                ("cell with label", Side::Ours),
                ("After the table.", Side::Theirs),
            ]
        );
    }
}
