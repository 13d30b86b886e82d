//! `onmessage why FILE:LINE`: one line through every stage. The block that
//! holds it, its speaker, each sentence and what extraction decided, the
//! claim's features, the closest brand claims and why each was weighed or
//! not, what every check said, and the findings with their suppression.
//!
//! It runs the same pipeline as `check` (with nothing dropped silently) and
//! rebuilds the brand index from the run's brand claims to look inside it.

use std::path::Path;

use serde::Serialize;
use serde_json::{json, Value};

use crate::align::{BrandIndex, ClaimTrace};
use crate::claims::{self, Claim};
use crate::config::Settings;
use crate::diagnostic::Finding;
use crate::discover;
use crate::error::{Error, Result};
use crate::markdown::{Block, Doc, Role, Side};
use crate::pipeline::{self, Analysis, FileAnalysis};
use crate::suppress::Suppression;

/// A traced line, in the shape `why --format json` prints.
#[derive(Debug, Serialize)]
pub struct LineTrace {
    pub path: String,
    pub line: usize,
    pub role: &'static str,
    pub block: BlockTrace,
    pub sentences: Vec<SentenceTrace>,
}

#[derive(Debug, Serialize)]
pub struct BlockTrace {
    pub kind: String,
    pub heading_path: Vec<String>,
    pub line: usize,
    pub end_line: usize,
}

#[derive(Debug, Serialize)]
pub struct SentenceTrace {
    pub text: String,
    pub column: usize,
    pub speaker: SpeakerTrace,
    /// Until clauses are read, each sentence is one clause.
    pub clauses: Vec<ClauseTrace>,
}

