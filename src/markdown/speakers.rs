//! Speaker labels (`Rep:`, `**Prospect:**`, `AE (Sam):`, `Priya (AE):`) at
//! the start of a line. A label holds from its line on, through the rest of
//! its block and the unlabelled blocks after it, until the next label or
//! heading; text before any label, and files without labels, are ours.
//! Transcripts often put turns on consecutive lines, which Markdown joins
//! into one paragraph, so a block whose lines change speaker is split into
//! one block per turn: everything after this stage sees one side per block.
//!
//! Handbooks are full of `term: definition` lists (`- **customer**: issues
//! reported by a customer`), so a label only marks dialogue when the file has
//! at least two speaker turns, and table cells never pass a speaker on
//! (tables are data, not dialogue). Lead-ins that name no speaker
//! (`**Subject:**`, `**Closing line:**`) are not turns: their text belongs to
//! the speaker in force, except that a quote after one is a line for our side
//! to say.

use std::ops::Range;

use super::Speakers;
use super::{Block, BlockKind, LineIndex, Side, Turn};

/// Labels are short; a colon further in is part of a sentence.
const MAX_LABEL_CHARS: usize = 40;

/// A `term:` label has at most this many words.
const MAX_LABEL_WORDS: usize = 4;

/// A file needs this many speaker labels before any of them counts.
const MIN_TURNS: usize = 2;

/// A label found at the start of a line of a block's text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Label {
    /// The name as written, without any parenthetical (`Rep` in `Rep (Sam):`).
    pub name: String,
    /// The listed speaker that decided the side: the name itself, or a role
    /// in its parenthetical (`AE` in `Priya (AE):`); empty without a side.
    pub role: String,
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
    let (name, paren) = match head.split_once('(') {
        Some((name, paren)) => (name.trim(), paren.split(')').next().unwrap_or(paren)),
        None => (head.trim(), ""),
    };
    if !name.chars().any(char::is_alphabetic)
        || name.split_whitespace().count() > MAX_LABEL_WORDS
        || name.contains(['.', ',', '!', '?', ';', '。', '、'])
    {
        return None;
    }
    // The name decides (`Prospect (Lee)`); a name that is no listed speaker
    // may carry its role in the parenthetical (`Priya (AE)`, `Dana (Customer, CFO)`).
    let (role, side) = std::iter::once(name)
        .chain(paren.split([',', '/', ';']).map(str::trim))
        .find_map(|word| Some((word, side_of(word, speakers)?)))
        .map_or(("", None), |(word, side)| (word, Some(side)));
    let blank = after.len() - after.trim_start().len();
    Some(Label {
        name: name.to_string(),
        role: role.to_string(),
        side,
        len: lead + colon + colon_len + blank,
    })
}

/// The side of a listed speaker.
fn side_of(word: &str, speakers: &Speakers) -> Option<Side> {
    if word.is_empty() {
        return None;
    }
    // Only a word that is ASCII or holds a Kelvin sign can equal an ASCII
    // speaker (see `same_name`); checked once rather than per speaker.
    let ascii_like = word.is_ascii() || word.contains(KELVIN);
    let is = |list: &[String]| {
        list.iter().any(|s| {
            let s = s.trim();
            (ascii_like || !s.is_ascii()) && same_name(s, word)
        })
    };
    if is(&speakers.ours) {
        Some(Side::Ours)
    } else if is(&speakers.theirs) {
        Some(Side::Theirs)
    } else {
        // A role of two or three words is its last, the head noun:
        // "Dealer rep" is a rep, "Existing customer" a customer. "We asked
        // every customer: …" is a sentence that runs into a colon.
        let words: Vec<&str> = word.split_whitespace().collect();
        let modifiers = &words[..words.len().saturating_sub(1)];
        let phrase = (2..=3).contains(&words.len())
            && !modifiers.iter().any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "i" | "we" | "you" | "they" | "our" | "my" | "every" | "each"
                )
            });
        if phrase {
            side_of(words[words.len() - 1], speakers)
        } else {
            None
        }
    }
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

