//! Rule packs end to end: the built-in pack's examples, malformed packs'
//! errors (to the line and column), a repo pack overriding a built-in rule,
//! and the `rules` commands.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

use onmessage::claims::{Claim, ClaimKind, Lexicon, Strength};
use onmessage::markdown::Speakers;
use onmessage::rules::RulesSettings;
use onmessage::rules::{builtin_rules, RuleSet};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/tests/rules")
        .join(rel)
}

fn onmessage() -> Command {
    Command::cargo_bin("onmessage").unwrap()
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A pack written to a temporary folder, loaded alone.
/// Run `rules list` in `dir` with `config` as its onmessage.yml.
fn rules_list(dir: &tempfile::TempDir, config: &str) -> std::process::Output {
    fs::write(dir.path().join("onmessage.yml"), config).unwrap();
    onmessage()
        .current_dir(dir.path())
        .args(["rules", "list"])
        .output()
        .unwrap()
}

fn pack(yaml: &str) -> (tempfile::TempDir, RuleSet) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.yml");
    fs::write(&path, yaml).unwrap();
    let set = RuleSet::from_pack_files(&[path]).unwrap_or_else(|e| panic!("{e}"));
    (dir, set)
}

/// The matched texts of `rule` in `text`, checked as one paragraph of ours.
fn matches(set: &RuleSet, rule: &str, text: &str) -> Vec<String> {
    set.run_example(text, &Lexicon::builtin())
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| text[f.start..f.end].to_string())
        .collect()
}

