//! `context: claims`: whether a match sits in a sentence our side says to a
//! customer, or only mentions the phrase.
//!
//! The reading goes by the sentence's form, never by its topic:
//! - a quoted phrase is a mention ("Avoid 'act now' in subject lines"),
//!   unless the quote is our line to say (the whole block, or after
//!   "say:" / "try:");
//! - guidance to reps is an instruction, not a claim: an opening "avoid",
//!   "don't say", "never promise", a negated verb of saying before the match
//!   ("we don't claim", "I can't promise"), or a verdict on wording
//!   ("… is off-limits");
//! - a label of examples ("Banned words: …", "Bad: …") lists mentions;
//! - a scale or tier definition ("5 = best in class", "Level 4: …", a
//!   table row numbered in its first cell) defines a grade;
//! - reported speech of someone else ("your old vendor said it could never
//!   go down", "they told us …", "asked if we could …") is theirs;
//! - a goal ("we strive to offer a world-class …") is not an assertion;
//! - a heading is a title.
//!
//! The other side's turns never reach the rules at all (`Side::Theirs`).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::markdown::{Block, BlockKind};

/// Verbs of saying, claiming and wording: what guidance tells reps not to do.
const SAYING: &str = r"(?:say|says|said|saying|tell|tells|telling|told|call|calling|claim|claims|claiming|promise|promises|promising|guarantee|guaranteeing|use|using|write|writing|describe|describing|imply|implying|suggest|suggesting|mention|mentioning|pitch|pitching|quote|quoting|state|stating|frame|position|invent|inventing|fake|repeat|repeating|assure|swear|overpromise|overstate|exaggerate|present|label|advertise|characteri[sz]e|refer\s+to|put\s+it|promote|lead\s+with)";

/// Negations that put a verb of saying out of our mouth.
const NOT: &str = r"(?:don't|do\s+not|doesn't|does\s+not|didn't|never|not|can't|cannot|can\s+not|won't|will\s+not|shouldn't|should\s+not|mustn't|must\s+not|may\s+not|wouldn't|couldn't|no\s+one\s+should|nobody\s+should|no\s+longer|stop)";

fn re(pattern: &str) -> Regex {
    Regex::new(&format!("(?i){pattern}")).expect("context pattern compiles")
}

/// An opening instruction to avoid wording: "Avoid …", "Never tell a
/// prospect …", "Don't call the migration …", "Please refrain from …".
static INSTRUCTION: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:please\s+|always\s+)?(?:(?:avoid|refrain|steer\s+clear|stay\s+away|resist|skip|drop|cut|strike|replace|flag|tag|listen\s+for|watch\s+for|keep)\b|{NOT}\s+(?:\w+\s+){{0,2}}?{SAYING}\b)"
    ))
});

/// A negated verb of saying anywhere before the match: "we don't claim",
/// "I can't promise", "reps must not invent".
static DECLINED: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"\b{NOT}\s+(?:[\w']+\s+){{0,3}}?{SAYING}\b")));

/// A verdict on wording, anywhere in the sentence: "… is off-limits".
static VERDICT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:off[- ]limits|banned|forbidden|prohibited|not\s+allowed|not\s+approved|not\s+permitted|disallowed|red[- ]flags?|approved\s+claims?|defamation|legal\s+weight|compliance\s+flagged)\b",
    )
});

/// A lead-in that labels examples of wording: "Banned words:", "Bad:",
/// "Phrases to avoid:", "Instead of:".
static EXAMPLE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|[.!?]\s+)[^.!?:]{0,40}\b(?:words|phrases|terms|language|wording|claims|examples?|expressions|bad|wrong|avoid|don'?ts?|never\s+say|instead\s+of|red\s+flags?)\s*[:\-–—]",
    )
});

/// A grade of a scale: "5 = best in class", "Level 4: …", "| 5 | …".
static SCALE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:(?:^|[\s(·,;])[\w.*]+\s*=\s*(?:\S|$)|^\s*\|?\s*\d+\s*\||^\s*(?:level|tier|stage|grade|score|rating)?\s*\d+\s*[:=–—]\s)",
    )
});

/// Someone else's words reported before the match: "your old vendor said",
/// "they told us", "keeps telling us", "asked if we could".
static REPORTED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b([\w']+)\s+(?:(?:keeps?|kept)\s+)?(?:said|says|saying|told|tells|telling|claimed|claims|claiming|promised|promises|promising|swore|swears|insisted|insists|advertised|advertises|pitched|boasted|boasts)\b|\basked\s+(?:me\s+|us\s+)?(?:if|whether)\b",
    )
});

