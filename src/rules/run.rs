//! Applying compiled rules to one document: which blocks each rule looks
//! at, and how each kind turns hits into findings.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use super::compile::{Check, Rule, Scope};
use super::context::not_a_claim;
use super::matcher::{hit_order, select, Hit, Matchers, Scratch};
use super::model::{Context, Within};
use crate::claims::Claim;
use crate::diagnostic::Finding;
use crate::markdown::{Block, Doc, Role, Side};

/// Does a rule look at this file at all?
fn applies_to_file(scope: &Scope, doc: &Doc, role: Role) -> bool {
    scope.roles.contains(&role) && scope.paths.as_ref().is_none_or(|g| g.is_match(&doc.path))
}

/// Does a rule look at this block? Only our side's lines are ever checked.
fn applies_to_block(scope: &Scope, block: &Block) -> bool {
    block.side == Side::Ours
        && (scope.blocks.is_empty() || scope.blocks.contains(&block.kind))
        && (scope.speakers.is_empty()
            || block.speaker.as_ref().is_some_and(|t| {
                // `speakers: [ae]` covers `Priya (AE):` as well as `AE:`.
                [&t.name, &t.role]
                    .iter()
                    .any(|s| scope.speakers.contains(&s.trim().to_lowercase()))
            }))
}

/// How a run treats rule scopes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Normal: roles, paths, block kinds and speakers all apply.
    Scoped,
    /// Examples: the snippet is checked by every rule whatever its scope.
    Examples,
}

/// One of our blocks with text, and where it sits.
struct ScannedBlock<'d> {
    index: usize,
    block: &'d Block,
    section: usize,
}

/// Every hit of a document in one list, grouped by term list, then by
/// block (its position among the scanned blocks), each group in `select`
/// order. A rule then visits only the blocks where its terms occur.
struct DocHits {
    /// (Terms id, block) of each hit.
    keys: Vec<(usize, usize)>,
    hits: Vec<Hit>,
    /// Where each term list's hits start; one more entry than term lists.
    starts: Vec<usize>,
}

impl DocHits {
    fn new(mut tagged: Vec<(usize, usize, Hit)>, lists: usize) -> DocHits {
        tagged.sort_unstable_by_key(|(id, block, hit)| (*id, *block, hit_order(hit)));
        let mut starts = vec![0; lists + 1];
        for (id, _, _) in &tagged {
            starts[id + 1] += 1;
        }
        for i in 0..lists {
            starts[i + 1] += starts[i];
        }
        let (keys, hits) = tagged
            .into_iter()
            .map(|(id, block, hit)| ((id, block), hit))
            .unzip();
        DocHits { keys, hits, starts }
    }

    /// The blocks where term list `id` has hits, in order, with the hits.
    fn blocks(&self, id: usize) -> impl Iterator<Item = (usize, &[Hit])> {
        let range = self.starts[id]..self.starts[id + 1];
        self.keys[range.clone()]
            .chunk_by(|a, b| a.1 == b.1)
            .scan(range.start, |at, group| {
                let start = *at;
                *at += group.len();
                Some((group[0].1, &self.hits[start..*at]))
            })
    }

    /// Term list `id`'s hits in one block.
    fn in_block(&self, id: usize, block: usize) -> &[Hit] {
        let range = self.starts[id]..self.starts[id + 1];
        let keys = &self.keys[range.clone()];
        let from = range.start + keys.partition_point(|k| k.1 < block);
        let to = range.start + keys.partition_point(|k| k.1 <= block);
        &self.hits[from..to]
    }
}

/// 1-based positions of a doc's offsets, counted on from the previous
/// offset when it is earlier on the same line. Matches come in order, and a
/// 20 MB single-line file with 300,000 of them would otherwise recount the
/// line from its start for each one.
struct Positions<'d> {
    doc: &'d Doc,
    last: Option<(usize, (usize, usize))>,
}

