//! End-to-end tests of `onmessage check`: exit codes, formats, config and
//! input errors, on the small repos under fixtures/tests/cli.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/tests/cli")
        .join(name)
}

/// `onmessage check ARGS` run from `dir`, with colours off.
fn check(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::cargo_bin("onmessage").expect("binary");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("check")
        .args(args);
    cmd
}

fn json(dir: &Path, args: &[&str]) -> (Value, i32) {
    let out = check(dir, &[&["--format", "json"], args].concat())
        .output()
        .expect("run");
    let value: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON object ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (value, out.status.code().expect("exit code"))
}

fn rules_at(value: &Value) -> Vec<(String, String, u64)> {
    value["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn clean_file_exits_0_with_config_found_by_walking_up() {
    let basic = fixture("basic");
    // Run from the sales folder: the config is two levels up from nothing but
    // the path itself.
    check(&basic.join("sales"), &["clean.md"]).assert().code(0);
    let (value, code) = json(&basic.join("sales"), &["clean.md"]);
    assert_eq!(code, 0);
    assert_eq!(value["findings"], serde_json::json!([]));
    // Found the config: the brand guide was read along with the script.
    assert_eq!(value["summary"]["files"], 2);
}

#[test]
fn json_has_the_documented_shape() {
    let (value, code) = json(&fixture("basic"), &["sales/bad-front-matter.md"]);
    assert_eq!(code, 1);
    let findings = value["findings"].as_array().unwrap();
    let f = findings
        .iter()
        .find(|f| f["rule"] == "input.front-matter")
        .expect("input.front-matter finding");
    for key in [
        "rule",
        "severity",
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "message",
        "related",
    ] {
        assert!(f.get(key).is_some(), "finding lacks `{key}`: {f}");
    }
    assert_eq!(f["severity"], "error");
    assert_eq!(f["path"], "sales/bad-front-matter.md");
    // The YAML error is on the line after the broken one, inside the block.
    assert!((2..=3).contains(&f["line"].as_u64().unwrap()), "{f}");
    assert!(f["related"].is_array());
    let summary = &value["summary"];
    for key in ["files", "findings", "errors", "warnings", "infos"] {
        assert!(summary[key].is_u64(), "summary lacks `{key}`: {summary}");
    }
    assert_eq!(
        summary["findings"].as_u64().unwrap() as usize,
        findings.len()
    );
    assert!(summary["errors"].as_u64().unwrap() >= 1);
    // Brand guide + the one sales file named.
    assert_eq!(summary["files"], 2);
}

#[test]
fn unknown_rule_in_a_directive_is_a_warning_at_the_directive() {
    let (value, code) = json(&fixture("basic"), &["sales/directive.md"]);
    assert_eq!(code, 1);
    assert!(rules_at(&value).contains(&(
        "directive.unknown-rule".to_string(),
        "sales/directive.md".to_string(),
        3
    )));
}

#[test]
fn fail_on_sets_the_threshold() {
    let basic = fixture("basic");
    // Only a warning in this file.
    let file = "sales/directive.md";
    check(&basic, &[file]).assert().code(1);
    check(&basic, &["--fail-on", "error", file])
        .assert()
        .code(0);
    check(&basic, &["--fail-on", "info", file]).assert().code(1);
    check(&basic, &["--fail-on", "never", file])
        .assert()
        .code(0);
    // An error fails at every threshold but `never`.
    let file = "sales/bad-front-matter.md";
    check(&basic, &["--fail-on", "error", file])
        .assert()
        .code(1);
    check(&basic, &["--fail-on", "never", file])
        .assert()
        .code(0);
}

#[test]
fn select_and_ignore_filter_rules_and_groups() {
    let basic = fixture("basic");
    let (value, code) = json(&basic, &["--ignore", "directive"]);
    assert!(!rules_at(&value)
        .iter()
        .any(|(r, _, _)| r.starts_with("directive.")));
    assert!(rules_at(&value)
        .iter()
        .any(|(r, _, _)| r == "input.front-matter"));
    assert_eq!(code, 1);
    let (value, _) = json(&basic, &["--select", "directive.unknown-rule"]);
    let rules: Vec<String> = rules_at(&value).into_iter().map(|(r, _, _)| r).collect();
    assert_eq!(rules, vec!["directive.unknown-rule"]);
}

#[test]
fn a_select_or_ignore_typo_exits_2_with_a_suggestion() {
    let basic = fixture("basic");
    check(&basic, &["--select", "riskyy"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains(
            "--select: no rule or group `riskyy` (did you mean `risky`?)",
        ));
    check(&basic, &["--ignore", "directive,align.negaton"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`align.negaton` (did you mean `align.negation`?)",
        ));
}

#[test]
fn whole_repo_reports_findings_sorted_by_path() {
    let (value, _) = json(&fixture("basic"), &[]);
    let found = rules_at(&value);
    let mut sorted = found.clone();
    sorted.sort_by(|a, b| (&a.1, a.2).cmp(&(&b.1, b.2)));
    assert_eq!(found, sorted);
    assert!(found.iter().any(|(r, _, _)| r == "input.front-matter"));
    assert!(found.iter().any(|(r, _, _)| r == "directive.unknown-rule"));
    assert_eq!(value["summary"]["files"], 4);
}

#[test]
fn missing_config_file_exits_2_naming_it() {
    check(&fixture("basic"), &["--config", "nope.yml"])
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("nope.yml").and(predicate::str::contains("not found")));
}

#[test]
fn unknown_config_key_exits_2_with_file_line_and_key() {
    check(&fixture("bad-config"), &[]).assert().code(2).stderr(
        predicate::str::contains("onmessage.yml:3:")
            .and(predicate::str::contains("unknown field `sale`")),
    );
}

#[test]
fn brand_globs_matching_nothing_exit_2_naming_them() {
    check(&fixture("basic"), &["--brand", "positioning/**/*.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`positioning/**/*.md`"));
}

#[test]
fn malformed_brand_front_matter_exits_2_with_position() {
    check(&fixture("bad-brand"), &[]).assert().code(2).stderr(
        predicate::str::is_match(r"messaging/guide\.md:\d+:\d+: invalid front matter").unwrap(),
    );
}

#[test]
fn no_config_file_uses_cli_globs_relative_to_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("messaging")).unwrap();
    std::fs::write(root.join("messaging/guide.md"), "# Guide\n\nWe help.\n").unwrap();
    std::fs::write(
        root.join("script.md"),
        "Hello.\n\n<!-- onmessage-disable nonexistent.rule -->\n",
    )
    .unwrap();
    let (value, code) = json(root, &["--brand", "messaging/*.md", "script.md"]);
    assert_eq!(code, 1);
    assert_eq!(
        rules_at(&value),
        vec![(
            "directive.unknown-rule".to_string(),
            "script.md".to_string(),
            3
        )]
    );
    assert_eq!(value["summary"]["files"], 2);
}

