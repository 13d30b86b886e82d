//! The suppression stage, in one place: drop findings that inline
//! directives, config or `--select`/`--ignore` turn off and apply severity
//! overrides; then keep only the files in scope (`--stdin`: the one file) and
//! hide what the baseline lists. Also reports directives that name unknown
//! rules (`directive.unknown-rule`) or suppress nothing (`directive.unused`).
//!
//! Order matters for `directive.unused`: findings of rules the run does not
//! report are dropped first, so a directive only counts as used when it
//! silenced something that would otherwise have been shown.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::align::guidance::DIRECTIVE as GUIDANCE;
use crate::baseline::{self, Baseline, RunScope};
use crate::diagnostic::{self, Finding, Severity};
use crate::markdown::{Directive, DirectiveKind, Doc, Side};
use crate::registry::{self, selects};
use crate::rules::RulesConfig;

/// The suppression stage's settings.
#[derive(Clone, Debug, Default)]
pub struct SuppressSettings {
    /// `rules.disable` and `rules.severity` from the config.
    pub rules: RulesConfig,
    /// `--select`: only these rule ids or groups (empty: all).
    pub select: Vec<String>,
    /// `--ignore`: never these rule ids or groups.
    pub ignore: Vec<String>,
    /// `--explain`: keep the match scores findings carry.
    pub explain: bool,
    /// Report only this file's findings (an editor asked about one file).
    pub only_path: Option<String>,
    /// Hide the findings this baseline lists (read from the path given).
    pub baseline: Option<(PathBuf, Baseline)>,
    /// Keep what was dropped, and why (`onmessage why`).
    pub keep_dropped: bool,
}

/// Why a finding is not reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suppression {
    /// An `onmessage-disable` comment.
    Directive,
    /// It lies in the other side's lines (a prospect's turn).
    TheirSide,
    /// `--select`, `--ignore` or `rules.disable`.
    Selection,
    /// Outside the file the run was asked about (`--stdin`).
    Scope,
    /// Listed in the baseline.
    Baseline,
}

impl Suppression {
    pub fn as_str(self) -> &'static str {
        match self {
            Suppression::Directive => "directive",
            Suppression::TheirSide => "their side",
            Suppression::Selection => "selection",
            Suppression::Scope => "scope",
            Suppression::Baseline => "baseline",
        }
    }
}

/// The findings a run reports, and what the baseline hid.
#[derive(Debug, Default)]
pub struct Suppressed {
    /// Sorted, deduplicated.
    pub findings: Vec<Finding>,
    pub baseline: Option<BaselineNote>,
    /// With `keep_dropped`: the findings not reported, and why.
    pub dropped: Vec<(Finding, Suppression)>,
}

/// What applying the baseline did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaselineNote {
    pub path: PathBuf,
    pub outcome: baseline::Outcome,
}

/// The whole stage. `docs` are every file the run parsed; `known_ids` the
/// run's rule ids; `whole_set` whether every sales file was checked.
pub fn apply(
    findings: Vec<Finding>,
    docs: &[&Doc],
    settings: &SuppressSettings,
    known_ids: &[String],
    whole_set: bool,
) -> Suppressed {
    let mut dropped = Vec::new();
    let sink = settings.keep_dropped.then_some(&mut dropped);
    let mut findings =
        by_directives_and_selection(findings, docs, settings, known_ids, whole_set, sink);
    if !settings.explain {
        for f in &mut findings {
            f.explain = None;
        }
    }
    diagnostic::sort_and_dedup(&mut findings);
    if let Some(path) = &settings.only_path {
        let (kept, outside): (Vec<Finding>, Vec<Finding>) =
            findings.into_iter().partition(|f| &f.path == path);
        findings = kept;
        if settings.keep_dropped {
            dropped.extend(outside.into_iter().map(|f| (f, Suppression::Scope)));
        }
    }
    let baseline = settings.baseline.as_ref().map(|(path, baseline)| {
        let by_path: BTreeMap<&str, &Doc> = docs.iter().map(|d| (d.path.as_str(), *d)).collect();
        let scope = RunScope {
            docs: &by_path,
            select: &settings.select,
            ignore: &settings.ignore,
            whole_set,
        };
        let before = settings.keep_dropped.then(|| findings.clone());
        let outcome = baseline.apply(&mut findings, &scope);
        for f in before.into_iter().flatten() {
            if !findings.contains(&f) {
                dropped.push((f, Suppression::Baseline));
            }
        }
        BaselineNote {
            path: path.clone(),
            outcome,
        }
    });
    Suppressed {
        findings,
        baseline,
        dropped,
    }
}

