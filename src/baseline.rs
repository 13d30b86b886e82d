//! Baselines: record today's findings so that `check` reports only new ones.
//!
//! A finding is identified by its fingerprint (`diagnostic::Fingerprint`),
//! the same identity SARIF's `partialFingerprints` use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{fingerprints, Finding, Fingerprint};
use crate::error::{Error, Result};
use crate::markdown::Doc;
use crate::registry::selects;

pub const BASELINE_FILE: &str = ".onmessage-baseline.json";
const FORMAT_VERSION: u32 = 1;

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
    /// Where `check` looks for a baseline: beside the config, in `root`.
    pub fn default_path(root: &Path) -> PathBuf {
        root.join(BASELINE_FILE)
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

    /// The baseline for this run's `findings` (in reporting order). Entries
    /// for files or rules this run did not check are carried over from
    /// `previous`, so a baseline written for a few paths does not forget the rest.
    pub fn record(findings: &[Finding], scope: &RunScope<'_>, previous: &Baseline) -> Baseline {
        let mut kept: BTreeSet<Fingerprint> =
            fingerprints(findings, scope.docs).into_iter().collect();
        kept.extend(
            previous
                .findings
                .iter()
                .filter(|fp| !scope.could_report(fp))
                .cloned(),
        );
        Baseline {
            version: FORMAT_VERSION,
            findings: kept.into_iter().collect(),
        }
    }

    /// Drop the findings this baseline lists and count the ones that are gone.
    pub fn apply(&self, findings: &mut Vec<Finding>, scope: &RunScope<'_>) -> Outcome {
        let current = fingerprints(findings, scope.docs);
        let listed: BTreeSet<&Fingerprint> = self.findings.iter().collect();
        // A finding whose span now lies inside a listed finding's text (a
        // clause of what was one sentence) is that finding, read finer.
        let within = |fp: &Fingerprint, entry: &Fingerprint| {
            entry.rule == fp.rule
                && entry.path == fp.path
                && !fp.text.is_empty()
                // Equal texts are told apart by their occurrence instead.
                && entry.text.len() > fp.text.len()
                && entry.text.contains(fp.text.as_str())
        };
        let known = |fp: &Fingerprint| {
            listed.contains(fp) || self.findings.iter().any(|entry| within(fp, entry))
        };
        let fixed = self
            .findings
            .iter()
            .filter(|entry| {
                !current.iter().any(|fp| fp == *entry || within(fp, entry))
                    && scope.could_report(entry)
            })
            .count();
        let keep: Vec<bool> = current.iter().map(|fp| !known(fp)).collect();
        let before = findings.len();
        let mut keep = keep.into_iter();
        findings.retain(|_| keep.next().unwrap_or(true));
        Outcome {
            suppressed: before - findings.len(),
            fixed,
        }
    }
}

/// What a run checked: the files it read, the rules it selected, and
/// whether it saw every sales file.
pub struct RunScope<'a> {
    /// Every file the run parsed, by relative path.
    pub docs: &'a BTreeMap<&'a str, &'a Doc>,
    pub select: &'a [String],
    pub ignore: &'a [String],
    pub whole_set: bool,
}

impl RunScope<'_> {
    /// Could this run have reported `fp`? Its file was read, its rule
    /// selected, and coverage only counts when every sales file was checked.
    fn could_report(&self, fp: &Fingerprint) -> bool {
        let selected = (self.select.is_empty() || self.select.iter().any(|p| selects(p, &fp.rule)))
            && !self.ignore.iter().any(|p| selects(p, &fp.rule));
        let coverage_ok = self.whole_set || !selects("coverage", &fp.rule);
        self.docs.contains_key(fp.path.as_str()) && selected && coverage_ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::markdown::Speakers;

    /// A parsed sales file and findings at each needle.
    struct Run {
        doc: Doc,
        findings: Vec<Finding>,
    }

    impl Run {
        fn docs(&self) -> BTreeMap<&str, &Doc> {
            BTreeMap::from([(self.doc.path.as_str(), &self.doc)])
        }
    }

    fn scope<'a>(docs: &'a BTreeMap<&'a str, &'a Doc>) -> RunScope<'a> {
        RunScope {
            docs,
            select: &[],
            ignore: &[],
            whole_set: true,
        }
    }

    fn analysis(source: &str, needles: &[&str]) -> Run {
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
        Run { doc, findings }
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
        let fa = fingerprints(&a.findings, &a.docs());
        let fb = fingerprints(&b.findings, &b.docs());
        assert_eq!(fa, fb);
        assert_eq!(fa[0].occurrence, 1);
        assert_eq!(fa[1].occurrence, 2);
        assert_eq!(fa[0].text, "guarantee");
        assert_ne!(fa[0].hash(), fa[1].hash());
    }

    #[test]
    fn a_finding_now_read_as_a_clause_of_a_listed_one_stays_hidden() {
        let sentence = "We guarantee it, and we refund every fee.";
        let old = analysis(&format!("{sentence}\n"), &[sentence]);
        let baseline = Baseline::record(&old.findings, &scope(&old.docs()), &Baseline::default());
        // The same line, now flagged clause by clause.
        let mut new = analysis(
            &format!("{sentence}\nWe refund half.\n"),
            &["We guarantee it", "we refund every fee", "We refund half"],
        );
        let docs = BTreeMap::from([(new.doc.path.as_str(), &new.doc)]);
        let outcome = baseline.apply(&mut new.findings, &scope(&docs));
        assert_eq!(
            outcome,
            Outcome {
                suppressed: 2,
                fixed: 0
            }
        );
        assert_eq!(new.findings.len(), 1);
        assert_eq!(new.findings[0].line, 2);
    }

    #[test]
    fn apply_reports_only_new_findings_and_counts_fixed_ones() {
        let old = analysis("We guarantee it. Always.\n", &["guarantee", "Always"]);
        let baseline = Baseline::record(&old.findings, &scope(&old.docs()), &Baseline::default());
        assert_eq!(baseline.findings.len(), 2);

        let mut new = analysis("Intro.\nWe guarantee it. Never.\n", &["guarantee", "Never"]);
        let docs = BTreeMap::from([(new.doc.path.as_str(), &new.doc)]);
        let outcome = baseline.apply(&mut new.findings, &scope(&docs));
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
        let docs = BTreeMap::from([(run.doc.path.as_str(), &run.doc)]);
        assert_eq!(previous.apply(&mut run.findings, &scope(&docs)).fixed, 0);
        let recorded = Baseline::record(&run.findings, &scope(&docs), &previous);
        assert_eq!(recorded.findings, vec![other.clone()]);
        other.path = "sales/a.md".into();
        let previous = Baseline {
            version: 1,
            findings: vec![other],
        };
        assert_eq!(previous.apply(&mut run.findings, &scope(&docs)).fixed, 1);
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