impl<'d> Positions<'d> {
    fn new(doc: &'d Doc) -> Positions<'d> {
        Positions { doc, last: None }
    }

    fn of(&mut self, offset: usize) -> (usize, usize) {
        let pos = match self.last {
            // A BOM is not a column, so never count on from before it.
            Some((prev, (line, column)))
                if prev <= offset
                    && (prev > 0 || !self.doc.source.starts_with('\u{feff}'))
                    && self.doc.lines.line_of(offset) == line =>
            {
                (line, column + self.doc.source[prev..offset].chars().count())
            }
            _ => self.doc.position(offset),
        };
        self.last = Some((offset, pos));
        pos
    }

    /// A finding of `rule` at source `span`.
    fn finding(&mut self, rule: &Rule, span: Range<usize>, message: String) -> Finding {
        let start = self.of(span.start);
        let end = self.of(span.end);
        Finding::at_positions(
            rule.id.as_str(),
            rule.severity,
            &self.doc.path,
            span,
            start,
            end,
            message,
        )
    }
}

/// Fill a message's placeholders.
fn render(message: &str, values: &[(&str, &str)]) -> String {
    let mut out = message.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Capitalise an all-lowercase suggestion that replaces a capitalised match
/// ("Utilize" → "Use"); a suggestion with capitals ("iPhone") is a name
/// whose case is deliberate.
fn match_case(matched: &str, suggestion: &str) -> String {
    let starts_upper = matched.chars().next().is_some_and(char::is_uppercase)
        && !suggestion.chars().any(char::is_uppercase);
    let mut chars = suggestion.chars();
    match chars.next() {
        Some(first) if starts_upper && first.is_lowercase() => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => suggestion.to_string(),
    }
}

pub fn run_doc<'d>(
    rules: &'d [Rule],
    matchers: &Matchers,
    doc: &Doc,
    role: Role,
    claims: &[Claim],
    supported: &[bool],
    mode: Mode,
) -> Vec<Finding> {
    let active: Vec<&Rule> = rules
        .iter()
        .filter(|r| mode == Mode::Examples || applies_to_file(&r.scope, doc, role))
        .collect();
    if active.is_empty() {
        return Vec::new();
    }
    let block_ok = move |rule: &Rule, block: &Block| match mode {
        Mode::Scoped => applies_to_block(&rule.scope, block),
        Mode::Examples => block.side == Side::Ours,
    };

    // Scan every block of ours once, for all term lists together.
    let mut section = 0;
    let mut scanned = Vec::new();
    let mut tagged = Vec::new();
    let mut scratch = Scratch::default();
    for (index, block) in doc.blocks.iter().enumerate() {
        if block.kind == crate::markdown::BlockKind::Heading {
            section += 1;
        }
        if block.side != Side::Ours || block.text.is_empty() {
            continue;
        }
        let at = scanned.len();
        matchers.scan_into(&block.text, &mut scratch, |id, hit| {
            tagged.push((id, at, hit))
        });
        scanned.push(ScannedBlock {
            index,
            block,
            section,
        });
    }
    let hits = DocHits::new(tagged, matchers.count());

    let mut findings = Vec::new();
    let mut positions = Positions::new(doc);
    let mut finding = |rule: &Rule, block: &Block, range: Range<usize>, message: String| {
        positions.finding(rule, block.map.range_to_source(range), message)
    };
    // The blocks in a rule's scope where `terms` occur, with the hits to
    // report there.
    let (hits, scanned) = (&hits, &scanned);
    let hits_in = |rule: &'d Rule, id: usize| {
        hits.blocks(id).filter_map(move |(at, found)| {
            let b = &scanned[at];
            block_ok(rule, b.block).then(|| {
                let selected = select(found, hits.in_block(rule.exceptions.id, at));
                // `context: claims` keeps only what our side says to a customer.
                let kept = selected.filter(move |h| {
                    rule.context == Context::Text
                        || not_a_claim(&doc.source, b.block, &h.range).is_none()
                });
                (b, kept)
            })
        })
    };
    let scope_key = |within: Within, b: &ScannedBlock| match within {
        Within::File => 0,
        Within::Section => b.section,
    };