fn by_directives_and_selection(
    findings: Vec<Finding>,
    docs: &[&Doc],
    settings: &SuppressSettings,
    known_ids: &[String],
    whole_set: bool,
    mut sink: Option<&mut Vec<(Finding, Suppression)>>,
) -> Vec<Finding> {
    let by_path: HashMap<&str, &Doc> = docs.iter().map(|d| (d.path.as_str(), *d)).collect();
    let filter = Filter { settings };

    let mut used: HashMap<&str, Vec<bool>> = docs
        .iter()
        .map(|d| (d.path.as_str(), vec![false; d.directives.len()]))
        .collect();

    let (findings, deselected): (Vec<Finding>, Vec<Finding>) =
        findings.into_iter().partition(|f| filter.enabled(&f.rule));
    record(&mut sink, deselected, Suppression::Selection);
    let mut dropped = vec![false; findings.len()];
    let mut per_doc: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        per_doc.entry(f.path.as_str()).or_default().push(i);
    }
    for (path, indices) in per_doc {
        let (Some(doc), Some(flags)) = (by_path.get(path), used.get_mut(path)) else {
            continue;
        };
        silence(doc, &findings, indices, &mut dropped, flags);
    }
    let mut kept = Vec::with_capacity(findings.len());
    for (f, silenced) in findings.into_iter().zip(dropped) {
        if !silenced {
            kept.push(f);
        } else if let Some(sink) = sink.as_deref_mut() {
            let theirs = by_path
                .get(f.path.as_str())
                .is_some_and(|doc| in_spans(&their_spans(doc), f.start));
            let why = if theirs {
                Suppression::TheirSide
            } else {
                Suppression::Directive
            };
            sink.push((f, why));
        }
    }

    let ids = registry::all_ids(known_ids);
    for doc in docs {
        let flags = &used[doc.path.as_str()];
        for (directive, &was_used) in doc.directives.iter().zip(flags) {
            let unknown: Vec<&str> = directive
                .rules
                .iter()
                .map(String::as_str)
                // `guidance` opts a brand section out of derived checks: no rule.
                .filter(|p| *p != GUIDANCE && !ids.iter().any(|id| selects(p, id)))
                .collect();
            let only_guidance =
                !directive.rules.is_empty() && directive.rules.iter().all(|r| r == GUIDANCE);
            for pattern in &unknown {
                kept.push(directive_finding(
                    doc,
                    directive,
                    "directive.unknown-rule",
                    unknown_message(pattern, &ids),
                ));
            }
            let disables = matches!(
                directive.kind,
                DirectiveKind::Disable | DirectiveKind::DisableNextLine
            );
            if disables
                && !only_guidance
                && !was_used
                && unknown.is_empty()
                && filter.could_report(directive, &ids, whole_set)
            {
                kept.push(directive_finding(
                    doc,
                    directive,
                    "directive.unused",
                    format!(
                        "this `onmessage-{}` comment suppressed nothing; delete it",
                        kind_name(directive.kind)
                    ),
                ));
            }
        }
    }
    let (mut kept, deselected): (Vec<Finding>, Vec<Finding>) =
        kept.into_iter().partition(|f| filter.enabled(&f.rule));
    record(&mut sink, deselected, Suppression::Selection);
    for f in &mut kept {
        if let Some(severity) = filter.severity(&f.rule) {
            f.severity = severity;
        }
    }
    kept
}

/// Keep dropped findings, with why, when someone asked for them.
fn record(
    sink: &mut Option<&mut Vec<(Finding, Suppression)>>,
    findings: Vec<Finding>,
    why: Suppression,
) {
    if let Some(sink) = sink.as_deref_mut() {
        sink.extend(findings.into_iter().map(|f| (f, why)));
    }
}

/// Which rules the run reports, from config and the command line.
struct Filter<'a> {
    settings: &'a SuppressSettings,
}