/// Quotation marks that open a quoted line.
const OPENING_QUOTES: &[char] = &['"', '“', '„', '«', '‘', '\'', '「', '『'];

/// Set `speaker` and `side` on blocks in document order, strip speaker
/// labels from their text, and split blocks whose lines change speaker. Each
/// block comes with the text offsets where its later source lines begin.
pub(crate) fn assign(
    walked: Vec<(Block, Vec<usize>)>,
    speakers: &Speakers,
    source: &str,
    lines: &LineIndex,
) -> Vec<Block> {
    // Labels at the start of each line; a table cell has one line, a
    // heading none (it ends a turn instead).
    let found: Vec<Vec<(usize, Label)>> = walked
        .iter()
        .map(|(b, starts)| {
            let starts: &[usize] = match b.kind {
                BlockKind::Heading => return Vec::new(),
                BlockKind::Table => &[],
                _ => starts,
            };
            std::iter::once(0)
                .chain(starts.iter().copied())
                .filter_map(|at| Some((at, label(b.text.get(at..)?, speakers)?)))
                .collect()
        })
        .collect();
    let turns = found
        .iter()
        .flatten()
        .filter(|(_, l)| l.side.is_some())
        .count();
    let dialogue = turns >= MIN_TURNS;
    let cx = Cx {
        source,
        lines,
        dialogue,
    };
    let mut current: Option<Turn> = None;
    let mut out = Vec::with_capacity(walked.len());
    for ((mut block, starts), labels) in walked.into_iter().zip(found) {
        match block.kind {
            BlockKind::Heading => {
                current = None;
                out.push(block);
            }
            // A cell's own label holds for the cell alone.
            BlockKind::Table => {
                if let Some((
                    _,
                    Label {
                        name,
                        role,
                        side: Some(side),
                        len,
                    },
                )) = labels.into_iter().next().filter(|_| dialogue)
                {
                    let turn = cx.turn(&block, 0, name, role, side);
                    block.text.drain(..len);
                    block.map.drop_prefix(len);
                    set(&mut block, Some(turn));
                }
                out.push(block);
            }
            _ => cx.split(block, &starts, labels, &mut current, &mut out),
        }
    }
    out
}

/// What splitting a block needs to know about its file.
struct Cx<'a> {
    source: &'a str,
    lines: &'a LineIndex,
    /// Does the file hold enough speaker labels to be dialogue?
    dialogue: bool,
}

/// Where a block's next piece starts: a text offset, the label bytes to
/// strip there, and the speaker from there on.
type Cut = (usize, usize, Option<Turn>);

