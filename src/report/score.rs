//! The alignment score of a sales file: one number, 0–100, defined here once.

use std::collections::HashMap;
use std::ops::Range;

use serde::Serialize;

use crate::diagnostic::{Finding, Severity};
use crate::pipeline::{Analysis, FileAnalysis};

/// The definition, as shown in the reports (docs/report.md says the same).
pub const SCORE_DEFINITION: &str = "Alignment score (0-100): each claim in a sales file earns 1 point when it matches a brand claim and has no error or warning on it, 0.5 when it matches but carries a warning, and 0 when it carries an error or has no brand claim behind it; each error elsewhere in the file costs 1 point and each warning 0.5. Score = 100 x points / claims, kept within 0-100 and rounded to one decimal. A file with no claims has no score (n/a). The overall score weights each file by its number of claims.";

/// How one sales file's claims line up, and the score that follows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FileScore {
    pub path: String,
    pub claims: usize,
    /// Matched to a brand claim, no error or warning on it (1 point each).
    pub aligned: usize,
    /// Matched to a brand claim, a warning but no error on it (0.5 points).
    pub drifted: usize,
    /// An error on it, whatever the rule (0 points).
    pub contradicted: usize,
    /// No brand claim behind it and no error on it (0 points).
    pub unsupported: usize,
    /// Errors in the file that sit on no claim (−1 point each).
    pub other_errors: usize,
    /// Warnings in the file that sit on no claim (−0.5 points each).
    pub other_warnings: usize,
    /// `None` when the file has no claims.
    pub score: Option<f64>,
}

impl FileScore {
    /// The counts in the order of the report's `SCORE_COLUMNS`.
    pub fn counts(&self) -> [usize; 7] {
        [
            self.claims,
            self.aligned,
            self.drifted,
            self.contradicted,
            self.unsupported,
            self.other_errors,
            self.other_warnings,
        ]
    }

    /// Points before dividing by the number of claims (never negative).
    fn points(&self) -> f64 {
        let earned = self.aligned as f64 + 0.5 * self.drifted as f64;
        let lost = self.other_errors as f64 + 0.5 * self.other_warnings as f64;
        (earned - lost).max(0.0)
    }
}

/// Does a finding sit on this byte range? A zero-width finding sits on the
/// range that contains its position.
pub(crate) fn on_span(span: &Range<usize>, finding: &Finding) -> bool {
    if finding.start == finding.end {
        span.start <= finding.start && finding.start < span.end.max(span.start + 1)
    } else {
        finding.start < span.end && span.start < finding.end
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Which claims of a sales file have a brand claim behind them: the aligner
/// matched them to one and did not still call them `align.unsupported` (a
/// claim can be on a brand claim's topic yet assert something it never says).
pub(crate) fn supported_claims(file: &FileAnalysis, findings: &[&Finding]) -> Vec<bool> {
    let mut supported = vec![false; file.claims.len()];
    for m in &file.matches {
        if m.brand.is_some() {
            if let Some(s) = supported.get_mut(m.claim) {
                *s = true;
            }
        }
    }
    for (claim, s) in file.claims.iter().zip(&mut supported) {
        if *s {
            *s = !findings
                .iter()
                .any(|f| f.rule == UNSUPPORTED && on_span(&claim.span, f));
        }
    }
    supported
}

pub(crate) const UNSUPPORTED: &str = "align.unsupported";

/// Score one sales file; `findings` are the findings of that file.
pub fn score_file(file: &FileAnalysis, findings: &[&Finding]) -> FileScore {
    let supported = supported_claims(file, findings);
    let serious: Vec<&Finding> = findings
        .iter()
        .copied()
        .filter(|f| f.severity >= Severity::Warning)
        .collect();
    let mut used = vec![false; serious.len()];
    let mut score = FileScore {
        path: file.doc.path.clone(),
        claims: file.claims.len(),
        aligned: 0,
        drifted: 0,
        contradicted: 0,
        unsupported: 0,
        other_errors: 0,
        other_warnings: 0,
        score: None,
    };
    for (claim, &is_supported) in file.claims.iter().zip(&supported) {
        let mut worst = None;
        for (i, f) in serious.iter().enumerate() {
            if on_span(&claim.span, f) {
                used[i] = true;
                worst = worst.max(Some(f.severity));
            }
        }
        match (worst, is_supported) {
            (Some(Severity::Error), _) => score.contradicted += 1,
            (_, false) => score.unsupported += 1,
            (Some(_), true) => score.drifted += 1,
            (None, true) => score.aligned += 1,
        }
    }
    for (f, used) in serious.iter().zip(used) {
        if !used {
            match f.severity {
                Severity::Error => score.other_errors += 1,
                _ => score.other_warnings += 1,
            }
        }
    }
    if score.claims > 0 {
        score.score = Some(round1(100.0 * score.points() / score.claims as f64));
    }
    score
}

/// Claim-weighted score over several files; `None` when none has a claim.
pub fn overall_score(scores: &[FileScore]) -> Option<f64> {
    let claims: usize = scores.iter().map(|s| s.claims).sum();
    if claims == 0 {
        return None;
    }
    let points: f64 = scores.iter().map(FileScore::points).sum();
    Some(round1(100.0 * points / claims as f64))
}

/// Every sales file's breakdown, in the analysis' order.
pub(crate) fn score_all(analysis: &Analysis) -> Vec<FileScore> {
    let mut by_path: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in &analysis.findings {
        by_path.entry(f.path.as_str()).or_default().push(f);
    }
    analysis
        .sales
        .iter()
        .map(|file| {
            let findings = by_path
                .get(file.doc.path.as_str())
                .map(Vec::as_slice)
                .unwrap_or_default();
            score_file(file, findings)
        })
        .collect()
}

/// Each sales file's path and alignment score (`None`: no claims, no score).
/// `check --min-score N` fails when any `Some(score) < N`.
pub fn file_scores(analysis: &Analysis) -> Vec<(String, Option<f64>)> {
    score_all(analysis)
        .into_iter()
        .map(|s| (s.path, s.score))
        .collect()
}

/// The sales files whose score is below `min`, with their score: what
/// `check --min-score N` fails on. Files without a score (no claims) never fail.
pub fn files_below(analysis: &Analysis, min: f64) -> Vec<(String, f64)> {
    file_scores(analysis)
        .into_iter()
        .filter_map(|(path, score)| score.filter(|s| *s < min).map(|s| (path, s)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::LineIndex;

    fn finding_at(source: &str, span: Range<usize>) -> Finding {
        let lines = LineIndex::new(source);
        Finding::at("x.y", Severity::Warning, "s.md", source, &lines, span, "m")
    }

    #[test]
    fn findings_sit_on_overlapping_claims_only() {
        let src = "First. Second.";
        let second = 7..14;
        assert!(on_span(&second, &finding_at(src, 5..8)));
        assert!(!on_span(&second, &finding_at(src, 0..7)));
        assert!(on_span(&second, &finding_at(src, 13..20)));
    }

    #[test]
    fn zero_width_findings_sit_on_the_claim_containing_them() {
        let src = "First. Second.";
        let second = 7..14;
        assert!(on_span(&second, &finding_at(src, 7..7)));
        assert!(!on_span(&second, &finding_at(src, 0..0)));
        assert!(!on_span(&second, &finding_at(src, 14..14)));
        // An empty claim span still owns its own position.
        assert!(on_span(&(3..3), &finding_at(src, 3..3)));
    }
}