/// Subjects whose words are ours: "as I said", "we promised".
const OUR_SUBJECTS: &[&str] = &[
    "i", "we", "i've", "we've", "i'd", "we'd", "i'm", "we're", "i'll", "we'll", "as", "just",
    "already", "also", "always",
];

/// A sourced or contractual claim: "per our SLA", "in G2's Fall 2025
/// report", "our warranty guarantees".
static SOURCED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:per|under|according\s+to|as\s+set\s+out\s+in)\s+(?:our|the|its|their|[\w-]+'s)\s+(?:[\w-]+\s+){0,3}?(?:sla|slas|contract|msa|agreement|warranty|terms|policy|report|survey|study|audit|trial|review|comparison|rankings?|index|benchmark)\b|\b(?:in|by|from)\s+(?:our|the|its|their|[\w-]+'s)\s+(?:[\w-]+\s+){0,3}?(?:report|survey|study|audit|trial|review|comparison|rankings?|index|benchmark|segment|quadrant|wave|awards?)\b|\b(?:sla|contract|msa|agreement|warranty|policy)\s+(?:guarantees?|commits?|promises?|states?|says)\b",
    )
});

/// A denial of the absolute for everyone: "No system is perfectly secure".
static DENIED_FOR_ALL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:no|none\s+of\s+the)\s+(?:system|software|product|platform|service|tool|network|solution|technology|code|vendor|provider|company|lock|device)s?\s+(?:(?:is|are|can\s+be|could\s+be|will\s+ever\s+be|will\s+be|stays?)\s+(?:\w+\s+)?)?$",
    )
});

/// A negated verb right before the match, after its subject: "We can't
/// make you compliant" (an opening "Don't get left behind" speaks to the
/// customer and stays a claim).
static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b[\w']+\s+(?:can't|cannot|can\s+not|won't|will\s+not|don't|doesn't|do\s+not|does\s+not|couldn't|wouldn't|isn't|aren't)\s+(?:\w+ly\s+)?$",
    )
});

/// A goal rather than an assertion: "we strive to offer …", "our goal is
/// for RFCs to be …", "our focus is to build …", or a purpose ("… to
/// establish us as an industry leader").
static GOAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:aims?|striv(?:e|es|ing)|aspires?|seeks?|want|wants|hopes?|working|committed|(?:goal|aim|mission|focus|vision|ambition|objective)\s+is(?:\s+for\b[^.;!?]*?)?)\s+to\b|\b(?:to|in\s+order\s+to)\s+(?:establish|become|build|remain|stay|create|achieve|maintain|foster|grow\s+into)\b",
    )
});

/// A quotation signed by its author: "… on being you. - Naval".
static ATTRIBUTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[.!?\x22\u{201D}]\s+[-–—]\s*\p{Lu}[\w.]*(?:\s+\p{Lu}[\w.]*){0,2}$")
        .expect("compiles")
});

/// A match of several words, each capitalised, inside a sentence that is
/// not itself in title case: a name ("a Limited Availability release").
fn is_name(matched: &str, sentence: &str) -> bool {
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let long = |w: &&str| w.chars().filter(|c| c.is_alphabetic()).count() >= 4;
    let words: Vec<&str> = matched.split_whitespace().filter(long).collect();
    if words.len() < 2 || !words.iter().all(|w| capitalised(w)) {
        return false;
    }
    let all: Vec<&str> = sentence.split_whitespace().filter(long).collect();
    let lower = all.iter().filter(|w| !capitalised(w)).count();
    lower * 2 >= all.len() || all.len() <= words.len()
}

/// A match in a link's text ("[The Mom Test: … everyone is lying to you](…)")
/// names the page linked to; a sentence that links is sourced; the
/// description after a link that opens a list item ("[Book](…) - An account
/// unlike any other") describes what is linked. A link that is the whole
/// sentence is a call to action of ours and stays a claim.
fn in_link(source: &str, sentence: &Range<usize>, hit: &Range<usize>) -> Option<&'static str> {
    let line_start = source[..sentence.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[sentence.end.min(source.len())..]
        .find('\n')
        .map_or(source.len(), |i| sentence.end + i);
    let line = source.get(line_start..line_end)?;
    let at = hit.start.checked_sub(line_start)?;
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find('[').map(|i| from + i) {
        let Some(close) = line[open..].find("](").map(|i| open + i) else {
            break;
        };
        let end = line[close..]
            .find(')')
            .map_or(line.len(), |i| close + i + 1);
        links.push((open, close, end));
        from = end;
    }
    if links.is_empty() {
        return None;
    }
    let body = line.trim_start_matches(|c: char| c.is_whitespace() || "-*+>|".contains(c));
    // A list item that is only a link is an entry of a reading list.
    let item = line.trim_start().starts_with(['-', '*', '+'])
        || line
            .trim_start()
            .split_once(". ")
            .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
    let whole = !item && links.len() == 1 && {
        let (o, _, e) = links[0];
        body.len() == line.len() - o
            && line[e..]
                .trim()
                .trim_matches(|c: char| c.is_ascii_punctuation())
                .is_empty()
    };
    if whole {
        return None;
    }
    if links.iter().any(|&(o, c, _)| o < at && at < c) {
        return Some("the text of a link");
    }
    let (first_open, _, first_end) = links[0];
    let opens_item = line[..first_open]
        .trim_start_matches(|c: char| c.is_whitespace() || "-*+".contains(c))
        .is_empty();
    if opens_item
        && at > first_end
        && line[first_end..]
            .trim_start()
            .starts_with(['-', '–', '—', ':'])
    {
        return Some("a description of what is linked");
    }
    let src_sentence = source.get(sentence.clone()).unwrap_or("");
    if src_sentence.contains("](") {
        return Some("a sourced claim (it links its source)");
    }
    None
}

