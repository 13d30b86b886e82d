//! Reading guidance out of a doc: sentences with a ban verb ("Don't use
//! 'integrated'; say 'links to'", "PowderPass was retired. Use Summitline
//! Pass"), quoted or bold lead-ins of items in a guidance section
//! ("- **\"Zero downtime\"**. Never."), arrows ("**eAuctionPro** → Yardbook
//! Live") and "Don't say" table columns.

use std::ops::Range;

use rustc_hash::FxHashSet;

use super::lexicon::{starts_with, GuidanceLexicon, Phrase};
use super::text::{quotations, trim_term, words, Word};
use super::{Guidance, Kind};
use crate::markdown::{BlockKind, DirectiveKind, Doc};

/// The most words a quoted or listed banned term has.
const MAX_TERM_WORDS: usize = 6;

/// What a block's headings say.
#[derive(Clone, Copy, Default)]
struct Section {
    guidance: bool,
    claims: bool,
}

/// A banned term found in a block, before its replacement is known.
struct Found {
    range: Range<usize>,
    /// From a claim verb ("never promise …"): an unquoted claim.
    claim_verb: bool,
    /// Unquoted: matched by its content words, loosely.
    loose: bool,
}

/// Every guidance item of `doc`. `scope` is the folder it governs (sales
/// pages), `None` for all files (brand docs).
pub fn derive_doc(
    doc: &Doc,
    lex: &GuidanceLexicon,
    abbreviations: &FxHashSet<String>,
    stopwords: &FxHashSet<String>,
    scope: Option<String>,
) -> Vec<Guidance> {
    let off = opted_out_lines(doc);
    let mut out = Vec::new();
    for block in &doc.blocks {
        if block.kind == BlockKind::Heading || block.span.is_empty() {
            continue;
        }
        let line = doc.position(block.span.start).0;
        if off.contains(&line) {
            continue;
        }
        let section = block
            .heading_path
            .iter()
            .fold(Section::default(), |s, h| Section {
                guidance: s.guidance || lex.is_guidance_heading(h),
                claims: s.claims || lex.is_claim_heading(h),
            });
        let base = block.span.start;
        let src = &doc.source[block.span.clone()];
        let mut items: Vec<(Found, Option<String>)> = Vec::new();
        if let Some(column) = &block.column {
            if lex.is_ban_column(column) {
                let r = trim_term(src, 0..src.len());
                let replacement = block
                    .row
                    .as_deref()
                    .map(str::trim)
                    .filter(|r| !r.is_empty() && !src.contains(r));
                if !r.is_empty() {
                    items.push((
                        Found {
                            range: r,
                            claim_verb: false,
                            loose: false,
                        },
                        replacement.map(str::to_string),
                    ));
                }
            }
        } else {
            read_block(
                src,
                lex,
                abbreviations,
                stopwords,
                section.guidance,
                &mut items,
            );
        }
        for (found, replacement) in items {
            let text = src[found.range.clone()].trim();
            if let Some(g) = item(
                doc,
                base,
                &found,
                text,
                replacement,
                section,
                lex,
                stopwords,
                &scope,
            ) {
                match out.iter_mut().find(|o: &&mut Guidance| o.words == g.words) {
                    // "Tool." then "Don't call … 'tools'. Say 'platform'": one item.
                    Some(o) => {
                        if o.replacement.is_none() {
                            o.replacement = g.replacement;
                        }
                    }
                    None => out.push(g),
                }
            }
        }
    }
    out
}

/// One guidance item from a banned term.
#[allow(clippy::too_many_arguments)]
fn item(
    doc: &Doc,
    base: usize,
    found: &Found,
    text: &str,
    replacement: Option<String>,
    section: Section,
    lex: &GuidanceLexicon,
    stopwords: &FxHashSet<String>,
    scope: &Option<String>,
) -> Option<Guidance> {
    let ws = words(text);
    let mut ws: Vec<Word> = if found.loose {
        ws.into_iter()
            .filter(|w| !stopwords.contains(&w.lower))
            .collect()
    } else {
        // "a" is not what is banned; "the" is kept: "the system" bans the
        // bare name, not "your current system".
        let skip = ws
            .iter()
            .take_while(|w| matches!(w.lower.as_str(), "a" | "an"))
            .count();
        ws.into_iter().skip(skip).collect()
    };
    // A banned term is a word or a phrase; a longer strict "term" is a
    // sentence in a table cell, not vocabulary.
    if ws.is_empty() || (found.loose && ws.len() < 2) || (!found.loose && ws.len() > MAX_TERM_WORDS)
    {
        return None;
    }
    // A name shows itself by capitals inside a word, or by a capital
    // anywhere but the first word of the text it stands in.
    let at_start = is_item_start(&doc.source, base + found.range.start);
    let name = ws.iter().all(|w| w.capitalized || w.inner_caps)
        && ws
            .iter()
            .enumerate()
            .any(|(i, w)| w.inner_caps || i > 0 || !at_start);
    let claimish = ws
        .iter()
        .any(|w| lex.claim_words.contains(&w.lower) || w.lower.chars().any(|c| c.is_ascii_digit()));
    let kind = if found.claim_verb || claimish {
        Kind::Claim
    } else if name {
        Kind::Name
    } else if section.claims {
        Kind::Claim
    } else {
        Kind::Word
    };
    for w in &mut ws {
        w.span = w.span.start + base + found.range.start..w.span.end + base + found.range.start;
    }
    let start = base + found.range.start;
    let (line, _) = doc.position(start);
    Some(Guidance {
        term: text.to_string(),
        words: ws.iter().map(|w| w.stem.clone()).collect(),
        surface: ws.iter().map(|w| w.lower.clone()).collect(),
        loose: found.loose,
        kind,
        replacement,
        path: doc.path.clone(),
        line,
        source_line: doc.line_text(line).trim().to_string(),
        scope: scope.clone(),
    })
}

