//! `check --statistics`: how many findings each rule has, like ruff's.
//! Human output is a table, most frequent rule first; JSON is an array.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::Severity;
use crate::output::{escape_controls, Format, OutputSettings};
use crate::pipeline::Analysis;

/// One rule's count.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub rule: String,
    /// The most severe level the rule's findings have.
    pub severity: Severity,
    pub count: usize,
    /// How many of them `--fix` fixes.
    pub fixable: usize,
}

/// Counts per rule, most findings first, then by rule id.
pub fn counts(analysis: &Analysis) -> Vec<RuleCount> {
    let mut by_rule: BTreeMap<&str, RuleCount> = BTreeMap::new();
    for f in &analysis.findings {
        let row = by_rule.entry(&f.rule).or_insert_with(|| RuleCount {
            rule: f.rule.clone(),
            severity: f.severity,
            count: 0,
            fixable: 0,
        });
        row.count += 1;
        row.fixable += usize::from(f.fix.is_some());
        row.severity = row.severity.max(f.severity);
    }
    let mut rows: Vec<RuleCount> = by_rule.into_values().collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
    rows
}

/// The formats `--statistics` can print.
pub const FORMATS: [Format; 2] = [Format::Human, Format::Json];

/// Write the counts as `format` (human or json).
pub fn write(
    format: Format,
    analysis: &Analysis,
    settings: &OutputSettings,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows = counts(analysis);
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    let count_width = rows
        .iter()
        .map(|r| r.count.to_string().len())
        .max()
        .unwrap_or(1);
    let rule_width = rows
        .iter()
        .map(|r| r.rule.chars().count())
        .max()
        .unwrap_or(0);
    let severity_width = rows
        .iter()
        .map(|r| r.severity.as_str().len())
        .max()
        .unwrap_or(0);
    for row in &rows {
        let fixable = match row.fixable {
            0 => String::new(),
            n if n == row.count => "  [*] fixable".to_string(),
            n => format!("  [*] {n} fixable"),
        };
        let line = format!(
            "{:>count_width$}  {:<rule_width$}  {:<severity_width$}{fixable}",
            row.count,
            escape_controls(&row.rule),
            row.severity.as_str(),
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    if !settings.quiet {
        let fixable: usize = rows.iter().map(|r| r.fixable).sum();
        let total: usize = rows.iter().map(|r| r.count).sum();
        let tail = if fixable > 0 {
            format!("; {fixable} fixable with `--fix`")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{} in {} ({}){tail}",
            crate::output::plural(total, "finding"),
            crate::output::plural(rows.len(), "rule"),
            crate::output::checked(analysis)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Finding;
    use crate::markdown::LineIndex;

    fn finding(rule: &str, severity: Severity) -> Finding {
        let source = "Rep: text\n";
        Finding::at(
            rule,
            severity,
            "a.md",
            source,
            &LineIndex::new(source),
            5..9,
            "m",
        )
    }

    #[test]
    fn counts_sort_by_frequency_and_keep_the_worst_severity() {
        let analysis = Analysis {
            findings: vec![
                finding("risky.guarantee", Severity::Warning),
                finding("align.unsupported", Severity::Info),
                finding("risky.guarantee", Severity::Error),
            ],
            ..Analysis::default()
        };
        let rows = counts(&analysis);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].rule.as_str(), rows[0].count),
            ("risky.guarantee", 2)
        );
        assert_eq!(rows[0].severity, Severity::Error);
        assert_eq!(
            (rows[1].rule.as_str(), rows[1].count),
            ("align.unsupported", 1)
        );
    }
}