    for rule in active {
        match &rule.check {
            Check::Forbid(terms) => {
                for (b, selected) in hits_in(rule, terms.id) {
                    for hit in selected {
                        let matched = &b.block.text[hit.range.clone()];
                        let message = render(&rule.message, &[("match", matched)]);
                        findings.push(finding(rule, b.block, hit.range.clone(), message));
                    }
                }
            }
            Check::Replace { terms, suggestions } => {
                for (b, selected) in hits_in(rule, terms.id) {
                    for hit in selected {
                        let matched = &b.block.text[hit.range.clone()];
                        let suggestion = match_case(matched, &suggestions[hit.term]);
                        if matched == suggestion {
                            continue;
                        }
                        let message = render(
                            &rule.message,
                            &[("match", matched), ("suggestion", &suggestion)],
                        );
                        let mut f = finding(rule, b.block, hit.range.clone(), message);
                        // Only a span copied verbatim from the source can be
                        // rewritten safely; one that crosses markup cannot.
                        let span = f.start..f.end;
                        if doc.source.get(span.clone()) == Some(matched) {
                            let (start, end) = ((f.line, f.column), (f.end_line, f.end_column));
                            f = f.with_fix_at_positions(span, start, end, suggestion);
                        }
                        findings.push(f);
                    }
                }
            }
            Check::Limit { terms, max, within } => {
                let mut counts: BTreeMap<usize, Vec<(&ScannedBlock, &Hit)>> = BTreeMap::new();
                for (b, selected) in hits_in(rule, terms.id) {
                    for hit in selected {
                        counts
                            .entry(scope_key(*within, b))
                            .or_default()
                            .push((b, hit));
                    }
                }
                for occurrences in counts.values() {
                    let count = occurrences.len().to_string();
                    for (b, hit) in occurrences.iter().skip(*max) {
                        let matched = &b.block.text[hit.range.clone()];
                        let message = render(
                            &rule.message,
                            &[
                                ("match", matched),
                                ("count", &count),
                                ("max", &max.to_string()),
                            ],
                        );
                        findings.push(finding(rule, b.block, hit.range.clone(), message));
                    }
                }
            }
            Check::Require { when, need, within } => {
                // The need may be met by any of our blocks in scope, whatever
                // the rule's block kinds (a footnote under a pricing table).
                let met: HashSet<usize> = hits
                    .blocks(need.id)
                    .map(|(at, _)| scope_key(*within, &scanned[at]))
                    .collect();
                for (b, selected) in hits_in(rule, when.id) {
                    if met.contains(&scope_key(*within, b)) {
                        continue;
                    }
                    for hit in selected {
                        let matched = &b.block.text[hit.range.clone()];
                        let message = render(&rule.message, &[("match", matched)]);
                        findings.push(finding(rule, b.block, hit.range.clone(), message));
                    }
                }
            }
            Check::Claim {
                kinds,
                strength,
                supported: want_supported,
            } => {
                for (i, claim) in claims.iter().enumerate() {
                    let Ok(at) = scanned.binary_search_by_key(&claim.block, |b| b.index) else {
                        continue;
                    };
                    let b = &scanned[at];
                    if !block_ok(rule, b.block)
                        || (!kinds.is_empty() && !claim.kinds.iter().any(|k| kinds.contains(k)))
                        || (!strength.is_empty() && !strength.contains(&claim.strength))
                        || want_supported
                            .is_some_and(|w| supported.get(i).copied().unwrap_or(false) != w)
                    {
                        continue;
                    }
                    // An exception inside the claim's sentence excuses it.
                    let excused = hits.in_block(rule.exceptions.id, at).iter().any(|e| {
                        let span = b.block.map.range_to_source(e.range.clone());
                        span.start < claim.span.end && claim.span.start < span.end
                    });
                    if excused {
                        continue;
                    }
                    let message = render(&rule.message, &[("match", claim.text.as_str())]);
                    let mut positions = Positions::new(doc);
                    findings.push(positions.finding(rule, claim.span.clone(), message));
                }
            }
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_speaker_scope_matches_the_name_or_the_role_of_each_line() {
        let scope = Scope {
            roles: vec![Role::Sales],
            blocks: Vec::new(),
            speakers: vec!["ae".into()],
            paths: None,
            path_globs: Vec::new(),
        };
        let src = "Priya (AE): One.\nAE: Two.\nRep: Three.\nDana (Customer): Four.\n";
        let doc = crate::markdown::parse("t.md", src.into(), &Default::default());
        let texts: Vec<&str> = doc
            .blocks
            .iter()
            .filter(|b| applies_to_block(&scope, b))
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(texts, ["One.", "Two."]);
    }

    #[test]
    fn suggestion_takes_the_matched_capital_only() {
        assert_eq!(match_case("Utilize", "use"), "Use");
        assert_eq!(match_case("utilize", "use"), "use");
        assert_eq!(match_case("Iphone", "iPhone"), "iPhone");
    }

    #[test]
    fn incremental_positions_agree_with_the_line_index() {
        let doc = crate::rules::example_doc("\u{feff}Réussite garantie, 保証!\r\nNext line é\nend");
        let offsets: Vec<usize> = (0..=doc.source.len())
            .filter(|&i| doc.source.is_char_boundary(i))
            .collect();
        let mut positions = Positions::new(&doc);
        for &o in &offsets {
            assert_eq!(positions.of(o), doc.position(o), "offset {o}");
        }
        // Going backwards falls back to the index.
        for &o in offsets.iter().rev().step_by(3) {
            assert_eq!(positions.of(o), doc.position(o), "offset {o}");
        }
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            render(
                "Use {suggestion}, not {match}.",
                &[("match", "a"), ("suggestion", "b")]
            ),
            "Use b, not a."
        );
    }
}
