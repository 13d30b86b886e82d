//! `onmessage rules list|test|explain|schema`.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::cli::{Format, RulesArgs, RulesCommand};
use onmessage::config::{Config, RunOptions};
use onmessage::diagnostic::Severity;
use onmessage::error::{Error, Result};
use onmessage::registry;
use onmessage::rules::{self, Check, ExampleReport, Rule, RuleSet};

pub fn run(args: &RulesArgs) -> Result<u8> {
    if let RulesCommand::Schema = args.command {
        print(&rules::schema::schema_text())?;
        return Ok(0);
    }
    let config = super::find_config(&args.config, None)?;
    match &args.command {
        RulesCommand::List { format } => list(&config, *format),
        RulesCommand::Test { packs } => test(&config, packs),
        RulesCommand::Explain { id } => explain(&config, id),
        RulesCommand::Schema => unreachable!("handled above"),
    }
}

/// Write `text` to standard output; a closed pipe (`| head`) is no error.
pub(super) fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::new(format!("writing output: {e}")))
        }
        _ => Ok(()),
    }
}

/// One row of `rules list`.
#[derive(Debug, Serialize)]
pub struct RuleRow {
    pub id: String,
    pub kind: String,
    pub severity: String,
    pub source: String,
    pub enabled: bool,
}

/// Every rule that can run, computed first, with the config's overrides applied.
pub fn rows(config: &Config, set: &RuleSet) -> Vec<RuleRow> {
    let settings = &config.rules;
    let computed = registry::computed_rules().iter().map(|r| RuleRow {
        id: r.id.to_string(),
        kind: "computed".to_string(),
        severity: settings.severity_for(r.id, r.severity).to_string(),
        source: "built-in".to_string(),
        enabled: !settings.is_disabled(r.id),
    });
    let yaml = set
        .rules()
        .iter()
        .filter(|r| registry::computed_rule(&r.id).is_none())
        .map(|r| RuleRow {
            id: r.id.clone(),
            kind: r.kind.as_str().to_string(),
            severity: settings.severity_for(&r.id, r.severity).to_string(),
            source: r.origin.label(),
            enabled: !settings.is_disabled(&r.id),
        });
    computed.chain(yaml).collect()
}

fn list(config: &Config, format: Format) -> Result<u8> {
    let set = RuleSet::load(&config.rules_settings(), &[])?;
    warn(set.warnings());
    let mut rows = rows(config, &set);
    rows.extend(derived_rows(config)?);
    let text = match format {
        Format::Human => table(&rows),
        Format::Json => {
            let mut s = serde_json::to_string_pretty(&rows).expect("rows serialise");
            s.push('\n');
            s
        }
        other => {
            return Err(Error::new(format!(
                "`onmessage rules list` prints human or json, not `{}`",
                other.name()
            )))
        }
    };
    print(&text)?;
    Ok(0)
}

/// The checks derived from the repo's guidance, one row per banned term.
fn derived_rows(config: &Config) -> Result<Vec<RuleRow>> {
    let settings = config.settings(&RunOptions::default())?;
    let items = onmessage::pipeline::derive_guidance(&settings)?;
    Ok(items
        .iter()
        .map(|g| {
            let id = g.rule();
            let severity = registry::computed_rule(id).map_or(Severity::Warning, |r| r.severity);
            let kind = match &g.replacement {
                Some(r) => format!("derived: \"{}\" -> \"{r}\"", g.term),
                None => format!("derived: \"{}\"", g.term),
            };
            RuleRow {
                id: id.to_string(),
                kind,
                severity: config.rules.severity_for(id, severity).to_string(),
                source: format!("source: {}", g.source()),
                enabled: !config.rules.is_disabled(id),
            }
        })
        .collect())
}