#[test]
fn every_builtin_example_passes() {
    let set = RuleSet::load(&RulesSettings::default(), &[]).unwrap();
    let report = set.test_examples(|_| true);
    let failures: Vec<String> = report
        .failures
        .iter()
        .map(|f| {
            let found: Vec<&str> = f.found.iter().map(|x| x.rule.as_str()).collect();
            format!(
                "{} ({}): {:?}, found {found:?}",
                f.rule,
                if f.valid { "valid" } else { "invalid" },
                f.text
            )
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(report.rules >= 40, "only {} built-in rules", report.rules);
}

#[test]
fn every_builtin_rule_has_invalid_near_miss_and_exception_examples() {
    let fold = |s: &str| s.to_lowercase().replace('\u{2019}', "'");
    for rule in builtin_rules().unwrap() {
        assert!(
            !rule.description.trim().is_empty(),
            "{}: no description",
            rule.id
        );
        assert!(
            !rule.examples.invalid.is_empty(),
            "{}: no invalid example",
            rule.id
        );
        assert!(
            !rule.examples.valid.is_empty(),
            "{}: no near-miss valid example",
            rule.id
        );
        for exception in &rule.exception_phrases {
            let e = fold(exception);
            assert!(
                rule.examples.valid.iter().any(|v| fold(v).contains(&e)),
                "{}: no valid example for exception {exception:?}",
                rule.id
            );
        }
    }
}

#[test]
fn rules_test_command_runs_the_builtin_examples() {
    let dir = tempfile::tempdir().unwrap();
    let out = onmessage()
        .current_dir(dir.path())
        .args(["rules", "test"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let last = stdout(&out).lines().last().unwrap_or_default().to_string();
    assert!(last.starts_with("54 rules, "), "{last}");
    assert!(
        last.ends_with(" failed") && last.contains(" passed, 0 failed"),
        "{last}"
    );
}

#[test]
fn rules_test_reports_failing_examples_with_what_was_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.yml");
    fs::write(
        &path,
        "pack: team\nrules:\n  - id: hype\n    kind: forbid\n    message: \"Avoid {match}.\"\n    terms: [synergy]\n    examples:\n      invalid: [\"Great synergies ahead.\"]\n      valid: [\"Real synergy.\"]\n",
    )
    .unwrap();
    let out = onmessage()
        .current_dir(dir.path())
        .args(["rules", "test", "team.yml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "FAIL team.hype: invalid example was not reported\n  text:  Great synergies ahead.\n  found: nothing\n\
         FAIL team.hype: valid example was reported\n  text:  Real synergy.\n  found: team.hype at 1:6 \"synergy\": Avoid synergy.\n\
         1 rules, 2 examples: 0 passed, 2 failed\n"
    );
}

#[test]
fn schema_file_is_what_rules_schema_prints() {
    let out = onmessage().args(["rules", "schema"]).output().unwrap();
    assert!(out.status.success());
    let file = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/schema.json"))
        .unwrap();
    assert_eq!(
        stdout(&out),
        file,
        "rules/schema.json is stale: run `onmessage rules schema > rules/schema.json`"
    );
    let schema: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(schema["required"], serde_json::json!(["pack", "rules"]));
}

#[test]
fn malformed_packs_name_the_file_line_column_and_field() {
    let cases = [
        ("unknown-field.yml", "6:5: rules[0]: unknown field `term`, expected one of `id`, `kind`"),
        ("wrong-type.yml", "7:10: rules[0].max: invalid type: string \"many\", expected usize"),
        ("bad-severity.yml", "5:15: rules[0].severity: unknown variant `fatal`, expected one of `info`, `warning`, `error`"),
        ("duplicate-id.yml", "8:9: rules[1].id: duplicate rule id `old-name` (first defined at {file}:3:9)"),
        ("invalid-regex.yml", "8:9: rules[0].patterns[1]: invalid regex in rule `acme.price`: regex parse error:\n    (\\d+ per user\n    ^\nerror: unclosed group"),
        ("huge-regex.yml", "6:16: rules[0].patterns[0]: pattern of rule `acme.long-words` is too large: it compiles to more than 1048576 bytes; split it or use `terms`"),
        ("empty-pattern-match.yml", "6:16: rules[0].patterns[0]: pattern of rule `acme.anything` matches empty text, so it would match everywhere"),
        ("wrong-kind-field.yml", "7:11: rules[0].swap: `swap` does not apply to a `forbid` rule (it takes `terms`, `patterns`)"),
        ("bad-placeholder.yml", "5:14: rules[0].message: unknown placeholder `{suggestion}` in a `forbid` rule's message (available: `{match}`)"),
        ("reserved-pack.yml", "1:7: pack: `align` is reserved for onmessage's computed rules; choose another pack name"),
        ("bad-glob.yml", "7:13: rules[0].paths[0]: invalid glob: error parsing glob 'sales/[emails/**': unclosed character class; missing ']'"),
    ];
    for (name, expected) in cases {
        let path = fixture(&format!("malformed/{name}"));
        let file = path.display().to_string();
        let out = onmessage()
            .args(["rules", "test"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let expected = format!("error: {file}:{}", expected.replace("{file}", &file));
        let err = stderr(&out);
        assert!(
            err.starts_with(&expected),
            "{name}:\n expected: {expected}\n      got: {err}"
        );
    }
}

#[test]
fn the_same_id_in_two_repo_packs_names_both_places() {
    let dir = tempfile::tempdir().unwrap();
    let rule = "pack: team\nrules:\n  - id: hype\n    kind: forbid\n    message: m\n    terms: [synergy]\n";
    fs::write(dir.path().join("a.yml"), rule).unwrap();
    fs::write(dir.path().join("b.yml"), format!("# second\n{rule}")).unwrap();
    let out = rules_list(&dir, "rules:\n  packs: [a.yml, b.yml]\n");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("b.yml:4:9: duplicate rule id `team.hype` (already defined at "),
        "{err}"
    );
    assert!(err.trim_end().ends_with("a.yml:3:9)"), "{err}");
}

#[test]
fn config_entries_naming_no_rule_are_errors_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let out = rules_list(
        &dir,
        "rules:\n  disable:\n    - risky.hype\n    - risky.garantee\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).ends_with(
            "onmessage.yml:4:7: rules.disable[1]: no rule or group `risky.garantee` (did you mean `risky.guarantee`?)\n"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_pack_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = rules_list(&dir, "rules:\n  packs: [nope.yml]\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.yml: cannot read rule pack listed in `rules.packs`"));
}

/// Check the override fixture: a repo pack replaces `risky.guarantee`, adds
/// a rule to the `risky` group and a pack of its own, and the config
/// disables one rule and re-levels another.
#[test]
fn a_repo_pack_overrides_a_builtin_rule_end_to_end() {
    let repo = fixture("override");
    let out = onmessage()
        .args(["check", "--format", "json", "--fail-on", "never"])
        .arg(&repo)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String, u64, u64, String)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .filter(|f| !f.0.starts_with("align.") && !f.0.starts_with("coverage."))
        .collect();
    let expected = [
        (
            "terms.replaced",
            "warning",
            3,
            6,
            "use the approved term \"Acme Flow\" instead of \"AcmeFlow\"",
        ),
        // The built-in message would say "…is a guarantee; unless…".
        (
            "risky.no-brainer",
            "error",
            7,
            13,
            "\"no-brainer\" belittles the buyer's decision; give them the reasons instead.",
        ),
        (
            "risky.guarantee",
            "error",
            7,
            45,
            "Legal: no guarantees outside the MSA (\"guaranteed\").",
        ),
        (
            "risky.price-needs-vat",
            "warning",
            13,
            11,
            "A price needs \"excluding VAT\" in the same section.",
        ),
        (
            "acme.exclamations",
            "info",
            19,
            23,
            "3 exclamation marks in this file; keep it to 1.",
        ),
        (
            "acme.exclamations",
            "info",
            19,
            28,
            "3 exclamation marks in this file; keep it to 1.",
        ),
    ];
    let expected: Vec<(String, String, u64, u64, String)> = expected
        .iter()
        .map(|(r, s, l, c, m)| (r.to_string(), s.to_string(), *l, *c, m.to_string()))
        .collect();
    assert_eq!(found, expected);
    // The prospect's "no-brainer" and "guarantee" (line 5) and the disabled
    // `risky.hype` (line 9) are absent above; the fix for the retired term:
    let replaced = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "terms.replaced")
        .unwrap();
    assert_eq!(replaced["fix"]["replacement"], "Acme Flow");

    let out = onmessage()
        .arg("rules")
        .arg("--config")
        .arg(repo.join("onmessage.yml"))
        .args(["list", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let row = |id: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} not listed"))
            .clone()
    };
    let g = row("risky.guarantee");
    assert_eq!(
        (g["kind"].as_str(), g["severity"].as_str()),
        (Some("forbid"), Some("error"))
    );
    assert_eq!(g["source"], "rules/company.yml");
    assert_eq!(row("risky.promise")["source"], "built-in");
    assert_eq!(row("risky.hype")["enabled"], false);
    assert_eq!(row("risky.no-brainer")["severity"], "error");
    assert_eq!(row("acme.exclamations")["severity"], "info");
    assert_eq!(row("align.negation")["kind"], "computed");
    assert_eq!(
        rows.as_array()
            .unwrap()
            .iter()
            .filter(|r| r["id"] == "risky.guarantee")
            .count(),
        1
    );

    let out = onmessage()
        .arg("rules")
        .arg("--config")
        .arg(repo.join("onmessage.yml"))
        .args(["explain", "risky.guarantee"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.starts_with("risky.guarantee (forbid, error, rules/company.yml)\n"),
        "{text}"
    );
    assert!(
        text.contains("Message: Legal: no guarantees outside the MSA"),
        "{text}"
    );
}

#[test]
fn explain_shows_computed_rules_groups_and_suggestions() {
    let dir = tempfile::tempdir().unwrap();
    let run = |id: &str| {
        onmessage()
            .current_dir(dir.path())
            .args(["rules", "explain", id])
            .output()
            .unwrap()
    };
    let out = run("align.negation");
    assert!(stdout(&out).starts_with("align.negation (computed, error)\n"));
    assert!(stdout(&out).contains("## Why is this bad?"));
    let out = run("risky.perfect-uptime");
    let text = stdout(&out);
    assert!(
        text.contains("Examples\n  reported:     We have 100% uptime.\n"),
        "{text}"
    );
    assert!(
        text.contains("  not reported: Zero-downtime upgrade: yes"),
        "{text}"
    );
    let out = run("risky");
    assert!(stdout(&out).starts_with("risky: 54 rules\n"));
    let out = run("risky.no-brainr");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `risky.no-brainer`?"));
}

#[test]
fn terms_fold_case_and_typography_and_respect_words_in_any_script() {
    let (_dir, set) = pack(
        "pack: t\nrules:\n  - id: fr\n    kind: forbid\n    message: m\n    terms: [réussite garantie, don't wait]\n  - id: ja\n    kind: forbid\n    message: m\n    terms: [保証]\n  - id: tr\n    kind: forbid\n    message: m\n    terms: [GARANTİ]\n",
    );
    assert_eq!(
        matches(&set, "t.fr", "Une RÉUSSITE\nGARANTIE."),
        ["RÉUSSITE\nGARANTIE"]
    );
    assert!(matches(&set, "t.fr", "réussites garanties").is_empty());
    assert_eq!(
        matches(&set, "t.fr", "So don\u{2019}t  wait!"),
        ["don\u{2019}t  wait"]
    );
    assert_eq!(matches(&set, "t.ja", "成果を100%保証します。"), ["保証"]);
    assert_eq!(matches(&set, "t.tr", "Tam garanti̇ veriyoruz"), ["garanti̇"]);
    assert_eq!(matches(&set, "t.tr", "TAM GARANTİ"), ["GARANTİ"]);
}

#[test]
fn replace_fixes_only_spans_copied_verbatim_from_the_source() {
    let (_dir, set) = pack(
        "pack: t\nrules:\n  - id: names\n    kind: replace\n    message: \"Use {suggestion}, not {match}.\"\n    swap: {Acmeflow: Acme Flow, utilize: use, Github: GitHub, Flow Pro: Acme Flow Pro}\n",
    );
    let source = "Rep: Acmeflow and GitHub.\n\nRep: Acme**flow** again.\n\nRep: Utilize Acme Flow Pro, not Github or Flow Pro.\n";
    let doc = onmessage::markdown::parse("sales/a.md", source.to_string(), &Speakers::default());
    let findings = set.run(&doc, &[], &[]);
    let summary: Vec<(String, Option<String>, String)> = findings
        .iter()
        .map(|f| {
            (
                source[f.start..f.end].to_string(),
                f.fix.as_ref().map(|x| x.replacement.clone()),
                f.message.clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "Acmeflow".into(),
                Some("Acme Flow".into()),
                "Use Acme Flow, not Acmeflow.".into()
            ),
            (
                "Acme**flow".into(),
                None,
                "Use Acme Flow, not Acmeflow.".into()
            ),
            (
                "Utilize".into(),
                Some("Use".into()),
                "Use Use, not Utilize.".into()
            ),
            (
                "Github".into(),
                Some("GitHub".into()),
                "Use GitHub, not Github.".into()
            ),
            (
                "Flow Pro".into(),
                Some("Acme Flow Pro".into()),
                "Use Acme Flow Pro, not Flow Pro.".into()
            ),
        ]
    );
}

#[test]
fn rules_read_only_our_side_and_their_own_scope() {
    let (_dir, set) = pack(
        "pack: t\nrules:\n  - id: any\n    kind: forbid\n    message: m\n    terms: [synergy]\n  - id: ae-lists\n    kind: forbid\n    message: m\n    terms: [synergy]\n    blocks: [list]\n    speakers: [AE]\n  - id: emails\n    kind: forbid\n    message: m\n    terms: [synergy]\n    paths: [\"sales/emails/**\"]\n  - id: brand-only\n    kind: forbid\n    message: m\n    roles: [brand]\n    terms: [synergy]\n",
    );
    let source = "Rep: Synergy one.\n\nProspect: Synergy two?\n\n- AE: Synergy three.\n";
    let doc = onmessage::markdown::parse("sales/call.md", source.to_string(), &Speakers::default());
    let lines = |rule: &str, doc: &onmessage::markdown::Doc| -> Vec<usize> {
        set.run(doc, &[], &[])
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.line)
            .collect()
    };
    assert_eq!(lines("t.any", &doc), [1, 5]);
    assert_eq!(lines("t.ae-lists", &doc), [5]);
    assert!(lines("t.emails", &doc).is_empty());
    assert!(lines("t.brand-only", &doc).is_empty());
    let email = onmessage::markdown::parse(
        "sales/emails/a.md",
        source.to_string(),
        &Speakers::default(),
    );
    assert_eq!(lines("t.emails", &email), [1, 5]);
    let brand = set.run_for_role(&doc, onmessage::markdown::Role::Brand, &[], &[]);
    assert!(brand.iter().all(|f| f.rule == "t.brand-only"));
    assert_eq!(brand.len(), 2);
}

#[test]
fn claim_rules_select_by_kind_strength_and_support() {
    let (_dir, set) = pack(
        "pack: t\nrules:\n  - id: unsupported-superlative\n    kind: claim\n    severity: error\n    message: \"No brand claim supports: {match}\"\n    kinds: [superlative]\n    strength: [plain, absolute]\n    supported: false\n    exceptions: [per G2]\n",
    );
    let source = "Rep: We are the fastest AP tool.\n\nRep: We are the fastest AP tool per G2.\n\nRep: We may be the fastest.\n";
    let doc = onmessage::markdown::parse("sales/a.md", source.to_string(), &Speakers::default());
    let claim = |block: usize, strength: Strength| {
        let b = &doc.blocks[block];
        Claim {
            text: b.text.clone(),
            span: b.map.range_to_source(0..b.text.len()),
            block,
            kinds: vec![ClaimKind::Superlative],
            negated: false,
            strength,
            terms: Vec::new(),
            key_message: false,
            ..Default::default()
        }
    };
    let claims = vec![
        claim(0, Strength::Plain),
        claim(0, Strength::Plain),
        claim(1, Strength::Plain),
        claim(2, Strength::Hedged),
    ];
    // Claim 1 repeats claim 0 but is supported by the brand.
    let findings = set.run(&doc, &claims, &[false, true, false, false]);
    let reported: Vec<(usize, &str)> = findings
        .iter()
        .map(|f| (f.line, f.message.as_str()))
        .collect();
    assert_eq!(
        reported,
        [(1, "No brand claim supports: We are the fastest AP tool.")]
    );
}

#[test]
fn a_brand_role_rule_checks_brand_docs_in_a_full_run() {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write(
        "onmessage.yml",
        "brand: [\"brand/*.md\"]\nsales: [\"sales/*.md\"]\nrules:\n  packs: [p.yml]\n",
    );
    write(
        "p.yml",
        "pack: b\nrules:\n  - id: tbd\n    kind: forbid\n    roles: [brand]\n    message: \"Unfinished: {match}\"\n    terms: [TBD]\n",
    );
    write(
        "brand/m.md",
        "# Messaging\n\nAcme Flow closes books TBD faster.\n",
    );
    write("sales/s.md", "Rep: TBD later.\n");
    let out = onmessage()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "--fail-on", "never"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let tbd: Vec<(&str, u64)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "b.tbd")
        .map(|f| (f["path"].as_str().unwrap(), f["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(tbd, [("brand/m.md", 3)]);
}

#[test]
fn claim_rule_examples_run_through_the_claim_extractor() {
    let out = onmessage()
        .args(["rules", "test"])
        .arg(fixture("claims.yml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "2 rules, 4 examples: 4 passed, 0 failed\n");
}
