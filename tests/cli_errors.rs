//! Errors that say what to do: config mistakes (unknown keys, one string for
//! a list, unquoted globs, tabs), rule-pack regexes spoiled by double quotes,
//! pack rules without examples, and `claims` output a person can read.

use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

mod common;
use common::{stderr, stdout, write};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("onmessage")
        .unwrap()
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

/// A repo with one brand doc and one sales file, and this config.
fn repo(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "messaging/core.md",
        "# Messaging\n\n- Acme Flow closes the books in three days.\n",
    );
    write(
        dir.path(),
        "sales/call.md",
        "# Call\n\nRep: Acme Flow closes the books in three days.\n",
    );
    write(dir.path(), "onmessage.yml", config);
    dir
}

/// `check`'s exit code and standard error for a config.
fn check_config(config: &str) -> (Option<i32>, String) {
    let dir = repo(config);
    let out = run(dir.path(), &["check"]);
    (out.status.code(), stderr(&out))
}

/// How many `N:M` positions (`:3:1:` or `line 3 column 1`) a message gives.
fn positions(message: &str) -> usize {
    message.matches(" at line ").count()
        + message
            .split(':')
            .collect::<Vec<_>>()
            .windows(2)
            .filter(|w| {
                w.iter()
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            })
            .count()
}

#[test]
fn an_unknown_key_is_reported_once_with_the_nearest_known_key() {
    let (code, err) = check_config("brand: [\"messaging/**\"]\nsale: [\"sales/**\"]\n");
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("onmessage.yml:2:1: unknown field `sale`"),
        "{err}"
    );
    assert!(err.contains("did you mean `sales`?"), "{err}");
    assert_eq!(positions(&err), 1, "{err}");

    let (code, err) = check_config("brand: [\"messaging/**\"]\nrules:\n  severty: {}\n");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("onmessage.yml:3:3: rules: unknown field `severty`"),
        "{err}"
    );
    assert!(err.contains("did you mean `severity`?"), "{err}");
    assert_eq!(positions(&err), 1, "{err}");

    let (_, err) = check_config("brand: [\"messaging/**\"]\nrules:\n  severity: {risky: eror}\n");
    assert!(err.contains("unknown variant `eror`"), "{err}");
    assert!(err.contains("did you mean `error`?"), "{err}");
    assert_eq!(positions(&err), 1, "{err}");
}

#[test]
fn one_string_where_a_list_is_expected_is_a_one_item_list() {
    let dir = repo(
        "brand: \"messaging/**/*.md\"\nsales: \"sales/**/*.md\"\nexclude: \"drafts/**\"\nrules:\n  disable: risky\n",
    );
    write(
        dir.path(),
        "sales/call.md",
        "# Call\n\nRep: Acme Flow closes the books in five days, guaranteed.\n",
    );
    let out = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    // The brand glob found the brand doc (a number mismatch against it) and
    // `disable: risky` turned the guarantee rule off.
    assert!(rules.contains(&"align.number-mismatch"), "{rules:?}");
    assert!(!rules.iter().any(|r| r.starts_with("risky.")), "{rules:?}");
    // Anything else is still an error at its position.
    let (code, err) = check_config("brand: {messaging: 1}\n");
    assert_eq!(code, Some(2));
    assert!(
        err.contains(
            "onmessage.yml:1:8: brand: invalid type: map, expected a string or a list of strings"
        ),
        "{err}"
    );
}

#[test]
fn yaml_errors_hint_at_unquoted_globs_and_tabs() {
    let (code, err) = check_config("brand:\n  - *.md\n");
    assert_eq!(code, Some(2));
    assert!(err.contains("onmessage.yml:2:"), "{err}");
    assert!(err.contains("quote globs"), "{err}");
    assert_eq!(positions(&err), 1, "{err}");

    let (code, err) = check_config("brand: [\"messaging/**\"]\nsales: [*.md]\n");
    assert_eq!(code, Some(2));
    assert!(err.contains("quote globs"), "{err}");

    let (code, err) = check_config("brand:\n\t- \"messaging/**\"\n");
    assert_eq!(code, Some(2));
    assert!(err.contains("onmessage.yml:2:"), "{err}");
    assert!(err.contains("YAML does not allow tabs"), "{err}");
    assert_eq!(positions(&err), 1, "{err}");

    // Other mistakes get no misleading hint.
    let (code, err) = check_config("brand: [\"messaging/**\"\n");
    assert_eq!(code, Some(2));
    assert!(
        !err.contains("tabs") && !err.contains("quote globs"),
        "{err}"
    );
}