#[test]
fn non_utf8_sales_file_is_skipped_with_one_stderr_line_and_strict_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("sales")).unwrap();
    std::fs::write(
        root.join("onmessage.yml"),
        "brand: [brand.md]\nsales: [\"sales/*.md\"]\n",
    )
    .unwrap();
    std::fs::write(root.join("brand.md"), "# Brand\n").unwrap();
    std::fs::write(root.join("sales/ok.md"), "Thanks for your time.\n").unwrap();
    std::fs::write(root.join("sales/latin1.md"), b"Caf\xe9 cr\xe8me\n").unwrap();
    std::fs::write(root.join("sales/binary.md"), b"\x00\x01\x02PK").unwrap();
    let out = check(root, &[]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines
        .iter()
        .any(|l| l.contains("sales/latin1.md") && l.contains("UTF-8")));
    assert!(lines
        .iter()
        .any(|l| l.contains("sales/binary.md") && l.contains("binary")));
    check(root, &["--strict"]).assert().code(2);
}

#[cfg(unix)]
#[test]
fn fifos_and_folders_named_like_markdown_are_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("sales/folder.md")).unwrap();
    std::fs::write(
        root.join("onmessage.yml"),
        "brand: [brand.md]\nsales: [\"sales/**\"]\n",
    )
    .unwrap();
    std::fs::write(root.join("brand.md"), "# Brand\n").unwrap();
    std::fs::write(root.join("sales/ok.md"), "Thanks.\n").unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(root.join("sales/pipe.md"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    // Opening the FIFO would block forever; the timeout turns that into a failure.
    check(root, &[])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(0)
        .stderr(predicate::str::is_empty());
}

#[test]
fn a_repo_lexicon_changes_what_the_extractor_reads_and_typos_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("lex")).unwrap();
    std::fs::create_dir_all(root.join("sales")).unwrap();
    std::fs::write(
        root.join("sales/a.md"),
        "Rep: Ledgerly usually closes the books in two days.\n",
    )
    .unwrap();
    let strength = |root: &Path| {
        let out = Command::cargo_bin("onmessage")
            .unwrap()
            .current_dir(root)
            .args(["claims", "--format", "json", "sales/a.md"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let value: Value = serde_json::from_slice(&out.stdout).unwrap();
        value[0]["claims"][0]["strength"]
            .as_str()
            .unwrap()
            .to_string()
    };
    std::fs::write(root.join("onmessage.yml"), "sales: [\"sales/**\"]\n").unwrap();
    assert_eq!(strength(root), "hedged");
    std::fs::write(
        root.join("onmessage.yml"),
        "sales: [\"sales/**\"]\nlexicons: lex\n",
    )
    .unwrap();
    std::fs::write(root.join("lex/hedges.yml"), "remove:\n  words: [usually]\n").unwrap();
    assert_eq!(strength(root), "plain");

    std::fs::write(root.join("lex/hedges.yml"), "remove:\n  word: [usually]\n").unwrap();
    check(root, &[])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("hedges.yml:2:").and(predicate::str::contains(
                "unknown section `word`; this lexicon has words, phrases",
            )),
        );
}

