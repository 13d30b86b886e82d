//! `--format sarif`: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE
//! viewers). One run; every rule that can run is described in
//! `tool.driver.rules`; locations are relative to the repository root
//! (`%SRCROOT%`), columns count Unicode code points, and
//! `partialFingerprints` carry the baseline fingerprint so results keep
//! their identity when lines move.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{json, Map, Value};

use crate::diagnostic::fingerprints;
use crate::diagnostic::{Finding, Severity};
use crate::markdown::Doc;
use crate::pipeline::Analysis;
use crate::registry::{computed_rule, computed_rules};
use crate::rules::{pages, Origin, Rule, RulesConfig};

const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "SRCROOT";
const FINGERPRINT_KEY: &str = "onmessage/v1";

/// A rule as SARIF describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: String,
    pub severity: Severity,
    /// One sentence.
    pub summary: String,
    /// Markdown: what it does, why, an example.
    pub description: String,
    /// Markdown: the rule's documentation (its page, for rules that have one).
    pub help: String,
    /// Where the rule's page is; None for rules the repository does not
    /// document (a team's own packs).
    pub help_uri: Option<String>,
}

/// The computed rules, as SARIF describes them.
pub fn computed_rule_infos() -> Vec<RuleInfo> {
    computed_rules()
        .iter()
        .map(|r| RuleInfo {
            id: r.id.to_string(),
            severity: r.severity,
            summary: r.summary().to_string(),
            description: r.body().to_string(),
            help: r.help().to_string(),
            help_uri: help_uri(r.id, None),
        })
        .collect()
}

/// Every rule that can run, for SARIF's rule list: the computed rules and
/// the set's YAML rules, with `config`'s severities, minus disabled ones.
pub fn rule_infos(pack_rules: &[Rule], config: &RulesConfig) -> Vec<RuleInfo> {
    let mut rules = computed_rule_infos();
    rules.extend(
        pack_rules
            .iter()
            // `terms.replaced` is computed too; its page wins.
            .filter(|r| computed_rule(&r.id).is_none())
            .map(pack_rule_info),
    );
    rules.retain(|r| !config.is_disabled(&r.id));
    for rule in &mut rules {
        rule.severity = config.severity_for(&rule.id, rule.severity);
    }
    rules
}

/// A YAML rule's description, where it applies and its examples; a
/// built-in rule's help is its section of the generated pack page.
pub fn pack_rule_info(rule: &Rule) -> RuleInfo {
    let mut description = format!(
        "{}\n\nApplies to {}.",
        rule.description.trim(),
        rule.scope_summary()
    );
    for (title, examples) in [
        ("Reported", &rule.examples.invalid),
        ("Not reported", &rule.examples.valid),
    ] {
        if !examples.is_empty() {
            description.push_str(&format!("\n\n{title}:\n"));
            for example in examples {
                description.push_str(&format!("\n- {}", example.trim()));
            }
        }
    }
    let help_uri = help_uri(&rule.id, Some(&rule.origin));
    let help = match help_uri {
        Some(_) => pages::pack_rule_help(rule),
        None => description.clone(),
    };
    RuleInfo {
        id: rule.id.clone(),
        severity: rule.severity,
        summary: rule.description.trim().to_string(),
        description,
        help,
        help_uri,
    }
}

/// `known` (every rule that can run, first one wins on a repeated id),
/// then any rule a finding names that `known` lacks.
pub fn rule_catalogue(known: &[RuleInfo], findings: &[Finding]) -> Vec<RuleInfo> {
    let mut rules: Vec<RuleInfo> = Vec::with_capacity(known.len());
    for rule in known {
        if !rules.iter().any(|r| r.id == rule.id) {
            rules.push(rule.clone());
        }
    }
    let mut unknown: BTreeMap<&str, Severity> = BTreeMap::new();
    for f in findings {
        if !rules.iter().any(|r| r.id == f.rule) {
            unknown.entry(&f.rule).or_insert(f.severity);
        }
    }
    rules.extend(unknown.into_iter().map(|(id, severity)| RuleInfo {
        id: id.to_string(),
        severity,
        summary: format!("Findings of rule {id}."),
        description: format!("Findings reported under the id `{id}`."),
        help: format!("Findings reported under the id `{id}`."),
        help_uri: None,
    }));
    rules
}