impl Filter<'_> {
    fn enabled(&self, id: &str) -> bool {
        let any = |patterns: &[String]| patterns.iter().any(|p| selects(p, id));
        let s = self.settings;
        !any(&s.rules.disable) && (s.select.is_empty() || any(&s.select)) && !any(&s.ignore)
    }

    /// `rules.severity` override; the most specific matching pattern wins.
    fn severity(&self, id: &str) -> Option<Severity> {
        self.settings
            .rules
            .severity
            .iter()
            .filter(|(pattern, _)| selects(pattern, id))
            .max_by_key(|(pattern, _)| pattern.len())
            .map(|(_, severity)| *severity)
    }

    /// Could a finding this directive disables have been reported in this run?
    /// If not, its silence says nothing about whether it is stale.
    fn could_report(&self, directive: &Directive, ids: &[String], whole_set: bool) -> bool {
        let patterns: Vec<&str> = if directive.rules.is_empty() {
            vec![""]
        } else {
            directive.rules.iter().map(String::as_str).collect()
        };
        patterns.iter().all(|p| {
            ids.iter()
                .filter(|id| p.is_empty() || selects(p, id))
                // Coverage runs only on the whole sales set.
                .filter(|id| whole_set || !selects("coverage", id))
                .any(|id| self.enabled(id))
        })
    }
}

/// Mark the findings of one doc (`indices` into `findings`) that the other
/// side's blocks or the doc's directives silence, and the directives that did.
/// One sweep per rule over the sorted directives keeps this linear even for
/// files with many findings and many directives.
fn silence(
    doc: &Doc,
    findings: &[Finding],
    indices: Vec<usize>,
    dropped: &mut [bool],
    used: &mut [bool],
) {
    let theirs = their_spans(doc);
    let mut by_rule: HashMap<&str, Vec<usize>> = HashMap::new();
    for i in indices {
        if in_spans(&theirs, findings[i].start) {
            // Rules must not report the other side's lines; this is the safety net.
            dropped[i] = true;
        } else {
            by_rule
                .entry(findings[i].rule.as_str())
                .or_default()
                .push(i);
        }
    }
    let directives = &doc.directives;
    for (rule, mut indices) in by_rule {
        let applies: Vec<bool> = directives
            .iter()
            .map(|d| d.rules.is_empty() || d.rules.iter().any(|p| selects(p, rule)))
            .collect();
        let mut next_line: HashMap<usize, usize> = HashMap::new();
        for (k, d) in directives.iter().enumerate() {
            if let (DirectiveKind::DisableNextLine, Some(line), true) =
                (d.kind, d.target_line, applies[k])
            {
                next_line.entry(line).or_insert(k);
            }
        }
        indices.sort_by_key(|&i| findings[i].start);
        // The last disable/enable before a finding that names its rule decides.
        let mut region: Option<usize> = None;
        let mut k = 0;
        for i in indices {
            let f = &findings[i];
            while k < directives.len() && directives[k].span.start <= f.start {
                match directives[k].kind {
                    DirectiveKind::Disable if applies[k] => region = Some(k),
                    DirectiveKind::Enable if applies[k] => region = None,
                    _ => {}
                }
                k += 1;
            }
            if let Some(by) = next_line.get(&f.line).copied().or(region) {
                dropped[i] = true;
                used[by] = true;
            }
        }
    }
}

