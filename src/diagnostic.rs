//! The one shape every stage reports in: a `Finding` at a span of a file.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::markdown::{Doc, LineIndex};

/// How serious a finding is. Ordered so that `Error > Warning > Info`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning or info)"
            )),
        }
    }
}

/// Another place a finding points at, usually the brand claim it was compared with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub path: String,
    pub line: usize,
    pub text: String,
}

/// A replacement for the finding's span (or a part of it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub replacement: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    /// Byte range in the source; not part of the public output.
    #[serde(skip)]
    pub start: usize,
    #[serde(skip)]
    pub end: usize,
}

/// One problem at one span of one file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub message: String,
    pub related: Vec<Related>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub fix: Option<Fix>,
    /// Scores of the matched brand claim and runners-up, with `--explain`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub explain: Option<serde_json::Value>,
    /// Byte range in the source; used by suppression, baselines and fixes.
    #[serde(skip)]
    pub start: usize,
    #[serde(skip)]
    pub end: usize,
}

impl Finding {
    /// A finding at byte range `span` of a file whose lines are `lines`.
    pub fn at(
        rule: impl Into<String>,
        severity: Severity,
        path: &str,
        source: &str,
        lines: &LineIndex,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Finding {
        let start = lines.position(source, span.start);
        let end = lines.position(source, span.end);
        Finding::at_positions(rule, severity, path, span, start, end, message)
    }

    /// `at` in a parsed document.
    pub fn in_doc(
        rule: impl Into<String>,
        severity: Severity,
        doc: &Doc,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Finding {
        Finding::at(
            rule,
            severity,
            &doc.path,
            &doc.source,
            &doc.lines,
            span,
            message,
        )
    }

    /// `at` for a caller that already knows the 1-based (line, column) of
    /// the span's ends: one reporting many spans of one long line computes
    /// them incrementally, where `at` would recount the line each time.
    pub fn at_positions(
        rule: impl Into<String>,
        severity: Severity,
        path: &str,
        span: Range<usize>,
        (line, column): (usize, usize),
        (end_line, end_column): (usize, usize),
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            path: path.to_string(),
            line,
            column,
            end_line,
            end_column,
            message: message.into(),
            related: Vec::new(),
            fix: None,
            explain: None,
            start: span.start,
            end: span.end,
        }
    }

    pub fn with_related(mut self, related: Related) -> Finding {
        self.related.push(related);
        self
    }

    /// Attach a fix replacing byte range `span` with `replacement`.
    pub fn with_fix(
        self,
        source: &str,
        lines: &LineIndex,
        span: Range<usize>,
        replacement: impl Into<String>,
    ) -> Finding {
        let start = lines.position(source, span.start);
        let end = lines.position(source, span.end);
        self.with_fix_at_positions(span, start, end, replacement)
    }

    /// `with_fix` with the span's positions already known (see `at_positions`).
    pub fn with_fix_at_positions(
        mut self,
        span: Range<usize>,
        (line, column): (usize, usize),
        (end_line, end_column): (usize, usize),
        replacement: impl Into<String>,
    ) -> Finding {
        self.fix = Some(Fix {
            replacement: replacement.into(),
            line,
            column,
            end_line,
            end_column,
            start: span.start,
            end: span.end,
        });
        self
    }

    /// The order findings are reported in: path, line, column, rule.
    pub fn sort_key(&self) -> (&str, usize, usize, &str, usize, usize) {
        (
            &self.path,
            self.line,
            self.column,
            &self.rule,
            self.end_line,
            self.end_column,
        )
    }
}

/// Sort findings into their reporting order and drop exact duplicates
/// (one rule fires once per span).
pub fn sort_and_dedup(findings: &mut Vec<Finding>) {
    findings.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.message.cmp(&b.message))
    });
    findings.dedup_by(|b, a| {
        a.rule == b.rule && a.path == b.path && a.start == b.start && a.end == b.end
    });
}

// Fingerprints: what identifies a finding across edits. Rule + path + the
// normalised text of its span + which occurrence of that (rule, path, text)
// it is in the file. Line numbers are deliberately not part of it, so editing
// a file above a finding does not resurrect it. Baselines and SARIF's
// `partialFingerprints` both use it.

/// What identifies a finding across edits.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fingerprint {
    pub rule: String,
    pub path: String,
    /// The span's text, lowercased with whitespace collapsed.
    pub text: String,
    /// 1 for the first finding with this rule, path and text in the file, 2 for the next…
    pub occurrence: usize,
}

impl Fingerprint {
    /// A short stable hash (FNV-1a, 64 bits) for SARIF `partialFingerprints`.
    pub fn hash(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let occurrence = self.occurrence.to_string();
        for part in [&self.rule, &self.path, &self.text, &occurrence] {
            for byte in part.bytes().chain([0]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        }
        format!("{hash:016x}")
    }
}

/// The fingerprint of each finding, in the same order. `findings` must be in
/// reporting order (as `analyze` returns them) so occurrences count down the file.
pub fn fingerprints(findings: &[Finding], docs: &BTreeMap<&str, &Doc>) -> Vec<Fingerprint> {
    let mut seen: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    findings
        .iter()
        .map(|f| {
            let text = normalise(span_text(f, docs.get(f.path.as_str()).copied()));
            let count = seen
                .entry((f.rule.clone(), f.path.clone(), text.clone()))
                .or_insert(0);
            *count += 1;
            Fingerprint {
                rule: f.rule.clone(),
                path: f.path.clone(),
                text,
                occurrence: *count,
            }
        })
        .collect()
}

/// The source text a finding points at; its message when the span is empty
/// or the file is not at hand.
fn span_text<'a>(f: &'a Finding, doc: Option<&'a Doc>) -> &'a str {
    doc.and_then(|d| d.source.get(f.start..f.end))
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&f.message)
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