/// `rules`: every rule that can run (see `rule_infos`).
pub fn write(
    analysis: &Analysis,
    prefix: &str,
    rules: &[RuleInfo],
    out: &mut dyn Write,
) -> io::Result<()> {
    let value = to_value(analysis, prefix, rules);
    serde_json::to_writer_pretty(&mut *out, &value)?;
    writeln!(out)
}

/// The SARIF log as JSON. `prefix` turns config-relative paths into
/// repository-relative ones.
pub fn to_value(analysis: &Analysis, prefix: &str, rules: &[RuleInfo]) -> Value {
    let rules = rule_catalogue(rules, &analysis.findings);
    let index: BTreeMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let docs = analysis.docs_by_path();
    let prints = fingerprints(&analysis.findings, &docs);
    let results: Vec<Value> = analysis
        .findings
        .iter()
        .zip(&prints)
        .map(|(f, print)| {
            result(
                f,
                index[f.rule.as_str()],
                &print.hash(),
                prefix,
                docs.get(f.path.as_str()).copied(),
            )
        })
        .collect();
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "onmessage",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules.iter().map(descriptor).collect::<Vec<_>>(),
                }
            },
            "originalUriBaseIds": {
                SRCROOT: {
                    "description": {
                        "text": "The root of the repository that holds the checked content."
                    }
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `align.number-mismatch` → `AlignNumberMismatch`, SARIF's "friendly name".
fn friendly_name(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars).collect::<String>()
        })
        .collect()
}

fn help_uri(id: &str, origin: Option<&Origin>) -> Option<String> {
    pages::rule_page_url(id, origin)
}