#[derive(Debug, Serialize)]
pub struct SpeakerTrace {
    /// The label's name; None when unlabelled.
    pub name: Option<String>,
    pub side: Side,
    /// The line of the label this text carries; None when unlabelled.
    pub from_line: Option<usize>,
    /// In words: which label, or why ours.
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct ClauseTrace {
    pub text: String,
    pub column: usize,
    pub claim: ClaimDecision,
    /// The claim's features (figures, polarity, strength, terms); null when no claim.
    pub features: Value,
    pub candidates: Vec<Value>,
    pub comparisons: Vec<Value>,
    pub findings: Vec<FindingTrace>,
    /// Brand lines only: key message or not, and whether a sales line carries it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand: Option<Value>,
}

#[derive(Debug, Serialize)]
pub struct ClaimDecision {
    pub is_claim: bool,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct FindingTrace {
    pub rule: String,
    pub severity: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
    /// Why it is not reported; None when it is.
    pub suppressed: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related: Option<Value>,
}

/// Trace line `line` of `path` (as given on the command line).
pub fn trace_line(settings: &Settings, path: &Path, line: usize) -> Result<LineTrace> {
    let rel = discover::relative(&settings.discover, path);
    let mut settings = settings.clone();
    settings.findings_only = false;
    settings.align.explain = true;
    settings.suppress.explain = true;
    settings.suppress.keep_dropped = true;
    let analysis = pipeline::analyze(&settings)?;
    let (file, role) = find_file(&analysis, &rel).ok_or_else(|| {
        Error::new(format!(
            "{rel} is not a brand doc or sales file of this config; see the `brand` and `sales` globs in the config"
        ))
    })?;
    let doc = &file.doc;
    // A table row puts several cells (blocks) on one line: trace them all.
    let on_line_blocks: Vec<usize> = (0..doc.blocks.len())
        .filter(|&i| lines_of(doc, &doc.blocks[i]).contains(&line))
        .collect();
    let Some(&first) = on_line_blocks.first() else {
        return Err(Error::new(format!(
            "{rel}:{line}: the line holds no prose (blank, code, HTML, front matter or a link list)"
        )));
    };
    let block = &doc.blocks[first];
    // Sales files are read knowing the brand's product names, as `check` reads them.
    let extract = match role {
        Role::Sales => {
            let brand: Vec<&Doc> = analysis.brand.iter().map(|f| &f.doc).collect();
            settings.extract.with_brand_products(&brand)
        }
        Role::Brand => {
            let brand: Vec<&Doc> = analysis.brand.iter().map(|f| &f.doc).collect();
            settings.extract.for_brand(&brand)
        }
        _ => settings.extract.clone(),
    };
    let mut on_line: Vec<(usize, claims::SentenceTrace)> = Vec::new();
    let mut claims: Vec<Claim> = Vec::new();
    for &index in &on_line_blocks {
        let (sentences, block_claims) = claims::trace_block(doc, index, &extract);
        claims.extend(block_claims);
        on_line.extend(
            sentences_on_line(doc, sentences, line)
                .into_iter()
                .map(|s| (index, s)),
        );
    }

    let brand_docs = pipeline::brand_view(&analysis.brand);
    let brand_index = (role == Role::Sales)
        .then(|| BrandIndex::build(&brand_docs, &settings.align, &settings.extract.lexicon));
    let findings = findings_of(&analysis, &rel);

    let traced = on_line
        .into_iter()
        .map(|(index, s)| {
            let claim = claims.iter().find(|c| c.span == s.span);
            let mut clause = ClauseTrace {
                text: doc.source[s.span.clone()].to_string(),
                column: doc.position(s.span.start).1,
                claim: ClaimDecision {
                    is_claim: s.is_claim,
                    reason: s.reason.clone(),
                },
                features: claim.map_or(Value::Null, features),
                candidates: Vec::new(),
                comparisons: Vec::new(),
                findings: findings
                    .iter()
                    .filter(|(f, _)| s.span.contains(&f.start) || f.start == s.span.start)
                    .map(|(f, why)| finding_trace(f, *why))
                    .collect(),
                brand: None,
            };
            if let (Some(claim), Some(index)) = (claim, &brand_index) {
                let trace = index.trace(&brand_docs, doc, claim, &settings.align);
                fill_alignment(&mut clause, trace);
            }
            if let (Some(claim), Role::Brand) = (claim, role) {
                clause.brand = Some(brand_status(&analysis, claim, &rel));
            }
            SentenceTrace {
                text: clause.text.clone(),
                column: clause.column,
                speaker: speaker_of(doc, &doc.blocks[index]),
                clauses: vec![clause],
            }
        })
        .collect();

    let block_lines = lines_of(doc, block);
    Ok(LineTrace {
        path: rel,
        line,
        role: match role {
            Role::Brand => "brand",
            _ => "sales",
        },
        block: BlockTrace {
            kind: format!("{:?}", block.kind).to_lowercase(),
            heading_path: block.heading_path.to_vec(),
            line: *block_lines.start(),
            end_line: *block_lines.end(),
        },
        sentences: traced,
    })
}

/// The sentences that start on `line`; failing that, the one running over it.
fn sentences_on_line(
    doc: &Doc,
    sentences: Vec<claims::SentenceTrace>,
    line: usize,
) -> Vec<claims::SentenceTrace> {
    let starts = |s: &claims::SentenceTrace| doc.position(s.span.start).0 == line;
    let covers = |s: &claims::SentenceTrace| {
        doc.position(s.span.start).0 <= line
            && doc.position(s.span.end.max(s.span.start + 1) - 1).0 >= line
    };
    let any_starts = sentences.iter().any(starts);
    sentences
        .into_iter()
        .filter(|s| if any_starts { starts(s) } else { covers(s) })
        .collect()
}

fn find_file<'a>(analysis: &'a Analysis, rel: &str) -> Option<(&'a FileAnalysis, Role)> {
    let brand = analysis.brand.iter().map(|f| (f, Role::Brand));
    let sales = analysis.sales.iter().map(|f| (f, Role::Sales));
    brand.chain(sales).find(|(f, _)| f.doc.path == rel)
}

/// The lines a block spans, first to last.
fn lines_of(doc: &Doc, block: &Block) -> std::ops::RangeInclusive<usize> {
    let first = doc.position(block.span.start).0;
    let last = doc.position(block.span.end.max(block.span.start + 1) - 1).0;
    first..=last
}

/// Every finding of the file, reported or not.
fn findings_of<'a>(analysis: &'a Analysis, rel: &str) -> Vec<(&'a Finding, Option<Suppression>)> {
    let reported = analysis.findings.iter().map(|f| (f, None));
    let dropped = analysis.dropped.iter().map(|(f, why)| (f, Some(*why)));
    reported
        .chain(dropped)
        .filter(|(f, _)| f.path == rel)
        .collect()
}

fn finding_trace(f: &Finding, why: Option<Suppression>) -> FindingTrace {
    FindingTrace {
        rule: f.rule.clone(),
        severity: f.severity.to_string(),
        message: f.message.clone(),
        line: f.line,
        column: f.column,
        suppressed: why.map(Suppression::as_str),
        related: f
            .related
            .first()
            .map(|r| json!({"path": r.path, "line": r.line, "text": r.text})),
    }
}