/// Is `at` the first word of its line's text (after list markers, markup
/// and quotes)?
fn is_item_start(source: &str, at: usize) -> bool {
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &source[line_start..at];
    before.chars().all(|c| {
        c.is_whitespace()
            || c.is_ascii_digit()
            || matches!(
                c,
                '-' | '*' | '+' | '.' | ')' | '_' | '"' | '\u{201c}' | '>' | '|'
            )
    }) || before.trim_end().ends_with(['.', '!', '?', '|'])
}

/// Lines a `<!-- onmessage-disable guidance -->` region covers.
fn opted_out_lines(doc: &Doc) -> FxHashSet<usize> {
    let mut off = FxHashSet::default();
    let names = |d: &crate::markdown::Directive| d.rules.iter().any(|r| r == super::DIRECTIVE);
    let mut from: Option<usize> = None;
    let last = doc.source.lines().count().max(1);
    for d in &doc.directives {
        match d.kind {
            DirectiveKind::Disable if names(d) => from = from.or(Some(d.line)),
            DirectiveKind::Enable if names(d) || d.rules.is_empty() => {
                if let Some(f) = from.take() {
                    off.extend(f..=d.line);
                }
            }
            DirectiveKind::DisableNextLine if names(d) => {
                off.extend(d.target_line);
            }
            _ => {}
        }
    }
    if let Some(f) = from {
        off.extend(f..=last);
    }
    off
}

/// The banned terms of one block (prose: paragraph, list item, quote).
fn read_block(
    src: &str,
    lex: &GuidanceLexicon,
    abbreviations: &FxHashSet<String>,
    stopwords: &FxHashSet<String>,
    in_section: bool,
    items: &mut Vec<(Found, Option<String>)>,
) {
    // Items still waiting for a "Use X" in a later sentence of the block.
    let mut waiting: Vec<usize> = Vec::new();
    if in_section {
        let (leads, replacement) = lead_ins(src);
        for r in leads {
            waiting.push(items.len());
            items.push((
                Found {
                    range: r,
                    claim_verb: false,
                    loose: false,
                },
                replacement.clone(),
            ));
        }
        if replacement.is_some() {
            waiting.clear();
        }
    }
    let sentences = crate::claims::sentences::split(src, abbreviations);
    for s in sentences {
        let text = &src[s.clone()];
        let ws = words(text);
        let quotes: Vec<Range<usize>> = quotations(text)
            .into_iter()
            .map(|q| trim_term(text, q))
            .filter(|q| !q.is_empty())
            .collect();
        // A sentence wholly in quotes is an example being shown ("- \"The
        // `x` field is deprecated.\""), not guidance the doc gives.
        if quoted_whole(&ws, &quotes) {
            continue;
        }
        // English cue words inside Japanese or Chinese prose ("`[ZI] Do Not
        // Call - Direct Phone` フィールド") are field names, not guidance.
        if crate::claims::has_unspaced_script(text) {
            continue;
        }
        let replacement = find_replacement(text, &ws, &quotes, lex);
        let repl_at = replacement.as_ref().map_or(text.len(), |r| r.0);
        let repl = replacement.map(|r| r.1);
        let banned = banned_terms(text, &ws, &quotes, repl_at, lex, stopwords);
        if banned.is_empty() {
            if let Some(r) = repl {
                for &i in &waiting {
                    items[i].1.get_or_insert(r.clone());
                }
                waiting.clear();
            }
            continue;
        }
        waiting.clear();
        for mut f in banned {
            f.range = f.range.start + s.start..f.range.end + s.start;
            if repl.is_none() {
                waiting.push(items.len());
            }
            items.push((f, repl.clone()));
        }
    }
}