fn ensure_period(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

fn descriptor(rule: &RuleInfo) -> Value {
    let mut value = json!({
        "id": rule.id,
        "name": friendly_name(&rule.id),
        "shortDescription": { "text": ensure_period(&rule.summary) },
        "fullDescription": {
            "text": ensure_period(&plain_text(&rule.description)),
            "markdown": rule.description,
        },
        "defaultConfiguration": { "level": level(rule.severity) },
        "help": {
            "text": ensure_period(&plain_help(&rule.help)),
            "markdown": rule.help,
        },
    });
    if let Some(uri) = &rule.help_uri {
        value["helpUri"] = uri.as_str().into();
    }
    value
}

/// The rule description without Markdown headings and fences, one line.
fn plain_text(markdown: &str) -> String {
    markdown
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("```"))
        .map(|l| {
            let heading = l.trim_start_matches('#').trim();
            if l.starts_with('#') {
                format!("{}:", heading.trim_end_matches(['?', ':']))
            } else {
                heading.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The help as plain text: `plain_text`, also without bold markers, quote
/// markers and backslash escapes (generated pack pages use them).
fn plain_help(markdown: &str) -> String {
    let unquoted: Vec<&str> = markdown
        .lines()
        .map(|l| l.strip_prefix("> ").unwrap_or(l))
        .collect();
    let text = plain_text(&unquoted.join("\n")).replace("**", "");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && next.is_ascii_punctuation() => {
                out.push(next);
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// A path as a relative URI reference: unreserved characters and `/` kept,
/// everything else percent-encoded as UTF-8.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn artifact(prefix: &str, path: &str) -> Value {
    json!({ "uri": uri(&format!("{prefix}{path}")), "uriBaseId": SRCROOT })
}

fn region(f: &Finding, doc: Option<&Doc>) -> Value {
    let mut region = Map::new();
    region.insert("startLine".into(), f.line.into());
    region.insert("startColumn".into(), f.column.into());
    region.insert("endLine".into(), f.end_line.into());
    region.insert("endColumn".into(), f.end_column.into());
    if let Some(snippet) = doc
        .and_then(|d| d.source.get(f.start..f.end))
        .filter(|s| !s.is_empty())
    {
        region.insert("snippet".into(), json!({ "text": snippet }));
    }
    Value::Object(region)
}

fn result(
    f: &Finding,
    rule_index: usize,
    fingerprint: &str,
    prefix: &str,
    doc: Option<&Doc>,
) -> Value {
    let mut result = Map::new();
    result.insert("ruleId".into(), f.rule.clone().into());
    result.insert("ruleIndex".into(), rule_index.into());
    result.insert("level".into(), level(f.severity).into());
    result.insert(
        "message".into(),
        json!({ "text": ensure_period(&f.message) }),
    );
    result.insert(
        "locations".into(),
        json!([{
            "physicalLocation": {
                "artifactLocation": artifact(prefix, &f.path),
                "region": region(f, doc),
            }
        }]),
    );
    if !f.related.is_empty() {
        let related: Vec<Value> = f
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                json!({
                    "id": i + 1,
                    "physicalLocation": {
                        "artifactLocation": artifact(prefix, &r.path),
                        "region": { "startLine": r.line.max(1) },
                    },
                    "message": { "text": ensure_period(&format!("Brand claim: {}", r.text)) },
                })
            })
            .collect();
        result.insert("relatedLocations".into(), related.into());
    }
    result.insert(
        "partialFingerprints".into(),
        json!({ FINGERPRINT_KEY: fingerprint }),
    );
    if let Some(fix) = &f.fix {
        result.insert(
            "fixes".into(),
            json!([{
                "description": { "text": ensure_period(&format!("Replace with \"{}\"", fix.replacement)) },
                "artifactChanges": [{
                    "artifactLocation": artifact(prefix, &f.path),
                    "replacements": [{
                        "deletedRegion": {
                            "startLine": fix.line,
                            "startColumn": fix.column,
                            "endLine": fix.end_line,
                            "endColumn": fix.end_column,
                        },
                        "insertedContent": { "text": fix.replacement },
                    }],
                }],
            }]),
        );
    }
    Value::Object(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Related;
    use crate::markdown::LineIndex;

    #[test]
    fn uris_are_percent_encoded_relative_references() {
        assert_eq!(
            uri("sales/call script #1.md"),
            "sales/call%20script%20%231.md"
        );
        assert_eq!(uri("営業/a.md"), "%E5%96%B6%E6%A5%AD/a.md");
    }

    #[test]
    fn help_text_drops_markup_and_escapes() {
        assert_eq!(
            plain_help("**Reported:**\n\n- \"a \\*b\\* \\\\\"\n\n> say \\<x\\>"),
            "Reported: - \"a *b* \\\" say <x>"
        );
    }

    #[test]
    fn friendly_names_are_pascal_case() {
        assert_eq!(
            friendly_name("align.number-mismatch"),
            "AlignNumberMismatch"
        );
        assert_eq!(friendly_name("risky.guarantee"), "RiskyGuarantee");
    }

    #[test]
    fn results_point_at_their_rule_and_brand_claim() {
        let source = "We automate 95% of invoices.";
        let start = source.find("95%").unwrap();
        let f = Finding::at(
            "align.number-mismatch",
            Severity::Error,
            "sales/call.md",
            source,
            &LineIndex::new(source),
            start..start + 3,
            "sales says 95%, the brand says up to 80%",
        )
        .with_related(Related {
            path: "brand/pillars.md".into(),
            line: 7,
            text: "Automates up to 80% of invoices.".into(),
        });
        let analysis = Analysis {
            findings: vec![f],
            ..Analysis::default()
        };
        let log = to_value(&analysis, "content/", &computed_rule_infos());
        let run = &log["runs"][0];
        let result = &run["results"][0];
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            run["tool"]["driver"]["rules"][index]["id"],
            "align.number-mismatch"
        );
        assert_eq!(result["level"], "error");
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "content/sales/call.md");
        assert_eq!(location["region"]["startColumn"], 13);
        assert_eq!(location["region"]["endColumn"], 16);
        assert_eq!(
            result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "content/brand/pillars.md"
        );
        assert_eq!(
            result["partialFingerprints"][FINGERPRINT_KEY]
                .as_str()
                .unwrap()
                .len(),
            16
        );
    }

    #[test]
    fn unknown_rules_still_get_a_descriptor() {
        let source = "x";
        let f = Finding::at(
            "acme.custom",
            Severity::Warning,
            "a.md",
            source,
            &LineIndex::new(source),
            0..1,
            "m",
        );
        let rules = rule_catalogue(&computed_rule_infos(), &[f]);
        assert_eq!(rules.last().unwrap().id, "acme.custom");
        assert_eq!(rules.len(), computed_rules().len() + 1);
    }
}