fn table(rows: &[RuleRow]) -> String {
    let header = ["ID", "KIND", "SEVERITY", "SOURCE", "ENABLED"];
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|r| {
            [
                r.id.clone(),
                r.kind.clone(),
                r.severity.clone(),
                r.source.clone(),
                if r.enabled { "yes" } else { "no" }.to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(str::len);
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cols: [&str; 5]| {
        let mut s = String::new();
        for (i, (c, w)) in cols.iter().zip(widths).enumerate() {
            if i + 1 == cols.len() {
                s.push_str(c);
            } else {
                s.push_str(&format!("{c:<w$}  "));
            }
        }
        s.push('\n');
        s
    };
    let mut out = line(header);
    for row in &cells {
        out.push_str(&line([&row[0], &row[1], &row[2], &row[3], &row[4]]));
    }
    out
}

/// `rules test`: no argument tests every loaded rule; an argument is a pack
/// file, or the name of a loaded pack (`risky`).
fn test(config: &Config, packs: &[PathBuf]) -> Result<u8> {
    let (files, names): (Vec<&PathBuf>, Vec<&PathBuf>) = packs.iter().partition(|p| p.is_file());
    let mut report = ExampleReport::default();
    let mut out = String::new();
    if !files.is_empty() {
        let files: Vec<PathBuf> = files.into_iter().cloned().collect();
        let set = RuleSet::from_pack_files(&files)?;
        warn(set.warnings());
        merge_report(&mut report, set.test_examples(|_| true));
    }
    if !names.is_empty() || packs.is_empty() {
        let set = RuleSet::load(&config.rules_settings(), &[])?;
        warn(set.warnings());
        let names: Vec<String> = names.iter().map(|p| p.display().to_string()).collect();
        for name in &names {
            if !set.rules().iter().any(|r| &r.pack == name) {
                return Err(Error::new(format!(
                    "{name}: neither a pack file nor the name of a loaded pack"
                )));
            }
        }
        merge_report(
            &mut report,
            set.test_examples(|r: &Rule| names.is_empty() || names.contains(&r.pack)),
        );
    }
    for id in &report.without_examples {
        out.push_str(&format!(
            "FAIL {id}: no examples: add `examples:` with `invalid:` snippets it must flag and `valid:` ones it must not\n"
        ));
    }
    for failure in &report.failures {
        let what = if failure.valid {
            "valid example was reported"
        } else {
            "invalid example was not reported"
        };
        out.push_str(&format!("FAIL {}: {what}\n", failure.rule));
        out.push_str(&format!("  text:  {}\n", failure.text));
        if failure.found.is_empty() {
            out.push_str("  found: nothing\n");
        }
        for f in &failure.found {
            let matched = failure.text.get(f.start..f.end).unwrap_or("");
            out.push_str(&format!(
                "  found: {} at {}:{} \"{matched}\": {}\n",
                f.rule, f.line, f.column, f.message
            ));
        }
    }
    out.push_str(&format!(
        "{} rules, {} examples: {} passed, {} failed",
        report.rules,
        report.passed + report.failures.len(),
        report.passed,
        report.failures.len()
    ));
    if !report.without_examples.is_empty() {
        let n = report.without_examples.len();
        out.push_str(&format!(
            "; {n} rule{} without examples",
            if n == 1 { "" } else { "s" }
        ));
    }
    out.push('\n');
    print(&out)?;
    Ok(u8::from(!report.ok()))
}

/// Warnings about the packs, on standard error.
fn warn(warnings: &[String]) {
    for message in warnings {
        eprintln!("warning: {message}");
    }
}

fn merge_report(into: &mut ExampleReport, from: ExampleReport) {
    into.rules += from.rules;
    into.passed += from.passed;
    into.failures.extend(from.failures);
    into.without_examples.extend(from.without_examples);
}

fn explain(config: &Config, id: &str) -> Result<u8> {
    let set = RuleSet::load(&config.rules_settings(), &[])?;
    if let Some(rule) = registry::computed_rule(id) {
        let severity = config.rules.severity_for(rule.id, rule.severity);
        let mut text = format!(
            "{} (computed, {severity})\n\n{}\n\n{}\n",
            rule.id,
            rule.summary(),
            rule.body()
        );
        if let Some(url) = onmessage::rules::pages::rule_page_url(rule.id, None) {
            text.push_str(&format!("\nOnline: {url}\n"));
        }
        print(&text)?;
        return Ok(0);
    }
    if let Some(rule) = set.rule(id) {
        print(&describe(config, rule))?;
        return Ok(0);
    }
    // A group: list its rules.
    let rows: Vec<RuleRow> = rows(config, &set)
        .into_iter()
        .filter(|r| registry::selects(id, &r.id))
        .collect();
    if !rows.is_empty() {
        let mut out = format!("{id}: {} rules\n\n", rows.len());
        out.push_str(&table(&rows));
        out.push_str("\nRun `onmessage rules explain ID` for one of them.\n");
        print(&out)?;
        return Ok(0);
    }
    let mut known = set.ids();
    known.extend(registry::computed_rules().iter().map(|r| r.id.to_string()));
    let hint = rules::closest(id, &known)
        .map(|c| format!("; did you mean `{c}`?"))
        .unwrap_or_default();
    Err(Error::new(format!(
        "no rule `{id}`{hint} (`onmessage rules list` shows them all)"
    )))
}

/// `rules explain` for a YAML rule.
fn describe(config: &Config, rule: &Rule) -> String {
    let severity = config.rules.severity_for(&rule.id, rule.severity);
    let mut out = format!(
        "{} ({}, {severity}, {})\n",
        rule.id,
        rule.kind.as_str(),
        rule.origin.label()
    );
    if config.rules.is_disabled(&rule.id) {
        out.push_str("Disabled by this repo's onmessage.yml.\n");
    }
    out.push('\n');
    if !rule.description.trim().is_empty() {
        out.push_str(rule.description.trim());
        out.push_str("\n\n");
    }
    out.push_str(&format!("Message: {}\n", rule.message));
    let quote = |items: Vec<String>| {
        items
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let terms = |t: &rules::TermsView| {
        let mut s = String::new();
        if !t.literals.is_empty() {
            s.push_str(&format!("  terms: {}\n", quote(t.literals.clone())));
        }
        for p in &t.patterns {
            s.push_str(&format!("  pattern: {p}\n"));
        }
        s
    };
    match &rule.check {
        Check::Forbid(t) => out.push_str(&format!("Forbids:\n{}", terms(&t.view()))),
        Check::Replace {
            terms: t,
            suggestions,
        } => {
            out.push_str("Replaces:\n");
            for (wrong, right) in t.view().literals.iter().zip(suggestions) {
                out.push_str(&format!("  \"{wrong}\" → \"{right}\"\n"));
            }
        }
        Check::Require { when, need, within } => out.push_str(&format!(
            "When:\n{}Needs, in the same {}:\n{}",
            terms(&when.view()),
            within.as_str(),
            terms(&need.view())
        )),
        Check::Limit {
            terms: t,
            max,
            within,
        } => out.push_str(&format!(
            "At most {max} per {} of:\n{}",
            within.as_str(),
            terms(&t.view())
        )),
        Check::Claim {
            kinds,
            strength,
            supported,
        } => {
            out.push_str("Claims that are:\n");
            if !kinds.is_empty() {
                out.push_str(&format!("  kinds: {kinds:?}\n").to_lowercase());
            }
            if !strength.is_empty() {
                out.push_str(&format!("  strength: {strength:?}\n").to_lowercase());
            }
            if let Some(s) = supported {
                out.push_str(&format!(
                    "  {}\n",
                    if *s {
                        "supported by the brand"
                    } else {
                        "not supported by the brand"
                    }
                ));
            }
        }
    }
    if !rule.exception_phrases.is_empty() {
        out.push_str(&format!(
            "Exceptions: {}\n",
            quote(rule.exception_phrases.clone())
        ));
    }
    out.push_str(&format!("Applies to: {}\n", rule.scope_summary()));
    let examples = &rule.examples;
    if !examples.invalid.is_empty() || !examples.valid.is_empty() {
        out.push_str("\nExamples\n");
        for t in &examples.invalid {
            out.push_str(&format!("  reported:     {t}\n"));
        }
        for t in &examples.valid {
            out.push_str(&format!("  not reported: {t}\n"));
        }
    }
    if let Some(url) = onmessage::rules::pages::rule_page_url(&rule.id, Some(&rule.origin)) {
        out.push_str(&format!("\nOnline: {url}\n"));
    }
    out
}