/// The quoted or bold terms an item opens with (`**"Zero downtime"**, "no
/// more breakdowns"`), and an arrow's replacement (`**eAuctionPro** →
/// Yardbook Live.`).
fn lead_ins(src: &str) -> (Vec<Range<usize>>, Option<String>) {
    let mut out = Vec::new();
    let mut at = src.len() - src.trim_start().len();
    let rest = &src[at..];
    let marker = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '-' | '*' | '+' | '.' | ')')))
        .filter(|&n| n > 0 && rest[n..].starts_with(' ') && !rest.starts_with("**"));
    if let Some(n) = marker {
        at += n;
    }
    loop {
        let rest = &src[at..];
        let skip = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_whitespace() || c == ',')
                .len();
        at += skip;
        let rest = &src[at..];
        for joiner in ["or ", "and "] {
            if rest.starts_with(joiner) && !out.is_empty() {
                at += joiner.len();
            }
        }
        let rest = &src[at..];
        let (open, close): (&str, &[char]) = if rest.starts_with("**") {
            ("**", &['*'])
        } else if rest.starts_with('"') {
            ("\"", &['"'])
        } else if rest.starts_with('\u{201c}') {
            ("\u{201c}", &['\u{201d}'])
        } else {
            break;
        };
        let inner_start = at + open.len();
        let end = if open == "**" {
            src[inner_start..].find("**").map(|i| inner_start + i)
        } else {
            src[inner_start..].find(close).map(|i| inner_start + i)
        };
        let Some(end) = end else { break };
        let r = trim_term(src, inner_start..end);
        // A bold lead-in holding quotes holds the term in them.
        let inner = &src[r.clone()];
        let quoted = quotations(inner);
        if open == "**" && !quoted.is_empty() {
            for q in quoted {
                let q = trim_term(inner, q);
                if !q.is_empty() {
                    out.push(r.start + q.start..r.start + q.end);
                }
            }
        } else if !r.is_empty() && r.len() < 80 {
            out.push(r);
        }
        at = end + open.len();
    }
    let rest = src[at..].trim_start();
    let arrow = ["\u{2192}", "->", "=>"]
        .iter()
        .find(|a| rest.starts_with(**a));
    let replacement = arrow.and_then(|a| {
        let after = rest[a.len()..].trim_start();
        let end = after.find(['.', ';', '(', '\n']).unwrap_or(after.len());
        let r = after[..end]
            .trim()
            .trim_matches(['*', '"', '\u{201c}', '\u{201d}'])
            .trim();
        (!r.is_empty()).then(|| r.to_string())
    });
    if out.is_empty() {
        return (out, None);
    }
    (out, replacement)
}

/// Does a phrase of `list` start at word `i`?
fn phrase_at(ws: &[Word], i: usize, list: &[Phrase]) -> Option<usize> {
    let lowers: Vec<String> = ws[i..].iter().map(|w| w.lower.clone()).collect();
    list.iter().find(|p| starts_with(&lowers, p)).map(Vec::len)
}

/// "say 'links to'", "Use Summitline Pass": where the replacement cue
/// starts and the replacement. The cue must open a clause (sentence start,
/// after punctuation, or after "so"/"instead"), so "never say" is no cue.
fn find_replacement(
    text: &str,
    ws: &[Word],
    quotes: &[Range<usize>],
    lex: &GuidanceLexicon,
) -> Option<(usize, String)> {
    for i in 0..ws.len() {
        let Some(n) = phrase_at(ws, i, &lex.replacements) else {
            continue;
        };
        let before = text[..ws[i].span.start].trim_end();
        let opens = i == 0 && before.chars().all(|c| !c.is_alphanumeric())
            || before.ends_with([';', ':', ',', '.', '(', '\u{2014}'])
            || (i > 0 && lex.replacement_openers.contains(&ws[i - 1].lower));
        if !opens {
            continue;
        }
        let cue_end = ws[i + n - 1].span.end;
        if let Some(q) = quotes.iter().find(|q| q.start >= cue_end) {
            return Some((ws[i].span.start, text[q.clone()].to_string()));
        }
        // An unquoted replacement must be a name: "Use Summitline Pass".
        let name: Vec<&Word> = ws[i + n..]
            .iter()
            .take_while(|w| w.capitalized || w.inner_caps)
            .collect();
        if let (Some(first), Some(last)) = (name.first(), name.last()) {
            return Some((
                ws[i].span.start,
                text[first.span.start..last.span.end].to_string(),
            ));
        }
    }
    None
}