/// A lead-in after which a quote is our line to say: "Say: …", "Try: …".
static OUR_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:(?:say|try|tell\s+\S+(?:\s+\S+)?|open\s+with|close\s+with|respond\s+with|answer\s+with)\s*[:,\-–—]?|[^:.!?]{0,30}\b(?:line|script|pitch|answer|better|instead|use\s+this)\s*[:\-–—])\s*$",
    )
});

/// Why a match is not ours to say to a customer, or `None` when it is.
/// `source` is the document's source, which `block.map` points into: links
/// are read there, since the block's text has lost their markup.
pub fn not_a_claim(source: &str, block: &Block, range: &Range<usize>) -> Option<&'static str> {
    if block.kind == BlockKind::Heading {
        return Some("a title");
    }
    let text = block.text.as_str();
    if let Some(label) = block.column.as_deref().or(block.row.as_deref()) {
        if INSTRUCTION.is_match(label.trim()) || VERDICT.is_match(label) {
            return Some("a table column of guidance");
        }
    }
    if block.kind == BlockKind::Table
        && block
            .row
            .as_deref()
            .is_some_and(|r| r.trim().parse::<u32>().is_ok())
    {
        return Some("a scale definition");
    }
    let sentence = sentence_around(text, range);
    let before = &text[sentence.start..range.start.max(sentence.start)];
    let whole = &text[sentence.clone()];
    // An English phrase inside Japanese or Chinese prose is a term being
    // discussed, not our claim; claim extraction skips such sentences too.
    if crate::claims::has_unspaced_script(whole) {
        return Some("text in another language");
    }
    if is_name(&text[range.clone()], whole) {
        return Some("a name in title case");
    }
    if ATTRIBUTED.is_match(text.trim_end()) {
        return Some("a quotation with its author");
    }
    let src = block.map.range_to_source(sentence.clone());
    let hit = block.map.range_to_source(range.clone());
    if let Some(reason) = in_link(source, &src, &hit) {
        return Some(reason);
    }
    if INSTRUCTION.is_match(strip_lead(before.trim_start()).trim_start()) {
        return Some("guidance to reps");
    }
    if DECLINED.is_match(before) {
        return Some("declined or ruled out");
    }
    if VERDICT.is_match(whole) {
        return Some("a verdict on wording");
    }
    if EXAMPLE_LABEL.is_match(before) {
        return Some("a label of examples");
    }
    if SCALE.is_match(before) {
        return Some("a scale definition");
    }
    if REPORTED.captures_iter(before).any(|c| {
        c.get(1)
            .is_none_or(|s| !OUR_SUBJECTS.contains(&s.as_str().to_lowercase().as_str()))
    }) {
        return Some("someone else's words");
    }
    if SOURCED.is_match(whole) {
        return Some("a sourced or contractual claim");
    }
    if NEGATED.is_match(before) {
        return Some("negated");
    }
    if DENIED_FOR_ALL.is_match(before) {
        return Some("denied for everyone");
    }
    if GOAL.is_match(before) {
        return Some("a goal");
    }
    if let Some(quote) = quote_around(text, range) {
        let lead = &text[sentence.start.min(quote.start)..quote.start];
        let whole_block = text[..quote.start].trim().is_empty()
            && text[quote.end..]
                .trim()
                .chars()
                .all(|c| c.is_ascii_punctuation());
        if !whole_block && !OUR_LINE.is_match(lead) {
            return Some("a quoted mention");
        }
    }
    None
}

/// A label that leads into a sentence ("Coaching tip: …", "Note: …"), so
/// the instruction after it is read as the opening.
fn strip_lead(text: &str) -> &str {
    match text.find(':') {
        Some(i) if text[..i].split_whitespace().count() <= 3 => &text[i + 1..],
        _ => text,
    }
}