/// `tests/data/demo-baseline-v1.json` was written by `onmessage baseline
/// fixtures/demo` before the pipeline restructure: baselines users already
/// committed must keep hiding the findings they list.
#[test]
fn a_baseline_written_before_the_restructure_still_hides_every_demo_finding() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    let baseline = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/demo-baseline-v1.json");
    let listed: Value = serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    let listed = listed["findings"].as_array().unwrap().len();
    let (unfiltered, _) = json(&demo, &["--no-baseline"]);
    assert_eq!(unfiltered["findings"].as_array().unwrap().len(), listed);

    let baseline = baseline.to_str().unwrap();
    let (hidden, code) = json(&demo, &["--baseline", baseline]);
    assert_eq!(code, 0, "{hidden}");
    assert_eq!(hidden["findings"].as_array().unwrap().len(), 0, "{hidden}");
    check(&demo, &["--baseline", baseline])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(format!(
            "{listed} findings hidden by the baseline"
        )));
}

/// `onmessage why ARGS` run from the demo repo.
fn why(args: &[&str]) -> std::process::Output {
    Command::cargo_bin("onmessage")
        .expect("binary")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo"))
        .arg("why")
        .args(args)
        .output()
        .expect("run")
}

#[test]
fn why_traces_a_flagged_line_through_every_stage() {
    let out = why(&["sales/battlecard.md:10", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(t["path"], "sales/battlecard.md");
    assert_eq!(t["line"], 10);
    for key in ["kind", "heading_path", "line", "end_line"] {
        assert!(!t["block"][key].is_null(), "block.{key}: {t}");
    }
    let clauses: Vec<&Value> = t["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["clauses"].as_array().unwrap())
        .collect();
    let claim = clauses
        .iter()
        .find(|c| c["claim"]["is_claim"] == true)
        .expect("a claim on the line");
    assert!(claim["claim"]["reason"]
        .as_str()
        .unwrap()
        .contains("figure"));
    assert!(!claim["features"]["figures"].as_array().unwrap().is_empty());
    let candidates = claim["candidates"].as_array().unwrap();
    assert!(!candidates.is_empty() && candidates.len() <= 5);
    let accepted = candidates
        .iter()
        .find(|c| c["accepted"] == true)
        .expect("accepted");
    assert!(accepted["reason"].is_null());
    assert!((0.0..=1.0).contains(&accepted["score"].as_f64().unwrap()));
    let decided: Vec<&Value> = claim["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["decided"] == true)
        .collect();
    assert_eq!(decided.len(), 1, "{claim}");
    assert_eq!(decided[0]["rule"], "align.number-mismatch");
    let finding = &claim["findings"][0];
    assert_eq!(finding["rule"], "align.number-mismatch");
    assert!(finding["suppressed"].is_null());
    // The same line as `check` prints it, with its column.
    let human = why(&["sales/battlecard.md:10:1"]);
    assert_eq!(human.status.code(), Some(0));
    let text = String::from_utf8(human.stdout).unwrap();
    assert!(
        text.contains("brand candidates:") && text.contains("<- reported"),
        "{text}"
    );
}

#[test]
fn why_names_what_it_cannot_trace_and_exits_2() {
    let out = why(&["EXPECTED.md:1"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a brand doc or sales file"), "{err}");
    let out = why(&["sales/battlecard.md:2"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("holds no prose"), "{err}");
    let out = why(&["sales/battlecard.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("expected FILE:LINE"));
}

#[test]
fn why_shows_a_suppressed_finding_and_what_suppressed_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("brand")).unwrap();
    std::fs::create_dir_all(root.join("sales")).unwrap();
    std::fs::write(
        root.join("onmessage.yml"),
        "brand: [\"brand/**/*.md\"]\nsales: [\"sales/**/*.md\"]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("brand/guide.md"),
        "# Guide\n\nAcme Flow cuts invoice processing time by up to 40%.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("sales/call.md"),
        "# Call\n\n<!-- onmessage-disable-next-line align -->\nAcme Flow cuts invoice processing time by 90%.\n",
    )
    .unwrap();
    let out = Command::cargo_bin("onmessage")
        .unwrap()
        .current_dir(root)
        .args(["why", "sales/call.md:4", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t: Value = serde_json::from_slice(&out.stdout).unwrap();
    let finding = &t["sentences"][0]["clauses"][0]["findings"][0];
    assert!(
        finding["rule"].as_str().unwrap().starts_with("align."),
        "{t}"
    );
    assert_eq!(finding["suppressed"], "directive", "{t}");
}

#[test]
fn explain_shows_the_match_and_runners_up_in_human_output_too() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo");
    let out = check(&demo, &["--explain", "--no-baseline"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("= matched: "), "{text}");
    let (value, _) = json(&demo, &["--explain"]);
    let explained: Vec<&Value> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["explain"]["matched"].is_object())
        .collect();
    assert!(!explained.is_empty());
    for f in explained {
        assert_eq!(f["explain"]["matched"]["accepted"], true, "{f}");
        for r in f["explain"]["runners_up"].as_array().unwrap() {
            assert!(r["accepted"].is_boolean());
            assert_eq!(r["reason"].is_null(), r["accepted"] == true, "{r}");
        }
    }
}