/// What a claim carries that the checks compare.
fn features(claim: &Claim) -> Value {
    let figures: Vec<Value> = claim
        .quantities
        .iter()
        .map(|q| serde_json::to_value(q).unwrap_or(Value::Null))
        .collect();
    json!({
        "kinds": claim.kinds,
        "figures": figures,
        "polarity": {
            "negated": claim.negated,
            "covers": claim.negated_terms,
        },
        "strength": claim.strength,
        "subject": {
            "about_us": claim.about_us,
            "names_product": claim.names_product,
            "product": claim.product,
        },
        "terms": claim.terms.iter().map(|t| as_written(&claim.text, t)).collect::<Vec<_>>(),
        "names": claim.entities,
    })
}

/// A term as the sentence writes it: terms are stems ("invoic",
/// "accuraci"), so take the sentence's word that the stem, or the stem less
/// its last letter, begins.
fn as_written(sentence: &str, stem: &str) -> String {
    let shorter = stem.char_indices().last().map_or(stem, |(i, _)| &stem[..i]);
    sentence
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .filter(|w| !w.is_empty())
        .find(|w| {
            let lower = w.to_lowercase();
            lower.starts_with(stem) || (shorter.len() >= 3 && lower.starts_with(shorter))
        })
        .map_or_else(|| stem.to_string(), str::to_string)
}

fn fill_alignment(clause: &mut ClauseTrace, trace: ClaimTrace) {
    clause.candidates = trace
        .candidates
        .into_iter()
        .map(|c| {
            json!({
                "path": c.path, "line": c.line, "text": c.text,
                "score": c.score, "accepted": c.accepted, "reason": c.reason,
            })
        })
        .collect();
    clause.comparisons = trace
        .comparisons
        .into_iter()
        .map(
            |c| json!({"check": c.check, "rule": c.rule, "result": c.result, "decided": c.decided}),
        )
        .collect();
}

/// A brand claim's standing: key message, carried, and its conflicts.
fn brand_status(analysis: &Analysis, claim: &Claim, rel: &str) -> Value {
    let on_claim = |f: &&Finding| f.path == rel && claim.span.contains(&f.start);
    let uncarried = analysis
        .findings
        .iter()
        .filter(on_claim)
        .any(|f| f.rule == "coverage.missing-key-message");
    let (line, _) = (claim.line, 0);
    let conflicts: Vec<Value> = analysis
        .findings
        .iter()
        .filter(|f| f.rule == "brand.conflict")
        .filter(|f| on_claim(f) || f.related.iter().any(|r| r.path == rel && r.line == line))
        .map(|f| json!({"path": f.path, "line": f.line, "message": f.message}))
        .collect();
    json!({
        "key_message": claim.key_message,
        "carried": if claim.key_message { Some(!uncarried && analysis.whole_set) } else { None },
        "conflicts": conflicts,
    })
}

/// Who says the block, and why.
fn speaker_of(doc: &Doc, block: &Block) -> SpeakerTrace {
    match &block.speaker {
        Some(turn) => {
            let role = if turn.role != turn.name {
                format!(" ({})", turn.role)
            } else {
                String::new()
            };
            let how = if doc.position(block.span.start).0 == turn.from_line {
                format!("label on line {}", turn.from_line)
            } else {
                format!("carried from the label on line {}", turn.from_line)
            };
            SpeakerTrace {
                name: Some(turn.name.clone()),
                side: turn.side,
                from_line: Some(turn.from_line),
                reason: format!("{}{role}, {how}", turn.name),
            }
        }
        None => SpeakerTrace {
            name: None,
            side: block.side,
            from_line: None,
            reason: match block.side {
                Side::Ours => "no speaker label in force: ours".into(),
                Side::Theirs => "the other side's text".into(),
            },
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_are_shown_as_the_sentence_writes_them() {
        let s = "Invoice capture is basically 99% accurate, with accuracy audits.";
        assert_eq!(as_written(s, "invoic"), "Invoice");
        assert_eq!(as_written(s, "basicalli"), "basically");
        assert_eq!(as_written(s, "accuraci"), "accuracy");
        assert_eq!(as_written(s, "zzz"), "zzz");
    }
}