impl Cx<'_> {
    /// Push `block` as one block per run of lines with the same speaker,
    /// updating the speaker in force.
    fn split(
        &self,
        block: Block,
        starts: &[usize],
        labels: Vec<(usize, Label)>,
        current: &mut Option<Turn>,
        out: &mut Vec<Block>,
    ) {
        let mut cuts: Vec<Cut> = vec![(0, 0, current.clone())];
        let mut labels = labels.into_iter().peekable();
        // Was the line before a quote after a lead-in, said by our side in
        // the other side's turn?
        let mut quoted = false;
        for at in std::iter::once(0).chain(starts.iter().copied()) {
            let here = labels.next_if(|(l_at, _)| *l_at == at).map(|(_, l)| l);
            let cut = match here {
                Some(Label {
                    name,
                    role,
                    side: Some(side),
                    len,
                }) if self.dialogue => {
                    *current = Some(self.turn(&block, at, name, role, side));
                    quoted = false;
                    Some((at, len, current.clone()))
                }
                // `**Closing line:** "…"`: a line for our side to say.
                Some(l)
                    if current.as_ref().is_some_and(|t| t.side == Side::Theirs)
                        && block.text[at + l.len..].starts_with(OPENING_QUOTES) =>
                {
                    quoted = true;
                    Some((at, 0, None))
                }
                // Other lead-ins are text of the speaker in force.
                _ if quoted => {
                    quoted = false;
                    Some((at, 0, current.clone()))
                }
                _ => None,
            };
            match cut {
                // A label on the first line replaces the carried speaker.
                Some(cut) if cut.0 == 0 => cuts[0] = cut,
                Some(cut) => cuts.push(cut),
                None => {}
            }
        }
        if let [(_, strip, speaker)] = &mut cuts[..] {
            let mut block = block;
            block.text.drain(..*strip);
            block.map.drop_prefix(*strip);
            set(&mut block, speaker.take());
            out.push(block);
            return;
        }
        let count = cuts.len();
        let mut cuts = cuts.into_iter().enumerate().peekable();
        while let Some((i, (at, strip, speaker))) = cuts.next() {
            let end = cuts.peek().map_or(block.text.len(), |(_, c)| c.0);
            let span_start = if i == 0 {
                block.span.start
            } else {
                self.line_start(&block, at)
            };
            let text_range =
                at + strip..(at + block.text[at..end].trim_end().len()).max(at + strip);
            let span_end = if i + 1 == count {
                block.span.end
            } else {
                self.text_end(&block, text_range.clone())
            };
            let mut piece = Block {
                kind: block.kind,
                heading_path: block.heading_path.clone(),
                span: span_start..span_end.max(span_start),
                text: block.text[text_range.clone()].to_string(),
                map: block.map.slice(text_range),
                speaker: None,
                side: Side::Ours,
                column: block.column.clone(),
                row: block.row.clone(),
            };
            set(&mut piece, speaker);
            out.push(piece);
        }
    }

    /// The turn a label at text offset `at` of `block` starts.
    fn turn(&self, block: &Block, at: usize, name: String, role: String, side: Side) -> Turn {
        Turn {
            name,
            role,
            side,
            from_line: self.lines.line_of(self.line_start(block, at)),
        }
    }

    /// Source offset where the line at text offset `at` starts, opening
    /// emphasis markers included (`**Rep:**` starts at its first `*`).
    fn line_start(&self, block: &Block, at: usize) -> usize {
        let text = &block.text[at..];
        let first = at + (text.len() - text.trim_start().len());
        let mut start = block.map.to_source(first);
        let bytes = self.source.as_bytes();
        while start > block.span.start && matches!(bytes[start - 1], b'*' | b'_') {
            start -= 1;
        }
        start
    }

    /// Source offset just past the text of `range`, closing emphasis markers
    /// included.
    fn text_end(&self, block: &Block, range: Range<usize>) -> usize {
        let mut end = block.map.range_to_source(range).end;
        let bytes = self.source.as_bytes();
        while end < block.span.end && matches!(bytes[end], b'*' | b'_' | b'~') {
            end += 1;
        }
        end
    }
}