const PACK: &str = r#"pack: team
rules:
  - id: code-name
    kind: forbid
    message: "Internal code name."
    patterns: ["\bFalcon\b"]
    examples:
      invalid: ["Falcon ships soon."]
  - id: quoted-right
    kind: forbid
    message: "Internal code name."
    patterns: ['\bOsprey\b']
    examples:
      invalid: ["Osprey ships soon."]
  - id: untested
    kind: forbid
    message: "An old name."
    terms: ["Acme Sync"]
"#;

#[test]
fn a_regex_spoiled_by_double_quotes_is_a_warning_naming_the_rule() {
    let dir = repo(
        "brand: [\"messaging/**/*.md\"]\nsales: [\"sales/**/*.md\"]\nrules:\n  packs: [team.yml]\n",
    );
    write(dir.path(), "team.yml", PACK);
    for args in [
        &["check"][..],
        &["baseline", "-o", "b.json"],
        &["rules", "list"],
        &["rules", "test", "team.yml"],
    ] {
        let err = stderr(&run(dir.path(), args));
        let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
        assert_eq!(warnings.len(), 1, "{args:?}: {err}");
        let w = warnings[0];
        assert!(w.contains("team.yml:6:16: rule `team.code-name`"), "{w}");
        assert!(w.contains("`\\b`"), "{w}");
        assert!(w.contains("use single quotes for regexes"), "{w}");
    }
    // An escape YAML does not know (`"\d"`) is an error with the same advice.
    write(
        dir.path(),
        "team.yml",
        &PACK.replace(r#"["\bFalcon\b"]"#, r#"["\d+ days"]"#),
    );
    let out = run(dir.path(), &["rules", "list"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("team.yml:6:"), "{err}");
    assert!(err.contains("use single quotes for regexes"), "{err}");
}

#[test]
fn rules_test_fails_a_pack_rule_without_examples() {
    let dir = repo("brand: [\"messaging/**/*.md\"]\nrules:\n  packs: [team.yml]\n");
    let fixed = PACK.replace(r#"["\bFalcon\b"]"#, r"['\bFalcon\b']");
    write(dir.path(), "team.yml", &fixed);
    let out = run(dir.path(), &["rules", "test", "team.yml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("FAIL team.untested: no examples"), "{text}");
    assert!(
        text.ends_with("3 rules, 2 examples: 2 passed, 0 failed; 1 rule without examples\n"),
        "{text}"
    );
    // The same through the loaded packs, by name.
    let out = run(dir.path(), &["rules", "test", "team"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("FAIL team.untested: no examples"));
    // With examples everywhere it passes.
    let tested = fixed.replace(
        "    terms: [\"Acme Sync\"]\n",
        "    terms: [\"Acme Sync\"]\n    examples:\n      invalid: [\"Acme Sync is here.\"]\n",
    );
    write(dir.path(), "team.yml", &tested);
    let out = run(dir.path(), &["rules", "test", "team.yml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // The built-in packs all have examples.
    let out = run(dir.path(), &["rules", "test", "risky"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn claims_show_words_as_written_and_converted_units_rounded() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "call.md",
        "Rep: Acme Flow pays back in 3 months. Most teams go live in under two weeks. Invoice capture reads line items with 99.9% accuracy.\n",
    );
    let out = run(dir.path(), &["claims", "call.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("call.md: 3 claims\n"), "{text}");
    assert!(
        text.contains("quantity: 3 months (≈ 91 days) · duration, exact\n"),
        "{text}"
    );
    assert!(
        text.contains("quantity: in under two weeks (= 14 days) · duration, under\n"),
        "{text}"
    );
    assert!(
        text.contains("quantity: 99.9% · percent, exact\n"),
        "{text}"
    );
    assert!(
        text.contains("terms: Invoice, capture, reads, line, items, accuracy\n"),
        "{text}"
    );
    assert!(text.contains("go live"), "{text}");
    assert!(
        !text.contains("91.19") && !text.contains("invoic,"),
        "{text}"
    );

    let out = run(dir.path(), &["claims", "--format", "json", "call.md"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let last = &json[0]["claims"][2];
    assert_eq!(last["words"][0], "Invoice");
    assert_eq!(last["terms"][0], "invoic", "JSON keeps the stems for tools");
}