/// The sentence that holds `range`: from the last terminator before it (a
/// full stop, "!" or "?" followed by a space, or a line break) to the next.
fn sentence_around(text: &str, range: &Range<usize>) -> Range<usize> {
    let ends = |i: usize, c: char| {
        c == '\n'
            || (matches!(c, '.' | '!' | '?')
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace))
    };
    let start = text[..range.start]
        .char_indices()
        .rev()
        .find(|&(i, c)| ends(i, c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[range.end.min(text.len())..]
        .char_indices()
        .find(|&(i, c)| ends(range.end + i, c))
        .map_or(text.len(), |(i, c)| range.end + i + c.len_utf8());
    start..end
}

/// The quotation that holds the start of `range`, opening quote to closing
/// quote. Straight and curly double quotes pair in order; a single quote
/// opens only after a space or bracket and before a letter, so apostrophes
/// ("don't", "customers'") never do.
fn quote_around(text: &str, range: &Range<usize>) -> Option<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut open: Option<(usize, char)> = None;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|n| n.1);
        match open {
            None => {
                let opens = match c {
                    '"' | '\u{201C}' | '\u{00AB}' | '\u{300C}' | '\u{300E}' => true,
                    '\'' | '\u{2018}' => {
                        prev.is_none_or(|p| p.is_whitespace() || "([{—–-:".contains(p))
                            && next.is_some_and(char::is_alphanumeric)
                    }
                    _ => false,
                };
                if opens {
                    if i > range.start {
                        return None;
                    }
                    open = Some((i, c));
                }
            }
            Some((from, opener)) => {
                let closes = match opener {
                    '"' => c == '"' || c == '\u{201D}',
                    '\u{201C}' => c == '\u{201D}' || c == '"',
                    '\u{00AB}' => c == '\u{00BB}',
                    '\u{300C}' => c == '\u{300D}',
                    '\u{300E}' => c == '\u{300F}',
                    _ => {
                        (c == '\'' || c == '\u{2019}')
                            && prev.is_some_and(|p| !p.is_whitespace())
                            && next.is_none_or(|n| !n.is_alphanumeric())
                    }
                };
                if closes {
                    let end = i + c.len_utf8();
                    if from <= range.start && range.start < end {
                        return Some(from..end);
                    }
                    open = None;
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str, phrase: &str) -> Option<&'static str> {
        let block = Block::whole(BlockKind::Paragraph, text);
        let at = text.find(phrase).expect("phrase in text");
        not_a_claim(text, &block, &(at..at + phrase.len()))
    }

    #[test]
    fn our_lines_are_claims() {
        assert_eq!(
            reason("We guarantee results in 30 days.", "guarantee"),
            None
        );
        assert_eq!(reason("\"We guarantee results.\"", "guarantee"), None);
        assert_eq!(reason("Say: \"We guarantee results.\"", "guarantee"), None);
        assert_eq!(
            reason("As I said, it never goes down.", "never goes down"),
            None
        );
        assert_eq!(
            reason("Don't overthink it, just sign today.", "sign today"),
            None
        );
        assert_eq!(
            reason(
                "[Book your risk-free demo](https://example.com)",
                "risk-free"
            ),
            None
        );
    }

    #[test]
    fn mentions_by_form_are_not() {
        let cases = [
            ("Avoid 'act now' in subject lines.", "act now"),
            (
                "Never tell a prospect a deployment is risk-free.",
                "risk-free",
            ),
            ("We don't claim 100% uptime.", "100% uptime"),
            ("Rating scale: 1 = poor, 5 = world-class.", "world-class"),
            (
                "So your old vendor said it could never go down?",
                "never go down",
            ),
            ("Banned words: unbreakable, risk-free.", "risk-free"),
            (
                "Telling a prospect \"you'll triple your revenue\" is off-limits.",
                "triple",
            ),
            ("Coaching tip: don't say \"last chance\".", "last chance"),
            (
                "We strive to offer a world-class candidate experience.",
                "world-class",
            ),
            (
                "We post weekly to establish the brand as an industry leader.",
                "industry leader",
            ),
            (
                "The phrase \u{201C}risk-free\u{201D} needs care.",
                "risk-free",
            ),
        ];
        for (text, phrase) in cases {
            assert!(reason(text, phrase).is_some(), "{text}");
        }
    }

    #[test]
    fn apostrophes_open_no_quote() {
        let text = "We don't think you'll ever pay more; it's the customers' choice.";
        let at = text.find("ever").unwrap();
        assert_eq!(quote_around(text, &(at..at + 4)), None);
    }
}