/// The terms a sentence bans, before the replacement cue at `repl_at`.
fn banned_terms(
    text: &str,
    ws: &[Word],
    quotes: &[Range<usize>],
    repl_at: usize,
    lex: &GuidanceLexicon,
    stopwords: &FxHashSet<String>,
) -> Vec<Found> {
    let quoted = |from: usize, to: usize| -> Vec<Found> {
        quotes
            .iter()
            .filter(|q| q.start >= from && q.end <= to)
            .map(|q| Found {
                range: q.clone(),
                claim_verb: false,
                loose: false,
            })
            .collect()
    };
    for i in 0..ws.len() {
        if ws[i].span.start >= repl_at {
            break;
        }
        if let Some(n) = phrase_at(ws, i, &lex.bans_before) {
            let verb = &ws[i + n - 1].lower;
            let claim_verb = lex.claim_verbs.contains(verb);
            let cue_end = ws[i + n - 1].span.end;
            let mut found = quoted(cue_end, repl_at);
            if !found.is_empty() {
                for f in &mut found {
                    f.claim_verb = claim_verb;
                }
                return found;
            }
            let mut j = i + n;
            while let Some(k) = phrase_at(ws, j, &lex.fillers) {
                j += k;
            }
            if claim_verb {
                return claim_object(text, ws, j, repl_at);
            }
            return name_after(text, ws, j).into_iter().collect();
        }
        if let Some(n) = phrase_at(ws, i, &lex.bans_after) {
            let _ = n;
            let cue = ws[i].span.start;
            if let Some(q) = quotes.iter().rev().find(|q| q.end <= cue) {
                if text[q.end..cue]
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .is_empty()
                {
                    return quoted(q.start, q.end);
                }
            }
            return name_before(ws, i, stopwords).into_iter().collect();
        }
    }
    Vec::new()
}

/// A name run starting at word `j` ("the Hub" → "Hub").
fn name_after(text: &str, ws: &[Word], mut j: usize) -> Option<Found> {
    if ws.get(j).is_some_and(|w| w.lower == "the") {
        j += 1;
    }
    let run: Vec<&Word> = ws[j.min(ws.len())..]
        .iter()
        .take_while(|w| w.capitalized || w.inner_caps)
        .collect();
    // "**Avoid Blind Forwarding:** …" is a title-case label, not a name.
    let after = &text[run.last()?.span.end..];
    if after.trim_start_matches('*').starts_with(':') {
        return None;
    }
    Some(Found {
        range: run.first()?.span.start..run.last()?.span.end,
        claim_verb: false,
        loose: false,
    })
}

/// Do the quotations hold every word of the sentence?
fn quoted_whole(ws: &[Word], quotes: &[Range<usize>]) -> bool {
    !ws.is_empty()
        && ws.iter().all(|w| {
            quotes
                .iter()
                .any(|q| q.start <= w.span.start && w.span.end <= q.end)
        })
}

/// The name run right before word `i` ("PowderPass was retired"), when it
/// is the sentence's subject: only function words ("the", "our old") come
/// before it. In "The `confidential` field for a `Note` is deprecated" the
/// retired thing is the field, not the name.
fn name_before(ws: &[Word], i: usize, stopwords: &FxHashSet<String>) -> Option<Found> {
    let mut run: Vec<&Word> = ws[..i]
        .iter()
        .rev()
        .take_while(|w| w.capitalized || w.inner_caps)
        .collect();
    // "Our PowderPass": a capital opening the sentence is not the name's.
    while run.last().is_some_and(|w| stopwords.contains(&w.lower)) {
        run.pop();
    }
    let lead = &ws[..i - run.len()];
    if lead.iter().any(|w| !stopwords.contains(&w.lower)) {
        return None;
    }
    // A name used as a name has a capital past the sentence's first word.
    if run.len() == i && !run.iter().any(|w| w.inner_caps) && run.len() < 2 {
        return None;
    }
    Some(Found {
        range: run.last()?.span.start..run.first()?.span.end,
        claim_verb: false,
        loose: false,
    })
}

/// The claim a claim verb bans, unquoted: "Never claim Scout prevents
/// colony collapse or saves hives" bans each alternative; "Do not tell
/// resorts that Gate works in all weather" bans what follows "that".
fn claim_object(text: &str, ws: &[Word], j: usize, repl_at: usize) -> Vec<Found> {
    let mut ws: Vec<&Word> = ws[j.min(ws.len())..]
        .iter()
        .filter(|w| w.span.end <= repl_at)
        .collect();
    if let Some(k) = ws.iter().position(|w| w.lower == "that") {
        ws.drain(..=k);
    }
    let mut out = Vec::new();
    for part in ws.split(|w| w.lower == "or") {
        if let (Some(a), Some(b)) = (part.first(), part.last()) {
            if text[a.span.start..b.span.end].contains(['(', '"']) {
                continue;
            }
            out.push(Found {
                range: a.span.start..b.span.end,
                claim_verb: true,
                loose: true,
            });
        }
    }
    out
}
