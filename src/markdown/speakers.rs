//! Speaker labels (`Rep:`, `**Prospect:**`, `AE (Sam):`) at the start of a
//! block. A label holds for its block and the unlabelled blocks after it until
//! the next label or heading; text before any label, and files without labels,
//! are ours.

use super::{Block, BlockKind, Side};
use crate::config::Speakers;

/// Labels are short; a colon further in is part of a sentence.
const MAX_LABEL_CHARS: usize = 40;

/// A label found at the start of a block's text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Label {
    /// The name as written, without any parenthetical (`Rep` in `Rep (Sam):`).
    pub name: String,
    pub side: Side,
    /// Bytes of text the label and the blank after it occupy.
    pub len: usize,
}

/// The speaker label at the start of `text`, if it names a configured speaker.
pub(crate) fn label(text: &str, speakers: &Speakers) -> Option<Label> {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let (colon, colon_len) = rest
        .char_indices()
        .take(MAX_LABEL_CHARS)
        .find(|&(_, c)| c == ':' || c == '：')
        .map(|(i, c)| (i, c.len_utf8()))?;
    let head = &rest[..colon];
    let name = head.split('(').next().unwrap_or(head).trim();
    if name.is_empty() {
        return None;
    }
    let is = |list: &[String]| {
        list.iter()
            .any(|s| s.trim().to_lowercase() == name.to_lowercase())
    };
    let side = if is(&speakers.ours) {
        Side::Ours
    } else if is(&speakers.theirs) {
        Side::Theirs
    } else {
        return None;
    };
    let after = &rest[colon + colon_len..];
    let blank = after.len() - after.trim_start().len();
    Some(Label {
        name: name.to_string(),
        side,
        len: lead + colon + colon_len + blank,
    })
}

/// Set `speaker` and `side` on blocks in document order and strip labels from their text.
pub(crate) fn assign(blocks: &mut [Block], speakers: &Speakers) {
    let mut current: Option<(String, Side)> = None;
    for block in blocks {
        if block.kind == BlockKind::Heading {
            current = None;
        } else if let Some(found) = label(&block.text, speakers) {
            block.text.drain(..found.len);
            block.map.drop_prefix(found.len);
            current = Some((found.name, found.side));
        }
        match &current {
            Some((name, side)) => {
                block.speaker = Some(name.clone());
                block.side = *side;
            }
            None => {
                block.speaker = None;
                block.side = Side::Ours;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_labels_case_insensitively_with_parentheticals() {
        let s = Speakers::default();
        let l = label("Rep: Hello there", &s).unwrap();
        assert_eq!((l.name.as_str(), l.side, l.len), ("Rep", Side::Ours, 5));
        let l = label("prospect (CFO): We use spreadsheets.", &s).unwrap();
        assert_eq!((l.name.as_str(), l.side), ("prospect", Side::Theirs));
        assert_eq!(
            &"prospect (CFO): We use spreadsheets."[l.len..],
            "We use spreadsheets."
        );
        assert_eq!(label("AE：はい", &s).unwrap().len, "AE：".len());
    }

    #[test]
    fn unknown_labels_and_late_colons_are_not_speakers() {
        let s = Speakers::default();
        assert_eq!(label("Note: pricing changes in May", &s), None);
        assert_eq!(label("No colon here", &s), None);
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
        assert_eq!(label("お客様: 高いですね", &s).unwrap().side, Side::Theirs);
        assert_eq!(label("Rep: hi", &s), None);
    }
}
