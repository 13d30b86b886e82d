//! Baselines: record today's findings so that `check` reports only new ones.
//!
//! A finding is identified by its fingerprint: rule + path + the normalised
//! text of its span + which occurrence of that (rule, path, text) it is in
//! the file. Line numbers are deliberately not part of it, so editing a file
//! above a finding does not resurrect it. SARIF's `partialFingerprints` use
//! the same identity.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::diagnostic::Finding;
use crate::error::{Error, Result};
use crate::markdown::Doc;
use crate::registry::selects;
use crate::{Analysis, RunOptions};

pub const BASELINE_FILE: &str = ".onmessage-baseline.json";
const FORMAT_VERSION: u32 = 1;

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

/// The file: a sorted list of fingerprints.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Fingerprint>,
}

/// What applying a baseline did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Current findings hidden because the baseline lists them.
    pub suppressed: usize,
    /// Baselined findings (among the files and rules this run checked) that no longer occur.
    pub fixed: usize,
}

impl Baseline {
    pub fn default_path(config: &Config) -> PathBuf {
        config.root.join(BASELINE_FILE)
    }

    pub fn load(path: &Path) -> Result<Baseline> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
            Error::at(
                path,
                e.line(),
                e.column(),
                format!("invalid baseline file: {e}"),
            )
        })?;
        if baseline.version != FORMAT_VERSION {
            return Err(Error::new(format!(
                "{}: baseline version {} is not supported (expected {FORMAT_VERSION}); run `onmessage baseline` again",
                path.display(),
                baseline.version
            )));
        }
        Ok(baseline)
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(self)
            .map_err(|e| Error::new(format!("{}: {e}", path.display())))?;
        text.push('\n');
        std::fs::write(path, text).map_err(|e| Error::io(path, e))
    }

    /// The baseline for `analysis`. Entries for files or rules this run did
    /// not check are carried over from `previous`, so a baseline written for
    /// a few paths does not forget the rest.
    pub fn record(analysis: &Analysis, options: &RunOptions, previous: &Baseline) -> Baseline {
        let docs = crate::output::docs_by_path(analysis);
        let mut findings: BTreeSet<Fingerprint> = fingerprints(&analysis.findings, &docs)
            .into_iter()
            .collect();
        findings.extend(
            previous
                .findings
                .iter()
                .filter(|fp| !in_scope(fp, analysis, options, &docs))
                .cloned(),
        );
        Baseline {
            version: FORMAT_VERSION,
            findings: findings.into_iter().collect(),
        }
    }

    /// Drop the findings this baseline lists and count the ones that are gone.
    pub fn apply(&self, analysis: &mut Analysis, options: &RunOptions) -> Outcome {
        let docs = crate::output::docs_by_path(analysis);
        let current = fingerprints(&analysis.findings, &docs);
        let listed: BTreeSet<&Fingerprint> = self.findings.iter().collect();
        let present: BTreeSet<&Fingerprint> = current.iter().collect();
        let fixed = self
            .findings
            .iter()
            .filter(|fp| !present.contains(fp) && in_scope(fp, analysis, options, &docs))
            .count();
        let keep: Vec<bool> = current.iter().map(|fp| !listed.contains(fp)).collect();
        drop(docs);
        let before = analysis.findings.len();
        let mut keep = keep.into_iter();
        analysis.findings.retain(|_| keep.next().unwrap_or(true));
        Outcome {
            suppressed: before - analysis.findings.len(),
            fixed,
        }
    }
}