/// Spans of the other side's blocks, sorted and merged.
fn their_spans(doc: &Doc) -> Vec<std::ops::Range<usize>> {
    let mut spans: Vec<std::ops::Range<usize>> = doc
        .blocks
        .iter()
        .filter(|b| b.side == Side::Theirs)
        .map(|b| b.span.start..b.span.end.max(b.span.start + 1))
        .collect();
    spans.sort_by_key(|r| r.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(spans.len());
    for r in spans {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

fn in_spans(spans: &[std::ops::Range<usize>], offset: usize) -> bool {
    let i = spans.partition_point(|r| r.start <= offset);
    i > 0 && offset < spans[i - 1].end
}

fn directive_finding(doc: &Doc, directive: &Directive, rule: &str, message: String) -> Finding {
    let severity = registry::computed_rule(rule).map_or(Severity::Warning, |r| r.severity);
    Finding::in_doc(rule, severity, doc, directive.span.clone(), message)
}

fn unknown_message(pattern: &str, ids: &[String]) -> String {
    let mut message =
        format!("unknown rule `{pattern}` in onmessage directive: no rule or group has this id");
    let groups = ids
        .iter()
        .filter_map(|id| id.split_once('.').map(|(g, _)| g.to_string()));
    let closest = ids
        .iter()
        .cloned()
        .chain(groups)
        .map(|c| (strsim::jaro_winkler(pattern, &c), c))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((_, id)) = closest {
        message.push_str(&format!("; did you mean `{id}`?"));
    }
    message
}

fn kind_name(kind: DirectiveKind) -> &'static str {
    match kind {
        DirectiveKind::Disable => "disable",
        DirectiveKind::Enable => "enable",
        DirectiveKind::DisableNextLine => "disable-next-line",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Speakers;

    fn doc(source: &str) -> Doc {
        crate::markdown::parse("s.md", source.to_string(), &Speakers::default())
    }

    /// A finding of `rule` on the first occurrence of `needle`.
    fn at(doc: &Doc, rule: &str, needle: &str) -> Finding {
        let start = doc.source.find(needle).expect("needle");
        Finding::in_doc(
            rule,
            Severity::Warning,
            doc,
            start..start + needle.len(),
            "m",
        )
    }

    fn run(doc: &Doc, findings: Vec<Finding>, settings: &SuppressSettings) -> Vec<(String, usize)> {
        let known = vec!["risky.guarantee".to_string(), "terms.replaced".to_string()];
        let mut out: Vec<(String, usize)> = apply(findings, &[doc], settings, &known, true)
            .findings
            .into_iter()
            .map(|f| (f.rule, f.line))
            .collect();
        out.sort();
        out
    }

    fn pairs(xs: &[(&str, usize)]) -> Vec<(String, usize)> {
        let mut v: Vec<(String, usize)> = xs.iter().map(|(r, l)| (r.to_string(), *l)).collect();
        v.sort();
        v
    }

    #[test]
    fn disable_regions_by_id_group_and_all() {
        let d = doc("one A\n\n<!-- onmessage-disable risky -->\n\ntwo A B\n\n<!-- onmessage-enable risky.guarantee -->\n\nthree A\n\n<!-- onmessage-disable -->\n\nfour A Z\n");
        let f = vec![
            at(&d, "risky.guarantee", "one A"),
            at(&d, "risky.guarantee", "two A"),
            at(&d, "terms.replaced", "B\n\n<!-- onmessage-enable"),
            at(&d, "risky.guarantee", "three A"),
            at(&d, "risky.guarantee", "four A"),
            at(&d, "terms.replaced", "Z"),
        ];
        // Line 5's guarantee is disabled by the group; the enable re-enables it;
        // the last disable silences everything after it.
        let got = run(&d, f, &SuppressSettings::default());
        assert_eq!(
            got,
            pairs(&[
                ("risky.guarantee", 1),
                ("terms.replaced", 5),
                ("risky.guarantee", 9)
            ])
        );
    }

    #[test]
    fn disable_next_line_hits_only_the_next_non_blank_line() {
        let d = doc("<!-- onmessage-disable-next-line terms.replaced -->\n\nfirst X\nsecond X\n");
        let f = vec![
            at(&d, "terms.replaced", "first X"),
            at(&d, "risky.guarantee", "first X"),
            at(&d, "terms.replaced", "second X"),
        ];
        let got = run(&d, f, &SuppressSettings::default());
        assert_eq!(got, pairs(&[("risky.guarantee", 3), ("terms.replaced", 4)]));
    }

    #[test]
    fn unknown_rules_warn_with_a_suggestion_and_unused_disables_are_reported() {
        let d = doc("<!-- onmessage-disable risky.garantee -->\n\ntext\n\n<!-- onmessage-disable-next-line terms -->\nclean line\n");
        let out = apply(
            Vec::new(),
            &[&d],
            &SuppressSettings::default(),
            &["risky.guarantee".to_string()],
            true,
        )
        .findings;
        let rules: Vec<(&str, usize, Severity)> = out
            .iter()
            .map(|f| (f.rule.as_str(), f.line, f.severity))
            .collect();
        assert_eq!(
            rules,
            vec![
                ("directive.unknown-rule", 1, Severity::Warning),
                ("directive.unused", 5, Severity::Info)
            ]
        );
        assert!(
            out[0].message.contains("did you mean `risky.guarantee`"),
            "{}",
            out[0].message
        );
        assert_eq!((out[0].column, out[0].end_column), (1, 42));
    }

    #[test]
    fn a_disable_for_a_rule_the_run_does_not_report_is_not_called_unused() {
        let d = doc("<!-- onmessage-disable-next-line terms -->\nclean line\n");
        let options = SuppressSettings {
            ignore: vec!["terms".into()],
            ..SuppressSettings::default()
        };
        assert!(run(&d, Vec::new(), &options).is_empty());
    }

    #[test]
    fn select_ignore_config_disable_and_most_specific_severity() {
        let d = doc("a\n\nb\n\nc\n");
        let f = || {
            vec![
                at(&d, "risky.guarantee", "a"),
                at(&d, "terms.replaced", "b"),
                at(&d, "align.negation", "c"),
            ]
        };
        let select = SuppressSettings {
            select: vec!["risky".into(), "align".into()],
            ignore: vec!["align.negation".into()],
            ..SuppressSettings::default()
        };
        assert_eq!(run(&d, f(), &select), pairs(&[("risky.guarantee", 1)]));

        let mut config = SuppressSettings::default();
        config.rules.disable = vec!["terms".into()];
        config.rules.severity.insert("align".into(), Severity::Info);
        config
            .rules
            .severity
            .insert("align.negation".into(), Severity::Error);
        config.rules.severity.insert("risky".into(), Severity::Info);
        let out = apply(f(), &[&d], &config, &[], true).findings;
        let got: Vec<(&str, Severity)> =
            out.iter().map(|f| (f.rule.as_str(), f.severity)).collect();
        assert_eq!(
            got,
            vec![
                ("risky.guarantee", Severity::Info),
                ("align.negation", Severity::Error)
            ]
        );
    }

    #[test]
    fn unknown_patterns_are_those_selecting_no_rule() {
        let known = vec!["risky.guarantee".to_string()];
        let patterns: Vec<String> = ["risky", "align.negation", "risk", "terms.replace"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            registry::unknown_patterns(&patterns, &known),
            vec!["risk", "terms.replace"]
        );
    }

    #[test]
    fn many_findings_and_directives_stay_fast() {
        // 20,000 directive pairs and 40,000 findings: quadratic work would take minutes.
        let mut src = String::new();
        for i in 0..20_000 {
            src.push_str(&format!(
                "<!-- onmessage-disable risky -->\nline {i} A\n<!-- onmessage-enable risky -->\nline {i} B\n\n"
            ));
        }
        let d = doc(&src);
        assert_eq!(d.directives.len(), 40_000);
        let mut findings = Vec::new();
        for (i, _) in src.match_indices(" A\n") {
            let mut f = Finding::at(
                "risky.guarantee",
                Severity::Warning,
                &d.path,
                &d.source,
                &d.lines,
                i + 1..i + 2,
                "m",
            );
            f.line = d.lines.line_of(i);
            findings.push(f);
        }
        for (i, _) in src.match_indices(" B\n") {
            findings.push(Finding::at(
                "risky.guarantee",
                Severity::Warning,
                &d.path,
                &d.source,
                &d.lines,
                i + 1..i + 2,
                "m",
            ));
        }
        let started = std::time::Instant::now();
        let out = apply(
            findings,
            &[&d],
            &SuppressSettings::default(),
            &["risky.guarantee".to_string()],
            true,
        )
        .findings;
        assert_eq!(out.len(), 20_000);
        assert!(out.iter().all(|f| d.source[f.start..f.end] == *"B"));
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn findings_in_the_other_sides_lines_are_dropped() {
        let d = doc("Rep: We cut costs by 40%.\n\nProspect: We guarantee nothing.\n");
        let f = vec![
            at(&d, "risky.guarantee", "guarantee"),
            at(&d, "align.unsupported", "40%"),
        ];
        assert_eq!(
            run(&d, f, &SuppressSettings::default()),
            pairs(&[("align.unsupported", 1)])
        );
    }
}