fn set(block: &mut Block, speaker: Option<Turn>) {
    block.side = speaker.as_ref().map_or(Side::Ours, |t| t.side);
    block.speaker = speaker;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_of_several_words_is_its_head_noun() {
        let s = Speakers::default();
        let side = |text: &str| label(text, &s).and_then(|l| l.side);
        assert_eq!(
            side("Dealer rep: Furrow is $149 a probe."),
            Some(Side::Ours)
        );
        assert_eq!(
            side("Existing customer: It's too dear."),
            Some(Side::Theirs)
        );
        assert_eq!(
            side("Rep lead: Hello."),
            Some(Side::Theirs),
            "the head is 'lead'"
        );
        assert_eq!(side("Dealer principal: Hello."), None);
    }

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

    #[test]
    fn a_role_in_parentheses_decides_the_side() {
        let s = Speakers::default();
        let who = |t: &str| {
            let l = label(t, &s).unwrap();
            (l.name, l.role, l.side)
        };
        let named = |name: &str, role: &str, side| (name.to_string(), role.to_string(), side);
        assert_eq!(
            who("Priya (AE): Hi"),
            named("Priya", "AE", Some(Side::Ours))
        );
        assert_eq!(
            who("Mike (Prospect): We use spreadsheets."),
            named("Mike", "Prospect", Some(Side::Theirs))
        );
        assert_eq!(
            who("Dana (CFO, Customer): Too expensive."),
            named("Dana", "Customer", Some(Side::Theirs))
        );
        // The name decides first; a parenthetical that is a name is just a name.
        assert_eq!(who("AE (Dana): Hi"), named("AE", "AE", Some(Side::Ours)));
        assert_eq!(who("Priya (Loomcast): Hi"), named("Priya", "", None));
        assert_eq!(who("Closing line: \"Hi\""), named("Closing line", "", None));
    }

    /// (text, side, speaker name, label line, first line of the span).
    type Seen = (String, Side, Option<String>, Option<usize>, usize);

    /// What each block of `src` is and who says it.
    fn turns(src: &str) -> Vec<Seen> {
        let d = crate::markdown::parse("t.md", src.to_string(), &Speakers::default());
        d.blocks
            .iter()
            .map(|b| {
                (
                    b.text.clone(),
                    b.side,
                    b.speaker.as_ref().map(|t| t.name.clone()),
                    b.speaker.as_ref().map(|t| t.from_line),
                    d.position(b.span.start).0,
                )
            })
            .collect()
    }

    fn turn(text: &str, side: Side, name: Option<&str>, from: Option<usize>, line: usize) -> Seen {
        (text.to_string(), side, name.map(str::to_string), from, line)
    }

    #[test]
    fn turns_on_consecutive_lines_are_split_by_line() {
        use Side::{Ours, Theirs};
        let src = "# Call\n\nRep: How do you handle alerts today?\nProspect: Badly. They promised a 95% reduction.\n**Rep:** We cut alert volume by up to 90%.\nAnd we triage first.\n";
        assert_eq!(
            turns(src),
            vec![
                turn("Call", Ours, None, None, 1),
                turn(
                    "How do you handle alerts today?",
                    Ours,
                    Some("Rep"),
                    Some(3),
                    3
                ),
                turn(
                    "Badly. They promised a 95% reduction.",
                    Theirs,
                    Some("Prospect"),
                    Some(4),
                    4
                ),
                // An unlabelled line keeps the speaker of the line before.
                turn(
                    "We cut alert volume by up to 90%.\nAnd we triage first.",
                    Ours,
                    Some("Rep"),
                    Some(5),
                    5
                ),
            ]
        );
        // Each piece maps back onto its own line, and the other side's span
        // covers its line only (suppression reads it).
        let d = crate::markdown::parse("t.md", src.to_string(), &Speakers::default());
        for b in &d.blocks[1..] {
            let t = b.text.find(' ').unwrap_or(b.text.len());
            let word = &b.text[..t];
            assert_eq!(&d.source[b.map.range_to_source(0..t)], word);
        }
        assert_eq!(
            &src[d.blocks[2].span.clone()],
            "Prospect: Badly. They promised a 95% reduction."
        );
        assert_eq!(
            &src[d.blocks[3].span.clone()],
            "**Rep:** We cut alert volume by up to 90%.\nAnd we triage first."
        );
    }

    #[test]
    fn labels_inside_list_items_and_their_paragraphs() {
        use Side::{Ours, Theirs};
        let src = "- **Prospect:** It's too expensive.\n  **Rep:** It pays for itself in a quarter.\n- Customer: We went live in a week.\n\n  Rep: Most teams take two weeks.\n";
        assert_eq!(
            turns(src),
            vec![
                turn("It's too expensive.", Theirs, Some("Prospect"), Some(1), 1),
                turn(
                    "It pays for itself in a quarter.",
                    Ours,
                    Some("Rep"),
                    Some(2),
                    2
                ),
                turn(
                    "We went live in a week.",
                    Theirs,
                    Some("Customer"),
                    Some(3),
                    3
                ),
                turn("Most teams take two weeks.", Ours, Some("Rep"), Some(5), 5),
            ]
        );
    }

    #[test]
    fn a_turn_is_carried_until_the_next_label_or_heading() {
        use Side::{Ours, Theirs};
        let src = "Intro for the rep.\n\n**Mike (Prospect):** We already have a vendor.\n\nThey charge us 60% less.\n\n**Priya (AE):** Which one?\nDana (Customer): Ours.\n\n## Next\n\nAfter the heading.\n";
        assert_eq!(
            turns(src),
            vec![
                turn("Intro for the rep.", Ours, None, None, 1),
                turn(
                    "We already have a vendor.",
                    Theirs,
                    Some("Mike"),
                    Some(3),
                    3
                ),
                // Carried: the reason is the label on line 3.
                turn("They charge us 60% less.", Theirs, Some("Mike"), Some(3), 5),
                turn("Which one?", Ours, Some("Priya"), Some(7), 7),
                turn("Ours.", Theirs, Some("Dana"), Some(8), 8),
                turn("Next", Ours, None, None, 10),
                turn("After the heading.", Ours, None, None, 12),
            ]
        );
    }

    #[test]
    fn lead_ins_that_name_no_speaker_are_not_turns() {
        use Side::{Ours, Theirs};
        // Without a speaker in force, a lead-in's text is ours.
        let src = "**Subject:** Recap and next steps\n\nHi Jordan,\n\nRep: Thanks again.\nProspect: Sure.\n**Note:** they run 12 sites.\n**Closing line:** \"We cover 220 sites.\"\nAnd they nod.\n\n**Rep:** Bye.\n**Trap-setting question:** \"Who answers at 3 a.m.?\"\n";
        assert_eq!(
            turns(src),
            vec![
                turn("Subject: Recap and next steps", Ours, None, None, 1),
                turn("Hi Jordan,", Ours, None, None, 3),
                turn("Thanks again.", Ours, Some("Rep"), Some(5), 5),
                // The note is in the prospect's turn: it is their line.
                turn(
                    "Sure.\nNote: they run 12 sites.",
                    Theirs,
                    Some("Prospect"),
                    Some(6),
                    6
                ),
                // A quote after a lead-in is for our side to say, even in
                // their turn; the next line is theirs again.
                turn("Closing line: \"We cover 220 sites.\"", Ours, None, None, 8),
                turn("And they nod.", Theirs, Some("Prospect"), Some(6), 9),
                turn(
                    "Bye. Trap-setting question: \"Who answers at 3 a.m.?\"",
                    Ours,
                    Some("Rep"),
                    Some(11),
                    11
                ),
            ]
        );
    }

    #[test]
    fn definition_lists_are_not_dialogue() {
        // One speaker-like label in a list of term definitions: no dialogue.
        let src = "- roadmap: planned work\n- customer: issues a customer reported\n- spike: time-boxed investigation\n";
        let got = turns(src);
        assert!(got.iter().all(|t| t.1 == Side::Ours && t.2.is_none()));
        assert_eq!(got[1].0, "customer: issues a customer reported");
        // Nor is a wrapped paragraph with one such line.
        let got = turns("We asked every\ncustomer: what would you change?\n");
        assert_eq!(got.len(), 1);
        assert!(got[0].1 == Side::Ours && got[0].2.is_none());
    }

    #[test]
    fn tables_keep_their_own_labels_and_pass_none_on() {
        use Side::{Ours, Theirs};
        let src = "Prospect: We use spreadsheets.\n\n| a |\n|---|\n| Cell without label |\n| Rep: cell with label |\n\nCustomer: After the table.\n";
        assert_eq!(
            turns(src),
            vec![
                turn("We use spreadsheets.", Theirs, Some("Prospect"), Some(1), 1),
                turn("a", Ours, None, None, 3),
                turn("Cell without label", Ours, None, None, 5),
                turn("cell with label", Ours, Some("Rep"), Some(6), 6),
                turn("After the table.", Theirs, Some("Customer"), Some(8), 8),
            ]
        );
    }
}