/// Could this run have reported `fp`? Its file was read, its rule selected,
/// and coverage only counts when every sales file was checked.
fn in_scope(
    fp: &Fingerprint,
    analysis: &Analysis,
    options: &RunOptions,
    docs: &BTreeMap<&str, &Doc>,
) -> bool {
    let selected = (options.select.is_empty()
        || options.select.iter().any(|p| selects(p, &fp.rule)))
        && !options.ignore.iter().any(|p| selects(p, &fp.rule));
    let coverage_ok = analysis.whole_set || !selects("coverage", &fp.rule);
    docs.contains_key(fp.path.as_str()) && selected && coverage_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Speakers;
    use crate::diagnostic::Severity;
    use crate::FileAnalysis;

    fn analysis(source: &str, needles: &[&str]) -> Analysis {
        let doc = crate::markdown::parse("sales/a.md", source.to_string(), &Speakers::default());
        let mut findings: Vec<Finding> = needles
            .iter()
            .flat_map(|needle| source.match_indices(needle).map(|(i, _)| (i, needle.len())))
            .map(|(i, len)| {
                Finding::at(
                    "risky.guarantee",
                    Severity::Warning,
                    "sales/a.md",
                    &doc.source,
                    &doc.lines,
                    i..i + len,
                    "m",
                )
            })
            .collect();
        crate::diagnostic::sort_and_dedup(&mut findings);
        Analysis {
            sales: vec![FileAnalysis {
                doc,
                role: crate::markdown::Role::Sales,
                claims: Vec::new(),
                matches: Vec::new(),
            }],
            findings,
            whole_set: true,
            ..Analysis::default()
        }
    }

    #[test]
    fn fingerprints_ignore_line_moves_but_count_occurrences() {
        let a = analysis(
            "We guarantee it.\nWe GUARANTEE  it.\n",
            &["guarantee", "GUARANTEE"],
        );
        let b = analysis(
            "# New heading\n\nWe guarantee it.\n\nWe GUARANTEE  it.\n",
            &["guarantee", "GUARANTEE"],
        );
        let fa = fingerprints(&a.findings, &crate::output::docs_by_path(&a));
        let fb = fingerprints(&b.findings, &crate::output::docs_by_path(&b));
        assert_eq!(fa, fb);
        assert_eq!(fa[0].occurrence, 1);
        assert_eq!(fa[1].occurrence, 2);
        assert_eq!(fa[0].text, "guarantee");
        assert_ne!(fa[0].hash(), fa[1].hash());
    }

    #[test]
    fn apply_reports_only_new_findings_and_counts_fixed_ones() {
        let options = RunOptions::default();
        let old = analysis("We guarantee it. Always.\n", &["guarantee", "Always"]);
        let baseline = Baseline::record(&old, &options, &Baseline::default());
        assert_eq!(baseline.findings.len(), 2);

        let mut new = analysis("Intro.\nWe guarantee it. Never.\n", &["guarantee", "Never"]);
        let outcome = baseline.apply(&mut new, &options);
        assert_eq!(
            outcome,
            Outcome {
                suppressed: 1,
                fixed: 1
            }
        );
        assert_eq!(new.findings.len(), 1);
        assert_eq!(new.findings[0].line, 2);
    }

    #[test]
    fn entries_for_unchecked_files_are_kept_and_not_counted_fixed() {
        let options = RunOptions::default();
        let mut other = Fingerprint {
            rule: "risky.guarantee".into(),
            path: "sales/other.md".into(),
            text: "x".into(),
            occurrence: 1,
        };
        let previous = Baseline {
            version: 1,
            findings: vec![other.clone()],
        };
        let mut run = analysis("Fine.\n", &[]);
        assert_eq!(previous.apply(&mut run, &options).fixed, 0);
        let recorded = Baseline::record(&run, &options, &previous);
        assert_eq!(recorded.findings, vec![other.clone()]);
        other.path = "sales/a.md".into();
        let previous = Baseline {
            version: 1,
            findings: vec![other],
        };
        assert_eq!(previous.apply(&mut run, &options).fixed, 1);
    }

    #[test]
    fn load_names_the_file_and_line_of_a_bad_baseline() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(BASELINE_FILE);
        std::fs::write(
            &path,
            "{\n  \"version\": 1,\n  \"findings\": [ {\"rule\": 3} ]\n}\n",
        )
        .unwrap();
        let err = Baseline::load(&path).unwrap_err().to_string();
        assert!(err.contains(BASELINE_FILE) && err.contains(":3:"), "{err}");
    }
}
